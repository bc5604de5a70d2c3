"""The setup wizard driven with clicks against the in-process simulator."""

from __future__ import annotations

import datetime as dt
import json
import threading

import keyring
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWizard

from tests.support.wizard import (
    Env,
    FailingTransport,
    click_next,
    connect_with,
    go_to_token_page,
    wait_next_enabled,
)
from tripletex_desktop.core.errors import SecretStoreUnavailable
from tripletex_desktop.core.models import Environment
from tripletex_desktop.services.wizard import BLOCKER, MISSING, CompanyPermissions, PermissionCell
from tripletex_desktop.storage.secrets import SessionOnlyTokenStore
from tripletex_desktop.ui.wizard.companies import access_text
from tripletex_desktop.ui.wizard.permissions import checked_at_text
from tripletex_desktop.workers.tasks import SyncRunner


class ClickCounter:
    """Counts the clicks a user makes (every qtbot.mouseClick in the flow)."""

    def __init__(self, qtbot):
        self.qtbot = qtbot
        self.count = 0

    def click(self, widget):
        self.count += 1
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_demo_all_to_finish_on_worker_threads(qtbot, threaded_env):
    env = threaded_env
    wiz = env.wizard(qtbot)
    clicks = ClickCounter(qtbot)
    next_button = wiz.button(QWizard.WizardButton.NextButton)
    created = []
    wiz.connectionCreated.connect(created.append)

    assert wiz.page_key() == "welcome"
    clicks.click(next_button)
    assert wiz.page_key() == "environment"
    assert wiz.environment.demo.isChecked()  # demo mode, nothing configured
    clicks.click(next_button)
    assert wiz.page_key() == "token"
    assert wiz.token.demo_token.currentText() == "demo-all"
    assert next_button.isEnabled()  # Next connects first, then goes on
    clicks.click(next_button)
    qtbot.waitUntil(lambda: wiz.page_key() == "sync", timeout=5000)
    assert "Kari Nordmann" in wiz.token.result.text()
    assert wiz.page_key() == "sync"  # one company: the companies page is skipped
    assert wiz.sync.sync_now.isChecked()
    clicks.click(next_button)
    assert wiz.page_key() == "permissions"  # after Sync: it checks what the chosen sync needs
    wait_next_enabled(qtbot, wiz)
    assert wiz.permissions.summary.text() == "All permissions are granted."
    clicks.click(next_button)
    assert wiz.page_key() == "categories"
    wait_next_enabled(qtbot, wiz)
    mapping = next(iter(wiz.ctx.draft.mappings.values()))
    assert mapping.complete
    clicks.click(next_button)
    assert wiz.page_key() == "summary"
    finish = wiz.button(QWizard.WizardButton.FinishButton)
    with qtbot.waitSignal(wiz.connectionCreated, timeout=5000):
        clicks.click(finish)
    qtbot.waitUntil(lambda: not wiz.isVisible())
    assert wiz.result() == QWizard.DialogCode.Accepted
    assert clicks.count <= 7  # Next ×6 and Finish
    conn = created[0]
    assert conn.environment == "demo"
    assert conn.sync.sync_on_finish is True
    assert [c.name for c in conn.companies] == ["Fjordlys Reiser AS"]
    assert conn.companies[0].mileage_cost_category_id == mapping.mileage_cost_category_id
    assert env.token_store.get(conn.id) == "demo-all"
    stored = env.settings_path.read_text()
    assert "demo-all" not in stored
    assert json.loads(stored)["connections"][0]["id"] == conn.id
    assert env.transport.requests > 0


def test_accountant_with_three_clients(qtbot, sync_env):
    wiz = sync_env.wizard(qtbot)
    go_to_token_page(qtbot, wiz)
    connect_with(qtbot, wiz, "demo-accountant")
    assert wiz.token.isComplete()
    click_next(qtbot, wiz)
    assert wiz.page_key() == "companies"  # accountant: companies before permissions
    assert wiz.companies.model.rowCount() == 3
    assert not wiz.button(QWizard.WizardButton.NextButton).isEnabled()  # nothing chosen yet
    wiz.companies.search.setText("rørlegger")
    assert wiz.companies.proxy.rowCount() == 1
    wiz.companies.search.clear()
    qtbot.mouseClick(wiz.companies.select_all, Qt.MouseButton.LeftButton)
    assert len(wiz.ctx.draft.selected_company_ids) == 3
    click_next(qtbot, wiz)
    assert wiz.page_key() == "sync"
    click_next(qtbot, wiz)
    assert wiz.page_key() == "permissions"
    assert wiz.permissions.table.columnCount() == 4  # label + three companies
    assert wiz.permissions.isComplete()
    click_next(qtbot, wiz)
    assert wiz.page_key() == "categories"
    assert wiz.categories.company.topLevelItemCount() == 3
    assert wiz.categories.apply_all.isVisible()
    # change one company, then apply by name to the others
    cats = wiz.categories
    first = cats.current_company_id()
    cats.mileage.setCurrentIndex(cats.mileage.count() - 1)
    chosen_name = cats.mileage.currentText()
    qtbot.mouseClick(cats.apply_all, Qt.MouseButton.LeftButton)
    for cid in wiz.ctx.draft.selected_company_ids:
        if cid == first:
            continue
        setup = wiz.ctx.setups[cid]
        names = {c.id: c.label for c in setup.cost_categories}
        mapped = wiz.ctx.draft.mappings[cid].mileage_cost_category_id
        if chosen_name in names.values():
            assert names[mapped] == chosen_name
    assert cats.isComplete() == all(
        wiz.ctx.draft.mappings[c].complete for c in wiz.ctx.draft.selected_company_ids
    )
    # going back keeps the choices
    wiz.back()
    wiz.back()
    wiz.back()
    assert wiz.page_key() == "companies"
    assert len(wiz.companies.model.checked_ids()) == 3
    assert "All granted" in wiz.companies.model.index(0, 2).data()


def to_permissions(qtbot, wiz, token: str) -> None:
    """Token page -> connect -> (companies) -> sync -> permissions."""
    go_to_token_page(qtbot, wiz)
    connect_with(qtbot, wiz, token)
    click_next(qtbot, wiz)
    assert wiz.page_key() == "sync"
    click_next(qtbot, wiz)
    assert wiz.page_key() == "permissions"


def verdict_of(page, key: str, column: int = 1) -> str:
    return page.table.item(page._row_of[key], column).data(Qt.ItemDataRole.UserRole)


def test_missing_permissions_then_granted_then_check_again(qtbot, sync_env):
    wiz = sync_env.wizard(qtbot)
    to_permissions(qtbot, wiz, "demo-limited")
    page = wiz.permissions
    assert not page.isComplete()
    assert not wiz.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "missing" in page.summary.text()
    row = page._row_of["project_settings"]
    cell = page.table.item(row, 1)
    assert cell.data(Qt.ItemDataRole.UserRole) == "MISSING"
    assert "Prosjektinnstillinger" in cell.toolTip()
    # inferred gaps are warnings with what does not work, never blockers
    assert verdict_of(page, "travel_all") == "LIKELY_MISSING"
    assert verdict_of(page, "employee_read") == "LIKELY_MISSING"
    assert "Only your own employee is fetched" in page.checklist.text()
    # one combined checklist with the full path, and a copy button
    text = page.checklist_text()
    assert text.startswith("Fjordlys Reiser AS\n")
    assert "Ola Hansen" in text and "API-tilgang" in text
    assert "[ ] Prosjekt (projects) → Prosjektinnstillinger\n" in text + "\n"
    assert "(probably missing)" in text
    qtbot.mouseClick(page.copy_list, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == text
    assert page.checked_at.text() == "Checked at " + checked_at_text(sync_env.checked_at)

    sync_env.sim.grant("demo-limited", "project_settings")
    sync_env.checked_at += dt.timedelta(minutes=7)
    qtbot.mouseClick(page.check_again, Qt.MouseButton.LeftButton)
    assert page.isComplete()  # the warnings remain, and the user can continue past them
    assert page.table.item(row, 1).data(Qt.ItemDataRole.UserRole) == "GRANTED"
    assert wiz.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "you can continue" in page.summary.text()
    assert page.checked_at.text() == "Checked at " + checked_at_text(sync_env.checked_at)
    sync_env.sim.grant("demo-limited", "travel_all", "employee_read")
    qtbot.mouseClick(page.check_again, Qt.MouseButton.LeftButton)
    assert page.summary.text() == "All permissions are granted."
    assert not page.copy_list.isVisible()


def test_missing_permissions_are_counted_in_english_singular_and_plural(qtbot, sync_env):
    wiz = sync_env.wizard(qtbot)
    to_permissions(qtbot, wiz, "demo-limited")
    page = wiz.permissions
    assert page.summary.text().startswith("1 permission missing. Tick it on the token in Tripletex")
    sync_env.sim.revoke("demo-limited", "travel_settings")
    qtbot.mouseClick(page.check_again, Qt.MouseButton.LeftButton)
    assert page.summary.text().startswith("2 permissions missing. Tick them on the token in Tripletex")
    # the accountant's companies list counts them the same way
    cells = {k: PermissionCell(k, MISSING, severity=BLOCKER) for k in ("project_settings", "travel_settings")}
    assert access_text(CompanyPermissions(1, dict(list(cells.items())[:1]))) == "1 permission missing"
    assert access_text(CompanyPermissions(1, cells)) == "2 permissions missing"


def test_without_project_sync_no_project_permission_is_checked_or_blocks(qtbot, sync_env):
    wiz = sync_env.wizard(qtbot)
    go_to_token_page(qtbot, wiz)
    connect_with(qtbot, wiz, "demo-limited")
    click_next(qtbot, wiz)
    wiz.sync.projects.setChecked(False)
    mark = len(sync_env.sim.request_log)
    click_next(qtbot, wiz)
    page = wiz.permissions
    assert not any(r.path.startswith("/project") for r in sync_env.sim.request_log[mark:])
    assert verdict_of(page, "project_settings") == "NOT_NEEDED"
    assert page.isComplete()
    # back to Sync, projects on: the project permissions are checked now, and block
    wiz.back()
    wiz.sync.projects.setChecked(True)
    click_next(qtbot, wiz)
    assert verdict_of(page, "project_settings") == "MISSING"
    assert not page.isComplete()
    # "Continue without projects" turns project sync off again, and the Sync page shows it
    assert page.without_projects.isVisible()
    qtbot.mouseClick(page.without_projects, Qt.MouseButton.LeftButton)
    assert page.isComplete() and wiz.ctx.draft.sync.projects is False
    assert not wiz.sync.projects.isChecked()


def test_a_company_without_the_project_module_does_not_block_or_ask_to_tick(qtbot, sync_env):
    sync_env.sim.disable_module("Fjordlys Reiser AS", "project")
    wiz = sync_env.wizard(qtbot)
    to_permissions(qtbot, wiz, "demo-all")
    page = wiz.permissions
    assert verdict_of(page, "project_info") == "UNAVAILABLE"
    assert verdict_of(page, "project_settings") == "UNAVAILABLE"
    assert page.isComplete()  # a single company continues past the warning
    assert (
        "Most likely the company does not use the project module"
        in page.table.item(page._row_of["project_info"], 1).toolTip()
    )
    text = page.checklist_text()
    assert "In Tripletex, open" not in text  # nothing to tick for sure
    assert "Only if the company uses the project module" in text
    assert "Projects are not fetched" in page.checklist.text()


def test_wrong_environment_token(qtbot, sync_env):
    wiz = sync_env.wizard(qtbot)
    go_to_token_page(qtbot, wiz)
    connect_with(qtbot, wiz, "test-demo")
    assert wiz.token.panel.error_code == "wrong_environment"
    assert wiz.token.panel.error_title.isVisibleTo(wiz.token)
    assert not wiz.token.connected()  # Next would connect again, and stay here on failure


def test_expired_token_has_its_own_message(qtbot, sync_env):
    wiz = sync_env.wizard(qtbot)
    go_to_token_page(qtbot, wiz)
    connect_with(qtbot, wiz, "demo-expired")
    assert wiz.token.panel.error_code == "employee_token_expired"


@pytest.mark.parametrize("token", ["demo-expired", "test-demo"])
def test_a_demo_user_that_fails_on_purpose_says_to_pick_another_not_to_paste_a_token(qtbot, sync_env, token):
    wiz = sync_env.wizard(qtbot)
    go_to_token_page(qtbot, wiz)
    connect_with(qtbot, wiz, token)
    text = wiz.token.panel.error_text.text()
    assert "Choose another one above" in text
    assert "paste" not in text.casefold()  # the demo has no token field


def test_test_token_on_production_is_flagged_before_sending(qtbot, sync_env):
    sync_env.backend._default_consumer_token = lambda env: "release-build-consumer"  # a release build
    wiz = sync_env.wizard(qtbot, demo_mode=False)
    click_next(qtbot, wiz)
    assert wiz.environment.production.isChecked()
    click_next(qtbot, wiz)
    wiz.token.token.setText("  test-abc\n")
    assert wiz.token.warning.isVisibleTo(wiz.token)
    assert not wiz.token.connect_button.isEnabled()
    wiz.token.connect_now()
    assert sync_env.transport.requests == 0


def test_network_failure(qtbot, tmp_path):
    env = Env(tmp_path, SyncRunner(), enforce_guard=True, transport=FailingTransport())
    wiz = env.wizard(qtbot)
    go_to_token_page(qtbot, wiz)
    connect_with(qtbot, wiz, "demo-all")
    assert wiz.token.panel.error_code == "network"
    assert not wiz.token.connected()  # Next would connect again, and stay here on failure
    click_next(qtbot, wiz)
    assert wiz.page_key() == "token" and wiz.token.panel.error_code == "network"


class BlockingBackend:
    """A backend whose connect blocks until released: Cancel must not wait for it."""

    def __init__(self, real):
        self.real = real
        self.started = threading.Event()
        self.release = threading.Event()
        self.saw_cancel = []

    def __getattr__(self, name):
        return getattr(self.real, name)

    def connect(self, draft, cancel):
        self.started.set()
        self.release.wait(10)
        self.saw_cancel.append(cancel.cancelled)
        return self.real.connect(draft, cancel)


def test_cancel_during_check_returns_at_once_and_ignores_late_result(qtbot, threaded_env):
    env = threaded_env
    blocking = BlockingBackend(env.backend)
    env.backend = blocking
    wiz = env.wizard(qtbot)
    go_to_token_page(qtbot, wiz)
    connect_with(qtbot, wiz, "demo-all")
    assert blocking.started.wait(5)
    assert wiz.token.panel.busy
    assert wiz.token.panel.cancel_button.isVisibleTo(wiz.token)
    qtbot.mouseClick(wiz.token.panel.cancel_button, Qt.MouseButton.LeftButton)
    # returned at once: the backend is still blocked, the page is idle again
    assert not blocking.release.is_set()
    assert not wiz.token.panel.busy
    assert wiz.token.connect_button.isEnabled()
    blocking.release.set()
    assert env.runner.wait_for_done(10000)
    qtbot.wait(10)  # let the queued late result arrive (it must be dropped)
    assert blocking.saw_cancel == [True]
    assert not wiz.token.connected()  # Next would connect again, and stay here on failure
    assert wiz.token.result.text() == ""


class NoKeyringStore:
    """A token store whose keyring is unavailable."""

    def __init__(self):
        self.writes = 0

    def ensure_secure(self):
        raise SecretStoreUnavailable("NoKeyringError", reason="no_backend")

    def get(self, connection_id, kind="employee"):
        raise SecretStoreUnavailable("NoKeyringError", reason="no_backend")

    def set(self, *args, **kwargs):
        self.writes += 1
        raise SecretStoreUnavailable("NoKeyringError", reason="no_backend")

    def delete(self, *args, **kwargs):
        raise SecretStoreUnavailable("NoKeyringError", reason="no_backend")


def _run_to_summary(qtbot, wiz, token="demo-all"):
    go_to_token_page(qtbot, wiz)
    connect_with(qtbot, wiz, token)
    for _ in range(3):
        click_next(qtbot, wiz)
    click_next(qtbot, wiz)
    assert wiz.page_key() == "summary"


def test_finish_when_keyring_unavailable_offers_session_only(qtbot, sync_env, monkeypatch):
    env = sync_env
    env.backend.token_store = NoKeyringStore()
    session_store = SessionOnlyTokenStore()
    env.backend.session_token_store = session_store
    wiz = env.wizard(qtbot)
    _run_to_summary(qtbot, wiz)
    finish = wiz.button(QWizard.WizardButton.FinishButton)
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    assert wiz.isVisible()  # kept open
    assert wiz.summary.panel.error_code == "keyring_unavailable"
    assert (
        "GNOME Keyring" in wiz.summary.panel.error_text.text()
        or "Keychain" in wiz.summary.panel.error_text.text()
        or "Credential Manager" in wiz.summary.panel.error_text.text()
    )
    assert wiz.summary.session_only.isVisibleTo(wiz.summary)
    assert not env.settings_path.exists()  # neither settings nor token
    assert keyring.get_keyring().store == {}  # nothing in the (test) keyring either

    wiz.summary.session_only.setChecked(True)
    with qtbot.waitSignal(wiz.connectionCreated, timeout=2000) as blocker:
        qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    conn = blocker.args[0]
    assert session_store.get(conn.id) == "demo-all"
    assert "demo-all" not in env.settings_path.read_text()


def test_settings_failure_rolls_back_the_token(qtbot, sync_env):
    env = sync_env

    class BrokenSettings:
        def __init__(self, real):
            self.real = real

        def load(self):
            return self.real.load()

        def save(self, settings):
            from tripletex_desktop.core.errors import DiskFull

            raise DiskFull("no space")

    env.backend.settings_store = BrokenSettings(env.settings_store)
    wiz = env.wizard(qtbot)
    _run_to_summary(qtbot, wiz)
    qtbot.mouseClick(wiz.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wiz.isVisible()
    assert wiz.summary.panel.error_code == "disk_full"
    assert keyring.get_keyring().store == {}


def test_edit_existing_connection_keeps_stored_token(qtbot, sync_env):
    env = sync_env
    wiz = env.wizard(qtbot)
    _run_to_summary(qtbot, wiz)
    with qtbot.waitSignal(wiz.connectionCreated) as blocker:
        qtbot.mouseClick(wiz.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    conn = blocker.args[0]

    edit = env.wizard(qtbot, existing=conn, demo_mode=False, start_at_token_page=True)
    assert edit.page_key() == "token"
    page = edit.token
    assert page.is_demo()  # the connection's environment
    assert edit.ctx.draft.employee_token is None  # the stored token is never loaded into the field
    assert page.token.text() == ""
    qtbot.mouseClick(page.connect_button, Qt.MouseButton.LeftButton)
    assert page.isComplete()
    assert edit.ctx.draft.selected_company_ids == [c.id for c in conn.companies]


def test_editing_a_connection_keeps_its_toll_category(qtbot, sync_env):
    env = sync_env
    wiz = env.wizard(qtbot)
    go_to_token_page(qtbot, wiz)
    connect_with(qtbot, wiz, "demo-all")
    click_next(qtbot, wiz)  # sync
    click_next(qtbot, wiz)  # permissions
    click_next(qtbot, wiz)  # categories
    cats = wiz.categories
    cats.toll.setCurrentIndex(cats.toll.count() - 1)
    toll = cats.toll.currentData()
    assert toll is not None
    click_next(qtbot, wiz)  # summary
    with qtbot.waitSignal(wiz.connectionCreated) as blocker:
        qtbot.mouseClick(wiz.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    conn = blocker.args[0]
    assert conn.companies[0].toll_cost_category_id == toll

    # Edit it (as the main window does: the stored ConnectionSettings) and click straight through to Finish.
    stored = env.settings_store.load().settings.connection(conn.id)
    edit = env.wizard(qtbot, existing=stored, demo_mode=False)
    assert edit.page_key() == "environment"
    click_next(qtbot, edit)
    qtbot.mouseClick(edit.token.connect_button, Qt.MouseButton.LeftButton)
    for expected in ("sync", "permissions", "categories", "summary"):
        click_next(qtbot, edit)
        assert edit.page_key() == expected
        if expected == "categories":
            assert edit.categories.toll.currentData() == toll  # shown as chosen, not reset
    with qtbot.waitSignal(edit.connectionCreated) as blocker:
        qtbot.mouseClick(edit.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert blocker.args[0].companies[0].toll_cost_category_id == toll
    saved = env.settings_store.load().settings.connection(conn.id)
    assert saved.companies[0].toll_cost_category_id == toll


def test_draft_from_connection_carries_every_mapping_slot():
    from tripletex_desktop.storage.settings import CompanySettings, ConnectionSettings
    from tripletex_desktop.ui.wizard.wizard import draft_from_connection

    company = CompanySettings(
        id=7,
        name="A",
        mileage_cost_category_id=1,
        per_diem_cost_category_id=2,
        payment_type_id=3,
        toll_cost_category_id=4,
    )
    conn = ConnectionSettings(id="c1", label="A", environment="test", companies=[company])
    draft = draft_from_connection(conn, "nb")
    assert draft.mappings == {7: company.mapping()}
    assert draft.mappings[7].extra == {"toll": 4}


def test_pasted_consumer_token_is_cleaned_like_the_employee_token(qtbot, sync_env):
    wiz = sync_env.wizard(qtbot, demo_mode=False)
    click_next(qtbot, wiz)
    wiz.environment.advanced_toggle.setChecked(True)
    wiz.environment.consumer_token.setText("  cons\r\numer\t ")
    click_next(qtbot, wiz)
    assert wiz.ctx.draft.consumer_token == "consumer"


def test_edit_non_demo_shows_keep_current_token(qtbot, sync_env):
    from tripletex_desktop.storage.settings import ConnectionSettings

    conn = ConnectionSettings(id="abc", label="Mine", environment="production")
    wiz = sync_env.wizard(qtbot, existing=conn, demo_mode=False, start_at_token_page=True)
    page = wiz.token
    assert page.keep_token.isVisibleTo(page)
    assert page.keep_token.isChecked()
    assert page.current_token() is None
    page.token.setText("new-token")
    assert page.current_token() == "new-token"


def test_back_and_next_keep_input(qtbot, sync_env):
    wiz = sync_env.wizard(qtbot)
    click_next(qtbot, wiz)
    wiz.environment.advanced_toggle.setChecked(True)
    wiz.environment.base_url.setText("http://example.invalid/v2")
    wiz.environment.demo.setChecked(True)
    click_next(qtbot, wiz)
    wiz.back()
    assert wiz.environment.base_url.text() == "http://example.invalid/v2"
    assert wiz.ctx.draft.environment is Environment.DEMO


def test_every_interactive_widget_has_object_and_accessible_name(qtbot, sync_env):
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QComboBox,
        QDateEdit,
        QLineEdit,
    )

    wiz = sync_env.wizard(qtbot)
    interactive = (QAbstractButton, QLineEdit, QComboBox, QDateEdit, QAbstractItemView)
    missing = []
    from PySide6.QtWidgets import QWidget

    for w in [c for c in wiz.findChildren(QWidget) if isinstance(c, interactive)]:
        if _inside(w, "QComboBox") or w.inherits("QHeaderView"):
            continue  # a combo's popup list, a table's header: parts of a named widget
        if w.parent() is not None and (
            w.parent().inherits("QAbstractSpinBox") or w.parent().inherits("QLineEdit")
        ):
            continue  # internals of a date edit / line edit clear button
        if not w.objectName() and w.parent() is not None and w.parent().objectName().startswith("qt_"):
            continue  # Qt's own internals (calendar popup)
        if w.objectName().startswith("qt_"):
            continue
        if not w.objectName() or not w.accessibleName():
            missing.append((type(w).__name__, w.objectName(), w.accessibleName()))
    assert missing == [], "\n".join(map(str, missing))


def _inside(widget, class_name):
    parent = widget.parent()
    while parent is not None:
        if parent.inherits(class_name):
            return True
        parent = parent.parent()
    return False


@pytest.mark.parametrize("token", ["demo-enk"])
def test_sole_proprietor_inconclusive_does_not_block(qtbot, sync_env, token):
    wiz = sync_env.wizard(qtbot)
    to_permissions(qtbot, wiz, token)
    page = wiz.permissions
    verdicts = {
        key: page.table.item(row, 1).data(Qt.ItemDataRole.UserRole) for key, row in page._row_of.items()
    }
    assert "MISSING" not in verdicts.values()
    assert "INCONCLUSIVE" in verdicts.values()
    assert page.isComplete()
    assert "could not be confirmed" in page.summary.text()


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_cancel_after_typing_asks_before_throwing_the_setup_away(qtbot, sync_env):
    from PySide6.QtWidgets import QLabel, QMessageBox

    wiz = sync_env.wizard(qtbot)
    qtbot.mouseClick(wiz.button(QWizard.WizardButton.CancelButton), Qt.MouseButton.LeftButton)
    assert not wiz.isVisible()  # nothing entered yet: Cancel just closes
    wiz = sync_env.wizard(qtbot)
    go_to_token_page(qtbot, wiz)
    connect_with(qtbot, wiz, "demo-all")
    qtbot.keyClick(wiz, Qt.Key.Key_Escape)  # Esc is Cancel
    box = wiz.cancel_question
    assert box is not None and box.isVisible() and wiz.isVisible()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    info = box.findChild(QLabel, "qt_msgbox_informativelabel")
    assert info is not None and info.text()
    assert info.height() <= 2 * info.fontMetrics().lineSpacing() + 4  # readable lines, not a narrow column
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton)
    assert wiz.isVisible() and wiz.token.isComplete()  # nothing lost
    qtbot.mouseClick(wiz.button(QWizard.WizardButton.CancelButton), Qt.MouseButton.LeftButton)
    box = wiz.cancel_question
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert not wiz.isVisible()


def test_a_pc_clock_days_off_connects_and_says_the_clock_is_wrong(qtbot, sync_env):
    real = sync_env.sim.today()
    sync_env.client_today = lambda: real - dt.timedelta(days=4)
    wiz = sync_env.wizard(qtbot)
    go_to_token_page(qtbot, wiz)
    connect_with(qtbot, wiz, "demo-all")
    assert wiz.token.isComplete()
    assert "date is 4 days off Tripletex's" in wiz.token.result.text()


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_production_without_the_apps_consumer_token_is_said_on_the_environment_page(qtbot, sync_env):
    sync_env.backend._default_consumer_token = lambda env: None  # a build from source, no key set
    wiz = sync_env.wizard(qtbot, demo_mode=False)
    click_next(qtbot, wiz)
    page = wiz.environment
    assert page.production.isChecked()
    assert page.no_consumer.isVisible() and "official release" in page.no_consumer.text()
    assert page.advanced.isVisible()  # the field that fixes it is open, right there
    # the field never claims a built-in key this build does not have
    assert "built-in" not in page.consumer_token.placeholderText()
    assert "application key" in page.consumer_token.placeholderText()
    assert not wiz.button(QWizard.WizardButton.NextButton).isEnabled()
    qtbot.keyClicks(page.consumer_token, "office-consumer-token")
    assert not page.no_consumer.isVisible()
    assert wiz.button(QWizard.WizardButton.NextButton).isEnabled()
    page.consumer_token.clear()
    page.demo.setChecked(True)  # demo and test need no key
    assert wiz.button(QWizard.WizardButton.NextButton).isEnabled() and not page.no_consumer.isVisible()


def test_every_demo_user_offered_is_explained_on_the_token_page(qtbot, sync_env):
    wiz = sync_env.wizard(qtbot)
    go_to_token_page(qtbot, wiz)
    combo = wiz.token.demo_token
    offered = [combo.itemText(i) for i in range(combo.count())]
    assert "demo-noproject" in offered
    text = wiz.token.instructions.text()
    assert [t for t in offered if f"<b>{t}</b>" not in text] == []


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_no_secure_keyring_is_said_on_the_token_page_and_the_summary_never_claims_it_is_stored(
    qtbot, sync_env, monkeypatch
):
    def locked() -> None:
        raise SecretStoreUnavailable("x", reason="no_backend")

    sync_env.backend._default_consumer_token = lambda env: "release-build-consumer"
    monkeypatch.setattr(sync_env.token_store, "ensure_secure", locked)
    wiz = sync_env.wizard(qtbot, demo_mode=False)
    click_next(qtbot, wiz)
    wiz.environment.test.setChecked(True)
    click_next(qtbot, wiz)
    page = wiz.token
    assert page.keyring_note.isVisible() and "this run of the app" in page.keyring_note.text()
    wiz.ctx.draft.employee_token = "test-token"  # as Connect leaves it
    wiz.summary.initializePage()
    assert not wiz.summary.session_only.isHidden() and wiz.summary.session_only.isChecked()
    review = wiz.summary.review.text()
    assert "kept for this run only" in review and "stored in the system's password store" not in review


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_a_token_on_the_clipboard_is_offered_and_pasting_connects(qtbot, sync_env):
    sync_env.backend._default_consumer_token = lambda env: "release-build-consumer"
    QGuiApplication.clipboard().setText("test-" + "a1b2c3d4" * 4)
    wiz = sync_env.wizard(qtbot, demo_mode=False)
    click_next(qtbot, wiz)
    wiz.environment.test.setChecked(True)
    click_next(qtbot, wiz)
    page = wiz.token
    assert page.clipboard_offer.isVisible()
    assert page.guide.isVisible() and "Lesetilgang til ansattinformasjon" in page.guide.text.text()
    qtbot.mouseClick(page.clipboard_paste, Qt.MouseButton.LeftButton)
    assert page.token.text().startswith("test-")
    assert page.panel.error_code is not None or page.connected()  # it connected at once (the sim refuses it)
    assert sync_env.transport.requests > 0
    QGuiApplication.clipboard().clear()


def test_the_summary_of_fifty_clients_summarises_instead_of_growing_a_block_each(qtbot):
    from tripletex_desktop.core.models import (
        ClientCompany,
        CompanyMapping,
        CostCategory,
        PaymentType,
        TravelExpenseSettings,
        WhoAmI,
    )
    from tripletex_desktop.services.wizard import CompanySetupView, WizardDraft
    from tripletex_desktop.ui.wizard.base import WizardContext
    from tripletex_desktop.ui.wizard.summary import SummaryPage

    companies = tuple(ClientCompany(100 + n, f"Klient {n:02d} AS") for n in range(50))
    draft = WizardDraft(environment=Environment.DEMO, language="en", is_accountant=True, companies=companies)
    draft.selected_company_ids = [c.id for c in companies]
    draft.who = WhoAmI(1, "Siri Tall", 1, "Tallknuser Regnskap AS")
    ctx = WizardContext(draft=draft, backend=None)
    for c in companies:
        ctx.setups[c.id] = CompanySetupView(
            c.id,
            (CostCategory(1, "Bilgodtgjørelse"), CostCategory(2, "Diett")),
            (PaymentType(3, "Privat utlegg"),),
            TravelExpenseSettings(),
            CompanyMapping(c.id, 1, 2, 3),
        )
        draft.mappings[c.id] = CompanyMapping(c.id, 1, 2, 3)
    page = SummaryPage(ctx)
    qtbot.addWidget(page)
    page.initializePage()
    text = page.review.text()
    assert "50 clients, the same categories" in text
    assert text.count("Klient") <= 3  # a few named, not fifty blocks
