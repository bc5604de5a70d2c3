"""Entry point: the GUI by default; `check`, `sync`, `profile` and `simulator` subcommands run headless."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from tripletex_desktop import APP_NAME, __version__

SUBCOMMANDS = ("check", "sync", "profile", "simulator")


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tripletex-desktop",
        description=f"{APP_NAME}: connect Tripletex to your travel and expense workflow.",
        epilog="Headless: tripletex-desktop check|sync|profile|simulator --help",
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
    """Dispatch to a subcommand or start the desktop app; a closed output pipe (`| head`) ends quietly."""
    try:
        return _dispatch(list(sys.argv[1:] if argv is None else argv))
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _dispatch(args: list[str]) -> int:
    if args and args[0] in SUBCOMMANDS:
        command, rest = args[0], args[1:]
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
