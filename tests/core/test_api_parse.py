"""Parsing Tripletex JSON into core.models, including answers with fields filtered away."""

from __future__ import annotations

import datetime as dt

from tripletex_desktop.core.api import parse
from tripletex_desktop.core.models import RateType


def test_who_am_i_from_expanded_and_bare_answers():
    who = parse.who_am_i(
        {
            "employeeId": 7,
            "companyId": 42,
            "employee": {"firstName": "Siri", "lastName": "Tall"},
            "company": {"name": "Tallknuser Regnskap AS", "organizationNumber": "912345678"},
            "employeeIsProxy": True,
            "language": "NO",
        }
    )
    assert (who.employee_id, who.employee_name, who.company_id, who.company_name) == (
        7,
        "Siri Tall",
        42,
        "Tallknuser Regnskap AS",
    )
    assert who.organization_number == "912345678" and who.is_proxy
    bare = parse.who_am_i({"employeeId": 7, "companyId": 42})
    assert bare.employee_name == "" and bare.company_name == "" and not bare.is_proxy


def test_allow_information_registration_is_read_and_absent_means_allowed():
    assert parse.employee({"id": 5}).allow_information_registration is True
    assert parse.employee({"id": 5, "allowInformationRegistration": True}).allow_information_registration
    assert not parse.employee({"id": 5, "allowInformationRegistration": False}).allow_information_registration
    assert "allowInformationRegistration" in parse.EMPLOYEE_FIELDS.split(",")


def test_employee_with_filtered_fields():
    emp = parse.employee({"id": 5, "firstName": "Ola"})
    assert (emp.id, emp.first_name, emp.last_name, emp.email, emp.department_id) == (5, "Ola", "", None, None)
    full = parse.employee(
        {
            "id": 6,
            "firstName": "A",
            "lastName": "B",
            "employeeNumber": "12",
            "department": {"id": 3},
            "version": 2,
        }
    )
    assert (full.employee_number, full.department_id, full.version) == ("12", 3, 2)


def test_rate_category_open_end_and_rate_zone():
    cat = parse.rate_category({"id": 1, "name": "Bil", "type": "MILEAGE_ALLOWANCE", "fromDate": "2026-01-01"})
    assert cat.type is RateType.MILEAGE_ALLOWANCE
    assert cat.valid_on(dt.date(2030, 5, 1)) and not cat.valid_on(dt.date(2025, 12, 31))
    rate = parse.rate(
        {"id": 9, "rateCategory": {"id": 1}, "rate": 4.5, "zone": "12", "breakfastDeductionRate": 20}
    )
    assert (rate.rate_category_id, rate.rate, rate.zone_id, rate.breakfast_deduction) == (1, 4.5, 12, 20.0)
    assert parse.rate({"id": 9, "rateCategory": {"id": 1}, "rate": 1, "zone": "SE"}).zone_id is None


def test_cost_category_account_number_and_label():
    cat = parse.cost_category({"id": 3, "description": "Kilometergodtgjørelse", "account": {"number": 7130}})
    assert cat.account_number == 7130 and cat.label == "Kilometergodtgjørelse" and cat.show_on_travel_expenses
    assert parse.cost_category({"id": 3, "description": "x", "displayName": "7130 x"}).label == "7130 x"


def test_settings_defaults_when_fields_are_missing():
    settings = parse.travel_expense_settings({"mileageNotCompensated": True})
    assert settings.mileage_not_compensated and settings.use_rates and not settings.approval_required


def test_requested_fields_name_only_what_the_parsers_use():
    assert parse.EMPLOYEE_FIELDS.split(",")[0] == "id" and "*" not in parse.EMPLOYEE_FIELDS
    assert "name" not in parse.COST_CATEGORY_FIELDS.split(",")  # TravelCostCategory has no `name`
