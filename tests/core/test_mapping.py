"""Cost-category / payment-type mapping: suggestion by name, validation codes, apply to other companies."""

from __future__ import annotations

from tripletex_desktop.core.mapping import apply_by_name, suggest_mapping, validate_mapping
from tripletex_desktop.core.models import CompanyMapping, CostCategory, PaymentType


def cat(id_: int, description: str, *, inactive: bool = False, travel: bool = True) -> CostCategory:
    return CostCategory(id=id_, description=description, is_inactive=inactive, show_on_travel_expenses=travel)


def pay(id_: int, description: str, *, inactive: bool = False) -> PaymentType:
    return PaymentType(id=id_, description=description, is_inactive=inactive)


CATEGORIES = [
    cat(1, "Bomavgift"),
    cat(2, "Parkering"),
    cat(3, "Leiebil"),
    cat(4, "Kjøregodtgjørelse"),
    cat(5, "Diett"),
    cat(6, "Fly"),
]
PAYMENTS = [pay(10, "Firmakort"), pay(11, "Privat utlegg")]


def test_suggests_norwegian_names() -> None:
    mapping = suggest_mapping(7, CATEGORIES, PAYMENTS)
    assert mapping == CompanyMapping(
        7, mileage_cost_category_id=4, per_diem_cost_category_id=5, payment_type_id=11, extra={"toll": 1}
    )
    assert mapping.complete


def test_toll_is_optional_and_never_inactive() -> None:
    without = suggest_mapping(7, [c for c in CATEGORIES if c.id != 1], PAYMENTS)
    assert without.extra == {} and without.complete
    inactive = suggest_mapping(7, [cat(1, "Bomavgift", inactive=True), *CATEGORIES[1:]], PAYMENTS)
    assert inactive.extra == {}


def test_accents_and_case_do_not_matter() -> None:
    mapping = suggest_mapping(
        1, [cat(1, "KJOREGODTGJORELSE"), cat(2, "kostgodtgjørelse")], [pay(3, "Betalt av ANSATT")]
    )
    assert (mapping.mileage_cost_category_id, mapping.per_diem_cost_category_id, mapping.payment_type_id) == (
        1,
        2,
        3,
    )


def test_english_names() -> None:
    mapping = suggest_mapping(
        1, [cat(1, "Mileage allowance"), cat(2, "Per diem")], [pay(3, "Paid by employee")]
    )
    assert (mapping.mileage_cost_category_id, mapping.per_diem_cost_category_id, mapping.payment_type_id) == (
        1,
        2,
        3,
    )


def test_never_an_inactive_category() -> None:
    mapping = suggest_mapping(
        1,
        [cat(1, "Kjøregodtgjørelse", inactive=True), cat(2, "Diett", inactive=True)],
        [pay(3, "Privat", inactive=True)],
    )
    assert mapping == CompanyMapping(1)
    assert not mapping.complete


def test_prefers_shown_on_travel_expenses() -> None:
    mapping = suggest_mapping(1, [cat(1, "Diett", travel=False), cat(2, "Diett", travel=True)], [])
    assert mapping.per_diem_cost_category_id == 2


def test_stronger_keyword_wins_and_short_words_match_whole_words_only() -> None:
    categories = [cat(1, "Bil km"), cat(2, "Bilgodtgjørelse"), cat(3, "Leiebil"), cat(4, "Kostnader diverse")]
    mapping = suggest_mapping(1, categories, [])
    assert mapping.mileage_cost_category_id == 2
    assert mapping.per_diem_cost_category_id is None  # "kost" is not a word in "Kostnader"


def test_leiebil_is_not_mileage() -> None:
    assert suggest_mapping(1, [cat(3, "Leiebil"), cat(1, "Bomavgift")], []).mileage_cost_category_id is None


def test_validate_reports_missing_inactive_unknown() -> None:
    categories = [cat(1, "Kjøregodtgjørelse"), cat(2, "Diett", inactive=True)]
    mapping = CompanyMapping(
        1, mileage_cost_category_id=1, per_diem_cost_category_id=2, payment_type_id=None, extra={"toll": 99}
    )
    assert validate_mapping(mapping, categories, [pay(3, "Privat")]) == [
        "per_diem_cost_category_inactive",
        "payment_type_missing",
        "extra:toll_unknown",
    ]
    assert validate_mapping(CompanyMapping(1, 1, 77, 3), categories, [pay(3, "Privat")]) == [
        "per_diem_cost_category_unknown"
    ]
    assert validate_mapping(CompanyMapping(1, 1, 1, 3), categories, [pay(3, "Privat")]) == []


def test_apply_by_name_to_another_company() -> None:
    source = CompanyMapping(1, 4, 5, 11, extra={"toll": 1})
    target_categories = [
        cat(40, "Diett"),
        cat(41, "kjøregodtgjørelse"),
        cat(42, "Bomavgift"),
        cat(43, "Diett (gammel)", inactive=True),
    ]
    target_payments = [pay(50, "Privat utlegg")]
    result = apply_by_name(
        source,
        CATEGORIES,
        target_categories,
        target_company_id=2,
        source_payment_types=PAYMENTS,
        target_payment_types=target_payments,
    )
    assert result == CompanyMapping(2, 41, 40, 50, extra={"toll": 42})


def test_apply_by_name_fails_when_a_name_is_missing_inactive_or_duplicated() -> None:
    source = CompanyMapping(1, 4, 5, None)
    assert apply_by_name(source, CATEGORIES, [cat(40, "Diett")], target_company_id=2) is None
    assert (
        apply_by_name(
            source,
            CATEGORIES,
            [cat(40, "Diett"), cat(41, "Kjøregodtgjørelse", inactive=True)],
            target_company_id=2,
        )
        is None
    )
    assert (
        apply_by_name(
            source,
            CATEGORIES,
            [cat(40, "Diett"), cat(41, "Kjøregodtgjørelse"), cat(42, "Kjøregodtgjørelse")],
            target_company_id=2,
        )
        is None
    )


def test_apply_by_name_without_payment_lists_leaves_payment_unset() -> None:
    result = apply_by_name(
        CompanyMapping(1, 4, 5, 11),
        CATEGORIES,
        [cat(40, "Diett"), cat(41, "Kjøregodtgjørelse")],
        target_company_id=3,
    )
    assert result == CompanyMapping(3, 41, 40, None)
