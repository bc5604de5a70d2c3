"""Release tooling: the one-folder bundle's packages, icons, the bare-Debian proof (run through dev.py)."""
