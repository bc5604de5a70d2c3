"""The setup wizard: pages collect and validate, checks run in the background, accept() commits."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QSize, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget, QWizard

from tripletex_desktop.core.errors import SecretStoreUnavailable
from tripletex_desktop.core.models import ClientCompany, CompanyMapping, Environment
from tripletex_desktop.services.wizard import SyncChoice, WizardBackend, WizardDraft
from tripletex_desktop.storage.settings import ConnectionSettings
from tripletex_desktop.ui.i18n import current_language, install_translators
from tripletex_desktop.ui.screen import fit_to_screen
from tripletex_desktop.ui.wizard.base import WizardContext
from tripletex_desktop.ui.wizard.categories import CategoriesPage
from tripletex_desktop.ui.wizard.companies import CompaniesPage
from tripletex_desktop.ui.wizard.environment import EnvironmentPage
from tripletex_desktop.ui.wizard.permissions import PermissionsPage
from tripletex_desktop.ui.wizard.summary import SummaryPage
from tripletex_desktop.ui.wizard.sync import SyncPage
from tripletex_desktop.ui.wizard.token import TokenPage
from tripletex_desktop.ui.wizard.welcome import WelcomePage
from tripletex_desktop.workers.tasks import TaskHandle, TaskRunner

log = logging.getLogger(__name__)

# The Sync page comes before Permissions: whether projects are synced decides which permissions are needed.
WELCOME, ENVIRONMENT, TOKEN, COMPANIES, SYNC, PERMISSIONS, CATEGORIES, SUMMARY = range(8)
PAGE_KEYS = {
    WELCOME: "welcome",
    ENVIRONMENT: "environment",
    TOKEN: "token",
    COMPANIES: "companies",
    PERMISSIONS: "permissions",
    CATEGORIES: "categories",
    SYNC: "sync",
    SUMMARY: "summary",
}


def draft_from_connection(connection: ConnectionSettings, language: str) -> WizardDraft:
    """A draft prefilled from a stored ConnectionSettings (the token itself stays in the keyring)."""
    companies = tuple(
        ClientCompany(id=c.id, name=c.name, organization_number=c.organization_number)
        for c in connection.companies
    )
    # CompanySettings.mapping() carries every slot, the optional toll category (extra["toll"]) included.
    mappings: dict[int, CompanyMapping] = {c.id: c.mapping() for c in connection.companies}
    try:
        env = Environment(connection.environment)
    except ValueError:
        env = Environment.PRODUCTION
    employee_id = getattr(connection, "employee_id", None)
    owner_company = getattr(connection, "employee_company_id", None)
    return WizardDraft(
        connection_id=connection.id,
        owner=(employee_id, owner_company) if employee_id and owner_company else None,
        name=connection.label,
        environment=env,
        base_url=connection.base_url,
        has_stored_token=True,
        has_custom_consumer_token=bool(getattr(connection, "has_custom_consumer_token", False)),
        token_expires_on=connection.token_expires_on,
        language=language,
        is_accountant=connection.is_accountant,
        companies=companies,
        selected_company_ids=[c.id for c in companies],
        mappings=mappings,
        sync=SyncChoice(
            projects=connection.sync.projects,
            departments=connection.sync.departments,
            interval=connection.sync.interval,
            sync_on_finish=connection.sync.sync_on_finish,
            deliver_reports=connection.sync.deliver_reports,
            approve_reports=connection.sync.approve_reports,
        ),
    )


class SetupWizard(QWizard):
    """Add, edit or re-authenticate a Tripletex connection. Emits connectionCreated(ConnectionSettings)."""

    connectionCreated = Signal(object)

    def __init__(
        self,
        backend: WizardBackend,
        *,
        existing: ConnectionSettings | None = None,
        demo_mode: bool = False,
        demo_tokens: Sequence[str] = (),
        start_at_token_page: bool = False,
        language: str | None = None,
        switch_language: Callable[[str], None] | None = None,
        runner: TaskRunner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("setupWizard")
        lang = language or current_language()
        if existing is not None:
            draft = draft_from_connection(existing, lang)
        else:
            draft = WizardDraft(
                language=lang, environment=Environment.DEMO if demo_mode else Environment.PRODUCTION
            )
        self.ctx = WizardContext(
            draft=draft,
            backend=backend,
            runner=runner,
            demo_available=demo_mode,
            demo_tokens=tuple(demo_tokens) or _demo_tokens(backend),
            start_at_token_page=start_at_token_page,
        )
        self.connection: ConnectionSettings | None = None
        self.cancel_question: QMessageBox | None = None
        self._commit_handle: TaskHandle | None = None
        self._switch_language = switch_language or _install_translators

        self.welcome = WelcomePage(self.ctx, self._switch_language)
        self.environment = EnvironmentPage(self.ctx)
        self.token = TokenPage(self.ctx)
        self.companies = CompaniesPage(self.ctx)
        self.permissions = PermissionsPage(self.ctx)
        self.categories = CategoriesPage(self.ctx)
        self.sync = SyncPage(self.ctx)
        self.summary = SummaryPage(self.ctx)
        for pid, page in (
            (WELCOME, self.welcome),
            (ENVIRONMENT, self.environment),
            (TOKEN, self.token),
            (COMPANIES, self.companies),
            (SYNC, self.sync),
            (PERMISSIONS, self.permissions),
            (CATEGORIES, self.categories),
            (SUMMARY, self.summary),
        ):
            self.setPage(pid, page)
        self.permissions.syncChoiceChanged.connect(self.sync.reload)
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoDefaultButton, False)
        if start_at_token_page:
            self.setStartId(TOKEN)
        elif existing is not None:
            self.setStartId(ENVIRONMENT)
        for which, name in self._button_names().items():
            self.button(which).setObjectName(name)
        self.setMinimumSize(QSize(640, 480))
        fit_to_screen(self, 900, 660)  # room for the token page's steps; never taller than the screen
        self.retranslateUi()

    # --- flow --------------------------------------------------------------------------------

    def nextId(self) -> int:
        """Plain token: skip the companies page (its one company is chosen); accountant: companies first.

        Then Sync (what to fetch), Permissions (only what that needs), Categories, Summary.
        """
        current = self.currentId()
        draft = self.ctx.draft
        if current == TOKEN:
            return COMPANIES if draft.is_accountant or len(draft.companies) > 1 else SYNC
        if current == SUMMARY:
            return -1
        if current < 0:
            return self.startId()
        return current + 1

    def page_key(self) -> str:
        """Stable name of the current page (tests, screenshots)."""
        return PAGE_KEYS.get(self.currentId(), "")

    def _running_pages(self) -> list[TokenPage | PermissionsPage | CategoriesPage]:
        return [self.token, self.permissions, self.categories]

    def has_input(self) -> bool:
        """True once the user typed or chose something Cancel would throw away (a token, a connection made,
        any page after the environment)."""
        token_typed = bool(self.token.token.text().strip())
        return token_typed or self.ctx.connected_with is not None or self.currentId() > ENVIRONMENT

    def reject(self) -> None:
        """Cancel (also Esc and closing the window): after the user typed something, ask first (without
        blocking: the question is window-modal); then stop every running check at once and close."""
        if self._commit_handle is not None and not self._commit_handle.done:
            return  # saving is local and takes a moment; never leave "saved or not?" open
        if self.cancel_question is not None and self.cancel_question.isVisible():
            return
        if self.has_input():
            self._ask_before_cancel()
            return
        self.discard()

    def discard(self) -> None:
        """Throw the setup away: cancel the checks, close the wizard."""
        for page in self._running_pages():
            page.cancel_check()
        super().reject()

    def _ask_before_cancel(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.windowTitle(),
            self.tr("Cancel the setup?")
            if self.ctx.draft.connection_id is None
            else self.tr("Cancel the changes?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("wizardCancelQuestion")
        box.setInformativeText(self.tr("What you entered is not saved, and the token is forgotten."))
        # Qt sizes the box by its short question, which squeezes the sentence into a narrow column.
        box.setStyleSheet("QLabel#qt_msgbox_informativelabel { min-width: 28em; }")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("&Yes, cancel"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("&No, go on"))
        box.button(QMessageBox.StandardButton.Yes).setObjectName("wizardCancelYes")
        box.button(QMessageBox.StandardButton.No).setObjectName("wizardCancelNo")
        box.button(QMessageBox.StandardButton.Yes).setAccessibleName(self.tr("Yes, throw the setup away"))
        box.button(QMessageBox.StandardButton.No).setAccessibleName(self.tr("No, go on with the setup"))
        yes = box.button(QMessageBox.StandardButton.Yes)
        box.finished.connect(lambda _result: self.discard() if box.clickedButton() is yes else None)
        self.cancel_question = box
        box.open()

    def accept(self) -> None:
        """Finish: commit token and settings in the background; close only when both are written."""
        if self._commit_handle is not None and not self._commit_handle.done:
            return
        session_only = not self.summary.session_only.isHidden() and self.summary.session_only.isChecked()
        snapshot = dataclasses.replace(self.ctx.draft, sync=dataclasses.replace(self.ctx.draft.sync))
        backend = self.ctx.backend
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        self.button(QWizard.WizardButton.BackButton).setEnabled(False)
        self._commit_handle = self.ctx.run(
            lambda cancel: backend.commit(snapshot, session_only=session_only),
            self._committed,
            self._commit_failed,
            parent=self,
        )
        self.summary.panel.start(self._commit_handle, self.tr("Saving\u2026"))

    def _committed(self, connection: ConnectionSettings) -> None:
        self.summary.panel.finish()
        self.connection = connection
        self.ctx.draft.connection_id = connection.id
        self.connectionCreated.emit(connection)
        super().accept()

    def _commit_failed(self, exc: BaseException) -> None:
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        self.button(QWizard.WizardButton.BackButton).setEnabled(True)
        extra = ""
        if isinstance(exc, SecretStoreUnavailable):
            self.summary.offer_session_only()
            extra = self.tr(
                "Or tick \u201cKeep the token for this run only\u201d below and click Finish again. The token is "
                "never written to a file."
            )
        self.summary.panel.show_error(exc, extra)
        log.info("commit failed: %s", type(exc).__name__)

    # --- texts -------------------------------------------------------------------------------

    def _button_names(self) -> dict[QWizard.WizardButton, str]:
        b = QWizard.WizardButton
        return {
            b.BackButton: "wizardBack",
            b.NextButton: "wizardNext",
            b.CommitButton: "wizardCommit",
            b.FinishButton: "wizardFinish",
            b.CancelButton: "wizardCancel",
        }

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate live."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        """Window title and QWizard's own buttons (Qt ships no Bokmål for them)."""
        self.setWindowTitle(
            self.tr("Set up Tripletex Desktop")
            if self.ctx.draft.connection_id is None
            else self.tr("Edit connection")
        )
        b = QWizard.WizardButton
        texts = {
            b.BackButton: (self.tr("< &Back"), self.tr("Back")),
            b.NextButton: (self.tr("&Next >"), self.tr("Next")),
            b.CommitButton: (self.tr("Co&mmit"), self.tr("Commit")),
            b.FinishButton: (self.tr("&Finish"), self.tr("Finish")),
            b.CancelButton: (self.tr("Cancel"), self.tr("Cancel")),
        }
        for which, (text, accessible) in texts.items():
            self.setButtonText(which, text)
            self.button(which).setAccessibleName(accessible)


def _demo_tokens(backend: WizardBackend) -> tuple[str, ...]:
    tokens = getattr(backend, "demo_tokens", None)
    if callable(tokens):
        return tuple(tokens())
    return ("demo-all", "demo-limited", "demo-enk", "demo-accountant", "demo-expired", "test-demo")


def _install_translators(code: str) -> None:
    """Switch the running application's language (the wizard's default when the window does not)."""
    install_translators(QApplication.instance(), code)
