"""The main window for an accountant and an owner: the clients table, empty states, demo mode, the archive,
and a button for every fix an error recommends."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from PySide6.QtCore import Qt

from tests.support.main_window import GUARD_MS, NOW, ok_report, settings, sync_and_wait
from tripletex_desktop.core.errors import ErrorInfo
from tripletex_desktop.core.sync import CompanyReport, EntityError, HistoryEntry, SyncReport
from tripletex_desktop.storage.reports import LastError, ReportEvent
from tripletex_desktop.storage.settings import Settings
from tripletex_desktop.ui import i18n, messages

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def select_connection(w) -> None:
    w.tree.setCurrentItem(w.tree.topLevelItem(0))


def test_an_accountants_connection_shows_every_client_with_status_syncs_waiting_reports_and_errors(
    qtbot, harness
) -> None:
    harness.data.counts = {101: {"approved": 2, "failed": 1, "draft": 4, "sent": 9}}
    w = harness.make()
    forbidden = EntityError("projects", ErrorInfo("permission_denied", status=403))
    harness.runner.report = SyncReport(
        "conn1",
        NOW,
        NOW,
        companies=(
            CompanyReport(101, "Fjordlys Reiser AS", {}),
            CompanyReport(102, "Hansen Rørlegger", {}, errors=(forbidden,)),
        ),
    )
    sync_and_wait(qtbot, harness)
    select_connection(w)
    assert w.overview_stack.currentWidget() is w.clients_overview
    overview = w.clients_overview
    model = overview.model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] == [
        "Client",
        "Status",
        "Last sync",
        "Next sync",
        "Reports waiting",
        "Errors",
    ]
    qtbot.waitUntil(lambda: overview.rows and overview.rows[0].waiting == 3, timeout=GUARD_MS)
    fjordlys, hansen = overview.rows
    assert (fjordlys.name, fjordlys.waiting, fjordlys.error) == ("Fjordlys Reiser AS", 3, "")
    assert fjordlys.last_sync == NOW.astimezone().strftime("%d.%m.%Y %H:%M")
    assert fjordlys.next_sync == "Manual"
    assert hansen.waiting == 0 and hansen.error == "Missing access in Tripletex" and hansen.needs_attention
    assert overview.summary.text() == "2 clients \u00b7 1 needs attention \u00b7 3 reports waiting"
    # Find a client by typing, Enter opens it: the tree selects the company and its panel shows.
    qtbot.keyClicks(overview.search, "hans")
    qtbot.keyClick(overview.search, Qt.Key.Key_Return)
    assert w.selected_company() == ("conn1", 102)
    assert w.overview_stack.currentWidget() is w.company_panel


def test_a_one_company_connection_shows_the_company_itself(qtbot, harness) -> None:
    s = settings()
    s.connections[0].companies = s.connections[0].companies[:1]
    w = harness.make(s)
    select_connection(w)
    assert w.overview_stack.currentWidget() is w.company_panel


def test_no_connection_says_what_to_do_with_buttons(qtbot, harness) -> None:
    w = harness.make(Settings())
    empty = w.no_connection
    assert w.overview_stack.currentWidget() is empty
    assert empty.title.text() == "No connection to Tripletex yet"
    add, imp = empty.buttons["emptyAddConnection"], empty.buttons["emptyImportProfile"]
    assert add.isVisible() and imp.isVisible() and add.isDefault()
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    existing, token_page, wizard = harness.wizards[-1]
    assert existing is None and not token_page and wizard.shown


def test_demo_mode_is_visible_in_the_window(qtbot, harness) -> None:
    w = harness.make()
    assert w.demo_banner.isVisible()
    assert "simulated Tripletex" in w.demo_banner.text()
    assert w.windowTitle().endswith("[Demo]")
    real = settings()
    real.connections[0].environment = "production"
    w2 = harness.make(real)
    assert not w2.demo_banner.isVisible() and "[Demo]" not in w2.windowTitle()
    assert w2.tree.topLevelItem(0).text(0) == "Regnskap"


def _event(n: int, kind: str, state: str, at: dt.datetime, **kw) -> ReportEvent:
    return ReportEvent(
        id=n,
        report_id=uuid.UUID(int=n),
        company_id=101,
        at=at,
        kind=kind,
        state=state,
        title="Kundemøte Bergen",
        employee_name="Kari Nordmann",
        tripletex_number=kw.get("number"),
        tripletex_state=kw.get("tripletex_state"),
        error=kw.get("error"),
    )


def test_history_is_an_archive_of_syncs_approvals_and_sends_with_the_full_error(qtbot, harness) -> None:
    later = NOW + dt.timedelta(minutes=5)
    harness.data.events = [
        _event(3, "sent", "sent", later, number=8, tripletex_state="OPEN"),
        _event(2, "failed", "failed", NOW, error=LastError("server_error", "502 from the gateway", "req-9")),
        _event(1, "approved", "approved", NOW - dt.timedelta(minutes=5)),
    ]
    harness.data.entries = [HistoryEntry(1, ok_report())]  # a sync run at NOW, the time of the failed send
    w = harness.make()
    history = w.history_panel
    qtbot.waitUntil(lambda: history.model.rowCount() == 4, timeout=GUARD_MS)
    cells = [
        [history.model.index(r, c).data() for c in range(history.model.columnCount())]
        for r in range(history.model.rowCount())
    ]
    fmt = "%d.%m.%Y %H:%M"
    assert [row[1] for row in cells] == [
        "Sent to Tripletex",
        "Sending failed",
        "Sync",
        "Marked ready to send",
    ]  # newest first; at the same time the report event before the run, always
    assert cells[0][0] == later.astimezone().strftime(fmt)
    assert cells[0][3:6] == ["Kundemøte Bergen \u2013 Kari Nordmann", "8", "Sent (Open)"]
    assert cells[1][6] == "Tripletex is unavailable"
    history.table.selectRow(1)
    details = history.details.toPlainText()
    assert "502 from the gateway" in details and "req-9" in details and "Try again later" in details
    history.filter.setCurrentIndex(history.filter.findData("sync"))
    assert history.model.rowCount() == 1
    history.filter.setCurrentIndex(history.filter.findData("report"))
    assert history.model.rowCount() == 3


def test_counts_say_1_new_and_2_new_in_norwegian_forms(qtbot, harness) -> None:
    w = harness.make()
    sync_and_wait(qtbot, harness)
    assert "Employees: 3 new" in w.company_panel.counts.text()


def test_every_fix_an_error_recommends_has_a_button_somewhere():
    without = [
        code
        for code, entry in messages.ERRORS.items()
        if entry.fix and not messages.ERROR_ACTIONS.get(code) and code not in messages.NO_ACTION
    ]
    assert without == [], (
        "a new error code whose fix recommends something: give it its buttons in ui.messages.ERROR_ACTIONS "
        "(keys of ui.messages.ACTIONS), or list it in NO_ACTION with the reason"
    )
    handled = messages.MAIN_WINDOW_ACTIONS | messages.REPORTS_ACTIONS | messages.WIZARD_ACTIONS
    used = {a for actions in messages.ERROR_ACTIONS.values() for a in actions}
    assert used <= set(messages.ACTIONS) and used <= handled
    assert set(messages.ERROR_ACTIONS) <= set(messages.ERRORS)


def test_each_recommended_fix_is_a_button_in_the_main_window_that_does_it(qtbot, harness) -> None:
    w = harness.make()
    panel = w.company_panel.errors
    calls: list[str] = []
    w.edit_connection = lambda: calls.append("edit")  # type: ignore[method-assign]
    w.create_support_bundle = lambda: calls.append("bundle")  # type: ignore[method-assign]
    for code, key in (("mapping_missing", "edit_connection"), ("internal", "support_bundle")):
        panel.show_error(ErrorInfo(code))
        button = panel.action_buttons[panel.action_keys.index(key)]
        assert button.isVisible() and button.text()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert calls == ["edit", "bundle"]
    for key in messages.MAIN_WINDOW_ACTIONS - {"replace_token", "retry", "paste_token"}:  # their own signals
        assert key in w.action_handlers(), key


def test_help_says_how_to_create_the_token_with_the_exact_boxes(qtbot, harness) -> None:
    from PySide6.QtGui import QGuiApplication

    from tripletex_desktop.core.permissions import REQUIRED_PERMISSIONS
    from tripletex_desktop.ui.widgets.token_guide import ACCOUNTANT_BOX_NB

    w = harness.make()
    assert w.token_help_action in w.help_menu.actions()
    w.token_help_action.trigger()
    dialog = w.token_guide
    assert dialog.isVisible()
    guide = dialog.guide
    assert guide.accountant.isChecked()  # the selected connection is an accounting office's
    text = guide.text.text()
    for p in REQUIRED_PERMISSIONS:
        assert p.tripletex_label_nb in text, p.key
    assert "Tripletex Desktop" in text and ACCOUNTANT_BOX_NB in text
    qtbot.mouseClick(guide.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert "Reiseregning" in copied and "Prosjektinformasjon" in copied and ACCOUNTANT_BOX_NB in copied
    qtbot.mouseClick(dialog.open_tripletex, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(guide.open_help, Qt.MouseButton.LeftButton)
    assert harness.opened == [
        "https://tripletex.no/",
        "https://hjelp.tripletex.no/hc/no/articles/4409557117713",
    ]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_the_connections_tree_never_scrolls_sideways_and_keeps_the_status_in_view(harness):
    s = settings()
    s.connections[0].label = "Tallknuser Regnskap og Revisjon AS, avdeling Nordre Aker"
    w = harness.make(s)
    tree = w.tree
    assert tree.horizontalScrollBar().maximum() == 0
    status = tree.header().sectionViewportPosition(1)
    assert status > 0 and status + tree.columnWidth(1) <= tree.viewport().width()
    top = tree.topLevelItem(0)
    assert top.toolTip(0).startswith(
        "Tallknuser Regnskap og Revisjon AS"
    )  # the whole name, elided in the row


def test_a_language_switch_at_runtime_shows_each_languages_plural_forms(qtbot, harness, qapp) -> None:
    harness.data.counts = {101: {"approved": 2, "failed": 1}}
    w = harness.make(switch_language=None)  # the app's own switch: install_translators
    forbidden = EntityError("projects", ErrorInfo("permission_denied", status=403))
    harness.runner.report = SyncReport(
        "conn1",
        NOW,
        NOW,
        companies=(
            CompanyReport(101, "Fjordlys Reiser AS", {}),
            CompanyReport(102, "Hansen Rørlegger", {}, errors=(forbidden,)),
        ),
    )
    sync_and_wait(qtbot, harness)
    select_connection(w)
    overview = w.clients_overview
    qtbot.waitUntil(lambda: overview.rows and overview.rows[0].waiting == 3, timeout=GUARD_MS)
    english = "2 clients \u00b7 1 needs attention \u00b7 3 reports waiting"
    norwegian = "2 klienter \u00b7 1 trenger oppmerksomhet \u00b7 3 reiseregninger venter"
    assert overview.summary.text() == english
    try:
        for language, summary in (("nb", norwegian), ("en", english), ("nb", norwegian)):
            w.set_language(language)
            qtbot.waitUntil(lambda s=summary: overview.summary.text() == s, timeout=GUARD_MS)
            assert i18n.current_language() == language
    finally:
        i18n.install_translators(qapp, "en")
