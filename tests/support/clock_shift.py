"""Moves this process's wall clock to $TDK_FAKE_NOW (time-machine, ticking); loaded by a .pth in the test venv.

`python3 dev.py test` writes `tdk_clock_shift.pth` into the test environment's site-packages, so every Python
process of a shifted run (pytest and each subprocess it starts) begins at the same fake instant. Only the
wall clock moves (`time.time`, `datetime.now`, `date.today`); monotonic clocks and Qt's own clocks do not,
so thread waits and timeouts behave as usual. Without $TDK_FAKE_NOW the .pth does nothing.
"""

from __future__ import annotations

import datetime as dt
import os

import time_machine

_DESTINATION = dt.datetime.fromisoformat(os.environ["TDK_FAKE_NOW"])
_TRAVELLER = time_machine.travel(_DESTINATION, tick=True)
_TRAVELLER.start()
