"""The travel report UI in Norwegian Bokmål: the shipped catalogue covers it, and the widgets use it."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from tests.support.reports import make_backend, make_world, sync_reference
from tools import i18n as tool
from tripletex_desktop.storage.db import Database
from tripletex_desktop.ui import i18n
from tripletex_desktop.ui.reports import ReportsView
from tripletex_desktop.workers.tasks import SyncRunner

pytestmark = [
    pytest.mark.skipif(
        shutil.which("pyside6-lrelease") is None
        and not (Path(sys.executable).parent / "pyside6-lrelease").exists(),
        reason="pyside6-lrelease not installed",
    ),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

CONTEXTS = (
    "Reports",
    "ReportsView",
    "ReportEditor",
    "MileageLines",
    "PerDiemLines",
    "CostLines",
    "LinesTable",
    "ImportDialog",
    "DryRunDialog",
)


def test_the_shipped_catalogue_translates_every_report_string():
    problems = [p for p in tool.check() if any(f"[{ctx}]" in p for ctx in CONTEXTS)]
    assert problems == []


@pytest.fixture
def norwegian(tmp_path_factory, monkeypatch, qapp):
    out = tmp_path_factory.mktemp("qm")
    tool.build(out)
    monkeypatch.setattr(i18n, "i18n_dir", lambda: out)
    i18n.install_translators(qapp, "nb")
    yield
    i18n.install_translators(qapp, "en")


def test_view_and_editor_speak_norwegian(qtbot, tmp_path: Path, norwegian):
    world = make_world()
    db = Database.open(tmp_path / "db.sqlite3")
    try:
        sync_reference(world, db)
        view = ReportsView(make_backend(world, db), runner=SyncRunner())
        qtbot.addWidget(view)
        assert view.new_report.text() != "&New travel report"
        assert view.state.itemText(0) != "All states"
        view.new_report.click()
        editor = view.editor
        editor.approve_send_button.click()
        title_error = editor._errors["title"]
        assert not title_error.isHidden()
        assert title_error.text() == "Skriv inn en tittel."
        editor.reject()
    finally:
        db.close()


def test_norwegian_mnemonics_are_unique(qtbot, tmp_path: Path, norwegian):
    from tests.support.reports_ui import mnemonics

    world = make_world()
    db = Database.open(tmp_path / "db.sqlite3")
    try:
        sync_reference(world, db)
        view = ReportsView(make_backend(world, db), runner=SyncRunner())
        qtbot.addWidget(view)
        view.new_report.click()
        view.import_button.click()
        for root in (view, view.editor, view.import_dialog):
            keys = mnemonics(root)
            assert len(keys) >= 6 and len(keys) == len(set(keys)), (root.objectName(), sorted(keys))
    finally:
        db.close()
