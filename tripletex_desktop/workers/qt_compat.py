"""Qt runtime fixes: PySide6 6.12.0 refcount workarounds, and keeping the cyclic GC from freezing the GUI."""

from __future__ import annotations

import ctypes
import gc
import logging
import platform
import sys

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

#: What "immortal" means here: far more references than a process could ever drop.
_IMMORTAL = 1 << 50
_frozen = False


class _Probe(QObject):
    ping = Signal()


def _immortalize(obj: object) -> None:
    refcnt = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt is the first field of every object
    if refcnt.value < _IMMORTAL >> 10:
        refcnt.value += _IMMORTAL


def _void_call_drops_none() -> bool:
    probe = _Probe()
    before = sys.getrefcount(None)
    for _ in range(8):
        probe.setObjectName("probe")  # any void method: 6.12.0 returns None without a reference
    return sys.getrefcount(None) < before


def _emit_drops_true() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.ping.emit()  # 6.12.0 returns True from emit() without a reference
    return sys.getrefcount(True) < before


def apply_refcount_workarounds() -> tuple[bool, bool]:
    """Measure once, then make None / True / False immortal if PySide6 drops references to them.

    PySide6 6.12.0 (with CPython 3.11) returns None from every void method and True from
    `SignalInstance.emit()` without taking a reference, so each call lowers the singleton's count by one;
    after a few thousand `setText()` calls the interpreter aborts with "none_dealloc" (or "bool_dealloc").
    CPython 3.12 made these singletons immortal; this does the same by hand. Detected, not assumed;
    idempotent; returns (none_fixed, bool_fixed). Call it once at start-up before any widget work.
    """
    if sys.version_info >= (3, 12) or platform.python_implementation() != "CPython":
        return False, False
    none_leaks = _void_call_drops_none()
    true_leaks = _emit_drops_true()
    if none_leaks:
        _immortalize(None)
    if true_leaks:
        _immortalize(True)
        _immortalize(False)
    if none_leaks or true_leaks:
        log.debug("PySide6 refcount workaround applied (None=%s, bool=%s)", none_leaks, true_leaks)
    return none_leaks, true_leaks


def freeze_startup_objects() -> bool:
    """Once per process: collect, then move everything alive now out of the cyclic GC's reach (gc.freeze).

    A sync creates hundreds of thousands of short-lived objects; each full collection then walked every
    object the app holds (Qt wrappers, modules, settings), 25-45 ms with the GIL held, which froze the
    window mid-sync (bench/bench_sync_gui.py: 54 ms stalls before, about 20 ms after). Returns True the
    first time.
    """
    global _frozen
    if _frozen:
        return False
    _frozen = True
    gc.collect()
    gc.freeze()
    return True
