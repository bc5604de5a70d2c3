"""Tripletex API v2 client: sessions, Basic auth per company, paging, checksums, retries, error mapping."""

from tripletex_desktop.core.api.call import Call
from tripletex_desktop.core.api.client import TripletexClient
from tripletex_desktop.core.api.company import CompanyClient
from tripletex_desktop.core.api.target import (
    ConnectionTarget,
    check_employee_token,
    make_http_client,
    normalize_token,
    oslo_today,
)

__all__ = [
    "Call",
    "CompanyClient",
    "ConnectionTarget",
    "TripletexClient",
    "check_employee_token",
    "make_http_client",
    "normalize_token",
    "oslo_today",
]
