"""The app's price of a draft (reports_backend.amount) includes the passenger supplement of own-car legs."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.core.travel_fixtures import rate_table
from tripletex_desktop.core.travel import MileageLine, TravelReport
from tripletex_desktop.services.reports import ReferenceData, ReportsBackend
from tripletex_desktop.storage.db import Database
from tripletex_desktop.storage.reports import ReportStore


@pytest.fixture
def backend(tmp_path: Path) -> Iterator[Any]:
    database = Database.open(tmp_path / "db.sqlite3")
    yield ReportsBackend(
        ReportStore(database), database, connection_id="c1", companies=[], client_factory=_no_client
    )
    database.close()


def _no_client(_cancel: Any) -> Any:
    raise AssertionError("pricing a draft needs no Tripletex client")


def _report(*lines: MileageLine) -> TravelReport:
    return TravelReport(
        connection_id="c1",
        company_id=9,
        employee_id=5,
        title="Messe",
        purpose="Stand",
        departure_at=dt.datetime(2026, 3, 2, 8),
        return_at=dt.datetime(2026, 3, 2, 18),
        departure_from="Oslo",
        destination="Lillestrøm",
        lines=lines,
    )


def test_amount_adds_km_times_passenger_rate_times_passengers(backend: Any) -> None:
    ref = ReferenceData(rate_table=rate_table())
    leg = MileageLine(dt.date(2026, 3, 2), "Oslo", "Lillestrøm", Decimal(60))
    assert backend.amount(_report(leg), ref) == Decimal("318.00")  # 60 × 5.30
    with_two = dataclasses.replace(leg, passengers=2)
    assert backend.amount(_report(with_two), ref) == Decimal("438.00")  # + 60 × 1.00 × 2
    company_car = dataclasses.replace(with_two, is_company_car=True)
    assert backend.amount(_report(company_car), ref) == Decimal("318.00")  # no supplement in a company car


def test_amount_without_a_passenger_rate_still_prices_the_car(backend: Any) -> None:
    table = rate_table()
    no_supplement = type(table)(
        tuple(c for c in table.categories if c.name != "Bil - passasjertillegg"), table.rates
    )
    leg = MileageLine(dt.date(2026, 3, 2), "Oslo", "Lillestrøm", Decimal(60), passengers=2)
    assert backend.amount(_report(leg), ReferenceData(rate_table=no_supplement)) == Decimal("318.00")
