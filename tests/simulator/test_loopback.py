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
