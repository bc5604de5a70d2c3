"""Whether a newer release exists: compare versions, ask an injected fetcher; nothing here decides to go online.

The caller asks only when the user has opted in (Settings.check_for_updates, off by default). The fetcher reads
the release feed the build was given (GitHub's "latest release" JSON); a build without one cannot check.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import httpx

_VERSION = re.compile(r"^v?(\d+(?:\.\d+)*)$")


@dataclass(frozen=True)
class Release:
    """A published release: its version and the page to download it from."""

    version: str
    url: str


#: Returns the newest published release (or None when there is none yet); raises on a network problem.
ReleaseFetcher = Callable[[], Release | None]


def parse_version(text: str) -> tuple[int, ...] | None:
    """`0.1.0` or `v0.1.0` as a comparable tuple; None for anything else (pre-releases are never offered)."""
    found = _VERSION.match(text.strip())
    if not found:
        return None
    parts = tuple(int(p) for p in found.group(1).split("."))
    while len(parts) > 1 and parts[-1] == 0:
        parts = parts[:-1]
    return parts


def newer_release(current: str, fetch: ReleaseFetcher) -> Release | None:
    """The latest release when it is newer than `current`, else None (also for a tag that is not a version)."""
    latest = fetch()
    if latest is None:
        return None
    have, offered = parse_version(current), parse_version(latest.version)
    if have is None or offered is None or offered <= have:
        return None
    return latest


def github_release_fetcher(feed_url: str, client: httpx.Client) -> ReleaseFetcher:
    """A fetcher for a GitHub "latest release" endpoint (`…/repos/OWNER/NAME/releases/latest`)."""

    def fetch() -> Release | None:
        response = client.get(feed_url, headers={"Accept": "application/vnd.github+json"})
        if response.status_code == 404:  # no release published yet
            return None
        response.raise_for_status()
        body = response.json()
        tag, page = body.get("tag_name"), body.get("html_url")
        if not isinstance(tag, str) or not isinstance(page, str) or not page.startswith("https://"):
            return None
        return Release(version=tag.removeprefix("v"), url=page)

    return fetch
