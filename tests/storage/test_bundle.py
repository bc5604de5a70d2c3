import datetime as dt
import json
import logging
import zipfile

import pytest

from tripletex_desktop.app.paths import resolve_paths
from tripletex_desktop.core.errors import ReadOnlyStorage
from tripletex_desktop.storage import bundle as bundle_mod
from tripletex_desktop.storage.bundle import create_support_bundle
from tripletex_desktop.storage.db import Database
from tripletex_desktop.storage.logs import RedactingFilter, setup_logging
from tripletex_desktop.storage.secrets import MemoryKeyring, TokenStore
from tripletex_desktop.storage.settings import CompanySettings, ConnectionSettings, Settings

EMPLOYEE = "eyJ0b2tlbklkIjo3NywidG9rZW4iOiJhYmNkZWYtZW1wbG95ZWUtc2VjcmV0In0="
SESSION = "0f9e8d7c-6b5a-4321-9fed-cba987654321"
REGISTERED = "only-known-because-registered-1234"
FIXED = dt.datetime(2026, 11, 22, 20, 0, tzinfo=dt.UTC)


def read_zip(path):
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name).decode("utf-8") for name in zf.namelist()}


def test_bundle_contains_no_secrets(tmp_path, root_logger):
    paths = resolve_paths(tmp_path / "home", environ={}).ensure()
    settings = Settings(
        connections=[
            ConnectionSettings(
                id="c" * 32,
                label="Fjordlys",
                environment="demo",
                companies=[CompanySettings(1, "Fjordlys Reiser AS")],
            )
        ],
        window_geometry="R0VPTQ==",
    )
    TokenStore(MemoryKeyring()).set("c" * 32, EMPLOYEE)  # registers the token for redaction
    RedactingFilter.register_secret(REGISTERED)
    db = Database.open(paths.database_file)
    run = db.start_run("c" * 32, "manual")
    db.finish_run(
        run,
        "failed",
        {"projects": 2},
        errors=[{"code": "auth_failed", "detail": "401", "request_id": "req-77", "company_id": 1}],
    )
    db.save_permission_check("c" * 32, 1, {"travel_all": "missing"})

    setup_logging(paths, "DEBUG")
    log = logging.getLogger("tripletex_desktop.core.api")
    log.info("creating session with employeeToken=%s", EMPLOYEE)
    log.info("Authorization: Basic %s", "MDowZjllOGQ3Yy02YjVhLTQzMjEtOWZlZC1jYmE5ODc2NTQzMjE=")
    log.warning("registered secret %s leaked", REGISTERED)
    for h in root_logger.handlers:
        h.flush()
    # a line written by something that bypassed the filter (an old version, a crash handler):
    with paths.log_file.open("a", encoding="utf-8") as fh:
        fh.write(f"raw sessionToken={SESSION} {REGISTERED} {EMPLOYEE}\n")
    (paths.log_dir / (paths.log_file.name + ".1")).write_text(f"old Bearer {SESSION}\n", "utf-8")

    out = create_support_bundle(
        tmp_path / "out",
        paths=paths,
        settings=settings,
        db=db,
        extra_versions={"qt": "6.12.0"},
        keyring_backend="MemoryKeyring",
        clock=lambda: FIXED,
    )
    db.close()
    assert out == tmp_path / "out" / "tripletex-desktop-support-20261122-200000.zip"
    files = read_zip(out)
    assert set(files) >= {
        "versions.json",
        "settings.json",
        "sync_runs.json",
        "permission_checks.json",
        "logs/tripletex-desktop.log",
        "logs/tripletex-desktop.log.1",
        "README.txt",
    }
    everything = "\n".join(files.values())
    for secret in (
        EMPLOYEE,
        SESSION,
        REGISTERED,
        "MDowZjllOGQ3Yy02YjVhLTQzMjEtOWZlZC1jYmE5ODc2NTQzMjE",
        "R0VPTQ==",
    ):
        assert secret not in everything
    assert "creating session" in files["logs/tripletex-desktop.log"]
    versions = json.loads(files["versions.json"])
    assert versions["qt"] == "6.12.0" and versions["app"].startswith("Tripletex Desktop")
    assert versions["keyring_backend"] == "MemoryKeyring"
    assert json.loads(files["settings.json"])["connections"][0]["label"] == "Fjordlys"
    runs = json.loads(files["sync_runs.json"])
    assert runs[0]["result"] == "failed" and runs[0]["errors"][0]["request_id"] == "req-77"
    assert json.loads(files["permission_checks.json"])[0]["results"] == {"travel_all": "missing"}
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.endswith(".tmp")]


def test_bundle_without_database_and_explicit_name(tmp_path):
    paths = resolve_paths(tmp_path / "home", environ={})
    out = create_support_bundle(
        tmp_path / "my.zip", paths=paths, settings=Settings(), db=None, extra_versions={}
    )
    files = read_zip(out)
    assert out == tmp_path / "my.zip"
    assert "database: not open" in files["README.txt"]
    assert "sync_runs.json" not in files


def test_bundle_write_failure_is_typed(tmp_path, monkeypatch):
    import errno

    def refuse(*a, **k):
        raise OSError(errno.EROFS, "read-only")

    monkeypatch.setattr(bundle_mod.tempfile, "mkstemp", refuse)
    with pytest.raises(ReadOnlyStorage):
        create_support_bundle(
            tmp_path,
            paths=resolve_paths(tmp_path, environ={}),
            settings=Settings(),
            db=None,
            extra_versions={},
        )
