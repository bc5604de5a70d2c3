import datetime as dt
import os
import sqlite3
import threading

import pytest

from tripletex_desktop.core.errors import DiskFull, ErrorInfo, ReadOnlyStorage, StorageError
from tripletex_desktop.core.models import CostCategory, Project
from tripletex_desktop.storage import migrations as mig
from tripletex_desktop.storage.db import (
    REFERENCE_KINDS,
    Database,
    DatabaseTooNew,
    RefChanges,
    RefRow,
    map_sqlite_error,
)
from tripletex_desktop.storage.logs import RedactingFilter


class Clock:
    def __init__(self):
        self.now = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)

    def __call__(self):
        return self.now

    def tick(self, minutes=1):
        self.now += dt.timedelta(minutes=minutes)


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def db(tmp_path, clock):
    database = Database.open(tmp_path / "data" / "app.sqlite3", clock=clock)
    yield database
    database.close()


def rows(*specs):
    return [RefRow(tid, label, number, active, data) for tid, label, number, active, data in specs]


def test_open_sets_wal_foreign_keys_and_version(db):
    conn = db._connection()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.schema_version == len(mig.MIGRATIONS)


def test_reopen_keeps_data_and_does_not_remigrate(tmp_path, clock):
    path = tmp_path / "x.sqlite3"
    with Database.open(path, clock=clock) as db:
        db.replace_reference("c", 1, "project", rows((1, "P", None, True, {})))
    with Database.open(path, clock=clock) as db:
        assert db.count_reference("c", 1, "project") == 1


def test_replace_reference_classifies_changes(db, clock):
    first = db.replace_reference(
        "c",
        1,
        "project",
        rows((1, "Alpha", "10", True, {"a": 1}), (2, "Beta", "20", True, {}), (3, "Gamma", None, True, {})),
    )
    assert first == RefChanges(added=3)
    clock.tick()
    second = db.replace_reference(
        "c",
        1,
        "project",
        rows(
            (1, "Alpha", "10", True, {"a": 1}),
            (2, "Beta renamed", "20", True, {}),
            (4, "Delta", None, True, {}),
        ),
    )
    assert second == RefChanges(added=1, updated=1, deactivated=1, unchanged=1)
    assert second.changed
    active = db.list_reference("c", 1, "project")
    assert [r.label for r in active] == ["Alpha", "Beta renamed", "Delta"]
    everything = {r.tripletex_id: r for r in db.list_reference("c", 1, "project", include_inactive=True)}
    assert not everything[3].is_active
    assert everything[3].last_seen == dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)  # when last listed
    assert everything[1].first_seen == dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
    assert everything[1].last_seen == dt.datetime(2026, 11, 22, 12, 1, tzinfo=dt.UTC)
    assert everything[1].data == {"a": 1}
    # deactivated again → not counted twice; coming back → updated
    third = db.replace_reference("c", 1, "project", rows((3, "Gamma", None, True, {})))
    assert third == RefChanges(updated=1, deactivated=3)
    assert db.replace_reference("c", 1, "project", []) == RefChanges(deactivated=1)
    assert db.count_reference("c", 1, "project") == 0
    assert db.count_reference("c", 1, "project", include_inactive=True) == 4


def test_reference_is_scoped_by_connection_company_kind(db):
    db.replace_reference("c", 1, "project", rows((1, "P", None, True, {})))
    db.replace_reference("c", 2, "project", rows((1, "Other company", None, True, {})))
    db.replace_reference("d", 1, "project", rows((1, "Other connection", None, True, {})))
    db.replace_reference("c", 1, "department", rows((1, "Dept", None, True, {})))
    db.replace_reference("c", 1, "project", [])
    assert db.count_reference("c", 2, "project") == 1
    assert db.count_reference("d", 1, "project") == 1
    assert db.count_reference("c", 1, "department") == 1


def test_search_is_case_insensitive_including_norwegian_letters(db):
    db.replace_reference(
        "c",
        1,
        "project",
        rows(
            (1, "Ærfugl Økonomi", "P-100", True, {}),
            (2, "Bergen_kontor 50%", "200", True, {}),
            (3, "Bergenkontor", "300", True, {}),
        ),
    )
    assert [r.tripletex_id for r in db.list_reference("c", 1, "project", search="ærfugl")] == [1]
    assert [r.tripletex_id for r in db.list_reference("c", 1, "project", search="p-100")] == [1]
    assert [r.tripletex_id for r in db.list_reference("c", 1, "project", search="n_k")] == [2]
    assert [r.tripletex_id for r in db.list_reference("c", 1, "project", search="50%")] == [2]
    assert db.count_reference("c", 1, "project", search="kontor 50") == 1  # every word must match
    assert db.count_reference("c", 1, "project", search="bergen kontor") == 2
    assert db.count_reference("c", 1, "project", search="  ") == 3


def test_unknown_kind_and_duplicate_ids_rejected(db):
    with pytest.raises(ValueError):
        db.replace_reference("c", 1, "invoice", [])
    with pytest.raises(ValueError):
        db.replace_reference("c", 1, "project", rows((1, "a", None, True, {}), (1, "b", None, True, {})))
    assert set(REFERENCE_KINDS) >= {"employee", "rate", "travel_settings"}


def test_ref_row_from_model():
    row = RefRow.from_model(Project(id=5, name="Hytte", number="P5", is_closed=True))
    assert (row.tripletex_id, row.label, row.number, row.is_active) == (5, "Hytte", "P5", False)
    assert row.data["name"] == "Hytte"
    cat = RefRow.from_model(CostCategory(id=9, description="Kilometergodtgjørelse", account_number=7130))
    assert cat.label == "Kilometergodtgjørelse" and cat.is_active and cat.number is None


def test_digests(db):
    assert db.get_digest("c", 1, "project") is None
    db.set_digest("c", 1, "project", "abc")
    db.set_digest("c", 1, "project", "def")
    assert db.get_digest("c", 1, "project") == "def"
    assert db.get_digest("c", 2, "project") is None
    db.set_digest("c", 1, "project", None)
    assert db.get_digest("c", 1, "project") is None


def test_sync_history(db, clock):
    run = db.start_run("c", "manual")
    assert db.last_run("c") is None
    assert db.last_run("c", finished_only=False).id == run
    clock.tick()
    db.finish_run(
        run,
        "partial",
        {"projects": 3},
        ["company 2 skipped"],
        [
            ErrorInfo(code="permission_denied", detail="GET /project", request_id="r-1"),
            {"code": "server_error", "detail": "boom", "request_id": "r-2", "company_id": 2},
        ],
    )
    one = db.start_run("c", "schedule", company_id=7)
    db.finish_run(one, "ok")
    other = db.start_run("d", "cli")
    last = db.last_run("c", company_id=1)
    assert last.id == run and last.result == "partial"
    assert last.counts == {"projects": 3} and last.warnings == ["company 2 skipped"]
    assert [(e.code, e.request_id, e.company_id) for e in last.errors] == [
        ("permission_denied", "r-1", None),
        ("server_error", "r-2", 2),
    ]
    assert last.finished_at - last.started_at == dt.timedelta(minutes=1)
    assert db.last_run("c", company_id=7).id == one
    assert [r.id for r in db.list_runs("c")] == [one, run]
    assert [r.id for r in db.list_runs()] == [other, one, run]
    assert len(db.list_runs(limit=1)) == 1
    with pytest.raises(ValueError):
        db.finish_run(9999, "ok")


def test_sync_history_never_stores_tokens(db):
    RedactingFilter.register_secret("registered-session-token")
    run = db.start_run("c", "manual")
    db.finish_run(
        run,
        "failed",
        {"note": "sessionToken=abcdef123456"},
        ["Authorization: Basic MDpzZWNyZXQ="],
        [{"code": "auth_failed", "detail": "with registered-session-token inside"}],
    )
    raw = " ".join(
        str(tuple(r))
        for t in ("sync_runs", "sync_run_errors")
        for r in db._connection().execute(f"SELECT * FROM {t}")
    )
    for secret in ("abcdef123456", "MDpzZWNyZXQ=", "registered-session-token"):
        assert secret not in raw


def test_history_is_pruned(db, monkeypatch):
    monkeypatch.setattr("tripletex_desktop.storage.db.RUN_HISTORY_LIMIT", 3)
    ids = []
    for _ in range(5):
        ids.append(db.start_run("c", "manual"))
        db.finish_run(ids[-1], "ok", errors=[{"code": "x"}])
    assert [r.id for r in db.list_runs("c")] == ids[:-4:-1]
    # child rows went with their runs (foreign key cascade)
    assert db._connection().execute("SELECT COUNT(*) FROM sync_run_errors").fetchone()[0] == 3


def test_permission_checks(db, clock):
    assert db.last_permission_check("c", 1) is None
    db.save_permission_check("c", 1, '{"travel_all": "missing"}')
    clock.tick()
    db.save_permission_check("c", 1, {"travel_all": "granted"})
    db.save_permission_check("c", 2, {"travel_all": "inconclusive"})
    check = db.last_permission_check("c", 1)
    assert check.results == {"travel_all": "granted"}
    assert check.checked_at == dt.datetime(2026, 11, 22, 12, 1, tzinfo=dt.UTC)
    assert [(c.company_id, c.results["travel_all"]) for c in db.latest_permission_checks()] == [
        (1, "granted"),
        (2, "inconclusive"),
    ]
    with pytest.raises(ValueError):
        db.save_permission_check("c", 1, "not json")


def _check(**verdicts: str) -> dict:
    return {
        "format": 1,
        "source": "sync",
        "error": None,
        "permissions": {k: {"verdict": v, "reason": None, "request_id": None} for k, v in verdicts.items()},
    }


def test_a_changed_permission_verdict_drops_that_companys_digests(db):
    db.save_permission_check("c", 1, _check(employee_read="likely_missing", travel_all="granted"))
    for kind in ("employees", "projects"):
        db.set_digest("c", 1, kind, "tag|d")
    db.set_digest("c", 2, "employees", "tag|other-company")
    db.save_permission_check("c", 1, _check(employee_read="likely_missing", travel_all="granted"))
    assert db.get_digest("c", 1, "employees") == "tag|d"  # same verdicts: checksums still valid
    db.save_permission_check("c", 1, _check(employee_read="likely_missing", travel_all="error"))
    assert db.get_digest("c", 1, "employees") == "tag|d"  # a probe error is no new verdict
    db.save_permission_check("c", 1, _check(employee_read="granted", travel_all="granted"))
    assert db.get_digest("c", 1, "employees") is None and db.get_digest("c", 1, "projects") is None
    assert db.get_digest("c", 2, "employees") == "tag|other-company"


def test_delete_connection(db):
    db.replace_reference("c", 1, "project", rows((1, "P", None, True, {})))
    db.set_digest("c", 1, "project", "d")
    db.finish_run(db.start_run("c", "manual"), "ok", errors=[{"code": "x"}])
    db.save_permission_check("c", 1, {})
    db.replace_reference("keep", 1, "project", rows((1, "P", None, True, {})))
    db.delete_connection("c")
    assert db.count_reference("c", 1, "project", include_inactive=True) == 0
    assert db.list_runs("c") == [] and db.get_digest("c", 1, "project") is None
    assert db.count_reference("keep", 1, "project") == 1


# --- errors and safety ------------------------------------------------------------------------------


def test_disk_full_loses_nothing(db):
    db.replace_reference("c", 1, "project", rows(*[(i, f"Project {i}", None, True, {}) for i in range(50)]))
    conn = db._connection()
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count={pages}")
    big = rows(*[(i, f"Project {i} " + "x" * 500, None, True, {"blob": "y" * 2000}) for i in range(2000)])
    with pytest.raises(DiskFull):
        db.replace_reference("c", 1, "project", big)
    assert not conn.in_transaction
    kept = db.list_reference("c", 1, "project")
    assert len(kept) == 50 and kept[0].label == "Project 0"
    with pytest.raises(DiskFull):
        db.finish_run(db.start_run("c", "manual"), "ok", warnings=["w" * 200_000])


def test_read_only_database(db):
    db.replace_reference("c", 1, "project", rows((1, "P", None, True, {})))
    db._connection().execute("PRAGMA query_only=ON")
    with pytest.raises(ReadOnlyStorage):
        db.replace_reference("c", 1, "project", [])
    with pytest.raises(ReadOnlyStorage):
        db.start_run("c", "manual")
    assert db.count_reference("c", 1, "project") == 1


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores file modes")
def test_read_only_file(tmp_path, clock):
    path = tmp_path / "ro.sqlite3"
    with Database.open(path, clock=clock) as db:
        db.replace_reference("c", 1, "project", rows((1, "P", None, True, {})))
    path.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(ReadOnlyStorage), Database.open(path, clock=clock) as db:
            db.replace_reference("c", 1, "project", [])
    finally:
        tmp_path.chmod(0o755)
        path.chmod(0o644)


@pytest.mark.parametrize(
    "message,kind",
    [
        ("database or disk is full", DiskFull),
        ("attempt to write a readonly database", ReadOnlyStorage),
        ("no such table: x", StorageError),
    ],
)
def test_error_mapping_by_message(message, kind):
    assert type(map_sqlite_error(sqlite3.OperationalError(message))) is kind


def test_not_a_database(tmp_path):
    path = tmp_path / "junk.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StorageError):
        Database.open(path)


def test_reader_thread_sees_committed_data_while_writer_holds_lock(db):
    db.replace_reference("c", 1, "project", rows((1, "P", None, True, {})))
    counts = []

    class Abort(Exception):
        pass

    with pytest.raises(Abort), db.transaction() as conn:  # the sync thread is mid-write
        conn.execute("DELETE FROM reference_data")
        t = threading.Thread(target=lambda: counts.append(db.count_reference("c", 1, "project")))
        t.start()
        t.join()
        raise Abort
    assert counts == [1]
    assert (
        db.count_reference("c", 1, "project") == 1
    )  # rolled back  # WAL: the GUI reader is not blocked and sees the last commit


def test_two_writer_threads_serialise(db):
    errors = []

    def write(offset):
        try:
            for i in range(20):
                db.finish_run(db.start_run(f"c{offset}", "manual"), "ok", {"i": i})
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(db.list_runs(limit=100)) == 40


# --- migrations -------------------------------------------------------------------------------------


def test_migration_v1_to_v2_keeps_v1_data(tmp_path, clock):
    path = tmp_path / "m.sqlite3"
    db = Database.open(path, clock=clock, migrations=mig.MIGRATIONS[:1])
    assert db.schema_version == 1
    db.replace_reference("c", 1, "project", rows((1, "Kept", "1", True, {"k": 1})))
    db.set_digest("c", 1, "project", "dig")
    db.close()
    db = Database.open(path, clock=clock, migrations=mig.MIGRATIONS[:2])
    assert db.schema_version == 2
    assert db.list_reference("c", 1, "project")[0].data == {"k": 1}
    assert db.get_digest("c", 1, "project") == "dig"
    db.finish_run(db.start_run("c", "manual"), "ok")
    db.close()


def test_every_migration_step_from_previous_with_data(tmp_path):
    # Each step N applies on a DB at N-1 that holds a row in every table existing at N-1.
    for n in range(1, len(mig.MIGRATIONS) + 1):
        path = tmp_path / f"step{n}.sqlite3"
        db = Database.open(path, migrations=mig.MIGRATIONS[: n - 1])
        conn = db._connection()
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        if "reference_data" in tables:
            db.replace_reference("c", 1, "employee", rows((1, "E", None, True, {})))
        if "sync_runs" in tables:
            db.finish_run(db.start_run("c", "manual"), "ok", errors=[{"code": "x"}])
        before = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
        assert db.migrate(mig.MIGRATIONS[:n]) == n
        after = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
        assert after == before
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        db.close()


def test_failed_migration_step_rolls_back_whole_step(tmp_path):
    def boom(conn):
        conn.execute("INSERT INTO extra VALUES (1)")
        raise RuntimeError("step failed")

    steps = [*mig.MIGRATIONS, mig.Migration("bad", "CREATE TABLE extra (x INTEGER);", boom)]
    path = tmp_path / "f.sqlite3"
    with pytest.raises(RuntimeError):
        Database.open(path, migrations=steps)
    with Database.open(path) as db:
        assert db.schema_version == len(mig.MIGRATIONS)
        assert db._connection().execute("SELECT name FROM sqlite_master WHERE name='extra'").fetchall() == []


def test_python_step_runs_in_order(tmp_path):
    seen = []

    def fill(conn):
        seen.append(conn.execute("PRAGMA user_version").fetchone()[0])
        conn.execute("INSERT INTO extra VALUES (42)")

    steps = [*mig.MIGRATIONS, mig.Migration("extra", "CREATE TABLE extra (x INTEGER); -- a; comment\n", fill)]
    with Database.open(tmp_path / "p.sqlite3", migrations=steps) as db:
        assert seen == [len(mig.MIGRATIONS)]
        assert db._connection().execute("SELECT x FROM extra").fetchone()[0] == 42
        assert db.schema_version == len(steps)


def test_database_from_newer_app_refused(tmp_path):
    path = tmp_path / "new.sqlite3"
    Database.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version={len(mig.MIGRATIONS) + 1}")
    conn.close()
    with pytest.raises(DatabaseTooNew):
        Database.open(path)


def test_closed_database_refuses_use(tmp_path):
    db = Database.open(tmp_path / "c.sqlite3")
    db.close()
    db.close()
    with pytest.raises(StorageError):
        db.count_reference("c", 1, "project")
