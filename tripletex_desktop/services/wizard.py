"""Qt-free backend of the setup wizard: blocking checks (run through run_task) and the all-or-nothing commit."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from tripletex_desktop.app.build import default_consumer_token
from tripletex_desktop.core import onboarding, permissions
from tripletex_desktop.core.api import CompanyClient, ConnectionTarget, TripletexClient, check_employee_token
from tripletex_desktop.core.api.target import clean_token
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.errors import (
    Cancelled,
    ConfigurationError,
    ErrorInfo,
    SecretStoreUnavailable,
)
from tripletex_desktop.core.mapping import apply_by_name as apply_mapping_by_name
from tripletex_desktop.core.mapping import mapping_gaps, suggest_mapping
from tripletex_desktop.core.models import (
    OWN_COMPANY,
    ClientCompany,
    CompanyMapping,
    CostCategory,
    Environment,
    PaymentType,
    TravelExpenseSettings,
    WhoAmI,
)
from tripletex_desktop.core.permissions import REQUIRED_PERMISSIONS, Permission, severity
from tripletex_desktop.core.sync.permcheck import check_to_json
from tripletex_desktop.storage.secrets import SessionOnlyTokenStore
from tripletex_desktop.storage.settings import (
    CompanySettings,
    ConnectionSettings,
    LoadResult,
    Settings,
    SyncOptions,
    new_connection_id,
)

if TYPE_CHECKING:
    from tripletex_desktop.app.context import AppContext

log = logging.getLogger(__name__)

SYNC_INTERVALS: tuple[str, ...] = ("manual", "15min", "hourly", "daily")

#: Verdicts as plain strings so the UI never depends on the enum's module.
GRANTED, MISSING, INCONCLUSIVE, ERROR = "GRANTED", "MISSING", "INCONCLUSIVE", "ERROR"
LIKELY_MISSING, UNAVAILABLE = "LIKELY_MISSING", "UNAVAILABLE"
#: What a verdict means for setup (core.permissions.Severity values): only a blocker holds Next back.
OK, NOTE, WARNING, BLOCKER = "ok", "note", "warning", "blocker"


class TokenForOtherCompanies(ConfigurationError):
    """Replace token: the new token does not fit the connection (it misses some of its companies, or is an
    accounting office's token for a company's own connection, or the other way round); nothing was stored.
    `missing` are the company ids it does not reach."""

    code = "token_other_companies"

    def __init__(self, missing: Iterable[int]) -> None:
        self.missing = tuple(missing)
        super().__init__(",".join(str(m) for m in self.missing))


def check_token_shape(token: str, environment: Environment) -> None:
    """Refuse obviously wrong tokens before anything is sent (empty, or a `test-` token on production)."""
    check_employee_token(token, environment)


@dataclass
class SyncChoice:
    """What to sync and how often (employees are always synced)."""

    projects: bool = True
    departments: bool = True
    interval: str = "hourly"
    sync_on_finish: bool = True
    deliver_reports: bool = True
    approve_reports: bool = False


@dataclass
class WizardDraft:
    """Everything the wizard collected; kept in memory only until commit."""

    connection_id: str | None = None
    name: str = ""
    environment: Environment = Environment.PRODUCTION
    base_url: str | None = None
    consumer_token: str | None = field(default=None, repr=False)
    #: None on an existing connection means "keep the stored token".
    employee_token: str | None = field(default=None, repr=False)
    has_stored_token: bool = False
    has_custom_consumer_token: bool = False
    token_expires_on: dt.date | None = None
    language: str = "en"
    who: WhoAmI | None = None
    #: The stored connection's token owner (employee id, company id) while `who` is unknown (editing).
    owner: tuple[int, int] | None = None
    is_accountant: bool = False
    companies: tuple[ClientCompany, ...] = ()
    selected_company_ids: list[int] = field(default_factory=list)
    mappings: dict[int, CompanyMapping] = field(default_factory=dict)
    sync: SyncChoice = field(default_factory=SyncChoice)

    @property
    def selected_companies(self) -> list[ClientCompany]:
        """The chosen companies, in list order."""
        chosen = set(self.selected_company_ids)
        return [c for c in self.companies if c.id in chosen]


@dataclass(frozen=True, slots=True)
class PermissionCell:
    """One permission's verdict for one company."""

    key: str
    verdict: str
    reason: str | None = None
    request_id: str | None = None
    #: OK, NOTE, WARNING or BLOCKER (core.permissions.severity)
    severity: str = OK


@dataclass(frozen=True, slots=True)
class CompanyPermissions:
    """The permission check of one company: cells by key, or an error that stopped the check.

    Only the permissions needed with the draft's sync options have cells (no project cells when project
    sync is off); `projects` says which set was checked.
    """

    company_id: int
    cells: Mapping[str, PermissionCell] = field(default_factory=dict)
    error: ErrorInfo | None = None
    checked_at: dt.datetime | None = None
    projects: bool = True

    @property
    def missing(self) -> list[str]:
        """Keys of permissions the token lacks (a 403 on their own read)."""
        return [k for k, c in self.cells.items() if c.verdict == MISSING]

    @property
    def blockers(self) -> list[str]:
        """Keys that hold setup back (severity BLOCKER)."""
        return [k for k, c in self.cells.items() if c.severity == BLOCKER]

    @property
    def warnings(self) -> list[str]:
        """Keys the user can read about and continue past (likely missing, unavailable, probe errors)."""
        return [k for k, c in self.cells.items() if c.severity == WARNING]

    @property
    def blocked(self) -> bool:
        """A blocking verdict, or the whole check failed (whoAmI, client not reachable)."""
        return self.error is not None or bool(self.blockers)

    @property
    def inconclusive(self) -> list[str]:
        """Keys the probes could not decide (including probe errors)."""
        return [k for k, c in self.cells.items() if c.verdict in (INCONCLUSIVE, ERROR)]


@dataclass(frozen=True, slots=True)
class CompanySetupView:
    """A company's ACTIVE categories and payment types, its travel settings and a suggested mapping."""

    company_id: int
    cost_categories: tuple[CostCategory, ...]
    payment_types: tuple[PaymentType, ...]
    settings: TravelExpenseSettings
    suggestion: CompanyMapping


@dataclass(frozen=True, slots=True)
class ConnectOutcome:
    """What a successful connect tells the wizard."""

    who: WhoAmI
    companies: tuple[ClientCompany, ...]
    is_accountant: bool
    #: Tripletex's date minus this PC's, in days, when they disagree (the PC clock is off); else None.
    clock_skew_days: int | None = None


class MakeClient(Protocol):
    """AppContext.make_client: builds a TripletexClient (demo mode: the shared simulator transport)."""

    def __call__(self, target: ConnectionTarget, employee_token: str, cancel: CancelToken) -> TripletexClient:
        """Return a client for target."""
        ...


class TokenSecrets(Protocol):
    """Where the wizard keeps tokens (storage.secrets.TokenStore, or its session-only kind, fits).

    A store that may refuse a keyring it does not trust also has `ensure_secure()` (TokenStore does).
    """

    def get(self, connection_id: str, kind: str = "employee") -> str | None:
        """The stored token, None when there is none (SecretStoreUnavailable when it cannot be read)."""
        ...

    def set(self, connection_id: str, token: str, kind: str = "employee") -> None:
        """Store a token."""
        ...

    def delete(self, connection_id: str, kind: str | None = "employee") -> None:
        """Forget a token."""
        ...


class SettingsFile(Protocol):
    """The settings file (storage.settings.SettingsStore fits)."""

    def load(self) -> LoadResult:
        """Read the settings."""
        ...

    def save(self, settings: Settings) -> None:
        """Write the settings atomically."""
        ...


class PermissionCheckWriter(Protocol):
    """Where commit() stores the wizard's permission checks (storage.db.Database fits)."""

    def save_permission_check(self, connection_id: str, company_id: int, results_json: Any) -> None:
        """Store one company's check (JSON-able)."""
        ...


class WizardBackend:
    """Blocking operations for the wizard pages; each is called on a worker thread through run_task."""

    def __init__(
        self,
        make_client: MakeClient,
        token_store: TokenSecrets,
        settings_store: SettingsFile,
        *,
        session_token_store: SessionOnlyTokenStore | None = None,
        default_consumer_token: Callable[[Environment], str | None] | None = None,
        permission_store: PermissionCheckWriter | None = None,
        now: Callable[[], dt.datetime] | None = None,
    ) -> None:
        self._make_client = make_client
        #: When a permission check ran ("checked at hh:mm" on the page); injectable for tests.
        self._now = now or (lambda: dt.datetime.now(dt.UTC))
        self.token_store = token_store
        self.settings_store = settings_store
        self.session_token_store = session_token_store
        #: Where commit() stores the permission checks (storage.db.Database; None: they are not kept).
        self.permission_store = permission_store
        #: The newest permission check of each company this wizard ran, stored at commit.
        self._permission_results: dict[int, CompanyPermissions] = {}
        self._default_consumer_token = default_consumer_token or _default_consumer_token

    @classmethod
    def for_context(cls, context: AppContext, **kwargs: Any) -> WizardBackend:
        """The backend over the app's context: its clients, keyring and settings file, its consumer token
        (the build's, or a connection's own) and its database for the permission checks."""
        return cls(
            context.make_client,
            context.token_store,
            context.settings_store,
            session_token_store=context.session_tokens,
            default_consumer_token=context.consumer_token,
            permission_store=context.db,
            **kwargs,
        )

    # --- data --------------------------------------------------------------------------------

    def required_permissions(self) -> tuple[Permission, ...]:
        """core.permissions.REQUIRED_PERMISSIONS (key, group, tripletex_label_nb/en, where_nb/en)."""
        return tuple(REQUIRED_PERMISSIONS)

    def demo_tokens(self) -> tuple[str, ...]:
        """The simulator's demo employee tokens, for the demo combo."""
        from tripletex_desktop.simulator import DEMO_TOKENS  # local: start-up time, demo only

        return tuple(DEMO_TOKENS)

    # --- checks ------------------------------------------------------------------------------

    def _client(self, draft: WizardDraft, cancel: CancelToken) -> TripletexClient:
        token = draft.employee_token
        if token is None and draft.connection_id and draft.has_stored_token:
            token = self.token_store.get(draft.connection_id, kind="employee")
        token = clean_token(token or "")
        check_token_shape(token, draft.environment)
        consumer = draft.consumer_token
        if not consumer and draft.has_custom_consumer_token and draft.connection_id:
            consumer = self.token_store.get(draft.connection_id, kind="consumer")
        consumer = consumer or self._default_consumer_token(draft.environment)
        if not consumer:
            raise ConfigurationError("no consumer token for this environment")
        target = ConnectionTarget.for_environment(
            draft.environment, consumer, base_url=draft.base_url or None
        )
        return self._make_client(target, token, cancel)

    def connect(self, draft: WizardDraft, cancel: CancelToken) -> ConnectOutcome:
        """Create a session, ask whoAmI and list the companies the token reaches."""
        cancel.raise_if_cancelled()
        client = self._client(draft, cancel)
        try:
            result = onboarding.connect(client)
        finally:
            _close(client)
        skew = getattr(client, "clock_skew_days", None)
        cancel.raise_if_cancelled()
        companies = tuple(result.companies)
        if not companies:
            who = result.who
            companies = (
                ClientCompany(
                    id=who.company_id, name=who.company_name, organization_number=who.organization_number
                ),
            )
        return ConnectOutcome(
            who=result.who,
            companies=companies,
            is_accountant=bool(result.is_accountant),
            clock_skew_days=skew if isinstance(skew, int) else None,
        )

    def check_permissions(
        self, draft: WizardDraft, company_ids: Iterable[int], cancel: CancelToken
    ) -> dict[int, CompanyPermissions]:
        """Probe the needed permissions in each company; a company that fails gets an error entry.

        Project permissions are probed only when the draft syncs projects (the Sync page comes first).
        """
        out: dict[int, CompanyPermissions] = {}
        projects = draft.sync.projects
        client = self._client(draft, cancel)
        try:
            for company_id in company_ids:
                cancel.raise_if_cancelled()
                try:
                    company_client, who = self._company_client(client, draft, company_id)
                    report = permissions.check_company_permissions(
                        company_client, who, cancel=cancel, projects=projects
                    )
                    out[company_id] = _normalize_report(company_id, report, self._now(), projects)
                except Cancelled:
                    raise
                except Exception as exc:  # one failing company must not hide the others
                    log.info("permission check failed for company %s: %s", company_id, type(exc).__name__)
                    out[company_id] = CompanyPermissions(
                        company_id, {}, ErrorInfo.from_exception(exc), self._now(), projects
                    )
        finally:
            _close(client)
        self._permission_results.update(out)
        return out

    def stored_permissions(
        self, connection_id: str, company_ids: Iterable[int], cancel: CancelToken
    ) -> dict[int, CompanyPermissions]:
        """The newest stored permission check (the wizard's or a sync's) of each company that has one."""
        store = self.permission_store
        if store is None or not hasattr(store, "last_permission_check"):
            return {}
        out: dict[int, CompanyPermissions] = {}
        for company_id in company_ids:
            cancel.raise_if_cancelled()
            check = store.last_permission_check(connection_id, company_id)
            if check is not None:
                out[company_id] = permissions_from_stored(company_id, check.results, check.checked_at)
        return out

    @staticmethod
    def _auth_id(draft: WizardDraft, company_id: int) -> int:
        """Basic-auth username: 0 for a plain token's own company, else the client's id."""
        if not draft.is_accountant and draft.who is not None and company_id == draft.who.company_id:
            return OWN_COMPANY
        return company_id

    def _company_client(
        self, client: TripletexClient, draft: WizardDraft, company_id: int
    ) -> tuple[CompanyClient, WhoAmI]:
        auth_id = self._auth_id(draft, company_id)
        who = onboarding.confirm_client(client, auth_id)
        return client.company(auth_id), who

    def load_company_setup(
        self, draft: WizardDraft, company_id: int, cancel: CancelToken
    ) -> CompanySetupView:
        """Load a company's active categories, payment types and travel settings, plus a suggested mapping."""
        client = self._client(draft, cancel)
        try:
            auth_id = self._auth_id(draft, company_id)
            if auth_id != OWN_COMPANY:
                onboarding.confirm_client(client, auth_id)
            setup = onboarding.load_company_setup(client, auth_id)
        finally:
            _close(client)
        cats = tuple(c for c in setup.cost_categories if not c.is_inactive)
        pays = tuple(p for p in setup.payment_types if not p.is_inactive)
        return CompanySetupView(company_id, cats, pays, setup.settings, suggest(company_id, cats, pays))

    # --- commit ------------------------------------------------------------------------------

    def keyring_problem(self) -> str | None:
        """None when the token can be stored in a secure keyring; else why not ("no_backend",
        "insecure_backend", "locked"): asked on the token page, long before Finish."""
        ensure = getattr(self.token_store, "ensure_secure", None)
        if not callable(ensure):
            return None
        try:
            ensure()
        except SecretStoreUnavailable as exc:
            return exc.reason
        return None

    def has_builtin_consumer_token(self, environment: Environment) -> bool:
        """Whether this build carries the application's consumer token for `environment` (release builds do;
        a build from source has one only when TRIPLETEX_CONSUMER_TOKEN is set)."""
        try:
            return bool(self._default_consumer_token(environment))
        except ConfigurationError:
            return False

    def replace_token(
        self, draft: WizardDraft, token: str, cancel: CancelToken, *, session_only: bool = False
    ) -> ConnectOutcome:
        """Replace a stored connection's employee token: check it (session, whoAmI, the companies it reaches)
        and store it only when it reaches every company of the connection (TokenForOtherCompanies otherwise);
        SecretStoreUnavailable before anything is stored when the keyring cannot be used."""
        checked = dataclasses.replace(draft, employee_token=clean_token(token))
        outcome = self.connect(checked, cancel)
        reached = {c.id for c in outcome.companies}
        missing = [c for c in draft.selected_company_ids if c not in reached]
        if missing or outcome.is_accountant != draft.is_accountant:
            raise TokenForOtherCompanies(missing)
        cancel.raise_if_cancelled()
        if draft.connection_id is None:
            raise ConfigurationError("no connection to replace the token of")
        store = self.token_store
        if session_only:
            if self.session_token_store is None:
                self.session_token_store = SessionOnlyTokenStore()
            store = self.session_token_store
        elif hasattr(store, "ensure_secure"):
            store.ensure_secure()
        store.set(draft.connection_id, clean_token(token), kind="employee")
        return outcome

    def commit(self, draft: WizardDraft, *, session_only: bool = False) -> ConnectionSettings:
        """Write the token (keyring, or the session-only store) and then the settings: both or neither.

        Raises SecretStoreUnavailable before anything is written when the keyring cannot be used.
        """
        connection_id = draft.connection_id or new_connection_id()
        store = self.token_store
        if session_only:
            if self.session_token_store is None:
                self.session_token_store = SessionOnlyTokenStore()
            store = self.session_token_store
        elif hasattr(store, "ensure_secure"):
            store.ensure_secure()

        settings = self.settings_store.load().settings
        connection = build_connection_settings(draft, connection_id, session_only=session_only)
        new_settings = replace_connection(settings, connection)
        new_settings = dataclasses.replace(new_settings, ui_language=draft.language)

        written: list[tuple[str, str | None]] = []  # (kind, previous value) to roll back
        try:
            # A failed read of the previous token aborts here, before its write: taking it for "no previous
            # token" would let a rollback delete a token that exists.
            if draft.employee_token:
                written.append(("employee", store.get(connection_id, kind="employee")))
                store.set(connection_id, clean_token(draft.employee_token), kind="employee")
            if draft.consumer_token:
                written.append(("consumer", store.get(connection_id, kind="consumer")))
                store.set(connection_id, clean_token(draft.consumer_token), kind="consumer")
            self.settings_store.save(new_settings)
        except BaseException:
            for kind, previous in reversed(written):
                try:
                    if previous is None:
                        store.delete(connection_id, kind=kind)
                    else:
                        store.set(connection_id, previous, kind=kind)
                except Exception:  # the original error matters more
                    log.warning("could not roll back the %s token after a failed commit", kind)
            raise
        self._save_permission_checks(connection_id, draft)
        return connection

    def _save_permission_checks(self, connection_id: str, draft: WizardDraft) -> None:
        """Store this wizard's permission checks of the chosen companies (the sync trusts them for 24 h).

        Best effort: the connection is saved already, and without a stored check the first sync probes.
        """
        store = self.permission_store
        if store is None:
            return
        for company_id in draft.selected_company_ids:
            result = self._permission_results.get(company_id)
            if result is None:
                continue
            cells = {k: (c.verdict, c.reason, c.request_id) for k, c in result.cells.items()}
            try:
                store.save_permission_check(
                    connection_id, company_id, check_to_json(cells, source="wizard", error=result.error)
                )
            except Exception:
                log.warning("could not store the permission check of company %s", company_id, exc_info=True)


def _close(client: object) -> None:
    close = getattr(client, "close", None)
    if callable(close):
        try:
            close()
        except Exception:
            log.debug("closing the client failed", exc_info=True)


def _default_consumer_token(environment: Environment) -> str | None:
    """Demo: the simulator's token; otherwise $TRIPLETEX_CONSUMER_TOKEN or the build's own (app.build)."""
    if environment is Environment.DEMO:
        from tripletex_desktop.simulator import DEMO_CONSUMER_TOKEN  # local: start-up time, demo only

        return DEMO_CONSUMER_TOKEN
    return default_consumer_token()


def suggest(company_id: int, cats: tuple[CostCategory, ...], pays: tuple[PaymentType, ...]) -> CompanyMapping:
    """core.mapping.suggest_mapping: a first mapping from the company's active category names."""
    return suggest_mapping(company_id, cats, pays)


def _verdict_name(verdict: Any) -> str:
    name = getattr(verdict, "name", None) or getattr(verdict, "value", None) or str(verdict)
    return str(name).upper()


def _normalize_report(
    company_id: int, report: Any, checked_at: dt.datetime | None = None, projects: bool = True
) -> CompanyPermissions:
    results = getattr(report, "results", report)
    if isinstance(results, Mapping):
        results = results.values()
    cells = {}
    for r in results:
        cells[r.key] = PermissionCell(
            key=r.key,
            verdict=_verdict_name(r.verdict),
            reason=getattr(r, "reason", None),
            request_id=getattr(r, "request_id", None),
            severity=severity(r.key, r.verdict).value,
        )
    return CompanyPermissions(company_id, cells, None, checked_at, projects)


def permissions_from_stored(
    company_id: int, results: Mapping[str, Any], checked_at: dt.datetime | None = None
) -> CompanyPermissions:
    """A stored check (core.sync.permcheck's JSON) as the wizard's CompanyPermissions, graded by
    core.permissions.severity like a fresh one."""
    entries = results.get("permissions") if isinstance(results, Mapping) else None
    cells: dict[str, PermissionCell] = {}
    for key, entry in (entries or {}).items():
        if not isinstance(entry, Mapping):
            continue
        verdict = str(entry.get("verdict") or "error")
        cells[str(key)] = PermissionCell(
            key=str(key),
            verdict=verdict.upper(),
            reason=entry.get("reason"),
            request_id=entry.get("request_id"),
            severity=severity(str(key), verdict).value,
        )
    error = results.get("error") if isinstance(results, Mapping) else None
    info = (
        ErrorInfo(code=str(error.get("code") or "internal"), request_id=error.get("request_id"))
        if isinstance(error, Mapping)
        else None
    )
    projects = any(
        getattr(permissions.PERMISSIONS_BY_KEY.get(k), "needed_for", None) == "projects" for k in cells
    )
    return CompanyPermissions(company_id, cells, info, checked_at, projects)


def build_connection_settings(
    draft: WizardDraft, connection_id: str, *, session_only: bool
) -> ConnectionSettings:
    """Turn the draft into storage.settings.ConnectionSettings (no secrets in it)."""
    companies = []
    for company in draft.selected_companies:
        mapping = draft.mappings.get(company.id, CompanyMapping(company_id=company.id))
        companies.append(
            CompanySettings(
                id=company.id,
                name=company.name,
                organization_number=company.organization_number,
                mileage_cost_category_id=mapping.mileage_cost_category_id,
                per_diem_cost_category_id=mapping.per_diem_cost_category_id,
                payment_type_id=mapping.payment_type_id,
                toll_cost_category_id=mapping.extra.get("toll"),
            )
        )
    sync = SyncOptions(
        projects=draft.sync.projects,
        departments=draft.sync.departments,
        interval=draft.sync.interval,
        sync_on_finish=draft.sync.sync_on_finish,
        deliver_reports=draft.sync.deliver_reports,
        approve_reports=draft.sync.approve_reports,
    )
    who = draft.who
    label = draft.name or (who.company_name if who and not draft.is_accountant else "")
    if not label and who:
        label = f"{who.employee_name} ({who.company_name})"
    owner = (who.employee_id, who.company_id) if who is not None and who.employee_id else draft.owner
    return ConnectionSettings(
        id=connection_id,
        label=label or connection_id,
        environment=draft.environment.value,
        base_url=draft.base_url or None,
        companies=companies,
        is_accountant=draft.is_accountant,
        sync=sync,
        token_expires_on=draft.token_expires_on,
        has_custom_consumer_token=bool(draft.consumer_token) or draft.has_custom_consumer_token,
        employee_id=owner[0] if owner else None,
        employee_company_id=owner[1] if owner else None,
    )


def replace_connection(settings: Settings, connection: ConnectionSettings) -> Settings:
    """Settings with `connection` added, or replacing the one with the same id (a new object)."""
    ids = [c.id for c in settings.connections]
    if connection.id in ids:
        conns = [connection if c.id == connection.id else c for c in settings.connections]
    else:
        conns = [*settings.connections, connection]
    return dataclasses.replace(settings, connections=conns)


def apply_by_name(
    source_company_id: int,
    mappings: Mapping[int, CompanyMapping],
    setups: Mapping[int, CompanySetupView],
    target_company_ids: Iterable[int],
) -> dict[int, CompanyMapping]:
    """Carry the source company's choices to each target with same-named ACTIVE items (core.mapping).

    Returns the changed mappings only; a target where any slot has no unique match keeps its own choice.
    """
    source = mappings.get(source_company_id)
    src = setups.get(source_company_id)
    if source is None or src is None:
        return {}
    changed: dict[int, CompanyMapping] = {}
    for cid in target_company_ids:
        target = setups.get(cid)
        if cid == source_company_id or target is None:
            continue
        carried = apply_mapping_by_name(
            source,
            src.cost_categories,
            target.cost_categories,
            target_company_id=cid,
            source_payment_types=src.payment_types,
            target_payment_types=target.payment_types,
        )
        if carried is not None and carried != mappings.get(cid):
            changed[cid] = carried
    return changed


def mapping_complete(mapping: CompanyMapping | None, settings: TravelExpenseSettings | None) -> bool:
    """core.mapping.mapping_gaps is empty: payment type always; mileage and per diem unless not compensated."""
    return not mapping_gaps(mapping, settings)
