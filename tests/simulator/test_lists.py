"""Lists: paging, fields projection, 400 on unknown fields, checksums (304), filters."""

from .conftest import error, login


def test_paging_walks_every_employee_once(client, sim):
    login(client)
    seen, start = [], 0
    while True:
        page = client.get("/employee", params={"from": start, "count": 5, "fields": "id"}).json()
        assert page["from"] == start
        seen += [v["id"] for v in page["values"]]
        if page["count"] < 5:
            break
        start += 5
    assert seen == list(sim.company_by_name("Fjordlys").employees)
    assert len(seen) == 12


def test_default_projection_shows_nested_entities_as_id_and_url(client):
    login(client)
    value = client.get("/travelExpense", params={"count": 1}).json()["values"][0]
    assert set(value["employee"]) == {"id", "url"}
    assert value["url"].endswith(f"/travelExpense/{value['id']}")
    assert "purpose" in value["travelDetails"]  # value objects are shown whole


def test_fields_projection_nested_and_star(client):
    login(client)
    values = client.get(
        "/travelExpense",
        params={"fields": "id,title,employee(firstName,department(name)),travelDetails(departureDate)"},
    ).json()["values"]
    first = values[0]
    assert set(first) == {"id", "title", "employee", "travelDetails"}
    assert set(first["employee"]) == {"firstName", "department"}
    assert set(first["employee"]["department"]) == {"name"}
    assert set(first["travelDetails"]) == {"departureDate"}
    star = client.get("/employee", params={"count": 1, "fields": "*,department(*)"}).json()["values"][0]
    assert {"firstName", "lastName", "email"} <= set(star)
    assert "departmentNumber" in star["department"]


def test_unknown_field_is_400_11000_even_on_empty_results(client):
    login(client)
    assert error(client.get("/employee", params={"fields": "id,nickname"}))[:2] == (400, 11000)
    assert error(client.get("/employee", params={"fields": "department(nickname)"}))[:2] == (400, 11000)
    assert client.get("/employee", params={"fields": "id", "firstName": "Nobody"}).json()["values"] == []
    assert error(client.get("/employee", params={"fields": "id,nickname", "firstName": "Nobody"}))[:2] == (
        400,
        11000,
    )
    assert error(client.get("/travelExpense", params={"employeeId": "1", "fields": "id,name"}))[:2] == (
        400,
        11000,
    )
    assert error(client.get("/token/session/>whoAmI", params={"fields": "employee(x)"}))[:2] == (400, 11000)


def test_checksum_304_until_data_changes(client, sim):
    login(client)
    assert "versionDigest" not in client.get("/employee", params={"fields": "id"}).json()
    first = client.get("/employee", params={"fields": "id"}, headers={"If-None-Match": "*"})
    digest = first.json()["versionDigest"]
    assert digest
    again = client.get("/employee", params={"fields": "id"}, headers={"If-None-Match": digest})
    assert again.status_code == 304 and again.content == b""
    page2 = client.get(
        "/employee", params={"fields": "id", "from": 5, "count": 5}, headers={"If-None-Match": "x"}
    )
    assert page2.json()["versionDigest"] == digest  # the checksum covers the full result, not the page
    other = client.get("/employee", params={"fields": "id,firstName"}, headers={"If-None-Match": digest})
    assert other.status_code == 200
    company = sim.company_by_name("Fjordlys")
    eid = next(iter(company.employees))
    company.employees[eid] = {**company.employees[eid], "lastName": "Endret"}
    changed = client.get("/employee", params={"fields": "id"}, headers={"If-None-Match": digest})
    assert changed.status_code == 200
    assert changed.json()["versionDigest"] != digest


def test_checksum_is_stable_across_identical_simulators(client, sim, clock):
    from tripletex_desktop.simulator import Simulator

    login(client)
    digest = client.get("/department", headers={"If-None-Match": "1"}).json()["versionDigest"]
    twin = Simulator(today=lambda: clock.today)
    with twin.http_client() as other:
        login(other)
        assert other.get("/department", headers={"If-None-Match": "1"}).json()["versionDigest"] == digest


def test_filters(client, sim):
    login(client)
    fjordlys = sim.company_by_name("Fjordlys")
    kari = sim.token_info("demo-all").employee_id
    mine = client.get("/travelExpense", params={"employeeId": kari, "fields": "employee(id)"}).json()[
        "values"
    ]
    assert len(mine) == 2 and all(v["employee"]["id"] == kari for v in mine)
    ranged = client.get(
        "/travelExpense",
        params={"departureDateFrom": "2026-03-01", "returnDateTo": "2026-06-01", "fields": "title"},
    ).json()["values"]
    assert {v["title"] for v in ranged} == {"Kundemøte Bergen", "Messe Lillestrøm"}
    states = client.get("/travelExpense", params={"state": "APPROVED", "fields": "state"}).json()["values"]
    assert len(states) == 3 and {v["state"] for v in states} == {"APPROVED"}
    inactive = client.get("/department", params={"isInactive": "true", "fields": "name"}).json()["values"]
    assert inactive == [{"name": "Bergen (nedlagt)"}]
    active = client.get("/travelExpense/costCategory", params={"isInactive": "false"}).json()["values"]
    assert len(active) == 9
    some = list(fjordlys.employees)[:3]
    by_id = client.get("/employee", params={"id": ",".join(map(str, some)), "fields": "id"}).json()["values"]
    assert [v["id"] for v in by_id] == some
    assert error(client.get("/employee", params={"id": "abc"}))[:2] == (400, 11000)


def test_rate_categories_by_date_and_rates(client):
    login(client)
    cats = client.get(
        "/travelExpense/rateCategory",
        params={
            "type": "PER_DIEM",
            "dateFrom": "2025-06-01",
            "dateTo": "2025-06-02",
            "isValidDomestic": "true",
            "fields": "id,name,fromDate,toDate",
        },
    ).json()["values"]
    assert {c["fromDate"] for c in cats} == {"2025-01-01"} and {c["toDate"] for c in cats} == {"2025-12-31"}
    overnight = next(c for c in cats if c["name"] == "Overnatting over 12 timer - innland")
    rates = client.get("/travelExpense/rate", params={"rateCategoryId": overnight["id"]}).json()["values"]
    assert [r["rate"] for r in rates] == [977]
    assert rates[0]["breakfastDeductionRate"] == 195
    car_2026 = client.get(
        "/travelExpense/rate",
        params={
            "type": "MILEAGE_ALLOWANCE",
            "dateFrom": "2026-01-01",
            "dateTo": "2026-01-02",
            "fields": "rate,rateCategory(name)",
        },
    ).json()["values"]
    assert {"rate": 5.3, "rateCategory": {"name": "Bil"}} in car_2026
    foreign = client.get(
        "/travelExpense/rate",
        params={"requiresZone": "true", "dateFrom": "2024-05-01", "dateTo": "2024-05-02"},
    ).json()["values"]
    assert {r["zone"] for r in foreign} == {"SE", "DK", "DE", "GB", "US"}
    zones = client.get("/travelExpense/zone", params={"code": "SE,DE", "fields": "countryCode"}).json()[
        "values"
    ]
    assert zones == [{"countryCode": "SE"}, {"countryCode": "DE"}]


def test_closed_project_missing_from_id_filter_but_found_by_path(client, sim):
    login(client)
    closed = next(p for p in sim.company_by_name("Fjordlys").projects.values() if p["isClosed"])
    assert client.get("/project", params={"id": closed["id"]}).json()["values"] == []
    assert client.get(f"/project/{closed['id']}").json()["value"]["isClosed"] is True


def test_lookup_reads(client):
    login(client)
    settings = client.get("/travelExpense/settings").json()["value"]
    assert settings["canApproveOwnExpenses"] is False
    payment = client.get("/travelExpense/paymentType", params={"fields": "description"}).json()["values"]
    assert payment == [{"description": "Privat utlegg"}, {"description": "Firmakort"}]
    assert client.get("/project/settings").status_code == 200
    entitlements = client.get("/employee/entitlement", params={"fields": "name,entitlementId"}).json()[
        "values"
    ]
    assert len(entitlements) == 9


def test_nordlys_does_not_compensate_mileage(client, sim):
    session = login(client, "demo-accountant")
    import httpx

    client.auth = httpx.BasicAuth(str(sim.company_by_name("Nordlys").id), session)
    assert client.get("/travelExpense/settings").json()["value"]["mileageNotCompensated"] is True
