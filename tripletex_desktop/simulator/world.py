"""The simulator's state and how it answers: id counter, companies and shared tables, and the list/one renderers."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable
from typing import Any

from . import fields as flds
from .context import Ctx, Reply, Session
from .domain import LINE_KINDS, ApiFail, prepare_line, recompute
from .echo import Echo
from .filters import FILTERS, Pred
from .quirks import Quirks
from .seed import Ids, TokenInfo, ref, travel_expense_row
from .store import CompanyData, Row, Table

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
    "VatType": "ledger/vatType",
    "VatSettings": "ledger/vatSettings",
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
    "VatType": "vat_types",
}


class World:
    """What every handler works on: the state of the simulated Tripletex and the helpers that render it.

    `Simulator` builds it (seed data, tokens) and adds the WSGI entry point, persistence and test helpers.
    """

    today: Callable[[], dt.date]
    environment: str
    companies: dict[int, CompanyData]
    shared: dict[str, Table]
    sessions: dict[str, Session]
    tokens: dict[str, TokenInfo]
    echo: Echo
    quirks: Quirks
    _ids: Ids
    _numbers: dict[int, int]
    _consumer_id: int

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
        """A stable checksum of the whole result: data revision, query (without paging) and who looks.

        The token's permissions are not part of it (Tripletex's checksum README: privilege changes are not
        covered), unless `quirks.digest_covers_permissions`.
        """
        company = ctx.company
        key = [
            company.id if company else 0,
            company.revision if company else 0,
            ctx.path,
            sorted((k, v) for k, v in ctx.query.items() if k not in ("from", "count")),
            ctx.info.employee_id if ctx.session else 0,
            sorted(ctx.info.permissions) if ctx.session and self.quirks.digest_covers_permissions else [],
        ]
        return hashlib.sha256(json.dumps(key, default=str).encode()).hexdigest()[:32]
