"""AppStyle: a focus ring keyboard users can see, and week numbers (Monday first) in every date picker."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QCalendarWidget, QDateEdit, QLineEdit, QPushButton, QVBoxLayout, QWidget

from tripletex_desktop.ui.style import AppStyle, focus_color, install_style

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


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
