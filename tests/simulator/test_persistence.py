"""The demo simulator keeps its mutable state in a JSON file: a restart finds what was sent before."""

from __future__ import annotations

import datetime as dt
import json
import logging
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.simulator.conftest import NOW, TODAY, login
from tripletex_desktop.app.context import DEMO_STATE_FILE_NAME, build_context
from tripletex_desktop.core.api import CompanyClient, ConnectionTarget, TripletexClient, make_http_client
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.mapping import suggest_mapping
from tripletex_desktop.core.models import Environment
from tripletex_desktop.core.rates import PerDiemKind, RateTable
from tripletex_desktop.core.transfer import InMemoryJournal, build_payloads, report_marker, transfer
from tripletex_desktop.core.travel import Accommodation, CostLine, MileageLine, PerDiemLine, TravelReport
from tripletex_desktop.simulator import DEMO_CONSUMER_TOKEN, Scale, Simulator

TRAVEL_TABLES = ("travel_expenses", "mileage_allowances", "per_diem_compensations", "costs", "attachments")


def new_sim(state_file: Path | None) -> Simulator:
    return Simulator(today=lambda: TODAY, sleep=lambda _s: None, monotonic=lambda: 0.0, state_file=state_file)


class CountingTransport(httpx.BaseTransport):
    """Counts the writes (other than session creation) that reach the simulator."""

    def __init__(self, sim: Simulator) -> None:
        self.inner = sim.transport()
        self.writes = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method != "GET" and not request.url.path.endswith("/token/session/:create"):
            self.writes += 1
        return self.inner.handle_request(request)


def company_client(transport: httpx.BaseTransport) -> CompanyClient:
    target = ConnectionTarget.for_environment(Environment.DEMO, DEMO_CONSUMER_TOKEN)
    http = make_http_client(target, transport=transport)
    client = TripletexClient(
        http, target, "demo-all", today=lambda: TODAY, sleep=lambda _s: None, random=lambda: 0.5
    )
    return client.company(0)


def trip(sim: Simulator, receipt: Path) -> TravelReport:
    data = sim.company_by_name("Fjordlys")
    hotel = next(cid for cid, c in data.cost_categories.items() if c["description"] == "Hotell")
    receipt.write_bytes(b"%PDF-1.4 fake receipt")
    return TravelReport(
        connection_id="c1",
        company_id=data.id,
        employee_id=list(data.employees)[1],
        title="Messe Lillestrøm",
        purpose="Stand",
        departure_at=dt.datetime(2026, 3, 2, 8, 0),
        return_at=dt.datetime(2026, 3, 4, 18, 0),
        departure_from="Oslo",
        destination="Lillestrøm",
        is_day_trip=False,
        lines=(
            MileageLine(dt.date(2026, 3, 2), "Oslo", "Lillestrøm", Decimal("21.5")),
            PerDiemLine(count=2, kind=PerDiemKind.OVERNIGHT, accommodation=Accommodation.HOTEL),
            CostLine(
                dt.date(2026, 3, 3), hotel, Decimal("1890.50"), comment="Hotell", receipt_path=str(receipt)
            ),
        ),
    )


def send(company: CompanyClient, report: TravelReport, journal: InMemoryJournal) -> Any:
    categories = company.cost_categories().values
    mapping = suggest_mapping(report.company_id, categories, company.payment_types().values)
    table = RateTable(tuple(company.rate_categories().values), tuple(company.rates().values))
    plan = build_payloads(report, mapping, table, deliver=True)
    return transfer(report, plan, company, journal, CancelToken())


def travel_state(sim: Simulator) -> dict[str, Any]:
    """The travel tables of every company, as the file would hold them."""
    doc = sim.export_state()
    return {cid: c["tables"] for cid, c in doc["companies"].items()}


def all_ids(sim: Simulator) -> set[int]:
    return {
        rid for company in sim.companies.values() for name in TRAVEL_TABLES for rid in company.table(name)
    }


def test_a_sent_report_is_found_after_a_restart_and_new_ids_do_not_collide(tmp_path: Path) -> None:
    state = tmp_path / "demo-simulator.json"
    first = new_sim(state)
    report = trip(first, tmp_path / "hotell.pdf")
    journal = InMemoryJournal()
    result = send(company_client(first.transport()), report, journal)
    assert result.state == "sent", result.error
    te_id = result.travel_expense_id
    old = first.company_by_name("Fjordlys").travel_expenses[te_id]
    old_ids = all_ids(first)

    second = new_sim(state)  # the app restarted: a new simulator built from the same file
    counting = CountingTransport(second)
    company = company_client(counting)
    found = [
        r
        for r in company.travel_expenses(fields="*")
        if report_marker(report.id)
        in ((r.get("travelDetails") or {}).get("detailedJourneyDescription") or "")
    ]
    assert [r["id"] for r in found] == [te_id]
    assert found[0]["state"] == "DELIVERED"
    assert found[0]["number"] == old["number"]
    assert found[0]["attachmentCount"] == 1
    data = second.company_by_name("Fjordlys")
    lines = {
        name: [r for r in data.table(name).values() if r["travelExpense"]["id"] == te_id]
        for name in ("mileage_allowances", "per_diem_compensations", "costs")
    }
    assert [(m["km"], m["departureLocation"]) for m in lines["mileage_allowances"]] == [(21.5, "Oslo")]
    assert [p["count"] for p in lines["per_diem_compensations"]] == [2]
    assert [c["amountNOKInclVAT"] for c in lines["costs"]] == [1890.5]
    assert (
        second.company_by_name("Fjordlys").attachments[old["attachment"]["id"]]["data"]
        == b"%PDF-1.4 fake receipt"
    )
    assert travel_state(second) == travel_state(first)

    # "Was it sent?" with a fresh journal (the app's outbox lost nothing, but even so): found, nothing rewritten
    again = send(company, report, InMemoryJournal())
    assert again.state == "sent", again.error
    assert again.travel_expense_id == te_id
    assert counting.writes == 0

    # new objects get ids and numbers the old run never handed out
    other = trip(second, tmp_path / "other.pdf")
    fresh = send(company, TravelReport(**{**_fields(other), "title": "Ny reise"}), InMemoryJournal())
    assert fresh.state == "sent", fresh.error
    new_ids = all_ids(second) - old_ids
    assert new_ids and min(new_ids) > max(old_ids)
    assert fresh.number is not None and int(fresh.number) > old["number"]


def _fields(report: TravelReport) -> dict[str, Any]:
    return {name: getattr(report, name) for name in report.__dataclass_fields__ if name != "id"}


def test_a_write_whose_answer_was_lost_is_already_on_disk(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    sim = new_sim(state)
    with sim.http_client() as client:
        login(client)
        employee = list(sim.company_by_name("Fjordlys").employees)[0]
        sim.faults.drop_next("after_commit", method="POST", path_prefix="/travelExpense")
        with pytest.raises(httpx.RemoteProtocolError):
            client.post("/travelExpense", json={"employee": {"id": employee}, "title": "Lost answer [X]"})
    restarted = new_sim(state)
    titles = [r["title"] for r in restarted.company_by_name("Fjordlys").travel_expenses.values()]
    assert "Lost answer [X]" in titles


def test_reads_and_sessions_write_no_file(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    sim = new_sim(state)
    with sim.http_client() as client:
        login(client)
        assert client.get("/travelExpense").status_code == 200
    assert not state.exists()
    assert travel_state(sim) == travel_state(new_sim(None))


def test_granted_and_revoked_permissions_survive(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    sim = new_sim(state)
    sim.revoke("demo-all", "travel_all")
    sim.grant("demo-limited", "employee_read")
    restarted = new_sim(state)
    assert "travel_all" not in restarted.token_info("demo-all").permissions
    assert "employee_read" in restarted.token_info("demo-limited").permissions
    assert restarted.token_info("demo-limited").permissions == sim.token_info("demo-limited").permissions
    assert "token" not in state.read_text()  # permissions are keyed by token id, never by the token
    assert "demo-all" not in state.read_text()


def _valid_file(tmp_path: Path) -> str:
    source = tmp_path / "valid.json"
    sim = new_sim(source)
    with sim.http_client() as client:
        login(client)
        employee = list(sim.company_by_name("Fjordlys").employees)[0]
        assert (
            client.post("/travelExpense", json={"employee": {"id": employee}, "title": "Saved"}).status_code
            == 201
        )
    return source.read_text()


def _other_seed(text: str) -> str:
    doc = json.loads(text)
    doc["seed"] = "0" * 32
    return json.dumps(doc)


def _bad_row_id(text: str) -> str:
    doc = json.loads(text)
    next(iter(doc["companies"].values()))["tables"]["travel_expenses"][0]["id"] = "x"
    return json.dumps(doc)


def _bad_attachment(text: str) -> str:
    doc = json.loads(text)
    company = next(iter(doc["companies"].values()))
    company["tables"]["attachments"] = [{"id": 10002, "data": "not base64!"}]
    return json.dumps(doc)


CORRUPTIONS = {
    "not json": lambda text: "{not json",
    "truncated": lambda text: text[: len(text) // 2],
    "wrong shape": lambda text: json.dumps([1, 2, 3]),
    "bad row id": _bad_row_id,
    "bad attachment": _bad_attachment,
    "other seed data": _other_seed,
    "not utf-8": lambda text: "\udcff",
}


@pytest.mark.parametrize("corrupt", CORRUPTIONS.values(), ids=CORRUPTIONS.keys())
def test_a_corrupt_file_is_kept_aside_and_the_seed_data_used(
    tmp_path: Path, corrupt: Any, caplog: pytest.LogCaptureFixture
) -> None:
    state = tmp_path / "demo-simulator.json"
    content = corrupt(_valid_file(tmp_path)).encode("utf-8", "surrogateescape")
    state.write_bytes(content)
    with caplog.at_level(logging.WARNING, logger="tripletex_desktop.simulator"):
        sim = new_sim(state)
    assert travel_state(sim) == travel_state(new_sim(None))
    assert not state.exists()
    assert (tmp_path / "demo-simulator.json.corrupt").read_bytes() == content
    assert any("demo-simulator.json.corrupt" in r.getMessage() for r in caplog.records)
    # the next committed write starts a fresh, loadable file
    sim.revoke("demo-all", "travel_all")
    assert "travel_all" not in new_sim(state).token_info("demo-all").permissions


def test_a_file_that_cannot_be_written_is_logged_and_the_request_still_answers(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    sim = new_sim(blocker / "state.json")  # its folder is a file: neither readable nor writable
    with sim.http_client() as client, caplog.at_level(logging.WARNING, logger="tripletex_desktop.simulator"):
        login(client)
        employee = list(sim.company_by_name("Fjordlys").employees)[0]
        response = client.post(
            "/travelExpense", json={"employee": {"id": employee}, "title": "Kept in memory"}
        )
    assert response.status_code == 201
    assert response.json()["value"]["id"] in sim.company_by_name("Fjordlys").travel_expenses
    assert any("saving the simulator state" in r.getMessage() for r in caplog.records)


def test_scale_rows_are_never_persisted(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="scale"):
        Simulator(scale=Scale(employees=10), state_file=tmp_path / "state.json")


def test_the_app_keeps_demo_state_in_its_data_folder(tmp_path: Path) -> None:
    first = build_context(tmp_path / "cfg", clock=lambda: NOW)
    try:
        sim = first.simulator
        with sim.http_client() as client:
            login(client)
            employee = list(sim.company_by_name("Fjordlys").employees)[0]
            created = client.post("/travelExpense", json={"employee": {"id": employee}, "title": "Demo [Y]"})
        assert created.status_code == 201
        assert (first.paths.data_dir / DEMO_STATE_FILE_NAME).is_file()
    finally:
        first.close()
    second = build_context(tmp_path / "cfg", clock=lambda: NOW)
    try:
        rid = created.json()["value"]["id"]
        assert second.simulator.company_by_name("Fjordlys").travel_expenses[rid]["title"] == "Demo [Y]"
    finally:
        second.close()


def _digest(sim: Simulator) -> str:
    with sim.http_client() as client:
        login(client)
        response = client.get("/travelExpense", params={"fields": "id"}, headers={"If-None-Match": '"none"'})
    assert response.status_code == 200
    return response.json()["versionDigest"]


def test_list_checksums_survive_a_restart(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    sim = new_sim(state)
    seed_digest = _digest(sim)
    with sim.http_client() as client:
        login(client)
        employee = list(sim.company_by_name("Fjordlys").employees)[0]
        assert (
            client.post("/travelExpense", json={"employee": {"id": employee}, "title": "T"}).status_code
            == 201
        )
    saved_digest = _digest(sim)
    assert saved_digest != seed_digest
    # same data after the restart: a cached page stays valid; never the seed's checksum for changed data
    assert _digest(new_sim(state)) == saved_digest
