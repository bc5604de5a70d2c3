"""AppStyle: the platform's own style, plus a focus ring keyboard users can see and week numbers in date pickers."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QDateTimeEdit,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionComboBox,
    QStyleOptionComplex,
    QWidget,
)

#: Width of the focus ring in device-independent pixels.
FOCUS_RING_WIDTH = 2.0

#: Text inputs show the ring whenever they have the focus (where typing goes must always be visible) ...
_INPUT_PRIMITIVES = frozenset({QStyle.PrimitiveElement.PE_PanelLineEdit})
_INPUT_CONTROLS = frozenset({QStyle.ComplexControl.CC_ComboBox, QStyle.ComplexControl.CC_SpinBox})
#: ... buttons only once the keyboard moved the focus (as :focus-visible on the web), not after a click.
_BUTTON_PRIMITIVES = frozenset(
    {QStyle.PrimitiveElement.PE_PanelButtonCommand, QStyle.PrimitiveElement.PE_PanelButtonTool}
)


def _focused(option: QStyleOption) -> bool:
    return bool(option.state & QStyle.StateFlag.State_HasFocus)


def _keyboard(option: QStyleOption) -> bool:
    return bool(option.state & QStyle.StateFlag.State_KeyboardFocusChange)


def _inside_box(widget: QWidget | None) -> bool:
    """The text field inside a spin, date or editable combo box (the box draws the one ring)."""
    parent = widget.parentWidget() if widget is not None else None
    return isinstance(parent, QAbstractSpinBox | QComboBox)


def focus_color(palette: QPalette) -> QColor:
    """The ring's colour: the palette's highlight, fully opaque (the platform's often is translucent)."""
    color = QColor(palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight))
    color.setAlpha(255)
    return color


def _draw_ring(option: QStyleOption, painter: QPainter, inset: float = 1.0) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    pen = QPen(focus_color(option.palette), FOCUS_RING_WIDTH)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    half = FOCUS_RING_WIDTH / 2
    rect = QRectF(option.rect).adjusted(
        inset + half - 1, inset + half - 1, -(inset + half) + 1, -(inset + half) + 1
    )
    painter.drawRoundedRect(rect, 3.0, 3.0)
    painter.restore()


def opens_calendar(event: QKeyEvent) -> bool:
    """F4 or Alt+Down (Alt+Up too): the keys that open a drop-down on Windows, and so a date picker's calendar."""
    key, mods = event.key(), event.modifiers()
    alt = bool(mods & Qt.KeyboardModifier.AltModifier)
    plain = not mods & ~Qt.KeyboardModifier.KeypadModifier
    return (key == Qt.Key.Key_F4 and plain) or (key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and alt)


def open_calendar_popup(edit: QDateTimeEdit) -> bool:
    """Open a date edit's calendar popup, as a click on its arrow does (Qt has no public call for it).

    Returns False when the edit shows no popup (no calendar, read-only or disabled).
    """
    if not edit.calendarPopup() or edit.isReadOnly() or not edit.isEnabled():
        return False
    option = QStyleOptionComboBox()  # the arrow as QDateTimeEdit itself hit-tests it
    option.initFrom(edit)
    option.editable = True
    option.subControls = QStyle.SubControl.SC_All
    arrow = edit.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxArrow, edit
    )
    if not arrow.isValid():
        return False
    local = QPointF(arrow.center())
    for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
        buttons = (
            Qt.MouseButton.LeftButton if kind == QEvent.Type.MouseButtonPress else Qt.MouseButton.NoButton
        )
        event = QMouseEvent(
            kind,
            local,
            QPointF(edit.mapToGlobal(local)),
            Qt.MouseButton.LeftButton,
            buttons,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(edit, event)
    return True


class _CalendarKeys(QObject):
    """On every date edit (installed by AppStyle.polish): F4 or Alt+Down opens its calendar popup."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """Open the popup on its keys; everything else passes on."""
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(watched, QDateTimeEdit)
            and isinstance(event, QKeyEvent)
            and opens_calendar(event)
        ):
            return open_calendar_popup(watched)
        return False


class AppStyle(QProxyStyle):
    """Wraps the platform style (`base`: a style key such as "Fusion", or None for the default).

    - Focus: a solid 2 px ring in the highlight colour. Text fields, combo boxes and spin/date boxes show it
      while they have the focus; buttons, check boxes, tabs and the current cell of a table once the keyboard
      moved the focus (Tab, a mnemonic), not after a mouse click.
    - Date pickers: every calendar (also a QDateEdit's popup, which Qt shows without them) shows ISO week
      numbers and starts on Monday, as Norwegian calendars do; F4 or Alt+Down opens a date edit's calendar
      from the keyboard, as in Windows date pickers (Qt opens it only for a click on the arrow).
    """

    def __init__(self, base: str | None = None) -> None:
        if base is None:
            super().__init__()
        else:
            super().__init__(base)
        self._calendar_keys = _CalendarKeys(self)

    def drawPrimitive(  # noqa: N802 - Qt API
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        """The focus ring instead of the platform's (often faint) focus rectangle."""
        if element == QStyle.PrimitiveElement.PE_FrameFocusRect:
            if _keyboard(option):
                _draw_ring(option, painter, inset=0.0)
            return
        super().drawPrimitive(element, option, painter, widget)
        if not _focused(option):
            return
        if (element in _INPUT_PRIMITIVES and not _inside_box(widget)) or (
            element in _BUTTON_PRIMITIVES and _keyboard(option)
        ):
            _draw_ring(option, painter)

    def drawComplexControl(  # noqa: N802 - Qt API
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        """Combo and spin boxes as the platform draws them, with the ring while they have the focus."""
        super().drawComplexControl(control, option, painter, widget)
        if control in _INPUT_CONTROLS and _focused(option):
            _draw_ring(option, painter)

    def polish(self, target: object) -> object:  # type: ignore[override]
        """Week numbers and Monday first in every calendar, when it is first shown; the calendar keys on
        every date edit."""
        if isinstance(target, QDateTimeEdit):
            target.installEventFilter(self._calendar_keys)  # once: Qt moves a filter installed again
        if isinstance(target, QCalendarWidget):
            target.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.ISOWeekNumbers)
            target.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        return super().polish(target)  # type: ignore[call-overload]  # one override for the stub's overloads


def install_style(app: QApplication) -> AppStyle:
    """Wrap the application's current style in AppStyle (once; calling again keeps the installed one)."""
    current = app.style()
    if isinstance(current, AppStyle):
        return current
    style = AppStyle(current.name())
    app.setStyle(style)
    return style
