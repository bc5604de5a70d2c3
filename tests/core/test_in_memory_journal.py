"""The in-memory journal (dry runs, conformance, tests) keeps the journal's contract: forget, settle, crash undo."""

from __future__ import annotations

import datetime as dt
import uuid

from tripletex_desktop.core.transfer import InMemoryJournal, ReportStatus
from tripletex_desktop.core.transfer.journal import StepRecord

RID = uuid.UUID(int=7)
AT = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)


def test_forgetting_steps_keeps_the_reports_status_and_error():
    journal = InMemoryJournal()
    journal.record_result(RID, "report", 501)
    journal.record_result(RID, "cost:0", 601)
    journal.record_status(RID, ReportStatus.UNKNOWN, "timeout")
    journal.forget(RID, iter(["cost:0"]))
    state = journal.state(RID)
    assert (state.status, state.error_code, set(state.steps)) == (ReportStatus.UNKNOWN, "timeout", {"report"})


def test_forgetting_or_settling_a_report_it_never_saw_changes_nothing():
    journal = InMemoryJournal()
    journal.record_settle(RID, "cost:0", AT)
    journal.forget(RID, ["cost:0"])
    journal.forget(uuid.UUID(int=8), [])
    for rid in (RID, uuid.UUID(int=8)):
        assert journal.state(rid).steps == {}
        assert journal.state(rid).status is ReportStatus.QUEUED


def test_a_crash_before_the_result_leaves_the_intent_it_followed():
    journal = InMemoryJournal()
    journal.record_intent(RID, "cost:0", sent_at=AT)
    journal.record_result(RID, "cost:0", 601)
    assert journal.forget_last_result() == "cost:0"
    assert journal.state(RID).steps["cost:0"] == StepRecord("cost:0", sent_at=AT)
    assert journal.forget_last_result() is None  # only once


def test_a_crash_before_a_result_with_no_record_before_it_leaves_a_bare_intent():
    journal = InMemoryJournal()
    journal.record_result(RID, "cost:0", 601)
    assert journal.forget_last_result() == "cost:0"
    assert journal.state(RID).steps["cost:0"] == StepRecord("cost:0")


def test_a_crash_before_an_updates_result_leaves_the_earlier_write():
    journal = InMemoryJournal()
    journal.record_result(RID, "cost:0", 601, fingerprint="old")
    journal.record_result(RID, "cost:0", 601, fingerprint="new")
    assert journal.forget_last_result() == "cost:0"
    assert journal.state(RID).steps["cost:0"] == StepRecord("cost:0", True, 601, fingerprint="old")


def test_an_intent_never_undoes_a_done_step_and_keeps_its_time_and_observation():
    journal = InMemoryJournal()
    journal.record_result(RID, "report", 501)
    journal.record_intent(RID, "report", sent_at=AT)
    journal.record_intent(RID, "attachment:0", sent_at=AT, observed="a1,a2")
    steps = journal.state(RID).steps
    assert steps["report"] == StepRecord("report", True, 501)
    assert steps["attachment:0"] == StepRecord("attachment:0", sent_at=AT, observed="a1,a2")


def test_recording_a_step_keeps_the_reports_error():
    journal = InMemoryJournal()
    journal.record_status(RID, ReportStatus.UNKNOWN, "timeout")
    journal.record_intent(RID, "cost:0", sent_at=AT)
    journal.record_result(RID, "report", 501)
    assert (journal.state(RID).status, journal.state(RID).error_code) == (ReportStatus.UNKNOWN, "timeout")


def test_a_settle_time_goes_on_a_step_not_yet_done_only():
    journal = InMemoryJournal()
    journal.record_intent(RID, "cost:0", sent_at=AT)
    journal.record_result(RID, "report", 501)
    later = AT + dt.timedelta(minutes=5)
    journal.record_settle(RID, "cost:0", later)
    journal.record_settle(RID, "report", later)
    steps = journal.state(RID).steps
    assert steps["cost:0"] == StepRecord("cost:0", sent_at=AT, settle_at=later)
    assert steps["report"] == StepRecord("report", True, 501)
