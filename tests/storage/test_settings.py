import datetime as dt
import errno
import json
import os
from pathlib import Path

import pytest

from tripletex_desktop.core.errors import DiskFull, ReadOnlyStorage, SettingsCorrupt
from tripletex_desktop.core.models import CompanyMapping
from tripletex_desktop.storage import settings as st
from tripletex_desktop.storage.secrets import MemoryKeyring, TokenStore
from tripletex_desktop.storage.settings import (
    CURRENT_SCHEMA_VERSION,
    CompanySettings,
    ConnectionSettings,
    Settings,
    SettingsStore,
    SyncOptions,
    export_profile,
    import_profile,
)

FIXED = dt.datetime(2026, 11, 22, 20, 5, 9, tzinfo=dt.UTC)


def sample_settings() -> Settings:
    return Settings(
        connections=[
            ConnectionSettings(
                id="a" * 32,
                label="Fjordlys",
                environment="production",
                companies=[
                    CompanySettings(1001, "Fjordlys Reiser AS", "987654321", 11, 12, 13),
                    CompanySettings(1002, "Hansen Rørlegger"),
                ],
                sync=SyncOptions(projects=False, interval="daily"),
                token_expires_on=dt.date(2027, 1, 31),
                has_custom_consumer_token=True,
            ),
            ConnectionSettings(id="b" * 32, label="Regnskap", environment="test", is_accountant=True),
        ],
        ui_language="nb",
        window_geometry="AdnQywADAAA=",
        log_level="DEBUG",
    )


@pytest.fixture
def store(tmp_path):
    return SettingsStore(tmp_path / "config" / "settings.json", clock=lambda: FIXED)


def test_missing_file_gives_defaults(store):
    result = store.load()
    assert result.problem is None
    assert result.settings == Settings()
    assert result.settings.schema_version == CURRENT_SCHEMA_VERSION


def test_round_trip(store):
    s = sample_settings()
    store.save(s)
    loaded = store.load()
    assert loaded.problem is None
    assert loaded.settings == s
    assert json.loads(store.path.read_text("utf-8"))["schema_version"] == CURRENT_SCHEMA_VERSION


def test_connection_lookup_by_id_or_label():
    s = sample_settings()
    assert s.connection("a" * 32).label == "Fjordlys"
    assert s.connection("regnskap").id == "b" * 32
    assert s.connection("nope") is None


def test_company_mapping():
    c = CompanySettings(5, "X", mileage_cost_category_id=1, per_diem_cost_category_id=2, payment_type_id=3)
    assert c.mapping() == CompanyMapping(5, 1, 2, 3)
    assert c.mapping().complete


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"\xff\xfe\x00",
        b"[1, 2]",
        b'{"schema_version": "x"}',
        b'{"schema_version": 3, "connections": [{"id": 1}]}',
        b'{"schema_version": 3, "connections": [{"id": "x", "label": "l", "environment": "mars"}]}',
        b'{"schema_version": 3, "log_level": 5}',
    ],
)
def test_corrupt_file_moved_aside_defaults_returned(store, content):
    store.path.parent.mkdir(parents=True)
    store.path.write_bytes(content)
    result = store.load()
    assert result.settings == Settings()
    assert isinstance(result.problem, SettingsCorrupt)
    backup = store.path.with_name("settings.json.corrupt-20261122-200509")
    assert result.problem.backup_path == str(backup)
    assert backup.read_bytes() == content
    assert not store.path.exists()


def test_future_version_moved_aside(store):
    store.path.parent.mkdir(parents=True)
    store.path.write_text(json.dumps({"schema_version": CURRENT_SCHEMA_VERSION + 1}))
    result = store.load()
    assert result.problem is not None and "future_version" in result.problem.detail
    assert os.path.exists(result.problem.backup_path)


def test_second_corrupt_file_same_second_does_not_overwrite_first_backup(store):
    store.path.parent.mkdir(parents=True)
    store.path.write_text("bad1")
    first = store.load().problem.backup_path
    store.path.write_text("bad2")
    second = store.load().problem.backup_path
    assert first != second
    assert Path(first).read_text() == "bad1" and Path(second).read_text() == "bad2"


def test_save_disk_full_keeps_old_file(store, monkeypatch):
    store.save(sample_settings())
    before = store.path.read_bytes()

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(st.os, "fsync", full)
    with pytest.raises(DiskFull):
        store.save(Settings())
    assert store.path.read_bytes() == before
    assert [p.name for p in store.path.parent.iterdir()] == ["settings.json"]  # no temp file left


@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES])
def test_save_read_only(store, monkeypatch, code):
    store.save(sample_settings())
    before = store.path.read_bytes()

    def refuse(*a, **k):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(st.tempfile, "mkstemp", refuse)
    with pytest.raises(ReadOnlyStorage):
        store.save(Settings())
    assert store.path.read_bytes() == before


def test_save_is_replace_not_in_place(store, monkeypatch):
    store.save(sample_settings())
    inode = store.path.stat().st_ino
    store.save(Settings())
    assert store.path.stat().st_ino != inode or os.name != "posix"


def test_no_secrets_in_settings_file(store):
    tokens = TokenStore(MemoryKeyring())
    s = sample_settings()
    employee = "eyJ0b2tlbklkIjoxMjMsInRva2VuIjoiZmFrZS1lbXBsb3llZSJ9"
    consumer = "eyJ0b2tlbklkIjo0NTYsInRva2VuIjoiZmFrZS1jb25zdW1lciJ9"
    tokens.set(s.connections[0].id, employee)
    tokens.set(s.connections[0].id, consumer, kind="consumer")
    store.save(s)
    text = store.path.read_text("utf-8")
    assert employee not in text and consumer not in text
    keys = set()

    def walk(o):
        if isinstance(o, dict):
            for k, v in o.items():
                keys.add(k)
                walk(v)
        elif isinstance(o, list):
            for v in o:
                walk(v)

    walk(json.loads(text))
    assert {k for k in keys if "token" in k.lower()} <= {"token_expires_on", "has_custom_consumer_token"}


# --- upgrade steps ------------------------------------------------------------------------------

V1 = {
    "version": 1,
    "environment": "production",
    "label": None,
    "accountant": False,
    "companies": [
        {
            "id": 7,
            "name": "Nordlys Bakeri AS",
            "orgnr": "912345678",
            "mileage_category": 5,
            "per_diem_category": 6,
            "payment_type": 8,
        }
    ],
    "sync_projects": False,
    "sync_departments": True,
    "sync_interval_minutes": 15,
    "language": "nb",
    "geometry": "Z2VvbQ==",
}


def test_upgrade_v1_to_v2():
    v2 = st.UPGRADES[1](json.loads(json.dumps(V1)))
    assert v2["schema_version"] == 2
    (conn,) = v2["connections"]
    assert len(conn["id"]) == 32
    assert conn["label"] == "Nordlys Bakeri AS"
    assert conn["companies"] == [
        {
            "id": 7,
            "name": "Nordlys Bakeri AS",
            "organization_number": "912345678",
            "mileage_cost_category_id": 5,
            "per_diem_cost_category_id": 6,
            "payment_type_id": 8,
        }
    ]
    assert conn["sync_projects"] is False and conn["sync_interval_minutes"] == 15
    assert v2["language"] == "nb" and v2["geometry"] == "Z2VvbQ=="


def test_upgrade_v1_without_connection():
    assert st.UPGRADES[1]({"version": 1})["connections"] == []


@pytest.mark.parametrize(
    "minutes,name", [(0, "manual"), (None, "manual"), (15, "15min"), (60, "hourly"), (1440, "daily")]
)
def test_upgrade_v2_to_v3(minutes, name):
    v2 = {
        "schema_version": 2,
        "language": "en",
        "geometry": None,
        "connections": [
            {
                "id": "c1",
                "label": "L",
                "environment": "test",
                "base_url": None,
                "is_accountant": True,
                "companies": [],
                "sync_projects": True,
                "sync_departments": False,
                "sync_interval_minutes": minutes,
            }
        ],
    }
    v3 = st.UPGRADES[2](v2)
    assert v3["schema_version"] == 3
    assert v3["ui_language"] == "en" and v3["log_level"] == "INFO"
    conn = v3["connections"][0]
    assert conn["sync"] == {"projects": True, "departments": False, "interval": name, "sync_on_finish": True}
    assert "sync_interval_minutes" not in conn
    assert conn["has_custom_consumer_token"] is False


def test_load_v1_file_upgrades_all_the_way(store):
    store.path.parent.mkdir(parents=True)
    store.path.write_text(json.dumps(V1))
    result = store.load()
    assert result.problem is None
    s = result.settings
    assert s.ui_language == "nb" and s.window_geometry == "Z2VvbQ=="
    (conn,) = s.connections
    assert conn.environment == "production"
    assert conn.sync == SyncOptions(projects=False, departments=True, interval="15min")
    assert conn.companies[0].mapping() == CompanyMapping(7, 5, 6, 8)
    store.save(s)
    assert store.load().settings == s


V3 = {
    "schema_version": 3,
    "connections": [
        {
            "id": "c1",
            "label": "Fjordlys",
            "environment": "production",
            "base_url": None,
            "companies": [{"id": 7, "name": "Fjordlys Reiser AS", "payment_type_id": 3}],
            "is_accountant": False,
            "sync": {"projects": True, "departments": True, "interval": "hourly", "sync_on_finish": True},
            "token_expires_on": "2027-01-31",
            "has_custom_consumer_token": False,
        }
    ],
    "ui_language": "nb",
    "window_geometry": None,
    "log_level": "INFO",
    "check_for_updates": True,
}


def test_upgrade_v3_to_v4_adds_an_unknown_token_owner_and_keeps_everything_else():
    v4 = st.UPGRADES[3](json.loads(json.dumps(V3)))
    assert v4["schema_version"] == 4
    [conn] = v4["connections"]
    assert conn["employee_id"] is None and conn["employee_company_id"] is None
    assert {k: v for k, v in conn.items() if not k.startswith("employee_")} == V3["connections"][0]
    assert {k: v for k, v in v4.items() if k not in ("schema_version", "connections")} == {
        k: v for k, v in V3.items() if k not in ("schema_version", "connections")
    }


def test_a_v3_file_loads_with_no_owner_and_saves_as_v4_with_one(store):
    store.path.parent.mkdir(parents=True)
    store.path.write_text(json.dumps(V3))
    result = store.load()
    assert result.problem is None
    [conn] = result.settings.connections
    assert conn.employee_id is None and conn.token_expires_on == dt.date(2027, 1, 31)
    assert result.settings.check_for_updates is True
    assert st.remember_token_owner(store, "c1", 42, 7) is True
    data = json.loads(store.path.read_text("utf-8"))
    assert data["schema_version"] == 4
    assert (data["connections"][0]["employee_id"], data["connections"][0]["employee_company_id"]) == (42, 7)
    assert store.load().settings.connections[0].employee_id == 42


def test_remembering_the_same_owner_again_writes_nothing_and_an_unknown_connection_nothing(store):
    s = sample_settings()
    s.connections[0].employee_id, s.connections[0].employee_company_id = 42, 7
    store.save(s)
    before = store.path.stat().st_mtime_ns, store.path.read_bytes()
    assert st.remember_token_owner(store, "a" * 32, 42, 7) is False
    assert st.remember_token_owner(store, "Fjordlys", 1, 1) is False  # an id, never a label
    assert st.remember_token_owner(store, "nope", 1, 1) is False
    assert (store.path.stat().st_mtime_ns, store.path.read_bytes()) == before


@pytest.mark.parametrize("bad", ["42", True, 4.5])
def test_an_owner_of_the_wrong_type_sets_the_file_aside(store, bad):
    data = json.loads(json.dumps(V3))
    data["schema_version"] = 4
    data["connections"][0]["employee_id"] = bad
    store.path.parent.mkdir(parents=True)
    store.path.write_text(json.dumps(data))
    assert store.load().problem is not None


def test_every_version_has_an_upgrade_step():
    assert sorted(st.UPGRADES) == list(range(1, CURRENT_SCHEMA_VERSION))


# --- profiles -------------------------------------------------------------------------------------


def test_export_profile_has_no_secrets_or_window_state():
    s = sample_settings()
    profile = export_profile(s, connection_ids=["a" * 32])
    text = json.dumps(profile)
    assert "AdnQywADAAA=" not in text and "window_geometry" not in text
    assert "token_expires_on" not in text
    assert [c["label"] for c in profile["connections"]] == ["Fjordlys"]
    assert profile["profile_version"] == st.PROFILE_FORMAT_VERSION


def test_import_profile_gives_new_ids_and_keeps_existing():
    source = sample_settings()
    profile = json.loads(json.dumps(export_profile(source)))
    target = Settings(
        connections=[ConnectionSettings(id="c" * 32, label="Fjordlys", environment="demo")],
        window_geometry="keep",
    )
    merged = import_profile(profile, target)
    assert merged.window_geometry == "keep"
    assert [c.label for c in merged.connections] == ["Fjordlys", "Fjordlys (2)", "Regnskap"]
    ids = [c.id for c in merged.connections]
    assert len(set(ids)) == 3 and "a" * 32 not in ids and "b" * 32 not in ids
    imported = merged.connections[1]
    assert imported.companies == source.connections[0].companies
    assert imported.sync == source.connections[0].sync
    assert imported.token_expires_on is None
    assert merged.ui_language == "nb"
    # importing twice never clashes
    again = import_profile(profile, merged)
    assert len({c.id for c in again.connections}) == 5


def test_import_profile_from_older_settings_schema():
    profile = {
        "kind": st.PROFILE_KIND,
        "profile_version": 1,
        "settings_schema_version": 2,
        "connections": [
            {
                "id": "x",
                "label": "Old",
                "environment": "production",
                "companies": [],
                "sync_interval_minutes": 1440,
            }
        ],
    }
    merged = import_profile(profile, Settings())
    assert merged.connections[0].sync.interval == "daily"


@pytest.mark.parametrize(
    "bad",
    [
        {},
        {"kind": "other"},
        {"kind": st.PROFILE_KIND, "profile_version": 99},
        {"kind": st.PROFILE_KIND, "profile_version": 1, "connections": "x"},
        {"kind": st.PROFILE_KIND, "profile_version": 1, "connections": [{"label": "no id"}]},
    ],
)
def test_import_bad_profile(bad):
    with pytest.raises(SettingsCorrupt):
        import_profile(bad, Settings())


def test_toll_category_round_trips_and_reaches_the_mapping(tmp_path):
    store = st.SettingsStore(tmp_path / "settings.json")
    company = st.CompanySettings(id=5, name="Fjordlys", mileage_cost_category_id=1, toll_cost_category_id=9)
    conn = st.ConnectionSettings(id="abc", label="Fjordlys", environment="demo", companies=[company])
    store.save(st.Settings(schema_version=st.CURRENT_SCHEMA_VERSION, connections=[conn]))
    loaded = store.load().settings.connections[0].companies[0]
    assert loaded.toll_cost_category_id == 9
    assert loaded.mapping().extra == {"toll": 9}
    assert st.CompanySettings(id=6, name="Uten bom").mapping().extra == {}
