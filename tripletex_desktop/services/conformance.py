"""The live conformance check: what the simulator still assumes about Tripletex, asked of a real test account.

`run_conformance` runs every check of CHECKS against one Tripletex test account (or the simulator) and returns
one outcome per assumption: what Tripletex answered, and whether that holds or differs from what the
simulator and the client assume (docs/conformance.md, docs/permissions.md, simulator/README.md).

Rules it keeps:
- It creates only clearly named data ("TD-conformance …" travel expenses and a project) in the account the
  token belongs to, and deletes every object it created, also when a check fails half-way (`Cleanup`); what it
  could not delete is reported by id.
- Tokens never appear in an answer: every text that leaves here goes through a `Redactor` of the tokens used.
- The caller (cli/conformance.py) refuses production; this module never decides where to connect.
"""

from __future__ import annotations

import datetime as dt
import secrets
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

import httpx

from tripletex_desktop.core.api import ConnectionTarget, TripletexClient
from tripletex_desktop.core.api.client import server_date, session_field
from tripletex_desktop.core.api.company import CompanyClient
from tripletex_desktop.core.api.redact import Redactor
from tripletex_desktop.core.errors import ApiError, TripletexDesktopError
from tripletex_desktop.core.mapping import suggest_mapping
from tripletex_desktop.core.models import OWN_COMPANY, CompanyMapping, CostCategory, RateType, WhoAmI
from tripletex_desktop.core.rates import RateTable
from tripletex_desktop.core.transfer import CostVat, InMemoryJournal, build_payloads, transfer
from tripletex_desktop.core.travel import (
    Accommodation,
    CostLine,
    MileageLine,
    PerDiemLine,
    ReportKind,
    TravelReport,
)

#: Every object the check creates starts with this (titles, the project name).
TAG = "TD-conformance"
#: A company id no token reaches (Basic-auth username for the "client out of reach" check).
UNREACHABLE_COMPANY_ID = 1


class Result(StrEnum):
    """What a check found."""

    HOLDS = "holds"
    DIFFERS = "differs"
    #: Tripletex's answer cannot settle it here (for example the account has the module being tested).
    UNSETTLED = "unsettled"
    #: The check itself failed (network, an unexpected error); see the answer.
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class Check:
    """One assumption: its key, the evidence finding it belongs to, and its text (en, nb)."""

    key: str
    finding: str
    assumption_en: str
    assumption_nb: str


@dataclass(frozen=True, slots=True)
class Outcome:
    """One check's result: what Tripletex answered (plain text, no secrets) and whether the assumption holds."""

    key: str
    result: Result
    answer: str
    request_id: str | None = None


@dataclass(frozen=True, slots=True)
class ConformanceReport:
    """Every outcome in CHECKS order, who ran it, and anything the cleanup could not delete."""

    who: WhoAmI | None
    outcomes: tuple[Outcome, ...]
    left_behind: tuple[str, ...] = ()
    #: How many HTTP requests the run sent (session checks included).
    requests: int = 0

    @property
    def all_hold(self) -> bool:
        """True when every assumption holds."""
        return all(o.result is Result.HOLDS for o in self.outcomes)

    @property
    def failed(self) -> bool:
        """A check errored or something created could not be deleted."""
        return bool(self.left_behind) or any(o.result is Result.ERROR for o in self.outcomes)


CHECKS: tuple[Check, ...] = (
    Check(
        "session_wrong_employee",
        "F6",
        "A wrong employee token at session creation is 422 naming employeeToken (with or without arg:).",
        "En feil brukernøkkel ved opprettelse av økt gir 422 som nevner employeeToken (med eller uten arg:).",
    ),
    Check(
        "session_field_prefix",
        "F6",
        "Session-creation errors name the field with the arg: prefix (the simulator's default).",
        "Feil ved opprettelse av økt navngir feltet med arg: foran (simulatorens standard).",
    ),
    Check(
        "session_wrong_consumer",
        "F6",
        "A wrong consumer token at session creation is 422 naming consumerToken.",
        "En feil consumer token ved opprettelse av økt gir 422 som nevner consumerToken.",
    ),
    Check(
        "date_header",
        "F6",
        "Every answer carries a Date header the client can take today's date from.",
        "Hvert svar har et Date-felt i hodet som klienten kan lese dagens dato fra.",
    ),
    Check(
        "expiration_today_refused",
        "F6",
        "A session whose expirationDate is today (Tripletex's date) is refused with 422 on expirationDate.",
        "En økt med expirationDate lik dagens dato (hos Tripletex) avvises med 422 på expirationDate.",
    ),
    Check(
        "module_403",
        "F2",
        "A read in a module the company does not have answers 403 with code 9000.",
        "Et oppslag i en modul selskapet ikke har, gir 403 med kode 9000.",
    ),
    Check(
        "closed_project_access",
        "F2",
        "A closed project the token owner manages still reports accessType WRITE.",
        "Et avsluttet prosjekt som nøkkeleieren leder, har fortsatt accessType WRITE.",
    ),
    Check(
        "unreachable_client",
        "F10",
        "Basic auth with a company id the token cannot reach answers 403 (not 401).",
        "Basic auth med et selskaps-id nøkkelen ikke når, gir 403 (ikke 401).",
    ),
    Check(
        "domestic_delivered",
        "F1, F4",
        "The app's domestic report (mileage, overnight per diem, a cost) is delivered.",
        "Appens innenlandske reiseregning (kjøring, diett med overnatting, en utgift) blir levert.",
    ),
    Check(
        "per_diem_read_back",
        "F13",
        "A domestic per diem row read back carries no countryCode (the request sent none).",
        "En innenlandsk diettlinje som leses tilbake, har ingen countryCode (forespørselen sendte ingen).",
    ),
    Check(
        "approve_allowed",
        "F9",
        "The token may call :approve after :deliver (a refusal is 422 by the company's rules, not 403).",
        "Nøkkelen kan kalle :approve etter :deliver (et avslag er 422 etter selskapets regler, ikke 403).",
    ),
    Check(
        "deliver_names_the_line_field",
        "F3, F4",
        "Deliver refuses a per diem without rateType with 422 naming perDiemCompensations.rateType.id.",
        "Levering avviser en diett uten rateType med 422 som nevner perDiemCompensations.rateType.id.",
    ),
    Check(
        "deliver_validation_code",
        "F4",
        "That deliver refusal carries code 15000 (the simulator's choice).",
        "Det avslaget har kode 15000 (simulatorens valg).",
    ),
    Check(
        "foreign_per_diem_delivered",
        "F3",
        "The app's trip to Sweden with per diem at the zone's rate is delivered.",
        "Appens reise til Sverige med diett etter sonens sats blir levert.",
    ),
    Check(
        "rate_zone_is_country_code",
        "F3",
        "A foreign per diem rate's zone is the zone's country code.",
        "Sonen på en utenlandsk diettsats er landkoden til sonen.",
    ),
    Check(
        "attachment_count_per_upload",
        "F12",
        "attachmentCount counts uploads: 2 after a two-page PDF and a PNG.",
        "attachmentCount teller opplastinger: 2 etter en PDF på to sider og en PNG.",
    ),
    Check(
        "sek_rate_per_factor",
        "F14",
        "The SEK rate is NOK per `factor` (100) units, as the app divides it.",
        "SEK-kursen er NOK per `factor` (100) enheter, slik appen deler den.",
    ),
)

CHECKS_BY_KEY = {c.key: c for c in CHECKS}


# --- test data ------------------------------------------------------------------------------------------


def two_page_pdf() -> bytes:
    """A minimal valid PDF with two empty pages."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def one_pixel_png() -> bytes:
    """A valid 1×1 white PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")

    header = (1).to_bytes(4, "big") * 2 + bytes([8, 2, 0, 0, 0])
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


# --- running ---------------------------------------------------------------------------------------------


class Cleanup:
    """What the run created, deleted in reverse order at the end; failures are kept as `left_behind`."""

    def __init__(self) -> None:
        self._undo: list[tuple[str, Callable[[], None]]] = []
        self.left_behind: list[str] = []

    def add(self, what: str, undo: Callable[[], None]) -> None:
        """Remember how to delete `what` (e.g. "travel expense 123")."""
        self._undo.append((what, undo))

    def run(self) -> None:
        """Delete everything, newest first; never raises."""
        while self._undo:
            what, undo = self._undo.pop()
            try:
                undo()
            except Exception:  # a cleanup that fails must not hide the others; it is reported
                self.left_behind.append(what)


@dataclass
class _Run:
    http: httpx.Client
    target: ConnectionTarget
    client: TripletexClient
    company: CompanyClient
    who: WhoAmI
    redact: Redactor
    cleanup: Cleanup
    stamp: str
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    raw_requests: int = 0
    domestic_id: int | None = None
    rate_table: RateTable | None = None
    reference: _Reference | None = None

    def say(self, key: str, result: Result, answer: str, request_id: str | None = None) -> None:
        self.outcomes[key] = Outcome(key, result, self.redact(answer), request_id)

    @property
    def today(self) -> dt.date:
        return self.client.today()


def _api_text(exc: ApiError) -> str:
    fields = ", ".join(f"{m.field}: {m.message}" for m in exc.validation_messages if m.field)
    text = f"HTTP {exc.status}/{exc.tripletex_code} «{exc.detail}»"
    return f"{text} [{fields}]" if fields else text


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _session_attempt(run: _Run, consumer: str, employee: str, expiration: dt.date) -> httpx.Response:
    run.raw_requests += 1
    return run.http.post(
        "/token/session/:create",
        json={"consumerToken": consumer, "employeeToken": employee, "expirationDate": expiration.isoformat()},
    )


def _fields_of(response: httpx.Response) -> list[str]:
    return [
        str(m.get("field"))
        for m in _json(response).get("validationMessages") or []
        if isinstance(m, dict) and m.get("field")
    ]


def _describe(response: httpx.Response) -> str:
    body = _json(response)
    fields = _fields_of(response)
    text = f"HTTP {response.status_code}/{body.get('code')} «{body.get('message') or ''}»"
    return f"{text} fields {fields}" if fields else text


def check_sessions(run: _Run, employee_token: str) -> None:
    """Wrong employee token, wrong consumer token, the Date header, and an expirationDate of today."""
    later = run.today + dt.timedelta(days=3)
    wrong = f"td-conformance-not-a-token-{secrets.token_hex(6)}"
    run.redact.add(wrong)
    answer = _session_attempt(run, run.target.consumer_token, wrong, later)
    fields = _fields_of(answer)
    named = [f for f in fields if session_field(f) == "employeeToken"]
    ok = answer.status_code == 422 and bool(named)
    rid = _json(answer).get("requestId")
    run.say("session_wrong_employee", Result.HOLDS if ok else Result.DIFFERS, _describe(answer), rid)
    if named:
        prefixed = any(f.startswith("arg:") for f in named)
        run.say(
            "session_field_prefix",
            Result.HOLDS if prefixed else Result.DIFFERS,
            f"field named {named[0]!r}",
            rid,
        )
    else:
        run.say("session_field_prefix", Result.UNSETTLED, "no employeeToken field to look at", rid)

    wrong_consumer = f"td-conformance-not-a-consumer-{secrets.token_hex(6)}"
    run.redact.add(wrong_consumer)
    answer = _session_attempt(run, wrong_consumer, employee_token, later)
    ok = answer.status_code == 422 and any(session_field(f) == "consumerToken" for f in _fields_of(answer))
    run.say(
        "session_wrong_consumer",
        Result.HOLDS if ok else Result.DIFFERS,
        _describe(answer),
        _json(answer).get("requestId"),
    )

    header = answer.headers.get("Date")
    theirs = server_date(answer)
    if theirs is None:
        run.say("date_header", Result.DIFFERS, f"Date header {header!r}")
        run.say("expiration_today_refused", Result.UNSETTLED, "no server date to test with")
        return
    run.say("date_header", Result.HOLDS, f"Date: {header} (Oslo date {theirs.isoformat()})")
    answer = _session_attempt(run, run.target.consumer_token, employee_token, theirs)
    fields = _fields_of(answer)
    if answer.status_code in (200, 201):
        token = ((_json(answer).get("value") or {}).get("token")) or ""
        if token:
            run.redact.add(str(token))
            run.raw_requests += 1
            run.http.delete(f"/token/session/{token}")
        run.say(
            "expiration_today_refused", Result.DIFFERS, f"HTTP {answer.status_code}: a session was created"
        )
        return
    ok = answer.status_code == 422 and any(session_field(f) == "expirationDate" for f in fields)
    run.say(
        "expiration_today_refused",
        Result.HOLDS if ok else Result.DIFFERS,
        _describe(answer),
        _json(answer).get("requestId"),
    )


def check_module_403(run: _Run) -> None:
    """The fixed-asset register is rarely active in a test account; its 403 is the module-less answer."""
    try:
        modules = run.company.get("/company/salesmodules", {"fields": "name"}).get("values") or []
        names = ", ".join(sorted(str(m.get("name")) for m in modules if isinstance(m, dict)))
    except ApiError as exc:
        names = f"(salesmodules: HTTP {exc.status})"
    try:
        run.company.get("/asset", {"count": 1, "fields": "id"})
    except ApiError as exc:
        if exc.status == 403:
            result = Result.HOLDS if exc.tripletex_code == 9000 else Result.DIFFERS
            run.say(
                "module_403", result, f"GET /asset → {_api_text(exc)}; sales modules: {names}", exc.request_id
            )
        else:
            run.say("module_403", Result.DIFFERS, f"GET /asset → {_api_text(exc)}", exc.request_id)
        return
    run.say(
        "module_403",
        Result.UNSETTLED,
        f"GET /asset answered 200 (the module is active); sales modules: {names}",
    )


def check_closed_project(run: _Run) -> None:
    """Create a project managed by the token owner, close it, read accessType, delete it."""
    try:
        created = run.company.call(
            "POST",
            "/project",
            body={
                "name": f"{TAG} {run.stamp}",
                "projectManager": {"id": run.who.employee_id},
                "startDate": run.today.isoformat(),
            },
        )
    except ApiError as exc:
        run.say(
            "closed_project_access", Result.UNSETTLED, f"POST /project → {_api_text(exc)}", exc.request_id
        )
        return
    value = (created or {}).get("value") or {}
    pid = int(value["id"])
    run.cleanup.add(f"project {pid}", lambda: run.company.call("DELETE", f"/project/{pid}"))
    current = (run.company.get(f"/project/{pid}", {"fields": "id,version"}).get("value")) or {}
    run.company.call(
        "PUT", f"/project/{pid}", body={"id": pid, "version": current.get("version"), "isClosed": True}
    )
    seen = (run.company.get(f"/project/{pid}", {"fields": "id,isClosed,accessType"}).get("value")) or {}
    access, closed = seen.get("accessType"), seen.get("isClosed")
    if closed is not True:
        run.say("closed_project_access", Result.UNSETTLED, f"the project did not close (isClosed={closed!r})")
        return
    result = Result.HOLDS if access == "WRITE" else Result.DIFFERS
    run.say("closed_project_access", result, f"isClosed=true, accessType={access!r}")


def check_unreachable_client(run: _Run) -> None:
    """whoAmI with a company id the token cannot reach as the Basic-auth username."""
    try:
        run.client.company(UNREACHABLE_COMPANY_ID).who_am_i()
    except ApiError as exc:
        result = (
            Result.HOLDS if exc.status == 403 else Result.DIFFERS if exc.status == 401 else Result.UNSETTLED
        )
        text = f"username {UNREACHABLE_COMPANY_ID} → {_api_text(exc)}; the client calls it {exc.code}"
        run.say("unreachable_client", result, text, exc.request_id)
        return
    run.say("unreachable_client", Result.UNSETTLED, f"company {UNREACHABLE_COMPANY_ID} answered 200")


@dataclass(frozen=True, slots=True)
class _Reference:
    """What the app would have synced: the mapping it would suggest, rates and zones, VAT, a cost category."""

    mapping: CompanyMapping
    table: RateTable
    vat: CostVat
    use_rates: bool
    cost: CostCategory


def _reference(run: _Run) -> _Reference:
    """Read once per run, around the trips' dates (the app reads the same lists in its sync)."""
    if run.reference is not None:
        return run.reference
    around = _departure(run)
    company = run.company
    categories = tuple(c for c in company.cost_categories().values if not c.is_inactive)
    payments = tuple(p for p in company.payment_types().values if not p.is_inactive)
    start, end = around - dt.timedelta(days=40), around + dt.timedelta(days=40)
    table = RateTable(
        tuple(company.rate_categories(date_from=start, date_to=end).values),
        tuple(company.rates(date_from=start, date_to=end).values),
        tuple(company.zones(on=around).values),
    )
    run.rate_table = table
    settings = company.travel_expense_settings()
    try:
        vat_settings = company.vat_settings()
    except ApiError:  # as in the app's sync: an unreadable VAT status leaves each category's own code
        vat_settings = None
    vat = CostVat.of(vat_settings, categories)
    mapping = suggest_mapping(run.who.company_id, categories, payments)
    taken = {mapping.mileage_cost_category_id, mapping.per_diem_cost_category_id}
    usable = [c for c in categories if c.id not in taken and c.show_on_travel_expenses]
    preferred = ("taxi", "parkering", "tog", "buss", "fly")
    cost = next(
        (c for c in usable for p in preferred if p in c.label.casefold()), usable[0] if usable else None
    )
    if cost is None:
        raise _Unsettled("the company has no active cost category to post a cost in")
    run.reference = _Reference(mapping, table, vat, bool(settings.use_rates), cost)
    return run.reference


def _departure(run: _Run) -> dt.date:
    """The trips leave nine days ago (a past, ordinary week), whatever today is."""
    return run.today - dt.timedelta(days=9)


class _Unsettled(Exception):  # noqa: N818 - control flow inside this module
    """A check cannot be run in this account (the message says why)."""


def _trip(
    run: _Run, title: str, *, country: str | None, cost: CostCategory, payment: int | None
) -> TravelReport:
    depart = _departure(run)
    foreign = country is not None
    return TravelReport(
        connection_id="conformance",
        company_id=run.who.company_id,
        employee_id=run.who.employee_id,
        title=f"{TAG} {title} {run.stamp}",
        departure_at=dt.datetime.combine(depart, dt.time(8, 0)),
        return_at=dt.datetime.combine(depart + dt.timedelta(days=1), dt.time(18, 0)),
        purpose=f"{TAG}: checking the app against Tripletex (safe to delete)",
        departure_from="Oslo",
        destination="Stockholm" if foreign else "Drammen",
        is_day_trip=False,
        is_foreign=foreign,
        country_code=country,
        kind=ReportKind.TRAVEL,
        lines=(
            MileageLine(depart, "Oslo", "Gardermoen", Decimal("42")),
            PerDiemLine(
                1, depart, accommodation=Accommodation.HOTEL, location="Stockholm" if foreign else "Drammen"
            ),
            CostLine(depart, cost.id, Decimal("123.00"), payment, comment=TAG),
        ),
    )


def _send(run: _Run, report: TravelReport, key: str) -> int | None:
    """Send `report` the way the app does (payloads, journal, deliver); the travel expense id, or None."""
    ref = _reference(run)
    vat = ref.vat
    plan = build_payloads(report, ref.mapping, ref.table, deliver=True, use_rates=ref.use_rates, vat=vat)
    result = transfer(report, plan, run.company, InMemoryJournal())
    te_id = result.travel_expense_id
    if te_id is not None:
        run.cleanup.add(f"travel expense {te_id}", lambda: _delete_report(run.company, te_id))
    status = vat.status.value if vat.status is not None else "unknown"
    if result.state == "sent" and result.tripletex_state == "DELIVERED":
        run.say(key, Result.HOLDS, f"DELIVERED as travel expense {te_id} (VAT status {status})")
    else:
        error = result.error
        detail = ""
        if error is not None:
            fields = ", ".join(f"{m.field}: {m.message}" for m in error.fields if m.field)
            detail = f" – HTTP {error.status}/{error.tripletex_code} «{error.detail}» [{fields}]"
        run.say(
            key,
            Result.DIFFERS,
            f"{result.state}, Tripletex state {result.tripletex_state}{detail} (VAT status {status})",
            error.request_id if error else None,
        )
    return te_id


def _delete_report(company: CompanyClient, te_id: int) -> None:
    """Back to OPEN (unapprove, undeliver as needed), then delete."""
    state = (company.get(f"/travelExpense/{te_id}", {"fields": "id,state"}).get("value") or {}).get("state")
    if state == "APPROVED":
        company.call("PUT", "/travelExpense/:unapprove", params={"id": te_id})
        state = "DELIVERED"
    if state == "DELIVERED":
        company.call("PUT", "/travelExpense/:undeliver", params={"id": te_id})
    company.delete_travel_expense(te_id)


def check_domestic(run: _Run) -> None:
    """The domestic report, then its per diem read back and :approve on it."""
    try:
        ref = _reference(run)
    except _Unsettled as exc:
        run.say("domestic_delivered", Result.UNSETTLED, str(exc))
        return
    report = _trip(run, "innenlands", country=None, cost=ref.cost, payment=ref.mapping.payment_type_id)
    te_id = _send(run, report, "domestic_delivered")
    run.domestic_id = te_id
    if te_id is None:
        return
    rows = (
        run.company.get("/travelExpense/perDiemCompensation", {"travelExpenseId": te_id, "fields": "*"}).get(
            "values"
        )
        or []
    )
    if not rows:
        run.say("per_diem_read_back", Result.UNSETTLED, "no per diem row came back")
    else:
        row = rows[0]
        code = row.get("countryCode")
        shown = ", ".join(
            f"{k}={row[k]!r}" for k in ("countryCode", "travelExpenseZoneId", "location") if k in row
        )
        run.say("per_diem_read_back", Result.HOLDS if not code else Result.DIFFERS, shown or "no such fields")
    if run.outcomes["domestic_delivered"].result is not Result.HOLDS:
        run.say("approve_allowed", Result.UNSETTLED, "the report was not delivered")
        return
    try:
        run.company.approve([te_id], override_approval_flow=True)
    except ApiError as exc:
        result = (
            Result.DIFFERS if exc.status == 403 else Result.HOLDS if exc.status == 422 else Result.UNSETTLED
        )
        run.say("approve_allowed", result, f":approve → {_api_text(exc)}", exc.request_id)
        return
    run.say("approve_allowed", Result.HOLDS, ":approve → 200 (APPROVED)")


def check_deliver_refusal(run: _Run) -> None:
    """A per diem with only a rate category (no rateType), then :deliver."""
    table = run.rate_table
    depart = _departure(run)
    if table is None:
        run.say("deliver_names_the_line_field", Result.UNSETTLED, "no rate table (the domestic check failed)")
        run.say("deliver_validation_code", Result.UNSETTLED, "no rate table")
        return
    categories = [c for c in table.categories if c.type is RateType.PER_DIEM and not c.is_requires_zone]
    category = next(
        (c for c in categories if c.from_date <= depart <= c.to_date and c.is_valid_accommodation), None
    )
    if category is None:
        run.say("deliver_names_the_line_field", Result.UNSETTLED, "no domestic overnight per diem category")
        run.say("deliver_validation_code", Result.UNSETTLED, "no per diem category")
        return
    created = run.company.create_travel_expense(
        {
            "employee": {"id": run.who.employee_id},
            "title": f"{TAG} uten sats {run.stamp}",
            "travelDetails": {
                "isForeignTravel": False,
                "isDayTrip": False,
                "isCompensationFromRates": True,
                "departureDate": depart.isoformat(),
                "returnDate": (depart + dt.timedelta(days=1)).isoformat(),
                "departureTime": "08:00",
                "returnTime": "18:00",
                "departureFrom": "Oslo",
                "destination": "Drammen",
                "purpose": TAG,
            },
        }
    )
    te_id = int(created["id"])
    run.cleanup.add(f"travel expense {te_id}", lambda: _delete_report(run.company, te_id))
    run.company.create_per_diem_compensation(
        {
            "travelExpense": {"id": te_id},
            "rateCategory": {"id": category.id},
            "count": 1,
            "location": "Drammen",
            "overnightAccommodation": "HOTEL",
        }
    )
    try:
        run.company.deliver([te_id])
    except ApiError as exc:
        fields = {m.field for m in exc.validation_messages}
        named = exc.status == 422 and "perDiemCompensations.rateType.id" in fields
        run.say(
            "deliver_names_the_line_field",
            Result.HOLDS if named else Result.DIFFERS,
            _api_text(exc),
            exc.request_id,
        )
        code_ok = exc.tripletex_code == 15000
        run.say(
            "deliver_validation_code",
            Result.HOLDS if code_ok else Result.DIFFERS,
            f"code {exc.tripletex_code}",
            exc.request_id,
        )
        return
    run.say("deliver_names_the_line_field", Result.DIFFERS, "delivered without a rateType")
    run.say("deliver_validation_code", Result.UNSETTLED, "no refusal to read a code from")


def check_foreign(run: _Run) -> None:
    """A trip to Sweden, per diem at the zone's rate, delivered; and what the zone rate's `zone` holds."""
    try:
        ref = _reference(run)
    except _Unsettled as exc:
        run.say("foreign_per_diem_delivered", Result.UNSETTLED, str(exc))
        run.say("rate_zone_is_country_code", Result.UNSETTLED, str(exc))
        return
    table = ref.table
    report = _trip(run, "Sverige", country="SE", cost=ref.cost, payment=ref.mapping.payment_type_id)
    try:
        zone = table.zone_for("SE", _departure(run))
        zoned = [
            r
            for r in table.rates
            if r.zone and (c := table.category_by_id(r.rate_category_id)) and c.is_requires_zone
        ]
        mine = [
            r.zone
            for r in zoned
            if r.zone and r.zone.strip().upper() in ("SE", str(zone.id), zone.name.upper())
        ]
        values = sorted({str(r.zone) for r in zoned})[:6]
        if mine:
            is_code = mine[0].strip().upper() == "SE"
            run.say(
                "rate_zone_is_country_code",
                Result.HOLDS if is_code else Result.DIFFERS,
                f"Sweden's rates: zone={mine[0]!r}",
            )
        else:
            run.say(
                "rate_zone_is_country_code",
                Result.DIFFERS,
                f"no rate names Sweden's zone; zones seen: {values}",
            )
    except TripletexDesktopError as exc:
        run.say("rate_zone_is_country_code", Result.UNSETTLED, f"no zone for SE: {exc.code}")
    try:
        _send(run, report, "foreign_per_diem_delivered")
    except TripletexDesktopError as exc:  # a plan the app refuses (no zone, no rate): the real answer differs
        run.say(
            "foreign_per_diem_delivered",
            Result.DIFFERS,
            f"the app could not plan it: {exc.code} {exc.detail}",
        )


def check_attachments(run: _Run) -> None:
    """An OPEN report with a two-page PDF and a PNG uploaded; attachmentCount read back."""
    depart = _departure(run)
    created = run.company.create_travel_expense(
        {
            "employee": {"id": run.who.employee_id},
            "title": f"{TAG} kvitteringer {run.stamp}",
            "travelDetails": {
                "isForeignTravel": False,
                "isDayTrip": True,
                "isCompensationFromRates": False,
                "departureDate": depart.isoformat(),
                "returnDate": depart.isoformat(),
                "departureFrom": "Oslo",
                "destination": "Drammen",
                "purpose": TAG,
            },
        }
    )
    te_id = int(created["id"])
    run.cleanup.add(f"travel expense {te_id}", lambda: _delete_report(run.company, te_id))
    run.company.upload_attachment(te_id, "td-conformance-2-pages.pdf", two_page_pdf(), "application/pdf")
    run.company.upload_attachment(te_id, "td-conformance.png", one_pixel_png(), "image/png")
    value = run.company.get(f"/travelExpense/{te_id}", {"fields": "id,attachmentCount"}).get("value") or {}
    count = value.get("attachmentCount")
    run.say(
        "attachment_count_per_upload",
        Result.HOLDS if count == 2 else Result.DIFFERS,
        f"attachmentCount={count!r}",
    )


def check_sek(run: _Run) -> None:
    """GET /currency/{SEK}/rate: NOK per `factor` units, or per one unit?"""
    sek = run.company.currency_by_code("SEK")
    if sek is None:
        run.say("sek_rate_per_factor", Result.UNSETTLED, "Tripletex has no SEK")
        return
    day = run.today - dt.timedelta(days=7)
    value = (
        run.company.get(
            f"/currency/{sek}/rate",
            {"date": day.isoformat(), "fields": "rate,date,sourceCurrency(id,factor)"},
        ).get("value")
        or {}
    )
    try:
        rate = Decimal(str(value.get("rate")))
        factor = Decimal(str((value.get("sourceCurrency") or {}).get("factor") or 1))
    except ArithmeticError:
        run.say("sek_rate_per_factor", Result.UNSETTLED, f"unreadable rate {value!r}")
        return
    per_unit = rate / factor if factor else rate
    text = f"rate {rate} for factor {factor} on {value.get('date') or day.isoformat()}"
    if factor > 1 and Decimal("0.3") <= per_unit <= Decimal("3"):
        run.say("sek_rate_per_factor", Result.HOLDS, text + f" → {per_unit:.4f} NOK per SEK")
    elif Decimal("0.3") <= rate <= Decimal("3"):
        run.say("sek_rate_per_factor", Result.DIFFERS, text + " → the rate is per one SEK")
    else:
        run.say("sek_rate_per_factor", Result.UNSETTLED, text)


_STEPS: tuple[tuple[tuple[str, ...], Callable[[_Run], None]], ...] = (
    (("module_403",), check_module_403),
    (("closed_project_access",), check_closed_project),
    (("unreachable_client",), check_unreachable_client),
    (("domestic_delivered", "per_diem_read_back", "approve_allowed"), check_domestic),
    (("deliver_names_the_line_field", "deliver_validation_code"), check_deliver_refusal),
    (("foreign_per_diem_delivered", "rate_zone_is_country_code"), check_foreign),
    (("attachment_count_per_upload",), check_attachments),
    (("sek_rate_per_factor",), check_sek),
)


def run_conformance(
    http: httpx.Client,
    target: ConnectionTarget,
    employee_token: str,
    *,
    make_client: Callable[[], TripletexClient],
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
) -> ConformanceReport:
    """Run every check; the session-creation checks use `http` directly, the rest `make_client()`'s session.

    Raises only when no session can be made at all (the caller reports that like `check` does).
    """
    redact = Redactor([employee_token, target.consumer_token])
    client = make_client()
    cleanup = Cleanup()
    run: _Run | None = None
    try:
        client.open_session()
        who = client.who_am_i(OWN_COMPANY)
        run = _Run(
            http,
            target,
            client,
            client.company(OWN_COMPANY),
            who,
            redact,
            cleanup,
            now().strftime("%Y-%m-%d %H:%M"),
        )
        _guarded(
            run,
            (
                "session_wrong_employee",
                "session_field_prefix",
                "session_wrong_consumer",
                "date_header",
                "expiration_today_refused",
            ),
            lambda r: check_sessions(r, employee_token),
        )
        for keys, step in _STEPS:
            _guarded(run, keys, step)
    finally:
        cleanup.run()
        client.close()
    outcomes = tuple(
        run.outcomes.get(c.key) or Outcome(c.key, Result.UNSETTLED, "not reached") for c in CHECKS
    )
    assert run is not None
    return ConformanceReport(
        who, outcomes, tuple(cleanup.left_behind), client.request_count + run.raw_requests
    )


def _guarded(run: _Run, keys: tuple[str, ...], step: Callable[[_Run], None]) -> None:
    """Run one step; an error ends that step only: its unanswered checks get ERROR with the reason."""
    try:
        step(run)
    except ApiError as exc:
        _fill(run, keys, Result.ERROR, _api_text(exc), exc.request_id)
    except TripletexDesktopError as exc:
        _fill(run, keys, Result.ERROR, f"{exc.code}: {exc.detail}", exc.request_id)
    except (httpx.HTTPError, KeyError, TypeError, ValueError) as exc:
        _fill(run, keys, Result.ERROR, f"{type(exc).__name__}: {exc}", None)


def _fill(run: _Run, keys: tuple[str, ...], result: Result, answer: str, request_id: str | None) -> None:
    for key in keys:
        if key not in run.outcomes:
            run.say(key, result, answer, request_id)


__all__ = [
    "CHECKS",
    "CHECKS_BY_KEY",
    "TAG",
    "Check",
    "Cleanup",
    "ConformanceReport",
    "Outcome",
    "Result",
    "one_pixel_png",
    "run_conformance",
    "two_page_pdf",
]
