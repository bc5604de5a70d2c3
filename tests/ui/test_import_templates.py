"""Help → Import template (CSV / Excel): written off the GUI thread, in the UI language, and importable."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tripletex_desktop.core.importing import ImportContext, parse_import, read_table
from tripletex_desktop.core.models import CostCategory, Employee
from tripletex_desktop.services.importing import write_template
from tripletex_desktop.ui import i18n

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.mark.parametrize(
    ("language", "first", "receipt"), [("nb", "Reise", "Kvittering"), ("en", "Trip", "Receipt")]
)
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_help_menu_saves_a_template_that_imports(
    qtbot,
    harness,
    tmp_path: Path,
    monkeypatch,
    language: str,
    first: str,
    receipt: str,
    suffix: str,  # noqa: F811
) -> None:
    threads: list[threading.Thread] = []

    def write(path: str, lang: str, year: int) -> Path:
        threads.append(threading.current_thread())
        return write_template(path, lang, year)

    harness.data.write_import_template = write
    monkeypatch.setattr(i18n, "_current", language)
    window = harness.make()
    actions = window.template_actions
    names = [a.objectName() for a in window.help_menu.actions()]
    csv_at, xlsx_at = names.index("importTemplateCsvAction"), names.index("importTemplateXlsxAction")
    assert csv_at + 1 == xlsx_at < names.index("aboutAction")  # together, before About
    assert actions.csv_action.text() and actions.xlsx_action.text()
    suggested: list[str] = []
    target = tmp_path / "mal"  # the suffix is added when the user leaves it out
    actions._pick = lambda parent, name, wanted: suggested.append(name) or str(target)
    (actions.csv_action if suffix == ".csv" else actions.xlsx_action).trigger()

    written = tmp_path / f"mal{suffix}"
    assert suggested[0].endswith(suffix)
    assert threads and threads[0] is not threading.main_thread()
    assert "Import template saved to" in window.statusBar().currentMessage()
    table = read_table(written)
    assert table.headers[0] == first and receipt in table.headers
    categories = (CostCategory(1, "Hotell"), CostCategory(2, "Tog"), CostCategory(3, "Parkering"))
    preview = parse_import(written, ImportContext("c", 1, (Employee(1, "Kari", "Nordmann"),), categories))
    # the example receipts are not next to the template: exactly those cells are flagged, nothing else
    assert {e.code for e in preview.errors} == {"receipt_not_found"}
    assert len(preview.reports) == 3
