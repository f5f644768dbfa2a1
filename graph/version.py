"""The extractor's version: the package version and a digest of the code that decides what an article
becomes, read from the source files without importing them.

A module of its own so that the query side can tell whether a build folder is current (``built``)
without importing the extractor and its dependencies (a third of a second of a query's start).  Nor
does it read the sources or load hashlib when it need not: a build records the size and modification
time of every file the digest reads (:data:`EXTRACTOR_STAMPS`, taken before they are read), and while
those are unchanged the extractor is the one that made the build (:func:`is_current`); only a file
touched since is read and the digest compared.  Digesting the 34 files cost a query 5–8 ms, hashlib's
import most of it.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Mapping

from . import __version__

#: the modules whose code decides what an article becomes (the page and the queries do not)
_STAGES = ("text", "simplified", "sentences", "ner", "mentions", "kinds", "lexicon", "places", "entities", "quantities",
           "dates", "context", "posts", "lists", "sectors", "pairing", "assistance", "implied", "money", "relations",
           "extract", "model", "rdf", "vocab", "prefixes", "pinyin")
_HERE = Path(__file__).resolve().parent


def _sources() -> tuple[list[Path], list[Path]]:
    """The files the digest reads, in the order it reads them: the stages' code, then the lexicon's data."""
    return [_HERE / f"{stage}.py" for stage in _STAGES], sorted((_HERE / "lexicon").iterdir())


def stamps() -> dict[str, list[int]]:
    """Size and modification time (ns) of each file of the extractor's digest, by path."""
    found = {}
    code, data = _sources()
    for path in code + data:
        try:
            st = os.stat(path)
        except OSError:
            found[str(path)] = [-1, -1]
        else:
            found[str(path)] = [st.st_size, st.st_mtime_ns]
    return found


def _version() -> tuple[str, dict[str, list[int]]]:
    """The package version and a digest of the extraction code (any change to a stage invalidates the cache,
    so nobody has to remember to bump a number), with the stamps of the files taken before they were read:
    a file edited meanwhile has a later stamp than the one recorded, and is read again by the next check."""
    import hashlib

    before = stamps()
    digest = hashlib.sha256()
    code, data = _sources()
    for path in code:
        digest.update(path.read_bytes())
    for path in data:
        digest.update(path.name.encode() + path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}", before


def is_current(version: str, recorded: Mapping[str, list[int]]) -> bool:
    """Whether this code's extractor is ``version``, the one a build recorded with the stamps ``recorded``:
    by the stamps alone while every file has them still, else by reading the files."""
    if recorded and version.startswith(f"{__version__}+") and stamps() == recorded:
        return True
    return version == __getattr__("EXTRACTOR_VERSION")


def __getattr__(name: str) -> object:
    """:data:`EXTRACTOR_VERSION` and :data:`EXTRACTOR_STAMPS`, computed on first use (by a build, or a check
    whose stamps differ): a query whose folder's stamps match never needs them."""
    if name in ("EXTRACTOR_VERSION", "EXTRACTOR_STAMPS"):
        if "EXTRACTOR_VERSION" not in globals():
            globals()["EXTRACTOR_VERSION"], globals()["EXTRACTOR_STAMPS"] = _version()
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
