"""Tokens in the OS keyring (never a plaintext fallback), plus an explicit in-memory store for "this run only"."""

from __future__ import annotations

import threading
from typing import Any

import keyring
import keyring.errors
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null

from tripletex_desktop import APP_ID
from tripletex_desktop.core.errors import SecretStoreUnavailable
from tripletex_desktop.storage.logs import RedactingFilter

KINDS = ("employee", "consumer")
#: Username of the read used to find a locked keyring (never written).
_PROBE_USERNAME = "probe:employee"
#: Libraries under keyring's backends whose own exceptions mean "the store is not usable now".
_BACKEND_LIBRARIES = frozenset({"secretstorage", "jeepney", "dbus", "gi", "pywintypes", "win32ctypes"})


class MemoryKeyring(KeyringBackend):
    """A keyring backend that keeps passwords in this process only (tests, and "this run only").

    It is not `viable`, so keyring's own discovery never picks it: it is used only when passed explicitly.
    """

    priority = 1
    viable = False

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # keyring's base class is untyped
        self._values: dict[tuple[str, str], str] = {}
        self._lock = threading.Lock()

    def get_password(self, service: str, username: str) -> str | None:
        """The stored value, or None."""
        with self._lock:
            return self._values.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        """Store a value."""
        with self._lock:
            self._values[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        """Remove a value; PasswordDeleteError if there is none (as real backends do)."""
        with self._lock:
            if self._values.pop((service, username), None) is None:
                raise keyring.errors.PasswordDeleteError("not found")

    def __repr__(self) -> str:
        return f"MemoryKeyring(entries={len(self._values)})"


def _backend_name(backend: KeyringBackend) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _priority(backend: KeyringBackend) -> float | None:
    try:
        return float(backend.priority)
    except Exception:  # priority raises when the backend cannot work here
        return None


def _insecurity(backend: KeyringBackend) -> str | None:
    """None when `backend` is acceptable, else the SecretStoreUnavailable reason."""
    if isinstance(backend, fail.Keyring | null.Keyring):
        return "no_backend"
    if isinstance(backend, chainer.ChainerBackend):
        chained = list(backend.backends)
        if not chained:
            return "no_backend"
        reasons = [_insecurity(b) for b in chained]
        if "insecure_backend" in reasons:
            return "insecure_backend"
        return None if any(r is None for r in reasons) else "no_backend"
    if type(backend).__module__.startswith("keyrings.alt"):
        return "insecure_backend"
    priority = _priority(backend)
    if priority is None:
        return "no_backend"
    if priority < 1:
        return "insecure_backend"
    return None


def backend_description(backend: KeyringBackend | None = None) -> str:
    """Which keyring backend is in use, for the support bundle (no secrets, no entries)."""
    backend = keyring.get_keyring() if backend is None else backend
    if isinstance(backend, chainer.ChainerBackend):
        inner = ", ".join(backend_description(b) for b in backend.backends) or "empty"
        return f"{_backend_name(backend)} [{inner}]"
    priority = _priority(backend)
    shown = "unavailable" if priority is None else f"{priority:g}"
    return f"{_backend_name(backend)} (priority {shown}, {_insecurity(backend) or 'ok'})"


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}")


def _username(connection_id: str, kind: str) -> str:
    _check_kind(kind)
    if not connection_id or ":" in connection_id:
        raise ValueError("bad connection id")
    return f"{connection_id}:{kind}"


def _unavailable(exc: BaseException) -> SecretStoreUnavailable:
    # Only the exception type: a backend's message might quote what it was given.
    if isinstance(exc, keyring.errors.NoKeyringError):
        return SecretStoreUnavailable(type(exc).__name__, reason="no_backend")
    return SecretStoreUnavailable(type(exc).__name__, reason="locked")


class _Missing(Exception):
    """Internal: the entry to delete does not exist."""


class TokenStore:
    """Employee and consumer tokens per connection in the OS keyring (service = APP_ID)."""

    def __init__(self, backend: KeyringBackend | None = None, *, service: str = APP_ID) -> None:
        self._backend = backend
        self.service = service
        self._checked = False

    @property
    def backend(self) -> KeyringBackend:
        """The keyring backend in use (resolved lazily from keyring's configuration)."""
        if self._backend is None:
            self._backend = keyring.get_keyring()
        return self._backend

    def ensure_secure(self) -> None:
        """Raise SecretStoreUnavailable unless a secure, unlocked keyring backend is in use."""
        try:
            backend = self.backend
        except Exception as exc:
            raise SecretStoreUnavailable(type(exc).__name__, reason="no_backend") from None
        self._checked = False
        reason = _insecurity(backend)
        if reason is not None:
            raise SecretStoreUnavailable(_backend_name(backend), reason=reason)
        self._call(backend.get_password, self.service, _PROBE_USERNAME)
        self._checked = True

    def get(self, connection_id: str, kind: str = "employee") -> str | None:
        """The stored token, or None."""
        value: str | None = self._call(
            self._secure_backend().get_password, self.service, _username(connection_id, kind)
        )
        RedactingFilter.register_secret(value)
        return value

    def set(self, connection_id: str, token: str, kind: str = "employee") -> None:
        """Store (or replace) a token."""
        if not token:
            raise ValueError("empty token")
        RedactingFilter.register_secret(token)
        self._call(self._secure_backend().set_password, self.service, _username(connection_id, kind), token)

    def delete(self, connection_id: str, kind: str | None = "employee") -> None:
        """Remove a token (kind=None: every kind); a missing entry is not an error."""
        backend = self._secure_backend()
        for k in KINDS if kind is None else (kind,):
            try:
                self._call(backend.delete_password, self.service, _username(connection_id, k))
            except _Missing:
                continue

    def backend_description(self) -> str:
        """Which backend this store uses (for the support bundle)."""
        try:
            return backend_description(self.backend)
        except Exception as exc:
            return f"unavailable ({type(exc).__name__})"

    def _secure_backend(self) -> KeyringBackend:
        backend = self.backend
        if not self._checked:  # a backend's priority may ask D-Bus: check once, not per call
            reason = _insecurity(backend)
            if reason is not None:
                raise SecretStoreUnavailable(_backend_name(backend), reason=reason)
            self._checked = True
        return backend

    @staticmethod
    def _call(fn: Any, *args: str) -> Any:
        try:
            return fn(*args)
        except keyring.errors.PasswordDeleteError:
            raise _Missing from None
        except (keyring.errors.KeyringError, OSError) as exc:
            raise _unavailable(exc) from None
        except Exception as exc:
            # secretstorage/jeepney/D-Bus errors (a prompt dismissed, the bus gone) are "locked";
            # anything else is a bug and propagates.
            if type(exc).__module__.split(".")[0] in _BACKEND_LIBRARIES:
                raise _unavailable(exc) from None
            raise

    def __repr__(self) -> str:
        return f"{type(self).__name__}(backend={_backend_name(self.backend) if self._backend else 'default'})"


class SessionOnlyTokenStore(TokenStore):
    """Keeps tokens in memory for this run only; used ONLY after the user explicitly chooses that."""

    def __init__(self, *, service: str = APP_ID) -> None:
        super().__init__(MemoryKeyring(), service=service)

    def backend_description(self) -> str:
        """Says the tokens are not persisted."""
        return "session only (in memory, not persisted)"
