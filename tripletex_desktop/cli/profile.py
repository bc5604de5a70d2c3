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
import shlex
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

from tripletex_desktop.app.paths import resolve_paths
from tripletex_desktop.cli.texts import Texts, language
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


class _Failure(Exception):
    """A refused command: message key and arguments (printed to stderr, exit status 1)."""

    def __init__(self, key: str, **kwargs: object) -> None:
        super().__init__(key)
        self.key = key
        self.kwargs = kwargs


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


def _export(args: argparse.Namespace, out: TextIO, text: Texts) -> None:
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
    print(text("exported", n=len(chosen), path=path), file=out)
    for conn in chosen:
        print(text("item", label=conn.label, environment=conn.environment), file=out)
    print(text("no_secrets"), file=out)


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


def _import(args: argparse.Namespace, out: TextIO, text: Texts) -> None:
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
    print(text("imported", n=len(added), settings=store.path), file=out)
    for conn in added:
        key = "needs_both" if conn.has_custom_consumer_token else "needs_token"
        print(text(key, label=conn.label, environment=conn.environment), file=out)
    print(text("how_token"), file=out)
    if any(c.has_custom_consumer_token for c in added):
        print(text("how_consumer"), file=out)
    command = shlex.quote(added[0].label)
    if args.config_dir:
        command += f" --config-dir {shlex.quote(args.config_dir)}"
    print(text("how_check", label=command), file=out)


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
    text = Texts(language(args.lang, environ), "profile")
    try:
        if args.action == "export":
            _export(args, out, text)
        else:
            _import(args, out, text)
    except _Failure as failure:
        print(text(failure.key, **failure.kwargs), file=err_out)
        return EXIT_ERROR
    return EXIT_OK
