"""The list keeps the report the user picked: a refresh that was asked for before a new pick never puts the
selection back on the old one (Send, Open and the total act on the selection)."""

from __future__ import annotations

import dataclasses
import uuid

import pytest

from tests.support.reports import trip
from tripletex_desktop.ui.reports import ReportsView
from tripletex_desktop.workers.tasks import SyncRunner

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


class HeldRunner:
    """Holds submitted tasks until `release()` (then runs them as SyncRunner does): a slow disk, in order."""

    def __init__(self) -> None:
        self.held: list[tuple[object, object]] = []
        self.hold = False

    def submit(self, handle, fn) -> None:
        if self.hold:
            self.held.append((handle, fn))
        else:
            SyncRunner().submit(handle, fn)

    def release(self) -> None:
        held, self.held = self.held, []
        for handle, fn in held:
            SyncRunner().submit(handle, fn)


def test_a_late_refresh_keeps_the_report_picked_since(qtbot, world, backend):
    first = trip(world, title="Bergen")
    second = dataclasses.replace(trip(world, title="Trondheim"), id=uuid.uuid4())
    backend.save_draft(first)
    backend.save_draft(second)
    runner = HeldRunner()
    view = ReportsView(backend, runner=runner)
    qtbot.addWidget(view)
    view.refresh()
    view.select(first.id)
    runner.hold = True
    view.refresh()  # asked for while "Bergen" is picked (an editor closing, a sync finishing)
    view.select(second.id)  # then the user picks "Trondheim"
    runner.release()
    assert [r.id for r in view.selected_rows()] == [second.id]
