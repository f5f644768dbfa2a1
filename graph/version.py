"""The extractor's version: the package version and a digest of the code that decides what an article
becomes, read from the source files without importing them.

A module of its own so that the query side can tell whether a build folder is current (``built``)
without importing the extractor and its dependencies (a third of a second of a query's start).
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from . import __version__

#: the modules whose code decides what an article becomes (the page and the queries do not)
_STAGES = ("text", "sentences", "ner", "mentions", "kinds", "lexicon", "places", "entities", "quantities",
           "dates", "context", "posts", "lists", "sectors", "pairing", "assistance", "implied", "money", "relations",
           "extract", "model", "rdf", "vocab", "prefixes", "pinyin")


def _version() -> str:
    """The package version and a digest of the extraction code: any change to a stage invalidates the cache,
    so nobody has to remember to bump a number."""
    digest = hashlib.sha256()
    for stage in _STAGES:
        digest.update((Path(__file__).with_name(f"{stage}.py")).read_bytes())
    for data in sorted(Path(__file__).with_name("lexicon").iterdir()):
        digest.update(data.name.encode() + data.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"


EXTRACTOR_VERSION = _version()
