"""Import files, property-based, against the importer's public entry point (`core.importing.parse_import`) and the
import use case's store (`services.importing.ImportService.store`).

- Any bytes, named .csv, .xlsx or nothing: a table or a typed refusal with its own message; never a crash.
- A travel list with arbitrary cells (any text, numbers, dates, separators, quotes and line breaks in cells) as
  CSV in UTF-8, UTF-8 with a byte-order mark and cp1252, and as XLSX: every bad row has a problem with its own
  message (English and Bokmål: ui.messages, checked by the translation check), every note too; rows never go
  missing; all or nothing unless only the valid rows are asked for.
- One valid list reads the same in every encoding and as XLSX.
- Storing is one transaction: with the database running out of room at any point, nothing is stored; with room,
  exactly what the preview said.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from decimal import Decimal

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.reports import World, make_backend, make_world, sync_reference
from tripletex_desktop.core.errors import DiskFull
from tripletex_desktop.core.importing import (
    TEMPLATE_HEADERS,
    ImportContext,
    ImportField,
    ImportFileError,
    ImportOptions,
    ImportPreview,
    RowStatus,
    parse_import,
    read_bytes,
)
from tripletex_desktop.core.models import CostCategory, Employee, PaymentType
from tripletex_desktop.services.importing import ImportService
from tripletex_desktop.storage.db import Database
from tripletex_desktop.ui.messages import ERRORS, FIELD_PROBLEMS
from tripletex_desktop.ui.reports.import_dialog import NOTE_TEXT

LONG = os.environ.get("HYPOTHESIS_PROFILE") == "soak"
EMPLOYEES = (
    Employee(1, "Kari", "Nordmann", employee_number="101", email="kari@firma.no"),
    Employee(2, "Ola", "Hansen", employee_number="102"),
)
CATEGORIES = (CostCategory(10, "Hotell"), CostCategory(11, "Tog"), CostCategory(14, "Taxi"))
PAYMENTS = (PaymentType(30, "Privat utlegg"),)
CONTEXT = ImportContext("c1", 9, EMPLOYEES, CATEGORIES, PAYMENTS)
F = ImportField
#: The columns the generated lists use (a trip list as the template has it).
FIELDS = (F.TRIP, F.EMPLOYEE, F.DATE, F.FROM, F.TO, F.KM, F.PURPOSE, F.CATEGORY, F.AMOUNT, F.RECEIPT)
ENCODINGS = ("utf-8", "utf-8-sig", "cp1252")


def check_preview(preview: ImportPreview, data_rows: int) -> None:
    """What must hold of any preview: every row accounted for, every problem and note has its own message,
    all or nothing."""
    assert len(preview.rows) <= data_rows
    for row in preview.rows:
        assert isinstance(row.status, RowStatus)
        if row.status is RowStatus.ERROR:
            assert row.errors, row
    for error in preview.errors:
        assert error.code in FIELD_PROBLEMS, error  # translated: the i18n check fails on a missing Bokmål
    for note in preview.notes:
        assert note.code in NOTE_TEXT, note
    if preview.errors:
        assert preview.importable() == ()  # all or nothing by default
    valid = preview.importable(only_valid=True)
    assert all(p.valid for p in valid)
    for row in preview.rows_with(RowStatus.NEW):
        assert row.report is not None and 0 <= row.report < len(
            preview.reports
        )  # every new row has its report


def refused_clearly(exc: ImportFileError) -> None:
    assert exc.code in ERRORS, exc.code


# --- any bytes ------------------------------------------------------------------------------------------


@settings(max_examples=600 if LONG else 25)
@given(data=st.binary(max_size=3000), name=st.sampled_from([None, "liste.csv", "liste.xlsx", "liste.txt"]))
def test_any_bytes_are_a_table_or_a_clear_refusal(data: bytes, name: str | None) -> None:
    try:
        preview = parse_import(data, CONTEXT, filename=name)
    except ImportFileError as exc:
        refused_clearly(exc)
        return
    check_preview(preview, data.count(b"\n") + data.count(b"\r") + 1)


# --- lists with arbitrary cells -------------------------------------------------------------------------

GOOD = {
    F.TRIP: st.sampled_from(["1", "2", "3", ""]),
    F.EMPLOYEE: st.sampled_from(["101", "Kari Nordmann", "ola hansen", "kari@firma.no"]),
    F.DATE: st.dates(dt.date(2025, 1, 1), dt.date(2026, 12, 31)).map(lambda d: d.strftime("%d.%m.%Y")),
    F.FROM: st.sampled_from(["Oslo", "Bergen", "Tromsø", ""]),
    F.TO: st.sampled_from(["Moss", "Ålesund", "Bodø", ""]),
    F.KM: st.decimals(0, 2000, places=1).map(lambda d: str(d).replace(".", ",")),
    F.PURPOSE: st.sampled_from(["Kundemøte", "Kurs – «vår»", ""]),
    F.CATEGORY: st.sampled_from(["Hotell", "Tog", "Taxi", ""]),
    F.AMOUNT: st.decimals(0, 20000, places=2).map(lambda d: f"{d:,.2f}".replace(",", " ").replace(".", ",")),
    F.RECEIPT: st.just(""),
}
#: Any cell: a good value, any text (separators, quotes, line breaks, control characters), a number, nothing.
CELL = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", " ", ";", ",", '"', "\n", "=SUM(A1:A3)", "31.02.2026", "-4", "1e309", "NaN", "∞"]),
    st.integers(-(10**12), 10**12).map(str),
)


def cell_for(field: ImportField) -> st.SearchStrategy[str]:
    return st.one_of(GOOD[field], GOOD[field], CELL)


ROW = st.tuples(*(cell_for(f) for f in FIELDS))
ROWS = st.lists(ROW, min_size=1, max_size=12)


def csv_bytes(rows: list[tuple[str, ...]], lang: str, delimiter: str, encoding: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([TEMPLATE_HEADERS[lang][f] for f in FIELDS])
    writer.writerows(rows)
    return out.getvalue().encode(encoding, errors="replace")


def xlsx_bytes(rows: list[tuple[object, ...]], lang: str) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([TEMPLATE_HEADERS[lang][f] for f in FIELDS])
    for row in rows:
        sheet.append([_xlsx_cell(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_cell(value: object) -> object:
    """What openpyxl can hold: control characters are not allowed in XLSX text."""
    if isinstance(value, str):
        return "".join(ch for ch in value if ch >= " " or ch in "\t\n\r")
    return value


@settings(max_examples=400 if LONG else 20, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=ROWS,
    lang=st.sampled_from(["nb", "en"]),
    delimiter=st.sampled_from([";", ",", "\t"]),
    encoding=st.sampled_from(ENCODINGS),
)
def test_a_csv_list_with_any_cells_gives_a_message_per_bad_row_and_never_crashes(
    rows: list[tuple[str, ...]], lang: str, delimiter: str, encoding: str
) -> None:
    data = csv_bytes(rows, lang, delimiter, encoding)
    try:
        preview = parse_import(data, CONTEXT, ImportOptions(), filename="liste.csv")
    except ImportFileError as exc:
        refused_clearly(exc)
        return
    check_preview(preview, data.count(b"\n") + 1)


TYPED = st.one_of(
    CELL,
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.dates(dt.date(1900, 3, 1), dt.date(2100, 1, 1)),
    st.datetimes(dt.datetime(1900, 3, 1), dt.datetime(2100, 1, 1)),
    st.booleans(),
    st.none(),
)


@settings(max_examples=200 if LONG else 8, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(st.tuples(*(st.one_of(cell_for(f), TYPED) for f in FIELDS)), min_size=1, max_size=8),
    lang=st.sampled_from(["nb", "en"]),
)
def test_an_xlsx_list_with_any_cells_gives_a_message_per_bad_row_and_never_crashes(
    rows: list[tuple[object, ...]], lang: str
) -> None:
    data = xlsx_bytes(rows, lang)
    try:
        preview = parse_import(data, CONTEXT, ImportOptions(), filename="liste.xlsx")
    except ImportFileError as exc:
        refused_clearly(exc)
        return
    check_preview(preview, len(rows) + 1)


# --- the same list in every encoding --------------------------------------------------------------------

VALID_ROW = st.tuples(
    st.sampled_from(["1", "2"]),
    st.sampled_from(["101", "Kari Nordmann", "kari@firma.no"]),
    st.dates(dt.date(2026, 1, 5), dt.date(2026, 1, 25)).map(lambda d: d.strftime("%d.%m.%Y")),
    st.sampled_from(["Oslo", "Tromsø", "Ålesund"]),
    st.sampled_from(["Bodø", "Moss", "Sandefjord"]),
    st.integers(1, 900).map(str),
    st.sampled_from(["Kundemøte i Kristiansund", "Kurs – «vår»"]),
    st.just(""),
    st.just(""),
    st.just(""),
)


def summary(preview: ImportPreview) -> list[object]:
    """What the user would see and store: each row's status and problems, each report's title and lines."""
    rows = [(r.row_number, r.status, tuple((e.field, e.code) for e in r.errors)) for r in preview.rows]
    reports = [
        (p.report.title, p.report.employee_id, tuple(_line(line) for line in p.report.lines))
        for p in preview.reports
    ]
    return [rows, reports]


def _line(line: object) -> tuple[object, ...]:
    values = vars(line) if hasattr(line, "__dict__") else {s: getattr(line, s) for s in line.__slots__}
    return tuple((k, v) for k, v in sorted(values.items()) if isinstance(v, str | int | Decimal | dt.date))


@settings(max_examples=150 if LONG else 6)
@given(rows=st.lists(VALID_ROW, min_size=1, max_size=6))
def test_one_list_reads_the_same_in_every_encoding_and_as_xlsx(rows: list[tuple[str, ...]]) -> None:
    previews = [
        parse_import(csv_bytes(rows, "nb", ";", encoding), CONTEXT, filename="liste.csv")
        for encoding in ENCODINGS
    ]
    previews.append(parse_import(xlsx_bytes(rows, "nb"), CONTEXT, filename="liste.xlsx"))
    first = summary(previews[0])
    assert all(summary(p) == first for p in previews[1:])
    assert previews[0].ok, previews[0].errors  # these rows are good: the property is about the bytes


# --- storing: one transaction ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def importer(tmp_path_factory: pytest.TempPathFactory) -> tuple[World, ImportService, Database]:
    world = make_world()
    db = Database.open(tmp_path_factory.mktemp("import-db") / "db.sqlite3")
    sync_reference(world, db)
    return world, ImportService(make_backend(world, db)), db


def _store_count(db: Database) -> int:
    return int(db._read("SELECT COUNT(*) AS n FROM travel_reports")[0]["n"])


def test_storing_is_all_or_nothing_at_every_point_the_database_runs_out_of_room(
    importer: tuple[World, ImportService, Database],
) -> None:
    """Ten reports from one file, stored with the database allowed 0, 1, 2, … more pages (SQLite's own
    "database or disk is full" at each point the store can run out), until it fits: every refusal stores
    nothing, and the one that fits stores all ten."""
    world, service, db = importer
    rows = [
        (
            f"T{n}",
            "",
            f"{5 + n:02d}.01.2026",
            "Oslo",
            "Bodø",
            str(10 + n),
            "Kundemøte " + "«lang tekst» " * 30,
            "",
            "",
            "",
        )
        for n in range(10)
    ]
    preview = service.plan(
        read_bytes(csv_bytes(rows, "nb", ";", "utf-8"), "liste.csv"),
        world.company_id,
        ImportOptions(default_employee_id=world.employee_id),
    )
    planned = preview.importable()
    assert len(planned) == 10, preview.errors
    conn = db._connection()
    refusals = 0
    for room in range(200):
        before = _store_count(db)
        pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
        conn.execute(f"PRAGMA max_page_count={pages + room}")
        try:
            stored = service.store(preview)
        except DiskFull:
            assert _store_count(db) == before, room  # nothing half-written
            refusals += 1
            continue
        finally:
            conn.execute("PRAGMA max_page_count=1073741823")
        assert _store_count(db) == before + 10 == before + len(stored.summary.ids)
        break
    else:
        pytest.fail("never stored")
    assert refusals > 0  # it did run out of room before it fitted
