"""Qt's own strings in Bokmål: message box buttons, context menus, the file dialog, the wizard, date names."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
    QWizard,
)

from tools import i18n as tool
from tripletex_desktop.ui import i18n

pytestmark = pytest.mark.skipif(
    shutil.which("pyside6-lrelease") is None
    and not (Path(sys.executable).parent / "pyside6-lrelease").exists(),
    reason="pyside6-lrelease not installed",
)

#: Words that are the same in both languages.
SAME_IN_BOTH = {"OK", "&OK", "Alias", "Type", "Alt+Left", "Alt+Right", "Alt+Up", ""}


@pytest.fixture(scope="module")
def qm_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("qm")
    tool.build(out)
    return out


@pytest.fixture
def language(qm_dir, monkeypatch, qapp):
    monkeypatch.setattr(i18n, "i18n_dir", lambda: qm_dir)
    yield lambda lang: i18n.install_translators(qapp, lang)
    i18n.install_translators(qapp, "en")


def _menu_texts(menu) -> set[str]:
    return {a.text().split("\t")[0] for a in menu.actions() if not a.isSeparator()}


def test_message_box_buttons_are_norwegian(language, qtbot):
    language("nb")
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "x",
        "Slette?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
    )
    qtbot.addWidget(box)
    assert box.button(QMessageBox.StandardButton.Yes).text() == "&Ja"
    assert box.button(QMessageBox.StandardButton.No).text() == "&Nei"
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Cancel
        | QDialogButtonBox.StandardButton.Close
        | QDialogButtonBox.StandardButton.Save
        | QDialogButtonBox.StandardButton.Help
    )
    qtbot.addWidget(buttons)
    assert {b.text().replace("&", "") for b in buttons.buttons()} == {"Avbryt", "Lukk", "Lagre", "Hjelp"}
    box.setDetailedText("mer")
    details = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.ActionRole)
    assert details.text() == "Vis detaljer …"


def test_text_field_context_menus_are_norwegian(language, qtbot):
    language("nb")
    edit = QLineEdit("tekst")
    qtbot.addWidget(edit)
    assert {"&Angre", "&Gjør om", "Klipp u&t", "&Kopier", "&Lim inn", "Slett", "Merk alt"} <= _menu_texts(
        edit.createStandardContextMenu()
    )
    plain = QPlainTextEdit("tekst")
    qtbot.addWidget(plain)
    assert {"&Kopier", "&Lim inn", "Merk alt"} <= _menu_texts(plain.createStandardContextMenu())
    language("en")
    english = _menu_texts(edit.createStandardContextMenu()) | _menu_texts(plain.createStandardContextMenu())
    language("nb")
    norwegian = _menu_texts(edit.createStandardContextMenu()) | _menu_texts(plain.createStandardContextMenu())
    assert not (norwegian & english) - SAME_IN_BOTH


def _dialog_texts(root: QWidget) -> set[str]:
    texts: set[str] = set()
    for w in root.findChildren(QWidget):
        if isinstance(w, QLabel | QAbstractButton):
            texts.add(w.text())
        if w.toolTip():
            texts.add(w.toolTip())
        if isinstance(w, QHeaderView) and w.model() is not None:
            for i in range(w.model().columnCount()):
                texts.add(str(w.model().headerData(i, w.orientation())))
    return {t for t in texts if t and not t.startswith(("/", "C:"))}


def test_the_file_dialog_has_no_english_left(language, qtbot, tmp_path):
    def texts(lang: str) -> set[str]:
        language(lang)
        dialog = QFileDialog(None, "x", str(tmp_path))
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        qtbot.addWidget(dialog)
        return _dialog_texts(dialog)

    english = texts("en")
    norwegian = texts("nb")
    assert {"Fil&navn:", "&Se i:", "Fil&type:", "&Åpne", "Avbryt", "Navn", "Størrelse", "Endret"} <= norwegian
    assert sorted((norwegian & english) - SAME_IN_BOTH) == []


def test_wizard_default_buttons_and_date_names_are_norwegian(language, qtbot):
    language("nb")
    wizard = QWizard()
    qtbot.addWidget(wizard)
    assert wizard.buttonText(QWizard.WizardButton.CancelButton) == "Avbryt"
    assert QLocale().monthName(11) == "november"
    assert QLocale().dayName(1) == "mandag"
    language("en")
    assert QLocale().monthName(11) == "November"


def test_every_qt_string_we_translate_is_one_qt_asks_for(qapp):
    """A typo in a source string would silently leave Qt's text in English: each must be in a catalogue Qt
    ships for another language (Qt's own lupdate output)."""
    shipped = sorted(Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)).glob("qtbase_*.qm"))
    if not shipped:
        pytest.skip("this Qt has no translations folder")
    translators = []
    for path in shipped:
        t = QTranslator()
        assert t.load(str(path))
        translators.append(t)
    ours = tool.read_ts(tool.qt_ts_path("nb"))
    unknown = [
        (e.context, e.source) for e in ours if not any(t.translate(e.context, e.source) for t in translators)
    ]
    assert unknown == []
    assert tool.entry_problems(ours) == []
