"""Background sync engine: pull reference lists into storage, push the outbox, report (Qt-free, synchronous)."""

from tripletex_desktop.core.sync.backoff import SharedBackoff
from tripletex_desktop.core.sync.engine import (
    CancelLike,
    CompanyClientLike,
    NoOutbox,
    OutboxPusher,
    ProgressCallback,
    ReferenceSink,
    SyncEngine,
    entities_for,
)
from tripletex_desktop.core.sync.report import (
    TOKEN_ERROR_CODES,
    CompanyReport,
    CompanyTarget,
    Entity,
    EntityCounts,
    EntityError,
    HistoryEntry,
    Phase,
    PushSummary,
    ReferenceRow,
    RunStatus,
    SyncPlan,
    SyncReport,
)

__all__ = [
    "TOKEN_ERROR_CODES",
    "CancelLike",
    "CompanyClientLike",
    "CompanyReport",
    "CompanyTarget",
    "Entity",
    "EntityCounts",
    "EntityError",
    "HistoryEntry",
    "NoOutbox",
    "OutboxPusher",
    "Phase",
    "ProgressCallback",
    "PushSummary",
    "ReferenceRow",
    "ReferenceSink",
    "RunStatus",
    "SharedBackoff",
    "SyncEngine",
    "SyncPlan",
    "SyncReport",
    "entities_for",
]
