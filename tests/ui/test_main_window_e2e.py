"""End to end in one process: wizard (demo) -> first sync -> the main window shows the simulator's counts."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from tripletex_desktop.app.context import build_context
from tripletex_desktop.ui.main_window import MainWindow
from tripletex_desktop.workers.sync_controller import SyncController

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
GUARD_MS = 20_000


def next_page(qtbot, wiz) -> None:
    button = wiz.button(QWizard.WizardButton.NextButton)
    qtbot.waitUntil(button.isEnabled, timeout=GUARD_MS)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_wizard_then_first_sync_then_counts(qtbot, tmp_path: Path) -> None:
    context = build_context(tmp_path / "cfg")
    controller = SyncController.for_context(context)
    window = MainWindow(context, controller, use_tray=False, demo_mode=True, switch_language=lambda c: None)
    qtbot.addWidget(window)
    window.show()
    try:
        assert window.tree.topLevelItemCount() == 0
        window.add_action.trigger()
        wiz = window.wizard
        qtbot.addWidget(wiz)
        next_page(qtbot, wiz)  # welcome -> environment (demo preselected)
        assert wiz.environment.demo.isChecked()
        next_page(qtbot, wiz)  # -> token
        assert wiz.token.demo_token.currentText() == "demo-all"
        qtbot.mouseClick(wiz.token.connect_button, Qt.MouseButton.LeftButton)
        for _ in ("sync", "permissions", "categories", "summary"):
            next_page(qtbot, wiz)
        assert wiz.page_key() == "summary"
        with qtbot.waitSignal(controller.finished, timeout=GUARD_MS) as blocker:
            qtbot.mouseClick(wiz.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
        report = blocker.args[1]
        assert not report.all_errors, report.all_errors

        conn = context.settings.connections[0]
        company = conn.companies[0]
        sim_company = context.simulator.company(company.id)
        assert window.tree.topLevelItem(0).text(0) == f"{conn.label} (demo)"
        employees = len(sim_company.employees)
        assert f"Employees: {employees} new" in window.company_panel.counts.text()
        qtbot.waitUntil(lambda: window.data_browser.model.rowCount() == employees, timeout=GUARD_MS)
        qtbot.waitUntil(lambda: window.history_panel.model.rowCount() == 1, timeout=GUARD_MS)
        item = window.tree.topLevelItem(0).child(0)
        assert item.text(1) == "OK"
    finally:
        window.quit_action.trigger()
        assert controller.sync_thread.isFinished()
        context.close()
