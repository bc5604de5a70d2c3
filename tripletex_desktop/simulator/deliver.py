"""What `:deliver` and `:approve` refuse: the report and every line judged as a whole, as Tripletex does.

Tripletex validates a travel expense when it is completed, not when its lines are posted (changelog 2.10.1:
"Validation now only occurs when `isCompleted` is set to `true`"; 2.35.5: costs validated at `:deliver` and
`:approve`). Public traces saw these refusals at `:deliver`, each naming the line field:
`perDiemCompensations.rateType.id` («Sats eller satskategori må spesifiseres»), also for a per diem with only a
rate category; `costs.vatType.id` for a VAT-bearing cost in a company that is not VAT-registered;
`travelDetails.departureFrom`; cost category or payment type id 0; «Country not enabled for travel expense».
The other rules here are the simulator's own reading of the rate categories' flags (README: assumptions).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .domain import ACCOMMODATION_TYPES, LINE_KINDS, NOT_NULL, ref_id, trip_period
from .store import CompanyData, Row, Table

RATE_MISSING = "Sats eller satskategori må spesifiseres."
COUNTRY_NOT_ENABLED = "Country not enabled for travel expense"


@dataclass(frozen=True, slots=True)
class Problem:
    """One validation message: the field (`<line list>.<field path>`), the text and the line's id."""

    field: str
    message: str
    line_id: int | None = None


def deliver_problems(report: Row, company: CompanyData, shared: dict[str, Table]) -> list[Problem]:
    """Everything that stops `report` from being delivered (or approved); empty when it may be."""
    problems: list[Problem] = []
    details = report.get("travelDetails") or {}
    if details and not str(details.get("departureFrom") or "").strip():
        problems.append(Problem("travelDetails.departureFrom", NOT_NULL))
    for kind, spec in LINE_KINDS.items():
        table = company.table(spec.table)
        for link in report.get(spec.report_field, []):
            row = table.get(link["id"])
            if row is None:
                continue
            if kind == "cost":
                found = _cost_problems(row, company, shared)
            else:
                found = _allowance_problems(kind, row, report, shared)
            problems += [Problem(f"{spec.report_field}.{name}", text, row["id"]) for name, text in found]
    return problems


def _allowance_problems(kind: str, row: Row, report: Row, shared: dict[str, Table]) -> list[tuple[str, str]]:
    spec = LINE_KINDS[kind]
    errors: list[tuple[str, str]] = []
    if kind == "mileageAllowance":
        day: str | tuple[str, str] = row.get("date") or trip_period(report)[0]
        if not isinstance(row.get("km"), int | float):
            errors.append(("km", NOT_NULL))
    else:
        # Per diem and accommodation lines have no date: a rate is accepted when its category is valid on
        # some day of the trip, so a trip across New Year can use both years' rates.
        day = trip_period(report)
        if not isinstance(row.get("count"), int):
            errors.append(("count", NOT_NULL))
    rate = _rate_problems(row, shared, spec.rate_type, day, errors)
    if kind == "perDiemCompensation" and rate is not None:
        category = shared["rate_categories"][rate["rateCategory"]["id"]]
        errors += _per_diem_trip_problems(row, category, report)
        if not errors and category.get("isRequiresZone"):
            errors += _zone_problems(row, rate, report, shared)
    return errors


def _rate_problems(
    row: Row,
    shared: dict[str, Table],
    rate_type: str | None,
    day: str | tuple[str, str],
    errors: list[tuple[str, str]],
) -> Row | None:
    rate_id = ref_id(row.get("rateType"))
    if rate_id is None:  # a rate category alone is not enough (sandbox, 2026-03-22)
        errors.append(("rateType.id", RATE_MISSING))
        return None
    rate = shared["rates"].get(rate_id)
    if rate is None:
        errors.append(("rateType.id", "Satsen finnes ikke."))
        return None
    category = shared["rate_categories"][rate["rateCategory"]["id"]]
    sent_category = ref_id(row.get("rateCategory"))
    if sent_category is not None and sent_category != category["id"]:
        errors.append(("rateCategory.id", "Satskategorien stemmer ikke med satsen."))
        return None
    name, first, last = category["name"], category["fromDate"], category["toDate"]
    if category["type"] != rate_type:
        errors.append(
            ("rateType.id", f"Satsen gjelder {category['type']} og kan ikke brukes på denne linjen.")
        )
        return None
    if isinstance(day, str) and not first <= day <= last:
        errors.append(
            ("rateType.id", f"Satsen «{name}» er ikke gyldig på datoen {day} (gyldig {first}–{last}).")
        )
        return None
    if isinstance(day, tuple) and not (first <= day[1] and day[0] <= last):
        errors.append(
            (
                "rateType.id",
                f"Satsen «{name}» er ikke gyldig i reiseperioden {day[0]}–{day[1]} (gyldig {first}–{last}).",
            )
        )
        return None
    return rate


def _per_diem_trip_problems(row: Row, category: Row, report: Row) -> list[tuple[str, str]]:
    """The category's flags against the trip (day trip or not, domestic or foreign) and the accommodation."""
    details = report.get("travelDetails") or {}
    name = category["name"]
    errors: list[tuple[str, str]] = []
    day_trip, foreign = bool(details.get("isDayTrip")), bool(details.get("isForeignTravel"))
    if day_trip and not category.get("isValidDayTrip"):
        errors.append(("rateType.id", f"Satsen «{name}» kan ikke brukes på en dagsreise."))
    elif not day_trip and not category.get("isValidAccommodation"):
        errors.append(
            (
                "rateType.id",
                f"Satsen «{name}» gjelder dagsreiser og kan ikke brukes på en reise med overnatting.",
            )
        )
    if foreign and not category.get("isValidForeignTravel"):
        errors.append(
            (
                "rateType.id",
                f"Satsen «{name}» gjelder innenlandsreiser og kan ikke brukes på en utenlandsreise.",
            )
        )
    elif not foreign and not category.get("isValidDomestic"):
        errors.append(
            (
                "rateType.id",
                f"Satsen «{name}» gjelder utenlandsreiser og kan ikke brukes på en innenlandsreise.",
            )
        )
    accommodation = row.get("overnightAccommodation")
    if accommodation is not None and accommodation not in ACCOMMODATION_TYPES:
        errors.append(("overnightAccommodation", "Ugyldig verdi."))
    elif category.get("isRequiresOvernightAccommodation") and accommodation in (None, "NONE"):
        errors.append(("overnightAccommodation", f"Satsen «{name}» krever at overnattingstype er oppgitt."))
    return errors


def _zone_problems(row: Row, rate: Row, report: Row, shared: dict[str, Table]) -> list[tuple[str, str]]:
    """A zoned (foreign) rate needs an enabled zone, by `travelExpenseZoneId` or by `countryCode`."""
    zones = shared["zones"]
    first = trip_period(report)[0]
    zone_id = row.get("travelExpenseZoneId")
    if isinstance(zone_id, int):
        zone = zones.get(zone_id)
        if zone is None:
            return [("travelExpenseZoneId", "Sonen finnes ikke.")]
    elif row.get("countryCode"):
        code = str(row["countryCode"]).upper()
        zone = next(
            (z for z in zones.values() if z["countryCode"] == code and z["fromDate"] <= first <= z["toDate"]),
            None,
        )
        if zone is None:
            return [("countryCode", COUNTRY_NOT_ENABLED)]
    else:
        return [("countryCode", "Land eller sone må oppgis for diett på utenlandsreise.")]
    if zone.get("isDisabled"):
        return [("travelExpenseZoneId" if isinstance(zone_id, int) else "countryCode", COUNTRY_NOT_ENABLED)]
    if rate.get("zone") and rate["zone"] != zone["countryCode"]:
        return [("rateType.id", f"Satsen gjelder ikke sonen «{zone['zoneName']}».")]
    return []


def _cost_problems(row: Row, company: CompanyData, shared: dict[str, Table]) -> list[tuple[str, str]]:
    errors: list[tuple[str, str]] = []
    found: dict[str, Row] = {}
    for name, table in (("costCategory", company.cost_categories), ("paymentType", company.payment_types)):
        target = ref_id(row.get(name))
        if target is None:
            errors.append((f"{name}.id", NOT_NULL))
        elif target not in table:
            errors.append((f"{name}.id", "Objektet finnes ikke."))
        elif table[target].get("isInactive"):
            errors.append((f"{name}.id", f"«{table[target]['description']}» er inaktiv og kan ikke brukes."))
        else:
            found[name] = table[target]
    currency_id = ref_id(row.get("currency"))
    if currency_id is not None and currency_id not in shared["currencies"]:
        errors.append(("currency.id", "Objektet finnes ikke."))
    if row.get("date") is not None and _date(row["date"]) is None:
        errors.append(("date", "Ugyldig dato."))
    errors += _vat_problems(row, found.get("costCategory"), company, shared)
    return errors


def _vat_problems(
    row: Row, category: Row | None, company: CompanyData, shared: dict[str, Table]
) -> list[tuple[str, str]]:
    """The cost's VAT code (its own, else the category's) against the company's VAT registration."""
    vat_types = shared["vat_types"]
    sent = ref_id(row.get("vatType"))
    if sent is not None and sent not in vat_types:
        return [("vatType.id", "Mva-koden finnes ikke.")]
    effective = sent if sent is not None else ref_id((category or {}).get("vatType"))
    status = company.vat_settings.get("vatRegistrationStatus", "VAT_REGISTERED")
    vat = vat_types.get(effective) if effective is not None else None
    if status == "VAT_NOT_REGISTERED" and vat is not None and vat.get("percentage", 0) > 0:
        return [
            (
                "vatType.id",
                f"Selskapet er ikke mva-registrert og kan ikke bruke mva-koden «{vat['displayName']}».",
            )
        ]
    if (
        status == "VAT_REGISTERED"
        and category is not None
        and category.get("isVatLocked")
        and sent is not None
        and sent != ref_id(category.get("vatType"))
    ):
        return [("vatType.id", f"Mva-koden er låst for «{category['description']}».")]
    return []


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
