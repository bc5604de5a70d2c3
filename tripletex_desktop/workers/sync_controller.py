"""SyncController: owns the one long-lived sync thread and its worker; start, cancel, schedule, shutdown."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from tripletex_desktop.app.context import AppContext
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.errors import ErrorInfo
from tripletex_desktop.core.models import SyncProgress
from tripletex_desktop.core.sync.report import TOKEN_ERROR_CODES, SyncReport
from tripletex_desktop.workers.sync_worker import SyncWorker

if TYPE_CHECKING:
    from tripletex_desktop.services.sync import SyncRunFn
    from tripletex_desktop.storage.settings import Settings

log = logging.getLogger(__name__)

#: Error codes after which a connection's schedule pauses: every further run would fail the same way (and
#: notify again) until the user replaces the token or fixes the environment in the wizard.
AUTH_ERROR_CODES = TOKEN_ERROR_CODES

#: Settings' `sync.interval` values and their period in milliseconds ("manual" has none).
INTERVALS_MS: dict[str, int] = {
    "15min": 15 * 60 * 1000,
    "hourly": 60 * 60 * 1000,
    "daily": 24 * 60 * 60 * 1000,
}


class SyncController(QObject):
    """Lives on the GUI thread. Runs syncs one at a time on one QThread; never two runs of one connection.

    Requests for other connections queue behind the running one (the worker's thread runs one slot at a
    time); a second `start()` of a connection that is running or queued is refused. Another process (the
    headless CLI) is kept out by the runner's ConnectionLock, which fails with SyncAlreadyRunning.

    A run that fails with an authentication error (AUTH_ERROR_CODES) pauses the connection's timer: no
    more scheduled runs, requests or notifications until `set_schedule` is called for it again (the main
    window does so when the wizard saves the connection) or a manual run succeeds.
    """

    queued = Signal(str)
    started = Signal(str)
    progress = Signal(object)  # SyncProgress
    finished = Signal(str, object)  # connection_id, SyncReport
    failed = Signal(str, object)  # connection_id, ErrorInfo
    scheduleChanged = Signal(str)  # noqa: N815 - Qt naming

    _request = Signal(str, object)

    def __init__(
        self,
        runner: SyncRunFn,
        parent: QObject | None = None,
        *,
        now: Callable[[], dt.datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self._now = now or (lambda: dt.datetime.now(dt.UTC))
        self._tokens: dict[str, CancelToken] = {}
        self._running: str | None = None
        self._timers: dict[str, QTimer] = {}
        self._paused: set[str] = set()
        self._last_progress: dict[str, SyncProgress] = {}
        self._shut_down = False

        self._thread = QThread()
        self._thread.setObjectName("sync-thread")
        self._worker = SyncWorker(runner)
        self._worker.moveToThread(self._thread)
        self._thread.finished.connect(self._worker.deleteLater)
        self._request.connect(self._worker.run)
        self._worker.started.connect(self._on_started)
        self._worker.progress.connect(self._on_progress)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)
        self._thread.start()

    @classmethod
    def for_context(cls, context: AppContext, parent: QObject | None = None) -> SyncController:
        """Build the controller for the app's AppContext and schedule its connections from settings.

        The runner (services.sync, the outbox, the database) is built on the sync thread at the first run, so
        none of it is imported before the window is shown.
        """
        runner: SyncRunFn | None = None

        def run(
            connection_id: str, cancel: CancelToken, on_progress: Callable[[SyncProgress], None]
        ) -> SyncReport:
            nonlocal runner
            if runner is None:
                # local: start-up time; the sync's modules load on the sync thread at the first run
                from tripletex_desktop.services.reports import outbox_pusher_for
                from tripletex_desktop.services.sync import make_sync_runner

                runner = make_sync_runner(context, pusher_for=outbox_pusher_for(context))
            return runner(connection_id, cancel, on_progress)

        controller = cls(run, parent)
        controller.apply_schedules(schedules_from_settings(context.settings))
        return controller

    # --- state ----------------------------------------------------------------------------------

    @property
    def sync_thread(self) -> QThread:
        """The sync thread (tests assert it ended after shutdown)."""
        return self._thread

    def is_active(self, connection_id: str) -> bool:
        """True while the connection is running or queued."""
        return connection_id in self._tokens

    def is_running(self, connection_id: str) -> bool:
        """True while the connection's sync is executing on the worker thread."""
        return self._running == connection_id

    def is_paused(self, connection_id: str) -> bool:
        """True while the connection's schedule is paused after an authentication failure."""
        return connection_id in self._paused

    def last_progress(self, connection_id: str) -> SyncProgress | None:
        """The latest progress event of the current run, if any."""
        return self._last_progress.get(connection_id)

    # --- commands -------------------------------------------------------------------------------

    def start(self, connection_id: str) -> bool:
        """Queue a sync; False when it is already running or queued, or after shutdown."""
        if self._shut_down or connection_id in self._tokens:
            return False
        token = CancelToken()
        self._tokens[connection_id] = token
        self.queued.emit(connection_id)
        self._request.emit(connection_id, token)
        return True

    def cancel(self, connection_id: str) -> bool:
        """Ask the connection's run to stop (returns at once); False when nothing was active."""
        token = self._tokens.get(connection_id)
        if token is None:
            return False
        token.cancel()
        return True

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Cancel everything, stop timers, quit the thread and wait at most `timeout_ms`; True when it ended."""
        self._shut_down = True
        for timer in self._timers.values():
            timer.stop()
        for token in self._tokens.values():
            token.cancel()
        self._thread.quit()
        ended = self._thread.wait(timeout_ms)
        if not ended:
            log.warning("sync thread did not stop within %d ms", timeout_ms)
        return bool(ended)

    # --- schedules ------------------------------------------------------------------------------

    def set_schedule(self, connection_id: str, interval: str, *, resume: bool = True) -> None:
        """(Re)start the periodic timer of one connection; "manual" or an unknown value removes it.

        `resume` (the default: the wizard saved the connection) lifts a pause after an authentication
        failure; with False a paused connection keeps its new interval but its timer stays stopped.
        """
        if resume:
            self._paused.discard(connection_id)
        period = INTERVALS_MS.get(interval)
        timer = self._timers.pop(connection_id, None)
        if timer is not None:
            timer.stop()
            timer.deleteLater()
        if period is not None and not self._shut_down:
            timer = QTimer(self)
            timer.setObjectName(f"sync-timer-{connection_id}")
            timer.setInterval(period)
            timer.timeout.connect(lambda cid=connection_id: self._on_timer(cid))
            if connection_id not in self._paused:
                timer.start()
            self._timers[connection_id] = timer
        self.scheduleChanged.emit(connection_id)

    def apply_schedules(self, schedules: Iterable[tuple[str, str]]) -> None:
        """Set every connection's schedule and drop timers of connections that are gone (pauses stay)."""
        wanted = dict(schedules)
        for connection_id in list(self._timers):
            if connection_id not in wanted:
                self.set_schedule(connection_id, "manual")
                self._paused.discard(connection_id)
        for connection_id, interval in wanted.items():
            self.set_schedule(connection_id, interval, resume=False)

    def pause_schedule(self, connection_id: str) -> None:
        """Stop the connection's timer until `set_schedule(connection_id, ...)` resumes it."""
        self._paused.add(connection_id)
        timer = self._timers.get(connection_id)
        if timer is not None:
            timer.stop()
        log.info("schedule of %s paused after an authentication failure", connection_id)
        self.scheduleChanged.emit(connection_id)

    def _resume_after_success(self, connection_id: str) -> None:
        if connection_id in self._paused:
            self._paused.discard(connection_id)
            timer = self._timers.get(connection_id)
            if timer is not None and not self._shut_down:
                timer.start()
            self.scheduleChanged.emit(connection_id)

    def schedule_timer(self, connection_id: str) -> QTimer | None:
        """The connection's timer, if it has a schedule."""
        return self._timers.get(connection_id)

    def next_run(self, connection_id: str) -> dt.datetime | None:
        """When the timer fires next (None for manual)."""
        timer = self._timers.get(connection_id)
        if timer is None or not timer.isActive():
            return None
        return self._now() + dt.timedelta(milliseconds=max(0, timer.remainingTime()))

    def _on_timer(self, connection_id: str) -> None:
        if connection_id in self._paused:  # a timeout already queued when the pause came
            return
        if not self.start(connection_id):
            log.info("scheduled sync of %s skipped: already running", connection_id)
        self.scheduleChanged.emit(connection_id)

    # --- worker signals (delivered on the GUI thread) -------------------------------------------

    @Slot(str)
    def _on_started(self, connection_id: str) -> None:
        self._running = connection_id
        self.started.emit(connection_id)

    @Slot(object)
    def _on_progress(self, event: SyncProgress) -> None:
        self._last_progress[event.connection_id] = event
        self.progress.emit(event)

    @Slot(str, object)
    def _on_finished(self, connection_id: str, report: SyncReport) -> None:
        self._done(connection_id)
        if any(e.error.code in AUTH_ERROR_CODES for e in report.all_errors):
            self.pause_schedule(connection_id)
        elif not report.cancelled and not report.errors:
            self._resume_after_success(connection_id)
        self.finished.emit(connection_id, report)

    @Slot(str, object)
    def _on_failed(self, connection_id: str, error: ErrorInfo) -> None:
        self._done(connection_id)
        if error.code in AUTH_ERROR_CODES:
            self.pause_schedule(connection_id)
        self.failed.emit(connection_id, error)

    def _done(self, connection_id: str) -> None:
        self._tokens.pop(connection_id, None)
        self._last_progress.pop(connection_id, None)
        if self._running == connection_id:
            self._running = None


def schedules_from_settings(settings: Settings) -> list[tuple[str, str]]:
    """(connection id, interval) for every connection in the settings."""
    return [(conn.id, conn.sync.interval) for conn in settings.connections]
