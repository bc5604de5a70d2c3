"""Fixtures: one simulator on loopback and one synced app folder per module, copied for each test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.hostile import AppHome, Served, copy_home, make_home, unshare_prefix
from tripletex_desktop.simulator import Simulator, serve


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    sim = Simulator()
    with serve(sim) as server:
        root = tmp_path_factory.mktemp("template")
        yield Served(sim, server.base_url, make_home(root, sim, server.base_url))


@pytest.fixture
def home(served: Served, tmp_path: Path) -> AppHome:
    """A fresh copy of the synced app folder (no reports in its outbox)."""
    return copy_home(served.template, tmp_path / "home")


@pytest.fixture(scope="session")
def mount_prefix() -> list[str]:
    """How to run a script in a private mount namespace here (skips where none is allowed)."""
    found = unshare_prefix()
    if found is None:
        reason = "this machine allows no private mount namespace (unshare)"
        if os.environ.get("CI"):
            pytest.fail(reason)  # on CI the proof must run
        pytest.skip(reason)
    return found
