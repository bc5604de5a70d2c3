"""Run every benchmark in bench/ and write their closing lines to bench/results.txt."""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = [
    "bench_pull_employees.py",
    "bench_simulator_scale.py",
    "bench_companies_page.py",
    "bench_sync_gui.py",
    "bench_import.py",
]


def main() -> int:
    """Run each benchmark in its own process (peak RSS is per process) and record the last line."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(HERE.parent))
    lines = [
        f"# {dt.datetime.now().isoformat(timespec='seconds')} {platform.platform()} {os.cpu_count()} cpus"
    ]
    failed = 0
    for name in BENCHES:
        proc = subprocess.run([sys.executable, str(HERE / name)], capture_output=True, text=True, env=env)
        last = (proc.stdout.strip().splitlines() or ["(no output)"])[-1]
        failed += proc.returncode != 0
        lines.append(f"{name}: {last}")
        print(lines[-1], flush=True)
    (HERE / "results.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
