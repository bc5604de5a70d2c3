"""The UI language chosen once (the wizard's welcome page, Settings › Language) holds on every later run.

The bug this pins: on an English system, Norsk bokmål chosen on the first run's welcome page showed at once, but
the window kept `ui_language` unset in memory and its exit save wrote that over the file, so the next start
(demo mode or not) came up in English; the Language menu ticked Norsk while the window was English.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from tools import i18n as tool
from tripletex_desktop.app.context import build_context
from tripletex_desktop.storage.secrets import MemoryKeyring, TokenStore
from tripletex_desktop.storage.settings import Settings, SettingsStore
from tripletex_desktop.ui import i18n
from tripletex_desktop.ui.application import build_main_window

pytestmark = [
    pytest.mark.skipif(
        shutil.which("pyside6-lrelease") is None
        and not (Path(sys.executable).parent / "pyside6-lrelease").exists(),
        reason="pyside6-lrelease not installed",
    ),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

NOW = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def qm_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("qm")
    tool.build(out)
    return out


@pytest.fixture
def english_system(qm_dir, monkeypatch, qapp):
    """Compiled translations, and a system locale that is not Norwegian."""
    monkeypatch.setattr(i18n, "i18n_dir", lambda: qm_dir)
    monkeypatch.setattr(i18n, "default_language", lambda locale=None: "en")
    yield
    i18n.install_translators(qapp, "en")


def start(qtbot, config_dir: Path, language: str | None = None):
    """What run_gui does up to the event loop: the context, then the main window (and the wizard first time)."""
    context = build_context(config_dir, token_store=TokenStore(MemoryKeyring()), clock=lambda: NOW)
    window = build_main_window(context, language=language, today=lambda: NOW.date())
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.started, timeout=10_000)
    return context, window


def stop(context, window) -> None:
    """What quitting does: the exit save (QApplication.aboutToQuit), then the window and its sync thread go."""
    context.save_settings()
    if window.wizard is not None:
        window.wizard.done(0)
    window.controller.shutdown()
    window.hide()
    context.close()


def test_norwegian_chosen_on_the_first_runs_welcome_page_is_kept_on_the_next_run(
    qtbot, tmp_path, english_system
):
    context, window = start(qtbot, tmp_path)
    assert i18n.current_language() == "en"  # an English system, nothing chosen yet
    qtbot.waitUntil(lambda: window.wizard is not None and window.wizard.isVisible(), timeout=10_000)
    combo = window.wizard.welcome.language
    combo.setCurrentIndex(combo.findData("nb"))

    assert i18n.current_language() == "nb"
    assert window.lang_actions["nb"].isChecked()  # the menu follows the wizard's choice
    assert context.settings.ui_language == "nb"
    assert window.file_menu.title() == "&Fil"
    stop(context, window)
    assert SettingsStore(context.paths.settings_file).load().settings.ui_language == "nb"

    context, window = start(qtbot, tmp_path)  # the next run, demo mode or not: Norwegian
    assert i18n.current_language() == "nb"
    assert window.file_menu.title() == "&Fil"
    assert window.lang_actions["nb"].isChecked()
    stop(context, window)


def test_lang_overrides_one_run_without_changing_the_stored_choice(qtbot, tmp_path, english_system):
    paths = build_context(tmp_path, token_store=TokenStore(MemoryKeyring())).paths
    SettingsStore(paths.settings_file).save(Settings(ui_language="nb"))
    context, window = start(qtbot, tmp_path, language="en")  # tripletex-desktop --lang en
    assert i18n.current_language() == "en"
    assert window.lang_actions["en"].isChecked()  # never Norsk ticked over an English window
    assert window.file_menu.title() == "&File"
    stop(context, window)
    assert SettingsStore(paths.settings_file).load().settings.ui_language == "nb"

    context, window = start(qtbot, tmp_path)
    assert i18n.current_language() == "nb"
    stop(context, window)


def test_the_system_language_is_used_until_one_is_chosen(qtbot, tmp_path, qm_dir, monkeypatch, qapp):
    monkeypatch.setattr(i18n, "i18n_dir", lambda: qm_dir)
    monkeypatch.setattr(i18n, "default_language", lambda locale=None: "nb")  # a Norwegian system
    try:
        context, window = start(qtbot, tmp_path)
        assert i18n.current_language() == "nb"
        assert window.lang_actions["nb"].isChecked()
        assert QApplication.translate("MainWindow", "&File") == "&Fil"
        stop(context, window)
    finally:
        i18n.install_translators(qapp, "en")
