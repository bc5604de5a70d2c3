"""run_task: short one-shot background checks on a QThreadPool, results delivered on the GUI thread."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRunnable, QThread, QThreadPool, Signal, Slot

from tripletex_desktop.core.cancel import CancelToken

__all__ = [
    "CancelToken",
    "SyncRunner",
    "TaskHandle",
    "TaskRunner",
    "ThreadPoolRunner",
    "get_task_runner",
    "run_task",
    "set_task_runner",
]

log = logging.getLogger(__name__)


#: fn receives the task's cancel token and returns the result handed to on_success. A TaskHandle and a
#: runner carry any result; run_task ties fn's result type to on_success's argument.
TaskFn = Callable[[CancelToken], Any]
SuccessFn = Callable[[Any], None]
FailureFn = Callable[[BaseException], object]  # what it returns is ignored
T = TypeVar("T")


class TaskHandle(QObject):
    """One submitted task. Lives on the GUI thread; cancel() returns at once and drops late results."""

    finished = Signal()

    def __init__(
        self,
        on_success: SuccessFn,
        on_failure: FailureFn,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.cancel_token = CancelToken()
        self._on_success = on_success
        self._on_failure = on_failure
        self._done = False
        self._cancelled = False

    @property
    def done(self) -> bool:
        """True once a result was delivered or the task was cancelled."""
        return self._done

    @property
    def cancelled(self) -> bool:
        """True once cancel() was called before a result arrived."""
        return self._cancelled

    def cancel(self) -> None:
        """Set the cancel token and ignore whatever result comes later; never waits."""
        if self._done:
            return
        self._cancelled = True
        self._done = True
        self.cancel_token.cancel()
        _release(self)
        self.finished.emit()

    @Slot(object)
    def _deliver_success(self, result: object) -> None:
        if self._done:
            log.debug("late task result ignored")
            return
        self._done = True
        _release(self)
        try:
            self._on_success(result)
        finally:
            self.finished.emit()

    @Slot(object)
    def _deliver_failure(self, exc: object) -> None:
        if self._done:
            log.debug("late task failure ignored: %s", type(exc).__name__)
            return
        self._done = True
        _release(self)
        try:
            self._on_failure(exc)  # type: ignore[arg-type]
        finally:
            self.finished.emit()


class TaskRunner(Protocol):
    """Runs fn(cancel_token) somewhere and delivers the outcome to the handle."""

    def submit(self, handle: TaskHandle, fn: TaskFn) -> None:
        """Start fn; call handle's delivery slots (on the GUI thread) when it ends."""
        ...


class _Relay(QObject):
    """Created on the GUI thread; emitted from the worker, so connections to the handle are queued."""

    succeeded = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, fn: TaskFn, token: CancelToken, relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._token = token
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn(self._token)
        except BaseException as exc:  # delivered to on_failure, never raised in the pool
            self._relay.failed.emit(exc)
        else:
            self._relay.succeeded.emit(result)


class ThreadPoolRunner:
    """The real runner: a dedicated QThreadPool, so a cancelled, still-blocked task never stalls others."""

    def __init__(self, pool: QThreadPool | None = None, max_threads: int = 4) -> None:
        if pool is None:
            pool = QThreadPool()
            pool.setMaxThreadCount(max_threads)
        self.pool = pool

    def submit(self, handle: TaskHandle, fn: TaskFn) -> None:
        """Queue fn on the pool; results come back through a queued signal to the handle."""
        relay = _Relay()
        relay.succeeded.connect(handle._deliver_success)
        relay.failed.connect(handle._deliver_failure)
        handle._relay = relay  # type: ignore[attr-defined]  # keep the relay alive with the handle
        self.pool.start(_Runnable(fn, handle.cancel_token, relay))

    def wait_for_done(self, msecs: int = 30000) -> bool:
        """Block until every started task returned (shutdown and test teardown only)."""
        return self.pool.waitForDone(msecs)


class SyncRunner:
    """Runs fn on a helper thread, waits for it, and delivers the outcome on the calling thread (tests, CLI).

    Synchronous for the caller (the outcome is delivered before submit returns), yet the caller never runs fn
    itself, so a GUI-thread I/O guard holds under this runner exactly as under the thread pool. Queued
    signals fn emitted towards the caller's thread (progress) are delivered before the outcome, in order.
    """

    def submit(self, handle: TaskHandle, fn: TaskFn) -> None:
        """Run fn on the helper thread now and deliver its outcome before returning."""
        token = handle.cancel_token
        if getattr(_helper_state, "inside", False):
            ok, value = _call(fn, token)  # a task submitting a task: already off the caller's thread
        else:
            ok, value = _helper().submit(_call, fn, token).result()
            app = QCoreApplication.instance()
            if app is not None and QThread.currentThread() is app.thread():
                QCoreApplication.sendPostedEvents(None, QEvent.Type.MetaCall)
        if ok:
            handle._deliver_success(value)
        else:
            handle._deliver_failure(value)


_helper_state = threading.local()
_helper_executor: ThreadPoolExecutor | None = None
_helper_lock = threading.Lock()


def _helper() -> ThreadPoolExecutor:
    """One long-lived helper thread for every SyncRunner (per-thread resources, e.g. SQLite, are reused)."""
    global _helper_executor
    with _helper_lock:
        if _helper_executor is None:
            _helper_executor = ThreadPoolExecutor(
                max_workers=1, thread_name_prefix="sync-runner", initializer=_mark_helper
            )
        return _helper_executor


def _mark_helper() -> None:
    _helper_state.inside = True


def _call(fn: TaskFn, token: CancelToken) -> tuple[bool, Any]:
    try:
        return True, fn(token)
    except BaseException as exc:  # delivered to on_failure on the caller's thread
        return False, exc


_runner: TaskRunner | None = None
_live: set[TaskHandle] = set()
_live_lock = threading.Lock()


def _release(handle: TaskHandle) -> None:
    with _live_lock:
        _live.discard(handle)


def set_task_runner(runner: TaskRunner | None) -> None:
    """Replace the process-wide default runner (None restores the thread-pool runner)."""
    global _runner
    _runner = runner


def get_task_runner() -> TaskRunner:
    """The process-wide default runner (a ThreadPoolRunner unless replaced)."""
    global _runner
    if _runner is None:
        _runner = ThreadPoolRunner()
    return _runner


def finish_background_tasks(msecs: int = 10000) -> bool:
    """At exit, after the event loop: wait (at most `msecs`) for the tasks still running on the default pool, so
    none runs Python while the interpreter shuts down (a read still in SQLite then crashed the process) and a
    send in progress journals the step it is on. True when every task returned."""
    runner = _runner
    if isinstance(runner, ThreadPoolRunner):
        return runner.wait_for_done(msecs)
    return True


def run_task(
    fn: Callable[[CancelToken], T],
    on_success: Callable[[T], None],
    on_failure: FailureFn,
    *,
    parent: QObject | None = None,
    runner: TaskRunner | None = None,
) -> TaskHandle:
    """Run fn(cancel_token) in the background; exactly one of on_success/on_failure runs on the GUI thread.

    Neither runs after handle.cancel(). `runner` overrides the process-wide default (constructor injection).
    """
    handle = TaskHandle(on_success, on_failure, parent)
    with _live_lock:
        _live.add(handle)
    (runner or get_task_runner()).submit(handle, fn)
    return handle
