"""Page 5, Sync: what to sync besides employees, how often, and whether to sync right after Finish.

It comes before the permission page, which checks only what the chosen sync needs.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from tripletex_desktop.services.wizard import SYNC_INTERVALS
from tripletex_desktop.ui.i18n import QT_TRANSLATE_NOOP
from tripletex_desktop.ui.wizard.base import BasePage, WizardContext

INTERVAL_NAMES: dict[str, str] = {
    "manual": QT_TRANSLATE_NOOP("SyncPage", "Only when I click Sync"),
    "15min": QT_TRANSLATE_NOOP("SyncPage", "Every 15 minutes"),
    "hourly": QT_TRANSLATE_NOOP("SyncPage", "Every hour"),
    "daily": QT_TRANSLATE_NOOP("SyncPage", "Once a day"),
}


def interval_name(code: str) -> str:
    """Translated name of a sync interval."""
    return QCoreApplication.translate("SyncPage", INTERVAL_NAMES.get(code, code))


class SyncPage(BasePage):
    """Sync choices; all have sensible defaults, so Next is always enabled."""

    def __init__(self, ctx: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("syncPage")
        choice = ctx.draft.sync
        self.what = QGroupBox(self)
        self.what.setObjectName("syncWhat")
        self.employees = QCheckBox(self.what)
        self.employees.setObjectName("syncEmployees")
        self.employees.setChecked(True)
        self.employees.setEnabled(False)
        self.projects = QCheckBox(self.what)
        self.projects.setObjectName("syncProjects")
        self.projects.setChecked(choice.projects)
        self.departments = QCheckBox(self.what)
        self.departments.setObjectName("syncDepartments")
        self.departments.setChecked(choice.departments)
        what_layout = QVBoxLayout(self.what)
        for w in (self.employees, self.projects, self.departments):
            what_layout.addWidget(w)

        self.interval_label = QLabel(self)
        self.interval = QComboBox(self)
        self.interval.setObjectName("syncInterval")
        for code in SYNC_INTERVALS:
            self.interval.addItem(code, code)
        self.interval.setCurrentIndex(max(0, self.interval.findData(choice.interval)))
        self.interval_label.setBuddy(self.interval)
        self.sync_now = QCheckBox(self)
        self.sync_now.setObjectName("syncOnFinish")
        self.sync_now.setChecked(choice.sync_on_finish)
        self.reports = QGroupBox(self)
        self.reports.setObjectName("syncReports")
        self.deliver = QCheckBox(self.reports)
        self.deliver.setObjectName("syncDeliverReports")
        self.deliver.setChecked(choice.deliver_reports)
        self.approve = QCheckBox(self.reports)
        self.approve.setObjectName("syncApproveReports")
        self.approve.setChecked(choice.approve_reports)
        self.approve.setEnabled(choice.deliver_reports)
        self.deliver.toggled.connect(self.approve.setEnabled)
        reports_layout = QVBoxLayout(self.reports)
        for w in (self.deliver, self.approve):
            reports_layout.addWidget(w)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.interval_label, self.interval)
        layout = QVBoxLayout(self)
        layout.addWidget(self.what)
        layout.addLayout(form)
        layout.addWidget(self.sync_now)
        layout.addWidget(self.reports)
        layout.addStretch(1)
        for box in (self.projects, self.departments, self.sync_now, self.deliver, self.approve):
            box.toggled.connect(self._store)
        self.interval.currentIndexChanged.connect(self._store)
        self.retranslateUi()

    def _store(self) -> None:
        choice = self.ctx.draft.sync
        choice.projects = self.projects.isChecked()
        choice.departments = self.departments.isChecked()
        choice.interval = self.interval.currentData() or "hourly"
        choice.sync_on_finish = self.sync_now.isChecked()
        choice.deliver_reports = self.deliver.isChecked()
        choice.approve_reports = self.deliver.isChecked() and self.approve.isChecked()

    def reload(self) -> None:
        """Show the draft's choices again (another page changed them, e.g. "Continue without projects")."""
        self.projects.setChecked(self.ctx.draft.sync.projects)
        self.departments.setChecked(self.ctx.draft.sync.departments)

    def validatePage(self) -> bool:
        """Store the choices (no network)."""
        self._store()
        return True

    def retranslateUi(self) -> None:
        """Texts of the page."""
        self.setTitle(self.tr("Sync"))
        self.setSubTitle(self.tr("What to fetch from Tripletex, and how often."))
        self.what.setTitle(self.tr("Fetch"))
        self.employees.setText(self.tr("Employees (always)"))
        self.employees.setAccessibleName(self.tr("Employees, always synced"))
        self.projects.setText(self.tr("&Projects"))
        self.projects.setAccessibleName(self.tr("Sync projects"))
        self.departments.setText(self.tr("&Departments"))
        self.departments.setAccessibleName(self.tr("Sync departments"))
        self.interval_label.setText(self.tr("&How often:"))
        self.interval.setAccessibleName(self.tr("How often to sync"))
        for i in range(self.interval.count()):
            self.interval.setItemText(i, interval_name(self.interval.itemData(i)))
        self.sync_now.setText(self.tr("&Sync now when I click Finish"))
        self.sync_now.setAccessibleName(self.tr("Sync now when I click Finish"))
        self.reports.setTitle(self.tr("Travel reports you send to Tripletex"))
        self.deliver.setText(self.tr("De&liver them in Tripletex (ready for approval)"))
        self.deliver.setAccessibleName(self.tr("Deliver sent travel reports in Tripletex"))
        self.approve.setText(self.tr("&Approve them too, where the company's travel settings allow it"))
        self.approve.setAccessibleName(self.tr("Approve sent travel reports in Tripletex"))
