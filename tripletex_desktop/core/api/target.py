"""Where a connection points (environment, base URL, consumer token) and the httpx.Client made for it."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import httpx

from tripletex_desktop import __version__
from tripletex_desktop.core.api.redact import install_log_redaction
from tripletex_desktop.core.errors import ConfigurationError, MalformedToken, TestTokenOnProduction
from tripletex_desktop.core.models import BASE_URLS, Environment

OSLO = ZoneInfo("Europe/Oslo")
USER_AGENT = f"TripletexDesktop/{__version__} python-httpx/{httpx.__version__}"
TEST_TOKEN_PREFIX = "test-"


def oslo_today(now: dt.datetime | None = None) -> dt.date:
    """Today's date in Norway (sessions expire at midnight Europe/Oslo); `now` must be timezone-aware."""
    return (now.astimezone(OSLO) if now else dt.datetime.now(OSLO)).date()


@dataclass(frozen=True)
class ConnectionTarget:
    """The Tripletex host a connection talks to, and our integration's consumer token (never in repr)."""

    environment: Environment
    base_url: str
    consumer_token: str = field(repr=False)

    @classmethod
    def for_environment(
        cls, env: Environment, consumer_token: str, base_url: str | None = None
    ) -> ConnectionTarget:
        """Pick the base URL of `env` (a custom environment needs `base_url`)."""
        url = base_url or BASE_URLS.get(env)
        if not url:
            raise ConfigurationError(f"no base URL for environment {env.value}")
        return cls(environment=env, base_url=url.rstrip("/"), consumer_token=consumer_token.strip())


def clean_token(raw: str) -> str:
    """Drop every whitespace character, line break and invisible format character (a byte-order mark, a
    zero-width space from a web page: Unicode category Cf) a copy/paste brings along, around and inside.

    For what a person pastes (the wizard's token fields); `normalize_token` then still refuses an empty result.
    """
    return "".join(ch for ch in "".join((raw or "").split()) if unicodedata.category(ch) != "Cf")


def normalize_token(token: str) -> str:
    """Strip surrounding whitespace and line breaks; empty or inner whitespace → MalformedToken.

    Tokens are not otherwise pattern-checked (API-NOTES §10, #57).
    """
    cleaned = (token or "").strip()
    if not cleaned or any(ch.isspace() for ch in cleaned):
        raise MalformedToken("empty token" if not cleaned else "token contains whitespace")
    return cleaned


def check_employee_token(token: str, environment: Environment) -> str:
    """Normalise an employee token and refuse a `test-` token aimed at production (before any request)."""
    cleaned = normalize_token(token)
    if environment is Environment.PRODUCTION and cleaned.startswith(TEST_TOKEN_PREFIX):
        raise TestTokenOnProduction("test- token on production")
    return cleaned


def make_http_client(
    target: ConnectionTarget,
    *,
    transport: httpx.BaseTransport | None = None,
    timeout: float = 30.0,
    proxy: str | None = None,
) -> httpx.Client:
    """An httpx.Client for `target`: base URL, User-Agent, JSON accept, timeouts; no auth, no redirects."""
    install_log_redaction()
    return httpx.Client(
        base_url=target.base_url,
        headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
        timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
        transport=transport,
        proxy=proxy if transport is None else None,
        follow_redirects=False,
    )
