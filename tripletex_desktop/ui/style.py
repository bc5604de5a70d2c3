"""AppStyle: the platform's own style, plus a focus ring keyboard users can see and week numbers in date pickers."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QProxyStyle,
    QStyle,
    QStyleOption,
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


class AppStyle(QProxyStyle):
    """Wraps the platform style (`base`: a style key such as "Fusion", or None for the default).

    - Focus: a solid 2 px ring in the highlight colour. Text fields, combo boxes and spin/date boxes show it
      while they have the focus; buttons, check boxes, tabs and the current cell of a table once the keyboard
      moved the focus (Tab, a mnemonic), not after a mouse click.
    - Date pickers: every calendar (also a QDateEdit's popup, which Qt shows without them) shows ISO week
      numbers and starts on Monday, as Norwegian calendars do.
    """

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
        """Week numbers and Monday first in every calendar, when it is first shown."""
        if isinstance(target, QCalendarWidget):
            target.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.ISOWeekNumbers)
            target.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        return super().polish(target)  # type: ignore[arg-type]


def install_style(app: QApplication) -> AppStyle:
    """Wrap the application's current style in AppStyle (once; calling again keeps the installed one)."""
    current = app.style()
    if isinstance(current, AppStyle):
        return current
    style = AppStyle(current.name())
    app.setStyle(style)
    return style
