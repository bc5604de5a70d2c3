"""Redaction at its edges: overlapping secrets, and every query key that carries a secret."""

from __future__ import annotations

import logging

import httpx
import pytest

from tripletex_desktop.core.api.redact import (
    REDACTED,
    SENSITIVE_QUERY_KEYS,
    HttpxLogRedactor,
    Redactor,
    install_log_redaction,
    redact_url,
)


def test_a_secret_inside_a_longer_one_never_leaves_a_piece_of_the_longer_one() -> None:
    # The longer secret is replaced first, whatever the order they were registered in.
    for order in (["abcd1234", "abcd1234efgh"], ["abcd1234efgh", "abcd1234"]):
        scrub = Redactor(order)
        assert scrub("x abcd1234efgh y abcd1234 z") == f"x {REDACTED} y {REDACTED} z"


def test_overlapping_secrets_that_share_an_edge_are_both_masked() -> None:
    scrub = Redactor(["token-AAAA", "AAAA-tail"])
    text = scrub("seen: token-AAAA-tail")
    assert "token-AAAA" not in text and "AAAA-tail" not in text and "AAAA" not in text.replace(REDACTED, "")


def test_a_secret_registered_twice_is_kept_once() -> None:
    scrub = Redactor(["same-secret", "same-secret"])
    assert repr(scrub) == "Redactor(<1 secrets>)"
    assert scrub("same-secret") == REDACTED


@pytest.mark.parametrize("key", sorted(SENSITIVE_QUERY_KEYS))
def test_every_secret_query_key_is_masked_and_others_are_kept(key: str) -> None:
    url = httpx.URL("https://tripletex.no/v2/x", params={key: "s3cr3t-value", "fields": "id,name"})
    text = redact_url(url)
    assert "s3cr3t-value" not in text
    assert "fields=id%2Cname" in text or "fields=id,name" in text


def test_the_secret_query_keys_are_exactly_these() -> None:
    # A new key that carries a secret must be added here on purpose (and then is masked by the test above).
    assert frozenset({"token", "consumerToken", "employeeToken", "sessionToken"}) == SENSITIVE_QUERY_KEYS


# --- what mutation testing found untested (docs/mutation-testing.md) ---------------------------------------


def test_no_text_stays_no_text() -> None:
    scrub = Redactor(["employee-secret"])
    assert scrub(None) == "" and scrub("") == ""


def test_the_httpx_filter_leaves_mapping_arguments_alone() -> None:
    record = logging.LogRecord("httpx", logging.INFO, __file__, 1, "%(what)s", ({"what": "kept"},), None)
    assert HttpxLogRedactor().filter(record) is True
    assert record.getMessage() == "kept"


def test_log_redaction_is_installed_on_the_httpx_logger_once() -> None:
    logger = logging.getLogger("httpx")
    before = list(logger.filters)
    try:
        install_log_redaction()
        install_log_redaction()
        assert sum(isinstance(f, HttpxLogRedactor) for f in logger.filters) == 1
    finally:
        logger.filters[:] = before
