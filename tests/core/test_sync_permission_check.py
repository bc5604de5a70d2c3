"""The sync re-runs the permission probes when the stored check is old, missing or had a gap, and stores it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pytest

from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.errors import EmployeeTokenExpired
from tripletex_desktop.core.models import ListPage, TravelExpenseSettings, VatSettings, VatStatus
from tripletex_desktop.core.permissions import (
    REQUIRED_PERMISSIONS,
    PermissionReport,
    PermissionResult,
    Verdict,
)
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

    def vat_settings(self) -> VatSettings:
        return VatSettings(VatStatus.REGISTERED)


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
    """A complete report, as the probes make: every permission not named is granted."""
    every = {p.key: Verdict.GRANTED for p in REQUIRED_PERMISSIONS} | verdicts
    return PermissionReport(
        company_id, tuple(PermissionResult(k, v, "why", f"rid-{k}") for k, v in every.items())
    )


class Probe:
    def __init__(self, result: PermissionReport | Exception) -> None:
        self.result = result
        self.calls = 0
        self.projects: list[bool] = []

    def __call__(self, client: Any, cancel: Any, *, projects: bool = True) -> PermissionReport:
        self.calls += 1
        self.projects.append(projects)
        if isinstance(self.result, Exception):
            raise self.result
        return self.result


ALL_GRANTED = report(1, travel_all=Verdict.GRANTED, employee_read=Verdict.INCONCLUSIVE)
LIMITED = report(
    1,
    travel_all=Verdict.LIKELY_MISSING,
    project_settings=Verdict.MISSING,
    company_info=Verdict.GRANTED,
    employee_read=Verdict.LIKELY_MISSING,
)


@pytest.fixture
def clock() -> Clock:
    return Clock()


def run(
    sink: Sink,
    probe: Probe,
    clock: Clock,
    *,
    force: bool = False,
    store: bool = True,
    projects: bool = True,
    client: Any = None,
):
    engine = SyncEngine(
        lambda cid: client or Client(),
        sink,
        now=clock,
        permission_store=sink if store else None,
        permission_probe=probe,
    )
    plan = SyncPlan("c1", (CompanyTarget(1, "Fjordlys", projects=projects),), check_permissions=force)
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
        ("project_settings", "permission_denied", "rid-project_settings"),
    ]
    assert "permissions_likely_missing" in company.warnings  # inferred gaps warn, never block
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


def test_likely_gaps_alone_warn_and_are_probed_again_next_time(clock) -> None:
    sink, probe = (
        Sink(clock),
        Probe(report(1, travel_all=Verdict.LIKELY_MISSING, company_info=Verdict.GRANTED)),
    )
    result = run(sink, probe, clock)
    assert not result.all_errors and not result.needs_attention
    assert result.company(1).warnings == ("permissions_likely_missing",)
    run(sink, probe, clock)
    assert probe.calls == 2  # ticking the box in Tripletex clears the warning at the next sync


def test_project_permissions_are_probed_and_judged_only_when_projects_sync(clock) -> None:
    sink, probe = Sink(clock), Probe(report(1, project_settings=Verdict.MISSING))
    result = run(sink, probe, clock, projects=False)
    assert probe.projects == [False]
    assert not result.company(1).errors  # a project gap does not count without project sync
    run(sink, probe, clock, projects=False)
    assert probe.calls == 1  # and does not make the check stale either
    turned_on = run(sink, probe, clock, projects=True)
    assert probe.projects == [False, True]
    assert [e.entity for e in turned_on.company(1).errors] == ["project_settings"]


class CountingClient(Client):
    def __init__(self) -> None:
        self.asked: list[str] = []

    def __getattr__(self, name: str):
        self.asked.append(name)
        return lambda **kw: ListPage((), "d")


def test_a_project_module_that_refuses_everything_skips_projects_with_a_warning(clock) -> None:
    refused = report(
        1,
        project_info=Verdict.UNAVAILABLE,
        project_settings=Verdict.UNAVAILABLE,
        project_status=Verdict.INCONCLUSIVE,
        company_info=Verdict.GRANTED,
    )
    client = CountingClient()
    result = run(Sink(clock), Probe(refused), clock, client=client)
    company = result.company(1)
    assert not company.errors and not result.needs_attention
    assert "projects_unavailable" in company.warnings
    assert "projects" not in client.asked and "employees" in client.asked


def test_is_fresh_rules() -> None:
    granted = report_to_json(ALL_GRANTED)
    assert is_fresh(StoredCheck(NOW, granted), NOW + dt.timedelta(hours=1))
    assert not is_fresh(StoredCheck(NOW, granted), NOW + dt.timedelta(hours=24))
    assert not is_fresh(StoredCheck(NOW, report_to_json(LIMITED)), NOW)
    assert not is_fresh(None, NOW)
    assert not is_fresh(StoredCheck(NOW, {"travel_all": "granted"}), NOW)  # an unknown (old) format
    without_projects = report_to_json(
        PermissionReport(1, tuple(r for r in ALL_GRANTED.results if not r.key.startswith("project")))
    )
    # project sync turned on after a check made without it: the check does not cover what is needed now
    assert not is_fresh(StoredCheck(NOW, without_projects), NOW, needed={"travel_all", "project_info"})
    assert is_fresh(StoredCheck(NOW, without_projects), NOW, needed={"travel_all"})
    wizard = check_to_json({"travel_all": ("GRANTED", "ok", None)}, source="wizard")
    assert wizard["permissions"]["travel_all"]["verdict"] == "granted" and is_fresh(
        StoredCheck(NOW, wizard), NOW
    )
