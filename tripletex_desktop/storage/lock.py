"""An inter-process lock per connection, so the GUI and the headless `sync` never sync one connection twice."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import filelock

from tripletex_desktop.core.errors import StorageError, SyncAlreadyRunning
from tripletex_desktop.storage.private import FILE_MODE, private_dir
from tripletex_desktop.storage.settings import map_os_error

_SAFE_ID = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


class ConnectionLock:
    """An OS file lock (flock / LockFileEx via `filelock`) on `<lock_dir>/<connection_id>.lock`.

    Not reentrant: a second `acquire` while held (by this object, another object, or another process)
    raises SyncAlreadyRunning. The OS drops the lock when the process dies, so a crash never leaves a stale lock.
    """

    def __init__(self, lock_dir: Path, connection_id: str) -> None:
        if not _SAFE_ID.match(connection_id):
            raise ValueError("connection id not usable as a file name")
        self.connection_id = connection_id
        self.path = Path(lock_dir) / f"{connection_id}.lock"
        self._lock = filelock.FileLock(self.path, mode=FILE_MODE, thread_local=False)
        self._state = threading.Lock()
        self._held = False

    @property
    def held(self) -> bool:
        """True while this object holds the lock."""
        return self._held

    def acquire(self, blocking: bool = False, timeout: float | None = None) -> ConnectionLock:
        """Take the lock; SyncAlreadyRunning if someone has it (after `timeout` seconds when blocking)."""
        with self._state:
            if self._held:
                raise SyncAlreadyRunning(self.connection_id)
            try:
                private_dir(self.path.parent)
                wait = (-1 if timeout is None else timeout) if blocking else 0
                self._lock.acquire(timeout=wait, blocking=blocking)
            except filelock.Timeout:
                raise SyncAlreadyRunning(self.connection_id) from None
            except OSError as exc:
                raise map_os_error(exc) from None
            self._held = True
        return self

    def release(self) -> None:
        """Let go of the lock (no-op when not held)."""
        with self._state:
            if not self._held:
                return
            try:
                self._lock.release(force=True)
            except OSError as exc:  # pragma: no cover - closing our own descriptor
                raise StorageError(f"errno:{exc.errno}") from None
            finally:
                self._held = False

    def __enter__(self) -> ConnectionLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()

    def __repr__(self) -> str:
        return f"ConnectionLock({self.connection_id!r}, held={self._held})"
