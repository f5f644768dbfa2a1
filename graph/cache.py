"""The extraction cache: one entry per article, so a rebuild re-reads only what changed.

An entry is keyed by the SHA-256 of the file's bytes, its name and the extractor's version, and holds
the document's triples (N-Triples) and its summary (JSON).  Entries are written atomically, so a
build interrupted half-way leaves only whole entries behind and the next build resumes from them.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

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


class Cache:
    """A folder of ``<key>.nt`` + ``<key>.json`` pairs."""

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
        write_atomic(nt, triples)
        write_atomic(js, json.dumps(asdict(summary), ensure_ascii=False).encode("utf-8"))  # written last: marks complete

    def triples(self, key: str) -> bytes:
        return self._paths(key)[0].read_bytes()

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
            elif path.suffix in (".nt", ".json") and path.stem not in keep:
                path.unlink(missing_ok=True)
                dropped += path.suffix == ".json"
        return dropped
