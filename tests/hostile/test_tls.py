"""TLS that must not be trusted, under a real `tripletex-desktop`: the simulator behind HTTPS with a certificate
from a certificate authority nobody installed (`trustme`), and with a trusted certificate for another host name.

The app refuses both before a single HTTP request goes out (so no token is sent), says the secure connection
failed in the user's language, and keeps the report waiting. The positive control: the same server, with its
authority trusted the way a company's own authority is (SSL_CERT_FILE), works and the report is sent once — so
the refusal is about trust, not a broken server. And nothing in the app turns certificate checks off.
"""

from __future__ import annotations

import re
import ssl
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import trustme

from tests.support.hostile import (
    TOKEN,
    AppHome,
    Served,
    TlsSimulator,
    point_at,
    queue_report,
    travel_expenses_with,
)
from tripletex_desktop.app.environment import CONSUMER_TOKEN_ENV
from tripletex_desktop.cli.texts import Texts
from tripletex_desktop.core.api import ConnectionTarget, make_http_client
from tripletex_desktop.core.models import Environment
from tripletex_desktop.simulator import DEMO_CONSUMER_TOKEN

pytestmark = [pytest.mark.loopback, pytest.mark.hostile]
PACKAGE = Path(__file__).resolve().parents[2] / "tripletex_desktop"


@pytest.fixture(scope="module")
def authority() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def tls(served: Served, authority: trustme.CA) -> Iterator[TlsSimulator]:
    server = TlsSimulator(served.sim, authority.issue_cert("127.0.0.1", "localhost"))
    yield server
    server.close()


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_a_certificate_nobody_trusts_is_refused_before_any_request(
    served: Served, home: AppHome, tls: TlsSimulator, lang: str
) -> None:
    report_id = queue_report(home)
    point_at(home, tls.base_url())
    synced = home.run("sync", lang=lang)
    synced.assert_clean()
    assert synced.code == 1, synced.output
    assert Texts(lang, "sync").error("tls") in synced.output, synced.output
    env = home.env(lang, **{CONSUMER_TOKEN_ENV: DEMO_CONSUMER_TOKEN})
    checked = home.run("check", "--base-url", tls.base_url(), lang=lang, env=env, stdin=TOKEN + "\n")
    checked.assert_clean()
    assert checked.code == 1, checked.output
    assert Texts(lang, "check").error("tls") in checked.output, checked.output
    assert tls.requests == 0  # refused at the handshake: no token went out
    assert tls.refused_handshakes == 2  # once per command: a refused certificate is not asked again
    assert home.outbox()[report_id][0] in ("queued", "unknown")
    assert travel_expenses_with(served.sim, home.company_id, report_id) == []


def test_a_trusted_certificate_for_another_host_name_is_refused(
    served: Served, home: AppHome, authority: trustme.CA, tmp_path: Path
) -> None:
    server = TlsSimulator(served.sim, authority.issue_cert("tripletex.example"))
    try:
        report_id = queue_report(home)
        point_at(home, server.base_url())
        authority.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
        synced = home.run("sync", lang="nb", env=home.env("nb", SSL_CERT_FILE=str(tmp_path / "ca.pem")))
    finally:
        server.close()
    synced.assert_clean()
    assert synced.code == 1, synced.output
    assert Texts("nb", "sync").error("tls") in synced.output, synced.output
    assert server.requests == 0
    assert travel_expenses_with(served.sim, home.company_id, report_id) == []


def test_control_the_same_server_with_its_authority_trusted_works_and_sends_once(
    served: Served, home: AppHome, tls: TlsSimulator, authority: trustme.CA, tmp_path: Path
) -> None:
    report_id = queue_report(home)
    point_at(home, tls.base_url())
    authority.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    synced = home.run("sync", lang="en", env=home.env("en", SSL_CERT_FILE=str(tmp_path / "ca.pem")))
    synced.assert_clean()
    assert synced.code in (0, 2), synced.output
    assert tls.requests > 0
    assert home.outbox()[report_id] == ("sent", None)
    assert len(travel_expenses_with(served.sim, home.company_id, report_id)) == 1


#: Ways Python code turns certificate checks off.
CHECKS_OFF = re.compile(
    r"verify\s*=\s*False|CERT_NONE|check_hostname\s*=\s*False|_create_unverified_context|PYTHONHTTPSVERIFY"
    r"|verify_mode\s*=|set_ciphers|\binsecure\b",
    re.IGNORECASE,
)


def test_nothing_in_the_app_turns_certificate_checks_off() -> None:
    found = [
        f"{path.relative_to(PACKAGE)}:{n}: {line.strip()}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if CHECKS_OFF.search(line)
    ]
    assert found == []
    http = make_http_client(ConnectionTarget.for_environment(Environment.PRODUCTION, DEMO_CONSUMER_TOKEN))
    try:
        context = http._transport._pool._ssl_context  # type: ignore[attr-defined]  # httpx's own client
        assert isinstance(http._transport, httpx.HTTPTransport)  # type: ignore[attr-defined]
        assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    finally:
        http.close()
