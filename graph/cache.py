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
import os
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
        self._blocks: dict[str, list[str]] | None = None  # key → its blocks' file names, listed once

    def _blocks_of(self, key: str) -> list[str]:
        """The file names of the blocks the folder held for ``key`` when first asked: one listing of the
        folder for the whole build (a pattern per entry scanned every file of it, 30,000 at 10,000 articles)."""
        if self._blocks is None:
            self._blocks = {}
            for name in (os.listdir(self.folder) if self.folder.is_dir() else ()):
                if name.endswith(".trig") and not name.startswith("."):
                    self._blocks.setdefault(name.split(".")[0], []).append(name)
        return self._blocks.pop(key, [])

    def _paths(self, key: str) -> tuple[Path, Path]:
        return self.folder / f"{key}.nt", self.folder / f"{key}.json"

    def has(self, key: str) -> bool:
        nt, js = self._paths(key)
        return nt.exists() and js.exists()

    def put(self, key: str, triples: bytes, summary: DocSummary) -> None:
        """Store one entry (an I/O failure is an :class:`~graph.errors.OutputError`, as for any output)."""
        nt, js = self._paths(key)
        for block in self._blocks_of(key):  # made from what is being replaced (--force)
            (self.folder / block).unlink(missing_ok=True)
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
        for old in self._blocks_of(key):
            (self.folder / old).unlink(missing_ok=True)
        data = make()
        write_atomic(path, data)
        return data

    def shared(self, name: str, make: Callable[[], bytes]) -> bytes:
        """A file every build of this extractor version makes alike (the national pairing table, its TriG
        block): read if kept, else made by ``make`` and kept, in ``shared/`` beside the entries, which
        :meth:`prune` leaves alone."""
        path = self.folder / "shared" / name
        try:
            return path.read_bytes()
        except FileNotFoundError:
            pass
        data = make()
        self.keep(name, data)
        return data

    def kept(self, name: str) -> bytes | None:
        """A file of ``shared/`` (see :meth:`shared`), or None when there is none."""
        try:
            return (self.folder / "shared" / name).read_bytes()
        except FileNotFoundError:
            return None

    def keep(self, name: str, data: bytes) -> None:
        (self.folder / "shared").mkdir(parents=True, exist_ok=True)
        write_atomic(self.folder / "shared" / name, data)

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
