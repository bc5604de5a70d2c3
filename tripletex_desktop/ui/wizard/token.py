"""Page 3, Employee token: how to create it in Tripletex, the masked field, and Connect (in the background)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tripletex_desktop import TRIPLETEX_APPLICATION_NAME
from tripletex_desktop.core.api.target import clean_token
from tripletex_desktop.core.errors import (
    AuthenticationFailed,
    ConfigurationError,
    TestTokenOnProduction,
    WrongEnvironment,
)
from tripletex_desktop.core.models import Environment
from tripletex_desktop.services.wizard import ConnectOutcome, check_token_shape
from tripletex_desktop.ui.formatting import QT_DATE_FORMAT
from tripletex_desktop.ui.links import open_in_browser, tripletex_web
from tripletex_desktop.ui.messages import keyring_advice
from tripletex_desktop.ui.widgets.token_guide import TokenGuide
from tripletex_desktop.ui.wizard.base import BasePage, CheckPanel, WizardContext, rich_text_panel


class TokenPage(BasePage):
    """Collect the employee token and check it with Connect; Next stays disabled until that succeeded."""

    def __init__(self, ctx: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("tokenPage")
        self._handle = None
        self._clock_skew: int | None = None  # Tripletex's date minus this PC's, from the last connect
        self._advance_after_connect = False  # Next connected first: go on when it succeeds

        # the demo's users (demo), or below the token field the steps and boxes in Tripletex (TokenGuide)
        self.instructions, scroll = rich_text_panel(self, "tokenInstructions")
        self.instructions_scroll = scroll
        self.guide = TokenGuide(self, open_url=open_in_browser)
        self.guide.accountant.toggled.connect(lambda _on: self.retranslateUi())
        self.guide.copy_app.hide()  # the page has its own, next to the application name
        self.open_tripletex = QPushButton(self)
        self.open_tripletex.setObjectName("tokenOpenTripletex")
        self.open_tripletex.clicked.connect(
            lambda: open_in_browser(tripletex_web(self.ctx.draft.environment))
        )
        self.clipboard_offer = QWidget(self)
        self.clipboard_offer.setObjectName("tokenClipboardOffer")
        self.clipboard_text = QLabel(self.clipboard_offer)
        self.clipboard_text.setWordWrap(True)
        self.clipboard_paste = QPushButton(self.clipboard_offer)
        self.clipboard_paste.setObjectName("tokenClipboardPaste")
        self.clipboard_paste.clicked.connect(self._paste)
        offer = QHBoxLayout(self.clipboard_offer)
        offer.setContentsMargins(0, 0, 0, 0)
        offer.addWidget(self.clipboard_text, 1)
        offer.addWidget(self.clipboard_paste)
        self.clipboard_offer.setVisible(False)
        self.keyring_note = QLabel(self)
        self.keyring_note.setObjectName("tokenKeyringNote")
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setStyleSheet("color: #8a4b00;")
        self.keyring_note.setVisible(False)

        # right: the inputs
        self.app_name_label = QLabel(self)
        self.app_name = QLineEdit(TRIPLETEX_APPLICATION_NAME, self)
        self.app_name.setObjectName("tokenApplicationName")
        self.app_name.setReadOnly(True)
        self.app_name_label.setBuddy(self.app_name)
        self.copy_app_name = QPushButton(self)
        self.copy_app_name.setObjectName("tokenCopyApplicationName")
        self.copy_app_name.clicked.connect(
            lambda: QGuiApplication.clipboard().setText(TRIPLETEX_APPLICATION_NAME)
        )

        self.token_label = QLabel(self)
        self.token = QLineEdit(self)
        self.token.setObjectName("tokenField")
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setClearButtonEnabled(True)
        # Enter is Next (the default button), which connects first: the same key everywhere
        self.show_token = QToolButton(self)
        self.show_token.setObjectName("tokenShow")
        self.show_token.setCheckable(True)
        self.show_token.toggled.connect(self._toggle_show)
        self.paste = QPushButton(self)
        self.paste.setObjectName("tokenPaste")
        self.paste.clicked.connect(self._paste)
        token_row = QWidget(self)
        row = QHBoxLayout(token_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.token, 1)
        row.addWidget(self.show_token)
        row.addWidget(self.paste)

        self.demo_token = QComboBox(self)
        self.demo_token.setObjectName("tokenDemoChoice")
        self.demo_token.addItems(list(ctx.demo_tokens))
        if "demo-all" in ctx.demo_tokens:
            self.demo_token.setCurrentText("demo-all")

        self.stack = QStackedWidget(self)
        self.stack.setObjectName("tokenInputStack")
        self.stack.addWidget(token_row)
        self.stack.addWidget(self.demo_token)
        self.token_label.setBuddy(self.token)

        self.keep_token = QCheckBox(self)
        self.keep_token.setObjectName("tokenKeepCurrent")
        self.keep_token.setVisible(ctx.draft.has_stored_token)
        self.keep_token.setChecked(ctx.draft.has_stored_token)

        self.warning = QLabel(self)
        self.warning.setObjectName("tokenWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b00020;")

        self.expires = QCheckBox(self)
        self.expires.setObjectName("tokenExpires")
        self.expires_on = QDateEdit(self)
        self.expires_on.setObjectName("tokenExpiresOn")
        self.expires_on.setCalendarPopup(True)
        self.expires_on.setDisplayFormat(QT_DATE_FORMAT)
        self.expires_on.setDate(QDate.currentDate().addYears(1))
        self.expires_on.setEnabled(False)
        self.expires.toggled.connect(self.expires_on.setEnabled)
        if ctx.draft.token_expires_on:
            self.expires.setChecked(True)
            d = ctx.draft.token_expires_on
            self.expires_on.setDate(QDate(d.year, d.month, d.day))
        expires_row = QHBoxLayout()
        expires_row.addWidget(self.expires)
        expires_row.addWidget(self.expires_on)
        expires_row.addStretch(1)

        self.connect_button = QPushButton(self)
        self.connect_button.setObjectName("tokenConnect")
        self.connect_button.setAutoDefault(True)
        self.connect_button.clicked.connect(self.connect_now)
        self.panel = CheckPanel("token", self)
        self.panel.cancelRequested.connect(self._input_changed)
        self.result = QLabel(self)
        self.result.setObjectName("tokenResult")
        self.result.setWordWrap(True)

        app_row = QHBoxLayout()
        app_row.addWidget(self.app_name, 1)
        app_row.addWidget(self.copy_app_name)
        app_row.addWidget(self.open_tripletex)
        # The token field runs the full width; the steps and the boxes to tick follow below it.
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.addRow(self.token_label, self.stack)
        form.addRow("", self.keep_token)
        form.addRow(self.app_name_label, app_row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.clipboard_offer)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(self.keyring_note)
        connect_row = QHBoxLayout()
        connect_row.addWidget(self.connect_button)
        connect_row.addLayout(expires_row)
        connect_row.addStretch(1)
        layout.addLayout(connect_row)
        layout.addWidget(self.panel)
        layout.addWidget(self.result)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.guide, 1)

        self.token.textChanged.connect(self._input_changed)
        self.keep_token.toggled.connect(self._input_changed)
        self.demo_token.currentTextChanged.connect(self._input_changed)
        self.retranslateUi()

    # --- input -------------------------------------------------------------------------------

    def is_demo(self) -> bool:
        """True when the draft points at the built-in simulator."""
        return self.ctx.draft.environment is Environment.DEMO

    def current_token(self) -> str | None:
        """The cleaned token; None means "keep the stored token"."""
        if self.is_demo():
            return self.demo_token.currentText()
        text = clean_token(self.token.text())
        if not text and self.keep_token.isVisible() and self.keep_token.isChecked():
            return None
        return text

    def _signature(self) -> tuple[object, ...]:
        d = self.ctx.draft
        return (d.environment, d.base_url, d.consumer_token, self.current_token())

    def initializePage(self) -> None:
        """Show the demo combo or the token field for the chosen environment."""
        self.stack.setCurrentIndex(1 if self.is_demo() else 0)
        self.token_label.setBuddy(self.demo_token if self.is_demo() else self.token)
        self.keep_token.setVisible(self.ctx.draft.has_stored_token and not self.is_demo())
        demo = self.is_demo()
        for w in (
            self.app_name_label,
            self.app_name,
            self.copy_app_name,
            self.open_tripletex,
            self.expires,
            self.expires_on,
            self.guide,
        ):
            w.setVisible(not demo)
        self.instructions_scroll.setVisible(demo)
        self._offer_clipboard()
        self._check_keyring()
        self.retranslateUi()
        self._input_changed()

    def _offer_clipboard(self) -> None:
        """A token-like text on the clipboard (copied in Tripletex a moment ago) is offered for pasting."""
        text = clean_token(QGuiApplication.clipboard().text() or "")
        looks_like_token = 20 <= len(text) <= 400 and " " not in text
        self.clipboard_offer.setVisible(not self.is_demo() and looks_like_token and not self.token.text())

    def _check_keyring(self) -> None:
        """Whether the token can be stored securely, asked now (in the background), not at Finish."""
        check = getattr(self.ctx.backend, "keyring_problem", None)
        if self.is_demo() or not callable(check) or self.ctx.keyring_problem is not None:
            self._show_keyring_note()
            return

        def done(problem: str | None) -> None:
            self.ctx.keyring_problem = problem or ""
            self._show_keyring_note()

        self.ctx.run(lambda cancel: check(), done, lambda exc: None, parent=self)

    def _show_keyring_note(self) -> None:
        problem = self.ctx.keyring_problem
        self.keyring_note.setVisible(bool(problem) and not self.is_demo())
        if problem:
            self.keyring_note.setText(
                self.tr(
                    "No secure password store was found on this computer, so the token can only be kept for "
                    "this run of the app (you paste it again next time). %1"
                ).replace("%1", keyring_advice(problem))
            )

    def _toggle_show(self, on: bool) -> None:
        self.token.setEchoMode(QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password)

    def _paste(self) -> None:
        """Paste and connect at once (connecting happens on paste, or on Next)."""
        self.token.setText(clean_token(QGuiApplication.clipboard().text()))
        self.clipboard_offer.setVisible(False)
        self.token.setFocus()
        self.connect_now()

    def _shape_problem(self) -> ConfigurationError | None:
        token = self.current_token()
        if token is None:
            return None
        try:
            check_token_shape(token, self.ctx.draft.environment)
        except ConfigurationError as exc:
            return exc
        return None

    def _input_changed(self) -> None:
        problem = self._shape_problem()
        if isinstance(problem, TestTokenOnProduction):
            self.warning.setText(
                self.tr(
                    "This token starts with \u201ctest-\u201d, so it belongs to Tripletex's test environment, "
                    "but Production is selected. Go back and choose Test, or use a production token."
                )
            )
            self.warning.setVisible(True)
        else:
            self.warning.setVisible(False)
        token = self.current_token()
        self.connect_button.setEnabled(
            not self.panel.busy
            and (token is None or bool(token))
            and not isinstance(problem, TestTokenOnProduction)
        )
        if self.ctx.connected_with is not None and self.ctx.connected_with != self._signature():
            self.ctx.connected_with = None
            self.result.clear()
        self.completeChanged.emit()

    # --- connect -----------------------------------------------------------------------------

    def connect_now(self) -> None:
        """Check the token in the background; Cancel returns at once."""
        if self.panel.busy or not self.connect_button.isEnabled():
            return
        problem = self._shape_problem()
        if problem is not None:
            self.panel.show_error(problem)
            return
        draft = self.ctx.draft
        draft.employee_token = self.current_token()
        if self.expires.isChecked() and not self.is_demo():
            day = self.expires_on.date()
            draft.token_expires_on = dt.date(day.year(), day.month(), day.day())
        else:
            draft.token_expires_on = None
        snapshot = dataclasses.replace(draft)
        signature = self._signature()
        backend = self.ctx.backend
        self.result.clear()
        self.connect_button.setEnabled(False)
        handle = self.ctx.run(
            lambda cancel: backend.connect(snapshot, cancel),
            lambda outcome: self._connected(outcome, signature),
            self._failed,
            parent=self,
        )
        self.panel.start(handle, self.tr("Connecting to Tripletex\u2026"))
        self.completeChanged.emit()  # Next waits while the check runs

    def _connected(self, outcome: ConnectOutcome, signature: tuple[object, ...]) -> None:
        draft = self.ctx.draft
        previous = set(draft.selected_company_ids)
        draft.who = outcome.who
        draft.is_accountant = outcome.is_accountant
        draft.companies = outcome.companies
        ids = [c.id for c in outcome.companies]
        if outcome.is_accountant:
            draft.selected_company_ids = [i for i in ids if i in previous]
        else:
            draft.selected_company_ids = ids[:1]
        self.ctx.permissions.clear()
        self.ctx.setups.clear()
        self.ctx.connected_with = signature
        self._clock_skew = outcome.clock_skew_days
        self.panel.finish()
        self.result.setText(self._result_text())
        self.connect_button.setEnabled(True)
        self.completeChanged.emit()
        if self._advance_after_connect:
            self._advance_after_connect = False
            wizard = self.wizard()
            if wizard is not None and wizard.currentPage() is self:
                wizard.next()

    def _result_text(self) -> str:
        draft = self.ctx.draft
        if draft.who is None or self.ctx.connected_with is None:
            return ""
        if draft.is_accountant:
            text = (
                self.tr(
                    "Connected as %1 (%2). The token reaches %n client companies.", "", len(draft.companies)
                )
                .replace("%1", draft.who.employee_name)
                .replace("%2", draft.who.company_name)
            )
        else:
            text = (
                self.tr("Connected as %1, %2.")
                .replace("%1", draft.who.employee_name)
                .replace("%2", draft.who.company_name)
            )
        skew = self._clock_skew
        if skew:
            text += "\n\n" + self.tr(
                "This computer's date is %n day(s) off Tripletex's. The app used Tripletex's date, but "
                "please set the computer's date and time right (reports and sync times use it).",
                "",
                abs(skew),
            )
        return text

    def _failed(self, exc: BaseException) -> None:
        self._advance_after_connect = False
        # a demo user whose token fails does so on purpose, and there is no token to paste: the fix is another one
        on_purpose = self.is_demo() and isinstance(exc, AuthenticationFailed | WrongEnvironment)
        demo_fix = self.tr(
            "This demo user shows this case on purpose. Choose another one above, such as demo-all."
        )
        self.panel.show_error(exc, fix=demo_fix if on_purpose else None)
        self.connect_button.setEnabled(True)
        self.completeChanged.emit()

    def cancel_check(self) -> None:
        """Cancel a running connect (the wizard calls this on Cancel)."""
        if self.panel.busy:
            self.panel.cancel()
        self._input_changed()

    def connected(self) -> bool:
        """True after a successful connect with exactly the current input."""
        return self.ctx.connected_with is not None and self.ctx.connected_with == self._signature()

    def isComplete(self) -> bool:
        """Next is on once a token is entered (Next connects first), and never while a check runs."""
        if self.connected():
            return True
        token = self.current_token()
        has_input = token is None or bool(token)
        return has_input and not self.panel.busy and self._shape_problem() is None

    def validatePage(self) -> bool:
        """Next: go on when connected with this input; otherwise connect now and go on when it succeeds."""
        if self.connected():
            return True
        self._advance_after_connect = True
        self.connect_now()
        return False

    def retranslateUi(self) -> None:
        """Texts of the page."""
        self.setTitle(self.tr("Employee token"))
        if self.is_demo():
            self.setSubTitle(self.tr("Pick a demo user. Each one shows a different situation."))
            self.instructions.setText(
                self.tr(
                    "<p>The demo runs a simulated Tripletex on this computer.</p>"
                    "<ul><li><b>demo-all</b>: every permission granted</li>"
                    "<li><b>demo-limited</b>: some permissions missing</li>"
                    "<li><b>demo-enk</b>: a sole proprietorship with one employee</li>"
                    "<li><b>demo-accountant</b>: an accounting office with three clients</li>"
                    "<li><b>demo-expired</b>: an expired token</li>"
                    "<li><b>demo-noproject</b>: a company without the project module</li>"
                    "<li><b>test-demo</b>: a token from the wrong environment</li></ul>"
                )
            )
        elif self.guide.accountant.isChecked():
            self.setSubTitle(
                self.tr(
                    "Create the accounting office's token (Regnskapskontorets brukernøkkel) and paste it."
                )
            )
        else:
            self.setSubTitle(self.tr("Create a token in Tripletex as shown below, and paste it here."))
        self.open_tripletex.setText(self.tr("&Open API access in Tripletex"))
        self.open_tripletex.setAccessibleName(self.tr("Open Tripletex in the browser to create the token"))
        self.clipboard_text.setText(self.tr("There is a token on the clipboard (copied from Tripletex?)."))
        self.clipboard_paste.setText(self.tr("Paste &it and connect"))
        self.clipboard_paste.setAccessibleName(self.tr("Paste the token from the clipboard and connect"))
        self.guide.retranslate()
        self.app_name_label.setText(self.tr("A&pplication:"))
        self.app_name.setAccessibleName(self.tr("Application name to pick in Tripletex"))
        self.copy_app_name.setText(self.tr("Copy na&me"))
        self.copy_app_name.setAccessibleName(self.tr("Copy application name"))
        self.token_label.setText(self.tr("Employee &token:"))
        self.token.setAccessibleName(self.tr("Employee token"))
        self.token.setPlaceholderText(
            self.tr("Keeping the stored token; paste a new one to replace it")
            if self.ctx.draft.has_stored_token
            else self.tr("Paste the token from Tripletex")
        )
        self.demo_token.setAccessibleName(self.tr("Demo user"))
        self.show_token.setText(self.tr("&Show"))
        self.show_token.setAccessibleName(self.tr("Show token"))
        self.paste.setText(self.tr("P&aste"))
        self.paste.setAccessibleName(self.tr("Paste token"))
        self.keep_token.setText(self.tr("&Keep the current token"))
        self.keep_token.setAccessibleName(self.tr("Keep the current token"))
        self.expires.setText(self.tr("The token &expires on"))
        self.expires.setAccessibleName(self.tr("The token expires"))
        self.expires_on.setAccessibleName(self.tr("Expiry date"))
        self.connect_button.setText(self.tr("&Connect"))
        self.connect_button.setAccessibleName(self.tr("Connect"))
        self.result.setText(self._result_text())
        if self.warning.isVisibleTo(self):
            self._input_changed()
