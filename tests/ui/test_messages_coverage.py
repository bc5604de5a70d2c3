"""Every error code the app can raise has its own plain-language message in both languages."""

import importlib
import pkgutil

import tripletex_desktop
from tripletex_desktop.core.errors import TripletexDesktopError
from tripletex_desktop.ui import messages


def _all_error_classes() -> set[type[TripletexDesktopError]]:
    skip = ("tripletex_desktop.ui.application", "tripletex_desktop.__main__")
    for info in pkgutil.walk_packages(tripletex_desktop.__path__, "tripletex_desktop."):
        if not info.name.startswith(skip) and ".tools" not in info.name:
            importlib.import_module(info.name)
    seen: set[type[TripletexDesktopError]] = set()
    stack = [TripletexDesktopError]
    while stack:
        cls = stack.pop()
        seen.add(cls)
        stack.extend(cls.__subclasses__())
    return seen


def test_every_error_code_has_its_own_catalogue_entry():
    codes = {cls.code for cls in _all_error_classes() if cls is not TripletexDesktopError}
    missing = sorted(code for code in codes if code not in messages.ERRORS)
    assert missing == []


def test_unknown_codes_fall_back_to_a_generic_message():
    from tripletex_desktop.core.errors import ErrorInfo

    assert messages.message_for(ErrorInfo(code="never-heard-of-it")).title
