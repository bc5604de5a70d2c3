"""Changing what a travel expense holds: PUT and DELETE of lines, removing the attachment, echo variants."""

import pytest

from .conftest import error, login


@pytest.fixture
def fj(sim):
    """Ids in Fjordlys Reiser AS: the owner (Kari), rate ids by (category name, year, zone), categories."""
    company = sim.company_by_name("Fjordlys")
    cats = sim.shared["rate_categories"]
    rates = {
        (
            cats[r["rateCategory"]["id"]]["name"],
            cats[r["rateCategory"]["id"]]["fromDate"][:4],
            r.get("zone"),
        ): i
        for i, r in sim.shared["rates"].items()
    }
    return {
        "company": company,
        "kari": sim.token_info("demo-all").employee_id,
        "rates": rates,
        "cost_category": {c["description"]: i for i, c in company.cost_categories.items()},
        "payment_type": {p["description"]: i for i, p in company.payment_types.items()},
    }


def new_report(client, employee, **details):
    travel = {
        "departureDate": "2026-10-05",
        "returnDate": "2026-10-07",
        "isCompensationFromRates": True,
        "purpose": "Kundebesøk",
        "departureFrom": "Oslo",
        "destination": "Bergen",
        **details,
    }
    body = {"employee": {"id": employee}, "title": "Bergen-tur", "travelDetails": travel}
    response = client.post("/travelExpense", json=body)
    assert response.status_code == 201, response.text
    return response.json()["value"]


def mileage(client, report_id, rate_id, km=60):
    body = {
        "travelExpense": {"id": report_id},
        "rateType": {"id": rate_id},
        "date": "2026-10-05",
        "km": km,
        "departureLocation": "Oslo",
        "destination": "Bergen",
    }
    return client.post("/travelExpense/mileageAllowance", json=body)


def per_diem(client, report_id, rate_id, count=2, **extra):
    body = {
        "travelExpense": {"id": report_id},
        "rateType": {"id": rate_id},
        "count": count,
        "location": "Bergen",
    }
    return client.post("/travelExpense/perDiemCompensation", json={**body, **extra})


BIL = ("Bil", "2026", None)
OVERNIGHT = ("Overnatting over 12 timer - innland", "2026", None)


def _cost(client, fj, report_id, amount=250.5, category="Taxi"):
    return client.post(
        "/travelExpense/cost",
        json={
            "travelExpense": {"id": report_id},
            "costCategory": {"id": fj["cost_category"][category]},
            "paymentType": {"id": fj["payment_type"]["Privat utlegg"]},
            "amountCurrencyIncVat": amount,
            "comments": "Taxi [TD:ab12cd34:c0]",
        },
    )


def _upload(client, report_id, content=b"%PDF-1.4 demo"):
    request = client.build_request(
        "POST",
        f"/travelExpense/{report_id}/attachment",
        files={"file": ("kvittering.pdf", content, "application/pdf")},
    )
    request.read()
    return client.send(request)


def test_put_a_cost_changes_it_and_the_reports_amount(client, fj):
    login(client)
    report = new_report(client, fj["kari"])
    cost = _cost(client, fj, report["id"]).json()["value"]
    answer = client.put(
        f"/travelExpense/cost/{cost['id']}",
        json={"amountCurrencyIncVat": 300, "costCategory": {"id": fj["cost_category"]["Hotell"]}},
    )
    assert answer.status_code == 200, answer.text
    value = answer.json()["value"]
    assert (value["amountCurrencyIncVat"], value["costCategory"]["id"], value["version"]) == (
        300,
        fj["cost_category"]["Hotell"],
        cost["version"] + 1,
    )
    assert value["comments"] == "Taxi [TD:ab12cd34:c0]"  # what the PUT did not name is kept
    assert fj["company"].travel_expenses[report["id"]]["amount"] == 300
    stale = client.put(f"/travelExpense/cost/{cost['id']}", json={"amountCurrencyIncVat": 1, "version": 1})
    assert error(stale)[:2] == (409, 8000)
    assert error(client.put("/travelExpense/cost/999999", json={"amountCurrencyIncVat": 1}))[:2] == (
        404,
        6000,
    )


def test_put_a_mileage_line_prices_it_again(client, fj):
    login(client)
    report = new_report(client, fj["kari"])
    line = mileage(client, report["id"], fj["rates"][BIL], km=60).json()["value"]
    value = client.put(f"/travelExpense/mileageAllowance/{line['id']}", json={"km": 100}).json()["value"]
    assert (value["km"], value["amount"]) == (100, round(100 * line["rate"], 2))


def test_put_a_per_diem_line_with_a_new_count(client, fj):
    login(client)
    report = new_report(client, fj["kari"], isDayTrip=False)
    line = per_diem(client, report["id"], fj["rates"][OVERNIGHT], overnightAccommodation="HOTEL").json()[
        "value"
    ]
    value = client.put(f"/travelExpense/perDiemCompensation/{line['id']}", json={"count": 1}).json()["value"]
    assert (value["count"], value["amount"]) == (1, line["rate"])


def test_lines_of_a_delivered_report_cannot_be_changed(client, fj):
    login(client)
    report = new_report(client, fj["kari"])
    cost = _cost(client, fj, report["id"]).json()["value"]
    assert client.put("/travelExpense/:deliver", params={"id": report["id"]}).status_code == 200
    assert error(client.put(f"/travelExpense/cost/{cost['id']}", json={"amountCurrencyIncVat": 1}))[:2] == (
        422,
        15000,
    )


def test_delete_the_attachment_removes_every_receipt(client, fj):
    login(client)
    report = new_report(client, fj["kari"])
    assert error(client.delete(f"/travelExpense/{report['id']}/attachment"))[:2] == (404, 6000)
    _upload(client, report["id"])
    _upload(client, report["id"], b"%PDF-1.4 two")
    assert fj["company"].travel_expenses[report["id"]]["attachmentCount"] == 2
    assert client.delete(f"/travelExpense/{report['id']}/attachment").status_code == 204
    row = fj["company"].travel_expenses[report["id"]]
    assert (row["attachmentCount"], row["attachment"]) == (0, None)
    assert not [d for d in fj["company"].attachments.values() if d["travelExpenseId"] == report["id"]]
    assert error(client.get(f"/travelExpense/{report['id']}/attachment"))[:2] == (404, 6000)


def test_echo_a_line_create_with_only_its_url(client, fj, sim):
    login(client)
    report = new_report(client, fj["kari"])
    sim.echo.line_create_url_only = True
    answer = _cost(client, fj, report["id"])
    assert answer.status_code == 201
    value = answer.json()["value"]
    assert set(value) == {"url"}
    (stored,) = [c for c in fj["company"].costs.values() if c["travelExpense"]["id"] == report["id"]]
    assert value["url"].endswith(f"/travelExpense/cost/{stored['id']}")


def test_echo_a_country_code_on_per_diem_rows_the_request_did_not_name(client, fj, sim):
    login(client)
    report = new_report(client, fj["kari"], isDayTrip=False)
    sim.echo.per_diem_country_code = "NO"
    line = per_diem(client, report["id"], fj["rates"][OVERNIGHT], overnightAccommodation="HOTEL").json()[
        "value"
    ]
    assert line["countryCode"] == "NO"
    sim.echo.clear()
    other = per_diem(client, report["id"], fj["rates"][OVERNIGHT], overnightAccommodation="HOTEL").json()[
        "value"
    ]
    assert other.get("countryCode") in (None, "")
