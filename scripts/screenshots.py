"""Render the setup wizard and the main window (after a real demo sync) in nb and en into docs/screenshots/.

Wizard pages go to wizard-<page>-<lang>.png; the main window's views (overview, synced data, history, a token
error, travel reports, the report editor and the import dialog) to main-<view>-<lang>.png.
Run under a real X server, e.g.:  Xvfb :99 & DISPLAY=:99 QT_QPA_PLATFORM=xcb python scripts/screenshots.py
With no DISPLAY the script starts its own Xvfb when one is installed.
Options: --scale 2 (QT_SCALE_FACTOR, files get a -200 suffix), --out DIR, --langs nb,en, --only wizard|main.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    """Render the pages."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--langs", default="nb,en")
    parser.add_argument("--only", choices=("wizard", "main"), default=None)
    args = parser.parse_args(argv)
    with _display():
        return _render(args)


@contextmanager
def _display() -> Iterator[None]:
    """Use $DISPLAY, or start a private Xvfb for the run when there is none."""
    xvfb = shutil.which("Xvfb")
    if os.environ.get("DISPLAY") or os.environ.get("QT_QPA_PLATFORM") == "offscreen" or xvfb is None:
        yield
        return
    display = f":{90 + os.getpid() % 9}"
    proc = subprocess.Popen([xvfb, display, "-screen", "0", "1400x900x24", "-nolisten", "tcp"])  # noqa: S603
    os.environ["DISPLAY"] = display
    time.sleep(1.0)  # let the server open its socket (a script, not a test)
    try:
        yield
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _render(args: argparse.Namespace) -> int:
    """Render the wizard pages and the main window's views."""
    if args.scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = f"{args.scale:g}"
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"  # never the real keychain

    from PySide6.QtWidgets import QApplication

    from tools import i18n as i18n_tool
    from tripletex_desktop.core.api import TripletexClient, make_http_client
    from tripletex_desktop.services.wizard import WizardBackend
    from tripletex_desktop.simulator import Simulator
    from tripletex_desktop.ui import i18n
    from tripletex_desktop.ui.style import install_style
    from tripletex_desktop.ui.wizard import SetupWizard
    from tripletex_desktop.workers.tasks import SyncRunner

    app = QApplication.instance() or QApplication([])
    install_style(app)
    qm_dir = Path(tempfile.mkdtemp(prefix="qm-"))
    i18n_tool.build(qm_dir)
    i18n.i18n_dir = lambda: qm_dir  # type: ignore[assignment]  # use the freshly built .qm
    args.out.mkdir(parents=True, exist_ok=True)
    suffix = "" if args.scale == 1.0 else f"-{int(args.scale * 100)}"

    class NoStore:
        def get(self, *a: object, **k: object) -> None:
            return None

    def backend_for(sim: Simulator) -> WizardBackend:
        def make_client(target, token, cancel=None):  # noqa: ANN001, ANN202
            http = make_http_client(target, transport=sim.transport())
            return TripletexClient(http, target, token, cancel=cancel, sleep=lambda s: None)

        return WizardBackend(make_client, NoStore(), None)

    def shot(wiz: SetupWizard, name: str, lang: str) -> None:
        for _ in range(5):
            app.processEvents()
        path = args.out / f"wizard-{name}-{lang}{suffix}.png"
        wiz.grab().save(str(path))
        print(path)

    for lang in args.langs.split(",") if args.only in (None, "main") else ():
        i18n.install_translators(app, lang)
        render_main_window(app, lang, args.out, suffix)

    for lang in args.langs.split(",") if args.only in (None, "wizard") else ():
        i18n.install_translators(app, lang)
        sim = Simulator(sleep=lambda s: None)
        wiz = SetupWizard(backend_for(sim), demo_mode=False, language=lang, runner=SyncRunner())
        wiz.resize(760, 560)
        wiz.show()
        shot(wiz, "welcome", lang)
        wiz.next()
        shot(wiz, "environment", lang)
        wiz.next()
        wiz.token.token.setText("test-abc")  # shows the production warning beside the instructions
        shot(wiz, "token", lang)
        wiz.token.token.clear()
        wiz.back()
        wiz.environment.demo.setChecked(True)
        wiz.next()
        wiz.token.demo_token.setCurrentText("demo-accountant")
        wiz.token.connect_now()
        shot(wiz, "token-demo", lang)
        wiz.next()
        wiz.companies.select_all.click()
        shot(wiz, "companies", lang)
        wiz.next()
        shot(wiz, "sync", lang)
        wiz.next()
        shot(wiz, "permissions", lang)
        wiz.next()
        shot(wiz, "categories", lang)
        wiz.next()
        shot(wiz, "summary", lang)
        wiz.close()

        wiz2 = SetupWizard(backend_for(sim), demo_mode=True, language=lang, runner=SyncRunner())
        wiz2.resize(760, 560)
        wiz2.show()
        wiz2.next()
        wiz2.next()
        wiz2.token.demo_token.setCurrentText("demo-limited")
        wiz2.token.connect_now()
        wiz2.next()  # sync
        wiz2.next()  # permissions
        shot(wiz2, "permissions-missing", lang)
        wiz2.back()
        wiz2.back()
        wiz2.token.demo_token.setCurrentText("demo-noproject")
        wiz2.token.connect_now()
        wiz2.next()
        wiz2.next()
        shot(wiz2, "permissions-noproject", lang)
        wiz2.back()
        wiz2.back()
        wiz2.token.demo_token.setCurrentText("demo-expired")
        wiz2.token.connect_now()
        shot(wiz2, "token-error", lang)
        wiz2.close()
    return 0


IMPORT_CSV = (
    "Reiseliste november 2026\n"
    "Reise;Ansatt;Dato;Fra kl;Til dato;Til kl;Fra;Til;Antall km;Reiseformål;Overnatting;Kostnadstype;Beløp;Kvittering\n"
    "1;{emp};02.11.2026;07:30;;;Oslo;Bergen;463;Kundemøte Bergen;hotell;;;\n"
    "1;{emp};02.11.2026;;;;;;;;;Hotell;1 450,00;kvittering.pdf\n"
    "1;{emp};03.11.2026;;03.11.2026;18:15;Bergen;Oslo;463;Kundemøte Bergen;;;;\n"
    "2;{emp};10.11.2026;06:45;10.11.2026;20:30;Oslo;Trondheim;;Kurs;ingen;;;\n"
    "2;{emp};10.11.2026;;;;;;;;;Tog;1 249,00;mangler.pdf\n"
    ";{emp};12.11.2026;;;;;;;;;Parkering;180,00;\n"
    "Sum;;;;;;;;926;;;;2 879,00;\n"
)


def wait_until(app: Any, condition: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    """Process events until condition() holds (a guard, not a timing: it fails loudly when it never does)."""
    from PySide6.QtCore import QEventLoop

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for: {what}")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def settle(app: Any, rounds: int = 8) -> None:
    """Let layouts and deferred updates run."""
    for _ in range(rounds):
        app.processEvents()


def _demo_reports(backend: Any, connection_id: str, company_id: int, workdir: Path) -> list[Any]:
    """Three reports: a draft trip with mileage, per diem and a cost; an approved day trip; a sent expense."""
    from tripletex_desktop.core.cancel import CancelToken
    from tripletex_desktop.core.travel import CostLine, MileageLine, ReportKind, TravelReport

    ref = backend.reference(company_id)
    employees = [e for e in ref.employees if getattr(e, "display_name", "")]
    emp1 = employees[0].id
    emp2 = employees[min(1, len(employees) - 1)].id
    category = next((c.id for c in ref.cost_categories if "taxi" in c.description.lower()), None)
    category = category or (ref.cost_categories[0].id if ref.cost_categories else None)
    payment = ref.payment_types[0].id if ref.payment_types else None
    receipt = workdir / "kvittering-taxi.pdf"
    receipt.write_bytes(b"%PDF-1.4 demo receipt")
    trip = TravelReport(
        connection_id=connection_id,
        company_id=company_id,
        employee_id=emp1,
        title="Kundemøte Bergen",
        departure_at=dt.datetime(2026, 11, 2, 7, 30),
        return_at=dt.datetime(2026, 11, 3, 18, 15),
        purpose="Kundemøte og workshop",
        departure_from="Oslo",
        destination="Bergen",
        is_day_trip=False,
        lines=(
            MileageLine(dt.date(2026, 11, 2), "Oslo", "Gardermoen", Decimal("48"), toll_cost=Decimal("46")),
            CostLine(
                dt.date(2026, 11, 2),
                category,
                Decimal("389.50"),
                payment,
                comment="Taxi til kunden",
                receipt_path=str(receipt),
            ),
        ),
    )
    trip = _with_lines(trip, trip.lines + backend.suggest_per_diem(trip))
    day = TravelReport(
        connection_id=connection_id,
        company_id=company_id,
        employee_id=emp2,
        title="Messe Lillestrøm",
        departure_at=dt.datetime(2026, 11, 5, 8, 0),
        return_at=dt.datetime(2026, 11, 5, 16, 30),
        purpose="Bransjemesse",
        departure_from="Oslo",
        destination="Lillestrøm",
        lines=(
            MileageLine(dt.date(2026, 11, 5), "Oslo", "Lillestrøm", Decimal("22")),
            MileageLine(dt.date(2026, 11, 5), "Lillestrøm", "Oslo", Decimal("22")),
        ),
    )
    expense = TravelReport(
        connection_id=connection_id,
        company_id=company_id,
        employee_id=emp1,
        title="Parkering og bompenger",
        kind=ReportKind.EMPLOYEE_EXPENSE,
        lines=(
            CostLine(
                dt.date(2026, 11, 6),
                category,
                Decimal("120"),
                payment,
                comment="Parkering Aker brygge",
                receipt_path=str(receipt),
            ),
        ),
    )
    for report in (trip, day, expense):
        backend.save_draft(report)
    backend.approve(day.id)
    backend.approve(expense.id)
    result = backend.send(expense.id, CancelToken())
    if result.error is not None:
        print(f"note: the demo send failed: {result.error.code}", file=sys.stderr)
    return [trip, day, expense]


def _with_lines(report: Any, lines: tuple[Any, ...]) -> Any:
    import dataclasses

    return dataclasses.replace(report, lines=lines)


def render_main_window(app: Any, lang: str, out: Path, suffix: str) -> None:
    """Wizard with the demo token -> first sync -> the main window's views, the editor and the import dialog."""
    from PySide6.QtWidgets import QWizard

    from tripletex_desktop.app.context import build_context
    from tripletex_desktop.services.reports import reports_backend_for
    from tripletex_desktop.storage.secrets import MemoryKeyring, TokenStore
    from tripletex_desktop.ui.main_window import MainWindow
    from tripletex_desktop.workers.sync_controller import SyncController

    workdir = Path(tempfile.mkdtemp(prefix=f"shots-{lang}-"))
    # Tokens live in memory for this run only; the screenshots never show them.
    context = build_context(workdir / "cfg", token_store=TokenStore(MemoryKeyring()))
    context.settings.ui_language = lang
    controller = SyncController.for_context(context)
    window = MainWindow(
        context, controller, use_tray=False, demo_mode=True, switch_language=lambda code: None
    )
    window.resize(1100, 680)
    window.show()

    def shot(widget: Any, view: str) -> None:
        settle(app)
        path = out / f"main-{view}-{lang}{suffix}.png"
        widget.grab().save(str(path))
        print(path)

    try:
        window.add_action.trigger()
        wiz = window.wizard
        wait_until(app, lambda: wiz is not None and wiz.isVisible(), "the wizard")

        def next_page() -> None:
            button = wiz.button(QWizard.WizardButton.NextButton)
            wait_until(app, button.isEnabled, f"Next on {wiz.page_key()}")
            button.click()

        next_page()  # welcome -> environment (demo preselected)
        next_page()  # -> token ("demo-all")
        wiz.token.demo_token.setCurrentText("demo-all")
        wiz.token.connect_button.click()
        for _ in ("sync", "permissions", "categories", "summary"):
            next_page()
        finished: list[Any] = []
        controller.finished.connect(lambda cid, report: finished.append(report))
        wiz.button(QWizard.WizardButton.FinishButton).click()
        wait_until(app, lambda: bool(finished), "the first sync")

        conn = context.settings.connections[0]
        company = conn.companies[0]
        employees = len(context.simulator.company(company.id).employees)
        window.tree.expandAll()
        window.tree.setCurrentItem(window.tree.topLevelItem(0).child(0))
        wait_until(app, lambda: window.history_panel.model.rowCount() >= 1, "the history")
        window.tabs.setCurrentIndex(0)
        shot(window, "overview")

        window.tabs.setCurrentIndex(1)
        wait_until(app, lambda: window.data_browser.model.rowCount() == employees, "the employees")
        shot(window, "data")

        window.tabs.setCurrentIndex(2)
        window.history_panel.table.selectRow(0)
        shot(window, "history")

        backend = reports_backend_for(context, conn)
        reports = _demo_reports(backend, conn.id, int(company.id), workdir)
        window.tabs.setCurrentIndex(3)
        view = window._reports_views[conn.id]
        view.refresh()
        wait_until(app, lambda: view.model.rowCount() == len(reports), "the travel reports")
        view.select(reports[0].id)
        shot(window, "reports")

        view.open_selected()
        wait_until(
            app, lambda: getattr(view, "editor", None) is not None and view.editor.isVisible(), "the editor"
        )
        view.editor.resize(1150, 1060)  # tall enough to show every section without scrolling
        shot(view.editor, "editor")
        view.editor.close()

        csv_path = workdir / "kjorebok.csv"
        ref = backend.reference(int(company.id))
        csv_path.write_text(IMPORT_CSV.format(emp=ref.employees[0].display_name), encoding="utf-8")
        view.open_import()
        dialog = view.import_dialog
        (workdir / "kvittering.pdf").write_bytes(b"%PDF-1.4")
        dialog.resize(1100, 660)
        dialog.path_edit.setText(str(csv_path))
        dialog.read_button.click()
        wait_until(app, lambda: dialog.preview.rowCount() > 0, "the import preview")
        shot(dialog, "import")
        dialog.close()

        failed: list[Any] = []
        controller.failed.connect(lambda cid, error: failed.append(error))
        runs = len(finished)
        context.simulator.expire_employee_token("demo-all")
        window.tabs.setCurrentIndex(0)
        window.sync_action.trigger()
        wait_until(app, lambda: bool(failed) or len(finished) > runs, "the sync with the expired token")
        wait_until(app, lambda: window.company_panel.errors.isVisible(), "the error panel")
        shot(window, "error")
    finally:
        window.quit_action.trigger()
        context.close()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
