"""Benchmark: the wizard's companies page with 500 client companies (fill, then filter per keystroke).

Run: PYTHONPATH=. QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_companies_page.py [--companies N]
Targets: the page fills (model reset + first layout and paint) in < 1 s; filtering < 50 ms a keystroke.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from tripletex_desktop.core.models import ClientCompany  # noqa: E402
from tripletex_desktop.services.wizard import WizardDraft  # noqa: E402
from tripletex_desktop.ui.wizard.base import WizardContext  # noqa: E402
from tripletex_desktop.ui.wizard.companies import CompaniesPage  # noqa: E402

TARGET_FILL_S = 1.0
TARGET_KEYSTROKE_MS = 50.0
WORDS = [
    "Fjord",
    "Nord",
    "Sør",
    "Vest",
    "Øst",
    "Bakeri",
    "Rørlegger",
    "Regnskap",
    "Bygg",
    "Transport",
    "Reiser",
    "Elektro",
    "Maling",
    "Consulting",
    "Eiendom",
    "Tannlege",
    "Frisør",
    "Fisk",
    "Skog",
    "Data",
]


def companies(n: int) -> tuple[ClientCompany, ...]:
    rnd = random.Random(42)
    out = []
    for i in range(n):
        name = f"{rnd.choice(WORDS)} {rnd.choice(WORDS).lower()} {rnd.choice(['AS', 'ENK', 'DA', 'SA'])} {i}"
        out.append(
            ClientCompany(id=100_000 + i, name=name, organization_number=f"9{rnd.randrange(10**7, 10**8)}")
        )
    return tuple(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=500)
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    draft = WizardDraft(is_accountant=True, companies=companies(args.companies))
    page = CompaniesPage(WizardContext(draft=draft, backend=None))
    page.resize(760, 480)
    page.show()
    app.processEvents()

    started = time.perf_counter()
    page.initializePage()
    page.table.viewport().repaint()
    app.processEvents()
    fill = time.perf_counter() - started

    timings = []
    for text in (
        "f",
        "fj",
        "fjo",
        "fjor",
        "fjord",
        "fjor",
        "fjo",
        "fj",
        "f",
        "",
        "9",
        "91",
        "912",
        "rør",
        "regn",
    ):
        t0 = time.perf_counter()
        page.search.setText(text)
        page.table.viewport().repaint()
        app.processEvents()
        timings.append((time.perf_counter() - t0) * 1000)
    worst = max(timings)
    if os.environ.get("BENCH_VERBOSE"):
        print([round(t, 1) for t in timings])
    ok = fill < TARGET_FILL_S and worst < TARGET_KEYSTROKE_MS
    print(
        f"companies={args.companies} fill_ms={fill * 1000:.1f} keystroke_median_ms={statistics.median(timings):.2f} "
        f"keystroke_worst_ms={worst:.2f} targets=<{TARGET_FILL_S * 1000:.0f}ms,<{TARGET_KEYSTROKE_MS:.0f}ms "
        f"{'OK' if ok else 'TOO SLOW'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
