"""Before approval: does everything a report points at still exist, active, in the latest sync?

A report whose cost category became inactive (or was deleted) in Tripletex would be half written and then
refused at delivery; approval refuses it instead and names the line (`FieldProblem.field` is ``lines[n]…``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tripletex_desktop.core.models import CompanyMapping
from tripletex_desktop.core.travel import CostLine, FieldProblem, MileageLine, PerDiemLine, TravelReport


@dataclass(frozen=True, slots=True)
class Usable:
    """The ids of one synced list: usable (active in the latest sync) and inactive in Tripletex. An id in
    neither is missing: never synced, or no longer listed by Tripletex."""

    active: frozenset[int]
    inactive: frozenset[int] = frozenset()

    @classmethod
    def of(cls, rows: Iterable[tuple[int, bool, bool]]) -> Usable:
        """From (id, active in the latest sync, marked inactive in Tripletex) triples."""
        items = list(rows)
        return cls(
            frozenset(i for i, active, _ in items if active),
            frozenset(i for i, active, inactive in items if not active and inactive),
        )

    def problem(self, value: int | None, kind: str) -> str | None:
        """``<kind>_inactive`` (inactive in Tripletex) or ``<kind>_gone`` (not in the latest sync) for an id that
        cannot be used; None when it can (or is unset: validation asks for it)."""
        if value is None or value in self.active:
            return None
        return f"{kind}_inactive" if value in self.inactive else f"{kind}_gone"


def reference_problems(
    report: TravelReport,
    mapping: CompanyMapping,
    *,
    cost_categories: Usable,
    payment_types: Usable,
    rate_categories: frozenset[int],
    use_rates: bool = True,
) -> list[FieldProblem]:
    """Every line that points at a cost category, payment type or rate category that is inactive or missing in
    the latest sync — the line's own, or the company's mapping that the line will be sent with."""
    problems: list[FieldProblem] = []

    def check(field: str, usable: Usable, value: int | None, kind: str) -> None:
        code = usable.problem(value, kind)
        if code is not None:
            problems.append(FieldProblem(field, code))

    for index, line in enumerate(report.lines):
        name = f"lines[{index}]"
        if isinstance(line, CostLine):
            check(f"{name}.cost_category_id", cost_categories, line.cost_category_id, "cost_category")
            check(
                f"{name}.payment_type_id",
                payment_types,
                line.payment_type_id or mapping.payment_type_id,
                "payment_type",
            )
        elif isinstance(line, MileageLine):
            if line.toll_cost:
                check(f"{name}.toll_cost", cost_categories, mapping.extra.get("toll"), "cost_category")
                check(f"{name}.toll_cost", payment_types, mapping.payment_type_id, "payment_type")
            if not use_rates:
                check(name, cost_categories, mapping.mileage_cost_category_id, "cost_category")
                check(name, payment_types, mapping.payment_type_id, "payment_type")
        elif isinstance(line, PerDiemLine):
            if line.rate_category_id is not None and line.rate_category_id not in rate_categories:
                problems.append(FieldProblem(f"{name}.rate_category_id", "rate_category_gone"))
            if not use_rates:
                check(name, cost_categories, mapping.per_diem_cost_category_id, "cost_category")
                check(name, payment_types, mapping.payment_type_id, "payment_type")
    return problems
