"""Rate category and rate selection by date, trip type and flags."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from tests.core.travel_fixtures import ZONE_SWEDEN, category_id, rate_table
from tripletex_desktop.core.errors import TripletexDesktopError
from tripletex_desktop.core.models import Rate, RateCategory, RateType
from tripletex_desktop.core.rates import (
    AmbiguousRate,
    MileageKind,
    NoPassengerRateForDate,
    NoRateForDate,
    PerDiemKind,
    RateTable,
    choose_mileage_category,
    choose_per_diem_category,
    deduction_amount,
    mileage_amount,
    normalise_name,
    passenger_supplement_amount,
    passenger_supplement_rate,
    per_diem_amount,
)


@pytest.mark.parametrize(
    ("kind", "offset"),
    [
        (PerDiemKind.DAY_6_12, 1),
        (PerDiemKind.DAY_OVER_12, 2),
        (PerDiemKind.OVERNIGHT, 3),
        (PerDiemKind.REST_6_12, 4),
        (PerDiemKind.REST_OVER_12, 5),
    ],
)
@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_domestic_per_diem_category_per_kind_and_year(kind: PerDiemKind, offset: int, year: int) -> None:
    table = rate_table()
    choice = table.per_diem(dt.date(year, 6, 1), kind)
    assert choice.category.id == category_id(year, offset)
    assert choice.rate.rate_category_id == choice.category.id


def test_year_boundary_each_date_gets_its_year() -> None:
    table = rate_table()
    assert table.mileage(dt.date(2025, 12, 31)).rate.rate == 5.0
    assert table.mileage(dt.date(2026, 1, 1)).rate.rate == 5.3
    assert table.per_diem(dt.date(2024, 12, 31), PerDiemKind.OVERNIGHT).rate.rate == 940
    assert table.per_diem(dt.date(2025, 1, 1), PerDiemKind.OVERNIGHT).rate.rate == 977


def test_validity_bounds_are_inclusive() -> None:
    table = rate_table(2026)
    assert table.mileage(dt.date(2026, 1, 1)).category.id == category_id(2026, 10)
    assert table.mileage(dt.date(2026, 12, 31)).category.id == category_id(2026, 10)
    with pytest.raises(NoRateForDate):
        table.mileage(dt.date(2027, 1, 1))


def test_foreign_per_diem_needs_the_zone() -> None:
    table = rate_table()
    choice = table.per_diem(dt.date(2026, 5, 1), PerDiemKind.OVERNIGHT, is_foreign=True, zone_id=ZONE_SWEDEN)
    assert choice.category.id == category_id(2026, 7)
    assert choice.rate.zone_id == ZONE_SWEDEN
    with pytest.raises(NoRateForDate):
        table.per_diem(dt.date(2026, 5, 1), PerDiemKind.OVERNIGHT, is_foreign=True, zone_id=None)
    with pytest.raises(NoRateForDate):
        table.per_diem(dt.date(2026, 5, 1), PerDiemKind.OVERNIGHT, is_foreign=True, zone_id=999)


def test_foreign_never_gets_a_domestic_category() -> None:
    with pytest.raises(NoRateForDate):
        rate_table().per_diem(
            dt.date(2026, 5, 1), PerDiemKind.REST_6_12, is_foreign=True, zone_id=ZONE_SWEDEN
        )


def test_names_decide_region_when_flags_are_missing() -> None:
    bare = [
        RateCategory(
            1,
            "Overnatting over 12 timer - innland",
            RateType.PER_DIEM,
            dt.date(2026, 1, 1),
            dt.date(2026, 12, 31),
        ),
        RateCategory(
            2,
            "Overnatting over 12 timer - utland",
            RateType.PER_DIEM,
            dt.date(2026, 1, 1),
            dt.date(2026, 12, 31),
        ),
    ]
    assert (
        choose_per_diem_category(bare, dt.date(2026, 2, 2), PerDiemKind.OVERNIGHT, is_foreign=False).id == 1
    )
    assert choose_per_diem_category(bare, dt.date(2026, 2, 2), PerDiemKind.OVERNIGHT, is_foreign=True).id == 2


def test_flags_that_contradict_the_bracket_exclude_a_category() -> None:
    wrong = RateCategory(
        1,
        "Dagsreise 6-12 timer - innland",
        RateType.PER_DIEM,
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
        is_valid_domestic=True,
        is_requires_overnight_accommodation=True,
    )
    with pytest.raises(NoRateForDate):
        choose_per_diem_category([wrong], dt.date(2026, 2, 2), PerDiemKind.DAY_6_12, is_foreign=False)


def test_override_category_must_be_valid_on_the_date() -> None:
    table = rate_table()
    choice = table.per_diem(
        dt.date(2026, 3, 3), PerDiemKind.OVERNIGHT, override_category_id=category_id(2026, 1)
    )
    assert choice.rate.rate == 397
    with pytest.raises(NoRateForDate):
        table.per_diem(dt.date(2026, 3, 3), PerDiemKind.OVERNIGHT, override_category_id=category_id(2025, 1))
    with pytest.raises(NoRateForDate):
        table.per_diem(dt.date(2026, 3, 3), PerDiemKind.OVERNIGHT, override_category_id=category_id(2026, 10))


def test_car_prefers_plain_bil_over_supplements_and_old_era_names() -> None:
    year = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    old = (dt.date(2012, 1, 1), dt.date(2012, 12, 31))
    categories = [
        RateCategory(1, "Bil - inntil 9000 km", RateType.MILEAGE_ALLOWANCE, *old),
        RateCategory(2, "Bil - passasjertillegg", RateType.MILEAGE_ALLOWANCE, *year),
        RateCategory(3, "Bil", RateType.MILEAGE_ALLOWANCE, *year),
        RateCategory(4, "Bil - tilhengertillegg", RateType.MILEAGE_ALLOWANCE, *year),
    ]
    assert choose_mileage_category(categories, dt.date(2026, 4, 4)).id == 3
    assert choose_mileage_category(categories, dt.date(2012, 4, 4)).id == 1
    assert choose_mileage_category(categories, dt.date(2026, 4, 4), MileageKind.PASSENGER).id == 2
    assert choose_mileage_category(categories, dt.date(2026, 4, 4), MileageKind.TRAILER).id == 4


def test_two_equal_candidates_are_ambiguous() -> None:
    year = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    categories = [
        RateCategory(1, "Bil", RateType.MILEAGE_ALLOWANCE, *year),
        RateCategory(2, "BIL", RateType.MILEAGE_ALLOWANCE, *year),
    ]
    with pytest.raises(AmbiguousRate) as info:
        choose_mileage_category(categories, dt.date(2026, 4, 4))
    assert info.value.category_ids == (1, 2)
    assert isinstance(info.value, TripletexDesktopError)
    assert info.value.code == "ambiguous_rate"


def test_mid_year_change_picks_the_period_of_the_date() -> None:
    categories = (
        RateCategory(1, "Bil", RateType.MILEAGE_ALLOWANCE, dt.date(2020, 1, 1), dt.date(2020, 5, 31)),
        RateCategory(2, "Bil", RateType.MILEAGE_ALLOWANCE, dt.date(2020, 6, 1), dt.date(2020, 12, 31)),
    )
    table = RateTable(categories, (Rate(10, 1, 4.03), Rate(20, 2, 3.50)))
    assert table.mileage(dt.date(2020, 5, 31)).rate.id == 10
    assert table.mileage(dt.date(2020, 6, 1)).rate.id == 20


def test_accommodation_allowance() -> None:
    table = rate_table()
    assert table.accommodation(dt.date(2024, 7, 7)).rate.rate == 435
    assert table.accommodation(dt.date(2026, 7, 7)).rate.rate == 452


def test_category_without_rate_raises() -> None:
    table = rate_table(2026)
    stripped = RateTable(
        table.categories, tuple(r for r in table.rates if r.rate_category_id != category_id(2026, 10))
    )
    with pytest.raises(NoRateForDate) as info:
        stripped.mileage(dt.date(2026, 2, 2))
    assert info.value.kind == f"rate:{category_id(2026, 10)}"


def test_amounts() -> None:
    rate = Rate(1, 1, 397.0, breakfast_deduction=79, lunch_deduction=119, dinner_deduction=199)
    assert per_diem_amount(rate, 2) == Decimal(794)
    assert per_diem_amount(rate, 1, breakfast=True, lunch=True, dinner=True) == Decimal(0)
    assert mileage_amount(Rate(2, 2, 5.3), Decimal("60")) == Decimal("318.00")
    assert mileage_amount(Rate(2, 2, 4.9), Decimal("12.5")) == Decimal("61.25")


def test_deduction_computed_when_the_rate_has_none() -> None:
    rate = Rate(1, 1, 397.0)
    assert deduction_amount(rate, "breakfast") == Decimal(79)
    assert deduction_amount(rate, "dinner") == Decimal(199)  # 198.5 rounds half up
    assert deduction_amount(dataclasses.replace(rate, dinner_deduction=150.0), "dinner") == Decimal(150)


def test_normalise_name() -> None:
    assert normalise_name("  6–12 timer over helt DØGN ") == "6-12 timer over helt dogn"
    assert normalise_name("Kjøregodtgjørelse") == "kjoregodtgjorelse"
    assert normalise_name("Båt   med motor") == "bat med motor"


def test_passenger_supplement_rate_by_date_and_amount() -> None:
    table = rate_table()
    choice = table.passenger_supplement(dt.date(2025, 12, 31))
    assert (choice.category.id, choice.rate.rate) == (category_id(2025, 11), 1.0)
    assert table.passenger_supplement(dt.date(2026, 1, 1)).category.id == category_id(2026, 11)
    assert passenger_supplement_rate(choice.rate, 3) == Decimal(3)
    assert passenger_supplement_amount(choice.rate, Decimal("21.5"), 2) == Decimal("43.00")
    assert passenger_supplement_amount(Rate(9, 9, 1.05), Decimal("10.3"), 1) == Decimal(
        "10.82"
    )  # 10.815 half up


def test_missing_passenger_rate_has_its_own_code() -> None:
    with pytest.raises(NoPassengerRateForDate) as info:
        rate_table(2026).passenger_supplement(dt.date(2023, 6, 1))
    assert info.value.code == "passenger_rate_missing"
    assert isinstance(info.value, NoRateForDate)
