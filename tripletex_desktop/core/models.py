"""Frozen dataclasses that cross layers and threads: what the app knows about Tripletex objects."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Generic, TypeVar

T = TypeVar("T")


class Environment(StrEnum):
    """Where a connection points."""

    PRODUCTION = "production"
    TEST = "test"
    DEMO = "demo"
    CUSTOM = "custom"


BASE_URLS: dict[Environment, str] = {
    Environment.PRODUCTION: "https://tripletex.no/v2",
    Environment.TEST: "https://api-test.tripletex.tech/v2",
    # The built-in simulator, reached in-process; the host name never resolves on a network.
    Environment.DEMO: "http://simulator.tripletex-desktop.invalid/v2",
}

#: Username 0 in Basic auth means "the token owner's own company".
OWN_COMPANY = 0


@dataclass(frozen=True, slots=True)
class WhoAmI:
    """The token owner and the company a session context acts in (`/token/session/>whoAmI`)."""

    employee_id: int
    employee_name: str
    company_id: int
    company_name: str
    organization_number: str | None = None
    language: str | None = None
    is_proxy: bool = False


@dataclass(frozen=True, slots=True)
class ClientCompany:
    """A company an accountant's token reaches (`/company/>withLoginAccess`)."""

    id: int
    name: str
    organization_number: str | None = None
    company_type: str | None = None


@dataclass(frozen=True, slots=True)
class Employee:
    """An employee (the traveller on a travel expense)."""

    id: int
    first_name: str
    last_name: str
    employee_number: str | None = None
    email: str | None = None
    department_id: int | None = None
    version: int | None = None
    #: Tripletex's `allowInformationRegistration`: False means no travel expenses may be registered for them.
    allow_information_registration: bool = True

    @property
    def display_name(self) -> str:
        """First and last name."""
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True, slots=True)
class Project:
    """A project a travel expense can be charged to."""

    id: int
    name: str
    number: str | None = None
    is_closed: bool = False
    department_id: int | None = None
    project_manager_id: int | None = None
    version: int | None = None


@dataclass(frozen=True, slots=True)
class Department:
    """A department."""

    id: int
    name: str
    department_number: str | None = None
    is_inactive: bool = False
    version: int | None = None


@dataclass(frozen=True, slots=True)
class CostCategory:
    """A travel cost category (`/travelExpense/costCategory`); there is no `name`, only `description`."""

    id: int
    description: str
    display_name: str | None = None
    account_number: int | None = None
    is_inactive: bool = False
    show_on_travel_expenses: bool = True
    show_on_employee_expenses: bool = True
    sequence: int | None = None
    version: int | None = None
    #: the category's default VAT code (`vatType.id`); a cost without its own `vatType` gets it
    vat_type_id: int | None = None
    #: True when a cost in this category may only use `vat_type_id`
    is_vat_locked: bool = False

    @property
    def label(self) -> str:
        """What to show the user."""
        return self.display_name or self.description


class VatStatus(StrEnum):
    """`VatSettings.vatRegistrationStatus` (`GET /ledger/vatSettings`, 2.74.00)."""

    NOT_REGISTERED = "VAT_NOT_REGISTERED"
    APPLICANT = "VAT_APPLICANT"
    REGISTERED = "VAT_REGISTERED"
    COMPENSATION = "VAT_COMPENSATION"


#: `vatType.id` 0: "no VAT treatment", what a company that is not VAT-registered sends on every cost.
NO_VAT_TYPE_ID = 0


@dataclass(frozen=True, slots=True)
class VatSettings:
    """A company's VAT registration as Tripletex holds it."""

    status: VatStatus


@dataclass(frozen=True, slots=True)
class PaymentType:
    """How a cost was paid (`/travelExpense/paymentType`), e.g. privately by the employee."""

    id: int
    description: str
    display_name: str | None = None
    is_inactive: bool = False
    show_on_travel_expenses: bool = True
    show_on_employee_expenses: bool = True
    version: int | None = None

    @property
    def label(self) -> str:
        """What to show the user."""
        return self.display_name or self.description


class RateType(StrEnum):
    """`TravelExpenseRateCategory.type`."""

    PER_DIEM = "PER_DIEM"
    ACCOMMODATION_ALLOWANCE = "ACCOMMODATION_ALLOWANCE"
    MILEAGE_ALLOWANCE = "MILEAGE_ALLOWANCE"


@dataclass(frozen=True, slots=True)
class RateCategory:
    """A rate category with its validity period (`/travelExpense/rateCategory`)."""

    id: int
    name: str
    type: RateType
    from_date: dt.date
    to_date: dt.date
    is_valid_day_trip: bool = False
    is_valid_accommodation: bool = False
    is_valid_domestic: bool = False
    is_valid_foreign_travel: bool = False
    is_requires_zone: bool = False
    is_requires_overnight_accommodation: bool = False

    def valid_on(self, day: dt.date) -> bool:
        """True when `day` lies in [from_date, to_date] (both inclusive, as Tripletex shows them)."""
        return self.from_date <= day <= self.to_date


@dataclass(frozen=True, slots=True)
class Rate:
    """A rate (`/travelExpense/rate`): the id goes into a line's `rateType`."""

    id: int
    rate_category_id: int
    rate: float
    zone_id: int | None = None
    breakfast_deduction: float | None = None
    lunch_deduction: float | None = None
    dinner_deduction: float | None = None
    #: `TravelExpenseRate.zone` as Tripletex sends it (a string: which zone a foreign rate belongs to)
    zone: str | None = None


@dataclass(frozen=True, slots=True)
class TravelZone:
    """A travel expense zone (`/travelExpense/zone`): a country, and whether travel there is enabled."""

    id: int
    country_code: str
    name: str = ""
    is_disabled: bool = False
    from_date: dt.date = dt.date.min
    to_date: dt.date = dt.date.max
    currency_id: int | None = None

    def valid_on(self, day: dt.date) -> bool:
        """True when `day` lies in [from_date, to_date]."""
        return self.from_date <= day <= self.to_date


@dataclass(frozen=True, slots=True)
class TravelExpenseSettings:
    """Company travel settings (`/travelExpense/settings`)."""

    use_rates: bool = True
    approval_required: bool = False
    per_diem_not_compensated: bool = False
    mileage_not_compensated: bool = False
    accommodation_not_compensated: bool = False
    can_approve_own_expenses: bool = False


@dataclass(frozen=True, slots=True)
class ListPage(Generic[T]):
    """The result of a paged list read: all values, the checksum, and whether it was unchanged (304)."""

    values: tuple[T, ...] = ()
    version_digest: str | None = None
    not_modified: bool = False


@dataclass(frozen=True, slots=True)
class CompanyMapping:
    """Per company: which cost categories and payment type travel reports use."""

    company_id: int
    mileage_cost_category_id: int | None = None
    per_diem_cost_category_id: int | None = None
    payment_type_id: int | None = None
    extra: dict[str, int] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        """Both categories and the payment type are chosen (mapping_gaps without settings).

        Where the company's travel settings are known, use `mapping_gaps(mapping, settings)`: a company that
        does not compensate mileage or per diem needs no category for it.
        """
        return not mapping_gaps(self, None)


#: Slot names used in validation codes: f"{slot}_{problem}".
MILEAGE_SLOT = "mileage_cost_category"
PER_DIEM_SLOT = "per_diem_cost_category"
PAYMENT_SLOT = "payment_type"


def mapping_gaps(mapping: CompanyMapping | None, settings: TravelExpenseSettings | None) -> list[str]:
    """The slots that must be chosen but are not: the one rule for "mapping complete" everywhere.

    The payment type is always needed; the mileage and per-diem cost categories only when the company's
    travel settings do not say the allowance is not compensated. Without known settings (`None`) all three
    are needed. Returns slot names in a fixed order (PAYMENT_SLOT, MILEAGE_SLOT, PER_DIEM_SLOT); empty
    means complete.
    """
    if mapping is None:
        mapping = CompanyMapping(company_id=0)
    gaps: list[str] = []
    if mapping.payment_type_id is None:
        gaps.append(PAYMENT_SLOT)
    if mapping.mileage_cost_category_id is None and not (settings and settings.mileage_not_compensated):
        gaps.append(MILEAGE_SLOT)
    if mapping.per_diem_cost_category_id is None and not (settings and settings.per_diem_not_compensated):
        gaps.append(PER_DIEM_SLOT)
    return gaps


@dataclass(frozen=True, slots=True)
class SyncProgress:
    """One progress event of a sync: which connection and company, the phase code and how far it is."""

    connection_id: str
    company_id: int
    phase: str
    done: int
    total: int
