"""Translations: `update` (pyside6-lupdate), `build` (pyside6-lrelease to .qm) and `check` (CI gate).

Usage, from the repository root: python -m tools.i18n update|build|check [--out DIR]
Sources: resources/i18n/*.ts; `build` compiles them into tripletex_desktop/_resources/i18n (git-ignored),
which tools.build_resources also does together with the icons. Bokmål has every string; English, the source
language, has a catalogue of the plural forms only (`lupdate -pluralonly`, Qt's "Handling Plurals"), so
`tr("%n row(s)", "", n)` reads "1 row" and "7 rows" instead of the source text.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "tripletex_desktop"
#: The translation sources (.ts), edited and committed.
I18N_DIR = ROOT / "resources" / "i18n"
#: Where `build` puts the compiled .qm files the app loads (app.paths.resource_dir()/i18n; git-ignored).
BUILD_DIR = PACKAGE / "_resources" / "i18n"
CATALOGUE = "tripletex_desktop"
#: Our own translation of the Qt strings the app shows (standard buttons, context menus, the file dialog): Qt
#: ships no qtbase_nb. Kept by hand, not by lupdate; `check` holds it to the same rules.
QT_CATALOGUE = "qtbase"
LANGUAGES = ("nb",)
#: Languages whose catalogue holds only the numerus messages: English, the language of the source text, needs
#: nothing else translated, only "%n row(s)" turned into its singular and plural.
PLURAL_ONLY = ("en",)
#: The numerus forms of each plural-only language, in Qt's order (English: singular, plural).
PLURAL_FORMS = {"en": 2}
#: Where user-visible strings live (core and storage never build text).
SOURCE_DIRS = (PACKAGE / "ui",)
_PLACEHOLDER = re.compile(r"%(?:\d+|n)")


class I18nError(Exception):
    """A tool is missing or a translation file failed a check."""


def ts_path(lang: str) -> Path:
    """The .ts file of a language."""
    return I18N_DIR / f"{CATALOGUE}_{lang}.ts"


def qt_ts_path(lang: str) -> Path:
    """Our .ts of Qt's own strings for a language."""
    return I18N_DIR / f"{QT_CATALOGUE}_{lang}.ts"


def sources() -> list[Path]:
    """Every Python file whose strings go into the catalogue, in a stable order."""
    files: list[Path] = []
    for folder in SOURCE_DIRS:
        files.extend(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)
    return sorted(files)


def _tool(name: str) -> str:
    here = Path(sys.executable).parent / name
    if here.exists():
        return str(here)
    found = shutil.which(name)
    if not found:
        raise I18nError(f"{name} not found (install PySide6 into this environment)")
    return found


def _run(args: Sequence[str]) -> None:
    # Without PYTHONPATH: a wheel build's isolated environment sets one that hides the PySide6 the tool needs.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    proc = subprocess.run(list(args), capture_output=True, text=True, check=False, env=env)
    if proc.returncode != 0:
        raise I18nError(f"{Path(args[0]).name} failed:\n{proc.stdout}\n{proc.stderr}")


def run_lupdate(ts_file: Path, *, plural_only: bool = False) -> None:
    """Merge the current source strings into ts_file (no line numbers, so edits elsewhere never stale it).

    plural_only: only the numerus messages (`-pluralonly`), for the catalogue of the source language.
    """
    ts_file.parent.mkdir(parents=True, exist_ok=True)
    _run(
        [
            _tool("pyside6-lupdate"),
            "-silent",
            "-locations",
            "none",
            "-no-obsolete",
            *(["-pluralonly", "-source-language", "en"] if plural_only else []),
            *[str(p) for p in sources()],
            "-ts",
            str(ts_file),
        ]
    )


def update() -> list[Path]:
    """Re-run lupdate for every language (the plural-only ones with -pluralonly)."""
    out = []
    for lang in (*LANGUAGES, *PLURAL_ONLY):
        run_lupdate(ts_path(lang), plural_only=lang in PLURAL_ONLY)
        out.append(ts_path(lang))
    return out


def build(out_dir: Path | None = None) -> list[Path]:
    """Compile every .ts into a .qm in the package's generated resources (or into out_dir)."""
    target = out_dir or BUILD_DIR
    target.mkdir(parents=True, exist_ok=True)
    built = []
    for lang in (*LANGUAGES, *PLURAL_ONLY):
        for ts in (ts_path(lang), qt_ts_path(lang)):
            if not ts.exists():
                continue
            qm = target / f"{ts.stem}.qm"
            _run([_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)])
            built.append(qm)
    return built


@dataclass(frozen=True)
class Entry:
    """One message of a .ts file."""

    context: str
    source: str
    comment: str
    numerus: bool
    translations: tuple[str, ...]
    state: str  # "", "unfinished", "obsolete", "vanished"


def read_ts(path: Path) -> list[Entry]:
    """Parse a .ts file."""
    root = ET.parse(path).getroot()
    entries = []
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            forms: tuple[str, ...] = ()
            state = ""
            if tr is not None:
                state = tr.get("type", "")
                numerus = tr.findall("numerusform")
                forms = tuple(n.text or "" for n in numerus) if numerus else (tr.text or "",)
            entries.append(
                Entry(
                    name,
                    msg.findtext("source") or "",
                    msg.findtext("comment") or "",
                    msg.get("numerus") == "yes",
                    forms,
                    state,
                )
            )
    return entries


def _stale(path: Path, committed: list[Entry], *, plural_only: bool = False) -> list[str]:
    """The strings lupdate would add to or drop from the committed .ts."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh_path = Path(tmp) / path.name
        shutil.copy(path, fresh_path)
        run_lupdate(fresh_path, plural_only=plural_only)
        fresh = read_ts(fresh_path)

    def keys(entries: list[Entry]) -> set[tuple[str, str, str, bool]]:
        return {
            (e.context, e.source, e.comment, e.numerus)
            for e in entries
            if e.state not in ("obsolete", "vanished")
        }

    new, gone = keys(fresh) - keys(committed), keys(committed) - keys(fresh)
    found = [f"stale: new string [{c}] {s!r}" for c, s, _, _ in sorted(new)]
    found += [f"stale: string no longer in the code [{c}] {s!r}" for c, s, _, _ in sorted(gone)]
    return found


def problems(lang: str) -> list[str]:
    """Everything that makes the language's .ts unfit to ship; empty when all is well."""
    if lang in PLURAL_ONLY:
        return plural_problems(lang)
    path = ts_path(lang)
    if not path.exists():
        return [f"{path.name} is missing; run: python -m tools.i18n update"]
    committed = read_ts(path)
    found = _stale(path, committed)
    for e in committed:
        if e.context in ("", "QCoreApplication"):  # we never use these as contexts
            found.append(
                f"no context (an aliased translate() call lupdate cannot read): [{e.context}] {e.source!r}"
            )
    found += entry_problems(committed)
    qt_path = qt_ts_path(lang)
    if qt_path.exists():
        found += [f"{qt_path.name}: {p}" for p in entry_problems(read_ts(qt_path))]
    return found


def entry_problems(entries: list[Entry]) -> list[str]:
    """Untranslated, obsolete or placeholder-mangling entries of one catalogue."""
    found: list[str] = []
    for e in entries:
        where = f"[{e.context}] {e.source!r}"
        if e.state in ("obsolete", "vanished"):
            found.append(f"obsolete: {where}")
            continue
        if e.state == "unfinished" or not any(t.strip() for t in e.translations):
            found.append(f"untranslated: {where}")
            continue
        wanted = set(_PLACEHOLDER.findall(e.source)) - ({"%n"} if e.numerus else set())
        for t in e.translations:
            got = set(_PLACEHOLDER.findall(t)) - ({"%n"} if e.numerus else set())
            if wanted != got:
                found.append(f"placeholders differ ({sorted(wanted)} vs {sorted(got)}): {where}")
    return found


def plural_problems(lang: str) -> list[str]:
    """What makes a plural-only catalogue (English) unfit to ship: stale, a string that is no plural, or an entry
    without all its forms or with its placeholders (%n included) changed. Empty when all is well."""
    path = ts_path(lang)
    if not path.exists():
        return [f"{path.name} is missing; run: python -m tools.i18n update"]
    committed = read_ts(path)
    found = _stale(path, committed, plural_only=True)
    found += plural_entry_problems(committed, PLURAL_FORMS[lang])
    return found


def plural_entry_problems(entries: list[Entry], forms: int) -> list[str]:
    """The rule of a plural-only catalogue: numerus entries only, each with `forms` non-empty forms that keep
    every placeholder of the source, %n too (no plural form drops the number)."""
    found: list[str] = []
    for e in entries:
        where = f"[{e.context}] {e.source!r}"
        if e.state in ("obsolete", "vanished"):
            found.append(f"obsolete: {where}")
        elif not e.numerus:
            found.append(f"not a plural (this catalogue holds only %n strings): {where}")
        elif (
            e.state == "unfinished"
            or len(e.translations) != forms
            or not all(t.strip() for t in e.translations)
        ):
            found.append(f"a plural form is missing (wants {forms}, singular and plural): {where}")
        else:
            wanted = set(_PLACEHOLDER.findall(e.source))
            for t in e.translations:
                got = set(_PLACEHOLDER.findall(t))
                if wanted != got:
                    found.append(f"placeholders differ ({sorted(wanted)} vs {sorted(got)}): {where}")
    return found


def check() -> list[str]:
    """Problems across all languages."""
    out: list[str] = []
    for lang in (*LANGUAGES, *PLURAL_ONLY):
        out += [f"{lang}: {p}" for p in problems(lang)]
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry."""
    parser = argparse.ArgumentParser(prog="python -m tools.i18n", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("update", help="re-run pyside6-lupdate over the UI sources")
    build_cmd = sub.add_parser("build", help="compile .ts to .qm with pyside6-lrelease")
    build_cmd.add_argument(
        "--out", type=Path, default=None, help="output folder (default: tripletex_desktop/_resources/i18n)"
    )
    sub.add_parser("check", help="fail when a .ts is stale, unfinished or broken")
    args = parser.parse_args(argv)
    try:
        if args.command == "update":
            for p in update():
                print(f"updated {p}")
            return 0
        if args.command == "build":
            for p in build(args.out):
                print(f"built {p}")
            return 0
        found = check()
    except I18nError as exc:
        print(exc, file=sys.stderr)
        return 2
    for line in found:
        print(line, file=sys.stderr)
    if found:
        print(f"{len(found)} problem(s); run `update`, translate, and try again.", file=sys.stderr)
        return 1
    print("translations OK")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
