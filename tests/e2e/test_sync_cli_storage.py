"""The engine's storage adapter over the real Database: reference rows, digests, deactivation, history round-trip."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tripletex_desktop.cli.sync import exit_code
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.errors import ErrorInfo, PermissionDenied
from tripletex_desktop.core.models import (
    CostCategory,
    Department,
    Employee,
    ListPage,
    PaymentType,
    Project,
    Rate,
    RateCategory,
    RateType,
    TravelExpenseSettings,
    TravelZone,
    VatSettings,
    VatStatus,
)
from tripletex_desktop.core.sync import CompanyTarget, Entity, EntityCounts, RunStatus, SyncEngine, SyncPlan
from tripletex_desktop.services.sync import DatabaseSink, read_history, read_reference
from tripletex_desktop.storage.db import Database


class ModelClient:
    """Serves real model objects with a digest per list; `forbid` lists answer 403."""

    def __init__(self) -> None:
        self.employees_list = [Employee(1, "Kari", "Nordmann", "1"), Employee(2, "Ola", "Hansen", "2")]
        self.projects_list = [Project(10, "Fjordtur", "P-1"), Project(11, "Gammel", "P-2", is_closed=True)]
        self.forbid: set[str] = set()
        self.calls: list[str] = []

    def _page(self, name: str, values: list, if_none_match: str | None) -> ListPage:
        self.calls.append(name)
        if name in self.forbid:
            raise PermissionDenied("no", status=403, tripletex_code=9000, request_id=f"rid-{name}")
        digest = f"{name}:{hash(tuple(values))}"
        if if_none_match == digest:
            return ListPage((), digest, True)
        return ListPage(tuple(values), digest)

    def employees(self, *, if_none_match=None):
        return self._page("employees", self.employees_list, if_none_match)

    def departments(self, *, if_none_match=None):
        return self._page("departments", [Department(5, "Salg", "50")], if_none_match)

    def projects(self, *, if_none_match=None):
        return self._page("projects", self.projects_list, if_none_match)

    def cost_categories(self, *, if_none_match=None):
        return self._page(
            "cost_categories", [CostCategory(20, "Bilgodtgjørelse", account_number=7130)], if_none_match
        )

    def payment_types(self, *, if_none_match=None):
        return self._page("payment_types", [PaymentType(30, "Privat utlegg")], if_none_match)

    def rate_categories(self, *, if_none_match=None, date_from=None, date_to=None):
        cat = RateCategory(40, "Dagdiett 2026", RateType.PER_DIEM, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
        return self._page("rate_categories", [cat], if_none_match)

    def rates(self, *, date_from=None, date_to=None):
        return self._page("rates", [Rate(50, 40, 1012.0)], None)

    def zones(self, *, if_none_match=None):
        return self._page("zones", [TravelZone(60, "SE", "Sverige")], if_none_match)

    def vat_settings(self):
        self.calls.append("vat_settings")
        return VatSettings(VatStatus.REGISTERED)

    def travel_expense_settings(self):
        self.calls.append("travel_settings")
        return TravelExpenseSettings()


@pytest.fixture
def db(tmp_path: Path):
    database = Database.open(tmp_path / "db.sqlite3")
    yield database
    database.close()


def run(db: Database, client: ModelClient, **target) -> object:
    engine = SyncEngine(lambda cid: client, DatabaseSink(db, "manual"))
    plan = SyncPlan("conn1", (CompanyTarget(7, "Fjordlys", **target),))
    return engine.run(plan, CancelToken(), lambda e: None)


def test_pull_stores_rows_and_second_run_is_not_modified(db: Database) -> None:
    client = ModelClient()
    first = run(db, client)
    assert first.company(7).counts[Entity.EMPLOYEES] == EntityCounts(added=2)
    rows = read_reference(db, "conn1", 7, "employees")
    assert [(r.tripletex_id, r.label, r.number) for r in rows] == [
        (1, "Kari Nordmann", "1"),
        (2, "Ola Hansen", "2"),
    ]
    projects = {r.tripletex_id: r.is_active for r in read_reference(db, "conn1", 7, "projects")}
    assert projects == {10: True, 11: False}  # closed project stored as inactive
    second = run(db, client)
    always_read = (Entity.TRAVEL_SETTINGS, Entity.VAT_SETTINGS, Entity.RATES)  # no checksum for these
    assert all(c.not_modified for k, c in second.company(7).counts.items() if k not in always_read)
    assert second.company(7).counts[Entity.RATES] == EntityCounts(unchanged=1)
    # the national tables are stored once per connection and read for every company
    assert [r.tripletex_id for r in read_reference(db, "conn1", 7, "rates")] == [50]
    assert db.list_reference("conn1", 7, "rate") == [] and len(db.list_reference("conn1", 0, "rate")) == 1
    assert second.company(7).counts[Entity.EMPLOYEES] == EntityCounts(unchanged=2, not_modified=True)


def test_vanished_employee_is_marked_inactive(db: Database) -> None:
    client = ModelClient()
    run(db, client)
    client.employees_list = [Employee(1, "Kari", "Nordmann", "1")]
    report = run(db, client)
    assert report.company(7).counts[Entity.EMPLOYEES] == EntityCounts(deactivated=1, unchanged=1)
    active = {r.tripletex_id: r.is_active for r in read_reference(db, "conn1", 7, "employees")}
    assert active == {1: True, 2: False}


def test_history_round_trip_keeps_counts_errors_and_request_ids(db: Database) -> None:
    client = ModelClient()
    client.forbid = {"projects"}
    report = run(db, client, mapping_complete=False)
    (entry,) = read_history(db, "conn1")
    back = entry.report
    assert back.status is RunStatus.ERROR == report.status
    company = back.company(7)
    assert company.counts == report.company(7).counts
    assert company.warnings == ("mapping_missing",)
    (err,) = company.errors
    assert (err.entity, err.error.code, err.error.request_id, err.error.status) == (
        "projects",
        "permission_denied",
        "rid-projects",
        403,
    )
    assert back.needs_attention
    assert exit_code([back], []) == 2


def test_exit_codes() -> None:
    assert exit_code([], []) == 0
    assert exit_code([], [ErrorInfo("server_error")]) == 1
    assert exit_code([], [ErrorInfo("employee_token_expired")]) == 2
