"""Suite-wide set-up: offscreen Qt, an isolated home for every test, and an in-memory keyring."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Never the developer's real keychain: keyring resolves to the in-memory backend even in subprocesses.
os.environ["PYTHON_KEYRING_BACKEND"] = "tests.keyring_memory.TestMemoryKeyring"

import keyring  # noqa: E402
import pytest  # noqa: E402

from tests.keyring_memory import TestMemoryKeyring  # noqa: E402


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every path the app uses (config, data, logs, cache) lives under a fresh tmp dir."""
    home = tmp_path / "home"
    monkeypatch.setenv("TRIPLETEX_DESKTOP_HOME", str(home))
    monkeypatch.setenv("LANG", "en_US.UTF-8")
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
