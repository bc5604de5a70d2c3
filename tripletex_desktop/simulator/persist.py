"""The simulator's mutable state as JSON: export, strict parsing (corrupt => ValueError) and atomic writes."""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from .seed import PERMISSION_KEYS
from .store import CompanyData, Row

#: Bump when the file layout changes; other versions are kept aside like corrupt files.
FORMAT = 1
#: The tables API writes change (lookups, employees and projects are seed data, rebuilt on every start).
PERSISTED_TABLES = (
    "travel_expenses",
    "mileage_allowances",
    "per_diem_compensations",
    "accommodation_allowances",
    "costs",
    "attachments",
)
#: The suffix a file that cannot be loaded is renamed with (next to it).
CORRUPT_SUFFIX = ".corrupt"


class StateUnusable(ValueError):
    """The state file cannot be used: unreadable JSON, a wrong shape, or made from other seed data."""


@dataclass(frozen=True)
class SavedState:
    """A parsed, validated state file, ready to apply (applying cannot fail)."""

    next_id: int
    numbers: dict[int, int]
    revisions: dict[int, int]
    tables: dict[int, dict[str, dict[int, Row]]]
    permissions: dict[int, set[str]]


def export(
    next_id: int,
    numbers: dict[int, int],
    companies: dict[int, CompanyData],
    permissions: dict[int, set[str]],
    seed: str,
) -> dict[str, Any]:
    """The JSON document: travel tables of every company, report numbers, the id counter, permissions."""
    out_companies: dict[str, Any] = {}
    for cid, company in companies.items():
        tables = {}
        for name in PERSISTED_TABLES:
            rows = company.tables[name].values() if name in company.tables else ()
            tables[name] = [_encode_row(name, row) for row in rows]
        out_companies[str(cid)] = {"revision": company.revision, "tables": tables}
    return {
        "format": FORMAT,
        "seed": seed,
        "nextId": next_id,
        "numbers": {str(k): v for k, v in numbers.items()},
        "companies": out_companies,
        "permissions": {str(k): sorted(v) for k, v in permissions.items()},
    }


def fingerprint(document: dict[str, Any], environment: str) -> str:
    """A hash of the seed-built state: a file saved from other seed data (another app version) must not load."""
    raw = json.dumps([environment, document], sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def dumps(document: dict[str, Any]) -> str:
    """Compact JSON text of a document from `export`."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def parse(
    text: str, *, seed: str, min_next_id: int, company_ids: set[int], token_ids: set[int]
) -> SavedState:
    """Validate a saved document completely; StateUnusable on anything unexpected."""
    try:
        doc = json.loads(text)
    except ValueError as exc:
        raise StateUnusable("not JSON") from exc
    try:
        return _parse(doc, seed=seed, min_next_id=min_next_id, company_ids=company_ids, token_ids=token_ids)
    except StateUnusable:
        raise
    except (KeyError, TypeError, ValueError, AttributeError, binascii.Error) as exc:
        raise StateUnusable(f"unexpected content ({type(exc).__name__})") from exc


def _parse(
    doc: Any, *, seed: str, min_next_id: int, company_ids: set[int], token_ids: set[int]
) -> SavedState:
    _expect(isinstance(doc, dict), "not a JSON object")
    _expect(doc.get("format") == FORMAT, "another file format")
    _expect(doc.get("seed") == seed, "saved from other seed data")
    next_id = _int(doc["nextId"])
    _expect(next_id >= min_next_id, "id counter behind the seed data")
    numbers = {_int_key(k): _int(v) for k, v in _dict(doc["numbers"]).items()}
    _expect(set(numbers) <= company_ids, "numbers for an unknown company")
    companies = _dict(doc["companies"])
    _expect({_int_key(k) for k in companies} == company_ids, "companies differ from the seed data")
    revisions: dict[int, int] = {}
    tables: dict[int, dict[str, dict[int, Row]]] = {}
    for key, saved in companies.items():
        cid = _int_key(key)
        revisions[cid] = _int(_dict(saved)["revision"])
        saved_tables = _dict(saved["tables"])
        _expect(set(saved_tables) == set(PERSISTED_TABLES), "tables differ")
        tables[cid] = {}
        for name in PERSISTED_TABLES:
            rows: dict[int, Row] = {}
            for row in saved_tables[name]:
                decoded = _decode_row(name, _dict(row))
                rid = _int(decoded["id"])
                _expect(0 < rid < next_id and rid not in rows, "bad row id")
                rows[rid] = decoded
            tables[cid][name] = rows
    permissions: dict[int, set[str]] = {}
    for key, keys in _dict(doc["permissions"]).items():
        _expect(isinstance(keys, list) and all(k in PERMISSION_KEYS for k in keys), "unknown permission")
        tid = _int_key(key)
        if tid in token_ids:
            permissions[tid] = set(keys)
    return SavedState(next_id, numbers, revisions, tables, permissions)


def _expect(condition: bool, what: str) -> None:
    if not condition:
        raise StateUnusable(what)


def _int(value: Any) -> int:
    _expect(isinstance(value, int) and not isinstance(value, bool) and value >= 0, "not a whole number")
    return int(value)


def _int_key(value: str) -> int:
    _expect(value.isdigit(), "not a numeric key")
    return int(value)


def _dict(value: Any) -> dict[str, Any]:
    _expect(isinstance(value, dict), "not an object")
    return cast("dict[str, Any]", value)


def _encode_row(table: str, row: Row) -> Row:
    if table == "attachments":
        return {**row, "data": base64.b64encode(row.get("data") or b"").decode("ascii")}
    return row


def _decode_row(table: str, row: Row) -> Row:
    if table == "attachments":
        _expect(isinstance(row.get("data"), str), "attachment without data")
        return {**row, "data": base64.b64decode(row["data"], validate=True)}
    return row


def write_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text` so that a crash leaves the old or the new file, never a torn one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def keep_aside(path: Path) -> Path:
    """Rename an unusable state file to `<name>.corrupt` (replacing an older one); returns the new path."""
    target = path.with_name(path.name + CORRUPT_SUFFIX)
    os.replace(path, target)
    return target
