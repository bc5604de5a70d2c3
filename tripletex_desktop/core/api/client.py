"""TripletexClient: session lifecycle, Basic auth per company, retries, rate limits, error mapping, redaction."""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import logging
import random as _random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from tripletex_desktop.core import errors as e
from tripletex_desktop.core.api import parse
from tripletex_desktop.core.api.call import Call, encode_path, query_params
from tripletex_desktop.core.api.company import CompanyClient
from tripletex_desktop.core.api.error_map import (
    error_from_response,
    header_seconds,
    is_certificate_refused,
    request_id_of,
    transport_error,
)
from tripletex_desktop.core.api.limiter import DEFAULT_CONCURRENCY, RequestLimiter
from tripletex_desktop.core.api.redact import REDACTED, Redactor, install_log_redaction
from tripletex_desktop.core.api.target import (
    OSLO,
    TEST_TOKEN_PREFIX,
    ConnectionTarget,
    check_employee_token,
    normalize_token,
    oslo_today,
)
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.models import OWN_COMPANY, ClientCompany, Environment, WhoAmI

log = logging.getLogger("tripletex_desktop.api")

DEFAULT_PAGE_SIZE = 1000
#: A write goes out within this many seconds of its call (rate-limit waits, a free slot, a new session) or not
#: at all: core.transfer.timing's client limit (the grace period after an unanswered write) counts on it.
WRITE_WAIT_LIMIT_S = 120.0
BACKOFF_BASE = 1.0
BACKOFF_CAP = 60.0


def session_field(name: str | None) -> str:
    """A session-creation validation `field` without the legacy `arg:` prefix (#53 names `arg:employeeToken`;
    the JSON body form may name the body property `employeeToken`): both are classified alike."""
    return (name or "").strip().removeprefix("arg:")


def server_date(response: httpx.Response) -> dt.date | None:
    """The Europe/Oslo date of an answer's `Date` header (RFC 7231), None when absent or unreadable."""
    raw = response.headers.get("Date")
    if not raw:
        return None
    try:
        when = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(OSLO).date()


@dataclass(slots=True)
class _Session:
    token: str = field(repr=False)
    expiration_date: dt.date


class TripletexClient:
    """One employee token against one Tripletex environment; one session shared by all company contexts.

    Synchronous and Qt-free. Threads may share it (the sync's workers do): session creation is locked, and a
    RequestLimiter (core/api/limiter.py) keeps at most `concurrency` requests in flight, fewer as the period's
    rate budget runs low; a 429 or a spent budget holds every thread until the period resets.
    """

    def __init__(
        self,
        http: httpx.Client,
        target: ConnectionTarget,
        employee_token: str,
        *,
        today: Callable[[], dt.date] = oslo_today,
        sleep: Callable[[float], Any] | None = None,
        cancel: CancelToken | None = None,
        session_days: int = 3,
        max_retries: int = 4,
        random: Callable[[], float] = _random.random,
        clock: Callable[[], float] = time.monotonic,
        page_size: int = DEFAULT_PAGE_SIZE,
        concurrency: int = DEFAULT_CONCURRENCY,
    ) -> None:
        if session_days < 2:
            raise ValueError("session_days must be at least 2 (sessions are re-created a day early)")
        install_log_redaction()
        self._http = http
        self.target = target
        # Only surrounding whitespace is removed here; checks run in open_session (before any request).
        self._employee_token = (employee_token or "").strip()
        self._today = today
        self.cancel = cancel or CancelToken()
        self._sleep = sleep or self.cancel.wait
        self._session_days = session_days
        self._max_retries = max_retries
        self._random = random
        self._clock = clock
        self.page_size = page_size
        self._session: _Session | None = None
        self._session_lock = threading.Lock()
        self._redact = Redactor([self._employee_token, target.consumer_token])
        self._gate_until: float | None = None  # a 429, or X-Rate-Limit-Remaining hit 0: no call before this
        self.limiter = RequestLimiter(concurrency)
        self._period_end: float | None = None  # last seen X-Rate-Limit-Reset, as a clock deadline
        self._companies: dict[int, CompanyClient] = {}
        self.request_count = 0
        #: Tripletex's date minus this PC's date, in days, once an answer's `Date` header disagreed with
        #: `today()` (a PC clock that is off); session dates then follow Tripletex's. None: they agree.
        self.clock_skew_days: int | None = None

    def __repr__(self) -> str:
        state = "open" if self._session else "closed"
        return f"TripletexClient(environment={self.target.environment.value!r}, base_url={self.target.base_url!r}, session={state})"

    # --- session ------------------------------------------------------------------------------------

    @property
    def session_expiration(self) -> dt.date | None:
        """The `expirationDate` of the current session (None before `open_session`)."""
        return self._session.expiration_date if self._session else None

    def open_session(self) -> None:
        """Create a session now; raises the precise error (see docs/permissions.md) when Tripletex refuses."""
        with self._session_lock:
            self._create_session()

    def today(self) -> dt.date:
        """Today in Oslo as Tripletex sees it: this PC's date, moved by the skew a `Date` header showed."""
        return self._today() + dt.timedelta(days=self.clock_skew_days or 0)

    def _note_server_date(self, response: httpx.Response) -> bool:
        """Remember how far Tripletex's date is from this PC's; True when that changed the skew."""
        theirs = server_date(response)
        if theirs is None:
            return False
        skew = (theirs - self._today()).days or None
        if skew == self.clock_skew_days:
            return False
        if skew is not None:
            log.warning("this computer's date differs from Tripletex's by %+d day(s)", skew)
        self.clock_skew_days = skew
        return True

    def _ensure_session(self) -> _Session:
        with self._session_lock:
            session = self._session
            if session is None or self.today() >= session.expiration_date - dt.timedelta(days=1):
                session = self._create_session()
            return session

    def _renew_session(self, stale: _Session) -> _Session:
        with self._session_lock:
            if self._session is not None and self._session is not stale:
                return self._session  # another caller already renewed it
            fresh = self._create_session()
        # The old session may still be alive (a 401 that only one client company gave): end it, best effort.
        self._delete_session(stale)
        return fresh

    def _create_session(self) -> _Session:
        employee_token = check_employee_token(self._employee_token, self.target.environment)
        consumer_token = normalize_token(self.target.consumer_token)
        for _attempt in range(2):
            expiration = self.today() + dt.timedelta(days=self._session_days)
            body = {
                "consumerToken": consumer_token,
                "employeeToken": employee_token,
                "expirationDate": expiration.isoformat(),
            }
            call = Call(
                "POST", "/token/session/:create", company_id=None, body=body, content_type="application/json"
            )
            # Creating a session has no lasting effect, so it is retried like a read.
            response = self._exchange(call, idempotent=True)
            if response.status_code in (200, 201):
                break
            # A PC clock days off makes `expirationDate` wrong; the answer's Date header gives the real day.
            if not (self._expiration_refused(response) and self._note_server_date(response)):
                raise self._session_error(response, call)
        else:
            raise self._session_error(response, call)
        try:
            value = response.json()["value"]
            session = _Session(token=str(value["token"]), expiration_date=expiration)
        except (ValueError, KeyError, TypeError):
            raise e.ServerError(
                "session answer without a token",
                status=response.status_code,
                request_id=request_id_of(response),
                method=call.method,
                path=call.path,
            ) from None
        self._redact.add(session.token)
        self._session = session
        self._note_server_date(response)
        log.debug("session created, expires %s", expiration.isoformat())
        return session

    def _session_fields(self, response: httpx.Response, call: Call) -> set[str]:
        error = error_from_response(response, method=call.method, path=call.path, scrub=self._redact)
        return {session_field(m.field) for m in error.validation_messages}

    def _expiration_refused(self, response: httpx.Response) -> bool:
        if response.status_code != 422:
            return False
        try:
            messages = response.json().get("validationMessages") or []
        except (ValueError, AttributeError):
            return False
        return any(
            isinstance(m, dict) and session_field(m.get("field")) == "expirationDate" for m in messages
        )

    def _session_error(self, response: httpx.Response, call: Call) -> e.ApiError:
        """Session creation failures keyed on status and the validation `field` (docs/permissions.md).

        The field may carry the legacy `arg:` prefix or not; both are read alike. A refused employee token
        is "wrong environment" only when its shape proves it (`test-` outside the test environment): test
        tokens need not start with `test-` any more, so any other refusal is an unknown token.
        """
        fields = self._session_fields(response, call)
        cls: type[e.ApiError] | None = None
        if response.status_code == 401:
            cls = e.EmployeeTokenExpired
        elif response.status_code == 422 and "consumerToken" in fields:
            cls = e.ConsumerTokenInvalid
        elif response.status_code == 422 and "employeeToken" in fields:
            cls = e.WrongEnvironment if self._token_points_elsewhere() else e.EmployeeTokenInvalid
        elif response.status_code == 422 and "expirationDate" in fields:
            cls = e.ClockWrong
        return error_from_response(response, method=call.method, path=call.path, scrub=self._redact, cls=cls)

    def _token_points_elsewhere(self) -> bool:
        """Only a `test-` token outside the test environment is known to point elsewhere."""
        is_test_token = self._employee_token.startswith(TEST_TOKEN_PREFIX)
        return is_test_token and self.target.environment in (Environment.PRODUCTION, Environment.DEMO)

    def close(self) -> None:
        """Delete the session in Tripletex (errors swallowed); idempotent."""
        with self._session_lock:
            session, self._session = self._session, None
        if session is not None:
            self._delete_session(session)

    def _delete_session(self, session: _Session) -> None:
        """`DELETE /token/session/{token}`; errors are logged (redacted) and swallowed."""
        call = Call(
            "DELETE",
            f"/token/session/{session.token}",
            log_path=f"/token/session/{REDACTED}",
        )
        try:
            self._exchange(call, idempotent=False, session=session, check_cancel=False)
        except (e.TripletexDesktopError, httpx.HTTPError) as exc:
            log.debug("closing the session failed: %s", self._redact(str(exc)))

    # --- transport ------------------------------------------------------------------------------------

    def request(self, call: Call) -> httpx.Response:
        """Send `call` under its company's Basic auth; re-create the session once on 401; map errors.

        A 401 that a new session does not cure, under a client company's id while the session still works
        for the token's own company, means only that client is out of reach (an accountant's client that
        withdrew access): ClientNotReachable for that company, not a dead connection.
        """
        # a write goes out within WRITE_WAIT_LIMIT_S of this call (its journal intent) or not at all
        deadline = None if call.is_read else self._clock() + WRITE_WAIT_LIMIT_S
        session = self._ensure_session()
        response = self._exchange(call, idempotent=call.is_read, session=session, deadline=deadline)
        if response.status_code == 401:
            session = self._renew_session(session)
            response = self._exchange(call, idempotent=call.is_read, session=session, deadline=deadline)
            if (
                response.status_code == 401
                and call.company_id not in (None, OWN_COMPANY)
                and self._own_context_works(session)
            ):
                raise error_from_response(
                    response,
                    method=call.method,
                    path=call.safe_path,
                    scrub=self._redact,
                    cls=e.ClientNotReachable,
                )
        if response.status_code >= 400:
            raise error_from_response(response, method=call.method, path=call.safe_path, scrub=self._redact)
        return response

    def _own_context_works(self, session: _Session) -> bool:
        """whoAmI under the token's own company (username 0) answers 200 with this session."""
        probe = Call("GET", "/token/session/>whoAmI", company_id=OWN_COMPANY, params={"fields": "companyId"})
        try:
            return self._exchange(probe, idempotent=True, session=session).status_code == 200
        except (e.TripletexDesktopError, httpx.HTTPError):
            return False

    def request_json(self, call: Call) -> Any:
        """`request` and decode the JSON body (None for 204/304 or an empty body)."""
        return self.decode(self.request(call), call)

    @staticmethod
    def decode(response: httpx.Response, call: Call) -> Any:
        """The JSON of a successful answer; a 2xx that is not JSON is a ServerError (with its requestId)."""
        if response.status_code in (204, 304) or not response.content:
            return None
        try:
            return response.json()
        except ValueError:
            raise e.ServerError(
                "answer is not JSON",
                status=response.status_code,
                request_id=request_id_of(response),
                method=call.method,
                path=call.safe_path,
            ) from None

    def _exchange(
        self,
        call: Call,
        *,
        idempotent: bool,
        session: _Session | None = None,
        check_cancel: bool = True,
        deadline: float | None = None,
    ) -> httpx.Response:
        """Send with retries and rate-limit waits; returns the final answer (any status).

        `deadline` (a write): no attempt goes out after it. Waiting (the rate-limit gate, a free slot, a 429's
        reset) that would pass it ends the call with RateLimited, or with the 429 in hand, unsent.
        """
        attempt = 0
        while True:
            if check_cancel:
                self.cancel.raise_if_cancelled()
                self._wait_for_gate(deadline, call)
            started = self._clock()
            try:
                with self.limiter.slot(self.cancel if check_cancel else None):
                    self._check_deadline(deadline, call)
                    response = self._send_once(call, session)
            except httpx.TransportError as exc:
                error = transport_error(exc, method=call.method, path=call.safe_path)
                log.debug("%s %s failed: %s", call.method, call.safe_path, error.detail)
                if not idempotent or attempt >= self._max_retries or is_certificate_refused(exc):
                    raise error from None
                self._pause(self._backoff(attempt), check_cancel)
                attempt += 1
                continue
            elapsed_ms = (self._clock() - started) * 1000
            log.debug(
                "%s %s %d %.0fms requestId=%s",
                call.method,
                call.safe_path,
                response.status_code,
                elapsed_ms,
                request_id_of(response) or "-",
            )
            self._note_rate_headers(response)
            if attempt < self._max_retries:
                if response.status_code == 429:  # not processed: safe to repeat, even a write
                    wait = self._rate_limit_wait(response, attempt)
                    if deadline is not None and self._clock() + wait > deadline:
                        return response  # the write would go out too late: not sent, RateLimited
                    # every thread of this client holds until then (they share the token's budget)
                    self._gate_until = self._clock() + wait
                    if not check_cancel:
                        self._pause(wait, check_cancel)
                    attempt += 1
                    continue
                if response.status_code >= 500 and idempotent:
                    self._pause(self._backoff(attempt), check_cancel)
                    attempt += 1
                    continue
            return response

    def _send_once(self, call: Call, session: _Session | None) -> httpx.Response:
        headers = dict(call.headers or {})
        auth = None
        if session is not None and call.company_id is not None:
            auth = httpx.BasicAuth(str(call.company_id), session.token)
        content = None
        if call.body is not None:
            content = json.dumps(call.body, ensure_ascii=False).encode("utf-8")
            headers["Content-Type"] = call.content_type
        self.request_count += 1
        files = (
            {k: (name, data, ctype) for k, (name, data, ctype) in call.files.items()} if call.files else None
        )
        return self._http.request(
            call.method,
            encode_path(call.path),
            params=query_params(call.params),
            content=content,
            files=files,
            headers=headers,
            auth=auth,
        )

    # --- waiting ----------------------------------------------------------------------------------------

    def _pause(self, seconds: float, check_cancel: bool = True) -> None:
        if seconds > 0:
            log.debug("waiting %.2fs before the next request", seconds)
            self._sleep(seconds)
        if check_cancel:
            self.cancel.raise_if_cancelled()

    def _backoff(self, attempt: int) -> float:
        """Exponential from ~1 s, capped at ~60 s, with ±50 % jitter (random() == 0.5 → exact)."""
        delay = min(BACKOFF_CAP, BACKOFF_BASE * (2**attempt))
        return float(min(BACKOFF_CAP, delay * (0.5 + self._random())))

    def _note_rate_headers(self, response: httpx.Response) -> None:
        reset = header_seconds(response, "X-Rate-Limit-Reset")
        if reset is None:
            return
        now = self._clock()
        self._period_end = now + reset
        remaining = header_seconds(response, "X-Rate-Limit-Remaining")
        if response.status_code != 429:
            self.limiter.note_remaining(remaining)
        if remaining is not None and remaining <= 0 and response.status_code != 429:
            self._gate_until = now + reset

    def _rate_limit_wait(self, response: httpx.Response, attempt: int) -> float:
        """Honour `X-Rate-Limit-Reset`; without it (#103) wait for the last seen period end, else back off."""
        reset = header_seconds(response, "X-Rate-Limit-Reset")
        if reset is not None and reset > 0:
            return reset
        if self._period_end is not None:
            left = self._period_end - self._clock()
            if left > 0:
                return left
        return self._backoff(attempt)

    def _check_deadline(self, deadline: float | None, call: Call) -> None:
        if deadline is not None and self._clock() > deadline:
            raise e.RateLimited(
                "waiting (the rate limit, a new session) held this write past its allowance; not sent",
                status=429,
                method=call.method,
                path=call.safe_path,
            )

    def _wait_for_gate(self, deadline: float | None = None, call: Call | None = None) -> None:
        until = self._gate_until
        if until is None:
            return
        if deadline is not None and call is not None and until > deadline:
            raise e.RateLimited(
                "the rate limit holds this write past its allowance; not sent",
                status=429,
                method=call.method,
                path=call.safe_path,
            )
        left = until - self._clock()
        if left > 0:
            self._pause(left)
        if self._gate_until == until:  # nobody set a later one meanwhile
            self._gate_until = None

    # --- reads that are not per company ------------------------------------------------------------------

    def who_am_i(self, company_id: int = OWN_COMPANY) -> WhoAmI:
        """`GET /token/session/>whoAmI` in the context of `company_id`."""
        return self.company(company_id).who_am_i()

    def companies_with_login_access(self) -> list[ClientCompany]:
        """The client companies an accountant's token reaches (`GET /company/>withLoginAccess`, paged)."""
        page = self.company(OWN_COMPANY).read_list(
            "/company/>withLoginAccess",
            fields=parse.CLIENT_FIELDS,
            parse=parse.client_company,
            checksum=False,
        )
        return list(page.values)

    def company(self, company_id: int) -> CompanyClient:
        """The context for `company_id` (OWN_COMPANY = 0 for the token owner's own company)."""
        client = self._companies.get(company_id)
        if client is None:
            client = self._companies[company_id] = CompanyClient(self, company_id)
        return client
