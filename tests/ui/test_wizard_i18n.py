"""Translations: the tool (update/build/check), install_translators, live retranslation, the message catalogue."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QWizard

from tools import i18n as tool
from tripletex_desktop.core.errors import (
    ErrorInfo,
    NetworkUnavailable,
    SecretStoreUnavailable,
    ServerError,
    WrongEnvironment,
)
from tripletex_desktop.ui import i18n
from tripletex_desktop.ui.messages import ERRORS, keyring_advice, message_for, register

pytestmark = pytest.mark.skipif(
    shutil.which("pyside6-lrelease") is None
    and not (Path(sys.executable).parent / "pyside6-lrelease").exists(),
    reason="pyside6-lrelease not installed",
)


@pytest.fixture(scope="module")
def qm_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("qm")
    tool.build(out)
    return out


@pytest.fixture
def nb_installed(qm_dir, monkeypatch, qapp):
    monkeypatch.setattr(i18n, "i18n_dir", lambda: qm_dir)
    yield lambda lang: i18n.install_translators(qapp, lang)
    i18n.install_translators(qapp, "en")


def test_default_language_follows_the_system():
    assert i18n.default_language(QLocale(QLocale.Language.NorwegianBokmal, QLocale.Country.Norway)) == "nb"
    assert i18n.default_language(QLocale(QLocale.Language.NorwegianNynorsk, QLocale.Country.Norway)) == "nb"
    assert i18n.default_language(QLocale(QLocale.Language.German, QLocale.Country.Germany)) == "en"


def test_missing_qm_falls_back_to_english_with_a_log(qapp, tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(i18n, "i18n_dir", lambda: tmp_path)
    installed = i18n.install_translators(qapp, "nb")
    assert installed == []
    assert "showing English" in caplog.text
    assert QApplication.translate("SetupWizard", "&Next >") == "&Next >"
    monkeypatch.undo()  # English again, with its plural forms, for the tests after this one
    i18n.install_translators(qapp, "en")


def test_language_switch_retranslates_the_wizard_live(qtbot, sync_env, nb_installed):
    wiz = sync_env.wizard(qtbot, switch_language=nb_installed)
    next_button = wiz.button(QWizard.WizardButton.NextButton)
    assert next_button.text() == "&Next >"
    wiz.welcome.language.setCurrentIndex(wiz.welcome.language.findData("nb"))
    qtbot.waitUntil(lambda: next_button.text() == "&Neste >")  # LanguageChange is posted
    assert wiz.welcome.title() == "Velkommen til Tripletex Desktop"
    assert wiz.environment.production.text() == "&Produksjon (tripletex.no)"
    assert wiz.ctx.draft.language == "nb"
    wiz.welcome.language.setCurrentIndex(wiz.welcome.language.findData("en"))
    qtbot.waitUntil(lambda: next_button.text() == "&Next >")
    assert wiz.welcome.title() == "Welcome to Tripletex Desktop"


def test_messages_in_norwegian(nb_installed):
    nb_installed("nb")
    msg = message_for(WrongEnvironment("x", status=422, request_id="abc-123"))
    assert msg.title == "Nøkkelen hører til et annet miljø"
    assert "abc-123" in msg.full_text()


def test_every_error_code_has_a_distinct_message():
    codes = [
        "employee_token_invalid",
        "employee_token_expired",
        "wrong_environment",
        "consumer_token_invalid",
        "network",
        "proxy",
        "tls",
        "server_error",
    ]
    titles = {message_for(ErrorInfo(code=c)).title for c in codes}
    assert len(titles) == len(codes)
    assert all(ERRORS[c].fix for c in codes)


def test_server_error_keeps_request_id():
    msg = message_for(ServerError("down", status=503, request_id="rid-9"))
    assert msg.request_id == "rid-9"
    assert msg.code == "server_error"


def test_unknown_codes_fall_back():
    assert message_for(ErrorInfo(code="nope")).code == "nope"
    assert message_for(ErrorInfo(code="nope")).title == message_for(ErrorInfo(code="internal")).title
    assert message_for(RuntimeError("x")).code == "internal"
    assert message_for(NetworkUnavailable()).code == "network"


def test_catalogue_is_extensible():
    register("my_code", "My title", "My text", "My fix")
    try:
        assert message_for(ErrorInfo(code="my_code")).fix == "My fix"
    finally:
        del ERRORS["my_code"]


@pytest.mark.parametrize(
    ("platform", "needle"),
    [("win32", "Credential Manager"), ("darwin", "Keychain"), ("linux", "GNOME Keyring")],
)
def test_keyring_advice_is_os_specific(platform, needle):
    assert needle in keyring_advice("no_backend", platform)
    msg = message_for(SecretStoreUnavailable("x", reason="locked"), platform=platform)
    assert msg.code == "keyring_unavailable"
    assert needle.split()[0] in msg.fix or "keyring" in msg.fix.lower()


def _mini_project(tmp_path: Path, monkeypatch, source: str) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    (src / "page.py").write_text(source, encoding="utf-8")
    monkeypatch.setattr(tool, "SOURCE_DIRS", (src,))
    monkeypatch.setattr(tool, "I18N_DIR", tmp_path / "i18n")
    return src


PAGE = """
from PySide6.QtCore import QCoreApplication


def texts():
    return QCoreApplication.translate("Page", "Hello %1")
"""


def test_check_flags_untranslated_stale_and_broken_placeholders(tmp_path, monkeypatch):
    src = _mini_project(tmp_path, monkeypatch, PAGE)
    tool.update()
    assert any("untranslated" in p for p in tool.problems("nb"))
    ts = tool.ts_path("nb")
    text = ts.read_text(encoding="utf-8")
    ts.write_text(
        text.replace('<translation type="unfinished"></translation>', "<translation>Hei</translation>")
    )
    assert any("placeholders differ" in p for p in tool.problems("nb"))
    ts.write_text(
        text.replace('<translation type="unfinished"></translation>', "<translation>Hei %1</translation>")
    )
    assert tool.problems("nb") == []
    assert tool.main(["check"]) == 0
    (src / "page.py").write_text(PAGE.replace("Hello %1", "Hi there %1"), encoding="utf-8")
    found = tool.problems("nb")
    assert any("stale: new string" in p for p in found)
    assert tool.main(["check"]) == 1
    built = tool.build(tmp_path / "out")
    assert built[0].exists()


PLURAL_PAGE = """
from PySide6.QtCore import QObject


class Page(QObject):
    def texts(self, n):
        return self.tr("Hello"), self.tr("%n row(s) in %1", "", n)
"""

UNFINISHED_FORMS = """<translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>"""


def _forms(*forms: str) -> str:
    return "<translation>" + "".join(f"<numerusform>{f}</numerusform>" for f in forms) + "</translation>"


def test_the_english_catalogue_holds_only_plurals_each_with_both_forms(tmp_path, monkeypatch):
    _mini_project(tmp_path, monkeypatch, PLURAL_PAGE)
    tool.update()
    ts = tool.ts_path("en")
    text = ts.read_text(encoding="utf-8")
    assert "%n row(s) in %1" in text and "Hello" not in text  # lupdate -pluralonly
    assert [p for p in tool.problems("en") if "a plural form is missing" in p] != []

    def with_forms(*forms: str) -> list[str]:
        assert UNFINISHED_FORMS in text
        ts.write_text(text.replace(UNFINISHED_FORMS, _forms(*forms)), encoding="utf-8")
        return tool.problems("en")

    assert with_forms("%n row in %1", "%n rows in %1") == []
    assert any("a plural form is missing" in p for p in with_forms("%n row in %1", ""))
    assert any("a plural form is missing" in p for p in with_forms("%n row in %1"))
    assert any("placeholders differ" in p for p in with_forms("One row in %1", "%n rows in %1"))
    assert any("placeholders differ" in p for p in with_forms("%n row", "%n rows in %1"))
    with_forms("%n row in %1", "%n rows in %1")
    ts.write_text(
        ts.read_text(encoding="utf-8").replace(
            "</context>",
            "<message><source>Hello</source><translation>Hello</translation></message></context>",
        ),
        encoding="utf-8",
    )
    assert any("not a plural" in p for p in tool.problems("en"))
    # Bokmål keeps its own rule: every string, the plural too, is translated
    assert any("untranslated: [Page] 'Hello'" in p for p in tool.problems("nb"))
    assert tool.main(["check"]) == 1


def test_the_english_plural_forms_compile_and_translate(tmp_path, monkeypatch, qapp):
    _mini_project(tmp_path, monkeypatch, PLURAL_PAGE)
    tool.update()
    ts = tool.ts_path("en")
    ts.write_text(
        ts.read_text(encoding="utf-8").replace(UNFINISHED_FORMS, _forms("%n row in %1", "%n rows in %1")),
        encoding="utf-8",
    )
    assert tool.problems("en") == []
    qm = [p for p in tool.build(tmp_path / "out") if p.name == "tripletex_desktop_en.qm"]
    translator = QTranslator()
    assert qm and translator.load(str(qm[0]))
    assert [translator.translate("Page", "%n row(s) in %1", "", n) for n in (0, 1, 2, 7)] == [
        "%n rows in %1",
        "%n row in %1",
        "%n rows in %1",
        "%n rows in %1",
    ]


def test_check_flags_aliased_translate_calls(tmp_path, monkeypatch):
    _mini_project(
        tmp_path,
        monkeypatch,
        "from PySide6.QtCore import QCoreApplication\n"
        "def texts():\n    tr = QCoreApplication.translate\n    return tr('Page', 'Hello')\n",
    )
    tool.update()
    assert any("no context" in p for p in tool.problems("nb"))


def test_the_shipped_catalogue_translates_every_wizard_string():
    problems = [
        p
        for p in tool.check()
        if any(
            f"[{ctx}]" in p
            for ctx in (
                "WelcomePage",
                "EnvironmentPage",
                "TokenPage",
                "CompaniesPage",
                "CompaniesModel",
                "PermissionsPage",
                "CategoriesPage",
                "SyncPage",
                "SummaryPage",
                "SetupWizard",
                "CheckPanel",
            )
        )
    ]
    assert problems == []


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
@pytest.mark.parametrize("lang", ["en", "nb"])
def test_token_page_and_token_guide_mnemonics_are_distinct(qtbot, sync_env, nb_installed, lang):
    from tests.support.reports_ui import mnemonics
    from tests.support.wizard import click_next
    from tripletex_desktop.ui.widgets.token_guide import TokenGuideDialog

    nb_installed(lang)
    sync_env.backend._default_consumer_token = lambda env: "release-build-consumer"
    wiz = sync_env.wizard(qtbot, demo_mode=False, language=lang)
    click_next(qtbot, wiz)
    click_next(qtbot, wiz)
    assert wiz.page_key() == "token"
    page = wiz.currentPage()
    buttons = [wiz.button(b) for b in (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton)]
    keys = [k for k in mnemonics(page)] + [b.text().split("&")[1][0].casefold() for b in buttons]
    assert len(keys) >= 6 and len(keys) == len(set(keys)), sorted(keys)
    dialog = TokenGuideDialog(accountant=True, open_tripletex=lambda: None)
    qtbot.addWidget(dialog)
    dialog.show()
    keys = mnemonics(dialog)
    assert len(keys) >= 4 and len(keys) == len(set(keys)), sorted(keys)
