"""The simulator: a WSGI app answering like Tripletex API v2 (sessions, permissions, lists, travel writes)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from email.utils import format_datetime
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote
from zoneinfo import ZoneInfo

import httpx

from . import (
    persist,
    routes,  # noqa: F401 - imported for its side effect: every handler registers its route
)
from .context import Ctx, LoggedRequest, Session
from .demo import DEMO_BASE_URL, DEMO_CONSUMER_TOKEN, DEMO_TOKENS, seed_travel
from .dispatch import dispatch, error_reply, mask_path, mask_query
from .domain import ApiFail
from .echo import Echo
from .faults import ConnectionDropped, Faults
from .quirks import Quirks
from .seed import (
    COMPANIES,
    PERMISSION_KEYS,
    Ids,
    Scale,
    TokenInfo,
    build_company,
    build_shared,
    client_seed,
    scale_company,
)
from .store import CompanyData, Table
from .world import World

__all__ = [
    "DEMO_BASE_URL",
    "DEMO_CONSUMER_TOKEN",
    "DEMO_TOKENS",
    "LoggedRequest",
    "Simulator",
    "SimulatorTransport",
]

log = logging.getLogger(__name__)

OSLO = ZoneInfo("Europe/Oslo")


class Simulator(World):
    """A faithful local Tripletex API v2 (see the package docstring for the public surface)."""

    def __init__(
        self,
        *,
        scale: Scale | None = None,
        today: Callable[[], dt.date] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        environment: str = "production",
        monotonic: Callable[[], float] = time.monotonic,
        state_file: Path | None = None,
        now: Callable[[], dt.datetime] | None = None,
    ) -> None:
        """`state_file`: keep the mutable state (travel expenses, their lines and attachments, report numbers,
        the id counter, permissions) in this JSON file: loaded now, rewritten atomically after every committed
        write. An unusable file is renamed to `<name>.corrupt` and the simulator starts from the seed data.
        """
        if state_file is not None and scale is not None:
            raise ValueError("a persisted simulator cannot have scale-generated rows")
        self.today = today or (lambda: dt.datetime.now(OSLO).date())
        #: The server clock behind every answer's `Date` header; by default today's date at this moment's
        #: time of day in Oslo, so the header agrees with an injected `today`.
        self.now = now or (lambda: dt.datetime.combine(self.today(), dt.datetime.now(OSLO).timetz()))
        self.sleep = sleep
        self.monotonic = monotonic
        self.environment = environment
        self.faults = Faults()
        self.echo = Echo()
        self.quirks = Quirks()
        self.request_log: list[LoggedRequest] = []
        self._lock = threading.RLock()
        self._ids = Ids()
        self.shared: dict[str, Table] = build_shared(self._ids)
        self.companies: dict[int, CompanyData] = {}
        for seed in COMPANIES:
            company = build_company(self._ids, seed)
            self.companies[company.id] = company
        fjordlys, hansen, nordlys, tallknuser, solsiden = self.companies.values()
        self._numbers: dict[int, int] = {}
        seed_travel(self, fjordlys, hansen, nordlys)
        extra_clients: list[int] = []
        if scale is not None:
            scale_company(self._ids, fjordlys, scale)
            for n in range(1, scale.clients + 1):
                client = build_company(self._ids, client_seed(n, scale.employees_per_client))
                self.companies[client.id] = client
                extra_clients.append(client.id)
        self.sessions: dict[str, Session] = {}  # keyed by a hash of the session token, never the token
        self.tokens: dict[str, TokenInfo] = {}
        emp = {c.id: list(c.employees) for c in (fjordlys, hansen, nordlys, tallknuser, solsiden)}
        every = set(PERMISSION_KEYS)
        demo = [
            ("demo-all", fjordlys.id, emp[fjordlys.id][0], every, ()),
            (
                "demo-limited",
                fjordlys.id,
                emp[fjordlys.id][1],
                every - {"travel_all", "project_settings", "employee_read"},
                (),
            ),
            ("demo-enk", hansen.id, emp[hansen.id][0], every, ()),
            (
                "demo-accountant",
                tallknuser.id,
                emp[tallknuser.id][0],
                every,
                (fjordlys.id, hansen.id, nordlys.id, *extra_clients),
            ),
            ("demo-expired", fjordlys.id, emp[fjordlys.id][0], every, ()),
            ("demo-noproject", solsiden.id, emp[solsiden.id][0], every, ()),
        ]
        for name, company_id, employee_id, perms, clients in demo:
            token = name if environment == "production" else f"test-{name}"
            self.tokens[token] = TokenInfo(
                token,
                DEMO_TOKENS[name],
                company_id,
                employee_id,
                set(perms),
                tuple(clients),
                environment,
                name == "demo-expired",
                self._ids(),
            )
        other = "test" if environment == "production" else "production"
        wrong = "test-demo" if environment == "production" else "demo-wrong-environment"
        self.tokens[wrong] = TokenInfo(
            wrong,
            DEMO_TOKENS["test-demo"],
            fjordlys.id,
            emp[fjordlys.id][0],
            every,
            (),
            other,
            False,
            self._ids(),
        )
        self._consumer_id = self._ids()
        self.state_file = state_file
        self._permission_changes = 0
        self._seed_fingerprint = ""
        if state_file is not None:
            self._seed_fingerprint = persist.fingerprint(self._export(""), environment)
            self._load_state(state_file)

    # --- public helpers -------------------------------------------------------------------------------

    def company(self, company_id: int) -> CompanyData:
        """A company's data (for test assertions)."""
        return self.companies[company_id]

    def company_by_name(self, name: str) -> CompanyData:
        """A company by (the start of) its name."""
        return next(c for c in self.companies.values() if c.company["name"].startswith(name))

    def token_info(self, token: str) -> TokenInfo:
        """What the simulator knows about an employee token."""
        return self.tokens[token]

    def grant(self, token: str, *permission_keys: str) -> None:
        """Give the token more permissions (keys from docs/permissions.md)."""
        with self._lock:
            self.tokens[token].permissions.update(_check_keys(permission_keys))
            self._permission_changes += 1
            self.save_state()

    def revoke(self, token: str, *permission_keys: str) -> None:
        """Take permissions from the token."""
        with self._lock:
            self.tokens[token].permissions.difference_update(_check_keys(permission_keys))
            self._permission_changes += 1
            self.save_state()

    def disable_module(self, company: int | str, module: str) -> None:
        """The company no longer has a Tripletex module ("project", "travel"): its reads answer 403/9000."""
        with self._lock:
            target = self.companies[company] if isinstance(company, int) else self.company_by_name(company)
            target.inactive_modules.add(module)

    def expire_employee_token(self, token: str) -> None:
        """The token expires: new sessions get 401, and running sessions made from it too."""
        with self._lock:
            self.tokens[token].expired = True

    # --- persistence ------------------------------------------------------------------------------------

    def export_state(self) -> dict[str, Any]:
        """The mutable state as a JSON-ready document (what `state_file` holds)."""
        with self._lock:
            return self._export(self._seed_fingerprint)

    def _export(self, seed: str) -> dict[str, Any]:
        permissions = {info.id: info.permissions for info in self.tokens.values()}
        return persist.export(self._ids.next, self._numbers, self.companies, permissions, seed)

    def save_state(self) -> None:
        """Write the state file now (atomically); a failure is logged, the in-memory state stays."""
        if self.state_file is None:
            return
        with self._lock:
            try:
                persist.write_atomic(self.state_file, persist.dumps(self.export_state()))
            except (OSError, TypeError, ValueError):
                log.exception("saving the simulator state to %s failed", self.state_file)

    def _commit_mark(self) -> tuple[int, ...]:
        """Changes whenever a write commits (table writes bump their company's revision)."""
        return (self._permission_changes, *(c.revision for c in self.companies.values()))

    def _load_state(self, path: Path) -> None:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return
        except (OSError, ValueError) as exc:  # ValueError: not UTF-8
            self._keep_aside(path, f"unreadable ({type(exc).__name__})")
            return
        token_ids = {info.id for info in self.tokens.values()}
        try:
            saved = persist.parse(
                text,
                seed=self._seed_fingerprint,
                min_next_id=self._ids.next,
                company_ids=set(self.companies),
                token_ids=token_ids,
            )
        except persist.StateUnusable as exc:
            self._keep_aside(path, str(exc))
            return
        for cid, tables in saved.tables.items():
            company = self.companies[cid]
            for name, rows in tables.items():
                table = Table(company.touch)
                for rid, row in rows.items():
                    table[rid] = row
                company.tables[name] = table
            company.revision = saved.revisions[cid]
        self._numbers = dict(saved.numbers)
        self._ids.advance_to(saved.next_id)
        for info in self.tokens.values():
            if info.id in saved.permissions:
                info.permissions = set(saved.permissions[info.id])
        log.info("simulator state loaded from %s", path)

    @staticmethod
    def _keep_aside(path: Path, why: str) -> None:
        try:
            kept = persist.keep_aside(path)
        except OSError:
            log.exception("simulator state file %s is unusable (%s) and could not be moved aside", path, why)
            return
        log.warning(
            "simulator state file was unusable (%s); starting from the demo data, old file kept as %s",
            why,
            kept,
        )

    def transport(self) -> httpx.BaseTransport:
        """An in-process transport; simulated drops surface as httpx.ConnectError / RemoteProtocolError."""
        return SimulatorTransport(self)

    def http_client(self, **kwargs: Any) -> httpx.Client:
        """An httpx.Client on DEMO_BASE_URL wired to this simulator in-process."""
        kwargs.setdefault("base_url", DEMO_BASE_URL)
        kwargs.setdefault("transport", self.transport())
        return httpx.Client(**kwargs)

    # --- WSGI -------------------------------------------------------------------------------------------

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        """The WSGI entry point."""
        request_id = str(uuid.uuid4())
        method = environ["REQUEST_METHOD"].upper()
        path = unquote(environ.get("PATH_INFO") or "/")
        if path.startswith("/v2/") or path == "/v2":
            path = path[3:] or "/"
        query = dict(parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True))
        headers = {k[5:].replace("_", "-").lower(): v for k, v in environ.items() if k.startswith("HTTP_")}
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        if environ.get("CONTENT_TYPE"):
            headers["content-type"] = environ["CONTENT_TYPE"]
        host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "localhost")
        ctx = Ctx(method, path, query, headers, body, f"{environ.get('wsgi.url_scheme', 'http')}://{host}/v2")
        if self.faults.latency_s > 0:
            self.sleep(self.faults.latency_s)
        with self._lock:
            entry = LoggedRequest(method, mask_path(path), mask_query(query), None, None)
            self.request_log.append(entry)
            allowed, rate_headers = self.faults.count_request(self.monotonic)
            drop = self.faults.take_drop(method, path) if allowed else None
            if drop == "before_commit":
                raise ConnectionDropped(drop)
            fail = self.faults.take_fail(method, path) if allowed else None
            if not allowed:
                reply = error_reply(ApiFail(429, 429, "For mange forespørsler. Prøv igjen senere."))
            elif fail is not None:
                reply = error_reply(ApiFail(fail, 1000 if fail >= 500 else fail, "Simulert feil."))
            else:
                mark = self._commit_mark()
                reply = dispatch(self, ctx)
                if self.state_file is not None and self._commit_mark() != mark:
                    self.save_state()  # before answering (or dropping): a committed write is on disk
            entry.status, entry.username = reply.status, ctx.username
            if drop == "after_commit":
                raise ConnectionDropped(drop)
        if isinstance(reply.body, dict) and "status" in reply.body and "requestId" in reply.body:
            reply.body["requestId"] = request_id
        out_headers = {
            "x-tlx-request-id": request_id,
            "Date": format_datetime(self.now().astimezone(dt.UTC), usegmt=True),
            **rate_headers,
            **reply.headers,
        }
        if reply.status == 304 or reply.body is None:
            payload = b""
        elif isinstance(reply.body, bytes):
            payload = reply.body
        else:
            payload = json.dumps(reply.body, ensure_ascii=False, separators=(",", ":")).encode()
            out_headers["Content-Type"] = "application/json; charset=utf-8"
        out_headers["Content-Length"] = str(len(payload))
        start_response(f"{reply.status} {HTTPStatus(reply.status).phrase}", list(out_headers.items()))
        return [payload]


def _check_keys(keys: Iterable[str]) -> set[str]:
    unknown = set(keys) - set(PERMISSION_KEYS)
    if unknown:
        raise ValueError(f"unknown permission keys: {sorted(unknown)}")
    return set(keys)


class SimulatorTransport(httpx.BaseTransport):
    """httpx.WSGITransport over the simulator, turning simulated drops into httpx exceptions."""

    def __init__(self, sim: Simulator) -> None:
        self._inner = httpx.WSGITransport(app=sim)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Forward in-process."""
        try:
            return self._inner.handle_request(request)
        except ConnectionDropped as exc:
            if exc.when == "before_commit":
                raise httpx.ConnectError("Simulated connection failure", request=request) from None
            raise httpx.RemoteProtocolError(
                "Server disconnected without sending a response.", request=request
            ) from None
