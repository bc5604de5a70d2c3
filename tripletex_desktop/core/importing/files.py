"""Files the importer writes: the bad rows back for fixing, and the CSV/XLSX templates with example rows."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tripletex_desktop.core.importing.columns import ImportField
from tripletex_desktop.core.importing.plan import ImportPreview

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

#: ("nb" | "en") -> the template's header of each field, in template order
TEMPLATE_HEADERS: dict[str, dict[ImportField, str]] = {
    "nb": {
        ImportField.TRIP: "Reise",
        ImportField.EMPLOYEE: "Ansatt",
        ImportField.DATE: "Dato",
        ImportField.DEPARTURE_TIME: "Fra kl",
        ImportField.RETURN_DATE: "Til dato",
        ImportField.RETURN_TIME: "Til kl",
        ImportField.FROM: "Fra",
        ImportField.TO: "Til",
        ImportField.KM: "Antall km",
        ImportField.PURPOSE: "Reiseformål",
        ImportField.LODGING: "Overnatting",
        ImportField.BREAKFAST: "Frokost",
        ImportField.LUNCH: "Lunsj",
        ImportField.DINNER: "Middag",
        ImportField.COUNTRY: "Land",
        ImportField.CATEGORY: "Kostnadstype",
        ImportField.AMOUNT: "Beløp",
        ImportField.CURRENCY: "Valuta",
        ImportField.RECEIPT: "Kvittering",
        ImportField.COMMENT: "Kommentar",
    },
    "en": {
        ImportField.TRIP: "Trip",
        ImportField.EMPLOYEE: "Employee",
        ImportField.DATE: "Date",
        ImportField.DEPARTURE_TIME: "Departure time",
        ImportField.RETURN_DATE: "Return date",
        ImportField.RETURN_TIME: "Return time",
        ImportField.FROM: "From",
        ImportField.TO: "To",
        ImportField.KM: "Km",
        ImportField.PURPOSE: "Purpose",
        ImportField.LODGING: "Lodging",
        ImportField.BREAKFAST: "Breakfast",
        ImportField.LUNCH: "Lunch",
        ImportField.DINNER: "Dinner",
        ImportField.COUNTRY: "Country",
        ImportField.CATEGORY: "Cost type",
        ImportField.AMOUNT: "Amount",
        ImportField.CURRENCY: "Currency",
        ImportField.RECEIPT: "Receipt",
        ImportField.COMMENT: "Comment",
    },
}

#: per language: the words of the example rows (English category names match the Norwegian categories
#: through directories.CATEGORY_WORDS)
_WORDS: dict[str, dict[str, str]] = {
    "nb": {
        "meeting": "Kundemøte",
        "course": "Kurs",
        "hotel": "Hotell",
        "train": "Tog",
        "parking": "Parkering",
        "hotel_comment": "Hotell Bergen, 1 natt",
        "train_comment": "Tog tur/retur",
        "parking_comment": "Parkering Oslo S",
        "yes": "ja",
        "no": "nei",
        "lodging_hotel": "hotell",
        "lodging_none": "ingen",
        "receipts": "kvitteringer",
    },
    "en": {
        "meeting": "Customer meeting",
        "course": "Course",
        "hotel": "Hotel",
        "train": "Train",
        "parking": "Parking",
        "hotel_comment": "Hotel Bergen, 1 night",
        "train_comment": "Train return ticket",
        "parking_comment": "Parking Oslo S",
        "yes": "yes",
        "no": "no",
        "lodging_hotel": "hotel",
        "lodging_none": "none",
        "receipts": "receipts",
    },
}


@dataclass(frozen=True, slots=True)
class TemplateRow:
    """One example row: field -> value (a date, time, number or text; absent fields are empty)."""

    values: Mapping[ImportField, object]


def template_rows(language: str, year: int) -> tuple[tuple[str, ...], tuple[TemplateRow, ...]]:
    """The template's headers and example rows: a two-leg overnight trip with a hotel cost and receipt,
    a train trip with per diem only and its ticket, and an employee expense of its own."""
    headers = TEMPLATE_HEADERS.get(language, TEMPLATE_HEADERS["nb"])
    w = _WORDS.get(language, _WORDS["nb"])
    f = ImportField
    employee = "Kari Nordmann"
    rows = (
        {
            f.TRIP: 1,
            f.EMPLOYEE: employee,
            f.DATE: dt.date(year, 3, 10),
            f.DEPARTURE_TIME: dt.time(7, 30),
            f.FROM: "Oslo",
            f.TO: "Bergen",
            f.KM: 463,
            f.PURPOSE: w["meeting"],
            f.LODGING: w["lodging_hotel"],
            f.BREAKFAST: w["yes"],
        },
        {
            f.TRIP: 1,
            f.EMPLOYEE: employee,
            f.DATE: dt.date(year, 3, 10),
            f.CATEGORY: w["hotel"],
            f.AMOUNT: 1450.0,
            f.CURRENCY: "NOK",
            f.RECEIPT: f"{w['receipts']}/hotell-bergen.pdf",
            f.COMMENT: w["hotel_comment"],
        },
        {
            f.TRIP: 1,
            f.EMPLOYEE: employee,
            f.DATE: dt.date(year, 3, 11),
            f.RETURN_DATE: dt.date(year, 3, 11),
            f.RETURN_TIME: dt.time(18, 15),
            f.FROM: "Bergen",
            f.TO: "Oslo",
            f.KM: 463,
            f.PURPOSE: w["meeting"],
        },
        {
            f.TRIP: 2,
            f.EMPLOYEE: employee,
            f.DATE: dt.date(year, 3, 17),
            f.DEPARTURE_TIME: dt.time(6, 45),
            f.RETURN_DATE: dt.date(year, 3, 17),
            f.RETURN_TIME: dt.time(20, 30),
            f.FROM: "Oslo",
            f.TO: "Trondheim",
            f.PURPOSE: w["course"],
            f.LODGING: w["lodging_none"],
            f.LUNCH: w["yes"],
        },
        {
            f.TRIP: 2,
            f.EMPLOYEE: employee,
            f.DATE: dt.date(year, 3, 17),
            f.CATEGORY: w["train"],
            f.AMOUNT: 1249.0,
            f.CURRENCY: "NOK",
            f.RECEIPT: f"{w['receipts']}/tog-trondheim.pdf",
            f.COMMENT: w["train_comment"],
        },
        {
            f.EMPLOYEE: employee,
            f.DATE: dt.date(year, 3, 20),
            f.CATEGORY: w["parking"],
            f.AMOUNT: 180.0,
            f.CURRENCY: "NOK",
            f.COMMENT: w["parking_comment"],
        },
    )
    return tuple(headers.values()), tuple(TemplateRow({k: v for k, v in r.items()}) for r in rows)


def _csv_text(value: object) -> str:
    """A value as Excel in Norway writes it to CSV: 10.03.2026, 07:30, 1450,00."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", ",")
    return str(value)


def template_csv(language: str, year: int) -> bytes:
    """The template as a `;`-separated CSV in UTF-8 with BOM (Excel opens it with the right characters)."""
    headers, rows = template_rows(language, year)
    fields = list(TEMPLATE_HEADERS.get(language, TEMPLATE_HEADERS["nb"]))
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_csv_text(row.values.get(f)) for f in fields])
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def template_xlsx(language: str, year: int) -> bytes:
    """The template as an Excel workbook: real date, time and number cells, a bold header, sized columns."""
    import openpyxl  # local: only spreadsheets need it, and it is slow to import
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    headers, rows = template_rows(language, year)
    fields = list(TEMPLATE_HEADERS.get(language, TEMPLATE_HEADERS["nb"]))
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Reiser" if language == "nb" else "Trips"
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([row.values.get(f) for f in fields])
    _format_cells(sheet)
    sheet.freeze_panes = "A2"
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(10, len(header) + 4)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _format_cells(sheet: Worksheet) -> None:
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, dt.datetime):
                cell.number_format = "DD.MM.YYYY HH:MM"
            elif isinstance(cell.value, dt.date):
                cell.number_format = "DD.MM.YYYY"
            elif isinstance(cell.value, dt.time):
                cell.number_format = "HH:MM"
            elif isinstance(cell.value, float):
                cell.number_format = "#,##0.00"


def rejected_rows_file(
    preview: ImportPreview, messages: Mapping[int, str], problem_header: str
) -> tuple[bytes, str]:
    """The rows that were not imported, as a file like the imported one, with a last column saying why.

    `messages` maps a file row number to its (translated) problem text. Returns (content, suffix): an XLSX
    for a spreadsheet, else a CSV with the original delimiter and encoding. The header is the file's own,
    so the fixed file imports with the same columns (the problem column is not mapped).
    """
    rejected = preview.rejected
    headers = [*preview.table.headers, problem_header]
    data = [[*preview.table.rows[r.index], messages.get(r.row_number, "")] for r in rejected]
    if preview.table.is_xlsx:
        return _xlsx_bytes(headers, data), ".xlsx"
    table = preview.table
    delimiter = table.delimiter or ";"
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headers)
    for row in data:
        writer.writerow([_csv_text(c) if not isinstance(c, str) else c for c in row])
    encoding = table.encoding or "utf-8-sig"
    text = out.getvalue()
    if encoding == "utf-8-sig":
        return b"\xef\xbb\xbf" + text.encode("utf-8"), ".csv"
    return text.encode(encoding, errors="replace"), ".csv"


def _xlsx_bytes(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    import openpyxl  # local: only spreadsheets need it, and it is slow to import
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
    _format_cells(sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
