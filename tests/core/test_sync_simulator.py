"""SyncEngine + real TripletexClient against the in-process simulator: 304s, latency, 5xx, 429, session expiry."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest

from tripletex_desktop.core.api import ConnectionTarget, TripletexClient, make_http_client
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.models import OWN_COMPANY, Environment, SyncProgress
from tripletex_desktop.core.sync import CompanyTarget, Entity, RunStatus, SyncEngine, SyncPlan, SyncReport
from tripletex_desktop.services.sync import DatabaseSink, read_reference
from tripletex_desktop.simulator import DEMO_CONSUMER_TOKEN, Simulator
from tripletex_desktop.storage.db import Database

LIST_PATHS = {
    "/employee": Entity.EMPLOYEES,
    "/department": Entity.DEPARTMENTS,
    "/project": Entity.PROJECTS,
    "/travelExpense/costCategory": Entity.COST_CATEGORIES,
    "/travelExpense/paymentType": Entity.PAYMENT_TYPES,
    "/travelExpense/rateCategory": Entity.RATE_CATEGORIES,
    "/travelExpense/rate": Entity.RATES,
    "/travelExpense/zone": Entity.ZONES,
}


class FakeTime:
    """Shared fake clock: sleeping advances it, nothing really waits."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.today = dt.date(2026, 11, 22)
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def env(tmp_path: Path):
    t = FakeTime()
    sim = Simulator(today=lambda: t.today, sleep=t.sleep, monotonic=t.monotonic)
    db = Database.open(tmp_path / "sync.sqlite3")
    ns = SimpleNamespace(sim=sim, time=t, db=db, clients=[])

    def client(token: str = "demo-all", cancel: CancelToken | None = None, **kw) -> TripletexClient:
        target = ConnectionTarget.for_environment(Environment.DEMO, DEMO_CONSUMER_TOKEN)
        http = make_http_client(target, transport=sim.transport())
        c = TripletexClient(
            http,
            target,
            token,
            today=lambda: t.today,
            sleep=t.sleep,
            clock=t.monotonic,
            random=lambda: 0.5,
            cancel=cancel,
            **kw,
        )
        ns.clients.append(c)
        return c

    ns.client = client
    yield ns
    for c in ns.clients:
        c.close()
    db.close()


def fjordlys(sim: Simulator) -> int:
    return next(c.id for c in sim.companies.values() if c.company.get("name") == "Fjordlys Reiser AS")


def run(
    env,
    client: TripletexClient,
    companies: tuple[CompanyTarget, ...],
    cancel: CancelToken | None = None,
    on_progress=lambda e: None,
    **kw,
) -> SyncReport:
    kw.setdefault("now", lambda: dt.datetime.combine(env.time.today, dt.time(12), dt.UTC))
    engine = SyncEngine(client.company, DatabaseSink(env.db), **kw)
    return engine.run(SyncPlan("c1", companies), cancel or client.cancel, on_progress)


def own(env) -> tuple[CompanyTarget, ...]:
    return (CompanyTarget(fjordlys(env.sim), "Fjordlys Reiser AS", context_id=OWN_COMPANY),)


def list_requests(sim: Simulator, start: int = 0) -> list[tuple[str, int | None]]:
    return [(r.path, r.status) for r in sim.request_log[start:] if r.method == "GET" and r.path in LIST_PATHS]


def test_first_sync_matches_the_simulator_and_second_sends_one_304_per_list(env) -> None:
    client = env.client()
    report = run(env, client, own(env))
    assert report.status is RunStatus.OK, report.all_errors
    cid = fjordlys(env.sim)
    data = env.sim.company(cid)
    counts = report.company(cid).counts
    assert counts[Entity.EMPLOYEES].added == len(data.employees)
    assert counts[Entity.PROJECTS].added == len(data.table("projects"))
    assert counts[Entity.DEPARTMENTS].added == len(data.departments)
    assert counts[Entity.COST_CATEGORIES].added == len(data.table("cost_categories"))
    # rate categories valid from last year to next year (the simulator has 2024-2026)
    in_period = [c for c in env.sim.shared["rate_categories"].values() if c["toDate"] >= "2025-01-01"]
    assert counts[Entity.RATE_CATEGORIES].added == len(in_period)
    assert counts[Entity.ZONES].added == len(env.sim.shared["zones"])
    assert len(read_reference(env.db, "c1", cid, "employees")) == len(data.employees)

    mark = len(env.sim.request_log)
    second = run(env, client, own(env))
    assert second.status is RunStatus.OK
    per_path = Counter(path for path, _ in list_requests(env.sim, mark))
    assert per_path == Counter(dict.fromkeys(LIST_PATHS, 1))  # one request per list ...
    statuses = {path: status for path, status in list_requests(env.sim, mark)}
    # ... answered 304, except the rates: read without If-None-Match (their digest is never kept)
    assert statuses.pop("/travelExpense/rate") == 200
    assert set(statuses.values()) == {304}
    rates = [r for r in env.sim.request_log[mark:] if r.path == "/travelExpense/rate"]
    assert rates[0].query["dateFrom"] == "2025-01-01" and rates[0].query["dateTo"] == "2028-01-01"
    fresh = (Entity.TRAVEL_SETTINGS, Entity.VAT_SETTINGS, Entity.RATES)
    assert all(c.not_modified for k, c in second.company(cid).counts.items() if k not in fresh)


def test_a_change_in_tripletex_is_pulled_and_a_removed_employee_deactivated(env) -> None:
    client = env.client()
    run(env, client, own(env))
    cid = fjordlys(env.sim)
    employees = env.sim.company(cid).employees
    victim = next(i for i in employees if i != env.sim.token_info("demo-all").employee_id)
    del employees[victim]
    report = run(env, client, own(env))
    assert report.company(cid).counts[Entity.EMPLOYEES].deactivated == 1
    rows = {r.tripletex_id: r.is_active for r in read_reference(env.db, "c1", cid, "employees")}
    assert rows[victim] is False


def test_latency_is_simulated_without_real_waiting(env) -> None:
    env.sim.faults.latency_s = 0.25
    report = run(env, env.client(), own(env))
    assert report.status is RunStatus.OK
    assert env.time.sleeps.count(0.25) >= len(LIST_PATHS)


def test_transient_5xx_is_retried_and_persistent_5xx_reported_with_request_id(env) -> None:
    env.sim.faults.fail_next(503, count=2, method="GET", path_prefix="/project")
    report = run(env, env.client(), own(env))
    assert report.status is RunStatus.OK
    assert [p for p, s in list_requests(env.sim) if p == "/project"].count("/project") == 3

    env.sim.faults.fail_next(503, count=100, method="GET", path_prefix="/travelExpense/costCategory")
    report = run(env, env.client(), own(env))
    (err,) = report.all_errors
    assert err.error.code == "server_error" and err.error.request_id
    env.sim.faults.clear()


def test_rate_limit_429_is_waited_out_with_the_reset_header(env) -> None:
    env.sim.faults.rate_limit(limit=4, period_s=30)
    report = run(env, env.client(), own(env))
    assert report.status is RunStatus.OK, report.all_errors
    # X-Rate-Limit-Remaining reached 0: the client waits for X-Rate-Limit-Reset before the next call
    assert any(s >= 1 for s in env.time.sleeps)
    assert not any(status == 429 for _, status in list_requests(env.sim))


def test_rate_limit_without_reset_header_backs_off(env) -> None:
    env.sim.faults.rate_limit(limit=4, period_s=10, omit_reset_header=True)
    report = run(env, env.client(), own(env))
    assert report.status is RunStatus.OK, report.all_errors
    assert any(status == 429 for _, status in list_requests(env.sim))  # hit the limit, backed off, went on


def test_session_expiring_mid_run_is_renewed(env) -> None:
    client = env.client(session_days=2)

    def on_progress(event: SyncProgress) -> None:
        if event.phase == Entity.PROJECTS:
            env.time.today += dt.timedelta(days=5)  # the session's expirationDate is now in the past

    report = run(env, client, own(env), on_progress=on_progress)
    assert report.status is RunStatus.OK, report.all_errors
    creates = [r for r in env.sim.request_log if r.method == "POST" and r.path.endswith(":create")]
    assert len(creates) == 2


def test_missing_permission_is_a_403_with_request_id_and_the_rest_continues(env) -> None:
    env.sim.revoke("demo-all", "project_info")
    report = run(env, env.client(), own(env))
    cid = fjordlys(env.sim)
    (err,) = report.all_errors
    assert (err.entity, err.error.code, err.error.status) == (Entity.PROJECTS, "permission_denied", 403)
    assert err.error.request_id
    assert report.company(cid).counts[Entity.RATES].added > 0
    assert report.needs_attention


def test_expired_employee_token_stops_the_connection(env) -> None:
    report = run(env, env.client("demo-expired"), own(env))
    assert [e.error.code for e in report.errors] == ["employee_token_expired"]
    assert report.needs_attention


def test_accountant_clients_sync_concurrently_in_their_own_contexts(env) -> None:
    client = env.client("demo-accountant")
    clients = env.sim.token_info("demo-accountant").clients
    companies = tuple(CompanyTarget(cid, str(cid), context_id=cid) for cid in clients)
    report = run(env, client, companies, max_workers=2)
    assert not report.all_errors and not report.cancelled
    for cid in clients:
        assert report.company(cid).counts[Entity.EMPLOYEES].added == len(env.sim.company(cid).employees)
    users = {r.username for r in env.sim.request_log if r.path == "/employee"}
    assert users == {str(cid) for cid in clients}


def test_cancel_mid_run_sends_nothing_more(env) -> None:
    cancel = CancelToken()
    client = env.client(cancel=cancel)

    def on_progress(event: SyncProgress) -> None:
        if event.phase == Entity.PROJECTS:
            cancel.cancel()

    report = run(env, client, own(env), cancel=cancel, on_progress=on_progress)
    assert report.cancelled and report.status is RunStatus.CANCELLED
    paths = [p for p, _ in list_requests(env.sim)]
    assert paths == ["/employee", "/department"]
