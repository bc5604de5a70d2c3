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
        self._show_actions()

    @property
    def action(self) -> str:
        """The first (default) button's action key, or "" when there is no button."""
        return self._actions[0] if self._actions else ""

    @property
    def actions(self) -> tuple[str, ...]:
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
        self._actions = actions[:MAX_ACTIONS]
        self._show_actions()
        self.setVisible(True)

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
