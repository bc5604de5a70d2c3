"""ConnectionSettingsDialog: Edit connection as settings with tabs (companies, categories, sync), not the whole
wizard again; the token stays in the keyring (Replace token has its own short dialog).

Clients ticked here that the connection did not have are checked for their permissions at once, in the
background (WizardBackend.check_permissions through run_task), with the wizard's rule: a blocker
(core.permissions.severity) or a failed check holds Save back, a warning does not. The others show their last
stored check (the wizard's or a sync's).
"""

from __future__ import annotations

import dataclasses
import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tripletex_desktop.services.wizard import CompanyPermissions, ConnectOutcome, WizardBackend
from tripletex_desktop.storage.settings import ConnectionSettings
from tripletex_desktop.ui.i18n import current_language
from tripletex_desktop.ui.screen import fit_to_screen
from tripletex_desktop.ui.wizard.base import CheckPanel, WizardContext
from tripletex_desktop.ui.wizard.categories import CategoriesPage
from tripletex_desktop.ui.wizard.companies import CompaniesPage
from tripletex_desktop.ui.wizard.sync import SyncPage
from tripletex_desktop.ui.wizard.wizard import draft_from_connection
from tripletex_desktop.workers.tasks import TaskHandle, TaskRunner

log = logging.getLogger(__name__)


class ConnectionSettingsDialog(QDialog):
    """The wizard's companies, categories and sync pages as tabs over a draft of the stored connection; Save
    commits like the wizard's Finish (settings only: no new token). Emits connectionCreated(ConnectionSettings)."""

    connectionCreated = Signal(object)  # noqa: N815 - the wizard's name, so the main window treats both alike

    def __init__(
        self,
        backend: WizardBackend,
        connection: ConnectionSettings,
        parent: QWidget | None = None,
        *,
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("connectionSettingsDialog")
        draft = draft_from_connection(connection, current_language())
        self.ctx = WizardContext(draft=draft, backend=backend, runner=runner)
        self._connection = connection
        self._handle: TaskHandle | None = None
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("connectionSettingsTabs")
        self.companies = CompaniesPage(self.ctx, self)
        self.categories = CategoriesPage(self.ctx, self)
        self.sync = SyncPage(self.ctx, self)
        self.many = bool(connection.is_accountant or len(connection.companies) > 1)
        self.refresh_clients = QPushButton(self)
        self.refresh_clients.setObjectName("settingsRefreshClients")
        self.refresh_clients.clicked.connect(self.fetch_clients)
        #: the permission check of clients added here (its own panel: it can be cancelled, saving cannot)
        self.access_panel = CheckPanel("settingsAccess", self)
        self.access_panel.cancelRequested.connect(self._access_cancelled)
        self._access_handle: TaskHandle | None = None
        self._checking: set[int] = set()
        self._known = {int(c.id) for c in connection.companies}
        self._check_timer = QTimer(self)
        self._check_timer.setObjectName("settingsAccessTimer")
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(300)  # "Select all" and a few quick ticks make one check
        self._check_timer.timeout.connect(self.check_added)
        self.access_note = QLabel(self)
        self.access_note.setObjectName("settingsAccessNote")
        self.access_note.setWordWrap(True)
        self.access_note.setStyleSheet("color: #b00020;")
        self.check_again = QPushButton(self)
        self.check_again.setObjectName("settingsCheckAgain")
        self.check_again.clicked.connect(lambda: self.check_added(again=True))
        self.leave_out = QPushButton(self)
        self.leave_out.setObjectName("settingsLeaveOut")
        self.leave_out.clicked.connect(self.leave_out_blocked)
        companies_tab = QWidget(self)
        companies_tab.setObjectName("settingsCompaniesTab")
        column = QVBoxLayout(companies_tab)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.refresh_clients)
        column.addLayout(row)
        column.addWidget(self.companies, 1)
        access_row = QHBoxLayout()
        access_row.addWidget(self.access_note, 1)
        access_row.addWidget(self.check_again)
        access_row.addWidget(self.leave_out)
        column.addLayout(access_row)
        column.addWidget(self.access_panel)
        if self.many:
            self.tabs.addTab(companies_tab, "")
        else:
            companies_tab.hide()
        self.tabs.addTab(self.categories, "")
        self.tabs.addTab(self.sync, "")
        self.panel = CheckPanel("settings", self, cancellable=False)
        self.note = QLabel(self)
        self.note.setObjectName("settingsNote")
        self.note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.setObjectName("settingsButtons")
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("settingsSave")
        self.save_button.setDefault(True)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("settingsCancel")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.panel)
        layout.addWidget(self.buttons)
        for page in (self.companies, self.categories, self.sync):
            page.completeChanged.connect(self._update)
        self.companies.model.selectionChanged.connect(self._selection_changed)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.companies.initializePage()
        self.sync.initializePage()
        if not self.many:
            self.categories.initializePage()
        fit_to_screen(self, 860, 600)
        self.retranslate()
        self._update()
        self._load_stored_checks()

    def retranslate(self) -> None:
        """Every text."""
        self.setWindowTitle(self.tr("Connection settings \u2013 %1").replace("%1", self._connection.label))
        index = 0
        if self.many:
            self.tabs.setTabText(index, self.tr("&Companies"))
            index += 1
        self.tabs.setTabText(index, self.tr("Cost c&ategories"))
        self.tabs.setTabText(index + 1, self.tr("S&ync"))
        self.tabs.setAccessibleName(self.tr("Connection settings"))
        self.refresh_clients.setText(self.tr("&Fetch the client list from Tripletex"))
        self.refresh_clients.setAccessibleName(
            self.tr("Fetch the companies the token reaches from Tripletex")
        )
        self.save_button.setText(self.tr("&Save"))
        self.save_button.setAccessibleName(self.tr("Save the settings"))
        self.cancel_button.setAccessibleName(self.tr("Cancel"))
        self.note.setText(
            self.tr(
                "The token is kept. Clients you add are checked for their permissions here; "
                "replace the token with File \u203a Replace token."
            )
        )
        self.check_again.setText(self.tr("Check a&gain"))
        self.check_again.setAccessibleName(self.tr("Check the access of the added clients again"))
        self.leave_out.setText(self.tr("&Leave them out"))
        self.leave_out.setAccessibleName(self.tr("Leave out the added clients whose access is missing"))
        self._update_access()

    def _tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.categories:
            self.categories.initializePage()  # loads the categories of clients ticked since

    def _update(self) -> None:
        ok = bool(self.ctx.draft.selected_company_ids) and (
            not self.categories.isVisibleTo(self) or self.categories.isComplete() or not self.ctx.setups
        )
        self.save_button.setEnabled(ok and not self.panel.busy and not self.access_blocked())

    # --- the access of clients added here ------------------------------------------------------

    def added_ids(self) -> list[int]:
        """Ticked clients the stored connection does not have, in list order."""
        return [cid for cid in self.ctx.draft.selected_company_ids if cid not in self._known]

    def _unchecked(self) -> list[int]:
        """Added clients without a check for the options chosen now."""
        projects = bool(self.ctx.draft.sync.projects)
        out = []
        for cid in self.added_ids():
            result = self.ctx.permissions.get(cid)
            if result is None or (projects and not result.projects and result.error is None):
                out.append(cid)
        return out

    def blocked_ids(self) -> list[int]:
        """Added clients whose check found a blocker or failed (the wizard's rule)."""
        return [
            cid
            for cid in self.added_ids()
            if cid not in self._checking and (r := self.ctx.permissions.get(cid)) is not None and r.blocked
        ]

    def access_blocked(self) -> bool:
        """Save waits: an added client is being checked, not checked, blocked or its check failed."""
        return bool(self._checking or self._unchecked() or self.blocked_ids())

    def _selection_changed(self) -> None:
        if self._unchecked():
            self._check_timer.start()
        self._update_access()
        self._update()

    def check_added(self, again: bool = False) -> None:
        """Check the permissions of the added clients not checked yet (`again`: every added client)."""
        self._check_timer.stop()
        if self._access_handle is not None and not self._access_handle.done:
            return
        ids = self.added_ids() if again else self._unchecked()
        if not ids:
            return
        for cid in ids:
            self.ctx.permissions.pop(cid, None)
        snapshot = dataclasses.replace(self.ctx.draft, employee_token=None)
        backend = self.ctx.backend
        self._checking = set(ids)
        self._show_checking()
        self._access_handle = self.ctx.run(
            lambda cancel: backend.check_permissions(snapshot, ids, cancel),
            self._checked,
            self._check_failed,
            self,
        )
        self.access_panel.start(
            self._access_handle,
            self.tr("Checking the access of %n client(s) in Tripletex\u2026", "", len(ids)),
        )
        self._update_access()
        self._update()

    def _checked(self, results: dict[int, CompanyPermissions]) -> None:
        self._checking = set()
        self.ctx.permissions.update(results)
        self.access_panel.finish()
        self._show_checking()
        self._update_access()
        self._update()

    def _check_failed(self, exc: BaseException) -> None:
        self._checking = set()
        self.access_panel.show_error(exc)
        self._show_checking()
        self._update_access()
        self._update()

    def _access_cancelled(self) -> None:
        self._checking = set()
        self._show_checking()
        self._update_access()
        self._update()

    def _show_checking(self) -> None:
        self.companies.checking = frozenset(self._checking)
        self.companies.model.set_status(self.ctx.permissions, self._checking)

    def leave_out_blocked(self) -> None:
        """Untick the added clients whose access is missing (or could not be checked)."""
        bad = set(self.blocked_ids()) | set(self._unchecked()) - self._checking
        if not bad:
            return
        rows = [
            row
            for row in range(self.companies.model.rowCount())
            if self.companies.model.index(row, 0).data(Qt.ItemDataRole.UserRole) in bad
        ]
        self.companies.model.set_checked(rows, False)

    def _update_access(self) -> None:
        blocked = self.blocked_ids()
        unchecked = [cid for cid in self._unchecked() if cid not in self._checking]
        names = {c.id: c.name for c in self.ctx.draft.companies}
        if blocked:
            text = self.tr(
                "%n added client(s) cannot be used yet: %1. Tick what is missing on the token in Tripletex "
                "and check again, or leave them out.",
                "",
                len(blocked),
            ).replace("%1", ", ".join(names.get(c, str(c)) for c in blocked))
        elif unchecked and not self._check_timer.isActive():
            text = self.tr("The access of %n added client(s) is not checked yet.", "", len(unchecked))
        else:
            text = ""
        self.access_note.setText(text)
        self.access_note.setVisible(bool(text))
        self.check_again.setVisible(bool(self.added_ids()))
        self.check_again.setEnabled(not self._checking)
        self.leave_out.setVisible(bool(text))

    def _load_stored_checks(self) -> None:
        """The last stored check of the connection's own companies, for the access column."""
        backend = self.ctx.backend
        if not hasattr(backend, "stored_permissions"):
            return
        connection_id, ids = self._connection.id, sorted(self._known)

        def show(stored: dict[int, CompanyPermissions]) -> None:
            for cid, result in stored.items():
                self.ctx.permissions.setdefault(cid, result)
            self._show_checking()

        self.ctx.run(
            lambda cancel: backend.stored_permissions(connection_id, ids, cancel),
            show,
            lambda exc: log.info("reading the stored permission checks failed: %s", type(exc).__name__),
            self,
        )

    def fetch_clients(self) -> None:
        """Ask Tripletex which companies the stored token reaches now (an office's new clients)."""
        draft = dataclasses.replace(self.ctx.draft, employee_token=None)
        backend = self.ctx.backend

        def done(outcome: ConnectOutcome) -> None:
            self.panel.finish()
            known = {c.id for c in self.ctx.draft.companies}
            self.ctx.draft.companies = tuple(self.ctx.draft.companies) + tuple(
                c for c in outcome.companies if c.id not in known
            )
            self.companies.initializePage()
            self._update()

        handle = self.ctx.run(
            lambda cancel: backend.connect(draft, cancel), done, self.panel.show_error, self
        )
        self.panel.start(handle, self.tr("Fetching the client list\u2026"))

    def save(self) -> None:
        """Store the settings in the background (the same all-or-nothing commit as the wizard's Finish)."""
        if self._handle is not None and not self._handle.done:
            return
        self.sync.validatePage()
        draft = self.ctx.draft
        draft.employee_token = None  # the stored token is kept
        snapshot = dataclasses.replace(draft, sync=dataclasses.replace(draft.sync))
        backend = self.ctx.backend
        self.save_button.setEnabled(False)
        self._handle = self.ctx.run(
            lambda cancel: backend.commit(snapshot), self._saved, self._failed, parent=self
        )
        self.panel.start(self._handle, self.tr("Saving\u2026"))

    def _saved(self, connection: ConnectionSettings) -> None:
        self.panel.finish()
        self.connectionCreated.emit(connection)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.panel.show_error(exc)
        self._update()
        log.info("saving the connection settings failed: %s", type(exc).__name__)

    def reject(self) -> None:
        """Cancel stops a running load or check at once."""
        self.categories.cancel_check()
        self._check_timer.stop()
        if self.access_panel.busy:
            self.access_panel.cancel()
        super().reject()
