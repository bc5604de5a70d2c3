"""The import-order guard: nothing on the start path loads httpx, keyring, sqlite3 or the simulator before the
first window is painted (they load after it, or on first use), and the main window's hidden tabs (Synced data,
History) are built after it. Not a timing test: it lists modules and widgets."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tripletex_desktop.app.paths import resolve_paths
from tripletex_desktop.storage.settings import (
    CompanySettings,
    ConnectionSettings,
    Settings,
    SettingsStore,
    SyncOptions,
)

ROOT = Path(__file__).resolve().parents[2]
#: Modules the first window never waits for: the network client, the keyring, the database, the simulator,
#: and what httpx's optional command line would pull in.
NOT_BEFORE_FIRST_PAINT = (
    "httpx",
    "keyring",
    "sqlite3",
    "tripletex_desktop.simulator",
    "click",
    "rich",
    "pygments",
)

#: Runs the real GUI entry point in a child process; at the first paint of a top-level window it writes the
#: window's class, every module loaded since the child started (not what its environment preloaded) and which of
#: the hidden tabs' pages exist already, then quits.
PROBE = textwrap.dedent(
    """
    import json, sys
    # what the environment loaded before the app (e.g. dev.py's clock shift in every process) is not the app's
    before = {name for name, module in sys.modules.items() if module is not None}
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication(sys.argv[:1])
    seen = {}
    HIDDEN_PAGES = ("dataBrowser", "historyPanel")

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget) and watched.isWindow():
                if not seen:
                    loaded = [n for n, m in sys.modules.items() if m is not None and n not in before]
                    pages = [n for n in HIDDEN_PAGES if watched.findChild(QWidget, n) is not None]
                    seen.update(window=type(watched).__name__, modules=sorted(loaded), pages=pages)
                    QTimer.singleShot(0, app.quit)
            return False

    probe = FirstPaint()
    app.installEventFilter(probe)
    from tripletex_desktop.__main__ import main

    main(["--config-dir", sys.argv[1], "--lang", "nb"])
    json.dump(seen, sys.stdout)
    """
)


def first_paint(home: Path) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k != "TRIPLETEX_DESKTOP_STARTUP_PROBE"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, str(home)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=True,
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def loaded_too_early(modules: list[str]) -> list[str]:
    return [
        m
        for m in modules
        if m.split(".")[0] in NOT_BEFORE_FIRST_PAINT or m.startswith(NOT_BEFORE_FIRST_PAINT)
    ]


def test_first_run_paints_the_main_window_before_the_network_keyring_database_or_simulator(tmp_path) -> None:
    seen = first_paint(tmp_path / "home")
    assert seen["window"] == "MainWindow"
    assert loaded_too_early(seen["modules"]) == []
    assert "tripletex_desktop.ui.wizard" not in seen["modules"]  # the wizard opens after the first paint
    assert seen["pages"] == []  # Synced data and History are built right after the first paint


@pytest.mark.parametrize("environment", ["demo", "production"])
def test_a_configured_app_paints_before_them_too(tmp_path, environment) -> None:
    home = tmp_path / "home"
    paths = resolve_paths(home)
    paths.ensure()
    connection = ConnectionSettings(
        id="c1",
        label="Fjordlys",
        environment=environment,
        companies=[CompanySettings(id=1, name="Fjordlys Reiser AS")],
        sync=SyncOptions(interval="hourly"),
    )
    SettingsStore(paths.settings_file).save(Settings(connections=[connection], ui_language="nb"))
    seen = first_paint(home)
    assert seen["window"] == "MainWindow"
    assert loaded_too_early(seen["modules"]) == []
    assert seen["pages"] == []
