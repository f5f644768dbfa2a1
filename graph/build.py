"""Building the graph: a folder of articles → ``graph.ttl``, ``graph.trig`` and ``graph.html``.

The build is a map and a merge.  The map extracts each article on its own (a pure function of the
file, run in worker processes or on any ``concurrent.futures`` executor, cached by content); the
merge loads every article's triples into one Oxigraph store as a named graph per document, and the
union of all of them is the merged graph, where one place, organisation or person is one node
however many articles name it (their IRIs are derived from identity, see ``rdf``).

The outputs are published as one set (all staged beside their targets, then swapped in; see
``files.publish``), so a failed or interrupted build leaves the previous outputs whole, and the
cache keeps what was extracted.  ``build.json`` records what the folder was built from (``record``).
"""
from __future__ import annotations

import hashlib
import itertools
import multiprocessing
import os
import shutil
import sys
import time
from collections import Counter
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import closing, contextmanager
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Iterator

from . import merge
from .cache import Cache, DocSummary, file_key
from .errors import DuikouError, InputError, OutputError, UsageError, output_error
from .version import EXTRACTOR_STAMPS, EXTRACTOR_VERSION
from .files import publish
from .nametable import writer as name_table
from .inputs import Source, find_inputs, fingerprint
from .interrupt import children_ignore_sigint, ignore_sigint
from .push import PushResult
from .record import NAMES, RECORD, BuildRecord, outputs_whole, read_record


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
    timings: dict[str, float] = field(default_factory=dict)  # seconds per phase: extract, merge, write, page, publish
    skipped: list[str] = field(default_factory=list)  # files that are not articles
    unreadable: list[str] = field(default_factory=list)  # articles refused, with the reason
    duplicates: list[str] = field(default_factory=list)  # files with the same bytes as one read before
    unchanged: bool = False  # nothing changed since the last build: every output left as it was
    pushed: PushResult | None = None  # what went to the SPARQL server (``endpoint``)
    notes: list[str] = field(default_factory=list)  # what the build did that a user should know
    outputs: dict[str, bytes] = field(default_factory=dict, repr=False)  # staged until published

    @property
    def ttl(self) -> Path:
        return self.out / "graph.ttl"

    @property
    def trig(self) -> Path:
        return self.out / "graph.trig"

    @property
    def html(self) -> Path:
        return self.out / "graph.html"

    def recorded(self) -> dict:
        """What the build record keeps of this result, for a later build that finds nothing changed."""
        kept = {f.name: getattr(self, f.name) for f in fields(self)
                if f.name not in ("out", "extracted", "timings", "unchanged", "notes", "outputs", "pushed")}
        return {k: dict(v) if isinstance(v, Counter) else v for k, v in kept.items()}

    @classmethod
    def from_record(cls, out: Path, summary: dict) -> BuildResult:
        result = cls(out=out, unchanged=True, **{k: v for k, v in summary.items()
                                                   if k not in ("entities", "sectors")})
        result.entities.update(summary.get("entities", {}))
        result.sectors.update(summary.get("sectors", {}))
        return result


# ------------------------------------------------------------------------------------------- the map

def extract_file(path: str, name: str | None = None) -> tuple[bytes, DocSummary]:
    """One article file → its triples (N-Triples) and summary.  Pure: safe in any worker process.

    ``name`` is what the graph calls the document (its path relative to the input folder).
    """
    from .extract import extract
    from .places import register
    from .rdf import doc_iri, to_graph
    from .text import read_document

    ex = extract(read_document(Path(path), name))
    triples = to_graph([ex], register()).serialize(format="nt", encoding="utf-8")
    summary = DocSummary(
        name=ex.document.name, doc_iri=str(doc_iri(ex.document.sha256)), sentences=len(ex.sentences),
        warnings=ex.warnings,
    )
    return triples, summary


def _start_worker() -> None:
    """A build worker: Ctrl-C reaches the whole process group, and only the parent answers it (by
    stopping the workers), so no worker prints a traceback; the model loads before the first article."""
    ignore_sigint()
    from .ner import _model

    _model()


def _own_pool(jobs: int) -> ProcessPoolExecutor:
    """Worker processes started by ``spawn``: a fork of this process, which has threads by then (tqdm's
    monitor, Oxigraph's), could inherit a lock held by one of them and hang while loading the model."""
    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start_worker)


def _stop(pool: ProcessPoolExecutor, before: set) -> None:
    """End the workers at once (interrupted, or failed): kill them, then wait for them to be gone."""
    workers = [p for p in multiprocessing.active_children() if p not in before]
    for process in workers:
        process.kill()
    for process in workers:
        process.join(5)
    pool.shutdown(wait=False, cancel_futures=True)


def _run(todo: list[tuple[Source, str]], executor: Executor | None, jobs: int,
         ) -> Iterator[tuple[Source, str, tuple[bytes, DocSummary] | InputError]]:
    """Extract ``todo`` in order of completion; at most a few articles per worker are in flight.

    Close the generator (``contextlib.closing``) so that an interrupted build stops its workers at once.
    """
    if executor is None and jobs <= 1:
        for source, key in todo:
            try:
                yield source, key, extract_file(str(source.path), source.name)
            except InputError as exc:
                yield source, key, exc
        return
    before = set(multiprocessing.active_children())
    pool = executor or _own_pool(jobs)
    try:
        pending: dict[Future, tuple[Source, str]] = {}
        queue = iter(todo)
        window = max(2, 4 * jobs)

        def refill() -> None:
            with children_ignore_sigint():  # a submit may start a worker process
                for source, key in queue:
                    pending[pool.submit(extract_file, str(source.path), source.name)] = (source, key)
                    if len(pending) >= window:
                        break

        refill()
        while pending:
            done, _ = wait(list(pending), return_when=FIRST_COMPLETED)
            for future in done:
                source, key = pending.pop(future)
                try:
                    yield source, key, future.result()
                except InputError as exc:
                    yield source, key, exc
                except BrokenProcessPool:
                    raise DuikouError("a worker process died while extracting (out of memory?)") from None
            refill()
    except BaseException:
        if executor is None:
            _stop(pool, before)
        raise
    if executor is None:
        pool.shutdown()


# ----------------------------------------------------------------------------------------- the merge

def _check_out(out: Path) -> None:
    """The output folder exists (made if need be) and can be written, or one line says why not."""
    if out.exists() and not out.is_dir():
        raise OutputError(f"cannot write to {out}: it is a file, not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
        if not os.access(out, os.W_OK):
            raise PermissionError(13, "permission denied")
    except OSError as exc:
        raise output_error(out, exc) from None


def _read_keys(sources: list[Source], result: BuildResult) -> list[tuple[Source, str]]:
    """Each readable, distinct article with its cache key; unreadable and duplicate files are reported."""
    keyed: list[tuple[Source, str]] = []
    first: dict[str, str] = {}
    for source in sources:
        try:
            data = source.path.read_bytes()
        except OSError as exc:
            refusal = InputError(f"{source.name}: cannot read ({exc.strerror or exc})")
            if source.explicit:
                raise refusal from None
            result.unreadable.append(str(refusal))
            continue
        digest = hashlib.sha256(data).hexdigest()
        if digest in first:  # one document in the graph (its IRI is its content's), so one in the counts
            result.duplicates.append(f"{source.name}: the same bytes as {first[digest]}")
            continue
        first[digest] = source.name
        keyed.append((source, file_key(source.name, data, EXTRACTOR_VERSION)))
    return keyed


@contextmanager
def _exclusive(out: Path) -> Iterator[None]:
    """One build at a time in a folder: a second one is refused, not interleaved with the first."""
    import fcntl

    try:
        handle = (out / ".lock").open("a")
    except OSError as exc:
        raise output_error(out, exc) from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(f"cannot write to {out}: another build is writing to it") from None
        yield


def build(paths: list[Path], out: Path, jobs: int | None = None, force: bool = False,
          executor: Executor | None = None, progress: bool | None = None, endpoint: str | None = None) -> BuildResult:
    """Extract every article under ``paths`` and write ``graph.ttl``, ``graph.trig`` and ``graph.html``.

    ``jobs`` worker processes (default: the CPU count, but none for fewer than ~100 articles, which are
    extracted sooner in this process than a worker starts) extract what the cache in ``out/.cache`` lacks;
    ``executor`` replaces them with any ``concurrent.futures.Executor`` (a Dask cluster's
    ``Client.get_executor()``, for instance).  ``force`` re-extracts everything.  ``progress`` shows a
    bar (``None``: only on a terminal).  When neither the inputs nor the extractor changed since the
    folder's last build (its ``build.json``), nothing is done and every output is left as it is.
    ``endpoint``, a Graph Store Protocol URL, receives the named graphs of the documents that changed
    since the folder last pushed there (:mod:`graph.push`; all of them with ``force``).
    """
    if jobs is not None and jobs < 1:
        raise UsageError(f"-j must be 1 or more (got {jobs})")
    inputs = find_inputs(paths)
    _check_out(out)
    with _exclusive(out):
        roots = [str(p.resolve()) for p in paths]
        stamps = fingerprint(inputs)
        record = read_record(out)
        if (not force and record is not None and record.inputs == roots and record.extractor == EXTRACTOR_VERSION
                and record.files == stamps and outputs_whole(out, record)):
            result = BuildResult.from_record(out, record.summary)
            if endpoint is not None:
                result.pushed = _push(out, endpoint, record.graphs, force)
            return result
        result = BuildResult(out=out, skipped=inputs.skipped, unreadable=list(inputs.broken))
        cache = _cache(out)
        clock = time.perf_counter()
        keys = _extract(inputs, cache, result, jobs, force, executor, progress)
        result.timings["extract"] = time.perf_counter() - clock
        graphs = {}
        for key in keys:
            summary = cache.summary(key)
            graphs[key] = summary.doc_iri
            result.documents += 1
            result.sentences += summary.sentences
            result.warnings.extend(f"{summary.name}: {w}" for w in summary.warnings)
        target = merge.new_store_folder(out)
        from .keptview import FORM as VIEW_FORM, VIEW
        from .network import paused_gc
        from .turtle import FORM as TURTLE_FORM

        try:
            reusable = record if not force and record is not None and record.extractor == EXTRACTOR_VERSION else None
            # the collector off from the merge to the publish: what they make stays alive till the end, and
            # each collection walked all of it again (a third of a 1% rebuild's page step at 1,000 articles)
            with paused_gc():
                altered = _merge_and_write(out, reusable, cache, graphs, target, result)
                published = BuildRecord(inputs=roots, extractor=EXTRACTOR_VERSION, code=EXTRACTOR_STAMPS,
                                        files=stamps, summary=result.recorded(), store=target.name, graphs=graphs,
                                        turtle=_written(result.outputs["graph.ttl"], TURTLE_FORM),
                                        view=_written(result.outputs[VIEW], VIEW_FORM))
                clock = time.perf_counter()
                names = name_table(target, out / NAMES, altered, reusable.store if altered is not None else "")
                publish(out, {**result.outputs, NAMES: names, RECORD: published.to_bytes()})
                result.timings["publish"] = time.perf_counter() - clock
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)
            raise
        finally:
            result.outputs = {}
        # the store before stays for a reader that opened it (a checkpoint shares its files: little room)
        merge.remove_unnamed(out, keep=[target.name, record.store if record is not None else ""])
        if endpoint is not None:
            result.pushed = _push(out, endpoint, graphs, force)
        return result


def _push(out: Path, endpoint: str, graphs: dict[str, str], force: bool) -> PushResult:
    """The build's named graphs (cache key → document IRI, and the pairing table) to the server."""
    from .push import push
    from .rdf import PAIRINGS_GRAPH

    cache = _cache(out)
    content = {iri: (key, lambda key=key: cache.triples(key)) for key, iri in graphs.items()}
    content[str(PAIRINGS_GRAPH)] = (EXTRACTOR_VERSION, _pairing_table)
    try:
        return push(out, endpoint, content, force=force)
    except OutputError as exc:
        raise OutputError(f"{exc} (the build itself is written; the next build sends what is missing)") from None
    except OSError as exc:  # a cache entry removed by hand since the build
        raise OutputError(f"cannot read the cache in {cache.folder} ({exc.strerror or exc}): "
                          f"run the build with --force to send every graph") from None


def _cache(out: Path) -> Cache:
    """The folder's cache of extracted articles, for this extractor version."""
    return Cache(out / ".cache" / f"v{EXTRACTOR_VERSION}")


def _workers(jobs: int | None, todo: int) -> int:
    """Worker processes for ``todo`` articles: as asked, or by default the CPU count, but no more than one
    per ``_PER_WORKER`` articles, since a worker takes longer to start than that many take to extract."""
    if jobs is not None:
        return min(jobs, max(1, todo))
    return max(1, min(os.cpu_count() or 1, todo // _PER_WORKER))


#: a worker costs ~1.5 s to start (an interpreter, the model); an article ~10 ms to extract
_PER_WORKER = 100


def _extract(inputs, cache: Cache, result: BuildResult, jobs: int | None, force: bool, executor: Executor | None,
             progress: bool | None) -> list[str]:
    """The map: extract what the cache lacks; the cache keys of every document of the build."""
    keyed = _read_keys(inputs.sources, result)
    todo = [(s, k) for s, k in keyed if force or not cache.has(k)]
    refused: set[str] = set()
    romanised = _kept_pinyin(cache) if todo else {}
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: a process with threads is unsafe to fork (see _own_pool)
    with tqdm(total=len(todo), unit="doc", desc="extracting", disable=(None if progress is None else not progress),
              file=sys.stderr, leave=False) as bar, \
            closing(_run(todo, executor, _workers(jobs, len(todo)))) as outcomes:
        for source, key, outcome in outcomes:
            bar.update(1)
            if isinstance(outcome, InputError):
                if source.explicit:
                    raise outcome
                result.unreadable.append(str(outcome))
                refused.add(key)
                continue
            cache.put(key, *outcome)
            result.extracted += 1
    if todo:
        _keep_pinyin(cache, romanised)
    keys = list(dict.fromkeys(k for _, k in keyed if k not in refused))
    if not keys:
        raise InputError("none of the input files could be read as an article: " + "; ".join(result.unreadable[:3]))
    try:
        cache.prune(set(keys))
    except OSError as exc:
        raise output_error(f"the cache in {cache.folder}", exc) from None
    for stale in cache.folder.parent.iterdir():  # entries of older extractor versions are never read again
        if stale.is_dir() and stale != cache.folder:
            shutil.rmtree(stale, ignore_errors=True)
    return keys


def _kept_pinyin(cache: Cache) -> dict[str, str]:
    """The romanisations the folder's earlier builds kept, handed to :mod:`graph.pinyin` (so that articles
    bringing no new name do not import pypinyin); none when the file is not whole."""
    import json

    from .pinyin import remember, table_name

    try:
        table = json.loads(cache.kept(table_name()) or b"{}")
    except ValueError:
        return {}
    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        return {}
    remember(table)
    return table


def _keep_pinyin(cache: Cache, kept: dict[str, str]) -> None:
    """Add to the folder's romanisations what this build made anew (see :func:`_kept_pinyin`)."""
    import json

    from .pinyin import learned, table_name

    new = {text: pinyin for text, pinyin in learned().items() if text not in kept}
    if new:
        cache.keep(table_name(), json.dumps({**kept, **new}, ensure_ascii=False, sort_keys=True).encode("utf-8"))


def _merge_and_write(out: Path, record: BuildRecord | None, cache: Cache, graphs: dict[str, str], target: Path,
                     result: BuildResult) -> dict | None:
    """The merge into a new store folder (a checkpoint of the last one, changed where the documents
    changed), the counts, and the outputs' bytes in ``result.outputs``, each in one stable order.
    Returns the subjects a rebuild altered (subject → its quads in the union now), None after a merge
    from nothing.

    A rebuild measures the subjects the changed documents touch before and after the change, and moves
    the last build's counts by the difference; it re-formats only those subjects in ``graph.ttl``."""
    import pyoxigraph as ox

    from .rdf import PAIRINGS_GRAPH
    from .turtle import FORM, ordered, trig, trig_block, turtle
    from .vocab import PREFIXES

    clock = time.perf_counter()
    before = record.graphs if record is not None and record.store else {}
    store = merge.checkpoint(out / record.store, target) if before else None
    if store is None:
        if before:
            result.notes.append(f"the graph store {out / record.store} could not be opened: built afresh")
        before = {}
        store = merge.open_new(target)
    removed = [iri for key, iri in before.items() if key not in graphs]
    table = cache.shared("pairings.nt", _pairing_table)  # the same for every build of this extractor
    last = merge.Counts(record.summary.get("triples", -1), Counter(record.summary.get("entities", {})),
                        Counter(record.summary.get("sectors", {}))) if before else None
    if last is None or last.triples < 0:
        # the national pairing table, once: which official pairings the corpus covers, and which not
        added = itertools.chain([(str(PAIRINGS_GRAPH), table)] if not before else [],
                                ((iri, cache.triples(key)) for key, iri in graphs.items() if key not in before))
        merge.update(store, removed, merge.parsed(added), full=not before)
        counts = merge.count(store)
        earlier = altered = None
    else:
        changed = [(iri, list(ox.parse(cache.triples(key), format=ox.RdfFormat.N_TRIPLES)))
                   for key, iri in graphs.items() if key not in before]
        subjects = merge.subjects_of(store, removed, changed)
        earlier = merge.snapshot(store, subjects)
        merge.update(store, removed, changed, full=False)
        later = merge.snapshot(store, subjects)
        counts = last.moved(merge.count_subjects(earlier), merge.count_subjects(later))
        # what the change really altered: a place a new article names again may say just what it said
        altered = {s: later[s] for s in subjects if set(earlier[s]) != set(later[s])}
    result.triples = counts.triples
    result.entities.update(counts.entities)
    result.sectors.update(counts.sectors)
    result.timings["merge"] = time.perf_counter() - clock
    clock = time.perf_counter()
    ttl = _patched_turtle(out, record, altered, result) if altered is not None else None
    merged: list = []

    def union() -> list:  # the whole union in the stable order, read once if at all
        if not merged:
            merged.extend(ordered(store.quads_for_pattern(None, None, None, ox.DefaultGraph())))
        return merged

    if ttl is None:
        ttl = turtle(union(), PREFIXES)
    result.outputs["graph.ttl"] = ttl
    # each document's graph is its cache entry, formatted once and kept beside it: a rebuild formats only
    # the documents that changed (parsing an entry is several times faster than reading the store)
    def block(iri: str, data: bytes) -> bytes:
        return trig_block(iri, ox.parse(data, format=ox.RdfFormat.N_TRIPLES), PREFIXES)

    blocks = {iri: cache.block(key, FORM, lambda iri=iri, key=key: block(iri, cache.triples(key)))
              for key, iri in graphs.items()}
    blocks[str(PAIRINGS_GRAPH)] = cache.shared(f"pairings.{FORM}.trig", lambda: block(str(PAIRINGS_GRAPH), table))
    result.outputs["graph.trig"] = trig(blocks, PREFIXES)
    result.timings["write"] = time.perf_counter() - clock
    clock = time.perf_counter()
    view = _view(out, record, store, altered, earlier, union)
    merged.clear()
    result.outputs.update(_page(view, result.warnings, out))
    result.timings["page"] = time.perf_counter() - clock
    return altered


def _view(out: Path, record: BuildRecord | None, store, altered: dict | None, earlier: dict | None, union):
    """The page's view of the merged graph and its documents (:mod:`graph.keptview`): the last build's
    view patched where the change reaches, when it kept one this code can read, else made from the whole
    ``union()``."""
    from .keptview import VIEW, patched_view, whole_view
    from .network import rdflib_triples, paused_gc

    if altered is not None and record is not None and record.view:
        try:
            kept = (out / VIEW).read_bytes()
        except OSError:
            kept = None
        if kept is not None and _written(kept, record.view.get("form", "")) == record.view:
            view = patched_view(kept, store, altered, earlier)
            if view is not None:
                return view
    with paused_gc():  # the terms too: 2.2 million triples at 10,000 articles
        return whole_view(list(rdflib_triples(union())))


def _written(data: bytes, form: str) -> dict[str, str]:
    """What the record keeps of a file it publishes to be patched by the next build (``graph.ttl``, the
    kept view): its digest, and a digest of the code that wrote it."""
    return {"sha256": hashlib.sha256(data).hexdigest(), "form": form}


def _patched_turtle(out: Path, record: BuildRecord, altered: dict, result: BuildResult) -> bytes | None:
    """``graph.ttl`` after a rebuild's change: the last one with the blocks of the subjects it ``altered``
    (subject → its quads now) made again (see :func:`graph.turtle.patch_turtle`); None when the last one is not the file the last
    build wrote (edited by hand, damaged, gone, or written by other code), to be written whole."""
    from .turtle import FORM, patch_turtle, subject_block
    from .vocab import PREFIXES

    try:
        old = (out / "graph.ttl").read_bytes()
    except OSError:
        return None
    written = _written(old, FORM)
    if written != record.turtle:
        if record.turtle.get("form") == written["form"]:  # the same writer, other bytes
            result.notes.append(f"{out / 'graph.ttl'} is not the file the last build wrote (edited by hand?): "
                                f"written whole again")
        return None
    blocks = {str(s): subject_block(quads, PREFIXES) for s, quads in altered.items()}
    return patch_turtle(old, blocks, PREFIXES)


def _pairing_table() -> bytes:
    """The national pairing table as N-Triples (its own named graph in the store and the TriG)."""
    from .places import register
    from .rdf import pairing_table

    return pairing_table(register()).serialize(format="nt", encoding="utf-8")


def _page(view: tuple, warnings: list[str], out: Path) -> dict[str, bytes]:
    """The explorer page of the merged graph's view (and its documents by IRI), with the build's warnings
    to review, the positions it draws, and the view kept for the next build; the nodes the folder's last
    page drew keep their places (``page.LAYOUT``)."""
    from .keptview import VIEW, state_bytes
    from .network import paused_gc
    from .page import LAYOUT, drawn_page, layout_bytes, read_layout

    G, documents = view
    with paused_gc():
        html, positions = drawn_page(G, warnings=warnings, previous=read_layout(out / LAYOUT))
        kept = state_bytes(G, documents)
    # a networkx graph refers to itself (its cached views): emptied, its attributes (a million objects at
    # 10,000 articles) go by reference counting, not by a pass of the collector over every one of them
    G.clear()
    return {"graph.html": html.encode("utf-8"), LAYOUT: layout_bytes(positions), VIEW: kept}


def format_summary(result: BuildResult) -> str:
    def counts(c: Counter) -> str:
        return ", ".join(f"{k} {n}" for k, n in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))) or "none"

    lines = [
        f"documents: {result.documents} ({result.extracted} read, {result.documents - result.extracted} from cache)"
        f"   sentences: {result.sentences}   triples: {result.triples}",
        f"entities:  {counts(result.entities)}",
        f"assistance by sector: {counts(result.sectors)}",
    ]
    if result.unchanged:
        lines.insert(0, "nothing changed since the last build: every output is as it was")
    lines[:0] = result.notes
    if result.skipped:
        lines.append(f"skipped {len(result.skipped)} file(s) that are not articles (.txt, .md, .html)")
    if result.duplicates:
        lines.append(f"left out {len(result.duplicates)} file(s) with the same content as another:")
        lines.extend("  " + d for d in result.duplicates[:10])
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
    if result.pushed is not None:
        p = result.pushed
        lines.append(f"pushed to {p.url}: {p.put} named graph(s) sent, {p.deleted} deleted, {p.kept} already there")
    lines.append(f"graph: {result.ttl}")
    lines.append(f"page:  {result.html}")
    return "\n".join(lines)
