"""CompanyPanel: one company's sync at a glance: health, last and next sync, Sync now / Cancel, progress."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tripletex_desktop.core.errors import ErrorInfo
from tripletex_desktop.core.models import SyncProgress
from tripletex_desktop.core.sync import CompanyReport, SyncReport
from tripletex_desktop.core.sync.health import Health, HealthState, Reason
from tripletex_desktop.ui.messages import phase_text
from tripletex_desktop.ui.widgets.error_panel import ErrorPanel
from tripletex_desktop.ui.widgets.history_panel import counts_text, entity_name, local_time, status_name


def health_text(health: Health) -> str:
    """One line for the tree and the panel: the state, or the most important reason."""
    reasons = {
        Reason.TOKEN_INVALID: QCoreApplication.translate("SyncTexts", "Token invalid \u2013 replace it"),
        Reason.TOKEN_EXPIRED: QCoreApplication.translate("SyncTexts", "Token expired \u2013 replace it"),
        Reason.TOKEN_EXPIRING: QCoreApplication.translate("SyncTexts", "Token expires %1").replace(
            "%1", health.token_expires_on.isoformat() if health.token_expires_on else ""
        ),
        Reason.PERMISSION_MISSING: QCoreApplication.translate("SyncTexts", "Permission missing in Tripletex"),
        Reason.CLIENT_UNREACHABLE: QCoreApplication.translate(
            "SyncTexts", "The office no longer reaches this client in Tripletex"
        ),
        Reason.MAPPING_MISSING: QCoreApplication.translate("SyncTexts", "Cost categories not mapped"),
        Reason.MAPPING_UNUSABLE: QCoreApplication.translate(
            "SyncTexts", "A chosen cost category or payment type is inactive or gone in Tripletex"
        ),
        Reason.REPORTS_WAITING: QCoreApplication.translate(
            "SyncTexts", "Tripletex refused travel reports \u2013 correct them and send again"
        ),
        Reason.LAST_RUN_FAILED: QCoreApplication.translate("SyncTexts", "Last sync failed"),
    }
    if health.state is HealthState.ATTENTION and health.reasons:
        return QCoreApplication.translate("SyncTexts", "Needs attention: %1").replace(
            "%1", reasons[health.reasons[0]]
        )
    states = {
        HealthState.OK: QCoreApplication.translate("SyncTexts", "OK"),
        HealthState.SYNCING: QCoreApplication.translate("SyncTexts", "Syncing\u2026"),
        HealthState.NEVER: QCoreApplication.translate("SyncTexts", "Not synced yet"),
        HealthState.ERROR: reasons[Reason.LAST_RUN_FAILED],
        HealthState.ATTENTION: QCoreApplication.translate("SyncTexts", "Needs attention"),
    }
    return states[health.state]


class CompanyPanel(QWidget):
    """Shows what the main window tells it; emits `syncRequested`/`cancelRequested` for the controller."""

    syncRequested = Signal()  # noqa: N815 - Qt naming
    cancelRequested = Signal()  # noqa: N815 - Qt naming

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("companyPanel")
        self.heading = QLabel(self)
        self.heading.setObjectName("companyHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.health = QLabel(self)
        self.health.setObjectName("companyHealth")
        self.last_sync = QLabel(self)
        self.last_sync.setObjectName("lastSyncLabel")
        self.counts = QLabel(self)
        self.counts.setObjectName("countsLabel")
        self.counts.setWordWrap(True)
        self.next_sync = QLabel(self)
        self.next_sync.setObjectName("nextSyncLabel")
        self.sync_button = QPushButton(self)
        self.sync_button.setObjectName("syncNowButton")
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("cancelSyncButton")
        self.progress = QProgressBar(self)
        self.progress.setObjectName("syncProgress")
        self.phase = QLabel(self)
        self.phase.setObjectName("syncPhase")
        self.errors = ErrorPanel(self)

        self._form = QFormLayout()
        self._health_label = QLabel(self)
        self._last_label = QLabel(self)
        self._counts_label = QLabel(self)
        self._next_label = QLabel(self)
        self._form.addRow(self._health_label, self.health)
        self._form.addRow(self._last_label, self.last_sync)
        self._form.addRow(self._counts_label, self.counts)
        self._form.addRow(self._next_label, self.next_sync)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sync_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self._form)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.phase)
        layout.addWidget(self.errors)
        layout.addStretch(1)

        self.sync_button.clicked.connect(lambda: self.syncRequested.emit())
        self.cancel_button.clicked.connect(lambda: self.cancelRequested.emit())
        self.set_running(False)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every fixed text (also after a language switch)."""
        self._health_label.setText(self.tr("Status:"))
        self._last_label.setText(self.tr("Last sync:"))
        self._counts_label.setText(self.tr("Synced:"))
        self._next_label.setText(self.tr("Next sync:"))
        self.sync_button.setText(self.tr("Sy&nc now"))
        self.sync_button.setAccessibleName(self.tr("Sync now"))
        self.cancel_button.setText(self.tr("&Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel the running sync"))
        self.progress.setAccessibleName(self.tr("Sync progress"))

    def set_company(self, name: str) -> None:
        """The heading."""
        self.heading.setText(name)

    def set_health(self, health: Health) -> None:
        """The status line."""
        self.health.setText(health_text(health))

    def set_running(self, running: bool) -> None:
        """Enable Sync now or Cancel, show or hide the progress bar."""
        self.sync_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.progress.setVisible(running)
        self.phase.setVisible(running)
        if running:
            self.progress.setRange(0, 0)  # busy until the first event
            self.phase.setText(self.tr("Waiting to start\u2026"))

    def set_progress(self, event: SyncProgress) -> None:
        """Show one progress event."""
        self.progress.setRange(0, max(1, event.total))
        self.progress.setValue(min(event.done, event.total))
        self.phase.setText(phase_text(event.phase))

    def set_last_run(self, report: SyncReport | None, company: CompanyReport | None) -> None:
        """Time, result and counts of the last finished run."""
        if report is None:
            self.last_sync.setText(self.tr("Never"))
            self._set_counts("")
            return
        status = company.status if company is not None else report.status
        if report.errors:
            status = report.status
        self.last_sync.setText(f"{local_time(report.finished_at)} \u2013 {status_name(status)}")
        if company is None or not company.counts:
            self._set_counts("")
            return
        lines = [f"{entity_name(kind)}: {counts_text(c)}" for kind, c in company.counts.items()]
        self._set_counts("\n".join(lines))

    def _set_counts(self, text: str) -> None:
        self.counts.setText(text)
        self._form.setRowVisible(self.counts, bool(text))  # no empty "Synced:" row after a failed run

    def set_next_run(self, when: dt.datetime | None) -> None:
        """The next scheduled run, or "manual"."""
        if when is None:
            self.next_sync.setText(self.tr("Only when you click Sync now"))
        else:
            self.next_sync.setText(local_time(when))

    def show_errors(
        self, error: ErrorInfo | None, *, missing: Sequence[str] = (), retry_at: dt.datetime | None = None
    ) -> None:
        """The first error of the last run (or none)."""
        if error is None:
            self.errors.clear()
        else:
            self.errors.show_error(error, missing=missing, retry_at=retry_at)
