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
    # from a logger without the filter: an earlier test (or the app) may have installed it already
    logger.filters[:] = [f for f in before if not isinstance(f, HttpxLogRedactor)]
    try:
        install_log_redaction()
        install_log_redaction()
        assert sum(isinstance(f, HttpxLogRedactor) for f in logger.filters) == 1
    finally:
        logger.filters[:] = before


def test_a_token_in_a_url_httpx_logs_never_reaches_a_handler(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("httpx")
    before = list(logger.filters)
    logger.filters[:] = [f for f in before if not isinstance(f, HttpxLogRedactor)]
    try:
        install_log_redaction()
        with caplog.at_level(logging.INFO, logger="httpx"):
            url = httpx.URL(
                "https://tripletex.no/v2/token/session/abc-session-secret?employeeToken=emp-secret"
            )
            logger.info('HTTP Request: %s %s "%s"', "PUT", url, "HTTP/1.1 200 OK")
    finally:
        logger.filters[:] = before
    assert len(caplog.records) == 1
    text = caplog.records[0].getMessage()
    assert "abc-session-secret" not in text and "emp-secret" not in text
    assert text.startswith("HTTP Request: PUT https://tripletex.no/v2/token/session/") and REDACTED in text


def test_a_secret_of_exactly_four_characters_is_masked_and_three_are_not() -> None:
    # four characters is the shortest secret kept; a shorter one would mangle ordinary words
    scrub = Redactor(["k3y9", "abc"])
    assert scrub("key k3y9 abc") == f"key {REDACTED} abc"


def test_the_longer_secret_is_masked_first_even_when_the_shorter_sorts_after_it() -> None:
    # by length, not alphabetically: "zzzz" sorts after "aaaa-zzzz-bbbb", yet masking it first would leave the
    # longer secret's "aaaa-" and "-bbbb" in the text
    for order in (["aaaa-zzzz-bbbb", "zzzz"], ["zzzz", "aaaa-zzzz-bbbb"]):
        scrub = Redactor(order)
        assert scrub("x aaaa-zzzz-bbbb y zzzz") == f"x {REDACTED} y {REDACTED}"
