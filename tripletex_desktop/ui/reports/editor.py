"""ReportEditor: the travel report / employee expense form, validated as typed and saved as a draft while typing."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QDir,
    QEvent,
    QStandardPaths,
    Qt,
    QTime,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.errors import ErrorInfo, TripletexDesktopError
from tripletex_desktop.core.models import RateType
from tripletex_desktop.core.pricing import (
    COST,
    MILEAGE,
    PASSENGERS,
    PER_DIEM,
    TOLL,
    LinePrice,
    ReportPrice,
    price_report,
)
from tripletex_desktop.core.rates import PerDiemKind
from tripletex_desktop.core.travel import (
    CostLine,
    FieldProblem,
    Line,
    MileageLine,
    PerDiemLine,
    ReportKind,
    TravelReport,
    validate_report,
)
from tripletex_desktop.services.reports import ReferenceData
from tripletex_desktop.storage.reports import ReportRow
from tripletex_desktop.ui.formatting import date_text, estimate_money, rate_text
from tripletex_desktop.ui.messages import message_for, problem_text
from tripletex_desktop.ui.reports.common import (
    estimate_note,
    money,
    name,
    state_text,
    tripletex_holding_text,
)
from tripletex_desktop.ui.reports.line_table import BAD_DATE, CellReader, LinesTable
from tripletex_desktop.ui.reports.lines import CostLines, MileageLines, PerDiemLines
from tripletex_desktop.ui.screen import fit_to_screen
from tripletex_desktop.ui.widgets.search_combo import searchable
from tripletex_desktop.workers.tasks import TaskRunner, run_task


class EditorBackend(Protocol):
    """What the editor needs of services.reports.ReportsBackend: save a draft, suggest its per diem."""

    def save_draft(self, report: TravelReport) -> ReportRow: ...

    def suggest_per_diem(self, report: TravelReport) -> tuple[PerDiemLine, ...]: ...


@runtime_checkable
class ExchangeRateSource(Protocol):
    """A backend that can also quote exchange rates (the editor then shows foreign costs in NOK)."""

    def exchange_rates(
        self, company_id: int, wanted: list[tuple[str, dt.date]], cancel: CancelToken
    ) -> dict[tuple[str, dt.date], Decimal]: ...


@runtime_checkable
class PlanChecker(Protocol):
    """A backend that can also say what a send would refuse (the editor then shows it next to the fields)."""

    def plan_problems(self, report: TravelReport) -> tuple[FieldProblem, ...]: ...


#: Debounce of the draft auto-save (milliseconds after the last change).
AUTOSAVE_MS = 800
#: Where the last receipt was picked from in this run (the next file dialog starts there).
_receipt_folder: list[str] = []


def receipt_folder() -> str:
    """Where the receipt file dialog starts: the last folder used, else Downloads, else Pictures, else home."""
    if _receipt_folder:
        return _receipt_folder[-1]
    for location in (
        QStandardPaths.StandardLocation.DownloadLocation,
        QStandardPaths.StandardLocation.PicturesLocation,
    ):
        folder = QStandardPaths.writableLocation(location)
        if folder and QDir(folder).exists():
            return folder
    return QDir.homePath()


def remember_receipt_folder(path: str) -> None:
    """Remember the folder of a picked receipt."""
    _receipt_folder[:] = [str(Path(path).parent)]


HEADER_FIELDS = (
    "employee_id",
    "title",
    "purpose",
    "departure_at",
    "return_at",
    "departure_from",
    "destination",
    "country_code",
    "is_day_trip",
)


def _readable_when_disabled(widget: QWidget) -> None:
    """A disabled widget drawn with the normal text colours: a read-only report's choices stay readable."""
    palette = widget.palette()
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, palette.color(QPalette.ColorGroup.Active, role))
    widget.setPalette(palette)


def _readable_file_columns(dialog: QFileDialog) -> None:
    """Qt's own file dialog (where the platform has none): the name takes the spare width, size, type and date
    show whole, and the folders at the side are not cut (Qt's parts, found by the names its form gives them)."""
    details = dialog.findChild(QTreeView, "treeView")
    if details is not None:
        header = details.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, header.count()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    splitter = dialog.findChild(QSplitter, "splitter")
    if splitter is not None and splitter.count() == 2:
        side = 180
        splitter.setSizes([side, max(dialog.width() - side, side)])


def _allowance(parts: tuple[LinePrice, ...]) -> Decimal | None:
    """A mileage line's allowance, km × rate (and passengers), without its toll; None when it cannot be priced."""
    allowance = [p.amount for p in parts if p.part != TOLL]
    if not allowance or any(a is None for a in allowance):
        return None
    return sum((a for a in allowance if a is not None), Decimal(0))


def _qdt(value: dt.datetime) -> QDateTime:
    return QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute))


def _pydt(value: QDateTime) -> dt.datetime:
    d, t = value.date(), value.time()
    return dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


class ReportEditor(QDialog):
    """Edit one draft. Every change is validated at once and saved (debounced) through run_task.

    `reference` is the company's synced data; `backend` saves the draft and suggests per diem, and where it
    is also an ExchangeRateSource or a PlanChecker the editor uses that too. A non-draft report opens
    read-only.
    """

    saved = Signal(object)  # ReportRow
    saveFailed = Signal(object)  # noqa: N815 - Qt naming; ErrorInfo
    #: the draft is saved and complete: approve it and send it (the reports view does both)
    approveAndSendRequested = Signal(object)  # noqa: N815 - Qt naming; report id

    def __init__(
        self,
        backend: EditorBackend,
        reference: ReferenceData,
        *,
        connection_id: str,
        company_id: int,
        report: TravelReport | None = None,
        kind: ReportKind = ReportKind.TRAVEL,
        editable: bool = True,
        runner: TaskRunner | None = None,
        autosave_ms: int = AUTOSAVE_MS,
        pick_file: Callable[[QWidget], str] | None = None,
        confirm_replace: Callable[[QWidget, str], bool] | None = None,
        company_name: str = "",
        row: ReportRow | None = None,
        default_employee_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        #: whom a new report is for at first (the token's owner where they may register travel expenses)
        self._default_employee_id = default_employee_id
        #: the client the report is for (shown at the top and in the title: never a silent other client)
        self._company_name = company_name
        #: the stored list row (state, Tripletex number and state) of a report opened read-only
        self._row = row
        #: fields the user has touched; problems show only there until an explicit save shows them all
        self._touched: set[str] = set()
        self._show_all = report is not None
        self._send_after_save = False
        self._backend = backend
        self._confirm_replace = confirm_replace or self._default_confirm_replace
        self._plan_problems: tuple[FieldProblem, ...] = ()
        self._ref = reference
        self._runner = runner
        self._connection_id = connection_id
        self._company_id = company_id
        self._id = report.id if report else uuid.uuid4()
        self._fingerprint = report.import_fingerprint if report else None
        self._kind = report.kind if report else kind
        self._editable = editable
        self._pick_file = pick_file or self._default_pick_file
        self._loading = True
        self._saving = False
        self._pending = False
        self._dirty = False
        self._parse_problems: list[FieldProblem] = []
        #: exchange rates of foreign costs, (code, date) -> NOK per unit: the report's own, then asked for
        self._fx: dict[tuple[str, dt.date], Decimal] = {}
        self._fx_asked: set[tuple[str, dt.date]] = set()
        self.setObjectName("reportEditor")
        kind_text = (
            self.tr("Travel report") if self._kind is ReportKind.TRAVEL else self.tr("Employee expense")
        )
        self.setWindowTitle(f"{kind_text} \u2013 {company_name}" if company_name else kind_text)
        fit_to_screen(self, 1100, 760)  # on a 1366×768 laptop: every column of the lines tables in view

        self._timer = QTimer(self)
        self._timer.setObjectName("autosaveTimer")
        self._timer.setSingleShot(True)
        self._timer.setInterval(autosave_ms)
        self._timer.timeout.connect(self.save_now)

        self._build()
        self._load(report)
        self._loading = False
        self._revalidate()
        self._set_editable(editable)

    # -- building --

    def _error_label(self, field: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(f"error_{field}")
        label.setStyleSheet("color: #b00020;")
        label.setWordWrap(True)
        # Grow with the text: a wrapped message of several lines must never be cut off.
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # The line is kept while there is no message, so a message appearing never moves what is below.
        policy = label.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        label.setSizePolicy(policy)
        label.setMinimumHeight(label.fontMetrics().height())
        label.hide()
        self._errors[field] = label
        return label

    def _add(
        self, form: QFormLayout, text: str, widget: QWidget, field: str, buddy: QWidget | None = None
    ) -> None:
        """A form row: the widget with its error label under it; the label's mnemonic focuses `buddy`."""
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        layout.addWidget(self._error_label(field))
        label = QLabel(text, self)
        label.setBuddy(buddy or widget)
        form.addRow(label, box)

    def _build(self) -> None:
        self._errors: dict[str, QLabel] = {}
        ref = self._ref
        root = QVBoxLayout(self)
        scroll = QScrollArea(self)
        self._scroll = scroll
        scroll.setObjectName("reportEditorScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget(scroll)
        outer = QVBoxLayout(content)
        scroll.setWidget(content)
        root.addWidget(scroll, 1)
        self.banner = QLabel(self)
        self.banner.setObjectName("reportBanner")
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.setStyleSheet(
            "#reportBanner { background: palette(alternate-base); border: 1px solid palette(mid); padding: 6px; }"
        )
        self.banner.setVisible(False)
        outer.addWidget(self.banner)
        form = QFormLayout()
        outer.addLayout(form)
        self.company_label = QLabel(self._company_name, self)
        self.company_label.setObjectName("companyLabel")
        font = self.company_label.font()
        font.setBold(True)
        self.company_label.setFont(font)
        self.company_label.setAccessibleName(self.tr("Company"))
        if self._company_name:
            form.addRow(self.tr("Company:"), self.company_label)
        else:
            self.company_label.hide()

        self.employee = name(QComboBox(self), "employeeCombo", self.tr("Employee"))
        self.employee.addItem(self.tr("(choose)"), None)
        # only employees Tripletex lets travel expenses be registered for (allowInformationRegistration)
        for e in sorted(ref.travel_employees, key=lambda e: e.display_name.casefold()):
            self.employee.addItem(e.display_name, e.id)
        searchable(
            self.employee, self.tr("Type to search among %n employee(s)", "", self.employee.count() - 1)
        )
        self._add(form, self.tr("&Employee:"), self.employee, "employee_id")

        self.title_edit = name(QLineEdit(self), "titleEdit", self.tr("Title"))
        self._add(form, self.tr("&Title:"), self.title_edit, "title")

        self.travel_box = QGroupBox(self.tr("Trip"), self)
        self.travel_box.setObjectName("travelBox")
        tform = QFormLayout(self.travel_box)
        self.purpose = name(QLineEdit(self), "purposeEdit", self.tr("Purpose"))
        self._add(tform, self.tr("&Purpose:"), self.purpose, "purpose")
        self.departure = name(QDateTimeEdit(self), "departureEdit", self.tr("Departure date and time"))
        self.departure.setDisplayFormat("dd.MM.yyyy HH:mm")
        self.departure.setCalendarPopup(True)
        self._add(tform, self.tr("&Departure:"), self.departure, "departure_at")
        self.return_at = name(QDateTimeEdit(self), "returnEdit", self.tr("Return date and time"))
        self.return_at.setDisplayFormat("dd.MM.yyyy HH:mm")
        self.return_at.setCalendarPopup(True)
        self._add(tform, self.tr("&Return:"), self.return_at, "return_at")
        self.from_edit = name(QLineEdit(self), "fromEdit", self.tr("From"))
        self._add(tform, self.tr("&From:"), self.from_edit, "departure_from")
        self.to_edit = name(QLineEdit(self), "toEdit", self.tr("To (destination)"))
        self._add(tform, self.tr("T&o:"), self.to_edit, "destination")
        self.foreign = name(
            QCheckBox(self.tr("Forei&gn trip"), self), "foreignCheck", self.tr("Foreign trip")
        )
        self.country = name(
            QLineEdit(self), "countryEdit", self.tr("Country code"), self.tr("Two letters, e.g. SE")
        )
        self.country.setMaxLength(2)
        self.country.setPlaceholderText(self.tr("Country, e.g. SE"))
        country_row = QWidget(self)
        crl = QHBoxLayout(country_row)
        crl.setContentsMargins(0, 0, 0, 0)
        crl.addWidget(self.foreign)
        crl.addWidget(self.country)
        self._add(tform, self.tr("Abroad:"), country_row, "country_code", self.foreign)
        self.overnight = name(
            QCheckBox(self.tr("O&vernight (not a day trip)"), self), "overnightCheck", self.tr("Overnight")
        )
        self._add(tform, self.tr("Stay:"), self.overnight, "is_day_trip")
        self.over15 = name(
            QCheckBox(self.tr("More than &15 km from home and work"), self),
            "over15Check",
            self.tr("More than 15 km from home and work"),
            self.tr("Per diem is only paid for trips more than 15 km from home and the workplace"),
        )
        self.over15.setChecked(True)
        tform.addRow("", self.over15)
        outer.addWidget(self.travel_box)

        self.project = name(QComboBox(self), "projectCombo", self.tr("Project"))
        self.project.addItem(self.tr("(none)"), None)
        for p in ref.projects:
            if not p.is_closed:
                self.project.addItem(f"{p.number} {p.name}".strip() if p.number else p.name, p.id)
        self.department = name(QComboBox(self), "departmentCombo", self.tr("Department"))
        self.department.addItem(self.tr("(none)"), None)
        for d in ref.departments:
            if not d.is_inactive:
                self.department.addItem(d.name, d.id)
        extra = QFormLayout()
        extra.addRow(self.tr("Pro&ject:"), self.project)
        extra.addRow(self.tr("Dep&artment:"), self.department)
        self._label_for(extra, self.project)
        self._label_for(extra, self.department)
        outer.addLayout(extra)

        self.mileage_lines = MileageLines(self._changed, self._error_label, self)
        outer.addWidget(self.mileage_lines)
        self.per_diem_lines = PerDiemLines(self._changed, self._error_label, self)
        outer.addWidget(self.per_diem_lines)
        self.cost_lines = CostLines(ref, self._kind, self._changed, self._error_label, self)
        outer.addWidget(self.cost_lines)
        # The tables and buttons by their old names (tests, screenshots and the view use them).
        self.mileage_box, self.per_diem_box, self.cost_box = (
            self.mileage_lines,
            self.per_diem_lines,
            self.cost_lines,
        )
        self.mileage, self.per_diem, self.costs = (
            self.mileage_lines.table,
            self.per_diem_lines.table,
            self.cost_lines.table,
        )
        self.add_mileage, self.remove_mileage = (
            self.mileage_lines.add_button,
            self.mileage_lines.remove_button,
        )
        self.add_per_diem, self.suggest = self.per_diem_lines.add_button, self.per_diem_lines.suggest_button
        self.remove_per_diem = self.per_diem_lines.remove_button
        self.add_cost, self.attach = self.cost_lines.add_button, self.cost_lines.attach_button
        self.remove_cost = self.cost_lines.remove_button

        self.lines_error = self._error_label("lines")
        outer.addWidget(self.lines_error)
        outer.addStretch(1)
        root.addWidget(self._build_totals())
        bottom = QHBoxLayout()
        self.status = QLabel(self)
        self.status.setObjectName("saveStatus")
        bottom.addWidget(self.status, 1)
        self.approve_send_button = name(
            QPushButton(self.tr("Approve and se&nd"), self),
            "approveSendButton",
            self.tr("Save, mark ready and send to Tripletex"),
        )
        self.close_button = name(
            QPushButton(self.tr("C&lose"), self), "closeEditorButton", self.tr("Close (the draft is saved)")
        )
        bottom.addWidget(self.approve_send_button)
        bottom.addWidget(self.close_button)
        root.addLayout(bottom)

        is_travel = self._kind is ReportKind.TRAVEL
        self.travel_box.setVisible(is_travel)
        self.mileage_box.setVisible(is_travel)
        self.per_diem_box.setVisible(is_travel)

        for widget in (self.title_edit, self.purpose, self.from_edit, self.to_edit, self.country):
            widget.textEdited.connect(self._changed)
        for combo in (self.employee, self.project, self.department):
            combo.currentIndexChanged.connect(self._changed)
        for dte in (self.departure, self.return_at):
            dte.dateTimeChanged.connect(self._changed)
        self.foreign.toggled.connect(self._changed)
        self.overnight.toggled.connect(self._changed)
        self.over15.toggled.connect(self._changed)
        for table in (self.mileage, self.per_diem, self.costs):
            table.itemChanged.connect(self._changed)
        self.add_mileage.clicked.connect(lambda: self.add_mileage_line())
        self.remove_mileage.clicked.connect(lambda: self._remove(self.mileage))
        self.add_per_diem.clicked.connect(lambda: self.add_per_diem_line())
        self.remove_per_diem.clicked.connect(lambda: self._remove(self.per_diem))
        self.suggest.clicked.connect(self.suggest_per_diem)
        self.add_cost.clicked.connect(lambda: self.add_cost_line())
        self.remove_cost.clicked.connect(lambda: self._remove(self.costs))
        self.attach.clicked.connect(self._attach_receipt)
        self.close_button.clicked.connect(self.accept)
        self.approve_send_button.clicked.connect(self.approve_and_send)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)  # Enter in a field must not add or remove lines
        self.close_button.setDefault(True)  # Enter (outside a table) closes; the draft is saved
        self._track_touches()

    def _track_touches(self) -> None:
        """A field counts as touched once it was changed or left; its problems show from then on."""
        fields: list[tuple[QWidget, str]] = [
            (self.employee, "employee_id"),
            (self.title_edit, "title"),
            (self.purpose, "purpose"),
            (self.departure, "departure_at"),
            (self.return_at, "return_at"),
            (self.from_edit, "departure_from"),
            (self.to_edit, "destination"),
            (self.country, "country_code"),
            (self.overnight, "is_day_trip"),
        ]
        for widget, field in fields:
            for signal in (
                "editingFinished",
                "textEdited",
                "currentIndexChanged",
                "dateTimeChanged",
                "toggled",
            ):
                sig = getattr(widget, signal, None)
                if sig is not None:
                    sig.connect(lambda *_a, f=field: self._touch(f))
        self.foreign.toggled.connect(lambda *_a: self._touch("country_code"))
        for table, field in ((self.mileage, "mileage"), (self.per_diem, "per_diem"), (self.costs, "costs")):
            table.itemChanged.connect(lambda *_a, f=field: self._touch(f))

    def _touch(self, field: str) -> None:
        if self._loading or field in self._touched:
            return
        self._touched.add(field)
        self._revalidate()

    def _shows(self, field: str) -> bool:
        """Whether problems of `field` are shown yet (touched, a line table with rows, or after a save)."""
        if self._show_all or field in self._touched:
            return True
        if field == "lines":
            return bool(self._touched & {"mileage", "per_diem", "costs"})
        return False

    def show_all_problems(self) -> list[FieldProblem]:
        """Show every problem, touched or not (what an explicit save does); returns them."""
        self._show_all = True
        return self._revalidate()

    def approve_and_send(self) -> None:
        """Godkjenn og send: show every problem; when there are none, save and ask the view to approve and send."""
        if self.show_all_problems() or self._plan_problems:
            self.status.setText(self.tr("Correct the marked fields first."))
            return
        self._send_after_save = True
        if self._dirty or self._saving:
            self.save_now()
            return
        self._dirty = True  # a draft opened unchanged is saved once more, so the stored report is this one
        self.save_now()

    def _build_totals(self) -> QWidget:
        """The fixed bar under the form: Kjøregodtgjørelse, Diett, Utlegg and Til utbetaling (core.pricing)."""
        bar = QFrame(self)
        bar.setObjectName("reportTotals")
        bar.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(bar)
        self.totals: dict[str, QLabel] = {}
        travel = self._kind is ReportKind.TRAVEL
        parts = [
            ("mileage", self.tr("Mileage allowance"), travel),
            ("per_diem", self.tr("Per diem"), travel),
            ("costs", self.tr("Costs"), True),
            ("total", self.tr("To be paid out"), True),
        ]
        for key, caption, shown in parts:
            label = QLabel(bar)
            label.setObjectName(f"total_{key}")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if key == "total":
                font = label.font()
                font.setBold(True)
                label.setFont(font)
                row.addStretch(1)
            label.setProperty("caption", caption)
            label.setVisible(shown)
            row.addWidget(label)
            self.totals[key] = label
        self.foreign_total = QLabel(bar)
        self.foreign_total.setObjectName("total_foreign")
        self.foreign_total.setVisible(False)
        row.insertWidget(row.count() - 2, self.foreign_total)
        return bar

    def price(self) -> ReportPrice:
        """What the report as typed pays, line by line (core.pricing, the calculation the list shows)."""
        return price_report(self.report(), self._ref.rate_table)

    def _show_amounts(self, report: TravelReport) -> None:
        """Each line's amount in its table, and the totals bar."""
        price = price_report(report, self._ref.rate_table)
        rows = {MileageLine: self.mileage, PerDiemLine: self.per_diem, CostLine: self.costs}
        position: dict[type, int] = {}
        for index, line in enumerate(report.lines):
            kind = type(line)
            row = position.get(kind, 0)
            position[kind] = row + 1
            parts = price.for_line(index)
            amount = price.line_amount(index)
            if isinstance(line, MileageLine):
                amount = _allowance(parts)  # the toll has its own column and is paid out under Costs
            text = estimate_money(amount, price.line_estimated(index)) if amount is not None else ""
            if amount is None and isinstance(line, CostLine) and line.currency != "NOK" and parts:
                text = self.tr("converted by Tripletex")
            rows[kind].set_amount(row, text, self._explain(line, parts))
        values = {
            "mileage": (price.mileage, False),
            "per_diem": (price.per_diem, False),
            "costs": (price.costs, price.estimated),
            "total": (price.total, price.estimated),
        }
        tolls = sum((p.amount for p in price.lines if p.part == TOLL and p.amount is not None), Decimal(0))
        for key, label in self.totals.items():
            amount, estimated = values[key]
            caption = label.property("caption")
            if key == "costs" and tolls:  # so the mileage lines' tolls are found in the bar
                caption = self.tr("%1 (incl. tolls %2)").replace("%1", caption).replace("%2", money(tolls))
            label.setText(f"{caption}: {estimate_money(amount, estimated)}")
            label.setToolTip(self.estimate_note() if estimated else "")
        foreign = ", ".join(f"{code} {money(amount)}" for code, amount in price.foreign.items())
        if foreign:
            self.foreign_total.setText(self.tr("+ %1 (converted by Tripletex)").replace("%1", foreign))
            self.foreign_total.setToolTip(
                self.tr("No exchange rate yet: Tripletex converts it when it arrives.")
            )
        elif price.estimated:
            self.foreign_total.setText(self.tr("\u2248 estimate"))
            self.foreign_total.setToolTip(self.estimate_note())
        self.foreign_total.setVisible(bool(foreign) or price.estimated)

    def estimate_note(self) -> str:
        """What "≈" means, for tooltips (one text for the list, the editor and the preview)."""
        return estimate_note()

    def _explain(self, line: Line, parts: tuple[LinePrice, ...]) -> str:
        """How a line's amount is made up, for its tooltip ("48 km × 5,30 = 254,40")."""
        out = []
        for part in parts:
            if part.amount is None:
                if part.problem:
                    out.append(problem_text(part.problem))
                elif part.foreign_amount is not None:
                    out.append(self.tr("No exchange rate yet: Tripletex converts it when it arrives."))
                continue
            if part.part in (MILEAGE, PASSENGERS) and part.quantity is not None:
                what = (
                    self.tr("%1 km \u00d7 %2")
                    if part.part == MILEAGE
                    else self.tr("passengers: %1 km \u00d7 %2")
                )
                out.append(
                    f"{what.replace('%1', money(part.quantity)).replace('%2', money(part.unit_rate))}"
                    f" = {money(part.amount)}"
                )
            elif part.part == TOLL:
                out.append(self.tr("toll: %1, paid out under Costs").replace("%1", money(part.amount)))
            elif part.part == COST and part.estimated:
                out.append(
                    self.tr("%1 %2 \u00d7 %3 (exchange rate of %4) \u2248 %5")
                    .replace("%1", part.currency)
                    .replace("%2", money(part.foreign_amount))
                    .replace("%3", rate_text(part.unit_rate))
                    .replace("%4", date_text(line.date))
                    .replace("%5", money(part.amount))
                )
                out.append(self.estimate_note())
            elif part.part == PER_DIEM and part.quantity is not None:
                text = (
                    self.tr("%1 \u00d7 %2")
                    .replace("%1", str(int(part.quantity)))
                    .replace("%2", money(part.unit_rate))
                )
                if part.deductions:
                    text += " \u2212 " + self.tr("meals %1").replace("%1", money(part.deductions))
                out.append(f"{text} = {money(part.amount)}")
        return "\n".join(o for o in out if o)

    @staticmethod
    def _label_for(form: QFormLayout, widget: QWidget) -> None:
        parent = widget.parentWidget()
        label = form.labelForField(widget) or (form.labelForField(parent) if parent is not None else None)
        if isinstance(label, QLabel):
            label.setBuddy(widget)

    # -- choices of the combo box cells --

    def _trip_days(self) -> tuple[dt.date, dt.date]:
        first, last = _pydt(self.departure.dateTime()).date(), _pydt(self.return_at.dateTime()).date()
        return (first, last) if first <= last else (first, first)

    def _trip_kind(self) -> PerDiemKind:
        elapsed = _pydt(self.return_at.dateTime()) - _pydt(self.departure.dateTime())
        if self.overnight.isChecked() and elapsed > dt.timedelta(hours=12):
            return PerDiemKind.OVERNIGHT
        return PerDiemKind.DAY_6_12 if elapsed <= dt.timedelta(hours=12) else PerDiemKind.DAY_OVER_12

    def _rate_choices(self, day: dt.date | None = None, current: int | None = None) -> list[tuple[str, Any]]:
        """Per diem categories valid on `day` (or during the trip when the line has no date) and matching the
        trip's domestic/foreign; the first entry (no override) names the category the send would pick."""
        table = self._ref.rate_table
        foreign = self.foreign.isChecked()
        first, last = (day, day) if day is not None and day != BAD_DATE else self._trip_days()
        suggested = self.tr("Automatic")
        try:
            category = table.per_diem_category(first, self._trip_kind(), is_foreign=foreign)
            suggested = self.tr("%1 (suggested)").replace("%1", category.name)
        except TripletexDesktopError:
            pass
        out: list[tuple[str, Any]] = [(suggested, None)]
        for c in table.categories:
            if c.type is not RateType.PER_DIEM or not (c.from_date <= last and first <= c.to_date):
                continue
            if (c.is_valid_domestic or c.is_valid_foreign_travel) and not (
                c.is_valid_foreign_travel if foreign else c.is_valid_domestic
            ):
                continue
            out.append((f"{c.from_date.year}: {c.name}", c.id))  # the year first: a cut-off name keeps it
        if current is not None and all(data != current for _, data in out):
            chosen = table.category_by_id(current)
            label = chosen.name if chosen is not None else str(current)
            out.append((self.tr("%1 (not valid for this line)").replace("%1", label), current))
        return out

    def _refresh_rate_choices(self) -> None:
        self.per_diem_lines.refresh_rate_choices(self._rate_choices)

    # -- lines --

    def _default_day(self) -> dt.date:
        return _pydt(self.departure.dateTime()).date()

    def add_mileage_line(self, line: MileageLine | None = None) -> int:
        """Append a mileage row (empty, dated at departure, or from `line`)."""
        row = self.mileage_lines.add_line(
            line, day=self._default_day(), from_place=self.from_edit.text(), to_place=self.to_edit.text()
        )
        self._new_row(self.mileage, row, line is None)
        return row

    def add_per_diem_line(self, line: PerDiemLine | None = None) -> int:
        """Append a per diem row."""
        new = line is None
        line = line or PerDiemLine(1, self._default_day(), location=self.to_edit.text())
        row = self.per_diem_lines.add_line(line, self._rate_choices)
        self._new_row(self.per_diem, row, new)
        return row

    def add_cost_line(self, line: CostLine | None = None) -> int:
        """Append a cost row."""
        row = self.cost_lines.add_line(line, day=self._default_day())
        self._new_row(self.costs, row, line is None)
        return row

    def _new_row(self, table: LinesTable, row: int, typed: bool) -> None:
        """After a row was added: a row the user adds scrolls into view and takes the focus."""
        self._changed()
        if typed and not self._loading:
            table.focus_row(row)
            # The form grows with the row (and the messages it brings): lay it out first, then scroll to the row.
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            cell = table.visualRect(table.model().index(row, 0))
            content = self._scroll.widget()
            spot = table.viewport().mapTo(content, cell.center()) if content is not None else None
            if spot is not None:
                self._scroll.ensureVisible(spot.x(), spot.y(), 50, cell.height() + 50)

    def _remove(self, table: LinesTable) -> None:
        table.remove_selected()
        self._changed()

    def receipt_dialog_texts(self) -> tuple[str, str]:
        """The receipt file dialog's title and file filter."""
        return self.tr("Choose a receipt"), self.tr("Receipts (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)")

    def receipt_dialog(self, parent: QWidget) -> QFileDialog:
        """The receipt file dialog: in the receipt folder, the user's folders at the side, wide enough to read
        (the platform's own dialog where there is one; Qt's is sized and given the folders)."""
        title, wanted = self.receipt_dialog_texts()
        dialog = QFileDialog(parent, title, receipt_folder(), wanted)
        dialog.setObjectName("receiptFileDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        places = [QDir.homePath()]
        for location in (
            QStandardPaths.StandardLocation.DownloadLocation,
            QStandardPaths.StandardLocation.PicturesLocation,
            QStandardPaths.StandardLocation.DocumentsLocation,
        ):
            folder = QStandardPaths.writableLocation(location)
            if folder and QDir(folder).exists() and folder not in places:
                places.append(folder)
        dialog.setSidebarUrls([QUrl.fromLocalFile(folder) for folder in places])
        fit_to_screen(dialog, 900, 540)  # its columns (size, type, date) readable, on a 1366×768 laptop too
        _readable_file_columns(dialog)
        return dialog

    def _default_pick_file(self, parent: QWidget) -> str:
        dialog = self.receipt_dialog(parent)
        path = dialog.selectedFiles()[0] if dialog.exec() and dialog.selectedFiles() else ""
        if path:
            remember_receipt_folder(path)
        return path

    def _attach_receipt(self) -> None:
        row = self.cost_lines.receipt_row()
        if row < 0:
            return
        path = self._pick_file(self)
        if path:
            self.cost_lines.set_receipt(row, path)
            self._changed()

    # -- loading and reading the form --

    def _load(self, report: TravelReport | None) -> None:
        now = dt.datetime.now().replace(second=0, microsecond=0)
        if report is None:
            self.departure.setDateTime(_qdt(now.replace(hour=8, minute=0)))
            self.return_at.setDateTime(_qdt(now.replace(hour=16, minute=0)))
            if self._default_employee_id is not None:
                self.employee.setCurrentIndex(max(self.employee.findData(self._default_employee_id), 0))
            return
        if self.employee.findData(report.employee_id) < 0 and self._ref.employee_name(report.employee_id):
            # a draft for someone who may no longer register travel expenses: shown, but not choosable
            self.employee.addItem(
                self.tr("%1 (may not register travel expenses)").replace(
                    "%1", self._ref.employee_name(report.employee_id)
                ),
                report.employee_id,
            )
            item = self.employee.model().item(self.employee.count() - 1)  # type: ignore[attr-defined]
            item.setEnabled(False)
        self.employee.setCurrentIndex(max(self.employee.findData(report.employee_id), 0))
        self.title_edit.setText(report.title)
        self.purpose.setText(report.purpose)
        self.departure.setDateTime(_qdt(report.departure_at or now.replace(hour=8, minute=0)))
        self.return_at.setDateTime(_qdt(report.return_at or now.replace(hour=16, minute=0)))
        self.from_edit.setText(report.departure_from)
        self.to_edit.setText(report.destination)
        self.foreign.setChecked(report.is_foreign)
        self.country.setText(report.country_code or "")
        self.overnight.setChecked(report.is_overnight)
        self.over15.setChecked(report.is_over_15_km)
        self.project.setCurrentIndex(max(self.project.findData(report.project_id), 0))
        self.department.setCurrentIndex(max(self.department.findData(report.department_id), 0))
        for line in report.lines:
            if isinstance(line, CostLine) and line.exchange_rate is not None:
                self._fx[(line.currency, line.date)] = line.exchange_rate
                self._fx_asked.add((line.currency, line.date))
        for line in report.lines:
            if isinstance(line, MileageLine):
                self.add_mileage_line(line)
            elif isinstance(line, PerDiemLine):
                self.add_per_diem_line(line)
            else:
                self.add_cost_line(line)

    def report(self) -> TravelReport:
        """The report as the form shows it now (unparsable numbers become NaN, which validation reports)."""
        cells = CellReader()
        lines: list[Line] = [
            *self.mileage_lines.read(cells),
            *self.per_diem_lines.read(cells),
            *(self._with_rate(line) for line in self.cost_lines.read(cells)),
        ]
        self._parse_problems = cells.problems
        travel = self._kind is ReportKind.TRAVEL
        return TravelReport(
            connection_id=self._connection_id,
            company_id=self._company_id,
            employee_id=self.employee.currentData(),
            title=self.title_edit.text(),
            departure_at=_pydt(self.departure.dateTime()) if travel else None,
            return_at=_pydt(self.return_at.dateTime()) if travel else None,
            purpose=self.purpose.text() if travel else "",
            departure_from=self.from_edit.text() if travel else "",
            destination=self.to_edit.text() if travel else "",
            is_foreign=self.foreign.isChecked() if travel else False,
            country_code=(self.country.text().strip().upper() or None)
            if travel and self.foreign.isChecked()
            else None,
            is_day_trip=not self.overnight.isChecked() if travel else True,
            is_over_15_km=self.over15.isChecked() if travel else True,
            project_id=self.project.currentData(),
            department_id=self.department.currentData(),
            kind=self._kind,
            lines=tuple(lines),
            id=self._id,
            import_fingerprint=self._fingerprint,
        )

    def _with_rate(self, line: CostLine) -> CostLine:
        """A foreign cost with the exchange rate of its date, when known (its NOK estimate, core.pricing)."""
        rate = self._fx.get((line.currency, line.date)) if line.currency != "NOK" else None
        return line if rate == line.exchange_rate else dataclasses.replace(line, exchange_rate=rate)

    def _ask_rates(self, report: TravelReport) -> None:
        """Ask Tripletex (in the background) for the exchange rates of foreign costs not priced yet; when they
        come, the costs show in NOK as an estimate and the draft is saved with them (the list's amount)."""
        wanted = [
            (line.currency, line.date)
            for line in report.cost_lines
            if line.currency != "NOK"
            and len(line.currency) == 3
            and line.date != BAD_DATE
            and line.amount_incl_vat.is_finite()
            and (line.currency, line.date) not in self._fx_asked
        ]
        backend = self._backend
        if not wanted or not isinstance(backend, ExchangeRateSource):
            return
        self._fx_asked.update(wanted)
        company_id = self._company_id

        def arrived(rates: dict[tuple[str, dt.date], Decimal]) -> None:
            new = {k: v for k, v in dict(rates).items() if self._fx.get(k) != v}
            if not new:
                return
            self._fx.update(new)
            self._revalidate()
            if self._editable:
                self._dirty = True  # stored with the rates, so the list shows the same estimate
                self._timer.start()

        run_task(
            lambda cancel: backend.exchange_rates(company_id, wanted, cancel),
            arrived,
            lambda exc: None,  # offline or refused: the cost stays "converted by Tripletex"
            parent=self,
            runner=self._runner,
        )

    @property
    def report_id(self) -> uuid.UUID:
        """The id of the report being edited."""
        return self._id

    # -- validation --

    def _line_table_field(self, report: TravelReport, problem: FieldProblem) -> tuple[str, str]:
        """Map core's `lines[i].x` onto the table holding line i, with a 1-based row number."""
        head, _, rest = problem.field.partition("]")
        index = int(head.removeprefix("lines["))
        line = report.lines[index]
        same = [i for i, other in enumerate(report.lines) if type(other) is type(line)]
        table = {MileageLine: "mileage", PerDiemLine: "per_diem", CostLine: "costs"}[type(line)]
        return table, f"{same.index(index) + 1}"

    def _core_problems(self, report: TravelReport) -> list[FieldProblem]:
        """validate_report, without "outside the trip" for a date that did not parse (that one says "Not a date").

        Plus: an employee Tripletex does not let travel expenses be registered for (a draft made before).
        """

        def unparsed(problem: FieldProblem) -> bool:
            if problem.code != "date_outside_trip" or not problem.field.startswith("lines["):
                return False
            index = int(problem.field.removeprefix("lines[").partition("]")[0])
            return report.lines[index].date == BAD_DATE

        found = [p for p in validate_report(report) if not unparsed(p)]
        refused = {e.id for e in self._ref.employees if not e.allow_information_registration}
        if report.employee_id in refused:
            found.append(FieldProblem("employee_id", "employee_may_not_register"))
        return found

    def problems(self) -> list[FieldProblem]:
        """Everything wrong right now (core validation plus unparsable cells)."""
        report = self.report()
        return [*self._core_problems(report), *self._parse_problems]

    def _revalidate(self) -> list[FieldProblem]:
        report = self.report()
        by_field: dict[str, list[str]] = {}
        core = self._core_problems(report)
        # What the send plan found at the last save (rates, toll category...), while the form itself is fine.
        plan = [] if core or self._parse_problems else list(self._plan_problems)
        for problem in [*core, *plan]:
            if problem.field.startswith("lines["):
                table, row = self._line_table_field(report, problem)
                by_field.setdefault(table, []).append(
                    self.tr("Row %1: %2").replace("%1", row).replace("%2", problem_text(problem.code))
                )
            else:
                by_field.setdefault(problem.field, []).append(problem_text(problem.code))
        for problem in self._parse_problems:
            table, _, rest = problem.field.partition("[")
            row = str(int(rest.split("]")[0]) + 1)
            by_field.setdefault(table, []).append(
                self.tr("Row %1: %2").replace("%1", row).replace("%2", problem_text(problem.code))
            )
        for field_name, label in self._errors.items():
            texts = by_field.get(field_name, []) if self._shows(field_name) else []
            label.setText("\n".join(dict.fromkeys(texts)))
            label.setVisible(bool(texts))
        # Always clickable while editable: a click with problems left shows them all, next to their fields.
        self.approve_send_button.setEnabled(self._editable)
        self.country.setEnabled(self._editable and self.foreign.isChecked())
        self._show_amounts(report)
        if not self._loading:
            self._ask_rates(report)
        return [*core, *self._parse_problems]

    def check_plan(self) -> None:
        """Ask the backend what a send would refuse (build_payloads) and show it next to the fields."""
        report = self.report()
        backend = self._backend
        if not isinstance(backend, PlanChecker):
            return

        def show(problems: tuple[FieldProblem, ...]) -> None:
            self._plan_problems = tuple(problems)
            self._revalidate()

        run_task(
            lambda cancel: backend.plan_problems(report),
            show,
            lambda exc: None,
            parent=self,
            runner=self._runner,
        )

    # -- saving --

    def _changed(self, *_: object) -> None:
        if self._loading:
            return
        self._plan_problems = ()  # checked again after the next save
        self._refresh_rate_choices()
        self._revalidate()
        if not self._editable:
            return
        self._dirty = True
        self.status.setText(self.tr("Unsaved changes"))
        self._timer.start()

    @property
    def dirty(self) -> bool:
        """True while changes wait for the auto-save."""
        return self._dirty

    def save_now(self) -> None:
        """Save the draft at once (the debounce timer calls this; so does closing)."""
        self._timer.stop()
        if not self._editable or not self._dirty:
            return
        if self._saving:
            self._pending = True
            return
        report = self.report()
        self._dirty = False
        self._saving = True
        self.status.setText(self.tr("Saving…"))
        backend = self._backend
        run_task(
            lambda cancel: backend.save_draft(report),
            self._saved,
            self._save_failed,
            parent=self,
            runner=self._runner,
        )

    def _saved(self, row: object) -> None:
        self._saving = False
        self.status.setText(self.tr("Draft saved"))
        self.saved.emit(row)
        if self._pending:
            self._pending = False
            self._dirty = True
            self.save_now()
            return
        if self._send_after_save:
            self._send_after_save = False
            self.approveAndSendRequested.emit(self._id)
            self.accept()
            return
        self.check_plan()

    def _save_failed(self, exc: BaseException) -> None:
        self._saving = False
        self._send_after_save = False
        self._dirty = True  # keep what was typed; the next change or Close tries again
        info = ErrorInfo.from_exception(exc)
        self.status.setText(message_for(info).title)
        self.saveFailed.emit(info)

    def _default_confirm_replace(self, parent: QWidget, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Replace per diem lines"), text, parent=parent)
        box.setObjectName("replacePerDiemBox")
        replace = box.addButton(self.tr("&Replace"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is replace

    def suggest_per_diem(self) -> None:
        """Replace the per diem lines with the suggestion for the trip's times (rates by each line's date).

        Existing lines are replaced only after asking; accommodation and meals already entered for a date are
        kept on the suggested line of the same date.
        """
        report = self.report()
        existing = [line for line in report.lines if isinstance(line, PerDiemLine)]
        if existing and not self._confirm_replace(
            self,
            self.tr(
                "Replace the %n per diem line(s) with the suggestion for the trip's times?", "", len(existing)
            ),
        ):
            return
        kept: dict[dt.date | None, PerDiemLine] = {
            line.date: line for line in existing if line.date is not None and line.date != BAD_DATE
        }
        backend = self._backend

        def apply(lines: tuple[PerDiemLine, ...]) -> None:
            self._loading = True
            self.per_diem.setRowCount(0)
            for line in lines:
                old = kept.get(line.date)
                if old is not None:
                    line = dataclasses.replace(
                        line,
                        accommodation=old.accommodation,
                        breakfast_deduction=old.breakfast_deduction,
                        lunch_deduction=old.lunch_deduction,
                        dinner_deduction=old.dinner_deduction,
                    )
                self.add_per_diem_line(line)
            self._loading = False
            self._changed()
            if not lines:
                self._errors["per_diem"].setText(
                    self.tr("No per diem for this trip (under 6 hours or 15 km).")
                )
                self._errors["per_diem"].show()

        def failed(exc: BaseException) -> None:
            label = self._errors["per_diem"]
            label.setText(message_for(exc).title)
            label.show()

        run_task(
            lambda cancel: backend.suggest_per_diem(report), apply, failed, parent=self, runner=self._runner
        )

    def _set_editable(self, editable: bool) -> None:
        for widget in self.findChildren(QWidget):
            if widget in (self.close_button, self.status) or isinstance(widget, QGroupBox | QLabel):
                continue
            if isinstance(widget, QLineEdit | QComboBox | QDateTimeEdit | QCheckBox | QPushButton):
                widget.setEnabled(editable)
        for table in (self.mileage, self.per_diem, self.costs):
            table.setEditTriggers(
                QAbstractItemView.EditTrigger.AllEditTriggers
                if editable
                else QAbstractItemView.EditTrigger.NoEditTriggers
            )
        self.close_button.setEnabled(True)
        self.approve_send_button.setVisible(editable)
        if not editable:
            # read-only, not greyed out: the text stays readable and copyable
            for widget in (self.title_edit, self.purpose, self.from_edit, self.to_edit, self.country):
                widget.setEnabled(True)
                widget.setReadOnly(True)
            for dte in (self.departure, self.return_at):
                dte.setEnabled(True)
                dte.setReadOnly(True)
            for combo in self.findChildren(QComboBox):  # cannot be read-only: disabled, but not greyed out
                _readable_when_disabled(combo)
            for button in (  # nothing to add or remove in a report that is not a draft: not shown at all
                self.add_mileage,
                self.remove_mileage,
                self.add_per_diem,
                self.suggest,
                self.remove_per_diem,
                self.add_cost,
                self.attach,
                self.remove_cost,
            ):
                button.hide()
            self.status.setText(
                self.tr(
                    "This report can only be read here. To change it, choose Reopen for editing in the list."
                )
            )
            self._show_banner()
        self.country.setEnabled(editable and self.foreign.isChecked())

    def _show_banner(self) -> None:
        """A read-only report's state: what Tripletex holds (its number and state) and what it pays."""
        row = self._row
        if row is None:
            return
        parts = [state_text(row.state)]
        held = tripletex_holding_text(row.tripletex_number, row.tripletex_id, row.tripletex_state)
        if held:
            parts.append(held)
        price = self.price()
        parts.append(
            self.tr("To be paid out: %1").replace("%1", estimate_money(price.total, price.estimated))
        )
        self.banner.setText(" \u00b7 ".join(parts))
        self.banner.setVisible(True)

    def done(self, result: int) -> None:
        """Flush the draft before closing."""
        self.save_now()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        """Closing the window saves too."""
        self.save_now()
        super().closeEvent(event)
