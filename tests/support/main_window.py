"""The main window test harness: fake data and runner, a fake wizard, settings and reports to show."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.models import SyncProgress
from tripletex_desktop.core.sync import (
    CompanyReport,
    EntityCounts,
    HistoryEntry,
    ReferenceRow,
    SyncReport,
)
from tripletex_desktop.storage.settings import CompanySettings, ConnectionSettings, Settings, SyncOptions
from tripletex_desktop.ui.main_window import MainWindow
from tripletex_desktop.workers.sync_controller import SyncController
from tripletex_desktop.workers.tasks import SyncRunner

TODAY = dt.date(2026, 11, 22)
NOW = dt.datetime(2026, 11, 22, 11, 0, tzinfo=dt.UTC)
GUARD_MS = 10_000


def settings(*, expires: dt.date | None = None, interval: str = "manual") -> Settings:
    mapped = CompanySettings(
        id=101,
        name="Fjordlys Reiser AS",
        mileage_cost_category_id=1,
        per_diem_cost_category_id=2,
        payment_type_id=3,
    )
    unmapped = CompanySettings(id=102, name="Hansen Rørlegger")
    conn = ConnectionSettings(
        id="conn1",
        label="Regnskap",
        environment="demo",
        companies=[mapped, unmapped],
        is_accountant=True,
        sync=SyncOptions(interval=interval),
        token_expires_on=expires,
    )
    return Settings(connections=[conn])


def ok_report(connection_id: str = "conn1") -> SyncReport:
    counts = {"employees": EntityCounts(added=3), "projects": EntityCounts(unchanged=2, not_modified=True)}
    return SyncReport(
        connection_id,
        NOW,
        NOW,
        companies=(
            CompanyReport(101, "Fjordlys Reiser AS", counts),
            CompanyReport(102, "Hansen Rørlegger", counts),
        ),
    )


class FakeData:
    """The window's background data; records which thread asked."""

    def __init__(self) -> None:
        self.rows = {
            "employees": [
                ReferenceRow(1, "Kari Nordmann", "1"),
                ReferenceRow(2, "Ola Hansen", "2"),
                ReferenceRow(3, "Per Hansen", "3", is_active=False),
            ],
            "projects": [ReferenceRow(10, "Fjordtur", "P-1")],
            "departments": [],
            "cost_categories": [ReferenceRow(20, "Bil", None)],
        }
        self.entries: list[HistoryEntry] = []
        self.events: list[Any] = []
        self.counts: dict[int, dict[str, int]] = {}
        self.threads: list[threading.Thread] = []
        self.saved: list[Any] = []

    def reference(self, connection_id, company_id, kind):
        self.threads.append(threading.current_thread())
        return list(self.rows[kind])

    def history(self, connection_id, limit=50):
        self.threads.append(threading.current_thread())
        return list(self.entries)

    def report_events(self, connection_id, limit=500):
        return list(self.events)

    def report_counts(self, connection_id):
        return dict(self.counts)

    def save_settings(self, s):
        self.saved.append(s)

    def export_profile(self, path, connection_ids=None):
        pass

    def import_profile(self, path):
        self.imported = path
        return settings(interval="daily")

    def support_bundle(self, dest):
        return f"{dest}/bundle.zip"


class ScriptedRunner:
    """The sync runner behind the real controller: progress, then a report or an error; can block."""

    def __init__(self) -> None:
        self.report: SyncReport | Exception = ok_report()
        self.block = threading.Event()
        self.block.set()
        self.entered = threading.Event()

    def __call__(self, connection_id: str, cancel: CancelToken, on_progress: Callable[[SyncProgress], None]):
        on_progress(SyncProgress(connection_id, 101, "employees", 1, 9))
        self.entered.set()
        while not self.block.is_set():
            if cancel.wait(0.01):
                return SyncReport(connection_id, NOW, NOW, cancelled=True)
        if isinstance(self.report, Exception):
            raise self.report
        return self.report


class FakeWizard(QObject):
    connectionCreated = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.shown = False

    def show(self) -> None:
        self.shown = True


def company_item(window: MainWindow, company_id: int) -> Any:
    top = window.tree.topLevelItem(0)
    return next(
        top.child(i)
        for i in range(top.childCount())
        if top.child(i).data(0, Qt.ItemDataRole.UserRole)[1] == company_id
    )


def select(window: MainWindow, company_id: int) -> None:
    window.tree.setCurrentItem(company_item(window, company_id))


def sync_and_wait(qtbot: Any, h: SimpleNamespace) -> None:
    with qtbot.waitSignal(h.controller.finished, timeout=GUARD_MS):
        qtbot.mouseClick(h.window.company_panel.sync_button, Qt.MouseButton.LeftButton)


class Harness(SimpleNamespace):
    """A MainWindow factory (`make`) on fakes with a real SyncController; a context manager that shuts it down."""

    def __init__(self, qtbot: Any) -> None:
        runner = ScriptedRunner()
        controller = SyncController(runner)
        data = FakeData()
        wizards: list[tuple[Any, bool, FakeWizard]] = []
        opened: list[str] = []

        def open_wizard(parent: Any, existing: Any, token_page: bool) -> FakeWizard:
            w = FakeWizard()
            wizards.append((existing, token_page, w))
            return w

        def make(s: Settings | None = None, **kw: Any) -> MainWindow:
            context = SimpleNamespace(settings=s or settings(), paths=SimpleNamespace(log_dir="/tmp/logs"))
            window = MainWindow(
                context,
                controller,
                data=data,
                open_wizard=open_wizard,
                runner=kw.pop("runner", SyncRunner()),
                today=lambda: TODAY,
                switch_language=kw.pop("switch_language", lambda code: None),
                use_tray=kw.pop("use_tray", False),
                open_url=opened.append,
                **kw,
            )
            qtbot.addWidget(window)
            window.show()
            qtbot.waitExposed(window)
            qtbot.waitUntil(lambda: window.started, timeout=GUARD_MS)  # its reads start after the first paint
            self.window = window
            return window

        super().__init__(
            runner=runner,
            controller=controller,
            data=data,
            wizards=wizards,
            make=make,
            window=None,
            opened=opened,
        )

    def __enter__(self) -> Harness:
        return self

    def __exit__(self, *exc: object) -> None:
        self.runner.block.set()
        self.controller.shutdown(GUARD_MS)
        assert self.controller.sync_thread.isFinished()
