"""Shared fixtures: the seed graph is built once per test session, into a temporary folder."""
from __future__ import annotations

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
