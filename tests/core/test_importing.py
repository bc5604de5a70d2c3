"""CSV/XLSX import of driving logs: encodings, delimiters, Norwegian numbers and dates, all-or-nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from tripletex_desktop.core.importing import (
    ColumnMapping,
    EmployeeDirectory,
    ImportContext,
    ImportField,
    ImportFileEmpty,
    ImportFileError,
    ImportFileUnsupported,
    ImportOptions,
    RawTable,
    RowError,
    RowNote,
    import_rows,
    layout_key,
    parse_bool,
    parse_date,
    parse_decimal,
    parse_time,
    plan_import,
    read_table,
    suggest_mapping,
)
from tripletex_desktop.core.models import Employee
from tripletex_desktop.core.travel import MileageLine

EMPLOYEES = [
    Employee(1, "Kari", "Nordmann", employee_number="101", email="kari@firma.no"),
    Employee(2, "Ola", "Hansen", employee_number="0102", email="ola@firma.no"),
    Employee(3, "Per", "Hansen", employee_number="103"),
    Employee(4, "Per", "Hansen", employee_number="104"),
]

NB_HEADER = "Dato;Fra;Til;Km;Ansattnummer;Formål;Bom"
NB_ROWS = [
    "03.02.2026;Oslo;Drammen;42,5;101;Kundemøte Bærum;36,00",
    "4.2.26;Drammen;Kongsberg;1 234,5;0102;Montering;",
]


def write(tmp_path: Path, name: str, text: str, encoding: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def nb_csv(tmp_path: Path, encoding: str = "utf-8", sep: str = ";") -> Path:
    lines = [NB_HEADER, *NB_ROWS]
    if sep != ";":
        lines = [line.replace(";", sep) for line in lines]
    return write(tmp_path, "log.csv", "\r\n".join(lines) + "\r\n", encoding)


# --- reading -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "expected"), [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1252", "cp1252")]
)
def test_encodings(tmp_path: Path, encoding: str, expected: str) -> None:
    table = read_table(nb_csv(tmp_path, encoding))
    assert table.encoding == expected
    assert table.headers == ("Dato", "Fra", "Til", "Km", "Ansattnummer", "Formål", "Bom")
    assert table.rows[0][5] == "Kundemøte Bærum"
    assert table.delimiter == ";"


def test_tab_delimiter(tmp_path: Path) -> None:
    table = read_table(nb_csv(tmp_path, sep="\t"))
    assert table.delimiter == "\t"
    assert table.rows[1][3] == "1 234,5"


def test_comma_delimiter_with_quoted_decimal_commas(tmp_path: Path) -> None:
    text = 'Date,From,To,Kilometer,Employee\n2026-02-03,Oslo,Bergen,"463,5",kari@firma.no\n'
    table = read_table(write(tmp_path, "en.csv", text, "utf-8"))
    assert table.delimiter == ","
    assert table.rows == (("2026-02-03", "Oslo", "Bergen", "463,5", "kari@firma.no"),)


def test_blank_lines_are_skipped_but_row_numbers_kept(tmp_path: Path) -> None:
    text = "\n".join([NB_HEADER, NB_ROWS[0], ";;;;;;", "", NB_ROWS[1]])
    table = read_table(write(tmp_path, "gaps.csv", text, "utf-8"))
    assert len(table.rows) == 2
    assert table.row_numbers == (2, 5)


def test_short_rows_are_padded(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "short.csv", "Dato;Fra;Til\n01.02.2026;Oslo\n", "utf-8"))
    assert table.rows == (("01.02.2026", "Oslo", None),)


def test_empty_and_unsupported_files(tmp_path: Path) -> None:
    with pytest.raises(ImportFileEmpty) as info:
        read_table(write(tmp_path, "empty.csv", "\n\n", "utf-8"))
    assert info.value.code == "import_empty"
    with pytest.raises(ImportFileUnsupported):
        read_table(write(tmp_path, "x.pdf", "x", "utf-8"))
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(ImportFileError):
        read_table(bad)


def _xlsx(tmp_path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Date", "From", "To", "Km", "Employee", "Purpose", "Toll"])
    sheet.append([dt.datetime(2026, 2, 3), "Oslo", "Drammen", 42.5, 101, "Kundemøte Bærum", 36])
    sheet.append([46057, "Drammen", "Kongsberg", "1 234,5", "0102", "Montering", None])  # 46057 = 2026-02-04
    sheet.append([None, None, None, None, None, None, None])
    path = tmp_path / "log.xlsx"
    workbook.save(path)
    return path


def test_xlsx_cells_keep_native_values(tmp_path: Path) -> None:
    table = read_table(_xlsx(tmp_path))
    assert table.encoding is None and table.delimiter is None
    assert table.headers[0] == "Date"
    assert isinstance(table.rows[0][0], dt.datetime)
    assert table.rows[0][3] == 42.5
    assert len(table.rows) == 2


# --- mapping and layout --------------------------------------------------------------------------


def test_suggest_mapping_norwegian() -> None:
    mapping = suggest_mapping(["Dato", "Fra", "Til", "Km", "Ansattnummer", "Formål", "Bom"])
    assert mapping.columns == {
        "date": "Dato",
        "from": "Fra",
        "to": "Til",
        "km": "Km",
        "employee": "Ansattnummer",
        "purpose": "Formål",
        "toll": "Bom",
    }


def test_suggest_mapping_english_and_loose_headers() -> None:
    mapping = suggest_mapping(
        [
            "Start date",
            "Origin",
            "Destination",
            "Distance (km)",
            "Driver",
            "Comment",
            "Passengers",
            "Company car",
        ]
    )
    assert mapping.header_for(ImportField.DATE) == "Start date"
    assert mapping.header_for(ImportField.FROM) == "Origin"
    assert mapping.header_for(ImportField.TO) == "Destination"
    assert mapping.header_for(ImportField.KM) == "Distance (km)"
    assert mapping.header_for(ImportField.EMPLOYEE) == "Driver"
    assert (
        mapping.header_for(ImportField.COMMENT) == "Comment"
    )  # a trip's purpose when there is no purpose column
    assert mapping.header_for(ImportField.PASSENGERS) == "Passengers"
    assert mapping.header_for(ImportField.COMPANY_CAR) == "Company car"


def test_each_header_used_once() -> None:
    mapping = suggest_mapping(["Dato", "Dato"])
    assert list(mapping.columns.values()) == ["Dato"]


def test_layout_key_is_stable_and_layout_sensitive() -> None:
    a = layout_key(["Dato", "Fra", "Til", "Km"])
    assert a == layout_key([" dato ", "FRA", "til", "KM"])
    assert a != layout_key(["Fra", "Dato", "Til", "Km"])
    assert a != layout_key(["Dato", "Fra", "Til", "Km", "Bom"])
    assert len(a) == 16


def test_mapping_round_trips_through_dict() -> None:
    mapping = ColumnMapping({"date": "Dato", "km": "Km"})
    assert ColumnMapping.from_dict({**mapping.to_dict(), "bogus": "x"}) == mapping


# --- value parsing -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12,50", "12.50"),
        ("1 234,5", "1234.5"),
        ("1\u00a0234,5", "1234.5"),
        ("1.234,50", "1234.50"),
        ("1,234.50", "1234.50"),
        ("1.234.567", "1234567"),
        ("42", "42"),
        ("42.7", "42.7"),
        ("kr 36,00", "36.00"),
        ("36,-", "36"),
        ("12 km", "12"),
        ("-3,5", "-3.5"),
        (42.5, "42.5"),
        (7, "7"),
    ],
)
def test_parse_decimal(text: object, expected: str) -> None:
    assert parse_decimal(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "1..2", "1.23.4", "NaN", "Infinity", True])
def test_parse_decimal_rejects(text: object) -> None:
    with pytest.raises(ValueError):
        parse_decimal(text)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("03.02.2026", dt.date(2026, 2, 3)),
        ("3.2.26", dt.date(2026, 2, 3)),
        ("03/02/2026", dt.date(2026, 2, 3)),
        ("2026-02-03", dt.date(2026, 2, 3)),
        ("20260203", dt.date(2026, 2, 3)),
        ("03.02.2026 08:15", dt.date(2026, 2, 3)),
        ("46056", dt.date(2026, 2, 3)),
        (46056, dt.date(2026, 2, 3)),
        (46056.75, dt.date(2026, 2, 3)),
        (dt.datetime(2026, 2, 3, 10), dt.date(2026, 2, 3)),
        (dt.date(2026, 2, 3), dt.date(2026, 2, 3)),
    ],
)
def test_parse_date(value: object, expected: dt.date) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["31.02.2026", "2026-13-01", "i går", "", -5, None])
def test_parse_date_rejects(value: object) -> None:
    with pytest.raises(ValueError):
        parse_date(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("08:00", dt.time(8, 0)),
        ("8.30", dt.time(8, 30)),
        ("0830", dt.time(8, 30)),
        ("kl. 17", dt.time(17, 0)),
        ("17:45:10", dt.time(17, 45)),
        (0.5, dt.time(12, 0)),
        (dt.time(9, 15, 33), dt.time(9, 15)),
        (dt.datetime(2026, 1, 1, 7, 5), dt.time(7, 5)),
    ],
)
def test_parse_time(value: object, expected: dt.time) -> None:
    assert parse_time(value) == expected


@pytest.mark.parametrize("value", ["25:00", "8:75", "morgen", 1.5])
def test_parse_time_rejects(value: object) -> None:
    with pytest.raises(ValueError):
        parse_time(value)


def test_parse_bool() -> None:
    assert [parse_bool(v) for v in ("Ja", "nei", "x", "", None, 1, "yes")] == [
        True,
        False,
        True,
        False,
        False,
        True,
        True,
    ]
    with pytest.raises(ValueError):
        parse_bool("kanskje")


# --- rows -> reports -----------------------------------------------------------------------------


def _import(table: RawTable, **kwargs: object):  # noqa: ANN202
    return import_rows(
        table, suggest_mapping(table.headers), EMPLOYEES, connection_id="c1", company_id=9, **kwargs
    )  # type: ignore[arg-type]


def test_import_csv_creates_one_report_per_row(tmp_path: Path) -> None:
    result = _import(read_table(nb_csv(tmp_path)))
    assert result.ok, result.errors
    first, second = result.reports
    assert first.employee_id == 1 and second.employee_id == 2
    assert first.company_id == 9 and first.connection_id == "c1"
    assert first.departure_at == dt.datetime(2026, 2, 3, 8, 0)
    assert first.return_at == dt.datetime(2026, 2, 3, 16, 0)
    assert first.purpose == "Kundemøte Bærum"
    assert first.departure_from == "Oslo" and first.destination == "Drammen"
    assert first.lines == (
        MileageLine(dt.date(2026, 2, 3), "Oslo", "Drammen", Decimal("42.5"), toll_cost=Decimal("36.00")),
    )
    assert second.lines[0].km == Decimal("1234.5")  # type: ignore[union-attr]
    assert second.lines[0].toll_cost is None  # type: ignore[union-attr]
    assert first.import_fingerprint and first.import_fingerprint != second.import_fingerprint


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_same_rows_same_fingerprints_whatever_the_encoding(tmp_path: Path, encoding: str) -> None:
    (tmp_path / "ref").mkdir()
    (tmp_path / "other").mkdir()
    reference = _import(read_table(nb_csv(tmp_path / "ref")))
    other = _import(read_table(nb_csv(tmp_path / "other", encoding)))
    assert [r.import_fingerprint for r in other.reports] == [r.import_fingerprint for r in reference.reports]
    assert [r.id for r in other.reports] == [r.id for r in reference.reports]


def test_xlsx_and_csv_of_the_same_trips_agree(tmp_path: Path) -> None:
    from_csv = _import(read_table(nb_csv(tmp_path)))
    from_xlsx = _import(read_table(_xlsx(tmp_path)))
    assert from_xlsx.ok, from_xlsx.errors
    assert [r.import_fingerprint for r in from_xlsx.reports] == [
        r.import_fingerprint for r in from_csv.reports
    ]
    assert [r.lines for r in from_xlsx.reports] == [r.lines for r in from_csv.reports]


def test_known_rows_are_recognised(tmp_path: Path) -> None:
    result = _import(read_table(nb_csv(tmp_path)))
    known = {result.reports[0].import_fingerprint or ""}
    assert result.without(known) == (result.reports[1],)


def test_identical_rows_in_one_file_are_two_legs_of_the_day(tmp_path: Path) -> None:
    # the same drive twice on one day (there and back, written alike) is two legs of one day's trip
    text = "\n".join([NB_HEADER, NB_ROWS[0], NB_ROWS[0]])
    table = read_table(write(tmp_path, "dup.csv", text, "utf-8"))
    result = _import(table)
    assert result.ok
    (report,) = result.reports
    assert len(report.mileage_lines) == 2
    preview = plan_import(table, ImportContext("c1", 9, EMPLOYEES))
    assert len({r.fingerprint for r in preview.rows}) == 2  # still two rows to remember


def test_any_bad_row_means_no_reports(tmp_path: Path) -> None:
    text = "\n".join(
        [
            NB_HEADER,
            NB_ROWS[0],
            "31.02.2026;Oslo;Drammen;12;101;x;",
            "03.02.2026;Oslo;Drammen;tolv;101;x;",
            "03.02.2026;Oslo;Drammen;-4;101;x;",
            "03.02.2026;Oslo;Drammen;4;999;x;",
            "03.02.2026;Oslo;Drammen;4;Per Hansen;x;",
            "03.02.2026;;Drammen;4;101;x;",
            ";Oslo;Drammen;4;101;x;abc",
        ]
    )
    result = _import(read_table(write(tmp_path, "bad.csv", text, "utf-8")))
    assert result.reports == ()
    assert result.errors == (
        RowError(3, "date", "invalid_date", "31.02.2026"),
        RowError(4, "km", "invalid_number", "tolv"),
        RowError(5, "km", "km_not_positive", "-4"),
        RowError(6, "employee", "employee_unknown", "999"),
        RowError(7, "employee", "employee_ambiguous", "Per Hansen"),
        RowError(8, "from", "required"),
        RowError(9, "date", "required"),
        RowError(9, "toll", "invalid_number", "abc"),
    )


def test_employee_by_email_and_name() -> None:
    directory = EmployeeDirectory.of(EMPLOYEES)
    assert directory.find("KARI@firma.no") == 1
    assert directory.find("Kari Nordmann") == 1
    assert directory.find("nordmann, kari") == 1
    assert directory.find("102") == 2  # leading zeros do not matter
    assert directory.find(101.0) == 1


def test_an_employee_tripletex_registers_no_travel_expenses_for_is_refused_on_the_row(tmp_path: Path) -> None:
    # allowInformationRegistration false (REAL-API-EVIDENCE F18): Tripletex would refuse the report
    blocked = Employee(5, "Siri", "Sperret", employee_number="105", allow_information_registration=False)
    text = "\n".join([NB_HEADER, NB_ROWS[0], "03.02.2026;Oslo;Drammen;4;105;Kundemøte;"])
    table = read_table(write(tmp_path, "blocked.csv", text, "utf-8"))
    result = import_rows(
        table, suggest_mapping(table.headers), [*EMPLOYEES, blocked], connection_id="c", company_id=1
    )
    assert result.reports == ()
    assert result.errors == (RowError(3, "employee", "employee_not_travel", "105"),)
    with pytest.raises(LookupError, match="employee_not_travel"):
        EmployeeDirectory.of([blocked]).find("Siri Sperret")


def test_the_file_employee_must_be_one_tripletex_registers_travel_expenses_for(tmp_path: Path) -> None:
    blocked = Employee(5, "Siri", "Sperret", allow_information_registration=False)
    table = RawTable(("Dato", "Fra", "Til", "Km"), (("03.02.2026", "Oslo", "Drammen", "4"),))
    context = ImportContext("c1", 9, (*EMPLOYEES, blocked))
    preview = plan_import(table, context, ImportOptions(default_employee_id=5))
    assert RowError(0, "employee", "employee_not_travel", "Siri Sperret") in preview.errors


def test_missing_required_columns_are_reported_up_front() -> None:
    table = RawTable(("Dato", "Km"), (("01.02.2026", "3"),))
    result = import_rows(table, suggest_mapping(table.headers), EMPLOYEES, connection_id="c", company_id=1)
    assert [(e.row_number, e.field, e.code) for e in result.errors] == [
        (0, "from", "column_not_mapped"),
        (0, "to", "column_not_mapped"),
        (0, "employee", "column_not_mapped"),
    ]


def test_mapping_to_a_header_not_in_the_file() -> None:
    table = RawTable(("Dato", "Fra", "Til", "Km"), ())
    mapping = ColumnMapping({"date": "Dato", "from": "Fra", "to": "Til", "km": "Kilometer"})
    result = import_rows(
        table,
        mapping,
        EMPLOYEES,
        connection_id="c",
        company_id=1,
        options=ImportOptions(default_employee_id=1),
    )
    assert result.errors == (RowError(0, "km", "column_not_found", "Kilometer"),)


def test_times_return_date_passengers_and_default_employee() -> None:
    table = RawTable(
        ("Dato", "Til dato", "Avreise", "Retur", "Fra", "Til", "Km", "Passasjerer", "Firmabil"),
        (("01.02.2026", "02.02.2026", "07:30", "18:00", "Oslo", "Trondheim", "495", "2", "ja"),),
    )
    result = import_rows(
        table,
        suggest_mapping(table.headers),
        [],
        connection_id="c",
        company_id=1,
        options=ImportOptions(default_employee_id=7),
    )
    assert result.ok, result.errors
    (report,) = result.reports
    assert report.employee_id == 7
    assert report.departure_at == dt.datetime(2026, 2, 1, 7, 30)
    assert report.return_at == dt.datetime(2026, 2, 2, 18, 0)
    assert report.is_day_trip is False
    line = report.lines[0]
    assert isinstance(line, MileageLine)
    assert (line.passengers, line.is_company_car) == (2, True)


def test_rows_without_times_keep_the_default_times_and_say_so(tmp_path: Path) -> None:
    result = _import(read_table(nb_csv(tmp_path)))  # a driving log without time columns
    assert result.ok, result.errors
    assert [(r.departure_at, r.return_at) for r in result.reports] == [
        (dt.datetime(2026, 2, 3, 8), dt.datetime(2026, 2, 3, 16)),
        (dt.datetime(2026, 2, 4, 8), dt.datetime(2026, 2, 4, 16)),
    ]
    assert result.notes == (
        RowNote(2, "times_assumed", result.reports[0].id),
        RowNote(3, "times_assumed", result.reports[1].id),
    )


def test_only_rows_missing_a_time_get_the_note() -> None:
    table = RawTable(
        ("Dato", "Avreise", "Retur", "Fra", "Til", "Km"),
        (
            ("01.02.2026", "07:30", "18:00", "Oslo", "Moss", "60"),
            ("02.02.2026", "07:30", "", "Moss", "Oslo", "60"),
            ("03.02.2026", "", "", "Oslo", "Ski", "25"),
        ),
    )
    result = import_rows(
        table,
        suggest_mapping(table.headers),
        [],
        connection_id="c",
        company_id=1,
        options=ImportOptions(default_employee_id=7),
    )
    assert result.ok, result.errors
    assert [(n.row_number, n.code) for n in result.notes] == [(3, "times_assumed"), (4, "times_assumed")]
    assert result.reports[1].return_at == dt.datetime(2026, 2, 2, 16)
    kept = result.without({result.reports[1].import_fingerprint or ""})
    assert kept == (result.reports[0], result.reports[2])
    assert kept.notes == (RowNote(4, "times_assumed", result.reports[2].id),)
    assert result.without(()).notes == result.notes


def test_a_failed_import_has_no_notes() -> None:
    table = RawTable(("Dato", "Fra", "Til", "Km"), (("01.02.2026", "A", "B", "5"), ("x", "A", "B", "5")))
    result = import_rows(
        table,
        suggest_mapping(table.headers),
        [],
        connection_id="c",
        company_id=1,
        options=ImportOptions(default_employee_id=7),
    )
    assert not result.ok and result.notes == ()


def test_return_before_departure_row() -> None:
    table = RawTable(
        ("Dato", "Avreise", "Retur", "Fra", "Til", "Km"), (("01.02.2026", "18:00", "07:00", "A", "B", "5"),)
    )
    result = import_rows(
        table,
        suggest_mapping(table.headers),
        [],
        connection_id="c",
        company_id=1,
        options=ImportOptions(default_employee_id=7),
    )
    assert result.errors == (RowError(2, "return_time", "return_before_departure"),)


def test_fractional_passengers_rejected() -> None:
    table = RawTable(("Dato", "Fra", "Til", "Km", "Passasjerer"), (("01.02.2026", "A", "B", "5", "1,5"),))
    result = import_rows(
        table,
        suggest_mapping(table.headers),
        [],
        connection_id="c",
        company_id=1,
        options=ImportOptions(default_employee_id=7),
    )
    assert result.errors == (RowError(2, "passengers", "invalid_number", "1,5"),)
