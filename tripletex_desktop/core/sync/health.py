"""Health at a glance for a company of a connection: OK, syncing, or what needs attention (pure logic)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from tripletex_desktop.core.errors import ErrorInfo
from tripletex_desktop.core.mapping import mapping_gaps
from tripletex_desktop.core.models import CompanyMapping, TravelExpenseSettings
from tripletex_desktop.core.sync.report import TOKEN_ERROR_CODES, EntityError

#: Warn this many days before a known token expiry date.
TOKEN_WARNING_DAYS = 14


class HealthState(StrEnum):
    """Overall state, worst first when sorting by severity."""

    ATTENTION = "attention"  # the user must act (token, permission, mapping)
    ERROR = "error"  # the last run failed for a reason that may pass (network, 5xx, rate limit)
    SYNCING = "syncing"
    NEVER = "never"  # not synced yet
    OK = "ok"


class Reason(StrEnum):
    """Why a company needs attention; ui/messages.py has the text."""

    TOKEN_INVALID = "token_invalid"
    TOKEN_EXPIRING = "token_expiring"
    TOKEN_EXPIRED = "token_expired"
    PERMISSION_MISSING = "permission_missing"
    CLIENT_UNREACHABLE = "client_unreachable"
    MAPPING_MISSING = "mapping_missing"
    MAPPING_UNUSABLE = (
        "mapping_unusable"  # a chosen category or payment type is inactive or gone in Tripletex
    )
    REPORTS_WAITING = "reports_waiting"  # travel reports Tripletex refused wait in the outbox for the user
    LAST_RUN_FAILED = "last_run_failed"


@dataclass(frozen=True, slots=True)
class Health:
    """State plus the reasons behind it; `errors` are the last run's errors for this company."""

    state: HealthState
    reasons: tuple[Reason, ...] = ()
    token_expires_on: dt.date | None = None
    errors: tuple[EntityError, ...] = ()

    @property
    def first_error(self) -> ErrorInfo | None:
        """The error to show first: a token problem, else the first one."""
        for e in self.errors:
            if e.error.code in TOKEN_ERROR_CODES:
                return e.error
        return self.errors[0].error if self.errors else None

    @property
    def missing_permission_entities(self) -> tuple[str, ...]:
        """The lists a 403 blocked (e.g. "projects"), to say which box to tick."""
        return tuple(e.entity for e in self.errors if e.error.code == "permission_denied" and e.entity)


def company_health(
    *,
    today: dt.date,
    token_expires_on: dt.date | None,
    mapping_complete: bool,
    running: bool,
    ever_synced: bool,
    errors: Sequence[EntityError] = (),
    reports_waiting: int = 0,
    mapping_unusable: bool = False,
) -> Health:
    """Combine settings and the last run into one state.

    `errors` are the last finished run's errors that concern this company (its own plus the run-level
    ones). `reports_waiting` counts the company's travel reports that wait for the user (the last run's
    CompanyReport.waiting_for_user); `mapping_unusable` is the last run's "mapping_unusable" warning (a chosen
    cost category or payment type inactive or gone in Tripletex). Attention reasons win over syncing, so a broken token is visible while a
    run is going.
    """
    reasons: list[Reason] = []
    codes = {e.error.code for e in errors}
    if codes & TOKEN_ERROR_CODES:
        reasons.append(Reason.TOKEN_INVALID)
    if token_expires_on is not None:
        if token_expires_on < today:
            reasons.append(Reason.TOKEN_EXPIRED)
        elif token_expires_on <= today + dt.timedelta(days=TOKEN_WARNING_DAYS):
            reasons.append(Reason.TOKEN_EXPIRING)
    if "client_not_reachable" in codes:
        reasons.append(Reason.CLIENT_UNREACHABLE)
    if "permission_denied" in codes:
        reasons.append(Reason.PERMISSION_MISSING)
    if not mapping_complete:
        reasons.append(Reason.MAPPING_MISSING)
    if mapping_unusable:
        reasons.append(Reason.MAPPING_UNUSABLE)
    if reports_waiting:
        reasons.append(Reason.REPORTS_WAITING)
    if reasons:
        state = HealthState.ATTENTION
    elif running:
        state = HealthState.SYNCING
    elif errors and not codes <= {"cancelled"}:
        state = HealthState.ERROR
        reasons.append(Reason.LAST_RUN_FAILED)
    elif not ever_synced:
        state = HealthState.NEVER
    else:
        state = HealthState.OK
    return Health(state, tuple(reasons), token_expires_on, tuple(errors))


def mapping_complete(company: Any, settings: TravelExpenseSettings | None = None) -> bool:
    """Whether a storage CompanySettings (duck-typed) has what core.mapping.mapping_gaps requires.

    `settings` are the company's travel settings when known (the last sync's CompanyReport.travel_settings
    or the stored ones); without them all three slots are required.
    """
    return not mapping_gaps(mapping_of(company), settings)


def mapping_of(company: Any) -> CompanyMapping:
    """The CompanyMapping of a storage CompanySettings (duck-typed: its `mapping()` or the three fields)."""
    mapping = getattr(company, "mapping", None)
    if callable(mapping):
        return mapping()  # type: ignore[no-any-return]
    return CompanyMapping(
        company_id=int(getattr(company, "id", 0) or 0),
        mileage_cost_category_id=getattr(company, "mileage_cost_category_id", None),
        per_diem_cost_category_id=getattr(company, "per_diem_cost_category_id", None),
        payment_type_id=getattr(company, "payment_type_id", None),
    )
