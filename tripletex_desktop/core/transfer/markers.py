"""The markers that find a travel report and its cost lines again in Tripletex after an unknown outcome."""

from __future__ import annotations

import uuid


def short_id(report_id: uuid.UUID) -> str:
    """The first 8 hex digits of the report's uuid."""
    return report_id.hex[:8]


def report_marker(report_id: uuid.UUID) -> str:
    """``[TD:xxxxxxxx]`` — put in the journey description of a travel report, the title of an employee
    expense (reports sent by older versions carry it in the title too; the search matches both)."""
    return f"[TD:{short_id(report_id)}]"


def line_marker(report_id: uuid.UUID, tag: str) -> str:
    """``[TD:xxxxxxxx:c3]`` — put in a cost's comments."""
    return f"[TD:{short_id(report_id)}:{tag}]"


def has_report_marker(text: str | None, report_id: uuid.UUID) -> bool:
    """True when `text` carries the report marker (not a line marker)."""
    return bool(text) and report_marker(report_id) in (text or "")
