"""DataBrowser: browse synced employees, projects, departments and cost categories with a search field."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
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
from tripletex_desktop.ui.widgets.rows_model import SLICE_ROWS, Cells, RowsModel, SourceSortProxy, sort_rows

#: The lists the browser offers, in order (storage kinds).
BROWSABLE_KINDS: tuple[str, ...] = ("employees", "projects", "departments", "cost_categories")
#: A hidden column with "label number id" in lower case: the filter reads one cell per row, not four.
SEARCH_COLUMN = 4
#: Typing pauses this long before the filter runs (each run reads every row once).
SEARCH_DELAY_MS = 150
#: Columns are sized from the header and this many rows spread over the list, never from every row
#: (measuring 20,000 rows on the GUI thread froze the window for a quarter of a second).
WIDTH_SAMPLE_ROWS = 200
#: A column sized from its contents is never wider than this (the user can still widen it).
MAX_COLUMN_WIDTH = 420


@dataclass(frozen=True)
class RowRequest:
    """What a background read needs to prepare rows exactly as the browser shows them."""

    kind: str
    active_text: str
    inactive_text: str
    sort: tuple[int, Qt.SortOrder] | None


@dataclass(frozen=True)
class PreparedRows:
    """Display tuples and their payloads, already in the view's sort order."""

    kind: str
    rows: list[Cells]
    payloads: list[ReferenceRow]
    sorted_by: tuple[int, Qt.SortOrder] | None


def prepare_rows(request: RowRequest, rows: Sequence[ReferenceRow]) -> PreparedRows:
    """Build and sort the display rows (pure: runs on the worker that read them, not the GUI thread)."""
    display: list[Cells] = [
        (
            r.label,
            r.number or "",
            request.active_text if r.is_active else request.inactive_text,
            r.tripletex_id,
            f"{r.label} {r.number or ''} {r.tripletex_id}",
        )
        for r in rows
    ]
    payloads = list(rows)
    if request.sort is not None:
        display, payloads = sort_rows(display, payloads, *request.sort)
    return PreparedRows(request.kind, display, payloads, request.sort)


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
        self.model: RowsModel[ReferenceRow] = RowsModel([], self)
        self.model.rowsComplete.connect(self._update_status)
        self.proxy = SourceSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(SEARCH_COLUMN)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.table = QTableView(self)
        self.table.setObjectName("dataTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self._sized_kind: str | None = None
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
        self.model.set_headers(
            [self.tr("Name"), self.tr("Number"), self.tr("Status"), self.tr("Tripletex ID"), "search"]
        )
        self.table.setColumnHidden(SEARCH_COLUMN, True)

    @property
    def kind(self) -> str:
        """The storage kind shown."""
        return str(self.kind_combo.currentData())

    def set_loading(self) -> None:
        """Show that a read is under way (rows stay until the new ones arrive)."""
        self.status.setText(self.tr("Loading\u2026"))

    def row_request(self) -> RowRequest:
        """Snapshot (on the GUI thread) of what `prepare_rows` needs."""
        return RowRequest(self.kind, self.tr("Active"), self.tr("Inactive"), self.model.sort_state)

    def set_rows(self, kind: str, rows: Sequence[ReferenceRow]) -> None:
        """Fill the table from raw rows (small lists; large ones come through `set_prepared`)."""
        self.set_prepared(prepare_rows(self.row_request(), rows))

    def set_prepared(self, prepared: PreparedRows) -> None:
        """Fill the table; ignored when the user has switched to another kind meanwhile."""
        if prepared.kind != self.kind:
            return
        large = len(prepared.rows) > SLICE_ROWS
        self.model.set_rows(prepared.rows, prepared.payloads, sorted_by=prepared.sorted_by, in_slices=large)
        if prepared.rows and self._sized_kind != prepared.kind:
            self._sized_kind = prepared.kind  # once per kind, so a column the user widened stays put
            self._size_columns(prepared.rows)
        self._update_status()

    def _size_columns(self, rows: Sequence[Cells]) -> None:
        """Width of each shown column from its header and a sample of rows spread over the list."""
        step = max(1, len(rows) // WIDTH_SAMPLE_ROWS)
        sample = [*rows[::step][: WIDTH_SAMPLE_ROWS - 1], rows[-1]]  # both ends and evenly between
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        padding = 2 * self.table.style().pixelMetric(self.table.style().PixelMetric.PM_FocusFrameHMargin) + 12
        for column in range(self.model.columnCount()):
            if column == SEARCH_COLUMN:
                continue
            widest = max(
                (metrics.horizontalAdvance("" if r[column] is None else str(r[column])) for r in sample),
                default=0,
            )
            width = max(header.sectionSizeHint(column), min(MAX_COLUMN_WIDTH, widest + padding))
            header.resizeSection(column, width)

    def set_error(self, text: str) -> None:
        """Say that the read failed."""
        self.status.setText(text)

    def clear(self) -> None:
        """No company selected."""
        self.model.set_rows([])
        self.status.setText("")

    def _on_kind(self, _index: int) -> None:
        self.loadRequested.emit(self.kind)

    def _on_search(self, _text: str) -> None:
        self._search_timer.start()

    def apply_search(self) -> None:
        """Filter by the search field now (normally run when typing pauses)."""
        self._search_timer.stop()
        self.proxy.setFilterFixedString(self.search.text().strip())
        self._update_status()

    def _update_status(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if not self.model.complete:
            self.status.setText(self.tr("Loading\u2026"))
        elif shown == total:
            self.status.setText(self.tr("%n row(s)", "", total))
        else:
            self.status.setText(self.tr("%1 of %2 rows").replace("%1", str(shown)).replace("%2", str(total)))
