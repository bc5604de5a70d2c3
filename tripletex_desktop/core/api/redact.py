"""Keep tokens out of log lines and error texts: a scrubber for known secrets and a filter for httpx's log."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

import httpx

REDACTED = "***"

#: Query parameters that carry secrets in some Tripletex calls (the legacy session PUT, consumer lookup).
SENSITIVE_QUERY_KEYS = frozenset({"token", "consumerToken", "employeeToken", "sessionToken"})

# `/token/session/{token}` carries the session token in the path; `>whoAmI` and `:create` are not secrets.
_SESSION_IN_PATH = re.compile(r"(/token/session/)(?![>:]|%3E|%3e)[^/?#\s\"']+")


def redact_path(path: str) -> str:
    """Mask a session token that sits in a `/token/session/{token}` path."""
    return _SESSION_IN_PATH.sub(r"\1" + REDACTED, path)


def redact_url(url: httpx.URL | str) -> str:
    """The URL with the session token masked in its path and sensitive query values masked."""
    url = httpx.URL(str(url))
    params = [(k, REDACTED if k in SENSITIVE_QUERY_KEYS else v) for k, v in url.params.multi_items()]
    redacted = url.copy_with(params=params) if params else url
    return redact_path(str(redacted))


class Redactor:
    """Replaces every known secret value in a text with `***`."""

    __slots__ = ("_secrets",)

    def __init__(self, secrets: Iterable[str | None] = ()) -> None:
        self._secrets: list[str] = []
        for secret in secrets:
            self.add(secret)

    def add(self, secret: str | None) -> None:
        """Remember one more secret (ignores empty and very short values that would mangle text)."""
        if secret and len(secret) >= 4 and secret not in self._secrets:
            self._secrets.append(secret)
            self._secrets.sort(key=len, reverse=True)

    def __call__(self, text: str | None) -> str:
        if not text:
            return text or ""
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return redact_path(text)

    def __repr__(self) -> str:
        return f"Redactor(<{len(self._secrets)} secrets>)"


class HttpxLogRedactor(logging.Filter):
    """Rewrites the URL httpx logs at INFO ("HTTP Request: GET <url> ...") so no token reaches a handler."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Mask URLs among the record's arguments; never drops a record."""
        if isinstance(record.args, tuple) and record.args:
            record.args = tuple(redact_url(arg) if isinstance(arg, httpx.URL) else arg for arg in record.args)
        return True


def install_log_redaction() -> None:
    """Attach `HttpxLogRedactor` to the `httpx` logger once (idempotent, safe from any thread)."""
    logger = logging.getLogger("httpx")
    if not any(isinstance(f, HttpxLogRedactor) for f in logger.filters):
        logger.addFilter(HttpxLogRedactor())
