"""ReportsView: the travel reports tab: list, search, state and company filters, the total of what is shown or
selected, and only the actions that apply to the selected reports' state."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TypeVar, cast

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tripletex_desktop.core.errors import ErrorInfo
from tripletex_desktop.core.transfer import TransferResult
from tripletex_desktop.core.transfer.refusals import Refusal
from tripletex_desktop.core.travel import CostLine, MileageLine, ReportKind, TravelReport
from tripletex_desktop.services.reports import (
    CheckOutcome,
    CompanyInfo,
    DryRunOutcome,
    ReferenceData,
    ReportsBackend,
)
from tripletex_desktop.storage.reports import ReportRow
from tripletex_desktop.ui.formatting import estimate_money
from tripletex_desktop.ui.i18n import QT_TRANSLATE_NOOP
from tripletex_desktop.ui.messages import (
    REPORTS_ACTIONS,
    action_text,
    message_for,
    problem_line_text,
    problem_text,
    waiting_text,
)
from tripletex_desktop.ui.reports.common import (
    STATE_TEXT,
    estimate_note,
    money,
    name,
    state_text,
    tr,
    tripletex_holding_text,
    tripletex_state_text,
)
from tripletex_desktop.ui.reports.dry_run import DryRunDialog
from tripletex_desktop.ui.reports.editor import ReportEditor
from tripletex_desktop.ui.reports.import_dialog import ImportDialog
from tripletex_desktop.ui.widgets.empty_state import EmptyState
from tripletex_desktop.workers.tasks import CancelToken, FailureFn, TaskRunner, run_task
from tripletex_desktop.workers.transfer_worker import TransferRunner

ROLE_ID = Qt.ItemDataRole.UserRole
SEARCH_DEBOUNCE_MS = 250
_Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")

#: What can be done with a report in each state; the toolbar shows what every selected report allows.
#: (Reopen is refused by the backend, with the reason, once the journal shows a write to Tripletex.)
STATE_ACTIONS: dict[str, tuple[str, ...]] = {
    "draft": ("open", "approve", "dry_run", "delete"),
    "approved": ("open", "send", "dry_run", "reopen"),
    "queued": ("open", "send", "check"),
    "sending": ("open", "check"),
    # "reopen" on a report Tripletex holds part of corrects it there (services.reports.ReportsBackend.reopen):
    # refused with the reason when Tripletex holds it delivered, or while a write may still land
    "sent": ("open", "check", "reopen"),
    "failed": ("open", "send_again", "check", "dry_run", "reopen"),
    "unknown": ("open", "check", "send_again", "reopen"),
}
#: Actions on one report at a time.
SINGLE_ACTIONS = frozenset({"open", "check", "dry_run"})
#: The keys of ReportsView.selection_buttons(), in the same order.
ACTION_ORDER = ("open", "approve", "send", "send_again", "check", "dry_run", "reopen", "delete")

COLUMNS = (
    ("state", QT_TRANSLATE_NOOP("Reports", "State")),
    ("employee", QT_TRANSLATE_NOOP("Reports", "Employee")),
    ("title", QT_TRANSLATE_NOOP("Reports", "Title")),
    ("dates", QT_TRANSLATE_NOOP("Reports", "Dates")),
    ("amount", QT_TRANSLATE_NOOP("Reports", "Amount (NOK)")),
    ("tripletex", QT_TRANSLATE_NOOP("Reports", "In Tripletex")),
    # an accountant's connection: which client (hidden when the connection has one company)
    ("company", QT_TRANSLATE_NOOP("Reports", "Company")),
)
COMPANY_COLUMN = len(COLUMNS) - 1


class ReportsModel(QAbstractTableModel):
    """Rows of storage.reports.ReportRow."""

    TITLE_COLUMN = next(i for i, (key, _) in enumerate(COLUMNS) if key == "title")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ReportRow] = []
        #: company id -> name, for the Company column
        self.company_names: dict[int, str] = {}
        #: the time a pending write's settle time is compared with (the backend's clock; set by the view)
        self.now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)

    def set_rows(self, rows: Sequence[ReportRow]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        """Number of reports."""
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        """Number of columns."""
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:  # noqa: N802
        """Column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(COLUMNS[section][1])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Cell text, and the report id under ROLE_ID."""
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == ROLE_ID:
            return row.id
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.ToolTipRole and key == "state" and row.last_error is not None:
            return message_for(
                ErrorInfo(row.last_error.code, row.last_error.detail, row.last_error.request_id)
            ).full_text()
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "amount":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and key == "amount" and row.estimated:
            return estimate_note()
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if key == "state":
            until = row.waiting_until
            if row.state in ("unknown", "sending", "queued") and until is not None and until > self.now():
                return waiting_text(until, self.now())
            return state_text(row.state)
        if key == "employee":
            return row.employee_name
        if key == "title":
            if row.kind is ReportKind.TRAVEL:
                return row.title
            return QCoreApplication.translate("Reports", "%1 (employee expense)").replace("%1", row.title)
        if key == "dates":
            first = row.departure_date.strftime("%d.%m.%Y") if row.departure_date else ""
            last = row.return_date.strftime("%d.%m.%Y") if row.return_date else ""
            return first if first == last or not last else f"{first} \u2013 {last}"
        if key == "amount":
            foreign = " ".join(f"+ {code} {money(amount)}" for code, amount in row.foreign_amounts)
            return f"{estimate_money(row.amount, row.estimated)} {foreign}".strip()
        if key == "company":
            return self.company_names.get(row.company_id, str(row.company_id))
        return tripletex_holding_text(row.tripletex_number, row.tripletex_id, row.tripletex_state)


class ReportsView(QWidget):
    """The reports tab of one connection. Construct with a services.reports.ReportsBackend.

    Every read and write goes through run_task (`runner` overrides the default pool, e.g. SyncRunner in
    tests); sends go through a TransferRunner. `confirm(parent, text) -> bool` and `pick_file(parent) -> path`
    are injectable for tests.
    """

    statusChanged = Signal(str)  # noqa: N815 - Qt naming
    #: a report was approved, reopened, sent, checked or deleted (the main window refreshes its archive)
    reportsChanged = Signal()  # noqa: N815 - Qt naming
    #: an error's fix the main window carries out (ui.messages action keys: sync_now, edit_connection, ...)
    actionRequested = Signal(str)  # noqa: N815 - Qt naming

    def __init__(
        self,
        backend: ReportsBackend,
        parent: QWidget | None = None,
        *,
        runner: TaskRunner | None = None,
        transfer_runner: TransferRunner | None = None,
        confirm: Callable[[QWidget, str], bool] | None = None,
        pick_file: Callable[[QWidget], str] | None = None,
        confirm_replace: Callable[[QWidget, str], bool] | None = None,
        pick_company: Callable[[QWidget, Sequence[CompanyInfo]], int | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reportsView")
        self._pick_company = pick_company or self._default_pick_company
        self._confirm_replace = confirm_replace
        self._backend = backend
        self._runner = runner
        self._confirm = confirm or self._default_confirm
        self._pick_file = pick_file
        self.transfers = transfer_runner or TransferRunner(backend, self, runner=runner)
        self.editor: ReportEditor | None = None
        self.import_dialog: ImportDialog | None = None
        self.dry_run_dialog: DryRunDialog | None = None
        self._build()
        self.transfers.progress.connect(self._on_progress)
        self.transfers.finished.connect(self._on_sent)
        self.transfers.failed.connect(self._on_send_failed)
        self.transfers.idle.connect(self._on_idle)
        self.refresh()

    # -- layout --

    def _button(self, text: str, object_name: str, accessible: str) -> QPushButton:
        button = QPushButton(text, self)
        name(button, object_name, accessible)
        return button

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        actions = QHBoxLayout()
        self.new_report = self._button(
            self.tr("&New travel report"), "newReportButton", self.tr("New travel report")
        )
        self.new_expense = self._button(
            self.tr("New employee e&xpense"), "newExpenseButton", self.tr("New employee expense")
        )
        self.import_button = self._button(
            self.tr("&Import…"), "importReportsButton", self.tr("Import travel reports from a file")
        )
        self.open_button = self._button(
            self.tr("O&pen"), "openReportButton", self.tr("Open the selected report")
        )
        self.approve_button = self._button(
            self.tr("Ready to &send"),
            "approveButton",
            self.tr("Mark the selected drafts ready to send"),
        )
        self.send_button = self._button(
            self.tr("Send to &Tripletex"),
            "sendButton",
            self.tr("Send the selected reports that are ready to Tripletex"),
        )
        self.dry_run_button = self._button(
            self.tr("P&review"), "dryRunButton", self.tr("Preview what would be created in Tripletex")
        )
        self.send_again_button = self._button(
            self.tr("Send a&gain"), "sendAgainButton", self.tr("Send again (never creates duplicates)")
        )
        self.check_button = self._button(
            self.tr("Check status in Tripletex"),
            "checkSentButton",
            self.tr("Ask Tripletex whether the report arrived, and its state there"),
        )
        self.delete_button = self._button(
            self.tr("De&lete draft"), "deleteDraftButton", self.tr("Delete the selected draft")
        )
        self.reopen_button = self._button(
            self.tr("Reopen for e&diting"),
            "reopenButton",
            self.tr("Make the selected approved or failed reports editable drafts again"),
        )
        # One row: creating on the left, then only what applies to the selection (see _update_buttons).
        for b in (self.new_report, self.new_expense, self.import_button):
            actions.addWidget(b)
        actions.addSpacing(16)
        for b in self.selection_buttons():
            actions.addWidget(b)
        actions.addStretch(1)
        layout.addLayout(actions)

        filters = QHBoxLayout()
        self.company = name(QComboBox(self), "companyFilter", self.tr("Company"))
        companies = self._backend.companies()
        if len(companies) > 1:
            self.company.addItem(self.tr("All companies"), None)
        for c in companies:
            self.company.addItem(c.name, c.company_id)
        self.company.setVisible(len(companies) > 1)
        self.state = name(QComboBox(self), "stateFilter", self.tr("Show reports in state"))
        self.state.addItem(self.tr("All states"), None)
        self.state.addItem(self.tr("Needs attention"), ["failed", "unknown"])
        for key in STATE_TEXT:
            self.state.addItem(state_text(key), [key])
        self.search = name(QLineEdit(self), "searchEdit", self.tr("Search reports"))
        self.search.setPlaceholderText(self.tr("Search title, place, employee…"))
        self.search.setClearButtonEnabled(True)
        search_label = QLabel(self.tr("Sear&ch:"), self)
        search_label.setBuddy(self.search)
        filters.addWidget(self.company)
        filters.addWidget(self.state)
        filters.addWidget(search_label)
        filters.addWidget(self.search, 1)
        layout.addLayout(filters)

        self.model = ReportsModel(self)
        clock = getattr(self._backend, "now", None)
        if callable(clock):
            self.model.now = clock
        self.table = name(QTableView(self), "reportsTable", self.tr("Travel reports"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ReportsModel.TITLE_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.model.company_names = {c.company_id: c.name for c in companies}
        self.table.setColumnHidden(COMPANY_COLUMN, len(companies) < 2)
        self.table.verticalHeader().hide()
        self.empty = EmptyState("reportsEmpty", self)
        self.empty.add_button("emptyNewReport", lambda: self.new(ReportKind.TRAVEL))
        self.empty.add_button("emptyImportReports", self.open_import)
        self.empty.set_texts(
            self.tr("No travel reports yet"),
            self.tr("Write one, or import a driving log or trip list (CSV or Excel)."),
            {
                "emptyNewReport": (self.tr("New travel report"), self.tr("New travel report")),
                "emptyImportReports": (self.tr("Import\u2026"), self.tr("Import travel reports from a file")),
            },
        )
        self.no_match = EmptyState("reportsNoMatch", self)
        self.no_match.add_button("emptyShowAll", self.clear_filters)
        self.no_match.set_texts(
            self.tr("No report matches"),
            self.tr("Nothing in this list matches the state and search chosen above."),
            {"emptyShowAll": (self.tr("Show all reports"), self.tr("Clear the search and the state filter"))},
        )
        self.list_stack = QStackedWidget(self)
        self.list_stack.setObjectName("reportsListStack")
        for page in (self.table, self.empty, self.no_match):
            self.list_stack.addWidget(page)
        layout.addWidget(self.list_stack, 1)

        bottom = QHBoxLayout()
        self.status = QLabel(self)
        self.status.setObjectName("reportsStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_buttons = [QPushButton(self) for _ in range(3)]
        for n, button in enumerate(self.error_buttons):
            button.setObjectName(f"reportsErrorAction{n + 1}")
            button.setAccessibleName(self.tr("Fix the problem"))
            button.hide()
            button.clicked.connect(lambda _checked=False, i=n: self._on_error_action(i))
        self.total = QLabel(self)
        self.total.setObjectName("reportsTotal")
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.total.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("sendProgress")
        self.progress.setAccessibleName(self.tr("Sending progress"))
        self.progress.hide()
        bottom.addWidget(self.status, 1)
        for button in self.error_buttons:
            bottom.addWidget(button)
        bottom.addWidget(self.progress)
        bottom.addWidget(self.total)
        layout.addLayout(bottom)
        self._error_actions: list[str] = []
        self._error_report: uuid.UUID | None = None

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _: self._search_timer.start())
        self.search.returnPressed.connect(self.refresh)
        self.state.currentIndexChanged.connect(self.refresh)
        self.company.currentIndexChanged.connect(self.refresh)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _: self.open_selected())
        self.table.activated.connect(lambda _: self.open_selected())

        self.new_report.clicked.connect(lambda: self.new(ReportKind.TRAVEL))
        self.new_expense.clicked.connect(lambda: self.new(ReportKind.EMPLOYEE_EXPENSE))
        self.import_button.clicked.connect(self.open_import)
        self.open_button.clicked.connect(self.open_selected)
        self.approve_button.clicked.connect(self.approve_selected)
        self.send_button.clicked.connect(self.send_selected)
        self.send_again_button.clicked.connect(self.send_selected)
        self.dry_run_button.clicked.connect(self.dry_run_selected)
        self.check_button.clicked.connect(self.check_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.reopen_button.clicked.connect(self.reopen_selected)
        self._update_buttons()

    # -- helpers --

    def _task(
        self,
        fn: Callable[[CancelToken], T],
        ok: Callable[[T], None],
        fail: FailureFn | None = None,
    ) -> None:
        run_task(fn, ok, fail or self.show_error, parent=self, runner=self._runner)

    def show_status(self, text: str) -> None:
        """Show a line under the table (and no error buttons)."""
        self._set_error_actions((), None)
        self.status.setText(text)
        self.statusChanged.emit(text)

    def show_error(self, exc: BaseException | ErrorInfo, report_id: uuid.UUID | None = None) -> None:
        """Show an error in plain words (with the request id when there is one), and a button for each fix it
        recommends that this tab can do (`report_id`: the report the error is about)."""
        message = message_for(exc)
        problems = getattr(exc, "problems", ())
        detail = "\n".join(f"\u2022 {problem_line_text(p.field, p.code)}" for p in problems)
        rid = (
            QCoreApplication.translate("Reports", "Request ID: %1").replace("%1", message.request_id)
            if message.request_id
            else ""
        )
        self.status.setText(
            "\n".join(p for p in (message.title + ". " + message.text, detail, message.fix, rid) if p)
        )
        self.statusChanged.emit(message.title)
        self._set_error_actions(message.actions, report_id or self._single_selected_id())

    def _single_selected_id(self) -> uuid.UUID | None:
        rows = self.selected_rows()
        return rows[0].id if len(rows) == 1 else None

    def _set_error_actions(self, actions: Sequence[str], report_id: uuid.UUID | None) -> None:
        own = {"open_report", "check_status", "send_again"}
        keys = [a for a in actions if a in REPORTS_ACTIONS and (a not in own or report_id is not None)]
        self._error_actions = [a for a in keys if a != "retry"][: len(self.error_buttons)]
        self._error_report = report_id
        for n, button in enumerate(self.error_buttons):
            key = self._error_actions[n] if n < len(self._error_actions) else ""
            button.setVisible(bool(key))
            if key:
                text, accessible = action_text(key)
                button.setText(text.replace("&", ""))  # the toolbar owns the mnemonics
                button.setAccessibleName(accessible)

    def _on_error_action(self, index: int) -> None:
        """open_report, check_status and send_again act on the report the error was about; the rest go to the
        main window (actionRequested)."""
        if index >= len(self._error_actions):
            return
        key, report_id = self._error_actions[index], self._error_report
        if key in ("open_report", "check_status", "send_again") and report_id is not None:
            self.select(report_id)
            if key == "open_report":
                self.open_selected()
            elif key == "check_status":
                self.check_selected()
            else:
                self.send_selected()
            return
        self.actionRequested.emit(key)

    def clear_filters(self) -> None:
        """Show every report of the chosen company again."""
        self.search.clear()
        self.state.setCurrentIndex(0)
        self.refresh()

    def set_company(self, company_id: int | None) -> None:
        """Show one company's reports (None: all), as picked in the main window's tree."""
        index = self.company.findData(company_id)
        if index >= 0 and index != self.company.currentIndex():
            self.company.setCurrentIndex(index)

    def _show_total(self) -> None:
        """The count and total of the selected reports, or of every report shown."""
        rows = self.selected_rows()
        chosen = rows if rows else self.model.rows
        total = sum((r.amount for r in chosen if r.amount is not None), Decimal(0))
        foreign: dict[str, Decimal] = {}
        for r in chosen:
            for code, amount in r.foreign_amounts:
                foreign[code] = foreign.get(code, Decimal(0)) + amount
        extra = "".join(f" + {code} {money(amount)}" for code, amount in sorted(foreign.items()))
        if rows:
            text = self.tr("%n selected, total %1", "", len(rows))
        else:
            text = self.tr("%n shown, total %1", "", len(chosen))
        estimated = any(r.estimated for r in chosen)
        self.total.setText(text.replace("%1", f"{estimate_money(total, estimated)}{extra}"))
        self.total.setToolTip(estimate_note() if estimated else "")
        self.total.setVisible(bool(chosen))

    def _default_confirm(self, parent: QWidget, text: str) -> bool:
        answer = QMessageBox.question(parent, self.tr("Delete draft"), text)
        return answer == QMessageBox.StandardButton.Yes

    def selected_rows(self) -> list[ReportRow]:
        """The selected reports' rows."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.rows[r] for r in rows if r < len(self.model.rows)]

    def select(self, report_id: uuid.UUID) -> None:
        """Select the report with `report_id`, if listed."""
        for r, row in enumerate(self.model.rows):
            if row.id == report_id:
                self.table.selectRow(r)
                return

    def selection_buttons(self) -> tuple[QPushButton, ...]:
        """The buttons that act on the selected reports, in toolbar (and focus) order."""
        return (
            self.open_button,
            self.approve_button,
            self.send_button,
            self.send_again_button,
            self.check_button,
            self.dry_run_button,
            self.reopen_button,
            self.delete_button,
        )

    def applicable_actions(self) -> set[str]:
        """The actions every selected report allows (ui.reports.view.STATE_ACTIONS), minus those in flight."""
        rows = self.selected_rows()
        if not rows:
            return set()
        allowed = set.intersection(*(set(STATE_ACTIONS.get(r.state, ())) for r in rows))
        if len(rows) > 1:
            allowed -= SINGLE_ACTIONS
        if any(self.transfers.is_sending(r.id) for r in rows):
            allowed -= {"send", "send_again", "reopen"}
        return allowed

    def _update_buttons(self, *_: object) -> None:
        allowed = self.applicable_actions()
        buttons = dict(zip(ACTION_ORDER, self.selection_buttons(), strict=True))
        for key, button in buttons.items():
            button.setVisible(key in allowed)
            button.setEnabled(key in allowed)
        self._show_total()

    # -- listing --

    def current_company(self) -> int | None:
        """The company filter (None: all)."""
        return cast("int | None", self.company.currentData())  # the items' data: company ids, None for all

    def refresh(self) -> None:
        """Reload the list with the current filters."""
        company, states, search = self.current_company(), self.state.currentData(), self.search.text()
        backend = self._backend
        self._task(lambda cancel: backend.list_reports(company, states, search), self._show_rows)

    def _filtered(self) -> bool:
        return bool(self.search.text().strip()) or self.state.currentIndex() > 0

    def _show_rows(self, rows: list[ReportRow]) -> None:
        # The selection as it is when the rows arrive, not as it was when they were asked for: a report the user
        # picked meanwhile stays picked (Send acts on the selection; it must never jump back to another).
        selected = {r.id for r in self.selected_rows()}
        self.model.set_rows(rows)
        if rows:
            self.list_stack.setCurrentWidget(self.table)
        else:
            self.list_stack.setCurrentWidget(self.no_match if self._filtered() else self.empty)
        for r, row in enumerate(rows):
            if row.id in selected:
                self.table.selectionModel().select(
                    self.model.index(r, 0),
                    self.table.selectionModel().SelectionFlag.Select
                    | self.table.selectionModel().SelectionFlag.Rows,
                )
        self._update_buttons()

    # -- editor --

    def _company_for_new(self) -> int:
        company = self.current_company()
        return company if company is not None else self._backend.companies()[0].company_id

    def new(self, kind: ReportKind) -> None:
        """Open the editor on a new report of the company chosen in the filter (the tree's company); with all
        of an accountant's clients shown, ask which client first: a report never silently goes to another."""
        company = self.current_company()
        companies = self._backend.companies()
        if company is None and len(companies) > 1:
            company = self._pick_company(self, companies)
            if company is None:
                return
        if company is None:
            company = companies[0].company_id
        self._open_editor(None, company, kind, True)

    def _default_pick_company(self, parent: QWidget, companies: Sequence[CompanyInfo]) -> int | None:
        names = [c.name for c in companies]
        chosen, ok = QInputDialog.getItem(
            parent,
            self.tr("Which client?"),
            self.tr("The new report is for:"),
            names,
            0,
            False,
        )
        if not ok:
            return None
        return companies[names.index(chosen)].company_id

    def open_selected(self) -> None:
        """Open the selected report (drafts are editable, the rest read-only)."""
        rows = self.selected_rows()
        if len(rows) != 1:
            return
        backend = self._backend
        self._task(
            lambda cancel: backend.load(rows[0].id),
            lambda stored: self._open_editor(
                stored.report,
                stored.row.company_id,
                stored.report.kind,
                stored.row.state == "draft",
                stored.row,
            ),
        )

    def _company_name(self, company_id: int) -> str:
        """The client's name, for the editor's top and title (only when the connection has several)."""
        companies = self._backend.companies()
        if len(companies) < 2:
            return ""
        return next((c.name for c in companies if c.company_id == company_id), str(company_id))

    def _open_editor(
        self,
        report: TravelReport | None,
        company_id: int,
        kind: ReportKind,
        editable: bool,
        row: ReportRow | None = None,
    ) -> None:
        backend = self._backend

        def load(cancel: CancelToken) -> tuple[ReferenceData, int | None]:
            reference = backend.reference(company_id)
            default = getattr(backend, "default_employee_id", None)
            return reference, default(company_id, reference) if report is None and default else None

        def show(loaded: tuple[ReferenceData, int | None]) -> None:
            reference, employee_id = loaded
            editor = ReportEditor(
                backend,
                reference,
                connection_id=backend.connection_id,
                company_id=company_id,
                report=report,
                kind=kind,
                editable=editable,
                runner=self._runner,
                pick_file=self._pick_file,
                confirm_replace=self._confirm_replace,
                company_name=self._company_name(company_id),
                row=row,
                default_employee_id=employee_id,
                parent=self,
            )
            editor.saved.connect(lambda _row: self.refresh())
            editor.finished.connect(lambda _code: self.refresh())
            editor.approveAndSendRequested.connect(self.approve_and_send)
            self.editor = editor
            editor.open()
            if editable and report is not None:
                editor.check_plan()  # what a send would refuse shows next to the fields at once

        self._task(load, show)

    # -- actions --

    def approve_selected(self) -> None:
        """Approve the selected drafts (each must be complete)."""
        ids = [r.id for r in self.selected_rows() if r.state == "draft"]
        backend = self._backend

        def work(cancel: CancelToken) -> list[ReportRow]:
            return [backend.approve(i) for i in ids]

        def done(rows: list[ReportRow]) -> None:
            self.show_status(self.tr("%n report(s) ready to send.", "", len(rows)))
            self.refresh()
            self.reportsChanged.emit()

        def failed(exc: BaseException) -> None:
            self.show_error(exc, ids[0] if len(ids) == 1 else None)
            self.refresh()
            self.reportsChanged.emit()  # the reports before the one refused were approved

        self._task(work, done, failed)

    def approve_and_send(self, report_id: uuid.UUID) -> None:
        """Godkjenn og send from the editor: mark the saved draft ready, then send it at once."""
        backend = self._backend

        def approved(_row: ReportRow) -> None:
            self.reportsChanged.emit()
            self.refresh()
            self.progress.setRange(0, 0)
            self.progress.show()
            self.show_status(self.tr("Sending %n report(s)…", "", 1))
            self.transfers.send([report_id])

        def failed(exc: BaseException) -> None:
            self.show_error(exc, report_id)
            self.refresh()

        self._task(lambda cancel: backend.approve(report_id), approved, failed)

    def reopen_selected(self) -> None:
        """Make the selected reports drafts again to correct them; one Tripletex holds OPEN is then sent again into
        the same travel expense (the backend refuses one delivered there)."""
        ids = [r.id for r in self.selected_rows() if r.state in ("approved", "failed", "unknown", "sent")]
        if not ids:
            return
        backend = self._backend

        def work(cancel: CancelToken) -> list[ReportRow]:
            return [backend.reopen(i, cancel) for i in ids]

        def done(rows: list[ReportRow]) -> None:
            self.show_status(
                self.tr(
                    "%n report(s) reopened as drafts; open them to correct and mark them ready again.",
                    "",
                    len(rows),
                )
            )
            self.refresh()
            self.reportsChanged.emit()

        def failed(exc: BaseException) -> None:
            self.show_error(exc, ids[0] if len(ids) == 1 else None)
            self.refresh()

        self._task(work, done, failed)

    def send_selected(self) -> None:
        """Send (or send again) the selected reports in the background."""
        ids = [r.id for r in self.selected_rows() if r.state != "draft" and r.state != "sent"]
        if not ids:
            return
        self.progress.setRange(0, 0)
        self.progress.show()
        self.show_status(self.tr("Sending %n report(s)…", "", len(ids)))
        self.transfers.send(ids)
        self._update_buttons()

    def _on_progress(self, key: str, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _on_sent(self, key: str, result: TransferResult) -> None:
        if result.state == "sent" and result.error is not None and result.error.code == "approve_refused":
            self.show_status(
                self.tr(
                    "Delivered to Tripletex as number %1. Tripletex does not let this token approve it: someone who approves travel expenses must do that in Tripletex."
                ).replace("%1", str(result.number or ""))
            )
        elif result.state == "sent":
            self.show_status(
                self.tr("Sent to Tripletex as number %1.").replace("%1", str(result.number or ""))
            )
        elif result.state == "unknown" and result.retry_at is not None:
            self.show_status(waiting_text(result.retry_at, self.model.now()))
        elif result.state == "queued" and result.error is not None:  # Tripletex did not take it this time
            message = message_for(result.error)
            stays = self.tr("The report waits to be sent; the next sync sends it.")
            self.show_status(f"{message.title}. {message.text}\n{stays}")
        elif result.error is not None:
            self.show_error(result.error, uuid.UUID(key))
            if result.error.fields:
                self._show_refusals(uuid.UUID(key))
        self.refresh()
        self.reportsChanged.emit()

    def _show_refusals(self, report_id: uuid.UUID) -> None:
        """Tripletex refused the report at delivery: say which lines, in plain words, with Tripletex's own."""
        backend = self._backend
        if not hasattr(backend, "refusals"):
            return

        def show(found: tuple[tuple[Refusal, ...], TravelReport]) -> None:
            refused, report = found
            if not refused:
                return
            lines = [self.tr("Tripletex refused the report when it was delivered:")]
            lines.extend(
                f"\u2022 {self._where(report, refusal.field)}: {problem_text(refusal.code)}"
                + (f" (Tripletex: \u00ab{refusal.message}\u00bb)" if refusal.message else "")
                for refusal in refused
            )
            lines.append(self.tr("Open the report to see the lines marked, correct them, and send again."))
            self.status.setText("\n".join(lines))  # keeps the error's buttons (open the report, send again)
            self.statusChanged.emit(lines[0])

        self._task(lambda cancel: (backend.refusals(report_id), backend.load(report_id).report), show)

    def _where(self, report: TravelReport, field_name: str) -> str:
        """A report field (``lines[2]``, ``departure_from``, "") as the user knows it."""
        if field_name.startswith("lines["):
            index = int(field_name.removeprefix("lines[").partition("]")[0])
            line = report.lines[index] if index < len(report.lines) else None
            same = [i for i, other in enumerate(report.lines) if type(other) is type(line)]
            position = str(same.index(index) + 1) if index in same else "?"
            if isinstance(line, MileageLine):
                return self.tr("Mileage, row %1").replace("%1", position)
            if isinstance(line, CostLine):
                return self.tr("Costs, row %1").replace("%1", position)
            return self.tr("Per diem, row %1").replace("%1", position)
        if field_name:
            return self.tr("The trip")
        return self.tr("The report")

    def _on_send_failed(self, key: str, error: ErrorInfo) -> None:
        self.show_error(error, uuid.UUID(key))
        self.refresh()
        self.reportsChanged.emit()

    def _on_idle(self) -> None:
        self.progress.hide()
        self._update_buttons()

    def dry_run_selected(self) -> None:
        """Show the JSON a send would post; nothing is created."""
        rows = self.selected_rows()
        if len(rows) != 1:
            return
        backend, report_id = self._backend, rows[0].id

        def show(outcome: DryRunOutcome) -> None:
            self.dry_run_dialog = DryRunDialog(outcome, self)
            self.dry_run_dialog.open()

        self._task(lambda cancel: backend.dry_run(report_id, cancel), show)

    def check_selected(self) -> None:
        """Ask Tripletex whether the selected report arrived, and store its number and state."""
        rows = self.selected_rows()
        if len(rows) != 1:
            return
        backend, report_id = self._backend, rows[0].id

        def show(outcome: CheckOutcome) -> None:
            self.reportsChanged.emit()
            if outcome.error is not None:
                self.show_error(outcome.error, report_id)
            elif outcome.found:
                self.show_status(
                    self.tr("Tripletex has this report as number %1 (%2).")
                    .replace("%1", str(outcome.row.tripletex_number or outcome.row.tripletex_id))
                    .replace("%2", tripletex_state_text(outcome.row.tripletex_state))
                )
            elif outcome.row.state in ("approved", "queued"):
                self.show_status(
                    self.tr("Tripletex does not have this report yet. Use Send to Tripletex to send it.")
                )
            else:
                self.show_status(self.tr("Tripletex does not have this report. Use Send again to send it."))
            self.refresh()

        self._task(lambda cancel: backend.check_sent(report_id, cancel), show)

    def delete_selected(self) -> None:
        """Delete the selected drafts after asking."""
        ids = [r.id for r in self.selected_rows() if r.state == "draft"]
        if not ids or not self._confirm(
            self, self.tr("Delete %n draft(s)? This cannot be undone.", "", len(ids))
        ):
            return
        backend = self._backend

        def work(cancel: CancelToken) -> None:
            for i in ids:
                backend.delete_draft(i)

        def deleted(_result: None) -> None:
            self.refresh()
            self.reportsChanged.emit()

        def failed(exc: BaseException) -> None:
            self.show_error(exc)
            self.refresh()

        self._task(work, deleted, failed)

    def open_import(self) -> None:
        """Open the import dialog."""
        dialog = ImportDialog(
            self._backend,
            self._backend.companies(),
            company_id=self._company_for_new(),
            runner=self._runner,
            pick_file=self._pick_file,
            parent=self,
        )
        dialog.imported.connect(self._imported)
        self.import_dialog = dialog
        dialog.open()

    def _imported(self, _summary: object) -> None:
        self.refresh()
        self.reportsChanged.emit()

    def shutdown(self) -> None:
        """Stop sending after the current step (call from the main window's close)."""
        self.transfers.cancel()
