"""Travel expense writes: what POST accepts, what :deliver refuses (and names), amounts, states, attachments.

Tripletex validates a travel expense when it is delivered, not when its lines are posted (changelog 2.10.1,
2.35.5; sandbox traces 2026-03): these tests assert that split. They used to expect 422s at line POST, which
was the simulator's invention.
"""

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
        "departureFrom": "Oslo",
        "destination": "Bergen",
        **details,
    }
    response = client.post(
        "/travelExpense", json={"employee": {"id": employee}, "title": "Bergen-tur", "travelDetails": travel}
    )
    assert response.status_code == 201, response.text
    return response.json()["value"]


def mileage(client, report_id, rate_id, day="2026-10-05", km=60, **extra):
    body = {
        "travelExpense": {"id": report_id},
        "rateType": {"id": rate_id},
        "date": day,
        "departureLocation": "Oslo",
        "destination": "Bergen",
        **extra,
    }
    if km is not None:
        body["km"] = km
    return client.post("/travelExpense/mileageAllowance", json=body)


def per_diem(client, report_id, rate_id, count=2, **extra):
    body = {"travelExpense": {"id": report_id}, "count": count, "location": "Bergen", **extra}
    if rate_id is not None:
        body.setdefault("rateType", {"id": rate_id})
    return client.post("/travelExpense/perDiemCompensation", json=body)


def deliver(client, report_id):
    return client.put("/travelExpense/:deliver", params={"id": report_id})


def refused(response):
    """(field, message) of each validation message of a deliver/approve refusal (422/15000)."""
    body = response.json()
    assert (body["status"], body["code"]) == (422, 15000), body
    return [(m["field"], m["message"]) for m in body["validationMessages"]]


def fields_of(response):
    return [f for f, _ in refused(response)]


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


def test_mileage_amount_and_rate_validity_is_judged_at_deliver(client, fj):
    login(client)
    report = new_report(client, fj["kari"])
    line = mileage(client, report["id"], fj["rates"][("Bil", "2026", None)], km=60)
    assert line.status_code == 201
    assert line.json()["value"]["amount"] == 318.0 and line.json()["value"]["rate"] == 5.3
    kept = mileage(client, report["id"], fj["rates"][("Bil", "2026", None)], km=10, rate=4.0)
    assert kept.json()["value"]["amount"] == 40.0
    assert fj["company"].travel_expenses[report["id"]]["amount"] == 358.0
    lines = client.get(
        "/travelExpense/mileageAllowance", params={"travelExpenseId": report["id"], "fields": "id,amount"}
    ).json()["values"]
    assert [v["amount"] for v in lines] == [318.0, 40.0]
    # the required fields of Tripletex's swagger are refused at POST
    assert error(
        client.post("/travelExpense/mileageAllowance", json={"travelExpense": {"id": report["id"]}})
    )[2] == ["date", "departureLocation", "destination"]
    # a rate of the wrong year or kind is accepted at POST and refused at deliver, naming the line field
    wrong_year = mileage(client, report["id"], fj["rates"][("Bil", "2025", None)])
    assert wrong_year.status_code == 201
    messages = refused(deliver(client, report["id"]))
    assert [f for f, _ in messages] == ["mileageAllowances.rateType.id"]
    assert "ikke gyldig" in messages[0][1]
    client.delete(f"/travelExpense/mileageAllowance/{wrong_year.json()['value']['id']}")
    wrong_kind = mileage(client, report["id"], fj["rates"][("Dagsreise 6-12 timer - innland", "2026", None)])
    no_km = mileage(client, report["id"], fj["rates"][("Bil", "2026", None)], km=None)
    assert wrong_kind.status_code == no_km.status_code == 201
    assert fields_of(deliver(client, report["id"])) == [
        "mileageAllowances.rateType.id",
        "mileageAllowances.km",
    ]
    assert fj["company"].travel_expenses[report["id"]]["state"] == "OPEN"


def test_passenger_supplement_is_its_own_mileage_line_with_the_sent_rate(client, fj):
    login(client)
    report = new_report(client, fj["kari"])
    supplement = fj["rates"][("Bil - passasjertillegg", "2026", None)]
    line = mileage(client, report["id"], supplement, km=60, rate=2)  # 1.00 NOK/km × 2 passengers
    assert line.status_code == 201
    value = line.json()["value"]
    assert (value["rate"], value["amount"], value["rateType"]["id"]) == (2, 120.0, supplement)
    assert fj["company"].travel_expenses[report["id"]]["amount"] == 120.0
    mileage(client, report["id"], fj["rates"][("Bil - passasjertillegg", "2025", None)])
    assert fields_of(deliver(client, report["id"])) == ["mileageAllowances.rateType.id"]


def test_line_dated_across_year_boundary_needs_each_years_rate(client, fj):
    login(client)
    report = new_report(client, fj["kari"], departureDate="2025-12-31", returnDate="2026-01-01")
    mileage(client, report["id"], fj["rates"][("Bil", "2025", None)], day="2025-12-31")
    mileage(client, report["id"], fj["rates"][("Bil", "2026", None)], day="2026-01-01")
    wrong = mileage(client, report["id"], fj["rates"][("Bil", "2025", None)], day="2026-01-01").json()[
        "value"
    ]
    assert fields_of(deliver(client, report["id"])) == ["mileageAllowances.rateType.id"]
    client.delete(f"/travelExpense/mileageAllowance/{wrong['id']}")
    assert deliver(client, report["id"]).json()["values"][0]["state"] == "DELIVERED"


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
    day_rate = fj["rates"][("Dagsreise 6-12 timer - innland", "2026", None)]
    assert per_diem(client, day_trip["id"], day_rate, count=2).json()["value"]["amount"] == 794
    manual = per_diem(client, day_trip["id"], day_rate, count=3, rate=800).json()["value"]
    assert (manual["rate"], manual["amount"]) == (800, 2400)  # a sent rate is kept
    assert deliver(client, day_trip["id"]).json()["values"][0]["state"] == "DELIVERED"
    stale = fj["rates"][("Overnatting over 12 timer - innland", "2024", None)]
    assert per_diem(client, report["id"], stale, overnightAccommodation="HOTEL").status_code == 201
    assert fields_of(deliver(client, report["id"])) == ["perDiemCompensations.rateType.id"]


def test_per_diem_without_a_rate_type_is_refused_at_deliver_even_with_a_category(client, fj):
    """Sandbox 2026-03-21/22: no rateType, or a rate category alone, POSTs fine and fails at :deliver."""
    login(client)
    report = new_report(client, fj["kari"], isDayTrip=True, returnDate="2026-10-05")
    category = client.get(
        "/travelExpense/rateCategory",
        params={
            "name": "Dagsreise over 12 timer - innland",
            "dateFrom": "2026-10-05",
            "dateTo": "2026-10-06",
        },
    ).json()["values"][0]["id"]
    for body in ({"rateCategory": {"id": category}}, {"rate": 800, "amount": 800}):
        response = per_diem(client, report["id"], None, count=1, **body)
        assert response.status_code == 201
        assert "rateType" not in response.json()["value"]
    assert (
        refused(deliver(client, report["id"]))
        == [("perDiemCompensations.rateType.id", "Sats eller satskategori må spesifiseres.")] * 2
    )
    assert error(
        client.post(
            "/travelExpense/perDiemCompensation", json={"travelExpense": {"id": report["id"]}, "count": 1}
        )
    )[2] == ["location"]  # a hidden required field, refused at POST


def test_departure_from_is_needed_to_deliver(client, fj):
    login(client)
    report = new_report(client, fj["kari"], departureFrom="")
    mileage(client, report["id"], fj["rates"][("Bil", "2026", None)])
    assert fields_of(deliver(client, report["id"])) == ["travelDetails.departureFrom"]
    details = {**report["travelDetails"], "departureFrom": "Oslo"}
    client.put(f"/travelExpense/{report['id']}", json={"travelDetails": details})
    assert deliver(client, report["id"]).json()["values"][0]["state"] == "DELIVERED"


def test_validation_messages_carry_the_line_id_only_when_the_knob_says_so(client, fj, sim):
    login(client)
    report = new_report(client, fj["kari"])
    line = mileage(client, report["id"], fj["rates"][("Bil", "2025", None)]).json()["value"]
    assert "rootId" not in deliver(client, report["id"]).json()["validationMessages"][0]
    sim.quirks.deliver_root_ids = True
    assert deliver(client, report["id"]).json()["validationMessages"][0]["rootId"] == line["id"]


def test_overnight_category_needs_an_accommodation_type(client, fj):
    login(client)
    overnight = fj["rates"][("Overnatting over 12 timer - innland", "2026", None)]
    rest = fj["rates"][("6-12 timer over helt døgn - innland (etter overnatting)", "2026", None)]
    for accommodation in ({}, {"overnightAccommodation": "NONE"}):
        report = new_report(client, fj["kari"])
        assert per_diem(client, report["id"], overnight, **accommodation).status_code == 201
        messages = refused(deliver(client, report["id"]))
        assert [f for f, _ in messages] == ["perDiemCompensations.overnightAccommodation"]
        assert "overnattingstype" in messages[0][1]
    report = new_report(client, fj["kari"])
    per_diem(client, report["id"], rest, count=1)
    assert fields_of(deliver(client, report["id"])) == ["perDiemCompensations.overnightAccommodation"]
    for accommodation in ("HOTEL", "BOARDING_HOUSE_WITH_COOKING"):
        report = new_report(client, fj["kari"])
        per_diem(client, report["id"], overnight, overnightAccommodation=accommodation)
        assert deliver(client, report["id"]).json()["values"][0]["state"] == "DELIVERED"


def test_per_diem_category_must_fit_the_trip_type(client, fj):
    login(client)
    day_rate = fj["rates"][("Dagsreise over 12 timer - innland", "2026", None)]
    overnight = fj["rates"][("Overnatting over 12 timer - innland", "2026", None)]
    foreign_rate = fj["rates"][("Overnatting over 12 timer - utland", "2026", "SE")]

    def outcome(rate, **details):
        report = new_report(client, fj["kari"], **details)
        line = per_diem(client, report["id"], rate, count=1, overnightAccommodation="HOTEL", countryCode="SE")
        assert line.status_code == 201
        response = deliver(client, report["id"])
        return refused(response) if response.status_code == 422 else response.json()["values"][0]["state"]

    wrong_day = outcome(day_rate, isDayTrip=False)
    assert [f for f, _ in wrong_day] == ["perDiemCompensations.rateType.id"] and "dagsreise" in wrong_day[0][
        1
    ]
    assert [f for f, _ in outcome(overnight, isDayTrip=True, returnDate="2026-10-05")] == [
        "perDiemCompensations.rateType.id"
    ]
    assert "innenlandsreise" in outcome(overnight, isForeignTravel=True)[0][1]
    assert [f for f, _ in outcome(foreign_rate)] == ["perDiemCompensations.rateType.id"]
    assert outcome(foreign_rate, isForeignTravel=True) == "DELIVERED"
    assert outcome(overnight) == "DELIVERED"


def test_foreign_per_diem_needs_an_enabled_zone_that_fits_its_rate(client, fj, sim):
    login(client)
    zones = {z["countryCode"]: i for i, z in sim.shared["zones"].items()}
    sweden = fj["rates"][("Overnatting over 12 timer - utland", "2026", "SE")]

    def outcome(**line):
        report = new_report(client, fj["kari"], isForeignTravel=True, destination="Stockholm")
        assert (
            per_diem(
                client, report["id"], sweden, count=1, overnightAccommodation="HOTEL", **line
            ).status_code
            == 201
        )
        response = deliver(client, report["id"])
        return refused(response) if response.status_code == 422 else "DELIVERED"

    assert outcome(travelExpenseZoneId=zones["SE"]) == "DELIVERED"
    assert outcome(countryCode="SE") == "DELIVERED"
    not_enabled = "Country not enabled for travel expense"
    assert outcome(travelExpenseZoneId=zones["XK"]) == [
        ("perDiemCompensations.travelExpenseZoneId", not_enabled)
    ]
    assert outcome(countryCode="XK") == [("perDiemCompensations.countryCode", not_enabled)]
    assert [f for f, _ in outcome(countryCode="DK")] == ["perDiemCompensations.rateType.id"]  # Sweden's rate
    assert [f for f, _ in outcome()] == ["perDiemCompensations.countryCode"]
    listed = client.get(
        "/travelExpense/zone",
        params={
            "code": "SE",
            "date": "2026-10-05",
            "isDisabled": "false",
            "fields": "id,countryCode,zoneName",
        },
    ).json()["values"]
    assert listed == [{"id": zones["SE"], "countryCode": "SE", "zoneName": "Sverige"}]
    assert not [r for r in sim.shared["rates"].values() if r.get("zone") == "IS"]  # Iceland: a zone, no rates


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


def test_per_diem_needs_a_travel_report_that_compensates_from_rates(client, fj):
    """Refused at POST in the traces: «Kun reiseregning, ikke ansattutlegg» and «Kun kostnader kan
    registreres uten kompensasjon etter satser»."""
    login(client)
    expense = client.post("/travelExpense", json={"employee": {"id": fj["kari"]}, "title": "Utlegg"}).json()[
        "value"
    ]
    rate = fj["rates"][("Dagsreise 6-12 timer - innland", "2026", None)]
    response = per_diem(client, expense["id"], rate)
    assert error(response) == (422, 15000, ["travelExpense"])
    assert response.json()["validationMessages"][0]["message"] == "Kun reiseregning, ikke ansattutlegg."
    costs_only = new_report(client, fj["kari"], isCompensationFromRates=False)
    response = per_diem(client, costs_only["id"], rate)
    assert "Kun kostnader" in response.json()["validationMessages"][0]["message"]


def test_cost_rules_at_post_and_at_deliver(client, fj, sim):
    login(client)
    report = new_report(client, fj["kari"])

    def cost(category, payment="Privat utlegg", **extra):
        body = {
            "travelExpense": {"id": report["id"]},
            "costCategory": {"id": fj["cost_category"].get(category, 0)},
            "paymentType": {"id": fj["payment_type"].get(payment, 0)},
            "amountCurrencyIncVat": 250.5,
            "comments": "Taxi [ext:ab12cd34]",
            **extra,
        }
        return client.post("/travelExpense/cost", json={k: v for k, v in body.items() if v is not None})

    ok = cost("Taxi")
    assert ok.status_code == 201
    assert ok.json()["value"]["isPaidByEmployee"] is True
    assert cost("Taxi", "Firmakort").json()["value"]["isPaidByEmployee"] is False
    assert error(cost("Taxi", amountCurrencyIncVat=None)) == (422, 15000, ["amountCurrencyIncVat"])
    assert error(cost("Taxi", paymentType=None)) == (422, 15000, ["paymentType"])
    inactive = cost("Gammel bilgodtgjørelse")  # an inactive category, and ids 0: accepted by POST
    zero = cost("nothing", "nothing")
    assert inactive.status_code == zero.status_code == 201
    messages = refused(deliver(client, report["id"]))
    assert [f for f, _ in messages] == [
        "costs.costCategory.id",
        "costs.costCategory.id",
        "costs.paymentType.id",
    ]
    assert "inaktiv" in messages[0][1]
    for line in (inactive, zero):
        client.delete(f"/travelExpense/cost/{line.json()['value']['id']}")
    company = fj["company"]
    card = fj["payment_type"]["Firmakort"]
    company.payment_types[card] = {**company.payment_types[card], "isInactive": True}
    assert fields_of(deliver(client, report["id"])) == ["costs.paymentType.id"]
    costs = client.get(
        "/travelExpense/cost", params={"travelExpenseId": report["id"], "fields": "comments"}
    ).json()["values"]
    assert costs == [{"comments": "Taxi [ext:ab12cd34]"}] * 2


def test_vat_on_costs_against_the_companys_vat_registration(client, sim):
    """A non-VAT-registered company cannot deliver a cost with a deductible VAT code (sandbox 2026-03-21);
    `vatType: {"id": 0}` makes it deliverable. A VAT-registered company may use the category's code, and a
    locked category only its own."""
    login(client, "demo-enk")
    settings = client.get("/ledger/vatSettings", params={"fields": "vatRegistrationStatus"}).json()["value"]
    assert settings == {"vatRegistrationStatus": "VAT_NOT_REGISTERED"}

    def categories():
        return {
            c["description"]: c
            for c in client.get(
                "/travelExpense/costCategory",
                params={"fields": "id,description,vatType(id,percentage),isVatLocked"},
            ).json()["values"]
        }

    taxi = categories()["Taxi"]
    assert taxi["vatType"] == {"id": 12, "percentage": 12} and taxi["isVatLocked"] is False

    def report_with_cost(company, owner, category, **cost):
        payment = next(i for i, p in company.payment_types.items() if p["description"] == "Privat utlegg")
        report = new_report(client, owner)
        line = {
            "travelExpense": {"id": report["id"]},
            "costCategory": {"id": category},
            "paymentType": {"id": payment},
            "amountCurrencyIncVat": 300,
            **cost,
        }
        assert client.post("/travelExpense/cost", json=line).status_code == 201
        return report["id"]

    hansen, owner = sim.company_by_name("Hansen"), sim.token_info("demo-enk").employee_id
    messages = refused(deliver(client, report_with_cost(hansen, owner, taxi["id"])))
    assert [f for f, _ in messages] == ["costs.vatType.id"] and "ikke mva-registrert" in messages[0][1]
    assert fields_of(deliver(client, report_with_cost(hansen, owner, taxi["id"], vatType={"id": 12}))) == [
        "costs.vatType.id"
    ]
    zero = report_with_cost(hansen, owner, taxi["id"], vatType={"id": 0})
    assert deliver(client, zero).json()["values"][0]["state"] == "DELIVERED"

    login(client, "demo-all")
    assert client.get("/ledger/vatSettings").json()["value"]["vatRegistrationStatus"] == "VAT_REGISTERED"
    fjordlys, kari = sim.company_by_name("Fjordlys"), sim.token_info("demo-all").employee_id
    cats = categories()
    assert deliver(client, report_with_cost(fjordlys, kari, cats["Taxi"]["id"])).status_code == 200
    locked = cats["Diett"]
    assert locked["isVatLocked"] is True
    assert fields_of(deliver(client, report_with_cost(fjordlys, kari, locked["id"], vatType={"id": 1}))) == [
        "costs.vatType.id"
    ]


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


def test_approve_can_be_refused_for_the_token_after_a_successful_deliver(client, fj, sim):
    """Sandbox trace: `:approve` answered 403 for the token even with overrideApprovalFlow=true."""
    login(client)
    report = new_report(client, fj["ola"])
    mileage(client, report["id"], fj["rates"][("Bil", "2026", None)])
    assert deliver(client, report["id"]).json()["values"][0]["state"] == "DELIVERED"
    sim.quirks.approve_forbidden = True
    response = client.put(
        "/travelExpense/:approve", params={"id": report["id"], "overrideApprovalFlow": "true"}
    )
    assert error(response)[:2] == (403, 9000)
    assert fj["company"].travel_expenses[report["id"]]["state"] == "DELIVERED"


def test_approve_validates_like_deliver(client, fj):
    login(client)
    report = new_report(client, fj["ola"])
    mileage(client, report["id"], fj["rates"][("Bil", "2026", None)])
    deliver(client, report["id"])
    lines = fj["company"].mileage_allowances
    stored = next(r for r in lines.values() if r["travelExpense"]["id"] == report["id"])
    lines[stored["id"]] = {**stored, "rateType": {"id": 1}}  # broken behind Tripletex's back
    assert fields_of(client.put("/travelExpense/:approve", params={"id": report["id"]})) == [
        "mileageAllowances.rateType.id"
    ]


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


def test_inline_lines_in_post_are_all_or_nothing_and_judged_at_deliver(client, fj):
    login(client)
    before = len(fj["company"].travel_expenses)
    travel = {
        "departureDate": "2026-10-05",
        "returnDate": "2026-10-06",
        "isCompensationFromRates": True,
        "departureFrom": "Oslo",
    }
    car = {"id": fj["rates"][("Bil", "2026", None)]}

    def post(line):
        return client.post(
            "/travelExpense",
            json={"employee": {"id": fj["kari"]}, "travelDetails": travel, "perDiemCompensations": [line]},
        )

    assert error(post({"rateType": car, "count": 1}))[2] == ["location"]
    assert len(fj["company"].travel_expenses) == before
    wrong_kind = post({"rateType": car, "count": 1, "location": "Bergen"})
    assert wrong_kind.status_code == 201
    assert fields_of(deliver(client, wrong_kind.json()["value"]["id"])) == [
        "perDiemCompensations.rateType.id"
    ]
    overnight = {"id": fj["rates"][("Overnatting over 12 timer - innland", "2026", None)]}
    good = post({"rateType": overnight, "count": 1, "location": "Bergen", "overnightAccommodation": "HOTEL"})
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


def upload(client, report_id, name, data, mime):
    request = client.build_request(
        "POST", f"/travelExpense/{report_id}/attachment", files={"file": (name, data, mime)}
    )
    request.read()
    return client.send(request)


def test_heic_uploads_are_refused_and_attachment_count_can_count_pages(client, fj, sim):
    login(client)
    report = new_report(client, fj["kari"])
    refused_heic = upload(client, report["id"], "IMG_0001.HEIC", b"\x00\x00\x00\x18ftypheic", "image/heic")
    assert error(refused_heic) == (422, 15000, ["file"])
    two_pages = b"%PDF-1.4 /Type /Pages /Type /Page /Type /Page"
    assert upload(client, report["id"], "a.pdf", two_pages, "application/pdf").status_code == 200
    assert fj["company"].travel_expenses[report["id"]]["attachmentCount"] == 1  # per upload (the default)
    sim.quirks.attachment_count_pages = True
    assert upload(client, report["id"], "b.pdf", two_pages, "application/pdf").status_code == 200
    assert upload(client, report["id"], "c.jpg", b"\xff\xd8\xff", "image/jpeg").status_code == 200
    assert fj["company"].travel_expenses[report["id"]]["attachmentCount"] == 1 + 2 + 1


def test_attachments_can_be_one_merged_document(client, fj, sim):
    """quirks.attachment_merged: one document per travel expense that grows with each upload (F12)."""
    login(client)
    report = new_report(client, fj["kari"])
    sim.quirks.attachment_merged = True
    two_pages = b"%PDF-1.4 /Type /Pages /Type /Page /Type /Page"
    assert upload(client, report["id"], "a.pdf", two_pages, "application/pdf").status_code == 200
    first = fj["company"].travel_expenses[report["id"]]
    assert upload(client, report["id"], "b.jpg", b"\xff\xd8\xff", "image/jpeg").status_code == 200
    row = fj["company"].travel_expenses[report["id"]]
    assert row["attachmentCount"] == 1  # documents, not uploads
    assert row["attachment"] == first["attachment"]  # the same document...
    doc = fj["company"].attachments[row["attachment"]["id"]]
    assert (doc["version"], doc["size"], doc["data"]) == (2, len(two_pages) + 3, two_pages + b"\xff\xd8\xff")
    sim.quirks.attachment_count_pages = True  # ... whose pages are counted
    assert upload(client, report["id"], "c.pdf", two_pages, "application/pdf").status_code == 200
    assert fj["company"].travel_expenses[report["id"]]["attachmentCount"] == 1 + 2


def test_a_report_of_costs_only_delivers_without_compensation_from_rates(client, fj):
    login(client)
    report = new_report(client, fj["kari"], isCompensationFromRates=False)
    cost = {
        "travelExpense": {"id": report["id"]},
        "costCategory": {"id": fj["cost_category"]["Taxi"]},
        "paymentType": {"id": fj["payment_type"]["Privat utlegg"]},
        "amountCurrencyIncVat": 120,
    }
    assert client.post("/travelExpense/cost", json=cost).status_code == 201
    assert deliver(client, report["id"]).json()["values"][0]["state"] == "DELIVERED"
