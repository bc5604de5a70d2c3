"""MainWindow: connections and companies with health, an accountant's clients at a glance, sync controls and
progress, synced data, the archive of syncs and sends, travel reports, the tray."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Protocol, TypeVar

import PySide6
from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QStyle,
    QSystemTrayIcon,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tripletex_desktop import APP_NAME
from tripletex_desktop.core.errors import ErrorInfo
from tripletex_desktop.core.mapping import still_chosen
from tripletex_desktop.core.models import Environment, SyncProgress
from tripletex_desktop.core.sync import CompanyReport, EntityError, HistoryEntry, ReferenceRow, SyncReport
from tripletex_desktop.core.sync.health import (
    Health,
    HealthState,
    company_health,
    mapping_complete,
    mapping_of,
)
from tripletex_desktop.ui.formatting import datetime_text
from tripletex_desktop.ui.i18n import current_language, install_translators
from tripletex_desktop.ui.links import UrlOpener, open_in_browser, tripletex_web
from tripletex_desktop.ui.messages import message_for, phase_text
from tripletex_desktop.ui.reports.templates import ImportTemplateActions
from tripletex_desktop.ui.widgets.clients_overview import ClientRow, ClientsOverview
from tripletex_desktop.ui.widgets.company_panel import CompanyPanel, health_text
from tripletex_desktop.ui.widgets.data_browser import DataBrowser, PreparedRows, prepare_rows
from tripletex_desktop.ui.widgets.empty_state import EmptyState
from tripletex_desktop.ui.widgets.history_panel import HistoryPanel
from tripletex_desktop.ui.widgets.tree_items import child_items, top_level_items
from tripletex_desktop.workers.gc_tuning import freeze_startup_objects
from tripletex_desktop.workers.sync_controller import schedules_from_settings
from tripletex_desktop.workers.tasks import CancelToken, FailureFn, TaskHandle, TaskRunner, run_task

# The backends (database, API client, update check), the wizard and the dialogs are imported on first use:
# none of them is needed for the first paint (tests/ui/test_startup_imports.py).
if TYPE_CHECKING:
    from tripletex_desktop.app.context import AppContext
    from tripletex_desktop.core.updates import Release
    from tripletex_desktop.services.about import AboutInfo
    from tripletex_desktop.services.wizard import WizardBackend
    from tripletex_desktop.storage.reports import ReportEvent
    from tripletex_desktop.storage.settings import ConnectionSettings, Settings
    from tripletex_desktop.ui.about import AboutDialog
    from tripletex_desktop.ui.widgets.replace_token import ReplaceTokenDialog
    from tripletex_desktop.ui.wizard import SetupWizard
    from tripletex_desktop.ui.wizard.settings_dialog import ConnectionSettingsDialog
    from tripletex_desktop.workers.sync_controller import SyncController

T = TypeVar("T")

log = logging.getLogger(__name__)

#: The longest the window waits for its first paint before starting its background reads anyway.
FIRST_PAINT_WAIT_MS = 1000
ROLE_KEY = Qt.ItemDataRole.UserRole
#: Report states that wait for a send, or for the user after one (storage.reports.STATES).
WAITING_STATES = ("approved", "queued", "sending", "failed", "unknown")


class DesktopData(Protocol):
    """What the window reads and writes in the background (services.desktop.DesktopBackend)."""

    def reference(self, connection_id: str, company_id: int, kind: str) -> list[ReferenceRow]:
        """Rows of one synced list."""
        ...

    def history(self, connection_id: str, limit: int = 50) -> list[HistoryEntry]:
        """Finished runs, newest first."""
        ...

    def report_events(self, connection_id: str, limit: int = 500) -> list[ReportEvent]:
        """The travel report archive (storage.reports.ReportEvent), newest first."""
        ...

    def report_counts(self, connection_id: str) -> dict[int, dict[str, int]]:
        """Travel reports per company and state."""
        ...

    def save_settings(self, settings: Settings) -> None:
        """Write the settings file."""
        ...

    def export_profile(self, path: str, connection_ids: Iterable[str] | None = None) -> None:
        """Write a profile file."""
        ...

    def import_profile(self, path: str) -> Settings:
        """Read a profile; returns the merged, saved settings."""
        ...

    def support_bundle(self, dest: str) -> str:
        """Write the support zip; returns its path."""
        ...

    def write_import_template(self, path: str, language: str, year: int) -> object:
        """Write the travel import template (CSV or XLSX by suffix) with example rows."""
        ...


#: open_wizard(parent, existing connection or None, start_at_token_page) -> a dialog emitting connectionCreated
WizardOpener = Callable[[QWidget, "ConnectionSettings | None", bool], "SetupWizard | None"]
#: reports_view(connection) -> the Travel reports widget of one connection (ui.reports.ReportsView), or None
ReportsViewFactory = Callable[["ConnectionSettings"], QWidget | None]


class _TabPage(QWidget):
    """A tab's page whose content is built later: it only holds the content, edge to edge."""

    def __init__(self, name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)

    def set_content(self, widget: QWidget) -> None:
        """Put the built content in the page."""
        self._layout.addWidget(widget)


class MainWindow(QMainWindow):
    """The app's main window; everything slow goes through the SyncController or `run_task`."""

    languageChanged = Signal(str)  # noqa: N815 - Qt naming

    def __init__(
        self,
        context: AppContext,
        controller: SyncController,
        *,
        data: DesktopData | None = None,
        open_wizard: WizardOpener | None = None,
        runner: TaskRunner | None = None,
        today: Callable[[], dt.date] | None = None,
        switch_language: Callable[[str], None] | None = None,
        use_tray: bool = True,
        tray_available: Callable[[], bool] = QSystemTrayIcon.isSystemTrayAvailable,
        demo_mode: bool = False,
        reports_view: ReportsViewFactory | None = None,
        open_url: UrlOpener | None = None,
        about: AboutInfo | None = None,
        checker: Callable[[], Release | None] | None = None,
        token_backend: WizardBackend | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.context = context
        self.controller = controller
        self._data_backend: DesktopData | None = data  # services.desktop.DesktopBackend, built on first use
        self._open_wizard = open_wizard or _default_wizard_opener(context, demo_mode)
        self._make_reports_view = reports_view or self._default_reports_view
        self._reports_views: dict[str, QWidget | None] = {}
        self._runner = runner
        self._today = today or dt.date.today
        self._switch_language = switch_language
        self._open_url = open_url or open_in_browser
        #: checks and stores a replaced token (services.wizard.WizardBackend.replace_token); built on first use
        self._token_backend = token_backend
        self.replace_dialog: ReplaceTokenDialog | None = None
        self.settings_dialog: ConnectionSettingsDialog | None = None
        self._reports: dict[str, SyncReport] = {}
        self._history: dict[str, list[HistoryEntry]] = {}
        self._events: dict[str, list[ReportEvent]] = {}
        self._report_counts: dict[str, dict[int, dict[str, int]]] = {}
        self._failures: dict[str, ErrorInfo] = {}
        self._running: set[str] = set()
        self._user_started: set[str] = set()
        self._selected: tuple[str, int | None] | None = None
        self._ref_handle: TaskHandle | None = None
        self._tasks: list[TaskHandle] = []
        self._quitting = False
        #: False until the first paint (or, for a window never shown, the first event-loop turn): the reads
        #: and backends the window needs only after it appeared wait until then (`_after_first_paint`).
        self._started = False
        self._clients_overview: ClientsOverview | None = None
        self._data_browser: DataBrowser | None = None
        self._history_panel: HistoryPanel | None = None
        self._when_started: list[Callable[[], object]] = []
        self._tray_hint_shown = False
        self.wizard: SetupWizard | None = None
        self._about = about
        self._checker = checker if about is None or about.can_check_for_updates else None
        #: True until the build's release feed is asked for (services.about.update_checker, on first use)
        self._checker_pending = about is None and checker is None
        self.about_dialog: AboutDialog | None = None
        self.latest_release: Release | None = None

        self._build_widgets()
        self.update_notice = QLabel(self)
        self.update_notice.setObjectName("updateNotice")
        self.update_notice.setTextFormat(Qt.TextFormat.RichText)
        self.update_notice.setOpenExternalLinks(True)
        self.update_notice.hide()
        self.statusBar().addPermanentWidget(self.update_notice)
        self._build_menus()
        self._build_tray(use_tray and tray_available())
        self._connect_controller()
        self.retranslate()
        self._restore_geometry()
        self.reload_connections()
        self._clock = QTimer(self)
        self._clock.setInterval(30_000)
        self._clock.timeout.connect(self._refresh_selected)
        self._clock.start()
        self.installEventFilter(self)
        QTimer.singleShot(0, self._start_if_hidden)
        QTimer.singleShot(FIRST_PAINT_WAIT_MS, self._after_first_paint)  # a window shown but never painted

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """After the window's first paint: the background reads, the update check, the GC freeze."""
        if watched is self and event.type() == QEvent.Type.Paint and not self._started:
            self.removeEventFilter(self)
            QTimer.singleShot(0, self._after_first_paint)
        return super().eventFilter(watched, event)

    @property
    def started(self) -> bool:
        """True once the window has started what waits for its first paint (background reads, reports view)."""
        return self._started

    def when_started(self, fn: Callable[[], object]) -> None:
        """Run `fn` once the window has appeared (after its first paint), or on the next turn if it has."""
        if self._started:
            QTimer.singleShot(0, fn)
        else:
            self._when_started.append(fn)

    def _start_if_hidden(self) -> None:
        if not self.isVisible():
            self._after_first_paint()

    def _after_first_paint(self) -> None:
        if self._started:
            return
        self._started = True
        self.removeEventFilter(self)
        self._build_hidden_pages()  # the hidden tabs' pages, now that the window is on screen
        for conn in self.context.settings.connections:
            self._load_history(conn.id)
        if self.selected_company() is not None:
            self._load_reference()
        self._show_reports_view()
        if getattr(self.context.settings, "check_for_updates", False):
            self.check_for_updates()  # only with the user's consent (Help → About); off by default
        for fn in self._when_started:
            QTimer.singleShot(0, fn)
        self._when_started.clear()
        freeze_startup_objects()  # once per process: full GC passes would otherwise stall the GUI mid-sync

    @property
    def _data(self) -> DesktopData:
        """What the window reads and writes in the background; services.desktop's backend on first use."""
        if self._data_backend is None:
            # local: start-up time (the database, the reports backend and the support bundle load on first use)
            from tripletex_desktop.services.desktop import DesktopBackend

            self._data_backend = DesktopBackend(
                self.context, toolkit_versions={"pyside6": PySide6.__version__}
            )
        return self._data_backend

    @property
    def _update_checker(self) -> Callable[[], Release | None] | None:
        if self._checker_pending:
            from tripletex_desktop.services.about import update_checker  # local: start-up time (httpx)

            self._checker_pending = False
            self._checker = update_checker()  # the build's release feed; None in a checkout
        return self._checker

    # --- construction ---------------------------------------------------------------------------

    @property
    def clients_overview(self) -> ClientsOverview:
        """An accountant's clients at a glance: built the first time a connection with several companies is
        shown (its table sizes every column to its contents, which the first paint need not wait for)."""
        if self._clients_overview is None:
            view = ClientsOverview(self)
            self.overview_stack.addWidget(view)
            view.companyActivated.connect(self.select_company)
            view.syncRequested.connect(self.sync_selected)
            self._clients_overview = view
        return self._clients_overview

    @property
    def data_browser(self) -> DataBrowser:
        """The Synced data tab's browser: built after the first paint or when first shown (or asked for)."""
        if self._data_browser is None:
            browser = DataBrowser(self.data_page)
            browser.loadRequested.connect(lambda kind: self._load_reference())
            self._data_browser = browser
            self.data_page.set_content(browser)
        return self._data_browser

    @property
    def history_panel(self) -> HistoryPanel:
        """The History tab's archive: built after the first paint or when first shown (or asked for)."""
        if self._history_panel is None:
            panel = HistoryPanel(self.history_page)
            panel.syncRequested.connect(self.sync_selected)
            self._history_panel = panel
            self.history_page.set_content(panel)
            if self._selected is not None:
                self._show_history(self._selected[0])
        return self._history_panel

    def _build_hidden_pages(self) -> None:
        """Build the Synced data and History pages (once; the properties build them)."""
        _ = self.data_browser, self.history_panel

    def _build_tab_page(self, index: int) -> None:
        """A tab's page the first time it is shown, before its first paint."""
        if self.tabs.widget(index) in (self.data_page, self.history_page):
            self._build_hidden_pages()

    def _build_widgets(self) -> None:
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("connectionsTree")
        self.tree.setColumnCount(2)
        self.tree.setRootIsDecorated(True)
        # The names take what the status leaves (elided, the whole name as tooltip): no sideways scrolling,
        # and the status never pushed out of sight by a long office name.
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.tree.setColumnWidth(1, 120)
        self.tree.currentItemChanged.connect(self._on_current_item)
        self.company_panel = CompanyPanel(self)
        self.no_connection = EmptyState("noConnectionEmpty", self)
        self.no_connection.add_button("emptyAddConnection", self.add_connection)
        self.no_connection.add_button("emptyImportProfile", self.import_profile)
        self.overview_stack = QStackedWidget(self)
        self.overview_stack.setObjectName("overviewStack")
        for page in (self.company_panel, self.no_connection):
            self.overview_stack.addWidget(page)
        # Synced data and History are hidden tabs at first: their pages are built right after the first paint
        # or when first shown, whichever comes first (`data_browser`, `history_panel`).
        self.data_page = _TabPage("syncedDataPage", self)
        self.history_page = _TabPage("historyPage", self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("detailTabs")
        self.tabs.addTab(self.overview_stack, "")
        self.tabs.addTab(self.data_page, "")
        self.tabs.addTab(self.history_page, "")
        self.reports_stack = QStackedWidget(self)
        self.reports_stack.setObjectName("reportsStack")
        self.reports_placeholder = QLabel(self)
        self.reports_placeholder.setObjectName("reportsPlaceholder")
        self.reports_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reports_stack.addWidget(self.reports_placeholder)
        self.tabs.addTab(self.reports_stack, "")
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("mainSplitter")
        splitter.addWidget(self.tree)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([320, 1040])  # the tree's own size hint would clip company names and the status
        self.demo_banner = QLabel(self)
        self.demo_banner.setObjectName("demoBanner")
        self.demo_banner.setWordWrap(True)
        self.demo_banner.setMargin(6)
        self.demo_banner.setStyleSheet(
            "#demoBanner { background: #fff3cd; color: #533f03; border: 1px solid #e0c36c; font-weight: bold; }"
        )
        self.demo_banner.setVisible(False)
        central = QWidget(self)
        central.setObjectName("mainCentral")
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.demo_banner)
        column.addWidget(splitter, 1)
        self.setCentralWidget(central)
        self.company_panel.syncRequested.connect(self.sync_selected)
        self.company_panel.cancelRequested.connect(self.cancel_selected)
        self.company_panel.errors.replaceTokenRequested.connect(self.replace_token)
        self.company_panel.errors.retryRequested.connect(self.sync_selected)
        self.company_panel.errors.actionRequested.connect(self.run_action)
        self.company_panel.errors.tokenPasted.connect(self.store_pasted_token)
        self.tabs.currentChanged.connect(self._build_tab_page)
        self.setTabOrder(self.tree, self.tabs)
        self.resize(1000, 640)

    def _action(
        self,
        name: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_menus(self) -> None:
        self.add_action = self._action(
            "addConnectionAction", self.add_connection, QKeySequence.StandardKey.New
        )
        self.edit_action = self._action("editConnectionAction", self.edit_connection)
        self.token_action = self._action("replaceTokenAction", self.replace_token)
        self.export_action = self._action("exportProfileAction", self.export_profile)
        self.import_action = self._action("importProfileAction", self.import_profile)
        self.bundle_action = self._action("supportBundleAction", self.create_support_bundle)
        self.quit_action = self._action("quitAction", self.quit_app, "Ctrl+Q")
        self.sync_action = self._action("syncNowAction", self.sync_selected, QKeySequence.StandardKey.Refresh)
        self.sync_all_action = self._action("syncAllAction", self.sync_all, "Ctrl+Shift+R")
        self.cancel_action = self._action("cancelSyncAction", self.cancel_selected, "Ctrl+.")
        self.about_action = self._action("aboutAction", self.show_about)
        self.token_help_action = self._action("helpTokenAction", self.show_token_guide)
        self.import_format_action = self._action("helpImportFormatAction", self.show_import_format)
        self.lang_group = QActionGroup(self)
        self.lang_group.setExclusive(True)
        self.lang_actions: dict[str, QAction] = {}
        for code in ("nb", "en"):
            act = QAction(self)
            act.setObjectName(f"language_{code}_Action")
            act.setCheckable(True)
            act.triggered.connect(lambda _checked=False, c=code: self.set_language(c))
            self.lang_group.addAction(act)
            self.lang_actions[code] = act
        # The language on screen (the settings', --lang's or the system's), not a guess: the menu must never
        # tick Norsk while the window is English.
        self.lang_actions.get(current_language(), self.lang_actions["nb"]).setChecked(True)

        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.setObjectName("fileMenu")
        for act in (self.add_action, self.edit_action, self.token_action):
            self.file_menu.addAction(act)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.export_action)
        self.file_menu.addAction(self.import_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.bundle_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.sync_menu = bar.addMenu("")
        self.sync_menu.setObjectName("syncMenu")
        for act in (self.sync_action, self.sync_all_action, self.cancel_action):
            self.sync_menu.addAction(act)
        self.settings_menu = bar.addMenu("")
        self.settings_menu.setObjectName("settingsMenu")
        self.language_menu = QMenu(self)
        self.language_menu.setObjectName("languageMenu")
        for act in self.lang_actions.values():
            self.language_menu.addAction(act)
        self.settings_menu.addMenu(self.language_menu)
        self.help_menu = bar.addMenu("")
        self.help_menu.setObjectName("helpMenu")
        self.help_menu.addAction(self.about_action)
        self.template_actions = ImportTemplateActions(
            self,
            lambda path, language, year: self._data.write_import_template(path, language, year),
            done=lambda path: self.statusBar().showMessage(
                self.tr("Import template saved to %1").replace("%1", path), 8000
            ),
            failed=self._show_error_box,
            runner=self._runner,
        )
        self.template_actions.add_to(self.help_menu)
        self.help_menu.insertAction(self.template_actions.csv_action, self.import_format_action)
        self.help_menu.insertAction(
            self.about_action, self.token_help_action
        )  # the import format, the token, About

    def _build_tray(self, available: bool) -> None:
        self.tray: QSystemTrayIcon | None = None
        if not available:
            return
        self.tray = QSystemTrayIcon(self._state_icon(HealthState.OK), self)
        self.tray.setObjectName("trayIcon")
        menu = QMenu(self)
        menu.setObjectName("trayMenu")
        self.tray_show_action = self._action("trayShowAction", self.show_from_tray)
        menu.addAction(self.tray_show_action)
        menu.addAction(self.sync_all_action)
        menu.addSeparator()
        menu.addAction(self.quit_action)
        self.tray.setContextMenu(menu)
        self.tray.activated.connect(self._on_tray_activated)
        self.tray.show()

    def _connect_controller(self) -> None:
        self.controller.queued.connect(self._on_queued)
        self.controller.started.connect(self._on_started)
        self.controller.progress.connect(self._on_progress)
        self.controller.finished.connect(self._on_finished)
        self.controller.failed.connect(self._on_failed)
        self.controller.scheduleChanged.connect(lambda _cid: self._refresh_selected())

    def retranslate(self) -> None:
        """Every fixed text (also after a language switch)."""
        self._update_title()
        self.demo_banner.setText(
            self.tr(
                "Demo: this is a simulated Tripletex on this computer, with sample companies. Nothing you do "
                "here reaches your own company."
            )
        )
        self.demo_banner.setAccessibleName(self.tr("Demo mode"))
        self.no_connection.set_texts(
            self.tr("No connection to Tripletex yet"),
            self.tr(
                "Add a connection with your employee token (or try the built-in demo), or import the profile "
                "exported on another machine."
            ),
            {
                "emptyAddConnection": (self.tr("&Add connection\u2026"), self.tr("Add connection")),
                "emptyImportProfile": (self.tr("&Import profile\u2026"), self.tr("Import profile")),
            },
        )
        if self._clients_overview is not None:
            self._clients_overview.retranslate()
        self.tree.setHeaderLabels([self.tr("Connection / company"), self.tr("Status")])
        self.tree.setAccessibleName(self.tr("Connections and companies"))
        self.tabs.setTabText(0, self.tr("&Overview"))
        self.tabs.setTabText(1, self.tr("Synced &data"))
        self.tabs.setTabText(2, self.tr("Histor&y"))
        self.tabs.setTabText(3, self.tr("&Travel reports"))
        self.reports_placeholder.setText(self.tr("Choose a connection to see its travel reports."))
        self.tabs.setAccessibleName(self.tr("Details of the selected company"))
        self.file_menu.setTitle(self.tr("&File"))
        self.sync_menu.setTitle(self.tr("&Sync"))
        self.settings_menu.setTitle(self.tr("S&ettings"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.template_actions.retranslate()
        self.language_menu.setTitle(self.tr("&Language"))
        texts = {
            self.add_action: self.tr("&Add connection\u2026"),
            self.edit_action: self.tr("&Edit connection\u2026"),
            self.token_action: self.tr("&Replace token\u2026"),
            self.export_action: self.tr("E&xport profile\u2026"),
            self.import_action: self.tr("&Import profile\u2026"),
            self.bundle_action: self.tr("Create &support bundle"),
            self.quit_action: self.tr("&Quit"),
            self.sync_action: self.tr("&Sync now"),
            self.sync_all_action: self.tr("Sync &all connections"),
            self.cancel_action: self.tr("&Cancel sync"),
            self.about_action: self.tr("&About %1").replace("%1", APP_NAME),
            self.token_help_action: self.tr("How to create the employee &token\u2026"),
            self.import_format_action: self.tr("Import &format\u2026"),
            self.lang_actions["nb"]: "Norsk bokm\u00e5l",
            self.lang_actions["en"]: "English",
        }
        for act, text in texts.items():
            act.setText(text)
        if self.tray is not None:
            self.tray_show_action.setText(self.tr("&Show window"))
        self.company_panel.retranslate()
        if self._data_browser is not None:  # else it is translated when built
            self._data_browser.retranslate()
        if self._history_panel is not None:
            self._history_panel.retranslate()
        self.company_panel.errors.retranslate()
        self._refresh_tree()
        self._refresh_selected()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        """Retranslate when the application language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- connections tree -----------------------------------------------------------------------

    def reload_connections(self) -> None:
        """Rebuild the tree from settings and read every connection's history in the background."""
        selected = self._selected
        self.tree.blockSignals(True)
        self.tree.clear()
        for conn in self.context.settings.connections:
            label = conn.label
            if conn.environment == "demo":
                label = self.tr("%1 (demo)").replace("%1", conn.label)
            top = QTreeWidgetItem(self.tree, [label, ""])
            top.setData(0, ROLE_KEY, (conn.id, None))
            top.setToolTip(0, label)
            for company in conn.companies:
                child = QTreeWidgetItem(top, [company.name, ""])
                child.setData(0, ROLE_KEY, (conn.id, int(company.id)))
                child.setToolTip(0, company.name)
            top.setExpanded(True)
        self.tree.blockSignals(False)
        self.tree.resizeColumnToContents(0)
        item = self._item_for(selected) if selected else None
        tops = top_level_items(self.tree)
        if item is None and tops:
            children = child_items(tops[0])
            item = children[0] if children else tops[0]
        if item is not None:
            self.tree.setCurrentItem(item)
        else:
            self._selected = None
            self._refresh_selected()
        self._refresh_tree()
        if self._started:  # else the first paint reads them (`_after_first_paint`)
            for conn in self.context.settings.connections:
                self._load_history(conn.id)

    def _item_for(self, key: tuple[str, int | None] | None) -> QTreeWidgetItem | None:
        for top in top_level_items(self.tree):
            if top.data(0, ROLE_KEY) == key:
                return top
            for child in child_items(top):
                if child.data(0, ROLE_KEY) == key:
                    return child
        return None

    def _connection(self, connection_id: str) -> ConnectionSettings | None:
        return self.context.settings.connection(connection_id)

    def health(self, connection_id: str, company_id: int) -> Health:
        """Health of one company from settings, the last run and whether a run is going."""
        conn = self._connection(connection_id)
        company = conn.company(company_id) if conn is not None else None
        report = self._reports.get(connection_id)
        company_report = report.company(company_id) if report is not None else None
        errors: list[EntityError] = []
        if connection_id in self._failures:
            errors.append(EntityError(None, self._failures[connection_id]))
        elif report is not None:
            errors.extend(report.errors)
            if company_report is not None:
                errors.extend(company_report.errors)
        travel_settings = company_report.travel_settings if company_report is not None else None
        return company_health(
            today=self._today(),
            token_expires_on=getattr(conn, "token_expires_on", None),
            mapping_complete=mapping_complete(company, travel_settings) if company is not None else True,
            running=connection_id in self._running,
            ever_synced=report is not None,
            errors=errors,
            reports_waiting=self._reports_waiting(connection_id, company_id, company_report),
            mapping_unusable=company is not None
            and company_report is not None
            and bool(still_chosen(company_report.mapping_problems, mapping_of(company))),
        )

    def _reports_waiting(self, connection_id: str, company_id: int, report: CompanyReport | None) -> int:
        """The refused reports the last sync found, no more than the outbox holds failed now (a report corrected
        and sent since, or reopened, no longer waits; the counts are re-read after every change)."""
        waiting = len(report.waiting_for_user) if report is not None else 0
        live = self._report_counts.get(connection_id, {}).get(company_id)
        return waiting if live is None else min(waiting, live.get("failed", 0))

    def _connection_health(self, connection_id: str) -> HealthState:
        conn = self._connection(connection_id)
        if conn is None or not conn.companies:
            return HealthState.NEVER
        states = [self.health(connection_id, int(c.id)).state for c in conn.companies]
        order = list(HealthState)
        return min(states, key=order.index)

    def _state_icon(self, state: HealthState) -> QIcon:
        pixmap = {
            HealthState.OK: QStyle.StandardPixmap.SP_DialogApplyButton,
            HealthState.SYNCING: QStyle.StandardPixmap.SP_BrowserReload,
            HealthState.ATTENTION: QStyle.StandardPixmap.SP_MessageBoxWarning,
            HealthState.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
            HealthState.NEVER: QStyle.StandardPixmap.SP_MessageBoxInformation,
        }[state]
        return self.style().standardIcon(pixmap)

    def _refresh_tree(self) -> None:
        for top in top_level_items(self.tree):
            connection_id, _ = top.data(0, ROLE_KEY)
            for child in child_items(top):
                _, company_id = child.data(0, ROLE_KEY)
                health = self.health(connection_id, company_id)
                text = health_text(health)
                progress = self.controller.last_progress(connection_id)
                if (
                    health.state is HealthState.SYNCING
                    and progress is not None
                    and progress.company_id == company_id
                ):
                    text = f"{text} {phase_text(progress.phase)}"
                child.setText(1, text)
                child.setToolTip(1, text)
                child.setIcon(1, self._state_icon(health.state))
                child.setData(1, Qt.ItemDataRole.AccessibleTextRole, text)
            state = self._connection_health(connection_id)
            top.setIcon(1, self._state_icon(state))
        self._refresh_tray()

    def _refresh_tray(self) -> None:
        if self.tray is None:
            return
        conns = [c.id for c in self.context.settings.connections]
        states = [self._connection_health(cid) for cid in conns] or [HealthState.OK]
        worst = min(states, key=list(HealthState).index)
        self.tray.setIcon(self._state_icon(worst))
        tips = {
            HealthState.OK: self.tr("All connections are in sync"),
            HealthState.SYNCING: self.tr("Syncing\u2026"),
            HealthState.ATTENTION: self.tr("A connection needs attention"),
            HealthState.ERROR: self.tr("The last sync failed"),
            HealthState.NEVER: self.tr("Not synced yet"),
        }
        self.tray.setToolTip(f"{APP_NAME} \u2013 {tips[worst]}")

    # --- selection and panels -------------------------------------------------------------------

    def _on_current_item(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        self._selected = current.data(0, ROLE_KEY) if current is not None else None
        self._refresh_selected()
        self._load_reference()
        self._show_reports_view()
        if self._selected is not None:
            self._show_history(self._selected[0])

    def selected_company(self) -> tuple[str, int] | None:
        """(connection id, company id) of the selected company (a connection selects its first company)."""
        if self._selected is None:
            return None
        connection_id, company_id = self._selected
        if company_id is None:
            conn = self._connection(connection_id)
            if conn is None or not conn.companies:
                return None
            company_id = int(conn.companies[0].id)
        return connection_id, company_id

    def selected_connection(self) -> str | None:
        """The selected connection's id."""
        return self._selected[0] if self._selected else None

    def _refresh_selected(self) -> None:
        panel = self.company_panel
        sel = self.selected_company()
        has_connection = self.selected_connection() is not None
        for act in (self.edit_action, self.token_action, self.sync_action):
            act.setEnabled(has_connection)
        self._update_title()
        if sel is None:
            self.overview_stack.setCurrentWidget(self.no_connection)
            panel.errors.clear()
            self.cancel_action.setEnabled(False)
            return
        connection_id, company_id = sel
        if self._shows_clients():
            self.overview_stack.setCurrentWidget(self.clients_overview)
            self._refresh_clients(connection_id)
            self.cancel_action.setEnabled(self.controller.is_active(connection_id))
            return
        self.overview_stack.setCurrentWidget(self.company_panel)
        conn = self._connection(connection_id)
        company = conn.company(company_id) if conn else None
        name = company.name if company is not None else str(company_id)
        # a one-company connection named after it shows the name once
        panel.set_company(
            name if conn is None or conn.label.strip() == name.strip() else f"{name} \u2013 {conn.label}"
        )
        health = self.health(connection_id, company_id)
        panel.set_health(health)
        active = self.controller.is_active(connection_id)
        panel.set_running(active)
        self.cancel_action.setEnabled(active)
        progress = self.controller.last_progress(connection_id)
        if active and progress is not None and progress.company_id == company_id:
            panel.set_progress(progress)
        report = self._reports.get(connection_id)
        panel.set_last_run(report, report.company(company_id) if report else None)
        next_run = self.controller.next_run(connection_id)
        panel.set_next_run(next_run)
        error = health.first_error
        if error is not None and error.code != "cancelled":
            panel.show_errors(error, missing=health.missing_permission_entities, retry_at=next_run)
        else:
            panel.show_errors(None)

    def _shows_clients(self) -> bool:
        """True when a connection with several companies is selected (not one of its companies)."""
        if self._selected is None or self._selected[1] is not None:
            return False
        conn = self._connection(self._selected[0])
        return conn is not None and len(conn.companies) > 1

    def _refresh_clients(self, connection_id: str) -> None:
        conn = self._connection(connection_id)
        if conn is None:
            return
        report = self._reports.get(connection_id)
        counts = self._report_counts.get(connection_id)
        next_run = self.controller.next_run(connection_id)
        next_text = datetime_text(next_run) if next_run is not None else self.tr("Manual")
        rows = []
        for company in conn.companies:
            company_id = int(company.id)
            health = self.health(connection_id, company_id)
            company_report = report.company(company_id) if report is not None else None
            last = (
                datetime_text(report.finished_at)
                if report is not None and company_report is not None
                else self.tr("Never")
            )
            error = health.first_error
            error_text = message_for(error).title if error is not None and error.code != "cancelled" else ""
            waiting = None
            if counts is not None:
                by_state = counts.get(company_id, {})
                waiting = sum(by_state.get(state, 0) for state in WAITING_STATES)
            rows.append(
                ClientRow(
                    company_id=company_id,
                    name=company.name,
                    status=health_text(health),
                    last_sync=last,
                    next_sync=next_text,
                    waiting=waiting,
                    error=error_text,
                    needs_attention=health.state in (HealthState.ATTENTION, HealthState.ERROR),
                )
            )
        self.clients_overview.set_rows(conn.label, rows)

    def select_company(self, company_id: int) -> None:
        """Select a company of the selected connection in the tree (opens its overview)."""
        connection_id = self.selected_connection()
        item = self._item_for((connection_id, company_id)) if connection_id else None
        if item is not None:
            self.tree.setCurrentItem(item)

    def _update_title(self) -> None:
        """The app's name, the selected company, and "Demo" when the simulator is selected."""
        parts = [APP_NAME]
        sel = self.selected_company() if hasattr(self, "tree") else None
        conn = self._connection(sel[0]) if sel else None
        if sel is not None and conn is not None:
            company = conn.company(sel[1]) if not self._shows_clients() else None
            parts.append(company.name if company is not None else conn.label)
        demo = conn is not None and conn.environment == "demo"
        self.demo_banner.setVisible(demo)
        title = " \u2013 ".join(parts)
        self.setWindowTitle(self.tr("%1 [Demo]").replace("%1", title) if demo else title)

    def _show_reports_view(self) -> None:
        if not self._started:
            return  # built after the first paint (`_after_first_paint`)
        connection_id = self.selected_connection()
        conn = self._connection(connection_id) if connection_id else None
        if conn is None:
            self.reports_stack.setCurrentWidget(self.reports_placeholder)
            return
        if conn.id not in self._reports_views:
            view = self._make_reports_view(conn)
            self._reports_views[conn.id] = view
            if view is not None:
                self.reports_stack.addWidget(view)
                changed = getattr(view, "reportsChanged", None)
                if changed is not None:
                    changed.connect(lambda cid=conn.id: self.reports_changed(cid))
                wanted = getattr(view, "actionRequested", None)
                if wanted is not None:
                    wanted.connect(self._run_report_action)
        view = self._reports_views[conn.id]
        self.reports_stack.setCurrentWidget(view if view is not None else self.reports_placeholder)
        set_company = getattr(view, "set_company", None)
        if callable(set_company) and self._selected is not None:
            set_company(self._selected[1])  # the tree's company, or all of the connection's

    def _run_report_action(self, key: str) -> None:
        if key == "replace_token":
            self.replace_token()
        else:
            self.run_action(key)

    def _default_reports_view(self, connection: ConnectionSettings) -> QWidget | None:
        make_backend = getattr(self._data, "reports_backend", None)
        if make_backend is None:
            return None
        from tripletex_desktop.ui.reports import ReportsView  # local: start-up time, built when first shown

        return ReportsView(make_backend(connection), self, runner=self._runner)

    # --- background reads -----------------------------------------------------------------------

    def _run(self, fn: Callable[[CancelToken], T], ok: Callable[[T], None], fail: FailureFn) -> TaskHandle:
        handle = run_task(fn, ok, fail, parent=self, runner=self._runner)
        self._tasks = [h for h in self._tasks if not h.done]
        self._tasks.append(handle)
        return handle

    def _load_history(self, connection_id: str) -> None:
        """Read the connection's sync runs, its travel report archive and report counts in the background."""
        data = self._data

        def read(
            cancel: CancelToken,
        ) -> tuple[list[HistoryEntry], list[ReportEvent], dict[int, dict[str, int]]]:
            return (
                data.history(connection_id),
                data.report_events(connection_id),
                data.report_counts(connection_id),
            )

        def done(result: tuple[list[HistoryEntry], list[ReportEvent], dict[int, dict[str, int]]]) -> None:
            entries, events, counts = result
            self._history[connection_id] = entries
            self._events[connection_id] = events
            self._report_counts[connection_id] = counts
            if entries and connection_id not in self._reports:
                self._reports[connection_id] = entries[0].report
            if self.selected_connection() == connection_id:
                self._show_history(connection_id)
            self._refresh_tree()
            self._refresh_selected()

        self._run(read, done, lambda exc: log.warning("history read failed: %s", exc))

    def _show_history(self, connection_id: str) -> None:
        if self._history_panel is None:
            return  # not built yet: it shows the selected connection's history when built (`history_panel`)
        conn = self._connection(connection_id)
        names = {int(c.id): c.name for c in conn.companies} if conn is not None else {}
        self._history_panel.set_entries(self._history.get(connection_id, []))
        self._history_panel.set_events(self._events.get(connection_id, []), names)

    def reports_changed(self, connection_id: str) -> None:
        """A report was approved, sent or checked: refresh the archive and the clients' counts."""
        self._load_history(connection_id)

    def _load_reference(self) -> None:
        if not self._started:
            return  # read after the first paint (`_after_first_paint`)
        sel = self.selected_company()
        if self._ref_handle is not None and not self._ref_handle.done:
            self._ref_handle.cancel()
        if sel is None:
            self.data_browser.clear()
            return
        connection_id, company_id = sel
        request = self.data_browser.row_request()
        data = self._data
        self.data_browser.set_loading()

        def read(cancel: CancelToken) -> PreparedRows:
            return prepare_rows(request, data.reference(connection_id, company_id, request.kind))

        def done(prepared: PreparedRows) -> None:
            if self.selected_company() == sel:
                self.data_browser.set_prepared(prepared)

        def failed(exc: BaseException) -> None:
            self.data_browser.set_error(message_for(exc).title)

        self._ref_handle = self._run(read, done, failed)

    # --- sync commands --------------------------------------------------------------------------

    def sync_selected(self) -> None:
        """Sync the selected connection now."""
        connection_id = self.selected_connection()
        if connection_id is not None:
            self.start_sync(connection_id)

    def start_sync(self, connection_id: str) -> bool:
        """Ask the controller to sync one connection (refused when it is already running)."""
        self._user_started.add(connection_id)
        started = bool(self.controller.start(connection_id))
        if not started:
            self._user_started.discard(connection_id)
        self._refresh_selected()
        return started

    def sync_all(self) -> None:
        """Sync every connection, one after the other."""
        for conn in self.context.settings.connections:
            self.start_sync(conn.id)

    def cancel_selected(self) -> None:
        """Cancel the selected connection's run."""
        connection_id = self.selected_connection()
        if connection_id is not None:
            self.controller.cancel(connection_id)

    def _on_queued(self, connection_id: str) -> None:
        self._refresh_tree()
        self._refresh_selected()

    def _on_started(self, connection_id: str) -> None:
        self._running.add(connection_id)
        self._refresh_tree()
        self._refresh_selected()

    def _on_progress(self, event: SyncProgress) -> None:
        sel = self.selected_company()
        if sel == (event.connection_id, event.company_id):
            self.company_panel.set_progress(event)
        item = self._item_for((event.connection_id, event.company_id))
        if item is not None:
            item.setText(
                1,
                f"{health_text(self.health(event.connection_id, event.company_id))} {phase_text(event.phase)}",
            )

    def _on_finished(self, connection_id: str, report: SyncReport) -> None:
        self._running.discard(connection_id)
        self._failures.pop(connection_id, None)
        self._reports[connection_id] = report
        by_user = connection_id in self._user_started
        self._user_started.discard(connection_id)
        if report.all_errors and not by_user:
            first = report.all_errors[0].error
            self._notify_failure(connection_id, first)
        self._after_run(connection_id)

    def _on_failed(self, connection_id: str, error: ErrorInfo) -> None:
        self._running.discard(connection_id)
        by_user = connection_id in self._user_started
        self._user_started.discard(connection_id)
        if error.code != "cancelled":
            self._failures[connection_id] = error
            if not by_user:
                self._notify_failure(connection_id, error)
        self._after_run(connection_id)

    def _after_run(self, connection_id: str) -> None:
        self._refresh_tree()
        self._refresh_selected()
        self._load_history(connection_id)
        if self.selected_connection() == connection_id:
            self._load_reference()

    def _notify_failure(self, connection_id: str, error: ErrorInfo) -> None:
        if self.tray is None:
            return
        conn = self._connection(connection_id)
        msg = message_for(error)
        label = conn.label if conn is not None else connection_id
        self.tray.showMessage(f"{APP_NAME} \u2013 {label}", msg.title, QSystemTrayIcon.MessageIcon.Warning)

    # --- menu actions ---------------------------------------------------------------------------

    def run_action(self, key: str) -> None:
        """Carry out a fix an error message recommends (ui.messages.ACTIONS) for the selected connection."""
        handler = self.action_handlers().get(key)
        if handler is not None:
            handler()

    def action_handlers(self) -> dict[str, Callable[[], object]]:
        """What each error action does here (replace_token and retry come through their own signals)."""
        return {
            "edit_connection": self.edit_connection,
            "add_connection": self.add_connection,
            "import_profile": self.import_profile,
            "support_bundle": self.create_support_bundle,
            "open_data_folder": lambda: self._open_url(
                QUrl.fromLocalFile(str(self.context.paths.data_dir)).toString()
            ),
            "open_tripletex": self.open_tripletex,
            "sync_now": self.sync_selected,
        }

    def show_token_guide(self) -> None:
        """Help › How to create the employee token (the accountant's variant for an accountant's connection)."""
        conn = self._connection(self.selected_connection() or "")
        from tripletex_desktop.ui.widgets.token_guide import TokenGuideDialog  # local: start-up time

        dialog = TokenGuideDialog(
            self,
            accountant=bool(getattr(conn, "is_accountant", False)),
            open_tripletex=self.open_tripletex,
            open_url=self._open_url,
        )
        self.token_guide = dialog
        dialog.open()

    def show_import_format(self) -> None:
        """Help › Import format: the columns and values a spreadsheet may have."""
        from tripletex_desktop.ui.reports.import_dialog import ImportFormatDialog  # local: start-up time

        dialog = ImportFormatDialog(self)
        self.import_format = dialog
        dialog.open()

    def open_tripletex(self) -> None:
        """Open the selected connection's Tripletex in the browser (to fix a token or a permission there)."""
        conn = self._connection(self.selected_connection() or "")
        self._open_url(tripletex_web(conn.environment if conn is not None else "production"))

    def add_connection(self) -> None:
        """Open the wizard for a new connection."""
        self._show_wizard(None, False)

    def edit_connection(self) -> None:
        """The selected connection's settings in tabs (companies, categories, sync), not the whole wizard."""
        conn = self._connection(self.selected_connection() or "")
        if conn is None:
            return
        # local: start-up time
        from tripletex_desktop.ui.wizard.settings_dialog import ConnectionSettingsDialog

        dialog = ConnectionSettingsDialog(self.token_backend(), conn, self, runner=self._runner)
        dialog.connectionCreated.connect(self.on_connection_saved)
        self.settings_dialog = dialog
        dialog.open()

    def replace_token(self) -> None:
        """One short dialog for the selected connection: paste the new token, it is checked and stored."""
        conn = self._connection(self.selected_connection() or "")
        if conn is None:
            return
        from tripletex_desktop.ui.widgets.replace_token import ReplaceTokenDialog  # local: start-up time

        dialog = ReplaceTokenDialog(
            self.token_backend(), conn, self, runner=self._runner, show_guide=self.show_token_guide
        )
        dialog.tokenReplaced.connect(self._token_replaced)
        self.replace_dialog = dialog
        dialog.open()

    def token_backend(self) -> WizardBackend:
        """What checks and stores a new token (services.wizard.WizardBackend over this app's context)."""
        if self._token_backend is None:
            from tripletex_desktop.services.wizard import WizardBackend  # local: start-up time (httpx)

            self._token_backend = WizardBackend.for_context(self.context)
        return self._token_backend

    def store_pasted_token(self, token: str) -> None:
        """A token pasted into the error panel's own field: check it and store it, then sync."""
        conn = self._connection(self.selected_connection() or "")
        if conn is None:
            return
        panel = self.company_panel.errors
        backend = self.token_backend()
        from tripletex_desktop.ui.wizard.wizard import draft_from_connection  # local: start-up time

        draft = draft_from_connection(conn, self.context.settings.ui_language or "nb")
        panel.set_paste_busy(True, self.tr("Checking the token with Tripletex\u2026"))

        def failed(exc: BaseException) -> None:
            msg = message_for(exc)
            panel.set_paste_busy(False, " ".join(p for p in (msg.title + ".", msg.fix) if p))

        self._run(
            lambda cancel: backend.replace_token(draft, token, cancel),
            lambda _outcome: self._token_replaced(conn.id),
            failed,
        )

    def _token_replaced(self, connection_id: str) -> None:
        conn = self._connection(connection_id)
        if conn is not None:  # the new token may be another employee's: the sync below asks whoAmI
            conn.employee_id = conn.employee_company_id = None
        self._failures.pop(connection_id, None)
        self.statusBar().showMessage(self.tr("The new token is stored. Syncing\u2026"), 8000)
        self.start_sync(connection_id)

    def _show_wizard(self, existing: ConnectionSettings | None, token_page: bool) -> None:
        wizard = self._open_wizard(self, existing, token_page)
        if wizard is None:
            return
        self.wizard = wizard
        wizard.connectionCreated.connect(self.on_connection_saved)
        wizard.show()

    def on_connection_saved(self, connection: ConnectionSettings) -> None:
        """The wizard saved `connection`: show it, schedule it, and sync it when asked to."""
        connections = [c for c in self.context.settings.connections if c.id != connection.id]
        index = next(
            (i for i, c in enumerate(self.context.settings.connections) if c.id == connection.id), None
        )
        if index is None:
            connections.append(connection)
        else:
            connections.insert(index, connection)
        self.context.settings = dataclasses.replace(self.context.settings, connections=connections)
        self._failures.pop(connection.id, None)
        stale = self._reports_views.pop(connection.id, None)  # its companies or mapping may have changed
        if stale is not None:
            stop = getattr(stale, "shutdown", None)
            if callable(stop):
                stop()
            self.reports_stack.removeWidget(stale)
            stale.deleteLater()
        self._selected = (connection.id, None)
        self.reload_connections()
        self.controller.set_schedule(connection.id, connection.sync.interval)
        if connection.sync.sync_on_finish:
            self.start_sync(connection.id)

    def export_profile(self) -> None:
        """Save a profile (settings without tokens) for another machine."""
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export profile"), "tripletex-desktop-profile.json", self.tr("Profile (*.json)")
        )
        if not path:
            return
        data = self._data
        self._run(
            lambda cancel: data.export_profile(path),
            lambda _r: self.statusBar().showMessage(self.tr("Profile saved to %1").replace("%1", path), 8000),
            self._show_error_box,
        )

    def import_profile(self) -> None:
        """Add the connections of a profile file (each asks for its token on first use)."""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import profile"), "", self.tr("Profile (*.json)")
        )
        if not path:
            return
        data = self._data

        def done(settings: Settings) -> None:
            self.context.settings = settings
            self.reload_connections()
            self.controller.apply_schedules(schedules_from_settings(settings))
            self.statusBar().showMessage(
                self.tr("Profile imported. Replace the token of each new connection."), 8000
            )

        self._run(lambda cancel: data.import_profile(path), done, self._show_error_box)

    def create_support_bundle(self) -> None:
        """Write a support zip (no secrets) next to the logs and say where it is."""
        dest = str(self.context.paths.log_dir)
        data = self._data
        self.statusBar().showMessage(self.tr("Creating support bundle\u2026"))

        def done(path: str) -> None:
            self.last_bundle_path = path
            self.statusBar().showMessage(self.tr("Support bundle saved: %1").replace("%1", path))

        self._run(lambda cancel: data.support_bundle(dest), done, self._show_error_box)

    def set_language(self, code: str) -> None:
        """Switch the interface language now and remember it."""
        if code in self.lang_actions:
            self.lang_actions[code].setChecked(True)
        if self._switch_language is not None:
            self._switch_language(code)
        else:
            install_translators(QApplication.instance(), code)
        self.context.settings = dataclasses.replace(self.context.settings, ui_language=code)
        settings = self.context.settings
        data = self._data
        self._run(lambda cancel: data.save_settings(settings), lambda _r: None, self._show_error_box)
        self.languageChanged.emit(code)
        self.retranslate()

    def show_about(self) -> None:
        """Version, consumer-token status, where the data lives, and the update check opt-in."""
        if self._about is None:  # read when someone asks: the build and the paths
            from tripletex_desktop.services.about import about_info  # local: start-up time (httpx)

            self._about = about_info(self.context.paths)
        from tripletex_desktop.ui.about import AboutDialog  # local: start-up time

        dialog = AboutDialog(
            self._about, bool(getattr(self.context.settings, "check_for_updates", False)), self
        )
        dialog.checkForUpdatesChanged.connect(self._set_check_for_updates)
        if self.latest_release is not None:
            dialog.show_update(self.latest_release)
        self.about_dialog = dialog
        dialog.open()

    def _set_check_for_updates(self, enabled: bool) -> None:
        self.context.settings = dataclasses.replace(self.context.settings, check_for_updates=enabled)
        settings = self.context.settings
        data = self._data
        self._run(lambda cancel: data.save_settings(settings), lambda _r: None, self._show_error_box)
        if enabled:
            self.check_for_updates()

    def check_for_updates(self) -> None:
        """Ask the release feed in a worker (only when the user opted in); a newer version shows in the status bar."""
        checker = self._update_checker
        if checker is None or not getattr(self.context.settings, "check_for_updates", False):
            return

        def done(release: Release | None) -> None:
            self.latest_release = release
            if release is not None:
                self.update_notice.setText(
                    self.tr("Version %1 is available:").replace("%1", release.version)
                    + f' <a href="{release.url}">'
                    + self.tr("Download")
                    + "</a>"
                )
                self.update_notice.setAccessibleName(self.update_notice.text())
                self.update_notice.show()
            if self.about_dialog is not None:
                self.about_dialog.show_update(release)

        def failed(exc: BaseException) -> None:
            log.info("update check failed: %s", type(exc).__name__)
            if self.about_dialog is not None:
                self.about_dialog.show_update_failed()

        self._run(lambda cancel: checker(), done, failed)

    def _show_error_box(self, exc: BaseException) -> None:
        msg = message_for(exc)
        box = QMessageBox(QMessageBox.Icon.Warning, msg.title, msg.text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("errorMessageBox")
        box.setInformativeText(msg.full_text())
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.open()

    # --- tray and closing -----------------------------------------------------------------------

    def _on_tray_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.show_from_tray()

    def show_from_tray(self) -> None:
        """Bring the window back."""
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def _has_schedules(self) -> bool:
        return any(
            getattr(c.sync, "interval", "manual") != "manual" for c in self.context.settings.connections
        )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        """With a tray and scheduled syncs, closing hides to the tray; otherwise it quits cleanly."""
        self._save_geometry()
        if not self._quitting and self.tray is not None and self._has_schedules():
            event.ignore()
            self.hide()
            if not self._tray_hint_shown:
                self._tray_hint_shown = True
                self.tray.showMessage(
                    APP_NAME,
                    self.tr("Still syncing in the background. Use Quit in the tray menu to stop."),
                    QSystemTrayIcon.MessageIcon.Information,
                )
            return
        self._shutdown()
        event.accept()

    def quit_app(self) -> None:
        """Cancel any sync, stop the sync thread and quit."""
        self._quitting = True
        self._save_geometry()
        self._shutdown()
        self.close()
        app = QApplication.instance()
        if app is not None:
            app.quit()

    def shutdown(self) -> None:
        """Cancel the window's background work and stop the sync thread (the app calls it as it exits)."""
        self._shutdown()

    def _shutdown(self) -> None:
        self._clock.stop()
        for view in self._reports_views.values():
            stop = getattr(view, "shutdown", None)
            if callable(stop):
                stop()
        for handle in self._tasks:
            if not handle.done:
                handle.cancel()
        self.controller.shutdown()
        if self.tray is not None:
            self.tray.hide()

    def _save_geometry(self) -> None:
        geometry = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
        settings = getattr(self.context, "settings", None)
        if settings is not None and hasattr(settings, "window_geometry"):
            try:
                settings.window_geometry = geometry  # kept in memory; the app saves settings on exit
            except dataclasses.FrozenInstanceError:
                pass

    def _restore_geometry(self) -> None:
        geometry = getattr(self.context.settings, "window_geometry", None)
        if geometry:
            self.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii")))


def _default_wizard_opener(context: AppContext, demo_mode: bool) -> WizardOpener:
    def open_wizard(parent: QWidget, existing: ConnectionSettings | None, token_page: bool) -> SetupWizard:
        # local: start-up time; the wizard and its backend (httpx, keyring) load when it first opens
        from tripletex_desktop.services.wizard import WizardBackend
        from tripletex_desktop.ui.wizard import SetupWizard

        backend = WizardBackend.for_context(context)
        demo = demo_mode or getattr(existing, "environment", "") == Environment.DEMO.value
        # The welcome page's language choice is the app's (Settings › Language): remembered in the settings,
        # ticked in the menu, kept when the window saves its settings at exit.
        switch = getattr(parent, "set_language", None)
        return SetupWizard(
            backend,
            existing=existing,
            start_at_token_page=token_page,
            demo_mode=demo,
            language=current_language(),
            switch_language=switch if callable(switch) else None,
            parent=parent,
        )

    return open_wizard
