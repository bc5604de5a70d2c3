"""Fixtures shared by the travel-report tests (world, db, backend)."""

from tests.storage.test_reports_fixtures import backend_fixture, db_fixture, world_fixture  # noqa: F401
