"""A cost in another currency shows in NOK at the exchange rate of its date, marked as an estimate (≈): on its
line, in the editor's totals bar and Til utbetaling, and the same figure in the list, from one calculation;
the rate is asked from Tripletex in the background, once, and nothing is sent that Tripletex computes itself."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from tests.support.reports import make_backend, trip
from tests.support.reports_ui import click
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.pricing import estimate_nok, price_report
from tripletex_desktop.core.travel import CostLine
from tripletex_desktop.ui.formatting import money
from tripletex_desktop.ui.reports import ReportsView
from tripletex_desktop.ui.reports.common import estimate_note
from tripletex_desktop.workers.tasks import SyncRunner

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

COST_DAY = dt.date(2026, 11, 2)


class CountingBackend:
    """A ReportsBackend whose exchange-rate reads are counted (the rest passes through)."""

    def __init__(self, inner) -> None:
        self._inner = inner
        self.rate_calls: list[list[tuple[str, dt.date]]] = []

    def exchange_rates(self, company_id, wanted, cancel):
        self.rate_calls.append(list(wanted))
        return self._inner.exchange_rates(company_id, wanted, cancel)

    def __getattr__(self, name):
        return getattr(self._inner, name)


def sek_rate(world) -> Decimal:
    client = world.client()
    try:
        company = client.company(0)
        return company.currency_rate(company.currency_by_code("SEK"), COST_DAY)
    finally:
        client.close()


def view_for(qtbot, backend) -> ReportsView:
    view = ReportsView(backend, runner=SyncRunner(), confirm=lambda parent, text: True)
    qtbot.addWidget(view)
    return view


def test_a_sek_cost_shows_in_nok_as_an_estimate_and_the_list_shows_the_same_total(qtbot, world, db):
    inner = make_backend(world, db)
    backend = CountingBackend(inner)
    view = view_for(qtbot, backend)
    backend.save_draft(trip(world))
    view.refresh()
    view.table.selectRow(0)
    click(qtbot, view.open_button)
    editor = view.editor
    costs = editor.costs
    costs.set_text(0, 4, "sek")  # the taxi was paid in Sweden
    costs.set_text(0, 3, "1200")
    rate = sek_rate(world)
    expected = estimate_nok(Decimal("1200"), rate)
    amount_col = costs.amount_column()
    qtbot.waitUntil(
        lambda: costs.item(0, amount_col).text() == f"\u2248\u00a0{money(expected)}", timeout=5000
    )
    assert "SEK 1\u00a0200,00" in costs.item(0, amount_col).toolTip()
    assert estimate_note() in costs.item(0, amount_col).toolTip()
    price = editor.price()
    assert price.estimated and price.costs == expected and price.foreign == {}
    assert editor.totals["costs"].text() == f"Costs: \u2248\u00a0{money(expected)}"
    assert editor.totals["total"].text() == f"To be paid out: \u2248\u00a0{money(price.total)}"
    assert editor.totals["total"].toolTip() == estimate_note()
    assert editor.foreign_total.isVisible() and "estimate" in editor.foreign_total.text()

    editor.save_now()
    qtbot.waitUntil(lambda: view.model.rows and view.model.rows[0].estimated, timeout=5000)
    [row] = view.model.rows
    assert row.amount == price.total  # the list's figure is the editor's
    amount_column = next(
        i
        for i in range(view.model.columnCount())
        if "Amount" in str(view.model.headerData(i, Qt.Orientation.Horizontal))
    )
    cell = view.model.index(0, amount_column)
    assert cell.data() == f"\u2248\u00a0{money(price.total)}"
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == estimate_note()
    assert f"\u2248\u00a0{money(price.total)}" in view.total.text()
    assert len(backend.rate_calls) == 1  # one read for SEK on that day

    # reopened: the report kept its rate, nothing is asked again, the figure is the same
    editor.done(0)
    view.table.selectRow(0)
    click(qtbot, view.open_button)
    assert view.editor.price().total == price.total
    assert len(backend.rate_calls) == 1
    view.editor.done(0)


def test_without_a_rate_the_cost_is_left_to_tripletex_and_out_of_the_total(qtbot, world, db):
    def offline(cancel):
        raise OSError("no network")

    backend = make_backend(world, db)
    backend._client_factory = offline  # Tripletex cannot be reached
    view = view_for(qtbot, backend)
    click(qtbot, view.new_report)
    editor = view.editor
    click(qtbot, editor.add_cost)
    costs = editor.costs
    costs.set_text(0, 3, "300")
    costs.set_text(0, 4, "EUR")
    amount_col = costs.amount_column()
    assert costs.item(0, amount_col).text() == "converted by Tripletex"
    assert "No exchange rate yet" in costs.item(0, amount_col).toolTip()
    price = editor.price()
    assert price.foreign == {"EUR": Decimal("300")} and not price.estimated
    assert editor.totals["total"].text() == f"To be paid out: {money(price.total)}"
    assert "EUR 300,00" in editor.foreign_total.text()
    editor.done(0)


def test_the_rate_is_never_sent_tripletex_computes_the_nok_amount(world, db):
    backend = make_backend(world, db)
    report = trip(world)
    cost = next(line for line in report.lines if isinstance(line, CostLine))
    sek = dataclasses.replace(
        cost, currency="SEK", amount_incl_vat=Decimal("1200"), exchange_rate=Decimal("1.0042")
    )
    report = dataclasses.replace(report, lines=(*report.lines[:-1], sek))
    backend.save_draft(report)
    preview = backend.dry_run(report.id, CancelToken())
    bodies = [r.body or {} for r in preview.requests]
    [cost_body] = [b for b in bodies if "amountCurrencyIncVat" in b]
    assert "amountNOKInclVAT" not in cost_body and "exchangeRate" not in str(cost_body)
    assert Decimal(str(cost_body["amountCurrencyIncVat"])) == Decimal("1200")
    assert preview.price is not None and preview.price.estimated
    assert preview.price.total == price_report(report, backend.reference(world.company_id).rate_table).total
