"""Fixtures for the exactly-once transfer tests (the world itself lives in transfer_world.py)."""

from tests.core.transfer_world import contract, world

__all__ = ["contract", "world"]
