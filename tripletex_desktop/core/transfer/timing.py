"""How long a write may still land after the app stopped waiting for it: the grace period before a rewrite.

Tripletex has no idempotency key, so a write whose answer never came (a timeout, a dropped connection, a
502/504 from a gateway, or a process killed mid-request) may still be committed later by a server that is
slow, not dead. If the next attempt searched, found nothing and wrote again before that late commit, the
report or line would exist twice. The app therefore never writes a step again until the earlier attempt
cannot land any more:

    settle_at = max(sent_at + CLIENT_WRITE_LIMIT, gave_up_at) + SERVER_PROCESSING_LIMIT

- ``sent_at`` is recorded in the journal just before each attempt is sent.
- ``gave_up_at`` is when this process stopped waiting (it closed the connection then, so the server has the
  whole request already or will never have it). A process that died mid-request has no such time; its
  successor runs under the same connection lock, so the dead process ended before the successor started:
  the successor records ``min(sent_at + GRACE, now + SERVER_PROCESSING_LIMIT)`` when it first sees the
  dead attempt and keeps that time.
- ``CLIENT_WRITE_LIMIT`` bounds how long one write call of `core.api.TripletexClient` can keep a request
  open after the journal recorded it: two minutes of waiting before the attempt that goes out (the
  rate-limit gate, 429 answers and their resets, a free request slot, a new session after a 401) — the
  client enforces it (`core.api.client.WRITE_WAIT_LIMIT_S`: a write that would go out later is not sent
  and raises RateLimited) — then the connect timeout (at most 10 s) and the request timeout twice: to send
  the body and to wait for the answer (`client_write_limit`; 3 min 10 s at the default 30 s timeout,
  `TRIPLETEX_DESKTOP_TIMEOUT` changes it).
- ``SERVER_PROCESSING_LIMIT`` (2 minutes) is **assumed**: Tripletex documents no server-side limit on how
  long a request may run before it is abandoned. Two minutes is above the usual gateway read timeouts
  (60 s) and above every answer time we know of for these endpoints; `conformance` cannot prove a bound.

Both are `WriteTiming` fields, so a test, the soak (whose proxy holds answers for a known time) or an
operator (`TRIPLETEX_DESKTOP_CLIENT_WRITE_LIMIT_S`, `TRIPLETEX_DESKTOP_SERVER_LIMIT_S`) can set them.
A step that is found by the search is adopted at once; the grace period only delays a *rewrite*.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass

#: The request timeout the app uses unless TRIPLETEX_DESKTOP_TIMEOUT says otherwise (seconds).
DEFAULT_REQUEST_TIMEOUT_S = 30.0
#: Waiting one write call may do before the attempt that goes out (see above; the API client enforces it as
#: core.api.client.WRITE_WAIT_LIMIT_S, the same value: a test holds them equal, and importing the client here
#: would load httpx wherever the timing is read).
RATE_LIMIT_ALLOWANCE = dt.timedelta(minutes=2)


def client_write_limit(request_timeout_s: float = DEFAULT_REQUEST_TIMEOUT_S) -> dt.timedelta:
    """One write call of the API client, from the journal's intent until the client gives up (see above)."""
    timeout = dt.timedelta(seconds=request_timeout_s)
    return RATE_LIMIT_ALLOWANCE + min(timeout, dt.timedelta(seconds=10)) + 2 * timeout


CLIENT_WRITE_LIMIT = client_write_limit()
#: ASSUMED: the longest Tripletex keeps processing a request it has received (see above).
SERVER_PROCESSING_LIMIT = dt.timedelta(minutes=2)

#: Environment variables that override the two limits (seconds), read by `WriteTiming.from_environment`.
CLIENT_LIMIT_ENV = "TRIPLETEX_DESKTOP_CLIENT_WRITE_LIMIT_S"
SERVER_LIMIT_ENV = "TRIPLETEX_DESKTOP_SERVER_LIMIT_S"


@dataclass(frozen=True, slots=True)
class WriteTiming:
    """The two limits that decide when an unanswered write can no longer land."""

    client_limit: dt.timedelta = CLIENT_WRITE_LIMIT
    server_limit: dt.timedelta = SERVER_PROCESSING_LIMIT

    @property
    def grace(self) -> dt.timedelta:
        """From an intent's `sent_at` until the attempt cannot land any more."""
        return self.client_limit + self.server_limit

    def after_giving_up(self, sent_at: dt.datetime, gave_up_at: dt.datetime) -> dt.datetime:
        """This process sent at `sent_at` and stopped waiting at `gave_up_at`: when the write can no longer land."""
        return max(sent_at + self.client_limit, gave_up_at) + self.server_limit

    def after_a_dead_attempt(self, sent_at: dt.datetime | None, now: dt.datetime) -> dt.datetime:
        """An attempt of a process that has died (we hold its lock now); `sent_at` None: recorded by a version
        that kept no time."""
        by_death = now + self.server_limit
        return by_death if sent_at is None else min(sent_at + self.grace, by_death)

    @classmethod
    def from_environment(
        cls, environ: Mapping[str, str] | None = None, *, request_timeout_s: float = DEFAULT_REQUEST_TIMEOUT_S
    ) -> WriteTiming:
        """The limits for a client with `request_timeout_s`, either overridden (whole seconds ≥ 0) by its
        environment variable."""
        env = os.environ if environ is None else environ

        def seconds(name: str, default: dt.timedelta) -> dt.timedelta:
            raw = (env.get(name) or "").strip()
            if not raw:
                return default
            try:
                value = int(raw)
            except ValueError:
                return default
            return dt.timedelta(seconds=value) if value >= 0 else default

        return cls(
            seconds(CLIENT_LIMIT_ENV, client_write_limit(request_timeout_s)),
            seconds(SERVER_LIMIT_ENV, SERVER_PROCESSING_LIMIT),
        )
