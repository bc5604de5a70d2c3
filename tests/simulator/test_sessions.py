"""Sessions: creation (POST/PUT), expiry by Oslo date, failures per docs/permissions.md, accountant usernames."""

import httpx

from tripletex_desktop.simulator import DEMO_CONSUMER_TOKEN, DEMO_TOKENS, Simulator

from .conftest import create_session, error, login


def test_post_creates_session_and_whoami_answers(client):
    login(client)
    response = client.get("/token/session/>whoAmI", params={"fields": "*,employee(*),company(*)"})
    assert response.status_code == 200
    value = response.json()["value"]
    assert value["employee"]["firstName"] == "Kari"
    assert value["company"]["name"] == "Fjordlys Reiser AS"
    assert value["companyId"] == value["company"]["id"]
    assert value["employeeIsProxy"] is False
    assert response.headers["x-tlx-request-id"]
    assert {"x-rate-limit-limit", "x-rate-limit-remaining", "x-rate-limit-reset"} <= set(response.headers)


def test_request_ids_are_fresh(client):
    login(client)
    ids = {client.get("/token/session/>whoAmI").headers["x-tlx-request-id"] for _ in range(3)}
    assert len(ids) == 3


def test_percent_encoded_summary_path(client):
    login(client)
    assert client.get("/token/session/%3EwhoAmI").status_code == 200


def test_legacy_put_creates_session(client):
    response = client.put(
        "/token/session/:create",
        params={
            "consumerToken": DEMO_CONSUMER_TOKEN,
            "employeeToken": "demo-all",
            "expirationDate": "2026-11-22",
        },
    )
    assert response.status_code == 200
    assert response.json()["value"]["expirationDate"] == "2026-11-22"


def test_session_dies_at_start_of_expiration_date(client, clock):
    login(client)  # expires 2026-11-23, today 2026-11-20
    clock.today = clock.today.replace(day=22)
    assert client.get("/token/session/>whoAmI").status_code == 200
    clock.today = clock.today.replace(day=23)
    response = client.get("/token/session/>whoAmI")
    assert response.status_code == 401
    assert error(response)[:2] == (401, 3000)


def test_session_creation_failures(client):
    def create(consumer="demo-consumer", employee="demo-all", expiration="2026-11-21"):
        return client.post(
            "/token/session/:create",
            json={"consumerToken": consumer, "employeeToken": employee, "expirationDate": expiration},
        )

    assert error(create(consumer="nope")) == (422, 18000, ["arg:consumerToken"])
    assert error(create(employee="nope")) == (422, 18000, ["arg:employeeToken"])
    assert error(create(employee="test-demo")) == (422, 18000, ["arg:employeeToken"])
    assert error(create(expiration="2026-11-20")) == (422, 18000, ["arg:expirationDate"])
    assert error(create(expiration="not a date")) == (422, 18000, ["arg:expirationDate"])
    assert error(create(employee="demo-expired"))[:2] == (401, 3000)
    assert create().status_code == 201


def test_test_environment_accepts_test_tokens(clock):
    sim = Simulator(environment="test", today=lambda: clock.today)
    with sim.http_client() as client:
        assert (
            client.post(
                "/token/session/:create",
                json={
                    "consumerToken": "demo-consumer",
                    "employeeToken": "test-demo-all",
                    "expirationDate": "2026-11-22",
                },
            ).status_code
            == 201
        )
        assert error(
            client.post(
                "/token/session/:create",
                json={
                    "consumerToken": "demo-consumer",
                    "employeeToken": "demo-all",
                    "expirationDate": "2026-11-22",
                },
            )
        )[2] == ["arg:employeeToken"]


def test_expired_employee_token_kills_running_sessions(client, sim):
    login(client)
    sim.expire_employee_token("demo-all")
    assert client.get("/token/session/>whoAmI").status_code == 401
    assert (
        client.post(
            "/token/session/:create",
            json={
                "consumerToken": DEMO_CONSUMER_TOKEN,
                "employeeToken": "demo-all",
                "expirationDate": "2026-11-22",
            },
        ).status_code
        == 401
    )


def test_missing_or_bad_auth_is_401(client):
    assert error(client.get("/employee"))[:2] == (401, 3000)
    client.auth = httpx.BasicAuth("0", "not-a-session")
    assert client.get("/employee").status_code == 401


def test_delete_session(client):
    session = login(client)
    assert client.delete(f"/token/session/{session}").status_code == 204
    assert client.get("/token/session/>whoAmI").status_code == 401


def test_accountant_under_username_zero_is_restricted(client, sim):
    login(client, "demo-accountant")
    whoami = client.get("/token/session/>whoAmI").json()["value"]
    assert whoami["companyId"] == sim.company_by_name("Tallknuser").id
    clients = client.get("/company/>withLoginAccess", params={"fields": "id,name,type"}).json()["values"]
    assert [c["name"] for c in clients] == ["Fjordlys Reiser AS", "Hansen Rørlegger", "Nordlys Bakeri AS"]
    assert [c["type"] for c in clients] == ["AS", "ENK", "AS"]
    for path in ("/employee", "/travelExpense/costCategory", "/travelExpense/settings"):
        assert error(client.get(path))[:2] == (403, 9000)


def test_accountant_reaches_clients_by_company_id(client, sim):
    session = login(client, "demo-accountant")
    hansen = sim.company_by_name("Hansen").id
    client.auth = httpx.BasicAuth(str(hansen), session)
    whoami = client.get("/token/session/>whoAmI").json()["value"]
    assert whoami["companyId"] == hansen
    assert whoami["employeeIsProxy"] is True
    employees = client.get("/employee", params={"fields": "firstName"}).json()["values"]
    assert employees == [{"firstName": "Per"}]


def test_unknown_client_company_is_403(client, sim):
    session = login(client, "demo-accountant")
    client.auth = httpx.BasicAuth(str(sim.company_by_name("Tallknuser").id + 99999), session)
    assert error(client.get("/token/session/>whoAmI"))[:2] == (403, 9000)
    session = login(client, "demo-all")
    client.auth = httpx.BasicAuth(str(sim.company_by_name("Hansen").id), session)
    assert error(client.get("/employee"))[:2] == (403, 9000)


def test_normal_token_has_no_login_access_clients(client):
    login(client)
    assert client.get("/company/>withLoginAccess").json()["values"] == []


def test_consumer_by_token(client):
    login(client)
    response = client.get(
        "/token/consumer/byToken", params={"token": DEMO_CONSUMER_TOKEN, "fields": "*,apiConsumer(*)"}
    )
    assert response.json()["value"]["apiConsumer"]["consumerName"].startswith("Tripletex Desktop")


def test_tokens_never_reach_the_request_log(client, sim):
    session = login(client)
    client.put(
        "/token/session/:create",
        params={
            "consumerToken": DEMO_CONSUMER_TOKEN,
            "employeeToken": "demo-all",
            "expirationDate": "2026-11-22",
        },
    )
    client.delete(f"/token/session/{session}")
    text = repr(sim.request_log)
    assert session not in text and "demo-all" not in text and DEMO_CONSUMER_TOKEN not in text
    assert sim.request_log[-1].path == "/token/session/***"


def test_demo_token_descriptions_cover_the_permissions_table():
    assert set(DEMO_TOKENS) == {
        "demo-all",
        "demo-limited",
        "demo-enk",
        "demo-accountant",
        "demo-expired",
        "demo-noproject",
        "test-demo",
    }
    assert create_session  # used by other modules


def test_session_error_fields_without_the_arg_prefix_and_expired_answered_like_unknown(client, sim):
    sim.quirks.session_field_prefix = ""
    sim.quirks.expired_token_status = 422

    def create(consumer="demo-consumer", employee="demo-all", expiration="2026-11-21"):
        return client.post(
            "/token/session/:create",
            json={"consumerToken": consumer, "employeeToken": employee, "expirationDate": expiration},
        )

    assert error(create(consumer="nope")) == (422, 18000, ["consumerToken"])
    assert error(create(employee="nope")) == (422, 18000, ["employeeToken"])
    assert error(create(employee="demo-expired")) == (422, 18000, ["employeeToken"])
    assert error(create(expiration="2026-11-20")) == (422, 18000, ["expirationDate"])
    sim.quirks.clear()
    assert error(create(employee="demo-expired"))[:2] == (401, 3000)


def test_every_answer_carries_a_date_header_from_the_simulator_clock(clock):
    import datetime as dt
    from email.utils import parsedate_to_datetime

    sim = Simulator(today=lambda: clock.today)
    with sim.http_client() as client:
        answer = client.get("/token/session/>whoAmI")  # even a 401
    when = parsedate_to_datetime(answer.headers["Date"])
    assert when.astimezone(dt.timezone(dt.timedelta(hours=1))).date() == clock.today
    fixed = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
    with Simulator(now=lambda: fixed).http_client() as client:
        assert client.get("/token/session/>whoAmI").headers["Date"] == "Sun, 01 Mar 2026 12:00:00 GMT"


def test_a_client_id_the_token_cannot_reach_is_403_or_with_the_knob_401(client, sim):
    session = login(client, "demo-all", username=sim.company_by_name("Nordlys").id)
    assert error(client.get("/token/session/>whoAmI"))[:2] == (403, 9000)
    sim.quirks.unreachable_client_status = 401
    assert error(client.get("/token/session/>whoAmI"))[:2] == (401, 3000)
    client.auth = httpx.BasicAuth("0", session)
    assert client.get("/token/session/>whoAmI").status_code == 200  # the session itself is fine
