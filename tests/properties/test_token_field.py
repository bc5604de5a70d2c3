"""The token field: whatever is pasted, the result is a clean token or a typed error with a translated message,
and a clean token never carries whitespace."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tripletex_desktop.core.api.target import check_employee_token, clean_token
from tripletex_desktop.core.errors import TripletexDesktopError
from tripletex_desktop.core.models import Environment
from tripletex_desktop.services.wizard import check_token_shape
from tripletex_desktop.ui.messages import ERRORS

TOKENISH = st.text(alphabet=st.characters(codec="utf-8"), max_size=300)
PASTED = st.builds(
    lambda pre, token, post: pre + token + post,
    st.sampled_from(["", " ", "\n", "\t", "\r\n", "\u00a0", "\u2028", " \ufeff"]),
    st.text(alphabet=st.characters(categories=("L", "N", "P", "S")), min_size=1, max_size=200),
    st.sampled_from(["", " ", "\n", "\r\n", "\t\n", "\u200b"]),
)


@given(raw=st.one_of(TOKENISH, PASTED), environment=st.sampled_from(list(Environment)))
def test_any_paste_is_a_clean_token_or_a_translated_refusal(raw: str, environment: Environment) -> None:
    cleaned = clean_token(raw)
    assert not any(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in cleaned)
    try:
        check_token_shape(cleaned, environment)
    except TripletexDesktopError as exc:
        assert exc.code in ERRORS, exc.code  # a message of its own in nb and en, not the generic one
        return
    assert check_employee_token(cleaned, environment) == cleaned
    assert cleaned and not (environment is Environment.PRODUCTION and cleaned.startswith("test-"))


@given(token=st.text(alphabet=st.characters(categories=("L", "N")), min_size=1, max_size=80))
def test_whitespace_around_and_inside_a_paste_is_dropped(token: str) -> None:
    pasted = f"  {token[: len(token) // 2]}\n{token[len(token) // 2 :]}\r\n"
    assert clean_token(pasted) == token


@pytest.mark.parametrize(
    ("pasted", "token"),
    [("\ufeffabc123==", "abc123=="), ("abc\u200b123", "abc123"), ("\u2060abc\u00a0123\u200d\n", "abc123")],
)
def test_invisible_characters_from_a_web_page_are_dropped(pasted: str, token: str) -> None:
    assert clean_token(pasted) == token


@pytest.mark.parametrize("raw", ["", "   ", "\n\n", "\u00a0", "\ufeff", "\u200b "])
def test_an_empty_paste_is_a_clear_refusal(raw: str) -> None:
    with pytest.raises(TripletexDesktopError) as caught:
        check_token_shape(clean_token(raw), Environment.PRODUCTION)
    assert caught.value.code in ERRORS
