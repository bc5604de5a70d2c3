"""Tripletex's refusal of a report at `:deliver` (or `:approve`), placed on the report lines it names.

Tripletex validates a travel expense when it is delivered, not when its lines are posted, and answers 422
with validation messages naming the line field: `perDiemCompensations.rateType.id`, `costs.vatType.id`,
`travelDetails.departureFrom` (REAL-API-EVIDENCE F4). A message says which *kind* of line, rarely which
one: with `rootId` set (the spec allows it, traces show null) it is the line whose Tripletex id the journal
recorded; otherwise, when the report has one line of that kind, that line; else every line of the kind.
A refused write of one line (its POST or PUT) names only the line's own field; the transfer qualifies those
messages with the step it was writing (`qualify`), so they land on exactly that line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from tripletex_desktop.core.errors import ValidationMessage
from tripletex_desktop.core.transfer.plan import PlannedStep, StepKind, TransferPlan

#: the validation message's collection -> the plan's step kinds
_COLLECTIONS: dict[str, tuple[StepKind, ...]] = {
    "mileageAllowances": (StepKind.MILEAGE, StepKind.PASSENGER_SUPPLEMENT),
    "perDiemCompensations": (StepKind.PER_DIEM,),
    "costs": (StepKind.COST,),
}
#: the field inside a line -> a stable code (ui/messages.py says it in plain words)
_LINE_CODES: dict[str, str] = {
    "rateType": "refused_rate",
    "rateCategory": "refused_rate",
    "vatType": "refused_vat",
    "costCategory": "refused_cost_category",
    "paymentType": "refused_payment_type",
    "countryCode": "refused_zone",
    "travelExpenseZoneId": "refused_zone",
    "overnightAccommodation": "refused_accommodation",
    "currency": "refused_currency",
    "location": "refused_location",
    "count": "refused_count",
    "km": "refused_km",
    "date": "refused_date",
}
#: report fields Tripletex names (`travelDetails.<name>`) -> the report's field in the app, and the code
_REPORT_FIELDS: dict[str, tuple[str, str]] = {
    "departureFrom": ("departure_from", "refused_departure_from"),
    "destination": ("destination", "refused_destination"),
    "purpose": ("purpose", "refused_purpose"),
    "departureDate": ("departure_at", "refused_dates"),
    "returnDate": ("return_at", "refused_dates"),
}


#: the step kinds -> the collection Tripletex names their lines by
_COLLECTION_OF: dict[StepKind, str] = {kind: name for name, kinds in _COLLECTIONS.items() for kind in kinds}


def qualify(messages: Sequence[ValidationMessage], step: PlannedStep) -> tuple[ValidationMessage, ...]:
    """The validation messages of a refused write of one line (its POST or PUT), each naming that step:
    ``costCategory`` (a line's own field, as a line write names it) becomes ``costs[cost:1].costCategory``,
    ``costs.vatType.id`` becomes ``costs[cost:1].vatType.id``, a message without a field ``costs[cost:1]``.
    Messages about the report (``travelExpense``, ``travelDetails.…``) are kept as they are."""
    collection = _COLLECTION_OF.get(step.kind)
    if collection is None:
        return tuple(messages)
    out: list[ValidationMessage] = []
    for message in messages:
        name = (message.field or "").strip()
        head, _, rest = name.partition(".")
        if head in ("travelExpense", "travelDetails"):
            out.append(message)
            continue
        inner = rest if head in _COLLECTIONS else name
        qualified = f"{collection}[{step.key}]" + (f".{inner}" if inner else "")
        out.append(replace(message, field=qualified))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Refusal:
    """One refused field: the report field it lands on (``lines[2]``, ``departure_from``, or "" for the
    report as a whole), a stable code, and Tripletex's own words."""

    field: str
    code: str
    message: str


def refusals(
    plan: TransferPlan, messages: Sequence[ValidationMessage], line_ids: Mapping[str, int | None]
) -> tuple[Refusal, ...]:
    """Place each of Tripletex's validation messages on the report's lines (see the module docstring).

    `line_ids` maps a step key to the Tripletex id the journal recorded for it.
    """
    out: list[Refusal] = []
    for message in messages:
        name = (message.field or "").strip()
        collection, _, rest = name.partition(".")
        inner = rest.partition(".")[0]
        collection, _, qualifier = collection.partition("[")
        step_key = qualifier.rstrip("]")
        if collection in _COLLECTIONS:
            steps = [s for s in plan.steps if s.kind in _COLLECTIONS[collection] and s.field]
            if step_key:  # named by the transfer (`qualify`): the refused write's own line
                steps = [s for s in steps if s.key == step_key] or steps
            elif message.row_id is not None:
                exact = [s for s in steps if line_ids.get(s.key) == message.row_id]
                steps = exact or steps
            code = _LINE_CODES.get(inner, "refused_line")
            # the source line of a passenger supplement or toll cost is the leg itself
            fields = dict.fromkeys((s.field or "").split(".")[0] for s in steps)
            out.extend(Refusal(f, code, message.message) for f in fields)
            if not fields:
                out.append(Refusal("", code, message.message))
        elif collection == "travelDetails" and inner in _REPORT_FIELDS:
            field_name, code = _REPORT_FIELDS[inner]
            out.append(Refusal(field_name, code, message.message))
        else:
            out.append(Refusal("", "refused_report", message.message))
    return tuple(dict.fromkeys(out))
