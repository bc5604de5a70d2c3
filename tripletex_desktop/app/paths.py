"""Where the app keeps its files: platformdirs locations, a `--config-dir`/env override, the resource dir."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from tripletex_desktop.app.environment import HOME_ENV_VAR
from tripletex_desktop.storage.private import private_dir
from tripletex_desktop.storage.settings import map_os_error

#: platformdirs application name (no author folder, so Windows gets %APPDATA%\TripletexDesktop).
APP_DIR_NAME = "TripletexDesktop"

SETTINGS_FILE_NAME = "settings.json"
DATABASE_FILE_NAME = "tripletex-desktop.sqlite3"
LOG_FILE_NAME = "tripletex-desktop.log"
#: The generated folder inside the package with what the app loads (built from the repository's resources/).
RESOURCE_DIR_NAME = "_resources"


@dataclass(frozen=True)
class AppPaths:
    """The four folders the app writes to, and the files inside them."""

    config_dir: Path
    data_dir: Path
    log_dir: Path
    cache_dir: Path

    @property
    def settings_file(self) -> Path:
        """The settings JSON file."""
        return self.config_dir / SETTINGS_FILE_NAME

    @property
    def database_file(self) -> Path:
        """The SQLite database with synced data, the outbox journal and sync history."""
        return self.data_dir / DATABASE_FILE_NAME

    @property
    def log_file(self) -> Path:
        """The current (rotating) log file."""
        return self.log_dir / LOG_FILE_NAME

    @property
    def lock_dir(self) -> Path:
        """Inter-process lock files (one per connection)."""
        return self.data_dir / "locks"

    def ensure(self) -> AppPaths:
        """Create every folder (owner-only where the OS honours modes); returns self for chaining. A folder that
        cannot be created (a full disk, a read-only place) is a typed storage error (DiskFull, ReadOnlyStorage)."""
        for folder in (self.config_dir, self.data_dir, self.log_dir, self.cache_dir, self.lock_dir):
            try:
                private_dir(
                    folder
                )  # 0700 also when it existed wider (an older version, a shared --config-dir)
            except OSError as exc:
                raise map_os_error(exc) from None
        return self


def missing_profile_dir(config_dir: str | Path | None) -> Path | None:
    """The folder named by `--config-dir` when it does not exist (or is not a folder), else None.

    Commands that only read a profile (`sync`, `check --connection`) refuse such a folder instead of creating
    an empty profile in it: a mistyped path must not look like "no connections are set up". The GUI and
    `profile import` create it.
    """
    if config_dir is None or str(config_dir) == "":
        return None
    root = Path(config_dir).expanduser().absolute()
    return None if root.is_dir() else root


def resolve_paths(config_dir: str | Path | None = None, environ: Mapping[str, str] = os.environ) -> AppPaths:
    """Return the app's folders: under `config_dir` (or $TRIPLETEX_DESKTOP_HOME) if given, else platformdirs."""
    home: str | Path | None = config_dir
    if home is None or str(home) == "":
        home = environ.get(HOME_ENV_VAR) or None
    if home is not None:
        root = Path(home).expanduser().absolute()
        return AppPaths(
            config_dir=root / "config",
            data_dir=root / "data",
            log_dir=root / "logs",
            cache_dir=root / "cache",
        )
    dirs = platformdirs.PlatformDirs(APP_DIR_NAME, appauthor=False)
    return AppPaths(
        config_dir=Path(dirs.user_config_dir),
        data_dir=Path(dirs.user_data_dir),
        log_dir=Path(dirs.user_log_dir),
        cache_dir=Path(dirs.user_cache_dir),
    )


def resource_dir() -> Path:
    """What the app loads at run time (.qm translations, icons): `tripletex_desktop/_resources`, or that folder
    inside the PyInstaller bundle when frozen. The build compiles it from the repository's resources/."""
    bundle_root = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle_root:
        return Path(bundle_root) / "tripletex_desktop" / RESOURCE_DIR_NAME
    return Path(__file__).resolve().parent.parent / RESOURCE_DIR_NAME
