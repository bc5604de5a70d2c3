"""Fixtures of the GUI tests: the wizard's environments and the main window harness."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

import pytest

from tests.support.main_window import Harness
from tests.support.wizard import Env
from tripletex_desktop.workers.tasks import SyncRunner, ThreadPoolRunner


@pytest.fixture
def sync_env(tmp_path):
    """Checks run on SyncRunner's helper thread and are delivered before the click returns; the guard is on."""
    env = Env(tmp_path, SyncRunner(), enforce_guard=True)
    yield env
    assert env.transport.gui_thread_requests == []


@pytest.fixture
def threaded_env(tmp_path):
    """The real thread-pool runner; any request made on the GUI thread fails the test."""
    runner = ThreadPoolRunner()
    env = Env(tmp_path, runner, enforce_guard=True)
    yield env
    assert runner.wait_for_done(10000)
    assert env.transport.gui_thread_requests == []


@pytest.fixture
def harness(qtbot) -> Iterator[SimpleNamespace]:
    """A MainWindow factory on fakes (data, runner, wizard) with a real SyncController; shut down after."""
    with Harness(qtbot) as h:
        yield h
