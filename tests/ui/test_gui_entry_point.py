"""The real GUI entry point (ui.application.run_gui) starts in demo mode and reaches the main window.

It runs in a process of its own: run_gui owns the event loop (QApplication.exec) from start to quit, and a
quit ends what the suite's shared QApplication could do afterwards.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tripletex_desktop.app.paths import resolve_paths

ROOT = Path(__file__).resolve().parents[2]

#: Starts run_gui with an injected date and an in-memory keyring, and reports what is on the screen once the
#: main window and the wizard are shown (a polling timer on the event loop, never a sleep; a guard timer ends
#: a run that never gets there).
DRIVER = r"""
import datetime as dt, json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from tripletex_desktop.storage.secrets import MemoryKeyring, TokenStore
from tripletex_desktop.ui.application import run_gui
from tripletex_desktop.ui.main_window import MainWindow
from tripletex_desktop.ui.wizard import SetupWizard

seen = {}

def visible(kind):
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()), None)

def check():
    window, wizard = visible(MainWindow), visible(SetupWizard)
    if window is None or wizard is None:
        return
    poll.stop()
    try:
        seen.update(name=window.objectName(), title=window.windowTitle(),
                    environment=wizard.ctx.draft.environment.value)
        for widget in QApplication.topLevelWidgets():
            widget.close()
    finally:
        QApplication.quit()

def give_up():
    seen["timeout"] = True
    QApplication.quit()

poll = QTimer(); poll.setInterval(5); poll.timeout.connect(check)
guard = QTimer(); guard.setSingleShot(True); guard.setInterval(30_000); guard.timeout.connect(give_up)
QTimer.singleShot(0, poll.start); QTimer.singleShot(0, guard.start)
code = run_gui(config_dir=sys.argv[1], demo=True, language="en",
               clock=lambda: dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC),
               token_store=TokenStore(MemoryKeyring()))
print(json.dumps({"code": code, **seen}))
"""


def test_run_gui_in_demo_mode_reaches_the_main_window_and_opens_the_demo_setup(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert "timeout" not in seen, "the main window and the demo setup did not appear"
    assert seen["code"] == 0
    assert seen["name"] == "mainWindow" and "Tripletex Desktop" in seen["title"]
    # First run: the setup wizard opens by itself, with the built-in demo (simulator) chosen.
    assert seen["environment"] == "demo"
    # It used the folder it was given.
    assert resolve_paths(tmp_path).database_file.exists()
