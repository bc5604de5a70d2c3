"""An authentication failure pauses the connection's schedule until the wizard saves the connection again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest

from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.errors import EmployeeTokenExpired, ErrorInfo
from tripletex_desktop.core.models import SyncProgress
from tripletex_desktop.core.sync import EntityError, SyncReport
from tripletex_desktop.workers.sync_controller import AUTH_ERROR_CODES, SyncController

NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
GUARD_MS = 10_000  # a deadlock guard for waitSignal, never a timing assertion


class Runner:
    """Returns a report with `run_errors`, or raises `raise_with`."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.run_errors: tuple[str, ...] = ()
        self.raise_with: Exception | None = None

    def __call__(self, connection_id: str, cancel: CancelToken, on_progress: Callable[[SyncProgress], None]):
        self.calls.append(connection_id)
        if self.raise_with is not None:
            raise self.raise_with
        errors = tuple(EntityError(None, ErrorInfo(code, request_id="r-1")) for code in self.run_errors)
        return SyncReport(connection_id, NOW, NOW, errors=errors)


@pytest.fixture
def runner() -> Runner:
    return Runner()


@pytest.fixture
def controller(qtbot, runner: Runner) -> Iterator[SyncController]:
    ctl = SyncController(runner, now=lambda: NOW)
    yield ctl
    assert ctl.shutdown(GUARD_MS)


def fire(qtbot, controller: SyncController, connection_id: str) -> None:
    timer = controller.schedule_timer(connection_id)
    assert timer is not None
    timer.timeout.emit()  # the timer firing, without waiting for it


@pytest.mark.parametrize("code", sorted(AUTH_ERROR_CODES))
def test_auth_failure_pauses_the_timer_until_the_connection_is_saved_again(
    qtbot, controller, runner, code
) -> None:
    controller.apply_schedules([("c1", "15min"), ("c2", "hourly")])
    runner.run_errors = (code,)
    with qtbot.waitSignal(controller.finished, timeout=GUARD_MS):
        fire(qtbot, controller, "c1")
    assert controller.is_paused("c1")
    assert not controller.schedule_timer("c1").isActive()  # type: ignore[union-attr]
    assert controller.next_run("c1") is None
    assert controller.schedule_timer("c2").isActive()  # type: ignore[union-attr]  # others keep going

    fire(qtbot, controller, "c1")  # a timeout that was already queued when the pause came
    assert runner.calls == ["c1"] and not controller.is_active("c1")

    controller.apply_schedules([("c1", "hourly"), ("c2", "hourly")])  # e.g. a profile import: still paused
    assert controller.is_paused("c1") and not controller.schedule_timer("c1").isActive()  # type: ignore[union-attr]

    controller.set_schedule("c1", "15min")  # MainWindow.on_connection_saved after the wizard
    assert not controller.is_paused("c1") and controller.schedule_timer("c1").isActive()  # type: ignore[union-attr]
    assert controller.next_run("c1") is not None


def test_auth_failure_raised_by_the_runner_pauses_too(qtbot, controller, runner) -> None:
    controller.set_schedule("c1", "hourly")
    runner.raise_with = EmployeeTokenExpired("gone", status=401)
    with qtbot.waitSignal(controller.failed, timeout=GUARD_MS) as blocker:
        fire(qtbot, controller, "c1")
    assert blocker.args[1].code == "employee_token_expired"
    assert controller.is_paused("c1")


def test_other_failures_do_not_pause(qtbot, controller, runner) -> None:
    controller.set_schedule("c1", "hourly")
    runner.run_errors = ("server_error", "permission_denied")
    with qtbot.waitSignal(controller.finished, timeout=GUARD_MS):
        fire(qtbot, controller, "c1")
    assert not controller.is_paused("c1") and controller.schedule_timer("c1").isActive()  # type: ignore[union-attr]


def test_a_successful_manual_run_resumes_a_paused_schedule(qtbot, controller, runner) -> None:
    controller.set_schedule("c1", "hourly")
    runner.run_errors = ("auth_failed",)
    with qtbot.waitSignal(controller.finished, timeout=GUARD_MS):
        controller.start("c1")
    assert controller.is_paused("c1")
    runner.run_errors = ()
    with qtbot.waitSignal(controller.finished, timeout=GUARD_MS):
        assert controller.start("c1")  # Sync now still works while paused
    assert not controller.is_paused("c1") and controller.schedule_timer("c1").isActive()  # type: ignore[union-attr]
