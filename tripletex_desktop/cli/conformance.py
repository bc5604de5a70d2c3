"""`tripletex-desktop conformance --env test`: check the simulator's remaining assumptions against a real test account.

Tokens never come from the command line, exactly as for `check`: the employee token is the first line of
standard input (a hidden prompt on a terminal); the consumer token is $TRIPLETEX_CONSUMER_TOKEN, or with
`--consumer-token-stdin` the second line. It runs only against Tripletex's test environment, the built-in
simulator (`--env demo`) or a simulator on this machine (`--env test --base-url http://127.0.0.1:…/v2`),
never against production. It creates clearly named test data ("TD-conformance …") and deletes it again.

Exit status: 0 every assumption holds; 2 some differ or could not be settled; 1 an error (no session, a
check failed, or something it created could not be deleted — the ids are printed).
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import textwrap
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TextIO
from urllib.parse import urlsplit

import httpx

from tripletex_desktop.app.environment import CONSUMER_TOKEN_ENV
from tripletex_desktop.cli.texts import Texts, language
from tripletex_desktop.core.api import ConnectionTarget, TripletexClient, make_http_client, normalize_token
from tripletex_desktop.core.errors import ApiError, TripletexDesktopError
from tripletex_desktop.core.models import BASE_URLS, Environment
from tripletex_desktop.services.conformance import CHECKS_BY_KEY, ConformanceReport, run_conformance

EXIT_OK, EXIT_ERROR, EXIT_DIFFERS = 0, 1, 2
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


class _Refused(TripletexDesktopError):
    """The command will not run with these inputs (message key + arguments)."""

    code = "configuration"

    def __init__(self, key: str, **kwargs: str) -> None:
        super().__init__(key)
        self.key = key
        self.kwargs = kwargs


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tripletex-desktop conformance",
        description="Run, in a Tripletex test account, the checks that settle what the simulator still "
        "assumes. The employee token is read from standard input (first line), never from the command line.",
        epilog=f"Consumer token: ${CONSUMER_TOKEN_ENV}, or --consumer-token-stdin (second line of stdin). "
        "Exit status: 0 all hold, 2 some differ, 1 error. See docs/conformance.md.",
    )
    parser.add_argument("--env", choices=("test", "demo", "production"), required=True)
    parser.add_argument("--base-url", help="a simulator on this machine, e.g. http://127.0.0.1:8765/v2")
    parser.add_argument(
        "--consumer-token-stdin",
        action="store_true",
        help="read the consumer token from the second stdin line",
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--lang", choices=("nb", "en"), help="output language (default from LANG)")
    return parser


def _read(stdin: TextIO, prompt: Callable[[str], str], text: Texts, key: str) -> str:
    return prompt(text(key)) if stdin.isatty() else stdin.readline()


def _target(
    args: argparse.Namespace,
    stdin: TextIO,
    prompt: Callable[[str], str],
    text: Texts,
    environ: Mapping[str, str],
) -> tuple[ConnectionTarget, str]:
    """Where to run (never production) and the employee token."""
    env = Environment(args.env)
    if env is Environment.PRODUCTION:
        raise _Refused("err.production")
    base_url = args.base_url
    if base_url:
        host = (urlsplit(base_url).hostname or "").lower()
        official = urlsplit(BASE_URLS[Environment.TEST]).hostname
        if env is not Environment.TEST or (host not in LOOPBACK_HOSTS and host != official):
            raise _Refused("err.base_url", url=base_url)
    employee = normalize_token(_read(stdin, prompt, text, "prompt_employee"))
    if env is Environment.DEMO:
        from tripletex_desktop.simulator import DEMO_CONSUMER_TOKEN  # local: start-up time, demo only

        consumer = DEMO_CONSUMER_TOKEN
    elif environ.get(CONSUMER_TOKEN_ENV, "").strip():
        consumer = environ[CONSUMER_TOKEN_ENV]
    elif args.consumer_token_stdin:
        consumer = _read(stdin, prompt, text, "prompt_consumer")
    else:
        raise _Refused("err.no_consumer_token")
    return ConnectionTarget.for_environment(env, normalize_token(consumer), base_url=base_url), employee


def _as_json(report: ConformanceReport, target: ConnectionTarget, code: int) -> dict[str, Any]:
    who = report.who
    return {
        "environment": target.environment.value,
        "base_url": target.base_url,
        "who": None
        if who is None
        else {"employee_id": who.employee_id, "company_id": who.company_id, "company_name": who.company_name},
        "checks": [
            {
                "key": o.key,
                "finding": CHECKS_BY_KEY[o.key].finding,
                "assumption_en": CHECKS_BY_KEY[o.key].assumption_en,
                "assumption_nb": CHECKS_BY_KEY[o.key].assumption_nb,
                "answer": o.answer,
                "result": o.result.value,
                "request_id": o.request_id,
            }
            for o in report.outcomes
        ],
        "left_behind": list(report.left_behind),
        "requests": report.requests,
        "exit_code": code,
    }


def _print_table(report: ConformanceReport, text: Texts, code: int, out: TextIO) -> None:
    who = report.who
    if who is not None:
        print(text("run_as", name=who.employee_name, company=who.company_name, id=who.company_id), file=out)
    widths = (10, 46, 52)
    head = (text("col_result"), text("col_assumption"), text("col_answer"))
    print("  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)).rstrip(), file=out)
    print("  ".join("-" * w for w in widths), file=out)
    for o in report.outcomes:
        check = CHECKS_BY_KEY[o.key]
        assumption = check.assumption_nb if text.lang == "nb" else check.assumption_en
        answer = o.answer + (f" (requestId {o.request_id})" if o.request_id else "")
        columns = [
            [text(f"result.{o.result.value}")],
            textwrap.wrap(f"{assumption} [{check.finding}]", widths[1]),
            textwrap.wrap(answer, widths[2]) or [""],
        ]
        for i in range(max(len(c) for c in columns)):
            cells = [c[i] if i < len(c) else "" for c in columns]
            print("  ".join(cell.ljust(w) for cell, w in zip(cells, widths, strict=True)).rstrip(), file=out)
    print(file=out)
    for what in report.left_behind:
        print(text("left_behind", what=what), file=out)
    print(text("requests", n=report.requests), file=out)
    print(text({EXIT_OK: "summary_ok", EXIT_DIFFERS: "summary_differs"}.get(code, "summary_error")), file=out)


def _exit_code(report: ConformanceReport) -> int:
    if report.failed:
        return EXIT_ERROR
    return EXIT_OK if report.all_hold else EXIT_DIFFERS


def main(
    argv: Sequence[str],
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    environ: Mapping[str, str] | None = None,
    prompt: Callable[[str], str] = getpass.getpass,
    transport: httpx.BaseTransport | None = None,
) -> int:
    """Run the conformance checks; returns the exit status (0 all hold, 2 some differ, 1 error)."""
    args = _parser().parse_args(list(argv))
    stdin = stdin or sys.stdin
    out = stdout or sys.stdout
    err_out = stderr or sys.stderr
    environ = os.environ if environ is None else environ
    text = Texts(language(args.lang, environ), "conformance")
    http: httpx.Client | None = None
    try:
        target, employee = _target(args, stdin, prompt, text, environ)
        if transport is None and target.environment is Environment.DEMO and not args.base_url:
            from tripletex_desktop.simulator import Simulator  # local: start-up time, demo only

            transport = Simulator().transport()
        http = make_http_client(target, transport=transport)
        session_http = http
        report = run_conformance(
            http,
            target,
            employee,
            make_client=lambda: TripletexClient(session_http, target, employee),
        )
    except KeyboardInterrupt:
        print(text("err.cancelled"), file=err_out)
        return EXIT_ERROR
    except TripletexDesktopError as exc:
        _failure(exc, text, args.json, out, err_out)
        return EXIT_ERROR
    finally:
        if http is not None:
            http.close()
    code = _exit_code(report)
    if args.json:
        json.dump(_as_json(report, target, code), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        _print_table(report, text, code, out)
    return code


def _failure(exc: TripletexDesktopError, text: Texts, as_json: bool, out: TextIO, err_out: TextIO) -> None:
    if isinstance(exc, _Refused):
        message, code = text(exc.key, **exc.kwargs), exc.key.removeprefix("err.")
    else:
        message, code = text.error(exc.code, exc.detail), exc.code
    info = {
        "code": code,
        "message": message,
        "request_id": exc.request_id,
        "status": exc.status if isinstance(exc, ApiError) else None,
    }
    if as_json:
        json.dump({"error": info, "exit_code": EXIT_ERROR}, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    print(message, file=err_out)
    if exc.request_id:
        print(text("request_id", rid=exc.request_id), file=err_out)
