"""ConnectionSettingsDialog: Edit connection as settings with tabs (companies, categories, sync), not the whole
wizard again; the token stays in the keyring (Replace token has its own short dialog)."""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

from PySide6.QtCore import Signal
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
        backend: Any,
        connection: Any,
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
        companies_tab = QWidget(self)
        companies_tab.setObjectName("settingsCompaniesTab")
        column = QVBoxLayout(companies_tab)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.refresh_clients)
        column.addLayout(row)
        column.addWidget(self.companies, 1)
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
        self.tabs.currentChanged.connect(self._tab_changed)
        self.companies.initializePage()
        self.sync.initializePage()
        if not self.many:
            self.categories.initializePage()
        fit_to_screen(self, 860, 600)
        self.retranslate()
        self._update()

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
                "The token is kept. Clients you add are checked for their permissions at the next sync; "
                "replace the token with File \u203a Replace token."
            )
        )

    def _tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.categories:
            self.categories.initializePage()  # loads the categories of clients ticked since

    def _update(self) -> None:
        ok = bool(self.ctx.draft.selected_company_ids) and (
            not self.categories.isVisibleTo(self) or self.categories.isComplete() or not self.ctx.setups
        )
        self.save_button.setEnabled(ok and not self.panel.busy)

    def fetch_clients(self) -> None:
        """Ask Tripletex which companies the stored token reaches now (an office's new clients)."""
        draft = dataclasses.replace(self.ctx.draft, employee_token=None)
        backend = self.ctx.backend

        def done(outcome: Any) -> None:
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

    def _saved(self, connection: Any) -> None:
        self.panel.finish()
        self.connectionCreated.emit(connection)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.panel.show_error(exc)
        self._update()
        log.info("saving the connection settings failed: %s", type(exc).__name__)

    def reject(self) -> None:
        """Cancel stops a running load at once."""
        self.categories.cancel_check()
        super().reject()
