"""Suggest and validate a company's travel cost-category and payment-type mapping (pure)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from tripletex_desktop.core.models import (
    MILEAGE_SLOT,
    PAYMENT_SLOT,
    PER_DIEM_SLOT,
    CompanyMapping,
    CostCategory,
    PaymentType,
    TravelExpenseSettings,
)
from tripletex_desktop.core.models import mapping_gaps as mapping_gaps  # re-exported: the one rule
from tripletex_desktop.core.rates import normalise_name

#: Keywords in order of strength (normalised: no accents, lower case); matched as whole words.
MILEAGE_KEYWORDS: tuple[str, ...] = (
    "kjoregodtgjorelse",
    "bilgodtgjorelse",
    "kilometergodtgjorelse",
    "mileage",
    "bil",
    "km",
)
PER_DIEM_KEYWORDS: tuple[str, ...] = ("diett", "kostgodtgjorelse", "per diem", "kost")
PAYMENT_KEYWORDS: tuple[str, ...] = ("privat", "ansatt", "utlegg", "employee")
TOLL_KEYWORDS: tuple[str, ...] = ("bomavgift", "bompenger", "bom", "toll")
#: Key in CompanyMapping.extra for the cost category of toll paid on a mileage line.
TOLL_SLOT = "toll"

# The slot names and the one rule for a complete mapping live next to CompanyMapping (core.models).


class _Choice(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def description(self) -> str: ...
    @property
    def display_name(self) -> str | None: ...
    @property
    def is_inactive(self) -> bool: ...
    @property
    def show_on_travel_expenses(self) -> bool: ...


C = TypeVar("C", bound=_Choice)


def _words(item: _Choice) -> str:
    text = f"{item.description} {item.display_name or ''}"
    return " " + re.sub(r"[^a-z0-9]+", " ", normalise_name(text)) + " "


def _score(item: _Choice, keywords: Sequence[str]) -> int | None:
    """Lower is better; None when no keyword occurs as a whole word (or a word prefix of a compound)."""
    words = _words(item)
    for rank, keyword in enumerate(keywords):
        if f" {keyword} " in words:
            return rank * 2
        if f" {keyword}" in words and len(keyword) >= 6:  # "kjoregodtgjorelse" in "kjoregodtgjorelsen"
            return rank * 2 + 1
    return None


def suggest_choice(items: Iterable[C], keywords: Sequence[str]) -> C | None:
    """The best active item for the keywords: keyword rank, then shown on travel expenses, then id."""
    best: tuple[tuple[int, int, int], C] | None = None
    for item in items:
        if item.is_inactive:
            continue
        score = _score(item, keywords)
        if score is None:
            continue
        key = (score, 0 if item.show_on_travel_expenses else 1, item.id)
        if best is None or key < best[0]:
            best = (key, item)
    return best[1] if best else None


def suggest_mapping(
    company_id: int, categories: Sequence[CostCategory], payment_types: Sequence[PaymentType]
) -> CompanyMapping:
    """A first mapping for a company from its active categories' names; slots without a match stay None."""
    mileage = suggest_choice(categories, MILEAGE_KEYWORDS)
    per_diem = suggest_choice(categories, PER_DIEM_KEYWORDS)
    payment = suggest_choice(payment_types, PAYMENT_KEYWORDS)
    toll = suggest_choice(categories, TOLL_KEYWORDS)
    return CompanyMapping(
        company_id=company_id,
        mileage_cost_category_id=mileage.id if mileage else None,
        per_diem_cost_category_id=per_diem.id if per_diem else None,
        payment_type_id=payment.id if payment else None,
        extra={TOLL_SLOT: toll.id} if toll else {},
    )


def _check(slot: str, chosen: int | None, items: Sequence[_Choice], codes: list[str]) -> None:
    if chosen is None:
        codes.append(f"{slot}_missing")
        return
    found = next((item for item in items if item.id == chosen), None)
    if found is None:
        codes.append(f"{slot}_unknown")
    elif found.is_inactive:
        codes.append(f"{slot}_inactive")


def validate_mapping(
    mapping: CompanyMapping, categories: Sequence[CostCategory], payment_types: Sequence[PaymentType]
) -> list[str]:
    """Codes such as "mileage_cost_category_missing", "payment_type_inactive", "extra:toll_unknown"."""
    codes: list[str] = []
    _check(MILEAGE_SLOT, mapping.mileage_cost_category_id, categories, codes)
    _check(PER_DIEM_SLOT, mapping.per_diem_cost_category_id, categories, codes)
    _check(PAYMENT_SLOT, mapping.payment_type_id, payment_types, codes)
    for key, value in sorted(mapping.extra.items()):
        _check(f"extra:{key}", value, categories, codes)
    return codes


@dataclass(frozen=True, slots=True)
class ListedChoice:
    """A cost category or payment type as the latest sync stored it."""

    name: str
    #: listed by Tripletex in the latest sync
    listed: bool = True
    #: marked inactive in Tripletex
    inactive: bool = False


@dataclass(frozen=True, slots=True)
class MappingProblem:
    """A chosen cost category or payment type that travel reports cannot use: inactive or missing in Tripletex."""

    #: PAYMENT_SLOT, MILEAGE_SLOT, PER_DIEM_SLOT, or TOLL_SLOT
    slot: str
    chosen_id: int
    #: its name as the last sync knew it ("" when no sync ever listed it)
    name: str
    #: "inactive" (marked inactive in Tripletex) or "missing" (not listed by Tripletex any more, or never)
    problem: str

    def to_json(self) -> dict[str, object]:
        """A JSON-able dict (the sync history and `sync --json`)."""
        return {"slot": self.slot, "id": self.chosen_id, "name": self.name, "problem": self.problem}

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> MappingProblem:
        """The inverse of `to_json`."""
        chosen = data.get("id")
        return cls(
            slot=str(data.get("slot", "")),
            chosen_id=chosen if isinstance(chosen, int) else 0,
            name=str(data.get("name") or ""),
            problem=str(data.get("problem", "missing")),
        )


def chosen_for(mapping: CompanyMapping, slot: str) -> int | None:
    """The id chosen for `slot` (PAYMENT_SLOT, MILEAGE_SLOT, PER_DIEM_SLOT or TOLL_SLOT) in `mapping`."""
    chosen = {
        PAYMENT_SLOT: mapping.payment_type_id,
        MILEAGE_SLOT: mapping.mileage_cost_category_id,
        PER_DIEM_SLOT: mapping.per_diem_cost_category_id,
    }
    return chosen[slot] if slot in chosen else mapping.extra.get(slot)


def still_chosen(problems: Iterable[MappingProblem], mapping: CompanyMapping) -> list[MappingProblem]:
    """The problems a sync found whose item is still the one chosen: a choice changed since is no problem."""
    return [p for p in problems if chosen_for(mapping, p.slot) == p.chosen_id]


def mapping_problems(
    mapping: CompanyMapping,
    settings: TravelExpenseSettings | None,
    *,
    cost_categories: Mapping[int, ListedChoice],
    payment_types: Mapping[int, ListedChoice],
) -> list[MappingProblem]:
    """The chosen items the synced lists say cannot be used, in mapping_gaps' slot order, then toll.

    Only the slots the one rule (mapping_gaps) requires are judged, plus the toll category when one is chosen;
    an unset slot is mapping_gaps' business. A list that was never synced (empty) judges nothing. A company that
    compensates from rates (`useRates`, also when its settings are not known yet) never sends the mileage and per
    diem categories, so those are judged only without rates, as the transfer's preflight does.
    """
    use_rates = settings.use_rates if settings is not None else True
    unsent = {MILEAGE_SLOT, PER_DIEM_SLOT} if use_rates else set()
    required = [
        slot
        for slot in mapping_gaps(CompanyMapping(company_id=mapping.company_id), settings)
        if slot not in unsent
    ]
    slots: list[tuple[str, int | None, Mapping[int, ListedChoice]]] = [
        (slot, chosen_for(mapping, slot), payment_types if slot == PAYMENT_SLOT else cost_categories)
        for slot in required
    ]
    slots.append((TOLL_SLOT, chosen_for(mapping, TOLL_SLOT), cost_categories))
    problems: list[MappingProblem] = []
    for slot, value, listed in slots:
        if value is None or not listed:
            continue
        item = listed.get(value)
        if item is not None and item.listed and not item.inactive:
            continue
        problem = "inactive" if item is not None and item.inactive else "missing"
        problems.append(MappingProblem(slot, value, item.name if item is not None else "", problem))
    return problems


@dataclass(frozen=True, slots=True)
class _NameIndex:
    by_name: dict[str, list[_Choice]]

    @classmethod
    def of(cls, items: Iterable[_Choice]) -> _NameIndex:
        index: dict[str, list[_Choice]] = {}
        for item in items:
            if not item.is_inactive:
                index.setdefault(normalise_name(item.description), []).append(item)
        return cls(index)

    def unique(self, name: str) -> int | None:
        found = self.by_name.get(normalise_name(name), [])
        return found[0].id if len(found) == 1 else None


def _translate(
    source_id: int | None, source: Sequence[_Choice], target: _NameIndex
) -> tuple[bool, int | None]:
    """(ok, target id): a set source id must map to exactly one active target item of the same name."""
    if source_id is None:
        return True, None
    item = next((i for i in source if i.id == source_id), None)
    if item is None:
        return False, None
    target_id = target.unique(item.description)
    return target_id is not None, target_id


def apply_by_name(
    source_mapping: CompanyMapping,
    source_categories: Sequence[CostCategory],
    target_categories: Sequence[CostCategory],
    *,
    target_company_id: int,
    source_payment_types: Sequence[PaymentType] = (),
    target_payment_types: Sequence[PaymentType] = (),
) -> CompanyMapping | None:
    """The source mapping carried over to another company by category names, or None if any slot fails.

    Every slot set in the source must name exactly one active item with the same (normalised) description
    in the target company; a payment type is carried over only when payment type lists are given.
    """
    cats = _NameIndex.of(target_categories)
    ok_m, mileage = _translate(source_mapping.mileage_cost_category_id, source_categories, cats)
    ok_p, per_diem = _translate(source_mapping.per_diem_cost_category_id, source_categories, cats)
    payment: int | None = None
    ok_pay = True
    if source_payment_types or target_payment_types:
        ok_pay, payment = _translate(
            source_mapping.payment_type_id, source_payment_types, _NameIndex.of(target_payment_types)
        )
    extra: dict[str, int] = {}
    ok_extra = True
    for key, value in source_mapping.extra.items():
        ok, target_id = _translate(value, source_categories, cats)
        ok_extra = ok_extra and ok
        if target_id is not None:
            extra[key] = target_id
    if not (ok_m and ok_p and ok_pay and ok_extra):
        return None
    return CompanyMapping(
        company_id=target_company_id,
        mileage_cost_category_id=mileage,
        per_diem_cost_category_id=per_diem,
        payment_type_id=payment,
        extra=extra,
    )
