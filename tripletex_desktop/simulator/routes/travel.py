"""Travel expenses: list, read, create, update, delete, and the deliver/undeliver/approve transitions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..context import Ctx, Reply
from ..deliver import deliver_problems
from ..dispatch import route
from ..domain import (
    LINE_KINDS,
    ApiFail,
    actions,
    check_known_fields,
    check_travel_details,
    forbidden,
    has_lines,
    invalid,
    may_approve,
    not_found,
    prepare_line,
    ref_id,
    set_state,
)
from ..filters import Pred, f_ids
from ..seed import travel_expense_row
from ..store import Row
from ..world import World


def _report_view(sim: World, ctx: Ctx) -> Callable[[Row], Row]:
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
def _travel_expenses(sim: World, ctx: Ctx) -> Reply:
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
def _travel_expense(sim: World, ctx: Ctx) -> Reply:
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
def _create_report(sim: World, ctx: Ctx) -> Reply:
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
def _update_report(sim: World, ctx: Ctx) -> Reply:
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
def _delete_report(sim: World, ctx: Ctx) -> Reply:
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


def _transition(
    sim: World, ctx: Ctx, check: Callable[[Row], str | None], state: str, *, validate: bool = False
) -> Reply:
    """Move every report in `?id=` to `state`, or none of them: a state refusal is 422/18000 on `id:<id>`;
    with `validate` (deliver, approve) the reports are then judged whole (`deliver.py`), 422/15000 naming
    each line field."""
    ctx.require("travel_register")
    reports = [_report(ctx, rid) for rid in _ids_param(ctx)]
    errors = [(f"id:{r['id']}", msg) for r in reports if (msg := check(r))]
    if errors:
        raise invalid(errors, 18000)
    if validate:
        problems = [p for r in reports for p in deliver_problems(r, ctx.co, sim.shared)]
        if problems:
            with_ids = sim.quirks.deliver_root_ids
            raise ApiFail(
                422,
                15000,
                "Validering feilet.",
                [(p.field, p.message, p.line_id if with_ids else None) for p in problems],
            )
    today = sim.today()
    out = []
    for report in reports:
        row = set_state(report, state, ctx.info.employee_id, today)
        ctx.co.travel_expenses[row["id"]] = row
        out.append(row)
    return sim.many(ctx, out, "TravelExpense", view=_report_view(sim, ctx))


@route("PUT", "/travelExpense/:deliver")
def _deliver(sim: World, ctx: Ctx) -> Reply:
    def check(r: Row) -> str | None:
        if r["state"] != "OPEN":
            return f"Reiseregningen har status {r['stateName']} og kan ikke leveres."
        if not has_lines(r):
            return "Reiseregningen har ingen utgifter, godtgjørelser eller diett og kan ikke leveres."
        return None

    return _transition(sim, ctx, check, "DELIVERED", validate=True)


@route("PUT", "/travelExpense/:undeliver")
def _undeliver(sim: World, ctx: Ctx) -> Reply:
    def check(r: Row) -> str | None:
        return None if r["state"] == "DELIVERED" else f"Reiseregningen har status {r['stateName']}."

    return _transition(sim, ctx, check, "OPEN")


@route("PUT", "/travelExpense/:unapprove")
def _unapprove(sim: World, ctx: Ctx) -> Reply:
    def check(r: Row) -> str | None:
        return None if r["state"] == "APPROVED" else f"Reiseregningen har status {r['stateName']}."

    ctx.require("travel_all")
    return _transition(sim, ctx, check, "DELIVERED")


@route("PUT", "/travelExpense/:approve")
def _approve(sim: World, ctx: Ctx) -> Reply:
    ctx.require("travel_all")
    if sim.quirks.approve_forbidden:
        raise forbidden("Du har ikke tilgang til å godkjenne reiseregninger.")
    viewer = ctx.viewer()

    def check(r: Row) -> str | None:
        if r["state"] != "DELIVERED":
            return f"Reiseregningen har status {r['stateName']} og kan ikke godkjennes."
        if not may_approve(r, viewer, ctx.co.settings):
            return "Du kan ikke godkjenne dine egne reiseregninger."
        return None

    return _transition(sim, ctx, check, "APPROVED", validate=True)
