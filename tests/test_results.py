"""Every output format written from pyoxigraph's terms is what the formatter of rdflib's terms wrote before, byte
for byte; and a command-line query, worker included, never imports rdflib to write it.

The expected outputs in ``fixtures/answers/`` were written by the code before this change (rdflib terms), from
``terms.ttl``: language tags, datatypes, blank nodes, unbound variables, Chinese, quotes, newlines, tabs,
commas, backslashes and markup in values.  Two of the old outputs had no fixed order (rdflib's N-Triples and
JSON-LD follow its store's hash order), so those are compared as the same lines and the same JSON nodes.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.queries import written
from graph.store import LocalBackend, open_graph
from tests.conftest import command_modules

ROOT = Path(__file__).resolve().parent.parent
ANSWERS = Path(__file__).resolve().parent / "fixtures" / "answers"
QUERIES = {
    "rows": "SELECT ?s ?p ?o ?missing WHERE { ?s ?p ?o OPTIONAL { ?o dk:nothing ?missing } } "
            "ORDER BY STR(?s) STR(?p) STR(?o)",
    "numbers": "SELECT ?v (STR(?v) AS ?text) (DATATYPE(?v) AS ?type) WHERE { ?place dk:amount ?v } "
               "ORDER BY STR(?v)",
    "kinds": 'SELECT ?kind (COUNT(?s) AS ?n) (GROUP_CONCAT(?l; separator="、") AS ?labels) WHERE { ?s a ?kind '
             'OPTIONAL { ?s rdfs:label ?l FILTER(LANG(?l) = "zh") } } GROUP BY ?kind ORDER BY ?kind',
    "empty": "SELECT ?s ?o WHERE { ?s dk:nothing ?o }",
    "ask-true": "ASK { ?s a dk:County }",
    "ask-false": "ASK { ?s a dk:Province }",
    "graph": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
}
ROW_FORMATS = ["table", "csv", "tsv", "json", "xml"]
GRAPH_FORMATS = ["turtle", "json-ld", "nt"]
CASES = [(name, fmt, width) for name in QUERIES for fmt in (GRAPH_FORMATS if name == "graph" else ROW_FORMATS)
         for width in ([60, 12] if fmt == "table" else [60])]


@pytest.fixture(scope="module")
def terms() -> LocalBackend:
    """The fixture in an Oxigraph store, its blank nodes keeping their labels (``_:b1``), as the old outputs show."""
    store = ox.Store()
    store.extend(ox.parse(path=str(ANSWERS / "terms.ttl"), format=ox.RdfFormat.TURTLE))
    return LocalBackend(store)


def _sorted_json(value: object) -> object:
    """JSON with every list in a fixed order, for JSON-LD whose node order was the old store's hash order."""
    if isinstance(value, dict):
        return {k: _sorted_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return sorted((_sorted_json(v) for v in value), key=lambda v: json.dumps(v, ensure_ascii=False))
    return value


def same(fmt: str, got: bytes, expected: bytes) -> bool:
    if fmt == "table":  # the last line says how long the query took
        return re.sub(rb", \d+\.\d\d s\)\n$", b")\n", got) == re.sub(rb", \d+\.\d\d s\)\n$", b")\n", expected)
    if fmt == "nt":
        return sorted(got.splitlines()) == sorted(expected.splitlines())
    if fmt == "json-ld":
        return _sorted_json(json.loads(got)) == _sorted_json(json.loads(expected))
    return got == expected


@pytest.mark.parametrize("name, fmt, width", CASES)
def test_every_format_writes_the_bytes_it_wrote_before(terms: LocalBackend, name: str, fmt: str, width: int) -> None:
    expected = (ANSWERS / f"{name}.{fmt}{'' if width == 60 else width}").read_bytes()
    got = written(terms, text=QUERIES[name], fmt=fmt, max_width=width).data
    assert same(fmt, got, expected), got.decode("utf-8")


@pytest.mark.parametrize("name", ["numbers", "empty", "ask-true", "ask-false"])
def test_rdflib_memory_store_writes_the_same_bytes(terms: LocalBackend, name: str) -> None:
    """rdflib's engine answers in the same terms (converted): the same outputs, where no blank node is shown
    (rdflib's parser names them afresh) and the engines agree (a GROUP_CONCAT keeps its language in Oxigraph)."""
    memory = LocalBackend(open_graph(ANSWERS / "terms.ttl", "memory"))
    for fmt in ROW_FORMATS:
        assert same(fmt, written(memory, text=QUERIES[name], fmt=fmt).data,
                    written(terms, text=QUERIES[name], fmt=fmt).data), fmt


def test_computed_values_are_written_as_the_engine_gives_them(terms: LocalBackend) -> None:
    """The one difference from the old outputs, for datatypes no built graph holds (a query computes them):
    rdflib re-normalised Oxigraph's lexical forms, writing an xsd:double 1000 as ``1000.0`` and infinity as
    ``inf``, which is no xsd:double at all; now the value is the engine's own, as raw pyoxigraph gives it."""
    text = 'SELECT (1e3 AS ?d) (xsd:double("INF") AS ?inf) (xsd:dateTime("2021-03-05T10:00:00Z") AS ?t) WHERE {}'
    assert written(terms, text=text, fmt="csv").data == b"d,inf,t\r\n1000,INF,2021-03-05T10:00:00Z\r\n"


# --- the command line: no rdflib in either process ----------------------------------------------------------

def probe(tmp_path: Path, *args: str) -> tuple[int, list[str], list[str], str]:
    """Run ``explore.py`` with ``args`` in a real process: its status, the rdflib modules its own process and its
    query worker had loaded once the answer was written, and what it printed."""
    status, parent, worker, printed, _ = command_modules(tmp_path, *args)
    return (status, sorted(m for m in parent if m.split(".")[0] == "rdflib"),
            sorted(m for m in worker if m.split(".")[0] == "rdflib"), printed)


@pytest.mark.parametrize("query, fmt, words", [
    ("assisted-by", "csv", "recipient,provider"),
    ("assisted-by", "table", "九龙县"),
    ("assisted-by", "tsv", "?recipient\t?provider"),
    ("assisted-by", "json", '"vars"'),
    ("assisted-by", "xml", "<sparql"),
    ("ASK { ?s a dk:County }", "csv", "_askResult"),
    ("two-hops", "nt", "<https://w3id.org/duikou/id/place/513324>"),
])
def test_a_command_line_query_imports_no_rdflib_in_its_worker(seed_build: Path, tmp_path: Path, query: str,
                                                              fmt: str, words: str) -> None:
    param = {"assisted-by": ["--param", "recipient=jiulong"], "two-hops": ["--param", "entity=九龙县"]}
    status, parent, worker, printed = probe(tmp_path, "query", query, *param.get(query, []), "--format", fmt,
                                            "--build", str(seed_build))
    assert (status, parent, worker) == (0, [], [])
    assert words in printed


def test_turtle_is_still_written_by_rdflib(seed_build: Path, tmp_path: Path) -> None:
    """The one format that needs rdflib loads it, in the worker only (the probe sees the worker's modules)."""
    status, parent, worker, printed = probe(tmp_path, "query", "two-hops", "--param", "entity=九龙县",
                                            "--format", "turtle", "--build", str(seed_build))
    assert status == 0 and parent == [] and "rdflib" in worker
    assert printed.startswith("@prefix")
