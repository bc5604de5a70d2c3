"""Serve the simulator over loopback (threaded WSGI server) and the `simulator` CLI subcommand."""

from __future__ import annotations

import argparse
import sys
import threading
from socketserver import ThreadingMixIn
from types import TracebackType
from typing import Any
from wsgiref.handlers import SimpleHandler
from wsgiref.headers import Headers
from wsgiref.simple_server import ServerHandler, WSGIRequestHandler, WSGIServer

from .faults import ConnectionDropped
from .seed import Scale
from .simulator import DEMO_CONSUMER_TOKEN, DEMO_TOKENS, Simulator


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    """One thread per connection; threads die with the process."""

    daemon_threads = True
    allow_reuse_address = True


class _Handler(ServerHandler):
    """On a simulated drop, close the connection without writing an answer."""

    # BaseHandler's own attributes (None until start_response), which typeshed does not declare
    status: str | None
    headers: Headers | None
    #: the connection's handler, set as wsgiref's WSGIRequestHandler.handle sets it
    request_handler: WSGIRequestHandler

    def handle_error(self) -> None:
        """Write nothing for ConnectionDropped; otherwise the usual 500."""
        if isinstance(sys.exc_info()[1], ConnectionDropped):
            self.close()
            return
        super().handle_error()

    http_version = "1.1"
    #: True once an answer went out whose length its headers give: the connection can serve the next request.
    keep_alive = False

    def close(self) -> None:
        """Close; a dropped request has no status to log (wsgiref's close would fail on it)."""
        self.keep_alive = (
            self.status is not None and self.headers is not None and "Content-Length" in self.headers
        )
        if self.status is None:
            SimpleHandler.close(self)
            return
        super().close()


class _RequestHandler(WSGIRequestHandler):
    """Quiet (no access log on stderr), drop-aware, and keep-alive: like any HTTP/1.1 server (Tripletex's too),
    one connection serves request after request until the client closes it or asks to."""

    protocol_version = "HTTP/1.1"
    server: WSGIServer
    #: TCP_NODELAY: wsgiref writes the headers and the body separately, and on a kept-alive connection Nagle's
    #: algorithm would hold the body until the client's delayed ACK (tens of milliseconds a request).
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        """No access log (it would hold paths with session tokens)."""

    def handle(self) -> None:
        """Serve requests on this connection until it closes (WSGIRequestHandler.handle serves one)."""
        self.close_connection = True
        self._handle_one()
        while not self.close_connection:
            self._handle_one()

    def _handle_one(self) -> None:
        """Like WSGIRequestHandler.handle, with the drop-aware ServerHandler."""
        self.raw_requestline = self.rfile.readline(65537)
        if not self.raw_requestline:
            self.close_connection = True
            return
        if len(self.raw_requestline) > 65536:
            self.send_error(414)
            self.close_connection = True
            return
        if not self.parse_request():  # sets close_connection from the request's version and Connection header
            return
        # typeshed types the socket's writer as a BufferedIOBase and SimpleHandler's as an IO[bytes]: the same file
        handler = _Handler(self.rfile, self.wfile, self.get_stderr(), self.get_environ(), multithread=True)  # type: ignore[arg-type]
        handler.request_handler = self
        app = self.server.get_app()
        if app is None:  # Server.__init__ sets it before the first request
            raise RuntimeError("the simulator's HTTP server has no application")
        handler.run(app)
        if not handler.keep_alive:
            self.close_connection = True  # a dropped request, or a body only the close delimits


class LoopbackServer:
    """A running loopback server; `with serve(sim) as server:` stops it on exit."""

    def __init__(self, sim: Simulator, host: str, port: int) -> None:
        self._server = ThreadingWSGIServer((host, port), _RequestHandler)
        self._server.set_app(sim)
        self.host = host
        self.port: int = self._server.server_address[1]
        self.base_url = f"http://{host}:{self.port}/v2"
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), name="tripletex-simulator", daemon=True
        )
        self._thread.start()

    def shutdown(self) -> None:
        """Stop serving and close the socket."""
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    def __enter__(self) -> LoopbackServer:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.shutdown()


def serve(sim: Simulator, host: str = "127.0.0.1", port: int = 0) -> LoopbackServer:
    """Start serving `sim` on a background thread; port 0 picks a free port."""
    return LoopbackServer(sim, host, port)


def _wait_forever() -> None:
    """Block until Ctrl+C (tests replace this)."""
    threading.Event().wait()


def main(argv: list[str] | None = None) -> int:
    """`tripletex-desktop simulator --port N [--scale-employees N]`: serve until Ctrl+C."""
    parser = argparse.ArgumentParser(
        prog="tripletex-desktop simulator", description="Run the Tripletex simulator."
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--scale-employees", type=int, default=0)
    parser.add_argument("--scale-travel-expenses", type=int, default=0)
    parser.add_argument("--scale-projects", type=int, default=0)
    parser.add_argument(
        "--scale-clients",
        type=int,
        default=0,
        help="extra client companies of the accounting office (token demo-accountant)",
    )
    parser.add_argument("--employees-per-client", type=int, default=0)
    parser.add_argument("--environment", choices=("production", "test"), default="production")
    args = parser.parse_args(argv)
    scale = Scale(
        args.scale_employees,
        args.scale_travel_expenses,
        args.scale_projects,
        clients=args.scale_clients,
        employees_per_client=args.employees_per_client,
    )
    sim = Simulator(scale=scale, environment=args.environment)
    server = serve(sim, args.host, args.port)
    print(f"Tripletex simulator at {server.base_url}")
    print(f"Consumer token: {DEMO_CONSUMER_TOKEN}")
    print("Employee tokens:")
    for token, description in DEMO_TOKENS.items():
        shown = token if args.environment == "production" or token == "test-demo" else f"test-{token}"
        print(f"  {shown:<18} {description}")
    print("Ctrl+C stops.", flush=True)
    try:
        _wait_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0
