"""Per diem at its edges: exactly 6 h and 12 h, an overnight trip of exactly 12 h, 24 h and 36 h; foreign pricing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.core.travel_fixtures import ZONE_SWEDEN, rate_table
from tripletex_desktop.core.perdiem import (
    PerDiemSuggestion,
    price_suggestions,
    suggest_for_report,
    suggest_per_diem,
    total,
)
from tripletex_desktop.core.rates import PerDiemKind as K
from tripletex_desktop.core.travel import TravelReport

START = dt.datetime(2026, 3, 2, 8, 0)
MINUTE = dt.timedelta(minutes=1)


def _suggest(hours: float, *, overnight: bool, minutes: int = 0) -> list[tuple[K, int, dt.date]]:
    back = START + dt.timedelta(hours=hours) + minutes * MINUTE
    return [(s.kind, s.count, s.date) for s in suggest_per_diem(START, back, overnight=overnight)]


DAY1, DAY2 = dt.date(2026, 3, 2), dt.date(2026, 3, 3)


@pytest.mark.parametrize(
    ("hours", "minutes", "expected"),
    [
        (6, -1, []),  # 5 h 59: nothing
        (6, 0, [(K.DAY_6_12, 1, DAY1)]),  # exactly 6 h: the 6-12 h rate
        (12, 0, [(K.DAY_6_12, 1, DAY1)]),  # exactly 12 h: still 6-12 h
        (12, 1, [(K.DAY_OVER_12, 1, DAY1)]),  # a minute more: over 12 h
    ],
)
def test_day_trip_edges(hours: int, minutes: int, expected: list) -> None:
    assert _suggest(hours, overnight=False, minutes=minutes) == expected


@pytest.mark.parametrize(
    ("hours", "minutes", "expected"),
    [
        (6, -1, []),
        (
            6,
            0,
            [(K.REST_6_12, 1, DAY1)],
        ),  # an overnight report under 12 h uses the after-the-night 6-12 h rate
        (12, 0, [(K.REST_6_12, 1, DAY1)]),  # an overnight trip of exactly 12 h: not yet a døgn
        (12, 1, [(K.OVERNIGHT, 1, DAY1)]),  # over 12 h: one overnight døgn
        (24, 0, [(K.OVERNIGHT, 1, DAY1)]),  # one whole døgn, no rest
        (30, -1, [(K.OVERNIGHT, 1, DAY1)]),  # 5 h 59 after the døgn: no extra
        (30, 0, [(K.OVERNIGHT, 1, DAY1), (K.REST_6_12, 1, DAY2)]),  # exactly 6 h after it
        (36, 0, [(K.OVERNIGHT, 1, DAY1), (K.REST_6_12, 1, DAY2)]),  # a 36 h trip: exactly 12 h after the døgn
        (36, 1, [(K.OVERNIGHT, 1, DAY1), (K.REST_OVER_12, 1, DAY2)]),  # a minute more: over 12 h after it
        (48, 0, [(K.OVERNIGHT, 2, DAY1)]),  # two whole døgn on one line
    ],
)
def test_overnight_trip_edges(hours: int, minutes: int, expected: list) -> None:
    assert _suggest(hours, overnight=True, minutes=minutes) == expected


def test_within_15_km_there_is_no_per_diem_however_long() -> None:
    assert suggest_per_diem(START, START + dt.timedelta(hours=36), overnight=True, over_15_km=False) == []


def test_the_rest_after_the_last_whole_dogn_is_dated_on_its_own_day() -> None:
    late = dt.datetime(2026, 12, 31, 20, 0)
    out = suggest_per_diem(late, late + dt.timedelta(hours=36), overnight=True)
    assert out == [
        PerDiemSuggestion(K.OVERNIGHT, 1, dt.date(2026, 12, 31)),
        PerDiemSuggestion(K.REST_6_12, 1, dt.date(2027, 1, 1)),  # next year's rate for the rest
    ]


# --- pricing: what mutation testing found untested (docs/mutation-testing.md) -----------------------------


def test_a_foreign_trip_is_priced_at_its_zones_rate_not_the_domestic_one() -> None:
    table = rate_table()
    back = START + dt.timedelta(hours=48)
    suggestions = suggest_per_diem(START, back, overnight=True)
    domestic = price_suggestions(suggestions, table)
    abroad = price_suggestions(suggestions, table, is_foreign=True, zone_id=ZONE_SWEDEN)
    assert abroad and all(p.choice.category.is_valid_foreign_travel for p in abroad)
    assert [p.choice.category.id for p in abroad] != [p.choice.category.id for p in domestic]
    assert all(p.choice.rate.zone_id == ZONE_SWEDEN for p in abroad)


def test_a_foreign_report_is_suggested_at_its_zones_rate() -> None:
    report = TravelReport(
        connection_id="c1",
        company_id=1,
        employee_id=1,
        title="Messe Göteborg",
        departure_at=START,
        return_at=START + dt.timedelta(hours=48),
        is_day_trip=False,
        is_foreign=True,
        country_code="SE",
    )
    priced = suggest_for_report(report, rate_table(), zone_id=ZONE_SWEDEN)
    assert priced and all(p.choice.category.is_valid_foreign_travel for p in priced)
    assert all(p.choice.rate.zone_id == ZONE_SWEDEN for p in priced)


def test_the_total_of_no_lines_is_a_decimal_zero() -> None:
    assert isinstance(total([]), Decimal) and total([]) == Decimal(0)


def test_a_suggested_line_keeps_the_location_it_is_given() -> None:
    [priced] = price_suggestions(
        suggest_per_diem(START, START + dt.timedelta(hours=20), overnight=True), rate_table()
    )
    line = priced.to_line(location="Bergen")
    assert line.location == "Bergen" and line.count == 1 and line.kind is K.OVERNIGHT
    assert line.rate_category_id == priced.choice.category.id
