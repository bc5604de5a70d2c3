"""DryRunDialog: the exact JSON a send would post, and what Tripletex already holds; nothing is created."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from tripletex_desktop.ui.messages import message_for, problem_text
from tripletex_desktop.ui.reports.common import name


def requests_json(requests: Any) -> str:
    """The planned requests as pretty JSON: method, path, query parameters, body or file."""
    out = []
    for r in requests:
        entry: dict[str, Any] = {"method": r.method, "path": r.path}
        if r.params:
            entry["params"] = r.params
        if r.body is not None:
            entry["body"] = r.body
        if r.file_path:
            entry["file"] = r.file_path
        out.append(entry)
    return json.dumps(out, indent=2, ensure_ascii=False, default=str)


class DryRunDialog(QDialog):
    """Shows a services.reports.DryRunOutcome."""

    def __init__(self, outcome: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dryRunDialog")
        self.setWindowTitle(self.tr("Dry run \u2013 nothing is sent"))
        self.resize(760, 620)
        layout = QVBoxLayout(self)
        self.verdict = QLabel(self)
        self.verdict.setObjectName("dryRunVerdict")
        self.verdict.setWordWrap(True)
        self.verdict.setText(self._verdict(outcome))
        layout.addWidget(self.verdict)
        self.json_view = name(
            QPlainTextEdit(self), "dryRunJson", self.tr("Requests that would be sent, as JSON")
        )
        self.json_view.setReadOnly(True)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.json_view.setFont(font)
        self.json_view.setPlainText(requests_json(outcome.requests))
        layout.addWidget(self.json_view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.setObjectName("dryRunButtons")
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        name(close, "dryRunCloseButton", self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _verdict(self, outcome: Any) -> str:
        if outcome.problems:
            lines = [self.tr("The report cannot be sent yet:")]
            lines.extend(f"\u2022 {problem_text(p.code)}" for p in outcome.problems)
            return "\n".join(lines)
        parts = [self.tr("%n request(s) would be sent. Nothing was created.", "", len(outcome.requests))]
        if outcome.error is not None:
            message = message_for(outcome.error)
            parts.append(self.tr("Tripletex could not be asked: %1").replace("%1", message.title))
        elif outcome.existing:
            numbers = ", ".join(str(r.get("number") or r.get("id")) for r in outcome.existing)
            parts.append(
                self.tr(
                    "Tripletex already has this report (number %1); a send would complete it, not repeat it."
                ).replace("%1", numbers)
            )
        else:
            parts.append(self.tr("Tripletex has no travel expense from this report yet."))
        return " ".join(parts)
