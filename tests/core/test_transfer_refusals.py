"""Tripletex's validation messages at :deliver placed on the report's lines (core/transfer/refusals.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tests.core.travel_fixtures import rate_table
from tests.support.transfer import MAPPING, make_report
from tripletex_desktop.core.errors import ValidationMessage
from tripletex_desktop.core.transfer import build_payloads
from tripletex_desktop.core.transfer.refusals import Refusal, refusals
from tripletex_desktop.core.travel import Accommodation, CostLine, MileageLine, PerDiemLine

DAY = dt.date(2026, 3, 2)


def plan_with_two_costs():
    report = make_report(
        lines=(
            MileageLine(DAY, "Oslo", "Lillestrøm", Decimal(60), passengers=1),
            PerDiemLine(count=1, accommodation=Accommodation.HOTEL),
            CostLine(DAY, 71, Decimal("250"), 9, comment="Taxi"),
            CostLine(DAY, 72, Decimal("90"), 9, comment="Parkering"),
        )
    )
    return build_payloads(report, MAPPING, rate_table())


def test_a_single_line_of_the_kind_is_named_exactly() -> None:
    plan = plan_with_two_costs()
    found = refusals(
        plan,
        [
            ValidationMessage("perDiemCompensations.rateType.id", "Sats eller satskategori må spesifiseres"),
            ValidationMessage("travelDetails.departureFrom", "Kan ikke være null."),
            ValidationMessage(None, "Noe annet."),
        ],
        {},
    )
    assert found == (
        Refusal("lines[1]", "refused_rate", "Sats eller satskategori må spesifiseres"),
        Refusal("departure_from", "refused_departure_from", "Kan ikke være null."),
        Refusal("", "refused_report", "Noe annet."),
    )


def test_root_id_picks_the_line_else_every_line_of_the_kind() -> None:
    plan = plan_with_two_costs()
    vat = "Selskapet er ikke mva-registrert."
    every = refusals(plan, [ValidationMessage("costs.vatType.id", vat)], {})
    assert [(r.field, r.code) for r in every] == [("lines[2]", "refused_vat"), ("lines[3]", "refused_vat")]
    exact = refusals(plan, [ValidationMessage("costs.vatType.id", vat, row_id=502)], {"cost:1": 502})
    assert [r.field for r in exact] == ["lines[3]"]
    # a supplement line refused lands on its leg, once
    legs = refusals(plan, [ValidationMessage("mileageAllowances.rateType.id", "x")], {})
    assert [r.field for r in legs] == ["lines[0]"]


def test_a_refused_line_write_is_qualified_with_its_step_and_lands_on_that_line() -> None:
    from tripletex_desktop.core.transfer.refusals import qualify

    plan = plan_with_two_costs()
    step = plan.step("cost:1")
    messages = qualify(
        [
            ValidationMessage("costCategory", "Kategorien er ikke aktiv."),
            ValidationMessage("costs.vatType.id", "Ugyldig mva-kode."),
            ValidationMessage(None, "Ugyldig linje."),
            ValidationMessage("travelExpense", "Reiseregningen kan ikke endres."),
        ],
        step,
    )
    assert [m.field for m in messages] == [
        "costs[cost:1].costCategory",
        "costs[cost:1].vatType.id",
        "costs[cost:1]",
        "travelExpense",
    ]
    assert [(r.field, r.code) for r in refusals(plan, messages, {})] == [
        ("lines[3]", "refused_cost_category"),
        ("lines[3]", "refused_vat"),
        ("lines[3]", "refused_line"),
        ("", "refused_report"),
    ]
