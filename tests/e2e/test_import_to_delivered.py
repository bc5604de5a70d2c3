"""Issue 12's "done when" with the app's default of delivering each report: a spreadsheet (cp1252 `;` CSV as
Excel in Norway writes it, and XLSX) is imported, approved and sent without opening the editor, and the
simulator's deliver-time rules accept every report — the two-leg overnight trip with a hotel and its receipt,
the train trip with per diem only, a month's driving log, a trip abroad and a trip across New Year. What the
app shows as the report's amount before sending is what Tripletex pays."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from tests.support.reports import World, make_backend
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.importing import Grouping, ImportOptions, ImportPreview
from tripletex_desktop.core.transfer import report_marker
from tripletex_desktop.services.reports import ReportsBackend
from tripletex_desktop.storage.db import Database

RECEIPT = b"%PDF-1.4 hotel receipt"


@pytest.fixture
def delivering(world: World, db: Database) -> ReportsBackend:
    """The backend as the app builds it by default (`SyncOptions.deliver_reports` is on)."""
    return make_backend(world, db, deliver=True)


def cp1252(path: Path, lines: list[str]) -> Path:
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


def import_all(backend: ReportsBackend, path: Path, company_id: int, **options: object) -> ImportPreview:
    preview = backend.importer.preview(str(path), company_id, ImportOptions(**options))  # type: ignore[arg-type]
    assert preview.ok, preview.errors
    assert backend.importer.store(preview).summary.imported == len(preview.reports)
    return preview


def deliver(backend: ReportsBackend, world: World, report_id) -> dict:  # noqa: ANN001
    """Approve and send as the list's buttons do; the travel expense Tripletex now holds, DELIVERED."""
    backend.approve(report_id)
    result = backend.send(report_id, CancelToken())
    assert (result.state, result.tripletex_state) == ("sent", "DELIVERED"), result.error
    [created] = world.with_marker(report_marker(report_id))
    assert created["id"] == result.travel_expense_id and created["state"] == "DELIVERED"
    return created


def paid_per_diem(world: World, travel_expense_id: int) -> Decimal:
    rows = world.lines_of("per_diem_compensations", travel_expense_id)
    return sum((Decimal(str(p["amount"])) for p in rows), Decimal(0))


def test_a_cp1252_travel_list_is_delivered_without_the_editor(
    delivering: ReportsBackend, world: World, tmp_path: Path
) -> None:
    employee = world.employees[world.employee_id]
    (tmp_path / "kvitteringer").mkdir()
    (tmp_path / "kvitteringer" / "hotell.pdf").write_bytes(RECEIPT)
    path = cp1252(
        tmp_path / "reiser.csv",
        [
            "Reiseliste november 2026;;;;;;;;;;;;;",
            "Reise;Ansatt;Dato;Fra kl;Til dato;Til kl;Fra;Til;Antall km;Reiseformål;Overnatting;Kostnadstype;Beløp;Kvittering",
            f"1;{employee};02.11.2026;07:30;;;Oslo;Bergen;463;Kundemøte;hotell;;;",
            f"1;{employee};02.11.2026;;;;;;;;;Hotell;1 450,00;kvitteringer\\hotell.pdf",
            f"1;{employee};03.11.2026;;03.11.2026;18:15;Bergen;Oslo;463;Kundemøte;;;;",
            f"2;{employee};10.11.2026;06:45;10.11.2026;20:30;Oslo;Trondheim;;Kurs;ingen;;;",
            "Sum;;;;;;;;926;;;;1 450,00;",
        ],
    )
    preview = import_all(delivering, path, world.company_id)
    trip, train = sorted(preview.reports, key=lambda p: p.row_numbers)

    shown = delivering.amount(trip.report)
    created = deliver(delivering, world, trip.report.id)
    mileage = world.lines_of("mileage_allowances", created["id"])
    assert sorted((m["date"], m["departureLocation"], m["destination"], m["km"]) for m in mileage) == [
        ("2026-11-02", "Oslo", "Bergen", 463),
        ("2026-11-03", "Bergen", "Oslo", 463),
    ]
    per_diem = world.lines_of("per_diem_compensations", created["id"])
    assert len(per_diem) == 2 and {p["overnightAccommodation"] for p in per_diem} == {"HOTEL"}
    [cost] = world.lines_of("costs", created["id"])
    assert cost["costCategory"]["id"] == world.cost_categories["Hotell"]
    assert Decimal(str(cost["amountCurrencyIncVat"])) == Decimal("1450")
    company = world.sim.company(world.company_id)
    assert cost["vatType"] == company.cost_categories[world.cost_categories["Hotell"]]["vatType"]
    attachments = [a["data"] for a in company.attachments.rows() if a.get("travelExpenseId") == created["id"]]
    assert attachments == [RECEIPT]
    mileage_paid = sum((Decimal(str(m["amount"])) for m in mileage), Decimal(0))
    assert shown == mileage_paid + paid_per_diem(world, created["id"]) + Decimal("1450")

    on_train = deliver(delivering, world, train.report.id)
    assert world.lines_of("mileage_allowances", on_train["id"]) == []
    assert world.lines_of("costs", on_train["id"]) == []
    [day] = world.lines_of("per_diem_compensations", on_train["id"])
    assert day["count"] == 1 and delivering.amount(train.report) == Decimal(str(day["amount"]))


def test_a_months_driving_log_in_xlsx_is_delivered(
    delivering: ReportsBackend, world: World, tmp_path: Path
) -> None:
    employee = world.employees[world.employee_id]
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Kjørebok oktober 2026"])
    ws.append([])
    ws.append(["Dato", "Sjåfør", "Fra", "Til", "Antall km", "Formål"])
    for day in (5, 12, 19, 26):
        ws.append([dt.datetime(2026, 10, day), employee, "Oslo", "Drammen", 41.5, "Kundebesøk Drammen"])
    ws.append([None, None, None, "Sum", 166.0, None])
    path = tmp_path / "kjorebok.xlsx"
    wb.save(path)

    preview = import_all(
        delivering, path, world.company_id, grouping=Grouping.MONTHLY, month_title="Kjørebok %1"
    )
    (month,) = preview.reports
    created = deliver(delivering, world, month.report.id)
    mileage = world.lines_of("mileage_allowances", created["id"])
    assert sorted((m["date"], m["km"]) for m in mileage) == [
        (f"2026-10-{day:02d}", 41.5) for day in (5, 12, 19, 26)
    ]
    assert world.lines_of("per_diem_compensations", created["id"]) == []
    assert delivering.amount(month.report) == sum((Decimal(str(m["amount"])) for m in mileage), Decimal(0))


@pytest.mark.parametrize(("country", "code"), [("Sverige", "SE"), ("Tyskland", "DE"), ("USA", "US")])
def test_a_trip_abroad_is_suggested_and_shown_at_its_zones_rate(
    delivering: ReportsBackend, world: World, tmp_path: Path, country: str, code: str
) -> None:
    employee = world.employees[world.employee_id]
    path = cp1252(
        tmp_path / "utland.csv",
        [
            "Ansatt;Dato;Fra kl;Til dato;Til kl;Fra;Til;Land;Overnatting;Reiseformål",
            f"{employee};02.11.2026;07:00;04.11.2026;19:00;Oslo;Utlandet;{country};hotell;Messe",
        ],
    )
    (planned,) = import_all(delivering, path, world.company_id).reports
    report = planned.report
    assert report.is_foreign and report.country_code == code
    assert [p.count for p in report.per_diem_lines] == [2, 1]  # suggested from the file's times
    shown = delivering.amount(report)  # the preview's and the list's amount

    created = deliver(delivering, world, report.id)
    zone = next(z for z in world.sim.shared["zones"].values() if z["countryCode"] == code)
    rows = world.lines_of("per_diem_compensations", created["id"])
    assert {p["travelExpenseZoneId"] for p in rows} == {zone["id"]}
    assert {world.sim.shared["rates"][p["rateType"]["id"]]["zone"] for p in rows} == {code}
    assert shown == paid_per_diem(world, created["id"])  # the app shows what Tripletex pays
    assert delivering.load(report.id).row.amount == shown


def test_a_trip_across_new_year_is_delivered_with_each_days_rates(
    delivering: ReportsBackend, world: World, tmp_path: Path
) -> None:
    employee = world.employees[world.employee_id]
    path = cp1252(
        tmp_path / "nyttaar.csv",
        [
            "Reise;Ansatt;Dato;Fra kl;Til dato;Til kl;Fra;Til;Km;Reiseformål;Overnatting",
            f"J1;{employee};30.12.2025;09:00;;;Oslo;Trondheim;495;Årsoppgjør;hotell",
            f"J1;{employee};02.01.2026;;02.01.2026;17:00;Trondheim;Oslo;495;Årsoppgjør;",
        ],
    )
    (planned,) = import_all(delivering, path, world.company_id).reports
    shown = delivering.amount(planned.report)
    created = deliver(delivering, world, planned.report.id)

    categories = world.sim.shared["rate_categories"]

    def year_of(row: dict) -> tuple[str, int]:
        category = categories[row["rateCategory"]["id"]]
        assert category["fromDate"] <= row.get("date", category["fromDate"]) <= category["toDate"]
        return row.get("date", ""), int(category["fromDate"][:4])

    mileage = world.lines_of("mileage_allowances", created["id"])
    assert sorted(year_of(m) for m in mileage) == [("2025-12-30", 2025), ("2026-01-02", 2026)]
    per_diem = world.lines_of("per_diem_compensations", created["id"])
    years = sorted((int(categories[p["rateCategory"]["id"]]["fromDate"][:4]), p["count"]) for p in per_diem)
    assert years == [
        (2025, 2),
        (2026, 1),
        (2026, 1),
    ]  # the two døgn begun in 2025 at its rate, the rest at 2026's
    paid = sum((Decimal(str(r["amount"])) for r in mileage + per_diem), Decimal(0))
    assert shown == paid


@pytest.mark.parametrize("country", ["Frankrike", "Island"])  # no zone synced; a zone without per diem rates
def test_a_trip_to_a_country_without_a_zone_rate_gets_no_per_diem_it_could_never_send(
    delivering: ReportsBackend, world: World, tmp_path: Path, country: str
) -> None:
    employee = world.employees[world.employee_id]
    path = cp1252(
        tmp_path / "utland.csv",
        [
            "Ansatt;Dato;Fra kl;Til dato;Til kl;Fra;Til;Land;Overnatting;Antall km",
            f"{employee};02.11.2026;07:00;04.11.2026;19:00;Oslo;Gardermoen;{country};hotell;50",
        ],
    )
    preview = import_all(delivering, path, world.company_id)
    (planned,) = preview.reports
    assert not planned.report.per_diem_lines
    [note] = [n for n in preview.notes if n.code.startswith("per_diem")]
    assert (note.code, note.row_number, note.value) == (
        "per_diem_no_zone_rate",
        2,
        planned.report.country_code,
    )
    assert delivering.plan_problems(planned.report) == ()  # nothing planned that Tripletex must refuse
    deliver(delivering, world, planned.report.id)
