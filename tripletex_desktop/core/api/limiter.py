"""How many requests of one employee token may be in flight at once: a ceiling, narrowed by the rate budget.

Tripletex counts requests per employee per API consumer and period and says how many are left in every answer
(`X-Rate-Limit-Remaining`, `X-Rate-Limit-Reset`; exhausted, every call answers 429 until the period ends). It
publishes no numbers: the only figure seen is a limit of 100 per period in a sandbox (docs/performance.md). So the
client keeps up to `ceiling` requests in flight while the budget is wide, and fewer as it runs out — one more in
flight per HEADROOM_PER_SLOT requests left — so the last requests of a period go one at a time and never as a
burst of 429s. When the budget is spent, the client's gate holds every thread until the reset.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from tripletex_desktop.core.cancel import CancelToken

#: The default ceiling of requests in flight per employee token (docs/performance.md has the reasoning).
DEFAULT_CONCURRENCY = 8
#: The highest ceiling accepted from $TRIPLETEX_DESKTOP_CONCURRENCY.
MAX_CONCURRENCY = 32
#: Requests left in the period per request in flight: 100 left allows 8 (the default ceiling), 30 allow 3.
HEADROOM_PER_SLOT = 10
#: $TRIPLETEX_DESKTOP_CONCURRENCY: the ceiling, 1 to MAX_CONCURRENCY (1 = strictly one request at a time).
CONCURRENCY_ENV = "TRIPLETEX_DESKTOP_CONCURRENCY"


def concurrency_ceiling(environ: dict[str, str] | None = None) -> int:
    """The ceiling from $TRIPLETEX_DESKTOP_CONCURRENCY when it is a whole number from 1 to 32, else the default."""
    raw = (os.environ if environ is None else environ).get(CONCURRENCY_ENV, "").strip()
    if raw.isdigit() and 1 <= int(raw) <= MAX_CONCURRENCY:
        return int(raw)
    return DEFAULT_CONCURRENCY


class RequestLimiter:
    """A counting gate shared by the threads of one TripletexClient (thread-safe)."""

    def __init__(
        self, ceiling: int = DEFAULT_CONCURRENCY, headroom_per_slot: int = HEADROOM_PER_SLOT
    ) -> None:
        if ceiling < 1:
            raise ValueError("ceiling must be at least 1")
        self.ceiling = ceiling
        self._headroom = max(1, headroom_per_slot)
        self._limit = ceiling
        self._in_flight = 0
        self._peak = 0
        self._cond = threading.Condition()

    @property
    def limit(self) -> int:
        """Requests allowed in flight now."""
        with self._cond:
            return self._limit

    @property
    def peak(self) -> int:
        """The most requests that were in flight at once."""
        with self._cond:
            return self._peak

    def note_remaining(self, remaining: float | None) -> None:
        """An answer said how many requests are left in the period (None: it did not say; nothing changes)."""
        if remaining is None:
            return
        with self._cond:
            self._limit = max(1, min(self.ceiling, int(remaining) // self._headroom))
            self._cond.notify_all()

    @contextmanager
    def slot(self, cancel: CancelToken | None = None) -> Iterator[None]:
        """Hold one of the slots for one request; waits (cancellable) while all allowed slots are taken."""
        with self._cond:
            while self._in_flight >= self._limit:
                self._cond.wait(0.05)
                if cancel is not None:
                    cancel.raise_if_cancelled()
            self._in_flight += 1
            self._peak = max(self._peak, self._in_flight)
        try:
            yield
        finally:
            with self._cond:
                self._in_flight -= 1
                self._cond.notify()
