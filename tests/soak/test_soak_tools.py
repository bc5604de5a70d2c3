"""The soak's own tools are proven before they judge the app: each proxy fault does what it says, and the
audit finds a planted duplicate, a lost report, a differing line and a state mismatch."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest

from tests.soak.audit import AuditResult, Expected, LocalState, TripletexView, audit, read_tripletex
from tests.soak.proxy import FaultPlan, FaultProxy
from tripletex_desktop.simulator import DEMO_CONSUMER_TOKEN, Simulator, serve

pytestmark = pytest.mark.loopback
TODAY = dt.date(2026, 11, 20)


class Scripted(FaultPlan):
    """A plan that answers from a script: (fault, kill, hold) for the next travel-expense writes."""

    def __init__(self, *script: tuple[str | None, str | None, float]) -> None:
        super().__init__(seed=1)
        self.script = list(script)

    def choose(self, method: str, path: str) -> tuple[str | None, str | None, float]:
        if method != "GET" and path.startswith("/v2/travelExpense") and self.script:
            return self.script.pop(0)
        return None, None, 0.0


@pytest.fixture
def sim():
    simulator = Simulator(today=lambda: TODAY)
    with serve(simulator) as server:
        simulator.base_url = server.base_url  # type: ignore[attr-defined]
        yield simulator


def proxy_for(sim, plan, **kwargs) -> FaultProxy:
    return FaultProxy(sim.base_url.rsplit("/v2", 1)[0], plan, **kwargs)


def session(base_url: str, token: str = "demo-all", timeout: float = 10.0) -> tuple[httpx.Client, str]:
    http = httpx.Client(base_url=base_url, timeout=timeout)
    answer = http.post(
        "/token/session/:create",
        json={"consumerToken": DEMO_CONSUMER_TOKEN, "employeeToken": token, "expirationDate": "2026-11-25"},
    )
    answer.raise_for_status()
    return http, answer.json()["value"]["token"]


def new_report(http: httpx.Client, token: str, sim: Simulator, title: str) -> httpx.Response:
    employee = sim.token_info("demo-all").employee_id
    return http.post("/travelExpense", json={"employee": {"id": employee}, "title": title}, auth=("0", token))


def titles(sim: Simulator) -> list[str]:
    company = sim.company(sim.token_info("demo-all").company_id)
    return [r["title"] for r in company.travel_expenses.rows()]


def test_drop_before_never_reaches_tripletex(sim) -> None:
    proxy = proxy_for(sim, Scripted(("drop_before", None, 0.0)))
    try:
        http, token = session(proxy.base_url)
        with pytest.raises(httpx.TransportError):
            new_report(http, token, sim, "dropped before")
        assert "dropped before" not in titles(sim)
        assert proxy.stats.faults["drop_before"] == 1
    finally:
        proxy.close()


def test_drop_after_commits_without_an_answer(sim) -> None:
    proxy = proxy_for(sim, Scripted(("drop_after", None, 0.0)))
    try:
        http, token = session(proxy.base_url)
        with pytest.raises(httpx.TransportError):
            new_report(http, token, sim, "dropped after")
        assert titles(sim).count("dropped after") == 1
    finally:
        proxy.close()


@pytest.mark.parametrize(("fault", "committed"), [("reset_before", 0), ("reset_after", 1)])
def test_a_reset_connection_before_and_after_the_commit(sim, fault, committed) -> None:
    """A TCP RST, as a proxy or firewall that kills connections sends: the client sees the connection reset."""
    proxy = proxy_for(sim, Scripted((fault, None, 0.0)))
    try:
        http, token = session(proxy.base_url)
        with pytest.raises(httpx.TransportError) as caught:
            new_report(http, token, sim, fault)
        assert "reset" in str(caught.value).lower() or isinstance(caught.value, httpx.ReadError)
        assert titles(sim).count(fault) == committed
        assert proxy.stats.faults[fault] == 1
    finally:
        proxy.close()


@pytest.mark.parametrize(
    ("fault", "status", "committed"), [("status_5xx", 503, 0), ("status_5xx_after", 502, 1)]
)
def test_server_errors_before_and_after_the_commit(sim, fault, status, committed) -> None:
    proxy = proxy_for(sim, Scripted((fault, None, 0.0)))
    try:
        http, token = session(proxy.base_url)
        assert new_report(http, token, sim, fault).status_code == status
        assert titles(sim).count(fault) == committed
    finally:
        proxy.close()


def test_429_with_and_without_the_reset_header(sim) -> None:
    now = [100.0]
    plan = Scripted(("rate_429_reset", None, 0.0), ("rate_429_no_reset", None, 0.0))
    proxy = proxy_for(sim, plan, clock=lambda: now[0])
    try:
        http, token = session(proxy.base_url)
        now[0] += 0.5  # half a second into the 2-second window
        with_reset = new_report(http, token, sim, "429 a")
        without = new_report(http, token, sim, "429 b")
        ok = new_report(http, token, sim, "passes")
        assert (with_reset.status_code, without.status_code, ok.status_code) == (429, 429, 201)
        assert with_reset.headers["X-Rate-Limit-Reset"] == "2"  # ceil(1.5): the window counts down
        assert "X-Rate-Limit-Reset" not in without.headers
        assert ok.headers["X-Rate-Limit-Reset"] == "2"
        now[0] += 1.0
        assert http.get("/token/session/>whoAmI", auth=("0", token)).headers["X-Rate-Limit-Reset"] == "1"
        assert titles(sim).count("passes") == 1 and "429 a" not in titles(sim)
    finally:
        proxy.close()


def test_a_held_request_lands_after_the_client_gave_up(sim) -> None:
    proxy = proxy_for(sim, Scripted(("hold_request", None, 60.0)))
    try:
        http, token = session(proxy.base_url, timeout=0.3)
        with pytest.raises(httpx.TimeoutException):
            new_report(http, token, sim, "late write")
        assert "late write" not in titles(sim)  # the client gave up; the write is still travelling
        proxy.release.set()
        assert proxy.wait_for_late_requests(timeout=30)
        assert titles(sim).count("late write") == 1
    finally:
        proxy.close()


def test_a_held_answer_is_committed_but_too_late(sim) -> None:
    proxy = proxy_for(sim, Scripted(("hold_answer", None, 60.0)))
    try:
        http, token = session(proxy.base_url, timeout=0.3)
        with pytest.raises(httpx.TimeoutException):
            new_report(http, token, sim, "slow answer")
        assert titles(sim).count("slow answer") == 1
    finally:
        proxy.release.set()
        proxy.close()


def test_session_expired_mid_run(sim) -> None:
    proxy = proxy_for(sim, Scripted(("session_expired", None, 0.0)))
    try:
        http, token = session(proxy.base_url)
        answer = new_report(http, token, sim, "after expiry")
        assert answer.status_code == 401
        assert http.get("/token/session/>whoAmI", auth=("0", token)).status_code == 401
        assert token in proxy.stats.session_tokens
    finally:
        proxy.close()


@pytest.mark.parametrize(("moment", "committed"), [("before", 0), ("after", 1)])
def test_kill_hook_before_the_write_and_after_the_commit(sim, moment, committed) -> None:
    killed: list[str] = []
    proxy = proxy_for(sim, Scripted((None, moment, 0.0)), kill=lambda: killed.append(moment) is None)
    try:
        http, token = session(proxy.base_url)
        with pytest.raises(httpx.TransportError):
            new_report(http, token, sim, f"kill {moment}")
        assert killed == [moment]
        assert titles(sim).count(f"kill {moment}") == committed
        assert sum(proxy.stats.kills.values()) == 1
    finally:
        proxy.close()


def test_the_seeded_plan_is_reproducible() -> None:
    def draws(seed: int) -> list:
        plan = FaultPlan(seed=seed, write_fault_rate=0.5, write_kill_rate=0.3)
        return [plan.choose("POST", "/v2/travelExpense/cost") for _ in range(200)]

    assert draws(7) == draws(7) != draws(8)
    assert {fault for fault, _kill, _hold in draws(7) if fault} >= {
        "drop_before",
        "hold_request",
        "reset_before",
        "reset_after",
    }


# --- the audit ------------------------------------------------------------------------------------


def expected(title: str = "Soak 1-0001 Bergen", **overrides) -> Expected:
    values = {
        "report_id": "r1",
        "connection_id": "c",
        "company_id": 5,
        "title": title,
        "mileage": (("2026-03-02", "42"),),
        "per_diem": (1,),
        "costs": (("250.5", "soak:1-1-0"),),
        "attachments": 1,
        "state": "DELIVERED",
    }
    values.update(overrides)
    return Expected(**values)


def view_with(*reports: dict, lines: dict | None = None) -> TripletexView:
    view = TripletexView(reports={5: list(reports)})
    for te, (mileage, per_diem, costs) in (lines or {}).items():
        view.mileage[te], view.per_diem[te], view.costs[te] = mileage, per_diem, costs
    return view


def good_lines(te: int) -> dict:
    return {
        te: (
            [{"date": "2026-03-02", "km": 42.0}],
            [{"count": 1}],
            [{"amountCurrencyIncVat": 250.50, "comments": "Taxi soak:1-1-0 [TD:abcd1234:c0]"}],
        )
    }


def report_row(
    te: int = 11, title: str = "Soak 1-0001 Bergen", state: str = "DELIVERED", attachments: int = 1
):
    return {"id": te, "title": title, "state": state, "attachmentCount": attachments}


SENT = {"r1": LocalState("sent", 11, "DELIVERED")}


def test_audit_passes_a_clean_report() -> None:
    result = audit([expected()], view_with(report_row(), lines=good_lines(11)), SENT)
    assert result.clean and result.found_once == 1, result.findings


def test_audit_finds_a_duplicate_travel_expense() -> None:
    view = view_with(report_row(), report_row(12, "Soak 1-0001 Bergen [TD:abcd1234]"), lines=good_lines(11))
    result = audit([expected()], view, SENT)
    assert result.duplicates == 1 and not result.clean


def test_audit_finds_a_lost_report_and_a_stranded_one() -> None:
    result = audit([expected()], view_with(), {"r1": LocalState("unknown", None, None)})
    assert (result.lost, result.stranded) == (1, 1)


def test_audit_finds_a_cost_paid_twice_and_a_missing_line() -> None:
    lines = good_lines(11)
    mileage, per_diem, costs = lines[11]
    lines[11] = ([], per_diem, costs * 2)
    result = audit([expected()], view_with(report_row(), lines=lines), SENT)
    assert result.duplicate_lines == 1 and result.lines_differ == 2
    assert {f.kind for f in result.findings} == {"line_missing", "line_extra"}


def test_audit_finds_an_attachment_uploaded_twice() -> None:
    result = audit([expected()], view_with(report_row(attachments=2), lines=good_lines(11)), SENT)
    assert result.duplicate_lines == 1


def test_audit_finds_state_mismatches() -> None:
    view = view_with(report_row(state="OPEN"), lines=good_lines(11))
    assert audit([expected()], view, {"r1": LocalState("sent", 11, "OPEN")}).state_mismatches == 1
    assert audit([expected()], view, SENT).state_mismatches == 2  # not delivered, and the outbox disagrees
    elsewhere = {"r1": LocalState("sent", 99, "DELIVERED")}
    assert audit([expected()], view_with(report_row(), lines=good_lines(11)), elsewhere).state_mismatches == 1


def test_audit_reads_the_simulator_directly(sim) -> None:
    http, token = session(sim.base_url)
    company = sim.token_info("demo-all").company_id
    te = new_report(http, token, sim, "Soak 1-0001 Bergen").json()["value"]["id"]

    class Reader:
        def values(self, path, company_id=0, **params):
            answer = http.get(path, params={**params, "count": 10000}, auth=(str(company_id), token))
            answer.raise_for_status()
            return answer.json()["values"]

    view = read_tripletex(Reader(), {company: 0})  # type: ignore[arg-type]
    result = audit(
        [expected(company_id=company, mileage=(), per_diem=(), costs=(), attachments=0, state="OPEN")],
        view,
        {"r1": LocalState("sent", te, "OPEN")},
    )
    assert isinstance(result, AuditResult) and result.clean, result.findings
