"""The Tripletex permissions the app needs, declared as data, and the pure logic that turns probes into verdicts.

The shared model is docs/permissions.md: Tripletex cannot tell us what an employee *token* may do, so each
permission is probed per company with a cheap read, and a verdict is derived from the answer. A verdict read
from a 403 on the permission's own read is a fact (MISSING); one inferred from what a list contains is a
guess (LIKELY_MISSING) and only ever a warning; a module whose every read is refused may simply not be active
in the company (UNAVAILABLE), so the app does not ask for a box that may not exist.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial
from typing import Any, Protocol

from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.errors import (
    BadRequest,
    Cancelled,
    ErrorInfo,
    NotFound,
    PermissionDenied,
    TripletexDesktopError,
    ValidationFailed,
)
from tripletex_desktop.core.models import WhoAmI


class Verdict(StrEnum):
    """What a probe concluded about one permission."""

    GRANTED = "granted"
    #: 403 on the permission's own read: the box is not ticked on the token.
    MISSING = "missing"
    #: Inferred from what a list contains (no 403): probably not ticked, but the data could explain it too.
    LIKELY_MISSING = "likely_missing"
    #: Every read of the permission's module was refused: the module may not be active in the company.
    UNAVAILABLE = "unavailable"
    INCONCLUSIVE = "inconclusive"
    ERROR = "error"


class Severity(StrEnum):
    """What a verdict means for setup and sync: only a BLOCKER stops the wizard or needs attention."""

    OK = "ok"
    NOTE = "note"
    WARNING = "warning"
    BLOCKER = "blocker"


@dataclass(frozen=True, slots=True)
class Module:
    """A part of Tripletex a company may not subscribe to; its reads answer 403/9000 when it is off."""

    key: str
    name_nb: str
    name_en: str
    #: The app cannot work without it (travel expenses); an optional module only costs a feature.
    required: bool


MODULES: dict[str, Module] = {
    "travel": Module("travel", "Reiseregning", "Travel expenses", required=True),
    "project": Module("project", "Prosjekt", "Projects", required=False),
}


@dataclass(frozen=True, slots=True)
class Answer:
    """What a probe's GET returned: 200 with its JSON body, 403, or 400/404/422 (never a verdict)."""

    status: int
    body: Mapping[str, Any] = field(default_factory=dict)
    request_id: str | None = None

    @property
    def values(self) -> list[Mapping[str, Any]]:
        """The `values` of a list answer."""
        return [v for v in self.body.get("values") or [] if isinstance(v, Mapping)]

    @property
    def forbidden(self) -> bool:
        """403/9000: the token lacks the right (or the module is not active)."""
        return self.status == 403

    @property
    def unexpected(self) -> bool:
        """Neither 200 nor 403 (a 400, 404 or 422): says nothing about the permission."""
        return self.status not in (200, 403)


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
    def blockers(self) -> tuple[PermissionResult, ...]:
        """Results that stop setup (a 403 on a needed read, or a required module refused)."""
        return tuple(r for r in self.results if severity(r.key, r.verdict) is Severity.BLOCKER)

    @property
    def warnings(self) -> tuple[PermissionResult, ...]:
        """Results the user can read and continue past (inferred gaps, optional modules, probe errors)."""
        return tuple(r for r in self.results if severity(r.key, r.verdict) is Severity.WARNING)

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


class CompanyReader(Protocol):
    """The one call the probes make of a company client (core.api.CompanyClient fits)."""

    def get(self, path: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        """A GET in the company's context, returning the JSON body."""
        ...


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
    #: The Tripletex module the permission belongs to (MODULES), None for the company's core data.
    module: str | None = None
    #: The verdict is inferred from data, never from a 403 of its own: a gap is only LIKELY_MISSING.
    inferred: bool = False
    #: Needed only when this sync option is on ("projects"); None: always needed.
    needed_for: str | None = None
    #: What does not work without it (nb, en): shown next to a warning the user continues past.
    without_nb: str = ""
    without_en: str = ""


# --- pure evaluation ----------------------------------------------------------------------------------------

GRANTED_OK = Evaluation(Verdict.GRANTED, "ok")
MISSING_FORBIDDEN = Evaluation(Verdict.MISSING, "forbidden")
APPROVE_ACTIONS = frozenset({"APPROVE", "OVERRIDE_APPROVE"})


def _ref_id(obj: Any) -> int | None:
    return obj.get("id") if isinstance(obj, Mapping) and isinstance(obj.get("id"), int) else None


def _unexpected(answer: Answer) -> Evaluation:
    return Evaluation(Verdict.INCONCLUSIVE, f"answered_{answer.status}")


def evaluate_simple_read(answer: Answer) -> Evaluation:
    """200 → granted, 403 → missing, 400/404/422 → inconclusive (not a verdict on the permission)."""
    if answer.unexpected:
        return _unexpected(answer)
    return MISSING_FORBIDDEN if answer.forbidden else GRANTED_OK


def evaluate_travel_all(answer: Answer, owner_id: int, others_exist: bool = True) -> Evaluation:
    """Another employee's report or an approve action → granted; only own reports → missing.

    Only own reports is evidence of a filtered list only when other employees are known to exist
    (`others_exist`, learnt from earlier probes); in a one-person company it stays inconclusive.
    """
    if answer.unexpected:
        return _unexpected(answer)
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
    return Evaluation(Verdict.LIKELY_MISSING, "only_own_reports")


def evaluate_project_status(answer: Answer) -> Evaluation:
    """`isClosed` present → granted; quietly dropped → likely missing; empty or 403 → inconclusive."""
    if answer.unexpected:
        return _unexpected(answer)
    if answer.forbidden:
        return Evaluation(Verdict.INCONCLUSIVE, "blocked_by_project_info")
    projects = answer.values
    if not projects:
        return Evaluation(Verdict.INCONCLUSIVE, "empty")
    if any("isClosed" in p for p in projects):
        return Evaluation(Verdict.GRANTED, "is_closed_present")
    return Evaluation(Verdict.LIKELY_MISSING, "is_closed_filtered")


def evaluate_project_all(answer: Answer, owner_id: int) -> Evaluation:
    """READ/NONE on any open project → likely missing; WRITE on another's project → granted; else inconclusive.

    Closed projects are left out: whether Tripletex reports READ on a closed project for a user with full
    access is not known (docs/permissions.md; `conformance` checks it).
    """
    if answer.unexpected:
        return _unexpected(answer)
    if answer.forbidden:
        return Evaluation(Verdict.INCONCLUSIVE, "blocked_by_project_info")
    projects = [p for p in answer.values if p.get("isClosed") is not True]
    if not projects:
        return Evaluation(Verdict.INCONCLUSIVE, "empty")
    if any(p.get("accessType") in ("READ", "NONE") for p in projects):
        return Evaluation(Verdict.LIKELY_MISSING, "read_only_project")
    if any(p.get("accessType") == "WRITE" and _ref_id(p.get("projectManager")) != owner_id for p in projects):
        return Evaluation(Verdict.GRANTED, "write_on_other_project")
    return Evaluation(Verdict.INCONCLUSIVE, "only_own_projects")


def evaluate_employee_list(answer: Answer) -> Evaluation | None:
    """Two or more employees → granted; 403 → missing; None → look up another employee id."""
    if answer.unexpected:
        return _unexpected(answer)
    if answer.forbidden:
        return MISSING_FORBIDDEN
    if len(answer.values) >= 2:
        return Evaluation(Verdict.GRANTED, "several_employees")
    return None


def evaluate_employee_lookup(answer: Answer | None) -> Evaluation:
    """`GET /employee/{other id}`: 200 → granted, 403 → likely missing; no other id known → inconclusive.

    The list itself answered (with only the owner), so a 403 on one other employee is a strong hint, not
    the permission's own read: the id may belong to someone the token may not see for another reason.
    """
    if answer is None:
        return Evaluation(Verdict.INCONCLUSIVE, "no_other_employee_known")
    if answer.unexpected:
        return _unexpected(answer)
    if answer.forbidden:
        return Evaluation(Verdict.LIKELY_MISSING, "other_employee_forbidden")
    return Evaluation(Verdict.GRANTED, "other_employee_readable")


# --- probes (reads through `fetch`, evaluation above) ---------------------------------------------------


def _probe_simple_read(
    path: str, params: Mapping[str, Any], fetch: Fetch, ctx: ProbeContext
) -> tuple[Evaluation, str | None]:
    """One read of `path` ({company_id} and {owner_id} filled in); bound to its path with functools.partial."""
    answer = fetch(path.format(company_id=ctx.company_id, owner_id=ctx.owner_id), params)
    return evaluate_simple_read(answer), answer.request_id


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
    answer = fetch("/project", {"count": 50, "fields": "id,isClosed,accessType,projectManager(id)"})
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
        probe=partial(_probe_simple_read, "/travelExpense/settings", {}),
        module="travel",
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
        module="travel",
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
        module="travel",
        inferred=True,
        without_nb="Reiseregninger for andre ansatte kan bli avvist, og appen kan ikke godkjenne dem.",
        without_en="Reports for other employees may be refused, and the app cannot approve them.",
    ),
    Permission(
        key="project_info",
        group="Prosjekt",
        group_en="Projects",
        tripletex_label_nb="Prosjektinformasjon",
        tripletex_label_en="Project information",
        where_nb=_WHERE_NB + "Prosjekt → Prosjektinformasjon",
        where_en=_WHERE_EN + "Prosjekt (projects) → Prosjektinformasjon",
        probe=partial(_probe_simple_read, "/project", {"count": 1, "fields": "id"}),
        module="project",
        needed_for="projects",
        without_nb="Prosjekter hentes ikke; reiseregninger sendes uten prosjekt.",
        without_en="Projects are not fetched; reports are sent without a project.",
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
        module="project",
        inferred=True,
        needed_for="projects",
        without_nb="Avsluttede prosjekter kan ikke skilles fra åpne og kan dukke opp i listen.",
        without_en="Closed projects cannot be told from open ones and may show up in the list.",
    ),
    Permission(
        key="project_settings",
        group="Prosjekt",
        group_en="Projects",
        tripletex_label_nb="Prosjektinnstillinger",
        tripletex_label_en="Project settings",
        where_nb=_WHERE_NB + "Prosjekt → Prosjektinnstillinger",
        where_en=_WHERE_EN + "Prosjekt (projects) → Prosjektinnstillinger",
        probe=partial(_probe_simple_read, "/project/settings", {}),
        module="project",
        needed_for="projects",
        without_nb="Prosjektinnstillingene kan ikke leses; prosjekter hentes uten dem.",
        without_en="The project settings cannot be read; projects are fetched without them.",
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
        module="project",
        inferred=True,
        needed_for="projects",
        without_nb="Prosjekter som andre leder kan mangle eller bare kunne leses; reiseregninger på dem kan bli avvist.",
        without_en="Projects someone else manages may be missing or read-only; reports on them may be refused.",
    ),
    Permission(
        key="company_info",
        group="Selskap",
        group_en="Company",
        tripletex_label_nb="Full tilgang til selskapsinformasjon",
        tripletex_label_en="Full access to company information",
        where_nb=_WHERE_NB + "Selskap → Full tilgang til selskapsinformasjon",
        where_en=_WHERE_EN + "Selskap (company) → Full tilgang til selskapsinformasjon",
        probe=partial(_probe_simple_read, "/company/{company_id}", {"fields": "id,name"}),
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
        inferred=True,
        without_nb="Bare din egen ansatt hentes, så reiseregninger kan bare lages for deg.",
        without_en="Only your own employee is fetched, so reports can be made for you only.",
    ),
)

PERMISSIONS_BY_KEY: dict[str, Permission] = {p.key: p for p in REQUIRED_PERMISSIONS}

#: Sync options a permission can depend on (`Permission.needed_for`).
SYNC_OPTIONS: tuple[str, ...] = ("projects",)


def permissions_for(*, projects: bool = True) -> tuple[Permission, ...]:
    """The permissions a connection needs with these sync options (project ones only when projects sync)."""
    on = {"projects": projects}
    return tuple(p for p in REQUIRED_PERMISSIONS if p.needed_for is None or on.get(p.needed_for, True))


def severity(key: str, verdict: Verdict | str) -> Severity:
    """What a verdict of permission `key` means for setup and sync (docs/permissions.md, "Severity").

    MISSING (a 403 on the permission's own read) blocks; UNAVAILABLE blocks only for a required module;
    an inferred gap, an optional module and a probe error are warnings; INCONCLUSIVE is a note.
    """
    try:
        v = Verdict(str(getattr(verdict, "value", verdict)).lower())
    except ValueError:
        return Severity.WARNING
    if v is Verdict.GRANTED:
        return Severity.OK
    if v is Verdict.INCONCLUSIVE:
        return Severity.NOTE
    if v is Verdict.MISSING:
        return Severity.BLOCKER
    if v is Verdict.UNAVAILABLE:
        permission = PERMISSIONS_BY_KEY.get(key)
        module = MODULES.get(permission.module or "") if permission else None
        return Severity.BLOCKER if module is not None and module.required else Severity.WARNING
    return Severity.WARNING


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


def _fetcher(company: CompanyReader) -> Fetch:
    def fetch(path: str, params: Mapping[str, Any]) -> Answer:
        try:
            return Answer(200, company.get(path, dict(params)))
        except PermissionDenied as exc:
            if exc.code != PermissionDenied.code:  # a subclass (a client no longer reachable) is no verdict
                raise
            return Answer(403, {}, exc.request_id)
        except (NotFound, BadRequest, ValidationFailed) as exc:
            return Answer(exc.status or 400, {}, exc.request_id)

    return fetch


def _modules_refused(
    results: list[PermissionResult], permissions: Sequence[Permission]
) -> list[PermissionResult]:
    """MISSING → UNAVAILABLE where every direct read of a module was refused (two or more 403s, nothing granted).

    Tripletex answers 403/9000 both for an unticked box and for a module the company does not have; one
    granted read proves the module is active, so a 403 beside it is a real gap.
    """
    by_key = {p.key: p for p in permissions}
    out = list(results)
    for module in MODULES:
        in_module = [r for r in results if (p := by_key.get(r.key)) is not None and p.module == module]
        refused = [
            r for r in in_module if r.verdict is Verdict.MISSING and r.reason == MISSING_FORBIDDEN.reason
        ]
        if len(refused) < 2 or any(r.verdict is Verdict.GRANTED for r in in_module):
            continue
        for i, r in enumerate(out):
            if r in refused:
                out[i] = dataclasses.replace(r, verdict=Verdict.UNAVAILABLE, reason="module_refused")
    return out


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
    results = _modules_refused(results, permissions)
    declared = {p.key: i for i, p in enumerate(permissions)}
    results.sort(key=lambda r: declared[r.key])
    return PermissionReport(company_id=who.company_id, results=tuple(results))


def check_company_permissions(
    company: CompanyReader, who: WhoAmI, cancel: CancelToken | None = None, *, projects: bool = True
) -> PermissionReport:
    """Probe the permissions needed in `company`'s context; `who` is whoAmI in that same context.

    With `projects` False (project sync off) the project permissions are not probed at all.
    """
    return run_probes(_fetcher(company), who, permissions=permissions_for(projects=projects), cancel=cancel)


def first_error(reports: Iterable[PermissionReport]) -> PermissionResult | None:
    """The first ERROR result across reports (for a summary line with its requestId)."""
    for report in reports:
        for result in report.results:
            if result.verdict is Verdict.ERROR:
                return result
    return None


__all__ = [
    "MODULES",
    "PERMISSIONS_BY_KEY",
    "PROBE_ORDER",
    "REQUIRED_PERMISSIONS",
    "SYNC_OPTIONS",
    "Answer",
    "Evaluation",
    "Module",
    "Permission",
    "PermissionReport",
    "PermissionResult",
    "ProbeContext",
    "Severity",
    "Verdict",
    "check_company_permissions",
    "first_error",
    "permissions_for",
    "run_probes",
    "severity",
]
