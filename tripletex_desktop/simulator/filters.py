"""Query filters of the list endpoints: one factory per parameter, per table (names from the spec)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .domain import ApiFail
from .store import Row

Pred = Callable[[Row], bool]
FilterFactory = Callable[[str], Pred]


def _get(row: Row, path: str) -> Any:
    value: Any = row
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _bad_filter(name: str, value: str) -> ApiFail:
    return ApiFail(400, 11000, f"Ugyldig filter: {name}={value}")


def f_ids(path: str) -> FilterFactory:
    """Comma-separated ids; the row's value at `path` is one of them."""

    def make(value: str) -> Pred:
        try:
            wanted = {int(v) for v in value.split(",") if v.strip()}
        except ValueError as exc:
            raise _bad_filter(path, value) from exc
        return lambda row: _get(row, path) in wanted

    return make


def f_eq(path: str) -> FilterFactory:
    """Equals (comma list allowed)."""

    def make(value: str) -> Pred:
        wanted = set(value.split(","))
        return lambda row: str(_get(row, path)) in wanted

    return make


def f_bool(path: str) -> FilterFactory:
    """true/false."""

    def make(value: str) -> Pred:
        if value not in ("true", "false"):
            raise _bad_filter(path, value)
        return lambda row: bool(_get(row, path)) == (value == "true")

    return make


def f_contains(*paths: str) -> FilterFactory:
    """Case-insensitive substring in any of `paths`."""
    return lambda value: lambda row: any(value.lower() in str(_get(row, p) or "").lower() for p in paths)


def f_cmp(path: str, op: str) -> FilterFactory:
    """Compare (dates as ISO strings, numbers as floats): op in >=, <, <=."""

    def make(value: str) -> Pred:
        def key(v: Any) -> Any:
            return (
                float(v) if isinstance(v, int | float) or re.fullmatch(r"-?\d+(\.\d+)?", str(v)) else str(v)
            )

        target = key(value)

        def pred(row: Row) -> bool:
            got = _get(row, path)
            if got is None:
                return False
            got = key(got)
            if type(got) is not type(target):
                return False
            return bool(got >= target if op == ">=" else got < target if op == "<" else got <= target)

        return pred

    return make


RATE_FLAG_FILTERS: dict[str, FilterFactory] = {
    "isValidDayTrip": f_bool("_cat.isValidDayTrip"),
    "isValidAccommodation": f_bool("_cat.isValidAccommodation"),
    "isValidDomestic": f_bool("_cat.isValidDomestic"),
    "isValidForeignTravel": f_bool("_cat.isValidForeignTravel"),
    "requiresZone": f_bool("_cat.isRequiresZone"),
    "isRequiresOvernightAccommodation": f_bool("_cat.isRequiresOvernightAccommodation"),
    "requiresOvernightAccommodation": f_bool("_cat.isRequiresOvernightAccommodation"),
    "type": f_eq("_cat.type"),
    "dateFrom": f_cmp("_cat.toDate", ">="),
    "dateTo": f_cmp("_cat.fromDate", "<"),
}
LINE_FILTERS: dict[str, FilterFactory] = {
    "travelExpenseId": f_ids("travelExpense.id"),
    "rateTypeId": f_ids("rateType.id"),
    "rateCategoryId": f_ids("rateCategory.id"),
    "rateFrom": f_cmp("rate", ">="),
    "rateTo": f_cmp("rate", "<"),
    "amountFrom": f_cmp("amount", ">="),
    "amountTo": f_cmp("amount", "<"),
    "countFrom": f_cmp("count", ">="),
    "countTo": f_cmp("count", "<"),
    "location": f_contains("location"),
    "address": f_contains("address"),
}
FILTERS: dict[str, dict[str, FilterFactory]] = {
    "employees": {
        "id": f_ids("id"),
        "firstName": f_contains("firstName"),
        "lastName": f_contains("lastName"),
        "employeeNumber": f_eq("employeeNumber"),
        "email": f_contains("email"),
        "departmentId": f_ids("department.id"),
        "allowInformationRegistration": f_bool("allowInformationRegistration"),
    },
    "projects": {
        "id": f_ids("id"),
        "name": f_contains("name"),
        "number": f_eq("number"),
        "projectManagerId": f_ids("projectManager.id"),
        "departmentId": f_ids("department.id"),
        "isClosed": f_bool("isClosed"),
        "isOffer": f_bool("isOffer"),
        "isFixedPrice": f_bool("isFixedPrice"),
        "startDateFrom": f_cmp("startDate", ">="),
        "startDateTo": f_cmp("startDate", "<"),
        "endDateFrom": f_cmp("endDate", ">="),
        "endDateTo": f_cmp("endDate", "<"),
    },
    "departments": {
        "id": f_ids("id"),
        "name": f_contains("name"),
        "departmentNumber": f_eq("departmentNumber"),
        "departmentManagerId": f_ids("departmentManager.id"),
        "isInactive": f_bool("isInactive"),
    },
    "cost_categories": {
        "id": f_ids("id"),
        "description": f_contains("description"),
        "isInactive": f_bool("isInactive"),
        "showOnEmployeeExpenses": f_bool("showOnEmployeeExpenses"),
        "query": f_contains("description", "displayName"),
    },
    "rate_categories": {
        "type": f_eq("type"),
        "name": f_contains("name"),
        "isValidDayTrip": f_bool("isValidDayTrip"),
        "isValidAccommodation": f_bool("isValidAccommodation"),
        "isValidDomestic": f_bool("isValidDomestic"),
        "requiresZone": f_bool("isRequiresZone"),
        "isRequiresOvernightAccommodation": f_bool("isRequiresOvernightAccommodation"),
        "dateFrom": f_cmp("toDate", ">="),
        "dateTo": f_cmp("fromDate", "<"),
    },
    "rates": {"rateCategoryId": f_ids("rateCategory.id"), **RATE_FLAG_FILTERS},
    "zones": {
        "id": f_ids("id"),
        "code": f_eq("countryCode"),
        "isDisabled": f_bool("isDisabled"),
        "query": f_contains("zoneName", "countryCode"),
        "date": lambda v: lambda row: row["fromDate"] <= v <= row["toDate"],
    },
    "travel_expenses": {
        "employeeId": f_ids("employee.id"),
        "departmentId": f_ids("department.id"),
        "projectId": f_ids("project.id"),
        "departureDateFrom": f_cmp("_departure", ">="),
        "returnDateTo": f_cmp("_return", "<"),
        "state": lambda v: lambda row: v == "ALL" or row["state"] in v.split(","),
    },
    "mileage_allowances": {
        **LINE_FILTERS,
        "kmFrom": f_cmp("km", ">="),
        "kmTo": f_cmp("km", "<"),
        "departureLocation": f_contains("departureLocation"),
        "destination": f_contains("destination"),
        "dateFrom": f_cmp("date", ">="),
        "dateTo": f_cmp("date", "<"),
        "isCompanyCar": f_bool("isCompanyCar"),
    },
    "per_diem_compensations": {
        **LINE_FILTERS,
        "overnightAccommodation": f_eq("overnightAccommodation"),
        "isDeductionForBreakfast": f_bool("isDeductionForBreakfast"),
        "isLunchDeduction": f_bool("isDeductionForLunch"),
        "isDinnerDeduction": f_bool("isDeductionForDinner"),
    },
    "costs": {
        "travelExpenseId": f_ids("travelExpense.id"),
        "vatTypeId": f_ids("vatType.id"),
        "currencyId": f_ids("currency.id"),
        "rateFrom": f_cmp("rate", ">="),
        "rateTo": f_cmp("rate", "<"),
        "amountFrom": f_cmp("amountNOKInclVAT", ">="),
        "amountTo": f_cmp("amountNOKInclVAT", "<"),
    },
    "accommodation_allowances": LINE_FILTERS,
    "currencies": {"id": f_ids("id"), "code": f_eq("code")},
    "vat_types": {"id": f_ids("id"), "number": f_eq("number")},
}
FILTERS["payment_types"] = FILTERS["cost_categories"]
