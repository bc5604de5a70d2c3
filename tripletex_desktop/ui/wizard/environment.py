"""Page 2, Environment: production, test or the built-in demo; advanced address and consumer token."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tripletex_desktop.core.api.target import clean_token
from tripletex_desktop.core.models import Environment
from tripletex_desktop.ui.wizard.base import BasePage, WizardContext


class EnvironmentPage(BasePage):
    """Choose where the connection points; Advanced stays collapsed unless something is set there."""

    def __init__(self, ctx: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("environmentPage")
        self.production = QRadioButton(self)
        self.production.setObjectName("environmentProduction")
        self.test = QRadioButton(self)
        self.test.setObjectName("environmentTest")
        self.demo = QRadioButton(self)
        self.demo.setObjectName("environmentDemo")
        self.group = QButtonGroup(self)
        self.descriptions: dict[Environment, QLabel] = {}
        layout = QVBoxLayout(self)
        for env, button in self.buttons().items():
            self.group.addButton(button)
            desc = QLabel(self)
            desc.setObjectName(f"environment{env.value.title()}Help")
            desc.setWordWrap(True)
            desc.setIndent(24)
            self.descriptions[env] = desc
            layout.addWidget(button)
            layout.addWidget(desc)
            if env is Environment.PRODUCTION:
                # Said here, not as a late "check the consumer token" after the token was typed.
                self.no_consumer = QLabel(self)
                self.no_consumer.setObjectName("environmentNoConsumerToken")
                self.no_consumer.setWordWrap(True)
                self.no_consumer.setIndent(24)
                self.no_consumer.setStyleSheet("color: #8a4b00;")
                self.no_consumer.setVisible(False)
                layout.addWidget(self.no_consumer)

        self.advanced_toggle = QToolButton(self)
        self.advanced_toggle.setObjectName("environmentAdvancedToggle")
        self.advanced_toggle.setCheckable(True)
        self.advanced_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.advanced_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.advanced_toggle.toggled.connect(self._toggle_advanced)
        self.advanced = QWidget(self)
        self.advanced.setObjectName("environmentAdvanced")
        self.base_url_label = QLabel(self.advanced)
        self.base_url = QLineEdit(self.advanced)
        self.base_url.setObjectName("environmentBaseUrl")
        self.base_url_label.setBuddy(self.base_url)
        self.consumer_label = QLabel(self.advanced)
        self.consumer_token = QLineEdit(self.advanced)
        self.consumer_token.setObjectName("environmentConsumerToken")
        self.consumer_token.setEchoMode(QLineEdit.EchoMode.Password)
        self.consumer_label.setBuddy(self.consumer_token)
        form = QFormLayout(self.advanced)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.base_url_label, self.base_url)
        form.addRow(self.consumer_label, self.consumer_token)
        layout.addSpacing(8)
        layout.addWidget(self.advanced_toggle)
        layout.addWidget(self.advanced)
        layout.addStretch(1)

        draft = ctx.draft
        self.buttons()[
            draft.environment if draft.environment in self.buttons() else Environment.PRODUCTION
        ].setChecked(True)
        self.base_url.setText(draft.base_url or "")
        has_advanced = bool(draft.base_url or draft.consumer_token or draft.has_custom_consumer_token)
        self.advanced_toggle.setChecked(has_advanced)
        self.advanced.setVisible(has_advanced)
        self.group.buttonToggled.connect(lambda *_: self._update_consumer_note())
        self.consumer_token.textChanged.connect(lambda _t: self._update_consumer_note())
        self.retranslateUi()
        self._update_consumer_note()

    def built_in_consumer_token(self) -> bool:
        """Whether this build carries the application's consumer token for production (release builds do)."""
        has = getattr(self.ctx.backend, "has_builtin_consumer_token", None)
        return bool(has(Environment.PRODUCTION)) if callable(has) else True

    def needs_consumer_token(self) -> bool:
        """Production, a build without the app's consumer token, and none entered (or stored) under Advanced."""
        return (
            self.environment() is Environment.PRODUCTION
            and not self.built_in_consumer_token()
            and not self.consumer_token.text().strip()
            and not self.ctx.draft.has_custom_consumer_token
        )

    def _update_consumer_placeholder(self) -> None:
        """What the consumer token field says when empty: never "the built-in one" where this build has none."""
        if self.ctx.draft.has_custom_consumer_token:
            text = self.tr("Stored; type a new one to replace it")
        elif self.environment() is Environment.PRODUCTION and not self.built_in_consumer_token():
            text = self.tr("The application key from Tripletex (this build has none of its own)")
        else:
            text = self.tr("Leave empty to use the built-in one")
        self.consumer_token.setPlaceholderText(text)

    def _update_consumer_note(self) -> None:
        missing = self.needs_consumer_token()
        self.no_consumer.setVisible(missing)
        self._update_consumer_placeholder()
        if missing and not self.advanced_toggle.isChecked():
            self.advanced_toggle.setChecked(True)  # the field that fixes it, right there
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        """Next is held back only when production cannot work with this build and nothing was entered."""
        return not self.needs_consumer_token()

    def buttons(self) -> dict[Environment, QRadioButton]:
        """The radio button of each environment."""
        return {
            Environment.PRODUCTION: self.production,
            Environment.TEST: self.test,
            Environment.DEMO: self.demo,
        }

    def environment(self) -> Environment:
        """The chosen environment."""
        return next(env for env, b in self.buttons().items() if b.isChecked())

    def _toggle_advanced(self, on: bool) -> None:
        self.advanced.setVisible(on)
        self.advanced_toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)

    def validatePage(self) -> bool:
        """Store the choice in the draft (no network)."""
        draft = self.ctx.draft
        draft.environment = self.environment()
        draft.base_url = self.base_url.text().strip() or None
        consumer = clean_token(self.consumer_token.text())
        if consumer:
            draft.consumer_token = consumer
        return True

    def retranslateUi(self) -> None:
        """Texts of the page."""
        self.setTitle(self.tr("Environment"))
        self.setSubTitle(self.tr("Which Tripletex do you want to connect to?"))
        self.production.setText(self.tr("&Production (tripletex.no)"))
        self.production.setAccessibleName(self.tr("Production"))
        self.test.setText(self.tr("&Test (api-test.tripletex.tech)"))
        self.test.setAccessibleName(self.tr("Test"))
        self.demo.setText(self.tr("&Demo (built-in, no account needed)"))
        self.demo.setAccessibleName(self.tr("Demo"))
        self.descriptions[Environment.PRODUCTION].setText(self.tr("Your company's real accounts."))
        self.no_consumer.setText(
            self.tr(
                "This copy of Tripletex Desktop was built without Tripletex's key for the app, so it cannot "
                "connect to your real accounts by itself. Install the official release, or, if your accounting "
                "office has its own application key from Tripletex, enter it below as the consumer token. Demo "
                "and Test work as they are."
            )
        )
        self.descriptions[Environment.TEST].setText(
            self.tr("Tripletex's test environment for developers; its tokens start with \u201ctest-\u201d.")
        )
        self.descriptions[Environment.DEMO].setText(
            self.tr("A simulated Tripletex with sample companies on this computer. Nothing is sent anywhere.")
        )
        self.advanced_toggle.setText(self.tr("&Advanced"))
        self.advanced_toggle.setAccessibleName(self.tr("Show advanced settings"))
        self.base_url_label.setText(self.tr("API add&ress:"))
        self.base_url.setPlaceholderText(self.tr("Leave empty for the standard address"))
        self.base_url.setAccessibleName(self.tr("API address"))
        self.consumer_label.setText(self.tr("C&onsumer token:"))
        self._update_consumer_placeholder()
        self.consumer_token.setAccessibleName(self.tr("Consumer token"))
