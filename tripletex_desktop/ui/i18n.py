"""Translators: load our compiled .qm and Qt's own strings in the same language, and switch the UI language live."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import cast

from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from tripletex_desktop.app.paths import resource_dir

log = logging.getLogger(__name__)

#: Qt's mark for lupdate (import it from here under this name, which lupdate looks for): it returns the source
#: text untranslated, a `str`; PySide6's stub says `object`.
QT_TRANSLATE_NOOP = cast(Callable[[str, str], str], QtCore.QT_TRANSLATE_NOOP)

#: UI languages: code -> name shown in its own language (never translated).
LANGUAGES: dict[str, str] = {"nb": "Norsk bokmål", "en": "English"}
CATALOGUE = "tripletex_desktop"
#: Our translation of Qt's own strings (Yes/No, the text fields' context menu, the file dialog, ...).
QT_CATALOGUE = "qtbase"
#: The locale of each UI language: month and day names in date pickers, Monday first.
LOCALES: dict[str, QLocale] = {
    "nb": QLocale(QLocale.Language.NorwegianBokmal, QLocale.Country.Norway),
    "en": QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom),
}

_installed: list[QTranslator] = []
_current = "en"


def i18n_dir() -> Path:
    """Where the compiled .qm files live (app.paths.resource_dir()/i18n)."""
    return resource_dir() / "i18n"


def default_language(locale: QLocale | None = None) -> str:
    """Norsk bokmål on a Norwegian system (nb, nn, no), English otherwise."""
    loc = locale or QLocale.system()
    if loc.language() in (QLocale.Language.NorwegianBokmal, QLocale.Language.NorwegianNynorsk):
        return "nb"
    name = loc.name().lower()
    return "nb" if name.startswith(("nb", "nn", "no")) else "en"


def current_language() -> str:
    """The language last installed with install_translators."""
    return _current


def install_translators(app: QCoreApplication | None, language: str | None) -> list[QTranslator]:
    """Replace the installed translators with those for `language` (None: system default).

    Builds nothing at runtime: a missing .qm means English, with a log line. English is the source text, but
    it has a catalogue too, of the plural forms only ("%n row(s)" → "1 row", "7 rows"; tools/i18n.py builds it
    with lupdate -pluralonly); without it English shows the "(s)" of the source. Qt's own strings come from
    Qt's qtbase_<lang>.qm when Qt ships one (for English: Qt's own plural forms), else from ours (Qt ships no
    Bokmål). The default QLocale follows, so date pickers name months and days in the same language.
    Installing sends LanguageChange to every widget, so open windows retranslate live.
    """
    global _current
    app = app or QCoreApplication.instance()
    lang = language if language in LANGUAGES else default_language()
    for tr in _installed:
        QCoreApplication.removeTranslator(tr)
    _installed.clear()
    _current = lang
    QLocale.setDefault(LOCALES[lang])
    directory = i18n_dir()
    ours = QTranslator(app)
    if ours.load(f"{CATALOGUE}_{lang}", str(directory)):
        QCoreApplication.installTranslator(ours)
        _installed.append(ours)
    elif lang == "en":
        log.warning(
            "no compiled %s_en.qm in %s; English shows the source's plural placeholders", CATALOGUE, directory
        )
    else:
        log.warning("no compiled translation %s_%s.qm in %s; showing English", CATALOGUE, lang, directory)
    qtbase = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qtbase.load(f"{QT_CATALOGUE}_{lang}", qt_dir) or qtbase.load(f"{QT_CATALOGUE}_{lang}", str(directory)):
        QCoreApplication.installTranslator(qtbase)
        _installed.append(qtbase)
    elif lang != "en":  # Qt's English is its source text; its plural forms are a nicety
        log.warning("no translation of Qt's own strings for %s; Qt's dialogs show English", lang)
    return list(_installed)
