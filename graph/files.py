"""Atomic file writes: a reader sees the old files or the whole new ones, never a half-written one.

Every output of the project (graphs, pages, query results, cache entries) goes through here, so an
interrupted or failed run leaves the previous files whole.  :func:`publish` does it for a set of
files: all are written beside their targets first, and only when every one is whole are they
swapped in, so a build that runs out of disk half-way leaves the previous build as it was.
"""
from __future__ import annotations

import os
import signal
import tempfile
import threading
from pathlib import Path
from typing import Callable, Mapping

from .errors import output_error

_UMASK = os.umask(0o022)
os.umask(_UMASK)


def _stage(target: Path, data: bytes | Callable[[Path], None]) -> Path:
    """A temporary file beside ``target`` (same file system, so ``os.replace`` is atomic) holding ``data``,
    with the permissions an ordinary new file would have, not ``mkstemp``'s private ones."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        if callable(data):
            os.close(fd)
            data(Path(tmp))
        else:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def _swap(staged: list[tuple[Path, Path]]) -> None:
    """Rename every staged file onto its target; a Ctrl-C arriving meanwhile is raised after the last one,
    so the set is never left half old, half new."""
    caught: list[object] = []
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, lambda *a: caught.append(a)) if main else None
    try:
        for tmp, target in staged:
            os.replace(tmp, target)
    finally:
        if main and previous is not None:
            signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


def publish(folder: Path, outputs: Mapping[str, bytes | Callable[[Path], None]]) -> None:
    """Write the files ``folder/name`` of ``outputs`` as one set: all of them replaced, or none.

    A write that fails (disk full, read-only, a folder where a file should be) raises
    :class:`~graph.errors.OutputError` naming the file: one line and exit status 5 on the command line.
    """
    staged: list[tuple[Path, Path]] = []
    target = folder
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in outputs.items():
            target = folder / name
            if target.is_dir():
                raise IsADirectoryError(21, "it is a folder")
            staged.append((_stage(target, data), target))
        target = folder
        _swap(staged)
    except BaseException as exc:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise output_error(target, exc) from None
        raise


def write_atomic(path: Path, data: bytes | Callable[[Path], None]) -> None:
    """Write ``data`` (bytes, or a function that writes a given file) to ``path`` atomically."""
    publish(path.parent, {path.name: data})
