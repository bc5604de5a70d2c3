"""Importing files into travel reports without Qt: read, plan against the company's synced data, store once.

`ImportService` is what the import dialog calls through run_task (every method blocks on disk or the
database): `read` a file, `plan` it (again after a changed mapping or option, without reading it again),
`store` the importable reports in one transaction, `write_rejects` for the rows to fix, and
`write_template` for the Help menu's templates.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.importing import (
    ColumnMapping,
    ImportContext,
    ImportOptions,
    ImportPreview,
    ProgressFn,
    RawTable,
    RowNote,
    layout_key,
    plan_import,
    read_table,
    rejected_rows_file,
    suggest_mapping,
    template_csv,
    template_xlsx,
)
from tripletex_desktop.core.models import CostCategory, PaymentType
from tripletex_desktop.storage.reports import ImportSummary
from tripletex_desktop.storage.settings import atomic_write_bytes

if TYPE_CHECKING:
    from tripletex_desktop.services.reports import ReportsBackend


@dataclass(frozen=True, slots=True)
class StoredImport:
    """What Import stored: the summary (new drafts, reports found stored meanwhile), the rows skipped because
    they were imported before, the rows left out because of a problem, and the notes about what was stored."""

    summary: ImportSummary
    skipped_rows: tuple[int, ...] = ()
    rejected_rows: tuple[int, ...] = ()
    notes: tuple[RowNote, ...] = ()


def write_private(path: Path | str, data: bytes) -> Path:
    """Write `data` atomically, readable by the user only (storage errors are typed: disk full, read-only)."""
    target = Path(path)
    atomic_write_bytes(target, data)
    return target


def write_template(path: Path | str, language: str, year: int) -> Path:
    """Write the import template (CSV or XLSX by `path`'s suffix) with example rows in `language`."""
    path = Path(path)
    data = (
        template_xlsx(language, year)
        if path.suffix.lower() in (".xlsx", ".xlsm")
        else template_csv(language, year)
    )
    return write_private(path, data)


class ImportService:
    """The import use case for one connection, over its ReportsBackend (store, reference data, pricing)."""

    def __init__(
        self, backend: ReportsBackend, *, file_exists: Callable[[Path], bool] = Path.is_file
    ) -> None:
        self._backend = backend
        self._file_exists = file_exists

    def read(
        self, path: str, *, progress: ProgressFn | None = None, cancel: CancelToken | None = None
    ) -> RawTable:
        """Read a CSV/XLSX (raises core.importing.ImportFileError and subclasses)."""
        return read_table(path, progress=progress, cancel=cancel)

    def mapping_for(self, table: RawTable) -> tuple[ColumnMapping, bool]:
        """The mapping remembered for this layout (True), else one suggested from the headers (False)."""
        remembered = self._backend.store.layout(layout_key(table.headers))
        if remembered is not None:
            return ColumnMapping.from_dict(remembered), True
        return suggest_mapping(table.headers), False

    def context(self, company_id: int) -> ImportContext:
        """The company as synced, with every row imported into it before."""
        backend = self._backend
        ref = backend.reference(company_id)

        def every(kind: str) -> list[dict[str, object]]:
            rows = backend.db.list_reference(backend.connection_id, company_id, kind, include_inactive=True)
            return [dict(r.data) for r in rows]

        categories = tuple(_model(CostCategory, d) for d in every("cost_category"))
        payments = tuple(_model(PaymentType, d) for d in every("payment_type"))
        return ImportContext(
            connection_id=backend.connection_id,
            company_id=company_id,
            employees=ref.employees,
            cost_categories=categories or ref.cost_categories,
            payment_types=payments or ref.payment_types,
            rate_table=ref.rate_table,
            known=backend.store.known_imports(company_id),
            file_exists=self._file_exists,
            per_diem_compensated=not (ref.settings_known and ref.settings.per_diem_not_compensated),
        )

    def plan(
        self,
        table: RawTable,
        company_id: int,
        options: ImportOptions,
        mapping: ColumnMapping | None = None,
        *,
        path: str | None = None,
        progress: ProgressFn | None = None,
        cancel: CancelToken | None = None,
    ) -> ImportPreview:
        """Plan the import of `table` (the remembered or suggested mapping unless one is given); stores nothing."""
        remembered = False
        if mapping is None:
            mapping, remembered = self.mapping_for(table)
        if path is not None and options.base_dir is None:
            options = dataclasses.replace(options, base_dir=Path(path).parent)
        preview = plan_import(
            table, self.context(company_id), options, mapping, progress=progress, cancel=cancel
        )
        return dataclasses.replace(preview, remembered=remembered, path=path)

    def preview(
        self,
        path: str,
        company_id: int,
        options: ImportOptions | None = None,
        *,
        progress: ProgressFn | None = None,
        cancel: CancelToken | None = None,
    ) -> ImportPreview:
        """Read and plan a file in one call."""
        table = self.read(path, progress=progress, cancel=cancel)
        return self.plan(
            table, company_id, options or ImportOptions(), path=path, progress=progress, cancel=cancel
        )

    def store(self, preview: ImportPreview, *, only_valid: bool = False) -> StoredImport:
        """Store what `preview` says is importable in one transaction (nothing at all when it fails).

        All or nothing unless `only_valid`; a row stored meanwhile by another import skips its report.
        """
        planned = preview.importable(only_valid=only_valid)
        skipped = preview.skipped
        rejected = tuple(r.row_number for r in preview.rejected)
        if not planned:
            return StoredImport(ImportSummary(0, len(skipped)), skipped, rejected)
        backend = self._backend
        company_id = planned[0].report.company_id
        ref = backend.reference(company_id)
        names = {e.id: e.display_name for e in ref.employees}
        reports = [p.report for p in planned]
        amounts = {r.id: backend.amount(r, ref) for r in reports}
        rows = {p.report.id: p.rows for p in planned}
        summary = backend.store.import_reports(reports, employee_names=names, amounts=amounts, rows=rows)
        backend.store.remember_layout(preview.layout_key, preview.mapping.to_dict())
        stored = set(summary.ids)
        notes = tuple(n for n in preview.notes_for(planned) if n.report_id is None or n.report_id in stored)
        summary = dataclasses.replace(summary, skipped=summary.skipped + len(skipped))
        return StoredImport(summary, skipped, rejected, notes)

    def write_rejects(
        self, preview: ImportPreview, messages: Mapping[int, str], problem_header: str, path: Path | str
    ) -> Path:
        """Write the rows not imported (with a problem column) next to where the user chose; returns the path.

        The suffix follows the imported file's kind (.xlsx or .csv).
        """
        data, suffix = rejected_rows_file(preview, messages, problem_header)
        target = Path(path)
        if target.suffix.lower() != suffix:
            target = target.with_suffix(suffix)
        return write_private(target, data)


_Row = TypeVar("_Row", CostCategory, PaymentType)


def _model(cls: type[_Row], data: Mapping[str, object]) -> _Row:
    names = set(getattr(cls, "__dataclass_fields__", {}))
    return cls(**{k: v for k, v in data.items() if k in names})  # type: ignore[arg-type]
