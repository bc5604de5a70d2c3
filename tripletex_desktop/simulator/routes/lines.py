"""Travel expense lines (mileage, per diem, accommodation, costs) and the report's attachment."""

from __future__ import annotations

from email.parser import BytesParser
from email.policy import HTTP

from ..context import Ctx, Reply
from ..dispatch import route
from ..domain import LINE_KINDS, ApiFail, check_known_fields, invalid, not_found, recompute, ref_id
from ..filters import Pred
from ..seed import ref
from ..world import World
from .travel import _own_only, _report


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

    def get_list(sim: World, ctx: Ctx) -> Reply:
        ctx.require("travel_register")
        pred = visible(ctx)
        return sim.many(ctx, ctx.co.table(spec.table), spec.model, spec.table, preds=[pred] if pred else [])

    def get_one(sim: World, ctx: Ctx) -> Reply:
        ctx.require("travel_register")
        table = ctx.co.table(spec.table)
        lid = ctx.int_param("id")
        if lid not in table:
            raise not_found()
        _report(ctx, ref_id(table[lid].get("travelExpense")))
        return sim.one(ctx, table[lid], spec.model)

    def create(sim: World, ctx: Ctx) -> Reply:
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

    def delete(sim: World, ctx: Ctx) -> Reply:
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
def _upload(sim: World, ctx: Ctx) -> Reply:
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
def _download(sim: World, ctx: Ctx) -> Reply:
    ctx.require("travel_register")
    report = _report(ctx, ctx.int_param("travelExpenseId"))
    doc_id = ref_id(report.get("attachment"))
    if doc_id is None or doc_id not in ctx.co.attachments:
        raise not_found()
    doc = ctx.co.attachments[doc_id]
    return Reply(200, doc["data"], {"Content-Type": doc["mimeType"]})
