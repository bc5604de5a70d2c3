"""Switchable faults: latency, queued error answers, dropped connections and a rate limit."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

DROP_WHEN = ("before_commit", "after_commit")


class ConnectionDropped(Exception):  # noqa: N818 - a simulated event, not a bug
    """Raised out of the WSGI app: the connection goes away without an answer."""

    def __init__(self, when: str) -> None:
        super().__init__(f"simulated connection drop ({when})")
        self.when = when


@dataclass
class _Rule:
    count: int
    method: str | None
    path_prefix: str | None
    status: int = 0
    when: str = ""

    def matches(self, method: str, path: str) -> bool:
        return (self.method is None or self.method.upper() == method) and (
            self.path_prefix is None or path.startswith(self.path_prefix)
        )


@dataclass
class RateLimit:
    """A fixed window of `limit` requests per `period_s` seconds."""

    limit: int
    period_s: int = 60
    omit_reset_header: bool = False
    window_start: float | None = None
    used: int = 0


@dataclass
class Faults:
    """What goes wrong next. Paths are API paths without /v2, e.g. "/travelExpense"."""

    latency_s: float = 0.0
    _fails: list[_Rule] = field(default_factory=list)
    _drops: list[_Rule] = field(default_factory=list)
    _rate: RateLimit | None = None
    #: the window reported when no limit is configured (counts down, never refuses)
    _default_window: RateLimit = field(default_factory=lambda: RateLimit(10000, 60))

    def fail_next(
        self, status: int, count: int = 1, method: str | None = None, path_prefix: str | None = None
    ) -> None:
        """Answer the next `count` matching requests with an ApiError of `status` (state untouched)."""
        self._fails.append(_Rule(count, method, path_prefix, status=status))

    def drop_next(
        self, when: str, method: str | None = "POST", path_prefix: str | None = None, count: int = 1
    ) -> None:
        """Drop the next `count` matching requests before the handler runs or after it committed."""
        if when not in DROP_WHEN:
            raise ValueError(f"when must be one of {DROP_WHEN}")
        self._drops.append(_Rule(count, method, path_prefix, when=when))

    def rate_limit(self, limit: int, period_s: int = 60, omit_reset_header: bool = False) -> None:
        """Allow `limit` requests per `period_s`; the next one in the window answers 429."""
        self._rate = RateLimit(limit, period_s, omit_reset_header)

    def clear(self) -> None:
        """No latency, no queued faults, no rate limit."""
        self.latency_s = 0.0
        self._fails.clear()
        self._drops.clear()
        self._rate = None

    # --- used by the simulator -------------------------------------------------------------------

    @staticmethod
    def _take(rules: list[_Rule], method: str, path: str) -> _Rule | None:
        for rule in rules:
            if rule.matches(method, path):
                rule.count -= 1
                if rule.count <= 0:
                    rules.remove(rule)
                return rule
        return None

    def take_fail(self, method: str, path: str) -> int | None:
        """The status to fail this request with, if one is queued."""
        rule = self._take(self._fails, method, path)
        return rule.status if rule else None

    def take_drop(self, method: str, path: str) -> str | None:
        """Either "before_commit" or "after_commit" when this request is to be dropped, else None."""
        rule = self._take(self._drops, method, path)
        return rule.when if rule else None

    def count_request(self, now: Callable[[], float]) -> tuple[bool, dict[str, str]]:
        """Count one request; returns (allowed, X-Rate-Limit-* headers).

        Without a configured limit the answers still carry a window that counts down as Tripletex's does
        (``X-Rate-Limit-Reset`` = seconds left in the current 60 s period, ``Remaining`` falling with each
        request), but it never refuses and never reports 0 remaining: a client that remembers the last seen
        reset for a 429 without the header then waits only for what is left of the period.
        """
        rate = self._rate
        enforce = rate is not None
        if rate is None:
            rate = self._default_window
        t = now()
        if rate.window_start is None or t >= rate.window_start + rate.period_s:
            rate.window_start, rate.used = t, 0
        rate.used += 1
        allowed = not enforce or rate.used <= rate.limit
        remaining = max(0 if enforce else 1, rate.limit - rate.used)
        headers = {"X-Rate-Limit-Limit": str(rate.limit), "X-Rate-Limit-Remaining": str(remaining)}
        if not rate.omit_reset_header:
            headers["X-Rate-Limit-Reset"] = str(max(1, math.ceil(rate.window_start + rate.period_s - t)))
        return allowed, headers
