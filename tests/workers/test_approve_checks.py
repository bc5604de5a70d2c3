"""Approval refuses a report whose cost category, payment type or rate category is inactive or gone in the latest
sync, and says which line (issue 11: a transfer that fails half-way can be finished)."""

from __future__ import annotations

import dataclasses

import pytest

from tests.support.reports import World, sync_reference, trip
from tripletex_desktop.core.travel import PerDiemLine
from tripletex_desktop.services.reports import ReportsBackend
from tripletex_desktop.storage.db import Database
from tripletex_desktop.storage.reports import ReportInvalid


def refused(backend: ReportsBackend, report) -> list[tuple[str, str]]:
    backend.save_draft(report)
    with pytest.raises(ReportInvalid) as info:
        backend.approve(report.id)
    assert backend.load(report.id).row.state == "draft"
    return [(p.field, p.code) for p in info.value.problems]


def test_a_cost_category_made_inactive_in_tripletex_is_refused_on_its_line(
    backend: ReportsBackend, world: World, db: Database
) -> None:
    company = world.sim.company(world.company_id)
    taxi = world.cost_categories["Taxi"]
    company.cost_categories[taxi] = {**company.cost_categories[taxi], "isInactive": True}
    sync_reference(world, db)
    assert refused(backend, trip(world)) == [("lines[2].cost_category_id", "cost_category_inactive")]


def test_a_payment_type_deleted_in_tripletex_is_refused_on_its_line(
    backend: ReportsBackend, world: World, db: Database
) -> None:
    company = world.sim.company(world.company_id)
    paid = world.payment_types["Privat utlegg"]
    del company.payment_types[paid]
    sync_reference(world, db)
    world.payment_types["Privat utlegg"] = paid  # the report still points at it
    problems = refused(backend, trip(world))
    assert ("lines[2].payment_type_id", "payment_type_gone") in problems


def test_a_rate_category_not_in_the_latest_sync_is_refused(backend: ReportsBackend, world: World) -> None:
    report = trip(world)
    per_diem = dataclasses.replace(report.lines[1], rate_category_id=987654321)
    assert isinstance(per_diem, PerDiemLine)
    report = dataclasses.replace(report, lines=(report.lines[0], per_diem, report.lines[2]))
    assert ("lines[1].rate_category_id", "rate_category_gone") in refused(backend, report)


def test_a_report_whose_references_are_all_active_is_approved(backend: ReportsBackend, world: World) -> None:
    report = trip(world)
    backend.save_draft(report)
    assert backend.approve(report.id).state == "approved"
