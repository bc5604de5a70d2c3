"""Benchmark: read and plan a 50,000-row driving log / travel list (CSV cp1252 and XLSX) with core.importing.

Run: PYTHONPATH=. .venv/bin/python bench/bench_import.py [--rows N] [--format csv|xlsx|both]
Targets: CSV < 10 s, XLSX < 40 s, < 400 MB peak RSS (the file, the table and the plan are all in memory).
What the import dialog runs through run_task (read, then plan), with 200 employees and 10 known rows per
employee from an earlier import, so the grouping also looks for trips imported before.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import tempfile
import time
import uuid
from pathlib import Path

from tripletex_desktop.core.importing import (
    Grouping,
    ImportContext,
    ImportOptions,
    KnownImports,
    KnownRow,
    plan_import,
    read_table,
)
from tripletex_desktop.core.models import CostCategory, Employee

TARGETS = {"csv": 10.0, "xlsx": 40.0}
TARGET_RSS_MB = 400.0
HEADER = [
    "Reise",
    "Ansatt",
    "Dato",
    "Fra kl",
    "Til kl",
    "Fra",
    "Til",
    "Antall km",
    "Formål",
    "Kostnadstype",
    "Beløp",
]


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MB (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def rows(count: int) -> list[list[object]]:
    """Trips of two legs and a parking cost, spread over 200 employees and 2026."""
    out: list[list[object]] = []
    start = dt.date(2026, 1, 1)
    n = 0
    while len(out) < count:
        employee = 1000 + n % 200
        day = start + dt.timedelta(days=(n // 200) % 360)
        key = f"T{n}"
        out.append(
            [key, employee, day, dt.time(7, 30), None, "Oslo", "Drammen", 41.5, "Kundebesøk", None, None]
        )
        out.append(
            [key, employee, day, None, dt.time(15, 0), "Drammen", "Oslo", 41.5, "Kundebesøk", None, None]
        )
        out.append([key, employee, day, None, None, None, None, None, None, "Parkering", 120.0])
        n += 1
    return out[:count]


def text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", ",")
    return str(value)


def write(folder: Path, kind: str, data: list[list[object]]) -> Path:
    if kind == "csv":
        path = folder / "liste.csv"
        lines = [";".join(HEADER), *(";".join(text(v) for v in row) for row in data)]
        path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
        return path
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Reiser")
    sheet.append(HEADER)
    for row in data:
        sheet.append([dt.datetime.combine(v, dt.time()) if type(v) is dt.date else v for v in row])
    path = folder / "liste.xlsx"
    workbook.save(path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--format", choices=("csv", "xlsx", "both"), default="both")
    args = parser.parse_args(argv)
    employees = tuple(Employee(i, "Ansatt", str(i), employee_number=str(1000 + i)) for i in range(200))
    known = KnownImports.of(
        KnownRow(
            f"old{i}-{j}",
            uuid.uuid4(),
            i,
            None,
            dt.datetime(2025, 6, 1 + j, 8),
            dt.datetime(2025, 6, 1 + j, 16),
        )
        for i in range(200)
        for j in range(10)
    )
    context = ImportContext("c", 1, employees, (CostCategory(1, "Parkering"),), known=known)
    data = rows(args.rows)
    results = []
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        for kind in ("csv", "xlsx") if args.format == "both" else (args.format,):
            path = write(Path(tmp), kind, data)
            started = time.perf_counter()
            table = read_table(path)
            read_s = time.perf_counter() - started
            preview = plan_import(table, context, ImportOptions())
            total_s = time.perf_counter() - started
            monthly = time.perf_counter()
            plan_import(table, context, ImportOptions(grouping=Grouping.MONTHLY))
            monthly_s = time.perf_counter() - monthly
            good = total_s < TARGETS[kind] and preview.ok and len(preview.reports) == -(-args.rows // 3)
            ok &= good
            results.append(
                f"{kind}: rows={len(table.rows)} reports={len(preview.reports)} read={read_s:.1f}s "
                f"read+plan={total_s:.1f}s replan_monthly={monthly_s:.1f}s"
            )
    rss = peak_rss_mb()
    ok &= rss < TARGET_RSS_MB
    print(
        f"{'; '.join(results)} peak_rss_mb={rss:.0f} targets=csv<{TARGETS['csv']:.0f}s,xlsx<{TARGETS['xlsx']:.0f}s,"
        f"<{TARGET_RSS_MB:.0f}MB {'OK' if ok else 'MISSED'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
