"""Page 6, Cost categories: per company, the mileage and per diem categories and the employee payment type.

An accountant picks each client in a list that marks whether its categories are done (and, if not, what is
still to choose); the page is complete when every client is done, by the same rule (`CategoriesPage.status`).
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tripletex_desktop.core.models import (
    MILEAGE_SLOT,
    PAYMENT_SLOT,
    PER_DIEM_SLOT,
    CompanyMapping,
    mapping_gaps,
)
from tripletex_desktop.services.wizard import CompanySetupView, apply_by_name
from tripletex_desktop.ui.i18n import QT_TRANSLATE_NOOP
from tripletex_desktop.ui.widgets.tree_items import top_level_items
from tripletex_desktop.ui.wizard.base import BasePage, CheckPanel, WizardContext
from tripletex_desktop.workers.tasks import CancelToken

# A company's state on the page.
DONE, TO_CHOOSE, LOADING, NOT_LOADED = "done", "to_choose", "loading", "not_loaded"
# The mark each state has in the list: a coloured dot (drawn, so no font needs a glyph) next to its text.
_DOT_COLORS = {DONE: "#1b7f3b", TO_CHOOSE: "#b36b00", LOADING: "#8a8a8a", NOT_LOADED: "#b00020"}
# What is still to choose, by core.models slot.
SLOT_NAMES = {
    PAYMENT_SLOT: QT_TRANSLATE_NOOP("CategoriesPage", "payment type"),
    MILEAGE_SLOT: QT_TRANSLATE_NOOP("CategoriesPage", "mileage allowance"),
    PER_DIEM_SLOT: QT_TRANSLATE_NOOP("CategoriesPage", "per diem"),
}
# The company list gets a search field from this many companies on.
SEARCH_FROM = 8
_ID_ROLE = Qt.ItemDataRole.UserRole
_STATE_ROLE = Qt.ItemDataRole.UserRole + 1


def _dot(color: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(QColor(color)))
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)


class CategoriesPage(BasePage):
    """Choose from each company's own ACTIVE categories, prefilled with suggestions."""

    def __init__(self, ctx: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("categoriesPage")
        self._filling = False

        self._icons: dict[str, QIcon] = {}
        self.company_label = QLabel(self)
        self.search = QLineEdit(self)
        self.search.setObjectName("categoriesSearch")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.company = QTreeWidget(self)
        self.company.setObjectName("categoriesCompanies")
        self.company.setColumnCount(2)
        self.company.setRootIsDecorated(False)
        self.company.setUniformRowHeights(True)
        self.company.setAlternatingRowColors(True)
        self.company.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.company.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.company.setMinimumWidth(300)
        self.company_label.setBuddy(self.company)
        self.company.currentItemChanged.connect(lambda *_: self._show_company())
        self.done_count = QLabel(self)
        self.done_count.setObjectName("categoriesDoneCount")
        self.done_count.setWordWrap(True)
        self.next_missing = QPushButton(self)
        self.next_missing.setObjectName("categoriesNextMissing")
        self.next_missing.clicked.connect(self.show_next_to_choose)

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

        self.company_name = QLabel(self)
        self.company_name.setObjectName("categoriesCompanyName")
        self.company_name.setWordWrap(True)
        self.company_name.setStyleSheet("font-weight: bold;")
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.mileage_label, self.mileage)
        form.addRow(self.per_diem_label, self.per_diem)
        form.addRow(self.payment_label, self.payment)
        form.addRow(self.toll_label, self.toll)
        self._form = form
        apply_row = QHBoxLayout()
        apply_row.addWidget(self.apply_all)
        apply_row.addWidget(self.retry)
        apply_row.addStretch(1)
        # Left: the companies with their marks (only when there are several); right: the chosen one's form.
        self.list_box = QWidget(self)
        self.list_box.setObjectName("categoriesListBox")
        left = QVBoxLayout(self.list_box)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.company_label)
        left.addWidget(self.search)
        left.addWidget(self.company, 1)
        left.addWidget(self.done_count)
        left.addWidget(self.next_missing, 0, Qt.AlignmentFlag.AlignLeft)
        right = QVBoxLayout()
        right.addWidget(self.company_name)
        right.addLayout(form)
        right.addWidget(self.warning)
        right.addLayout(apply_row)
        right.addWidget(self.applied)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addWidget(self.list_box, 2)
        columns.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.panel)
        self.retry.setVisible(False)
        self.retranslateUi()

    # --- loading -----------------------------------------------------------------------------

    def initializePage(self) -> None:
        """Fill the company list and load the setups not loaded yet."""
        companies = self.ctx.draft.selected_companies
        self._filling = True
        current = self.current_company_id()
        self.company.clear()
        items = []
        for c in companies:
            item = QTreeWidgetItem([c.name, ""])
            item.setData(0, _ID_ROLE, c.id)
            item.setToolTip(0, c.name)
            items.append(item)
        self.company.addTopLevelItems(items)
        self._filling = False
        many = len(companies) > 1
        self.list_box.setVisible(many)
        self.company_name.setVisible(many)
        self.search.setVisible(len(companies) >= SEARCH_FROM)
        self.search.clear()
        self.apply_all.setVisible(many)
        self.applied.clear()
        self._refresh_status()
        ids = [c.id for c in companies]
        start = ids.index(current) if current in ids else 0
        if items:
            self.company.setCurrentItem(items[start])
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
        self._refresh_status()
        self.completeChanged.emit()

    def load(self) -> None:
        """Load each chosen company's categories in the background."""
        if self.panel.busy:
            return
        ids = [c.id for c in self.ctx.draft.selected_companies if c.id not in self.ctx.setups]
        snapshot = dataclasses.replace(self.ctx.draft)
        backend = self.ctx.backend

        def work(cancel: CancelToken) -> dict[int, CompanySetupView]:
            out = {}
            for cid in ids:
                cancel.raise_if_cancelled()
                out[cid] = backend.load_company_setup(snapshot, cid, cancel)
            return out

        self.retry.setVisible(False)
        self._set_inputs_enabled(False)
        handle = self.ctx.run(work, self._loaded, self._failed, parent=self)
        self.panel.start(
            handle,
            self.tr("Loading the cost categories of %n company(ies) from Tripletex\u2026", "", len(ids)),
        )
        self._refresh_status()

    def _loaded(self, setups: dict[int, CompanySetupView]) -> None:
        self.panel.finish()
        self.ctx.setups.update(setups)
        for cid, setup in setups.items():
            if cid not in self.ctx.draft.mappings or not _valid(self.ctx.draft.mappings[cid], setup):
                self.ctx.draft.mappings[cid] = setup.suggestion
        self._set_inputs_enabled(True)
        self._refresh_status()
        self._show_company()

    def _failed(self, exc: BaseException) -> None:
        self.panel.show_error(exc)
        self.retry.setVisible(True)
        self._set_inputs_enabled(True)
        self._refresh_status()
        self.completeChanged.emit()

    def _set_inputs_enabled(self, on: bool) -> None:
        # the list stays usable while loading: the marks show which clients are ready
        for w in (self.mileage, self.per_diem, self.payment, self.toll, self.apply_all):
            w.setEnabled(on)

    # --- the company list and its marks ------------------------------------------------------

    def status(self, company_id: int) -> tuple[str, list[str]]:
        """(state, slots still to choose) of one company: the list's mark and the page's completeness."""
        setup = self.ctx.setups.get(company_id)
        if setup is None:
            return (LOADING if self.panel.busy else NOT_LOADED), []
        gaps = mapping_gaps(self.ctx.draft.mappings.get(company_id), setup.settings)
        return (TO_CHOOSE, gaps) if gaps else (DONE, [])

    def status_text(self, state: str, gaps: list[str]) -> str:
        """The words of a mark."""
        if state == DONE:
            return self.tr("Done")
        if state == LOADING:
            return self.tr("Loading\u2026")
        if state == NOT_LOADED:
            return self.tr("Not loaded")
        names = ", ".join(QCoreApplication.translate("CategoriesPage", SLOT_NAMES[g]) for g in gaps)
        return self.tr("Choose %1").replace("%1", names)

    def _icon(self, state: str) -> QIcon:
        if state not in self._icons:
            self._icons[state] = _dot(_DOT_COLORS[state])
        return self._icons[state]

    def _refresh_status(self, company_id: int | None = None) -> None:
        """Update the marks (of one company, or all) and the count under the list."""
        done = 0
        for item in top_level_items(self.company):
            cid = int(item.data(0, _ID_ROLE))
            state, gaps = self.status(cid)
            done += state == DONE
            if company_id is not None and cid != company_id:
                continue
            text = self.status_text(state, gaps)
            item.setText(1, text)
            item.setIcon(1, self._icon(state))
            item.setData(1, _STATE_ROLE, state)
            item.setToolTip(1, text)
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{item.text(0)}: {text}")
            if state != DONE:
                item.setForeground(1, QBrush(QColor(_DOT_COLORS[state])))
            else:
                item.setData(1, Qt.ItemDataRole.ForegroundRole, None)
        total = self.company.topLevelItemCount()
        self.done_count.setText(
            self.tr("%n of %1 companies done.", "", done).replace("%1", str(total))
            if done < total
            else self.tr("All %n companies done.", "", total)
        )
        self.next_missing.setEnabled(done < total)
        self._size_status_column()

    def _size_status_column(self) -> None:
        """Wide enough for the longest mark shown (a handful of texts, not every row)."""
        fm = self.company.fontMetrics()
        texts = {item.text(1) for item in top_level_items(self.company)}
        header = self.company.headerItem()
        if header is not None:
            texts.add(header.text(1))
        width = max(fm.horizontalAdvance(t) for t in texts) + 40  # the dot and the margins
        self.company.setColumnWidth(1, min(width, 260))

    def _filter(self, text: str) -> None:
        wanted = text.casefold().strip()
        for item in top_level_items(self.company):
            item.setHidden(bool(wanted) and wanted not in item.text(0).casefold())

    def show_next_to_choose(self) -> None:
        """Go to the next company (after the shown one, wrapping) whose categories are not done."""
        items = top_level_items(self.company)
        count = len(items)
        if not count:
            return
        current = self.company.currentItem()
        start = self.company.indexOfTopLevelItem(current) if current is not None else -1
        for step in range(1, count + 1):
            item = items[(start + step) % count]
            if self.status(int(item.data(0, _ID_ROLE)))[0] != DONE:
                if item.isHidden():
                    self.search.clear()
                self.company.setCurrentItem(item)
                self.company.scrollToItem(item)
                self.mileage.setFocus()
                return

    # --- one company -------------------------------------------------------------------------

    def current_company_id(self) -> int | None:
        """Id of the company shown."""
        item = self.company.currentItem()
        data = item.data(0, _ID_ROLE) if item is not None else None
        return int(data) if data is not None else None

    def _show_company(self) -> None:
        if self._filling:
            return
        cid = self.current_company_id()
        setup = self.ctx.setups.get(cid) if cid is not None else None
        item = self.company.currentItem()
        self.company_name.setText(item.text(0) if item is not None else "")
        self._filling = True
        for combo in (self.mileage, self.per_diem, self.payment, self.toll):
            combo.clear()
        if setup is not None and cid is not None:
            mapping = self.ctx.draft.mappings.get(cid) or setup.suggestion
            none = self.tr("(not chosen)")
            for combo, items, chosen in (
                (self.mileage, setup.cost_categories, mapping.mileage_cost_category_id),
                (self.per_diem, setup.cost_categories, mapping.per_diem_cost_category_id),
                (self.payment, setup.payment_types, mapping.payment_type_id),
                (self.toll, setup.cost_categories, mapping.extra.get("toll")),
            ):
                combo.addItem(none, None)
                for choice in items:
                    combo.addItem(choice.label, choice.id)
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
        self._refresh_status(cid)
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
        self._refresh_status()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        """Every chosen company done: the marks in the list, by the same rule (`status`)."""
        if self.panel.busy:
            return False
        companies = self.ctx.draft.selected_companies
        return bool(companies) and all(self.status(c.id)[0] == DONE for c in companies)

    def retranslateUi(self) -> None:
        """Texts of the page."""
        self.setTitle(self.tr("Cost categories"))
        self.setSubTitle(
            self.tr("Where mileage and per diem are booked, and how employees' own expenses are paid.")
        )
        self.company_label.setText(self.tr("C&ompanies:"))
        self.company.setAccessibleName(self.tr("Companies and whether their categories are done"))
        self.company.setHeaderLabels([self.tr("Company"), self.tr("Categories")])
        self.search.setPlaceholderText(self.tr("Find company"))
        self.search.setAccessibleName(self.tr("Find company"))
        self.next_missing.setText(self.tr("Ne&xt not done"))
        self.next_missing.setAccessibleName(self.tr("Show the next company whose categories are not done"))
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
        if self.company.topLevelItemCount():
            self._refresh_status()
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
