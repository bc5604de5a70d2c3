"""The exactly-once tests' world: a simulator behind a fault transport that can drop, fail or *hold* the n-th write,
a client checked against the official spec, an injected clock, a trip with every kind of line, and the check that
Tripletex ends with exactly one travel expense holding the right lines."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.contract.openapi_contract import ContractTransport, OpenApiContract
from tripletex_desktop.core.api import CompanyClient, ConnectionTarget, TripletexClient, make_http_client
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.mapping import suggest_mapping
from tripletex_desktop.core.models import Environment
from tripletex_desktop.core.rates import PerDiemKind, RateTable
from tripletex_desktop.core.transfer import (
    InMemoryJournal,
    Journal,
    TransferPlan,
    TransferResult,
    WriteTiming,
    build_payloads,
    report_marker,
    transfer,
)
from tripletex_desktop.core.travel import Accommodation, CostLine, MileageLine, PerDiemLine, TravelReport
from tripletex_desktop.simulator import DEMO_CONSUMER_TOKEN, CompanyData, Simulator

TODAY = dt.date(2026, 11, 20)
START = dt.datetime(2026, 11, 20, 13, 0, tzinfo=dt.UTC)
TIMING = WriteTiming()


class Crash(BaseException):
    """The process dies."""


class Clock:
    """The transfer's clock (aware UTC); tests move it instead of sleeping."""

    def __init__(self, start: dt.datetime = START) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, delta: dt.timedelta) -> None:
        self.now += delta

    def past_grace(self) -> None:
        """Past every grace period started so far."""
        self.advance(TIMING.grace + dt.timedelta(seconds=1))


@dataclass
class Held:
    """A write the fault transport holds: it travels on a thread that waits for `release` before it reaches
    Tripletex (the simulator); the client was told it timed out (or the process died) long before."""

    method: str
    path: str
    thread: threading.Thread
    go: threading.Event
    answer: list[httpx.Response] = field(default_factory=list)

    def land(self) -> httpx.Response:
        """Let the request arrive now and wait until Tripletex has handled it (committed, or refused)."""
        self.go.set()
        self.thread.join()
        return self.answer[0]


class WriteFaults(httpx.BaseTransport):
    """Counts writes (non-GET) and arms a fault for exactly the n-th one.

    Faults: ``before_commit`` / ``after_commit`` (the connection drops), ``500`` / ``502`` (an answer),
    ``hold`` (the request is held on a thread until `Held.land`; the client sees a read timeout) and
    ``hold_kill`` (held likewise, and the process dies while it travels: Crash).
    """

    def __init__(self, sim: Simulator) -> None:
        self.sim = sim
        self.inner = sim.transport()
        self.writes: list[tuple[str, str]] = []
        self.arm: tuple[int, str] | None = None
        self.held: list[Held] = []
        #: called with (method, path) after every write Tripletex answered (tests hook "land it now" here)
        self.after_write: Callable[[str, str], None] | None = None
        self._arm_match: tuple[str, str, int, str] | None = None

    def arm_at(self, method: str, path_part: str, kind: str, nth: int = 0) -> None:
        """Arm `kind` for the `nth` future write whose method matches and whose path contains `path_part`."""
        self._arm_match = (method, path_part, nth, kind)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "GET" or request.url.path.endswith("/token/session/:create"):
            return self.inner.handle_request(request)
        path = request.url.path.removeprefix("/v2")
        kind: str | None = None
        if self.arm is not None and self.arm[0] == len(self.writes):
            kind, self.arm = self.arm[1], None
        if self._arm_match is not None:
            method, part, nth, match_kind = self._arm_match
            if request.method == method and part in path:
                if nth == 0:
                    kind, self._arm_match = match_kind, None
                else:
                    self._arm_match = (method, part, nth - 1, match_kind)
        self.writes.append((request.method, path))
        if kind in ("hold", "hold_kill"):
            request.read()
            go = threading.Event()
            held = Held(request.method, path, threading.Thread(), go)

            def travel() -> None:
                go.wait()
                response = self.inner.handle_request(request)
                response.read()
                held.answer.append(response)

            held.thread = threading.Thread(target=travel, name=f"held {request.method} {path}", daemon=True)
            held.thread.start()
            self.held.append(held)
            if kind == "hold_kill":
                raise Crash(f"killed while {request.method} {path} travels")
            raise httpx.ReadTimeout("held past the client's timeout", request=request)
        if kind == "500" or kind == "502":
            self.sim.faults.fail_next(int(kind), method=request.method, path_prefix=path)
        elif kind is not None:
            self.sim.faults.drop_next(kind, method=request.method, path_prefix=path)
        response = self.inner.handle_request(request)
        if self.after_write is not None:
            self.after_write(request.method, path)
        return response

    def land_all(self) -> None:
        """Every held request arrives now."""
        for held in self.held:
            if not held.go.is_set():
                held.land()


@dataclass
class World:
    sim: Simulator
    faults: WriteFaults
    company: CompanyClient
    data: CompanyData
    employee_id: int
    tmp_path: Path
    clock: Clock = field(default_factory=Clock)

    def plan(self, report: TravelReport, **kwargs: Any) -> TransferPlan:
        categories = self.company.cost_categories().values
        payment_types = self.company.payment_types().values
        mapping = suggest_mapping(self.data.id, categories, payment_types)
        toll = next(c.id for c in categories if c.description == "Bomavgift")
        mapping = type(mapping)(
            mapping.company_id,
            mapping.mileage_cost_category_id,
            mapping.per_diem_cost_category_id,
            mapping.payment_type_id,
            extra={"toll": toll},
        )
        table = RateTable(
            tuple(self.company.rate_categories().values),
            tuple(self.company.rates().values),
            tuple(self.company.zones().values),
        )
        return build_payloads(report, mapping, table, **kwargs)

    def run(
        self, report: TravelReport, plan: TransferPlan, journal: Journal, client: Any = None, **kwargs: Any
    ) -> TransferResult:
        """One transfer, on the world's clock."""
        return transfer(
            report,
            plan,
            client or self.company,
            journal,
            kwargs.pop("cancel", CancelToken()),
            clock=self.clock,
            **kwargs,
        )

    def reports_with(self, report: TravelReport) -> list[dict[str, Any]]:
        marker = report_marker(report.id)
        return [
            r
            for r in self.data.travel_expenses.values()
            if marker in (r.get("title") or "")
            or marker in ((r.get("travelDetails") or {}).get("detailedJourneyDescription") or "")
        ]

    def lines(self, table: str, travel_expense_id: int) -> list[dict[str, Any]]:
        return [
            row
            for row in self.data.table(table).values()
            if (row.get("travelExpense") or {}).get("id") == travel_expense_id
        ]

    def category(self, name: str) -> int:
        return next(cid for cid, c in self.data.cost_categories.items() if c["description"] == name)

    def rate_category(self, name: str, year: int) -> int:
        return next(
            c.id for c in self.company.rate_categories().values if c.name == name and c.from_date.year == year
        )


@pytest.fixture(scope="module")
def contract() -> OpenApiContract:
    return OpenApiContract.load()


@pytest.fixture
def world(tmp_path: Path, contract: OpenApiContract) -> Iterator[World]:
    sim = Simulator(today=lambda: TODAY, sleep=lambda _s: None, monotonic=lambda: 0.0)
    faults = WriteFaults(sim)
    target = ConnectionTarget.for_environment(Environment.DEMO, DEMO_CONSUMER_TOKEN)
    # every request we send and every answer is checked against the official spec
    checked = ContractTransport(faults, contract, raise_on_violation=False)
    http = make_http_client(target, transport=checked)
    client = TripletexClient(
        http, target, "demo-all", today=lambda: TODAY, sleep=lambda _s: None, random=lambda: 0.5
    )
    data = sim.company_by_name("Fjordlys")
    employee_id = list(data.employees)[1]  # not the token owner: approving own reports is not allowed here
    yield World(sim, faults, client.company(0), data, employee_id, tmp_path)
    faults.land_all()  # no thread outlives its test
    assert checked.checked > 0
    assert list(checked.violations) == []


def trip(world: World) -> TravelReport:
    """Two legs (the first with two passengers and a toll), two per diem lines, a hotel cost with a receipt."""
    receipt = world.tmp_path / "hotell.pdf"
    receipt.write_bytes(b"%PDF-1.4 fake receipt")
    return TravelReport(
        connection_id="c1",
        company_id=world.data.id,
        employee_id=world.employee_id,
        title="Messe Lillestrøm",
        purpose="Stand",
        departure_at=dt.datetime(2026, 3, 2, 8, 0),
        return_at=dt.datetime(2026, 3, 4, 18, 0),
        departure_from="Oslo",
        destination="Lillestrøm",
        is_day_trip=False,
        lines=(
            MileageLine(
                dt.date(2026, 3, 2),
                "Oslo",
                "Lillestrøm",
                Decimal("21.5"),
                toll_cost=Decimal(44),
                passengers=2,
                passenger_names=("Kari", "Ola"),
            ),
            MileageLine(dt.date(2026, 3, 4), "Lillestrøm", "Oslo", Decimal("21.5")),
            PerDiemLine(count=2, kind=PerDiemKind.OVERNIGHT, accommodation=Accommodation.HOTEL),
            PerDiemLine(
                count=1,
                kind=PerDiemKind.REST_6_12,
                accommodation=Accommodation.HOTEL,
                breakfast_deduction=True,
            ),
            CostLine(
                dt.date(2026, 3, 3),
                world.category("Hotell"),
                Decimal("1890.50"),
                comment="Hotell",
                receipt_path=str(receipt),
            ),
        ),
    )


#: The writes of `trip` with deliver and approve on, in order.
WRITES = [
    "report",
    "mileage:0",
    "passenger_supplement:0",
    "mileage:1",
    "per_diem:0",
    "per_diem:1",
    "cost:0",
    "cost:1",
    "attachment:0",
    "deliver",
    "approve",
]


def assert_exactly_once(world: World, report: TravelReport, *, state: str = "APPROVED") -> None:
    """One travel expense carries the marker, and it holds exactly `trip`'s lines, receipt and state."""
    found = world.reports_with(report)
    assert len(found) == 1, f"{len(found)} travel expenses carry the marker"
    row = found[0]
    te_id = row["id"]
    bil = world.rate_category("Bil", 2026)
    passengers = world.rate_category("Bil - passasjertillegg", 2026)
    mileage = sorted(
        (m["date"], m["km"], m["departureLocation"], m["rateCategory"]["id"], m["rate"], m["amount"])
        for m in world.lines("mileage_allowances", te_id)
    )
    # the first leg carried 2 passengers: a supplement line at 2 × 1.00 NOK/km
    assert mileage == [
        ("2026-03-02", 21.5, "Oslo", bil, 5.3, 113.95),
        ("2026-03-02", 21.5, "Oslo", passengers, 2, 43.0),
        ("2026-03-04", 21.5, "Lillestrøm", bil, 5.3, 113.95),
    ]
    per_diem = sorted(
        (p["count"], p["rate"], p["amount"]) for p in world.lines("per_diem_compensations", te_id)
    )
    assert per_diem == [(1, 397, 397 - 79), (2, 1012, 2024)]
    costs = sorted((c["amountNOKInclVAT"], c["comments"]) for c in world.lines("costs", te_id))
    marker = report.id.hex[:8]
    assert costs == [(44, f"Bom [TD:{marker}:c0]"), (1890.5, f"Hotell [TD:{marker}:c1]")]
    assert row.get("attachmentCount") == 1
    assert (
        "Passasjerer 02.03.2026 Oslo – Lillestrøm: Kari, Ola."
        in row["travelDetails"]["detailedJourneyDescription"]
    )
    # the marker lives in the journey description only; the title in Tripletex stays the user's
    assert row["travelDetails"]["detailedJourneyDescription"].endswith(report_marker(report.id))
    assert row["title"] == report.title
    assert row["state"] == state


class CrashingJournal(InMemoryJournal):
    """Dies right after the write of `step_key` came back, before its result is recorded."""

    def __init__(self, step_key: str) -> None:
        super().__init__()
        self.step_key: str | None = step_key

    def record_result(
        self, report_id: Any, step_key: str, tripletex_id: int | None, fingerprint: str | None = None
    ) -> None:
        if step_key == self.step_key:
            self.step_key = None
            raise Crash(step_key)
        super().record_result(report_id, step_key, tripletex_id, fingerprint)
