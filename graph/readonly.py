"""A build's kept Oxigraph store, opened read-only: what a query worker, and a check of a folder, open.

Apart from the merge (:mod:`graph.merge`, which writes stores) because a query opens a store and nothing
else of the merge: importing that module cost a query's worker 5–7 ms (its code, and ``uuid``, which loads
``platform``).
"""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from .errors import DuikouError, StoreUnreadable


def read_only(folder: Path) -> ox.Store:
    """The store at ``folder``, opened read-only, or one line saying it cannot be (missing, damaged).

    Opening reads the store's manifest and the footer of every table file, so a store missing a file
    or truncated is refused here, in milliseconds, rather than half-way through a query.
    """
    try:
        return ox.Store.read_only(str(folder))
    except (OSError, RuntimeError) as exc:  # RocksDB reports corruption as a RuntimeError
        raise StoreUnreadable(f"the graph store {folder} cannot be opened ({' '.join(str(exc).split())[:200]}): "
                          f"rebuild it with `python explore.py build --force --out {folder.parent}`") from None


def opens(folder: Path) -> bool:
    """Whether the store at ``folder`` is there and opens: what a build or a query trusts it by."""
    try:
        read_only(folder)
    except DuikouError:
        return False
    return True
