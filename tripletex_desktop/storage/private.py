"""Files the app writes are private to the user: files 0600, their folders 0700 (POSIX; Windows keeps the
per-user ACLs of the profile folders, where mode bits mean little).

Folders are made private even when they already exist with wider modes (an older version, or `--config-dir`
pointing into a folder others can read); files are created with the mode (never briefly wider) and an existing
file from an older version is narrowed when the app opens it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700
#: The umask the app's entry points set: whatever a library creates (SQLite's -wal/-shm, a log rotation) is
#: owner-only too.
PRIVATE_UMASK = 0o077

_POSIX = os.name == "posix"


def private_dir(path: Path) -> Path:
    """Create `path` (and missing parents) and make it 0700 (also when it existed with wider modes).

    A folder on a read-only file system is left as it is (nothing can be written into it either; the first write
    says so); other failures raise OSError."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    if _POSIX and stat.S_IMODE(path.stat().st_mode) != DIR_MODE:
        try:
            os.chmod(path, DIR_MODE)
        except OSError as exc:
            if exc.errno != errno.EROFS:
                raise
    return path


def private_file(path: Path) -> Path:
    """Make sure `path` exists as a file no one else may read: created 0600, or an existing one narrowed."""
    path = Path(path)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), FILE_MODE)
    except FileExistsError:
        narrow(path)
        return path
    os.close(fd)
    return path


def narrow(path: Path) -> None:
    """Take every group and other permission off an existing file (the owner's bits stay: a read-only file
    stays read-only); a missing file is fine."""
    if not _POSIX:
        return
    with contextlib.suppress(FileNotFoundError):
        mode = stat.S_IMODE(os.stat(path).st_mode)
        if mode & 0o077:
            os.chmod(path, mode & ~0o077)


def private_opener(path: str, flags: int) -> int:
    """An `opener` for open(): new files get 0600."""
    return os.open(path, flags, FILE_MODE)


def restrict_umask() -> int:
    """Set the process umask to 0077 (the app's entry points call this first); returns the previous one."""
    return os.umask(PRIVATE_UMASK)
