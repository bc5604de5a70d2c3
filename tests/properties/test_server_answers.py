"""Malformed, truncated, oversized and wrongly typed answers from Tripletex (the simulator's answers, mutated by a
transport wrapper): every read ends in a typed error with a translated message, and a send ends sent, failed
or unknown — and once the answers are good again, the report is in Tripletex exactly once with its lines."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.reports import (
    TODAY,
    TOKEN,
    World,
    make_backend,
    make_world,
    sync_reference,
    trip,
)
from tripletex_desktop.core.api import ConnectionTarget, TripletexClient, make_http_client
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.errors import TripletexDesktopError
from tripletex_desktop.core.models import Environment
from tripletex_desktop.core.transfer import report_marker
from tripletex_desktop.simulator import DEMO_CONSUMER_TOKEN
from tripletex_desktop.storage.db import Database
from tripletex_desktop.ui.messages import ERRORS

Mutation = Callable[[bytes], bytes]


def _retype(value: object, pick: int) -> object:
    """Replace one value of a JSON tree (the `pick`-th, depth first) with a value of another type."""
    counter = [pick]

    def walk(node: object) -> object:
        counter[0] -= 1
        if counter[0] == 0:
            return {dict: [], list: "x", str: 12345, int: "12", float: None, bool: "true"}.get(type(node), {})
        if isinstance(node, dict):
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return walk(value)


def _drop_key(value: object, pick: int) -> object:
    counter = [pick]

    def walk(node: object) -> object:
        if isinstance(node, dict):
            out = {}
            for k, v in node.items():
                counter[0] -= 1
                if counter[0] != 0:
                    out[k] = walk(v)
            return out
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return walk(value)


def _json_edit(edit: Callable[[object, int], object], pick: int) -> Mutation:
    def mutate(body: bytes) -> bytes:
        try:
            doc = json.loads(body)
        except ValueError:
            return body
        return json.dumps(edit(doc, pick)).encode()

    return mutate


MUTATIONS: st.SearchStrategy[Mutation] = st.one_of(
    st.integers(0, 400).map(lambda n: lambda body: body[:n]),  # truncated
    st.just(lambda body: b"<html><body>502 Bad Gateway</body></html>"),  # not JSON
    st.just(lambda body: b""),  # empty
    st.just(lambda body: b"null"),
    st.just(lambda body: b"[]"),
    st.just(lambda body: b'{"value": null}'),
    st.just(
        lambda body: body[:-1] + b',"filler":"' + b"x" * 3_000_000 + b'"}' if body.endswith(b"}") else body
    ),
    st.integers(1, 60).map(lambda n: _json_edit(_retype, n)),  # wrongly typed
    st.integers(1, 60).map(lambda n: _json_edit(_drop_key, n)),  # a key missing
)


class MutatingTransport(httpx.BaseTransport):
    """Forwards to the simulator and mutates the answers of the chosen requests (1-based request numbers)."""

    def __init__(self, inner: httpx.BaseTransport, plan: dict[int, Mutation]) -> None:
        self._inner = inner
        self.plan = plan
        self.count = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self._inner.handle_request(request)
        self.count += 1
        mutate = self.plan.get(self.count)
        if mutate is None or request.url.path.endswith("/token/session/:create"):
            return response
        body = mutate(response.read())
        headers = {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
        return httpx.Response(response.status_code, headers=headers, content=body, request=request)


def client_on(world: World, transport: httpx.BaseTransport) -> TripletexClient:
    target = ConnectionTarget.for_environment(Environment.DEMO, DEMO_CONSUMER_TOKEN)
    http = make_http_client(target, transport=transport)
    return TripletexClient(http, target, TOKEN, today=lambda: TODAY, sleep=lambda s: None)


@pytest.fixture(scope="module")
def read_world() -> World:
    return make_world()


READS = {
    "whoAmI": lambda co: co.who_am_i(),
    "employees": lambda co: co.employees(),
    "projects": lambda co: co.projects(),
    "cost categories": lambda co: co.cost_categories(),
    "rates": lambda co: co.rates(),
    "travel settings": lambda co: co.travel_expense_settings(),
    "travel expenses": lambda co: co.travel_expenses(employee_id=None),
}


@given(read=st.sampled_from(sorted(READS)), mutation=MUTATIONS, at=st.integers(2, 3))
def test_a_bad_answer_to_a_read_is_a_typed_error_or_a_value(read_world, read, mutation, at) -> None:
    transport = MutatingTransport(read_world.sim.transport(), {at: mutation})
    client = client_on(read_world, transport)
    try:
        READS[read](client.company(0))
    except TripletexDesktopError as exc:
        assert exc.code in ERRORS, exc.code
    finally:
        client.close()


@pytest.fixture(scope="module")
def send_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[World, Database]]:
    """One simulator and one synced database for every example (each sends a report of its own)."""
    world = make_world()
    db = Database.open(tmp_path_factory.mktemp("db") / "db.sqlite3")
    sync_reference(world, db)
    yield world, db
    db.close()


@settings(max_examples=300 if os.environ.get("HYPOTHESIS_PROFILE") == "soak" else 6)
@given(plan=st.dictionaries(st.integers(2, 25), MUTATIONS, min_size=1, max_size=3))
def test_bad_answers_while_sending_never_lose_or_double_a_report(send_world, plan) -> None:
    world, db = send_world
    transport = MutatingTransport(world.sim.transport(), plan)
    backend = make_backend(world, db, deliver=True)
    backend._client_factory = lambda cancel: client_on(world, transport)
    row = backend.save_draft(trip(world))
    backend.approve(row.id)
    first = backend.send(row.id, CancelToken())
    assert first.state in ("sent", "failed", "unknown", "queued")
    if first.error is not None:
        assert first.error.code in ERRORS, first.error.code
    backend._client_factory = lambda cancel: world.client()
    for _ in range(3):  # answers are good again: Send again (a scheduled sync would do the same)
        if backend.store.get(row.id).row.state == "sent":
            break
        backend.send(row.id, CancelToken())
    assert backend.store.get(row.id).row.state == "sent"
    heads = world.with_marker(report_marker(row.id))
    assert len(heads) == 1, heads
    te = heads[0]["id"]
    assert len(world.lines_of("mileage_allowances", te)) == 1
    assert len(world.lines_of("per_diem_compensations", te)) == 1
    assert len(world.lines_of("costs", te)) == 1
    assert heads[0]["state"] == "DELIVERED"
