"""Page 1, Welcome: what the app does, what the user needs, and the language choice."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from tripletex_desktop.ui.i18n import LANGUAGES
from tripletex_desktop.ui.wizard.base import BasePage, WizardContext


class WelcomePage(BasePage):
    """Explains the app and its prerequisites; switching the language retranslates the wizard at once."""

    def __init__(
        self,
        ctx: WizardContext,
        switch_language: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("welcomePage")
        self._switch_language = switch_language
        self.intro = QLabel(self)
        self.intro.setObjectName("welcomeIntro")
        self.intro.setWordWrap(True)
        self.needs = QLabel(self)
        self.needs.setObjectName("welcomeNeeds")
        self.needs.setWordWrap(True)
        self.needs.setTextFormat(Qt.TextFormat.RichText)
        self.language_label = QLabel(self)
        self.language = QComboBox(self)
        self.language.setObjectName("welcomeLanguage")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language_label.setBuddy(self.language)
        self.language.setCurrentIndex(max(0, self.language.findData(ctx.draft.language)))
        self.language.currentIndexChanged.connect(self._language_chosen)

        form = QFormLayout()
        form.addRow(self.language_label, self.language)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.needs)
        layout.addStretch(1)
        layout.addLayout(form)
        self.retranslateUi()

    def _language_chosen(self, index: int) -> None:
        code = self.language.itemData(index)
        if code and code != self.ctx.draft.language:
            self.ctx.draft.language = code
            self._switch_language(code)

    def retranslateUi(self) -> None:
        """Texts of the page."""
        self.setTitle(self.tr("Welcome to Tripletex Desktop"))
        self.setSubTitle(self.tr("Connect your Tripletex account in a few steps."))
        self.intro.setText(
            self.tr(
                "Tripletex Desktop fetches employees, projects and departments from Tripletex and sends "
                "travel expense reports back, with mileage and per diem on the right cost categories."
            )
        )
        self.needs.setText(
            self.tr(
                "<p><b>You need:</b></p><ul>"
                "<li>a Tripletex user with administrator rights, and</li>"
                "<li>the API module switched on. If your profile in Tripletex has no <i>API-tilgang</i> "
                "(API access) tab: open <i>Selskap \u2192 V\u00e5r kundeside \u2192 Moduler og "
                "tilleggstjenester</i> (Company \u2192 Our customer page \u2192 Modules and add-on "
                "services) and tick <i>API 2.0</i>.</li></ul>"
                "<p>Try it first without an account: choose <b>Demo</b> on the next page.</p>"
            )
        )
        self.language_label.setText(self.tr("&Language:"))
        self.language.setAccessibleName(self.tr("Language"))
