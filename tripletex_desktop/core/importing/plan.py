"""From a table and a column mapping to planned travel reports: parse rows, group them into trips, build reports.

The rules (docs/import.md says the same for users):

- A row is a **leg** when it has places, times or km, a **cost** when it has a category or an amount, or both.
- **Trips** (the default): rows with the same trip key and employee are one report. Without a key, one
  employee's leg rows are one trip while their times overlap or touch (a row starting at or before the
  previous row's return, or the day after a row with an overnight lodging type). A cost row without a key
  is an employee expense of its own.
- **Driving log** (`Grouping.MONTHLY`): one report per employee and calendar month, mileage and costs only;
  with per diem asked for, a day whose own times last 6 hours or more becomes a day trip of its own.
- Every mileage line keeps its own date (the rate of that date); per diem is suggested from the trip's own
  times (never from assumed times) with the rate of each counted period's date.
- A row imported before (same values, same company) is skipped; a new row that would join a trip imported
  before is refused, so a trip never gets a second report (and a second per diem).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from pathlib import Path, PureWindowsPath
from typing import TypeVar

from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.errors import Cancelled, TripletexDesktopError
from tripletex_desktop.core.importing.columns import (
    ColumnMapping,
    ImportField,
    layout_key,
    normalise_header,
    suggest_mapping,
)
from tripletex_desktop.core.importing.directories import (
    CategoryDirectory,
    EmployeeDirectory,
    PaymentDirectory,
)
from tripletex_desktop.core.importing.reading import ProgressFn, RawTable
from tripletex_desktop.core.importing.values import (
    parse_bool,
    parse_country,
    parse_currency,
    parse_date,
    parse_decimal,
    parse_lodging,
    parse_time,
)
from tripletex_desktop.core.models import CostCategory, Employee, PaymentType
from tripletex_desktop.core.perdiem import price_suggestions, suggest_per_diem
from tripletex_desktop.core.rates import RateTable
from tripletex_desktop.core.travel import (
    Accommodation,
    CostLine,
    Line,
    MileageLine,
    PerDiemLine,
    ReportKind,
    TravelReport,
    validate_report,
)

_T = TypeVar("_T")

#: receipts Tripletex takes as attachments (the editor offers the same)
RECEIPT_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg", ".heic", ".gif", ".tif", ".tiff")
#: a fixed namespace so the same rows in the same company get the same report id on every import
_NAMESPACE = uuid.UUID("6f1d3c1e-8d2a-4d47-9a38-7d1a0c5b9e21")
_WS = re.compile(r"\s+")
_TOTALS = re.compile(r"^(sum|summer|summert|sum km|total|totalt|totals|totalsum|grand total|i alt)( |$)")
#: longest joined destination / purpose text built from several rows
_MAX_JOINED = 200


class Grouping(StrEnum):
    """How rows become reports."""

    #: by trip key, else one employee's rows whose times overlap or touch
    TRIPS = "trips"
    #: a driving log: one report per employee per calendar month
    MONTHLY = "monthly"


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """What the user chose in the dialog, and defaults for values a file usually lacks."""

    default_departure_time: dt.time = dt.time(8, 0)
    default_return_time: dt.time = dt.time(16, 0)
    default_employee_id: int | None = None
    title_prefix: str = ""
    grouping: Grouping = Grouping.TRIPS
    #: suggest per diem on import; None: yes for trips, no for a driving log
    per_diem: bool | None = None
    #: where relative receipt paths start (the imported file's folder); None: only absolute paths work
    base_dir: Path | None = None
    #: title of a driving log's monthly report; "%1" is the month as "03.2026" (the dialog translates it)
    month_title: str = "Kjørebok %1"

    @property
    def suggests_per_diem(self) -> bool:
        """Whether per diem is suggested on import."""
        return self.per_diem if self.per_diem is not None else self.grouping is Grouping.TRIPS


@dataclass(frozen=True, slots=True)
class KnownRow:
    """A row imported before: where it went, and what it takes part in (employee, trip key, time span)."""

    fingerprint: str
    report_id: uuid.UUID
    employee_id: int | None = None
    trip_key: str | None = None
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    title: str = ""


@dataclass(frozen=True, slots=True)
class KnownImports:
    """Every row fingerprint the company has stored (and the single-row fingerprints of older imports)."""

    rows: Mapping[str, KnownRow] = field(default_factory=dict)

    @classmethod
    def of(cls, rows: Iterable[KnownRow]) -> KnownImports:
        """Index known rows by fingerprint."""
        return cls({r.fingerprint: r for r in rows})

    def get(self, fingerprint: str | None) -> KnownRow | None:
        """The known row of a fingerprint, or None."""
        return None if fingerprint is None else self.rows.get(fingerprint)


@dataclass(frozen=True, slots=True)
class ImportContext:
    """The company the rows are imported into, as synced: who, which categories, which rates, what is known."""

    connection_id: str
    company_id: int
    employees: Sequence[Employee] = ()
    #: active and inactive ones (naming an inactive category is its own error)
    cost_categories: Sequence[CostCategory] = ()
    payment_types: Sequence[PaymentType] = ()
    rate_table: RateTable | None = None
    known: KnownImports = field(default_factory=KnownImports)
    file_exists: Callable[[Path], bool] = Path.is_file
    #: False when the company's travel settings say per diem is not paid (then none is suggested)
    per_diem_compensated: bool = True


@dataclass(frozen=True, slots=True)
class RowError:
    """A problem with one cell: file row number (0 = the mapping itself), field, code and the raw value."""

    row_number: int
    field: str
    code: str
    value: str = ""


#: a row without departure/return times: ImportOptions' default times (08:00–16:00) were assumed
TIMES_ASSUMED = "times_assumed"


@dataclass(frozen=True, slots=True)
class RowNote:
    """Something the user should know (not an error): file row number, a code and the report it concerns.

    Codes: times_assumed, totals_row_ignored, title_row_skipped, per_diem_needs_times, per_diem_no_rate,
    per_diem_no_zone_rate, per_diem_not_compensated, report_without_lines, month_imported_before. `value` carries
    a detail (the rate error's code; the country code for per_diem_no_zone_rate).
    """

    row_number: int
    code: str
    #: the report made from the row
    report_id: uuid.UUID | None = None
    value: str = ""


class RowStatus(StrEnum):
    """What happens to a row on Import."""

    NEW = "new"
    ERROR = "error"
    #: valid, but another row of the same report has a problem
    HELD_BACK = "held_back"
    #: imported before
    SKIPPED = "skipped"
    #: a totals row
    IGNORED = "ignored"


@dataclass(frozen=True, slots=True)
class RowResult:
    """One data row of the table: its status, its errors and the report (index in `reports`) it belongs to."""

    index: int
    row_number: int
    status: RowStatus
    errors: tuple[RowError, ...] = ()
    report: int | None = None
    fingerprint: str | None = None


@dataclass(frozen=True, slots=True)
class RowRecord:
    """What the store keeps about an imported row, so a later import recognises it and its trip."""

    fingerprint: str
    row_number: int
    employee_id: int | None
    trip_key: str | None
    start: dt.datetime | None
    end: dt.datetime | None


class GroupedBy(StrEnum):
    """Why the rows of a report are together (shown in the preview)."""

    TRIP_KEY = "trip_key"
    TIMES = "times"
    MONTH = "month"
    SINGLE = "single"
    EXPENSE = "expense"


@dataclass(frozen=True, slots=True)
class PlannedLeg:
    """A leg of a planned report as the preview lists it (km is None for a leg without driving)."""

    row_number: int
    date: dt.date | None
    from_place: str
    to_place: str
    km: Decimal | None = None


@dataclass(frozen=True, slots=True)
class PlannedReport:
    """A report the import would store: the report itself, its rows and whether all of them are valid."""

    report: TravelReport
    rows: tuple[RowRecord, ...]
    grouped_by: GroupedBy
    valid: bool
    trip_key: str | None = None
    #: file row numbers of the legs and of the costs, in line order
    leg_rows: tuple[int, ...] = ()
    cost_rows: tuple[int, ...] = ()
    #: the legs in trip order, with or without driving
    legs: tuple[PlannedLeg, ...] = ()
    #: the file row of each of `report.lines` (None for a suggested per diem line)
    line_rows: tuple[int | None, ...] = ()

    @property
    def row_numbers(self) -> tuple[int, ...]:
        """Every file row of the report, in file order."""
        return tuple(sorted(r.row_number for r in self.rows))

    @property
    def per_diem(self) -> tuple[PerDiemLine, ...]:
        """The suggested per diem lines."""
        return self.report.per_diem_lines


@dataclass(frozen=True, slots=True)
class ImportPreview:
    """Everything an import would do, before anything is stored (core.importing.parse_import's result).

    `column_errors` are problems of the mapping (row 0): with any of them no row is read. `rows` has one
    entry per data row; `reports` every report the rows make, valid or not.
    """

    table: RawTable
    mapping: ColumnMapping
    options: ImportOptions
    layout_key: str
    rows: tuple[RowResult, ...] = ()
    reports: tuple[PlannedReport, ...] = ()
    column_errors: tuple[RowError, ...] = ()
    notes: tuple[RowNote, ...] = ()
    #: set by the caller: the mapping was remembered from an earlier file with the same headers
    remembered: bool = False
    #: set by the caller: the file the table came from
    path: str | None = None

    @property
    def errors(self) -> tuple[RowError, ...]:
        """Every problem: the mapping's, then each row's in file order."""
        return self.column_errors + tuple(e for r in self.rows for e in r.errors)

    @property
    def ok(self) -> bool:
        """True when nothing is wrong (Import stores every new row)."""
        return not self.errors

    def rows_with(self, *statuses: RowStatus) -> tuple[RowResult, ...]:
        """The rows in any of `statuses`."""
        return tuple(r for r in self.rows if r.status in statuses)

    @property
    def skipped(self) -> tuple[int, ...]:
        """File row numbers imported before."""
        return tuple(r.row_number for r in self.rows_with(RowStatus.SKIPPED))

    @property
    def rejected(self) -> tuple[RowResult, ...]:
        """Rows that are not imported because of a problem (their own, or another row's of their report)."""
        return self.rows_with(RowStatus.ERROR, RowStatus.HELD_BACK)

    def importable(self, *, only_valid: bool = False) -> tuple[PlannedReport, ...]:
        """What Import stores: all new reports when nothing is wrong (or none), or only the valid ones."""
        if self.column_errors or (self.errors and not only_valid):
            return ()
        return tuple(p for p in self.reports if p.valid)

    def notes_for(self, reports: Iterable[PlannedReport]) -> tuple[RowNote, ...]:
        """The notes about `reports` and the file-level notes (totals and title rows)."""
        ids = {p.report.id for p in reports}
        return tuple(n for n in self.notes if n.report_id is None or n.report_id in ids)


def row_fingerprint(company_id: int, values: Mapping[str, str]) -> str:
    """A stable hash of a row's normalised values (key order and spacing do not matter)."""
    canonical = "\x1e".join(
        k + "\x1f" + _WS.sub(" ", v).strip().casefold() for k, v in sorted(values.items())
    )
    return hashlib.sha256(f"{company_id}\x1d{canonical}".encode()).hexdigest()[:24]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat(" ", "minutes") if value.time() != dt.time() else value.date().isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _num(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


# --- rows ------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Cost:
    category: CostCategory | None
    category_text: str
    amount: Decimal | None
    currency: str
    payment_type_id: int | None
    comment: str
    receipt: str | None


@dataclass(slots=True)
class _Row:
    """One data row, parsed field by field (a field that fails is None and has an error)."""

    index: int
    number: int
    errors: list[RowError] = field(default_factory=list)
    employee_id: int | None = None
    key: str | None = None
    date: dt.date | None = None
    return_date: dt.date | None = None
    departure_time: dt.time | None = None
    return_time: dt.time | None = None
    from_place: str = ""
    to_place: str = ""
    km: Decimal | None = None
    toll: Decimal | None = None
    passengers: int = 0
    company_car: bool = False
    purpose: str = ""
    comment: str = ""
    title: str = ""
    lodging: Accommodation | None = None
    breakfast: bool = False
    lunch: bool = False
    dinner: bool = False
    country: str | None = None
    has_leg: bool = False
    cost: _Cost | None = None
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    start_assumed: bool = False
    end_assumed: bool = False
    fingerprint: str | None = None
    legacy_fingerprint: str | None = None
    known: KnownRow | None = None
    #: a row from an earlier import that is not in this file (it takes part in grouping only)
    phantom: bool = False

    @property
    def groupable(self) -> bool:
        return self.employee_id is not None and self.start is not None


_LEG_FIELDS = (
    ImportField.FROM,
    ImportField.TO,
    ImportField.KM,
    ImportField.DEPARTURE_TIME,
    ImportField.RETURN_TIME,
    ImportField.RETURN_DATE,
    ImportField.TOLL,
    ImportField.PASSENGERS,
)
_COST_FIELDS = (ImportField.CATEGORY, ImportField.AMOUNT, ImportField.RECEIPT)


class _Parser:
    """Turns table rows into _Rows for one mapping, context and options."""

    def __init__(
        self,
        index_of: Mapping[ImportField, int],
        context: ImportContext,
        options: ImportOptions,
    ) -> None:
        self.index_of = index_of
        self.context = context
        self.options = options
        self.employees = EmployeeDirectory.of(context.employees)
        self.categories = CategoryDirectory(context.cost_categories)
        self.payments = PaymentDirectory(context.payment_types)

    def parse(self, index: int, number: int, cells: tuple[object, ...]) -> _Row:
        row = _Row(index, number)
        raw: dict[ImportField, object] = {
            target: cells[i] for target, i in self.index_of.items() if i < len(cells)
        }

        def cell(target: ImportField) -> object:
            return raw.get(target)

        def given(target: ImportField) -> bool:
            return not _empty(raw.get(target))

        def parsed(target: ImportField, parser: Callable[[object], _T], code: str) -> _T | None:
            value = raw.get(target)
            if _empty(value):
                return None
            try:
                return parser(value)
            except (ValueError, OverflowError):
                row.errors.append(RowError(number, target.value, code, _text(value)))
                return None

        def error(target: ImportField, code: str) -> None:
            row.errors.append(RowError(number, target.value, code, _text(raw.get(target))))

        # who and which trip
        employee_id = self.options.default_employee_id
        if given(ImportField.EMPLOYEE):
            try:
                employee_id = self.employees.find(cell(ImportField.EMPLOYEE))
            except LookupError as exc:
                error(ImportField.EMPLOYEE, str(exc))
                employee_id = None
        elif employee_id is None:
            error(ImportField.EMPLOYEE, "required")
        row.employee_id = employee_id
        key = _text(cell(ImportField.TRIP))
        row.key = _WS.sub(" ", key).casefold() if key else None

        # when
        row.date = parsed(ImportField.DATE, parse_date, "invalid_date")
        if not given(ImportField.DATE):
            error(ImportField.DATE, "required")
        row.return_date = parsed(ImportField.RETURN_DATE, parse_date, "invalid_date")
        row.departure_time = parsed(ImportField.DEPARTURE_TIME, parse_time, "invalid_time")
        row.return_time = parsed(ImportField.RETURN_TIME, parse_time, "invalid_time")

        # the leg
        row.from_place = _text(cell(ImportField.FROM))
        row.to_place = _text(cell(ImportField.TO))
        row.km = parsed(ImportField.KM, parse_decimal, "invalid_number")
        row.toll = parsed(ImportField.TOLL, parse_decimal, "invalid_number")
        passengers = parsed(ImportField.PASSENGERS, parse_decimal, "invalid_number")
        if passengers is not None:
            if passengers != passengers.to_integral_value() or passengers < 0:
                error(ImportField.PASSENGERS, "invalid_number")
            else:
                row.passengers = int(passengers)
        row.company_car = bool(parsed(ImportField.COMPANY_CAR, parse_bool, "invalid_bool"))
        row.purpose = _text(cell(ImportField.PURPOSE))
        row.comment = _text(cell(ImportField.COMMENT))
        row.title = _text(cell(ImportField.TITLE))
        row.has_leg = any(given(f) for f in _LEG_FIELDS)
        if row.has_leg:
            for target in (ImportField.FROM, ImportField.TO):
                if not given(target):
                    error(target, "required")
        if row.km is not None and row.km < 0:
            error(ImportField.KM, "km_not_positive")
        elif row.km == 0:
            row.km = None  # 0 km: a leg without driving, as a list with a km column for every row writes it
        if row.toll is not None and row.toll < 0:
            error(ImportField.TOLL, "toll_negative")
        if row.km is None and ImportField.KM.value not in {e.field for e in row.errors}:
            if row.toll:
                error(ImportField.TOLL, "needs_km")
            if row.passengers:
                error(ImportField.PASSENGERS, "needs_km")
            if row.company_car:
                error(ImportField.COMPANY_CAR, "needs_km")

        # per diem
        row.lodging = parsed(ImportField.LODGING, parse_lodging, "invalid_lodging")
        row.breakfast = bool(parsed(ImportField.BREAKFAST, parse_bool, "invalid_bool"))
        row.lunch = bool(parsed(ImportField.LUNCH, parse_bool, "invalid_bool"))
        row.dinner = bool(parsed(ImportField.DINNER, parse_bool, "invalid_bool"))
        country = parsed(ImportField.COUNTRY, parse_country, "invalid_country")
        row.country = None if country in (None, "NO") else country

        # the cost
        if any(given(f) for f in _COST_FIELDS):
            row.cost = self._cost(row, raw, error)
        if not row.has_leg and row.cost is None and not row.errors:
            error(ImportField.DATE, "nothing_to_import")

        self._times(row)
        return row

    def _cost(
        self,
        row: _Row,
        raw: Mapping[ImportField, object],
        error: Callable[[ImportField, str], None],
    ) -> _Cost:
        category: CostCategory | None = None
        if _empty(raw.get(ImportField.CATEGORY)):
            error(ImportField.CATEGORY, "required")
        else:
            try:
                category = self.categories.find(raw[ImportField.CATEGORY])
            except LookupError as exc:
                error(ImportField.CATEGORY, str(exc))
        amount: Decimal | None = None
        if _empty(raw.get(ImportField.AMOUNT)):
            error(ImportField.AMOUNT, "required")
        else:
            try:
                amount = parse_decimal(raw[ImportField.AMOUNT])
            except (ValueError, OverflowError):
                error(ImportField.AMOUNT, "invalid_number")
            else:
                if amount <= 0:
                    error(ImportField.AMOUNT, "amount_not_positive")
        currency = "NOK"
        if not _empty(raw.get(ImportField.CURRENCY)):
            try:
                currency = parse_currency(raw[ImportField.CURRENCY])
            except ValueError:
                error(ImportField.CURRENCY, "currency_invalid")
        payment_type_id: int | None = None
        if not _empty(raw.get(ImportField.PAYMENT)):
            try:
                payment_type_id = self.payments.find(raw[ImportField.PAYMENT]).id
            except LookupError as exc:
                error(ImportField.PAYMENT, str(exc))
        receipt: str | None = None
        if not _empty(raw.get(ImportField.RECEIPT)):
            receipt = self._receipt(
                _text(raw[ImportField.RECEIPT]), lambda code: error(ImportField.RECEIPT, code)
            )
        comment = row.comment or ("" if row.has_leg else row.purpose)
        category_text = _text(raw.get(ImportField.CATEGORY))
        return _Cost(category, category_text, amount, currency, payment_type_id, comment, receipt)

    def _receipt(self, text: str, error: Callable[[str], None]) -> str | None:
        text = text.strip().strip('"').strip()
        candidates: list[Path] = []
        for form in (text, text.replace("\\", "/")):
            path = Path(form)
            if path.is_absolute() or PureWindowsPath(form).is_absolute():
                candidates.append(path)
            elif self.options.base_dir is not None:
                candidates.append(self.options.base_dir / path)
        if Path(text).suffix.lower() not in RECEIPT_SUFFIXES:
            error("receipt_unsupported")
            return None
        for candidate in candidates:
            if self.context.file_exists(candidate):
                return str(candidate.resolve() if not candidate.is_absolute() else candidate)
        error("receipt_not_found")
        return None

    def _times(self, row: _Row) -> None:
        if row.date is None:
            return
        options = self.options
        row.start = dt.datetime.combine(row.date, row.departure_time or options.default_departure_time)
        end_day = row.return_date or row.date
        row.end = dt.datetime.combine(end_day, row.return_time or options.default_return_time)
        row.start_assumed = row.departure_time is None
        row.end_assumed = row.return_time is None
        if row.end < row.start:
            if row.return_date is not None and row.return_date < row.date:
                row.errors.append(
                    RowError(row.number, ImportField.RETURN_DATE.value, "return_before_departure")
                )
            elif row.return_time is not None and row.departure_time is not None:
                row.errors.append(
                    RowError(row.number, ImportField.RETURN_TIME.value, "return_before_departure")
                )
            elif row.departure_time is None:
                row.start = row.end  # an assumed departure never lies after the return given
            else:
                row.end = row.start  # an assumed return never lies before the departure given


def _values(row: _Row, options: ImportOptions) -> dict[str, str]:
    """The parsed values of a row that identify it (raw text where a value did not parse)."""
    cost = row.cost
    return {
        "employee": str(row.employee_id),
        "trip": row.key or "",
        "date": row.date.isoformat() if row.date else "",
        "return_date": row.return_date.isoformat() if row.return_date else "",
        "departure_time": row.departure_time.isoformat("minutes") if row.departure_time else "",
        "return_time": row.return_time.isoformat("minutes") if row.return_time else "",
        "from": row.from_place,
        "to": row.to_place,
        "km": _num(row.km),
        "toll": _num(row.toll),
        "passengers": str(row.passengers),
        "company_car": str(row.company_car),
        "purpose": row.purpose,
        "comment": row.comment,
        "title": row.title,
        "lodging": row.lodging.value if row.lodging else "",
        "meals": f"{row.breakfast:d}{row.lunch:d}{row.dinner:d}",
        "country": row.country or "",
        "category": str(cost.category.id) if cost and cost.category else "",
        "amount": _num(cost.amount) if cost else "",
        "currency": cost.currency if cost else "",
        "payment": str(cost.payment_type_id or "") if cost else "",
        "receipt": Path(cost.receipt).name if cost and cost.receipt else "",
        "errors": ",".join(f"{e.field}:{e.code}:{e.value}" for e in row.errors),
    }


def _legacy_values(row: _Row, options: ImportOptions) -> dict[str, str] | None:
    """The values the single-row importer before issue 12 hashed, for a driving-log row it could import."""
    if row.cost is not None or row.km is None or row.date is None or row.errors or row.start is None:
        return None
    assert row.end is not None
    return {
        "date": row.date.isoformat(),
        "return_date": (row.return_date or row.date).isoformat(),
        "departure_time": row.start.time().isoformat("minutes"),
        "return_time": row.end.time().isoformat("minutes"),
        "from": row.from_place,
        "to": row.to_place,
        "km": _num(row.km),
        "employee": str(row.employee_id),
        "purpose": row.purpose or row.comment,
        "toll": _num(row.toll),
        "passengers": str(row.passengers),
        "company_car": str(row.company_car),
        "title": row.title or row.key or "",
    }


def _fingerprint_rows(rows: Sequence[_Row], company_id: int, options: ImportOptions) -> None:
    """Each row's fingerprint; identical rows in one file count as different rows (#2, #3, ...)."""
    seen: dict[str, int] = {}
    legacy_seen: dict[str, int] = {}
    for row in rows:
        base = row_fingerprint(company_id, _values(row, options))
        seen[base] = seen.get(base, 0) + 1
        row.fingerprint = base if seen[base] == 1 else _suffixed(base, seen[base])
        legacy = _legacy_values(row, options)
        if legacy is not None:
            old = row_fingerprint(company_id, legacy)
            legacy_seen[old] = legacy_seen.get(old, 0) + 1
            row.legacy_fingerprint = old if legacy_seen[old] == 1 else _suffixed(old, legacy_seen[old])


def _suffixed(fingerprint: str, occurrence: int) -> str:
    return hashlib.sha256(f"{fingerprint}#{occurrence}".encode()).hexdigest()[:24]


# --- grouping --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Group:
    rows: list[_Row]
    grouped_by: GroupedBy
    key: str | None = None
    month: tuple[int, int] | None = None


def _touches(group_end: dt.datetime, last: _Row, row: _Row) -> bool:
    """`row` continues a trip that ends at `group_end` with row `last`."""
    assert row.start is not None
    if row.start <= group_end:
        return True
    overnight = last.lodging is not None and last.lodging is not Accommodation.NONE
    return overnight and row.start.date() <= group_end.date() + dt.timedelta(days=1)


def _sweep(rows: list[_Row]) -> list[list[_Row]]:
    """One employee's rows into runs whose times overlap or touch."""
    runs: list[list[_Row]] = []
    end: dt.datetime | None = None
    for row in sorted(rows, key=lambda r: (r.start, r.index)):
        assert row.start is not None and row.end is not None
        if runs and end is not None and _touches(end, runs[-1][-1], row):
            runs[-1].append(row)
            end = max(end, row.end)
        else:
            runs.append([row])
            end = row.end
    return runs


def _group_trips(rows: Sequence[_Row], phantoms: Sequence[_Row]) -> list[_Group]:
    """Trips: by key, else by overlapping or touching times; phantoms (rows imported before from other files)
    join the time runs, so a new row next to an old trip is found."""
    groups: list[_Group] = []
    keyed: dict[tuple[int, str], list[_Row]] = {}
    by_employee: dict[int, list[_Row]] = {}
    for row in rows:
        if row.employee_id is not None and row.key is not None:
            keyed.setdefault((row.employee_id, row.key), []).append(row)
        elif not row.groupable:
            groups.append(_Group([row], GroupedBy.SINGLE))
        elif row.has_leg:
            by_employee.setdefault(row.employee_id, []).append(row)  # type: ignore[arg-type]
        else:
            groups.append(_Group([row], GroupedBy.EXPENSE))
    phantoms_of: dict[int, list[_Row]] = {}
    for phantom in phantoms:
        if phantom.employee_id is not None:
            phantoms_of.setdefault(phantom.employee_id, []).append(phantom)
    for (employee_id, key), members in keyed.items():
        group = _Group(members, GroupedBy.TRIP_KEY, key=key)
        legs = [r for r in members if r.groupable and r.has_leg]
        if legs:  # a keyed trip overlapping a trip imported before (from another file) is that trip
            start = min(r.start for r in legs if r.start is not None)
            end = max(r.end for r in legs if r.end is not None)
            group.rows.extend(
                p
                for p in phantoms_of.get(employee_id, ())
                if p.start is not None and p.end is not None and p.start <= end and start <= p.end
            )
        groups.append(group)
    for employee_id, members in by_employee.items():
        for run in _sweep(members + phantoms_of.get(employee_id, [])):
            real = [r for r in run if not r.phantom]
            if real:
                groups.append(_Group(run, GroupedBy.TIMES if len(real) > 1 else GroupedBy.SINGLE))
    return groups


def _qualifies_for_day_per_diem(row: _Row) -> bool:
    """A driving-log row whose own times make a day trip of 6 hours or more."""
    return (
        row.departure_time is not None
        and row.return_time is not None
        and row.start is not None
        and row.end is not None
        and row.start.date() == row.end.date()
        and row.end - row.start >= dt.timedelta(hours=6)
    )


def _group_months(rows: Sequence[_Row], options: ImportOptions) -> list[_Group]:
    """A driving log: per employee and month (a long day of its own when per diem is asked for)."""
    groups: list[_Group] = []
    months: dict[tuple[int, int, int], list[_Row]] = {}
    days: dict[tuple[int, dt.date], list[_Row]] = {}
    for row in rows:
        if not row.groupable or row.date is None:
            groups.append(_Group([row], GroupedBy.SINGLE))
        elif options.suggests_per_diem and row.has_leg and _qualifies_for_day_per_diem(row):
            days.setdefault((row.employee_id, row.date), []).append(row)  # type: ignore[arg-type]
        else:
            months.setdefault((row.employee_id, row.date.year, row.date.month), []).append(row)  # type: ignore[arg-type]
    for (_employee, year, month), members in months.items():
        groups.append(_Group(members, GroupedBy.MONTH, month=(year, month)))
    groups.extend(
        _Group(members, GroupedBy.TIMES if len(members) > 1 else GroupedBy.SINGLE)
        for members in days.values()
    )
    return groups


# --- reports ---------------------------------------------------------------------------------------------


def _joined(values: Iterable[str]) -> str:
    """Distinct non-empty values in order, "; "-joined and cut at _MAX_JOINED characters."""
    seen: list[str] = []
    for value in values:
        if value and value.casefold() not in (s.casefold() for s in seen):
            seen.append(value)
    text = "; ".join(seen)
    return text if len(text) <= _MAX_JOINED else text[: _MAX_JOINED - 1].rstrip() + "\u2026"


def _destination(origin: str, legs: Sequence[_Row]) -> str:
    places = [leg.to_place for leg in legs if leg.to_place.casefold() != origin.casefold()]
    return _joined(places or [legs[0].to_place]).replace("; ", ", ")


#: validate_report's fields -> the column to mark (per line: the line's own row)
_REPORT_FIELDS: dict[str, ImportField] = {
    "employee_id": ImportField.EMPLOYEE,
    "title": ImportField.TITLE,
    "departure_at": ImportField.DEPARTURE_TIME,
    "return_at": ImportField.RETURN_TIME,
    "is_day_trip": ImportField.RETURN_DATE,
    "departure_from": ImportField.FROM,
    "destination": ImportField.TO,
    "purpose": ImportField.PURPOSE,
    "country_code": ImportField.COUNTRY,
}
_LINE_FIELDS: dict[str, ImportField] = {
    "km": ImportField.KM,
    "from_place": ImportField.FROM,
    "to_place": ImportField.TO,
    "passengers": ImportField.PASSENGERS,
    "toll_cost": ImportField.TOLL,
    "date": ImportField.DATE,
    "cost_category_id": ImportField.CATEGORY,
    "amount_incl_vat": ImportField.AMOUNT,
    "currency": ImportField.CURRENCY,
    "receipt_path": ImportField.RECEIPT,
    "accommodation": ImportField.LODGING,
    "count": ImportField.DATE,
}
_LINE_FIELD = re.compile(r"^lines\[(\d+)\](?:\.(\w+))?$")


@dataclass(slots=True)
class _Built:
    report: TravelReport
    leg_rows: tuple[int, ...]
    cost_rows: tuple[int, ...]
    errors: list[tuple[_Row, RowError]]
    notes: list[RowNote]
    legs: tuple[PlannedLeg, ...] = ()
    line_rows: tuple[int | None, ...] = ()


class _Builder:
    """Builds the TravelReport of one group of new rows, with per diem and validation mapped to cells."""

    def __init__(self, context: ImportContext, options: ImportOptions) -> None:
        self.context = context
        self.options = options

    def build(self, group: _Group, rows: list[_Row]) -> _Built:
        options = self.options
        legs = sorted((r for r in rows if r.has_leg), key=lambda r: (r.start or dt.datetime.min, r.index))
        costs = [r for r in rows if r.cost is not None]
        first = legs[0] if legs else rows[0]
        kind = ReportKind.TRAVEL if legs else ReportKind.EMPLOYEE_EXPENSE
        errors: list[tuple[_Row, RowError]] = []
        notes: list[RowNote] = []
        lines: list[Line] = []
        line_rows: list[_Row] = []
        for leg in legs:
            if leg.km is not None and leg.date is not None:
                lines.append(
                    MileageLine(
                        date=leg.date,
                        from_place=leg.from_place,
                        to_place=leg.to_place,
                        km=leg.km,
                        is_company_car=leg.company_car,
                        passengers=leg.passengers,
                        toll_cost=leg.toll if leg.toll else None,
                    )
                )
                line_rows.append(leg)
        for row in costs:
            cost = row.cost
            assert cost is not None
            if row.date is None or cost.amount is None:
                continue
            category = cost.category
            if category is not None:
                allowed = (
                    category.show_on_travel_expenses
                    if kind is ReportKind.TRAVEL
                    else category.show_on_employee_expenses
                )
                if not allowed:
                    code = (
                        "cost_category_not_for_travel"
                        if kind is ReportKind.TRAVEL
                        else "cost_category_not_for_expense"
                    )
                    errors.append(
                        (row, RowError(row.number, ImportField.CATEGORY.value, code, category.label))
                    )
            lines.append(
                CostLine(
                    date=row.date,
                    cost_category_id=category.id if category else None,
                    amount_incl_vat=cost.amount,
                    payment_type_id=cost.payment_type_id,
                    currency=cost.currency,
                    comment=cost.comment,
                    receipt_path=cost.receipt,
                )
            )
            line_rows.append(row)

        title = next((r.title for r in rows if r.title), "")
        report_id = uuid.uuid5(_NAMESPACE, f"{self.context.company_id}:{_group_fingerprint(rows)}")
        if kind is ReportKind.TRAVEL:
            starts = [r for r in legs if r.start is not None]
            ends = [r for r in legs if r.end is not None]
            departure = min(starts, key=lambda r: (r.start, r.index)) if starts else None
            back = max(ends, key=lambda r: (r.end, -r.index)) if ends else None
            departure_at = departure.start if departure else None
            return_at = back.end if back else None
            origin = first.from_place
            destination = _destination(origin, legs) if legs else ""
            if group.grouped_by is GroupedBy.MONTH and group.month is not None:
                year, month = group.month
                title = title or options.month_title.replace("%1", f"{month:02d}.{year}")
            title = title or f"{options.title_prefix}{origin} \u2013 {destination}"
            purpose = _joined(r.purpose or r.comment for r in legs) or title
            lodgings = [r.lodging for r in rows if r.lodging is not None]
            if group.grouped_by is GroupedBy.MONTH:
                overnight = bool(departure_at and return_at and departure_at.date() != return_at.date())
            elif lodgings:
                overnight = any(lodging is not Accommodation.NONE for lodging in lodgings)
            else:
                overnight = bool(departure_at and return_at and return_at.date() > departure_at.date())
            country = next((r.country for r in rows if r.country), None)
            report = TravelReport(
                connection_id=self.context.connection_id,
                company_id=self.context.company_id,
                employee_id=first.employee_id,
                title=title,
                purpose=purpose,
                departure_at=departure_at,
                return_at=return_at,
                departure_from=origin,
                destination=destination,
                is_foreign=country is not None,
                country_code=country,
                is_day_trip=not overnight,
                kind=kind,
                lines=tuple(lines),
                id=report_id,
            )
            assumed = bool(departure and departure.start_assumed) or bool(back and back.end_assumed)
            if assumed:
                notes.extend(
                    RowNote(r.number, TIMES_ASSUMED, report_id)
                    for r in legs
                    if r.start_assumed or r.end_assumed
                )
            if options.suggests_per_diem and group.grouped_by is not GroupedBy.MONTH:
                report = self._per_diem(report, rows, first, assumed, notes)
        else:
            labels = [
                r.cost.category.label if r.cost.category else r.cost.category_text for r in costs if r.cost
            ]
            title = title or next((r.cost.comment for r in costs if r.cost and r.cost.comment), "")
            title = title or _joined(labels).replace("; ", ", ")
            report = TravelReport(
                connection_id=self.context.connection_id,
                company_id=self.context.company_id,
                employee_id=first.employee_id,
                title=title,
                kind=kind,
                lines=tuple(lines),
                id=report_id,
            )

        for problem in validate_report(report):
            if problem.code == "no_lines":
                notes.append(RowNote(first.number, "report_without_lines", report.id))
                continue
            row, target = self._where(problem.field, first, line_rows)
            errors.append((row, RowError(row.number, target.value, problem.code)))
        numbers = [r.number for r in line_rows]
        return _Built(
            report,
            tuple(r.number for r in legs),
            tuple(r.number for r in costs),
            errors,
            notes,
            tuple(PlannedLeg(r.number, r.date, r.from_place, r.to_place, r.km) for r in legs),
            (*numbers, *([None] * (len(report.lines) - len(numbers)))),
        )

    def _per_diem(
        self, report: TravelReport, rows: list[_Row], first: _Row, assumed: bool, notes: list[RowNote]
    ) -> TravelReport:
        table = self.context.rate_table
        if report.departure_at is None or report.return_at is None or table is None:
            return report  # no rates given: the caller does not suggest per diem
        suggestions = suggest_per_diem(
            report.departure_at, report.return_at, overnight=report.is_overnight, over_15_km=True
        )
        if not suggestions:
            return report
        if not self.context.per_diem_compensated:
            notes.append(RowNote(first.number, "per_diem_not_compensated", report.id))
            return report
        if assumed:
            notes.append(RowNote(first.number, "per_diem_needs_times", report.id))
            return report
        try:
            priced = price_suggestions(suggestions, table, is_foreign=report.is_foreign)
        except TripletexDesktopError as exc:
            notes.append(RowNote(first.number, "per_diem_no_rate", report.id, exc.code))
            return report
        if report.is_foreign and report.country_code:
            try:  # abroad each line is paid at the country's zone's rate: without one it could never be sent
                for p in priced:
                    table.foreign_per_diem(
                        p.suggestion.date,
                        p.suggestion.kind,
                        report.country_code,
                        override_category_id=p.choice.category.id,
                    )
            except TripletexDesktopError:
                notes.append(RowNote(first.number, "per_diem_no_zone_rate", report.id, report.country_code))
                return report
        lodging = next(
            (r.lodging for r in reversed(rows) if r.lodging not in (None, Accommodation.NONE)), None
        )
        breakfast = any(r.breakfast for r in rows)
        lunch = any(r.lunch for r in rows)
        dinner = any(r.dinner for r in rows)
        per_diem = tuple(
            dataclasses.replace(
                p.to_line(accommodation=lodging if p.is_overnight else None, location=report.destination),
                breakfast_deduction=breakfast,
                lunch_deduction=lunch,
                dinner_deduction=dinner,
            )
            for p in priced
        )
        return dataclasses.replace(report, lines=report.lines + per_diem)

    @staticmethod
    def _where(problem_field: str, first: _Row, line_rows: Sequence[_Row]) -> tuple[_Row, ImportField]:
        match = _LINE_FIELD.match(problem_field)
        if match:
            index = int(match.group(1))
            sub = match.group(2) or ""
            if index < len(line_rows):
                return line_rows[index], _LINE_FIELDS.get(sub, ImportField.DATE)
            return first, _LINE_FIELDS.get(sub, ImportField.LODGING)  # a per diem line: the trip's first row
        return first, _REPORT_FIELDS.get(problem_field, ImportField.DATE)


def _group_fingerprint(rows: Iterable[_Row]) -> str:
    joined = "\x1f".join(sorted(r.fingerprint or "" for r in rows))
    return hashlib.sha256(joined.encode()).hexdigest()[:24]


def _record(row: _Row) -> RowRecord:
    assert row.fingerprint is not None
    return RowRecord(row.fingerprint, row.number, row.employee_id, row.key, row.start, row.end)


def _phantom(known: KnownRow) -> _Row:
    row = _Row(-1, 0, employee_id=known.employee_id, has_leg=True, known=known, phantom=True)
    row.start, row.end = known.start, known.end
    return row


# --- the plan ----------------------------------------------------------------------------------------


def _columns(
    table: RawTable, mapping: ColumnMapping, options: ImportOptions
) -> tuple[dict[ImportField, int], list[RowError]]:
    errors: list[RowError] = []
    index_of: dict[ImportField, int] = {}
    for target in ImportField:
        header = mapping.header_for(target)
        if header is None:
            continue
        if header not in table.headers:
            errors.append(RowError(0, target.value, "column_not_found", header))
        else:
            index_of[target] = table.headers.index(header)

    def mapped(target: ImportField) -> bool:
        return mapping.header_for(target) is not None

    missing: list[ImportField] = []
    if not mapped(ImportField.DATE):
        missing.append(ImportField.DATE)
    trip_columns = any(mapped(f) for f in (ImportField.FROM, ImportField.TO, ImportField.KM))
    cost_columns = any(mapped(f) for f in (ImportField.AMOUNT, ImportField.CATEGORY))
    if trip_columns or not cost_columns:
        missing.extend(f for f in (ImportField.FROM, ImportField.TO) if not mapped(f))
    if cost_columns:
        missing.extend(f for f in (ImportField.AMOUNT, ImportField.CATEGORY) if not mapped(f))
    if options.default_employee_id is None and not mapped(ImportField.EMPLOYEE):
        missing.append(ImportField.EMPLOYEE)
    errors.extend(RowError(0, t.value, "column_not_mapped") for t in missing)
    return index_of, errors


def _default_employee_errors(context: ImportContext, options: ImportOptions) -> list[RowError]:
    """The employee chosen for rows without one must be one of the company's, and one Tripletex registers
    travel expenses for."""
    chosen = options.default_employee_id
    if chosen is None or not context.employees:
        return []
    match = next((e for e in context.employees if e.id == chosen), None)
    if match is None:
        return [RowError(0, ImportField.EMPLOYEE.value, "employee_unknown", str(chosen))]
    if not match.allow_information_registration:
        return [RowError(0, ImportField.EMPLOYEE.value, "employee_not_travel", match.display_name)]
    return []


def _totals_rows(table: RawTable, index_of: Mapping[ImportField, int]) -> set[int]:
    """Trailing rows that add up the ones above ("Sum", "Totalt", or numbers without date or places)."""
    found: set[int] = set()
    date_column = index_of.get(ImportField.DATE)
    text_columns = [
        index_of[f]
        for f in (ImportField.FROM, ImportField.TO, ImportField.EMPLOYEE, ImportField.CATEGORY)
        if f in index_of
    ]
    for index in range(len(table.rows) - 1, max(len(table.rows) - 4, -1), -1):
        cells = table.rows[index]
        date_cell = cells[date_column] if date_column is not None else None
        labelled = any(
            isinstance(c, str) and _TOTALS.match(normalise_header(c)) for c in cells if not _empty(c)
        )
        date_free = _empty(date_cell) or (
            isinstance(date_cell, str) and bool(_TOTALS.match(normalise_header(date_cell)))
        )
        numbers_only = (
            _empty(date_cell)
            and all(_empty(cells[i]) for i in text_columns)
            and any(_is_number(c) for c in cells)
        )
        if date_free and (labelled or numbers_only):
            found.add(index)
        else:
            break
    return found


def _is_number(value: object) -> bool:
    if isinstance(value, bool) or _empty(value):
        return False
    try:
        parse_decimal(value)
    except ValueError:
        return False
    return True


def plan_import(
    table: RawTable,
    context: ImportContext,
    options: ImportOptions | None = None,
    mapping: ColumnMapping | None = None,
    *,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> ImportPreview:
    """Everything an import of `table` would store, row by row and report by report; stores nothing.

    `mapping` defaults to the one suggested from the headers. `progress(done, total)` is called every few
    hundred rows; a cancelled `cancel` raises core.errors.Cancelled.
    """
    options = options or ImportOptions()
    mapping = mapping if mapping is not None else suggest_mapping(table.headers)
    key = layout_key(table.headers)
    notes: list[RowNote] = [RowNote(n, "title_row_skipped") for n in table.skipped_above]
    index_of, column_errors = _columns(table, mapping, options)
    column_errors += _default_employee_errors(context, options)
    if column_errors:
        return ImportPreview(
            table, mapping, options, key, column_errors=tuple(column_errors), notes=tuple(notes)
        )

    total = len(table.rows)
    totals = _totals_rows(table, index_of)
    parser = _Parser(index_of, context, options)
    rows: list[_Row] = []
    results: dict[int, RowResult] = {}
    for index, cells in enumerate(table.rows):
        if index % 250 == 0:
            if cancel is not None and cancel.cancelled:
                raise Cancelled()
            if progress is not None:
                progress(index, total)
        number = table.number_of(index)
        if index in totals:
            results[index] = RowResult(index, number, RowStatus.IGNORED)
            notes.append(RowNote(number, "totals_row_ignored"))
            continue
        rows.append(parser.parse(index, number, cells))
    _fingerprint_rows(rows, context.company_id, options)
    known = context.known
    for row in rows:
        row.known = known.get(row.fingerprint) or known.get(row.legacy_fingerprint)
    in_file = {r.known.fingerprint for r in rows if r.known is not None}
    phantoms = [
        _phantom(k)
        for k in known.rows.values()
        if k.fingerprint not in in_file and k.employee_id is not None and k.start and k.end
    ]

    if options.grouping is Grouping.MONTHLY:
        groups = _group_months(rows, options)
    else:
        groups = _group_trips(rows, phantoms)
    groups.sort(key=lambda g: min((r.index for r in g.rows if not r.phantom), default=0))

    builder = _Builder(context, options)
    planned: list[PlannedReport] = []
    row_errors: dict[int, list[RowError]] = {r.index: list(r.errors) for r in rows}
    report_of: dict[int, int] = {}
    for group in groups:
        members = [r for r in group.rows if not r.phantom]
        old = [r for r in group.rows if r.known is not None]
        new = [r for r in members if r.known is None]
        if not new:
            continue
        if old and options.grouping is Grouping.TRIPS:
            title = next((r.known.title for r in old if r.known is not None and r.known.title), "")
            for row in new:
                row_errors[row.index].append(
                    RowError(row.number, ImportField.DATE.value, "trip_imported_before", title)
                )
            continue
        buildable = [r for r in new if r.groupable and r.employee_id is not None]
        if not buildable:
            continue  # rows that cannot be placed (no employee or date): their own errors say why
        built = builder.build(group, buildable)
        for row, error in built.errors:
            if not any(e.field == error.field or e.code == error.code for e in row_errors[row.index]):
                # one problem per cell, and a problem of the row said once
                row_errors[row.index].append(error)
        valid = not any(row_errors[r.index] for r in new)
        if old and options.grouping is Grouping.MONTHLY:
            built.notes.append(RowNote(new[0].number, "month_imported_before", built.report.id))
        fingerprint = _group_fingerprint(new)
        report = dataclasses.replace(built.report, import_fingerprint=fingerprint)
        planned.append(
            PlannedReport(
                report,
                tuple(_record(r) for r in sorted(new, key=lambda r: r.index)),
                group.grouped_by,
                valid,
                trip_key=next((_text(r.key) for r in new if r.key), None),
                leg_rows=built.leg_rows,
                cost_rows=built.cost_rows,
                legs=built.legs,
                line_rows=built.line_rows,
            )
        )
        notes.extend(built.notes)
        for row in new:
            report_of[row.index] = len(planned) - 1
    if progress is not None:
        progress(total, total)

    for row in rows:
        errors = tuple(row_errors[row.index])
        report_index = report_of.get(row.index)
        if row.known is not None:
            status = RowStatus.SKIPPED
            errors = ()
        elif errors:
            status = RowStatus.ERROR
        elif report_index is not None and not planned[report_index].valid:
            status = RowStatus.HELD_BACK
        elif report_index is None:
            status = RowStatus.HELD_BACK  # cannot happen: a row without errors always lands in a report
        else:
            status = RowStatus.NEW
        results[row.index] = RowResult(row.index, row.number, status, errors, report_index, row.fingerprint)
    ordered = tuple(results[i] for i in sorted(results))
    notes.sort(key=lambda n: n.row_number)
    return ImportPreview(table, mapping, options, key, ordered, tuple(planned), (), tuple(notes))
