"""How to create the employee token in Tripletex, step by step, with the exact boxes to tick (Help menu, and the
setup wizard's token page): Tripletex's own Norwegian labels, a copy button, and Tripletex in the browser."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tripletex_desktop import TRIPLETEX_APPLICATION_NAME
from tripletex_desktop.core.permissions import REQUIRED_PERMISSIONS, Permission
from tripletex_desktop.ui.i18n import current_language
from tripletex_desktop.ui.links import TOKEN_HELP_URL, UrlOpener, open_in_browser

#: The tick an accounting office adds so one token reaches every client (Tripletex's own label).
ACCOUNTANT_BOX_NB = "Regnskapskontorets brukernøkkel"


def boxes(*, projects: bool = True) -> list[tuple[str, list[Permission]]]:
    """The boxes to tick, grouped by Tripletex's sections in the order the dialog shows them."""
    groups: dict[str, list[Permission]] = {}
    for p in REQUIRED_PERMISSIONS:
        if p.needed_for == "projects" and not projects:
            continue
        groups.setdefault(p.group, []).append(p)
    return list(groups.items())


class TokenGuide(QWidget):
    """The steps and the boxes as selectable rich text; `copy_boxes` puts the list on the clipboard."""

    def __init__(self, parent: QWidget | None = None, *, open_url: UrlOpener | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tokenGuide")
        self._open_url = open_url or open_in_browser
        self.accountant = QCheckBox(self)
        self.accountant.setObjectName("tokenGuideAccountant")
        self.accountant.toggled.connect(lambda _on: self.refresh_steps())
        self.text = QLabel(self)
        self.text.setObjectName("tokenGuideText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea(self)
        scroll.setObjectName("tokenGuideScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.text)
        self.copy_button = QPushButton(self)
        self.copy_button.setObjectName("tokenGuideCopy")
        self.copy_button.clicked.connect(self.copy_boxes)
        self.copy_app = QPushButton(self)
        self.copy_app.setObjectName("tokenGuideCopyApp")
        self.copy_app.clicked.connect(lambda: QGuiApplication.clipboard().setText(TRIPLETEX_APPLICATION_NAME))
        self.open_help = QPushButton(self)
        self.open_help.setObjectName("tokenGuideOpenHelp")
        self.open_help.clicked.connect(lambda: self._open_url(TOKEN_HELP_URL))
        row = QHBoxLayout()
        row.addWidget(self.copy_button)
        row.addWidget(self.copy_app)
        row.addWidget(self.open_help)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.accountant)
        layout.addWidget(scroll, 1)
        layout.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text (also after a language switch)."""
        self.accountant.setText(self.tr("I am an acco&unting office and the token is for my clients"))
        self.accountant.setAccessibleName(
            self.tr("The token is an accounting office's token for its clients")
        )
        self.copy_button.setText(self.tr("Copy the &list of boxes"))
        self.copy_button.setAccessibleName(self.tr("Copy the list of boxes to tick"))
        self.copy_app.setText(self.tr("Copy the application &name"))
        self.copy_app.setAccessibleName(self.tr("Copy the application name to pick in Tripletex"))
        self.open_help.setText(self.tr("Tripletex's &guide"))
        self.open_help.setAccessibleName(
            self.tr("Open Tripletex's own guide to employee tokens in the browser")
        )
        self.text.setAccessibleName(self.tr("How to create the employee token"))
        self.refresh_steps()

    def _label(self, p: Permission) -> str:
        """Tripletex's label as its dialog shows it (Norwegian), with the English meaning in an English UI."""
        if current_language() == "nb":
            return p.tripletex_label_nb
        return f"{p.tripletex_label_nb} ({p.tripletex_label_en})"

    def _group(self, name: str, members: list[Permission]) -> str:
        en = members[0].group_en
        return name if current_language() == "nb" else f"{name} ({en})"

    def refresh_steps(self) -> None:
        """The steps and the boxes."""
        e = html.escape
        app = f"<b>{e(TRIPLETEX_APPLICATION_NAME)}</b>"
        steps = [
            self.tr(
                "Log in to Tripletex and open <i>Selskap \u2192 Ansatte</i> (Company \u2192 Employees). Choose "
                "yourself, or the user the app should act as."
            ),
            self.tr(
                "Open the tab <i>API-tilgang</i> (API access) and click <i>Ny n\u00f8kkel</i> (New token). No such "
                "tab? An administrator must first tick <i>API 2.0</i> under <i>Selskap \u2192 V\u00e5r kundeside "
                "\u2192 Moduler og tilleggstjenester</i> (Company \u2192 Our customer page \u2192 Modules and "
                "add-on services), and only user administrators see the tab."
            ),
            self.tr(
                "Choose <i>Tilpasset oppsett</i> (Custom setup) and, as application, %1 exactly."
            ).replace("%1", app),
            self.tr("Choose <i>Bestem selv</i> (Decide yourself) and tick the boxes below."),
        ]
        if self.accountant.isChecked():
            steps.append(
                self.tr("Tick <i>%1</i> as well, so one token reaches every client.").replace(
                    "%1", e(ACCOUNTANT_BOX_NB)
                )
            )
        steps.append(
            self.tr(
                "Give the token a name you will recognise, e.g. \u201cTripletex Desktop on my laptop\u201d, and create "
                "it. Copy it at once: Tripletex shows it only once. Then paste it into Tripletex Desktop."
            )
        )
        body = "<ol>" + "".join(f"<li>{s}</li>" for s in steps) + "</ol>"
        heading = self.tr("The boxes to tick:")
        body += f"<p><b>{e(heading)}</b></p>"
        for name, members in boxes():
            items = []
            for p in members:
                note = ""
                if p.needed_for == "projects":
                    only = self.tr("(only if you sync projects)")
                    note = f" <i>{e(only)}</i>"
                items.append(f"<li>{e(self._label(p))}{note}</li>")
            body += f"<p><u>{e(self._group(name, members))}</u></p><ul>{''.join(items)}</ul>"
        self.text.setText(body)

    def boxes_text(self) -> str:
        """The boxes as plain text (what Copy puts on the clipboard)."""
        lines = []
        for name, members in boxes():
            lines.append(self._group(name, members))
            lines.extend(f"  \u2610 {self._label(p)}" for p in members)
        if self.accountant.isChecked():
            lines.append(f"\u2610 {ACCOUNTANT_BOX_NB}")
        return "\n".join(lines)

    def copy_boxes(self) -> None:
        """Put the list of boxes on the clipboard (to keep next to Tripletex's dialog)."""
        QGuiApplication.clipboard().setText(self.boxes_text())


class TokenGuideDialog(QDialog):
    """Help › How to create the employee token."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        accountant: bool = False,
        open_tripletex: Callable[[], object] | None = None,
        open_url: UrlOpener | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("tokenGuideDialog")
        self.guide = TokenGuide(self, open_url=open_url)
        self.guide.accountant.setChecked(accountant)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.setObjectName("tokenGuideButtons")
        self.open_tripletex = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.open_tripletex.setObjectName("tokenGuideOpenTripletex")
        self.open_tripletex.setVisible(open_tripletex is not None)
        if open_tripletex is not None:
            self.open_tripletex.clicked.connect(lambda: open_tripletex())
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("tokenGuideClose")
        close.setDefault(True)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.guide, 1)
        layout.addWidget(self.buttons)
        self.resize(640, 560)
        self.retranslate()

    def retranslate(self) -> None:
        """Texts of the dialog."""
        self.setWindowTitle(self.tr("How to create the employee token"))
        self.open_tripletex.setText(self.tr("Open &Tripletex"))
        self.open_tripletex.setAccessibleName(self.tr("Open Tripletex in the browser"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(self.tr("Close"))
        self.guide.retranslate()
