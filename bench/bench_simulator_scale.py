"""Benchmark: the simulator at scale (20,000 employees, 100,000 travel expenses), raw httpx in-process.

Run: PYTHONPATH=. .venv/bin/python bench/bench_simulator_scale.py
Reports build time, a full employee pull, a filtered travel expense search (a full scan) and peak RSS.
"""

from __future__ import annotations

import resource
import sys
import time

from tripletex_desktop.simulator import DEMO_CONSUMER_TOKEN, Scale, Simulator


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main() -> int:
    started = time.perf_counter()
    sim = Simulator(scale=Scale(employees=20_000, travel_expenses=100_000, projects=1_000))
    build = time.perf_counter() - started
    with sim.http_client() as client:
        session = client.post(
            "/token/session/:create",
            json={
                "consumerToken": DEMO_CONSUMER_TOKEN,
                "employeeToken": "demo-all",
                "expirationDate": "2999-01-01",
            },
        )
        client.auth = ("0", session.json()["value"]["token"])
        started = time.perf_counter()
        pulled, offset = 0, 0
        while True:
            page = client.get(
                "/employee",
                params={
                    "from": offset,
                    "count": 1000,
                    "fields": "id,version,firstName,lastName,email,department(id)",
                },
            )
            values = page.json()["values"]
            pulled += len(values)
            offset += 1000
            if len(values) < 1000:
                break
        pull = time.perf_counter() - started
        employee = list(sim.company_by_name("Fjordlys").employees)[5]
        started = time.perf_counter()
        found = client.get(
            "/travelExpense",
            params={
                "employeeId": employee,
                "departureDateFrom": "2025-01-01",
                "returnDateTo": "2026-01-01",
                "fields": "id,title,travelDetails(*)",
            },
        ).json()["values"]
        search = time.perf_counter() - started
    print(
        f"build_s={build:.2f} employees={pulled} pull_s={pull:.2f} search_hits={len(found)} "
        f"search_s={search:.2f} peak_rss_mb={peak_rss_mb():.0f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
