"""Exactly-once transfer against the simulator: a fault at every write, before and after the commit."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.contract.openapi_contract import ContractTransport, OpenApiContract
from tripletex_desktop.core.api import CompanyClient, ConnectionTarget, TripletexClient, make_http_client
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.mapping import suggest_mapping
from tripletex_desktop.core.models import Environment
from tripletex_desktop.core.rates import PerDiemKind, RateTable
from tripletex_desktop.core.transfer import (
    CurrencyUnknown,
    InMemoryJournal,
    ReportStatus,
    TransferPlan,
    build_payloads,
    report_marker,
    transfer,
)
from tripletex_desktop.core.travel import Accommodation, CostLine, MileageLine, PerDiemLine, TravelReport
from tripletex_desktop.simulator import DEMO_CONSUMER_TOKEN, CompanyData, Simulator

TODAY = dt.date(2026, 11, 20)


class WriteFaults(httpx.BaseTransport):
    """Counts writes (non-GET) and arms a simulator fault for exactly the n-th one."""

    def __init__(self, sim: Simulator) -> None:
        self.sim = sim
        self.inner = sim.transport()
        self.writes: list[tuple[str, str]] = []
        self.arm: tuple[int, str] | None = None  # (write index, "before_commit" | "after_commit" | "500")

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method != "GET" and not request.url.path.endswith("/token/session/:create"):
            path = request.url.path.removeprefix("/v2")
            if self.arm is not None and self.arm[0] == len(self.writes):
                kind = self.arm[1]
                if kind == "500":
                    self.sim.faults.fail_next(500, method=request.method, path_prefix=path)
                else:
                    self.sim.faults.drop_next(kind, method=request.method, path_prefix=path)
                self.arm = None
            self.writes.append((request.method, path))
        return self.inner.handle_request(request)


@dataclass
class World:
    sim: Simulator
    faults: WriteFaults
    company: CompanyClient
    data: CompanyData
    employee_id: int
    tmp_path: Path
    reads: list[str] = field(default_factory=list)

    def plan(self, report: TravelReport, **kwargs: Any) -> TransferPlan:
        categories = self.company.cost_categories().values
        payment_types = self.company.payment_types().values
        mapping = suggest_mapping(self.data.id, categories, payment_types)
        toll = next(c.id for c in categories if c.description == "Bomavgift")
        mapping = type(mapping)(
            mapping.company_id,
            mapping.mileage_cost_category_id,
            mapping.per_diem_cost_category_id,
            mapping.payment_type_id,
            extra={"toll": toll},
        )
        table = RateTable(
            tuple(self.company.rate_categories().values),
            tuple(self.company.rates().values),
            tuple(self.company.zones().values),
        )
        return build_payloads(report, mapping, table, **kwargs)

    def reports_with(self, report: TravelReport) -> list[dict[str, Any]]:
        marker = report_marker(report.id)
        return [
            r
            for r in self.data.travel_expenses.values()
            if marker in (r.get("title") or "")
            or marker in ((r.get("travelDetails") or {}).get("detailedJourneyDescription") or "")
        ]

    def lines(self, table: str, travel_expense_id: int) -> list[dict[str, Any]]:
        return [
            row
            for row in self.data.table(table).values()
            if (row.get("travelExpense") or {}).get("id") == travel_expense_id
        ]


@pytest.fixture(scope="module")
def contract() -> OpenApiContract:
    return OpenApiContract.load()


def real_violations(violations: list[str]) -> list[str]:
    """Every contract violation seen."""
    return list(violations)


@pytest.fixture
def world(tmp_path: Path, contract: OpenApiContract) -> Iterator[World]:
    sim = Simulator(today=lambda: TODAY, sleep=lambda _s: None, monotonic=lambda: 0.0)
    faults = WriteFaults(sim)
    target = ConnectionTarget.for_environment(Environment.DEMO, DEMO_CONSUMER_TOKEN)
    # every request we send and every answer is checked against the official spec
    checked = ContractTransport(faults, contract, raise_on_violation=False)
    http = make_http_client(target, transport=checked)
    client = TripletexClient(
        http, target, "demo-all", today=lambda: TODAY, sleep=lambda _s: None, random=lambda: 0.5
    )
    data = sim.company_by_name("Fjordlys")
    employee_id = list(data.employees)[1]  # not the token owner: approving own reports is not allowed here
    yield World(sim, faults, client.company(0), data, employee_id, tmp_path)
    assert checked.checked > 0
    assert real_violations(checked.violations) == []


def trip(world: World) -> TravelReport:
    receipt = world.tmp_path / "hotell.pdf"
    receipt.write_bytes(b"%PDF-1.4 fake receipt")
    return TravelReport(
        connection_id="c1",
        company_id=world.data.id,
        employee_id=world.employee_id,
        title="Messe Lillestrøm",
        purpose="Stand",
        departure_at=dt.datetime(2026, 3, 2, 8, 0),
        return_at=dt.datetime(2026, 3, 4, 18, 0),
        departure_from="Oslo",
        destination="Lillestrøm",
        is_day_trip=False,
        lines=(
            MileageLine(
                dt.date(2026, 3, 2),
                "Oslo",
                "Lillestrøm",
                Decimal("21.5"),
                toll_cost=Decimal(44),
                passengers=2,
                passenger_names=("Kari", "Ola"),
            ),
            MileageLine(dt.date(2026, 3, 4), "Lillestrøm", "Oslo", Decimal("21.5")),
            PerDiemLine(count=2, kind=PerDiemKind.OVERNIGHT, accommodation=Accommodation.HOTEL),
            PerDiemLine(
                count=1,
                kind=PerDiemKind.REST_6_12,
                accommodation=Accommodation.HOTEL,
                breakfast_deduction=True,
            ),
            CostLine(
                dt.date(2026, 3, 3),
                _category(world, "Hotell"),
                Decimal("1890.50"),
                comment="Hotell",
                receipt_path=str(receipt),
            ),
        ),
    )


def _category(world: World, name: str) -> int:
    return next(cid for cid, c in world.data.cost_categories.items() if c["description"] == name)


def _rate_category(world: World, name: str, year: int) -> int:
    return next(
        c.id for c in world.company.rate_categories().values if c.name == name and c.from_date.year == year
    )


WRITES = [
    "report",
    "mileage:0",
    "passenger_supplement:0",
    "mileage:1",
    "per_diem:0",
    "per_diem:1",
    "cost:0",
    "cost:1",
    "attachment:0",
    "deliver",
    "approve",
]


def assert_exactly_once(world: World, report: TravelReport) -> None:
    found = world.reports_with(report)
    assert len(found) == 1, f"{len(found)} travel expenses carry the marker"
    row = found[0]
    te_id = row["id"]
    bil = _rate_category(world, "Bil", 2026)
    passengers = _rate_category(world, "Bil - passasjertillegg", 2026)
    mileage = sorted(
        (m["date"], m["km"], m["departureLocation"], m["rateCategory"]["id"], m["rate"], m["amount"])
        for m in world.lines("mileage_allowances", te_id)
    )
    # the first leg carried 2 passengers: a supplement line at 2 × 1.00 NOK/km
    assert mileage == [
        ("2026-03-02", 21.5, "Oslo", bil, 5.3, 113.95),
        ("2026-03-02", 21.5, "Oslo", passengers, 2, 43.0),
        ("2026-03-04", 21.5, "Lillestrøm", bil, 5.3, 113.95),
    ]
    per_diem = sorted(
        (p["count"], p["rate"], p["amount"]) for p in world.lines("per_diem_compensations", te_id)
    )
    assert per_diem == [(1, 397, 397 - 79), (2, 1012, 2024)]
    costs = sorted((c["amountNOKInclVAT"], c["comments"]) for c in world.lines("costs", te_id))
    marker = report.id.hex[:8]
    assert costs == [(44, f"Bom [TD:{marker}:c0]"), (1890.5, f"Hotell [TD:{marker}:c1]")]
    assert row.get("attachmentCount") == 1
    assert (
        "Passasjerer 02.03.2026 Oslo – Lillestrøm: Kari, Ola."
        in row["travelDetails"]["detailedJourneyDescription"]
    )
    # the marker lives in the journey description only; the title in Tripletex stays the user's
    assert row["travelDetails"]["detailedJourneyDescription"].endswith(report_marker(report.id))
    assert row["title"] == report.title
    assert row["state"] == "APPROVED"


def run(world: World, report: TravelReport, plan: TransferPlan, journal: InMemoryJournal) -> Any:
    return transfer(report, plan, world.company, journal, CancelToken())


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


@pytest.mark.parametrize("fault", ["before_commit", "after_commit", "500"])
@pytest.mark.parametrize("step", range(len(WRITES)), ids=WRITES)
def test_fault_at_every_write(world: World, step: int, fault: str) -> None:
    report = trip(world)
    plan = world.plan(report, deliver=True, approve=True)
    journal = InMemoryJournal()
    world.faults.arm = (step, fault)
    first = run(world, report, plan, journal)
    assert first.state in ("sent", "unknown"), first.error
    if fault == "before_commit":
        assert first.state == "unknown"  # nothing found: the write may still be in flight, so no blind retry
        assert first.error is not None and first.error.code == "network"
        assert journal.state(report.id).status is ReportStatus.UNKNOWN
    else:
        assert (
            first.state == "sent"
        )  # found by the marker/content, or answered 5xx and not found -> rewritten
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
    second = run(world, report, plan, journal)
    assert second.state == "sent", second.error
    assert_exactly_once(world, report)


class Crash(BaseException):
    """The process dies."""


class CrashingJournal(InMemoryJournal):
    """Dies right after the write of `step_key` came back, before its result is recorded."""

    def __init__(self, step_key: str) -> None:
        super().__init__()
        self.step_key: str | None = step_key

    def record_result(self, report_id: Any, step_key: str, tripletex_id: int | None) -> None:
        if step_key == self.step_key:
            self.step_key = None
            raise Crash(step_key)
        super().record_result(report_id, step_key, tripletex_id)


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
    supplement = _rate_category(world, "Bil - passasjertillegg", 2026)
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
    supplement = _rate_category(world, "Bil - passasjertillegg", 2026)
    by_id = {m["id"]: m for m in lines}
    assert by_id[steps["mileage:1"].tripletex_id]["rateCategory"]["id"] != supplement
    assert by_id[steps["passenger_supplement:0"].tripletex_id]["rateCategory"]["id"] == supplement


def foreign_trip(world: World, currency: str = "EUR") -> TravelReport:
    """A trip with one cost in `currency` (40.10) and one in NOK (100)."""
    taxi = _category(world, "Taxi")
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
def test_a_foreign_cost_is_sent_in_its_currency_with_the_nok_amount_at_the_days_rate(
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
    assert dry.requests[1].body["amountNOKInclVAT"] == nok
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
