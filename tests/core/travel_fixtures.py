"""Rate categories and rates per RATES.md §6–7 for 2024–2026, shared by the travel-domain tests."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from tripletex_desktop.core.models import Rate, RateCategory, RateType, TravelZone
from tripletex_desktop.core.rates import RateTable

PER_DIEM_RATES = {  # overnight, 6-12 h, over 12 h
    2024: (940, 369, 686),
    2025: (977, 384, 713),
    2026: (1012, 397, 736),
}
CAR_RATES = {2024: "4.90", 2025: "5.00", 2026: "5.30"}

# (offset, name, type, day_trip, accommodation, domestic, foreign, requires_overnight, requires_zone)
_CATEGORIES = [
    (1, "Dagsreise 6-12 timer - innland", RateType.PER_DIEM, True, False, True, False, False, False),
    (2, "Dagsreise over 12 timer - innland", RateType.PER_DIEM, True, False, True, False, False, False),
    (3, "Overnatting over 12 timer - innland", RateType.PER_DIEM, False, True, True, False, True, False),
    (
        4,
        "6-12 timer over helt døgn - innland (etter overnatting)",
        RateType.PER_DIEM,
        False,
        True,
        True,
        False,
        False,
        False,
    ),
    (
        5,
        "Over 12 timer over helt døgn - innland (etter overnatting)",
        RateType.PER_DIEM,
        False,
        True,
        True,
        False,
        False,
        False,
    ),
    (6, "Overnatting over 28 døgn", RateType.PER_DIEM, False, True, True, False, True, False),
    (7, "Overnatting over 12 timer - utland", RateType.PER_DIEM, False, True, False, True, True, True),
    (8, "Dagsreise 6-12 timer - utland", RateType.PER_DIEM, True, False, False, True, False, True),
    (10, "Bil", RateType.MILEAGE_ALLOWANCE, True, True, True, True, False, False),
    (11, "Bil - passasjertillegg", RateType.MILEAGE_ALLOWANCE, True, True, True, True, False, False),
    (12, "Motorsykkel - over 125 ccm", RateType.MILEAGE_ALLOWANCE, True, True, True, True, False, False),
    (20, "Ulegitimert - innland", RateType.ACCOMMODATION_ALLOWANCE, False, True, True, False, False, False),
]

ZONE_SWEDEN = 46
#: Sweden (rates in the "utland" categories), Kosovo (disabled: "Country not enabled for travel expense"),
#: Iceland (enabled, but no rate in any category)
ZONES = (
    TravelZone(ZONE_SWEDEN, "SE", "Sverige", currency_id=5),
    TravelZone(47, "XK", "Kosovo", is_disabled=True),
    TravelZone(48, "IS", "Island"),
)


def category_id(year: int, offset: int) -> int:
    """Stable fake ids: 2026 + offset 3 -> 202603."""
    return year * 100 + offset


def _ded(amount: int, share: str) -> float:
    return float((Decimal(amount) * Decimal(share)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def year_table(year: int) -> tuple[list[RateCategory], list[Rate]]:
    """The categories and rates of one year, valid 1 Jan – 31 Dec."""
    overnight, short, long_ = PER_DIEM_RATES[year]
    amounts = {1: short, 2: long_, 3: overnight, 4: short, 5: long_, 6: overnight}
    categories: list[RateCategory] = []
    rates: list[Rate] = []
    for offset, name, type_, day_trip, accommodation, domestic, foreign, overnight_req, zone in _CATEGORIES:
        cid = category_id(year, offset)
        categories.append(
            RateCategory(
                id=cid,
                name=name,
                type=type_,
                from_date=dt.date(year, 1, 1),
                to_date=dt.date(year, 12, 31),
                is_valid_day_trip=day_trip,
                is_valid_accommodation=accommodation,
                is_valid_domestic=domestic,
                is_valid_foreign_travel=foreign,
                is_requires_zone=zone,
                is_requires_overnight_accommodation=overnight_req,
            )
        )
        if offset in amounts:
            amount = amounts[offset]
            rates.append(
                Rate(
                    id=cid * 10,
                    rate_category_id=cid,
                    rate=float(amount),
                    breakfast_deduction=_ded(amount, "0.2"),
                    lunch_deduction=_ded(amount, "0.3"),
                    dinner_deduction=_ded(amount, "0.5"),
                )
            )
        elif offset in (7, 8):
            rates.append(
                Rate(
                    id=cid * 10,
                    rate_category_id=cid,
                    rate=941.0 if offset == 7 else 470.0,
                    zone_id=ZONE_SWEDEN,
                )
            )
        elif offset == 10:
            rates.append(Rate(id=cid * 10, rate_category_id=cid, rate=float(CAR_RATES[year])))
        elif offset == 11:
            rates.append(Rate(id=cid * 10, rate_category_id=cid, rate=1.0))
        elif offset == 12:
            rates.append(Rate(id=cid * 10, rate_category_id=cid, rate=2.95))
        elif offset == 20:
            rates.append(Rate(id=cid * 10, rate_category_id=cid, rate=435.0 if year == 2024 else 452.0))
    return categories, rates


def rate_table(*years: int) -> RateTable:
    """A RateTable with the given years (default 2024–2026)."""
    categories: list[RateCategory] = []
    rates: list[Rate] = []
    for year in years or (2024, 2025, 2026):
        c, r = year_table(year)
        categories += c
        rates += r
    return RateTable(tuple(categories), tuple(rates), ZONES)
