"""A transfer plan: the steps (writes) for one report, in order, and the exact requests they become."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from tripletex_desktop.core.errors import TripletexDesktopError
from tripletex_desktop.core.travel import FieldProblem

Json = dict[str, Any]
#: A placeholder for the id of a travel expense that does not exist yet (dry run only).
NEW_REPORT_ID = "<new travel expense id>"


class StepKind(StrEnum):
    """What a step writes."""

    REPORT = "report"
    MILEAGE = "mileage"
    #: a second mileage allowance line for the passengers of an own-car leg (keyed by that leg's index)
    PASSENGER_SUPPLEMENT = "passenger_supplement"
    PER_DIEM = "per_diem"
    COST = "cost"
    ATTACHMENT = "attachment"
    DELIVER = "deliver"
    APPROVE = "approve"


@dataclass(frozen=True, slots=True)
class PlannedStep:
    """One write. `body` lacks the `travelExpense` reference of child lines (filled in when sent)."""

    key: str
    kind: StepKind
    body: Json | None = None
    #: costs: the marker in `comments`; attachments: the receipt path; mileage: unused
    tag: str | None = None
    file_path: str | None = None
    #: costs in a foreign currency: its ISO code, until `resolve_currencies` puts `currency` {id} (and, when
    #: the rate is known, `amountNOKInclVAT`) into `body`
    currency: str | None = None
    #: the report line the step comes from (``lines[3]``, ``lines[0].toll_cost``, ``lines[1].passengers``):
    #: where a problem with this step, or Tripletex's refusal of it, points
    field: str | None = None


@dataclass(frozen=True, slots=True)
class PlannedRequest:
    """What would go over the wire (dry run)."""

    method: str
    path: str
    body: Json | None = None
    params: Json | None = None
    file_path: str | None = None


@dataclass(frozen=True, slots=True)
class TransferPlan:
    """The steps for one report, in order: report, mileage (each leg, then its passenger supplement), per diem,
    costs, attachments, deliver, approve."""

    report_id: uuid.UUID
    company_id: int
    employee_id: int
    marker: str
    departure_date: dt.date | None
    return_date: dt.date | None
    steps: tuple[PlannedStep, ...]

    def step(self, key: str) -> PlannedStep:
        """A step by key."""
        return next(s for s in self.steps if s.key == key)

    @property
    def needs_currency_lookup(self) -> bool:
        """True while a foreign-currency cost lacks its Tripletex currency id (see `resolve_currencies`)."""
        return any(s.currency is not None and "currency" not in (s.body or {}) for s in self.steps)

    def requests(self, travel_expense_id: int | str = NEW_REPORT_ID) -> tuple[PlannedRequest, ...]:
        """The exact requests, with `travel_expense_id` (or a placeholder) in every child line."""
        return tuple(request_for(step, travel_expense_id) for step in self.steps)


class PlanInvalid(TripletexDesktopError):
    """The report cannot be turned into Tripletex JSON; `problems` say why (field + code)."""

    code = "transfer_plan_invalid"

    def __init__(self, problems: list[FieldProblem]) -> None:
        super().__init__(",".join(p.code for p in problems))
        self.problems = tuple(problems)


class CurrencyUnknown(PlanInvalid):
    """Tripletex has no currency with a cost's code; `problems` point at the costs."""

    code = "currency_unknown"


#: The line kinds and their Tripletex paths (POST to the path, PUT/DELETE to ``path/{id}``).
CHILD_PATHS = {
    StepKind.MILEAGE: "/travelExpense/mileageAllowance",
    StepKind.PASSENGER_SUPPLEMENT: "/travelExpense/mileageAllowance",
    StepKind.PER_DIEM: "/travelExpense/perDiemCompensation",
    StepKind.COST: "/travelExpense/cost",
}
#: Body fields `resolve_currencies` fills in at send time (a foreign-currency cost's fingerprint leaves them out).
_RESOLVED_AT_SEND = ("currency", "amountNOKInclVAT")


def step_kind_of(key: str) -> StepKind | None:
    """The kind of a journal step key (``cost:3`` → COST); None for keys that are not steps."""
    try:
        return StepKind(key.split(":", 1)[0])
    except ValueError:
        return None


def step_fingerprint(step: PlannedStep) -> str:
    """What the step writes, as a short hash: a corrected report rewrites only the lines whose hash changed.

    Attachments are fingerprinted by their content when uploaded (`content_fingerprint`); deliver and approve
    have none.
    """
    body = dict(step.body or {})
    if step.currency is not None:
        for name in _RESOLVED_AT_SEND:
            body.pop(name, None)
    payload = {"kind": step.kind.value, "body": body, "currency": step.currency, "tag": step.tag}
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def content_fingerprint(content: bytes) -> str:
    """A receipt's fingerprint: the hash of its bytes."""
    return hashlib.sha256(content).hexdigest()[:20]


def child_body(step: PlannedStep, travel_expense_id: int | str) -> Json:
    """A line's body with its `travelExpense` reference."""
    return {"travelExpense": {"id": travel_expense_id}, **(step.body or {})}


def request_for(step: PlannedStep, travel_expense_id: int | str) -> PlannedRequest:
    """The request a step becomes when it is first written."""
    if step.kind is StepKind.REPORT:
        return PlannedRequest("POST", "/travelExpense", step.body)
    if step.kind in CHILD_PATHS:
        return PlannedRequest("POST", CHILD_PATHS[step.kind], child_body(step, travel_expense_id))
    if step.kind is StepKind.ATTACHMENT:
        return PlannedRequest(
            "POST", f"/travelExpense/{travel_expense_id}/attachment", file_path=step.file_path
        )
    action = "/travelExpense/:deliver" if step.kind is StepKind.DELIVER else "/travelExpense/:approve"
    return PlannedRequest("PUT", action, params={"id": travel_expense_id})
