"""Guard for the pinned PySide6: void calls and signal emits must not drop references to None or True.

PySide6 6.12.0 on CPython 3.11 returns None from void methods and True from `SignalInstance.emit()` without
a reference; after a few thousand calls the interpreter aborts ("none_dealloc"/"bool_dealloc"). We pin a
release without that bug; this test fails if a future bump brings it back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class Sender(QObject):
    ping = Signal(str, object)


def test_void_calls_and_emits_keep_none_and_true_references(qtbot) -> None:
    sender = Sender()
    got: list[str] = []
    sender.ping.connect(lambda s, o: got.append(s))
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    calls = 2_000
    for _ in range(calls):
        sender.setObjectName("x")
        sender.ping.emit("x", None)
    assert len(got) == calls
    # A leaking build loses about one reference per call; allow a little noise from the interpreter.
    assert none_before - sys.getrefcount(None) < 50
    assert true_before - sys.getrefcount(True) < 50
