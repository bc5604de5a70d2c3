"""One rule for "mapping complete": core.mapping.mapping_gaps, used by the wizard, health, engine and CLI."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.mapping import MILEAGE_SLOT, PAYMENT_SLOT, PER_DIEM_SLOT, mapping_gaps
from tripletex_desktop.core.models import CompanyMapping, ListPage, TravelExpenseSettings
from tripletex_desktop.core.sync import CompanyTarget, SyncEngine, SyncPlan
from tripletex_desktop.core.sync.health import HealthState, company_health, mapping_complete
from tripletex_desktop.services.wizard import mapping_complete as wizard_mapping_complete

NO_MILEAGE = TravelExpenseSettings(mileage_not_compensated=True)
NOTHING_PAID = TravelExpenseSettings(mileage_not_compensated=True, per_diem_not_compensated=True)
PAYMENT_ONLY = CompanyMapping(company_id=1, payment_type_id=3)
NO_MILEAGE_CATEGORY = CompanyMapping(company_id=1, per_diem_cost_category_id=2, payment_type_id=3)


def test_gaps_follow_the_travel_settings() -> None:
    assert mapping_gaps(NO_MILEAGE_CATEGORY, NO_MILEAGE) == []
    assert mapping_gaps(NO_MILEAGE_CATEGORY, TravelExpenseSettings()) == [MILEAGE_SLOT]
    assert mapping_gaps(NO_MILEAGE_CATEGORY, None) == [MILEAGE_SLOT]  # settings unknown: all three needed
    assert mapping_gaps(PAYMENT_ONLY, NOTHING_PAID) == []
    assert mapping_gaps(CompanyMapping(company_id=1), NOTHING_PAID) == [PAYMENT_SLOT]  # always needed
    assert mapping_gaps(None, None) == [PAYMENT_SLOT, MILEAGE_SLOT, PER_DIEM_SLOT]


def test_wizard_health_and_model_agree_with_mapping_gaps() -> None:
    @dataclass
    class Company:  # storage.settings.CompanySettings, duck-typed
        id: int = 1
        mileage_cost_category_id: int | None = None
        per_diem_cost_category_id: int | None = 2
        payment_type_id: int | None = 3

    cases = [(NO_MILEAGE, True), (TravelExpenseSettings(), False), (None, False)]
    for settings, expected in cases:
        assert wizard_mapping_complete(NO_MILEAGE_CATEGORY, settings) is expected
        assert mapping_complete(Company(), settings) is expected
    assert NO_MILEAGE_CATEGORY.complete is False  # the model's property: settings unknown
    full = CompanyMapping(1, 1, 2, 3)
    assert full.complete and not mapping_gaps(full, None)


def test_health_is_ok_for_a_company_that_does_not_pay_mileage() -> None:
    @dataclass
    class Company:
        id: int = 1
        mileage_cost_category_id: int | None = None
        per_diem_cost_category_id: int | None = 2
        payment_type_id: int | None = 3

    health = company_health(
        today=dt.date(2026, 11, 22),
        token_expires_on=None,
        mapping_complete=mapping_complete(Company(), NO_MILEAGE),
        running=False,
        ever_synced=True,
    )
    assert health.state is HealthState.OK


class SettingsClient:
    """Only travel settings (every list is empty); `settings_error` makes that read fail."""

    def __init__(self, settings: TravelExpenseSettings, settings_error: Exception | None = None) -> None:
        self.settings = settings
        self.settings_error = settings_error

    def __getattr__(self, name: str):
        return lambda **kw: ListPage((), "d")

    def travel_expense_settings(self) -> TravelExpenseSettings:
        if self.settings_error is not None:
            raise self.settings_error
        return self.settings


class MemorySink:
    def get_digest(self, *a):
        return None

    def store_reference(self, *a):
        from tripletex_desktop.core.sync import EntityCounts

        return EntityCounts()

    def count_reference(self, *a):
        return 0

    def start_run(self, *a):
        return 1

    def finish_run(self, *a):
        pass


def _run(client, **target):
    engine = SyncEngine(lambda cid: client, MemorySink())
    plan = SyncPlan("c", (CompanyTarget(1, "Nordlys", **target),))
    return engine.run(plan, CancelToken(), lambda e: None)


def test_engine_uses_the_settings_it_pulled_for_the_mapping_warning() -> None:
    report = _run(SettingsClient(NO_MILEAGE), mapping=NO_MILEAGE_CATEGORY)
    company = report.company(1)
    assert "mapping_missing" not in company.warnings
    assert company.travel_settings == NO_MILEAGE
    assert not report.needs_attention

    paid = _run(SettingsClient(TravelExpenseSettings()), mapping=NO_MILEAGE_CATEGORY)
    assert paid.company(1).warnings[0] == "mapping_missing" and paid.needs_attention


def test_engine_falls_back_to_stored_settings_when_the_read_fails() -> None:
    from tripletex_desktop.core.errors import PermissionDenied

    client = SettingsClient(TravelExpenseSettings(), PermissionDenied("no", status=403))
    report = _run(client, mapping=NO_MILEAGE_CATEGORY, travel_settings=NO_MILEAGE)
    assert "mapping_missing" not in report.company(1).warnings
    unknown = _run(client, mapping=NO_MILEAGE_CATEGORY)
    assert "mapping_missing" in unknown.company(1).warnings


def test_unusable_choices_are_judged_by_the_same_rule() -> None:
    from tripletex_desktop.core.mapping import TOLL_SLOT, ListedChoice, MappingProblem, mapping_problems

    mapping = CompanyMapping(
        company_id=1,
        mileage_cost_category_id=1,
        per_diem_cost_category_id=2,
        payment_type_id=3,
        extra={TOLL_SLOT: 4},
    )
    cats = {
        1: ListedChoice("Bil", listed=True, inactive=True),
        2: ListedChoice("Diett"),
        4: ListedChoice("Bom", listed=False),  # gone from Tripletex, still stored
    }
    pays = {3: ListedChoice("Privat utlegg")}
    no_rates = TravelExpenseSettings(use_rates=False)
    assert mapping_problems(mapping, no_rates, cost_categories=cats, payment_types=pays) == [
        MappingProblem(MILEAGE_SLOT, 1, "Bil", "inactive"),
        MappingProblem(TOLL_SLOT, 4, "Bom", "missing"),
    ]
    # mileage is not paid: its category is not required, so not judged (the one rule); toll still is
    no_mileage = TravelExpenseSettings(use_rates=False, mileage_not_compensated=True)
    assert [
        p.slot for p in mapping_problems(mapping, no_mileage, cost_categories=cats, payment_types=pays)
    ] == [TOLL_SLOT]
    # a company that pays from rates never sends the mileage and per diem categories (as the preflight): only
    # what it does send is judged — also while its settings are not known yet
    for settings in (TravelExpenseSettings(use_rates=True), None):
        assert [
            p.slot for p in mapping_problems(mapping, settings, cost_categories=cats, payment_types=pays)
        ] == [TOLL_SLOT]
    # a payment type never listed is missing; lists never synced judge nothing
    assert mapping_problems(
        mapping, NO_MILEAGE, cost_categories={}, payment_types={9: ListedChoice("x")}
    ) == [MappingProblem(PAYMENT_SLOT, 3, "", "missing")]
