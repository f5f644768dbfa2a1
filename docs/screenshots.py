"""The README's screenshots of the explorer page, taken again: ``python docs/screenshots.py``.

Builds the seed article and the articles under ``tests/articles/`` into a temporary folder (as
``explore.py build`` does), opens their pages offline in Debian's chromium through Playwright (names in
Noto Sans CJK: ``apt-get install fonts-noto-cjk``) and writes ``docs/screenshots/*.png``, each a view
the README shows, at 1280 × 760 (the dense overview and map at 1024 × 640, a phone's at 390 × 844),
which keeps each PNG under 300 KB.
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"
DESKTOP = {"width": 1280, "height": 760}
#: the overview and the map of many articles are dense drawings: smaller, so that their PNGs stay small
DENSE = {"width": 1024, "height": 640}
PHONE = {"width": 390, "height": 844}

# Run in the page: the id of the pair, or the IRI of the node, named by labels.
PAIR = ("([a, b]) => Duikou.PAIRS.find(p => Duikou.NODES[p.from].label === a && Duikou.NODES[p.to].label === b).id")
IRI = "label => Duikou.NODES.find(n => n.label === label).iri.replace(Duikou.META.base, '')"


def shoot(browser, page_path: Path, name: str, setup, viewport: dict = DESKTOP) -> None:
    """Open the page, let ``setup(page)`` bring it to the view, wait for the drawing to settle, save."""
    context = browser.new_context(viewport=viewport, device_scale_factor=1, is_mobile=viewport is PHONE,
                                  has_touch=viewport is PHONE)
    try:
        page = context.new_page()
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
        page.goto(page_path.as_uri())
        page.wait_for_function("document.documentElement.hasAttribute('data-drawn')")
        setup(page)
        page.wait_for_timeout(900)  # vis's and the view's animations (400 ms) are over
        target = OUT / f"{name}.png"
        page.screenshot(path=str(target))
        print(f"{target.relative_to(ROOT)}: {target.stat().st_size / 1000:.0f} KB")
    finally:
        context.close()


def go(page, fragment: str) -> None:
    page.evaluate("f => { location.hash = f; }", fragment)


def main() -> None:
    from playwright.sync_api import sync_playwright

    from graph.build import build
    from tests.conftest import ARTICLES, CHROMIUM_ARGS, SEEDS

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("screenshots.py: no chromium found (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        seed = build([SEEDS], Path(tmp) / "seed").html
        articles = build([ARTICLES], Path(tmp) / "articles").html
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)

        def pair(page) -> None:
            go(page, f"pair={page.evaluate(PAIR, ['青白江区', '九龙县'])}")

        def path(page) -> None:
            go(page, f"mode=path&from={page.evaluate(IRI, '青白江区弥牟镇物流商会')}&to={page.evaluate(IRI, '九龙县')}")

        def phone(page) -> None:
            go(page, f"n={page.evaluate(IRI, '九龙县')}")

        shoot(browser, articles, "overview", lambda page: None, DENSE)
        shoot(browser, seed, "pair", pair)
        shoot(browser, seed, "table", lambda page: go(page, "table=1&sort=-amount"))
        shoot(browser, articles, "summary", lambda page: go(page, "tab=summary&w=money"))
        shoot(browser, articles, "map", lambda page: go(page, "tab=map"), DENSE)
        shoot(browser, seed, "path", path)
        shoot(browser, seed, "phone", phone, PHONE)
        browser.close()


if __name__ == "__main__":
    main()
