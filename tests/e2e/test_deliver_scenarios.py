"""A report with mileage, per diem and a cost reaches DELIVERED under the simulator's deliver-time rules.

Through the app's own services: the sync engine with the database sink pulls the company (and the national
rate tables), `ReportsBackend` saves, approves and sends the draft, and Tripletex's `:deliver` judges it.
Four companies: the VAT-registered AS, the ENK that is not VAT-registered, a trip to Sweden, and an
accountant's client reached with the client's id as Basic-auth username.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from tripletex_desktop.core.api import ConnectionTarget, TripletexClient, make_http_client
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.models import OWN_COMPANY, CompanyMapping, Environment
from tripletex_desktop.core.sync import CompanyTarget, SyncEngine, SyncPlan
from tripletex_desktop.core.travel import (
    Accommodation,
    CostLine,
    MileageLine,
    PerDiemLine,
    ReportKind,
    TravelReport,
)
from tripletex_desktop.services.reports import CompanyInfo, ReportsBackend
from tripletex_desktop.services.sync import DatabaseSink
from tripletex_desktop.simulator import DEMO_CONSUMER_TOKEN, Simulator
from tripletex_desktop.storage.db import Database
from tripletex_desktop.storage.reports import ReportStore

TODAY = dt.date(2026, 11, 20)
NOW = dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC)
CONNECTION = "conn-e2e"


@dataclass(frozen=True)
class Scenario:
    token: str
    company: str  # the start of the simulator company's name
    accountant: bool = False
    country: str | None = None


SCENARIOS = {
    "vat-registered AS": Scenario("demo-all", "Fjordlys"),
    "ENK not VAT-registered": Scenario("demo-enk", "Hansen"),
    "trip to Sweden": Scenario("demo-all", "Fjordlys", country="SE"),
    "accountant's client": Scenario("demo-accountant", "Nordlys", accountant=True),
}


@pytest.fixture
def sim() -> Simulator:
    return Simulator(today=lambda: TODAY, sleep=lambda s: None, monotonic=lambda: 1000.0)


def client_for(sim: Simulator, token: str) -> TripletexClient:
    target = ConnectionTarget.for_environment(Environment.DEMO, DEMO_CONSUMER_TOKEN)
    http = make_http_client(target, transport=sim.transport())
    return TripletexClient(http, target, token, today=lambda: TODAY, sleep=lambda s: None)


def sync(sim: Simulator, db: Database, scenario: Scenario, company_id: int, context: int) -> None:
    client = client_for(sim, scenario.token)
    try:
        engine = SyncEngine(client.company, DatabaseSink(db), now=lambda: NOW)
        target = CompanyTarget(company_id, scenario.company, context_id=context)
        report = engine.run(SyncPlan(CONNECTION, (target,), push=False), CancelToken(), lambda e: None)
    finally:
        client.close()
    assert not report.all_errors, report.all_errors


def trip(company_id: int, employee_id: int, ids: dict[str, int], country: str | None) -> TravelReport:
    foreign = country is not None
    return TravelReport(
        connection_id=CONNECTION,
        company_id=company_id,
        employee_id=employee_id,
        title="Kundemøte",
        departure_at=dt.datetime(2026, 11, 2, 8, 0),
        return_at=dt.datetime(2026, 11, 3, 18, 0),
        purpose="Kundemøte",
        departure_from="Oslo",
        destination="Stockholm" if foreign else "Bergen",
        is_day_trip=False,
        is_foreign=foreign,
        country_code=country,
        kind=ReportKind.TRAVEL,
        lines=(
            MileageLine(dt.date(2026, 11, 2), "Oslo", "Gardermoen", Decimal("42")),
            PerDiemLine(1, dt.date(2026, 11, 2), accommodation=Accommodation.HOTEL),
            CostLine(
                dt.date(2026, 11, 2), ids["Taxi"], Decimal("250.50"), ids["Privat utlegg"], comment="Taxi"
            ),
        ),
    )


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_report_with_mileage_per_diem_and_a_cost_is_delivered(
    name: str, sim: Simulator, tmp_path: Path
) -> None:
    scenario = SCENARIOS[name]
    company = sim.company_by_name(scenario.company)
    context = company.id if scenario.accountant else OWN_COMPANY
    employee_id = (
        next(iter(company.employees)) if scenario.accountant else sim.token_info(scenario.token).employee_id
    )
    db = Database.open(tmp_path / "db.sqlite3")
    try:
        sync(sim, db, scenario, company.id, context)
        ids = {c["description"]: i for i, c in company.cost_categories.items()}
        ids |= {p["description"]: i for i, p in company.payment_types.items()}
        mapping = CompanyMapping(company.id, ids["Bilgodtgjørelse"], ids["Diett"], ids["Privat utlegg"])
        backend = ReportsBackend(
            ReportStore(db),
            db,
            connection_id=CONNECTION,
            companies=[CompanyInfo(company.id, company.company["name"], mapping, context_id=context)],
            client_factory=lambda cancel: client_for(sim, scenario.token),
            deliver=True,
        )
        report = trip(company.id, employee_id, ids, scenario.country)
        backend.save_draft(report)
        backend.approve(report.id)
        result = backend.send(report.id, CancelToken())
        assert (result.state, result.tripletex_state) == ("sent", "DELIVERED"), result.error
        assert backend.load(report.id).row.state == "sent"
    finally:
        db.close()
    (row,) = [r for r in company.travel_expenses.values() if r["id"] == result.travel_expense_id]
    assert row["state"] == "DELIVERED"
    (cost,) = [c for c in company.costs.values() if c["travelExpense"]["id"] == row["id"]]
    (per_diem,) = [
        p for p in company.per_diem_compensations.values() if p["travelExpense"]["id"] == row["id"]
    ]
    vat = company.vat_settings["vatRegistrationStatus"]
    taxi = company.cost_categories[ids["Taxi"]]
    # not VAT-registered: "no VAT treatment" on every cost; registered: the category's own code
    assert cost["vatType"] == ({"id": 0} if vat == "VAT_NOT_REGISTERED" else taxi["vatType"])
    if scenario.country:
        zone = next(z for z in sim.shared["zones"].values() if z["countryCode"] == scenario.country)
        assert per_diem["travelExpenseZoneId"] == zone["id"]
        assert sim.shared["rates"][per_diem["rateType"]["id"]]["zone"] == scenario.country
