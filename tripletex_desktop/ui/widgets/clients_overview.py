"""ClientsOverview: an accounting office's clients at a glance: status, last and next sync, reports waiting, errors."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tripletex_desktop.ui.widgets.rows_model import RowsModel, SourceSortProxy

#: Typing pauses this long before the client filter runs.
FILTER_DELAY_MS = 120


@dataclass(frozen=True)
class ClientRow:
    """One client company as the overview shows it (texts already translated)."""

    company_id: int
    name: str
    status: str
    last_sync: str
    next_sync: str
    #: reports ready to send, being sent, failed or unclear (None while the count is being read)
    waiting: int | None
    error: str
    needs_attention: bool = False


class ClientsOverview(QWidget):
    """Shows what the main window tells it; `companyActivated(id)` opens a client, `syncRequested` syncs all."""

    companyActivated = Signal(int)  # noqa: N815 - Qt naming
    syncRequested = Signal()  # noqa: N815 - Qt naming

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clientsOverview")
        self.heading = QLabel(self)
        self.heading.setObjectName("clientsHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.summary = QLabel(self)
        self.summary.setObjectName("clientsSummary")
        self.search = QLineEdit(self)
        self.search.setObjectName("clientsSearch")
        self.search.setClearButtonEnabled(True)
        self._search_label = QLabel(self)
        self._search_label.setBuddy(self.search)
        self.sync_button = QPushButton(self)
        self.sync_button.setObjectName("clientsSyncAll")
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("clientsOpen")
        self.model: RowsModel[ClientRow] = RowsModel([], self)
        self.proxy = SourceSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(0)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table = QTableView(self)
        self.table.setObjectName("clientsTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        top = QHBoxLayout()
        top.addWidget(self._search_label)
        top.addWidget(self.search, 1)
        top.addWidget(self.open_button)
        top.addWidget(self.sync_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DELAY_MS)
        self._timer.timeout.connect(lambda: self.proxy.setFilterFixedString(self.search.text().strip()))
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self._open_or_filter)
        self.table.activated.connect(self._activated)
        self.open_button.clicked.connect(self.open_selected)
        self.sync_button.clicked.connect(lambda: self.syncRequested.emit())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.rows: list[ClientRow] = []
        self.retranslate()
        self._update_buttons()

    def retranslate(self) -> None:
        """Every fixed text (also after a language switch)."""
        self.model.set_headers(
            [
                self.tr("Client"),
                self.tr("Status"),
                self.tr("Last sync"),
                self.tr("Next sync"),
                self.tr("Reports waiting"),
                self.tr("Errors"),
            ]
        )
        self.table.setAccessibleName(self.tr("Clients of this connection"))
        self._search_label.setText(self.tr("&Find client:"))
        self.search.setPlaceholderText(self.tr("Name or part of it"))
        self.search.setAccessibleName(self.tr("Find client"))
        self.sync_button.setText(self.tr("S&ync all clients now"))
        self.sync_button.setAccessibleName(self.tr("Sync all clients of this connection now"))
        self.open_button.setText(self.tr("&Open client"))
        self.open_button.setAccessibleName(self.tr("Open the selected client"))
        self.set_rows(self.heading.text(), self.rows)

    def set_rows(self, heading: str, rows: Sequence[ClientRow]) -> None:
        """The connection's name and one row per client (the selection is kept)."""
        selected = self.selected_company()
        self.heading.setText(heading)
        self.rows = list(rows)
        attention = sum(r.needs_attention for r in self.rows)
        waiting = sum(r.waiting or 0 for r in self.rows)
        self.summary.setText(
            " \u00b7 ".join(
                [
                    self.tr("%n client(s)", "", len(self.rows)),
                    self.tr("%n need(s) attention", "", attention),
                    self.tr("%n report(s) waiting", "", waiting),
                ]
            )
        )
        display = [
            (r.name, r.status, r.last_sync, r.next_sync, "" if r.waiting is None else r.waiting, r.error)
            for r in self.rows
        ]
        self.model.set_rows(display, self.rows)
        if selected is not None:
            self.select(selected)
        self._update_buttons()

    def select(self, company_id: int) -> None:
        """Select a client's row (when it is shown)."""
        for r in range(self.proxy.rowCount()):
            source = self.proxy.mapToSource(self.proxy.index(r, 0))
            if self.model.payload(source.row()).company_id == company_id:
                self.table.selectRow(r)
                return

    def selected_company(self) -> int | None:
        """The selected client's company id."""
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        source = self.proxy.mapToSource(rows[0])
        if source.row() >= len(self.rows):
            return None
        return self.model.payload(source.row()).company_id

    def open_selected(self) -> None:
        """Open the selected client (the main window selects it in the tree)."""
        company = self.selected_company()
        if company is not None:
            self.companyActivated.emit(company)

    def _open_or_filter(self) -> None:
        self._timer.stop()
        self.proxy.setFilterFixedString(self.search.text().strip())
        if self.proxy.rowCount() == 1:
            self.table.selectRow(0)
            self.open_selected()

    def _activated(self, index: QModelIndex) -> None:
        source = self.proxy.mapToSource(index)
        self.companyActivated.emit(self.model.payload(source.row()).company_id)

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self.selected_company() is not None)
