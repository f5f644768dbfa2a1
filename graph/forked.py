"""One worker process forked directly, without :mod:`multiprocessing`: for a command that runs one query.

Why: a command-line query forks its confined worker from its only thread (:class:`graph.pool.WorkerPool`
with ``replace=False``), and needs of multiprocessing nothing but a fork, a two-way pipe and pickled
messages.  Importing it (its context, process, connection and reduction modules, and with them socket,
selectors and tempfile's helpers) cost such a query 15–20 ms of CPU, as much as the engine takes to
answer a small saved query.  :class:`Fork` offers the three calls of a multiprocessing context the pool
makes (``Pipe``, ``Process`` and the process's ``start``/``kill``/``join``/``exitcode``), with the same
meaning, so the pool's code is one for both; the server's workers still come from multiprocessing's fork
server (a multi-threaded server must not fork itself).
"""
from __future__ import annotations

import os
import pickle
import select
import signal
import sys
import time
from typing import Callable

_HEADER = 8  # bytes of a message's length, before its pickle


def anonymous_file() -> int:
    """A descriptor of a file with no name (gone with its last descriptor) that a forked worker inherits."""
    if hasattr(os, "memfd_create"):
        return os.memfd_create("duikou-worker-stderr")
    import tempfile

    with tempfile.TemporaryFile() as file:
        return os.dup(file.fileno())


class Connection:
    """One end of a two-way pipe that carries pickled objects: ``send``, ``recv``, ``poll`` and ``close``
    as multiprocessing's ``Connection`` has them (``recv`` raises EOFError when the other end is gone)."""

    def __init__(self, read_fd: int, write_fd: int) -> None:
        self._read, self._write = read_fd, write_fd

    def send(self, obj: object) -> None:
        data = pickle.dumps(obj, pickle.HIGHEST_PROTOCOL)
        self._write_all(len(data).to_bytes(_HEADER, "big"))
        self._write_all(data)

    def _write_all(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            view = view[os.write(self._write, view):]

    def recv(self) -> object:
        return pickle.loads(self._read_exactly(int.from_bytes(self._read_exactly(_HEADER), "big")))

    def _read_exactly(self, size: int) -> bytes:
        chunks = []
        while size:
            chunk = os.read(self._read, min(size, 1 << 20))
            if not chunk:
                raise EOFError("the other end of the pipe is closed")
            chunks.append(chunk)
            size -= len(chunk)
        return b"".join(chunks)

    def poll(self, timeout: float | None = 0.0) -> bool:
        """Whether a message (or the end of the pipe) can be read within ``timeout`` seconds (None: wait)."""
        return bool(select.select([self._read], [], [], timeout)[0])

    def close(self) -> None:
        for fd in (self._read, self._write):
            try:
                os.close(fd)
            except OSError:
                pass
        self._read = self._write = -1


class Process:
    """A forked process running ``target(*args)``, then ending with ``os._exit`` (0, or 1 if it raised)."""

    def __init__(self, fork: Fork, target: Callable[..., object], args: tuple = (), name: str | None = None,
                 daemon: bool = True) -> None:
        self._fork, self._target, self._args, self.name = fork, target, args, name
        self.pid: int | None = None
        self._exitcode: int | None = None

    def start(self) -> None:
        for stream in (sys.stdout, sys.stderr):  # what this process has buffered is written once, by it
            if stream is not None:
                stream.flush()
        pid = os.fork()
        if pid == 0:
            self._run()
        self.pid = pid

    def _run(self) -> None:
        code = 1
        try:
            for end in self._fork.parent_ends:  # so the worker sees the end of its pipe when the command dies
                end.close()
            devnull = os.open(os.devnull, os.O_RDONLY)  # as multiprocessing does: the worker reads no input
            os.dup2(devnull, 0)
            os.close(devnull)
            self._target(*self._args)
            code = 0
        except BaseException:
            import traceback

            traceback.print_exc()  # to the worker's stderr, a file its parent reads when the worker dies
        finally:
            try:
                sys.stderr.flush()
            finally:
                os._exit(code)

    @property
    def exitcode(self) -> int | None:
        """The exit status (minus the signal's number if killed by one), None while running."""
        if self._exitcode is None and self.pid is not None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                return None
            if pid:
                self._exitcode = os.waitstatus_to_exitcode(status)
        return self._exitcode

    def kill(self) -> None:
        if self.pid is not None and self.exitcode is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def join(self, timeout: float | None = None) -> None:
        if timeout is None and self.pid is not None and self._exitcode is None:
            try:
                self._exitcode = os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1])
            except ChildProcessError:
                pass
            return
        deadline = time.monotonic() + (timeout or 0.0)
        while self.exitcode is None and self.pid is not None and time.monotonic() < deadline:
            time.sleep(0.001)


class Fork:
    """What :class:`graph.pool.WorkerPool` asks of a multiprocessing context, by a plain ``os.fork``."""

    def __init__(self) -> None:
        self.parent_ends: list[Connection] = []

    def Pipe(self) -> tuple[Connection, Connection]:  # noqa: N802  (multiprocessing's name)
        """A two-way pipe: the first end stays in this process, the second goes to the worker."""
        to_child_read, to_child_write = os.pipe()
        to_parent_read, to_parent_write = os.pipe()
        parent = Connection(to_parent_read, to_child_write)
        self.parent_ends.append(parent)
        return parent, Connection(to_child_read, to_parent_write)

    def Process(self, target: Callable[..., object], name: str | None = None, daemon: bool = True,  # noqa: N802
                args: tuple = ()) -> Process:
        return Process(self, target, args, name, daemon)
