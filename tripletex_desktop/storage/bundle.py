"""Support bundle: one zip with redacted logs, versions, settings (no secrets), recent sync runs and checks."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import os
import platform
import sys
import tempfile
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from tripletex_desktop import APP_NAME, __version__
from tripletex_desktop.core.errors import StorageError
from tripletex_desktop.storage.db import Database
from tripletex_desktop.storage.logs import LogLocation, log_files, redact
from tripletex_desktop.storage.settings import Settings, map_os_error, settings_to_dict

BUNDLE_PREFIX = "tripletex-desktop-support"
RUNS_IN_BUNDLE = 50


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _json(value: Any) -> str:
    def default(obj: Any) -> Any:
        if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            return dataclasses.asdict(obj)
        if isinstance(obj, dt.date | dt.datetime):
            return obj.isoformat()
        return str(obj)

    return redact(json.dumps(value, indent=2, ensure_ascii=False, default=default)) + "\n"


def _versions(extra_versions: Mapping[str, str], keyring_backend: str | None) -> dict[str, Any]:
    versions: dict[str, Any] = {
        "app": f"{APP_NAME} {__version__}",
        "python": sys.version,
        "python_implementation": platform.python_implementation(),
        "os": platform.platform(),
        "machine": platform.machine(),
        "frozen": bool(getattr(sys, "frozen", False)),
    }
    if keyring_backend is not None:
        versions["keyring_backend"] = keyring_backend
    versions.update({str(k): str(v) for k, v in extra_versions.items()})
    return versions


def _settings_for_bundle(settings: Settings) -> dict[str, Any]:
    data = settings_to_dict(settings)
    data.pop("window_geometry", None)  # opaque and useless for support
    return data


def _redacted_log(path: Path) -> str:
    with path.open("r", encoding="utf-8", errors="replace") as fh:
        return "".join(redact(line) for line in fh)


def create_support_bundle(
    dest: Path,
    *,
    paths: LogLocation,
    settings: Settings,
    db: Database | None,
    extra_versions: Mapping[str, str],
    keyring_backend: str | None = None,
    clock: Callable[[], dt.datetime] = _utc_now,
) -> Path:
    """Write the support zip to `dest` (a folder, or a file name ending in .zip) and return its path.

    Every text that goes in runs through the redaction again, so a token that slipped into a log never
    leaves the machine. A database that cannot be read is noted in the bundle instead of failing it.
    """
    dest = Path(dest)
    stamp = clock().strftime("%Y%m%d-%H%M%S")
    target = dest if dest.suffix.lower() == ".zip" else dest / f"{BUNDLE_PREFIX}-{stamp}.zip"
    problems: list[str] = []
    entries: list[tuple[str, str]] = [
        ("versions.json", _json(_versions(extra_versions, keyring_backend))),
        ("settings.json", _json(_settings_for_bundle(settings))),
    ]
    if db is None:
        problems.append("database: not open")
    else:
        try:
            entries.append(("sync_runs.json", _json(db.list_runs(limit=RUNS_IN_BUNDLE))))
            entries.append(("permission_checks.json", _json(db.latest_permission_checks())))
        except StorageError as exc:
            problems.append(f"database: {exc.code} {exc.detail}")
    for log in log_files(paths):
        try:
            entries.append((f"logs/{Path(log).name}", _redacted_log(Path(log))))
        except OSError as exc:
            problems.append(f"log {Path(log).name}: errno {exc.errno}")
    entries.append(("README.txt", redact(_readme(stamp, problems))))

    tmp_name: str | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for name, text in entries:
                zf.writestr(name, text)
        os.replace(tmp_name, target)
        tmp_name = None
    except OSError as exc:
        raise map_os_error(exc) from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
    return target


def _readme(stamp: str, problems: list[str]) -> str:
    lines = [
        f"{APP_NAME} support bundle, created {stamp} UTC.",
        "Tokens and credentials are removed from every file. Nothing here can log in to Tripletex.",
        "Files: versions.json, settings.json, sync_runs.json, permission_checks.json, logs/.",
    ]
    lines += [f"Not included: {p}" for p in problems]
    return "\n".join(lines) + "\n"
