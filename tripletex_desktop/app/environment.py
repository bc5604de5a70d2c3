"""Every environment variable the app reads, in one place (names only; each is read where it is used)."""

from __future__ import annotations

from tripletex_desktop.core.api.limiter import CONCURRENCY_ENV
from tripletex_desktop.core.transfer.timing import CLIENT_LIMIT_ENV
from tripletex_desktop.core.transfer.timing import SERVER_LIMIT_ENV as SERVER_PROCESSING_LIMIT_ENV
from tripletex_desktop.storage.logs import LEVEL_ENV_VAR

#: Redirects every path under one folder (portable copies, tests, demos); `--config-dir` wins over it.
HOME_ENV_VAR = "TRIPLETEX_DESKTOP_HOME"

#: The application's production consumer token (supplied at build time or by the user under advanced
#: settings, where it is kept in the keyring).
CONSUMER_TOKEN_ENV = "TRIPLETEX_CONSUMER_TOKEN"

#: Seconds to wait for an answer from Tripletex (a slow line; the fault soak uses a short one); default 30.
REQUEST_TIMEOUT_ENV = "TRIPLETEX_DESKTOP_TIMEOUT"

#: Override the grace period's two limits after an unanswered write, in seconds (core.transfer.timing).
CLIENT_WRITE_LIMIT_ENV = CLIENT_LIMIT_ENV
SERVER_LIMIT_ENV = SERVER_PROCESSING_LIMIT_ENV

#: The log level (DEBUG, INFO, ...); wins over the settings file. Read by storage.logs, which sits below app.
LOG_LEVEL_ENV = LEVEL_ENV_VAR

#: Set (to anything) by the start-up benchmark (bench/bench_startup.py): the first paint of the first window
#: prints `first-paint <time.monotonic()>` on standard output and the app quits. Never set in normal use.
STARTUP_PROBE_ENV = "TRIPLETEX_DESKTOP_STARTUP_PROBE"

#: The ceiling of requests in flight per employee token, 1 to 32 (default 8; core/api/limiter.py, docs/performance.md).
REQUEST_CONCURRENCY_ENV = CONCURRENCY_ENV

__all__ = [
    "CLIENT_WRITE_LIMIT_ENV",
    "CONSUMER_TOKEN_ENV",
    "HOME_ENV_VAR",
    "LOG_LEVEL_ENV",
    "REQUEST_CONCURRENCY_ENV",
    "REQUEST_TIMEOUT_ENV",
    "SERVER_LIMIT_ENV",
    "STARTUP_PROBE_ENV",
]
