"""Windows that fit the screen they open on (a 1366×768 laptop included): never taller than the space there."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

#: Room left for the window frame and the desktop's panels.
MARGIN = 40


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resize `window` to width × height, shrunk to the available area of its screen (its contents scroll)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        area = screen.availableGeometry()
        width = min(width, area.width() - MARGIN)
        height = min(height, area.height() - MARGIN)
    window.resize(max(width, 320), max(height, 240))
