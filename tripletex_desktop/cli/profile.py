"""`tripletex-desktop profile export|import`: carry connections (never tokens) to the next machine.

export FILE [--connection NAME ...]  writes the chosen (default: all) connections as a profile, atomically;
import FILE                          adds the profile's connections to this machine's settings, atomically,
                                     then lists the connections that still need a token and how to add it.
A missing, unreadable, non-UTF-8, broken or newer-version file is refused with a message and exit status 1;
nothing is written then. Exit status: 0 done, 1 error.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

from tripletex_desktop.app.paths import resolve_paths
from tripletex_desktop.core.errors import ProfileInvalid, SettingsCorrupt, StorageError
from tripletex_desktop.storage.settings import (
    PROFILE_FORMAT_VERSION,
    SettingsStore,
    atomic_write_bytes,
    export_profile,
    import_profile,
    read_profile,
)

EXIT_OK, EXIT_ERROR = 0, 1

# All text of this command, per language (the check command's convention).
MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "exported": "Exported {n} connection(s) to {path}:",
        "item": "  - {label} ({environment})",
        "no_secrets": "The file holds no tokens; each machine adds its own after importing.",
        "imported": "Imported {n} connection(s) into {settings}:",
        "needs_token": "  - {label} ({environment}): needs an employee token",
        "needs_both": "  - {label} ({environment}): needs an employee token and its own consumer token",
        "how_token": "Add each token in the app: select the connection, then File > Replace token\u2026 "
        "(the setup wizard's token step).",
        "how_consumer": "Its own consumer token goes under Advanced on the wizard's Environment page "
        "(File > Edit connection\u2026).",
        "how_check": "Then check each one from the command line, e.g.: tripletex-desktop check --connection {label}",
        "err.no_connections": "There are no connections to export. Nothing was written.",
        "err.unknown_connection": "No saved connection named {name}. Nothing was written.",
        "err.settings_unreadable": "The settings file could not be read and was moved aside to {backup}. "
        "Nothing was written.",
        "err.settings_unreadable_kept": "The settings file could not be read. Nothing was written.",
        "err.missing": "{path} does not exist. Nothing was imported.",
        "err.unreadable": "{path} cannot be read (no access, or not a file). Nothing was imported.",
        "err.not_utf8": "{path} is not a profile: it is not UTF-8 text. Nothing was imported.",
        "err.not_json": "{path} is not a profile: it is not valid JSON (line {line}). Nothing was imported.",
        "err.not_profile": "{path} is not a Tripletex Desktop profile. Nothing was imported.",
        "err.future_version": "{path} was made by a newer Tripletex Desktop (profile format {version}; this "
        "version reads up to {supported}). Update the app. Nothing was imported.",
        "err.damaged": "{path} is a damaged profile ({detail}). Nothing was imported.",
        "err.empty_profile": "{path} holds no connections. Nothing was imported.",
        "err.disk_full": "The disk is full. Nothing was written.",
        "err.read_only": "{path} is in a read-only place. Nothing was written.",
        "err.storage": "{path} could not be written. Nothing was written.",
    },
    "nb": {
        "exported": "Eksporterte {n} tilkobling(er) til {path}:",
        "item": "  - {label} ({environment})",
        "no_secrets": "Filen inneholder ingen nøkler; hver maskin legger inn sine egne etter importen.",
        "imported": "Importerte {n} tilkobling(er) til {settings}:",
        "needs_token": "  - {label} ({environment}): trenger en brukernøkkel",
        "needs_both": "  - {label} ({environment}): trenger en brukernøkkel og sin egen consumer token",
        "how_token": "Legg inn hver nøkkel i appen: velg tilkoblingen, deretter Fil > Bytt nøkkel \u2026 "
        "(nøkkelsteget i oppsettsveiviseren).",
        "how_consumer": "En egen consumer token skrives inn under Avansert på miljøsiden i veiviseren "
        "(Fil > Endre tilkobling \u2026).",
        "how_check": "Sjekk deretter hver av dem fra kommandolinjen, f.eks.: tripletex-desktop check --connection {label}",
        "err.no_connections": "Det finnes ingen tilkoblinger å eksportere. Ingenting ble skrevet.",
        "err.unknown_connection": "Fant ingen lagret tilkobling med navnet {name}. Ingenting ble skrevet.",
        "err.settings_unreadable": "Innstillingsfilen kunne ikke leses og er flyttet til {backup}. "
        "Ingenting ble skrevet.",
        "err.settings_unreadable_kept": "Innstillingsfilen kunne ikke leses. Ingenting ble skrevet.",
        "err.missing": "{path} finnes ikke. Ingenting ble importert.",
        "err.unreadable": "{path} kan ikke leses (mangler tilgang, eller er ikke en fil). Ingenting ble importert.",
        "err.not_utf8": "{path} er ikke en profil: filen er ikke UTF-8-tekst. Ingenting ble importert.",
        "err.not_json": "{path} er ikke en profil: filen er ikke gyldig JSON (linje {line}). "
        "Ingenting ble importert.",
        "err.not_profile": "{path} er ikke en Tripletex Desktop-profil. Ingenting ble importert.",
        "err.future_version": "{path} er laget av en nyere Tripletex Desktop (profilformat {version}; denne "
        "versjonen leser til og med {supported}). Oppdater appen. Ingenting ble importert.",
        "err.damaged": "{path} er en skadet profil ({detail}). Ingenting ble importert.",
        "err.empty_profile": "{path} inneholder ingen tilkoblinger. Ingenting ble importert.",
        "err.disk_full": "Disken er full. Ingenting ble skrevet.",
        "err.read_only": "{path} ligger på et skrivebeskyttet sted. Ingenting ble skrevet.",
        "err.storage": "{path} kunne ikke skrives. Ingenting ble skrevet.",
    },
}


class _Failure(Exception):
    """A refused command: message key and arguments (printed to stderr, exit status 1)."""

    def __init__(self, key: str, **kwargs: object) -> None:
        super().__init__(key)
        self.key = key
        self.kwargs = kwargs


def _language(option: str | None, environ: Mapping[str, str]) -> str:
    if option:
        return option
    lang = (environ.get("LC_ALL") or environ.get("LC_MESSAGES") or environ.get("LANG") or "").lower()
    return "nb" if lang.startswith(("nb", "no", "nn")) else "en"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tripletex-desktop profile",
        description="Export connections to a profile file (no tokens) or import one on another machine.",
        epilog="Close Tripletex Desktop before importing: the app rewrites the settings file when it exits. "
        "Exit status: 0 done, 1 error (nothing written).",
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config-dir", metavar="DIR", help="settings, data and logs in this folder")
    common.add_argument("--lang", choices=("nb", "en"), help="output language (default from LANG)")
    sub = parser.add_subparsers(dest="action", required=True, metavar="export|import")
    export = sub.add_parser("export", parents=[common], help="write a profile of this machine's connections")
    export.add_argument("file", metavar="FILE", help="the profile to write (replaced if it exists)")
    export.add_argument(
        "--connection",
        metavar="NAME",
        action="append",
        help="only this connection (name or id); repeat for several (default: all)",
    )
    imp = sub.add_parser("import", parents=[common], help="add a profile's connections to this machine")
    imp.add_argument("file", metavar="FILE", help="the profile to read")
    return parser


def _settings_store(config_dir: str | None) -> Any:
    return SettingsStore(resolve_paths(config_dir).settings_file)


def _load_settings(store: Any) -> Any:
    loaded = store.load()
    if loaded.problem is not None:
        if loaded.problem.backup_path:
            raise _Failure("err.settings_unreadable", backup=loaded.problem.backup_path)
        raise _Failure("err.settings_unreadable_kept")
    return loaded.settings


def _write_failure(exc: StorageError, path: Path) -> _Failure:
    key = f"err.{exc.code}" if exc.code in ("disk_full", "read_only") else "err.storage"
    return _Failure(key, path=path)


def _export(args: argparse.Namespace, out: TextIO, text: Mapping[str, str]) -> None:
    settings = _load_settings(_settings_store(args.config_dir))
    chosen = []
    for name in args.connection or []:
        conn = settings.connection(name)
        if conn is None:
            raise _Failure("err.unknown_connection", name=name)
        if conn not in chosen:
            chosen.append(conn)
    if not args.connection:
        chosen = list(settings.connections)
    if not chosen:
        raise _Failure("err.no_connections")
    data = export_profile(settings, [c.id for c in chosen])
    path = Path(args.file)
    payload = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    try:
        atomic_write_bytes(path, payload.encode("utf-8"))
    except StorageError as exc:
        raise _write_failure(exc, path) from None
    print(text["exported"].format(n=len(chosen), path=path), file=out)
    for conn in chosen:
        print(text["item"].format(label=conn.label, environment=conn.environment), file=out)
    print(text["no_secrets"], file=out)


def _read_profile(path: Path) -> dict[str, Any]:
    """The JSON object in a profile file; _Failure for a missing, unreadable, non-UTF-8 or broken file."""
    try:
        return read_profile(path)
    except ProfileInvalid as exc:
        if exc.reason == "not_json":
            raise _Failure("err.not_json", path=path, line=exc.line) from None
        raise _Failure(f"err.{exc.reason}", path=path) from None


def _profile_problem(exc: SettingsCorrupt, path: Path) -> _Failure:
    detail = exc.detail or ""
    if detail == "not_a_profile":
        return _Failure("err.not_profile", path=path)
    if detail.startswith("future_version:"):
        version = detail.removeprefix("future_version:")
        return _Failure("err.future_version", path=path, version=version, supported=PROFILE_FORMAT_VERSION)
    return _Failure("err.damaged", path=path, detail=detail)


def _import(args: argparse.Namespace, out: TextIO, text: Mapping[str, str]) -> None:
    path = Path(args.file)
    data = _read_profile(path)
    store = _settings_store(args.config_dir)
    settings = _load_settings(store)
    try:
        merged = import_profile(data, settings)
    except SettingsCorrupt as exc:
        raise _profile_problem(exc, path) from None
    existing = {c.id for c in settings.connections}
    added = [c for c in merged.connections if c.id not in existing]
    if not added:
        raise _Failure("err.empty_profile", path=path)
    try:
        store.save(merged)
    except StorageError as exc:
        raise _write_failure(exc, store.path) from None
    print(text["imported"].format(n=len(added), settings=store.path), file=out)
    for conn in added:
        key = "needs_both" if conn.has_custom_consumer_token else "needs_token"
        print(text[key].format(label=conn.label, environment=conn.environment), file=out)
    print(text["how_token"], file=out)
    if any(c.has_custom_consumer_token for c in added):
        print(text["how_consumer"], file=out)
    command = shlex.quote(added[0].label)
    if args.config_dir:
        command += f" --config-dir {shlex.quote(args.config_dir)}"
    print(text["how_check"].format(label=command), file=out)


def main(
    argv: Sequence[str],
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    environ: Mapping[str, str] | None = None,
) -> int:
    """Run `profile export|import`; returns the exit status (0 done, 1 error with nothing written)."""
    args = _parser().parse_args(list(argv))
    out = stdout or sys.stdout
    err_out = stderr or sys.stderr
    text = MESSAGES[_language(args.lang, os.environ if environ is None else environ)]
    try:
        if args.action == "export":
            _export(args, out, text)
        else:
            _import(args, out, text)
    except _Failure as failure:
        print(text[failure.key].format(**failure.kwargs), file=err_out)
        return EXIT_ERROR
    return EXIT_OK
