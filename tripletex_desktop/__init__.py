"""Tripletex Desktop: connect Tripletex to a travel-and-expense workflow."""

import sys

# httpx imports its optional command line (click, rich, pygments: ~150 ms) whenever those happen to be installed,
# as they are beside the developer tools; the app never runs it. A None entry makes that import fail the way
# httpx expects when they are missing (it then offers a stub `httpx.main`).
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]

__version__ = "0.1.0"
APP_ID = "no.tripletex-desktop"
APP_NAME = "Tripletex Desktop"
#: The application name a user picks in Tripletex when creating the employee token.
TRIPLETEX_APPLICATION_NAME = "Tripletex Desktop"
