"""The redaction helpers: session tokens in paths, secret query values, known secrets in any text."""

from __future__ import annotations

import httpx

from tripletex_desktop.core.api.redact import Redactor, redact_path, redact_url


def test_session_token_in_path_is_masked_but_summary_and_action_paths_are_not():
    assert redact_path("/v2/token/session/abc-123") == "/v2/token/session/***"
    assert redact_path("/v2/token/session/>whoAmI") == "/v2/token/session/>whoAmI"
    assert redact_path("/v2/token/session/%3EwhoAmI") == "/v2/token/session/%3EwhoAmI"
    assert redact_path("/v2/token/session/:create") == "/v2/token/session/:create"


def test_secret_query_values_are_masked():
    url = httpx.URL(
        "https://tripletex.no/v2/token/session/:create?consumerToken=c1&employeeToken=e1&expirationDate=2026-01-02"
    )
    text = redact_url(url)
    assert "c1" not in text and "e1" not in text and "expirationDate=2026-01-02" in text
    assert "token=***" in redact_url("https://tripletex.no/v2/token/consumer/byToken?token=secret-x").replace(
        "%2A", "*"
    )


def test_redactor_masks_every_registered_secret_and_ignores_tiny_ones():
    scrub = Redactor(["employee-secret", None, "", "ab"])
    scrub.add("session-secret")
    assert scrub("employee-secret and session-secret, ab") == "*** and ***, ab"
    assert "employee-secret" not in repr(scrub) and "session-secret" not in repr(scrub)
