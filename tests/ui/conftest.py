"""Fixtures shared by the UI tests: the travel-report world, db and backend, and the main window harness."""

from tests.storage.test_reports_fixtures import backend_fixture, db_fixture, world_fixture  # noqa: F401
from tests.ui.test_main_window import harness  # noqa: F401, E402
