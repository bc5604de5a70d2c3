"""Tripletex API v2 client: sessions, Basic auth per company, paging, checksums, retries, error mapping."""

# Lazy (PEP 562): a name is imported from its module on first use, so importing one light module of
# this package (or one name) does not load the heavy ones; the imports below are for type checkers and
# the import-linter contracts, which see them as the package's imports.

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

#: Each public name and the module that defines it.
_EXPORTS: dict[str, str] = {
    "Call": "tripletex_desktop.core.api.call",
    "TripletexClient": "tripletex_desktop.core.api.client",
    "CompanyClient": "tripletex_desktop.core.api.company",
    "ConnectionTarget": "tripletex_desktop.core.api.target",
    "check_employee_token": "tripletex_desktop.core.api.target",
    "make_http_client": "tripletex_desktop.core.api.target",
    "normalize_token": "tripletex_desktop.core.api.target",
    "oslo_today": "tripletex_desktop.core.api.target",
}

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


def __getattr__(name: str) -> Any:
    """Import `name` from its module on first use (and keep it here)."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names, loaded or not."""
    return sorted(set(globals()) | set(_EXPORTS))
