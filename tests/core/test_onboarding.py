"""connect / confirm_client / load_company_setup and permission probes through the client (respx)."""

from __future__ import annotations

import base64
import datetime as dt

import httpx
import pytest
import respx

from tripletex_desktop.core.api import ConnectionTarget, TripletexClient, make_http_client
from tripletex_desktop.core.api.parse import who_am_i
from tripletex_desktop.core.models import Environment
from tripletex_desktop.core.onboarding import ClientNotReachable, confirm_client, connect, load_company_setup
from tripletex_desktop.core.permissions import Verdict, check_company_permissions

BASE = "https://tripletex.no/v2"


def who_body(company_id: int, name: str = "Fjordlys Reiser AS") -> dict:
    return {
        "value": {
            "employeeId": 10,
            "companyId": company_id,
            "employee": {"id": 10, "firstName": "Kari", "lastName": "Nordmann"},
            "company": {"id": company_id, "name": name, "organizationNumber": "999888777"},
            "language": "NO",
            "employeeIsProxy": False,
        }
    }


def username(request: httpx.Request) -> str:
    return base64.b64decode(request.headers["Authorization"].split()[1]).decode().split(":")[0]


@pytest.fixture
def router():
    with respx.mock(base_url=BASE, assert_all_called=False) as r:
        r.post("/token/session/:create").respond(201, json={"value": {"token": "sess-x"}})
        yield r


@pytest.fixture
def client() -> TripletexClient:
    target = ConnectionTarget.for_environment(Environment.PRODUCTION, "consumer-x")
    return TripletexClient(
        make_http_client(target),
        target,
        "employee-x",
        today=lambda: dt.date(2026, 3, 1),
        sleep=lambda s: None,
    )


def test_connect_plain_token_yields_own_company(router, client):
    router.get("/token/session/%3EwhoAmI").respond(200, json=who_body(500))
    router.get("/company/%3EwithLoginAccess").respond(200, json={"values": []})
    result = connect(client)
    assert not result.is_accountant
    assert [(c.id, c.name, c.organization_number) for c in result.companies] == [
        (500, "Fjordlys Reiser AS", "999888777")
    ]
    assert result.who.employee_name == "Kari Nordmann"
    assert result.auth_id(500) == 0


def test_connect_accountant_lists_clients(router, client):
    router.get("/token/session/%3EwhoAmI").respond(200, json=who_body(900, "Tallknuser Regnskap AS"))
    clients = router.get("/company/%3EwithLoginAccess").respond(
        200,
        json={
            "values": [
                {"id": 501, "name": "Fjordlys Reiser AS", "type": "AS"},
                {"id": 502, "name": "Hansen Rørlegger", "type": "ENK"},
            ]
        },
    )
    result = connect(client)
    assert result.is_accountant
    assert [(c.id, c.company_type) for c in result.companies] == [(501, "AS"), (502, "ENK")]
    assert result.auth_id(501) == 501
    assert username(clients.calls.last.request) == "0"


def test_connect_treats_forbidden_client_list_as_plain_token(router, client):
    router.get("/token/session/%3EwhoAmI").respond(200, json=who_body(500))
    router.get("/company/%3EwithLoginAccess").respond(403, json={"status": 403, "code": 9000})
    assert not connect(client).is_accountant


def test_confirm_client(router, client):
    route = router.get("/token/session/%3EwhoAmI")
    route.side_effect = [httpx.Response(200, json=who_body(501)), httpx.Response(200, json=who_body(900))]
    assert confirm_client(client, 501).company_id == 501
    assert username(route.calls.last.request) == "501"
    with pytest.raises(ClientNotReachable):
        confirm_client(client, 502)


def test_confirm_client_forbidden_is_not_reachable(router, client):
    router.get("/token/session/%3EwhoAmI").respond(
        403, json={"status": 403, "code": 9000, "requestId": "r-9"}
    )
    with pytest.raises(ClientNotReachable) as info:
        confirm_client(client, 777)
    assert info.value.code == "client_not_reachable" and info.value.request_id == "r-9"


def test_load_company_setup(router, client):
    router.get("/travelExpense/costCategory").respond(
        200, json={"values": [{"id": 1, "description": "Kilometergodtgjørelse", "account": {"number": 7130}}]}
    )
    router.get("/travelExpense/paymentType").respond(
        200, json={"values": [{"id": 2, "description": "Privat utlegg"}]}
    )
    settings = router.get("/travelExpense/settings").respond(
        200, json={"value": {"perDiemNotCompensated": True}}
    )
    setup = load_company_setup(client, 501)
    assert setup.cost_categories[0].account_number == 7130
    assert setup.payment_types[0].label == "Privat utlegg"
    assert setup.settings.per_diem_not_compensated
    assert username(settings.calls.last.request) == "501"


def test_check_company_permissions_through_the_client(router, client):
    router.get("/travelExpense/settings").respond(200, json={"value": {}})
    router.get("/travelExpense", params={"employeeId": "10"}).respond(200, json={"values": [{"id": 1}]})
    router.get("/travelExpense").respond(200, json={"values": [{"id": 1, "employee": {"id": 11}}]})
    router.get("/project", params={"fields": "id"}).respond(200, json={"values": [{"id": 3}]})
    router.get("/project", params={"fields": "id,isClosed"}).respond(
        200, json={"values": [{"id": 3, "isClosed": True}]}
    )
    router.get("/project/settings").respond(403, json={"status": 403, "code": 9000, "requestId": "rid-ps"})
    router.get("/project").respond(
        200, json={"values": [{"id": 3, "accessType": "WRITE", "projectManager": {"id": 11}}]}
    )
    router.get("/company/501").respond(200, json={"value": {"id": 501, "name": "X"}})
    router.get("/employee").respond(200, json={"values": [{"id": 10}, {"id": 11}]})
    company = client.company(501)
    report = check_company_permissions(company, who_am_i(who_body(501)["value"]))
    verdicts = {r.key: r.verdict for r in report.results}
    assert verdicts.pop("project_settings") is Verdict.MISSING
    assert report.result("project_settings").request_id == "rid-ps"
    assert set(verdicts.values()) == {Verdict.GRANTED}
