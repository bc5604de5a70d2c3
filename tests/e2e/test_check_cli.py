"""`tripletex-desktop check` against the simulator: in-process, over loopback, and as a real process."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.contract.openapi_contract import ContractTransport, OpenApiContract
from tripletex_desktop.cli.check import main
from tripletex_desktop.core.api import ConnectionTarget, TripletexClient, make_http_client
from tripletex_desktop.core.models import Environment
from tripletex_desktop.simulator import DEMO_CONSUMER_TOKEN, Simulator, serve

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def contract() -> OpenApiContract:
    return OpenApiContract.load()


class TTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def run(
    argv: list[str],
    stdin_text: str = "",
    *,
    transport: httpx.BaseTransport | None = None,
    environ: dict[str, str] | None = None,
    stdin: io.StringIO | None = None,
    prompt=None,
) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    kwargs = {"prompt": prompt} if prompt else {}
    code = main(
        argv,
        stdin=stdin or io.StringIO(stdin_text),
        stdout=out,
        stderr=err,
        environ=environ if environ is not None else {},
        transport=transport,
        **kwargs,
    )
    return code, out.getvalue(), err.getvalue()


def demo_json(token: str, contract: OpenApiContract) -> tuple[int, dict, ContractTransport]:
    transport = ContractTransport(Simulator().transport(), contract)
    code, out, _ = run(["--env", "demo", "--json"], f"{token}\n", transport=transport)
    return code, json.loads(out), transport


def verdicts(company: dict) -> dict[str, str]:
    return {p["key"]: p["verdict"] for p in company["permissions"]}


def test_demo_all_is_all_granted(contract):
    code, data, transport = demo_json("demo-all", contract)
    assert code == 0
    assert data["who"]["employee_name"] == "Kari Nordmann"
    assert [c["name"] for c in data["companies"]] == ["Fjordlys Reiser AS"]
    assert set(verdicts(data["companies"][0]).values()) == {"granted"}
    assert transport.checked > 10 and transport.violations == []


def test_demo_limited_lists_the_missing_permissions(contract):
    code, data, _ = demo_json("demo-limited", contract)
    assert code == 2
    found = verdicts(data["companies"][0])
    assert {k for k, v in found.items() if v == "missing"} == {"project_settings"}
    assert {k for k, v in found.items() if v == "likely_missing"} == {"travel_all", "employee_read"}
    severities = {p["key"]: p["severity"] for p in data["companies"][0]["permissions"]}
    assert severities["project_settings"] == "blocker" and severities["travel_all"] == "warning"
    where = {p["key"]: p["where_nb"] for p in data["companies"][0]["permissions"]}
    assert where["project_settings"].endswith("Prosjekt → Prosjektinnstillinger")


def test_without_projects_the_project_permissions_are_not_checked(contract):
    transport = ContractTransport(Simulator().transport(), contract)
    code, out, _ = run(["--env", "demo", "--json", "--no-projects"], "demo-noproject\n", transport=transport)
    found = verdicts(json.loads(out)["companies"][0])
    assert not any(key.startswith("project") for key in found)
    code_with, out_with, _ = run(["--env", "demo", "--json"], "demo-noproject\n", transport=transport)
    with_projects = verdicts(json.loads(out_with)["companies"][0])
    assert (
        with_projects["project_info"] == "unavailable" and with_projects["project_settings"] == "unavailable"
    )


def test_demo_enk_is_inconclusive_not_missing(contract):
    code, data, _ = demo_json("demo-enk", contract)
    assert code == 2
    found = verdicts(data["companies"][0])
    assert found["employee_read"] == "inconclusive" and found["travel_all"] == "inconclusive"
    assert "missing" not in found.values()


def _with_hansen_report() -> Simulator:
    """The stock simulator seeds no report in the one-person company Hansen Rørlegger, so an accountant's
    `travel_all` probe there has nothing to look at (inconclusive, exit 2). Give Per Hansen one open report
    through the API, as he would, so the accountant's view can show a report that is not her own."""
    sim = Simulator()
    target = ConnectionTarget.for_environment(Environment.DEMO, DEMO_CONSUMER_TOKEN)
    per = TripletexClient(make_http_client(target, transport=sim.transport()), target, "demo-enk")
    who = per.who_am_i()
    per.company(0).create_travel_expense({"employee": {"id": who.employee_id}, "title": "Befaring Drammen"})
    per.close()
    return sim


def test_demo_accountant_checks_three_clients(contract):
    transport = ContractTransport(_with_hansen_report().transport(), contract)
    code, out, _ = run(["--env", "demo", "--json"], "demo-accountant\n", transport=transport)
    data = json.loads(out)
    assert code == 0
    assert data["is_accountant"] is True
    assert sorted(c["name"] for c in data["companies"]) == [
        "Fjordlys Reiser AS",
        "Hansen Rørlegger",
        "Nordlys Bakeri AS",
    ]
    assert all(c["auth_id"] == c["id"] and c["all_granted"] for c in data["companies"])
    assert transport.violations == []


@pytest.mark.parametrize(
    ("token", "code"), [("demo-expired", "employee_token_expired"), ("test-demo", "wrong_environment")]
)
def test_session_failures_exit_1_with_request_id(contract, token, code):
    exit_code, data, _ = demo_json(token, contract)
    assert exit_code == 1
    assert data["error"]["code"] == code and data["error"]["request_id"]


def test_table_output_in_norwegian_and_english(contract):
    code, out, _ = run(
        ["--env", "demo", "--lang", "nb"],
        "demo-limited\n",
        transport=ContractTransport(Simulator().transport(), contract),
    )
    assert code == 2
    assert "Ola Hansen" in out and "MANGLER" in out
    assert "Selskap → Ansatte → din bruker → API-tilgang → nøkkelen → Prosjekt → Prosjektinnstillinger" in out
    code, out, _ = run(["--env", "demo"], "demo-limited\n", environ={"LANG": "en_GB.UTF-8"})
    assert "MISSING" in out and "Project settings" in out


def test_error_text_goes_to_stderr_with_request_id():
    code, out, err = run(["--env", "demo", "--lang", "en"], "demo-expired\n")
    assert code == 1 and out == ""
    assert "expired" in err and "requestId: " in err


def test_company_filter_and_unreachable_company(contract):
    transport = ContractTransport(Simulator().transport(), contract)
    code, out, _ = run(
        ["--env", "demo", "--json", "--company", "1"], "demo-accountant\n", transport=transport
    )
    data = json.loads(out)
    assert code == 1
    assert data["companies"][0]["error"]["code"] in ("client_not_reachable", "permission_denied")


def test_tokens_are_read_from_a_terminal_with_hidden_prompts():
    prompts: list[str] = []

    def prompt(text: str) -> str:
        prompts.append(text)
        return "demo-all"

    code, _, _ = run(["--env", "demo"], stdin=TTY(""), prompt=prompt)
    assert code == 0 and len(prompts) == 1


def test_consumer_token_required_outside_demo():
    code, _, err = run(["--env", "test"], "test-abc\n")
    assert code == 1 and "TRIPLETEX_CONSUMER_TOKEN" in err


@pytest.mark.parametrize("consumer_env", [{}, {"TRIPLETEX_CONSUMER_TOKEN": "some-consumer"}])
def test_test_token_on_production_is_named_before_the_consumer_token(consumer_env):
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(500)

    code, out, err = run(
        ["--env", "production"], "test-abc\n", environ=consumer_env, transport=httpx.MockTransport(handler)
    )
    assert code == 1
    assert "test token" in err and "--env test" in err
    assert "TRIPLETEX_CONSUMER_TOKEN" not in err
    assert sent == []  # refused before any request
    code, out, _ = run(["--env", "production", "--json"], "test-abc\n", environ=consumer_env)
    assert code == 1 and json.loads(out)["error"]["code"] == "test_token_on_production"


def test_a_malformed_token_is_named_before_the_consumer_token():
    code, _, err = run(["--env", "production"], "\n")
    assert code == 1 and "empty" in err and "TRIPLETEX_CONSUMER_TOKEN" not in err


def test_consumer_token_from_second_stdin_line_over_loopback(contract):
    with serve(Simulator()) as server:
        transport = ContractTransport(httpx.HTTPTransport(), contract)
        code, out, _ = run(
            ["--base-url", server.base_url, "--consumer-token-stdin", "--json"],
            "demo-all\ndemo-consumer\n",
            transport=transport,
        )
    assert code == 0, out
    assert json.loads(out)["companies"][0]["all_granted"] is True
    assert transport.violations == []


def test_saved_connection_reads_the_token_from_the_keyring():
    from tripletex_desktop.app.paths import resolve_paths
    from tripletex_desktop.storage.secrets import TokenStore
    from tripletex_desktop.storage.settings import ConnectionSettings, Settings, SettingsStore

    paths = resolve_paths().ensure()
    conn = ConnectionSettings(id="c1", label="Fjordlys", environment="demo")
    SettingsStore(paths.settings_file).save(Settings(connections=[conn]))
    TokenStore().set("c1", "demo-limited")
    code, out, _ = run(["--connection", "Fjordlys", "--json"])
    assert code == 2
    who = json.loads(out)["who"]
    assert who["employee_name"] == "Ola Hansen"
    # a connection set up before the settings kept the token's owner learns it here (the editor preselects them)
    stored = SettingsStore(paths.settings_file).load().settings.connection("c1")
    assert (stored.employee_id, stored.employee_company_id) == (who["employee_id"], who["company_id"])
    code, _, err = run(["--connection", "nope"])
    assert code == 1 and "nope" in err


@pytest.mark.loopback
def test_real_process_over_loopback_never_takes_the_token_as_an_argument():
    with serve(Simulator()) as server:
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "tripletex_desktop",
                "check",
                "--env",
                "demo",
                "--base-url",
                server.base_url,
                "--json",
            ],
            input="demo-limited\n",
            capture_output=True,
            text=True,
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            timeout=60,
        )
    assert proc.returncode == 2, proc.stderr
    data = json.loads(proc.stdout)
    assert {k for k, v in verdicts(data["companies"][0]).items() if v == "missing"} == {"project_settings"}
    assert "demo-limited" not in proc.stderr
