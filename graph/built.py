"""A build folder as the query side sees it: up to date with its own inputs, then opened
(:func:`open_built_store`: the merged Oxigraph store, read-only).

``query``, ``render`` and ``serve`` call :func:`ensure_built` before they read a folder.  It judges
the folder by its own record (``build.json``, see ``record``): rebuilt from the inputs it was built
from when they or the extractor changed, or when the store it names is missing or does not open,
never from other inputs, so a ``build tests/articles`` into ``build/`` stays that build however
``seeds/`` changes.  A folder with no graph at all is built from the default inputs the caller names;
one whose graph predates build records (a ``graph.ttl`` alone) is used as it is, parsed.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .errors import DuikouError, InputError
from .record import NAMES, outputs_whole, read_record


@dataclass(frozen=True)
class BuiltGraph:
    """Where a built graph can be read: its Turtle, and the kept store when the folder has one.

    The store answers in milliseconds whatever the corpus size, where parsing the Turtle takes
    seconds and memory in proportion to the corpus; the Turtle is for the in-memory engine
    (``--store memory``), for remote servers and for folders built before stores were kept.
    """

    ttl: Path
    store: Path | None = None
    names: Path | None = None  # the name table (graph.nametable) beside a kept store, when the folder has one


def _kept(ttl: Path, store: Path | None) -> BuiltGraph:
    """The folder's graph with its store, and its name table if the build wrote one (older ones did not:
    their names are found by scanning the graph's labels)."""
    names = ttl.parent / NAMES
    return BuiltGraph(ttl, store, names if store is not None and names.is_file() else None)


def ensure_built(build_dir: Path, default_sources: list[Path], announce: Callable[[str], None],
                 open_store: bool = True) -> BuiltGraph:
    """The folder's graph, (re)built first when it is missing, older than the folder's inputs, or its
    store does not open; with ``open_store=False`` a store whose folder is there is trusted to open (the
    caller's query worker opens it, and asks again with ``open_store=True`` when it does not)."""
    ttl = build_dir / "graph.ttl"
    record = read_record(build_dir)
    if record is None:
        if ttl.is_file():
            return BuiltGraph(ttl)
        sources = default_sources
        announce(f"building the graph in {build_dir}/ from {', '.join(str(s) for s in sources)} …")
    else:
        from .record import why_stale

        sources = [Path(p) for p in record.inputs]
        try:
            reason = why_stale(record)
        except InputError as exc:  # nothing to rebuild from: the store if it opens, else the Turtle, parsed
            announce(f"the inputs of {build_dir}/ are gone ({exc}); using the graph as it was built")
            return _kept(ttl, build_dir / record.store if outputs_whole(build_dir, record) else None)
        whole = outputs_whole(build_dir, record, open_store)
        if reason is None and whole:
            return _kept(ttl, build_dir / record.store)
        announce(f"rebuilding {build_dir}/ from {', '.join(record.inputs)} "
                 f"({reason or 'its outputs or its graph store are missing or damaged'}) …")
    from .build import build

    result = build(sources, build_dir)
    record = read_record(build_dir)
    return _kept(result.ttl, build_dir / record.store if record is not None and record.store else None)


def open_built_store(build_dir: Path):
    """The build folder's merged Oxigraph store, opened read-only (a ``pyoxigraph.Store``).

    Its default graph is the merged graph (what ``graph.ttl`` holds), and each document is a named
    graph (as in ``graph.trig``).  Opening takes milliseconds whatever the corpus size, where parsing
    ``graph.ttl`` takes seconds.  A build never writes the store it names in ``build.json``: it writes a
    new one and names it once complete, so a reader never sees a half-made store.
    """
    from .readonly import read_only

    record = read_record(build_dir)
    if record is None or not record.store or not (build_dir / record.store).is_dir():
        raise DuikouError(f"no graph store in {build_dir}/: run `python explore.py build --out {build_dir}` first")
    return read_only(build_dir / record.store)
