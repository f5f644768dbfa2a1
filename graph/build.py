"""Building the graph: a folder of articles → ``graph.ttl``, ``graph.trig`` and ``graph.html``.

The build is a map and a merge.  The map extracts each article on its own (a pure function of the
file, run in worker processes or on any ``concurrent.futures`` executor, cached by content); the
merge loads every article's triples into one Oxigraph store as a named graph per document, and the
union of all of them is the merged graph, where one place, organisation or person is one node
however many articles name it (their IRIs are derived from identity, see ``rdf``).

Outputs are written atomically (a temporary file in the same folder, then ``os.replace``), so a
failed or interrupted build leaves the previous outputs whole; the cache keeps what was extracted.
"""
from __future__ import annotations

import os
import shutil
import sys
import time
from collections import Counter
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from .cache import Cache, DocSummary, file_key
from .errors import DuikouError, InputError
from .extract import EXTRACTOR_VERSION
from .files import write_atomic

TEXT_SUFFIXES = {".txt", ".md", ".html", ".htm"}


@dataclass
class BuildResult:
    out: Path
    documents: int = 0
    extracted: int = 0  # read this time; the rest came from the cache
    sentences: int = 0
    triples: int = 0
    entities: Counter = field(default_factory=Counter)
    sectors: Counter = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per phase: extract, merge, write, page
    skipped: list[str] = field(default_factory=list)  # files that are not articles
    unreadable: list[str] = field(default_factory=list)  # articles refused, with the reason

    @property
    def ttl(self) -> Path:
        return self.out / "graph.ttl"

    @property
    def trig(self) -> Path:
        return self.out / "graph.trig"

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
        raise InputError("no article files (.txt, .md, .html) found in " + ", ".join(str(p) for p in paths))
    return files, skipped


# ------------------------------------------------------------------------------------------- the map

def extract_file(path: str) -> tuple[bytes, DocSummary]:
    """One article file → its triples (N-Triples) and summary.  Pure: safe in any worker process."""
    from .extract import extract
    from .places import register
    from .rdf import doc_iri, to_graph
    from .text import read_document

    ex = extract(read_document(Path(path)))
    triples = to_graph([ex], register()).serialize(format="nt", encoding="utf-8")
    summary = DocSummary(
        name=ex.document.name, doc_iri=str(doc_iri(ex.document.sha256)), sentences=len(ex.sentences),
        warnings=ex.warnings,
    )
    return triples, summary


def _warm_up() -> None:
    """Load the model once per worker, before the first article arrives."""
    from .ner import _model

    _model()


def _run(todo: list[tuple[Path, str]], executor: Executor | None, jobs: int,
         ) -> Iterator[tuple[Path, str, tuple[bytes, DocSummary] | InputError]]:
    """Extract ``todo`` in order of completion; at most a few articles per worker are in flight."""
    if executor is None and jobs <= 1:
        for path, key in todo:
            try:
                yield path, key, extract_file(str(path))
            except InputError as exc:
                yield path, key, exc
        return
    own = executor is None
    pool = executor or ProcessPoolExecutor(max_workers=jobs, initializer=_warm_up)
    try:
        pending: dict[Future, tuple[Path, str]] = {}
        queue = iter(todo)
        window = max(2, 4 * jobs)
        from concurrent.futures import FIRST_COMPLETED, wait

        def refill() -> None:
            for path, key in queue:
                pending[pool.submit(extract_file, str(path))] = (path, key)
                if len(pending) >= window:
                    break

        refill()
        while pending:
            done, _ = wait(list(pending), return_when=FIRST_COMPLETED)
            for future in done:
                path, key = pending.pop(future)
                try:
                    yield path, key, future.result()
                except InputError as exc:
                    yield path, key, exc
            refill()
    finally:
        if own:
            pool.shutdown(cancel_futures=True)


# ----------------------------------------------------------------------------------------- the merge

def _merge(cache: Cache, keys: list[str]):
    """One Oxigraph store: every document's triples as a named graph, then their union in the default graph
    with one label per entity.  Returns the store and the named graphs as TriG (dumped before the union)."""
    from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, Store

    from .vocab import PREFIXES

    store = Store()
    for key in keys:
        store.load(cache.triples(key), format=RdfFormat.N_TRIPLES, to_graph=NamedNode(cache.summary(key).doc_iri))
    trig = store.dump(format=RdfFormat.TRIG, prefixes=PREFIXES)
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    # Across articles one entity may arrive with several labels: keep the longest, demote the rest.
    label = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    alt = NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
    labels: dict = {}
    for q in store.quads_for_pattern(None, label, None, DefaultGraph()):
        if getattr(q.object, "language", None) == "zh":
            labels.setdefault(q.subject, []).append(q.object)
    for subject, found in labels.items():
        if len(found) > 1:
            found.sort(key=lambda lit: (-len(lit.value), lit.value))
            for extra in found[1:]:
                store.remove(Quad(subject, label, extra, DefaultGraph()))
                store.add(Quad(subject, alt, extra, DefaultGraph()))
    return store, trig


_COUNT_KINDS = """
PREFIX dk: <https://w3id.org/duikou/ontology#>
SELECT ?kind (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?type ; dk:mentionedIn ?s .
  BIND(STRAFTER(STR(?type), "#") AS ?kind) } GROUP BY ?kind"""
_COUNT_SECTORS = """
PREFIX dk: <https://w3id.org/duikou/ontology#>
SELECT ?sector (COUNT(?a) AS ?n) WHERE { ?a a dk:Assistance ; dk:sector ?c .
  BIND(STRAFTER(STR(?c), "/sector/") AS ?sector) } GROUP BY ?sector"""


def build(paths: list[Path], out: Path, jobs: int | None = None, force: bool = False,
          executor: Executor | None = None, progress: bool | None = None) -> BuildResult:
    """Extract every article under ``paths`` and write ``graph.ttl``, ``graph.trig`` and ``graph.html``.

    ``jobs`` worker processes (default: the CPU count) extract what the cache in ``out/.cache`` lacks;
    ``executor`` replaces them with any ``concurrent.futures.Executor`` (a Dask cluster's
    ``Client.get_executor()``, for instance).  ``force`` re-extracts everything.  ``progress`` shows a
    bar (``None``: only on a terminal).
    """
    from pyoxigraph import DefaultGraph, RdfFormat

    from .vocab import PREFIXES

    files, skipped = find_inputs(paths)
    try:
        out.mkdir(parents=True, exist_ok=True)
        if not os.access(out, os.W_OK):
            raise PermissionError(13, "permission denied")
    except OSError as exc:
        raise DuikouError(f"cannot write to {out}: {exc.strerror or exc}") from None
    explicit = {p.resolve() for p in paths if p.is_file()}
    result = BuildResult(out=out, skipped=skipped)
    cache = Cache(out / ".cache" / f"v{EXTRACTOR_VERSION}")
    keyed: list[tuple[Path, str]] = []
    for path in files:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
        keyed.append((path, file_key(path, data, EXTRACTOR_VERSION)))
        del data
    todo = [(p, k) for p, k in keyed if force or not cache.has(k)]
    refused: set[str] = set()
    jobs = jobs or os.cpu_count() or 1
    from tqdm import tqdm

    clock = time.perf_counter()
    with tqdm(total=len(todo), unit="doc", desc="extracting", disable=(None if progress is None else not progress),
              file=sys.stderr, leave=False) as bar:
        for path, key, outcome in _run(todo, executor, min(jobs, max(1, len(todo)))):
            bar.update(1)
            if isinstance(outcome, InputError):
                if path.resolve() in explicit:
                    raise outcome
                result.unreadable.append(str(outcome))
                refused.add(key)
                continue
            cache.put(key, *outcome)
            result.extracted += 1
    keys = list(dict.fromkeys(k for _, k in keyed if k not in refused))
    if not keys:
        raise InputError("none of the input files could be read as an article: " + "; ".join(result.unreadable[:3]))
    cache.prune(set(keys))
    for stale in (out / ".cache").iterdir():  # entries of older extractor versions are never read again
        if stale.is_dir() and stale != cache.folder:
            shutil.rmtree(stale, ignore_errors=True)
    result.timings["extract"] = time.perf_counter() - clock
    clock = time.perf_counter()
    store, trig = _merge(cache, keys)
    for key in keys:
        summary = cache.summary(key)
        result.documents += 1
        result.sentences += summary.sentences
        result.warnings.extend(f"{summary.name}: {w}" for w in summary.warnings)
    result.triples = sum(1 for _ in store.quads_for_pattern(None, None, None, DefaultGraph()))
    result.entities.update({str(row["kind"].value): int(row["n"].value) for row in store.query(_COUNT_KINDS)})
    result.sectors.update({str(row["sector"].value): int(row["n"].value) for row in store.query(_COUNT_SECTORS)})
    result.timings["merge"] = time.perf_counter() - clock
    clock = time.perf_counter()
    turtle = store.dump(format=RdfFormat.TURTLE, from_graph=DefaultGraph(), prefixes=PREFIXES)
    try:
        write_atomic(result.ttl, turtle)
        write_atomic(result.trig, trig)
        trig = turtle = None  # the page needs only the merged graph: free the rest first
        result.timings["write"] = time.perf_counter() - clock
        clock = time.perf_counter()
        _write_page(store, result.html, result.warnings)
        result.timings["page"] = time.perf_counter() - clock
    except OSError as exc:
        raise DuikouError(f"cannot write to {out}: {exc.strerror or exc}") from None
    return result


def _write_page(store, path: Path, warnings: list[str]) -> None:
    from pyoxigraph import DefaultGraph

    from .network import oxigraph_triples, to_networkx
    from .page import write_network

    write_network(to_networkx(oxigraph_triples(store, DefaultGraph())), path, warnings=warnings)


def format_summary(result: BuildResult) -> str:
    def counts(c: Counter) -> str:
        return ", ".join(f"{k} {n}" for k, n in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))) or "none"

    lines = [
        f"documents: {result.documents} ({result.extracted} read, {result.documents - result.extracted} from cache)"
        f"   sentences: {result.sentences}   triples: {result.triples}",
        f"entities:  {counts(result.entities)}",
        f"assistance by sector: {counts(result.sectors)}",
    ]
    if result.skipped:
        lines.append(f"skipped {len(result.skipped)} file(s) that are not articles (.txt, .md, .html)")
    if result.unreadable:
        lines.append(f"refused {len(result.unreadable)} file(s):")
        lines.extend("  " + r for r in result.unreadable[:10])
    lines.append(f"warnings: {len(result.warnings)} (sentences with a relation word but no provider and recipient)")
    if result.warnings:
        lines.extend("  " + w for w in result.warnings[:10])
        if len(result.warnings) > 10:
            lines.append(f"  … and {len(result.warnings) - 10} more")
    if result.timings:
        lines.append("time:  " + ", ".join(f"{phase} {seconds:.1f} s" for phase, seconds in result.timings.items()))
    lines.append(f"graph: {result.ttl}")
    lines.append(f"page:  {result.html}")
    return "\n".join(lines)
