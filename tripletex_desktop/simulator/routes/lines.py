"""Travel expense lines (mileage, per diem, accommodation, costs) and the report's attachment."""

from __future__ import annotations

from email.parser import BytesParser
from email.policy import HTTP

from ..context import Ctx, Reply
from ..dispatch import route
from ..domain import (
    LINE_KINDS,
    ApiFail,
    check_known_fields,
    invalid,
    not_found,
    prepare_line,
    recompute,
    ref_id,
)
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
        row = sim._add_line(ctx.co, rid, kind, body)
        echo = sim.echo
        if kind == "perDiemCompensation" and echo.per_diem_country_code and not body.get("countryCode"):
            row = ctx.co.table(spec.table)[row["id"]] = {**row, "countryCode": echo.per_diem_country_code}
        if echo.line_create_url_only:
            return Reply(201, {"value": {"url": f"{ctx.base_url}/{base.lstrip('/')}/{row['id']}"}})
        return sim.one(ctx, row, spec.model, 201)

    def update(sim: World, ctx: Ctx) -> Reply:
        """`PUT .../{id}`: the fields sent replace the stored ones (Tripletex's partial PUT); rate and amount
        are worked out again, a stale `version` is a 409."""
        ctx.require("travel_register")
        table = ctx.co.table(spec.table)
        lid = ctx.int_param("id")
        if lid not in table:
            raise not_found()
        old = table[lid]
        report = _report(ctx, ref_id(old.get("travelExpense")), write=True)
        body = ctx.json()
        check_known_fields(body, spec.model)
        if body.get("version") is not None and body["version"] != old.get("version"):
            raise ApiFail(409, 8000, "Objektet er endret av en annen bruker (versjonskonflikt).")
        if ref_id(body.get("travelExpense")) not in (None, report["id"]):
            raise invalid([("travelExpense", "En linje kan ikke flyttes til en annen reiseregning.")])
        base_row = {k: v for k, v in old.items() if k not in ("id", "version", "url", "changes", "amount")}
        if (
            kind == "cost"
            and "amountNOKInclVAT" not in body
            and ("amountCurrencyIncVat" in body or "currency" in body)
        ):
            base_row.pop("amountNOKInclVAT", None)  # worked out again from the new amount
            base_row.pop("rate", None)
        if ("rateType" in body or "rateCategory" in body) and "rate" not in body:
            base_row.pop("rate", None)  # a new rate type brings its own rate
            base_row.pop("rateType", None)
            base_row.pop("rateCategory", None)
        row = prepare_line(kind, base_row | body, ctx.co, sim.shared, report)
        row |= {"id": lid, "version": int(old.get("version") or 1) + 1}
        table[lid] = row
        ctx.co.travel_expenses[report["id"]] = recompute(ctx.co.travel_expenses[report["id"]], ctx.co)
        return sim.one(ctx, row, spec.model)

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
    route("PUT", base + "/{id}")(update)
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
    payload = part.get_payload(decode=True)  # bytes for a leaf part, None for a multipart one
    data = payload if isinstance(payload, bytes) else b""
    if part.get_content_type() in sim.quirks.refused_upload_types:
        raise invalid(
            [("file", f"Filtypen {part.get_content_type()} støttes ikke (bruk PDF, PNG, JPEG eller TIFF).")]
        )
    pages = _pages(data, part.get_content_type())
    merged = ctx.co.attachments.get(ref_id(report.get("attachment")) or 0)
    if sim.quirks.attachment_merged and merged is not None:
        # one document per travel expense: the upload is appended to it (quirks.attachment_merged)
        doc = {
            **merged,
            "version": int(merged.get("version") or 1) + 1,
            "size": int(merged.get("size") or 0) + len(data),
            "mimeType": "application/pdf",
            "data": merged["data"] + data,
        }
    else:
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
    if sim.quirks.attachment_count_pages:
        count = int(report.get("attachmentCount") or 0) + pages
    elif sim.quirks.attachment_merged:
        count = 1
    else:
        count = int(report.get("attachmentCount") or 0) + 1
    ctx.co.travel_expenses[report["id"]] = {**report, "attachment": ref(doc["id"]), "attachmentCount": count}
    return sim.one(ctx, doc, "Document")


def _pages(data: bytes, mime_type: str) -> int:
    """The pages an upload adds to the merged PDF: a PDF's page objects, one for an image."""
    if mime_type != "application/pdf":
        return 1
    return max(1, data.count(b"/Type /Page") - data.count(b"/Type /Pages"))


@route("GET", "/travelExpense/{travelExpenseId}/attachment")
def _download(sim: World, ctx: Ctx) -> Reply:
    ctx.require("travel_register")
    report = _report(ctx, ctx.int_param("travelExpenseId"))
    doc_id = ref_id(report.get("attachment"))
    if doc_id is None or doc_id not in ctx.co.attachments:
        raise not_found()
    doc = ctx.co.attachments[doc_id]
    return Reply(200, doc["data"], {"Content-Type": doc["mimeType"]})


@route("DELETE", "/travelExpense/{travelExpenseId}/attachment")
def _delete_attachment(sim: World, ctx: Ctx) -> Reply:
    """Tripletex keeps one document per travel expense: DELETE removes it (every uploaded receipt)."""
    ctx.require("travel_register")
    report = _report(ctx, ctx.int_param("travelExpenseId"), write=True)
    if ref_id(report.get("attachment")) is None and not report.get("attachmentCount"):
        raise not_found()
    for doc_id in [d for d, doc in ctx.co.attachments.items() if doc.get("travelExpenseId") == report["id"]]:
        del ctx.co.attachments[doc_id]
    ctx.co.travel_expenses[report["id"]] = {**report, "attachment": None, "attachmentCount": 0}
    return Reply(204)
