"""The write-ahead journal's protocol: what a transfer records before and after each write."""

from __future__ import annotations

import abc
import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum


class ReportStatus(StrEnum):
    """The outbox state of a report."""

    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class StepRecord:
    """A journaled step: intent recorded, and the Tripletex id once the result is known (`done`).

    `sent_at` is when the latest attempt was sent; `settle_at` the earliest time it may be written again if a
    search does not find it (None: not known yet, see core.transfer.timing). `fingerprint` identifies what a
    done step wrote (core.transfer.plan.step_fingerprint), so a corrected report updates only what changed.
    `observed` is what Tripletex showed just before the latest attempt, where the step's row cannot be found
    by itself (a receipt upload: the report's attachments), so a search after an unknown outcome compares.
    """

    step_key: str
    done: bool = False
    tripletex_id: int | None = None
    sent_at: dt.datetime | None = None
    settle_at: dt.datetime | None = None
    fingerprint: str | None = None
    observed: str | None = None


@dataclass(frozen=True, slots=True)
class JournalState:
    """What the journal knows about one report."""

    status: ReportStatus = ReportStatus.QUEUED
    steps: dict[str, StepRecord] = field(default_factory=dict)
    error_code: str | None = None

    @property
    def travel_expense_id(self) -> int | None:
        """The Tripletex id of the report, once created."""
        record = self.steps.get("report")
        return record.tripletex_id if record and record.done else None

    @property
    def pending(self) -> tuple[StepRecord, ...]:
        """Steps with an intent and no result: written, refused or never sent; a search decides."""
        return tuple(r for r in self.steps.values() if not r.done)


class Journal(abc.ABC):
    """Write-ahead log of transfer steps; storage implements it in SQLite, each call durable on return."""

    @abc.abstractmethod
    def state(self, report_id: uuid.UUID) -> JournalState:
        """Everything recorded for the report (an empty state when nothing is)."""

    @abc.abstractmethod
    def record_intent(
        self,
        report_id: uuid.UUID,
        step_key: str,
        sent_at: dt.datetime | None = None,
        observed: str | None = None,
    ) -> None:
        """Before a write: the step is about to be sent at `sent_at`, Tripletex showing `observed` (a done step
        stays done; an earlier intent takes the new time and observation and loses its `settle_at`)."""

    @abc.abstractmethod
    def record_settle(self, report_id: uuid.UUID, step_key: str, settle_at: dt.datetime) -> None:
        """An attempt of a step that is not done ended: it cannot land after `settle_at`."""

    @abc.abstractmethod
    def record_result(
        self,
        report_id: uuid.UUID,
        step_key: str,
        tripletex_id: int | None,
        fingerprint: str | None = None,
    ) -> None:
        """After a write (or a reconciliation found it): the step is done."""

    @abc.abstractmethod
    def forget(self, report_id: uuid.UUID, step_keys: Iterable[str]) -> None:
        """Drop steps whose rows no longer exist in Tripletex (deleted lines, a removed attachment)."""

    @abc.abstractmethod
    def record_status(
        self, report_id: uuid.UUID, status: ReportStatus, error_code: str | None = None
    ) -> None:
        """The report's outbox state."""


class InMemoryJournal(Journal):
    """A journal in a dict (tests, dry runs); `forget_last_result` simulates a crash before the update."""

    def __init__(self) -> None:
        self._states: dict[uuid.UUID, JournalState] = {}
        self._last_result: tuple[uuid.UUID, StepRecord | None, str] | None = None

    def state(self, report_id: uuid.UUID) -> JournalState:
        """A snapshot (a copy of the step map)."""
        current = self._states.get(report_id, JournalState())
        return JournalState(current.status, dict(current.steps), current.error_code)

    def _put(self, report_id: uuid.UUID, record: StepRecord) -> None:
        current = self._states.get(report_id, JournalState())
        self._states[report_id] = JournalState(
            current.status, {**current.steps, record.step_key: record}, current.error_code
        )

    def record_intent(
        self,
        report_id: uuid.UUID,
        step_key: str,
        sent_at: dt.datetime | None = None,
        observed: str | None = None,
    ) -> None:
        """Record the intent (a done step is kept as it is)."""
        old = self._states.get(report_id, JournalState()).steps.get(step_key)
        if old is None or not old.done:
            self._put(report_id, StepRecord(step_key, sent_at=sent_at, observed=observed))

    def record_settle(self, report_id: uuid.UUID, step_key: str, settle_at: dt.datetime) -> None:
        """Set when the step's last attempt can no longer land."""
        old = self._states.get(report_id, JournalState()).steps.get(step_key)
        if old is not None and not old.done:
            self._put(report_id, replace(old, settle_at=settle_at))

    def record_result(
        self,
        report_id: uuid.UUID,
        step_key: str,
        tripletex_id: int | None,
        fingerprint: str | None = None,
    ) -> None:
        """Mark the step done."""
        old = self._states.get(report_id, JournalState()).steps.get(step_key)
        self._put(report_id, StepRecord(step_key, True, tripletex_id, fingerprint=fingerprint))
        self._last_result = (report_id, old, step_key)

    def forget(self, report_id: uuid.UUID, step_keys: Iterable[str]) -> None:
        """Remove the steps."""
        current = self._states.get(report_id, JournalState())
        keys = set(step_keys)
        self._states[report_id] = JournalState(
            current.status, {k: r for k, r in current.steps.items() if k not in keys}, current.error_code
        )

    def record_status(
        self, report_id: uuid.UUID, status: ReportStatus, error_code: str | None = None
    ) -> None:
        """Set the report's status."""
        current = self._states.get(report_id, JournalState())
        self._states[report_id] = JournalState(status, dict(current.steps), error_code)

    def forget_last_result(self) -> str | None:
        """Undo the most recent result, as if the process died before writing it (the step's record goes back
        to what it was: a bare intent, or the done record of an earlier write for an update)."""
        if self._last_result is None:
            return None
        report_id, old, key = self._last_result
        self._put(report_id, old if old is not None else StepRecord(key))
        self._last_result = None
        return key
