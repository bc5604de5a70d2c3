"""searchable(): a combo box the user can type into to find an entry (a company may have 500 employees)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter


def searchable(combo: QComboBox, placeholder: str = "") -> QComboBox:
    """Let `combo` filter its entries as the user types (any part of the name, any case); only entries of the
    list can be chosen: leaving the field with text that names none puts the chosen entry's name back."""
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = QCompleter(combo.model(), combo)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    combo.setCompleter(completer)
    edit = combo.lineEdit()
    assert edit is not None  # setEditable(True) gave the combo its line edit
    if placeholder:
        edit.setPlaceholderText(placeholder)
    edit.setAccessibleName(combo.accessibleName())

    def restore() -> None:
        if combo.findText(edit.text(), Qt.MatchFlag.MatchFixedString) < 0:
            edit.setText(combo.currentText() if combo.currentIndex() >= 0 else "")

    edit.editingFinished.connect(restore)
    completer.activated.connect(lambda text: combo.setCurrentIndex(max(combo.findText(text), 0)))
    return combo
