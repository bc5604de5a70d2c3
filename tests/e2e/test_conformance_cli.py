"""`tripletex-desktop conformance` against the simulator: every assumption holds; knobs set the other way differ.

The simulator stands in for a Tripletex test account: over loopback (as `--env test --base-url`), in-process
through the contract checker (every request and answer must fit the official spec), and as a real process
that reads its token from standard input only. It must leave no TD-conformance data behind, also when a
check fails half-way, and never run against production.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.contract.openapi_contract import ContractTransport, OpenApiContract
from tripletex_desktop.cli.conformance import main
from tripletex_desktop.services.conformance import CHECKS, TAG, Cleanup, one_pixel_png, two_page_pdf
from tripletex_desktop.simulator import DEMO_CONSUMER_TOKEN, Simulator, serve

REPO = Path(__file__).resolve().parents[2]
TEST_TOKEN = "test-demo-all"  # the simulator in its test environment prefixes its demo tokens
ENV = {"TRIPLETEX_CONSUMER_TOKEN": DEMO_CONSUMER_TOKEN}
SIM_TODAY = dt.date(2026, 11, 20)


def run(
    argv: list[str],
    stdin_text: str = f"{TEST_TOKEN}\n",
    *,
    transport: httpx.BaseTransport | None = None,
    environ: dict[str, str] | None = None,
) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(
        argv,
        stdin=io.StringIO(stdin_text),
        stdout=out,
        stderr=err,
        environ=ENV if environ is None else environ,
        transport=transport,
    )
    return code, out.getvalue(), err.getvalue()


def results(out: str) -> dict[str, str]:
    return {c["key"]: c["result"] for c in json.loads(out)["checks"]}


def leftovers(sim: Simulator) -> list[str]:
    """Anything named TD-conformance still in the simulator, and sessions still open."""
    found = [
        row.get("title", "")
        for company in sim.companies.values()
        for row in company.travel_expenses.values()
        if str(row.get("title", "")).startswith(TAG)
    ]
    found += [
        row["name"]
        for company in sim.companies.values()
        for row in company.projects.values()
        if str(row.get("name", "")).startswith(TAG)
    ]
    return found + [f"session {s.id}" for s in sim.sessions.values()]


@pytest.fixture
def sim() -> Simulator:
    # a fixed date with rates in the simulator (2024–2026); a client whose clock says otherwise takes the
    # simulator's date from its Date header, as it would from Tripletex's
    return Simulator(environment="test", sleep=lambda s: None, today=lambda: SIM_TODAY)


@pytest.mark.loopback
def test_over_loopback_every_assumption_holds_and_nothing_is_left(sim: Simulator) -> None:
    with serve(sim) as server:
        code, out, err = run(["--env", "test", "--base-url", server.base_url, "--json"])
    assert code == 0, out + err
    data = json.loads(out)
    assert [c["key"] for c in data["checks"]] == [c.key for c in CHECKS]
    assert set(results(out).values()) == {"holds"}
    assert data["left_behind"] == [] and leftovers(sim) == []
    assert data["who"]["company_name"] == "Fjordlys Reiser AS"
    assert TEST_TOKEN not in out + err and DEMO_CONSUMER_TOKEN not in out + err


def test_every_request_and_answer_fits_the_official_spec(sim: Simulator) -> None:
    transport = ContractTransport(sim.transport(), OpenApiContract.load())
    code, out, err = run(["--env", "test", "--json"], transport=transport)
    assert code == 0, out + err
    assert transport.violations == []
    assert transport.checked > 40


def test_knobs_set_the_other_way_show_up_as_differs(sim: Simulator) -> None:
    sim.quirks.session_field_prefix = ""
    sim.quirks.unreachable_client_status = 401
    sim.quirks.closed_projects_read_only = True
    sim.quirks.approve_forbidden = True
    sim.quirks.attachment_count_pages = True
    sim.echo.per_diem_country_code = "NO"
    code, out, _ = run(["--env", "test", "--json"], transport=sim.transport())
    assert code == 2
    found = results(out)
    differs = {k for k, v in found.items() if v == "differs"}
    assert differs == {
        "session_field_prefix",
        "unreachable_client",
        "closed_project_access",
        "approve_allowed",
        "attachment_count_per_upload",
        "per_diem_read_back",
    }
    # the client copes with each: a 422 without arg: is still classified, and the rest holds
    assert found["session_wrong_employee"] == "holds" and found["domestic_delivered"] == "holds"
    assert leftovers(sim) == []


def test_the_table_names_the_assumption_the_answer_and_the_verdict(sim: Simulator) -> None:
    sim.quirks.unreachable_client_status = 401
    code, out, _ = run(["--env", "test", "--lang", "en"], transport=sim.transport())
    assert code == 2
    assert "Result" in out and "Assumption" in out and "What Tripletex answered" in out
    line = next(i for i, text in enumerate(out.splitlines()) if "Basic auth with a company id" in text)
    assert out.splitlines()[line].startswith("DIFFERS")
    assert "HTTP 401/3000" in out
    code, out, _ = run(["--env", "test", "--lang", "nb"], transport=sim.transport())
    assert "AVVIKER" in out and "Antakelse" in out and "Noen antakelser avviker" in out


def test_a_check_that_fails_half_way_still_deletes_what_it_created(sim: Simulator) -> None:
    sim.faults.fail_next(500, method="PUT", path_prefix="/project/")  # after the project was created
    sim.faults.fail_next(500, method="POST", path_prefix="/travelExpense/perDiemCompensation")
    code, out, _ = run(["--env", "test", "--json"], transport=sim.transport())
    assert code == 1  # a check errored
    found = results(out)
    assert found["closed_project_access"] == "error"
    assert leftovers(sim) == []  # the project and every travel expense were deleted anyway
    assert json.loads(out)["left_behind"] == []


def test_what_cannot_be_deleted_is_reported_by_name() -> None:
    cleanup = Cleanup()
    done: list[str] = []

    def broken() -> None:
        raise RuntimeError("gone")

    cleanup.add("travel expense 1", lambda: done.append("1"))
    cleanup.add("travel expense 2", broken)
    cleanup.add("project 3", lambda: done.append("3"))
    cleanup.run()
    assert done == ["3", "1"] and cleanup.left_behind == ["travel expense 2"]


class NoNetwork(httpx.BaseTransport):
    def handle_request(self, request: httpx.Request) -> httpx.Response:
        raise AssertionError(f"no request may be sent: {request.url}")


@pytest.mark.parametrize(
    "argv",
    [
        ["--env", "production"],
        ["--env", "test", "--base-url", "https://tripletex.no/v2"],
        ["--env", "test", "--base-url", "https://example.com/v2"],
        ["--env", "demo", "--base-url", "http://127.0.0.1:1/v2"],
    ],
)
def test_refuses_production_and_foreign_hosts_before_sending_anything(argv: list[str]) -> None:
    code, out, err = run([*argv, "--lang", "en"], transport=NoNetwork())
    assert code == 1
    assert "refuse" in err or "never runs against production" in err


def test_without_a_consumer_token_it_says_how_to_give_one() -> None:
    code, _, err = run(["--env", "test", "--lang", "en"], environ={}, transport=NoNetwork())
    assert code == 1 and "TRIPLETEX_CONSUMER_TOKEN" in err


def test_the_consumer_token_can_come_as_the_second_stdin_line(sim: Simulator) -> None:
    code, out, _ = run(
        ["--env", "test", "--consumer-token-stdin", "--json"],
        f"{TEST_TOKEN}\n{DEMO_CONSUMER_TOKEN}\n",
        environ={},
        transport=sim.transport(),
    )
    assert code == 0, out


def test_a_wrong_employee_token_is_an_error_like_check(sim: Simulator) -> None:
    code, out, err = run(["--env", "test", "--json"], "not-a-token\n", transport=sim.transport())
    assert code == 1
    assert json.loads(out)["error"]["code"] == "employee_token_invalid"


def test_the_test_files_are_what_they_claim() -> None:
    pdf = two_page_pdf()
    assert pdf.startswith(b"%PDF-1.4") and b"/Count 2" in pdf and pdf.rstrip().endswith(b"%%EOF")
    png = one_pixel_png()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and b"IHDR" in png and png.endswith(b"IEND\xaeB`\x82")


@pytest.mark.loopback
def test_real_process_reads_the_token_from_stdin_only(sim: Simulator) -> None:
    with serve(sim) as server:
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "tripletex_desktop",
                "conformance",
                "--env",
                "test",
                "--base-url",
                server.base_url,
                "--json",
            ],
            input=f"{TEST_TOKEN}\n",
            capture_output=True,
            text=True,
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO), **ENV},
            timeout=120,
        )
    assert proc.returncode == 0, proc.stderr
    assert set(results(proc.stdout).values()) == {"holds"}
    assert TEST_TOKEN not in proc.stdout + proc.stderr
    assert leftovers(sim) == []
