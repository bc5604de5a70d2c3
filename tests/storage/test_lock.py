import subprocess
import sys
import textwrap
import threading

import pytest

from tripletex_desktop.core.errors import SyncAlreadyRunning
from tripletex_desktop.storage.lock import ConnectionLock


def test_second_holder_in_same_process_is_refused(tmp_path):
    first = ConnectionLock(tmp_path, "abc")
    second = ConnectionLock(tmp_path, "abc")
    with first:
        assert first.held
        with pytest.raises(SyncAlreadyRunning):
            second.acquire()
        with pytest.raises(SyncAlreadyRunning):
            first.acquire()  # not reentrant
    assert not first.held
    with second:
        pass


def test_other_connection_is_independent(tmp_path):
    with ConnectionLock(tmp_path, "a"), ConnectionLock(tmp_path, "b"):
        pass


def test_lock_from_another_thread(tmp_path):
    lock = ConnectionLock(tmp_path, "abc")
    lock.acquire()
    outcome = []

    def other():
        try:
            ConnectionLock(tmp_path, "abc").acquire()
            outcome.append("acquired")
        except SyncAlreadyRunning:
            outcome.append("refused")

    t = threading.Thread(target=other)
    t.start()
    t.join()
    lock.release()
    assert outcome == ["refused"]


def test_blocking_with_timeout_raises(tmp_path):
    with ConnectionLock(tmp_path, "abc"), pytest.raises(SyncAlreadyRunning):
        ConnectionLock(tmp_path, "abc").acquire(blocking=True, timeout=0)


def test_other_process_is_refused_and_crash_releases(tmp_path):
    code = textwrap.dedent(
        f"""
        import sys
        from tripletex_desktop.storage.lock import ConnectionLock
        from tripletex_desktop.core.errors import SyncAlreadyRunning
        lock = ConnectionLock({str(tmp_path)!r}, "abc")
        try:
            lock.acquire()
        except SyncAlreadyRunning:
            print("refused")
            sys.exit(0)
        print("acquired")
        if sys.argv[1] == "hold":
            sys.stdout.flush()
            sys.stdin.read()
        """
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code, "hold"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "acquired"
        with pytest.raises(SyncAlreadyRunning):
            ConnectionLock(tmp_path, "abc").acquire()
        probe = subprocess.run(
            [sys.executable, "-c", code, "probe"], capture_output=True, text=True, check=True
        )
        assert probe.stdout.strip() == "refused"
    finally:
        holder.kill()  # no release: the OS must drop the lock
        holder.wait()
    with ConnectionLock(tmp_path, "abc"):
        pass


def test_bad_connection_id(tmp_path):
    with pytest.raises(ValueError):
        ConnectionLock(tmp_path, "../etc")
