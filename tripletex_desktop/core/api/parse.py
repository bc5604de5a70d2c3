"""Turn Tripletex JSON objects into the shared core.models dataclasses (tolerant of filtered fields)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tripletex_desktop.core.models import (
    ClientCompany,
    CostCategory,
    Department,
    Employee,
    PaymentType,
    Project,
    Rate,
    RateCategory,
    RateType,
    TravelExpenseSettings,
    TravelZone,
    VatSettings,
    VatStatus,
    WhoAmI,
)

Json = dict[str, Any]

# The `fields` each typed read asks for: only what the parse functions below use.
EMPLOYEE_FIELDS = (
    "id,version,firstName,lastName,employeeNumber,email,department(id),allowInformationRegistration"
)
PROJECT_FIELDS = "id,version,name,number,isClosed,department(id),projectManager(id)"
DEPARTMENT_FIELDS = "id,version,name,departmentNumber,isInactive"
COST_CATEGORY_FIELDS = (
    "id,version,description,displayName,account(number),isInactive,showOnTravelExpenses,"
    "showOnEmployeeExpenses,sequence,vatType(id),isVatLocked"
)
PAYMENT_TYPE_FIELDS = (
    "id,version,description,displayName,isInactive,showOnTravelExpenses,showOnEmployeeExpenses"
)
RATE_CATEGORY_FIELDS = (
    "id,name,type,fromDate,toDate,isValidDayTrip,isValidAccommodation,isValidDomestic,"
    "isValidForeignTravel,isRequiresZone,isRequiresOvernightAccommodation"
)
RATE_FIELDS = "id,rateCategory(id),zone,rate,breakfastDeductionRate,lunchDeductionRate,dinnerDeductionRate"
ZONE_FIELDS = "id,countryCode,zoneName,isDisabled,fromDate,toDate,currencyId"
VAT_SETTINGS_FIELDS = "vatRegistrationStatus"
SETTINGS_FIELDS = (
    "useRates,approvalRequired,perDiemNotCompensated,mileageNotCompensated,"
    "accommodationNotCompensated,canApproveOwnExpenses"
)
WHOAMI_FIELDS = (
    "employeeId,companyId,language,employeeIsProxy,employee(id,firstName,lastName),"
    "company(id,name,organizationNumber)"
)
CLIENT_FIELDS = "id,name,organizationNumber,type"


def ref_id(obj: Any) -> int | None:
    """The `id` of a nested reference such as `{"id": 5, "url": ...}`, or None."""
    if isinstance(obj, dict):
        value = obj.get("id")
        return int(value) if isinstance(value, int) else None
    return None


def parse_date(value: Any) -> dt.date | None:
    """A `YYYY-MM-DD` string (or the date part of a date-time) as a date."""
    if not value or not isinstance(value, str):
        return None
    return dt.date.fromisoformat(value[:10])


def _str(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def _name(first: Any, last: Any) -> str:
    return f"{first or ''} {last or ''}".strip()


def who_am_i(value: Json) -> WhoAmI:
    """`LoggedInUserInfo` → WhoAmI."""
    employee = value.get("employee") or {}
    company = value.get("company") or {}
    return WhoAmI(
        employee_id=int(value.get("employeeId") or employee.get("id") or 0),
        employee_name=_name(employee.get("firstName"), employee.get("lastName")),
        company_id=int(value.get("companyId") or company.get("id") or 0),
        company_name=str(company.get("name") or ""),
        organization_number=_str(company.get("organizationNumber")),
        language=_str(value.get("language")),
        is_proxy=bool(value.get("employeeIsProxy", False)),
    )


def client_company(value: Json) -> ClientCompany:
    """`Client` (from `/company/>withLoginAccess`) → ClientCompany."""
    return ClientCompany(
        id=int(value["id"]),
        name=str(value.get("name") or value.get("displayName") or ""),
        organization_number=_str(value.get("organizationNumber")),
        company_type=_str(value.get("type")),
    )


def employee(value: Json) -> Employee:
    """`Employee` → Employee."""
    return Employee(
        id=int(value["id"]),
        first_name=str(value.get("firstName") or ""),
        last_name=str(value.get("lastName") or ""),
        employee_number=_str(value.get("employeeNumber")),
        email=_str(value.get("email")),
        department_id=ref_id(value.get("department")),
        version=value.get("version"),
        # absent (an older answer, or a field Tripletex leaves out) means allowed, as for everyone so far
        allow_information_registration=value.get("allowInformationRegistration") is not False,
    )


def project(value: Json) -> Project:
    """`Project` → Project."""
    return Project(
        id=int(value["id"]),
        name=str(value.get("name") or ""),
        number=_str(value.get("number")),
        is_closed=bool(value.get("isClosed", False)),
        department_id=ref_id(value.get("department")),
        project_manager_id=ref_id(value.get("projectManager")),
        version=value.get("version"),
    )


def department(value: Json) -> Department:
    """`Department` → Department."""
    return Department(
        id=int(value["id"]),
        name=str(value.get("name") or ""),
        department_number=_str(value.get("departmentNumber")),
        is_inactive=bool(value.get("isInactive", False)),
        version=value.get("version"),
    )


def cost_category(value: Json) -> CostCategory:
    """`TravelCostCategory` → CostCategory."""
    account = value.get("account") or {}
    number = account.get("number") if isinstance(account, dict) else None
    return CostCategory(
        id=int(value["id"]),
        description=str(value.get("description") or ""),
        display_name=_str(value.get("displayName")),
        account_number=int(number) if isinstance(number, int) else None,
        is_inactive=bool(value.get("isInactive", False)),
        show_on_travel_expenses=bool(value.get("showOnTravelExpenses", True)),
        show_on_employee_expenses=bool(value.get("showOnEmployeeExpenses", True)),
        sequence=value.get("sequence"),
        version=value.get("version"),
        vat_type_id=ref_id(value.get("vatType")),
        is_vat_locked=bool(value.get("isVatLocked", False)),
    )


def payment_type(value: Json) -> PaymentType:
    """`TravelPaymentType` → PaymentType."""
    return PaymentType(
        id=int(value["id"]),
        description=str(value.get("description") or ""),
        display_name=_str(value.get("displayName")),
        is_inactive=bool(value.get("isInactive", False)),
        show_on_travel_expenses=bool(value.get("showOnTravelExpenses", True)),
        show_on_employee_expenses=bool(value.get("showOnEmployeeExpenses", True)),
        version=value.get("version"),
    )


def rate_category(value: Json) -> RateCategory:
    """`TravelExpenseRateCategory` → RateCategory (an open end date means "still valid")."""
    return RateCategory(
        id=int(value["id"]),
        name=str(value.get("name") or ""),
        type=RateType(value["type"]),
        from_date=parse_date(value.get("fromDate")) or dt.date.min,
        to_date=parse_date(value.get("toDate")) or dt.date.max,
        is_valid_day_trip=bool(value.get("isValidDayTrip", False)),
        is_valid_accommodation=bool(value.get("isValidAccommodation", False)),
        is_valid_domestic=bool(value.get("isValidDomestic", False)),
        is_valid_foreign_travel=bool(value.get("isValidForeignTravel", False)),
        is_requires_zone=bool(value.get("isRequiresZone", False)),
        is_requires_overnight_accommodation=bool(value.get("isRequiresOvernightAccommodation", False)),
    )


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def rate(value: Json) -> Rate:
    """`TravelExpenseRate` → Rate (`zone` is a string in the spec; kept when it is numeric)."""
    zone = value.get("zone")
    zone_id = int(zone) if isinstance(zone, int) or (isinstance(zone, str) and zone.isdigit()) else None
    return Rate(
        id=int(value["id"]),
        rate_category_id=ref_id(value.get("rateCategory")) or 0,
        rate=float(value.get("rate") or 0.0),
        zone_id=zone_id,
        breakfast_deduction=_float(value.get("breakfastDeductionRate")),
        lunch_deduction=_float(value.get("lunchDeductionRate")),
        dinner_deduction=_float(value.get("dinnerDeductionRate")),
        zone=_str(zone),
    )


def zone(value: Json) -> TravelZone:
    """`TravelExpenseZone` → TravelZone (an open end date means "still valid")."""
    return TravelZone(
        id=int(value["id"]),
        country_code=str(value.get("countryCode") or "").upper(),
        name=str(value.get("zoneName") or ""),
        is_disabled=bool(value.get("isDisabled", False)),
        from_date=parse_date(value.get("fromDate")) or dt.date.min,
        to_date=parse_date(value.get("toDate")) or dt.date.max,
        currency_id=value.get("currencyId") if isinstance(value.get("currencyId"), int) else None,
    )


def vat_settings(value: Json) -> VatSettings | None:
    """`VatSettings` → VatSettings; None when the status is missing or one this app does not know."""
    try:
        return VatSettings(VatStatus(str(value.get("vatRegistrationStatus"))))
    except ValueError:
        return None


def travel_expense_settings(value: Json) -> TravelExpenseSettings:
    """`TravelExpenseSettings` → TravelExpenseSettings."""
    return TravelExpenseSettings(
        use_rates=bool(value.get("useRates", True)),
        approval_required=bool(value.get("approvalRequired", False)),
        per_diem_not_compensated=bool(value.get("perDiemNotCompensated", False)),
        mileage_not_compensated=bool(value.get("mileageNotCompensated", False)),
        accommodation_not_compensated=bool(value.get("accommodationNotCompensated", False)),
        can_approve_own_expenses=bool(value.get("canApproveOwnExpenses", False)),
    )
