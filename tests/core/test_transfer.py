"""Exactly-once transfer against the simulator: a fault at every write, before and after the commit, a crash
between each write and its journal update, the grace period after an unanswered write."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from tests.core.transfer_world import (
    TIMING,
    WRITES,
    Crash,
    CrashingJournal,
    World,
    assert_exactly_once,
    trip,
)
from tripletex_desktop.core.api import CompanyClient
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.rates import PerDiemKind
from tripletex_desktop.core.transfer import (
    CurrencyUnknown,
    InMemoryJournal,
    ReportStatus,
    TransferPlan,
    report_marker,
    transfer,
)
from tripletex_desktop.core.travel import Accommodation, CostLine, MileageLine, PerDiemLine, TravelReport


def run(world: World, report: TravelReport, plan: TransferPlan, journal: InMemoryJournal) -> Any:
    return world.run(report, plan, journal)


def test_clean_transfer_sends_everything_once(world: World) -> None:
    report = trip(world)
    plan = world.plan(report, deliver=True, approve=True)
    journal = InMemoryJournal()
    result = run(world, report, plan, journal)
    assert result.state == "sent", result.error
    assert result.tripletex_state == "APPROVED"
    assert result.number is not None
    te_id = result.travel_expense_id
    assert world.faults.writes == [
        ("POST", "/travelExpense"),
        ("POST", "/travelExpense/mileageAllowance"),
        ("POST", "/travelExpense/mileageAllowance"),
        ("POST", "/travelExpense/mileageAllowance"),
        ("POST", "/travelExpense/perDiemCompensation"),
        ("POST", "/travelExpense/perDiemCompensation"),
        ("POST", "/travelExpense/cost"),
        ("POST", "/travelExpense/cost"),
        ("POST", f"/travelExpense/{te_id}/attachment"),
        ("PUT", "/travelExpense/:deliver"),
        ("PUT", "/travelExpense/:approve"),
    ]
    assert len(world.faults.writes) == len(WRITES)
    assert_exactly_once(world, report)
    assert journal.state(report.id).status is ReportStatus.SENT
    assert result.travel_expense_id == world.reports_with(report)[0]["id"]
    # running it again writes nothing
    before = len(world.faults.writes)
    again = run(world, report, plan, journal)
    assert again.state == "sent"
    assert len(world.faults.writes) == before
    assert_exactly_once(world, report)


@pytest.mark.parametrize("fault", ["before_commit", "after_commit", "500", "502"])
@pytest.mark.parametrize("step", range(len(WRITES)), ids=WRITES)
def test_fault_at_every_write(world: World, step: int, fault: str) -> None:
    report = trip(world)
    plan = world.plan(report, deliver=True, approve=True)
    journal = InMemoryJournal()
    world.faults.arm = (step, fault)
    first = run(world, report, plan, journal)
    if fault in ("before_commit", "502"):
        # no answer (or a gateway's): the write may still be travelling, so it is not written again until it
        # can no longer land
        assert first.state == "unknown", first.error
        assert first.error is not None and first.error.code == (
            "network" if fault == "before_commit" else "server_error"
        )
        assert first.retry_at == world.clock.now + TIMING.grace
        assert journal.state(report.id).status is ReportStatus.UNKNOWN
        writes = len(world.faults.writes)
        world.clock.advance(TIMING.grace - dt.timedelta(seconds=1))
        waiting = run(world, report, plan, journal)
        assert waiting.state == "unknown"
        assert waiting.error is not None and waiting.error.code == "awaiting_tripletex"
        assert waiting.retry_at == first.retry_at
        assert len(world.faults.writes) == writes  # searched, wrote nothing
        world.clock.advance(dt.timedelta(seconds=1))
    else:
        # found by the marker/content, or answered 500 and not found -> written once more
        assert first.state == "sent", first.error
    second = run(world, report, plan, journal)
    assert second.state == "sent", second.error
    assert_exactly_once(world, report)


@pytest.mark.parametrize("fault", ["before_commit", "after_commit", "500"])
@pytest.mark.parametrize("step", range(len(WRITES)), ids=WRITES)
def test_fault_then_journal_loses_its_last_result(world: World, step: int, fault: str) -> None:
    report = trip(world)
    plan = world.plan(report, deliver=True, approve=True)
    journal = InMemoryJournal()
    world.faults.arm = (step, fault)
    run(world, report, plan, journal)
    journal.forget_last_result()
    if fault == "before_commit":
        world.clock.past_grace()
    second = run(world, report, plan, journal)
    assert second.state == "sent", second.error
    assert_exactly_once(world, report)


@pytest.mark.parametrize("step", WRITES)
def test_crash_between_write_and_journal_update(world: World, step: str) -> None:
    report = trip(world)
    plan = world.plan(report, deliver=True, approve=True)
    journal = CrashingJournal(step)
    with pytest.raises(Crash):
        run(world, report, plan, journal)
    assert not journal.state(report.id).steps[step].done
    result = run(world, report, plan, journal)
    assert result.state == "sent", result.error
    assert_exactly_once(world, report)


def test_a_fresh_journal_finds_the_sent_report_and_duplicates_nothing(world: World) -> None:
    report = trip(world)
    plan = world.plan(report, deliver=True, approve=True)
    assert run(world, report, plan, InMemoryJournal()).state == "sent"
    writes = len(world.faults.writes)
    result = run(world, report, plan, InMemoryJournal())
    assert result.state == "sent"
    assert len(world.faults.writes) == writes
    assert_exactly_once(world, report)


def test_a_report_sent_with_the_marker_in_its_title_is_still_found(world: World) -> None:
    """Reports sent before the marker left the title carry it there and not in the journey description."""
    report = trip(world)
    plan = world.plan(report, deliver=True, approve=True)
    old_body = dict(plan.steps[0].body or {})
    old_body["title"] = f"{report.title} {report_marker(report.id)}"
    old_body["travelDetails"] = {
        **old_body["travelDetails"],
        "detailedJourneyDescription": "Oslo – Lillestrøm",
    }
    old_plan = dataclasses.replace(
        plan, steps=(dataclasses.replace(plan.steps[0], body=old_body), *plan.steps[1:])
    )
    journal = CrashingJournal("report")
    with pytest.raises(Crash):
        run(world, report, old_plan, journal)
    writes = len(world.faults.writes)
    result = run(world, report, plan, journal)  # the new version resumes with a lost report result
    assert result.state == "sent", result.error
    assert len(world.faults.writes) > writes  # the lines were written...
    (row,) = world.reports_with(report)  # ...onto the one report found by its title
    assert row["title"] == old_body["title"]
    assert len(world.lines("per_diem_compensations", row["id"])) == 2
    assert run(world, report, plan, InMemoryJournal()).state == "sent"  # a lost journal: still one report
    assert len(world.reports_with(report)) == 1


def _two_identical_legs(world: World) -> TravelReport:
    leg = MileageLine(dt.date(2026, 3, 3), "Lillestrøm", "Messe", Decimal(3))
    return dataclasses.replace(trip(world), lines=(leg, leg))


def test_identical_mileage_lines_are_both_sent_after_a_lost_result(world: World) -> None:
    report = _two_identical_legs(world)
    plan = world.plan(report)
    journal = CrashingJournal("mileage:1")
    with pytest.raises(Crash):
        run(world, report, plan, journal)
    assert run(world, report, plan, journal).state == "sent"
    (row,) = world.reports_with(report)
    assert len(world.lines("mileage_allowances", row["id"])) == 2


@pytest.mark.parametrize("fault", ["before_commit", "500"])
def test_an_identical_line_already_claimed_is_not_adopted(world: World, fault: str) -> None:
    report = _two_identical_legs(world)
    plan = world.plan(report)
    journal = InMemoryJournal()
    world.faults.arm = (2, fault)  # report, mileage:0, then mileage:1 is lost
    run(world, report, plan, journal)
    world.clock.past_grace()
    assert run(world, report, plan, journal).state == "sent"
    (row,) = world.reports_with(report)
    assert len(world.lines("mileage_allowances", row["id"])) == 2


def test_deliver_is_not_repeated_when_already_delivered(world: World) -> None:
    report = trip(world)
    plan = world.plan(report, deliver=True)
    journal = InMemoryJournal()
    assert run(world, report, plan, journal).state == "sent"
    journal_lost = InMemoryJournal()  # e.g. restored from an old backup
    result = run(world, report, plan, journal_lost)
    assert result.state == "sent"
    assert result.tripletex_state == "DELIVERED"
    assert world.faults.writes.count(("PUT", "/travelExpense/:deliver")) == 1


def test_validation_error_fails_without_unknown(world: World) -> None:
    report = trip(world)
    plan = world.plan(report)
    world.sim.faults.fail_next(422, method="POST", path_prefix="/travelExpense/cost")
    result = run(world, report, plan, InMemoryJournal())
    assert result.state == "failed"
    assert result.error is not None and result.error.status == 422


def test_cancel_between_steps(world: World) -> None:
    report = trip(world)
    plan = world.plan(report)
    cancel = CancelToken()
    journal = InMemoryJournal()
    original: Callable[..., Any] = world.company.create_mileage_allowance

    def create_then_cancel(body: dict[str, Any]) -> dict[str, Any]:
        answer = original(body)
        cancel.cancel()
        return answer

    world.company.create_mileage_allowance = create_then_cancel  # type: ignore[method-assign]
    result = transfer(report, plan, world.company, journal, cancel)
    assert result.state == "failed" and result.error is not None and result.error.code == "cancelled"
    world.company.create_mileage_allowance = original  # type: ignore[method-assign]
    assert transfer(report, plan, world.company, journal, CancelToken()).state == "sent"
    (row,) = world.reports_with(report)
    assert (
        len(world.lines("mileage_allowances", row["id"])) == 3
    )  # two legs and the first leg's passenger supplement


def test_year_boundary_mileage_rates_accepted_by_tripletex(world: World) -> None:
    base = trip(world)
    report = dataclasses.replace(
        base,
        departure_at=dt.datetime(2025, 12, 31, 8),
        return_at=dt.datetime(2026, 1, 1, 18),
        lines=(
            MileageLine(dt.date(2025, 12, 31), "Oslo", "Hamar", Decimal(100)),
            MileageLine(dt.date(2026, 1, 1), "Hamar", "Oslo", Decimal(100)),
        ),
    )
    assert run(world, report, world.plan(report), InMemoryJournal()).state == "sent"
    (row,) = world.reports_with(report)
    amounts = sorted(
        (m["date"], m["rate"], m["amount"]) for m in world.lines("mileage_allowances", row["id"])
    )
    assert amounts == [("2025-12-31", 5.0, 500.0), ("2026-01-01", 5.3, 530.0)]


def test_foreign_trip_gets_the_countrys_rate(world: World) -> None:
    report = dataclasses.replace(
        trip(world),
        is_foreign=True,
        country_code="SE",
        destination="Stockholm",
        lines=(PerDiemLine(count=2, kind=PerDiemKind.OVERNIGHT, accommodation=Accommodation.HOTEL),),
    )
    result = run(world, report, world.plan(report), InMemoryJournal())
    assert result.state == "sent", result.error
    (row,) = world.reports_with(report)
    (line,) = world.lines("per_diem_compensations", row["id"])
    assert (line["countryCode"], line["rate"], line["amount"]) == (
        "SE",
        1010,
        2020,
    )  # the simulator's SE 2026 rate


def test_identical_legs_with_passengers_keep_legs_and_supplements_apart(world: World) -> None:
    leg = MileageLine(dt.date(2026, 3, 3), "Lillestrøm", "Messe", Decimal(3), passengers=1)
    report = dataclasses.replace(trip(world), lines=(leg, leg))
    plan = world.plan(report)
    journal = CrashingJournal("passenger_supplement:1")
    with pytest.raises(Crash):
        run(world, report, plan, journal)
    assert run(world, report, plan, journal).state == "sent"
    (row,) = world.reports_with(report)
    lines = world.lines("mileage_allowances", row["id"])
    supplement = world.rate_category("Bil - passasjertillegg", 2026)
    assert sorted(m["rateCategory"]["id"] == supplement for m in lines) == [False, False, True, True]
    ids = {r.tripletex_id for r in journal.state(report.id).steps.values() if r.tripletex_id != row["id"]}
    assert ids == {m["id"] for m in lines}  # every line claimed by exactly one step


class WithoutRateType:
    """A client whose mileage rows come back without `rateType` (e.g. a narrower fields filter)."""

    def __init__(self, inner: CompanyClient) -> None:
        self.inner = inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def mileage_allowances(self, travel_expense_id: int) -> list[dict[str, Any]]:
        return [
            {k: v for k, v in row.items() if k != "rateType"}
            for row in self.inner.mileage_allowances(travel_expense_id)
        ]


def test_a_supplement_already_claimed_is_not_adopted_as_an_identical_leg(world: World) -> None:
    leg = MileageLine(dt.date(2026, 3, 3), "Lillestrøm", "Messe", Decimal(3))
    report = dataclasses.replace(trip(world), lines=(dataclasses.replace(leg, passengers=1), leg))
    plan = world.plan(report)
    journal = CrashingJournal("mileage:1")
    client = WithoutRateType(world.company)
    with pytest.raises(Crash):
        transfer(report, plan, client, journal, CancelToken())  # type: ignore[arg-type]
    assert transfer(report, plan, client, journal, CancelToken()).state == "sent"  # type: ignore[arg-type]
    (row,) = world.reports_with(report)
    lines = world.lines("mileage_allowances", row["id"])
    assert len(lines) == 3
    steps = journal.state(report.id).steps
    supplement = world.rate_category("Bil - passasjertillegg", 2026)
    by_id = {m["id"]: m for m in lines}
    assert by_id[steps["mileage:1"].tripletex_id]["rateCategory"]["id"] != supplement
    assert by_id[steps["passenger_supplement:0"].tripletex_id]["rateCategory"]["id"] == supplement


def foreign_trip(world: World, currency: str = "EUR") -> TravelReport:
    """A trip with one cost in `currency` (40.10) and one in NOK (100)."""
    taxi = world.category("Taxi")
    return dataclasses.replace(
        trip(world),
        lines=(
            CostLine(dt.date(2026, 3, 3), taxi, Decimal("40.10"), currency=currency, comment="Taxi"),
            CostLine(dt.date(2026, 3, 3), taxi, Decimal("100"), comment="Parkering"),
        ),
    )


def _currency_id(world: World, code: str) -> int:
    return next(i for i, c in world.sim.shared["currencies"].items() if c["code"] == code)


@pytest.mark.parametrize("code", ["EUR", "SEK"])
def test_a_foreign_cost_is_sent_in_its_currency_and_tripletex_computes_the_nok_amount(
    world: World, code: str
) -> None:
    report = foreign_trip(world, code)
    plan = world.plan(report)
    currency_id = _currency_id(world, code)
    per_unit = world.company.currency_rate(currency_id, dt.date(2026, 3, 3))
    assert per_unit is not None
    nok = float((Decimal("40.10") * per_unit).quantize(Decimal("0.01")))
    dry = transfer(report, plan, world.company, InMemoryJournal(), dry_run=True)
    assert world.faults.writes == []  # the dry run only read the currency
    assert dry.requests[1].body is not None
    assert (dry.requests[1].body["currency"], dry.requests[1].body["amountCurrencyIncVat"]) == (
        {"id": currency_id},
        40.1,
    )
    assert "amountNOKInclVAT" not in dry.requests[1].body  # Tripletex converts (F14: SEK/DKK per 100)
    result = run(world, report, plan, InMemoryJournal())
    assert result.state == "sent", result.error
    te_id = result.travel_expense_id
    assert te_id is not None
    costs = sorted(
        (c["currency"]["id"], c["amountCurrencyIncVat"], c["amountNOKInclVAT"])
        for c in world.lines("costs", te_id)
    )
    assert costs == sorted([(currency_id, 40.1, nok), (1, 100, 100)])
    report_row = world.reports_with(report)[0]
    assert report_row["amount"] == pytest.approx(nok + 100)


@pytest.mark.parametrize("fault", ["before_commit", "after_commit", "500"])
def test_a_foreign_cost_is_matched_on_rerun_and_never_duplicated(world: World, fault: str) -> None:
    report = foreign_trip(world)
    plan = world.plan(report)
    journal = InMemoryJournal()
    world.faults.arm = (1, fault)  # the EUR cost
    run(world, report, plan, journal)
    journal.forget_last_result()
    world.clock.past_grace()
    assert run(world, report, plan, journal).state == "sent"
    assert run(world, report, plan, InMemoryJournal()).state == "sent"  # a lost journal, too
    te_id = world.reports_with(report)[0]["id"]
    eur = [c for c in world.lines("costs", te_id) if c["currency"]["id"] == _currency_id(world, "EUR")]
    assert len(eur) == 1 and eur[0]["amountCurrencyIncVat"] == 40.1
    assert len(world.lines("costs", te_id)) == 2


def test_the_currency_lookup_is_a_read_retried_like_reads(world: World) -> None:
    report = foreign_trip(world)
    world.sim.faults.fail_next(503, count=2, method="GET", path_prefix="/currency")
    result = run(world, report, world.plan(report), InMemoryJournal())
    assert result.state == "sent", result.error


@pytest.mark.parametrize("fault", ["503", "drop"])
def test_a_currency_lookup_that_outlasts_the_retries_leaves_the_report_for_the_next_run(
    world: World, fault: str
) -> None:
    """Found in review: the currency read ran outside the transfer's read guard, so Tripletex being unreachable
    for a moment ended the report `failed` — which no scheduled sync retries — instead of `unknown`."""
    report = foreign_trip(world)
    plan = world.plan(report)
    journal = InMemoryJournal()
    if fault == "503":
        world.sim.faults.fail_next(503, count=5, method="GET", path_prefix="/currency")  # past the 4 retries
    else:
        world.sim.faults.drop_next("before_commit", count=5, method="GET", path_prefix="/currency")
    first = run(world, report, plan, journal)
    assert first.state == "unknown", first.error
    assert journal.state(report.id).status is ReportStatus.UNKNOWN  # what the outbox push takes
    assert run(world, report, plan, journal).state == "sent"
    assert len(world.reports_with(report)) == 1


def test_an_unknown_currency_fails_before_anything_is_written(world: World) -> None:
    report = foreign_trip(world, "XYZ")
    plan = world.plan(report)
    journal = InMemoryJournal()
    result = run(world, report, plan, journal)
    assert result.state == "failed"
    assert result.error is not None and result.error.code == "currency_unknown"
    assert world.faults.writes == []
    assert journal.state(report.id).status is ReportStatus.FAILED
    with pytest.raises(CurrencyUnknown) as info:
        transfer(report, plan, world.company, InMemoryJournal(), dry_run=True)
    assert [(p.field, p.code) for p in info.value.problems] == [("lines[0].currency", "currency_unknown")]


class WithoutRates:
    """The company client when Tripletex gives no rate for the day."""

    def __init__(self, inner: CompanyClient) -> None:
        self.inner = inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def currency_rate(self, currency_id: int, on: dt.date) -> Decimal | None:
        return None


def test_without_a_rate_tripletex_computes_the_nok_amount(world: World) -> None:
    report = foreign_trip(world)
    result = transfer(
        report, world.plan(report), WithoutRates(world.company), InMemoryJournal(), CancelToken()
    )
    assert result.state == "sent", result.error
    assert result.travel_expense_id is not None
    eur = next(c for c in world.lines("costs", result.travel_expense_id) if c["amountCurrencyIncVat"] == 40.1)
    per_unit = world.company.currency_rate(_currency_id(world, "EUR"), dt.date(2026, 3, 3))
    assert per_unit is not None
    assert eur["amountNOKInclVAT"] == pytest.approx(float(Decimal("40.10") * per_unit), abs=0.01)
