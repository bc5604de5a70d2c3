"""The GUI-thread network guard (tests/conftest.py) and SyncRunner, which keeps every check off the caller's thread."""

from __future__ import annotations

import threading
import types

import pytest
from PySide6.QtCore import QObject, Signal

from tests.conftest import GuiThreadNetworkGuard, GuiThreadNetworkIO
from tests.support.wizard import Env, connect_with, go_to_token_page
from tripletex_desktop.core.api import ConnectionTarget, make_http_client
from tripletex_desktop.core.models import Environment
from tripletex_desktop.simulator import DEMO_CONSUMER_TOKEN, Simulator
from tripletex_desktop.workers.tasks import SyncRunner, TaskHandle, run_task


class InlineRunner:
    """The old synchronous runner: fn runs ON the calling (GUI) thread. Exactly what the guard must catch."""

    def submit(self, handle: TaskHandle, fn) -> None:
        try:
            result = fn(handle.cancel_token)
        except BaseException as exc:
            handle._deliver_failure(exc)
        else:
            handle._deliver_success(result)


def test_the_guard_fails_a_wizard_check_run_on_the_gui_thread(qtbot, tmp_path, gui_thread_network_guard):
    guard: GuiThreadNetworkGuard = gui_thread_network_guard
    assert guard is not None  # autouse in tests/ui
    env = Env(tmp_path, InlineRunner(), enforce_guard=False)  # only the suite-wide guard is watching
    wiz = env.wizard(qtbot)
    go_to_token_page(qtbot, wiz)
    connect_with(qtbot, wiz, "demo-all")

    # The wizard swallowed the error (shown on the page), yet the guard recorded it: teardown would fail the test.
    assert not wiz.token.connected()
    assert wiz.token.panel.error_code is not None
    assert guard.violations, "a request on the GUI thread went unnoticed"
    first = guard.violations[0]
    assert first.startswith("POST /v2/token/session/:create from tripletex_desktop.")
    assert "demo-all" not in " ".join(guard.violations)  # method and path only, never the query's tokens
    guard.violations.clear()  # this test provoked them on purpose


def test_the_same_check_through_sync_runner_passes_the_guard(qtbot, tmp_path, gui_thread_network_guard):
    env = Env(tmp_path, SyncRunner(), enforce_guard=True)
    wiz = env.wizard(qtbot)
    go_to_token_page(qtbot, wiz)
    connect_with(qtbot, wiz, "demo-all")
    assert wiz.token.connected()  # delivered before the click returned
    assert gui_thread_network_guard.requests > 0
    assert gui_thread_network_guard.violations == []
    assert env.transport.gui_thread_requests == []


def test_the_guard_raises_for_a_request_made_by_gui_code_on_the_main_thread(gui_thread_network_guard):
    probe = types.ModuleType("tripletex_desktop.ui._guard_probe")  # stands for any widget module
    exec("def slot(http):\n    http.get('/employee')\n", probe.__dict__)  # noqa: S102
    target = ConnectionTarget.for_environment(Environment.DEMO, DEMO_CONSUMER_TOKEN)
    with (
        make_http_client(target, transport=Simulator().transport()) as http,
        pytest.raises(GuiThreadNetworkIO),
    ):
        probe.slot(http)
    assert gui_thread_network_guard.violations == [
        "GET /v2/employee from tripletex_desktop.ui._guard_probe.slot"
    ]
    gui_thread_network_guard.violations.clear()  # provoked on purpose


def test_a_test_body_acting_as_the_worker_may_call_a_blocking_backend(gui_thread_network_guard):
    target = ConnectionTarget.for_environment(Environment.DEMO, DEMO_CONSUMER_TOKEN)
    with make_http_client(target, transport=Simulator().transport()) as http:
        http.get("/employee")  # no GUI code on the stack: allowed (fixtures seed the simulator like this)
    assert gui_thread_network_guard.requests == 1
    assert gui_thread_network_guard.violations == []


def test_the_guard_ignores_requests_on_other_threads(gui_thread_network_guard):
    errors: list[BaseException] = []
    target = ConnectionTarget.for_environment(Environment.DEMO, DEMO_CONSUMER_TOKEN)

    def work() -> None:
        try:
            with make_http_client(target, transport=Simulator().transport()) as http:
                http.get("/employee")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    t = threading.Thread(target=work)
    t.start()
    t.join(10)
    assert errors == [] and gui_thread_network_guard.requests == 1


# --- SyncRunner -----------------------------------------------------------------------------------------


def test_sync_runner_runs_fn_on_a_helper_thread_and_delivers_on_the_caller_before_returning(qtbot):
    seen: dict[str, threading.Thread] = {}
    results: list[object] = []

    def fn(cancel) -> str:
        seen["fn"] = threading.current_thread()
        return "done"

    def on_success(value: object) -> None:
        seen["delivery"] = threading.current_thread()
        results.append(value)

    handle = run_task(fn, on_success, results.append, runner=SyncRunner())
    assert results == ["done"] and handle.done
    assert seen["fn"] is not threading.main_thread()
    assert seen["delivery"] is threading.main_thread()


def test_sync_runner_delivers_a_failure_on_the_caller(qtbot):
    failures: list[BaseException] = []

    def fn(cancel) -> None:
        raise KeyError("boom")

    run_task(fn, lambda value: pytest.fail("no success expected"), failures.append, runner=SyncRunner())
    assert [type(e) for e in failures] == [KeyError]


class _Progress(QObject):
    step = Signal(int)


def test_sync_runner_delivers_queued_progress_before_the_result(qtbot):
    progress = _Progress()  # lives on the GUI thread; emitted from the helper, so the connection is queued
    order: list[object] = []
    progress.step.connect(
        lambda n: order.append(("step", n, threading.current_thread() is threading.main_thread()))
    )

    def fn(cancel) -> str:
        for n in (1, 2):
            progress.step.emit(n)
        return "result"

    run_task(fn, order.append, order.append, runner=SyncRunner())
    assert order == [("step", 1, True), ("step", 2, True), "result"]


def test_sync_runner_accepts_a_task_submitted_from_a_task(qtbot):
    inner: list[object] = []

    def outer(cancel) -> str:
        run_task(lambda c: "inner", inner.append, inner.append, runner=SyncRunner())
        return "outer"

    got: list[object] = []
    run_task(outer, got.append, got.append, runner=SyncRunner())
    assert got == ["outer"] and inner == ["inner"]
