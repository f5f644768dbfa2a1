"""Extractions → RDF triples, in the shape fixed by ``../shared/CONTRACT.md`` and ``ontology/shapes.ttl``.

IRIs are derived from what identifies a thing (a division code, a normalised name, a document hash
plus offsets), never from counters, so two builds of the same input give the same triples and the
same entity from two documents lands on one node.
"""
from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from .version import EXTRACTOR_VERSION
from .lexicon import Pairing, money_kinds, official_pairings, programmes
from .model import Assistance, Entity, Extraction, Post, Quantity
from .pinyin import romanise
from .places import Register
from .vocab import DK, DKR, KINDS, ORG, PREFIXES, PROV, SCHEMA, SECTORS

SECTOR_LABELS: dict[str, tuple[str, str]] = {
    "industry": ("产业", "industry"),
    "employment": ("就业", "employment"),
    "health": ("医疗卫生", "health"),
    "education": ("教育", "education"),
    "talent": ("人才与干部", "talent"),
    "donation": ("捐赠", "donation"),
    "infrastructure": ("基础设施", "infrastructure"),
    "consumption": ("消费帮扶", "consumption"),
    "governance": ("基层治理", "governance"),
    "general": ("综合", "general"),
}

_HEAD_KEY_PREFIX = {"place": "place", "org": "org", "person": "person", "product": "product", "event": "event"}


def _digest(*parts: str, size: int = 16) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:size]


def entity_iri(key: str) -> URIRef:
    """``place:513324`` → ``dkr:place/513324``; any other key → ``dkr:<prefix>/<hash of the key>``."""
    prefix, _, rest = key.partition(":")
    if prefix == "place" and rest.isdigit():
        return DKR[f"place/{rest}"]
    return DKR[f"{_HEAD_KEY_PREFIX.get(prefix, 'thing')}/{_digest(key)}"]


def doc_iri(sha256: str) -> URIRef:
    return DKR[f"doc/{sha256[:16]}"]


def sentence_iri(sha256: str, start: int, end: int) -> URIRef:
    return DKR[f"doc/{sha256[:16]}/s{start}-{end}"]


def new_graph() -> Graph:
    """An empty graph bound to the project's prefixes (and nothing else, so Turtle stays readable)."""
    g = Graph(bind_namespaces="none")
    for prefix, iri in PREFIXES.items():
        g.bind(prefix, iri)
    return g


def _date_literal(value: str) -> Literal:
    if len(value) == 4:
        return Literal(value, datatype=XSD.gYear)
    if len(value) == 7:
        return Literal(value, datatype=XSD.gYearMonth)
    return Literal(value, datatype=XSD.date)


def _number(value: float | int) -> Literal:
    return Literal(Decimal(str(value)).normalize().quantize(Decimal(1)) if float(value).is_integer()
                   else Decimal(str(value)), datatype=XSD.decimal)


class _Writer:
    """Adds one extraction to a graph; a class only to share the document's IRIs between methods."""

    def __init__(self, g: Graph, ex: Extraction, register: Register, chained: set[str]) -> None:
        self.g, self.ex, self.register = g, ex, register
        self.chained = chained  # division codes whose register chain is already in the graph
        self.sha = ex.document.sha256
        self.doc = doc_iri(self.sha)

    def sentence(self, index: int) -> URIRef:
        s = self.ex.sentences[index]
        iri = sentence_iri(self.sha, s.start, s.end)
        g = self.g
        if (iri, RDF.type, DK.Sentence) not in g:
            g.add((iri, RDF.type, DK.Sentence))
            g.add((iri, RDF.value, Literal(s.text)))
            g.add((iri, DK.document, self.doc))
            g.add((iri, DK.start, Literal(s.start)))
            g.add((iri, DK.end, Literal(s.end)))
        return iri

    def write(self) -> None:
        g, ex = self.g, self.ex
        d = ex.document
        g.add((self.doc, RDF.type, DK.Document))
        g.add((self.doc, RDFS.label, Literal(d.name)))
        g.add((self.doc, DK.fileName, Literal(d.name)))
        g.add((self.doc, DK.sha256, Literal(d.sha256)))
        g.add((self.doc, DK.extractorVersion, Literal(EXTRACTOR_VERSION)))
        if ex.date:
            g.add((self.doc, DK.date, _date_literal(ex.date)))
        headline = _headline(ex)
        if headline:
            g.add((self.doc, SCHEMA.headline, Literal(headline, lang="zh")))
        for programme in ex.programmes:
            g.add((self.doc, DK.programme, add_programme(g, programme)))
        rows = {(r.programme, r.provider, r.recipient): r for r in official_pairings()}
        for key in ex.pairings:
            g.add((self.doc, DK.coversPairing, pairing_iri(rows[key])))
        for entity in sorted(ex.entities.values(), key=lambda e: e.key):
            self.entity(entity)
        for record in ex.assistance:
            self.assistance(record)
        for post in ex.posts:
            self.post(post)
        for q in ex.quantities:
            if q.subject is not None:
                self.quantity(q, entity_iri(q.subject))
            elif not any(q in a.quantities for a in ex.assistance):
                self.quantity(q, self.doc)
        for rel in ex.relations:
            s = entity_iri(rel.subject)
            if rel.predicate == "certification":
                g.add((s, DK.certification, Literal(rel.object, lang="zh")))
            else:
                pred = {"produces": DK.produces, "organizer": SCHEMA.organizer,
                        "coOrganizer": DK.coOrganizer}[rel.predicate]
                g.add((s, pred, self.ref(rel.object)))
            g.add((s, DK.mentionedIn, self.sentence(rel.sentence)))

    def entity(self, e: Entity) -> None:
        g = self.g
        iri = entity_iri(e.key)
        kind = self.register.by_code[e.code].kind if e.code in self.register.by_code else e.kind
        g.add((iri, RDF.type, KINDS[kind]))
        g.add((iri, RDFS.label, Literal(e.label, lang="zh")))
        g.add((iri, SKOS.altLabel, Literal(romanise(e.label), lang="zh-Latn-pinyin")))
        for alias in sorted(e.aliases - {e.label}):
            g.add((iri, SKOS.altLabel, Literal(alias, lang="zh")))
        for m in e.mentions:
            g.add((iri, DK.mentionedIn, self.sentence(m.sentence)))
        if e.code:
            self.chain(e.code)
        elif e.parent:
            g.add((iri, SCHEMA.containedInPlace, self.ref(e.parent)))
        if e.location:
            g.add((iri, SCHEMA.location, self.ref(e.location)))

    def ref(self, key: str) -> URIRef:
        """The IRI of an entity a statement points to; a registered place the article never named gets written."""
        _, _, rest = key.partition(":")
        if key.startswith("place:") and rest.isdigit():
            self.chain(rest)
        return entity_iri(key)

    def chain(self, code: str) -> None:
        if code not in self.chained:
            add_register_chain(self.g, self.register, code)
            self.chained.add(code)

    def assistance(self, a: Assistance) -> None:
        g = self.g
        first = self.ex.sentences[a.sentences[0]]
        iri = DKR[f"assistance/{_digest(self.sha, a.provider, a.recipient, a.sector, a.trigger, str(first.start))}"]
        provider, recipient = self.ref(a.provider), self.ref(a.recipient)
        concept, sub_property = SECTORS[a.sector]
        g.add((provider, DK.assists, recipient))
        if sub_property is not None:
            g.add((provider, sub_property, recipient))
        g.add((iri, RDF.type, DK.Assistance))
        g.add((iri, DK.provider, provider))
        g.add((iri, DK.recipient, recipient))
        g.add((iri, DK.sector, concept))
        g.add((iri, DK.trigger, Literal(a.trigger, lang="zh")))
        g.add((iri, DK.inferred, Literal(a.inferred)))
        if self.ex.programmes:
            g.add((iri, DK.programme, add_programme(g, self.ex.programmes[0])))
        if a.date:
            g.add((iri, DK.date, _date_literal(a.date)))
        for index in a.sentences:
            g.add((iri, PROV.wasDerivedFrom, self.sentence(index)))
        for q in a.quantities:
            self.quantity(q, iri)
        add_sector(g, a.sector)

    def quantity(self, q: Quantity, owner: URIRef) -> None:
        g = self.g
        iri = DKR[f"quantity/{_digest(self.sha, str(q.start), str(q.end))}"]
        g.add((owner, DK.amount if q.is_money else DK.quantity, iri))
        g.add((iri, RDF.type, SCHEMA.MonetaryAmount if q.is_money else SCHEMA.QuantitativeValue))
        g.add((iri, SCHEMA.value, _number(q.value)))
        if q.is_money:
            g.add((iri, SCHEMA.currency, Literal("CNY")))
            g.add((iri, DK.moneyKind, add_money_kind(g, q.kind or "other")))
        else:
            g.add((iri, SCHEMA.unitText, Literal(q.unit)))
        g.add((iri, DK.approximate, Literal(q.approximate)))
        g.add((iri, RDFS.label, Literal(q.text, lang="zh")))
        if q.counts:
            g.add((iri, DK.counts, Literal(q.counts, lang="zh")))
        g.add((iri, PROV.wasDerivedFrom, self.sentence(q.sentence)))

    def post(self, p: Post) -> None:
        g = self.g
        person = entity_iri(p.person)
        role = DKR[f"role/{_digest(p.role)}"]
        g.add((role, RDF.type, DK.Role))
        g.add((role, RDFS.label, Literal(p.role, lang="zh")))
        iri = DKR[f"membership/{_digest(p.person, p.role, p.organization or '')}"]
        g.add((iri, RDF.type, ORG.Membership))
        g.add((iri, ORG.member, person))
        g.add((iri, ORG.role, role))
        g.add((iri, PROV.wasDerivedFrom, self.sentence(p.sentence)))
        if p.organization:
            org = entity_iri(p.organization)
            g.add((iri, ORG.organization, org))
            g.add((person, ORG.headOf if p.head else ORG.memberOf, org))


def _headline(ex: Extraction) -> str | None:
    """The article's title: its first line, when that line reads as one (short, no sentence inside it)."""
    first = ex.document.text.strip().split("\n", 1)[0].strip()
    if 4 <= len(first) <= 60 and not any(mark in first[:-1] for mark in "。！？"):
        return first
    return None


def add_sector(g: Graph, sector: str) -> None:
    concept, _ = SECTORS[sector]
    zh, en = SECTOR_LABELS[sector]
    g.add((concept, RDF.type, DK.Sector))
    g.add((concept, SKOS.prefLabel, Literal(zh, lang="zh")))
    g.add((concept, SKOS.prefLabel, Literal(en, lang="en")))
    g.add((concept, SKOS.inScheme, DKR["sector"]))


def _concept(g: Graph, scheme: str, cls: URIRef, key: str, zh: str, en: str) -> URIRef:
    concept = DKR[f"{scheme}/{key}"]
    g.add((concept, RDF.type, cls))
    g.add((concept, SKOS.prefLabel, Literal(zh, lang="zh")))
    g.add((concept, SKOS.prefLabel, Literal(en, lang="en")))
    g.add((concept, SKOS.inScheme, DKR[scheme]))
    return concept


def add_programme(g: Graph, key: str) -> URIRef:
    p = next(p for p in programmes() if p.id == key)
    return _concept(g, "programme", DK.Programme, key, p.zh, p.en)


def add_money_kind(g: Graph, key: str) -> URIRef:
    k = next(k for k in money_kinds() if k.id == key)
    return _concept(g, "money", DK.MoneyKind, key, k.zh, k.en)


#: the named graph that holds the national pairing table in a build's TriG
PAIRINGS_GRAPH = DKR["graph/pairings"]


def pairing_iri(row: Pairing) -> URIRef:
    return DKR[f"pairing/{_digest(row.programme, row.provider, row.recipient)}"]


def pairing_table(register: Register) -> Graph:
    """The national pairing table (``lexicon/pairings.csv``) as a graph: one dk:OfficialPairing per row, its
    sides the divisions' nodes (or, for a unit such as a university, its name), so that a query can ask which
    official pairings a corpus covers (dk:coversPairing) and which it does not.  The divisions are not
    described here, so that places no article names stay off the page."""
    g = new_graph()
    for row in official_pairings():
        iri = pairing_iri(row)
        g.add((iri, RDF.type, DK.OfficialPairing))
        g.add((iri, RDFS.label, Literal(f"{row.provider} → {row.recipient}", lang="zh")))
        for prop, name in ((DK.pairingProvider, row.provider), (DK.pairingRecipient, row.recipient)):
            found = register.by_name.get(name, [])
            if len(found) == 1:  # the division's node; its label and chain come with the articles that name it
                g.add((iri, prop, entity_iri(f"place:{found[0].code}")))
            else:
                g.add((iri, prop, Literal(name, lang="zh")))
        g.add((iri, DK.programme, add_programme(g, row.programme)))
        g.add((iri, DK.since, Literal(str(row.since), datatype=XSD.gYear)))
        g.add((iri, DK.source, Literal(row.source, lang="zh")))
    return g


def add_register_chain(g: Graph, register: Register, code: str) -> None:
    """Give a registered place its code, official name and ancestors up to the province."""
    for division in register.chain(code):
        node = entity_iri(f"place:{division.code}")
        g.add((node, DK.divisionCode, Literal(division.code)))
        if (node, RDFS.label, None) not in g:  # an ancestor the article never named
            g.add((node, RDF.type, KINDS[division.kind]))
            g.add((node, RDFS.label, Literal(division.name, lang="zh")))
            g.add((node, SKOS.altLabel, Literal(romanise(division.name), lang="zh-Latn-pinyin")))
        official = Literal(division.name, lang="zh")
        if (node, RDFS.label, official) not in g:
            g.add((node, SKOS.altLabel, official))
        if division.parent:
            g.add((node, SCHEMA.containedInPlace, entity_iri(f"place:{division.parent}")))


def to_graph(extractions: Iterable[Extraction], register: Register) -> Graph:
    """All extractions in one graph; entities with the same key merge into one node."""
    g = new_graph()
    chained: set[str] = set()
    for ex in extractions:
        _Writer(g, ex, register, chained).write()
    _keep_one_label(g)
    return g


def _keep_one_label(g: Graph) -> None:
    """Across documents one entity may arrive with several labels: keep the longest, demote the rest."""
    for node in set(g.subjects(RDFS.label, None)):
        labels = sorted({l for l in g.objects(node, RDFS.label) if l.language == "zh"},
                        key=lambda l: (-len(l), str(l)))
        for extra in labels[1:]:
            g.remove((node, RDFS.label, extra))
            g.add((node, SKOS.altLabel, extra))
