"""The simulator over a real loopback socket, and the CLI entry."""

import threading

import httpx
import pytest

from tripletex_desktop.simulator import DEMO_CONSUMER_TOKEN, Simulator, serve
from tripletex_desktop.simulator import server as server_module

pytestmark = pytest.mark.loopback


def test_round_trip_and_drop_over_loopback(contract, clock):
    from tests.contract.openapi_contract import ContractTransport

    sim = Simulator(today=lambda: clock.today)
    with (
        serve(sim) as server,
        httpx.Client(
            base_url=server.base_url, transport=ContractTransport(httpx.HTTPTransport(), contract)
        ) as client,
    ):
        assert server.base_url == f"http://127.0.0.1:{server.port}/v2"
        session = client.post(
            "/token/session/:create",
            json={
                "consumerToken": DEMO_CONSUMER_TOKEN,
                "employeeToken": "demo-all",
                "expirationDate": "2026-11-22",
            },
        )
        assert session.status_code == 201
        client.auth = httpx.BasicAuth("0", session.json()["value"]["token"])
        whoami = client.get("/token/session/%3EwhoAmI", params={"fields": "employee(firstName)"})
        assert whoami.json()["value"]["employee"]["firstName"] == "Kari"
        assert whoami.headers["x-tlx-request-id"]
        sim.faults.drop_next("after_commit", method="GET", path_prefix="/employee")
        with pytest.raises(httpx.RemoteProtocolError):
            client.get("/employee", params={"count": 1})
        assert client.get("/employee", params={"count": 1}).status_code == 200


def test_a_dropped_connection_prints_no_traceback(clock, capfd):
    sim = Simulator(today=lambda: clock.today)
    with serve(sim) as server, httpx.Client(base_url=server.base_url) as client:
        for when in ("before_commit", "after_commit"):
            sim.faults.drop_next(when, method="POST", path_prefix="/token/session")
            with pytest.raises(httpx.TransportError):
                client.post("/token/session/:create", json={})
        assert client.post("/token/session/:create", json={}).status_code == 422  # still serving
    assert "Traceback" not in capfd.readouterr().err


def test_main_prints_tokens_and_serves_until_interrupted(monkeypatch, capsys):
    def interrupt() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(server_module, "_wait_forever", interrupt)
    assert server_module.main(["--port", "0", "--scale-employees", "5"]) == 0
    out = capsys.readouterr().out
    assert "http://127.0.0.1:" in out and DEMO_CONSUMER_TOKEN in out
    assert "demo-accountant" in out and "test-demo" in out
    assert not [t for t in threading.enumerate() if t.name == "tripletex-simulator"]  # server stopped


def test_one_connection_serves_many_requests_until_the_client_closes_it(clock):
    """HTTP/1.1 keep-alive, as Tripletex's servers: a client does not pay a new connection per request."""
    import socket

    sim = Simulator(today=lambda: clock.today)
    with serve(sim) as server, socket.create_connection((server.host, server.port), timeout=10) as sock:
        stream = sock.makefile("rb")
        body = (
            f'{{"consumerToken": "{DEMO_CONSUMER_TOKEN}", "employeeToken": "demo-all", '
            f'"expirationDate": "{clock.today.replace(year=clock.today.year + 1).isoformat()}"}}'
        ).encode()
        request = (
            b"POST /v2/token/session/:create HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
            + body
        )
        for _ in range(3):  # three answers on the same socket
            sock.sendall(request)
            status = stream.readline()
            assert status.startswith(b"HTTP/1.1 201")
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            assert len(stream.read(length)) == length
        sock.sendall(request.replace(b"Host: t\r\n", b"Host: t\r\nConnection: close\r\n"))
        assert stream.readline().startswith(b"HTTP/1.1 201")
        rest = stream.read()  # the server closes after this answer: read() ends
        assert rest.endswith(b"}")
