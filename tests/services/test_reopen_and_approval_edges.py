"""Travel reports between two runs: a reopen while a write's outcome is unknown, a report approved in Tripletex."""

from __future__ import annotations

import pytest

from tests.support.reports import trip
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.transfer import AwaitingTripletex, TransferResult, report_marker
from tripletex_desktop.storage.reports import ReportDeliveredInTripletex


def test_a_reopen_while_a_journal_step_is_unknown_waits_until_the_write_can_no_longer_land(backend, world):
    report = trip(world)
    backend.save_draft(report)
    backend.approve(report.id)
    # The report's create was sent and never answered: its outcome is unknown, and it may still land.
    backend.store.journal(report.id).record_intent(report.id, "report", sent_at=world.clock())
    backend.store.mark_result(report.id, TransferResult("unknown"))
    with pytest.raises(AwaitingTripletex):
        backend.reopen(report.id)
    assert backend.store.get(report.id).row.state == "unknown"  # nothing changed
    world.past_grace()  # the write can no longer land: Tripletex is asked, nothing was created there
    assert backend.reopen(report.id).state == "draft"
    assert world.with_marker(report_marker(report.id)) == []


def test_a_report_approved_in_tripletex_between_two_runs_is_neither_sent_again_nor_reopened(backend, world):
    report = trip(world)
    backend.save_draft(report)
    backend.approve(report.id)
    sent = backend.send(report.id, CancelToken())
    assert sent.state == "sent"
    company = world.sim.company(world.company_id)
    row = company.travel_expenses[sent.travel_expense_id]
    company.travel_expenses[row["id"]] = {**row, "state": "APPROVED"}  # a bookkeeper approved it in Tripletex
    client = world.client()
    try:
        summary = backend.push_outbox(world.company_id, client.company(0), CancelToken())  # the next sync
    finally:
        client.close()
    assert summary.sent == 0 and summary.failed == 0
    assert len(world.with_marker(report_marker(report.id))) == 1
    with pytest.raises(ReportDeliveredInTripletex):
        backend.reopen(report.id)
    assert backend.store.get(report.id).row.state == "sent"
