"""The texts of the write protocol: which line a problem is on, and what the app waits for, until when."""

from __future__ import annotations

import datetime as dt

from tripletex_desktop.ui.messages import problem_line_text, waiting_text


def test_a_line_problem_names_the_line_a_person_counts(qapp) -> None:
    assert problem_line_text("lines[2].cost_category_id", "cost_category_gone") == (
        "Line 3: This cost category is no longer in Tripletex (latest sync); choose another."
    )
    assert problem_line_text("title", "title_missing") == "Enter a title."


def test_the_wait_is_said_with_its_local_time_and_the_date_when_not_today(qapp) -> None:
    now = dt.datetime(2026, 11, 20, 13, 0, tzinfo=dt.UTC)
    later = now + dt.timedelta(minutes=5)
    assert waiting_text(later, now) == (
        f"Waiting for an answer from Tripletex before trying again, until {later.astimezone():%H:%M}"
    )
    tomorrow = now + dt.timedelta(days=1)
    assert waiting_text(tomorrow, now) == (
        "Waiting for an answer from Tripletex before trying again, until "
        f"{tomorrow.astimezone():%d.%m.%Y} at {tomorrow.astimezone():%H:%M}"
    )
