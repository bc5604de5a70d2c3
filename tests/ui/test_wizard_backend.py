"""WizardBackend (Qt-free): the all-or-nothing commit, token handling and mapping helpers."""

from __future__ import annotations

import json

import keyring
import pytest

from tripletex_desktop.core.errors import (
    DiskFull,
    MalformedToken,
    SecretStoreUnavailable,
    TestTokenOnProduction,
)
from tripletex_desktop.core.models import ClientCompany, CompanyMapping, Environment, WhoAmI
from tripletex_desktop.services.wizard import WizardBackend, WizardDraft, check_token_shape, clean_token
from tripletex_desktop.storage.secrets import TokenStore
from tripletex_desktop.storage.settings import SettingsStore


class BrokenSave:
    def __init__(self, real):
        self.real = real

    def load(self):
        return self.real.load()

    def save(self, settings):
        raise DiskFull("no space")


def _draft(**kw) -> WizardDraft:
    who = WhoAmI(
        employee_id=1, employee_name="Kari Nordmann", company_id=7, company_name="Fjordlys Reiser AS"
    )
    base = dict(
        environment=Environment.DEMO,
        employee_token="demo-all",
        who=who,
        companies=(ClientCompany(7, "Fjordlys Reiser AS", "912345688"),),
        selected_company_ids=[7],
        mappings={7: CompanyMapping(7, 1, 2, 3)},
        language="nb",
    )
    base.update(kw)
    return WizardDraft(**base)


@pytest.fixture
def stores(tmp_path):
    return TokenStore(), SettingsStore(tmp_path / "settings.json")


def test_commit_writes_token_and_settings(stores):
    tokens, settings = stores
    backend = WizardBackend(lambda *a: None, tokens, settings)
    conn = backend.commit(_draft())
    assert tokens.get(conn.id) == "demo-all"
    data = json.loads(settings.path.read_text())
    assert data["connections"][0]["companies"][0]["payment_type_id"] == 3
    assert data["ui_language"] == "nb"
    assert "demo-all" not in settings.path.read_text()


def test_failed_settings_write_removes_the_new_token(stores):
    tokens, settings = stores
    backend = WizardBackend(lambda *a: None, tokens, BrokenSave(settings))
    with pytest.raises(DiskFull):
        backend.commit(_draft())
    assert keyring.get_keyring().store == {}
    assert not settings.path.exists()


def test_failed_settings_write_restores_the_previous_token(stores):
    tokens, settings = stores
    conn = WizardBackend(lambda *a: None, tokens, settings).commit(_draft())
    broken = WizardBackend(lambda *a: None, tokens, BrokenSave(settings))
    with pytest.raises(DiskFull):
        broken.commit(_draft(connection_id=conn.id, employee_token="new-token", has_stored_token=True))
    assert tokens.get(conn.id) == "demo-all"


class UnreadableKeyring:
    """A token store whose reads of one kind fail (a locked or flaky keyring); writes go through."""

    def __init__(self, real, kind):
        self.real, self.kind, self.writes = real, kind, []

    def get(self, connection_id, kind="employee"):
        if kind == self.kind:
            raise SecretStoreUnavailable("locked", reason="locked")
        return self.real.get(connection_id, kind=kind)

    def set(self, connection_id, token, kind="employee"):
        self.writes.append(kind)
        self.real.set(connection_id, token, kind=kind)

    def delete(self, connection_id, kind="employee"):
        self.real.delete(connection_id, kind=kind)


@pytest.mark.parametrize("kind", ["employee", "consumer"])
def test_a_failed_read_of_the_previous_token_aborts_the_commit(stores, kind):
    tokens, settings = stores
    conn = WizardBackend(lambda *a: None, tokens, settings).commit(_draft(consumer_token="own-consumer"))
    before = settings.path.read_bytes()
    flaky = UnreadableKeyring(tokens, kind)
    backend = WizardBackend(lambda *a: None, flaky, BrokenSave(settings))
    draft = _draft(
        connection_id=conn.id,
        employee_token="new-token",
        consumer_token="new-consumer",
        has_stored_token=True,
    )
    with pytest.raises(SecretStoreUnavailable):
        backend.commit(draft)
    # Never taken for "no previous token": the tokens that existed are still there, nothing was half-written.
    assert tokens.get(conn.id) == "demo-all"
    assert tokens.get(conn.id, kind="consumer") == "own-consumer"
    assert settings.path.read_bytes() == before
    assert kind not in flaky.writes


def test_edit_without_new_token_keeps_the_stored_one(stores):
    tokens, settings = stores
    backend = WizardBackend(lambda *a: None, tokens, settings)
    conn = backend.commit(_draft())
    again = backend.commit(
        _draft(connection_id=conn.id, employee_token=None, has_stored_token=True, name="Ny")
    )
    assert again.id == conn.id
    assert tokens.get(conn.id) == "demo-all"
    loaded = settings.load().settings
    assert [c.label for c in loaded.connections] == ["Ny"]


def test_token_cleaning_and_shape():
    assert clean_token("  abc\ndef \r\n") == "abcdef"
    with pytest.raises(TestTokenOnProduction):
        check_token_shape("test-123", Environment.PRODUCTION)
    with pytest.raises(MalformedToken):
        check_token_shape("", Environment.TEST)
    check_token_shape("test-123", Environment.TEST)


def test_default_consumer_token_comes_from_the_app_context(stores):
    class Context:
        def __init__(self):
            self.asked = []
            self.token_store, self.settings_store = stores
            self.session_tokens = None
            self.db = None

        def consumer_token(self, env, connection_id=None):
            self.asked.append(env)
            return "ctx-consumer"

        def make_client(self, target, token, cancel=None):
            self.target = target
            raise RuntimeError("stop here")

    ctx = Context()
    backend = WizardBackend.for_context(ctx)
    with pytest.raises(RuntimeError):
        backend.connect(_draft(environment=Environment.PRODUCTION, employee_token="abc"), _cancel())
    assert ctx.asked == [Environment.PRODUCTION]
    assert ctx.target.consumer_token == "ctx-consumer"


def _cancel():
    from tripletex_desktop.core.cancel import CancelToken

    return CancelToken()


def test_a_stored_check_reads_back_graded_as_a_fresh_one(tmp_path):
    import datetime as dt

    from tripletex_desktop.core.cancel import CancelToken
    from tripletex_desktop.core.sync.permcheck import check_to_json
    from tripletex_desktop.services.wizard import BLOCKER, permissions_from_stored
    from tripletex_desktop.storage.db import Database

    results = check_to_json(
        {
            "travel_settings": ("missing", "forbidden", "rid-1"),
            "travel_all": ("likely_missing", "only_own", None),
            "project_info": ("granted", "ok", None),
        },
        source="sync",
    )
    when = dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.UTC)
    stored = permissions_from_stored(7, results, when)
    assert stored.blockers == ["travel_settings"] and stored.blocked
    assert stored.cells["travel_settings"].severity == BLOCKER
    assert stored.cells["travel_settings"].request_id == "rid-1"
    assert stored.warnings == ["travel_all"] and stored.projects  # a project permission was checked
    assert stored.checked_at == when

    db = Database.open(tmp_path / "db.sqlite3")
    try:
        db.save_permission_check("c1", 7, results)
        backend = WizardBackend(
            lambda *a: None, TokenStore(), SettingsStore(tmp_path / "s.json"), permission_store=db
        )
        found = backend.stored_permissions("c1", [7, 8], CancelToken())
        assert list(found) == [7] and found[7].blockers == ["travel_settings"]
    finally:
        db.close()
