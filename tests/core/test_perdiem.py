"""Per diem suggestion: the RATES.md §4.3 worked examples for 2024–2026, meal deductions, year splits."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from tests.core.travel_fixtures import category_id, rate_table
from tripletex_desktop.core.perdiem import (
    PerDiemSuggestion,
    price_suggestions,
    suggest_for_report,
    suggest_per_diem,
    total,
)
from tripletex_desktop.core.rates import NoRateForDate, PerDiemKind
from tripletex_desktop.core.travel import Accommodation, TravelReport, validate_report

K = PerDiemKind

# Mon = 2 Sep of each example year is not needed: any Monday works; the year picks the rates.
EXAMPLES = {
    # id: (departure (month, day, h, m), return (day offset, h, m), overnight, expected kinds, {year: total})
    "A": (
        (8, 0),
        (2, 18, 0),
        True,
        [(K.OVERNIGHT, 2), (K.REST_6_12, 1)],
        {2024: 2249, 2025: 2338, 2026: 2421},
    ),
    "B": ((7, 0), (0, 20, 30), False, [(K.DAY_OVER_12, 1)], {2024: 686, 2025: 713, 2026: 736}),
    "C": ((9, 0), (0, 15, 0), False, [(K.DAY_6_12, 1)], {2024: 369, 2025: 384, 2026: 397}),
    "D": ((8, 0), (0, 20, 0), False, [(K.DAY_6_12, 1)], {2024: 369, 2025: 384, 2026: 397}),
    "E": ((15, 0), (1, 11, 0), True, [(K.OVERNIGHT, 1)], {2024: 940, 2025: 977, 2026: 1012}),
    "F": (
        (8, 0),
        (1, 21, 0),
        True,
        [(K.OVERNIGHT, 1), (K.REST_OVER_12, 1)],
        {2024: 1626, 2025: 1690, 2026: 1748},
    ),
    "G": ((8, 0), (2, 12, 0), True, [(K.OVERNIGHT, 2)], {2024: 1880, 2025: 1954, 2026: 2024}),
}


def _trip(year: int, dep: tuple[int, int], ret: tuple[int, int, int]) -> tuple[dt.datetime, dt.datetime]:
    departure = dt.datetime(year, 3, 4, *dep)  # early March: no year or DST boundary inside any example
    back = dt.datetime(year, 3, 4 + ret[0], ret[1], ret[2])
    return departure, back


@pytest.mark.parametrize("year", [2024, 2025, 2026])
@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_worked_examples(name: str, year: int) -> None:
    dep, ret, overnight, kinds, totals = EXAMPLES[name]
    departure, back = _trip(year, dep, ret)
    suggestions = suggest_per_diem(departure, back, overnight=overnight)
    assert [(s.kind, s.count) for s in suggestions] == kinds
    priced = price_suggestions(suggestions, rate_table())
    assert total(priced) == Decimal(totals[year])
    assert all(p.choice.category.from_date.year == year for p in priced)


def test_rest_line_is_dated_when_the_remainder_starts() -> None:
    suggestions = suggest_per_diem(dt.datetime(2026, 3, 2, 8), dt.datetime(2026, 3, 4, 18), overnight=True)
    assert suggestions == [
        PerDiemSuggestion(K.OVERNIGHT, 2, dt.date(2026, 3, 2)),
        PerDiemSuggestion(K.REST_6_12, 1, dt.date(2026, 3, 4)),
    ]


@pytest.mark.parametrize(
    ("hours", "overnight", "expected"),
    [
        (5.99, False, []),
        (6, False, [(K.DAY_6_12, 1)]),
        (12, False, [(K.DAY_6_12, 1)]),
        (12.01, False, [(K.DAY_OVER_12, 1)]),
        (5, True, []),
        (11, True, [(K.REST_6_12, 1)]),  # short overnight trip: the 6-12 h rate, not a day-trip category
        (12.5, True, [(K.OVERNIGHT, 1)]),
        (24, True, [(K.OVERNIGHT, 1)]),
        (29.99, True, [(K.OVERNIGHT, 1)]),
        (30, True, [(K.OVERNIGHT, 1), (K.REST_6_12, 1)]),
        (47, True, [(K.OVERNIGHT, 1), (K.REST_OVER_12, 1)]),  # remainder with a second night: rate c)
        (48, True, [(K.OVERNIGHT, 2)]),
    ],
)
def test_brackets(hours: float, overnight: bool, expected: list[tuple[PerDiemKind, int]]) -> None:
    departure = dt.datetime(2026, 5, 4, 8, 0)
    back = departure + dt.timedelta(hours=hours)
    got = suggest_per_diem(departure, back, overnight=overnight)
    assert [(s.kind, s.count) for s in got] == expected


def test_nothing_within_15_km() -> None:
    departure = dt.datetime(2026, 5, 4, 8)
    assert (
        suggest_per_diem(departure, departure + dt.timedelta(hours=30), overnight=True, over_15_km=False)
        == []
    )


def test_return_before_departure_gives_nothing() -> None:
    departure = dt.datetime(2026, 5, 4, 8)
    assert suggest_per_diem(departure, departure - dt.timedelta(hours=30), overnight=True) == []


@pytest.mark.parametrize(
    ("year", "breakfast", "lunch", "dinner", "expected"),
    [
        (2026, True, False, False, 397 - 79),
        (2026, False, True, False, 397 - 119),
        (2026, False, False, True, 397 - 199),
        (2026, True, True, True, 397 - 79 - 119 - 199),
        (2024, True, True, False, 369 - 74 - 111),
        (2025, False, False, True, 384 - 192),
    ],
)
def test_meal_deductions_on_a_day_trip(
    year: int, breakfast: bool, lunch: bool, dinner: bool, expected: int
) -> None:
    suggestions = suggest_per_diem(dt.datetime(year, 3, 4, 9), dt.datetime(year, 3, 4, 15), overnight=False)
    priced = price_suggestions(suggestions, rate_table(), breakfast=breakfast, lunch=lunch, dinner=dinner)
    assert total(priced) == Decimal(expected)


def test_meal_deduction_per_day_on_overnight_lines() -> None:
    # Example G in 2026 with breakfast deducted: 2 x (1012 - 202)
    suggestions = suggest_per_diem(dt.datetime(2026, 3, 2, 8), dt.datetime(2026, 3, 4, 12), overnight=True)
    assert total(price_suggestions(suggestions, rate_table(), breakfast=True)) == Decimal(2 * (1012 - 202))


def test_trip_across_new_year_uses_each_lines_own_year() -> None:
    # 30 Dec 2025 08:00 -> 2 Jan 2026 18:00 = 3 døgn + 10 h: 2 døgn in 2025, 1 in 2026, remainder in 2026
    suggestions = suggest_per_diem(dt.datetime(2025, 12, 30, 8), dt.datetime(2026, 1, 2, 18), overnight=True)
    assert suggestions == [
        PerDiemSuggestion(K.OVERNIGHT, 2, dt.date(2025, 12, 30)),
        PerDiemSuggestion(K.OVERNIGHT, 1, dt.date(2026, 1, 1)),
        PerDiemSuggestion(K.REST_6_12, 1, dt.date(2026, 1, 2)),
    ]
    priced = price_suggestions(suggestions, rate_table())
    assert [p.choice.category.id for p in priced] == [
        category_id(2025, 3),
        category_id(2026, 3),
        category_id(2026, 4),
    ]
    assert total(priced) == Decimal(2 * 977 + 1012 + 397)
    lines = [p.to_line() for p in priced]
    assert [line.rate_category_id for line in lines] == [
        category_id(2025, 3),
        category_id(2026, 3),
        category_id(2026, 4),
    ]
    assert [line.count for line in lines] == [2, 1, 1]


def test_missing_year_raises_no_rate_for_date() -> None:
    suggestions = suggest_per_diem(dt.datetime(2027, 3, 2, 8), dt.datetime(2027, 3, 2, 18), overnight=False)
    with pytest.raises(NoRateForDate) as info:
        price_suggestions(suggestions, rate_table())
    assert info.value.code == "no_rate_for_date"
    assert info.value.day == dt.date(2027, 3, 2)


def test_suggest_for_report_uses_its_times_and_flags() -> None:
    report = TravelReport(
        connection_id="c",
        company_id=1,
        employee_id=2,
        title="t",
        departure_at=dt.datetime(2026, 3, 2, 8),
        return_at=dt.datetime(2026, 3, 4, 18),
        is_day_trip=False,
    )
    priced = suggest_for_report(report, rate_table())
    assert total(priced) == Decimal(2421)  # example A, 2026
    assert [line.kind for line in (p.to_line() for p in priced)] == [K.OVERNIGHT, K.REST_6_12]
    assert suggest_for_report(dataclasses.replace(report, is_over_15_km=False), rate_table()) == []
    assert suggest_for_report(dataclasses.replace(report, return_at=None), rate_table()) == []


def test_suggested_overnight_lines_default_to_hotel_and_pass_validation() -> None:
    report = TravelReport(
        connection_id="c",
        company_id=1,
        employee_id=2,
        title="Bergen",
        purpose="Kurs",
        departure_from="Oslo",
        destination="Bergen",
        departure_at=dt.datetime(2026, 3, 2, 8),
        return_at=dt.datetime(2026, 3, 4, 18),
        is_day_trip=False,
    )
    lines = tuple(p.to_line(location="Bergen") for p in suggest_for_report(report, rate_table()))
    assert [(line.kind, line.accommodation) for line in lines] == [
        (K.OVERNIGHT, Accommodation.HOTEL),
        (K.REST_6_12, Accommodation.HOTEL),
    ]
    assert validate_report(dataclasses.replace(report, lines=lines)) == []
    chosen = suggest_for_report(report, rate_table())[0].to_line(
        accommodation=Accommodation.BOARDING_HOUSE_WITH_COOKING
    )
    assert chosen.accommodation is Accommodation.BOARDING_HOUSE_WITH_COOKING


def test_suggested_day_trip_lines_have_no_accommodation() -> None:
    report = TravelReport(
        connection_id="c",
        company_id=1,
        employee_id=2,
        title="Drammen",
        departure_at=dt.datetime(2026, 3, 2, 7),
        return_at=dt.datetime(2026, 3, 2, 20),
        is_day_trip=True,
    )
    lines = [p.to_line() for p in suggest_for_report(report, rate_table())]
    assert [(line.kind, line.accommodation) for line in lines] == [(K.DAY_OVER_12, Accommodation.NONE)]
