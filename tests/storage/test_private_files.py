"""Every file the app writes is 0600 and its folders 0700, also under a --config-dir that others may read, with a
permissive umask, and for files an older version left wider. The mode bits themselves are checked: root does not
bypass them (it only bypasses the permission checks they drive)."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tripletex_desktop.app.context import build_context
from tripletex_desktop.core.models import Environment
from tripletex_desktop.storage.bundle import create_support_bundle
from tripletex_desktop.storage.db import Database, RefRow
from tripletex_desktop.storage.lock import ConnectionLock
from tripletex_desktop.storage.logs import PrivateRotatingFileHandler
from tripletex_desktop.storage.settings import ConnectionSettings, Settings, atomic_write_bytes

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX (Windows: per-user ACLs)")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def permissive_umask() -> Iterator[None]:
    """The umask many desktops start programs with (files 0644, folders 0755): nothing may rely on it."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def everything_under(root: Path) -> tuple[list[Path], list[Path]]:
    files, folders = [], []
    for path in root.rglob("*"):
        (folders if path.is_dir() else files).append(path)
    return files, folders


def test_a_whole_run_under_an_open_config_dir_leaves_only_private_files(
    tmp_path: Path, permissive_umask: None, root_logger: logging.Logger
) -> None:
    home = tmp_path / "shared"
    home.mkdir(mode=0o777)
    home.chmod(0o777)
    # what an older version left behind: world-readable folders and files
    (home / "data").mkdir(mode=0o755)
    (home / "logs").mkdir(mode=0o755)
    old_log = home / "logs" / "tripletex-desktop.log.1"
    old_log.write_text("old\n")
    old_log.chmod(0o644)
    context = build_context(home)
    try:
        assert context.paths.database_file.exists()
        context.db.replace_reference("c1", 1, "project", [RefRow(1, "Prosjekt")])  # WAL and SHM now exist
        logging.getLogger("tripletex_desktop.test").warning("a line in the log")
        context.settings_store.save(
            Settings(
                connections=[ConnectionSettings(id="c1", label="Fjordlys", environment=Environment.DEMO)]
            )
        )
        with ConnectionLock(context.paths.lock_dir, "c1"):
            pass
        bundle = create_support_bundle(
            context.paths.data_dir,
            paths=context.paths,
            settings=context.settings,
            db=context.db,
            extra_versions={},
        )
        atomic_write_bytes(context.paths.config_dir / "profile.json", b"{}")
        files, folders = everything_under(home)
        assert bundle in files
        assert {p.name for p in files} >= {
            "settings.json",
            context.paths.database_file.name,
            f"{context.paths.database_file.name}-wal",
            f"{context.paths.database_file.name}-shm",
            "tripletex-desktop.log",
            "c1.lock",
        }
        assert {str(p.relative_to(home)): oct(mode(p)) for p in files if mode(p) & 0o077} == {}
        assert {str(p.relative_to(home)): oct(mode(p)) for p in folders if mode(p) != 0o700} == {}
    finally:
        context.close()


def test_the_database_and_its_wal_and_shm_are_0600_with_any_umask(
    tmp_path: Path, permissive_umask: None
) -> None:
    path = tmp_path / "app.sqlite3"
    with Database.open(path) as db:
        db.replace_reference("c1", 1, "project", [RefRow(1, "P")])
        for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            assert name.exists() and mode(name) == 0o600, name


def test_a_database_an_older_version_left_world_readable_is_narrowed(
    tmp_path: Path, permissive_umask: None
) -> None:
    path = tmp_path / "old.sqlite3"
    with Database.open(path) as db:
        db.replace_reference("c1", 1, "project", [RefRow(1, "P")])
    path.chmod(0o644)
    with Database.open(path) as db:
        assert db.count_reference("c1", 1, "project") == 1
    assert mode(path) == 0o600


def test_every_log_file_of_a_rollover_is_0600(tmp_path: Path, permissive_umask: None) -> None:
    handler = PrivateRotatingFileHandler(tmp_path / "app.log", maxBytes=200, backupCount=3, encoding="utf-8")
    logger = logging.getLogger("tripletex_desktop.test.rollover")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        for n in range(40):
            logger.warning("line %d %s", n, "x" * 40)
    finally:
        logger.removeHandler(handler)
        handler.close()
    logs = sorted(tmp_path.glob("app.log*"))
    assert len(logs) == 4
    assert {p.name: oct(mode(p)) for p in logs if mode(p) != 0o600} == {}


def test_the_entry_point_sets_an_owner_only_umask(monkeypatch: pytest.MonkeyPatch) -> None:
    from tripletex_desktop import __main__ as entry

    old = os.umask(0o022)
    try:
        monkeypatch.setattr(entry, "_dispatch", lambda args: 0)
        assert entry.main([]) == 0
        assert os.umask(0o022) == 0o077
    finally:
        os.umask(old)
