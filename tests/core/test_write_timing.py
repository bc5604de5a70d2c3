"""The grace period before a rewrite: the client's write limit per request timeout, the environment's overrides."""

from __future__ import annotations

import datetime as dt

import pytest

from tripletex_desktop.core.transfer.timing import (
    CLIENT_LIMIT_ENV,
    SERVER_LIMIT_ENV,
    SERVER_PROCESSING_LIMIT,
    WriteTiming,
    client_write_limit,
)

MIN = dt.timedelta(minutes=1)
S = dt.timedelta(seconds=1)


def test_one_write_call_is_two_minutes_of_waiting_the_connect_timeout_and_twice_the_request_timeout():
    assert client_write_limit() == 3 * MIN + 10 * S  # the default 30 s: 2 min + 10 s + 2 × 30 s
    assert (
        client_write_limit(5) == 2 * MIN + 5 * S + 10 * S
    )  # the connect timeout is the request timeout below 10 s
    assert client_write_limit(60.5) == 2 * MIN + 10 * S + 121 * S


def test_without_overrides_the_limits_follow_the_request_timeout():
    assert WriteTiming.from_environment({}) == WriteTiming(3 * MIN + 10 * S, SERVER_PROCESSING_LIMIT)
    assert WriteTiming.from_environment({}, request_timeout_s=5) == WriteTiming(2 * MIN + 15 * S, 2 * MIN)
    blank = {CLIENT_LIMIT_ENV: "  ", SERVER_LIMIT_ENV: ""}
    assert WriteTiming.from_environment(blank, request_timeout_s=5) == WriteTiming(2 * MIN + 15 * S, 2 * MIN)


def test_an_operator_sets_each_limit_in_whole_seconds():
    timing = WriteTiming.from_environment({CLIENT_LIMIT_ENV: " 90 ", SERVER_LIMIT_ENV: "0"})
    assert timing == WriteTiming(90 * S, dt.timedelta(0))
    assert WriteTiming.from_environment({SERVER_LIMIT_ENV: "30"}) == WriteTiming(3 * MIN + 10 * S, 30 * S)


@pytest.mark.parametrize("raw", ["abc", "1.5", "-1", "10s"])
def test_a_limit_that_is_not_whole_seconds_of_zero_or_more_keeps_its_default(raw: str):
    timing = WriteTiming.from_environment({CLIENT_LIMIT_ENV: raw, SERVER_LIMIT_ENV: raw}, request_timeout_s=5)
    assert timing == WriteTiming(2 * MIN + 15 * S, SERVER_PROCESSING_LIMIT)


def test_the_process_environment_is_read_when_none_is_given(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(CLIENT_LIMIT_ENV, "12")
    monkeypatch.setenv(SERVER_LIMIT_ENV, "34")
    assert WriteTiming.from_environment() == WriteTiming(12 * S, 34 * S)


def test_a_dead_attempt_recorded_without_a_time_can_land_until_the_server_limit_from_now():
    now = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)
    timing = WriteTiming(3 * MIN, 2 * MIN)
    assert timing.after_a_dead_attempt(None, now) == now + 2 * MIN
    assert timing.after_a_dead_attempt(now - 4 * MIN, now) == now + MIN  # sent_at + grace comes first
    assert (
        timing.after_a_dead_attempt(now - MIN, now) == now + 2 * MIN
    )  # the server limit from now comes first
