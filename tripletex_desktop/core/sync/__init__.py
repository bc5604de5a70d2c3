"""Background sync engine: pull reference lists into storage, push the outbox, report (Qt-free, synchronous)."""

# Lazy (PEP 562): a name is imported from its module on first use, so importing one light module of
# this package (or one name) does not load the heavy ones; the imports below are for type checkers and
# the import-linter contracts, which see them as the package's imports.

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tripletex_desktop.core.sync.backoff import SharedBackoff
    from tripletex_desktop.core.sync.engine import (
        CompanyClientLike,
        NoOutbox,
        OutboxClient,
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

#: Each public name and the module that defines it.
_EXPORTS: dict[str, str] = {
    "SharedBackoff": "tripletex_desktop.core.sync.backoff",
    "CompanyClientLike": "tripletex_desktop.core.sync.engine",
    "NoOutbox": "tripletex_desktop.core.sync.engine",
    "OutboxClient": "tripletex_desktop.core.sync.engine",
    "OutboxPusher": "tripletex_desktop.core.sync.engine",
    "ProgressCallback": "tripletex_desktop.core.sync.engine",
    "ReferenceSink": "tripletex_desktop.core.sync.engine",
    "SyncEngine": "tripletex_desktop.core.sync.engine",
    "entities_for": "tripletex_desktop.core.sync.engine",
    "TOKEN_ERROR_CODES": "tripletex_desktop.core.sync.report",
    "CompanyReport": "tripletex_desktop.core.sync.report",
    "CompanyTarget": "tripletex_desktop.core.sync.report",
    "Entity": "tripletex_desktop.core.sync.report",
    "EntityCounts": "tripletex_desktop.core.sync.report",
    "EntityError": "tripletex_desktop.core.sync.report",
    "HistoryEntry": "tripletex_desktop.core.sync.report",
    "Phase": "tripletex_desktop.core.sync.report",
    "PushSummary": "tripletex_desktop.core.sync.report",
    "ReferenceRow": "tripletex_desktop.core.sync.report",
    "RunStatus": "tripletex_desktop.core.sync.report",
    "SyncPlan": "tripletex_desktop.core.sync.report",
    "SyncReport": "tripletex_desktop.core.sync.report",
}

__all__ = [
    "TOKEN_ERROR_CODES",
    "CompanyClientLike",
    "CompanyReport",
    "CompanyTarget",
    "Entity",
    "EntityCounts",
    "EntityError",
    "HistoryEntry",
    "NoOutbox",
    "OutboxClient",
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
