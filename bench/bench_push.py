"""Benchmark: sending queued travel reports — reports per second and requests per report.

Run: PYTHONPATH=. .venv/bin/python bench/bench_push.py [--reports 40] [--rtt 20]
The simulator and the delaying proxy (bench/latency_proxy.py) run in child processes. Reports (two mileage legs,
per diem with a hotel night, two costs; no receipts) are saved, approved and queued through the app's reports
backend, then one `sync` run (the app's runner: pull, then the outbox) sends them. The reference, measured in
the same run right after, is the same sync with an empty outbox: the push is the difference, in time and in
requests. No target (issue 14 asks for the figures).
Prints one JSON line last: {"figures": [...]}.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from bench.bench_accountant_sync import ROOT, Recorder, child, stop
from tripletex_desktop.app.context import build_context
from tripletex_desktop.app.environment import CONSUMER_TOKEN_ENV
from tripletex_desktop.core.api import TripletexClient
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.travel import (
    Accommodation,
    CostLine,
    MileageLine,
    PerDiemLine,
    ReportKind,
    TravelReport,
)
from tripletex_desktop.services.reports import outbox_pusher_for, reports_backend_for
from tripletex_desktop.services.sync import make_sync_runner
from tripletex_desktop.storage.secrets import SessionOnlyTokenStore
from tripletex_desktop.storage.settings import CompanySettings, ConnectionSettings, Settings, SyncOptions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=40)
    parser.add_argument("--rtt", type=float, default=20.0)
    args = parser.parse_args(argv)
    os.environ[CONSUMER_TOKEN_ENV] = "demo-consumer"
    sim, m = child(
        [sys.executable, "-m", "tripletex_desktop", "simulator", "--port", "0"],
        r"http://127\.0\.0\.1:(\d+)/v2",
    )
    proxy, p = child(
        [
            sys.executable,
            str(ROOT / "bench" / "latency_proxy.py"),
            "--target",
            m.group(1),
            "--rtt",
            str(args.rtt),
        ],
        r"proxy port (\d+)",
    )
    try:
        with tempfile.TemporaryDirectory() as tmp:
            context = build_context(Path(tmp), token_store=SessionOnlyTokenStore())
            base_url = f"http://127.0.0.1:{p.group(1)}/v2"
            probe = context.make_client(
                context.target_for(ConnectionSettings("x", "x", "custom", base_url)), "demo-all"
            )
            company_id = probe.who_am_i().company_id
            probe.close()
            conn = ConnectionSettings(
                id="push",
                label="Fjordlys",
                environment="custom",
                base_url=base_url,
                companies=[CompanySettings(id=company_id, name="Fjordlys Reiser AS")],
                sync=SyncOptions(interval="manual", deliver_reports=True),
            )
            context.settings = Settings(connections=[conn])
            context.token_store.set("push", "demo-all")
            recorder = Recorder()
            plain_make_client = context.make_client

            def make_client(target: Any, token: str, cancel: Any = None) -> TripletexClient:
                client = plain_make_client(target, token, cancel)
                client._http.event_hooks["request"].append(recorder.hook)
                return client

            context.make_client = make_client  # type: ignore[method-assign]
            run = make_sync_runner(context, pusher_for=outbox_pusher_for(context))
            run("push", CancelToken(), lambda e: None)  # the lists the reports are made from
            cats = {
                r.label: r.tripletex_id
                for r in context.db.list_reference("push", company_id, "cost_category")
            }
            pays = {
                r.label: r.tripletex_id for r in context.db.list_reference("push", company_id, "payment_type")
            }
            conn.companies = [
                dataclasses.replace(
                    conn.companies[0],
                    mileage_cost_category_id=cats["Bilgodtgjørelse"],
                    per_diem_cost_category_id=cats["Diett"],
                    payment_type_id=pays["Privat utlegg"],
                )
            ]
            backend = reports_backend_for(context, conn)
            reference = backend.reference(company_id)
            employee = reference.employees[0].id
            year = context.today().year
            for n in range(args.reports):
                start = dt.date(year, 1, 5) + dt.timedelta(days=n % 300)
                report = TravelReport(
                    connection_id="push",
                    company_id=company_id,
                    employee_id=employee,
                    title=f"Bench {n:03d} Bergen",
                    departure_at=dt.datetime.combine(start, dt.time(8)),
                    return_at=dt.datetime.combine(start + dt.timedelta(days=1), dt.time(18)),
                    purpose="Kundebesøk",
                    departure_from="Oslo",
                    destination="Bergen",
                    is_day_trip=False,
                    kind=ReportKind.TRAVEL,
                    lines=(
                        MileageLine(start, "Oslo", "Bergen", Decimal("120.5")),
                        MileageLine(start + dt.timedelta(days=1), "Bergen", "Oslo", Decimal("120.5")),
                        PerDiemLine(1, start, accommodation=Accommodation.HOTEL),
                        CostLine(
                            start, cats["Taxi"], Decimal("389.00"), pays["Privat utlegg"], comment="Taxi"
                        ),
                        CostLine(
                            start, cats["Parkering"], Decimal("120.00"), pays["Privat utlegg"], comment="P"
                        ),
                    ),
                )
                backend.save_draft(report)
                backend.approve(report.id)
                backend.store.queue(report.id)
            first = len(recorder.requests)
            started = time.perf_counter()
            report = run("push", CancelToken(), lambda e: None)
            with_push = time.perf_counter() - started
            middle = len(recorder.requests)
            started = time.perf_counter()
            run("push", CancelToken(), lambda e: None)
            without = time.perf_counter() - started
            last = len(recorder.requests)
            sent = sum(c.push.sent for c in report.companies)
            push_s = max(1e-9, with_push - without)
            push_requests = (middle - first) - (last - middle)
            context.close()
    finally:
        stop(proxy)
        stop(sim)
    figures = [
        {
            "name": f"push throughput, RTT {args.rtt:g} ms",
            "value": round(sent / push_s, 2),
            "unit": "reports/s",
            "reference": None,
            "ratio": None,
            "target": "",
            "met": None,
            "sent": sent,
            "queued": args.reports,
            "push_seconds": round(push_s, 2),
            "sync_without_push_seconds": round(without, 2),
        },
        {
            "name": "requests per report sent",
            "value": round(push_requests / max(1, sent), 1),
            "unit": "",
            "reference": None,
            "ratio": None,
            "target": "",
            "met": None,
            "lines_per_report": 5,
        },
    ]
    print(json.dumps({"figures": figures}))
    return 0 if sent == args.reports else 1


if __name__ == "__main__":
    raise SystemExit(main())
