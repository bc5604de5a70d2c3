"""DryRunDialog: a readable preview of what a send would create in Tripletex (each line and its amount, the
total), and what Tripletex already holds; the exact JSON behind "Show technical details". Nothing is created."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tripletex_desktop.core.pricing import COST, MILEAGE, PASSENGERS, PER_DIEM, TOLL, LinePrice, ReportPrice
from tripletex_desktop.core.travel import CostLine, MileageLine, PerDiemLine, TravelReport
from tripletex_desktop.ui.formatting import date_text, estimate_money, money
from tripletex_desktop.ui.messages import message_for, problem_text
from tripletex_desktop.ui.reports.common import name


def requests_json(requests: Any) -> str:
    """The planned requests as pretty JSON: method, path, query parameters, body or file."""
    out = []
    for r in requests:
        entry: dict[str, Any] = {"method": r.method, "path": r.path}
        if r.params:
            entry["params"] = r.params
        if r.body is not None:
            entry["body"] = r.body
        if r.file_path:
            entry["file"] = r.file_path
        out.append(entry)
    return json.dumps(out, indent=2, ensure_ascii=False, default=str)


def marker_note_text() -> str:
    """What the [TD:…] reference in Tripletex is, for the bookkeeper who sees it there."""
    return QCoreApplication.translate(
        "DryRunDialog",
        "The journey description (or an expense's title) ends with a reference such as [TD:ab12cd34], and each "
        "cost's comment with one such as [TD:ab12cd34:c0]. Tripletex Desktop finds the report again by it and so "
        "never sends it twice: leave it in place in Tripletex.",
    )


def _rate(value: Decimal | None) -> str:
    return "" if value is None else money(value)


class DryRunDialog(QDialog):
    """Shows a services.reports.DryRunOutcome."""

    COLUMNS = 3  # what, details, amount

    def __init__(self, outcome: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dryRunDialog")
        self.setWindowTitle(self.tr("Preview \u2013 nothing is sent"))
        self.resize(760, 560)
        self._outcome = outcome
        layout = QVBoxLayout(self)
        self.verdict = QLabel(self)
        self.verdict.setObjectName("dryRunVerdict")
        self.verdict.setWordWrap(True)
        self.verdict.setText(self._verdict(outcome))
        layout.addWidget(self.verdict)

        self.preview = name(
            QTableWidget(0, self.COLUMNS, self),
            "dryRunPreview",
            self.tr("What would be created in Tripletex"),
        )
        self.preview.setHorizontalHeaderLabels([self.tr("What"), self.tr("Details"), self.tr("Amount (NOK)")])
        self.preview.verticalHeader().hide()
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.preview.setWordWrap(True)
        header = self.preview.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        # Rows as tall as their text at the width the columns really get (measured once before the dialog was
        # laid out, a one-line row came out two or three lines tall): a handful of rows, cheap to size live.
        self.preview.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self._fill_preview(outcome)
        layout.addWidget(self.preview, 1)
        self.marker_note = QLabel(self)
        self.marker_note.setObjectName("dryRunMarkerNote")
        self.marker_note.setWordWrap(True)
        self.marker_note.setText(marker_note_text())
        self.marker_note.setAccessibleName(self.marker_note.text())
        self.marker_note.setVisible(any("[TD:" in json.dumps(r.body or {}) for r in outcome.requests))
        layout.addWidget(self.marker_note)

        self.details_toggle = name(
            QPushButton(self.tr("Show &technical details"), self),
            "dryRunShowJson",
            self.tr("Show the exact requests as JSON"),
        )
        self.details_toggle.setCheckable(True)
        self.details_toggle.toggled.connect(self._toggle_json)
        layout.addWidget(self.details_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        self.json_view = name(
            QPlainTextEdit(self), "dryRunJson", self.tr("Requests that would be sent, as JSON")
        )
        self.json_view.setReadOnly(True)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.json_view.setFont(font)
        self.json_view.setPlainText(requests_json(outcome.requests))
        self.json_view.setVisible(False)
        layout.addWidget(self.json_view, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.setObjectName("dryRunButtons")
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        name(close, "dryRunCloseButton", self.tr("Close"))
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _toggle_json(self, on: bool) -> None:
        self.json_view.setVisible(on)
        self.details_toggle.setText(
            self.tr("Hide &technical details") if on else self.tr("Show &technical details")
        )

    # -- the preview --

    def preview_rows(self) -> list[tuple[str, str, str]]:
        """The preview as (what, details, amount) texts, in order."""

        def text(row: int, column: int) -> str:
            item = self.preview.item(row, column)
            return item.text() if item is not None else ""

        return [(text(r, 0), text(r, 1), text(r, 2)) for r in range(self.preview.rowCount())]

    def _add(self, what: str, details: str, amount: str = "", *, bold: bool = False) -> None:
        row = self.preview.rowCount()
        self.preview.insertRow(row)
        for column, text in enumerate((what, details, amount)):
            item = QTableWidgetItem(text)
            if column == 2:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if bold:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.preview.setItem(row, column, item)

    def _fill_preview(self, outcome: Any) -> None:
        report: TravelReport | None = getattr(outcome, "report", None)
        price: ReportPrice | None = getattr(outcome, "price", None)
        if report is None or price is None or outcome.problems:
            self.preview.setVisible(False)
            return
        ref = getattr(outcome, "reference", None)
        employee = ref.employee_name(report.employee_id) if ref is not None else ""
        dates = " \u2013 ".join(
            d
            for d in dict.fromkeys((date_text(_day(report.departure_at)), date_text(_day(report.return_at))))
            if d
        )
        head = ", ".join(p for p in (report.title, employee, dates) if p)
        self._add(
            self.tr("Travel report") if report.kind.value == "TRAVEL" else self.tr("Employee expense"), head
        )
        categories = {c.id: c.description for c in ref.cost_categories} if ref is not None else {}
        for index, line in enumerate(report.lines):
            for part in price.for_line(index):
                self._add(*self._describe(line, part, categories))
        for request in outcome.requests:
            if request.file_path:
                self._add(self.tr("Receipt"), Path(request.file_path).name)
            elif request.path.endswith(":deliver"):
                self._add(self.tr("Delivered in Tripletex"), self.tr("The report is delivered for approval."))
            elif request.path.endswith(":approve"):
                self._add(self.tr("Approved in Tripletex"), self.tr("The report is approved in Tripletex."))
        foreign = "".join(f" + {code} {money(amount)}" for code, amount in price.foreign.items())
        if price.estimated:
            foreign = (
                foreign + " " + self.tr("(\u2248 costs in other currencies at the rate of their date)")
            ).strip()
        self._add(
            self.tr("To be paid out"),
            foreign.strip(" +"),
            estimate_money(price.total, price.estimated),
            bold=True,
        )

    def _describe(self, line: Any, part: LinePrice, categories: dict[int, str]) -> tuple[str, str, str]:
        amount = money(part.amount) if part.amount is not None else ""
        if part.amount is None and part.problem:
            amount = problem_text(part.problem)
        if isinstance(line, MileageLine):
            where = f"{date_text(line.date)} {line.from_place} \u2192 {line.to_place}"
            if part.part == MILEAGE:
                detail = self.tr("%1, %2 km \u00d7 %3").replace("%1", where).replace("%2", money(line.km))
                return self.tr("Mileage allowance"), detail.replace("%3", _rate(part.unit_rate)), amount
            if part.part == PASSENGERS:
                detail = self.tr("%n passenger(s), %1 km \u00d7 %2", "", line.passengers)
                return (
                    self.tr("Passenger supplement"),
                    detail.replace("%1", money(line.km)).replace("%2", _rate(part.unit_rate)),
                    amount,
                )
            if part.part == TOLL:
                return self.tr("Toll"), where, amount
        if isinstance(line, PerDiemLine) and part.part == PER_DIEM:
            detail = self.tr("%n day(s) \u00d7 %1", "", line.count).replace("%1", _rate(part.unit_rate))
            if part.deductions:
                detail += " " + self.tr("minus meals %1").replace("%1", money(part.deductions))
            where = ", ".join(p for p in (date_text(line.date), line.location) if p)
            return self.tr("Per diem"), f"{where}: {detail}" if where else detail, amount
        if isinstance(line, CostLine) and part.part == COST:
            what = categories.get(line.cost_category_id or -1, self.tr("Cost"))
            detail = ", ".join(p for p in (date_text(line.date), line.comment) if p)
            if part.foreign_amount is not None:
                detail += f" ({part.currency} {money(part.foreign_amount)})"
                if part.estimated:
                    detail += " " + self.tr("\u00d7 %1, the exchange rate of its date").replace(
                        "%1", _rate(part.unit_rate)
                    )
                    amount = estimate_money(part.amount, True)
                else:
                    amount = self.tr("converted by Tripletex")
            return what, detail, amount
        return "", "", amount

    def _verdict(self, outcome: Any) -> str:
        if outcome.problems:
            lines = [self.tr("The report cannot be sent yet:")]
            lines.extend(f"\u2022 {problem_text(p.code)}" for p in outcome.problems)
            return "\n".join(lines)
        parts = [self.tr("This is what a send would create. Nothing was created.")]
        if outcome.error is not None:
            message = message_for(outcome.error)
            parts.append(self.tr("Tripletex could not be asked: %1").replace("%1", message.title))
        elif outcome.existing:
            numbers = ", ".join(str(r.get("number") or r.get("id")) for r in outcome.existing)
            parts.append(
                self.tr(
                    "Tripletex already has this report (number %1); a send would complete it, not repeat it."
                ).replace("%1", numbers)
            )
        else:
            parts.append(self.tr("Tripletex has no travel expense from this report yet."))
        return " ".join(parts)


def _day(moment: Any) -> Any:
    return moment.date() if moment is not None else None
