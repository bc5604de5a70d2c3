"""Edit connection is a settings dialog with tabs (companies, categories, sync), not the whole wizard again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox

from tests.support.wizard import stored_connection
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.storage.settings import SettingsStore
from tripletex_desktop.ui.wizard.settings_dialog import ConnectionSettingsDialog
from tripletex_desktop.ui.wizard.wizard import draft_from_connection
from tripletex_desktop.workers.tasks import SyncRunner

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_an_accountants_settings_change_the_interval_and_keep_the_token(qtbot, sync_env):
    connection = stored_connection(sync_env, "demo-accountant")
    dialog = ConnectionSettingsDialog(sync_env.backend, connection, runner=SyncRunner())
    qtbot.addWidget(dialog)
    dialog.show()
    titles = [dialog.tabs.tabText(i).replace("&", "") for i in range(dialog.tabs.count())]
    assert titles == ["Companies", "Cost categories", "Sync"]
    assert dialog.save_button.isDefault()
    dialog.tabs.setCurrentWidget(dialog.categories)  # loads each client's categories in the background
    qtbot.waitUntil(lambda: not dialog.categories.panel.busy, timeout=5000)
    interval = dialog.sync.interval
    interval.setCurrentIndex(interval.findData("daily"))
    saved = []
    dialog.connectionCreated.connect(saved.append)
    with qtbot.waitSignal(dialog.connectionCreated, timeout=5000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    [conn] = saved
    assert conn.id == connection.id and conn.sync.interval == "daily"
    assert [c.id for c in conn.companies] == [c.id for c in connection.companies]
    stored = SettingsStore(sync_env.settings_path).load().settings.connection(connection.id)
    assert stored.sync.interval == "daily"
    assert sync_env.token_store.get(connection.id) == "demo-accountant"  # the token was never touched
    assert not dialog.isVisible()


def test_a_one_company_connection_has_no_companies_tab(qtbot, sync_env):
    connection = stored_connection(sync_env, "demo-all")
    dialog = ConnectionSettingsDialog(sync_env.backend, connection, runner=SyncRunner())
    qtbot.addWidget(dialog)
    titles = [dialog.tabs.tabText(i).replace("&", "") for i in range(dialog.tabs.count())]
    assert titles == ["Cost categories", "Sync"]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_the_wizard_keeps_the_tokens_owner_and_editing_keeps_it_and_every_sync_choice(qtbot, sync_env):
    connection = stored_connection(sync_env, "demo-all")  # set up through the wizard's commit
    sync_env.transport.enforce = False  # the test's own look at whoAmI, off the guard
    try:
        who = sync_env.backend.connect(draft_from_connection(connection, "en"), CancelToken()).who
    finally:
        sync_env.transport.enforce = True
    assert (connection.employee_id, connection.employee_company_id) == (who.employee_id, who.company_id)
    # approving in Tripletex was turned on at some point (the Sync tab offers it)
    connection.sync.approve_reports = True
    store = SettingsStore(sync_env.settings_path)
    settings = store.load().settings
    settings.connections = [connection]
    store.save(settings)

    dialog = ConnectionSettingsDialog(sync_env.backend, connection, runner=SyncRunner())
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.findChild(QCheckBox, "syncApproveReports").isChecked()
    saved = []
    dialog.connectionCreated.connect(saved.append)
    with qtbot.waitSignal(dialog.connectionCreated, timeout=5000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    [conn] = saved
    assert conn.sync.approve_reports is True and conn.sync.deliver_reports is True
    assert (conn.employee_id, conn.employee_company_id) == (who.employee_id, who.company_id)
    stored = SettingsStore(sync_env.settings_path).load().settings.connection(connection.id)
    assert stored.sync.approve_reports is True and stored.employee_id == who.employee_id
