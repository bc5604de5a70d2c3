"""The emit() shim keeps True's reference count intact across many signal emissions."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

from tripletex_desktop.workers.qt_compat import emit


class Sender(QObject):
    ping = Signal(str, object)


def test_emit_shim_does_not_drain_true_refcount(qtbot) -> None:
    sender = Sender()
    got: list[str] = []
    sender.ping.connect(lambda s, o: got.append(s))
    before = sys.getrefcount(True)
    for _ in range(2000):
        emit(sender.ping, "x", None)
    assert sys.getrefcount(True) >= before
    assert len(got) == 2000
