"""Issue 11's recovery, end to end through ReportsBackend: a report approved while its cost category was active is
half written, refused at delivery because the category became inactive, reopened while Tripletex holds it OPEN,
corrected in the app and sent again — into the same travel expense, delivered, with nothing twice."""

from __future__ import annotations

import dataclasses

from tests.support.reports import World, make_backend, sync_reference, trip
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.transfer import report_marker
from tripletex_desktop.storage.db import Database


def test_a_report_refused_at_delivery_is_corrected_and_delivered_as_the_same_travel_expense(
    world: World, db: Database
) -> None:
    backend = make_backend(world, db, deliver=True)
    report = trip(world)
    backend.save_draft(report)
    backend.approve(report.id)
    # meanwhile the bookkeeper deactivates the Taxi category in Tripletex
    company = world.sim.company(world.company_id)
    taxi = world.cost_categories["Taxi"]
    company.cost_categories[taxi] = {**company.cost_categories[taxi], "isInactive": True}
    first = backend.send(report.id, CancelToken())
    assert first.state == "failed" and first.error is not None and first.error.status == 422, first
    [created] = world.with_marker(report_marker(report.id))
    assert created["state"] == "OPEN" and len(world.lines_of("costs", created["id"])) == 1

    sync_reference(world, db)  # the next sync sees the category inactive
    row = backend.reopen(report.id, CancelToken())
    assert row.state == "draft"
    assert (row.tripletex_number, row.tripletex_state) == (created["number"], "OPEN")
    stored = backend.load(report.id).report
    cost = stored.lines[2]
    fixed = dataclasses.replace(
        stored,
        lines=(*stored.lines[:2], dataclasses.replace(cost, cost_category_id=world.cost_categories["Fly"])),
    )
    backend.save_draft(fixed)
    backend.approve(report.id)
    second = backend.send(report.id, CancelToken())
    assert second.state == "sent", second.error
    assert second.travel_expense_id == created["id"]
    [after] = world.with_marker(report_marker(report.id))
    assert after["id"] == created["id"] and after["state"] == "DELIVERED"
    [line] = world.lines_of("costs", after["id"])
    assert line["costCategory"]["id"] == world.cost_categories["Fly"]
    assert len(world.lines_of("mileage_allowances", after["id"])) == 1
    assert len(world.lines_of("per_diem_compensations", after["id"])) == 1


def test_a_vat_refusal_at_delivery_is_put_right_by_the_next_sync_in_the_same_travel_expense(
    world: World, db: Database
) -> None:
    """Nothing to edit: the company is no longer VAT-registered, the sync learns it, and the send after a
    reopen puts the cost line right (vatType 0) in the travel expense Tripletex already holds."""
    backend = make_backend(world, db, deliver=True)
    report = trip(world)
    backend.save_draft(report)
    backend.approve(report.id)
    company = world.sim.company(world.company_id)
    company.vat_settings = {**company.vat_settings, "vatRegistrationStatus": "VAT_NOT_REGISTERED"}
    first = backend.send(report.id, CancelToken())
    assert first.state == "failed" and first.tripletex_state == "OPEN", first
    assert [(r.field, r.code) for r in backend.refusals(report.id)] == [("lines[2]", "refused_vat")]
    [created] = world.with_marker(report_marker(report.id))
    [cost] = world.lines_of("costs", created["id"])
    assert cost["vatType"] != {"id": 0}

    sync_reference(world, db)
    assert backend.reopen(report.id, CancelToken()).state == "draft"
    backend.approve(report.id)
    second = backend.send(report.id, CancelToken())
    assert (second.state, second.tripletex_state) == ("sent", "DELIVERED"), second.error
    assert second.travel_expense_id == created["id"]
    assert [r["id"] for r in world.with_marker(report_marker(report.id))] == [created["id"]]
    [after] = world.lines_of("costs", created["id"])
    assert after["id"] == cost["id"] and after["vatType"] == {"id": 0}
