"""The explorer page in headless Chromium, against pyvis's defaults: random graphs and synthetic corpora.

Run: ``python benchmarks/bench_page.py [--sizes 500 2000 10000] [--corpus 1000 10000] [--cap 60]``.  Not part
of CI.

**Random graphs.** For each size one random graph (``benchmarks/synthetic.py``: edges = 2 × nodes) is drawn
twice: by ``graph.page`` (positions from ``graph.network.layout``, physics off) and by a plain pyvis
``Network`` with its defaults (physics on, dynamic smooth edges), its node and edge lists filled
directly.  Both pages are opened from ``file://`` with every other request aborted, and a script
injected before the page's own samples the node positions every 0.5 s (``performance.now()``,
from navigation start): the drawing is stable at the first sample after which no node moved more
than a pixel in the next 0.5 s, once something has been drawn.  A page not stable after ``--cap``
seconds is reported as ``>cap``, a lower bound.  The first drawing is reported too: pyvis's defaults
first draw after 1,000 hidden stabilisation steps, then keep moving for a long while (at 500 nodes,
drawn at 34 s, still moving 5–10 px per half second until 115 s in one run).

**Corpora.** For each ``--corpus`` size, ``benchmarks/generate.py`` writes that many articles and
``explore.py build`` builds them (both kept in ``--work``, so a second run reuses them); the built graph
is then drawn by ``graph.page`` and by pyvis's defaults.  Measured: the page's size; the time from
navigation until the most important names are drawn readable (the ten top-ranked visible nodes
labelled at ≥ 10 px, read from the page's ``Duikou.labelled()``); the time each other view takes to
draw (records table, summaries, map); the time for the records table to filter 100,000 rows (the
corpus's records, replicated in the page up to 100,000, then a query typed); the JavaScript heap; and for
pyvis's page its first drawing (nothing of it is readable before: every label sits on a moving node)
and its heap.

**The page follows the change** (``--follow 1000``): a copy of that corpus's build folder is rebuilt after 1% more
articles (``generate.py`` with another seed), then the page step of the rebuilt graph is timed in turns with the
kept layout (``graph.layout.json``, every node drawn before stays, the new ones are placed beside them) and laid out
afresh, CPU and wall time, twice each.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]

# Runs before the page's scripts; vis's `network` global appears later and is picked up by the timer.
SAMPLER = """
(() => {
  let prev = null, prevTime = 0, drawnAt = null, hooked = false;
  const timer = setInterval(() => {
    if (typeof network === "undefined" || !network || !network.body) return;
    if (!hooked) {
      hooked = true;
      network.on("afterDrawing", () => { if (drawnAt === null) window.__drawnAt = drawnAt = performance.now(); });
    }
    if (drawnAt === null && document.documentElement.hasAttribute("data-drawn")) {
      window.__drawnAt = drawnAt = Number(document.documentElement.getAttribute("data-drawn"));
    }
    const ids = network.body.nodeIndices, nodes = network.body.nodes, now = performance.now();
    const cur = new Float64Array(ids.length * 2);
    let moved = prev === null || prev.length !== cur.length ? Infinity : 0;
    for (let i = 0; i < ids.length; i++) {
      const n = nodes[ids[i]];
      cur[2 * i] = n.x; cur[2 * i + 1] = n.y;
      if (moved !== Infinity) moved = Math.max(moved, Math.abs(n.x - prev[2 * i]), Math.abs(n.y - prev[2 * i + 1]));
    }
    if (moved < 1 && drawnAt !== null) {
      window.__stableAt = Math.max(prevTime, drawnAt);
      clearInterval(timer);
    }
    prev = cur; prevTime = now;
  }, 500);
})();
"""


def pyvis_default_page(G, path: Path) -> None:
    """What a user gets from pyvis without tuning: Network() defaults, physics on."""
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    ids = {node: i for i, node in enumerate(G)}
    net.nodes = [{"id": ids[n], "label": d["label"], "shape": "dot", "color": "#97c2fc"}
                 for n, d in G.nodes(data=True)]
    net.edges = [{"from": ids[u], "to": ids[v], "arrows": "to"} for u, v in G.edges()]
    path.write_text(net.generate_html(), encoding="utf-8")


@contextmanager
def opened(browser, path: Path, sampler: bool = True):
    """A page navigating to ``path`` offline (other requests aborted), with :data:`SAMPLER` if asked."""
    context = browser.new_context(viewport={"width": 1400, "height": 850})
    try:
        page = context.new_page()
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
        if sampler:
            page.add_init_script(SAMPLER)
        page.goto(path.as_uri(), wait_until="commit")
        yield page
    finally:
        context.close()


def time_to_stable(browser, path: Path, cap: float) -> tuple[float | None, float | None]:
    """Seconds from navigation to the first drawing and to a stable one; None for what took past ``cap``."""
    with opened(browser, path) as page:
        try:
            page.wait_for_function("window.__stableAt !== undefined", timeout=cap * 1000, polling=250)
        except Exception:  # Playwright's TimeoutError: the cap is a lower bound
            # the page may be too busy to answer an evaluate at all: ask with a deadline
            try:
                drawn = page.wait_for_function("window.__drawnAt", timeout=3000).json_value()
            except Exception:
                return None, None
            return (drawn / 1000 if drawn <= cap * 1000 else None), None
        drawn, stable = page.evaluate("[window.__drawnAt, window.__stableAt]")
        return drawn / 1000, stable / 1000


# Runs in the page once it is drawn: the top names readable, then each view and the table's filter.
READABLE = """() => {
  const labelled = new Map(Duikou.labelled());
  const top = Array.from(Duikou.shownNodes()).sort((a, b) => Duikou.NODES[b].value - Duikou.NODES[a].value || a - b).slice(0, 10);
  return top.length > 0 && top.every(id => (labelled.get(id) || 0) >= 10);
}"""
VIEWS = """() => {
  const out = {};
  const time = (name, change) => { const t = performance.now(); Duikou.commit(change); out[name] = performance.now() - t; };
  time("table", {table: true});
  time("summary", {tab: "summary"});
  time("map", {tab: "map"});
  time("graph", {tab: "graph", table: false});
  const R = Duikou.RECORDS, n = R.length;
  for (let i = 0; R.length < 100000; i++) R.push(Object.assign({}, R[i % n], {i: R.length}));
  Duikou.commit({table: true, stated: true});
  Duikou.commit({stated: false});
  out.rows = Duikou.visibleRecords().length;
  time("filter", {q: "医院"});
  out.filtered = Number(document.getElementById("dk-table-pane").dataset.rows);
  out.filterOnly = Number(document.getElementById("dk-table-pane").dataset.filterMs);
  return out;
}"""


def heap_mb(page) -> float:
    """The page's JavaScript heap in use, from the DevTools protocol."""
    session = page.context.new_cdp_session(page)
    session.send("Performance.enable")
    metrics = {m["name"]: m["value"] for m in session.send("Performance.getMetrics")["metrics"]}
    return metrics["JSHeapUsedSize"] / 2 ** 20


def measure_ours(browser, path: Path) -> dict:
    """Seconds to readable top names, to each view and to a filtered table of 100,000 rows; heap."""
    with opened(browser, path, sampler=False) as page:
        page.wait_for_function("window.Duikou && document.documentElement.hasAttribute('data-drawn')",
                               timeout=120_000, polling=50)
        page.wait_for_function(READABLE, timeout=60_000, polling=50)
        readable = page.evaluate("performance.now()") / 1000  # from navigation start
        heap = heap_mb(page)
        views = page.evaluate(VIEWS)
        return {"readable": readable, "heap": heap, **views}


def measure_pyvis(path: Path, cap: float) -> dict:
    """Seconds to pyvis's first drawing (None past ``cap``) and its heap then, in a browser of its own:
    a page of 80,000 nodes with physics on blocks its renderer for minutes, and with it the browser's
    shutdown, so the measurement runs in a child process that is killed past ``cap`` + 30 s."""
    child = subprocess.Popen([sys.executable, __file__, "--pyvis-page", str(path), "--cap", str(cap)],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT,
                             start_new_session=True)
    try:
        out, _ = child.communicate(timeout=cap + 30)
        return json.loads(out.strip().splitlines()[-1])
    except (subprocess.TimeoutExpired, IndexError, json.JSONDecodeError):
        return {"drawn": None, "heap": None}
    finally:
        try:
            os.killpg(child.pid, signal.SIGKILL)  # its browser too
        except ProcessLookupError:
            pass
        child.wait()


def _pyvis_child(browser, path: Path, cap: float) -> dict:
    with opened(browser, path) as page:
        try:
            page.wait_for_function("window.__drawnAt !== undefined", timeout=cap * 1000, polling=250)
        except Exception:  # Playwright's TimeoutError: still stabilising, nothing drawn
            return {"drawn": None, "heap": None}
        return {"drawn": page.evaluate("window.__drawnAt") / 1000, "heap": heap_mb(page)}


def corpus_page(size: int, work: Path) -> tuple[Path, object]:
    """Generate and build a corpus of ``size`` articles in ``work`` (reused when there); its page and view."""
    import pyoxigraph as ox

    from benchmarks.generate import generate
    from graph.network import oxigraph_triples, to_networkx

    corpus, out = work / f"corpus-{size}", work / f"build-{size}"
    if not corpus.exists():
        generate(corpus, size)
    if not (out / "graph.html").exists():
        subprocess.run([sys.executable, str(ROOT / "explore.py"), "build", str(corpus), "--out", str(out), "-j", "2"],
                       check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    store = ox.Store()
    store.bulk_load(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    return out / "graph.html", to_networkx(oxigraph_triples(store))


def corpus_rows(browser, sizes: list[int], work: Path, cap: float) -> list[str]:
    from graph.page import write_network

    if not sizes:
        return []
    rows = []
    for size in sizes:
        page, G = corpus_page(size, work)
        start = time.perf_counter()
        write_network(G, page)
        written = time.perf_counter() - start
        theirs = work / f"pyvis-{size}.html"
        pyvis_default_page(G, theirs)
        ours, pv = measure_ours(browser, page), measure_pyvis(theirs, cap)
        rows.append((size, G.number_of_nodes(), G.number_of_edges(), written, page.stat().st_size,
                     theirs.stat().st_size, ours, pv))
        print(f"corpus of {size} articles done", file=sys.stderr, flush=True)
    lines = ["| articles | nodes | edges | page written | size: page.py / pyvis | top names readable "
             "| table / summary / map | filter 100,000 rows | heap | pyvis: first drawn | heap | ratio (first readable) |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for size, nodes, edges, written, ours_size, theirs_size, ours, pv in rows:
        drawn = f">{cap:g} s" if pv["drawn"] is None else f"{pv['drawn']:.1f} s"
        heap = "–" if pv["heap"] is None else f"{pv['heap']:.0f} MB"
        ratio = f"≥{cap / ours['readable']:.0f}×" if pv["drawn"] is None else f"{pv['drawn'] / ours['readable']:.1f}×"
        lines.append(
            f"| {size:,} | {nodes:,} | {edges:,} | {written:.1f} s | {ours_size / 1e6:.1f} / {theirs_size / 1e6:.1f} MB "
            f"| {ours['readable']:.2f} s | {ours['table'] / 1000:.2f} / {ours['summary'] / 1000:.2f} / {ours['map'] / 1000:.2f} s "
            f"| {ours['filter'] / 1000:.2f} s ({ours['rows']:,} → {ours['filtered']:,}; filter alone {ours['filterOnly'] / 1000:.2f} s) "
            f"| {ours['heap']:.0f} MB | {drawn} | {heap} | {ratio} |")
    return lines


def follow_rows(sizes: list[int], work: Path) -> list[str]:
    """The page step after a 1% change, with the kept layout against a fresh one (see the module's docstring)."""
    import pyoxigraph as ox

    from benchmarks.generate import generate
    from graph.build import _page, build
    from graph.page import LAYOUT
    from graph.turtle import ordered

    def merged(folder: Path) -> list:
        store = ox.Store()
        store.bulk_load(path=str(folder / "graph.ttl"), format=ox.RdfFormat.TURTLE)
        return ordered(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))

    lines = ["| articles | added | rebuild: extract / merge / write / page | page step, kept layout (CPU / wall) "
             "| page step, fresh layout (CPU / wall) |", "|---|---|---|---|---|"]
    for size in sizes:
        corpus_page(size, work)
        folder, corpus, fresh = work / f"follow-{size}", work / f"follow-corpus-{size}", work / f"follow-fresh-{size}"
        for d in (folder, corpus, fresh):
            shutil.rmtree(d, ignore_errors=True)
        shutil.copytree(work / f"build-{size}", folder)
        shutil.copytree(work / f"corpus-{size}", corpus)
        fresh.mkdir()
        if not (folder / LAYOUT).exists():  # a folder built before layouts were kept: keep this one's
            (folder / LAYOUT).write_bytes(_page(merged(folder), [], folder)[LAYOUT])
        added = max(1, size // 100)
        generate(corpus / "added", added, seed=99)
        result = build([corpus], folder, jobs=1)
        quads = merged(folder)
        times: dict[Path, list[tuple[float, float]]] = {folder: [], fresh: []}
        for where in (fresh, folder, fresh, folder):
            cpu, wall = time.process_time(), time.perf_counter()
            _page(quads, [], where)
            times[where].append((time.process_time() - cpu, time.perf_counter() - wall))

        def spread(runs: list[tuple[float, float]]) -> str:
            return " / ".join("–".join(f"{v:.1f}" for v in sorted({round(r[k], 1) for r in runs})) + " s" for k in (0, 1))

        t = result.timings
        lines.append(f"| {size:,} | {added} | {t['extract']:.1f} / {t['merge']:.1f} / {t['write']:.1f} / {t['page']:.1f} s "
                     f"| {spread(times[folder])} | {spread(times[fresh])} |")
        print(f"follow {size} done", file=sys.stderr, flush=True)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[500, 2000, 10_000])
    parser.add_argument("--corpus", type=int, nargs="*", default=[1000, 10_000],
                        help="synthetic corpora of this many articles (generate.py), built once into --work")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "duikou-bench-page")
    parser.add_argument("--cap", type=float, default=60.0, help="seconds to wait for pyvis's defaults")
    parser.add_argument("--follow", type=int, nargs="*", default=[],
                        help="the page step after adding 1%% to a corpus of this many articles, kept layout against fresh")
    parser.add_argument("--pyvis-page", type=Path, help=argparse.SUPPRESS)  # measure_pyvis's child
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    from benchmarks.synthetic import random_graph
    from graph.network import to_networkx
    from graph.page import write_network

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("bench_page.py: no chromium found (apt-get install chromium)")
    if args.pyvis_page:
        with sync_playwright() as p:
            print(json.dumps(_pyvis_child(p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS),
                                          args.pyvis_page, args.cap)), flush=True)
            os._exit(0)  # without waiting for a renderer that may still be busy
    rows = []
    args.work.mkdir(parents=True, exist_ok=True)
    if args.follow:
        print("\n".join(follow_rows(args.follow, args.work)))
        print()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        corpus = corpus_rows(browser, args.corpus, args.work, args.cap)
        for size in args.sizes:
            G = to_networkx(random_graph(size))
            ours, theirs = Path(tmp) / f"ours-{size}.html", Path(tmp) / f"pyvis-{size}.html"
            start = time.perf_counter()
            write_network(G, ours)
            written = time.perf_counter() - start
            pyvis_default_page(G, theirs)
            ours_s = time_to_stable(browser, ours, args.cap)
            theirs_s = time_to_stable(browser, theirs, args.cap)
            rows.append((size, G.number_of_edges(), written, ours_s, theirs_s))
            print(f"{size} nodes done", file=sys.stderr, flush=True)
        browser.close()

    def secs(value: float | None) -> str:
        return f">{args.cap:g} s" if value is None else f"{value:.2f} s"

    if corpus:
        print("\n".join(corpus))
        print()
    if not rows:
        return
    print("| nodes | edges | page.py: written (Python) | first drawn | stable | pyvis defaults: first drawn "
          "| stable | ratio (stable) |")
    print("|---|---|---|---|---|---|---|---|")
    for size, edges, written, (ours_drawn, ours_s), (theirs_drawn, theirs_s) in rows:
        if ours_s is None:
            ratio = "–"
        else:
            ratio = f"≥{args.cap / ours_s:.0f}×" if theirs_s is None else f"{theirs_s / ours_s:.0f}×"
        print(f"| {size:,} | {edges:,} | {written:.2f} s | {secs(ours_drawn)} | {secs(ours_s)} "
              f"| {secs(theirs_drawn)} | {secs(theirs_s)} | {ratio} |")


if __name__ == "__main__":
    main()
