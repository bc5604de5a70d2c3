"""No keyring, and a locked one, under a real `tripletex-desktop`: the sync and `check` say so in the user's
language, send nothing, write the token nowhere else (never a plaintext fallback), and keep the report waiting;
once the keyring is there again, the next sync sends it exactly once.

The locked keyring is a real one: gnome-keyring's login collection locked over D-Bus, with no display for its
unlock prompt (as under cron or a service). It runs in `dev.py test`'s Secret Service step (marker secret_service).
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
from collections.abc import Iterator

import pytest

from tests.security.leakscan import Scanner
from tests.support.hostile import (
    NO_KEYRING,
    SECRET_SERVICE,
    TOKEN,
    AppHome,
    Served,
    queue_report,
    travel_expenses_with,
)
from tripletex_desktop.cli.texts import Texts
from tripletex_desktop.simulator import DEMO_CONSUMER_TOKEN

pytestmark = [pytest.mark.loopback, pytest.mark.hostile]


def no_token_anywhere(home: AppHome) -> None:
    """The employee token is in no file under the app folder, in any encoding the leak scanner knows."""
    scanner = Scanner({"employee token": TOKEN}, usernames={"0", str(home.company_id)})
    hits, files = scanner.scan_tree(home.root)
    assert files and hits == []


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_without_a_keyring_the_sync_and_check_say_so_send_nothing_and_keep_the_report(
    served: Served, home: AppHome, lang: str
) -> None:
    report_id = queue_report(home)
    missing = dataclasses.replace(home, keyring=NO_KEYRING)
    texts = Texts(lang, "sync")
    synced = missing.run("sync", lang=lang)
    synced.assert_clean()
    assert synced.code == 2, synced.output  # a person must act (the sync's exit status for the keyring)
    assert texts.error("keyring_unavailable") in synced.output, synced.output
    checked = missing.run("check", "--connection", "Fjordlys", lang=lang)
    checked.assert_clean()
    assert checked.code == 1, checked.output
    assert Texts(lang, "check").error("keyring_unavailable") in checked.output, checked.output
    assert TOKEN not in synced.output + checked.output
    assert home.outbox()[report_id][0] == "queued"
    assert travel_expenses_with(served.sim, home.company_id, report_id) == []
    no_token_anywhere(home)
    back = home.run("sync", lang=lang)  # the keyring is back
    assert back.code in (0, 2), back.output
    assert home.outbox()[report_id] == ("sent", None)
    assert len(travel_expenses_with(served.sim, home.company_id, report_id)) == 1


def _secret_service_or_skip() -> None:
    reason = ""
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        reason = "no D-Bus session bus"
    else:
        from keyring.backends import SecretService  # only with a D-Bus session

        try:
            SecretService.Keyring.priority  # noqa: B018
        except Exception as exc:
            reason = f"Secret Service unavailable: {type(exc).__name__}"
    if reason and os.environ.get("TRIPLETEX_DESKTOP_REQUIRE_SECRET_SERVICE"):
        pytest.fail(reason)
    if reason:
        pytest.skip(reason)


@pytest.fixture
def in_secret_service(home: AppHome) -> Iterator[AppHome]:
    """The copied folder with its tokens in the real Secret Service (removed again afterwards)."""
    _secret_service_or_skip()
    real = dataclasses.replace(home, keyring=SECRET_SERVICE)
    store = real.token_store()
    store.set("hostile1", TOKEN)
    store.set("hostile1", DEMO_CONSUMER_TOKEN, kind="consumer")
    yield real
    unlock_login_keyring()
    store.delete("hostile1", kind=None)


def lock_login_keyring() -> None:
    """Lock the default collection, as a screen lock or a fresh login without auto-unlock leaves it."""
    import secretstorage  # only with a D-Bus session

    with secretstorage.dbus_init() as bus:
        collection = secretstorage.get_default_collection(bus)
        collection.lock()
        assert collection.is_locked()


def unlock_login_keyring() -> None:
    """Unlock it again with its password (dev.py's Secret Service step created it with this one)."""
    import secretstorage  # only with a D-Bus session

    subprocess.run(
        ["gnome-keyring-daemon", "--replace", "--unlock", "--components=secrets"],
        input=b"tripletex-desktop-ci",
        capture_output=True,
        check=True,
        timeout=30,
    )
    with secretstorage.dbus_init() as bus:
        assert not secretstorage.get_default_collection(bus).is_locked()


@pytest.mark.secret_service
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_a_locked_keyring_is_said_nothing_is_sent_and_the_next_sync_after_unlocking_sends_it(
    served: Served, in_secret_service: AppHome, lang: str
) -> None:
    home = in_secret_service
    report_id = queue_report(home)
    lock_login_keyring()
    synced = home.run("sync", lang=lang)
    synced.assert_clean()
    assert synced.code == 2, synced.output
    assert Texts(lang, "sync").error("keyring_unavailable") in synced.output, synced.output
    assert home.outbox()[report_id][0] == "queued"
    assert travel_expenses_with(served.sim, home.company_id, report_id) == []
    no_token_anywhere(home)
    unlock_login_keyring()
    back = home.run("sync", lang=lang)
    assert back.code in (0, 2), back.output
    assert home.outbox()[report_id] == ("sent", None)
    assert len(travel_expenses_with(served.sim, home.company_id, report_id)) == 1
