"""Help → About and the opt-in update check: off by default, no call without consent, the token never shown."""

from __future__ import annotations

import sys
import types

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from tests.support.main_window import settings
from tripletex_desktop.app import build
from tripletex_desktop.core.updates import Release
from tripletex_desktop.services.about import AboutInfo, TokenStatus, about_info
from tripletex_desktop.storage.settings import Settings, settings_from_dict, settings_to_dict

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

RELEASE = Release("9.9.0", "https://example.test/releases/v9.9.0")


def info(status: TokenStatus = TokenStatus.BUILT_IN, *, feed: bool = True) -> AboutInfo:
    return AboutInfo(
        "0.1.0", status, "/home/u/.config/x/settings.json", "/home/u/.local/share/x", "/logs", feed
    )


class Checker:
    def __init__(self, result: Release | None = RELEASE) -> None:
        self.calls = 0
        self.result = result

    def __call__(self) -> Release | None:
        self.calls += 1
        return self.result


def about_texts(window) -> str:
    return " ".join(label.text() for label in window.about_dialog.findChildren(QLabel))


def test_the_update_check_is_off_by_default():
    assert Settings().check_for_updates is False
    data = settings_to_dict(Settings())
    del data["check_for_updates"]
    assert settings_from_dict(data).check_for_updates is False
    assert settings_from_dict(settings_to_dict(Settings(check_for_updates=True))).check_for_updates is True


def test_no_check_without_consent(harness, qtbot):
    checker = Checker()
    window = harness.make(about=info(), checker=checker)
    qtbot.wait(50)
    window.show_about()
    box = window.about_dialog.findChild(type(window.about_dialog.check_updates), "aboutCheckForUpdates")
    assert box is not None and not box.isChecked() and box.isEnabled()
    assert box.accessibleName()
    window.check_for_updates()
    assert checker.calls == 0
    assert not window.update_notice.isVisible()


def test_opting_in_saves_the_choice_and_checks_once(harness, qtbot):
    checker = Checker()
    window = harness.make(about=info(), checker=checker)
    window.show_about()
    window.about_dialog.check_updates.setChecked(True)
    qtbot.waitUntil(lambda: window.update_notice.isVisible())
    assert checker.calls == 1
    assert window.context.settings.check_for_updates is True
    assert harness.data.saved[-1].check_for_updates is True
    assert "9.9.0" in window.update_notice.text() and RELEASE.url in window.update_notice.text()
    assert "9.9.0" in window.about_dialog.update_status.text()


def test_opted_in_at_start_checks_and_the_newest_says_so(harness, qtbot):
    checker = Checker(result=None)
    s = settings()
    s.check_for_updates = True
    window = harness.make(s, about=info(), checker=checker)
    qtbot.waitUntil(lambda: checker.calls == 1)
    assert not window.update_notice.isVisible()
    window.show_about()
    window.check_for_updates()
    qtbot.waitUntil(lambda: "newest" in window.about_dialog.update_status.text())


def test_a_failed_check_is_said_quietly(harness, qtbot):
    def offline():
        raise OSError("offline")

    s = settings()
    s.check_for_updates = True
    window = harness.make(s, about=info(), checker=offline)
    window.show_about()
    window.check_for_updates()
    qtbot.waitUntil(lambda: "Could not check" in window.about_dialog.update_status.text())


def test_a_build_without_a_release_feed_never_checks(harness, qtbot):
    checker = Checker()
    s = settings()
    s.check_for_updates = True
    window = harness.make(s, about=info(feed=False), checker=checker)
    window.check_for_updates()
    qtbot.wait(50)
    window.show_about()
    assert not window.about_dialog.check_updates.isEnabled()
    assert not window.about_dialog.check_updates.isChecked()
    assert checker.calls == 0


@pytest.mark.parametrize(
    ("status", "shown"),
    [(TokenStatus.BUILT_IN, "included in this build"), (TokenStatus.NONE, "not included in this build")],
)
def test_about_shows_version_token_status_and_folders(harness, status, shown):  # noqa: F811
    window = harness.make(about=info(status), checker=None)
    window.show_about()
    text = about_texts(window)
    assert "0.1.0" in text and shown in text
    assert "/home/u/.local/share/x" in text and "settings.json" in text
    assert window.about_dialog.data_dir.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse


def test_the_token_itself_is_never_shown(harness, monkeypatch, tmp_path):  # noqa: F811
    from tripletex_desktop.app.paths import resolve_paths

    secret = "consumer-secret-4711"
    monkeypatch.setitem(sys.modules, build.BUILD_CONFIG_MODULE, types.SimpleNamespace(CONSUMER_TOKEN=secret))
    facts = about_info(resolve_paths(tmp_path), environ={})
    assert facts.token_status is TokenStatus.BUILT_IN
    window = harness.make(about=facts, checker=None)
    window.show_about()
    assert secret not in about_texts(window)
    assert secret not in window.about_dialog.windowTitle()
    QApplication.processEvents()


def test_the_environment_token_wins_over_the_built_in_one(monkeypatch):
    monkeypatch.setitem(
        sys.modules,
        build.BUILD_CONFIG_MODULE,
        types.SimpleNamespace(CONSUMER_TOKEN=" built-in ", RELEASE_FEED="https://api.example.test/latest"),
    )
    assert build.built_in_consumer_token() == "built-in"
    assert build.default_consumer_token({}) == "built-in"
    assert build.default_consumer_token({"TRIPLETEX_CONSUMER_TOKEN": "from-env"}) == "from-env"
    assert build.built_in_release_feed() == "https://api.example.test/latest"


def test_a_checkout_has_no_built_in_token_or_feed(monkeypatch):
    monkeypatch.setitem(sys.modules, build.BUILD_CONFIG_MODULE, None)  # import fails: no generated module
    assert build.built_in_consumer_token() is None
    assert build.built_in_release_feed() is None
    assert build.default_consumer_token({}) is None
