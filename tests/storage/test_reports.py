"""ReportStore and SqliteJournal: drafts, approval, journal crash safety against the simulator, imports, migration."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
import uuid
from decimal import Decimal
from pathlib import Path

import pytest

from tests.support.reports import CONNECTION, World, make_world, sync_reference, trip
from tripletex_desktop.core.errors import ErrorInfo
from tripletex_desktop.core.importing import import_rows, read_table, suggest_mapping
from tripletex_desktop.core.models import CompanyMapping, Employee
from tripletex_desktop.core.rates import PerDiemKind, RateTable
from tripletex_desktop.core.transfer import (
    ReportStatus,
    TransferResult,
    build_payloads,
    report_marker,
    transfer,
)
from tripletex_desktop.core.travel import Accommodation, CostLine, PerDiemLine, ReportKind, TravelReport
from tripletex_desktop.storage import migrations as mig
from tripletex_desktop.storage.db import Database, RefRow
from tripletex_desktop.storage.reports import (
    LastError,
    ReportInTripletex,
    ReportInvalid,
    ReportNotEditable,
    ReportNotFound,
    ReportNotSendable,
    ReportStore,
    SqliteJournal,
    report_from_json,
    report_to_json,
)


@pytest.fixture
def db(tmp_path: Path):
    database = Database.open(tmp_path / "db.sqlite3")
    yield database
    database.close()


@pytest.fixture
def store(db: Database) -> ReportStore:
    return ReportStore(db)


def draft(company_id: int = 7, **changes) -> TravelReport:
    base = TravelReport(
        connection_id=CONNECTION,
        company_id=company_id,
        employee_id=11,
        title="Messe Lillestrøm",
        departure_at=dt.datetime(2026, 5, 4, 7, 30),
        return_at=dt.datetime(2026, 5, 4, 17, 0),
        purpose="Messe",
        departure_from="Oslo",
        destination="Lillestrøm",
        lines=(CostLine(dt.date(2026, 5, 4), 3, Decimal("180"), 4, comment="Parkering"),),
    )
    return dataclasses.replace(base, **changes)


# --- JSON and drafts --------------------------------------------------------------------------------


def test_report_json_round_trip_keeps_every_field():
    report = draft(
        lines=(
            *draft().lines,
            PerDiemLine(
                2,
                dt.date(2026, 5, 4),
                99,
                PerDiemKind.OVERNIGHT,
                Accommodation.HOTEL,
                True,
                False,
                True,
                "Bergen",
            ),
        ),
        is_foreign=True,
        country_code="SE",
        project_id=5,
        kind=ReportKind.TRAVEL,
        import_fingerprint="fp",
    )
    assert report_from_json(report_to_json(report)) == report


def test_save_draft_is_an_upsert_and_list_searches(store: ReportStore):
    report = draft()
    store.save_draft(report, employee_name="Kari Nordmann")
    store.save_draft(dataclasses.replace(report, title="Messe Lillestrøm 2"), employee_name="Kari Nordmann")
    store.save_draft(draft(title="Kurs Trondheim", destination="Trondheim"), employee_name="Ola Hansen")
    rows = store.list_reports(company_id=7)
    assert len(rows) == 2
    assert store.get(report.id).report.title == "Messe Lillestrøm 2"
    assert [r.title for r in store.list_reports(search="kari lillestrøm")] == ["Messe Lillestrøm 2"]
    assert [r.title for r in store.list_reports(search="TRONDHEIM")] == ["Kurs Trondheim"]
    assert store.list_reports(company_id=8) == []
    assert store.list_reports(states=["approved"]) == []
    row = store.get(report.id).row
    assert (row.state, row.employee_name, row.amount) == ("draft", "Kari Nordmann", Decimal("180"))


def test_approve_only_a_valid_draft_and_then_it_is_frozen(store: ReportStore):
    bad = draft(title=" ", lines=())
    store.save_draft(bad)
    with pytest.raises(ReportInvalid) as caught:
        store.approve(bad.id)
    assert {p.code for p in caught.value.problems} == {"title_missing", "no_lines"}
    assert store.get(bad.id).row.state == "draft"

    good = draft()
    store.save_draft(good)
    assert store.approve(good.id).state == "approved"
    with pytest.raises(ReportNotEditable):
        store.save_draft(dataclasses.replace(good, title="changed"))
    with pytest.raises(ReportNotEditable):
        store.delete_draft(good.id)
    with pytest.raises(ReportNotEditable):
        store.approve(good.id)
    assert store.get(good.id).report.title == "Messe Lillestrøm"
    assert store.reopen(good.id).state == "draft"


def test_delete_draft_and_unknown_ids(store: ReportStore):
    report = draft()
    store.save_draft(report)
    store.delete_draft(report.id)
    with pytest.raises(ReportNotFound):
        store.get(report.id)
    with pytest.raises(ReportNotFound):
        store.approve(uuid.uuid4())


def test_queue_needs_approval_and_mark_result_stores_a_redacted_error(store: ReportStore):
    report = draft()
    store.save_draft(report)
    with pytest.raises(ReportNotSendable):
        store.queue(report.id)
    store.approve(report.id)
    assert store.queue(report.id).state == "queued"
    assert [r.id for r in store.queued(CONNECTION, 7)] == [report.id]
    error = ErrorInfo("server_error", "failed with employeeToken=abcdef123456", request_id="rid-1")
    row = store.mark_result(report.id, TransferResult("failed", 55, 3, "OPEN", error))
    assert (row.state, row.tripletex_id, row.tripletex_number, row.tripletex_state) == (
        "failed",
        55,
        3,
        "OPEN",
    )
    assert row.last_error is not None
    assert (row.last_error.code, row.last_error.request_id) == ("server_error", "rid-1")
    assert "abcdef123456" not in row.last_error.detail
    assert store.mark_result(report.id, TransferResult("sent", 55, 3, "OPEN")).last_error is None
    with pytest.raises(ReportNotSendable):
        store.queue(report.id)


# --- the journal ------------------------------------------------------------------------------------


def test_journal_records_are_durable_and_unknown_marks_pending_intents(tmp_path: Path):
    path = tmp_path / "j.sqlite3"
    db = Database.open(path)
    store = ReportStore(db)
    report = draft()
    store.save_draft(report)
    journal = store.journal(report.id)
    journal.record_intent(report.id, "report")
    journal.record_result(report.id, "report", 501)
    journal.record_intent(report.id, "cost:0")
    journal.record_intent(report.id, "cost:0")  # a repeat keeps the record
    journal.record_status(report.id, ReportStatus.UNKNOWN, "timeout")
    with pytest.raises(ValueError):
        journal.record_intent(uuid.uuid4(), "report")
    # another connection (as after a restart) sees everything without any commit by us
    other = sqlite3.connect(path)
    statuses = dict(other.execute("SELECT step_key, status FROM outbox_journal").fetchall())
    other.close()
    assert statuses == {"report": "done", "cost:0": "unknown"}
    db.close()

    db = Database.open(path)
    state = SqliteJournal(db, report.id).state(report.id)
    assert state.status is ReportStatus.UNKNOWN
    assert state.error_code == "timeout"
    assert state.travel_expense_id == 501
    assert state.steps["cost:0"].done is False
    assert ReportStore(db).get(report.id).row.tripletex_id == 501
    db.close()


def test_the_journal_keeps_what_tripletex_showed_before_an_upload_across_a_restart(tmp_path: Path):
    """A receipt upload's intent carries the report's attachments as they were (core.transfer.reconcile
    attachment_observation): the next process compares against it after an unknown outcome."""
    path = tmp_path / "j.sqlite3"
    db = Database.open(path)
    store = ReportStore(db)
    report = draft()
    store.save_draft(report)
    journal = store.journal(report.id)
    journal.record_intent(report.id, "attachment:0", observed='{"count":0,"document":null}')
    journal.record_intent(report.id, "attachment:0", observed='{"count":1,"document":[7,1,20]}')  # a retry
    db.close()
    db = Database.open(path)
    record = SqliteJournal(db, report.id).state(report.id).steps["attachment:0"]
    assert (record.done, record.observed) == (False, '{"count":1,"document":[7,1,20]}')
    SqliteJournal(db, report.id).record_result(report.id, "attachment:0", None, "f1")
    journal = SqliteJournal(db, report.id)
    journal.record_intent(report.id, "attachment:0", observed="other")  # a done step stays as it was
    assert journal.state(report.id).steps["attachment:0"].done
    db.close()


class Crash(BaseException):
    """The process dies: nothing after this point runs."""


class CrashAfterWrite(SqliteJournal):
    """Dies right after Tripletex answered `step_key`, before its result reaches the journal."""

    def __init__(self, db: Database, report_id: uuid.UUID, step_key: str) -> None:
        super().__init__(db, report_id)
        self.step_key = step_key

    def record_result(
        self, report_id: uuid.UUID, step_key: str, tripletex_id: int | None, fingerprint: str | None = None
    ) -> None:
        if step_key == self.step_key:
            raise Crash(step_key)
        super().record_result(report_id, step_key, tripletex_id, fingerprint)


def _rate_table(db: Database, company_id: int) -> RateTable:
    from tripletex_desktop.services.reports import rate_table_from_rows

    del company_id  # the rate tables are national: stored once per connection, under company 0
    return rate_table_from_rows(
        db.list_reference(CONNECTION, 0, "rate_category", include_inactive=True),
        db.list_reference(CONNECTION, 0, "rate", include_inactive=True),
        db.list_reference(CONNECTION, 0, "zone", include_inactive=True),
    )


@pytest.mark.parametrize("crash_step", ["report", "mileage:0", "cost:0"])
def test_result_lost_after_write_then_rerun_ends_with_one_travel_expense(tmp_path: Path, crash_step: str):
    world: World = make_world()
    path = tmp_path / "crash.sqlite3"
    db = Database.open(path)
    sync_reference(world, db)
    store = ReportStore(db)
    report = trip(world)
    store.save_draft(report)
    store.approve(report.id)
    store.queue(report.id)
    mapping = CompanyMapping(
        world.company_id,
        world.cost_categories["Bilgodtgjørelse"],
        world.cost_categories["Diett"],
        world.payment_types["Privat utlegg"],
    )
    plan = build_payloads(report, mapping, _rate_table(db, world.company_id))
    before = len(world.travel_expenses())

    client = world.client()
    with pytest.raises(Crash):
        transfer(report, plan, client.company(0), CrashAfterWrite(db, report.id, crash_step))
    client.close()
    db.close()  # the process is gone; only what was committed survives

    db = Database.open(path)
    steps = SqliteJournal(db, report.id).state(report.id).steps
    assert steps[crash_step].done is False  # the intent is there, the result was lost
    assert ReportStore(db).get(report.id).row.state == "sending"
    client = world.client()
    result = transfer(report, plan, client.company(0), SqliteJournal(db, report.id))
    client.close()
    ReportStore(db).mark_result(report.id, result)

    assert result.state == "sent", result
    assert len(world.travel_expenses()) == before + 1
    [created] = world.with_marker(report_marker(report.id))
    assert created["id"] == result.travel_expense_id
    assert len(world.lines_of("mileage_allowances", created["id"])) == 1
    assert len(world.lines_of("per_diem_compensations", created["id"])) == 1
    [cost] = world.lines_of("costs", created["id"])
    assert Decimal(str(cost["amountCurrencyIncVat"])) == Decimal("250.50")
    row = ReportStore(db).get(report.id).row
    assert (row.state, row.tripletex_id) == ("sent", created["id"])
    assert all(r.done for r in SqliteJournal(db, report.id).state(report.id).steps.values())
    db.close()


# --- import -----------------------------------------------------------------------------------------

CSV = "Dato;Fra;Til;Km;Ansatt\n02.11.2026;Oslo;Drammen;41,5;1\n03.11.2026;Drammen;Oslo;41,5;1\n"
EMPLOYEES = [Employee(11, "Kari", "Nordmann", "1")]


def _import(path: Path, company_id: int = 7):
    table = read_table(path)
    return import_rows(
        table, suggest_mapping(table.headers), EMPLOYEES, connection_id=CONNECTION, company_id=company_id
    )


def test_import_twice_skips_rows_already_imported(store: ReportStore, tmp_path: Path):
    path = tmp_path / "log.csv"
    path.write_text(CSV, encoding="utf-8")
    result = _import(path)
    assert result.ok and len(result.reports) == 2
    first = store.import_reports(result.reports, employee_names={11: "Kari Nordmann"})
    assert (first.imported, first.skipped) == (2, 0)
    path.write_text(CSV + "04.11.2026;Oslo;Hamar;125;1\n", encoding="utf-8")
    second = store.import_reports(_import(path).reports)
    assert (second.imported, second.skipped) == (1, 2)
    rows = store.list_reports(company_id=7)
    assert len(rows) == 3 and {r.state for r in rows} == {"draft"}
    assert {r.import_fingerprint for r in rows} == store.known_fingerprints(7)
    # the same file in another company is another trip
    assert store.import_reports(_import(path, company_id=8).reports).imported == 3


def test_import_is_all_or_nothing(store: ReportStore, tmp_path: Path):
    path = tmp_path / "log.csv"
    path.write_text(CSV, encoding="utf-8")
    good = list(_import(path).reports)
    broken = dataclasses.replace(good[1], company_id=None)  # violates NOT NULL on insert, after the first row
    with pytest.raises(sqlite3.IntegrityError):
        store.import_reports([good[0], broken])
    assert store.list_reports() == []
    assert store.known_fingerprints(7) == set()


def test_import_with_explicit_fingerprints(store: ReportStore):
    reports = [draft(), draft()]
    summary = store.import_reports(reports, ["a", "a"])
    assert (summary.imported, summary.skipped) == (1, 1)
    with pytest.raises(ValueError):
        store.import_reports(reports, ["b"])


def test_layouts_are_remembered(store: ReportStore):
    assert store.layout("k1") is None
    store.remember_layout("k1", {"date": "Dato", "km": "Km"})
    store.remember_layout("k1", {"date": "Dato", "km": "Kilometer"})
    assert store.layout("k1") == {"date": "Dato", "km": "Kilometer"}


def expense(**changes) -> TravelReport:
    """An employee expense: no departure or return, two costs on two days."""
    fields: dict[str, object] = {
        "kind": ReportKind.EMPLOYEE_EXPENSE,
        "title": "Kontorrekvisita",
        "departure_at": None,
        "return_at": None,
        "departure_from": "",
        "destination": "",
        "lines": (
            CostLine(dt.date(2026, 5, 12), 3, Decimal("249"), 4, comment="Blekk"),
            CostLine(dt.date(2026, 5, 6), 3, Decimal("89"), 4, comment="Papir"),
        ),
    }
    return draft(**{**fields, **changes})


def test_an_employee_expense_is_listed_with_the_first_and_last_date_of_its_costs(store: ReportStore):
    store.save_draft(draft())
    store.save_draft(expense())
    rows = {r.title: r for r in store.list_reports()}
    assert (rows["Kontorrekvisita"].departure_date, rows["Kontorrekvisita"].return_date) == (
        dt.date(2026, 5, 6),
        dt.date(2026, 5, 12),
    )
    # a trip keeps its own departure and return, whatever its lines' dates
    assert (rows["Messe Lillestrøm"].departure_date, rows["Messe Lillestrøm"].return_date) == (
        dt.date(2026, 5, 4),
        dt.date(2026, 5, 4),
    )
    # and the list is newest first by those dates, the expense among the trips (not last for want of a date)
    assert [r.title for r in store.list_reports()] == ["Kontorrekvisita", "Messe Lillestrøm"]


# --- migration --------------------------------------------------------------------------------------


def test_migration_from_previous_version_keeps_data_and_adds_reports(tmp_path: Path):
    path = tmp_path / "old.sqlite3"
    previous = len(mig.MIGRATIONS) - 1
    old = Database.open(path, migrations=mig.MIGRATIONS[:previous])
    assert old.schema_version == previous
    old.replace_reference(CONNECTION, 7, "employee", [RefRow(11, "Kari Nordmann", "1")])
    old.set_digest(CONNECTION, 7, "employee", "dig")
    old.finish_run(old.start_run(CONNECTION, "manual"), "ok", errors=[{"code": "network"}])
    old.save_permission_check(CONNECTION, 7, {"travel": "granted"})
    old.close()

    db = Database.open(path)
    assert db.schema_version == len(mig.MIGRATIONS)
    assert [r.label for r in db.list_reference(CONNECTION, 7, "employee")] == ["Kari Nordmann"]
    assert db.get_digest(CONNECTION, 7, "employee") == "dig"
    assert db.list_runs(CONNECTION)[0].errors[0].code == "network"
    assert db.last_permission_check(CONNECTION, 7) is not None
    store = ReportStore(db)
    store.save_draft(draft())
    assert len(store.list_reports()) == 1
    conn = db._connection()
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()


def test_list_rows_carry_foreign_currency_costs_next_to_the_nok_amount(tmp_path):
    import dataclasses
    from decimal import Decimal

    from tests.support.reports import make_world, trip
    from tripletex_desktop.storage.db import Database
    from tripletex_desktop.storage.reports import ReportStore

    world = make_world()
    db = Database.open(tmp_path / "db.sqlite3")
    try:
        report = trip(world)
        cost = next(line for line in report.lines if hasattr(line, "currency"))
        eur = dataclasses.replace(cost, currency="EUR", amount_incl_vat=Decimal("40.10"))
        report = dataclasses.replace(report, lines=(*report.lines, eur))
        store = ReportStore(db)
        store.save_draft(report, amount=Decimal("100"))
        [row] = store.list_reports()
        assert row.amount == Decimal("100")
        assert row.foreign_amounts == (("EUR", Decimal("40.10")),)
    finally:
        db.close()


def test_a_foreign_cost_keeps_its_exchange_rate_and_the_row_says_its_amount_is_an_estimate(tmp_path):
    import dataclasses
    from decimal import Decimal

    from tests.support.reports import make_world, trip
    from tripletex_desktop.storage.db import Database
    from tripletex_desktop.storage.reports import ReportStore

    world = make_world()
    db = Database.open(tmp_path / "db.sqlite3")
    try:
        report = trip(world)
        cost = next(line for line in report.lines if hasattr(line, "currency"))
        sek = dataclasses.replace(
            cost, currency="SEK", amount_incl_vat=Decimal("1200"), exchange_rate=Decimal("1.0042")
        )
        eur = dataclasses.replace(cost, currency="EUR", amount_incl_vat=Decimal("40.10"))
        report = dataclasses.replace(report, lines=(*report.lines, sek, eur))
        store = ReportStore(db)
        store.save_draft(report, amount=Decimal("1305.04"))
        [row] = store.list_reports()
        assert row.estimated is True
        assert row.foreign_amounts == (("EUR", Decimal("40.10")),)  # only the one without a rate
        loaded = store.get(report.id).report
        assert loaded.lines == report.lines  # the rate round-trips; NOK lines carry none
    finally:
        db.close()


# --- the archive ----------------------------------------------------------------------------------------


def test_every_approval_send_and_check_lands_in_the_archive_newest_first(tmp_path: Path):
    ticks = iter(dt.datetime(2026, 11, 2, 8, m, tzinfo=dt.UTC) for m in range(60))
    db = Database.open(tmp_path / "db.sqlite3", clock=lambda: next(ticks))
    try:
        store = ReportStore(db)
        report = draft()
        store.save_draft(report, employee_name="Kari Nordmann")
        store.approve(report.id)
        store.reopen(report.id)
        store.approve(report.id)
        store.queue(report.id)
        failure = ErrorInfo("server_error", "Tripletex 503 bad gateway", request_id="req-1")
        store.mark_result(report.id, TransferResult("failed", error=failure))
        store.queue(report.id)
        store.mark_result(
            report.id, TransferResult("sent", travel_expense_id=55, number=8, tripletex_state="OPEN")
        )
        store.mark_tripletex(report.id, tripletex_id=55, number=8, tripletex_state="DELIVERED")
        store.mark_missing(report.id)
        other = draft(title="Andre")
        store.save_draft(other)  # drafts saved as typed are not events
        events = store.events(CONNECTION)
    finally:
        db.close()
    assert [e.kind for e in events] == [
        "missing",
        "checked",
        "sent",
        "failed",
        "approved",
        "reopened",
        "approved",
    ]
    assert [e.at for e in events] == sorted((e.at for e in events), reverse=True)
    missing, checked, sent, failed = events[:4]
    assert (sent.state, sent.tripletex_number, sent.tripletex_state) == ("sent", 8, "OPEN")
    assert (checked.tripletex_state, missing.state) == ("DELIVERED", "unknown")
    assert failed.state == "failed" and failed.error is not None
    assert (failed.error.code, failed.error.detail, failed.error.request_id) == (
        "server_error",
        "Tripletex 503 bad gateway",
        "req-1",
    )
    assert {(e.title, e.employee_name, e.company_id) for e in events} == {
        ("Messe Lillestrøm", "Kari Nordmann", 7)
    }


def test_migration_gives_stored_reports_without_times_the_dates_of_their_lines(tmp_path: Path):
    path = tmp_path / "old.sqlite3"
    old = Database.open(
        path, migrations=mig.MIGRATIONS[:7]
    )  # v7: before the reports' dates came from their lines
    store = ReportStore(old)
    kept, dated = store.save_draft(expense()), store.save_draft(draft())
    empty = store.save_draft(expense(lines=()))
    conn = old._connection()
    # as the previous version stored them: no dates for a report without times
    conn.execute(
        "UPDATE travel_reports SET departure_date=NULL, return_date=NULL WHERE uuid IN (?, ?)",
        (str(kept.id), str(empty.id)),
    )
    conn.commit()
    old.close()

    db = Database.open(path)
    rows = {r.id: r for r in ReportStore(db).list_reports()}
    assert (rows[kept.id].departure_date, rows[kept.id].return_date) == (
        dt.date(2026, 5, 6),
        dt.date(2026, 5, 12),
    )
    assert (rows[dated.id].departure_date, rows[dated.id].return_date) == (
        dt.date(2026, 5, 4),
        dt.date(2026, 5, 4),
    )
    assert (rows[empty.id].departure_date, rows[empty.id].return_date) == (None, None)
    db.close()


# --- reopen, correction and the outbox's own queries (what mutation testing found untested) ----------------


def _in_state(store: ReportStore, state: str, error_code: str = "server_error", **changes) -> TravelReport:
    """A stored report brought to `state` the way the app does it (save, approve, queue, claim, result)."""
    report = draft(**changes)
    store.save_draft(report)
    steps = ["draft", "approved", "queued", "sending"]
    if state in steps[1:] or state not in steps:
        store.approve(report.id)
    if state in steps[2:] or state not in steps:
        store.queue(report.id)
    if state in steps[3:] or state not in steps:
        assert store.claim_for_send(report.id)
    if state not in steps:
        error = ErrorInfo(error_code, "") if state == "failed" else None
        store.mark_result(report.id, TransferResult(state, error=error))
    assert store.get(report.id).row.state == state
    return report


@pytest.mark.parametrize("state", ["approved", "queued", "failed"])
def test_reopen_makes_an_approved_queued_or_failed_report_a_draft_again(store: ReportStore, state: str):
    report = _in_state(store, state)
    assert store.reopen(report.id).state == "draft"
    assert store.get(report.id).row.state == "draft"


@pytest.mark.parametrize("state", ["draft", "sending", "unknown", "sent"])
def test_reopen_refuses_every_other_state_and_names_it(store: ReportStore, state: str):
    report = _in_state(store, state)
    with pytest.raises(ReportNotEditable) as caught:
        store.reopen(report.id)
    assert caught.value.detail == state
    assert store.get(report.id).row.state == state


@pytest.mark.parametrize("step", ["done", "unknown"])
def test_reopen_refuses_a_report_tripletex_has_or_may_have_part_of(store: ReportStore, step: str):
    report = _in_state(store, "queued")
    journal = store.journal(report.id)
    journal.record_intent(report.id, "report")
    if step == "done":
        journal.record_result(report.id, "report", 501)
    else:
        journal.record_status(report.id, ReportStatus.UNKNOWN, "timeout")
    store.mark_result(report.id, TransferResult("failed", error=ErrorInfo("server_error", "")))
    with pytest.raises(ReportInTripletex) as caught:
        store.reopen(report.id)
    assert caught.value.detail == "failed"
    assert store.get(report.id).row.state == "failed"
    assert journal.state(report.id).steps["report"].done is (step == "done")


def test_reopen_of_a_failed_report_clears_the_intents_its_definite_failure_left(store: ReportStore):
    report = _in_state(store, "failed")
    store.journal(report.id).record_intent(report.id, "report")
    assert store.reopen(report.id).state == "draft"
    assert store.journal(report.id).state(report.id).steps == {}


@pytest.mark.parametrize("state", ["approved", "queued"])
def test_reopen_refuses_an_intent_outside_a_failure_as_a_send_may_be_in_progress(
    store: ReportStore, state: str
):
    report = _in_state(store, state)
    store.journal(report.id).record_intent(report.id, "report")
    with pytest.raises(ReportInTripletex) as caught:
        store.reopen(report.id)
    assert caught.value.detail == state
    assert set(store.journal(report.id).state(report.id).steps) == {"report"}


@pytest.mark.parametrize("state", ["failed", "unknown", "sent", "approved", "queued"])
def test_a_correction_reopens_and_keeps_what_was_written(store: ReportStore, state: str):
    report = _in_state(store, state)
    journal = store.journal(report.id)
    journal.record_result(report.id, "report", 501, fingerprint="f-report")
    row = store.reopen_for_correction(report.id)
    assert (row.id, row.state, row.tripletex_id) == (report.id, "draft", 501)
    steps = journal.state(report.id).steps
    assert (steps["report"].done, steps["report"].tripletex_id, steps["report"].fingerprint) == (
        True,
        501,
        "f-report",
    )


@pytest.mark.parametrize("state", ["draft", "sending"])
def test_a_correction_refuses_a_draft_or_a_send_in_progress(store: ReportStore, state: str):
    report = _in_state(store, state)
    with pytest.raises(ReportNotEditable) as caught:
        store.reopen_for_correction(report.id)
    assert caught.value.detail == state


def test_a_correction_marks_done_steps_of_unknown_content_for_a_rewrite_and_only_those(store: ReportStore):
    report = _in_state(store, "sent")
    other = _in_state(store, "sent", title="Andre")
    journal = store.journal(report.id)
    journal.record_result(report.id, "report", 501)  # recorded before fingerprints were kept
    journal.record_result(report.id, "cost:0", 601, fingerprint="f-cost")
    journal.record_intent(report.id, "mileage:0")
    store.journal(other.id).record_result(other.id, "report", 502)
    store.reopen_for_correction(report.id)
    steps = journal.state(report.id).steps
    assert (steps["report"].fingerprint, steps["cost:0"].fingerprint, steps["mileage:0"].fingerprint) == (
        "",
        "f-cost",
        None,
    )
    assert store.journal(other.id).state(other.id).steps["report"].fingerprint is None  # another report's


def test_a_correction_of_a_report_deleted_in_tripletex_forgets_it_there_and_only_it(store: ReportStore):
    report = _in_state(store, "sent")
    other = _in_state(store, "sent", title="Andre")
    for r in (report, other):
        store.journal(r.id).record_result(r.id, "report", 500 + len(r.title))
        store.mark_tripletex(r.id, tripletex_id=500 + len(r.title), number=8, tripletex_state="OPEN")
    row = store.reopen_for_correction(report.id, forget_tripletex=True)
    assert (row.state, row.tripletex_id, row.tripletex_number, row.tripletex_state) == (
        "draft",
        None,
        None,
        None,
    )
    assert store.journal(report.id).state(report.id).steps == {}
    kept = store.get(other.id).row
    assert (kept.state, kept.tripletex_id, kept.tripletex_number, kept.tripletex_state) == (
        "sent",
        505,
        8,
        "OPEN",
    )
    assert set(store.journal(other.id).state(other.id).steps) == {"report"}


def test_a_sync_finishes_queued_sending_unknown_and_cancelled_reports_oldest_first(tmp_path: Path):
    ticks = iter(dt.datetime(2026, 11, 2, 8, 0, tzinfo=dt.UTC) + dt.timedelta(seconds=s) for s in range(500))
    db = Database.open(tmp_path / "db.sqlite3", clock=lambda: next(ticks))
    try:
        store = ReportStore(db)
        made = {
            name: _in_state(store, state, error_code, title=name)
            for name, state, error_code in [
                ("sending", "sending", ""),
                ("failed-refused", "failed", "validation_failed"),
                ("queued", "queued", ""),
                ("draft", "draft", ""),
                ("cancelled", "failed", "cancelled"),
                ("approved", "approved", ""),
                ("unknown", "unknown", ""),
                ("sent", "sent", ""),
            ]
        }
        _in_state(store, "queued", company_id=8, title="another company")
        names = {r.id: name for name, r in made.items()}
        unfinished = store.unfinished(CONNECTION, 7)
        queued = store.queued(CONNECTION, 7)
    finally:
        db.close()
    assert [names[r.id] for r in unfinished] == ["sending", "queued", "cancelled", "unknown"]
    assert [(r.title, r.company_id) for r in unfinished] == [
        ("sending", 7),
        ("queued", 7),
        ("cancelled", 7),
        ("unknown", 7),
    ]
    assert [names[r.id] for r in queued] == ["queued"]


def test_the_journal_forgets_only_the_steps_it_is_told_of(store: ReportStore):
    report = _in_state(store, "sent")
    other = _in_state(store, "sent", title="Andre")
    journal = store.journal(report.id)
    for key in ("report", "cost:0", "cost:1"):
        journal.record_result(report.id, key, 1)
    store.journal(other.id).record_result(other.id, "cost:0", 2)
    journal.forget(report.id, iter(["cost:0"]))  # any iterable, read once
    journal.forget(report.id, [])
    assert set(journal.state(report.id).steps) == {"report", "cost:1"}
    assert set(store.journal(other.id).state(other.id).steps) == {"cost:0"}
    with pytest.raises(ValueError):
        journal.forget(other.id, ["cost:0"])
    assert set(store.journal(other.id).state(other.id).steps) == {"cost:0"}


def test_deleting_a_report_that_is_no_draft_names_its_state_and_keeps_it(store: ReportStore):
    report = _in_state(store, "approved")
    kept = _in_state(store, "draft", title="Andre")
    with pytest.raises(ReportNotEditable) as caught:
        store.delete_draft(report.id)
    assert caught.value.detail == "approved"
    assert store.get(report.id).row.state == "approved"
    store.delete_draft(kept.id)
    with pytest.raises(ReportNotFound):
        store.get(kept.id)
    assert store.get(report.id).row.state == "approved"


def test_a_dry_runs_result_leaves_the_report_where_it_was(store: ReportStore):
    report = _in_state(store, "approved")
    row = store.mark_result(report.id, TransferResult("dry_run"))
    assert (row.id, row.state) == (report.id, "approved")
    assert store.get(report.id).row.state == "approved"
    assert [e.kind for e in store.events(CONNECTION)] == ["approved"]  # no archive entry for a dry run


def test_a_send_tripletex_did_not_take_goes_back_to_the_outbox_with_its_reason(store: ReportStore):
    report = _in_state(store, "sending")
    reason = ErrorInfo("rate_limited", "429")
    row = store.mark_result(report.id, TransferResult("queued", error=reason))
    assert row.state == "queued" and row.last_error is not None and row.last_error.code == "rate_limited"
    assert [r.id for r in store.unfinished(CONNECTION, 7)] == [report.id]


def test_a_cancelled_send_is_claimed_again_and_a_refused_one_is_not(store: ReportStore):
    cancelled = _in_state(store, "failed", "cancelled")
    refused = _in_state(store, "failed", "validation_failed", title="Andre")
    assert store.claim_for_send(cancelled.id) is True
    assert store.get(cancelled.id).row.state == "sending"
    assert store.claim_for_send(refused.id) is False
    assert store.get(refused.id).row.state == "failed"


def test_queueing_names_the_state_that_cannot_be_sent(store: ReportStore):
    for state in ("draft", "sent"):
        report = _in_state(store, state, title=state)
        with pytest.raises(ReportNotSendable) as caught:
            store.queue(report.id)
        assert caught.value.detail == state


def test_only_the_report_steps_id_goes_on_the_report_row(store: ReportStore):
    report = _in_state(store, "sending")
    journal = store.journal(report.id)
    journal.record_result(report.id, "cost:0", 601)
    assert store.get(report.id).row.tripletex_id is None
    journal.record_result(report.id, "report", 501)
    journal.record_result(report.id, "mileage:0", None)
    assert store.get(report.id).row.tripletex_id == 501


def test_a_mileage_line_keeps_its_passengers_toll_and_company_car_through_storage(store: ReportStore):
    from tripletex_desktop.core.travel import MileageLine

    leg = MileageLine(
        dt.date(2026, 5, 4),
        "Oslo",
        "Lillestrøm",
        Decimal("21.5"),
        is_company_car=True,
        passengers=2,
        passenger_names=("Ola", "Kari"),
        toll_cost=Decimal("47.00"),
    )
    report = draft(lines=(leg,))
    store.save_draft(report)
    assert store.get(report.id).report.lines == (leg,)
    assert report_from_json(report_to_json(report)).lines == (leg,)


def test_a_report_stored_before_the_optional_fields_existed_reads_with_their_defaults():
    from tripletex_desktop.core.travel import MileageLine

    rid = uuid.uuid4()
    old = {
        "id": str(rid),
        "connection_id": CONNECTION,
        "company_id": "7",
        "lines": [
            {"type": "mileage", "date": "2026-05-04", "km": "12"},
            {"type": "per_diem", "count": 1},
            {"type": "cost", "date": "2026-05-04", "amount_incl_vat": "180"},
        ],
    }
    report = report_from_json(old)
    assert (report.id, report.company_id, report.title, report.purpose) == (rid, 7, "", "")
    assert (report.departure_from, report.destination, report.departure_at, report.return_at) == (
        "",
        "",
        None,
        None,
    )
    assert (report.is_foreign, report.is_day_trip, report.is_over_15_km) == (False, True, True)
    assert (
        report.kind is ReportKind.TRAVEL and report.employee_id is None and report.import_fingerprint is None
    )
    mileage, per_diem, cost = report.lines
    assert mileage == MileageLine(dt.date(2026, 5, 4), "", "", Decimal("12"))
    assert per_diem == PerDiemLine(1)
    assert per_diem.accommodation is Accommodation.NONE and per_diem.location == ""
    assert cost == CostLine(dt.date(2026, 5, 4), None, Decimal("180"), None)
    assert (cost.currency, cost.comment, cost.receipt_path, cost.exchange_rate) == ("NOK", "", None, None)


def test_the_counts_are_per_company_and_state_of_one_connection(store: ReportStore):
    _in_state(store, "draft")
    _in_state(store, "draft", title="b")
    _in_state(store, "approved", title="c")
    _in_state(store, "queued", company_id=8)
    store.save_draft(draft(connection_id="another-connection"))
    assert store.counts(CONNECTION) == {7: {"draft": 2, "approved": 1}, 8: {"queued": 1}}
    assert store.counts("nobody") == {}


def test_the_journal_of_a_report_it_does_not_hold_is_an_empty_queued_one(db: Database):
    rid = uuid.uuid4()
    state = SqliteJournal(db, rid).state(rid)
    assert (state.status, state.error_code, state.steps) == (ReportStatus.QUEUED, None, {})
    report = draft()
    ReportStore(db).save_draft(report)
    assert SqliteJournal(db, report.id).state(report.id).error_code is None  # a draft has no error


def test_a_steps_settle_time_is_kept_until_its_result(store: ReportStore):
    report = _in_state(store, "sending")
    journal = store.journal(report.id)
    sent = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)
    journal.record_intent(report.id, "cost:0", sent_at=sent)
    journal.record_settle(report.id, "cost:0", sent + dt.timedelta(minutes=5))
    step = journal.state(report.id).steps["cost:0"]
    assert (step.sent_at, step.settle_at) == (sent, sent + dt.timedelta(minutes=5))
    journal.record_result(report.id, "cost:0", 601)
    assert journal.state(report.id).steps["cost:0"].settle_at is None


def test_the_outbox_status_keeps_or_clears_the_reports_error_as_the_protocol_says(store: ReportStore):
    report = _in_state(store, "sending")
    journal = store.journal(report.id)
    journal.record_status(report.id, ReportStatus.UNKNOWN, "timeout")
    row = store.get(report.id).row
    assert row.state == "unknown" and row.last_error == LastError("timeout", "", None)
    journal.record_status(report.id, ReportStatus.FAILED)  # no new code: the reason stays
    assert store.get(report.id).row.last_error == LastError("timeout", "", None)
    assert journal.state(report.id).error_code == "timeout"
    journal.record_status(report.id, ReportStatus.SENDING)  # a new attempt starts without the old reason
    assert store.get(report.id).row.last_error is None
    journal.record_status(report.id, ReportStatus.FAILED, "server_error")
    journal.record_status(report.id, ReportStatus.SENT)
    row = store.get(report.id).row
    assert (row.state, row.last_error) == ("sent", None)
    assert journal.state(report.id).error_code is None
