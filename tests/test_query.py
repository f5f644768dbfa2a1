"""The query layer: preparing, binding, running saved queries on both stores, and every output format."""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from graph.queries import answer, bind_params, parse_saved, resolve, saved_queries
from graph.files import write_atomic
from graph.results import serialize, table, width
from graph.sparql import Limits, QueryError, QueryTimeout, RowLimitError, execute, prepare
from graph.store import LocalBackend, open_graph
from graph.vocab import DKR

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "mini.ttl"


def iri(key: str) -> ox.NamedNode:
    """A resource the project mints, as answers hold it."""
    return ox.NamedNode(DKR[key])


JIULONG = iri("place/513324")
QINGBAIJIANG = iri("place/510113")


@pytest.fixture(scope="module")
def mini_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build folder holding the hand-written fixture as its graph (newer than seeds/, so never rebuilt)."""
    folder = tmp_path_factory.mktemp("mini-build")
    (folder / "graph.ttl").write_bytes(FIXTURE.read_bytes())
    return folder


@pytest.fixture(scope="module", params=["oxigraph", "memory"])
def backend(request: pytest.FixtureRequest) -> LocalBackend:
    return LocalBackend(open_graph(FIXTURE, request.param))


def run(backend: LocalBackend, name: str, **params: str):
    return answer(backend, name=name, params=params)


def labelled(backend: LocalBackend, rows) -> list[tuple[str, ...]]:
    """Rows with each IRI replaced by its label: what a reader checks an answer against."""
    iris = {c for row in rows for c in row if isinstance(c, ox.NamedNode)}
    names = backend.labels(iris)
    return [tuple(names.get(c, c.value) if isinstance(c, ox.NamedNode) else ("" if c is None else c.value)
                  for c in row) for row in rows]


# --- preparing -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, status, words", [
    ("SELECT * WHERE { ?s ?p ?o } LIMT 3", 400, "line 1, column 29"),
    ("SELECT *\nWHERE {\n  ?s ?p ?o .\n  FILTER(?o = )\n}", 400, "line 4"),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", 403, "read-only"),
    ("DELETE WHERE { ?s ?p ?o }", 403, "read-only"),
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", 403, "SERVICE"),
    ("SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE SILENT <http://x/> { ?s ?q ?r } } }", 403, "SERVICE"),
    ("SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }", 400, "FROM"),
    ("SELECT * WHERE { ?s nope:p ?o }", 400, "nope"),
    ("   ", 400, "empty"),
])
def test_prepare_refuses(text: str, status: int, words: str) -> None:
    with pytest.raises(QueryError) as info:
        prepare(text)
    assert info.value.http_status == status
    assert info.value.status == 2
    assert words in str(info.value)


def test_prepare_classifies_and_lets_project_prefixes_go_undeclared() -> None:
    assert prepare("ASK { ?s dk:assists ?o }").form == "ASK"
    assert prepare("CONSTRUCT WHERE { ?s ?p ?o }").is_graph
    assert prepare("DESCRIBE <urn:x>").form == "DESCRIBE"
    assert prepare("PREFIX dk: <urn:mine#> SELECT * WHERE { ?s dk:p ?o }").form == "SELECT"


def test_a_query_own_prefix_wins(backend: LocalBackend) -> None:
    assert execute(backend, "PREFIX dk: <urn:mine#> ASK { ?s a dk:County }").boolean is False
    assert execute(backend, "ASK { ?s a dk:County }").boolean is True


# --- saved queries -------------------------------------------------------------------------------

def test_every_saved_query_has_a_header_and_parses() -> None:
    queries = saved_queries()
    assert {"assisted-by", "who-assists-whom", "money-by-provider", "organisations-in-assistance",
            "people-and-posts", "products-of-place", "two-hops", "assistance-evidence"} <= set(queries)
    for saved in queries.values():
        assert saved.title and saved.description, saved.name
        prepared = prepare(saved.text)
        for param in saved.params:  # a parameter is a variable the query uses and (for SELECT) projects
            assert f"?{param.name}" in saved.text, (saved.name, param.name)
            if prepared.form == "SELECT":
                head = saved.text.split("WHERE")[0]
                assert f"?{param.name}" in head, (saved.name, param.name)


def test_header_parsing() -> None:
    saved = parse_saved("x", "# title: T\n# description: first\n#   second\n"
                             "# param: who (required) — the one\n# param: where -- a place\nSELECT ?who ?where {}")
    assert saved.description == "first second"
    assert [(p.name, p.required, p.meaning) for p in saved.params] == [
        ("who", True, "the one"), ("where", False, "a place")]
    with pytest.raises(Exception, match="title"):
        parse_saved("y", "SELECT * {}")


def test_assisted_by(backend: LocalBackend) -> None:
    rows = labelled(backend, run(backend, "assisted-by", recipient="九龙县").rows)
    assert {(r[1], r[2]) for r in rows} == {
        ("青白江区", "综合"), ("青白江区", "人才与干部"), ("青白江区人民医院", "医疗卫生"),
        ("青白江区中医医院集团", "医疗卫生"), ("青白江区弥牟镇物流商会", "捐赠"), ("青白江区第六批对口支援工作队", "捐赠")}
    assert {r[0] for r in rows} == {"九龙县"}
    hospital = [r for r in rows if r[1] == "青白江区人民医院"]
    assert hospital[0][4] == "九龙县人民医院"  # reached through an organisation located in the county


def test_who_assists_whom(backend: LocalBackend) -> None:
    rows = labelled(backend, run(backend, "who-assists-whom").rows)
    assert ("青白江区", "九龙县", "2") in {(r[0], r[1], r[3]) for r in rows}
    assert len(rows) == 5


def test_money_by_provider_sums_and_flags_approximate(backend: LocalBackend) -> None:
    rows = labelled(backend, run(backend, "money-by-provider").rows)
    # fiscal aid and a donation are summed apart: unlike money never adds up
    assert rows == [("青白江区", "九龙县", "财政援助资金", "64881900", "1", "false"),
                    ("青白江区第六批对口支援工作队", "九龙县", "捐赠", "130000", "1", "true")]
    only = labelled(backend, run(backend, "money-by-provider", provider="工作队").rows)
    assert only == [("青白江区第六批对口支援工作队", "九龙县", "捐赠", "130000", "1", "true")]


def test_organisations_in_assistance(backend: LocalBackend) -> None:
    rows = set(labelled(backend, run(backend, "organisations-in-assistance").rows))
    assert ("青白江区人民医院", "医院", "provides", "九龙县人民医院", "医疗卫生") in rows
    assert ("九龙县三岩龙乡小学", "学校", "receives", "青白江区弥牟镇物流商会", "捐赠") in rows
    assert len(rows) == 5


def test_people_and_posts(backend: LocalBackend) -> None:
    rows = labelled(backend, run(backend, "people-and-posts", person="nie shen ming").rows)
    assert {(r[0], r[1], r[2], r[3]) for r in rows} == {
        ("聂申明", "董事长", "四川中康源医药有限公司", "true"), ("聂申明", "负责人", "九龙县高原中藏药科研基地", "true")}
    assert all("聂申明" in r[4] for r in rows)
    assert len(run(backend, "people-and-posts").rows) == 3


def test_products_of_place(backend: LocalBackend) -> None:
    rows = set(labelled(backend, run(backend, "products-of-place", place="九龙").rows))
    assert rows == {("九龙县", "藏红·红茶", "九龙县天乡茶叶现代农业产业园"), ("九龙县", "白芍", "九龙县高原中藏药科研基地")}
    province = labelled(backend, run(backend, "products-of-place", place="四川省").rows)
    assert len(province) == 2  # contained places count too


def test_two_hops(backend: LocalBackend) -> None:
    triples = set(run(backend, "two-hops", entity="谭军").triples)
    subjects = {s for s, _, _ in triples}
    assert iri("org/a3") in subjects  # one step: the hospital group he heads
    assert (iri("assistance/c4"), ox.NamedNode("https://w3id.org/duikou/ontology#provider"), iri("org/a3")) in triples
    assert iri("org/a1") not in subjects | {o for _, _, o in triples}  # three steps away
    with pytest.raises(QueryError, match="needs entity"):
        run(backend, "two-hops")


def test_assistance_evidence(backend: LocalBackend) -> None:
    rows = labelled(backend, run(backend, "assistance-evidence", record="dkr:assistance/c6").rows)
    assert len(rows) == 1 and "13万余元" in rows[0][5] and rows[0][6] == "qingbaijiang-jiulong.txt"
    by_recipient = run(backend, "assistance-evidence", recipient="九龙县人民医院").rows
    assert [r[0] for r in by_recipient] == [iri("assistance/c3")]


def test_stores_agree_on_every_saved_query() -> None:
    memory, oxigraph = (LocalBackend(open_graph(FIXTURE, s)) for s in ("memory", "oxigraph"))
    params = {"assisted-by": {"recipient": "九龙县"}, "two-hops": {"entity": "九龙县"},
              "products-of-place": {"place": "九龙县"}}
    for name in saved_queries():
        a = answer(memory, name=name, params=params.get(name))
        b = answer(oxigraph, name=name, params=params.get(name))
        if a.is_graph:
            assert set(a.triples) == set(b.triples), name
        else:
            assert sorted(map(canonical, a.rows)) == sorted(map(canonical, b.rows)), name


def canonical(row: tuple) -> tuple:
    """A row with GROUP_CONCAT's parts sorted: engines concatenate in any order."""
    return tuple(tuple(sorted(re.split(r", |、", c.value))) if isinstance(c, ox.Literal) else str(c) for c in row)


# --- parameters ----------------------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    ("九龙县", JIULONG), ("九龙", JIULONG), ("Jiǔ Lóng Xiàn", JIULONG), ("jiulongxian", JIULONG),
    ("jiulong", JIULONG),  # the pinyin of a short name (the alias 九龙), as the page's search finds it
    ("九龍縣", JIULONG), ("九龍", JIULONG),  # traditional characters
    ("ｊｉｕｌｏｎｇ", JIULONG), ("　九龙县　", JIULONG),  # full-width letters and spaces
    ("qingbai", QINGBAIJIANG),  # a pinyin the text begins: the shortest such name
    ("dkr:place/513324", JIULONG), ("dkr:place\\/513324", JIULONG),  # as tables print it
    ("<https://w3id.org/duikou/id/place/513324>", JIULONG),
    ("https://w3id.org/duikou/id/place/510113", QINGBAIJIANG), ("青白江", QINGBAIJIANG),
])
def test_resolve(backend: LocalBackend, value: str, expected: ox.NamedNode) -> None:
    assert resolve(backend, value) == expected


def test_resolve_errors(backend: LocalBackend) -> None:
    with pytest.raises(QueryError, match="no entity"):
        resolve(backend, "火星")
    with pytest.raises(QueryError, match="no entity has the IRI") as info:  # like an unknown name, not 0 rows
        resolve(backend, "dkr:place/999999")
    assert info.value.http_status == 404 and info.value.status == 2
    with pytest.raises(QueryError, match="not a valid IRI"):
        resolve(backend, "<https://x/a b>")
    saved = saved_queries()["assisted-by"]
    with pytest.raises(QueryError, match="no parameter"):
        bind_params(backend, saved, {"nope": "x"})


def test_user_text_never_enters_the_query(backend: LocalBackend) -> None:
    """A value full of SPARQL is only ever looked up as a name."""
    evil = '九龙县" } ; DROP ALL ; SELECT * { ?s ?p "'
    with pytest.raises(QueryError, match="no entity"):
        run(backend, "assisted-by", recipient=evil)


# --- limits --------------------------------------------------------------------------------------

def test_row_limit(backend: LocalBackend) -> None:
    with pytest.raises(RowLimitError):
        execute(backend, "SELECT * WHERE { ?s ?p ?o }", limits=Limits(max_rows=10))
    assert len(execute(backend, "SELECT * WHERE { ?s ?p ?o } LIMIT 10", limits=Limits(max_rows=10))) == 10


def test_time_limit_in_process() -> None:
    """The command line's limit: the wait ends on time; the abandoned query (about 3 s here) ends by itself."""
    g = Graph(store="Oxigraph")
    for i in range(300):
        g.add((URIRef(f"urn:s{i}"), URIRef("urn:p"), Literal(i)))
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with pytest.raises(QueryTimeout) as info:
        execute(LocalBackend(g), slow, limits=Limits(timeout=0.3))
    assert info.value.http_status == 503


# --- output --------------------------------------------------------------------------------------

def test_formats(backend: LocalBackend) -> None:
    result = run(backend, "money-by-provider")
    doc = json.loads(serialize(result, "json"))
    assert doc["head"]["vars"] == ["provider", "recipient", "kind", "total", "amounts", "approximate"]
    first = doc["results"]["bindings"][0]
    assert first["provider"] == {"type": "uri", "value": QINGBAIJIANG.value}
    assert first["approximate"]["datatype"] == "http://www.w3.org/2001/XMLSchema#boolean"
    rows = list(csv.reader(io.StringIO(serialize(result, "csv").decode("utf-8"))))
    assert rows[0] == ["provider", "recipient", "kind", "total", "amounts", "approximate"]
    assert rows[1][:4] == [QINGBAIJIANG.value, JIULONG.value, "财政援助资金", "64881900"]
    assert serialize(result, "csv").count(b"\r\n") == 3
    tsv = serialize(result, "tsv").decode("utf-8").splitlines()
    assert tsv[0].split("\t")[0] == "?provider" and tsv[1].startswith(f"{QINGBAIJIANG}\t")
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    root = ET.fromstring(serialize(result, "xml"))
    assert [v.get("name") for v in root.findall("r:head/r:variable", ns)][0] == "provider"
    assert len(root.findall("r:results/r:result", ns)) == 2
    ask = execute(backend, "ASK { ?s dk:assists ?o }")
    assert json.loads(serialize(ask, "json")) == {"head": {}, "boolean": True}
    assert ET.fromstring(serialize(ask, "xml")).find("r:boolean", ns).text == "true"


def test_tsv_keeps_one_line_per_row_and_literals_escaped() -> None:
    from graph.sparql import QueryResult
    r = QueryResult("SELECT", variables=["t"], rows=[(ox.Literal('a\tb\n"c"', language="zh"),), (None,)])
    assert serialize(r, "tsv").decode("utf-8") == '?t\n"a\\tb\\n\\"c\\""@zh\n\n'


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated")  # rdflib's JSON-LD parser, not ours
def test_graph_formats(backend: LocalBackend) -> None:
    result = run(backend, "two-hops", entity="谭军")
    for fmt, parse_as in (("turtle", "turtle"), ("json-ld", "json-ld"), ("nt", "nt")):
        g = Graph()
        g.parse(data=serialize(result, fmt).decode("utf-8"), format=parse_as)
        assert len(g) == len(result.triples), fmt
    with pytest.raises(Exception, match="cannot be written as csv"):
        serialize(result, "csv")


def test_table_aligns_chinese(backend: LocalBackend) -> None:
    result = run(backend, "assisted-by", recipient="九龙县")
    text = table(result, backend.labels(result.iris()))
    lines = text.splitlines()
    assert "九龙县 [dkr:place\\/513324]" in lines[2]
    rule = lines[1]
    starts = [i for i, c in enumerate(rule) if c == "-" and i > 0 and rule[i - 1] == " "]
    for line in lines[2:-1]:  # the two columns before each column's start are blank on every row
        at, by_column = 0, {}
        for ch in line:
            for k in range(width(ch)):
                by_column[at + k] = ch
            at += width(ch)
        for start in starts:
            assert by_column.get(start - 1, " ") == " " and by_column.get(start - 2, " ") == " ", line
    assert lines[-1].startswith("(6 rows")


def test_write_atomic(tmp_path: Path) -> None:
    target = tmp_path / "out" / "a.csv"
    write_atomic(target, b"one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two" and [p.name for p in target.parent.iterdir()] == ["a.csv"]


# --- command line --------------------------------------------------------------------------------

def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "explore.py"), *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)


def test_cli_saved_query_with_param(mini_build: Path) -> None:
    done = cli("query", "assisted-by", "--param", "recipient=jiulong", "--build", str(mini_build))
    assert done.returncode == 0, done.stderr
    assert "青白江区人民医院 [dkr:org\\/a1]" in done.stdout
    unknown = cli("query", "assisted-by", "--param", "recipient=dkr:place/999999", "--build", str(mini_build))
    assert unknown.returncode == 2 and "no entity has the IRI" in unknown.stderr


def test_cli_table_iris_paste_into_a_query(mini_build: Path) -> None:
    """What a table prints for an IRI is a term a query accepts (the project's prefixes are predeclared)."""
    done = cli("query", "SELECT ?s WHERE { ?s a dk:County }", "--build", str(mini_build))
    printed = re.search(r"\[(dkr:\S+)\]", done.stdout).group(1)
    again = cli("query", f"SELECT ?l WHERE {{ {printed} rdfs:label ?l }}", "--build", str(mini_build))
    assert again.returncode == 0 and "九龙县" in again.stdout, again.stderr


def test_cli_closed_pipe_is_quiet(mini_build: Path) -> None:
    """``| head -1``: the reader leaves early; no traceback, no complaint, exit 0."""
    for args in (["query", "SELECT * WHERE { ?s ?p ?o }", "--build", str(mini_build)], ["query", "--list"]):
        explore = subprocess.Popen([sys.executable, str(ROOT / "explore.py"), *args], cwd=ROOT,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        explore.stdout.readline()
        explore.stdout.close()  # what head does after its line
        err = explore.stderr.read().decode()
        assert explore.wait(60) == 0 and err == "", err


def test_cli_file_format_and_out(mini_build: Path, tmp_path: Path) -> None:
    rq = tmp_path / "q.rq"
    rq.write_text("SELECT ?s WHERE { ?s a dk:County }", encoding="utf-8")
    out = tmp_path / "answer.srj"
    done = cli("query", "-f", str(rq), "--out", str(out), "--build", str(mini_build), "--store", "memory")
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["results"]["bindings"][0]["s"]["value"] == JIULONG.value
    done = cli("query", "CONSTRUCT WHERE { ?s a dk:County }", "--format", "json-ld", "--build", str(mini_build))
    assert json.loads(done.stdout)[0]["@id"] == JIULONG.value


def test_cli_bad_query_exit_2_without_traceback(mini_build: Path) -> None:
    done = cli("query", "SELECT * WHERE {\n ?s ?p ?o\n FILTER(?o = ) }", "--build", str(mini_build))
    assert done.returncode == 2
    assert "line 3" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    done = cli("query", "no-such-query", "--build", str(mini_build))
    assert done.returncode == 2 and "saved queries:" in done.stderr


COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _copy_build(seed_build: Path, to: Path) -> Path:
    """A copy of the seed build (its record, outputs and kept store), to damage without harming the others."""
    import shutil

    shutil.copytree(seed_build, to, ignore=shutil.ignore_patterns(".cache", ".lock"))
    return to


def test_cli_reads_the_kept_store_and_memory_the_turtle(seed_build: Path, tmp_path: Path) -> None:
    """The default engine answers from the build's store on disk (one named graph per document as well as
    the union); --store memory parses graph.ttl, so an emptied graph.ttl tells the two apart."""
    folder = _copy_build(seed_build, tmp_path / "build")
    triples = len(Graph().parse(folder / "graph.ttl"))
    (folder / "graph.ttl").write_text("", encoding="utf-8")
    kept = cli("query", COUNT, "--build", str(folder), "--format", "csv")
    assert kept.returncode == 0 and kept.stderr == "", kept.stderr
    assert int(kept.stdout.split()[-1]) == triples
    graphs = cli("query", "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "--build",
                 str(folder), "--format", "csv")
    assert graphs.stdout.split()[-1] == "2"  # the seed article and the national pairing table
    parsed = cli("query", COUNT, "--build", str(folder), "--format", "csv", "--store", "memory")
    assert parsed.returncode == 0 and parsed.stdout.split()[-1] == "0", parsed.stderr


def test_cli_a_damaged_store_is_rebuilt_with_one_line(seed_build: Path, tmp_path: Path) -> None:
    folder = _copy_build(seed_build, tmp_path / "build")
    expected = cli("query", COUNT, "--build", str(folder), "--format", "csv").stdout
    store = next(folder.glob(".store-*"))
    for f in store.iterdir():
        f.write_bytes(b"garbage")
    done = cli("query", COUNT, "--build", str(folder), "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert done.stdout == expected
    said = done.stderr.strip().splitlines()
    assert len(said) == 1 and "rebuilding" in said[0] and "damaged" in said[0], done.stderr
    assert cli("query", COUNT, "--build", str(folder), "--format", "csv").stderr == ""  # repaired for good


def test_cli_a_store_that_cannot_be_rebuilt_is_one_line(seed_build: Path, tmp_path: Path) -> None:
    """Its inputs are gone too: the Turtle is read instead, said in one line; without it, one line and 1."""
    import json

    folder = _copy_build(seed_build, tmp_path / "build")
    record = json.loads((folder / "build.json").read_text(encoding="utf-8"))
    record["inputs"] = [str(tmp_path / "gone")]
    (folder / "build.json").write_text(json.dumps(record), encoding="utf-8")
    for f in next(folder.glob(".store-*")).iterdir():
        f.write_bytes(b"garbage")
    done = cli("query", COUNT, "--build", str(folder), "--format", "csv")
    assert done.returncode == 0 and int(done.stdout.split()[-1]) > 0, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "are gone" in done.stderr
    (folder / "graph.ttl").unlink()
    done = cli("query", COUNT, "--build", str(folder))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith("explore.py: no built graph at"), done.stderr


def test_cli_list() -> None:
    done = cli("query", "--list")
    assert done.returncode == 0 and "Money by provider" in done.stdout
    assert "python explore.py query two-hops --param entity=…" in done.stdout  # what one types
    assert "query assisted-by [--param recipient=…]" in done.stdout
    listed = cli("query", "--list", "--format", "json")
    assert listed.returncode == 0
    assert {"assisted-by", "two-hops"} <= {q["name"] for q in json.loads(listed.stdout)}
    assert cli("query", "--list", "--format", "csv").returncode == 2


# --- the seed graph ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed(seed_build: Path) -> LocalBackend:
    return LocalBackend(open_graph(seed_build / "graph.ttl"))


def seed_rows(seed: LocalBackend, name: str, **params: str) -> list[tuple[str, ...]]:
    return labelled(seed, run(seed, name, **params).rows)


def test_seed_assisted_by(seed: LocalBackend) -> None:
    rows = seed_rows(seed, "assisted-by", recipient="九龙县")
    pairs = {(r[1], r[2]) for r in rows}
    assert {("青白江区", "医疗卫生"), ("青白江区", "教育"), ("青白江区人民医院", "医疗卫生"),
            ("青白江区中医医院集团", "医疗卫生"), ("青白江区弥牟镇物流商会", "捐赠")} <= pairs
    assert {r[0] for r in rows} == {"九龙县"}
    assert "九龙县人民医院" in next(r[4] for r in rows if r[1] == "青白江区人民医院")


def test_seed_who_assists_whom(seed: LocalBackend) -> None:
    rows = seed_rows(seed, "who-assists-whom")
    top = rows[0]
    assert (top[0], top[1]) == ("青白江区", "九龙县") and int(top[3]) >= 10


def test_seed_money(seed: LocalBackend) -> None:
    rows = seed_rows(seed, "money-by-provider", recipient="九龙县")
    # 6488.19万元 is fiscal aid over the whole pairing; the 13万余元 the team raised is a donation, summed apart
    assert ("青白江区", "九龙县", "财政援助资金", "64881900", "1", "false") in rows
    donation = next(r for r in rows if r[2] == "捐赠")
    assert float(donation[3]) >= 130_000 and donation[5] == "true"  # 13万余元 is approximate


def test_seed_organisations(seed: LocalBackend) -> None:
    rows = {(r[0], r[2], r[3]) for r in seed_rows(seed, "organisations-in-assistance")}
    assert ("青白江区人民医院", "provides", "九龙县人民医院") in rows
    assert ("九龙县民族医院", "receives", "青白江区中医医院集团") in rows
    assert ("九龙县三岩龙乡小学", "receives", "青白江区弥牟镇物流商会") in rows


def test_seed_people(seed: LocalBackend) -> None:
    rows = {(r[0], r[1], r[2]) for r in seed_rows(seed, "people-and-posts")}
    assert {("聂申明", "董事长", "四川中康源医药有限公司"), ("谭军", "党委书记", "青白江区中医医院集团"),
            ("蔡丹昭", "局长", "九龙县人社局"), ("骆朝文", "校长", "九龙县三岩龙乡小学")} <= rows


def test_seed_products(seed: LocalBackend) -> None:
    products = {r[1] for r in seed_rows(seed, "products-of-place", place="九龙县")}
    assert {"白芍", "藏红·红茶", "松茸", "花椒"} <= products


def test_seed_two_hops_and_evidence(seed: LocalBackend) -> None:
    triples = run(seed, "two-hops", entity="四川中康源医药有限公司").triples
    names = set(seed.labels({t for triple in triples for t in triple if isinstance(t, ox.NamedNode)}).values())
    assert {"四川中康源医药有限公司", "聂申明", "九龙县", "董事长"} <= names
    evidence = seed_rows(seed, "assistance-evidence", recipient="九龙县人民医院")
    assert any("托管" in r[5] for r in evidence)


def test_a_name_in_angle_brackets_is_a_name_not_an_iri() -> None:
    """Article text is untrusted: an entity may well be labelled <img src=x> or <北京>."""
    g = Graph()
    for key, label in (("org/1", "<img src=x onerror=alert(1)>"), ("org/2", "<北京>")):
        g.add((DKR[key], URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal(label, lang="zh")))
        g.add((DKR[key], URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
               URIRef("https://w3id.org/duikou/ontology#Organization")))  # names are entities
    backend = LocalBackend(g)
    assert resolve(backend, "<img src=x onerror=alert(1)>") == iri("org/1")
    assert resolve(backend, "<北京>") == iri("org/2")
    assert resolve(backend, f"<{DKR['org/2']}>") == iri("org/2")
