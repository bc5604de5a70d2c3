"""The editor's Suggest for a trip abroad: lines only where the trip country's zone has a rate (else the
message of the zone), and the amount shown is that zone's rate, as Tripletex pays it."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from tests.support.reports import World, trip
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.errors import TripletexDesktopError
from tripletex_desktop.core.transfer import report_marker
from tripletex_desktop.core.travel import PerDiemLine, TravelReport
from tripletex_desktop.services.reports import ReportsBackend


def abroad(world: World, country: str) -> TravelReport:
    report = trip(world, title=f"Messe {country}")
    lines = tuple(line for line in report.lines if not isinstance(line, PerDiemLine))
    return dataclasses.replace(
        report,
        is_foreign=True,
        country_code=country,
        destination="Utlandet",
        departure_at=dt.datetime(2026, 11, 2, 7, 0),
        return_at=dt.datetime(2026, 11, 4, 19, 0),
        lines=lines,
    )


@pytest.mark.parametrize(("country", "code"), [("FR", "zone_missing"), ("IS", "zone_rate_missing")])
def test_suggest_says_why_when_the_countrys_zone_has_no_rate(
    backend: ReportsBackend, world: World, country: str, code: str
) -> None:
    with pytest.raises(TripletexDesktopError) as raised:
        backend.suggest_per_diem(abroad(world, country))
    assert getattr(raised.value, "code", None) == code


def test_suggest_for_germany_is_shown_and_paid_at_germanys_rate(
    backend: ReportsBackend, world: World
) -> None:
    report = abroad(world, "DE")
    suggested = dataclasses.replace(report, lines=report.lines + backend.suggest_per_diem(report))
    assert [p.count for p in suggested.per_diem_lines] == [2, 1]
    shown = backend.price(suggested).per_diem
    backend.save_draft(suggested)
    backend.approve(suggested.id)
    assert backend.send(suggested.id, CancelToken()).state == "sent"
    [created] = world.with_marker(report_marker(suggested.id))
    paid = world.lines_of("per_diem_compensations", created["id"])
    assert {p["countryCode"] for p in paid} == {"DE"}
    assert shown == sum(p["amount"] for p in paid)
