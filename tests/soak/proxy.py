"""The soak's fault-injecting HTTP proxy: sits between `tripletex-desktop sync` and the simulator on loopback.

Every request is forwarded to the simulator unless the seeded fault plan says otherwise. The faults are what a
network and a loaded Tripletex do to a client:

- ``drop_before``: the connection closes before the request reaches Tripletex (nothing committed);
- ``drop_after``: the request is committed, then the connection closes without an answer;
- ``reset_before`` / ``reset_after``: the same, but the connection is *reset* (a TCP RST, as a proxy or a
  firewall that kills connections sends), before the request reaches Tripletex or after it committed;
- ``status_5xx``: a 503 before Tripletex saw the request; ``status_5xx_after``: a 502 after it committed;
- ``rate_429_reset`` / ``rate_429_no_reset``: a 429 with and without ``X-Rate-Limit-Reset`` (not processed);
- ``hold_answer``: committed, and the answer is held past the client's timeout;
- ``hold_request``: the request is held past the client's timeout and only then reaches Tripletex (a late
  write that lands after the client gave up, was killed or retried);
- ``session_expired``: the session behind the request is deleted in Tripletex just before it arrives.

The proxy is also the rate limiter in front of Tripletex: every answer carries ``X-Rate-Limit-*`` headers of a
short window that counts down, so a 429 without the reset header costs the rest of that window, as in Tripletex.

A ``kill`` hook (set by the soak) is called at chosen moments — a write about to be forwarded, or committed
and not yet answered — so `sync` dies with SIGKILL exactly between a write and its journal update.
"""

from __future__ import annotations

import base64
import binascii
import http.client
import math
import random
import socket
import struct
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote, urlsplit

WRITE_FAULTS = (
    "drop_before",
    "drop_after",
    "reset_before",
    "reset_after",
    "status_5xx",
    "status_5xx_after",
    "rate_429_reset",
    "rate_429_no_reset",
    "hold_answer",
    "hold_request",
    "session_expired",
)
#: Reads may be dropped, rate limited, fail or find their session gone (holding reads only slows the soak).
READ_FAULTS = (
    "drop_before",
    "reset_before",
    "status_5xx",
    "rate_429_reset",
    "rate_429_no_reset",
    "session_expired",
)
HOP_HEADERS = frozenset(
    {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade"}
)


@dataclass
class FaultPlan:
    """How often things go wrong; every choice comes from one seeded random generator."""

    seed: int = 1
    write_fault_rate: float = 0.15
    read_fault_rate: float = 0.01
    #: chance that a write is the moment `sync` is killed (half before forwarding, half after the commit)
    write_kill_rate: float = 0.05
    #: the client's timeout; holds last from 1.2x to 4x it
    client_timeout_s: float = 2.0
    #: the rate-limit window the proxy announces (X-Rate-Limit-Reset counts down within it)
    rate_window_s: float = 2.0
    writes_only_paths: tuple[str, ...] = ("/v2/travelExpense",)
    enabled: bool = True
    _rng: random.Random = field(init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)

    def choose(self, method: str, path: str) -> tuple[str | None, str | None, float]:
        """(fault, kill moment "before"/"after" or None, hold seconds) for one request."""
        if not self.enabled:
            return None, None, 0.0
        write = method != "GET" and path.startswith(self.writes_only_paths)
        with self._lock:
            rng = self._rng
            fault: str | None = None
            if write and rng.random() < self.write_fault_rate:
                fault = rng.choice(WRITE_FAULTS)
            elif (
                not write and not path.startswith("/v2/token/session") and rng.random() < self.read_fault_rate
            ):
                fault = rng.choice(READ_FAULTS)
            kill = None
            if write and fault not in ("hold_request",) and rng.random() < self.write_kill_rate:
                kill = rng.choice(("before", "after"))
            hold = rng.uniform(1.2, 4.0) * self.client_timeout_s
        return fault, kill, hold


@dataclass
class ProxyStats:
    """What the proxy did (thread-safe counters)."""

    faults: Counter[str] = field(default_factory=Counter)
    kills: Counter[str] = field(default_factory=Counter)
    requests: int = 0
    writes_forwarded: int = 0
    session_tokens: set[str] = field(default_factory=set)
    in_flight_late: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self, fault: str) -> None:
        """One more fault of this kind."""
        with self.lock:
            self.faults[fault] += 1


class FaultProxy:
    """A threaded HTTP server on 127.0.0.1 forwarding to `upstream` (``http://127.0.0.1:PORT``)."""

    def __init__(
        self,
        upstream: str,
        plan: FaultPlan,
        *,
        kill: Callable[[], bool] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        parts = urlsplit(upstream)
        assert parts.hostname in ("127.0.0.1", "localhost", "::1"), "the soak only talks to loopback"
        self.upstream_host = parts.hostname
        self.upstream_port = parts.port or 80
        self.plan = plan
        self.stats = ProxyStats()
        #: called to SIGKILL the sync under test; returns True when a process was killed
        self.kill = kill or (lambda: False)
        self._late = threading.Condition()
        #: set to end every hold now (tests release a held request at the moment they choose)
        self.release = threading.Event()
        self._clock = clock
        self._window_start = clock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
                """Quiet: paths can hold session tokens."""

            def do_GET(self) -> None:
                proxy._handle(self)

            do_POST = do_PUT = do_DELETE = do_GET

        self._server = _QuietServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}/v2"
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()

    # --- lifecycle ----------------------------------------------------------------------------------

    def close(self) -> None:
        """Stop serving."""
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)

    def wait_for_late_requests(self, timeout: float) -> bool:
        """Block until every held request has reached Tripletex (True), or `timeout` passed."""
        deadline = time.monotonic() + timeout
        with self._late:
            while self.stats.in_flight_late:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._late.wait(left)
        return True

    # --- one request --------------------------------------------------------------------------------

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        body = _read_body(handler)
        method, path = handler.command, handler.path
        headers = {k: v for k, v in handler.headers.items() if k.lower() not in HOP_HEADERS}
        with self.stats.lock:
            self.stats.requests += 1
        token = _session_token(headers.get("Authorization"))
        if token:
            with self.stats.lock:
                self.stats.session_tokens.add(token)
        fault, kill, hold = self.plan.choose(method, urlsplit(path).path)
        if fault:
            self.stats.count(fault)
        if kill == "before" and self._kill("before_write"):
            _abort(handler)
            return
        if fault == "drop_before":
            _abort(handler)
            return
        if fault == "reset_before":
            _reset(handler)
            return
        if fault == "status_5xx":
            self._answer(handler, 503, {}, b'{"status":503,"code":0,"message":"Service Unavailable"}')
            return
        if fault in ("rate_429_reset", "rate_429_no_reset"):
            extra = {} if fault == "rate_429_no_reset" else {"X-Rate-Limit-Reset": str(self._reset_seconds())}
            body429 = b'{"status":429,"code":0,"message":"Too Many Requests"}'
            self._answer(handler, 429, extra, body429, rate_headers=fault == "rate_429_reset")
            return
        if fault == "session_expired" and token:
            self._expire_session(token)
        if fault == "hold_request":
            self._hold_then_forward(method, path, headers, body, hold)
            _abort(handler)  # the client gave up long ago; the request has landed all the same
            return
        try:
            status, out_headers, payload = self._forward(method, path, headers, body)
        except OSError:
            _abort(handler)
            return
        if method != "GET":
            with self.stats.lock:
                self.stats.writes_forwarded += 1
        if kill == "after" and self._kill("after_commit"):
            _abort(handler)
            return
        if fault == "drop_after":
            _abort(handler)
            return
        if fault == "reset_after":
            _reset(handler)
            return
        if fault == "status_5xx_after":
            self._answer(handler, 502, {}, b'{"status":502,"code":0,"message":"Bad Gateway"}')
            return
        if fault == "hold_answer":
            self.release.wait(hold)  # the fault itself: an answer slower than the client's timeout
        self._answer(handler, status, out_headers, payload)

    def _kill(self, moment: str) -> bool:
        if self.kill():
            with self.stats.lock:
                self.stats.kills[moment] += 1
            return True
        return False

    def _forward(
        self, method: str, path: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection(self.upstream_host, self.upstream_port, timeout=120)
        try:
            out = dict(headers)
            out["Host"] = f"{self.upstream_host}:{self.upstream_port}"
            out["Content-Length"] = str(len(body))
            conn.request(method, path, body=body, headers=out)
            response = conn.getresponse()
            payload = response.read()
            kept = {
                k: v
                for k, v in response.getheaders()
                if k.lower() not in HOP_HEADERS and not k.lower().startswith("x-rate-limit")
            }
            return response.status, kept, payload
        finally:
            conn.close()

    def _hold_then_forward(
        self, method: str, path: str, headers: dict[str, str], body: bytes, hold: float
    ) -> None:
        """Keep the client waiting past its timeout, then deliver the request to Tripletex all the same."""
        with self._late:
            self.stats.in_flight_late += 1
        try:
            self.release.wait(hold)  # the fault itself: a write that travels longer than the client waits
            self._forward(method, path, headers, body)
            with self.stats.lock:
                self.stats.writes_forwarded += 1
        except OSError:
            pass
        finally:
            with self._late:
                self.stats.in_flight_late -= 1
                self._late.notify_all()

    def _expire_session(self, token: str) -> None:
        try:
            self._forward("DELETE", f"/v2/token/session/{quote(token, safe='')}", {}, b"")
        except OSError:
            pass

    def _reset_seconds(self) -> int:
        window = self.plan.rate_window_s
        elapsed = (self._clock() - self._window_start) % window
        return max(1, math.ceil(window - elapsed))

    def _answer(
        self,
        handler: BaseHTTPRequestHandler,
        status: int,
        headers: dict[str, str],
        payload: bytes,
        *,
        rate_headers: bool = True,
    ) -> None:
        try:
            handler.send_response(status)
            for key, value in headers.items():
                if key.lower() not in ("content-length", "date", "server"):
                    handler.send_header(key, value)
            handler.send_header("X-Rate-Limit-Limit", "1000")
            handler.send_header("X-Rate-Limit-Remaining", "0" if status == 429 else "900")
            if rate_headers and "X-Rate-Limit-Reset" not in headers:
                handler.send_header("X-Rate-Limit-Reset", str(self._reset_seconds()))
            if status == 429 and "Content-Type" not in headers:
                handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(payload)))
            handler.end_headers()
            handler.wfile.write(payload)
            handler.wfile.flush()
        except OSError:
            handler.close_connection = True


def _read_body(handler: BaseHTTPRequestHandler) -> bytes:
    """The request body, by Content-Length or chunked."""
    if "chunked" in (handler.headers.get("Transfer-Encoding") or "").lower():
        chunks = []
        while True:
            size = int(handler.rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                handler.rfile.readline()
                return b"".join(chunks)
            chunks.append(handler.rfile.read(size))
            handler.rfile.readline()
    length = int(handler.headers.get("Content-Length") or 0)
    return handler.rfile.read(length) if length else b""


class _QuietServer(ThreadingHTTPServer):
    """A client that went away (killed, or gave up) is the point of the soak, not an error to print."""

    def handle_error(self, request: object, client_address: object) -> None:
        """Print only what is not a connection the client closed."""
        if not isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


def _abort(handler: BaseHTTPRequestHandler) -> None:
    """Close the client's connection without a byte of answer."""
    handler.close_connection = True
    try:
        handler.connection.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


def _reset(handler: BaseHTTPRequestHandler) -> None:
    """Reset the client's connection (SO_LINGER 0, then close: a TCP RST instead of an orderly FIN)."""
    handler.close_connection = True
    try:
        handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        handler.connection.close()
    except OSError:
        pass


def _session_token(authorization: str | None) -> str | None:
    scheme, _, encoded = (authorization or "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        _user, _, password = base64.b64decode(encoded, validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return password or None
