"""Entry point: the GUI by default; `check`, `sync`, `profile` and `simulator` subcommands run headless."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from tripletex_desktop import APP_NAME, __version__

SUBCOMMANDS = ("check", "sync", "profile", "conformance", "simulator")
#: Options that may come before a subcommand too (`tripletex-desktop --config-dir DIR sync`), and the
#: subcommands that take them.
GLOBAL_OPTIONS = ("--config-dir", "--lang")
TAKES_GLOBAL_OPTIONS = ("check", "sync", "profile")
#: `profile`'s options belong to its action (`profile export --config-dir DIR FILE`).
PROFILE_ACTIONS = ("export", "import")


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tripletex-desktop",
        description=f"{APP_NAME}: connect Tripletex to your travel and expense workflow.",
        epilog="Headless: tripletex-desktop [--config-dir DIR] [--lang nb|en] check|sync|profile|conformance|simulator --help "
        "(--config-dir and --lang also work after the subcommand)",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("--config-dir", help="keep settings, data and logs in this folder (portable use)")
    parser.add_argument(
        "--demo", action="store_true", help="start the setup in demo mode (built-in simulator)"
    )
    parser.add_argument("--lang", choices=("nb", "en"), help="user interface language")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check translations, keyring backend and a simulator round trip, then exit",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Dispatch to a subcommand or start the desktop app; a closed output pipe (`| head`) ends quietly.

    Every file the app (or a library it uses: SQLite's -wal/-shm, log rotation) creates is owner-only.
    """
    if os.name == "posix":
        os.umask(0o077)  # storage.private.PRIVATE_UMASK; set before anything is imported or written
    try:
        return _dispatch(list(sys.argv[1:] if argv is None else argv))
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _split_global_options(args: list[str]) -> tuple[list[str], str, list[str]] | None:
    """(global options, subcommand, its arguments) when a subcommand follows only global options, else None."""
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in SUBCOMMANDS:
            return args[:i], arg, args[i + 1 :]
        if arg in GLOBAL_OPTIONS:
            i += 2  # the option and its value
        elif arg.split("=", 1)[0] in GLOBAL_OPTIONS:
            i += 1
        else:
            return None  # a GUI option, or a stray word: the GUI parser explains
    return None


def _with_global_options(command: str, options: list[str], rest: list[str]) -> list[str]:
    """The subcommand's arguments with the global options put where it reads them (its own ones win)."""
    if not options:
        return rest
    if command not in TAKES_GLOBAL_OPTIONS:
        given = ", ".join(sorted({o.split("=", 1)[0] for o in options if o.startswith("--")}))
        print(f"tripletex-desktop: {given} does not apply to `{command}`", file=sys.stderr)
        raise SystemExit(2)
    if command == "profile" and rest and rest[0] in PROFILE_ACTIONS:
        return [rest[0], *options, *rest[1:]]
    return [*options, *rest]


def _dispatch(args: list[str]) -> int:
    split = _split_global_options(args)
    if split is not None:
        global_options, command, rest = split
        rest = _with_global_options(command, global_options, rest)
        if command == "check":
            # Local imports: each command loads only its own modules, so the headless ones never load Qt.
            from tripletex_desktop.cli.check import main as check_main

            return check_main(rest)
        if command == "sync":
            from tripletex_desktop.cli.sync import main as sync_main

            return sync_main(rest)
        if command == "profile":
            from tripletex_desktop.cli.profile import main as profile_main

            return profile_main(rest)
        if command == "conformance":
            from tripletex_desktop.cli.conformance import main as conformance_main

            return conformance_main(rest)
        from tripletex_desktop.simulator.server import main as simulator_main

        return simulator_main(rest)
    options = _gui_parser().parse_args(args)
    if options.self_test:
        from tripletex_desktop.app.selftest import run_self_test  # local: as above, only what runs

        return run_self_test()
    from tripletex_desktop.ui.application import run_gui  # local: as above, Qt only for the GUI

    return run_gui(config_dir=options.config_dir, demo=options.demo, language=options.lang)


if __name__ == "__main__":
    raise SystemExit(main())
