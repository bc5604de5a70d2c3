"""SyncEngine against fake clients and an in-memory sink: counts, 304s, cancel, 429, errors, concurrency."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, replace
from typing import Any

import pytest

from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.errors import (
    EmployeeTokenExpired,
    PermissionDenied,
    RateLimited,
    ServerError,
    StorageError,
)
from tripletex_desktop.core.models import (
    ListPage,
    SyncProgress,
    TravelExpenseSettings,
    VatSettings,
    VatStatus,
)
from tripletex_desktop.core.sync import (
    CompanyTarget,
    Entity,
    EntityCounts,
    Phase,
    PushSummary,
    RunStatus,
    SharedBackoff,
    SyncEngine,
    SyncPlan,
    SyncReport,
)

LISTS = (
    "employees",
    "departments",
    "projects",
    "cost_categories",
    "payment_types",
    "rate_categories",
    "rates",
    "zones",
)
NATIONAL = ("rate_categories", "rates", "zones")


@dataclass(frozen=True)
class Row:
    id: int
    name: str
    is_inactive: bool = False


class MemorySink:
    """A dict-backed ReferenceSink; mirrors what the storage adapter promises."""

    def __init__(self) -> None:
        self.rows: dict[tuple[str, int, str], dict[int, Any]] = {}
        self.digests: dict[tuple[str, int, str], str | None] = {}
        self.runs: list[tuple[int, SyncReport | None]] = []
        self.fail_store = False

    def get_digest(self, connection_id: str, company_id: int, kind: str) -> str | None:
        return self.digests.get((connection_id, company_id, kind))

    def store_reference(self, connection_id, company_id, kind, rows, digest) -> EntityCounts:
        if self.fail_store:
            raise StorageError("disk")
        key = (connection_id, company_id, kind)
        old = self.rows.get(key, {})
        new = {getattr(r, "id", 0): r for r in rows}
        added = sum(1 for i in new if i not in old)
        updated = sum(1 for i in new if i in old and old[i] != new[i])
        unchanged = sum(1 for i in new if i in old and old[i] == new[i])
        deactivated = sum(1 for i in old if i not in new)
        self.rows[key] = new
        self.digests[key] = digest
        return EntityCounts(added=added, updated=updated, deactivated=deactivated, unchanged=unchanged)

    def count_reference(self, connection_id, company_id, kind) -> int:
        return len(self.rows.get((connection_id, company_id, kind), {}))

    def start_run(self, connection_id, started_at) -> int:
        self.runs.append((len(self.runs) + 1, None))
        return len(self.runs)

    def finish_run(self, run_id, report) -> None:
        self.runs[run_id - 1] = (run_id, report)


class FakeClient:
    """Serves fixed lists with digests; records calls; hooks let a test inject failures."""

    def __init__(
        self, company_id: int, data: dict[str, list[Row]], hooks: dict[str, Any] | None = None
    ) -> None:
        self.company_id = company_id
        self.data = data
        self.hooks = hooks or {}
        self.calls: list[tuple[str, str | None]] = []
        self.periods: dict[str, tuple[Any, Any]] = {}
        self.closed = False

    def _list(self, name: str, if_none_match: str | None) -> ListPage[Row]:
        self.calls.append((name, if_none_match))
        hook = self.hooks.get(name)
        if hook is not None:
            hook(self)
        values = tuple(self.data.get(name, []))
        digest = f"{name}-{hash(values) & 0xFFFF}"
        if if_none_match == digest:
            return ListPage(values=(), version_digest=digest, not_modified=True)
        return ListPage(values=values, version_digest=digest)

    def __getattr__(self, name: str) -> Any:
        if name in LISTS:

            def read(*, if_none_match: str | None = None, **period: Any) -> ListPage[Row]:
                if period:
                    self.periods[name] = (period.get("date_from"), period.get("date_to"))
                return self._list(name, if_none_match)

            return read
        raise AttributeError(name)

    def vat_settings(self) -> VatSettings:
        self.calls.append(("vat_settings", None))
        hook = self.hooks.get("vat_settings")
        if hook is not None:
            hook(self)
        return VatSettings(VatStatus.REGISTERED)

    def travel_expense_settings(self) -> TravelExpenseSettings:
        self.calls.append(("travel_settings", None))
        hook = self.hooks.get("travel_settings")
        if hook is not None:
            hook(self)
        return TravelExpenseSettings(mileage_not_compensated=True)

    def close(self) -> None:
        self.closed = True


def dataset(n: int = 3) -> dict[str, list[Row]]:
    return {name: [Row(i, f"{name} {i}") for i in range(1, n + 1)] for name in LISTS}


class FixedClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


class ClockCancel(CancelToken):
    """A real CancelToken whose wait() advances a fake clock instead of sleeping."""

    __slots__ = ("clock", "waits")

    def __init__(self, clock: FixedClock) -> None:
        super().__init__()
        self.clock = clock
        self.waits: list[float] = []

    def wait(self, seconds: float) -> bool:
        self.waits.append(seconds)
        self.clock.t += seconds
        return self.cancelled


NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)


def make_engine(clients: dict[int, FakeClient], sink: MemorySink, **kw: Any) -> SyncEngine:
    return SyncEngine(clients.__getitem__, sink, now=lambda: NOW, **kw)


def plan(*ids: int, **kw: Any) -> SyncPlan:
    return SyncPlan("conn-1", tuple(CompanyTarget(i, f"Company {i}") for i in ids), **kw)


def test_first_run_adds_everything_and_second_run_is_all_not_modified() -> None:
    sink = MemorySink()
    clients = {1: FakeClient(1, dataset(3))}
    engine = make_engine(clients, sink)

    first = engine.run(plan(1), CancelToken(), lambda p: None)
    company = first.company(1)
    assert company is not None
    assert company.counts[Entity.EMPLOYEES] == EntityCounts(added=3)
    assert company.counts[Entity.RATES].added == 3
    assert set(company.counts) == set(Entity)
    assert first.status is RunStatus.WARNING  # mileage_not_compensated
    assert company.warnings == ("mileage_not_compensated",)

    clients[1].calls.clear()
    second = engine.run(plan(1), CancelToken(), lambda p: None)
    list_calls = [c for c in clients[1].calls if c[0] not in ("travel_settings", "vat_settings")]
    assert len(list_calls) == len(LISTS)  # one request per list
    # each sent its checksum, except the rates: many pages in Tripletex, so their digest is never kept
    assert [name for name, digest in list_calls if digest is None] == ["rates"]
    counts = second.company(1).counts  # type: ignore[union-attr]
    assert counts[Entity.EMPLOYEES] == EntityCounts(unchanged=3, not_modified=True)
    assert counts[Entity.RATES] == EntityCounts(unchanged=3)
    assert [r is not None for _, r in sink.runs] == [True, True]
    assert sink.runs[1][1] == second


def test_changes_are_counted() -> None:
    sink = MemorySink()
    data = dataset(3)
    clients = {1: FakeClient(1, data)}
    engine = make_engine(clients, sink)
    engine.run(plan(1), CancelToken(), lambda p: None)
    data["employees"] = [Row(1, "renamed"), Row(2, "employees 2"), Row(4, "new")]
    report = engine.run(plan(1), CancelToken(), lambda p: None)
    assert report.company(1).counts[Entity.EMPLOYEES] == EntityCounts(  # type: ignore[union-attr]
        added=1, updated=1, deactivated=1, unchanged=1
    )
    assert report.company(1).counts[Entity.PROJECTS].not_modified  # type: ignore[union-attr]


def test_project_and_department_switches_skip_those_lists() -> None:
    sink = MemorySink()
    clients = {1: FakeClient(1, dataset())}
    p = SyncPlan("conn-1", (CompanyTarget(1, "A", projects=False, departments=False),))
    report = make_engine(clients, sink).run(p, CancelToken(), lambda e: None)
    called = {c[0] for c in clients[1].calls}
    assert "projects" not in called and "departments" not in called
    assert Entity.PROJECTS not in report.company(1).counts  # type: ignore[union-attr]


def test_progress_events_cover_each_phase_and_end_done() -> None:
    events: list[SyncProgress] = []
    make_engine({1: FakeClient(1, dataset())}, MemorySink()).run(plan(1), CancelToken(), events.append)
    phases = [e.phase for e in events]
    assert phases[0] == Phase.STARTING
    assert phases[-1] == Phase.DONE
    assert [p for p in phases if p in set(Entity)] == list(Entity)
    assert Phase.PUSH in phases
    assert all(e.total == len(Entity) + 1 and e.connection_id == "conn-1" for e in events)
    dones = [e.done for e in events]
    assert dones == sorted(dones) and dones[-1] == events[-1].total


def test_cancel_mid_run_stops_before_the_next_request() -> None:
    cancel = CancelToken()
    client = FakeClient(1, dataset(), hooks={"departments": lambda c: cancel.cancel()})
    sink = MemorySink()
    report = make_engine({1: client}, sink).run(plan(1), cancel, lambda e: None)
    assert [c[0] for c in client.calls] == ["employees", "departments"]
    assert report.cancelled
    assert report.status is RunStatus.CANCELLED
    assert Entity.DEPARTMENTS not in report.company(1).counts  # type: ignore[union-attr]
    assert sink.runs[0][1] is report  # history still written


def test_rate_limit_waits_the_announced_time_then_retries() -> None:
    clock = FixedClock()
    cancel = ClockCancel(clock)
    state = {"left": 2}

    def limited(client: FakeClient) -> None:
        if state["left"]:
            state["left"] -= 1
            raise RateLimited("slow down", retry_after=7.0, status=429, request_id="rid-429")

    client = FakeClient(1, dataset(), hooks={"projects": limited})
    events: list[SyncProgress] = []
    engine = make_engine({1: client}, MemorySink(), backoff=SharedBackoff(clock=clock))
    report = engine.run(plan(1), cancel, events.append)
    assert cancel.waits == [7.0, 7.0]
    assert [c[0] for c in client.calls].count("projects") == 3
    assert report.company(1).counts[Entity.PROJECTS].added == 3  # type: ignore[union-attr]
    assert not report.all_errors
    assert Phase.WAITING_RATE_LIMIT in [e.phase for e in events]


def test_rate_limit_without_reset_header_backs_off_exponentially_and_gives_up() -> None:
    clock = FixedClock()
    cancel = ClockCancel(clock)

    def always(client: FakeClient) -> None:
        raise RateLimited("slow down", status=429, request_id="rid-x")

    client = FakeClient(1, dataset(), hooks={"rates": always})
    engine = make_engine({1: client}, MemorySink(), backoff=SharedBackoff(clock=clock), rate_limit_retries=3)
    report = engine.run(plan(1), cancel, lambda e: None)
    assert cancel.waits == [1.0, 2.0, 4.0]
    (err,) = report.all_errors
    assert err.entity == Entity.RATES and err.error.code == "rate_limited" and err.error.request_id == "rid-x"


def test_shared_backoff_blocks_every_company() -> None:
    clock = FixedClock()
    backoff = SharedBackoff(clock=clock)
    backoff.note_rate_limited(30)
    cancel = ClockCancel(clock)
    assert backoff.remaining() == 30
    assert backoff.wait(cancel) is True
    assert cancel.waits == [30]
    assert backoff.wait(cancel) is False


def test_permission_denied_is_reported_with_request_id_and_other_lists_continue() -> None:
    def forbidden(client: FakeClient) -> None:
        raise PermissionDenied("no", status=403, tripletex_code=9000, request_id="rid-403")

    client = FakeClient(1, dataset(), hooks={"projects": forbidden})
    report = make_engine({1: client}, MemorySink()).run(plan(1), CancelToken(), lambda e: None)
    (err,) = report.all_errors
    assert (err.entity, err.error.code, err.error.request_id) == ("projects", "permission_denied", "rid-403")
    assert Entity.RATES in report.company(1).counts  # type: ignore[union-attr]
    assert report.needs_attention
    assert report.status is RunStatus.ERROR


def test_server_error_stops_that_company_only() -> None:
    def down(client: FakeClient) -> None:
        raise ServerError("down", status=503, request_id="rid-503")

    clients = {1: FakeClient(1, dataset(), hooks={"departments": down}), 2: FakeClient(2, dataset())}
    report = make_engine(clients, MemorySink()).run(plan(1, 2), CancelToken(), lambda e: None)
    c1, c2 = report.companies
    assert c1.errors[0].error.code == "server_error" and c1.errors[0].entity is None
    assert [c[0] for c in clients[1].calls] == ["employees", "departments"]
    assert not c2.errors and len(c2.counts) == len(Entity) - len(NATIONAL)
    assert not report.needs_attention


def test_expired_token_aborts_the_whole_connection() -> None:
    def expired(client: FakeClient) -> None:
        raise EmployeeTokenExpired("expired", status=401, tripletex_code=3000)

    clients = {1: FakeClient(1, dataset(), hooks={"employees": expired}), 2: FakeClient(2, dataset())}
    report = make_engine(clients, MemorySink(), max_workers=1).run(plan(1, 2), CancelToken(), lambda e: None)
    assert [e.error.code for e in report.errors] == ["employee_token_expired"]
    assert clients[2].calls == []
    assert report.needs_attention


def test_storage_failure_propagates_but_history_is_closed() -> None:
    sink = MemorySink()
    sink.fail_store = True
    with pytest.raises(StorageError):
        make_engine({1: FakeClient(1, dataset())}, sink).run(plan(1), CancelToken(), lambda e: None)
    assert sink.runs[0][1] is not None and sink.runs[0][1].errors[0].error.code == "storage"


def test_companies_run_concurrently_but_bounded() -> None:
    lock = threading.Lock()
    state = {"now": 0, "max": 0}
    barrier = threading.Barrier(2, timeout=10)  # a deadlock guard, not a timing assertion

    def enter(client: FakeClient) -> None:
        with lock:
            state["now"] += 1
            state["max"] = max(state["max"], state["now"])

    def leave(client: FakeClient) -> None:
        with lock:
            state["now"] -= 1

    def meet(client: FakeClient) -> None:
        if client.company_id in (1, 2):
            barrier.wait()  # only passes when companies 1 and 2 are in flight together

    clients = {
        i: FakeClient(
            i, dataset(), hooks={"employees": lambda c: (enter(c), meet(c)), "payment_types": leave}
        )
        for i in range(1, 6)
    }
    report = make_engine(clients, MemorySink()).run(
        plan(1, 2, 3, 4, 5, max_workers=2), CancelToken(), lambda e: None
    )
    assert state["max"] == 2
    assert [c.company_id for c in report.companies] == [1, 2, 3, 4, 5]
    assert not report.all_errors


def test_pusher_gets_each_company_after_its_pulls() -> None:
    seen: list[tuple[str, int, list[str]]] = []

    class Pusher:
        def push_outbox(self, connection_id, company, client, cancel) -> PushSummary:
            seen.append((connection_id, company.company_id, [c[0] for c in client.calls]))
            return PushSummary(sent=2)

    clients = {1: FakeClient(1, dataset())}
    report = make_engine(clients, MemorySink(), pusher=Pusher()).run(plan(1), CancelToken(), lambda e: None)
    assert seen == [("conn-1", 1, [*LISTS[:5], "travel_settings", "vat_settings", *NATIONAL])]
    assert report.company(1).push == PushSummary(sent=2)  # type: ignore[union-attr]
    no_push = make_engine(clients, MemorySink(), pusher=Pusher()).run(
        replace(plan(1), push=False), CancelToken(), lambda e: None
    )
    assert len(seen) == 1 and no_push.company(1).push == PushSummary()  # type: ignore[union-attr]


def test_national_tables_are_read_once_per_connection_for_the_rate_period() -> None:
    """Rates and zones are the same in every company (REAL-API-EVIDENCE F5): the first company reads them,
    for last year to next year, and they are stored once, under company id 0."""
    sink = MemorySink()
    clients = {i: FakeClient(i, dataset()) for i in (1, 2, 3)}
    report = make_engine(clients, sink, max_workers=1).run(plan(1, 2, 3), CancelToken(), lambda e: None)
    for name in NATIONAL:
        assert [c.company_id for c in clients.values() if name in {n for n, _ in c.calls}] == [1]
    assert clients[1].periods["rates"] == (dt.date(2025, 1, 1), dt.date(2028, 1, 1))  # dateTo is exclusive
    assert clients[1].periods["rate_categories"] == clients[1].periods["rates"]
    assert ("conn-1", 0, "rates") in sink.rows and ("conn-1", 1, "rates") not in sink.rows
    assert report.company(1).counts[Entity.ZONES].added == 3  # type: ignore[union-attr]
    assert Entity.RATES not in report.company(2).counts  # type: ignore[union-attr]
    custom = make_engine(clients, sink).run(
        plan(1, rate_period=(dt.date(2019, 1, 1), dt.date(2019, 12, 31))), CancelToken(), lambda e: None
    )
    assert not custom.all_errors
    assert clients[1].periods["rates"] == (dt.date(2019, 1, 1), dt.date(2020, 1, 1))


def test_unreadable_vat_settings_are_a_warning_not_an_error() -> None:
    def forbidden(client: FakeClient) -> None:
        raise PermissionDenied("no", status=403, tripletex_code=9000)

    client = FakeClient(1, dataset(), hooks={"vat_settings": forbidden})
    report = make_engine({1: client}, MemorySink()).run(plan(1), CancelToken(), lambda e: None)
    assert not report.all_errors
    assert "vat_settings_unreadable" in report.company(1).warnings  # type: ignore[union-attr]
