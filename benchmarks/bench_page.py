"""Time to a stable drawing in headless Chromium: the explorer page against pyvis's defaults.

Run: ``python benchmarks/bench_page.py [--sizes 500 2000 10000] [--cap 60]``.  Not part of CI.

For each size one random graph (``benchmarks/synthetic.py``: edges = 2 × nodes) is drawn twice:
by ``graph.page`` (positions from ``graph.network.layout``, physics off) and by a plain pyvis
``Network`` with its defaults (physics on, dynamic smooth edges), its node and edge lists filled
directly.  Both pages are opened from ``file://`` with every other request aborted, and a script
injected before the page's own samples the node positions every 0.5 s (``performance.now()``,
from navigation start): the drawing is stable at the first sample after which no node moved more
than a pixel in the next 0.5 s, once something has been drawn.  A page not stable after ``--cap``
seconds is reported as ``>cap``, a lower bound.  The first drawing is reported too: pyvis's defaults
first draw after 1,000 hidden stabilisation steps, then keep moving for a long while (at 500 nodes,
drawn at 34 s, still moving 5–10 px per half second until 115 s in one run).
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
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


def time_to_stable(browser, path: Path, cap: float) -> tuple[float | None, float | None]:
    """Seconds from navigation to the first drawing and to a stable one; None for what took past ``cap``."""
    context = browser.new_context(viewport={"width": 1400, "height": 850})
    try:
        page = context.new_page()
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
        page.add_init_script(SAMPLER)
        page.goto(path.as_uri(), wait_until="commit")
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
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 10_000])
    parser.add_argument("--cap", type=float, default=60.0, help="seconds to wait for pyvis's defaults")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    from benchmarks.synthetic import random_graph
    from graph.network import to_networkx
    from graph.page import write_network

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("bench_page.py: no chromium found (apt-get install chromium)")
    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
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
