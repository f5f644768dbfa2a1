"""The page's view of the graph kept from one build to the next, and patched where a rebuild's change reaches.

Making the networkx view (:func:`graph.network.to_networkx`) reads every triple of the union: at 1,000
articles that was most of a 1% rebuild's page step (reading the union back from the store, sorting it,
converting its terms, indexing it).  A build therefore keeps the view it drew in ``graph.view.json``
beside the page (:data:`VIEW`, its digest in ``build.json``), and the next build changes only what the
changed documents reach:

* the *altered* subjects (those whose statements in the union differ, see ``build``), and what quotes
  them: the owner of a quantity, the entities that mention a sentence, the sentences of a document, the
  two sides of a record and the member of a membership whose amounts, sentences, role or sector changed;
* every node among those is made again by the view's own code from the part of the store it depends on
  (its statements, its memberships, the sentences and documents quoted), and so is every edge whose
  record, membership or stating subject is among them, or that touches a node whose names or kind the
  change altered (:func:`_reformed`: the names mark the edge's evidence), with the far ends' names and
  kinds; the other edges at a node, and the sentences that did not change, are taken as kept: a place
  every article names is mentioned in thousands of sentences and named by thousands of records, which a
  1% change made again whole (at 3,000 articles a quarter of the store, the patch dearer than the whole
  view), and the bare ``dk:assists`` edges at the nodes are made again from the records of the patched view;
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
from rdflib import URIRef
from rdflib.namespace import RDF, RDFS, SKOS

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
#: the assistance predicates a bare assistance edge is made of, with the sector each names
_ASSISTS = {_node(DK.assists): "general", **{_node(p): name for p, name in network._SECTOR_BY_PROPERTY.items()}}
#: what a node's names and kind are read from: a change to these alters the edges at the node too (their marks)
_FORMS = {_node(RDF.type), _node(RDFS.label), _node(SKOS.altLabel)}
#: predicates by which an item or an entity quotes a sentence
_QUOTING = {_MENTIONED, _DERIVED}
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

        self.texts: dict[str, list] = texts  # sentence → [text, document's name, start]: every sentence quoted
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


def _reformed(reach: set, altered: dict, before: dict, kept: dict) -> set:
    """The nodes among ``reach`` whose names or kind a change altered, or that enter the view: every edge at
    them is made again (their names mark its evidence, its existence needs both ends).  At the others (most
    of all the places every article names) only the edges whose own record or triples the change reached are."""
    def forms(quads) -> set:
        return {(q.predicate, q.object) for q in quads if q.predicate in _FORMS}

    return {n for n in reach if (n in altered and forms(altered[n]) != forms(before.get(n, ())))
            or n.value not in kept}


def _closure(st: _Statements, reach: set, reformed: set, texts: dict) -> tuple[list, set]:
    """The quads the view of ``reach`` reads, and the sentences it quotes that the kept view's ``texts``
    hold unchanged (not read from the store: a place many articles name is mentioned in thousands).

    Read whole: the nodes' statements and their own objects' (quantities, sentences, roles, sectors), their
    memberships with theirs, for the ``reformed`` nodes every record and membership naming them, and the
    documents of every sentence read.  Of the other entities their edges reach only what names them and
    their kind (the far end of an edge marks its evidence with its names), and what links them to a
    reformed node."""
    whole = set(reach) | set(_SECTOR_CONCEPTS)
    ends, items, quoted, links = set(), set(), set(), []

    def take(q) -> None:
        if q.predicate in _QUOTING and q.object.value in texts and q.object not in reach:
            quoted.add(q.object)
        elif q.predicate in _NAMING or q.predicate in _LINKS:
            ends.add(q.object)
        else:
            whole.add(q.object)

    for n in reach:
        for q in st.of(n):
            if q.predicate in _OWN or q.predicate in _LINKS:
                take(q)
        for q in st.to(n):  # one look-up for every way n is named
            if q.predicate == _MEMBER or (n in reformed and q.predicate in _NAMING):
                items.add(q.subject)
            elif n in reformed and q.predicate in _LINKS:
                ends.add(q.subject)
                links.append(q)
    for x in items:
        whole.add(x)
        for q in st.of(x):
            if q.predicate in _OWN:
                take(q)
    whole = {s for s in whole if isinstance(s, ox.NamedNode)}
    whole.update(q.object for s in list(whole) for q in st.of(s)
                 if q.predicate == _DOCUMENT and isinstance(q.object, ox.NamedNode))
    quads = [q for s in whole for q in st.of(s)]
    quads += [q for s in ends - whole if isinstance(s, ox.NamedNode) for q in st.of(s) if q.predicate in _FORMS]
    quads += [q for q in links if q.subject not in whole]
    return quads, quoted


def _remade(u: str, v: str, data: dict, names: set, reformed: set) -> bool:
    """Whether a patched view makes the edge again: at a reformed node, or its record (or the subject
    stating it) reached.  Bare assistance edges are made apart (:func:`_bare`)."""
    if u in reformed or v in reformed:
        return True
    if data["rel"] == "assists":
        return data["record"] in names if data["record"] else u in names or v in names
    return u in names


def _bare(st: _Statements, reach: set, nodes: dict, edges: list, ix) -> list:
    """The bare assistance edges (no record explains their ``dk:assists`` triple) at the nodes of ``reach``,
    made by the view's own code from those nodes' assistance triples and the records of the patched view."""
    explained = {(u, v) for u, v, _, d in edges if d["rel"] == "assists" and d["record"]}
    direct: dict[tuple[str, str], set[str]] = {}
    for n in reach:
        for q in (*st.of(n), *st.to(n)):
            sector = _ASSISTS.get(q.predicate)
            if sector is not None and isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode):
                pair = (q.subject.value, q.object.value)
                if pair[0] in nodes and pair[1] in nodes and pair not in explained:
                    direct.setdefault(pair, set()).add(sector)
    return list(network.bare_assists(ix, direct))


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
        reformed = _reformed(reach, altered, before, old.nodes)
        reformed_names = {n.value for n in reformed}
        part, quoted = _closure(st, reach, reformed, old.texts)
        r = network._Reader(list(rdflib_triples(ordered(part))))
        for s in quoted:  # the sentences kept as they were, as the view's reader would have read them
            text, doc, start = old.texts[s.value]
            sentence = URIRef(s.value)
            r.sentence_text[sentence], r.sentence_start[sentence] = text, start
            if doc:  # the reader names a sentence's document by its file name: the kept one, under a key of its own
                r.sentence_doc[sentence] = key = ("kept", doc)  # type: ignore[assignment]
                r.file_name[key] = doc  # type: ignore[index]
        sub = network._reader_view(r, finish=False)
        nodes = {n: d for n, d in old.nodes.items() if n not in names}
        nodes.update({n: d for n, d in sub.nodes(data=True) if n in names})
        edges, touched = [], set(n for n in names if n in nodes)  # touched: whose documents may change
        for e in old.edges:
            if _remade(*e[:2], e[3], names, reformed_names):
                touched.update(e[:2])
            else:
                edges.append(e)
        for u, v, k, d in sub.edges(keys=True, data=True):
            if (d["rel"] != "assists" or d["record"] or u in reformed_names or v in reformed_names) \
                    and _remade(u, v, d, names, reformed_names):
                edges.append((u, v, k, d))
                touched.update((u, v))
        bare = _bare(st, reach - reformed, nodes, edges, r.ix)
        edges += [e for e in bare if e[0] not in reformed_names and e[1] not in reformed_names]
        touched.update(n for e in bare for n in e[:2])
        sentences = {s: item for s, item in old.sentences.items() if s not in names}
        sentences.update({item["sentence"]: item for item in sub.graph["sentences"] if item["sentence"] in names})
        documents = {iri: doc for iri, doc in old.documents.items() if iri not in names}
        documents.update({str(d): r.document(d) for d in r.ix.instances(DK.Document) if str(d) in names})
        documents = {iri: documents[iri] for iri in sorted(documents, key=_nt)}
        return assemble(nodes, edges, sentences, documents, sorted(n for n in touched if n in nodes)), documents
