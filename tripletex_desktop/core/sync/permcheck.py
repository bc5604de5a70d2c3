"""Permission checks during a sync: when to re-probe, how a check is stored, and what a gap becomes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from tripletex_desktop.core.errors import ErrorInfo
from tripletex_desktop.core.permissions import PermissionReport, Verdict, check_company_permissions
from tripletex_desktop.core.sync.report import EntityError

#: A check without gaps or probe errors is trusted this long; after that the sync probes again.
PERMISSION_CHECK_MAX_AGE = dt.timedelta(hours=24)
#: The stored JSON's format version.
FORMAT = 1


@dataclass(frozen=True, slots=True)
class StoredCheck:
    """The newest stored check of one company: when, and its JSON (see `check_to_json`)."""

    checked_at: dt.datetime
    results: Mapping[str, Any]


class PermissionCheckStore(Protocol):
    """Where checks are kept (services.sync.DatabaseSink over storage.db.Database fits)."""

    def last_permission_check(self, connection_id: str, company_id: int) -> StoredCheck | None:
        """The newest check of a company, if any."""
        ...

    def save_permission_check(self, connection_id: str, company_id: int, results: Mapping[str, Any]) -> None:
        """Store a check (JSON-able)."""
        ...


class ProbeClient(Protocol):
    """What the probes need of a company client (core.api.CompanyClient fits)."""

    def who_am_i(self) -> Any:
        """whoAmI in this company's context."""
        ...

    def get(self, path: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        """A GET returning the JSON body."""
        ...


def probe_company(client: ProbeClient, cancel: Any) -> PermissionReport:
    """whoAmI in the company's context, then core.permissions' probes (a 401 there propagates)."""
    return check_company_permissions(client, client.who_am_i(), cancel=cancel)


def _verdict(value: Any) -> str:
    name = getattr(value, "value", None) or str(value)
    return str(name).lower()


def check_to_json(
    results: Mapping[str, tuple[Any, str | None, str | None]], *, source: str, error: ErrorInfo | None = None
) -> dict[str, Any]:
    """The stored form: {"format", "source", "error", "permissions": {key: {verdict, reason, request_id}}}.

    `results` maps a permission key to (verdict, reason, request_id); verdicts are stored in lower case
    ("granted", "missing", "inconclusive", "error") whatever enum or string they came as.
    """
    return {
        "format": FORMAT,
        "source": source,
        "error": None if error is None else {"code": error.code, "request_id": error.request_id},
        "permissions": {
            key: {"verdict": _verdict(verdict), "reason": reason, "request_id": rid}
            for key, (verdict, reason, rid) in results.items()
        },
    }


def report_to_json(report: PermissionReport, *, source: str = "sync") -> dict[str, Any]:
    """A core.permissions.PermissionReport in the stored form."""
    return check_to_json({r.key: (r.verdict, r.reason, r.request_id) for r in report.results}, source=source)


def _entries(results: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    perms = results.get("permissions") if isinstance(results, Mapping) else None
    if not isinstance(perms, Mapping):
        return {}
    return {str(k): v for k, v in perms.items() if isinstance(v, Mapping)}


def missing_permissions(results: Mapping[str, Any]) -> list[tuple[str, str | None, str | None]]:
    """(key, reason, request_id) of every MISSING verdict in a stored check, in stored order."""
    return [
        (key, e.get("reason"), e.get("request_id"))
        for key, e in _entries(results).items()
        if e.get("verdict") == Verdict.MISSING.value
    ]


def is_fresh(
    check: StoredCheck | None, now: dt.datetime, max_age: dt.timedelta = PERMISSION_CHECK_MAX_AGE
) -> bool:
    """True when `check` may stand in for new probes: recent, complete, and without gaps or probe errors.

    A gap is probed again on every sync, so ticking the box in Tripletex clears it at the next sync; a
    probe error is no verdict and is retried too. A check stored with a whole-company error is never fresh.
    """
    if check is None or not isinstance(check.results, Mapping) or check.results.get("error"):
        return False
    entries = _entries(check.results)
    if not entries:
        return False
    if any(e.get("verdict") in (Verdict.MISSING.value, Verdict.ERROR.value) for e in entries.values()):
        return False
    return dt.timedelta(0) <= now - check.checked_at < max_age


def missing_errors(results: Mapping[str, Any]) -> list[EntityError]:
    """One `permission_denied` EntityError per missing permission; `entity` is the permission key."""
    return [
        EntityError(
            key,
            ErrorInfo(
                code="permission_denied",
                detail=f"permission check: {key} missing ({reason or 'unknown'})",
                request_id=rid,
            ),
        )
        for key, reason, rid in missing_permissions(results)
    ]
