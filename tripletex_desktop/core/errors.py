"""Typed errors with stable codes; core and storage raise them, ui/messages.py turns codes into text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class ValidationMessage:
    """One entry of Tripletex's `validationMessages` list."""

    field: str | None
    message: str
    path: str | None = None
    row_id: int | None = None


class TripletexDesktopError(Exception):
    """Base of every error the app raises on purpose; `code` is stable and drives the user message."""

    code: str = "error"

    def __init__(self, detail: str = "", *, request_id: str | None = None) -> None:
        super().__init__(detail or self.code)
        self.detail = detail
        self.request_id = request_id

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, detail={self.detail!r}, request_id={self.request_id!r})"


# --- configuration and input -------------------------------------------------------------------


class ConfigurationError(TripletexDesktopError):
    """The connection settings cannot work (caught before anything is sent)."""

    code = "configuration"


class TokenMissing(ConfigurationError):
    """The connection is set up but this machine's keyring holds no employee token for it (a profile imported
    from another machine, a new user account, a keyring that was reset)."""

    code = "token_missing"


class TestTokenOnProduction(ConfigurationError):
    """A `test-` employee token aimed at the production environment."""

    code = "test_token_on_production"
    __test__ = False  # not a pytest class


class MalformedToken(ConfigurationError):
    """The pasted token is empty or contains characters no token has."""

    code = "malformed_token"


class Cancelled(TripletexDesktopError):
    """The user cancelled the running operation."""

    code = "cancelled"


# --- transport -----------------------------------------------------------------------------------


class TransportError(TripletexDesktopError):
    """The request never got an HTTP answer."""

    code = "network"


class NetworkUnavailable(TransportError):
    """No connection to the host (DNS, refused, unreachable, dropped)."""

    code = "network"


class RequestTimeout(TransportError):
    """The server did not answer in time; for a write, the outcome is unknown."""

    code = "timeout"


class TlsError(TransportError):
    """The TLS handshake or certificate check failed."""

    code = "tls"


class ProxyError(TransportError):
    """The configured proxy refused or failed the request."""

    code = "proxy"


# --- HTTP answers from Tripletex -----------------------------------------------------------------


class ApiError(TripletexDesktopError):
    """Tripletex answered with an error status; keeps status, Tripletex code and `requestId`."""

    code = "api"

    def __init__(
        self,
        detail: str = "",
        *,
        status: int = 0,
        tripletex_code: int | None = None,
        request_id: str | None = None,
        validation_messages: Sequence[ValidationMessage] = (),
        developer_message: str | None = None,
        method: str | None = None,
        path: str | None = None,
    ) -> None:
        super().__init__(detail, request_id=request_id)
        self.status = status
        self.tripletex_code = tripletex_code
        self.validation_messages: tuple[ValidationMessage, ...] = tuple(validation_messages)
        self.developer_message = developer_message
        self.method = method
        self.path = path

    def __str__(self) -> str:
        where = f" {self.method} {self.path}" if self.method and self.path else ""
        rid = f" requestId={self.request_id}" if self.request_id else ""
        fields = "; ".join(f"{v.field}: {v.message}" for v in self.validation_messages)
        tail = f" [{fields}]" if fields else ""
        return f"HTTP {self.status}/{self.tripletex_code}{where}: {self.detail}{tail}{rid}"


class BadRequest(ApiError):
    """400: the client sent something Tripletex cannot parse (a bug on our side)."""

    code = "bad_request"


class AuthenticationFailed(ApiError):
    """401/3000: the session or employee token is invalid or expired."""

    code = "auth_failed"


class EmployeeTokenInvalid(AuthenticationFailed):
    """Session creation refused the employee token (unknown, revoked or expired)."""

    code = "employee_token_invalid"


class EmployeeTokenExpired(AuthenticationFailed):
    """Session creation answered 401: the employee token has expired or was revoked in Tripletex."""

    code = "employee_token_expired"


class ClockWrong(ApiError):
    """Tripletex refused the session's `expirationDate`: this computer's date is most likely wrong."""

    code = "clock_wrong"


class ConsumerTokenInvalid(ApiError):
    """Session creation refused the consumer token (the application's own token)."""

    code = "consumer_token_invalid"


class WrongEnvironment(ApiError):
    """The token belongs to another Tripletex environment (production vs test)."""

    code = "wrong_environment"


class PermissionDenied(ApiError):
    """403/9000: authenticated, but the token lacks a permission for this call."""

    code = "permission_denied"


class ClientNotReachable(PermissionDenied):
    """The token no longer acts for this client company (403 under its id, or a 401 only there).

    Only that client is affected: the connection's other companies keep working.
    """

    code = "client_not_reachable"


class NotFound(ApiError):
    """404/6000."""

    code = "not_found"


class Conflict(ApiError):
    """409: exists, stale revision, locked or duplicate."""

    code = "conflict"


class ValidationFailed(ApiError):
    """422: Tripletex rejected the values; see `validation_messages`."""

    code = "validation_failed"


class RateLimited(ApiError):
    """429: too many requests; `retry_after` seconds until the period resets, if known."""

    code = "rate_limited"

    def __init__(self, detail: str = "", *, retry_after: float | None = None, **kwargs: object) -> None:
        super().__init__(detail, **kwargs)  # type: ignore[arg-type]
        self.retry_after = retry_after


class ServerError(ApiError):
    """5xx: Tripletex is unavailable or failed; retry later and report the `requestId`."""

    code = "server_error"


# --- local state ---------------------------------------------------------------------------------


class StorageError(TripletexDesktopError):
    """Local persistence failed."""

    code = "storage"


class SecretStoreUnavailable(StorageError):
    """No secure keyring backend, or it is locked or refused access."""

    code = "keyring_unavailable"

    def __init__(self, detail: str = "", *, reason: str = "no_backend") -> None:
        super().__init__(detail)
        #: "no_backend", "insecure_backend" or "locked"
        self.reason = reason


class SettingsCorrupt(StorageError):
    """The settings file could not be read; it was moved aside to `backup_path`."""

    code = "settings_corrupt"

    def __init__(self, detail: str = "", *, backup_path: str | None = None) -> None:
        super().__init__(detail)
        self.backup_path = backup_path


class ProfileInvalid(StorageError):
    """A profile file cannot be imported; `reason` is missing, unreadable, not_utf8, not_json,
    not_profile, future_version or damaged."""

    code = "profile_invalid"

    def __init__(self, detail: str = "", *, reason: str = "damaged", line: int | None = None) -> None:
        super().__init__(detail)
        self.reason = reason
        self.line = line


class DiskFull(StorageError):
    """The disk is full; nothing already stored was lost."""

    code = "disk_full"


class ReadOnlyStorage(StorageError):
    """The data folder or database is read-only."""

    code = "read_only"


class SyncAlreadyRunning(TripletexDesktopError):
    """Another process or thread is syncing this connection."""

    code = "sync_running"


@dataclass(frozen=True, slots=True)
class ErrorInfo:
    """A thread-safe, picklable summary of an error for signals, history and the support bundle."""

    code: str
    detail: str = ""
    request_id: str | None = None
    status: int | None = None
    tripletex_code: int | None = None
    fields: tuple[ValidationMessage, ...] = field(default_factory=tuple)
    retry_after: float | None = None

    @classmethod
    def from_exception(cls, exc: BaseException) -> ErrorInfo:
        """Summarise any exception; unknown ones get code "internal"."""
        if isinstance(exc, ApiError):
            return cls(
                code=exc.code,
                detail=exc.detail,
                request_id=exc.request_id,
                status=exc.status,
                tripletex_code=exc.tripletex_code,
                fields=exc.validation_messages,
                retry_after=getattr(exc, "retry_after", None),
            )
        if isinstance(exc, TripletexDesktopError):
            return cls(code=exc.code, detail=exc.detail, request_id=exc.request_id)
        return cls(code="internal", detail=type(exc).__name__)
