"""ImportDialog: pick a CSV/XLSX, map its columns with a preview, import all-or-nothing, skip rows seen before."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tripletex_desktop.core.importing import ColumnMapping, ImportField
from tripletex_desktop.ui.messages import message_for, problem_text
from tripletex_desktop.ui.reports.common import name, tr
from tripletex_desktop.workers.tasks import TaskRunner, run_task

PREVIEW_ROWS = 10

FIELD_TEXT: dict[str, str] = {
    ImportField.DATE: QT_TRANSLATE_NOOP("Reports", "Date"),
    ImportField.RETURN_DATE: QT_TRANSLATE_NOOP("Reports", "Return date"),
    ImportField.DEPARTURE_TIME: QT_TRANSLATE_NOOP("Reports", "Departure time"),
    ImportField.RETURN_TIME: QT_TRANSLATE_NOOP("Reports", "Return time"),
    ImportField.FROM: QT_TRANSLATE_NOOP("Reports", "From"),
    ImportField.TO: QT_TRANSLATE_NOOP("Reports", "To"),
    ImportField.KM: QT_TRANSLATE_NOOP("Reports", "Km"),
    ImportField.EMPLOYEE: QT_TRANSLATE_NOOP("Reports", "Employee"),
    ImportField.PURPOSE: QT_TRANSLATE_NOOP("Reports", "Purpose"),
    ImportField.TOLL: QT_TRANSLATE_NOOP("Reports", "Toll"),
    ImportField.PASSENGERS: QT_TRANSLATE_NOOP("Reports", "Passengers"),
    ImportField.COMPANY_CAR: QT_TRANSLATE_NOOP("Reports", "Company car"),
    ImportField.TITLE: QT_TRANSLATE_NOOP("Reports", "Title"),
}

#: core.importing RowNote codes -> text ("%1" is the row number in the file).
NOTE_TEXT: dict[str, str] = {
    "times_assumed": QT_TRANSLATE_NOOP(
        "Reports",
        "Row %1: no times in the file; 08:00\u201316:00 was assumed \u2013 check the trip times before suggesting per diem.",
    ),
}


def note_text(row_number: int, code: str) -> str:
    """The translated text of an import note (the code itself when unknown)."""
    source = NOTE_TEXT.get(code)
    text = tr(source) if source else tr(QT_TRANSLATE_NOOP("Reports", "Row %1: %2")).replace("%2", code)
    return text.replace("%1", str(row_number))


class ImportDialog(QDialog):
    """Reads the file and imports through `backend` (preview_import / run_import) via run_task."""

    imported = Signal(object)  # ImportSummary

    def __init__(
        self,
        backend: Any,
        companies: Any,
        *,
        company_id: int | None = None,
        runner: TaskRunner | None = None,
        pick_file: Callable[[QWidget], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._backend = backend
        self._runner = runner
        self._pick_file = pick_file or self._default_pick_file
        self._preview: Any = None
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import travel reports"))
        self.resize(900, 680)
        layout = QVBoxLayout(self)

        top = QFormLayout()
        file_row = QHBoxLayout()
        self.path_edit = name(QLineEdit(self), "importPathEdit", self.tr("File to import"))
        self.browse = name(
            QPushButton(self.tr("&Browse…"), self), "importBrowseButton", self.tr("Choose a file")
        )
        self.read_button = name(
            QPushButton(self.tr("&Read file"), self), "importReadButton", self.tr("Read the file")
        )
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse)
        file_row.addWidget(self.read_button)
        top.addRow(self.tr("&File:"), file_row)
        self.company = name(QComboBox(self), "importCompanyCombo", self.tr("Company"))
        for c in companies:
            self.company.addItem(c.name, c.company_id)
        if company_id is not None:
            self.company.setCurrentIndex(max(self.company.findData(company_id), 0))
        top.addRow(self.tr("&Company:"), self.company)
        self.employee = name(
            QComboBox(self),
            "importEmployeeCombo",
            self.tr("Employee for rows without one"),
            self.tr("Used when the file has no employee column"),
        )
        self.employee.addItem(self.tr("(from the file)"), None)
        top.addRow(self.tr("&Employee:"), self.employee)
        for widget in (self.path_edit, self.company, self.employee):
            label = top.labelForField(widget) or top.labelForField(file_row)
            if isinstance(label, QLabel):
                label.setBuddy(widget)
        layout.addLayout(top)

        self.mapping_box = QGroupBox(self.tr("Columns"), self)
        self.mapping_box.setObjectName("importMappingBox")
        grid = QFormLayout(self.mapping_box)
        self.mapping: dict[str, QComboBox] = {}
        for target in ImportField:
            combo = name(QComboBox(self), f"mapping_{target.value}", tr(FIELD_TEXT[target]))
            combo.currentIndexChanged.connect(self._mapping_changed)
            self.mapping[target.value] = combo
            grid.addRow(tr(FIELD_TEXT[target]) + ":", combo)
        self.layout_note = QLabel(self)
        self.layout_note.setObjectName("importLayoutNote")
        grid.addRow(self.layout_note)
        layout.addWidget(self.mapping_box)

        self.preview = name(QTableWidget(self), "importPreviewTable", self.tr("Preview of the first rows"))
        self.preview.setMinimumHeight(140)
        self.preview.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.preview, 1)
        self.errors = name(QListWidget(self), "importErrorList", self.tr("Problems found in the file"))
        self.errors.hide()
        layout.addWidget(self.errors)
        self.notes = name(QListWidget(self), "importNotesList", self.tr("Notes about the imported rows"))
        self.notes.hide()
        layout.addWidget(self.notes)
        self.result = QLabel(self)
        self.result.setObjectName("importResult")
        self.result.setWordWrap(True)
        layout.addWidget(self.result)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.import_button = name(
            QPushButton(self.tr("&Import"), self), "importButton", self.tr("Import the rows")
        )
        self.import_button.setEnabled(False)
        self.close_button = name(QPushButton(self.tr("Close"), self), "importCloseButton", self.tr("Close"))
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

        self.browse.clicked.connect(self._browse)
        self.read_button.clicked.connect(self.read_file)
        self.path_edit.returnPressed.connect(self.read_file)
        self.import_button.clicked.connect(self.run_import)
        self.company.currentIndexChanged.connect(
            lambda _=0: self.read_file() if self._preview is not None else None
        )
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)  # Enter in the path field reads the file; it never clicks a button
        self.close_button.clicked.connect(self.reject)
        self._filling = False

    def _default_pick_file(self, parent: QWidget) -> str:
        path, _ = QFileDialog.getOpenFileName(
            parent, self.tr("Choose a file"), "", self.tr("Spreadsheets (*.csv *.txt *.tsv *.xlsx *.xlsm)")
        )
        return path

    def _browse(self) -> None:
        path = self._pick_file(self)
        if path:
            self.path_edit.setText(path)
            self.read_file()

    # -- reading --

    def read_file(self) -> None:
        """Read the file in the background and fill the mapping and the preview."""
        path = self.path_edit.text().strip()
        if not path:
            return
        self.result.setText(self.tr("Reading…"))
        self.import_button.setEnabled(False)
        backend, company = self._backend, self.company.currentData()

        def work(cancel: object) -> tuple[Any, Any]:
            return backend.preview_import(path), backend.reference(company).employees

        run_task(work, self._show_preview, self._read_failed, parent=self, runner=self._runner)

    def _read_failed(self, exc: BaseException) -> None:
        message = message_for(exc)
        self.result.setText(f"{message.title}. {message.text}")
        self._preview = None

    def _show_preview(self, loaded: tuple[Any, Any]) -> None:
        preview, employees = loaded
        self._preview = preview
        chosen_employee = self.employee.currentData()
        self.employee.clear()
        self.employee.addItem(self.tr("(from the file)"), None)
        for e in sorted(employees, key=lambda e: e.display_name.casefold()):
            self.employee.addItem(e.display_name, e.id)
        self.employee.setCurrentIndex(max(self.employee.findData(chosen_employee), 0))
        table = preview.table
        self._filling = True
        for target, combo in self.mapping.items():
            combo.clear()
            combo.addItem(self.tr("(not used)"), None)
            for header in table.headers:
                combo.addItem(header, header)
            chosen = preview.mapping.columns.get(target)
            combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen else 0)
        self._filling = False
        self.layout_note.setText(
            self.tr("Columns as chosen last time for files like this one.")
            if preview.remembered
            else self.tr("Columns guessed from the headers; check them.")
        )
        self.preview.clear()
        self.preview.setColumnCount(len(table.headers))
        self.preview.setHorizontalHeaderLabels(list(table.headers))
        rows = table.rows[:PREVIEW_ROWS]
        self.preview.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                self.preview.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
        self.preview.setVerticalHeaderLabels([str(table.number_of(i)) for i in range(len(rows))])
        self.errors.clear()
        self.errors.hide()
        self.result.setText(self.tr("%n row(s) in the file.", "", len(table.rows)))
        self.import_button.setEnabled(True)

    def _mapping_changed(self) -> None:
        if not self._filling:
            self.errors.hide()

    def current_mapping(self) -> ColumnMapping:
        """The mapping as chosen in the combo boxes."""
        return ColumnMapping({k: c.currentData() for k, c in self.mapping.items() if c.currentData()})

    # -- importing --

    def run_import(self) -> None:
        """Import every row or none; rows imported before are skipped and counted."""
        if self._preview is None:
            return
        preview, mapping, company = self._preview, self.current_mapping(), self.company.currentData()
        employee = self.employee.currentData()
        backend = self._backend
        self.import_button.setEnabled(False)
        self.result.setText(self.tr("Importing…"))
        run_task(
            lambda cancel: backend.run_import(preview, mapping, company, default_employee_id=employee),
            self._imported,
            self._import_failed,
            parent=self,
            runner=self._runner,
        )

    def _import_failed(self, exc: BaseException) -> None:
        message = message_for(exc)
        self.result.setText(f"{message.title}. {message.text}")
        self.import_button.setEnabled(True)

    def _imported(self, outcome: Any) -> None:
        self.import_button.setEnabled(True)
        self.errors.clear()
        self.notes.clear()
        self.notes.hide()
        if outcome.errors:
            for e in outcome.errors:
                field = tr(FIELD_TEXT.get(e.field, e.field)) if e.field in FIELD_TEXT else e.field
                where = (
                    self.tr("Columns")
                    if e.row_number == 0
                    else self.tr("Row %1").replace("%1", str(e.row_number))
                )
                value = f" ({e.value})" if e.value else ""
                self.errors.addItem(f"{where} \u00b7 {field}: {problem_text(e.code)}{value}")
            self.errors.show()
            self.result.setText(
                self.tr(
                    "Nothing was imported: %n problem(s) must be fixed in the file first.",
                    "",
                    len(outcome.errors),
                )
            )
            return
        summary = outcome.summary
        self.errors.hide()
        text = self.tr("Imported %n report(s) as drafts.", "", summary.imported)
        if summary.skipped:
            text += " " + self.tr("%n row(s) were imported before and were skipped.", "", summary.skipped)
        notes = tuple(getattr(outcome, "notes", ()))
        for note in notes:
            self.notes.addItem(note_text(note.row_number, note.code))
        self.notes.setVisible(bool(notes))
        self.result.setText(text)
        self.imported.emit(summary)
