"""The graph in a real SPARQL 1.1 server: Oxigraph's own (``pip install oxigraph``), started here on 127.0.0.1."""
from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox
import pytest

from graph.queries import answer, saved_queries
from graph.sparql import execute
from graph.endpoint import EndpointBackend, load_endpoint, open_backend
from graph.store import LocalBackend, open_graph
from graph.vocab import DKR

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "mini.ttl"
PARAMS = {"assisted-by": {"recipient": "九龙县"}, "two-hops": {"entity": "谭军"},
          "products-of-place": {"place": "九龙县"}, "money-by-provider": {"provider": "工作队"},
          "people-and-posts": {"person": "聂申明"}}


def _binary() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.is_file() else shutil.which("oxigraph")


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a fresh Oxigraph server with its data in a temporary folder."""
    binary = _binary()
    if binary is None:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph==0.5.13)")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = tmp_path_factory.mktemp("oxigraph-data")
    process = subprocess.Popen([binary, "serve", "--location", str(data), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=2).read()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("the oxigraph server did not start")
            time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(10)


@pytest.fixture(scope="module")
def remote(oxigraph: str, tmp_path_factory: pytest.TempPathFactory) -> EndpointBackend:
    """The fixture graph loaded by SPARQL Update."""
    ttl = tmp_path_factory.mktemp("remote-build") / "graph.ttl"
    ttl.write_bytes(FIXTURE.read_bytes())
    backend = open_backend(ttl, endpoint=f"{oxigraph}/query", update_endpoint=f"{oxigraph}/update")
    assert isinstance(backend, EndpointBackend)
    return backend


def canonical(row: tuple) -> tuple:
    return tuple(tuple(sorted(re.split(r", |、", c.value))) if isinstance(c, ox.Literal) else str(c) for c in row)


def test_every_saved_query_answers_as_locally(remote: EndpointBackend) -> None:
    local = LocalBackend(open_graph(FIXTURE, "oxigraph"))
    for name in saved_queries():
        here = answer(local, name=name, params=PARAMS.get(name))
        there = answer(remote, name=name, params=PARAMS.get(name))
        if here.is_graph:
            assert set(here.triples) == set(there.triples) and here.triples, name
        else:
            assert sorted(map(canonical, here.rows)) == sorted(map(canonical, there.rows)), name
            assert here.variables == there.variables, name


def test_remote_graph_is_a_named_graph_beside_other_data(oxigraph: str, remote: EndpointBackend) -> None:
    from rdflib import Graph

    triples = len(Graph().parse(FIXTURE))
    assert execute(remote, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0].value == str(triples)
    place, health = ox.NamedNode(DKR["place/513324"]), ox.NamedNode(DKR["sector/health"])
    assert remote.labels([place, health]) == {place: "九龙县", health: "医疗卫生"}
    count = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    request = urllib.request.Request(f"{oxigraph}/query?query={count}",
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:  # the server's own default graph is untouched
        assert json.load(response)["results"]["bindings"][0]["n"]["value"] == "0"


def test_loading_is_skipped_when_current_and_redone_by_graph_store(oxigraph: str, remote: EndpointBackend,
                                                                   tmp_path: Path) -> None:
    ttl = tmp_path / "graph.ttl"
    ttl.write_bytes(FIXTURE.read_bytes())
    assert load_endpoint(remote, ttl, update_url=f"{oxigraph}/update") is False  # same file: nothing sent
    ttl.write_text(FIXTURE.read_text(encoding="utf-8") + '\n<urn:extra> <urn:p> "x" .\n', encoding="utf-8")
    messages: list[str] = []
    assert load_endpoint(remote, ttl, announce=messages.append) is False  # read-only: warn, keep answering
    assert "older" in messages[0]
    assert load_endpoint(remote, ttl, graph_store_url=f"{oxigraph}/store") is True
    from rdflib import Graph

    triples = len(Graph().parse(ttl))  # the fixture and the one extra triple
    assert execute(remote, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0].value == str(triples)
    assert load_endpoint(remote, ttl, graph_store_url=f"{oxigraph}/store") is False


def test_cli_queries_the_endpoint(oxigraph: str, tmp_path: Path) -> None:
    (tmp_path / "graph.ttl").write_bytes(FIXTURE.read_bytes())
    done = subprocess.run([sys.executable, str(ROOT / "explore.py"), "query", "assisted-by", "--param",
                           "recipient=jiulongxian", "--build", str(tmp_path), "--endpoint", f"{oxigraph}/query",
                           "--update-endpoint", f"{oxigraph}/update", "--format", "csv"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("https://w3id.org/duikou/id/place/513324") == 6
    bad = subprocess.run([sys.executable, str(ROOT / "explore.py"), "query", "SELECT ?x WHERE {",
                          "--build", str(tmp_path), "--endpoint", f"{oxigraph}/query"],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert bad.returncode == 2 and "answered 400" in bad.stderr and "Traceback" not in bad.stderr
    assert "1:" in bad.stderr  # the server's own parser says where (line 1, the prologue on the same line)


def test_unreachable_endpoint_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "graph.ttl").write_bytes(FIXTURE.read_bytes())
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    done = subprocess.run([sys.executable, str(ROOT / "explore.py"), "query", "ASK {}", "--build", str(tmp_path),
                           "--endpoint", f"http://127.0.0.1:{port}/query"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 1 and "cannot reach" in done.stderr and "Traceback" not in done.stderr


def test_no_service_reaches_the_remote_server(oxigraph: str, tmp_path: Path) -> None:
    """The remote server parses the query itself and would make the call: no text that could name a
    SERVICE is sent to it (the two old bypasses included)."""
    from test_hostile import Listener, _variants

    (tmp_path / "graph.ttl").write_bytes(FIXTURE.read_bytes())
    host = Listener()
    try:
        for variant in ("plain", "u-escape", "cr-comment", "lower-case"):
            done = subprocess.run([sys.executable, str(ROOT / "explore.py"), "query", _variants(host.port)[variant],
                                   "--build", str(tmp_path), "--endpoint", f"{oxigraph}/query",
                                   "--update-endpoint", f"{oxigraph}/update"],
                                  capture_output=True, text=True, cwd=ROOT, timeout=120)
            assert done.returncode == 2 and "SERVICE" in done.stderr, (variant, done.stderr)
        time.sleep(0.3)
        assert host.calls == []
    finally:
        host.close()


# --- build --endpoint: each document's named graph pushed, only what changed ----------------------

def _server_graphs(base: str) -> dict[str, set[str]]:
    """Every named graph on the server with its triples (N-Triples lines), read by SPARQL."""
    text = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
    request = urllib.request.Request(f"{base}/query?" + urllib.parse.urlencode({"query": text}),
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        rows = json.load(response)["results"]["bindings"]
    graphs: dict[str, set[str]] = {}

    def term(cell: dict) -> str:
        if cell["type"] == "uri":
            return str(ox.NamedNode(cell["value"]))
        if "xml:lang" in cell:
            return str(ox.Literal(cell["value"], language=cell["xml:lang"]))
        return str(ox.Literal(cell["value"], datatype=ox.NamedNode(cell["datatype"])) if "datatype" in cell
                   else ox.Literal(cell["value"]))

    for row in rows:
        graphs.setdefault(row["g"]["value"], set()).add(f"{term(row['s'])} {term(row['p'])} {term(row['o'])}")
    return graphs


def _store_graphs(out: Path) -> dict[str, set[str]]:
    """The named graphs of the build's kept store, in the same form."""
    from graph.built import open_built_store

    store = open_built_store(out)
    graphs: dict[str, set[str]] = {}
    for q in store.quads_for_pattern(None, None, None, None):
        if hasattr(q.graph_name, "value"):
            graphs.setdefault(q.graph_name.value, set()).add(f"{q.subject} {q.predicate} {q.object}")
    return graphs


def test_build_pushes_only_the_named_graphs_that_changed(oxigraph: str, tmp_path: Path) -> None:
    import shutil

    from graph.build import build

    articles = ROOT / "tests" / "articles"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("changzhou-ziyang", "licheng-chengkou", "fengning-wanqi"):
        shutil.copy(articles / f"{name}.txt", corpus)
    out, store = tmp_path / "out", f"{oxigraph}/store"
    before = set(_server_graphs(oxigraph))  # the other tests' graphs: left alone
    first = build([corpus], out, jobs=1, endpoint=store)
    assert (first.pushed.put, first.pushed.deleted, first.pushed.kept) == (4, 0, 0)  # 3 articles, the table
    ours = _store_graphs(out)
    assert len(ours) == 4 and {g: t for g, t in _server_graphs(oxigraph).items() if g not in before} == ours

    edited = corpus / "changzhou-ziyang.txt"
    edited.write_text(edited.read_text(encoding="utf-8").replace("武进区", "新北区"), encoding="utf-8")
    (corpus / "licheng-chengkou.txt").unlink()
    shutil.copy(articles / "heldout" / "guowang-zigui.txt", corpus / "added.txt")
    again = build([corpus], out, jobs=1, endpoint=store)
    # the edited article's graph is a new one (its IRI is its content's), the old one and the removed one go
    assert (again.pushed.put, again.pushed.deleted, again.pushed.kept) == (2, 2, 2)
    ours = _store_graphs(out)
    assert {g: t for g, t in _server_graphs(oxigraph).items() if g not in before} == ours

    unchanged = build([corpus], out, jobs=1, endpoint=store)
    assert unchanged.unchanged and (unchanged.pushed.put, unchanged.pushed.deleted) == (0, 0)


def test_a_push_to_a_server_that_is_down_is_one_line_and_resumes(oxigraph: str, tmp_path: Path) -> None:
    import shutil

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]  # nothing listens here once the socket is closed
    out = tmp_path / "out"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(ROOT / "seeds" / "qingbaijiang-jiulong.txt", corpus)
    run = subprocess.run([sys.executable, str(ROOT / "explore.py"), "build", str(corpus), "--out", str(out),
                          "--endpoint", f"http://127.0.0.1:{closed}/store"], capture_output=True, text=True,
                         cwd=ROOT, timeout=300)
    assert run.returncode == 5 and len(run.stderr.strip().splitlines()) == 1, run.stderr
    assert "cannot reach the graph store" in run.stderr and "the build itself is written" in run.stderr
    assert (out / "graph.ttl").is_file()
    run = subprocess.run([sys.executable, str(ROOT / "explore.py"), "build", str(corpus), "--out", str(out),
                          "--endpoint", f"{oxigraph}/store"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr
    assert f"pushed to {oxigraph}/store: 2 named graph(s) sent, 0 deleted, 0 already there" in run.stdout
