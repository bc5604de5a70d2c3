"""Edit connection is a settings dialog with tabs (companies, categories, sync), not the whole wizard again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton

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


def accountant_with_two_of_three(sync_env):
    """The demo accounting office connected with two of its three clients."""
    connection = stored_connection(sync_env, "demo-accountant")
    connection.companies = connection.companies[:2]
    store = SettingsStore(sync_env.settings_path)
    settings = store.load().settings
    settings.connections = [connection]
    store.save(settings)
    return connection


def access_of(dialog, company_id: int) -> str:
    model = dialog.companies.model
    row = next(
        r for r in range(model.rowCount()) if model.index(r, 0).data(Qt.ItemDataRole.UserRole) == company_id
    )
    return model.index(row, model.ACCESS).data()


def tick(qtbot, dialog, company_id: int) -> None:
    model = dialog.companies.model
    row = next(
        r for r in range(model.rowCount()) if model.index(r, 0).data(Qt.ItemDataRole.UserRole) == company_id
    )
    model.setData(model.index(row, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)


def test_a_client_added_in_the_dialog_is_checked_there_and_saved_when_its_access_is_there(qtbot, sync_env):
    connection = accountant_with_two_of_three(sync_env)
    dialog = ConnectionSettingsDialog(sync_env.backend, connection, runner=SyncRunner())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.refresh_clients, Qt.MouseButton.LeftButton)  # the office's third client appears
    [third] = [c.id for c in dialog.ctx.draft.companies if c.id not in {c.id for c in connection.companies}]
    assert access_of(dialog, third) == "Not checked yet"
    tick(qtbot, dialog, third)
    assert not dialog.save_button.isEnabled()  # not checked yet: Save waits
    qtbot.waitUntil(lambda: access_of(dialog, third) == "All granted", timeout=5000)  # in the background
    assert dialog.findChild(QLabel, "settingsAccessNote").isHidden()
    dialog.tabs.setCurrentWidget(dialog.categories)
    qtbot.waitUntil(lambda: not dialog.categories.panel.busy, timeout=5000)
    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(dialog.connectionCreated, timeout=5000) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert third in [c.id for c in saved.args[0].companies]


def test_an_added_client_with_a_missing_permission_holds_save_back_until_left_out(qtbot, sync_env):
    connection = accountant_with_two_of_three(sync_env)
    sync_env.sim.revoke("demo-accountant", "travel_settings")  # a 403 on its own read: a blocker
    dialog = ConnectionSettingsDialog(sync_env.backend, connection, runner=SyncRunner())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.refresh_clients, Qt.MouseButton.LeftButton)
    [third] = [c.id for c in dialog.ctx.draft.companies if c.id not in {c.id for c in connection.companies}]
    tick(qtbot, dialog, third)
    qtbot.waitUntil(lambda: "missing" in access_of(dialog, third), timeout=5000)
    assert dialog.ctx.permissions[third].blockers == ["travel_settings"]
    note = dialog.findChild(QLabel, "settingsAccessNote")
    assert note.isVisible() and "cannot be used yet" in note.text()
    assert not dialog.save_button.isEnabled()
    # ticked in Tripletex after all: Check again finds it granted
    sync_env.sim.grant("demo-accountant", "travel_settings")
    qtbot.mouseClick(dialog.findChild(QPushButton, "settingsCheckAgain"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: access_of(dialog, third) == "All granted", timeout=5000)
    assert note.isHidden()
    # missing again: leaving it out frees Save, and only the two stored clients are kept
    sync_env.sim.revoke("demo-accountant", "travel_settings")
    again = dialog.findChild(QPushButton, "settingsCheckAgain")
    assert again.isVisible()  # offered for every added client, not only a blocked one
    qtbot.mouseClick(again, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.save_button.isEnabled() and note.isVisible(), timeout=5000)
    qtbot.mouseClick(dialog.findChild(QPushButton, "settingsLeaveOut"), Qt.MouseButton.LeftButton)
    assert third not in dialog.ctx.draft.selected_company_ids
    assert note.isHidden() and again.isHidden()
    dialog.tabs.setCurrentWidget(dialog.categories)
    qtbot.waitUntil(lambda: not dialog.categories.panel.busy, timeout=5000)
    assert dialog.save_button.isEnabled()
