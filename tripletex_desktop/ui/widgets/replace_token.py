"""ReplaceTokenDialog: a new employee token for a connection in one short step: paste, check, save."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tripletex_desktop.core.api.target import clean_token
from tripletex_desktop.core.errors import SecretStoreUnavailable
from tripletex_desktop.services.wizard import ConnectOutcome, WizardBackend
from tripletex_desktop.storage.settings import ConnectionSettings
from tripletex_desktop.ui.i18n import current_language
from tripletex_desktop.ui.wizard.base import CheckPanel
from tripletex_desktop.ui.wizard.wizard import draft_from_connection
from tripletex_desktop.workers.tasks import TaskHandle, TaskRunner, run_task


class ReplaceTokenDialog(QDialog):
    """Paste the new token, press Enter: it is checked with Tripletex (it must reach the connection's companies)
    and stored in the keyring; the dialog closes and `tokenReplaced(connection id)` is emitted."""

    tokenReplaced = Signal(str)  # noqa: N815 - Qt naming

    def __init__(
        self,
        backend: WizardBackend,
        connection: ConnectionSettings,
        parent: QWidget | None = None,
        *,
        runner: TaskRunner | None = None,
        show_guide: Callable[[], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("replaceTokenDialog")
        self._backend = backend
        self._connection = connection
        self._runner = runner
        self._handle: TaskHandle | None = None
        self.intro = QLabel(self)
        self.intro.setObjectName("replaceTokenIntro")
        self.intro.setWordWrap(True)
        self.token_label = QLabel(self)
        self.token = QLineEdit(self)
        self.token.setObjectName("replaceTokenField")
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setClearButtonEnabled(True)
        self.token.setMinimumWidth(360)
        self.token_label.setBuddy(self.token)
        self.show_token = QToolButton(self)
        self.show_token.setObjectName("replaceTokenShow")
        self.show_token.setCheckable(True)
        self.show_token.toggled.connect(
            lambda on: self.token.setEchoMode(
                QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
            )
        )
        self.paste = QPushButton(self)
        self.paste.setObjectName("replaceTokenPaste")
        self.paste.clicked.connect(self.paste_and_check)
        self.guide_button = QPushButton(self)
        self.guide_button.setObjectName("replaceTokenGuide")
        self.guide_button.setVisible(show_guide is not None)
        if show_guide is not None:
            self.guide_button.clicked.connect(lambda: show_guide())
        self.panel = CheckPanel("replaceToken", self)
        self.session_only = QCheckBox(self)
        self.session_only.setObjectName("replaceTokenSessionOnly")
        self.session_only.setVisible(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.setObjectName("replaceTokenButtons")
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("replaceTokenSave")
        self.save_button.setDefault(True)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("replaceTokenCancel")
        self.buttons.accepted.connect(self.check_and_save)
        self.buttons.rejected.connect(self.reject)
        self.token.textChanged.connect(self._changed)

        row = QHBoxLayout()
        row.addWidget(self.token_label)
        row.addWidget(self.token, 1)
        row.addWidget(self.show_token)
        row.addWidget(self.paste)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(row)
        layout.addWidget(self.guide_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.panel)
        layout.addWidget(self.session_only)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.retranslate()
        self._changed()

    def retranslate(self) -> None:
        """Every text."""
        self.setWindowTitle(self.tr("Replace token \u2013 %1").replace("%1", self._connection.label))
        self.intro.setText(
            self.tr(
                "Paste the new employee token from Tripletex. It is checked with Tripletex before it replaces "
                "the one stored for this connection."
            )
        )
        self.token_label.setText(self.tr("New &token:"))
        self.token.setPlaceholderText(self.tr("Paste the token from Tripletex"))
        self.token.setAccessibleName(self.tr("New employee token"))
        self.show_token.setText(self.tr("S&how"))
        self.show_token.setAccessibleName(self.tr("Show the token"))
        self.paste.setText(self.tr("&Paste"))
        self.paste.setAccessibleName(self.tr("Paste the token from the clipboard and check it"))
        self.guide_button.setText(self.tr("How to create a &new token\u2026"))
        self.guide_button.setAccessibleName(self.tr("How to create the employee token in Tripletex"))
        self.save_button.setText(self.tr("Check and &save"))
        self.save_button.setAccessibleName(self.tr("Check the token with Tripletex and store it"))
        self.cancel_button.setAccessibleName(self.tr("Cancel"))
        self.session_only.setText(self.tr("&Keep the token for this run only (no secure password store)"))
        self.session_only.setAccessibleName(self.tr("Keep the token for this run only"))

    def _changed(self) -> None:
        self.save_button.setEnabled(bool(clean_token(self.token.text())) and not self.panel.busy)

    def paste_and_check(self) -> None:
        """Paste from the clipboard and check at once (connecting happens on paste)."""
        self.token.setText(clean_token(QGuiApplication.clipboard().text()))
        self.check_and_save()

    def check_and_save(self) -> None:
        """Check the token in the background and store it; the dialog stays open on any error."""
        token = clean_token(self.token.text())
        if not token or self.panel.busy:
            return
        draft = draft_from_connection(self._connection, current_language())
        session_only = self.session_only.isVisible() and self.session_only.isChecked()
        backend = self._backend
        self.save_button.setEnabled(False)
        self._handle = run_task(
            lambda cancel: backend.replace_token(draft, token, cancel, session_only=session_only),
            self._saved,
            self._failed,
            parent=self,
            runner=self._runner,
        )
        self.panel.start(self._handle, self.tr("Checking the token with Tripletex\u2026"))

    def _saved(self, outcome: ConnectOutcome) -> None:
        self.panel.finish(
            self.tr("Stored. Connected as %1 (%2).")
            .replace("%1", outcome.who.employee_name)
            .replace("%2", outcome.who.company_name)
        )
        self.tokenReplaced.emit(self._connection.id)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        extra = ""
        if isinstance(exc, SecretStoreUnavailable):
            self.session_only.setVisible(True)
            extra = self.tr("Or tick the box below and save again: the token is never written to a file.")
        self.panel.show_error(exc, extra)
        self._changed()
        self.token.setFocus()

    def reject(self) -> None:
        """Cancel returns at once (a running check is dropped)."""
        if self.panel.busy:
            self.panel.cancel()
        super().reject()
