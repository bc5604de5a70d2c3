"""The report editor's three line groups: mileage, per diem and costs, each a table with its buttons."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from tripletex_desktop.core.importing import parse_date
from tripletex_desktop.core.travel import Accommodation, CostLine, MileageLine, PerDiemLine, ReportKind
from tripletex_desktop.ui.reports.common import name
from tripletex_desktop.ui.reports.line_table import (
    BAD_DATE,
    NAN,
    CellReader,
    LinesTable,
    amount_text,
    date_text,
    num_text,
)

#: (label, data) entries of a combo box cell.
Choices = list[tuple[str, Any]]
#: The per diem categories for a line: (the line's date or None, the chosen category id) -> choices.
RateChoices = Callable[[dt.date | None, int | None], Choices]


def _buttons(layout: QVBoxLayout, *buttons: QPushButton) -> None:
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    layout.addLayout(row)


class MileageLines(QGroupBox):
    """The mileage group: one row per leg (date, from, to, km, company car, passengers, toll)."""

    def __init__(
        self, on_change: Callable[[], None], error_label: Callable[[str], QLabel], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self._on_change = on_change
        self.setTitle(self.tr("Mileage"))
        self.setObjectName("mileageBox")
        layout = QVBoxLayout(self)
        self.table = LinesTable(
            [
                ("date", self.tr("Date")),
                ("text", self.tr("From")),
                ("text", self.tr("To")),
                ("number", self.tr("Km")),
                ("bool", self.tr("Company car")),
                ("number", self.tr("Passengers")),
                ("number", self.tr("Toll")),
                ("amount", self.tr("Amount (NOK)")),
            ],
            parent,
            stretch=2,
        )
        name(self.table, "mileageTable", self.tr("Mileage lines"))
        layout.addWidget(self.table)
        self.add_button = name(
            QPushButton(self.tr("Add &mileage"), parent), "addMileageButton", self.tr("Add mileage line")
        )
        self.remove_button = name(
            QPushButton(self.tr("Remove"), parent), "removeMileageButton", self.tr("Remove mileage line")
        )
        _buttons(layout, self.add_button, self.remove_button)
        layout.addWidget(error_label("mileage"))

    def add_line(self, line: MileageLine | None, *, day: dt.date, from_place: str, to_place: str) -> int:
        """Append a row: from `line`, or an empty leg on `day` between the trip's places."""
        if line is None:
            values: list[Any] = [date_text(day), from_place, to_place, "", False, "0", "", ""]
        else:
            values = [
                date_text(line.date),
                line.from_place,
                line.to_place,
                num_text(line.km),
                line.is_company_car,
                str(line.passengers),
                amount_text(line.toll_cost),
                "",
            ]
        return self.table.add_row(values, {}, self._on_change)

    def read(self, cells: CellReader) -> list[MileageLine]:
        """The rows as mileage lines (what does not parse is NaN or BAD_DATE, with a problem in `cells`)."""
        table, lines = self.table, []
        for row in range(table.rowCount()):
            prefix = f"mileage[{row}]"
            passengers = cells.number(table, row, 5, f"{prefix}.passengers", Decimal(0)) or Decimal(0)
            lines.append(
                MileageLine(
                    date=cells.date(table, row, 0, f"{prefix}.date") or BAD_DATE,
                    from_place=table.text(row, 1),
                    to_place=table.text(row, 2),
                    km=cells.number(table, row, 3, f"{prefix}.km") or NAN,
                    is_company_car=table.checked(row, 4),
                    passengers=int(passengers) if passengers.is_finite() else -1,
                    toll_cost=cells.number(table, row, 6, f"{prefix}.toll_cost", None),
                )
            )
        return lines


class PerDiemLines(QGroupBox):
    """The per diem group: one row per day or run of days (rate category, accommodation, meals provided)."""

    def __init__(
        self, on_change: Callable[[], None], error_label: Callable[[str], QLabel], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self._on_change = on_change
        self.setTitle(self.tr("Per diem"))
        self.setObjectName("perDiemBox")
        layout = QVBoxLayout(self)
        self.table = LinesTable(
            [
                ("date", self.tr("Date")),
                ("number", self.tr("Days")),
                ("combo", self.tr("Rate category")),
                ("combo", self.tr("Accommodation")),
                ("bool", self.tr("Breakfast provided")),
                ("bool", self.tr("Lunch provided")),
                ("bool", self.tr("Dinner provided")),
                ("text", self.tr("Location")),
                ("amount", self.tr("Amount (NOK)")),
            ],
            parent,
            stretch=7,
            combo_chars=16,  # two combo columns (whole names as tooltip): the amount stays in view at 1366×768
        )
        name(self.table, "perDiemTable", self.tr("Per diem lines"))
        layout.addWidget(self.table)
        self.add_button = name(
            QPushButton(self.tr("Add per d&iem"), parent), "addPerDiemButton", self.tr("Add per diem line")
        )
        self.suggest_button = name(
            QPushButton(self.tr("&Suggest"), parent),
            "suggestPerDiemButton",
            self.tr("Suggest per diem from the trip's times"),
        )
        self.remove_button = name(
            QPushButton(self.tr("Remove"), parent), "removePerDiemButton", self.tr("Remove per diem line")
        )
        _buttons(layout, self.add_button, self.suggest_button, self.remove_button)
        layout.addWidget(error_label("per_diem"))

    def accommodation_choices(self) -> Choices:
        """The accommodation combo's entries (Accommodation values)."""
        return [
            (self.tr("None"), Accommodation.NONE.value),
            (self.tr("Hotel"), Accommodation.HOTEL.value),
            (self.tr("Boarding house without cooking"), Accommodation.BOARDING_HOUSE_WITHOUT_COOKING.value),
            (self.tr("Boarding house with cooking"), Accommodation.BOARDING_HOUSE_WITH_COOKING.value),
        ]

    def add_line(self, line: PerDiemLine, rate_choices: RateChoices) -> int:
        """Append a row for `line`, its rate category chosen among `rate_choices` for its date."""
        values: list[Any] = [
            date_text(line.date),
            str(line.count),
            line.rate_category_id,
            line.accommodation.value,
            line.breakfast_deduction,
            line.lunch_deduction,
            line.dinner_deduction,
            line.location,
            "",
        ]
        combos = {2: rate_choices(line.date, line.rate_category_id), 3: self.accommodation_choices()}
        return self.table.add_row(values, combos, self._on_change)

    def refresh_rate_choices(self, rate_choices: RateChoices) -> None:
        """Offer each row the rate categories valid on its date (after the trip or a date changed)."""
        table = self.table
        for row in range(table.rowCount()):
            text = table.text(row, 0)
            try:
                day: dt.date | None = parse_date(text) if text else None
            except (ValueError, OverflowError):
                day = None
            table.set_choices(row, 2, rate_choices(day, table.combo_data(row, 2)))

    def read(self, cells: CellReader) -> list[PerDiemLine]:
        """The rows as per diem lines (an empty date means the line has none)."""
        table, lines = self.table, []
        for row in range(table.rowCount()):
            prefix = f"per_diem[{row}]"
            count = cells.number(table, row, 1, f"{prefix}.count", Decimal(0)) or Decimal(0)
            lines.append(
                PerDiemLine(
                    count=int(count) if count.is_finite() else 0,
                    date=cells.date(table, row, 0, f"{prefix}.date", required=False),
                    rate_category_id=table.combo_data(row, 2),
                    accommodation=Accommodation(table.combo_data(row, 3) or "NONE"),
                    breakfast_deduction=table.checked(row, 4),
                    lunch_deduction=table.checked(row, 5),
                    dinner_deduction=table.checked(row, 6),
                    location=table.text(row, 7),
                )
            )
        return lines


class PathEndDelegate(QStyledItemDelegate):
    """Shows a file path on one line, elided at its start so the file name stays readable."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        """No wrapping, elided on the left."""
        super().initStyleOption(option, index)
        option.features &= ~QStyleOptionViewItem.ViewItemFeature.WrapText
        option.textElideMode = Qt.TextElideMode.ElideLeft


class CostLines(QGroupBox):
    """The costs group: one row per cost (category, payment type, amount, currency, comment, receipt)."""

    def __init__(
        self,
        reference: Any,
        kind: ReportKind,
        on_change: Callable[[], None],
        error_label: Callable[[str], QLabel],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._ref = reference
        self._kind = kind
        self._on_change = on_change
        self.setTitle(self.tr("Costs"))
        self.setObjectName("costBox")
        layout = QVBoxLayout(self)
        self.table = LinesTable(
            [
                ("date", self.tr("Date")),
                ("combo", self.tr("Cost category")),
                ("combo", self.tr("Payment type")),
                ("number", self.tr("Amount incl. VAT")),
                ("text", self.tr("Currency")),
                ("text", self.tr("Comment")),
                ("text", self.tr("Receipt")),
                ("amount", self.tr("NOK")),
            ],
            parent,
            stretch=5,
            combo_chars=16,  # two combo columns: the NOK column must stay in view at 1366×768
        )
        name(self.table, "costTable", self.tr("Cost lines"))
        # A receipt's path is long: a fixed width that shows its end (the file name) on one line, the whole path
        # as tooltip (the table wraps text, which would break the path over lines at each folder).
        self.table.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(6, 170)
        self.table.setItemDelegateForColumn(6, PathEndDelegate(self.table))
        layout.addWidget(self.table)
        self.add_button = name(
            QPushButton(self.tr("Add &cost"), parent), "addCostButton", self.tr("Add cost line")
        )
        self.attach_button = name(
            QPushButton(self.tr("Attac&h receipt…"), parent),
            "attachReceiptButton",
            self.tr("Attach a receipt to the selected cost"),
        )
        self.remove_button = name(
            QPushButton(self.tr("Remove"), parent), "removeCostButton", self.tr("Remove cost line")
        )
        _buttons(layout, self.add_button, self.attach_button, self.remove_button)
        layout.addWidget(error_label("costs"))

    def category_choices(self) -> Choices:
        """Active cost categories shown on this kind of report (travel or employee expense)."""
        expense = self._kind is ReportKind.EMPLOYEE_EXPENSE
        out: Choices = [(self.tr("(choose)"), None)]
        for c in self._ref.cost_categories:
            if c.is_inactive or not (c.show_on_employee_expenses if expense else c.show_on_travel_expenses):
                continue
            out.append((c.label, c.id))
        return out

    def payment_choices(self) -> Choices:
        """Active payment types, after the company default."""
        out: Choices = [(self.tr("(company default)"), None)]
        out.extend((p.label, p.id) for p in self._ref.payment_types if not p.is_inactive)
        return out

    def add_line(self, line: CostLine | None, *, day: dt.date) -> int:
        """Append a row: from `line`, or an empty cost on `day`."""
        line = line or CostLine(day, None, NAN)
        values: list[Any] = [
            date_text(line.date),
            line.cost_category_id,
            line.payment_type_id,
            amount_text(line.amount_incl_vat),
            line.currency,
            line.comment,
            line.receipt_path or "",
            "",
        ]
        row = self.table.add_row(
            values, {1: self.category_choices(), 2: self.payment_choices()}, self._on_change
        )
        item = self.table.item(row, 6)
        if item is not None and line.receipt_path:
            blocked = self.table.blockSignals(True)  # not an edit
            item.setToolTip(line.receipt_path)
            self.table.blockSignals(blocked)
        return row

    def receipt_row(self) -> int:
        """The row a receipt goes to: the current one, else the last; -1 without rows."""
        row = self.table.currentRow()
        return row if row >= 0 else self.table.rowCount() - 1

    def set_receipt(self, row: int, path: str) -> None:
        """Attach the receipt file `path` to a row."""
        self.table.set_text(row, 6, path)
        item = self.table.item(row, 6)
        if item is not None:
            item.setToolTip(path)

    def read(self, cells: CellReader) -> list[CostLine]:
        """The rows as cost lines (currency NOK when empty)."""
        table, lines = self.table, []
        for row in range(table.rowCount()):
            prefix = f"costs[{row}]"
            lines.append(
                CostLine(
                    date=cells.date(table, row, 0, f"{prefix}.date") or BAD_DATE,
                    cost_category_id=table.combo_data(row, 1),
                    payment_type_id=table.combo_data(row, 2),
                    amount_incl_vat=cells.number(table, row, 3, f"{prefix}.amount_incl_vat") or NAN,
                    currency=(table.text(row, 4) or "NOK").upper(),
                    comment=table.text(row, 5),
                    receipt_path=table.text(row, 6) or None,
                )
            )
        return lines
