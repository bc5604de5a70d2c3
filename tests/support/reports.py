"""Travel report test helpers: a simulator world, a client on it, synced reference data, reports, a backend."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from tripletex_desktop.core.api import ConnectionTarget, TripletexClient, make_http_client
from tripletex_desktop.core.models import Environment
from tripletex_desktop.core.travel import (
    Accommodation,
    CostLine,
    MileageLine,
    PerDiemLine,
    ReportKind,
    TravelReport,
)
from tripletex_desktop.simulator import DEMO_CONSUMER_TOKEN, Simulator
from tripletex_desktop.storage.db import Database, RefRow

TODAY = dt.date(2026, 11, 20)
CONNECTION = "conn-demo"
TOKEN = "demo-all"


@dataclass
class World:
    """One simulator, the demo-all token's company, and what was synced from it."""

    sim: Simulator
    company_id: int
    employee_id: int
    employees: dict[int, str] = field(default_factory=dict)
    cost_categories: dict[str, int] = field(default_factory=dict)
    payment_types: dict[str, int] = field(default_factory=dict)
    slept: list[float] = field(default_factory=list)
    #: the transfer's clock (aware UTC): tests move it past a grace period instead of sleeping
    now: dt.datetime = dt.datetime(2026, 11, 20, 13, 0, tzinfo=dt.UTC)

    def clock(self) -> dt.datetime:
        """The world's time."""
        return self.now

    def past_grace(self) -> None:
        """Move the clock past any grace period started so far (core.transfer.timing)."""
        from tripletex_desktop.core.transfer import WriteTiming

        self.now += WriteTiming().grace + dt.timedelta(seconds=1)

    def client(self) -> TripletexClient:
        """A fresh client on the simulator (in-process transport; sleeping only records)."""
        target = ConnectionTarget.for_environment(Environment.DEMO, DEMO_CONSUMER_TOKEN)
        http = make_http_client(target, transport=self.sim.transport())
        return TripletexClient(http, target, TOKEN, today=lambda: TODAY, sleep=self.slept.append)

    def travel_expenses(self) -> list[dict]:
        """Every travel expense of the company in the simulator."""
        return list(self.sim.company(self.company_id).travel_expenses.rows())

    def with_marker(self, marker: str) -> list[dict]:
        """The company's travel expenses carrying `marker` (journey description for travel reports, title for
        employee expenses)."""

        def text(r: dict) -> str:
            details = r.get("travelDetails") or {}
            return f"{r.get('title') or ''} {details.get('detailedJourneyDescription') or ''}"

        return [r for r in self.travel_expenses() if marker in text(r)]

    def lines_of(self, table: str, travel_expense_id: int) -> list[dict]:
        """Child rows (mileage_allowances, per_diem_compensations, costs) of one report in the simulator."""
        rows = self.sim.company(self.company_id).table(table).rows()
        return [r for r in rows if (r.get("travelExpense") or {}).get("id") == travel_expense_id]


def make_world() -> World:
    """A simulator on a fixed date and the ids of the demo-all company."""
    sim = Simulator(today=lambda: TODAY, sleep=lambda s: None, monotonic=lambda: 1000.0)
    world = World(sim, 0, 0)
    client = world.client()
    try:
        who = client.company(0).who_am_i()
    finally:
        client.close()
    world.company_id, world.employee_id = who.company_id, who.employee_id
    return world


def sync_reference(world: World, db: Database) -> None:
    """Pull the lists the reports need into `db` as the sync engine stores them: the company's lists under
    its id, the national rate tables under company 0 (RefRow.from_model)."""
    client = world.client()
    try:
        co = client.company(0)
        lists = {
            "employee": co.employees().values,
            "project": co.projects().values,
            "department": co.departments().values,
            "cost_category": co.cost_categories().values,
            "payment_type": co.payment_types().values,
        }
        national = {
            "rate_category": co.rate_categories().values,
            "rate": co.rates().values,
            "zone": co.zones().values,
        }
        co_settings = co.travel_expense_settings()
        vat = co.vat_settings()
    finally:
        client.close()
    for kind, values in lists.items():
        db.replace_reference(CONNECTION, world.company_id, kind, [RefRow.from_model(v) for v in values])
    for kind, values in national.items():
        db.replace_reference(CONNECTION, 0, kind, [RefRow.from_model(v) for v in values])
    settings = RefRow(tripletex_id=0, label="settings", data=dataclasses.asdict(co_settings))
    db.replace_reference(CONNECTION, world.company_id, "travel_settings", [settings])
    if vat is not None:
        row = RefRow(tripletex_id=0, label=str(vat.status), data={"status": str(vat.status)})
        db.replace_reference(CONNECTION, world.company_id, "vat_settings", [row])
    world.employees = {e.id: e.display_name for e in lists["employee"]}
    world.cost_categories = {c.description: c.id for c in lists["cost_category"]}
    world.payment_types = {p.description: p.id for p in lists["payment_type"]}


def trip(world: World, *, title: str = "Kundemøte Bergen", receipt: str | None = None) -> TravelReport:
    """A valid overnight trip with one mileage, one per diem and one cost line."""
    return TravelReport(
        connection_id=CONNECTION,
        company_id=world.company_id,
        employee_id=world.employee_id,
        title=title,
        departure_at=dt.datetime(2026, 11, 2, 8, 0),
        return_at=dt.datetime(2026, 11, 3, 18, 0),
        purpose="Kundemøte",
        departure_from="Oslo",
        destination="Bergen",
        is_day_trip=False,
        kind=ReportKind.TRAVEL,
        lines=(
            MileageLine(dt.date(2026, 11, 2), "Oslo", "Gardermoen", Decimal("42")),
            PerDiemLine(1, dt.date(2026, 11, 2), accommodation=Accommodation.HOTEL),
            CostLine(
                dt.date(2026, 11, 2),
                world.cost_categories.get("Taxi"),
                Decimal("250.50"),
                world.payment_types.get("Privat utlegg"),
                comment="Taxi",
                receipt_path=receipt,
            ),
        ),
    )


def make_backend(world: World, db: Database, **kwargs):
    """A ReportsBackend for the demo-all company with the demo mapping, on fresh simulator clients."""
    from tripletex_desktop.core.models import CompanyMapping
    from tripletex_desktop.services.reports import CompanyInfo, ReportsBackend
    from tripletex_desktop.storage.reports import ReportStore

    mapping = CompanyMapping(
        world.company_id,
        world.cost_categories["Bilgodtgjørelse"],
        world.cost_categories["Diett"],
        world.payment_types["Privat utlegg"],
    )
    return ReportsBackend(
        ReportStore(db),
        db,
        connection_id=CONNECTION,
        companies=[CompanyInfo(world.company_id, "Fjordlys Reiser AS", mapping)],
        client_factory=lambda cancel: world.client(),
        **{"clock": world.clock, **kwargs},
    )
