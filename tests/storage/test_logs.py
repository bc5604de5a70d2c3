import base64
import logging
import logging.handlers

import pytest

from tripletex_desktop.app.paths import resolve_paths
from tripletex_desktop.storage.logs import (
    LEVEL_ENV_VAR,
    MASK,
    RedactingFilter,
    redact,
    resolve_level,
    setup_logging,
)

TOKEN = "eyJ0b2tlbklkIjo0MiwidG9rZW4iOiI5ZjJhNmQ1Yy0xMjM0LTRhYmMtOGRlZi0wMTIzNDU2Nzg5YWIifQ=="
UUID = "9f2a6d5c-1234-4abc-8def-0123456789ab"


@pytest.mark.parametrize(
    "text,secret",
    [
        (f"employeeToken={TOKEN}&x=1", TOKEN),
        (f'{{"consumerToken": "{UUID}"}}', UUID),
        (f"session_token='{UUID}'", UUID),
        (f"token: {UUID}", UUID),
        (f"?token={UUID}", UUID),
        ("Authorization: Basic MDpzZWNyZXQtc2Vzc2lvbg==", "MDpzZWNyZXQtc2Vzc2lvbg=="),
        ("'Authorization': 'Basic MDpzZWNyZXQtc2Vzc2lvbg=='", "MDpzZWNyZXQtc2Vzc2lvbg=="),
        ("Authorization: Bearer abc.def.ghi-jkl", "abc.def.ghi-jkl"),
        ("sent Bearer abcdefghijklmnop", "abcdefghijklmnop"),
        (
            f"auth={base64.b64encode(f'0:{UUID}'.encode()).decode()}",
            base64.b64encode(f"0:{UUID}".encode()).decode(),
        ),
        (
            f"header {base64.b64encode(f'12345:{UUID}'.encode()).decode()} sent",
            base64.b64encode(f"12345:{UUID}".encode()).decode().rstrip("="),
        ),
    ],
)
def test_token_shapes_are_masked(text, secret):
    out = redact(text)
    assert secret not in out
    assert MASK in out


@pytest.mark.parametrize(
    "text",
    [
        "token_expires_on: 2027-01-31",
        '"has_custom_consumer_token": true',
        "basic settings loaded",
        f"requestId={UUID}",
        "GET /v2/project?from=0&count=1000&fields=id,name",
        "synced 1234 projects for company 5678",
    ],
)
def test_ordinary_text_is_kept(text):
    assert redact(text) == text


def test_registered_secret_and_its_encodings():
    secret = "plain secret/with+chars"
    RedactingFilter.register_secret(secret)
    RedactingFilter.register_secret("abc")  # too short to register: would mask everything
    assert redact(f"x {secret} y") == f"x {MASK} y"
    assert "with%2Bchars" not in redact("q=plain%20secret%2Fwith%2Bchars")
    assert redact("abc") == "abc"
    RedactingFilter.clear_secrets()
    assert redact(secret) == secret


def test_setup_logging_writes_redacted_file(tmp_path, root_logger, monkeypatch):
    monkeypatch.delenv(LEVEL_ENV_VAR, raising=False)
    paths = resolve_paths(tmp_path, environ={})
    RedactingFilter.register_secret("my-registered-employee-token")
    setup_logging(paths, "DEBUG")
    setup_logging(paths, "DEBUG")  # idempotent: one file handler
    log = logging.getLogger("tripletex_desktop.test")
    log.debug("token %s loaded", "my-registered-employee-token")
    log.info("headers %s", {"Authorization": "Basic MDpzZWNyZXQtc2Vzc2lvbg=="})
    try:
        raise ValueError(f"sessionToken={UUID}")
    except ValueError:
        log.exception("failed")
    for h in root_logger.handlers:
        h.flush()
    text = paths.log_file.read_text("utf-8")
    for secret in ("my-registered-employee-token", "MDpzZWNyZXQtc2Vzc2lvbg==", UUID):
        assert secret not in text
    assert "ValueError" in text and "failed" in text and "loaded" in text
    ours = [h for h in root_logger.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]
    assert len(ours) == 1
    assert ours[0].maxBytes == 1_000_000 and ours[0].backupCount == 5
    assert all(any(isinstance(f, RedactingFilter) for f in h.filters) for h in ours)
    assert root_logger.level == logging.DEBUG


def test_level_env_var_wins(monkeypatch):
    assert resolve_level("WARNING", environ={LEVEL_ENV_VAR: "debug"}) == logging.DEBUG
    assert resolve_level("WARNING", environ={}) == logging.WARNING
    assert resolve_level(None, environ={}) == logging.INFO
    assert resolve_level("nonsense", environ={LEVEL_ENV_VAR: ""}) == logging.INFO


def test_unwritable_log_dir_falls_back_to_stderr(tmp_path, root_logger, capsys):
    blocker = tmp_path / "home"
    blocker.mkdir()
    (blocker / "logs").write_text("a file where the log dir should be")
    setup_logging(resolve_paths(blocker, environ={}), "INFO")
    logging.getLogger("x").warning("token=%s", UUID)
    err = capsys.readouterr().err
    assert "logging to stderr" in err and UUID not in err
