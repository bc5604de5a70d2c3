import sys
from pathlib import Path

import tripletex_desktop
from tripletex_desktop.app.paths import AppPaths, resolve_paths, resource_dir


def test_config_dir_argument_redirects_every_path(tmp_path):
    p = resolve_paths(tmp_path / "portable", environ={})
    root = tmp_path / "portable"
    assert p == AppPaths(root / "config", root / "data", root / "logs", root / "cache")
    assert p.settings_file == root / "config" / "settings.json"
    assert p.database_file.parent == root / "data"
    assert p.log_file.parent == root / "logs"
    assert p.lock_dir.is_relative_to(root)


def test_env_var_redirects_every_path(tmp_path):
    p = resolve_paths(environ={"TRIPLETEX_DESKTOP_HOME": str(tmp_path)})
    for folder in (p.config_dir, p.data_dir, p.log_dir, p.cache_dir):
        assert folder.is_relative_to(tmp_path)


def test_argument_wins_over_env_var(tmp_path):
    p = resolve_paths(tmp_path / "arg", environ={"TRIPLETEX_DESKTOP_HOME": str(tmp_path / "env")})
    assert p.config_dir == tmp_path / "arg" / "config"


def test_relative_dir_becomes_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    p = resolve_paths("rel", environ={})
    assert p.config_dir.is_absolute()
    assert p.config_dir == tmp_path / "rel" / "config"


def test_default_uses_platformdirs(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xc"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xd"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xs"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xca"))
    p = resolve_paths(environ={})
    assert "TripletexDesktop" in p.config_dir.parts
    assert "TripletexDesktop" in p.data_dir.parts
    if sys.platform.startswith("linux"):
        assert p.config_dir == tmp_path / "xc" / "TripletexDesktop"
        assert p.cache_dir == tmp_path / "xca" / "TripletexDesktop"


def test_ensure_creates_all_folders(tmp_path):
    p = resolve_paths(tmp_path, environ={}).ensure()
    for folder in (p.config_dir, p.data_dir, p.log_dir, p.cache_dir, p.lock_dir):
        assert folder.is_dir()


def test_resource_dir_dev_and_frozen(monkeypatch, tmp_path):
    assert resource_dir() == Path(tripletex_desktop.__file__).resolve().parent / "_resources"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_dir() == tmp_path / "tripletex_desktop" / "_resources"
