"""SQLite store (WAL, foreign keys, user_version migrations) for reference data, digests and sync history."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import enum
import json
import os
import shutil
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tripletex_desktop.core.errors import DiskFull, ReadOnlyStorage, StorageError
from tripletex_desktop.core.sync.permcheck import verdicts_changed
from tripletex_desktop.storage.logs import redact
from tripletex_desktop.storage.migrations import MIGRATIONS, Migration
from tripletex_desktop.storage.private import narrow, private_file
from tripletex_desktop.storage.settings import map_os_error

REFERENCE_KINDS = (
    "employee",
    "project",
    "department",
    "cost_category",
    "payment_type",
    "rate_category",
    "rate",
    "zone",
    "travel_settings",
    "vat_settings",
)
#: How many finished runs per connection the history keeps.
RUN_HISTORY_LIMIT = 500
BUSY_TIMEOUT_SECONDS = 10.0

_SQLITE_FULL = getattr(sqlite3, "SQLITE_FULL", 13)
_SQLITE_READONLY = getattr(sqlite3, "SQLITE_READONLY", 8)
_SQLITE_CANTOPEN = getattr(sqlite3, "SQLITE_CANTOPEN", 14)
_SQLITE_BUSY = getattr(sqlite3, "SQLITE_BUSY", 5)
_SQLITE_LOCKED = getattr(sqlite3, "SQLITE_LOCKED", 6)
_SQLITE_CORRUPT = getattr(sqlite3, "SQLITE_CORRUPT", 11)
_SQLITE_NOTADB = getattr(sqlite3, "SQLITE_NOTADB", 26)
_SQLITE_PERM = getattr(sqlite3, "SQLITE_PERM", 3)
_SQLITE_IOERR = getattr(sqlite3, "SQLITE_IOERR", 10)
#: The WAL index (-shm) could not grow: SQLite's own word for a disk that is full when the database opens.
_SQLITE_IOERR_SHMSIZE = getattr(sqlite3, "SQLITE_IOERR_SHMSIZE", 4874)
#: Below this much free space, an I/O error while writing is the disk being full (SQLite reports a write that
#: got no byte through as SQLITE_IOERR_WRITE, not SQLITE_FULL, and keeps the errno to itself).
LOW_ROOM_BYTES = 1 << 20


class DatabaseTooNew(StorageError):
    """The database was written by a newer version of the app (its schema is ahead of ours)."""

    code = "database_too_new"


def map_sqlite_error(exc: sqlite3.Error, folder: Path | None = None) -> StorageError:
    """Turn a sqlite3 error into a typed storage error (DiskFull, ReadOnlyStorage, or StorageError).

    `folder` (the database's) tells an I/O error on a full disk from other I/O errors, and a database that cannot
    be opened in a folder nobody may write to (read-only) from one that is missing."""
    extended = getattr(exc, "sqlite_errorcode", None) or 0
    primary = extended & 0xFF
    message = str(exc).lower()
    if primary == _SQLITE_FULL or "database or disk is full" in message:
        return DiskFull("sqlite:full")
    if extended == _SQLITE_IOERR_SHMSIZE or (
        primary == _SQLITE_IOERR and folder is not None and _free_bytes(folder) < LOW_ROOM_BYTES
    ):
        return DiskFull(f"sqlite:{getattr(exc, 'sqlite_errorname', 'SQLITE_IOERR')}")
    if primary in (_SQLITE_READONLY, _SQLITE_PERM) or "readonly" in message:
        return ReadOnlyStorage("sqlite:readonly")
    if primary == _SQLITE_CANTOPEN:
        if folder is not None and folder.is_dir() and not os.access(folder, os.W_OK):
            return ReadOnlyStorage("sqlite:cantopen")
        return StorageError("sqlite:cantopen")
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return StorageError("sqlite:busy")
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return StorageError("sqlite:corrupt")
    return StorageError(f"sqlite:{getattr(exc, 'sqlite_errorname', type(exc).__name__)}")


def _free_bytes(folder: Path) -> int:
    """Free space where `folder` lives (unknown counts as plenty)."""
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return LOW_ROOM_BYTES


# --- records ---------------------------------------------------------------------------------------


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def _dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_json_default)


@dataclass(frozen=True)
class RefRow:
    """One reference object (employee, project, ...) as stored: id, label, number, active flag and its data."""

    tripletex_id: int
    label: str
    number: str | None = None
    is_active: bool = True
    data: Mapping[str, Any] = field(default_factory=dict)
    first_seen: dt.datetime | None = None
    last_seen: dt.datetime | None = None

    @classmethod
    def from_model(cls, model: Any, *, label: str | None = None, number: str | None = None) -> RefRow:
        """Build a row from a core.models dataclass (id, a label-ish field, number, inactive/closed flags)."""
        data = json.loads(_dumps(dataclasses.asdict(model)))
        if label is None:
            label = next(
                (str(v) for v in (getattr(model, a, None) for a in ("label", "display_name", "name")) if v),
                str(getattr(model, "description", "") or model.id),
            )
        if number is None:
            raw = next(
                (
                    getattr(model, a)
                    for a in ("number", "employee_number", "department_number")
                    if getattr(model, a, None) is not None
                ),
                None,
            )
            number = None if raw is None else str(raw)
        inactive = bool(getattr(model, "is_inactive", False) or getattr(model, "is_closed", False))
        return cls(tripletex_id=int(model.id), label=label, number=number, is_active=not inactive, data=data)


@dataclass(frozen=True)
class RefChanges:
    """What `replace_reference` did."""

    added: int = 0
    updated: int = 0
    deactivated: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        """True when anything was added, updated or deactivated."""
        return bool(self.added or self.updated or self.deactivated)


@dataclass(frozen=True)
class RunError:
    """One error recorded for a sync run."""

    code: str
    detail: str = ""
    request_id: str | None = None
    company_id: int | None = None


@dataclass(frozen=True)
class SyncRun:
    """One sync run from the history."""

    id: int
    connection_id: str
    company_id: int | None
    trigger: str
    started_at: dt.datetime
    finished_at: dt.datetime | None
    result: str | None
    counts: dict[str, Any]
    warnings: list[Any]
    errors: tuple[RunError, ...] = ()


@dataclass(frozen=True)
class PermissionCheck:
    """The stored result of one permission check of one company."""

    connection_id: str
    company_id: int
    checked_at: dt.datetime
    results: Any


# --- the database ----------------------------------------------------------------------------------


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _ts(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _parse_ts(value: str | None) -> dt.datetime | None:
    return None if value is None else dt.datetime.fromisoformat(value)


def _check_kind(kind: str) -> None:
    if kind not in REFERENCE_KINDS:
        raise ValueError(f"unknown reference kind {kind!r}")


def _split_sql(script: str) -> list[str]:
    """Split a script into complete statements (so a step runs inside one explicit transaction)."""
    statements, buffer = [], ""
    for piece in script.split(";"):
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            if buffer.strip(" \n\t;"):
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip(" \n\t;"):
        raise ValueError("incomplete SQL statement in migration")
    return statements


def _loads_or_none(text: str) -> Any:
    try:
        return json.loads(text)
    except (TypeError, ValueError):
        return None


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _search_text(label: str, number: str | None) -> str:
    return f"{label} {number or ''}".casefold()


def _error_fields(error: Any) -> RunError:
    get = error.get if isinstance(error, Mapping) else (lambda k, d=None: getattr(error, k, d))
    company = get("company_id", None)
    return RunError(
        code=str(get("code", "internal") or "internal"),
        detail=redact(str(get("detail", "") or "")),
        request_id=get("request_id", None),
        company_id=None if company is None else int(company),
    )


def _redact_json(value: Any) -> Any:
    """Run every string inside a JSON-able value through the redaction (history never stores a token)."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, Mapping):
        return {str(k): _redact_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_redact_json(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _redact_json(dataclasses.asdict(value))
    return value


class Database:
    """The app's SQLite database: one connection per thread, one writer at a time (WAL readers run alongside)."""

    def __init__(
        self,
        path: Path,
        *,
        clock: Callable[[], dt.datetime] = _utc_now,
        busy_timeout: float = BUSY_TIMEOUT_SECONDS,
    ) -> None:
        self.path = Path(path)
        self._clock = clock
        self._busy_timeout = busy_timeout
        self._local = threading.local()
        self._write_lock = threading.RLock()
        self._all: list[sqlite3.Connection] = []
        self._all_lock = threading.Lock()
        self._closed = False

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        clock: Callable[[], dt.datetime] = _utc_now,
        migrations: Sequence[Migration] = MIGRATIONS,
        busy_timeout: float = BUSY_TIMEOUT_SECONDS,
    ) -> Database:
        """Open (creating if needed) and migrate the database at `path`; raises typed storage errors."""
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # created 0600 before SQLite opens it (SQLite gives the -wal and -shm files the database's mode)
            private_file(path)
        except OSError as exc:
            raise map_os_error(exc) from None
        db = cls(path, clock=clock, busy_timeout=busy_timeout)
        try:
            conn = db._connection()
            with db._guard():
                mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StorageError(f"sqlite:journal_mode:{mode}")
            for side in (f"{path}-wal", f"{path}-shm"):  # left wider by an older version
                narrow(Path(side))
            db.migrate(migrations)
        except BaseException:
            db.close()
            raise
        return db

    # -- connections and transactions --

    def _connection(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None:
            return conn
        if self._closed:
            raise StorageError("closed")
        with self._guard():
            conn = sqlite3.connect(
                self.path, timeout=self._busy_timeout, isolation_level=None, check_same_thread=False
            )
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute(f"PRAGMA busy_timeout={int(self._busy_timeout * 1000)}")
            conn.execute("PRAGMA synchronous=FULL")  # the outbox journal must survive a power cut
        self._local.conn = conn
        with self._all_lock:
            self._all.append(conn)
        return conn

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.OperationalError as exc:
            raise map_sqlite_error(exc, self.path.parent) from None
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.IntegrityError):
                raise
            raise map_sqlite_error(exc, self.path.parent) from None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE .. COMMIT; ROLLBACK on any error), errors mapped."""
        conn = self._connection()
        with self._write_lock, self._guard():
            if conn.in_transaction:  # nested use joins the outer transaction
                yield conn
                return
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._guard():
            return self._connection().execute(sql, params).fetchall()

    def close(self) -> None:
        """Close every thread's connection (safe to call twice)."""
        self._closed = True
        with self._all_lock:
            conns, self._all = self._all, []
        for conn in conns:
            with contextlib.suppress(sqlite3.Error):
                conn.close()
        self._local = threading.local()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema --

    @property
    def schema_version(self) -> int:
        """The database's `PRAGMA user_version`."""
        return int(self._read("PRAGMA user_version")[0][0])

    def migrate(self, migrations: Sequence[Migration] = MIGRATIONS, target: int | None = None) -> int:
        """Apply the missing steps (each in its own transaction, with its user_version bump); returns the version."""
        target = len(migrations) if target is None else target
        current = self.schema_version
        if current > len(migrations):
            raise DatabaseTooNew(f"schema:{current}>{len(migrations)}")
        for number in range(current + 1, target + 1):
            step = migrations[number - 1]
            with self.transaction() as conn:
                # another process may have migrated while we waited for the write lock
                if int(conn.execute("PRAGMA user_version").fetchone()[0]) >= number:
                    continue
                for statement in _split_sql(step.sql):
                    conn.execute(statement)
                if step.func is not None:
                    step.func(conn)
                conn.execute(f"PRAGMA user_version={number}")
        return self.schema_version

    # -- reference data --

    def replace_reference(
        self, connection_id: str, company_id: int, kind: str, rows: Iterable[RefRow]
    ) -> RefChanges:
        """Store the full current list of `kind`; rows missing from it are marked inactive, never deleted."""
        _check_kind(kind)
        new_rows = list(rows)
        if len({r.tripletex_id for r in new_rows}) != len(new_rows):
            raise ValueError("duplicate tripletex_id in reference rows")
        now = _ts(self._clock())
        key = (connection_id, company_id, kind)
        inserts: list[tuple[Any, ...]] = []
        updates: list[tuple[Any, ...]] = []
        touched: list[tuple[Any, ...]] = []
        with self.transaction() as conn:
            existing = {
                row["tripletex_id"]: row
                for row in conn.execute(
                    "SELECT tripletex_id, label, number, is_active, data FROM reference_data"
                    " WHERE connection_id=? AND company_id=? AND kind=?",
                    key,
                )
            }
            for row in new_rows:
                data = _dumps(dict(row.data))
                values = (row.label, row.number, int(bool(row.is_active)), data)
                old = existing.pop(row.tripletex_id, None)
                if old is None:
                    inserts.append(
                        (*key, row.tripletex_id, *values, _search_text(row.label, row.number), now, now)
                    )
                elif (old["label"], old["number"], old["is_active"], old["data"]) == values:
                    touched.append((now, *key, row.tripletex_id))
                else:
                    updates.append(
                        (*values, _search_text(row.label, row.number), now, *key, row.tripletex_id)
                    )
            gone = [(*key, tid) for tid, old in existing.items() if old["is_active"]]
            conn.executemany(
                "INSERT INTO reference_data (connection_id, company_id, kind, tripletex_id, label, number,"
                " is_active, data, search_text, first_seen, last_seen) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                inserts,
            )
            conn.executemany(
                "UPDATE reference_data SET label=?, number=?, is_active=?, data=?, search_text=?, last_seen=?"
                " WHERE connection_id=? AND company_id=? AND kind=? AND tripletex_id=?",
                updates,
            )
            conn.executemany(
                "UPDATE reference_data SET last_seen=?"
                " WHERE connection_id=? AND company_id=? AND kind=? AND tripletex_id=?",
                touched,
            )
            # Deactivated rows keep last_seen: it says when Tripletex last listed them.
            conn.executemany(
                "UPDATE reference_data SET is_active=0"
                " WHERE connection_id=? AND company_id=? AND kind=? AND tripletex_id=?",
                gone,
            )
        return RefChanges(
            added=len(inserts), updated=len(updates), deactivated=len(gone), unchanged=len(touched)
        )

    def _reference_where(
        self, connection_id: str, company_id: int, kind: str, search: str | None, include_inactive: bool
    ) -> tuple[str, list[Any]]:
        _check_kind(kind)
        where = ["connection_id=?", "company_id=?", "kind=?"]
        params: list[Any] = [connection_id, company_id, kind]
        if not include_inactive:
            where.append("is_active=1")
        for term in (search or "").casefold().split():
            where.append("search_text LIKE ? ESCAPE '\\'")
            params.append(f"%{_escape_like(term)}%")
        return " AND ".join(where), params

    def list_reference(
        self,
        connection_id: str,
        company_id: int,
        kind: str,
        search: str | None = None,
        include_inactive: bool = False,
    ) -> list[RefRow]:
        """Stored rows of `kind`, by label; `search` matches every word in label or number (case-insensitive)."""
        where, params = self._reference_where(connection_id, company_id, kind, search, include_inactive)
        rows = self._read(
            "SELECT tripletex_id, label, number, is_active, data, first_seen, last_seen FROM reference_data"
            f" WHERE {where} ORDER BY label COLLATE NOCASE, tripletex_id",
            params,
        )
        return [
            RefRow(
                tripletex_id=r["tripletex_id"],
                label=r["label"],
                number=r["number"],
                is_active=bool(r["is_active"]),
                data=json.loads(r["data"]),
                first_seen=_parse_ts(r["first_seen"]),
                last_seen=_parse_ts(r["last_seen"]),
            )
            for r in rows
        ]

    def count_reference(
        self,
        connection_id: str,
        company_id: int,
        kind: str,
        search: str | None = None,
        include_inactive: bool = False,
    ) -> int:
        """How many rows `list_reference` would return."""
        where, params = self._reference_where(connection_id, company_id, kind, search, include_inactive)
        return int(self._read(f"SELECT COUNT(*) FROM reference_data WHERE {where}", params)[0][0])

    # -- list digests --

    def get_digest(self, connection_id: str, company_id: int, kind: str) -> str | None:
        """The stored `versionDigest` of a list, if any."""
        rows = self._read(
            "SELECT version_digest FROM list_digests WHERE connection_id=? AND company_id=? AND kind=?",
            (connection_id, company_id, kind),
        )
        return rows[0][0] if rows else None

    def set_digest(self, connection_id: str, company_id: int, kind: str, digest: str | None) -> None:
        """Store (or with None, forget) a list's `versionDigest`."""
        with self.transaction() as conn:
            if digest is None:
                conn.execute(
                    "DELETE FROM list_digests WHERE connection_id=? AND company_id=? AND kind=?",
                    (connection_id, company_id, kind),
                )
            else:
                conn.execute(
                    "INSERT INTO list_digests (connection_id, company_id, kind, version_digest, updated_at)"
                    " VALUES (?,?,?,?,?) ON CONFLICT (connection_id, company_id, kind)"
                    " DO UPDATE SET version_digest=excluded.version_digest, updated_at=excluded.updated_at",
                    (connection_id, company_id, kind, digest, _ts(self._clock())),
                )

    # -- sync history --

    def start_run(self, connection_id: str, trigger: str, company_id: int | None = None) -> int:
        """Record the start of a sync run (company_id None: all companies); returns its id."""
        with self.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO sync_runs (connection_id, company_id, trigger, started_at) VALUES (?,?,?,?)",
                (connection_id, company_id, trigger, _ts(self._clock())),
            )
            return int(cur.lastrowid or 0)

    def finish_run(
        self,
        run_id: int,
        result: str,
        counts: Mapping[str, Any] | None = None,
        warnings: Sequence[Any] = (),
        errors: Sequence[Any] = (),
    ) -> None:
        """Record how a run ended; `errors` are ErrorInfo-like (dicts or objects with code, detail, ...)."""
        rows = [_error_fields(e) for e in errors]
        with self.transaction() as conn:
            cur = conn.execute(
                "UPDATE sync_runs SET finished_at=?, result=?, counts=?, warnings=? WHERE id=?",
                (
                    _ts(self._clock()),
                    result,
                    _dumps(_redact_json(dict(counts or {}))),
                    _dumps(_redact_json(list(warnings))),
                    run_id,
                ),
            )
            if cur.rowcount != 1:
                raise ValueError(f"unknown run id {run_id}")
            conn.execute("DELETE FROM sync_run_errors WHERE run_id=?", (run_id,))
            conn.executemany(
                "INSERT INTO sync_run_errors (run_id, position, code, detail, request_id, company_id)"
                " VALUES (?,?,?,?,?,?)",
                [(run_id, i, e.code, e.detail, e.request_id, e.company_id) for i, e in enumerate(rows)],
            )
            connection_id = conn.execute(
                "SELECT connection_id FROM sync_runs WHERE id=?", (run_id,)
            ).fetchone()[0]
            conn.execute(
                "DELETE FROM sync_runs WHERE connection_id=? AND finished_at IS NOT NULL AND id NOT IN"
                " (SELECT id FROM sync_runs WHERE connection_id=? ORDER BY id DESC LIMIT ?)",
                (connection_id, connection_id, RUN_HISTORY_LIMIT),
            )

    def _runs(self, where: str, params: Sequence[Any], limit: int) -> list[SyncRun]:
        runs = self._read(f"SELECT * FROM sync_runs {where} ORDER BY id DESC LIMIT ?", (*params, limit))
        if not runs:
            return []
        ids = [r["id"] for r in runs]
        errors: dict[int, list[RunError]] = {i: [] for i in ids}
        marks = ",".join("?" * len(ids))
        for e in self._read(
            f"SELECT * FROM sync_run_errors WHERE run_id IN ({marks}) ORDER BY run_id, position", ids
        ):
            errors[e["run_id"]].append(RunError(e["code"], e["detail"], e["request_id"], e["company_id"]))
        return [
            SyncRun(
                id=r["id"],
                connection_id=r["connection_id"],
                company_id=r["company_id"],
                trigger=r["trigger"],
                started_at=_parse_ts(r["started_at"]) or dt.datetime.min,
                finished_at=_parse_ts(r["finished_at"]),
                result=r["result"],
                counts=json.loads(r["counts"]),
                warnings=json.loads(r["warnings"]),
                errors=tuple(errors[r["id"]]),
            )
            for r in runs
        ]

    def list_runs(self, connection_id: str | None = None, limit: int = 50) -> list[SyncRun]:
        """The newest runs first (of one connection, or all)."""
        if connection_id is None:
            return self._runs("", (), limit)
        return self._runs("WHERE connection_id=?", (connection_id,), limit)

    def last_run(
        self, connection_id: str, company_id: int | None = None, *, finished_only: bool = True
    ) -> SyncRun | None:
        """The newest (finished) run of a connection; with company_id, one that covered that company."""
        where, params = "WHERE connection_id=?", list[str | int]([connection_id])
        if company_id is not None:
            where += " AND (company_id IS NULL OR company_id=?)"
            params.append(company_id)
        if finished_only:
            where += " AND finished_at IS NOT NULL"
        runs = self._runs(where, params, 1)
        return runs[0] if runs else None

    # -- permission checks --

    def save_permission_check(self, connection_id: str, company_id: int, results_json: Any) -> None:
        """Store a permission check's results (a JSON string or a JSON-able value).

        When a verdict differs from the company's previous check, its list digests are dropped in the same
        transaction: Tripletex's checksums do not cover privilege changes, so a list read with fewer rights
        would otherwise keep answering 304 (the next sync reads every list in full instead).
        """
        text = results_json if isinstance(results_json, str) else _dumps(_redact_json(results_json))
        new = json.loads(text)  # must be JSON
        with self.transaction() as conn:
            row = conn.execute(
                "SELECT results FROM permission_checks WHERE connection_id=? AND company_id=?"
                " ORDER BY id DESC LIMIT 1",
                (connection_id, company_id),
            ).fetchone()
            old = _loads_or_none(row[0]) if row else None
            if isinstance(new, Mapping) and isinstance(old, Mapping) and verdicts_changed(old, new):
                conn.execute(
                    "DELETE FROM list_digests WHERE connection_id=? AND company_id=?",
                    (connection_id, company_id),
                )
            conn.execute(
                "INSERT INTO permission_checks (connection_id, company_id, checked_at, results) VALUES (?,?,?,?)",
                (connection_id, company_id, _ts(self._clock()), redact(text)),
            )
            conn.execute(
                "DELETE FROM permission_checks WHERE connection_id=? AND company_id=? AND id NOT IN"
                " (SELECT id FROM permission_checks WHERE connection_id=? AND company_id=? ORDER BY id DESC"
                " LIMIT 20)",
                (connection_id, company_id, connection_id, company_id),
            )

    def last_permission_check(self, connection_id: str, company_id: int) -> PermissionCheck | None:
        """The newest permission check of a company."""
        rows = self._read(
            "SELECT * FROM permission_checks WHERE connection_id=? AND company_id=? ORDER BY id DESC LIMIT 1",
            (connection_id, company_id),
        )
        return self._permission_check(rows[0]) if rows else None

    def latest_permission_checks(self, connection_id: str | None = None) -> list[PermissionCheck]:
        """The newest check of every (connection, company), for the support bundle."""
        where, params = ("WHERE connection_id=?", [connection_id]) if connection_id else ("", [])
        rows = self._read(
            "SELECT * FROM permission_checks WHERE id IN (SELECT MAX(id) FROM permission_checks"
            f" {where} GROUP BY connection_id, company_id) ORDER BY connection_id, company_id",
            params,
        )
        return [self._permission_check(r) for r in rows]

    @staticmethod
    def _permission_check(row: sqlite3.Row) -> PermissionCheck:
        return PermissionCheck(
            connection_id=row["connection_id"],
            company_id=row["company_id"],
            checked_at=_parse_ts(row["checked_at"]) or dt.datetime.min,
            results=json.loads(row["results"]),
        )

    # -- housekeeping --

    def delete_connection(self, connection_id: str) -> None:
        """Forget everything stored for a connection (when the user removes it)."""
        with self.transaction() as conn:
            for table in ("reference_data", "list_digests", "sync_runs", "permission_checks"):
                conn.execute(f"DELETE FROM {table} WHERE connection_id=?", (connection_id,))
