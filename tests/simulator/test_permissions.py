"""Permission behaviour per docs/permissions.md, for each demo token and after grant/revoke."""

import httpx
import pytest

from tests.contract.openapi_contract import ContractViolation

from .conftest import error, login


def test_client_fixture_is_contract_checked(client):
    login(client)
    with pytest.raises(ContractViolation):
        client.get("/employee", params={"pageSize": 1})


def probe(client):
    """The probes of docs/permissions.md: key -> what came back."""
    who = client.get("/token/session/>whoAmI").json()["value"]
    out = {}
    out["travel_settings"] = client.get("/travelExpense/settings").status_code
    r = client.get("/travelExpense", params={"employeeId": who["employeeId"], "count": 1, "fields": "id"})
    out["travel_register"] = r.status_code
    r = client.get("/travelExpense", params={"count": 50, "fields": "id,employee(id),actions(rel)"})
    values = r.json().get("values", []) if r.status_code == 200 else []
    out["travel_all"] = (
        "granted"
        if any(
            v["employee"]["id"] != who["employeeId"] or any(a["rel"] == "APPROVE" for a in v["actions"])
            for v in values
        )
        else ("own_only" if values else "inconclusive")
    )
    out["project_info"] = client.get("/project", params={"count": 1, "fields": "id"}).status_code
    r = client.get("/project", params={"count": 1, "fields": "id,isClosed"})
    out["project_status"] = (
        ("granted" if r.json()["values"] and "isClosed" in r.json()["values"][0] else "missing")
        if r.status_code == 200
        else r.status_code
    )
    out["project_settings"] = client.get("/project/settings").status_code
    r = client.get("/project", params={"count": 50, "fields": "id,accessType,projectManager(id)"})
    projects = r.json()["values"] if r.status_code == 200 else []
    out["project_all"] = (
        "missing"
        if any(p["accessType"] == "READ" for p in projects)
        else "granted"
        if any(p["projectManager"]["id"] != who["employeeId"] for p in projects)
        else "inconclusive"
    )
    out["company_info"] = client.get(f"/company/{who['companyId']}", params={"fields": "id,name"}).status_code
    out["employee_read"] = len(client.get("/employee", params={"count": 2, "fields": "id"}).json()["values"])
    return out


def test_demo_all_has_everything(client):
    login(client, "demo-all")
    assert probe(client) == {
        "travel_settings": 200,
        "travel_register": 200,
        "travel_all": "granted",
        "project_info": 200,
        "project_status": "granted",
        "project_settings": 200,
        "project_all": "granted",
        "company_info": 200,
        "employee_read": 2,
    }


def test_demo_limited_misses_three(client, sim):
    login(client, "demo-limited")
    assert probe(client) == {
        "travel_settings": 200,
        "travel_register": 200,
        "travel_all": "own_only",
        "project_info": 200,
        "project_status": "granted",
        "project_settings": 403,
        "project_all": "granted",
        "company_info": 200,
        "employee_read": 1,
    }
    # only own reports, never APPROVE; other employees' ids answer 403
    reports = client.get("/travelExpense", params={"fields": "employee(id),actions(rel)"}).json()["values"]
    owner = sim.token_info("demo-limited").employee_id
    assert reports and all(r["employee"]["id"] == owner for r in reports)
    other = next(e for e in sim.company_by_name("Fjordlys").employees if e != owner)
    assert error(client.get(f"/employee/{other}"))[:2] == (403, 9000)
    assert client.get(f"/employee/{owner}").status_code == 200


def test_demo_enk_is_inconclusive_where_nobody_else_exists(client):
    login(client, "demo-enk")
    assert probe(client) == {
        "travel_settings": 200,
        "travel_register": 200,
        "travel_all": "own_only",
        "project_info": 200,
        "project_status": "granted",
        "project_settings": 200,
        "project_all": "inconclusive",
        "company_info": 200,
        "employee_read": 1,
    }


@pytest.mark.parametrize(
    "key,path",
    [
        ("travel_settings", "/travelExpense/settings"),
        ("travel_register", "/travelExpense"),
        ("project_info", "/project"),
        ("project_settings", "/project/settings"),
    ],
)
def test_revoke_answers_403(client, sim, key, path):
    login(client)
    assert client.get(path).status_code == 200
    sim.revoke("demo-all", key)
    assert error(client.get(path))[:2] == (403, 9000)
    sim.grant("demo-all", key)
    assert client.get(path).status_code == 200


def test_revoke_company_info_and_project_status(client, sim):
    login(client)
    company_id = client.get("/token/session/>whoAmI").json()["value"]["companyId"]
    sim.revoke("demo-all", "company_info", "project_status")
    assert client.get(f"/company/{company_id}").status_code == 403
    projects = client.get("/project", params={"fields": "id,isClosed"}).json()["values"]
    assert projects and all("isClosed" not in p for p in projects)


def test_travel_writes_need_travel_register(client, sim):
    login(client)
    sim.revoke("demo-all", "travel_register")
    employee = sim.token_info("demo-all").employee_id
    response = client.post("/travelExpense", json={"employee": {"id": employee}, "title": "x"})
    assert error(response)[:2] == (403, 9000)


def test_accountant_has_everything_in_each_client(client, sim):
    session = login(client, "demo-accountant")
    for name in ("Fjordlys", "Hansen", "Nordlys"):
        client.auth = httpx.BasicAuth(str(sim.company_by_name(name).id), session)
        result = probe(client)
        assert result["travel_settings"] == result["project_settings"] == result["company_info"] == 200
        assert result["project_all"] != "missing"


def test_unknown_permission_key_is_rejected(sim):
    with pytest.raises(ValueError, match="unknown permission"):
        sim.grant("demo-all", "travel_everything")


def test_a_company_without_the_project_module_refuses_every_project_read(client, sim):
    login(client, "demo-noproject")
    for path in ("/project", "/project/settings"):
        assert error(client.get(path))[:2] == (403, 9000)
    assert client.get("/travelExpense/settings").status_code == 200
    assert client.get("/employee", params={"fields": "id"}).status_code == 200
    # the token holds every box: it is the company that lacks the module
    assert "project_info" in sim.token_info("demo-noproject").permissions


def test_disable_module_takes_a_module_away_from_any_company(client, sim):
    login(client, "demo-all")
    assert client.get("/project").status_code == 200
    sim.disable_module("Fjordlys Reiser AS", "project")
    assert error(client.get("/project"))[:2] == (403, 9000)
    assert client.get("/travelExpense/settings").status_code == 200


def test_list_checksums_do_not_change_with_permissions_unless_the_knob_says_so(client, sim):
    login(client, "demo-limited")
    digest = client.get("/employee", headers={"If-None-Match": "x"}).json()["versionDigest"]
    sim.grant("demo-limited", "employee_read")
    again = client.get("/employee", headers={"If-None-Match": digest})
    assert again.status_code == 304  # as Tripletex: privilege changes are not part of the checksum
    sim.quirks.digest_covers_permissions = True
    assert client.get("/employee", headers={"If-None-Match": digest}).status_code == 200


def test_closed_projects_read_only_knob(client, sim):
    login(client, "demo-all")

    def access():
        rows = client.get("/project", params={"fields": "id,isClosed,accessType"}).json()["values"]
        return {p["isClosed"]: p["accessType"] for p in rows if p["isClosed"]}

    assert access() == {True: "WRITE"}
    sim.quirks.closed_projects_read_only = True
    assert access() == {True: "READ"}


def test_one_fjordlys_employee_may_not_register_travel_expenses(client, sim):
    login(client, "demo-all")
    rows = client.get("/employee", params={"fields": "id,allowInformationRegistration"}).json()["values"]
    assert [r["allowInformationRegistration"] for r in rows].count(False) == 1
