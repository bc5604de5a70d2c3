"""What the user enters for a travel report or employee expense, and its validation as stable codes."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from tripletex_desktop.core.rates import PerDiemKind


class ReportKind(StrEnum):
    """A travel report (with travel details) or an employee expense (costs only)."""

    TRAVEL = "TRAVEL"
    EMPLOYEE_EXPENSE = "EMPLOYEE_EXPENSE"


class Accommodation(StrEnum):
    """`PerDiemCompensation.overnightAccommodation` in Tripletex."""

    NONE = "NONE"
    HOTEL = "HOTEL"
    BOARDING_HOUSE_WITHOUT_COOKING = "BOARDING_HOUSE_WITHOUT_COOKING"
    BOARDING_HOUSE_WITH_COOKING = "BOARDING_HOUSE_WITH_COOKING"


@dataclass(frozen=True, slots=True)
class MileageLine:
    """One driven leg (kjøregodtgjørelse); `km` is a Decimal, `toll_cost` an optional amount in NOK."""

    date: dt.date
    from_place: str
    to_place: str
    km: Decimal
    is_company_car: bool = False
    passengers: int = 0
    passenger_names: tuple[str, ...] = ()
    toll_cost: Decimal | None = None


@dataclass(frozen=True, slots=True)
class PerDiemLine:
    """A per diem line: `rate_category_id` (an override) or `kind` picks the category, else the trip does."""

    count: int
    date: dt.date | None = None
    rate_category_id: int | None = None
    kind: PerDiemKind | None = None
    accommodation: Accommodation = Accommodation.NONE
    breakfast_deduction: bool = False
    lunch_deduction: bool = False
    dinner_deduction: bool = False
    location: str = ""


@dataclass(frozen=True, slots=True)
class CostLine:
    """An expense with a receipt; `amount_incl_vat` is a Decimal in `currency`."""

    date: dt.date
    cost_category_id: int | None
    amount_incl_vat: Decimal
    payment_type_id: int | None = None
    currency: str = "NOK"
    comment: str = ""
    receipt_path: str | None = None
    #: A foreign cost: NOK per one unit on the cost's date, as Tripletex quoted it when the app asked. Only for
    #: showing an estimate in NOK (core.pricing); never sent: Tripletex computes the NOK amount itself.
    exchange_rate: Decimal | None = None


Line = MileageLine | PerDiemLine | CostLine


@dataclass(frozen=True, slots=True)
class TravelReport:
    """A travel report as the user entered or imported it; datetimes are naive local (Europe/Oslo) time."""

    connection_id: str
    company_id: int
    employee_id: int | None
    title: str
    departure_at: dt.datetime | None = None
    return_at: dt.datetime | None = None
    purpose: str = ""
    departure_from: str = ""
    destination: str = ""
    is_foreign: bool = False
    country_code: str | None = None
    is_day_trip: bool = True
    is_over_15_km: bool = True
    project_id: int | None = None
    department_id: int | None = None
    kind: ReportKind = ReportKind.TRAVEL
    lines: tuple[Line, ...] = ()
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    #: set by the importer: the hash of the source row, so a re-import recognises it
    import_fingerprint: str | None = None

    @property
    def is_overnight(self) -> bool:
        """Overnight means not a day trip."""
        return not self.is_day_trip

    @property
    def mileage_lines(self) -> tuple[MileageLine, ...]:
        """The mileage lines in entry order."""
        return tuple(line for line in self.lines if isinstance(line, MileageLine))

    @property
    def per_diem_lines(self) -> tuple[PerDiemLine, ...]:
        """The per diem lines in entry order."""
        return tuple(line for line in self.lines if isinstance(line, PerDiemLine))

    @property
    def cost_lines(self) -> tuple[CostLine, ...]:
        """The cost lines in entry order."""
        return tuple(line for line in self.lines if isinstance(line, CostLine))


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """One validation problem: the field (e.g. ``lines[2].km``) and a stable code for ui/messages.py."""

    field: str
    code: str


#: brackets whose Tripletex categories ("Overnatting over 12 timer", "… over helt døgn (etter overnatting)")
#: require an overnight accommodation type (RATES.md §6); it drives the tax-free split
OVERNIGHT_KINDS = frozenset({PerDiemKind.OVERNIGHT, PerDiemKind.REST_6_12, PerDiemKind.REST_OVER_12})

_Add = Callable[[str, str], None]
_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")
#: Receipt formats Tripletex is not documented to take (it names PDF, PNG, JPEG and TIFF): an iPhone's HEIC
#: photo is refused when it is attached, so it never fails at send time (REAL-API-EVIDENCE F12).
UNSUPPORTED_RECEIPT_SUFFIXES = (".heic", ".heif")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
MAX_PASSENGERS = 8


def validate_report(report: TravelReport) -> list[FieldProblem]:
    """Everything wrong with `report` before it may be sent, as field + code pairs (empty when valid)."""
    problems: list[FieldProblem] = []

    def add(field_name: str, code: str) -> None:
        problems.append(FieldProblem(field_name, code))

    if report.employee_id is None:
        add("employee_id", "employee_missing")
    if not report.title.strip():
        add("title", "title_missing")
    if report.kind is ReportKind.TRAVEL:
        _validate_travel_details(report, add)
    if not report.lines:
        add("lines", "no_lines")
    first_day, last_day = _trip_days(report)
    for index, line in enumerate(report.lines):
        prefix = f"lines[{index}]"
        if isinstance(line, MileageLine):
            _validate_mileage(report, line, prefix, first_day, last_day, add)
        elif isinstance(line, PerDiemLine):
            _validate_per_diem(report, line, prefix, first_day, last_day, add)
        else:
            _validate_cost(line, prefix, add)
    return problems


def _trip_days(report: TravelReport) -> tuple[dt.date | None, dt.date | None]:
    if report.departure_at is None or report.return_at is None or report.return_at < report.departure_at:
        return None, None
    return report.departure_at.date(), report.return_at.date()


def _validate_travel_details(report: TravelReport, add: _Add) -> None:
    if report.departure_at is None:
        add("departure_at", "departure_missing")
    if report.return_at is None:
        add("return_at", "return_missing")
    if report.departure_at is not None and report.return_at is not None:
        if report.return_at < report.departure_at:
            add("return_at", "return_before_departure")
        elif report.is_day_trip and report.return_at - report.departure_at > dt.timedelta(hours=24):
            add("is_day_trip", "day_trip_too_long")
    if not report.departure_from.strip():
        add("departure_from", "departure_from_missing")
    if not report.destination.strip():
        add("destination", "destination_missing")
    if not report.purpose.strip():
        add("purpose", "purpose_missing")
    if report.is_foreign:
        if not report.country_code:
            add("country_code", "country_code_missing")
        elif not _COUNTRY_CODE.match(report.country_code):
            add("country_code", "country_code_invalid")


def _in_trip(day: dt.date, first_day: dt.date | None, last_day: dt.date | None) -> bool:
    return first_day is None or last_day is None or first_day <= day <= last_day


def _validate_mileage(
    report: TravelReport,
    line: MileageLine,
    prefix: str,
    first_day: dt.date | None,
    last_day: dt.date | None,
    add: _Add,
) -> None:
    if report.kind is ReportKind.EMPLOYEE_EXPENSE:
        add(prefix, "mileage_on_expense")
    if not line.km.is_finite() or line.km <= 0:
        add(f"{prefix}.km", "km_not_positive")
    if not line.from_place.strip():
        add(f"{prefix}.from_place", "from_missing")
    if not line.to_place.strip():
        add(f"{prefix}.to_place", "to_missing")
    if line.passengers < 0 or line.passengers > MAX_PASSENGERS:
        add(f"{prefix}.passengers", "passengers_out_of_range")
    if line.passenger_names and len(line.passenger_names) != line.passengers:
        add(f"{prefix}.passenger_names", "passenger_names_mismatch")
    if line.toll_cost is not None and (not line.toll_cost.is_finite() or line.toll_cost < 0):
        add(f"{prefix}.toll_cost", "toll_negative")
    if not _in_trip(line.date, first_day, last_day):
        add(f"{prefix}.date", "date_outside_trip")


def _validate_per_diem(
    report: TravelReport,
    line: PerDiemLine,
    prefix: str,
    first_day: dt.date | None,
    last_day: dt.date | None,
    add: _Add,
) -> None:
    if report.kind is ReportKind.EMPLOYEE_EXPENSE:
        add(prefix, "per_diem_on_expense")
    if line.count <= 0:
        add(f"{prefix}.count", "count_not_positive")
    if line.date is not None and not _in_trip(line.date, first_day, last_day):
        add(f"{prefix}.date", "date_outside_trip")
    if report.is_day_trip and line.accommodation is not Accommodation.NONE:
        add(f"{prefix}.accommodation", "accommodation_on_day_trip")
    elif line.kind in OVERNIGHT_KINDS and line.accommodation is Accommodation.NONE:
        add(f"{prefix}.accommodation", "accommodation_missing")


def _validate_cost(line: CostLine, prefix: str, add: _Add) -> None:
    if line.cost_category_id is None:
        add(f"{prefix}.cost_category_id", "cost_category_missing")
    if not line.amount_incl_vat.is_finite() or line.amount_incl_vat <= 0:
        add(f"{prefix}.amount_incl_vat", "amount_not_positive")
    if not _CURRENCY.match(line.currency):
        add(f"{prefix}.currency", "currency_invalid")
    if line.receipt_path and line.receipt_path.lower().endswith(UNSUPPORTED_RECEIPT_SUFFIXES):
        add(f"{prefix}.receipt_path", "receipt_format_unsupported")
