"""Page 6, Cost categories: per company, the mileage and per diem categories and the employee payment type."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tripletex_desktop.core.models import CompanyMapping
from tripletex_desktop.services.wizard import CompanySetupView, apply_by_name, mapping_complete
from tripletex_desktop.ui.wizard.base import BasePage, CheckPanel, WizardContext


class CategoriesPage(BasePage):
    """Choose from each company's own ACTIVE categories, prefilled with suggestions."""

    def __init__(self, ctx: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("categoriesPage")
        self._filling = False

        self.company_label = QLabel(self)
        self.company = QComboBox(self)
        self.company.setObjectName("categoriesCompany")
        self.company_label.setBuddy(self.company)
        self.company.currentIndexChanged.connect(self._show_company)

        self.mileage_label = QLabel(self)
        self.mileage = QComboBox(self)
        self.mileage.setObjectName("categoriesMileage")
        self.mileage_label.setBuddy(self.mileage)
        self.per_diem_label = QLabel(self)
        self.per_diem = QComboBox(self)
        self.per_diem.setObjectName("categoriesPerDiem")
        self.per_diem_label.setBuddy(self.per_diem)
        self.payment_label = QLabel(self)
        self.payment = QComboBox(self)
        self.payment.setObjectName("categoriesPaymentType")
        self.payment_label.setBuddy(self.payment)
        self.toll_label = QLabel(self)
        self.toll = QComboBox(self)
        self.toll.setObjectName("categoriesToll")
        self.toll_label.setBuddy(self.toll)
        for combo in (self.mileage, self.per_diem, self.payment, self.toll):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(20)
            combo.currentIndexChanged.connect(self._choice_changed)

        self.warning = QLabel(self)
        self.warning.setObjectName("categoriesWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #8a6d00;")
        self.apply_all = QPushButton(self)
        self.apply_all.setObjectName("categoriesApplyToAll")
        self.apply_all.clicked.connect(self._apply_to_all)
        self.applied = QLabel(self)
        self.applied.setObjectName("categoriesApplied")
        self.applied.setWordWrap(True)
        self.retry = QPushButton(self)
        self.retry.setObjectName("categoriesRetry")
        self.retry.clicked.connect(lambda: self.load())
        self.panel = CheckPanel("categories", self)
        self.panel.cancelRequested.connect(self.cancel_check)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.company_label, self.company)
        form.addRow(self.mileage_label, self.mileage)
        form.addRow(self.per_diem_label, self.per_diem)
        form.addRow(self.payment_label, self.payment)
        form.addRow(self.toll_label, self.toll)
        self._form = form
        apply_row = QHBoxLayout()
        apply_row.addWidget(self.apply_all)
        apply_row.addWidget(self.retry)
        apply_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addLayout(apply_row)
        layout.addWidget(self.applied)
        layout.addStretch(1)
        layout.addWidget(self.panel)
        self.retry.setVisible(False)
        self.retranslateUi()

    # --- loading -----------------------------------------------------------------------------

    def initializePage(self) -> None:
        """Fill the company list and load the setups not loaded yet."""
        companies = self.ctx.draft.selected_companies
        self._filling = True
        self.company.clear()
        for c in companies:
            self.company.addItem(c.name, c.id)
        self._filling = False
        many = len(companies) > 1
        self.company.setVisible(many)
        self.company_label.setVisible(many)
        self.apply_all.setVisible(many)
        self.applied.clear()
        if any(c.id not in self.ctx.setups for c in companies):
            self.load()
        else:
            self._show_company()

    def cleanupPage(self) -> None:
        """Back: stop loading."""
        self.cancel_check()

    def cancel_check(self) -> None:
        """Cancel a running load at once."""
        if self.panel.busy:
            self.panel.cancel()
        self.retry.setVisible(True)
        self.completeChanged.emit()

    def load(self) -> None:
        """Load each chosen company's categories in the background."""
        if self.panel.busy:
            return
        ids = [c.id for c in self.ctx.draft.selected_companies if c.id not in self.ctx.setups]
        snapshot = dataclasses.replace(self.ctx.draft)
        backend = self.ctx.backend

        def work(cancel: Any) -> dict[int, CompanySetupView]:
            out = {}
            for cid in ids:
                cancel.raise_if_cancelled()
                out[cid] = backend.load_company_setup(snapshot, cid, cancel)
            return out

        self.retry.setVisible(False)
        self._set_inputs_enabled(False)
        handle = self.ctx.run(work, self._loaded, self._failed, parent=self)
        self.panel.start(handle, self.tr("Loading cost categories from Tripletex\u2026"))

    def _loaded(self, setups: dict[int, CompanySetupView]) -> None:
        self.panel.finish()
        self.ctx.setups.update(setups)
        for cid, setup in setups.items():
            if cid not in self.ctx.draft.mappings or not _valid(self.ctx.draft.mappings[cid], setup):
                self.ctx.draft.mappings[cid] = setup.suggestion
        self._set_inputs_enabled(True)
        self._show_company()

    def _failed(self, exc: BaseException) -> None:
        self.panel.show_error(exc)
        self.retry.setVisible(True)
        self._set_inputs_enabled(True)
        self.completeChanged.emit()

    def _set_inputs_enabled(self, on: bool) -> None:
        for w in (self.company, self.mileage, self.per_diem, self.payment, self.toll, self.apply_all):
            w.setEnabled(on)

    # --- one company -------------------------------------------------------------------------

    def current_company_id(self) -> int | None:
        """Id of the company shown."""
        data = self.company.currentData()
        return int(data) if data is not None else None

    def _show_company(self) -> None:
        if self._filling:
            return
        cid = self.current_company_id()
        setup = self.ctx.setups.get(cid) if cid is not None else None
        self._filling = True
        for combo in (self.mileage, self.per_diem, self.payment, self.toll):
            combo.clear()
        if setup is not None:
            mapping = self.ctx.draft.mappings.get(cid) or setup.suggestion
            none = self.tr("(not chosen)")
            for combo, items, chosen in (
                (self.mileage, setup.cost_categories, mapping.mileage_cost_category_id),
                (self.per_diem, setup.cost_categories, mapping.per_diem_cost_category_id),
                (self.payment, setup.payment_types, mapping.payment_type_id),
                (self.toll, setup.cost_categories, mapping.extra.get("toll")),
            ):
                combo.addItem(none, None)
                for item in items:
                    combo.addItem(item.label, item.id)
                combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen is not None else 0)
            self._update_warning(setup)
        self._filling = False
        self.completeChanged.emit()

    def _update_warning(self, setup: CompanySetupView) -> None:
        notes = []
        if setup.settings.mileage_not_compensated:
            notes.append(
                self.tr(
                    "This company's travel settings say mileage is not compensated; a mileage category is optional."
                )
            )
        if setup.settings.per_diem_not_compensated:
            notes.append(
                self.tr(
                    "This company's travel settings say per diem is not compensated; a per diem category is optional."
                )
            )
        if not setup.cost_categories:
            notes.append(
                self.tr("The company has no active cost categories. Create them in Tripletex first.")
            )
        self.warning.setText("\n".join(notes))
        self.warning.setVisible(bool(notes))

    def _choice_changed(self) -> None:
        if self._filling:
            return
        cid = self.current_company_id()
        if cid is None:
            return
        self.ctx.draft.mappings[cid] = CompanyMapping(
            company_id=cid,
            mileage_cost_category_id=self.mileage.currentData(),
            per_diem_cost_category_id=self.per_diem.currentData(),
            payment_type_id=self.payment.currentData(),
            extra={"toll": self.toll.currentData()} if self.toll.currentData() is not None else {},
        )
        self.applied.clear()
        self.completeChanged.emit()

    def _apply_to_all(self) -> None:
        cid = self.current_company_id()
        if cid is None:
            return
        targets = [c.id for c in self.ctx.draft.selected_companies]
        changed = apply_by_name(cid, self.ctx.draft.mappings, self.ctx.setups, targets)
        self.ctx.draft.mappings.update(changed)
        self.applied.setText(
            self.tr("Applied to %n other company(ies) with the same names.", "", len(changed))
        )
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        """Every chosen company loaded and mapped."""
        if self.panel.busy:
            return False
        for c in self.ctx.draft.selected_companies:
            setup = self.ctx.setups.get(c.id)
            if setup is None or not mapping_complete(self.ctx.draft.mappings.get(c.id), setup.settings):
                return False
        return bool(self.ctx.draft.selected_companies)

    def retranslateUi(self) -> None:
        """Texts of the page."""
        self.setTitle(self.tr("Cost categories"))
        self.setSubTitle(
            self.tr("Where mileage and per diem are booked, and how employees' own expenses are paid.")
        )
        self.company_label.setText(self.tr("C&ompany:"))
        self.company.setAccessibleName(self.tr("Company"))
        self.mileage_label.setText(self.tr("&Mileage allowance:"))
        self.mileage.setAccessibleName(self.tr("Cost category for mileage allowance"))
        self.per_diem_label.setText(self.tr("&Per diem:"))
        self.per_diem.setAccessibleName(self.tr("Cost category for per diem"))
        self.payment_label.setText(self.tr("Paid by the &employee:"))
        self.payment.setAccessibleName(self.tr("Payment type for costs the employee paid"))
        self.toll_label.setText(self.tr("&Toll on mileage (optional):"))
        self.toll.setAccessibleName(self.tr("Cost category for toll paid on a mileage trip"))
        self.apply_all.setText(self.tr("Appl&y to all companies with the same category names"))
        self.apply_all.setAccessibleName(self.tr("Apply to all companies with the same category names"))
        self.retry.setText(self.tr("&Load again"))
        self.retry.setAccessibleName(self.tr("Load the categories again"))
        if self.company.count():
            self._show_company()


def _valid(mapping: CompanyMapping, setup: CompanySetupView) -> bool:
    """False when a stored choice no longer exists among the company's active items."""
    cats = {c.id for c in setup.cost_categories}
    pays = {p.id for p in setup.payment_types}
    return (
        mapping.mileage_cost_category_id in cats | {None}
        and mapping.per_diem_cost_category_id in cats | {None}
        and mapping.payment_type_id in pays | {None}
        and mapping.extra.get("toll") in cats | {None}
    )
