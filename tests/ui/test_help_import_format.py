"""Help → Import format: the columns a spreadsheet may have, without opening a file first, as the import reads them."""

from __future__ import annotations

import pytest

from tripletex_desktop.core.importing.columns import FIELD_NEED, ImportField
from tripletex_desktop.core.importing.files import TEMPLATE_HEADERS
from tripletex_desktop.ui import i18n

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.mark.parametrize("language", ["nb", "en"])
def test_help_shows_the_import_format_with_every_column_the_import_reads(
    qtbot, harness, monkeypatch, language: str
) -> None:
    monkeypatch.setattr(i18n, "_current", language)
    window = harness.make()
    names = [a.objectName() for a in window.help_menu.actions()]
    # next to the templates it describes, before About
    assert names.index("helpImportFormatAction") + 1 == names.index("importTemplateCsvAction")
    assert names.index("importTemplateXlsxAction") < names.index("aboutAction")
    assert window.import_format_action.text()

    window.import_format_action.trigger()
    dialog = window.import_format
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.objectName() == "importFormatDialog"
    assert dialog.text.objectName() and dialog.text.accessibleName()
    text = dialog.text.toPlainText()
    for field in FIELD_NEED:
        header = TEMPLATE_HEADERS[language].get(field)
        if header is not None:
            assert header in text, (field, header)
    assert ("Kvittering" if language == "nb" else "Receipt") in text
    assert len(FIELD_NEED) == len(ImportField)  # every column the import knows is in the table

    dialog.buttons.rejected.emit()
    assert not dialog.isVisible()
