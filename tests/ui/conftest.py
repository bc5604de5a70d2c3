"""Fixtures of the GUI tests: the wizard's environments and the main window harness."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

import pytest

from tests.support.main_window import Harness
from tests.support.wizard import Env
from tools import i18n as i18n_tool
from tripletex_desktop.ui import i18n
from tripletex_desktop.workers.tasks import SyncRunner, ThreadPoolRunner


@pytest.fixture(scope="session", autouse=True)
def english_as_shipped(qapp, tmp_path_factory) -> Iterator[None]:
    """English as the app shows it: the catalogues compiled once (English's plural forms: "1 row", "7 rows",
    never the source's "row(s)"), found where the app looks, and English installed. A test that switches to
    Bokmål installs English again when it is done; its own compiled folder holds the same catalogues."""
    out = tmp_path_factory.mktemp("qm-session")
    i18n_tool.build(out)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(i18n, "i18n_dir", lambda: out)
        i18n.install_translators(qapp, "en")
        yield


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
