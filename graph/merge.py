"""The merge: every document's triples as a named graph of one Oxigraph store kept on disk, and their
union in the default graph, with one ``rdfs:label`` per entity.

The store lives in the build folder (``.store-<id>/``, named by ``build.json``), so a rebuild changes
only what changed: the named graphs of removed and edited documents leave, those of added and edited
ones arrive, a triple leaves the union only when no remaining document states it, and the labels of
the entities those documents touch are chosen again.  A full build is the same with nothing to remove.

A rebuild never writes the store that readers open (:func:`graph.built.open_built_store`): it works on a checkpoint of it (RocksDB hard
links: instant, and no copy of the data) in a new folder, which the build record names only once the
whole set of outputs is published.  A build killed half-way leaves an unnamed folder behind, which the
next build deletes, and the previous store as it was.
"""
from __future__ import annotations

import shutil
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox

from .errors import DuikouError

_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_ALT = ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
_DEFAULT = ox.DefaultGraph()
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_MENTIONED_IN = ox.NamedNode("https://w3id.org/duikou/ontology#mentionedIn")
_ASSISTANCE = ox.NamedNode("https://w3id.org/duikou/ontology#Assistance")
_SECTOR = ox.NamedNode("https://w3id.org/duikou/ontology#sector")
STORE_PREFIX = ".store-"


def new_store_folder(out: Path) -> Path:
    return out / f"{STORE_PREFIX}{uuid.uuid4().hex[:12]}"


def remove_unnamed(out: Path, keep: Iterable[str]) -> None:
    """Delete the store folders not in ``keep``: older ones, and any an interrupted or killed build left."""
    kept = set(keep)
    for folder in out.glob(f"{STORE_PREFIX}*"):
        if folder.name not in kept:
            shutil.rmtree(folder, ignore_errors=True)


def checkpoint(current: Path, target: Path) -> ox.Store | None:
    """A writable copy of the store at ``current`` in ``target``; None when there is none to copy or it is
    damaged (the caller then builds the store afresh).

    ``current`` is opened read-only: readers may have it open (read-only too), and RocksDB leaves
    undefined what they see while another process writes to it; a read-write open may write (recover
    its log, compact), a read-only one never does."""
    try:
        store = ox.Store.read_only(str(current))
        store.backup(str(target))
        del store
        return ox.Store(str(target))
    except (OSError, RuntimeError):  # RocksDB reports corruption as a RuntimeError
        shutil.rmtree(target, ignore_errors=True)
        return None


def open_new(target: Path) -> ox.Store:
    try:
        return ox.Store(str(target))
    except OSError as exc:
        raise DuikouError(f"cannot create the graph store {target}: {exc}", status=5) from None


def _in_a_document(store: ox.Store, s, p, o) -> bool:
    return any(not isinstance(q.graph_name, ox.DefaultGraph) for q in store.quads_for_pattern(s, p, o, None))


def _choose_labels(store: ox.Store, subject) -> None:
    """The subject's labels in the union, from what its documents say: the longest Chinese label is the
    label, every other one and every alias an ``skos:altLabel``."""
    stated = [q for p in (_LABEL, _ALT) for q in store.quads_for_pattern(subject, p, None, None)
              if not isinstance(q.graph_name, ox.DefaultGraph)]
    labels = sorted({q.object for q in stated if q.predicate == _LABEL and getattr(q.object, "language", None) == "zh"},
                    key=lambda lit: (-len(lit.value), lit.value))
    alts = {q.object for q in stated if q.predicate == _ALT} | set(labels[1:])
    for q in list(store.quads_for_pattern(subject, _LABEL, None, _DEFAULT)):
        if getattr(q.object, "language", None) == "zh" and (not labels or q.object != labels[0]):
            store.remove(q)
    for q in list(store.quads_for_pattern(subject, _ALT, None, _DEFAULT)):
        if q.object not in alts:
            store.remove(q)
    if labels:
        store.add(ox.Quad(subject, _LABEL, labels[0], _DEFAULT))
    for alt in alts:
        store.add(ox.Quad(subject, _ALT, alt, _DEFAULT))


def _quads(added: Iterable[tuple[str, Iterable]], touched: set) -> Iterator[ox.Quad]:
    """Each added document's triples twice: in its named graph and in the union; labelled subjects noted."""
    for doc, triples in added:
        graph = ox.NamedNode(doc)
        for t in triples:
            yield ox.Quad(t.subject, t.predicate, t.object, graph)
            yield ox.Quad(t.subject, t.predicate, t.object, _DEFAULT)
            if t.predicate == _LABEL:
                touched.add(t.subject)


def parsed(added: Iterable[tuple[str, bytes]]) -> Iterator[tuple[str, Iterator[ox.Triple]]]:
    """(IRI, N-Triples) pairs as (IRI, triples), parsed as they are read."""
    for doc, data in added:
        yield doc, ox.parse(data, format=ox.RdfFormat.N_TRIPLES)


def subjects_of(store: ox.Store, removed: Iterable[str], added: Iterable[tuple[str, list[ox.Triple]]]) -> set:
    """Every subject whose statements in the union a change may alter: those of the documents ``removed``
    (as the store holds them) and of those ``added`` (parsed).  What a rebuild measures before and after
    the change, so that its counts and its Turtle move by the change alone."""
    subjects = {q.subject for doc in removed for q in store.quads_for_pattern(None, None, None, ox.NamedNode(doc))}
    subjects.update(t.subject for _, triples in added for t in triples)
    return subjects


def update(store: ox.Store, removed: Iterable[str], added: Iterable[tuple[str, Iterable]], *, full: bool) -> None:
    """Take the documents ``removed`` (their IRIs) out and put ``added`` (IRI, triples: see :func:`parsed`) in.

    ``full``: the store is new and empty, so everything goes in by Oxigraph's bulk loader (no transaction;
    a failed full build leaves only a folder nobody names).
    """
    touched: set = set()
    for doc in removed:
        graph = ox.NamedNode(doc)
        triples = [(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, graph)]
        store.remove_graph(graph)
        for s, p, o in triples:
            touched.add(s)
            if not _in_a_document(store, s, p, o):
                store.remove(ox.Quad(s, p, o, _DEFAULT))
    (store.bulk_extend if full else store.extend)(_quads(added, touched))
    for subject in touched:
        if full and sum(1 for q in store.quads_for_pattern(subject, _LABEL, None, _DEFAULT)
                        if getattr(q.object, "language", None) == "zh") < 2:
            continue  # the union is exactly what was stated: one label, nothing to choose
        _choose_labels(store, subject)
    store.flush()


# Counted with FILTER EXISTS: a join with every mention made the count grow with mentions × types
# (400 articles about the same places, 368,000 triples in an in-memory store: 12.0 s joined, 0.05 s so).
_COUNT_KINDS = """
PREFIX dk: <https://w3id.org/duikou/ontology#>
SELECT ?kind (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?type . FILTER EXISTS { ?e dk:mentionedIn ?s }
  BIND(STRAFTER(STR(?type), "#") AS ?kind) } GROUP BY ?kind"""
_COUNT_SECTORS = """
PREFIX dk: <https://w3id.org/duikou/ontology#>
SELECT ?sector (COUNT(?a) AS ?n) WHERE { ?a a dk:Assistance ; dk:sector ?c .
  BIND(STRAFTER(STR(?c), "/sector/") AS ?sector) } GROUP BY ?sector"""


@dataclass
class Counts:
    """What the build summary counts in the union: triples, mentioned entities by kind (the local name of
    each of their classes), assistance records by sector."""

    triples: int = 0
    entities: Counter = field(default_factory=Counter)
    sectors: Counter = field(default_factory=Counter)

    def moved(self, before: Counts, after: Counts) -> Counts:
        """These counts changed by what ``before`` and ``after`` measured of the same subjects."""
        entities, sectors = Counter(self.entities), Counter(self.sectors)
        entities.update(after.entities)
        entities.subtract(before.entities)
        sectors.update(after.sectors)
        sectors.subtract(before.sectors)
        return Counts(self.triples + after.triples - before.triples, +entities, +sectors)


def count(store: ox.Store) -> Counts:
    """The counts of the whole union (a full build)."""
    return Counts(
        sum(1 for _ in store.quads_for_pattern(None, None, None, _DEFAULT)),
        Counter({str(row["kind"].value): int(row["n"].value) for row in store.query(_COUNT_KINDS)}),
        Counter({str(row["sector"].value): int(row["n"].value) for row in store.query(_COUNT_SECTORS)}))


def _after(text: str, mark: str) -> str:
    """SPARQL's STRAFTER: what follows the first ``mark``, or nothing."""
    at = text.find(mark)
    return text[at + len(mark):] if at >= 0 else ""


def snapshot(store: ox.Store, subjects: Iterable) -> dict:
    """Each subject's statements in the union (its quads): taken before and after a rebuild's change, they
    tell which subjects the change really altered, and what they count (:func:`count_subjects`)."""
    return {s: list(store.quads_for_pattern(s, None, None, _DEFAULT)) for s in subjects}


def count_subjects(statements: dict) -> Counts:
    """What the subjects of a :func:`snapshot` contribute to :func:`count`'s counts: measured before and
    after a rebuild's change (:meth:`Counts.moved`), so that a 1% change costs 1% of the counting."""
    out = Counts()
    for quads in statements.values():
        out.triples += len(quads)
        types = [q.object for q in quads if q.predicate == _TYPE]
        if any(q.predicate == _MENTIONED_IN for q in quads):
            out.entities.update({_after(t.value, "#") for t in types if isinstance(t, ox.NamedNode)})
        if _ASSISTANCE in types:
            out.sectors.update(_after(str(q.object.value), "/sector/") for q in quads if q.predicate == _SECTOR)
    return out
