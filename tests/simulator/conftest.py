"""Fixtures: a simulator with injected clocks and a contract-checked client."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import httpx
import pytest

from tests.contract.openapi_contract import ContractTransport, OpenApiContract
from tripletex_desktop.simulator import DEMO_BASE_URL, DEMO_CONSUMER_TOKEN, Simulator

#: The simulator tests' date; every date they send is derived from it, never from the real clock.
TODAY = dt.date(2026, 11, 20)
#: Noon in Oslo on TODAY, for an AppContext's clock.
NOW = dt.datetime(2026, 11, 20, 11, 0, tzinfo=dt.UTC)


@dataclass
class Clock:
    """Injected date, monotonic time and sleep (sleeping only advances the clock)."""

    today: dt.date = TODAY
    now: float = 1000.0
    slept: list[float] = field(default_factory=list)

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def sim(clock: Clock) -> Simulator:
    return Simulator(today=lambda: clock.today, sleep=clock.sleep, monotonic=lambda: clock.now)


@pytest.fixture(scope="session")
def contract() -> OpenApiContract:
    """The official spec (the checker drops only the spec's model-level readOnly markers)."""
    return OpenApiContract.load()


@pytest.fixture
def client(sim: Simulator, contract: OpenApiContract):
    """Every request and response through this client is checked against the spec."""
    with httpx.Client(base_url=DEMO_BASE_URL, transport=ContractTransport(sim.transport(), contract)) as c:
        yield c


def create_session(client: httpx.Client, token: str = "demo-all", expiration: dt.date | None = None) -> str:
    """A session valid three days after the injected TODAY (or until `expiration`)."""
    expires = expiration or TODAY + dt.timedelta(days=3)
    response = client.post(
        "/token/session/:create",
        json={
            "consumerToken": DEMO_CONSUMER_TOKEN,
            "employeeToken": token,
            "expirationDate": expires.isoformat(),
        },
    )
    assert response.status_code == 201, response.text
    return response.json()["value"]["token"]


def login(client: httpx.Client, token: str = "demo-all", username: int | str = 0) -> str:
    """Create a session and use it as Basic auth on `client`."""
    session = create_session(client, token)
    client.auth = httpx.BasicAuth(str(username), session)
    return session


def error(response: httpx.Response) -> tuple[int, int, list[str]]:
    body = response.json()
    return body["status"], body["code"], [m["field"] for m in body.get("validationMessages", [])]
