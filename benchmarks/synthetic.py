"""Random graphs in ``graph/rdf.py``'s shape, for measuring the explorer page at sizes no article gives.

Edges are twice the nodes, as in the measurements in ``shared/STACK-FACTS.md``: a third of the
entities are places in a containment tree, the rest organisations, people and products; edges are
assistance records (with a sentence and a sector), locations and posts between random pairs.
Deterministic for a given seed, so a benchmark and a test see the same graph.
"""
from __future__ import annotations

import hashlib
import random

from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, SKOS

from graph.pinyin import romanise
from graph.rdf import add_sector, new_graph
from graph.vocab import DK, DKR, KINDS, ORG, PROV, SCHEMA, SECTORS

_CHARS = "青白江九龙甘孜成都阿坝凉山攀枝花雅安眉山乐山德阳绵阳广元遂宁内江资阳宜宾泸州达州巴中南充广安自贡西湖滨江余杭萧山富阳临安桐庐淳安"
_SUFFIX = {"County": "县", "District": "区", "Town": "镇", "Township": "乡", "Village": "村",
           "Company": "有限公司", "Hospital": "人民医院", "School": "小学", "GovernmentBody": "人社局",
           "Association": "商会", "Base": "产业基地", "Person": "", "Product": "茶叶"}
_KIND_WEIGHTS = {"County": 4, "District": 4, "Town": 10, "Township": 8, "Village": 8, "Company": 16,
                 "Hospital": 6, "School": 8, "GovernmentBody": 8, "Association": 4, "Base": 4,
                 "Person": 16, "Product": 4}
_PLACES = ("County", "District", "Town", "Township", "Village")
_SECTOR_NAMES = [name for name in SECTORS if name != "general"]


def random_graph(nodes: int, seed: int = 1, documents: int = 50) -> Graph:
    """An RDF graph with ``nodes`` entities and about ``2 * nodes`` entity-to-entity edges.

    >>> g = random_graph(30)
    >>> len(set(g.subjects(RDFS.label))) >= 30
    True
    """
    rng = random.Random(seed)
    g = new_graph()
    for sector in SECTORS:
        add_sector(g, sector)
    kinds = rng.choices(list(_KIND_WEIGHTS), weights=list(_KIND_WEIGHTS.values()), k=nodes)
    iris, labels = [], []
    for i, kind in enumerate(kinds):
        stem = "".join(rng.choice(_CHARS) for _ in range(rng.randint(2, 3)))
        label = f"{stem}{_SUFFIX[kind]}{i}" if kind != "Person" else f"{stem}{i}"
        iri = DKR[f"thing/{i}"]
        iris.append(iri)
        labels.append(label)
        g.add((iri, RDF.type, KINDS[kind]))
        g.add((iri, RDFS.label, Literal(label, lang="zh")))
        g.add((iri, SKOS.altLabel, Literal(romanise(label), lang="zh-Latn-pinyin")))
    docs = [DKR[f"doc/{d:016x}"] for d in range(documents)]
    for d, doc in enumerate(docs):
        g.add((doc, RDF.type, DK.Document))
        g.add((doc, DK.fileName, Literal(f"article-{d:03d}.txt")))
    for _ in range(2 * nodes):
        a, b = rng.randrange(nodes), rng.randrange(nodes)
        if a == b:
            continue
        u, v = iris[a], iris[b]
        if kinds[a] == "Person":
            role = DKR[f"role/{hashlib.sha1(labels[b].encode()).hexdigest()[:8]}"]
            membership = DKR[f"membership/{a}-{b}"]
            g.add((u, ORG.headOf, v))
            g.add((membership, RDF.type, ORG.Membership))
            g.add((membership, ORG.member, u))
            g.add((membership, ORG.organization, v))
            g.add((membership, ORG.role, role))
            g.add((role, RDFS.label, Literal("负责人", lang="zh")))
        elif kinds[a] in _PLACES and kinds[b] in _PLACES:
            g.add((u, SCHEMA.containedInPlace, v))
        elif kinds[b] in _PLACES and rng.random() < 0.3:
            g.add((u, SCHEMA.location, v))
        else:
            sector = rng.choice(_SECTOR_NAMES)
            record = DKR[f"assistance/{a}-{b}-{sector}"]
            sentence = DKR[f"sentence/{a}-{b}"]
            doc = rng.choice(docs)
            g.add((u, DK.assists, v))
            g.add((record, RDF.type, DK.Assistance))
            g.add((record, DK.provider, u))
            g.add((record, DK.recipient, v))
            g.add((record, DK.sector, SECTORS[sector][0]))
            g.add((record, PROV.wasDerivedFrom, sentence))
            g.add((sentence, RDF.type, DK.Sentence))
            g.add((sentence, RDF.value, Literal(f"{labels[a]}对口帮扶{labels[b]},助力乡村振兴。")))
            g.add((sentence, DK.document, doc))
            g.add((sentence, DK.start, Literal(0)))
            g.add((u, DK.mentionedIn, sentence))
            g.add((v, DK.mentionedIn, sentence))
    return g
