"""The sync's push step finishes interrupted transfers by itself: `sending` (a dead attempt), `unknown`, cancelled,
with no Send again; it waits for an unanswered write to settle (inside the run when allowed) and never writes twice."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.support.outbox import approved, one_report_with_every_line, push
from tests.support.reports import CONNECTION, World, make_backend
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.sync import CompanyTarget
from tripletex_desktop.core.transfer import WriteTiming
from tripletex_desktop.services.reports import ReportOutboxPusher, ReportsBackend
from tripletex_desktop.storage.db import Database


class Killed(BaseException):
    """The process dies."""


class KillAfter:
    """A company client that dies right after the n-th write came back (the journal never hears of it)."""

    WRITES = (
        "create_travel_expense",
        "create_mileage_allowance",
        "create_per_diem_compensation",
        "create_cost",
    )

    def __init__(self, inner: Any, after: int) -> None:
        self.inner = inner
        self.left = after

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self.inner, name)
        if name not in self.WRITES:
            return attr

        def write(*args: Any, **kwargs: Any) -> Any:
            answer = attr(*args, **kwargs)
            self.left -= 1
            if self.left <= 0:
                raise Killed(name)
            return answer

        return write


@pytest.mark.parametrize("after", [1, 2, 3, 4])
def test_a_report_left_sending_by_a_killed_process_is_finished_by_the_next_sync(
    backend: ReportsBackend, world: World, after: int
) -> None:
    report_id = approved(backend, world)
    backend.store.queue(report_id)
    client = world.client()
    with pytest.raises(Killed):
        backend._transfer(
            backend.store.get(report_id), KillAfter(client.company(0), after), CancelToken(), None
        )
    client.close()
    assert backend.load(report_id).row.state == "sending"
    summary = push(backend, world)  # a scheduled sync: nobody clicked anything
    assert (summary.sent, summary.waiting) == (1, 0)  # the lost write had landed: found, not waited for
    assert backend.load(report_id).row.state == "sent"
    one_report_with_every_line(world, report_id)


def test_an_unknown_report_waits_for_the_grace_period_then_the_next_sync_finishes_it(
    backend: ReportsBackend, world: World
) -> None:
    report_id = approved(backend, world)
    world.sim.faults.drop_next("before_commit", "POST", "/travelExpense/cost")
    first = backend.send(report_id, CancelToken())
    assert first.state == "unknown" and first.retry_at is not None
    summary = push(backend, world)  # within the grace period: searches, writes nothing
    assert (summary.sent, summary.unknown, summary.waiting, summary.waiting_until) == (
        0,
        0,
        1,
        first.retry_at,
    )
    assert backend.load(report_id).row.waiting_until == first.retry_at
    world.past_grace()
    summary = push(backend, world)
    assert (summary.sent, summary.waiting) == (1, 0)
    one_report_with_every_line(world, report_id)


def test_the_headless_sync_waits_inside_the_run_and_finishes_in_one_go(world: World, db: Database) -> None:
    slept: list[float] = []

    def sleep(cancel: CancelToken, seconds: float) -> bool:
        slept.append(seconds)
        world.now += dt.timedelta(seconds=seconds)
        return False

    backend = make_backend(world, db, settle_wait=WriteTiming().grace + dt.timedelta(seconds=30), sleep=sleep)
    report_id = approved(backend, world)
    world.sim.faults.drop_next("before_commit", "POST", "/travelExpense/cost")
    first = backend.send(report_id, CancelToken())
    assert first.retry_at is not None
    before = world.now
    summary = push(backend, world)
    assert (summary.sent, summary.waiting) == (1, 0)
    assert slept == [(first.retry_at - before).total_seconds()]  # once, exactly until the write settled
    one_report_with_every_line(world, report_id)


def test_a_cancelled_send_is_finished_but_a_refused_one_waits_for_the_user(
    backend: ReportsBackend, world: World
) -> None:
    cancelled = approved(backend, world)
    token = CancelToken()
    token.cancel()
    assert backend.send(cancelled, token).error.code == "cancelled"
    refused = approved(backend, world)
    world.sim.faults.fail_next(422, method="POST", path_prefix="/travelExpense/cost")
    assert backend.send(refused, CancelToken()).state == "failed"
    summary = push(backend, world)
    assert (summary.sent, summary.failed) == (1, 0)
    assert backend.load(cancelled).row.state == "sent"
    assert backend.load(refused).row.state == "failed"
    one_report_with_every_line(world, cancelled)


class CancelAfterFirstWrite:
    """A company client whose first write, once answered, is followed by the user's Cancel (or closing the app)."""

    def __init__(self, inner: Any, token: CancelToken) -> None:
        self.inner, self.token = inner, token

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self.inner, name)
        if name not in KillAfter.WRITES:
            return attr

        def write(*args: Any, **kwargs: Any) -> Any:
            answer = attr(*args, **kwargs)
            self.token.cancel()
            return answer

        return write


def test_a_push_the_run_cancels_is_queued_for_the_next_sync_not_a_failure_for_the_user(
    backend: ReportsBackend, world: World
) -> None:
    report_id = approved(backend, world)
    backend.store.queue(report_id)
    token = CancelToken()
    client = world.client()
    try:
        summary = ReportOutboxPusher(backend).push_outbox(
            CONNECTION,
            CompanyTarget(world.company_id),
            CancelAfterFirstWrite(client.company(0), token),
            token,
        )
    finally:
        client.close()
    assert (summary.sent, summary.failed, summary.queued) == (0, 0, 1)  # nothing for the user to correct
    summary = push(backend, world)  # the next scheduled sync finishes it
    assert (summary.sent, summary.failed) == (1, 0)
    one_report_with_every_line(world, report_id)
