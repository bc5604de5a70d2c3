"""A rate-limit gate shared by the companies of one run: after a 429, nobody sends until it resets."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Protocol


class Waitable(Protocol):
    """What the gate needs from a cancel token: an interruptible wait."""

    @property
    def cancelled(self) -> bool:
        """True once cancel() was called."""
        ...

    def wait(self, seconds: float) -> bool:
        """Wait up to `seconds`; True when cancelled meanwhile."""
        ...


class SharedBackoff:
    """Thread-safe "not before" time shared across the worker threads of one run.

    Limits are counted per employee per consumer (API-NOTES §5), so the companies of one connection share one
    budget. A 429 with `retry_after` blocks everybody until then; without it (Tripletex issue #103) the gate
    falls back to the last reset seen, else to exponential backoff from `initial` seconds capped at `cap`.
    """

    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.monotonic,
        initial: float = 1.0,
        cap: float = 60.0,
    ) -> None:
        self._clock = clock
        self._initial = initial
        self._cap = cap
        self._lock = threading.Lock()
        self._not_before = 0.0
        self._streak = 0
        self._last_retry_after: float | None = None

    def note_rate_limited(self, retry_after: float | None) -> float:
        """Record a 429; returns the number of seconds everyone now waits."""
        with self._lock:
            self._streak += 1
            if retry_after is not None and retry_after >= 0:
                self._last_retry_after = retry_after
                delay = min(max(retry_after, 0.0), self._cap)
            elif self._last_retry_after is not None and self._streak == 1:
                delay = min(self._last_retry_after, self._cap)
            else:
                delay = min(self._initial * (2 ** (self._streak - 1)), self._cap)
            self._not_before = max(self._not_before, self._clock() + delay)
            return delay

    def note_success(self) -> None:
        """A request went through: the exponential fallback starts again from `initial`."""
        with self._lock:
            self._streak = 0

    def remaining(self) -> float:
        """Seconds until requests may be sent again (0 when free)."""
        with self._lock:
            return max(0.0, self._not_before - self._clock())

    def wait(self, cancel: Waitable) -> bool:
        """Block until the gate opens or `cancel` fires; True when it waited at all."""
        waited = False
        while (left := self.remaining()) > 0:
            waited = True
            if cancel.wait(left):
                return waited
        return waited
