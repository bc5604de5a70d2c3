"""Headless `tripletex-desktop sync`, and the composition the GUI shares: lock, client, engine, database."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import logging
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TextIO

from tripletex_desktop.cli.texts import Texts, language
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.errors import (
    ConfigurationError,
    ErrorInfo,
    TripletexDesktopError,
)
from tripletex_desktop.core.mapping import mapping_gaps
from tripletex_desktop.core.models import OWN_COMPANY, SyncProgress, TravelExpenseSettings
from tripletex_desktop.core.permissions import PERMISSIONS_BY_KEY
from tripletex_desktop.core.sync import (
    TOKEN_ERROR_CODES,
    CompanyReport,
    CompanyTarget,
    Entity,
    EntityCounts,
    EntityError,
    HistoryEntry,
    OutboxPusher,
    PushSummary,
    ReferenceRow,
    RunStatus,
    SyncEngine,
    SyncPlan,
    SyncReport,
)
from tripletex_desktop.core.sync.health import mapping_complete, mapping_of
from tripletex_desktop.core.sync.permcheck import StoredCheck

log = logging.getLogger(__name__)

EXIT_OK, EXIT_ERROR, EXIT_ATTENTION = 0, 1, 2

#: Engine entity codes -> storage.db kinds.
STORAGE_KIND: dict[str, str] = {
    Entity.EMPLOYEES: "employee",
    Entity.DEPARTMENTS: "department",
    Entity.PROJECTS: "project",
    Entity.COST_CATEGORIES: "cost_category",
    Entity.PAYMENT_TYPES: "payment_type",
    Entity.TRAVEL_SETTINGS: "travel_settings",
    Entity.RATE_CATEGORIES: "rate_category",
    Entity.RATES: "rate",
}

SyncRunFn = Callable[[str, CancelToken, Callable[[SyncProgress], None]], SyncReport]


# --- storage adapter ------------------------------------------------------------------------------


#: Converting rows is pure Python that holds the GIL; every this many rows the sync thread lets the GUI
#: thread run (time.sleep(0) releases the GIL), so a 20,000-row list never freezes the window.
YIELD_EVERY = 256


def _ref_rows(kind: str, rows: Sequence[Any]) -> list[Any]:
    from tripletex_desktop.storage.db import RefRow

    if kind == Entity.TRAVEL_SETTINGS:
        return [RefRow(tripletex_id=0, label="settings", data=dataclasses.asdict(r)) for r in rows]
    out = []
    for i, row in enumerate(rows, 1):
        out.append(RefRow.from_model(row))
        if i % YIELD_EVERY == 0:
            time.sleep(0)
    return out


class DatabaseSink:
    """The engine's ReferenceSink over storage.db.Database (thread-safe: one SQLite connection per thread)."""

    def __init__(self, db: Any, trigger: str = "manual") -> None:
        self._db = db
        self._trigger = trigger

    def get_digest(self, connection_id: str, company_id: int, kind: str) -> str | None:
        """The stored checksum of a list."""
        return self._db.get_digest(connection_id, company_id, STORAGE_KIND[kind])

    def store_reference(
        self, connection_id: str, company_id: int, kind: str, rows: Sequence[Any], digest: str | None
    ) -> EntityCounts:
        """Replace the list, then store its checksum (in that order: a crash between costs a full read)."""
        skind = STORAGE_KIND[kind]
        changes = self._db.replace_reference(connection_id, company_id, skind, _ref_rows(kind, rows))
        self._db.set_digest(connection_id, company_id, skind, digest)
        return EntityCounts(
            added=changes.added,
            updated=changes.updated,
            deactivated=changes.deactivated,
            unchanged=changes.unchanged,
        )

    def count_reference(self, connection_id: str, company_id: int, kind: str) -> int:
        """Active rows of a list."""
        return int(self._db.count_reference(connection_id, company_id, STORAGE_KIND[kind]))

    def start_run(self, connection_id: str, started_at: dt.datetime) -> int:
        """Open a history entry."""
        return int(self._db.start_run(connection_id, self._trigger))

    def last_permission_check(self, connection_id: str, company_id: int) -> StoredCheck | None:
        """The newest stored permission check of a company (core.sync.permcheck's PermissionCheckStore)."""
        check = self._db.last_permission_check(connection_id, company_id)
        if check is None:
            return None
        return StoredCheck(checked_at=check.checked_at, results=check.results)

    def save_permission_check(self, connection_id: str, company_id: int, results: Mapping[str, Any]) -> None:
        """Store a permission check (the support bundle's permission_checks.json reads the newest)."""
        self._db.save_permission_check(connection_id, company_id, dict(results))

    def finish_run(self, run_id: int, report: SyncReport) -> None:
        """Close the history entry with the whole report (rebuilt later by `history_entry`)."""
        errors = [_error_row(None, e) for e in report.errors]
        for company in report.companies:
            errors.extend(_error_row(company.company_id, e) for e in company.errors)
        warnings = [{"company_id": c.company_id, "code": w} for c in report.companies for w in c.warnings]
        self._db.finish_run(run_id, str(report.status), report_to_json(report), warnings, errors)


def _error_row(company_id: int | None, err: EntityError) -> dict[str, Any]:
    return {
        "code": err.error.code,
        "detail": err.error.detail,
        "request_id": err.error.request_id,
        "company_id": company_id,
    }


def _error_extra(err: EntityError) -> dict[str, Any]:
    e = err.error
    return {
        "entity": err.entity,
        "status": e.status,
        "tripletex_code": e.tripletex_code,
        "retry_after": e.retry_after,
    }


def report_to_json(report: SyncReport) -> dict[str, Any]:
    """What the history's `counts` column keeps: everything of the report but the errors' texts."""
    return {
        "cancelled": report.cancelled,
        "started_at": report.started_at.isoformat(),
        "errors": [_error_extra(e) for e in report.errors],
        "companies": [
            {
                "company_id": c.company_id,
                "name": c.name,
                "cancelled": c.cancelled,
                "counts": {k: dataclasses.asdict(v) for k, v in c.counts.items()},
                "warnings": list(c.warnings),
                "errors": [_error_extra(e) for e in c.errors],
                "push": dataclasses.asdict(c.push),
                "skipped": c.skipped,
                "travel_settings": None
                if c.travel_settings is None
                else dataclasses.asdict(c.travel_settings),
            }
            for c in report.companies
        ],
    }


def travel_settings_from(data: Any) -> TravelExpenseSettings | None:
    """TravelExpenseSettings from its stored dict (unknown keys ignored), or None."""
    if not isinstance(data, Mapping):
        return None
    names = {f.name for f in dataclasses.fields(TravelExpenseSettings)}
    return TravelExpenseSettings(**{k: bool(v) for k, v in data.items() if k in names})


def stored_travel_settings(db: Any, connection_id: str, company_id: int) -> TravelExpenseSettings | None:
    """The travel settings the last sync stored for a company (reference kind travel_settings), or None."""
    rows = db.list_reference(connection_id, company_id, STORAGE_KIND[Entity.TRAVEL_SETTINGS])
    return travel_settings_from(rows[0].data) if rows else None


def history_entry(run: Any) -> HistoryEntry:
    """Rebuild a SyncReport from a storage SyncRun (errors keep their code, detail and requestId)."""
    data: Mapping[str, Any] = run.counts or {}
    by_company: dict[int | None, list[Any]] = {}
    for e in run.errors:
        by_company.setdefault(e.company_id, []).append(e)

    def errors(company_id: int | None, extras: Sequence[Mapping[str, Any]]) -> tuple[EntityError, ...]:
        out = []
        for i, e in enumerate(by_company.get(company_id, [])):
            extra = extras[i] if i < len(extras) else {}
            info = ErrorInfo(
                code=e.code,
                detail=e.detail,
                request_id=e.request_id,
                status=extra.get("status"),
                tripletex_code=extra.get("tripletex_code"),
                retry_after=extra.get("retry_after"),
            )
            out.append(EntityError(extra.get("entity"), info))
        return tuple(out)

    companies = tuple(
        CompanyReport(
            company_id=int(c["company_id"]),
            name=str(c.get("name", "")),
            counts={k: EntityCounts(**v) for k, v in (c.get("counts") or {}).items()},
            warnings=tuple(c.get("warnings") or ()),
            errors=errors(int(c["company_id"]), c.get("errors") or ()),
            push=PushSummary(**(c.get("push") or {})),
            cancelled=bool(c.get("cancelled")),
            skipped=bool(c.get("skipped")),
            travel_settings=travel_settings_from(c.get("travel_settings")),
        )
        for c in data.get("companies", ())
    )
    started = run.started_at
    report = SyncReport(
        connection_id=run.connection_id,
        started_at=started,
        finished_at=run.finished_at or started,
        companies=companies,
        errors=errors(None, data.get("errors") or ()),
        cancelled=bool(data.get("cancelled")) or run.result == RunStatus.CANCELLED,
    )
    return HistoryEntry(run_id=int(run.id), report=report, trigger=str(run.trigger))


def read_history(db: Any, connection_id: str, limit: int = 50) -> list[HistoryEntry]:
    """Finished runs of a connection, newest first."""
    return [history_entry(r) for r in db.list_runs(connection_id, limit) if r.finished_at is not None]


def read_reference(db: Any, connection_id: str, company_id: int, kind: str) -> list[ReferenceRow]:
    """Rows of one synced list for the data browser (inactive ones included, marked)."""
    rows = db.list_reference(connection_id, company_id, STORAGE_KIND[kind], include_inactive=True)
    out = []
    for i, r in enumerate(rows, 1):
        out.append(ReferenceRow(r.tripletex_id, r.label, r.number, r.is_active))
        if i % YIELD_EVERY == 0:
            time.sleep(0)  # let the GUI thread have the GIL (see YIELD_EVERY)
    return out


# --- the runner ------------------------------------------------------------------------------------


def plan_for(
    connection: Any, *, max_workers: int = 2, db: Any | None = None, check_permissions: bool = False
) -> SyncPlan:
    """The plan of a stored connection (storage.settings.ConnectionSettings, duck-typed).

    Each company carries its mapping and, with `db`, the travel settings stored by the last sync, so the
    engine applies core.mapping.mapping_gaps (no mileage category needed where mileage is not paid).
    """
    sync = connection.sync
    accountant = bool(getattr(connection, "is_accountant", False))
    companies = []
    for c in connection.companies:
        settings = stored_travel_settings(db, connection.id, int(c.id)) if db is not None else None
        companies.append(
            CompanyTarget(
                company_id=int(c.id),
                name=c.name,
                projects=bool(sync.projects),
                departments=bool(sync.departments),
                mapping_complete=mapping_complete(c, settings),
                context_id=int(c.id) if accountant else OWN_COMPANY,
                mapping=mapping_of(c),
                travel_settings=settings,
            )
        )
    return SyncPlan(
        connection.id, tuple(companies), max_workers=max_workers, check_permissions=check_permissions
    )


def make_sync_runner(
    context: Any,
    *,
    trigger: str = "manual",
    max_workers: int = 2,
    pusher: OutboxPusher | None = None,
    pusher_for: Callable[[Any], OutboxPusher | None] | None = None,
    lock_factory: Callable[[str], Any] | None = None,
    check_permissions: bool = False,
    clock: Callable[[], dt.datetime] | None = None,
) -> SyncRunFn:
    """`run(connection_id, cancel, on_progress) -> SyncReport` over the app's AppContext.

    Takes the connection's inter-process lock (SyncAlreadyRunning when the GUI or another CLI holds it),
    builds the client from settings and keyring, runs the engine into the database and its history, and
    closes the client. A failure before the engine starts (no token, no keyring) is recorded as a run too.
    The push step uses `pusher`, else `pusher_for(connection)` (the app passes the travel-report outbox,
    reports_backend.outbox_pusher_for), else nothing. Permissions are probed per company when the stored
    check is older than 24 h, missing, or had a gap (`check_permissions` forces it); checks are stored.
    """

    def default_lock(connection_id: str) -> Any:
        from tripletex_desktop.storage.lock import ConnectionLock

        return ConnectionLock(context.paths.lock_dir, connection_id)

    make_lock = lock_factory or default_lock

    def run(
        connection_id: str, cancel: CancelToken, on_progress: Callable[[SyncProgress], None]
    ) -> SyncReport:
        connection = context.settings.connection(connection_id)
        if connection is None:
            raise ConfigurationError("unknown connection")
        sink = DatabaseSink(context.db, trigger)
        with make_lock(connection.id):
            try:
                client = context.client_for(connection, cancel)
            except TripletexDesktopError as exc:
                now = dt.datetime.now(dt.UTC)
                run_id = sink.start_run(connection.id, now)
                failed = SyncReport(
                    connection.id, now, now, errors=(EntityError(None, ErrorInfo.from_exception(exc)),)
                )
                sink.finish_run(run_id, failed)
                raise
            try:
                outbox = pusher or (pusher_for(connection) if pusher_for is not None else None)
                engine = SyncEngine(
                    client.company,
                    sink,
                    pusher=outbox,
                    max_workers=max_workers,
                    permission_store=sink,
                    now=clock,
                )
                plan = plan_for(
                    connection, max_workers=max_workers, db=context.db, check_permissions=check_permissions
                )
                return engine.run(plan, cancel, on_progress)
            finally:
                client.close()

    return run


def exit_code(reports: Sequence[SyncReport], failures: Sequence[ErrorInfo]) -> int:
    """0 all well, 2 a connection needs the user (token, permission, mapping), 1 any other error."""
    attention = any(r.needs_attention for r in reports) or any(
        f.code in TOKEN_ERROR_CODES | {"permission_denied", "configuration", "keyring_unavailable"}
        for f in failures
    )
    if attention:
        return EXIT_ATTENTION
    if failures or any(r.status in (RunStatus.ERROR, RunStatus.CANCELLED) for r in reports):
        return EXIT_ERROR
    return EXIT_OK


# --- command line ----------------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tripletex-desktop sync",
        description="Sync every configured Tripletex connection (or one) once, then exit. "
        "Exit status: 0 all well, 2 a connection needs attention, 1 error.",
    )
    parser.add_argument("--connection", metavar="NAME", help="only this connection (its name or id)")
    parser.add_argument("--json", action="store_true", help="print one JSON document instead of text")
    parser.add_argument("--config-dir", metavar="DIR", help="settings, data and logs in this folder")
    parser.add_argument("--lang", choices=("nb", "en"), help="text output language (default from LANG)")
    parser.add_argument(
        "--check-permissions",
        action="store_true",
        help="probe the token's permissions in every company now (otherwise at most once a day "
        "while nothing is missing)",
    )
    return parser


def _company_status(c: CompanyReport) -> str:
    return "skipped" if c.skipped else str(c.status)


def _summary(report: SyncReport) -> dict[str, Any]:
    return {
        "connection_id": report.connection_id,
        "status": str(report.status),
        "needs_attention": report.needs_attention,
        "started_at": report.started_at.isoformat(),
        "finished_at": report.finished_at.isoformat(),
        "errors": [_error_json(None, e) for e in report.errors],
        "companies": [
            {
                "company_id": c.company_id,
                "name": c.name,
                "status": _company_status(c),
                "counts": {k: dataclasses.asdict(v) for k, v in c.counts.items()},
                "warnings": list(c.warnings),
                "errors": [_error_json(c.company_id, e) for e in c.errors],
                "push": dataclasses.asdict(c.push),
            }
            for c in report.companies
        ],
    }


def _error_json(company_id: int | None, err: EntityError) -> dict[str, Any]:
    return {
        "company_id": company_id,
        "entity": err.entity,
        "code": err.error.code,
        "detail": err.error.detail,
        "request_id": err.error.request_id,
    }


def _print_text(
    out: TextIO, texts: Texts, connection: Any, report: SyncReport | None, failure: ErrorInfo | None
) -> None:
    """Plain sentences in the user's language: the connection, run-level errors, then each company."""
    label = connection.label
    if failure is not None:
        out.write(texts("connection_failed", label=label, message=texts.error(failure)) + "\n")
        return
    assert report is not None
    status = texts("status.attention") if report.needs_attention else texts(f"status.{report.status}")
    out.write(texts("connection", label=label, status=status) + "\n")
    for e in report.errors:
        out.write("  " + texts("run_error", message=texts.error(e.error)) + "\n")
    for c in report.companies:
        name = c.name or str(c.company_id)
        if c.skipped:
            out.write("  " + texts("company", name=name, status=texts("status.skipped")) + "\n")
            continue
        changes = sum(v.changed for v in c.counts.values())
        line = texts(
            "company_counts",
            name=name,
            status=texts(f"status.{c.status}"),
            lists=len(c.counts),
            changes=changes,
        )
        out.write(f"  {line}\n")
        for e in c.errors:
            out.write(f"    {_entity_error_text(texts, e)}\n")
        for w in c.warnings:
            slots: tuple[str, ...] = ()
            if w == "mapping_missing":
                company = connection.company(c.company_id) if hasattr(connection, "company") else None
                if company is not None:
                    slots = tuple(mapping_gaps(mapping_of(company), c.travel_settings))
            out.write("    " + texts("warning", message=texts.warning(w, slots=slots)) + "\n")
        if c.push.sent or c.push.failed or c.push.unknown:
            out.write(
                "    " + texts("push", sent=c.push.sent, failed=c.push.failed, unknown=c.push.unknown) + "\n"
            )


def _entity_error_text(texts: Texts, err: EntityError) -> str:
    if err.error.code == "permission_denied" and err.entity in PERMISSIONS_BY_KEY:
        return texts.permission(err.entity, err.error)
    return texts("entity_error", entity=texts.entity(err.entity), message=texts.error(err.error))


def main(
    argv: Sequence[str] | None = None,
    *,
    context: Any | None = None,
    stdout: TextIO | None = None,
    cancel: CancelToken | None = None,
) -> int:
    """`tripletex-desktop sync [--connection NAME] [--json] [--lang nb|en] [--check-permissions]
    [--config-dir DIR]`; returns the exit status.
    """
    options = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    out = stdout or sys.stdout
    texts = Texts(language(options.lang))
    own_context = context is None
    if context is None:
        from tripletex_desktop.app import build_context

        try:
            context = build_context(options.config_dir)
        except TripletexDesktopError as exc:
            info = ErrorInfo.from_exception(exc)
            text = texts("startup_failed", message=texts.error(info))
            out.write(json.dumps({"error": exc.code}) + "\n" if options.json else text + "\n")
            return EXIT_ERROR
    try:
        connections = list(context.settings.connections)
        if options.connection:
            chosen = context.settings.connection(options.connection)
            if chosen is None:
                msg = {"error": "unknown_connection", "connection": options.connection}
                text = texts("unknown_connection", name=options.connection)
                out.write(json.dumps(msg) + "\n" if options.json else text + "\n")
                return EXIT_ERROR
            connections = [chosen]
        if not connections:
            out.write(
                json.dumps({"connections": []}) + "\n" if options.json else texts("no_connections") + "\n"
            )
            return EXIT_ATTENTION
        from tripletex_desktop.reports_backend import outbox_pusher_for

        runner = make_sync_runner(
            context,
            trigger="cli",
            pusher_for=outbox_pusher_for(context),
            check_permissions=options.check_permissions,
        )
        token = cancel or CancelToken()
        reports: list[SyncReport] = []
        failures: list[ErrorInfo] = []
        results: list[dict[str, Any]] = []
        for conn in connections:
            try:
                report = runner(conn.id, token, lambda event: None)
            except TripletexDesktopError as exc:
                info = ErrorInfo.from_exception(exc)
                failures.append(info)
                results.append(
                    {
                        "connection_id": conn.id,
                        "label": conn.label,
                        "status": "failed",
                        "error": {"code": info.code, "request_id": info.request_id},
                    }
                )
                if not options.json:
                    _print_text(out, texts, conn, None, info)
                continue
            reports.append(report)
            results.append({"label": conn.label, **_summary(report)})
            if not options.json:
                _print_text(out, texts, conn, report, None)
        code = exit_code(reports, failures)
        if options.json:
            out.write(json.dumps({"exit_code": code, "connections": results}, indent=2) + "\n")
        return code
    finally:
        if own_context:
            context.close()
