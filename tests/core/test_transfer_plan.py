"""build_payloads: the Tripletex JSON for a report, markers, rates per line date, and dry runs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from decimal import Decimal

import pytest

from tests.core.travel_fixtures import ZONE_SWEDEN, category_id, rate_table
from tests.support.transfer import MAPPING, RID, make_report
from tripletex_desktop.core.rates import PerDiemKind
from tripletex_desktop.core.transfer import (
    NEW_REPORT_ID,
    CurrencyUnknown,
    InMemoryJournal,
    PlanInvalid,
    StepKind,
    build_payloads,
    line_marker,
    report_marker,
    resolve_currencies,
    transfer,
)
from tripletex_desktop.core.travel import (
    Accommodation,
    CostLine,
    MileageLine,
    PerDiemLine,
    ReportKind,
    TravelReport,
)


def test_markers() -> None:
    assert report_marker(RID) == "[TD:1234abcd]"
    assert line_marker(RID, "c2") == "[TD:1234abcd:c2]"


def test_full_plan_json() -> None:
    plan = build_payloads(make_report(), MAPPING, rate_table(), deliver=True, approve=True)
    assert [s.key for s in plan.steps] == [
        "report",
        "mileage:0",
        "per_diem:0",
        "cost:0",
        "cost:1",
        "attachment:0",
        "deliver",
        "approve",
    ]
    assert plan.step("report").body == {
        "employee": {"id": 5},
        "title": "Messe",  # the marker sits only in the journey description of a travel report
        "project": {"id": 11},
        "department": {"id": 12},
        "travelDetails": {
            "isForeignTravel": False,
            "isDayTrip": False,
            "isCompensationFromRates": True,
            "departureDate": "2026-03-02",
            "returnDate": "2026-03-04",
            "departureTime": "08:00",
            "returnTime": "18:30",
            "departureFrom": "Oslo",
            "destination": "Lillestrøm",
            "purpose": "Stand på messe",
            "detailedJourneyDescription": "Oslo – Lillestrøm [TD:1234abcd]",
        },
    }
    assert plan.step("mileage:0").body == {
        "rateType": {"id": category_id(2026, 10) * 10},
        "rateCategory": {"id": category_id(2026, 10)},
        "date": "2026-03-02",
        "departureLocation": "Oslo",
        "destination": "Lillestrøm",
        "km": 21.5,
        "isCompanyCar": False,
    }
    assert plan.step("per_diem:0").body == {
        "rateType": {"id": category_id(2026, 3) * 10},
        "rateCategory": {"id": category_id(2026, 3)},
        "count": 2,
        "overnightAccommodation": "HOTEL",
        "location": "Lillestrøm",
        "isDeductionForBreakfast": True,
        "isDeductionForLunch": False,
        "isDeductionForDinner": False,
    }
    assert plan.step("cost:0").body == {
        "costCategory": {"id": 75},
        "paymentType": {"id": 80},
        "date": "2026-03-02",
        "amountCurrencyIncVat": 44,
        "comments": "Bom [TD:1234abcd:c0]",
    }
    assert plan.step("cost:1").body == {
        "costCategory": {"id": 73},
        "paymentType": {"id": 80},
        "date": "2026-03-03",
        "amountCurrencyIncVat": 1890.5,
        "comments": "Hotell [TD:1234abcd:c1]",
    }
    assert plan.step("attachment:0").file_path == "/tmp/hotell.pdf"


def test_rate_of_every_line_from_its_own_date_across_new_year() -> None:
    report = make_report(
        departure_at=dt.datetime(2025, 12, 30, 8),
        return_at=dt.datetime(2026, 1, 2, 18),
        lines=(
            MileageLine(dt.date(2025, 12, 30), "Oslo", "Hamar", Decimal(120)),
            MileageLine(dt.date(2026, 1, 2), "Hamar", "Oslo", Decimal(120)),
            PerDiemLine(
                count=2,
                date=dt.date(2025, 12, 30),
                kind=PerDiemKind.OVERNIGHT,
                accommodation=Accommodation.HOTEL,
            ),
            PerDiemLine(
                count=1,
                date=dt.date(2026, 1, 1),
                kind=PerDiemKind.OVERNIGHT,
                accommodation=Accommodation.HOTEL,
            ),
            PerDiemLine(
                count=1,
                date=dt.date(2026, 1, 2),
                kind=PerDiemKind.REST_6_12,
                accommodation=Accommodation.HOTEL,
            ),
        ),
    )
    plan = build_payloads(report, MAPPING, rate_table())
    rate_types = [
        s.body["rateType"]["id"] for s in plan.steps if s.kind in (StepKind.MILEAGE, StepKind.PER_DIEM)
    ]  # type: ignore[index]
    assert rate_types == [
        category_id(2025, 10) * 10,
        category_id(2026, 10) * 10,
        category_id(2025, 3) * 10,
        category_id(2026, 3) * 10,
        category_id(2026, 4) * 10,
    ]


def test_unpinned_per_diem_kind_follows_the_trip() -> None:
    day_trip = make_report(
        is_day_trip=True,
        departure_at=dt.datetime(2026, 3, 2, 7),
        return_at=dt.datetime(2026, 3, 2, 20),
        lines=(PerDiemLine(count=1),),
    )
    plan = build_payloads(day_trip, MAPPING, rate_table())
    assert plan.step("per_diem:0").body["rateCategory"] == {"id": category_id(2026, 2)}  # type: ignore[index]
    override = dataclasses.replace(
        day_trip, lines=(PerDiemLine(count=1, rate_category_id=category_id(2026, 1)),)
    )
    assert build_payloads(override, MAPPING, rate_table()).step("per_diem:0").body["rateCategory"] == {  # type: ignore[index]
        "id": category_id(2026, 1)
    }


def test_short_overnight_trip_does_not_use_a_day_trip_category() -> None:
    short = make_report(
        departure_at=dt.datetime(2026, 3, 2, 20),
        return_at=dt.datetime(2026, 3, 3, 7),
        lines=(PerDiemLine(count=1, accommodation=Accommodation.HOTEL),),
    )
    body = build_payloads(short, MAPPING, rate_table()).step("per_diem:0").body
    assert body is not None and body["rateCategory"] == {
        "id": category_id(2026, 4)
    }  # 6-12 h etter overnatting


@pytest.mark.parametrize(
    ("changes", "line", "expected"),
    [
        (  # a day-trip category pinned on an overnight trip
            {},
            PerDiemLine(count=1, rate_category_id=category_id(2026, 1)),
            [("lines[0].rate_category_id", "rate_not_for_overnight_trip")],
        ),
        (  # an overnight category pinned on a day trip
            {"is_day_trip": True, "return_at": dt.datetime(2026, 3, 2, 20)},
            PerDiemLine(count=1, rate_category_id=category_id(2026, 3)),
            [("lines[0].rate_category_id", "rate_not_for_day_trip")],
        ),
        (  # a domestic category pinned on a foreign trip
            {"is_foreign": True, "country_code": "SE"},
            PerDiemLine(count=1, rate_category_id=category_id(2026, 3), accommodation=Accommodation.HOTEL),
            [("lines[0].rate_category_id", "rate_wrong_region")],
        ),
        (  # a pinned category that requires an accommodation type, without one
            {},
            PerDiemLine(count=1, rate_category_id=category_id(2026, 6)),
            [("lines[0].accommodation", "accommodation_missing")],
        ),
    ],
)
def test_pinned_per_diem_category_must_fit_the_trip(
    changes: dict[str, object], line: PerDiemLine, expected: list[tuple[str, str]]
) -> None:
    report = make_report(lines=(line,), **changes)
    with pytest.raises(PlanInvalid) as info:
        build_payloads(report, MAPPING, rate_table())
    assert [(p.field, p.code) for p in info.value.problems] == expected


def test_without_rates_allowances_become_costs_in_the_mapped_categories() -> None:
    report = make_report(
        lines=(
            MileageLine(dt.date(2026, 3, 2), "Oslo", "Lillestrøm", Decimal(60)),
            PerDiemLine(
                count=2,
                kind=PerDiemKind.OVERNIGHT,
                accommodation=Accommodation.HOTEL,
                breakfast_deduction=True,
            ),
        )
    )
    plan = build_payloads(report, MAPPING, rate_table(), use_rates=False)
    assert [s.kind for s in plan.steps] == [StepKind.REPORT, StepKind.COST, StepKind.COST]
    mileage, per_diem = plan.steps[1].body, plan.steps[2].body
    assert mileage is not None and per_diem is not None
    assert (mileage["costCategory"], mileage["amountCurrencyIncVat"]) == ({"id": 71}, 318)  # 60 km x 5.30
    assert (per_diem["costCategory"], per_diem["amountCurrencyIncVat"]) == ({"id": 72}, 2 * (1012 - 202))


def test_employee_expense_has_no_travel_details() -> None:
    expense = make_report(
        kind=ReportKind.EMPLOYEE_EXPENSE,
        departure_at=None,
        return_at=None,
        lines=(CostLine(dt.date(2026, 3, 3), 73, Decimal("99"), payment_type_id=81),),
    )
    plan = build_payloads(expense, MAPPING, rate_table())
    body = plan.step("report").body
    assert body is not None and "travelDetails" not in body
    assert body["title"] == "Messe [TD:1234abcd]"  # no journey description: the title carries the marker
    assert plan.step("cost:0").body["paymentType"] == {"id": 81}  # type: ignore[index]
    assert plan.departure_date is None


def test_invalid_reports_and_missing_rates_are_all_reported() -> None:
    with pytest.raises(PlanInvalid) as info:
        build_payloads(make_report(employee_id=None), MAPPING, rate_table())
    assert [p.code for p in info.value.problems] == ["employee_missing"]
    assert info.value.code == "transfer_plan_invalid"

    old = make_report(
        departure_at=dt.datetime(2023, 3, 2, 8),
        return_at=dt.datetime(2023, 3, 4, 18),
        lines=(
            MileageLine(dt.date(2023, 3, 2), "A", "B", Decimal(5)),
            CostLine(dt.date(2023, 3, 2), 1, Decimal(5), currency="EUR"),
        ),
    )
    no_payment = dataclasses.replace(MAPPING, payment_type_id=None, extra={})
    with pytest.raises(PlanInvalid) as info:
        build_payloads(old, no_payment, rate_table())
    assert [(p.field, p.code) for p in info.value.problems] == [
        ("lines[0]", "no_rate_for_date"),
        ("lines[1].payment_type_id", "payment_type_missing"),  # a foreign currency is no longer a problem
    ]


def test_toll_needs_a_toll_category() -> None:
    with pytest.raises(PlanInvalid) as info:
        build_payloads(make_report(), dataclasses.replace(MAPPING, extra={}), rate_table())
    assert [(p.field, p.code) for p in info.value.problems] == [
        ("lines[0].toll_cost", "toll_category_missing")
    ]


def test_dry_run_returns_exact_requests_and_sends_nothing() -> None:
    report = make_report()
    plan = build_payloads(report, MAPPING, rate_table(), deliver=True)
    result = transfer(report, plan, client=None, journal=InMemoryJournal(), dry_run=True)  # type: ignore[arg-type]
    assert result.state == "dry_run"
    methods = [(r.method, r.path) for r in result.requests]
    assert methods == [
        ("POST", "/travelExpense"),
        ("POST", "/travelExpense/mileageAllowance"),
        ("POST", "/travelExpense/perDiemCompensation"),
        ("POST", "/travelExpense/cost"),
        ("POST", "/travelExpense/cost"),
        ("POST", f"/travelExpense/{NEW_REPORT_ID}/attachment"),
        ("PUT", "/travelExpense/:deliver"),
    ]
    assert result.requests[1].body == {
        "travelExpense": {"id": NEW_REPORT_ID},
        **(plan.step("mileage:0").body or {}),
    }
    assert result.requests[0].body == plan.step("report").body


def test_dry_run_uses_the_journaled_report_id() -> None:
    report = make_report()
    plan = build_payloads(report, MAPPING, rate_table())
    journal = InMemoryJournal()
    journal.record_intent(report.id, "report")
    journal.record_result(report.id, "report", 4711)
    result = transfer(report, plan, client=None, journal=journal, dry_run=True)  # type: ignore[arg-type]
    assert result.travel_expense_id == 4711
    assert result.requests[1].body["travelExpense"] == {"id": 4711}  # type: ignore[index]


def test_plan_for_another_report_is_refused() -> None:
    plan = build_payloads(make_report(), MAPPING, rate_table())
    with pytest.raises(ValueError):
        transfer(make_report(id=uuid.uuid4()), plan, client=None, journal=InMemoryJournal(), dry_run=True)  # type: ignore[arg-type]


def test_in_memory_journal_forget_last_result() -> None:
    journal = InMemoryJournal()
    journal.record_intent(RID, "report")
    journal.record_result(RID, "report", 7)
    assert journal.state(RID).travel_expense_id == 7
    assert journal.forget_last_result() == "report"
    state = journal.state(RID)
    assert state.travel_expense_id is None
    assert "report" in state.steps and not state.steps["report"].done
    assert journal.forget_last_result() is None


def test_foreign_per_diem_sends_the_rate_of_the_countrys_zone_and_the_zone() -> None:
    """A category and a country alone fail at :deliver (sandbox 2026-03-22): the zone's rate goes in
    `rateType`, the zone in `travelExpenseZoneId`."""
    report = make_report(
        is_foreign=True,
        country_code="SE",
        lines=(PerDiemLine(count=1, kind=PerDiemKind.OVERNIGHT, accommodation=Accommodation.HOTEL),),
    )
    body = build_payloads(report, MAPPING, rate_table()).step("per_diem:0").body
    assert body is not None
    assert body["rateType"] == {"id": category_id(2026, 7) * 10}
    assert body["rateCategory"] == {"id": category_id(2026, 7)}
    assert (body["countryCode"], body["travelExpenseZoneId"]) == ("SE", ZONE_SWEDEN)


@pytest.mark.parametrize(
    ("country", "code"),
    [("XK", "zone_not_enabled"), ("IS", "zone_rate_missing"), ("FR", "zone_missing")],
)
def test_foreign_per_diem_is_not_planned_without_an_enabled_zone_and_its_rate(
    country: str, code: str
) -> None:
    report = make_report(
        is_foreign=True,
        country_code=country,
        lines=(PerDiemLine(count=1, kind=PerDiemKind.OVERNIGHT, accommodation=Accommodation.HOTEL),),
    )
    with pytest.raises(PlanInvalid) as info:
        build_payloads(report, MAPPING, rate_table())
    assert [(p.field, p.code) for p in info.value.problems] == [("lines[0]", code)]


def _with_passengers(passengers: int = 2, **line_changes: object) -> TravelReport:
    leg = MileageLine(dt.date(2026, 3, 2), "Oslo", "Lillestrøm", Decimal(60), passengers=passengers)
    return make_report(lines=(dataclasses.replace(leg, **line_changes),))  # type: ignore[arg-type]


def test_passengers_get_a_supplement_line_at_the_passenger_rate_times_passengers() -> None:
    plan = build_payloads(_with_passengers(2, passenger_names=("Kari", "Ola")), MAPPING, rate_table())
    assert [s.key for s in plan.steps] == ["report", "mileage:0", "passenger_supplement:0"]
    assert plan.step("passenger_supplement:0").kind is StepKind.PASSENGER_SUPPLEMENT
    assert plan.step("passenger_supplement:0").body == {
        "rateType": {"id": category_id(2026, 11) * 10},
        "rateCategory": {"id": category_id(2026, 11)},
        "date": "2026-03-02",
        "departureLocation": "Oslo",
        "destination": "Lillestrøm",
        "km": 60,
        "isCompanyCar": False,
        "rate": 2,  # 1.00 NOK/km × 2 passengers
    }
    assert "rate" not in (plan.step("mileage:0").body or {})  # the car line keeps Tripletex's rate
    details = (plan.step("report").body or {})["travelDetails"]
    assert details["detailedJourneyDescription"] == (
        "Oslo – Lillestrøm Passasjerer 02.03.2026 Oslo – Lillestrøm: Kari, Ola. [TD:1234abcd]"
    )
    result = transfer(_with_passengers(2), plan, client=None, journal=InMemoryJournal(), dry_run=True)  # type: ignore[arg-type]
    assert [(r.method, r.path) for r in result.requests][1:] == [
        ("POST", "/travelExpense/mileageAllowance")
    ] * 2


def test_passenger_supplement_uses_the_rate_of_the_legs_own_year() -> None:
    report = make_report(
        departure_at=dt.datetime(2025, 12, 31, 8),
        return_at=dt.datetime(2026, 1, 1, 18),
        lines=(
            MileageLine(dt.date(2025, 12, 31), "Oslo", "Hamar", Decimal(100), passengers=1),
            MileageLine(dt.date(2026, 1, 1), "Hamar", "Oslo", Decimal(100), passengers=3),
        ),
    )
    plan = build_payloads(report, MAPPING, rate_table())
    assert [s.key for s in plan.steps] == [
        "report",
        "mileage:0",
        "passenger_supplement:0",
        "mileage:1",
        "passenger_supplement:1",
    ]
    first, second = plan.step("passenger_supplement:0").body, plan.step("passenger_supplement:1").body
    assert first is not None and second is not None
    assert (first["rateCategory"], first["rate"]) == ({"id": category_id(2025, 11)}, 1)
    assert (second["rateCategory"], second["rate"]) == ({"id": category_id(2026, 11)}, 3)


def test_no_supplement_without_passengers_or_in_a_company_car() -> None:
    for report in (
        _with_passengers(0),
        _with_passengers(2, is_company_car=True, passenger_names=("Kari", "Ola")),
    ):
        plan = build_payloads(report, MAPPING, rate_table())
        assert [s.key for s in plan.steps] == ["report", "mileage:0"]
        details = (plan.step("report").body or {})["travelDetails"]
        assert details["detailedJourneyDescription"] == "Oslo – Lillestrøm [TD:1234abcd]"


def test_a_missing_passenger_rate_is_a_plan_problem_on_the_passengers_field() -> None:
    table = rate_table()
    no_supplement = type(table)(
        tuple(c for c in table.categories if c.name != "Bil - passasjertillegg"), table.rates
    )
    with pytest.raises(PlanInvalid) as info:
        build_payloads(_with_passengers(2), MAPPING, no_supplement)
    assert [(p.field, p.code) for p in info.value.problems] == [
        ("lines[0].passengers", "passenger_rate_missing")
    ]
    # without passengers the same table is fine
    assert build_payloads(_with_passengers(0), MAPPING, no_supplement).step("mileage:0")


def test_without_rates_the_supplement_is_added_to_the_mileage_cost() -> None:
    plan = build_payloads(_with_passengers(2), MAPPING, rate_table(), use_rates=False)
    assert [s.key for s in plan.steps] == ["report", "cost:0"]
    body = plan.step("cost:0").body
    assert body is not None
    assert body["amountCurrencyIncVat"] == 318 + 120  # 60 km × 5.30 + 60 km × 1.00 × 2
    assert body["comments"].startswith("Oslo – Lillestrøm 60 km + 2 passasjerer ")


class FakeCurrencies:
    """Currency reads with canned answers; records what was asked."""

    def __init__(self, ids: dict[str, int], rates: dict[int, Decimal]) -> None:
        self.ids, self.rates = ids, rates
        self.asked: list[tuple[str, object]] = []

    def currency_by_code(self, code: str) -> int | None:
        self.asked.append(("code", code))
        return self.ids.get(code)

    def currency_rate(self, currency_id: int, on: dt.date) -> Decimal | None:
        self.asked.append(("rate", (currency_id, on)))
        return self.rates.get(currency_id)


def foreign_report(*costs: CostLine) -> TravelReport:
    return make_report(lines=costs)


def test_a_foreign_cost_waits_for_its_currency_and_then_carries_its_id_and_no_nok_amount() -> None:
    """F14: Tripletex computes the NOK amount; the unit of its exchange rate (per 1 or per 100 SEK) is not
    documented, so the app no longer sends one of its own."""
    report = foreign_report(
        CostLine(dt.date(2026, 3, 3), 73, Decimal("40.10"), currency="EUR", comment="Taxi"),
        CostLine(dt.date(2026, 3, 3), 73, Decimal("100"), comment="Parkering"),
    )
    plan = build_payloads(report, MAPPING, rate_table())
    assert plan.needs_currency_lookup
    eur, nok = plan.step("cost:0"), plan.step("cost:1")
    assert (eur.currency, eur.field, nok.currency) == ("EUR", "lines[0]", None)  # the step's source line
    assert "currency" not in (eur.body or {}) and "amountNOKInclVAT" not in (eur.body or {})
    client = FakeCurrencies({"EUR": 3}, {3: Decimal("11.6234")})
    resolved = resolve_currencies(plan, client)
    assert not resolved.needs_currency_lookup
    body = resolved.step("cost:0").body or {}
    assert body["currency"] == {"id": 3}
    assert body["amountCurrencyIncVat"] == 40.1  # the entered amount, in euro
    assert "amountNOKInclVAT" not in body  # Tripletex converts at its own rate of the day
    assert resolved.step("cost:1") == nok  # NOK costs are left alone
    assert client.asked == [("code", "EUR")]  # no rate is read
    dry = transfer(report, plan, client, InMemoryJournal(), dry_run=True)
    assert dry.requests[1].body == {"travelExpense": {"id": NEW_REPORT_ID}, **body}


def test_without_a_rate_tripletex_computes_the_nok_amount() -> None:
    report = foreign_report(CostLine(dt.date(2026, 3, 3), 73, Decimal("300"), currency="SEK"))
    plan = build_payloads(report, MAPPING, rate_table())
    body = resolve_currencies(plan, FakeCurrencies({"SEK": 5}, {})).step("cost:0").body or {}
    assert body["currency"] == {"id": 5} and body["amountCurrencyIncVat"] == 300
    assert "amountNOKInclVAT" not in body


def test_an_unknown_currency_is_a_problem_on_its_line_and_done_steps_are_not_looked_up() -> None:
    report = foreign_report(
        CostLine(dt.date(2026, 3, 3), 73, Decimal("5"), currency="XYZ"),
        CostLine(dt.date(2026, 3, 3), 73, Decimal("5"), currency="EUR"),
    )
    plan = build_payloads(report, MAPPING, rate_table())
    with pytest.raises(CurrencyUnknown) as info:
        resolve_currencies(plan, FakeCurrencies({"EUR": 3}, {}))
    assert info.value.code == "currency_unknown"
    assert [(p.field, p.code) for p in info.value.problems] == [("lines[0].currency", "currency_unknown")]
    assert isinstance(info.value, PlanInvalid)
    client = FakeCurrencies({"EUR": 3}, {})
    resolved = resolve_currencies(plan, client, skip=frozenset({"cost:0"}))
    assert client.asked[0] == ("code", "EUR")
    assert resolved.step("cost:0") == plan.step("cost:0")


def test_a_report_without_rates_is_not_compensated_from_rates() -> None:
    """F15: with use_rates False every allowance becomes a cost, so the report says it holds only costs."""
    without = build_payloads(make_report(), MAPPING, rate_table(), use_rates=False).step("report").body
    with_rates = build_payloads(make_report(), MAPPING, rate_table()).step("report").body
    assert without is not None and with_rates is not None
    assert without["travelDetails"]["isCompensationFromRates"] is False
    assert with_rates["travelDetails"]["isCompensationFromRates"] is True


def test_an_etter_overnatting_category_is_not_refused_on_its_unseen_flags() -> None:
    """F17: the flags of "… (etter overnatting)" were never observed; false ones must not block the common
    "nights + a remaining 6-12 h" trip."""
    table = rate_table()
    rest = category_id(2026, 4)
    flagged = dataclasses.replace(
        next(c for c in table.categories if c.id == rest),
        is_valid_accommodation=False,
        is_valid_day_trip=True,
    )
    table = dataclasses.replace(
        table, categories=tuple(flagged if c.id == rest else c for c in table.categories)
    )
    report = make_report(
        lines=(PerDiemLine(count=1, kind=PerDiemKind.REST_6_12, accommodation=Accommodation.HOTEL),)
    )
    body = build_payloads(report, MAPPING, table).step("per_diem:0").body
    assert body is not None and body["rateCategory"] == {"id": rest}


# --- what mutation testing found untested (docs/mutation-testing.md) ---------------------------------------


def test_each_step_without_a_body_becomes_its_own_request():
    from tripletex_desktop.core.transfer.plan import PlannedRequest, PlannedStep, request_for

    receipt = PlannedStep("attachment:0", StepKind.ATTACHMENT, file_path="/home/kari/kvittering.pdf")
    assert request_for(receipt, 501) == PlannedRequest(
        "POST", "/travelExpense/501/attachment", file_path="/home/kari/kvittering.pdf"
    )
    assert request_for(PlannedStep("deliver", StepKind.DELIVER), 501) == PlannedRequest(
        "PUT", "/travelExpense/:deliver", params={"id": 501}
    )
    assert request_for(PlannedStep("approve", StepKind.APPROVE), 501) == PlannedRequest(
        "PUT", "/travelExpense/:approve", params={"id": 501}
    )


def test_an_invalid_plan_names_every_problem_in_its_text():
    from tripletex_desktop.core.travel import FieldProblem

    problems = [FieldProblem("lines[0]", "no_rate"), FieldProblem("lines[1]", "no_toll_category")]
    error = PlanInvalid(problems)
    assert error.detail == "no_rate,no_toll_category" and error.problems == tuple(problems)


def test_fingerprints_stay_the_same_across_versions():
    # stored in the journal: a changed hash would make every corrected report rewrite all its lines
    from tripletex_desktop.core.transfer.plan import PlannedStep, content_fingerprint, step_fingerprint

    step = PlannedStep("cost:0", StepKind.COST, body={"amountCurrencyIncVat": "180"}, tag="m1")
    assert step_fingerprint(step) == "6be06f2c9f1c9488b215"
    leg = PlannedStep("mileage:0", StepKind.MILEAGE, body={"departureLocation": "Lillestrøm", "km": 21.5})
    assert step_fingerprint(leg) == "6f79fc7f150149bde749"  # the text as UTF-8, not \u escapes
    assert content_fingerprint(b"kvittering") == "7cf862135012d58dcfdf"


def test_a_foreign_costs_fingerprint_ignores_what_is_resolved_when_it_is_sent():
    from tripletex_desktop.core.transfer.plan import PlannedStep, step_fingerprint

    planned = PlannedStep("cost:0", StepKind.COST, body={"amountCurrencyIncVat": "18"}, currency="EUR")
    resolved = dataclasses.replace(
        planned, body={**(planned.body or {}), "currency": {"id": 3}, "amountNOKInclVAT": "212.40"}
    )
    assert step_fingerprint(resolved) == step_fingerprint(planned)
    nok = PlannedStep("cost:0", StepKind.COST, body={"amountCurrencyIncVat": "18", "amountNOKInclVAT": "18"})
    assert step_fingerprint(nok) != step_fingerprint(
        dataclasses.replace(nok, body={"amountCurrencyIncVat": "18"})
    )
