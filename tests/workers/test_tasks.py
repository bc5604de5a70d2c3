"""run_task: background delivery on the GUI thread, cancel, and the synchronous runner."""

from __future__ import annotations

import threading

import pytest

from tripletex_desktop.workers.tasks import (
    SyncRunner,
    ThreadPoolRunner,
    finish_background_tasks,
    run_task,
    set_task_runner,
)


@pytest.fixture
def pool_runner():
    runner = ThreadPoolRunner()
    yield runner
    assert runner.wait_for_done(5000)


def test_success_is_delivered_on_gui_thread(qtbot, pool_runner):
    seen: dict[str, object] = {}
    worker_thread: list[threading.Thread] = []

    def work(cancel):
        worker_thread.append(threading.current_thread())
        return 42

    def ok(result):
        seen["result"] = result
        seen["thread"] = threading.current_thread()

    handle = run_task(work, ok, lambda exc: seen.setdefault("err", exc), runner=pool_runner)
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["result"] == 42
    assert seen["thread"] is threading.main_thread()
    assert worker_thread[0] is not threading.main_thread()
    assert handle.done and not handle.cancelled
    assert "err" not in seen


def test_failure_is_delivered_with_the_exception(qtbot, pool_runner):
    got: list[BaseException] = []

    def work(cancel):
        raise ValueError("boom")

    run_task(work, lambda r: pytest.fail("no success expected"), got.append, runner=pool_runner)
    qtbot.waitUntil(lambda: bool(got))
    assert isinstance(got[0], ValueError)


def test_cancel_returns_at_once_and_late_result_is_ignored(qtbot, pool_runner):
    started = threading.Event()
    release = threading.Event()
    saw_cancel: list[bool] = []
    delivered: list[object] = []

    def work(cancel):
        started.set()
        release.wait(10)
        saw_cancel.append(cancel.cancelled)
        return "late"

    handle = run_task(work, delivered.append, delivered.append, runner=pool_runner)
    assert started.wait(5)
    with qtbot.waitSignal(handle.finished, timeout=1000):
        handle.cancel()
    assert handle.cancelled and handle.done
    release.set()
    assert pool_runner.wait_for_done(5000)
    # process the queued late result: it must be dropped
    qtbot.wait(0)
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.processEvents()
    assert saw_cancel == [True]
    assert delivered == []


def test_sync_runner_delivers_before_returning():
    got: list[object] = []
    handle = run_task(lambda cancel: "x", got.append, got.append, runner=SyncRunner())
    assert got == ["x"]
    assert handle.done


def test_default_runner_can_be_replaced():
    got: list[object] = []
    set_task_runner(SyncRunner())
    try:
        run_task(lambda cancel: 7, got.append, got.append)
    finally:
        set_task_runner(None)
    assert got == [7]


def test_at_exit_the_app_waits_for_the_tasks_still_running_on_the_default_pool(qtbot):
    # a read still running in the pool when the interpreter shuts down crashed the process (SIGSEGV)
    started, release, finished = threading.Event(), threading.Event(), threading.Event()

    def task(cancel) -> None:
        started.set()
        release.wait(30)
        finished.set()

    runner = ThreadPoolRunner()
    set_task_runner(runner)
    try:
        run_task(task, lambda _: None, lambda _: None)
        assert started.wait(30)
        threading.Thread(target=release.set).start()  # released from elsewhere while the exit waits
        assert finish_background_tasks(30000)
        assert finished.is_set()  # it returned before the exit went on
    finally:
        set_task_runner(None)


def test_at_exit_another_runner_has_nothing_to_wait_for():
    set_task_runner(SyncRunner())
    try:
        assert finish_background_tasks(0)
    finally:
        set_task_runner(None)
