"""ErrorPanel: one error in plain words, what to do about it, a copyable requestId and a button for each fix."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tripletex_desktop.core.errors import ErrorInfo
from tripletex_desktop.core.permissions import REQUIRED_PERMISSIONS
from tripletex_desktop.core.sync import TOKEN_ERROR_CODES
from tripletex_desktop.ui.formatting import time_text
from tripletex_desktop.ui.messages import MAIN_WINDOW_ACTIONS, action_text, message_for

#: Which box in Tripletex's token access dialog (its own Norwegian labels, see docs/permissions.md)
#: unlocks each list when it answers 403.
PERMISSION_BOX: dict[str, tuple[str, str]] = {
    "employees": ("Selskap", "Lesetilgang til ansattinformasjon"),
    "departments": ("Selskap", "Full tilgang til selskapsinformasjon"),
    "projects": ("Prosjekt", "Prosjektinformasjon"),
    "travel_settings": ("Reiseregning", "Reiseregningsinnstillinger"),
    "cost_categories": ("Reiseregning", "Å registrere reiseregninger og ansattutlegg"),
    "payment_types": ("Reiseregning", "Å registrere reiseregninger og ansattutlegg"),
    "rate_categories": ("Reiseregning", "Å registrere reiseregninger og ansattutlegg"),
    "rates": ("Reiseregning", "Å registrere reiseregninger og ansattutlegg"),
    "zones": ("Reiseregning", "Å registrere reiseregninger og ansattutlegg"),
}
# The permission check during a sync names missing permissions by their key in core.permissions.
PERMISSION_BOX.update({p.key: (p.group, p.tripletex_label_nb) for p in REQUIRED_PERMISSIONS})

_RETRYABLE = frozenset({"server_error", "network", "timeout", "tls", "proxy"})
#: At most this many buttons: the first is the default fix.
MAX_ACTIONS = 3


def _when(moment: dt.datetime) -> str:
    return time_text(moment)


class ErrorPanel(QFrame):
    """Hidden until `show_error`; one button per action the message recommends (ui.messages.ERROR_ACTIONS) that
    this screen can carry out (`supported`). A click emits actionRequested(key); replacing the token and retrying
    also emit their own signals."""

    replaceTokenRequested = Signal()  # noqa: N815 - Qt naming
    retryRequested = Signal()  # noqa: N815 - Qt naming
    actionRequested = Signal(str)  # noqa: N815 - Qt naming
    #: the token pasted into the panel's own field (action "paste_token"): check and store it
    tokenPasted = Signal(str)  # noqa: N815 - Qt naming

    def __init__(
        self, parent: QWidget | None = None, *, supported: frozenset[str] = MAIN_WINDOW_ACTIONS
    ) -> None:
        super().__init__(parent)
        self._supported = supported
        self.setObjectName("errorPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(self)
        self.title.setObjectName("errorTitle")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.text = QLabel(self)
        self.text.setObjectName("errorText")
        self.text.setWordWrap(True)
        self.fix = QLabel(self)
        self.fix.setObjectName("errorFix")
        self.fix.setWordWrap(True)
        self.request_id = QLineEdit(self)
        self.request_id.setObjectName("errorRequestId")
        self.request_id.setReadOnly(True)
        self.copy_button = QPushButton(self)
        self.copy_button.setObjectName("copyRequestIdButton")
        self.copy_button.clicked.connect(self.copy_request_id)
        self.action_buttons = [QPushButton(self) for _ in range(MAX_ACTIONS)]
        for n, button in enumerate(self.action_buttons):
            button.setObjectName("errorActionButton" if n == 0 else f"errorActionButton{n + 1}")
            button.clicked.connect(lambda _checked=False, i=n: self._on_action(i))
        self.action_button = self.action_buttons[0]
        # paste_token: the fix on the same screen, a token field right in the panel
        self.paste_row = QWidget(self)
        self.paste_row.setObjectName("errorPasteRow")
        self.token_label = QLabel(self.paste_row)
        self.token_edit = QLineEdit(self.paste_row)
        self.token_edit.setObjectName("errorTokenEdit")
        self.token_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.token_edit.setClearButtonEnabled(True)
        self.token_label.setBuddy(self.token_edit)
        self.paste_button = QPushButton(self.paste_row)
        self.paste_button.setObjectName("errorPasteToken")
        self.save_token_button = QPushButton(self.paste_row)
        self.save_token_button.setObjectName("errorSaveToken")
        self.paste_status = QLabel(self)
        self.paste_status.setObjectName("errorPasteStatus")
        self.paste_status.setWordWrap(True)
        paste_layout = QHBoxLayout(self.paste_row)
        paste_layout.setContentsMargins(0, 0, 0, 0)
        paste_layout.addWidget(self.token_label)
        paste_layout.addWidget(self.token_edit, 1)
        paste_layout.addWidget(self.paste_button)
        paste_layout.addWidget(self.save_token_button)
        self.paste_button.clicked.connect(self._paste_from_clipboard)
        self.save_token_button.clicked.connect(self._submit_token)
        self.token_edit.returnPressed.connect(self._submit_token)
        self.token_edit.textChanged.connect(lambda t: self.save_token_button.setEnabled(bool(t.strip())))
        self.paste_row.setVisible(False)
        self.paste_status.setVisible(False)
        self._request_label = QLabel(self)
        self._request_label.setBuddy(self.request_id)

        rid_row = QHBoxLayout()
        rid_row.addWidget(self._request_label)
        rid_row.addWidget(self.request_id, 1)
        rid_row.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addWidget(self.fix)
        layout.addLayout(rid_row)
        layout.addWidget(self.paste_row)
        layout.addWidget(self.paste_status)
        actions_row = QHBoxLayout()
        for button in self.action_buttons:
            actions_row.addWidget(button)
        actions_row.addStretch(1)
        layout.addLayout(actions_row)
        self._actions: list[str] = []
        self._error: ErrorInfo | None = None
        self.retranslate()
        self.setVisible(False)

    def retranslate(self) -> None:
        """Set every fixed text (also after a language switch)."""
        self._request_label.setText(self.tr("Request &ID:"))
        self.copy_button.setText(self.tr("&Copy"))
        self.copy_button.setAccessibleName(self.tr("Copy request ID"))
        self.request_id.setAccessibleName(self.tr("Request ID for Tripletex support"))
        self.token_label.setText(self.tr("New &token:"))
        self.token_edit.setPlaceholderText(self.tr("Paste the employee token from Tripletex"))
        self.token_edit.setAccessibleName(self.tr("New employee token"))
        self.paste_button.setText(self.tr("&Paste"))
        self.paste_button.setAccessibleName(self.tr("Paste the token from the clipboard"))
        self.save_token_button.setText(self.tr("Check and &save"))
        self.save_token_button.setAccessibleName(self.tr("Check the token with Tripletex and store it"))
        self._show_actions()

    @property
    def action(self) -> str:
        """The first (default) button's action key, or "" when there is no button."""
        return self._actions[0] if self._actions else ""

    @property
    def action_keys(self) -> tuple[str, ...]:
        """Every action key shown, in button order."""
        return tuple(self._actions)

    def clear(self) -> None:
        """Hide the panel."""
        self._error = None
        self._actions = []
        self.setVisible(False)

    def show_error(
        self,
        error: ErrorInfo,
        *,
        missing: Sequence[str] = (),
        retry_at: dt.datetime | None = None,
        can_retry: bool = True,
    ) -> None:
        """Show `error`; `missing` lists entities a 403 blocked; `retry_at` is the next automatic attempt."""
        self._error = error
        msg = message_for(error)
        self.title.setText(msg.title)
        self.text.setText(msg.text)
        hints = [msg.fix] if msg.fix else []
        code = error.code
        if code == "permission_denied" and missing:
            boxes = sorted({PERMISSION_BOX[m] for m in missing if m in PERMISSION_BOX})
            for group, label in boxes:
                hints.append(
                    self.tr(
                        "In Tripletex, open the token's access settings and tick \u201c%1\u201d under %2."
                    )
                    .replace("%1", label)
                    .replace("%2", group)
                )
        elif code == "rate_limited":
            if error.retry_after is not None:
                until = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=error.retry_after)
                hints.append(self.tr("Waiting until %1 before trying again.").replace("%1", _when(until)))
            elif retry_at is not None:
                hints.append(self.tr("Waiting until %1 before trying again.").replace("%1", _when(retry_at)))
        elif code in _RETRYABLE:
            if retry_at is not None:
                hints.append(self.tr("Retrying automatically at %1.").replace("%1", _when(retry_at)))
            else:
                hints.append(self.tr("Use Sync now to try again."))
        self.fix.setText("\n".join(h for h in hints if h))
        self.fix.setVisible(bool(self.fix.text()))
        has_rid = bool(error.request_id)
        self.request_id.setText(error.request_id or "")
        for w in (self.request_id, self.copy_button, self._request_label):
            w.setVisible(has_rid)
        actions = [a for a in msg.actions if a in self._supported]
        if (
            code in TOKEN_ERROR_CODES
            and "replace_token" in self._supported
            and "replace_token" not in actions
        ):
            actions.insert(0, "replace_token")
        if not can_retry and "retry" in actions:
            actions.remove("retry")
        paste = "paste_token" in actions
        if paste:
            actions.remove("paste_token")  # not a button: the field itself
            self.token_edit.clear()
            self.save_token_button.setEnabled(False)
        self.paste_row.setVisible(paste)
        self.paste_status.clear()
        self.paste_status.setVisible(False)
        self._actions = actions[:MAX_ACTIONS]
        self._show_actions()
        self.setVisible(True)

    @property
    def offers_paste(self) -> bool:
        """True while the panel shows its own token field."""
        return not self.paste_row.isHidden()

    def set_paste_busy(self, busy: bool, text: str = "") -> None:
        """While a pasted token is checked the field and buttons wait; `text` says what happens (or why not)."""
        for w in (self.token_edit, self.paste_button):
            w.setEnabled(not busy)
        self.save_token_button.setEnabled(not busy and bool(self.token_edit.text().strip()))
        self.paste_status.setText(text)
        self.paste_status.setVisible(bool(text))

    def _paste_from_clipboard(self) -> None:
        self.token_edit.setText(QGuiApplication.clipboard().text().strip())
        self.token_edit.setFocus()
        self._submit_token()

    def _submit_token(self) -> None:
        token = self.token_edit.text().strip()
        if token and self.save_token_button.isEnabled():
            self.tokenPasted.emit(token)

    def _show_actions(self) -> None:
        for n, button in enumerate(self.action_buttons):
            key = self._actions[n] if n < len(self._actions) else ""
            button.setVisible(bool(key))
            button.setAccessibleName(self.tr("Fix the problem"))
            if key:
                text, accessible = action_text(key)
                button.setText(text)
                button.setAccessibleName(accessible)
                button.setDefault(n == 0)

    def copy_request_id(self) -> None:
        """Put the requestId on the clipboard."""
        if self._error and self._error.request_id:
            QGuiApplication.clipboard().setText(self._error.request_id)

    def _on_action(self, index: int) -> None:
        if index >= len(self._actions):
            return
        key = self._actions[index]
        self.actionRequested.emit(key)
        if key == "replace_token":
            self.replaceTokenRequested.emit()
        elif key == "retry":
            self.retryRequested.emit()
