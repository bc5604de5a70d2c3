"""SyncController + SyncWorker with a fake runner that blocks on an event: start, cancel, queue, shutdown."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator

import pytest

from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.errors import ErrorInfo, SyncAlreadyRunning
from tripletex_desktop.core.models import SyncProgress
from tripletex_desktop.core.sync import SyncReport
from tripletex_desktop.workers.sync_controller import INTERVALS_MS, SyncController, schedules_from_settings

NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
GUARD = 10  # seconds; a deadlock guard for Event.wait, never a timing assertion


class BlockingRunner:
    """Emits one progress event, then blocks until released or cancelled."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.entered = threading.Event()
        self.calls: list[str] = []
        self.threads: list[threading.Thread] = []
        self.fail_with: Exception | None = None

    def __call__(
        self, connection_id: str, cancel: CancelToken, on_progress: Callable[[SyncProgress], None]
    ) -> SyncReport:
        self.calls.append(connection_id)
        self.threads.append(threading.current_thread())
        on_progress(SyncProgress(connection_id, 1, "employees", 0, 9))
        self.entered.set()
        if self.fail_with is not None:
            raise self.fail_with
        while not self.release.is_set():
            if cancel.wait(0.01):
                break
        return SyncReport(connection_id, NOW, NOW, cancelled=cancel.cancelled)


@pytest.fixture
def runner() -> BlockingRunner:
    return BlockingRunner()


@pytest.fixture
def controller(qtbot, runner: BlockingRunner) -> Iterator[SyncController]:
    ctl = SyncController(runner)
    yield ctl
    runner.release.set()
    assert ctl.shutdown(GUARD * 1000)
    assert ctl.sync_thread.isFinished()
    assert not ctl.sync_thread.isRunning()


def test_run_emits_progress_then_finished_on_the_sync_thread(qtbot, controller, runner) -> None:
    progress: list[SyncProgress] = []
    controller.progress.connect(progress.append)
    with qtbot.waitSignal(controller.started, timeout=GUARD * 1000):
        assert controller.start("c1")
    assert controller.is_running("c1")
    runner.release.set()
    with qtbot.waitSignal(controller.finished, timeout=GUARD * 1000) as blocker:
        pass
    connection_id, report = blocker.args
    assert connection_id == "c1" and isinstance(report, SyncReport) and not report.cancelled
    assert runner.threads[0] is not threading.main_thread()
    assert progress == [SyncProgress("c1", 1, "employees", 0, 9)]
    assert not controller.is_active("c1")


def test_second_start_of_the_same_connection_is_refused(qtbot, controller, runner) -> None:
    assert controller.start("c1")
    assert not controller.start("c1")
    assert runner.entered.wait(GUARD)
    assert not controller.start("c1")
    runner.release.set()
    qtbot.waitSignal(controller.finished, timeout=GUARD * 1000).wait()
    assert runner.calls == ["c1"]


def test_cancel_ends_the_run_with_a_cancelled_report(qtbot, controller, runner) -> None:
    failed: list[object] = []
    controller.failed.connect(lambda *a: failed.append(a))
    controller.start("c1")
    assert runner.entered.wait(GUARD)
    with qtbot.waitSignal(controller.finished, timeout=GUARD * 1000) as blocker:
        assert controller.cancel("c1")
    assert blocker.args[1].cancelled
    assert failed == []
    assert not controller.cancel("c1")


def test_other_connections_queue_and_a_queued_cancel_never_runs(qtbot, controller, runner) -> None:
    outcomes: list[tuple[str, str]] = []
    controller.finished.connect(lambda cid, r: outcomes.append((cid, "finished")))
    controller.failed.connect(lambda cid, e: outcomes.append((cid, e.code)))
    controller.start("c1")
    assert runner.entered.wait(GUARD)
    controller.start("c2")
    controller.start("c3")
    controller.cancel("c2")
    runner.release.set()
    qtbot.waitUntil(lambda: len(outcomes) == 3, timeout=GUARD * 1000)
    assert outcomes == [("c1", "finished"), ("c2", "cancelled"), ("c3", "finished")]
    assert runner.calls == ["c1", "c3"]


def test_runner_error_becomes_failed_with_error_info(qtbot, controller, runner) -> None:
    runner.fail_with = SyncAlreadyRunning("locked by another process")
    with qtbot.waitSignal(controller.failed, timeout=GUARD * 1000) as blocker:
        controller.start("c1")
    connection_id, error = blocker.args
    assert connection_id == "c1" and isinstance(error, ErrorInfo) and error.code == "sync_running"


def test_unexpected_exception_is_internal_and_worker_keeps_working(qtbot, controller, runner) -> None:
    runner.fail_with = ZeroDivisionError()
    with qtbot.waitSignal(controller.failed, timeout=GUARD * 1000) as blocker:
        controller.start("c1")
    assert blocker.args[1].code == "internal"
    runner.fail_with = None
    runner.release.set()
    with qtbot.waitSignal(controller.finished, timeout=GUARD * 1000):
        controller.start("c1")


def test_shutdown_during_a_sync_cancels_it_and_ends_the_thread(qtbot, runner) -> None:
    ctl = SyncController(runner)
    ctl.start("c1")
    assert runner.entered.wait(GUARD)
    assert ctl.shutdown(GUARD * 1000)
    assert ctl.sync_thread.isFinished()
    assert not ctl.start("c2")


def test_schedule_timers_follow_settings_and_start_syncs(qtbot, controller, runner) -> None:
    controller.apply_schedules([("c1", "hourly"), ("c2", "manual"), ("c3", "15min")])
    t1 = controller.schedule_timer("c1")
    assert t1 is not None and t1.interval() == INTERVALS_MS["hourly"] and t1.isActive()
    assert controller.schedule_timer("c2") is None
    assert controller.next_run("c2") is None
    nxt = controller.next_run("c3")
    assert nxt is not None and nxt > dt.datetime.now(dt.UTC)

    runner.release.set()
    with qtbot.waitSignal(controller.finished, timeout=GUARD * 1000) as blocker:
        t1.timeout.emit()  # the timer firing, without waiting an hour
    assert blocker.args[0] == "c1"

    controller.apply_schedules([("c3", "daily")])
    assert controller.schedule_timer("c1") is None
    assert controller.schedule_timer("c3").interval() == INTERVALS_MS["daily"]  # type: ignore[union-attr]


def test_schedules_from_settings_reads_connections() -> None:
    class Sync:
        def __init__(self, interval: str) -> None:
            self.interval = interval

    class Conn:
        def __init__(self, cid: str, interval: str) -> None:
            self.id = cid
            self.sync = Sync(interval)

    class Settings:
        connections = [Conn("a", "hourly"), Conn("b", "manual")]

    assert schedules_from_settings(Settings()) == [("a", "hourly"), ("b", "manual")]
