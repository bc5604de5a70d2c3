"""HistoryPanel: the connection's archive, every sync and every travel report approval, send and check, with
the full text of each error; newest first in a stable order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QItemSelection, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tripletex_desktop.core.errors import ErrorInfo
from tripletex_desktop.core.sync import EntityCounts, HistoryEntry, RunStatus, SyncReport
from tripletex_desktop.ui.formatting import datetime_text
from tripletex_desktop.ui.i18n import QT_TRANSLATE_NOOP
from tripletex_desktop.ui.messages import message_for
from tripletex_desktop.ui.reports.common import state_text, tripletex_state_text
from tripletex_desktop.ui.widgets.empty_state import EmptyState
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


class SyncTexts(QObject):
    """Texts with a number in them (nb: 1 ny, 2 nye): lupdate reads plural forms only from tr() in a class."""

    def counts(self, counts: EntityCounts) -> str:
        """12 new, 3 changed, 1 inactive, 40 unchanged; zeros left out."""
        parts = []
        if counts.added:
            parts.append(self.tr("%n new", "", counts.added))
        if counts.updated:
            parts.append(self.tr("%n changed", "", counts.updated))
        if counts.deactivated:
            parts.append(self.tr("%n inactive", "", counts.deactivated))
        if counts.unchanged or not parts:
            parts.append(self.tr("%n unchanged", "", counts.unchanged))
        return ", ".join(parts)

    def companies(self, count: int) -> str:
        """3 companies."""
        return self.tr("%n company(ies)", "", count)

    def changes(self, count: int) -> str:
        """222 changes."""
        return self.tr("%n change(s)", "", count)


_TEXTS = SyncTexts()


def counts_text(counts: EntityCounts) -> str:
    """Counts as text: 12 new, 3 changed, 1 inactive, 40 unchanged (zeros left out; in nb 1 ny, 2 nye)."""
    return _TEXTS.counts(counts)


def local_time(moment: object) -> str:
    """A timestamp in the user's local time, dd.mm.yyyy hh:mm (the one format of the app)."""
    return datetime_text(moment) if isinstance(moment, dt.datetime) else ""


def error_lines(error: ErrorInfo, indent: str = "") -> list[str]:
    """The full text of an error for the archive: title, what happened, the fix, the request ID, the detail."""
    msg = message_for(error)
    lines = [f"{indent}\u2716 {msg.title}"]
    lines.extend(f"{indent}  {part}" for part in msg.full_text().split("\n\n") if part)
    if error.detail:
        lines.append(
            f"{indent}  "
            + QCoreApplication.translate("SyncTexts", "Technical detail: %1").replace("%1", error.detail)
        )
    return lines


def report_details(report: SyncReport) -> str:
    """The plain-text details of one run."""
    lines = [
        QCoreApplication.translate("SyncTexts", "Started: %1").replace("%1", local_time(report.started_at)),
        QCoreApplication.translate("SyncTexts", "Finished: %1").replace("%1", local_time(report.finished_at)),
        QCoreApplication.translate("SyncTexts", "Result: %1").replace("%1", status_name(report.status)),
    ]
    for err in report.errors:
        lines.extend(error_lines(err.error, "  "))
    for company in report.companies:
        lines.append("")
        lines.append(company.name or str(company.company_id))
        for kind, counts in company.counts.items():
            lines.append(f"  {entity_name(kind)}: {counts_text(counts)}")
        for err in company.errors:
            if err.entity:
                lines.append(f"  {entity_name(err.entity)}:")
            lines.extend(error_lines(err.error, "    " if err.entity else "  "))
        lines.extend(f"  \u26a0 {message_for_warning(w)}" for w in company.warnings)
    return "\n".join(lines)


def message_for_warning(code: str) -> str:
    """Translated title of a warning code (from the message catalogue)."""
    return message_for(ErrorInfo(code=code)).title


#: What happened to a travel report (storage.reports EVENT_KINDS), in the owner's words.
EVENT_TEXT: dict[str, str] = {
    "approved": QT_TRANSLATE_NOOP("HistoryPanel", "Marked ready to send"),
    "reopened": QT_TRANSLATE_NOOP("HistoryPanel", "Reopened for editing"),
    "sent": QT_TRANSLATE_NOOP("HistoryPanel", "Sent to Tripletex"),
    "failed": QT_TRANSLATE_NOOP("HistoryPanel", "Sending failed"),
    "unknown": QT_TRANSLATE_NOOP("HistoryPanel", "Unclear whether it arrived"),
    "checked": QT_TRANSLATE_NOOP("HistoryPanel", "Status checked in Tripletex"),
    "missing": QT_TRANSLATE_NOOP("HistoryPanel", "Not found in Tripletex"),
}


@dataclass(frozen=True)
class ArchiveItem:
    """One row of the archive: a sync run or a report event."""

    at: dt.datetime
    # "sync" or "report"
    source: str
    # tie-breaker within the same second: the later record first
    seq: int
    what: str
    company: str
    subject: str
    number: str
    state: str
    error: str
    details: str


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def sync_item(entry: HistoryEntry) -> ArchiveItem:
    """A sync run as an archive row."""
    r = entry.report
    names = [c.name or str(c.company_id) for c in r.companies]
    company = names[0] if len(names) == 1 else _TEXTS.companies(len(names))
    subject = _TEXTS.changes(sum(c.changed for c in r.totals().values()))
    errors = r.all_errors
    return ArchiveItem(
        at=_utc(r.finished_at),
        source="sync",
        seq=entry.run_id,
        what=QCoreApplication.translate("HistoryPanel", "Sync"),
        company=company,
        subject=subject,
        number="",
        state=status_name(r.status),
        error=message_for(errors[0].error).title if errors else "",
        details=report_details(r),
    )


def event_item(event: Any, companies: Mapping[int, str]) -> ArchiveItem:
    """A storage.reports.ReportEvent as an archive row."""
    what = QCoreApplication.translate("HistoryPanel", EVENT_TEXT.get(event.kind, event.kind))
    state = state_text(event.state)
    if event.tripletex_state:
        state = f"{state} ({tripletex_state_text(event.tripletex_state)})"
    number = "" if event.tripletex_number is None else str(event.tripletex_number)
    subject = " \u2013 ".join(p for p in (event.title, event.employee_name) if p)
    company = companies.get(event.company_id, str(event.company_id))
    lines = [
        QCoreApplication.translate("HistoryPanel", "%1: %2")
        .replace("%1", local_time(event.at))
        .replace("%2", what),
        QCoreApplication.translate("HistoryPanel", "Travel report: %1").replace("%1", subject),
        QCoreApplication.translate("HistoryPanel", "Company: %1").replace("%1", company),
        QCoreApplication.translate("HistoryPanel", "State: %1").replace("%1", state),
    ]
    if number:
        lines.append(QCoreApplication.translate("HistoryPanel", "Tripletex number: %1").replace("%1", number))
    error = ""
    if event.error is not None and event.kind in ("failed", "unknown"):
        info = ErrorInfo(event.error.code, event.error.detail, event.error.request_id)
        error = message_for(info).title
        lines.append("")
        lines.extend(error_lines(info))
    return ArchiveItem(
        at=_utc(event.at),
        source="report",
        seq=event.id,
        what=what,
        company=company,
        subject=subject,
        number=number,
        state=state,
        error=error,
        details="\n".join(lines),
    )


def archive(
    entries: Sequence[HistoryEntry], events: Sequence[Any], companies: Mapping[int, str]
) -> list[ArchiveItem]:
    """Sync runs and report events merged, newest first; equal times keep a fixed order (reports, then runs,
    each later record first), so the list never reshuffles between refreshes."""
    items = [sync_item(e) for e in entries] + [event_item(e, companies) for e in events]
    return sorted(items, key=lambda i: (i.at, i.source == "report", i.seq), reverse=True)


class HistoryPanel(QWidget):
    """The archive table, a filter (everything, syncs, travel reports) and the selected row's full text."""

    syncRequested = Signal()  # noqa: N815 - Qt naming

    FILTERS = ("all", "sync", "report")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyPanel")
        self.model: RowsModel[ArchiveItem] = RowsModel([], self)
        self.table = QTableView(self)
        self.table.setObjectName("historyTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("historyDetails")
        self.details.setReadOnly(True)
        self.details.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.filter = QComboBox(self)
        self.filter.setObjectName("historyFilter")
        for key in self.FILTERS:
            self.filter.addItem("", key)
        self.filter.currentIndexChanged.connect(lambda _i: self._show())
        self._filter_label = QLabel(self)
        self._filter_label.setBuddy(self.filter)
        self.empty = EmptyState("historyEmpty", self)
        self.empty.add_button("historySyncNow", self.syncRequested.emit)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("historySplitter")
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setSizes([300, 200])
        self.stack = QStackedWidget(self)
        self._archive_page = splitter
        self.stack.addWidget(splitter)
        self.stack.addWidget(self.empty)
        top = QHBoxLayout()
        top.addWidget(self._filter_label)
        top.addWidget(self.filter)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self._entries: list[HistoryEntry] = []
        self._events: list[Any] = []
        self._companies: dict[int, str] = {}
        self.items: list[ArchiveItem] = []
        self.retranslate()

    def retranslate(self) -> None:
        """Set every fixed text (also after a language switch)."""
        self.model.set_headers(
            [
                self.tr("Time"),
                self.tr("What"),
                self.tr("Company"),
                self.tr("Concerns"),
                self.tr("Tripletex no."),
                self.tr("State"),
                self.tr("Error"),
            ]
        )
        self.table.setAccessibleName(self.tr("History: every sync, approval and send"))
        self.details.setAccessibleName(self.tr("Details of the selected entry"))
        self._filter_label.setText(self.tr("&Show:"))
        self.filter.setAccessibleName(self.tr("Show in the history"))
        for i, text in enumerate((self.tr("Everything"), self.tr("Syncs"), self.tr("Travel reports"))):
            self.filter.setItemText(i, text)
        self.empty.set_texts(
            self.tr("Nothing has happened yet"),
            self.tr("Every sync, and every travel report marked ready, sent or checked, is listed here."),
            {"historySyncNow": (self.tr("Sync &now"), self.tr("Sync now"))},
        )
        self._show()

    def set_entries(self, entries: Sequence[HistoryEntry]) -> None:
        """The connection's sync runs (any order)."""
        self._entries = list(entries)
        self._show()

    def set_events(self, events: Sequence[Any], companies: Mapping[int, str]) -> None:
        """The connection's travel report events (storage.reports.ReportEvent) and its company names."""
        self._events = list(events)
        self._companies = dict(companies)
        self._show()

    def _show(self) -> None:
        selected = self._selected_key()
        wanted = self.filter.currentData() or "all"
        items = archive(self._entries, self._events, self._companies)
        self.items = [i for i in items if wanted in ("all", i.source)]
        rows = [
            (local_time(i.at), i.what, i.company, i.subject, i.number, i.state, i.error) for i in self.items
        ]
        self.model.set_rows(rows, self.items)
        everything_empty = not self._entries and not self._events
        self.stack.setCurrentWidget(self.empty if everything_empty else self._archive_page)
        self._filter_label.setVisible(not everything_empty)
        self.filter.setVisible(not everything_empty)
        if not self.items:
            self.details.clear()
            return
        row = next(
            (n for n, i in enumerate(self.items) if (i.source, i.seq) == selected),
            0,
        )
        self.table.selectRow(row)

    def _selected_key(self) -> tuple[str, int] | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.items):
            return None
        item = self.items[rows[0].row()]
        return item.source, item.seq

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        item = self.model.payload(indexes[0].row())
        self.details.setPlainText(item.details)
