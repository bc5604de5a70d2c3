"""CompanyClient: every read and write in one company context (Basic-auth username = company id or 0)."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol, TypeVar

import httpx

from tripletex_desktop.core.api import parse
from tripletex_desktop.core.api.call import CHECKSUM_REQUEST, Call, Params
from tripletex_desktop.core.errors import ClientNotReachable, PermissionDenied, ServerError
from tripletex_desktop.core.models import (
    OWN_COMPANY,
    CostCategory,
    Department,
    Employee,
    ListPage,
    PaymentType,
    Project,
    Rate,
    RateCategory,
    RateType,
    TravelExpenseSettings,
    TravelZone,
    VatSettings,
    WhoAmI,
)

T = TypeVar("T")
Json = dict[str, Any]

TRAVEL_EXPENSE_FIELDS = (
    "id,version,number,title,state,isCompleted,isApproved,employee(id),project(id),department(id),"
    "travelDetails(*)"
)
ENTITLEMENT_FIELDS = "id,entitlementId,name,employee(id),customer(id)"


class Session(Protocol):
    """What a CompanyClient needs of its TripletexClient: the session's requests, decoding and page size."""

    page_size: int

    def request(self, call: Call) -> httpx.Response:
        """Send one call (auth, retries, error mapping); the raw response."""
        ...

    def request_json(self, call: Call) -> Any:
        """Send one call and decode its JSON body."""
        ...

    def decode(self, response: httpx.Response, call: Call) -> Any:
        """The JSON body of a response to `call`."""
        ...


def _identity(value: Json) -> Json:
    return value


def selector_tag(path: str, fields: str, params: Params | None = None) -> str:
    """A short hash of what a list read asks for (path, `fields`, filters): stored with its digest.

    A digest is only reused for the very same question; when a new version of the app asks for other
    fields (or other filters), the stored digest no longer matches and the list is read in full.
    """
    given = params or {}
    query = "&".join(f"{k}={given[k]}" for k in sorted(given) if k not in ("from", "count"))
    return hashlib.sha256(f"{path}?{query}#{fields}".encode()).hexdigest()[:12]


def _untag(stored: str | None, tag: str) -> str | None:
    """The server's digest inside a stored `<tag>|<digest>`, None when it was stored for another question."""
    if not stored:
        return None
    got, sep, digest = stored.partition("|")
    return digest if sep and got == tag and digest else None


#: What reading an answer of an unexpected shape raises (a missing key, a wrong type, a bad number or date).
_SHAPE_ERRORS = (KeyError, TypeError, ValueError, AttributeError, ArithmeticError, IndexError)


@contextlib.contextmanager
def answer_shape(method: str, path: str) -> Iterator[None]:
    """Turn an answer Tripletex should never give (truncated, wrongly typed, a key missing) into a ServerError
    (the generic "Tripletex answered strangely, try later" message), never a crash."""
    try:
        yield
    except _SHAPE_ERRORS as exc:
        raise ServerError(f"unexpected answer ({type(exc).__name__})", method=method, path=path) from None


class CompanyClient:
    """Reads and writes in one company context of a `TripletexClient` session.

    Checksums: list reads send `If-None-Match` on the FIRST page only — the stored `versionDigest`, or a
    dummy value when none is stored yet (any non-empty value turns checksums on, API-NOTES §6). A 304
    answers `ListPage(not_modified=True)`. The digest handed out is tagged with `selector_tag` (what was
    asked), so one stored for other `fields` or filters is never sent. Because Tripletex does not say whether the digest of a paged
    query covers the later pages, a digest is returned only when the whole list came in one page; for
    longer lists `version_digest` is None and the next read is a full read (correct, just slower).
    """

    def __init__(self, client: Session, company_id: int) -> None:
        self._client = client
        self.company_id = company_id
        self._currencies: dict[str, int | None] = {}

    def __repr__(self) -> str:
        return f"CompanyClient(company_id={self.company_id})"

    # --- low level ------------------------------------------------------------------------------------

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        """Send one request in this company's context and return the decoded JSON (None when empty)."""
        return self._client.request_json(Call(method, path, company_id=self.company_id, **kwargs))

    def get(self, path: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        """Low-level GET (used by the permission probes); raises the mapped error on non-2xx."""
        return self.call("GET", path, params=params) or {}

    def read_list(
        self,
        path: str,
        *,
        fields: str,
        parse: Callable[[Json], T],
        params: Params | None = None,
        if_none_match: str | None = None,
        checksum: bool = True,
        page_size: int | None = None,
    ) -> ListPage[T]:
        """Read every page of a list endpoint with `from`/`count` until a short page (never fullResultSize)."""
        count = page_size or self._client.page_size
        values: list[T] = []
        digest: str | None = None
        tag = selector_tag(path, fields, params)
        server_digest = _untag(if_none_match, tag)
        start = 0
        while True:
            headers = None
            if checksum and start == 0:
                headers = {"If-None-Match": server_digest or CHECKSUM_REQUEST}
            query = {**(params or {}), "fields": fields, "from": start, "count": count}
            call = Call("GET", path, company_id=self.company_id, params=query, headers=headers)
            response = self._client.request(call)
            if response.status_code == 304:
                return ListPage(values=(), version_digest=if_none_match, not_modified=True)
            with answer_shape("GET", path):
                # an empty or non-object answer is not "an empty list": reconciliation would write twice
                body = self._client.decode(response, call)
                if not isinstance(body, dict):
                    raise TypeError("body")
                page = body.get("values") or []
                if not isinstance(page, list):
                    raise TypeError("values")
                if start == 0:
                    raw = body.get("versionDigest") if checksum else None
                    digest = f"{tag}|{raw}" if isinstance(raw, str) and raw else None
                values.extend(parse(v) for v in page)
            if len(page) < count:
                break
            start += count
        single_page = start == 0
        return ListPage(values=tuple(values), version_digest=digest if single_page else None)

    def _value(self, path: str, fields: str, params: Params | None = None) -> Json:
        body = self.call("GET", path, params={**(params or {}), "fields": fields}) or {}
        with answer_shape("GET", path):
            value = body.get("value") or {}
            if not isinstance(value, dict):
                raise TypeError("value")
            return value

    def _created(self, path: str, body: Json) -> Json:
        """POST; the created object, which must carry its integer id (else a ServerError: the write may have
        been committed, so the transfer reconciles)."""
        answer = self.call("POST", path, body=body) or {}
        with answer_shape("POST", path):
            value = answer.get("value") or {}
            if not isinstance(value, dict) or isinstance(value.get("id"), bool):
                raise TypeError("value")
            int(value["id"])
            return value

    # --- session context ------------------------------------------------------------------------------

    def who_am_i(self) -> WhoAmI:
        """`GET /token/session/>whoAmI` in this context (companyId tells whether the client is reachable).

        whoAmI needs no permission, so a 403 under a client company's id means the token does not reach that
        client (any more): ClientNotReachable, which touches only that company.
        """
        try:
            value = self._value("/token/session/>whoAmI", parse.WHOAMI_FIELDS)
        except PermissionDenied as exc:
            if self.company_id == OWN_COMPANY or isinstance(exc, ClientNotReachable):
                raise
            raise ClientNotReachable(
                exc.detail,
                status=exc.status,
                tripletex_code=exc.tripletex_code,
                request_id=exc.request_id,
                method=exc.method,
                path=exc.path,
            ) from None
        with answer_shape("GET", "/token/session/>whoAmI"):
            return parse.who_am_i(value)

    def company_info(self, company_id: int, fields: str = "id,name,organizationNumber,type") -> Json:
        """`GET /company/{id}`."""
        return self._value(f"/company/{company_id}", fields)

    # --- lookups ----------------------------------------------------------------------------------------

    def employees(self, *, if_none_match: str | None = None) -> ListPage[Employee]:
        """All employees (`GET /employee`, paged)."""
        return self.read_list(
            "/employee", fields=parse.EMPLOYEE_FIELDS, parse=parse.employee, if_none_match=if_none_match
        )

    def projects(
        self, *, if_none_match: str | None = None, is_closed: bool | None = None
    ) -> ListPage[Project]:
        """Projects (`GET /project`, paged); `is_closed` filters when given."""
        return self.read_list(
            "/project",
            fields=parse.PROJECT_FIELDS,
            parse=parse.project,
            params={"isClosed": is_closed},
            if_none_match=if_none_match,
        )

    def departments(self, *, if_none_match: str | None = None) -> ListPage[Department]:
        """Departments, active and inactive (`GET /department`, paged)."""
        return self.read_list(
            "/department", fields=parse.DEPARTMENT_FIELDS, parse=parse.department, if_none_match=if_none_match
        )

    def cost_categories(self, *, if_none_match: str | None = None) -> ListPage[CostCategory]:
        """Travel cost categories (`GET /travelExpense/costCategory`, paged)."""
        return self.read_list(
            "/travelExpense/costCategory",
            fields=parse.COST_CATEGORY_FIELDS,
            parse=parse.cost_category,
            if_none_match=if_none_match,
        )

    def payment_types(self, *, if_none_match: str | None = None) -> ListPage[PaymentType]:
        """Travel payment types (`GET /travelExpense/paymentType`, paged)."""
        return self.read_list(
            "/travelExpense/paymentType",
            fields=parse.PAYMENT_TYPE_FIELDS,
            parse=parse.payment_type,
            if_none_match=if_none_match,
        )

    def rate_categories(
        self,
        *,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        type: RateType | None = None,  # noqa: A002 - the public interface names it `type`
        if_none_match: str | None = None,
    ) -> ListPage[RateCategory]:
        """Rate categories valid in [date_from, date_to) (`GET /travelExpense/rateCategory`)."""
        return self.read_list(
            "/travelExpense/rateCategory",
            fields=parse.RATE_CATEGORY_FIELDS,
            parse=parse.rate_category,
            params={"dateFrom": date_from, "dateTo": date_to, "type": type.value if type else None},
            if_none_match=if_none_match,
        )

    def rates(
        self,
        *,
        rate_category_id: int | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        if_none_match: str | None = None,
        checksum: bool = False,
    ) -> ListPage[Rate]:
        """Rates valid in [date_from, date_to) (`GET /travelExpense/rate`).

        Tripletex holds 10,000+ rates (every year, every zone), so the list spans many pages and a digest
        would never be kept (see the class docstring): no `If-None-Match` unless `checksum` asks for it.
        """
        return self.read_list(
            "/travelExpense/rate",
            fields=parse.RATE_FIELDS,
            parse=parse.rate,
            params={"rateCategoryId": rate_category_id, "dateFrom": date_from, "dateTo": date_to},
            if_none_match=if_none_match,
            checksum=checksum,
        )

    def zones(self, *, on: dt.date | None = None, if_none_match: str | None = None) -> ListPage[TravelZone]:
        """Travel expense zones, one per country (valid on `on` when given; `GET /travelExpense/zone`)."""
        return self.read_list(
            "/travelExpense/zone",
            fields=parse.ZONE_FIELDS,
            parse=parse.zone,
            params={"date": on},
            if_none_match=if_none_match,
        )

    def vat_settings(self) -> VatSettings | None:
        """The company's VAT registration (`GET /ledger/vatSettings`); None for a status this app does not know."""
        return parse.vat_settings(self._value("/ledger/vatSettings", parse.VAT_SETTINGS_FIELDS))

    def currency_by_code(self, code: str) -> int | None:
        """The id of the currency with ISO `code` (`GET /currency?code=`), None when Tripletex has none; cached."""
        key = code.strip().upper()
        if key not in self._currencies:
            page = self.read_list(
                "/currency", fields="id,code", parse=_identity, params={"code": key}, checksum=False
            )
            self._currencies[key] = next((int(v["id"]) for v in page.values if v.get("code") == key), None)
        return self._currencies[key]

    def currency_rate(self, currency_id: int, on: dt.date) -> Decimal | None:
        """NOK per ONE unit of the currency on `on` (`GET /currency/{id}/rate`, divided by the currency's
        `factor`: Norges Bank quotes SEK and DKK per 100); None when Tripletex gives no usable rate."""
        value = self._value(
            f"/currency/{currency_id}/rate", "rate,sourceCurrency(id,factor)", {"date": on.isoformat()}
        )
        try:
            rate = Decimal(str(value.get("rate")))
            factor = Decimal(str((value.get("sourceCurrency") or {}).get("factor") or 1))
        except (InvalidOperation, ValueError):
            return None
        if not rate.is_finite() or rate <= 0 or factor <= 0:
            return None
        return rate / factor

    def travel_expense_settings(self) -> TravelExpenseSettings:
        """`GET /travelExpense/settings`."""
        value = self._value("/travelExpense/settings", parse.SETTINGS_FIELDS)
        with answer_shape("GET", "/travelExpense/settings"):
            return parse.travel_expense_settings(value)

    def entitlements(self, employee_id: int | None = None) -> list[Json]:
        """`GET /employee/entitlement` (default: the token owner)."""
        page = self.read_list(
            "/employee/entitlement",
            fields=ENTITLEMENT_FIELDS,
            parse=_identity,
            params={"employeeId": employee_id},
            checksum=False,
        )
        return list(page.values)

    # --- travel expenses ------------------------------------------------------------------------------

    def travel_expenses(
        self,
        *,
        employee_id: int | None = None,
        departure_date_from: dt.date | None = None,
        return_date_to: dt.date | None = None,
        state: str | None = None,
        fields: str = TRAVEL_EXPENSE_FIELDS,
    ) -> list[Json]:
        """Search travel expenses (`GET /travelExpense`, paged); `return_date_to` is exclusive."""
        page = self.read_list(
            "/travelExpense",
            fields=fields,
            parse=_identity,
            params={
                "employeeId": employee_id,
                "departureDateFrom": departure_date_from,
                "returnDateTo": return_date_to,
                "state": state,
            },
            checksum=False,
        )
        return list(page.values)

    def get_travel_expense(self, id: int, fields: str = "*") -> Json:  # noqa: A002 - interface name
        """`GET /travelExpense/{id}`."""
        return self._value(f"/travelExpense/{id}", fields)

    def create_travel_expense(self, body: Json) -> Json:
        """`POST /travelExpense` → the created report. Never retried on an unknown outcome."""
        return self._created("/travelExpense", body)

    def update_travel_expense(self, id: int, body: Json) -> Json:  # noqa: A002 - interface name
        """`PUT /travelExpense/{id}` with only the fields to change."""
        answer = self.call("PUT", f"/travelExpense/{id}", body=body) or {}
        return answer.get("value") or {}

    def delete_travel_expense(self, id: int) -> None:  # noqa: A002 - interface name
        """`DELETE /travelExpense/{id}`."""
        self.call("DELETE", f"/travelExpense/{id}")

    def create_mileage_allowance(self, body: Json) -> Json:
        """`POST /travelExpense/mileageAllowance`."""
        return self._created("/travelExpense/mileageAllowance", body)

    def mileage_allowances(self, travel_expense_id: int) -> list[Json]:
        """Mileage allowances of one report."""
        return self._children("/travelExpense/mileageAllowance", travel_expense_id)

    def create_per_diem_compensation(self, body: Json) -> Json:
        """`POST /travelExpense/perDiemCompensation`."""
        return self._created("/travelExpense/perDiemCompensation", body)

    def per_diem_compensations(self, travel_expense_id: int) -> list[Json]:
        """Per diem compensations of one report."""
        return self._children("/travelExpense/perDiemCompensation", travel_expense_id)

    def create_cost(self, body: Json) -> Json:
        """`POST /travelExpense/cost`."""
        return self._created("/travelExpense/cost", body)

    def costs(self, travel_expense_id: int) -> list[Json]:
        """Costs of one report."""
        return self._children("/travelExpense/cost", travel_expense_id)

    def _children(self, path: str, travel_expense_id: int) -> list[Json]:
        page = self.read_list(
            path, fields="*", parse=_identity, params={"travelExpenseId": travel_expense_id}, checksum=False
        )
        return list(page.values)

    def upload_attachment(
        self, travel_expense_id: int, filename: str, content: bytes, content_type: str
    ) -> None:
        """`POST /travelExpense/{id}/attachment` (multipart `file`)."""
        self.call(
            "POST",
            f"/travelExpense/{travel_expense_id}/attachment",
            files={"file": (filename, content, content_type)},
        )

    def update_line(self, path: str, id: int, body: Json) -> Json:  # noqa: A002 - interface name
        """`PUT <path>/{id}` of a travel expense line (``/travelExpense/cost`` …) with its new content."""
        answer = self.call("PUT", f"{path}/{id}", body=body) or {}
        return answer.get("value") or {}

    def delete_line(self, path: str, id: int) -> None:  # noqa: A002 - interface name
        """`DELETE <path>/{id}` of a travel expense line (``/travelExpense/cost`` …)."""
        self.call("DELETE", f"{path}/{id}")

    def delete_attachments(self, travel_expense_id: int) -> None:
        """`DELETE /travelExpense/{id}/attachment`: Tripletex keeps one merged document per report."""
        self.call("DELETE", f"/travelExpense/{travel_expense_id}/attachment")

    def deliver(self, ids: Sequence[int]) -> list[Json]:
        """`PUT /travelExpense/:deliver?id=…` → the affected reports. Re-read state before repeating."""
        answer = self.call("PUT", "/travelExpense/:deliver", params={"id": list(ids)}) or {}
        return list(answer.get("values") or [])

    def approve(self, ids: Sequence[int], override_approval_flow: bool = False) -> list[Json]:
        """`PUT /travelExpense/:approve?id=…` → the affected reports."""
        params = {"id": list(ids), "overrideApprovalFlow": override_approval_flow}
        answer = self.call("PUT", "/travelExpense/:approve", params=params) or {}
        return list(answer.get("values") or [])
