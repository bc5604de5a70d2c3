"""The client against the in-process simulator, every request and response checked against the spec."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.contract.openapi_contract import ContractTransport, OpenApiContract
from tripletex_desktop.core import errors as e
from tripletex_desktop.core.api import ConnectionTarget, TripletexClient, make_http_client
from tripletex_desktop.core.models import Environment, RateType
from tripletex_desktop.core.onboarding import confirm_client, connect, load_company_setup
from tripletex_desktop.core.permissions import Verdict, check_company_permissions
from tripletex_desktop.simulator import DEMO_CONSUMER_TOKEN, Simulator

DAY = dt.date(2026, 3, 2)


def real_violations(transport: ContractTransport) -> list[str]:
    """Every contract violation the transport saw."""
    return list(transport.violations)


class Day:
    def __init__(self, day: dt.date) -> None:
        self.day = day

    def __call__(self) -> dt.date:
        return self.day


@pytest.fixture(scope="module")
def contract() -> OpenApiContract:
    return OpenApiContract.load()


@pytest.fixture
def today() -> Day:
    return Day(DAY)


@pytest.fixture
def sim(today) -> Simulator:
    return Simulator(today=today, sleep=lambda s: None)


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def make(sim, contract, today, sleeps):
    transports: list[ContractTransport] = []

    def _make(token: str = "demo-all", **kw) -> TripletexClient:
        target = ConnectionTarget.for_environment(Environment.DEMO, DEMO_CONSUMER_TOKEN)
        transport = ContractTransport(sim.transport(), contract, raise_on_violation=False)
        transports.append(transport)
        kw.setdefault("today", today)
        kw.setdefault("sleep", sleeps.append)
        kw.setdefault("random", lambda: 0.5)
        return TripletexClient(make_http_client(target, transport=transport), target, token, **kw)

    yield _make
    for t in transports:
        assert t.checked > 0
        assert real_violations(t) == []


def test_connect_plain_and_accountant(make):
    plain = connect(make("demo-all"))
    assert not plain.is_accountant
    assert [c.name for c in plain.companies] == ["Fjordlys Reiser AS"]
    assert plain.who.employee_name == "Kari Nordmann"
    accountant_client = make("demo-accountant")
    accountant = connect(accountant_client)
    assert accountant.is_accountant
    assert sorted(c.name for c in accountant.companies) == [
        "Fjordlys Reiser AS",
        "Hansen Rørlegger",
        "Nordlys Bakeri AS",
    ]
    for company in accountant.companies:
        assert confirm_client(accountant_client, company.id).company_id == company.id


def test_accountant_token_refused_under_username_zero_outside_the_two_calls(make):
    client = make("demo-accountant")
    client.who_am_i(0)
    client.companies_with_login_access()
    with pytest.raises(e.PermissionDenied) as info:
        client.company(0).employees()
    assert info.value.status == 403 and info.value.tripletex_code == 9000 and info.value.request_id


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("demo-expired", e.EmployeeTokenExpired),
        ("test-demo", e.WrongEnvironment),
        ("nonsense", e.EmployeeTokenInvalid),
    ],
)
def test_session_failures(make, token, expected):
    with pytest.raises(expected) as info:
        make(token).open_session()
    assert type(info.value) is expected and info.value.request_id


def test_lookups_and_checksums(make):
    client = make("demo-all")
    company = client.company(0)
    employees = company.employees()
    assert len(employees.values) >= 2 and all(emp.first_name for emp in employees.values)
    assert company.projects().values and company.departments().values
    categories = company.cost_categories()
    assert categories.values and categories.version_digest
    again = company.cost_categories(if_none_match=categories.version_digest)
    assert again.not_modified and again.values == ()
    assert company.payment_types().values
    per_diem = company.rate_categories(
        date_from=DAY, date_to=DAY + dt.timedelta(days=1), type=RateType.PER_DIEM
    )
    assert per_diem.values and all(c.type is RateType.PER_DIEM and c.valid_on(DAY) for c in per_diem.values)
    rates = company.rates(rate_category_id=per_diem.values[0].id)
    assert all(r.rate_category_id == per_diem.values[0].id for r in rates.values)
    company.zones(on=DAY)
    assert company.travel_expense_settings().approval_required in (True, False)
    setup = load_company_setup(client, 0)
    assert setup.cost_categories == categories.values


def test_paging_with_small_pages_reads_everything(make):
    everyone = make("demo-all").company(0).employees().values
    paged = make("demo-all", page_size=2).company(0).employees().values
    assert [p.id for p in paged] == [p.id for p in everyone]


def test_travel_expense_round_trip(make):
    client = make("demo-all")
    company = client.company(0)
    who = client.who_am_i()
    created = company.create_travel_expense(
        {
            "employee": {"id": who.employee_id},
            "title": "Kundemøte Bergen [ext:abcd1234]",
            "travelDetails": {
                "departureDate": "2026-03-02",
                "returnDate": "2026-03-02",
                "departureFrom": "Oslo",
                "destination": "Bergen",
                "purpose": "Kundemøte",
                "isDayTrip": True,
            },
        }
    )
    report_id = created["id"]
    category = company.cost_categories().values[0]
    payment = company.payment_types().values[0]
    company.create_cost(
        {
            "travelExpense": {"id": report_id},
            "costCategory": {"id": category.id},
            "paymentType": {"id": payment.id},
            "date": "2026-03-02",
            "amountCurrencyIncVat": 450.0,
        }
    )
    assert len(company.costs(report_id)) == 1
    found = company.travel_expenses(employee_id=who.employee_id, departure_date_from=DAY)
    assert any(r["id"] == report_id and "[ext:abcd1234]" in r["title"] for r in found)
    assert company.get_travel_expense(report_id, fields="id,title")["title"].startswith("Kundemøte")
    company.delete_travel_expense(report_id)
    with pytest.raises(e.NotFound):
        company.get_travel_expense(report_id)


def test_session_recreated_after_midnight_against_the_simulator(make, sim, today):
    client = make("demo-all")
    client.who_am_i()
    today.day = DAY + dt.timedelta(days=2)  # the day before expirationDate
    client.who_am_i()
    creates = [r for r in sim.request_log if r.path == "/token/session/:create"]
    assert len(creates) == 2
    today.day = DAY + dt.timedelta(days=10)
    client.who_am_i()
    assert len([r for r in sim.request_log if r.path == "/token/session/:create"]) == 3


def test_token_expiring_mid_run_is_employee_token_expired(make, sim):
    client = make("demo-all")
    client.who_am_i()
    sim.expire_employee_token("demo-all")
    with pytest.raises(e.EmployeeTokenExpired):
        client.who_am_i()


def test_server_errors_and_rate_limits_from_the_simulator(make, sim, sleeps):
    client = make("demo-all")
    client.who_am_i()
    sim.faults.fail_next(503, count=2, method="GET", path_prefix="/employee")
    assert client.company(0).employees().values
    assert sleeps == [1.0, 2.0]
    sim.faults.fail_next(503, method="POST", path_prefix="/travelExpense")
    with pytest.raises(e.ServerError):
        client.company(0).create_travel_expense({"employee": {"id": client.who_am_i().employee_id}})


def test_permission_report_for_demo_limited(make):
    client = make("demo-limited")
    who = client.who_am_i()
    report = check_company_permissions(client.company(0), who)
    assert {r.key for r in report.with_verdict(Verdict.MISSING)} == {"project_settings"}
    assert {r.key for r in report.with_verdict(Verdict.LIKELY_MISSING)} == {"travel_all", "employee_read"}
    assert [r.key for r in report.blockers] == ["project_settings"]
    assert not report.with_verdict(Verdict.INCONCLUSIVE) and not report.has_errors


def test_close_deletes_the_session(make, sim):
    client = make("demo-all")
    client.who_am_i()
    client.close()
    assert [r.method for r in sim.request_log][-1] == "DELETE"
    assert sim.request_log[-1].status == 204


def test_currency_lookup_is_cached_and_rates_are_per_unit(make, sim, sleeps):
    company = make("demo-all").company(0)
    assert company.currency_by_code("eur") == 3
    assert company.currency_by_code("EUR") == 3
    assert company.currency_by_code("XYZ") is None
    assert company.currency_by_code("XYZ") is None
    assert len([r for r in sim.request_log if r.path == "/currency"]) == 2  # once per code
    eur, sek = company.currency_rate(3, DAY), company.currency_rate(5, DAY)
    assert eur is not None and sek is not None
    assert 5 < eur < 20 and 0.5 < sek < 2  # SEK is quoted per 100: the client divides by the factor
    sim.faults.fail_next(503, method="GET", path_prefix="/currency")
    assert company.currency_by_code("SEK") == 5  # a read: retried
    assert sleeps == [1.0]


def test_a_pc_clock_a_week_behind_still_gets_a_session_and_knows_it(make, sim):
    behind = DAY - dt.timedelta(days=7)
    client = make(today=lambda: behind)
    who = client.who_am_i()  # the first :create is refused on expirationDate; the Date header corrects it
    assert who.employee_name == "Kari Nordmann"
    assert client.clock_skew_days == 7 and client.today() == DAY
    assert client.session_expiration == DAY + dt.timedelta(days=3)
    creates = [r for r in sim.request_log if r.path == "/token/session/:create"]
    assert [r.status for r in creates] == [422, 201]


def test_session_refusals_are_classified_with_and_without_the_arg_prefix(make, sim):
    for prefix in ("arg:", ""):
        sim.quirks.session_field_prefix = prefix
        with pytest.raises(e.EmployeeTokenInvalid):
            make("no-such-token").open_session()
        with pytest.raises(e.WrongEnvironment):
            make("test-demo").open_session()
    sim.quirks.expired_token_status = 422  # an expired token answered like an unknown one
    with pytest.raises(e.EmployeeTokenInvalid):
        make("demo-expired").open_session()
