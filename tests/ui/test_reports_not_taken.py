"""After a Send that Tripletex did not take (a rate limit, a refused login), the view says why and that the report
waits for the next sync — never that it failed."""

from __future__ import annotations

from tests.support.outbox import approved
from tests.support.reports import World
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.ui.reports import ReportsView
from tripletex_desktop.workers.tasks import SyncRunner


def test_the_view_says_the_report_waits_for_the_next_sync(qtbot, backend, world: World) -> None:
    view = ReportsView(backend, runner=SyncRunner(), confirm=lambda parent, text: True)
    qtbot.addWidget(view)
    report_id = approved(backend, world)
    world.sim.faults.fail_next(429, count=5, method="POST", path_prefix="/travelExpense/cost")
    result = backend.send(report_id, CancelToken())
    view._on_sent(str(report_id), result)  # what the transfer worker's signal delivers
    assert view.status.text() == (
        "Too many requests. Tripletex asks us to slow down for a moment.\n"
        "The report waits to be sent; the next sync sends it."
    )
