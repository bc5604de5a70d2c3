"""Shared pieces of the wizard pages: the context they share, the base page and the check panel."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from tripletex_desktop.core.errors import ErrorInfo
from tripletex_desktop.services.wizard import CompanyPermissions, CompanySetupView, WizardBackend, WizardDraft
from tripletex_desktop.ui.messages import Message, message_for
from tripletex_desktop.workers.tasks import CancelToken, FailureFn, TaskHandle, TaskRunner, run_task

T = TypeVar("T")


@dataclass
class WizardContext:
    """State shared by the pages: the draft, the backend, the runner and what the checks found."""

    draft: WizardDraft
    backend: WizardBackend
    runner: TaskRunner | None = None
    demo_available: bool = False
    demo_tokens: tuple[str, ...] = ()
    permissions: dict[int, CompanyPermissions] = field(default_factory=dict)
    setups: dict[int, CompanySetupView] = field(default_factory=dict)
    #: the input a successful connect was made with; any change invalidates the connection
    connected_with: tuple[object, ...] | None = None
    start_at_token_page: bool = False
    #: why the token cannot be stored securely ("" once checked and fine, None before the token page asked)
    keyring_problem: str | None = None

    def run(
        self,
        fn: Callable[[CancelToken], T],
        on_success: Callable[[T], None],
        on_failure: FailureFn,
        parent: QWidget | None = None,
    ) -> TaskHandle:
        """run_task with this wizard's runner."""
        return run_task(fn, on_success, on_failure, parent=parent, runner=self.runner)


def rich_text_panel(parent: QWidget, object_name: str) -> tuple[QLabel, QScrollArea]:
    """A selectable, word-wrapped rich-text label in a frameless scroll area (instructions, summaries)."""
    label = QLabel(parent)
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    scroll = QScrollArea(parent)
    scroll.setObjectName(f"{object_name}Scroll")
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setWidget(label)
    return label, scroll


class BasePage(QWizardPage):
    """A wizard page that retranslates itself on LanguageChange."""

    def __init__(self, ctx: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate live when the language switches."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        """Set every visible text; called once at construction and on every language switch."""


class CheckPanel(QWidget):
    """A busy bar with a status text and Cancel, and below it the last error with its fix and requestId."""

    cancelRequested = Signal()

    def __init__(self, name: str, parent: QWidget | None = None, *, cancellable: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}CheckPanel")
        self._cancellable = cancellable
        self._handle: TaskHandle | None = None
        self._busy_text = ""
        self._message: Message | None = None
        self._info: ErrorInfo | None = None

        self.progress = QProgressBar(self)
        self.progress.setObjectName(f"{name}Progress")
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(12)
        self.status = QLabel(self)
        self.status.setObjectName(f"{name}Status")
        self.status.setWordWrap(True)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName(f"{name}CancelCheck")
        self.cancel_button.clicked.connect(self.cancel)

        self.error_title = QLabel(self)
        self.error_title.setObjectName(f"{name}ErrorTitle")
        self.error_title.setWordWrap(True)
        self.error_title.setStyleSheet("font-weight: bold;")
        self.error_text = QLabel(self)
        self.error_text.setObjectName(f"{name}ErrorText")
        self.error_text.setWordWrap(True)
        self.error_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.request_id = QLineEdit(self)
        self.request_id.setObjectName(f"{name}RequestId")
        self.request_id.setReadOnly(True)
        self.copy_request_id = QPushButton(self)
        self.copy_request_id.setObjectName(f"{name}CopyRequestId")
        self.copy_request_id.clicked.connect(self._copy_request_id)
        self.request_id_label = QLabel(self)
        self.request_id_label.setBuddy(self.request_id)

        busy_row = QHBoxLayout()
        busy_row.addWidget(self.progress, 1)
        busy_row.addWidget(self.cancel_button)
        rid_row = QHBoxLayout()
        rid_row.addWidget(self.request_id_label)
        rid_row.addWidget(self.request_id, 1)
        rid_row.addWidget(self.copy_request_id)
        self._rid_widgets = (self.request_id_label, self.request_id, self.copy_request_id)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(busy_row)
        layout.addWidget(self.status)
        layout.addWidget(self.error_title)
        layout.addWidget(self.error_text)
        layout.addLayout(rid_row)
        self._show_busy(False)
        self.clear_error()
        self.retranslateUi()

    # --- state -----------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """True while a check runs."""
        return self._handle is not None and not self._handle.done

    def start(self, handle: TaskHandle, busy_text: str) -> None:
        """Show the busy state for handle (unless it already finished, as with the synchronous runner)."""
        self._handle = handle
        self._busy_text = busy_text
        if not handle.done:
            self.clear_error()
            self.status.setText(busy_text)
            self._show_busy(True)

    def finish(self, text: str = "") -> None:
        """Leave the busy state, showing `text` as the outcome."""
        self._show_busy(False)
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def cancel(self) -> None:
        """Cancel the running check at once; its late result is ignored."""
        if self._handle is not None and not self._handle.done:
            self._handle.cancel()
        self._handle = None
        self.finish(QCoreApplication.translate("CheckPanel", "Cancelled."))
        self.cancelRequested.emit()

    def show_error(
        self, error: BaseException | ErrorInfo, extra: str = "", *, fix: str | None = None
    ) -> Message:
        """Show the translated error with its fix (`fix` instead of the usual one, where the page knows better);
        the requestId is selectable and copyable."""
        self._show_busy(False)
        self.status.setVisible(False)
        self._info = error if isinstance(error, ErrorInfo) else ErrorInfo.from_exception(error)
        msg = message_for(error)
        self._message = msg
        self.error_title.setText(msg.title)
        text = "\n\n".join(p for p in (msg.text, msg.fix if fix is None else fix, extra) if p)
        self.error_text.setText(text)
        self.error_title.setVisible(True)
        self.error_text.setVisible(True)
        self.request_id.setText(msg.request_id or "")
        self.request_id.setCursorPosition(0)  # show the ID from its start when the field is narrow
        for w in self._rid_widgets:
            w.setVisible(bool(msg.request_id))
        return msg

    def clear_error(self) -> None:
        """Hide the error area."""
        self._message = None
        self._info = None
        for w in (self.error_title, self.error_text, *self._rid_widgets):
            w.setVisible(False)

    @property
    def error_code(self) -> str | None:
        """The code of the error on display, if any."""
        return self._message.code if self._message else None

    def _show_busy(self, on: bool) -> None:
        self.progress.setVisible(on)
        self.cancel_button.setVisible(on and self._cancellable)
        if on:
            self.status.setVisible(True)

    def _copy_request_id(self) -> None:
        QGuiApplication.clipboard().setText(self.request_id.text())

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate live."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        """Texts of the panel (and the error on display, re-rendered in the new language)."""
        self.cancel_button.setText(QCoreApplication.translate("CheckPanel", "Cancel c&heck"))
        self.cancel_button.setAccessibleName(QCoreApplication.translate("CheckPanel", "Cancel check"))
        self.progress.setAccessibleName(QCoreApplication.translate("CheckPanel", "Check in progress"))
        self.request_id_label.setText(QCoreApplication.translate("CheckPanel", "Request ID:"))
        self.request_id.setAccessibleName(QCoreApplication.translate("CheckPanel", "Request ID"))
        self.copy_request_id.setText(QCoreApplication.translate("CheckPanel", "Cop&y"))
        self.copy_request_id.setAccessibleName(QCoreApplication.translate("CheckPanel", "Copy request ID"))
        if self._info is not None and self.error_title.isVisibleTo(self):
            self.show_error(self._info)
