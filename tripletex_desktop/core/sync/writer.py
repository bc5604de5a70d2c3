"""The sync's one writer thread: stores pulled lists in batches, off the requests' critical path.

A worker that has read a list hands it over (`submit`) and sends its next request at once; the writer converts
the rows and writes them — several lists in one transaction when the sink offers `batch()` — and the counts are
collected when the run ends. A storage failure is kept on the list's future (and said to `on_storage_error`, so
the run stops sending requests); a batch that fails is written again list by list, so one bad list never takes
others with it.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import Any, Protocol

from tripletex_desktop.core.errors import StorageError
from tripletex_desktop.core.sync.report import EntityCounts

#: At most this many lists go into one transaction.
BATCH_LISTS = 64


class Batching(Protocol):
    """A sink that can join several writes in one transaction (services.sync.DatabaseSink fits)."""

    def batch(self) -> contextlib.AbstractContextManager[Any]:
        """One transaction around the writes made inside it."""
        ...


Job = tuple[Callable[[], EntityCounts], "Future[EntityCounts]"]


class ListWriter:
    """One thread that runs the store calls submitted to it, in order, batched."""

    def __init__(self, sink: object, on_storage_error: Callable[[], None] | None = None) -> None:
        self._batch: Callable[[], contextlib.AbstractContextManager[Any]] | None = getattr(
            sink, "batch", None
        )
        self._on_storage_error = on_storage_error
        self._lock = threading.Lock()
        self._national: list[Future[EntityCounts]] = []
        self._queue: queue.SimpleQueue[Job | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="sync-writer", daemon=True)
        self._thread.start()

    def submit(self, store: Callable[[], EntityCounts], *, national: bool = False) -> Future[EntityCounts]:
        """Queue one list's store call; its counts (or its error) arrive on the future. `national`: one of the
        connection's national tables, which `wait_for(national=True)` waits for too."""
        future: Future[EntityCounts] = Future()
        if national:
            with self._lock:
                self._national.append(future)
        self._queue.put((store, future))
        return future

    def wait_for(self, futures: Sequence[Future[EntityCounts]], *, national: bool = False) -> None:
        """Block until these stores (and with `national`, the national tables' so far) are done, however."""
        with self._lock:
            wanted = [*futures, *(self._national if national else ())]
        for future in wanted:
            future.exception()  # waits; the outcome itself is read when the report is built

    def close(self) -> None:
        """Write everything queued, then end the thread (waits for it)."""
        self._queue.put(None)
        self._thread.join()

    def _run(self) -> None:
        done = False
        while not done:
            jobs: list[Job] = []
            item = self._queue.get()
            while item is not None:
                jobs.append(item)
                if len(jobs) >= BATCH_LISTS:
                    break
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
            done = item is None
            if jobs:
                self._write(jobs)

    def _write(self, jobs: list[Job]) -> None:
        if self._batch is not None and len(jobs) > 1:
            results: list[EntityCounts] = []
            try:
                with self._batch():
                    results = [store() for store, _ in jobs]
            except Exception:  # written again one by one below: each list gets its own outcome
                results = []
            if results:
                for (_, future), counts in zip(jobs, results, strict=True):
                    future.set_result(counts)
                return
        for store, future in jobs:
            try:
                future.set_result(store())
            except Exception as exc:
                if isinstance(exc, StorageError) and self._on_storage_error is not None:
                    self._on_storage_error()
                future.set_exception(exc)
