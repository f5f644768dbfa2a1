"""Shared fixtures: the seed graph is built once per test session, into a temporary folder."""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SEEDS = ROOT / "seeds"
ARTICLES = ROOT / "tests" / "articles"


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
