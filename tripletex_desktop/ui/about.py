"""Help → About: version, whether this build carries a consumer token, where the data lives, the update opt-in."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from tripletex_desktop import APP_NAME
from tripletex_desktop.core.updates import Release
from tripletex_desktop.services.about import AboutInfo, TokenStatus


class AboutDialog(QDialog):
    """Facts about this installation; the update check is a choice the user makes here (off by default)."""

    checkForUpdatesChanged = Signal(bool)  # noqa: N815 - Qt naming

    def __init__(self, info: AboutInfo, check_for_updates: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.info = info
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setObjectName("aboutHeading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.heading)
        form = QFormLayout()
        self.version_label, self.version = QLabel(self), self._value("aboutVersion")
        self.token_label, self.token = QLabel(self), self._value("aboutConsumerToken")
        self.settings_label, self.settings_file = QLabel(self), self._value("aboutSettingsFile")
        self.data_label, self.data_dir = QLabel(self), self._value("aboutDataDir")
        self.log_label, self.log_dir = QLabel(self), self._value("aboutLogDir")
        for label, value in (
            (self.version_label, self.version),
            (self.token_label, self.token),
            (self.settings_label, self.settings_file),
            (self.data_label, self.data_dir),
            (self.log_label, self.log_dir),
        ):
            form.addRow(label, value)
        layout.addLayout(form)
        self.check_updates = QCheckBox(self)
        self.check_updates.setObjectName("aboutCheckForUpdates")
        self.check_updates.setChecked(check_for_updates and info.can_check_for_updates)
        self.check_updates.setEnabled(info.can_check_for_updates)
        self.check_updates.toggled.connect(self.checkForUpdatesChanged)
        layout.addWidget(self.check_updates)
        self.update_status = QLabel(self)
        self.update_status.setObjectName("aboutUpdateStatus")
        self.update_status.setTextFormat(Qt.TextFormat.RichText)
        self.update_status.setOpenExternalLinks(True)
        self.update_status.setWordWrap(True)
        layout.addWidget(self.update_status)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.setObjectName("aboutButtons")
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.retranslate()

    def _value(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setWordWrap(True)
        return label

    def retranslate(self) -> None:
        """Every text, in the current language."""
        info = self.info
        self.setWindowTitle(self.tr("About %1").replace("%1", APP_NAME))
        self.heading.setText(
            f"<b>{APP_NAME}</b><br>" + self.tr("Connects Tripletex to your travel and expense workflow.")
        )
        self.version_label.setText(self.tr("Version:"))
        self.version.setText(info.version)
        self.token_label.setText(self.tr("Consumer token:"))
        self.token.setText(
            {
                TokenStatus.BUILT_IN: self.tr("included in this build"),
                TokenStatus.ENVIRONMENT: self.tr("from the TRIPLETEX_CONSUMER_TOKEN environment variable"),
                TokenStatus.NONE: self.tr(
                    "not included in this build: enter one under Advanced in the setup, or use the demo"
                ),
            }[info.token_status]
        )
        self.settings_label.setText(self.tr("Settings:"))
        self.settings_file.setText(info.settings_file)
        self.data_label.setText(self.tr("Data:"))
        self.data_dir.setText(info.data_dir)
        self.log_label.setText(self.tr("Logs:"))
        self.log_dir.setText(info.log_dir)
        self.check_updates.setText(self.tr("Check for a new version when the app starts"))
        self.check_updates.setAccessibleName(self.tr("Check for a new version when the app starts"))
        self.check_updates.setToolTip(
            self.tr("Asks the release page once at start. Nothing else is sent.")
            if info.can_check_for_updates
            else self.tr("This build has no release page to ask.")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))

    def show_update(self, release: Release | None) -> None:
        """The result of a check: a newer version with its download page, or that this one is the newest."""
        if release is None:
            self.update_status.setText(self.tr("You have the newest version."))
        else:
            self.update_status.setText(
                self.tr("Version %1 is available:").replace("%1", release.version)
                + f' <a href="{release.url}">'
                + self.tr("Download")
                + "</a>"
            )

    def show_update_failed(self) -> None:
        """A check that could not reach the release page (no network, for instance)."""
        self.update_status.setText(self.tr("Could not check for a new version now."))
