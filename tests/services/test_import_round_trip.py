"""Issue 12's "done when": a spreadsheet into Tripletex without typing in the editor — import, suggest,
approve, send against the simulator — and the rows are stored once, whatever happens."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.support.import_files import RECEIPT, travel_list
from tests.support.reports import World
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.importing import Grouping, ImportOptions, RowStatus
from tripletex_desktop.core.transfer import report_marker
from tripletex_desktop.core.travel import ReportKind
from tripletex_desktop.services.importing import write_template


def driving_log(folder: Path, employee: str) -> Path:
    """A month's kjørebok as Excel in Norway saves it: cp1252, `;`, decimal commas, no times."""
    lines = ["Kjørebok oktober 2026", "Dato;Sjåfør;Fra;Til;Antall km;Formål"]
    lines += [f"{day:02d}.10.2026;{employee};Oslo;Drammen;41,5;Kundebesøk Drammen" for day in (5, 12, 19, 26)]
    lines.append(";;;Sum;166,0;")
    path = folder / "kjorebok.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


def send(backend, report_id) -> None:  # noqa: ANN001
    backend.approve(report_id)
    result = backend.send(report_id, CancelToken())
    assert result.state == "sent", result


def test_trips_from_a_spreadsheet_reach_tripletex_exactly_once(backend, world: World, tmp_path: Path) -> None:
    employee = world.employees[world.employee_id]
    path = travel_list(tmp_path, employee)
    importer = backend.importer
    preview = importer.preview(str(path), world.company_id)
    assert preview.ok, preview.errors
    stored = importer.store(preview)
    assert stored.summary.imported == 2

    trip_id, train_id = (p.report.id for p in sorted(preview.reports, key=lambda p: p.row_numbers))
    trip = backend.load(trip_id).report
    # suggest: the editor's Suggest proposes exactly what the import already put in
    assert backend.suggest_per_diem(trip) == trip.per_diem_lines
    assert len(trip.per_diem_lines) == 2

    send(backend, trip_id)
    [created] = world.with_marker(report_marker(trip_id))
    mileage = world.lines_of("mileage_allowances", created["id"])
    assert sorted((m["date"], m["departureLocation"], m["destination"], m["km"]) for m in mileage) == [
        ("2026-11-02", "Oslo", "Bergen", 463),
        ("2026-11-03", "Bergen", "Oslo", 463),
    ]
    per_diem = world.lines_of("per_diem_compensations", created["id"])
    assert sorted(p["count"] for p in per_diem) == [1, 1]
    assert {p["overnightAccommodation"] for p in per_diem} == {"HOTEL"}
    [cost] = world.lines_of("costs", created["id"])
    assert cost["costCategory"]["id"] == world.cost_categories["Hotell"]
    assert Decimal(str(cost["amountCurrencyIncVat"])) == Decimal("1450")
    attachments = world.sim.company(world.company_id).attachments.rows()
    assert [a["data"] for a in attachments if a.get("travelExpenseId") == created["id"]] == [RECEIPT]

    send(backend, train_id)
    [train] = world.with_marker(report_marker(train_id))
    assert world.lines_of("mileage_allowances", train["id"]) == []
    [day] = world.lines_of("per_diem_compensations", train["id"])
    assert day["count"] == 1

    # the same file again: nothing new is stored, nothing more reaches Tripletex
    before = len(world.travel_expenses())
    again = importer.preview(str(path), world.company_id)
    assert again.reports == () and set(again.skipped) == {3, 4, 5, 6}
    assert importer.store(again).summary.imported == 0
    assert len(world.travel_expenses()) == before
    assert len(world.with_marker(report_marker(trip_id))) == 1


def test_a_months_driving_log_is_one_report(backend, world: World, tmp_path: Path) -> None:
    employee = world.employees[world.employee_id]
    options = ImportOptions(grouping=Grouping.MONTHLY, month_title="Kjørebok %1")
    preview = backend.importer.preview(str(driving_log(tmp_path, employee)), world.company_id, options)
    assert preview.ok, preview.errors
    assert [r.status for r in preview.rows] == [RowStatus.NEW] * 4 + [RowStatus.IGNORED]
    (planned,) = preview.reports
    assert planned.report.kind is ReportKind.TRAVEL and not planned.report.per_diem_lines
    stored = backend.importer.store(preview)
    assert stored.summary.imported == 1
    send(backend, planned.report.id)
    [created] = world.with_marker(report_marker(planned.report.id))
    assert created["title"].startswith("Kjørebok 10.2026")
    mileage = world.lines_of("mileage_allowances", created["id"])
    assert sorted(m["date"] for m in mileage) == ["2026-10-05", "2026-10-12", "2026-10-19", "2026-10-26"]
    assert world.lines_of("per_diem_compensations", created["id"]) == []


def test_only_valid_rows_then_the_fixed_rows(backend, world: World, tmp_path: Path) -> None:
    employee = world.employees[world.employee_id]
    path = tmp_path / "liste.csv"
    rows = [
        "Reise;Ansatt;Dato;Fra;Til;Km;Kostnadstype;Beløp",
        f"1;{employee};02.11.2026;Oslo;Moss;60;;",
        f"2;{employee};04.11.2026;Oslo;Ski;25;;",
        f"2;{employee};04.11.2026;;;;Sjokolade;50",
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    importer = backend.importer
    preview = importer.preview(str(path), world.company_id)
    assert [e.code for e in preview.errors] == ["cost_category_unknown"]
    assert importer.store(preview).summary.imported == 0  # all or nothing by default
    assert backend.list_reports() == []
    stored = importer.store(preview, only_valid=True)
    assert stored.summary.imported == 1 and stored.rejected_rows == (3, 4)
    fix = importer.write_rejects(preview, {3: "held back", 4: "unknown"}, "Feil", str(tmp_path / "rette.csv"))
    assert fix.stat().st_mode & 0o777 == 0o600
    fix.write_text(fix.read_text(encoding="utf-8").replace("Sjokolade", "Taxi"), encoding="utf-8")
    fixed = importer.preview(str(fix), world.company_id)
    assert fixed.ok, fixed.errors
    assert importer.store(fixed).summary.imported == 1
    assert importer.preview(str(path), world.company_id).reports == ()  # every row of the first file is known
    assert len(backend.list_reports()) == 2


def test_a_failed_store_stores_nothing(backend, world: World, tmp_path: Path, monkeypatch) -> None:
    employee = world.employees[world.employee_id]
    path = tmp_path / "liste.csv"
    path.write_text(
        f"Ansatt;Dato;Fra;Til;Km\n{employee};02.11.2026;Oslo;Moss;60\n{employee};05.11.2026;Oslo;Ski;25\n",
        encoding="utf-8",
    )
    preview = backend.importer.preview(str(path), world.company_id)
    assert len(preview.importable()) == 2
    import tripletex_desktop.storage.reports as reports_module

    real_dumps = reports_module._dumps
    calls = {"n": 0}

    def failing_dumps(value):  # noqa: ANN001, ANN202
        calls["n"] += 1
        if calls["n"] == 2:  # the second report fails inside the one transaction
            raise OSError("disk full")
        return real_dumps(value)

    monkeypatch.setattr(reports_module, "_dumps", failing_dumps)
    with pytest.raises(OSError):
        backend.importer.store(preview)
    monkeypatch.undo()
    assert backend.list_reports() == []
    assert backend.store.known_imports(world.company_id).rows == {}
    assert backend.importer.store(preview).summary.imported == 2


def test_deleting_a_draft_forgets_its_rows(backend, world: World, tmp_path: Path) -> None:
    employee = world.employees[world.employee_id]
    path = tmp_path / "liste.csv"
    path.write_text(f"Ansatt;Dato;Fra;Til;Km\n{employee};02.11.2026;Oslo;Moss;60\n", encoding="utf-8")
    importer = backend.importer
    preview = importer.preview(str(path), world.company_id)
    importer.store(preview)
    assert importer.preview(str(path), world.company_id).skipped == (2,)
    backend.delete_draft(preview.reports[0].report.id)
    assert importer.preview(str(path), world.company_id).skipped == ()


def test_templates_are_written_privately(tmp_path: Path) -> None:
    for name in ("mal.csv", "mal.xlsx"):
        path = write_template(tmp_path / name, "nb", 2026)
        assert path.stat().st_mode & 0o777 == 0o600 and path.stat().st_size > 100
