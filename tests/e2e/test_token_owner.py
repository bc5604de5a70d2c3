"""The token's owner (whoAmI) is kept per connection: a connection set up before the settings kept it learns it
at its next sync, once, without losing what another process saved meanwhile."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tripletex_desktop.app.context import build_context
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.services import sync as sync_service
from tripletex_desktop.services.sync import make_sync_runner
from tripletex_desktop.storage.settings import ConnectionSettings, Settings, SettingsStore, SyncOptions


@pytest.fixture
def ctx(tmp_path: Path):
    context = build_context(tmp_path / "cfg")
    yield context
    context.close()


def old_connection(ctx, token: str = "demo-all") -> ConnectionSettings:
    """A demo connection as a v3 file held it: no owner."""
    company = next(
        c for c in ctx.simulator.companies.values() if c.company.get("name") == "Fjordlys Reiser AS"
    )
    raw = {
        "schema_version": 3,
        "connections": [
            {
                "id": "conn1",
                "label": "Fjordlys",
                "environment": "demo",
                "companies": [{"id": company.id, "name": "Fjordlys Reiser AS"}],
                "sync": {"interval": "manual"},
            }
        ],
        "ui_language": "nb",
    }
    ctx.settings_store.path.write_text(json.dumps(raw), "utf-8")
    ctx.settings = ctx.settings_store.load().settings
    ctx.token_store.set("conn1", token)
    [conn] = ctx.settings.connections
    assert conn.employee_id is None and conn.employee_company_id is None
    return conn


def owner_of(ctx) -> tuple[int, int]:
    conn = ctx.settings.connection("conn1")
    client = ctx.client_for(conn)
    try:
        who = client.who_am_i()
    finally:
        client.close()
    return who.employee_id, who.company_id


def test_the_next_sync_learns_the_owner_once_and_keeps_what_others_saved(ctx, monkeypatch):
    old_connection(ctx)
    # meanwhile another process (the GUI, `profile import`) renamed the connection in the file
    on_disk = ctx.settings_store.load().settings
    on_disk.connections[0].label = "Fjordlys (renamed)"
    ctx.settings_store.save(on_disk)

    asked = []
    learn = sync_service.learn_token_owner
    monkeypatch.setattr(sync_service, "learn_token_owner", lambda *a: (asked.append(1), learn(*a)))
    run = make_sync_runner(ctx)
    run("conn1", CancelToken(), lambda progress: None)

    expected = owner_of(ctx)
    live = ctx.settings.connection("conn1")
    assert (live.employee_id, live.employee_company_id) == expected  # the running app knows at once
    stored = SettingsStore(ctx.paths.settings_file).load().settings.connection("conn1")
    assert (stored.employee_id, stored.employee_company_id) == expected
    assert stored.label == "Fjordlys (renamed)"  # only the two fields were written
    assert asked == [1]

    run("conn1", CancelToken(), lambda progress: None)
    assert asked == [1]  # known now: never asked again


def test_a_sync_whose_token_is_refused_learns_nothing_and_changes_nothing(ctx):
    old_connection(ctx)
    ctx.token_store.set("conn1", "demo-expired")
    report = make_sync_runner(ctx)("conn1", CancelToken(), lambda progress: None)
    assert report.errors  # the sync's own error, as before
    stored = SettingsStore(ctx.paths.settings_file).load().settings.connection("conn1")
    assert stored.employee_id is None and stored.label == "Fjordlys"


def test_a_profile_never_carries_the_owner_to_the_next_machine(ctx):
    from tripletex_desktop.storage.settings import export_profile, import_profile

    conn = old_connection(ctx)
    conn.employee_id, conn.employee_company_id = 7, 8
    profile = json.loads(json.dumps(export_profile(ctx.settings)))
    assert "employee_id" not in json.dumps(profile)
    [imported] = import_profile(profile, Settings()).connections
    assert imported.employee_id is None and imported.employee_company_id is None
    assert imported.sync == SyncOptions(interval="manual")
