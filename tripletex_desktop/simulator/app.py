"""Compatibility: the simulator's public names, now in `simulator.py` (and `demo.py`, `dispatch.py`, `routes/`)."""

from .demo import DEMO_BASE_URL, DEMO_CONSUMER_TOKEN, DEMO_TOKENS
from .simulator import LoggedRequest, Simulator, SimulatorTransport

__all__ = [
    "DEMO_BASE_URL",
    "DEMO_CONSUMER_TOKEN",
    "DEMO_TOKENS",
    "LoggedRequest",
    "Simulator",
    "SimulatorTransport",
]
