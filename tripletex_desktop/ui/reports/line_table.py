"""LinesTable: one report line per row (text, checkable and combo box cells), and the cell text helpers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from tripletex_desktop.core.importing import parse_date, parse_decimal
from tripletex_desktop.core.travel import FieldProblem

#: An amount or count that did not parse (validation reports it).
NAN = Decimal("NaN")
#: A date that did not parse (validation reports it; never shown).
BAD_DATE = dt.date.min


def date_text(day: dt.date | None) -> str:
    """A date as the cells show it (dd.mm.yyyy); empty for none or an unparsed one."""
    return "" if day is None or day == BAD_DATE else day.strftime("%d.%m.%Y")


def amount_text(value: Decimal | None) -> str:
    """An amount as the cells show it, always with two decimals (389,00); empty for none or an unparsed one."""
    if value is None or not value.is_finite():
        return ""
    return f"{value:.2f}".replace(".", ",")


def num_text(value: Decimal | int | None) -> str:
    """A number as the cells show it (decimal comma); empty for none or an unparsed one."""
    if value is None:
        return ""
    if isinstance(value, Decimal) and not value.is_finite():
        return ""
    return str(value).replace(".", ",")


class CellReader:
    """Reads typed cells into dates and numbers, collecting a FieldProblem for each one that does not parse."""

    def __init__(self) -> None:
        self.problems: list[FieldProblem] = []

    def date(
        self, table: LinesTable, row: int, col: int, field: str, required: bool = True
    ) -> dt.date | None:
        """The cell's date; None when empty and not required; BAD_DATE (and a problem) when it does not parse."""
        text = table.text(row, col)
        if not text and not required:
            return None
        try:
            return parse_date(text)
        except (ValueError, OverflowError):
            self.problems.append(FieldProblem(field, "invalid_date"))
            return BAD_DATE

    def number(
        self, table: LinesTable, row: int, col: int, field: str, default: Decimal | None = NAN
    ) -> Decimal | None:
        """The cell's number; `default` when empty; NAN (and a problem) when it does not parse."""
        text = table.text(row, col)
        if not text:
            return default
        try:
            return parse_decimal(text)
        except ValueError:
            self.problems.append(FieldProblem(field, "invalid_number"))
            return NAN


class LinesTable(QTableWidget):
    """A lines table: text cells, checkable cells, combo box cells and read-only amount cells (what the line pays,
    filled by the editor from core.pricing), one report line per row; `stretch` is the column that takes the
    spare width (the last by default)."""

    def __init__(
        self,
        columns: Sequence[tuple[str, str]],
        parent: QWidget | None = None,
        *,
        stretch: int | None = None,
        combo_chars: int = 22,
    ) -> None:
        super().__init__(0, len(columns), parent)
        self.kinds = [kind for kind, _ in columns]
        #: how many characters a combo box cell shows before it elides (its whole text is the tooltip)
        self.combo_chars = combo_chars
        self.setHorizontalHeaderLabels([label for _, label in columns])
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        if stretch is None:
            header.setStretchLastSection(True)
        else:
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setTabKeyNavigation(True)
        self.setMinimumHeight(110)

    def add_row(
        self, values: Sequence[Any], combos: dict[int, list[tuple[str, Any]]], on_change: Callable[[], None]
    ) -> int:
        """Append a row; `values[i]` is text, a bool (checkable cell) or the data of a combo box cell."""
        row = self.rowCount()
        self.insertRow(row)
        for col, value in enumerate(values):
            if col in combos:
                combo = QComboBox(self)
                combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
                combo.setMinimumContentsLength(self.combo_chars)
                header = self.horizontalHeaderItem(col)
                label = header.text() if header is not None else ""
                combo.setObjectName(f"{self.objectName()}_r{row}_c{col}")
                combo.setAccessibleName(
                    self.tr("%1, row %2").replace("%1", label).replace("%2", str(row + 1))
                )
                for text, data in combos[col]:
                    combo.addItem(text, data)
                index = combo.findData(value)
                combo.setCurrentIndex(max(index, 0))
                combo.setToolTip(combo.currentText())  # long names (rate categories) are cut in the cell
                combo.currentTextChanged.connect(combo.setToolTip)
                combo.currentIndexChanged.connect(lambda _=0: on_change())
                self.setCellWidget(row, col, combo)
            elif self.kinds[col] == "amount":
                item = QTableWidgetItem("")
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(row, col, item)
            elif isinstance(value, bool):
                item = QTableWidgetItem()
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
                )
                item.setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
                self.setItem(row, col, item)
            else:
                self.setItem(row, col, QTableWidgetItem("" if value is None else str(value)))
        return row

    def text(self, row: int, col: int) -> str:
        """A text cell."""
        item = self.item(row, col)
        return item.text().strip() if item is not None else ""

    def checked(self, row: int, col: int) -> bool:
        """A checkable cell."""
        item = self.item(row, col)
        return item is not None and item.checkState() == Qt.CheckState.Checked

    def combo_data(self, row: int, col: int) -> Any:
        """The data of a combo box cell."""
        widget = self.cellWidget(row, col)
        return widget.currentData() if isinstance(widget, QComboBox) else None

    def set_text(self, row: int, col: int, text: str) -> None:
        """Set a text cell."""
        self.setItem(row, col, QTableWidgetItem(text))

    def amount_column(self) -> int:
        """The read-only amount column (-1 when the table has none)."""
        return self.kinds.index("amount") if "amount" in self.kinds else -1

    def set_amount(self, row: int, text: str, tooltip: str = "") -> None:
        """Show what a row pays (no itemChanged: it is not an edit)."""
        col = self.amount_column()
        item = self.item(row, col) if col >= 0 else None
        if item is None or (item.text() == text and item.toolTip() == tooltip):
            return
        blocked = self.blockSignals(True)
        item.setText(text)
        item.setToolTip(tooltip)
        self.blockSignals(blocked)
        self.viewport().update()

    def focus_row(self, row: int) -> None:
        """Scroll a (new) row into view and put the cursor in its first cell, ready to type."""
        if not 0 <= row < self.rowCount():
            return
        item = self.item(row, 0) or self.item(row, 1)
        if item is not None:
            self.scrollToItem(item, QAbstractItemView.ScrollHint.EnsureVisible)
        self.setCurrentCell(row, 0)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_choices(self, row: int, col: int, choices: list[tuple[str, Any]]) -> None:
        """Replace a combo cell's entries when they differ, keeping the chosen data (signals blocked)."""
        widget = self.cellWidget(row, col)
        if not isinstance(widget, QComboBox):
            return
        if [(widget.itemText(i), widget.itemData(i)) for i in range(widget.count())] == choices:
            return
        current = widget.currentData()
        widget.blockSignals(True)
        widget.clear()
        for text, data in choices:
            widget.addItem(text, data)
        widget.setCurrentIndex(max(widget.findData(current), 0))
        widget.blockSignals(False)

    def set_combo(self, row: int, col: int, data: Any) -> None:
        """Choose the combo entry with `data`."""
        widget = self.cellWidget(row, col)
        if isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(widget.findData(data), 0))

    def set_checked(self, row: int, col: int, value: bool) -> None:
        """Tick or clear a checkable cell."""
        item = self.item(row, col)
        if item is not None:
            item.setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)

    def remove_selected(self) -> None:
        """Remove the selected rows (or the current one)."""
        rows = sorted({i.row() for i in self.selectedIndexes()} or {self.currentRow()}, reverse=True)
        for row in rows:
            if row >= 0:
                self.removeRow(row)
