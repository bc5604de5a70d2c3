"""Per diem suggestion from departure/return times (RATES.md §4.2) and its rate per line date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from tripletex_desktop.core.rates import PerDiemKind, RateChoice, RateTable, per_diem_amount
from tripletex_desktop.core.travel import OVERNIGHT_KINDS, Accommodation, PerDiemLine, TravelReport

DAY = dt.timedelta(hours=24)
SIX_HOURS = dt.timedelta(hours=6)
TWELVE_HOURS = dt.timedelta(hours=12)


@dataclass(frozen=True, slots=True)
class PerDiemSuggestion:
    """`count` × one bracket; `date` is the day the counted period starts (it picks the year's rate)."""

    kind: PerDiemKind
    count: int
    date: dt.date


def suggest_per_diem(
    departure: dt.datetime, return_at: dt.datetime, *, overnight: bool, over_15_km: bool = True
) -> list[PerDiemSuggestion]:
    """The særavtale lines for a domestic trip.

    Hours are wall-clock time between the naive local datetimes (DST handling is not settled in the rules).
    Whole døgn are counted from the departure clock time; when they straddle New Year they are split into
    one line per year so each uses its own year's rate.
    """
    elapsed = return_at - departure
    if not over_15_km or elapsed < SIX_HOURS:
        return []
    if not overnight:
        kind = PerDiemKind.DAY_6_12 if elapsed <= TWELVE_HOURS else PerDiemKind.DAY_OVER_12
        return [PerDiemSuggestion(kind, 1, departure.date())]
    if elapsed <= TWELVE_HOURS:
        # The 6-12 h rate (RATES.md §4.2), from the "etter overnatting" category: a report that is not a day
        # trip may not use a day-trip ("Dagsreise") category.
        return [PerDiemSuggestion(PerDiemKind.REST_6_12, 1, departure.date())]
    full = elapsed // DAY
    rest = elapsed - full * DAY
    if full == 0:
        return [PerDiemSuggestion(PerDiemKind.OVERNIGHT, 1, departure.date())]
    suggestions = _whole_days_by_year(departure, full)
    rest_start = departure + full * DAY
    if SIX_HOURS <= rest <= TWELVE_HOURS:
        suggestions.append(PerDiemSuggestion(PerDiemKind.REST_6_12, 1, rest_start.date()))
    elif rest > TWELVE_HOURS:
        suggestions.append(PerDiemSuggestion(PerDiemKind.REST_OVER_12, 1, rest_start.date()))
    return suggestions


def _whole_days_by_year(departure: dt.datetime, full: int) -> list[PerDiemSuggestion]:
    groups: list[PerDiemSuggestion] = []
    for index in range(full):
        start = (departure + index * DAY).date()
        if groups and groups[-1].date.year == start.year:
            last = groups[-1]
            groups[-1] = PerDiemSuggestion(last.kind, last.count + 1, last.date)
        else:
            groups.append(PerDiemSuggestion(PerDiemKind.OVERNIGHT, 1, start))
    return groups


@dataclass(frozen=True, slots=True)
class PricedPerDiem:
    """A suggestion with the category and rate valid on its date, and the amount after meal deductions."""

    suggestion: PerDiemSuggestion
    choice: RateChoice
    amount: Decimal

    @property
    def is_overnight(self) -> bool:
        """The bracket or its category needs an overnight accommodation type (RATES.md §6)."""
        return (
            self.suggestion.kind in OVERNIGHT_KINDS
            or self.choice.category.is_requires_overnight_accommodation
        )

    def to_line(self, *, accommodation: Accommodation | None = None, location: str = "") -> PerDiemLine:
        """The per diem line the user would otherwise enter by hand (category pinned).

        Without `accommodation`, overnight lines get HOTEL (the common case; the user can change it) and
        the others NONE.
        """
        if accommodation is None:
            accommodation = Accommodation.HOTEL if self.is_overnight else Accommodation.NONE
        return PerDiemLine(
            count=self.suggestion.count,
            date=self.suggestion.date,
            rate_category_id=self.choice.category.id,
            kind=self.suggestion.kind,
            accommodation=accommodation,
            location=location,
        )


def price_suggestions(
    suggestions: list[PerDiemSuggestion],
    table: RateTable,
    *,
    is_foreign: bool = False,
    zone_id: int | None = None,
    breakfast: bool = False,
    lunch: bool = False,
    dinner: bool = False,
) -> list[PricedPerDiem]:
    """Each suggestion with the rate category valid on its own date (raises NoRateForDate)."""
    priced: list[PricedPerDiem] = []
    for suggestion in suggestions:
        choice = table.per_diem(suggestion.date, suggestion.kind, is_foreign=is_foreign, zone_id=zone_id)
        amount = per_diem_amount(
            choice.rate, suggestion.count, breakfast=breakfast, lunch=lunch, dinner=dinner
        )
        priced.append(PricedPerDiem(suggestion, choice, amount))
    return priced


def total(priced: list[PricedPerDiem]) -> Decimal:
    """Sum of the amounts."""
    return sum((p.amount for p in priced), Decimal(0))


def suggest_for_report(
    report: TravelReport,
    table: RateTable,
    *,
    zone_id: int | None = None,
) -> list[PricedPerDiem]:
    """The priced suggestion for a report's own times and flags (empty without both datetimes)."""
    if report.departure_at is None or report.return_at is None:
        return []
    suggestions = suggest_per_diem(
        report.departure_at, report.return_at, overnight=report.is_overnight, over_15_km=report.is_over_15_km
    )
    return price_suggestions(suggestions, table, is_foreign=report.is_foreign, zone_id=zone_id)
