"""Page 6, Permissions: what the token may do in each company, one checklist of boxes to tick, and what is left.

A verdict read from a 403 is a fact and holds Next back (a blocker); one inferred from data, a module that
refuses every read and a probe that failed are warnings the user reads and continues past. Project
permissions appear only when project sync is on (the Sync page comes before this one).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QResizeEvent
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

from tripletex_desktop.core.models import ClientCompany
from tripletex_desktop.core.permissions import Permission
from tripletex_desktop.services.wizard import (
    BLOCKER,
    ERROR,
    GRANTED,
    INCONCLUSIVE,
    LIKELY_MISSING,
    MISSING,
    UNAVAILABLE,
    WARNING,
    CompanyPermissions,
    PermissionCell,
)
from tripletex_desktop.ui.i18n import QT_TRANSLATE_NOOP, current_language
from tripletex_desktop.ui.messages import message_for
from tripletex_desktop.ui.wizard.base import BasePage, CheckPanel, WizardContext, rich_text_panel

#: Group names as Tripletex shows them (nb key) -> English source string.
GROUPS: dict[str, str] = {
    "Reiseregning": QT_TRANSLATE_NOOP("PermissionsPage", "Travel expense"),
    "Prosjekt": QT_TRANSLATE_NOOP("PermissionsPage", "Project"),
    "Selskap": QT_TRANSLATE_NOOP("PermissionsPage", "Company"),
}

#: Verdict shown when a permission is not needed with the chosen sync options.
NOT_NEEDED = "NOT_NEEDED"

_COLORS = {
    GRANTED: "#1b7f3b",
    MISSING: "#b00020",
    LIKELY_MISSING: "#8a5a00",
    UNAVAILABLE: "#5f5f5f",
    INCONCLUSIVE: "#8a6d00",
    ERROR: "#8a5a00",
    NOT_NEEDED: "#6f6f6f",
}


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


def _tail(where: str) -> str:
    """The part of a permission's path after "the token →" (the box inside the token dialog)."""
    for marker in ("nøkkelen → ", "the token → "):
        if marker in where:
            return where.split(marker, 1)[1]
    return where


class PermissionsPage(BasePage):
    """Checks the chosen companies in the background; Next unless something blocks."""

    #: The page changed the draft's sync choice ("Continue without projects"); the Sync page reloads.
    syncChoiceChanged = Signal()

    def __init__(self, ctx: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("permissionsPage")
        self.definitions: tuple[Permission, ...] = tuple(ctx.backend.required_permissions())
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
        self.summary.setStyleSheet("font-weight: bold;")
        self.table.setMinimumHeight(150)
        self.checklist, self.checklist_scroll = rich_text_panel(self, "permissionsChecklist")
        self.checklist_scroll.setMaximumHeight(190)
        self.checked_at = QLabel(self)
        self.checked_at.setObjectName("permissionsCheckedAt")
        self.check_again = QPushButton(self)
        self.check_again.setObjectName("permissionsCheckAgain")
        self.check_again.clicked.connect(lambda: self.check_now())
        self.copy_list = QPushButton(self)
        self.copy_list.setObjectName("permissionsCopyChecklist")
        self.copy_list.clicked.connect(self._copy_checklist)
        self.leave_out = QPushButton(self)
        self.leave_out.setObjectName("permissionsLeaveOut")
        self.leave_out.clicked.connect(self._leave_out_missing)
        self.without_projects = QPushButton(self)
        self.without_projects.setObjectName("permissionsWithoutProjects")
        self.without_projects.clicked.connect(self._continue_without_projects)
        self.panel = CheckPanel("permissions", self)
        self.panel.cancelRequested.connect(self.cancel_check)

        buttons = QHBoxLayout()
        for button in (self.check_again, self.copy_list, self.leave_out, self.without_projects):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.checked_at)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.summary)
        layout.addWidget(self.checklist_scroll)
        layout.addLayout(buttons)
        layout.addWidget(self.panel)
        self.retranslateUi()

    # --- data --------------------------------------------------------------------------------

    def _companies(self) -> list[ClientCompany]:
        return self.ctx.draft.selected_companies

    def _projects(self) -> bool:
        return bool(self.ctx.draft.sync.projects)

    def _needed(self, definition: Permission) -> bool:
        needed_for = getattr(definition, "needed_for", None)
        return needed_for is None or (needed_for == "projects" and self._projects())

    def _stale(self, result: CompanyPermissions | None) -> bool:
        """Not checked, or checked without the project permissions that are needed now."""
        return result is None or (self._projects() and not result.projects and result.error is None)

    def initializePage(self) -> None:
        """Build the matrix for the chosen companies and check those not checked (for these options) yet."""
        self._rebuild()
        if any(self._stale(self.ctx.permissions.get(c.id)) for c in self._companies()):
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
        """Probe the needed permissions in the chosen companies (Check again re-probes all)."""
        if self.panel.busy:
            return
        ids = [
            c.id for c in self._companies() if not only_missing or self._stale(self.ctx.permissions.get(c.id))
        ]
        if not ids:
            return
        if not only_missing:
            for cid in ids:
                self.ctx.permissions.pop(cid, None)
        snapshot = dataclasses.replace(self.ctx.draft, sync=dataclasses.replace(self.ctx.draft.sync))
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
        bad = {c.id for c in self._companies() if self._blocked(c.id)}
        keep = [cid for cid in draft.selected_company_ids if cid not in bad]
        if keep:
            draft.selected_company_ids = keep
            self._rebuild()

    def _continue_without_projects(self) -> None:
        """Turn project sync off: the project permissions are then not needed, and do not block."""
        self.ctx.draft.sync.projects = False
        self.syncChoiceChanged.emit()
        self._rebuild()

    # --- verdicts ----------------------------------------------------------------------------

    def _cells(self, company_id: int) -> dict[str, PermissionCell]:
        """The cells of the permissions needed now (project cells only with project sync)."""
        result = self.ctx.permissions.get(company_id)
        if result is None:
            return {}
        needed = {d.key for d in self.definitions if self._needed(d)}
        return {k: c for k, c in result.cells.items() if k in needed}

    def _blocked(self, company_id: int) -> bool:
        result = self.ctx.permissions.get(company_id)
        if result is None:
            return False
        return result.error is not None or any(
            c.severity == BLOCKER for c in self._cells(company_id).values()
        )

    def _definition(self, key: str) -> Permission:
        return next(d for d in self.definitions if d.key == key)

    def _cell(self, company_id: int, key: str) -> tuple[str, str, str]:
        """(verdict, short text, detail) of one cell."""
        lang = current_language()
        definition = self._definition(key)
        label = _attr(definition, "tripletex_label", lang)
        where = _attr(definition, "where", lang)
        without = _attr(definition, "without", lang)
        if not self._needed(definition):
            return (
                NOT_NEEDED,
                self.tr("Not needed"),
                self.tr(
                    "Projects are not synced (see the Sync page), so \u201c%1\u201d is not needed."
                ).replace("%1", label),
            )
        result = self.ctx.permissions.get(company_id)
        if result is None or self._stale(result):
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
                    "Tripletex refused this read, so the box is not ticked on the token. Tick \u201c%1\u201d "
                    "(%2), then click Check again."
                )
                .replace("%1", label)
                .replace("%2", where),
            )
        if cell.verdict == LIKELY_MISSING:
            return (
                LIKELY_MISSING,
                self.tr("Probably missing"),
                self.tr(
                    "Tripletex did not refuse, but what it returned suggests the token lacks \u201c%1\u201d. "
                    "You can continue. Without it: %2 To be sure, tick it (%3) and click Check again."
                )
                .replace("%1", label)
                .replace("%2", without)
                .replace("%3", where),
            )
        if cell.verdict == UNAVAILABLE:
            module = group_name(definition.group)
            if cell.severity == BLOCKER:
                text = self.tr(
                    "Tripletex refused every %1 read in this company. Either the company does not have the "
                    "%1 module (then ask whoever manages the subscription), or the token has none of its "
                    "boxes: tick them on the token and click Check again."
                )
            else:
                text = self.tr(
                    "Tripletex refused every %1 read in this company. Most likely the company does not use "
                    "the %1 module; then there is nothing to tick, and you can continue. If it does use it, "
                    "tick the %1 boxes on the token and click Check again. Until then: %2"
                )
            return (
                UNAVAILABLE,
                self.tr("Not available"),
                text.replace("%1", module.lower()).replace("%2", without),
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
            self.tr(
                "Tripletex did not answer this check. You can continue; the next sync checks it again, or "
                "click Check again now."
            ),
        )

    # --- the checklist -----------------------------------------------------------------------

    def _fit_checklist(self) -> None:
        """As tall as the list at the width it has now (up to a limit, then it scrolls), so the matrix keeps
        the rest: measured again whenever the page's width changes (at build time the page is not laid out,
        and a list measured at a guessed narrow width left a gap above the buttons)."""
        if not self.checklist.text():
            return
        width = self.checklist_scroll.viewport().width()
        if not self.checklist_scroll.isVisible() or width < 100:
            width = max(300, self.width() - 40)
        self.checklist_scroll.setMaximumHeight(min(190, self.checklist.heightForWidth(width) + 6))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        """Fit the checklist to the new width."""
        super().resizeEvent(event)
        self._fit_checklist()

    def checklist_items(self) -> list[tuple[Any, list[tuple[Any, str]], list[Any]]]:
        """Per chosen company: (company, [(definition, verdict)] to tick, [definitions unavailable])."""
        out = []
        for company in self._companies():
            result = self.ctx.permissions.get(company.id)
            if result is None or result.error is not None or self._stale(result):
                continue
            tick: list[tuple[Any, str]] = []
            unavailable: list[Any] = []
            for definition in self.definitions:
                cell = self._cells(company.id).get(definition.key)
                if cell is None:
                    continue
                if cell.verdict in (MISSING, LIKELY_MISSING):
                    tick.append((definition, cell.verdict))
                elif cell.verdict == UNAVAILABLE:
                    unavailable.append(definition)
            if tick or unavailable:
                out.append((company, tick, unavailable))
        return out

    def _token_path(self) -> str:
        who = self.ctx.draft.who
        user = who.employee_name if who is not None and who.employee_name else ""
        if current_language() == "nb":
            base = (
                "Selskap \u2192 Ansatte \u2192 "
                + (user or "din bruker")
                + " \u2192 API-tilgang \u2192 nøkkelen"
            )
        else:
            base = "Company (Selskap) \u2192 Employees (Ansatte) \u2192 " + (user or "your user")
            base += " \u2192 API access (API-tilgang) \u2192 the token"
        return base

    def checklist_text(self) -> str:
        """The combined checklist as plain text (what Copy puts on the clipboard)."""
        lang = current_language()
        lines: list[str] = []
        for company, tick, unavailable in self.checklist_items():
            lines.append(company.name)
            if tick:
                lines.append(
                    "  " + self.tr("In Tripletex, open %1 and tick:").replace("%1", self._token_path())
                )
                for definition, verdict in tick:
                    mark = "" if verdict == MISSING else " " + self.tr("(probably missing)")
                    lines.append(f"  [ ] {_tail(_attr(definition, 'where', lang))}{mark}")
            if unavailable:
                module = group_name(unavailable[0].group).lower()
                lines.append(
                    "  "
                    + self.tr(
                        "Only if the company uses the %1 module (otherwise there is nothing to tick):"
                    ).replace("%1", module)
                )
                lines.extend(f"  [ ] {_tail(_attr(d, 'where', lang))}" for d in unavailable)
            lines.append("")
        return "\n".join(lines).rstrip()

    def _checklist_html(self) -> str:
        lang = current_language()
        parts: list[str] = []
        for company, tick, unavailable in self.checklist_items():
            parts.append(f"<b>{html.escape(company.name)}</b>")
            if tick:
                parts.append(
                    html.escape(self.tr("In Tripletex, open %1 and tick:").replace("%1", self._token_path()))
                )
                items = []
                for definition, verdict in tick:
                    mark = (
                        ""
                        if verdict == MISSING
                        else " <i>" + html.escape(self.tr("(probably missing)")) + "</i>"
                    )
                    items.append(f"<li>{html.escape(_tail(_attr(definition, 'where', lang)))}{mark}</li>")
                parts.append("<ul style='margin-top:0'>" + "".join(items) + "</ul>")
            if unavailable:
                module = group_name(unavailable[0].group).lower()
                parts.append(
                    html.escape(
                        self.tr(
                            "Only if the company uses the %1 module (otherwise there is nothing to tick):"
                        ).replace("%1", module)
                    )
                )
                items = [f"<li>{html.escape(_tail(_attr(d, 'where', lang)))}</li>" for d in unavailable]
                parts.append("<ul style='margin-top:0'>" + "".join(items) + "</ul>")
        notes = self._warning_notes()
        if notes:
            parts.append("<b>" + html.escape(self.tr("What does not work until then:")) + "</b>")
            parts.append(
                "<ul style='margin-top:0'>" + "".join(f"<li>{html.escape(n)}</li>" for n in notes) + "</ul>"
            )
        return "".join(f"<p style='margin:0'>{p}</p>" if not p.startswith("<ul") else p for p in parts)

    def _warning_notes(self) -> list[str]:
        """One line per warning: the company (when several), the permission, and what does not work."""
        lang = current_language()
        many = len(self._companies()) > 1
        notes: list[str] = []
        for company in self._companies():
            result = self.ctx.permissions.get(company.id)
            if result is None or result.error is not None or self._stale(result):
                continue
            modules_noted: set[str] = set()
            for definition in self.definitions:
                cell = self._cells(company.id).get(definition.key)
                if cell is None or cell.severity != WARNING:
                    continue
                label = _attr(definition, "tripletex_label", lang)
                if cell.verdict == ERROR:
                    what = self.tr("could not be checked now; the next sync checks it again.")
                elif cell.verdict == UNAVAILABLE:
                    if definition.group in modules_noted:
                        continue  # one note per module that refuses everything
                    modules_noted.add(definition.group)
                    label = group_name(definition.group)
                    what = _attr(definition, "without", lang)
                else:
                    what = _attr(definition, "without", lang)
                prefix = f"{company.name}: " if many else ""
                notes.append(f"{prefix}{label} \u2013 {what}")
        return notes

    def _copy_checklist(self) -> None:
        QGuiApplication.clipboard().setText(self.checklist_text())

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
                if not self._needed(value):
                    item.setForeground(QBrush(QColor(_COLORS[NOT_NEEDED])))
                self.table.setItem(r, 0, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, 1 + len(companies)):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self._refresh()

    def _refresh(self) -> None:
        style = self.style()
        icons = {
            GRANTED: style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton),
            MISSING: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            LIKELY_MISSING: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
            UNAVAILABLE: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation),
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
                if verdict in icons:
                    item.setIcon(icons[verdict])
                if verdict:
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

    def _state(self) -> tuple[int, int, int, int, bool]:
        """(blockers, warnings, inconclusive, failed companies, all checked) over the chosen companies."""
        blockers = warnings = inconclusive = failed = 0
        all_checked = True
        for c in self._companies():
            r = self.ctx.permissions.get(c.id)
            if r is None or self._stale(r):
                all_checked = False
                continue
            if r.error is not None:
                failed += 1
                continue
            cells = self._cells(c.id).values()
            blockers += sum(1 for cell in cells if cell.severity == BLOCKER)
            warnings += sum(1 for cell in cells if cell.severity == WARNING)
            inconclusive += sum(1 for cell in cells if cell.verdict == INCONCLUSIVE)
        return blockers, warnings, inconclusive, failed, all_checked

    def _update_summary(self) -> None:
        blockers, warnings, inconclusive, failed, all_checked = self._state()
        if not all_checked:
            text = ""
        elif failed:
            text = self.tr("The check failed for %n company(ies). Click Check again.", "", failed)
        elif blockers:
            text = self.tr(
                "%n permission(s) missing. Tick them on the token in Tripletex (the list below says where), "
                "then click Check again.",
                "",
                blockers,
            )
        elif warnings:
            text = self.tr("Nothing blocks: you can continue. Below is what may not work, and why.")
        elif inconclusive:
            text = self.tr(
                "Everything needed is granted; %n could not be confirmed (see the cells).", "", inconclusive
            )
        else:
            text = self.tr("All permissions are granted.")
        self.summary.setText(text)
        self.summary.setVisible(bool(text))
        body = self._checklist_html() if all_checked else ""
        self.checklist.setText(body)
        self.checklist_scroll.setVisible(bool(body))
        self._fit_checklist()
        self.copy_list.setVisible(bool(self.checklist_items()) and all_checked)
        many = len(self._companies()) > 1
        ok_companies = [
            c for c in self._companies() if c.id in self.ctx.permissions and not self._blocked(c.id)
        ]
        self.leave_out.setVisible(many and bool(blockers or failed) and bool(ok_companies))
        project_blockers = self._projects() and any(
            getattr(self._definition(k), "needed_for", None) == "projects"
            for c in self._companies()
            for k, cell in self._cells(c.id).items()
            if cell.severity == BLOCKER
        )
        self.without_projects.setVisible(bool(project_blockers))
        times = [
            r.checked_at for c in self._companies() if (r := self.ctx.permissions.get(c.id)) and r.checked_at
        ]
        if times and all_checked and not self.panel.busy:
            self.checked_at.setText(self.tr("Checked at %1").replace("%1", checked_at_text(max(times))))
        else:
            self.checked_at.setText("")

    def isComplete(self) -> bool:
        """Next when every chosen company was checked for the current options and nothing blocks."""
        _b, _w, _i, _f, all_checked = self._state()
        companies = self._companies()
        return (
            all_checked
            and bool(companies)
            and not self.panel.busy
            and not any(self._blocked(c.id) for c in companies)
        )

    def retranslateUi(self) -> None:
        """Texts of the page."""
        self.setTitle(self.tr("Permissions"))
        self.setSubTitle(self.tr("What the employee token may do in each company."))
        self.intro.setText(
            self.tr(
                "The rows are named as in Tripletex's token dialog. Select a cell for details. Red blocks "
                "setup; orange and grey are warnings you can continue past. After changing the token in "
                "Tripletex, click Check again; there is no need to start over."
            )
        )
        self.table.setAccessibleName(self.tr("Permissions per company"))
        self.checklist.setAccessibleName(self.tr("Boxes to tick in Tripletex"))
        self.checked_at.setAccessibleName(self.tr("When the permissions were checked"))
        self.check_again.setText(self.tr("Check a&gain"))
        self.check_again.setAccessibleName(self.tr("Check again"))
        self.copy_list.setText(self.tr("&Copy list"))
        self.copy_list.setAccessibleName(self.tr("Copy the list of boxes to tick"))
        self.leave_out.setText(self.tr("&Leave out companies with missing access"))
        self.leave_out.setAccessibleName(self.tr("Leave out companies with missing access"))
        self.without_projects.setText(self.tr("Continue &without projects"))
        self.without_projects.setAccessibleName(self.tr("Continue without syncing projects"))
        if self.table.columnCount():
            self._rebuild()


def checked_at_text(when: dt.datetime) -> str:
    """The "hh:mm" the page shows for a check made at `when` (local time of this computer)."""
    return when.astimezone().strftime("%H:%M")
