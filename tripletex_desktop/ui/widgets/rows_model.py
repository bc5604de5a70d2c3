"""RowsModel and SourceSortProxy: a read-only table of tuples that stays fast with tens of thousands of rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar, cast

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)

Index = QModelIndex | QPersistentModelIndex
#: One row's cells as shown (str() of each; None and "" are blanks); numbers sort as numbers.
Cells = tuple[object, ...]
#: What stands behind a row (`RowsModel.payload`).
P = TypeVar("P")


def sort_rows(
    rows: Sequence[Cells], payloads: Sequence[P], column: int, order: Qt.SortOrder
) -> tuple[list[Cells], list[P]]:
    """Rows and payloads sorted by one column: numbers, then text (case-insensitive), then blanks.

    Pure and thread-safe, so a background read can hand over rows already in the view's order.
    """
    if not rows or column >= len(rows[0]):
        return list(rows), list(payloads)

    def key(pair: tuple[Cells, P]) -> tuple[int, int | float | str]:
        value = pair[0][column]
        if value is None or value == "":
            return (2, "")
        if isinstance(value, int | float):
            return (0, value)
        return (1, str(value).casefold())

    pairs = sorted(zip(rows, payloads, strict=True), key=key, reverse=order == Qt.SortOrder.DescendingOrder)
    return [r for r, _ in pairs], [p for _, p in pairs]


#: Rows added to the model per event-loop turn when a large list arrives (`set_rows(..., in_slices=True)`):
#: one slice costs the views a few milliseconds, so the window keeps painting and taking input meanwhile.
SLICE_ROWS = 2000


class RowsModel(QAbstractTableModel, Generic[P]):
    """Display text per cell from `rows`; `payload(row)` returns the object behind a row (a `P`).

    A large list can arrive in slices (`in_slices`): the first SLICE_ROWS rows at once, the rest appended a
    slice per event-loop turn; `rowsComplete` fires when the last one is in. Sorting first takes every row.
    """

    rowsComplete = Signal()  # noqa: N815 - Qt naming

    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[Cells] = []
        self._payloads: list[P] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._pending: list[Cells] = []
        self._pending_payloads: list[P] = []
        self._slicer = QTimer(self)
        self._slicer.setInterval(0)
        self._slicer.timeout.connect(self._append_slice)

    def set_headers(self, headers: Sequence[str]) -> None:
        """Replace the column titles (after a language change)."""
        headers = list(headers)
        if len(headers) != len(self._headers):
            self.beginResetModel()
            self._headers = headers
            self.endResetModel()
        elif headers != self._headers:
            self._headers = headers
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(headers) - 1)

    def set_rows(
        self,
        rows: Sequence[Sequence[object]],
        payloads: Sequence[P] | None = None,
        *,
        sorted_by: tuple[int, Qt.SortOrder] | None = None,
        in_slices: bool = False,
    ) -> None:
        """Replace every row, kept in the current sort order (`sorted_by`: already sorted so).

        With `in_slices` the views get the first SLICE_ROWS rows now and the rest over the next event-loop
        turns (see the class docstring); otherwise all at once. Without `payloads` each row is its own
        payload (a RowsModel[Cells]).
        """
        self._slicer.stop()
        all_rows = [r if isinstance(r, tuple) else tuple(r) for r in rows]
        all_payloads = list(payloads) if payloads is not None else cast("list[P]", list(all_rows))
        if self._sort is not None and sorted_by != self._sort:
            all_rows, all_payloads = sort_rows(all_rows, all_payloads, *self._sort)
        cut = SLICE_ROWS if in_slices else len(all_rows)
        self.beginResetModel()
        self._rows, self._payloads = all_rows[:cut], all_payloads[:cut]
        self._pending, self._pending_payloads = all_rows[cut:], all_payloads[cut:]
        self.endResetModel()
        if self._pending:
            self._slicer.start()
        else:
            self.rowsComplete.emit()

    @property
    def complete(self) -> bool:
        """True when every row of the last `set_rows` is in the model."""
        return not self._pending

    @property
    def total_rows(self) -> int:
        """Rows of the last `set_rows`, including those still to come in slices."""
        return len(self._rows) + len(self._pending)

    def _append_slice(self, size: int = SLICE_ROWS) -> None:
        if not self._pending:
            self._slicer.stop()
            return
        rows, self._pending = self._pending[:size], self._pending[size:]
        payloads, self._pending_payloads = self._pending_payloads[:size], self._pending_payloads[size:]
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self._payloads.extend(payloads)
        self.endInsertRows()
        if not self._pending:
            self._slicer.stop()
            self.rowsComplete.emit()

    def _take_pending(self) -> None:
        """Append every row still to come (before a sort, which needs them all)."""
        if self._pending:
            self._slicer.stop()
            self._rows.extend(self._pending)
            self._payloads.extend(self._pending_payloads)
            self._pending, self._pending_payloads = [], []
            self.rowsComplete.emit()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in Python (one key per row), not through per-comparison data() calls from C++."""
        if column < 0:
            self._sort = None
            return
        self.beginResetModel()
        self._sort = (column, order)
        self._apply_sort(column, order)
        self.endResetModel()

    def _apply_sort(self, column: int, order: Qt.SortOrder) -> None:
        self._take_pending()
        self._rows, self._payloads = sort_rows(self._rows, self._payloads, column, order)

    @property
    def sort_state(self) -> tuple[int, Qt.SortOrder] | None:
        """(column, order) the rows are kept in, or None."""
        return self._sort

    def payload(self, row: int) -> P:
        """The object behind source row `row`."""
        return self._payloads[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        """Rows (0 under any parent: this is a flat table)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        """Columns."""
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Cell text; the raw value for sorting."""
        if not index.isValid():
            return None
        value = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.UserRole:
            return value
        return None

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """Column titles."""
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if section < len(self._headers) else None
        return None


class SourceSortProxy(QSortFilterProxyModel):
    """Filters like QSortFilterProxyModel but hands sorting to the source model.

    The stock proxy compares rows through data() calls from C++ into Python, about 600,000 of them for
    20,000 rows, which froze the window for ~1 s; the source sorts with one key per row instead.
    """

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the source (the proxy keeps its source order)."""
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)
