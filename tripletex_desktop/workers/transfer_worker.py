"""TransferRunner: sends travel reports off the GUI thread and reports progress (QtCore only)."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal

from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.errors import Cancelled, ErrorInfo, TripletexDesktopError
from tripletex_desktop.services.reports import ReportsBackend
from tripletex_desktop.workers.tasks import TaskHandle, TaskRunner, run_task

log = logging.getLogger(__name__)


class TransferRunner(QObject):
    """Runs sends off the GUI thread via run_task; one report is never sent twice at once.

    Signals (delivered on the GUI thread): progress(report id, done, total), finished(report id,
    TransferResult), failed(report id, ErrorInfo), and idle() when no send is running any more.
    """

    progress = Signal(str, int, int)
    finished = Signal(str, object)
    failed = Signal(str, object)
    idle = Signal()

    def __init__(
        self, backend: ReportsBackend, parent: QObject | None = None, *, runner: TaskRunner | None = None
    ) -> None:
        super().__init__(parent)
        self._backend = backend
        self._runner = runner
        self._active: set[uuid.UUID] = set()
        self._handles: list[TaskHandle] = []

    def is_sending(self, report_id: uuid.UUID) -> bool:
        """True while the report is being sent by this runner."""
        return report_id in self._active

    @property
    def busy(self) -> bool:
        """True while any send runs."""
        return bool(self._active)

    def send(self, report_ids: Sequence[uuid.UUID]) -> None:
        """Send the reports one after another in the background (reports already being sent are skipped)."""
        ids = [i for i in dict.fromkeys(report_ids) if i not in self._active]
        if not ids:
            return
        self._active.update(ids)
        backend = self._backend

        def work(cancel: CancelToken) -> None:
            for report_id in ids:
                key = str(report_id)
                if cancel.cancelled:
                    self.failed.emit(key, ErrorInfo.from_exception(Cancelled()))
                    continue

                def progress(done: int, total: int, key: str = key) -> None:
                    self.progress.emit(key, done, total)

                try:
                    result = backend.send(report_id, cancel, progress)
                except TripletexDesktopError as exc:
                    self.failed.emit(key, ErrorInfo.from_exception(exc))
                except Exception as exc:  # a bug: keep going with the next report, log without secrets
                    log.exception("sending a travel report failed unexpectedly")
                    self.failed.emit(key, ErrorInfo.from_exception(exc))
                else:
                    self.finished.emit(key, result)

        def done(_: object = None) -> None:
            self._active.difference_update(ids)
            self._handles = [h for h in self._handles if not h.done]
            if not self._active:
                self.idle.emit()

        handle = run_task(work, done, done, parent=self, runner=self._runner)
        if not handle.done:
            self._handles.append(handle)

    def cancel(self) -> None:
        """Stop after the current step (nothing in flight is abandoned: the journal records it)."""
        for handle in list(self._handles):
            handle.cancel_token.cancel()
