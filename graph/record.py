"""What a build folder remembers of its build: the inputs it was built from and what they were.

``build.json`` beside the outputs holds the input paths (absolute), the extractor version, the
size and modification time of every article file, the build summary, and the merged store's folder
with the documents it holds.  Staleness is judged
against it alone: a folder is out of date when its own inputs or the extractor changed, never
because some other folder (``seeds/``) did, and a rebuild reads the recorded inputs, never others.
No build option changes what is written (``-j`` and ``--force`` change only how), so the inputs
and the extractor are the whole of what an output depends on.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from .inputs import current_fingerprint

RECORD = "build.json"
NAMES = "names.sqlite"  # the name table (graph.nametable)
OUTPUTS = ("graph.ttl", "graph.trig", "graph.html")
_FORMAT = 1


@dataclass
class BuildRecord:
    inputs: list[str]
    extractor: str
    files: dict[str, list[int]]
    summary: dict = field(default_factory=dict)
    store: str = ""  # the folder of the merged Oxigraph store, in the build folder
    graphs: dict[str, str] = field(default_factory=dict)  # cache key → named graph (document IRI) in the store
    # graph.ttl as published: its sha256 and the writer's code (turtle.FORM), so a rebuild patches only that file
    turtle: dict[str, str] = field(default_factory=dict)
    view: dict[str, str] = field(default_factory=dict)  # graph.view.json (keptview) likewise
    # size and modification time of the extractor's files when its version was digested (graph.version), by path
    code: dict[str, list[int]] = field(default_factory=dict)
    format: int = _FORMAT

    def to_bytes(self) -> bytes:
        return (json.dumps(asdict(self), ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def read_record(out: Path) -> BuildRecord | None:
    """The folder's record, or None when it has none (never built, or built before records existed).

    A field this code does not know (a later version's) is left out, not taken for a record that is not one."""
    try:
        data = json.loads((out / RECORD).read_text(encoding="utf-8"))
        if data.get("format") != _FORMAT:
            return None
        known = {f.name for f in fields(BuildRecord)}
        return BuildRecord(**{key: value for key, value in data.items() if key in known})
    except (OSError, ValueError, TypeError):
        return None


def outputs_whole(out: Path, record: BuildRecord, open_store: bool = True) -> bool:
    """Every output file is there and the store the record names opens: what a build that finds nothing
    changed, and a query that trusts the folder, both check (a damaged store is rebuilt, never read).

    ``open_store=False`` asks only that the store's folder is there, for a caller whose query worker opens
    the store anyway and reports one that does not open (:func:`graph.pool.open_pool`): opening it here
    too cost a query 0.05 s."""
    if not (all((out / name).is_file() for name in OUTPUTS) and record.store):
        return False
    if not open_store:
        return (out / record.store).is_dir()
    from .readonly import opens

    return opens(out / record.store)


def why_stale(record: BuildRecord) -> str | None:
    """Why the folder no longer matches its inputs or this code's extractor (None when it does).

    Raises :class:`InputError` when the recorded inputs are gone, so a caller can keep the graph as built.
    """
    from .version import is_current

    if not is_current(record.extractor, record.code):
        return "the extractor changed"
    now = current_fingerprint(Path(p) for p in record.inputs)
    if now != record.files:
        added = len(now.keys() - record.files.keys())
        removed = len(record.files.keys() - now.keys())
        edited = sum(1 for k in now.keys() & record.files.keys() if now[k] != record.files[k])
        return f"its inputs changed ({edited} edited, {added} added, {removed} removed)"
    return None
