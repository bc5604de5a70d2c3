"""`tripletex-desktop sync` alone (no Send again, nobody at the screen) finishes travel reports an earlier run left
half-sent: a process killed mid-transfer (`sending`), a write that got no answer (`unknown`)."""

from __future__ import annotations

import dataclasses
import io
import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from tests.simulator.conftest import NOW
from tests.support.reports import trip
from tripletex_desktop.app.context import build_context
from tripletex_desktop.cli.sync import main as sync_main
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.transfer import report_marker
from tripletex_desktop.core.transfer.timing import CLIENT_LIMIT_ENV, SERVER_LIMIT_ENV
from tripletex_desktop.services.reports import ReportsBackend, reports_backend_for
from tripletex_desktop.storage.settings import CompanySettings, ConnectionSettings, Settings, SyncOptions


class Killed(BaseException):
    """The process dies."""


class KillAfterWrites:
    """A company client whose process dies right after its n-th line write came back."""

    def __init__(self, inner: Any, writes: int) -> None:
        self.inner, self.left = inner, writes

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self.inner, name)
        if not name.startswith("create_"):
            return attr

        def write(*args: Any, **kwargs: Any) -> Any:
            answer = attr(*args, **kwargs)
            self.left -= 1
            if self.left == 0:
                raise Killed(name)
            return answer

        return write


@pytest.fixture
def setup(tmp_path: Path):
    ctx = build_context(tmp_path / "cfg", clock=lambda: NOW)  # the trip is dated 2026
    company = next(
        c for c in ctx.simulator.companies.values() if c.company.get("name") == "Fjordlys Reiser AS"
    )
    conn = ConnectionSettings(
        id="fjordlys1",
        label="Fjordlys",
        environment="demo",
        companies=[CompanySettings(id=company.id, name="Fjordlys Reiser AS")],
        sync=SyncOptions(interval="manual"),
    )
    ctx.settings = Settings(connections=[conn])
    ctx.settings_store.save(ctx.settings)
    ctx.token_store.set(conn.id, "demo-all")
    assert run_sync(ctx)[0] in (0, 2)  # reference data first (2: the mapping is not chosen yet)
    cats = {r.label: r.tripletex_id for r in ctx.db.list_reference(conn.id, company.id, "cost_category")}
    pays = {r.label: r.tripletex_id for r in ctx.db.list_reference(conn.id, company.id, "payment_type")}
    mapped = dataclasses.replace(
        conn.companies[0],
        mileage_cost_category_id=cats["Bilgodtgjørelse"],
        per_diem_cost_category_id=cats["Diett"],
        payment_type_id=pays["Privat utlegg"],
    )
    conn = dataclasses.replace(conn, companies=[mapped])
    ctx.settings = Settings(connections=[conn])
    ctx.settings_store.save(ctx.settings)
    who = ctx.simulator.token_info("demo-all")
    world = SimpleNamespace(
        company_id=company.id, employee_id=who.employee_id, cost_categories=cats, payment_types=pays
    )
    yield ctx, conn, world
    ctx.close()


def run_sync(ctx: Any, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    return sync_main(list(args), context=ctx, stdout=out), out.getvalue()


def approved(ctx: Any, backend: ReportsBackend, conn: Any, world: Any):
    report = dataclasses.replace(trip(world), connection_id=conn.id)
    backend.save_draft(report)
    # the rate tables are read for the years of unsent reports (and around today): sync once the draft exists
    assert run_sync(ctx)[0] == 0
    backend.approve(report.id)
    return report


def one_travel_expense(ctx: Any, world: Any, report: Any) -> None:
    company = ctx.simulator.company(world.company_id)
    marker = report_marker(report.id)
    found = [
        r
        for r in company.travel_expenses.rows()
        if marker in ((r.get("travelDetails") or {}).get("detailedJourneyDescription") or "")
    ]
    assert len(found) == 1
    lines = {
        table: [
            r
            for r in company.table(table).rows()
            if (r.get("travelExpense") or {}).get("id") == found[0]["id"]
        ]
        for table in ("mileage_allowances", "per_diem_compensations", "costs")
    }
    assert {t: len(rows) for t, rows in lines.items()} == {
        "mileage_allowances": 1,
        "per_diem_compensations": 1,
        "costs": 1,
    }


def push_of(text: str) -> dict[str, Any]:
    return json.loads(text)["connections"][0]["companies"][0]["push"]


def test_a_report_a_killed_process_left_sending_is_finished_by_sync_alone(setup) -> None:
    ctx, conn, world = setup
    backend = reports_backend_for(ctx, conn)
    report = approved(ctx, backend, conn, world)
    backend.store.queue(report.id)
    client = ctx.client_for(conn, CancelToken())
    with pytest.raises(Killed):  # the mileage line is written, then the process dies
        backend._transfer(
            backend.store.get(report.id), KillAfterWrites(client.company(0), 2), CancelToken(), None
        )
    client.close()
    assert backend.load(report.id).row.state == "sending"
    code, text = run_sync(ctx, "--json")
    assert code == 0, text
    assert push_of(text)["sent"] == 1
    assert backend.load(report.id).row.state == "sent"
    one_travel_expense(ctx, world, report)


def test_an_unknown_report_is_finished_by_sync_after_its_grace_period(
    setup, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A grace period of 0 s here (the limits are settings): the sync does not wait, and still writes once."""
    ctx, conn, world = setup
    monkeypatch.setenv(CLIENT_LIMIT_ENV, "0")
    monkeypatch.setenv(SERVER_LIMIT_ENV, "0")
    backend = reports_backend_for(ctx, conn)
    report = approved(ctx, backend, conn, world)
    ctx.simulator.faults.drop_next("before_commit", "POST", "/travelExpense/cost")
    assert backend.send(report.id, CancelToken()).state == "unknown"
    code, text = run_sync(ctx, "--json", "--lang", "nb")
    assert code == 0, text
    assert (push_of(text)["sent"], push_of(text)["waiting"]) == (1, 0)
    one_travel_expense(ctx, world, report)
