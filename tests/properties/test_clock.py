"""The clock at 23:59:59 in Oslo and across daylight-saving changes (injected): the Oslo date is right at
every instant, and a session made just before midnight keeps working after it — no 401 reaches the user."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from tripletex_desktop.core.api import ConnectionTarget, TripletexClient, make_http_client
from tripletex_desktop.core.api.target import oslo_today
from tripletex_desktop.core.models import Environment
from tripletex_desktop.simulator import DEMO_CONSUMER_TOKEN, Simulator

OSLO = ZoneInfo("Europe/Oslo")
#: Instants a second before midnight, and around the 2026 daylight-saving changes (29 March, 25 October).
EDGES = [
    dt.datetime(2026, 3, 28, 23, 59, 59, tzinfo=OSLO),
    dt.datetime(2026, 3, 29, 1, 59, 59, tzinfo=OSLO),
    dt.datetime(2026, 3, 29, 23, 59, 59, tzinfo=OSLO),
    dt.datetime(2026, 10, 24, 23, 59, 59, tzinfo=OSLO),
    dt.datetime(2026, 10, 25, 2, 59, 59, tzinfo=OSLO),
    dt.datetime(2026, 10, 25, 23, 59, 59, tzinfo=OSLO),
    dt.datetime(2026, 12, 31, 23, 59, 59, tzinfo=OSLO),
]
INSTANTS = st.builds(
    lambda edge, seconds: edge.astimezone(dt.UTC) + dt.timedelta(seconds=seconds),
    st.sampled_from(EDGES),
    st.integers(-7200, 7200),
)


@given(instant=INSTANTS)
def test_the_oslo_date_at_any_instant(instant: dt.datetime) -> None:
    # independent of the app: Oslo is UTC+1 in winter, UTC+2 from the last Sunday of March 01:00 UTC
    # to the last Sunday of October 01:00 UTC
    year = instant.year
    start = max(
        d for d in (dt.datetime(year, 3, day, 1, tzinfo=dt.UTC) for day in range(25, 32)) if d.weekday() == 6
    )
    end = max(
        d for d in (dt.datetime(year, 10, day, 1, tzinfo=dt.UTC) for day in range(25, 32)) if d.weekday() == 6
    )
    offset = dt.timedelta(hours=2 if start <= instant < end else 1)
    assert oslo_today(instant) == (instant + offset).date()
    assert oslo_today(instant.astimezone(OSLO)) == oslo_today(instant)


@given(start=INSTANTS, steps=st.lists(st.integers(0, 6 * 3600), min_size=1, max_size=6))
def test_a_session_across_midnight_and_summer_time_never_fails(start: dt.datetime, steps: list[int]) -> None:
    now = [start]
    sim = Simulator(today=lambda: oslo_today(now[0]))
    target = ConnectionTarget.for_environment(Environment.DEMO, DEMO_CONSUMER_TOKEN)
    client = TripletexClient(
        make_http_client(target, transport=sim.transport()),
        target,
        "demo-all",
        today=lambda: oslo_today(now[0]),
        sleep=lambda s: None,
    )
    try:
        for step in [0, *steps]:
            now[0] = now[0] + dt.timedelta(seconds=step)
            assert client.company(0).who_am_i().employee_id
        statuses = [r.status for r in sim.request_log]
        assert 401 not in statuses, statuses
    finally:
        client.close()
