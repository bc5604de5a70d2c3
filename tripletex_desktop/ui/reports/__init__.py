"""Travel reports UI: the reports tab, the report editor, import and dry run dialogs."""

# Lazy (PEP 562): a name is imported from its module on first use, so importing one light module of
# this package (or one name) does not load the heavy ones; the imports below are for type checkers and
# the import-linter contracts, which see them as the package's imports.

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tripletex_desktop.ui.reports.dry_run import DryRunDialog
    from tripletex_desktop.ui.reports.editor import ReportEditor
    from tripletex_desktop.ui.reports.import_dialog import ImportDialog
    from tripletex_desktop.ui.reports.view import ReportsView

#: Each public name and the module that defines it.
_EXPORTS: dict[str, str] = {
    "DryRunDialog": "tripletex_desktop.ui.reports.dry_run",
    "ReportEditor": "tripletex_desktop.ui.reports.editor",
    "ImportDialog": "tripletex_desktop.ui.reports.import_dialog",
    "ReportsView": "tripletex_desktop.ui.reports.view",
}

__all__ = ["DryRunDialog", "ImportDialog", "ReportEditor", "ReportsView"]


def __getattr__(name: str) -> Any:
    """Import `name` from its module on first use (and keep it here)."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names, loaded or not."""
    return sorted(set(globals()) | set(_EXPORTS))
