"""Travel reports between two runs: a reopen while a write's outcome is unknown, a report approved in Tripletex."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from tests.support.reports import trip
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.errors import RequestTimeout
from tripletex_desktop.core.transfer import AwaitingTripletex, TransferResult, report_marker
from tripletex_desktop.core.travel import MileageLine
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


class LateSecondLeg:
    """A company client whose second mileage POST gets no answer (a timeout) and reaches Tripletex only later,
    after the run searched for it: `land()` commits it then (a slow server)."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.calls = 0
        self.held: list[dict] = []

    def __getattr__(self, name: str):
        return getattr(self.inner, name)

    def create_mileage_allowance(self, body):
        self.calls += 1
        if self.calls == 2:
            self.held.append(body)
            raise RequestTimeout("held past the client's timeout")
        return self.inner.create_mileage_allowance(body)

    def land(self) -> None:
        for body in self.held:
            self.inner.create_mileage_allowance(body)


def test_a_line_write_that_landed_unseen_before_a_reopen_is_not_paid_twice_by_the_correction(backend, world):
    """Found in review: a reopen for correction waited for a pending line write's grace period but never looked
    for it. Steps are keyed by position, so after the user removed the first leg the corrected report's first leg
    was the late-landed second leg: the correction rewrote the first row with it (PUT) and the late row stayed,
    unclaimed — the same trip's km paid twice. Reopen now settles every pending write against the report as it
    was sent (found: adopted; not found after its grace period: it never will be) before the report is edited."""
    leg_a = MileageLine(dt.date(2026, 11, 2), "Oslo", "Gardermoen", Decimal("42"))
    leg_b = MileageLine(dt.date(2026, 11, 3), "Gardermoen", "Oslo", Decimal("44"))
    report = dataclasses.replace(trip(world), lines=(leg_a, leg_b, *trip(world).lines[1:]))
    backend.save_draft(report)
    backend.approve(report.id)
    backend.store.queue(report.id)
    client = world.client()
    late = LateSecondLeg(client.company(0))
    try:
        first = backend._transfer(backend.store.get(report.id), late, CancelToken(), None)
    finally:
        client.close()
    assert first.state == "unknown" and first.retry_at is not None
    late.land()  # the second leg reaches Tripletex after the search
    world.past_grace()
    assert backend.reopen(report.id).state == "draft"
    corrected = dataclasses.replace(report, lines=(leg_b, *report.lines[2:]))  # the first leg was wrong
    backend.save_draft(corrected)
    backend.approve(corrected.id)
    assert backend.send(corrected.id, CancelToken()).state == "sent"
    [row] = world.with_marker(report_marker(report.id))
    legs = sorted((m["date"], m["km"]) for m in world.lines_of("mileage_allowances", row["id"]))
    assert legs == [("2026-11-03", 44)]  # leg B once, leg A gone
