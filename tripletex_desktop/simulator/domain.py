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
        validation: Iterable[tuple[str, str] | tuple[str, str, int | None]] = (),
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
    found = value.get("id") if isinstance(value, dict) else None
    return found if isinstance(found, int) else None


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


#: What a line POST refuses when absent ("Kan ikke være null."): the `required` lists of Tripletex's own
#: swagger (2.54.8) — MileageAllowance[date, departureLocation, destination], Cost[amountCurrencyIncVat,
#: paymentType], PerDiemCompensation[location] — which public traces saw refused at POST. Everything else
#: about a line (its rate type, category, VAT, zone, amounts) is accepted at POST and judged at `:deliver`.
REQUIRED_AT_POST: dict[str, tuple[str, ...]] = {
    "mileageAllowance": ("date", "departureLocation", "destination"),
    "perDiemCompensation": ("location",),
    "accommodationAllowance": (),
    "cost": ("amountCurrencyIncVat", "paymentType"),
}
ONLY_TRAVEL_REPORTS = "Kun reiseregning, ikke ansattutlegg."
ONLY_COSTS_WITHOUT_RATES = "Kun kostnader kan registreres uten kompensasjon etter satser."


def prepare_line(
    kind: str, body: dict[str, Any], company: CompanyData, shared: dict[str, Table], report: Row
) -> Row:
    """Accept a new line for `report` as Tripletex does at POST and return it (without id).

    POST refuses only what public traces saw it refuse: a missing required field, an allowance on an
    employee expense, an allowance on a report that does not compensate from rates. A rate type that does
    not exist, a category that does not fit the trip, an inactive cost category or a VAT code the company
    may not use are stored as sent and refused by `:deliver` (see `deliver.py`). Rate and amount are filled
    in where the line allows it (the rate type's rate unless `rate` was sent).
    """
    errors = [(name, NOT_NULL) for name in REQUIRED_AT_POST[kind] if body.get(name) in (None, "")]
    row: Row = {k: v for k, v in body.items() if k not in ("id", "version", "url", "changes", "amount")}
    row["travelExpense"] = ref(report["id"])
    if kind == "cost":
        if errors:
            raise invalid(errors)
        return _prepare_cost(row, body, company, shared, report)
    details = report.get("travelDetails")
    if not details:
        errors.append(("travelExpense", ONLY_TRAVEL_REPORTS))
    elif not details.get("isCompensationFromRates"):
        errors.append(("travelExpense", ONLY_COSTS_WITHOUT_RATES))
    if errors:
        raise invalid(errors)
    rate = shared["rates"].get(ref_id(body.get("rateType")) or -1)
    if rate is not None:
        row["rateType"] = ref(rate["id"])
        row.setdefault("rateCategory", rate["rateCategory"])
    sent_rate = body.get("rate") if isinstance(body.get("rate"), int | float) else None
    rate_value = sent_rate if sent_rate is not None else (rate["rate"] if rate is not None else None)
    if rate_value is not None:
        row["rate"] = rate_value
    count = body.get("count") if isinstance(body.get("count"), int | float) else None
    if kind == "mileageAllowance":
        km = body.get("km") if isinstance(body.get("km"), int | float) else None
        row["amount"] = round(km * rate_value, 2) if km is not None and rate_value is not None else 0
        row.setdefault("isCompanyCar", False)
        row.setdefault("vehicleType", 0)
    elif kind == "perDiemCompensation":
        if count is not None and rate_value is not None:
            amount = count * rate_value
            for flag, key in (
                ("isDeductionForBreakfast", "breakfastDeductionRate"),
                ("isDeductionForLunch", "lunchDeductionRate"),
                ("isDeductionForDinner", "dinnerDeductionRate"),
            ):
                if body.get(flag) and rate is not None:
                    amount -= count * rate.get(key, 0)
        else:
            amount = body["amount"] if isinstance(body.get("amount"), int | float) else 0
        row["amount"] = round(amount, 2)
        row.setdefault("overnightAccommodation", "NONE")
        for flag in ("isDeductionForBreakfast", "isDeductionForLunch", "isDeductionForDinner"):
            row.setdefault(flag, False)
    else:
        row["amount"] = round(count * rate_value, 2) if count is not None and rate_value is not None else 0
    return row


ACCOMMODATION_TYPES = ("NONE", "HOTEL", "BOARDING_HOUSE_WITHOUT_COOKING", "BOARDING_HOUSE_WITH_COOKING")


def _prepare_cost(
    row: Row, body: dict[str, Any], company: CompanyData, shared: dict[str, Table], report: Row
) -> Row:
    # A foreign currency: `amountCurrencyIncVat` is in that currency; without `amountNOKInclVAT` the NOK amount
    # is computed from the currency's rate (per `factor` units), as Tripletex does from Norges Bank's rates.
    currency_id = ref_id(body.get("currency"))
    currency = shared["currencies"].get(currency_id) if currency_id is not None else None
    foreign = currency is not None and currency["code"] != "NOK"
    entered = body["amountCurrencyIncVat"] if isinstance(body.get("amountCurrencyIncVat"), int | float) else 0
    amount = body.get("amountNOKInclVAT")
    rate = 1.0
    if foreign:
        assert currency is not None
        rate = (currency_rate(currency["id"]) or 0.0) / currency["factor"]
    if not isinstance(amount, int | float):
        amount = round(entered * rate, 2)
    payment = company.payment_types.get(ref_id(body.get("paymentType")) or -1)
    row["amountNOKInclVAT"] = amount
    row.setdefault("amountCurrencyIncVat", amount)
    row.setdefault("date", report_date(report))
    row.setdefault("currency", ref(currency["id"] if currency else 1))
    row.setdefault("rate", round(rate, 6))
    row.setdefault("isChargeable", False)
    row["isPaidByEmployee"] = payment is not None and payment["description"] == "Privat utlegg"
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
