import logging
import os
import uuid

import keyring
import keyring.errors
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null

from tripletex_desktop import APP_ID
from tripletex_desktop.core.errors import SecretStoreUnavailable
from tripletex_desktop.storage.logs import RedactingFilter
from tripletex_desktop.storage.secrets import (
    MemoryKeyring,
    SessionOnlyTokenStore,
    TokenStore,
    backend_description,
)

TOKEN = "eyJ0b2tlbklkIjoxLCJ0b2tlbiI6InNlY3JldC12YWx1ZSJ9"


class _Fake(KeyringBackend):
    viable = False  # never picked up by keyring's discovery
    priority = 5
    error: BaseException | None = None

    def get_password(self, service, username):
        if self.error:
            raise self.error
        return None

    def set_password(self, service, username, password):
        if self.error:
            raise self.error

    def delete_password(self, service, username):
        if self.error:
            raise self.error


class PlaintextAlt(_Fake):
    pass


PlaintextAlt.__module__ = "keyrings.alt.file"


class LowPriority(_Fake):
    priority = 0.5


class SecretStorageError(Exception):
    pass


SecretStorageError.__module__ = "secretstorage.exceptions"


def test_round_trip_and_usernames():
    backend = MemoryKeyring()
    store = TokenStore(backend)
    store.ensure_secure()
    assert store.get("c1") is None
    store.set("c1", TOKEN)
    store.set("c1", "consumer-token-value", kind="consumer")
    assert store.get("c1") == TOKEN
    assert store.get("c1", kind="consumer") == "consumer-token-value"
    assert backend.get_password(APP_ID, "c1:employee") == TOKEN
    assert backend.get_password(APP_ID, "c1:consumer") == "consumer-token-value"
    store.delete("c1")
    assert store.get("c1") is None
    assert store.get("c1", kind="consumer") == "consumer-token-value"
    store.delete("c1")  # missing is fine
    store.delete("c1", kind=None)
    assert store.get("c1", kind="consumer") is None


def test_default_backend_is_keyrings_configured_one(_memory_keyring):
    TokenStore().set("c2", TOKEN)
    assert _memory_keyring.get_password(APP_ID, "c2:employee") == TOKEN


def test_bad_kind_and_connection_id():
    store = TokenStore(MemoryKeyring())
    with pytest.raises(ValueError):
        store.get("c1", kind="session")
    with pytest.raises(ValueError):
        store.set("a:b", TOKEN)
    with pytest.raises(ValueError):
        store.set("c1", "")


@pytest.mark.parametrize(
    "backend,reason",
    [
        (fail.Keyring(), "no_backend"),
        (null.Keyring(), "no_backend"),
        (PlaintextAlt(), "insecure_backend"),
        (LowPriority(), "insecure_backend"),
    ],
)
def test_insecure_backends_refused(backend, reason):
    store = TokenStore(backend)
    with pytest.raises(SecretStoreUnavailable) as info:
        store.ensure_secure()
    assert info.value.reason == reason
    with pytest.raises(SecretStoreUnavailable):
        store.set("c1", TOKEN)
    with pytest.raises(SecretStoreUnavailable):
        store.get("c1")


def test_chainer_without_backends_is_no_backend(monkeypatch):
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [])
    with pytest.raises(SecretStoreUnavailable) as info:
        TokenStore(chainer.ChainerBackend()).ensure_secure()
    assert info.value.reason == "no_backend"


def test_chainer_with_plaintext_member_is_insecure(monkeypatch):
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [_Fake(), PlaintextAlt()])
    with pytest.raises(SecretStoreUnavailable) as info:
        TokenStore(chainer.ChainerBackend()).ensure_secure()
    assert info.value.reason == "insecure_backend"


def test_chainer_of_secure_backends_is_fine(monkeypatch):
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [_Fake(), _Fake()])
    TokenStore(chainer.ChainerBackend()).ensure_secure()


@pytest.mark.parametrize(
    "error,reason",
    [
        (keyring.errors.KeyringLocked("Failed to unlock the collection!"), "locked"),
        (keyring.errors.InitError("no collection"), "locked"),
        (keyring.errors.KeyringError("boom"), "locked"),
        (SecretStorageError("prompt dismissed"), "locked"),
        (keyring.errors.NoKeyringError("none"), "no_backend"),
    ],
)
def test_locked_backends(error, reason):
    backend = _Fake()
    backend.error = error
    store = TokenStore(backend)
    for call in (
        store.ensure_secure,
        lambda: store.get("c1"),
        lambda: store.set("c1", TOKEN),
        lambda: store.delete("c1"),
    ):
        with pytest.raises(SecretStoreUnavailable) as info:
            call()
        assert info.value.reason == reason


def test_error_never_contains_token():
    backend = _Fake()
    backend.error = keyring.errors.PasswordSetError(f"could not store {TOKEN}")
    with pytest.raises(SecretStoreUnavailable) as info:
        TokenStore(backend).set("c1", TOKEN)
    assert TOKEN not in str(info.value) and TOKEN not in repr(info.value)
    assert info.value.__cause__ is None and info.value.__context__ is not None  # suppressed, not chained
    assert TOKEN not in repr(TokenStore(MemoryKeyring()))


def test_programming_errors_propagate():
    backend = _Fake()
    backend.error = ZeroDivisionError()
    with pytest.raises(ZeroDivisionError):
        TokenStore(backend).get("c1")


def test_loaded_and_stored_tokens_are_registered_for_redaction(caplog):
    backend = MemoryKeyring()
    backend.set_password(APP_ID, "c1:employee", "stored-before-start-123")
    store = TokenStore(backend)
    store.get("c1")
    store.set("c2", TOKEN)
    assert RedactingFilter.redact("x stored-before-start-123 y") == "x [REDACTED] y"
    assert TOKEN not in RedactingFilter.redact(f"value {TOKEN}")


def test_session_only_store_is_memory_and_separate(_memory_keyring):
    store = SessionOnlyTokenStore()
    store.ensure_secure()
    store.set("c1", TOKEN)
    assert store.get("c1") == TOKEN
    assert _memory_keyring.get_password(APP_ID, "c1:employee") is None
    assert SessionOnlyTokenStore().get("c1") is None
    assert "session only" in store.backend_description()


def test_memory_keyring_never_discovered_by_keyring():
    assert MemoryKeyring not in set(KeyringBackend.get_viable_backends())


def test_backend_description_has_no_secrets():
    backend = MemoryKeyring()
    store = TokenStore(backend)
    store.set("c1", TOKEN)
    text = store.backend_description()
    assert "MemoryKeyring" in text and TOKEN not in text
    assert "no_backend" in backend_description(fail.Keyring())
    assert "insecure_backend" in backend_description(PlaintextAlt())


def _unavailable(reason):
    # CI sets this where the Secret Service is set up on purpose, so a broken setup fails instead of skipping.
    if os.environ.get("TRIPLETEX_DESKTOP_REQUIRE_SECRET_SERVICE"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.mark.secret_service
def test_real_secret_service_round_trip():
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        _unavailable("no D-Bus session bus")
    from keyring.backends import SecretService

    try:
        SecretService.Keyring.priority  # noqa: B018
    except Exception as exc:
        _unavailable(f"Secret Service unavailable: {type(exc).__name__}")
    store = TokenStore(SecretService.Keyring())
    try:
        store.ensure_secure()
    except SecretStoreUnavailable as exc:
        _unavailable(f"Secret Service locked or unusable: {exc.reason}")
    connection_id = uuid.uuid4().hex
    try:
        store.set(connection_id, TOKEN)
        store.set(connection_id, "consumer-" + connection_id, kind="consumer")
        fresh = TokenStore(SecretService.Keyring())
        assert fresh.get(connection_id) == TOKEN
        assert fresh.get(connection_id, kind="consumer") == "consumer-" + connection_id
        assert "SecretService" in fresh.backend_description()
    finally:
        store.delete(connection_id, kind=None)
    assert store.get(connection_id) is None
    logging.getLogger(__name__).debug("secret service round trip ok")
