"""Reading a CSV (encoding and delimiter detected) or an XLSX sheet into a RawTable, finding the header row."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.errors import Cancelled, TripletexDesktopError
from tripletex_desktop.core.importing.columns import header_score

MAX_ROWS = 50_000
#: how many non-blank rows above the header (a title, a company name, a period) are looked through
HEADER_SEARCH_ROWS = 30
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
XLSX_SUFFIXES = (".xlsx", ".xlsm")

#: (rows read so far, total rows or 0 when not known yet)
ProgressFn = Callable[[int, int], None]


class ImportFileError(TripletexDesktopError):
    """The file cannot be read as a table; `code` says why."""

    code = "import_unreadable"


class ImportFileEmpty(ImportFileError):
    """The file has no header row."""

    code = "import_empty"


class ImportFileUnsupported(ImportFileError):
    """Not a .csv/.txt/.tsv or .xlsx/.xlsm file."""

    code = "import_unsupported_format"


class ImportFileTooLarge(ImportFileError):
    """More rows than MAX_ROWS."""

    code = "import_too_large"


@dataclass(frozen=True, slots=True)
class RawTable:
    """A sheet as read: header texts and the data rows (cells as str, or native values from XLSX).

    `row_numbers[i]` is the 1-based line/row in the file of `rows[i]`; `header_row` is the header's, and
    `skipped_above` the non-blank rows above it (a title row). `encoding` and `delimiter` are None for XLSX,
    `sheet` is None for CSV.
    """

    headers: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
    encoding: str | None = None
    delimiter: str | None = None
    row_numbers: tuple[int, ...] = ()
    header_row: int = 1
    skipped_above: tuple[int, ...] = ()
    sheet: str | None = None

    def number_of(self, index: int) -> int:
        """The file row number of data row `index`."""
        return self.row_numbers[index] if self.row_numbers else index + self.header_row + 1

    @property
    def is_xlsx(self) -> bool:
        """True when read from a spreadsheet (native cell values)."""
        return self.encoding is None and self.delimiter is None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 with BOM, UTF-8, else Windows-1252 (which decodes any byte but 5 unused)."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise ImportFileError("undecodable") from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise ImportFileError("undecodable") from exc


def sniff_delimiter(text: str) -> str:
    """`;`, `,` or tab, from the first lines (csv.Sniffer, falling back to the most frequent in the header)."""
    lines = [line for line in text.splitlines()[:40] if line.strip()]
    sample = "\n".join(lines)
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
    except csv.Error:
        # the most frequent in the widest line (a title row above the header has none)
        widest = max(lines, key=lambda line: max(line.count(d) for d in ";\t,"), default="")
        counts = {d: widest.count(d) for d in (";", "\t", ",")}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ";"


def _blank(row: Sequence[object]) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in row)


def _table(
    rows: Iterable[Sequence[object]],
    encoding: str | None,
    delimiter: str | None,
    *,
    sheet: str | None = None,
    total: int = 0,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> RawTable:
    """The first row naming two or more known columns is the header (else the first non-blank row)."""
    above: list[tuple[int, tuple[object, ...]]] = []
    header: tuple[int, tuple[object, ...]] | None = None
    data: list[tuple[object, ...]] = []
    numbers: list[int] = []
    for number, row in enumerate(rows, start=1):
        if number % 1000 == 0:
            if cancel is not None and cancel.cancelled:
                raise Cancelled()
            if progress is not None:
                progress(number, total)
        if _blank(row):
            continue
        if header is None:
            above.append((number, tuple(row)))
            if header_score(row) >= 2:
                header = above.pop()
            elif len(above) >= HEADER_SEARCH_ROWS:
                header, rest = above[0], above[1:]
                above = []
                for n, r in rest:
                    data.append(r)
                    numbers.append(n)
            continue
        if len(data) >= MAX_ROWS:
            raise ImportFileTooLarge(str(MAX_ROWS))
        data.append(tuple(row))
        numbers.append(number)
    if header is None:
        if not above:
            raise ImportFileEmpty()
        header, rest = above[0], above[1:]
        above = []
        data = [r for _, r in rest]
        numbers = [n for n, _ in rest]
    headers = _headers(header[1])
    width = len(headers)
    padded = tuple(tuple(r[:width]) + (None,) * (width - len(r[:width])) for r in data)
    return RawTable(
        headers,
        padded,
        encoding,
        delimiter,
        tuple(numbers),
        header_row=header[0],
        skipped_above=tuple(n for n, _ in above),
        sheet=sheet,
    )


def _headers(row: Sequence[object]) -> tuple[str, ...]:
    """Header texts, stripped; empty cells at the end of the header row are dropped."""
    texts = ["" if c is None else str(c).strip() for c in row]
    while texts and not texts[-1]:
        texts.pop()
    return tuple(texts)


def _format_of(data: bytes, filename: str | None) -> str:
    suffix = Path(filename).suffix.lower() if filename else ""
    if suffix in XLSX_SUFFIXES:
        return "xlsx"
    if suffix in CSV_SUFFIXES:
        return "csv"
    if suffix:
        raise ImportFileUnsupported(suffix)
    return "xlsx" if data.startswith(b"PK\x03\x04") else "csv"


def read_bytes(
    data: bytes,
    filename: str | None = None,
    *,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> RawTable:
    """A table from a file's bytes: `filename`'s suffix says CSV or XLSX (without one, the content does)."""
    if _format_of(data, filename) == "xlsx":
        return _read_xlsx(data, progress, cancel)
    text, encoding = decode_bytes(data)
    if not text.strip():
        raise ImportFileEmpty()
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _table(reader, encoding, delimiter, progress=progress, cancel=cancel)
    except csv.Error as exc:
        raise ImportFileError("csv") from exc


def read_table(
    path: Path | str, *, progress: ProgressFn | None = None, cancel: CancelToken | None = None
) -> RawTable:
    """Read a CSV (encoding and delimiter detected) or an XLSX file (read-only mode) from disk."""
    path = Path(path)
    _format_of(b"", path.name)  # refuse a .pdf before reading it
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(type(exc).__name__) from exc
    return read_bytes(data, path.name, progress=progress, cancel=cancel)


def _read_xlsx(data: bytes, progress: ProgressFn | None, cancel: CancelToken | None) -> RawTable:
    import openpyxl  # local: only spreadsheets need it, and it is slow to import
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (OSError, InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError) as exc:
        raise ImportFileError(type(exc).__name__) from exc
    try:
        sheets = list(workbook.worksheets)
        if not sheets:
            raise ImportFileEmpty()
        # the first sheet with a recognisable header (a workbook often opens with a cover or summary sheet)
        chosen = sheets[0]
        for sheet in sheets:
            top = [r for r in sheet.iter_rows(max_row=HEADER_SEARCH_ROWS, values_only=True) if not _blank(r)]
            if any(header_score(r) >= 2 for r in top):
                chosen = sheet
                break
        total = int(getattr(chosen, "max_row", 0) or 0)
        return _table(
            chosen.iter_rows(values_only=True),
            None,
            None,
            sheet=chosen.title,
            total=total,
            progress=progress,
            cancel=cancel,
        )
    except (ImportFileError, Cancelled):
        raise
    except Exception as exc:  # zip/xml damage surfaces while iterating
        raise ImportFileError(type(exc).__name__) from exc
    finally:
        workbook.close()
