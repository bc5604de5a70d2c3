"""Exactly-once transfer of a travel report to Tripletex: payloads, a write-ahead journal and reconciliation.

Tripletex has no idempotency key (API-NOTES §8.8), so every write follows one protocol:

1. the journal records the *intent* of the step before the request is sent;
2. the step is written; its Tripletex id is recorded as the *result*;
3. a step with an intent but no result (a timeout, a dropped connection, a 5xx, or a crash between the write
   and the journal update) is *reconciled* before anything is written again: the report is found by the
   marker ``[TD:<8 hex>]`` in its journey description (its title for an employee expense and for reports
   sent before the marker left the title), child lines by their content (mileage, its
   passenger supplement, per diem) or their own marker (costs ``[TD:<8 hex>:c<n>]``), attachments by the report's ``attachmentCount``,
   deliver/approve by re-reading the report's state.

After an unknown outcome of a timeout or dropped connection the request may still be in flight, so a step
that is not found is not written again in the same run: the result is ``unknown`` and the next run
reconciles again. A 5xx was answered (nothing is in flight), so after a search finds nothing it is written
once more.
"""

from __future__ import annotations

import abc
import datetime as dt
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal, Protocol

from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.errors import (
    ErrorInfo,
    ServerError,
    TransportError,
    TripletexDesktopError,
)
from tripletex_desktop.core.models import CompanyMapping, RateCategory
from tripletex_desktop.core.perdiem import TWELVE_HOURS
from tripletex_desktop.core.rates import (
    NoRateForDate,
    PerDiemKind,
    RateChoice,
    RateTable,
    mileage_amount,
    passenger_supplement_amount,
    passenger_supplement_rate,
    per_diem_amount,
)
from tripletex_desktop.core.travel import (
    Accommodation,
    CostLine,
    FieldProblem,
    MileageLine,
    PerDiemLine,
    ReportKind,
    TravelReport,
    validate_report,
)

Json = dict[str, Any]
TransferState = Literal["sent", "failed", "unknown", "dry_run"]
#: A placeholder for the id of a travel expense that does not exist yet (dry run only).
NEW_REPORT_ID = "<new travel expense id>"
DELIVERED_STATES = frozenset({"DELIVERED", "APPROVED", "SALARY_PAID"})
APPROVED_STATES = frozenset({"APPROVED", "SALARY_PAID"})
REPORT_FIELDS = "id,version,number,title,state,attachmentCount,employee(id),travelDetails(*)"


# --- markers -------------------------------------------------------------------------------------


def short_id(report_id: uuid.UUID) -> str:
    """The first 8 hex digits of the report's uuid."""
    return report_id.hex[:8]


def report_marker(report_id: uuid.UUID) -> str:
    """``[TD:xxxxxxxx]`` — put in the journey description of a travel report, the title of an employee
    expense (reports sent by older versions carry it in the title too; the search matches both)."""
    return f"[TD:{short_id(report_id)}]"


def line_marker(report_id: uuid.UUID, tag: str) -> str:
    """``[TD:xxxxxxxx:c3]`` — put in a cost's comments."""
    return f"[TD:{short_id(report_id)}:{tag}]"


def has_report_marker(text: str | None, report_id: uuid.UUID) -> bool:
    """True when `text` carries the report marker (not a line marker)."""
    return bool(text) and report_marker(report_id) in (text or "")


# --- plan ----------------------------------------------------------------------------------------


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
    #: where a problem with this step points (e.g. ``lines[3].currency``)
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
        return tuple(_request_for(step, travel_expense_id) for step in self.steps)


class PlanInvalid(TripletexDesktopError):
    """The report cannot be turned into Tripletex JSON; `problems` say why (field + code)."""

    code = "transfer_plan_invalid"

    def __init__(self, problems: list[FieldProblem]) -> None:
        super().__init__(",".join(p.code for p in problems))
        self.problems = tuple(problems)


class CurrencyUnknown(PlanInvalid):
    """Tripletex has no currency with a cost's code; `problems` point at the costs."""

    code = "currency_unknown"


def _number(value: Decimal) -> int | float:
    """A JSON number: integral values as int, else float (Tripletex fields are doubles)."""
    return int(value) if value == value.to_integral_value() else float(value)


def _hhmm(value: dt.datetime) -> str:
    return value.strftime("%H:%M")


def _ref(id_: int | None) -> Json | None:
    return None if id_ is None else {"id": id_}


def _trip_kind(report: TravelReport) -> PerDiemKind:
    """The bracket for a per diem line the user did not pin (day trip length or overnight)."""
    if report.departure_at is None or report.return_at is None:
        return PerDiemKind.OVERNIGHT if report.is_overnight else PerDiemKind.DAY_6_12
    elapsed = report.return_at - report.departure_at
    if report.is_overnight:
        # a report with an overnight stay may not use a day-trip category: the short case takes the 6-12 h
        # rate from the "etter overnatting" category
        return PerDiemKind.OVERNIGHT if elapsed > TWELVE_HOURS else PerDiemKind.REST_6_12
    return PerDiemKind.DAY_6_12 if elapsed <= TWELVE_HOURS else PerDiemKind.DAY_OVER_12


def _carries_passengers(line: MileageLine) -> bool:
    """An own-car leg with passengers earns the passenger supplement."""
    return line.passengers > 0 and not line.is_company_car


def _passenger_notes(report: TravelReport) -> list[str]:
    """The passengers' names per leg, for the journey description (a mileage line has no text field)."""
    return [
        f"Passasjerer {line.date:%d.%m.%Y} {line.from_place.strip()} – {line.to_place.strip()}: "
        + ", ".join(name.strip() for name in line.passenger_names)
        + "."
        for line in report.mileage_lines
        if _carries_passengers(line) and line.passenger_names
    ]


def _report_body(report: TravelReport, marker: str) -> Json:
    # A travel report carries the marker only in its journey description (the title stays clean in
    # Tripletex); an employee expense has no travel details, so its title carries it.
    title = report.title.strip()
    body: Json = {
        "employee": _ref(report.employee_id),
        "title": title if report.kind is ReportKind.TRAVEL else f"{title} {marker}",
    }
    if report.project_id is not None:
        body["project"] = _ref(report.project_id)
    if report.department_id is not None:
        body["department"] = _ref(report.department_id)
    if report.kind is ReportKind.TRAVEL:
        assert report.departure_at is not None and report.return_at is not None
        journey = " ".join(
            [f"{report.departure_from.strip()} – {report.destination.strip()}", *_passenger_notes(report)]
        )
        body["travelDetails"] = {
            "isForeignTravel": report.is_foreign,
            "isDayTrip": report.is_day_trip,
            "isCompensationFromRates": True,
            "departureDate": report.departure_at.date().isoformat(),
            "returnDate": report.return_at.date().isoformat(),
            "departureTime": _hhmm(report.departure_at),
            "returnTime": _hhmm(report.return_at),
            "departureFrom": report.departure_from.strip(),
            "destination": report.destination.strip(),
            "purpose": report.purpose.strip(),
            "detailedJourneyDescription": f"{journey} {marker}",
        }
    return body


def build_payloads(
    report: TravelReport,
    mapping: CompanyMapping,
    rate_lookup: RateTable,
    *,
    deliver: bool = False,
    approve: bool = False,
    use_rates: bool = True,
    zone_id: int | None = None,
) -> TransferPlan:
    """The Tripletex JSON for `report`; every line's `rateType` is the rate valid on that line's date.

    With `use_rates=False` (the company does not compensate from rates) mileage and per diem become costs
    in the mapped categories, priced from the same rates. An own-car leg with passengers gets a passenger
    supplement (a second mileage line, or added to the mileage cost without rates). Tolls on mileage lines become costs in the
    mapping's ``extra["toll"]`` category. Raises PlanInvalid with every problem found.
    """
    problems = list(validate_report(report))
    if problems:
        raise PlanInvalid(problems)
    assert report.employee_id is not None
    marker = report_marker(report.id)
    steps: list[PlannedStep] = [PlannedStep("report", StepKind.REPORT, _report_body(report, marker))]
    payment_type_id = mapping.payment_type_id
    costs: list[tuple[CostLine, str]] = []  # (line, field for problems)

    def rate_or_problem(lookup: Callable[[], RateChoice], field_name: str) -> RateChoice | None:
        try:
            return lookup()
        except NoRateForDate as exc:
            problems.append(FieldProblem(field_name, exc.code))
        except TripletexDesktopError as exc:
            problems.append(FieldProblem(field_name, exc.code))
        return None

    for index, line in enumerate(report.lines):
        field_name = f"lines[{index}]"
        if isinstance(line, MileageLine):
            mileage_index = sum(1 for s in steps if s.kind is StepKind.MILEAGE)
            choice = rate_or_problem(lambda line=line: rate_lookup.mileage(line.date), field_name)
            if line.toll_cost:
                toll_category = mapping.extra.get("toll")
                if toll_category is None:
                    problems.append(FieldProblem(f"{field_name}.toll_cost", "toll_category_missing"))
                else:
                    costs.append(
                        (
                            CostLine(line.date, toll_category, line.toll_cost, comment="Bom"),
                            f"{field_name}.toll_cost",
                        )
                    )
            if choice is None:
                continue
            supplement: RateChoice | None = None
            if _carries_passengers(line):
                supplement = rate_or_problem(
                    lambda line=line: rate_lookup.passenger_supplement(line.date), f"{field_name}.passengers"
                )
                if supplement is None:
                    continue
            if use_rates:
                steps.append(
                    PlannedStep(f"mileage:{mileage_index}", StepKind.MILEAGE, _mileage_body(line, choice))
                )
                if supplement is not None:
                    steps.append(
                        PlannedStep(
                            f"passenger_supplement:{mileage_index}",
                            StepKind.PASSENGER_SUPPLEMENT,
                            _passenger_supplement_body(line, supplement),
                        )
                    )
            elif mapping.mileage_cost_category_id is None:
                problems.append(FieldProblem(field_name, "mileage_cost_category_missing"))
            else:
                amount = mileage_amount(choice.rate, line.km)
                comment = f"{line.from_place} – {line.to_place} {_number(line.km)} km"
                if supplement is not None:
                    amount += passenger_supplement_amount(supplement.rate, line.km, line.passengers)
                    comment += (
                        f" + {line.passengers} {'passasjer' if line.passengers == 1 else 'passasjerer'}"
                    )
                costs.append(
                    (
                        CostLine(line.date, mapping.mileage_cost_category_id, amount, comment=comment),
                        field_name,
                    )
                )
        elif isinstance(line, PerDiemLine):
            per_diem_index = sum(1 for s in steps if s.kind is StepKind.PER_DIEM)
            assert report.departure_at is not None
            day = line.date or report.departure_at.date()
            kind = line.kind or _trip_kind(report)
            if report.is_foreign and zone_id is None and use_rates:
                # Rates of foreign categories differ per zone, and a zone is not always known as an id:
                # send the category and the country and let Tripletex take the zone's rate.
                try:
                    category = rate_lookup.per_diem_category(
                        day, kind, is_foreign=True, override_category_id=line.rate_category_id
                    )
                except TripletexDesktopError as exc:
                    problems.append(FieldProblem(field_name, exc.code))
                    continue
                _check_per_diem_category(report, line, category, field_name, problems)
                body = _per_diem_body(report, line, None, category.id)
                steps.append(PlannedStep(f"per_diem:{per_diem_index}", StepKind.PER_DIEM, body))
                continue
            choice = rate_or_problem(
                lambda day=day, kind=kind, line=line: rate_lookup.per_diem(
                    day,
                    kind,
                    is_foreign=report.is_foreign,
                    zone_id=zone_id,
                    override_category_id=line.rate_category_id,
                ),
                field_name,
            )
            if choice is None:
                continue
            _check_per_diem_category(report, line, choice.category, field_name, problems)
            if use_rates:
                body = _per_diem_body(report, line, choice.rate.id, choice.category.id)
                steps.append(PlannedStep(f"per_diem:{per_diem_index}", StepKind.PER_DIEM, body))
            elif mapping.per_diem_cost_category_id is None:
                problems.append(FieldProblem(field_name, "per_diem_cost_category_missing"))
            else:
                amount = per_diem_amount(
                    choice.rate,
                    line.count,
                    breakfast=line.breakfast_deduction,
                    lunch=line.lunch_deduction,
                    dinner=line.dinner_deduction,
                )
                costs.append(
                    (
                        CostLine(
                            day, mapping.per_diem_cost_category_id, amount, comment=choice.category.name
                        ),
                        field_name,
                    )
                )
        else:
            costs.append((line, field_name))

    attachments: list[PlannedStep] = []
    for n, (cost, field_name) in enumerate(costs):
        payment = cost.payment_type_id or payment_type_id
        if payment is None:
            problems.append(FieldProblem(f"{field_name}.payment_type_id", "payment_type_missing"))
            continue
        tag = line_marker(report.id, f"c{n}")
        body: Json = {
            "costCategory": _ref(cost.cost_category_id),
            "paymentType": _ref(payment),
            "date": cost.date.isoformat(),
            "amountCurrencyIncVat": _number(cost.amount_incl_vat),
            "comments": f"{cost.comment.strip()} {tag}".strip(),
        }
        foreign = cost.currency.upper() if cost.currency.upper() != "NOK" else None
        steps.append(
            PlannedStep(
                f"cost:{n}", StepKind.COST, body, tag=tag, currency=foreign, field=f"{field_name}.currency"
            )
        )
        if cost.receipt_path:
            attachments.append(
                PlannedStep(
                    f"attachment:{len(attachments)}", StepKind.ATTACHMENT, file_path=cost.receipt_path
                )
            )
    if problems:
        raise PlanInvalid(problems)
    steps.extend(attachments)
    if deliver or approve:
        steps.append(PlannedStep("deliver", StepKind.DELIVER))
    if approve:
        steps.append(PlannedStep("approve", StepKind.APPROVE))
    return TransferPlan(
        report_id=report.id,
        company_id=report.company_id,
        employee_id=report.employee_id,
        marker=marker,
        departure_date=report.departure_at.date() if report.departure_at else None,
        return_date=report.return_at.date() if report.return_at else None,
        steps=tuple(steps),
    )


class CurrencyClient(Protocol):
    """The currency reads of core.api.CompanyClient."""

    def currency_by_code(self, code: str) -> int | None: ...
    def currency_rate(self, currency_id: int, on: dt.date) -> Decimal | None: ...


def resolve_currencies(
    plan: TransferPlan, client: CurrencyClient, *, skip: frozenset[str] = frozenset()
) -> TransferPlan:
    """The plan with every foreign-currency cost completed from Tripletex (reads only, retried by the client):
    ``currency`` {id}, and ``amountNOKInclVAT`` = the entered amount × the currency's rate on the cost's date
    (rounded to øre) when Tripletex has a rate, else left out so Tripletex computes it. Steps in `skip` (done
    already) are left as they are. Raises CurrencyUnknown when Tripletex has no currency with a cost's code.
    """
    problems: list[FieldProblem] = []
    steps: list[PlannedStep] = []
    for step in plan.steps:
        body = step.body or {}
        if step.currency is None or "currency" in body or step.key in skip:
            steps.append(step)
            continue
        currency_id = client.currency_by_code(step.currency)
        if currency_id is None:
            problems.append(FieldProblem(step.field or f"{step.key}.currency", "currency_unknown"))
            steps.append(step)
            continue
        rate = client.currency_rate(currency_id, dt.date.fromisoformat(body["date"]))
        resolved: Json = {}
        for name, value in body.items():
            resolved[name] = value
            if name == "date":
                resolved["currency"] = {"id": currency_id}
            elif name == "amountCurrencyIncVat" and rate is not None:
                nok = (Decimal(str(value)) * rate).quantize(Decimal("0.01"))
                resolved["amountNOKInclVAT"] = _number(nok)
        steps.append(replace(step, body=resolved))
    if problems:
        raise CurrencyUnknown(problems)
    return replace(plan, steps=tuple(steps))


def _check_per_diem_category(
    report: TravelReport,
    line: PerDiemLine,
    category: RateCategory,
    field_name: str,
    problems: list[FieldProblem],
) -> None:
    """The chosen (or pinned) category against the trip and the line, as Tripletex checks it (RATES.md §6)."""
    if report.is_day_trip and not category.is_valid_day_trip:
        problems.append(FieldProblem(f"{field_name}.rate_category_id", "rate_not_for_day_trip"))
    elif report.is_overnight and not category.is_valid_accommodation:
        problems.append(FieldProblem(f"{field_name}.rate_category_id", "rate_not_for_overnight_trip"))
    if (category.is_valid_domestic or category.is_valid_foreign_travel) and not (
        category.is_valid_foreign_travel if report.is_foreign else category.is_valid_domestic
    ):
        problems.append(FieldProblem(f"{field_name}.rate_category_id", "rate_wrong_region"))
    if (
        report.is_overnight
        and category.is_requires_overnight_accommodation
        and line.accommodation is Accommodation.NONE
    ):
        problems.append(FieldProblem(f"{field_name}.accommodation", "accommodation_missing"))


def _mileage_body(line: MileageLine, choice: RateChoice) -> Json:
    return {
        "rateType": _ref(choice.rate.id),
        "rateCategory": _ref(choice.category.id),
        "date": line.date.isoformat(),
        "departureLocation": line.from_place.strip(),
        "destination": line.to_place.strip(),
        "km": _number(line.km),
        "isCompanyCar": line.is_company_car,
    }


def _passenger_supplement_body(line: MileageLine, choice: RateChoice) -> Json:
    """The leg again, at the passenger supplement's rate type with `rate` = that rate × passengers."""
    return _mileage_body(line, choice) | {
        "rate": _number(passenger_supplement_rate(choice.rate, line.passengers))
    }


def _per_diem_body(report: TravelReport, line: PerDiemLine, rate_id: int | None, category_id: int) -> Json:
    body: Json = {}
    if rate_id is not None:
        body["rateType"] = _ref(rate_id)
    body |= {
        "rateCategory": _ref(category_id),
        "count": line.count,
        "overnightAccommodation": line.accommodation.value,
        "location": (line.location or report.destination).strip(),
        "isDeductionForBreakfast": line.breakfast_deduction,
        "isDeductionForLunch": line.lunch_deduction,
        "isDeductionForDinner": line.dinner_deduction,
    }
    if report.is_foreign and report.country_code:
        body["countryCode"] = report.country_code
    return body


_CHILD_PATHS = {
    StepKind.MILEAGE: "/travelExpense/mileageAllowance",
    StepKind.PASSENGER_SUPPLEMENT: "/travelExpense/mileageAllowance",
    StepKind.PER_DIEM: "/travelExpense/perDiemCompensation",
    StepKind.COST: "/travelExpense/cost",
}


def _child_body(step: PlannedStep, travel_expense_id: int | str) -> Json:
    return {"travelExpense": {"id": travel_expense_id}, **(step.body or {})}


def _request_for(step: PlannedStep, travel_expense_id: int | str) -> PlannedRequest:
    if step.kind is StepKind.REPORT:
        return PlannedRequest("POST", "/travelExpense", step.body)
    if step.kind in _CHILD_PATHS:
        return PlannedRequest("POST", _CHILD_PATHS[step.kind], _child_body(step, travel_expense_id))
    if step.kind is StepKind.ATTACHMENT:
        return PlannedRequest(
            "POST", f"/travelExpense/{travel_expense_id}/attachment", file_path=step.file_path
        )
    action = "/travelExpense/:deliver" if step.kind is StepKind.DELIVER else "/travelExpense/:approve"
    return PlannedRequest("PUT", action, params={"id": travel_expense_id})


# --- journal -------------------------------------------------------------------------------------


class ReportStatus(StrEnum):
    """The outbox state of a report."""

    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class StepRecord:
    """A journaled step: intent recorded, and the Tripletex id once the result is known (`done`)."""

    step_key: str
    done: bool = False
    tripletex_id: int | None = None


@dataclass(frozen=True, slots=True)
class JournalState:
    """What the journal knows about one report."""

    status: ReportStatus = ReportStatus.QUEUED
    steps: dict[str, StepRecord] = field(default_factory=dict)
    error_code: str | None = None

    @property
    def travel_expense_id(self) -> int | None:
        """The Tripletex id of the report, once created."""
        record = self.steps.get("report")
        return record.tripletex_id if record and record.done else None


class Journal(abc.ABC):
    """Write-ahead log of transfer steps; storage implements it in SQLite, each call durable on return."""

    @abc.abstractmethod
    def state(self, report_id: uuid.UUID) -> JournalState:
        """Everything recorded for the report (an empty state when nothing is)."""

    @abc.abstractmethod
    def record_intent(self, report_id: uuid.UUID, step_key: str) -> None:
        """Before a write: the step is about to be sent (keeps any earlier intent)."""

    @abc.abstractmethod
    def record_result(self, report_id: uuid.UUID, step_key: str, tripletex_id: int | None) -> None:
        """After a write (or a reconciliation found it): the step is done."""

    @abc.abstractmethod
    def record_status(
        self, report_id: uuid.UUID, status: ReportStatus, error_code: str | None = None
    ) -> None:
        """The report's outbox state."""


class InMemoryJournal(Journal):
    """A journal in a dict (tests, dry runs); `forget_last_result` simulates a crash before the update."""

    def __init__(self) -> None:
        self._states: dict[uuid.UUID, JournalState] = {}
        self._last_result: tuple[uuid.UUID, str] | None = None

    def state(self, report_id: uuid.UUID) -> JournalState:
        """A snapshot (a copy of the step map)."""
        current = self._states.get(report_id, JournalState())
        return JournalState(current.status, dict(current.steps), current.error_code)

    def _put(self, report_id: uuid.UUID, record: StepRecord) -> None:
        current = self._states.get(report_id, JournalState())
        self._states[report_id] = JournalState(
            current.status, {**current.steps, record.step_key: record}, current.error_code
        )

    def record_intent(self, report_id: uuid.UUID, step_key: str) -> None:
        """Record the intent unless the step is already there."""
        if step_key not in self._states.get(report_id, JournalState()).steps:
            self._put(report_id, StepRecord(step_key))

    def record_result(self, report_id: uuid.UUID, step_key: str, tripletex_id: int | None) -> None:
        """Mark the step done."""
        self._put(report_id, StepRecord(step_key, True, tripletex_id))
        self._last_result = (report_id, step_key)

    def record_status(
        self, report_id: uuid.UUID, status: ReportStatus, error_code: str | None = None
    ) -> None:
        """Set the report's status."""
        current = self._states.get(report_id, JournalState())
        self._states[report_id] = JournalState(status, dict(current.steps), error_code)

    def forget_last_result(self) -> str | None:
        """Turn the most recent result back into a bare intent, as if the process died before writing it."""
        if self._last_result is None:
            return None
        report_id, key = self._last_result
        self._put(report_id, StepRecord(key))
        self._last_result = None
        return key


# --- transfer ------------------------------------------------------------------------------------


class TravelClient(Protocol):
    """The part of core.api.CompanyClient that transfer uses."""

    def travel_expenses(
        self,
        *,
        employee_id: int | None = None,
        departure_date_from: dt.date | None = None,
        return_date_to: dt.date | None = None,
        state: str | None = None,
        fields: str = ...,
    ) -> list[Json]: ...
    def get_travel_expense(self, id: int, fields: str = ...) -> Json: ...
    def create_travel_expense(self, body: Json) -> Json: ...
    def create_mileage_allowance(self, body: Json) -> Json: ...
    def mileage_allowances(self, travel_expense_id: int) -> list[Json]: ...
    def create_per_diem_compensation(self, body: Json) -> Json: ...
    def per_diem_compensations(self, travel_expense_id: int) -> list[Json]: ...
    def create_cost(self, body: Json) -> Json: ...
    def costs(self, travel_expense_id: int) -> list[Json]: ...
    def upload_attachment(
        self, travel_expense_id: int, filename: str, content: bytes, content_type: str
    ) -> None: ...
    def deliver(self, ids: list[int]) -> list[Json]: ...
    def approve(self, ids: list[int], override_approval_flow: bool = False) -> list[Json]: ...
    def currency_by_code(self, code: str) -> int | None: ...
    def currency_rate(self, currency_id: int, on: dt.date) -> Decimal | None: ...


@dataclass(frozen=True, slots=True)
class TransferResult:
    """The outcome; `requests` holds the exact JSON for a dry run."""

    state: TransferState
    travel_expense_id: int | None = None
    number: int | None = None
    tripletex_state: str | None = None
    error: ErrorInfo | None = None
    requests: tuple[PlannedRequest, ...] = ()


class ReportMissing(TripletexDesktopError):
    """The journal lost the report's id and no report with the marker was found in Tripletex."""

    code = "transfer_report_missing"


class ReceiptUnreadable(TripletexDesktopError):
    """A receipt file could not be read."""

    code = "receipt_unreadable"


_SAME_TABLE: dict[StepKind, tuple[StepKind, ...]] = {
    StepKind.MILEAGE: (StepKind.MILEAGE, StepKind.PASSENGER_SUPPLEMENT),
    StepKind.PASSENGER_SUPPLEMENT: (StepKind.MILEAGE, StepKind.PASSENGER_SUPPLEMENT),
}


class _Unknown(Exception):  # noqa: N818 - control flow, never leaves this module
    def __init__(self, cause: TripletexDesktopError) -> None:
        super().__init__(cause.code)
        self.cause = cause


def _content_type(path: str) -> str:
    suffix = Path(path).suffix.lower()
    return {
        ".pdf": "application/pdf",
        ".png": "image/png",
        ".jpg": "image/jpeg",
        ".jpeg": "image/jpeg",
        ".heic": "image/heic",
    }.get(suffix, "application/octet-stream")


def _same_amount(a: Any, b: Any) -> bool:
    try:
        return Decimal(str(a)) == Decimal(str(b))
    except ArithmeticError:
        return False


def _ref_id(value: Any) -> int | None:
    return value.get("id") if isinstance(value, dict) else None


class _Transfer:
    """One run of the protocol for one report."""

    def __init__(
        self,
        plan: TransferPlan,
        client: TravelClient,
        journal: Journal,
        cancel: CancelToken,
        read_file: Callable[[str], bytes],
        max_answered_retries: int,
    ) -> None:
        self.plan = plan
        self.client = client
        self.journal = journal
        self.cancel = cancel
        self.read_file = read_file
        self.max_answered_retries = max_answered_retries
        self.rid = plan.report_id
        self.te_id: int | None = None
        self.number: int | None = None
        self.tx_state: str | None = None
        self.distrust = False

    # -- running --

    def run(self) -> TransferResult:
        state = self.journal.state(self.rid)
        self.te_id = state.travel_expense_id
        self.journal.record_status(self.rid, ReportStatus.SENDING)
        try:
            if self.plan.needs_currency_lookup:  # reads before any write; costs already sent keep their body
                done = frozenset(k for k, r in self.journal.state(self.rid).steps.items() if r.done)
                self.plan = resolve_currencies(self.plan, self.client, skip=done)
            for step in self.plan.steps:
                self.cancel.raise_if_cancelled()
                record = self.journal.state(self.rid).steps.get(step.key)
                if record is not None and record.done:
                    if step.kind is StepKind.REPORT:
                        self.te_id = record.tripletex_id
                    continue
                # Look before writing when the outcome of an earlier attempt is unknown (an intent without
                # a result), when the journal proved unreliable for this report, always before creating
                # the report (a lost or restored journal must not duplicate it), and before deliver/approve.
                if (
                    record is not None
                    or self.distrust
                    or step.kind in (StepKind.REPORT, StepKind.DELIVER, StepKind.APPROVE)
                ):
                    found, tripletex_id = self._reconcile(step, thorough=record is not None)
                    if found:
                        if step.kind is StepKind.REPORT and record is None:
                            self.distrust = True  # the report exists but the journal never heard of it
                        self._done(step, tripletex_id)
                        continue
                self._write_with_recovery(step)
            self._refresh()
        except _Unknown as unknown:
            self.journal.record_status(self.rid, ReportStatus.UNKNOWN, unknown.cause.code)
            return self._result("unknown", ErrorInfo.from_exception(unknown.cause))
        except TripletexDesktopError as exc:  # including Cancelled: nothing is in flight
            self.journal.record_status(self.rid, ReportStatus.FAILED, exc.code)
            return self._result("failed", ErrorInfo.from_exception(exc))
        self.journal.record_status(self.rid, ReportStatus.SENT)
        return self._result("sent", None)

    def _result(self, state: TransferState, error: ErrorInfo | None) -> TransferResult:
        return TransferResult(state, self.te_id, self.number, self.tx_state, error)

    def _done(self, step: PlannedStep, tripletex_id: int | None) -> None:
        self.journal.record_result(self.rid, step.key, tripletex_id)
        if step.kind is StepKind.REPORT:
            self.te_id = tripletex_id

    def _write_with_recovery(self, step: PlannedStep) -> None:
        answered_retries = 0
        while True:
            self.journal.record_intent(self.rid, step.key)
            try:
                tripletex_id = self._write(step)
            except (TransportError, ServerError) as exc:
                found, tripletex_id = self._reconcile(step, thorough=True)
                if found:
                    self._done(step, tripletex_id)
                    return
                if isinstance(exc, ServerError) and answered_retries < self.max_answered_retries:
                    answered_retries += 1
                    self.cancel.raise_if_cancelled()
                    continue
                raise _Unknown(exc) from exc
            self._done(step, tripletex_id)
            return

    def _need_report(self) -> int:
        if self.te_id is None:  # a journal that lost the report's id: reconcile before anything else
            found, tripletex_id = self._reconcile(self.plan.step("report"), thorough=True)
            if not found or tripletex_id is None:
                raise _Unknown(ReportMissing())
            self._done(self.plan.step("report"), tripletex_id)
        assert self.te_id is not None
        return self.te_id

    def _write(self, step: PlannedStep) -> int | None:
        if step.kind is StepKind.REPORT:
            created = self.client.create_travel_expense(dict(step.body or {}))
            self.number = created.get("number")
            self.tx_state = created.get("state")
            return int(created["id"])
        te_id = self._need_report()
        if step.kind in (StepKind.MILEAGE, StepKind.PASSENGER_SUPPLEMENT):
            return int(self.client.create_mileage_allowance(_child_body(step, te_id))["id"])
        if step.kind is StepKind.PER_DIEM:
            return int(self.client.create_per_diem_compensation(_child_body(step, te_id))["id"])
        if step.kind is StepKind.COST:
            return int(self.client.create_cost(_child_body(step, te_id))["id"])
        if step.kind is StepKind.ATTACHMENT:
            assert step.file_path is not None
            try:
                content = self.read_file(step.file_path)
            except OSError as exc:
                raise ReceiptUnreadable(type(exc).__name__) from exc
            name = Path(step.file_path).name
            self.client.upload_attachment(te_id, name, content, _content_type(name))
            return None
        if step.kind is StepKind.DELIVER:
            self._note_states(self.client.deliver([te_id]))
            return te_id
        self._note_states(self.client.approve([te_id]))
        return te_id

    def _note_states(self, answered: list[Json]) -> None:
        for row in answered:
            if row.get("id") == self.te_id:
                self.tx_state = row.get("state", self.tx_state)

    def _refresh(self) -> None:
        if self.te_id is None:
            return
        row = self.client.get_travel_expense(self.te_id, fields="id,number,state")
        self.number = row.get("number", self.number)
        self.tx_state = row.get("state", self.tx_state)

    # -- reconciliation (reads only; the client retries reads itself) --

    def _reconcile(self, step: PlannedStep, *, thorough: bool) -> tuple[bool, int | None]:
        try:
            return self._search(step, thorough)
        except (TransportError, ServerError) as exc:
            raise _Unknown(exc) from exc

    def _claimed(self, kind: StepKind) -> set[int]:
        """Ids already taken by done steps of `kind`'s table (a leg and its supplement share one table)."""
        kinds = _SAME_TABLE.get(kind, (kind,))
        steps = self.journal.state(self.rid).steps
        return {
            r.tripletex_id
            for key, r in steps.items()
            if r.done and r.tripletex_id is not None and any(key.startswith(f"{k.value}:") for k in kinds)
        }

    def _search(self, step: PlannedStep, thorough: bool) -> tuple[bool, int | None]:
        if step.kind is StepKind.REPORT:
            found = self._find_report(thorough)
            return found is not None, found
        te_id = self._need_report()
        if step.kind is StepKind.MILEAGE:
            return self._pick(self.client.mileage_allowances(te_id), step, StepKind.MILEAGE, _mileage_matches)
        if step.kind is StepKind.PASSENGER_SUPPLEMENT:
            rows = self.client.mileage_allowances(te_id)
            return self._pick(rows, step, StepKind.PASSENGER_SUPPLEMENT, _passenger_supplement_matches)
        if step.kind is StepKind.PER_DIEM:
            return self._pick(
                self.client.per_diem_compensations(te_id), step, StepKind.PER_DIEM, _per_diem_matches
            )
        if step.kind is StepKind.COST:
            return self._pick(self.client.costs(te_id), step, StepKind.COST, _cost_matches)
        row = self.client.get_travel_expense(te_id, fields=REPORT_FIELDS)
        if step.kind is StepKind.ATTACHMENT:
            index = int(step.key.split(":")[1])
            return int(row.get("attachmentCount") or 0) > index, None
        state = row.get("state")
        self.tx_state = state
        wanted = DELIVERED_STATES if step.kind is StepKind.DELIVER else APPROVED_STATES
        return state in wanted, te_id

    def _pick(
        self,
        rows: list[Json],
        step: PlannedStep,
        kind: StepKind,
        matches: Callable[[Json, PlannedStep], bool],
    ) -> tuple[bool, int | None]:
        claimed = self._claimed(kind)
        candidates = sorted(int(r["id"]) for r in rows if r.get("id") not in claimed and matches(r, step))
        return (True, candidates[0]) if candidates else (False, None)

    def _find_report(self, thorough: bool) -> int | None:
        plan = self.plan
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
            rows = self.client.travel_expenses(employee_id=plan.employee_id, fields=REPORT_FIELDS, **extra)
            ids = sorted(
                int(r["id"])
                for r in rows
                if has_report_marker(r.get("title"), plan.report_id)
                or has_report_marker(
                    (r.get("travelDetails") or {}).get("detailedJourneyDescription"), plan.report_id
                )
            )
            if ids:
                row = next(r for r in rows if int(r["id"]) == ids[0])
                self.number = row.get("number")
                self.tx_state = row.get("state")
                return ids[0]
        return None


def _mileage_matches(row: Json, step: PlannedStep) -> bool:
    body = step.body or {}
    return (
        row.get("date") == body.get("date")
        and _same_amount(row.get("km"), body.get("km"))
        and (row.get("departureLocation") or "") == body.get("departureLocation")
        and (row.get("destination") or "") == body.get("destination")
        and _ref_id(row.get("rateType")) in (None, _ref_id(body.get("rateType")))
    )


def _passenger_supplement_matches(row: Json, step: PlannedStep) -> bool:
    """The leg's content at the supplement's rate type and the sent rate (rate × passengers)."""
    body = step.body or {}
    return _mileage_matches(row, step) and _same_amount(row.get("rate"), body.get("rate"))


def _per_diem_matches(row: Json, step: PlannedStep) -> bool:
    body = step.body or {}
    return (
        row.get("count") == body.get("count")
        and (
            _ref_id(row.get("rateType")) == _ref_id(body.get("rateType"))
            if body.get("rateType")
            else _ref_id(row.get("rateCategory")) == _ref_id(body.get("rateCategory"))
        )
        and (row.get("countryCode") or None) == body.get("countryCode")
        and (row.get("location") or "") == body.get("location")
        and (row.get("overnightAccommodation") or "NONE") == body.get("overnightAccommodation")
        and all(
            bool(row.get(flag)) == bool(body.get(flag))
            for flag in ("isDeductionForBreakfast", "isDeductionForLunch", "isDeductionForDinner")
        )
    )


def _cost_matches(row: Json, step: PlannedStep) -> bool:
    comments = row.get("comments") or ""
    return step.tag is not None and re.search(re.escape(step.tag), comments) is not None


def transfer(
    report: TravelReport,
    plan: TransferPlan,
    client: TravelClient,
    journal: Journal,
    cancel: CancelToken | None = None,
    dry_run: bool = False,
    *,
    read_file: Callable[[str], bytes] = lambda path: Path(path).read_bytes(),
    max_answered_retries: int = 1,
) -> TransferResult:
    """Send `plan` for `report` exactly once (see the module docstring); safe to call again at any time.

    `dry_run=True` writes nothing and reads only the currencies of foreign-currency costs (so the JSON is exact;
    an unknown code raises CurrencyUnknown): the result's `requests` hold the exact JSON, with the journaled
    travel expense id when the report already exists, else a placeholder.
    """
    if plan.report_id != report.id:
        raise ValueError("plan was built for another report")
    if dry_run:
        plan = resolve_currencies(plan, client)
        te_id = journal.state(report.id).travel_expense_id
        return TransferResult(
            "dry_run", te_id, requests=plan.requests(te_id if te_id is not None else NEW_REPORT_ID)
        )
    return _Transfer(plan, client, journal, cancel or CancelToken(), read_file, max_answered_retries).run()
