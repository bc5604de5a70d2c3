"""A line Tripletex refuses when it is written (not at :deliver) is named in the app: the report line it came
from, with the reason, so the user can correct that line and send again.

Found in review: a refused line POST or PUT carries validation messages that name the field of the line
(``costCategory``), not the report's collection (``costs.costCategory``) as a :deliver refusal does; they were
placed on the report as a whole ("Tripletex refused the report"), so with several costs nobody could tell which
one to fix. The transfer knows which step it was writing: the refusal now lands on that step's line.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

from tests.support.reports import World, trip
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.errors import ValidationFailed, ValidationMessage
from tripletex_desktop.core.travel import CostLine, FieldProblem
from tripletex_desktop.services.reports import ReportsBackend


class RefusesSecondCost:
    """A company client whose second cost POST is refused with a validation message naming the line's field."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.cost_posts = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def create_cost(self, body: Any) -> Any:
        self.cost_posts += 1
        if self.cost_posts == 2:
            raise ValidationFailed(
                "Validering feilet.",
                status=422,
                tripletex_code=15000,
                validation_messages=(ValidationMessage("costCategory", "Kategorien er ikke aktiv."),),
            )
        return self.inner.create_cost(body)


def test_a_refused_line_post_is_named_on_its_own_line(backend: ReportsBackend, world: World) -> None:
    base = trip(world)
    parking = CostLine(
        dt.date(2026, 11, 2),
        world.cost_categories["Parkering"],
        Decimal(120),
        world.payment_types["Privat utlegg"],
        comment="Parkering",
    )
    report = dataclasses.replace(base, lines=(*base.lines, parking))  # lines[2] the taxi, lines[3] parking
    backend.save_draft(report)
    backend.approve(report.id)
    backend.store.queue(report.id)
    client = world.client()
    try:
        result = backend._transfer(
            backend.store.get(report.id), RefusesSecondCost(client.company(0)), CancelToken(), None
        )
    finally:
        client.close()
    assert result.state == "failed"
    assert [(r.field, r.code) for r in backend.refusals(report.id)] == [("lines[3]", "refused_cost_category")]
    assert FieldProblem("lines[3]", "refused_cost_category") in backend.plan_problems(report)
