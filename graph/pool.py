"""Worker processes that hold the graph and run the queries: killable, confined, bounded.

Measured (2 cores, pyoxigraph 0.5.13): Oxigraph releases the GIL while it evaluates, but it has no
cancellation and never checks for signals; some queries make it abort the whole process (``ORDER BY``
over values it cannot order panics: "user-provided comparison function does not correctly implement a
total order"), nesting thousands deep overflows its stack, and a ``CONCAT``-doubling query took 2 GB in
4 s.  So every query of the server and of the command line runs in a worker *process*:

* it parses the query itself (the engine's parser, :mod:`graph.store`), so a slow or hostile parse is
  inside the time limit and never holds up the server's threads;
* it cannot open network sockets (:func:`graph.sandbox.forbid_network`), so ``SERVICE`` reaches no host;
* it may allocate only ``max_memory`` bytes beyond what it holds once the graph is open (``RLIMIT_DATA``);
* past the time limit it is killed; its stderr goes to a file, so when it dies (a panic, an
  allocation that failed, a crash) the parent reads why and answers one line instead of a backtrace.

A dead or killed worker is replaced in the background.  The server's workers come from a fork server,
not forked from the server itself, because the server is multi-threaded by then; a command that runs
one query (``replace=False``) and has no other thread yet forks its worker directly, which spares it
starting a second interpreter that imports everything again (a third of a second of every query), and
without multiprocessing (:mod:`graph.forked`: its import alone was 15–20 ms of such a query).
"""
from __future__ import annotations

import os
import queue
import signal
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Mapping

from . import forked
from .built import BuiltGraph, ensure_built
from .errors import DuikouError, StoreUnreadable
from .interrupt import children_ignore_sigint, ignore_sigint
from .queries import Written

if TYPE_CHECKING:
    import multiprocessing
    from multiprocessing.connection import Connection

    import pyoxigraph as ox

    from .nametable import NameTable
    from .terms import Term
from .sparql import (EngineFailure, Limits, MemoryLimitError, QueryError, QueryResult, QueryTimeout,
                     admissible)

_START_TIMEOUT = 600.0  # seconds for a worker to open the graph (a kept store: ms; 1M triples of Turtle: ~6 s)


def _serve_worker(conn: Connection, store: str, stderr: str | int, max_memory: int | None) -> None:
    """Worker process main loop: load the engine and confine itself while the parent finds the graph, open
    the graph it is sent once (the build's kept store read-only, or its Turtle parsed), then answer one
    request at a time."""
    from . import sandbox
    from .queries import written
    from .store import LocalBackend, open_engine

    ignore_sigint()  # Ctrl-C is the parent's to handle; it ends us
    if store == "oxigraph":
        import pyoxigraph  # noqa: F401  (imported now, while the parent is still busy)
    try:
        sandbox.redirect_stderr(stderr)
    except OSError:  # the pool closed (its log folder gone) before this worker began: nothing to do
        return
    sandboxed = sandbox.forbid_network()
    try:
        _, ttl, kept, names = conn.recv()  # ("open", …): the network is cut off before any graph is read
    except (EOFError, OSError):
        return
    try:
        backend = LocalBackend(open_engine(Path(ttl), store, Path(kept) if kept else None), sandboxed=sandboxed,
                               names=_table_opener(names, kept))
    except StoreUnreadable as exc:  # the parent trusted it to open: it judges the folder again
        conn.send(("unreadable", str(exc)))
        return
    except DuikouError as exc:
        conn.send(("error", str(exc), 500, 1, True))
        return
    if max_memory is not None:
        sandbox.limit_memory(max_memory)
    conn.send(("ready", sandboxed))
    while True:
        try:
            kind, *args = conn.recv()
        except (EOFError, OSError):
            return
        sandbox.clear_stderr()
        try:
            if kind == "query":
                text, bindings, limits = args
                admissible(text)
                reply: tuple = ("ok", backend.run(text, bindings, limits))
            elif kind == "write":
                reply = ("ok", written(backend, **args[0]))
            elif kind == "resolve":
                reply = ("ok", backend.resolve(args[0]))
            else:
                reply = ("ok", backend.labels(args[0]))
            del args
            conn.send(reply)
        except QueryError as exc:
            conn.send(("error", str(exc), exc.http_status, exc.status, False))
        except DuikouError as exc:  # the user's own mistake (a format that cannot carry this answer)
            conn.send(("error", str(exc), 400, exc.status, False))
        except MemoryError:
            limit = MemoryLimitError(max_memory or 0)
            conn.send(("error", str(limit), limit.http_status, limit.status, True))
            return
        except Exception as exc:  # a bug of ours: the client gets one line, the worker is replaced
            conn.send(("error", f"internal error: {type(exc).__name__}: {exc}", 500, 1, True))
            return


def _table_opener(names: str | None, kept: str | None) -> Callable[[], NameTable | None] | None:
    """What opens the build's name table when the worker first looks a name up (most queries name nothing)."""
    if not (names and kept):
        return None

    def opened() -> NameTable | None:
        from .nametable import open_table

        return open_table(Path(names), Path(kept))

    return opened


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess | forked.Process
    conn: Connection | forked.Connection
    stderr: _Log


class _Log:
    """A worker's stderr (where a Rust panic or a failed allocation is written), read when the worker dies:
    for a worker forked here, a file with no name that it inherits (no temporary folder: tempfile and shutil
    cost a command-line query 3–4 ms); for a fork server's worker, which inherits nothing, a file in the
    pool's temporary folder."""

    def __init__(self, folder: Path | None) -> None:
        self.fd: int | None = None
        self.path: Path | None = None
        if folder is None:
            self.fd = forked.anonymous_file()
        else:
            import tempfile

            fd, path = tempfile.mkstemp(dir=folder, suffix=".stderr")
            os.close(fd)
            self.path = Path(path)

    def target(self) -> str | int:
        """What the worker sends its stderr to (:func:`graph.sandbox.redirect_stderr`)."""
        return self.fd if self.fd is not None else str(self.path)

    def read(self) -> str:
        try:
            if self.path is not None:
                return self.path.read_text(encoding="utf-8", errors="replace")
            said = bytearray()
            while chunk := os.pread(self.fd, 1 << 20, len(said)):
                said += chunk
            return said.decode("utf-8", errors="replace")
        except OSError:
            return ""

    def drop(self) -> None:
        if self.path is not None:
            self.path.unlink(missing_ok=True)
        elif self.fd is not None:
            os.close(self.fd)


def _death(worker: _Worker, max_memory: int | None) -> QueryError:
    """Why a worker died during a request, read from its stderr and exit status, as one line."""
    worker.process.join(5)
    said = worker.stderr.read()
    if "memory allocation of" in said or "MemoryError" in said:
        return MemoryLimitError(max_memory or 0)
    lines = [line.strip() for line in said.splitlines() if line.strip()]
    for i, line in enumerate(lines):
        if " panicked at " in line and i + 1 < len(lines):
            reason = lines[i + 1]
            hint = (" (ORDER BY over values of different kinds: order by STR(…) to sort them as text)"
                    if "total order" in reason else "")
            return EngineFailure(f"the engine failed on this query: {reason[:200]}{hint}")
    code = worker.process.exitcode
    if code is not None and code < 0:
        name = signal.Signals(-code).name if -code in signal.Signals._value2member_map_ else str(-code)
        return EngineFailure(f"the engine crashed on this query ({name})")
    return EngineFailure(f"the query worker stopped unexpectedly (exit status {code})")


def _fork_server() -> multiprocessing.context.BaseContext:
    """Workers come from a fork server: a fresh single-threaded process (so forking it is safe, unlike forking
    this one, whose threads could hold a lock) that has already imported what a worker needs, so a worker
    starts in milliseconds.  It is started ignoring Ctrl-C and so is every worker forked from it, even one
    that a request thread starts to replace a failed one (only the main thread can ignore signals)."""
    import multiprocessing.forkserver  # (here: a command that runs one query forks its worker itself)

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["graph.pool", "graph.store", "graph.sandbox", "graph.nametable", "graph.results", "pyoxigraph"])
    with children_ignore_sigint():
        multiprocessing.forkserver.ensure_running()
    return context


class WorkerPool:
    """A :class:`graph.sparql.Backend` that runs each request in one of ``size`` worker processes.

    A request waits for a free worker and then for its answer, both within the query's time limit;
    past it the worker is killed and replaced, and the request gets :class:`QueryTimeout` (503).
    """

    def __init__(self, store: str, size: int = 2, max_memory: int | None = None, replace: bool = True) -> None:
        """Start ``size`` workers of the engine ``store``; they load it, and wait for :meth:`open`."""
        if size < 1:
            raise DuikouError("the server needs at least one query worker", status=2)
        self.store, self.size, self.max_memory = store, size, max_memory
        self.built: BuiltGraph | None = None
        self.replace = replace  # a command that ends after its query needs no replacement
        self._respawning: list[threading.Thread] = []
        # forking is safe only while this process has one thread (another could hold a lock forever)
        self._context: forked.Fork | multiprocessing.context.BaseContext = (
            forked.Fork() if not replace and threading.active_count() == 1 else _fork_server())
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = False
        self._lock = threading.Lock()
        self._all: list[_Worker] = []
        self._logs: Path | None = None  # the fork server's workers' stderr files (a forked worker's have no name)
        if not isinstance(self._context, forked.Fork):
            import tempfile

            self._logs = Path(tempfile.mkdtemp(prefix="duikou-workers-"))
        self.sandboxed = True
        self._starting: list[_Worker] = []
        try:
            self._starting = [self._spawn() for _ in range(size)]
        except BaseException:
            self.close()
            raise

    def open(self, built: BuiltGraph) -> None:
        """Give the started workers the graph to answer from; back once each has it open."""
        self.built = built
        try:
            for worker in self._starting:
                self._idle.put(self._await_ready(worker))
        except BaseException:
            self.close()
            raise
        self._starting = []

    def _spawn(self) -> _Worker:
        """Start a worker, under the lock so that :meth:`close` either sees it (and kills it) or came first."""
        with self._lock:
            if self._closed:
                raise DuikouError("the query workers are stopping")
            parent, child = self._context.Pipe()
            log = _Log(self._logs)
            process = self._context.Process(target=_serve_worker, name="duikou-query-worker", daemon=True,
                                            args=(child, self.store, log.target(), self.max_memory))
            with children_ignore_sigint():  # a Ctrl-C waits until the worker is known, so close() kills it
                process.start()
                worker = _Worker(process, parent, log)
                self._all.append(worker)
            child.close()
        return worker

    def _await_ready(self, worker: _Worker) -> _Worker:
        """Send a started worker the graph and wait until it has it open."""
        assert self.built is not None
        kept = str(self.built.store) if self.built.store else None
        names = str(self.built.names) if self.built.names else None
        try:
            worker.conn.send(("open", str(self.built.ttl), kept, names))
        except OSError:  # it died starting: its stderr says why, below
            pass
        if not worker.conn.poll(_START_TIMEOUT):
            self._kill(worker)
            raise DuikouError("a query worker did not load the graph in time")
        try:
            message = worker.conn.recv()
        except EOFError:
            reason = _death(worker, self.max_memory)
            self._kill(worker)
            raise DuikouError(f"a query worker died while opening the graph in {self.built.ttl.parent}/: "
                              f"{reason}") from None
        if message[0] != "ready":
            self._kill(worker)
            raise (StoreUnreadable if message[0] == "unreadable" else DuikouError)(message[1])
        self.sandboxed = self.sandboxed and message[1]
        return worker

    def _kill(self, worker: _Worker) -> None:
        """Kill a worker once: :meth:`close` and a request thread may both come to the same one, and a pipe
        closed twice would close whatever file took its descriptor meanwhile."""
        with self._lock:
            if worker not in self._all:
                return
            self._all.remove(worker)
        worker.process.kill()
        worker.process.join(5)
        worker.conn.close()
        worker.stderr.drop()

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker and start another in the background, so the request that failed answers at once."""
        self._kill(worker)
        if not self.replace:
            return

        def start() -> None:
            try:
                self._idle.put(self._await_ready(self._spawn()))
            except (DuikouError, OSError) as exc:  # the pool serves on with one worker fewer
                if not self._closed:  # (a pool closed meanwhile killed it, or its pipe: nothing to say)
                    print(f"explore.py: could not replace a query worker: {exc}", file=sys.stderr)

        with self._lock:  # close() joins only threads that have started, and none start after it
            if self._closed:
                return
            thread = threading.Thread(target=start, name="duikou-respawn", daemon=True)
            thread.start()
            self._respawning.append(thread)

    def _call(self, message: tuple, timeout: float | None) -> object:
        deadline = None if timeout is None else time.monotonic() + timeout
        if not self.replace and self._idle.empty() and not self._all:
            raise EngineFailure("no query worker is left (the last one failed)")
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            raise QueryError(f"the server is busy: no query worker came free within {timeout:g} s",
                             http_status=503, status=4) from None
        try:
            worker.conn.send(message)
            remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not worker.conn.poll(remaining):
                self._replace(worker)
                raise QueryTimeout(timeout or 0)
            reply = worker.conn.recv()
        except (EOFError, OSError):
            reason = _death(worker, self.max_memory)
            self._replace(worker)
            raise reason from None
        if reply[0] == "error" and reply[4]:
            self._replace(worker)
        else:
            self._idle.put(worker)
        if reply[0] == "error":
            raise QueryError(reply[1], http_status=reply[2], status=reply[3])
        return reply[1]

    def run(self, text: str, bindings: Mapping[str, Term], limits: Limits) -> QueryResult:
        result = self._call(("query", text, dict(bindings), limits), limits.timeout)
        assert isinstance(result, QueryResult)
        return result

    def write(self, **request: object) -> Written:
        """:func:`graph.queries.written` run in a worker, within the request's time limit."""
        limits = request.get("limits")
        done = self._call(("write", request), limits.timeout if isinstance(limits, Limits) else None)
        assert isinstance(done, Written)
        return done

    def resolve(self, value: str, timeout: float | None = None) -> ox.NamedNode:
        import pyoxigraph as ox

        iri = self._call(("resolve", value), timeout)
        assert isinstance(iri, ox.NamedNode)
        return iri

    def labels(self, iris: Iterable[ox.NamedNode]) -> dict[ox.NamedNode, str]:
        found = self._call(("labels", list(iris)), None)
        assert isinstance(found, dict)
        return found

    def close(self) -> None:
        """Kill every worker; a replacement being loaded meanwhile dies with them (its wait ends at once).

        Called from the main thread on Ctrl-C while request threads may be replacing the very workers this
        kills: once ``_closed`` is set under the lock no worker or replacement starts, so one pass sees all.
        """
        with self._lock:
            self._closed = True
            workers, threads = list(self._all), list(self._respawning)
        for worker in workers:
            self._kill(worker)
        for thread in threads:
            thread.join(5)
        if self._logs is not None:
            import shutil

            shutil.rmtree(self._logs, ignore_errors=True)


def open_pool(build_dir: Path, default_sources: list[Path], announce: Callable[[str], None], store: str,
              size: int = 1, max_memory: int | None = None, replace: bool = False) -> tuple[WorkerPool, BuiltGraph]:
    """The built graph of ``build_dir`` in ``size`` confined workers (:class:`WorkerPool`), the folder
    rebuilt first when :func:`graph.built.ensure_built` says so.

    The workers start first, so that loading their engine overlaps checking (or rebuilding) the folder.
    The folder's store is opened by the workers alone, not here as well (that cost every query 0.05 s):
    when it does not open there, the folder is judged again with the store opened here, and rebuilt (or
    its Turtle read, when its inputs are gone) before new workers open it."""
    pool = WorkerPool(store, size=size, max_memory=max_memory, replace=replace)
    try:
        built = ensure_built(build_dir, default_sources, announce, open_store=False)
        try:
            pool.open(built)
        except StoreUnreadable:
            pool.close()
            built = ensure_built(build_dir, default_sources, announce)
            pool = WorkerPool(store, size=size, max_memory=max_memory, replace=replace)
            pool.open(built)
    except BaseException:
        pool.close()
        raise
    return pool, built

