"""Workaround for PySide6 6.12's `SignalInstance.emit()` returning True without a reference (crashes at exit)."""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal


class _Probe(QObject):
    ping = Signal()


def _emit_steals_a_reference() -> bool:
    """Measure once whether emit() leaves True one reference short (PySide6 6.12.0 on CPython 3.11 does)."""
    if sys.version_info >= (3, 12):  # True is immortal there: the missing reference is harmless
        return False
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.ping.emit()
    return sys.getrefcount(True) < before


_LEAKS = _emit_steals_a_reference()
_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


def emit(signal: Any, *args: Any) -> None:
    """`signal.emit(*args)`, giving back the reference PySide6 6.12 takes from the returned bool.

    Each plain `emit()` under the bug drops True's reference count by one; a long-running app (or a
    test suite) eventually deallocates True and aborts with "bool_dealloc". Use this for every emit.
    """
    result = signal.emit(*args)
    if _LEAKS and isinstance(result, bool):
        _incref(result)
