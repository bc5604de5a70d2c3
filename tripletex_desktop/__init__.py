"""Tripletex Desktop: connect Tripletex to a travel-and-expense workflow."""

__version__ = "0.1.0"
APP_ID = "no.tripletex-desktop"
APP_NAME = "Tripletex Desktop"
#: The application name a user picks in Tripletex when creating the employee token.
TRIPLETEX_APPLICATION_NAME = "Tripletex Desktop"
