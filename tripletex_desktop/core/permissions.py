"""The Tripletex permissions the app needs, declared as data, and the pure logic that turns probes into verdicts.

The shared model is docs/permissions.md: Tripletex cannot tell us what an employee *token* may do, so each
permission is probed per company with a cheap read, and a verdict is derived from the answer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.errors import Cancelled, ErrorInfo, PermissionDenied, TripletexDesktopError
from tripletex_desktop.core.models import WhoAmI

if TYPE_CHECKING:
    from tripletex_desktop.core.api import CompanyClient


class Verdict(StrEnum):
    """What a probe concluded about one permission."""

    GRANTED = "granted"
    MISSING = "missing"
    INCONCLUSIVE = "inconclusive"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class Answer:
    """What a probe's GET returned: 200 with its JSON body, or 403 (any other outcome is an error)."""

    status: int
    body: Mapping[str, Any] = field(default_factory=dict)
    request_id: str | None = None

    @property
    def values(self) -> list[Mapping[str, Any]]:
        """The `values` of a list answer."""
        return [v for v in self.body.get("values") or [] if isinstance(v, Mapping)]

    @property
    def forbidden(self) -> bool:
        """403/9000: the token lacks the right."""
        return self.status == 403


@dataclass(frozen=True, slots=True)
class Evaluation:
    """A verdict with its reason code (stable, for messages and tests)."""

    verdict: Verdict
    reason: str


@dataclass(frozen=True, slots=True)
class PermissionResult:
    """The verdict for one permission in one company."""

    key: str
    verdict: Verdict
    reason: str
    request_id: str | None = None
    error: ErrorInfo | None = None


@dataclass(frozen=True, slots=True)
class PermissionReport:
    """All verdicts for one company."""

    company_id: int
    results: tuple[PermissionResult, ...]

    def result(self, key: str) -> PermissionResult:
        """The result for `key` (KeyError when that permission was not checked)."""
        for result in self.results:
            if result.key == key:
                return result
        raise KeyError(key)

    def with_verdict(self, verdict: Verdict) -> tuple[PermissionResult, ...]:
        """The results with that verdict, in declaration order."""
        return tuple(r for r in self.results if r.verdict is verdict)

    @property
    def all_granted(self) -> bool:
        """True only when every required permission was found granted."""
        return all(r.verdict is Verdict.GRANTED for r in self.results)

    @property
    def has_errors(self) -> bool:
        """True when some probe could not be run (network, 401, 429, 5xx ...)."""
        return any(r.verdict is Verdict.ERROR for r in self.results)


@dataclass
class ProbeContext:
    """What the probes of one company learn along the way (ids of other employees, for `employee_read`)."""

    owner_id: int
    company_id: int
    other_employee_ids: list[int] = field(default_factory=list)

    def saw_employee(self, employee_id: Any) -> None:
        """Remember an employee id other than the token owner's."""
        if (
            isinstance(employee_id, int)
            and employee_id != self.owner_id
            and employee_id not in self.other_employee_ids
        ):
            self.other_employee_ids.append(employee_id)


#: A probe performs its reads through `fetch(path, params)` and evaluates the answers.
Fetch = Callable[[str, Mapping[str, Any]], Answer]
Probe = Callable[[Fetch, ProbeContext], tuple[Evaluation, str | None]]


@dataclass(frozen=True, slots=True)
class Permission:
    """One permission box in Tripletex's employee-token dialog, where to tick it, and how to probe it."""

    key: str
    group: str  # as Tripletex names the section (nb): "Reiseregning", "Prosjekt", "Selskap"
    group_en: str
    tripletex_label_nb: str
    tripletex_label_en: str
    where_nb: str
    where_en: str
    probe: Probe = field(repr=False, compare=False)


# --- pure evaluation ----------------------------------------------------------------------------------------

GRANTED_OK = Evaluation(Verdict.GRANTED, "ok")
MISSING_FORBIDDEN = Evaluation(Verdict.MISSING, "forbidden")
APPROVE_ACTIONS = frozenset({"APPROVE", "OVERRIDE_APPROVE"})


def _ref_id(obj: Any) -> int | None:
    return obj.get("id") if isinstance(obj, Mapping) and isinstance(obj.get("id"), int) else None


def evaluate_simple_read(answer: Answer) -> Evaluation:
    """200 → granted, 403 → missing."""
    return MISSING_FORBIDDEN if answer.forbidden else GRANTED_OK


def evaluate_travel_all(answer: Answer, owner_id: int, others_exist: bool = True) -> Evaluation:
    """Another employee's report or an approve action → granted; only own reports → missing.

    Only own reports is evidence of a filtered list only when other employees are known to exist
    (`others_exist`, learnt from earlier probes); in a one-person company it stays inconclusive.
    """
    if answer.forbidden:
        return Evaluation(Verdict.INCONCLUSIVE, "blocked_by_travel_register")
    reports = answer.values
    if not reports:
        return Evaluation(Verdict.INCONCLUSIVE, "empty")
    if any(_ref_id(r.get("employee")) not in (None, owner_id) for r in reports):
        return Evaluation(Verdict.GRANTED, "other_employee_report")
    for report in reports:
        rels = {a.get("rel") for a in report.get("actions") or [] if isinstance(a, Mapping)}
        if rels & APPROVE_ACTIONS:
            return Evaluation(Verdict.GRANTED, "approve_action")
    if not others_exist:
        return Evaluation(Verdict.INCONCLUSIVE, "only_own_reports_nobody_else_known")
    return Evaluation(Verdict.MISSING, "only_own_reports")


def evaluate_project_status(answer: Answer) -> Evaluation:
    """`isClosed` present → granted; quietly dropped → missing; empty or 403 → inconclusive."""
    if answer.forbidden:
        return Evaluation(Verdict.INCONCLUSIVE, "blocked_by_project_info")
    projects = answer.values
    if not projects:
        return Evaluation(Verdict.INCONCLUSIVE, "empty")
    if any("isClosed" in p for p in projects):
        return Evaluation(Verdict.GRANTED, "is_closed_present")
    return Evaluation(Verdict.MISSING, "is_closed_filtered")


def evaluate_project_all(answer: Answer, owner_id: int) -> Evaluation:
    """READ/NONE on any project → missing; WRITE on another manager's project → granted; else inconclusive."""
    if answer.forbidden:
        return Evaluation(Verdict.INCONCLUSIVE, "blocked_by_project_info")
    projects = answer.values
    if not projects:
        return Evaluation(Verdict.INCONCLUSIVE, "empty")
    if any(p.get("accessType") in ("READ", "NONE") for p in projects):
        return Evaluation(Verdict.MISSING, "read_only_project")
    if any(p.get("accessType") == "WRITE" and _ref_id(p.get("projectManager")) != owner_id for p in projects):
        return Evaluation(Verdict.GRANTED, "write_on_other_project")
    return Evaluation(Verdict.INCONCLUSIVE, "only_own_projects")


def evaluate_employee_list(answer: Answer) -> Evaluation | None:
    """Two or more employees → granted; 403 → missing; None → look up another employee id."""
    if answer.forbidden:
        return MISSING_FORBIDDEN
    if len(answer.values) >= 2:
        return Evaluation(Verdict.GRANTED, "several_employees")
    return None


def evaluate_employee_lookup(answer: Answer | None) -> Evaluation:
    """`GET /employee/{other id}`: 200 → granted, 403 → missing; no other id known → inconclusive."""
    if answer is None:
        return Evaluation(Verdict.INCONCLUSIVE, "no_other_employee_known")
    if answer.forbidden:
        return Evaluation(Verdict.MISSING, "other_employee_forbidden")
    return Evaluation(Verdict.GRANTED, "other_employee_readable")


# --- probes (reads through `fetch`, evaluation above) ---------------------------------------------------


def _simple(path: str, params: Mapping[str, Any] | None = None) -> Probe:
    def probe(fetch: Fetch, ctx: ProbeContext) -> tuple[Evaluation, str | None]:
        answer = fetch(path.format(company_id=ctx.company_id, owner_id=ctx.owner_id), params or {})
        return evaluate_simple_read(answer), answer.request_id

    return probe


def _probe_travel_register(fetch: Fetch, ctx: ProbeContext) -> tuple[Evaluation, str | None]:
    answer = fetch("/travelExpense", {"employeeId": ctx.owner_id, "count": 1, "fields": "id"})
    return evaluate_simple_read(answer), answer.request_id


def _probe_travel_all(fetch: Fetch, ctx: ProbeContext) -> tuple[Evaluation, str | None]:
    answer = fetch("/travelExpense", {"count": 50, "fields": "id,employee(id),actions(rel)"})
    others_exist = bool(ctx.other_employee_ids)  # from the project probes, which run first
    for report in answer.values:
        ctx.saw_employee(_ref_id(report.get("employee")))
    return evaluate_travel_all(answer, ctx.owner_id, others_exist), answer.request_id


def _probe_project_status(fetch: Fetch, ctx: ProbeContext) -> tuple[Evaluation, str | None]:
    answer = fetch("/project", {"count": 1, "fields": "id,isClosed"})
    return evaluate_project_status(answer), answer.request_id


def _probe_project_all(fetch: Fetch, ctx: ProbeContext) -> tuple[Evaluation, str | None]:
    answer = fetch("/project", {"count": 50, "fields": "id,accessType,projectManager(id)"})
    for project in answer.values:
        ctx.saw_employee(_ref_id(project.get("projectManager")))
    return evaluate_project_all(answer, ctx.owner_id), answer.request_id


def _probe_employee_read(fetch: Fetch, ctx: ProbeContext) -> tuple[Evaluation, str | None]:
    answer = fetch("/employee", {"count": 2, "fields": "id"})
    verdict = evaluate_employee_list(answer)
    if verdict is not None:
        return verdict, answer.request_id
    for employee in answer.values:
        ctx.saw_employee(_ref_id(employee))
    if not ctx.other_employee_ids:
        return evaluate_employee_lookup(None), answer.request_id
    lookup = fetch(f"/employee/{ctx.other_employee_ids[0]}", {"fields": "id"})
    return evaluate_employee_lookup(lookup), lookup.request_id


# --- the declaration ------------------------------------------------------------------------------------------

_WHERE_NB = "Selskap → Ansatte → din bruker → API-tilgang → nøkkelen → "
_WHERE_EN = "Company → Employees → your user → API access → the token → "

REQUIRED_PERMISSIONS: tuple[Permission, ...] = (
    Permission(
        key="travel_settings",
        group="Reiseregning",
        group_en="Travel expenses",
        tripletex_label_nb="Reiseregningsinnstillinger",
        tripletex_label_en="Travel expense settings",
        where_nb=_WHERE_NB + "Reiseregning → Reiseregningsinnstillinger",
        where_en=_WHERE_EN + "Reiseregning (travel expenses) → Reiseregningsinnstillinger",
        probe=_simple("/travelExpense/settings"),
    ),
    Permission(
        key="travel_register",
        group="Reiseregning",
        group_en="Travel expenses",
        tripletex_label_nb="Å registrere reiseregninger og ansattutlegg",
        tripletex_label_en="To register travel expenses and employee expenses",
        where_nb=_WHERE_NB + "Reiseregning → Å registrere reiseregninger og ansattutlegg",
        where_en=_WHERE_EN + "Reiseregning (travel expenses) → Å registrere reiseregninger og ansattutlegg",
        probe=_probe_travel_register,
    ),
    Permission(
        key="travel_all",
        group="Reiseregning",
        group_en="Travel expenses",
        tripletex_label_nb="Tilgang til alle reiseregninger/ansattutlegg (inkl. godkjenning) – Hele selskapet",
        tripletex_label_en="Access to all travel expenses/employee expenses (incl. approval) – Whole company",
        where_nb=_WHERE_NB
        + "Reiseregning → Tilgang til alle reiseregninger/ansattutlegg (inkl. godkjenning) → Hele selskapet",
        where_en=_WHERE_EN
        + "Reiseregning (travel expenses) → Tilgang til alle reiseregninger/ansattutlegg (inkl. godkjenning)"
        " → Hele selskapet (whole company)",
        probe=_probe_travel_all,
    ),
    Permission(
        key="project_info",
        group="Prosjekt",
        group_en="Projects",
        tripletex_label_nb="Prosjektinformasjon",
        tripletex_label_en="Project information",
        where_nb=_WHERE_NB + "Prosjekt → Prosjektinformasjon",
        where_en=_WHERE_EN + "Prosjekt (projects) → Prosjektinformasjon",
        probe=_simple("/project", {"count": 1, "fields": "id"}),
    ),
    Permission(
        key="project_status",
        group="Prosjekt",
        group_en="Projects",
        tripletex_label_nb="Prosjektstatus",
        tripletex_label_en="Project status",
        where_nb=_WHERE_NB + "Prosjekt → Prosjektstatus",
        where_en=_WHERE_EN + "Prosjekt (projects) → Prosjektstatus",
        probe=_probe_project_status,
    ),
    Permission(
        key="project_settings",
        group="Prosjekt",
        group_en="Projects",
        tripletex_label_nb="Prosjektinnstillinger",
        tripletex_label_en="Project settings",
        where_nb=_WHERE_NB + "Prosjekt → Prosjektinnstillinger",
        where_en=_WHERE_EN + "Prosjekt (projects) → Prosjektinnstillinger",
        probe=_simple("/project/settings"),
    ),
    Permission(
        key="project_all",
        group="Prosjekt",
        group_en="Projects",
        tripletex_label_nb="Full tilgang – Alle prosjekter – Hele selskapet",
        tripletex_label_en="Full access – All projects – Whole company",
        where_nb=_WHERE_NB + "Prosjekt → Full tilgang → Alle prosjekter → Hele selskapet",
        where_en=_WHERE_EN
        + "Prosjekt (projects) → Full tilgang (full access) → Alle prosjekter (all projects)"
        " → Hele selskapet (whole company)",
        probe=_probe_project_all,
    ),
    Permission(
        key="company_info",
        group="Selskap",
        group_en="Company",
        tripletex_label_nb="Full tilgang til selskapsinformasjon",
        tripletex_label_en="Full access to company information",
        where_nb=_WHERE_NB + "Selskap → Full tilgang til selskapsinformasjon",
        where_en=_WHERE_EN + "Selskap (company) → Full tilgang til selskapsinformasjon",
        probe=_simple("/company/{company_id}", {"fields": "id,name"}),
    ),
    Permission(
        key="employee_read",
        group="Selskap",
        group_en="Company",
        tripletex_label_nb="Lesetilgang til ansattinformasjon",
        tripletex_label_en="Read access to employee information",
        where_nb=_WHERE_NB + "Selskap → Lesetilgang til ansattinformasjon",
        where_en=_WHERE_EN + "Selskap (company) → Lesetilgang til ansattinformasjon",
        probe=_probe_employee_read,
    ),
)

PERMISSIONS_BY_KEY: dict[str, Permission] = {p.key: p for p in REQUIRED_PERMISSIONS}

#: Probes run in this order (results keep the declaration order): `travel_all` uses the employee ids the
#: project probes saw, and `employee_read` uses the ids the travel and project probes saw.
PROBE_ORDER: tuple[str, ...] = (
    "travel_settings",
    "travel_register",
    "project_info",
    "project_status",
    "project_settings",
    "project_all",
    "company_info",
    "travel_all",
    "employee_read",
)


# --- running the probes ----------------------------------------------------------------------------------------


def _fetcher(company: CompanyClient) -> Fetch:
    def fetch(path: str, params: Mapping[str, Any]) -> Answer:
        try:
            return Answer(200, company.get(path, dict(params)))
        except PermissionDenied as exc:
            return Answer(403, {}, exc.request_id)

    return fetch


def run_probes(
    fetch: Fetch,
    who: WhoAmI,
    *,
    permissions: Sequence[Permission] = REQUIRED_PERMISSIONS,
    cancel: CancelToken | None = None,
) -> PermissionReport:
    """Run each permission's probe in order; any error other than 403 is an ERROR verdict, never a guess."""
    ctx = ProbeContext(owner_id=who.employee_id, company_id=who.company_id)
    results: list[PermissionResult] = []
    rank = {key: i for i, key in enumerate(PROBE_ORDER)}
    for permission in sorted(permissions, key=lambda p: rank.get(p.key, len(rank))):
        if cancel is not None:
            cancel.raise_if_cancelled()
        try:
            evaluation, request_id = permission.probe(fetch, ctx)
        except Cancelled:
            raise
        except TripletexDesktopError as exc:
            results.append(
                PermissionResult(
                    permission.key, Verdict.ERROR, exc.code, exc.request_id, ErrorInfo.from_exception(exc)
                )
            )
            continue
        results.append(PermissionResult(permission.key, evaluation.verdict, evaluation.reason, request_id))
    declared = {p.key: i for i, p in enumerate(permissions)}
    results.sort(key=lambda r: declared[r.key])
    return PermissionReport(company_id=who.company_id, results=tuple(results))


def check_company_permissions(
    company: CompanyClient, who: WhoAmI, cancel: CancelToken | None = None
) -> PermissionReport:
    """Probe every required permission in `company`'s context; `who` is whoAmI in that same context."""
    return run_probes(_fetcher(company), who, cancel=cancel)


def first_error(reports: Iterable[PermissionReport]) -> PermissionResult | None:
    """The first ERROR result across reports (for a summary line with its requestId)."""
    for report in reports:
        for result in report.results:
            if result.verdict is Verdict.ERROR:
                return result
    return None


__all__ = [
    "PERMISSIONS_BY_KEY",
    "PROBE_ORDER",
    "REQUIRED_PERMISSIONS",
    "Answer",
    "Evaluation",
    "Permission",
    "PermissionReport",
    "PermissionResult",
    "ProbeContext",
    "Verdict",
    "check_company_permissions",
    "first_error",
    "run_probes",
]
