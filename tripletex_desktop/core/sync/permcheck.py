"""Permission checks during a sync: when to re-probe, how a check is stored, and what a gap becomes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.errors import ErrorInfo
from tripletex_desktop.core.models import WhoAmI
from tripletex_desktop.core.permissions import (
    PERMISSIONS_BY_KEY,
    PermissionReport,
    Severity,
    Verdict,
    check_company_permissions,
    permissions_for,
    severity,
)
from tripletex_desktop.core.sync.report import EntityError

#: A check without gaps or probe errors is trusted this long; after that the sync probes again.
PERMISSION_CHECK_MAX_AGE = dt.timedelta(hours=24)
#: The stored JSON's format version.
FORMAT = 1
#: Warning codes a stored check adds to a company's sync report (ui/messages.py has their texts).
WARNING_LIKELY_MISSING = "permissions_likely_missing"
WARNING_PROJECTS_UNAVAILABLE = "projects_unavailable"


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

    def who_am_i(self) -> WhoAmI:
        """whoAmI in this company's context."""
        ...

    def get(self, path: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        """A GET returning the JSON body."""
        ...


def probe_company(client: ProbeClient, cancel: CancelToken, *, projects: bool = True) -> PermissionReport:
    """whoAmI in the company's context, then core.permissions' probes (a 401 there propagates).

    Project permissions are probed only when the company syncs projects, as in the wizard.
    """
    return check_company_permissions(client, client.who_am_i(), cancel=cancel, projects=projects)


def needed_keys(*, projects: bool) -> frozenset[str]:
    """The permission keys a company needs with these sync options."""
    return frozenset(p.key for p in permissions_for(projects=projects))


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


def verdicts(results: Mapping[str, Any]) -> dict[str, str]:
    """{key: verdict} of a stored check (lower case, as stored)."""
    return {key: str(e.get("verdict") or "") for key, e in _entries(results).items()}


def verdicts_changed(before: Mapping[str, Any] | None, after: Mapping[str, Any]) -> bool:
    """True when a permission both checks name has another verdict now (a probe error is no verdict).

    Tripletex's list checksums do not cover privilege changes, so a changed verdict means the stored
    `versionDigest`s of that company must go: the next sync reads every list in full.
    """
    if before is None:
        return False
    old, new = verdicts(before), verdicts(after)
    skip = {Verdict.ERROR.value, ""}
    return any(old[k] != new[k] for k in old.keys() & new.keys() if old[k] not in skip and new[k] not in skip)


def _needed(entries: Mapping[str, Mapping[str, Any]], needed: Collection[str] | None) -> dict[str, Any]:
    return {k: e for k, e in entries.items() if needed is None or k in needed}


def missing_permissions(
    results: Mapping[str, Any], needed: Collection[str] | None = None
) -> list[tuple[str, str | None, str | None]]:
    """(key, reason, request_id) of every blocking verdict (docs/permissions.md "Severity"), in stored order.

    `needed`: only these keys count (a project verdict stored before project sync was turned off does not).
    """
    return [
        (key, e.get("reason"), e.get("request_id"))
        for key, e in _needed(_entries(results), needed).items()
        if severity(key, str(e.get("verdict") or "")) is Severity.BLOCKER
    ]


def is_fresh(
    check: StoredCheck | None,
    now: dt.datetime,
    max_age: dt.timedelta = PERMISSION_CHECK_MAX_AGE,
    *,
    needed: Collection[str] | None = None,
) -> bool:
    """True when `check` may stand in for new probes: recent, complete, and without gaps or probe errors.

    A gap (missing or likely missing) is probed again on every sync, so ticking the box in Tripletex clears
    it at the next sync; a probe error is no verdict and is retried too. A check stored with a whole-company
    error is never fresh, nor one that lacks a `needed` key (project sync turned on after the check).
    """
    if check is None or not isinstance(check.results, Mapping) or check.results.get("error"):
        return False
    entries = _entries(check.results)
    if not entries:
        return False
    if needed is not None and not set(needed) <= entries.keys():
        return False
    again = (Verdict.MISSING.value, Verdict.LIKELY_MISSING.value, Verdict.ERROR.value)
    if any(e.get("verdict") in again for e in _needed(entries, needed).values()):
        return False
    return dt.timedelta(0) <= now - check.checked_at < max_age


def permission_warnings(results: Mapping[str, Any], needed: Collection[str] | None = None) -> list[str]:
    """Warning codes of a stored check: likely gaps, and a project module that refuses every read."""
    entries = _needed(_entries(results), needed)
    out: list[str] = []
    if any(e.get("verdict") == Verdict.LIKELY_MISSING.value for e in entries.values()):
        out.append(WARNING_LIKELY_MISSING)
    if projects_unavailable(results, needed):
        out.append(WARNING_PROJECTS_UNAVAILABLE)
    return out


def projects_unavailable(results: Mapping[str, Any], needed: Collection[str] | None = None) -> bool:
    """The project module refused every read (UNAVAILABLE): the sync leaves projects out, with a warning."""
    entries = _needed(_entries(results), needed)
    return any(
        e.get("verdict") == Verdict.UNAVAILABLE.value
        and getattr(PERMISSIONS_BY_KEY.get(k), "module", None) == "project"
        for k, e in entries.items()
    )


def missing_errors(results: Mapping[str, Any], needed: Collection[str] | None = None) -> list[EntityError]:
    """One `permission_denied` EntityError per blocking verdict; `entity` is the permission key."""
    return [
        EntityError(
            key,
            ErrorInfo(
                code="permission_denied",
                detail=f"permission check: {key} missing ({reason or 'unknown'})",
                request_id=rid,
            ),
        )
        for key, reason, rid in missing_permissions(results, needed)
    ]
