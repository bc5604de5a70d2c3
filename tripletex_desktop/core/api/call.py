"""One logical Tripletex request (method, path, company context, body) and query/path encoding."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tripletex_desktop.core.models import OWN_COMPANY

#: Sent as `If-None-Match` when no checksum is stored yet: any non-empty value turns checksums on (§6).
CHECKSUM_REQUEST = "tripletex-desktop-first-read"
JSON_UTF8 = "application/json; charset=utf-8"

Params = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Call:
    """One logical request. `log_path` is the path as it may appear in logs and errors (no secrets)."""

    method: str
    path: str
    company_id: int | None = OWN_COMPANY
    params: Params | None = None
    body: Any = field(default=None, repr=False)  # the session body holds the tokens
    content_type: str = JSON_UTF8
    files: Mapping[str, tuple[str, bytes, str]] | None = field(default=None, repr=False)
    headers: Mapping[str, str] | None = None
    log_path: str | None = None

    @property
    def is_read(self) -> bool:
        """GETs are safe to repeat; writes are not (their outcome may be unknown)."""
        return self.method == "GET"

    @property
    def safe_path(self) -> str:
        """The path for logs and errors."""
        return self.log_path or self.path


def encode_path(path: str) -> str:
    """Percent-encode `>` (Tripletex summary paths such as `/token/session/>whoAmI`)."""
    return path.replace(">", "%3E")


def query_params(params: Params | None) -> dict[str, str]:
    """Drop None values and render dates, booleans and id lists the way Tripletex expects."""
    out: dict[str, str] = {}
    for key, value in (params or {}).items():
        if value is None:
            continue
        if isinstance(value, bool):
            out[key] = "true" if value else "false"
        elif isinstance(value, dt.date):
            out[key] = value.isoformat()
        elif isinstance(value, (list, tuple, set, frozenset)):
            out[key] = ",".join(str(v) for v in value)
        else:
            out[key] = str(value)
    return out
