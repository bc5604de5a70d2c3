"""Reconciliation: finding a step's row in Tripletex again after an unknown outcome (reads only)."""

from __future__ import annotations

import datetime as dt
import json
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
#: What a receipt upload changes on the report: `attachmentCount` and the attachment document.
ATTACHMENT_FIELDS = "id,state,attachmentCount,attachment(id,version,size)"

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


def marker_reports(
    client: TravelClient, plan: TransferPlan, *, thorough: bool, fields: str = REPORT_FIELDS
) -> list[Json]:
    """Every travel expense carrying the plan's report marker, lowest id first: searched in the trip's dates
    and, when `thorough` (or the report has no dates), without them (a report whose dates were edited in
    Tripletex). The first search that finds any wins."""
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
        rows = client.travel_expenses(employee_id=plan.employee_id, fields=fields, **extra)
        found = sorted(
            (
                r
                for r in rows
                if has_report_marker(r.get("title"), plan.report_id)
                or has_report_marker(
                    (r.get("travelDetails") or {}).get("detailedJourneyDescription"), plan.report_id
                )
            ),
            key=lambda r: int(r["id"]),
        )
        if found:
            return found
    return []


def find_report(client: TravelClient, plan: TransferPlan, *, thorough: bool) -> Json | None:
    """The travel expense carrying the plan's report marker with the lowest id (see `marker_reports`)."""
    found = marker_reports(client, plan, thorough=thorough)
    return found[0] if found else None


def created_id(answer: Json) -> int | None:
    """The id of a created row: `id`, else the last segment of its `url` (Tripletex sometimes answers a child
    POST with only ``{"value": {"url": …}}``); None when the answer names neither."""
    value = answer.get("id")
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    url = answer.get("url")
    if isinstance(url, str):
        tail = url.rstrip("/").rsplit("/", 1)[-1]
        if tail.isdigit():
            return int(tail)
    return None


def attachment_observation(row: Json) -> str:
    """The report's attachments as a receipt upload changes them: `attachmentCount` and the document's id,
    version and size (read with ATTACHMENT_FIELDS).

    Whatever `attachmentCount` counts — uploads, documents or the pages of one merged PDF (REAL-API-EVIDENCE
    F12) — an upload changes this: the count goes up, or the one merged document grows (size, version) or is
    replaced (id). So "changed since just before the upload" means "landed", where ``attachmentCount > index``
    could take a multi-page receipt for two uploads (a receipt skipped) or never see a second upload (one twice).
    """
    document = row.get("attachment")
    doc = (
        [document.get("id"), document.get("version"), document.get("size")]
        if isinstance(document, dict)
        else None
    )
    return json.dumps({"count": int(row.get("attachmentCount") or 0), "document": doc}, separators=(",", ":"))


def is_empty_report(row: Json) -> bool:
    """A travel expense with no lines and no attachment (safe to delete as a duplicate)."""
    return not any(
        row.get(name)
        for name in ("costs", "mileageAllowances", "perDiemCompensations", "accommodationAllowances")
    ) and not int(row.get("attachmentCount") or 0)


def _text(value: Any) -> str:
    return " ".join(str(value or "").split()).casefold()


def mileage_matches(row: Json, step: PlannedStep) -> bool:
    """A mileage row with the leg's date, km and places (any rate type Tripletex echoes, or the one sent)."""
    body = step.body or {}
    return (
        row.get("date") == body.get("date")
        and same_amount(row.get("km"), body.get("km"))
        and _text(row.get("departureLocation")) == _text(body.get("departureLocation"))
        and _text(row.get("destination")) == _text(body.get("destination"))
        and ref_id(row.get("rateType")) in (None, ref_id(body.get("rateType")))
    )


def passenger_supplement_matches(row: Json, step: PlannedStep) -> bool:
    """The leg's content at the supplement's rate type and the sent rate (rate × passengers)."""
    body = step.body or {}
    return mileage_matches(row, step) and same_amount(row.get("rate"), body.get("rate"))


#: What Tripletex may fill in on a domestic per diem row the request did not name (REAL-API-EVIDENCE F13).
_DOMESTIC_COUNTRY = (None, "", "NO")


def per_diem_matches(row: Json, step: PlannedStep) -> bool:
    """A per diem row with the line's count, rate (type, else category), place, lodging and deductions.

    Robust to what Tripletex echoes: a `countryCode` ("NO") or zone on a row whose request named none, a
    missing `rateType` when the category matches, and whitespace or case in the location.
    """
    body = step.body or {}
    sent_rate = ref_id(body.get("rateType"))
    row_rate = ref_id(row.get("rateType"))
    if sent_rate is not None and row_rate is not None:
        rate_ok = row_rate == sent_rate
    else:
        rate_ok = ref_id(row.get("rateCategory")) == ref_id(body.get("rateCategory"))
    sent_country = body.get("countryCode")
    country_ok = (
        (row.get("countryCode") or None) in _DOMESTIC_COUNTRY
        if not sent_country
        else (row.get("countryCode") or "").upper() == str(sent_country).upper()
    )
    sent_zone = body.get("travelExpenseZoneId")
    zone_ok = sent_zone is None or row.get("travelExpenseZoneId") in (None, sent_zone)
    return (
        row.get("count") == body.get("count")
        and rate_ok
        and country_ok
        and zone_ok
        and _text(row.get("location")) == _text(body.get("location"))
        and (row.get("overnightAccommodation") or "NONE") == (body.get("overnightAccommodation") or "NONE")
        and all(
            bool(row.get(flag)) == bool(body.get(flag))
            for flag in ("isDeductionForBreakfast", "isDeductionForLunch", "isDeductionForDinner")
        )
    )


def cost_matches(row: Json, step: PlannedStep) -> bool:
    """A cost row carrying the step's line marker in its comments."""
    comments = row.get("comments") or ""
    return step.tag is not None and re.search(re.escape(step.tag), comments) is not None


def matcher_for(kind: StepKind) -> Callable[[Json, PlannedStep], bool]:
    """How rows of a line kind are recognised."""
    return {
        StepKind.MILEAGE: mileage_matches,
        StepKind.PASSENGER_SUPPLEMENT: passenger_supplement_matches,
        StepKind.PER_DIEM: per_diem_matches,
        StepKind.COST: cost_matches,
    }[kind]


def has_content(row: Json, step: PlannedStep) -> bool:
    """After a PUT whose answer was lost: does the row already hold the step's new content?"""
    body = step.body or {}
    if step.kind is StepKind.COST:
        return (
            cost_matches(row, step)
            and same_amount(row.get("amountCurrencyIncVat"), body.get("amountCurrencyIncVat"))
            and ref_id(row.get("costCategory")) == ref_id(body.get("costCategory"))
            and ref_id(row.get("paymentType")) == ref_id(body.get("paymentType"))
            and row.get("date") == body.get("date")
            and (row.get("comments") or "") == (body.get("comments") or "")
        )
    return matcher_for(step.kind)(row, step)
