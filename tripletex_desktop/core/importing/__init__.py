"""Import trips, driving logs and expense lists from CSV and XLSX into travel reports.

The one entry point is `parse_import(source, context, options, mapping)`: the bytes of a file (or its
path) in, an `ImportPreview` out — every row with its status and errors, every report the rows make
(legs, costs, suggested per diem), and notes. Nothing is stored: `ImportPreview.importable()` gives the
reports to store (all or nothing by default, `only_valid=True` for the valid ones), and each
`PlannedReport.rows` the row fingerprints to keep so a later import skips them. Reading and planning are
also available apart (`read_bytes` / `read_table`, then `plan_import`), so a changed mapping or option
re-plans without reading the file again. Rules: see `plan.py` and docs/import.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.importing.columns import (
    FIELD_NEED,
    HEADER_SYNONYMS,
    ColumnMapping,
    ImportField,
    Need,
    field_of_header,
    layout_key,
    normalise_header,
    suggest_mapping,
)
from tripletex_desktop.core.importing.directories import (
    CategoryDirectory,
    EmployeeDirectory,
    PaymentDirectory,
)
from tripletex_desktop.core.importing.files import (
    TEMPLATE_HEADERS,
    rejected_rows_file,
    template_csv,
    template_rows,
    template_xlsx,
)
from tripletex_desktop.core.importing.plan import (
    RECEIPT_SUFFIXES,
    TIMES_ASSUMED,
    GroupedBy,
    Grouping,
    ImportContext,
    ImportOptions,
    ImportPreview,
    KnownImports,
    KnownRow,
    PlannedLeg,
    PlannedReport,
    RowError,
    RowNote,
    RowRecord,
    RowResult,
    RowStatus,
    plan_import,
    row_fingerprint,
)
from tripletex_desktop.core.importing.reading import (
    MAX_ROWS,
    ImportFileEmpty,
    ImportFileError,
    ImportFileTooLarge,
    ImportFileUnsupported,
    ProgressFn,
    RawTable,
    decode_bytes,
    read_bytes,
    read_table,
    sniff_delimiter,
)
from tripletex_desktop.core.importing.values import (
    parse_bool,
    parse_country,
    parse_currency,
    parse_date,
    parse_decimal,
    parse_lodging,
    parse_time,
)
from tripletex_desktop.core.models import Employee
from tripletex_desktop.core.travel import TravelReport

__all__ = [
    "FIELD_NEED",
    "HEADER_SYNONYMS",
    "MAX_ROWS",
    "RECEIPT_SUFFIXES",
    "TEMPLATE_HEADERS",
    "TIMES_ASSUMED",
    "CategoryDirectory",
    "ColumnMapping",
    "EmployeeDirectory",
    "GroupedBy",
    "Grouping",
    "ImportContext",
    "ImportField",
    "ImportFileEmpty",
    "ImportFileError",
    "ImportFileTooLarge",
    "ImportFileUnsupported",
    "ImportOptions",
    "ImportPreview",
    "ImportResult",
    "KeptReports",
    "KnownImports",
    "KnownRow",
    "Need",
    "PaymentDirectory",
    "PlannedLeg",
    "PlannedReport",
    "ProgressFn",
    "RawTable",
    "RowError",
    "RowNote",
    "RowRecord",
    "RowResult",
    "RowStatus",
    "decode_bytes",
    "field_of_header",
    "import_rows",
    "layout_key",
    "normalise_header",
    "parse_bool",
    "parse_country",
    "parse_currency",
    "parse_date",
    "parse_decimal",
    "parse_import",
    "parse_lodging",
    "parse_time",
    "plan_import",
    "read_bytes",
    "read_table",
    "rejected_rows_file",
    "row_fingerprint",
    "sniff_delimiter",
    "suggest_mapping",
    "template_csv",
    "template_rows",
    "template_xlsx",
]


def parse_import(
    source: bytes | Path | str,
    context: ImportContext,
    options: ImportOptions | None = None,
    mapping: ColumnMapping | None = None,
    *,
    filename: str | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> ImportPreview:
    """Read `source` (a file's bytes, or a path) and plan its import; stores nothing, never raises for a bad row.

    Raises ImportFileError (and its subclasses: empty, unsupported, too large) when the file is not a table,
    core.errors.Cancelled when `cancel` is set. For a path, relative receipt paths start in the file's folder
    unless `options.base_dir` says otherwise; for bytes, `filename` tells CSV from XLSX (else the content).
    """
    options = options or ImportOptions()
    path: Path | None = None
    if isinstance(source, bytes):
        table = read_bytes(source, filename, progress=progress, cancel=cancel)
    else:
        path = Path(source)
        table = read_table(path, progress=progress, cancel=cancel)
        if options.base_dir is None:
            options = replace(options, base_dir=path.parent)
    preview = plan_import(table, context, options, mapping, progress=progress, cancel=cancel)
    return replace(preview, path=str(path)) if path is not None else preview


class KeptReports(tuple[TravelReport, ...]):
    """The reports `ImportResult.without` kept (a plain tuple of them) and the notes about their rows."""

    notes: tuple[RowNote, ...]

    def __new__(cls, reports: Iterable[TravelReport], notes: Iterable[RowNote] = ()) -> KeptReports:
        """A tuple of `reports` carrying `notes`."""
        kept = super().__new__(cls, reports)
        kept.notes = tuple(notes)
        return kept


@dataclass(frozen=True, slots=True)
class ImportResult:
    """Either reports (no errors) or errors (no reports): all-or-nothing; `notes` go with the reports."""

    reports: tuple[TravelReport, ...] = ()
    errors: tuple[RowError, ...] = ()
    notes: tuple[RowNote, ...] = ()

    @property
    def ok(self) -> bool:
        """True when there were no errors."""
        return not self.errors

    def without(self, known_fingerprints: Iterable[str]) -> KeptReports:
        """The reports whose rows were not imported before, with the notes about those rows."""
        known = set(known_fingerprints)
        kept = tuple(r for r in self.reports if r.import_fingerprint not in known)
        ids = {r.id for r in kept}
        return KeptReports(kept, (n for n in self.notes if n.report_id in ids))


def import_rows(
    table: RawTable,
    mapping: ColumnMapping,
    employees: Iterable[Employee],
    *,
    connection_id: str,
    company_id: int,
    options: ImportOptions | None = None,
) -> ImportResult:
    """All-or-nothing import of a table with nothing known and no rates (per diem is not suggested).

    A shorthand over `plan_import` for callers that only need reports or errors.
    """
    context = ImportContext(connection_id, company_id, tuple(employees))
    preview = plan_import(table, context, options, mapping)
    if not preview.ok:
        return ImportResult(errors=preview.errors)
    reports = preview.importable()
    notes = tuple(n for n in preview.notes_for(reports) if n.report_id is not None)
    return ImportResult(tuple(p.report for p in reports), (), notes)
