"""The permission page fits its window: the checklist is as tall as its text at the width it has (no gap
above the buttons, the rest goes to the matrix), and the buttons stay on screen."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPushButton, QScrollArea

from tests.support.wizard import click_next, connect_with, go_to_token_page

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_the_checklist_fits_its_text_at_every_width_and_the_buttons_stay_visible(qtbot, sync_env):
    wiz = sync_env.wizard(qtbot)
    wiz.resize(900, 660)  # the wizard's size on a 1366×768 screen
    go_to_token_page(qtbot, wiz)
    connect_with(qtbot, wiz, "demo-limited")
    click_next(qtbot, wiz)  # sync
    click_next(qtbot, wiz)  # permissions
    page = wiz.permissions
    qtbot.waitUntil(lambda: not page.panel.busy, timeout=5000)
    scroll = page.findChild(QScrollArea, "permissionsChecklistScroll")
    assert scroll.isVisible()
    for width in (900, 1200, 760):
        wiz.resize(width, 660)
        qtbot.waitUntil(lambda w=width: wiz.width() == w, timeout=2000)
        needed = page.checklist.heightForWidth(scroll.viewport().width()) + 6
        assert scroll.maximumHeight() == min(190, needed), width
        again = page.findChild(QPushButton, "permissionsCheckAgain")
        corner = again.mapTo(wiz, again.rect().bottomRight())
        assert again.isVisible() and wiz.rect().contains(corner)
