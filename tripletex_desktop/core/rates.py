"""Choose the rate category and rate valid on a line's own date for a trip type (pure, no HTTP)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from tripletex_desktop.core.errors import TripletexDesktopError
from tripletex_desktop.core.models import Rate, RateCategory, RateType, TravelZone


class PerDiemKind(StrEnum):
    """The særavtale per diem brackets (RATES.md §4.2)."""

    OVERNIGHT = "overnight"
    DAY_6_12 = "day_6_12"
    DAY_OVER_12 = "day_over_12"
    REST_6_12 = "rest_6_12"
    REST_OVER_12 = "rest_over_12"


class MileageKind(StrEnum):
    """Which mileage category: the car itself or a per-km supplement."""

    CAR = "car"
    PASSENGER = "passenger"
    TRAILER = "trailer"


class NoRateForDate(TripletexDesktopError):
    """No rate category (or no rate in it) is valid on `day` for `kind`; the company lacks that year's rates."""

    code = "no_rate_for_date"

    def __init__(self, day: dt.date, kind: str) -> None:
        super().__init__(f"{kind} on {day.isoformat()}")
        self.day = day
        self.kind = kind


class NoPassengerRateForDate(NoRateForDate):
    """No passenger supplement ("Bil - passasjertillegg") category or rate is valid on `day`."""

    code = "passenger_rate_missing"

    def __init__(self, day: dt.date) -> None:
        super().__init__(day, f"mileage:{MileageKind.PASSENGER.value}")


class AmbiguousRate(TripletexDesktopError):
    """More than one category fits equally well; the user must pick one (override on the line)."""

    code = "ambiguous_rate"

    def __init__(self, day: dt.date, kind: str, category_ids: Sequence[int]) -> None:
        super().__init__(f"{kind} on {day.isoformat()}: {list(category_ids)}")
        self.day = day
        self.kind = kind
        self.category_ids = tuple(category_ids)


class ZoneMissing(TripletexDesktopError):
    """Tripletex lists no travel zone for the trip's country on its date (or the zones were never synced)."""

    code = "zone_missing"

    def __init__(self, country_code: str, day: dt.date) -> None:
        super().__init__(f"{country_code} on {day.isoformat()}")
        self.country_code = country_code
        self.day = day


class ZoneNotEnabled(ZoneMissing):
    """The country's zone is disabled in Tripletex: «Country not enabled for travel expense»."""

    code = "zone_not_enabled"


class ZoneRateMissing(NoRateForDate):
    """The per diem category has no rate for the country's zone (Tripletex refuses such a line at deliver)."""

    code = "zone_rate_missing"

    def __init__(self, day: dt.date, kind: str, zone: TravelZone) -> None:
        super().__init__(day, kind)
        self.zone = zone


def normalise_name(text: str) -> str:
    """Lower case, accents folded (ø→o, å→a, æ→ae), dashes unified, whitespace collapsed."""
    text = text.casefold().replace("ø", "o").replace("æ", "ae").replace("đ", "d")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    return re.sub(r"\s+", " ", text).strip()


# Patterns on normalised names (RATES.md §6); the 2026 pattern is assumed for other years.
_PER_DIEM_PATTERNS: dict[PerDiemKind, re.Pattern[str]] = {
    PerDiemKind.OVERNIGHT: re.compile(r"^overnatting over 12 timer"),
    PerDiemKind.DAY_6_12: re.compile(r"^dagsreise 6 ?- ?12 timer"),
    PerDiemKind.DAY_OVER_12: re.compile(r"^dagsreise over 12 timer"),
    PerDiemKind.REST_6_12: re.compile(r"^6 ?- ?12 timer over helt dogn"),
    PerDiemKind.REST_OVER_12: re.compile(r"^over 12 timer over helt dogn"),
}
_MILEAGE_PATTERNS: dict[MileageKind, re.Pattern[str]] = {
    MileageKind.CAR: re.compile(r"^bil( - inntil .*)?$"),
    MileageKind.PASSENGER: re.compile(r"^bil - passasjer"),
    MileageKind.TRAILER: re.compile(r"^bil - tilhenger"),
}
_NIGHT_ALLOWANCE = re.compile(r"^ulegitimert")


def _matches_region(category: RateCategory, is_foreign: bool) -> bool:
    """Domestic/foreign from the flags; from the name ("innland"/"utland") when no flag is set."""
    if category.is_valid_domestic or category.is_valid_foreign_travel:
        return category.is_valid_foreign_travel if is_foreign else category.is_valid_domestic
    name = normalise_name(category.name)
    if "utland" in name:
        return is_foreign
    if "innland" in name:
        return not is_foreign
    return True  # neither flag nor hint: valid for both (e.g. mileage "Bil")


def _flags_fit_per_diem(category: RateCategory, kind: PerDiemKind) -> bool:
    """Drop categories whose flags contradict the bracket (only when flags are set at all)."""
    if kind in (PerDiemKind.DAY_6_12, PerDiemKind.DAY_OVER_12):
        return not category.is_requires_overnight_accommodation
    if kind is PerDiemKind.OVERNIGHT:
        return not (category.is_valid_day_trip and not category.is_valid_accommodation)
    return True


def _single(candidates: list[RateCategory], day: dt.date, kind: str) -> RateCategory:
    if not candidates:
        raise NoRateForDate(day, kind)
    if len(candidates) > 1:
        # Several years overlapping should not happen; the shortest validity period is the most specific.
        candidates.sort(key=lambda c: ((c.to_date - c.from_date).days, c.id))
        first, second = candidates[0], candidates[1]
        if (first.to_date - first.from_date) == (second.to_date - second.from_date):
            raise AmbiguousRate(day, kind, [c.id for c in candidates])
    return candidates[0]


def valid_categories(categories: Iterable[RateCategory], day: dt.date, type_: RateType) -> list[RateCategory]:
    """The categories of `type_` valid on `day`."""
    return [c for c in categories if c.type is type_ and c.valid_on(day)]


def choose_per_diem_category(
    categories: Iterable[RateCategory], day: dt.date, kind: PerDiemKind, *, is_foreign: bool
) -> RateCategory:
    """The per diem category for `kind` valid on `day`, domestic or foreign."""
    pattern = _PER_DIEM_PATTERNS[kind]
    candidates = [
        c
        for c in valid_categories(categories, day, RateType.PER_DIEM)
        if pattern.search(normalise_name(c.name))
        and _matches_region(c, is_foreign)
        and _flags_fit_per_diem(c, kind)
    ]
    return _single(candidates, day, f"per_diem:{kind.value}")


def choose_mileage_category(
    categories: Iterable[RateCategory], day: dt.date, kind: MileageKind = MileageKind.CAR
) -> RateCategory:
    """The mileage category ("Bil" or a supplement) valid on `day`."""
    pattern = _MILEAGE_PATTERNS[kind]
    candidates = [
        c
        for c in valid_categories(categories, day, RateType.MILEAGE_ALLOWANCE)
        if pattern.search(normalise_name(c.name))
    ]
    if kind is MileageKind.CAR and len(candidates) > 1:
        exact = [c for c in candidates if normalise_name(c.name) == "bil"]
        candidates = exact or candidates
    return _single(candidates, day, f"mileage:{kind.value}")


def choose_accommodation_category(
    categories: Iterable[RateCategory], day: dt.date, *, is_foreign: bool = False
) -> RateCategory:
    """The night allowance category ("Ulegitimert - innland") valid on `day`."""
    candidates = [
        c
        for c in valid_categories(categories, day, RateType.ACCOMMODATION_ALLOWANCE)
        if _NIGHT_ALLOWANCE.search(normalise_name(c.name)) and _matches_region(c, is_foreign)
    ]
    return _single(candidates, day, "accommodation")


def choose_rate(
    rates: Iterable[Rate], category: RateCategory, day: dt.date, *, zone_id: int | None = None
) -> Rate:
    """The rate of `category`; a category that requires a zone needs `zone_id`."""
    in_category = [r for r in rates if r.rate_category_id == category.id]
    if category.is_requires_zone or zone_id is not None:
        in_category = [r for r in in_category if r.zone_id == zone_id]
    if not in_category:
        raise NoRateForDate(day, f"rate:{category.id}")
    return min(in_category, key=lambda r: r.id)


def _money(value: float | Decimal) -> Decimal:
    return Decimal(str(value)) if not isinstance(value, Decimal) else value


def deduction_amount(rate: Rate, meal: str) -> Decimal:
    """The meal deduction (breakfast 20 %, lunch 30 %, dinner 50 %) as stored on the rate, else computed."""
    stored = {
        "breakfast": rate.breakfast_deduction,
        "lunch": rate.lunch_deduction,
        "dinner": rate.dinner_deduction,
    }[meal]
    if stored is not None:
        return _money(stored)
    share = {"breakfast": Decimal("0.2"), "lunch": Decimal("0.3"), "dinner": Decimal("0.5")}[meal]
    return (_money(rate.rate) * share).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def per_diem_amount(
    rate: Rate, count: int, *, breakfast: bool = False, lunch: bool = False, dinner: bool = False
) -> Decimal:
    """count × (rate − the meal deductions ticked), never below zero per day."""
    per_day = _money(rate.rate)
    for meal, ticked in (("breakfast", breakfast), ("lunch", lunch), ("dinner", dinner)):
        if ticked:
            per_day -= deduction_amount(rate, meal)
    return max(per_day, Decimal(0)) * count


def mileage_amount(rate: Rate, km: Decimal) -> Decimal:
    """km × rate, rounded to øre."""
    return (km * _money(rate.rate)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def passenger_supplement_rate(rate: Rate, passengers: int) -> Decimal:
    """The per-km supplement for `passengers` (the passenger rate × passengers), as sent in `rate`."""
    return _money(rate.rate) * passengers


def passenger_supplement_amount(rate: Rate, km: Decimal, passengers: int) -> Decimal:
    """km × passenger rate × passengers, rounded to øre."""
    return (km * passenger_supplement_rate(rate, passengers)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


@dataclass(frozen=True, slots=True)
class RateChoice:
    """A chosen category and its rate."""

    category: RateCategory
    rate: Rate


def rate_in_zone(rate: Rate, zone: TravelZone) -> bool:
    """Whether a foreign rate belongs to `zone`: `TravelExpenseRate.zone` is a string whose content the spec
    does not define, so it is matched against the zone's id, country code and name (README: assumption)."""
    if rate.zone_id is not None and rate.zone_id == zone.id:
        return True
    if not rate.zone:
        return False
    key = rate.zone.strip().casefold()
    return key in {str(zone.id), zone.country_code.casefold(), zone.name.strip().casefold()}


@dataclass(frozen=True, slots=True)
class ZoneChoice:
    """A foreign per diem: the category, the zone's rate in it, and the zone."""

    category: RateCategory
    rate: Rate
    zone: TravelZone


@dataclass(frozen=True, slots=True)
class RateTable:
    """The national rate categories, rates and travel zones, as read from Tripletex; every lookup is by the
    line's date (rates and zones are the same in every company: one table per connection)."""

    categories: tuple[RateCategory, ...]
    rates: tuple[Rate, ...]
    zones: tuple[TravelZone, ...] = ()

    def zone_for(self, country_code: str, day: dt.date) -> TravelZone:
        """The enabled zone of `country_code` on `day`; ZoneNotEnabled / ZoneMissing otherwise."""
        code = country_code.strip().upper()
        found = [z for z in self.zones if z.country_code == code and z.valid_on(day)]
        enabled = [z for z in found if not z.is_disabled]
        if enabled:
            return min(enabled, key=lambda z: ((z.to_date - z.from_date).days, z.id))
        if found:
            raise ZoneNotEnabled(code, day)
        raise ZoneMissing(code, day)

    def foreign_per_diem(
        self,
        day: dt.date,
        kind: PerDiemKind,
        country_code: str,
        *,
        override_category_id: int | None = None,
    ) -> ZoneChoice:
        """The foreign per diem category for `kind` on `day`, the trip country's zone and that zone's rate."""
        category = self.per_diem_category(
            day, kind, is_foreign=True, override_category_id=override_category_id
        )
        zone = self.zone_for(country_code, day)
        in_zone = [r for r in self.rates if r.rate_category_id == category.id and rate_in_zone(r, zone)]
        if not in_zone:
            raise ZoneRateMissing(day, f"per_diem:{kind.value}", zone)
        return ZoneChoice(category, min(in_zone, key=lambda r: r.id), zone)

    def category_by_id(self, category_id: int) -> RateCategory | None:
        """A category by id, or None."""
        return next((c for c in self.categories if c.id == category_id), None)

    def per_diem_category(
        self,
        day: dt.date,
        kind: PerDiemKind,
        *,
        is_foreign: bool = False,
        override_category_id: int | None = None,
    ) -> RateCategory:
        """The per diem category for `kind` on `day` (an override id must be a per diem category valid then)."""
        if override_category_id is None:
            return choose_per_diem_category(self.categories, day, kind, is_foreign=is_foreign)
        category = self.category_by_id(override_category_id)
        if category is None or not category.valid_on(day) or category.type is not RateType.PER_DIEM:
            raise NoRateForDate(day, f"per_diem:override:{override_category_id}")
        return category

    def per_diem(
        self,
        day: dt.date,
        kind: PerDiemKind,
        *,
        is_foreign: bool = False,
        zone_id: int | None = None,
        override_category_id: int | None = None,
    ) -> RateChoice:
        """The per diem category + rate for `kind` on `day`."""
        category = self.per_diem_category(
            day, kind, is_foreign=is_foreign, override_category_id=override_category_id
        )
        return RateChoice(category, choose_rate(self.rates, category, day, zone_id=zone_id))

    def mileage(self, day: dt.date, kind: MileageKind = MileageKind.CAR) -> RateChoice:
        """The mileage category + rate on `day`."""
        category = choose_mileage_category(self.categories, day, kind)
        return RateChoice(category, choose_rate(self.rates, category, day))

    def passenger_supplement(self, day: dt.date) -> RateChoice:
        """The passenger supplement category + rate on `day`; NoPassengerRateForDate when there is none."""
        try:
            return self.mileage(day, MileageKind.PASSENGER)
        except NoRateForDate as exc:
            raise NoPassengerRateForDate(day) from exc

    def accommodation(self, day: dt.date, *, is_foreign: bool = False) -> RateChoice:
        """The night allowance category + rate on `day`."""
        category = choose_accommodation_category(self.categories, day, is_foreign=is_foreign)
        return RateChoice(category, choose_rate(self.rates, category, day))
