"""Web pages the app opens in the browser: Tripletex itself, and Tripletex's guide to employee tokens."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from tripletex_desktop.core.models import Environment

#: Tripletex's web app per environment. Tripletex publishes no link straight to a user's "API-tilgang" tab
#: (it sits on the employee's card, Selskap › Ansatte), so the app opens the login and lists the steps.
TRIPLETEX_WEB: dict[Environment, str] = {
    Environment.PRODUCTION: "https://tripletex.no/",
    Environment.TEST: "https://api-test.tripletex.tech/",
}
#: Tripletex's own help article: "API - Opprette brukernøkkel (Integrasjon) for sluttbruker og regnskapsfører".
TOKEN_HELP_URL = "https://hjelp.tripletex.no/hc/no/articles/4409557117713"

#: open_url(url) -> whether the desktop opened it; tests inject a recorder.
UrlOpener = Callable[[str], object]


def open_in_browser(url: str) -> bool:
    """Ask the desktop to open `url` in the default browser (returns at once)."""
    return QDesktopServices.openUrl(QUrl(url))


def tripletex_web(environment: str | Environment) -> str:
    """Where to log in to Tripletex for a connection's environment (production for anything unknown)."""
    try:
        env = Environment(environment)
    except ValueError:
        env = Environment.PRODUCTION
    return TRIPLETEX_WEB.get(env, TRIPLETEX_WEB[Environment.PRODUCTION])
