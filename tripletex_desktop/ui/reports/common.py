"""Small helpers shared by the travel report widgets: naming for accessibility, state and amount text."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from tripletex_desktop.ui.formatting import money as money  # re-exported for the report widgets
from tripletex_desktop.ui.i18n import QT_TRANSLATE_NOOP

CONTEXT = "Reports"

W = TypeVar("W", bound=QWidget)

#: Report states (storage/reports.py STATES) -> text.
STATE_TEXT: dict[str, str] = {
    "draft": QT_TRANSLATE_NOOP("Reports", "Draft"),
    # "Approved" would collide with Tripletex's own approval (the employer's, after the report arrives)
    "approved": QT_TRANSLATE_NOOP("Reports", "Ready to send"),
    "queued": QT_TRANSLATE_NOOP("Reports", "Waiting to be sent"),
    "sending": QT_TRANSLATE_NOOP("Reports", "Sending"),
    "sent": QT_TRANSLATE_NOOP("Reports", "Sent"),
    "failed": QT_TRANSLATE_NOOP("Reports", "Failed"),
    "unknown": QT_TRANSLATE_NOOP("Reports", "Unclear \u2013 check status in Tripletex"),
}


#: Tripletex's own travel expense states (as "Check status in Tripletex" reads them) -> text.
TRIPLETEX_STATE_TEXT: dict[str, str] = {
    "OPEN": QT_TRANSLATE_NOOP("Reports", "Open"),
    "DELIVERED": QT_TRANSLATE_NOOP("Reports", "Delivered"),
    "APPROVED": QT_TRANSLATE_NOOP("Reports", "Approved"),
    "SALARY_PAID": QT_TRANSLATE_NOOP("Reports", "Paid out"),
    "REJECTED": QT_TRANSLATE_NOOP("Reports", "Rejected"),
}


#: What Tripletex holds, by its state, next to the local state in the report list.
HOLDING_TEXT: dict[str, str] = {
    "OPEN": QT_TRANSLATE_NOOP("Reports", "In Tripletex as no. %1, open \u2013 not delivered"),
    "DELIVERED": QT_TRANSLATE_NOOP("Reports", "In Tripletex as no. %1, delivered"),
    "APPROVED": QT_TRANSLATE_NOOP("Reports", "In Tripletex as no. %1, approved"),
    "SALARY_PAID": QT_TRANSLATE_NOOP("Reports", "In Tripletex as no. %1, paid out"),
    "REJECTED": QT_TRANSLATE_NOOP("Reports", "In Tripletex as no. %1, rejected"),
}


def tr(text: str) -> str:
    """Translate in the shared "Reports" context (for module-level helpers)."""
    return QCoreApplication.translate(CONTEXT, text)


def state_text(state: str) -> str:
    """The translated name of a report state."""
    source = STATE_TEXT.get(state)
    return tr(source) if source else state


def tripletex_state_text(state: str | None) -> str:
    """The translated name of a Tripletex travel expense state (the raw value when Tripletex adds a new one)."""
    if not state:
        return ""
    source = TRIPLETEX_STATE_TEXT.get(state.upper())
    return tr(source) if source else state


def name(widget: W, object_name: str, accessible: str, description: str = "") -> W:
    """Give `widget` an objectName (tests, style) and an accessible name (screen readers)."""
    widget.setObjectName(object_name)
    widget.setAccessibleName(accessible)
    if description:
        widget.setAccessibleDescription(description)
    return widget


def tripletex_holding_text(number: int | None, tripletex_id: int | None, state: str | None) -> str:
    """What Tripletex holds of a report, in plain words ("In Tripletex as no. 9, open – not delivered"); empty
    while Tripletex holds nothing the app knows of."""
    if tripletex_id is None and number is None:
        return ""
    if number is None:
        return tr(QT_TRANSLATE_NOOP("Reports", "In Tripletex (its number is not known yet)"))
    source = HOLDING_TEXT.get((state or "").upper())
    if source is None:
        return tr(QT_TRANSLATE_NOOP("Reports", "In Tripletex as no. %1")).replace("%1", str(number))
    return tr(source).replace("%1", str(number))


def estimate_note() -> str:
    """What "≈" in front of an amount means (its tooltip in the list, the editor and the preview)."""
    return QCoreApplication.translate(
        "Reports",
        "Includes costs in other currencies at the exchange rate of their date: an estimate. Tripletex "
        "computes the final amount in NOK when the report arrives.",
    )
