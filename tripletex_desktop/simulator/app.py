"""The simulator: a WSGI app answering like Tripletex API v2 (sessions, permissions, lists, travel writes)."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import logging
import re
import secrets
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote
from zoneinfo import ZoneInfo

import httpx

from . import fields as flds
from . import persist
from .domain import (
    LINE_KINDS,
    NOT_NULL,
    ApiFail,
    Viewer,
    actions,
    check_known_fields,
    check_travel_details,
    forbidden,
    has_lines,
    invalid,
    may_approve,
    not_found,
    prepare_line,
    recompute,
    ref_id,
    set_state,
)
from .faults import ConnectionDropped, Faults
from .seed import (
    COMPANIES,
    ENTITLEMENTS,
    PERMISSION_KEYS,
    Ids,
    Scale,
    TokenInfo,
    build_company,
    build_shared,
    currency_rate,
    ref,
    scale_company,
    travel_expense_row,
)
from .store import CompanyData, Row, Table

log = logging.getLogger(__name__)

DEMO_CONSUMER_TOKEN = "demo-consumer"
DEMO_BASE_URL = "http://simulator.tripletex-desktop.invalid/v2"
DEMO_TOKENS: dict[str, str] = {
    "demo-all": "Kari Nordmann, Fjordlys Reiser AS (AS): all permissions",
    "demo-limited": "Ola Hansen, Fjordlys Reiser AS: travel_all, project_settings and employee_read missing",
    "demo-enk": "Per Hansen, Hansen Rørlegger (ENK, one employee): all permissions",
    "demo-accountant": "Siri Tall, Tallknuser Regnskap AS (accounting office): 3 clients, all permissions",
    "demo-expired": "An expired token of Kari Nordmann: session creation fails with 401",
    "test-demo": "A test-environment token: session creation here fails with 422 (wrong environment)",
}
OSLO = ZoneInfo("Europe/Oslo")
MODEL_PATHS = {
    "Employee": "employee",
    "Project": "project",
    "Department": "department",
    "Company": "company",
    "TravelExpense": "travelExpense",
    "MileageAllowance": "travelExpense/mileageAllowance",
    "PerDiemCompensation": "travelExpense/perDiemCompensation",
    "Cost": "travelExpense/cost",
    "AccommodationAllowance": "travelExpense/accommodationAllowance",
    "TravelCostCategory": "travelExpense/costCategory",
    "TravelPaymentType": "travelExpense/paymentType",
    "TravelExpenseRateCategory": "travelExpense/rateCategory",
    "TravelExpenseRate": "travelExpense/rate",
    "TravelExpenseZone": "travelExpense/zone",
    "SessionToken": "token/session",
    "Account": "ledger/account",
    "ConsumerToken": "token/consumer",
    "EmployeeToken": "token/employee",
    "Document": "document",
    "TravelExpenseSettings": "travelExpense/settings",
    "Entitlement": "employee/entitlement",
    "Currency": "currency",
}
MODEL_TABLES = {
    "Employee": "employees",
    "Project": "projects",
    "Department": "departments",
    "TravelExpense": "travel_expenses",
    "MileageAllowance": "mileage_allowances",
    "PerDiemCompensation": "per_diem_compensations",
    "Cost": "costs",
    "AccommodationAllowance": "accommodation_allowances",
    "TravelCostCategory": "cost_categories",
    "TravelPaymentType": "payment_types",
    "Account": "accounts",
    "Document": "attachments",
}
SHARED_MODELS = {
    "TravelExpenseRateCategory": "rate_categories",
    "TravelExpenseRate": "rates",
    "TravelExpenseZone": "zones",
    "Currency": "currencies",
}
ACCOUNTANT_ROOT_ROUTES = {"GET /token/session/>whoAmI", "GET /company/>withLoginAccess"}


@dataclass
class LoggedRequest:
    """One request as the simulator saw it (tokens in paths and queries are masked)."""

    method: str
    path: str
    query: dict[str, str]
    status: int | None
    username: str | None


@dataclass
class Session:
    """A session token and what it belongs to."""

    id: int
    token: str = field(repr=False)
    expiration: dt.date = dt.date.min
    info: TokenInfo = field(default=None, repr=False)  # type: ignore[assignment]


@dataclass
class Ctx:
    """One request being handled."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes
    base_url: str
    params: dict[str, str] = field(default_factory=dict)
    session: Session | None = None
    company: CompanyData | None = None
    username: str | None = None

    @property
    def info(self) -> TokenInfo:
        """The employee token behind the session."""
        assert self.session is not None
        return self.session.info

    @property
    def co(self) -> CompanyData:
        """The company the request acts in."""
        assert self.company is not None
        return self.company

    def has(self, key: str) -> bool:
        """Whether the token holds permission `key`."""
        return key in self.info.permissions

    def require(self, key: str) -> None:
        """403/9000 unless the token holds `key`."""
        if not self.has(key):
            raise forbidden()

    def json(self) -> Any:
        """The JSON body (422/22000 when it does not parse)."""
        try:
            return json.loads(self.body or b"null")
        except ValueError as exc:
            raise ApiFail(422, 22000, "Ugyldig JSON.", [("body", "Ugyldig JSON.")]) from exc

    def viewer(self) -> Viewer:
        """The token owner as seen by permission rules."""
        return Viewer(self.info.employee_id, set(self.info.permissions))

    def int_param(self, name: str) -> int:
        """A path parameter as an int."""
        return int(self.params[name])


Handler = Callable[["Simulator", Ctx], "Reply"]


@dataclass
class Reply:
    """Status, JSON body (None = empty) and extra headers."""

    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


ROUTES: list[tuple[str, re.Pattern[str], str, Handler, bool]] = []


def route(method: str, template: str, *, auth: bool = True) -> Callable[[Handler], Handler]:
    """Register a handler for METHOD + path template ({id} matches digits, {token} anything)."""
    pattern = re.escape(template)
    pattern = re.sub(r"\\\{(\w*[iI]d)\\\}", r"(?P<\1>\\d+)", pattern)
    pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", pattern)

    def register(fn: Handler) -> Handler:
        ROUTES.append((method, re.compile(f"^{pattern}$"), template, fn, auth))
        return fn

    return register


# --- filters -------------------------------------------------------------------------------------------

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
            return got >= target if op == ">=" else got < target if op == "<" else got <= target

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
}
FILTERS["payment_types"] = FILTERS["cost_categories"]


class Simulator:
    """A faithful local Tripletex API v2 (see the package docstring for the public surface)."""

    def __init__(
        self,
        *,
        scale: Scale | None = None,
        today: Callable[[], dt.date] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        environment: str = "production",
        monotonic: Callable[[], float] = time.monotonic,
        state_file: Path | None = None,
    ) -> None:
        """`state_file`: keep the mutable state (travel expenses, their lines and attachments, report numbers,
        the id counter, permissions) in this JSON file: loaded now, rewritten atomically after every committed
        write. An unusable file is renamed to `<name>.corrupt` and the simulator starts from the seed data.
        """
        if state_file is not None and scale is not None:
            raise ValueError("a persisted simulator cannot have scale-generated rows")
        self.today = today or (lambda: dt.datetime.now(OSLO).date())
        self.sleep = sleep
        self.monotonic = monotonic
        self.environment = environment
        self.faults = Faults()
        self.request_log: list[LoggedRequest] = []
        self._lock = threading.RLock()
        self._ids = Ids()
        self.shared: dict[str, Table] = build_shared(self._ids)
        self.companies: dict[int, CompanyData] = {}
        for seed in COMPANIES:
            company = build_company(self._ids, seed)
            self.companies[company.id] = company
        fjordlys, hansen, nordlys, tallknuser = self.companies.values()
        self._numbers: dict[int, int] = {}
        self._seed_travel(fjordlys, hansen, nordlys)
        if scale is not None:
            scale_company(self._ids, fjordlys, scale)
        self.sessions: dict[str, Session] = {}  # keyed by a hash of the session token, never the token
        self.tokens: dict[str, TokenInfo] = {}
        emp = {c.id: list(c.employees) for c in (fjordlys, hansen, nordlys, tallknuser)}
        every = set(PERMISSION_KEYS)
        demo = [
            ("demo-all", fjordlys.id, emp[fjordlys.id][0], every, ()),
            (
                "demo-limited",
                fjordlys.id,
                emp[fjordlys.id][1],
                every - {"travel_all", "project_settings", "employee_read"},
                (),
            ),
            ("demo-enk", hansen.id, emp[hansen.id][0], every, ()),
            (
                "demo-accountant",
                tallknuser.id,
                emp[tallknuser.id][0],
                every,
                (fjordlys.id, hansen.id, nordlys.id),
            ),
            ("demo-expired", fjordlys.id, emp[fjordlys.id][0], every, ()),
        ]
        for name, company_id, employee_id, perms, clients in demo:
            token = name if environment == "production" else f"test-{name}"
            self.tokens[token] = TokenInfo(
                token,
                DEMO_TOKENS[name],
                company_id,
                employee_id,
                set(perms),
                tuple(clients),
                environment,
                name == "demo-expired",
                self._ids(),
            )
        other = "test" if environment == "production" else "production"
        wrong = "test-demo" if environment == "production" else "demo-wrong-environment"
        self.tokens[wrong] = TokenInfo(
            wrong,
            DEMO_TOKENS["test-demo"],
            fjordlys.id,
            emp[fjordlys.id][0],
            every,
            (),
            other,
            False,
            self._ids(),
        )
        self._consumer_id = self._ids()
        self.state_file = state_file
        self._permission_changes = 0
        self._seed_fingerprint = ""
        if state_file is not None:
            self._seed_fingerprint = persist.fingerprint(self._export(""), environment)
            self._load_state(state_file)

    # --- seed -------------------------------------------------------------------------------------

    def _seed_travel(self, fjordlys: CompanyData, hansen: CompanyData, nordlys: CompanyData) -> None:
        f_emp, f_proj = list(fjordlys.employees), list(fjordlys.projects)
        rates = {
            (
                self.shared["rate_categories"][r["rateCategory"]["id"]]["name"],
                self.shared["rate_categories"][r["rateCategory"]["id"]]["fromDate"][:4],
                r.get("zone"),
            ): rid
            for rid, r in self.shared["rates"].items()
        }
        cats = {c["description"]: cid for cid, c in fjordlys.cost_categories.items()}
        pays = {p["description"]: pid for pid, p in fjordlys.payment_types.items()}

        def details(dep: str, ret: str, purpose: str, dest: str, day_trip: bool = False) -> dict[str, Any]:
            return {
                "isForeignTravel": False,
                "isDayTrip": day_trip,
                "isCompensationFromRates": True,
                "departureDate": dep,
                "returnDate": ret,
                "departureFrom": "Oslo",
                "destination": dest,
                "departureTime": "08:00",
                "returnTime": "18:00",
                "purpose": purpose,
                "detailedJourneyDescription": f"Oslo – {dest} – Oslo",
            }

        def mileage(day: str, km: float, dest: str) -> tuple[str, dict[str, Any]]:
            return "mileageAllowance", {
                "rateType": ref(rates[("Bil", day[:4], None)]),
                "date": day,
                "km": km,
                "departureLocation": "Oslo",
                "destination": dest,
            }

        def per_diem(name: str, year: str, count: int) -> tuple[str, dict[str, Any]]:
            return "perDiemCompensation", {
                "rateType": ref(rates[(name, year, None)]),
                "count": count,
                "location": "Norge",
                "overnightAccommodation": "NONE" if name.startswith("Dagsreise") else "HOTEL",
            }

        def cost(
            category: str,
            amount: float,
            day: str,
            payment: str = "Privat utlegg",
            company: CompanyData = fjordlys,
        ) -> tuple[str, dict[str, Any]]:
            c = {r["description"]: i for i, r in company.cost_categories.items()}[category]
            p = {r["description"]: i for i, r in company.payment_types.items()}[payment]
            return "cost", {
                "costCategory": ref(c),
                "paymentType": ref(p),
                "amountCurrencyIncVat": amount,
                "date": day,
                "comments": category,
            }

        # The ENK's owner has one open report of his own: an accountant sees another employee's report there
        # (travel_all granted), while his own token sees only his own (inconclusive: nobody else to see).
        del cats, pays
        plan: list[
            tuple[
                CompanyData,
                int,
                str,
                str,
                dict[str, Any] | None,
                list[tuple[str, dict[str, Any]]],
                int | None,
            ]
        ] = [
            (
                fjordlys,
                f_emp[0],
                "Kundemøte Bergen",
                "APPROVED",
                details("2026-03-10", "2026-03-12", "Kundemøte", "Bergen"),
                [
                    mileage("2026-03-10", 42, "Gardermoen"),
                    per_diem("Overnatting over 12 timer - innland", "2026", 2),
                    cost("Fly", 2450, "2026-03-10"),
                    cost("Hotell", 3180, "2026-03-12", "Firmakort"),
                ],
                f_proj[0],
            ),
            (
                fjordlys,
                f_emp[1],
                "Messe Lillestrøm",
                "DELIVERED",
                details("2026-05-04", "2026-05-04", "Messe", "Lillestrøm", True),
                [mileage("2026-05-04", 36, "Lillestrøm"), cost("Parkering", 180, "2026-05-04")],
                f_proj[1],
            ),
            (
                fjordlys,
                f_emp[2],
                "Befaring Lofoten",
                "OPEN",
                details("2026-06-15", "2026-06-18", "Befaring", "Svolvær"),
                [per_diem("Overnatting over 12 timer - innland", "2026", 3), cost("Fly", 3890, "2026-06-15")],
                f_proj[0],
            ),
            (fjordlys, f_emp[3], "Taxi til flyplass", "OPEN", None, [cost("Taxi", 640, "2026-02-02")], None),
            (
                hansen,
                list(hansen.employees)[0],
                "Materialhenting Drammen",
                "OPEN",
                details("2026-10-14", "2026-10-14", "Materialhenting", "Drammen", True),
                [cost("Parkering", 120, "2026-10-14", company=hansen)],
                None,
            ),
            (
                fjordlys,
                f_emp[0],
                "Planlegging Tromsø",
                "OPEN",
                details("2026-11-02", "2026-11-03", "Planlegging", "Tromsø"),
                [],
                f_proj[4],
            ),
            (
                fjordlys,
                f_emp[4],
                "Guidekurs Trondheim",
                "APPROVED",
                details("2025-09-01", "2025-09-02", "Kurs", "Trondheim"),
                [per_diem("Overnatting over 12 timer - innland", "2025", 1), cost("Tog", 1299, "2025-09-01")],
                f_proj[3],
            ),
            (
                fjordlys,
                f_emp[5],
                "Nordkapp-tur",
                "APPROVED",
                details("2025-07-07", "2025-07-07", "Guiding", "Honningsvåg", True),
                [
                    mileage("2025-07-07", 120, "Nordkapp"),
                    per_diem("Dagsreise over 12 timer - innland", "2025", 1),
                ],
                f_proj[2],
            ),
            (
                nordlys,
                list(nordlys.employees)[1],
                "Leverandørbesøk Bodø",
                "DELIVERED",
                details("2026-08-11", "2026-08-12", "Leverandørbesøk", "Bodø"),
                [cost("Hotell", 1690, "2026-08-11", company=nordlys)],
                None,
            ),
        ]
        for company, employee, title, state, travel, lines, project in plan:
            report = self._new_report(
                company, employee, title, travel, project, date=None if travel else lines[0][1]["date"]
            )
            for kind, body in lines:
                self._add_line(company, report["id"], kind, body)
            report = company.travel_expenses[report["id"]]
            if state != "OPEN":
                report = set_state(report, "DELIVERED", employee, dt.date.fromisoformat(report["date"]))
            if state == "APPROVED":
                report = set_state(
                    report, "APPROVED", list(company.employees)[0], dt.date.fromisoformat(report["date"])
                )
            company.travel_expenses[report["id"]] = {**report, "version": 1}
            company.revision = 0

    def _next_number(self, company: CompanyData) -> int:
        self._numbers[company.id] = self._numbers.get(company.id, 0) + 1
        return self._numbers[company.id]

    def _new_report(
        self,
        company: CompanyData,
        employee: int,
        title: str,
        details: dict[str, Any] | None,
        project: int | None = None,
        date: str | None = None,
    ) -> Row:
        row = travel_expense_row(
            self._ids(), self._next_number(company), employee, title, "OPEN", details, project=project
        )
        if details is None:
            row["date"] = date or self.today().isoformat()
        company.travel_expenses[row["id"]] = row
        return row

    def _add_line(self, company: CompanyData, report_id: int, kind: str, body: dict[str, Any]) -> Row:
        spec = LINE_KINDS[kind]
        report = company.travel_expenses[report_id]
        row = prepare_line(kind, body, company, self.shared, report)
        row |= {"id": self._ids(), "version": 1}
        company.table(spec.table)[row["id"]] = row
        report = {**report, spec.report_field: [*report.get(spec.report_field, []), ref(row["id"])]}
        company.travel_expenses[report_id] = recompute(report, company)
        return row

    # --- public helpers -------------------------------------------------------------------------------

    def company(self, company_id: int) -> CompanyData:
        """A company's data (for test assertions)."""
        return self.companies[company_id]

    def company_by_name(self, name: str) -> CompanyData:
        """A company by (the start of) its name."""
        return next(c for c in self.companies.values() if c.company["name"].startswith(name))

    def token_info(self, token: str) -> TokenInfo:
        """What the simulator knows about an employee token."""
        return self.tokens[token]

    def grant(self, token: str, *permission_keys: str) -> None:
        """Give the token more permissions (keys from docs/permissions.md)."""
        with self._lock:
            self.tokens[token].permissions.update(_check_keys(permission_keys))
            self._permission_changes += 1
            self.save_state()

    def revoke(self, token: str, *permission_keys: str) -> None:
        """Take permissions from the token."""
        with self._lock:
            self.tokens[token].permissions.difference_update(_check_keys(permission_keys))
            self._permission_changes += 1
            self.save_state()

    def expire_employee_token(self, token: str) -> None:
        """The token expires: new sessions get 401, and running sessions made from it too."""
        with self._lock:
            self.tokens[token].expired = True

    # --- persistence ------------------------------------------------------------------------------------

    def export_state(self) -> dict[str, Any]:
        """The mutable state as a JSON-ready document (what `state_file` holds)."""
        with self._lock:
            return self._export(self._seed_fingerprint)

    def _export(self, seed: str) -> dict[str, Any]:
        permissions = {info.id: info.permissions for info in self.tokens.values()}
        return persist.export(self._ids.next, self._numbers, self.companies, permissions, seed)

    def save_state(self) -> None:
        """Write the state file now (atomically); a failure is logged, the in-memory state stays."""
        if self.state_file is None:
            return
        with self._lock:
            try:
                persist.write_atomic(self.state_file, persist.dumps(self.export_state()))
            except (OSError, TypeError, ValueError):
                log.exception("saving the simulator state to %s failed", self.state_file)

    def _commit_mark(self) -> tuple[int, ...]:
        """Changes whenever a write commits (table writes bump their company's revision)."""
        return (self._permission_changes, *(c.revision for c in self.companies.values()))

    def _load_state(self, path: Path) -> None:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return
        except (OSError, ValueError) as exc:  # ValueError: not UTF-8
            self._keep_aside(path, f"unreadable ({type(exc).__name__})")
            return
        token_ids = {info.id for info in self.tokens.values()}
        try:
            saved = persist.parse(
                text,
                seed=self._seed_fingerprint,
                min_next_id=self._ids.next,
                company_ids=set(self.companies),
                token_ids=token_ids,
            )
        except persist.StateUnusable as exc:
            self._keep_aside(path, str(exc))
            return
        for cid, tables in saved.tables.items():
            company = self.companies[cid]
            for name, rows in tables.items():
                table = Table(company.touch)
                for rid, row in rows.items():
                    table[rid] = row
                company.tables[name] = table
            company.revision = saved.revisions[cid]
        self._numbers = dict(saved.numbers)
        self._ids.advance_to(saved.next_id)
        for info in self.tokens.values():
            if info.id in saved.permissions:
                info.permissions = set(saved.permissions[info.id])
        log.info("simulator state loaded from %s", path)

    @staticmethod
    def _keep_aside(path: Path, why: str) -> None:
        try:
            kept = persist.keep_aside(path)
        except OSError:
            log.exception("simulator state file %s is unusable (%s) and could not be moved aside", path, why)
            return
        log.warning(
            "simulator state file was unusable (%s); starting from the demo data, old file kept as %s",
            why,
            kept,
        )

    def transport(self) -> httpx.BaseTransport:
        """An in-process transport; simulated drops surface as httpx.ConnectError / RemoteProtocolError."""
        return SimulatorTransport(self)

    def http_client(self, **kwargs: Any) -> httpx.Client:
        """An httpx.Client on DEMO_BASE_URL wired to this simulator in-process."""
        kwargs.setdefault("base_url", DEMO_BASE_URL)
        kwargs.setdefault("transport", self.transport())
        return httpx.Client(**kwargs)

    # --- WSGI -------------------------------------------------------------------------------------------

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        """The WSGI entry point."""
        request_id = str(uuid.uuid4())
        method = environ["REQUEST_METHOD"].upper()
        path = unquote(environ.get("PATH_INFO") or "/")
        if path.startswith("/v2/") or path == "/v2":
            path = path[3:] or "/"
        query = dict(parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True))
        headers = {k[5:].replace("_", "-").lower(): v for k, v in environ.items() if k.startswith("HTTP_")}
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        if environ.get("CONTENT_TYPE"):
            headers["content-type"] = environ["CONTENT_TYPE"]
        host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "localhost")
        ctx = Ctx(method, path, query, headers, body, f"{environ.get('wsgi.url_scheme', 'http')}://{host}/v2")
        if self.faults.latency_s > 0:
            self.sleep(self.faults.latency_s)
        with self._lock:
            entry = LoggedRequest(method, _mask_path(path), _mask_query(query), None, None)
            self.request_log.append(entry)
            allowed, rate_headers = self.faults.count_request(self.monotonic)
            drop = self.faults.take_drop(method, path) if allowed else None
            if drop == "before_commit":
                raise ConnectionDropped(drop)
            fail = self.faults.take_fail(method, path) if allowed else None
            if not allowed:
                reply = _error_reply(ApiFail(429, 429, "For mange forespørsler. Prøv igjen senere."))
            elif fail is not None:
                reply = _error_reply(ApiFail(fail, 1000 if fail >= 500 else fail, "Simulert feil."))
            else:
                mark = self._commit_mark()
                reply = self._dispatch(ctx)
                if self.state_file is not None and self._commit_mark() != mark:
                    self.save_state()  # before answering (or dropping): a committed write is on disk
            entry.status, entry.username = reply.status, ctx.username
            if drop == "after_commit":
                raise ConnectionDropped(drop)
        if isinstance(reply.body, dict) and "status" in reply.body and "requestId" in reply.body:
            reply.body["requestId"] = request_id
        out_headers = {"x-tlx-request-id": request_id, **rate_headers, **reply.headers}
        if reply.status == 304 or reply.body is None:
            payload = b""
        elif isinstance(reply.body, bytes):
            payload = reply.body
        else:
            payload = json.dumps(reply.body, ensure_ascii=False, separators=(",", ":")).encode()
            out_headers["Content-Type"] = "application/json; charset=utf-8"
        out_headers["Content-Length"] = str(len(payload))
        start_response(f"{reply.status} {HTTPStatus(reply.status).phrase}", list(out_headers.items()))
        return [payload]

    def _dispatch(self, ctx: Ctx) -> Reply:
        path = ctx.path
        allowed_methods = []
        for method, pattern, template, handler, auth in ROUTES:
            match = pattern.match(path)
            if not match:
                continue
            if method != ctx.method:
                allowed_methods.append(method)
                continue
            ctx.params = match.groupdict()
            try:
                if auth:
                    self._authenticate(ctx, f"{method} {template}")
                return handler(self, ctx)
            except ApiFail as fail:
                return _error_reply(fail)
            except flds.FieldsError as exc:
                return _error_reply(ApiFail(400, 11000, str(exc)))
        if allowed_methods:
            return _error_reply(ApiFail(405, 4000, f"Metoden {ctx.method} støttes ikke for {path}."))
        return _error_reply(not_found(f"Finner ikke {path}."))

    def _authenticate(self, ctx: Ctx, key: str) -> None:
        header = ctx.headers.get("authorization", "")
        scheme, _, encoded = header.partition(" ")
        try:
            username, _, password = base64.b64decode(encoded, validate=True).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            username, password = "", ""
        session = self.sessions.get(_key(password)) if scheme.lower() == "basic" else None
        if session is None or self.today() >= session.expiration or session.info.expired:
            raise ApiFail(401, 3000, "Ugyldig eller utløpt sesjon.")
        ctx.session = session
        ctx.username = username
        info = session.info
        if username in ("", "0") or username == str(info.company_id):
            if info.clients and key not in ACCOUNTANT_ROOT_ROUTES:
                raise forbidden("Regnskapsførertilgang: velg en klient (brukernavn = klientens selskaps-id).")
            ctx.company = self.companies[info.company_id]
            return
        if not username.isdigit() or int(username) not in info.clients:
            raise forbidden("Du har ikke tilgang til dette selskapet.")
        ctx.company = self.companies[int(username)]

    # --- rendering helpers ----------------------------------------------------------------------------

    def _resolve(self, ctx: Ctx) -> flds.Resolver:
        def resolve(model: str, id_: int) -> Row | None:
            if model in SHARED_MODELS:
                return self.shared[SHARED_MODELS[model]].get(id_)
            if model == "Company":
                company = self.companies.get(id_)
                return company.company if company else None
            if model == "TravelExpenseSettings" and ctx.company is not None:
                return ctx.co.settings
            table = MODEL_TABLES.get(model)
            if table is None:
                return None
            order = ([ctx.company] if ctx.company else []) + list(self.companies.values())
            for company in order:
                if table in company.tables and id_ in company.tables[table]:
                    return company.tables[table][id_]
            return None

        return resolve

    def renderer(self, ctx: Ctx) -> flds.Renderer:
        """A Renderer for this request (urls on the request's host)."""

        def url_of(model: str, id_: int) -> str | None:
            path = MODEL_PATHS.get(model)
            return f"{ctx.base_url}/{path}/{id_}" if path else None

        return flds.Renderer(self._resolve(ctx), url_of)

    def one(self, ctx: Ctx, row: Row, model: str, status: int = 200) -> Reply:
        """{"value": row} projected by `fields`."""
        spec = flds.parse(ctx.query.get("fields"))
        flds.check(spec, model)
        return Reply(status, {"value": self.renderer(ctx).render(row, model, spec)})

    def many(
        self,
        ctx: Ctx,
        source: Table | Iterable[Row],
        model: str,
        table: str | None = None,
        *,
        preds: Iterable[Pred] = (),
        view: Callable[[Row], Row] | None = None,
        join: Callable[[Row], Row] | None = None,
    ) -> Reply:
        """A ListResponse: filters from the query, paging, checksum, `fields` projection."""
        spec = flds.parse(ctx.query.get("fields"))
        flds.check(spec, model)
        try:
            start = int(ctx.query.get("from") or 0)
            count = int(ctx.query.get("count") or 1000)
        except ValueError as exc:
            raise ApiFail(400, 11000, "from/count må være heltall.") from exc
        if start < 0 or count < 0:
            raise ApiFail(422, 21000, "from/count kan ikke være negative.")
        digest = None
        if ctx.headers.get("if-none-match"):
            digest = self._digest(ctx)
            if ctx.headers["if-none-match"].strip('"') == digest:
                return Reply(304, None, {"ETag": f'"{digest}"'})
        preds = list(preds)
        for name, make in FILTERS.get(table or "", {}).items():
            value = ctx.query.get(name)
            if value not in (None, ""):
                preds.append(make(value))
        if not preds and join is None and isinstance(source, Table):
            total, page = len(source), source.page(start, count)
        else:
            rows: Iterable[Row] = source.rows() if isinstance(source, Table) else source
            if join is not None:
                rows = map(join, rows)
            matched = [r for r in rows if all(p(r) for p in preds)]
            total, page = len(matched), matched[start : start + count]
        renderer = self.renderer(ctx)
        values = [renderer.render(view(r) if view else r, model, spec) for r in page]
        body: dict[str, Any] = {
            "fullResultSize": total,
            "from": start,
            "count": len(values),
            "values": values,
        }
        if digest is not None:
            body["versionDigest"] = digest
        return Reply(200, body, {"ETag": f'"{digest}"'} if digest else {})

    def _digest(self, ctx: Ctx) -> str:
        """A stable checksum of the whole result: data revision, query (without paging) and who looks."""
        company = ctx.company
        key = [
            company.id if company else 0,
            company.revision if company else 0,
            ctx.path,
            sorted((k, v) for k, v in ctx.query.items() if k not in ("from", "count")),
            ctx.info.employee_id if ctx.session else 0,
            sorted(ctx.info.permissions) if ctx.session else [],
        ]
        return hashlib.sha256(json.dumps(key, default=str).encode()).hexdigest()[:32]


def _key(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _check_keys(keys: Iterable[str]) -> set[str]:
    unknown = set(keys) - set(PERMISSION_KEYS)
    if unknown:
        raise ValueError(f"unknown permission keys: {sorted(unknown)}")
    return set(keys)


def _mask_path(path: str) -> str:
    if path.startswith("/token/session/") and not path.startswith(("/token/session/>", "/token/session/:")):
        return "/token/session/***"
    return path


def _mask_query(query: dict[str, str]) -> dict[str, str]:
    return {k: ("***" if "token" in k.lower() else v) for k, v in query.items()}


def _error_reply(fail: ApiFail) -> Reply:
    body: dict[str, Any] = {
        "status": fail.status,
        "code": fail.code,
        "message": fail.message,
        "link": "https://tripletex.no/v2-docs/",
        "requestId": "",
    }
    if fail.developer:
        body["developerMessage"] = fail.developer
    if fail.validation:
        body["validationMessages"] = [{"field": f, "message": m} for f, m in fail.validation]
    return Reply(fail.status, body)


class SimulatorTransport(httpx.BaseTransport):
    """httpx.WSGITransport over the simulator, turning simulated drops into httpx exceptions."""

    def __init__(self, sim: Simulator) -> None:
        self._inner = httpx.WSGITransport(app=sim)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Forward in-process."""
        try:
            return self._inner.handle_request(request)
        except ConnectionDropped as exc:
            if exc.when == "before_commit":
                raise httpx.ConnectError("Simulated connection failure", request=request) from None
            raise httpx.RemoteProtocolError(
                "Server disconnected without sending a response.", request=request
            ) from None


# =========================================================================================================
# Handlers
# =========================================================================================================


def _session_reply(
    sim: Simulator, ctx: Ctx, consumer: Any, employee: Any, expiration: Any, status: int
) -> Reply:
    if consumer != DEMO_CONSUMER_TOKEN:
        raise invalid([("arg:consumerToken", "Ugyldig consumer token.")], 18000)
    info = sim.tokens.get(employee) if isinstance(employee, str) else None
    if info is None or info.environment != sim.environment:
        raise invalid([("arg:employeeToken", "Ugyldig employee token.")], 18000)
    if info.expired:
        raise ApiFail(401, 3000, "Employee token er utløpt eller tilbakekalt.")
    try:
        expires = dt.date.fromisoformat(expiration) if isinstance(expiration, str) else None
    except ValueError:
        expires = None
    if expires is None or expires <= sim.today():
        raise invalid([("arg:expirationDate", "Utløpsdatoen må være etter dagens dato.")], 18000)
    session = Session(sim._ids(), secrets.token_urlsafe(32), expires, info)
    sim.sessions[_key(session.token)] = session
    row = {
        "id": session.id,
        "version": 1,
        "token": session.token,
        "expirationDate": expires.isoformat(),
        "consumerToken": ref(sim._consumer_id),
        "employeeToken": ref(info.id),
    }
    return Reply(status, {"value": sim.renderer(ctx).render(row, "SessionToken", {"*": None})})


@route("POST", "/token/session/:create", auth=False)
def _create_session(sim: Simulator, ctx: Ctx) -> Reply:
    body = ctx.json()
    if not isinstance(body, dict):
        raise invalid([("body", "Forventet et JSON-objekt.")], 18000)
    return _session_reply(
        sim, ctx, body.get("consumerToken"), body.get("employeeToken"), body.get("expirationDate"), 201
    )


@route("PUT", "/token/session/:create", auth=False)
def _create_session_legacy(sim: Simulator, ctx: Ctx) -> Reply:
    q = ctx.query
    return _session_reply(
        sim, ctx, q.get("consumerToken"), q.get("employeeToken"), q.get("expirationDate"), 200
    )


@route("GET", "/token/session/>whoAmI")
def _who_am_i(sim: Simulator, ctx: Ctx) -> Reply:
    info = ctx.info
    row = {
        "employeeId": info.employee_id,
        "actualEmployeeId": info.employee_id,
        "employee": ref(info.employee_id),
        "companyId": ctx.co.id,
        "company": ref(ctx.co.id),
        "language": "no",
        "loggedInWithConnect": False,
        "employeeIsProxy": ctx.co.id != info.company_id,
    }
    return sim.one(ctx, row, "LoggedInUserInfo")


@route("DELETE", "/token/session/{token}", auth=False)
def _delete_session(sim: Simulator, ctx: Ctx) -> Reply:
    if sim.sessions.pop(_key(ctx.params["token"]), None) is None:
        raise not_found()
    return Reply(204)


@route("GET", "/token/consumer/byToken")
def _consumer_by_token(sim: Simulator, ctx: Ctx) -> Reply:
    if ctx.query.get("token") != DEMO_CONSUMER_TOKEN:
        raise not_found()
    row = {
        "id": sim._consumer_id,
        "version": 1,
        "apiConsumer": {
            "id": sim._consumer_id + 0,
            "version": 1,
            "consumerName": "Tripletex Desktop (simulator)",
        },
        "token": DEMO_CONSUMER_TOKEN,
    }
    return sim.one(ctx, row, "ConsumerToken")


@route("GET", "/company/>withLoginAccess")
def _with_login_access(sim: Simulator, ctx: Ctx) -> Reply:
    clients = [{**sim.companies[c].company, "customerCompanyId": c} for c in ctx.info.clients]
    return sim.many(ctx, clients, "Client")


@route("GET", "/company/{id}")
def _company(sim: Simulator, ctx: Ctx) -> Reply:
    ctx.require("company_info")
    if ctx.int_param("id") != ctx.co.id:
        raise forbidden()
    return sim.one(ctx, ctx.co.company, "Company")


def _employee_visible(ctx: Ctx) -> Pred | None:
    return None if ctx.has("employee_read") else (lambda row: row["id"] == ctx.info.employee_id)


@route("GET", "/employee")
def _employees(sim: Simulator, ctx: Ctx) -> Reply:
    visible = _employee_visible(ctx)
    return sim.many(ctx, ctx.co.employees, "Employee", "employees", preds=[visible] if visible else [])


@route("GET", "/employee/{id}")
def _employee(sim: Simulator, ctx: Ctx) -> Reply:
    eid = ctx.int_param("id")
    if eid not in ctx.co.employees:
        raise not_found()
    if not ctx.has("employee_read") and eid != ctx.info.employee_id:
        raise forbidden()
    return sim.one(ctx, ctx.co.employees[eid], "Employee")


@route("GET", "/employee/entitlement")
def _entitlements(sim: Simulator, ctx: Ctx) -> Reply:
    eid = int(ctx.query.get("employeeId") or ctx.info.employee_id)
    if eid != ctx.info.employee_id and not ctx.has("employee_read"):
        raise forbidden()
    rows = (
        []
        if eid not in ctx.co.employees
        else [
            {
                "id": eid * 100 + number,
                "version": 1,
                "employee": ref(eid),
                "name": name,
                "entitlementId": number,
                "customer": ref(ctx.co.id),
            }
            for number, name in ENTITLEMENTS.values()
        ]
    )
    return sim.many(ctx, rows, "Entitlement")


def _project_view(ctx: Ctx) -> Callable[[Row], Row]:
    def view(row: Row) -> Row:
        own = (row.get("projectManager") or {}).get("id") == ctx.info.employee_id
        out = {**row, "accessType": "WRITE" if own or ctx.has("project_all") else "READ"}
        if not ctx.has("project_status"):
            out.pop("isClosed", None)
        return out

    return view


@route("GET", "/project")
def _projects(sim: Simulator, ctx: Ctx) -> Reply:
    ctx.require("project_info")
    preds: list[Pred] = []
    if ctx.query.get("id"):  # Tripletex #101: closed projects are missing from GET /project?id=
        preds.append(lambda row: not row.get("isClosed"))
    if ctx.query.get("isClosed") == "false" and ctx.query.get("includeRecentlyClosed") == "true":
        ctx.query = {k: v for k, v in ctx.query.items() if k != "isClosed"}
    return sim.many(ctx, ctx.co.projects, "Project", "projects", preds=preds, view=_project_view(ctx))


@route("GET", "/project/settings")
def _project_settings(sim: Simulator, ctx: Ctx) -> Reply:
    ctx.require("project_settings")
    return sim.one(ctx, ctx.co.project_settings, "ProjectSettings")


@route("GET", "/project/{id}")
def _project(sim: Simulator, ctx: Ctx) -> Reply:
    ctx.require("project_info")
    pid = ctx.int_param("id")
    if pid not in ctx.co.projects:
        raise not_found()
    return sim.one(ctx, _project_view(ctx)(ctx.co.projects[pid]), "Project")


def _simple(template: str, table: str, model: str, perm: str | None = None, shared: bool = False) -> None:
    """GET list + GET /{id} for a plain lookup table."""

    def source(sim: Simulator, ctx: Ctx) -> Table:
        if perm:
            ctx.require(perm)
        return sim.shared[table] if shared else ctx.co.table(table)

    def get_list(sim: Simulator, ctx: Ctx) -> Reply:
        rows = source(sim, ctx)
        join = None
        if table == "rates":
            cats = sim.shared["rate_categories"]
            join = lambda row: {**row, "_cat": cats[row["rateCategory"]["id"]]}  # noqa: E731
        return sim.many(ctx, rows, model, table, join=join)

    def get_one(sim: Simulator, ctx: Ctx) -> Reply:
        rows = source(sim, ctx)
        rid = ctx.int_param("id")
        if rid not in rows:
            raise not_found()
        return sim.one(ctx, rows[rid], model)

    route("GET", template)(get_list)
    route("GET", template + "/{id}")(get_one)


_simple("/department", "departments", "Department")
_simple("/travelExpense/costCategory", "cost_categories", "TravelCostCategory")
_simple("/travelExpense/paymentType", "payment_types", "TravelPaymentType")
_simple("/travelExpense/rateCategory", "rate_categories", "TravelExpenseRateCategory", shared=True)
_simple("/travelExpense/rate", "rates", "TravelExpenseRate", shared=True)
_simple("/travelExpense/zone", "zones", "TravelExpenseZone", shared=True)
_simple("/currency", "currencies", "Currency", shared=True)


@route("GET", "/currency/{id}/rate")
def _currency_rate(sim: Simulator, ctx: Ctx) -> Reply:
    """The currency's (fixed, illustrative) NOK rate per `factor` units on `date` (required)."""
    cid = ctx.int_param("id")
    if cid not in sim.shared["currencies"]:
        raise not_found()
    day = ctx.query.get("date") or ""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
        raise invalid([("date", NOT_NULL if not day else "Ugyldig dato.")])
    row = {
        "id": cid,
        "sourceCurrency": {"id": cid},
        "targetCurrency": {"id": 1},
        "rate": currency_rate(cid),
        "source": "NORGES_BANK",
        "date": day,
    }
    return sim.one(ctx, row, "CurrencyExchangeRate")


@route("GET", "/travelExpense/settings")
def _travel_settings(sim: Simulator, ctx: Ctx) -> Reply:
    ctx.require("travel_settings")
    return sim.one(ctx, ctx.co.settings, "TravelExpenseSettings")


# --- travel expenses ----------------------------------------------------------------------------------------


def _report_view(sim: Simulator, ctx: Ctx) -> Callable[[Row], Row]:
    viewer = ctx.viewer()
    return lambda row: {**row, "actions": actions(row, viewer, ctx.co.settings, ctx.base_url)}


def _own_only(ctx: Ctx) -> Pred | None:
    if ctx.has("travel_all"):
        return None
    return lambda row: (row.get("employee") or {}).get("id") == ctx.info.employee_id


def _report(ctx: Ctx, rid: int | None, *, write: bool = False) -> Row:
    if rid is None or rid not in ctx.co.travel_expenses:
        raise not_found("Reiseregningen finnes ikke.")
    row = ctx.co.travel_expenses[rid]
    own = _own_only(ctx)
    if own is not None and not own(row):
        raise forbidden()
    if write and row["state"] != "OPEN":
        raise invalid(
            [("travelExpense", f"Reiseregningen har status {row['stateName']} og kan ikke endres.")]
        )
    return row


def _travel_join(row: Row) -> Row:
    details = row.get("travelDetails") or {}
    return {
        **row,
        "_departure": details.get("departureDate") or row.get("date"),
        "_return": details.get("returnDate") or row.get("date"),
    }


@route("GET", "/travelExpense")
def _travel_expenses(sim: Simulator, ctx: Ctx) -> Reply:
    ctx.require("travel_register")
    preds = [p for p in (_own_only(ctx),) if p]
    pm = ctx.query.get("projectManagerId")
    if pm:
        managers = f_ids("projectManager.id")(pm)
        projects = ctx.co.projects
        preds.append(
            lambda row: ref_id(row.get("project")) in projects and managers(projects[row["project"]["id"]])
        )
    needs_join = bool(ctx.query.get("departureDateFrom") or ctx.query.get("returnDateTo"))
    return sim.many(
        ctx,
        ctx.co.travel_expenses,
        "TravelExpense",
        "travel_expenses",
        preds=preds,
        view=_report_view(sim, ctx),
        join=_travel_join if needs_join else None,
    )


@route("GET", "/travelExpense/{id}")
def _travel_expense(sim: Simulator, ctx: Ctx) -> Reply:
    ctx.require("travel_register")
    return sim.one(ctx, _report_view(sim, ctx)(_report(ctx, ctx.int_param("id"))), "TravelExpense")


WRITABLE_REPORT = (
    "project",
    "department",
    "title",
    "travelDetails",
    "isChargeable",
    "isFixedInvoicedAmount",
    "isMarkupInvoicedPercent",
    "isIncludeAttachedReceiptsWhenReinvoicing",
    "travelAdvance",
    "fixedInvoicedAmount",
    "markupInvoicedPercent",
    "freeDimension1",
    "freeDimension2",
    "freeDimension3",
    "vatType",
    "paymentCurrency",
)


def _check_report_body(ctx: Ctx, body: Any, *, create: bool) -> list[tuple[str, str]]:
    check_known_fields(body, "TravelExpense")
    errors: list[tuple[str, str]] = []
    employee = ref_id(body.get("employee"))
    if create and employee is None:
        errors.append(("employee", "Kan ikke være null."))
    elif employee is not None and employee not in ctx.co.employees:
        errors.append(("employee", "Ansatt finnes ikke."))
    for name, table in (("project", ctx.co.projects), ("department", ctx.co.departments)):
        target = ref_id(body.get(name))
        if target is not None and target not in table:
            errors.append((name, "Objektet finnes ikke."))
    errors += check_travel_details(body.get("travelDetails"))
    if body.get("travelDetails") is not None:
        check_known_fields(body["travelDetails"], "TravelDetails", "travelDetails.")
    return errors


def _inline_lines(body: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for kind, key in (("perDiemCompensation", "perDiemCompensations"), ("cost", "costs")):
        for line in body.get(key) or []:
            check_known_fields(line, LINE_KINDS[kind].model, f"{key}.")
            out.append((kind, line))
    return out


@route("POST", "/travelExpense")
def _create_report(sim: Simulator, ctx: Ctx) -> Reply:
    ctx.require("travel_register")
    body = ctx.json()
    errors = _check_report_body(ctx, body, create=True)
    if errors:
        raise invalid(errors)
    if not ctx.has("travel_all") and body["employee"]["id"] != ctx.info.employee_id:
        raise forbidden()
    lines = _inline_lines(body)
    details = body.get("travelDetails")
    row = travel_expense_row(0, 0, body["employee"]["id"], body.get("title") or "", "OPEN", details)
    row["date"] = (details or {}).get("departureDate") or sim.today().isoformat()
    for key in WRITABLE_REPORT:
        if body.get(key) is not None:
            row[key] = (
                {"id": body[key]["id"]}
                if isinstance(body[key], dict) and key != "travelDetails"
                else body[key]
            )
    row |= {"displayName": f"{row.get('title', '')}", "displayNameWithoutNumber": row.get("title", "")}
    for kind, line in lines:  # validate everything before committing anything
        prepare_line(kind, line, ctx.co, sim.shared, {**row, "id": 0})
    rid = sim._ids()
    number = sim._next_number(ctx.co)
    row |= {
        "id": rid,
        "number": number,
        "numberAsString": str(number),
        "displayName": f"{number} {row['title']}",
    }
    ctx.co.travel_expenses[rid] = row
    for kind, line in lines:
        sim._add_line(ctx.co, rid, kind, line)
    return sim.one(ctx, _report_view(sim, ctx)(ctx.co.travel_expenses[rid]), "TravelExpense", 201)


@route("PUT", "/travelExpense/{id}")
def _update_report(sim: Simulator, ctx: Ctx) -> Reply:
    ctx.require("travel_register")
    report = _report(ctx, ctx.int_param("id"), write=True)
    body = ctx.json()
    errors = _check_report_body(ctx, body, create=False)
    if errors:
        raise invalid(errors)
    if body.get("version") is not None and body["version"] != report["version"]:
        raise ApiFail(409, 8000, "Objektet er endret av en annen bruker (versjonskonflikt).")
    row = dict(report)
    for key in (*WRITABLE_REPORT, "employee"):
        if key in body and body[key] is not None:
            row[key] = (
                {"id": body[key]["id"]}
                if isinstance(body[key], dict) and key != "travelDetails"
                else body[key]
            )
    if row.get("travelDetails"):
        row["date"] = row["travelDetails"].get("departureDate") or row["date"]
    row |= {
        "version": report["version"] + 1,
        "displayName": f"{row['number']} {row.get('title', '')}",
        "displayNameWithoutNumber": row.get("title", ""),
    }
    ctx.co.travel_expenses[row["id"]] = row
    return sim.one(ctx, _report_view(sim, ctx)(row), "TravelExpense")


@route("DELETE", "/travelExpense/{id}")
def _delete_report(sim: Simulator, ctx: Ctx) -> Reply:
    ctx.require("travel_register")
    report = _report(ctx, ctx.int_param("id"), write=True)
    for spec in LINE_KINDS.values():
        table = ctx.co.table(spec.table)
        for line in report.get(spec.report_field, []):
            table.pop(line["id"], None)
    del ctx.co.travel_expenses[report["id"]]
    return Reply(204)


def _ids_param(ctx: Ctx) -> list[int]:
    try:
        ids = [int(v) for v in (ctx.query.get("id") or "").split(",") if v.strip()]
    except ValueError as exc:
        raise ApiFail(400, 11000, "Ugyldig id-liste.") from exc
    if not ids:
        raise invalid([("id", "Kan ikke være null.")], 21000)
    return ids


def _transition(sim: Simulator, ctx: Ctx, check: Callable[[Row], str | None], state: str) -> Reply:
    ctx.require("travel_register")
    reports = [_report(ctx, rid) for rid in _ids_param(ctx)]
    errors = [(f"id:{r['id']}", msg) for r in reports if (msg := check(r))]
    if errors:
        raise invalid(errors, 18000)
    today = sim.today()
    out = []
    for report in reports:
        row = set_state(report, state, ctx.info.employee_id, today)
        ctx.co.travel_expenses[row["id"]] = row
        out.append(row)
    return sim.many(ctx, out, "TravelExpense", view=_report_view(sim, ctx))


@route("PUT", "/travelExpense/:deliver")
def _deliver(sim: Simulator, ctx: Ctx) -> Reply:
    def check(r: Row) -> str | None:
        if r["state"] != "OPEN":
            return f"Reiseregningen har status {r['stateName']} og kan ikke leveres."
        if not has_lines(r):
            return "Reiseregningen har ingen utgifter, godtgjørelser eller diett og kan ikke leveres."
        return None

    return _transition(sim, ctx, check, "DELIVERED")


@route("PUT", "/travelExpense/:undeliver")
def _undeliver(sim: Simulator, ctx: Ctx) -> Reply:
    def check(r: Row) -> str | None:
        return None if r["state"] == "DELIVERED" else f"Reiseregningen har status {r['stateName']}."

    return _transition(sim, ctx, check, "OPEN")


@route("PUT", "/travelExpense/:approve")
def _approve(sim: Simulator, ctx: Ctx) -> Reply:
    ctx.require("travel_all")
    viewer = ctx.viewer()

    def check(r: Row) -> str | None:
        if r["state"] != "DELIVERED":
            return f"Reiseregningen har status {r['stateName']} og kan ikke godkjennes."
        if not may_approve(r, viewer, ctx.co.settings):
            return "Du kan ikke godkjenne dine egne reiseregninger."
        return None

    return _transition(sim, ctx, check, "APPROVED")


def _line_routes(kind: str) -> None:
    spec = LINE_KINDS[kind]
    base = f"/travelExpense/{kind}"

    def visible(ctx: Ctx) -> Pred | None:
        own = _own_only(ctx)
        if own is None:
            return None
        reports = ctx.co.travel_expenses
        return lambda row: (
            ref_id(row.get("travelExpense")) in reports and own(reports[row["travelExpense"]["id"]])
        )

    def get_list(sim: Simulator, ctx: Ctx) -> Reply:
        ctx.require("travel_register")
        pred = visible(ctx)
        return sim.many(ctx, ctx.co.table(spec.table), spec.model, spec.table, preds=[pred] if pred else [])

    def get_one(sim: Simulator, ctx: Ctx) -> Reply:
        ctx.require("travel_register")
        table = ctx.co.table(spec.table)
        lid = ctx.int_param("id")
        if lid not in table:
            raise not_found()
        _report(ctx, ref_id(table[lid].get("travelExpense")))
        return sim.one(ctx, table[lid], spec.model)

    def create(sim: Simulator, ctx: Ctx) -> Reply:
        ctx.require("travel_register")
        body = ctx.json()
        check_known_fields(body, spec.model)
        rid = ref_id(body.get("travelExpense"))
        if rid is None:
            raise invalid([("travelExpense", "Kan ikke være null.")])
        if rid not in ctx.co.travel_expenses:
            raise invalid([("travelExpense", "Reiseregningen finnes ikke.")])
        _report(ctx, rid, write=True)
        return sim.one(ctx, sim._add_line(ctx.co, rid, kind, body), spec.model, 201)

    def delete(sim: Simulator, ctx: Ctx) -> Reply:
        ctx.require("travel_register")
        table = ctx.co.table(spec.table)
        lid = ctx.int_param("id")
        if lid not in table:
            raise not_found()
        report = _report(ctx, ref_id(table[lid].get("travelExpense")), write=True)
        del table[lid]
        report = {**report, spec.report_field: [r for r in report[spec.report_field] if r["id"] != lid]}
        ctx.co.travel_expenses[report["id"]] = recompute(report, ctx.co)
        return Reply(204)

    route("GET", base)(get_list)
    route("POST", base)(create)
    route("GET", base + "/{id}")(get_one)
    route("DELETE", base + "/{id}")(delete)


for _kind in LINE_KINDS:
    _line_routes(_kind)


@route("POST", "/travelExpense/{travelExpenseId}/attachment")
def _upload(sim: Simulator, ctx: Ctx) -> Reply:
    ctx.require("travel_register")
    report = _report(ctx, ctx.int_param("travelExpenseId"))
    content_type = ctx.headers.get("content-type", "")
    if not content_type.startswith("multipart/form-data"):
        raise ApiFail(415, 4000, "Forventet multipart/form-data.")
    message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + ctx.body)
    part = next(
        (p for p in message.iter_parts() if p.get_param("name", header="content-disposition") == "file"), None
    )
    if part is None:
        raise invalid([("file", "Kan ikke være null.")])
    data = part.get_payload(decode=True) or b""
    doc = {
        "id": sim._ids(),
        "version": 1,
        "fileName": part.get_filename() or "vedlegg",
        "size": len(data),
        "mimeType": part.get_content_type(),
        "travelExpenseId": report["id"],
        "data": data,
    }
    ctx.co.attachments[doc["id"]] = doc
    ctx.co.travel_expenses[report["id"]] = {
        **report,
        "attachment": ref(doc["id"]),
        "attachmentCount": report.get("attachmentCount", 0) + 1,
    }
    return sim.one(ctx, doc, "Document")


@route("GET", "/travelExpense/{travelExpenseId}/attachment")
def _download(sim: Simulator, ctx: Ctx) -> Reply:
    ctx.require("travel_register")
    report = _report(ctx, ctx.int_param("travelExpenseId"))
    doc_id = ref_id(report.get("attachment"))
    if doc_id is None or doc_id not in ctx.co.attachments:
        raise not_found()
    doc = ctx.co.attachments[doc_id]
    return Reply(200, doc["data"], {"Content-Type": doc["mimeType"]})
