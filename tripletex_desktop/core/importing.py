"""Import trips and driving logs from CSV and XLSX into travel reports, all-or-nothing, with row fingerprints."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hashlib
import io
import re
import uuid
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import Any

from tripletex_desktop.core.errors import TripletexDesktopError
from tripletex_desktop.core.models import Employee
from tripletex_desktop.core.rates import normalise_name
from tripletex_desktop.core.travel import MileageLine, ReportKind, TravelReport, validate_report

MAX_ROWS = 50_000


class ImportFileError(TripletexDesktopError):
    """The file cannot be read as a table; `code` says why."""

    code = "import_unreadable"


class ImportFileEmpty(ImportFileError):
    """The file has no header row."""

    code = "import_empty"


class ImportFileUnsupported(ImportFileError):
    """Not a .csv/.txt/.tsv or .xlsx/.xlsm file."""

    code = "import_unsupported_format"


class ImportFileTooLarge(ImportFileError):
    """More rows than MAX_ROWS."""

    code = "import_too_large"


@dataclass(frozen=True, slots=True)
class RawTable:
    """A sheet as read: header texts and the data rows (cells as str, or native values from XLSX).

    `row_numbers[i]` is the 1-based line/row in the file of `rows[i]` (the header is usually row 1).
    `encoding` and `delimiter` are None for XLSX.
    """

    headers: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
    encoding: str | None = None
    delimiter: str | None = None
    row_numbers: tuple[int, ...] = ()

    def number_of(self, index: int) -> int:
        """The file row number of data row `index`."""
        return self.row_numbers[index] if self.row_numbers else index + 2


# --- reading -------------------------------------------------------------------------------------


def decode_bytes(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 with BOM, UTF-8, else Windows-1252 (which decodes any byte but 5 unused)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise ImportFileError("undecodable") from exc


def sniff_delimiter(text: str) -> str:
    """`;`, `,` or tab, from the first lines (csv.Sniffer, falling back to the most frequent in the header)."""
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
    except csv.Error:
        header = sample.splitlines()[0] if sample else ""
        counts = {d: header.count(d) for d in (";", "\t", ",")}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ";"


def _blank(row: Sequence[object]) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in row)


def _table(rows: Iterable[Sequence[object]], encoding: str | None, delimiter: str | None) -> RawTable:
    headers: tuple[str, ...] | None = None
    data: list[tuple[object, ...]] = []
    numbers: list[int] = []
    for number, row in enumerate(rows, start=1):
        if _blank(row):
            continue
        if headers is None:
            headers = tuple("" if c is None else str(c).strip() for c in row)
            continue
        if len(data) >= MAX_ROWS:
            raise ImportFileTooLarge(str(MAX_ROWS))
        cells = tuple(row)[: len(headers)]
        data.append(cells + (None,) * (len(headers) - len(cells)))
        numbers.append(number)
    if headers is None:
        raise ImportFileEmpty()
    return RawTable(headers, tuple(data), encoding, delimiter, tuple(numbers))


def read_table(path: Path | str) -> RawTable:
    """Read a CSV (encoding and delimiter detected) or the first sheet of an XLSX file (read-only mode)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    if suffix not in (".csv", ".txt", ".tsv"):
        raise ImportFileUnsupported(suffix)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(type(exc).__name__) from exc
    text, encoding = decode_bytes(data)
    if not text.strip():
        raise ImportFileEmpty()
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return _table(reader, encoding, delimiter)


def _read_xlsx(path: Path) -> RawTable:
    import openpyxl  # local: only needed for spreadsheets
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (OSError, InvalidFileException, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ImportFileError(type(exc).__name__) from exc
    try:
        sheet = workbook.worksheets[0]
        return _table(sheet.iter_rows(values_only=True), None, None)
    except Exception as exc:  # zip/xml damage surfaces while iterating
        if isinstance(exc, ImportFileError):
            raise
        raise ImportFileError(type(exc).__name__) from exc
    finally:
        workbook.close()


# --- column mapping ------------------------------------------------------------------------------


class ImportField(StrEnum):
    """What a column can mean."""

    DATE = "date"
    RETURN_DATE = "return_date"
    DEPARTURE_TIME = "departure_time"
    RETURN_TIME = "return_time"
    FROM = "from"
    TO = "to"
    KM = "km"
    EMPLOYEE = "employee"
    PURPOSE = "purpose"
    TOLL = "toll"
    PASSENGERS = "passengers"
    COMPANY_CAR = "company_car"
    TITLE = "title"


#: normalised header words -> field (checked in order; first full match wins, then prefix matches)
HEADER_SYNONYMS: dict[ImportField, tuple[str, ...]] = {
    ImportField.DATE: (
        "dato",
        "date",
        "reisedato",
        "kjoredato",
        "fra dato",
        "avreisedato",
        "start date",
        "day",
    ),
    ImportField.RETURN_DATE: ("til dato", "returdato", "hjemkomstdato", "return date", "end date"),
    ImportField.DEPARTURE_TIME: (
        "avreise",
        "fra kl",
        "fra klokkeslett",
        "starttid",
        "start",
        "departure",
        "departure time",
        "avreisetid",
        "kl fra",
    ),
    ImportField.RETURN_TIME: (
        "retur",
        "til kl",
        "til klokkeslett",
        "sluttid",
        "slutt",
        "return",
        "return time",
        "hjemkomst",
        "kl til",
    ),
    ImportField.FROM: ("fra", "from", "fra sted", "startsted", "avreisested", "origin", "start location"),
    ImportField.TO: (
        "til",
        "to",
        "til sted",
        "destinasjon",
        "reisemal",
        "bestemmelsessted",
        "destination",
        "end location",
    ),
    ImportField.KM: ("km", "kilometer", "kilometre", "antall km", "distanse", "distance", "kjorte km", "kms"),
    ImportField.EMPLOYEE: (
        "ansatt",
        "ansattnummer",
        "ansattnr",
        "ansatt nr",
        "employee",
        "employee number",
        "employee no",
        "e-post",
        "epost",
        "email",
        "navn",
        "name",
        "sjafor",
        "driver",
    ),
    ImportField.PURPOSE: (
        "formal",
        "purpose",
        "arsak",
        "beskrivelse",
        "description",
        "kommentar",
        "comment",
        "merknad",
    ),
    ImportField.TOLL: ("bom", "bompenger", "bomavgift", "toll", "tolls", "road toll"),
    ImportField.PASSENGERS: ("passasjerer", "antall passasjerer", "passengers", "passasjer"),
    ImportField.COMPANY_CAR: ("firmabil", "company car", "yrkesbil"),
    ImportField.TITLE: ("tittel", "title", "reise", "trip"),
}


def normalise_header(header: str) -> str:
    """Accents and case folded, punctuation to single spaces."""
    return re.sub(r"[^a-z0-9@-]+", " ", normalise_name(header)).strip(" -")


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """Target field -> column header (exactly as in the file)."""

    columns: Mapping[str, str] = field(default_factory=dict)

    def header_for(self, target: ImportField) -> str | None:
        """The mapped header, or None."""
        return self.columns.get(target.value)

    def to_dict(self) -> dict[str, str]:
        """For persisting per layout key."""
        return dict(self.columns)

    @classmethod
    def from_dict(cls, data: Mapping[str, str]) -> ColumnMapping:
        """From a persisted dict; unknown fields are dropped."""
        known = {f.value for f in ImportField}
        return cls({k: v for k, v in data.items() if k in known})


def layout_key(headers: Sequence[str]) -> str:
    """A stable hash of the normalised headers, so a mapping is remembered per file layout."""
    joined = "\x1f".join(normalise_header(h) for h in headers)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


def suggest_mapping(headers: Sequence[str]) -> ColumnMapping:
    """Map headers to fields by Norwegian/English names; each header and each field used at most once."""
    normalised = [normalise_header(h) for h in headers]
    chosen: dict[str, str] = {}
    used: set[int] = set()
    # exact synonym matches first, then a header starting with a synonym ("Km kjørt", "Dato reise")
    for exact in (True, False):
        for target, synonyms in HEADER_SYNONYMS.items():
            if target.value in chosen:
                continue
            for synonym in synonyms:
                index = next(
                    (
                        i
                        for i, h in enumerate(normalised)
                        if i not in used
                        and h
                        and (
                            h == synonym
                            if exact
                            else (h.startswith(synonym + " ") or h.endswith(" " + synonym))
                        )
                    ),
                    None,
                )
                if index is not None:
                    chosen[target.value] = headers[index]
                    used.add(index)
                    break
    return ColumnMapping(chosen)


# --- value parsing -------------------------------------------------------------------------------

_EXCEL_EPOCH = dt.datetime(1899, 12, 30)


def parse_decimal(value: object) -> Decimal:
    """Norwegian and English number text ("1 234,5", "12,50", "1.234,50", "1,234.50", "42 km") or a number."""
    if isinstance(value, bool):
        raise ValueError("bool")
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if not isinstance(value, str):
        raise ValueError("type")
    text = value.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace("'", "")
    text = re.sub(r"(?i)^(nok|kr\.?)|(nok|kr\.?|km|,-)$", "", text).strip()
    text = text.replace("\u2212", "-")
    if not re.fullmatch(r"-?[\d.,]+", text) or not re.search(r"\d", text):
        raise ValueError("format")
    if "," in text and "." in text:
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")  # 1.234,50
        else:
            text = text.replace(",", "")  # 1,234.50
    elif "," in text:
        if text.count(",") > 1:
            raise ValueError("format")
        text = text.replace(",", ".")
    elif text.count(".") > 1:
        if not re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
            raise ValueError("format")
        text = text.replace(".", "")  # 1.234.567
    try:
        result = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError("format") from exc
    if not result.is_finite():
        raise ValueError("format")
    return result


_DATE_PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), ("y", "m", "d")),
    (re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$"), ("d", "m", "y")),
    (re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{2})$"), ("d", "m", "yy")),
    (re.compile(r"^(\d{4})(\d{2})(\d{2})$"), ("y", "m", "d")),
)


def parse_date(value: object) -> dt.date:
    """dd.mm.yyyy, d.m.yy, dd/mm/yyyy, yyyy-mm-dd, yyyymmdd, a date/datetime cell, or an Excel serial."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not 1 <= value < 2958466:
            raise ValueError("serial")
        return (_EXCEL_EPOCH + dt.timedelta(days=int(value))).date()
    if not isinstance(value, str):
        raise ValueError("type")
    text = value.strip()
    text = re.sub(r"[ T]\d{1,2}[:.]\d{2}([:.]\d{2})?$", "", text)  # drop a time part
    for pattern, order in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            parts = dict(zip(order, (int(g) for g in match.groups()), strict=True))
            year = parts.get("y") or 2000 + parts["yy"]
            return dt.date(year, parts["m"], parts["d"])
    if re.fullmatch(r"\d{5}", text):
        return parse_date(int(text))
    raise ValueError("format")


def parse_time(value: object) -> dt.time:
    """A time from "08:00", "8.30", "0830", "8", a time/datetime cell, or an Excel day fraction (0.5 = 12:00)."""
    if isinstance(value, dt.datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, float | int) and not isinstance(value, bool):
        if not 0 <= value < 1:
            if isinstance(value, int) and 0 <= value <= 23:
                return dt.time(value)
            raise ValueError("fraction")
        minutes = round(value * 24 * 60)
        return dt.time(*divmod(minutes, 60)) if minutes < 24 * 60 else dt.time(23, 59)
    if not isinstance(value, str):
        raise ValueError("type")
    text = value.strip().lower().removeprefix("kl").strip().removeprefix(".").strip()
    match = re.fullmatch(r"(\d{1,2})(?:[:.](\d{2}))?(?:[:.]\d{2})?", text) or re.fullmatch(
        r"(\d{2})(\d{2})", text
    )
    if not match:
        raise ValueError("format")
    return dt.time(int(match.group(1)), int(match.group(2) or 0))


_TRUE = {"ja", "j", "yes", "y", "x", "1", "true", "sann"}
_FALSE = {"nei", "n", "no", "0", "false", "usann", ""}


def parse_bool(value: object) -> bool:
    """ja/nei, yes/no, x, 1/0, true/false."""
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    if isinstance(value, int | float):
        return bool(value)
    text = normalise_name(str(value))
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError("format")


# --- employees -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EmployeeDirectory:
    """Look employees up by number, e-mail or full name (normalised); names may be ambiguous."""

    by_number: Mapping[str, int]
    by_email: Mapping[str, int]
    by_name: Mapping[str, tuple[int, ...]]

    @classmethod
    def of(cls, employees: Iterable[Employee]) -> EmployeeDirectory:
        """Index a company's employees."""
        numbers: dict[str, int] = {}
        emails: dict[str, int] = {}
        names: dict[str, tuple[int, ...]] = {}
        for e in employees:
            if e.employee_number:
                numbers[e.employee_number.strip().lstrip("0") or "0"] = e.id
            if e.email:
                emails[e.email.strip().casefold()] = e.id
            for name in {e.display_name, f"{e.last_name} {e.first_name}", f"{e.last_name}, {e.first_name}"}:
                key = normalise_header(name)
                if key and e.id not in names.get(key, ()):
                    names[key] = (*names.get(key, ()), e.id)
        return cls(numbers, emails, names)

    def find(self, value: object) -> int:
        """The employee id; raises LookupError("employee_unknown" | "employee_ambiguous")."""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value).strip()
        number = text.lstrip("0") or "0"
        if number in self.by_number:
            return self.by_number[number]
        if "@" in text and text.casefold() in self.by_email:
            return self.by_email[text.casefold()]
        ids = self.by_name.get(normalise_header(text), ())
        if len(ids) == 1:
            return ids[0]
        raise LookupError("employee_ambiguous" if ids else "employee_unknown")


# --- rows -> reports -----------------------------------------------------------------------------


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
    """Something the user should know about an imported row (not an error): file row number and a code."""

    row_number: int
    code: str
    #: the report made from the row
    report_id: uuid.UUID | None = None


class KeptReports(tuple[TravelReport, ...]):
    """The reports `ImportResult.without` kept (a plain tuple of them) and the notes about their rows."""

    notes: tuple[RowNote, ...]

    def __new__(cls, reports: Iterable[TravelReport], notes: Iterable[RowNote] = ()) -> KeptReports:
        """A tuple of `reports` carrying `notes`."""
        kept = super().__new__(cls, reports)
        kept.notes = tuple(notes)
        return kept


@dataclass(frozen=True, slots=True)
class ImportResult:
    """Either reports (no errors) or errors (no reports): imports are all-or-nothing; `notes` go with reports."""

    reports: tuple[TravelReport, ...] = ()
    errors: tuple[RowError, ...] = ()
    notes: tuple[RowNote, ...] = ()

    @property
    def ok(self) -> bool:
        """True when there were no errors."""
        return not self.errors

    def without(self, known_fingerprints: Iterable[str]) -> KeptReports:
        """The reports whose rows were not imported before, with the notes about those rows."""
        known = set(known_fingerprints)
        kept = tuple(r for r in self.reports if r.import_fingerprint not in known)
        ids = {r.id for r in kept}
        return KeptReports(kept, (n for n in self.notes if n.report_id in ids))


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """Defaults for values a driving log usually lacks."""

    default_departure_time: dt.time = dt.time(8, 0)
    default_return_time: dt.time = dt.time(16, 0)
    default_employee_id: int | None = None
    title_prefix: str = ""


REQUIRED_FIELDS = (ImportField.DATE, ImportField.FROM, ImportField.TO, ImportField.KM)

#: a fixed namespace so the same row in the same company gets the same report id on every import
_NAMESPACE = uuid.UUID("6f1d3c1e-8d2a-4d47-9a38-7d1a0c5b9e21")


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


_WS = re.compile(r"\s+")


def row_fingerprint(company_id: int, values: Mapping[str, str]) -> str:
    """A stable hash of a row's normalised values (key order and spacing do not matter)."""
    canonical = "\x1e".join(
        k + "\x1f" + _WS.sub(" ", v).strip().casefold() for k, v in sorted(values.items())
    )
    return hashlib.sha256(f"{company_id}\x1d{canonical}".encode()).hexdigest()[:24]


def import_rows(
    table: RawTable,
    mapping: ColumnMapping,
    employees: EmployeeDirectory | Iterable[Employee],
    *,
    connection_id: str,
    company_id: int,
    options: ImportOptions | None = None,
) -> ImportResult:
    """One travel report with one mileage line per row; any error anywhere means no reports at all."""
    options = options or ImportOptions()
    directory = employees if isinstance(employees, EmployeeDirectory) else EmployeeDirectory.of(employees)
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
    required = list(REQUIRED_FIELDS)
    if options.default_employee_id is None:
        required.append(ImportField.EMPLOYEE)
    errors.extend(
        RowError(0, t.value, "column_not_mapped") for t in required if mapping.header_for(t) is None
    )
    if errors:
        return ImportResult(errors=tuple(errors))

    reports: list[TravelReport] = []
    notes: list[RowNote] = []
    seen: dict[str, int] = {}
    for index, row in enumerate(table.rows):
        number = table.number_of(index)
        report, row_errors, times_assumed = _row_to_report(
            row, number, index_of, directory, options, connection_id=connection_id, company_id=company_id
        )
        errors.extend(row_errors)
        if report is None:
            continue
        assert report.import_fingerprint is not None
        occurrence = seen.get(report.import_fingerprint, 0) + 1
        seen[report.import_fingerprint] = occurrence
        if occurrence > 1:  # the same trip twice in one file is two trips
            fingerprint = hashlib.sha256(f"{report.import_fingerprint}#{occurrence}".encode()).hexdigest()[
                :24
            ]
            report = _with_fingerprint(report, fingerprint, company_id)
        reports.append(report)
        if times_assumed:
            notes.append(RowNote(number, TIMES_ASSUMED, report.id))
    if errors:
        return ImportResult(errors=tuple(errors))
    return ImportResult(reports=tuple(reports), notes=tuple(notes))


def _with_fingerprint(report: TravelReport, fingerprint: str, company_id: int) -> TravelReport:
    return dataclasses.replace(
        report,
        import_fingerprint=fingerprint,
        id=uuid.uuid5(_NAMESPACE, f"{company_id}:{fingerprint}"),
    )


def _row_to_report(
    row: tuple[object, ...],
    number: int,
    index_of: Mapping[ImportField, int],
    directory: EmployeeDirectory,
    options: ImportOptions,
    *,
    connection_id: str,
    company_id: int,
) -> tuple[TravelReport | None, list[RowError], bool]:
    """The row's report or its errors, and whether a default departure or return time was assumed."""
    errors: list[RowError] = []

    def cell(target: ImportField) -> object:
        i = index_of.get(target)
        return None if i is None else row[i]

    def parsed(target: ImportField, parser: Callable[[object], Any], code: str, default: Any) -> Any:
        raw = cell(target)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if target in REQUIRED_FIELDS:
                errors.append(RowError(number, target.value, "required"))
            return default
        try:
            return parser(raw)
        except (ValueError, OverflowError):
            errors.append(RowError(number, target.value, code, _text(raw)))
            return default

    day = parsed(ImportField.DATE, parse_date, "invalid_date", None)
    return_day = parsed(ImportField.RETURN_DATE, parse_date, "invalid_date", None)
    departure_time = parsed(ImportField.DEPARTURE_TIME, parse_time, "invalid_time", None)
    return_time = parsed(ImportField.RETURN_TIME, parse_time, "invalid_time", None)
    km = parsed(ImportField.KM, parse_decimal, "invalid_number", None)
    toll = parsed(ImportField.TOLL, parse_decimal, "invalid_number", None)
    passengers_raw = parsed(ImportField.PASSENGERS, parse_decimal, "invalid_number", Decimal(0))
    company_car = parsed(ImportField.COMPANY_CAR, parse_bool, "invalid_bool", False)
    from_place = _text(cell(ImportField.FROM))
    to_place = _text(cell(ImportField.TO))
    if not from_place and ImportField.FROM in index_of:
        errors.append(RowError(number, ImportField.FROM.value, "required"))
    if not to_place and ImportField.TO in index_of:
        errors.append(RowError(number, ImportField.TO.value, "required"))
    purpose = _text(cell(ImportField.PURPOSE))
    title = _text(cell(ImportField.TITLE))

    if km is not None and km <= 0:
        errors.append(RowError(number, ImportField.KM.value, "km_not_positive", _text(cell(ImportField.KM))))
    if toll is not None and toll < 0:
        errors.append(
            RowError(number, ImportField.TOLL.value, "toll_negative", _text(cell(ImportField.TOLL)))
        )
    passengers = 0
    if passengers_raw != passengers_raw.to_integral_value() or passengers_raw < 0:
        errors.append(
            RowError(
                number, ImportField.PASSENGERS.value, "invalid_number", _text(cell(ImportField.PASSENGERS))
            )
        )
    else:
        passengers = int(passengers_raw)

    employee_id: int | None = options.default_employee_id
    raw_employee = cell(ImportField.EMPLOYEE)
    if raw_employee is not None and _text(raw_employee):
        try:
            employee_id = directory.find(raw_employee)
        except LookupError as exc:
            errors.append(RowError(number, ImportField.EMPLOYEE.value, str(exc), _text(raw_employee)))
    elif employee_id is None:
        errors.append(RowError(number, ImportField.EMPLOYEE.value, "required"))

    if errors or day is None or km is None:
        return None, errors, False
    times_assumed = departure_time is None or return_time is None

    departure_at = dt.datetime.combine(day, departure_time or options.default_departure_time)
    return_at = dt.datetime.combine(return_day or day, return_time or options.default_return_time)
    if return_at < departure_at:
        field_name = ImportField.RETURN_TIME if return_time else ImportField.RETURN_DATE
        return None, [RowError(number, field_name.value, "return_before_departure")], False

    fingerprint = row_fingerprint(
        company_id,
        {
            "date": day.isoformat(),
            "return_date": (return_day or day).isoformat(),
            "departure_time": departure_at.time().isoformat("minutes"),
            "return_time": return_at.time().isoformat("minutes"),
            "from": from_place,
            "to": to_place,
            "km": format(km.normalize(), "f"),
            "employee": str(employee_id),
            "purpose": purpose,
            "toll": "" if toll is None else format(toll.normalize(), "f"),
            "passengers": str(passengers),
            "company_car": str(company_car),
            "title": title,
        },
    )
    report = TravelReport(
        connection_id=connection_id,
        company_id=company_id,
        employee_id=employee_id,
        title=title or f"{options.title_prefix}{from_place} – {to_place}",
        purpose=purpose or title or f"{from_place} – {to_place}",
        departure_at=departure_at,
        return_at=return_at,
        departure_from=from_place,
        destination=to_place,
        is_day_trip=(return_day or day) == day,
        kind=ReportKind.TRAVEL,
        lines=(
            MileageLine(
                date=day,
                from_place=from_place,
                to_place=to_place,
                km=km,
                is_company_car=company_car,
                passengers=passengers,
                toll_cost=toll if toll else None,
            ),
        ),
        id=uuid.uuid5(_NAMESPACE, f"{company_id}:{fingerprint}"),
        import_fingerprint=fingerprint,
    )
    problems = validate_report(report)
    if problems:
        return None, [RowError(number, p.field, p.code) for p in problems], False
    return report, [], times_assumed
