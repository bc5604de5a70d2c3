"""Hostile environments for a real `tripletex-desktop` process: an app folder with a connection to the simulator on
loopback, a report waiting in the outbox, and ways to run the app where the disk is full (a tiny tmpfs), a folder
is read-only (a read-only bind mount, which root cannot write through either), the keyring is missing, or the
network and TLS misbehave. Then: what it printed, its exit code, and what the outbox and Tripletex hold.

Mounts happen in a private mount namespace (`unshare -m` as root, `unshare -rm` otherwise), so nothing outside the
test sees them and nothing is left mounted.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import shutil
import socket
import ssl
import struct
import subprocess
import sys
import threading
import uuid
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler

import trustme

from tests.support.file_keyring import KEYRING_FILE_ENV, FileKeyring
from tripletex_desktop.app.context import AppContext, build_context
from tripletex_desktop.cli.sync import main as sync_main
from tripletex_desktop.core.transfer import report_marker
from tripletex_desktop.core.travel import CostLine, MileageLine, PerDiemLine, TravelReport
from tripletex_desktop.services.reports import reports_backend_for
from tripletex_desktop.simulator import DEMO_CONSUMER_TOKEN, Simulator
from tripletex_desktop.simulator.server import ThreadingWSGIServer
from tripletex_desktop.storage.reports import ReportStore
from tripletex_desktop.storage.secrets import TokenStore
from tripletex_desktop.storage.settings import CompanySettings, ConnectionSettings, Settings, SyncOptions

ROOT = Path(__file__).resolve().parents[2]
CONNECTION = "hostile1"
TOKEN = "demo-all"
FILE_KEYRING = "tests.support.file_keyring.FileKeyring"
SECRET_SERVICE = "keyring.backends.SecretService.Keyring"
NO_KEYRING = "keyring.backends.fail.Keyring"
#: Lines a process prints when a Python error escaped (never acceptable output of the app).
TRACEBACK_MARKS = ("Traceback (most recent call last)", "--- Logging error ---")


def app_command() -> list[str]:
    """`tripletex-desktop` next to this Python, else `python -m tripletex_desktop`."""
    script = Path(sys.executable).with_name("tripletex-desktop")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tripletex_desktop"]


@dataclass(frozen=True)
class Run:
    """One finished app process."""

    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        """Both streams."""
        return self.stdout + self.stderr

    def assert_clean(self) -> None:
        """No Python error escaped."""
        for mark in TRACEBACK_MARKS:
            assert mark not in self.output, self.output


@dataclass
class AppHome:
    """An app folder (`--config-dir`) holding one connection to the simulator and its keyring file."""

    root: Path
    keyring_file: Path
    base_url: str
    company_id: int
    #: the keyring backend the app process uses (PYTHON_KEYRING_BACKEND)
    keyring: str = FILE_KEYRING

    def env(self, lang: str = "nb", **extra: str) -> dict[str, str]:
        """The environment of an app process: the file keyring, the language, no proxy from the caller."""
        env = {
            k: v
            for k, v in os.environ.items()
            if k.lower() not in ("http_proxy", "https_proxy", "all_proxy", "no_proxy")
        }
        env.update(
            PYTHON_KEYRING_BACKEND=self.keyring,
            PYTHONPATH=str(ROOT),
            LANG="nb_NO.UTF-8" if lang == "nb" else "en_US.UTF-8",
            QT_QPA_PLATFORM="offscreen",
            **{KEYRING_FILE_ENV: str(self.keyring_file)},
        )
        env.update(extra)
        return env

    def command(self, *args: str, lang: str = "nb") -> list[str]:
        """The app's command line: `--config-dir` and `--lang` before the subcommand."""
        return [*app_command(), "--config-dir", str(self.root), "--lang", lang, *args]

    def run(
        self,
        *args: str,
        lang: str = "nb",
        env: dict[str, str] | None = None,
        stdin: str = "",
        timeout: float = 120,
    ) -> Run:
        """Run the app once and wait for it."""
        done = subprocess.run(
            self.command(*args, lang=lang),
            input=stdin,
            capture_output=True,
            text=True,
            env=env or self.env(lang),
            cwd=ROOT,
            timeout=timeout,
            check=False,
        )
        return Run(done.returncode, done.stdout, done.stderr)

    # -- what the app holds --

    def token_store(self) -> TokenStore:
        """The token store the app process sees (the keyring file, or the Secret Service)."""
        if self.keyring == SECRET_SERVICE:
            from keyring.backends import SecretService  # only where a Secret Service runs (dbus)

            return TokenStore(SecretService.Keyring())
        return TokenStore(FileKeyring(self.keyring_file))

    def context(self) -> AppContext:
        """The app's context on this folder, in this process, with the same keyring."""
        return build_context(self.root, token_store=self.token_store())

    def outbox(self) -> dict[str, tuple[str, str | None]]:
        """Report id -> (outbox state, the last error's code)."""
        context = self.context()
        try:
            rows = ReportStore(context.db).list_reports(limit=10_000)
            return {str(r.id): (r.state, r.last_error.code if r.last_error else None) for r in rows}
        finally:
            context.close()

    def file_bytes(self) -> dict[str, bytes]:
        """Every file under the folder, by relative path (logs left out: they may grow)."""
        return {
            str(p.relative_to(self.root)): p.read_bytes()
            for p in sorted(self.root.rglob("*"))
            if p.is_file() and "logs" not in p.relative_to(self.root).parts
        }


@dataclass
class Served:
    """The simulator, its loopback URL, and a synced app folder to copy (tests/hostile's fixtures)."""

    sim: Simulator
    base_url: str
    template: AppHome


def travel_expenses_with(sim: Simulator, company_id: int, report_id: str) -> list[dict[str, Any]]:
    """Every travel expense in the simulator that carries the report's marker."""
    marker = report_marker(uuid.UUID(report_id))
    data = sim.company(company_id)
    return [
        r
        for r in data.travel_expenses.values()
        if marker in (r.get("title") or "")
        or marker in ((r.get("travelDetails") or {}).get("detailedJourneyDescription") or "")
    ]


def make_home(root: Path, sim: Simulator, base_url: str) -> AppHome:
    """A folder with one connection (its tokens in a keyring file next to it), synced once, its travel mapping
    set; no reports yet."""
    company = next(c for c in sim.companies.values() if c.company.get("name") == "Fjordlys Reiser AS")
    home = AppHome(root / "app", root / "keyring.json", base_url, company.id)
    context = home.context()
    try:
        conn = ConnectionSettings(
            id=CONNECTION,
            label="Fjordlys",
            environment="custom",
            base_url=base_url,
            companies=[CompanySettings(id=company.id, name="Fjordlys Reiser AS")],
            sync=SyncOptions(interval="manual", deliver_reports=True),
        )
        context.settings = Settings(connections=[conn])
        context.settings_store.save(context.settings)
        context.token_store.set(CONNECTION, TOKEN)
        context.token_store.set(CONNECTION, DEMO_CONSUMER_TOKEN, kind="consumer")
        assert sync_main([], context=context, stdout=_Null()) in (0, 2)
        _map_categories(context)
        return home
    finally:
        context.close()


def copy_home(template: AppHome, root: Path) -> AppHome:
    """A copy of `template`'s folder and keyring file under `root` (same connection, same simulator)."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(template.root, root / "app", symlinks=True)
    shutil.copy2(template.keyring_file, root / "keyring.json")
    return dataclasses.replace(template, root=root / "app", keyring_file=root / "keyring.json")


def queue_report(home: AppHome, title: str = "Hostile Bergen") -> str:
    """A day trip (mileage, per diem, a taxi) saved, approved and put in the outbox, as a user would; its id."""
    context = home.context()
    try:
        backend = reports_backend_for(context, context.settings.connection(CONNECTION))
        reference = backend.reference(home.company_id)
        cats = {c.description: c.id for c in reference.cost_categories}
        report = TravelReport(
            connection_id=CONNECTION,
            company_id=home.company_id,
            employee_id=reference.employees[0].id,
            title=title,
            departure_at=dt.datetime(2026, 3, 2, 8, 0),
            return_at=dt.datetime(2026, 3, 2, 18, 0),
            purpose="Kundemøte",
            departure_from="Oslo",
            destination="Bergen",
            is_day_trip=True,
            lines=(
                MileageLine(dt.date(2026, 3, 2), "Oslo", "Gardermoen", Decimal("42.5")),
                PerDiemLine(1, dt.date(2026, 3, 2)),
                CostLine(dt.date(2026, 3, 2), cats["Taxi"], Decimal("250.50"), comment=title),
            ),
        )
        backend.save_draft(report)
        backend.approve(report.id)
        backend.store.queue(report.id)
        return str(report.id)
    finally:
        context.close()


def _map_categories(context: AppContext) -> None:
    """The travel mapping from the synced categories, as the wizard's mapping page would set it."""
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
                )
            )
        conn.companies = companies
    context.settings_store.save(context.settings)


class _Null:
    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


# --- mount namespaces ---------------------------------------------------------------------------------


def unshare_prefix() -> list[str] | None:
    """The command prefix that runs a shell script in a private mount namespace where it may mount, or None when
    this machine allows none (no unshare, or user namespaces refused)."""
    if not shutil.which("unshare"):
        return None
    prefix = ["unshare", "-m"] if os.geteuid() == 0 else ["unshare", "-r", "-m"]
    probe = subprocess.run(
        [
            *prefix,
            "sh",
            "-c",
            "mount -t tmpfs -o size=64k tmpfs /mnt 2>/dev/null || mount -t tmpfs tmpfs /tmp",
        ],
        capture_output=True,
        check=False,
        timeout=30,
    )
    return prefix if probe.returncode == 0 else None


def in_namespace(prefix: list[str], script: str, env: dict[str, str], timeout: float = 300) -> Run:
    """Run `script` (sh) in a private mount namespace; its output and status."""
    done = subprocess.run(
        [*prefix, "sh", "-c", script],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=timeout,
        check=False,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def json_lines(text: str) -> list[Any]:
    """Every line of `text` that is a JSON document."""
    out = []
    for line in text.splitlines():
        try:
            out.append(json.loads(line))
        except ValueError:
            continue
    return out


# --- network ------------------------------------------------------------------------------------------


class ResettingListener:
    """A TCP port on 127.0.0.1 that accepts every connection and resets it at once (SO_LINGER 0): a proxy or a
    firewall that kills connections."""

    def __init__(self) -> None:
        self._socket = socket.create_server(("127.0.0.1", 0))
        self.port = self._socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.accepted = 0
        self._thread = threading.Thread(target=self._serve, name="resetting listener", daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _addr = self._socket.accept()
            except OSError:
                return  # closed
            self.accepted += 1
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            conn.close()

    def close(self) -> None:
        """Stop listening."""
        self._socket.close()
        self._thread.join(timeout=10)


def point_at(home: AppHome, base_url: str) -> None:
    """Change the connection's Tripletex address in the folder's settings (e.g. to a proxy in front)."""
    context = home.context()
    try:
        conn = context.settings.connection(CONNECTION)
        conn.base_url = base_url
        context.settings_store.save(context.settings)
    finally:
        context.close()


# --- TLS ----------------------------------------------------------------------------------------------


class TlsSimulator:
    """The simulator behind HTTPS on 127.0.0.1 with a certificate `trustme` issued (for `hostname`), counting
    the HTTP requests that got through the handshake and the handshakes the client refused."""

    def __init__(self, sim: Simulator, cert: trustme.LeafCert) -> None:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        cert.configure_cert(context)
        owner = self
        self.requests = 0
        self.refused_handshakes = 0

        def app(environ: dict[str, Any], start_response: Any) -> Any:
            owner.requests += 1
            return sim(environ, start_response)

        class Server(ThreadingWSGIServer):
            def get_request(self) -> tuple[socket.socket, Any]:
                raw, addr = self.socket.accept()
                # the handshake runs in the request's thread (on first read), not in the accept loop
                return context.wrap_socket(raw, server_side=True, do_handshake_on_connect=False), addr

            def handle_error(self, request: Any, client_address: Any) -> None:
                if isinstance(sys.exc_info()[1], ssl.SSLError | ConnectionError):
                    owner.refused_handshakes += 1
                    return
                super().handle_error(request, client_address)

        self._server = Server(("127.0.0.1", 0), WSGIRequestHandler)
        self._server.RequestHandlerClass = _QuietHandler
        self._server.set_app(app)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()

    def base_url(self, host: str = "127.0.0.1") -> str:
        """The simulator's API address under `host` (the certificate names the hosts it is valid for)."""
        return f"https://{host}:{self.port}/v2"

    def close(self) -> None:
        """Stop serving."""
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        """No access log (paths can hold session tokens)."""
