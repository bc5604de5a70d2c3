"""The write-ahead journal's protocol: what a transfer records before and after each write."""

from __future__ import annotations

import abc
import uuid
from dataclasses import dataclass, field
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
    """A journaled step: intent recorded, and the Tripletex id once the result is known (`done`)."""

    step_key: str
    done: bool = False
    tripletex_id: int | None = None


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


class Journal(abc.ABC):
    """Write-ahead log of transfer steps; storage implements it in SQLite, each call durable on return."""

    @abc.abstractmethod
    def state(self, report_id: uuid.UUID) -> JournalState:
        """Everything recorded for the report (an empty state when nothing is)."""

    @abc.abstractmethod
    def record_intent(self, report_id: uuid.UUID, step_key: str) -> None:
        """Before a write: the step is about to be sent (keeps any earlier intent)."""

    @abc.abstractmethod
    def record_result(self, report_id: uuid.UUID, step_key: str, tripletex_id: int | None) -> None:
        """After a write (or a reconciliation found it): the step is done."""

    @abc.abstractmethod
    def record_status(
        self, report_id: uuid.UUID, status: ReportStatus, error_code: str | None = None
    ) -> None:
        """The report's outbox state."""


class InMemoryJournal(Journal):
    """A journal in a dict (tests, dry runs); `forget_last_result` simulates a crash before the update."""

    def __init__(self) -> None:
        self._states: dict[uuid.UUID, JournalState] = {}
        self._last_result: tuple[uuid.UUID, str] | None = None

    def state(self, report_id: uuid.UUID) -> JournalState:
        """A snapshot (a copy of the step map)."""
        current = self._states.get(report_id, JournalState())
        return JournalState(current.status, dict(current.steps), current.error_code)

    def _put(self, report_id: uuid.UUID, record: StepRecord) -> None:
        current = self._states.get(report_id, JournalState())
        self._states[report_id] = JournalState(
            current.status, {**current.steps, record.step_key: record}, current.error_code
        )

    def record_intent(self, report_id: uuid.UUID, step_key: str) -> None:
        """Record the intent unless the step is already there."""
        if step_key not in self._states.get(report_id, JournalState()).steps:
            self._put(report_id, StepRecord(step_key))

    def record_result(self, report_id: uuid.UUID, step_key: str, tripletex_id: int | None) -> None:
        """Mark the step done."""
        self._put(report_id, StepRecord(step_key, True, tripletex_id))
        self._last_result = (report_id, step_key)

    def record_status(
        self, report_id: uuid.UUID, status: ReportStatus, error_code: str | None = None
    ) -> None:
        """Set the report's status."""
        current = self._states.get(report_id, JournalState())
        self._states[report_id] = JournalState(status, dict(current.steps), error_code)

    def forget_last_result(self) -> str | None:
        """Turn the most recent result back into a bare intent, as if the process died before writing it."""
        if self._last_result is None:
            return None
        report_id, key = self._last_result
        self._put(report_id, StepRecord(key))
        self._last_result = None
        return key
