"""MainWindow with qtbot: health, Sync now / Cancel, progress, data browser search, errors, history, menus."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QPushButton, QTableView, QTreeWidget

from tests.support.main_window import (  # noqa: I001
    GUARD_MS,
    NOW,
    TODAY,
    company_item,
    ok_report,
    select,
    settings,
    sync_and_wait,
)
from tripletex_desktop.core.errors import ErrorInfo, SyncAlreadyRunning
from tripletex_desktop.core.sync import (
    CompanyReport,
    EntityError,
    HistoryEntry,
    SyncReport,
)
from tripletex_desktop.storage.settings import Settings

# The offscreen platform plugin warns when a QMainWindow is shown; nothing to fix in our code.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_tree_shows_companies_with_health(qtbot, harness) -> None:
    w = harness.make()
    assert (
        w.tree.topLevelItem(0).text(0) == "Regnskap (demo)"
    )  # the simulator is never mistaken for a company
    assert company_item(w, 101).text(1) == "Not synced yet"
    assert "Cost categories not mapped" in company_item(w, 102).text(1)
    assert w.company_panel.heading.text().startswith("Fjordlys Reiser AS")


def test_token_expiring_within_14_days_needs_attention(qtbot, harness) -> None:
    w = harness.make(settings(expires=TODAY + dt.timedelta(days=10)))
    assert "Token expires 2026-12-02" in company_item(w, 101).text(1)
    w2 = harness.make(settings(expires=TODAY + dt.timedelta(days=30)))
    assert company_item(w2, 101).text(1) == "Not synced yet"


def test_sync_now_shows_progress_then_counts_and_reloads_history(qtbot, harness) -> None:
    w = harness.make()
    harness.runner.block.clear()
    qtbot.mouseClick(w.company_panel.sync_button, Qt.MouseButton.LeftButton)
    assert harness.runner.entered.wait(GUARD_MS / 1000)
    qtbot.waitUntil(lambda: w.company_panel.phase.text() == "Fetching employees", timeout=GUARD_MS)
    assert not w.company_panel.sync_button.isEnabled() and w.company_panel.cancel_button.isEnabled()
    assert w.company_panel.progress.maximum() == 9 and w.company_panel.progress.value() == 1
    harness.data.entries = [HistoryEntry(1, ok_report())]
    harness.data.threads.clear()
    with qtbot.waitSignal(harness.controller.finished, timeout=GUARD_MS):
        harness.runner.block.set()
    assert w.company_panel.sync_button.isEnabled() and not w.company_panel.cancel_button.isEnabled()
    assert "Employees: 3 new" in w.company_panel.counts.text()
    assert "Projects: 2 unchanged" in w.company_panel.counts.text()
    assert company_item(w, 101).text(1) == "OK"
    assert w.history_panel.model.rowCount() == 1
    assert "Fjordlys Reiser AS" in w.history_panel.details.toPlainText()
    assert harness.data.threads  # history and data were re-read after the run


def test_cancel_button_cancels_the_running_sync(qtbot, harness) -> None:
    w = harness.make()
    harness.runner.block.clear()
    qtbot.mouseClick(w.company_panel.sync_button, Qt.MouseButton.LeftButton)
    assert harness.runner.entered.wait(GUARD_MS / 1000)
    qtbot.waitUntil(lambda: w.company_panel.cancel_button.isEnabled(), timeout=GUARD_MS)
    with qtbot.waitSignal(harness.controller.finished, timeout=GUARD_MS) as blocker:
        qtbot.mouseClick(w.company_panel.cancel_button, Qt.MouseButton.LeftButton)
    assert blocker.args[1].cancelled
    assert not w.company_panel.errors.isVisible()


def test_data_browser_filters_and_switches_kind(qtbot, harness) -> None:
    w = harness.make()
    b = w.data_browser
    assert b.proxy.rowCount() == 3
    qtbot.keyClicks(b.search, "hansen")
    assert b._search_timer.isActive()  # filtering waits for a pause in typing
    b.apply_search()
    assert b.proxy.rowCount() == 2
    assert b.status.text() == "2 of 3 rows"
    b.search.setText("3")  # number and id are searchable too
    b.apply_search()
    assert [b.proxy.index(r, 0).data() for r in range(b.proxy.rowCount())] == ["Per Hansen"]
    b.search.clear()
    b.apply_search()
    b.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert [b.proxy.index(r, 0).data() for r in range(3)] == ["Per Hansen", "Ola Hansen", "Kari Nordmann"]
    assert b.proxy.index(0, 2).data() == "Inactive"
    b.kind_combo.setCurrentIndex(b.kind_combo.findData("projects"))
    assert b.model.rowCount() == 1 and b.model.index(0, 0).data() == "Fjordtur"


def test_reads_run_off_the_gui_thread(qtbot, harness) -> None:
    from tripletex_desktop.workers.tasks import ThreadPoolRunner

    pool = ThreadPoolRunner()
    w = harness.make(runner=pool)
    qtbot.waitUntil(lambda: w.data_browser.model.rowCount() == 3, timeout=GUARD_MS)
    assert pool.wait_for_done(GUARD_MS)
    assert harness.data.threads and all(t is not threading.main_thread() for t in harness.data.threads)


def test_token_error_offers_a_new_token_right_there_and_the_short_replace_dialog(qtbot, harness) -> None:
    from tripletex_desktop.ui.widgets.replace_token import ReplaceTokenDialog

    w = harness.make(token_backend=object())
    harness.runner.report = SyncReport(
        "conn1",
        NOW,
        NOW,
        errors=(EntityError(None, ErrorInfo("employee_token_expired", status=401, request_id="rid-401")),),
    )
    sync_and_wait(qtbot, harness)
    panel = w.company_panel.errors
    assert panel.isVisible() and panel.action == "replace_token"
    assert panel.offers_paste  # the paste field is right there
    assert panel.request_id.text() == "rid-401"
    assert "Token invalid" in company_item(w, 101).text(1)
    qtbot.mouseClick(panel.action_button, Qt.MouseButton.LeftButton)
    assert isinstance(w.replace_dialog, ReplaceTokenDialog) and w.replace_dialog.isVisible()
    assert harness.wizards == []  # one short dialog, not the whole wizard again


def test_permission_error_says_which_box_to_tick(qtbot, harness) -> None:
    w = harness.make()
    forbidden = EntityError("projects", ErrorInfo("permission_denied", status=403, request_id="rid-403"))
    harness.runner.report = SyncReport(
        "conn1", NOW, NOW, companies=(CompanyReport(101, "Fjordlys Reiser AS", {}, errors=(forbidden,)),)
    )
    sync_and_wait(qtbot, harness)
    assert "Prosjektinformasjon" in w.company_panel.errors.fix.text()
    assert "Permission missing" in company_item(w, 101).text(1)
    assert "Permission missing" not in company_item(w, 102).text(1)
    errors = w.company_panel.errors
    assert errors.action_keys == ("open_tripletex", "retry")  # tick the box in Tripletex, then check again
    qtbot.mouseClick(errors.action_buttons[0], Qt.MouseButton.LeftButton)
    assert harness.opened == ["https://tripletex.no/"]


def test_a_travel_report_tripletex_refused_keeps_the_company_needing_attention(qtbot, harness) -> None:
    """The health reads the run's standing outbox (CompanyReport.waiting_for_user), as `sync` prints it."""
    from tripletex_desktop.core.sync.report import WaitingReport

    w = harness.make()
    waiting = WaitingReport("r1", "Kundemøte Bergen", "failed", "validation_failed", request_id="rid-422")
    harness.runner.report = SyncReport(
        "conn1",
        NOW,
        NOW,
        companies=(CompanyReport(101, "Fjordlys Reiser AS", {}, waiting_for_user=(waiting,)),),
    )
    sync_and_wait(qtbot, harness)
    assert company_item(w, 101).text(1) == (
        "Needs attention: Tripletex refused travel reports \u2013 correct them and send again"
    )
    assert "Tripletex refused" not in company_item(w, 102).text(1)


def test_a_chosen_category_inactive_in_tripletex_shows_in_the_company_health(qtbot, harness) -> None:
    from tripletex_desktop.core.mapping import MappingProblem

    w = harness.make()
    problem = MappingProblem("per_diem_cost_category", 2, "Diett", "inactive")
    harness.runner.report = SyncReport(
        "conn1",
        NOW,
        NOW,
        companies=(
            CompanyReport(
                101, "Fjordlys Reiser AS", {}, warnings=("mapping_unusable",), mapping_problems=(problem,)
            ),
        ),
    )
    sync_and_wait(qtbot, harness)
    assert company_item(w, 101).text(1) == (
        "Needs attention: A chosen cost category or payment type is inactive or gone in Tripletex"
    )
    assert "inactive" not in company_item(w, 102).text(1)


def test_the_company_health_clears_once_the_user_has_put_things_right_not_only_at_the_next_sync(
    qtbot, harness
) -> None:
    from tripletex_desktop.core.mapping import MappingProblem
    from tripletex_desktop.core.sync.health import HealthState
    from tripletex_desktop.core.sync.report import WaitingReport
    from tripletex_desktop.ui.widgets.company_panel import health_text

    w = harness.make()
    waiting = WaitingReport("r1", "Kundemøte Bergen", "failed", "validation_failed")
    problem = MappingProblem("per_diem_cost_category", 2, "Diett", "inactive")
    harness.data.counts = {101: {"failed": 1}}
    harness.runner.report = SyncReport(
        "conn1",
        NOW,
        NOW,
        companies=(
            CompanyReport(
                101,
                "Fjordlys Reiser AS",
                {},
                warnings=("mapping_unusable",),
                mapping_problems=(problem,),
                waiting_for_user=(waiting,),
            ),
        ),
    )
    sync_and_wait(qtbot, harness)
    assert w.health("conn1", 101).state is HealthState.ATTENTION

    # another per diem category chosen in Edit connection: that problem is gone
    w.context.settings.connections[0].companies[0].per_diem_cost_category_id = 9
    assert "inactive" not in health_text(w.health("conn1", 101))
    # the refused report corrected and sent (the list's counts are re-read after every change)
    harness.data.counts = {101: {"sent": 1}}
    w.reports_changed("conn1")
    qtbot.waitUntil(lambda: w.health("conn1", 101).state is HealthState.OK)


def test_permission_lost_after_setup_names_the_box_from_the_sync_permission_check(qtbot, harness) -> None:
    w = harness.make()
    lost = EntityError("travel_all", ErrorInfo("permission_denied", status=403))
    harness.runner.report = SyncReport(
        "conn1", NOW, NOW, companies=(CompanyReport(101, "Fjordlys Reiser AS", {}, errors=(lost,)),)
    )
    sync_and_wait(qtbot, harness)
    assert "Tilgang til alle reiseregninger/ansattutlegg" in w.company_panel.errors.fix.text()
    assert "Permission missing" in company_item(w, 101).text(1)


def test_rate_limit_says_until_when_and_copy_puts_request_id_on_clipboard(qtbot, harness) -> None:
    from PySide6.QtGui import QGuiApplication

    w = harness.make()
    limited = EntityError(
        "rates", ErrorInfo("rate_limited", status=429, request_id="rid-429", retry_after=120)
    )
    harness.runner.report = SyncReport(
        "conn1", NOW, NOW, companies=(CompanyReport(101, "Fjordlys Reiser AS", {}, errors=(limited,)),)
    )
    sync_and_wait(qtbot, harness)
    assert "Waiting until" in w.company_panel.errors.fix.text()
    qtbot.mouseClick(w.company_panel.errors.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "rid-429"


def test_failed_start_shows_the_error(qtbot, harness) -> None:
    w = harness.make()
    harness.runner.report = SyncAlreadyRunning("held elsewhere")
    with qtbot.waitSignal(harness.controller.failed, timeout=GUARD_MS):
        qtbot.mouseClick(w.company_panel.sync_button, Qt.MouseButton.LeftButton)
    assert w.company_panel.errors.isVisible()
    assert w.company_panel.errors.title.text()


def test_connection_saved_by_wizard_is_shown_scheduled_and_synced(qtbot, harness) -> None:
    w = harness.make(Settings())
    assert w.tree.topLevelItemCount() == 0
    assert not w.sync_action.isEnabled()
    assert w.overview_stack.currentWidget() is w.no_connection  # says what to do, with a button for it
    w.add_action.trigger()
    existing, token_page, wizard = harness.wizards[-1]
    assert existing is None and not token_page
    conn = settings(interval="hourly").connections[0]
    with qtbot.waitSignal(harness.controller.finished, timeout=GUARD_MS):
        wizard.connectionCreated.emit(conn)
    assert (
        w.tree.topLevelItem(0).text(0) == "Regnskap (demo)"
    )  # the simulator is never mistaken for a company
    assert harness.controller.schedule_timer("conn1") is not None
    assert w.company_panel.next_sync.text() != "Only when you click Sync now"


def test_history_is_read_at_start(qtbot, harness) -> None:
    harness.data.entries = [HistoryEntry(7, ok_report())]
    w = harness.make()
    assert company_item(w, 101).text(1) == "OK"
    assert w.history_panel.model.rowCount() == 1
    assert "Employees: 3 new" in w.company_panel.counts.text()


def test_language_switch_is_saved_in_the_background(qtbot, harness) -> None:
    w = harness.make()
    with qtbot.waitSignal(w.languageChanged, timeout=GUARD_MS):
        w.lang_actions["en"].trigger()
    assert harness.data.saved and harness.data.saved[-1].ui_language == "en"


def test_support_bundle_one_click(qtbot, harness) -> None:
    w = harness.make()
    w.bundle_action.trigger()
    assert w.last_bundle_path == "/tmp/logs/bundle.zip"


def test_interactive_widgets_have_object_and_accessible_names(qtbot, harness) -> None:
    w = harness.make()
    kinds = (QPushButton, QLineEdit, QComboBox, QTableView, QTreeWidget, QPlainTextEdit)
    missing = [
        f"{type(c).__name__}:{c.objectName()!r}"
        for kind in kinds
        for c in w.findChildren(kind)
        if not c.objectName() or not c.accessibleName()
    ]
    assert missing == []
    for action in (w.add_action, w.sync_action, w.quit_action, w.bundle_action):
        assert action.objectName()


def test_keyboard_shortcut_syncs(qtbot, harness) -> None:
    w = harness.make()
    with qtbot.waitSignal(harness.controller.finished, timeout=GUARD_MS):
        w.sync_action.trigger()
    assert w.sync_action.shortcut().toString()


def test_closing_without_tray_shuts_the_sync_thread_down(qtbot, harness) -> None:
    w = harness.make()
    harness.runner.block.clear()
    w.start_sync("conn1")
    assert harness.runner.entered.wait(GUARD_MS / 1000)
    w.close()
    assert harness.controller.sync_thread.isFinished()


def test_travel_reports_tab_shows_one_view_per_connection(qtbot, harness) -> None:
    from PySide6.QtWidgets import QLabel

    made: list[str] = []

    class View(QLabel):
        def __init__(self, conn) -> None:
            super().__init__(conn.label)
            self.setObjectName(f"reports_{conn.id}")
            self.stopped = False
            made.append(conn.id)

        def shutdown(self) -> None:
            self.stopped = True

    w = harness.make(reports_view=View)
    assert w.reports_stack.currentWidget().objectName() == "reports_conn1"
    select(w, 102)  # another company of the same connection: same view
    assert made == ["conn1"]
    view = w.reports_stack.currentWidget()
    w.close()
    assert view.stopped


# The offscreen platform has no tray window; Qt warns when the icon is created there.
@pytest.mark.qt_log_ignore("systemTrayWindowChanged", "This plugin does not support propagateSizeHints")
def test_tray_close_hides_while_scheduled_and_background_failure_notifies(qtbot, harness) -> None:
    w = harness.make(settings(interval="hourly"), use_tray=True, tray_available=lambda: True)
    assert w.tray is not None
    messages: list[tuple[str, str]] = []
    w.tray.showMessage = lambda title, text, *a: messages.append((title, text))  # type: ignore[method-assign]
    harness.controller.apply_schedules([("conn1", "hourly")])
    harness.runner.report = SyncReport(
        "conn1", NOW, NOW, errors=(EntityError(None, ErrorInfo("server_error", status=503, request_id="r")),)
    )
    with qtbot.waitSignal(harness.controller.finished, timeout=GUARD_MS):
        harness.controller.schedule_timer("conn1").timeout.emit()  # a scheduled run, not the user's
    assert messages and "Regnskap" in messages[-1][0]
    assert "Tripletex" in w.tray.toolTip()

    messages.clear()
    sync_and_wait(qtbot, harness)  # the user's own run: the window shows it, no notification
    assert messages == []

    w.close()
    assert not w.isVisible()
    assert harness.controller.sync_thread.isRunning()  # still syncing in the background
    assert "background" in messages[-1][1]
    w.quit_action.trigger()
    assert harness.controller.sync_thread.isFinished()


def test_import_profile_reloads_connections_and_schedules(qtbot, harness, monkeypatch) -> None:
    from tripletex_desktop.ui import main_window as mw

    w = harness.make(Settings())
    monkeypatch.setattr(mw.QFileDialog, "getOpenFileName", lambda *a, **k: ("/profiles/p.json", ""))
    w.import_action.trigger()
    assert harness.data.imported == "/profiles/p.json"
    assert (
        w.tree.topLevelItem(0).text(0) == "Regnskap (demo)"
    )  # the simulator is never mistaken for a company
    assert harness.controller.schedule_timer("conn1") is not None


def test_the_hidden_tabs_pages_are_built_once_the_window_is_on_screen(qtbot, harness) -> None:
    w = harness.make()  # shown and started: Synced data and History are built right after the first paint
    data_table = w.findChild(QTableView, "dataTable")
    history_table = w.findChild(QTableView, "historyTable")
    assert data_table is not None and w.tabs.widget(1).isAncestorOf(data_table)
    assert history_table is not None and w.tabs.widget(2).isAncestorOf(history_table)
    assert w.tabs.widget(1).findChild(QComboBox, "dataKindCombo") is w.data_browser.kind_combo
