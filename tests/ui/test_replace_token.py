"""Replace token in one short dialog (paste → check → save), and a token missing from this machine's keyring
fixed on the same screen: the error panel's own token field."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from tests.support.main_window import GUARD_MS, NOW, sync_and_wait
from tests.support.wizard import stored_connection
from tripletex_desktop.core.errors import ErrorInfo, SecretStoreUnavailable
from tripletex_desktop.core.sync import EntityError, SyncReport
from tripletex_desktop.ui.widgets.replace_token import ReplaceTokenDialog
from tripletex_desktop.workers.tasks import SyncRunner

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def dialog_for(qtbot, env, connection) -> ReplaceTokenDialog:
    dialog = ReplaceTokenDialog(env.backend, connection, runner=SyncRunner())
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_paste_check_save_stores_a_token_for_the_same_company_and_closes(qtbot, sync_env):
    connection = stored_connection(sync_env)
    dialog = dialog_for(qtbot, sync_env, connection)
    assert not dialog.save_button.isEnabled() and dialog.save_button.isDefault()
    QGuiApplication.clipboard().setText("  demo-limited\n")
    with qtbot.waitSignal(dialog.tokenReplaced, timeout=GUARD_MS) as replaced:
        qtbot.mouseClick(dialog.paste, Qt.MouseButton.LeftButton)  # connecting happens on paste
    assert replaced.args == [connection.id]
    assert sync_env.token_store.get(connection.id) == "demo-limited"
    assert not dialog.isVisible()


@pytest.mark.parametrize("token", ["demo-enk", "demo-accountant"])
def test_a_token_that_does_not_fit_the_connection_is_refused_and_nothing_is_stored(qtbot, sync_env, token):
    """demo-enk reaches another company; demo-accountant is an office's token (it reaches this company as a
    client, but a company's own connection cannot use it)."""
    connection = stored_connection(sync_env)
    dialog = dialog_for(qtbot, sync_env, connection)
    qtbot.keyClicks(dialog.token, token)
    qtbot.keyClick(dialog.token, Qt.Key.Key_Return)  # Enter is Check and save
    assert dialog.panel.error_code == "token_other_companies"
    assert dialog.panel.error_title.text() == "This token does not fit this connection"
    assert sync_env.token_store.get(connection.id) == "demo-all"
    assert dialog.isVisible() and dialog.save_button.isEnabled()


def test_without_a_secure_keyring_the_dialog_offers_this_run_only(qtbot, sync_env, monkeypatch):
    connection = stored_connection(sync_env)
    dialog = dialog_for(qtbot, sync_env, connection)

    def locked() -> None:
        raise SecretStoreUnavailable("x", reason="locked")

    monkeypatch.setattr(sync_env.token_store, "ensure_secure", locked)
    qtbot.keyClicks(dialog.token, "demo-limited")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.panel.error_code == "keyring_unavailable"
    assert dialog.session_only.isVisible()
    dialog.session_only.setChecked(True)
    with qtbot.waitSignal(dialog.tokenReplaced, timeout=GUARD_MS):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert sync_env.backend.session_token_store.get(connection.id) == "demo-limited"
    assert sync_env.token_store.get(connection.id) == "demo-all"  # the keyring was never written


class FakeTokenBackend:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def replace_token(self, draft, token, cancel, *, session_only=False):
        self.calls.append((draft.connection_id, token))


def test_a_token_missing_from_this_machine_is_said_plainly_with_a_paste_field_right_there(qtbot, harness):
    backend = FakeTokenBackend()
    w = harness.make(token_backend=backend)
    harness.runner.report = SyncReport(
        "conn1", NOW, NOW, errors=(EntityError(None, ErrorInfo("token_missing")),)
    )
    sync_and_wait(qtbot, harness)
    panel = w.company_panel.errors
    assert panel.title.text() == "The employee token is not on this computer"
    assert panel.offers_paste and panel.token_edit.isVisible()
    assert panel.action_keys[0] == "replace_token"
    harness.runner.report = SyncReport("conn1", NOW, NOW)
    conn = w.context.settings.connection("conn1")
    conn.employee_id, conn.employee_company_id = 5, 101  # the old token's owner
    qtbot.keyClicks(panel.token_edit, "new-token")
    with qtbot.waitSignal(harness.controller.finished, timeout=GUARD_MS):
        qtbot.keyClick(panel.token_edit, Qt.Key.Key_Return)  # checked, stored, then synced at once
    assert backend.calls == [("conn1", "new-token")]
    assert not panel.isVisible()  # the sync succeeded: the error is gone
    # the new token may be someone else's: forgotten, so that sync asks whoAmI (services.sync)
    assert (conn.employee_id, conn.employee_company_id) == (None, None)


def test_replace_token_opens_the_short_dialog_not_the_wizard(qtbot, harness):
    w = harness.make(token_backend=FakeTokenBackend())
    w.token_action.trigger()
    assert isinstance(w.replace_dialog, ReplaceTokenDialog) and w.replace_dialog.isVisible()
    assert harness.wizards == []
    assert w.replace_dialog.token.hasFocus() or w.replace_dialog.token.isVisible()
    qtbot.keyClick(w.replace_dialog, Qt.Key.Key_Escape)
    assert not w.replace_dialog.isVisible()
