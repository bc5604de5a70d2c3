"""Issue 12's "done when" with the app's default of delivering each report: a spreadsheet is imported,
approved and sent without opening the editor, and the simulator's deliver-time rules accept the report — a
trip abroad. What the app shows as the report's amount before sending is what Tripletex pays."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.support.reports import World, make_backend
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.importing import ImportOptions, ImportPreview
from tripletex_desktop.core.transfer import report_marker
from tripletex_desktop.services.reports import ReportsBackend
from tripletex_desktop.storage.db import Database


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
