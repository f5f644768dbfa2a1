"""Atomic file writes: a reader sees the old file or the whole new one, never a half-written one.

Every output of the project (graphs, pages, query results, cache entries) goes through here, so an
interrupted or failed run leaves the previous files whole.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable

_UMASK = os.umask(0o022)
os.umask(_UMASK)


def write_atomic(path: Path, data: bytes | Callable[[Path], None]) -> None:
    """Write ``data`` (bytes, or a function that writes a given file) to ``path`` atomically.

    The temporary file sits beside ``path`` (same file system, so ``os.replace`` is atomic) and gets the
    permissions an ordinary new file would have, not ``mkstemp``'s private ones.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
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
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
