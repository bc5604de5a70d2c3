"""SyncEngine: pull a connection's reference lists into storage, push the outbox, report what happened."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Protocol

from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.errors import (
    ApiError,
    AuthenticationFailed,
    Cancelled,
    ClientNotReachable,
    ConsumerTokenInvalid,
    ErrorInfo,
    PermissionDenied,
    RateLimited,
    ServerError,
    StorageError,
    TransportError,
    WrongEnvironment,
)
from tripletex_desktop.core.mapping import ListedChoice, MappingProblem, mapping_gaps, mapping_problems
from tripletex_desktop.core.models import (
    CostCategory,
    Department,
    Employee,
    ListPage,
    PaymentType,
    Project,
    SyncProgress,
    TravelExpenseSettings,
    VatSettings,
)
from tripletex_desktop.core.permissions import PermissionReport
from tripletex_desktop.core.sync.backoff import SharedBackoff
from tripletex_desktop.core.sync.national import (
    CHECKSUMMED,
    NATIONAL_COMPANY_ID,
    NATIONAL_ENTITIES,
    NationalReader,
    default_rate_period,
    read_national,
)
from tripletex_desktop.core.sync.permcheck import (
    PERMISSION_CHECK_MAX_AGE,
    PermissionCheckStore,
    ProbeClient,
    is_fresh,
    missing_errors,
    needed_keys,
    permission_warnings,
    probe_company,
    projects_unavailable,
    report_to_json,
)
from tripletex_desktop.core.sync.report import (
    CompanyReport,
    CompanyTarget,
    Entity,
    EntityCounts,
    EntityError,
    Phase,
    PushSummary,
    SyncPlan,
    SyncReport,
    WaitingReport,
)
from tripletex_desktop.core.sync.writer import ListWriter
from tripletex_desktop.core.transfer.client import TravelClient

log = logging.getLogger(__name__)

ProgressCallback = Callable[[SyncProgress], None]


class PermissionProbe(Protocol):
    """Probes one company's permissions (permcheck.probe_company fits); project ones only with `projects`."""

    def __call__(
        self, client: ProbeClient, cancel: CancelToken, *, projects: bool = True
    ) -> PermissionReport:
        """The company's verdicts."""
        ...


class CompanyClientLike(NationalReader, ProbeClient, Protocol):
    """The per-company Tripletex client the engine reads from (core/api's CompanyClient fits)."""

    def employees(self, *, if_none_match: str | None = None) -> ListPage[Employee]:
        """All employees."""
        ...

    def departments(self, *, if_none_match: str | None = None) -> ListPage[Department]:
        """All departments."""
        ...

    def projects(self, *, if_none_match: str | None = None) -> ListPage[Project]:
        """All projects."""
        ...

    def cost_categories(self, *, if_none_match: str | None = None) -> ListPage[CostCategory]:
        """All travel cost categories."""
        ...

    def payment_types(self, *, if_none_match: str | None = None) -> ListPage[PaymentType]:
        """All travel payment types."""
        ...

    def travel_expense_settings(self) -> TravelExpenseSettings:
        """The company's travel expense settings."""
        ...

    def vat_settings(self) -> VatSettings | None:
        """The company's VAT registration (VatSettings, or None when unknown)."""
        ...


class OutboxClient(CompanyClientLike, TravelClient, Protocol):
    """The per-company client the engine reads with and hands the outbox, which sends the company's travel
    reports with it (core/transfer's TravelClient; core/api's CompanyClient fits both)."""


class ReferenceSink(Protocol):
    """Where pulled lists and run history go (an adapter over storage.db.Database).

    The engine serialises its reads with one lock; `store_reference` comes from the run's one writer thread
    (core/sync/writer.py) and may overlap a read. A sink may offer `batch()`, one transaction around several
    stores (services.sync.DatabaseSink does).
    """

    def get_digest(self, connection_id: str, company_id: int, kind: str) -> str | None:
        """The checksum stored with the last full read of this list, if any."""
        ...

    def store_reference(
        self, connection_id: str, company_id: int, kind: str, rows: Sequence[Any], digest: str | None
    ) -> EntityCounts:
        """Replace the list: add new ids, update changed ones, mark vanished or inactive ones deactivated."""
        ...

    def count_reference(self, connection_id: str, company_id: int, kind: str) -> int:
        """How many active rows the list holds (reported as unchanged after a 304)."""
        ...

    def start_run(self, connection_id: str, started_at: dt.datetime) -> int:
        """Open a history entry; returns its id."""
        ...

    def finish_run(self, run_id: int, report: SyncReport) -> None:
        """Close the history entry with the report."""
        ...


class OutboxPusher(Protocol):
    """Hands a company's outbox to the transfer step (core/transfer/); the default does nothing."""

    def push_outbox(
        self, connection_id: str, company: CompanyTarget, client: OutboxClient, cancel: CancelToken
    ) -> PushSummary:
        """Send queued travel reports; never raises for a single report's failure."""
        ...


class OutboxState(Protocol):
    """Reads the travel reports of a company's outbox that wait for the user, so every run says them."""

    def waiting_for_user(self, connection_id: str, company_id: int) -> Sequence[WaitingReport]:
        """Reports Tripletex refused (no sync finishes them by itself), oldest first."""
        ...


class ReferenceLists(Protocol):
    """Reads a company's synced cost categories and payment types (id -> name and state) for the mapping check."""

    def mapping_lists(
        self, connection_id: str, company_id: int
    ) -> tuple[Mapping[int, ListedChoice], Mapping[int, ListedChoice]]:
        """(cost categories, payment types) as the latest sync stored them, inactive and gone ones included."""
        ...


class NoOutbox:
    """The default OutboxPusher: nothing to send."""

    def push_outbox(
        self, connection_id: str, company: CompanyTarget, client: OutboxClient, cancel: CancelToken
    ) -> PushSummary:
        """Send nothing."""
        return PushSummary()


_LIST_METHODS: dict[Entity, str] = {
    Entity.EMPLOYEES: "employees",
    Entity.DEPARTMENTS: "departments",
    Entity.PROJECTS: "projects",
    Entity.COST_CATEGORIES: "cost_categories",
    Entity.PAYMENT_TYPES: "payment_types",
}

#: Errors after which the rest of the connection is pointless (every request would fail the same way).
_FATAL_FOR_CONNECTION = (AuthenticationFailed, ConsumerTokenInvalid, WrongEnvironment, StorageError)
#: Errors after which the rest of one company is pointless (the client already retried them).
_FATAL_FOR_COMPANY = (TransportError, ServerError)


def entities_for(company: CompanyTarget, *, national: bool = False) -> tuple[Entity, ...]:
    """The pull steps of one company, in order, honouring its project/department switches; with `national`
    (the connection's first company) the national tables too (core/sync/national.py)."""
    out = []
    for entity in Entity:
        if entity is Entity.PROJECTS and not company.projects:
            continue
        if entity is Entity.DEPARTMENTS and not company.departments:
            continue
        if entity in NATIONAL_ENTITIES and not national:
            continue
        out.append(entity)
    return tuple(out)


def settings_warnings(settings: TravelExpenseSettings) -> list[str]:
    """Warning codes from the company's travel settings: allowance types the company does not pay."""
    flags = (
        ("per_diem_not_compensated", "per_diem_not_compensated"),
        ("mileage_not_compensated", "mileage_not_compensated"),
        ("accommodation_not_compensated", "accommodation_not_compensated"),
    )
    return [code for attr, code in flags if getattr(settings, attr, False)]


class _Abort(Exception):
    """Internal: another company hit a connection-fatal error."""


class SyncEngine:
    """Synchronous sync of one connection.

    `run()` pulls each company's lists (If-None-Match checksums, so an unchanged list costs one 304), then
    hands the outbox to `pusher`. The national rate tables are pulled once, with the first company's lists
    and counted in its report, and stored under company id 0 (core/sync/national.py). Companies run concurrently on a small ThreadPoolExecutor created inside
    `run()` and shut down before it returns (`max_workers`, default 2, or the plan's value); with one
    company no thread is started. The threads share one `SharedBackoff`, so a 429 for one company pauses
    all of them. `on_progress` is called from those threads and must be thread-safe (a Qt signal emit is).
    Cancel is checked before every request; the client checks it between pages.

    With a `permission_store`, each company's permissions are probed first (core.permissions) unless the
    stored check is fresh (permcheck.is_fresh: under `permission_max_age`, no gaps, no probe errors) and
    the plan does not force it; a new check is stored, and every MISSING verdict becomes a
    `permission_denied` error of the company (entity = the permission key), so the run needs attention.
    """

    def __init__(
        self,
        client_for_company: Callable[[int], OutboxClient],
        sink: ReferenceSink,
        *,
        pusher: OutboxPusher | None = None,
        backoff: SharedBackoff | None = None,
        now: Callable[[], dt.datetime] | None = None,
        max_workers: int | None = None,
        rate_limit_retries: int = 5,
        permission_store: PermissionCheckStore | None = None,
        permission_probe: PermissionProbe = probe_company,
        permission_max_age: dt.timedelta = PERMISSION_CHECK_MAX_AGE,
        outbox_state: OutboxState | None = None,
        reference_lists: ReferenceLists | None = None,
    ) -> None:
        self._client_for_company = client_for_company
        self._sink = sink
        self._pusher: OutboxPusher = pusher or NoOutbox()
        self._backoff = backoff or SharedBackoff()
        self._now = now or (lambda: dt.datetime.now(dt.UTC))
        self._max_workers = max_workers
        self._rate_limit_retries = rate_limit_retries
        self._sink_lock = threading.Lock()
        self._permission_store = permission_store
        self._permission_probe = permission_probe
        self._permission_max_age = permission_max_age
        self._outbox_state = outbox_state
        self._reference_lists = reference_lists

    # --- public ---------------------------------------------------------------------------------

    def run(self, plan: SyncPlan, cancel: CancelToken, on_progress: ProgressCallback) -> SyncReport:
        """Sync every company of `plan`; errors end up in the report, only storage failures propagate."""
        started = self._now()
        with self._sink_lock:
            run_id = self._sink.start_run(plan.connection_id, started)
        abort = threading.Event()
        fatal: list[EntityError] = []
        reports: list[CompanyReport] = []
        try:
            workers = max(1, min(self._max_workers or plan.max_workers, len(plan.companies) or 1))
            writer = ListWriter(self._sink, on_storage_error=abort.set)
            pending: list[Callable[[], CompanyReport]] = []
            try:
                if workers == 1:
                    pending = [
                        self._sync_company(
                            plan, c, cancel, on_progress, abort, fatal, writer, national=i == 0
                        )
                        for i, c in enumerate(plan.companies)
                    ]
                else:
                    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sync-company") as pool:
                        futures = [
                            pool.submit(
                                self._sync_company,
                                plan,
                                c,
                                cancel,
                                on_progress,
                                abort,
                                fatal,
                                writer,
                                national=i == 0,
                            )
                            for i, c in enumerate(plan.companies)
                        ]
                        pending = [f.result() for f in futures]
            finally:
                writer.close()  # every list read is written before the run reports
            storage_error: StorageError | None = None
            for finish in pending:
                try:
                    reports.append(finish())
                except StorageError as exc:
                    storage_error = storage_error or exc
            if storage_error is not None:
                fatal.append(EntityError(None, ErrorInfo.from_exception(storage_error)))
                raise storage_error
        finally:
            report = SyncReport(
                connection_id=plan.connection_id,
                started_at=started,
                finished_at=self._now(),
                companies=tuple(reports),
                errors=tuple(fatal),
                cancelled=cancel.cancelled,
            )
            with self._sink_lock:
                self._sink.finish_run(run_id, report)
        return report

    # --- per company ----------------------------------------------------------------------------

    def _sync_company(
        self,
        plan: SyncPlan,
        company: CompanyTarget,
        cancel: CancelToken,
        on_progress: ProgressCallback,
        abort: threading.Event,
        fatal: list[EntityError],
        writer: ListWriter,
        *,
        national: bool = False,
    ) -> Callable[[], CompanyReport]:
        """Sync one company; returns what builds its report once the writer has stored its lists."""
        steps = entities_for(company, national=national)
        total = len(steps) + (1 if plan.push else 0)
        counts: dict[str, EntityCounts | Future[EntityCounts]] = {}
        errors: list[EntityError] = []
        warnings: list[str] = []
        push = PushSummary()
        cancelled = False
        skipped = False
        settings: list[TravelExpenseSettings] = []  # the travel settings pulled in this run, if any

        def progress(phase: str, done: int) -> None:
            on_progress(SyncProgress(plan.connection_id, company.company_id, phase, done, total))

        progress(Phase.STARTING, 0)
        try:
            context = company.company_id if company.context_id is None else company.context_id
            client = self._client_for_company(context)
            if self._permission_store is not None:
                self._check(cancel, abort)
                progress(Phase.PERMISSIONS, 0)
                gaps, notes, skip = self._permission_gaps(plan, company, client, cancel)
                errors.extend(gaps)
                warnings.extend(notes)
                steps = tuple(s for s in steps if s not in skip)
            for i, entity in enumerate(steps):
                progress(entity, i)
                try:
                    counts[entity] = self._pull(
                        plan, company, client, entity, cancel, abort, progress, i, warnings, settings, writer
                    )
                except ClientNotReachable:
                    raise
                except PermissionDenied as exc:
                    if entity is Entity.VAT_SETTINGS:  # optional: without it costs keep the category's VAT
                        warnings.append("vat_settings_unreadable")
                        continue
                    errors.append(EntityError(entity, ErrorInfo.from_exception(exc)))
                except RateLimited as exc:
                    errors.append(EntityError(entity, ErrorInfo.from_exception(exc)))
            if plan.push:
                # the outbox plans from the stored lists (the national rates, this company's categories)
                writer.wait_for([f for f in counts.values() if isinstance(f, Future)], national=True)
                self._check(cancel, abort)
                progress(Phase.PUSH, len(steps))
                push = self._pusher.push_outbox(plan.connection_id, company, client, cancel)
        except Cancelled:
            cancelled = True
        except _Abort:
            cancelled = cancel.cancelled
            skipped = not cancelled
        except ClientNotReachable as exc:  # only this client is out of reach; the others keep syncing
            errors.append(EntityError(None, ErrorInfo.from_exception(exc)))
        except _FATAL_FOR_CONNECTION as exc:
            abort.set()
            skipped = True
            with self._sink_lock:
                fatal.append(EntityError(None, ErrorInfo.from_exception(exc)))
            if isinstance(exc, StorageError):
                raise
        except (*_FATAL_FOR_COMPANY, ApiError) as exc:
            errors.append(EntityError(None, ErrorInfo.from_exception(exc)))
        except Exception as exc:  # a bug: keep the other companies going, log the trace (no secrets in it)
            log.exception("sync of company %s failed", company.company_id)
            errors.append(EntityError(None, ErrorInfo.from_exception(exc)))
        progress(Phase.DONE, total)

        def finish() -> CompanyReport:
            report = self._company_report(
                company, counts, warnings, errors, push, cancelled, skipped, settings
            )
            problems = self._mapping_problems(plan, company, report.travel_settings)
            warnings_ = report.warnings
            if problems:
                warnings_ = tuple(dict.fromkeys(("mapping_unusable", *warnings_)))
            return dataclasses.replace(
                report,
                warnings=warnings_,
                mapping_problems=problems,
                waiting_for_user=self._waiting_for_user(plan, company),
            )

        return finish

    def _mapping_problems(
        self, plan: SyncPlan, company: CompanyTarget, settings: TravelExpenseSettings | None
    ) -> tuple[MappingProblem, ...]:
        """The chosen categories and payment type the synced lists say are inactive or missing (a warning: the
        sync goes on; reports using them would fail at Approve or at the push)."""
        if self._reference_lists is None or company.mapping is None:
            return ()
        try:
            with self._sink_lock:
                categories, payment_types = self._reference_lists.mapping_lists(
                    plan.connection_id, company.company_id
                )
        except StorageError:
            log.warning("could not read the lists of company %s", company.company_id, exc_info=True)
            return ()
        return tuple(
            mapping_problems(
                company.mapping, settings, cost_categories=categories, payment_types=payment_types
            )
        )

    def _waiting_for_user(self, plan: SyncPlan, company: CompanyTarget) -> tuple[WaitingReport, ...]:
        """The company's reports that wait for the user, as the outbox holds them after this run (a local read;
        a storage failure here only loses the list, the run's own result stands)."""
        if self._outbox_state is None:
            return ()
        try:
            with self._sink_lock:
                return tuple(self._outbox_state.waiting_for_user(plan.connection_id, company.company_id))
        except StorageError:
            log.warning("could not read the outbox of company %s", company.company_id, exc_info=True)
            return ()

    def _company_report(
        self,
        company: CompanyTarget,
        pending: dict[str, EntityCounts | Future[EntityCounts]],
        warnings: list[str],
        errors: list[EntityError],
        push: PushSummary,
        cancelled: bool,
        skipped: bool,
        settings: list[TravelExpenseSettings],
    ) -> CompanyReport:
        """The company's report, with the counts the writer returned (a storage failure propagates)."""
        counts: dict[str, EntityCounts] = {}
        for entity, value in pending.items():
            if isinstance(value, Future):
                try:
                    counts[entity] = value.result()
                except StorageError:
                    raise
                except Exception as exc:  # a bug in one list's rows: that list fails, the rest stand
                    log.error("storing %s of company %s failed: %s", entity, company.company_id, exc)
                    errors.append(EntityError(entity, ErrorInfo.from_exception(exc)))
            else:
                counts[entity] = value
        travel_settings = settings[-1] if settings else company.travel_settings
        if company.mapping is not None:
            mapping_ok = not mapping_gaps(company.mapping, travel_settings)
        else:
            mapping_ok = company.mapping_complete
        if not mapping_ok:
            warnings.insert(0, "mapping_missing")
        return CompanyReport(
            company_id=company.company_id,
            name=company.name,
            counts=counts,
            warnings=tuple(dict.fromkeys(warnings)),
            errors=tuple(errors),
            push=push,
            cancelled=cancelled,
            skipped=skipped,
            travel_settings=travel_settings,
        )

    def _permission_gaps(
        self, plan: SyncPlan, company: CompanyTarget, client: ProbeClient, cancel: CancelToken
    ) -> tuple[list[EntityError], list[str], frozenset[Entity]]:
        """Probe (or trust a fresh stored check): (blocking gaps as errors, warning codes, steps to skip).

        Only the permissions this company needs are probed and judged (project ones when it syncs
        projects); a project module that refuses every read skips the project step with a warning.
        """
        store = self._permission_store
        assert store is not None
        conn, cid = plan.connection_id, company.company_id
        needed = needed_keys(projects=company.projects)
        with self._sink_lock:
            last = store.last_permission_check(conn, cid)
        if (
            not plan.check_permissions
            and last is not None
            and is_fresh(last, self._now(), self._permission_max_age, needed=needed)
        ):
            results = last.results
        else:
            report = self._permission_probe(client, cancel, projects=company.projects)
            results = report_to_json(report, source="sync")
            with self._sink_lock:
                store.save_permission_check(conn, cid, results)
        skip = frozenset({Entity.PROJECTS}) if projects_unavailable(results, needed) else frozenset()
        return missing_errors(results, needed), permission_warnings(results, needed), skip

    def _check(self, cancel: CancelToken, abort: threading.Event) -> None:
        cancel.raise_if_cancelled()
        if abort.is_set():
            raise _Abort

    def _pull(
        self,
        plan: SyncPlan,
        company: CompanyTarget,
        client: CompanyClientLike,
        entity: Entity,
        cancel: CancelToken,
        abort: threading.Event,
        progress: Callable[[str, int], None],
        step: int,
        warnings: list[str],
        settings: list[TravelExpenseSettings],
        writer: ListWriter,
    ) -> EntityCounts | Future[EntityCounts]:
        """Read one list; the store goes to the writer (its counts arrive on the future), a 304 counts now."""
        conn, cid = plan.connection_id, company.company_id
        attempt = 0
        while True:
            self._check(cancel, abort)
            if self._backoff.remaining() > 0:
                progress(Phase.WAITING_RATE_LIMIT, step)
                self._backoff.wait(cancel)
                self._check(cancel, abort)
            try:
                if entity is Entity.TRAVEL_SETTINGS:
                    value = client.travel_expense_settings()
                    self._backoff.note_success()
                    warnings.extend(settings_warnings(value))
                    if isinstance(value, TravelExpenseSettings):
                        settings.append(value)
                    return self._store(writer, conn, cid, entity, [value], None)
                if entity is Entity.VAT_SETTINGS:
                    vat = client.vat_settings()
                    self._backoff.note_success()
                    if not isinstance(vat, VatSettings):
                        warnings.append("vat_settings_unreadable")
                        return EntityCounts()
                    return self._store(writer, conn, cid, entity, [vat], None)
                if entity in NATIONAL_ENTITIES:
                    cid = NATIONAL_COMPANY_ID
                    with self._sink_lock:
                        digest = self._sink.get_digest(conn, cid, entity) if entity in CHECKSUMMED else None
                    period = plan.rate_period or default_rate_period(self._now().date())
                    page: ListPage[Any] = read_national(client, entity, period, digest)
                else:
                    with self._sink_lock:
                        digest = self._sink.get_digest(conn, cid, entity)
                    page = getattr(client, _LIST_METHODS[entity])(if_none_match=digest)
                self._backoff.note_success()
            except RateLimited as exc:
                attempt += 1
                if attempt > self._rate_limit_retries:
                    raise
                self._backoff.note_rate_limited(exc.retry_after)
                continue
            self._check(cancel, abort)
            if page.not_modified:
                with self._sink_lock:
                    return EntityCounts(
                        unchanged=self._sink.count_reference(conn, cid, entity), not_modified=True
                    )
            return self._store(writer, conn, cid, entity, page.values, page.version_digest)

    def _store(
        self,
        writer: ListWriter,
        conn: str,
        company_id: int,
        entity: Entity,
        rows: Sequence[Any],
        digest: str | None,
    ) -> Future[EntityCounts]:
        sink = self._sink
        return writer.submit(
            lambda: sink.store_reference(conn, company_id, entity, rows, digest),
            national=entity in NATIONAL_ENTITIES,
        )
