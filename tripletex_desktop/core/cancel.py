"""A thread-safe cancel flag with an interruptible sleep, shared by the API client and the sync engine."""

from __future__ import annotations

import threading

from tripletex_desktop.core.errors import Cancelled


class CancelToken:
    """Set from any thread (usually the GUI's); checked by the worker between requests and during waits."""

    __slots__ = ("_event",)

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        """Request cancellation; wakes anything blocked in `wait`."""
        self._event.set()

    @property
    def cancelled(self) -> bool:
        """True once `cancel()` was called."""
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        """Raise `Cancelled` when cancellation was requested."""
        if self._event.is_set():
            raise Cancelled()

    def wait(self, seconds: float) -> bool:
        """Sleep up to `seconds`, returning early (True) as soon as the token is cancelled."""
        if seconds <= 0:
            return self._event.is_set()
        return self._event.wait(seconds)

    def __repr__(self) -> str:
        return f"CancelToken(cancelled={self.cancelled})"
