"""A build folder as the query side sees it: up to date with its own inputs, then opened
(:func:`open_built_store`: the merged Oxigraph store, read-only).

``query``, ``render`` and ``serve`` call :func:`ensure_built` before they read a folder.  It judges
the folder by its own record (``build.json``, see ``record``): rebuilt from the inputs it was built
from when they or the extractor changed, never from other inputs, so a ``build tests/articles``
into ``build/`` stays that build however ``seeds/`` changes.  A folder with no graph at all is built
from the default inputs the caller names; one whose graph predates build records is used as it is.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from .errors import DuikouError, InputError
from .record import outputs_whole, read_record


def ensure_built(build_dir: Path, default_sources: list[Path], announce: Callable[[str], None]) -> Path:
    """The folder's ``graph.ttl``, (re)built first when it is missing or older than the folder's inputs."""
    ttl = build_dir / "graph.ttl"
    record = read_record(build_dir)
    if record is None:
        if ttl.is_file():
            return ttl
        sources = default_sources
        announce(f"building the graph in {build_dir}/ from {', '.join(str(s) for s in sources)} …")
    else:
        from .extract import EXTRACTOR_VERSION
        from .record import why_stale

        sources = [Path(p) for p in record.inputs]
        try:
            reason = why_stale(record, EXTRACTOR_VERSION)
        except InputError as exc:
            announce(f"the inputs of {build_dir}/ are gone ({exc}); using the graph as it was built")
            return ttl
        if reason is None and outputs_whole(build_dir) and record.store and (build_dir / record.store).is_dir():
            return ttl
        announce(f"rebuilding {build_dir}/ from {', '.join(record.inputs)} ({reason or 'outputs missing'}) …")
    from .build import build

    build(sources, build_dir)
    return ttl


def open_built_store(build_dir: Path):
    """The build folder's merged Oxigraph store, opened read-only (a ``pyoxigraph.Store``).

    Its default graph is the merged graph (what ``graph.ttl`` holds), and each document is a named
    graph (as in ``graph.trig``).  Opening takes milliseconds whatever the corpus size, where parsing
    ``graph.ttl`` takes seconds.  A build never writes the store it names in ``build.json``: it writes a
    new one and names it once complete, so a reader never sees a half-made store.
    """
    import pyoxigraph as ox

    record = read_record(build_dir)
    if record is None or not record.store or not (build_dir / record.store).is_dir():
        raise DuikouError(f"no graph store in {build_dir}/: run `python explore.py build --out {build_dir}` first")
    try:
        return ox.Store.read_only(str(build_dir / record.store))
    except (OSError, RuntimeError) as exc:  # RocksDB reports corruption as a RuntimeError
        raise DuikouError(f"the graph store in {build_dir}/ cannot be opened ({exc}): "
                          f"rebuild it with `python explore.py build --force --out {build_dir}`") from None
