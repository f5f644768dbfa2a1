"""The page's view of the graph kept from one build to the next, and patched where a rebuild's change reaches.

Making the networkx view (:func:`graph.network.to_networkx`) reads every triple of the union: at 1,000
articles that was most of a 1% rebuild's page step (reading the union back from the store, sorting it,
converting its terms, indexing it).  A build therefore keeps the view it drew in ``graph.view.json``
beside the page (:data:`VIEW`, its digest in ``build.json``), and the next build changes only what the
changed documents reach:

* the *altered* subjects (those whose statements in the union differ, see ``build``), and what quotes
  them: the owner of a quantity, the entities that mention a sentence, the sentences of a document, the
  two sides of a record and the member of a membership whose amounts, sentences, role or sector changed;
* every node among those, and every edge that touches one, are made again by the view's own code from
  the part of the store they depend on (their statements, their records and memberships, the far ends'
  names and kinds, the sentences and documents quoted);
* the place chains, which read across the whole view, are taken again over it, and the documents of
  each node whose evidence, or an edge's at it, was made again (the others keep theirs, which the file
  keeps); the nodes and edges are put back in the order a clean build inserts them.

So the view equals, attribute for attribute and in the same order, the one a clean build of the same
articles makes (tests compare the pages), at the cost of the change plus reading the kept file.  A kept
file of other code, or not the one the record names, is not read: the view is made whole.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable

import msgspec
import networkx as nx
import pyoxigraph as ox

from . import network
from .network import RELATIONS, add_chains_and_docs
from .vocab import DK, ORG, PROV, SECTORS

#: the kept view beside the page
VIEW = "graph.view.json"
#: the code the kept view is a function of: a file kept by other code is not read
FORM = hashlib.sha256(b"".join(Path(m.__file__).read_bytes() for m in (network,))
                      + Path(__file__).read_bytes()).hexdigest()[:12]
_FORMAT = 2  # 2: the nodes' documents kept

_D = ox.DefaultGraph()


def _node(term) -> ox.NamedNode:
    return ox.NamedNode(str(term))


_QUANTITY, _AMOUNT, _MENTIONED, _DOCUMENT, _PROVIDER, _RECIPIENT, _SECTOR = map(_node, (
    DK.quantity, DK.amount, DK.mentionedIn, DK.document, DK.provider, DK.recipient, DK.sector))
_MEMBER, _ORGANIZATION, _ROLE, _DERIVED = map(_node, (ORG.member, ORG.organization, ORG.role, PROV.wasDerivedFrom))
#: what a record or a membership is about: a record's two sides, a membership's member
_ENDS = (_PROVIDER, _RECIPIENT, _MEMBER)
#: predicates whose objects an entity's, a record's or a membership's own attributes read
_OWN = {_QUANTITY, _AMOUNT, _MENTIONED, _DERIVED, _ROLE, _SECTOR, _DOCUMENT, _PROVIDER, _RECIPIENT, _MEMBER,
        _ORGANIZATION}
#: predicates by which a record or a membership names an entity
_NAMING = {_PROVIDER, _RECIPIENT, _MEMBER, _ORGANIZATION}
#: predicates that become edges between entities (with the sectors' sub-properties of dk:assists)
_LINKS = {_node(p) for p in (*RELATIONS.values(), *network._SECTOR_BY_PROPERTY)}
_SECTOR_CONCEPTS = [_node(concept) for concept, _ in SECTORS.values()]
#: the order a clean view inserts edges in: records, bare assistance, posts, then the other relations
_PHASE = {rel: 2 + i for i, rel in enumerate(r for r in RELATIONS if r != "assists")}


def _nt(iri: str) -> str:
    """An IRI's N-Triples form: what a clean build's triples, and so its view's insertions, are sorted by."""
    return f"<{iri}>"


def _edge_order(u: str, v: str, key: str, data: dict) -> tuple:
    """Where a clean view (``network._reader_view``) inserts the edge: the order its edges iterate in."""
    if data["rel"] == "assists":
        return (0, data["record"], "", "") if data["record"] else (1, u, v, key)
    return (_PHASE[data["rel"]], _nt(u), _nt(v), "")


# ----------------------------------------------------------------------------------- keeping a view

def state_bytes(G: nx.MultiDiGraph, documents: dict[str, tuple[str, dict]]) -> bytes:
    """The view as :data:`VIEW` keeps it: nodes (without their place chains, which :func:`add_chains_and_docs`
    takes again over the whole view) and edges, the documents by IRI, and each quoted sentence once
    (evidence names it)."""
    texts: dict[str, list] = {}

    def compact(evidence: list[dict]) -> list:
        for e in evidence:
            texts.setdefault(e["sentence"], [e["text"], e["doc"], e["start"]])
        return [[e["sentence"], e["marks"]] for e in evidence]

    nodes = [[n, {k: (compact(v) if k == "evidence" else v) for k, v in d.items() if k != "chain"}]
             for n, d in G.nodes(data=True)]
    edges = [[u, v, k, {a: (compact(x) if a == "evidence" else x) for a, x in d.items()}]
             for u, v, k, d in G.edges(keys=True, data=True)]
    for item in G.graph.get("sentences", []):
        texts.setdefault(item["sentence"], [item["text"], item["doc"], item["start"]])
    data = {"format": _FORMAT, "form": FORM, "nodes": nodes, "edges": edges, "texts": texts,
            "sentences": [item["sentence"] for item in G.graph.get("sentences", [])],
            "documents": [[iri, name, info] for iri, (name, info) in documents.items()]}
    # msgspec: ten times the standard library's speed both ways on this file (13 MB at 1,000 articles), which
    # every rebuild reads and writes whole
    return msgspec.json.encode(data)


class _Kept:
    """A kept view read back: nodes, edges, sentences and documents, each by what identifies it."""

    def __init__(self, data: bytes) -> None:
        raw = msgspec.json.decode(data)
        if raw.get("format") != _FORMAT or raw.get("form") != FORM:
            raise ValueError("a view kept by other code")
        texts = raw["texts"]

        def full(evidence: list) -> list[dict]:
            return [{"sentence": s, "text": texts[s][0], "doc": texts[s][1], "start": texts[s][2], "marks": marks}
                    for s, marks in evidence]

        self.nodes = {n: {k: (full(v) if k == "evidence" else v) for k, v in d.items()} for n, d in raw["nodes"]}
        self.edges = [(u, v, k, {a: (full(x) if a == "evidence" else x) for a, x in d.items()})
                      for u, v, k, d in raw["edges"]]
        self.sentences = {s: {"sentence": s, "text": texts[s][0], "doc": texts[s][1], "start": texts[s][2]}
                          for s in raw["sentences"]}
        self.documents = {iri: (name, info) for iri, name, info in raw["documents"]}


def assemble(nodes: dict[str, dict], edges: Iterable[tuple[str, str, str, dict]], sentences: dict[str, dict],
             documents: dict[str, tuple[str, dict]], docs_of: Iterable[str]) -> nx.MultiDiGraph:
    """A view from its parts, in the order a clean build makes it: nodes by IRI, edges as inserted
    (:func:`_edge_order`), sentences and documents in their triples' order; chains taken, and the
    documents of the nodes ``docs_of`` (the others have theirs)."""
    G = nx.MultiDiGraph()
    G.add_nodes_from((n, nodes[n]) for n in sorted(nodes))
    G.add_edges_from(sorted(edges, key=lambda e: _edge_order(*e)))
    add_chains_and_docs(G, docs_of)
    G.graph["documents"] = dict(documents[iri] for iri in sorted(documents, key=_nt))  # as instances of dk:Document
    G.graph["sentences"] = [sentences[s] for s in sorted(sentences, key=_nt)]
    return G


def whole_view(triples: Iterable[tuple]) -> tuple[nx.MultiDiGraph, dict[str, tuple[str, dict]]]:
    """The view of all the (rdflib) triples, and its documents by IRI (what :func:`state_bytes` keeps)."""
    with network.paused_gc():
        r = network._Reader(triples)
        return network._reader_view(r), {str(d): r.document(d) for d in r.ix.instances(DK.Document)}


# ---------------------------------------------------------------------------------- patching a view

class _Statements:
    """The union's statements about a subject and naming one, each read from the store once: a look-up
    costs far more than the few quads it returns, and a change's subjects are looked at several times.
    Starts from the quads the build already read of the ``altered`` subjects."""

    def __init__(self, store: ox.Store, altered: dict) -> None:
        self.store = store
        self.about: dict = dict(altered)
        self.naming: dict = {}

    def of(self, s) -> list:
        found = self.about.get(s)
        if found is None:
            found = self.about[s] = list(self.store.quads_for_pattern(s, None, None, _D))
        return found

    def to(self, o) -> list:
        found = self.naming.get(o)
        if found is None:
            found = self.naming[o] = list(self.store.quads_for_pattern(None, None, o, _D))
        return found


def reached(st: _Statements, altered: dict, before: dict) -> set:
    """The subjects whose part of the view a change may alter: the ``altered`` ones (subject → its quads
    now; ``before``: its quads before) and what quotes them (see the module's docstring)."""
    out = set(altered)
    quoted_by = {_QUANTITY, _AMOUNT, _DERIVED, _ROLE, _SECTOR, _MENTIONED}
    for t in altered:
        out.update(q.object for q in (*before.get(t, ()), *altered[t]) if q.predicate in _ENDS)
        quoting = []
        for q in st.to(t):
            if q.predicate in quoted_by:
                quoting.append(q.subject)
            elif q.predicate == _DOCUMENT:  # a document's sentences, and what quotes them
                out.add(q.subject)
                quoting += [x.subject for x in st.to(q.subject) if x.predicate in (_MENTIONED, _DERIVED)]
        out.update(quoting)
        for x in quoting:
            out.update(q.object for q in st.of(x) if q.predicate in _ENDS)
    return {s for s in out if isinstance(s, ox.NamedNode)}


def _closure(st: _Statements, reach: set) -> set:
    """Every subject the view of ``reach`` reads: their own statements' objects (quantities, sentences,
    records' sides, roles, sectors), the records and memberships that name them with theirs, the far ends of
    their edges (for their names and kinds), and the documents of every sentence among these."""
    out = set(reach) | set(_SECTOR_CONCEPTS)
    items = set()
    for n in reach:
        out.update(q.object for q in st.of(n) if q.predicate in _OWN or q.predicate in _LINKS)
        for q in st.to(n):  # one look-up for every way n is named
            if q.predicate in _NAMING:
                items.add(q.subject)
            elif q.predicate in _LINKS:
                out.add(q.subject)
    for x in items:
        out.add(x)
        out.update(q.object for q in st.of(x) if q.predicate in _OWN)
    out = {s for s in out if isinstance(s, ox.NamedNode)}
    out.update(q.object for s in list(out) for q in st.of(s)
               if q.predicate == _DOCUMENT and isinstance(q.object, ox.NamedNode))
    return out


def patched_view(kept: bytes, store: ox.Store, altered: dict, before: dict
                 ) -> tuple[nx.MultiDiGraph, dict[str, tuple[str, dict]]] | None:
    """The view after a rebuild's change, from the view kept before it (:func:`state_bytes`), the store
    after it, and the subjects it ``altered`` (see :func:`reached`); None when the kept view is not of this
    code (then the caller makes it whole)."""
    from .network import rdflib_triples
    from .turtle import ordered

    with network.paused_gc():
        try:
            old = _Kept(kept)
        except (msgspec.DecodeError, ValueError, KeyError, TypeError, IndexError, AttributeError):
            return None
        st = _Statements(store, altered)
        reach = reached(st, altered, before)
        names = {n.value for n in reach}
        part = ordered(q for s in _closure(st, reach) for q in st.of(s))
        r = network._Reader(list(rdflib_triples(part)))
        sub = network._reader_view(r, finish=False)
        nodes = {n: d for n, d in old.nodes.items() if n not in names}
        nodes.update({n: d for n, d in sub.nodes(data=True) if n in names})
        edges, touched = [], set(n for n in names if n in nodes)  # touched: whose documents may change
        for e in old.edges:
            if e[0] in names or e[1] in names:
                touched.update(e[:2])
            else:
                edges.append(e)
        for u, v, k, d in sub.edges(keys=True, data=True):
            if u in names or v in names:
                edges.append((u, v, k, d))
                touched.update((u, v))
        sentences = {s: item for s, item in old.sentences.items() if s not in names}
        sentences.update({item["sentence"]: item for item in sub.graph["sentences"] if item["sentence"] in names})
        documents = {iri: doc for iri, doc in old.documents.items() if iri not in names}
        documents.update({str(d): r.document(d) for d in r.ix.instances(DK.Document) if str(d) in names})
        documents = {iri: documents[iri] for iri in sorted(documents, key=_nt)}
        return assemble(nodes, edges, sentences, documents, sorted(n for n in touched if n in nodes)), documents
