"""The main window's blocking reads and file operations (synced rows, history, profiles, support bundle)."""

from __future__ import annotations

import json
import platform
from collections.abc import Iterable, Mapping
from pathlib import Path

from tripletex_desktop import __version__
from tripletex_desktop.app.context import AppContext
from tripletex_desktop.core.errors import ProfileInvalid, SettingsCorrupt
from tripletex_desktop.core.sync import HistoryEntry, ReferenceRow
from tripletex_desktop.services.reports import ReportsBackend, reports_backend_for
from tripletex_desktop.services.sync import read_history, read_reference
from tripletex_desktop.storage.bundle import create_support_bundle
from tripletex_desktop.storage.reports import ReportEvent, ReportStore
from tripletex_desktop.storage.settings import (
    ConnectionSettings,
    Settings,
    atomic_write_bytes,
    export_profile,
    import_profile,
    read_profile,
)


class DesktopBackend:
    """The main window's blocking reads and file operations; every method runs on a worker (run_task)."""

    def __init__(self, context: AppContext, *, toolkit_versions: Mapping[str, str] | None = None) -> None:
        self._context = context
        #: Versions only the GUI knows (PySide6's), for the support bundle's versions.json.
        self._toolkit_versions = dict(toolkit_versions or {})

    def reference(self, connection_id: str, company_id: int, kind: str) -> list[ReferenceRow]:
        """Rows of one synced list."""
        return read_reference(self._context.db, connection_id, company_id, kind)

    def history(self, connection_id: str, limit: int = 50) -> list[HistoryEntry]:
        """Finished runs, newest first."""
        return read_history(self._context.db, connection_id, limit)

    def report_events(self, connection_id: str, limit: int = 500) -> list[ReportEvent]:
        """The connection's travel report archive (approvals, sends, checks), newest first."""
        return ReportStore(self._context.db).events(connection_id, limit)

    def report_counts(self, connection_id: str) -> dict[int, dict[str, int]]:
        """Reports per company and state."""
        return ReportStore(self._context.db).counts(connection_id)

    def reports_backend(self, connection: ConnectionSettings) -> ReportsBackend:
        """The travel-report backend of a connection (for the Travel reports tab)."""
        return reports_backend_for(self._context, connection)

    def save_settings(self, settings: Settings) -> None:
        """Write the settings file."""
        self._context.settings_store.save(settings)

    def export_profile(self, path: str, connection_ids: Iterable[str] | None = None) -> None:
        """Write a profile (settings without secrets) as JSON."""
        data = export_profile(self._context.settings, connection_ids)
        atomic_write_bytes(Path(path), json.dumps(data, indent=2, default=str).encode("utf-8"))

    def import_profile(self, path: str) -> Settings:
        """Read a profile and return the merged settings (saved already); ProfileInvalid for a bad file."""
        data = read_profile(Path(path))
        try:
            merged = import_profile(data, self._context.settings)
        except SettingsCorrupt as exc:  # the profile's own shape or version, not the settings file
            reason = "future_version" if (exc.detail or "").startswith("future_version") else "not_profile"
            raise ProfileInvalid(exc.detail, reason=reason) from None
        self._context.settings_store.save(merged)
        return merged

    def write_import_template(self, path: str, language: str, year: int) -> object:
        """Write the travel import template (CSV or XLSX by suffix) with example rows (services.importing)."""
        from tripletex_desktop.services.importing import write_template  # local: openpyxl only when asked

        return write_template(path, language, year)

    def support_bundle(self, dest: str) -> str:
        """Write the support zip into `dest` (a folder or .zip path) and return its path."""
        store = self._context.token_store
        describe = getattr(store, "backend_description", None)
        path = create_support_bundle(
            Path(dest),
            paths=self._context.paths,
            settings=self._context.settings,
            db=self._context.db,
            extra_versions={
                "app": __version__,
                "python": platform.python_version(),
                **self._toolkit_versions,
            },
            keyring_backend=describe() if callable(describe) else None,
        )
        return str(path)
