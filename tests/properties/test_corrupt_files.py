"""Corrupted and truncated settings and database files: the app starts with a clear, translated message and
nothing is lost (the damaged file is kept, byte for byte, for support)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import uuid
from decimal import Decimal
from pathlib import Path

from hypothesis import assume, given
from hypothesis import strategies as st

from tripletex_desktop.core.errors import StorageError, TripletexDesktopError
from tripletex_desktop.core.travel import CostLine, ReportKind, TravelReport
from tripletex_desktop.storage.db import Database
from tripletex_desktop.storage.reports import ReportStore
from tripletex_desktop.storage.settings import (
    CompanySettings,
    ConnectionSettings,
    Settings,
    SettingsStore,
    SyncOptions,
)
from tripletex_desktop.ui.messages import ERRORS

FIXED = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC)


def valid_settings_bytes() -> bytes:
    settings = Settings(
        connections=[
            ConnectionSettings(
                id="c1",
                label="Fjordlys",
                environment="production",
                companies=[CompanySettings(id=7, name="Fjordlys Reiser AS", payment_type_id=3)],
                sync=SyncOptions(interval="daily"),
            )
        ]
    )
    return json.dumps(
        {"schema_version": 3, **json.loads(json.dumps(settings, default=lambda o: o.__dict__))}
    ).encode()


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5),
    max_leaves=25,
)
SETTINGS_KEYS = ("schema_version", "connections", "ui_language", "window_geometry", "log_level")
CONNECTION_KEYS = ("id", "label", "environment", "base_url", "companies", "is_accountant", "sync")


def wrongly_typed_settings() -> st.SearchStrategy[bytes]:
    connection = st.fixed_dictionaries({}, optional={k: JSONISH for k in CONNECTION_KEYS})
    doc = st.fixed_dictionaries(
        {"schema_version": st.sampled_from([1, 2, 3, 4, "3", None, -1])},
        optional={k: JSONISH for k in SETTINGS_KEYS[1:]} | {"connections": st.lists(connection, max_size=3)},
    )
    return doc.map(lambda d: json.dumps(d).encode())


def damaged(data: bytes) -> st.SearchStrategy[bytes]:
    """Truncations, flipped bytes and garbage around a valid file."""
    return st.one_of(
        st.integers(0, max(0, len(data) - 1)).map(lambda n: data[:n]),
        st.tuples(st.integers(0, len(data) - 1), st.integers(1, 255)).map(
            lambda t: data[: t[0]] + bytes([data[t[0]] ^ t[1]]) + data[t[0] + 1 :]
        ),
        st.binary(max_size=64).map(lambda junk: junk + data),
        st.binary(max_size=400),
        st.integers(1, 3000).map(lambda depth: b"[" * depth + b"]" * depth),
        st.integers(50_000, 200_000).map(lambda depth: b'{"connections":' + b"[" * depth),
    )


@given(raw=st.one_of(damaged(valid_settings_bytes()), wrongly_typed_settings()))
def test_a_damaged_settings_file_is_kept_aside_and_the_app_starts(tmp_path_factory, raw: bytes) -> None:
    folder = tmp_path_factory.mktemp("cfg")
    path = folder / "settings.json"
    path.write_bytes(raw)
    result = SettingsStore(path, clock=lambda: FIXED).load()
    assert isinstance(result.settings, Settings)
    if result.problem is None:
        assert path.read_bytes() == raw  # accepted as it is: untouched
        return
    assert result.problem.code in ERRORS
    kept = list(folder.glob("settings.json.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == raw  # nothing lost


_TEMPLATE: dict[str, tuple[bytes, uuid.UUID]] = {}


def make_database(path: Path) -> uuid.UUID:
    """A database holding one draft (built once, then copied: each example gets a fresh file)."""
    if "db" not in _TEMPLATE:
        template = path.with_name("template.sqlite3")
        report_id = _build_database(template)
        _TEMPLATE["db"] = (template.read_bytes(), report_id)
    data, report_id = _TEMPLATE["db"]
    path.write_bytes(data)
    return report_id


def _build_database(path: Path) -> uuid.UUID:
    db = Database.open(path, clock=lambda: FIXED)
    try:
        report = TravelReport(
            connection_id="c1",
            company_id=7,
            employee_id=3,
            title="Kundemøte Bergen",
            kind=ReportKind.EMPLOYEE_EXPENSE,
            lines=(CostLine(dt.date(2026, 11, 2), 5, Decimal("250.50"), 1, comment="Taxi"),),
        )
        ReportStore(db).save_draft(report)
    finally:
        db.close()
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything in the main file, so a copy is complete
    raw.close()
    return report.id


def test_a_good_database_reopens(tmp_path: Path) -> None:
    report_id = make_database(tmp_path / "app.sqlite3")
    db = Database.open(tmp_path / "app.sqlite3")
    try:
        assert ReportStore(db).get(report_id).report.title == "Kundemøte Bergen"
    finally:
        db.close()


@given(data=st.data())
def test_a_damaged_database_is_a_clear_error_and_stays_on_disk(tmp_path_factory, data) -> None:
    folder = tmp_path_factory.mktemp("db")
    path = folder / "app.sqlite3"
    make_database(path)
    raw = data.draw(damaged(path.read_bytes()), label="database bytes")
    path.write_bytes(raw)
    try:
        db = Database.open(path)
    except StorageError as exc:
        assert exc.code in ERRORS
        assert path.read_bytes() == raw  # the damaged file is left for support, not overwritten
        return
    try:
        ReportStore(db).list_reports()
    except StorageError as exc:
        assert exc.code in ERRORS
    finally:
        db.close()


@given(doc=JSONISH, field=st.sampled_from(["report", "state", "amount", "departure_date", "last_error"]))
def test_a_wrongly_typed_report_row_is_a_clear_error_not_a_crash(tmp_path_factory, doc, field) -> None:
    folder = tmp_path_factory.mktemp("rows")
    path = folder / "app.sqlite3"
    report_id = make_database(path)
    raw = sqlite3.connect(path)
    value = json.dumps(doc) if field in ("report", "last_error") else doc
    if isinstance(value, (dict, list)):
        value = json.dumps(value)
    try:
        raw.execute(f"UPDATE travel_reports SET {field}=? WHERE uuid=?", (value, str(report_id)))
        raw.commit()
    except (sqlite3.IntegrityError, OverflowError):
        assume(False)  # SQLite itself refuses this value (NOT NULL, or an integer beyond 64 bits)
    finally:
        raw.close()
    db = Database.open(path)
    try:
        store = ReportStore(db)
        for read in (lambda: store.list_reports(), lambda: store.get(report_id)):
            try:
                read()
            except TripletexDesktopError as exc:
                assert exc.code in ERRORS, exc.code
    finally:
        db.close()
