"""Run every benchmark against its reference in the same run; write bench/results.json; regenerate the tables.

Run: `python3 dev.py bench` (sets up the environment, builds the bundle for the frozen start-up, then this), or
`.venv/bin/python bench/run_all.py [--only NAME ...] [--quick] [--render]`. Each benchmark runs in its own
process (peak memory is its own) and measures its own reference in the same process run, interleaved or side by
side (each benchmark's docstring says how). The results (commit, machine, load, each figure, its reference, the
ratio and the target) go to bench/results.json; the README's benchmark table and bench/README.md are rendered
from that file (`--render` renders again without running anything). Targets live here and in bench/, never in
the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results.json"
README = ROOT / "README.md"
BENCH_README = HERE / "README.md"
START, END = "<!-- bench:start (bench/run_all.py writes this) -->", "<!-- bench:end -->"


@dataclass(frozen=True)
class Bench:
    """One benchmark script, what it measures and how run_all runs it."""

    script: str
    what: str
    args: tuple[str, ...] = ()
    quick_args: tuple[str, ...] = ()
    display: bool = False  # under xvfb-run -a (a real X server) when it exists
    frozen: bool = False  # needs dist/TripletexDesktop (python3 dev.py bundle)
    notes: dict[str, str] = field(default_factory=dict)


BENCHES = [
    Bench(
        "bench_startup.py",
        "process start to the first painted window (main window, then the wizard, on an empty home), app vs a "
        "bare PySide6 window, alternating runs, from source with cached bytecode and frozen",
        args=("--frozen",),
        quick_args=("--runs", "5"),
        display=True,
        frozen=True,
    ),
    Bench(
        "bench_sync_gui.py",
        "the main window while a 20,000-employee company syncs over loopback: longest gap and p99 of a 10 ms "
        "timer on the GUI thread, against the same timer with the window idle",
    ),
    Bench(
        "bench_accountant_sync.py",
        "an accountant's 300 clients × 30 employees: first sync and unchanged re-sync through a delaying proxy "
        "(RTT 20 and 80 ms), against the latency bound of the data and a plain sequential client",
        quick_args=("--clients", "60", "--rtt", "20"),
    ),
    Bench("bench_push.py", "sending queued travel reports: reports per second and requests per report"),
    Bench("bench_pull_employees.py", "pull 20,000 employees through TripletexClient (in-process simulator)"),
    Bench("bench_companies_page.py", "the wizard's companies page with 500 clients: fill, then filter"),
    Bench(
        "bench_simulator_scale.py", "the simulator with 20,000 employees and 100,000 travel expenses (sizing)"
    ),
    Bench("bench_import.py", "read and plan a 50,000-row travel list as CSV and XLSX"),
]


def load_average() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()


def legacy_figures(name: str, line: str) -> list[dict[str, Any]]:
    """A benchmark that prints `key=value … targets=… OK|MISSED`: one figure holding that line."""
    met = True if line.endswith(" OK") else False if line.endswith(" MISSED") else None
    return [
        {"name": name, "value": line, "unit": "", "reference": None, "ratio": None, "target": "", "met": met}
    ]


def run_one(bench: Bench, quick: bool) -> dict[str, Any]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    cmd = [sys.executable, str(HERE / bench.script), *(bench.quick_args if quick else bench.args)]
    if bench.frozen and not (ROOT / "dist" / "TripletexDesktop" / "TripletexDesktop").exists():
        cmd = [c for c in cmd if c != "--frozen"]
    if bench.display and shutil.which("xvfb-run"):
        cmd = ["xvfb-run", "-a", "-s", "-screen 0 1366x768x24", *cmd]
        env.pop("QT_QPA_PLATFORM", None)
    else:
        env["QT_QPA_PLATFORM"] = "offscreen"
    started = time.monotonic()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
    lines = proc.stdout.strip().splitlines() or ["(no output)"]
    try:
        figures = json.loads(lines[-1])["figures"]
    except (ValueError, KeyError, TypeError):
        figures = legacy_figures(bench.script, lines[-1])
    return {
        "script": bench.script,
        "commit": git("rev-parse", "HEAD"),
        "what": bench.what,
        "command": " ".join(
            ["python3", f"bench/{bench.script}", *cmd[cmd.index(str(HERE / bench.script)) + 1 :]]
        ),
        "seconds": round(time.monotonic() - started, 1),
        "returncode": proc.returncode,
        "figures": figures,
        "stderr_tail": proc.stderr.strip().splitlines()[-3:] if proc.returncode else [],
    }


def cell(value: Any, unit: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and unit in ("s",):
        return f"{value:.2f} {unit}"
    return f"{value} {unit}".strip()


def table(results: dict[str, Any]) -> str:
    rows = ["| figure | measured | reference | ratio | target | met |", "|---|---|---|---|---|---|"]
    for bench in results["benchmarks"]:
        for f in bench["figures"]:
            ratio = "" if f.get("ratio") is None else f"{f['ratio']}×"
            met = {True: "yes", False: "**no**", None: ""}[f.get("met")]
            note = f" — {f['why']}" if f.get("why") else ""
            rows.append(
                f"| {f['name']} | {cell(f.get('value'), f.get('unit', ''))} | "
                f"{cell(f.get('reference'), f.get('unit', ''))} | {ratio} | {f.get('target', '')} | {met}{note} |"
            )
    return "\n".join(rows)


def header(results: dict[str, Any]) -> str:
    m = results["machine"]
    older = sorted(
        {
            b["commit"][:10]
            for b in results["benchmarks"]
            if b.get("commit", results["commit"]) != results["commit"]
        }
    )
    also = f" (some benchmarks from an earlier run on {', '.join(f'`{c}`' for c in older)})" if older else ""
    return (
        f"Commit `{results['commit'][:10]}`{' (with local changes)' if results.get('dirty') else ''}{also}, "
        f"{results['date']}, {m['cpus']} CPUs, {m['platform']}, Python {m['python']}; load average "
        f"{m['load_before']} before, {m['load_after']} after (a shared machine: compare the ratios, each "
        f"measured against its reference in the same run). Rerun: `python3 dev.py bench`."
    )


def render(results: dict[str, Any]) -> None:
    """The README's benchmark table and bench/README.md, from results.json."""
    block = f"{START}\n{header(results)}\n\n{table(results)}\n{END}"
    text = README.read_text(encoding="utf-8")
    if START in text:
        text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _m: block, text, flags=re.S)
    else:
        text = text.replace("## Benchmarks\n", f"## Benchmarks\n\n{block}\n", 1)
    README.write_text(text, encoding="utf-8")
    lines = [
        "# Benchmarks",
        "",
        "Speed and memory targets live here, never in the test suite (tests never time anything). One command runs",
        "them all, each against its reference in the same run: `python3 dev.py bench` (or `.venv/bin/python",
        "bench/run_all.py`; `--only bench_startup.py`, `--quick` for smaller inputs, `--render` to redraw this page",
        "and the README's table from `results.json` without running). This page is generated from `results.json`.",
        "",
        "| benchmark | what it measures | command | took |",
        "|---|---|---|---|",
    ]
    lines.extend(
        f"| `{bench['script']}` | {bench['what']} | `{bench['command']}` | {bench['seconds']} s |"
        for bench in results["benchmarks"]
    )
    lines += ["", "## Figures", "", header(results), "", table(results), "", NOTES]
    BENCH_README.write_text("\n".join(lines) + "\n", encoding="utf-8")


NOTES = """## How the references are measured

- **Start-up**: spawn → first `QEvent.Paint` of a top-level window, printed by the app on
  `$TRIPLETEX_DESKTOP_STARTUP_PROBE` and by `bench/bare_window.py`; app and bare window alternate, the ratio is
  the median of the pairs. Frozen: `dist/TripletexDesktop` (`python3 dev.py bundle`) against the bare window
  frozen with the same `build.spec` (`TDK_ENTRY=bench/bare_window.py`, into `build/bench/bare`).
- **GUI stall**: a 10 ms QTimer on the GUI thread; the reference is the same timer with the window idle.
- **Accountant**: the simulator (`tripletex-desktop simulator --scale-clients 300 --employees-per-client 30`)
  and `bench/latency_proxy.py` (half the RTT each way, per byte, on loopback) run in child processes. The latency
  bound is (⌈needed requests ÷ ceiling⌉ + 1) × RTT: every stored list's pages and the session, the ceiling of
  requests in flight, no local work. The sequential client is plain httpx replaying a uniform sample of the
  run's own requests one after the other (its time per request × the run's request count).
- **Push**: reports queued in the outbox, sent by the sync's push step to the in-process simulator.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--only", nargs="+", help="run only these scripts (the others keep their last results)"
    )
    parser.add_argument("--quick", action="store_true", help="smaller inputs (not for the published figures)")
    parser.add_argument("--render", action="store_true", help="only render the tables from results.json")
    args = parser.parse_args(argv)
    if args.render:
        render(json.loads(RESULTS.read_text(encoding="utf-8")))
        return 0
    previous = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() and args.only else None
    load_before = load_average()
    done: list[dict[str, Any]] = []
    for bench in BENCHES:
        if args.only and bench.script not in args.only:
            old = next(
                (b for b in (previous or {}).get("benchmarks", []) if b["script"] == bench.script), None
            )
            if old is not None:
                done.append(old)
            continue
        result = run_one(bench, args.quick)
        done.append(result)
        for f in result["figures"]:
            print(
                f"{bench.script}: {f['name']}: {f.get('value')} {f.get('unit', '')} "
                f"(reference {f.get('reference')}, ratio {f.get('ratio')}, target {f.get('target')}, "
                f"met {f.get('met')})",
                flush=True,
            )
    results = {
        "commit": git("rev-parse", "HEAD"),
        "dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "quick": args.quick,
        "machine": {
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_before": load_before,
            "load_after": load_average(),
        },
        "benchmarks": done,
    }
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    render(results)
    failed = [b["script"] for b in done if b["returncode"] not in (0, 1)]
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
