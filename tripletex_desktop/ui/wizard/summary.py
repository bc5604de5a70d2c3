"""Page 8, Summary: everything chosen, for review; Finish commits (the wizard runs it in the background)."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from tripletex_desktop.core.models import ClientCompany, Environment
from tripletex_desktop.ui.formatting import date_text
from tripletex_desktop.ui.wizard.base import BasePage, CheckPanel, WizardContext, rich_text_panel
from tripletex_desktop.ui.wizard.sync import interval_name

#: Above this many clients the summary counts them instead of listing each.
MANY_COMPANIES = 8


def environment_name(env: Environment) -> str:
    """Translated name of an environment."""
    return {
        Environment.PRODUCTION: QCoreApplication.translate("SummaryPage", "Production"),
        Environment.TEST: QCoreApplication.translate("SummaryPage", "Test"),
        Environment.DEMO: QCoreApplication.translate("SummaryPage", "Demo (built-in)"),
        Environment.CUSTOM: QCoreApplication.translate("SummaryPage", "Custom address"),
    }[env]


class SummaryPage(BasePage):
    """Review, the connection's name, and the outcome of Finish (errors keep the wizard open)."""

    def __init__(self, ctx: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("summaryPage")
        self.setFinalPage(True)
        self.name_label = QLabel(self)
        self.name = QLineEdit(self)
        self.name.setObjectName("summaryName")
        self.name_label.setBuddy(self.name)
        self.review, scroll = rich_text_panel(self, "summaryReview")
        # saving is local and quick; a half-cancelled commit would leave the user unsure what was saved
        self.panel = CheckPanel("summary", self, cancellable=False)
        self.session_only = QCheckBox(self)
        self.session_only.setObjectName("summarySessionOnly")
        self.session_only.setVisible(False)
        self.session_only.toggled.connect(self._session_only_toggled)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.name_label, self.name)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.panel)
        layout.addWidget(self.session_only)
        self.name.textChanged.connect(self._store_name)
        self.retranslateUi()

    def initializePage(self) -> None:
        """Prefill the name and render the review."""
        draft = self.ctx.draft
        if not draft.name and draft.who is not None:
            if draft.is_accountant:
                draft.name = draft.who.company_name
            else:
                companies = draft.selected_companies
                draft.name = companies[0].name if companies else draft.who.company_name
        self.name.setText(draft.name)
        self.panel.clear_error()
        if self.ctx.keyring_problem and draft.employee_token:
            # known since the token page: offered (and chosen) here, so Finish works the first time
            self.session_only.setVisible(True)
            self.session_only.setChecked(True)
        self.refresh_summary()

    def _store_name(self, text: str) -> None:
        self.ctx.draft.name = text.strip()

    def offer_session_only(self) -> None:
        """Show the explicit "keep the token for this run only" choice (keyring unavailable)."""
        self.session_only.setVisible(True)

    def _session_only_toggled(self, _on: bool) -> None:
        self.completeChanged.emit()
        self.refresh_summary()

    def refresh_summary(self) -> None:
        """The review text."""
        d = self.ctx.draft
        e = html.escape
        rows: list[tuple[str, str]] = [(self.tr("Environment"), e(environment_name(d.environment)))]
        if d.who is not None:
            rows.append((self.tr("Connected as"), e(f"{d.who.employee_name} ({d.who.company_name})")))
        session_only = not self.session_only.isHidden() and self.session_only.isChecked()
        if d.employee_token and session_only:
            token_text = self.tr(
                "A new token, kept for this run only (no secure password store on this computer)"
            )
        elif d.employee_token and self.ctx.keyring_problem:
            token_text = self.tr("A new token; this computer has no secure password store to keep it in")
        elif d.employee_token:
            token_text = self.tr("A new token, stored in the system's password store")
        else:
            token_text = self.tr("The current token is kept")
        if d.token_expires_on:
            token_text += " \u2014 " + self.tr("expires on %1").replace("%1", date_text(d.token_expires_on))
        rows.append((self.tr("Employee token"), e(token_text)))
        company_lines = []
        companies = d.selected_companies
        if len(companies) > MANY_COMPANIES:
            rows.append((self.tr("Companies"), self._many_companies(companies)))
            companies = []
        for c in companies:
            setup = self.ctx.setups.get(c.id)
            m = d.mappings.get(c.id)
            parts = []
            if setup is not None and m is not None:
                names: dict[int | None, str] = {x.id: x.label for x in setup.cost_categories}
                pays: dict[int | None, str] = {x.id: x.label for x in setup.payment_types}
                dash = "\u2014"
                parts = [
                    self.tr("mileage: %1").replace("%1", names.get(m.mileage_cost_category_id, dash)),
                    self.tr("per diem: %1").replace("%1", names.get(m.per_diem_cost_category_id, dash)),
                    self.tr("paid by the employee: %1").replace("%1", pays.get(m.payment_type_id, dash)),
                ]
            org = f" ({c.organization_number})" if c.organization_number else ""
            company_lines.append(f"<b>{e(c.name)}</b>{e(org)}<br>{e('; '.join(parts))}")
        if company_lines:
            rows.append((self.tr("Companies"), "<br>".join(company_lines)))
        what = [self.tr("employees")]
        if d.sync.projects:
            what.append(self.tr("projects"))
        if d.sync.departments:
            what.append(self.tr("departments"))
        rows.append((self.tr("Sync"), e(", ".join(what) + " \u2014 " + interval_name(d.sync.interval))))
        rows.append(
            (
                self.tr("After Finish"),
                e(
                    self.tr("Sync starts at once")
                    if d.sync.sync_on_finish
                    else self.tr("No sync until you start one")
                ),
            )
        )
        body = "".join(
            f"<tr><td style='padding-right:12px' valign='top'><b>{e(k)}</b></td><td>{v}</td></tr>"
            for k, v in rows
        )
        self.review.setText(f"<table>{body}</table>")

    def _many_companies(self, companies: list[ClientCompany]) -> str:
        """An accountant's many clients summarised: how many, and how many share each set of categories."""
        e = html.escape
        groups: dict[tuple[str, str, str], list[str]] = {}
        for c in companies:
            setup = self.ctx.setups.get(c.id)
            m = self.ctx.draft.mappings.get(c.id)
            key = ("", "", "")
            if setup is not None and m is not None:
                names: dict[int | None, str] = {x.id: x.label for x in setup.cost_categories}
                pays: dict[int | None, str] = {x.id: x.label for x in setup.payment_types}
                key = (
                    names.get(m.mileage_cost_category_id, "\u2014"),
                    names.get(m.per_diem_cost_category_id, "\u2014"),
                    pays.get(m.payment_type_id, "\u2014"),
                )
            groups.setdefault(key, []).append(c.name)
        lines = []
        if len(groups) == 1:
            lines.append(self.tr("%n clients, the same categories", "", len(companies)))
        else:
            lines.append(self.tr("%n clients", "", len(companies)))
        for (mileage, per_diem, paid), members in sorted(groups.items(), key=lambda g: -len(g[1])):
            shown = ", ".join(members[:3]) + (" \u2026" if len(members) > 3 else "")
            if mileage or per_diem or paid:
                what = (
                    self.tr("mileage: %1; per diem: %2; paid by the employee: %3")
                    .replace("%1", mileage)
                    .replace("%2", per_diem)
                    .replace("%3", paid)
                )
            else:
                what = self.tr("categories not loaded")
            count = self.tr("%n client(s)", "", len(members))
            lines.append(f"{e(count)}: {e(what)} <i>({e(shown)})</i>")
        return "<br>".join(e(lines[0]) if i == 0 else line for i, line in enumerate(lines))

    def retranslateUi(self) -> None:
        """Texts of the page."""
        self.setTitle(self.tr("Summary"))
        self.setSubTitle(self.tr("Check your choices, then click Finish to save the connection."))
        self.name_label.setText(self.tr("Connection &name:"))
        self.name.setAccessibleName(self.tr("Connection name"))
        self.review.setAccessibleName(self.tr("Summary of your choices"))
        self.session_only.setText(
            self.tr("&Keep the token for this run only (you will paste it again next time you start the app)")
        )
        self.session_only.setAccessibleName(self.tr("Keep the token for this run only"))
        if self.ctx.draft.who is not None or self.review.text():
            self.refresh_summary()
