"""Map HTTP answers and httpx failures to the typed errors of core.errors (keyed on status and code)."""

from __future__ import annotations

import ssl
from collections.abc import Callable
from typing import Any

import httpx

from tripletex_desktop.core import errors as e

REQUEST_ID_HEADER = "x-tlx-request-id"

_BY_STATUS: dict[int, type[e.ApiError]] = {
    400: e.BadRequest,
    401: e.AuthenticationFailed,
    403: e.PermissionDenied,
    404: e.NotFound,
    409: e.Conflict,
    422: e.ValidationFailed,
    429: e.RateLimited,
}


def _json_body(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def request_id_of(response: httpx.Response, body: dict[str, Any] | None = None) -> str | None:
    """Tripletex's `requestId` from the error body, else from the `x-tlx-request-id` header."""
    rid = (body or {}).get("requestId")
    return str(rid) if rid else response.headers.get(REQUEST_ID_HEADER)


def header_seconds(response: httpx.Response, name: str) -> float | None:
    """A numeric header such as `X-Rate-Limit-Reset`, or None when absent or unparsable."""
    raw = response.headers.get(name)
    if raw is None:
        return None
    try:
        return float(raw.strip())
    except ValueError:
        return None


def error_class_for(status: int) -> type[e.ApiError]:
    """The ApiError subclass for an HTTP status."""
    if status in _BY_STATUS:
        return _BY_STATUS[status]
    return e.ServerError if status >= 500 else e.ApiError


def error_from_response(
    response: httpx.Response,
    *,
    method: str,
    path: str,
    scrub: Callable[[str | None], str],
    cls: type[e.ApiError] | None = None,
) -> e.ApiError:
    """Build the typed error for a non-2xx answer; `path` must already be free of secrets."""
    body = _json_body(response)
    messages = tuple(
        e.ValidationMessage(
            field=scrub(m.get("field")) if m.get("field") else None,
            message=scrub(m.get("message")),
            path=m.get("path"),
            row_id=m.get("rootId"),
        )
        for m in body.get("validationMessages") or ()
        if isinstance(m, dict)
    )
    code = body.get("code")
    kwargs: dict[str, Any] = {
        "status": response.status_code,
        "tripletex_code": code if isinstance(code, int) else None,
        "request_id": request_id_of(response, body),
        "validation_messages": messages,
        "developer_message": scrub(body.get("developerMessage")) or None,
        "method": method,
        "path": path,
    }
    detail = scrub(body.get("message")) or response.reason_phrase
    cls = cls or error_class_for(response.status_code)
    if issubclass(cls, e.RateLimited):
        return cls(detail, retry_after=header_seconds(response, "X-Rate-Limit-Reset"), **kwargs)
    return cls(detail, **kwargs)


def is_certificate_refused(exc: BaseException) -> bool:
    """The server's certificate failed verification (untrusted, expired, another host's): asking again gets the
    same answer, so the request is not retried (a TLS failure in the middle of a handshake may be)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ssl.SSLCertVerificationError):
            return True
        current = current.__cause__ or current.__context__
    return "CERTIFICATE_VERIFY_FAILED" in str(exc)


def _is_tls_failure(exc: BaseException) -> bool:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ssl.SSLError):
            return True
        current = current.__cause__ or current.__context__
    text = str(exc)
    return "CERTIFICATE_VERIFY_FAILED" in text or "[SSL" in text or "TLSV1_ALERT" in text


def transport_error(exc: httpx.TransportError, *, method: str, path: str) -> e.TransportError:
    """The typed error for a request that got no HTTP answer; the detail names the kind, never the URL."""
    detail = f"{type(exc).__name__} on {method} {path}"
    if isinstance(exc, httpx.TimeoutException):
        return e.RequestTimeout(detail)
    if isinstance(exc, httpx.ProxyError):
        return e.ProxyError(detail)
    if _is_tls_failure(exc):
        return e.TlsError(detail)
    return e.NetworkUnavailable(detail)
