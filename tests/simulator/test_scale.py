"""The scale knob: lazily generated rows that page, filter and write like seeded ones."""

import tracemalloc

import httpx

from tripletex_desktop.simulator import Scale, Simulator

from .conftest import login


def test_scale_generates_lazily_and_pages(clock):
    tracemalloc.start()
    sim = Simulator(
        scale=Scale(employees=20000, travel_expenses=100000, projects=500), today=lambda: clock.today
    )
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 20_000_000  # nothing is materialised up front
    company = sim.company_by_name("Fjordlys")
    assert len(company.employees) == 20012
    assert len(company.travel_expenses) == 100007
    assert len(company.projects) == 505
    with sim.http_client() as client:
        login(client)
        page = client.get(
            "/employee", params={"from": 19990, "count": 1000, "fields": "id,firstName,lastName"}
        )
        values = page.json()["values"]
        assert len(values) == 22 and values[-1]["id"] == list(company.employees)[-1]
        first = client.get("/employee", params={"from": 12, "count": 2, "fields": "id,email"}).json()[
            "values"
        ]
        assert first[0]["email"] != first[1]["email"]
        assert (
            client.get("/employee", params={"from": 12, "count": 2, "fields": "id,email"}).json()["values"]
            == first
        )


def test_generated_rows_can_be_written(clock):
    sim = Simulator(scale=Scale(employees=10, travel_expenses=20), today=lambda: clock.today)
    company = sim.company_by_name("Fjordlys")
    generated = list(company.travel_expenses)[-1]
    with sim.http_client() as client:
        login(client)
        row = client.get(f"/travelExpense/{generated}").json()["value"]
        assert row["state"] in {"OPEN", "DELIVERED", "APPROVED"}
        generated_ids = list(company.travel_expenses)[7:]
        open_id = next(i for i in generated_ids if company.travel_expenses[i]["state"] == "OPEN")
        assert client.put(f"/travelExpense/{open_id}", json={"title": "Endret"}).status_code == 200
        assert company.travel_expenses[open_id]["title"] == "Endret"
        assert client.delete(f"/travelExpense/{open_id}").status_code == 204
        assert open_id not in company.travel_expenses
        assert len(company.travel_expenses) == 7 + 20 - 1
        employee_id = list(company.employees)[-1]
        mine = client.get(
            "/travelExpense", params={"employeeId": employee_id, "fields": "employee(id)"}
        ).json()
        assert all(v["employee"]["id"] == employee_id for v in mine["values"])


def test_scale_clients_gives_the_accounting_office_many_clients(clock):
    sim = Simulator(scale=Scale(clients=40, employees_per_client=7), today=lambda: clock.today)
    clients = sim.token_info("demo-accountant").clients
    assert len(clients) == 3 + 40
    generated = [sim.company(cid) for cid in clients[3:]]
    assert len({c.company["organizationNumber"] for c in generated}) == 40
    assert all(len(c.employees) == 7 for c in generated)
    with sim.http_client() as client:
        session = login(client, "demo-accountant")
        listed = client.get("/company/>withLoginAccess", params={"count": 1000, "fields": "id,name"})
        names = [v["name"] for v in listed.json()["values"]]
        assert "Klient 001 AS" in names and "Klient 040 AS" in names
        client.auth = httpx.BasicAuth(str(clients[-1]), session)
        employees = client.get("/employee", params={"count": 1000, "fields": "id,companyId"}).json()["values"]
        assert len(employees) == 7 and {e["companyId"] for e in employees} == {clients[-1]}
