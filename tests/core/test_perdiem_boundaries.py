"""suggest_per_diem at its edges: exactly 6 h and 12 h, an overnight trip of exactly 12 h, 24 h and 36 h."""

from __future__ import annotations

import datetime as dt

import pytest

from tripletex_desktop.core.perdiem import PerDiemSuggestion, suggest_per_diem
from tripletex_desktop.core.rates import PerDiemKind as K

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
