"""`tripletex-desktop profile export|import`: one machine's connections, without tokens, onto the next."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tripletex_desktop.__main__ import main as entry_main
from tripletex_desktop.app.paths import resolve_paths
from tripletex_desktop.cli.profile import main
from tripletex_desktop.storage.secrets import TokenStore
from tripletex_desktop.storage.settings import (
    PROFILE_FORMAT_VERSION,
    CompanySettings,
    ConnectionSettings,
    Settings,
    SettingsStore,
)

REPO = Path(__file__).resolve().parents[2]
EMPLOYEE_TOKEN = "eyJ0b2tlbklkIjoxMjM0NTY3ODl9-secret-employee"
CONSUMER_TOKEN = "eyJjb25zdW1lciI6MX0-secret-consumer"


def run(argv: list[str], lang: str = "en") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(
        argv, stdout=out, stderr=err, environ={"LANG": "nb_NO.UTF-8" if lang == "nb" else "en_US.UTF-8"}
    )
    return code, out.getvalue(), err.getvalue()


def machine(root: Path) -> tuple[str, SettingsStore]:
    """A config folder (as --config-dir) and its settings store."""
    return str(root), SettingsStore(resolve_paths(root).settings_file)


@pytest.fixture
def first_machine(tmp_path: Path) -> tuple[str, SettingsStore]:
    config_dir, store = machine(tmp_path / "first")
    fjordlys = ConnectionSettings(
        id="c1",
        label="Fjordlys",
        environment="production",
        companies=[
            CompanySettings(
                id=101,
                name="Fjordlys Reiser AS",
                mileage_cost_category_id=5,
                per_diem_cost_category_id=6,
                payment_type_id=7,
                toll_cost_category_id=8,
            )
        ],
        has_custom_consumer_token=False,
    )
    byra = ConnectionSettings(
        id="c2", label="Regnskapsbyrå", environment="test", is_accountant=True, has_custom_consumer_token=True
    )
    fjordlys.token_expires_on = dt.date(2027, 1, 31)
    store.save(Settings(connections=[fjordlys, byra], ui_language="nb"))
    TokenStore().set("c1", EMPLOYEE_TOKEN)
    TokenStore().set("c2", CONSUMER_TOKEN, kind="consumer")
    return config_dir, store


def test_export_then_import_on_the_next_machine(tmp_path, first_machine):
    config_dir, _ = first_machine
    profile = tmp_path / "usb" / "kontor.json"
    code, out, err = run(["export", str(profile), "--config-dir", config_dir])
    assert (code, err) == (0, "")
    assert "Exported 2 connections to" in out and "Fjordlys (production)" in out
    text = profile.read_text(encoding="utf-8")
    assert EMPLOYEE_TOKEN not in text and CONSUMER_TOKEN not in text
    assert "token_expires_on" not in text
    assert json.loads(text)["profile_version"] == PROFILE_FORMAT_VERSION
    assert not list(profile.parent.glob(".*.tmp"))  # atomic: no temp file left behind

    next_dir, next_store = machine(tmp_path / "next")
    code, out, err = run(["import", str(profile), "--config-dir", next_dir])
    assert (code, err) == (0, "")
    imported = next_store.load().settings
    assert [c.label for c in imported.connections] == ["Fjordlys", "Regnskapsbyrå"]
    assert {c.id for c in imported.connections}.isdisjoint({"c1", "c2"})
    assert imported.connections[0].companies[0].toll_cost_category_id == 8
    assert imported.connections[1].is_accountant and imported.connections[1].has_custom_consumer_token
    # what still has to be done, and how
    assert "Fjordlys (production): needs an employee token\n" in out
    assert "Regnskapsbyrå (test): needs an employee token and its own consumer token" in out
    assert "File > Replace token" in out
    assert "Advanced" in out
    assert f"tripletex-desktop check --connection Fjordlys --config-dir {next_dir}" in out
    assert TokenStore().get(imported.connections[0].id) is None  # no token travelled


def test_export_only_the_chosen_connections(tmp_path, first_machine):
    config_dir, _ = first_machine
    profile = tmp_path / "one.json"
    code, out, _ = run(["export", str(profile), "--connection", "fjordlys", "--config-dir", config_dir])
    assert code == 0
    assert [c["label"] for c in json.loads(profile.read_text())["connections"]] == ["Fjordlys"]


def test_export_of_an_unknown_connection_writes_nothing(tmp_path, first_machine):
    config_dir, _ = first_machine
    profile = tmp_path / "x.json"
    code, out, err = run(
        [
            "export",
            str(profile),
            "--connection",
            "Fjordlys",
            "--connection",
            "Nope",
            "--config-dir",
            config_dir,
        ]
    )
    assert code == 1 and out == ""
    assert "No saved connection named Nope" in err
    assert not profile.exists()


def test_export_without_connections_writes_nothing(tmp_path):
    config_dir, _ = machine(tmp_path / "empty")
    code, _, err = run(["export", str(tmp_path / "p.json"), "--config-dir", config_dir])
    assert code == 1 and "no connections" in err
    assert not (tmp_path / "p.json").exists()


def test_import_twice_keeps_both_with_distinct_names(tmp_path, first_machine):
    config_dir, store = first_machine
    profile = tmp_path / "p.json"
    assert run(["export", str(profile), "--connection", "Fjordlys", "--config-dir", config_dir])[0] == 0
    code, out, _ = run(["import", str(profile), "--config-dir", config_dir])
    assert code == 0 and "Fjordlys (2) (production)" in out
    labels = [c.label for c in store.load().settings.connections]
    assert labels == ["Fjordlys", "Regnskapsbyrå", "Fjordlys (2)"]
    assert TokenStore().get("c1") == EMPLOYEE_TOKEN  # the existing connection and its token untouched


BAD_FILES = {
    "broken_json": (b'{"kind": "tripletex-desktop-profile", ', "not valid JSON (line 1)"),
    "not_utf8": ('{"kind": "tripletex-desktop-profile", "label": "Bjørn"}'.encode("latin-1"), "not UTF-8"),
    "not_a_profile": (b'{"schema_version": 3, "connections": []}', "not a Tripletex Desktop profile"),
    "a_list": (b"[1, 2]", "not a Tripletex Desktop profile"),
    "newer_version": (
        json.dumps({"kind": "tripletex-desktop-profile", "profile_version": 99, "connections": []}).encode(),
        "newer Tripletex Desktop (profile format 99",
    ),
    "damaged": (
        json.dumps(
            {"kind": "tripletex-desktop-profile", "profile_version": 1, "connections": [{"label": "x"}]}
        ).encode(),
        "damaged profile",
    ),
    "empty": (
        json.dumps({"kind": "tripletex-desktop-profile", "profile_version": 1, "connections": []}).encode(),
        "holds no connections",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_profile_is_refused_and_nothing_is_written(tmp_path, first_machine, case):
    config_dir, store = first_machine
    before = store.path.read_bytes()
    payload, message = BAD_FILES[case]
    profile = tmp_path / "bad.json"
    profile.write_bytes(payload)
    code, out, err = run(["import", str(profile), "--config-dir", config_dir])
    assert code == 1 and out == ""
    assert message in err and "Nothing was imported." in err
    assert store.path.read_bytes() == before
    assert sorted(p.name for p in store.path.parent.iterdir()) == ["settings.json"]  # no temp or backup file


def test_import_into_unreadable_settings_writes_nothing(tmp_path, first_machine):
    config_dir, store = first_machine
    profile = tmp_path / "p.json"
    assert run(["export", str(profile), "--config-dir", config_dir])[0] == 0
    store.path.write_bytes(b"{not json")
    code, out, err = run(["import", str(profile), "--config-dir", config_dir])
    assert code == 1 and out == ""
    assert "could not be read and was moved aside to" in err and "Nothing was written." in err
    assert not store.path.exists()  # set aside (as the app does on start); no half-merged file written


def test_check_on_an_imported_connection_says_how_to_add_the_token(tmp_path, first_machine):
    from tripletex_desktop.cli.check import main as check_main

    config_dir, _ = first_machine
    profile = tmp_path / "p.json"
    run(["export", str(profile), "--config-dir", config_dir])
    next_dir, _ = machine(tmp_path / "next")
    run(["import", str(profile), "--config-dir", next_dir])
    err = io.StringIO()
    code = check_main(
        ["--connection", "Fjordlys", "--config-dir", next_dir],
        stdin=io.StringIO(""),
        stdout=io.StringIO(),
        stderr=err,
        environ={},
    )
    assert code == 1 and "File > Replace token" in err.getvalue()


def test_a_missing_profile_is_refused(tmp_path):
    config_dir, store = machine(tmp_path / "m")
    code, _, err = run(["import", str(tmp_path / "nowhere.json"), "--config-dir", config_dir])
    assert code == 1 and "does not exist" in err
    assert not store.path.exists()


def test_a_profile_saved_with_a_bom_is_read(tmp_path, first_machine):
    config_dir, _ = first_machine
    profile = tmp_path / "p.json"
    run(["export", str(profile), "--config-dir", config_dir])
    profile.write_bytes(b"\xef\xbb\xbf" + profile.read_bytes())  # Windows Notepad
    next_dir, _ = machine(tmp_path / "next")
    assert run(["import", str(profile), "--config-dir", next_dir])[0] == 0


def test_messages_in_norwegian(tmp_path, first_machine):
    config_dir, _ = first_machine
    profile = tmp_path / "p.json"
    code, out, _ = run(["export", str(profile), "--config-dir", config_dir], lang="nb")
    assert code == 0 and "Eksporterte 2 tilkoblinger til" in out
    next_dir, _ = machine(tmp_path / "next")
    code, out, _ = run(["import", str(profile), "--config-dir", next_dir], lang="nb")
    assert "trenger en brukernøkkel" in out and "Fil > Bytt nøkkel" in out
    profile.write_bytes(b"{")
    code, _, err = run(["import", str(profile), "--config-dir", next_dir], lang="nb")
    assert code == 1 and "ikke gyldig JSON" in err and "Ingenting ble importert." in err


def test_every_message_exists_in_both_languages():
    from tripletex_desktop.cli.texts import MESSAGES

    assert set(MESSAGES["en"]) == set(MESSAGES["nb"])


def test_the_entry_point_dispatches_profile(tmp_path, first_machine, capsys):
    config_dir, _ = first_machine
    profile = tmp_path / "p.json"
    assert entry_main(["profile", "export", str(profile), "--config-dir", config_dir]) == 0
    assert profile.exists()
    capsys.readouterr()


def test_real_process_round_trip(tmp_path, first_machine):
    config_dir, _ = first_machine
    profile = tmp_path / "p.json"
    env = {**os.environ, "LANG": "en_US.UTF-8"}
    for args in (["export", str(profile)], ["import", str(profile)]):
        proc = subprocess.run(
            [sys.executable, "-m", "tripletex_desktop", "profile", *args, "--config-dir", config_dir],
            capture_output=True,
            text=True,
            cwd=REPO,
            env=env,
            timeout=60,
            check=False,
        )
        assert proc.returncode == 0, proc.stderr
    assert "needs an employee token" in proc.stdout
