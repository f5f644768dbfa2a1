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

A build keeps the positions it drew in ``graph.layout.json`` beside the page (:data:`LAYOUT`); the next
build of the folder keeps every node that is still there where it was and places only the new ones
(:func:`graph.network.follow_layout`), so a reader finds the picture they know after a small change.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Mapping, Sequence

import networkx as nx
from rdflib import Graph, URIRef

from .errors import DuikouError
from .network import follow_layout, grouped_layout, importance, neighbourhood, pairings, paused_gc, to_networkx
from .sparql import QueryResult
from .vocab import DKR

TEMPLATES = Path(__file__).resolve().parent / "templates"
DEFAULT_TITLE = "对口帮扶知识图谱 · Duikou"
#: from this many nodes on, edges hide while the view is dragged or zoomed and small labels are skipped
BIG_GRAPH = 1500
#: vis-network units (CSS pixels at zoom 1) per unit of :func:`graph.network.layout`
PIXELS_PER_EDGE = 130.0
#: the positions of the last page a build drew, beside it: entity IRI → page coordinates
LAYOUT = "graph.layout.json"
_LAYOUT_FORMAT = 1


@lru_cache(maxsize=1)
def style() -> dict:
    """Kinds, sectors and relations as the page shows them: names in Chinese and English, shapes, colours."""
    return json.loads((TEMPLATES / "style.json").read_text(encoding="utf-8"))


def write_page(g: Graph, path: Path, title: str = DEFAULT_TITLE) -> None:
    """Write the explorer page for an RDF graph in ``graph/rdf.py``'s shape to ``path``."""
    write_network(to_networkx(g), Path(path), title)


def write_network(G: nx.MultiDiGraph, path: Path, title: str = DEFAULT_TITLE,
                  warnings: Sequence[str] = ()) -> None:
    """Write the page for a networkx view; atomically, so a reader never opens half a page.
    ``warnings`` (the build's) are listed on the page as sentences that need review."""
    from .files import write_atomic

    write_atomic(Path(path), page_html(G, title, warnings).encode("utf-8"))


def page_html(G: nx.MultiDiGraph, title: str = DEFAULT_TITLE, warnings: Sequence[str] = ()) -> str:
    """The page as a string: the view of :func:`graph.network.to_networkx` drawn by pyvis."""
    return drawn_page(G, title, warnings)[0]


def drawn_page(G: nx.MultiDiGraph, title: str = DEFAULT_TITLE, warnings: Sequence[str] = (),
               previous: Mapping[str, Sequence[float]] | None = None) -> tuple[str, dict[str, list[float]]]:
    """The page and the positions it draws (IRI → page coordinates, what :func:`layout_bytes` keeps).

    With ``previous`` (a former page's positions, :func:`read_layout`), every node it places stays where
    it was and only the others are laid out (:func:`graph.network.follow_layout`); without, the
    layout is fresh."""
    from pyvis.network import Network

    with paused_gc():
        nodes, edges, meta, evidence, positions = _page_data(G, title, previous)
        meta["warnings"] = list(warnings)
        net = Network(directed=True, cdn_resources="in_line", heading=title)
        # The nodes and edges reach the template as columns beside pyvis's lists, which stay empty: pyvis
        # reads those as one dict per item.
        net.options = _vis_options(big=meta["big"])
        env = _environment({"nodes": nodes, "edges": edges, "meta": meta, "evidence": evidence})
        net.templateEnv, net.path = env, "page.html"
        try:
            return net.generate_html(), positions
        finally:
            # Jinja's environment and its templates refer to each other, so only the cyclic collector would
            # free what the environment holds: let go of the page's data here, for reference counting to free
            del env.globals["duikou"]


def layout_bytes(positions: Mapping[str, Sequence[float]]) -> bytes:
    """The positions as :data:`LAYOUT` keeps them: sorted by IRI, so the same drawing gives the same bytes."""
    data = {"format": _LAYOUT_FORMAT, "unit": "page pixels",
            "positions": {iri: list(positions[iri]) for iri in sorted(positions)}}
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def read_layout(path: Path) -> dict[str, tuple[float, float]]:
    """The positions a former build kept in ``path``; none when it has no such file or one that is not
    whole (a fresh layout then, which is what the file would only have saved time and motion on)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if data.get("format") != _LAYOUT_FORMAT:
            return {}
        return {str(iri): (float(x), float(y)) for iri, (x, y) in data["positions"].items()
                if math.isfinite(x) and math.isfinite(y)}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def _dumps(value: object, **_: object) -> str:
    """JSON for a ``<script>`` block: Jinja's ``tojson`` then escapes ``<``, ``>``, ``&`` and ``'``;
    U+2028/U+2029 are escaped here so that no line separator from an article ever reaches the page raw.
    msgspec, not the standard library: five times faster on a 1,000-article page's 4 MB (and the same
    JSON, but for the spelling of a few floats: ``1e-05`` is ``0.00001``)."""
    import msgspec

    text = msgspec.json.encode(value).decode("utf-8")
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _environment(data: dict):
    """Our templates first, then pyvis's (for ``lib/vis-9.1.2``); autoescape on for ``{{ heading }}``.
    ``data`` (nodes, edges, meta, evidence) is the page's JSON blocks, as the template's ``duikou``."""
    import pyvis
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader

    env = Environment(loader=ChoiceLoader([FileSystemLoader(str(TEMPLATES)),
                                           FileSystemLoader(str(Path(pyvis.__file__).parent / "templates"))]),
                      autoescape=True)
    env.policies["json.dumps_function"] = _dumps
    env.policies["json.dumps_kwargs"] = {}
    env.globals["duikou"] = data  # pyvis's generate_html passes a fixed set of variables
    env.globals["inline"] = _asset
    return env


@lru_cache(maxsize=None)
def _asset(name: str):
    """A style sheet or script the page inlines (ours, else pyvis's), as it is: what ``{% include %}`` gave
    of a file without template syntax (it drops one final newline, as Jinja's loader does), unparsed."""
    import pyvis
    from markupsafe import Markup

    for folder in (TEMPLATES, Path(pyvis.__file__).parent / "templates"):
        if (folder / name).is_file():
            text = (folder / name).read_text(encoding="utf-8")
            return Markup(text[:-1] if text.endswith("\n") else text)
    raise FileNotFoundError(name)


def _vis_options(big: bool) -> dict:
    font = ("'Segoe UI',Roboto,Arial,'Noto Sans','DejaVu Sans','Noto Sans CJK SC','WenQuanYi Micro Hei',"
            "'PingFang SC','Microsoft YaHei',sans-serif")
    return {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        # keyboard: arrows pan, +/- zoom while the drawing has the focus (not the whole window: the
        # search fields and the table need those keys)
        "interaction": {"hover": True, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big,
                        "keyboard": {"enabled": True, "bindToWindow": False}, "multiselect": False,
                        "tooltipDelay": 150},
        "nodes": {"borderWidth": 1, "borderWidthSelected": 3,
                  "font": {"face": font, "size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"},
                  # vis skips labels under 11 screen pixels; page.js labels the top names at that size
                  # instead, whatever the zoom (its LABEL_PX)
                  "scaling": {"label": {"drawThreshold": 11, "maxVisible": 36}}},
        "edges": {"smooth": False, "selectionWidth": 2, "hoverWidth": 1, "arrowStrikethrough": False},
    }


def _compact(item: dict) -> dict:
    """A quantity without its empty strings, lists and false flags: page.js reads them as absent."""
    return {k: v for k, v in item.items() if not (v is False or v is None or v == "" or v == [])}


def _coded(values: Sequence[str | None]) -> tuple[list[int], list[str]]:
    """A column of repeated strings as indexes into a table of them (first seen first); -1 for none or ""."""
    table: dict[str, int] = {}
    return [table.setdefault(v, len(table)) if v else -1 for v in values], list(table)


def _sparse(values: Sequence[object]) -> list[list]:
    """A column most of whose cells are empty as two lists: the indexes of the others and their values."""
    at = [i for i, v in enumerate(values) if v]
    return [at, [values[i] for i in at]]


def _one_or_list(values: list[int]) -> int | list[int]:
    """A list of document indexes as its one member when it has one: most items are in one document."""
    return values[0] if len(values) == 1 else values


def _node_columns(nodes: list[dict]) -> dict:
    """The nodes as columns (one list per field, not one object per node): ``JSON.parse`` of a 10,000-article
    page's nodes makes a few hundred arrays instead of hundreds of thousands of small objects, and page.js
    makes the objects it needs in one loop.  Kinds and place chains (shared by every node of a place) are
    indexes into tables; fields most nodes lack (codes, coordinates, aliases …) are :func:`_sparse`."""
    kinds, kind_table = _coded([n["kind"] for n in nodes])
    chains: dict[tuple, int] = {}
    chain_col = []
    for n in nodes:
        key = tuple(n["chain"])
        chain_col.append(chains.setdefault(key, len(chains)) if key else -1)
    return {
        "iri": [n["iri"] for n in nodes], "label": [n["label"] for n in nodes], "py": [n["py"] for n in nodes],
        "kind": kinds, "value": [n["value"] for n in nodes], "x": [n["x"] for n in nodes], "y": [n["y"] for n in nodes],
        "grp": [n["grp"] for n in nodes], "docs": [_one_or_list(n["docs"]) for n in nodes], "chain": chain_col,
        "tables": {"kind": kind_table, "chain": [list(c) for c in chains]},
        "sparse": {k: _sparse([n[k] for n in nodes]) for k in ("code", "ll", "aliases", "qty", "roles", "cert")},
    }


def _edge_columns(edges: list[dict]) -> dict:
    """The edges as columns, like :func:`_node_columns`: relations, sectors, verbs, dates and programmes as
    indexes into tables, amounts and roles :func:`_sparse`, the inferred records as the list of their indexes."""
    coded = {k: _coded([e.get(k) for e in edges]) for k in ("rel", "sector", "trigger", "date", "prog")}
    return {
        "from": [e["from"] for e in edges], "to": [e["to"] for e in edges],
        "docs": [_one_or_list(e["docs"]) for e in edges],
        **{k: column for k, (column, _) in coded.items()},
        "tables": {k: table for k, (_, table) in coded.items()},
        "inf": [i for i, e in enumerate(edges) if e.get("inf")],
        "sparse": {k: _sparse([e.get(k) for e in edges]) for k in ("amounts", "roles")},
    }


def _page_data(G: nx.MultiDiGraph, title: str, previous: Mapping[str, Sequence[float]] | None = None
               ) -> tuple[dict, dict, dict, dict, dict[str, list[float]]]:
    """The nodes and edges as columns (:func:`_node_columns`, :func:`_edge_columns`), what the page's
    script needs besides (documents, pairing groups), the evidence (each node's and edge's sentences and
    the sentences' texts, which page.js reads only when a panel shows them) and the positions drawn (see
    :func:`drawn_page`)."""
    from .coordinates import coordinates

    st = style()
    base = str(DKR)
    ids = {node: i for i, node in enumerate(G)}
    rank = importance(G)
    top = max(rank.values(), default=1.0) or 1.0
    pairing = pairings(G)
    if previous:
        pos = follow_layout(G, pairing, {n: (x / PIXELS_PER_EDGE, y / PIXELS_PER_EDGE) for n, (x, y) in previous.items()})
    else:
        pos = grouped_layout(G, pairing)
    positions: dict[str, list[float]] = {}
    pairing_ids = {key: i for i, key in enumerate(sorted(set(pairing.values())))}
    lonlat = coordinates()
    docs: dict[str, int] = {}
    sentence_ids: dict[str, int] = {}
    sentences: list[list] = []

    def doc(name: str) -> int:
        return docs.setdefault(name, len(docs))

    def sentence(item: dict) -> int:
        found = sentence_ids.get(item["sentence"])
        if found is None:
            found = sentence_ids[item["sentence"]] = len(sentences)
            sentences.append([item["text"], doc(item["doc"]), item["start"]])
        return found

    def evidence(items: list[dict]) -> list[list]:
        # one flat list per sentence: its index, then the marks' starts and ends (page.js pairs them)
        return [[sentence(e), *chain.from_iterable(e["marks"])] for e in items]

    nodes: list[dict] = []
    node_ev: list[list] = []
    for node, data in G.nodes(data=True):
        x, y = positions[node] = [round(pos[node][0] * PIXELS_PER_EDGE, 1), round(pos[node][1] * PIXELS_PER_EDGE, 1)]
        iri = data["iri"]
        node_ev.append(evidence(data["evidence"]))
        nodes.append({
            # IRIs under dkr: without the base (page.js puts it back), which the page names once
            "iri": iri[len(base):] if iri.startswith(base) else iri, "label": data["label"],
            "py": data["pinyin"], "kind": data["kind"], "code": data["code"],
            # a chain's link to a node of the page is its index (page.js reads the label there); one to a
            # node left out of the page (a subgraph's) is its label
            "chain": [ids[n] if n in ids else label for n, label in data["chain"]],
            "aliases": data["aliases"], "qty": [_compact(q) for q in data["quantities"]], "roles": data.get("roles", []),
            "cert": data.get("certification", []),
            "docs": sorted(doc(d) for d in data["docs"]),
            "value": round(math.sqrt(rank.get(node, 0.0) / top), 4),
            "x": x, "y": y,
            # nodes with no edge stand in a grid apart (graph.network.grouped_layout), in no group
            "grp": pairing_ids[pairing[node]] if node in pairing and G.degree(node) else -1,
            "ll": list(lonlat[data["code"]]) if data["code"] in lonlat else None,
        })
    edges: list[dict] = []
    edge_ev: list[list] = []
    sector_names: dict[str, list[str]] = {}
    for u, v, data in G.edges(data=True):
        ev = evidence(data.get("evidence", []))
        edge_ev.append(ev)
        edge = {"from": ids[u], "to": ids[v], "rel": data["rel"], "docs": sorted({sentences[i][1] for i, *_ in ev})}
        if data["rel"] == "assists":
            edge.update(sector=data["sector"], amounts=[_compact(q) for q in data["amounts"]], date=data["date"],
                        trigger=data["trigger"], inf=data.get("inferred", False), prog=data.get("programme", ""))
            sector_names[data["sector"]] = [data["sector_zh"], data["sector_en"]]
        else:
            edge["roles"] = data.get("roles", [])
        edges.append(edge)
    for item in G.graph.get("sentences", []):
        sentence(item)  # every sentence, so that the page can show a quoted one's neighbours
    info = G.graph.get("documents", {})
    meta = {"title": title, "base": str(DKR), "big": len(nodes) >= BIG_GRAPH, "style": st,
            "sectors": sector_names, "docs": list(docs),
            "docinfo": [[info.get(d, {}).get(k, "") for k in ("title", "date", "url", "programme")] for d in docs],
            "groups": [[ids[a], ids[b]] for a, b in pairing_ids]}
    evidence_block = {"nodes": node_ev, "edges": edge_ev, "sentences": sentences}
    return _node_columns(nodes), _edge_columns(edges), meta, evidence_block, positions


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
