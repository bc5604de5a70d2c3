"""The fault soak: `python3 dev.py soak` (1,000 reports) or `python -m tests.soak --ci` (50 reports, seeded).

A simulator process on loopback (`tripletex-desktop simulator`), the soak's fault proxy in front of it, two
connections (a plain company, and an accountant with three clients) whose tokens are in a real Secret Service
(gnome-keyring on a private D-Bus session, started here), reports with mileage, passenger supplement, per
diem, costs and receipts put in the outbox through the app's own backend (saved, approved, queued — as a user
would), then `tripletex-desktop sync` run again and again, killed with SIGKILL at seeded moments, with no Send
again, until the outbox is empty or the bound is reached. Then Tripletex is read directly and judged.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import math
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

from tests.security.leakscan import Scanner
from tests.soak.audit import (
    AuditResult,
    DirectReader,
    Expected,
    LocalState,
    TripletexView,
    amount_text,
    audit,
    read_tripletex,
)
from tests.soak.proxy import FaultPlan, FaultProxy
from tripletex_desktop.app.context import build_context
from tripletex_desktop.app.environment import REQUEST_TIMEOUT_ENV
from tripletex_desktop.core.transfer.timing import CLIENT_LIMIT_ENV, SERVER_LIMIT_ENV
from tripletex_desktop.core.travel import (
    Accommodation,
    CostLine,
    MileageLine,
    PerDiemLine,
    ReportKind,
    TravelReport,
)
from tripletex_desktop.services.reports import reports_backend_for
from tripletex_desktop.storage.reports import ReportStore
from tripletex_desktop.storage.secrets import TokenStore
from tripletex_desktop.storage.settings import CompanySettings, ConnectionSettings, Settings, SyncOptions

ROOT = Path(__file__).resolve().parents[2]
IN_KEYRING_ENV = "TDK_SOAK_PRIVATE_KEYRING"
SECRET_SERVICE_BACKEND = "keyring.backends.SecretService.Keyring"
CONSUMER = "demo-consumer"
PLAIN_TOKEN, BUREAU_TOKEN = "demo-all", "demo-accountant"
PLAIN_ID, BUREAU_ID = "soakplain", "soakbureau"
CI_SEED = 20261201
#: Reports are dated in this year (the simulator's rates cover 2024-2026); never "today".
YEAR = 2026


# --- command line ---------------------------------------------------------------------------------------


def parse_args(argv: list[str]) -> argparse.Namespace:
    """The soak's options; --ci is the small seeded run CI uses."""
    p = argparse.ArgumentParser(prog="python3 dev.py soak", description=__doc__.splitlines()[0])
    p.add_argument("--ci", action="store_true", help="the CI variant: 50 reports, fixed seed, 8-minute bound")
    p.add_argument("--reports", type=int, help="how many reports (default 1000; --ci 50)")
    p.add_argument("--seed", type=int, help="the random seed (default: random, printed; --ci fixed)")
    p.add_argument("--timeout", type=float, default=2.0, help="the client's HTTP timeout in seconds (2)")
    p.add_argument(
        "--max-seconds", type=float, help="stop the sync loop after this long (default 3600; --ci 480)"
    )
    p.add_argument(
        "--stall-seconds", type=float, default=120.0, help="stop when nothing changed for this long (120)"
    )
    p.add_argument("--no-faults", action="store_true", help="no faults and no kills (a control run)")
    p.add_argument("--workdir", help="keep everything in this folder (default: a temporary one, removed)")
    p.add_argument("--json", metavar="FILE", help="also write the figures as JSON to FILE")
    args = p.parse_args(argv)
    if args.reports is None:
        args.reports = 50 if args.ci else 1000
    if args.seed is None:
        args.seed = CI_SEED if args.ci else random.SystemRandom().randrange(1, 10**9)
    if args.max_seconds is None:
        # CI: about three minutes on a quiet machine; the bound leaves room for a busy one (a stranded report is
        # caught by the stall rule or by the audit, not by the bound)
        args.max_seconds = 480.0 if args.ci else 3600.0
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the soak inside a private Secret Service (re-executing under dbus-run-session when needed)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    if not os.environ.get(IN_KEYRING_ENV):
        return _in_private_keyring(argv)
    return Soak(args).run()


def _in_private_keyring(argv: list[str]) -> int:
    """Re-run this command in a fresh D-Bus session with an unlocked gnome-keyring in a temporary folder."""
    if not (shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon")):
        print("the soak needs dbus-run-session and gnome-keyring-daemon (apt-get install dbus gnome-keyring)")
        return 1
    with tempfile.TemporaryDirectory(prefix="tdk-soak-keyring-") as data_home:
        env = dict(
            os.environ,
            XDG_DATA_HOME=data_home,
            PYTHON_KEYRING_BACKEND=SECRET_SERVICE_BACKEND,
            **{IN_KEYRING_ENV: "1"},
        )
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        script = (
            "echo -n tripletex-desktop-soak | gnome-keyring-daemon --unlock --components=secrets >/dev/null"
            ' && exec "$0" -m tests.soak "$@"'
        )
        return subprocess.call(
            ["dbus-run-session", "--", "sh", "-c", script, sys.executable, *argv], env=env, cwd=ROOT
        )


def app_command() -> list[str]:
    """`tripletex-desktop` as installed next to this Python, else `python -m tripletex_desktop`."""
    script = Path(sys.executable).with_name("tripletex-desktop")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tripletex_desktop"]


# --- the sync under test --------------------------------------------------------------------------------


class SyncRunner:
    """Starts `tripletex-desktop sync` and kills it with SIGKILL on request (from the proxy or a timer)."""

    def __init__(self, config_dir: Path, env: dict[str, str], log_dir: Path) -> None:
        self.command = [*app_command(), "sync", "--json", "--config-dir", str(config_dir)]
        self.env = env
        self.log_dir = log_dir
        self._proc: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self.killed_by: str | None = None

    def kill(self, why: str = "proxy") -> bool:
        """SIGKILL the running sync; True when one was running."""
        with self._lock:
            proc = self._proc
            if proc is None or proc.poll() is not None or self.killed_by is not None:
                return False
            os.kill(proc.pid, signal.SIGKILL)
            self.killed_by = why
            return True

    def run(self, number: int, kill_after: float | None, bound: float) -> int:
        """One sync run (its output kept in the log folder); the exit status (-9 when killed)."""
        out = (self.log_dir / f"sync-{number:04d}.txt").open("wb")
        with self._lock:
            self.killed_by = None
            self._proc = subprocess.Popen(
                self.command, stdout=out, stderr=subprocess.STDOUT, env=self.env, cwd=ROOT
            )
        timer = threading.Timer(kill_after, self.kill, args=("timer",)) if kill_after else None
        if timer:
            timer.daemon = True
            timer.start()
        try:
            code = self._proc.wait(timeout=bound)
        except subprocess.TimeoutExpired:
            self.kill("bound")
            code = self._proc.wait()
        finally:
            if timer:
                timer.cancel()
            out.close()
        return code


# --- the soak -------------------------------------------------------------------------------------------


@dataclasses.dataclass
class Figures:
    """Everything the soak prints."""

    seed: int
    reports: int
    by_connection: dict[str, int]
    rounds: int = 0
    kills: Counter[str] = dataclasses.field(default_factory=Counter)
    faults: Counter[str] = dataclasses.field(default_factory=Counter)
    requests: int = 0
    writes_forwarded: int = 0
    session_tokens: int = 0
    converged: bool = False
    stop_reason: str = ""
    seconds: float = 0.0
    audit: AuditResult | None = None
    local_states: Counter[str] = dataclasses.field(default_factory=Counter)
    leaks: list[str] = dataclasses.field(default_factory=list)


class Soak:
    """One soak run (see the module docstring)."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.rng = random.Random(args.seed)
        self.keep = args.workdir is not None
        self.work = Path(args.workdir or tempfile.mkdtemp(prefix="tdk-soak-"))
        self.work.mkdir(parents=True, exist_ok=True)
        self.home = self.work / "home"
        self.logs = self.work / "sync-output"
        self.logs.mkdir(exist_ok=True)
        self.receipts = self.work / "receipts"
        self.receipts.mkdir(exist_ok=True)
        self.sim_proc: subprocess.Popen[str] | None = None

    # -- set-up --

    def start_simulator(self) -> str:
        """`tripletex-desktop simulator --port 0` in its own process; its base URL."""
        self.sim_proc = subprocess.Popen(
            [*app_command(), "simulator", "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            cwd=ROOT,
            env=dict(os.environ),
        )
        assert self.sim_proc.stdout is not None
        first = self.sim_proc.stdout.readline()
        if "http://" not in first:
            raise SystemExit(f"the simulator did not start: {first!r}")
        threading.Thread(target=self.sim_proc.stdout.read, daemon=True).start()  # drain the token list
        return first.split(" at ", 1)[1].strip()

    def run(self) -> int:
        """Set up, soak, audit, print; 0 when Tripletex holds every report exactly once and all agree."""
        started = time.monotonic()
        args = self.args
        sim_url = self.start_simulator()
        plan = FaultPlan(seed=args.seed, client_timeout_s=args.timeout, enabled=False)
        proxy = FaultProxy(sim_url.rsplit("/v2", 1)[0], plan)
        try:
            figures = self._soak(sim_url, proxy, plan, started)
        finally:
            proxy.close()
            if self.sim_proc is not None:
                self.sim_proc.terminate()
                self.sim_proc.wait(timeout=30)
        print_figures(figures, args)
        if args.json:
            Path(args.json).write_text(json.dumps(figures_json(figures), indent=2) + "\n", encoding="utf-8")
        ok = figures.converged and figures.audit is not None and figures.audit.clean and not figures.leaks
        if not self.keep:
            shutil.rmtree(self.work, ignore_errors=True)
        else:
            print(f"everything is kept in {self.work}")
        return 0 if ok else 1

    def _soak(self, sim_url: str, proxy: FaultProxy, plan: FaultPlan, started: float) -> Figures:

        args = self.args
        plain_reader = DirectReader(sim_url, CONSUMER, PLAIN_TOKEN)
        bureau_reader = DirectReader(sim_url, CONSUMER, BUREAU_TOKEN)
        who = plain_reader.get("/token/session/>whoAmI")["value"]
        own_company = int(who["companyId"])
        clients = {int(c["id"]): str(c["name"]) for c in bureau_reader.values("/company/>withLoginAccess")}
        store = TokenStore()
        store.ensure_secure()
        context = build_context(self.home, token_store=store)
        try:
            self._configure(context, proxy.base_url, own_company, clients)
            # The grace period after an unanswered write, from what this soak's proxy can do: a write call stays
            # open at most two rate-limit windows, the connect and twice the timeout; a held request reaches
            # Tripletex at most 4x the timeout after it was sent (core.transfer.timing).
            client_limit = math.ceil(2 * plan.rate_window_s + 3 * args.timeout + 2)
            server_limit = math.ceil(4 * args.timeout + 2)
            env = dict(
                os.environ,
                **{
                    REQUEST_TIMEOUT_ENV: str(args.timeout),
                    CLIENT_LIMIT_ENV: str(client_limit),
                    SERVER_LIMIT_ENV: str(server_limit),
                },
                PYTHON_KEYRING_BACKEND=SECRET_SERVICE_BACKEND,
                LANG="nb_NO.UTF-8",
            )
            runner = SyncRunner(self.home, env, self.logs)
            first = runner.run(0, None, bound=600)
            if first not in (0, 2):
                raise SystemExit(f"the first sync failed ({first}): see {self.logs / 'sync-0000.txt'}")
            self._map_categories(context)
            expected = self._make_reports(context, own_company, clients)
            figures = Figures(
                args.seed,
                len(expected),
                dict(Counter(e.connection_id for e in expected)),
            )
            (self.work / "expected.json").write_text(
                json.dumps([dataclasses.asdict(e) for e in expected], indent=1), encoding="utf-8"
            )
            plan.enabled = not args.no_faults
            proxy.kill = (lambda: runner.kill("proxy")) if not args.no_faults else (lambda: False)
            self._loop(context, runner, proxy, figures, started)
            plan.enabled = False
            proxy.wait_for_late_requests(timeout=60 + 10 * args.timeout)
            stats = proxy.stats
            figures.faults = Counter(stats.faults)
            figures.kills.update(stats.kills)
            figures.requests = stats.requests
            figures.writes_forwarded = stats.writes_forwarded
            figures.session_tokens = len(stats.session_tokens)
            view = TripletexView()
            for reader, contexts in (
                (plain_reader, {own_company: 0}),
                (bureau_reader, {cid: cid for cid in clients if cid != own_company}),
            ):
                part = read_tripletex(reader, contexts)
                view.reports.update(part.reports)
                view.mileage.update(part.mileage)
                view.per_diem.update(part.per_diem)
                view.costs.update(part.costs)
            figures.leaks = self._leak_scan(stats.session_tokens, set(clients) | {own_company})
            local = self._local_states(context)
            figures.local_states = Counter(s.state for s in local.values())
            figures.audit = audit(expected, view, local)
            figures.seconds = time.monotonic() - started
            return figures
        finally:
            context.close()
            plain_reader.close()
            bureau_reader.close()

    def _configure(self, context: Any, proxy_url: str, own_company: int, clients: dict[int, str]) -> None:

        plain = ConnectionSettings(
            id=PLAIN_ID,
            label="Fjordlys (soak)",
            environment="custom",
            base_url=proxy_url,
            companies=[CompanySettings(id=own_company, name=clients.get(own_company, "Fjordlys Reiser AS"))],
            sync=SyncOptions(interval="manual", deliver_reports=True),
        )
        bureau = ConnectionSettings(
            id=BUREAU_ID,
            label="Tallknuser (soak)",
            environment="custom",
            base_url=proxy_url,
            companies=[CompanySettings(id=cid, name=name) for cid, name in clients.items()],
            is_accountant=True,
            sync=SyncOptions(interval="manual", deliver_reports=False),
        )
        context.settings = Settings(connections=[plain, bureau], log_level="DEBUG")
        context.settings_store.save(context.settings)
        for cid, token in ((PLAIN_ID, PLAIN_TOKEN), (BUREAU_ID, BUREAU_TOKEN)):
            context.token_store.set(cid, token)
            context.token_store.set(cid, CONSUMER, kind="consumer")

    def _map_categories(self, context: Any) -> None:
        """Each company's travel mapping from the synced categories, as the wizard's mapping page would."""
        for conn in context.settings.connections:
            companies = []
            for company in conn.companies:
                cats = {
                    r.label: r.tripletex_id
                    for r in context.db.list_reference(conn.id, company.id, "cost_category")
                }
                pays = {
                    r.label: r.tripletex_id
                    for r in context.db.list_reference(conn.id, company.id, "payment_type")
                }
                companies.append(
                    dataclasses.replace(
                        company,
                        mileage_cost_category_id=cats["Bilgodtgjørelse"],
                        per_diem_cost_category_id=cats["Diett"],
                        payment_type_id=pays["Privat utlegg"],
                        toll_cost_category_id=cats.get("Bomavgift"),
                    )
                )
            conn.companies = companies
        context.settings_store.save(context.settings)

    # -- reports --

    def _make_reports(self, context: Any, own_company: int, clients: dict[int, str]) -> list[Expected]:
        """Reports saved, approved and queued through the app's backend, as a user would; what each should
        become in Tripletex."""

        plain = context.settings.connection(PLAIN_ID)
        bureau = context.settings.connection(BUREAU_ID)
        backends = {
            PLAIN_ID: reports_backend_for(context, plain),
            BUREAU_ID: reports_backend_for(context, bureau),
        }
        targets = [(PLAIN_ID, own_company)] * 2 + [(BUREAU_ID, cid) for cid in clients]
        expected = []
        for n in range(self.args.reports):
            connection_id, company_id = self.rng.choice(targets)
            backend = backends[connection_id]
            reference = backend.reference(company_id)
            report, exp = self._report(n, connection_id, company_id, reference)
            backend.save_draft(report)
            backend.approve(report.id)
            backend.store.queue(report.id)
            conn = plain if connection_id == PLAIN_ID else bureau
            expected.append(
                dataclasses.replace(exp, state="DELIVERED" if conn.sync.deliver_reports else "OPEN")
            )
        return expected

    def _report(self, n: int, connection_id: str, company_id: int, reference: Any) -> tuple[Any, Expected]:

        rng = self.rng
        employee = rng.choice(reference.employees).id
        cats = {c.description: c.id for c in reference.cost_categories}
        pays = [p.id for p in reference.payment_types]
        start = dt.date(YEAR, 1, 5) + dt.timedelta(days=rng.randrange(0, 300))
        nights = 0 if rng.random() < 0.5 else rng.randint(1, 3)
        travel = rng.random() < 0.85
        place = rng.choice(("Bergen", "Trondheim", "Stavanger", "Tromsø", "Kristiansand", "Ålesund", "Bodø"))
        title = f"Soak {self.args.seed}-{n:04d} {place}"
        lines: list[Any] = []
        mileage: list[tuple[str, str]] = []
        per_diem: list[int] = []
        days = [start + dt.timedelta(days=d) for d in range(nights + 1)]
        if travel and reference.settings.use_rates and not reference.settings.mileage_not_compensated:
            for _leg in range(rng.randint(0, 2)):
                day = rng.choice(days)
                km = Decimal(rng.randint(50, 4000)) / 10
                passengers = rng.choice((0, 0, 1, 2))
                names = tuple(f"Passasjer {i + 1}" for i in range(passengers)) if rng.random() < 0.5 else ()
                lines.append(
                    MileageLine(day, "Oslo", place, km, passengers=passengers, passenger_names=names)
                )
                mileage.append((day.isoformat(), amount_text(km)))
                if passengers:
                    mileage.append((day.isoformat(), amount_text(km)))
        if travel and reference.settings.use_rates and not reference.settings.per_diem_not_compensated:
            lines.append(
                PerDiemLine(
                    1,
                    start,
                    accommodation=Accommodation.HOTEL if nights else Accommodation.NONE,
                    lunch_deduction=rng.random() < 0.3,
                )
            )
            per_diem.append(1)
        costs: list[tuple[str, str]] = []
        receipts = 0
        for i in range(rng.randint(0 if lines else 1, 3)):
            category = rng.choice(("Taxi", "Parkering", "Fly", "Tog", "Hotell", "Kost"))
            amount = Decimal(rng.randint(5000, 500000)) / 100
            text = f"soak:{self.args.seed}-{n}-{i}"
            receipt = None
            if rng.random() < 0.4:
                suffix = rng.choice((".png", ".pdf"))
                path = self.receipts / f"r{n}-{i}{suffix}"
                head = b"\x89PNG\r\n\x1a\n" if suffix == ".png" else b"%PDF-1.4\n"
                path.write_bytes(head + rng.randbytes(rng.randint(200, 4000)))
                receipt = str(path)
                receipts += 1
            lines.append(
                CostLine(
                    rng.choice(days),
                    cats[category],
                    amount,
                    rng.choice(pays),
                    comment=f"{category} {text}",
                    receipt_path=receipt,
                )
            )
            costs.append((amount_text(amount), text))
        depart = dt.datetime.combine(start, dt.time(rng.randint(6, 9), rng.choice((0, 15, 30, 45))))
        back = dt.datetime.combine(days[-1], dt.time(rng.randint(17, 21), rng.choice((0, 30))))
        report = TravelReport(
            connection_id=connection_id,
            company_id=company_id,
            employee_id=employee,
            title=title,
            departure_at=depart if travel else None,
            return_at=back if travel else None,
            purpose="Kundebesøk" if travel else "",
            departure_from="Oslo" if travel else "",
            destination=place if travel else "",
            is_day_trip=nights == 0,
            kind=ReportKind.TRAVEL if travel else ReportKind.EMPLOYEE_EXPENSE,
            lines=tuple(lines),
        )
        exp = Expected(
            report_id=str(report.id),
            connection_id=connection_id,
            company_id=company_id,
            title=title,
            mileage=tuple(mileage),
            per_diem=tuple(per_diem),
            costs=tuple(costs),
            attachments=receipts,
            state="",
        )
        return report, exp

    # -- the loop --

    def _loop(
        self, context: Any, runner: SyncRunner, proxy: FaultProxy, figures: Figures, started: float
    ) -> None:
        args = self.args
        last_change = time.monotonic()
        previous = self._local_states(context)
        number = 0
        while True:
            number += 1
            kill_after = None
            if not args.no_faults and self.rng.random() < 0.25:
                kill_after = self.rng.uniform(0.2, 6.0)
            code = runner.run(number, kill_after, bound=max(300.0, 60 * args.timeout))
            if runner.killed_by == "timer":
                figures.kills["random_moment"] += 1
            elif runner.killed_by == "bound":
                figures.kills["hung_run"] += 1
            del code
            figures.rounds = number
            now_states = self._local_states(context)
            if now_states != previous:
                previous, last_change = now_states, time.monotonic()
            pending = [s for s in now_states.values() if s.state != "sent"]
            if not pending and proxy.stats.in_flight_late == 0:
                figures.converged, figures.stop_reason = True, "outbox empty"
                return
            if time.monotonic() - started > args.max_seconds:
                figures.stop_reason = f"time bound ({args.max_seconds:.0f} s) with {len(pending)} not sent"
                return
            if time.monotonic() - last_change > args.stall_seconds and runner.killed_by is None:
                figures.stop_reason = (
                    f"nothing changed for {args.stall_seconds:.0f} s with {len(pending)} not sent (stranded)"
                )
                return

    def _leak_scan(self, session_tokens: set[str], company_ids: set[int]) -> list[str]:
        """Every file the app wrote and everything `sync` printed, searched for the employee tokens and each
        session token the proxy saw (tests/security/leakscan.py: raw, URL-encoded, base64, Basic)."""
        secrets = {"employee token (plain)": PLAIN_TOKEN, "employee token (bureau)": BUREAU_TOKEN}
        secrets.update({f"session {i}": token for i, token in enumerate(sorted(session_tokens))})
        scanner = Scanner(secrets, usernames={"0", "", *map(str, company_ids)})
        hits = []
        for root in (self.home, self.logs):
            found, _files = scanner.scan_tree(root)
            hits.extend(f"{root.name}/{h.where}: {h.secret} ({h.encoding})" for h in found)
        return hits

    @staticmethod
    def _local_states(context: Any) -> dict[str, LocalState]:

        rows = ReportStore(context.db).list_reports(limit=1_000_000)
        return {str(r.id): LocalState(r.state, r.tripletex_id, r.tripletex_state) for r in rows}


# --- output ---------------------------------------------------------------------------------------------


def figures_json(f: Figures) -> dict[str, Any]:
    """The figures as JSON."""
    return {
        "seed": f.seed,
        "reports": f.reports,
        "by_connection": f.by_connection,
        "sync_runs": f.rounds,
        "kills": dict(f.kills),
        "kills_total": sum(f.kills.values()),
        "faults": dict(f.faults),
        "faults_total": sum(f.faults.values()),
        "requests": f.requests,
        "writes_reaching_tripletex": f.writes_forwarded,
        "session_tokens_seen": f.session_tokens,
        "converged": f.converged,
        "stop_reason": f.stop_reason,
        "seconds": round(f.seconds, 1),
        "local_states": dict(f.local_states),
        "token_leaks": len(f.leaks),
        "audit": f.audit.as_json() if f.audit else None,
    }


def print_figures(f: Figures, args: argparse.Namespace) -> None:
    """The soak's figures in plain words."""
    a = f.audit or AuditResult()
    kills = ", ".join(f"{k} {v}" for k, v in sorted(f.kills.items())) or "none"
    faults = ", ".join(f"{k} {v}" for k, v in sorted(f.faults.items())) or "none"
    print(
        f"fault soak: seed {f.seed}, {f.reports} reports ({f.by_connection}), client timeout {args.timeout:g} s"
    )
    print(f"  sync runs: {f.rounds}; stopped: {f.stop_reason}; {f.seconds:.0f} s")
    print(f"  kills (SIGKILL): {sum(f.kills.values())} ({kills})")
    print(f"  faults: {sum(f.faults.values())} ({faults})")
    print(f"  requests through the proxy: {f.requests}; writes that reached Tripletex: {f.writes_forwarded}")
    print(f"  outbox at the end: {dict(f.local_states)}")
    print(
        f"  Tripletex: reports {a.reports}, exactly once {a.found_once}, duplicates {a.duplicates},"
        f" duplicate lines {a.duplicate_lines}, lost {a.lost}, lines that differ {a.lines_differ},"
        f" local-vs-Tripletex state mismatches {a.state_mismatches}, stranded {a.stranded}"
    )
    print(f"  token leaks in files and output: {len(f.leaks)}")
    for leak in f.leaks[:10]:
        print(f"    leak: {leak}")
    kinds = Counter(finding.kind for finding in a.findings)
    if kinds:
        print("  findings: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    shown = a.findings[:25]
    for finding in shown:
        print(f"    {finding.kind}: {finding.title} ({finding.report_id[:8]}): {finding.detail}")
    if len(a.findings) > len(shown):
        print(f"    ... and {len(a.findings) - len(shown)} more findings")
    verdict = "PASS" if f.converged and a.clean and not f.leaks else "FAIL"
    print(f"  {verdict}: never twice, never lost, no human in the loop")
