"""Company data: the company, employees and entitlements, projects, plain lookups, currencies, travel settings."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import cast

from ..context import Ctx, Reply
from ..dispatch import route
from ..domain import NOT_NULL, ApiFail, check_known_fields, forbidden, invalid, not_found
from ..filters import Pred
from ..seed import ENTITLEMENTS, currency_rate, project_row, ref
from ..store import Row, Table
from ..world import World


@route("GET", "/company/{id}")
def _company(sim: World, ctx: Ctx) -> Reply:
    ctx.require("company_info")
    if ctx.int_param("id") != ctx.co.id:
        raise forbidden()
    return sim.one(ctx, ctx.co.company, "Company")


def _employee_visible(ctx: Ctx) -> Pred | None:
    return None if ctx.has("employee_read") else (lambda row: row["id"] == ctx.info.employee_id)


@route("GET", "/employee")
def _employees(sim: World, ctx: Ctx) -> Reply:
    visible = _employee_visible(ctx)
    return sim.many(ctx, ctx.co.employees, "Employee", "employees", preds=[visible] if visible else [])


@route("GET", "/employee/{id}")
def _employee(sim: World, ctx: Ctx) -> Reply:
    eid = ctx.int_param("id")
    if eid not in ctx.co.employees:
        raise not_found()
    if not ctx.has("employee_read") and eid != ctx.info.employee_id:
        raise forbidden()
    return sim.one(ctx, ctx.co.employees[eid], "Employee")


@route("GET", "/employee/entitlement")
def _entitlements(sim: World, ctx: Ctx) -> Reply:
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


def _project_view(sim: World, ctx: Ctx) -> Callable[[Row], Row]:
    def view(row: Row) -> Row:
        own = (row.get("projectManager") or {}).get("id") == ctx.info.employee_id
        write = own or ctx.has("project_all")
        if row.get("isClosed") and sim.quirks.closed_projects_read_only:
            write = False
        out = {**row, "accessType": "WRITE" if write else "READ"}
        if not ctx.has("project_status"):
            out.pop("isClosed", None)
        return out

    return view


@route("GET", "/project")
def _projects(sim: World, ctx: Ctx) -> Reply:
    ctx.require("project_info")
    preds: list[Pred] = []
    if ctx.query.get("id"):  # Tripletex #101: closed projects are missing from GET /project?id=
        preds.append(lambda row: not row.get("isClosed"))
    if ctx.query.get("isClosed") == "false" and ctx.query.get("includeRecentlyClosed") == "true":
        ctx.query = {k: v for k, v in ctx.query.items() if k != "isClosed"}
    return sim.many(ctx, ctx.co.projects, "Project", "projects", preds=preds, view=_project_view(sim, ctx))


@route("GET", "/project/settings")
def _project_settings(sim: World, ctx: Ctx) -> Reply:
    ctx.require("project_settings")
    return sim.one(ctx, ctx.co.project_settings, "ProjectSettings")


@route("GET", "/project/{id}")
def _project(sim: World, ctx: Ctx) -> Reply:
    ctx.require("project_info")
    pid = ctx.int_param("id")
    if pid not in ctx.co.projects:
        raise not_found()
    return sim.one(ctx, _project_view(sim, ctx)(ctx.co.projects[pid]), "Project")


@route("POST", "/project")
def _create_project(sim: World, ctx: Ctx) -> Reply:
    """A new project (conformance creates and deletes one): name, projectManager and startDate required."""
    ctx.require("project_info")
    body = ctx.json()
    check_known_fields(body, "Project")
    missing = [f for f in ("name", "projectManager", "startDate") if not body.get(f)]
    if missing:
        raise invalid([(f, NOT_NULL) for f in missing])
    manager = (body.get("projectManager") or {}).get("id")
    if manager not in ctx.co.employees:
        raise invalid([("projectManager.id", "Finnes ikke.")])
    pid = sim._ids()
    number = str(body.get("number") or 9000 + len(ctx.co.projects))
    manager_id = cast(int, manager)  # one of the company's employee ids (checked above)
    row = project_row(pid, number, str(body["name"]), manager_id, bool(body.get("isClosed")), False, None)
    row["startDate"] = body["startDate"]
    ctx.co.projects[pid] = row
    return sim.one(ctx, _project_view(sim, ctx)(row), "Project", 201)


@route("PUT", "/project/{id}")
def _update_project(sim: World, ctx: Ctx) -> Reply:
    """Partial update of `name`/`isClosed`/`endDate` (409/8000 on a stale `version`)."""
    ctx.require("project_info")
    pid = ctx.int_param("id")
    if pid not in ctx.co.projects:
        raise not_found()
    body = ctx.json()
    check_known_fields(body, "Project")
    row = dict(ctx.co.projects[pid])
    if body.get("version") is not None and body["version"] != row.get("version"):
        raise ApiFail(409, 8000, "Objektet er endret av noen andre.")
    for key in ("name", "isClosed", "endDate"):
        if key in body:
            row[key] = body[key]
    row["version"] = int(row.get("version") or 0) + 1
    ctx.co.projects[pid] = row
    return sim.one(ctx, _project_view(sim, ctx)(row), "Project")


@route("DELETE", "/project/{id}")
def _delete_project(sim: World, ctx: Ctx) -> Reply:
    ctx.require("project_info")
    pid = ctx.int_param("id")
    if pid not in ctx.co.projects:
        raise not_found()
    del ctx.co.projects[pid]
    return Reply(204)


@route("GET", "/company/salesmodules")
def _sales_modules(sim: World, ctx: Ctx) -> Reply:
    """The company's active sales modules; PROJECT unless the company lacks the project module."""
    names = ["KOMPLETT", "API_V2"] + ([] if "project" in ctx.co.inactive_modules else ["PROJECT"])
    rows = [{"name": n, "costStartDate": "2015-01-01"} for n in names]
    return sim.many(ctx, rows, "SalesModule")


@route("GET", "/asset")
def _assets(sim: World, ctx: Ctx) -> Reply:
    """No demo company has the fixed-asset register: 403/9000, as one trace saw despite KOMPLETT (NM-API)."""
    raise forbidden("Modulen er ikke aktivert for selskapet.")


def _simple(template: str, table: str, model: str, perm: str | None = None, shared: bool = False) -> None:
    """GET list + GET /{id} for a plain lookup table."""

    def source(sim: World, ctx: Ctx) -> Table:
        if perm:
            ctx.require(perm)
        return sim.shared[table] if shared else ctx.co.table(table)

    def get_list(sim: World, ctx: Ctx) -> Reply:
        rows = source(sim, ctx)
        join = None
        if table == "rates":
            cats = sim.shared["rate_categories"]
            join = lambda row: {**row, "_cat": cats[row["rateCategory"]["id"]]}  # noqa: E731
        return sim.many(ctx, rows, model, table, join=join)

    def get_one(sim: World, ctx: Ctx) -> Reply:
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
_simple("/ledger/vatType", "vat_types", "VatType", shared=True)


@route("GET", "/ledger/vatSettings")
def _vat_settings(sim: World, ctx: Ctx) -> Reply:
    """The company's VAT registration (2.74.00); readable with any session here (README: assumption)."""
    return sim.one(ctx, ctx.co.vat_settings, "VatSettings")


@route("GET", "/currency/{id}/rate")
def _currency_rate(sim: World, ctx: Ctx) -> Reply:
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
def _travel_settings(sim: World, ctx: Ctx) -> Reply:
    ctx.require("travel_settings")
    return sim.one(ctx, ctx.co.settings, "TravelExpenseSettings")
