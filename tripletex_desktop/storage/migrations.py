"""Database schema steps for `PRAGMA user_version`: an append-only list, step N takes the DB to version N."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    """One schema step: SQL (a script) and/or a Python function run inside the same transaction."""

    name: str
    sql: str = ""
    func: Callable[[sqlite3.Connection], None] | None = None


# v1 — reference data pulled from Tripletex, and the list checksums used for If-None-Match.
_V1 = """
CREATE TABLE reference_data (
    connection_id TEXT    NOT NULL,
    company_id    INTEGER NOT NULL,
    kind          TEXT    NOT NULL,
    tripletex_id  INTEGER NOT NULL,
    label         TEXT    NOT NULL,
    number        TEXT,
    is_active     INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    data          TEXT    NOT NULL DEFAULT '{}',
    search_text   TEXT    NOT NULL DEFAULT '',
    first_seen    TEXT    NOT NULL,
    last_seen     TEXT    NOT NULL,
    PRIMARY KEY (connection_id, company_id, kind, tripletex_id)
) WITHOUT ROWID;
CREATE INDEX reference_data_by_label ON reference_data (connection_id, company_id, kind, is_active, label);

CREATE TABLE list_digests (
    connection_id  TEXT    NOT NULL,
    company_id     INTEGER NOT NULL,
    kind           TEXT    NOT NULL,
    version_digest TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL,
    PRIMARY KEY (connection_id, company_id, kind)
) WITHOUT ROWID;
"""

# v2 — sync history (one row per run, its errors as child rows) and permission check results.
_V2 = """
CREATE TABLE sync_runs (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    connection_id TEXT    NOT NULL,
    company_id    INTEGER,
    trigger       TEXT    NOT NULL,
    started_at    TEXT    NOT NULL,
    finished_at   TEXT,
    result        TEXT,
    counts        TEXT    NOT NULL DEFAULT '{}',
    warnings      TEXT    NOT NULL DEFAULT '[]'
);
CREATE INDEX sync_runs_by_connection ON sync_runs (connection_id, id);

CREATE TABLE sync_run_errors (
    id         INTEGER PRIMARY KEY,
    run_id     INTEGER NOT NULL REFERENCES sync_runs (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    code       TEXT    NOT NULL,
    detail     TEXT    NOT NULL DEFAULT '',
    request_id TEXT,
    company_id INTEGER
);
CREATE INDEX sync_run_errors_by_run ON sync_run_errors (run_id, position);

CREATE TABLE permission_checks (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    connection_id TEXT    NOT NULL,
    company_id    INTEGER NOT NULL,
    checked_at    TEXT    NOT NULL,
    results       TEXT    NOT NULL
);
CREATE INDEX permission_checks_by_company ON permission_checks (connection_id, company_id, id);
"""

# v3 — travel reports (drafts to sent), the outbox journal of transfer steps, remembered import layouts.
_V3 = """
CREATE TABLE travel_reports (
    uuid               TEXT    PRIMARY KEY,
    connection_id      TEXT    NOT NULL,
    company_id         INTEGER NOT NULL,
    kind               TEXT    NOT NULL DEFAULT 'TRAVEL',
    state              TEXT    NOT NULL DEFAULT 'draft'
        CHECK (state IN ('draft', 'approved', 'queued', 'sending', 'sent', 'failed', 'unknown')),
    report             TEXT    NOT NULL,
    employee_id        INTEGER,
    employee_name      TEXT    NOT NULL DEFAULT '',
    title              TEXT    NOT NULL DEFAULT '',
    departure_date     TEXT,
    return_date        TEXT,
    amount             TEXT,
    search_text        TEXT    NOT NULL DEFAULT '',
    tripletex_id       INTEGER,
    tripletex_number   INTEGER,
    tripletex_state    TEXT,
    last_error         TEXT,
    import_fingerprint TEXT,
    created_at         TEXT    NOT NULL,
    updated_at         TEXT    NOT NULL
);
CREATE UNIQUE INDEX travel_reports_fingerprint ON travel_reports (company_id, import_fingerprint)
    WHERE import_fingerprint IS NOT NULL;
CREATE INDEX travel_reports_by_company ON travel_reports (connection_id, company_id, state, updated_at);

CREATE TABLE outbox_journal (
    report_uuid  TEXT    NOT NULL REFERENCES travel_reports (uuid) ON DELETE CASCADE,
    step_key     TEXT    NOT NULL,
    status       TEXT    NOT NULL CHECK (status IN ('intent', 'done', 'unknown')),
    tripletex_id INTEGER,
    updated_at   TEXT    NOT NULL,
    PRIMARY KEY (report_uuid, step_key)
) WITHOUT ROWID;

CREATE TABLE import_layouts (
    layout_key TEXT PRIMARY KEY,
    mapping    TEXT NOT NULL,
    updated_at TEXT NOT NULL
) WITHOUT ROWID;
"""

# v4 — the outbox journal keeps time and content per step: when the latest attempt was sent, when it can no
# longer land (the grace period of core.transfer.timing), and a fingerprint of what a done step wrote (so a
# corrected report updates only the lines that changed).
_V4 = """
ALTER TABLE outbox_journal ADD COLUMN sent_at TEXT;
ALTER TABLE outbox_journal ADD COLUMN settle_at TEXT;
ALTER TABLE outbox_journal ADD COLUMN fingerprint TEXT;
"""

# v5 — the rows each import stored (core.importing RowRecord), so a later import skips them and refuses a new
# row that would join a trip imported before; deleting a draft forgets its rows.
_V5 = """
CREATE TABLE import_rows (
    company_id  INTEGER NOT NULL,
    fingerprint TEXT    NOT NULL,
    report_uuid TEXT    NOT NULL REFERENCES travel_reports (uuid) ON DELETE CASCADE,
    row_number  INTEGER NOT NULL,
    employee_id INTEGER,
    trip_key    TEXT,
    start_at    TEXT,
    end_at      TEXT,
    PRIMARY KEY (company_id, fingerprint)
) WITHOUT ROWID;
CREATE INDEX import_rows_by_report ON import_rows (report_uuid);
"""

# v6 — the travel reports' archive: every approval, reopening, send result and status check, as it happened.
_V6 = """
CREATE TABLE report_events (
    id               INTEGER PRIMARY KEY,
    report_uuid      TEXT    NOT NULL REFERENCES travel_reports (uuid) ON DELETE CASCADE,
    connection_id    TEXT    NOT NULL,
    company_id       INTEGER NOT NULL,
    at               TEXT    NOT NULL,
    kind             TEXT    NOT NULL,
    state            TEXT    NOT NULL,
    tripletex_number INTEGER,
    tripletex_state  TEXT,
    error            TEXT
);
CREATE INDEX report_events_by_connection ON report_events (connection_id, at, id);
"""

# v7 — what Tripletex showed just before a step's latest attempt, where the row cannot be found by itself: the
# report's attachments before a receipt upload (attachmentCount and the document), so a search after an unknown
# outcome sees whether the upload landed whatever attachmentCount counts.
_V7 = """
ALTER TABLE outbox_journal ADD COLUMN observed TEXT;
"""

# v8 — the list's dates of a report without departure and return times (an employee expense, a draft with lines
# only): the first and the last date of its lines, as ReportStore now stores them (storage.reports._dates).
_V8 = """
UPDATE travel_reports SET
    departure_date = (SELECT min(json_extract(l.value, '$.date')) FROM json_each(travel_reports.report, '$.lines') l
                      WHERE json_extract(l.value, '$.date') IS NOT NULL),
    return_date    = (SELECT max(json_extract(l.value, '$.date')) FROM json_each(travel_reports.report, '$.lines') l
                      WHERE json_extract(l.value, '$.date') IS NOT NULL)
WHERE departure_date IS NULL AND return_date IS NULL AND json_valid(report);
"""

#: Append-only. Never edit a step that has shipped; add a new one.
MIGRATIONS: list[Migration] = [
    Migration("reference data and list digests", _V1),
    Migration("sync history and permission checks", _V2),
    Migration("travel reports, outbox journal and import layouts", _V3),
    Migration("outbox journal: attempt times, settle times and fingerprints", _V4),
    Migration("imported rows", _V5),
    Migration("travel report events (the archive)", _V6),
    Migration("outbox journal: what Tripletex showed before an attempt", _V7),
    Migration("travel reports: the dates of a report without times, from its lines", _V8),
]
