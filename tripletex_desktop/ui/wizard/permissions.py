"""Page 4, Permissions: a matrix of the token's permissions (rows, as named in Tripletex) per company."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tripletex_desktop.services.wizard import ERROR, GRANTED, INCONCLUSIVE, MISSING, CompanyPermissions
from tripletex_desktop.ui.i18n import current_language
from tripletex_desktop.ui.messages import message_for
from tripletex_desktop.ui.wizard.base import BasePage, CheckPanel, WizardContext

#: Group names as Tripletex shows them (nb key) -> English source string.
GROUPS: dict[str, str] = {
    "Reiseregning": QT_TRANSLATE_NOOP("PermissionsPage", "Travel expense"),
    "Prosjekt": QT_TRANSLATE_NOOP("PermissionsPage", "Project"),
    "Selskap": QT_TRANSLATE_NOOP("PermissionsPage", "Company"),
}

_COLORS = {GRANTED: "#1b7f3b", MISSING: "#b00020", INCONCLUSIVE: "#8a6d00", ERROR: "#b00020"}


def _attr(obj: Any, name: str, lang: str) -> str:
    value = getattr(obj, f"{name}_{lang}", None) or getattr(obj, f"{name}_nb", None) or getattr(obj, name, "")
    return str(value or "")


def group_name(group: str) -> str:
    """The translated name of a permission group (as Tripletex's token dialog groups them)."""
    source = GROUPS.get(group)
    if source is None:
        return group
    translated = QCoreApplication.translate("PermissionsPage", source)
    return group if current_language() == "nb" and translated == source else translated


class PermissionsPage(BasePage):
    """Checks the chosen companies in the background; Next when nothing is missing."""

    def __init__(self, ctx: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("permissionsPage")
        self.definitions: tuple[Any, ...] = tuple(ctx.backend.required_permissions())
        self._row_of: dict[str, int] = {}
        self._checking = False

        self.intro = QLabel(self)
        self.intro.setObjectName("permissionsIntro")
        self.intro.setWordWrap(True)
        self.table = QTableWidget(self)
        self.table.setObjectName("permissionsMatrix")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.currentCellChanged.connect(lambda r, c, *_: self._show_detail(r, c))
        self.detail = QLabel(self)
        self.detail.setObjectName("permissionsDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = QLabel(self)
        self.summary.setObjectName("permissionsSummary")
        self.summary.setWordWrap(True)
        self.check_again = QPushButton(self)
        self.check_again.setObjectName("permissionsCheckAgain")
        self.check_again.clicked.connect(lambda: self.check_now())
        self.leave_out = QPushButton(self)
        self.leave_out.setObjectName("permissionsLeaveOut")
        self.leave_out.clicked.connect(self._leave_out_missing)
        self.panel = CheckPanel("permissions", self)
        self.panel.cancelRequested.connect(self.cancel_check)

        buttons = QHBoxLayout()
        buttons.addWidget(self.check_again)
        buttons.addWidget(self.leave_out)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(self.panel)
        self.retranslateUi()

    # --- data --------------------------------------------------------------------------------

    def _companies(self) -> list[Any]:
        return self.ctx.draft.selected_companies

    def initializePage(self) -> None:
        """Build the matrix for the chosen companies and check those not checked yet."""
        self._rebuild()
        if any(c.id not in self.ctx.permissions for c in self._companies()):
            self.check_now(only_missing=True)

    def cleanupPage(self) -> None:
        """Back: stop a running check (results so far are kept)."""
        self.cancel_check()

    def cancel_check(self) -> None:
        """Cancel a running check at once."""
        if self.panel.busy:
            self.panel.cancel()
        self._checking = False
        self._refresh()

    def check_now(self, only_missing: bool = False) -> None:
        """Probe every required permission in the chosen companies (Check again re-probes all)."""
        if self.panel.busy:
            return
        ids = [c.id for c in self._companies() if not only_missing or c.id not in self.ctx.permissions]
        if not ids:
            return
        if not only_missing:
            for cid in ids:
                self.ctx.permissions.pop(cid, None)
        snapshot = dataclasses.replace(self.ctx.draft)
        backend = self.ctx.backend
        self._checking = True
        self._refresh()
        handle = self.ctx.run(
            lambda cancel: backend.check_permissions(snapshot, ids, cancel),
            self._checked,
            self._failed,
            parent=self,
        )
        if not handle.done:
            self.panel.start(
                handle,
                self.tr("Checking %n company(ies) in Tripletex\u2026", "", len(ids)),
            )

    def _checked(self, results: dict[int, CompanyPermissions]) -> None:
        self._checking = False
        self.ctx.permissions.update(results)
        self.panel.finish()
        errors = [r.error for r in results.values() if r.error is not None]
        if errors:
            self.panel.show_error(errors[0])
        self._refresh()

    def _failed(self, exc: BaseException) -> None:
        self._checking = False
        self.panel.show_error(exc)
        self._refresh()

    def _leave_out_missing(self) -> None:
        draft = self.ctx.draft
        bad = {cid for cid, r in self.ctx.permissions.items() if r.missing or r.error is not None}
        keep = [cid for cid in draft.selected_company_ids if cid not in bad]
        if keep:
            draft.selected_company_ids = keep
            self._rebuild()

    # --- view --------------------------------------------------------------------------------

    def _rebuild(self) -> None:
        lang = current_language()
        companies = self._companies()
        rows: list[tuple[str, Any]] = []
        last_group = None
        for d in self.definitions:
            if d.group != last_group:
                rows.append(("group", d.group))
                last_group = d.group
            rows.append(("perm", d))
        self.table.clear()
        self.table.clearSpans()
        self.table.setRowCount(len(rows))
        self.table.setColumnCount(1 + len(companies))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Permission in Tripletex"), *[c.name for c in companies]]
        )
        self._row_of.clear()
        bold = QFont(self.table.font())
        bold.setBold(True)
        for r, (kind, value) in enumerate(rows):
            if kind == "group":
                item = QTableWidgetItem(group_name(value))
                item.setFont(bold)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.table.setItem(r, 0, item)
                if len(companies):
                    self.table.setSpan(r, 0, 1, 1 + len(companies))
            else:
                self._row_of[value.key] = r
                item = QTableWidgetItem(_attr(value, "tripletex_label", lang))
                item.setToolTip(_attr(value, "where", lang))
                self.table.setItem(r, 0, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, 1 + len(companies)):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self._refresh()

    def _cell(self, company_id: int, key: str) -> tuple[str, str, str]:
        """(verdict, short text, detail) of one cell."""
        lang = current_language()
        definition = next(d for d in self.definitions if d.key == key)
        label = _attr(definition, "tripletex_label", lang)
        where = _attr(definition, "where", lang)
        result = self.ctx.permissions.get(company_id)
        if result is None:
            return ("", self.tr("Checking\u2026") if self._checking else self.tr("Not checked"), "")
        if result.error is not None:
            msg = message_for(result.error)
            return (ERROR, self.tr("Check failed"), f"{msg.title}. {msg.text}")
        cell = result.cells.get(key)
        if cell is None:
            return (ERROR, self.tr("Not checked"), "")
        if cell.verdict == GRANTED:
            return (
                GRANTED,
                self.tr("Granted"),
                self.tr("The token has \u201c%1\u201d.").replace("%1", label),
            )
        if cell.verdict == MISSING:
            return (
                MISSING,
                self.tr("Missing"),
                self.tr(
                    "Missing: open the token in Tripletex (your user \u2192 API-tilgang) and tick "
                    "\u201c%1\u201d. Where: %2. Then click Check again."
                )
                .replace("%1", label)
                .replace("%2", where),
            )
        if cell.verdict == INCONCLUSIVE:
            return (
                INCONCLUSIVE,
                self.tr("Not confirmed"),
                self.tr(
                    "Tripletex gave no clear answer for \u201c%1\u201d, usually because the company has no "
                    "data of that kind yet (for example no other employees or projects). You can continue; "
                    "if access turns out to be missing later, the app tells you what to tick."
                ).replace("%1", label),
            )
        return (
            ERROR,
            self.tr("Not checked"),
            self.tr("The check of this permission failed; click Check again."),
        )

    def _refresh(self) -> None:
        style = self.style()
        icons = {
            GRANTED: style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton),
            MISSING: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            INCONCLUSIVE: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxQuestion),
            ERROR: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
        }
        for col, company in enumerate(self._companies(), start=1):
            for key, row in self._row_of.items():
                verdict, text, detail = self._cell(company.id, key)
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, verdict)
                item.setToolTip(detail)
                item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, detail)
                if verdict:
                    item.setIcon(icons[verdict])
                    item.setForeground(QBrush(QColor(_COLORS[verdict])))
                self.table.setItem(row, col, item)
        self.check_again.setEnabled(not self.panel.busy)
        self._update_summary()
        self._show_detail(self.table.currentRow(), self.table.currentColumn())
        self.completeChanged.emit()

    def _show_detail(self, row: int, col: int) -> None:
        item = self.table.item(row, col) if row >= 0 and col >= 1 else None
        self.detail.setText(item.toolTip() if item is not None else "")
        self.detail.setVisible(bool(self.detail.text()))

    def _state(self) -> tuple[int, int, int, bool]:
        """(missing, inconclusive, failed companies, all checked) over the chosen companies."""
        missing = inconclusive = failed = 0
        all_checked = True
        for c in self._companies():
            r = self.ctx.permissions.get(c.id)
            if r is None:
                all_checked = False
                continue
            if r.error is not None or any(cell.verdict == ERROR for cell in r.cells.values()):
                failed += 1
            missing += len(r.missing)
            inconclusive += sum(1 for cell in r.cells.values() if cell.verdict == INCONCLUSIVE)
        return missing, inconclusive, failed, all_checked

    def _update_summary(self) -> None:
        missing, inconclusive, failed, all_checked = self._state()
        if not all_checked:
            text = ""
        elif failed:
            text = self.tr("The check failed for %n company(ies). Click Check again.", "", failed)
        elif missing:
            text = self.tr(
                "%n permission(s) missing. Tick them on the token in Tripletex (select a red cell to see "
                "where), then click Check again.",
                "",
                missing,
            )
        elif inconclusive:
            text = self.tr(
                "Everything needed is granted; %n could not be confirmed (see the cells).", "", inconclusive
            )
        else:
            text = self.tr("All permissions are granted.")
        self.summary.setText(text)
        self.summary.setVisible(bool(text))
        many = len(self._companies()) > 1
        ok_companies = [
            c
            for c in self._companies()
            if (r := self.ctx.permissions.get(c.id)) and not r.missing and r.error is None
        ]
        self.leave_out.setVisible(many and bool(missing or failed) and bool(ok_companies))

    def isComplete(self) -> bool:
        """Next when every chosen company was checked and nothing is missing or failed."""
        missing, _inconclusive, failed, all_checked = self._state()
        return all_checked and not missing and not failed and not self.panel.busy and bool(self._companies())

    def retranslateUi(self) -> None:
        """Texts of the page."""
        self.setTitle(self.tr("Permissions"))
        self.setSubTitle(self.tr("What the employee token may do in each company."))
        self.intro.setText(
            self.tr(
                "The rows are named as in Tripletex's token dialog. Select a cell for details. After "
                "changing the token in Tripletex, click Check again; there is no need to start over."
            )
        )
        self.table.setAccessibleName(self.tr("Permissions per company"))
        self.check_again.setText(self.tr("Check a&gain"))
        self.check_again.setAccessibleName(self.tr("Check again"))
        self.leave_out.setText(self.tr("&Leave out companies with missing access"))
        self.leave_out.setAccessibleName(self.tr("Leave out companies with missing access"))
        if self.table.columnCount():
            self._rebuild()
