"""Which VAT code (`vatType`) each cost carries: the company's VAT registration and its cost categories.

A company that is not VAT-registered cannot deliver a cost whose category carries a deductible VAT code
(Tripletex answers 422 on `costs.vatType.id` at `:deliver`); integrators send `vatType: {"id": 0}` ("no VAT
treatment") on every cost there (REAL-API-EVIDENCE F1). A VAT-registered company gets the category's own
code, written out, so the cost says what Tripletex will book.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from tripletex_desktop.core.models import NO_VAT_TYPE_ID, CostCategory, VatSettings, VatStatus


@dataclass(frozen=True, slots=True)
class CostVat:
    """The VAT rule of one company: its registration (None when unknown) and each category's default code."""

    status: VatStatus | None = None
    category_vat: Mapping[int, int | None] = field(default_factory=dict)

    @classmethod
    def of(cls, settings: VatSettings | None, categories: Iterable[CostCategory]) -> CostVat:
        """From the synced VAT settings (None when they could not be read) and cost categories."""
        return cls(
            status=settings.status if settings is not None else None,
            category_vat={c.id: c.vat_type_id for c in categories},
        )

    def vat_type_for(self, cost_category_id: int | None) -> int | None:
        """The `vatType.id` to send on a cost of this category, or None to send none (Tripletex then uses
        the category's code): 0 when the company is not VAT-registered, else the category's code."""
        if self.status is VatStatus.NOT_REGISTERED:
            return NO_VAT_TYPE_ID
        if self.status is None or cost_category_id is None:
            return None
        return self.category_vat.get(cost_category_id)
