"""What this build carries (build.spec compiles it in): the production consumer token and the release feed."""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping

from tripletex_desktop.app.environment import CONSUMER_TOKEN_ENV

#: The module build.spec generates into a frozen build (never in the repository, absent from a checkout).
BUILD_CONFIG_MODULE = "_tdk_build_config"


def built_in_consumer_token() -> str | None:
    """The consumer token injected when this app was built (release builds), or None (a checkout, a dev build)."""
    try:
        # By name, at run time: the module exists only inside a frozen build, so nothing may import it statically.
        module = importlib.import_module(BUILD_CONFIG_MODULE)
    except ImportError:
        return None
    token = getattr(module, "CONSUMER_TOKEN", "")
    return token.strip() if isinstance(token, str) and token.strip() else None


def default_consumer_token(environ: Mapping[str, str] = os.environ) -> str | None:
    """$TRIPLETEX_CONSUMER_TOKEN when set (it wins, for testing a build against another token), else the build's."""
    return environ.get(CONSUMER_TOKEN_ENV, "").strip() or built_in_consumer_token()


def has_built_in_consumer_token() -> bool:
    """Whether this build carries a consumer token (Help → About says so; never what it is)."""
    return built_in_consumer_token() is not None


def built_in_release_feed() -> str | None:
    """The release feed (GitHub's latest-release URL) the release workflow gave this build, or None."""
    try:
        # By name, at run time: see built_in_consumer_token.
        module = importlib.import_module(BUILD_CONFIG_MODULE)
    except ImportError:
        return None
    feed = getattr(module, "RELEASE_FEED", "")
    return feed if isinstance(feed, str) and feed.startswith("https://") else None
