"""The explorer page: one self-contained HTML file, drawn by pyvis (vis-network) from the networkx view.

pyvis carries the nodes, edges and vis options into a template; ours (``templates/page.html``)
replaces pyvis's own, which loads Bootstrap and tom-select from a CDN even in ``in_line`` mode.  It
inlines vis-network from pyvis's package files and our script and style sheet from ``templates/``,
so the page opens from ``file://`` with the network off.

Article text never reaches the page as markup: every string travels inside ``<script
type="application/json">`` blocks with ``<``, ``>``, ``&``, ``'``, U+2028 and U+2029 escaped, the
script reads them with ``JSON.parse`` and puts them into the DOM with ``textContent`` only.

Big graphs stay usable because positions come from :func:`graph.network.layout` and vis physics is
off: the first drawing is the final one.
"""
from __future__ import annotations

import json
import math
from collections import Counter
from functools import lru_cache
from pathlib import Path

import networkx as nx
from rdflib import Graph, URIRef

from .errors import DuikouError
from .sparql import QueryResult
from .network import importance, layout, neighbourhood, to_networkx
from .vocab import DKR

TEMPLATES = Path(__file__).resolve().parent / "templates"
DEFAULT_TITLE = "对口帮扶知识图谱 · Duikou"
#: from this many nodes on, edges hide while the view is dragged or zoomed and small labels are skipped
BIG_GRAPH = 1500
#: vis-network units (CSS pixels at zoom 1) per unit of :func:`graph.network.layout`
PIXELS_PER_EDGE = 130.0


@lru_cache(maxsize=1)
def style() -> dict:
    """Kinds, sectors and relations as the page shows them: names in Chinese and English, shapes, colours."""
    return json.loads((TEMPLATES / "style.json").read_text(encoding="utf-8"))


def write_page(g: Graph, path: Path, title: str = DEFAULT_TITLE) -> None:
    """Write the explorer page for an RDF graph in ``graph/rdf.py``'s shape to ``path``."""
    write_network(to_networkx(g), Path(path), title)


def write_network(G: nx.MultiDiGraph, path: Path, title: str = DEFAULT_TITLE) -> None:
    """Write the page for a networkx view; atomically, so a reader never opens half a page."""
    from .files import write_atomic

    write_atomic(Path(path), page_html(G, title).encode("utf-8"))


def page_html(G: nx.MultiDiGraph, title: str = DEFAULT_TITLE) -> str:
    """The page as a string: the view of :func:`graph.network.to_networkx` drawn by pyvis."""
    from pyvis.network import Network

    nodes, edges, meta = _page_data(G, title)
    net = Network(directed=True, cdn_resources="in_line", heading=title)
    # Filling the lists directly: add_node/add_edge check every id against a list and take seconds at 10k.
    net.nodes, net.edges = nodes, edges
    net.options = _vis_options(big=len(nodes) >= BIG_GRAPH)
    net.templateEnv, net.path = _environment(meta), "page.html"
    return net.generate_html()


def _dumps(value: object, **_: object) -> str:
    """JSON for a ``<script>`` block: Jinja's ``tojson`` then escapes ``<``, ``>``, ``&`` and ``'``;
    U+2028/U+2029 are escaped here so that no line separator from an article ever reaches the page raw."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _environment(meta: dict):
    """Our templates first, then pyvis's (for ``lib/vis-9.1.2``); autoescape on for ``{{ heading }}``."""
    import pyvis
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader

    env = Environment(loader=ChoiceLoader([FileSystemLoader(str(TEMPLATES)),
                                           FileSystemLoader(str(Path(pyvis.__file__).parent / "templates"))]),
                      autoescape=True)
    env.policies["json.dumps_function"] = _dumps
    env.policies["json.dumps_kwargs"] = {}
    env.globals["duikou"] = meta  # pyvis's generate_html passes a fixed set of variables
    return env


def _vis_options(big: bool) -> dict:
    font = ("'Segoe UI',Roboto,Arial,'Noto Sans','DejaVu Sans','Noto Sans CJK SC','WenQuanYi Micro Hei',"
            "'PingFang SC','Microsoft YaHei',sans-serif")
    return {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {"hover": True, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big,
                        "keyboard": False, "multiselect": False, "tooltipDelay": 150},
        "nodes": {"borderWidth": 1, "borderWidthSelected": 3,
                  "font": {"face": font, "size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"},
                  # small graphs keep every label at the fitted zoom; big ones skip labels too small to read
                  "scaling": {"label": {"drawThreshold": 8 if big else 4, "maxVisible": 36}}},
        "edges": {"smooth": False, "selectionWidth": 2, "hoverWidth": 1, "arrowStrikethrough": False},
    }


def _curve(nth: int, parallel: int) -> float:
    """vis roundness of the ``nth`` of ``parallel`` edges between two nodes, signed for the side.

    A lone edge stays straight; parallel ones fan out alternately on either side within a lens no
    wider than roundness 0.5, so thirty records between two counties still read as one bundle.
    """
    if parallel == 1:
        return 0.0
    per_side = math.ceil(parallel / 2)
    widest = min(0.5, 0.08 * per_side)
    return round(widest * (nth // 2 + 1) / per_side * (1 if nth % 2 == 0 else -1), 3)


def _page_data(G: nx.MultiDiGraph, title: str) -> tuple[list[dict], list[dict], dict]:
    """pyvis's node and edge lists plus what the page's script needs besides (sentences, documents)."""
    st = style()
    group_of = {kind: name for name, group in st["groups"].items() for kind in group["kinds"]}
    ids = {node: i for i, node in enumerate(G)}
    rank = importance(G)
    top = max(rank.values(), default=1.0) or 1.0
    pos = layout(G)
    docs: dict[str, int] = {}
    sentence_ids: dict[str, int] = {}
    sentences: list[list] = []

    def doc(name: str) -> int:
        return docs.setdefault(name, len(docs))

    def evidence(items: list[dict]) -> list[list]:
        out = []
        for e in items:
            if e["sentence"] not in sentence_ids:
                sentence_ids[e["sentence"]] = len(sentences)
                sentences.append([e["text"], doc(e["doc"])])
            out.append([sentence_ids[e["sentence"]], [list(m) for m in e["marks"]]])
        return out

    nodes = []
    for node, data in G.nodes(data=True):
        x, y = pos[node]
        nodes.append({
            "id": ids[node], "iri": data["iri"], "label": data["label"], "py": data["pinyin"],
            "kind": data["kind"], "group": group_of.get(data["kind"], "organization"), "code": data["code"],
            "chain": [[ids.get(n, -1), label] for n, label in data["chain"]],
            "aliases": data["aliases"], "qty": data["quantities"], "roles": data.get("roles", []),
            "cert": data.get("certification", []), "ev": evidence(data["evidence"]),
            "docs": sorted(doc(d) for d in data["docs"]),
            "value": round(math.sqrt(rank.get(node, 0.0) / top), 4),
            "x": round(x * PIXELS_PER_EDGE, 1), "y": round(y * PIXELS_PER_EDGE, 1),
        })
    pairs = Counter(frozenset((u, v)) for u, v in G.edges())
    seen: Counter = Counter()
    edges = []
    for u, v, data in G.edges(data=True):
        pair = frozenset((u, v))
        nth = seen[pair]
        seen[pair] += 1
        edge = {"id": len(edges), "from": ids[u], "to": ids[v], "rel": data["rel"],
                "ev": evidence(data.get("evidence", [])), "curve": _curve(nth, pairs[pair])}
        edge["docs"] = sorted({sentences[i][1] for i, _ in edge["ev"]})
        if data["rel"] == "assists":
            edge.update(sector=data["sector"], amounts=data["amounts"], date=data["date"],
                        trigger=data["trigger"])
        elif data.get("roles"):
            edge["roles"] = data["roles"]
        edges.append(edge)
    sector_names = {d["sector"]: [d["sector_zh"], d["sector_en"]]
                    for _, _, d in G.edges(data=True) if d["rel"] == "assists"}
    meta = {"title": title, "base": str(DKR), "big": len(nodes) >= BIG_GRAPH, "style": st,
            "sectors": sector_names, "docs": list(docs), "sentences": sentences}
    return nodes, edges, meta


def render_subgraph(g: Graph, path: Path, *, answer: QueryResult | None = None, centre: URIRef | None = None,
                    depth: int = 1, title: str = DEFAULT_TITLE) -> nx.MultiDiGraph:
    """Write a page for part of ``g``: what a CONSTRUCT or DESCRIBE ``answer`` states, and/or what lies
    within ``depth`` steps of the entity ``centre``.  Returns the view that was drawn.

    The answer selects: its entities become the nodes, described from ``g`` in full (labels,
    evidence, place chains).  An assistance record is drawn when the answer names it; any other
    relation when the answer states a triple between its two ends; and a stated ``dk:assists`` (or
    sector) triple that no named record explains is drawn as that one relation, so an answer about
    health draws health, not every record between the same two places.  The query and the entity
    are resolved by the caller (in the confined query worker, :mod:`graph.pool`).
    """
    G = to_networkx(g)
    if answer is not None:
        if not answer.is_graph:
            raise DuikouError(f"render --query needs a CONSTRUCT or DESCRIBE query, not {answer.form}", status=2)
        G = _selected(G, answer.triples)
    if centre is not None:
        if depth < 0:
            raise DuikouError("--depth must be 0 or more", status=2)
        if str(centre) not in G:
            raise DuikouError(f"{centre} is not an entity of the graph drawn"
                              + (" (the query's result leaves it out)" if answer is not None else ""), status=2)
        G = neighbourhood(G, str(centre), depth)
    write_network(G, Path(path), title)
    return G


def _selected(G: nx.MultiDiGraph, triples: list) -> nx.MultiDiGraph:
    """The part of ``G`` a CONSTRUCT answer states (see :func:`render_subgraph`)."""
    from .vocab import DK, SECTORS

    named = {str(t) for triple in triples for t in triple if isinstance(t, URIRef)}
    linked = {(str(s), str(o)) for s, _, o in triples}
    keep = [n for n in G if n in named]
    if not keep:
        raise DuikouError("the query's result names no entity of the graph", status=2)
    H = G.subgraph(keep).copy()
    def stated(u: str, v: str, record: str | None) -> bool:
        return record in named if record else (u, v) in linked

    H.remove_edges_from([(u, v, k) for u, v, k, record in H.edges(keys=True, data="record")
                         if not stated(u, v, record)])
    sector_of = {DK.assists: "general", **{prop: name for name, (_, prop) in SECTORS.items() if prop is not None}}
    names = {d["sector"]: (d["sector_zh"], d["sector_en"]) for _, _, d in G.edges(data=True) if d.get("sector")}
    for s, p, o in triples:
        sector = sector_of.get(p)
        u, v = str(s), str(o)
        if sector is None or u not in H or v not in H:
            continue
        drawn = {d["sector"] for _, w, d in H.out_edges(u, data=True) if w == v and d["rel"] == "assists"}
        if sector in drawn or (sector == "general" and drawn):
            continue
        zh, en = names.get(sector, (sector, sector))
        H.add_edge(u, v, key=f"assists/{sector}", rel="assists", record="", sector=sector, sector_zh=zh,
                   sector_en=en, amounts=[], date="", trigger="", evidence=[])
    return H
