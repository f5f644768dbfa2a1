"""The explorer page (graph/page.py) in a real browser: headless Chromium opens it from ``file://``
with every other request aborted, and the tests click, type and read it as an analyst would.

The small fixture ``tests/fixtures/page-mini.ttl`` gives exact expectations; the seed build (the
``seed_build`` fixture) shows the real page works; a 10,000-node random graph shows big graphs draw
within :data:`BIG_BUDGET` seconds and stay still.
"""
from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from graph.network import neighbourhood, to_networkx
from graph.page import PIXELS_PER_EDGE, write_network
from graph.vocab import DKR
from tests.conftest import ARTICLES, MINI, SEEDS, XSS_IMG, XSS_SCRIPT, XSS_TITLE, page_edges, page_nodes

ROOT = Path(__file__).resolve().parent.parent
#: seconds from navigation to a drawn, still picture of 10,000 nodes (measured 2–3 s on 2 cores;
#: the margin is for a loaded CI machine)
BIG_BUDGET = 20.0

JIULONG = str(DKR["place/513324"])


def label_of(G, label: str) -> str:
    return next(n for n, d in G.nodes(data=True) if d["label"] == label)


# ----------------------------------------------------------------------------------- the file itself

def test_page_is_one_offline_utf8_file(mini_page: Path) -> None:
    html = mini_page.read_bytes().decode("utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html), "the page loads something from the network"
    assert "<link" not in html and "@import" not in html
    assert "九龙县" in html  # stored as UTF-8, not \\u escapes
    assert not list(mini_page.parent.glob(".*.tmp")), "the atomic write left its temporary file"


def test_article_text_is_escaped_in_the_file(xss_page: Path) -> None:
    html = xss_page.read_text(encoding="utf-8")
    assert XSS_IMG not in html and "<svg" not in html and "<b>evil" not in html and "\u2028" not in html
    assert html.count("</script>") == 7  # the page's own blocks: five of data, vis-network, the page's scripts
    blocks = dict(re.findall(r'<script type="application/json" id="(dk-\w+)">(.*?)</script>', html, re.S))
    assert sorted(blocks) == ["dk-edges", "dk-evidence", "dk-meta", "dk-nodes", "dk-options"]
    nodes = page_nodes(xss_page.read_bytes())
    assert any(n["label"] == f"{XSS_IMG}公司" and XSS_SCRIPT in n["aliases"] for n in nodes)  # intact as data
    assert any(XSS_IMG in s[0] for s in json.loads(blocks["dk-evidence"])["sentences"])


# ----------------------------------------------------------------------------------- in the browser

def test_opens_offline_without_errors(open_page, mini_page: Path, mini_graph: Graph) -> None:
    view = open_page(mini_page)
    assert view.errors == [] and view.blocked == []
    assert len(view.visible()) == to_networkx(mini_graph).number_of_nodes()
    legend = view.page.inner_text("#dk-kinds")
    assert "医院" in legend and "2" in legend  # kinds with counts


@pytest.mark.parametrize("typed", ["九龙", "jiulong", "jiǔlóng", "jiu long xian", "JiuLong"])
def test_search_zooms_to_jiulong(open_page, mini_page: Path, typed: str) -> None:
    view = open_page(mini_page)
    view.page.type("#dk-search", typed)
    first = view.page.wait_for_selector("#dk-search-list li[role=option]")
    assert first.get_attribute("data-node") == JIULONG
    view.page.press("#dk-search", "Enter")
    assert view.panel_title() == "九龙县"
    assert "place%2F513324" in view.js("location.hash")
    view.settle()  # the zoom animation
    centre, node = view.js("[network.getViewPosition(), network.getPositions()[network.getSelectedNodes()[0]]]")
    assert abs(centre["x"] - node["x"]) < 5 and abs(centre["y"] - node["y"]) < 5


def test_click_node_shows_its_place_and_evidence(open_page, mini_page: Path) -> None:
    view = open_page(mini_page)
    view.click_node("九龙县人民医院")
    assert view.panel_title() == "九龙县人民医院"
    panel = view.page.inner_text("#dk-panel")
    assert "四川省 › 甘孜藏族自治州 › 九龙县" in panel
    assert "青白江区人民医院将托管九龙县人民医院" in panel
    assert "qingbaijiang-jiulong.txt" in panel
    assert "九龙县人民医院" in view.page.eval_on_selector_all("#dk-panel .dk-evidence mark", "ms => ms.map(m => m.textContent)")
    view.page.click("#dk-panel a[data-node='%s']" % JIULONG)  # a relation link selects the neighbour
    assert view.panel_title() == "九龙县"
    assert "513324" in view.page.inner_text("#dk-panel")


def test_click_arrow_lists_the_pairs_records(open_page, mini_page: Path) -> None:
    view = open_page(mini_page)
    (ax, ay), (bx, by) = view.node_point("青白江区弥牟镇物流商会"), view.node_point("九龙县三岩龙乡小学")
    view.page.mouse.click((ax + bx) / 2, (ay + by) / 2)
    assert view.panel_title() == "青白江区弥牟镇物流商会 → 九龙县三岩龙乡小学"
    panel = view.page.inner_text("#dk-panel")
    for expected in ("捐赠", "86双", "2021-11-12", "运动加绒鞋送到了学生们的手中", "原文写明"):
        assert expected in panel


def test_kind_filter_hides_exactly_that_kind_and_back_undoes_it(open_page, mini_page: Path, mini_graph: Graph) -> None:
    G = to_networkx(mini_graph)
    hospitals = {d["label"] for _, d in G.nodes(data=True) if d["kind"] == "Hospital"}
    view = open_page(mini_page)
    everything = view.visible()
    view.page.uncheck("input[data-kind=hospital]")
    assert view.visible() == everything - hospitals
    assert "hide=hospital" in view.js("location.hash")
    assert view.js("network.body.data.edges.get({filter: e => e.hidden}).length") > 0
    view.page.go_back()
    view.page.wait_for_function("!location.hash.includes('hide=')")
    assert view.visible() == everything
    assert view.page.is_checked("input[data-kind=hospital]")


def test_sector_filter_hides_that_sectors_arrows(open_page, mini_page: Path) -> None:
    view = open_page(mini_page)
    count = "network.body.data.edges.get({filter: e => !e.hidden}).length"
    before = view.js(count)
    view.page.uncheck("input[data-sector=donation]")
    assert view.js(count) == before - 1
    assert len(view.visible()) == view.js("network.body.data.nodes.length")


def test_document_filter(open_page, xss_page: Path) -> None:
    view = open_page(xss_page)
    view.page.select_option("#dk-doc", "<b>evil</b>.txt")
    assert view.visible() == {f"{XSS_IMG}公司", "九龙县"}


@pytest.mark.parametrize("depth", [1, 2])
def test_neighbourhood_mode(open_page, mini_page: Path, mini_graph: Graph, depth: int) -> None:
    G = to_networkx(mini_graph)
    expected = {d["label"] for _, d in neighbourhood(G, label_of(G, "九龙县人民医院"), depth).nodes(data=True)}
    view = open_page(mini_page)
    view.search("九龙县人民医院")
    view.page.check("input[name=dk-mode][value=nb]")
    view.page.fill("#dk-depth", str(depth))
    view.page.dispatch_event("#dk-depth", "change")
    assert view.visible() == expected
    assert f"depth={depth}" in view.js("location.hash")


def test_path_mode_shows_the_shortest_chain(open_page, mini_page: Path) -> None:
    view = open_page(mini_page)
    view.page.check("input[name=dk-mode][value=path]")
    view.search("弥牟镇物流商会", "#dk-from")
    view.search("九龙县", "#dk-to")
    chain = ["青白江区弥牟镇物流商会", "九龙县三岩龙乡小学", "三岩龙乡", "九龙县"]
    view.page.wait_for_function("document.querySelectorAll('#dk-path li.dk-stop').length === 4")
    assert view.page.eval_on_selector_all("#dk-path li.dk-stop", "items => items.map(i => i.textContent)") == chain
    # each step says its relation and its direction: help given, then the school's place, then up the chain
    steps = view.page.eval_on_selector_all("#dk-path li.dk-step", "items => items.map(i => [i.textContent, i.dataset.dir])")
    assert [d for _, d in steps] == ["forward", "forward", "forward"]
    assert "帮扶 · 捐赠" in steps[0][0] and "位于" in steps[1][0] and "隶属" in steps[2][0]
    assert view.visible() == set(chain)
    assert view.js("network.body.data.edges.get({filter: e => !e.hidden}).length") == 3


def test_bookmarked_view_and_english(open_page, mini_page: Path) -> None:
    view = open_page(mini_page, "#n=place%2F513324&hide=person&lang=en")
    assert view.panel_title() == "九龙县"
    assert "蔡丹昭" not in view.visible() and not view.page.is_checked("input[data-kind=person]")
    assert "Hospitals" in view.page.inner_text("#dk-kinds")
    assert "Assisted by" in view.page.inner_text("#dk-panel")
    # its sentences too, though the panel opened before the browser had read them (page.html puts them last)
    view.page.wait_for_selector("#dk-panel .dk-evidence li q mark", timeout=5000)
    view.page.click("#dk-lang")
    assert "受援于" in view.page.inner_text("#dk-panel")
    assert "lang=" not in view.js("location.hash")


def test_export_png(open_page, mini_page: Path) -> None:
    view = open_page(mini_page)
    with view.page.expect_download() as info:
        view.page.click("#dk-png")
    data = Path(info.value.path()).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000


def test_api_for_the_query_panel(open_page, mini_page: Path, mini_graph: Graph) -> None:
    G = to_networkx(mini_graph)
    view = open_page(mini_page)
    assert view.js("iri => window.duikouSelect(iri)", label_of(G, "聂申明")) is True
    assert view.panel_title() == "聂申明"
    pair = [label_of(G, "青白江区人民医院"), label_of(G, "九龙县人民医院")]
    assert view.js("p => window.duikouShowSubgraph(p, [{from: p[0], to: p[1]}])", pair) == 2
    assert view.visible() == {"青白江区人民医院", "九龙县人民医院"}
    assert view.js("window.duikouShowSubgraph(['urn:unknown'])") == 0
    assert view.errors == []


def test_article_markup_shows_as_text_and_runs_nothing(open_page, xss_page: Path) -> None:
    view = open_page(xss_page)
    view.page.type("#dk-search", "xss")  # found by its pinyin, which carries markup too
    view.page.wait_for_selector("#dk-search-list li[role=option]")
    assert "<a href=x>xss</a>" in view.page.inner_text("#dk-search-list")
    view.page.press("#dk-search", "Enter")
    assert view.panel_title() == f"{XSS_IMG}公司"
    panel = view.page.inner_text("#dk-panel")
    assert XSS_SCRIPT in panel and "href=javascript:alert(3)" in panel and XSS_TITLE in panel
    view.page.click("#dk-panel .dk-relations .dk-chip")  # the assistance record, trigger <svg …>
    assert "<svg onload=alert(4)>" in view.page.inner_text("#dk-panel")
    view.page.hover("#mynetwork")
    view.page.mouse.move(*view.node_point(f"{XSS_IMG}公司"))
    view.page.wait_for_selector("#dk-tip:not([hidden])")
    assert XSS_IMG in view.page.inner_text("#dk-tip")
    assert view.js("document.querySelectorAll('img, svg, b, #dk-panel a:not([data-node])').length") == 0
    assert view.dialogs == [] and view.errors == [] and view.blocked == []


# ------------------------------------------------------------------------------------ the seed page

def test_seed_page_search_and_evidence(open_page, seed_build: Path) -> None:
    assert (seed_build / "graph.html").stat().st_size < 1_500_000
    view = open_page(seed_build / "graph.html")
    assert view.errors == [] and view.blocked == []
    view.search("九龙")
    assert view.panel_title() == "九龙县"
    assert view.page.query_selector_all("#dk-panel .dk-evidence li")
    assert "九龙县" in view.page.eval_on_selector_all("#dk-panel .dk-evidence mark", "ms => ms.map(m => m.textContent)")
    view.page.fill("#dk-search", "")
    view.search("jiulong")
    assert view.panel_title() == "九龙县"


# ------------------------------------------------------------------------------------- a big graph

def test_ten_thousand_nodes_draw_fast_and_stay_still(open_page, tmp_path: Path) -> None:
    from benchmarks.synthetic import random_graph

    path = tmp_path / "big.html"
    G = to_networkx(random_graph(10_000))
    write_network(G, path)
    view = open_page(path)
    assert view.seconds < BIG_BUDGET, f"10,000 nodes took {view.seconds:.1f} s to draw"
    positions = "JSON.stringify(network.getPositions([0, 1, 2, 4999, 9999]))"
    before = view.js(positions)
    view.page.wait_for_timeout(1000)
    assert view.js(positions) == before
    assert view.errors == []
    view.search("0", "#dk-search")  # search stays usable at this size
    assert view.panel_title()
    print(f"\n10,000 nodes drawn in {view.seconds:.2f} s")


# ----------------------------------------------------------------------------------- explore.py render

def _render(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "explore.py"), "render", *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


@pytest.fixture(scope="session")
def mini_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build folder holding the mini graph, newer than the seeds so nothing is rebuilt."""
    folder = tmp_path_factory.mktemp("mini-build")
    (folder / "graph.ttl").write_bytes(MINI.read_bytes())
    return folder


def _page_labels(path: Path) -> set[str]:
    return {n["label"] for n in page_nodes(path.read_bytes())}


# ---------------------------------------------------------------------------- a rebuild's drawing

HOSPITAL = ("青白江区人民医院专家赴九龙县义诊\n\n12月5日，青白江区人民医院派出5名专家到九龙县人民医院开展义诊，"
            "区人民医院副院长李明带队。九龙县人民医院院长王刚表示感谢，两院将继续深化“院对院”帮扶合作。\n")


def _drawn(out: Path) -> tuple[dict[str, tuple[float, float]], list[tuple[str, str]]]:
    """Where the built page draws each node (by IRI) and its edges' ends."""
    html = (out / "graph.html").read_bytes()
    nodes = page_nodes(html)
    edges = page_edges(html)
    iri = [n["iri"] for n in nodes]
    return {n["iri"]: (n["x"], n["y"]) for n in nodes}, [(iri[e["from"]], iri[e["to"]]) for e in edges]


def test_a_rebuild_keeps_where_the_nodes_were_and_places_the_new_ones_beside_their_neighbours(tmp_path: Path) -> None:
    from graph.build import build
    from graph.page import LAYOUT

    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    shutil.copy(SEEDS / "qingbaijiang-jiulong.txt", corpus / "seed.txt")
    for name in ("changzhou-ziyang", "licheng-chengkou"):
        shutil.copy(ARTICLES / f"{name}.txt", corpus / f"{name}.txt")
    build([corpus], out, jobs=1)
    before, _ = _drawn(out)
    (corpus / "hospital.txt").write_text(HOSPITAL, encoding="utf-8")  # two new people at two known hospitals
    build([corpus], out, jobs=1)
    after, edges = _drawn(out)
    assert before.keys() <= after.keys()
    assert {iri: after[iri] for iri in before} == before  # not one node moved
    new = after.keys() - before.keys()
    beside = {a if b in before else b: after[b if b in before else a] for a, b in edges
              if (a in new) != (b in new)}  # a new node → a kept neighbour's place
    assert len(new) >= 2 and beside.keys() == new
    for iri in new:
        x, y = after[iri]
        assert math.dist((x, y), beside[iri]) <= 3 * PIXELS_PER_EDGE  # beside a neighbour, not anywhere
        assert min(math.dist((x, y), p) for other, p in after.items() if other != iri) >= 20  # on no other node
    kept = json.loads((out / LAYOUT).read_bytes())["positions"]
    assert sorted(map(tuple, kept.values())) == sorted(after.values())  # the file holds what the page draws

    # the same input gives the same bytes: a forced rebuild draws the very page again, two clean builds agree
    page, layout = (out / "graph.html").read_bytes(), (out / LAYOUT).read_bytes()
    build([corpus], out, jobs=1, force=True)
    assert (out / "graph.html").read_bytes() == page and (out / LAYOUT).read_bytes() == layout
    build([corpus], tmp_path / "a", jobs=1)
    build([corpus], tmp_path / "b", jobs=1)
    assert (tmp_path / "a" / "graph.html").read_bytes() == (tmp_path / "b" / "graph.html").read_bytes()
    assert (tmp_path / "a" / LAYOUT).read_bytes() == (tmp_path / "b" / LAYOUT).read_bytes()
    assert (tmp_path / "a" / "graph.html").read_bytes() != page  # drawn afresh, not as the rebuild was
    # a layout file that is not whole is no reason to fail: the page is drawn afresh, as a clean build draws it
    (out / LAYOUT).write_text('{"format": 1, "positions": {"x": [1', encoding="utf-8")
    build([corpus], out, jobs=1, force=True)
    assert (out / "graph.html").read_bytes() == (tmp_path / "a" / "graph.html").read_bytes()


def test_render_focus(mini_build: Path, mini_graph: Graph, tmp_path: Path) -> None:
    out = tmp_path / "focus.html"
    done = _render("--focus", "jiulong xian renmin yiyuan", "--depth", "1", "--build", str(mini_build), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert _page_labels(out) == {"九龙县人民医院", "青白江区人民医院", "九龙县"}


def test_render_construct_query(mini_build: Path, tmp_path: Path) -> None:
    query = tmp_path / "health.rq"
    query.write_text("CONSTRUCT { ?p dk:assistsHealth ?r } WHERE { ?p dk:assistsHealth ?r }", encoding="utf-8")
    out = tmp_path / "health.html"
    done = _render("--query", str(query), "--build", str(mini_build), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert _page_labels(out) == {"九龙县人民医院", "青白江区人民医院"}


@pytest.mark.parametrize("args, message", [
    (["--focus", "不存在的地方"], "no entity"),
    (["--query", "missing.rq"], "cannot read the query"),
    ([], "needs --query"),
])
def test_render_errors_are_one_line(mini_build: Path, tmp_path: Path, args: list[str], message: str) -> None:
    done = _render(*args, "--build", str(mini_build), "--out", str(tmp_path / "x.html"))
    assert done.returncode != 0
    assert message in done.stderr and len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr


def test_an_article_with_markup_built_end_to_end_runs_nothing(open_page, tmp_path: Path) -> None:
    """The same safety through the whole pipeline: a real article file, built by the extractor."""
    from graph.build import build

    article = tmp_path / "xss.txt"
    article.write_text(f"青白江区对口帮扶九龙县。{XSS_IMG}九龙县人民医院由青白江区人民医院托管{XSS_SCRIPT}。",
                       encoding="utf-8")
    result = build([article], tmp_path / "out")
    view = open_page(result.html)
    view.search("九龙县人民医院")
    panel = view.page.inner_text("#dk-panel")
    assert XSS_IMG in panel and XSS_SCRIPT in panel
    assert view.js("document.querySelectorAll('img, #dk-panel script').length") == 0
    assert view.dialogs == [] and view.errors == [] and view.blocked == []
