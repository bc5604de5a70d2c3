"""The update check: version comparison and the GitHub feed parser, with injected fetchers and transports only."""

from __future__ import annotations

import httpx
import pytest

from tripletex_desktop.core.updates import Release, github_release_fetcher, newer_release, parse_version

FEED = "https://api.example.test/repos/owner/app/releases/latest"


@pytest.mark.parametrize(
    ("text", "parsed"),
    [("0.1.0", (0, 1)), ("v1.2.3", (1, 2, 3)), ("1.10", (1, 10)), ("2", (2,)), ("1.0.0", (1,))],
)
def test_versions_parse(text, parsed):
    assert parse_version(text) == parsed


@pytest.mark.parametrize("text", ["", "1.2.3rc1", "latest", "1..2", "v"])
def test_what_is_not_a_release_version_is_refused(text):
    assert parse_version(text) is None


def test_a_newer_release_is_offered():
    release = Release("0.10.0", "https://example.test/r/0.10.0")
    assert newer_release("0.9.0", lambda: release) == release


@pytest.mark.parametrize("offered", ["0.1.0", "0.0.9", "0.1", "v0.1.0", "0.2.0-beta", "nightly"])
def test_the_same_an_older_or_an_odd_release_is_not_offered(offered):
    assert newer_release("0.1.0", lambda: Release(offered, "https://example.test/r")) is None


def test_no_published_release_offers_nothing():
    assert newer_release("0.1.0", lambda: None) is None


def test_a_network_problem_reaches_the_caller():
    def fetch():
        raise httpx.ConnectError("offline")

    with pytest.raises(httpx.ConnectError):
        newer_release("0.1.0", fetch)


def _client(handler) -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(handler))


def test_the_github_feed_is_read():
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
            200, json={"tag_name": "v0.2.0", "html_url": "https://example.test/releases/v0.2.0"}
        )

    release = github_release_fetcher(FEED, _client(handler))()
    assert release == Release("0.2.0", "https://example.test/releases/v0.2.0")
    assert [str(r.url) for r in seen] == [FEED]
    assert seen[0].headers["accept"] == "application/vnd.github+json"


def test_a_feed_without_releases_is_no_release():
    assert github_release_fetcher(FEED, _client(lambda r: httpx.Response(404)))() is None


@pytest.mark.parametrize(
    "body",
    [{}, {"tag_name": 3, "html_url": "https://x.test"}, {"tag_name": "v1", "html_url": "http://plain.test"}],
)
def test_a_malformed_feed_is_no_release(body):
    assert github_release_fetcher(FEED, _client(lambda r: httpx.Response(200, json=body)))() is None


def test_a_server_error_raises():
    with pytest.raises(httpx.HTTPStatusError):
        github_release_fetcher(FEED, _client(lambda r: httpx.Response(503)))()
