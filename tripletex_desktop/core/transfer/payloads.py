"""The Tripletex JSON for a travel report: `build_payloads` turns a report into a TransferPlan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from functools import partial

from tripletex_desktop.core.errors import TripletexDesktopError
from tripletex_desktop.core.models import CompanyMapping, RateCategory
from tripletex_desktop.core.perdiem import TWELVE_HOURS
from tripletex_desktop.core.rates import (
    NoRateForDate,
    PerDiemKind,
    RateChoice,
    RateTable,
    mileage_amount,
    normalise_name,
    passenger_supplement_amount,
    passenger_supplement_rate,
    per_diem_amount,
)
from tripletex_desktop.core.transfer.client import CurrencyClient
from tripletex_desktop.core.transfer.markers import line_marker, report_marker
from tripletex_desktop.core.transfer.plan import (
    CurrencyUnknown,
    Json,
    PlanInvalid,
    PlannedStep,
    StepKind,
    TransferPlan,
)
from tripletex_desktop.core.transfer.vat import CostVat
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


def _report_body(report: TravelReport, marker: str, use_rates: bool = True) -> Json:
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
            # without rates every allowance became a cost: the report holds only costs (F15)
            "isCompensationFromRates": use_rates,
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
    vat: CostVat | None = None,
) -> TransferPlan:
    """The Tripletex JSON for `report`; every line's `rateType` is the rate valid on that line's date.

    With `use_rates=False` (the company does not compensate from rates) mileage and per diem become costs
    in the mapped categories, priced from the same rates. An own-car leg with passengers gets a passenger
    supplement (a second mileage line, or added to the mileage cost without rates). Tolls on mileage lines become costs in the
    mapping's ``extra["toll"]`` category. Every cost carries the `vatType` of `vat` (core/transfer/vat.py;
    none when `vat` is None or the company's VAT status is unknown). Raises PlanInvalid with every problem
    found.
    """
    problems = list(validate_report(report))
    if problems:
        raise PlanInvalid(problems)
    assert report.employee_id is not None
    marker = report_marker(report.id)
    steps: list[PlannedStep] = [
        PlannedStep("report", StepKind.REPORT, _report_body(report, marker, use_rates))
    ]
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
            choice = rate_or_problem(partial(rate_lookup.mileage, line.date), field_name)
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
                    partial(rate_lookup.passenger_supplement, line.date), f"{field_name}.passengers"
                )
                if supplement is None:
                    continue
            if use_rates:
                steps.append(
                    PlannedStep(
                        f"mileage:{mileage_index}",
                        StepKind.MILEAGE,
                        _mileage_body(line, choice),
                        field=field_name,
                    )
                )
                if supplement is not None:
                    steps.append(
                        PlannedStep(
                            f"passenger_supplement:{mileage_index}",
                            StepKind.PASSENGER_SUPPLEMENT,
                            _passenger_supplement_body(line, supplement),
                            field=f"{field_name}.passengers",
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
            zone_id: int | None = None
            if report.is_foreign:
                # A foreign per diem needs the rate of the country's zone as `rateType` (a category and a
                # country alone fail at :deliver, «Sats eller satskategori må spesifiseres»), and the zone
                # must be enabled («Country not enabled for travel expense»): refuse to plan it otherwise.
                found = len(problems)
                try:
                    category = rate_lookup.per_diem_category(
                        day, kind, is_foreign=True, override_category_id=line.rate_category_id
                    )
                    _check_per_diem_category(report, line, category, field_name, problems)
                    if len(problems) > found:
                        continue
                    foreign = rate_lookup.foreign_per_diem(
                        day, kind, report.country_code or "", override_category_id=line.rate_category_id
                    )
                except TripletexDesktopError as exc:
                    problems.append(FieldProblem(field_name, exc.code))
                    continue
                choice, zone_id = RateChoice(foreign.category, foreign.rate), foreign.zone.id
            else:
                choice = rate_or_problem(
                    partial(
                        rate_lookup.per_diem,
                        day,
                        kind,
                        is_foreign=False,
                        override_category_id=line.rate_category_id,
                    ),
                    field_name,
                )
                if choice is None:
                    continue
                _check_per_diem_category(report, line, choice.category, field_name, problems)
            if use_rates:
                body = _per_diem_body(report, line, choice.rate.id, choice.category.id, zone_id)
                steps.append(
                    PlannedStep(f"per_diem:{per_diem_index}", StepKind.PER_DIEM, body, field=field_name)
                )
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
        body = {
            "costCategory": _ref(cost.cost_category_id),
            "paymentType": _ref(payment),
            "date": cost.date.isoformat(),
            "amountCurrencyIncVat": _number(cost.amount_incl_vat),
            "comments": f"{cost.comment.strip()} {tag}".strip(),
        }
        vat_type = vat.vat_type_for(cost.cost_category_id) if vat is not None else None
        if vat_type is not None:
            body["vatType"] = _ref(vat_type)
        currency = cost.currency.upper() if cost.currency.upper() != "NOK" else None
        steps.append(
            PlannedStep(f"cost:{n}", StepKind.COST, body, tag=tag, currency=currency, field=field_name)
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


def resolve_currencies(
    plan: TransferPlan, client: CurrencyClient, *, skip: frozenset[str] = frozenset()
) -> TransferPlan:
    """The plan with every foreign-currency cost completed from Tripletex (a read, retried by the client):
    ``currency`` {id} next to the entered ``amountCurrencyIncVat``. No ``amountNOKInclVAT``: Tripletex computes
    the NOK amount from its own rate of the cost's date, and whether its `rate` is per unit or per `factor`
    units (SEK and DKK are quoted per 100) is not documented, so a NOK amount computed here could be off by a
    factor of 100 (REAL-API-EVIDENCE F14). Steps in `skip` (done already) are left as they are. Raises
    CurrencyUnknown when Tripletex has no currency with a cost's code.
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
            problems.append(FieldProblem(f"{step.field or step.key}.currency", "currency_unknown"))
            steps.append(step)
            continue
        resolved: Json = {}
        for name, value in body.items():
            resolved[name] = value
            if name == "date":
                resolved["currency"] = {"id": currency_id}
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
    """The chosen (or pinned) category against the trip and the line, as Tripletex checks it (RATES.md §6).

    The "… over helt døgn (etter overnatting)" categories exist for the rest of an overnight trip, and their
    day-trip/overnight flags were never seen in a trace (REAL-API-EVIDENCE F17): they are not refused on those
    flags, so the common "N nights + a remaining 6-12 h" trip can always be planned.
    """
    after_overnight = "etter overnatting" in normalise_name(category.name)
    if report.is_day_trip and not category.is_valid_day_trip:
        problems.append(FieldProblem(f"{field_name}.rate_category_id", "rate_not_for_day_trip"))
    elif report.is_overnight and not category.is_valid_accommodation and not after_overnight:
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


def _per_diem_body(
    report: TravelReport, line: PerDiemLine, rate_id: int, category_id: int, zone_id: int | None
) -> Json:
    body: Json = {
        "rateType": _ref(rate_id),
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
    if zone_id is not None:
        body["travelExpenseZoneId"] = zone_id
    return body
