"""Shared fixtures: the seed graph is built once per test session, into a temporary folder; the page
tests' graphs (a small hand-made one, one with markup in every string) and their opened pages."""
from __future__ import annotations

import json
import os
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SEEDS = ROOT / "seeds"
ARTICLES = ROOT / "tests" / "articles"
MINI = ROOT / "tests" / "fixtures" / "page-mini.ttl"
XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_SCRIPT = "</script><script>alert(2)</script>"
XSS_TITLE = "<i onmouseover=alert(6)>标题</i>"
XSS_AMOUNT = "<u>100万元</u>"
XSS_FORMULA = '=HYPERLINK("http://x","y")'


_MODULES = r"""
import json, os, sys
sys.argv = ["explore.py"]
import explore
import graph.queries

original = graph.queries.written

def probed(*args, **kwargs):  # runs in the forked query worker, which looks `written` up when it starts
    done = original(*args, **kwargs)
    with open(os.environ["PROBE_OUT"], "w") as f:
        json.dump(sorted(sys.modules), f)
    return done

graph.queries.written = probed
status = explore.main(json.loads(sys.stdin.read()))
print("\n" + json.dumps({"status": status, "parent": sorted(sys.modules)}))
"""


def command_modules(tmp_path: Path, *args: str) -> tuple[int, set[str], set[str], str, str]:
    """Run ``explore.py ARGS`` (a query) in a real process: its status, the modules its own process and its query
    worker had loaded once the answer was written, and what it printed on stdout and on stderr."""
    import subprocess

    worker = tmp_path / "worker-modules.json"
    worker.unlink(missing_ok=True)
    done = subprocess.run([sys.executable, "-c", _MODULES], input=json.dumps(list(args)), capture_output=True,
                          text=True, cwd=ROOT, timeout=300, env={**os.environ, "PROBE_OUT": str(worker)})
    assert done.returncode == 0, done.stderr
    *printed, last = done.stdout.splitlines()
    seen = json.loads(last)
    return (seen["status"], set(seen["parent"]), set(json.loads(worker.read_text())), "\n".join(printed),
            done.stderr)


_BLOCK = rb'(<script type="application/json" id="%s">)(.*?)(</script>)'
_NODES_BLOCK = re.compile(_BLOCK % rb"dk-nodes", re.S)


def page_nodes(html: bytes) -> list[dict]:
    """The nodes a built page draws, as its script reads them from graph/page.py's columns: IRI (as
    written), label, aliases and position."""
    cols = json.loads(_NODES_BLOCK.search(html).group(2))
    aliases = dict(zip(*cols["sparse"]["aliases"]))
    return [{"iri": iri, "label": label, "aliases": aliases.get(i, []), "x": x, "y": y}
            for i, (iri, label, x, y) in enumerate(zip(cols["iri"], cols["label"], cols["x"], cols["y"]))]


def page_edges(html: bytes) -> list[dict]:
    """The edges a built page draws: the indexes of their two ends in :func:`page_nodes`, their relation
    (the page leaves out ``assists``, most of them; page.js puts it back) and sector."""
    cols = json.loads(re.search(_BLOCK % rb"dk-edges", html, re.S).group(2))

    def decoded(name: str) -> list[str | None]:
        return [cols["tables"][name][i] if i >= 0 else None for i in cols[name]]

    return [{"from": a, "to": b, "rel": rel or "assists", "sector": sector}
            for a, b, rel, sector in zip(cols["from"], cols["to"], decoded("rel"), decoded("sector"))]


def without_positions(html: bytes) -> bytes:
    """The page with its nodes' coordinates left out: what stays the same whichever layout drew it."""
    def strip(m: re.Match) -> bytes:
        cols = {k: v for k, v in json.loads(m.group(2)).items() if k not in ("x", "y")}
        return m.group(1) + json.dumps(cols, ensure_ascii=False, sort_keys=True).encode("utf-8") + m.group(3)

    return _NODES_BLOCK.sub(strip, html, count=1)


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder holding ``graph.ttl`` and ``graph.html`` built from ``seeds/``."""
    from graph.build import build

    out = tmp_path_factory.mktemp("seed-build")
    build([SEEDS], out)
    return out


@pytest.fixture(scope="session")
def seed_graph(seed_build: Path):
    """The seed graph parsed into rdflib (in-memory store: small, and independent of the query layer)."""
    from rdflib import Graph

    g = Graph()
    g.parse(seed_build / "graph.ttl", format="turtle")
    return g


@pytest.fixture(scope="session")
def seed_extraction():
    from graph.extract import extract
    from graph.text import read_document

    return extract(read_document(SEEDS / "qingbaijiang-jiulong.txt"))


# Headless Chromium as the environment's notes advise: no background networking, a fresh profile, root-safe.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    """One Debian Chromium for the session, driven by Playwright (the sync API allows one driver at a time).

    Missing Chromium skips the browser tests on a developer's machine but fails them in CI, which installs it.
    """
    sync_api = pytest.importorskip("playwright.sync_api")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: .ci/run installs Debian's chromium")
        pytest.skip("no chromium to run the page in (.ci/run installs Debian's)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def mini_graph():
    from rdflib import Graph

    return Graph().parse(MINI, format="turtle")


@pytest.fixture(scope="session")
def mini_page(mini_graph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from graph.page import write_page

    path = tmp_path_factory.mktemp("page") / "graph.html"
    write_page(mini_graph, path)
    return path


@pytest.fixture(scope="session")
def xss_graph(mini_graph):
    """The mini graph plus an article whose names and sentence carry markup and a script end tag."""
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import RDF, RDFS, SKOS

    from graph.vocab import DK, DK_IRI, DKR, PROV, SCHEMA, SECTORS

    jiulong = URIRef(str(DKR["place/513324"]))
    g = Graph()
    for triple in mini_graph:
        g.add(triple)
    org, record = DKR["org/xss"], DKR["assistance/xss"]
    doc, sentence = DKR["doc/xss"], DKR["doc/xss/s0-60"]
    text = f"据报道,{XSS_IMG}公司向九龙县捐赠物资{XSS_SCRIPT}\u2028共计href=javascript:alert(3)。"
    g.add((doc, RDF.type, DK.Document))
    g.add((doc, DK.fileName, Literal("<b>evil</b>.txt")))
    g.add((sentence, RDF.type, DK.Sentence))
    g.add((sentence, RDF.value, Literal(text)))
    g.add((sentence, DK.document, doc))
    g.add((sentence, DK.start, Literal(0)))
    g.add((org, RDF.type, DK.Company))
    g.add((org, RDFS.label, Literal(f"{XSS_IMG}公司", lang="zh")))
    g.add((org, SKOS.altLabel, Literal(XSS_SCRIPT, lang="zh")))
    g.add((org, SKOS.altLabel, Literal("<a href=x>xss</a> gōng sī", lang="zh-Latn-pinyin")))
    g.add((org, DK.mentionedIn, sentence))
    g.add((jiulong, DK.mentionedIn, sentence))
    g.add((org, DK.assists, jiulong))
    g.add((record, RDF.type, DK.Assistance))
    g.add((record, DK.provider, org))
    g.add((record, DK.recipient, jiulong))
    g.add((record, DK.sector, SECTORS["donation"][0]))
    g.add((record, DK.trigger, Literal("<svg onload=alert(4)>", lang="zh")))
    g.add((record, PROV.wasDerivedFrom, sentence))
    # the new views: a place for the map, money for the table and summaries, a title and an address for
    # the document, a verb a spreadsheet would run as a formula
    amount, formula = DKR["quantity/xss"], DKR["assistance/xss-formula"]
    g.add((org, SCHEMA.location, jiulong))
    g.add((doc, SCHEMA.headline, Literal(XSS_TITLE)))
    g.add((doc, SCHEMA.url, Literal("javascript:alert(5)")))
    g.add((amount, RDF.type, SCHEMA.MonetaryAmount))
    g.add((amount, RDFS.label, Literal(XSS_AMOUNT, lang="zh")))
    g.add((amount, SCHEMA.value, Literal(1000000)))
    g.add((amount, SCHEMA.currency, Literal("CNY")))
    g.add((amount, URIRef(DK_IRI + "moneyKind"), DKR["money/donation"]))
    g.add((record, DK.amount, amount))
    g.add((formula, RDF.type, DK.Assistance))
    g.add((formula, DK.provider, org))
    g.add((formula, DK.recipient, jiulong))
    g.add((formula, DK.sector, SECTORS["industry"][0]))
    g.add((formula, DK.trigger, Literal(XSS_FORMULA, lang="zh")))
    g.add((formula, PROV.wasDerivedFrom, sentence))
    return g


@pytest.fixture(scope="session")
def xss_page(xss_graph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The page of :func:`xss_graph`, with a build warning that carries markup too."""
    from graph.network import to_networkx
    from graph.page import write_network

    path = tmp_path_factory.mktemp("xss") / "graph.html"
    write_network(to_networkx(xss_graph), path, warnings=[f"<b>evil</b>.txt: sentence 1: {XSS_IMG}"])
    return path


@dataclass
class View:
    """An opened page and what it did: console errors, requests it tried off disk, dialogs it opened."""

    page: object
    errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def js(self, script: str, arg: object = None) -> object:
        return self.page.evaluate(script, arg)

    def settle(self, probe: str = "JSON.stringify([network.getScale(), network.getViewPosition()])",
               timeout: float = 15.0) -> None:
        """Wait until an animation is over: ``probe`` (by default the view's zoom and centre) reads the same
        three times 200 ms apart.  vis animates frame by frame, so on a loaded machine its 400 ms animation
        takes longer, and a fixed wait is too short there and too long on a quiet one."""
        import time

        self.page.wait_for_timeout(450)
        deadline = time.monotonic() + timeout
        last, same = self.js(probe), 0
        while same < 2:
            if time.monotonic() > deadline:
                raise AssertionError(f"still moving after {timeout} s: {probe}")
            self.page.wait_for_timeout(200)
            now = self.js(probe)
            same = same + 1 if now == last else 0
            last = now

    def visible(self) -> set[str]:
        return set(self.js("network.body.data.nodes.get({filter: n => !n.hidden}).map(n => n.label)"))

    def node_point(self, label: str) -> tuple[float, float]:
        """Where a node is drawn, in page coordinates."""
        return tuple(self.js("""label => {
            const n = network.body.data.nodes.get({filter: x => x.label === label})[0];
            const p = network.canvasToDOM(network.getPositions([n.id])[n.id]);
            const r = document.getElementById('mynetwork').getBoundingClientRect();
            return [r.left + p.x, r.top + p.y];
        }""", label))

    def click_node(self, label: str) -> None:
        self.page.mouse.click(*self.node_point(label))

    def search(self, text: str, pick: str = "#dk-search") -> None:
        self.page.fill(pick, "")
        self.page.type(pick, text)
        self.page.wait_for_selector(f"{pick}-list li[role=option]")
        self.page.press(pick, "Enter")

    def panel_title(self) -> str:
        self.page.wait_for_selector("#dk-panel:not([hidden]) h2")
        return self.page.inner_text("#dk-panel h2")


@pytest.fixture
def open_page(browser):
    contexts = []

    def _open(path: Path, fragment: str = "", viewport: tuple[int, int] = (1400, 850), init: str = "") -> View:
        """The page opened offline; ``init`` a script run before the page's own."""
        context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        view = View(page)

        def route(r) -> None:
            if r.request.url.startswith("file://"):
                r.continue_()
            else:
                view.blocked.append(r.request.url)
                r.abort()

        def dialog(d) -> None:
            view.dialogs.append(d.message)
            d.dismiss()

        page.route("**/*", route)
        page.on("console", lambda m: view.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: view.errors.append(str(e)))
        page.on("dialog", dialog)
        if init:
            page.add_init_script(init)
        start = time.monotonic()
        page.goto(path.as_uri() + fragment)
        page.wait_for_function("document.documentElement.hasAttribute('data-drawn')", timeout=120_000)
        view.seconds = time.monotonic() - start
        return view

    yield _open
    for context in contexts:
        context.close()
