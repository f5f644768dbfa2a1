"""``explore.py serve``, started as users start it, queried by SPARQLWrapper and by raw HTTP."""
from __future__ import annotations

import csv
import http.client
import io
import json
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest
from rdflib import Graph

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "mini.ttl"
PAGE = """<!DOCTYPE html><html><head><title>t</title></head><body><div id="mynetwork"></div>
<script type="application/json" id="dk-nodes">[{"id":1,"iri":"https://w3id.org/duikou/id/place/513324","label":"九龙县"}]</script>
</body></html>"""
COUNTY = "SELECT ?s WHERE { ?s a dk:County }"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """(host, port) of a running server over the fixture graph: 2 s per query, 100 rows per answer."""
    folder = tmp_path_factory.mktemp("served")
    (folder / "graph.ttl").write_bytes(FIXTURE.read_bytes())
    (folder / "graph.html").write_text(PAGE, encoding="utf-8")
    log = (folder / "server.log").open("w")
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "explore.py"), "serve", "--build", str(folder), "--port", "0",
         "--timeout", "2", "--max-rows", "100", "--workers", "2"],
        stdout=subprocess.PIPE, stderr=log, text=True, cwd=ROOT)
    line = process.stdout.readline()
    assert line.startswith("serving http://127.0.0.1:"), line
    port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
    yield "127.0.0.1", port
    process.terminate()
    process.wait(10)
    log.close()


def request(server: tuple[str, int], method: str, path: str, body: bytes | None = None,
            headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection(*server, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def get(server: tuple[str, int], query: str, accept: str | None = None, **extra: str):
    path = "/sparql?" + urllib.parse.urlencode({"query": query, **extra})
    return request(server, "GET", path, headers={"Accept": accept} if accept else {})


# --- a real client -------------------------------------------------------------------------------

def test_sparqlwrapper_select_ask_construct(server: tuple[str, int]) -> None:
    from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper

    endpoint = f"http://{server[0]}:{server[1]}/sparql"
    client = SPARQLWrapper(endpoint)
    client.setQuery(COUNTY)
    client.setReturnFormat(JSON)
    bindings = client.query().convert()["results"]["bindings"]
    assert [b["s"]["value"] for b in bindings] == ["https://w3id.org/duikou/id/place/513324"]
    client.setMethod(POST)
    client.setReturnFormat(XML)
    doc = client.query().convert()
    assert doc.getElementsByTagName("uri")[0].firstChild.data.endswith("place/513324")
    client.setReturnFormat(CSV)
    assert client.query().convert().decode("utf-8").splitlines()[1].endswith("place/513324")
    client.setQuery("ASK { ?s dk:assists ?o }")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True
    client.setQuery("CONSTRUCT { ?s a dk:County } WHERE { ?s a dk:County }")
    client.setReturnFormat(TURTLE)
    g = Graph()
    g.parse(data=client.query().convert(), format="turtle")
    assert len(g) == 1


def test_sparqlwrapper_update_is_refused(server: tuple[str, int]) -> None:
    from SPARQLWrapper import POST, SPARQLWrapper

    client = SPARQLWrapper(f"http://{server[0]}:{server[1]}/sparql")
    client.setMethod(POST)
    client.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises(urllib.error.HTTPError) as info:
        client.query()
    assert info.value.code == 403


# --- the protocol over raw HTTP ------------------------------------------------------------------

@pytest.mark.parametrize("accept, media", [
    (None, "application/sparql-results+json"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/html,application/xhtml+xml,*/*;q=0.8", "application/sparql-results+json"),
    ("text/csv;q=0.2, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
])
def test_content_negotiation(server: tuple[str, int], accept: str | None, media: str) -> None:
    status, headers, body = get(server, COUNTY, accept)
    assert status == 200 and headers["content-type"].startswith(media)
    assert b"place/513324" in body
    assert headers["access-control-allow-origin"] == "*"


def test_graph_negotiation_and_format_parameter(server: tuple[str, int]) -> None:
    q = "CONSTRUCT WHERE { ?s a dk:County }"
    status, headers, body = get(server, q, "application/ld+json")
    assert status == 200 and json.loads(body)[0]["@id"].endswith("place/513324")
    status, headers, _ = get(server, q)
    assert headers["content-type"].startswith("text/turtle")
    status, headers, body = get(server, COUNTY, None, format="csv")
    assert headers["content-type"].startswith("text/csv")
    status, _, body = get(server, COUNTY, "image/png")
    assert status == 406


def test_post_form_and_direct(server: tuple[str, int]) -> None:
    form = urllib.parse.urlencode({"query": COUNTY}).encode()
    status, _, body = request(server, "POST", "/sparql", form,
                              {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"})
    assert status == 200 and list(csv.reader(io.StringIO(body.decode())))[1][0].endswith("513324")
    status, _, body = request(server, "POST", "/sparql", COUNTY.encode(),
                              {"Content-Type": "application/sparql-query; charset=utf-8"})
    assert status == 200 and json.loads(body)["results"]["bindings"]
    status, _, _ = request(server, "POST", "/sparql", b"x", {"Content-Type": "text/plain"})
    assert status == 415


@pytest.mark.parametrize("method, body, headers, status, words", [
    ("GET", None, {}, 400, b"query"),
    ("POST", urllib.parse.urlencode({"update": "CLEAR ALL"}).encode(),
     {"Content-Type": "application/x-www-form-urlencoded"}, 403, b"read-only"),
    ("POST", b"DROP ALL", {"Content-Type": "application/sparql-update"}, 403, b"read-only"),
    ("POST", b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", {"Content-Type": "application/sparql-query"}, 403,
     b"read-only"),
])
def test_refusals(server: tuple[str, int], method: str, body: bytes | None, headers: dict[str, str],
                  status: int, words: bytes) -> None:
    got, _, text = request(server, method, "/sparql", body, headers)
    assert got == status and words in text


def test_bad_query_has_line_and_column(server: tuple[str, int]) -> None:
    status, headers, body = get(server, "SELECT ?s\nWHERE { ?s ?p ?o }\nORDER ?s")
    assert status == 400 and headers["content-type"].startswith("text/plain")
    assert b"line 3, column" in body and b"BY" in body  # Oxigraph's own message


def test_service_is_refused(server: tuple[str, int]) -> None:
    status, _, body = get(server, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert status == 403 and b"SERVICE" in body


def test_dataset_parameters_refused(server: tuple[str, int]) -> None:
    status, _, _ = get(server, COUNTY, None, **{"default-graph-uri": "http://example.org/g"})
    assert status == 400


def test_row_limit(server: tuple[str, int]) -> None:
    status, _, body = get(server, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 400 and b"more than 100 rows" in body
    status, _, _ = get(server, "SELECT * WHERE { ?s ?p ?o } LIMIT 100")
    assert status == 200


def test_cors_preflight(server: tuple[str, int]) -> None:
    status, headers, _ = request(server, "OPTIONS", "/sparql", None,
                                 {"Origin": "http://example.org", "Access-Control-Request-Method": "POST"})
    assert status == 204
    assert headers["access-control-allow-origin"] == "*" and "POST" in headers["access-control-allow-methods"]


def test_fifty_concurrent_clients(server: tuple[str, int]) -> None:
    outcomes: list[tuple[int, bytes]] = []
    lock = threading.Lock()

    def client(i: int) -> None:
        query = COUNTY if i % 2 else "SELECT ?p WHERE { ?p a dk:Person } ORDER BY ?p"
        got = get(server, query, "text/csv")
        with lock:
            outcomes.append((got[0], got[2]))

    threads = [threading.Thread(target=client, args=(i,)) for i in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(outcomes) == 50
    assert all(status == 200 for status, _ in outcomes), [s for s, _ in outcomes]
    assert sum(b"place/513324" in body for _, body in outcomes) == 25
    assert sum(body.count(b"person/") == 2 for _, body in outcomes) == 25


def test_slow_query_is_stopped_and_the_server_keeps_serving(server: tuple[str, int]) -> None:
    status, _, body = get(server, SLOW)
    assert status == 503 and b"time limit" in body
    status, _, body = get(server, COUNTY)  # answered by the other worker while one is replaced
    assert status == 200
    assert get(server, SLOW)[0] == 503  # and again, once the replacement has loaded or not
    for _ in range(5):
        assert get(server, COUNTY)[0] == 200


# --- saved queries and the page ------------------------------------------------------------------

def test_saved_queries_over_http(server: tuple[str, int]) -> None:
    status, _, body = request(server, "GET", "/queries")
    listed = {q["name"]: q for q in json.loads(body)}
    assert status == 200, body
    assert listed["two-hops"]["params"][0] == {
        "name": "entity", "meaning": listed["two-hops"]["params"][0]["meaning"], "required": True}
    path = "/queries/assisted-by?" + urllib.parse.urlencode({"recipient": "九龙县"})
    status, _, body = request(server, "GET", path, headers={"Accept": "text/csv"})
    assert status == 200 and body.decode().count("\r\n") == 7, body
    status, _, body = request(server, "GET", "/queries/two-hops?entity=" + urllib.parse.quote("谭军"),
                              headers={"Accept": "application/ld+json"})
    assert status == 200 and any(n["@id"].endswith("person/b2") for n in json.loads(body))
    assert request(server, "GET", "/queries/two-hops")[0] == 400
    assert request(server, "GET", "/queries/nope")[0] == 404
    assert request(server, "GET", "/queries/assisted-by?recipient=" + urllib.parse.quote("火星"))[0] == 404


def test_page_has_the_query_panel(server: tuple[str, int]) -> None:
    status, headers, body = request(server, "GET", "/")
    page = body.decode("utf-8")
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert page.index('id="mynetwork"') < page.index('id="dkq"') < page.rindex("</body>")
    assert "duikouSelect" in page and "duikouShowSubgraph" in page
    assert "innerHTML" not in page.split('id="dkq"')[1]  # data goes in as text only
    assert "http://" not in page.split('id="dkq"')[1].replace("http://www.w3.org", "")  # nothing fetched from elsewhere
    assert request(server, "GET", "/nothing")[0] == 404


@pytest.fixture(scope="module")
def seed_served(seed_build: Path) -> Iterator[str]:
    """The URL of ``explore.py serve`` over the seed build, started as a user starts it."""
    process = subprocess.Popen([sys.executable, str(ROOT / "explore.py"), "serve", "--build", str(seed_build),
                                "--port", "0", "--workers", "1"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
    try:
        yield process.stdout.readline().split()[1]
    finally:
        process.terminate()
        process.wait(10)


@contextmanager
def _panel(browser, url: str) -> Iterator[tuple[object, list[str]]]:
    """The served page with its query panel open and the saved queries loaded; the page's script errors."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(url)
        page.click("#dkq-toggle")
        page.wait_for_function("document.querySelectorAll('#dkq-saved option').length > 8")
        yield page, errors
    finally:
        page.close()


def test_query_panel_in_a_browser(seed_served: str, browser) -> None:
    """The panel on the real seed page: a saved query with a parameter, a click that selects the node,
    a CONSTRUCT drawn in the main view, and a bad query's message shown as text."""
    with _panel(browser, seed_served) as (page, errors):
        page.select_option("#dkq-saved", "assisted-by")
        page.fill("#dkq-param-recipient", "九龙县")
        page.click("#dkq-run")
        page.wait_for_function("document.querySelectorAll('#dkq-table tbody tr').length > 5")
        assert page.text_content("#dkq-table tbody tr td button") == "九龙县"
        page.click("#dkq-table tbody tr td:nth-child(2) button")
        page.wait_for_function("location.hash.indexOf('510113') >= 0")  # 青白江区 selected in the graph
        page.select_option("#dkq-saved", "money-by-provider")
        page.click("#dkq-run")
        page.wait_for_selector("#dkq-table td.dkq-money")
        money = page.query_selector("#dkq-table td.dkq-money")  # ?total in 万元, the exact yuan on hover
        raw = float(money.get_attribute("title").rsplit("(", 1)[1].rstrip(")"))
        assert money.text_content() == f"{raw / 1e4:g}万元" and money.get_attribute("title").startswith(f"{raw:,.0f} 元")
        assert page.text_content("#dkq-table tbody tr td:nth-child(5)").isdigit()  # ?amounts, a count, stays a number
        page.select_option("#dkq-saved", "two-hops")
        page.fill("#dkq-param-entity", "四川中康源医药有限公司")
        page.click("#dkq-run")
        page.wait_for_function("document.getElementById('dkq-status').textContent.indexOf('triples') >= 0")
        assert "nodes shown in the graph" in page.text_content("#dkq-table")
        page.fill("#dkq-editor", "SELECT * WHERE { ?s ?p }")
        page.click("#dkq-run")
        page.wait_for_function("document.getElementById('dkq-status').textContent.indexOf('line 1') >= 0")
        assert errors == []


#: every amount and quantity of the seed with who gave it: a dozen rows from 4 to 64,881,900
AMOUNTS = """PREFIX dk: <https://w3id.org/duikou/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?provider ?yuan WHERE { ?m schema:value ?yuan . ?record ?measure ?m ; dk:provider ?p . ?p rdfs:label ?provider }"""


def _panel_rows(page) -> list[list[str]]:
    return page.eval_on_selector_all("#dkq-table tbody tr", "rows => rows.map(r => Array.from(r.cells, c => c.textContent))")


def test_query_panel_table_sorts_filters_and_formats_money(seed_served: str, browser) -> None:
    """The panel's results table: a click on a heading sorts by that column (numbers as numbers, both
    ways), the words typed keep the rows that contain them all, amounts in 万元/亿元 with the exact yuan
    on hover; names from the data arrive as text."""
    with _panel(browser, seed_served) as (page, errors):
        page.fill("#dkq-editor", AMOUNTS)
        page.click("#dkq-run")
        page.wait_for_selector("#dkq-table td.dkq-money")
        answered = _panel_rows(page)
        assert len(answered) >= 10
        heads = page.eval_on_selector_all("#dkq-table thead th", "ths => ths.map(t => t.textContent)")
        total = heads.index("yuan") + 1

        def totals() -> list[float]:
            cells = page.query_selector_all(f"#dkq-table tbody tr td:nth-child({total})")
            return [float(c.get_attribute("title").rsplit("(", 1)[1].rstrip(")")) for c in cells]

        page.click(f"#dkq-table thead th:nth-child({total}) button")  # ascending
        assert totals() == sorted(totals()) and totals()[0] < totals()[-1]
        assert page.get_attribute(f"#dkq-table thead th:nth-child({total})", "aria-sort") == "ascending"
        page.click(f"#dkq-table thead th:nth-child({total}) button")  # descending
        assert totals() == sorted(totals(), reverse=True)
        cell = page.query_selector(f"#dkq-table tbody tr td:nth-child({total})")
        raw = float(cell.get_attribute("title").rsplit("(", 1)[1].rstrip(")"))
        unit, scale = ("亿元", 1e8) if raw >= 1e8 else ("万元", 1e4)
        assert cell.text_content() == f"{round(raw / scale, 2):g}{unit}"
        assert cell.get_attribute("title").startswith(f"{raw:,.0f} 元")

        page.click("#dkq-table thead th:nth-child(1) button")  # the provider's name, in Chinese collation
        providers = [row[0] for row in _panel_rows(page)]
        assert providers == page.evaluate("names => names.slice().sort(new Intl.Collator('zh').compare)", providers)

        name = providers[-1].removesuffix("@zh")  # a literal shows its language tag after it
        page.fill("#dkq-filter", name)
        page.wait_for_function("document.getElementById('dkq-shown').textContent.indexOf('/') > 0")
        kept = _panel_rows(page)
        assert kept and all(name in " ".join(row) for row in kept)
        assert len(kept) == sum(1 for row in answered if name in " ".join(row)) < len(answered)
        assert page.text_content("#dkq-shown") == f"{len(kept)} / {len(answered)}"
        page.fill("#dkq-filter", name + " 不在任何一行里")
        page.wait_for_function("document.querySelectorAll('#dkq-table tbody tr').length === 0")
        page.fill("#dkq-filter", "")
        page.wait_for_function(f"document.querySelectorAll('#dkq-table tbody tr').length === {len(answered)}")

        page.fill("#dkq-editor", 'SELECT ?x WHERE { VALUES ?x { "<img src=x onerror=alert(1)>" "b" } }')
        page.click("#dkq-run")
        page.wait_for_function("document.querySelectorAll('#dkq-table tbody tr').length === 2")
        assert page.query_selector("#dkq-table img") is None
        page.click("#dkq-table thead th:nth-child(1) button")
        assert [row[0] for row in _panel_rows(page)] == ["<img src=x onerror=alert(1)>", "b"]
        assert errors == []
