"""Travel reports without Qt: store, reference data, per diem suggestion, import and transfer (ReportsBackend)."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import logging
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from tripletex_desktop.app.context import AppContext
from tripletex_desktop.core.api.client import TripletexClient
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.errors import (
    Cancelled,
    ErrorInfo,
    NotFound,
    SyncAlreadyRunning,
    TripletexDesktopError,
)
from tripletex_desktop.core.models import (
    CompanyMapping,
    CostCategory,
    Department,
    Employee,
    PaymentType,
    Project,
    Rate,
    RateCategory,
    RateType,
    TravelExpenseSettings,
    TravelZone,
    VatSettings,
    VatStatus,
)
from tripletex_desktop.core.perdiem import price_suggestions, suggest_per_diem
from tripletex_desktop.core.pricing import ReportPrice, price_report
from tripletex_desktop.core.rates import (
    RateTable,
)
from tripletex_desktop.core.sync import CompanyTarget, OutboxClient, PushSummary
from tripletex_desktop.core.sync.national import NATIONAL_COMPANY_ID
from tripletex_desktop.core.transfer import (
    REPORT_FIELDS,
    AwaitingTripletex,
    CostVat,
    Journal,
    JournalState,
    PlanInvalid,
    PlannedRequest,
    ReportStatus,
    TransferPlan,
    TransferResult,
    TravelClient,
    WriteTiming,
    build_payloads,
    has_report_marker,
    settle_deadline,
    settle_pending,
    transfer,
)
from tripletex_desktop.core.transfer.preflight import Usable, reference_problems
from tripletex_desktop.core.transfer.refusals import Refusal, refusals
from tripletex_desktop.core.travel import FieldProblem, PerDiemLine, TravelReport, validate_report
from tripletex_desktop.services.importing import ImportService
from tripletex_desktop.services.sync import reference_rows
from tripletex_desktop.storage.db import Database, RefRow
from tripletex_desktop.storage.lock import ConnectionLock
from tripletex_desktop.storage.reports import (
    SENDABLE_STATES,
    ReportDeliveredInTripletex,
    ReportInvalid,
    ReportNotFound,
    ReportNotSendable,
    ReportRow,
    ReportStore,
    StoredReport,
)
from tripletex_desktop.storage.settings import ConnectionSettings

log = logging.getLogger(__name__)

ProgressFn = Callable[[int, int], None]


# --- reference data from the database -------------------------------------------------------------------


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _build(cls: type, data: Mapping[str, Any], **overrides: Any) -> Any:
    names = getattr(cls, "__dataclass_fields__", {})
    values = {k: v for k, v in data.items() if k in names}
    values.update(overrides)
    return cls(**values)


def rate_table_from_rows(
    categories: Sequence[RefRow], rates: Sequence[RefRow], zones: Sequence[RefRow] = ()
) -> RateTable:
    """A RateTable from stored `rate_category`, `rate` and `zone` rows (RefRow.data is the model as JSON)."""
    cats = tuple(
        _build(
            RateCategory,
            r.data,
            type=RateType(r.data["type"]),
            from_date=_date(r.data["from_date"]),
            to_date=_date(r.data["to_date"]),
        )
        for r in categories
    )
    travel_zones = tuple(
        _build(TravelZone, r.data, from_date=_date(r.data["from_date"]), to_date=_date(r.data["to_date"]))
        for r in zones
    )
    return RateTable(cats, tuple(_build(Rate, r.data) for r in rates), travel_zones)


@dataclass(frozen=True, slots=True)
class ReferenceData:
    """What the editor offers for one company, as synced: lists, rates and the company's travel settings."""

    employees: tuple[Employee, ...] = ()
    projects: tuple[Project, ...] = ()
    departments: tuple[Department, ...] = ()
    cost_categories: tuple[CostCategory, ...] = ()
    payment_types: tuple[PaymentType, ...] = ()
    rate_table: RateTable = field(default_factory=lambda: RateTable((), ()))
    settings: TravelExpenseSettings = field(default_factory=TravelExpenseSettings)
    #: False until a sync stored the company's travel settings (then `settings` are only defaults).
    settings_known: bool = False
    #: The company's VAT registration as synced (None until a sync could read it).
    vat: VatSettings | None = None

    @property
    def cost_vat(self) -> CostVat:
        """The VAT code each cost carries (core/transfer/vat.py)."""
        return CostVat.of(self.vat, self.cost_categories)

    def employee_name(self, employee_id: int | None) -> str:
        """The display name of an employee (empty when unknown)."""
        return next((e.display_name for e in self.employees if e.id == employee_id), "")

    @property
    def travel_employees(self) -> tuple[Employee, ...]:
        """The employees travel expenses may be registered for (`allowInformationRegistration`, F18)."""
        return tuple(e for e in self.employees if e.allow_information_registration)


@dataclass(frozen=True, slots=True)
class CompanyInfo:
    """A company reports can be made for: its name, Basic-auth context id and travel mapping."""

    company_id: int
    name: str
    mapping: CompanyMapping
    context_id: int = 0


@dataclass(frozen=True, slots=True)
class DryRunOutcome:
    """The exact requests that would be sent, what Tripletex already holds for the report, and any problems."""

    requests: tuple[PlannedRequest, ...] = ()
    existing: tuple[dict[str, Any], ...] = ()
    problems: tuple[FieldProblem, ...] = ()
    error: ErrorInfo | None = None
    #: the report and its priced lines, for a readable preview next to the JSON
    report: TravelReport | None = None
    price: ReportPrice | None = None
    reference: ReferenceData | None = None


@dataclass(frozen=True, slots=True)
class CheckOutcome:
    """The answer to "Was it sent?": found in Tripletex or not, and the stored row afterwards."""

    found: bool
    row: ReportRow
    error: ErrorInfo | None = None


class ProgressJournal(Journal):
    """Delegates to a journal and reports (done, total) after every recorded result."""

    def __init__(self, inner: Journal, total: int, on_progress: ProgressFn | None) -> None:
        self._inner = inner
        self._total = total
        self._on_progress = on_progress

    def state(self, report_id: uuid.UUID) -> JournalState:
        """The inner journal's state."""
        return self._inner.state(report_id)

    def record_intent(
        self,
        report_id: uuid.UUID,
        step_key: str,
        sent_at: dt.datetime | None = None,
        observed: str | None = None,
    ) -> None:
        """Delegate."""
        self._inner.record_intent(report_id, step_key, sent_at, observed)

    def record_settle(self, report_id: uuid.UUID, step_key: str, settle_at: dt.datetime) -> None:
        """Delegate."""
        self._inner.record_settle(report_id, step_key, settle_at)

    def record_result(
        self,
        report_id: uuid.UUID,
        step_key: str,
        tripletex_id: int | None,
        fingerprint: str | None = None,
    ) -> None:
        """Delegate, then report progress."""
        self._inner.record_result(report_id, step_key, tripletex_id, fingerprint)
        if self._on_progress is not None:
            done = sum(1 for r in self._inner.state(report_id).steps.values() if r.done)
            self._on_progress(min(done, self._total), self._total)

    def forget(self, report_id: uuid.UUID, step_keys: Iterable[str]) -> None:
        """Delegate."""
        self._inner.forget(report_id, step_keys)

    def record_status(
        self, report_id: uuid.UUID, status: ReportStatus, error_code: str | None = None
    ) -> None:
        """Delegate."""
        self._inner.record_status(report_id, status, error_code)


ClientFactory = Callable[[CancelToken], TripletexClient]


def approval_allowed(settings: TravelExpenseSettings) -> bool:
    """Whether this app should approve what it sends: only where approval is not required, or the company
    lets the token's user approve own expenses (the user is usually the traveller in a small company)."""
    return settings.can_approve_own_expenses or not settings.approval_required


class ReportsBackend:
    """Everything the reports view reads and writes, for one connection; Qt-free, call it from run_task.

    `client_factory(cancel)` returns a TripletexClient (closed after use); `lock()` guards a transfer against
    a sync of the same connection in another process (e.g. storage.lock.ConnectionLock); `deliver=True`
    also delivers each report in Tripletex after its lines are written.

    `timing` is the grace period after an unanswered write (core.transfer.timing), `clock` the aware UTC time
    the journal is stamped with. `settle_wait`: how long the sync's push step may wait, within one run, for
    such a write to settle so that it can finish the report in the same run (`sleep(cancel, seconds)` waits,
    returning True when cancelled); zero leaves it to the next run.
    """

    def __init__(
        self,
        store: ReportStore,
        db: Database,
        *,
        connection_id: str,
        companies: Sequence[CompanyInfo],
        client_factory: ClientFactory,
        deliver: bool = False,
        approve: bool = False,
        lock: Callable[[], contextlib.AbstractContextManager[Any]] | None = None,
        read_file: Callable[[str], bytes] = lambda path: Path(path).read_bytes(),
        timing: WriteTiming | None = None,
        clock: Callable[[], dt.datetime] | None = None,
        settle_wait: dt.timedelta = dt.timedelta(0),
        sleep: Callable[[CancelToken, float], bool] = lambda cancel, seconds: cancel.wait(seconds),
        token_owner: Callable[[], tuple[int | None, int | None]] | None = None,
    ) -> None:
        self.timing = timing or WriteTiming()
        #: (employee id, company id) of the token's owner as the settings know it now (they may learn it late)
        self._token_owner = token_owner or (lambda: (None, None))
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self.settle_wait = settle_wait
        self._sleep = sleep
        self.store = store
        self.db = db
        self.connection_id = connection_id
        self._companies = {c.company_id: c for c in companies}
        self._order = tuple(c.company_id for c in companies)
        self._client_factory = client_factory
        self.deliver = deliver
        self.approve_in_tripletex = approve
        self._lock = lock or contextlib.nullcontext
        self._read_file = read_file
        self._sending: set[uuid.UUID] = set()
        self._sending_lock = threading.Lock()
        self._reference_cache: dict[int, tuple[tuple[tuple[str | None, int, int], ...], ReferenceData]] = {}
        #: exchange rates asked this run: (currency code, date) -> NOK per unit, None where Tripletex has none
        self._rates: dict[tuple[str, dt.date], Decimal | None] = {}
        self._cache_lock = threading.Lock()

    def now(self) -> dt.datetime:
        """The backend's clock (aware UTC): what the journal's times are compared with."""
        return self._clock()

    # -- companies and reference data --

    def companies(self) -> tuple[CompanyInfo, ...]:
        """The connection's companies in settings order."""
        return tuple(self._companies[c] for c in self._order)

    def company(self, company_id: int) -> CompanyInfo:
        """One company (KeyError when it is not part of the connection)."""
        return self._companies[company_id]

    def reference(self, company_id: int) -> ReferenceData:
        """The synced lists of a company (active rows only; rates include every year); cached until a sync."""
        stamp = (
            self.store.reference_stamp(self.connection_id, company_id),
            self.store.reference_stamp(self.connection_id, NATIONAL_COMPANY_ID),
        )
        with self._cache_lock:
            cached = self._reference_cache.get(company_id)
            if cached is not None and cached[0] == stamp:
                return cached[1]
        data = self._load_reference(company_id)
        with self._cache_lock:
            self._reference_cache[company_id] = (stamp, data)
        return data

    def _load_reference(self, company_id: int) -> ReferenceData:

        def rows(kind: str, inactive: bool = False) -> list[RefRow]:
            return reference_rows(self.db, self.connection_id, company_id, kind, include_inactive=inactive)

        settings_rows = rows("travel_settings", True)
        vat_rows = rows("vat_settings")
        vat = None
        if vat_rows:
            with contextlib.suppress(ValueError):
                vat = VatSettings(VatStatus(str(vat_rows[0].data.get("status"))))
        return ReferenceData(
            employees=tuple(_build(Employee, r.data) for r in rows("employee")),
            projects=tuple(_build(Project, r.data) for r in rows("project")),
            departments=tuple(_build(Department, r.data) for r in rows("department")),
            cost_categories=tuple(_build(CostCategory, r.data) for r in rows("cost_category")),
            payment_types=tuple(_build(PaymentType, r.data) for r in rows("payment_type")),
            rate_table=rate_table_from_rows(
                rows("rate_category", True), rows("rate", True), rows("zone", True)
            ),
            settings=_build(TravelExpenseSettings, settings_rows[0].data)
            if settings_rows
            else TravelExpenseSettings(),
            settings_known=bool(settings_rows),
            vat=vat,
        )

    def default_employee_id(self, company_id: int, reference: ReferenceData | None = None) -> int | None:
        """Whom a new report is for at first: the token's owner, in the company the token belongs to or in
        an accountant's client where that very employee exists; only if travel expenses may be registered
        for them there (else nobody: the user chooses)."""
        employee_id, _owner_company = self._token_owner()
        if employee_id is None:
            return None
        ref = reference or self.reference(company_id)
        return employee_id if any(e.id == employee_id for e in ref.travel_employees) else None

    # -- reports --

    def list_reports(
        self, company_id: int | None = None, states: Sequence[str] | None = None, search: str = ""
    ) -> list[ReportRow]:
        """The connection's reports for the table."""
        return self.store.list_reports(
            connection_id=self.connection_id, company_id=company_id, states=states, search=search
        )

    def load(self, report_id: uuid.UUID) -> StoredReport:
        """One report with its row."""
        return self.store.get(report_id)

    def foreign_amounts(self, report: TravelReport) -> dict[str, Decimal]:
        """Costs in other currencies than NOK without an exchange rate, summed per currency code: not in
        `amount` (Tripletex converts them at the rate of the cost's date when the report is sent)."""
        return price_report(report, RateTable((), ())).foreign

    def exchange_rates(
        self, company_id: int, wanted: Iterable[tuple[str, dt.date]], cancel: CancelToken
    ) -> dict[tuple[str, dt.date], Decimal]:
        """NOK per unit of each (currency code, date) as Tripletex quotes it (`GET /currency/{id}/rate`), for
        the estimate of a foreign cost in NOK; those Tripletex has no rate for are left out. Asked once per
        pair in this run (the rate of a past day does not change; a report keeps the rates it was shown with).
        """
        found: dict[tuple[str, dt.date], Decimal] = {}
        missing: list[tuple[str, dt.date]] = []
        with self._cache_lock:
            for code, day in dict.fromkeys((c.strip().upper(), d) for c, d in wanted):
                if (code, day) in self._rates:
                    rate = self._rates[(code, day)]
                    if rate is not None:
                        found[(code, day)] = rate
                elif code != "NOK":
                    missing.append((code, day))
        if not missing:
            return found
        info = self.company(company_id)
        client = self._client_factory(cancel)
        try:
            company = client.company(info.context_id)
            for code, day in missing:
                cancel.raise_if_cancelled()
                currency_id = company.currency_by_code(code)
                rate = company.currency_rate(currency_id, day) if currency_id is not None else None
                with self._cache_lock:
                    self._rates[(code, day)] = rate
                if rate is not None:
                    found[(code, day)] = rate
        finally:
            client.close()
        return found

    def price(self, report: TravelReport, reference: ReferenceData | None = None) -> ReportPrice:
        """Every line's amount and the totals (core.pricing: the one calculation the list, the editor and the
        dry run all show)."""
        ref = reference or self.reference(report.company_id)
        return price_report(report, ref.rate_table)

    def amount(self, report: TravelReport, reference: ReferenceData | None = None) -> Decimal:
        """The report's total in NOK: NOK costs, plus mileage and per diem priced at the rates of their dates
        (costs in other currencies are left out: see `foreign_amounts`)."""
        return self.price(report, reference).total

    def save_draft(self, report: TravelReport) -> ReportRow:
        """Save a draft as typed (with the employee's name and the priced total for the list)."""
        ref = self.reference(report.company_id)
        return self.store.save_draft(
            report, employee_name=ref.employee_name(report.employee_id), amount=self.amount(report, ref)
        )

    def approve(self, report_id: uuid.UUID) -> ReportRow:
        """draft → approved only when the form is complete AND the send plan can be built (the rates, toll and
        cost categories it needs exist): ReportInvalid with every problem otherwise, so nothing fails at Send."""
        stored = self.store.get(report_id)
        if stored.row.state == "draft" and not validate_report(stored.report):
            problems = list(self.reference_problems(stored.report))
            problems += [
                p for p in self.plan_problems(stored.report, with_refusals=False) if p not in problems
            ]
            if problems:
                raise ReportInvalid(problems)
        return self.store.approve(report_id)

    def reference_problems(self, report: TravelReport) -> tuple[FieldProblem, ...]:
        """Lines whose cost category, payment type or rate category is inactive or missing in the latest sync
        (core.transfer.preflight), each with the line's field."""
        company = self.company(report.company_id)
        ref = self.reference(report.company_id)

        def usable(kind: str) -> Usable:
            rows = reference_rows(self.db, self.connection_id, report.company_id, kind, include_inactive=True)
            return Usable.of((r.tripletex_id, r.is_active, bool(r.data.get("is_inactive"))) for r in rows)

        return tuple(
            reference_problems(
                report,
                company.mapping,
                cost_categories=usable("cost_category"),
                payment_types=usable("payment_type"),
                rate_categories=frozenset(c.id for c in ref.rate_table.categories),
                use_rates=ref.settings.use_rates,
            )
        )

    def plan_problems(self, report: TravelReport, *, with_refusals: bool = True) -> tuple[FieldProblem, ...]:
        """What core.transfer.build_payloads finds wrong with `report` beyond validate_report (missing rates, a
        rate category not valid on the line's date, no toll category...), then (`with_refusals`) what Tripletex
        refused when the report was last sent (`refusals`); () when sendable or still invalid."""
        validation = set(validate_report(report))
        try:
            self._plan(report)
        except PlanInvalid as exc:
            return tuple(p for p in exc.problems if p not in validation)
        if not with_refusals:
            return ()
        try:
            refused = self.refusals(report.id)
        except ReportNotFound:  # a draft not saved yet
            refused = ()
        return tuple(dict.fromkeys(FieldProblem(r.field, r.code) for r in refused))

    def refusals(self, report_id: uuid.UUID) -> tuple[Refusal, ...]:
        """What Tripletex refused when the report was last sent, on the report's lines: a deliver (or approve)
        422 names line fields such as `costs.vatType.id` (core/transfer/refusals.py); () when there was none."""
        stored = self.store.get(report_id)
        error = stored.row.last_error
        if error is None or not error.fields or stored.row.state == "sent":
            return ()
        try:
            plan = self._plan(stored.report)
        except PlanInvalid:
            return tuple(Refusal("", "refused_report", f.message) for f in error.fields)
        steps = self.store.journal(report_id).state(report_id).steps
        return refusals(plan, error.fields, {key: record.tripletex_id for key, record in steps.items()})

    def reopen(self, report_id: uuid.UUID, cancel: CancelToken | None = None) -> ReportRow:
        """Make a report a draft again to correct it.

        While the journal shows nothing written, this is local. Once Tripletex holds part of it (a failed or
        interrupted send, or a sent report not delivered), it asks Tripletex: an OPEN travel expense can be
        corrected here, and the next send updates that same travel expense (changed lines are updated, removed
        ones deleted, receipts replaced, then it is delivered); a delivered one is refused
        (ReportDeliveredInTripletex), as is a report with a write still travelling (AwaitingTripletex, with
        the time it can no longer land). A travel expense deleted in Tripletex is forgotten: the next send
        creates a new one.
        """
        stored = self.store.get(report_id)
        journal = self.store.journal(report_id).state(report_id)
        if not any(r.done for r in journal.steps.values()) and stored.row.state != "unknown":
            return self.store.reopen(report_id)
        with self._claim(report_id), self._lock():
            journal = self.store.journal(report_id).state(report_id)
            now = self._clock()
            pending = [settle_deadline(r, self.timing, now) for r in journal.pending]
            until = max(pending, default=now)
            if until > now:
                raise AwaitingTripletex(until, "reopen")
            te_id = journal.travel_expense_id or stored.row.tripletex_id
            if te_id is None:
                # nothing found in Tripletex by any run: the report (if it exists) is found by its marker
                return self.store.reopen_for_correction(report_id)
            client = self._client_factory(cancel or CancelToken())
            try:
                company = client.company(self.company(stored.report.company_id).context_id)
                try:
                    row = company.get_travel_expense(te_id, fields="id,number,state")
                except NotFound:
                    return self.store.reopen_for_correction(report_id, forget_tripletex=True)
                state = str(row.get("state") or "")
                self.store.mark_tripletex(
                    report_id, tripletex_id=te_id, number=row.get("number"), tripletex_state=state or None
                )
                if state != "OPEN":
                    raise ReportDeliveredInTripletex(state)
                self._settle_pending(stored, company)
            finally:
                client.close()
            return self.store.reopen_for_correction(report_id)

    def _settle_pending(self, stored: StoredReport, company_client: TravelClient) -> None:
        """Settle the writes whose outcome is unknown against the report as it was sent, before it is edited
        (core.transfer.settle_pending: positions shift when lines are removed)."""
        if not self.store.journal(stored.report.id).state(stored.report.id).pending:
            return
        try:
            plan = self._plan(stored.report)
        except PlanInvalid:
            log.warning("report %s: pending writes not settled before the reopen (no plan)", stored.report.id)
            return
        settle_pending(
            stored.report,
            plan,
            company_client,
            self.store.journal(stored.report.id),
            read_file=self._read_file,
            timing=self.timing,
            clock=self._clock,
        )

    def delete_draft(self, report_id: uuid.UUID) -> None:
        """Delete a draft."""
        self.store.delete_draft(report_id)

    def suggest_per_diem(self, report: TravelReport) -> tuple[PerDiemLine, ...]:
        """Per diem lines for the trip's times, each with the rate category valid on its own date.

        Raises NoRateForDate / AmbiguousRate (codes for ui/messages.py) when the company lacks the rates, and
        for a trip abroad ZoneMissing / ZoneNotEnabled / ZoneRateMissing when the country's zone has no rate.
        """
        if report.departure_at is None or report.return_at is None or report.return_at < report.departure_at:
            return ()
        suggestions = suggest_per_diem(
            report.departure_at,
            report.return_at,
            overnight=report.is_overnight,
            over_15_km=report.is_over_15_km,
        )
        ref = self.reference(report.company_id)
        priced = price_suggestions(suggestions, ref.rate_table, is_foreign=report.is_foreign)
        if report.is_foreign and report.country_code:
            for p in priced:  # abroad each line needs the country's zone's rate (ZoneMissing, … otherwise)
                ref.rate_table.foreign_per_diem(
                    p.suggestion.date,
                    p.suggestion.kind,
                    report.country_code,
                    override_category_id=p.choice.category.id,
                )
        return tuple(p.to_line(location=report.destination) for p in priced)

    # -- import --

    @property
    def importer(self) -> ImportService:
        """The import use case of this connection (services/importing.py)."""
        return ImportService(self)

    # -- transfer --

    @contextlib.contextmanager
    def _claim(self, report_id: uuid.UUID) -> Iterator[None]:
        with self._sending_lock:
            if report_id in self._sending:
                raise ReportNotSendable("sending")
            self._sending.add(report_id)
        try:
            yield
        finally:
            with self._sending_lock:
                self._sending.discard(report_id)

    def _plan(self, report: TravelReport) -> TransferPlan:
        company = self.company(report.company_id)
        ref = self.reference(company.company_id)
        return build_payloads(
            report,
            company.mapping,
            ref.rate_table,
            deliver=self.deliver,
            approve=self.approve_in_tripletex and ref.settings_known and approval_allowed(ref.settings),
            use_rates=ref.settings.use_rates,
            vat=ref.cost_vat,
        )

    def send(
        self, report_id: uuid.UUID, cancel: CancelToken, on_progress: ProgressFn | None = None
    ) -> TransferResult:
        """Queue and transfer one approved (or failed / unknown) report; safe to repeat (the journal).

        The report is in the outbox whatever happens before its transfer starts: a sync holding the
        connection (SyncAlreadyRunning: that sync or the next one sends it), a token or keyring that cannot be
        used, a full disk. Those say nothing against the report, so it stays ``queued`` with the reason, never
        ``failed`` (which no scheduled sync takes).
        """
        with self._claim(report_id):
            try:
                lock = self._lock()
                lock.__enter__()
            except SyncAlreadyRunning as exc:
                result = TransferResult("queued", error=ErrorInfo.from_exception(exc))
                if self.store.get(report_id).row.state != "sending":  # else the lock's holder is sending it
                    self.store.queue(report_id)
                    self.store.mark_result(report_id, result)
                return result
            try:
                return self._send_locked(report_id, cancel, on_progress)
            finally:
                lock.__exit__(None, None, None)

    def _send_locked(
        self, report_id: uuid.UUID, cancel: CancelToken, on_progress: ProgressFn | None
    ) -> TransferResult:
        stored = self.store.get(report_id)
        client = None
        try:
            self.store.queue(report_id)
            client = self._client_factory(cancel)
            company = self.company(stored.report.company_id)
            return self._transfer(stored, client.company(company.context_id), cancel, on_progress)
        except ReportNotSendable:
            raise
        except TripletexDesktopError as exc:  # before the transfer: the token, the keyring, a full disk, ...
            result = TransferResult("queued", error=ErrorInfo.from_exception(exc))
            self.store.mark_result(report_id, result)
            return result
        finally:
            if client is not None:
                client.close()

    def _transfer(
        self,
        stored: StoredReport,
        company_client: TravelClient,
        cancel: CancelToken,
        on_progress: ProgressFn | None,
    ) -> TransferResult:
        report_id = stored.report.id
        if not self.store.claim_for_send(report_id):  # reopened (or sent) since it was listed: not ours
            raise ReportNotSendable(self.store.get(report_id).row.state)
        stored = self.store.get(report_id)  # the content as claimed
        try:
            plan = self._plan(stored.report)
        except PlanInvalid as exc:
            result = TransferResult("failed", error=ErrorInfo.from_exception(exc))
        else:
            journal = ProgressJournal(self.store.journal(report_id), len(plan.steps), on_progress)
            result = transfer(
                stored.report,
                plan,
                company_client,
                journal,
                cancel,
                read_file=self._read_file,
                timing=self.timing,
                clock=self._clock,
            )
        self.store.mark_result(report_id, result)
        return result

    def push_outbox(self, company_id: int, company_client: TravelClient, cancel: CancelToken) -> PushSummary:
        """Finish every unfinished report of a company with a client the caller owns (the sync's push step):
        queued ones, those a dead attempt left `sending`, `unknown` ones and cancelled ones
        (ReportStore.unfinished), with nobody clicking Send again.

        A report whose unanswered write may still land waits (TransferResult.retry_at); when that time is
        within `settle_wait`, this waits for it (cancellable) and tries those reports again, so one run finishes
        them. Takes no `lock`: the sync calling this already holds the connection's lock, which is also why a
        report in `sending` is a dead attempt and not a live one.
        """
        results: dict[uuid.UUID, TransferResult] = {}
        give_up_at = self._clock() + self.settle_wait
        todo = [row.id for row in self.store.unfinished(self.connection_id, company_id)]
        while todo and not cancel.cancelled:
            for report_id in todo:
                if cancel.cancelled:
                    break
                try:
                    with self._claim(report_id):
                        results[report_id] = self._transfer(
                            self.store.get(report_id), company_client, cancel, None
                        )
                except ReportNotSendable:
                    continue
            waiting = [rid for rid, r in results.items() if r.state == "unknown" and r.retry_at is not None]
            if not waiting:
                break
            soonest = min(results[rid].retry_at or give_up_at for rid in waiting)
            if soonest > give_up_at:
                break
            log.info("waiting until %s for an unanswered write to settle before finishing reports", soonest)
            if self._sleep(cancel, max(0.0, (soonest - self._clock()).total_seconds())):
                break
            todo = waiting
        waiting_results = [r for r in results.values() if r.state == "unknown" and r.retry_at is not None]
        # a send the run cancelled (closing the app, Cancel) is not refused: the next sync takes it again
        cancelled = sum(
            r.state == "failed" and r.error is not None and r.error.code == Cancelled.code
            for r in results.values()
        )
        return PushSummary(
            sent=sum(r.state == "sent" for r in results.values()),
            failed=sum(r.state == "failed" for r in results.values()) - cancelled,
            unknown=sum(r.state == "unknown" and r.retry_at is None for r in results.values()),
            waiting=len(waiting_results),
            waiting_until=max((r.retry_at for r in waiting_results if r.retry_at), default=None),
            queued=sum(r.state == "queued" for r in results.values()) + cancelled,
        )

    def dry_run(self, report_id: uuid.UUID, cancel: CancelToken) -> DryRunOutcome:
        """The exact JSON, what Tripletex already holds with this report's marker (reads only), and the report
        priced line by line with the names the preview shows."""
        stored = self.store.get(report_id)
        ref = self.reference(stored.report.company_id)
        outcome = self._dry_run(stored, cancel)
        return dataclasses.replace(
            outcome, report=stored.report, price=self.price(stored.report, ref), reference=ref
        )

    def _dry_run(self, stored: StoredReport, cancel: CancelToken) -> DryRunOutcome:
        try:
            plan = self._plan(stored.report)
        except PlanInvalid as exc:
            return DryRunOutcome(problems=exc.problems)
        journal = self.store.journal(stored.report.id)
        if (
            plan.needs_currency_lookup
        ):  # foreign-currency costs: the exact JSON needs the currency id and rate
            client = self._client_factory(cancel)
            try:
                co = client.company(self.company(stored.report.company_id).context_id)
                result = transfer(stored.report, plan, co, journal, cancel, dry_run=True)
            except PlanInvalid as exc:
                return DryRunOutcome(problems=exc.problems)
            except TripletexDesktopError as exc:
                return DryRunOutcome(error=ErrorInfo.from_exception(exc))
            finally:
                client.close()
        else:
            result = transfer(stored.report, plan, _NoClient(), journal, cancel, dry_run=True)
        try:
            existing = self._find(stored, cancel)
        except TripletexDesktopError as exc:
            return DryRunOutcome(requests=result.requests, error=ErrorInfo.from_exception(exc))
        return DryRunOutcome(requests=result.requests, existing=tuple(existing))

    def _find(self, stored: StoredReport, cancel: CancelToken) -> list[dict[str, Any]]:
        company = self.company(stored.report.company_id)
        te_id = self.store.journal(stored.report.id).state(stored.report.id).travel_expense_id
        te_id = te_id or stored.row.tripletex_id
        client = self._client_factory(cancel)
        try:
            co = client.company(company.context_id)
            if te_id is not None:
                try:
                    return [co.get_travel_expense(te_id, fields="id,number,state,title")]
                except NotFound:
                    return []
            rows = co.travel_expenses(employee_id=stored.report.employee_id, fields=REPORT_FIELDS)
            return [
                r
                for r in rows
                if has_report_marker(r.get("title"), stored.report.id)
                or has_report_marker(
                    (r.get("travelDetails") or {}).get("detailedJourneyDescription"), stored.report.id
                )
            ]
        finally:
            client.close()

    def check_sent(self, report_id: uuid.UUID, cancel: CancelToken) -> CheckOutcome:
        """Answer "Was it sent?": look the report up in Tripletex and store its id, number and state if found."""
        stored = self.store.get(report_id)
        try:
            found = self._find(stored, cancel)
        except TripletexDesktopError as exc:
            return CheckOutcome(False, stored.row, ErrorInfo.from_exception(exc))
        if not found:
            # A row we think arrived is not there (deleted in Tripletex?): "unknown" allows a journal-safe Send again.
            row = self.store.mark_missing(report_id) if stored.row.state == "sent" else stored.row
            return CheckOutcome(False, row)
        first = min(found, key=lambda r: int(r["id"]))
        row = self.store.mark_tripletex(
            report_id,
            tripletex_id=int(first["id"]),
            number=first.get("number"),
            tripletex_state=first.get("state"),
        )
        return CheckOutcome(True, row)

    @staticmethod
    def can_send(row: ReportRow) -> bool:
        """True when Send / Send again applies."""
        return row.state in SENDABLE_STATES


class _NoClient:
    """A dry run reads and writes nothing; any use of the client is a bug."""

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"dry run used the client ({name})")


class ReportOutboxPusher:
    """core.sync OutboxPusher over ReportsBackend: a sync run sends the company's queued reports."""

    def __init__(self, backend: ReportsBackend) -> None:
        self._backend = backend

    def push_outbox(
        self, connection_id: str, company: CompanyTarget, client: OutboxClient, cancel: CancelToken
    ) -> PushSummary:
        """Send queued reports; a single report's failure is recorded on it, never raised."""
        if connection_id != self._backend.connection_id:
            return PushSummary()
        return self._backend.push_outbox(int(company.company_id), client, cancel)


# --- over the AppContext ----------------------------------------------------------------------------


def reports_backend_for(
    context: AppContext, connection: ConnectionSettings, *, settle_wait: dt.timedelta = dt.timedelta(0)
) -> ReportsBackend:
    """The travel-report backend (ReportsBackend) of one stored connection (grace period from the context's
    request timeout and environment, core.transfer.timing)."""
    companies = [
        CompanyInfo(int(c.id), c.name, c.mapping(), int(c.id) if connection.is_accountant else 0)
        for c in connection.companies
    ]
    return ReportsBackend(
        ReportStore(context.db),
        context.db,
        connection_id=connection.id,
        companies=companies,
        client_factory=lambda cancel: context.client_for(connection, cancel),
        lock=lambda: ConnectionLock(context.paths.lock_dir, connection.id),
        deliver=connection.sync.deliver_reports,
        approve=connection.sync.approve_reports,
        timing=context.write_timing,
        settle_wait=settle_wait,
        clock=context.clock,
        token_owner=lambda: _token_owner(context, connection.id),
    )


def _token_owner(context: AppContext, connection_id: str) -> tuple[int | None, int | None]:
    """The stored token owner of a connection as the running app knows it (a sync may have just learnt it)."""
    conn = context.settings.connection(connection_id)
    if conn is None or conn.id != connection_id:
        return (None, None)
    return (conn.employee_id, conn.employee_company_id)


def outbox_pusher_for(
    context: AppContext, *, wait_for_tripletex: bool = False
) -> Callable[[ConnectionSettings], ReportOutboxPusher]:
    """`pusher_for(connection)` for make_sync_runner: the sync's push step finishes unfinished travel reports.

    `wait_for_tripletex` (the headless `sync`): wait within the run, up to one grace period, for unanswered
    writes to settle, so a single scheduled run finishes what a killed one left; the GUI leaves that to its
    next run and says what it waits for.
    """

    def pusher_for(connection: ConnectionSettings) -> ReportOutboxPusher:
        wait = (
            context.write_timing.grace + dt.timedelta(seconds=30) if wait_for_tripletex else dt.timedelta(0)
        )
        return ReportOutboxPusher(reports_backend_for(context, connection, settle_wait=wait))

    return pusher_for
