"""Storage test fixtures: never the developer's real keychain; a clean redaction registry per test."""

import logging

import keyring
import pytest

from tripletex_desktop.storage.logs import RedactingFilter
from tripletex_desktop.storage.secrets import MemoryKeyring


@pytest.fixture(autouse=True)
def _memory_keyring(monkeypatch):
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tripletex_desktop.storage.secrets.MemoryKeyring")
    backend = MemoryKeyring()
    monkeypatch.setattr(keyring.core, "_keyring_backend", backend)  # restored after the test
    assert keyring.get_keyring() is backend
    return backend


@pytest.fixture(autouse=True)
def _clean_secrets():
    RedactingFilter.clear_secrets()
    yield
    RedactingFilter.clear_secrets()


@pytest.fixture
def root_logger():
    """The root logger, with handlers and level restored after the test."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield root
    for h in list(root.handlers):
        if h not in handlers:
            root.removeHandler(h)
            h.close()
    root.setLevel(level)
    logging.captureWarnings(False)
