"""Reconciliation: finding a step's row in Tripletex again after an unknown outcome (reads only)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from tripletex_desktop.core.transfer.client import TravelClient
from tripletex_desktop.core.transfer.journal import StepRecord
from tripletex_desktop.core.transfer.markers import has_report_marker
from tripletex_desktop.core.transfer.plan import Json, PlannedStep, StepKind, TransferPlan

DELIVERED_STATES = frozenset({"DELIVERED", "APPROVED", "SALARY_PAID"})
APPROVED_STATES = frozenset({"APPROVED", "SALARY_PAID"})
REPORT_FIELDS = "id,version,number,title,state,attachmentCount,employee(id),travelDetails(*)"

#: Kinds whose rows share one Tripletex table (a leg and its passenger supplement are both mileage rows).
SAME_TABLE: dict[StepKind, tuple[StepKind, ...]] = {
    StepKind.MILEAGE: (StepKind.MILEAGE, StepKind.PASSENGER_SUPPLEMENT),
    StepKind.PASSENGER_SUPPLEMENT: (StepKind.MILEAGE, StepKind.PASSENGER_SUPPLEMENT),
}


def same_amount(a: Any, b: Any) -> bool:
    """Two amounts as decimals (a float echoed back equals the int sent)."""
    try:
        return Decimal(str(a)) == Decimal(str(b))
    except ArithmeticError:
        return False


def ref_id(value: Any) -> int | None:
    """The id of a ``{"id": n}`` reference."""
    return value.get("id") if isinstance(value, dict) else None


def claimed_ids(steps: dict[str, StepRecord], kind: StepKind) -> set[int]:
    """Ids already taken by done steps of `kind`'s table (a leg and its supplement share one table)."""
    kinds = SAME_TABLE.get(kind, (kind,))
    return {
        r.tripletex_id
        for key, r in steps.items()
        if r.done and r.tripletex_id is not None and any(key.startswith(f"{k.value}:") for k in kinds)
    }


def pick(
    rows: list[Json],
    step: PlannedStep,
    claimed: set[int],
    matches: Callable[[Json, PlannedStep], bool],
) -> int | None:
    """The lowest id among `rows` that match `step` and no other step has claimed."""
    candidates = sorted(int(r["id"]) for r in rows if r.get("id") not in claimed and matches(r, step))
    return candidates[0] if candidates else None


def find_report(client: TravelClient, plan: TransferPlan, *, thorough: bool) -> Json | None:
    """The travel expense carrying the plan's report marker (lowest id), searched in the trip's dates and,
    when `thorough` (or the report has no dates), without them: a report whose dates were edited in Tripletex.
    """
    searches: list[dict[str, Any]] = []
    if plan.departure_date is not None and plan.return_date is not None:
        searches.append(
            {
                "departure_date_from": plan.departure_date,
                "return_date_to": plan.return_date + dt.timedelta(days=1),
            }
        )
    if thorough or not searches:
        searches.append({})  # without the date filters: a report whose dates were edited in Tripletex
    for extra in searches:
        rows = client.travel_expenses(employee_id=plan.employee_id, fields=REPORT_FIELDS, **extra)
        ids = sorted(
            int(r["id"])
            for r in rows
            if has_report_marker(r.get("title"), plan.report_id)
            or has_report_marker(
                (r.get("travelDetails") or {}).get("detailedJourneyDescription"), plan.report_id
            )
        )
        if ids:
            return next(r for r in rows if int(r["id"]) == ids[0])
    return None


def mileage_matches(row: Json, step: PlannedStep) -> bool:
    body = step.body or {}
    return (
        row.get("date") == body.get("date")
        and same_amount(row.get("km"), body.get("km"))
        and (row.get("departureLocation") or "") == body.get("departureLocation")
        and (row.get("destination") or "") == body.get("destination")
        and ref_id(row.get("rateType")) in (None, ref_id(body.get("rateType")))
    )


def passenger_supplement_matches(row: Json, step: PlannedStep) -> bool:
    """The leg's content at the supplement's rate type and the sent rate (rate × passengers)."""
    body = step.body or {}
    return mileage_matches(row, step) and same_amount(row.get("rate"), body.get("rate"))


def per_diem_matches(row: Json, step: PlannedStep) -> bool:
    body = step.body or {}
    return (
        row.get("count") == body.get("count")
        and (
            ref_id(row.get("rateType")) == ref_id(body.get("rateType"))
            if body.get("rateType")
            else ref_id(row.get("rateCategory")) == ref_id(body.get("rateCategory"))
        )
        and (row.get("countryCode") or None) == body.get("countryCode")
        and (row.get("location") or "") == body.get("location")
        and (row.get("overnightAccommodation") or "NONE") == body.get("overnightAccommodation")
        and all(
            bool(row.get(flag)) == bool(body.get(flag))
            for flag in ("isDeductionForBreakfast", "isDeductionForLunch", "isDeductionForDinner")
        )
    )


def cost_matches(row: Json, step: PlannedStep) -> bool:
    comments = row.get("comments") or ""
    return step.tag is not None and re.search(re.escape(step.tag), comments) is not None
