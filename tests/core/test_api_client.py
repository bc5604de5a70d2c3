"""TripletexClient against respx mocks: sessions, auth, errors, retries, rate limits, paging, redaction."""

from __future__ import annotations

import base64
import datetime as dt
import json
import logging
import ssl
from email.utils import format_datetime

import httpx
import pytest
import respx

from tripletex_desktop.core import errors as e
from tripletex_desktop.core.api import ConnectionTarget, TripletexClient, make_http_client, oslo_today
from tripletex_desktop.core.api.call import CHECKSUM_REQUEST
from tripletex_desktop.core.api.company import selector_tag
from tripletex_desktop.core.api.parse import EMPLOYEE_FIELDS
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.models import Environment

BASE = "https://tripletex.no/v2"
EMP = "emp-SECRET-token-1111"
CONS = "cons-SECRET-token-2222"
SESSION = "sess-SECRET-3333"
SESSION2 = "sess-SECRET-4444"
DAY = dt.date(2026, 1, 10)


class Clock:
    """A fake monotonic clock."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class Today:
    """A fake Oslo date."""

    def __init__(self, day: dt.date = DAY) -> None:
        self.day = day

    def __call__(self) -> dt.date:
        return self.day


@pytest.fixture
def router():
    with respx.mock(base_url=BASE, assert_all_called=False) as r:
        r.post("/token/session/:create", name="session").respond(201, json={"value": {"token": SESSION}})
        yield r


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def make(sleeps, clock):
    made: list[TripletexClient] = []

    def _make(env: Environment = Environment.PRODUCTION, token: str = EMP, **kw) -> TripletexClient:
        base = "https://api-test.tripletex.tech/v2" if env is Environment.TEST else BASE
        target = ConnectionTarget.for_environment(env, CONS, base_url=base)
        kw.setdefault("today", Today())
        kw.setdefault("sleep", sleeps.append)
        kw.setdefault("random", lambda: 0.5)
        kw.setdefault("clock", clock)
        client = TripletexClient(make_http_client(target), target, token, **kw)
        made.append(client)
        return client

    return _make


def basic(request: httpx.Request) -> tuple[str, str]:
    scheme, _, value = request.headers["Authorization"].partition(" ")
    assert scheme == "Basic"
    user, _, password = base64.b64decode(value).decode().partition(":")
    return user, password


def error_body(status: int, code: int, message: str = "Feil", request_id: str = "rid-1", **extra) -> dict:
    return {"status": status, "code": code, "message": message, "requestId": request_id, **extra}


# --- sessions -------------------------------------------------------------------------------------------


def test_open_session_posts_json_body_without_auth(router, make):
    make().open_session()
    request = router["session"].calls.last.request
    assert json.loads(request.content) == {
        "consumerToken": CONS,
        "employeeToken": EMP,
        "expirationDate": "2026-01-13",
    }
    assert "Authorization" not in request.headers
    assert EMP not in str(request.url) and CONS not in str(request.url)
    assert request.headers["Content-Type"].startswith("application/json")


def test_basic_auth_username_is_zero_or_client_id_and_summary_paths_are_encoded(router, make):
    who = router.get("/token/session/%3EwhoAmI").respond(
        200, json={"value": {"employeeId": 7, "companyId": 99, "company": {"name": "X"}}}
    )
    client = make()
    client.who_am_i()
    client.who_am_i(4242)
    first, second = (c.request for c in who.calls)
    assert basic(first) == ("0", SESSION)
    assert basic(second) == ("4242", SESSION)
    assert first.url.raw_path.startswith(b"/v2/token/session/%3EwhoAmI")
    assert router["session"].call_count == 1


@pytest.mark.parametrize("token", ["", "   ", "\n\t", "abc def", "abc\ndef"])
def test_malformed_tokens_are_refused_before_any_request(router, make, token):
    with pytest.raises(e.MalformedToken):
        make(token=token).open_session()
    assert router["session"].call_count == 0


def test_surrounding_whitespace_and_line_breaks_are_stripped(router, make):
    make(token=f"  {EMP}\r\n").open_session()
    assert json.loads(router["session"].calls.last.request.content)["employeeToken"] == EMP


def test_test_token_on_production_is_refused_before_any_request(router, make):
    with pytest.raises(e.TestTokenOnProduction):
        make(token="test-abc").open_session()
    assert router["session"].call_count == 0


def _session_answer(router, status: int, body: dict) -> None:
    router["session"].respond(status, json=body)


@pytest.mark.parametrize(
    ("env", "token", "status", "field", "expected"),
    [
        (Environment.PRODUCTION, EMP, 422, "arg:consumerToken", e.ConsumerTokenInvalid),
        (Environment.PRODUCTION, EMP, 422, "consumerToken", e.ConsumerTokenInvalid),
        (Environment.PRODUCTION, EMP, 422, "arg:employeeToken", e.EmployeeTokenInvalid),
        (Environment.PRODUCTION, EMP, 422, "employeeToken", e.EmployeeTokenInvalid),
        (Environment.DEMO, "test-demo", 422, "arg:employeeToken", e.WrongEnvironment),
        (Environment.DEMO, "test-demo", 422, "employeeToken", e.WrongEnvironment),
        # test tokens need not start with test- any more: a refused token in TEST is just unknown
        (Environment.TEST, EMP, 422, "arg:employeeToken", e.EmployeeTokenInvalid),
        (Environment.TEST, EMP, 422, "employeeToken", e.EmployeeTokenInvalid),
        (Environment.TEST, "test-abc", 422, "arg:employeeToken", e.EmployeeTokenInvalid),
        (Environment.CUSTOM, "test-abc", 422, "arg:employeeToken", e.EmployeeTokenInvalid),
        (Environment.PRODUCTION, EMP, 401, None, e.EmployeeTokenExpired),
        (Environment.PRODUCTION, EMP, 422, "request body", e.ValidationFailed),
        # no Date header to correct the date with: the clock is the likely culprit
        (Environment.PRODUCTION, EMP, 422, "arg:expirationDate", e.ClockWrong),
        (Environment.PRODUCTION, EMP, 422, "expirationDate", e.ClockWrong),
    ],
)
def test_session_creation_failures(make, env, token, status, field, expected):
    base = "https://api-test.tripletex.tech/v2" if env is Environment.TEST else BASE
    with respx.mock(base_url=base) as r:
        messages = [{"field": field, "message": "Ugyldig"}] if field else []
        code = 3000 if status == 401 else 18000
        r.post("/token/session/:create").respond(
            status, json=error_body(status, code, validationMessages=messages, request_id="rid-s")
        )
        with pytest.raises(expected) as info:
            make(env=env, token=token).open_session()
    assert type(info.value) is expected
    assert info.value.request_id == "rid-s"
    assert info.value.status == status


def _http_date(day: dt.date, hour: int = 10) -> str:
    return format_datetime(dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC), usegmt=True)


@pytest.mark.parametrize("field", ["arg:expirationDate", "expirationDate"])
def test_a_pc_clock_days_behind_takes_the_date_from_tripletex(make, field):
    real = DAY + dt.timedelta(days=5)  # the PC thinks it is DAY; Tripletex knows better
    seen: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        expiration = json.loads(request.content)["expirationDate"]
        seen.append(expiration)
        headers = {"Date": _http_date(real)}
        if dt.date.fromisoformat(expiration) <= real:
            body = error_body(422, 18000, validationMessages=[{"field": field, "message": "Ugyldig dato"}])
            return httpx.Response(422, json=body, headers=headers)
        return httpx.Response(201, json={"value": {"token": SESSION}}, headers=headers)

    with respx.mock(base_url=BASE) as r:
        r.post("/token/session/:create").mock(side_effect=answer)
        client = make()
        client.open_session()
    assert seen == ["2026-01-13", "2026-01-18"]
    assert client.clock_skew_days == 5
    assert client.today() == real
    assert client.session_expiration == dt.date(2026, 1, 18)


def test_a_clock_ahead_is_noticed_from_a_successful_answer(make):
    real = DAY - dt.timedelta(days=4)
    with respx.mock(base_url=BASE) as r:
        r.post("/token/session/:create").respond(
            201, json={"value": {"token": SESSION}}, headers={"Date": _http_date(real)}
        )
        client = make()
        client.open_session()
    assert client.clock_skew_days == -4
    assert client.today() == real


def test_dates_that_agree_leave_the_clock_alone(router, make):
    router["session"].respond(201, json={"value": {"token": SESSION}}, headers={"Date": _http_date(DAY, 22)})
    client = make()
    client.open_session()
    assert client.clock_skew_days is None  # 22:00 UTC is 23:00 in Oslo: the same day


def test_a_refused_date_that_matches_tripletex_is_clock_wrong_without_a_loop(make):
    with respx.mock(base_url=BASE) as r:
        route = r.post("/token/session/:create").respond(
            422,
            json=error_body(422, 18000, validationMessages=[{"field": "expirationDate", "message": "x"}]),
            headers={"Date": _http_date(DAY)},
        )
        with pytest.raises(e.ClockWrong):
            make().open_session()
    assert route.call_count == 1


def test_session_recreated_after_midnight_in_oslo(router, make):
    router["session"].side_effect = [
        httpx.Response(201, json={"value": {"token": SESSION}}),
        httpx.Response(201, json={"value": {"token": SESSION2}}),
    ]
    route = router.get("/travelExpense/settings").respond(200, json={"value": {}})
    today = Today(DAY)
    client = make(today=today)
    client.company(0).travel_expense_settings()
    assert client.session_expiration == dt.date(2026, 1, 13)
    today.day = dt.date(2026, 1, 11)  # still two days left: same session
    client.company(0).travel_expense_settings()
    assert router["session"].call_count == 1
    today.day = dt.date(2026, 1, 12)  # the day before expirationDate: re-create first
    client.company(0).travel_expense_settings()
    assert router["session"].call_count == 2
    assert json.loads(router["session"].calls.last.request.content)["expirationDate"] == "2026-01-15"
    assert basic(route.calls.last.request) == ("0", SESSION2)


def test_oslo_today_uses_norwegian_date():
    late_utc = dt.datetime(2026, 1, 10, 23, 30, tzinfo=dt.UTC)
    assert oslo_today(late_utc) == dt.date(2026, 1, 11)
    summer = dt.datetime(2026, 6, 30, 21, 59, tzinfo=dt.UTC)
    assert oslo_today(summer) == dt.date(2026, 6, 30)
    assert oslo_today(dt.datetime(2026, 6, 30, 22, 0, tzinfo=dt.UTC)) == dt.date(2026, 7, 1)


def test_401_once_recreates_session_and_retries(router, make):
    router.route(method="DELETE", name="end_session").respond(204)  # the superseded session is ended
    router["session"].side_effect = [
        httpx.Response(201, json={"value": {"token": SESSION}}),
        httpx.Response(201, json={"value": {"token": SESSION2}}),
    ]
    route = router.get("/travelExpense/settings")
    route.side_effect = [
        httpx.Response(401, json=error_body(401, 3000)),
        httpx.Response(200, json={"value": {"useRates": False}}),
    ]
    settings = make().company(5).travel_expense_settings()
    assert settings.use_rates is False
    assert router["session"].call_count == 2
    assert [basic(c.request) for c in route.calls] == [("5", SESSION), ("5", SESSION2)]
    # the superseded session is ended (it may still be alive when only one context refused it)
    assert [c.request.url.path for c in router["end_session"].calls] == [f"/v2/token/session/{SESSION}"]


def test_401_twice_is_authentication_failed(router, make):
    router.route(method="DELETE", name="end_session").respond(204)  # the superseded session is ended
    router.get("/travelExpense/settings").respond(401, json=error_body(401, 3000, request_id="rid-401"))
    with pytest.raises(e.AuthenticationFailed) as info:
        make().company(0).travel_expense_settings()
    assert type(info.value) is e.AuthenticationFailed
    assert info.value.request_id == "rid-401"
    assert router["session"].call_count == 2


def test_401_only_under_a_client_id_makes_that_client_unreachable(router, make):
    router.route(method="DELETE", name="end_session").respond(204)  # the superseded session is ended
    router.get("/travelExpense/settings").respond(401, json=error_body(401, 3000, request_id="rid-c"))
    who = router.get("/token/session/%3EwhoAmI").respond(200, json={"value": {"companyId": 1}})
    client = make()
    with pytest.raises(e.ClientNotReachable) as info:
        client.company(4242).travel_expense_settings()
    assert info.value.request_id == "rid-c"
    assert basic(who.calls.last.request) == ("0", SESSION)  # the renewed session works for the own company
    # the own company keeps working with the same session
    router.get("/employee").respond(200, json={"values": []})
    client.company(0).employees()
    assert router["session"].call_count == 2


def test_401_under_a_client_id_when_the_own_company_fails_too_is_authentication_failed(router, make):
    router.route(method="DELETE", name="end_session").respond(204)  # the superseded session is ended
    router.get("/travelExpense/settings").respond(401, json=error_body(401, 3000))
    router.get("/token/session/%3EwhoAmI").respond(401, json=error_body(401, 3000))
    with pytest.raises(e.AuthenticationFailed) as info:
        make().company(4242).travel_expense_settings()
    assert type(info.value) is e.AuthenticationFailed


def test_401_on_a_write_is_repeated_once_after_a_new_session(router, make):
    router.route(method="DELETE", name="end_session").respond(204)  # the superseded session is ended
    route = router.post("/travelExpense")
    route.side_effect = [
        httpx.Response(401, json=error_body(401, 3000)),
        httpx.Response(201, json={"value": {"id": 3}}),
    ]
    assert make().company(0).create_travel_expense({"title": "x"}) == {"id": 3}
    assert route.call_count == 2


# --- error mapping ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "code", "expected"),
    [
        (400, 11000, e.BadRequest),
        (403, 9000, e.PermissionDenied),
        (404, 6000, e.NotFound),
        (409, 8000, e.Conflict),
        (422, 18000, e.ValidationFailed),
        (500, 1000, e.ServerError),
        (503, None, e.ServerError),
        (418, None, e.ApiError),
    ],
)
def test_status_codes_map_to_error_classes(router, make, status, code, expected):
    messages = [{"field": "title", "message": "Kan ikke være null", "rootId": 4}]
    router.get("/employee").respond(
        status, json=error_body(status, code, "Nei", "rid-x", validationMessages=messages)
    )
    with pytest.raises(e.ApiError) as info:
        make(max_retries=0).company(0).employees()
    err = info.value
    assert type(err) is expected
    assert (err.status, err.tripletex_code, err.request_id) == (status, code, "rid-x")
    assert (err.method, err.path) == ("GET", "/employee")
    assert err.validation_messages[0].field == "title"
    assert err.validation_messages[0].row_id == 4
    assert "fields=" not in str(err) and "count=" not in str(err)


def test_request_id_falls_back_to_header(router, make):
    router.get("/employee").respond(404, text="not json", headers={"x-tlx-request-id": "hdr-rid"})
    with pytest.raises(e.NotFound) as info:
        make().company(0).employees()
    assert info.value.request_id == "hdr-rid"


def test_rate_limited_after_retries_keeps_retry_after(router, make, sleeps):
    router.get("/employee").respond(429, json=error_body(429, None), headers={"X-Rate-Limit-Reset": "9"})
    with pytest.raises(e.RateLimited) as info:
        make(max_retries=2).company(0).employees()
    assert info.value.retry_after == 9.0
    assert sleeps == [9.0, 9.0]


def _ssl_connect_error() -> httpx.ConnectError:
    try:
        try:
            raise ssl.SSLCertVerificationError(1, "certificate verify failed")
        except ssl.SSLError as inner:
            raise httpx.ConnectError("handshake failed") from inner
    except httpx.ConnectError as outer:
        return outer


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (httpx.ConnectError("[Errno 111] Connection refused"), e.NetworkUnavailable),
        (httpx.RemoteProtocolError("Server disconnected"), e.NetworkUnavailable),
        (httpx.ProxyError("407 Proxy Authentication Required"), e.ProxyError),
        (httpx.ReadTimeout("timed out"), e.RequestTimeout),
        (httpx.ConnectTimeout("timed out"), e.RequestTimeout),
        (httpx.ConnectError("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed"), e.TlsError),
    ],
)
def test_network_failures_map_to_transport_errors(router, make, exc, expected):
    router.get("/employee").mock(side_effect=exc)
    with pytest.raises(expected) as info:
        make(max_retries=0).company(0).employees()
    assert type(info.value) is expected


def test_tls_failure_found_in_the_exception_chain(sleeps):
    """httpx chains the ssl.SSLError as the cause; respx would replace the cause, so use MockTransport."""
    target = ConnectionTarget.for_environment(Environment.PRODUCTION, CONS)

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith(":create"):
            return httpx.Response(201, json={"value": {"token": SESSION}})
        raise _ssl_connect_error()

    http = make_http_client(target, transport=httpx.MockTransport(handler))
    client = TripletexClient(http, target, EMP, sleep=sleeps.append, today=Today(), max_retries=0)
    with pytest.raises(e.TlsError):
        client.company(0).employees()


# --- retries ----------------------------------------------------------------------------------------------


def test_reads_retry_5xx_and_network_errors_with_backoff(router, make, sleeps):
    route = router.get("/employee")
    route.side_effect = [
        httpx.Response(503),
        httpx.ConnectError("refused"),
        httpx.Response(502),
        httpx.Response(200, json={"values": [{"id": 1, "firstName": "Kari", "lastName": "N"}]}),
    ]
    page = make().company(0).employees()
    assert [emp.id for emp in page.values] == [1]
    assert sleeps == [1.0, 2.0, 4.0]
    assert route.call_count == 4


def test_backoff_jitter_comes_from_the_injected_random(router, make, sleeps):
    router.get("/employee").side_effect = [
        httpx.Response(500),
        httpx.Response(500),
        httpx.Response(200, json={"values": []}),
    ]
    make(random=lambda: 0.0).company(0).employees()
    assert sleeps == [0.5, 1.0]


def test_reads_give_up_after_max_retries(router, make, sleeps):
    route = router.get("/employee").respond(500, json=error_body(500, 1000, request_id="rid-500"))
    with pytest.raises(e.ServerError) as info:
        make(max_retries=3).company(0).employees()
    assert info.value.request_id == "rid-500"
    assert route.call_count == 4
    assert sleeps == [1.0, 2.0, 4.0]


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (httpx.Response(503), e.ServerError),
        (httpx.ConnectError("reset"), e.NetworkUnavailable),
        (httpx.ReadTimeout("timed out"), e.RequestTimeout),
    ],
)
def test_writes_are_never_retried_on_unknown_outcome(router, make, sleeps, answer, expected):
    route = router.post("/travelExpense")
    route.side_effect = [answer, httpx.Response(201, json={"value": {"id": 1}})]
    with pytest.raises(expected):
        make().company(0).create_travel_expense({"title": "Oslo"})
    assert route.call_count == 1
    assert sleeps == []


def test_429_on_a_write_is_retried_after_the_reset(router, make, sleeps):
    route = router.post("/travelExpense")
    route.side_effect = [
        httpx.Response(429, headers={"X-Rate-Limit-Reset": "3"}),
        httpx.Response(201, json={"value": {"id": 8}}),
    ]
    assert make().company(0).create_travel_expense({"title": "Oslo"}) == {"id": 8}
    assert sleeps == [3.0]


def test_429_with_reset_header_waits_for_the_reset(router, make, sleeps):
    route = router.get("/employee")
    route.side_effect = [
        httpx.Response(429, headers={"X-Rate-Limit-Reset": "7", "X-Rate-Limit-Remaining": "0"}),
        httpx.Response(200, json={"values": []}),
    ]
    make().company(0).employees()
    assert sleeps == [7.0]
    assert route.call_count == 2


def test_429_without_reset_header_backs_off_exponentially_capped(router, make, sleeps):
    route = router.get("/employee")
    route.side_effect = [httpx.Response(429)] * 8 + [httpx.Response(200, json={"values": []})]
    make(max_retries=8).company(0).employees()
    assert sleeps == [1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 60.0, 60.0]


def test_429_without_reset_header_uses_the_last_seen_period_end(router, make, sleeps, clock):
    route = router.get("/employee")
    route.side_effect = [
        httpx.Response(
            200, json={"values": []}, headers={"X-Rate-Limit-Reset": "10", "X-Rate-Limit-Remaining": "5"}
        ),
        httpx.Response(429),
        httpx.Response(200, json={"values": []}),
    ]
    company = make().company(0)
    company.employees()
    clock.now = 3.0
    company.employees()
    assert sleeps == [7.0]


def test_remaining_zero_waits_for_the_reset_before_the_next_call(router, make, sleeps, clock):
    route = router.get("/employee")
    route.side_effect = [
        httpx.Response(
            200, json={"values": []}, headers={"X-Rate-Limit-Reset": "5", "X-Rate-Limit-Remaining": "0"}
        ),
        httpx.Response(200, json={"values": []}),
    ]
    company = make().company(0)
    company.employees()
    assert sleeps == []
    clock.now = 1.5
    company.employees()
    assert sleeps == [3.5]


# --- cancel ------------------------------------------------------------------------------------------------


def test_cancel_before_a_request_sends_nothing(router, make):
    cancel = CancelToken()
    cancel.cancel()
    route = router.get("/employee").respond(200, json={"values": []})
    with pytest.raises(e.Cancelled):
        make(cancel=cancel).company(0).employees()
    assert route.call_count == 0 and router["session"].call_count == 0


def test_cancel_interrupts_the_backoff_wait_with_the_default_sleep(router, make):
    cancel = CancelToken()

    def fail_and_cancel(request: httpx.Request) -> httpx.Response:
        cancel.cancel()
        return httpx.Response(503)

    route = router.get("/employee").mock(side_effect=fail_and_cancel)
    with pytest.raises(e.Cancelled):
        make(cancel=cancel, sleep=None).company(0).employees()  # default sleep: cancel.wait
    assert route.call_count == 1


def test_cancel_token_wait_returns_at_once_when_cancelled():
    token = CancelToken()
    assert token.wait(0) is False
    token.cancel()
    assert token.cancelled and token.wait(30) is True
    with pytest.raises(e.Cancelled):
        token.raise_if_cancelled()


# --- paging and checksums ------------------------------------------------------------------------------------


def _people(start: int, n: int) -> list[dict]:
    return [{"id": i, "firstName": f"F{i}", "lastName": "L"} for i in range(start, start + n)]


@pytest.mark.parametrize(("total", "requests"), [(0, 1), (1, 1), (2, 2), (4, 3), (5, 3)])
def test_paging_until_a_short_page(router, make, total, requests):
    people = _people(1, total)

    def answer(request: httpx.Request) -> httpx.Response:
        start, count = int(request.url.params["from"]), int(request.url.params["count"])
        chunk = people[start : start + count]
        # fullResultSize deliberately wrong: the client must not trust it.
        return httpx.Response(
            200, json={"fullResultSize": 1, "from": start, "count": len(chunk), "values": chunk}
        )

    route = router.get("/employee").mock(side_effect=answer)
    page = make(page_size=2).company(0).employees()
    assert [p.id for p in page.values] == [p["id"] for p in people]
    assert route.call_count == requests
    assert [c.request.url.params["from"] for c in route.calls] == [str(2 * i) for i in range(requests)]
    assert all(c.request.url.params["fields"].startswith("id,") for c in route.calls)


def test_checksum_first_read_then_304(router, make):
    route = router.get("/travelExpense/costCategory")
    route.side_effect = [
        httpx.Response(200, json={"versionDigest": "abc", "values": [{"id": 1, "description": "Fly"}]}),
        httpx.Response(304),
    ]
    company = make().company(3)
    first = company.cost_categories()
    stored = first.version_digest
    assert stored is not None and stored.endswith("|abc") and not first.not_modified
    assert route.calls[0].request.headers["If-None-Match"]  # some non-empty value turns checksums on
    assert route.calls[0].request.headers["If-None-Match"] != "*"
    second = company.cost_categories(if_none_match=stored)
    assert route.calls[1].request.headers["If-None-Match"] == "abc"  # the server's own digest
    assert second.not_modified and second.values == () and second.version_digest == stored


def test_a_digest_stored_for_other_fields_or_filters_is_not_sent(router, make):
    route = router.get("/travelExpense/costCategory").respond(
        200, json={"versionDigest": "new", "values": [{"id": 1, "description": "Fly"}]}
    )
    company = make().company(3)
    for stale in ("abc", "000000000000|abc", f"{selector_tag('/other', 'id')}|abc"):
        company.cost_categories(if_none_match=stale)
        assert route.calls.last.request.headers["If-None-Match"] == CHECKSUM_REQUEST
    tag = selector_tag("/x", "id,name", {"dateFrom": "2026-01-01", "from": 0, "count": 1000})
    assert tag == selector_tag("/x", "id,name", {"dateFrom": "2026-01-01"})  # paging is not the question
    assert tag != selector_tag("/x", "id,name", {"dateFrom": "2027-01-01"})
    assert tag != selector_tag("/x", "id,name,version", {"dateFrom": "2026-01-01"})


def test_checksum_only_on_first_page_and_dropped_for_multi_page_lists(router, make):
    route = router.get("/employee")
    route.side_effect = [
        httpx.Response(200, json={"versionDigest": "d1", "values": _people(1, 2)}),
        httpx.Response(200, json={"versionDigest": "d2", "values": _people(3, 1)}),
    ]
    company = make(page_size=2).company(0)
    old = f"{selector_tag('/employee', EMPLOYEE_FIELDS)}|old"
    page = company.employees(if_none_match=old)
    assert route.calls[0].request.headers["If-None-Match"] == "old"
    assert "If-None-Match" not in route.calls[1].request.headers
    assert page.version_digest is None and len(page.values) == 3


# --- writes and actions ------------------------------------------------------------------------------------------


def test_actions_send_ids_as_comma_list(router, make):
    deliver = router.put("/travelExpense/:deliver").respond(200, json={"values": [{"id": 1}, {"id": 2}]})
    approve = router.put("/travelExpense/:approve").respond(200, json={"values": [{"id": 1}]})
    company = make().company(0)
    assert company.deliver([1, 2]) == [{"id": 1}, {"id": 2}]
    assert deliver.calls.last.request.url.params["id"] == "1,2"
    company.approve([1], override_approval_flow=True)
    assert approve.calls.last.request.url.params["overrideApprovalFlow"] == "true"


def test_write_body_is_utf8_json(router, make):
    route = router.post("/travelExpense/mileageAllowance").respond(201, json={"value": {"id": 5}})
    make().company(0).create_mileage_allowance({"destination": "Tromsø", "km": 12.5})
    request = route.calls.last.request
    assert request.headers["Content-Type"] == "application/json; charset=utf-8"
    assert json.loads(request.content.decode("utf-8")) == {"destination": "Tromsø", "km": 12.5}


def test_upload_attachment_is_multipart(router, make):
    route = router.post("/travelExpense/12/attachment").respond(200, json={})
    make().company(0).upload_attachment(12, "kvittering.pdf", b"%PDF-1.4", "application/pdf")
    request = route.calls.last.request
    assert request.headers["Content-Type"].startswith("multipart/form-data")
    assert b'name="file"; filename="kvittering.pdf"' in request.content and b"%PDF-1.4" in request.content


def test_close_deletes_the_session_once_and_swallows_errors(router, make):
    route = router.delete(f"/token/session/{SESSION}").respond(500)
    client = make()
    client.open_session()
    client.close()
    client.close()
    assert route.call_count == 1
    assert basic(route.calls.last.request) == ("0", SESSION)


# --- redaction ----------------------------------------------------------------------------------------------------


def test_no_token_in_logs_errors_or_reprs(router, make, caplog):
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="httpx")  # storage.logs may have quietened it earlier
    router["session"].side_effect = [
        httpx.Response(
            422,
            json=error_body(
                422,
                18000,
                f"bad {CONS} and {EMP}",
                developerMessage=f"token={EMP}",
                validationMessages=[{"field": "arg:consumerToken", "message": CONS}],
            ),
        ),
        httpx.Response(201, json={"value": {"token": SESSION}}),
    ]
    client = make(max_retries=1)
    texts: list[str] = [repr(client), repr(client.target), repr(client.company(0))]
    with pytest.raises(e.ConsumerTokenInvalid) as info:
        client.open_session()
    texts += [str(info.value), repr(info.value), info.value.developer_message or ""]
    texts += [m.message for m in info.value.validation_messages]
    router.get("/employee").side_effect = [
        httpx.Response(500, json=error_body(500, 1000, f"echo {SESSION}")),
        httpx.ConnectError(f"failed for {SESSION}"),
    ]
    with pytest.raises(e.NetworkUnavailable) as net:
        client.company(0).employees()
    texts += [str(net.value), repr(net.value), repr(client)]
    router.delete(f"/token/session/{SESSION}").mock(side_effect=httpx.ConnectError(f"gone {SESSION}"))
    client.close()
    texts.append(caplog.text)
    for text in texts:
        for secret in (EMP, CONS, SESSION):
            assert secret not in text
    assert "GET /employee 500" in caplog.text  # the request log line is there, without secrets
    assert "/token/session/***" in caplog.text


def test_request_log_line_format(router, make, caplog):
    caplog.set_level(logging.DEBUG, logger="tripletex_desktop.api")
    router.get("/employee").respond(200, json={"values": []}, headers={"x-tlx-request-id": "rid-77"})
    make().company(0).employees()
    lines = [r.getMessage() for r in caplog.records if r.name == "tripletex_desktop.api"]
    assert any(
        line.startswith("GET /employee 200 ") and line.endswith("ms requestId=rid-77") for line in lines
    )
    assert not any("count=" in line or "fields=" in line for line in lines)


def test_httpx_request_log_masks_the_session_token_in_the_delete_path(router, make, caplog):
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="httpx")  # storage.logs may have quietened it earlier
    route = router.delete(f"/token/session/{SESSION}").respond(204)
    client = make()
    client.open_session()
    client.close()
    assert route.call_count == 1
    httpx_lines = [r.getMessage() for r in caplog.records if r.name == "httpx"]
    assert any("DELETE https://tripletex.no/v2/token/session/***" in line for line in httpx_lines)
    assert SESSION not in caplog.text and EMP not in caplog.text and CONS not in caplog.text


def test_a_2xx_that_is_not_json_is_a_server_error(router, make):
    router.get("/travelExpense/settings").respond(
        200, text="<html>proxy page</html>", headers={"x-tlx-request-id": "r-h"}
    )
    with pytest.raises(e.ServerError) as info:
        make().company(0).travel_expense_settings()
    assert info.value.request_id == "r-h"


@pytest.mark.parametrize("first", ["429", "401"])
def test_a_write_goes_out_within_the_rate_limit_allowance_or_not_at_all(router, make, clock, first):
    """Found in review: a write could wait out four 429s of a minute each (and as many again after a 401 and a new
    session) before it went out, twice the two minutes core.transfer.timing allows for rate-limit waiting. A
    process killed while that late request travelled got a grace period too short, and its successor could
    write the row again before the late one landed. A write now goes out within the allowance of the call's
    start, or raises RateLimited without being sent (not processed: the report stays queued)."""
    from tripletex_desktop.core.api.client import WRITE_WAIT_LIMIT_S
    from tripletex_desktop.core.transfer.timing import RATE_LIMIT_ALLOWANCE

    def sleep(seconds: float) -> None:
        clock.now += seconds

    sent_at: list[float] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent_at.append(clock.now)
        if first == "401" and len(sent_at) == 1:
            return httpx.Response(401, json=error_body(401, 3000))
        return httpx.Response(429, headers={"X-Rate-Limit-Reset": "50"})

    router.post("/travelExpense").mock(side_effect=answer)
    router.delete(f"/token/session/{SESSION}").respond(204)
    with pytest.raises(e.RateLimited):
        make(sleep=sleep, max_retries=8).company(0).create_travel_expense({"title": "Oslo"})
    assert len(sent_at) >= 2  # it did wait for the rate limit...
    assert max(sent_at) <= WRITE_WAIT_LIMIT_S  # ...but never sent after the allowance
    assert RATE_LIMIT_ALLOWANCE.total_seconds() == WRITE_WAIT_LIMIT_S  # what the grace period counts on
