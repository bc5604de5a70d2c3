"""One request as the simulator handles it: the request context, the reply, sessions and the request log."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from .domain import ApiFail, Viewer, forbidden
from .seed import TokenInfo
from .store import CompanyData


def module_of(permission_key: str) -> str | None:
    """The Tripletex module a permission belongs to ("travel_all" → "travel"), None for company data."""
    prefix = permission_key.split("_", 1)[0]
    return prefix if prefix in ("travel", "project") else None


@dataclass
class LoggedRequest:
    """One request as the simulator saw it (tokens in paths and queries are masked)."""

    method: str
    path: str
    query: dict[str, str]
    status: int | None
    username: str | None


@dataclass
class Session:
    """A session token and what it belongs to."""

    id: int
    token: str = field(repr=False)
    expiration: dt.date = dt.date.min
    info: TokenInfo = field(default=None, repr=False)  # type: ignore[assignment]


@dataclass
class Ctx:
    """One request being handled."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes
    base_url: str
    params: dict[str, str] = field(default_factory=dict)
    session: Session | None = None
    company: CompanyData | None = None
    username: str | None = None

    @property
    def info(self) -> TokenInfo:
        """The employee token behind the session."""
        assert self.session is not None
        return self.session.info

    @property
    def co(self) -> CompanyData:
        """The company the request acts in."""
        assert self.company is not None
        return self.company

    def has(self, key: str) -> bool:
        """Whether the token holds permission `key` (never for a module the company does not have)."""
        if self.company is not None and module_of(key) in self.company.inactive_modules:
            return False
        return key in self.info.permissions

    def require(self, key: str) -> None:
        """403/9000 unless the token holds `key`; the same 403/9000 when the company lacks the module."""
        if self.company is not None and module_of(key) in self.company.inactive_modules:
            raise forbidden("Modulen er ikke aktivert for selskapet.")
        if not self.has(key):
            raise forbidden()

    def json(self) -> Any:
        """The JSON body (422/22000 when it does not parse)."""
        try:
            return json.loads(self.body or b"null")
        except ValueError as exc:
            raise ApiFail(422, 22000, "Ugyldig JSON.", [("body", "Ugyldig JSON.")]) from exc

    def viewer(self) -> Viewer:
        """The token owner as seen by permission rules."""
        return Viewer(self.info.employee_id, set(self.info.permissions))

    def int_param(self, name: str) -> int:
        """A path parameter as an int."""
        return int(self.params[name])


@dataclass
class Reply:
    """Status, JSON body (None = empty) and extra headers."""

    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
