"""The requests in flight per token: a ceiling narrowed by X-Rate-Limit-Remaining; a 429 holds every thread."""

from __future__ import annotations

import threading

import httpx
import pytest

from tripletex_desktop.core.api import ConnectionTarget, TripletexClient
from tripletex_desktop.core.api.limiter import (
    CONCURRENCY_ENV,
    DEFAULT_CONCURRENCY,
    RequestLimiter,
    concurrency_ceiling,
)
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.errors import Cancelled
from tripletex_desktop.core.models import Environment


def test_the_ceiling_comes_from_the_environment_within_bounds() -> None:
    assert concurrency_ceiling({}) == DEFAULT_CONCURRENCY
    assert concurrency_ceiling({CONCURRENCY_ENV: "3"}) == 3
    for bad in ("0", "33", "-1", "many", ""):
        assert concurrency_ceiling({CONCURRENCY_ENV: bad}) == DEFAULT_CONCURRENCY


def test_the_budget_left_narrows_the_slots_and_never_below_one() -> None:
    limiter = RequestLimiter(8, headroom_per_slot=10)
    assert limiter.limit == 8
    limiter.note_remaining(1000)
    assert limiter.limit == 8
    limiter.note_remaining(35)
    assert limiter.limit == 3
    limiter.note_remaining(4)
    assert limiter.limit == 1
    limiter.note_remaining(None)  # an answer without the header changes nothing
    assert limiter.limit == 1
    limiter.note_remaining(200)  # a new period
    assert limiter.limit == 8


def test_no_more_than_the_limit_is_in_flight_at_once() -> None:
    limiter = RequestLimiter(3)
    inside = threading.Semaphore(0)
    release = threading.Event()
    state = {"now": 0, "max": 0}
    lock = threading.Lock()

    def work() -> None:
        with limiter.slot():
            with lock:
                state["now"] += 1
                state["max"] = max(state["max"], state["now"])
            inside.release()
            release.wait(10)
            with lock:
                state["now"] -= 1

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for _ in range(3):
        assert inside.acquire(timeout=10)
    assert not inside.acquire(timeout=0.2)  # the fourth waits for a slot (a guard, not a timing assertion)
    release.set()
    for t in threads:
        t.join(10)
    assert state["max"] == 3 and limiter.peak == 3


def test_waiting_for_a_slot_can_be_cancelled() -> None:
    limiter = RequestLimiter(1)
    cancel = CancelToken()
    with limiter.slot():
        cancel.cancel()
        with pytest.raises(Cancelled), limiter.slot(cancel):
            pass


def test_a_429_seen_by_one_thread_holds_the_others_until_the_reset() -> None:
    """Two threads share a client; the first request answers 429 with Reset 5: the other thread's next request
    waits for that reset too (its sleep is recorded), instead of running into a second 429."""
    calls: list[str] = []
    lock = threading.Lock()
    first_429 = threading.Event()

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith(":create"):
            return httpx.Response(201, json={"value": {"token": "s"}})
        with lock:
            calls.append(request.url.path)
            n = len(calls)
        if n == 1:
            first_429.set()
            return httpx.Response(429, headers={"X-Rate-Limit-Reset": "5", "X-Rate-Limit-Remaining": "0"})
        return httpx.Response(200, json={"values": []}, headers={"X-Rate-Limit-Remaining": "500"})

    now = [100.0]
    slept: list[tuple[str, float]] = []
    a_holding, b_held = threading.Event(), threading.Event()

    def sleep(seconds: float) -> None:
        slept.append((threading.current_thread().name, seconds))
        if threading.current_thread().name == "A":
            a_holding.set()
            b_held.wait(10)  # A is still within the hold when B wants to send (a deadlock guard)
        else:
            b_held.set()

    target = ConnectionTarget.for_environment(Environment.CUSTOM, "c", "http://t.invalid/v2")
    http = httpx.Client(base_url=target.base_url, transport=httpx.MockTransport(handler))
    client = TripletexClient(http, target, "employee-token", sleep=sleep, clock=lambda: now[0], concurrency=4)
    client.open_session()
    a = threading.Thread(target=lambda: client.company(0).employees(), name="A")
    a.start()
    assert first_429.wait(10) and a_holding.wait(10)
    b = threading.Thread(target=lambda: client.company(0).departments(), name="B")
    b.start()
    b.join(10)
    a.join(10)
    assert ("A", 5.0) in slept
    assert ("B", 5.0) in slept  # the other thread held for the same reset
    assert calls.count("/v2/employee") == 2 and calls.count("/v2/department") == 1
