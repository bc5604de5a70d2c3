"""The settings file: dataclasses, schema_version with ordered upgrade steps, atomic writes, profiles."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import os
import tempfile
import uuid
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tripletex_desktop.core.errors import (
    DiskFull,
    ProfileInvalid,
    ReadOnlyStorage,
    SettingsCorrupt,
    StorageError,
)
from tripletex_desktop.core.models import CompanyMapping, Environment

#: The layout this code writes. Older files are upgraded step by step on load.
CURRENT_SCHEMA_VERSION = 4
#: Version of the exported profile format (independent of the settings file's schema).
PROFILE_FORMAT_VERSION = 1
PROFILE_KIND = "tripletex-desktop-profile"

SYNC_INTERVALS = ("manual", "15min", "hourly", "daily")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


# --- the model ------------------------------------------------------------------------------------


@dataclass
class CompanySettings:
    """One Tripletex company of a connection, with its travel mapping."""

    id: int
    name: str
    organization_number: str | None = None
    mileage_cost_category_id: int | None = None
    per_diem_cost_category_id: int | None = None
    payment_type_id: int | None = None
    #: Optional: the cost category for toll paid on a mileage line ("Bomavgift").
    toll_cost_category_id: int | None = None

    def mapping(self) -> CompanyMapping:
        """The company's mapping as the shared core model (toll under `extra["toll"]`)."""
        return CompanyMapping(
            company_id=self.id,
            mileage_cost_category_id=self.mileage_cost_category_id,
            per_diem_cost_category_id=self.per_diem_cost_category_id,
            payment_type_id=self.payment_type_id,
            extra={"toll": self.toll_cost_category_id} if self.toll_cost_category_id is not None else {},
        )


@dataclass
class SyncOptions:
    """What a connection syncs and how often."""

    projects: bool = True
    departments: bool = True
    interval: str = "hourly"  # "manual" | "15min" | "hourly" | "daily"
    sync_on_finish: bool = True
    #: After a travel report's lines are written: deliver it in Tripletex ("Levert").
    deliver_reports: bool = True
    #: Then approve it too, where the company's travel settings let this token approve.
    approve_reports: bool = False


def new_connection_id() -> str:
    """A fresh connection id (uuid4 hex)."""
    return uuid.uuid4().hex


@dataclass
class ConnectionSettings:
    """One Tripletex connection (one employee token); its token lives only in the keyring."""

    id: str
    label: str
    environment: str
    base_url: str | None = None
    companies: list[CompanySettings] = field(default_factory=list)
    is_accountant: bool = False
    sync: SyncOptions = field(default_factory=SyncOptions)
    token_expires_on: dt.date | None = None
    has_custom_consumer_token: bool = False
    #: The token owner (whoAmI): their employee id, in the company the token belongs to. None until known
    #: (a connection set up before v4 learns it at its next sync or check). The report editor preselects them.
    employee_id: int | None = None
    employee_company_id: int | None = None

    def company(self, company_id: int) -> CompanySettings | None:
        """The company with this id, if the connection has it."""
        return next((c for c in self.companies if c.id == company_id), None)


@dataclass
class Settings:
    """Everything in the settings file. Never any secret."""

    schema_version: int = CURRENT_SCHEMA_VERSION
    connections: list[ConnectionSettings] = field(default_factory=list)
    ui_language: str | None = None
    window_geometry: str | None = None  # base64 of QWidget.saveGeometry()
    log_level: str = "INFO"
    #: Ask the release feed for a newer version at start. Off by default: no network call without consent.
    check_for_updates: bool = False

    def connection(self, id_or_label: str) -> ConnectionSettings | None:
        """Find a connection by id, else by label (case-insensitive)."""
        for conn in self.connections:
            if conn.id == id_or_label:
                return conn
        wanted = id_or_label.casefold()
        return next((c for c in self.connections if c.label.casefold() == wanted), None)


@dataclass(frozen=True)
class LoadResult:
    """What `SettingsStore.load` found: the settings to use, and the problem if the file was set aside."""

    settings: Settings
    problem: SettingsCorrupt | None = None


# --- (de)serialisation ----------------------------------------------------------------------------


class _Invalid(ValueError):
    """A value in the file has the wrong shape (internal; becomes SettingsCorrupt)."""


def _req(obj: dict[str, Any], key: str, kind: type | tuple[type, ...]) -> Any:
    if key not in obj:
        raise _Invalid(f"missing:{key}")
    return _check(obj[key], key, kind)


def _opt(obj: dict[str, Any], key: str, kind: type | tuple[type, ...], default: Any = None) -> Any:
    value = obj.get(key, default)
    if value is None:
        return default
    return _check(value, key, kind)


def _check(value: Any, key: str, kind: type | tuple[type, ...]) -> Any:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    # bool is an int in Python; never accept true/false where a number is expected, or vice versa.
    if isinstance(value, bool) and bool not in kinds:
        raise _Invalid(f"type:{key}")
    if not isinstance(value, kinds):
        raise _Invalid(f"type:{key}")
    return value


def _dict(value: Any, key: str) -> dict[str, Any]:
    checked: dict[str, Any] = _check(value, key, dict)
    return checked


def _company_from_dict(d: dict[str, Any]) -> CompanySettings:
    return CompanySettings(
        id=_req(d, "id", int),
        name=_req(d, "name", str),
        organization_number=_opt(d, "organization_number", str),
        mileage_cost_category_id=_opt(d, "mileage_cost_category_id", int),
        per_diem_cost_category_id=_opt(d, "per_diem_cost_category_id", int),
        payment_type_id=_opt(d, "payment_type_id", int),
        toll_cost_category_id=_opt(d, "toll_cost_category_id", int),
    )


def _sync_from_dict(d: dict[str, Any]) -> SyncOptions:
    interval = _opt(d, "interval", str, "hourly")
    if interval not in SYNC_INTERVALS:
        raise _Invalid("value:interval")
    return SyncOptions(
        projects=_opt(d, "projects", bool, True),
        departments=_opt(d, "departments", bool, True),
        interval=interval,
        sync_on_finish=_opt(d, "sync_on_finish", bool, True),
        deliver_reports=_opt(d, "deliver_reports", bool, True),
        approve_reports=_opt(d, "approve_reports", bool, False),
    )


def _connection_from_dict(d: dict[str, Any]) -> ConnectionSettings:
    environment = _req(d, "environment", str)
    if environment not in {e.value for e in Environment}:
        raise _Invalid("value:environment")
    expires = _opt(d, "token_expires_on", str)
    try:
        expires_on = dt.date.fromisoformat(expires) if expires else None
    except ValueError as exc:
        raise _Invalid("value:token_expires_on") from exc
    return ConnectionSettings(
        id=_req(d, "id", str),
        label=_req(d, "label", str),
        environment=environment,
        base_url=_opt(d, "base_url", str),
        companies=[_company_from_dict(_dict(c, "companies")) for c in _opt(d, "companies", list, [])],
        is_accountant=_opt(d, "is_accountant", bool, False),
        sync=_sync_from_dict(_dict(d.get("sync") or {}, "sync")),
        token_expires_on=expires_on,
        has_custom_consumer_token=_opt(d, "has_custom_consumer_token", bool, False),
        employee_id=_opt(d, "employee_id", int),
        employee_company_id=_opt(d, "employee_company_id", int),
    )


def settings_from_dict(data: dict[str, Any]) -> Settings:
    """Build Settings from a dict in the CURRENT layout; raises ValueError on a wrong shape."""
    level = _opt(data, "log_level", str, "INFO").upper()
    if level not in LOG_LEVELS:
        raise _Invalid("value:log_level")
    connections = [
        _connection_from_dict(_dict(c, "connections")) for c in _opt(data, "connections", list, [])
    ]
    if len({c.id for c in connections}) != len(connections):
        raise _Invalid("duplicate:connection_id")
    return Settings(
        schema_version=CURRENT_SCHEMA_VERSION,
        connections=connections,
        ui_language=_opt(data, "ui_language", str),
        window_geometry=_opt(data, "window_geometry", str),
        log_level=level,
        check_for_updates=_opt(data, "check_for_updates", bool, False),
    )


def settings_to_dict(settings: Settings) -> dict[str, Any]:
    """The JSON-ready dict of the settings, in the current layout."""
    data = asdict(settings)
    data["schema_version"] = CURRENT_SCHEMA_VERSION
    for conn in data["connections"]:
        expires = conn.get("token_expires_on")
        conn["token_expires_on"] = expires.isoformat() if expires else None
    return data


# --- upgrade steps --------------------------------------------------------------------------------
#
# v1 (first release): one connection per machine, flat at the top level:
#   {"version": 1, "environment": "production", "base_url": null, "label": "...", "accountant": false,
#    "companies": [{"id": 1, "name": "...", "orgnr": "...", "mileage_category": 5,
#                   "per_diem_category": 6, "payment_type": 7}],
#    "sync_projects": true, "sync_departments": true, "sync_interval_minutes": 60,
#    "language": "nb", "geometry": "..."}
# v2: several connections, each with an id; company keys spelled out; language/geometry unchanged:
#   {"schema_version": 2, "connections": [{"id", "label", "environment", "base_url", "is_accountant",
#    "companies": [CompanySettings fields], "sync_projects", "sync_departments", "sync_interval_minutes"}],
#    "language", "geometry"}
# v3: sync options nested with a named interval, ui_language/window_geometry/log_level,
#   token_expires_on and has_custom_consumer_token per connection.
# v4 (current): the token owner per connection, employee_id and employee_company_id (whoAmI); null until the
#   next sync or check of a connection set up before asks Tripletex.


def _upgrade_v1_to_v2(old: dict[str, Any]) -> dict[str, Any]:
    companies = []
    for c in old.get("companies") or []:
        c = _dict(c, "companies")
        companies.append(
            {
                "id": c.get("id"),
                "name": c.get("name"),
                "organization_number": c.get("orgnr"),
                "mileage_cost_category_id": c.get("mileage_category"),
                "per_diem_cost_category_id": c.get("per_diem_category"),
                "payment_type_id": c.get("payment_type"),
            }
        )
    connections = []
    if old.get("environment"):
        first_name = companies[0]["name"] if companies and companies[0].get("name") else None
        connections.append(
            {
                "id": new_connection_id(),
                "label": old.get("label") or first_name or str(old["environment"]),
                "environment": old["environment"],
                "base_url": old.get("base_url"),
                "is_accountant": bool(old.get("accountant", False)),
                "companies": companies,
                "sync_projects": old.get("sync_projects", True),
                "sync_departments": old.get("sync_departments", True),
                "sync_interval_minutes": old.get("sync_interval_minutes", 60),
            }
        )
    return {
        "schema_version": 2,
        "connections": connections,
        "language": old.get("language"),
        "geometry": old.get("geometry"),
    }


def _interval_name(minutes: Any) -> str:
    if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes <= 0:
        return "manual"
    if minutes <= 15:
        return "15min"
    if minutes <= 60:
        return "hourly"
    return "daily"


def _upgrade_v2_to_v3(old: dict[str, Any]) -> dict[str, Any]:
    connections = []
    for c in old.get("connections") or []:
        c = dict(_dict(c, "connections"))
        c["sync"] = {
            "projects": c.pop("sync_projects", True),
            "departments": c.pop("sync_departments", True),
            "interval": _interval_name(c.pop("sync_interval_minutes", 60)),
            "sync_on_finish": True,
        }
        c.setdefault("token_expires_on", None)
        c.setdefault("has_custom_consumer_token", False)
        connections.append(c)
    return {
        "schema_version": 3,
        "connections": connections,
        "ui_language": old.get("language"),
        "window_geometry": old.get("geometry"),
        "log_level": "INFO",
    }


def _upgrade_v3_to_v4(old: dict[str, Any]) -> dict[str, Any]:
    connections = []
    for c in old.get("connections") or []:
        c = dict(_dict(c, "connections"))
        c.setdefault("employee_id", None)
        c.setdefault("employee_company_id", None)
        connections.append(c)
    return {**old, "schema_version": 4, "connections": connections}


#: UPGRADES[n] turns a version-n dict into a version-(n+1) dict. Append-only.
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    1: _upgrade_v1_to_v2,
    2: _upgrade_v2_to_v3,
    3: _upgrade_v3_to_v4,
}


def file_version(data: dict[str, Any]) -> int:
    """The schema version a raw settings dict declares (v1 called the key `version`)."""
    version = data.get("schema_version", data.get("version"))
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _Invalid("schema_version")
    return version


def upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """Run the upgrade steps from the dict's version up to the current one (ValueError if it cannot)."""
    version = file_version(data)
    if version > CURRENT_SCHEMA_VERSION:
        raise _Invalid(f"future_version:{version}")
    while version < CURRENT_SCHEMA_VERSION:
        data = UPGRADES[version](data)
        version += 1
        if file_version(data) != version:  # a step must say what it produced
            raise _Invalid(f"upgrade_step:{version}")
    return data


# --- the store ------------------------------------------------------------------------------------


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def map_os_error(exc: OSError) -> StorageError:
    """Turn an OSError from writing local state into a typed storage error."""
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return DiskFull(f"errno:{exc.errno}")
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return ReadOnlyStorage(f"errno:{exc.errno}")
    return StorageError(f"errno:{exc.errno}")


def atomic_write_bytes(path: Path, payload: bytes, *, mode: int = 0o600) -> None:
    """Write `payload` to `path` atomically (temp file in the same dir, fsync, os.replace).

    On failure the old file stays intact, the temp file is removed, and a typed storage error is raised.
    """
    tmp_name: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
        tmp_name = None
        _fsync_dir(path.parent)
    except OSError as exc:
        raise map_os_error(exc) from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


class SettingsStore:
    """Reads and writes the settings file."""

    def __init__(self, path: Path, *, clock: Callable[[], dt.datetime] = _utc_now) -> None:
        self.path = Path(path)
        self._clock = clock

    def load(self) -> LoadResult:
        """Read the settings; a missing file gives defaults, a bad one is moved aside (see `LoadResult`)."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return LoadResult(Settings())
        except OSError as exc:
            return self._set_aside(f"unreadable:errno:{exc.errno}")
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):  # RecursionError: nested too deep
            return self._set_aside("invalid_json")
        try:
            if not isinstance(data, dict):
                raise _Invalid("not_an_object")
            settings = settings_from_dict(upgrade(data))
        except (_Invalid, KeyError, TypeError, ValueError) as exc:
            reason = str(exc) if isinstance(exc, _Invalid) else f"invalid:{type(exc).__name__}"
            return self._set_aside(reason)
        return LoadResult(settings)

    def save(self, settings: Settings) -> None:
        """Write the settings atomically; raises DiskFull / ReadOnlyStorage / StorageError, old file intact."""
        payload = json.dumps(settings_to_dict(settings), indent=2, ensure_ascii=False, sort_keys=False)
        atomic_write_bytes(self.path, (payload + "\n").encode("utf-8"))

    def _set_aside(self, reason: str) -> LoadResult:
        stamp = self._clock().strftime("%Y%m%d-%H%M%S")
        backup = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while backup.exists():
            backup = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
            n += 1
        try:
            os.replace(self.path, backup)
            backup_path: str | None = str(backup)
        except OSError:
            backup_path = None
        return LoadResult(Settings(), SettingsCorrupt(reason, backup_path=backup_path))


def remember_token_owner(store: SettingsStore, connection_id: str, employee_id: int, company_id: int) -> bool:
    """Record who a connection's token belongs to (whoAmI) in the settings file; True when the file changed.

    Reads the file first and changes only these two fields, so whatever another process (the GUI, a
    `profile import`) saved meanwhile is kept. A file that cannot be read is left alone.
    """
    loaded = store.load()
    if loaded.problem is not None:
        return False
    conn = loaded.settings.connection(connection_id)
    if conn is None or conn.id != connection_id:
        return False
    if (conn.employee_id, conn.employee_company_id) == (employee_id, company_id):
        return False
    conn.employee_id, conn.employee_company_id = employee_id, company_id
    store.save(loaded.settings)
    return True


# --- profiles -------------------------------------------------------------------------------------


def export_profile(settings: Settings, connection_ids: Iterable[str] | None = None) -> dict[str, Any]:
    """Settings for setting up another machine: chosen connections, no secrets, no window state."""
    wanted = None if connection_ids is None else set(connection_ids)
    connections = [
        c for c in settings_to_dict(settings)["connections"] if wanted is None or c["id"] in wanted
    ]
    for conn in connections:
        # The token (and so its expiry and its owner) belongs to this machine's keyring; the next machine
        # asks for one, perhaps another employee's.
        conn.pop("token_expires_on", None)
        conn.pop("employee_id", None)
        conn.pop("employee_company_id", None)
    return {
        "kind": PROFILE_KIND,
        "profile_version": PROFILE_FORMAT_VERSION,
        "settings_schema_version": CURRENT_SCHEMA_VERSION,
        "connections": connections,
        "ui_language": settings.ui_language,
        "log_level": settings.log_level,
    }


def import_profile(data: dict[str, Any], settings: Settings) -> Settings:
    """Add a profile's connections to `settings` (with new ids) and return the new Settings.

    Raises SettingsCorrupt when the profile is not one, is from a newer version, or is malformed.
    """
    try:
        if not isinstance(data, dict) or data.get("kind") != PROFILE_KIND:
            raise _Invalid("not_a_profile")
        version = data.get("profile_version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise _Invalid("profile_version")
        if version > PROFILE_FORMAT_VERSION:
            raise _Invalid(f"future_version:{version}")
        schema = data.get("settings_schema_version", CURRENT_SCHEMA_VERSION)
        wrapped = {"schema_version": schema, "connections": _check(data.get("connections", []), "c", list)}
        if schema < 3:  # an older app exported a v2 layout; run the same upgrade steps as the file
            wrapped["language"] = data.get("ui_language")
        imported = settings_from_dict(upgrade(wrapped))
    except (_Invalid, KeyError, TypeError, ValueError) as exc:
        reason = str(exc) if isinstance(exc, _Invalid) else f"invalid:{type(exc).__name__}"
        raise SettingsCorrupt(reason) from None
    taken = {c.label.casefold() for c in settings.connections}
    merged = list(settings.connections)
    for conn in imported.connections:
        conn.id = new_connection_id()
        conn.token_expires_on = None
        conn.employee_id = conn.employee_company_id = None
        label, n = conn.label, 2
        while label.casefold() in taken:
            label = f"{conn.label} ({n})"
            n += 1
        conn.label = label
        taken.add(label.casefold())
        merged.append(conn)
    ui_language = settings.ui_language or _opt_str(data.get("ui_language"))
    return Settings(
        schema_version=CURRENT_SCHEMA_VERSION,
        connections=merged,
        ui_language=ui_language,
        window_geometry=settings.window_geometry,
        log_level=settings.log_level,
    )


def _opt_str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def read_profile(path: Path) -> dict[str, Any]:
    """The JSON object in a profile file (UTF-8, a BOM allowed); ProfileInvalid says what is wrong with it."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise ProfileInvalid(reason="missing") from None
    except OSError:
        raise ProfileInvalid(reason="unreadable") from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ProfileInvalid(reason="not_utf8") from None
    except json.JSONDecodeError as exc:
        raise ProfileInvalid(reason="not_json", line=exc.lineno) from None
    except RecursionError:  # nested too deep for the parser
        raise ProfileInvalid(reason="not_json") from None
    if not isinstance(data, dict):
        raise ProfileInvalid(reason="not_profile")
    return data
