"""DataBrowser: browse synced employees, projects, departments and cost categories with a search field."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tripletex_desktop.core.sync import ReferenceRow
from tripletex_desktop.ui.widgets.rows_model import RowsModel
from tripletex_desktop.workers.qt_compat import emit

#: The lists the browser offers, in order (storage kinds).
BROWSABLE_KINDS: tuple[str, ...] = ("employees", "projects", "departments", "cost_categories")


class DataBrowser(QWidget):
    """Rows arrive from a background read (`set_rows`); `loadRequested(kind)` asks the window for them."""

    loadRequested = Signal(str)  # noqa: N815 - Qt naming

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dataBrowser")
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("dataKindCombo")
        self.search = QLineEdit(self)
        self.search.setObjectName("dataSearchField")
        self.search.setClearButtonEnabled(True)
        self.model = RowsModel([], self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.table = QTableView(self)
        self.table.setObjectName("dataTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.status = QLabel(self)
        self.status.setObjectName("dataStatus")
        self._kind_label = QLabel(self)
        self._kind_label.setBuddy(self.kind_combo)
        self._search_label = QLabel(self)
        self._search_label.setBuddy(self.search)

        top = QHBoxLayout()
        top.addWidget(self._kind_label)
        top.addWidget(self.kind_combo)
        top.addSpacing(12)
        top.addWidget(self._search_label)
        top.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)

        for kind in BROWSABLE_KINDS:
            self.kind_combo.addItem("", kind)
        self.retranslate()
        self.kind_combo.currentIndexChanged.connect(self._on_kind)
        self.search.textChanged.connect(self._on_search)
        self.setTabOrder(self.kind_combo, self.search)
        self.setTabOrder(self.search, self.table)

    def retranslate(self) -> None:
        """Set every fixed text (also after a language switch)."""
        names = {
            "employees": self.tr("Employees"),
            "projects": self.tr("Projects"),
            "departments": self.tr("Departments"),
            "cost_categories": self.tr("Cost categories"),
        }
        for i in range(self.kind_combo.count()):
            self.kind_combo.setItemText(i, names[self.kind_combo.itemData(i)])
        self._kind_label.setText(self.tr("&Show:"))
        self._search_label.setText(self.tr("Sea&rch:"))
        self.search.setPlaceholderText(self.tr("Name, number or ID"))
        self.kind_combo.setAccessibleName(self.tr("Which synced data to show"))
        self.search.setAccessibleName(self.tr("Search synced data"))
        self.table.setAccessibleName(self.tr("Synced data"))
        self.model.set_headers([self.tr("Name"), self.tr("Number"), self.tr("Status"), self.tr("Tripletex ID")])

    @property
    def kind(self) -> str:
        """The storage kind shown."""
        return str(self.kind_combo.currentData())

    def set_loading(self) -> None:
        """Show that a read is under way (rows stay until the new ones arrive)."""
        self.status.setText(self.tr("Loading\u2026"))

    def set_rows(self, kind: str, rows: Sequence[ReferenceRow]) -> None:
        """Fill the table; ignored when the user has switched to another kind meanwhile."""
        if kind != self.kind:
            return
        active, inactive = self.tr("Active"), self.tr("Inactive")
        self.model.set_rows(
            [(r.label, r.number or "", active if r.is_active else inactive, r.tripletex_id) for r in rows],
            list(rows),
        )
        self._update_status()

    def set_error(self, text: str) -> None:
        """Say that the read failed."""
        self.status.setText(text)

    def clear(self) -> None:
        """No company selected."""
        self.model.set_rows([])
        self.status.setText("")

    def _on_kind(self, _index: int) -> None:
        emit(self.loadRequested, self.kind)

    def _on_search(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._update_status()

    def _update_status(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if shown == total:
            self.status.setText(self.tr("%n row(s)", "", total))
        else:
            self.status.setText(self.tr("%1 of %2 rows").replace("%1", str(shown)).replace("%2", str(total)))
