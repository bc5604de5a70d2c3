"""`sync` end to end when a connection needs the user: lost permissions, the one mapping rule, text in nb/en, skipped companies."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from tripletex_desktop.app.context import build_context
from tripletex_desktop.cli.sync import main as sync_main
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.sync.health import HealthState, company_health, mapping_complete
from tripletex_desktop.core.sync.permcheck import is_fresh
from tripletex_desktop.services.sync import make_sync_runner, read_history
from tripletex_desktop.storage.settings import CompanySettings, ConnectionSettings, Settings, SyncOptions

PROBE_PATHS = ("/travelExpense", "/project/settings", "/company/")


def _company(sim, name: str):
    return next(c for c in sim.companies.values() if c.company.get("name") == name)


def _ids(company, table: str) -> dict[str, int]:
    return {row["description"]: row["id"] for row in company.table(table).values()}


def _full_mapping(company) -> dict[str, int]:
    cats, pays = _ids(company, "cost_categories"), _ids(company, "payment_types")
    return {
        "mileage_cost_category_id": cats["Bilgodtgjørelse"],
        "per_diem_cost_category_id": cats["Diett"],
        "payment_type_id": pays["Privat utlegg"],
    }


@pytest.fixture
def ctx(tmp_path: Path):
    context = build_context(tmp_path / "cfg")
    yield context
    context.close()


def configure(
    ctx,
    token: str,
    companies: list[CompanySettings],
    *,
    accountant: bool = False,
    connection_id: str = "conn1",
    label: str = "Fjordlys",
) -> ConnectionSettings:
    conn = ConnectionSettings(
        id=connection_id,
        label=label,
        environment="demo",
        companies=companies,
        is_accountant=accountant,
        sync=SyncOptions(interval="manual"),
    )
    ctx.settings = Settings(connections=[conn])
    ctx.settings_store.save(ctx.settings)
    ctx.token_store.set(conn.id, token)
    return conn


def fjordlys(ctx, token: str) -> ConnectionSettings:
    company = _company(ctx.simulator, "Fjordlys Reiser AS")
    return configure(
        ctx, token, [CompanySettings(id=company.id, name="Fjordlys Reiser AS", **_full_mapping(company))]
    )


def run_cli(ctx, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = sync_main(list(args), context=ctx, stdout=out)
    return code, out.getvalue()


def probe_requests(sim, start: int = 0) -> list[str]:
    return [
        r.path
        for r in sim.request_log[start:]
        if r.method == "GET" and (r.path == "/travelExpense" or r.path.startswith(PROBE_PATHS[1:]))
    ]


# --- 1. a lost permission ------------------------------------------------------------------------


def test_limited_token_needs_attention_names_the_permissions_and_stores_the_check(ctx) -> None:
    conn = fjordlys(ctx, "demo-limited")
    code, text = run_cli(ctx, "--json")
    assert code == 2, text
    (result,) = json.loads(text)["connections"]
    assert result["needs_attention"]
    (company,) = result["companies"]
    missing = {e["entity"] for e in company["errors"] if e["code"] == "permission_denied"}
    assert missing == {"project_settings"}  # the inferred gaps are warnings, not errors
    assert "permissions_likely_missing" in company["warnings"]
    # a 403 probe keeps Tripletex's requestId
    assert all(e["request_id"] for e in company["errors"] if e["entity"] == "project_settings")
    (check,) = ctx.db.latest_permission_checks(conn.id)  # the support bundle's permission_checks.json
    verdicts = {k: v["verdict"] for k, v in check.results["permissions"].items()}
    assert verdicts["travel_all"] == "likely_missing" and verdicts["travel_settings"] == "granted"

    code, text = run_cli(ctx, "--lang", "en")
    assert code == 2
    assert "Fjordlys: needs attention" in text
    assert "Missing permission in Tripletex: tick \u201cProsjektinnstillinger\u201d" in text
    assert "probably missing on the token" in text
    code, text = run_cli(ctx, "--lang", "nb")
    assert "Tilgang mangler i Tripletex: huk av \u201cProsjektinnstillinger\u201d under Prosjekt" in text


def test_health_of_a_limited_company_is_attention_from_the_stored_run(ctx) -> None:
    conn = fjordlys(ctx, "demo-limited")
    run_cli(ctx)
    (entry,) = read_history(ctx.db, conn.id)
    company = conn.companies[0]
    errors = [*entry.report.errors, *entry.report.company(company.id).errors]
    health = company_health(
        today=dt.date(2026, 11, 22),
        token_expires_on=None,
        mapping_complete=mapping_complete(company),
        running=False,
        ever_synced=True,
        errors=errors,
    )
    assert health.state is HealthState.ATTENTION
    assert set(health.missing_permission_entities) == {"project_settings"}


def test_a_clean_check_is_trusted_for_24_hours_then_probed_again(ctx) -> None:
    conn = fjordlys(ctx, "demo-all")
    assert run_cli(ctx)[0] == 0
    assert probe_requests(ctx.simulator)  # first sync: probed
    (check,) = ctx.db.latest_permission_checks(conn.id)
    assert is_fresh_now(check)

    mark = len(ctx.simulator.request_log)
    assert run_cli(ctx)[0] == 0
    assert probe_requests(ctx.simulator, mark) == []  # second sync: trusted

    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=25)
    runner = make_sync_runner(ctx, clock=lambda: later)
    mark = len(ctx.simulator.request_log)
    runner(conn.id, CancelToken(), lambda e: None)
    assert "/travelExpense" in probe_requests(ctx.simulator, mark)
    assert len(ctx.db.latest_permission_checks(conn.id)) == 1

    mark = len(ctx.simulator.request_log)
    assert run_cli(ctx, "--check-permissions")[0] == 0
    assert probe_requests(ctx.simulator, mark)  # forced


def is_fresh_now(check) -> bool:
    from tripletex_desktop.core.sync.permcheck import StoredCheck

    return is_fresh(StoredCheck(check.checked_at, check.results), dt.datetime.now(dt.UTC))


def test_a_permission_taken_away_later_is_noticed_by_the_daily_check(ctx) -> None:
    conn = fjordlys(ctx, "demo-all")
    assert run_cli(ctx)[0] == 0
    ctx.simulator.revoke("demo-all", "travel_register")
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=25)
    report = make_sync_runner(ctx, clock=lambda: later)(conn.id, CancelToken(), lambda e: None)
    assert report.needs_attention
    assert [e.entity for e in report.company(conn.companies[0].id).errors] == ["travel_register"]


def test_a_permission_added_later_is_not_hidden_by_an_old_checksum(ctx) -> None:
    """Tripletex's checksums ignore privilege changes: a changed verdict drops the digests (F16)."""
    conn = fjordlys(ctx, "demo-limited")
    company_id = conn.companies[0].id
    run_cli(ctx)
    assert ctx.db.count_reference(conn.id, company_id, "employee") == 1  # only the owner is visible
    ctx.simulator.grant("demo-limited", "employee_read")  # the box is ticked in Tripletex
    run_cli(ctx)
    everyone = len(ctx.simulator.company(company_id).employees)
    assert ctx.db.count_reference(conn.id, company_id, "employee") == everyone


@pytest.mark.parametrize("status", [403, 401])
def test_a_client_that_withdrew_access_is_unreachable_alone(ctx, status) -> None:
    """An accountant's client that took back login access: that client only, whether 403 or 401 (F10)."""
    sim = ctx.simulator
    sim.quirks.unreachable_client_status = status
    names = ("Fjordlys Reiser AS", "Hansen Rørlegger", "Nordlys Bakeri AS")
    companies = [
        CompanySettings(id=_company(sim, n).id, name=n, **_full_mapping(_company(sim, n))) for n in names
    ]
    conn = configure(ctx, "demo-accountant", companies, accountant=True, label="Tallknuser")
    info = sim.token_info("demo-accountant")
    lost = _company(sim, "Hansen Rørlegger").id
    info.clients = tuple(c for c in info.clients if c != lost)
    code, text = run_cli(ctx, "--json")
    (result,) = json.loads(text)["connections"]
    assert result["errors"] == []  # the connection itself is fine
    by_id = {c["company_id"]: c for c in result["companies"]}
    assert [e["code"] for e in by_id[lost]["errors"]] == ["client_not_reachable"]
    for other in (c.id for c in conn.companies if c.id != lost):
        assert not by_id[other]["errors"], by_id[other]
        assert ctx.db.count_reference(conn.id, other, "employee") > 0
    assert code == 2


def test_an_inferred_gap_found_later_warns_without_stopping(ctx) -> None:
    conn = fjordlys(ctx, "demo-all")
    assert run_cli(ctx)[0] == 0
    ctx.simulator.revoke("demo-all", "travel_all")
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=25)
    report = make_sync_runner(ctx, clock=lambda: later)(conn.id, CancelToken(), lambda e: None)
    company = report.company(conn.companies[0].id)
    assert not report.needs_attention and not company.errors
    assert "permissions_likely_missing" in company.warnings


# --- 2. one rule for "mapping complete" --------------------------------------------------------------


def test_company_without_mileage_pay_needs_no_mileage_category(ctx) -> None:
    nordlys = _company(ctx.simulator, "Nordlys Bakeri AS")
    assert nordlys.settings["mileageNotCompensated"] is True
    mapping = {k: v for k, v in _full_mapping(nordlys).items() if k != "mileage_cost_category_id"}
    conn = configure(
        ctx,
        "demo-accountant",
        [CompanySettings(id=nordlys.id, name="Nordlys Bakeri AS", **mapping)],
        accountant=True,
        label="Nordlys",
    )
    for _ in range(2):  # the first run pulls the settings, the second starts from the stored ones
        code, text = run_cli(ctx, "--json")
        assert code == 0, text
        (company,) = json.loads(text)["connections"][0]["companies"]
        assert "mapping_missing" not in company["warnings"]
        assert "mileage_not_compensated" in company["warnings"]
    (entry, _) = read_history(ctx.db, conn.id)
    company_report = entry.report.company(nordlys.id)
    health = company_health(
        today=dt.date(2026, 11, 22),
        token_expires_on=None,
        mapping_complete=mapping_complete(conn.companies[0], company_report.travel_settings),
        running=False,
        ever_synced=True,
        errors=list(company_report.errors),
    )
    assert health.state is HealthState.OK

    code, text = run_cli(ctx, "--lang", "en")
    assert code == 0 and "does not pay mileage allowance" in text


def test_a_company_that_pays_mileage_still_needs_the_category(ctx) -> None:
    company = _company(ctx.simulator, "Fjordlys Reiser AS")
    mapping = {k: v for k, v in _full_mapping(company).items() if k != "mileage_cost_category_id"}
    configure(ctx, "demo-all", [CompanySettings(id=company.id, name="Fjordlys Reiser AS", **mapping)])
    code, text = run_cli(ctx, "--lang", "en")
    assert code == 2
    assert "Cost categories or the payment type are not chosen (mileage)" in text


# --- 3. text in the user's language -------------------------------------------------------------------


def test_text_follows_lang_and_never_prints_codes(ctx, monkeypatch) -> None:
    fjordlys(ctx, "demo-expired")
    monkeypatch.setenv("LANG", "nb_NO.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    code, text = run_cli(ctx)
    assert code == 2
    assert "Fjordlys: trenger oppfølging" in text
    assert "Feil: Brukernøkkelen er utløpt eller slettet. Opprett en ny. (requestId: " in text
    assert "Fjordlys Reiser AS: hoppet over" in text
    assert "employee_token_expired" not in text and "demo-expired" not in text


def test_companies_after_a_token_failure_are_skipped_not_ok(ctx) -> None:
    sim = ctx.simulator
    companies = [
        CompanySettings(id=c, name=sim.companies[c].company["name"])
        for c in sim.token_info("demo-accountant").clients
    ]
    configure(ctx, "demo-expired", companies, accountant=True, label="Regnskap")
    code, text = run_cli(ctx, "--json")
    assert code == 2
    (result,) = json.loads(text)["connections"]
    assert [c["status"] for c in result["companies"]] == ["skipped"] * len(companies)
    code, text = run_cli(ctx, "--lang", "en")
    assert text.count("skipped (not reached because of the error above)") == len(companies)
    assert "0 lists" not in text


# --- the wizard stores its check at commit -------------------------------------------------------------


def test_wizard_commit_stores_its_permission_check(ctx) -> None:
    from tripletex_desktop.core.models import Environment
    from tripletex_desktop.services.wizard import WizardBackend, WizardDraft

    backend = WizardBackend.for_context(ctx)
    draft = WizardDraft(environment=Environment.DEMO, employee_token="demo-limited")
    outcome = backend.connect(draft, CancelToken())
    draft = dataclasses.replace(
        draft,
        who=outcome.who,
        companies=outcome.companies,
        is_accountant=outcome.is_accountant,
        selected_company_ids=[c.id for c in outcome.companies],
    )
    results = backend.check_permissions(draft, draft.selected_company_ids, CancelToken())
    assert results[outcome.who.company_id].missing
    connection = backend.commit(draft)
    (check,) = ctx.db.latest_permission_checks(connection.id)
    assert check.results["source"] == "wizard"
    assert check.results["permissions"]["travel_all"]["verdict"] == "likely_missing"
    assert check.results["permissions"]["project_settings"]["verdict"] == "missing"


# --- 4. a chosen category or payment type that Tripletex no longer offers ---------------------------------


def test_a_mapped_category_made_inactive_or_deleted_in_tripletex_warns_with_its_name(ctx) -> None:
    """The sync itself goes on (lists stored, exit 2 not 1); each unusable choice is named with what to do."""
    conn = fjordlys(ctx, "demo-all")
    assert run_cli(ctx)[0] == 0
    sim_company = _company(ctx.simulator, "Fjordlys Reiser AS")
    mapping = _full_mapping(sim_company)
    diett = mapping["per_diem_cost_category_id"]
    sim_company.cost_categories[diett] = {**sim_company.cost_categories[diett], "isInactive": True}
    # the company pays from rates (the demo's and Tripletex's default): mileage and per diem go out as rate
    # lines without their cost categories, so an inactive one breaks nothing and is not said
    code, text = run_cli(ctx, "--lang", "en")
    assert code == 0 and "Diett" not in text and "Warning" not in text, text
    # without rates they are sent as costs of those categories: now it matters
    sim_company.settings = {**sim_company.settings, "useRates": False}
    del sim_company.payment_types[mapping["payment_type_id"]]

    code, text = run_cli(ctx, "--lang", "en")
    assert code == 2, text
    assert text.startswith("Fjordlys: needs attention\n"), text
    assert (
        "Warning: The cost category \u201cDiett\u201d chosen for per diem is inactive in Tripletex, so travel "
        "reports with per diem fail at Approve or when sent. Choose another in File \u203a Edit connection "
        "\u2192 Cost categories." in text
    ), text
    assert "The payment type chosen for travel reports (Privat utlegg, id " in text, text
    assert "is no longer in Tripletex" in text
    assert "mapping_unusable" not in text  # never a raw code
    assert "Bilgodtgjørelse" not in text  # the usable choice is not mentioned

    code, text = run_cli(ctx, "--lang", "nb")
    assert code == 2
    assert "Kostnadskategorien «Diett» som er valgt for diett, er inaktiv i Tripletex" in text, text
    assert "Velg en annen under Fil \u203a Endre tilkobling \u2192 Kostnadskategorier." in text

    code, text = run_cli(ctx, "--json")
    assert code == 2
    (result,) = json.loads(text)["connections"]
    assert result["needs_attention"] is True and result["errors"] == []
    (company,) = result["companies"]
    assert "mapping_unusable" in company["warnings"] and company["errors"] == []
    problems = {p["slot"]: p for p in company["mapping_problems"]}
    assert problems["per_diem_cost_category"] == {
        "slot": "per_diem_cost_category",
        "id": diett,
        "name": "Diett",
        "problem": "inactive",
    }
    assert problems["payment_type"]["problem"] == "missing"
    assert set(problems) == {"per_diem_cost_category", "payment_type"}
    # the lists were still synced and stored: the sync was not blocked
    assert ctx.db.count_reference(conn.id, sim_company.id, "employee") > 0
    (entry, *_) = read_history(ctx.db, conn.id)  # the main window reads the same report
    assert {p.slot for p in entry.report.company(sim_company.id).mapping_problems} == set(problems)

    # back to usable: quiet again
    sim_company.cost_categories[diett] = {**sim_company.cost_categories[diett], "isInactive": False}
    other = next(i for d, i in _ids(sim_company, "payment_types").items())
    ctx.settings.connections[0].companies[0].payment_type_id = other
    code, text = run_cli(ctx, "--lang", "en")
    assert code == 0 and "Warning" not in text, text
