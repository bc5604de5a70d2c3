"""`--config-dir` and `--lang` work before a subcommand too: `tripletex-desktop --config-dir DIR sync`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tripletex_desktop.__main__ import main
from tripletex_desktop.app.paths import resolve_paths
from tripletex_desktop.storage.settings import ConnectionSettings, Settings, SettingsStore


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def one_machine(tmp_path: Path) -> Path:
    """A config folder with one saved connection (no token) named Fjordlys."""
    home = tmp_path / "machine"
    SettingsStore(resolve_paths(home).settings_file).save(
        Settings(connections=[ConnectionSettings(id="c1", label="Fjordlys", environment="production")])
    )
    return home


def test_config_dir_before_sync_is_the_same_as_after(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    (tmp_path / "a").mkdir()  # sync reads a profile: its folder must exist (a missing one is a typo)
    (tmp_path / "b").mkdir()
    before = _run(["--config-dir", str(tmp_path / "a"), "sync", "--json"], capsys)
    after = _run(["sync", "--json", "--config-dir", str(tmp_path / "b")], capsys)
    assert before == after
    assert before[0] == 2 and json.loads(before[1]) == {"connections": []}
    # The run used the given folder, not the isolated default home.
    assert resolve_paths(tmp_path / "a").database_file.exists()
    assert resolve_paths(tmp_path / "b").database_file.exists()


def test_the_equals_form_and_lang_before_sync(tmp_path, capsys) -> None:
    code, out, _ = _run([f"--config-dir={tmp_path}", "--lang", "nb", "sync"], capsys)
    assert code == 2
    assert "Ingen tilkoblinger er satt opp" in out
    assert resolve_paths(tmp_path).database_file.exists()


def test_the_subcommands_own_option_wins(tmp_path, capsys) -> None:
    code, out, _ = _run(["--lang", "nb", "sync", "--lang", "en", "--config-dir", str(tmp_path)], capsys)
    assert code == 2
    assert "No connections are set up" in out


def test_sync_finds_the_connection_in_the_global_config_dir(one_machine, capsys) -> None:
    code, out, _ = _run(["--config-dir", str(one_machine), "--lang", "en", "sync", "--json"], capsys)
    result = json.loads(out)
    assert [c["label"] for c in result["connections"]] == ["Fjordlys"]
    assert result["connections"][0]["error"]["code"] == "token_missing"  # no token stored for it
    assert code == 2


def test_profile_export_with_the_config_dir_before_it(one_machine, tmp_path, capsys) -> None:
    target = tmp_path / "profile.json"
    code, out, _ = _run(
        ["--config-dir", str(one_machine), "--lang", "en", "profile", "export", str(target)], capsys
    )
    assert code == 0, out
    assert [c["label"] for c in json.loads(target.read_text())["connections"]] == ["Fjordlys"]
    assert "Exported 1 connection to" in out


def test_check_reads_the_saved_connection_from_the_global_config_dir(one_machine, capsys) -> None:
    code, _, err = _run(
        ["--config-dir", str(one_machine), "--lang", "en", "check", "--connection", "Nope"], capsys
    )
    assert code == 1
    assert "No saved connection named Nope." in err


def test_check_of_a_saved_connection_in_a_missing_config_dir_names_the_folder(tmp_path, capsys) -> None:
    typo = tmp_path / "machien"
    code, out, err = _run(
        ["--config-dir", str(typo), "--lang", "en", "check", "--connection", "Fjordlys"], capsys
    )
    assert code == 1
    assert f"The folder {typo} given with --config-dir does not exist" in err
    assert "No saved connection" not in err and not typo.exists()
    code, out, _ = _run(["--config-dir", str(typo), "check", "--connection", "Fjordlys", "--json"], capsys)
    assert code == 1 and json.loads(out)["error"]["code"] == "config_dir_missing"
    assert not typo.exists()


def test_an_option_the_subcommand_does_not_take_is_refused(tmp_path, capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--config-dir", str(tmp_path), "simulator", "--port", "0"])
    assert exited.value.code == 2
    assert "--config-dir does not apply to `simulator`" in capsys.readouterr().err
