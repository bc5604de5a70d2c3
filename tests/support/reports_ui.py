"""Drivers of the travel report widgets in tests: clicks, combo choices, a filled-in trip, visible errors."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from tests.support.reports import World
from tripletex_desktop.ui.reports import ReportsView


def click(qtbot: Any, widget: QWidget) -> None:
    assert widget.isEnabled(), widget.objectName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def choose(combo: QComboBox, data: Any) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def qdt(value: dt.datetime) -> QDateTime:
    return QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute))


def fill_trip(qtbot: Any, editor: Any, world: World) -> None:
    choose(editor.employee, world.employee_id)
    qtbot.keyClicks(editor.title_edit, "Kundemøte Bergen")
    qtbot.keyClicks(editor.purpose, "Kundemøte")
    editor.departure.setDateTime(qdt(dt.datetime(2026, 11, 2, 8, 0)))
    editor.return_at.setDateTime(qdt(dt.datetime(2026, 11, 3, 18, 0)))
    qtbot.keyClicks(editor.from_edit, "Oslo")
    qtbot.keyClicks(editor.to_edit, "Bergen")
    editor.overnight.setChecked(True)
    click(qtbot, editor.add_mileage)
    editor.mileage.set_text(0, 2, "Gardermoen")
    editor.mileage.set_text(0, 3, "42")
    click(qtbot, editor.suggest)
    click(qtbot, editor.add_cost)
    choose(editor.costs.cellWidget(0, 1), world.cost_categories["Taxi"])
    editor.costs.set_text(0, 3, "250,50")
    editor.costs.set_text(0, 5, "Taxi til kunde")
    editor.costs.selectRow(0)
    click(qtbot, editor.attach)


def visible_errors(editor: Any) -> dict[str, str]:
    return {k: v.text() for k, v in editor._errors.items() if not v.isHidden()}


INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QPlainTextEdit)


def inside_composite(widget: QWidget) -> bool:
    """Parts of a combo box, spin box, line edit or item view (popups, clear buttons) are not ours to name."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractSpinBox | QComboBox | QAbstractItemView | QLineEdit):
            return True
        parent = parent.parentWidget()
    return False


def mnemonics(root: QWidget) -> list[str]:
    """The mnemonic letters of every visible label and button in `root` (outside composite widgets); for the
    reports tab also its hidden toolbar buttons, since each selection shows another set of them."""
    keys = []
    always = set(root.selection_buttons()) if isinstance(root, ReportsView) else set()
    for widget in root.findChildren(QWidget):
        if widget.window() is not root.window() or inside_composite(widget):
            continue
        if widget.isHidden() and widget not in always:
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            match = re.search(r"&([^&])", widget.text().replace("&&", ""))
            if match:
                keys.append(match.group(1).casefold())
    return keys
