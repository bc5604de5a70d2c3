"""Help → Import template (CSV / Excel): save a file with the import's columns and example rows, in the UI language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from tripletex_desktop.ui.i18n import current_language
from tripletex_desktop.workers.tasks import TaskRunner, run_task

#: write(path, language, year) -> the path written (services.importing.write_template)
TemplateWriter = Callable[[str, str, int], object]


class ImportTemplateActions(QObject):
    """The two Help menu entries; the file is written by `write` through run_task (never on the GUI thread)."""

    def __init__(
        self,
        parent: QWidget,
        write: TemplateWriter,
        *,
        done: Callable[[str], None],
        failed: Callable[[BaseException], None],
        runner: TaskRunner | None = None,
        pick_save_file: Callable[[QWidget, str, str], str] | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importTemplateActions")
        self._parent = parent
        self._write = write
        self._done = done
        self._failed = failed
        self._runner = runner
        self._pick = pick_save_file or self._default_pick
        self._today = today
        self.csv_action = QAction(parent)
        self.csv_action.setObjectName("importTemplateCsvAction")
        self.csv_action.triggered.connect(lambda _checked=False: self.save(".csv"))
        self.xlsx_action = QAction(parent)
        self.xlsx_action.setObjectName("importTemplateXlsxAction")
        self.xlsx_action.triggered.connect(lambda _checked=False: self.save(".xlsx"))
        self.retranslate()

    def add_to(self, menu: QMenu) -> None:
        """Put both entries (and a separator) into `menu`, before its last entry (About)."""
        before = menu.actions()[-1] if menu.actions() else None
        for action in (self.csv_action, self.xlsx_action):
            if before is None:
                menu.addAction(action)
            else:
                menu.insertAction(before, action)
        if before is not None:
            menu.insertSeparator(before)

    def retranslate(self) -> None:
        """Texts in the current language."""
        self.csv_action.setText(self.tr("Import template (&CSV)\u2026"))
        self.xlsx_action.setText(self.tr("Import template (E&xcel)\u2026"))
        for action in (self.csv_action, self.xlsx_action):
            action.setStatusTip(self.tr("Save a file with the columns the import reads and example rows"))

    def _default_pick(self, parent: QWidget, suggested: str, suffix: str) -> str:
        pattern = self.tr("Excel workbook (*.xlsx)") if suffix == ".xlsx" else self.tr("CSV file (*.csv)")
        path, _ = QFileDialog.getSaveFileName(parent, self.tr("Save import template"), suggested, pattern)
        return path

    def save(self, suffix: str) -> None:
        """Ask where, then write the template (CSV or XLSX) in the background."""
        language = "en" if current_language() == "en" else "nb"
        suggested = self.tr("travel-import-template") + suffix
        path = self._pick(self._parent, suggested, suffix)
        if not path:
            return
        if not path.lower().endswith(suffix):
            path += suffix
        year = self._today().year
        write = self._write
        run_task(
            lambda cancel: write(path, language, year),
            lambda _result: self._done(path),
            self._failed,
            parent=self,
            runner=self._runner,
        )
