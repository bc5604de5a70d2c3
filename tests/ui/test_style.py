"""AppStyle: a focus ring keyboard users can see, and week numbers (Monday first) in every date picker."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDateEdit,
    QDateTimeEdit,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tripletex_desktop.ui.reports import ReportsView
from tripletex_desktop.ui.style import AppStyle, focus_color, install_style
from tripletex_desktop.workers.tasks import SyncRunner

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints",
    # offscreen cannot raise a popup or let it grab the keyboard; the popup still gets the keys (below)
    "This plugin does not support raise",
    "This plugin does not support grabbing the keyboard",
)


@pytest.fixture
def app_style(qapp):
    before = qapp.style().name()
    style = install_style(qapp)
    yield style
    qapp.setStyle(before)


def ring_pixels(widget: QWidget) -> int:
    """How many pixels of `widget` have the ring's colour."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    ring = focus_color(widget.palette()).rgb() & 0xFFFFFF
    return sum(
        1 for y in range(image.height()) for x in range(image.width()) if image.pixel(x, y) & 0xFFFFFF == ring
    )


@pytest.fixture
def form(qtbot, app_style):
    root = QWidget()
    layout = QVBoxLayout(root)
    edit = QLineEdit("tekst", root)
    button = QPushButton("Knapp", root)
    other = QPushButton("Annen", root)
    for w in (edit, button, other):
        layout.addWidget(w)
    qtbot.addWidget(root)
    root.resize(240, 140)
    root.show()
    root.activateWindow()
    qtbot.waitActive(root)
    return root, edit, button, other


def test_a_focused_text_field_has_a_solid_ring(form, qtbot):
    _root, edit, button, _other = form
    button.setFocus()
    unfocused = ring_pixels(edit)
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    focused = ring_pixels(edit)
    perimeter = 2 * (edit.width() + edit.height())
    assert focused - unfocused >= perimeter  # 2 px all round, minus the rounded corners


def test_a_button_reached_with_tab_has_the_ring_but_not_after_a_click(form, qtbot):
    _root, edit, button, other = form
    qtbot.mouseClick(other, Qt.MouseButton.LeftButton)  # a click focuses it without the ring
    clicked = ring_pixels(other)
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert button.hasFocus()
    tabbed = ring_pixels(button)
    assert tabbed - clicked >= 2 * (button.width() + button.height())


def test_the_date_popup_shows_week_numbers_and_starts_on_monday(qtbot, app_style):
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    qtbot.addWidget(edit)
    edit.show()
    calendar = edit.calendarWidget()
    calendar.ensurePolished()  # what showing the popup does
    assert calendar.verticalHeaderFormat() == QCalendarWidget.VerticalHeaderFormat.ISOWeekNumbers
    assert calendar.firstDayOfWeek() == Qt.DayOfWeek.Monday


def test_install_style_wraps_the_platform_style_once(qapp, app_style):
    assert isinstance(qapp.style(), AppStyle)
    assert install_style(qapp) is app_style


@pytest.mark.parametrize(
    ("key", "modifier"),
    [(Qt.Key.Key_F4, Qt.KeyboardModifier.NoModifier), (Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)],
)
def test_f4_and_alt_down_open_a_date_pickers_calendar_and_the_keyboard_picks_the_day(
    qtbot, app_style, key, modifier
):
    edit = QDateEdit(QDate(2026, 12, 1))
    edit.setObjectName("expiryEdit")
    edit.setCalendarPopup(True)
    qtbot.addWidget(edit)
    edit.show()
    qtbot.waitExposed(edit)
    edit.setFocus()
    qtbot.keyClick(edit, key, modifier)
    calendar = edit.calendarWidget()
    qtbot.waitUntil(lambda: calendar.isVisible(), timeout=2000)
    assert calendar.verticalHeaderFormat() == QCalendarWidget.VerticalHeaderFormat.ISOWeekNumbers
    days = calendar.findChild(QTableView)  # the grid of days, where the popup's keys go
    qtbot.keyClick(days, Qt.Key.Key_Right)
    qtbot.keyClick(days, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not calendar.isVisible(), timeout=2000)
    assert edit.date() == QDate(2026, 12, 2)


def test_escape_closes_the_calendar_and_a_read_only_date_opens_none(qtbot, app_style):
    edit = QDateEdit(QDate(2026, 12, 1))
    edit.setCalendarPopup(True)
    qtbot.addWidget(edit)
    edit.show()
    qtbot.waitExposed(edit)
    qtbot.keyClick(edit, Qt.Key.Key_F4)
    calendar = edit.calendarWidget()
    qtbot.waitUntil(lambda: calendar.isVisible(), timeout=2000)
    qtbot.keyClick(calendar.findChild(QTableView), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not calendar.isVisible(), timeout=2000)
    assert edit.date() == QDate(2026, 12, 1)
    edit.setReadOnly(True)
    qtbot.keyClick(edit, Qt.Key.Key_F4)
    qtbot.keyClick(edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert not calendar.isVisible()
    assert edit.date() == QDate(2026, 12, 1)  # Alt+Down is no step down either


def test_the_report_editors_departure_opens_its_calendar_with_f4(qtbot, app_style, backend):
    view = ReportsView(backend, runner=SyncRunner())
    qtbot.addWidget(view)
    view.findChild(QPushButton, "newReportButton").click()
    departure = view.editor.findChild(QDateTimeEdit, "departureEdit")
    before = departure.date()
    departure.setFocus()
    qtbot.keyClick(departure, Qt.Key.Key_F4)
    calendar = departure.calendarWidget()
    qtbot.waitUntil(lambda: calendar.isVisible(), timeout=2000)
    qtbot.keyClick(calendar.findChild(QTableView), Qt.Key.Key_Down)  # a week later
    qtbot.keyClick(calendar.findChild(QTableView), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not calendar.isVisible(), timeout=2000)
    assert departure.date() == before.addDays(7)
    view.editor.done(0)
