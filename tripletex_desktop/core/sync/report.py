"""What a sync run plans to do and what it did: plans, per-entity counts, per-company and run reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from tripletex_desktop.core.api.limiter import DEFAULT_CONCURRENCY
from tripletex_desktop.core.errors import ErrorInfo
from tripletex_desktop.core.mapping import MappingProblem
from tripletex_desktop.core.models import CompanyMapping, TravelExpenseSettings


class Entity(StrEnum):
    """The reference lists a sync pulls, in pull order; the value is the stable `kind` in storage."""

    EMPLOYEES = "employees"
    DEPARTMENTS = "departments"
    PROJECTS = "projects"
    COST_CATEGORIES = "cost_categories"
    PAYMENT_TYPES = "payment_types"
    TRAVEL_SETTINGS = "travel_settings"
    VAT_SETTINGS = "vat_settings"
    #: the national tables (the same in every company, read once per connection: core/sync/national.py)
    RATE_CATEGORIES = "rate_categories"
    RATES = "rates"
    ZONES = "zones"


class Phase(StrEnum):
    """Progress phase codes beyond the entity names (ui/messages.py translates all of them)."""

    STARTING = "starting"
    PERMISSIONS = "permissions"
    WAITING_RATE_LIMIT = "waiting_rate_limit"
    PUSH = "push"
    DONE = "done"


class RunStatus(StrEnum):
    """The overall outcome of a run, for history and the health display."""

    OK = "ok"
    WARNING = "warning"
    ERROR = "error"
    CANCELLED = "cancelled"


#: Error codes that mean the connection's token must be replaced (the wizard's token page).
TOKEN_ERROR_CODES = frozenset(
    {
        "auth_failed",
        "employee_token_invalid",
        "employee_token_expired",
        "consumer_token_invalid",
        "wrong_environment",
        "token_missing",
    }
)


@dataclass(frozen=True, slots=True)
class CompanyTarget:
    """One company to sync inside a connection."""

    company_id: int
    name: str = ""
    projects: bool = True
    departments: bool = True
    #: False adds the "mapping_missing" warning (cost categories / payment type not chosen yet).
    mapping_complete: bool = True
    #: The Basic-auth username for this company's context (0 = the token owner's own company).
    context_id: int | None = None
    #: The chosen mapping; when set, "mapping_missing" follows core.mapping.mapping_gaps with the travel
    #: settings pulled in this run (else `travel_settings`), and `mapping_complete` is ignored.
    mapping: CompanyMapping | None = None
    #: The travel settings stored by an earlier run, used when this run cannot read them.
    travel_settings: TravelExpenseSettings | None = None


@dataclass(frozen=True, slots=True)
class SyncPlan:
    """What one run syncs: a connection, its companies, and how many companies may sync at once."""

    connection_id: str
    companies: tuple[CompanyTarget, ...]
    #: Companies syncing at once (threads); the client's limiter decides how many requests are in flight.
    max_workers: int = DEFAULT_CONCURRENCY
    push: bool = True
    #: Re-run the permission probes now, even when the stored check is recent (`sync --check-permissions`).
    check_permissions: bool = False
    #: The dates [first, last] the national rate tables are read for (None: last year to next year).
    rate_period: tuple[dt.date, dt.date] | None = None


@dataclass(frozen=True, slots=True)
class EntityCounts:
    """What happened to one list of one company; `not_modified` means Tripletex answered 304."""

    added: int = 0
    updated: int = 0
    deactivated: int = 0
    unchanged: int = 0
    not_modified: bool = False

    @property
    def changed(self) -> int:
        """Rows added, updated or deactivated."""
        return self.added + self.updated + self.deactivated

    @property
    def total_active(self) -> int:
        """Rows present after the run (added + updated + unchanged)."""
        return self.added + self.updated + self.unchanged


@dataclass(frozen=True, slots=True)
class EntityError:
    """An error while syncing one entity (or the whole company when `entity` is None)."""

    entity: str | None
    error: ErrorInfo


@dataclass(frozen=True, slots=True)
class PushSummary:
    """What the outbox step did for one company."""

    sent: int = 0
    failed: int = 0
    #: reports whose outcome is unknown (not counting those in `waiting`)
    unknown: int = 0
    #: reports waiting until an unanswered write can no longer land (core.transfer.timing), and until when
    waiting: int = 0
    waiting_until: dt.datetime | None = None
    #: reports Tripletex did not take this time (a rate limit, a refused login): still queued for the next sync
    queued: int = 0

    def to_json(self) -> dict[str, object]:
        """A JSON-able dict (the time in ISO 8601)."""
        return {
            "sent": self.sent,
            "failed": self.failed,
            "unknown": self.unknown,
            "waiting": self.waiting,
            "waiting_until": None if self.waiting_until is None else self.waiting_until.isoformat(),
            "queued": self.queued,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, object] | None) -> PushSummary:
        """The inverse of `to_json` (missing keys are 0 / None: history written by older versions)."""
        data = data or {}

        def count(name: str) -> int:
            value = data.get(name)
            return value if isinstance(value, int) else 0

        until = data.get("waiting_until")
        return cls(
            count("sent"),
            count("failed"),
            count("unknown"),
            count("waiting"),
            dt.datetime.fromisoformat(until) if isinstance(until, str) else None,
            count("queued"),
        )


@dataclass(frozen=True, slots=True)
class WaitingReport:
    """A travel report in the outbox that waits for the user: Tripletex refused it (or it cannot be planned),
    so no sync finishes it by itself; read from the outbox after every run's push, so every run says it."""

    report_id: str
    title: str
    #: the outbox state (``failed``)
    state: str
    #: the error code of its last attempt (core/errors.py, core/transfer/) and Tripletex's words for it
    code: str
    detail: str = ""
    request_id: str | None = None
    #: Tripletex's validation messages (e.g. a refusal at `:deliver` naming an inactive cost category)
    messages: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        """A JSON-able dict (the history and `sync --json`)."""
        return {
            "report_id": self.report_id,
            "title": self.title,
            "state": self.state,
            "code": self.code,
            "detail": self.detail,
            "request_id": self.request_id,
            "messages": list(self.messages),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> WaitingReport:
        """The inverse of `to_json`."""
        rid = data.get("request_id")
        messages = data.get("messages")
        return cls(
            report_id=str(data.get("report_id", "")),
            title=str(data.get("title", "")),
            state=str(data.get("state", "failed")),
            code=str(data.get("code", "")),
            detail=str(data.get("detail") or ""),
            request_id=rid if isinstance(rid, str) else None,
            messages=tuple(str(m) for m in messages) if isinstance(messages, list) else (),
        )


@dataclass(frozen=True, slots=True)
class CompanyReport:
    """The result of syncing one company."""

    company_id: int
    name: str = ""
    counts: Mapping[str, EntityCounts] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    errors: tuple[EntityError, ...] = ()
    push: PushSummary = field(default_factory=PushSummary)
    cancelled: bool = False
    #: True when the company was not synced because the connection failed (token, storage) first.
    skipped: bool = False
    #: The company's travel settings as this run knew them (pulled, else stored), for mapping_gaps.
    travel_settings: TravelExpenseSettings | None = None
    #: Chosen cost categories / payment type the synced lists say are inactive or missing ("mapping_unusable").
    mapping_problems: tuple[MappingProblem, ...] = ()
    #: Travel reports in the outbox that wait for the user (refused by Tripletex), as they stand after the run.
    waiting_for_user: tuple[WaitingReport, ...] = ()

    @property
    def status(self) -> RunStatus:
        """Error beats cancelled beats warning beats ok."""
        if self.errors:
            return RunStatus.ERROR
        if self.cancelled:
            return RunStatus.CANCELLED
        if self.warnings:
            return RunStatus.WARNING
        return RunStatus.OK


@dataclass(frozen=True, slots=True)
class SyncReport:
    """The result of one run of one connection; written to the sync history."""

    connection_id: str
    started_at: dt.datetime
    finished_at: dt.datetime
    companies: tuple[CompanyReport, ...] = ()
    errors: tuple[EntityError, ...] = ()
    cancelled: bool = False
    #: Tripletex's date minus this PC's, in days, when an answer's `Date` header showed this PC's clock is off
    clock_skew_days: int | None = None

    @property
    def all_errors(self) -> tuple[EntityError, ...]:
        """Run-level errors followed by every company's errors."""
        out = list(self.errors)
        for company in self.companies:
            out.extend(company.errors)
        return tuple(out)

    @property
    def status(self) -> RunStatus:
        """Error beats cancelled beats warning beats ok."""
        if self.all_errors:
            return RunStatus.ERROR
        if self.cancelled or any(c.cancelled for c in self.companies):
            return RunStatus.CANCELLED
        if any(c.warnings for c in self.companies):
            return RunStatus.WARNING
        return RunStatus.OK

    @property
    def needs_attention(self) -> bool:
        """True when the user must act (token, permission, mapping, a travel report the push could not send or
        one still waiting for the user from an earlier run) rather than just wait and retry."""
        attention = TOKEN_ERROR_CODES | {"permission_denied", "client_not_reachable", "configuration"}
        if any(e.error.code in attention for e in self.all_errors):
            return True
        return any(
            "mapping_missing" in c.warnings
            or "mapping_unusable" in c.warnings
            or c.push.failed
            or c.waiting_for_user
            for c in self.companies
        )

    def company(self, company_id: int) -> CompanyReport | None:
        """The report of one company, if it was part of the run."""
        return next((c for c in self.companies if c.company_id == company_id), None)

    def totals(self) -> dict[str, EntityCounts]:
        """Counts per entity summed over all companies."""
        out: dict[str, EntityCounts] = {}
        for company in self.companies:
            for kind, c in company.counts.items():
                prev = out.get(kind, EntityCounts(not_modified=True))
                out[kind] = EntityCounts(
                    added=prev.added + c.added,
                    updated=prev.updated + c.updated,
                    deactivated=prev.deactivated + c.deactivated,
                    unchanged=prev.unchanged + c.unchanged,
                    not_modified=prev.not_modified and c.not_modified,
                )
        return out


@dataclass(frozen=True, slots=True)
class ReferenceRow:
    """One synced record as the data browser shows it (narrow, read from storage)."""

    tripletex_id: int
    label: str
    number: str | None = None
    is_active: bool = True
    detail: str = ""


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One run from the sync history, rebuilt as a report."""

    run_id: int
    report: SyncReport
    trigger: str = "manual"
