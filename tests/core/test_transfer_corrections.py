"""A transfer that failed half-way is corrected in the app and sent again into the same travel expense: changed
lines are updated (PUT), removed ones deleted (DELETE), a changed receipt replaced, then it is delivered — with
a fault at every one of those writes, before and after the commit, a 500 and a 502, a crash between each write
and its journal update, and a PUT/DELETE held past the timeout. Never a second travel expense."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from tests.core.transfer_world import Crash, World, trip
from tripletex_desktop.core.transfer import InMemoryJournal, TransferPlan
from tripletex_desktop.core.travel import CostLine, MileageLine, TravelReport

#: The writes of the correcting run, in order (the head's title changed, leg 2's km, the hotel cost's
#: category and amount and its receipt; the second per diem removed; a parking cost with a receipt added).
CORRECTION_WRITES = [
    "PUT report",
    "DELETE per_diem:1",
    "DELETE attachment",
    "PUT mileage:1",
    "PUT cost:1",
    "POST cost:2",
    "POST attachment:0",
    "POST attachment:1",
    "PUT deliver",
]


@dataclasses.dataclass
class Failed:
    """A report whose first send wrote every line and then failed at delivery: Tripletex holds it OPEN."""

    report: TravelReport
    journal: InMemoryJournal
    te_id: int
    ids: dict[str, int]


def failed_at_deliver(world: World) -> Failed:
    report = trip(world)
    plan = world.plan(report, deliver=True)
    journal = InMemoryJournal()
    world.sim.faults.fail_next(422, method="PUT", path_prefix="/travelExpense/:deliver")
    first = world.run(report, plan, journal)
    assert first.state == "failed" and first.error is not None and first.error.status == 422
    assert first.travel_expense_id is not None
    steps = journal.state(report.id).steps
    ids = {k: r.tripletex_id for k, r in steps.items() if r.done and r.tripletex_id is not None}
    return Failed(report, journal, first.travel_expense_id, ids)


def corrected(world: World, report: TravelReport) -> TravelReport:
    leg0, leg1, per_diem0, _per_diem1, hotel = report.lines
    assert isinstance(leg1, MileageLine) and isinstance(hotel, CostLine)
    new_receipt = world.tmp_path / "hotell-riktig.pdf"
    new_receipt.write_bytes(b"%PDF-1.4 the right hotel receipt")
    parking_receipt = world.tmp_path / "parkering.pdf"
    parking_receipt.write_bytes(b"%PDF-1.4 parking")
    return dataclasses.replace(
        report,
        title="Messe Lillestrøm (rettet)",
        lines=(
            leg0,
            dataclasses.replace(leg1, km=Decimal(30)),
            per_diem0,
            dataclasses.replace(
                hotel,
                cost_category_id=world.category("Kost"),
                amount_incl_vat=Decimal("1790.00"),
                receipt_path=str(new_receipt),
            ),
            CostLine(
                dt.date(2026, 3, 3),
                world.category("Parkering"),
                Decimal(150),
                comment="Parkering",
                receipt_path=str(parking_receipt),
            ),
        ),
    )


def assert_corrected(world: World, report: TravelReport, *, state: str = "DELIVERED") -> None:
    """One travel expense, holding exactly the corrected report."""
    found = world.reports_with(report)
    assert len(found) == 1, f"{len(found)} travel expenses carry the marker"
    row = found[0]
    te_id = row["id"]
    assert row["title"] == "Messe Lillestrøm (rettet)"
    mileage = sorted(
        (m["date"], m["km"], m["rateCategory"]["id"]) for m in world.lines("mileage_allowances", te_id)
    )
    bil = world.rate_category("Bil", 2026)
    passengers = world.rate_category("Bil - passasjertillegg", 2026)
    assert mileage == sorted(
        [("2026-03-02", 21.5, bil), ("2026-03-02", 21.5, passengers), ("2026-03-04", 30, bil)]
    )
    assert [p["count"] for p in world.lines("per_diem_compensations", te_id)] == [2]
    marker = report.id.hex[:8]
    costs = sorted(
        (c["comments"], c["costCategory"]["id"], c["amountCurrencyIncVat"])
        for c in world.lines("costs", te_id)
    )
    assert costs == [
        (f"Bom [TD:{marker}:c0]", world.category("Bomavgift"), 44),
        (f"Hotell [TD:{marker}:c1]", world.category("Kost"), 1790),
        (f"Parkering [TD:{marker}:c2]", world.category("Parkering"), 150),
    ]
    documents = sorted(
        d["data"] for d in world.data.attachments.values() if d.get("travelExpenseId") == te_id
    )
    assert documents == sorted([b"%PDF-1.4 the right hotel receipt", b"%PDF-1.4 parking"])
    assert row["attachmentCount"] == 2
    assert row["state"] == state


def correction_plan(world: World, report: TravelReport) -> TransferPlan:
    return world.plan(report, deliver=True)


def expected_writes(failed: Failed) -> list[tuple[str, str]]:
    te, ids = failed.te_id, failed.ids
    return [
        ("PUT", f"/travelExpense/{te}"),
        ("DELETE", f"/travelExpense/perDiemCompensation/{ids['per_diem:1']}"),
        ("DELETE", f"/travelExpense/{te}/attachment"),
        ("PUT", f"/travelExpense/mileageAllowance/{ids['mileage:1']}"),
        ("PUT", f"/travelExpense/cost/{ids['cost:1']}"),
        ("POST", "/travelExpense/cost"),
        ("POST", f"/travelExpense/{te}/attachment"),
        ("POST", f"/travelExpense/{te}/attachment"),
        ("PUT", "/travelExpense/:deliver"),
    ]


def finish(
    world: World, report: TravelReport, plan: TransferPlan, journal: InMemoryJournal, **kwargs: Any
) -> None:
    """Run until sent, moving the clock past the grace period when a run waits; at most three runs."""
    for _ in range(3):
        result = world.run(report, plan, journal, **kwargs)
        if result.state == "sent":
            return
        assert result.state == "unknown", result.error
        world.clock.past_grace()
    raise AssertionError("not sent after three runs")


def test_a_correction_updates_the_same_travel_expense_and_delivers_it(world: World) -> None:
    failed = failed_at_deliver(world)
    report = corrected(world, failed.report)
    before = len(world.faults.writes)
    result = world.run(report, correction_plan(world, report), failed.journal)
    assert result.state == "sent", result.error
    assert result.travel_expense_id == failed.te_id
    assert world.faults.writes[before:] == expected_writes(failed)
    assert_corrected(world, report)
    # ids from the journal: the lines that only changed kept their Tripletex ids
    steps = failed.journal.state(report.id).steps
    assert {k: steps[k].tripletex_id for k in ("mileage:1", "cost:1")} == {
        k: failed.ids[k] for k in ("mileage:1", "cost:1")
    }
    assert "per_diem:1" not in steps
    again = len(world.faults.writes)
    assert world.run(report, correction_plan(world, report), failed.journal).state == "sent"
    assert len(world.faults.writes) == again  # nothing left to do


@pytest.mark.parametrize("fault", ["before_commit", "after_commit", "500", "502"])
@pytest.mark.parametrize("index", range(len(CORRECTION_WRITES)), ids=CORRECTION_WRITES)
def test_a_fault_at_every_write_of_a_correction(world: World, index: int, fault: str) -> None:
    failed = failed_at_deliver(world)
    report = corrected(world, failed.report)
    world.faults.arm = (len(world.faults.writes) + index, fault)
    finish(world, report, correction_plan(world, report), failed.journal)
    assert_corrected(world, report)


CORRECTION_RESULTS = [
    "report",
    "per_diem:1",
    "attachment:0",
    "mileage:1",
    "cost:1",
    "cost:2",
    "attachment:1",
    "deliver",
]


class CrashOnce(InMemoryJournal):
    """Dies right after the write of `key` came back: before its result (or, for a DELETE, before the journal
    forgets the deleted step)."""

    def __init__(self, base: InMemoryJournal, key: str) -> None:
        super().__init__()
        self._states = base._states
        self.key: str | None = key

    def record_result(
        self, report_id: Any, step_key: str, tripletex_id: int | None, fingerprint: str | None = None
    ) -> None:
        if step_key == self.key:
            self.key = None
            raise Crash(step_key)
        super().record_result(report_id, step_key, tripletex_id, fingerprint)

    def forget(self, report_id: Any, step_keys: Any) -> None:
        keys = list(step_keys)
        if self.key in keys:
            self.key = None
            raise Crash(str(keys))
        super().forget(report_id, keys)


@pytest.mark.parametrize("key", CORRECTION_RESULTS)
def test_a_crash_between_each_correcting_write_and_its_journal_update(world: World, key: str) -> None:
    failed = failed_at_deliver(world)
    report = corrected(world, failed.report)
    plan = correction_plan(world, report)
    crashing = CrashOnce(failed.journal, key)
    with pytest.raises(Crash):
        world.run(report, plan, crashing)
    finish(world, report, plan, crashing)
    assert_corrected(world, report)


@pytest.mark.parametrize("how", ["timeout", "kill"])
@pytest.mark.parametrize("index", range(len(CORRECTION_WRITES)), ids=CORRECTION_WRITES)
def test_a_correcting_write_held_past_the_timeout_lands_after_the_retry(
    world: World, index: int, how: str
) -> None:
    failed = failed_at_deliver(world)
    report = corrected(world, failed.report)
    plan = correction_plan(world, report)
    world.faults.arm = (len(world.faults.writes) + index, "hold" if how == "timeout" else "hold_kill")
    if how == "kill":
        with pytest.raises(Crash):
            world.run(report, plan, failed.journal)
    else:
        assert world.run(report, plan, failed.journal).state in ("unknown", "sent")
    (held,) = world.faults.held
    world.clock.advance(dt.timedelta(seconds=30))
    world.run(report, plan, failed.journal)  # the retry, while the write still travels
    held.land()
    world.clock.past_grace()
    finish(world, report, plan, failed.journal)
    assert_corrected(world, report)


def test_a_line_deleted_in_tripletex_meanwhile_is_written_anew(world: World) -> None:
    failed = failed_at_deliver(world)
    report = corrected(world, failed.report)
    del world.data.table("costs")[failed.ids["cost:1"]]  # someone removed the hotel cost in Tripletex
    row = world.data.travel_expenses[failed.te_id]
    world.data.travel_expenses[failed.te_id] = {
        **row,
        "costs": [c for c in row["costs"] if c["id"] != failed.ids["cost:1"]],
    }
    finish(world, report, correction_plan(world, report), failed.journal)
    assert_corrected(world, report)


@pytest.mark.parametrize("edit", ["lines-changed-and-added", "lines-changed-only"])
@pytest.mark.parametrize("state", ["DELIVERED", "APPROVED"])
def test_a_correction_of_a_report_delivered_in_tripletex_meanwhile_says_so_and_changes_nothing(
    world: World, state: str, edit: str
) -> None:
    """Found in review: someone delivered (or approved) the OPEN travel expense in Tripletex after the report was
    reopened here. The correcting run skipped the changed lines silently, adopted the delivery and said `sent`:
    the app then showed the corrected amounts as sent while Tripletex pays the old ones. Now it writes nothing
    and fails with the reason (the view offers to open the report in Tripletex)."""
    failed = failed_at_deliver(world)
    row = world.data.travel_expenses[failed.te_id]
    world.data.travel_expenses[failed.te_id] = {**row, "state": state}
    report = corrected(world, failed.report)
    if edit == "lines-changed-only":  # leg 2's km and the title; no line added or removed
        leg0, leg1, *rest = failed.report.lines
        assert isinstance(leg1, MileageLine)
        report = dataclasses.replace(
            failed.report, title=report.title, lines=(leg0, dataclasses.replace(leg1, km=Decimal(30)), *rest)
        )
    before = len(world.faults.writes)
    result = world.run(report, correction_plan(world, report), failed.journal)
    assert result.state == "failed", "the corrections were never sent: the report must not say sent"
    assert result.error is not None and result.error.code == "report_delivered_in_tripletex"
    assert result.tripletex_state == state
    assert world.faults.writes[before:] == []  # nothing written into the delivered report
    assert failed.journal.state(report.id).steps["deliver"].done is False  # never claimed as sent


def test_a_put_that_landed_unseen_before_a_second_correction_is_put_right(world: World) -> None:
    """A correcting PUT got no answer and landed later; the report was reopened again (services.reports settles
    the pending writes first) and the line put back as it first was. Without settling, the journal still held
    the line's first content, so nothing was sent and Tripletex kept the PUT's. Settling marks what the line
    holds as unknown, so the next send puts it right."""
    from tripletex_desktop.core.transfer import settle_pending

    failed = failed_at_deliver(world)
    report = corrected(world, failed.report)
    plan = correction_plan(world, report)
    world.faults.arm = (len(world.faults.writes) + CORRECTION_WRITES.index("PUT mileage:1"), "hold")
    assert world.run(report, plan, failed.journal).state == "unknown"
    (held,) = world.faults.held
    held.land()  # leg 2 now has 30 km in Tripletex
    world.clock.past_grace()
    settle_pending(report, plan, world.company, failed.journal, clock=world.clock)  # the reopen
    leg0, _leg1, *rest = report.lines
    reverted = dataclasses.replace(report, lines=(leg0, failed.report.lines[1], *rest))
    finish(world, reverted, correction_plan(world, reverted), failed.journal)
    (row,) = world.reports_with(reverted)
    legs = sorted((m["date"], m["km"]) for m in world.lines("mileage_allowances", row["id"]))
    assert legs == [("2026-03-02", 21.5), ("2026-03-02", 21.5), ("2026-03-04", 21.5)]
