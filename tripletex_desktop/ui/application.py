"""The desktop app's start: QApplication, translations, the sync controller, the main window and, first time, the wizard."""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from tripletex_desktop import APP_ID, APP_NAME, __version__
from tripletex_desktop.app.context import AppContext, build_context
from tripletex_desktop.app.environment import STARTUP_PROBE_ENV
from tripletex_desktop.app.paths import resource_dir
from tripletex_desktop.ui.i18n import install_translators
from tripletex_desktop.ui.main_window import MainWindow
from tripletex_desktop.ui.style import install_style
from tripletex_desktop.workers.sync_controller import SyncController
from tripletex_desktop.workers.tasks import finish_background_tasks

if TYPE_CHECKING:
    from tripletex_desktop.storage.secrets import TokenStore  # the keyring loads on first use

log = logging.getLogger(__name__)


class _StartupProbe(QObject):
    """The start-up benchmark's hook ($TRIPLETEX_DESKTOP_STARTUP_PROBE): the first paint of a top-level
    window prints `first-paint <time.monotonic()>` and quits the app."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """Watch for the first paint of a window."""
        app = self.parent()
        if (
            event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.isWindow()
            and app is not None
        ):
            app.removeEventFilter(self)
            self.setParent(None)
            print(f"first-paint {time.monotonic():.6f}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


def install_startup_probe(app: QApplication) -> None:
    """Install the start-up benchmark's hook when $TRIPLETEX_DESKTOP_STARTUP_PROBE is set."""
    if os.environ.get(STARTUP_PROBE_ENV) and not hasattr(app, "_startup_probe"):
        probe = _StartupProbe(app)
        app._startup_probe = probe  # type: ignore[attr-defined]
        app.installEventFilter(probe)


def create_qapplication() -> QApplication:
    """The one QApplication, with the names the OS shows and that QSettings-like places would use."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationDomain(APP_ID)
    app.setDesktopFileName(APP_ID)
    install_startup_probe(app)
    install_style(app)  # a visible focus ring, week numbers in date pickers
    icon = resource_dir() / "icons" / "tripletex-desktop.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def build_main_window(
    context: AppContext,
    *,
    demo: bool = False,
    language: str | None = None,
    today: Callable[[], dt.date] | None = None,
) -> MainWindow:
    """Translators, sync controller and main window for `context`; opens the wizard when nothing is set up.

    `today` is the window's date (token expiry, report dates); None is the real clock. Tests inject one.
    """
    app = create_qapplication()
    chosen = language or context.settings.ui_language
    install_translators(app, chosen)

    def switch_language(lang: str) -> None:
        install_translators(app, lang)
        context.settings.ui_language = lang

    first_run = not context.settings.connections
    controller = SyncController.for_context(context)
    window = MainWindow(
        context,
        controller,
        switch_language=switch_language,
        demo_mode=demo or first_run,
        today=today,
    )
    app.aboutToQuit.connect(context.save_settings)
    window.show()
    problem = context.settings_problem
    if problem is not None:
        window.when_started(lambda: _tell_settings_were_reset(window, problem.backup_path))
    if first_run:
        # Nothing configured: the wizard opens as soon as the window is there, with the demo preselected.
        window.when_started(window.add_connection)
    return window


def _tell_settings_were_reset(parent: QWidget, backup_path: str | None) -> None:
    text = QApplication.translate(
        "Application",
        "Your settings file could not be read, so the app started with default settings. "
        "The old file was kept as:\n%1",
    ).replace("%1", backup_path or "?")
    QMessageBox.warning(parent, APP_NAME, text)


def run_application(
    context: AppContext,
    *,
    demo: bool = False,
    language: str | None = None,
    today: Callable[[], dt.date] | None = None,
) -> int:
    """Run the event loop until the user quits."""
    app = create_qapplication()
    app.setQuitOnLastWindowClosed(True)
    window = build_main_window(context, demo=demo, language=language, today=today)
    try:
        return app.exec()
    finally:
        window.shutdown()  # a quit without closing the window (the tray's Quit, the session ending) too
        if not finish_background_tasks():
            log.warning("background tasks were still running when the app exited")


def run_gui(
    *,
    config_dir: str | None = None,
    demo: bool = False,
    language: str | None = None,
    clock: Callable[[], dt.datetime] | None = None,
    token_store: TokenStore | None = None,
) -> int:
    """Start the desktop app: the wizard when nothing is configured, else the main window.

    `clock` (aware UTC; the app's one clock, AppContext.clock) and `token_store` are for tests: None is the real
    clock and the OS keyring.
    """
    context = build_context(config_dir, token_store=token_store, clock=clock, open_database=False)
    try:
        return run_application(context, demo=demo, language=language, today=context.today)
    finally:
        context.close()
