"""Exactly-once transfer of a travel report to Tripletex: payloads, a write-ahead journal and reconciliation.

The modules: `markers` (how a report and its costs are found again), `plan` (the steps and their requests),
`payloads` (a report's Tripletex JSON), `vat` (each cost's VAT code), `journal` (the write-ahead journal's protocol), `client` (what the
transfer needs from the API client), `reconcile` (finding a step's row after an unknown outcome) and
`timing` (the grace period before a rewrite) and `protocol` (the transfer itself; its docstring describes
the protocol).
"""

# Lazy (PEP 562): a name is imported from its module on first use, so importing one light module of
# this package (or one name) does not load the heavy ones; the imports below are for type checkers and
# the import-linter contracts, which see them as the package's imports.

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tripletex_desktop.core.transfer.client import CurrencyClient, TravelClient
    from tripletex_desktop.core.transfer.journal import (
        InMemoryJournal,
        Journal,
        JournalState,
        ReportStatus,
        StepRecord,
    )
    from tripletex_desktop.core.transfer.markers import (
        has_report_marker,
        line_marker,
        report_marker,
        short_id,
    )
    from tripletex_desktop.core.transfer.payloads import build_payloads, resolve_currencies
    from tripletex_desktop.core.transfer.plan import (
        NEW_REPORT_ID,
        CurrencyUnknown,
        Json,
        PlanInvalid,
        PlannedRequest,
        PlannedStep,
        StepKind,
        TransferPlan,
    )
    from tripletex_desktop.core.transfer.protocol import (
        STAYS_QUEUED,
        ApproveRefused,
        AwaitingTripletex,
        CreatedWithoutId,
        ReceiptUnreadable,
        ReportMissing,
        TransferResult,
        TransferState,
        settle_deadline,
        settle_pending,
        transfer,
    )
    from tripletex_desktop.core.transfer.reconcile import (
        APPROVED_STATES,
        DELIVERED_STATES,
        REPORT_FIELDS,
    )
    from tripletex_desktop.core.transfer.timing import WriteTiming
    from tripletex_desktop.core.transfer.vat import CostVat

#: Each public name and the module that defines it.
_EXPORTS: dict[str, str] = {
    "CurrencyClient": "tripletex_desktop.core.transfer.client",
    "TravelClient": "tripletex_desktop.core.transfer.client",
    "InMemoryJournal": "tripletex_desktop.core.transfer.journal",
    "Journal": "tripletex_desktop.core.transfer.journal",
    "JournalState": "tripletex_desktop.core.transfer.journal",
    "ReportStatus": "tripletex_desktop.core.transfer.journal",
    "StepRecord": "tripletex_desktop.core.transfer.journal",
    "has_report_marker": "tripletex_desktop.core.transfer.markers",
    "line_marker": "tripletex_desktop.core.transfer.markers",
    "report_marker": "tripletex_desktop.core.transfer.markers",
    "short_id": "tripletex_desktop.core.transfer.markers",
    "build_payloads": "tripletex_desktop.core.transfer.payloads",
    "resolve_currencies": "tripletex_desktop.core.transfer.payloads",
    "NEW_REPORT_ID": "tripletex_desktop.core.transfer.plan",
    "CurrencyUnknown": "tripletex_desktop.core.transfer.plan",
    "Json": "tripletex_desktop.core.transfer.plan",
    "PlanInvalid": "tripletex_desktop.core.transfer.plan",
    "PlannedRequest": "tripletex_desktop.core.transfer.plan",
    "PlannedStep": "tripletex_desktop.core.transfer.plan",
    "StepKind": "tripletex_desktop.core.transfer.plan",
    "TransferPlan": "tripletex_desktop.core.transfer.plan",
    "STAYS_QUEUED": "tripletex_desktop.core.transfer.protocol",
    "ApproveRefused": "tripletex_desktop.core.transfer.protocol",
    "AwaitingTripletex": "tripletex_desktop.core.transfer.protocol",
    "CreatedWithoutId": "tripletex_desktop.core.transfer.protocol",
    "ReceiptUnreadable": "tripletex_desktop.core.transfer.protocol",
    "ReportMissing": "tripletex_desktop.core.transfer.protocol",
    "TransferResult": "tripletex_desktop.core.transfer.protocol",
    "TransferState": "tripletex_desktop.core.transfer.protocol",
    "settle_deadline": "tripletex_desktop.core.transfer.protocol",
    "settle_pending": "tripletex_desktop.core.transfer.protocol",
    "transfer": "tripletex_desktop.core.transfer.protocol",
    "APPROVED_STATES": "tripletex_desktop.core.transfer.reconcile",
    "DELIVERED_STATES": "tripletex_desktop.core.transfer.reconcile",
    "REPORT_FIELDS": "tripletex_desktop.core.transfer.reconcile",
    "WriteTiming": "tripletex_desktop.core.transfer.timing",
    "CostVat": "tripletex_desktop.core.transfer.vat",
}

__all__ = [
    "APPROVED_STATES",
    "ApproveRefused",
    "AwaitingTripletex",
    "CreatedWithoutId",
    "DELIVERED_STATES",
    "NEW_REPORT_ID",
    "REPORT_FIELDS",
    "STAYS_QUEUED",
    "CostVat",
    "CurrencyClient",
    "CurrencyUnknown",
    "InMemoryJournal",
    "Journal",
    "JournalState",
    "Json",
    "PlanInvalid",
    "PlannedRequest",
    "PlannedStep",
    "ReceiptUnreadable",
    "ReportMissing",
    "ReportStatus",
    "StepKind",
    "StepRecord",
    "TransferPlan",
    "TransferResult",
    "TransferState",
    "TravelClient",
    "WriteTiming",
    "build_payloads",
    "has_report_marker",
    "line_marker",
    "report_marker",
    "resolve_currencies",
    "settle_deadline",
    "settle_pending",
    "settle_pending",
    "short_id",
    "transfer",
]


def __getattr__(name: str) -> Any:
    """Import `name` from its module on first use (and keep it here)."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names, loaded or not."""
    return sorted(set(globals()) | set(_EXPORTS))
