"""Faults: latency through the injected sleep, 5xx, drops before/after commit, rate limits."""

import httpx
import pytest

from .conftest import error, login


def report_body(sim, title="Drop-test [ext:feed0001]"):
    return {
        "employee": {"id": sim.token_info("demo-all").employee_id},
        "title": title,
        "travelDetails": {"departureDate": "2026-10-05", "returnDate": "2026-10-05", "isDayTrip": True},
    }


def titles(sim):
    return [r["title"] for r in sim.company_by_name("Fjordlys").travel_expenses.values()]


def test_latency_uses_injected_sleep(client, sim, clock):
    login(client)
    sim.faults.latency_s = 0.25
    client.get("/employee", params={"count": 1})
    client.get("/employee", params={"count": 1})
    assert clock.slept == [0.25, 0.25]


def test_fail_next_answers_api_error_and_leaves_state(client, sim):
    login(client)
    sim.faults.fail_next(503, count=2, method="POST", path_prefix="/travelExpense")
    assert client.get("/employee", params={"count": 1}).status_code == 200  # does not match
    for _ in range(2):
        response = client.post("/travelExpense", json=report_body(sim))
        assert error(response)[:2] == (503, 1000)
        assert response.json()["requestId"] == response.headers["x-tlx-request-id"]
    assert "Drop-test [ext:feed0001]" not in titles(sim)
    assert client.post("/travelExpense", json=report_body(sim)).status_code == 201


def test_drop_before_commit_writes_nothing(client, sim):
    login(client)
    sim.faults.drop_next("before_commit", method="POST", path_prefix="/travelExpense")
    with pytest.raises(httpx.ConnectError):
        client.post("/travelExpense", json=report_body(sim))
    assert "Drop-test [ext:feed0001]" not in titles(sim)
    assert sim.request_log[-1].status is None


def test_drop_after_commit_keeps_the_write(client, sim):
    login(client)
    sim.faults.drop_next("after_commit")
    with pytest.raises(httpx.RemoteProtocolError):
        client.post("/travelExpense", json=report_body(sim))
    assert titles(sim).count("Drop-test [ext:feed0001]") == 1
    assert sim.request_log[-1].status == 201
    # the client can find it by its marker afterwards
    found = client.get(
        "/travelExpense",
        params={"departureDateFrom": "2026-10-05", "returnDateTo": "2026-10-06", "fields": "title"},
    ).json()
    assert [v["title"] for v in found["values"]] == ["Drop-test [ext:feed0001]"]


def test_drop_rejects_unknown_when(sim):
    with pytest.raises(ValueError):
        sim.faults.drop_next("sometimes")


def test_rate_limit_with_reset_header(client, sim, clock):
    login(client)
    sim.faults.rate_limit(3, period_s=10)
    answers = [client.get("/employee", params={"count": 1}) for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert [a.headers["X-Rate-Limit-Remaining"] for a in answers] == ["2", "1", "0", "0"]
    assert answers[-1].headers["X-Rate-Limit-Reset"] == "10"
    assert error(answers[-1])[0] == 429
    clock.now += 4
    assert client.get("/employee", params={"count": 1}).headers["X-Rate-Limit-Reset"] == "6"
    clock.now += 6
    assert client.get("/employee", params={"count": 1}).status_code == 200


def test_rate_limit_without_reset_header(client, sim):
    login(client)
    sim.faults.rate_limit(1, omit_reset_header=True)
    client.get("/employee", params={"count": 1})
    limited = client.get("/employee", params={"count": 1})
    assert limited.status_code == 429
    assert "X-Rate-Limit-Reset" not in limited.headers
    assert limited.headers["X-Rate-Limit-Limit"] == "1"


def test_clear_removes_faults(client, sim):
    login(client)
    sim.faults.rate_limit(0)
    sim.faults.fail_next(500)
    sim.faults.latency_s = 1
    sim.faults.clear()
    assert client.get("/employee", params={"count": 1}).status_code == 200


def test_request_log_records_username_and_status(client, sim):
    login(client)
    client.get("/employee", params={"count": 1})
    entry = sim.request_log[-1]
    assert (entry.method, entry.path, entry.query, entry.status, entry.username) == (
        "GET",
        "/employee",
        {"count": "1"},
        200,
        "0",
    )


def test_without_a_limit_the_reset_header_counts_down_like_tripletex(client, sim, clock):
    """Not a constant 60: the seconds left in the current period, and Remaining falls (never to 0)."""
    login(client)
    first = client.get("/employee", params={"count": 1})
    assert first.headers["X-Rate-Limit-Reset"] == "60"
    clock.now += 45
    later = client.get("/employee", params={"count": 1})
    assert later.headers["X-Rate-Limit-Reset"] == "15"
    assert int(later.headers["X-Rate-Limit-Remaining"]) < int(first.headers["X-Rate-Limit-Remaining"])
    clock.now += 15  # a new period
    assert client.get("/employee", params={"count": 1}).headers["X-Rate-Limit-Reset"] == "60"
    assert all(r.status_code == 200 for r in (first, later))
