"""Help → About and the opt-in update check: what the dialog shows, and the checker it may run (never unasked)."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from tripletex_desktop import __version__
from tripletex_desktop.app.build import built_in_consumer_token, built_in_release_feed
from tripletex_desktop.app.environment import CONSUMER_TOKEN_ENV
from tripletex_desktop.core.updates import Release, github_release_fetcher, newer_release

if TYPE_CHECKING:
    from tripletex_desktop.app.paths import AppPaths

#: Seconds the update check may take in all (it runs in a worker, the window never waits for it).
UPDATE_CHECK_TIMEOUT = 10.0


class TokenStatus(Enum):
    """Where this run's production consumer token comes from (never what it is)."""

    BUILT_IN = "built_in"
    ENVIRONMENT = "environment"
    NONE = "none"


@dataclass(frozen=True)
class AboutInfo:
    """Everything Help → About shows."""

    version: str
    token_status: TokenStatus
    settings_file: str
    data_dir: str
    log_dir: str
    can_check_for_updates: bool


def about_info(paths: AppPaths, environ: Mapping[str, str] = os.environ) -> AboutInfo:
    """The About facts for this build and these folders."""
    if environ.get(CONSUMER_TOKEN_ENV, "").strip():
        status = TokenStatus.ENVIRONMENT
    elif built_in_consumer_token():
        status = TokenStatus.BUILT_IN
    else:
        status = TokenStatus.NONE
    return AboutInfo(
        version=__version__,
        token_status=status,
        settings_file=str(paths.settings_file),
        data_dir=str(paths.data_dir),
        log_dir=str(paths.log_dir),
        can_check_for_updates=built_in_release_feed() is not None,
    )


def update_checker(feed_url: str | None = None) -> Callable[[], Release | None] | None:
    """A blocking check against the build's release feed (None when the build has none); run it in a worker."""
    url = feed_url or built_in_release_feed()
    if url is None:
        return None

    def check() -> Release | None:
        # httpx only here, when the user has opted in: the window never imports it.
        import httpx

        with httpx.Client(timeout=UPDATE_CHECK_TIMEOUT, follow_redirects=True) as client:
            return newer_release(__version__, github_release_fetcher(url, client))

    return check
