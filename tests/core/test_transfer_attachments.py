"""Receipts reach Tripletex exactly once whatever `attachmentCount` counts — uploads, documents (one merged PDF per
travel expense) or pages (REAL-API-EVIDENCE F12) — with a fault before and after each upload's commit, a 500 and a
502, a crash between the upload and its journal update, and an upload held past the timeout (or the kill) that
lands after the retry's search.

Found in review: reconciliation took ``attachmentCount > index`` as "receipt `index` is there". When Tripletex
counts pages, a two-page first receipt made the second one look uploaded after its upload was lost (a receipt
missing from a delivered report); when it counts the one merged document, an upload that committed without an
answer was never recognised and was uploaded again (a receipt twice).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from tests.core.transfer_world import Crash, CrashingJournal, World, trip
from tripletex_desktop.core.transfer import InMemoryJournal, TransferPlan
from tripletex_desktop.core.travel import CostLine, TravelReport

#: The three readings of `attachmentCount` the simulator can give (quirks).
COUNTS = {
    "uploads": {},
    "pages": {"attachment_count_pages": True},
    "documents": {"attachment_merged": True},
    "merged-pages": {"attachment_merged": True, "attachment_count_pages": True},
}
#: A two-page PDF (the simulator counts its page objects) and a one-page one.
TWO_PAGES = b"%PDF-1.4\n1 0 obj << /Type /Pages /Count 2 >>\n2 0 obj << /Type /Page >>\n3 0 obj << /Type /Page >>\n%%EOF hotel"
ONE_PAGE = b"%PDF-1.4\n1 0 obj << /Type /Pages /Count 1 >>\n2 0 obj << /Type /Page >>\n%%EOF taxi"
WRITES = ["report", "cost:0", "cost:1", "attachment:0", "attachment:1", "deliver"]


def receipts_trip(world: World) -> TravelReport:
    """Two costs, each with a receipt: a two-page PDF, then a one-page PDF."""
    hotel = world.tmp_path / "hotell-2-sider.pdf"
    hotel.write_bytes(TWO_PAGES)
    taxi = world.tmp_path / "taxi.pdf"
    taxi.write_bytes(ONE_PAGE)
    return dataclasses.replace(
        trip(world),
        lines=(
            CostLine(
                dt.date(2026, 3, 3),
                world.category("Hotell"),
                Decimal("1890.50"),
                comment="Hotell",
                receipt_path=str(hotel),
            ),
            CostLine(
                dt.date(2026, 3, 3),
                world.category("Taxi"),
                Decimal(250),
                comment="Taxi",
                receipt_path=str(taxi),
            ),
        ),
    )


def uploaded(world: World, te_id: int) -> bytes:
    """Every byte Tripletex holds as the report's attachments (one merged document, or one per upload)."""
    docs = sorted(
        (d for d in world.data.attachments.values() if d.get("travelExpenseId") == te_id),
        key=lambda d: d["id"],
    )
    return b"".join(d["data"] for d in docs)


def assert_each_receipt_once(world: World, report: TravelReport) -> None:
    (row,) = world.reports_with(report)
    held = uploaded(world, row["id"])
    assert (held.count(TWO_PAGES), held.count(ONE_PAGE)) == (1, 1), "a receipt is missing or twice"
    assert len(held) == len(TWO_PAGES) + len(ONE_PAGE)
    assert row["state"] == "DELIVERED"


def counting(world: World, how: str) -> None:
    for name, value in COUNTS[how].items():
        setattr(world.sim.quirks, name, value)


def plan_of(world: World, report: TravelReport) -> TransferPlan:
    plan = world.plan(report, deliver=True)
    assert [s.key for s in plan.steps] == WRITES
    return plan


def finish(
    world: World, report: TravelReport, plan: TransferPlan, journal: InMemoryJournal, **kw: Any
) -> None:
    """Run until sent, moving the clock past the grace period when a run waits; at most three runs."""
    for _ in range(3):
        result = world.run(report, plan, journal, **kw)
        if result.state == "sent":
            return
        assert result.state == "unknown", result.error
        world.clock.past_grace()
    raise AssertionError("not sent after three runs")


@pytest.mark.parametrize("how", list(COUNTS))
def test_a_clean_send_uploads_each_receipt_once(world: World, how: str) -> None:
    counting(world, how)
    report = receipts_trip(world)
    journal = InMemoryJournal()
    assert world.run(report, plan_of(world, report), journal).state == "sent"
    assert_each_receipt_once(world, report)


@pytest.mark.parametrize("fault", ["before_commit", "after_commit", "500", "502"])
@pytest.mark.parametrize("step", ["attachment:0", "attachment:1"])
@pytest.mark.parametrize("how", list(COUNTS))
def test_a_fault_at_an_upload(world: World, how: str, step: str, fault: str) -> None:
    counting(world, how)
    report = receipts_trip(world)
    plan = plan_of(world, report)
    journal = InMemoryJournal()
    world.faults.arm = (WRITES.index(step), fault)
    finish(world, report, plan, journal)
    assert_each_receipt_once(world, report)


@pytest.mark.parametrize("fault", ["before_commit", "after_commit", "500"])
@pytest.mark.parametrize("step", ["attachment:0", "attachment:1"])
@pytest.mark.parametrize("how", list(COUNTS))
def test_a_fault_at_an_upload_then_the_journal_loses_its_last_result(
    world: World, how: str, step: str, fault: str
) -> None:
    counting(world, how)
    report = receipts_trip(world)
    plan = plan_of(world, report)
    journal = InMemoryJournal()
    world.faults.arm = (WRITES.index(step), fault)
    world.run(report, plan, journal)
    journal.forget_last_result()
    world.clock.past_grace()
    finish(world, report, plan, journal)
    assert_each_receipt_once(world, report)


@pytest.mark.parametrize("step", ["attachment:0", "attachment:1"])
@pytest.mark.parametrize("how", list(COUNTS))
def test_a_crash_between_an_upload_and_its_journal_update(world: World, how: str, step: str) -> None:
    counting(world, how)
    report = receipts_trip(world)
    plan = plan_of(world, report)
    journal = CrashingJournal(step)
    with pytest.raises(Crash):
        world.run(report, plan, journal)
    finish(world, report, plan, journal)
    assert_each_receipt_once(world, report)


@pytest.mark.parametrize("kill", [False, True], ids=["timeout", "kill"])
@pytest.mark.parametrize("step", ["attachment:0", "attachment:1"])
@pytest.mark.parametrize("how", list(COUNTS))
def test_an_upload_held_past_the_timeout_lands_after_the_retrys_search(
    world: World, how: str, step: str, kill: bool
) -> None:
    counting(world, how)
    report = receipts_trip(world)
    plan = plan_of(world, report)
    journal = InMemoryJournal()
    world.faults.arm = (WRITES.index(step), "hold_kill" if kill else "hold")
    if kill:
        with pytest.raises(Crash):
            world.run(report, plan, journal)
    else:
        assert world.run(report, plan, journal).state == "unknown"
    (held,) = world.faults.held
    world.clock.advance(dt.timedelta(seconds=30))
    writes = len(world.faults.writes)
    retry = world.run(report, plan, journal)  # the upload may still land: nothing is uploaded again
    assert retry.state == "unknown" and retry.error is not None
    assert retry.error.code == "awaiting_tripletex"
    assert len(world.faults.writes) == writes
    assert held.land().status_code < 300
    world.clock.past_grace()
    finish(world, report, plan, journal)
    assert_each_receipt_once(world, report)


@pytest.mark.parametrize("how", list(COUNTS))
def test_a_lost_journal_after_a_delivered_send_uploads_nothing(world: World, how: str) -> None:
    counting(world, how)
    report = receipts_trip(world)
    plan = plan_of(world, report)
    assert world.run(report, plan, InMemoryJournal()).state == "sent"
    writes = len(world.faults.writes)
    assert world.run(report, plan, InMemoryJournal()).state == "sent"
    assert len(world.faults.writes) == writes
    assert_each_receipt_once(world, report)
