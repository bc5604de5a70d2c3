"""core.pricing: each line's amount at the rate of its own date, the totals, and what cannot be priced."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tests.core.travel_fixtures import rate_table
from tripletex_desktop.core.pricing import COST, MILEAGE, PASSENGERS, PER_DIEM, TOLL, price_report
from tripletex_desktop.core.rates import PerDiemKind
from tripletex_desktop.core.travel import CostLine, MileageLine, PerDiemLine, TravelReport


def trip(*lines) -> TravelReport:
    return TravelReport(
        connection_id="c",
        company_id=1,
        employee_id=1,
        title="Bergen",
        departure_at=dt.datetime(2025, 12, 31, 7, 0),
        return_at=dt.datetime(2026, 1, 1, 18, 0),
        is_day_trip=False,
        lines=tuple(lines),
    )


def test_each_line_is_priced_at_the_rate_valid_on_its_own_date_and_the_totals_add_up():
    report = trip(
        MileageLine(
            dt.date(2025, 12, 31), "Oslo", "Gol", Decimal("100"), passengers=2, toll_cost=Decimal("46")
        ),
        MileageLine(dt.date(2026, 1, 1), "Gol", "Oslo", Decimal("100")),
        PerDiemLine(1, dt.date(2026, 1, 1), kind=PerDiemKind.OVERNIGHT, breakfast_deduction=True),
        CostLine(dt.date(2026, 1, 1), 3, Decimal("389.50")),
        CostLine(dt.date(2026, 1, 1), 3, Decimal("20"), currency="EUR"),
    )
    price = price_report(report, rate_table(2025, 2026))
    parts = {(p.index, p.part): p for p in price.lines}
    assert parts[(0, MILEAGE)].amount == Decimal("500.00")  # 100 km × 5,00 (2025)
    assert parts[(0, MILEAGE)].unit_rate == Decimal("5.0")
    assert parts[(0, PASSENGERS)].amount == Decimal("200.00")  # 100 km × 1,00 × 2 passengers
    assert parts[(0, TOLL)].amount == Decimal("46")
    assert parts[(1, MILEAGE)].amount == Decimal("530.00")  # 100 km × 5,30 (2026)
    per_diem = parts[(2, PER_DIEM)]
    assert (per_diem.unit_rate, per_diem.deductions, per_diem.amount) == (
        Decimal("1012.0"),
        Decimal("202"),
        Decimal("810.0"),
    )
    assert parts[(3, COST)].amount == Decimal("389.50")
    eur = parts[(4, COST)]
    assert eur.amount is None and (eur.currency, eur.foreign_amount) == ("EUR", Decimal("20"))
    assert price.mileage == Decimal("1230.00")
    assert price.per_diem == Decimal("810.0")
    assert price.costs == Decimal("435.50")  # the NOK cost and the toll
    assert price.total == Decimal("2475.50")
    assert price.foreign == {"EUR": Decimal("20")}
    assert price.line_amount(0) == Decimal("746.00")
    assert price.line_amount(4) is None


def test_a_line_without_a_rate_for_its_date_says_why_and_counts_nothing():
    report = trip(MileageLine(dt.date(2026, 3, 1), "Oslo", "Moss", Decimal("60")))
    price = price_report(report, rate_table(2025))
    [part] = price.lines
    assert part.amount is None and part.problem == "no_rate_for_date"
    assert price.total == Decimal(0)


def test_a_foreign_cost_with_the_rate_of_its_date_counts_in_nok_as_an_estimate():
    report = trip(
        CostLine(dt.date(2026, 1, 1), 3, Decimal("389.50")),
        CostLine(dt.date(2026, 1, 1), 3, Decimal("1200"), currency="SEK", exchange_rate=Decimal("1.0042")),
        CostLine(dt.date(2026, 1, 1), 3, Decimal("20"), currency="EUR"),  # no rate (yet)
        CostLine(dt.date(2026, 1, 1), 3, Decimal("10.05"), currency="EUR", exchange_rate=Decimal("11.625")),
    )
    price = price_report(report, rate_table(2025, 2026))
    sek, eur_unknown, eur = price.for_line(1)[0], price.for_line(2)[0], price.for_line(3)[0]
    assert (sek.amount, sek.estimated, sek.unit_rate) == (Decimal("1205.04"), True, Decimal("1.0042"))
    assert (sek.currency, sek.foreign_amount) == ("SEK", Decimal("1200"))
    assert eur.amount == Decimal("116.83")  # 116.83125, to the øre half up
    assert eur_unknown.amount is None and not eur_unknown.estimated
    assert price.costs == Decimal("389.50") + Decimal("1205.04") + Decimal("116.83")
    assert price.total == price.costs  # in Til utbetaling too
    assert price.foreign == {"EUR": Decimal("20")}  # only what has no rate is listed apart
    assert price.estimated and price.line_estimated(1) and not price.line_estimated(0)
    assert price.line_amount(1) == Decimal("1205.04")


def test_an_unusable_rate_is_no_rate_and_nok_is_never_an_estimate():
    report = trip(
        CostLine(dt.date(2026, 1, 1), 3, Decimal("100"), currency="SEK", exchange_rate=Decimal("0")),
        CostLine(dt.date(2026, 1, 1), 3, Decimal("100"), currency="SEK", exchange_rate=Decimal("NaN")),
        CostLine(
            dt.date(2026, 1, 1), 3, Decimal("100"), exchange_rate=Decimal("2")
        ),  # NOK: the rate is ignored
    )
    price = price_report(report, rate_table(2025, 2026))
    assert price.costs == Decimal("100") and not price.estimated
    assert price.foreign == {"SEK": Decimal("200")}
