"""Writes that are still travelling when the app retries: held past the client's timeout (or past a kill), they land
after the retry's search. Exactly one travel expense with the right lines, for every write kind, deliver on and off.

The fault transport holds the n-th write on a thread until the test lets it land (no sleeping); the transfer's
clock is injected, so "after the grace period" is a step of the test, not a wait.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.core.transfer_world import (
    TIMING,
    WRITES,
    Crash,
    World,
    assert_exactly_once,
    trip,
)
from tripletex_desktop.core.transfer import InMemoryJournal, ReportStatus

HELD = [
    "report",
    "mileage:0",
    "passenger_supplement:0",
    "per_diem:0",
    "cost:1",
    "attachment:0",
    "deliver",
    "approve",
]


def _plan(world: World, report, deliver: bool):
    return world.plan(report, deliver=deliver, approve=deliver)


CASES = [
    pytest.param(step, deliver, id=f"{step}-{'deliver' if deliver else 'no-deliver'}")
    for step in HELD
    for deliver in (True, False)
    if deliver or step not in ("deliver", "approve")
]


@pytest.mark.parametrize("how", ["timeout", "kill"])
@pytest.mark.parametrize(("step", "deliver"), CASES)
def test_a_held_write_lands_after_the_retrys_search_and_is_adopted_not_repeated(
    world: World, step: str, deliver: bool, how: str
) -> None:
    report = trip(world)
    plan = _plan(world, report, deliver)
    journal = InMemoryJournal()
    world.faults.arm = (WRITES.index(step), "hold" if how == "timeout" else "hold_kill")
    if how == "kill":
        with pytest.raises(Crash):
            world.run(report, plan, journal)
        assert journal.state(report.id).status is ReportStatus.SENDING  # what a scheduled sync will pick up
    else:
        first = world.run(report, plan, journal)
        assert first.state == "unknown", first.error
        assert first.retry_at == world.clock.now + TIMING.grace
    (held,) = world.faults.held
    # The retry (Send again, or the next scheduled sync after a restart) comes while the write still travels:
    # it searches, finds nothing, and writes nothing, because the write could still land.
    world.clock.advance(dt.timedelta(seconds=30))
    writes = len(world.faults.writes)
    retry = world.run(report, plan, journal)
    assert retry.state == "unknown"
    assert retry.error is not None and retry.error.code == "awaiting_tripletex"
    assert retry.retry_at is not None and retry.retry_at > world.clock.now
    assert len(world.faults.writes) == writes
    # ... then it lands.
    assert held.land().status_code < 300
    world.clock.past_grace()
    final = world.run(report, plan, journal)
    assert final.state == "sent", final.error
    assert final.duplicates_removed == 0
    assert_exactly_once(world, report, state="APPROVED" if deliver else "OPEN")


@pytest.mark.parametrize("lands", ["right_after_the_rewrite", "before_delivering"])
@pytest.mark.parametrize("deliver", [True, False], ids=["deliver", "no-deliver"])
@pytest.mark.parametrize("step", ["report", "cost:0", "cost:1"])
def test_a_marked_row_that_lands_after_its_rewrite_is_deleted_as_a_duplicate(
    world: World, step: str, deliver: bool, lands: str
) -> None:
    """A server slower than the grace period assumes: the held write lands after the rewrite. The rows that
    carry a marker (the report, each cost) are checked after each create and before delivering, and the one
    the journal did not adopt is deleted."""
    report = trip(world)
    plan = _plan(world, report, deliver)
    journal = InMemoryJournal()
    world.faults.arm = (WRITES.index(step), "hold")
    assert world.run(report, plan, journal).state == "unknown"
    (held,) = world.faults.held
    rewrite = world.faults.writes[-1]  # the held write's method and path: the next run writes it again
    seen: list[tuple[str, str]] = []

    def land_when(method: str, path: str) -> None:
        due = (
            (method, path) == rewrite if lands == "right_after_the_rewrite" else path.endswith("/attachment")
        )
        if due and not seen:
            seen.append((method, path))
            held.land()

    world.faults.after_write = land_when
    world.clock.past_grace()  # the grace period passes although the held write has not landed yet
    final = world.run(report, plan, journal)
    assert seen, "the held write landed during the run"
    assert final.state == "sent", final.error
    assert final.duplicates_removed == 1
    assert_exactly_once(world, report, state="APPROVED" if deliver else "OPEN")


def test_a_per_diem_row_echoed_with_a_country_code_is_found_not_written_twice(world: World) -> None:
    """Tripletex may fill in `countryCode` on a domestic per diem row (REAL-API-EVIDENCE F13)."""
    world.sim.echo.per_diem_country_code = "NO"
    report = trip(world)
    plan = world.plan(report, deliver=True, approve=True)
    journal = InMemoryJournal()
    world.faults.arm = (WRITES.index("per_diem:0"), "after_commit")  # committed, the answer lost
    result = world.run(report, plan, journal)
    assert result.state == "sent", result.error  # found by content in the same run
    (row,) = world.reports_with(report)
    per_diem = world.lines("per_diem_compensations", row["id"])
    assert len(per_diem) == 2 and all(p.get("countryCode") == "NO" for p in per_diem)
    assert journal.state(report.id).steps["per_diem:0"].tripletex_id in {p["id"] for p in per_diem}


@pytest.mark.parametrize("fault", [None, "after_commit", "500"])
def test_line_creates_answered_with_only_a_url_are_reconciled(world: World, fault: str | None) -> None:
    """A line POST may answer ``{"value": {"url": …}}`` with no id (F13): the id comes from the url, and no
    crash, no second line."""
    world.sim.echo.line_create_url_only = True
    report = trip(world)
    plan = world.plan(report, deliver=True, approve=True)
    journal = InMemoryJournal()
    if fault is not None:
        world.faults.arm = (WRITES.index("cost:1"), fault)
    result = world.run(report, plan, journal)
    assert result.state == "sent", result.error
    assert_exactly_once(world, report)
    (row,) = world.reports_with(report)
    ids = {c["id"] for c in world.lines("costs", row["id"])}
    assert {journal.state(report.id).steps[k].tripletex_id for k in ("cost:0", "cost:1")} == ids


class NoIdAtAll:
    """A client whose cost creates answer neither an id nor a url (worse than any trace seen)."""

    def __init__(self, inner) -> None:
        self.inner = inner

    def __getattr__(self, name: str):
        return getattr(self.inner, name)

    def create_cost(self, body):
        self.inner.create_cost(body)
        return {}


def test_a_create_answered_without_any_id_is_found_by_its_marker(world: World) -> None:
    report = trip(world)
    plan = world.plan(report, deliver=True, approve=True)
    journal = InMemoryJournal()
    result = world.run(report, plan, journal, client=NoIdAtAll(world.company))
    assert result.state == "sent", result.error
    assert_exactly_once(world, report)


@pytest.mark.parametrize("fault", ["before_commit", "after_commit", "500", "crash"])
@pytest.mark.parametrize("step", ["report", "cost:1"])
def test_a_fault_on_the_duplicates_delete_ends_with_exactly_one(world: World, step: str, fault: str) -> None:
    """The DELETE of a duplicate is a write too: a fault before or after its commit, a 500, or a crash right
    after it; the next run looks again before delivering."""
    report = trip(world)
    plan = world.plan(report, deliver=True, approve=True)
    journal = InMemoryJournal()
    world.faults.arm = (WRITES.index(step), "hold")
    assert world.run(report, plan, journal).state == "unknown"
    (held,) = world.faults.held
    rewrite = world.faults.writes[-1]
    world.faults.after_write = lambda method, path: (
        held.land() if (method, path) == rewrite and not held.go.is_set() else None
    )
    target = "/travelExpense/cost/" if step.startswith("cost") else "/travelExpense/"
    client: object = world.company
    if fault == "crash":
        client = CrashAfterDelete(world.company)
    else:
        world.faults.arm_at("DELETE", target, fault)
    world.clock.past_grace()
    if fault == "crash":
        with pytest.raises(Crash):
            world.run(report, plan, journal, client=client)
    else:
        world.run(report, plan, journal)
        assert world.faults._arm_match is None, "the duplicate's DELETE met the fault"
    world.clock.past_grace()
    final = world.run(report, plan, journal)
    assert final.state == "sent", final.error
    assert_exactly_once(world, report)


class CrashAfterDelete:
    """The process dies right after a DELETE came back."""

    def __init__(self, inner) -> None:
        self.inner = inner

    def __getattr__(self, name: str):
        return getattr(self.inner, name)

    def delete_line(self, path: str, id: int) -> None:  # noqa: A002 - the client's name
        self.inner.delete_line(path, id)
        raise Crash("after DELETE")

    def delete_travel_expense(self, id: int) -> None:  # noqa: A002 - the client's name
        self.inner.delete_travel_expense(id)
        raise Crash("after DELETE")
