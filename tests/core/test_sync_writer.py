"""The sync's writer thread: lists stored in batches off the request path; one bad list never takes others."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

import pytest

from tripletex_desktop.core.errors import StorageError
from tripletex_desktop.core.sync.report import EntityCounts
from tripletex_desktop.core.sync.writer import ListWriter


class BatchSink:
    """Records which stores ran inside which batch; a batch that raises writes nothing (rolled back)."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []
        self.committed: list[str] = []
        self._open: list[str] | None = None
        self.gate = threading.Event()
        self.gate.set()

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        self._open = []
        try:
            yield
            self.committed.extend(self._open)
            self.batches.append(self._open)
        finally:
            self._open = None

    def store(self, name: str, fail: Exception | None = None) -> EntityCounts:
        self.gate.wait(10)
        if fail is not None:
            raise fail
        if self._open is not None:
            self._open.append(name)
        else:
            self.committed.append(name)
        return EntityCounts(added=len(name))


def test_lists_queued_meanwhile_go_into_one_transaction() -> None:
    sink = BatchSink()
    sink.gate.clear()  # the writer is busy with the first list while the others queue up
    writer = ListWriter(sink)
    first = writer.submit(lambda: sink.store("a"))
    rest = [writer.submit(lambda n=n: sink.store(n)) for n in ("bb", "ccc", "dddd")]
    sink.gate.set()
    writer.close()
    assert first.result().added == 1
    assert [f.result().added for f in rest] == [2, 3, 4]
    assert any({"bb", "ccc", "dddd"} <= set(b) for b in sink.batches)  # together, in one transaction


def test_a_failing_list_is_retried_alone_and_the_others_are_stored() -> None:
    sink = BatchSink()
    sink.gate.clear()
    writer = ListWriter(sink)
    writer.submit(lambda: sink.store("first"))
    good = writer.submit(lambda: sink.store("good"))
    bad = writer.submit(lambda: sink.store("bad", ValueError("duplicate tripletex_id")))
    also_good = writer.submit(lambda: sink.store("also"))
    sink.gate.set()
    writer.close()
    assert good.result().added == 4 and also_good.result().added == 4
    with pytest.raises(ValueError):
        bad.result()
    assert sorted(sink.committed) == ["also", "first", "good"]


def test_a_storage_failure_tells_the_run_at_once() -> None:
    sink = BatchSink()
    stopped = threading.Event()
    writer = ListWriter(sink, on_storage_error=stopped.set)
    failed = writer.submit(lambda: sink.store("x", StorageError("disk full")))
    writer.close()
    assert stopped.is_set()
    with pytest.raises(StorageError):
        failed.result()


def test_waiting_for_the_national_tables_waits_for_every_one_queued() -> None:
    sink = BatchSink()
    sink.gate.clear()
    writer = ListWriter(sink)
    national = writer.submit(lambda: sink.store("rates"), national=True)
    own = writer.submit(lambda: sink.store("employees"))
    done = threading.Event()

    def push() -> None:
        writer.wait_for([own], national=True)
        done.set()

    t = threading.Thread(target=push)
    t.start()
    assert not done.wait(0.1)  # still writing (a guard, not a timing assertion)
    sink.gate.set()
    t.join(10)
    assert done.is_set() and national.done() and own.done()
    writer.close()
