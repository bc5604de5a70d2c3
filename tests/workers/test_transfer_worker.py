"""ReportsBackend and TransferRunner against the simulator: send, send again after an unknown outcome, dry run."""

from __future__ import annotations

import dataclasses
import uuid
from decimal import Decimal
from pathlib import Path

import pytest

from tests.support.reports import (
    CONNECTION,
    World,
    make_backend,
    trip,
)
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.sync import CompanyTarget
from tripletex_desktop.core.transfer import report_marker
from tripletex_desktop.services.reports import ReportOutboxPusher, ReportsBackend
from tripletex_desktop.storage.db import Database
from tripletex_desktop.storage.reports import ReportNotSendable
from tripletex_desktop.workers.tasks import SyncRunner
from tripletex_desktop.workers.transfer_worker import TransferRunner


def approved(backend: ReportsBackend, world: World, **kwargs) -> uuid.UUID:
    report = trip(world, **kwargs)
    backend.save_draft(report)
    backend.approve(report.id)
    return report.id


def test_reference_data_comes_back_as_models(backend: ReportsBackend, world: World):
    ref = backend.reference(world.company_id)
    assert world.employee_id in {e.id for e in ref.employees}
    assert ref.employee_name(world.employee_id) == world.employees[world.employee_id]
    assert {c.description for c in ref.cost_categories} >= {"Taxi", "Diett"}
    assert ref.rate_table.categories and ref.rate_table.rates


def test_save_draft_prices_the_total_and_suggests_per_diem(backend: ReportsBackend, world: World):
    report = trip(world)
    row = backend.save_draft(report)
    assert row.employee_name == world.employees[world.employee_id]
    # costs + mileage and per diem at the rates valid on 2026-11-02: more than the cost alone
    assert row.amount is not None and row.amount > Decimal("250.50")
    lines = backend.suggest_per_diem(dataclasses.replace(report, lines=()))
    assert [line.count for line in lines] == [1, 1]  # one full døgn, then 10 hours on the way home
    assert all(line.rate_category_id is not None for line in lines)


def test_send_creates_one_travel_expense_with_progress(backend: ReportsBackend, world: World):
    report_id = approved(backend, world)
    progress: list[tuple[int, int]] = []
    result = backend.send(report_id, CancelToken(), lambda done, total: progress.append((done, total)))
    assert result.state == "sent", result
    [created] = world.with_marker(report_marker(report_id))
    assert created["id"] == result.travel_expense_id
    assert progress[-1] == (4, 4) and [d for d, _ in progress] == sorted(d for d, _ in progress)
    row = backend.load(report_id).row
    assert (row.state, row.tripletex_id, row.tripletex_number) == ("sent", created["id"], created["number"])
    with pytest.raises(ReportNotSendable):
        backend.send(report_id, CancelToken())
    assert len(world.with_marker(report_marker(report_id))) == 1


def test_send_again_after_an_unknown_outcome_sends_exactly_once(backend: ReportsBackend, world: World):
    report_id = approved(backend, world)
    world.sim.faults.drop_next("before_commit", "POST", "/travelExpense/mileageAllowance")
    first = backend.send(report_id, CancelToken())
    assert first.state == "unknown"
    assert backend.load(report_id).row.state == "unknown"
    assert backend.load(report_id).row.last_error.code == "network"
    assert backend.load(report_id).row.waiting_until == first.retry_at
    # Send again at once: the lost write may still land, so nothing is written before the grace period ends
    waiting = backend.send(report_id, CancelToken())
    assert (waiting.state, waiting.error.code, waiting.retry_at) == (
        "unknown",
        "awaiting_tripletex",
        first.retry_at,
    )
    world.past_grace()
    second = backend.send(report_id, CancelToken())
    assert second.state == "sent"
    assert backend.load(report_id).row.waiting_until is None
    [created] = world.with_marker(report_marker(report_id))
    assert len(world.lines_of("mileage_allowances", created["id"])) == 1
    assert len(world.lines_of("costs", created["id"])) == 1


def test_dropped_answer_after_commit_is_recognised_in_the_same_run(backend: ReportsBackend, world: World):
    report_id = approved(backend, world)
    world.sim.faults.drop_next("after_commit", "POST", "/travelExpense")
    assert backend.send(report_id, CancelToken()).state == "sent"
    assert len(world.with_marker(report_marker(report_id))) == 1


def test_dry_run_shows_the_json_and_creates_nothing(backend: ReportsBackend, world: World):
    report_id = approved(backend, world)
    before = len(world.travel_expenses())
    writes_before = [r for r in world.sim.request_log if r.method != "GET"]
    outcome = backend.dry_run(report_id, CancelToken())
    assert outcome.error is None and outcome.problems == () and outcome.existing == ()
    assert [r.path for r in outcome.requests][0] == "/travelExpense"
    assert report_marker(report_id) in outcome.requests[0].body["travelDetails"]["detailedJourneyDescription"]
    assert report_marker(report_id) not in outcome.requests[0].body["title"]
    assert outcome.requests[1].body["km"] == 42
    assert len(world.travel_expenses()) == before
    writes = [r for r in world.sim.request_log if r.method not in ("GET",) and "session" not in r.path]
    assert writes == [w for w in writes_before if "session" not in w.path]
    assert backend.load(report_id).row.state == "approved"


def test_dry_run_reports_plan_problems(backend: ReportsBackend, world: World):
    report = trip(world)
    report = dataclasses.replace(report, lines=(dataclasses.replace(report.lines[2], currency="XYZ"),))
    backend.save_draft(report)
    outcome = backend.dry_run(report.id, CancelToken())
    assert [p.code for p in outcome.problems] == ["currency_unknown"]
    assert outcome.requests == ()


def test_was_it_sent_finds_the_report_by_its_marker(backend: ReportsBackend, world: World, db: Database):
    report_id = approved(backend, world)
    assert backend.check_sent(report_id, CancelToken()).found is False
    backend.send(report_id, CancelToken())
    # forget locally what we know (a journal restored from an old backup)
    db._connection().execute("DELETE FROM outbox_journal")
    db._connection().execute("UPDATE travel_reports SET tripletex_id=NULL, tripletex_number=NULL")
    outcome = backend.check_sent(report_id, CancelToken())
    [created] = world.with_marker(report_marker(report_id))
    assert outcome.found and outcome.row.tripletex_id == created["id"]
    assert outcome.row.tripletex_number == created["number"]


def test_outbox_pusher_sends_queued_reports_of_the_company(backend: ReportsBackend, world: World):
    first, second = approved(backend, world, title="A"), approved(backend, world, title="B")
    backend.store.queue(first)
    backend.store.queue(second)
    client = world.client()
    try:
        summary = ReportOutboxPusher(backend).push_outbox(
            CONNECTION, CompanyTarget(world.company_id), client.company(0), CancelToken()
        )
    finally:
        client.close()
    assert (summary.sent, summary.failed, summary.unknown) == (2, 0, 0)
    assert len(world.with_marker(report_marker(first))) == 1
    assert len(world.with_marker(report_marker(second))) == 1
    assert backend.store.queued(CONNECTION, world.company_id) == []


def test_missing_token_keeps_the_report_in_the_outbox(world: World, db: Database):
    """Nothing was sent and nothing is wrong with the report: it waits, with the reason, for the next sync
    (a `failed` report would wait for a person even after the token is fixed)."""
    from tripletex_desktop.core.errors import ConfigurationError

    def no_client(cancel):
        raise ConfigurationError("no employee token stored for this connection")

    backend = make_backend(world, db)
    backend._client_factory = no_client
    report_id = approved(backend, world)
    result = backend.send(report_id, CancelToken())
    assert (result.state, result.error.code) == ("queued", "configuration")
    assert backend.load(report_id).row.state == "queued"
    assert world.with_marker(report_marker(report_id)) == []


def test_transfer_runner_emits_progress_and_result(qtbot, backend: ReportsBackend, world: World):
    runner = TransferRunner(backend, runner=SyncRunner())
    report_id = approved(backend, world)
    progress, finished, failed, idle = [], [], [], []
    runner.progress.connect(lambda key, done, total: progress.append((key, done, total)))
    runner.finished.connect(lambda key, result: finished.append((key, result)))
    runner.failed.connect(lambda key, error: failed.append((key, error)))
    runner.idle.connect(lambda: idle.append(True))
    runner.send([report_id, report_id])
    assert [(k, r.state) for k, r in finished] == [(str(report_id), "sent")]
    assert progress[-1] == (str(report_id), 4, 4)
    assert failed == [] and idle == [True] and not runner.busy
    runner.send([report_id])  # a sent report: refused, nothing written
    assert [e.code for _, e in failed] == ["report_not_sendable"]
    assert len(world.with_marker(report_marker(report_id))) == 1


def test_transfer_runner_on_the_thread_pool(qtbot, backend: ReportsBackend, world: World):
    from tripletex_desktop.workers.tasks import ThreadPoolRunner

    pool = ThreadPoolRunner(max_threads=1)
    runner = TransferRunner(backend, runner=pool)
    report_id = approved(backend, world)
    with qtbot.waitSignal(runner.idle, timeout=20000):
        runner.send([report_id])
        assert runner.is_sending(report_id)
    assert pool.wait_for_done(5000)
    assert backend.load(report_id).row.state == "sent"


def test_send_while_a_sync_holds_the_connection_lock_queues_the_report(
    world: World, db: Database, tmp_path: Path
):
    from tripletex_desktop.core.errors import SyncAlreadyRunning
    from tripletex_desktop.storage.lock import ConnectionLock

    backend = make_backend(world, db, lock=lambda: ConnectionLock(tmp_path / "locks", CONNECTION))
    report_id = approved(backend, world)
    with ConnectionLock(tmp_path / "locks", CONNECTION):
        result = backend.send(report_id, CancelToken())
    assert (result.state, result.error.code) == ("queued", SyncAlreadyRunning.code)
    assert backend.load(report_id).row.state == "queued"  # in the outbox: that sync or the next sends it
    assert world.with_marker(report_marker(report_id)) == []  # nothing written while the sync held it
    assert backend.send(report_id, CancelToken()).state == "sent"  # the lock is free again


def test_reference_cache_follows_a_sync(backend: ReportsBackend, world: World, db: Database):
    from tripletex_desktop.storage.db import RefRow

    first = backend.reference(world.company_id)
    assert backend.reference(world.company_id) is first  # unchanged lists are not rebuilt
    rows = db.list_reference(CONNECTION, world.company_id, "employee")
    renamed = [
        RefRow(
            r.tripletex_id,
            "Kari Fjell" if r.tripletex_id == world.employee_id else r.label,
            r.number,
            r.is_active,
            {**r.data, "last_name": "Fjell"} if r.tripletex_id == world.employee_id else r.data,
        )
        for r in rows
    ]
    db.replace_reference(CONNECTION, world.company_id, "employee", renamed)
    assert backend.reference(world.company_id).employee_name(world.employee_id) == "Kari Fjell"


def test_deliver_option_delivers_and_approval_follows_the_company_rules(world: World, db: Database):
    # Fjordlys requires approval and does not let users approve their own expenses: delivered, not approved.
    backend = make_backend(world, db, deliver=True, approve=True)
    report_id = approved(backend, world)
    result = backend.send(report_id, CancelToken())
    assert result.state == "sent", result
    assert result.tripletex_state == "DELIVERED"
    [created] = world.with_marker(report_marker(report_id))
    assert created["state"] == "DELIVERED"


def test_approval_allowed_only_where_the_settings_permit_it():
    from tripletex_desktop.core.models import TravelExpenseSettings
    from tripletex_desktop.services.reports import approval_allowed

    assert approval_allowed(TravelExpenseSettings(approval_required=False))
    assert approval_allowed(TravelExpenseSettings(approval_required=True, can_approve_own_expenses=True))
    assert not approval_allowed(TravelExpenseSettings(approval_required=True, can_approve_own_expenses=False))
