"""Issue 12: the files bookkeepers really have — multi-leg trips, trips without driving, costs with receipts,
a month's driving log — in every format Norwegian Excel writes, grouped into the right reports."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from tests.core.travel_fixtures import category_id, rate_table
from tests.support.importing import BAD_ROWS
from tripletex_desktop.core.importing import (
    GroupedBy,
    Grouping,
    ImportContext,
    ImportOptions,
    ImportPreview,
    KnownImports,
    KnownRow,
    RowError,
    RowStatus,
    parse_import,
    read_bytes,
    rejected_rows_file,
    row_fingerprint,
    template_csv,
    template_rows,
    template_xlsx,
)
from tripletex_desktop.core.models import CostCategory, Employee, PaymentType
from tripletex_desktop.core.rates import PerDiemKind
from tripletex_desktop.core.travel import Accommodation, CostLine, MileageLine, ReportKind

EMPLOYEES = (
    Employee(1, "Kari", "Nordmann", employee_number="101", email="kari@firma.no"),
    Employee(2, "Ola", "Hansen", employee_number="102"),
)
CATEGORIES = (
    CostCategory(10, "Hotell"),
    CostCategory(11, "Tog"),
    CostCategory(12, "Parkering"),
    CostCategory(13, "Diett", show_on_employee_expenses=False),
    CostCategory(14, "Taxi"),
    CostCategory(15, "Gammel bilgodtgjørelse", is_inactive=True),
    CostCategory(16, "Flybuss"),
    CostCategory(17, "Flytog"),
)
PAYMENTS = (PaymentType(30, "Privat utlegg"), PaymentType(31, "Firmakort"))
RATES = rate_table()

# A travel list as a Norwegian bookkeeper keeps it in Excel: a title row, the header, a two-leg overnight trip
# with its hotel and a receipt, a train trip with per diem only, an employee expense, and a totals row.
NB_LIST = [
    "Reiseliste mars 2026 – Fjordlys Reiser AS;;;;;;;;;;;;;;",
    ";;;;;;;;;;;;;;",
    "Reise;Ansatt;Dato;Fra kl;Til dato;Til kl;Fra;Til;Antall km;Reiseformål;Overnatting;Frokost;Kostnadstype;Beløp;Kvittering",
    "1;101;10.03.2026;07:30;;;Oslo;Bergen;463;Kundemøte Bergen;hotell;ja;;;",
    "1;101;10.03.2026;;;;;;;;;;Hotell;1 450,00;kvitteringer\\hotell-bergen.pdf",
    "1;101;11.03.2026;;11.03.2026;18:15;Bergen;Oslo;463;Kundemøte Bergen;;;;;",
    "2;101;17.03.2026;06:45;17.03.2026;20:30;Oslo;Trondheim;;Kurs Trondheim;ingen;;;;",
    "2;101;17.03.2026;;;;;;;;;;Tog;1 249,00;kvitteringer\\tog.pdf",
    ";101;20.03.2026;;;;;;;;;;Parkering;180,00;",
    "Sum;;;;;;;;926;;;;;2 879,00;",
]


def receipts(folder: Path) -> Path:
    (folder / "kvitteringer").mkdir(exist_ok=True)
    for name in ("hotell-bergen.pdf", "tog.pdf"):
        (folder / "kvitteringer" / name).write_bytes(b"%PDF-1.4 receipt")
    return folder


def context(**changes: object) -> ImportContext:
    base = ImportContext("c1", 9, EMPLOYEES, CATEGORIES, PAYMENTS, RATES)
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def plan(path: Path, ctx: ImportContext | None = None, **options: object) -> ImportPreview:
    return parse_import(path, ctx or context(), ImportOptions(**options))  # type: ignore[arg-type]


def cp1252_list(folder: Path) -> Path:
    path = receipts(folder) / "reiseliste.csv"
    path.write_bytes(("\r\n".join(NB_LIST) + "\r\n").encode("cp1252"))
    return path


def bom_list(folder: Path) -> Path:
    """The same list as an English-speaking user saves it: UTF-8 with BOM, `,`-separated, English headers."""
    header = "Trip,Employee,Date,Departure time,Return date,Return time,From,To,Km,Purpose,Lodging,Breakfast,Cost type,Amount,Receipt"
    rows = [
        header,
        "1,kari@firma.no,2026-03-10,07:30,,,Oslo,Bergen,463,Kundemøte Bergen,hotel,yes,,,",
        '1,kari@firma.no,2026-03-10,,,,,,,,,,Hotel,"1,450.00",kvitteringer/hotell-bergen.pdf',
        "1,kari@firma.no,2026-03-11,,2026-03-11,18:15,Bergen,Oslo,463,Kundemøte Bergen,,,,,",
        "2,kari@firma.no,2026-03-17,06:45,2026-03-17,20:30,Oslo,Trondheim,,Kurs Trondheim,none,,,,",
        '2,kari@firma.no,2026-03-17,,,,,,,,,,Train,"1,249.00",kvitteringer/tog.pdf',
        ",kari@firma.no,2026-03-20,,,,,,,,,,Parking,180,",
    ]
    path = receipts(folder) / "trips.csv"
    path.write_bytes(b"\xef\xbb\xbf" + ("\n".join(rows) + "\n").encode("utf-8"))
    return path


def xlsx_list(folder: Path) -> Path:
    """The list as an .xlsx: date, time and number cells, a merged title row, a SUM row (cached values)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Mars"
    ws.append(["Reiseliste mars 2026"])
    ws.merge_cells("A1:O1")
    ws.append([])
    ws.append(NB_LIST[2].split(";"))
    d, t = dt.datetime, dt.time
    ws.append(
        [
            1,
            101,
            d(2026, 3, 10),
            t(7, 30),
            None,
            None,
            "Oslo",
            "Bergen",
            463,
            "Kundemøte Bergen",
            "Hotell",
            "x",
        ]
    )
    ws.append(
        [
            1,
            101,
            d(2026, 3, 10),
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            "Hotell",
            1450.0,
            "kvitteringer/hotell-bergen.pdf",
        ]
    )
    ws.append(
        [1, 101, d(2026, 3, 11), None, d(2026, 3, 11), t(18, 15), "Bergen", "Oslo", 463, "Kundemøte Bergen"]
    )
    ws.append(
        [
            2,
            101,
            d(2026, 3, 17),
            t(6, 45),
            d(2026, 3, 17),
            t(20, 30),
            "Oslo",
            "Trondheim",
            None,
            "Kurs Trondheim",
            "Ingen",
        ]
    )
    ws.append(
        [
            2,
            101,
            d(2026, 3, 17),
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            "Tog",
            1249.0,
            "kvitteringer/tog.pdf",
        ]
    )
    ws.append(
        [None, 101, d(2026, 3, 20), None, None, None, None, None, None, None, None, None, "Parkering", 180]
    )
    ws.append(["Sum", None, None, None, None, None, None, None, 926, None, None, None, None, 2879.0])
    path = receipts(folder) / "reiseliste.xlsx"
    wb.save(path)
    return path


def check_the_list(preview: ImportPreview, folder: Path) -> None:
    """What the travel list above must become, whatever the file format."""
    assert preview.ok, preview.errors
    trip, train, parking = sorted(preview.reports, key=lambda p: p.row_numbers)
    # the two-leg overnight trip: one report, one mileage line per leg on its own date, the hotel with receipt
    assert trip.grouped_by is GroupedBy.TRIP_KEY and trip.valid
    report = trip.report
    assert report.kind is ReportKind.TRAVEL and report.is_overnight
    assert (report.departure_at, report.return_at) == (
        dt.datetime(2026, 3, 10, 7, 30),
        dt.datetime(2026, 3, 11, 18, 15),
    )
    assert (report.departure_from, report.destination, report.purpose) == (
        "Oslo",
        "Bergen",
        "Kundemøte Bergen",
    )
    assert report.mileage_lines == (
        MileageLine(dt.date(2026, 3, 10), "Oslo", "Bergen", Decimal(463)),
        MileageLine(dt.date(2026, 3, 11), "Bergen", "Oslo", Decimal(463)),
    )
    (hotel,) = report.cost_lines
    assert hotel == CostLine(
        dt.date(2026, 3, 10),
        10,
        Decimal("1450.00"),
        comment="",
        receipt_path=str((folder / "kvitteringer" / "hotell-bergen.pdf").resolve()),
    )
    # 10.03 07:30 -> 11.03 18:15 = one døgn + 10 h 45 min: a døgnsats and a 6-12 h rest, hotel, breakfast paid
    per_diem = report.per_diem_lines
    assert [(p.kind, p.count, p.date) for p in per_diem] == [
        (PerDiemKind.OVERNIGHT, 1, dt.date(2026, 3, 10)),
        (PerDiemKind.REST_6_12, 1, dt.date(2026, 3, 11)),
    ]
    assert {p.accommodation for p in per_diem} == {Accommodation.HOTEL}
    assert all(p.breakfast_deduction and not p.lunch_deduction for p in per_diem)
    assert [p.rate_category_id for p in per_diem] == [category_id(2026, 3), category_id(2026, 4)]
    # the train trip: no driving, per diem only (over 12 hours, no overnight), and the ticket
    assert not train.report.mileage_lines and train.report.is_day_trip
    assert [(p.kind, p.count) for p in train.report.per_diem_lines] == [(PerDiemKind.DAY_OVER_12, 1)]
    assert [c.cost_category_id for c in train.report.cost_lines] == [11]
    # the parking without a trip key: an employee expense of its own
    assert parking.grouped_by is GroupedBy.EXPENSE
    assert parking.report.kind is ReportKind.EMPLOYEE_EXPENSE
    assert parking.report.title == "Parkering"
    assert [c.amount_incl_vat for c in parking.report.cost_lines] == [Decimal(180)]


def test_a_cp1252_travel_list_with_a_title_row_and_a_totals_row(tmp_path: Path) -> None:
    preview = plan(cp1252_list(tmp_path))
    assert preview.table.encoding == "cp1252" and preview.table.delimiter == ";"
    assert preview.table.header_row == 3 and preview.table.skipped_above == (1,)
    check_the_list(preview, tmp_path)
    assert [(n.row_number, n.code) for n in preview.notes if n.report_id is None] == [
        (1, "title_row_skipped"),
        (10, "totals_row_ignored"),
    ]
    assert preview.rows_with(RowStatus.IGNORED)[0].row_number == 10


def test_a_utf8_bom_list_with_english_headers(tmp_path: Path) -> None:
    preview = plan(bom_list(tmp_path))
    assert preview.table.encoding == "utf-8-sig" and preview.table.delimiter == ","
    check_the_list(preview, tmp_path)


def test_an_xlsx_list_with_date_time_and_number_cells(tmp_path: Path) -> None:
    preview = plan(xlsx_list(tmp_path))
    assert preview.table.is_xlsx and preview.table.sheet == "Mars"
    check_the_list(preview, tmp_path)
    assert any(n.code == "totals_row_ignored" for n in preview.notes)


def test_the_same_rows_in_every_format_are_the_same_rows(tmp_path: Path) -> None:
    folders = [tmp_path / name for name in ("a", "b")]
    for folder in folders:
        folder.mkdir()
    from_csv = plan(cp1252_list(folders[0]))
    from_xlsx = plan(xlsx_list(folders[1]))
    assert [r.fingerprint for r in from_csv.rows if r.status is RowStatus.NEW] == [
        r.fingerprint for r in from_xlsx.rows if r.status is RowStatus.NEW
    ]
    assert [p.report.id for p in from_csv.reports] == [p.report.id for p in from_xlsx.reports]


def test_the_templates_import_as_they_are(tmp_path: Path) -> None:
    receipts_dir = tmp_path / "kvitteringer"
    receipts_dir.mkdir()
    (tmp_path / "receipts").mkdir()
    headers, rows = template_rows("nb", 2026)
    for row in rows:
        for value in row.values.values():
            if isinstance(value, str) and value.endswith(".pdf"):
                (tmp_path / value).write_bytes(b"%PDF")
    for language in ("nb", "en"):
        _, en_rows = template_rows(language, 2026)
        for row in en_rows:
            for value in row.values.values():
                if isinstance(value, str) and value.endswith(".pdf"):
                    (tmp_path / value).write_bytes(b"%PDF")
        for data, name in (
            (template_csv(language, 2026), "mal.csv"),
            (template_xlsx(language, 2026), "mal.xlsx"),
        ):
            path = tmp_path / f"{language}-{name}"
            path.write_bytes(data)
            employees = (Employee(5, "Kari", "Nordmann"),)
            preview = plan(path, context(employees=employees))
            assert preview.ok, (language, name, preview.errors)
            assert set(preview.mapping.columns.values()) == set(read_bytes(data, name).headers)
            kinds = sorted(
                (p.report.kind.value, len(p.report.mileage_lines), len(p.report.cost_lines))
                for p in preview.reports
            )
            assert kinds == [("EMPLOYEE_EXPENSE", 0, 1), ("TRAVEL", 0, 1), ("TRAVEL", 2, 1)], (language, name)
    assert headers[0] == "Reise" and "Kvittering" in headers


# --- grouping ------------------------------------------------------------------------------------------------


def table_file(tmp_path: Path, lines: list[str], name: str = "t.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


LEGS = "Ansatt;Dato;Fra kl;Til dato;Til kl;Fra;Til;Km;Formål;Overnatting"


def test_rows_without_a_key_whose_times_touch_are_one_trip(tmp_path: Path) -> None:
    preview = plan(
        table_file(
            tmp_path,
            [
                LEGS,
                "101;03.03.2026;08:00;03.03.2026;11:00;Oslo;Drammen;42;Montering;",
                "101;03.03.2026;11:00;03.03.2026;15:30;Drammen;Oslo;42;Montering;",  # starts as the first ends
                "101;04.03.2026;08:00;04.03.2026;10:00;Oslo;Ski;25;Service;",  # next day, no night: a trip of its own
                "102;03.03.2026;09:00;03.03.2026;10:00;Oslo;Asker;22;Service;",  # another employee
            ],
        )
    )
    assert preview.ok, preview.errors
    groups = sorted((p.row_numbers, p.grouped_by) for p in preview.reports)
    assert groups == [((2, 3), GroupedBy.TIMES), ((4,), GroupedBy.SINGLE), ((5,), GroupedBy.SINGLE)]
    both = next(p for p in preview.reports if p.row_numbers == (2, 3)).report
    assert both.title == "Oslo \u2013 Drammen" and len(both.mileage_lines) == 2
    assert (both.departure_at, both.return_at) == (
        dt.datetime(2026, 3, 3, 8),
        dt.datetime(2026, 3, 3, 15, 30),
    )


def test_a_night_in_a_hotel_joins_the_next_day(tmp_path: Path) -> None:
    preview = plan(
        table_file(
            tmp_path,
            [
                LEGS,
                "101;03.03.2026;07:00;03.03.2026;13:00;Oslo;Lillehammer;180;Messe;hotell",
                "101;04.03.2026;14:00;04.03.2026;17:00;Lillehammer;Oslo;180;Messe;",
            ],
        )
    )
    (trip,) = preview.reports
    assert trip.grouped_by is GroupedBy.TIMES and trip.report.is_overnight
    assert [(p.kind, p.count) for p in trip.report.per_diem_lines] == [
        (PerDiemKind.OVERNIGHT, 1),
        (PerDiemKind.REST_6_12, 1),
    ]


def test_a_trip_across_new_year_keeps_each_legs_rate_and_splits_the_per_diem(tmp_path: Path) -> None:
    preview = plan(
        table_file(
            tmp_path,
            [
                "Reise;" + LEGS,
                "J1;101;30.12.2025;09:00;;;Oslo;Trondheim;495;Årsoppgjør;hotell",
                "J1;101;02.01.2026;;02.01.2026;17:00;Trondheim;Oslo;495;Årsoppgjør;",
            ],
        )
    )
    assert preview.ok, preview.errors
    (trip,) = preview.reports
    report = trip.report
    assert [line.date for line in report.mileage_lines] == [dt.date(2025, 12, 30), dt.date(2026, 1, 2)]
    # 30.12 09:00 -> 02.01 17:00: three whole døgn (two in 2025, one in 2026) and 8 hours more
    assert [(p.kind, p.count, p.rate_category_id) for p in report.per_diem_lines] == [
        (PerDiemKind.OVERNIGHT, 2, category_id(2025, 3)),
        (PerDiemKind.OVERNIGHT, 1, category_id(2026, 3)),
        (PerDiemKind.REST_6_12, 1, category_id(2026, 4)),
    ]


def test_a_driving_log_makes_one_report_per_employee_and_month(tmp_path: Path) -> None:
    lines = ["Dato;Fra;Til;Km;Formål"]
    lines += [f"{day:02d}.03.2026;Oslo;Drammen;41,5;Kundebesøk" for day in range(2, 28, 3)]
    lines.append("01.04.2026;Oslo;Hamar;126;Montering")
    path = table_file(tmp_path, lines, "kjorebok.csv")
    preview = plan(path, grouping=Grouping.MONTHLY, default_employee_id=1, month_title="Kjørebok %1")
    assert preview.ok, preview.errors
    march, april = sorted(preview.reports, key=lambda p: p.row_numbers)
    assert march.grouped_by is GroupedBy.MONTH and march.report.title == "Kjørebok 03.2026"
    assert len(march.report.mileage_lines) == 9 and not march.report.per_diem_lines
    assert [line.date.day for line in march.report.mileage_lines] == list(range(2, 28, 3))
    assert march.report.departure_at == dt.datetime(2026, 3, 2, 8) and march.report.return_at == dt.datetime(
        2026, 3, 26, 16
    )
    assert april.report.title == "Kjørebok 04.2026"
    # mileage only: no per diem suggestion unless asked, so assumed times are harmless (notes say so)
    assert {n.code for n in preview.notes} == {"times_assumed"}


def test_a_driving_log_with_per_diem_asked_for_splits_off_the_long_days(tmp_path: Path) -> None:
    lines = [
        "Dato;Fra kl;Til kl;Fra;Til;Km",
        "02.03.2026;08:00;09:00;Oslo;Ski;25",
        "03.03.2026;07:00;15:00;Oslo;Gjøvik;125",  # 8 hours: a day trip with per diem
        "05.03.2026;08:00;09:30;Ski;Oslo;25",
    ]
    preview = plan(
        table_file(tmp_path, lines), grouping=Grouping.MONTHLY, default_employee_id=1, per_diem=True
    )
    month, day = sorted(preview.reports, key=lambda p: p.grouped_by is not GroupedBy.MONTH)
    assert month.row_numbers == (2, 4) and not month.report.per_diem_lines
    assert day.row_numbers == (3,) and [p.kind for p in day.report.per_diem_lines] == [PerDiemKind.DAY_6_12]


def test_per_diem_is_never_suggested_from_assumed_times(tmp_path: Path) -> None:
    preview = plan(table_file(tmp_path, ["Ansatt;Dato;Fra;Til;Km", "101;03.03.2026;Oslo;Hamar;126"]))
    (trip,) = preview.reports
    assert not trip.report.per_diem_lines
    assert {n.code for n in preview.notes} == {"times_assumed", "per_diem_needs_times"}


def test_a_missing_rate_is_a_note_not_an_error(tmp_path: Path) -> None:
    path = table_file(
        tmp_path, ["Ansatt;Dato;Fra kl;Til kl;Fra;Til", "101;03.03.2027;07:00;20:00;Oslo;Bergen"]
    )
    preview = plan(path)
    assert preview.ok
    [note] = [n for n in preview.notes if n.code == "per_diem_no_rate"]
    assert note.value == "no_rate_for_date" and note.row_number == 2


def test_foreign_country_and_meals(tmp_path: Path) -> None:
    path = table_file(
        tmp_path,
        [
            "Ansatt;Dato;Fra kl;Til dato;Til kl;Fra;Til;Land;Overnatting;Lunsj;Middag",
            "101;03.03.2026;07:00;03.03.2026;21:00;Oslo;Stockholm;Sverige;ingen;ja;nei",
        ],
    )
    (trip,) = plan(path).reports
    assert trip.report.is_foreign and trip.report.country_code == "SE"
    domestic = plan(
        table_file(
            tmp_path,
            ["Ansatt;Dato;Fra kl;Til kl;Fra;Til;Lunsj", "101;03.03.2026;07:00;21:00;Oslo;Hamar;x"],
            "n.csv",
        )
    )
    [line] = domestic.reports[0].report.per_diem_lines
    assert line.lunch_deduction and not line.dinner_deduction and line.kind is PerDiemKind.DAY_OVER_12


# --- bad rows ------------------------------------------------------------------------------------------------

COSTS = "Reise;Ansatt;Dato;Fra;Til;Km;Kostnadstype;Beløp;Valuta;Kvittering;Overnatting;Land;Betalingsmåte;Passasjerer"


@pytest.mark.parametrize(("line", "field", "code"), BAD_ROWS, ids=[c for _, _, c in BAD_ROWS])
def test_each_bad_row_kind(tmp_path: Path, line: str, field: str, code: str) -> None:
    good = "1;101;03.03.2026;Oslo;Moss;60;;;;;;;;"
    (tmp_path / "IMG_0042.HEIC").write_bytes(b"\0\0\0\x18ftypheic")  # an iPhone photo that is there
    preview = plan(table_file(tmp_path, [COSTS, good, line]))
    assert [(e.row_number, e.field, e.code) for e in preview.errors] == [(3, field, code)]
    assert preview.importable() == ()  # all or nothing
    statuses = {r.row_number: r.status for r in preview.rows}
    assert statuses[3] is RowStatus.ERROR


def test_only_the_valid_rows_and_the_rows_to_fix(tmp_path: Path) -> None:
    path = table_file(
        tmp_path,
        [
            COSTS,
            "1;101;03.03.2026;Oslo;Moss;60;;;;;;;;",
            "1;101;03.03.2026;;;;Taxi;tolv;;;;;;",  # the trip's cost is bad: the whole trip is held back
            "2;101;05.03.2026;Oslo;Ski;25;;;;;;;;",
        ],
    )
    preview = plan(path)
    assert preview.importable() == ()
    valid = preview.importable(only_valid=True)
    assert [p.row_numbers for p in valid] == [(4,)]
    assert [(r.row_number, r.status) for r in preview.rejected] == [
        (2, RowStatus.HELD_BACK),
        (3, RowStatus.ERROR),
    ]
    data, suffix = rejected_rows_file(preview, {2: "held back", 3: "Beløp: not a number"}, "Feil")
    assert suffix == ".csv"
    text = data.decode("utf-8")
    assert text.splitlines() == [
        COSTS + ";Feil",
        "1;101;03.03.2026;Oslo;Moss;60;;;;;;;;;held back",
        "1;101;03.03.2026;;;;Taxi;tolv;;;;;;;Beløp: not a number",
    ]
    # fixed and imported again, the held-back trip comes in whole; the valid row was stored and is skipped
    stored = KnownImports.of(
        KnownRow(r.fingerprint, p.report.id, r.employee_id, r.trip_key, r.start, r.end)
        for p in valid
        for r in p.rows
    )
    fixed = tmp_path / "fixed.csv"
    fixed.write_text(text.replace("tolv", "250"), encoding="utf-8")
    again = plan(fixed, context(known=stored))
    assert again.ok and [p.row_numbers for p in again.reports] == [(2, 3)]
    original = plan(path, context(known=stored))
    assert original.skipped == (4,)


def test_rows_to_fix_from_a_spreadsheet_are_a_spreadsheet(tmp_path: Path) -> None:
    path = xlsx_list(tmp_path)
    (tmp_path / "kvitteringer" / "tog.pdf").unlink()
    preview = plan(path)
    assert [(e.row_number, e.code) for e in preview.errors] == [(8, "receipt_not_found")]
    data, suffix = rejected_rows_file(preview, {7: "held", 8: "no receipt"}, "Feil")
    assert suffix == ".xlsx"
    back = read_bytes(data, "fix.xlsx")
    assert back.headers[-1] == "Feil" and len(back.rows) == 2
    assert back.rows[0][2] == dt.datetime(2026, 3, 17)  # cells keep their types


# --- importing again ----------------------------------------------------------------------------------------


def known_from(preview: ImportPreview) -> KnownImports:
    return KnownImports.of(
        KnownRow(r.fingerprint, p.report.id, r.employee_id, r.trip_key, r.start, r.end, p.report.title)
        for p in preview.importable()
        for r in p.rows
    )


def test_the_same_file_again_adds_nothing(tmp_path: Path) -> None:
    path = cp1252_list(tmp_path)
    first = plan(path)
    again = plan(path, context(known=known_from(first)))
    assert again.reports == () and again.ok
    assert again.skipped == (4, 5, 6, 7, 8, 9)


def test_an_edited_file_adds_only_the_new_rows(tmp_path: Path) -> None:
    path = cp1252_list(tmp_path)
    known = known_from(plan(path))
    edited = [*NB_LIST[:-1], "3;101;24.03.2026;08:00;24.03.2026;09:00;Oslo;Ski;25;Service;;;;;", NB_LIST[-1]]
    path.write_bytes(("\r\n".join(edited) + "\r\n").encode("cp1252"))
    again = plan(path, context(known=known))
    assert again.ok and [p.row_numbers for p in again.reports] == [(10,)]
    assert again.skipped == (4, 5, 6, 7, 8, 9)


def test_a_new_row_of_a_trip_imported_before_is_refused(tmp_path: Path) -> None:
    path = cp1252_list(tmp_path)
    known = known_from(plan(path))
    edited = [*NB_LIST[:6], "1;101;11.03.2026;;;;;;;;;;Taxi;320,00;", *NB_LIST[6:]]
    path.write_bytes(("\r\n".join(edited) + "\r\n").encode("cp1252"))
    again = plan(path, context(known=known))
    assert again.errors == (RowError(7, "date", "trip_imported_before", "Oslo \u2013 Bergen"),)
    # the same leg in another file without a key: it overlaps the trip imported before, so it is refused too
    other = table_file(
        tmp_path, [LEGS, "101;11.03.2026;12:00;11.03.2026;13:00;Bergen;Voss;100;Ekstra;"], "other.csv"
    )
    assert [e.code for e in plan(other, context(known=known)).errors] == ["trip_imported_before"]


def test_rows_imported_by_the_single_row_importer_are_recognised(tmp_path: Path) -> None:
    path = table_file(
        tmp_path, ["Dato;Fra;Til;Km;Ansattnummer;Formål", "03.02.2026;Oslo;Drammen;42,5;101;Kundemøte"]
    )
    # the fingerprint the importer before issue 12 stored in travel_reports.import_fingerprint for this row
    old = row_fingerprint(
        9,
        {
            "date": "2026-02-03",
            "return_date": "2026-02-03",
            "departure_time": "08:00",
            "return_time": "16:00",
            "from": "Oslo",
            "to": "Drammen",
            "km": "42.5",
            "employee": "1",
            "purpose": "Kundemøte",
            "toll": "",
            "passengers": "0",
            "company_car": "False",
            "title": "",
        },
    )
    known = KnownImports.of([KnownRow(old, uuid.uuid4(), 1)])
    preview = plan(path, context(known=known))
    assert preview.reports == () and preview.skipped == (2,)


def test_column_mapping_needs_date_and_a_trip_or_a_cost(tmp_path: Path) -> None:
    preview = plan(table_file(tmp_path, ["Ansatt;Kostnadstype;Beløp", "101;Taxi;100"]))
    assert [(e.field, e.code) for e in preview.column_errors] == [("date", "column_not_mapped")]
    expenses = plan(
        table_file(tmp_path, ["Ansatt;Dato;Kostnadstype;Beløp", "101;03.03.2026;Taxi;100"], "e.csv")
    )
    assert expenses.ok and expenses.reports[0].report.kind is ReportKind.EMPLOYEE_EXPENSE


def test_a_driving_log_month_imported_before_gets_a_report_for_the_new_rows(tmp_path: Path) -> None:
    lines = ["Dato;Fra;Til;Km", "02.03.2026;Oslo;Ski;25", "09.03.2026;Oslo;Ski;25"]
    path = table_file(tmp_path, lines, "kjorebok.csv")
    options = {"grouping": Grouping.MONTHLY, "default_employee_id": 1}
    known = known_from(plan(path, **options))
    path.write_text("\n".join([*lines, "16.03.2026;Oslo;Ski;25"]) + "\n", encoding="utf-8")
    again = plan(path, context(known=known), **options)
    assert again.ok and again.skipped == (2, 3)
    (new,) = again.reports
    assert new.row_numbers == (4,) and len(new.report.mileage_lines) == 1
    assert [n.code for n in again.notes if n.report_id == new.report.id] == [
        "times_assumed",
        "month_imported_before",
    ]


def test_a_trip_row_without_a_date_holds_its_trip_back(tmp_path: Path) -> None:
    path = table_file(
        tmp_path,
        [
            "Reise;" + LEGS,
            "1;101;03.03.2026;08:00;;;Oslo;Moss;60;Kurs;",
            "1;101;;;;;Moss;Oslo;60;Kurs;",
            "1;101;03.03.2026;;;;;;;;",
        ],
    )
    preview = plan(path)
    assert [(r.row_number, r.status) for r in preview.rows] == [
        (2, RowStatus.HELD_BACK),
        (3, RowStatus.ERROR),
        (4, RowStatus.ERROR),
    ]
    assert [(e.row_number, e.field, e.code) for e in preview.errors] == [
        (3, "date", "required"),
        (4, "date", "nothing_to_import"),
    ]
    assert not preview.reports[0].valid and preview.importable(only_valid=True) == ()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "101;03.03.2026;;03.03.2026;07:00;Oslo;Moss;60;Kurs;",
            (dt.datetime(2026, 3, 3, 7), dt.datetime(2026, 3, 3, 7)),
        ),
        (
            "101;03.03.2026;17:00;;;Oslo;Moss;60;Kurs;",
            (dt.datetime(2026, 3, 3, 17), dt.datetime(2026, 3, 3, 17)),
        ),
    ],
)
def test_an_assumed_time_gives_way_to_the_time_given(tmp_path: Path, line: str, expected: tuple) -> None:
    (trip,) = plan(table_file(tmp_path, [LEGS, line])).reports
    assert (trip.report.departure_at, trip.report.return_at) == expected


def test_a_return_before_the_departure_is_an_error(tmp_path: Path) -> None:
    preview = plan(
        table_file(
            tmp_path,
            [
                LEGS,
                "101;03.03.2026;18:00;03.03.2026;07:00;Oslo;Moss;60;Kurs;",
                "101;05.03.2026;;04.03.2026;;Oslo;Ski;25;Kurs;",
            ],
        )
    )
    assert [(e.row_number, e.field, e.code) for e in preview.errors] == [
        (2, "return_time", "return_before_departure"),
        (3, "return_date", "return_before_departure"),
    ]


def test_the_employee_chosen_for_the_file_must_be_the_companys(tmp_path: Path) -> None:
    path = table_file(tmp_path, ["Dato;Fra;Til;Km", "02.03.2026;Oslo;Ski;25"])
    assert plan(path, default_employee_id=2).ok
    preview = plan(path, default_employee_id=77)
    assert preview.column_errors == (RowError(0, "employee", "employee_unknown", "77"),)
    assert preview.importable(only_valid=True) == ()


def test_no_per_diem_where_the_company_does_not_pay_it(tmp_path: Path) -> None:
    path = table_file(
        tmp_path, ["Ansatt;Dato;Fra kl;Til kl;Fra;Til", "101;03.03.2026;07:00;20:00;Oslo;Bergen"]
    )
    (trip,) = plan(path, context(per_diem_compensated=False)).reports
    assert trip.report.per_diem_lines == ()
    notes = [n.code for n in plan(path, context(per_diem_compensated=False)).notes]
    assert notes == ["per_diem_not_compensated", "report_without_lines"]


def test_zero_km_is_a_leg_without_driving(tmp_path: Path) -> None:
    preview = plan(table_file(tmp_path, [LEGS, "101;03.03.2026;07:00;03.03.2026;20:00;Oslo;Bergen;0;Tog;"]))
    assert preview.ok
    (trip,) = preview.reports
    assert trip.report.mileage_lines == () and [p.kind for p in trip.report.per_diem_lines] == [
        PerDiemKind.DAY_OVER_12
    ]
