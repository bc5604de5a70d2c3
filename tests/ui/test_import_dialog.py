"""The import dialog driven as a user would, by objectName: read, see the rows and reports, import, fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QWidget,
)

from tests.support.reports import World
from tests.support.reports_ui import click
from tripletex_desktop.core.importing import Grouping
from tripletex_desktop.ui.reports.import_dialog import ImportDialog
from tripletex_desktop.workers.tasks import SyncRunner

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def child(dialog: QWidget, cls: type, object_name: str):  # noqa: ANN201
    widget = dialog.findChild(cls, object_name)
    assert widget is not None, object_name
    return widget


def texts(widget: QListWidget) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]


@pytest.fixture
def dialog(qtbot, backend, world: World, tmp_path: Path):
    saved: list[str] = []
    dlg = ImportDialog(
        backend,
        backend.companies(),
        company_id=world.company_id,
        runner=SyncRunner(),
        pick_save_file=lambda parent, suggested: saved.append(suggested) or str(tmp_path / "rette.csv"),
    )
    dlg.saved_names = saved  # type: ignore[attr-defined]
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def write_list(tmp_path: Path, world: World, *, bad: bool) -> Path:
    employee = world.employees[world.employee_id]
    (tmp_path / "kvitteringer").mkdir(exist_ok=True)
    (tmp_path / "kvitteringer" / "hotell.pdf").write_bytes(b"%PDF-1.4")
    amount = "mange" if bad else "1 450,00"
    rows = [
        "Reiseliste november",
        "Reise;Ansatt;Dato;Fra kl;Til dato;Til kl;Fra;Til;Antall km;Reiseformål;Overnatting;Kostnadstype;Beløp;Kvittering",
        f"1;{employee};02.11.2026;07:30;;;Oslo;Bergen;463;Kundemøte;hotell;;;",
        f"1;{employee};02.11.2026;;;;;;;;;Hotell;{amount};kvitteringer/hotell.pdf",
        f"1;{employee};03.11.2026;;03.11.2026;18:15;Bergen;Oslo;463;Kundemøte;;;;",
        f"2;{employee};10.11.2026;06:45;10.11.2026;20:30;Oslo;Trondheim;;Kurs;ingen;;;",
        "Sum;;;;;;;;926;;;;;",
    ]
    path = tmp_path / "reiseliste.csv"
    path.write_bytes(("\r\n".join(rows) + "\r\n").encode("cp1252"))
    return path


def test_the_format_is_shown_before_a_file_is_read(dialog: ImportDialog) -> None:
    tabs = child(dialog, QTabWidget, "importTabs")
    assert tabs.currentWidget() is child(dialog, QTextBrowser, "importFormatText")
    text = child(dialog, QTextBrowser, "importFormatText").toPlainText()
    for word in (
        "Date",
        "Required",
        "Optional",
        "Km",
        "Cost type",
        "10.03.2026",
        "08:00",
        "1 450,00",
        "Receipt",
    ):
        assert word in text, word
    assert not child(dialog, QPushButton, "importButton").isEnabled()


def test_bad_rows_are_marked_before_import_then_the_valid_ones_go_in(
    dialog: ImportDialog, qtbot, world: World, backend, tmp_path: Path
) -> None:
    path = write_list(tmp_path, world, bad=True)
    qtbot.keyClicks(child(dialog, QLineEdit, "importPathEdit"), str(path))
    qtbot.keyClick(child(dialog, QLineEdit, "importPathEdit"), Qt.Key.Key_Return)

    table = child(dialog, QTableWidget, "importPreviewTable")
    assert child(dialog, QTabWidget, "importTabs").currentIndex() == 0
    assert table.rowCount() == 5
    assert [table.verticalHeaderItem(r).text() for r in range(5)] == ["3", "4", "5", "6", "7"]
    statuses = [table.item(r, 0).text() for r in range(5)]
    assert statuses == ["Held back", "Problem", "Held back", "New", "Totals row"]
    amount_column = 3 + [
        "Reise",
        "Ansatt",
        "Dato",
        "Fra kl",
        "Til dato",
        "Til kl",
        "Fra",
        "Til",
        "Antall km",
        "Reiseformål",
        "Overnatting",
        "Kostnadstype",
        "Beløp",
    ].index("Beløp")
    bad_cell = table.item(1, amount_column)
    assert bad_cell.text() == "mange" and bad_cell.background().color().red() == 255
    assert bad_cell.toolTip() == "Not a number."
    assert "Amount: Not a number. (mange)" in table.item(1, 2).text()
    errors = child(dialog, QListWidget, "importErrorList")
    assert texts(errors) == ["Row 4 \u00b7 Amount: Not a number. (mange)"]
    assert any("Row 7 adds up" in t for t in texts(child(dialog, QListWidget, "importNotesList")))

    tree = child(dialog, QTreeWidget, "importReportsTree")
    assert tree.topLevelItemCount() == 2
    trip = tree.topLevelItem(0)
    assert trip.text(0).startswith("\u2717 1. Oslo \u2013 Bergen")
    children = [trip.child(i).text(0) for i in range(trip.childCount())]
    assert children[:2] == [
        "Drive 02.11.2026: Oslo \u2192 Bergen, 463 km",
        "Drive 03.11.2026: Bergen \u2192 Oslo, 463 km",
    ]
    train = tree.topLevelItem(1)
    assert train.text(0).startswith("\u2713 2. Oslo \u2013 Trondheim")
    assert [train.child(i).text(0) for i in range(train.childCount())] == [
        "Leg 10.11.2026: Oslo \u2192 Trondheim, no driving",
        "Per diem: 1 \u00d7 day trip over 12 hours",
    ]

    # all or nothing by default
    click(qtbot, child(dialog, QPushButton, "importButton"))
    assert "Nothing was imported" in child(dialog, QLabel, "importResult").text()
    assert backend.list_reports() == []
    # only the valid rows: the train trip goes in, the trip with the bad cost waits
    child(dialog, QCheckBox, "importOnlyValidCheck").setChecked(True)
    with qtbot.waitSignal(dialog.imported) as signal:
        click(qtbot, child(dialog, QPushButton, "importButton"))
    assert signal.args[0].imported == 1
    result = child(dialog, QLabel, "importResult").text()
    assert "Imported 1 report as a draft" in result and "3 rows with problems were not imported" in result
    assert [r.title for r in backend.list_reports()] == ["Oslo \u2013 Trondheim"]
    assert [table.item(r, 0).text() for r in range(5)][3] == "Imported before"

    # the rows to fix, as a file next to the list
    click(qtbot, child(dialog, QPushButton, "importRejectsButton"))
    assert dialog.saved_names == [str(tmp_path / "reiseliste-to-fix.csv")]  # type: ignore[attr-defined]
    fix = tmp_path / "rette.csv"
    lines = fix.read_bytes().decode("cp1252").splitlines()
    assert lines[0].endswith(";Problem") and len(lines) == 4
    assert lines[2].endswith("Amount: Not a number. (mange)")
    fix.write_bytes(fix.read_bytes().replace(b"mange", b"1 450,00"))
    child(dialog, QLineEdit, "importPathEdit").setText(str(fix))
    click(qtbot, child(dialog, QPushButton, "importReadButton"))
    assert texts(child(dialog, QListWidget, "importErrorList")) == []
    click(qtbot, child(dialog, QPushButton, "importButton"))
    assert "Imported 1 report as a draft" in child(dialog, QLabel, "importResult").text()
    assert sorted(r.title for r in backend.list_reports()) == ["Oslo \u2013 Bergen", "Oslo \u2013 Trondheim"]

    # the first file again: every row was imported (the trip from the fixed file), nothing is added
    child(dialog, QLineEdit, "importPathEdit").setText(str(path))
    click(qtbot, child(dialog, QPushButton, "importReadButton"))
    assert [table.item(r, 0).text() for r in range(5)] == [
        "Imported before",
        "Problem",
        "Imported before",
        "Imported before",
        "Totals row",
    ]


def test_columns_and_grouping_replan_without_reading_again(
    dialog: ImportDialog, qtbot, world: World, tmp_path: Path
) -> None:
    employee = world.employees[world.employee_id]
    path = tmp_path / "kjorebok.csv"
    lines = ["Dato;Sjåfør;Fra;Til;Km;Notat"] + [
        f"{d:02d}.10.2026;{employee};Oslo;Drammen;41,5;Kunde" for d in (5, 6, 7)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    child(dialog, QLineEdit, "importPathEdit").setText(str(path))
    click(qtbot, child(dialog, QPushButton, "importReadButton"))
    tree = child(dialog, QTreeWidget, "importReportsTree")
    assert tree.topLevelItemCount() == 3  # three days: three trips
    path.unlink()  # re-planning never reads the file again
    grouping = child(dialog, QComboBox, "importGroupingCombo")
    grouping.setCurrentIndex(grouping.findData(Grouping.MONTHLY))
    assert not child(dialog, QCheckBox, "importPerDiemCheck").isChecked()
    assert tree.topLevelItemCount() == 1
    assert tree.topLevelItem(0).text(0).startswith("\u2713 1. Driving log 10.2026")
    km = child(dialog, QComboBox, "mapping_km")
    km.setCurrentIndex(0)  # (not used): a driving log without km is legs without driving
    assert tree.topLevelItem(0).childCount() == 3
    assert all("no driving" in tree.topLevelItem(0).child(i).text(0) for i in range(3))


def test_every_widget_is_named_and_the_dialog_fits_a_small_screen(dialog: ImportDialog) -> None:
    for widget in dialog.findChildren(QWidget):
        if isinstance(
            widget, QPushButton | QCheckBox | QComboBox | QLineEdit | QListWidget | QTableWidget | QTreeWidget
        ):
            assert widget.objectName() and widget.accessibleName(), widget
    hint = dialog.sizeHint()
    assert hint.width() <= 1366 and hint.height() <= 700
    assert dialog.width() <= 1366 and dialog.height() <= 700


def test_a_file_that_cannot_be_read_says_why(dialog: ImportDialog, qtbot, tmp_path: Path) -> None:
    path = tmp_path / "kvittering.pdf"
    path.write_bytes(b"%PDF")
    child(dialog, QLineEdit, "importPathEdit").setText(str(path))
    click(qtbot, child(dialog, QPushButton, "importReadButton"))
    assert "This file type is not supported" in child(dialog, QLabel, "importResult").text()
    assert not child(dialog, QPushButton, "importButton").isEnabled()
    assert child(dialog, QPushButton, "importReadButton").isEnabled()


def test_a_big_file_is_read_off_the_gui_thread_with_progress(
    dialog: ImportDialog, qtbot, world: World, tmp_path: Path, monkeypatch
) -> None:
    import threading

    from tripletex_desktop.services.importing import ImportService

    employee = world.employees[world.employee_id]
    path = tmp_path / "kjorebok.csv"
    days = [f"{d:02d}.{m:02d}.2026" for m in range(1, 11) for d in range(1, 29)]
    lines = ["Dato;Ansatt;Fra;Til;Km"] + [
        f"{days[i % len(days)]};{employee};Oslo;Ski;25" for i in range(1200)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    threads: list[threading.Thread] = []
    real_read, real_plan = ImportService.read, ImportService.plan

    def read(self, *args, **kwargs):  # noqa: ANN001, ANN202
        threads.append(threading.current_thread())
        return real_read(self, *args, **kwargs)

    def plan(self, *args, **kwargs):  # noqa: ANN001, ANN202
        threads.append(threading.current_thread())
        return real_plan(self, *args, **kwargs)

    monkeypatch.setattr(ImportService, "read", read)
    monkeypatch.setattr(ImportService, "plan", plan)
    seen: list[tuple[int, int]] = []
    dialog._progress.changed.connect(lambda done, total: seen.append((done, total)))
    child(dialog, QLineEdit, "importPathEdit").setText(str(path))
    click(qtbot, child(dialog, QPushButton, "importReadButton"))
    assert threads and all(t is not threading.main_thread() for t in threads)
    assert seen[-1] == (1200, 1200) and any(0 < done < 1200 for done, _ in seen)
    assert child(dialog, QProgressBar, "importProgress").isHidden()
    assert "1200 rows in the file" in child(dialog, QLabel, "importResult").text()


def test_a_dropped_file_is_read_and_a_problem_leads_to_its_row(
    dialog: ImportDialog, qtbot, world: World, tmp_path: Path
) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    path = write_list(tmp_path, world, bad=True)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(
        dialog.rect().center(),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    dialog.dragEnterEvent(enter)
    assert enter.isAccepted()
    other = QMimeData()
    other.setUrls([QUrl.fromLocalFile(str(tmp_path / "bilde.png"))])
    refused = QDragEnterEvent(
        dialog.rect().center(),
        Qt.DropAction.CopyAction,
        other,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    dialog.dragEnterEvent(refused)
    assert not refused.isAccepted()
    drop = QDropEvent(
        QPointF(dialog.rect().center()),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    dialog.dropEvent(drop)
    assert child(dialog, QLineEdit, "importPathEdit").text() == str(path)
    errors = child(dialog, QListWidget, "importErrorList")
    assert errors.count() == 1
    tabs = child(dialog, QTabWidget, "importTabs")
    tabs.setCurrentIndex(1)
    errors.itemActivated.emit(errors.item(0))
    table = child(dialog, QTableWidget, "importPreviewTable")
    assert tabs.currentIndex() == 0
    assert [i.row() for i in table.selectionModel().selectedRows()] == [1]  # file row 4


def write_day_trips(tmp_path: Path, world: World, count: int) -> Path:
    """A travel list of `count` day trips, one row each."""
    employee = world.employees[world.employee_id]
    rows = ["Reise;Ansatt;Dato;Fra kl;Til dato;Til kl;Fra;Til;Antall km;Reiseformål;Overnatting"]
    rows += [
        f"{n};{employee};{n:02d}.11.2026;07:30;{n:02d}.11.2026;16:00;Oslo;Drammen;40;Kundemøte;ingen"
        for n in range(1, count + 1)
    ]
    path = tmp_path / f"dagsturer-{count}.csv"
    path.write_bytes(("\r\n".join(rows) + "\r\n").encode("cp1252"))
    return path


@pytest.mark.parametrize(
    ("count", "counted"),
    [(1, "1 row in the file. 1 new report."), (7, "7 rows in the file. 7 new reports.")],
)
def test_the_counts_read_as_english_singular_and_plural(
    dialog: ImportDialog, qtbot, world: World, tmp_path: Path, count: int, counted: str
) -> None:
    child(dialog, QLineEdit, "importPathEdit").setText(str(write_day_trips(tmp_path, world, count)))
    click(qtbot, child(dialog, QPushButton, "importReadButton"))
    summary = child(dialog, QLabel, "importResult").text()
    assert summary.startswith(counted), summary
    assert "(s)" not in summary
    with qtbot.waitSignal(dialog.imported):
        click(qtbot, child(dialog, QPushButton, "importButton"))
    result = child(dialog, QLabel, "importResult").text()
    assert result.startswith(
        "Imported 1 report as a draft." if count == 1 else "Imported 7 reports as drafts."
    )
