"""The sync re-runs the permission probes when the stored check is old, missing or had a gap, and stores it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pytest

from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.errors import EmployeeTokenExpired
from tripletex_desktop.core.models import ListPage, TravelExpenseSettings
from tripletex_desktop.core.permissions import PermissionReport, PermissionResult, Verdict
from tripletex_desktop.core.sync import CompanyTarget, EntityCounts, RunStatus, SyncEngine, SyncPlan
from tripletex_desktop.core.sync.permcheck import StoredCheck, check_to_json, is_fresh, report_to_json

NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> dt.datetime:
        return self.now


class Client:
    def __getattr__(self, name: str):
        return lambda **kw: ListPage((), "d")

    def travel_expense_settings(self) -> TravelExpenseSettings:
        return TravelExpenseSettings()


class Sink:
    """A ReferenceSink and PermissionCheckStore in memory; checks are stamped with the shared clock."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.checks: dict[tuple[str, int], list[StoredCheck]] = {}

    def get_digest(self, *a: Any) -> None:
        return None

    def store_reference(self, *a: Any) -> EntityCounts:
        return EntityCounts()

    def count_reference(self, *a: Any) -> int:
        return 0

    def start_run(self, *a: Any) -> int:
        return 1

    def finish_run(self, *a: Any) -> None:
        pass

    def last_permission_check(self, connection_id: str, company_id: int) -> StoredCheck | None:
        checks = self.checks.get((connection_id, company_id))
        return checks[-1] if checks else None

    def save_permission_check(self, connection_id: str, company_id: int, results: Mapping[str, Any]) -> None:
        self.checks.setdefault((connection_id, company_id), []).append(StoredCheck(self.clock(), results))


def report(company_id: int, **verdicts: Verdict) -> PermissionReport:
    return PermissionReport(
        company_id, tuple(PermissionResult(k, v, "why", f"rid-{k}") for k, v in verdicts.items())
    )


class Probe:
    def __init__(self, result: PermissionReport | Exception) -> None:
        self.result = result
        self.calls = 0

    def __call__(self, client: Any, cancel: Any) -> PermissionReport:
        self.calls += 1
        if isinstance(self.result, Exception):
            raise self.result
        return self.result


ALL_GRANTED = report(1, travel_all=Verdict.GRANTED, employee_read=Verdict.INCONCLUSIVE)
LIMITED = report(
    1, travel_all=Verdict.MISSING, project_settings=Verdict.MISSING, company_info=Verdict.GRANTED
)


@pytest.fixture
def clock() -> Clock:
    return Clock()


def run(sink: Sink, probe: Probe, clock: Clock, *, force: bool = False, store: bool = True):
    engine = SyncEngine(
        lambda cid: Client(),
        sink,
        now=clock,
        permission_store=sink if store else None,
        permission_probe=probe,
    )
    plan = SyncPlan("c1", (CompanyTarget(1, "Fjordlys"),), check_permissions=force)
    return engine.run(plan, CancelToken(), lambda e: None)


def test_first_sync_probes_and_stores_and_a_second_within_24h_does_not(clock) -> None:
    sink, probe = Sink(clock), Probe(ALL_GRANTED)
    first = run(sink, probe, clock)
    assert probe.calls == 1 and first.status is RunStatus.OK
    (stored,) = sink.checks[("c1", 1)]
    assert stored.results["source"] == "sync"
    assert stored.results["permissions"]["travel_all"] == {
        "verdict": "granted",
        "reason": "why",
        "request_id": "rid-travel_all",
    }
    clock.now += dt.timedelta(hours=23, minutes=59)
    run(sink, probe, clock)
    assert probe.calls == 1  # trusted: no probe requests on an unchanged second sync
    clock.now += dt.timedelta(minutes=1)
    run(sink, probe, clock)
    assert probe.calls == 2 and len(sink.checks[("c1", 1)]) == 2  # 24 h old: probed and stored again


def test_forced_check_probes_even_when_fresh(clock) -> None:
    sink, probe = Sink(clock), Probe(ALL_GRANTED)
    run(sink, probe, clock)
    run(sink, probe, clock, force=True)
    assert probe.calls == 2


def test_without_a_store_nothing_is_probed(clock) -> None:
    probe = Probe(ALL_GRANTED)
    run(Sink(clock), probe, clock, store=False)
    assert probe.calls == 0


def test_a_missing_permission_makes_the_company_need_attention_and_names_it(clock) -> None:
    sink, probe = Sink(clock), Probe(LIMITED)
    result = run(sink, probe, clock)
    company = result.company(1)
    assert [(e.entity, e.error.code, e.error.request_id) for e in company.errors] == [
        ("travel_all", "permission_denied", "rid-travel_all"),
        ("project_settings", "permission_denied", "rid-project_settings"),
    ]
    assert result.needs_attention and result.status is RunStatus.ERROR
    # a gap is probed again on every run, so ticking the box in Tripletex clears it at the next sync
    probe.result = ALL_GRANTED
    fixed = run(sink, probe, clock)
    assert probe.calls == 2 and not fixed.all_errors and not fixed.needs_attention


def test_probe_errors_are_no_verdict_and_are_retried(clock) -> None:
    sink, probe = Sink(clock), Probe(report(1, travel_all=Verdict.ERROR, company_info=Verdict.GRANTED))
    result = run(sink, probe, clock)
    assert not result.all_errors  # an unanswered probe is not a missing permission
    run(sink, probe, clock)
    assert probe.calls == 2


def test_a_token_failure_during_the_check_stops_the_connection(clock) -> None:
    sink, probe = Sink(clock), Probe(EmployeeTokenExpired("gone", status=401, request_id="r-9"))
    result = run(sink, probe, clock)
    assert [e.error.code for e in result.errors] == ["employee_token_expired"]
    assert result.company(1).skipped and not result.company(1).counts
    assert sink.checks == {}


def test_is_fresh_rules() -> None:
    granted = report_to_json(ALL_GRANTED)
    assert is_fresh(StoredCheck(NOW, granted), NOW + dt.timedelta(hours=1))
    assert not is_fresh(StoredCheck(NOW, granted), NOW + dt.timedelta(hours=24))
    assert not is_fresh(StoredCheck(NOW, report_to_json(LIMITED)), NOW)
    assert not is_fresh(None, NOW)
    assert not is_fresh(StoredCheck(NOW, {"travel_all": "granted"}), NOW)  # an unknown (old) format
    wizard = check_to_json({"travel_all": ("GRANTED", "ok", None)}, source="wizard")
    assert wizard["permissions"]["travel_all"]["verdict"] == "granted" and is_fresh(
        StoredCheck(NOW, wizard), NOW
    )
