"""Page 5, Companies: the token's company or an accountant's clients, searchable, with their access status."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tripletex_desktop.core.errors import ErrorInfo
from tripletex_desktop.core.models import ClientCompany
from tripletex_desktop.services.wizard import CompanyPermissions
from tripletex_desktop.ui.wizard.base import BasePage, WizardContext

_Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
FILTER_ROLE = Qt.ItemDataRole.UserRole + 2
#: Norwegian alphabetical order (æ, ø, å after z) without a per-comparison collator.
_NB_ORDER = str.maketrans({"æ": "{", "ø": "|", "å": "}", "ä": "{", "ö": "|"})


def sort_key(text: str) -> str:
    """A cheap, precomputed key that sorts like the Norwegian alphabet."""
    return text.casefold().translate(_NB_ORDER)


def access_text(status: CompanyPermissions | None, checking: bool = False) -> str:
    """One-line access status of a company for the list."""
    if checking:
        return QCoreApplication.translate("CompaniesModel", "Checking\u2026")
    if status is None:
        return QCoreApplication.translate("CompaniesModel", "Not checked yet")
    if status.error is not None:
        return QCoreApplication.translate("CompaniesModel", "Check failed")
    if status.blockers:
        return QCoreApplication.translate(
            "CompaniesModel", "%n permission(s) missing", "", len(status.blockers)
        )
    if status.warnings:
        return QCoreApplication.translate("CompaniesModel", "OK, with warnings")
    if status.inconclusive:
        return QCoreApplication.translate("CompaniesModel", "OK (some not confirmed)")
    return QCoreApplication.translate("CompaniesModel", "All granted")


class CompaniesModel(QAbstractTableModel):
    """Companies with a check box each; columns: name, organisation number, access status."""

    NAME, ORG, ACCESS = range(3)
    selectionChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._companies: list[ClientCompany] = []
        self._keys: list[str] = []
        self._search: list[str] = []
        self._checked: set[int] = set()
        self._status: dict[int, CompanyPermissions] = {}
        #: companies whose check runs now ("Checking…" in the access column)
        self._checking: set[int] = set()

    def set_companies(self, companies: Sequence[ClientCompany], checked: Iterable[int]) -> None:
        """Replace the whole list (one reset, so hundreds of rows fill at once)."""
        self.beginResetModel()
        self._companies = sorted(companies, key=lambda c: sort_key(c.name))
        self._keys = [sort_key(c.name) for c in self._companies]
        self._search = [f"{c.name} {c.organization_number or ''}" for c in self._companies]
        ids = {c.id for c in self._companies}
        self._checked = {i for i in checked if i in ids}
        self.endResetModel()
        self.selectionChanged.emit()

    def set_status(self, status: dict[int, CompanyPermissions], checking: Iterable[int] = ()) -> None:
        """Update the access column (`checking`: companies whose check runs now)."""
        self._status = dict(status)
        self._checking = set(checking)
        if self._companies:
            self.dataChanged.emit(
                self.index(0, self.ACCESS), self.index(len(self._companies) - 1, self.ACCESS)
            )

    def checked_ids(self) -> list[int]:
        """Ids of the ticked companies, in list order."""
        return [c.id for c in self._companies if c.id in self._checked]

    def set_checked(self, rows: Iterable[int], on: bool) -> None:
        """Tick or untick the given source rows."""
        changed = False
        for row in rows:
            cid = self._companies[row].id
            if on and cid not in self._checked:
                self._checked.add(cid)
                changed = True
            elif not on and cid in self._checked:
                self._checked.discard(cid)
                changed = True
        if changed and self._companies:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._companies) - 1, 0))
            self.selectionChanged.emit()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """Number of companies."""
        return 0 if parent.isValid() else len(self._companies)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """Name, organisation number, access."""
        return 0 if parent.isValid() else 3

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Cell text, the check state of the name column, and the company id as UserRole."""
        if not index.isValid():
            return None
        company = self._companies[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.NAME:
                return company.name
            if col == self.ORG:
                return company.organization_number or ""
            return access_text(self._status.get(company.id), company.id in self._checking)
        if role == Qt.ItemDataRole.ForegroundRole and col == self.ACCESS:
            status = self._status.get(company.id)
            if status is not None and status.blocked and company.id not in self._checking:
                return QBrush(QColor("#b00020"))
            return None
        if role == Qt.ItemDataRole.CheckStateRole and col == self.NAME:
            return Qt.CheckState.Checked if company.id in self._checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.UserRole:
            return company.id
        if role == FILTER_ROLE:
            return self._search[index.row()]
        if role == SORT_ROLE:
            if col == self.NAME:
                return self._keys[index.row()]
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        return None

    def setData(self, index: _Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Tick or untick from the view (mouse or Space)."""
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != self.NAME:
            return False
        on = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        self.set_checked([index.row()], bool(on))
        return True

    def flags(self, index: _Index) -> Qt.ItemFlag:
        """Name cells are user-checkable."""
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.NAME:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """Translated column titles."""
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            QCoreApplication.translate("CompaniesModel", "Company"),
            QCoreApplication.translate("CompaniesModel", "Organisation number"),
            QCoreApplication.translate("CompaniesModel", "Access"),
        )[section]

    def retranslate(self) -> None:
        """Repaint translated cells and headers after a language switch."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 2)
        self.set_status(self._status, self._checking)


class CompaniesPage(BasePage):
    """Choose which companies to connect; at least one."""

    def __init__(self, ctx: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("companiesPage")
        self.model = CompaniesModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(CompaniesModel.NAME)
        self.proxy.setFilterRole(FILTER_ROLE)  # name and organisation number, precomputed
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortRole(SORT_ROLE)

        self.search_label = QLabel(self)
        self.search = QLineEdit(self)
        self.search.setObjectName("companiesSearch")
        self.search.setClearButtonEnabled(True)
        self.search_label.setBuddy(self.search)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.select_all = QPushButton(self)
        self.select_all.setObjectName("companiesSelectAll")
        self.select_all.clicked.connect(lambda: self._check_visible(True))
        self.select_none = QPushButton(self)
        self.select_none.setObjectName("companiesSelectNone")
        self.select_none.clicked.connect(lambda: self._check_visible(False))

        self.table = QTableView(self)
        self.table.setObjectName("companiesTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        # The model arrives sorted by name; the proxy sorts only when a header is clicked, so clearing the
        # search does not re-sort hundreds of rows on every keystroke.
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(CompaniesModel.NAME, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self.proxy.sort)
        header.setSectionResizeMode(CompaniesModel.NAME, QHeaderView.ResizeMode.Stretch)
        # ResizeToContents would measure every row on each filter keystroke; size these once per fill instead
        header.setSectionResizeMode(CompaniesModel.ORG, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(CompaniesModel.ACCESS, QHeaderView.ResizeMode.Interactive)
        header.setResizeContentsPrecision(200)
        self.count = QLabel(self)
        self.count.setObjectName("companiesCount")
        self.model.selectionChanged.connect(self._selection_changed)

        top = QHBoxLayout()
        top.addWidget(self.search_label)
        top.addWidget(self.search, 1)
        top.addWidget(self.select_all)
        top.addWidget(self.select_none)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.retranslateUi()

    def initializePage(self) -> None:
        """Fill the list from the connect result, keeping earlier ticks."""
        draft = self.ctx.draft
        self.model.set_companies(draft.companies, draft.selected_company_ids)
        self.model.set_status(self.ctx.permissions, self.checking)
        self.search.clear()
        self.table.resizeColumnToContents(CompaniesModel.ORG)
        self._size_access_column()
        self.search.setFocus()

    def _size_access_column(self) -> None:
        """Wide enough for every status text (a handful of strings, not every row)."""
        fm = self.table.fontMetrics()
        samples = [
            access_text(None),
            access_text(None, checking=True),
            access_text(CompanyPermissions(0, {}, ErrorInfo(code="network"))),
            QCoreApplication.translate("CompaniesModel", "%n permission(s) missing", "", 9),
            QCoreApplication.translate("CompaniesModel", "OK (some not confirmed)"),
            QCoreApplication.translate("CompaniesModel", "All granted"),
            self.model.headerData(CompaniesModel.ACCESS, Qt.Orientation.Horizontal),
        ]
        self.table.setColumnWidth(
            CompaniesModel.ACCESS, max(fm.horizontalAdvance(str(t)) for t in samples) + 24
        )

    #: companies whose permission check runs now (the settings dialog checks clients added there)
    checking: frozenset[int] = frozenset()

    def showEvent(self, event: QShowEvent) -> None:
        """Coming back from the permissions page: show what its check found."""
        self.model.set_status(self.ctx.permissions, self.checking)
        super().showEvent(event)

    def _check_visible(self, on: bool) -> None:
        rows = [self.proxy.mapToSource(self.proxy.index(r, 0)).row() for r in range(self.proxy.rowCount())]
        self.model.set_checked(rows, on)

    def _selection_changed(self) -> None:
        self.ctx.draft.selected_company_ids = self.model.checked_ids()
        self._update_count()
        self.completeChanged.emit()

    def _update_count(self) -> None:
        self.count.setText(
            self.tr("%n of %1 companies chosen.", "", len(self.model.checked_ids())).replace(
                "%1", str(self.model.rowCount())
            )
        )

    def isComplete(self) -> bool:
        """At least one company chosen."""
        return bool(self.model.checked_ids())

    def retranslateUi(self) -> None:
        """Texts of the page."""
        self.setTitle(self.tr("Companies"))
        self.setSubTitle(self.tr("Choose the companies whose travel expenses this app should handle."))
        self.search_label.setText(self.tr("&Search:"))
        self.search.setPlaceholderText(self.tr("Name or organisation number"))
        self.search.setAccessibleName(self.tr("Search companies"))
        self.select_all.setText(self.tr("Select &all"))
        self.select_all.setAccessibleName(self.tr("Select all shown companies"))
        self.select_none.setText(self.tr("Select n&one"))
        self.select_none.setAccessibleName(self.tr("Clear the selection of shown companies"))
        self.table.setAccessibleName(self.tr("Companies"))
        self.model.retranslate()
        self._size_access_column()
        self._update_count()
