"""Exactly-once transfer of a travel report to Tripletex: payloads, a write-ahead journal and reconciliation.

The modules: `markers` (how a report and its costs are found again), `plan` (the steps and their requests),
`payloads` (a report's Tripletex JSON), `vat` (each cost's VAT code), `journal` (the write-ahead journal's protocol), `client` (what the
transfer needs from the API client), `reconcile` (finding a step's row after an unknown outcome) and
`timing` (the grace period before a rewrite) and `protocol` (the transfer itself; its docstring describes
the protocol).
"""

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
    transfer,
)
from tripletex_desktop.core.transfer.reconcile import (
    APPROVED_STATES,
    DELIVERED_STATES,
    REPORT_FIELDS,
)
from tripletex_desktop.core.transfer.timing import WriteTiming
from tripletex_desktop.core.transfer.vat import CostVat

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
    "short_id",
    "transfer",
]
