"""The shifted-clock runs of `dev.py test` really move the clock, in pytest and in the processes it starts."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest

FAKE_NOW = os.environ.get("TDK_FAKE_NOW")

pytestmark = pytest.mark.skipif(not FAKE_NOW, reason="runs in dev.py test's shifted-clock suites")


def _assert_near_fake(now: dt.datetime) -> None:
    assert FAKE_NOW is not None
    expected = dt.datetime.fromisoformat(FAKE_NOW)
    assert dt.timedelta(0) <= now - expected < dt.timedelta(minutes=30), (now, expected)


def test_this_process_runs_at_the_fake_instant() -> None:
    _assert_near_fake(dt.datetime.now(dt.UTC))


def test_a_subprocess_runs_at_the_fake_instant_too() -> None:
    out = subprocess.run(
        [sys.executable, "-c", "import datetime as d; print(d.datetime.now(d.UTC).isoformat())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    _assert_near_fake(dt.datetime.fromisoformat(out.strip()))
