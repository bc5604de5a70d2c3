"""Exactly-once transfer of a travel report to Tripletex: payloads, a write-ahead journal and reconciliation.

Tripletex has no idempotency key (API-NOTES §8.8), so every write follows one protocol:

1. the journal records the *intent* of the step before the request is sent;
2. the step is written; its Tripletex id is recorded as the *result*;
3. a step with an intent but no result (a timeout, a dropped connection, a 5xx, or a crash between the write
   and the journal update) is *reconciled* before anything is written again: the report is found by the
   marker ``[TD:<8 hex>]`` in its journey description (its title for an employee expense and for reports
   sent before the marker left the title), child lines by their content (mileage, its
   passenger supplement, per diem) or their own marker (costs ``[TD:<8 hex>:c<n>]``), attachments by the report's ``attachmentCount``,
   deliver/approve by re-reading the report's state.

After an unknown outcome of a timeout or dropped connection the request may still be in flight, so a step
that is not found is not written again in the same run: the result is ``unknown`` and the next run
reconciles again. A 5xx was answered (nothing is in flight), so after a search finds nothing it is written
once more.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.errors import (
    ErrorInfo,
    ServerError,
    TransportError,
    TripletexDesktopError,
)
from tripletex_desktop.core.transfer.client import TravelClient
from tripletex_desktop.core.transfer.journal import Journal, ReportStatus
from tripletex_desktop.core.transfer.payloads import resolve_currencies
from tripletex_desktop.core.transfer.plan import (
    NEW_REPORT_ID,
    Json,
    PlannedRequest,
    PlannedStep,
    StepKind,
    TransferPlan,
    child_body,
)
from tripletex_desktop.core.transfer.reconcile import (
    APPROVED_STATES,
    DELIVERED_STATES,
    REPORT_FIELDS,
    claimed_ids,
    cost_matches,
    find_report,
    mileage_matches,
    passenger_supplement_matches,
    per_diem_matches,
    pick,
)
from tripletex_desktop.core.travel import TravelReport

TransferState = Literal["sent", "failed", "unknown", "dry_run"]


@dataclass(frozen=True, slots=True)
class TransferResult:
    """The outcome; `requests` holds the exact JSON for a dry run."""

    state: TransferState
    travel_expense_id: int | None = None
    number: int | None = None
    tripletex_state: str | None = None
    error: ErrorInfo | None = None
    requests: tuple[PlannedRequest, ...] = ()


class ReportMissing(TripletexDesktopError):
    """The journal lost the report's id and no report with the marker was found in Tripletex."""

    code = "transfer_report_missing"


class ReceiptUnreadable(TripletexDesktopError):
    """A receipt file could not be read."""

    code = "receipt_unreadable"


class _Unknown(Exception):  # noqa: N818 - control flow, never leaves this module
    def __init__(self, cause: TripletexDesktopError) -> None:
        super().__init__(cause.code)
        self.cause = cause


def _content_type(path: str) -> str:
    suffix = Path(path).suffix.lower()
    return {
        ".pdf": "application/pdf",
        ".png": "image/png",
        ".jpg": "image/jpeg",
        ".jpeg": "image/jpeg",
        ".heic": "image/heic",
    }.get(suffix, "application/octet-stream")


class _Transfer:
    """One run of the protocol for one report."""

    def __init__(
        self,
        plan: TransferPlan,
        client: TravelClient,
        journal: Journal,
        cancel: CancelToken,
        read_file: Callable[[str], bytes],
        max_answered_retries: int,
    ) -> None:
        self.plan = plan
        self.client = client
        self.journal = journal
        self.cancel = cancel
        self.read_file = read_file
        self.max_answered_retries = max_answered_retries
        self.rid = plan.report_id
        self.te_id: int | None = None
        self.number: int | None = None
        self.tx_state: str | None = None
        self.distrust = False

    # -- running --

    def run(self) -> TransferResult:
        state = self.journal.state(self.rid)
        self.te_id = state.travel_expense_id
        self.journal.record_status(self.rid, ReportStatus.SENDING)
        try:
            if self.plan.needs_currency_lookup:  # reads before any write; costs already sent keep their body
                done = frozenset(k for k, r in self.journal.state(self.rid).steps.items() if r.done)
                self.plan = resolve_currencies(self.plan, self.client, skip=done)
            for step in self.plan.steps:
                self.cancel.raise_if_cancelled()
                record = self.journal.state(self.rid).steps.get(step.key)
                if record is not None and record.done:
                    if step.kind is StepKind.REPORT:
                        self.te_id = record.tripletex_id
                    continue
                # Look before writing when the outcome of an earlier attempt is unknown (an intent without
                # a result), when the journal proved unreliable for this report, always before creating
                # the report (a lost or restored journal must not duplicate it), and before deliver/approve.
                if (
                    record is not None
                    or self.distrust
                    or step.kind in (StepKind.REPORT, StepKind.DELIVER, StepKind.APPROVE)
                ):
                    found, tripletex_id = self._reconcile(step, thorough=record is not None)
                    if found:
                        if step.kind is StepKind.REPORT and record is None:
                            self.distrust = True  # the report exists but the journal never heard of it
                        self._done(step, tripletex_id)
                        continue
                self._write_with_recovery(step)
            self._refresh()
        except _Unknown as unknown:
            self.journal.record_status(self.rid, ReportStatus.UNKNOWN, unknown.cause.code)
            return self._result("unknown", ErrorInfo.from_exception(unknown.cause))
        except TripletexDesktopError as exc:  # including Cancelled: nothing is in flight
            self.journal.record_status(self.rid, ReportStatus.FAILED, exc.code)
            return self._result("failed", ErrorInfo.from_exception(exc))
        self.journal.record_status(self.rid, ReportStatus.SENT)
        return self._result("sent", None)

    def _result(self, state: TransferState, error: ErrorInfo | None) -> TransferResult:
        return TransferResult(state, self.te_id, self.number, self.tx_state, error)

    def _done(self, step: PlannedStep, tripletex_id: int | None) -> None:
        self.journal.record_result(self.rid, step.key, tripletex_id)
        if step.kind is StepKind.REPORT:
            self.te_id = tripletex_id

    def _write_with_recovery(self, step: PlannedStep) -> None:
        answered_retries = 0
        while True:
            self.journal.record_intent(self.rid, step.key)
            try:
                tripletex_id = self._write(step)
            except (TransportError, ServerError) as exc:
                found, tripletex_id = self._reconcile(step, thorough=True)
                if found:
                    self._done(step, tripletex_id)
                    return
                if isinstance(exc, ServerError) and answered_retries < self.max_answered_retries:
                    answered_retries += 1
                    self.cancel.raise_if_cancelled()
                    continue
                raise _Unknown(exc) from exc
            self._done(step, tripletex_id)
            return

    def _need_report(self) -> int:
        if self.te_id is None:  # a journal that lost the report's id: reconcile before anything else
            found, tripletex_id = self._reconcile(self.plan.step("report"), thorough=True)
            if not found or tripletex_id is None:
                raise _Unknown(ReportMissing())
            self._done(self.plan.step("report"), tripletex_id)
        assert self.te_id is not None
        return self.te_id

    def _write(self, step: PlannedStep) -> int | None:
        if step.kind is StepKind.REPORT:
            created = self.client.create_travel_expense(dict(step.body or {}))
            self.number = created.get("number")
            self.tx_state = created.get("state")
            return int(created["id"])
        te_id = self._need_report()
        if step.kind in (StepKind.MILEAGE, StepKind.PASSENGER_SUPPLEMENT):
            return int(self.client.create_mileage_allowance(child_body(step, te_id))["id"])
        if step.kind is StepKind.PER_DIEM:
            return int(self.client.create_per_diem_compensation(child_body(step, te_id))["id"])
        if step.kind is StepKind.COST:
            return int(self.client.create_cost(child_body(step, te_id))["id"])
        if step.kind is StepKind.ATTACHMENT:
            assert step.file_path is not None
            try:
                content = self.read_file(step.file_path)
            except OSError as exc:
                raise ReceiptUnreadable(type(exc).__name__) from exc
            name = Path(step.file_path).name
            self.client.upload_attachment(te_id, name, content, _content_type(name))
            return None
        if step.kind is StepKind.DELIVER:
            self._note_states(self.client.deliver([te_id]))
            return te_id
        self._note_states(self.client.approve([te_id]))
        return te_id

    def _note_states(self, answered: list[Json]) -> None:
        for row in answered:
            if row.get("id") == self.te_id:
                self.tx_state = row.get("state", self.tx_state)

    def _refresh(self) -> None:
        if self.te_id is None:
            return
        row = self.client.get_travel_expense(self.te_id, fields="id,number,state")
        self.number = row.get("number", self.number)
        self.tx_state = row.get("state", self.tx_state)

    # -- reconciliation (reads only; the client retries reads itself) --

    def _reconcile(self, step: PlannedStep, *, thorough: bool) -> tuple[bool, int | None]:
        try:
            return self._search(step, thorough)
        except (TransportError, ServerError) as exc:
            raise _Unknown(exc) from exc

    def _search(self, step: PlannedStep, thorough: bool) -> tuple[bool, int | None]:
        if step.kind is StepKind.REPORT:
            found = self._find_report(thorough)
            return found is not None, found
        te_id = self._need_report()
        if step.kind is StepKind.MILEAGE:
            return self._pick(self.client.mileage_allowances(te_id), step, mileage_matches)
        if step.kind is StepKind.PASSENGER_SUPPLEMENT:
            rows = self.client.mileage_allowances(te_id)
            return self._pick(rows, step, passenger_supplement_matches)
        if step.kind is StepKind.PER_DIEM:
            return self._pick(self.client.per_diem_compensations(te_id), step, per_diem_matches)
        if step.kind is StepKind.COST:
            return self._pick(self.client.costs(te_id), step, cost_matches)
        row = self.client.get_travel_expense(te_id, fields=REPORT_FIELDS)
        if step.kind is StepKind.ATTACHMENT:
            index = int(step.key.split(":")[1])
            return int(row.get("attachmentCount") or 0) > index, None
        state = row.get("state")
        self.tx_state = state
        wanted = DELIVERED_STATES if step.kind is StepKind.DELIVER else APPROVED_STATES
        return state in wanted, te_id

    def _pick(
        self, rows: list[Json], step: PlannedStep, matches: Callable[[Json, PlannedStep], bool]
    ) -> tuple[bool, int | None]:
        claimed = claimed_ids(self.journal.state(self.rid).steps, step.kind)
        found = pick(rows, step, claimed, matches)
        return found is not None, found

    def _find_report(self, thorough: bool) -> int | None:
        row = find_report(self.client, self.plan, thorough=thorough)
        if row is None:
            return None
        self.number = row.get("number")
        self.tx_state = row.get("state")
        return int(row["id"])


def transfer(
    report: TravelReport,
    plan: TransferPlan,
    client: TravelClient,
    journal: Journal,
    cancel: CancelToken | None = None,
    dry_run: bool = False,
    *,
    read_file: Callable[[str], bytes] = lambda path: Path(path).read_bytes(),
    max_answered_retries: int = 1,
) -> TransferResult:
    """Send `plan` for `report` exactly once (see the module docstring); safe to call again at any time.

    `dry_run=True` writes nothing and reads only the currencies of foreign-currency costs (so the JSON is exact;
    an unknown code raises CurrencyUnknown): the result's `requests` hold the exact JSON, with the journaled
    travel expense id when the report already exists, else a placeholder.
    """
    if plan.report_id != report.id:
        raise ValueError("plan was built for another report")
    if dry_run:
        plan = resolve_currencies(plan, client)
        te_id = journal.state(report.id).travel_expense_id
        return TransferResult(
            "dry_run", te_id, requests=plan.requests(te_id if te_id is not None else NEW_REPORT_ID)
        )
    return _Transfer(plan, client, journal, cancel or CancelToken(), read_file, max_answered_retries).run()
