"""Travel expense writes: validation rules, amounts, states and actions, attachments."""

import httpx
import pytest

from .conftest import error, login


@pytest.fixture
def fj(sim):
    """Ids in Fjordlys Reiser AS: the owner (Kari), another employee, rate ids by (category name, year)."""
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
        "ola": sim.token_info("demo-limited").employee_id,
        "rates": rates,
        "cost_category": {c["description"]: i for i, c in company.cost_categories.items()},
        "payment_type": {p["description"]: i for i, p in company.payment_types.items()},
    }


def new_report(client, employee, **details):
    travel = {
        "departureDate": "2026-10-05",
        "returnDate": "2026-10-07",
        "isCompensationFromRates": True,
        "purpose": "Kundebesøk [ext:ab12cd34]",
        "destination": "Bergen",
        **details,
    }
    response = client.post(
        "/travelExpense", json={"employee": {"id": employee}, "title": "Bergen-tur", "travelDetails": travel}
    )
    assert response.status_code == 201, response.text
    return response.json()["value"]


def mileage(client, report_id, rate_id, day="2026-10-05", km=60, **extra):
    return client.post(
        "/travelExpense/mileageAllowance",
        json={
            "travelExpense": {"id": report_id},
            "rateType": {"id": rate_id},
            "date": day,
            "km": km,
            "departureLocation": "Oslo",
            "destination": "Bergen",
            **extra,
        },
    )


def per_diem(client, report_id, rate_id, count=2, **extra):
    return client.post(
        "/travelExpense/perDiemCompensation",
        json={
            "travelExpense": {"id": report_id},
            "rateType": {"id": rate_id},
            "count": count,
            "location": "Bergen",
            **extra,
        },
    )


def test_create_report_and_find_it_by_marker(client, fj):
    login(client)
    report = new_report(client, fj["kari"])
    assert report["state"] == "OPEN"
    assert [a["rel"] for a in report["actions"]] == ["DELIVER", "DELETE", "COPY"]
    found = client.get(
        "/travelExpense",
        params={
            "employeeId": fj["kari"],
            "departureDateFrom": "2026-10-01",
            "returnDateTo": "2026-10-08",
            "fields": "id,title,travelDetails(*)",
        },
    ).json()["values"]
    assert [r["id"] for r in found if "[ext:ab12cd34]" in r["travelDetails"]["purpose"]] == [report["id"]]
    assert fj["company"].travel_expenses[report["id"]]["title"] == "Bergen-tur"


def test_report_validation(client, fj):
    login(client)
    assert error(client.post("/travelExpense", json={"title": "x"})) == (422, 15000, ["employee"])
    body = client.post("/travelExpense", json={"employee": {"id": 1}}).json()
    assert body["validationMessages"][0]["field"] == "employee"
    response = client.post(
        "/travelExpense",
        json={
            "employee": {"id": fj["kari"]},
            "travelDetails": {"departureDate": "2026-10-07", "returnDate": "2026-10-05"},
        },
    )
    assert error(response) == (422, 15000, ["travelDetails.returnDate"])
    assert response.json()["validationMessages"][0]["message"] == "Returdato kan ikke være før avreisedato."
    assert error(
        client.post(
            "/travelExpense",
            json={"employee": {"id": fj["kari"]}, "travelDetails": {"departureDate": "2026-13-01"}},
        )
    )[2] == ["travelDetails.departureDate"]


def test_unknown_json_field_is_422_16000(sim, clock):
    with sim.http_client() as raw:  # the contract client would refuse to send this
        login(raw)
        response = raw.post("/travelExpense", json={"employee": {"id": 1}, "externalId": "x"})
        assert error(response)[:2] == (422, 16000)


def test_mileage_amount_and_rate_validity(client, fj):
    login(client)
    report = new_report(client, fj["kari"])
    line = mileage(client, report["id"], fj["rates"][("Bil", "2026", None)], km=60)
    assert line.status_code == 201
    assert line.json()["value"]["amount"] == 318.0 and line.json()["value"]["rate"] == 5.3
    wrong_year = mileage(client, report["id"], fj["rates"][("Bil", "2025", None)])
    assert error(wrong_year) == (422, 15000, ["rateType"])
    assert "ikke gyldig" in wrong_year.json()["validationMessages"][0]["message"]
    wrong_kind = mileage(client, report["id"], fj["rates"][("Dagsreise 6-12 timer - innland", "2026", None)])
    assert error(wrong_kind)[2] == ["rateType"]
    kept = mileage(client, report["id"], fj["rates"][("Bil", "2026", None)], km=10, rate=4.0)
    assert kept.json()["value"]["amount"] == 40.0
    assert error(
        client.post("/travelExpense/mileageAllowance", json={"travelExpense": {"id": report["id"]}})
    )[2] == ["date", "km", "rateType"]
    assert fj["company"].travel_expenses[report["id"]]["amount"] == 358.0
    lines = client.get(
        "/travelExpense/mileageAllowance", params={"travelExpenseId": report["id"], "fields": "id,amount"}
    ).json()["values"]
    assert [v["amount"] for v in lines] == [318.0, 40.0]


def test_passenger_supplement_is_its_own_mileage_line_with_the_sent_rate(client, fj):
    login(client)
    report = new_report(client, fj["kari"])
    supplement = fj["rates"][("Bil - passasjertillegg", "2026", None)]
    line = mileage(client, report["id"], supplement, km=60, rate=2)  # 1.00 NOK/km × 2 passengers
    assert line.status_code == 201
    value = line.json()["value"]
    assert (value["rate"], value["amount"], value["rateType"]["id"]) == (2, 120.0, supplement)
    assert error(mileage(client, report["id"], fj["rates"][("Bil - passasjertillegg", "2025", None)]))[2] == [
        "rateType"
    ]
    assert fj["company"].travel_expenses[report["id"]]["amount"] == 120.0


def test_line_dated_across_year_boundary_needs_each_years_rate(client, fj):
    login(client)
    report = new_report(client, fj["kari"], departureDate="2025-12-31", returnDate="2026-01-01")
    assert (
        mileage(client, report["id"], fj["rates"][("Bil", "2025", None)], day="2025-12-31").status_code == 201
    )
    assert (
        mileage(client, report["id"], fj["rates"][("Bil", "2026", None)], day="2026-01-01").status_code == 201
    )
    assert error(mileage(client, report["id"], fj["rates"][("Bil", "2025", None)], day="2026-01-01"))[2] == [
        "rateType"
    ]


def test_per_diem_amount_with_deductions_and_rules(client, fj):
    login(client)
    report = new_report(client, fj["kari"])
    overnight = fj["rates"][("Overnatting over 12 timer - innland", "2026", None)]
    line = per_diem(
        client, report["id"], overnight, count=2, isDeductionForBreakfast=True, overnightAccommodation="HOTEL"
    )
    assert line.status_code == 201
    assert line.json()["value"]["amount"] == 2 * 1012 - 2 * 202
    day_trip = new_report(client, fj["kari"], isDayTrip=True, returnDate="2026-10-05")
    plain = per_diem(
        client, day_trip["id"], fj["rates"][("Dagsreise 6-12 timer - innland", "2026", None)], count=2
    )
    assert plain.json()["value"]["amount"] == 794
    stale = per_diem(client, report["id"], fj["rates"][("Overnatting over 12 timer - innland", "2024", None)])
    assert error(stale) == (422, 15000, ["rateType"])
    categories = client.get(
        "/travelExpense/rateCategory",
        params={
            "name": "Dagsreise over 12 timer - innland",
            "dateFrom": "2026-10-05",
            "dateTo": "2026-10-06",
        },
    ).json()
    assert categories["count"] == 1
    by_category = client.post(
        "/travelExpense/perDiemCompensation",
        json={
            "travelExpense": {"id": day_trip["id"]},
            "count": 1,
            "rateCategory": {"id": categories["values"][0]["id"]},
        },
    )
    assert by_category.json()["value"]["rate"] == 736
    assert (
        by_category.json()["value"]["rateType"]["id"]
        == fj["rates"][("Dagsreise over 12 timer - innland", "2026", None)]
    )


def test_overnight_category_needs_an_accommodation_type(client, fj):
    login(client)
    report = new_report(client, fj["kari"])
    overnight = fj["rates"][("Overnatting over 12 timer - innland", "2026", None)]
    for accommodation in ({}, {"overnightAccommodation": "NONE"}):
        response = per_diem(client, report["id"], overnight, **accommodation)
        assert error(response) == (422, 15000, ["overnightAccommodation"])
        assert "overnattingstype" in response.json()["validationMessages"][0]["message"]
    rest = fj["rates"][("6-12 timer over helt døgn - innland (etter overnatting)", "2026", None)]
    assert error(per_diem(client, report["id"], rest, count=1))[2] == ["overnightAccommodation"]
    assert fj["company"].travel_expenses[report["id"]]["perDiemCompensations"] == []
    for accommodation in ("HOTEL", "BOARDING_HOUSE_WITH_COOKING"):
        assert (
            per_diem(client, report["id"], overnight, overnightAccommodation=accommodation).status_code == 201
        )


def test_per_diem_category_must_fit_the_trip_type(client, fj):
    login(client)
    overnight_trip = new_report(client, fj["kari"], isDayTrip=False)
    day_trip = new_report(client, fj["kari"], isDayTrip=True, returnDate="2026-10-05")
    foreign_trip = new_report(client, fj["kari"], isForeignTravel=True)
    day_rate = fj["rates"][("Dagsreise over 12 timer - innland", "2026", None)]
    overnight = fj["rates"][("Overnatting over 12 timer - innland", "2026", None)]

    wrong_day = per_diem(client, overnight_trip["id"], day_rate, count=1)
    assert error(wrong_day) == (422, 15000, ["rateType"])
    assert "dagsreise" in wrong_day.json()["validationMessages"][0]["message"]
    wrong_night = per_diem(client, day_trip["id"], overnight, count=1, overnightAccommodation="HOTEL")
    assert error(wrong_night) == (422, 15000, ["rateType"])
    wrong_region = per_diem(client, foreign_trip["id"], overnight, count=1, overnightAccommodation="HOTEL")
    assert error(wrong_region) == (422, 15000, ["rateType"])
    assert "innenlandsreise" in wrong_region.json()["validationMessages"][0]["message"]
    foreign_rate = next(
        i
        for (name, year, zone), i in fj["rates"].items()
        if name == "Overnatting over 12 timer - utland" and year == "2026" and zone
    )
    domestic_foreign = per_diem(
        client, overnight_trip["id"], foreign_rate, count=1, overnightAccommodation="HOTEL"
    )
    assert error(domestic_foreign) == (422, 15000, ["rateType"])
    assert (
        per_diem(
            client, foreign_trip["id"], foreign_rate, count=1, overnightAccommodation="HOTEL"
        ).status_code
        == 201
    )
    assert per_diem(client, day_trip["id"], day_rate, count=1).status_code == 201
    assert (
        per_diem(client, overnight_trip["id"], overnight, count=1, overnightAccommodation="HOTEL").status_code
        == 201
    )


def test_seeded_per_diem_lines_fit_their_trips(sim):
    cats = sim.shared["rate_categories"]
    seen = 0
    for company in sim.companies.values():
        for line in company.per_diem_compensations.values():
            category = cats[line["rateCategory"]["id"]]
            if category["isRequiresOvernightAccommodation"]:
                assert line["overnightAccommodation"] != "NONE"
            seen += 1
    assert seen


def test_per_diem_needs_travel_details(client, fj):
    login(client)
    expense = client.post("/travelExpense", json={"employee": {"id": fj["kari"]}, "title": "Utlegg"}).json()[
        "value"
    ]
    response = per_diem(client, expense["id"], fj["rates"][("Dagsreise 6-12 timer - innland", "2026", None)])
    assert error(response) == (422, 15000, ["travelExpense"])


def test_cost_rules(client, fj, sim):
    login(client)
    report = new_report(client, fj["kari"])

    def cost(category, payment="Privat utlegg", **extra):
        return client.post(
            "/travelExpense/cost",
            json={
                "travelExpense": {"id": report["id"]},
                "costCategory": {"id": fj["cost_category"][category]},
                "paymentType": {"id": fj["payment_type"][payment]},
                "amountCurrencyIncVat": 250.5,
                "comments": "Taxi [ext:ab12cd34]",
                **extra,
            },
        )

    ok = cost("Taxi")
    assert ok.status_code == 201
    assert ok.json()["value"]["isPaidByEmployee"] is True
    assert cost("Taxi", "Firmakort").json()["value"]["isPaidByEmployee"] is False
    assert error(cost("Gammel bilgodtgjørelse")) == (422, 15000, ["costCategory"])
    company = fj["company"]
    card = fj["payment_type"]["Firmakort"]
    company.payment_types[card] = {**company.payment_types[card], "isInactive": True}
    assert error(cost("Taxi", "Firmakort")) == (422, 15000, ["paymentType"])
    costs = client.get(
        "/travelExpense/cost", params={"travelExpenseId": report["id"], "fields": "comments"}
    ).json()["values"]
    assert costs == [{"comments": "Taxi [ext:ab12cd34]"}] * 2


def test_deliver_approve_and_actions(client, fj, sim):
    session = login(client)
    report = new_report(client, fj["ola"])
    empty = client.put("/travelExpense/:deliver", params={"id": report["id"]})
    assert error(empty) == (422, 18000, [f"id:{report['id']}"])
    mileage(client, report["id"], fj["rates"][("Bil", "2026", None)])
    delivered = client.put("/travelExpense/:deliver", params={"id": report["id"]}).json()["values"][0]
    assert delivered["state"] == "DELIVERED"
    assert [a["rel"] for a in delivered["actions"]] == ["UNDELIVER", "APPROVE"]
    # Ola himself (no travel_all) sees no APPROVE and cannot approve
    login(client, "demo-limited")
    own = client.get(f"/travelExpense/{report['id']}", params={"fields": "actions(rel)"}).json()["value"]
    assert [a["rel"] for a in own["actions"]] == ["UNDELIVER"]
    assert error(client.put("/travelExpense/:approve", params={"id": report["id"]}))[:2] == (403, 9000)
    client.auth = httpx.BasicAuth("0", session)
    approved = client.put(
        "/travelExpense/:approve", params={"id": report["id"], "overrideApprovalFlow": "false"}
    )
    assert approved.json()["values"][0]["state"] == "APPROVED"
    stored = fj["company"].travel_expenses[report["id"]]
    assert stored["approvedBy"] == {"id": fj["kari"]} and stored["approvedDate"] == "2026-11-20"
    again = client.put("/travelExpense/:approve", params={"id": report["id"]})
    assert error(again)[:2] == (422, 18000)


def test_cannot_approve_own_report_when_company_forbids(client, fj):
    login(client)
    report = new_report(client, fj["kari"])
    mileage(client, report["id"], fj["rates"][("Bil", "2026", None)])
    delivered = client.put("/travelExpense/:deliver", params={"id": report["id"]}).json()["values"][0]
    assert "APPROVE" not in [a["rel"] for a in delivered["actions"]]
    response = client.put("/travelExpense/:approve", params={"id": report["id"]})
    assert error(response) == (422, 18000, [f"id:{report['id']}"])
    assert fj["company"].travel_expenses[report["id"]]["state"] == "DELIVERED"
    undelivered = client.put("/travelExpense/:undeliver", params={"id": report["id"]})
    assert undelivered.json()["values"][0]["state"] == "OPEN"


def test_delivered_reports_are_locked(client, fj):
    login(client)
    report = new_report(client, fj["kari"])
    line = mileage(client, report["id"], fj["rates"][("Bil", "2026", None)]).json()["value"]
    client.put("/travelExpense/:deliver", params={"id": report["id"]})
    assert error(mileage(client, report["id"], fj["rates"][("Bil", "2026", None)]))[:2] == (422, 15000)
    assert error(client.delete(f"/travelExpense/mileageAllowance/{line['id']}"))[:2] == (422, 15000)
    assert error(client.put(f"/travelExpense/{report['id']}", json={"title": "x"}))[:2] == (422, 15000)
    assert error(client.delete(f"/travelExpense/{report['id']}"))[:2] == (422, 15000)


def test_update_delete_and_version_conflict(client, fj):
    login(client)
    report = new_report(client, fj["kari"])
    updated = client.put(
        f"/travelExpense/{report['id']}", json={"title": "Ny tittel", "version": report["version"]}
    )
    assert updated.json()["value"]["title"] == "Ny tittel"
    stale = client.put(f"/travelExpense/{report['id']}", json={"title": "x", "version": report["version"]})
    assert error(stale)[:2] == (409, 8000)
    line = mileage(client, report["id"], fj["rates"][("Bil", "2026", None)]).json()["value"]
    assert client.delete(f"/travelExpense/mileageAllowance/{line['id']}").status_code == 204
    assert fj["company"].travel_expenses[report["id"]]["mileageAllowances"] == []
    mileage(client, report["id"], fj["rates"][("Bil", "2026", None)])
    assert client.delete(f"/travelExpense/{report['id']}").status_code == 204
    assert report["id"] not in fj["company"].travel_expenses
    assert len(fj["company"].mileage_allowances) == 3  # only the seeded lines remain
    assert error(client.get(f"/travelExpense/{report['id']}"))[:2] == (404, 6000)


def test_inline_per_diem_in_post_is_all_or_nothing(client, fj):
    login(client)
    before = len(fj["company"].travel_expenses)
    bad = client.post(
        "/travelExpense",
        json={
            "employee": {"id": fj["kari"]},
            "travelDetails": {"departureDate": "2026-10-05", "returnDate": "2026-10-06"},
            "perDiemCompensations": [{"rateType": {"id": fj["rates"][("Bil", "2026", None)]}, "count": 1}],
        },
    )
    assert error(bad)[2] == ["rateType"]
    assert len(fj["company"].travel_expenses) == before
    good = client.post(
        "/travelExpense",
        json={
            "employee": {"id": fj["kari"]},
            "travelDetails": {"departureDate": "2026-10-05", "returnDate": "2026-10-06"},
            "perDiemCompensations": [
                {
                    "rateType": {"id": fj["rates"][("Overnatting over 12 timer - innland", "2026", None)]},
                    "count": 1,
                    "overnightAccommodation": "HOTEL",
                }
            ],
        },
    )
    assert good.status_code == 201
    assert good.json()["value"]["amount"] == 1012


def test_attachment_upload(client, fj):
    login(client)
    report = new_report(client, fj["kari"])
    request = client.build_request(
        "POST",
        f"/travelExpense/{report['id']}/attachment",
        files={"file": ("kvittering.pdf", b"%PDF-1.4 demo", "application/pdf")},
    )
    request.read()  # the contract checker reads request.content, which a streamed multipart body lacks
    response = client.send(request)
    assert response.status_code == 200
    doc = response.json()["value"]
    assert doc["fileName"] == "kvittering.pdf" and doc["size"] == 13
    stored = fj["company"].attachments[doc["id"]]
    assert stored["data"] == b"%PDF-1.4 demo" and stored["travelExpenseId"] == report["id"]
    assert fj["company"].travel_expenses[report["id"]]["attachmentCount"] == 1
    assert client.get(f"/travelExpense/{report['id']}/attachment").content == b"%PDF-1.4 demo"


def test_accommodation_allowance(client, fj):
    login(client)
    report = new_report(client, fj["kari"])
    response = client.post(
        "/travelExpense/accommodationAllowance",
        json={
            "travelExpense": {"id": report["id"]},
            "rateType": {"id": fj["rates"][("Ulegitimert - innland", "2026", None)]},
            "count": 2,
            "location": "Bergen",
        },
    )
    assert response.status_code == 201
    assert response.json()["value"]["amount"] == 904
    line_id = response.json()["value"]["id"]
    assert client.get(f"/travelExpense/accommodationAllowance/{line_id}").json()["value"]["count"] == 2
    assert fj["company"].travel_expenses[report["id"]]["accommodationAllowances"] == [{"id": line_id}]


def test_deliver_several_is_all_or_nothing(client, fj):
    login(client)
    full = new_report(client, fj["kari"])
    mileage(client, full["id"], fj["rates"][("Bil", "2026", None)])
    empty = new_report(client, fj["kari"])
    response = client.put("/travelExpense/:deliver", params={"id": f"{full['id']},{empty['id']}"})
    assert error(response) == (422, 18000, [f"id:{empty['id']}"])
    assert fj["company"].travel_expenses[full["id"]]["state"] == "OPEN"
    mileage(client, empty["id"], fj["rates"][("Bil", "2026", None)])
    delivered = client.put("/travelExpense/:deliver", params={"id": f"{full['id']},{empty['id']}"}).json()
    assert [v["state"] for v in delivered["values"]] == ["DELIVERED", "DELIVERED"]


def test_unknown_path_is_404(sim):
    with sim.http_client() as raw:  # the contract client refuses paths outside the spec
        login(raw)
        assert error(raw.get("/travelExpenses"))[:2] == (404, 6000)
        assert error(raw.get("/travelExpense/abc"))[:2] == (404, 6000)


def test_reprs_hold_no_tokens(client, sim):
    session = login(client)
    assert session not in repr(sim.sessions)
    assert "demo-all" not in repr(sim.tokens["demo-all"])
