"""The categories page of an accountant: each client in the list is marked done or with what is still to choose,
and the page is complete exactly when every mark says done."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QTreeWidget, QWizard

from tests.support.wizard import click_next, connect_with, go_to_token_page
from tripletex_desktop.simulator import Simulator
from tripletex_desktop.simulator.seed import Scale
from tripletex_desktop.ui.wizard.categories import DONE, SEARCH_FROM, TO_CHOOSE

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

STATE = Qt.ItemDataRole.UserRole + 1


def to_categories(qtbot, wiz) -> None:
    go_to_token_page(qtbot, wiz)
    connect_with(qtbot, wiz, "demo-accountant")
    click_next(qtbot, wiz)  # companies
    qtbot.mouseClick(wiz.companies.select_all, Qt.MouseButton.LeftButton)
    click_next(qtbot, wiz)  # sync
    click_next(qtbot, wiz)  # permissions
    click_next(qtbot, wiz)  # categories
    assert wiz.page_key() == "categories"
    qtbot.waitUntil(lambda: not wiz.categories.panel.busy, timeout=5000)


def marks(tree: QTreeWidget) -> dict[str, tuple[str, str]]:
    return {
        tree.topLevelItem(i).text(0): (tree.topLevelItem(i).data(1, STATE), tree.topLevelItem(i).text(1))
        for i in range(tree.topLevelItemCount())
    }


def test_each_client_is_marked_and_the_page_is_complete_when_every_mark_says_done(qtbot, sync_env):
    wiz = sync_env.wizard(qtbot)
    to_categories(qtbot, wiz)
    page = wiz.categories
    tree = page.findChild(QTreeWidget, "categoriesCompanies")
    count = page.findChild(QLabel, "categoriesDoneCount")
    next_button = wiz.button(QWizard.WizardButton.NextButton)
    assert tree.isVisible() and tree.topLevelItemCount() == 3
    # the demo clients' suggestions are complete as they are: every client done, the page complete
    assert {state for state, _ in marks(tree).values()} == {DONE}
    assert {text for _, text in marks(tree).values()} == {"Done"}
    assert count.text() == "All 3 companies done." and next_button.isEnabled()

    # clear the payment type of the client shown: its mark says what to choose, the count and Next follow
    shown = tree.currentItem().text(0)
    page.payment.setCurrentIndex(0)  # (not chosen)
    state, text = marks(tree)[shown]
    assert state == TO_CHOOSE and text == "Choose payment type"
    assert tree.currentItem().foreground(1).color().name() != tree.palette().text().color().name()
    assert count.text().startswith(f"{sum(s == DONE for s, _ in marks(tree).values())} of 3 companies done")
    assert not page.isComplete() and not next_button.isEnabled()

    # another client is looked at; "Next not done" comes back to the one that is not
    tree.setCurrentItem(next(tree.topLevelItem(i) for i in range(3) if tree.topLevelItem(i).text(0) != shown))
    qtbot.mouseClick(page.findChild(QPushButton, "categoriesNextMissing"), Qt.MouseButton.LeftButton)
    assert tree.currentItem().text(0) == shown
    assert page.company_name.text() == shown
    page.payment.setCurrentIndex(1)
    assert marks(tree)[shown][0] == DONE
    assert page.isComplete() == all(state == DONE for state, _ in marks(tree).values())
    assert next_button.isEnabled() == page.isComplete()


def test_many_clients_get_a_search_field_and_next_not_done_finds_a_hidden_one(qtbot, sync_env):
    sync_env.sim = Simulator(
        scale=Scale(clients=SEARCH_FROM + 2, employees_per_client=1), sleep=lambda s: None
    )
    sync_env.transport.inner = sync_env.sim.transport()
    wiz = sync_env.wizard(qtbot)
    to_categories(qtbot, wiz)
    page = wiz.categories
    tree = page.findChild(QTreeWidget, "categoriesCompanies")
    search = page.findChild(QLineEdit, "categoriesSearch")
    total = tree.topLevelItemCount()
    assert total >= SEARCH_FROM and search.isVisible()
    first = tree.topLevelItem(0).text(0)
    page.payment.setCurrentIndex(0)  # the first client is not done now
    last = tree.topLevelItem(total - 1).text(0)
    qtbot.keyClicks(search, last)
    shown = [tree.topLevelItem(i) for i in range(total) if not tree.topLevelItem(i).isHidden()]
    assert [i.text(0) for i in shown] == [last]
    tree.setCurrentItem(shown[0])
    qtbot.mouseClick(page.next_missing, Qt.MouseButton.LeftButton)
    assert tree.currentItem().text(0) == first and not tree.currentItem().isHidden()
    assert search.text() == ""


def test_what_is_left_to_choose_is_named(qtbot, sync_env):
    wiz = sync_env.wizard(qtbot)
    to_categories(qtbot, wiz)
    page = wiz.categories
    assert page.status_text(TO_CHOOSE, ["payment_type", "per_diem_cost_category"]) == (
        "Choose payment type, per diem"
    )
    assert page.status_text(DONE, []) == "Done"
