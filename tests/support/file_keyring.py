"""A keyring backend for test subprocesses: a JSON file named by $TDK_TEST_KEYRING, so that a `tripletex-desktop`
started by a test finds the tokens the test stored (the in-memory test keyring dies with its process).

Only tests name it (PYTHON_KEYRING_BACKEND=tests.support.file_keyring.FileKeyring, or an instance with its file);
the suite always names its keyring, so keyring's own discovery never runs where this module is imported. It looks
secure to the app (priority 5) on purpose: the tests that use it are about the disk, the network and TLS, not about
the keyring.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

KEYRING_FILE_ENV = "TDK_TEST_KEYRING"


class FileKeyring(KeyringBackend):
    """Secrets in a JSON file (service -> username -> secret): `path`, else $TDK_TEST_KEYRING."""

    priority = 5  # type: ignore[assignment]
    __test__ = False

    def __init__(self, path: Path | None = None) -> None:
        super().__init__()
        self._file = path

    def _path(self) -> Path:
        return self._file or Path(os.environ[KEYRING_FILE_ENV])

    def _load(self) -> dict[str, dict[str, str]]:
        try:
            return json.loads(self._path().read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}

    def get_password(self, service: str, username: str) -> str | None:
        """The stored secret, or None."""
        return self._load().get(service, {}).get(username)

    def set_password(self, service: str, username: str, password: str) -> None:
        """Store a secret."""
        data = self._load()
        data.setdefault(service, {})[username] = password
        self._path().write_text(json.dumps(data), encoding="utf-8")

    def delete_password(self, service: str, username: str) -> None:
        """Delete a secret (PasswordDeleteError when there is none)."""
        data = self._load()
        if data.get(service, {}).pop(username, None) is None:
            raise PasswordDeleteError(username)
        self._path().write_text(json.dumps(data), encoding="utf-8")
