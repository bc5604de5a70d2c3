"""Exactly-once transfer of a travel report to Tripletex: a write-ahead journal, reconciliation, a grace period.

Tripletex has no idempotency key (API-NOTES §8.8), so every write follows one protocol:

1. the journal records the *intent* of the step, with the time it is sent, before the request goes out;
2. the step is written; its Tripletex id (and a fingerprint of what was written) is recorded as the *result*;
3. a step with an intent but no result (a timeout, a dropped connection, a 5xx, a process killed between the
   write and the journal update) is *reconciled* before anything is written again: the report is found by
   the marker ``[TD:<8 hex>]`` in its journey description (its title for an employee expense and for
   reports sent before the marker left the title), child lines by their content (mileage, its passenger
   supplement, per diem) or their own marker (costs ``[TD:<8 hex>:c<n>]``), receipts by comparing the
   report's attachments with what the journal recorded just before the upload (`attachment_observation`:
   robust to whatever ``attachmentCount`` counts), deliver/approve by re-reading the report's state;
4. a step that is not found is written again only after its *grace period* (core.transfer.timing): an
   answer that never came may belong to a request that is still travelling, and writing again before it
   can no longer land would create a second row. Until then the report stays ``unknown`` and the result
   says until when (`TransferResult.retry_at`). A definite answer (a 500, a 422, a refusal) settles the
   step at once: nothing is in flight;
5. after each create of a row that carries a marker (the report, a cost), and again before delivering (or
   at the end when not delivering), the app looks for a *second* row with the same marker and deletes the
   one the journal did not adopt: ``DELETE /travelExpense/{id}`` for an empty duplicate report,
   ``DELETE /travelExpense/cost/{id}`` for a duplicate cost. Content-matched lines (mileage, per diem)
   cannot be told from a legitimate twin, so they rely on the grace period alone;
6. a report corrected in the app after a failed send (core.transfer.journal fingerprints) is brought up to
   date in the same travel expense while Tripletex holds it OPEN: changed lines are updated
   (``PUT /travelExpense/<line>/{id}``), removed lines deleted (``DELETE …/{id}``), changed receipts
   replaced (``DELETE /travelExpense/{id}/attachment`` and upload again), each journaled as
   ``put:<step>`` / ``delete:<step>`` and repeatable (a PUT or DELETE done twice is done once).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Literal, TypeVar

from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.errors import (
    ApiError,
    AuthenticationFailed,
    ErrorInfo,
    NotFound,
    PermissionDenied,
    RateLimited,
    ServerError,
    StorageError,
    TransportError,
    TripletexDesktopError,
)
from tripletex_desktop.core.transfer.client import TravelClient
from tripletex_desktop.core.transfer.journal import Journal, JournalState, ReportStatus, StepRecord
from tripletex_desktop.core.transfer.payloads import resolve_currencies
from tripletex_desktop.core.transfer.plan import (
    CHILD_PATHS,
    NEW_REPORT_ID,
    Json,
    PlannedRequest,
    PlannedStep,
    StepKind,
    TransferPlan,
    child_body,
    content_fingerprint,
    step_fingerprint,
    step_kind_of,
)
from tripletex_desktop.core.transfer.reconcile import (
    APPROVED_STATES,
    ATTACHMENT_FIELDS,
    DELIVERED_STATES,
    REPORT_FIELDS,
    attachment_observation,
    claimed_ids,
    cost_matches,
    created_id,
    has_content,
    is_empty_report,
    marker_reports,
    matcher_for,
    pick,
    ref_id,
)
from tripletex_desktop.core.transfer.refusals import qualify
from tripletex_desktop.core.transfer.timing import WriteTiming
from tripletex_desktop.core.travel import TravelReport

log = logging.getLogger(__name__)
T = TypeVar("T")

TransferState = Literal["sent", "failed", "unknown", "queued", "dry_run"]
#: Errors after which the report stays in the outbox (``queued``, the error kept as the reason) and the next sync
#: sends it, because they say nothing against the report. Tripletex did not take the request: a rate limit that
#: outlasts the client's retries, a login refused even with a fresh session (the session expired, then its
#: successor). Or this machine could not record a step (a full disk, a folder made read-only, a locked keyring): a
#: step whose intent was not recorded was never sent, one whose result was not recorded is found by the next run's
#: search. A token that is really dead, or a disk that stays full, stops that next sync with its own message.
#: Never ``failed``: that waits for a person, and only a refusal of the report itself (a 4xx on it) is that.
STAYS_QUEUED: tuple[type[TripletexDesktopError], ...] = (RateLimited, AuthenticationFailed, StorageError)
#: The fields read to tell an empty duplicate report from one that holds lines.
REPORT_LINE_FIELDS = (
    REPORT_FIELDS + ",costs(id),mileageAllowances(id),perDiemCompensations(id),accommodationAllowances(id)"
)
#: Gateway answers after which the request may still be processed behind the gateway (like a timeout).
IN_FLIGHT_STATUSES = frozenset({502, 504})
#: Steps that create a row with an id.
_CREATES = frozenset({StepKind.REPORT, *CHILD_PATHS})


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True, slots=True)
class TransferResult:
    """The outcome; `requests` holds the exact JSON for a dry run.

    `retry_at`: for ``unknown``, the time after which a step that was not found may be written again (the
    app waits for Tripletex until then). ``queued``: a request was not taken or a step not recorded
    (STAYS_QUEUED, the reason in `error`); the report stays in the outbox for the next sync.
    `duplicates_removed`: rows deleted because they repeated an adopted row's marker.
    """

    state: TransferState
    travel_expense_id: int | None = None
    number: int | None = None
    tripletex_state: str | None = None
    error: ErrorInfo | None = None
    requests: tuple[PlannedRequest, ...] = ()
    retry_at: dt.datetime | None = None
    duplicates_removed: int = 0


class ReportMissing(TripletexDesktopError):
    """The journal lost the report's id and no report with the marker was found in Tripletex."""

    code = "transfer_report_missing"


class ApproveRefused(TripletexDesktopError):
    """The report was delivered, but Tripletex does not let this token approve it (403 at `:approve`, seen
    for a sandbox admin token even with overrideApprovalFlow, REAL-API-EVIDENCE F9): the transfer is sent,
    and someone approves the report in Tripletex."""

    code = "approve_refused"


class ReceiptUnreadable(TripletexDesktopError):
    """A receipt file could not be read."""

    code = "receipt_unreadable"


class AwaitingTripletex(TripletexDesktopError):
    """A write whose answer never came may still land: nothing is written again before `until`."""

    code = "awaiting_tripletex"

    def __init__(self, until: dt.datetime, detail: str = "") -> None:
        super().__init__(detail)
        self.until = until


class DeliveredBeforeCorrection(TripletexDesktopError):
    """The report was corrected in the app, but Tripletex holds it delivered or later (`detail` is its state:
    someone delivered or approved it there meanwhile): Tripletex takes no changes, so none were sent; it is
    changed in Tripletex. Same code as storage's ReportDeliveredInTripletex (the same message and action)."""

    code = "report_delivered_in_tripletex"


class CreatedWithoutId(TripletexDesktopError):
    """Tripletex answered a create without an id and the row was not found by its marker or content."""

    code = "created_without_id"


class _Unknown(Exception):  # noqa: N818 - control flow, never leaves this module
    def __init__(self, cause: TripletexDesktopError, retry_at: dt.datetime | None = None) -> None:
        super().__init__(cause.code)
        self.cause = cause
        self.retry_at = retry_at


def _content_type(path: str) -> str:
    suffix = Path(path).suffix.lower()
    return {
        ".pdf": "application/pdf",
        ".png": "image/png",
        ".jpg": "image/jpeg",
        ".jpeg": "image/jpeg",
        ".heic": "image/heic",
    }.get(suffix, "application/octet-stream")


def may_be_in_flight(exc: TripletexDesktopError) -> bool:
    """No answer, or a gateway's: the request may still be processed (a grace period applies)."""
    if isinstance(exc, TransportError):
        return True
    return isinstance(exc, ServerError) and exc.status in IN_FLIGHT_STATUSES


def _same(sent: object, echoed: object) -> bool:
    """A sent body value against Tripletex's echo: references by id, objects by the keys sent."""
    if isinstance(sent, dict):
        if set(sent) == {"id"}:
            sent_id: object = sent["id"]
            return ref_id(echoed) == sent_id
        return isinstance(echoed, dict) and all(_same(v, echoed.get(k)) for k, v in sent.items())
    return sent == echoed


def _name_the_line(exc: TripletexDesktopError, step: PlannedStep) -> None:
    """A refused write of one line: its validation messages name that step (refusals.qualify), so the app shows
    them on the line they came from."""
    if isinstance(exc, ApiError) and exc.validation_messages and step.kind in CHILD_PATHS:
        exc.validation_messages = qualify(exc.validation_messages, step)


def settle_deadline(record: StepRecord, timing: WriteTiming, now: dt.datetime) -> dt.datetime:
    """When a pending step's last attempt can no longer land (a recorded settle time, else a dead attempt's)."""
    if record.settle_at is not None:
        return record.settle_at
    return timing.after_a_dead_attempt(record.sent_at, now)


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
        timing: WriteTiming,
        clock: Callable[[], dt.datetime],
    ) -> None:
        self.plan = plan
        self.client = client
        self.journal = journal
        self.cancel = cancel
        self.read_file = read_file
        self.max_answered_retries = max_answered_retries
        self.timing = timing
        self.clock = clock
        self.rid = plan.report_id
        self.te_id: int | None = None
        self.number: int | None = None
        self.tx_state: str | None = None
        self.distrust = False
        #: True once the report is known to be OPEN in Tripletex and a correction is being applied
        self.revisable = False
        self.duplicates_removed = 0
        self.approve_refused: ErrorInfo | None = None

    # -- running --

    def run(self) -> TransferResult:
        state = self.journal.state(self.rid)
        self.te_id = state.travel_expense_id
        self.journal.record_status(self.rid, ReportStatus.SENDING)
        try:
            self._settle_dead_attempts(state)
            if self.plan.needs_currency_lookup:  # reads before any write; lines already sent keep their body
                unchanged = frozenset(
                    s.key
                    for s in self.plan.steps
                    if (r := state.steps.get(s.key)) and r.done and not self._changed(s, r)
                )
                plan = self.plan  # a read: Tripletex out of reach leaves the report unknown, never failed
                self.plan = self._read(lambda: resolve_currencies(plan, self.client, skip=unchanged))
            delivers = False
            for step in self.plan.steps:
                self.cancel.raise_if_cancelled()
                delivers = delivers or step.kind is StepKind.DELIVER
                record = self.journal.state(self.rid).steps.get(step.key)
                if record is not None and record.done:
                    if step.kind is StepKind.REPORT:
                        self.te_id = record.tripletex_id
                        self._revise(step, record)
                    elif self.revisable and self._changed(step, record):
                        self._update_line(step, record)
                    continue
                # Look before writing when the outcome of an earlier attempt is unknown (an intent without
                # a result), when the journal proved unreliable for this report, always before creating
                # the report (a lost or restored journal must not duplicate it), and before deliver/approve.
                if (
                    record is not None
                    or self.distrust
                    or step.kind in (StepKind.REPORT, StepKind.DELIVER, StepKind.APPROVE)
                ):
                    found, tripletex_id, row = self._reconcile(step, thorough=record is not None)
                    if found:
                        if step.kind is StepKind.REPORT and record is None:
                            self.distrust = True  # the report exists but the journal never heard of it
                        self._adopt(step, tripletex_id, row)
                        continue
                    if record is not None:
                        self._wait_until_settled(step.key)
                if step.kind is StepKind.DELIVER:
                    self._remove_duplicates()
                try:
                    self._write_with_recovery(step)
                except PermissionDenied as exc:
                    if step.kind is not StepKind.APPROVE:
                        raise
                    # Delivered is done: the report is in Tripletex, waiting for someone who may approve it.
                    # Never "failed" (Send again would only hit the 403 again); the journal keeps the intent.
                    self.approve_refused = ErrorInfo.from_exception(
                        ApproveRefused(exc.detail, request_id=exc.request_id)
                    )
            if not delivers:
                self._remove_duplicates()
            self._refresh()
        except _Unknown as unknown:
            self.journal.record_status(self.rid, ReportStatus.UNKNOWN, unknown.cause.code)
            return self._result("unknown", ErrorInfo.from_exception(unknown.cause), unknown.retry_at)
        except STAYS_QUEUED as exc:  # nothing in flight (answered, or never sent), nothing refused either
            self.journal.record_status(self.rid, ReportStatus.QUEUED, exc.code)
            return self._result("queued", ErrorInfo.from_exception(exc))
        except TripletexDesktopError as exc:  # including Cancelled: nothing is in flight
            self.journal.record_status(self.rid, ReportStatus.FAILED, exc.code)
            return self._result("failed", ErrorInfo.from_exception(exc))
        self.journal.record_status(self.rid, ReportStatus.SENT)
        return self._result("sent", self.approve_refused)

    def _result(
        self, state: TransferState, error: ErrorInfo | None, retry_at: dt.datetime | None = None
    ) -> TransferResult:
        return TransferResult(
            state,
            self.te_id,
            self.number,
            self.tx_state,
            error,
            retry_at=retry_at,
            duplicates_removed=self.duplicates_removed,
        )

    def _settle_dead_attempts(self, state: JournalState) -> None:
        """Attempts of a process that died mid-request (we run under its lock now) get their settle time."""
        now = self.clock()
        for record in state.pending:
            if record.settle_at is None:
                self.journal.record_settle(
                    self.rid, record.step_key, self.timing.after_a_dead_attempt(record.sent_at, now)
                )

    def _wait_until_settled(self, key: str) -> None:
        record = self.journal.state(self.rid).steps.get(key)
        if record is None or record.done:
            return
        until = settle_deadline(record, self.timing, self.clock())
        if self.clock() < until:
            raise _Unknown(AwaitingTripletex(until, key), retry_at=until)

    def _fingerprint(self, step: PlannedStep) -> str | None:
        return step_fingerprint(step) if step.kind in _CREATES else None

    def _changed(self, step: PlannedStep, record: StepRecord) -> bool:
        """A done line (or the report) whose content in the plan differs from what was written."""
        if step.kind not in _CREATES or record.fingerprint is None:
            return False  # deliver/approve, or written by a version that kept no fingerprint
        return record.fingerprint != step_fingerprint(step)

    def _done(self, step: PlannedStep, tripletex_id: int | None, fingerprint: str | None) -> None:
        self.journal.record_result(self.rid, step.key, tripletex_id, fingerprint)
        if step.kind is StepKind.REPORT:
            self.te_id = tripletex_id

    def _adopt(self, step: PlannedStep, tripletex_id: int | None, row: Json | None) -> None:
        """A reconciliation found the step's row: record it (a cost found by its marker whose content is out of
        date — an earlier attempt of a corrected report — is brought up to date)."""
        fingerprint = self._fingerprint(step)
        if step.kind is StepKind.ATTACHMENT and step.file_path is not None:
            try:
                fingerprint = content_fingerprint(self.read_file(step.file_path))
            except OSError:
                fingerprint = None
        stale = step.kind is StepKind.COST and row is not None and not has_content(row, step)
        self._done(step, tripletex_id, "" if stale else fingerprint)
        if stale and tripletex_id is not None:
            self.revisable = True  # lines are being written, so the report is OPEN
            record = self.journal.state(self.rid).steps[step.key]
            self._update_line(step, record)

    def _write_with_recovery(self, step: PlannedStep) -> None:
        answered_retries = 0
        while True:
            # a receipt upload cannot be found by itself: journal what the report's attachments look like first
            observed = self._observe_attachments() if step.kind is StepKind.ATTACHMENT else None
            sent_at = self.clock()
            self.journal.record_intent(self.rid, step.key, sent_at, observed)
            try:
                tripletex_id, fingerprint = self._write(step)
            except (TransportError, ServerError) as exc:
                in_flight = may_be_in_flight(exc)
                settle = self.timing.after_giving_up(sent_at, self.clock()) if in_flight else self.clock()
                self.journal.record_settle(self.rid, step.key, settle)
                found, tripletex_id, row = self._reconcile(step, thorough=True)
                if found:
                    self._adopt(step, tripletex_id, row)
                    return
                if not in_flight and answered_retries < self.max_answered_retries:
                    answered_retries += 1
                    self.cancel.raise_if_cancelled()
                    continue
                raise _Unknown(exc, retry_at=settle if in_flight else None) from exc
            except TripletexDesktopError as exc:
                self.journal.record_settle(self.rid, step.key, self.clock())  # answered: nothing in flight
                _name_the_line(exc, step)
                raise
            if tripletex_id is None and step.kind in _CREATES:
                # created (2xx) but the answer named no id: the row exists, so find it
                found, tripletex_id, row = self._reconcile(step, thorough=True)
                if not found or tripletex_id is None:
                    self.journal.record_settle(self.rid, step.key, self.clock())
                    raise _Unknown(CreatedWithoutId(step.key))
            self._done(step, tripletex_id, fingerprint)
            if step.kind in (StepKind.REPORT, StepKind.COST):
                self._remove_duplicates(only=step)
            return

    def _observe_attachments(self) -> str:
        te_id = self._need_report()
        return attachment_observation(
            self._read(lambda: self.client.get_travel_expense(te_id, fields=ATTACHMENT_FIELDS))
        )

    def _need_report(self) -> int:
        if self.te_id is None:  # a journal that lost the report's id: reconcile before anything else
            found, tripletex_id, _row = self._reconcile(self.plan.step("report"), thorough=True)
            if not found or tripletex_id is None:
                raise _Unknown(ReportMissing())
            self._done(self.plan.step("report"), tripletex_id, self._fingerprint(self.plan.step("report")))
        assert self.te_id is not None
        return self.te_id

    def _write(self, step: PlannedStep) -> tuple[int | None, str | None]:
        """Send the step once; its Tripletex id (None when the answer names none) and fingerprint."""
        fingerprint = self._fingerprint(step)
        if step.kind is StepKind.REPORT:
            created = self.client.create_travel_expense(dict(step.body or {}))
            self.number = created.get("number")
            self.tx_state = created.get("state")
            return created_id(created), fingerprint
        te_id = self._need_report()
        if step.kind in (StepKind.MILEAGE, StepKind.PASSENGER_SUPPLEMENT):
            return created_id(self.client.create_mileage_allowance(child_body(step, te_id))), fingerprint
        if step.kind is StepKind.PER_DIEM:
            return created_id(self.client.create_per_diem_compensation(child_body(step, te_id))), fingerprint
        if step.kind is StepKind.COST:
            return created_id(self.client.create_cost(child_body(step, te_id))), fingerprint
        if step.kind is StepKind.ATTACHMENT:
            assert step.file_path is not None
            try:
                content = self.read_file(step.file_path)
            except OSError as exc:
                raise ReceiptUnreadable(type(exc).__name__) from exc
            name = Path(step.file_path).name
            self.client.upload_attachment(te_id, name, content, _content_type(name))
            return None, content_fingerprint(content)
        if step.kind is StepKind.DELIVER:
            self._note_states(self.client.deliver([te_id]))
            return te_id, None
        self._note_states(self.client.approve([te_id]))
        return te_id, None

    def _note_states(self, answered: list[Json]) -> None:
        for row in answered:
            if row.get("id") == self.te_id:
                self.tx_state = row.get("state", self.tx_state)

    def _refresh(self) -> None:
        if self.te_id is None:
            return
        row = self._read(lambda: self.client.get_travel_expense(self.te_id or 0, fields="id,number,state"))
        self.number = row.get("number", self.number)
        self.tx_state = row.get("state", self.tx_state)

    # -- before a reopen for correction --

    def settle(self) -> None:
        """Settle every write whose outcome is unknown, against the plan it was sent with, without writing: a row
        found is adopted (content that may be out of date keeps an empty fingerprint, so the next send updates
        it), one not found is forgotten (the caller has waited out its grace period: it never will land)."""
        state = self.journal.state(self.rid)
        self.te_id = te_id = state.travel_expense_id
        if te_id is None:
            return  # nothing but the report itself may exist: the next send looks for it by its marker
        for step in self.plan.steps:
            record = state.steps.get(step.key)
            if record is None or record.done or step.kind is StepKind.REPORT:
                continue
            if step.kind in (StepKind.DELIVER, StepKind.APPROVE):
                self.journal.forget(self.rid, [step.key])  # the caller saw the report OPEN
                continue
            found, tripletex_id, row = self._reconcile(step, thorough=True)
            if not found:
                self.journal.forget(self.rid, [step.key])
                continue
            fingerprint = self._fingerprint(step)
            if step.kind is StepKind.ATTACHMENT and step.file_path is not None:
                try:
                    fingerprint = content_fingerprint(self.read_file(step.file_path))
                except OSError:
                    fingerprint = None
            elif step.kind is StepKind.COST and row is not None and not has_content(row, step):
                fingerprint = ""
            self._done(step, tripletex_id, fingerprint)
        for key, record in self.journal.state(self.rid).steps.items():
            if record.done or ":" not in key:
                continue
            action, _, target = key.partition(":")
            if action == "put":  # the PUT may have landed: what the line holds is not known
                line = self.journal.state(self.rid).steps.get(target)
                if line is not None and line.done:
                    self.journal.record_result(self.rid, target, line.tripletex_id, "")
                self.journal.forget(self.rid, [key])
            elif key == "delete:attachments":  # landed: the receipts are gone and must go up again
                row = self._read(partial(self.client.get_travel_expense, te_id, fields=ATTACHMENT_FIELDS))
                uploaded = [k for k in self.journal.state(self.rid).steps if k.startswith("attachment:")]
                self.journal.forget(self.rid, [key, *([] if row.get("attachmentCount") else uploaded)])

    # -- duplicates --

    def _remove_duplicates(self, only: PlannedStep | None = None) -> None:
        """Delete rows that repeat an adopted row's marker (`only`: just that step's marker)."""
        if self.te_id is None:
            return
        if only is None or only.kind is StepKind.REPORT:
            rows = self._read(
                lambda: marker_reports(self.client, self.plan, thorough=False, fields=REPORT_LINE_FIELDS)
            )
            for row in rows:
                if int(row["id"]) == self.te_id:
                    continue
                if row.get("state") == "OPEN" and is_empty_report(row):
                    log.warning("deleting duplicate travel expense %s of report %s", row["id"], self.rid)
                    self._delete(partial(self.client.delete_travel_expense, int(row["id"])))
                else:
                    log.warning(
                        "travel expense %s repeats the marker of report %s but holds lines; left alone",
                        row["id"],
                        self.rid,
                    )
        if only is not None and only.kind is not StepKind.COST:
            return
        steps = self.journal.state(self.rid).steps
        cost_steps = [s for s in self.plan.steps if s.kind is StepKind.COST and (only is None or s is only)]
        if not cost_steps:
            return
        te_id = self.te_id
        costs = self._read(lambda: self.client.costs(te_id))
        for step in cost_steps:
            record = steps.get(step.key)
            if record is None or not record.done:
                continue
            for row in costs:
                if cost_matches(row, step) and row.get("id") != record.tripletex_id:
                    log.warning("deleting duplicate cost %s of report %s (%s)", row["id"], self.rid, step.key)
                    self._delete(partial(self.client.delete_line, CHILD_PATHS[StepKind.COST], int(row["id"])))

    def _delete(self, call: Callable[[], None]) -> None:
        """A duplicate's DELETE: done when it answers or the row is gone already; repeatable."""
        try:
            call()
        except NotFound:
            return
        except (TransportError, ServerError) as exc:
            raise _Unknown(exc) from exc  # the next run looks again before delivering
        self.duplicates_removed += 1

    # -- corrections of a report Tripletex holds OPEN --

    def _revise(self, report_step: PlannedStep, record: StepRecord) -> None:
        """After a correction in the app: update the report, delete lines no longer planned, replace receipts
        that changed (changed lines are updated as the loop reaches them). Only while Tripletex holds it OPEN."""
        state = self.journal.state(self.rid)
        planned = {s.key for s in self.plan.steps}
        removals = [
            r
            for key, r in state.steps.items()
            if r.done and key not in planned and step_kind_of(key) in CHILD_PATHS
        ]
        head_changed = self._changed(report_step, record)
        lines_changed = any(
            (r := state.steps.get(s.key)) is not None and r.done and self._changed(s, r)
            for s in self.plan.steps
            if s.kind in CHILD_PATHS
        )
        attachments_changed = self._attachments_changed(state)
        if not (removals or head_changed or lines_changed or attachments_changed):
            return
        te_id = self._need_report()
        row = self._read(lambda: self.client.get_travel_expense(te_id, fields=REPORT_FIELDS))
        self.tx_state = row.get("state", self.tx_state)
        self.number = row.get("number", self.number)
        if row.get("state") != "OPEN":
            # Never "sent": the app would show corrected amounts Tripletex does not hold (and pays otherwise).
            log.warning(
                "report %s is %s in Tripletex: the changes in the app are not sent",
                self.rid,
                row.get("state"),
            )
            raise DeliveredBeforeCorrection(str(row.get("state") or ""))
        self.revisable = True
        if head_changed:
            self._update_head(report_step)
        for removed in removals:
            self._delete_line(removed)
        if attachments_changed:
            self._replace_attachments(state)

    def _attachments_changed(self, state: JournalState) -> bool:
        uploaded = {k: r for k, r in state.steps.items() if k.startswith("attachment:") and r.done}
        if not uploaded:
            return False
        planned = {s.key: s for s in self.plan.steps if s.kind is StepKind.ATTACHMENT}
        if any(key not in planned for key in uploaded):
            return True  # a receipt was removed
        for key, record in uploaded.items():
            path = planned[key].file_path
            if record.fingerprint is None or path is None:
                continue
            try:
                if content_fingerprint(self.read_file(path)) != record.fingerprint:
                    return True
            except OSError:
                continue  # uploaded already; a file moved since does not change what Tripletex holds
        return False

    def _rows(self, kind: StepKind) -> list[Json]:
        te_id = self._need_report()
        if kind in (StepKind.MILEAGE, StepKind.PASSENGER_SUPPLEMENT):
            return self._read(lambda: self.client.mileage_allowances(te_id))
        if kind is StepKind.PER_DIEM:
            return self._read(lambda: self.client.per_diem_compensations(te_id))
        return self._read(lambda: self.client.costs(te_id))

    def _journaled(
        self,
        key: str,
        call: Callable[[], object],
        landed: Callable[[], bool],
        *,
        gone_ok: bool = False,
    ) -> bool:
        """Run a repeatable write (PUT/DELETE) under the journal key `key`; True when it took effect, False
        when Tripletex answered 404 (and `gone_ok` is False). `landed()` decides after an unknown outcome."""
        sent_at = self.clock()
        self.journal.record_intent(self.rid, key, sent_at)
        try:
            call()
        except NotFound:
            self.journal.record_settle(self.rid, key, self.clock())
            return gone_ok
        except (TransportError, ServerError) as exc:
            in_flight = may_be_in_flight(exc)
            settle = self.timing.after_giving_up(sent_at, self.clock()) if in_flight else self.clock()
            self.journal.record_settle(self.rid, key, settle)
            if not landed():
                raise _Unknown(exc, retry_at=settle if in_flight else None) from exc
        except TripletexDesktopError:
            self.journal.record_settle(self.rid, key, self.clock())
            raise
        return True

    def _update_head(self, step: PlannedStep) -> None:
        te_id = self._need_report()
        body = dict(step.body or {})

        def landed() -> bool:
            row = self._read(lambda: self.client.get_travel_expense(te_id, fields="*"))
            return all(_same(value, row.get(name)) for name, value in body.items())

        key = f"put:{step.key}"
        self._journaled(key, lambda: self.client.update_travel_expense(te_id, body), landed)
        self.journal.record_result(self.rid, step.key, te_id, step_fingerprint(step))
        self.journal.forget(self.rid, [key])

    def _update_line(self, step: PlannedStep, record: StepRecord) -> None:
        te_id = self._need_report()
        line_id = record.tripletex_id
        key = f"put:{step.key}"
        if line_id is None:
            return
        body = child_body(step, te_id)

        def landed() -> bool:
            row = next((r for r in self._rows(step.kind) if r.get("id") == line_id), None)
            return row is not None and has_content(row, step)

        try:
            updated = self._journaled(
                key, lambda: self.client.update_line(CHILD_PATHS[step.kind], line_id, body), landed
            )
        except TripletexDesktopError as exc:
            _name_the_line(exc, step)
            raise
        if not updated:
            # deleted in Tripletex meanwhile: write the line anew
            self.journal.forget(self.rid, [step.key, key])
            self._write_with_recovery(step)
            return
        self.journal.record_result(self.rid, step.key, line_id, step_fingerprint(step))
        self.journal.forget(self.rid, [key])

    def _delete_line(self, record: StepRecord) -> None:
        kind = step_kind_of(record.step_key)
        line_id = record.tripletex_id
        assert kind in CHILD_PATHS
        key = f"delete:{record.step_key}"
        if line_id is not None:

            def landed() -> bool:
                return all(r.get("id") != line_id for r in self._rows(kind))

            self._journaled(
                key, lambda: self.client.delete_line(CHILD_PATHS[kind], line_id), landed, gone_ok=True
            )
        self.journal.forget(self.rid, [record.step_key, key])

    def _replace_attachments(self, state: JournalState) -> None:
        te_id = self._need_report()
        key = "delete:attachments"

        def landed() -> bool:
            row = self._read(lambda: self.client.get_travel_expense(te_id, fields="id,attachmentCount"))
            return not int(row.get("attachmentCount") or 0)

        self._journaled(key, lambda: self.client.delete_attachments(te_id), landed, gone_ok=True)
        uploaded = [k for k in state.steps if k.startswith("attachment:")]
        self.journal.forget(self.rid, [*uploaded, key])

    # -- reconciliation (reads only; the client retries reads itself) --

    def _read(self, read: Callable[[], T]) -> T:
        try:
            return read()
        except (TransportError, ServerError) as exc:
            raise _Unknown(exc) from exc

    def _reconcile(self, step: PlannedStep, *, thorough: bool) -> tuple[bool, int | None, Json | None]:
        try:
            return self._search(step, thorough)
        except (TransportError, ServerError) as exc:
            raise _Unknown(exc) from exc

    def _search(self, step: PlannedStep, thorough: bool) -> tuple[bool, int | None, Json | None]:
        if step.kind is StepKind.REPORT:
            rows = marker_reports(self.client, self.plan, thorough=thorough)
            if not rows:
                return False, None, None
            row = rows[0]
            self.number = row.get("number")
            self.tx_state = row.get("state")
            return True, int(row["id"]), row
        te_id = self._need_report()
        if step.kind is StepKind.MILEAGE or step.kind is StepKind.PASSENGER_SUPPLEMENT:
            return self._pick(self.client.mileage_allowances(te_id), step)
        if step.kind is StepKind.PER_DIEM:
            return self._pick(self.client.per_diem_compensations(te_id), step)
        if step.kind is StepKind.COST:
            return self._pick(self.client.costs(te_id), step)
        if step.kind is StepKind.ATTACHMENT:
            return self._attachment_landed(step, te_id), None, None
        row = self.client.get_travel_expense(te_id, fields=REPORT_FIELDS)
        state = row.get("state")
        self.tx_state = state
        wanted = DELIVERED_STATES if step.kind is StepKind.DELIVER else APPROVED_STATES
        return state in wanted, te_id, row

    def _attachment_landed(self, step: PlannedStep, te_id: int) -> bool:
        """Did an upload of this receipt land? Its attachments changed since the observation journaled just
        before the attempt (reconcile.attachment_observation). Without one (an intent of an older version, a
        journal that lost the step): a report Tripletex no longer holds OPEN takes no receipt, so what it holds
        is final; an OPEN one is read as counting uploads, the best guess without a baseline."""
        row = self.client.get_travel_expense(te_id, fields=ATTACHMENT_FIELDS)
        record = self.journal.state(self.rid).steps.get(step.key)
        if record is not None and not record.done and record.observed is not None:
            return attachment_observation(row) != record.observed
        if row.get("state") not in (None, "OPEN"):
            return True
        return int(row.get("attachmentCount") or 0) > int(step.key.split(":")[1])

    def _pick(self, rows: list[Json], step: PlannedStep) -> tuple[bool, int | None, Json | None]:
        claimed = claimed_ids(self.journal.state(self.rid).steps, step.kind)
        found = pick(rows, step, claimed, matcher_for(step.kind))
        if found is None:
            return False, None, None
        return True, found, next(r for r in rows if r.get("id") == found)


def settle_pending(
    report: TravelReport,
    plan: TransferPlan,
    client: TravelClient,
    journal: Journal,
    *,
    read_file: Callable[[str], bytes] = lambda path: Path(path).read_bytes(),
    timing: WriteTiming | None = None,
    clock: Callable[[], dt.datetime] = _utc_now,
) -> None:
    """Before a report Tripletex holds OPEN is reopened for correction: settle each write whose outcome is unknown
    against `plan`, the plan it was sent with (reads only; see `_Transfer.settle`). The caller has waited until
    none of them can still land. Steps are keyed by position, so a write left unknown and then met by a
    corrected plan would be matched with another line's content: a row that landed unseen would stay unclaimed
    next to its rewrite (paid twice). A read that fails raises its error (TransportError, ServerError, ...)."""
    if plan.report_id != report.id:
        raise ValueError("plan was built for another report")
    run = _Transfer(plan, client, journal, CancelToken(), read_file, 1, timing or WriteTiming(), clock)
    try:
        run.settle()
    except _Unknown as unknown:
        raise unknown.cause from None


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
    timing: WriteTiming | None = None,
    clock: Callable[[], dt.datetime] = _utc_now,
) -> TransferResult:
    """Send `plan` for `report` exactly once (see the module docstring); safe to call again at any time.

    `timing` sets the grace period (core.transfer.timing; default WriteTiming()), `clock` the time (aware UTC)
    that intents are stamped with and grace periods are measured against.

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
    return _Transfer(
        plan,
        client,
        journal,
        cancel or CancelToken(),
        read_file,
        max_answered_retries,
        timing or WriteTiming(),
        clock,
    ).run()
