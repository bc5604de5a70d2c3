"""A large synced list reaches the data browser in slices the event loop interleaves, sized from a sample."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tripletex_desktop.core.sync import ReferenceRow
from tripletex_desktop.ui.widgets.data_browser import DataBrowser, prepare_rows
from tripletex_desktop.ui.widgets.rows_model import SLICE_ROWS, RowsModel

GUARD_MS = 10_000


def _rows(n: int) -> list[ReferenceRow]:
    return [ReferenceRow(i, f"Ansatt {i:05d}", str(i), i % 7 != 0) for i in range(1, n + 1)]


def test_a_large_list_arrives_in_slices_and_completes(qtbot) -> None:
    browser = DataBrowser()
    qtbot.addWidget(browser)
    total = SLICE_ROWS * 3 + 17
    browser.set_prepared(prepare_rows(browser.row_request(), _rows(total)))
    assert browser.model.rowCount() == SLICE_ROWS  # the first slice now, the rest on later turns
    assert browser.model.total_rows == total and not browser.model.complete
    qtbot.waitUntil(lambda: browser.model.complete, timeout=GUARD_MS)
    assert browser.model.rowCount() == total
    assert browser.proxy.rowCount() == total
    labels = [browser.model.data(browser.model.index(r, 0)) for r in range(total)]
    assert labels == sorted(labels)  # slices keep the view's sort order
    assert str(total) in browser.status.text().replace("\u00a0", "").replace(" ", "")


def test_sorting_while_slices_are_pending_takes_every_row() -> None:
    model = RowsModel(["a", "b"])
    rows = [(f"r{i:05d}", i) for i in range(SLICE_ROWS + 500)]
    model.set_rows(rows, in_slices=True)
    assert model.rowCount() == SLICE_ROWS
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert model.complete and model.rowCount() == len(rows)
    assert model.data(model.index(0, 1)) == str(len(rows) - 1)


def test_a_new_list_replaces_the_slices_still_to_come(qtbot) -> None:
    model = RowsModel(["a"])
    model.set_rows([(f"old{i}",) for i in range(SLICE_ROWS * 2)], in_slices=True)
    model.set_rows([("new",)], in_slices=True)
    assert model.complete and model.rowCount() == 1
    qtbot.wait(20)
    assert model.rowCount() == 1


def test_columns_fit_a_long_name_from_the_sample_and_the_header(qtbot) -> None:
    browser = DataBrowser()
    qtbot.addWidget(browser)
    rows = _rows(SLICE_ROWS * 2)
    long_name = "Kristine Marie Andersen-Sørensen Bergersen"
    rows[0] = ReferenceRow(0, long_name, "1", True)
    browser.set_prepared(prepare_rows(browser.row_request(), rows))
    header = browser.table.horizontalHeader()
    metrics = browser.table.fontMetrics()
    assert header.sectionSize(0) >= metrics.horizontalAdvance(long_name)
    for column in (1, 2, 3):
        assert header.sectionSize(column) >= header.sectionSizeHint(column)
