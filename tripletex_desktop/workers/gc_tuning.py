"""Keep Python's cyclic garbage collector from freezing the GUI during a large sync."""

from __future__ import annotations

import gc

_frozen = False


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
