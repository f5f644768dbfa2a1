"""The extraction cache: one entry per article, so a rebuild re-reads only what changed.

An entry is keyed by the SHA-256 of the file's bytes, its name and the extractor's version, and holds
the document's triples (N-Triples) and its summary (JSON), and once the build has written it, the
document's named graph as a TriG block (``graph.trig`` is the blocks in order, so a rebuild formats
only the documents that changed).  Entries are written atomically, so a
build interrupted half-way leaves only whole entries behind and the next build resumes from them.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

from .files import write_atomic


@dataclass
class DocSummary:
    """What the build summary needs from one document, without re-reading its triples."""

    name: str
    doc_iri: str
    sentences: int
    warnings: list[str] = field(default_factory=list)


def file_key(name: str, data: bytes, version: str) -> str:
    """The entry of one article: its bytes, the name the graph gives it, the extractor's version."""
    digest = hashlib.sha256(data).hexdigest()
    return hashlib.sha256(f"{digest}\x1f{name}\x1f{version}".encode("utf-8")).hexdigest()


_SUFFIXES = (".nt", ".json", ".trig")


class Cache:
    """A folder of ``<key>.nt`` + ``<key>.json`` pairs, and ``<key>.<form>.trig`` beside those written out."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _paths(self, key: str) -> tuple[Path, Path]:
        return self.folder / f"{key}.nt", self.folder / f"{key}.json"

    def has(self, key: str) -> bool:
        nt, js = self._paths(key)
        return nt.exists() and js.exists()

    def put(self, key: str, triples: bytes, summary: DocSummary) -> None:
        """Store one entry (an I/O failure is an :class:`~graph.errors.OutputError`, as for any output)."""
        nt, js = self._paths(key)
        for block in self.folder.glob(f"{key}.*.trig"):  # made from what is being replaced (--force)
            block.unlink(missing_ok=True)
        write_atomic(nt, triples)
        write_atomic(js, json.dumps(asdict(summary), ensure_ascii=False).encode("utf-8"))  # written last: marks complete

    def triples(self, key: str) -> bytes:
        return self._paths(key)[0].read_bytes()

    def block(self, key: str, form: str, make: Callable[[], bytes]) -> bytes:
        """The entry's TriG block in the writer's ``form`` (a digest of its code): read if kept, else made
        by ``make`` and kept in place of one of another form (a block depends on nothing else but the
        entry and the extractor's version, which holds the vocabulary's prefixes)."""
        path = self.folder / f"{key}.{form}.trig"
        try:
            return path.read_bytes()
        except FileNotFoundError:
            pass
        for old in self.folder.glob(f"{key}.*.trig"):
            old.unlink(missing_ok=True)
        data = make()
        write_atomic(path, data)
        return data

    def summary(self, key: str) -> DocSummary:
        return DocSummary(**json.loads(self._paths(key)[1].read_text(encoding="utf-8")))

    def prune(self, keep: set[str]) -> int:
        """Drop entries of articles no longer in the corpus (edited or removed); returns how many."""
        dropped = 0
        if not self.folder.exists():
            return 0
        for path in self.folder.iterdir():
            if path.name.startswith("."):  # a temporary file an interrupted build left behind
                path.unlink(missing_ok=True)
            elif path.suffix in _SUFFIXES and path.name.split(".")[0] not in keep:
                path.unlink(missing_ok=True)
                dropped += path.suffix == ".json"
        return dropped
