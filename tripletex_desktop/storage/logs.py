"""Logging setup: a rotating log file in the log dir, and a redacting filter as a safety net for secrets."""

from __future__ import annotations

import base64
import binascii
import logging
import logging.handlers
import os
import re
import sys
import threading
import urllib.parse
from pathlib import Path
from typing import Any, ClassVar, Protocol

from tripletex_desktop.storage.private import narrow, private_dir, private_opener

LEVEL_ENV_VAR = "TRIPLETEX_DESKTOP_LOG_LEVEL"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
MASK = "[REDACTED]"
LOG_FORMAT = "%(asctime)s %(levelname)s [%(threadName)s] %(name)s: %(message)s"


class LogLocation(Protocol):
    """Where the log files go (app.paths.AppPaths is one)."""

    @property
    def log_dir(self) -> Path:
        """The log folder."""
        ...

    @property
    def log_file(self) -> Path:
        """The current (rotating) log file."""
        ...


# `token=...`, `"employeeToken": "..."`, `session_token='...'`, `?consumerToken=...&`: mask the value.
_KEYED = re.compile(
    r"""(?ix)
    (\b[a-z_]*token\b["']?\s*[:=]\s*["']?\s*)     # key, separator, opening quote
    (?!(?:true|false|null|none)\b)                # not a flag such as has_custom_consumer_token
    (?!\[REDACTED\])
    ([^\s"',;&)}\]]{4,})
    """
)
_AUTH_HEADER = re.compile(r"(?i)(authorization\b[\"']?\s*[:=]\s*[\"']?\s*(?:basic|bearer)?\s*)([^\s\"',;]+)")
_BEARER = re.compile(r"\b(Bearer\s+)([A-Za-z0-9._~+/=\-]{8,})")
_BASIC = re.compile(r"(?i)\b(Basic\s+)([A-Za-z0-9+/]{4,}={0,2})")
_BASE64 = re.compile(r"(?<![A-Za-z0-9+/])([A-Za-z0-9+/]{12,}={0,2})(?![A-Za-z0-9+/=])")
_USER_COLON = re.compile(rb"^[0-9]+:\S{4,}$")
MIN_SECRET_LENGTH = 6


def _is_basic_credential(candidate: str) -> bool:
    """True when `candidate` is base64 of `<digits>:<token>` (Tripletex Basic auth credentials)."""
    padded = candidate + "=" * (-len(candidate) % 4)
    try:
        raw = base64.b64decode(padded, validate=True)
    except (binascii.Error, ValueError):
        return False
    return bool(_USER_COLON.match(raw))


class RedactingFilter(logging.Filter):
    """Masks tokens in every record: token-looking values, auth headers, and every registered secret."""

    _secrets: ClassVar[set[str]] = set()
    _lock: ClassVar[threading.Lock] = threading.Lock()
    _pattern: ClassVar[re.Pattern[str] | None] = None

    @classmethod
    def register_secret(cls, value: str | None) -> None:
        """Never let `value` (or its URL-encoded / Basic-auth forms) reach a log line."""
        if not value or len(value) < MIN_SECRET_LENGTH:
            return
        forms = {value, urllib.parse.quote(value, safe=""), urllib.parse.quote_plus(value)}
        forms.add(base64.b64encode(f"0:{value}".encode()).decode().rstrip("="))
        with cls._lock:
            if forms <= cls._secrets:
                return
            cls._secrets |= forms
            alternatives = sorted(cls._secrets, key=len, reverse=True)
            cls._pattern = re.compile("|".join(re.escape(s) for s in alternatives))

    @classmethod
    def clear_secrets(cls) -> None:
        """Forget all registered secrets (tests)."""
        with cls._lock:
            cls._secrets = set()
            cls._pattern = None

    @classmethod
    def redact(cls, text: str) -> str:
        """`text` with every secret masked."""
        if not text:
            return text
        pattern = cls._pattern
        if pattern is not None:
            text = pattern.sub(MASK, text)
        text = _AUTH_HEADER.sub(lambda m: m.group(1) + MASK, text)
        text = _BEARER.sub(lambda m: m.group(1) + MASK, text)
        text = _BASIC.sub(
            lambda m: m.group(1) + MASK if _is_basic_credential(m.group(2)) else m.group(0), text
        )
        text = _KEYED.sub(lambda m: m.group(1) + MASK, text)
        return _BASE64.sub(lambda m: MASK if _is_basic_credential(m.group(1)) else m.group(0), text)

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact the message, arguments, traceback and stack of `record` in place; never drops it."""
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not hide the record
            message = f"{record.msg!r} {record.args!r}"
        record.msg = self.redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def redact(text: str) -> str:
    """Mask every secret in `text` (same rules as the log filter)."""
    return RedactingFilter.redact(text)


def resolve_level(level: str | int | None = None, environ: dict[str, str] | None = None) -> int:
    """The log level: $TRIPLETEX_DESKTOP_LOG_LEVEL wins, then `level` (from settings), then INFO."""
    env = os.environ if environ is None else environ
    for candidate in (env.get(LEVEL_ENV_VAR), level):
        if candidate is None or candidate == "":
            continue
        if isinstance(candidate, int):
            return candidate
        value = logging.getLevelName(str(candidate).strip().upper())
        if isinstance(value, int):
            return value
    return logging.INFO


_OWN_HANDLER_ATTR = "_tripletex_desktop_handler"


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A RotatingFileHandler whose files are created 0600 (the first one and each one after a rollover).

    A record the disk cannot take (full, read-only, an I/O error) is dropped quietly: logging's default prints a
    traceback on stderr for each one, which is all a scheduled sync's output would then show. What failed is
    said by the app's own message (the disk is full); the log resumes when writing works again.
    """

    def _open(self) -> Any:
        return open(  # noqa: SIM115 - the handler owns and closes its stream
            self.baseFilename, self.mode, encoding=self.encoding, errors=self.errors, opener=private_opener
        )

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        """Drop the record when the file could not be written; anything else as logging does."""
        if isinstance(sys.exc_info()[1], OSError):
            return
        super().handleError(record)


def setup_logging(paths: LogLocation, level: str | int | None = None, *, console: bool = False) -> None:
    """Send the root logger to a rotating file (1 MB x 5) in the log dir; idempotent.

    Every handler gets a RedactingFilter. If the log dir cannot be written, logs go to stderr instead.
    """
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, _OWN_HANDLER_ATTR, False):
            root.removeHandler(handler)
            handler.close()
    handlers: list[logging.Handler] = []
    file_error: OSError | None = None
    try:
        private_dir(paths.log_dir)
        for old in [paths.log_file, *paths.log_dir.glob(f"{paths.log_file.name}.*")]:
            narrow(old)  # files from an older version
        handlers.append(
            PrivateRotatingFileHandler(
                paths.log_file, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
            )
        )
    except OSError as exc:
        file_error = exc
    if console or file_error is not None:
        handlers.append(logging.StreamHandler(sys.stderr))
    formatter = logging.Formatter(LOG_FORMAT)
    for handler in handlers:
        setattr(handler, _OWN_HANDLER_ATTR, True)
        handler.addFilter(RedactingFilter())
        handler.setFormatter(formatter)
        root.addHandler(handler)
    root.setLevel(resolve_level(level))
    # httpx writes a line per request at INFO; the client logs each one at DEBUG with its requestId, so below
    # DEBUG those lines only cost time per request and push older, useful lines out of the rotation.
    logging.getLogger("httpx").setLevel(logging.NOTSET if root.level <= logging.DEBUG else logging.WARNING)
    logging.captureWarnings(True)
    if file_error is not None:
        logging.getLogger(__name__).warning(
            "log file unavailable (errno %s); logging to stderr", file_error.errno
        )


def log_files(paths: LogLocation) -> list[os.PathLike[str]]:
    """The current log file and its rotated backups that exist, oldest last."""
    names = [paths.log_file] + [paths.log_file.with_name(f"{paths.log_file.name}.{i}") for i in range(1, 10)]
    return [p for p in names if p.exists()]
