"""`tripletex-desktop check`: who a token belongs to, which companies it reaches, which permissions it has.

Tokens never come from the command line:
- employee token: the first line of standard input (a hidden prompt when stdin is a terminal), or the
  keyring entry of a saved connection with `--connection NAME`;
- consumer token: the simulator's own for `--env demo`; otherwise $TRIPLETEX_CONSUMER_TOKEN, or with
  `--consumer-token-stdin` the second line of standard input (a second hidden prompt on a terminal);
  a saved connection with its own consumer token uses the keyring entry.

Exit status: 0 every required permission granted in every chosen company; 2 something missing or
inconclusive; 1 an error (the message carries Tripletex's requestId when there is one).
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

import httpx

from tripletex_desktop.app.build import default_consumer_token
from tripletex_desktop.app.environment import CONSUMER_TOKEN_ENV
from tripletex_desktop.app.paths import missing_profile_dir, resolve_paths
from tripletex_desktop.cli.texts import Texts, language
from tripletex_desktop.core.api import (
    ConnectionTarget,
    TripletexClient,
    check_employee_token,
    make_http_client,
)
from tripletex_desktop.core.errors import ApiError, TripletexDesktopError
from tripletex_desktop.core.models import Environment
from tripletex_desktop.core.onboarding import ConnectResult, confirm_client, connect
from tripletex_desktop.core.permissions import (
    PERMISSIONS_BY_KEY,
    PermissionReport,
    Verdict,
    check_company_permissions,
    severity,
)
from tripletex_desktop.storage.secrets import TokenStore
from tripletex_desktop.storage.settings import SettingsStore, remember_token_owner

EXIT_OK, EXIT_ERROR, EXIT_GAPS = 0, 1, 2


class _UsageProblem(TripletexDesktopError):
    """A problem with the command's own inputs (message key + argument)."""

    code = "configuration"

    def __init__(self, key: str, **kwargs: str) -> None:
        super().__init__(key)
        self.key = key
        self.kwargs = kwargs


@dataclass
class _Inputs:
    target: ConnectionTarget
    employee_token: str = field(repr=False)
    companies: list[int]
    #: Project permissions are checked only for a connection that syncs projects (as the wizard and sync do).
    projects: bool = True
    #: `--connection`: the stored connection checked (its token owner is recorded, see `_remember_owner`).
    connection_id: str | None = None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tripletex-desktop check",
        description="Check an employee token: owner, reachable companies and required permissions. "
        "The employee token is read from standard input (first line), never from the command line.",
        epilog=f"Consumer token: ${CONSUMER_TOKEN_ENV}, or --consumer-token-stdin (second line of stdin). "
        "Exit status: 0 all granted, 2 missing/inconclusive, 1 error.",
    )
    parser.add_argument("--env", choices=("production", "test", "demo"), help="Tripletex environment")
    parser.add_argument("--base-url", help="a custom API base URL, e.g. https://host/v2")
    parser.add_argument(
        "--consumer-token-stdin",
        action="store_true",
        help="read the consumer token from the second stdin line",
    )
    parser.add_argument("--connection", metavar="NAME", help="use a saved connection and its keyring token")
    parser.add_argument(
        "--company", type=int, action="append", metavar="ID", help="check only these companies"
    )
    parser.add_argument(
        "--no-projects",
        action="store_true",
        help="leave out the project permissions (as for a connection that does not sync projects)",
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--lang", choices=("nb", "en"), help="output language (default from LANG)")
    parser.add_argument("--config-dir", help="settings folder (for --connection)")
    return parser


class _StdinTokens:
    """Reads tokens one line at a time from stdin, with hidden prompts when it is a terminal."""

    def __init__(self, stdin: TextIO, prompt: Callable[[str], str], text: Texts) -> None:
        self._stdin = stdin
        self._prompt = prompt
        self._text = text

    def read(self, prompt_key: str) -> str:
        if self._stdin.isatty():
            return self._prompt(self._text(prompt_key))
        return self._stdin.readline()


def _resolve_inputs(args: argparse.Namespace, stdin: _StdinTokens, environ: Mapping[str, str]) -> _Inputs:
    companies = list(args.company or [])
    custom_consumer: str | None = None
    projects = not args.no_projects
    connection_id: str | None = None
    if args.connection:
        connection_id, employee_token, env, base_url, saved, custom_consumer, syncs_projects = (
            _from_connection(args.connection, args.config_dir)
        )
        companies = companies or saved
        projects = projects and syncs_projects
    else:
        env = (
            Environment(args.env)
            if args.env
            else (Environment.CUSTOM if args.base_url else Environment.PRODUCTION)
        )
        base_url = args.base_url
        employee_token = stdin.read("prompt_employee")
    # The token's own shape first: a `test-` token on production is the real problem, whatever else is missing.
    employee_token = check_employee_token(employee_token, env)
    if env is Environment.DEMO:
        from tripletex_desktop.simulator import DEMO_CONSUMER_TOKEN  # local: start-up time, demo only

        consumer = DEMO_CONSUMER_TOKEN
    elif custom_consumer:
        consumer = custom_consumer
    elif default_consumer_token(environ):
        consumer = default_consumer_token(environ) or ""
    elif args.consumer_token_stdin:
        consumer = stdin.read("prompt_consumer")
    else:
        raise _UsageProblem("err.no_consumer_token")
    target = ConnectionTarget.for_environment(env, consumer, base_url=base_url)
    return _Inputs(
        target=target,
        employee_token=employee_token,
        companies=companies,
        projects=projects,
        connection_id=connection_id,
    )


def _from_connection(
    name: str, config_dir: str | None
) -> tuple[str, str, Environment, str | None, list[int], str | None, bool]:
    """The connection's id, employee token (keyring), environment, base URL, saved company ids, custom
    consumer token, and whether the connection syncs projects."""
    missing = missing_profile_dir(config_dir)
    if missing is not None:  # only reads a profile: a mistyped folder is an error, and nothing is created
        raise _UsageProblem("err.config_dir_missing", path=str(missing))
    settings = SettingsStore(resolve_paths(config_dir).settings_file).load().settings
    conn = settings.connection(name)
    if conn is None:
        raise _UsageProblem("err.no_connection", name=name)
    store = TokenStore()
    token = store.get(conn.id)
    if not token:
        raise _UsageProblem("err.no_token")
    consumer = store.get(conn.id, "consumer") if conn.has_custom_consumer_token else None
    return (
        conn.id,
        token,
        Environment(conn.environment),
        conn.base_url,
        [c.id for c in conn.companies],
        consumer,
        bool(conn.sync.projects),
    )


@dataclass
class _CompanyOutcome:
    id: int
    name: str
    auth_id: int
    report: PermissionReport | None = None
    error: TripletexDesktopError | None = None


def _run_check(
    client: TripletexClient, wanted: list[int], *, projects: bool = True
) -> tuple[ConnectResult, list[_CompanyOutcome]]:
    result = connect(client)
    names = {c.id: c.name for c in result.companies}
    outcomes: list[_CompanyOutcome] = []
    for company_id in wanted or [c.id for c in result.companies]:
        auth_id = result.auth_id(company_id)
        outcome = _CompanyOutcome(company_id, names.get(company_id, ""), auth_id)
        try:
            who = result.who if auth_id == 0 else confirm_client(client, auth_id)
            outcome.name = outcome.name or who.company_name
            outcome.report = check_company_permissions(
                client.company(auth_id), who, client.cancel, projects=projects
            )
        except TripletexDesktopError as exc:
            if exc.code == "cancelled":
                raise
            outcome.error = exc
        outcomes.append(outcome)
    return result, outcomes


def _remember_owner(config_dir: str | None, connection_id: str, result: ConnectResult) -> None:
    """A stored connection's token owner, as whoAmI just said (the report editor preselects them); best
    effort, the check's answer stands either way."""
    who = result.who
    if not who.employee_id or not who.company_id:
        return
    store = SettingsStore(resolve_paths(config_dir).settings_file)
    try:
        remember_token_owner(store, connection_id, who.employee_id, who.company_id)
    except TripletexDesktopError:
        pass  # a read-only or full disk: the next sync tries again


def _exit_code(outcomes: list[_CompanyOutcome]) -> int:
    if any(o.error or (o.report and o.report.has_errors) for o in outcomes):
        return EXIT_ERROR
    if all(o.report and o.report.all_granted for o in outcomes):
        return EXIT_OK
    return EXIT_GAPS


def _error_json(exc: TripletexDesktopError, text: Texts) -> dict[str, Any]:
    if isinstance(exc, _UsageProblem):
        return {
            "code": exc.key.removeprefix("err."),
            "message": text(exc.key, **exc.kwargs),
            "request_id": None,
            "status": None,
        }
    return {
        "code": exc.code,
        "message": text.error(exc.code, exc.detail),
        "request_id": exc.request_id,
        "status": exc.status if isinstance(exc, ApiError) else None,
    }


def _as_json(
    result: ConnectResult, outcomes: list[_CompanyOutcome], text: Texts, code: int
) -> dict[str, Any]:
    companies = []
    for o in outcomes:
        entry: dict[str, Any] = {"id": o.id, "name": o.name, "auth_id": o.auth_id}
        if o.error:
            entry["error"] = _error_json(o.error, text)
        if o.report:
            entry["all_granted"] = o.report.all_granted
            entry["permissions"] = [
                {
                    "key": r.key,
                    "group": PERMISSIONS_BY_KEY[r.key].group,
                    "label_nb": PERMISSIONS_BY_KEY[r.key].tripletex_label_nb,
                    "label_en": PERMISSIONS_BY_KEY[r.key].tripletex_label_en,
                    "verdict": r.verdict.value,
                    "severity": severity(r.key, r.verdict).value,
                    "reason": r.reason,
                    "request_id": r.request_id,
                    "where_nb": PERMISSIONS_BY_KEY[r.key].where_nb,
                    "where_en": PERMISSIONS_BY_KEY[r.key].where_en,
                }
                for r in o.report.results
            ]
        companies.append(entry)
    who = result.who
    return {
        "who": {
            "employee_id": who.employee_id,
            "employee_name": who.employee_name,
            "company_id": who.company_id,
            "company_name": who.company_name,
        },
        "is_accountant": result.is_accountant,
        "companies": companies,
        "exit_code": code,
    }


def _label(key: str, text: Texts) -> str:
    p = PERMISSIONS_BY_KEY[key]
    if text.lang == "nb":
        return f"{p.group}: {p.tripletex_label_nb}"
    return f"{p.group_en}: {p.tripletex_label_en}"


def _print_table(
    result: ConnectResult,
    outcomes: list[_CompanyOutcome],
    text: Texts,
    code: int,
    out: TextIO,
    skew: int | None = None,
) -> None:
    who = result.who
    print(
        text(
            "token_of",
            name=who.employee_name,
            employee_id=who.employee_id,
            company=who.company_name,
            company_id=who.company_id,
        ),
        file=out,
    )
    n = len(result.companies)
    print(text("accountant", n=n) if result.is_accountant else text("companies", n=n), file=out)
    for o in outcomes:
        print(file=out)
        print(f"== {text('company', name=o.name, id=o.id)} ==", file=out)
        if o.error:
            print(
                "  " + text("company_failed", id=o.id, message=text.error(o.error.code, o.error.detail)),
                file=out,
            )
            if o.error.request_id:
                print("  " + text("request_id", rid=o.error.request_id), file=out)
            continue
        assert o.report is not None
        rows = [(_label(r.key, text), r) for r in o.report.results]
        width = max(len(label) for label, _ in rows)
        print(f"  {text('col_permission'):<{width}}  {text('col_status'):<12}  {text('col_where')}", file=out)
        for label, r in rows:
            status = text(r.verdict.value)
            p = PERMISSIONS_BY_KEY[r.key]
            where = ""
            if r.verdict in (Verdict.MISSING, Verdict.LIKELY_MISSING, Verdict.INCONCLUSIVE):
                where = p.where_nb if text.lang == "nb" else p.where_en
            elif r.verdict is Verdict.UNAVAILABLE:
                where = text("unavailable_note")
            elif r.verdict is Verdict.ERROR:
                where = f"{r.reason}" + (f" requestId={r.request_id}" if r.request_id else "")
            print(f"  {label:<{width}}  {status:<12}  {where}".rstrip(), file=out)
    print(file=out)
    if skew:
        print(text("clock_skew", days=skew), file=out)
    print(text({EXIT_OK: "summary_ok", EXIT_GAPS: "summary_gaps"}.get(code, "summary_error")), file=out)


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
    """Run the check; returns the exit status (0 all granted, 2 gaps, 1 error)."""
    args = _parser().parse_args(list(argv))
    stdin = stdin or sys.stdin
    out = stdout or sys.stdout
    err_out = stderr or sys.stderr
    environ = os.environ if environ is None else environ
    text = Texts(language(args.lang, environ), "check")
    client: TripletexClient | None = None
    http: httpx.Client | None = None
    try:
        inputs = _resolve_inputs(args, _StdinTokens(stdin, prompt, text), environ)
        if transport is None and inputs.target.environment is Environment.DEMO and not args.base_url:
            from tripletex_desktop.simulator import Simulator  # local: start-up time, demo only

            transport = Simulator().transport()
        http = make_http_client(inputs.target, transport=transport)
        client = TripletexClient(http, inputs.target, inputs.employee_token)
        result, outcomes = _run_check(client, inputs.companies, projects=inputs.projects)
        if inputs.connection_id is not None:
            _remember_owner(args.config_dir, inputs.connection_id, result)
    except KeyboardInterrupt:
        print(text("err.cancelled"), file=err_out)
        return EXIT_ERROR
    except TripletexDesktopError as exc:
        _report_failure(exc, text, args.json, out, err_out)
        return EXIT_ERROR
    finally:
        if client is not None:
            client.close()
        if http is not None:
            http.close()
    code = _exit_code(outcomes)
    skew = client.clock_skew_days if client is not None else None
    if args.json:
        data = _as_json(result, outcomes, text, code)
        data["clock_skew_days"] = skew
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        _print_table(result, outcomes, text, code, out, skew)
    return code


def _report_failure(
    exc: TripletexDesktopError, text: Texts, as_json: bool, out: TextIO, err_out: TextIO
) -> None:
    info = _error_json(exc, text)
    if as_json:
        json.dump({"error": info, "exit_code": EXIT_ERROR}, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    print(info["message"], file=err_out)
    if info["request_id"]:
        print(text("request_id", rid=info["request_id"]), file=err_out)
