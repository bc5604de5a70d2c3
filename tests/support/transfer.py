"""A travel report and mapping for the transfer plan tests (core.transfer.build_payloads and its refusals)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from decimal import Decimal

from tripletex_desktop.core.models import CompanyMapping
from tripletex_desktop.core.rates import PerDiemKind
from tripletex_desktop.core.travel import Accommodation, CostLine, MileageLine, PerDiemLine, TravelReport

RID = uuid.UUID("1234abcd-0000-4000-8000-000000000001")
MAPPING = CompanyMapping(
    9, mileage_cost_category_id=71, per_diem_cost_category_id=72, payment_type_id=80, extra={"toll": 75}
)


def make_report(**changes: object) -> TravelReport:
    """An overnight fair trip with a mileage (and toll), a per diem and a hotel cost line; `changes` replace fields."""
    report = TravelReport(
        connection_id="c1",
        company_id=9,
        employee_id=5,
        title="Messe",
        purpose="Stand på messe",
        departure_at=dt.datetime(2026, 3, 2, 8, 0),
        return_at=dt.datetime(2026, 3, 4, 18, 30),
        departure_from="Oslo",
        destination="Lillestrøm",
        is_day_trip=False,
        project_id=11,
        department_id=12,
        id=RID,
        lines=(
            MileageLine(dt.date(2026, 3, 2), "Oslo", "Lillestrøm", Decimal("21.5"), toll_cost=Decimal("44")),
            PerDiemLine(
                count=2,
                kind=PerDiemKind.OVERNIGHT,
                accommodation=Accommodation.HOTEL,
                breakfast_deduction=True,
            ),
            CostLine(
                dt.date(2026, 3, 3), 73, Decimal("1890.50"), comment="Hotell", receipt_path="/tmp/hotell.pdf"
            ),
        ),
    )
    return dataclasses.replace(report, **changes)  # type: ignore[arg-type]
