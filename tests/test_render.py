"""``explore.py render --query``: the page draws what the CONSTRUCT answer states, with parameters bound."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import page_edges, page_nodes

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "mini.ttl"
HEALTH = """CONSTRUCT { ?a dk:provider ?p ; dk:recipient ?r . ?p dk:assists ?r }
WHERE { ?a a dk:Assistance ; dk:sector dkr:sector\\/health ; dk:provider ?p ; dk:recipient ?r }"""


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("render-build")
    (folder / "graph.ttl").write_bytes(FIXTURE.read_bytes())
    return folder


def render(build: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "explore.py"), "render", "--build", str(build), *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


def drawn(page: Path) -> tuple[set[str], list[dict]]:
    html = page.read_bytes()
    return {n["label"] for n in page_nodes(html)}, page_edges(html)


def test_a_health_answer_draws_health_only(build: Path, tmp_path: Path) -> None:
    """The answer names health records and states 'p assists r': the other sectors' records between the
    same two entities stay out (they once all came along)."""
    query = tmp_path / "health.rq"
    query.write_text(HEALTH, encoding="utf-8")
    done = render(build, "--query", str(query), "--out", str(tmp_path / "h.html"))
    assert done.returncode == 0, done.stderr
    labels, edges = drawn(tmp_path / "h.html")
    assert {e.get("sector") for e in edges if e.get("rel") == "assists"} == {"health"}
    assert {"青白江区人民医院", "九龙县人民医院"} <= labels


def test_render_takes_a_saved_query_and_its_parameters(build: Path, tmp_path: Path) -> None:
    done = render(build, "--query", "two-hops", "--param", "entity=谭军", "--out", str(tmp_path / "t.html"))
    assert done.returncode == 0, done.stderr
    assert "谭军" in drawn(tmp_path / "t.html")[0]


@pytest.mark.parametrize("header", ["# param: entity — the entity drawn\n", ""])
def test_an_unbound_parameter_is_an_error_not_the_whole_graph(build: Path, tmp_path: Path, header: str) -> None:
    query = tmp_path / "mine.rq"
    query.write_text(header + "CONSTRUCT { ?entity ?p ?o } WHERE { ?entity ?p ?o }", encoding="utf-8")
    done = render(build, "--query", str(query), "--out", str(tmp_path / "m.html"))
    if header:
        assert done.returncode == 2 and "needs entity" in done.stderr, done.stderr
        assert not (tmp_path / "m.html").exists()
    else:
        assert done.returncode == 0, done.stderr  # no parameter declared: the query means what it says
    done = render(build, "--query", "two-hops", "--out", str(tmp_path / "t.html"))
    assert done.returncode == 2 and "needs entity" in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_a_select_cannot_be_drawn(build: Path, tmp_path: Path) -> None:
    query = tmp_path / "select.rq"
    query.write_text("SELECT * WHERE { ?s ?p ?o }", encoding="utf-8")
    done = render(build, "--query", str(query), "--out", str(tmp_path / "s.html"))
    assert done.returncode == 2 and "CONSTRUCT" in done.stderr and "Traceback" not in done.stderr
