"""One token clean-up for pasted tokens (core.api.target.clean_token), shared by the wizard and its backend."""

from __future__ import annotations

import pytest

from tripletex_desktop.core.api.target import check_employee_token, clean_token, normalize_token
from tripletex_desktop.core.errors import MalformedToken
from tripletex_desktop.core.models import Environment
from tripletex_desktop.services import wizard as wizard_backend


@pytest.mark.parametrize(
    ("pasted", "cleaned"),
    [
        ("  abc\ndef \r\n", "abcdef"),
        ("\tabc\u00a0def\u2028", "abcdef"),  # tabs, no-break space and line separator from rich-text copies
        ("abc", "abc"),
        ("   ", ""),
        ("", ""),
    ],
)
def test_clean_token_drops_every_whitespace(pasted, cleaned):
    assert clean_token(pasted) == cleaned


def test_a_cleaned_token_passes_the_strict_checks_and_an_empty_one_does_not():
    assert normalize_token(clean_token(" ab\ncd ")) == "abcd"
    with pytest.raises(MalformedToken):
        check_employee_token(clean_token(" \n "), Environment.TEST)


def test_the_wizard_backend_uses_the_core_function():
    assert wizard_backend.clean_token is clean_token
