"""Travel expense rules: validation (Norwegian messages), amounts, states and the per-viewer `actions`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .seed import STATE_NAMES, currency_rate, ref
from .spec_schema import SCHEMAS
from .store import CompanyData, Row, Table

NOT_NULL = "Kan ikke være null."


class ApiFail(Exception):  # noqa: N818 - it is an answer, not a crash
    """An ApiError answer: HTTP status, Tripletex code, message and validation messages (field, message)."""

    def __init__(
        self,
        status: int,
        code: int,
        message: str,
        validation: Iterable[tuple[str, str]] = (),
        developer: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.validation = list(validation)
        self.developer = developer


def invalid(messages: list[tuple[str, str]], code: int = 15000) -> ApiFail:
    """422 "Validering feilet." with messages."""
    return ApiFail(422, code, "Validering feilet.", messages)


def forbidden(what: str = "Du har ikke tilgang til denne funksjonen.") -> ApiFail:
    """403/9000."""
    return ApiFail(403, 9000, what)


def not_found(what: str = "Objektet finnes ikke.") -> ApiFail:
    """404/6000."""
    return ApiFail(404, 6000, what)


@dataclass(frozen=True)
class LineKind:
    """One kind of travel expense line: its table, model, list field on the report and rate type."""

    table: str
    model: str
    report_field: str
    rate_type: str | None


LINE_KINDS = {
    "mileageAllowance": LineKind(
        "mileage_allowances", "MileageAllowance", "mileageAllowances", "MILEAGE_ALLOWANCE"
    ),
    "perDiemCompensation": LineKind(
        "per_diem_compensations", "PerDiemCompensation", "perDiemCompensations", "PER_DIEM"
    ),
    "accommodationAllowance": LineKind(
        "accommodation_allowances",
        "AccommodationAllowance",
        "accommodationAllowances",
        "ACCOMMODATION_ALLOWANCE",
    ),
    "cost": LineKind("costs", "Cost", "costs", None),
}


@dataclass
class Viewer:
    """Who looks: the token owner's employee id, the granted permission keys and the company's settings."""

    employee_id: int
    permissions: set[str] = field(default_factory=set)


def ref_id(value: Any) -> int | None:
    """The id in a reference body ({"id": n}), else None."""
    if isinstance(value, dict) and isinstance(value.get("id"), int):
        return value["id"]
    return None


def check_known_fields(body: Any, model: str, path: str = "") -> None:
    """422/16000 for a JSON object with a property the model does not have."""
    if not isinstance(body, dict):
        raise ApiFail(422, 16000, "Feil i forespørselen.", [(path or "body", "Forventet et JSON-objekt.")])
    props = SCHEMAS.get(model, {})
    unknown = [k for k in body if k not in props]
    if unknown:
        raise ApiFail(
            422, 16000, "Feil i forespørselen.", [(path + unknown[0], f"Ukjent felt: {unknown[0]}")]
        )


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def check_travel_details(details: Any) -> list[tuple[str, str]]:
    """Dates must parse and the return must not come before the departure."""
    if details is None:
        return []
    if not isinstance(details, dict):
        return [("travelDetails", "Ugyldig verdi.")]
    errors = []
    dep, ret = details.get("departureDate"), details.get("returnDate")
    for name, value in (("departureDate", dep), ("returnDate", ret)):
        if value is not None and _date(value) is None:
            errors.append((f"travelDetails.{name}", "Ugyldig dato."))
    if dep is None and ret is not None:
        errors.append(("travelDetails.departureDate", NOT_NULL))
    if not errors and dep and ret and _date(ret) < _date(dep):  # type: ignore[operator]
        errors.append(("travelDetails.returnDate", "Returdato kan ikke være før avreisedato."))
    if details.get("isDayTrip") and dep and ret and dep != ret and not errors:
        errors.append(("travelDetails.isDayTrip", "En dagsreise må ha samme avreise- og returdato."))
    return errors


def report_date(report: Row) -> str:
    """The date rate validity is checked against for lines without their own date."""
    details = report.get("travelDetails") or {}
    return details.get("departureDate") or report.get("date") or "1970-01-01"


def trip_period(report: Row) -> tuple[str, str]:
    """The trip's first and last day (the report date for both when there are no travel details)."""
    first = report_date(report)
    last = (report.get("travelDetails") or {}).get("returnDate") or first
    return first, max(first, last)


def prepare_line(
    kind: str, body: dict[str, Any], company: CompanyData, shared: dict[str, Table], report: Row
) -> Row:
    """Validate a new line for `report` and return it (without id) with rate and amount filled in."""
    spec = LINE_KINDS[kind]
    errors: list[tuple[str, str]] = []
    row: Row = {k: v for k, v in body.items() if k not in ("id", "version", "url", "changes", "amount")}
    row["travelExpense"] = ref(report["id"])
    if kind == "cost":
        return _prepare_cost(row, body, company, shared, report, errors)
    if kind == "perDiemCompensation" and not report.get("travelDetails"):
        raise invalid([("travelExpense", "Diett kan bare registreres på reiseregninger med reisedetaljer.")])
    # Mileage lines carry their own date. Per diem lines have none: a rate is accepted when its category is
    # valid on some day of the trip, so a trip across New Year can use both years' rates.
    day: Any = body.get("date") if kind == "mileageAllowance" else trip_period(report)
    if kind == "mileageAllowance":
        if body.get("date") is None:
            errors.append(("date", NOT_NULL))
        elif _date(body["date"]) is None:
            errors.append(("date", "Ugyldig dato."))
        if not isinstance(body.get("km"), int | float):
            errors.append(("km", NOT_NULL))
    elif not isinstance(body.get("count"), int):
        errors.append(("count", NOT_NULL))
    rate = _choose_rate(body, shared, spec.rate_type, day, errors)
    if kind == "perDiemCompensation" and rate is not None and not errors:
        errors += _per_diem_trip_errors(body, shared["rate_categories"][rate["rateCategory"]["id"]], report)
    if errors:
        raise invalid(errors)
    assert rate is not None
    row["rateType"] = ref(rate["id"])
    row["rateCategory"] = rate["rateCategory"]
    rate_value = body["rate"] if isinstance(body.get("rate"), int | float) else rate["rate"]
    row["rate"] = rate_value
    if kind == "mileageAllowance":
        row["amount"] = round(body["km"] * rate_value, 2)
        row.setdefault("isCompanyCar", False)
        row.setdefault("vehicleType", 0)
    elif kind == "perDiemCompensation":
        amount = body["count"] * rate_value
        if (report.get("travelDetails") or {}).get("isCompensationFromRates"):
            for flag, key in (
                ("isDeductionForBreakfast", "breakfastDeductionRate"),
                ("isDeductionForLunch", "lunchDeductionRate"),
                ("isDeductionForDinner", "dinnerDeductionRate"),
            ):
                if body.get(flag):
                    amount -= body["count"] * rate.get(key, 0)
        elif isinstance(body.get("amount"), int | float):
            amount = body["amount"]
        row["amount"] = round(amount, 2)
        row.setdefault("overnightAccommodation", "NONE")
        for flag in ("isDeductionForBreakfast", "isDeductionForLunch", "isDeductionForDinner"):
            row.setdefault(flag, False)
    else:
        row["amount"] = round(body["count"] * rate_value, 2)
    return row


ACCOMMODATION_TYPES = ("NONE", "HOTEL", "BOARDING_HOUSE_WITHOUT_COOKING", "BOARDING_HOUSE_WITH_COOKING")


def _per_diem_trip_errors(body: dict[str, Any], category: Row, report: Row) -> list[tuple[str, str]]:
    """The category's flags against the trip (day trip or not, domestic or foreign) and the accommodation."""
    details = report.get("travelDetails") or {}
    name = category["name"]
    errors: list[tuple[str, str]] = []
    day_trip, foreign = bool(details.get("isDayTrip")), bool(details.get("isForeignTravel"))
    if day_trip and not category.get("isValidDayTrip"):
        errors.append(("rateType", f"Satsen «{name}» kan ikke brukes på en dagsreise."))
    elif not day_trip and not category.get("isValidAccommodation"):
        errors.append(
            (
                "rateType",
                f"Satsen «{name}» gjelder dagsreiser og kan ikke brukes på en reise med overnatting.",
            )
        )
    if foreign and not category.get("isValidForeignTravel"):
        errors.append(
            ("rateType", f"Satsen «{name}» gjelder innenlandsreiser og kan ikke brukes på en utenlandsreise.")
        )
    elif not foreign and not category.get("isValidDomestic"):
        errors.append(
            ("rateType", f"Satsen «{name}» gjelder utenlandsreiser og kan ikke brukes på en innenlandsreise.")
        )
    accommodation = body.get("overnightAccommodation")
    if accommodation is not None and accommodation not in ACCOMMODATION_TYPES:
        errors.append(("overnightAccommodation", "Ugyldig verdi."))
    elif category.get("isRequiresOvernightAccommodation") and accommodation in (None, "NONE"):
        errors.append(("overnightAccommodation", f"Satsen «{name}» krever at overnattingstype er oppgitt."))
    return errors


def _choose_rate(
    body: dict[str, Any],
    shared: dict[str, Table],
    rate_type: str | None,
    day: Any,
    errors: list[tuple[str, str]],
) -> Row | None:
    rates, categories = shared["rates"], shared["rate_categories"]
    rate_id, category_id = ref_id(body.get("rateType")), ref_id(body.get("rateCategory"))
    rate: Row | None = None
    if rate_id is not None:
        rate = rates.get(rate_id)
        if rate is None:
            errors.append(("rateType", "Satsen finnes ikke."))
            return None
        if category_id is not None and rate["rateCategory"]["id"] != category_id:
            errors.append(("rateCategory", "Satskategorien stemmer ikke med satsen."))
            return None
    elif category_id is not None:
        if category_id not in categories:
            errors.append(("rateCategory", "Satskategorien finnes ikke."))
            return None
        zone = body.get("countryCode")
        candidates = [
            r
            for r in rates.values()
            if r["rateCategory"]["id"] == category_id and (zone is None or r.get("zone") in (None, zone))
        ]
        if not candidates:
            errors.append(("rateType", NOT_NULL))
            return None
        rate = candidates[0]
    else:
        errors.append(("rateType", NOT_NULL))
        return None
    category = categories[rate["rateCategory"]["id"]]
    if category["type"] != rate_type:
        errors.append(("rateType", f"Satsen gjelder {category['type']} og kan ikke brukes på denne linjen."))
    elif isinstance(day, str) and _date(day) and not category["fromDate"] <= day <= category["toDate"]:
        errors.append(
            (
                "rateType",
                f"Satsen «{category['name']}» er ikke gyldig på datoen {day} "
                f"(gyldig {category['fromDate']}–{category['toDate']}).",
            )
        )
    elif isinstance(day, tuple) and not (category["fromDate"] <= day[1] and day[0] <= category["toDate"]):
        errors.append(
            (
                "rateType",
                f"Satsen «{category['name']}» er ikke gyldig i reiseperioden "
                f"{day[0]}–{day[1]} (gyldig {category['fromDate']}–{category['toDate']}).",
            )
        )
    return rate


def _prepare_cost(
    row: Row,
    body: dict[str, Any],
    company: CompanyData,
    shared: dict[str, Table],
    report: Row,
    errors: list[tuple[str, str]],
) -> Row:
    for name, table in (("costCategory", company.cost_categories), ("paymentType", company.payment_types)):
        target = ref_id(body.get(name))
        if target is None:
            errors.append((name, NOT_NULL))
        elif target not in table:
            errors.append((name, "Objektet finnes ikke."))
        elif table[target].get("isInactive"):
            errors.append((name, f"«{table[target]['description']}» er inaktiv og kan ikke brukes."))
    # A foreign currency: `amountCurrencyIncVat` is in that currency; without `amountNOKInclVAT` the NOK amount
    # is computed from the currency's rate (per `factor` units), as Tripletex does from Norges Bank's rates.
    currency_id = ref_id(body.get("currency"))
    currency = shared["currencies"].get(currency_id) if currency_id is not None else None
    if body.get("currency") is not None and currency is None:
        errors.append(("currency", "Objektet finnes ikke."))
    foreign = currency is not None and currency["code"] != "NOK"
    amount = body.get("amountNOKInclVAT", None if foreign else body.get("amountCurrencyIncVat"))
    if not isinstance(body.get("amountCurrencyIncVat") if foreign else amount, int | float):
        errors.append(("amountCurrencyIncVat", NOT_NULL))
    if body.get("date") is not None and _date(body["date"]) is None:
        errors.append(("date", "Ugyldig dato."))
    if errors:
        raise invalid(errors)
    payment = company.payment_types[body["paymentType"]["id"]]
    rate = 1.0
    if foreign:
        assert currency is not None
        rate = (currency_rate(currency["id"]) or 0.0) / currency["factor"]
        if not isinstance(amount, int | float):
            amount = round(body["amountCurrencyIncVat"] * rate, 2)
    row["amountNOKInclVAT"] = amount
    row.setdefault("amountCurrencyIncVat", amount)
    row.setdefault("date", report_date(report))
    row.setdefault("currency", ref(currency["id"] if currency else 1))
    row.setdefault("rate", round(rate, 6))
    row.setdefault("isChargeable", False)
    row["isPaidByEmployee"] = payment["description"] == "Privat utlegg"
    return row


def line_amount(kind: str, row: Row) -> float:
    """What a line adds to the report's amount."""
    return float(row.get("amountNOKInclVAT", 0) if kind == "cost" else row.get("amount", 0))


def recompute(report: Row, company: CompanyData) -> Row:
    """The report with `amount`/`paymentAmount` summed from its lines."""
    total = 0.0
    for kind, spec in LINE_KINDS.items():
        table = company.table(spec.table)
        for line in report.get(spec.report_field, []):
            if line["id"] in table:
                total += line_amount(kind, table[line["id"]])
    total = round(total, 2)
    return {**report, "amount": total, "paymentAmount": total}


def has_lines(report: Row) -> bool:
    """Any cost, mileage, per diem or accommodation line."""
    return any(report.get(spec.report_field) for spec in LINE_KINDS.values())


def set_state(report: Row, state: str, actor: int, today: dt.date) -> Row:
    """The report moved to `state` by employee `actor`."""
    row = {
        **report,
        "state": state,
        "stateName": STATE_NAMES[state],
        "isCompleted": state != "OPEN",
        "isApproved": state == "APPROVED",
        "version": report.get("version", 0) + 1,
    }
    if state == "DELIVERED":
        row |= {"completedDate": today.isoformat(), "completedBy": ref(actor)}
    if state == "APPROVED":
        row |= {"approvedDate": today.isoformat(), "approvedBy": ref(actor)}
    if state == "OPEN":
        for key in ("completedDate", "completedBy", "approvedDate", "approvedBy"):
            row.pop(key, None)
    if state == "DELIVERED":
        for key in ("approvedDate", "approvedBy"):
            row.pop(key, None)
    return row


def may_approve(report: Row, viewer: Viewer, settings: Row) -> bool:
    """travel_all granted, and not the owner's own report unless the company allows that."""
    own = (report.get("employee") or {}).get("id") == viewer.employee_id
    return "travel_all" in viewer.permissions and (not own or bool(settings.get("canApproveOwnExpenses")))


def actions(report: Row, viewer: Viewer, settings: Row, base_url: str) -> list[dict[str, Any]]:
    """The `actions` Links the viewer may take on the report in its current state."""
    rid = report["id"]

    def link(rel: str, method: str = "PUT") -> dict[str, Any]:
        if rel == "DELETE":
            href = f"{base_url}/travelExpense/{rid}"
        else:
            href = f"{base_url}/travelExpense/:{rel.lower()}?id={rid}"
        return {"rel": rel, "type": method, "href": href, "id": rid}

    state = report.get("state")
    if state == "OPEN":
        return [link("DELIVER"), link("DELETE", "DELETE"), link("COPY")]
    if state == "DELIVERED":
        out = [link("UNDELIVER")]
        if may_approve(report, viewer, settings):
            out.append(link("APPROVE"))
        return out
    if state == "APPROVED" and "travel_all" in viewer.permissions:
        return [link("UNAPPROVE"), link("CREATE_VOUCHER")]
    return []
