"""A request Tripletex did not take — a rate limit that outlasts the client's retries, a login refused even with a
fresh session (the session expired, and its successor too) — leaves the report in the outbox, never `failed`:
the next scheduled sync sends it, exactly once, with nobody clicking Send again.

Found by the fault soak: one report ended `failed` with a cost missing after the proxy deleted the session under
the cost's POST and again under its retry with a new session; the outbox push takes no `failed` report, so it was
stranded.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.outbox import approved, one_report_with_every_line, push
from tests.support.reports import World
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.errors import DiskFull, SecretStoreUnavailable
from tripletex_desktop.services.reports import ReportsBackend
from tripletex_desktop.storage.reports import SqliteJournal

#: (status, how many answers in a row): the client re-creates a session once on a 401 and retries a 429 four
#: times, so these are the first answers it gives up on.
NOT_TAKEN = {
    "session-expired-twice": (401, 2, "auth_failed"),
    "rate-limited-past-the-retries": (429, 5, "rate_limited"),
}
#: The writes: the report's create (the first POST under /travelExpense), a line's, a cost's.
WHERE = {
    "report-post": ("POST", "/travelExpense"),
    "mileage-post": ("POST", "/travelExpense/mileageAllowance"),
    "cost-post": ("POST", "/travelExpense/cost"),
}


@pytest.mark.parametrize("where", list(WHERE))
@pytest.mark.parametrize("answer", list(NOT_TAKEN))
def test_a_request_tripletex_did_not_take_leaves_the_report_in_the_outbox_for_the_next_sync(
    backend: ReportsBackend, world: World, answer: str, where: str
) -> None:
    status, count, code = NOT_TAKEN[answer]
    method, path = WHERE[where]
    report_id = approved(backend, world)
    backend.store.queue(report_id)
    world.sim.faults.fail_next(status, count=count, method=method, path_prefix=path)
    first = push(backend, world)  # a scheduled sync
    row = backend.load(report_id).row
    assert first.failed == 0 and first.queued == 1, first
    assert row.state == "queued"  # still in the outbox, not waiting for a person
    assert row.last_error is not None and row.last_error.code == code  # why it is still there
    second = push(backend, world)  # the next scheduled sync: nobody clicked anything
    assert (second.sent, second.failed, second.queued) == (1, 0, 0)
    assert backend.load(report_id).row.state == "sent"
    one_report_with_every_line(world, report_id)


def test_a_search_refused_after_an_unanswered_write_also_leaves_the_report_in_the_outbox(
    backend: ReportsBackend, world: World
) -> None:
    """The cost's answer is lost after it committed; the search that would find it meets a refused login twice."""
    report_id = approved(backend, world)
    backend.store.queue(report_id)
    world.sim.faults.drop_next("after_commit", "POST", "/travelExpense/cost")
    world.sim.faults.fail_next(401, count=2, method="GET", path_prefix="/travelExpense/cost")
    first = push(backend, world)
    assert first.failed == 0 and backend.load(report_id).row.state == "queued"
    second = push(backend, world)
    assert second.sent == 1
    one_report_with_every_line(world, report_id)  # the committed cost was found, not written again


def test_send_from_the_app_says_why_and_keeps_the_report_in_the_outbox(
    backend: ReportsBackend, world: World
) -> None:
    report_id = approved(backend, world)
    world.sim.faults.fail_next(429, count=5, method="POST", path_prefix="/travelExpense/cost")
    result = backend.send(report_id, CancelToken())
    assert result.state == "queued"
    assert result.error is not None and result.error.code == "rate_limited"  # the view shows this message
    assert backend.load(report_id).row.state == "queued"


#: The journal's writes, in the order a transfer makes them.
JOURNAL_WRITES = ("record_status", "record_intent", "record_settle", "record_result")


class FullDisk:
    """Makes the journal's n-th write (and, with `stays`, every one after it) fail as a full disk does."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, fail_at: int, *, stays: bool) -> None:
        self.calls = 0
        self.failed = 0
        for name in JOURNAL_WRITES:
            original = getattr(SqliteJournal, name)
            monkeypatch.setattr(SqliteJournal, name, self._wrap(original, fail_at, stays))

    def _wrap(self, original: Any, fail_at: int, stays: bool) -> Any:
        def write(journal: SqliteJournal, *args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            if self.calls == fail_at or (stays and self.calls > fail_at):
                self.failed += 1
                raise DiskFull("sqlite:full")
            return original(journal, *args, **kwargs)

        return write


@pytest.mark.parametrize("stays", [False, True], ids=["one-write-fails", "the-disk-stays-full"])
def test_a_full_disk_at_any_journal_write_leaves_the_report_for_the_next_sync(
    backend: ReportsBackend, world: World, monkeypatch: pytest.MonkeyPatch, stays: bool
) -> None:
    """Every journal write of a transfer (the report, its lines, deliver), failing once, or failing with every
    write after it. The sync may stop with the storage error; the report is never `failed`, never half-sent for
    good: once the disk has room, the next sync sends it exactly once. One report per write, in one world."""
    with monkeypatch.context() as patch:  # how many journal writes a whole transfer makes
        counting = FullDisk(patch, 0, stays=False)
        backend.store.queue(approved(backend, world))
        assert push(backend, world).sent == 1
    assert counting.calls >= 8  # sending, then an intent and a result per write, sent
    for fail_at in range(1, counting.calls + 1):
        report_id = approved(backend, world)
        backend.store.queue(report_id)
        with monkeypatch.context() as patch:
            disk = FullDisk(patch, fail_at, stays=stays)
            try:
                push(backend, world)
            except DiskFull:
                pass  # the sync stops with "the disk is full" (a connection-level error)
        assert disk.failed, fail_at
        state = backend.load(report_id).row.state
        assert state in ("queued", "sending"), (fail_at, state)  # what the next sync takes
        world.past_grace()  # a result not recorded is searched for; a write never sent is written after its grace
        summary = push(backend, world)
        assert (summary.sent, summary.failed) == (1, 0), fail_at
        one_report_with_every_line(world, report_id)


def test_a_locked_keyring_at_send_keeps_the_report_waiting(backend: ReportsBackend, world: World) -> None:
    report_id = approved(backend, world)

    def locked(cancel: CancelToken) -> Any:
        raise SecretStoreUnavailable("locked", reason="locked")

    backend._client_factory = locked
    result = backend.send(report_id, CancelToken())
    assert result.state == "queued" and result.error is not None
    assert result.error.code == "keyring_unavailable"
    assert backend.load(report_id).row.state == "queued"


def test_send_while_a_sync_holds_the_connection_puts_the_report_in_the_outbox(
    world: World, db: Any, tmp_path: Any
) -> None:
    """Found in review: Godkjenn og send (or Send) while the app's own or a scheduled sync holds the connection's
    lock failed with "a sync is already running" and left the report `approved`, which no sync sends: the user
    had asked for it to be sent, and it waited for a second click. Now it is in the outbox, and the sync sends it."""
    from tests.support.reports import make_backend
    from tripletex_desktop.storage.lock import ConnectionLock

    backend = make_backend(world, db, lock=lambda: ConnectionLock(tmp_path, "conn-demo"))
    report_id = approved(backend, world)
    with ConnectionLock(tmp_path, "conn-demo"):  # a sync of this connection is running
        result = backend.send(report_id, CancelToken())
        assert result.state == "queued" and result.error is not None
        assert result.error.code == "sync_running"  # the view says why, and that the next sync sends it
        assert backend.load(report_id).row.state == "queued"
        summary = push(backend, world)  # that sync's push step (or the next one)
    assert (summary.sent, summary.failed) == (1, 0)
    one_report_with_every_line(world, report_id)


@pytest.mark.parametrize("code", ["token_missing", "malformed_token"])
def test_a_token_problem_at_send_keeps_the_report_in_the_outbox(
    backend: ReportsBackend, world: World, code: str
) -> None:
    """Found in review: a missing or unusable token when Send builds its client (nothing was sent, nothing is
    wrong with the report) ended the report `failed`, so fixing the token (File → Replace token) was not
    enough: no scheduled sync takes a failed report."""
    from tripletex_desktop.core.errors import MalformedToken, TokenMissing

    report_id = approved(backend, world)

    def no_token(cancel: CancelToken) -> Any:
        raise TokenMissing() if code == "token_missing" else MalformedToken()

    factory = backend._client_factory
    backend._client_factory = no_token
    result = backend.send(report_id, CancelToken())
    assert result.state == "queued" and result.error is not None and result.error.code == code
    assert backend.load(report_id).row.state == "queued"
    backend._client_factory = factory  # the token is fixed
    assert push(backend, world).sent == 1
    one_report_with_every_line(world, report_id)
