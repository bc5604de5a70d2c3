"""`tripletex-desktop sync` end to end: settings + keyring + simulator; exit codes, JSON, lock, history."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.simulator.conftest import NOW
from tripletex_desktop.__main__ import main as app_main
from tripletex_desktop.app.context import build_context
from tripletex_desktop.app.environment import CONSUMER_TOKEN_ENV
from tripletex_desktop.cli.sync import main as sync_main
from tripletex_desktop.core.sync.health import HealthState, Reason, company_health
from tripletex_desktop.services.sync import read_history
from tripletex_desktop.simulator import DEMO_CONSUMER_TOKEN, Simulator, serve
from tripletex_desktop.storage.lock import ConnectionLock
from tripletex_desktop.storage.settings import CompanySettings, ConnectionSettings, Settings, SyncOptions


def _id_of(table, description: str) -> int:
    return next(int(i) for i, row in table.items() if row["description"] == description)


def fjordlys_settings(
    sim: Simulator,
    *,
    environment: str = "demo",
    base_url: str | None = None,
    label: str = "Fjordlys",
    connection_id: str = "fjordlys1",
) -> ConnectionSettings:
    company = next(c for c in sim.companies.values() if c.company.get("name") == "Fjordlys Reiser AS")
    return ConnectionSettings(
        id=connection_id,
        label=label,
        environment=environment,
        base_url=base_url,
        companies=[
            CompanySettings(
                id=company.id,
                name="Fjordlys Reiser AS",
                # the simulator's own ids: the sync checks the chosen ones against the lists it reads
                mileage_cost_category_id=_id_of(company.cost_categories, "Bilgodtgjørelse"),
                per_diem_cost_category_id=_id_of(company.cost_categories, "Diett"),
                payment_type_id=_id_of(company.payment_types, "Privat utlegg"),
            )
        ],
        sync=SyncOptions(interval="manual"),
    )


@pytest.fixture
def demo(tmp_path: Path):
    """An AppContext in tmp with one demo connection whose token is in the (in-memory) keyring."""
    ctx = build_context(tmp_path / "cfg", clock=lambda: NOW)
    conn = fjordlys_settings(ctx.simulator)
    ctx.settings = Settings(connections=[conn])
    ctx.settings_store.save(ctx.settings)
    ctx.token_store.set(conn.id, "demo-all")
    yield ctx
    ctx.close()


def run_cli(ctx, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = sync_main(list(args), context=ctx, stdout=out)
    return code, out.getvalue()


def test_sync_ok_json_and_history(demo) -> None:
    code, text = run_cli(demo, "--json")
    assert code == 0, text
    doc = json.loads(text)
    (conn,) = doc["connections"]
    assert conn["status"] in ("ok", "warning") and not conn["errors"]
    sim_company = demo.simulator.company(demo.settings.connections[0].companies[0].id)
    counts = conn["companies"][0]["counts"]
    assert counts["employees"]["added"] == len(sim_company.employees)
    (entry,) = read_history(demo.db, "fjordlys1")
    assert entry.trigger == "cli" and entry.report.company(sim_company.id).counts["employees"].added > 0


def test_second_sync_sends_one_request_per_list(demo) -> None:
    assert run_cli(demo)[0] == 0
    mark = len(demo.simulator.request_log)
    assert run_cli(demo)[0] == 0
    lists = Counter(
        r.path
        for r in demo.simulator.request_log[mark:]
        if r.method == "GET"
        and r.path not in ("/travelExpense/settings", "/ledger/vatSettings", "/token/session/>whoAmI")
    )
    assert set(lists.values()) == {1}, lists
    # every list answers 304 but the rates, which are read without If-None-Match (many pages in Tripletex)
    statuses = {r.path: r.status for r in demo.simulator.request_log[mark:] if r.path in lists}
    assert statuses.pop("/travelExpense/rate") == 200
    assert set(statuses.values()) == {304}


def test_expired_token_exits_2_with_text(demo) -> None:
    demo.token_store.set("fjordlys1", "demo-expired")
    code, text = run_cli(demo, "--lang", "en")
    assert code == 2
    assert "The employee token has expired or was revoked. Create a new one. (requestId: " in text
    assert "Fjordlys Reiser AS: skipped" in text and "0 lists" not in text
    assert "employee_token_expired" not in text  # plain sentences, never raw codes
    assert "demo-expired" not in text  # the token never appears in output


def test_missing_token_exits_2_and_is_recorded(demo) -> None:
    demo.token_store.delete("fjordlys1")
    code, text = run_cli(demo, "--json")
    assert code == 2
    assert json.loads(text)["connections"][0]["error"]["code"] == "token_missing"
    (entry,) = read_history(demo.db, "fjordlys1")
    assert entry.report.errors[0].error.code == "token_missing"


def test_a_failed_list_exits_1(demo) -> None:
    # 400 is not retried, so this stays fast (5xx retries wait real seconds through AppContext's client)
    demo.simulator.faults.fail_next(400, count=1000, method="GET", path_prefix="/employee")
    code, text = run_cli(demo, "--json")
    assert code == 1
    assert json.loads(text)["connections"][0]["companies"][0]["errors"][0]["code"] == "bad_request"


def test_lock_held_by_another_process_exits_1(demo) -> None:
    with ConnectionLock(demo.paths.lock_dir, "fjordlys1"):
        code, text = run_cli(demo, "--json")
    assert code == 1
    assert json.loads(text)["connections"][0]["error"]["code"] == "sync_running"


def test_unknown_connection_name(demo) -> None:
    code, text = run_cli(demo, "--connection", "nope")
    assert code == 1 and "nope" in text
    code, _ = run_cli(demo, "--connection", "Fjordlys")
    assert code == 0


@pytest.mark.loopback
def test_subprocess_cli_against_loopback_simulator(tmp_path: Path) -> None:
    """The real entry point in a child process, talking HTTP to the simulator on 127.0.0.1."""
    sim = Simulator()
    with serve(sim) as server:
        cfg = tmp_path / "cfg"
        ctx = build_context(cfg)
        conn = fjordlys_settings(sim, environment="custom", base_url=server.base_url)
        ctx.settings_store.save(Settings(connections=[conn]))
        ctx.close()
        # The child has its own in-memory keyring (conftest's backend): hand the token over through it.
        script = (
            "import sys, keyring; from tests.keyring_memory import TestMemoryKeyring as K;"
            "k = K(); keyring.set_keyring(k);"
            "from tripletex_desktop.storage.secrets import TokenStore;"
            "TokenStore(k).set('fjordlys1', 'demo-all');"
            "from tripletex_desktop.__main__ import main;"
            "sys.exit(main(['sync', '--json', '--config-dir', sys.argv[1]]))"
        )
        env = {
            **os.environ,
            CONSUMER_TOKEN_ENV: DEMO_CONSUMER_TOKEN,
            "PYTHON_KEYRING_BACKEND": "tests.keyring_memory.TestMemoryKeyring",
        }
        proc = subprocess.run(
            [sys.executable, "-c", script, str(cfg)],
            capture_output=True,
            text=True,
            env=env,
            cwd=Path(__file__).resolve().parents[2],
            timeout=120,
            check=False,
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr
        doc = json.loads(proc.stdout)
        assert doc["exit_code"] == 0
        assert any(r.path == "/employee" for r in sim.request_log)
        assert "demo-all" not in proc.stdout + proc.stderr


def test_main_dispatches_sync(tmp_path: Path, capsys) -> None:
    (tmp_path / "empty").mkdir()
    code = app_main(["sync", "--config-dir", str(tmp_path / "empty"), "--json"])
    assert code == 2  # nothing configured needs attention
    assert json.loads(capsys.readouterr().out) == {"connections": []}


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_a_mistyped_config_dir_is_an_error_that_names_it_and_creates_nothing(
    tmp_path: Path, capsys, lang
) -> None:
    """`sync` only reads a profile: a folder that does not exist is a typo, not an empty profile (exit 1)."""
    typo = tmp_path / "Tripletx"
    code = app_main(["--lang", lang, "sync", "--config-dir", str(typo)])
    out = capsys.readouterr().out
    assert code == 1, out
    assert str(typo) in out
    expected = "does not exist or is not a folder" if lang == "en" else "finnes ikke eller er ikke en mappe"
    assert expected in out and "No connections" not in out and "Ingen tilkoblinger" not in out
    assert not typo.exists()  # nothing was created
    code = app_main(["sync", "--json", "--config-dir", str(typo)])
    doc = json.loads(capsys.readouterr().out)
    assert code == 1 and doc["error"] == "config_dir_missing" and doc["path"] == str(typo)
    assert str(typo) in doc["message"]
    assert not typo.exists()
    a_file = tmp_path / "settings.json"  # a file is not a profile folder either
    a_file.write_text("{}")
    assert app_main(["sync", "--config-dir", str(a_file)]) == 1
    assert "does not exist or is not a folder" in capsys.readouterr().out


def test_sync_pushes_queued_travel_reports(demo) -> None:
    """The push step hands the outbox to the transfer engine: a queued report ends up in Tripletex."""
    import dataclasses
    from types import SimpleNamespace

    from tests.support.reports import trip
    from tripletex_desktop.services.reports import reports_backend_for

    assert run_cli(demo)[0] == 0  # reference data first
    conn = demo.settings.connections[0]
    company_id = conn.companies[0].id
    cats = {r.label: r.tripletex_id for r in demo.db.list_reference(conn.id, company_id, "cost_category")}
    pays = {r.label: r.tripletex_id for r in demo.db.list_reference(conn.id, company_id, "payment_type")}
    company = dataclasses.replace(
        conn.companies[0],
        mileage_cost_category_id=cats["Bilgodtgjørelse"],
        per_diem_cost_category_id=cats["Diett"],
        payment_type_id=pays["Privat utlegg"],
    )
    conn = dataclasses.replace(conn, companies=[company])
    demo.settings = Settings(connections=[conn])
    who = demo.simulator.token_info("demo-all")
    world = SimpleNamespace(
        company_id=company_id, employee_id=who.employee_id, cost_categories=cats, payment_types=pays
    )
    backend = reports_backend_for(demo, conn)
    row = backend.save_draft(dataclasses.replace(trip(world), connection_id=conn.id))
    # the rate tables are read for the years of unsent reports (and around today): sync once the draft exists
    assert run_cli(demo)[0] == 0
    backend.approve(row.id)
    backend.store.queue(row.id)

    code, text = run_cli(demo, "--json")
    assert code == 0, text
    assert json.loads(text)["connections"][0]["companies"][0]["push"] == {
        "sent": 1,
        "failed": 0,
        "unknown": 0,
        "waiting": 0,
        "waiting_until": None,
        "queued": 0,
    }
    assert backend.store.get(row.id).row.state == "sent"


def test_a_queued_report_that_cannot_be_sent_needs_attention_in_both_languages(demo) -> None:
    """A scheduled run must not say "OK" with exit status 0 when a travel report failed to send: the report
    waits for the user (here its cost category was made inactive in Tripletex after it was approved)."""
    import dataclasses
    from types import SimpleNamespace

    from tests.support.reports import trip
    from tripletex_desktop.services.reports import reports_backend_for

    assert run_cli(demo)[0] == 0
    conn = demo.settings.connections[0]
    company_id = conn.companies[0].id
    cats = {r.label: r.tripletex_id for r in demo.db.list_reference(conn.id, company_id, "cost_category")}
    pays = {r.label: r.tripletex_id for r in demo.db.list_reference(conn.id, company_id, "payment_type")}
    company = dataclasses.replace(
        conn.companies[0],
        mileage_cost_category_id=cats["Bilgodtgjørelse"],
        per_diem_cost_category_id=cats["Diett"],
        payment_type_id=pays["Privat utlegg"],
    )
    conn = dataclasses.replace(conn, companies=[company])
    demo.settings = Settings(connections=[conn])
    who = demo.simulator.token_info("demo-all")
    world = SimpleNamespace(
        company_id=company_id, employee_id=who.employee_id, cost_categories=cats, payment_types=pays
    )
    backend = reports_backend_for(demo, conn)
    row = backend.save_draft(dataclasses.replace(trip(world), connection_id=conn.id))
    assert run_cli(demo)[0] == 0
    backend.approve(row.id)
    backend.store.queue(row.id)
    sim_company = demo.simulator.company(company_id)
    taxi = cats["Taxi"]
    sim_company.cost_categories[taxi] = {**sim_company.cost_categories[taxi], "isInactive": True}

    code, text = run_cli(demo)
    assert backend.store.get(row.id).row.state == "failed"
    assert code == 2, text
    assert text.startswith("Fjordlys: needs attention\n"), text
    assert "Travel reports: 0 sent, 1 failed, 0 unknown" in text
    assert "1 travel report needs you: Tripletex refused it" in text

    # the next scheduled runs push nothing, and still say it, every time, until the user acts
    for _ in range(2):
        code, text = run_cli(demo, "--lang", "en")
        assert code == 2, text
        assert text.startswith("Fjordlys: needs attention\n"), text
        assert "Travel reports:" not in text  # nothing was sent or tried this run
        assert "1 travel report needs you" in text
        assert f"- \u201c{trip(world).title}\u201d: Tripletex refused the report" in text, text
    code, text = run_cli(demo, "--lang", "nb", "--json")
    assert code == 2
    (result,) = json.loads(text)["connections"]
    assert result["needs_attention"] is True
    (waiting,) = result["companies"][0]["waiting_for_user"]
    assert waiting["report_id"] == str(row.id) and waiting["state"] == "failed"
    assert waiting["code"] == backend.store.get(row.id).row.last_error.code
    assert waiting["request_id"] == backend.store.get(row.id).row.last_error.request_id
    (entry, *_) = read_history(demo.db, conn.id)  # the history (the GUI's main window) says the same
    assert entry.report.needs_attention
    assert [w.report_id for w in entry.report.company(company_id).waiting_for_user] == [str(row.id)]
    health = company_health(
        today=NOW.date(),
        token_expires_on=None,
        mapping_complete=True,
        running=False,
        ever_synced=True,
        reports_waiting=len(entry.report.company(company_id).waiting_for_user),
    )
    assert health.state is HealthState.ATTENTION and health.reasons == (Reason.REPORTS_WAITING,)

    def queue_again() -> None:  # as if approved by a version of the app that did not check the category
        backend.reopen(row.id)
        backend.store.approve(row.id)
        backend.store.queue(row.id)

    queue_again()
    code, text = run_cli(demo, "--lang", "nb", "--json")
    assert code == 2 and json.loads(text)["connections"][0]["needs_attention"] is True
    queue_again()
    code, text = run_cli(demo, "--lang", "nb")
    assert code == 2 and text.startswith("Fjordlys: trenger oppfølging\n"), text
    assert "1 reiseregning trenger deg: Tripletex avviste den" in text
    assert f"- «{trip(world).title}»: Tripletex avviste reiseregningen" in text

    demo.token_store.delete(conn.id)  # a sync that cannot even start still says the report waits
    code, text = run_cli(demo, "--lang", "en")
    assert code == 2 and f"- \u201c{trip(world).title}\u201d: Tripletex refused" in text, text
    (result,) = json.loads(run_cli(demo, "--json")[1])["connections"]
    assert result["error"]["code"] == "token_missing" and len(result["waiting_for_user"]) == 1
    demo.token_store.set(conn.id, "demo-all")

    backend.reopen(row.id)  # the user acts: the report is a draft again, and the sync is quiet about it
    code, text = run_cli(demo, "--lang", "en")
    assert code == 0 and "need you" not in text, text


def test_a_pc_clock_days_off_is_told_in_both_languages_and_the_json(demo) -> None:
    """The sync works on Tripletex's date (its `Date` header) and says the clock is wrong; a right clock says
    nothing."""
    import datetime as dt

    code, text = run_cli(demo)
    assert code == 0 and "off Tripletex's" not in text, text
    assert json.loads(run_cli(demo, "--json")[1])["connections"][0]["clock_skew_days"] is None
    demo.simulator.now = lambda: NOW + dt.timedelta(days=3)  # Tripletex is three days ahead of this PC
    code, text = run_cli(demo)
    assert code == 0, text
    assert text.splitlines()[:2] == [
        "Fjordlys: OK",
        "  Note: this computer's date is +3 days off Tripletex's; the sync used Tripletex's date, but fix "
        "the clock.",
    ]
    code, text = run_cli(demo, "--lang", "nb")
    assert "Merk: datoen på denne maskinen avviker +3 dager fra Tripletex sin" in text, text
    assert json.loads(run_cli(demo, "--json")[1])["connections"][0]["clock_skew_days"] == 3


@pytest.mark.parametrize(
    ("platform", "hint"),
    [
        ("linux", "unlock it, and run the command in your session (from cron, set DBUS_SESSION_BUS_ADDRESS"),
        ("win32", "keep \u201cRun only when user is logged on\u201d"),
        ("darwin", "a LaunchAgent, not a LaunchDaemon"),
    ],
)
def test_a_locked_keyring_under_a_scheduler_says_what_to_do_on_this_system(
    demo, monkeypatch, platform, hint
) -> None:
    """Under cron the keyring is often locked or out of reach: the sentence says so, then what to do here, with
    a pointer to docs/scheduling.md; --json carries the same text next to the code."""
    from tripletex_desktop.cli.texts import Texts
    from tripletex_desktop.core.errors import SecretStoreUnavailable

    def locked(*_args, **_kwargs):
        raise SecretStoreUnavailable("locked", reason="locked")

    monkeypatch.setattr(demo.token_store, "get", locked)
    monkeypatch.setattr(sys, "platform", platform)
    code, text = run_cli(demo, "--lang", "en")
    assert code == 2, text
    assert "The system keyring is not available or is locked. " in text
    assert hint in text and "See docs/scheduling.md" in text, text
    code, text = run_cli(demo, "--lang", "nb")
    assert "Systemets nøkkelring er ikke tilgjengelig eller er låst. Nøkkelen ligger i" in text, text
    code, text = run_cli(demo, "--json", "--lang", "en")
    (result,) = json.loads(text)["connections"]
    assert result["error"]["code"] == "keyring_unavailable"
    assert result["error"]["message"] == Texts("en", "sync").error("keyring_unavailable", platform=platform)
    assert hint in result["error"]["message"]
