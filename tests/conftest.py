"""Suite-wide set-up: offscreen Qt, an isolated home, an in-memory keyring, and the GUI-thread network guard."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Never the developer's real keychain: keyring resolves to the in-memory backend even in subprocesses.
os.environ["PYTHON_KEYRING_BACKEND"] = "tests.keyring_memory.TestMemoryKeyring"

import httpx  # noqa: E402
import keyring  # noqa: E402
import pytest  # noqa: E402

from tests.keyring_memory import TestMemoryKeyring  # noqa: E402
from tests.support.reports import World, make_backend, make_world, sync_reference  # noqa: E402
from tripletex_desktop.services.reports import ReportsBackend  # noqa: E402
from tripletex_desktop.storage.db import Database  # noqa: E402


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every path the app uses (config, data, logs, cache) lives under a fresh tmp dir."""
    home = tmp_path / "home"
    monkeypatch.setenv("TRIPLETEX_DESKTOP_HOME", str(home))
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv(
        "LANGUAGE", raising=False
    )  # it would win over LANG (gettext's rule, cli.texts.language)
    yield home


@pytest.fixture(autouse=True)
def memory_keyring(request: pytest.FixtureRequest) -> Iterator[TestMemoryKeyring | None]:
    """Install a fresh in-memory keyring for each test (tests marked secret_service opt out)."""
    if request.node.get_closest_marker("secret_service"):
        yield None
        return
    previous = keyring.get_keyring()
    backend = TestMemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


#: Test folders whose code has a GUI thread: there, GUI code making an HTTP request on the main thread fails the test.
GUI_TEST_DIRS = ("ui", "workers")
_TESTS_ROOT = Path(__file__).resolve().parent


class GuiThreadNetworkIO(AssertionError):
    """An HTTP request was made on the GUI (main) thread."""


#: Modules that run on the GUI thread: a request made while one of them is on the main thread's stack is the
#: GUI thread doing network I/O. (A test body or fixture calling a Qt-free backend directly acts as the worker.)
GUI_MODULE_PREFIXES = ("tripletex_desktop.ui.", "tripletex_desktop.workers.", "tripletex_desktop.app.")


def gui_caller() -> str | None:
    """The innermost GUI-layer module on the current stack, if the current thread is the main thread."""
    if threading.current_thread() is not threading.main_thread():
        return None
    frame = sys._getframe(1)
    while frame is not None:
        name = frame.f_globals.get("__name__", "")
        if name.startswith(GUI_MODULE_PREFIXES):
            return f"{name}.{frame.f_code.co_name}"
        frame = frame.f_back
    return None


class GuiThreadNetworkGuard:
    """Records every HTTP request the GUI thread makes (method and path only: queries can carry tokens)."""

    def __init__(self) -> None:
        self.violations: list[str] = []
        self.requests = 0

    def check(self, request: httpx.Request) -> None:
        """Count the request; when GUI code on the main thread makes it, record it and raise GuiThreadNetworkIO."""
        self.requests += 1
        caller = gui_caller()
        if caller is not None:
            where = f"{request.method} {request.url.path} from {caller}"
            self.violations.append(where)
            raise GuiThreadNetworkIO(f"network I/O on the GUI thread: {where}")


def _has_gui_thread(path: Path) -> bool:
    try:
        parts = path.resolve().relative_to(_TESTS_ROOT).parts
    except ValueError:
        return False
    return bool(parts) and parts[0] in GUI_TEST_DIRS


@pytest.fixture(autouse=True)
def gui_thread_network_guard(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[GuiThreadNetworkGuard | None]:
    """In tests/ui and tests/workers, an httpx request (any client, any transport) made on the main thread while
    GUI-layer code is on the stack fails the test, even when that code swallows the raised error (teardown)."""
    if not _has_gui_thread(Path(str(request.node.path))):
        yield None
        return
    guard = GuiThreadNetworkGuard()
    original_send = httpx.Client.send

    def guarded_send(self: httpx.Client, req: httpx.Request, **kwargs: object) -> httpx.Response:
        guard.check(req)
        return original_send(self, req, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(httpx.Client, "send", guarded_send)
    yield guard
    assert guard.violations == [], f"HTTP requests on the GUI thread: {guard.violations}"


# --- the travel-report world: a simulator, a database with its synced lists, a ReportsBackend ----------------


@pytest.fixture
def world() -> World:
    """A fresh simulator world with the demo-all company."""
    return make_world()


@pytest.fixture
def db(tmp_path: Path, world: World) -> Iterator[Database]:
    """A database holding the world's synced reference data."""
    database = Database.open(tmp_path / "db.sqlite3")
    sync_reference(world, database)
    yield database
    database.close()


@pytest.fixture
def backend(world: World, db: Database) -> ReportsBackend:
    """A ReportsBackend for the world's company."""
    return make_backend(world, db)
