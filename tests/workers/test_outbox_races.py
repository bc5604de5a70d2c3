"""The outbox and the user at the same time: a scheduled sync pushing the outbox (in another process, under the
connection's lock) while the user reopens one of its reports in the app.

Found in review: reopening a report nothing was written for yet is a local change (no lock, no Tripletex). A sync
that had already listed the outbox then reached that report and sent it — the draft the user was correcting,
sent with its old content and marked sent under their hands. Taking a report for a transfer is now a
compare-and-set in the database (`ReportStore.claim_for_send`): whichever comes first wins, and a report that
became a draft is skipped.
"""

from __future__ import annotations

from typing import Any

from tests.support.outbox import approved, one_report_with_every_line
from tests.support.reports import CONNECTION, World
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.sync import CompanyTarget
from tripletex_desktop.core.transfer import report_marker
from tripletex_desktop.services.reports import ReportOutboxPusher, ReportsBackend


class ReopenDuringFirstTransfer:
    """A company client that, while the first report is being sent, lets the user reopen `other` in the app."""

    def __init__(self, inner: Any, backend: ReportsBackend, other: Any) -> None:
        self.inner, self.backend, self.other = inner, backend, other
        self.reopened: Any = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def create_travel_expense(self, body: Any) -> Any:
        if self.reopened is None:
            self.reopened = self.backend.reopen(self.other)  # the user, in the app, meanwhile
        return self.inner.create_travel_expense(body)


def test_a_report_reopened_while_a_sync_pushes_the_outbox_is_not_sent(
    backend: ReportsBackend, world: World
) -> None:
    first, second = approved(backend, world), approved(backend, world)
    backend.store.queue(first)
    backend.store.queue(second)
    client = world.client()
    try:
        company = ReopenDuringFirstTransfer(client.company(0), backend, second)
        summary = ReportOutboxPusher(backend).push_outbox(
            CONNECTION, CompanyTarget(world.company_id), company, CancelToken()
        )
    finally:
        client.close()
    assert company.reopened is not None and company.reopened.state == "draft"
    assert summary.sent == 1
    one_report_with_every_line(world, first)
    assert world.with_marker(report_marker(second)) == []  # the draft being corrected was not sent
    assert backend.load(second).row.state == "draft"
