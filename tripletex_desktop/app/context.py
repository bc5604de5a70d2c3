"""The AppContext: paths, settings, token store, database and the API client factory, built once at start."""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from tripletex_desktop.app.build import default_consumer_token
from tripletex_desktop.app.environment import REQUEST_TIMEOUT_ENV
from tripletex_desktop.app.paths import AppPaths, resolve_paths
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.errors import ConfigurationError, SettingsCorrupt, TokenMissing
from tripletex_desktop.core.models import Environment
from tripletex_desktop.storage.logs import RedactingFilter, setup_logging
from tripletex_desktop.storage.settings import ConnectionSettings, Settings, SettingsStore

# The API client (httpx), the database (sqlite3) and the keyring are imported and opened on first use, never
# before the first window is shown (tests/ui/test_startup_imports.py guards this).
if TYPE_CHECKING:
    from tripletex_desktop.core.api import ConnectionTarget, TripletexClient
    from tripletex_desktop.core.transfer import WriteTiming
    from tripletex_desktop.simulator import Simulator
    from tripletex_desktop.storage.db import Database
    from tripletex_desktop.storage.secrets import SessionOnlyTokenStore, TokenStore

log = logging.getLogger(__name__)

#: The demo simulator's saved state (travel expenses sent in demo mode), in the data folder.
DEMO_STATE_FILE_NAME = "demo-simulator.json"
#: The HTTP timeout when $TRIPLETEX_DESKTOP_TIMEOUT is unset or unusable.
DEFAULT_REQUEST_TIMEOUT = 30.0
OSLO = ZoneInfo("Europe/Oslo")


def utc_now() -> dt.datetime:
    """The real clock, aware UTC: the AppContext's default `clock`."""
    return dt.datetime.now(dt.UTC)


def request_timeout() -> float:
    """The HTTP timeout in seconds: $TRIPLETEX_DESKTOP_TIMEOUT when it is a number from 0.5 to 600, else 30."""
    raw = os.environ.get(REQUEST_TIMEOUT_ENV, "").strip()
    if not raw:
        return DEFAULT_REQUEST_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if not 0.5 <= value <= 600:
        log.warning("%s=%r is not a number of seconds from 0.5 to 600; using 30", REQUEST_TIMEOUT_ENV, raw)
        return DEFAULT_REQUEST_TIMEOUT
    return value


@dataclass
class AppContext:
    """Everything long-lived the app needs, built once at start and handed to windows and commands."""

    paths: AppPaths
    settings_store: SettingsStore
    settings: Settings
    settings_problem: SettingsCorrupt | None = None
    #: The app's one clock (aware UTC): the demo simulator's date, the sync's rate period, the outbox journal's
    #: times and the window's "today" all come from it. Tests inject a fixed one; the default is the real clock.
    clock: Callable[[], dt.datetime] = field(default=utc_now, repr=False)
    _simulator: Simulator | None = field(default=None, repr=False)
    _simulator_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    #: The OS keyring (storage.secrets.TokenStore), the run's own tokens and the database: made on first use.
    _token_store: TokenStore | None = field(default=None, repr=False)
    _session_tokens: SessionOnlyTokenStore | None = field(default=None, repr=False)
    _db: Database | None = field(default=None, repr=False)
    _open_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def token_store(self) -> TokenStore:
        """The OS keyring's token store (storage.secrets), made on first use."""
        with self._open_lock:
            if self._token_store is None:
                from tripletex_desktop.storage.secrets import TokenStore  # local: start-up time (keyring)

                self._token_store = TokenStore()
            return self._token_store

    @property
    def session_tokens(self) -> SessionOnlyTokenStore:
        """Tokens the user chose to keep for this run only (no secure keyring); never written anywhere."""
        with self._open_lock:
            if self._session_tokens is None:
                from tripletex_desktop.storage.secrets import SessionOnlyTokenStore  # local: start-up time

                self._session_tokens = SessionOnlyTokenStore()
            return self._session_tokens

    @property
    def db(self) -> Database:
        """The database (storage.db), opened (and migrated) on first use, from whichever thread needs it."""
        with self._open_lock:
            if self._db is None:
                from tripletex_desktop.storage.db import Database  # local: start-up time (sqlite3)

                self._db = Database.open(self.paths.database_file, clock=self.clock)
            return self._db

    @property
    def simulator(self) -> Simulator:
        """The one in-process simulator of this run (demo mode); created on first use, its state kept on disk."""
        with self._simulator_lock:
            if self._simulator is None:
                from tripletex_desktop.simulator import Simulator  # local: start-up time, demo only

                self._simulator = Simulator(
                    today=self.today, state_file=self.paths.data_dir / DEMO_STATE_FILE_NAME
                )
            return self._simulator

    def today(self) -> dt.date:
        """Today's date in Norway (Europe/Oslo), from `clock`."""
        return self.clock().astimezone(OSLO).date()

    @property
    def write_timing(self) -> WriteTiming:
        """The grace period after an unanswered write: from the request timeout and the environment
        (core.transfer.timing)."""
        from tripletex_desktop.core.transfer.timing import WriteTiming  # local: start-up time

        return WriteTiming.from_environment(request_timeout_s=request_timeout())

    def consumer_token(self, environment: Environment, connection_id: str | None = None) -> str:
        """The consumer token for an environment: demo's built-in one, a stored one, or the build's own."""
        if environment is Environment.DEMO:
            from tripletex_desktop.simulator import DEMO_CONSUMER_TOKEN  # local: start-up time, demo only

            return DEMO_CONSUMER_TOKEN
        if connection_id is not None:
            stored = self.session_tokens.get(connection_id, kind="consumer") or self.token_store.get(
                connection_id, kind="consumer"
            )
            if stored:
                RedactingFilter.register_secret(stored)
                return stored
        token = default_consumer_token()
        if not token:
            raise ConfigurationError("no consumer token for this environment")
        RedactingFilter.register_secret(token)
        return token

    def target_for(self, connection: ConnectionSettings) -> ConnectionTarget:
        """The API target of a stored connection."""
        from tripletex_desktop.core.api import ConnectionTarget  # local: start-up time (httpx)

        env = Environment(connection.environment)
        return ConnectionTarget.for_environment(
            env, self.consumer_token(env, connection.id), connection.base_url
        )

    def make_client(
        self, target: ConnectionTarget, employee_token: str, cancel: CancelToken | None = None
    ) -> TripletexClient:
        """A client on a fresh httpx.Client; demo mode talks to the shared in-process simulator."""
        # local: start-up time (httpx)
        from tripletex_desktop.core.api import TripletexClient, make_http_client
        from tripletex_desktop.core.api.limiter import concurrency_ceiling

        RedactingFilter.register_secret(employee_token)
        transport = self.simulator.transport() if target.environment is Environment.DEMO else None
        http = make_http_client(target, transport=transport, timeout=request_timeout())
        return TripletexClient(
            http, target, employee_token, cancel=cancel, concurrency=concurrency_ceiling(), today=self.today
        )

    def employee_token(self, connection_id: str) -> str | None:
        """The connection's employee token: kept for this run only, else from the keyring."""
        return self.session_tokens.get(connection_id) or self.token_store.get(connection_id)

    def client_for(
        self, connection: ConnectionSettings, cancel: CancelToken | None = None
    ) -> TripletexClient:
        """A client for a stored connection, with its employee token (this run's, or the keyring's)."""
        token = self.employee_token(connection.id)
        if not token:
            raise TokenMissing("no employee token stored for this connection")
        return self.make_client(self.target_for(connection), token, cancel)

    def save_settings(self) -> None:
        """Save what only the window keeps in memory (geometry, language) atomically; never raises.

        Connections are saved when they change (wizard, profile import), possibly by another process such as
        `tripletex-desktop profile import`: so the file on disk is re-read and only these fields replaced.
        """
        try:
            loaded = self.settings_store.load()
            base = self.settings if loaded.problem is not None else loaded.settings
            base.window_geometry = self.settings.window_geometry
            base.ui_language = self.settings.ui_language
            base.check_for_updates = self.settings.check_for_updates
            self.settings_store.save(base)
        except Exception:  # at exit a failed write must not lose the user's work elsewhere
            log.exception("saving settings failed")

    def close(self) -> None:
        """Release the database (if it was opened)."""
        with self._open_lock:
            db = self._db
        if db is not None:
            db.close()


def build_context(
    config_dir: str | Path | None = None,
    *,
    token_store: TokenStore | None = None,
    clock: Callable[[], dt.datetime] | None = None,
    open_database: bool = True,
) -> AppContext:
    """Resolve paths, start logging, load settings (a corrupt file is kept aside) and open the database.

    With `open_database` False (the GUI, so its window appears first) the database opens on first use.

    `clock` (aware UTC) is for tests and benchmarks; None is the real clock.
    """
    paths = resolve_paths(config_dir)
    paths.ensure()
    store = SettingsStore(paths.settings_file)
    loaded = store.load()
    setup_logging(paths, loaded.settings.log_level)
    if loaded.problem is not None:
        log.warning("settings file was unreadable and was kept aside: %s", loaded.problem.backup_path)
    context = AppContext(
        paths=paths,
        settings_store=store,
        settings=loaded.settings,
        settings_problem=loaded.problem,
        clock=clock or utc_now,
        _token_store=token_store,
    )
    if open_database:
        context.db  # noqa: B018 - opened now: a command says at once when it cannot (the GUI opens it later)
    return context
