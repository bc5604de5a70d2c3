"""The secret-leak scan: a whole scripted run at DEBUG logging — wizard, sync, send, failures, `check`, an
expired token, the support bundle — then every file the app wrote and everything it printed or logged is
searched for the employee token and every session token the simulator issued, in every encoding."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import logging
import secrets
import sqlite3
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from tests.security.leakscan import Scanner, variants
from tripletex_desktop.app.context import build_context
from tripletex_desktop.app.environment import CONSUMER_TOKEN_ENV, LOG_LEVEL_ENV
from tripletex_desktop.cli.check import main as check_main
from tripletex_desktop.cli.sync import main as sync_main
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.models import Environment
from tripletex_desktop.core.travel import CostLine, MileageLine, PerDiemLine, ReportKind, TravelReport
from tripletex_desktop.services.reports import reports_backend_for
from tripletex_desktop.services.wizard import WizardBackend, WizardDraft
from tripletex_desktop.simulator import DEMO_CONSUMER_TOKEN, Simulator, serve
from tripletex_desktop.storage.bundle import create_support_bundle

pytestmark = pytest.mark.loopback
TODAY = dt.date(2026, 11, 20)
NOW = dt.datetime(2026, 11, 20, 11, 0, tzinfo=dt.UTC)


def secret_token() -> str:
    """An employee token nobody could guess or write by accident, with the characters of a base64 token
    (+ / =) that URL-encoding changes."""
    return f"td+{secrets.token_urlsafe(24)}/{secrets.token_urlsafe(6)}=="


class RecordingSessions(dict):
    """The simulator's session table, remembering every session token it ever held."""

    def __init__(self) -> None:
        super().__init__()
        self.issued: list[str] = []

    def __setitem__(self, key, session) -> None:
        self.issued.append(session.token)
        super().__setitem__(key, session)


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    sim = Simulator(today=lambda: TODAY)
    sim.sessions = RecordingSessions()
    token = secret_token()
    base = sim.token_info("demo-all")
    sim.tokens[token] = dataclasses.replace(base, token=token, id=base.id + 100_000)
    monkeypatch.setenv(LOG_LEVEL_ENV, "DEBUG")
    monkeypatch.setenv(CONSUMER_TOKEN_ENV, DEMO_CONSUMER_TOKEN)
    with serve(sim) as server:
        yield sim, token, server.base_url, tmp_path


def scripted_run(sim: Simulator, token: str, base_url: str, root: Path, capfd) -> list[tuple[str, str]]:
    """Everything a user and a scheduler do, at DEBUG; returns what was printed, per step."""
    printed: list[tuple[str, str]] = []
    home = root / "home"
    context = build_context(home, clock=lambda: NOW)
    assert logging.getLogger("tripletex_desktop").getEffectiveLevel() == logging.DEBUG
    try:
        # the wizard, through its Qt-free backend (what each page calls on a worker thread)
        wizard = WizardBackend.for_context(context)
        draft = WizardDraft(
            name="Lekkasjetest",
            environment=Environment.CUSTOM,
            base_url=base_url,
            employee_token=f"  {token}\n",  # pasted with whitespace
            consumer_token=DEMO_CONSUMER_TOKEN,
            language="nb",
        )
        outcome = wizard.connect(draft, CancelToken())
        company_id = outcome.companies[0].id
        draft.who, draft.companies, draft.selected_company_ids = outcome.who, outcome.companies, [company_id]
        wizard.check_permissions(draft, [company_id], CancelToken())
        draft.mappings[company_id] = wizard.load_company_setup(draft, company_id, CancelToken()).suggestion
        connection = wizard.commit(draft)
        context.settings = context.settings_store.load().settings

        def sync(step: str) -> int:
            out = io.StringIO()
            code = sync_main(["--lang", "nb"], context=context, stdout=out)
            printed.append((step, out.getvalue()))
            return code

        assert sync("sync") in (0, 2)
        connection = context.settings.connection(connection.id)
        backend = reports_backend_for(context, connection)
        reference = backend.reference(company_id)
        cats = {c.description: c.id for c in reference.cost_categories}
        receipt = root / "kvittering.png"
        receipt.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)

        def report(title: str) -> TravelReport:
            return TravelReport(
                connection_id=connection.id,
                company_id=company_id,
                employee_id=outcome.who.employee_id,
                title=title,
                departure_at=dt.datetime(2026, 11, 2, 8, 0),
                return_at=dt.datetime(2026, 11, 2, 17, 0),
                purpose="Kundemøte",
                departure_from="Oslo",
                destination="Drammen",
                kind=ReportKind.TRAVEL,
                lines=(
                    MileageLine(dt.date(2026, 11, 2), "Oslo", "Drammen", Decimal("41"), passengers=1),
                    PerDiemLine(1, dt.date(2026, 11, 2)),
                    CostLine(
                        dt.date(2026, 11, 2),
                        cats["Taxi"],
                        Decimal("250"),
                        comment="Taxi",
                        receipt_path=str(receipt),
                    ),
                ),
            )

        # send
        first = backend.save_draft(report("Kundemøte Drammen"))
        # the rate tables are read for the years of unsent reports (and around today): sync once a draft exists,
        # so the 2026 trip has its rates under the shifted clocks of dev.py test too
        assert sync("sync with a draft") in (0, 2)
        backend.approve(first.id)
        assert backend.send(first.id, CancelToken()).state == "sent"
        # failures: a 500 on a line, a connection dropped after the commit, then Send again
        second = backend.save_draft(report("Messe Drammen"))
        backend.approve(second.id)
        sim.faults.fail_next(500, count=2, method="POST", path_prefix="/travelExpense/cost")
        assert backend.send(second.id, CancelToken()).state in ("failed", "unknown")
        sim.faults.drop_next("after_commit", method="POST", path_prefix="/travelExpense/cost")
        if backend.send(second.id, CancelToken()).state != "sent":
            assert backend.send(second.id, CancelToken()).state == "sent"
        # a refused write (Tripletex's validation message echoed back)
        third = backend.save_draft(report("Refusert"))
        backend.approve(third.id)
        sim.faults.fail_next(422, method="POST", path_prefix="/travelExpense")
        backend.send(third.id, CancelToken())
        # the queued push of a sync run
        backend.store.queue(third.id)
        sync("sync with the outbox")
        # check, with the token on standard input (as the README says)
        out, err = io.StringIO(), io.StringIO()
        code = check_main(
            ["--base-url", base_url, "--lang", "nb"], stdin=io.StringIO(token + "\n"), stdout=out, stderr=err
        )
        printed.append(("check", out.getvalue() + err.getvalue()))
        assert code in (0, 2)
        out = io.StringIO()
        check_main(
            ["--base-url", base_url, "--json"],
            stdin=io.StringIO("feil" + token + "\n"),
            stdout=out,
            stderr=out,
        )
        printed.append(("check with a wrong token", out.getvalue()))
        # the token expires: a sync and a send meet 401s
        sim.expire_employee_token(token)
        assert sync("sync, token expired") == 2
        fourth = backend.save_draft(report("Etter utløp"))
        backend.approve(fourth.id)
        backend.send(fourth.id, CancelToken())
        # the support bundle
        create_support_bundle(
            home / "support",
            paths=context.paths,
            settings=context.settings,
            db=context.db,
            extra_versions={"test": "1"},
            keyring_backend=context.token_store.backend_description(),
        )
    finally:
        context.close()
    captured = capfd.readouterr()
    printed.append(("stdout", captured.out))
    printed.append(("stderr", captured.err))
    return printed


def test_no_token_leaks_anywhere(world, capfd, caplog) -> None:
    sim, token, base_url, root = world
    caplog.set_level(logging.DEBUG)
    printed = scripted_run(sim, token, base_url, root, capfd)
    issued = sim.sessions.issued
    assert len(issued) >= 5, "the run should have made several sessions"
    company_ids = {str(c) for c in sim.companies}
    scanner = Scanner(
        {"employee token": token, **{f"session {i}": s for i, s in enumerate(issued)}},
        usernames={"0", "", *company_ids},
    )
    hits, files = scanner.scan_tree(root / "home")
    for step, text in printed:
        hits.extend(scanner.scan_text(text, f"printed: {step}"))
    hits.extend(scanner.scan_text(caplog.text, "log records"))
    hits.extend(scanner.scan_text(repr([r.__dict__ for r in caplog.records]), "log record fields"))
    # the run really wrote what is scanned: settings, database (+ WAL), logs, the support bundle
    names = {p.name for p in (root / "home").rglob("*")}
    assert any(n.endswith(".zip") for n in names) and any(n.endswith(".log") for n in names), names
    assert any("sqlite" in n or n.endswith(".db") for n in names), names
    assert files >= 5
    assert sum(len(t) for _s, t in printed) > 200  # the commands did print
    assert len(caplog.records) > 50  # DEBUG logging was on
    assert hits == [], hits


def test_the_scanner_finds_a_planted_token_in_every_form(tmp_path: Path) -> None:
    """The positive control: each encoding, in a file, inside a zip, inside a SQLite database and in text."""
    token = secret_token()
    scanner = Scanner({"employee token": token}, usernames={"0", "12345"})
    forms = variants(token, ("0", "12345"))
    assert {"raw", "url", "basic(0)", "basic(12345)", "base64@0", "base64@1", "base64@2"} <= {
        n for n, _ in forms
    }
    for n, (_name, needle) in enumerate(forms):
        (tmp_path / f"plain-{n}.txt").write_bytes(b"before " + needle + b" after")
    with zipfile.ZipFile(tmp_path / "bundle.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("logs/app.log", f"Authorization: Basic {forms[-1][1].decode()}")
    db = sqlite3.connect(tmp_path / "app.sqlite3")
    db.execute("CREATE TABLE t (v TEXT)")
    db.execute("INSERT INTO t VALUES (?)", (f"error: {token}",))
    db.commit()
    db.close()
    hits, _files = scanner.scan_tree(tmp_path)
    found = {(h.where, h.encoding) for h in hits}
    for n, (name, _needle) in enumerate(forms):
        assert (f"plain-{n}.txt", name) in found, name
    assert any(where == "bundle.zip!logs/app.log" for where, _ in found)
    assert any(where == "app.sqlite3" and enc == "raw" for where, enc in found)
    # base64 of a longer text that contains the token, at each of the three offsets
    for prefix in ("", "x", "xy"):
        import base64

        blob = base64.b64encode(f"{prefix}session={token};".encode())
        assert scanner.scan_bytes(blob, "embedded"), prefix
    assert scanner.scan_text(f"https://host/v2/token/session/{token}", "url")
    assert not scanner.scan_text("nothing secret here " + token[:-3], "near miss")
