"""Benchmark: pull 20,000 employees through TripletexClient from the in-process simulator.

Run: PYTHONPATH=. .venv/bin/python bench/bench_pull_employees.py [--employees N] [--page-size N]
Targets: < 3 s and < 150 MB peak RSS (the simulator's memory is included: it runs in-process).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time

from tripletex_desktop.core.api import ConnectionTarget, TripletexClient, make_http_client
from tripletex_desktop.core.models import Environment
from tripletex_desktop.simulator import DEMO_CONSUMER_TOKEN, Scale, Simulator

TARGET_SECONDS = 3.0
TARGET_RSS_MB = 150.0


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MB (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=20_000)
    parser.add_argument("--page-size", type=int, default=1000)
    args = parser.parse_args(argv)

    sim = Simulator(scale=Scale(employees=args.employees))
    target = ConnectionTarget.for_environment(Environment.DEMO, DEMO_CONSUMER_TOKEN)
    with make_http_client(target, transport=sim.transport()) as http:
        client = TripletexClient(http, target, "demo-all", page_size=args.page_size)
        client.open_session()
        started = time.perf_counter()
        page = client.company(0).employees()
        seconds = time.perf_counter() - started
        client.close()
    rss = peak_rss_mb()
    count = len(page.values)
    ok = seconds < TARGET_SECONDS and rss < TARGET_RSS_MB and count >= args.employees
    print(
        f"employees={count} requests={client.request_count} seconds={seconds:.2f} peak_rss_mb={rss:.0f} "
        f"targets=<{TARGET_SECONDS:.0f}s,<{TARGET_RSS_MB:.0f}MB {'OK' if ok else 'MISSED'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
