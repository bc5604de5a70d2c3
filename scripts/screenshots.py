"""The scripted walk of issue 13: the app at 1366×768 in nb and en, driven by objectName, into docs/screenshots/.

Every step finds its widget by objectName (never by position), does what a user would (clicks, keys), checks
what the user should see, and saves a picture: wizard pages as wizard-<step>-<lang>.png, the main window and its
dialogs as main-<step>-<lang>.png (the whole 1366×768 screen, so a dialog is shown where it opens and it is
plain that it fits). It also writes the table of every interactive widget's objectName and accessibleName into
docs/ui.md (between the widget-table markers).

The computer is a Norwegian one (LANG=nb_NO.UTF-8), so Qt's own dialogs format sizes and dates as there.

Run:  xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshots.py
With no DISPLAY the script starts its own 1366×768 Xvfb when one is installed.
Options: --out DIR, --langs nb,en, --only wizard|main, --no-docs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
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

SCREEN = (1366, 768)
DOC = ROOT / "docs" / "ui.md"
WIDGETS_START = "<!-- widget-table:start (scripts/screenshots.py writes this table) -->"
WIDGETS_END = "<!-- widget-table:end -->"


def main(argv: list[str] | None = None) -> int:
    """Walk and render."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--langs", default="nb,en")
    parser.add_argument("--only", choices=("wizard", "main"), default=None)
    parser.add_argument(
        "--no-docs", action="store_true", help="do not rewrite the widget table in docs/ui.md"
    )
    args = parser.parse_args(argv)
    with _display():
        return _walk(args)


@contextmanager
def _display() -> Iterator[None]:
    """Use $DISPLAY, or start a private 1366×768 Xvfb for the run when there is none."""
    xvfb = shutil.which("Xvfb")
    if os.environ.get("DISPLAY") or os.environ.get("QT_QPA_PLATFORM") == "offscreen" or xvfb is None:
        yield
        return
    display = f":{90 + os.getpid() % 9}"
    size = f"{SCREEN[0]}x{SCREEN[1]}x24"
    proc = subprocess.Popen([xvfb, display, "-screen", "0", size, "-nolisten", "tcp"])  # noqa: S603
    os.environ["DISPLAY"] = display
    time.sleep(1.0)  # let the server open its socket (a script, not a test)
    try:
        yield
    finally:
        proc.terminate()
        proc.wait(timeout=10)


class WalkError(AssertionError):
    """A step of the walk did not find or see what it expected."""


class Walk:
    """The walk's hands and eyes in one language: find by objectName, act, check, shoot, note the widgets."""

    def __init__(self, app: Any, lang: str, out: Path) -> None:
        self.app = app
        self.lang = lang
        self.out = out
        self.shots: list[Path] = []
        #: root objectName -> {widget objectName: (class, accessibleName)}
        self.widgets: dict[str, dict[str, tuple[str, str]]] = {}
        #: interactive widgets seen without an objectName or an accessibleName (the walk fails on any)
        self.unnamed: set[str] = set()

    # -- finding and acting --

    def find(self, root: Any, name: str, kind: Any = None) -> Any:
        """The child of `root` named `name` (a WalkError when there is none)."""
        from PySide6.QtWidgets import QWidget

        if root.objectName() == name:
            return root
        found = root.findChild(kind or QWidget, name)
        if found is None:
            raise WalkError(f"{root.objectName()}: no widget named {name!r}")
        return found

    def click(self, root: Any, name: str) -> Any:
        """Click the named button like a user (it must be visible and enabled)."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QAbstractButton

        widget = self.find(root, name)
        self.wait(lambda: widget.isVisible() and widget.isEnabled(), f"{name} clickable")
        if isinstance(widget, QAbstractButton):
            widget.click()  # as a click on its label or indicator (a wide radio button's centre may be empty)
        else:
            QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
        self.settle()
        return widget

    def type(self, root: Any, name: str, text: str) -> Any:
        """Type into the named field."""
        from PySide6.QtTest import QTest

        widget = self.find(root, name)
        widget.setFocus()
        QTest.keyClicks(widget, text)
        self.settle()
        return widget

    def key(self, widget: Any, key: Any, modifier: Any = None) -> None:
        """Press a key on `widget`."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        QTest.keyClick(widget, key, modifier or Qt.KeyboardModifier.NoModifier)
        self.settle()

    def check(self, condition: bool, what: str) -> None:
        """A point of issue 13 the picture shows: it must hold, or the walk stops."""
        if not condition:
            raise WalkError(f"[{self.lang}] not as expected: {what}")

    def wait(self, condition: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
        """Process events until condition() holds (a guard, not a timing: it fails loudly when it never does)."""
        from PySide6.QtCore import QEventLoop

        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise WalkError(f"[{self.lang}] timed out waiting for: {what}")
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)

    def settle(self, rounds: int = 8) -> None:
        """Let layouts and deferred updates run."""
        for _ in range(rounds):
            self.app.processEvents()

    # -- pictures and the widget table --

    def fits(self, window: Any) -> None:
        """The window lies on the 1366×768 screen, buttons and all."""
        area = window.screen().availableGeometry()
        frame = window.frameGeometry()
        self.check(
            area.contains(frame) or (frame.width() <= area.width() and frame.height() <= area.height()),
            f"{window.objectName()} ({frame.width()}×{frame.height()}) fits {area.width()}×{area.height()}",
        )

    def shot(self, name: str, widget: Any = None, *roots: Any) -> None:
        """Save the screen (or just `widget`) as <name>-<lang>.png; note the widgets of `roots` (or `widget`)."""
        from PySide6.QtGui import QGuiApplication

        self.settle()
        path = self.out / f"{name}-{self.lang}.png"
        if widget is None:
            QGuiApplication.primaryScreen().grabWindow(0).save(str(path))
        else:
            widget.grab().save(str(path))
        self.shots.append(path)
        print(path)
        for root in roots or ((widget,) if widget is not None else ()):
            self.note(root)

    def note(self, root: Any) -> None:
        """Record every interactive widget of `root`'s window: objectName, class and accessible name."""
        from PySide6.QtWidgets import (
            QAbstractButton,
            QAbstractItemView,
            QAbstractSpinBox,
            QComboBox,
            QLineEdit,
            QPlainTextEdit,
            QTabWidget,
        )

        kinds = (
            QAbstractButton,
            QLineEdit,
            QComboBox,
            QAbstractItemView,
            QPlainTextEdit,
            QAbstractSpinBox,
            QTabWidget,
        )
        from PySide6.QtWidgets import QWidget

        for widget in root.findChildren(QWidget):
            if not isinstance(widget, kinds):
                continue
            name = widget.objectName()
            if name.startswith("qt_") or _inside_composite(widget) or (not name and _cell_editor(widget)):
                continue
            if not name or not widget.accessibleName():
                text = getattr(widget, "text", lambda: "")() or widget.toolTip()
                missing = "objectName" if not name else "accessibleName"
                self.unnamed.add(
                    f"{_group(widget, root)}: {type(widget).__name__} {name or text!r} has no {missing}"
                )
                if not name:
                    continue
            name = re.sub(r"_r\d+_", "_r<n>_", name)  # a table's per-row cell widgets
            table = self.widgets.setdefault(_group(widget, root), {})
            table.setdefault(name, (type(widget).__name__, widget.accessibleName()))


_GROUP = re.compile(r"(Page|Panel|View|Overview|Browser|Dialog|Wizard|Window|Guide|Question|Lines|Box)$")


def _group(widget: Any, root: Any) -> str:
    """The nearest named page, panel, view or dialog around `widget` (the table's first column)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if _GROUP.search(parent.objectName() or ""):
            return parent.objectName()
        parent = parent.parentWidget()
    return root.objectName() or type(root).__name__


def _cell_editor(widget: Any) -> bool:
    """The editor Qt opens in a table cell while it is edited (a delegate's, not ours to name)."""
    from PySide6.QtWidgets import QAbstractItemView

    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractItemView):
            return True
        parent = parent.parentWidget()
    return False


def _inside_composite(widget: Any) -> bool:
    """The parts Qt builds inside a combo, spin box, date edit, tab bar or the file dialog, and a table's
    headers and corner button, a text field's clear button (not ours to name)."""
    from PySide6.QtWidgets import (
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QFileDialog,
        QHeaderView,
        QLineEdit,
        QTabBar,
    )

    if isinstance(widget, QHeaderView) or isinstance(widget.parentWidget(), QAbstractItemView | QLineEdit):
        return True
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox | QAbstractSpinBox | QFileDialog | QTabBar):
            return True
        parent = parent.parentWidget()
    return False


def _walk(args: argparse.Namespace) -> int:
    """The wizard walk and the main window walk, in each language; then the widget table."""
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    # A Norwegian computer: Qt's own dialogs format sizes and dates by the system's locale (21 byte, 01.12.2026).
    os.environ["LANG"] = "nb_NO.UTF-8"
    os.environ.pop("LC_ALL", None)
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"  # never the real keychain
    os.environ.pop("TRIPLETEX_CONSUMER_TOKEN", None)  # a build from source: no application key

    from PySide6.QtWidgets import QApplication

    from tools import i18n as i18n_tool
    from tripletex_desktop.ui import i18n
    from tripletex_desktop.ui.style import install_style

    app = QApplication.instance() or QApplication([])
    install_style(app)
    screen = app.primaryScreen().geometry()
    if (screen.width(), screen.height()) != SCREEN:
        print(f"note: the screen is {screen.width()}×{screen.height()}, not {SCREEN[0]}×{SCREEN[1]}")
    qm_dir = Path(tempfile.mkdtemp(prefix="qm-"))
    i18n_tool.build(qm_dir)
    i18n.i18n_dir = lambda: qm_dir  # type: ignore[assignment]  # use the freshly built .qm
    args.out.mkdir(parents=True, exist_ok=True)
    english: Walk | None = None
    walks: list[Walk] = []
    for lang in args.langs.split(","):
        i18n.install_translators(app, lang)
        walk = Walk(app, lang, args.out)
        walks.append(walk)
        if args.only in (None, "wizard"):
            walk_wizard(walk)
        if args.only in (None, "main"):
            walk_main_window(walk)
        if lang == "en":
            english = walk
    unnamed = sorted({u for w in walks for u in w.unnamed})
    for line in unnamed:
        print(f"unnamed: {line}", file=sys.stderr)
    if unnamed:
        raise WalkError(f"{len(unnamed)} interactive widget(s) without an objectName or accessibleName")
    if english is not None and args.only is None and not args.no_docs:
        write_widget_table(english.widgets)
    return 0


def write_widget_table(widgets: dict[str, dict[str, tuple[str, str]]]) -> None:
    """Replace the generated widget table in docs/ui.md (what the walk saw, in English)."""
    lines = [
        WIDGETS_START,
        "",
        "| window / page | objectName | class | accessibleName (en) |",
        "|---|---|---|---|",
    ]
    for root in sorted(widgets):
        for name, (cls, accessible) in sorted(widgets[root].items()):
            text = accessible.replace("|", "\\|") or "\u2014"
            lines.append(f"| {root} | `{name}` | {cls} | {text} |")
    lines += ["", WIDGETS_END]
    doc = DOC.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(WIDGETS_START) + r".*?" + re.escape(WIDGETS_END), re.S)
    block = "\n".join(lines)
    if pattern.search(doc):
        doc = pattern.sub(lambda _m: block, doc)
    else:
        doc = doc.rstrip("\n") + "\n\n## Every widget the walk saw\n\n" + block + "\n"
    DOC.write_text(doc, encoding="utf-8")
    print(DOC)


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


def keyboard_chain(walk: Walk, root: Any, start: str, reaches: tuple[str, ...], presses: int = 60) -> None:
    """Keyboard only: Tab from `start` through `root`; every stop is a visible, named widget with an accessible
    name, the focus never leaves the window or gets stuck, and it reaches each of `reaches` on the way."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QTabBar, QWidget

    first = walk.find(root, start)
    first.setFocus(Qt.FocusReason.TabFocusReason)
    walk.settle()
    seen: list[str] = []
    for _ in range(presses):
        focus = QApplication.focusWidget()
        walk.check(focus is not None and focus.window() is root.window(), f"Tab stays in {root.objectName()}")
        while (
            focus is not None
            and focus.parentWidget() is not None
            and (_inside_composite(focus) or isinstance(focus, QTabBar))
        ):
            focus = focus.parentWidget()  # a combo's or date edit's own line edit, a tab bar: the box itself
        while (
            focus is not None
            and (not focus.objectName() or focus.objectName().startswith("qt_"))
            and isinstance(focus.parentWidget(), QWidget)
        ):
            focus = focus.parentWidget()  # a table cell's editor (Qt's): the table
        name = focus.objectName() if focus is not None else ""
        walk.check(focus.isVisible() and bool(name), f"a Tab stop without a name: {type(focus).__name__}")
        orig = QApplication.focusWidget()
        walk.check(
            bool(focus.accessibleName()),
            f"{name} has no accessible name ({type(orig).__name__} {orig.objectName()!r} after {seen[-3:]})",
        )
        seen.append(name)
        walk.key(QApplication.focusWidget(), Qt.Key.Key_Tab)
    missing = [n for n in reaches if n not in seen]
    walk.check(not missing, f"Tab reaches {missing} in {root.objectName()} (went {seen[:12]}…)")
    walk.check(len(set(seen)) > 3, f"the focus moves on in {root.objectName()}: {seen[:6]}")


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
    # A cost in euros, with the rate of its date as the editor asks for it: shown in NOK, marked ≈.
    fee_day = dt.date(2026, 11, 3)
    rates = backend.exchange_rates(company_id, [("EUR", fee_day)], CancelToken())
    fee = CostLine(
        fee_day,
        category,
        Decimal("120.00"),
        payment,
        currency="EUR",
        comment="Workshopavgift",
        exchange_rate=rates.get(("EUR", fee_day)),
    )
    trip = _with_lines(trip, (*trip.lines, fee, *backend.suggest_per_diem(trip)))
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


@contextmanager
def _downloads(workdir: Path, lang: str) -> Iterator[None]:
    """A home whose Downloads folder (Nedlastinger in Bokmål, as the desktop names it) holds a few receipts."""
    home = workdir / "home"
    folder = home / ("Nedlastinger" if lang == "nb" else "Downloads")
    folder.mkdir(parents=True, exist_ok=True)
    for receipt in ("kvittering-taxi.pdf", "hotell-bergen.pdf", "parkering.jpg", "tog-trondheim.png"):
        (folder / receipt).write_bytes(b"%PDF-1.4 demo receipt")
    (home / "notater.txt").write_text("not a receipt", encoding="utf-8")
    config = home / ".config"
    config.mkdir(exist_ok=True)
    (config / "user-dirs.dirs").write_text(f'XDG_DOWNLOAD_DIR="$HOME/{folder.name}"\n', encoding="utf-8")
    saved = {k: os.environ.get(k) for k in ("HOME", "XDG_CONFIG_HOME")}
    os.environ["HOME"], os.environ["XDG_CONFIG_HOME"] = str(home), str(config)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _with_lines(report: Any, lines: tuple[Any, ...]) -> Any:
    import dataclasses

    return dataclasses.replace(report, lines=lines)


def walk_wizard(walk: Walk) -> None:
    """An owner's first start (production from a build without the app's key, no keyring), the demo accountant
    through every page, and the demo users that show a missing permission, no project module and an expired token."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QWizard

    from tripletex_desktop.core.api import TripletexClient, make_http_client
    from tripletex_desktop.core.errors import SecretStoreUnavailable
    from tripletex_desktop.services.wizard import WizardBackend
    from tripletex_desktop.simulator import Simulator
    from tripletex_desktop.storage.secrets import MemoryKeyring, TokenStore
    from tripletex_desktop.ui.wizard import SetupWizard
    from tripletex_desktop.workers.tasks import SyncRunner

    sim = Simulator(sleep=lambda s: None)

    class NoKeyring(TokenStore):
        """A computer without a secure password store."""

        def __init__(self) -> None:
            super().__init__(MemoryKeyring())

        def ensure_secure(self) -> None:
            raise SecretStoreUnavailable("walk", reason="no_backend")

    def make_client(target: Any, token: str, cancel: Any = None) -> Any:
        http = make_http_client(target, transport=sim.transport())
        return TripletexClient(http, target, token, cancel=cancel, sleep=lambda s: None)

    def open_wizard(store: Any, demo: bool) -> SetupWizard:
        wiz = SetupWizard(
            WizardBackend(make_client, store, None), demo_mode=demo, language=walk.lang, runner=SyncRunner()
        )
        wiz.show()
        wiz.activateWindow()
        walk.settle()
        walk.fits(wiz)
        return wiz

    def next_page(wiz: SetupWizard, then: str) -> None:
        walk.click(wiz, "wizardNext")
        walk.wait(lambda: wiz.page_key() == then, f"the {then} page")
        walk.wait(
            lambda: not any(p.panel.busy for p in (wiz.token, wiz.permissions, wiz.categories)), "checks"
        )

    # 1. An owner on a build from source: production is said to need the app's key, on the environment page.
    wiz = open_wizard(NoKeyring(), demo=False)
    walk.shot("wizard-welcome", wiz)
    walk.click(wiz, "wizardNext")
    env = wiz.environment
    walk.check(env.production.isChecked() and env.no_consumer.isVisible(), "no application key: said at once")
    walk.check(
        not wiz.button(QWizard.WizardButton.NextButton).isEnabled(), "production cannot go on without it"
    )
    walk.shot("wizard-environment", wiz)
    walk.click(wiz, "environmentTest")
    QGuiApplication.clipboard().setText("test-" + "0c4f91ab" * 4)  # just copied in Tripletex
    next_page(wiz, "token")
    token = wiz.token
    walk.check(token.clipboard_offer.isVisible(), "the token on the clipboard is offered")
    walk.check(token.keyring_note.isVisible(), "no secure keyring: said on the token page, before Finish")
    walk.check(
        "Lesetilgang til ansattinformasjon" in token.guide.text.text(), "the exact boxes, before the key"
    )
    walk.shot("wizard-token", wiz)
    walk.type(wiz, "tokenField", "test-abc")
    walk.key(wiz, Qt.Key.Key_Escape)  # Esc is Cancel: after typing, it asks first
    walk.wait(lambda: wiz.cancel_question is not None and wiz.cancel_question.isVisible(), "the question")
    walk.shot("wizard-cancel", None, wiz.cancel_question)
    walk.click(wiz.cancel_question, "wizardCancelYes")
    walk.check(not wiz.isVisible(), "Yes throws the setup away")
    QGuiApplication.clipboard().clear()

    # 2. The demo accounting office: every page.
    store = TokenStore(MemoryKeyring())
    wiz = open_wizard(store, demo=True)
    walk.click(wiz, "wizardNext")
    walk.check(wiz.environment.demo.isChecked(), "the demo is preselected when nothing is set up")
    next_page(wiz, "token")
    walk.find(wiz, "tokenDemoChoice").setCurrentText("demo-accountant")
    walk.shot("wizard-token-demo", wiz)
    next_page(wiz, "companies")  # Next connects first
    walk.check(wiz.ctx.draft.selected_company_ids == [], "no client preselected for no reason")
    walk.click(wiz, "companiesSelectAll")
    walk.shot("wizard-companies", wiz)
    next_page(wiz, "sync")
    walk.shot("wizard-sync", wiz)
    next_page(wiz, "permissions")
    walk.shot("wizard-permissions", wiz)
    next_page(wiz, "categories")
    cats = wiz.categories
    clients = walk.find(wiz, "categoriesCompanies")
    clients.setCurrentItem(clients.topLevelItem(clients.topLevelItemCount() - 1))
    walk.find(wiz, "categoriesPaymentType").setCurrentIndex(0)  # one client not done: its mark says what
    walk.check(
        not wiz.button(QWizard.WizardButton.NextButton).isEnabled(),
        "a client not done holds Next back",
    )
    walk.check(cats.status(cats.current_company_id())[0] == "to_choose", "each client is marked")
    walk.shot("wizard-categories", wiz)
    walk.click(wiz, "categoriesNextMissing")
    walk.find(wiz, "categoriesPaymentType").setCurrentIndex(1)
    walk.check(wiz.button(QWizard.WizardButton.NextButton).isEnabled(), "every client done: Next")
    next_page(wiz, "summary")
    walk.check(wiz.button(QWizard.WizardButton.FinishButton).isDefault(), "Finish is the default button")
    walk.shot("wizard-summary", wiz)
    wiz.discard()

    # 3. A missing permission, a company without projects, an expired token.
    wiz = open_wizard(store, demo=True)
    walk.click(wiz, "wizardNext")
    next_page(wiz, "token")
    for demo_token, step in (
        ("demo-limited", "permissions-missing"),
        ("demo-noproject", "permissions-noproject"),
    ):
        walk.find(wiz, "tokenDemoChoice").setCurrentText(demo_token)
        next_page(wiz, "sync")
        next_page(wiz, "permissions")
        walk.shot(f"wizard-{step}", wiz)
        walk.click(wiz, "wizardBack")
        walk.click(wiz, "wizardBack")
    walk.find(wiz, "tokenDemoChoice").setCurrentText("demo-expired")
    walk.click(wiz, "tokenConnect")
    walk.wait(lambda: wiz.token.panel.error_code is not None, "the token error")
    walk.shot("wizard-token-error", wiz)
    wiz.discard()


def walk_main_window(walk: Walk) -> None:
    """First start to first sync through the empty state's button, then every view the issue names."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QCalendarWidget, QFileDialog

    from tripletex_desktop.app.context import build_context
    from tripletex_desktop.services.reports import reports_backend_for
    from tripletex_desktop.storage.secrets import MemoryKeyring, TokenStore
    from tripletex_desktop.ui.main_window import MainWindow
    from tripletex_desktop.workers.sync_controller import SyncController

    workdir = Path(tempfile.mkdtemp(prefix=f"walk-{walk.lang}-"))
    # Tokens live in memory for this run only; the pictures never show them.
    context = build_context(workdir / "cfg", token_store=TokenStore(MemoryKeyring()))
    context.settings.ui_language = walk.lang
    controller = SyncController.for_context(context)
    window = MainWindow(
        context, controller, use_tray=False, demo_mode=True, switch_language=lambda code: None
    )
    window.setGeometry(window.screen().availableGeometry())
    window.show()
    window.activateWindow()
    finished: list[Any] = []
    failed: list[Any] = []
    controller.finished.connect(lambda cid, report: finished.append(cid))
    controller.failed.connect(lambda cid, error: failed.append(error))

    def set_up(token: str, accountant: bool = False) -> None:
        wiz = window.wizard
        walk.wait(lambda: wiz is not None and wiz.isVisible(), "the wizard")
        runs = len(finished)

        def next_page(then: str) -> None:
            walk.click(wiz, "wizardNext")
            walk.wait(lambda: wiz.page_key() == then, f"the {then} page")

        next_page("environment")
        next_page("token")
        walk.find(wiz, "tokenDemoChoice").setCurrentText(token)
        if accountant:
            next_page("companies")
            walk.click(wiz, "companiesSelectAll")
        next_page("sync")
        next_page("permissions")
        next_page("categories")
        next_page("summary")
        walk.click(wiz, "wizardFinish")
        walk.wait(lambda: len(finished) > runs, "the first sync")

    try:
        walk.check(window.overview_stack.currentWidget() is window.no_connection, "no connection: what to do")
        walk.shot("main-empty", None, window)
        walk.click(window, "emptyAddConnection")  # the empty state's own button
        set_up("demo-all")

        tree = walk.find(window, "connectionsTree")
        tree.setCurrentItem(tree.topLevelItem(0).child(0))
        tabs = walk.find(window, "detailTabs")
        tabs.setCurrentIndex(0)
        walk.check(
            window.demo_banner.isVisible() and "[Demo]" in window.windowTitle(), "demo mode is visible"
        )
        walk.shot("main-overview", None, window)

        conn = context.settings.connections[0]
        company = conn.companies[0]
        employees = len(context.simulator.company(company.id).employees)
        tabs.setCurrentIndex(1)
        walk.wait(lambda: window.data_browser.model.rowCount() == employees, "the employees")
        walk.shot("main-data", None, window)

        tabs.setCurrentIndex(3)
        view = walk.find(window, "reportsView")
        walk.wait(lambda: view.list_stack.currentWidget() is view.empty, "the empty list")
        walk.shot("main-reports-empty", None, window)

        backend = reports_backend_for(context, conn)
        trip, day, expense = _demo_reports(backend, conn.id, int(company.id), workdir)
        window.reports_changed(conn.id)  # made behind the view's back: tell the window, as the view would
        view.refresh()
        walk.wait(lambda: view.model.rowCount() == 3, "the travel reports")
        view.select(trip.id)
        shown = [b.objectName() for b in view.selection_buttons() if b.isVisible()]
        walk.check(
            shown == ["openReportButton", "approveButton", "dryRunButton", "deleteDraftButton"], f"{shown}"
        )
        walk.shot("main-reports", None, window)

        # Keyboard only: Tab from the search field moves the focus; the ring shows where it is.
        search = walk.find(view, "searchEdit")
        search.setFocus(Qt.FocusReason.TabFocusReason)
        search.setText("Bergen")
        search.selectAll()
        menu = search.createStandardContextMenu()
        menu.setObjectName("searchContextMenu")
        menu.popup(search.mapToGlobal(search.rect().bottomLeft()))
        walk.wait(menu.isVisible, "the context menu")
        walk.shot("main-context-menu", None, window)
        menu.close()
        search.clear()
        view.refresh()
        walk.find(view, "newReportButton").setFocus(Qt.FocusReason.TabFocusReason)
        walk.key(walk.find(view, "newReportButton"), Qt.Key.Key_Tab)
        walk.shot("main-keyboard", None, window)
        keyboard_chain(walk, window, "connectionsTree", ("detailTabs", "newReportButton", "searchEdit"))
        view.select(trip.id)  # the Tab walk went through the list

        walk.click(view, "openReportButton")
        walk.wait(lambda: view.editor is not None and view.editor.isVisible(), "the editor")
        editor = view.editor
        editor.activateWindow()
        walk.fits(editor)
        price = editor.price()
        walk.check(
            price.total == view.model.rows[[r.id for r in view.model.rows].index(trip.id)].amount,
            "the editor's Til utbetaling is the list's figure",
        )
        walk.check(
            price.estimated and "\u2248" in editor.totals["total"].text(), "a cost in euros, in NOK: \u2248"
        )
        for table in ("mileageTable", "perDiemTable", "costTable"):
            walk.check(
                walk.find(editor, table).horizontalScrollBar().maximum() == 0,
                f"{table}: every column, the amount too, in view without scrolling sideways",
            )
        editor._scroll.ensureWidgetVisible(walk.find(editor, "costTable"))  # the lines and their amounts
        walk.shot("main-editor", None, editor)
        editor._scroll.verticalScrollBar().setValue(0)
        keyboard_chain(
            walk, editor, "employeeCombo", ("titleEdit", "purposeEdit", "departureEdit", "returnEdit")
        )

        departure = walk.find(editor, "departureEdit")
        departure.setFocus(Qt.FocusReason.TabFocusReason)
        walk.key(departure, Qt.Key.Key_F4)  # the keyboard opens the calendar, as in Windows date pickers
        calendar = departure.calendarWidget()
        walk.wait(calendar.isVisible, "the date picker")
        walk.check(
            calendar.verticalHeaderFormat() == QCalendarWidget.VerticalHeaderFormat.ISOWeekNumbers,
            "week numbers in the date picker",
        )
        walk.shot("main-datepicker", None)
        walk.key(calendar, Qt.Key.Key_Escape)

        with _downloads(workdir, walk.lang):  # a user's Downloads folder with receipts in it
            dialog = editor.receipt_dialog(editor)  # the app's own dialog, as Legg ved kvittering opens it
            start = Path(dialog.directory().absolutePath())
            walk.check(start.name in ("Nedlastinger", "Downloads"), f"receipts start in Downloads: {start}")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.show()
        walk.wait(dialog.isVisible, "the file dialog")
        walk.shot("main-filedialog", None)
        dialog.close()
        walk.click(editor, "closeEditorButton")

        view.select(day.id)
        walk.click(view, "dryRunButton")
        walk.wait(lambda: view.dry_run_dialog is not None and view.dry_run_dialog.isVisible(), "the preview")
        preview = view.dry_run_dialog
        walk.check(
            preview.json_view.isHidden() and preview.preview_rows()[-1][2], "lines and amounts, JSON hidden"
        )
        walk.shot("main-preview", None, preview)
        walk.click(preview, "dryRunCloseButton")

        view.select(expense.id)
        walk.click(view, "openReportButton")
        walk.wait(lambda: view.editor is not None and view.editor.isVisible(), "the sent report")
        walk.check(
            view.editor.banner.isVisible(), "a sent report shows its Tripletex number, state and amount"
        )
        walk.shot("main-editor-sent", None, view.editor)
        walk.click(view.editor, "closeEditorButton")

        tabs.setCurrentIndex(2)
        history = walk.find(window, "historyPanel")
        walk.wait(lambda: history.model.rowCount() >= 4, "the archive")
        history.table.selectRow(0)
        walk.shot("main-history", None, window)

        tabs.setCurrentIndex(3)
        csv_path = workdir / "kjorebok.csv"
        ref = backend.reference(int(company.id))
        csv_path.write_text(IMPORT_CSV.format(emp=ref.employees[0].display_name), encoding="utf-8")
        (workdir / "kvittering.pdf").write_bytes(b"%PDF-1.4")
        walk.click(view, "importReportsButton")
        importer = view.import_dialog
        importer.path_edit.setText(str(csv_path))
        importer.read_button.click()
        walk.wait(lambda: importer.preview.rowCount() > 0, "the import preview")
        walk.fits(importer)
        walk.shot("main-import", None, importer)
        importer.close()

        help_menu = window.help_menu
        help_menu.popup(
            window.mapToGlobal(window.menuBar().actionGeometry(help_menu.menuAction()).bottomLeft())
        )
        walk.wait(help_menu.isVisible, "the Help menu")
        walk.check(
            window.token_help_action in help_menu.actions()
            and window.import_format_action in help_menu.actions()
            and window.template_actions.csv_action in help_menu.actions(),
            "Help: the employee token, the import format and the templates",
        )
        walk.shot("main-help-menu", None, window)
        help_menu.close()

        window.token_help_action.trigger()
        guide = window.token_guide
        walk.wait(guide.isVisible, "the token guide")
        walk.shot("main-help-token", None, guide)
        walk.click(guide, "tokenGuideClose")

        window.import_format_action.trigger()
        fmt = window.import_format
        walk.wait(fmt.isVisible, "Help: the import format")
        walk.fits(fmt)
        walk.shot("main-help-import-format", None, fmt)
        walk.click(fmt, "importFormatClose")

        tabs.setCurrentIndex(0)
        context.simulator.expire_employee_token("demo-all")
        runs = len(finished) + len(failed)
        window.sync_action.trigger()
        walk.wait(lambda: len(finished) + len(failed) > runs, "the sync with the expired token")
        errors = window.company_panel.errors
        walk.wait(errors.isVisible, "the error panel")
        walk.check(errors.offers_paste and errors.action == "replace_token", "the fix on the same screen")
        walk.shot("main-error", None, window)
        walk.click(errors, "errorActionButton")
        replace = window.replace_dialog
        walk.wait(lambda: replace is not None and replace.isVisible(), "Replace token")
        walk.type(replace, "replaceTokenField", "demo-all")
        walk.shot("main-replace-token", None, replace)
        walk.click(replace, "replaceTokenCancel")

        tabs.setCurrentIndex(3)
        walk.click(view, "newReportButton")
        walk.wait(lambda: view.editor is not None and view.editor.isVisible(), "the new report")
        new = view.editor
        new.activateWindow()
        walk.fits(new)
        owner = backend.default_employee_id(int(company.id))
        walk.check(
            owner is not None and new.employee.currentData() == owner, "the logged-in employee is preselected"
        )
        title = walk.type(new, "titleEdit", "K")
        walk.key(title, Qt.Key.Key_Backspace)
        walk.key(
            title, Qt.Key.Key_Tab
        )  # touched and left empty: said under the field, in the space kept for it
        errors = {k: label for k, label in new._errors.items() if label.isVisible()}
        walk.check(
            "title" in errors and "purpose" not in errors, "said once touched; an untouched field quiet"
        )
        walk.shot("main-editor-new", None, new)
        walk.click(new, "addCostButton")
        walk.check(new.costs.currentRow() == 0 and new.costs.hasFocus(), "a new row takes the focus")
        walk.shot("main-editor-new-row", None, new)
        walk.click(new, "closeEditorButton")

        window.add_action.trigger()
        set_up("demo-accountant", accountant=True)
        tree.setCurrentItem(tree.topLevelItem(1))
        tabs.setCurrentIndex(0)
        clients = walk.find(window, "clientsOverview")
        walk.check(window.overview_stack.currentWidget() is clients, "an accountant's clients at a glance")
        walk.check(len(clients.rows) == 3, "every client has a row")
        walk.shot("main-clients", None, window)
        office = tree.topLevelItem(1)
        client = office.child(1)
        tree.setCurrentItem(client)
        tabs.setCurrentIndex(3)
        office_view = window.reports_stack.currentWidget()  # each connection has its own reports view
        walk.click(office_view, "newReportButton")
        walk.wait(
            lambda: office_view.editor is not None and office_view.editor.isVisible(),
            "the client's new report",
        )
        for_client = office_view.editor
        for_client.activateWindow()
        walk.fits(for_client)
        client_name = client.text(0)
        walk.check(
            for_client.company_label.isVisible()
            and for_client.company_label.text() == client_name
            and client_name in for_client.windowTitle(),
            "the client at the top of the report and in its title, preset from the tree",
        )
        picker = walk.find(for_client, "employeeCombo")
        picker.setFocus()
        picker.lineEdit().selectAll()
        QTest.keyClicks(picker.lineEdit(), "sen")  # part of a last name
        walk.wait(lambda: picker.completer().popup().isVisible(), "the employees found as you type")
        walk.shot("main-editor-client", None, for_client)
        walk.key(picker.completer().popup(), Qt.Key.Key_Escape)
        for_client.reject()
        tree.setCurrentItem(office)
        tabs.setCurrentIndex(0)
        window.edit_action.trigger()  # Edit connection: settings in tabs, not the wizard again
        settings = window.settings_dialog
        walk.wait(lambda: settings is not None and settings.isVisible(), "the connection settings")
        walk.fits(settings)
        walk.shot("main-settings", None, settings)
        walk.click(settings, "settingsCancel")
    finally:
        window.quit_action.trigger()
        context.close()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
