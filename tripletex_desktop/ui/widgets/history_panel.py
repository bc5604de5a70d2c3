"""HistoryPanel: the connection's sync runs, and the details of the selected run (counts, errors, requestIds)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QItemSelection, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tripletex_desktop.core.errors import ErrorInfo
from tripletex_desktop.core.sync import EntityCounts, HistoryEntry, RunStatus, SyncReport
from tripletex_desktop.ui.messages import message_for
from tripletex_desktop.ui.widgets.rows_model import RowsModel


def entity_name(kind: str) -> str:
    """Translated plural name of a synced list."""
    names = {
        "employees": QCoreApplication.translate("SyncTexts", "Employees"),
        "departments": QCoreApplication.translate("SyncTexts", "Departments"),
        "projects": QCoreApplication.translate("SyncTexts", "Projects"),
        "cost_categories": QCoreApplication.translate("SyncTexts", "Cost categories"),
        "payment_types": QCoreApplication.translate("SyncTexts", "Payment types"),
        "travel_settings": QCoreApplication.translate("SyncTexts", "Travel settings"),
        "rate_categories": QCoreApplication.translate("SyncTexts", "Rate categories"),
        "rates": QCoreApplication.translate("SyncTexts", "Rates"),
        "zones": QCoreApplication.translate("SyncTexts", "Travel zones"),
        "vat_settings": QCoreApplication.translate("SyncTexts", "VAT settings"),
    }
    return names.get(kind, kind)


def status_name(status: RunStatus | str) -> str:
    """Translated result of a run."""
    names = {
        RunStatus.OK: QCoreApplication.translate("SyncTexts", "OK"),
        RunStatus.WARNING: QCoreApplication.translate("SyncTexts", "OK with warnings"),
        RunStatus.ERROR: QCoreApplication.translate("SyncTexts", "Failed"),
        RunStatus.CANCELLED: QCoreApplication.translate("SyncTexts", "Cancelled"),
    }
    return names.get(RunStatus(status), str(status))


def counts_text(counts: EntityCounts) -> str:
    """Counts as text, "12 new, 3 changed, 1 inactive, 40 unchanged" (zeros left out)."""
    parts = []
    if counts.added:
        parts.append(QCoreApplication.translate("SyncTexts", "%1 new").replace("%1", str(counts.added)))
    if counts.updated:
        parts.append(QCoreApplication.translate("SyncTexts", "%1 changed").replace("%1", str(counts.updated)))
    if counts.deactivated:
        parts.append(
            QCoreApplication.translate("SyncTexts", "%1 inactive").replace("%1", str(counts.deactivated))
        )
    if counts.unchanged or not parts:
        parts.append(
            QCoreApplication.translate("SyncTexts", "%1 unchanged").replace("%1", str(counts.unchanged))
        )
    return ", ".join(parts)


def local_time(moment: object) -> str:
    """A report timestamp in the user's local time."""
    astimezone = getattr(moment, "astimezone", None)
    return astimezone().strftime("%Y-%m-%d %H:%M") if astimezone else ""


def report_details(report: SyncReport) -> str:
    """The plain-text details of one run."""
    lines = [
        QCoreApplication.translate("SyncTexts", "Started: %1").replace("%1", local_time(report.started_at)),
        QCoreApplication.translate("SyncTexts", "Finished: %1").replace("%1", local_time(report.finished_at)),
        QCoreApplication.translate("SyncTexts", "Result: %1").replace("%1", status_name(report.status)),
    ]
    for err in report.errors:
        msg = message_for(err.error)
        lines.append(f"  \u2716 {msg.title}")
        if err.error.request_id:
            lines.append(
                "    "
                + QCoreApplication.translate("SyncTexts", "Request ID: %1").replace(
                    "%1", err.error.request_id
                )
            )
    for company in report.companies:
        lines.append("")
        lines.append(company.name or str(company.company_id))
        for kind, counts in company.counts.items():
            lines.append(f"  {entity_name(kind)}: {counts_text(counts)}")
        for err in company.errors:
            msg = message_for(err.error)
            where = f"{entity_name(err.entity)}: " if err.entity else ""
            lines.append(f"  \u2716 {where}{msg.title}")
            if err.error.request_id:
                lines.append(
                    "    "
                    + QCoreApplication.translate("SyncTexts", "Request ID: %1").replace(
                        "%1", err.error.request_id
                    )
                )
        lines.extend(f"  \u26a0 {message_for_warning(w)}" for w in company.warnings)
    return "\n".join(lines)


def message_for_warning(code: str) -> str:
    """Translated title of a warning code (from the message catalogue)."""
    return message_for(ErrorInfo(code=code)).title


class HistoryPanel(QWidget):
    """Runs newest first; selecting one shows its details (selectable text, so requestIds can be copied)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyPanel")
        self.model = RowsModel([], self)
        self.table = QTableView(self)
        self.table.setObjectName("historyTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("historyDetails")
        self.details.setReadOnly(True)
        self.details.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self._entries: list[HistoryEntry] = []
        self.retranslate()

    def retranslate(self) -> None:
        """Set every fixed text (also after a language switch)."""
        self.model.set_headers([self.tr("Started"), self.tr("Result"), self.tr("Changes"), self.tr("Errors")])
        self.table.setAccessibleName(self.tr("Sync history"))
        self.details.setAccessibleName(self.tr("Details of the selected sync"))
        self.set_entries(self._entries)

    def set_entries(self, entries: Sequence[HistoryEntry]) -> None:
        """Show runs (newest first) and select the newest."""
        self._entries = list(entries)
        rows = []
        for entry in self._entries:
            r = entry.report
            changes = sum(c.changed for c in r.totals().values())
            rows.append((local_time(r.started_at), status_name(r.status), changes, len(r.all_errors)))
        self.model.set_rows(rows, self._entries)
        if self._entries:
            self.table.selectRow(0)
        else:
            self.details.clear()

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        entry: HistoryEntry = self.model.payload(indexes[0].row())
        self.details.setPlainText(report_details(entry.report))
