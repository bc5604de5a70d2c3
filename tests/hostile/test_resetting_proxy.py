"""Connections that are reset (a TCP RST) under a real `tripletex-desktop sync`: a proxy (HTTP_PROXY) that resets
every connection, and a proxy in front of Tripletex that resets single writes before they reach it and after they
committed.

Every connection reset: the sync says Tripletex could not be reached, in the user's language, and the report waits;
without the proxy, the next sync sends it once. Writes reset one by one: the same sync finds what committed, writes
again what did not (the grace period is set to zero: this proxy never lets a reset request through later), and
Tripletex ends with the report exactly once.
"""

from __future__ import annotations

import pytest

from tests.soak.proxy import FaultPlan, FaultProxy
from tests.support.hostile import (
    AppHome,
    ResettingListener,
    Served,
    point_at,
    queue_report,
    travel_expenses_with,
)
from tripletex_desktop.cli.texts import Texts
from tripletex_desktop.core.transfer.timing import CLIENT_LIMIT_ENV, SERVER_LIMIT_ENV

pytestmark = [pytest.mark.loopback, pytest.mark.hostile]


def test_a_proxy_that_resets_every_connection_is_said_and_the_report_waits(
    served: Served, home: AppHome
) -> None:
    """The sync retries (its back-off is real: about half a minute) and then says so."""
    report_id = queue_report(home)
    proxy = ResettingListener()
    try:
        refused = home.run("sync", lang="nb", env=home.env("nb", HTTP_PROXY=proxy.url, http_proxy=proxy.url))
    finally:
        proxy.close()
    refused.assert_clean()
    assert proxy.accepted > 1  # the app went through the proxy, and tried again
    assert refused.code == 1, refused.output
    assert Texts("nb", "sync").error("network") in refused.output, refused.output
    assert home.outbox()[report_id][0] in ("queued", "unknown")  # waiting, never failed
    assert travel_expenses_with(served.sim, home.company_id, report_id) == []
    direct = home.run("sync", lang="en")  # the next scheduled sync, without that proxy
    assert direct.code in (0, 2), direct.output
    assert home.outbox()[report_id] == ("sent", None)
    assert len(travel_expenses_with(served.sim, home.company_id, report_id)) == 1


class ResetWrites(FaultPlan):
    """Resets the n-th writes under /travelExpense as scripted (None: let it through)."""

    def __init__(self, *script: str | None) -> None:
        super().__init__(seed=1)
        self.script = list(script)

    def choose(self, method: str, path: str) -> tuple[str | None, str | None, float]:
        if method != "GET" and path.startswith("/v2/travelExpense") and self.script:
            return self.script.pop(0), None, 0.0
        return None, None, 0.0


def test_writes_reset_before_and_after_they_commit_end_in_tripletex_exactly_once(
    served: Served, home: AppHome
) -> None:
    report_id = queue_report(home)
    # the report's create commits and is reset; the mileage line is reset before it arrives; the per diem passes;
    # the taxi commits and is reset; deliver is reset before it arrives
    plan = ResetWrites("reset_after", "reset_before", None, "reset_after", "reset_before")
    proxy = FaultProxy(served.base_url.rsplit("/v2", 1)[0], plan)
    try:
        point_at(home, proxy.base_url)
        env = home.env("nb", **{CLIENT_LIMIT_ENV: "0", SERVER_LIMIT_ENV: "0"})
        synced = home.run("sync", lang="nb", env=env)
    finally:
        proxy.close()
    synced.assert_clean()
    assert proxy.stats.faults == {"reset_after": 2, "reset_before": 2}
    assert synced.code in (0, 2), synced.output
    assert home.outbox()[report_id] == ("sent", None)
    (row,) = travel_expenses_with(served.sim, home.company_id, report_id)
    assert row["state"] == "DELIVERED"
    data = served.sim.company(home.company_id)
    for table in ("mileage_allowances", "per_diem_compensations", "costs"):
        lines = [
            r for r in data.table(table).values() if (r.get("travelExpense") or {}).get("id") == row["id"]
        ]
        assert len(lines) == 1, (table, lines)
