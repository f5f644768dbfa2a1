"""Worker processes that hold the graph, so a query past its time limit can really be stopped.

Measured (2 cores, pyoxigraph 0.5.13): Oxigraph releases the GIL while it evaluates, so other
threads keep serving, but it has no cancellation and never checks for signals — a runaway query
abandoned in a thread would burn a core until it ends, and a few of them would starve the server.
A worker *process* can be killed.  Each worker loads the built graph itself (spawned, not forked,
because the server is multi-threaded by then); a killed worker is replaced in the background.
"""
from __future__ import annotations

import multiprocessing
import queue
import sys
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Mapping

from rdflib.term import Identifier

from .errors import DuikouError
from .sparql import Prepared, QueryError, QueryResult, QueryTimeout

_START_TIMEOUT = 600.0  # seconds for a worker to load the graph (a 1M-triple graph takes ~6 s)


def _serve_worker(conn: Connection, ttl: str, store: str) -> None:
    """Worker process main loop: load the graph once, then answer one request at a time."""
    from .store import LocalBackend, open_graph

    try:
        backend = LocalBackend(open_graph(Path(ttl), store))
    except DuikouError as exc:
        conn.send(("error", str(exc), 500))
        return
    conn.send(("ready",))
    while True:
        try:
            prepared, bindings, max_rows = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", backend.run(prepared, bindings, max_rows, None)))
        except QueryError as exc:
            conn.send(("error", str(exc), exc.http_status))
        except (KeyboardInterrupt, SystemExit):
            return
        except BaseException as exc:  # an engine panic (pyo3's PanicException) is not an Exception
            conn.send(("error", f"the engine failed: {type(exc).__name__}: {exc}", 500))


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection


class WorkerPool:
    """A :class:`graph.sparql.Backend` that runs each query in one of ``size`` worker processes.

    A request waits for a free worker and then for its answer, both within the query's time limit;
    past it the worker is killed and replaced, and the request gets :class:`QueryTimeout` (503).
    """

    def __init__(self, ttl: Path, store: str, size: int = 2) -> None:
        if size < 1:
            raise DuikouError("the server needs at least one query worker")
        self.ttl, self.store, self.size = ttl, store, size
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = False
        self._lock = threading.Lock()
        self._all: list[_Worker] = []
        for worker in [self._spawn() for _ in range(size)]:
            self._idle.put(self._await_ready(worker))

    def _spawn(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_serve_worker, args=(child, str(self.ttl), self.store),
                                        name="duikou-query-worker", daemon=True)
        process.start()
        child.close()
        worker = _Worker(process, parent)
        with self._lock:
            self._all.append(worker)
        return worker

    def _await_ready(self, worker: _Worker) -> _Worker:
        if not worker.conn.poll(_START_TIMEOUT):
            self._kill(worker)
            raise DuikouError("a query worker did not load the graph in time")
        try:
            message = worker.conn.recv()
        except EOFError:
            raise DuikouError(f"a query worker died while loading {self.ttl}") from None
        if message[0] != "ready":
            self._kill(worker)
            raise DuikouError(message[1])
        return worker

    def _kill(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join(5)
        worker.conn.close()
        with self._lock:
            if worker in self._all:
                self._all.remove(worker)

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker and start another in the background, so the request that timed out answers at once."""
        self._kill(worker)

        def start() -> None:
            if not self._closed:
                try:
                    self._idle.put(self._await_ready(self._spawn()))
                except DuikouError as exc:  # the pool serves on with one worker fewer
                    print(f"explore.py: could not replace a query worker: {exc}", file=sys.stderr)

        threading.Thread(target=start, name="duikou-respawn", daemon=True).start()

    def run(self, query: Prepared, bindings: Mapping[str, Identifier], max_rows: int | None,
            timeout: float | None) -> QueryResult:
        deadline = None if timeout is None else time.monotonic() + timeout
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            raise QueryError(f"the server is busy: no query worker came free within {timeout:g} s",
                             http_status=503) from None
        try:
            worker.conn.send((query, dict(bindings), max_rows))
            remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not worker.conn.poll(remaining):
                self._replace(worker)
                raise QueryTimeout(timeout or 0)
            reply = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._replace(worker)
            raise QueryError("the query worker stopped unexpectedly (out of memory?)", http_status=500) from None
        self._idle.put(worker)
        if reply[0] == "error":
            raise QueryError(reply[1], http_status=reply[2])
        return reply[1]

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
        for worker in workers:
            self._kill(worker)
