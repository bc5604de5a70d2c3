"""Which VAT code each cost carries: none for a company that is not VAT-registered, else its category's."""

from __future__ import annotations

from tripletex_desktop.core.models import NO_VAT_TYPE_ID, CostCategory, VatSettings, VatStatus
from tripletex_desktop.core.transfer.vat import CostVat

CATEGORIES = [CostCategory(3, "Parkering", vat_type_id=1), CostCategory(4, "Taxi", vat_type_id=None)]


def test_the_rule_is_read_from_the_synced_settings_and_categories():
    rule = CostVat.of(VatSettings(VatStatus.REGISTERED), CATEGORIES)
    assert rule == CostVat(VatStatus.REGISTERED, {3: 1, 4: None})
    assert CostVat.of(None, CATEGORIES) == CostVat(None, {3: 1, 4: None})  # settings not readable


def test_a_company_that_is_not_vat_registered_sends_no_vat_treatment_on_every_cost():
    rule = CostVat.of(VatSettings(VatStatus.NOT_REGISTERED), CATEGORIES)
    assert [rule.vat_type_for(c) for c in (3, 4, 99, None)] == [NO_VAT_TYPE_ID] * 4


def test_a_vat_registered_company_sends_its_categorys_code():
    for status in (VatStatus.REGISTERED, VatStatus.APPLICANT, VatStatus.COMPENSATION):
        rule = CostVat.of(VatSettings(status), CATEGORIES)
        assert [rule.vat_type_for(c) for c in (3, 4, 99, None)] == [1, None, None, None]


def test_with_the_registration_unknown_no_code_is_sent_and_tripletex_uses_the_categorys():
    rule = CostVat.of(None, CATEGORIES)
    assert [rule.vat_type_for(c) for c in (3, 4, None)] == [None, None, None]
