"""Looking up what a cell names: employees (number, e-mail, name), cost categories and payment types (by name)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from tripletex_desktop.core.importing.columns import normalise_header
from tripletex_desktop.core.models import CostCategory, Employee, PaymentType


@dataclass(frozen=True, slots=True)
class EmployeeDirectory:
    """Look employees up by number, e-mail or full name (normalised); names may be ambiguous."""

    by_number: Mapping[str, int]
    by_email: Mapping[str, int]
    by_name: Mapping[str, tuple[int, ...]]
    #: Employees Tripletex registers no travel expenses for (`allowInformationRegistration` false, F18).
    refused: frozenset[int] = frozenset()

    @classmethod
    def of(cls, employees: Iterable[Employee]) -> EmployeeDirectory:
        """Index a company's employees."""
        employees = tuple(employees)
        numbers: dict[str, int] = {}
        emails: dict[str, int] = {}
        names: dict[str, tuple[int, ...]] = {}
        for e in employees:
            if e.employee_number:
                numbers[e.employee_number.strip().lstrip("0") or "0"] = e.id
            if e.email:
                emails[e.email.strip().casefold()] = e.id
            for name in {e.display_name, f"{e.last_name} {e.first_name}", f"{e.last_name}, {e.first_name}"}:
                key = normalise_header(name)
                if key and e.id not in names.get(key, ()):
                    names[key] = (*names.get(key, ()), e.id)
        refused = frozenset(e.id for e in employees if not e.allow_information_registration)
        return cls(numbers, emails, names, refused)

    def find(self, value: object) -> int:
        """The employee id; raises LookupError("employee_unknown" | "employee_ambiguous" | "employee_not_travel")."""
        found = self._find(value)
        if found in self.refused:
            raise LookupError("employee_not_travel")
        return found

    def _find(self, value: object) -> int:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value).strip()
        number = text.lstrip("0") or "0"
        if number in self.by_number:
            return self.by_number[number]
        if "@" in text and text.casefold() in self.by_email:
            return self.by_email[text.casefold()]
        ids = self.by_name.get(normalise_header(text), ())
        if len(ids) == 1:
            return ids[0]
        raise LookupError("employee_ambiguous" if ids else "employee_unknown")


#: English (and a few colloquial Norwegian) words for the usual Norwegian category names (normalised).
CATEGORY_WORDS: dict[str, str] = {
    "hotel": "hotell",
    "lodging": "hotell",
    "accommodation": "hotell",
    "overnatting": "hotell",
    "parking": "parkering",
    "toll": "bomavgift",
    "road toll": "bomavgift",
    "tolls": "bomavgift",
    "bompenger": "bomavgift",
    "bom": "bomavgift",
    "train": "tog",
    "rail": "tog",
    "togbillett": "tog",
    "flight": "fly",
    "plane": "fly",
    "air": "fly",
    "airfare": "fly",
    "flybillett": "fly",
    "cab": "taxi",
    "drosje": "taxi",
    "meals": "kost",
    "food": "kost",
    "mat": "kost",
    "bus": "buss",
    "ferry": "ferje",
    "fuel": "drivstoff",
    "petrol": "drivstoff",
}

PAYMENT_WORDS: dict[str, str] = {
    "private": "privat utlegg",
    "privat": "privat utlegg",
    "own money": "privat utlegg",
    "utlegg": "privat utlegg",
    "company card": "firmakort",
    "corporate card": "firmakort",
    "kort": "firmakort",
}


class _Named:
    """Active and inactive rows by normalised name, with the lookup rules of `find`."""

    def __init__(self, rows: Iterable[tuple[int, str, str | None, bool]], words: Mapping[str, str]) -> None:
        self.active: dict[str, set[int]] = {}
        self.inactive: dict[str, set[int]] = {}
        self.words = words
        for row_id, description, display, inactive in rows:
            for text in {description, display or ""}:
                key = normalise_header(text)
                if key:
                    (self.inactive if inactive else self.active).setdefault(key, set()).add(row_id)

    def find(self, value: object, prefix: str) -> int:
        text = normalise_header(str(value))
        if not text:
            raise LookupError(f"{prefix}_unknown")
        for key in (text, self.words.get(text, "")):
            ids = self.active.get(key, set()) if key else set()
            if len(ids) == 1:
                return next(iter(ids))
            if ids:
                raise LookupError(f"{prefix}_ambiguous")
        if len(text) >= 3:
            ids = {i for name, found in self.active.items() if name.startswith(text) for i in found}
            if len(ids) == 1:
                return next(iter(ids))
            if ids:
                raise LookupError(f"{prefix}_ambiguous")
        if text in self.inactive or self.words.get(text, "\x00") in self.inactive:
            raise LookupError(f"{prefix}_inactive")
        raise LookupError(f"{prefix}_unknown")


class CategoryDirectory:
    """Cost categories by name: exact (description or display name), an English word, or a unique prefix.

    Only active categories are matched; naming an inactive one is its own error.
    """

    def __init__(self, categories: Iterable[CostCategory]) -> None:
        self.categories = {c.id: c for c in categories}
        self._named = _Named(
            ((c.id, c.description, c.display_name, c.is_inactive) for c in self.categories.values()),
            CATEGORY_WORDS,
        )

    def find(self, value: object) -> CostCategory:
        """The category; raises LookupError("cost_category_unknown" | "_ambiguous" | "_inactive")."""
        return self.categories[self._named.find(value, "cost_category")]


class PaymentDirectory:
    """Payment types by name, with the same rules as CategoryDirectory."""

    def __init__(self, payment_types: Iterable[PaymentType]) -> None:
        self.payment_types = {p.id: p for p in payment_types}
        self._named = _Named(
            ((p.id, p.description, p.display_name, p.is_inactive) for p in self.payment_types.values()),
            PAYMENT_WORDS,
        )

    def find(self, value: object) -> PaymentType:
        """The payment type; raises LookupError("payment_type_unknown" | "_ambiguous" | "_inactive")."""
        return self.payment_types[self._named.find(value, "payment_type")]
