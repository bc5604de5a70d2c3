"""Hostile environments: a full disk, a read-only folder, no keyring, a resetting proxy, a certificate nobody trusts."""
