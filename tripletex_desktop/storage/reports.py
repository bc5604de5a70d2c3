"""Travel reports in SQLite: drafts saved as typed, approval, the outbox states, the transfer journal, imports."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tripletex_desktop.core.errors import ErrorInfo, StorageError, TripletexDesktopError, ValidationMessage
from tripletex_desktop.core.importing import KnownImports, KnownRow, RowRecord
from tripletex_desktop.core.rates import PerDiemKind
from tripletex_desktop.core.transfer import (
    Journal,
    JournalState,
    ReportStatus,
    StepRecord,
    TransferResult,
)
from tripletex_desktop.core.travel import (
    Accommodation,
    CostLine,
    FieldProblem,
    Line,
    MileageLine,
    PerDiemLine,
    ReportKind,
    TravelReport,
    validate_report,
)
from tripletex_desktop.storage.db import Database
from tripletex_desktop.storage.logs import redact

#: Every state a stored report can be in (the outbox states come from core.transfer.ReportStatus).
STATES = ("draft", "approved", "queued", "sending", "sent", "failed", "unknown")
#: States from which a report may be (re)sent: the journal protocol makes a repeat safe.
SENDABLE_STATES = frozenset({"approved", "queued", "sending", "failed", "unknown"})
REPORT_JSON_VERSION = 1


class ReportNotFound(TripletexDesktopError):
    """No stored report has this id."""

    code = "report_not_found"


class ReportNotEditable(TripletexDesktopError):
    """The report is no longer a draft (approved, queued or sent), so it cannot be changed or deleted."""

    code = "report_not_editable"


class ReportInTripletex(TripletexDesktopError):
    """Reopen refused: the outbox journal shows that part of the report was (or may have been) written to Tripletex."""

    code = "report_in_tripletex"


class ReportDeliveredInTripletex(TripletexDesktopError):
    """Correction refused: Tripletex holds the report delivered or later (`detail` is its state), so it can be
    changed only in Tripletex."""

    code = "report_delivered_in_tripletex"


class ReportNotSendable(TripletexDesktopError):
    """The report is a draft (approve it first) or was sent already."""

    code = "report_not_sendable"


class ReportInvalid(TripletexDesktopError):
    """Approval refused: `problems` lists every field + code from core.travel.validate_report."""

    code = "report_invalid"

    def __init__(self, problems: Sequence[FieldProblem]) -> None:
        super().__init__(",".join(p.code for p in problems))
        self.problems = tuple(problems)


# --- JSON round trip of a TravelReport --------------------------------------------------------------


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _line_to_json(line: Line) -> dict[str, Any]:
    if isinstance(line, MileageLine):
        return {
            "type": "mileage",
            "date": line.date.isoformat(),
            "from_place": line.from_place,
            "to_place": line.to_place,
            "km": _dec(line.km),
            "is_company_car": line.is_company_car,
            "passengers": line.passengers,
            "passenger_names": list(line.passenger_names),
            "toll_cost": _dec(line.toll_cost),
        }
    if isinstance(line, PerDiemLine):
        return {
            "type": "per_diem",
            "count": line.count,
            "date": None if line.date is None else line.date.isoformat(),
            "rate_category_id": line.rate_category_id,
            "kind": None if line.kind is None else line.kind.value,
            "accommodation": line.accommodation.value,
            "breakfast_deduction": line.breakfast_deduction,
            "lunch_deduction": line.lunch_deduction,
            "dinner_deduction": line.dinner_deduction,
            "location": line.location,
        }
    cost: dict[str, Any] = {
        "type": "cost",
        "date": line.date.isoformat(),
        "cost_category_id": line.cost_category_id,
        "amount_incl_vat": _dec(line.amount_incl_vat),
        "payment_type_id": line.payment_type_id,
        "currency": line.currency,
        "comment": line.comment,
        "receipt_path": line.receipt_path,
    }
    if line.exchange_rate is not None:  # only a foreign cost whose estimate is known (core.pricing)
        cost["exchange_rate"] = _dec(line.exchange_rate)
    return cost


def _line_from_json(data: Mapping[str, Any]) -> Line:
    kind = data["type"]
    if kind == "mileage":
        toll = data.get("toll_cost")
        return MileageLine(
            date=dt.date.fromisoformat(data["date"]),
            from_place=data.get("from_place", ""),
            to_place=data.get("to_place", ""),
            km=Decimal(data["km"]),
            is_company_car=bool(data.get("is_company_car", False)),
            passengers=int(data.get("passengers", 0)),
            passenger_names=tuple(data.get("passenger_names", ())),
            toll_cost=None if toll is None else Decimal(toll),
        )
    if kind == "per_diem":
        day = data.get("date")
        pkind = data.get("kind")
        return PerDiemLine(
            count=int(data["count"]),
            date=None if day is None else dt.date.fromisoformat(day),
            rate_category_id=data.get("rate_category_id"),
            kind=None if pkind is None else PerDiemKind(pkind),
            accommodation=Accommodation(data.get("accommodation", "NONE")),
            breakfast_deduction=bool(data.get("breakfast_deduction", False)),
            lunch_deduction=bool(data.get("lunch_deduction", False)),
            dinner_deduction=bool(data.get("dinner_deduction", False)),
            location=data.get("location", ""),
        )
    if kind == "cost":
        return CostLine(
            date=dt.date.fromisoformat(data["date"]),
            cost_category_id=data.get("cost_category_id"),
            amount_incl_vat=Decimal(data["amount_incl_vat"]),
            payment_type_id=data.get("payment_type_id"),
            currency=data.get("currency", "NOK"),
            comment=data.get("comment", ""),
            receipt_path=data.get("receipt_path"),
            exchange_rate=_rate(data.get("exchange_rate")),
        )
    raise ValueError(f"unknown line type {kind!r}")


def _rate(value: Any) -> Decimal | None:
    """A stored exchange rate; anything unusable is no rate (the cost then shows as not converted)."""
    if value in (None, "NaN"):
        return None
    try:
        rate = Decimal(str(value))
    except ArithmeticError:
        return None
    return rate if rate.is_finite() and rate > 0 else None


def report_to_json(report: TravelReport) -> dict[str, Any]:
    """A JSON-able dict of the whole report (Decimals as strings, naive datetimes in ISO form)."""
    return {
        "v": REPORT_JSON_VERSION,
        "id": str(report.id),
        "connection_id": report.connection_id,
        "company_id": report.company_id,
        "employee_id": report.employee_id,
        "title": report.title,
        "departure_at": None if report.departure_at is None else report.departure_at.isoformat(),
        "return_at": None if report.return_at is None else report.return_at.isoformat(),
        "purpose": report.purpose,
        "departure_from": report.departure_from,
        "destination": report.destination,
        "is_foreign": report.is_foreign,
        "country_code": report.country_code,
        "is_day_trip": report.is_day_trip,
        "is_over_15_km": report.is_over_15_km,
        "project_id": report.project_id,
        "department_id": report.department_id,
        "kind": report.kind.value,
        "lines": [_line_to_json(line) for line in report.lines],
        "import_fingerprint": report.import_fingerprint,
    }


def report_from_json(data: Mapping[str, Any]) -> TravelReport:
    """The inverse of report_to_json."""

    def when(key: str) -> dt.datetime | None:
        value = data.get(key)
        return None if value is None else dt.datetime.fromisoformat(value)

    return TravelReport(
        connection_id=data["connection_id"],
        company_id=int(data["company_id"]),
        employee_id=data.get("employee_id"),
        title=data.get("title", ""),
        departure_at=when("departure_at"),
        return_at=when("return_at"),
        purpose=data.get("purpose", ""),
        departure_from=data.get("departure_from", ""),
        destination=data.get("destination", ""),
        is_foreign=bool(data.get("is_foreign", False)),
        country_code=data.get("country_code"),
        is_day_trip=bool(data.get("is_day_trip", True)),
        is_over_15_km=bool(data.get("is_over_15_km", True)),
        project_id=data.get("project_id"),
        department_id=data.get("department_id"),
        kind=ReportKind(data.get("kind", ReportKind.TRAVEL.value)),
        lines=tuple(_line_from_json(line) for line in data.get("lines", ())),
        id=uuid.UUID(data["id"]),
        import_fingerprint=data.get("import_fingerprint"),
    )


def _dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


# --- records --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LastError:
    """The last transfer error of a report: stable code, redacted detail and Tripletex's requestId."""

    code: str
    detail: str = ""
    request_id: str | None = None
    #: Tripletex's validation messages (e.g. a refusal at `:deliver` naming `costs.vatType.id`)
    fields: tuple[ValidationMessage, ...] = ()


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One stored report as the list shows it (the full report comes from `ReportStore.get`)."""

    id: uuid.UUID
    connection_id: str
    company_id: int
    kind: ReportKind
    state: str
    employee_id: int | None
    employee_name: str
    title: str
    departure_date: dt.date | None
    return_date: dt.date | None
    amount: Decimal | None
    tripletex_id: int | None
    tripletex_number: int | None
    tripletex_state: str | None
    last_error: LastError | None
    import_fingerprint: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
    #: Costs in other currencies than NOK without an exchange rate, summed per code (not in `amount`).
    foreign_amounts: tuple[tuple[str, Decimal], ...] = ()
    #: `amount` includes foreign costs at the exchange rate of their date: an estimate (Tripletex computes
    #: the final NOK amount).
    estimated: bool = False
    #: The latest time a pending write may still land in Tripletex (nothing is written again before then).
    waiting_until: dt.datetime | None = None


def _foreign_amounts(report_json: str | None) -> tuple[tuple[tuple[str, Decimal], ...], bool]:
    """(foreign costs without an exchange rate per code, whether any foreign cost has one: an estimate)."""
    if not report_json:
        return (), False
    totals: dict[str, Decimal] = {}
    estimated = False
    for line in json.loads(report_json).get("lines", ()):
        currency = line.get("currency") or "NOK"
        if (
            line.get("type") == "cost"
            and currency != "NOK"
            and line.get("amount_incl_vat") not in (None, "NaN")
        ):
            amount = Decimal(str(line["amount_incl_vat"]))
            if not amount.is_finite():
                continue
            if _rate(line.get("exchange_rate")) is not None:
                estimated = True
                continue
            totals[currency] = totals.get(currency, Decimal(0)) + amount
    return tuple(sorted(totals.items())), estimated


@dataclass(frozen=True, slots=True)
class ReportEvent:
    """One entry of the reports' archive: what happened to a report, when, and how it stood afterwards."""

    id: int
    report_id: uuid.UUID
    company_id: int
    at: dt.datetime
    #: "approved", "reopened", "sent", "failed", "unknown" (a send's outcome), "checked", "missing"
    kind: str
    state: str
    title: str
    employee_name: str
    tripletex_number: int | None
    tripletex_state: str | None
    error: LastError | None


#: What each state change records in the archive.
EVENT_KINDS = ("approved", "reopened", "sent", "failed", "unknown", "checked", "missing")


@dataclass(frozen=True, slots=True)
class StoredReport:
    """A report with its list row (state, Tripletex ids, last error)."""

    row: ReportRow
    report: TravelReport


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What `import_reports` stored: new drafts, and rows recognised as imported before."""

    imported: int
    skipped: int
    ids: tuple[uuid.UUID, ...] = ()


def _ts(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _when(value: str | None) -> dt.datetime | None:
    return None if value is None else dt.datetime.fromisoformat(value)


def _date(value: dt.datetime | None) -> str | None:
    return None if value is None else value.date().isoformat()


def _dates(report: TravelReport) -> tuple[str | None, str | None]:
    """The list's first and last date: the trip's departure and return, or, for a report without times (an
    employee expense, a draft with lines only), the first and the last date of its lines."""
    if report.departure_at is not None or report.return_at is not None:
        return _date(report.departure_at), _date(report.return_at)
    days = [line.date for line in report.lines if line.date is not None]
    if not days:
        return None, None
    return min(days).isoformat(), max(days).isoformat()


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def cost_total(report: TravelReport) -> Decimal:
    """The sum of the NOK cost lines (mileage and per diem need rates; the caller may price them)."""
    return sum((c.amount_incl_vat for c in report.cost_lines if c.currency == "NOK"), Decimal(0))


def _search_text(report: TravelReport, employee_name: str) -> str:
    parts = [report.title, report.purpose, report.departure_from, report.destination, employee_name]
    parts.extend(line.comment for line in report.cost_lines)
    parts.extend(f"{m.from_place} {m.to_place}" for m in report.mileage_lines)
    return " ".join(p for p in parts if p).casefold()


#: Every report query: the row and, for the list, when its pending writes can no longer land (core.transfer.timing).
_SELECT = (
    "SELECT *, (SELECT MAX(j.settle_at) FROM outbox_journal j WHERE j.report_uuid=travel_reports.uuid"
    " AND j.status != 'done') AS waiting_until FROM travel_reports"
)
#: What decoding a damaged row can raise (a wrongly typed value, a missing key, a bad date or number).
_DAMAGED = (KeyError, TypeError, ValueError, AttributeError, ArithmeticError, RecursionError)


def _row(r: Any) -> ReportRow:
    """A stored row as a ReportRow; a damaged row is a StorageError (code "storage"), never a crash."""
    try:
        return _decode_row(r)
    except _DAMAGED as exc:
        raise StorageError(f"report_row_unreadable:{type(exc).__name__}") from None


def _decode_row(r: Any) -> ReportRow:
    error = json.loads(r["last_error"]) if r["last_error"] else None
    foreign, estimated = _foreign_amounts(r["report"])
    return ReportRow(
        id=uuid.UUID(r["uuid"]),
        connection_id=r["connection_id"],
        company_id=r["company_id"],
        kind=ReportKind(r["kind"]),
        state=r["state"],
        employee_id=r["employee_id"],
        employee_name=r["employee_name"],
        title=r["title"],
        departure_date=None if r["departure_date"] is None else dt.date.fromisoformat(r["departure_date"]),
        return_date=None if r["return_date"] is None else dt.date.fromisoformat(r["return_date"]),
        amount=None if r["amount"] is None else Decimal(r["amount"]),
        tripletex_id=r["tripletex_id"],
        tripletex_number=r["tripletex_number"],
        tripletex_state=r["tripletex_state"],
        last_error=None if error is None else _last_error(error),
        import_fingerprint=r["import_fingerprint"],
        created_at=dt.datetime.fromisoformat(r["created_at"]),
        updated_at=dt.datetime.fromisoformat(r["updated_at"]),
        foreign_amounts=foreign,
        estimated=estimated,
        waiting_until=_when(r["waiting_until"]),
    )


def _last_error(error: Mapping[str, Any]) -> LastError:
    fields = tuple(
        ValidationMessage(f.get("field"), str(f.get("message") or ""), f.get("path"), f.get("row_id"))
        for f in error.get("fields") or ()
        if isinstance(f, Mapping)
    )
    return LastError(error["code"], error.get("detail", ""), error.get("request_id"), fields)


def _error_json(error: ErrorInfo | LastError | None) -> str | None:
    if error is None:
        return None
    body: dict[str, Any] = {
        "code": error.code,
        "detail": redact(error.detail or ""),
        "request_id": error.request_id,
    }
    if error.fields:
        body["fields"] = [
            {"field": f.field, "message": redact(f.message), "path": f.path, "row_id": f.row_id}
            for f in error.fields
        ]
    return _dumps(body)


# --- the store ------------------------------------------------------------------------------------------


class ReportStore:
    """Reports of every connection in the app database; every method is one transaction (thread-safe)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def _now(self) -> str:
        return _ts(self.db._clock())

    # -- drafts --

    def save_draft(
        self, report: TravelReport, *, employee_name: str = "", amount: Decimal | None = None
    ) -> ReportRow:
        """Insert or update a draft (an upsert; raises ReportNotEditable once it is approved or later)."""
        now = self._now()
        total = cost_total(report) if amount is None else amount
        values = (
            report.connection_id,
            report.company_id,
            report.kind.value,
            _dumps(report_to_json(report)),
            report.employee_id,
            employee_name,
            report.title,
            *_dates(report),
            str(total),
            _search_text(report, employee_name),
            report.import_fingerprint,
        )
        with self.db.transaction() as conn:
            old = conn.execute("SELECT state FROM travel_reports WHERE uuid=?", (str(report.id),)).fetchone()
            if old is None:
                conn.execute(
                    "INSERT INTO travel_reports (uuid, connection_id, company_id, kind, report, employee_id,"
                    " employee_name, title, departure_date, return_date, amount, search_text,"
                    " import_fingerprint, state, created_at, updated_at)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,'draft',?,?)",
                    (str(report.id), *values, now, now),
                )
            elif old["state"] != "draft":
                raise ReportNotEditable(old["state"])
            else:
                conn.execute(
                    "UPDATE travel_reports SET connection_id=?, company_id=?, kind=?, report=?, employee_id=?,"
                    " employee_name=?, title=?, departure_date=?, return_date=?, amount=?, search_text=?,"
                    " import_fingerprint=?, updated_at=? WHERE uuid=?",
                    (*values, now, str(report.id)),
                )
            return _row(conn.execute(_SELECT + " WHERE uuid=?", (str(report.id),)).fetchone())

    def delete_draft(self, report_id: uuid.UUID) -> None:
        """Delete a draft (raises ReportNotEditable for anything else, ReportNotFound when missing)."""
        with self.db.transaction() as conn:
            state = self._state(conn, report_id)
            if state != "draft":
                raise ReportNotEditable(state)
            conn.execute("DELETE FROM travel_reports WHERE uuid=?", (str(report_id),))

    # -- reading --

    def get(self, report_id: uuid.UUID) -> StoredReport:
        """The report and its row (raises ReportNotFound)."""
        rows = self.db._read(_SELECT + " WHERE uuid=?", (str(report_id),))
        if not rows:
            raise ReportNotFound(str(report_id))
        row = _row(rows[0])
        try:
            report = report_from_json(json.loads(rows[0]["report"]))
        except _DAMAGED as exc:
            raise StorageError(f"report_unreadable:{type(exc).__name__}") from None
        return StoredReport(row, report)

    def list_reports(
        self,
        *,
        connection_id: str | None = None,
        company_id: int | None = None,
        states: Iterable[str] | None = None,
        search: str | None = None,
        limit: int = 5000,
    ) -> list[ReportRow]:
        """Rows, newest departure first; `search` matches every word in title, places, employee, comments."""
        where: list[str] = []
        params: list[Any] = []
        if connection_id is not None:
            where.append("connection_id=?")
            params.append(connection_id)
        if company_id is not None:
            where.append("company_id=?")
            params.append(company_id)
        if states is not None:
            wanted = list(states)
            if not wanted:
                return []
            where.append(f"state IN ({','.join('?' * len(wanted))})")
            params.extend(wanted)
        for term in (search or "").casefold().split():
            where.append("search_text LIKE ? ESCAPE '\\'")
            params.append(f"%{_escape_like(term)}%")
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        rows = self.db._read(
            f"{_SELECT} {clause}"
            " ORDER BY departure_date IS NULL, departure_date DESC, created_at DESC LIMIT ?",
            (*params, limit),
        )
        return [_row(r) for r in rows]

    # -- state changes --

    @staticmethod
    def _state(conn: Any, report_id: uuid.UUID) -> str:
        row = conn.execute("SELECT state FROM travel_reports WHERE uuid=?", (str(report_id),)).fetchone()
        if row is None:
            raise ReportNotFound(str(report_id))
        return str(row["state"])

    def _event(self, conn: Any, report_id: uuid.UUID, kind: str) -> Any:
        """Append `kind` to the archive with the report's row as it stands now (same transaction); the row."""
        row = conn.execute(_SELECT + " WHERE uuid=?", (str(report_id),)).fetchone()
        conn.execute(
            "INSERT INTO report_events (report_uuid, connection_id, company_id, at, kind, state,"
            " tripletex_number, tripletex_state, error) VALUES (?,?,?,?,?,?,?,?,?)",
            (
                str(report_id),
                row["connection_id"],
                row["company_id"],
                self._now(),
                kind,
                row["state"],
                row["tripletex_number"],
                row["tripletex_state"],
                row["last_error"],
            ),
        )
        return row

    def counts(self, connection_id: str) -> dict[int, dict[str, int]]:
        """How many reports each company of the connection has in each state."""
        rows = self.db._read(
            "SELECT company_id, state, COUNT(*) AS n FROM travel_reports WHERE connection_id=?"
            " GROUP BY company_id, state",
            (connection_id,),
        )
        out: dict[int, dict[str, int]] = {}
        for r in rows:
            out.setdefault(int(r["company_id"]), {})[r["state"]] = int(r["n"])
        return out

    def events(self, connection_id: str, limit: int = 500) -> list[ReportEvent]:
        """The connection's archive, newest first (ties in time: the later entry first)."""
        rows = self.db._read(
            "SELECT e.*, r.title, r.employee_name FROM report_events e"
            " JOIN travel_reports r ON r.uuid = e.report_uuid"
            " WHERE e.connection_id=? ORDER BY e.at DESC, e.id DESC LIMIT ?",
            (connection_id, limit),
        )
        out = []
        for r in rows:
            error = json.loads(r["error"]) if r["error"] else None
            out.append(
                ReportEvent(
                    id=int(r["id"]),
                    report_id=uuid.UUID(r["report_uuid"]),
                    company_id=int(r["company_id"]),
                    at=dt.datetime.fromisoformat(r["at"]),
                    kind=r["kind"],
                    state=r["state"],
                    title=r["title"],
                    employee_name=r["employee_name"],
                    tripletex_number=r["tripletex_number"],
                    tripletex_state=r["tripletex_state"],
                    error=LastError(**error) if error else None,
                )
            )
        return out

    def _set_state(self, conn: Any, report_id: uuid.UUID, state: str) -> None:
        conn.execute(
            "UPDATE travel_reports SET state=?, updated_at=? WHERE uuid=?",
            (state, self._now(), str(report_id)),
        )

    def approve(self, report_id: uuid.UUID) -> ReportRow:
        """draft → approved, only when validate_report finds nothing (raises ReportInvalid with the problems)."""
        with self.db.transaction() as conn:
            row = conn.execute(
                "SELECT state, report FROM travel_reports WHERE uuid=?", (str(report_id),)
            ).fetchone()
            if row is None:
                raise ReportNotFound(str(report_id))
            if row["state"] != "draft":
                raise ReportNotEditable(row["state"])
            problems = validate_report(report_from_json(json.loads(row["report"])))
            if problems:
                raise ReportInvalid(problems)
            self._set_state(conn, report_id, "approved")
            return _row(self._event(conn, report_id, "approved"))

    def reopen(self, report_id: uuid.UUID) -> ReportRow:
        """approved/queued/failed → draft again, only while the journal shows nothing written to Tripletex.

        A step `done` or `unknown` means Tripletex has (or may have) part of the report: ReportInTripletex.
        Steps left at `intent` by a definite failure (state `failed`) wrote nothing and are cleared; in any
        other state an `intent` may be a send in progress, so it refuses too.
        """
        with self.db.transaction() as conn:
            state = self._state(conn, report_id)
            if state not in ("approved", "queued", "failed"):
                raise ReportNotEditable(state)
            statuses = {
                r["status"]
                for r in conn.execute(
                    "SELECT status FROM outbox_journal WHERE report_uuid=?", (str(report_id),)
                )
            }
            if statuses & {"done", "unknown"} or (statuses and state != "failed"):
                raise ReportInTripletex(state)
            conn.execute(
                "DELETE FROM outbox_journal WHERE report_uuid=? AND status='intent'", (str(report_id),)
            )
            self._set_state(conn, report_id, "draft")
            return _row(self._event(conn, report_id, "reopened"))

    def reopen_for_correction(self, report_id: uuid.UUID, *, forget_tripletex: bool = False) -> ReportRow:
        """failed / unknown / sent → draft, keeping the journal: the ids of what was written, so that sending the
        corrected report updates the same travel expense (core.transfer.protocol, corrections).

        The caller (services.reports) has checked that Tripletex holds the report OPEN and that no write is
        still travelling. Steps recorded before fingerprints were kept get an empty one ("content unknown"),
        so they are rewritten. `forget_tripletex`: the travel expense was deleted in Tripletex; the journal is
        cleared and the next send creates a new one.
        """
        with self.db.transaction() as conn:
            state = self._state(conn, report_id)
            if state not in ("failed", "unknown", "sent", "approved", "queued"):
                raise ReportNotEditable(state)
            if forget_tripletex:
                conn.execute("DELETE FROM outbox_journal WHERE report_uuid=?", (str(report_id),))
                conn.execute(
                    "UPDATE travel_reports SET tripletex_id=NULL, tripletex_number=NULL, tripletex_state=NULL"
                    " WHERE uuid=?",
                    (str(report_id),),
                )
            else:
                conn.execute(
                    "UPDATE outbox_journal SET fingerprint='' WHERE report_uuid=? AND status='done'"
                    " AND fingerprint IS NULL",
                    (str(report_id),),
                )
            self._set_state(conn, report_id, "draft")
            return _row(conn.execute(_SELECT + " WHERE uuid=?", (str(report_id),)).fetchone())

    def queue(self, report_id: uuid.UUID) -> ReportRow:
        """Put an approved (or failed / unknown, for Send again) report in the outbox."""
        with self.db.transaction() as conn:
            state = self._state(conn, report_id)
            if state not in SENDABLE_STATES:
                raise ReportNotSendable(state)
            if state != "queued":
                self._set_state(conn, report_id, "queued")
            return _row(conn.execute(_SELECT + " WHERE uuid=?", (str(report_id),)).fetchone())

    def queued(self, connection_id: str, company_id: int) -> list[ReportRow]:
        """The company's outbox, oldest first."""
        rows = self.db._read(
            _SELECT + " WHERE connection_id=? AND company_id=? AND state='queued' ORDER BY updated_at, uuid",
            (connection_id, company_id),
        )
        return [_row(r) for r in rows]

    def unfinished(self, connection_id: str, company_id: int) -> list[ReportRow]:
        """What a scheduled sync finishes by itself, oldest first: queued reports, reports left `sending` by an
        attempt that died (the caller holds the connection's lock, so no attempt is alive), `unknown` ones, and
        `failed` ones whose send was cancelled (the app was closed or a sync stopped; the user refused nothing).
        Reports that failed for a reason (Tripletex said no) wait for the user."""
        rows = self.db._read(
            _SELECT + " WHERE connection_id=? AND company_id=? AND (state IN ('queued', 'sending', 'unknown')"
            " OR (state='failed' AND json_extract(last_error, '$.code')='cancelled'))"
            " ORDER BY updated_at, uuid",
            (connection_id, company_id),
        )
        return [_row(r) for r in rows]

    def waiting_for_user(self, connection_id: str, company_id: int | None = None) -> list[ReportRow]:
        """The outbox reports no sync finishes by itself, oldest first: ``failed`` for a reason (Tripletex said
        no, a receipt is gone, a rate is missing), not a cancelled send (`unfinished` takes those). Each waits for
        the user to correct it and Send again; every sync says them while they wait."""
        where = "connection_id=? AND state='failed' AND COALESCE(json_extract(last_error, '$.code'), '') != 'cancelled'"
        args: tuple[Any, ...] = (connection_id,)
        if company_id is not None:
            where += " AND company_id=?"
            args = (connection_id, company_id)
        rows = self.db._read(_SELECT + " WHERE " + where + " ORDER BY updated_at, uuid", args)
        return [_row(r) for r in rows]

    def claim_for_send(self, report_id: uuid.UUID) -> bool:
        """Take the report for a transfer: ``sending`` if it is still in the outbox (queued, sending, unknown, or a
        cancelled send), in one statement, so a reopen that made it a draft meanwhile wins and it is not sent.
        False when it is not in the outbox any more."""
        with self.db.transaction() as conn:
            claimed = conn.execute(
                "UPDATE travel_reports SET state='sending', updated_at=? WHERE uuid=? AND (state IN"
                " ('queued', 'sending', 'unknown') OR (state='failed' AND"
                " json_extract(last_error, '$.code')='cancelled'))",
                (self._now(), str(report_id)),
            ).rowcount
        return bool(claimed)

    def mark_result(self, report_id: uuid.UUID, result: TransferResult) -> ReportRow:
        """Store a transfer's outcome: state, Tripletex id, number and state, and the error (redacted)."""
        with self.db.transaction() as conn:
            self._state(conn, report_id)
            state = result.state if result.state in ("sent", "failed", "unknown", "queued") else None
            conn.execute(
                "UPDATE travel_reports SET state=COALESCE(?, state), tripletex_id=COALESCE(?, tripletex_id),"
                " tripletex_number=COALESCE(?, tripletex_number), tripletex_state=COALESCE(?, tripletex_state),"
                " last_error=?, updated_at=? WHERE uuid=?",
                (
                    state,
                    result.travel_expense_id,
                    result.number,
                    result.tripletex_state,
                    _error_json(result.error),
                    self._now(),
                    str(report_id),
                ),
            )
            if state is None:
                return _row(conn.execute(_SELECT + " WHERE uuid=?", (str(report_id),)).fetchone())
            return _row(self._event(conn, report_id, state))

    def mark_tripletex(
        self, report_id: uuid.UUID, *, tripletex_id: int, number: int | None, tripletex_state: str | None
    ) -> ReportRow:
        """Record what Tripletex says about the report (from "Was it sent?"), keeping the outbox state."""
        with self.db.transaction() as conn:
            self._state(conn, report_id)
            conn.execute(
                "UPDATE travel_reports SET tripletex_id=?, tripletex_number=COALESCE(?, tripletex_number),"
                " tripletex_state=COALESCE(?, tripletex_state), updated_at=? WHERE uuid=?",
                (tripletex_id, number, tripletex_state, self._now(), str(report_id)),
            )
            return _row(self._event(conn, report_id, "checked"))

    def mark_missing(self, report_id: uuid.UUID) -> ReportRow:
        """After "Was it sent?" found nothing for a sent report: sent → unknown, so Send again (journal-safe) applies."""
        with self.db.transaction() as conn:
            if self._state(conn, report_id) == "sent":
                self._set_state(conn, report_id, "unknown")
            return _row(self._event(conn, report_id, "missing"))

    # -- import --

    def known_fingerprints(self, company_id: int) -> set[str]:
        """Import fingerprints already stored for the company."""
        rows = self.db._read(
            "SELECT import_fingerprint FROM travel_reports WHERE company_id=? AND import_fingerprint IS NOT NULL",
            (company_id,),
        )
        return {r[0] for r in rows}

    def import_reports(
        self,
        reports: Sequence[TravelReport],
        fingerprints: Sequence[str | None] | None = None,
        *,
        employee_names: Mapping[int, str] | None = None,
        amounts: Mapping[uuid.UUID, Decimal] | None = None,
        rows: Mapping[uuid.UUID, Sequence[RowRecord]] | None = None,
    ) -> ImportSummary:
        """Store imported reports as drafts in ONE transaction (all or nothing), skipping known fingerprints.

        `fingerprints[i]` overrides `reports[i].import_fingerprint`; a report already stored under its id
        counts as skipped too. `amounts` gives the priced totals shown in the list (default: the costs).
        `rows[report.id]` are the file rows the report was made of: kept for later imports, and a report one
        of whose rows is already stored (another import got there first) is skipped as a whole.
        """
        if fingerprints is not None and len(fingerprints) != len(reports):
            raise ValueError("one fingerprint per report")
        names = employee_names or {}
        now = self._now()
        imported: list[uuid.UUID] = []
        skipped = 0
        with self.db.transaction() as conn:
            for index, report in enumerate(reports):
                fingerprint = fingerprints[index] if fingerprints is not None else report.import_fingerprint
                if (
                    fingerprint is not None
                    and conn.execute(
                        "SELECT 1 FROM travel_reports WHERE company_id=? AND import_fingerprint=?",
                        (report.company_id, fingerprint),
                    ).fetchone()
                ):
                    skipped += 1
                    continue
                if conn.execute("SELECT 1 FROM travel_reports WHERE uuid=?", (str(report.id),)).fetchone():
                    skipped += 1
                    continue
                records = (rows or {}).get(report.id, ())
                if any(
                    conn.execute(
                        "SELECT 1 FROM import_rows WHERE company_id=? AND fingerprint=?",
                        (report.company_id, r.fingerprint),
                    ).fetchone()
                    for r in records
                ):
                    skipped += 1
                    continue
                name = names.get(report.employee_id, "") if report.employee_id is not None else ""
                conn.execute(
                    "INSERT INTO travel_reports (uuid, connection_id, company_id, kind, report, employee_id,"
                    " employee_name, title, departure_date, return_date, amount, search_text,"
                    " import_fingerprint, state, created_at, updated_at)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,'draft',?,?)",
                    (
                        str(report.id),
                        report.connection_id,
                        report.company_id,
                        report.kind.value,
                        _dumps(report_to_json(report)),
                        report.employee_id,
                        name,
                        report.title,
                        *_dates(report),
                        str((amounts or {}).get(report.id, cost_total(report))),
                        _search_text(report, name),
                        fingerprint,
                        now,
                        now,
                    ),
                )
                conn.executemany(
                    "INSERT INTO import_rows (company_id, fingerprint, report_uuid, row_number, employee_id,"
                    " trip_key, start_at, end_at) VALUES (?,?,?,?,?,?,?,?)",
                    [
                        (
                            report.company_id,
                            r.fingerprint,
                            str(report.id),
                            r.row_number,
                            r.employee_id,
                            r.trip_key,
                            None if r.start is None else r.start.isoformat(),
                            None if r.end is None else r.end.isoformat(),
                        )
                        for r in records
                    ],
                )
                imported.append(report.id)
        return ImportSummary(len(imported), skipped, tuple(imported))

    def known_imports(self, company_id: int) -> KnownImports:
        """Every row imported into the company before (and, for reports imported before rows were kept, the
        report's own fingerprint with its trip times), with the title of the report it went to."""
        known = [
            KnownRow(
                r[0],
                uuid.UUID(r[1]),
                r[2],
                r[3],
                None if r[4] is None else dt.datetime.fromisoformat(r[4]),
                None if r[5] is None else dt.datetime.fromisoformat(r[5]),
                r[6] or "",
            )
            for r in self.db._read(
                "SELECT i.fingerprint, i.report_uuid, i.employee_id, i.trip_key, i.start_at, i.end_at, t.title"
                " FROM import_rows i JOIN travel_reports t ON t.uuid = i.report_uuid WHERE i.company_id=?",
                (company_id,),
            )
        ]
        for r in self.db._read(
            "SELECT t.import_fingerprint, t.uuid, t.employee_id, t.report, t.title FROM travel_reports t"
            " WHERE t.company_id=? AND t.import_fingerprint IS NOT NULL"
            " AND NOT EXISTS (SELECT 1 FROM import_rows i WHERE i.report_uuid = t.uuid)",
            (company_id,),
        ):
            data = json.loads(r[3])
            start, end = data.get("departure_at"), data.get("return_at")
            known.append(
                KnownRow(
                    r[0],
                    uuid.UUID(r[1]),
                    r[2],
                    None,
                    None if start is None else dt.datetime.fromisoformat(start),
                    None if end is None else dt.datetime.fromisoformat(end),
                    r[4] or "",
                )
            )
        return KnownImports.of(known)

    # -- remembered column mappings --

    def remember_layout(self, layout_key: str, mapping: Mapping[str, str]) -> None:
        """Remember the column mapping chosen for a file layout."""
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO import_layouts (layout_key, mapping, updated_at) VALUES (?,?,?)"
                " ON CONFLICT (layout_key) DO UPDATE SET mapping=excluded.mapping, updated_at=excluded.updated_at",
                (layout_key, _dumps(dict(mapping)), self._now()),
            )

    def layout(self, layout_key: str) -> dict[str, str] | None:
        """The remembered column mapping of a layout, if any."""
        rows = self.db._read("SELECT mapping FROM import_layouts WHERE layout_key=?", (layout_key,))
        return dict(json.loads(rows[0][0])) if rows else None

    # -- reference data --

    def reference_stamp(self, connection_id: str, company_id: int) -> tuple[str | None, int, int]:
        """Changes whenever a sync stores a company's lists (for caching what was built from them)."""
        row = self.db._read(
            "SELECT MAX(last_seen), COUNT(*), TOTAL(is_active) FROM reference_data"
            " WHERE connection_id=? AND company_id=?",
            (connection_id, company_id),
        )[0]
        return row[0], int(row[1]), int(row[2])

    # -- journal --

    def journal(self, report_id: uuid.UUID) -> SqliteJournal:
        """The durable transfer journal of one report."""
        return SqliteJournal(self.db, report_id)


class SqliteJournal(Journal):
    """core.transfer's Journal over the outbox_journal table; every call is committed before it returns."""

    def __init__(self, db: Database, report_id: uuid.UUID) -> None:
        self._db = db
        self.report_id = report_id

    def _check(self, report_id: uuid.UUID) -> str:
        if report_id != self.report_id:
            raise ValueError("journal bound to another report")
        return str(report_id)

    def _now(self) -> str:
        return _ts(self._db._clock())

    def state(self, report_id: uuid.UUID) -> JournalState:
        """What is recorded: the report's outbox status and every step (intent or unknown = not done)."""
        key = self._check(report_id)
        head = self._db._read("SELECT state, last_error FROM travel_reports WHERE uuid=?", (key,))
        steps = self._db._read(
            "SELECT step_key, status, tripletex_id, sent_at, settle_at, fingerprint, observed FROM outbox_journal"
            " WHERE report_uuid=?",
            (key,),
        )
        status = ReportStatus.QUEUED
        error_code: str | None = None
        if head:
            if head[0]["state"] in {s.value for s in ReportStatus}:
                status = ReportStatus(head[0]["state"])
            if head[0]["last_error"]:
                error_code = json.loads(head[0]["last_error"]).get("code")
        return JournalState(
            status,
            {
                r["step_key"]: StepRecord(
                    r["step_key"],
                    r["status"] == "done",
                    r["tripletex_id"],
                    sent_at=_when(r["sent_at"]),
                    settle_at=_when(r["settle_at"]),
                    fingerprint=r["fingerprint"],
                    observed=r["observed"],
                )
                for r in steps
            },
            error_code,
        )

    def record_intent(
        self,
        report_id: uuid.UUID,
        step_key: str,
        sent_at: dt.datetime | None = None,
        observed: str | None = None,
    ) -> None:
        """Record that `step_key` is about to be sent at `sent_at`, Tripletex showing `observed` (a done step is
        kept as it is; an earlier intent takes the new time and observation and loses its settle time)."""
        key = self._check(report_id)
        sent = None if sent_at is None else _ts(sent_at)
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO outbox_journal (report_uuid, step_key, status, sent_at, observed, updated_at)"
                " VALUES (?,?,'intent',?,?,?) ON CONFLICT (report_uuid, step_key) DO UPDATE SET"
                " status='intent', sent_at=excluded.sent_at, observed=excluded.observed, settle_at=NULL,"
                " updated_at=excluded.updated_at WHERE outbox_journal.status != 'done'",
                (key, step_key, sent, observed, self._now()),
            )

    def record_settle(self, report_id: uuid.UUID, step_key: str, settle_at: dt.datetime) -> None:
        """The step's latest attempt cannot land after `settle_at` (a done step is left alone)."""
        key = self._check(report_id)
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE outbox_journal SET settle_at=?, updated_at=? WHERE report_uuid=? AND step_key=?"
                " AND status != 'done'",
                (_ts(settle_at), self._now(), key, step_key),
            )

    def record_result(
        self,
        report_id: uuid.UUID,
        step_key: str,
        tripletex_id: int | None,
        fingerprint: str | None = None,
    ) -> None:
        """Mark the step done with its Tripletex id (the report step's id also goes on the report row)."""
        key = self._check(report_id)
        now = self._now()
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO outbox_journal (report_uuid, step_key, status, tripletex_id, fingerprint, updated_at)"
                " VALUES (?,?,'done',?,?,?) ON CONFLICT (report_uuid, step_key)"
                " DO UPDATE SET status='done', tripletex_id=excluded.tripletex_id,"
                " fingerprint=excluded.fingerprint, settle_at=NULL, updated_at=excluded.updated_at",
                (key, step_key, tripletex_id, fingerprint, now),
            )
            if step_key == "report" and tripletex_id is not None:
                conn.execute(
                    "UPDATE travel_reports SET tripletex_id=?, updated_at=? WHERE uuid=?",
                    (tripletex_id, now, key),
                )

    def forget(self, report_id: uuid.UUID, step_keys: Iterable[str]) -> None:
        """Drop steps whose rows no longer exist in Tripletex."""
        key = self._check(report_id)
        keys = list(step_keys)
        if not keys:
            return
        with self._db.transaction() as conn:
            conn.executemany(
                "DELETE FROM outbox_journal WHERE report_uuid=? AND step_key=?", [(key, k) for k in keys]
            )

    def record_status(
        self, report_id: uuid.UUID, status: ReportStatus, error_code: str | None = None
    ) -> None:
        """Set the report's outbox state; on UNKNOWN, steps still at intent become `unknown`."""
        key = self._check(report_id)
        now = self._now()
        with self._db.transaction() as conn:
            if status is ReportStatus.SENT:
                error = None
            elif error_code is not None:
                error = _dumps({"code": error_code, "detail": "", "request_id": None})
            else:
                row = conn.execute("SELECT last_error FROM travel_reports WHERE uuid=?", (key,)).fetchone()
                error = row["last_error"] if row is not None and status is not ReportStatus.SENDING else None
            conn.execute(
                "UPDATE travel_reports SET state=?, last_error=?, updated_at=? WHERE uuid=?",
                (status.value, error, now, key),
            )
            if status is ReportStatus.UNKNOWN:
                conn.execute(
                    "UPDATE outbox_journal SET status='unknown', updated_at=? WHERE report_uuid=? AND status='intent'",
                    (now, key),
                )
