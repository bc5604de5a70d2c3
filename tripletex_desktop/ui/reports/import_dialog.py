"""ImportDialog: read a CSV/XLSX off the GUI thread, show every row and the reports it makes, then store them once.

The dialog never reads or writes a file itself: services.importing.ImportService does, through run_task. A
changed column, option or company re-plans the table already read (the latest plan wins).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar
from uuid import UUID

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tripletex_desktop.core.importing import (
    FIELD_NEED,
    HEADER_SYNONYMS,
    TEMPLATE_HEADERS,
    ColumnMapping,
    GroupedBy,
    Grouping,
    ImportField,
    ImportOptions,
    ImportPreview,
    Need,
    PlannedLeg,
    RawTable,
    RowError,
    RowNote,
    RowResult,
    RowStatus,
)
from tripletex_desktop.core.importing.reading import ProgressFn
from tripletex_desktop.core.models import Employee
from tripletex_desktop.core.rates import PerDiemKind
from tripletex_desktop.core.travel import CostLine, MileageLine, PerDiemLine, TravelReport
from tripletex_desktop.ui.i18n import QT_TRANSLATE_NOOP, current_language
from tripletex_desktop.ui.messages import message_for, problem_text
from tripletex_desktop.ui.reports.common import money, name, tr
from tripletex_desktop.workers.tasks import CancelToken, TaskHandle, TaskRunner, run_task

if TYPE_CHECKING:
    from tripletex_desktop.services.importing import StoredImport
    from tripletex_desktop.services.reports import ReferenceData

#: the table's columns before the file's own: status, report number, problem
_FIRST_FILE_COLUMN = 3
#: rows shown in the table (all problems are listed below it whatever the size of the file)
PREVIEW_ROWS = 500
#: problems and notes listed at most (a line says how many more)
LIST_LIMIT = 500

T = TypeVar("T")

FIELD_TEXT: dict[str, str] = {
    ImportField.TRIP: QT_TRANSLATE_NOOP("Reports", "Trip"),
    ImportField.EMPLOYEE: QT_TRANSLATE_NOOP("Reports", "Employee"),
    ImportField.DATE: QT_TRANSLATE_NOOP("Reports", "Date"),
    ImportField.DEPARTURE_TIME: QT_TRANSLATE_NOOP("Reports", "Departure time"),
    ImportField.RETURN_DATE: QT_TRANSLATE_NOOP("Reports", "Return date"),
    ImportField.RETURN_TIME: QT_TRANSLATE_NOOP("Reports", "Return time"),
    ImportField.FROM: QT_TRANSLATE_NOOP("Reports", "From"),
    ImportField.TO: QT_TRANSLATE_NOOP("Reports", "To"),
    ImportField.KM: QT_TRANSLATE_NOOP("Reports", "Km"),
    ImportField.PURPOSE: QT_TRANSLATE_NOOP("Reports", "Purpose"),
    ImportField.TITLE: QT_TRANSLATE_NOOP("Reports", "Title"),
    ImportField.TOLL: QT_TRANSLATE_NOOP("Reports", "Toll"),
    ImportField.PASSENGERS: QT_TRANSLATE_NOOP("Reports", "Passengers"),
    ImportField.COMPANY_CAR: QT_TRANSLATE_NOOP("Reports", "Company car"),
    ImportField.LODGING: QT_TRANSLATE_NOOP("Reports", "Lodging"),
    ImportField.BREAKFAST: QT_TRANSLATE_NOOP("Reports", "Breakfast provided"),
    ImportField.LUNCH: QT_TRANSLATE_NOOP("Reports", "Lunch provided"),
    ImportField.DINNER: QT_TRANSLATE_NOOP("Reports", "Dinner provided"),
    ImportField.COUNTRY: QT_TRANSLATE_NOOP("Reports", "Country"),
    ImportField.CATEGORY: QT_TRANSLATE_NOOP("Reports", "Cost type"),
    ImportField.AMOUNT: QT_TRANSLATE_NOOP("Reports", "Amount"),
    ImportField.CURRENCY: QT_TRANSLATE_NOOP("Reports", "Currency"),
    ImportField.PAYMENT: QT_TRANSLATE_NOOP("Reports", "Paid with"),
    ImportField.RECEIPT: QT_TRANSLATE_NOOP("Reports", "Receipt"),
    ImportField.COMMENT: QT_TRANSLATE_NOOP("Reports", "Comment"),
}

#: what each column accepts (the dialog's Format tab)
FIELD_FORM: dict[str, str] = {
    ImportField.TRIP: QT_TRANSLATE_NOOP(
        "Reports", "Rows with the same value are one trip: its legs and costs make one report."
    ),
    ImportField.EMPLOYEE: QT_TRANSLATE_NOOP("Reports", "Employee number, e-mail or full name."),
    ImportField.DATE: QT_TRANSLATE_NOOP(
        "Reports", "The day of the leg or cost: 10.03.2026, 10.3.26, 2026-03-10 or an Excel date."
    ),
    ImportField.DEPARTURE_TIME: QT_TRANSLATE_NOOP("Reports", "08:00, 8.30, 0830, kl. 8 or an Excel time."),
    ImportField.RETURN_DATE: QT_TRANSLATE_NOOP("Reports", "When the row ends on a later day (a date)."),
    ImportField.RETURN_TIME: QT_TRANSLATE_NOOP("Reports", "18:15, 18.15, 1815 or an Excel time."),
    ImportField.FROM: QT_TRANSLATE_NOOP("Reports", "Where the leg starts."),
    ImportField.TO: QT_TRANSLATE_NOOP("Reports", "Where the leg ends."),
    ImportField.KM: QT_TRANSLATE_NOOP(
        "Reports", "42,5 or 42.5 (also \u201c1 234,5\u201d). Empty or 0 for a trip without driving."
    ),
    ImportField.PURPOSE: QT_TRANSLATE_NOOP("Reports", "Why the trip was made."),
    ImportField.TITLE: QT_TRANSLATE_NOOP("Reports", "The report's title (else the places are used)."),
    ImportField.TOLL: QT_TRANSLATE_NOOP("Reports", "Road tolls of the leg in NOK."),
    ImportField.PASSENGERS: QT_TRANSLATE_NOOP("Reports", "How many colleagues rode along (0\u20138)."),
    ImportField.COMPANY_CAR: QT_TRANSLATE_NOOP("Reports", "ja/nei, x, yes/no or 1/0."),
    ImportField.LODGING: QT_TRANSLATE_NOOP(
        "Reports", "hotell, privat, pensjonat or ingen (no overnight stay); decides per diem."
    ),
    ImportField.BREAKFAST: QT_TRANSLATE_NOOP(
        "Reports", "ja/nei: the meal was paid for (per diem is reduced)."
    ),
    ImportField.LUNCH: QT_TRANSLATE_NOOP("Reports", "ja/nei: the meal was paid for (per diem is reduced)."),
    ImportField.DINNER: QT_TRANSLATE_NOOP("Reports", "ja/nei: the meal was paid for (per diem is reduced)."),
    ImportField.COUNTRY: QT_TRANSLATE_NOOP(
        "Reports", "SE or Sverige for a trip abroad; empty or NO for Norway."
    ),
    ImportField.CATEGORY: QT_TRANSLATE_NOOP(
        "Reports", "A cost category of the company in Tripletex, by name (Hotell, Tog, Parkering, \u2026)."
    ),
    ImportField.AMOUNT: QT_TRANSLATE_NOOP("Reports", "Including VAT: 1 450,00, 1450.00 or kr 1 450,-."),
    ImportField.CURRENCY: QT_TRANSLATE_NOOP("Reports", "NOK, EUR, SEK, \u2026 (empty is NOK)."),
    ImportField.PAYMENT: QT_TRANSLATE_NOOP(
        "Reports", "How it was paid, by name (e.g. Privat utlegg); empty uses the company's choice."
    ),
    ImportField.RECEIPT: QT_TRANSLATE_NOOP(
        "Reports", "A PDF or image file; a relative path starts in the imported file's folder."
    ),
    ImportField.COMMENT: QT_TRANSLATE_NOOP(
        "Reports", "The cost's comment (and the purpose if there is none)."
    ),
}

NEED_TEXT: dict[Need, str] = {
    Need.REQUIRED: QT_TRANSLATE_NOOP("Reports", "Required"),
    Need.EMPLOYEE: QT_TRANSLATE_NOOP("Reports", "Required unless an employee is chosen"),
    Need.TRIP: QT_TRANSLATE_NOOP("Reports", "Required for trips"),
    Need.COST: QT_TRANSLATE_NOOP("Reports", "Required for costs"),
    Need.OPTIONAL: QT_TRANSLATE_NOOP("Reports", "Optional"),
}

STATUS_TEXT: dict[RowStatus, str] = {
    RowStatus.NEW: QT_TRANSLATE_NOOP("Reports", "New"),
    RowStatus.ERROR: QT_TRANSLATE_NOOP("Reports", "Problem"),
    RowStatus.HELD_BACK: QT_TRANSLATE_NOOP("Reports", "Held back"),
    RowStatus.SKIPPED: QT_TRANSLATE_NOOP("Reports", "Imported before"),
    RowStatus.IGNORED: QT_TRANSLATE_NOOP("Reports", "Totals row"),
}

GROUPED_TEXT: dict[GroupedBy, str] = {
    GroupedBy.TRIP_KEY: QT_TRANSLATE_NOOP("Reports", "same trip key"),
    GroupedBy.TIMES: QT_TRANSLATE_NOOP("Reports", "times overlap or touch"),
    GroupedBy.MONTH: QT_TRANSLATE_NOOP("Reports", "one month of driving"),
    GroupedBy.SINGLE: QT_TRANSLATE_NOOP("Reports", "one row"),
    GroupedBy.EXPENSE: QT_TRANSLATE_NOOP("Reports", "employee expense"),
}

PER_DIEM_TEXT: dict[str, str] = {
    PerDiemKind.OVERNIGHT: QT_TRANSLATE_NOOP("Reports", "overnight, per 24 hours"),
    PerDiemKind.DAY_6_12: QT_TRANSLATE_NOOP("Reports", "day trip 6\u201312 hours"),
    PerDiemKind.DAY_OVER_12: QT_TRANSLATE_NOOP("Reports", "day trip over 12 hours"),
    PerDiemKind.REST_6_12: QT_TRANSLATE_NOOP("Reports", "6\u201312 hours after the last night"),
    PerDiemKind.REST_OVER_12: QT_TRANSLATE_NOOP("Reports", "over 12 hours after the last night"),
}

#: core.importing RowNote codes -> text ("%1" is the row number in the file, "%2" a detail).
NOTE_TEXT: dict[str, str] = {
    "times_assumed": QT_TRANSLATE_NOOP(
        "Reports",
        "Row %1: no times in the file; 08:00\u201316:00 was assumed \u2013 check the trip times before suggesting per diem.",
    ),
    "totals_row_ignored": QT_TRANSLATE_NOOP("Reports", "Row %1 adds up the rows above and was ignored."),
    "title_row_skipped": QT_TRANSLATE_NOOP("Reports", "Row %1 is above the column headers and was skipped."),
    "per_diem_needs_times": QT_TRANSLATE_NOOP(
        "Reports",
        "Row %1: per diem was not suggested because the trip's times are not in the file; enter them and use Suggest in the editor.",
    ),
    "per_diem_no_rate": QT_TRANSLATE_NOOP(
        "Reports",
        "Row %1: per diem was not suggested: the company has no matching rate for the trip's dates (sync it, then use Suggest in the editor).",
    ),
    "per_diem_no_zone_rate": QT_TRANSLATE_NOOP(
        "Reports",
        "Row %1: per diem was not suggested: Tripletex has no per diem rate for travel to %2 on the trip's dates (sync, and check that the country is enabled for travel expenses in Tripletex; then use Suggest in the editor).",
    ),
    "per_diem_not_compensated": QT_TRANSLATE_NOOP(
        "Reports",
        "Row %1: no per diem was suggested: the company's travel settings in Tripletex say per diem is not paid.",
    ),
    "report_without_lines": QT_TRANSLATE_NOOP(
        "Reports",
        "Row %1: the report has no km, costs or per diem yet; add them in the editor before approving.",
    ),
    "month_imported_before": QT_TRANSLATE_NOOP(
        "Reports", "Row %1: this month was imported before; the new rows become a report of their own."
    ),
}


def note_text(row_number: int, code: str, value: str = "") -> str:
    """The translated text of an import note (the code itself when unknown)."""
    source = NOTE_TEXT.get(code)
    text = tr(source) if source else tr(QT_TRANSLATE_NOOP("Reports", "Row %1: %2")).replace("%2", code)
    return text.replace("%1", str(row_number)).replace("%2", value)


def field_text(field: str) -> str:
    """The translated name of an import field (the code itself when unknown)."""
    source = FIELD_TEXT.get(field)
    return tr(source) if source else field


def error_text(error: RowError) -> str:
    """One problem as a line: where, which column, what is wrong, and the value found."""
    where = (
        tr(QT_TRANSLATE_NOOP("Reports", "Columns"))
        if error.row_number == 0
        else tr(QT_TRANSLATE_NOOP("Reports", "Row %1")).replace("%1", str(error.row_number))
    )
    value = f" ({error.value})" if error.value else ""
    return f"{where} \u00b7 {field_text(error.field)}: {problem_text(error.code)}{value}"


def row_message(result: RowResult) -> str:
    """What to tell about a row in the table and in the file of rows to fix."""
    if result.errors:
        return " ".join(
            f"{field_text(e.field)}: {problem_text(e.code)}" + (f" ({e.value})" if e.value else "")
            for e in result.errors
        )
    if result.status is RowStatus.HELD_BACK:
        return tr(QT_TRANSLATE_NOOP("Reports", "Not imported: another row of the same report has a problem."))
    return ""


def row_ranges(numbers: Iterable[int]) -> str:
    """Row numbers as a short list: 2\u20135, 8, 11."""
    ordered = sorted(set(numbers))
    parts: list[str] = []
    start = prev = None
    for n in ordered:
        if start is None:
            start = prev = n
        elif prev is not None and n == prev + 1:
            prev = n
        else:
            parts.append(str(start) if start == prev else f"{start}\u2013{prev}")
            start = prev = n
    if start is not None:
        parts.append(str(start) if start == prev else f"{start}\u2013{prev}")
    return ", ".join(parts)


def _when(value: dt.datetime | None) -> str:
    return "" if value is None else value.strftime("%d.%m.%Y %H:%M")


class _Companies(Protocol):
    @property
    def company_id(self) -> int: ...

    @property
    def name(self) -> str: ...


class ImportBackend(Protocol):
    """What the dialog needs of services.reports.ReportsBackend."""

    @property
    def importer(self) -> ImporterLike: ...

    def reference(self, company_id: int) -> ReferenceData: ...

    def amount(self, report: TravelReport, reference: ReferenceData | None = None) -> Decimal: ...


class ImporterLike(Protocol):
    """services.importing.ImportService."""

    def read(
        self, path: str, *, progress: ProgressFn | None = None, cancel: CancelToken | None = None
    ) -> RawTable: ...

    def plan(
        self,
        table: RawTable,
        company_id: int,
        options: ImportOptions,
        mapping: ColumnMapping | None = None,
        *,
        path: str | None = None,
        progress: ProgressFn | None = None,
        cancel: CancelToken | None = None,
    ) -> ImportPreview: ...

    def store(self, preview: ImportPreview, *, only_valid: bool = False) -> StoredImport: ...

    def write_rejects(
        self, preview: ImportPreview, messages: dict[int, str], problem_header: str, path: str
    ) -> Path: ...


@dataclass(frozen=True, slots=True)
class _Planned:
    """A plan with what the dialog shows next to it (computed off the GUI thread)."""

    preview: ImportPreview
    employees: tuple[Employee, ...]
    amounts: dict[UUID, Decimal]


class _Progress(QObject):
    """Lives on the GUI thread; the task emits from its thread (queued delivery)."""

    changed = Signal(int, int)


class ImportDialog(QDialog):
    """Reads the file and imports through `backend.importer` via run_task."""

    imported = Signal(object)  # storage.reports.ImportSummary

    def __init__(
        self,
        backend: ImportBackend,
        companies: Iterable[_Companies],
        *,
        company_id: int | None = None,
        runner: TaskRunner | None = None,
        pick_file: Callable[[QWidget], str] | None = None,
        pick_save_file: Callable[[QWidget, str], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._backend = backend
        self._runner = runner
        self._pick_file = pick_file or self._default_pick_file
        self._pick_save_file = pick_save_file or self._default_pick_save_file
        self._table: RawTable | None = None
        self._path: str | None = None
        self._planned: _Planned | None = None
        self._task: TaskHandle | None = None
        self._filling = False
        self.setObjectName("importDialog")
        self.setAccessibleName(self.tr("Import travel reports"))
        self.setWindowTitle(self.tr("Import travel reports"))
        self.setSizeGripEnabled(True)
        self.resize(1100, 660)
        layout = QVBoxLayout(self)

        # -- file, company, employee, options --
        top = QGridLayout()
        top.setColumnStretch(1, 1)
        top.setColumnStretch(3, 1)
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
        file_label = QLabel(self.tr("&File:"), self)
        file_label.setBuddy(self.path_edit)
        top.addWidget(file_label, 0, 0)
        top.addLayout(file_row, 0, 1, 1, 3)

        self.company = name(QComboBox(self), "importCompanyCombo", self.tr("Company"))
        for c in companies:
            self.company.addItem(c.name, c.company_id)
        if company_id is not None:
            self.company.setCurrentIndex(max(self.company.findData(company_id), 0))
        company_label = QLabel(self.tr("&Company:"), self)
        company_label.setBuddy(self.company)
        top.addWidget(company_label, 1, 0)
        top.addWidget(self.company, 1, 1)
        self.employee = name(
            QComboBox(self),
            "importEmployeeCombo",
            self.tr("Employee for rows without one"),
            self.tr("Used when the file has no employee column, or the cell is empty"),
        )
        self.employee.addItem(self.tr("(from the file)"), None)
        employee_label = QLabel(self.tr("&Employee:"), self)
        employee_label.setBuddy(self.employee)
        top.addWidget(employee_label, 1, 2)
        top.addWidget(self.employee, 1, 3)

        self.grouping = name(
            QComboBox(self),
            "importGroupingCombo",
            self.tr("How rows become reports"),
            self.tr("Trips are grouped by trip key or by times; a driving log makes one report per month"),
        )
        self.grouping.addItem(
            self.tr("One report per trip (trip key, or times that overlap)"), Grouping.TRIPS
        )
        self.grouping.addItem(self.tr("Driving log: one report per employee per month"), Grouping.MONTHLY)
        grouping_label = QLabel(self.tr("&Group rows:"), self)
        grouping_label.setBuddy(self.grouping)
        top.addWidget(grouping_label, 2, 0)
        top.addWidget(self.grouping, 2, 1)
        checks = QHBoxLayout()
        self.per_diem = name(
            QCheckBox(self.tr("Suggest per &diem"), self),
            "importPerDiemCheck",
            self.tr("Suggest per diem"),
            self.tr("Adds per diem from each trip's own times, at the rate of each day"),
        )
        self.per_diem.setChecked(True)
        self.only_valid = name(
            QCheckBox(self.tr("Import &only the valid rows"), self),
            "importOnlyValidCheck",
            self.tr("Import only the valid rows"),
            self.tr("Rows with problems, and the other rows of their report, are left out"),
        )
        checks.addWidget(self.per_diem)
        checks.addWidget(self.only_valid)
        checks.addStretch(1)
        top.addLayout(checks, 2, 2, 1, 2)
        layout.addLayout(top)

        progress_row = QHBoxLayout()
        self.progress = name(QProgressBar(self), "importProgress", self.tr("Reading the file"))
        self.progress.setTextVisible(True)
        self.cancel_button = name(
            QPushButton(self.tr("C&ancel"), self), "importCancelButton", self.tr("Stop reading the file")
        )
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        layout.addLayout(progress_row)
        self._show_progress(False)

        # -- tabs: rows, reports, columns, format --
        self.tabs = name(QTabWidget(self), "importTabs", self.tr("Import preview"))
        rows_page = QWidget(self)
        rows_layout = QVBoxLayout(rows_page)
        rows_layout.setContentsMargins(4, 4, 4, 4)
        self.problems_only = name(
            QCheckBox(self.tr("Show only rows with &problems"), rows_page),
            "importProblemsOnlyCheck",
            self.tr("Show only rows with problems"),
        )
        rows_layout.addWidget(self.problems_only)
        self.preview = name(
            QTableWidget(rows_page),
            "importPreviewTable",
            self.tr("Rows of the file, with their status"),
        )
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.horizontalHeader().setStretchLastSection(False)
        rows_layout.addWidget(self.preview, 1)
        self.tabs.addTab(rows_page, self.tr("Ro&ws"))

        self.reports_tree = name(
            QTreeWidget(self),
            "importReportsTree",
            self.tr("The reports the rows make: legs, costs and suggested per diem"),
        )
        self.reports_tree.setHeaderLabels(
            [self.tr("Report"), self.tr("Employee"), self.tr("When"), self.tr("Amount"), self.tr("Rows")]
        )
        self.reports_tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tabs.addTab(self.reports_tree, self.tr("Repor&ts"))

        mapping_scroll = QScrollArea(self)
        mapping_scroll.setObjectName("importMappingScroll")
        mapping_scroll.setWidgetResizable(True)
        self.mapping_box = QWidget(mapping_scroll)
        self.mapping_box.setObjectName("importMappingBox")
        grid = QGridLayout(self.mapping_box)
        self.mapping: dict[str, QComboBox] = {}
        per_column = (len(ImportField) + 2) // 3
        for n, target in enumerate(ImportField):
            combo = name(QComboBox(self.mapping_box), f"mapping_{target.value}", field_text(target))
            combo.currentIndexChanged.connect(self._mapping_changed)
            self.mapping[target.value] = combo
            label = QLabel(field_text(target) + ":", self.mapping_box)
            label.setBuddy(combo)
            row, col = n % per_column, (n // per_column) * 2
            grid.addWidget(label, row, col)
            grid.addWidget(combo, row, col + 1)
        self.layout_note = QLabel(self.mapping_box)
        self.layout_note.setObjectName("importLayoutNote")
        self.layout_note.setWordWrap(True)
        grid.addWidget(self.layout_note, per_column, 0, 1, 6)
        grid.setRowStretch(per_column + 1, 1)
        mapping_scroll.setWidget(self.mapping_box)
        self.tabs.addTab(mapping_scroll, self.tr("Co&lumns"))

        self.format_text = name(
            QTextBrowser(self), "importFormatText", self.tr("The columns and values the import accepts")
        )
        self.format_text.setOpenLinks(False)
        self.format_text.setHtml(import_format_html())  # also Help → Import format
        self.tabs.addTab(self.format_text, self.tr("For&mat"))
        self.tabs.setCurrentIndex(3)  # before a file is read: what it should look like
        layout.addWidget(self.tabs, 1)

        # -- result: a fixed-height area that scrolls --
        self.result_label = QLabel(self)
        self.result_label.setObjectName("importResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.setText(
            self.tr("Choose a file or drop one here; the Format tab shows what it may contain.")
        )
        layout.addWidget(self.result_label)
        lists = QHBoxLayout()
        self.errors = name(QListWidget(self), "importErrorList", self.tr("Problems found in the file"))
        self.notes = name(QListWidget(self), "importNotesList", self.tr("Notes about the rows"))
        for widget in (self.errors, self.notes):
            widget.setMaximumHeight(96)
            widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            widget.setWordWrap(True)
            widget.hide()
            lists.addWidget(widget, 1)
        layout.addLayout(lists)

        buttons = QHBoxLayout()
        self.rejects_button = name(
            QPushButton(self.tr("&Save rows to fix…"), self),
            "importRejectsButton",
            self.tr("Save the rows that were not imported, with their problems, as a file to fix"),
        )
        self.rejects_button.setEnabled(False)
        buttons.addWidget(self.rejects_button)
        buttons.addStretch(1)
        self.import_button = name(
            QPushButton(self.tr("&Import"), self), "importButton", self.tr("Import the rows")
        )
        self.import_button.setEnabled(False)
        self.close_button = name(QPushButton(self.tr("Close"), self), "importCloseButton", self.tr("Close"))
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

        self._progress = _Progress(self)
        self._progress.changed.connect(self._progress_changed)
        self.browse.clicked.connect(self._browse)
        self.read_button.clicked.connect(self.read_file)
        self.path_edit.returnPressed.connect(self.read_file)
        self.import_button.clicked.connect(self.run_import)
        self.rejects_button.clicked.connect(self.save_rejects)
        self.cancel_button.clicked.connect(self.cancel_task)
        self.company.currentIndexChanged.connect(self._company_changed)
        self.employee.currentIndexChanged.connect(lambda _=0: None if self._filling else self.replan())
        self.grouping.currentIndexChanged.connect(self._grouping_changed)
        self.per_diem.toggled.connect(lambda _=False: self.replan())
        self.only_valid.toggled.connect(lambda _=False: self._update_buttons())
        self.problems_only.toggled.connect(lambda _=False: self._fill_rows())
        self.errors.itemActivated.connect(self._show_row)
        self.setAcceptDrops(True)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)  # Enter in the path field reads the file; it never clicks a button
        self.close_button.clicked.connect(self.reject)

    # -- picking --

    def _default_pick_file(self, parent: QWidget) -> str:
        path, _ = QFileDialog.getOpenFileName(
            parent, self.tr("Choose a file"), "", self.tr("Spreadsheets (*.csv *.txt *.tsv *.xlsx *.xlsm)")
        )
        return path

    def _default_pick_save_file(self, parent: QWidget, suggested: str) -> str:
        suffix = Path(suggested).suffix
        pattern = self.tr("Excel workbook (*.xlsx)") if suffix == ".xlsx" else self.tr("CSV file (*.csv)")
        path, _ = QFileDialog.getSaveFileName(parent, self.tr("Save rows to fix"), suggested, pattern)
        return path

    def _browse(self) -> None:
        path = self._pick_file(self)
        if path:
            self.path_edit.setText(path)
            self.read_file()

    # -- background work --

    def _start(self, fn: Callable[[CancelToken], T], done: Callable[[T], None], busy: str) -> None:
        if self._task is not None and not self._task.done:
            self._task.cancel()  # the latest request wins; the old result is dropped
        self.result_label.setText(busy)
        self.progress.setRange(0, 0)
        self._show_progress(True)
        self._update_buttons(busy=True)

        def finished(value: T) -> None:
            self._show_progress(False)
            done(value)

        def failed(exc: BaseException) -> None:
            self._show_progress(False)
            message = message_for(exc)
            self.result_label.setText(f"{message.title}. {message.text}")
            self._update_buttons()

        self._task = run_task(fn, finished, failed, parent=self, runner=self._runner)

    def cancel_task(self) -> None:
        """Stop what runs in the background (its result is dropped)."""
        if self._task is not None and not self._task.done:
            self._task.cancel()
        self._show_progress(False)
        self.result_label.setText(self.tr("Cancelled."))
        self._update_buttons()

    def _show_progress(self, visible: bool) -> None:
        self.progress.setVisible(visible)
        self.cancel_button.setVisible(visible)

    def _progress_changed(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        else:
            self.progress.setRange(0, 0)

    def _options(self) -> ImportOptions:
        return ImportOptions(
            default_employee_id=self.employee.currentData(),
            grouping=Grouping(self.grouping.currentData()),
            per_diem=self.per_diem.isChecked(),
            month_title=self.tr("Driving log %1"),
        )

    # -- reading and planning --

    def read_file(self) -> None:
        """Read the file in the background, then plan it with the remembered or suggested columns."""
        path = self.path_edit.text().strip()
        if not path:
            return
        backend, company, options = self._backend, self.company.currentData(), self._options()
        emit = self._progress.changed.emit

        def work(cancel: CancelToken) -> tuple[RawTable, _Planned]:
            importer = backend.importer
            table = importer.read(path, progress=emit, cancel=cancel)
            preview = importer.plan(table, company, options, path=path, progress=emit, cancel=cancel)
            return table, _with_extras(backend, preview, company)

        def done(value: tuple[RawTable, _Planned]) -> None:
            table, planned = value
            self._table, self._path = table, path
            self._show(planned, fill_mapping=True)

        self._start(work, done, self.tr("Reading…"))

    def replan(self) -> None:
        """Plan the table already read again, with the current columns, options and company."""
        if self._table is None or self._filling:
            return
        backend, table, path = self._backend, self._table, self._path
        company, options, mapping = self.company.currentData(), self._options(), self.current_mapping()
        emit = self._progress.changed.emit

        def work(cancel: CancelToken) -> _Planned:
            preview = backend.importer.plan(
                table, company, options, mapping, path=path, progress=emit, cancel=cancel
            )
            return _with_extras(backend, preview, company)

        self._start(
            work, lambda planned: self._show(planned, fill_mapping=False), self.tr("Checking the rows…")
        )

    def _company_changed(self) -> None:
        self._filling = True
        self.employee.setCurrentIndex(0)  # the employees are the new company's: back to "(from the file)"
        self._filling = False
        self.replan()

    def _grouping_changed(self) -> None:
        monthly = self.grouping.currentData() == Grouping.MONTHLY
        self.per_diem.blockSignals(True)
        self.per_diem.setChecked(not monthly)  # a driving log: per diem only when asked for
        self.per_diem.blockSignals(False)
        self.replan()

    def _mapping_changed(self) -> None:
        if not self._filling:
            self.replan()

    def current_mapping(self) -> ColumnMapping:
        """The mapping as chosen in the combo boxes."""
        return ColumnMapping({k: c.currentData() for k, c in self.mapping.items() if c.currentData()})

    # -- showing a plan --

    @property
    def preview_result(self) -> ImportPreview | None:
        """The plan shown (None before a file is read)."""
        return self._planned.preview if self._planned else None

    def _show(self, planned: _Planned, *, fill_mapping: bool) -> None:
        self._planned = planned
        preview = planned.preview
        self._filling = True
        try:
            chosen = self.employee.currentData()
            self.employee.clear()
            self.employee.addItem(self.tr("(from the file)"), None)
            for e in sorted(planned.employees, key=lambda e: e.display_name.casefold()):
                self.employee.addItem(e.display_name, e.id)
            self.employee.setCurrentIndex(max(self.employee.findData(chosen), 0))
            if fill_mapping:
                for target, combo in self.mapping.items():
                    combo.clear()
                    combo.addItem(self.tr("(not used)"), None)
                    for header in preview.table.headers:
                        if header:
                            combo.addItem(header, header)
                    column = preview.mapping.columns.get(target)
                    combo.setCurrentIndex(max(combo.findData(column), 0) if column else 0)
                self.layout_note.setText(
                    self.tr("Columns as chosen last time for files like this one.")
                    if preview.remembered
                    else self.tr("Columns guessed from the headers; check them.")
                )
        finally:
            self._filling = False
        self._fill_rows()
        self._fill_reports()
        self._fill_lists(preview.errors, preview.notes)
        self.result_label.setText(self._summary(preview))
        if fill_mapping:
            self.tabs.setCurrentIndex(0)
        self._update_buttons()

    def _summary(self, preview: ImportPreview) -> str:
        table = preview.table
        parts = [self.tr("%n row(s) in the file.", "", len(table.rows))]
        if table.sheet:
            parts.append(self.tr("Sheet: %1.").replace("%1", table.sheet))
        if preview.column_errors:
            parts.append(self.tr("Choose the missing columns on the Columns tab."))
            return " ".join(parts)
        new = [p for p in preview.reports if p.valid]
        parts.append(self.tr("%n new report(s).", "", len(new)))
        if preview.skipped:
            parts.append(
                self.tr("%n row(s) were imported before and will be skipped", "", len(preview.skipped))
                + f" ({row_ranges(preview.skipped)})."
            )
        if preview.rejected:
            parts.append(self.tr("%n row(s) have problems or are held back.", "", len(preview.rejected)))
        return " ".join(parts)

    def _fill_rows(self) -> None:
        self.preview.clear()
        if self._planned is None:
            return
        preview = self._planned.preview
        table = preview.table
        results = {r.index: r for r in preview.rows}
        wanted = [
            i
            for i in range(len(table.rows))
            if not self.problems_only.isChecked()
            or (i in results and results[i].status in (RowStatus.ERROR, RowStatus.HELD_BACK))
        ][:PREVIEW_ROWS]
        headers = [self.tr("Status"), self.tr("Report"), self.tr("Problem"), *table.headers]
        self.preview.setColumnCount(len(headers))
        self.preview.setHorizontalHeaderLabels(headers)
        self.preview.setRowCount(len(wanted))
        column_of = {
            f: table.headers.index(h) for f, h in preview.mapping.columns.items() if h in table.headers
        }
        bad = QBrush(QColor(255, 205, 205))
        held = QBrush(QColor(255, 240, 190))
        muted = QBrush(QColor(225, 225, 225))
        for r, index in enumerate(wanted):
            result = results.get(index)
            status = result.status if result else RowStatus.NEW
            status_item = QTableWidgetItem(tr(STATUS_TEXT[status]))
            report_item = QTableWidgetItem(
                "" if result is None or result.report is None else str(result.report + 1)
            )
            message = row_message(result) if result else ""
            message_item = QTableWidgetItem(message)
            message_item.setToolTip(message)
            self.preview.setItem(r, 0, status_item)
            self.preview.setItem(r, 1, report_item)
            self.preview.setItem(r, 2, message_item)
            for c, value in enumerate(table.rows[index]):
                self.preview.setItem(r, c + _FIRST_FILE_COLUMN, QTableWidgetItem(_cell_text(value)))
            brush = {RowStatus.ERROR: bad, RowStatus.HELD_BACK: held}.get(status)
            if status in (RowStatus.SKIPPED, RowStatus.IGNORED):
                brush = muted
            if brush is not None:
                status_item.setBackground(brush)
                status_item.setToolTip(message)
            for error in result.errors if result else ():
                column = column_of.get(error.field)
                item = self.preview.item(r, column + _FIRST_FILE_COLUMN) if column is not None else None
                if item is not None:
                    item.setBackground(bad)
                    item.setToolTip(f"{problem_text(error.code)}")
        self.preview.setVerticalHeaderLabels([str(table.number_of(i)) for i in wanted])
        self.preview.resizeColumnsToContents()
        self.preview.setColumnWidth(2, min(self.preview.columnWidth(2), 320))

    def _fill_reports(self) -> None:
        self.reports_tree.clear()
        if self._planned is None:
            return
        planned = self._planned
        names = {e.id: e.display_name for e in planned.employees}
        for n, p in enumerate(planned.preview.reports, start=1):
            report = p.report
            mark = "\u2713" if p.valid else "\u2717"
            top = QTreeWidgetItem(
                [
                    f"{mark} {n}. {report.title} \u2013 {tr(GROUPED_TEXT[p.grouped_by])}",
                    names.get(report.employee_id or -1, ""),
                    f"{_when(report.departure_at)} \u2013 {_when(report.return_at)}"
                    if report.departure_at
                    else "",
                    money(planned.amounts.get(report.id)),
                    row_ranges(p.row_numbers),
                ]
            )
            if not p.valid:
                top.setToolTip(0, self.tr("Not imported: a row of this report has a problem."))
            pairs = list(zip(report.lines, p.line_rows, strict=False))
            driven = {r for line, r in pairs if isinstance(line, MileageLine)}
            for leg in p.legs:
                if leg.row_number not in driven:
                    top.addChild(QTreeWidgetItem([_leg_text(leg), "", "", "", str(leg.row_number)]))
            for line, row in pairs:
                top.addChild(QTreeWidgetItem([_line_text(line), "", "", "", "" if row is None else str(row)]))
            self.reports_tree.addTopLevelItem(top)
            top.setExpanded(n <= 20)
        for column in range(1, 5):
            self.reports_tree.resizeColumnToContents(column)

    def _show_row(self, item: QListWidgetItem) -> None:
        """A problem activated (Enter, double-click): show its row in the Rows tab."""
        number = item.data(Qt.ItemDataRole.UserRole)
        if not number:
            return
        for r in range(self.preview.rowCount()):
            header = self.preview.verticalHeaderItem(r)
            if header is not None and header.text() == str(number):
                self.tabs.setCurrentIndex(0)
                self.preview.selectRow(r)
                first = self.preview.item(r, 0)
                if first is not None:
                    self.preview.scrollToItem(first)
                self.preview.setFocus()
                return

    # -- a file dropped on the dialog --

    @staticmethod
    def _dropped_path(event: QDragEnterEvent | QDropEvent) -> str | None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        paths = [u.toLocalFile() for u in urls if u.isLocalFile()]
        suffixes = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm")
        return paths[0] if len(paths) == 1 and paths[0].lower().endswith(suffixes) else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        """Accept one spreadsheet dragged from the file manager."""
        if self._dropped_path(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        """Read the dropped file."""
        path = self._dropped_path(event)
        if path:
            event.acceptProposedAction()
            self.path_edit.setText(path)
            self.read_file()

    def _fill_lists(self, errors: Sequence[RowError], notes: Sequence[RowNote]) -> None:
        self.errors.clear()
        for e in errors[:LIST_LIMIT]:
            item = QListWidgetItem(error_text(e))
            item.setData(Qt.ItemDataRole.UserRole, e.row_number)
            self.errors.addItem(item)
        if len(errors) > LIST_LIMIT:
            self.errors.addItem(self.tr("\u2026 and %n more.", "", len(errors) - LIST_LIMIT))
        self.errors.setVisible(bool(errors))
        self.notes.clear()
        for note in notes[:LIST_LIMIT]:
            self.notes.addItem(note_text(note.row_number, note.code, note.value))
        if len(notes) > LIST_LIMIT:
            self.notes.addItem(self.tr("\u2026 and %n more.", "", len(notes) - LIST_LIMIT))
        self.notes.setVisible(bool(notes))

    def _update_buttons(self, busy: bool = False) -> None:
        preview = self.preview_result
        self.import_button.setEnabled(not busy and preview is not None and not preview.column_errors)
        self.rejects_button.setEnabled(not busy and preview is not None and bool(preview.rejected))
        for widget in (self.read_button, self.browse):
            widget.setEnabled(not busy)

    # -- importing --

    def run_import(self) -> None:
        """Import the new rows: all or nothing, or (when chosen) only the valid ones; rows seen before are skipped."""
        preview = self.preview_result
        if preview is None:
            return
        only_valid = self.only_valid.isChecked()
        if preview.errors and not only_valid:
            self.result_label.setText(
                self.tr(
                    "Nothing was imported: %n problem(s) must be fixed in the file first, or tick \u201cImport only the valid rows\u201d.",
                    "",
                    len(preview.errors),
                )
            )
            self.errors.setVisible(bool(preview.errors))
            return
        backend = self._backend
        company, options, mapping = self.company.currentData(), self._options(), self.current_mapping()
        table, path = self._table, self._path

        def work(cancel: CancelToken) -> tuple[StoredImport, _Planned]:
            importer = backend.importer
            stored = importer.store(preview, only_valid=only_valid)
            assert table is not None
            again = importer.plan(table, company, options, mapping, path=path, cancel=cancel)
            return stored, _with_extras(backend, again, company)

        self._start(work, self._imported, self.tr("Importing…"))

    def _imported(self, value: tuple[StoredImport, _Planned]) -> None:
        stored, planned = value
        summary = stored.summary
        self._show(planned, fill_mapping=False)
        imported = summary.imported
        text = self.tr("Imported %n report(s) as drafts.", "", imported)
        if summary.skipped:
            text += " " + self.tr("%n row(s) were imported before and were skipped.", "", summary.skipped)
            if stored.skipped_rows:
                text += " " + self.tr("Skipped rows: %1.").replace("%1", row_ranges(stored.skipped_rows))
        if stored.rejected_rows:
            text += " " + self.tr(
                "%n row(s) with problems were not imported; use \u201cSave rows to fix\u201d.",
                "",
                len(stored.rejected_rows),
            )
        self.result_label.setText(text)
        self._fill_lists(planned.preview.errors, stored.notes)
        self.imported.emit(summary)

    # -- the rows to fix --

    def save_rejects(self) -> None:
        """Save the rows not imported, with a column saying what is wrong, as a file to fix and import again."""
        preview = self.preview_result
        if preview is None or not preview.rejected:
            return
        suffix = ".xlsx" if preview.table.is_xlsx else ".csv"
        source = Path(self._path or "import")
        suggested = str(source.with_name(source.stem + self.tr("-to-fix") + suffix))
        target = self._pick_save_file(self, suggested)
        if not target:
            return
        messages = {r.row_number: row_message(r) for r in preview.rejected}
        header = self.tr("Problem")
        backend = self._backend

        def work(cancel: CancelToken) -> Path:
            return backend.importer.write_rejects(preview, messages, header, target)

        def done(value: object) -> None:
            self.result_label.setText(
                self.tr("Saved %n row(s) to fix in %1.", "", len(preview.rejected)).replace("%1", str(value))
            )
            self._update_buttons()

        self._start(work, done, self.tr("Saving…"))


def _with_extras(backend: ImportBackend, preview: ImportPreview, company_id: int) -> _Planned:
    """The employees of the company and each report's priced total (runs in the task)."""
    ref = backend.reference(company_id)
    amounts = {p.report.id: backend.amount(p.report, ref) for p in preview.reports}
    return _Planned(preview, tuple(ref.employees), amounts)


def _display_synonyms(target: ImportField) -> list[str]:
    """A few accepted headers as a user would write them (the synonyms are stored normalised)."""
    return [_pretty(word) for word in HEADER_SYNONYMS.get(target, ())[:4]]


_PRETTY = {
    "formal": "Formål",
    "reiseformal": "Reiseformål",
    "belop": "Beløp",
    "kjoredato": "Kjøredato",
    "reisemal": "Reisemål",
    "arsak": "Årsak",
    "sjafor": "Sjåfør",
    "betalingsmate": "Betalingsmåte",
    "kjorte km": "Kjørte km",
    "losji": "Losji",
}


def _pretty(word: str) -> str:
    text = _PRETTY.get(word, word)
    return text[:1].upper() + text[1:]


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y %H:%M") if value.time() != dt.time() else value.strftime("%d.%m.%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, float):
        return (f"{value:.2f}".rstrip("0").rstrip(".")).replace(".", ",")
    return str(value)


def _line_text(line: object) -> str:
    if isinstance(line, MileageLine):
        text = tr(QT_TRANSLATE_NOOP("Reports", "Drive %1: %2 \u2192 %3, %4 km"))
        return (
            text.replace("%1", line.date.strftime("%d.%m.%Y"))
            .replace("%2", line.from_place)
            .replace("%3", line.to_place)
            .replace("%4", format(line.km, "f").replace(".", ","))
        )
    if isinstance(line, CostLine):
        text = tr(QT_TRANSLATE_NOOP("Reports", "Cost %1: %2 %3"))
        text = (
            text.replace("%1", line.date.strftime("%d.%m.%Y"))
            .replace("%2", money(line.amount_incl_vat))
            .replace("%3", line.currency)
        )
        if line.comment:
            text += f" \u2013 {line.comment}"
        if line.receipt_path:
            text += " \u2013 " + tr(QT_TRANSLATE_NOOP("Reports", "receipt %1")).replace(
                "%1", Path(line.receipt_path).name
            )
        return text
    if isinstance(line, PerDiemLine):
        kind = tr(PER_DIEM_TEXT[line.kind]) if line.kind in PER_DIEM_TEXT else ""
        return (
            tr(QT_TRANSLATE_NOOP("Reports", "Per diem: %1 \u00d7 %2"))
            .replace("%1", str(line.count))
            .replace("%2", kind)
        )
    return str(line)


def _leg_text(leg: PlannedLeg) -> str:
    text = tr(QT_TRANSLATE_NOOP("Reports", "Leg %1: %2 \u2192 %3, no driving"))
    day = leg.date.strftime("%d.%m.%Y") if leg.date else ""
    return text.replace("%1", day).replace("%2", leg.from_place).replace("%3", leg.to_place)


def import_format_html() -> str:
    """The import format: every column, whether it is needed, its usual headers and the values it takes (the
    dialog's Format tab and Help → Import format show the same text)."""
    lang = "en" if current_language() == "en" else "nb"
    rows = []
    for target, need in FIELD_NEED.items():
        headers = [TEMPLATE_HEADERS[lang].get(target, "")] if target in TEMPLATE_HEADERS[lang] else []
        headers += [
            s for s in _display_synonyms(target) if s.casefold() not in (h.casefold() for h in headers)
        ]
        rows.append(
            "<tr><td><b>{}</b></td><td>{}</td><td>{}</td><td>{}</td></tr>".format(
                _html(field_text(target)),
                _html(tr(NEED_TEXT[need])),
                _html(", ".join(h for h in headers[:4] if h)),
                _html(tr(FIELD_FORM[target])),
            )
        )
    intro = _html(
        QCoreApplication.translate(
            "ImportDialog",
            "One row is a leg of a trip (places, times, km), a cost (cost type and amount), or both. "
            "Rows with the same trip key \u2013 or one employee's rows whose times overlap or touch \u2013 make "
            "one travel report; each leg keeps its own date and rate. A cost without a trip key is an "
            "employee expense of its own.",
        )
    )
    files = _html(
        QCoreApplication.translate(
            "ImportDialog",
            "CSV separated by ; , or tab, in UTF-8 or Windows-1252 (as Excel saves it), or an Excel workbook "
            "(.xlsx: the first sheet with these headers). Title rows and blank rows above the headers are "
            "skipped, a totals row at the bottom is ignored. Importing the same rows again adds nothing. "
            "Help \u2192 Import template gives a file with example rows.",
        )
    )
    head = "<tr><th align='left'>{}</th><th align='left'>{}</th><th align='left'>{}</th><th align='left'>{}</th></tr>".format(
        _html(QCoreApplication.translate("ImportDialog", "Column")),
        _html(QCoreApplication.translate("ImportDialog", "Needed")),
        _html(QCoreApplication.translate("ImportDialog", "Headers")),
        _html(QCoreApplication.translate("ImportDialog", "Values")),
    )
    return f"<p>{intro}</p><p>{files}</p><table cellspacing='0' cellpadding='3'>{head}{''.join(rows)}</table>"


class ImportFormatDialog(QDialog):
    """Help → Import format: the columns and values the import accepts, without opening a file first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importFormatDialog")
        self.text = name(
            QTextBrowser(self), "importFormatHelpText", self.tr("The columns and values the import accepts")
        )
        self.text.setOpenLinks(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.setObjectName("importFormatButtons")
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("importFormatClose")
        close.setAccessibleName(self.tr("Close"))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.buttons)
        self.setWindowTitle(self.tr("Import format"))
        self.text.setHtml(import_format_html())
        self.resize(760, 560)
