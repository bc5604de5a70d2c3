"""Currencies: GET /currency (code filter, paging, fields), /currency/{id}/rate, and costs in a foreign currency."""

import pytest

from .conftest import error, login
from .test_travel import new_report


@pytest.fixture
def fj(sim):
    """Cost category and payment type ids in Fjordlys Reiser AS."""
    company = sim.company_by_name("Fjordlys")
    return {
        "kari": sim.token_info("demo-all").employee_id,
        "taxi": next(i for i, c in company.cost_categories.items() if c["description"] == "Taxi"),
        "private": next(i for i, p in company.payment_types.items() if p["description"] == "Privat utlegg"),
    }


def test_currency_by_code_with_narrow_fields(client):
    login(client)
    values = client.get("/currency", params={"code": "EUR", "fields": "id,code,factor"}).json()["values"]
    assert values == [{"id": 3, "code": "EUR", "factor": 1}]
    assert client.get("/currency", params={"code": "XYZ", "fields": "id"}).json()["values"] == []


def test_currency_list_pages_and_one_by_id(client):
    login(client)
    codes, start = [], 0
    while True:
        page = client.get("/currency", params={"from": start, "count": 4, "fields": "code"}).json()
        codes += [v["code"] for v in page["values"]]
        if page["count"] < 4:
            break
        start += 4
    assert sorted(codes) == ["DKK", "EUR", "GBP", "NOK", "SEK", "USD"]
    sek = client.get("/currency/5", params={"fields": "code,factor"}).json()["value"]
    assert sek == {"code": "SEK", "factor": 100}
    assert client.get("/currency/999").status_code == 404


def test_rate_needs_a_date_and_quotes_per_factor(client):
    login(client)
    rate = client.get(
        "/currency/5/rate", params={"date": "2026-10-05", "fields": "rate,date,sourceCurrency(code,factor)"}
    ).json()["value"]
    assert rate["date"] == "2026-10-05" and rate["sourceCurrency"] == {"code": "SEK", "factor": 100}
    assert 50 < rate["rate"] < 200  # NOK per 100 SEK
    assert error(client.get("/currency/5/rate")) == (422, 15000, ["date"])
    assert client.get("/currency/999/rate", params={"date": "2026-10-05"}).status_code == 404


def test_foreign_cost_gets_its_nok_amount_from_the_rate_unless_sent(client, fj):
    login(client)
    report = new_report(client, fj["kari"])
    eur_rate = client.get("/currency/3/rate", params={"date": "2026-10-05"}).json()["value"]["rate"]

    def cost(**extra):
        return client.post(
            "/travelExpense/cost",
            json={
                "travelExpense": {"id": report["id"]},
                "costCategory": {"id": fj["taxi"]},
                "paymentType": {"id": fj["private"]},
                "date": "2026-10-05",
                "amountCurrencyIncVat": 40,
                **extra,
            },
        )

    computed = cost(currency={"id": 3}).json()["value"]
    assert computed["amountCurrencyIncVat"] == 40
    assert computed["amountNOKInclVAT"] == pytest.approx(round(40 * eur_rate, 2))
    assert computed["currency"]["id"] == 3
    sent = cost(currency={"id": 3}, amountNOKInclVAT=470.0).json()["value"]
    assert (sent["amountCurrencyIncVat"], sent["amountNOKInclVAT"]) == (40, 470.0)
    unknown = cost(currency={"id": 999})  # accepted at POST, refused at deliver
    assert unknown.status_code == 201
    refusal = client.put("/travelExpense/:deliver", params={"id": report["id"]}).json()
    assert [m["field"] for m in refusal["validationMessages"]] == ["costs.currency.id"]
    client.delete(f"/travelExpense/cost/{unknown.json()['value']['id']}")
    total = client.get(f"/travelExpense/{report['id']}", params={"fields": "amount"}).json()["value"][
        "amount"
    ]
    assert total == pytest.approx(round(40 * eur_rate, 2) + 470.0)
