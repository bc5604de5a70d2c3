"""A faithful local Tripletex API v2 (WSGI, no Qt, nothing from core): demo mode, tests and benchmarks.

Shapes come from the official spec (spec_schema.py is generated from openapi.json); permission behaviour
follows docs/permissions.md. Reach it in-process with `Simulator().http_client()` or over loopback
with `serve(sim)`.
"""

from .domain import ApiFail
from .echo import Echo
from .faults import ConnectionDropped, Faults
from .seed import PERMISSION_KEYS, Scale
from .server import LoopbackServer, main, serve
from .simulator import DEMO_BASE_URL, DEMO_CONSUMER_TOKEN, DEMO_TOKENS, LoggedRequest, Simulator
from .store import CompanyData, Table

__all__ = [
    "DEMO_BASE_URL",
    "DEMO_CONSUMER_TOKEN",
    "DEMO_TOKENS",
    "PERMISSION_KEYS",
    "ApiFail",
    "CompanyData",
    "ConnectionDropped",
    "Echo",
    "Faults",
    "LoggedRequest",
    "LoopbackServer",
    "Scale",
    "Simulator",
    "Table",
    "main",
    "serve",
]
