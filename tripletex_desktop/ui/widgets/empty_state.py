"""EmptyState: what an empty list means and what to do about it, with a button for each way forward."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyState(QWidget):
    """A centred title, one line of explanation and action buttons (the first is the default way forward)."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.title = QLabel(self)
        self.title.setObjectName(f"{object_name}Title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.text = QLabel(self)
        self.text.setObjectName(f"{object_name}Text")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setWordWrap(True)
        self._buttons_row = QHBoxLayout()
        self._buttons_row.addStretch(1)
        self._buttons_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addSpacing(8)
        layout.addLayout(self._buttons_row)
        layout.addStretch(2)
        self.buttons: dict[str, QPushButton] = {}

    def add_button(self, object_name: str, slot: Callable[[], object]) -> QPushButton:
        """A button (text set by `set_texts`); the first one added is the default way forward."""
        button = QPushButton(self)
        button.setObjectName(object_name)
        button.clicked.connect(lambda _checked=False: slot())
        if not self.buttons:
            button.setDefault(True)
        self._buttons_row.insertWidget(self._buttons_row.count() - 1, button)
        self.buttons[object_name] = button
        return button

    def set_texts(self, title: str, text: str, buttons: dict[str, tuple[str, str]] | None = None) -> None:
        """Title, explanation and each button's (text, accessible name)."""
        self.title.setText(title)
        self.text.setText(text)
        self.text.setVisible(bool(text))
        self.setAccessibleName(title)
        for object_name, (label, accessible) in (buttons or {}).items():
            self.buttons[object_name].setText(label)
            self.buttons[object_name].setAccessibleName(accessible)
