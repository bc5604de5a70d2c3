"""The headless commands' catalogue: counted sentences in their singular and plural forms, and the language rule."""

from __future__ import annotations

import re

import pytest

from tripletex_desktop.cli.texts import MESSAGES, Plural, Texts, language


def test_no_sentence_leaves_a_plural_to_the_reader() -> None:
    # "report(s)", "tilkobling(er)": a count is always said in its own form
    for lang, table in MESSAGES.items():
        for key, text in table.items():
            forms = (text.one, text.other) if isinstance(text, Plural) else (text,)
            for form in forms:
                assert not re.search(r"\w\((s|er|e)\)", form), (lang, key, form)


@pytest.mark.parametrize(
    ("lang", "one", "many"),
    [
        ("en", "1 travel report needs you", "3 travel reports need you"),
        ("nb", "1 reiseregning trenger deg", "3 reiseregninger trenger deg"),
    ],
)
def test_a_count_picks_its_form(lang: str, one: str, many: str) -> None:
    text = Texts(lang, "sync")
    assert text("waiting", count=1).startswith(one)
    assert text("waiting", count=3).startswith(many)
    assert text("waiting", count=0).startswith(many.replace("3", "0"))


@pytest.mark.parametrize(("days", "word"), [(1, "day"), (-1, "day"), (4, "days"), (-4, "days")])
def test_a_clock_skew_of_one_day_is_a_day(days: int, word: str) -> None:
    assert f"{days:+d} {word} off" in Texts("en", "sync")("clock_skew", days=days)


def test_both_forms_of_a_plural_use_the_same_placeholders() -> None:
    for lang, table in MESSAGES.items():
        for key, text in table.items():
            if isinstance(text, Plural):
                names = [set(re.findall(r"\{(\w+)", form)) for form in (text.one, text.other)]
                assert names[0] == names[1] and text.by in names[0], (lang, key)


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "nb_NO.UTF-8"}, "nb"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "en_GB.UTF-8", "LANGUAGE": "nb:en"}, "nb"),  # LANGUAGE comes first, as in gettext
        ({"LANG": "nb_NO.UTF-8", "LANGUAGE": "en_US:en"}, "en"),
        ({"LANG": "C.UTF-8", "LANGUAGE": "nb"}, "en"),  # ... except under the C locale
        ({"LANGUAGE": "nb"}, "en"),  # ... which is also what no locale at all means
        ({"LC_ALL": "nn_NO.UTF-8", "LANG": "en_US.UTF-8"}, "nb"),
        ({}, "en"),
    ],
)
def test_the_language_follows_the_environment_as_gettext_does(environ: dict[str, str], expected: str) -> None:
    assert language(None, environ) == expected
    assert language("en", environ) == "en"  # --lang wins
