"""Outbox test helpers: an approved report, one scheduled sync's push step, and the check that Tripletex holds the
report once with every line."""

from __future__ import annotations

import uuid

from tests.support.reports import CONNECTION, World, trip
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.sync import CompanyTarget, PushSummary
from tripletex_desktop.core.transfer import report_marker
from tripletex_desktop.services.reports import ReportOutboxPusher, ReportsBackend


def approved(backend: ReportsBackend, world: World) -> uuid.UUID:
    """A trip saved and approved through the backend, as a user would (not queued yet)."""
    report = trip(world)
    backend.save_draft(report)
    backend.approve(report.id)
    return report.id


def push(backend: ReportsBackend, world: World) -> PushSummary:
    """What one scheduled sync's push step does for the world's company, with a fresh client."""
    client = world.client()
    try:
        return ReportOutboxPusher(backend).push_outbox(
            CONNECTION, CompanyTarget(world.company_id), client.company(0), CancelToken()
        )
    finally:
        client.close()


def one_report_with_every_line(world: World, report_id: uuid.UUID) -> None:
    """Exactly one travel expense carries the report's marker, with the trip's one mileage, per diem and cost."""
    [created] = world.with_marker(report_marker(report_id))
    assert len(world.lines_of("mileage_allowances", created["id"])) == 1
    assert len(world.lines_of("per_diem_compensations", created["id"])) == 1
    assert len(world.lines_of("costs", created["id"])) == 1
