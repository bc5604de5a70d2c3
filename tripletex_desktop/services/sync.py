"""The sync use case the GUI and the CLI share: lock, client, engine, database sink and history readers."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from tripletex_desktop.app.context import AppContext
from tripletex_desktop.core.api.client import TripletexClient
from tripletex_desktop.core.api.limiter import concurrency_ceiling
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.errors import ConfigurationError, ErrorInfo, TripletexDesktopError
from tripletex_desktop.core.mapping import ListedChoice, MappingProblem
from tripletex_desktop.core.models import OWN_COMPANY, SyncProgress, TravelExpenseSettings
from tripletex_desktop.core.sync import (
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
from tripletex_desktop.core.sync.national import (
    NATIONAL_COMPANY_ID,
    NATIONAL_ENTITIES,
    default_rate_period,
)
from tripletex_desktop.core.sync.permcheck import StoredCheck
from tripletex_desktop.core.sync.report import WaitingReport
from tripletex_desktop.storage.db import Database, RefRow, SyncRun
from tripletex_desktop.storage.lock import ConnectionLock
from tripletex_desktop.storage.reports import ReportRow, ReportStore
from tripletex_desktop.storage.settings import ConnectionSettings, remember_token_owner

log = logging.getLogger(__name__)
OSLO = ZoneInfo("Europe/Oslo")

#: Engine entity codes -> storage.db kinds.
STORAGE_KIND: dict[str, str] = {
    Entity.EMPLOYEES: "employee",
    Entity.DEPARTMENTS: "department",
    Entity.PROJECTS: "project",
    Entity.COST_CATEGORIES: "cost_category",
    Entity.PAYMENT_TYPES: "payment_type",
    Entity.TRAVEL_SETTINGS: "travel_settings",
    Entity.VAT_SETTINGS: "vat_settings",
    Entity.RATE_CATEGORIES: "rate_category",
    Entity.RATES: "rate",
    Entity.ZONES: "zone",
}


class SyncRunFn(Protocol):
    """Runs one connection's sync to the end (lock, engine, history); see make_sync_runner."""

    def __call__(
        self, connection_id: str, cancel: CancelToken, on_progress: Callable[[SyncProgress], None]
    ) -> SyncReport:
        """Sync `connection_id`; raise a TripletexDesktopError (e.g. SyncAlreadyRunning) when it cannot."""
        ...


# --- storage adapter ------------------------------------------------------------------------------


#: Converting rows is pure Python that holds the GIL; every this many rows the sync thread lets the GUI
#: thread run (time.sleep(0) releases the GIL), so a 20,000-row list never freezes the window.
YIELD_EVERY = 256


def _ref_rows(kind: str, rows: Sequence[Any]) -> list[Any]:
    if kind == Entity.TRAVEL_SETTINGS:
        return [RefRow(tripletex_id=0, label="settings", data=dataclasses.asdict(r)) for r in rows]
    if kind == Entity.VAT_SETTINGS:
        return [RefRow(tripletex_id=0, label=str(r.status), data={"status": str(r.status)}) for r in rows]
    out = []
    for i, row in enumerate(rows, 1):
        out.append(RefRow.from_model(row))
        if i % YIELD_EVERY == 0:
            time.sleep(0)
    return out


class DatabaseSink:
    """The engine's ReferenceSink over storage.db.Database (thread-safe: one SQLite connection per thread)."""

    def __init__(self, db: Database, trigger: str = "manual") -> None:
        self._db = db
        self._trigger = trigger

    def get_digest(self, connection_id: str, company_id: int, kind: str) -> str | None:
        """The stored checksum of a list."""
        digest: str | None = self._db.get_digest(connection_id, company_id, STORAGE_KIND[kind])
        return digest

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

    def batch(self) -> contextlib.AbstractContextManager[Any]:
        """One transaction around several stores (the engine's writer thread joins the lists it has)."""
        return self._db.transaction()

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

    def mapping_lists(
        self, connection_id: str, company_id: int
    ) -> tuple[dict[int, ListedChoice], dict[int, ListedChoice]]:
        """A company's stored cost categories and payment types for core.mapping.mapping_problems (rows gone from
        Tripletex stay stored, inactive: `listed` False unless Tripletex marked them inactive)."""

        def listed(kind: str) -> dict[int, ListedChoice]:
            rows = self._db.list_reference(connection_id, company_id, kind, include_inactive=True)
            out = {}
            for r in rows:
                inactive = bool(r.data.get("is_inactive"))
                out[int(r.tripletex_id)] = ListedChoice(str(r.label), bool(r.is_active) or inactive, inactive)
            return out

        return listed("cost_category"), listed("payment_type")

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
                "push": c.push.to_json(),
                "waiting_for_user": [w.to_json() for w in c.waiting_for_user],
                "mapping_problems": [p.to_json() for p in c.mapping_problems],
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


def stored_travel_settings(db: Database, connection_id: str, company_id: int) -> TravelExpenseSettings | None:
    """The travel settings the last sync stored for a company (reference kind travel_settings), or None."""
    rows = db.list_reference(connection_id, company_id, STORAGE_KIND[Entity.TRAVEL_SETTINGS])
    return travel_settings_from(rows[0].data) if rows else None


def history_entry(run: SyncRun) -> HistoryEntry:
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
            push=PushSummary.from_json(c.get("push")),
            cancelled=bool(c.get("cancelled")),
            skipped=bool(c.get("skipped")),
            travel_settings=travel_settings_from(c.get("travel_settings")),
            waiting_for_user=tuple(
                WaitingReport.from_json(w) for w in c.get("waiting_for_user") or () if isinstance(w, Mapping)
            ),
            mapping_problems=tuple(
                MappingProblem.from_json(p) for p in c.get("mapping_problems") or () if isinstance(p, Mapping)
            ),
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


def read_history(db: Database, connection_id: str, limit: int = 50) -> list[HistoryEntry]:
    """Finished runs of a connection, newest first."""
    return [history_entry(r) for r in db.list_runs(connection_id, limit) if r.finished_at is not None]


#: Storage kinds of the national tables (stored once per connection under NATIONAL_COMPANY_ID).
NATIONAL_KINDS = frozenset(STORAGE_KIND[e] for e in NATIONAL_ENTITIES)


def reference_rows(
    db: Database, connection_id: str, company_id: int, storage_kind: str, *, include_inactive: bool = False
) -> list[Any]:
    """A company's stored rows of `storage_kind` (storage.db RefRow); the national tables come from the
    connection's national copy, or (before a sync stored that copy) from the company's own rows."""
    if storage_kind in NATIONAL_KINDS:
        rows = db.list_reference(
            connection_id, NATIONAL_COMPANY_ID, storage_kind, include_inactive=include_inactive
        )
        if rows:
            return list(rows)
    return list(db.list_reference(connection_id, company_id, storage_kind, include_inactive=include_inactive))


def read_reference(db: Database, connection_id: str, company_id: int, kind: str) -> list[ReferenceRow]:
    """Rows of one synced list for the data browser (inactive ones included, marked)."""
    rows = reference_rows(db, connection_id, company_id, STORAGE_KIND[kind], include_inactive=True)
    out = []
    for i, r in enumerate(rows, 1):
        out.append(ReferenceRow(r.tripletex_id, r.label, r.number, r.is_active))
        if i % YIELD_EVERY == 0:
            time.sleep(0)  # let the GUI thread have the GIL (see YIELD_EVERY)
    return out


# --- the outbox's standing state --------------------------------------------------------------------


def waiting_report(row: ReportRow) -> WaitingReport:
    """A stored report that waits for the user as the sync report carries it (title, reason, requestId)."""
    err = row.last_error
    return WaitingReport(
        report_id=str(row.id),
        title=row.title,
        state=row.state,
        code=err.code if err is not None else "failed",
        detail=err.detail if err is not None else "",
        request_id=err.request_id if err is not None else None,
        messages=tuple(f.message for f in err.fields if f.message) if err is not None else (),
    )


class OutboxStandingReader:
    """core.sync's OutboxState over storage.reports.ReportStore: the reports that wait for the user."""

    def __init__(self, db: Database) -> None:
        self._store = ReportStore(db)

    def waiting_for_user(self, connection_id: str, company_id: int) -> list[WaitingReport]:
        """The company's failed reports (not a cancelled send), oldest first."""
        return [waiting_report(r) for r in self._store.waiting_for_user(connection_id, company_id)]


# --- the runner ------------------------------------------------------------------------------------


#: Report states whose rates may still be needed (a sent report is done).
UNSENT_STATES = ("draft", "approved", "queued", "sending", "failed", "unknown")


def rate_period_for(db: Database, connection_id: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """The dates the national rate tables are read for: last year to next year, widened to every report of
    the connection that is not sent yet (an old trip entered late still finds its year's rates)."""
    first, last = default_rate_period(today)
    for row in ReportStore(db).list_reports(connection_id=connection_id, states=UNSENT_STATES):
        for day in (row.departure_date, row.return_date):
            if day is not None:
                first, last = min(first, day), max(last, day)
    return first, last


def plan_for(
    connection: ConnectionSettings,
    *,
    max_workers: int | None = None,
    db: Database | None = None,
    check_permissions: bool = False,
    today: dt.date | None = None,
) -> SyncPlan:
    """The plan of a stored connection (storage.settings.ConnectionSettings, duck-typed).

    Each company carries its mapping and, with `db`, the travel settings stored by the last sync, so the
    engine applies core.mapping.mapping_gaps (no mileage category needed where mileage is not paid); with
    `db` and `today` the national rates are read for `rate_period_for` (else the engine's default period).
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
    period = rate_period_for(db, connection.id, today) if db is not None and today is not None else None
    return SyncPlan(
        connection.id,
        tuple(companies),
        max_workers=max_workers or concurrency_ceiling(),
        check_permissions=check_permissions,
        rate_period=period,
    )


def make_sync_runner(
    context: AppContext,
    *,
    trigger: str = "manual",
    max_workers: int | None = None,
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
    services.reports.outbox_pusher_for), else nothing. Permissions are probed per company when the stored
    check is older than 24 h, missing, or had a gap (`check_permissions` forces it); checks are stored.
    Companies sync on up to `max_workers` threads (None: the ceiling of requests in flight,
    $TRIPLETEX_DESKTOP_CONCURRENCY or 8; the client narrows it by the rate budget, core/api/limiter.py).
    """
    workers = max_workers or concurrency_ceiling()

    def default_lock(connection_id: str) -> Any:
        return ConnectionLock(context.paths.lock_dir, connection_id)

    make_lock = lock_factory or default_lock
    now_fn: Callable[[], dt.datetime] = clock or context.clock

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
                now = now_fn()
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
                    max_workers=workers,
                    permission_store=sink,
                    now=now_fn,
                    outbox_state=OutboxStandingReader(context.db),
                    reference_lists=sink,
                )
                now = now_fn()
                plan = plan_for(
                    connection,
                    max_workers=workers,
                    db=context.db,
                    check_permissions=check_permissions,
                    today=now.astimezone(OSLO).date(),
                )
                report = engine.run(plan, cancel, on_progress)
                if client.clock_skew_days:  # the sync used Tripletex's date: tell the user
                    report = dataclasses.replace(report, clock_skew_days=client.clock_skew_days)
                if connection.employee_id is None and not cancel.cancelled:
                    learn_token_owner(context, connection, client)
                return report
            finally:
                client.close()

    return run


def learn_token_owner(context: AppContext, connection: ConnectionSettings, client: TripletexClient) -> None:
    """Ask whoAmI who the token belongs to, once, for a connection set up before the settings kept it (v4).

    Stored in the file (storage.settings.remember_token_owner keeps what others saved) and in the running
    app's settings, so the report editor preselects them. Best effort: the sync's own result stands either way.
    """
    try:
        who = client.who_am_i(OWN_COMPANY)
        if not who.employee_id or not who.company_id:
            return
        remember_token_owner(context.settings_store, connection.id, who.employee_id, who.company_id)
    except (TripletexDesktopError, OSError):
        log.info("could not learn who the token of %s belongs to", connection.id, exc_info=True)
        return
    live = context.settings.connection(connection.id)
    for conn in {id(c): c for c in (connection, live) if c is not None and c.id == connection.id}.values():
        conn.employee_id, conn.employee_company_id = who.employee_id, who.company_id
