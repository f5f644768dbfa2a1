"""The networkx view of the RDF graph: entities as nodes, relations as edges, plus the graph measures
the explorer page needs (importance, neighbourhoods, a layout that stays fast at 10,000 nodes).

Like networkx's own algorithms, every function here is a pure function of its input graph: none
mutates what it is given, so the page, the command line and the query panel can share one view.

The view is a :class:`networkx.MultiDiGraph` keyed by entity IRI (a ``str``).  Node attributes:

``iri``, ``label`` (Chinese), ``pinyin`` (tone-marked), ``aliases``, ``kind`` (a key of
:data:`graph.vocab.KINDS`), ``code`` (division code or ``""``), ``chain`` (the place chain from the
province down, as ``(iri, label)`` pairs), ``quantities``, ``evidence`` (sentences with the mention
spans to highlight), ``docs`` (names of the documents it is mentioned in or related through).

Edge attributes: ``rel`` — one of :data:`RELATIONS` — and, for assistance (one edge per
``dk:Assistance`` record), ``sector``, ``sector_zh``, ``sector_en``, ``amounts``, ``date``,
``trigger``, ``record`` (the record's IRI, ``""`` for a bare ``dk:assists`` triple), ``inferred`` (a
side taken from the article, not the sentence), ``programme`` (a concept's local name or ``""``); for
posts, ``roles``; ``evidence`` on all.  Amounts and quantities carry ``kind``, the local name of their
``dk:moneyKind`` (``""`` when the graph gives none).

Graph attributes: ``documents`` (file name → title, date, url, programme) and ``sentences`` (every
sentence of the graph with its document and offset).
"""
from __future__ import annotations

import gc
from collections import Counter, defaultdict, deque
from contextlib import contextmanager
from typing import Hashable, Iterable, Iterator

import networkx as nx
import numpy as np
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from .vocab import DK, DK_IRI, KINDS, ORG, PLACE_KINDS, PROV, SCHEMA, SECTORS

#: relation name → the predicate whose triples become edges of that name (subject → object)
RELATIONS: dict[str, URIRef] = {
    "assists": DK.assists,
    "headOf": ORG.headOf,
    "memberOf": ORG.memberOf,
    "location": SCHEMA.location,
    "containedInPlace": SCHEMA.containedInPlace,
    "produces": DK.produces,
    "organizer": SCHEMA.organizer,
    "coOrganizer": DK.coOrganizer,
}

_KIND_BY_CLASS = {iri: name for name, iri in KINDS.items()}
# "Place" and "Organization" are the catch-all kinds: a node typed with a specific one as well keeps that.
_GENERIC_KINDS = {"Place", "Organization"}
_SECTOR_BY_CONCEPT = {concept: name for name, (concept, _) in SECTORS.items()}
_SECTOR_BY_PROPERTY = {prop: name for name, (_, prop) in SECTORS.items() if prop is not None}
_PINYIN_LANG = "zh-latn-pinyin"
# Terms the extractor is gaining (money kinds, inferred sides, programmes): read when present, so the view
# works on graphs written before and after them; spelled here because DK, a closed namespace, lists only
# the terms the ontology already declares.
_MONEY_KIND, _INFERRED, _PROGRAMME = (URIRef(DK_IRI + t) for t in ("moneyKind", "inferred", "programme"))
# read for every quantity and record: an attribute of rdflib's closed namespaces costs microseconds (a million
# of them, 2 s, at 10,000 articles)
_VALUE, _CURRENCY, _UNIT_TEXT, _APPROXIMATE, _COUNTS = (SCHEMA.value, SCHEMA.currency, SCHEMA.unitText,
                                                        DK.approximate, DK.counts)
_PROVIDER, _RECIPIENT, _SECTOR, _AMOUNT, _QUANTITY, _TRIGGER, _DATE = (DK.provider, DK.recipient, DK.sector, DK.amount,
                                                                      DK.quantity, DK.trigger, DK.date)
#: properties that may name a document's title, in order of preference
_TITLES = (SCHEMA.headline, SCHEMA.name, URIRef("http://purl.org/dc/terms/title"))


@contextmanager
def paused_gc() -> Iterator[None]:
    """Python's cyclic garbage collector off while a view or a page is made, back as it was after.

    Making the view of a 10,000-article corpus allocates millions of small objects that all stay alive
    (terms, indexes, attribute dicts), and each allocation burst makes the collector walk every one of
    them again for garbage there is none of: a quarter of the page step's time (61 s of CPU against 47 s
    without).  Nothing made here holds a reference cycle that would need the collector.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def oxigraph_triples(store, graph=None) -> Iterator[tuple]:
    """The triples of a pyoxigraph ``Store`` (of one graph of it, if given) as rdflib terms."""
    return rdflib_triples(store.quads_for_pattern(None, None, None, graph))


def rdflib_triples(quads: Iterable) -> Iterator[tuple]:
    """pyoxigraph quads (or triples) as rdflib triples, each distinct term converted once.

    The build hands the merged graph to the page this way: reading 2.2 million triples through rdflib
    and oxrdflib took 32 s (plus 8 s to parse the Turtle again), converting each distinct term once 6 s.
    """
    import pyoxigraph as ox

    seen: dict = {}
    xsd_string = "http://www.w3.org/2001/XMLSchema#string"

    def term(t):
        found = seen.get(t)
        if found is None:
            if isinstance(t, ox.NamedNode):
                found = URIRef(t.value)
            elif isinstance(t, ox.Literal):
                if t.language:
                    found = Literal(t.value, lang=t.language)
                else:
                    datatype = t.datatype.value
                    found = Literal(t.value, datatype=None if datatype == xsd_string else URIRef(datatype))
            else:
                found = BNode(t.value)
            seen[t] = found
        return found

    for q in quads:
        yield term(q[0]), term(q[1]), term(q[2])


class _Triples:
    """Every triple of the graph, indexed once by subject and by predicate.

    Reading a graph that lives in Oxigraph through rdflib costs a round trip per lookup; one pass over
    all triples and dictionary lookups afterwards made the view of a 1,000-article corpus several times
    faster (most of ``to_networkx``'s time had gone into per-node ``value()`` calls).
    """

    def __init__(self, g: Graph | Iterable[tuple]) -> None:
        self.spo: dict = defaultdict(lambda: defaultdict(list))
        self.pso: dict = defaultdict(list)
        for s, p, o in g:
            self.spo[s][p].append(o)
            self.pso[p].append((s, o))
        # class → its instances: finding them by comparing every rdf:type object (rdflib's __eq__ runs in
        # Python) took 2.4 million comparisons at 10,000 articles
        self.typed: dict = defaultdict(list)
        for s, o in self.pso.get(RDF.type, ()):
            self.typed[o].append(s)

    def value(self, s, p):
        found = self.spo.get(s, {}).get(p)
        return found[0] if found else None

    def objects(self, s, p) -> list:
        return self.spo.get(s, {}).get(p, [])

    def subject_objects(self, p) -> list:
        return self.pso.get(p, [])

    def instances(self, cls) -> list:
        return self.typed.get(cls, [])

    def grouped(self, p) -> dict:
        """Subject → list of objects for one predicate."""
        out: dict = defaultdict(list)
        for s, o in self.pso.get(p, []):
            out[s].append(o)
        return out


def _first(values: list, default: str = "") -> str:
    return str(values[0]) if values else default


def _marks(text: str, forms: Iterable[str]) -> list[tuple[int, int]]:
    """Spans of ``text`` naming any of ``forms``, longest form first and never overlapping.

    The RDF keeps which sentence mentions an entity but not where in it, so the page highlights every
    surface form of the entity that the sentence contains.

    >>> _marks("青白江区援助九龙县, 九龙人", ["九龙县", "九龙"])
    [(6, 9), (11, 13)]
    """
    taken: list[tuple[int, int]] = []
    for form in sorted({f for f in forms if f}, key=len, reverse=True):
        at = text.find(form)
        while at >= 0:
            end = at + len(form)
            if all(end <= s or at >= e for s, e in taken):
                taken.append((at, end))
            at = text.find(form, at + 1)
    return sorted(taken)


class _Reader:
    """Indexes one RDF graph by predicate; a class only so the helpers share the indexes."""

    def __init__(self, g: Graph | Iterable[tuple]) -> None:
        self.ix = ix = _Triples(g)
        kinds: dict[URIRef, str] = {}
        for s, cls in ix.subject_objects(RDF.type):
            kind = _KIND_BY_CLASS.get(cls)
            if kind and isinstance(s, URIRef) and (s not in kinds or kinds[s] in _GENERIC_KINDS):
                kinds[s] = kind
        self.kinds = kinds
        self.labels = ix.grouped(RDFS.label)
        self.alt = ix.grouped(SKOS.altLabel)
        self.sentence_text = {s: str(o) for s, o in ix.subject_objects(RDF.value)}
        self.sentence_doc = {s: o for s, o in ix.subject_objects(DK.document)}
        self.sentence_start = {s: o.toPython() for s, o in ix.subject_objects(DK.start) if isinstance(o, Literal)}
        self.file_name = {s: str(o) for s, o in ix.subject_objects(DK.fileName)}
        self.derived = ix.grouped(PROV.wasDerivedFrom)

    def label(self, node: URIRef) -> str:
        zh = [l for l in self.labels.get(node, ()) if isinstance(l, Literal) and l.language in ("zh", None)]
        if zh:
            return str(min(zh, key=lambda l: (-len(l), str(l))))
        return str(node).rsplit("/", 1)[-1]

    def names(self, node: URIRef) -> tuple[str, list[str]]:
        """(pinyin, Chinese aliases) of an entity."""
        pinyin, aliases = "", []
        for lit in self.alt.get(node, ()):
            lang = (lit.language or "").lower() if isinstance(lit, Literal) else ""
            if lang == _PINYIN_LANG:
                pinyin = pinyin or str(lit)
            elif lang.startswith("zh") or not lang:
                aliases.append(str(lit))
        return pinyin, sorted(set(aliases))

    def doc_name(self, sentence: URIRef) -> str:
        doc = self.sentence_doc.get(sentence)
        if doc is None:
            return ""
        return self.file_name.get(doc) or self.label(doc)

    def evidence(self, sentences: Iterable, forms: Iterable[str]) -> list[dict]:
        """The sentences as the page shows them, in document order, with ``forms`` highlighted."""
        forms = list(forms)
        out = []
        for s in sentences:
            text = self.sentence_text.get(s)
            if text is None:
                continue
            out.append({"sentence": str(s), "text": text, "doc": self.doc_name(s),
                        "start": self.sentence_start.get(s, 0), "marks": _marks(text, forms)})
        out.sort(key=lambda e: (e["doc"], e["start"], e["sentence"]))
        return out

    def quantity(self, q: URIRef) -> dict:
        ix = self.ix
        value = ix.value(q, _VALUE)
        unit = ix.value(q, _CURRENCY) or ix.value(q, _UNIT_TEXT)
        approximate = ix.value(q, _APPROXIMATE)
        return {"text": self.label(q) if ix.objects(q, RDFS.label) else "",
                "value": _jsonable(value.toPython()) if isinstance(value, Literal) else None,
                "unit": str(unit) if unit is not None else "",
                "approximate": bool(approximate.toPython()) if isinstance(approximate, Literal) else False,
                "counts": str(ix.value(q, _COUNTS) or ""),
                "kind": _local_name(ix.value(q, _MONEY_KIND))}

    def documents(self) -> dict[str, dict]:
        """File name → what the page names a document by: title, date, source URL, programme."""
        return dict(self.document(doc) for doc in self.ix.instances(DK.Document))

    def document(self, doc: URIRef) -> tuple[str, dict]:
        """One document's file name and what :meth:`documents` keeps of it."""
        ix = self.ix
        title = next((str(t) for p in _TITLES for t in ix.objects(doc, p)), "")
        return self.file_name.get(doc) or self.label(doc), {
            "title": title, "date": str(ix.value(doc, DK.date) or ""), "url": str(ix.value(doc, SCHEMA.url) or ""),
            "programme": _local_name(ix.value(doc, _PROGRAMME))}

    def sentences(self) -> list[dict]:
        """Every sentence the graph keeps, so the page can show one's neighbours in its document."""
        return [{"sentence": str(s), "text": text, "doc": self.doc_name(s), "start": self.sentence_start.get(s, 0)}
                for s, text in self.sentence_text.items() if s in self.sentence_doc]


def _local_name(term: object) -> str:
    """The last segment of a concept's IRI (``…/money/donation`` → ``donation``), ``""`` for none."""
    return str(term).rstrip("/").rsplit("/", 1)[-1] if term is not None else ""


def _jsonable(value: object) -> object:
    """Decimal and date literals become float and str, so the page can embed them as JSON."""
    if isinstance(value, (int, float, str, bool)) or value is None:
        return value
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)


def to_networkx(g: Graph | Iterable[tuple]) -> nx.MultiDiGraph:
    """The entity graph of an RDF graph in ``graph/rdf.py``'s shape (an rdflib graph, or its triples).

    Nodes are the entities (subjects typed with a class of :data:`graph.vocab.KINDS`); edges are the
    relations between them, one assistance edge per ``dk:Assistance`` record.  ``?p dk:assists ?r``
    triples that no record explains (a hand-written graph, a CONSTRUCT result) still become edges,
    with the sector their sub-property names.  Literals, records, sentences and documents become
    attributes, not nodes, so a 10,000-entity graph gives a 10,000-node view.

    >>> from graph.rdf import new_graph
    >>> from rdflib import Literal
    >>> g = new_graph()
    >>> _ = g.add((URIRef("urn:x:jiulong"), RDF.type, DK.County))
    >>> _ = g.add((URIRef("urn:x:jiulong"), RDFS.label, Literal("九龙县", lang="zh")))
    >>> G = to_networkx(g)
    >>> G.nodes["urn:x:jiulong"]["label"], G.nodes["urn:x:jiulong"]["kind"]
    ('九龙县', 'County')
    """
    with paused_gc():
        return _view(g)


def _view(g: Graph | Iterable[tuple]) -> nx.MultiDiGraph:
    """What :func:`to_networkx` makes, made with the collector paused."""
    return _reader_view(_Reader(g))


def _reader_view(r: _Reader, finish: bool = True) -> nx.MultiDiGraph:
    """The view of the graph ``r`` reads (see :func:`to_networkx`); without ``finish``, a part of a view
    to patch another with, whose chains and documents the patched whole takes (:func:`add_chains_and_docs`)."""
    ix = r.ix
    G = nx.MultiDiGraph()
    mentioned = ix.grouped(DK.mentionedIn)
    codes = ix.grouped(DK.divisionCode)
    measures = ix.grouped(DK.quantity)
    for s, o in ix.subject_objects(DK.amount):
        measures[s].append(o)
    forms: dict[URIRef, list[str]] = {}
    for node in sorted(r.kinds, key=str):
        label = r.label(node)
        pinyin, aliases = r.names(node)
        forms[node] = [label, *aliases]
        G.add_node(str(node), iri=str(node), label=label, pinyin=pinyin,
                   aliases=[a for a in aliases if a != label], kind=r.kinds[node],
                   code=_first(codes.get(node, [])),
                   quantities=[r.quantity(q) for q in sorted(measures.get(node, []), key=str)],
                   evidence=r.evidence(mentioned.get(node, []), forms[node]),
                   certification=sorted(str(c) for c in ix.objects(node, DK.certification)))
    _add_assistance(r, G, forms)
    _add_posts(r, G, forms)
    for rel, predicate in RELATIONS.items():
        if rel in ("assists", "headOf", "memberOf"):
            continue
        for s, o in ix.subject_objects(predicate):
            if str(s) in G and str(o) in G:
                G.add_edge(str(s), str(o), key=rel, rel=rel, evidence=[])
    if finish:
        add_chains_and_docs(G)
    G.graph["documents"] = r.documents()
    G.graph["sentences"] = r.sentences()
    return G


def _sector_names(ix: _Triples, concept: URIRef | None, name: str) -> tuple[str, str]:
    zh = en = ""
    if concept is not None:
        for lit in ix.objects(concept, SKOS.prefLabel):
            if isinstance(lit, Literal) and lit.language == "zh":
                zh = str(lit)
            elif isinstance(lit, Literal) and lit.language == "en":
                en = str(lit)
    return zh or name, en or name


def _add_assistance(r: _Reader, G: nx.MultiDiGraph, forms: dict[URIRef, list[str]]) -> None:
    ix = r.ix
    explained: set[tuple[str, str]] = set()
    sector_names: dict = {}
    for record in sorted(ix.instances(DK.Assistance), key=str):
        provider, recipient = ix.value(record, _PROVIDER), ix.value(record, _RECIPIENT)
        if provider is None or recipient is None or str(provider) not in G or str(recipient) not in G:
            continue
        concept = ix.value(record, _SECTOR)
        if concept not in sector_names:
            sector = _SECTOR_BY_CONCEPT.get(concept) or (str(concept).rsplit("/", 1)[-1] if concept else "general")
            sector_names[concept] = (sector, *_sector_names(ix, concept, sector))
        sector, zh, en = sector_names[concept]
        amounts = [r.quantity(q) for q in sorted([*ix.objects(record, _AMOUNT),
                                                  *ix.objects(record, _QUANTITY)], key=str)]
        trigger = str(ix.value(record, _TRIGGER) or "")
        inferred = ix.value(record, _INFERRED)
        highlight = [*forms[provider], *forms[recipient], trigger, *(a["text"] for a in amounts)]
        G.add_edge(str(provider), str(recipient), key=str(record), rel="assists",
                   record=str(record), sector=sector, sector_zh=zh, sector_en=en,
                   amounts=amounts,
                   date=str(ix.value(record, _DATE) or ""), trigger=trigger,
                   inferred=bool(inferred.toPython()) if isinstance(inferred, Literal) else False,
                   programme=_local_name(ix.value(record, _PROGRAMME)),
                   evidence=r.evidence(r.derived.get(record, []), highlight))
        explained.add((str(provider), str(recipient)))
    direct: dict[tuple[str, str], set[str]] = defaultdict(set)
    for prop in (DK.assists, *_SECTOR_BY_PROPERTY):
        for s, o in ix.subject_objects(prop):
            if str(s) in G and str(o) in G and (str(s), str(o)) not in explained:
                direct[(str(s), str(o))].add(_SECTOR_BY_PROPERTY.get(prop, "general"))
    G.add_edges_from(bare_assists(ix, direct))


def bare_assists(ix: _Triples, direct: dict[tuple[str, str], set[str]]) -> Iterator[tuple[str, str, str, dict]]:
    """The edges of ``dk:assists`` triples no record explains: ``direct`` is (provider, recipient) → the
    sectors their properties name (``"general"`` for ``dk:assists`` itself), one edge per specific sector.
    A patched view (:mod:`graph.keptview`) makes those at the nodes its change reaches with this too."""
    for (s, o), sectors in sorted(direct.items()):
        specific = sorted(sectors - {"general"}) or ["general"]
        for sector in specific:
            concept = SECTORS[sector][0]
            zh, en = _sector_names(ix, concept, sector)
            yield s, o, f"assists/{sector}", dict(rel="assists", record="", sector=sector, sector_zh=zh, sector_en=en,
                                                  amounts=[], date="", trigger="", inferred=False, programme="",
                                                  evidence=[])


def _add_posts(r: _Reader, G: nx.MultiDiGraph, forms: dict[URIRef, list[str]]) -> None:
    ix = r.ix
    roles: dict[tuple[str, str], list[str]] = defaultdict(list)
    sentences: dict[tuple[str, str], list] = defaultdict(list)
    for membership in ix.instances(ORG.Membership):
        person, org = ix.value(membership, ORG.member), ix.value(membership, ORG.organization)
        if person is None:
            continue
        role = ix.value(membership, ORG.role)
        title = r.label(role) if role is not None else ""
        pair = (str(person), str(org) if org is not None else "")
        if title:
            roles[pair].append(title)
        sentences[pair].extend(r.derived.get(membership, []))
    for person, data in G.nodes(data=True):
        data["roles"] = sorted(set(roles.get((person, ""), [])))
    for rel in ("headOf", "memberOf"):
        predicate = RELATIONS[rel]
        for person, org in ix.subject_objects(predicate):
            pair = (str(person), str(org))
            if pair[0] in G and pair[1] in G:
                titles = sorted(set(roles.get(pair, [])))
                G.add_edge(*pair, key=rel, rel=rel, roles=titles,
                           evidence=r.evidence(set(sentences.get(pair, [])),
                                               [*forms[person], *forms[org], *titles]))


def add_chains_and_docs(G: nx.MultiDiGraph, docs_of: Iterable[Hashable] | None = None) -> None:
    """Give every node its place chain (:func:`_add_chains`) and the documents it is mentioned in or
    related through: the last steps of the view, which read the whole view (an ancestor's label, a
    neighbour's evidence), so a view patched where a rebuild changed it takes them again.

    ``docs_of``: only these nodes' documents are taken (a patched view's nodes whose evidence, or an edge's
    at them, changed), the others keep the ``docs`` they have."""
    _add_chains(G)
    for node in (G if docs_of is None else docs_of):
        data = G.nodes[node]
        data.pop("docs", None)  # taken last, where a clean view has it among the attributes
        docs = {e["doc"] for e in data["evidence"]}
        for _, _, ev in G.in_edges(node, data="evidence"):
            docs.update(e["doc"] for e in ev)
        for _, _, ev in G.out_edges(node, data="evidence"):
            docs.update(e["doc"] for e in ev)
        data["docs"] = sorted(d for d in docs if d)


def _add_chains(G: nx.MultiDiGraph) -> None:
    """Give every node its place chain: its own ancestors if it is a place, else its location's."""
    parent = {u: v for u, v, rel in G.edges(data="rel") if rel == "containedInPlace"}
    located = {u: v for u, v, rel in G.edges(data="rel") if rel == "location"}

    def up(node: str | None) -> list[str]:
        chain, seen = [], set()
        while node is not None and node not in seen:
            seen.add(node)
            chain.append(node)
            node = parent.get(node)
        return chain[::-1]

    for node, data in G.nodes(data=True):
        place = node if data["kind"] in PLACE_KINDS else located.get(node)
        data["chain"] = [(n, G.nodes[n]["label"]) for n in up(place)] if place else []


def importance(G: nx.MultiDiGraph) -> dict[Hashable, float]:
    """PageRank of each node, on assistance edges first.

    Help given and help received both make a node matter to an analyst, so assistance edges count
    in both directions (an undirected PageRank), each record once.  Posts, locations and the other
    relations count a tenth as much: enough that a hospital's director outranks an isolated name,
    never enough to outweigh one assistance record.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("青白江区", "九龙县", rel="assists")
    >>> _ = G.add_edge("弥牟镇", "青白江区", rel="containedInPlace")
    >>> rank = importance(G)
    >>> rank["青白江区"] > rank["九龙县"] > rank["弥牟镇"]
    True
    """
    nodes = list(G)
    if not nodes:
        return {}
    index = {n: i for i, n in enumerate(nodes)}
    weights: dict[tuple[int, int], float] = {}
    for u, v, rel in G.edges(data="rel"):
        if u != v:
            a, b = index[u], index[v]
            pair = (a, b) if a < b else (b, a)
            weights[pair] = weights.get(pair, 0.0) + (1.0 if rel == "assists" else 0.1)
    return dict(zip(nodes, map(float, _pagerank(len(nodes), weights))))


def _pagerank(n: int, weights: dict[tuple[int, int], float], alpha: float = 0.85, tol: float = 1e-6,
              max_iter: int = 100) -> np.ndarray:
    """PageRank of the undirected graph of ``n`` nodes whose edges are ``weights`` ((i, j) → weight):
    ``networkx.pagerank``'s power iteration, with its defaults, on a matrix made straight from the edges.
    networkx first copies the view into an undirected ``Graph`` and reads that back into a matrix, both in
    Python: most of the page step's ranking time (0.25 s of 0.3 at 1,000 articles)."""
    from scipy import sparse

    A = _adjacency(n, weights)
    S = A.sum(axis=1)
    S[S != 0] = 1.0 / S[S != 0]
    A = sparse.dia_array((S.T, 0), shape=A.shape).tocsr() @ A
    p = np.repeat(1.0 / n, n)
    x = p
    dangling = np.where(S == 0)[0]
    for _ in range(max_iter):
        last = x
        x = alpha * (x @ A + sum(x[dangling]) * p) + (1 - alpha) * p
        if np.absolute(x - last).sum() < n * tol:
            return x
    raise nx.PowerIterationFailedConvergence(max_iter)


def neighbourhood(G: nx.MultiDiGraph, node: Hashable, depth: int) -> nx.MultiDiGraph:
    """A copy of the part of ``G`` within ``depth`` steps of ``node``, whatever the edges' direction.

    Breadth-first over successors and predecessors instead of ``nx.ego_graph(undirected=True)``,
    which would copy the whole graph into an undirected one first.

    >>> G = nx.MultiDiGraph([("a", "b"), ("c", "b"), ("c", "d")])
    >>> sorted(neighbourhood(G, "a", 2))
    ['a', 'b', 'c']
    """
    if node not in G:
        raise nx.NodeNotFound(f"{node!r} is not in the graph")
    seen = {node: 0}
    queue = deque([node])
    while queue:
        current = queue.popleft()
        if seen[current] == depth:
            continue
        for nb in (*G.successors(current), *G.predecessors(current)):
            if nb not in seen:
                seen[nb] = seen[current] + 1
                queue.append(nb)
    return G.subgraph(seen).copy()


#: drawn length of an assistance edge, in edge lengths: the two sides of a pairing stand apart, so
#: the arrows between them can be told apart
ASSIST_LENGTH = 2.0
#: components up to this size get Kamada–Kawai (0.3 s at 60 nodes, but quadratic in memory and time)
_SMALL_COMPONENT = 80


def layout(G: nx.Graph, seed: int = 0, small: int = _SMALL_COMPONENT) -> dict[Hashable, tuple[float, float]]:
    """Positions for every node, about 1 apart along an edge, in a second or two at 10,000 nodes.

    ``spring_layout`` takes minutes at that size and igraph's fast layouts are GPL, so each connected
    component is laid out on its own: small ones with Kamada–Kawai, which reads best, larger ones
    with pivot MDS (Brandes & Pich 2007: classical MDS on graph distances from 50 pivots, which keeps
    the global shape) followed by force-directed steps whose repulsion only looks at nodes closer
    than one edge length (a k-d tree), so the cost grows with the number of nodes, not its square.
    Assistance edges (``rel == "assists"``) count :data:`ASSIST_LENGTH` long.  Components are packed
    in rows, largest first.  Components up to ``small`` nodes get Kamada–Kawai.  Deterministic for a
    given ``seed``.

    >>> pos = layout(nx.path_graph(3))
    >>> sorted(pos) == [0, 1, 2] and all(len(p) == 2 for p in pos.values())
    True
    """
    from scipy.sparse import csgraph

    # a subgraph view iterates its node set, in an order that changes with the hash seed: sort, for the same
    # positions (and the same page bytes) from the same graph
    nodes = sorted(G, key=str)
    if not nodes:
        return {}
    rng = np.random.default_rng(seed)
    index = {n: i for i, n in enumerate(nodes)}
    lengths: dict[tuple[int, int], float] = {}
    for u, v, rel in G.edges(data="rel"):
        if u != v:
            pair = (min(index[u], index[v]), max(index[u], index[v]))
            lengths[pair] = min(lengths.get(pair, np.inf), ASSIST_LENGTH if rel == "assists" else 1.0)
    adjacency = _adjacency(len(nodes), lengths)
    count, labels = csgraph.connected_components(adjacency, directed=False)
    members = [np.flatnonzero(labels == c) for c in range(count)]
    members.sort(key=lambda m: (-len(m), int(m[0])))
    placed = []
    for idx in members:
        sub = adjacency[idx][:, idx]
        if len(idx) == 1:
            pos = np.zeros((1, 2))
        elif len(idx) <= small:
            pos = _spread(_kamada_kawai(sub))
        else:
            pos = _relax(sub, _pivot_mds(sub, rng), rng)
        placed.append((idx, pos))
    return _pack(nodes, placed)


def pairings(G: nx.MultiDiGraph) -> dict[Hashable, tuple[str, str]]:
    """The pairing each node belongs to: (provider, recipient) of the assistance its articles are about.

    An article's pairing is its most frequent assistance pair between places (any assistance pair
    if it has none between places); a node belongs to the pairing most of its articles are about,
    or, with no article of its own, to its first neighbour's.  Nodes with no edge belong to none:
    the page keeps them out of the way.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", kind="District", docs=["d"]); G.add_node("b", kind="County", docs=["d"])
    >>> G.add_node("h", kind="Hospital", docs=["d"]); G.add_node("x", kind="Person", docs=[])
    >>> _ = G.add_edge("a", "b", rel="assists", evidence=[{"doc": "d"}])
    >>> _ = G.add_edge("h", "b", rel="location", evidence=[])
    >>> pairings(G)
    {'a': ('a', 'b'), 'b': ('a', 'b'), 'h': ('a', 'b')}
    """
    per_doc: dict[str, Counter] = defaultdict(Counter)
    for u, v, data in G.edges(data=True):
        if data.get("rel") != "assists" or u == v:
            continue
        places = G.nodes[u].get("kind") in PLACE_KINDS and G.nodes[v].get("kind") in PLACE_KINDS
        for doc in {e["doc"] for e in data.get("evidence", [])}:
            per_doc[doc][(u, v)] += 2 if places else 1
    doc_pair = {doc: max(sorted(c), key=c.__getitem__) for doc, c in per_doc.items()}
    out: dict[Hashable, tuple[str, str]] = {}
    for node, data in G.nodes(data=True):
        votes = Counter(doc_pair[d] for d in data.get("docs", []) if d in doc_pair)
        if votes:
            out[node] = max(sorted(votes), key=votes.__getitem__)
    for node in G:
        if node not in out:
            for nb in (*G.successors(node), *G.predecessors(node)):
                if nb in out:
                    out[node] = out[nb]
                    break
    return out


#: the largest pairing groups are laid out with :func:`layout` (Kamada–Kawai takes 10 ms for a dozen
#: nodes, 200 ms for eighty); the smaller rest of a big corpus is drawn as two fans around its two sides, which
#: costs nothing and keeps a 1,000-article page's layout within a few seconds
_LAID_OUT_GROUPS = 30
#: within a group, Kamada–Kawai for parts up to this size, the faster pivot MDS above it
_SMALL_GROUP_PART = 12


def grouped_layout(G: nx.MultiDiGraph, groups: dict[Hashable, Hashable], seed: int = 0
                   ) -> dict[Hashable, tuple[float, float]]:
    """Positions with each group (a pairing, see :func:`pairings`) laid out on its own and the groups
    packed in rows, largest first, so unrelated pairs never interleave; nodes of no group and no edge
    go in a grid below everything.  Edges between groups are drawn long, across the gap.
    """
    members: dict[Hashable, list] = defaultdict(list)
    loose = []
    for node in G:
        if node in groups and G.degree(node):
            members[groups[node]].append(node)
        else:
            loose.append(node)
    ordered = sorted(members.items(), key=lambda kv: (-len(kv[1]), str(kv[0])))
    blocks: list[tuple[list, np.ndarray]] = []
    for rank, (key, nodes) in enumerate(ordered):
        sub = G.subgraph(nodes)
        if rank < _LAID_OUT_GROUPS:
            pos = layout(sub, seed, small=_SMALL_GROUP_PART)
        else:
            pos = _two_circles(sub, key)
        blocks.append((nodes, np.array([pos[n] for n in nodes])))
    connected = [n for n in loose if G.degree(n)]
    if connected:
        pos = layout(G.subgraph(connected), seed)
        blocks.append((connected, np.array([pos[n] for n in connected])))
    out = _pack_blocks(blocks, gap=2.0)
    isolated = [n for n in loose if not G.degree(n)]
    if isolated:
        top = max((y for _, y in out.values()), default=-2.0) + 3.0
        width = max((x for x, _ in out.values()), default=0.0)
        per_row = max(int(width / 0.8), int(np.ceil(np.sqrt(len(isolated)))))
        for i, node in enumerate(sorted(isolated, key=str)):
            out[node] = (float(i % per_row) * 0.8, top + float(i // per_row) * 0.8)
    return out


#: with fewer of the nodes than this kept from the previous layout, it says too little: a fresh one reads better
_KEPT_AT_LEAST = 0.5
#: force steps that settle the nodes a rebuild adds, the others staying still
_SETTLE_STEPS = 30


def follow_layout(G: nx.MultiDiGraph, groups: dict[Hashable, Hashable],
                  previous: dict[Hashable, tuple[float, float]], seed: int = 0) -> dict[Hashable, tuple[float, float]]:
    """Positions for ``G`` that keep every node ``previous`` placed where it was: a rebuild after a small
    change draws the picture the reader knows, with the new nodes beside their neighbours.

    New nodes with a placed neighbour go one edge length from it (around the mean of their placed
    neighbours), wave after wave, so a chain of new nodes grows out of the old drawing; then a few force
    steps settle them while every kept node stays still.  New nodes with no path to a placed one (a
    new pairing) are laid out by :func:`grouped_layout` and put below the rest.  When fewer than half
    the nodes were placed before, the previous layout is dropped for a fresh :func:`grouped_layout`.
    Deterministic for a given graph, ``previous`` and ``seed``.

    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c")])
    >>> pos = follow_layout(G, {}, {"a": (0.0, 0.0), "b": (1.0, 0.0)})
    >>> pos["a"], pos["b"], round(float(np.hypot(pos["c"][0] - 1.0, pos["c"][1])), 1)
    ((0.0, 0.0), (1.0, 0.0), 1.0)
    """
    out = {n: (float(previous[n][0]), float(previous[n][1])) for n in G if n in previous}
    if not out or len(out) < _KEPT_AT_LEAST * G.number_of_nodes():
        return grouped_layout(G, groups, seed)
    waiting = sorted((n for n in G if n not in out), key=str)
    grown: list[Hashable] = []
    golden = np.pi * (3.0 - np.sqrt(5.0))
    while waiting:
        wave, later = {}, []
        for node in waiting:
            around = [out[nb] for nb in (*G.successors(node), *G.predecessors(node)) if nb in out]
            if not around:
                later.append(node)
                continue
            angle = golden * (len(grown) + len(wave))
            reach = 1.0 if len(around) == 1 else 0.3  # beside its one neighbour, or between its several
            cx, cy = np.mean(around, axis=0)
            wave[node] = (float(cx + reach * np.cos(angle)), float(cy + reach * np.sin(angle)))
        if not wave:
            break
        out.update(wave)
        grown.extend(wave)
        waiting = later
    if grown:
        _settle_new(G, out, set(grown))
    if waiting:  # nothing placed is connected to them: a block of their own below the drawing
        block = grouped_layout(G.subgraph(waiting), groups, seed)
        xs, ys = zip(*out.values())
        x0, y0 = min(xs), max(ys) + 3.0
        bx, by = zip(*block.values())
        for node, (x, y) in block.items():
            out[node] = (x - min(bx) + x0, y - min(by) + y0)
    return out


def _settle_new(G: nx.MultiDiGraph, pos: dict[Hashable, tuple[float, float]], new: set) -> None:
    """:data:`_SETTLE_STEPS` force steps that move only the ``new`` nodes of ``pos`` (changed in place)."""
    nodes = sorted(pos, key=str)
    index = {n: k for k, n in enumerate(nodes)}
    lengths: dict[tuple[int, int], float] = {}
    for u, v, rel in G.edges(data="rel"):
        if u != v and u in index and v in index and (u in new or v in new):
            pair = (min(index[u], index[v]), max(index[u], index[v]))
            lengths[pair] = min(lengths.get(pair, np.inf), ASSIST_LENGTH if rel == "assists" else 1.0)
    pairs = np.array(sorted(lengths), dtype=int).reshape(-1, 2)
    want = np.array([lengths[(a, b)] for a, b in pairs.tolist()])
    movable = np.array([n in new for n in nodes], dtype=float)
    settled = _settle(np.array([pos[n] for n in nodes]), pairs[:, 0], pairs[:, 1], want, _SETTLE_STEPS, movable)
    for n in new:
        pos[n] = (float(settled[index[n], 0]), float(settled[index[n], 1]))


def _two_circles(G: nx.MultiDiGraph, key) -> dict[Hashable, tuple[float, float]]:
    """The pairing's provider at the left, its recipient :data:`ASSIST_LENGTH` to the right, every other
    node on a circle around the side it has more edges with."""
    left, right = key if isinstance(key, tuple) and len(key) == 2 else (None, None)
    anchors = {left: np.array([0.0, 0.0]), right: np.array([ASSIST_LENGTH, 0.0])}
    sides: dict[Hashable, list] = {left: [], right: []}
    for node in G:
        if node in anchors:
            continue
        near_left = G.number_of_edges(node, left) + G.number_of_edges(left, node) if left in G else 0
        near_right = G.number_of_edges(node, right) + G.number_of_edges(right, node) if right in G else 0
        sides[left if near_left > near_right else right].append(node)
    out = {n: tuple(anchors[n]) for n in anchors if n in G}
    for side, nodes in sides.items():
        centre = anchors[side]
        outward = -1.0 if side == left else 1.0
        for i, node in enumerate(sorted(nodes, key=str)):
            angle = np.pi * (i + 1) / (len(nodes) + 1) - np.pi / 2  # the outer half circle
            out[node] = (float(centre[0] + outward * np.cos(angle)), float(centre[1] + np.sin(angle)))
    return out


def _pack_blocks(blocks: list[tuple[list, np.ndarray]], gap: float) -> dict[Hashable, tuple[float, float]]:
    """Rows of blocks of positions, in the order given, in a roughly square area, ``gap`` apart."""
    sizes = [np.ptp(pos, axis=0) if len(pos) > 1 else np.zeros(2) for _, pos in blocks]
    total = sum((w + gap) * (h + gap) for w, h in sizes)
    width = max([np.sqrt(total), *(w for w, _ in sizes)]) if sizes else 0.0
    out: dict[Hashable, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for (nodes, pos), (w, h) in zip(blocks, sizes):
        if x > 0 and x + w > width:
            x, y, row_height = 0.0, y + row_height + gap, 0.0
        shifted = pos - pos.min(axis=0) + (x, y)
        for node, (px, py) in zip(nodes, shifted):
            out[node] = (float(px), float(py))
        x += w + gap
        row_height = max(row_height, h)
    return out


def _adjacency(n: int, lengths: dict[tuple[int, int], float]):
    """Symmetric sparse matrix of edge lengths."""
    from scipy import sparse

    if not lengths:
        return sparse.csr_array((n, n))
    rows, cols = np.array(list(lengths)).T
    values = np.array(list(lengths.values()))
    return sparse.csr_array((np.concatenate([values, values]), (np.concatenate([rows, cols]),
                                                               np.concatenate([cols, rows]))), shape=(n, n))


def _unit_edges(pos: np.ndarray, adjacency) -> np.ndarray:
    """Centre a component and scale it so that edges are on average as long as they should be."""
    upper = adjacency.tocoo()
    i, j, want = upper.row, upper.col, upper.data
    ratio = (np.linalg.norm(pos[i] - pos[j], axis=1) / want).mean() if len(i) else 0.0
    centred = pos - pos.mean(axis=0)
    return centred / ratio if ratio > 0 else centred


def _kamada_kawai(adjacency) -> np.ndarray:
    H = nx.from_scipy_sparse_array(adjacency, edge_attribute="length")
    kk = nx.kamada_kawai_layout(H, weight="length", pos=nx.circular_layout(H))
    return _unit_edges(np.array([kk[i] for i in range(adjacency.shape[0])]), adjacency)


def _spread(pos: np.ndarray, radius: float = 0.7, steps: int = 40) -> np.ndarray:
    """Push apart nodes closer than ``radius``: Kamada–Kawai stacks the leaves of a hub on one spot."""
    from scipy.spatial import cKDTree

    pos = pos.copy()
    n = len(pos)
    for _ in range(steps):
        close = cKDTree(pos).query_pairs(radius, output_type="ndarray")
        if not len(close):
            break
        a, b = close[:, 0], close[:, 1]
        d = pos[a] - pos[b]
        dist = np.sqrt(np.maximum((d ** 2).sum(axis=1), 1e-6))
        push = 0.5 * (radius - dist) / dist
        pos[:, 0] += np.bincount(a, d[:, 0] * push, n) - np.bincount(b, d[:, 0] * push, n)
        pos[:, 1] += np.bincount(a, d[:, 1] * push, n) - np.bincount(b, d[:, 1] * push, n)
    return pos


def _pivot_mds(adjacency, rng: np.random.Generator, pivots: int = 50) -> np.ndarray:
    from scipy.sparse import csgraph

    n = adjacency.shape[0]
    k = min(pivots, n)
    chosen = [int(rng.integers(n))]
    distances = np.empty((k, n))
    nearest = np.full(n, np.inf)
    for row in range(k):
        distances[row] = csgraph.shortest_path(adjacency, directed=False, indices=chosen[-1])
        nearest = np.minimum(nearest, distances[row])
        if row + 1 < k:
            chosen.append(int(np.argmax(nearest)))  # farthest from all pivots so far
    c = distances.T ** 2
    c = -0.5 * (c - c.mean(axis=0) - c.mean(axis=1, keepdims=True) + c.mean())
    u, s, _ = np.linalg.svd(c, full_matrices=False)
    return _unit_edges(u[:, :2] * s[:2], adjacency)


def _relax(adjacency, pos: np.ndarray, rng: np.random.Generator, steps: int = 50) -> np.ndarray:
    """Force-directed clean-up of a pivot-MDS drawing: spread stacked nodes, keep the global shape."""
    from scipy import sparse

    n = len(pos)
    upper = sparse.triu(adjacency, 1).tocoo()
    pos = pos.copy()
    area = float(np.prod(np.ptp(pos, axis=0)))
    if area < n:  # leaves of a hub share their pivot distances: give every node room first
        pos *= np.sqrt(n / max(area, 1e-9))
    pos = pos + rng.normal(scale=0.1, size=pos.shape)
    pos = _settle(pos, upper.row, upper.col, upper.data, steps)
    return pos - pos.mean(axis=0)


def _settle(pos: np.ndarray, i: np.ndarray, j: np.ndarray, want: np.ndarray, steps: int,
            movable: np.ndarray | None = None) -> np.ndarray:
    """Force steps on ``pos`` (changed in place): nodes closer than one edge length pushed apart (a k-d
    tree, so the cost grows with the nodes, not their square), the ends of edges ``i[k]``–``j[k]`` pulled
    towards ``want[k]``.  Only the nodes ``movable`` says (all, by default) move."""
    from scipy.spatial import cKDTree

    n = len(pos)
    step = 1.0
    for _ in range(steps):
        dx, dy = np.zeros(n), np.zeros(n)
        close = cKDTree(pos).query_pairs(1.0, output_type="ndarray")
        if len(close):
            a, b = close[:, 0], close[:, 1]
            d = pos[a] - pos[b]
            dist = np.sqrt(np.maximum((d ** 2).sum(axis=1), 1e-6))
            push = (1.0 - dist) / dist  # apart to one edge length
            dx += np.bincount(a, d[:, 0] * push, n) - np.bincount(b, d[:, 0] * push, n)
            dy += np.bincount(a, d[:, 1] * push, n) - np.bincount(b, d[:, 1] * push, n)
        d = pos[i] - pos[j]
        dist = np.sqrt((d ** 2).sum(axis=1)) + 1e-9
        pull = 0.1 * np.log(np.maximum(dist / want, 1e-9)) / dist  # gentle: an expander's long edges stay long
        dx += np.bincount(j, d[:, 0] * pull, n) - np.bincount(i, d[:, 0] * pull, n)
        dy += np.bincount(j, d[:, 1] * pull, n) - np.bincount(i, d[:, 1] * pull, n)
        if movable is not None:
            dx, dy = dx * movable, dy * movable
        norm = np.sqrt(dx * dx + dy * dy) + 1e-9
        scale = np.minimum(norm, step) / norm
        pos[:, 0] += dx * scale
        pos[:, 1] += dy * scale
        step *= 0.95
    return pos


def _pack(nodes: list, placed: list[tuple[np.ndarray, np.ndarray]]) -> dict[Hashable, tuple[float, float]]:
    """Rows of components, largest first, in a roughly square block, one edge length apart."""
    return _pack_blocks([([nodes[i] for i in idx], pos) for idx, pos in placed], gap=1.0)
