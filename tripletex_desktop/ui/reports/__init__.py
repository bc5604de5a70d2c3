"""Travel reports UI: the reports tab, the report editor, import and dry run dialogs."""

from tripletex_desktop.ui.reports.dry_run import DryRunDialog
from tripletex_desktop.ui.reports.editor import ReportEditor
from tripletex_desktop.ui.reports.import_dialog import ImportDialog
from tripletex_desktop.ui.reports.view import ReportsView

__all__ = ["DryRunDialog", "ImportDialog", "ReportEditor", "ReportsView"]
