"""What a travel report pays out, line by line: the one calculation behind the list's amount, the editor's
totals bar and the dry run's preview (mileage at the rate valid on its date, per diem after meal deductions,
costs in NOK). A cost in another currency counts in NOK at the exchange rate of its date when the line carries
one (`CostLine.exchange_rate`): an estimate, marked as one, since Tripletex computes the final NOK amount
itself when the report arrives; without a rate it is listed apart (`ReportPrice.foreign`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from tripletex_desktop.core.errors import TripletexDesktopError
from tripletex_desktop.core.rates import (
    PerDiemKind,
    RateTable,
    deduction_amount,
    mileage_amount,
    passenger_supplement_amount,
    per_diem_amount,
)
from tripletex_desktop.core.travel import CostLine, MileageLine, PerDiemLine, TravelReport

#: What a priced part of a line is.
MILEAGE, PASSENGERS, TOLL, PER_DIEM, COST = "mileage", "passengers", "toll", "per_diem", "cost"


@dataclass(frozen=True, slots=True)
class LinePrice:
    """One priced part of a report line (a mileage leg gives up to three: the drive, passengers, tolls).

    `amount` is in NOK, None when it cannot be priced (no rate for the date, a foreign currency: see
    `foreign_amount`). `quantity` × `unit_rate` = amount before meal deductions (km × NOK/km, days × NOK/day).
    """

    index: int
    part: str
    amount: Decimal | None
    quantity: Decimal | None = None
    unit_rate: Decimal | None = None
    deductions: Decimal = Decimal(0)
    currency: str = "NOK"
    foreign_amount: Decimal | None = None
    #: why `amount` is None: an error code from the rates ("no_rate_for_date", "ambiguous_rate", ...)
    problem: str | None = None
    #: `amount` is an estimate: a foreign cost at the exchange rate of its date (`unit_rate`, NOK per unit)
    estimated: bool = False


@dataclass(frozen=True, slots=True)
class ReportPrice:
    """Every priced part and the totals: Kjøregodtgjørelse, Diett, Utlegg and Til utbetaling (their sum)."""

    lines: tuple[LinePrice, ...] = ()
    mileage: Decimal = Decimal(0)
    per_diem: Decimal = Decimal(0)
    costs: Decimal = Decimal(0)
    #: Costs in other currencies without an exchange rate, per code: not in any total (Tripletex converts them)
    foreign: dict[str, Decimal] = field(default_factory=dict)

    @property
    def total(self) -> Decimal:
        """Til utbetaling in NOK: mileage (with passengers) + per diem + costs in NOK (with tolls and the
        estimated NOK of foreign costs with a rate)."""
        return self.mileage + self.per_diem + self.costs

    @property
    def estimated(self) -> bool:
        """The costs (and so the total) include an estimate: a foreign cost at the exchange rate of its date."""
        return any(p.estimated for p in self.lines)

    def line_estimated(self, index: int) -> bool:
        """Report line `index` is priced at an exchange rate (an estimate)."""
        return any(p.estimated for p in self.for_line(index))

    def for_line(self, index: int) -> tuple[LinePrice, ...]:
        """The priced parts of report line `index`."""
        return tuple(p for p in self.lines if p.index == index)

    def line_amount(self, index: int) -> Decimal | None:
        """The NOK amount of report line `index` (all its parts), None when any part cannot be priced."""
        parts = self.for_line(index)
        if not parts or any(p.amount is None for p in parts):
            return None
        return sum((p.amount for p in parts if p.amount is not None), Decimal(0))


def _problem(exc: TripletexDesktopError) -> str:
    return getattr(exc, "code", "") or "no_rate_for_date"


def _mileage(index: int, line: MileageLine, rates: RateTable) -> list[LinePrice]:
    out: list[LinePrice] = []
    if line.km.is_finite():
        try:
            rate = rates.mileage(line.date).rate
        except TripletexDesktopError as exc:
            out.append(LinePrice(index, MILEAGE, None, line.km, problem=_problem(exc)))
        else:
            out.append(
                LinePrice(index, MILEAGE, mileage_amount(rate, line.km), line.km, Decimal(str(rate.rate)))
            )
        if line.passengers > 0 and not line.is_company_car:
            try:
                supplement = rates.passenger_supplement(line.date).rate
            except TripletexDesktopError as exc:
                out.append(LinePrice(index, PASSENGERS, None, line.km, problem=_problem(exc)))
            else:
                out.append(
                    LinePrice(
                        index,
                        PASSENGERS,
                        passenger_supplement_amount(supplement, line.km, line.passengers),
                        line.km,
                        Decimal(str(supplement.rate)) * line.passengers,
                    )
                )
    if line.toll_cost is not None and line.toll_cost.is_finite() and line.toll_cost:
        out.append(LinePrice(index, TOLL, line.toll_cost))
    return out


def _per_diem(index: int, line: PerDiemLine, report: TravelReport, rates: RateTable) -> LinePrice | None:
    day: dt.date | None = line.date or (report.departure_at.date() if report.departure_at else None)
    if day is None or line.count <= 0:
        return None
    kind = line.kind or (PerDiemKind.OVERNIGHT if report.is_overnight else PerDiemKind.DAY_6_12)
    count = Decimal(line.count)
    try:
        if report.is_foreign and report.country_code:
            # abroad the rate is the trip country's zone's, as core.transfer sends it (not the category's first)
            rate = rates.foreign_per_diem(
                day, kind, report.country_code, override_category_id=line.rate_category_id
            ).rate
        else:
            rate = rates.per_diem(
                day, kind, is_foreign=report.is_foreign, override_category_id=line.rate_category_id
            ).rate
    except TripletexDesktopError as exc:
        return LinePrice(index, PER_DIEM, None, count, problem=_problem(exc))
    ticked = (
        ("breakfast", line.breakfast_deduction),
        ("lunch", line.lunch_deduction),
        ("dinner", line.dinner_deduction),
    )
    deductions = sum((deduction_amount(rate, meal) for meal, on in ticked if on), Decimal(0)) * count
    amount = per_diem_amount(
        rate,
        line.count,
        breakfast=line.breakfast_deduction,
        lunch=line.lunch_deduction,
        dinner=line.dinner_deduction,
    )
    return LinePrice(index, PER_DIEM, amount, count, Decimal(str(rate.rate)), deductions)


#: NOK amounts are whole øre.
_ORE = Decimal("0.01")


def estimate_nok(amount: Decimal, rate: Decimal) -> Decimal:
    """A foreign amount in NOK at `rate` (NOK per unit), to the øre (half up, as Norges Bank rounds)."""
    return (amount * rate).quantize(_ORE, rounding=ROUND_HALF_UP)


def _usable_rate(rate: Decimal | None) -> bool:
    return rate is not None and rate.is_finite() and rate > 0


def _cost(index: int, line: CostLine) -> LinePrice:
    if not line.amount_incl_vat.is_finite():
        return LinePrice(index, COST, None, currency=line.currency, problem="amount_not_positive")
    if line.currency != "NOK":
        rate = line.exchange_rate
        if rate is not None and _usable_rate(rate):
            return LinePrice(
                index,
                COST,
                estimate_nok(line.amount_incl_vat, rate),
                quantity=line.amount_incl_vat,
                unit_rate=rate,
                currency=line.currency,
                foreign_amount=line.amount_incl_vat,
                estimated=True,
            )
        return LinePrice(index, COST, None, currency=line.currency, foreign_amount=line.amount_incl_vat)
    return LinePrice(index, COST, line.amount_incl_vat)


def price_report(report: TravelReport, rates: RateTable) -> ReportPrice:
    """Price every line of `report` with the company's rates; never raises (an unpriced part says why)."""
    parts: list[LinePrice] = []
    for index, line in enumerate(report.lines):
        if isinstance(line, MileageLine):
            parts.extend(_mileage(index, line, rates))
        elif isinstance(line, PerDiemLine):
            priced = _per_diem(index, line, report, rates)
            if priced is not None:
                parts.append(priced)
        elif isinstance(line, CostLine):
            parts.append(_cost(index, line))

    def total(*kinds: str) -> Decimal:
        return sum((p.amount for p in parts if p.part in kinds and p.amount is not None), Decimal(0))

    foreign: dict[str, Decimal] = {}
    for p in parts:
        if p.foreign_amount is not None and p.amount is None:
            foreign[p.currency] = foreign.get(p.currency, Decimal(0)) + p.foreign_amount
    return ReportPrice(
        lines=tuple(parts),
        mileage=total(MILEAGE, PASSENGERS),
        per_diem=total(PER_DIEM),
        costs=total(COST, TOLL),
        foreign=dict(sorted(foreign.items())),
    )
