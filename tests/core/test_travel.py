"""Travel report dataclasses and validate_report codes."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from tripletex_desktop.core.rates import PerDiemKind
from tripletex_desktop.core.travel import (
    Accommodation,
    CostLine,
    FieldProblem,
    MileageLine,
    PerDiemLine,
    ReportKind,
    TravelReport,
    validate_report,
)

DAY = dt.date(2026, 3, 4)


def report(**changes: object) -> TravelReport:
    base = TravelReport(
        connection_id="c1",
        company_id=1,
        employee_id=5,
        title="Kundebesøk Bergen",
        purpose="Møte",
        departure_at=dt.datetime(2026, 3, 4, 8),
        return_at=dt.datetime(2026, 3, 4, 18),
        departure_from="Oslo",
        destination="Drammen",
        lines=(MileageLine(DAY, "Oslo", "Drammen", Decimal("42.5")),),
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def codes(r: TravelReport) -> list[tuple[str, str]]:
    return [(p.field, p.code) for p in validate_report(r)]


def test_valid_report_has_no_problems() -> None:
    assert validate_report(report()) == []


def test_lines_are_split_by_type_in_order() -> None:
    m1 = MileageLine(DAY, "A", "B", Decimal(1))
    c1 = CostLine(DAY, 3, Decimal("10"))
    p1 = PerDiemLine(count=1)
    m2 = MileageLine(DAY, "B", "A", Decimal(1))
    r = report(lines=(m1, c1, p1, m2))
    assert r.mileage_lines == (m1, m2)
    assert r.cost_lines == (c1,)
    assert r.per_diem_lines == (p1,)
    assert r.is_overnight is False


def test_ids_are_unique_and_reports_frozen() -> None:
    a, b = report(), report()
    assert a.id != b.id
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.title = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"employee_id": None}, [("employee_id", "employee_missing")]),
        ({"title": "  "}, [("title", "title_missing")]),
        ({"lines": ()}, [("lines", "no_lines")]),
        ({"departure_at": None}, [("departure_at", "departure_missing")]),
        ({"return_at": None}, [("return_at", "return_missing")]),
        ({"return_at": dt.datetime(2026, 3, 4, 7)}, [("return_at", "return_before_departure")]),
        ({"return_at": dt.datetime(2026, 3, 6, 7)}, [("is_day_trip", "day_trip_too_long")]),
        ({"departure_from": ""}, [("departure_from", "departure_from_missing")]),
        ({"destination": ""}, [("destination", "destination_missing")]),
        ({"purpose": ""}, [("purpose", "purpose_missing")]),
        ({"is_foreign": True}, [("country_code", "country_code_missing")]),
        ({"is_foreign": True, "country_code": "swe"}, [("country_code", "country_code_invalid")]),
        ({"is_foreign": True, "country_code": "SE"}, []),
    ],
)
def test_report_level_codes(changes: dict[str, object], expected: list[tuple[str, str]]) -> None:
    assert codes(report(**changes)) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (MileageLine(DAY, "A", "B", Decimal(0)), [("lines[0].km", "km_not_positive")]),
        (MileageLine(DAY, "A", "B", Decimal(-3)), [("lines[0].km", "km_not_positive")]),
        (MileageLine(DAY, "A", "B", Decimal("NaN")), [("lines[0].km", "km_not_positive")]),
        (MileageLine(DAY, "", "B", Decimal(1)), [("lines[0].from_place", "from_missing")]),
        (MileageLine(DAY, "A", " ", Decimal(1)), [("lines[0].to_place", "to_missing")]),
        (
            MileageLine(DAY, "A", "B", Decimal(1), passengers=-1),
            [("lines[0].passengers", "passengers_out_of_range")],
        ),
        (
            MileageLine(DAY, "A", "B", Decimal(1), passengers=2, passenger_names=("Kari",)),
            [("lines[0].passenger_names", "passenger_names_mismatch")],
        ),
        (
            MileageLine(DAY, "A", "B", Decimal(1), toll_cost=Decimal(-1)),
            [("lines[0].toll_cost", "toll_negative")],
        ),
        (
            MileageLine(DAY + dt.timedelta(days=1), "A", "B", Decimal(1)),
            [("lines[0].date", "date_outside_trip")],
        ),
        (PerDiemLine(count=0), [("lines[0].count", "count_not_positive")]),
        (PerDiemLine(count=1, date=dt.date(2026, 3, 1)), [("lines[0].date", "date_outside_trip")]),
        (
            PerDiemLine(count=1, accommodation=Accommodation.HOTEL),
            [("lines[0].accommodation", "accommodation_on_day_trip")],
        ),
        (CostLine(DAY, None, Decimal(10)), [("lines[0].cost_category_id", "cost_category_missing")]),
        (CostLine(DAY, 1, Decimal(0)), [("lines[0].amount_incl_vat", "amount_not_positive")]),
        (CostLine(DAY, 1, Decimal(5), currency="kr"), [("lines[0].currency", "currency_invalid")]),
        (CostLine(DAY, 1, Decimal(5), currency="EUR"), []),
    ],
)
def test_line_codes(line: object, expected: list[tuple[str, str]]) -> None:
    assert codes(report(lines=(line,))) == expected


def test_overnight_hotel_line_is_fine() -> None:
    r = report(
        is_day_trip=False,
        return_at=dt.datetime(2026, 3, 5, 18),
        lines=(PerDiemLine(count=1, date=DAY, accommodation=Accommodation.HOTEL),),
    )
    assert validate_report(r) == []


@pytest.mark.parametrize("kind", [PerDiemKind.OVERNIGHT, PerDiemKind.REST_6_12, PerDiemKind.REST_OVER_12])
def test_overnight_line_without_accommodation_is_refused(kind: PerDiemKind) -> None:
    r = report(
        is_day_trip=False,
        return_at=dt.datetime(2026, 3, 5, 18),
        lines=(
            PerDiemLine(count=1, date=DAY, kind=kind, accommodation=Accommodation.HOTEL),
            PerDiemLine(count=1, date=DAY, kind=kind),
        ),
    )
    assert codes(r) == [("lines[1].accommodation", "accommodation_missing")]


def test_employee_expense_needs_no_travel_details_but_forbids_allowances() -> None:
    expense = report(
        kind=ReportKind.EMPLOYEE_EXPENSE,
        departure_at=None,
        return_at=None,
        departure_from="",
        destination="",
        purpose="",
        lines=(
            CostLine(DAY, 1, Decimal("99.90")),
            MileageLine(DAY, "A", "B", Decimal(3)),
            PerDiemLine(count=1),
        ),
    )
    assert validate_report(expense) == [
        FieldProblem("lines[1]", "mileage_on_expense"),
        FieldProblem("lines[2]", "per_diem_on_expense"),
    ]


def test_all_problems_are_reported_together() -> None:
    r = report(employee_id=None, title="", lines=(MileageLine(DAY, "A", "B", Decimal(0)),))
    assert [p.code for p in validate_report(r)] == ["employee_missing", "title_missing", "km_not_positive"]


@pytest.mark.parametrize("name", ["IMG_0042.HEIC", "kvittering.heif"])
def test_a_heic_receipt_is_refused_when_attached_not_at_send(name: str) -> None:
    """F12: Tripletex names PDF, PNG, JPEG and TIFF; an iPhone photo is refused before anything is sent."""
    cost = CostLine(DAY, 3, Decimal("10"), receipt_path=f"/home/kari/{name}")
    assert codes(report(lines=(cost,))) == [("lines[0].receipt_path", "receipt_format_unsupported")]
    assert codes(report(lines=(dataclasses.replace(cost, receipt_path="/home/kari/IMG_0042.jpg"),))) == []
