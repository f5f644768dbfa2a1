"""Building the graph: articles on disk → extractions → ``graph.ttl`` + ``graph.html`` in one folder.

Outputs are written atomically (a temporary file in the same folder, then ``os.replace``), so a
failed or interrupted build leaves the previous outputs whole.
"""
from __future__ import annotations

import os
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .errors import DuikouError, InputError
from .model import Extraction

TEXT_SUFFIXES = {".txt", ".md"}


@dataclass
class BuildResult:
    out: Path
    documents: int = 0
    sentences: int = 0
    triples: int = 0
    entities: Counter = field(default_factory=Counter)
    sectors: Counter = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def ttl(self) -> Path:
        return self.out / "graph.ttl"

    @property
    def html(self) -> Path:
        return self.out / "graph.html"


def find_inputs(paths: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """Article files under ``paths`` (files as given, folders walked recursively), and skipped files."""
    files: list[Path] = []
    skipped: list[str] = []
    for path in paths:
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        if path.is_file():
            files.append(path)
            continue
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if any(part.startswith(".") for part in child.relative_to(path).parts):
                continue
            if child.suffix.lower() in TEXT_SUFFIXES:
                files.append(child)
            else:
                skipped.append(str(child))
    if not files:
        raise InputError("no article files found in " + ", ".join(str(p) for p in paths))
    return files, skipped


def write_atomic(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(tmp)`` for a temporary file beside ``path`` and move it into place only on success."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def extract_files(files: list[Path]) -> Iterator[Extraction]:
    from .extract import extract
    from .text import read_document

    for path in files:
        yield extract(read_document(path))


def build(paths: list[Path], out: Path) -> BuildResult:
    """Extract every article under ``paths`` and write ``out/graph.ttl`` and ``out/graph.html``."""
    from .page import write_page
    from .places import register
    from .rdf import to_graph

    files, skipped = find_inputs(paths)
    result = BuildResult(out=out, skipped=skipped)
    extractions = []
    for ex in extract_files(files):
        extractions.append(ex)
        result.documents += 1
        result.sentences += len(ex.sentences)
        result.entities.update(e.kind for e in ex.entities.values())
        result.sectors.update(a.sector for a in ex.assistance)
        result.warnings.extend(f"{ex.document.name}: {w}" for w in ex.warnings)
    g = to_graph(extractions, register())
    result.triples = len(g)
    try:
        write_atomic(result.ttl, lambda tmp: g.serialize(destination=str(tmp), format="turtle", encoding="utf-8"))
        write_atomic(result.html, lambda tmp: write_page(g, tmp))
    except OSError as exc:
        raise DuikouError(f"cannot write to {out}: {exc.strerror or exc}") from None
    return result


def format_summary(result: BuildResult) -> str:
    lines = [
        f"documents: {result.documents}   sentences: {result.sentences}   triples: {result.triples}",
        "entities:  " + ", ".join(f"{kind} {n}" for kind, n in sorted(result.entities.items(), key=lambda kv: (-kv[1], kv[0]))),
        "assistance by sector: " + (", ".join(f"{s} {n}" for s, n in sorted(result.sectors.items(), key=lambda kv: (-kv[1], kv[0]))) or "none"),
    ]
    if result.skipped:
        lines.append(f"skipped {len(result.skipped)} file(s) that are not articles (.txt, .md)")
    if result.warnings:
        lines.append(f"warnings: {len(result.warnings)}")
        lines.extend("  " + w for w in result.warnings[:20])
        if len(result.warnings) > 20:
            lines.append(f"  … and {len(result.warnings) - 20} more")
    lines.append(f"graph: {result.ttl}")
    lines.append(f"page:  {result.html}")
    return "\n".join(lines)
