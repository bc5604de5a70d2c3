"""SyncWorker: a QObject living on the sync thread; runs one sync at a time and always reports its outcome."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.errors import Cancelled, ErrorInfo, TripletexDesktopError
from tripletex_desktop.core.models import SyncProgress
from tripletex_desktop.core.sync.report import SyncReport

if TYPE_CHECKING:
    from tripletex_desktop.services.sync import SyncRunFn

log = logging.getLogger(__name__)


class SyncWorker(QObject):
    """Moved to the controller's QThread; `run` executes there because it is invoked through a queued signal.

    Exactly one of `finished`/`failed` is emitted per `run`, from a `finally` block.
    """

    started = Signal(str)
    progress = Signal(object)  # SyncProgress
    finished = Signal(str, object)  # connection_id, SyncReport
    failed = Signal(str, object)  # connection_id, ErrorInfo

    def __init__(self, runner: SyncRunFn, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner

    def _emit_progress(self, event: SyncProgress) -> None:
        """Called on the sync thread (or the engine's pool threads); the signal queues to the GUI thread."""
        self.progress.emit(event)

    @Slot(str, object)
    def run(self, connection_id: str, cancel: CancelToken) -> None:
        """Run one sync; never raises."""
        report: SyncReport | None = None
        error: ErrorInfo | None = None
        try:
            cancel.raise_if_cancelled()  # cancelled while queued (or shutting down): do not start
            self.started.emit(connection_id)
            report = self._runner(connection_id, cancel, self._emit_progress)
        except Cancelled as exc:
            error = ErrorInfo.from_exception(exc)
        except Exception as exc:
            if not isinstance(exc, TripletexDesktopError):
                log.exception("sync of %s failed unexpectedly", connection_id)
            error = ErrorInfo.from_exception(exc)
        finally:
            if report is not None:
                self.finished.emit(connection_id, report)
            else:
                self.failed.emit(connection_id, error or ErrorInfo(code="internal"))
