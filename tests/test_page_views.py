"""The analyst's views of the explorer page in Chromium: one arrow per pair, the records table, CSV,
summaries, the map, the corpus overview, filters, modes, evidence, URL state, keys and the phone layout;
and markup from an article shown as text in every one of them.

``rich_graph`` is the mini graph plus what the extractor is gaining (a money kind, an inferred record,
a programme) and what a document can say of itself (title, date, source address), so that the page is
checked both with and without those terms.
"""
from __future__ import annotations

import csv
import io
import math
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from graph.coordinates import coordinates
from graph.network import to_networkx
from graph.page import write_page
from graph.vocab import DK, DK_IRI, DKR, SCHEMA
from tests.conftest import ARTICLES, XSS_AMOUNT, XSS_FORMULA, XSS_IMG, XSS_SCRIPT, XSS_TITLE

DOC = DKR["doc/cd5f6edf7cd9dcbe"]
GENERAL = DKR["assistance/77c4aa87aced1248"]          # 青白江区 → 九龙县, 6488.19万元
INDUSTRY = DKR["assistance/8b1053399d3860d0"]         # 四川中康源医药有限公司 → 九龙县
TITLE = "青白江区与九龙县东西部协作纪实"
SOURCE = "https://example.org/qingbaijiang-jiulong"


@pytest.fixture(scope="session")
def rich_graph(mini_graph: Graph) -> Graph:
    g = Graph()
    for triple in mini_graph:
        g.add(triple)
    g.add((DKR["quantity/921cb62e29984890"], URIRef(DK_IRI + "moneyKind"), DKR["money/fiscal"]))
    g.add((INDUSTRY, URIRef(DK_IRI + "inferred"), Literal(True)))
    g.add((DOC, URIRef(DK_IRI + "programme"), DKR["programme/east-west"]))
    g.add((DOC, SCHEMA.headline, Literal(TITLE)))
    g.add((DOC, SCHEMA.url, Literal(SOURCE)))
    return g


@pytest.fixture(scope="session")
def rich_page(rich_graph: Graph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("rich") / "graph.html"
    write_page(rich_graph, path)
    return path


@pytest.fixture(scope="session")
def articles_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The page of the 26 test articles, built by the extractor: a small corpus of many pairings."""
    from graph.build import build

    return build([ARTICLES], tmp_path_factory.mktemp("articles")).html


def records(G) -> list[tuple[str, str, str]]:
    return sorted((G.nodes[u]["label"], G.nodes[v]["label"], d["sector_zh"])
                  for u, v, d in G.edges(data=True) if d["rel"] == "assists")


ROWS = "Array.from(document.querySelectorAll('#dk-table-body tr[data-rec]')).map(tr => Array.from(tr.cells).map(td => td.textContent))"
PAIR_ARROWS = "network.body.data.edges.get({filter: e => String(e.id)[0] === 'p' && !e.hidden})"


def point_on(view, a: str, b: str, at: float = 0.45) -> tuple[float, float]:
    (ax, ay), (bx, by) = view.node_point(a), view.node_point(b)
    return ax + (bx - ax) * at, ay + (by - ay) * at


# ---------------------------------------------------------------------------------------- pairs

def test_one_arrow_per_pair_with_counts_and_records(open_page, rich_page: Path, rich_graph: Graph) -> None:
    G = to_networkx(rich_graph)
    pairs = Counter((u, v) for u, v, rel in G.edges(data="rel") if rel == "assists")
    view = open_page(rich_page)
    assert len(view.js(PAIR_ARROWS)) == len(pairs)
    view.page.mouse.move(*point_on(view, "青白江区", "九龙县"))
    view.page.wait_for_selector("#dk-tip:not([hidden])")
    tip = view.page.inner_text("#dk-tip")
    assert "青白江区 → 九龙县" in tip and "2 条记录" in tip and "6488.19万元" in tip
    view.page.mouse.click(*point_on(view, "青白江区", "九龙县"))
    assert view.panel_title() == "青白江区 → 九龙县"
    assert view.page.is_hidden("#dk-tip")  # the tooltip goes on click
    items = view.page.query_selector_all("#dk-panel .dk-records li")
    assert len(items) == 2 and "6488.19万元" in view.page.inner_text("#dk-panel")
    # a record drawn on its own: its own arrow, selected, named in the URL and the panel
    view.page.click("#dk-panel .dk-records li:first-child .dk-alone")
    state = view.js("Duikou.state()")
    assert state["rec"] is not None and f"rec={state['rec']}" in view.js("location.hash")
    assert view.js("network.getSelectedEdges()") == [f"r{state['rec']}"]
    assert not view.js("id => network.body.data.edges.get(id).hidden", f"r{state['rec']}")
    assert view.panel_title() == "帮扶 · 综合"
    assert "财政援助" in view.page.inner_text("#dk-panel")  # the money kind, read from dk:moneyKind


def test_arrow_width_follows_records_or_money(open_page, rich_page: Path) -> None:
    view = open_page(rich_page)
    widths = "Object.fromEntries(network.body.data.edges.get({filter: e => String(e.id)[0] === 'p'}).map(e => [Duikou.NODES[e.from].label + '>' + Duikou.NODES[e.to].label, e.width]))"
    by_count = view.js(widths)
    assert by_count["青白江区>九龙县"] == max(by_count.values())  # two records, the others one
    view.page.select_option("#dk-weight", "money")
    by_money = view.js(widths)
    assert by_money["青白江区>九龙县"] > by_money["青白江区人民医院>九龙县人民医院"] == min(by_money.values())
    assert "w=money" in view.js("location.hash")


# ---------------------------------------------------------------------------------- the table

DRAWN_PIXELS = """(() => { const c = document.querySelector('#mynetwork canvas');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0; for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200)) n++; return n; })()"""


def test_the_graph_stays_drawn_when_the_table_opens_and_closes(open_page, rich_page: Path) -> None:
    view = open_page(rich_page)
    assert view.js(DRAWN_PIXELS) > 500
    view.page.click("#dk-table-btn")  # the drawing's box shrinks: vis must draw it again at its new size
    view.page.wait_for_timeout(500)
    assert view.js(DRAWN_PIXELS) > 500
    view.page.click("#dk-table-btn")
    view.page.wait_for_timeout(500)
    assert view.js(DRAWN_PIXELS) > 500


def test_records_table_matches_the_graph_and_follows_it(open_page, rich_page: Path, rich_graph: Graph) -> None:
    G = to_networkx(rich_graph)
    view = open_page(rich_page, "#table=1")
    rows = view.js(ROWS)
    assert sorted((r[0], r[1], r[2]) for r in rows) == records(G)
    money_row = next(r for r in rows if r[4])
    assert money_row[4] == "6488.19万元" and money_row[3] == "财政援助"
    assert view.page.get_attribute("#dk-table-body td[title='64,881,900 元']", "title") == "64,881,900 元"
    assert any(r[7] == "据全文推断" for r in rows) and any(r[8].startswith(TITLE) for r in rows)
    # filtering the graph filters the table
    view.page.uncheck("input[data-sector=donation]")
    assert sorted((r[0], r[1], r[2]) for r in view.js(ROWS)) == [r for r in records(G) if r[2] != "捐赠"]
    view.page.check("input[data-sector=donation]")
    # words typed above it, and sorting by a heading
    view.page.fill("#dk-table-q", "人民医院")
    view.page.wait_for_function("document.getElementById('dk-table-pane').dataset.rows === '1'")
    assert view.js(ROWS)[0][:2] == ["青白江区人民医院", "九龙县人民医院"]
    view.page.fill("#dk-table-q", "")
    view.page.wait_for_function("document.getElementById('dk-table-pane').dataset.rows === '%d'" % len(rows))
    view.page.click("th[data-col=amount] button")
    view.page.click("th[data-col=amount] button")
    assert "sort=-amount" in view.js("location.hash") and view.js(ROWS)[0][4] == "6488.19万元"
    # a row selects its record in the graph
    view.page.click("#dk-table-body tr[data-rec]:first-child")
    rec = view.js("Duikou.state().rec")
    assert view.js("network.getSelectedEdges()") == [f"r{rec}"] and view.panel_title() == "帮扶 · 综合"
    assert view.page.get_attribute("#dk-table-body tr.dk-sel", "data-rec") == str(rec)
    # and the graph's selection marks the table: a pair's rows
    view.page.click("#dk-panel-close")
    view.page.click("#dk-fit")
    view.settle()  # the zoom on the record, then the fit
    view.page.mouse.click(*point_on(view, "青白江区弥牟镇物流商会", "九龙县三岩龙乡小学", 0.5))
    assert view.panel_title() == "青白江区弥牟镇物流商会 → 九龙县三岩龙乡小学"
    marked = view.js("Array.from(document.querySelectorAll('#dk-table-body tr.dk-pair')).map(tr => tr.cells[0].textContent)")
    assert marked == ["青白江区弥牟镇物流商会"]


def test_csv_holds_the_shown_rows_and_runs_nothing(open_page, xss_page: Path, xss_graph: Graph) -> None:
    G = to_networkx(xss_graph)
    view = open_page(xss_page, "#table=1")

    def download() -> list[dict]:
        with view.page.expect_download() as info:
            view.page.click("#dk-csv")
        return list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8-sig"))))

    rows = download()
    assert len(rows) == len(records(G)) == len(view.js(ROWS))
    xss = [r for r in rows if r["provider"] == f"{XSS_IMG}公司"]
    assert sorted(r["verb"] for r in xss) == sorted(["<svg onload=alert(4)>", "'" + XSS_FORMULA])
    donation = next(r for r in xss if r["sector"] == "donation")
    assert (donation["amount_yuan"], donation["money_kind"], donation["amount"]) == ("1000000", "donation", "100万元")
    assert donation["document"] == "<b>evil</b>.txt" and donation["document_title"] == XSS_TITLE
    assert next(r for r in rows if r["amount_yuan"] == "64881900")["money_kind"] == "other"  # no dk:moneyKind yet
    view.page.fill("#dk-table-q", "人民医院")
    view.page.wait_for_function("document.getElementById('dk-table-pane').dataset.rows === '1'")
    assert [(r["provider"], r["recipient"]) for r in download()] == [("青白江区人民医院", "九龙县人民医院")]


# ------------------------------------------------------------------------------------ summaries

def test_summaries_add_up_the_records(open_page, rich_page: Path, rich_graph: Graph) -> None:
    G = to_networkx(rich_graph)
    view = open_page(rich_page, "#tab=summary")
    bars = "chart => Array.from(document.querySelectorAll(`[data-chart=${chart}] .dk-bar`)).map(g => [g.querySelector('text').textContent, Number(g.dataset.value)])"
    assert dict(view.js(bars, "provider")) == Counter(p for p, _, _ in records(G))
    assert dict(view.js(bars, "recipient")) == Counter(r for _, r, _ in records(G))
    assert dict(view.js(bars, "sector")) == Counter(s for _, _, s in records(G))
    assert len(view.page.query_selector_all("[data-chart=flows] path.dk-flow")) == len({(p, r) for p, r, _ in records(G)})
    view.page.click(".dk-summary-bar button[data-weight=money]")
    assert dict(view.js(bars, "provider")) == {"青白江区": 64881900}
    assert dict(view.js(bars, "kind")) == {"财政援助": 64881900}
    assert "6488.19万元" in view.page.inner_text("[data-chart=provider]")
    flows = view.js("Array.from(document.querySelectorAll('[data-chart=flows] path.dk-flow')).map(p => [p.dataset.from, p.dataset.to, Number(p.dataset.value)])")
    assert flows == [["青白江区", "九龙县", 64881900]]
    view.page.click(".dk-summary-bar button[data-weight=n]")
    view.page.click("[data-chart=sector] .dk-bar[data-key=health]")  # a sector's bar keeps only that sector
    assert sorted(view.js("Duikou.state().hideSectors")) == sorted(k for k in view.js("Object.keys(Duikou.META.sectors)") if k != "health")
    assert dict(view.js(bars, "sector")) == {"医疗卫生": 1}


# --------------------------------------------------------------------------------------- the map

def test_map_puts_places_at_the_registers_coordinates(open_page, rich_page: Path, rich_graph: Graph) -> None:
    G = to_networkx(rich_graph)
    code = {d["iri"]: d["code"] for _, d in G.nodes(data=True)}
    view = open_page(rich_page, "#tab=map")
    circles = view.js("""Array.from(document.querySelectorAll('#dk-map circle[data-lon]')).map(c =>
        [c.dataset.node, Number(c.dataset.lon), Number(c.dataset.lat), Number(c.getAttribute('cx')), Number(c.getAttribute('cy'))])""")
    assert {code[iri] for iri, *_ in circles} == {"510000", "510100", "510113", "513300", "513324"}
    for iri, lon, lat, x, y in circles:
        assert (lon, lat) == coordinates()[code[iri]]
        assert math.isclose(x, (lon - 105) * math.cos(math.radians(35)) * 10, abs_tol=1e-2)
        assert math.isclose(y, -(lat - 35) * 10, abs_tol=1e-2)
    # an organisation stands beside its place; the pairs' arrows join the places
    hospital = view.js("""() => { const c = document.querySelector(`#dk-map circle.dk-map-org[data-node="${Duikou.NODES.find(n => n.label === '九龙县人民医院').iri}"]`);
                                  return [Number(c.getAttribute('cx')), Number(c.getAttribute('cy'))]; }""")
    jiulong = next((x, y) for iri, _, _, x, y in circles if code[iri] == "513324")
    assert 0 < math.dist(hospital, jiulong) < 3
    assert len(view.page.query_selector_all("#dk-map path.dk-map-flow")) == len({(p, r) for p, r, _ in records(G)})
    # no border outlines: nothing but flows, the grid, places and names
    assert view.js("document.querySelectorAll('#dk-map polygon, #dk-map polyline, #dk-map image').length") == 0
    assert view.js("Array.from(document.querySelectorAll('#dk-map path')).every(p => p.classList.contains('dk-map-flow') || p.closest('marker'))")
    view.page.click(f"#dk-map circle[data-node='{DKR['place/513324']}']")
    assert view.panel_title() == "九龙县" and view.js("Duikou.state().tab") == "map"


# ------------------------------------------------------------------------------ corpus overview

# Before the page's scripts: every drawing of vis's canvas, at the scale it was drawn at.
DRAWINGS = """window.__drawings = [];
Object.defineProperty(window, "network", { configurable: true, get() { return window.__network; },
  set(n) { window.__network = n; n.on("afterDrawing", () => window.__drawings.push(n.getScale())); } });"""


def test_the_first_view_is_drawn_once_already_fitted(open_page, articles_page: Path) -> None:
    view = open_page(articles_page, init=DRAWINGS)
    view.page.wait_for_timeout(500)
    drawings, scale = view.js("window.__drawings"), view.js("network.getScale()")
    assert scale < 0.9  # a corpus: fitted well below vis's zoom 1
    assert len(drawings) <= 2 and all(abs(d - scale) < 1e-9 for d in drawings), f"drawn at {drawings}"


def test_corpus_overview_reads_on_first_load(open_page, articles_page: Path) -> None:
    view = open_page(articles_page)
    labelled = dict(view.js("Duikou.labelled()"))
    top = view.js("Duikou.NODES.slice().sort((a, b) => b.value - a.value).slice(0, 10).map(n => n.id)")
    assert all(labelled.get(i, 0) >= 10 for i in top), "a top name is unlabelled or smaller than 10 px"
    groups = view.js("Duikou.groupsDrawn()")
    assert len(groups) >= 5 and all(" ⇄ " in g for g in groups)
    # pairings do not interleave: each group's nodes lie in a box of their own
    boxes = view.js("""() => { const pos = network.getPositions(), out = {};
        Duikou.NODES.forEach(n => { if (n.grp < 0 || !pos[n.id]) return; const p = pos[n.id], b = out[n.grp] || (out[n.grp] = [p.x, p.y, p.x, p.y]);
            b[0] = Math.min(b[0], p.x); b[1] = Math.min(b[1], p.y); b[2] = Math.max(b[2], p.x); b[3] = Math.max(b[3], p.y); });
        return Object.values(out); }""")
    overlaps = sum(1 for i, a in enumerate(boxes) for b in boxes[i + 1:]
                   if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])
    assert len(boxes) >= 5 and overlaps == 0
    # isolated nodes wait below everything else
    isolated_top, linked_bottom = view.js("""() => { const pos = network.getPositions(), deg = new Map();
        Duikou.EDGES.forEach(e => { deg.set(e.from, 1); deg.set(e.to, 1); });
        let iso = Infinity, linked = -Infinity;
        Duikou.NODES.forEach(n => { if (!pos[n.id]) return; if (deg.has(n.id)) linked = Math.max(linked, pos[n.id].y); else iso = Math.min(iso, pos[n.id].y); });
        return [iso, linked]; }""")
    assert isolated_top > linked_bottom
    assert view.errors == []


def test_fit_zoom_and_reset_buttons(open_page, mini_page: Path) -> None:
    view = open_page(mini_page, "#hide=person")
    scale = view.js("network.getScale()")
    view.page.click("#dk-zoom-in")
    view.settle()
    assert view.js("network.getScale()") == pytest.approx(scale * 1.4, rel=0.02)
    view.page.click("#dk-fit")
    view.settle()
    assert view.js("network.getScale()") == pytest.approx(scale, rel=0.05)
    view.page.click("#dk-reset")
    assert "hide=" not in view.js("location.hash") and "蔡丹昭" in view.visible()


# ------------------------------------------------------------------------------------- filters

def test_only_this_kind_refits_and_legend_counts_follow(open_page, mini_page: Path, mini_graph: Graph) -> None:
    G = to_networkx(mini_graph)
    hospitals = {d["label"] for _, d in G.nodes(data=True) if d["kind"] == "Hospital"}
    view = open_page(mini_page)
    scale = view.js("network.getScale()")
    view.page.hover("#dk-kinds li:has(input[data-kind=hospital])")
    view.page.click("button[data-kind-only=hospital]")
    assert view.visible() == hospitals
    view.settle()
    assert view.js("network.getScale()") > scale  # re-fitted on what is left
    box = view.js("(() => { const r = document.getElementById('mynetwork').getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })()")
    for label in hospitals:
        x, y = view.node_point(label)
        assert box[0] < x < box[2] and box[1] < y < box[3]
    legend = view.page.inner_text("#dk-kinds")
    assert "0/7" in legend and "2" in view.page.inner_text("#dk-kinds li:has(input[data-kind=hospital])")


def test_relation_type_filter_and_hiding_nodes_left_alone(open_page, mini_page: Path) -> None:
    view = open_page(mini_page)
    rels = "network.body.data.edges.get({filter: e => !e.hidden && typeof e.id === 'number'}).map(e => Duikou.EDGES[e.id].rel)"
    assert {"location", "containedInPlace"} <= set(view.js(rels))
    view.page.uncheck("input[data-rel=places]")
    assert not {"location", "containedInPlace"} & set(view.js(rels))
    assert "四川省" in view.visible()
    view.page.check("#dk-orphans")
    shown = view.visible()
    assert "四川省" not in shown and "成都市" not in shown and {"青白江区", "九龙县"} <= shown
    assert "hiderel=places" in view.js("location.hash") and "orphans=hide" in view.js("location.hash")


def test_panel_closes_when_its_node_is_hidden(open_page, mini_page: Path) -> None:
    view = open_page(mini_page)
    view.search("聂申明")
    assert view.panel_title() == "聂申明"
    view.page.uncheck("input[data-kind=person]")
    assert view.page.is_hidden("#dk-panel") and "n=" not in view.js("location.hash")


def test_stated_only_switch(open_page, rich_page: Path) -> None:
    view = open_page(rich_page, "#table=1")
    before = len(view.js(PAIR_ARROWS)), len(view.js(ROWS))
    view.page.check("#dk-stated")
    assert (len(view.js(PAIR_ARROWS)), len(view.js(ROWS))) == (before[0] - 1, before[1] - 1)
    assert all(r[7] == "原文写明" for r in view.js(ROWS))
    assert "0/1" in view.page.inner_text("#dk-sectors li:has(input[data-sector=industry])")


# --------------------------------------------------------------------------------------- modes

def test_path_keeps_to_assistance_and_says_when_there_is_none(open_page, mini_page: Path) -> None:
    view = open_page(mini_page)
    view.page.check("input[name=dk-mode][value=path]")
    view.search("青白江区人民医院", "#dk-from")
    view.search("九龙县", "#dk-to")
    view.page.wait_for_function("document.querySelectorAll('#dk-path li.dk-stop').length === 3")
    steps = view.page.eval_on_selector_all("#dk-path li.dk-step", "items => items.map(i => i.textContent)")
    assert "帮扶 · 医疗卫生" in steps[0] and "位于" in steps[1]
    view.page.check("#dk-assist")
    assert view.page.is_visible("#dk-no-path") and "没有路径" in view.page.inner_text("#dk-no-path")
    assert view.page.query_selector_all("#dk-path li") == []
    assert len(view.visible()) == view.js("Duikou.NODES.length")  # the old path is cleared
    assert "assist=1" in view.js("location.hash")


def test_neighbourhood_keeps_to_assistance(open_page, mini_page: Path) -> None:
    view = open_page(mini_page)
    view.search("九龙县")
    view.page.check("input[name=dk-mode][value=nb]")
    everything = view.visible()
    view.page.check("#dk-assist")
    assert view.visible() == {"九龙县", "青白江区", "四川中康源医药有限公司"} < everything


# ------------------------------------------------------------------------------------ evidence

def test_evidence_grouped_by_relation_with_neighbours_and_titles(open_page, rich_page: Path, rich_graph: Graph) -> None:
    view = open_page(rich_page)
    view.search("九龙县人民医院")
    groups = view.page.eval_on_selector_all("#dk-panel [data-ev]", "s => s.map(x => x.dataset.ev)")
    assert groups[0] == "assists:in"
    cite = view.page.inner_text("#dk-panel [data-ev] cite")
    assert f"{TITLE} · 2021-12-20" in cite and SOURCE in cite
    assert view.page.get_attribute("#dk-panel cite a", "href") == SOURCE
    view.page.click("#dk-panel [data-ev='assists:in'] .dk-context-btn")
    shown = view.js("document.querySelector('#dk-panel .dk-context').textContent")
    sentences = sorted((int(rich_graph.value(s, DK.start)), str(rich_graph.value(s, RDF.value)))
                       for s in rich_graph.subjects(RDF.type, DK.Sentence))
    quoted = view.js("document.querySelector('#dk-panel .dk-context .dk-this').textContent")
    at = [text for _, text in sentences].index(quoted)
    assert sentences[at - 1][1] in shown and sentences[at + 1][1] in shown


# -------------------------------------------------------------------------------------- habits

def test_url_state_round_trips(open_page, rich_page: Path) -> None:
    fragment = "#hidesec=donation&stated=1&w=money&tab=summary&table=1&q=%E4%B9%9D%E9%BE%99&sort=-amount&lang=en&py=1"
    first = open_page(rich_page, fragment)
    state = first.js("Duikou.state()")
    assert (state["tab"], state["table"], state["q"], state["sort"], state["weight"], state["lang"], state["py"]) == \
        ("summary", True, "九龙", "-amount", "money", "en", True)
    assert first.js("location.hash") == fragment
    assert first.page.is_visible("#dk-summary") and first.page.is_visible("#dk-table-pane")
    assert first.page.input_value("#dk-table-q") == "九龙" and "Provider" in first.page.inner_text("#dk-summary")
    again = open_page(rich_page, first.js("location.hash"))
    assert again.js("Duikou.state()") == state
    pair = open_page(rich_page, "#pair=0")
    assert " → " in pair.panel_title()


def test_back_escape_and_empty_canvas(open_page, mini_page: Path) -> None:
    view = open_page(mini_page)
    view.page.mouse.click(*point_on(view, "青白江区弥牟镇物流商会", "九龙县三岩龙乡小学", 0.5))
    assert "pair=" in view.js("location.hash")
    view.click_node("九龙县")
    assert view.panel_title() == "九龙县"
    view.page.go_back()
    view.page.wait_for_function("location.hash.includes('pair=')")
    assert view.panel_title() == "青白江区弥牟镇物流商会 → 九龙县三岩龙乡小学"
    view.page.keyboard.press("Escape")
    assert view.page.is_hidden("#dk-panel") and "pair=" not in view.js("location.hash")
    view.click_node("九龙县")
    view.page.click("#dk-fit")
    view.settle()
    box = view.page.query_selector("#mynetwork").bounding_box()
    view.page.mouse.click(box["x"] + 8, box["y"] + box["height"] - 8)  # empty canvas
    assert view.page.is_hidden("#dk-panel") and view.js("network.getSelectedNodes()") == []


def test_keyboard_moves_the_view_and_pinyin_labels(open_page, mini_page: Path) -> None:
    view = open_page(mini_page, "#lang=en&py=1")
    labels = view.js("network.body.data.nodes.get().map(n => n.label)")
    assert "jiǔ lóng xiàn" in labels and "九龙县" not in labels
    view.page.focus("#mynetwork .vis-network")  # vis's frame takes the keys
    before = view.js("network.getViewPosition()")
    view.page.keyboard.down("ArrowRight")
    view.page.wait_for_timeout(400)
    view.page.keyboard.up("ArrowRight")
    assert view.js("network.getViewPosition()")["x"] != before["x"]
    assert "Noto Sans CJK SC" in view.js("getComputedStyle(document.body).fontFamily")


def test_phone_layout_keeps_the_graph_big(open_page, mini_page: Path) -> None:
    width, height = 390, 844
    view = open_page(mini_page, "", viewport=(width, height))

    def box(selector: str) -> dict:
        return view.page.query_selector(selector).bounding_box()

    graph = box("#mynetwork")
    assert graph["width"] >= width - 10 and graph["height"] >= 0.6 * height
    assert box("#dk-side")["x"] + box("#dk-side")["width"] <= 0  # the side bar waits off screen
    view.page.click("#dk-menu")
    view.settle("JSON.stringify(document.getElementById('dk-side').getBoundingClientRect())")
    assert box("#dk-side")["x"] >= 0
    view.page.keyboard.press("Escape")
    view.settle("JSON.stringify(document.getElementById('dk-side').getBoundingClientRect())")
    assert box("#dk-side")["x"] + box("#dk-side")["width"] <= 0
    view.search("九龙县")
    sheet = box("#dk-panel")
    assert sheet["height"] <= 0.46 * height and sheet["y"] >= 0.5 * height
    assert box("#mynetwork")["width"] >= width - 10 and box("#mynetwork")["height"] >= 0.6 * height
    view.page.click("#dk-panel-close")
    view.page.click("#dk-table-btn")
    assert box("#dk-table-pane")["height"] <= 0.46 * height and box("#mynetwork")["width"] >= width - 10


# ----------------------------------------------------------------------------------------- XSS

def test_markup_in_every_new_view_is_text(open_page, xss_page: Path) -> None:
    name = f"{XSS_IMG}公司"
    view = open_page(xss_page, "#table=1")
    assert any(r[0] == name and r[6] == XSS_FORMULA for r in view.js(ROWS))
    assert XSS_IMG in view.js("document.getElementById('dk-review-list').textContent")
    view.page.click("[data-tab=summary]")
    assert name in view.page.inner_text("[data-chart=provider]")
    view.page.click("[data-tab=map]")
    assert name in view.js("Array.from(document.querySelectorAll('#dk-map circle title')).map(t => t.textContent).join()")
    view.page.click("[data-tab=graph]")
    view.search("xss")
    view.page.click("#dk-panel .dk-relations .dk-chip")  # the pair's records
    panel = view.page.inner_text("#dk-panel")
    assert "<svg onload=alert(4)>" in panel and XSS_FORMULA in panel and XSS_TITLE in panel and XSS_SCRIPT in panel
    assert "100万元" in panel
    view.page.click("#dk-panel .dk-records li:first-child .dk-alone")
    view.page.click("#dk-panel .dk-context-btn")
    assert view.js("document.querySelectorAll('img, b, i, u, [onerror], [onload], [onmouseover], a[href^=javascript]').length") == 0
    assert view.js("document.scripts.length") == 7  # the page's own: five of data, vis-network, the page's scripts
    assert view.dialogs == [] and view.errors == [] and view.blocked == []
    assert XSS_AMOUNT not in view.page.content()  # the amount's label is shown as 万元 from its value


def test_importance_is_networkx_pagerank_of_the_weighted_undirected_graph() -> None:
    """The page ranks nodes by networkx's PageRank of the view made undirected (assistance 1, other relations
    0.1, summed per pair), computed on a matrix made straight from the edges."""
    import random

    import networkx as nx

    from graph.network import importance

    rng = random.Random(3)
    G = nx.MultiDiGraph()
    G.add_nodes_from(f"n{i}" for i in range(60))  # some with no edge: dangling
    for _ in range(150):
        u, v = f"n{rng.randrange(45)}", f"n{rng.randrange(45)}"
        G.add_edge(u, v, rel=rng.choice(["assists", "assists", "location", "headOf"]))
    H = nx.Graph()
    H.add_nodes_from(G)
    for u, v, rel in G.edges(data="rel"):
        if u != v:
            w = 1.0 if rel == "assists" else 0.1
            H.add_edge(u, v, weight=H[u][v]["weight"] + w if H.has_edge(u, v) else w)
    expected = nx.pagerank(H, weight="weight")
    got = importance(G)
    assert list(got) == list(G) and all(math.isclose(got[n], expected[n], rel_tol=1e-12) for n in G)
    assert importance(nx.MultiDiGraph()) == {}
