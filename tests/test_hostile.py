"""The endpoint and the command line probed as an attacker would: real processes, real HTTP, a real listener.

Every SERVICE variant below once reached, or could reach, another host.  A TCP listener on 127.0.0.1
stands for that host: it must never see a connection, whatever the server or the command line answers.
"""
from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Iterator

import pytest
from test_server import request

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "mini.ttl"
COUNTY = "SELECT ?s WHERE { ?s a dk:County }"


class Listener:
    """A host the engine must never call: accepts on 127.0.0.1 and counts whoever connects."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.calls: list[bytes] = []
        self._stop = False
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            conn.settimeout(1)
            try:
                self.calls.append(conn.recv(4096) or b"(connected)")
            except OSError:
                self.calls.append(b"(connected)")
            conn.close()

    def close(self) -> None:
        self._stop = True
        self._thread.join(2)
        self.sock.close()


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    host = Listener()
    yield host
    host.close()


def _variants(port: int) -> dict[str, str]:
    url = f"http://127.0.0.1:{port}/sparql"
    escaped = f"http\\u003A//127.0.0.1:{port}/sparql"  # ':' written as a codepoint escape inside the IRI
    body = "{ ?s ?p ?o }"
    return {
        "plain": f"SELECT * WHERE {{ SERVICE <{url}> {body} }}",
        "nested": f"SELECT * WHERE {{ {{ {{ SERVICE <{url}> {body} }} }} }}",
        "optional": f"SELECT * WHERE {{ ?c a dk:County OPTIONAL {{ SERVICE <{url}> {body} }} }}",
        "union": f"SELECT * WHERE {{ {{ ?c a dk:County }} UNION {{ SERVICE <{url}> {body} }} }}",
        "subquery": f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{url}> {body} }} }} }}",
        "lower-case": f"select * where {{ service <{url}> {body} }}",
        "silent": f"SELECT * WHERE {{ SERVICE SILENT <{url}> {body} }}",
        "ask": f"ASK {{ SERVICE <{url}> {body} }}",
        "construct": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {body} }}",
        # the two that bypassed the old pre-check: rdflib expands \u escapes, Oxigraph does not ...
        "u-escape": f'SELECT * WHERE {{ BIND("\\u0022" AS ?a) SERVICE <{url}> {body} BIND("\\u0022" AS ?b) }}',
        # ... and a comment ended by a bare carriage return, where rdflib reads on to the next \n
        "cr-comment": f"SELECT * WHERE {{ ?c a dk:County # \r SERVICE <{url}> {body} }}",
        "iri-escape": f"SELECT * WHERE {{ SERVICE <{escaped}> {body} }}",
        "keyword-escape": f"SELECT * WHERE {{ \\u0053ERVICE <{url}> {body} }}",
        "from": f"SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}",
        "from-named": f"SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    }


VARIANTS = list(_variants(0))


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """``explore.py serve`` on the fixture graph, with small limits to run into."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "graph.ttl").write_bytes(FIXTURE.read_bytes())
    log = (folder / "server.log").open("w")
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "explore.py"), "serve", "--build", str(folder), "--port", "0",
         "--timeout", "5", "--max-rows", "5", "--max-memory", "300", "--max-answer", "1",
         "--workers", "2", "--client-timeout", "1"],
        stdout=subprocess.PIPE, stderr=log, text=True, cwd=ROOT)
    line = process.stdout.readline()
    assert line.startswith("serving http://127.0.0.1:"), line
    yield "127.0.0.1", int(line.split("http://127.0.0.1:")[1].split("/")[0])
    process.terminate()
    process.wait(10)
    log.close()


def get(server: tuple[str, int], query: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    return request(server, "GET", "/sparql?" + urllib.parse.urlencode({"query": query}), headers=headers)


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "explore.py"), *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)


@pytest.fixture(scope="module")
def mini_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-cli")
    (folder / "graph.ttl").write_bytes(FIXTURE.read_bytes())
    return folder


# --- SERVICE, FROM: no other host is ever called ---------------------------------------------------

@pytest.fixture
def fixture(request: pytest.FixtureRequest) -> pytest.FixtureRequest:
    """The test's own request, under a name that leaves ``request`` (HTTP, from test_server) alone."""
    return request


@pytest.fixture(scope="module")
def served_store(seed_build: Path) -> Iterator[tuple[str, int]]:
    """``explore.py serve`` on a real build: its workers open the build's kept store."""
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "explore.py"), "serve", "--build", str(seed_build), "--port", "0",
         "--timeout", "5", "--workers", "2"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
    line = process.stdout.readline()
    assert line.startswith("serving http://127.0.0.1:"), line
    yield "127.0.0.1", int(line.split("http://127.0.0.1:")[1].split("/")[0])
    process.terminate()
    process.wait(10)


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("server", ["served", "served_store"])
def test_service_over_http_calls_no_host(server: str, listener: Listener,
                                         variant: str, fixture: pytest.FixtureRequest) -> None:
    served = fixture.getfixturevalue(server)
    query = _variants(listener.port)[variant]
    for method in ("GET", "POST"):
        if method == "GET":
            status, _, body = get(served, query)
        else:
            status, _, body = request(served, "POST", "/sparql", query.encode("utf-8"),
                                      {"Content-Type": "application/sparql-query"})
        time.sleep(0.3)  # a call, had one been made, has reached the listener by now
        assert listener.calls == [], (variant, listener.calls)
        if variant in ("silent", "from", "from-named", "cr-comment", "union"):
            assert status in (200, 403), (variant, status, body)  # answered without the service, or refused
        elif variant == "keyword-escape":
            assert status == 400, body  # Oxigraph applies no escapes outside strings: not SPARQL it reads
        else:
            assert status == 403 and b"SERVICE" in body, (variant, status, body)


@pytest.mark.parametrize("variant", ["plain", "lower-case", "u-escape", "cr-comment", "iri-escape", "optional"])
@pytest.mark.parametrize("folder", ["mini_build", "seed_build"])  # the Turtle parsed; the build's store opened
def test_service_on_the_command_line_calls_no_host(fixture: pytest.FixtureRequest, folder: str, listener: Listener,
                                                   variant: str) -> None:
    done = cli("query", _variants(listener.port)[variant], "--build", str(fixture.getfixturevalue(folder)))
    time.sleep(0.3)
    assert listener.calls == [], (variant, listener.calls)
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) <= 1, done.stderr
    if variant != "cr-comment":  # (that one Oxigraph reads as a comment to the end of the line: no SERVICE)
        assert done.returncode == 2 and "SERVICE" in done.stderr, done.stderr


def test_the_filter_leaves_no_socket_to_open() -> None:
    """The worker's confinement on its own, in a fresh process: no socket of any family, in any thread."""
    script = """
import socket, threading
from graph.sandbox import forbid_network
assert forbid_network()
def attempt(family):
    try:
        socket.socket(family, socket.SOCK_STREAM).close()
        return "opened"
    except OSError as exc:
        return exc.errno
out = [attempt(f) for f in (socket.AF_INET, socket.AF_INET6, socket.AF_UNIX)]
later = []
thread = threading.Thread(target=lambda: later.append(attempt(socket.AF_INET)))
thread.start(); thread.join()
print(out + later)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60)
    if sys.platform.startswith("linux"):
        assert done.returncode == 0, done.stderr
        import errno
        assert done.stdout.strip() == str([errno.ENETUNREACH] * 4)


def test_in_process_graph_refuses_any_text_that_could_name_a_service(listener: Listener) -> None:
    """Without the confined worker (a library caller's graph), every text a SERVICE could hide in is refused."""
    from graph.sparql import QueryError, execute
    from graph.store import LocalBackend, open_graph

    backend = LocalBackend(open_graph(FIXTURE))
    for variant, query in _variants(listener.port).items():
        if variant.startswith("from"):
            continue
        with pytest.raises(QueryError) as info:
            execute(backend, query)
        assert info.value.http_status == 403, variant
    assert listener.calls == []


# --- parsing happens in the bounded worker -----------------------------------------------------------

def test_a_huge_filter_does_not_hold_up_other_clients(served: tuple[str, int]) -> None:
    huge = "SELECT ?o WHERE { ?s ?p ?o FILTER(" + "||".join(f"?o={i}" for i in range(10_000)) + ") } LIMIT 5"
    assert len(huge) > 80_000
    outcome: list[tuple[int, bytes]] = []
    thread = threading.Thread(target=lambda: outcome.append(
        request(served, "POST", "/sparql", huge.encode(), {"Content-Type": "application/sparql-query"})[::2]))
    thread.start()
    assert get(served, "ASK { ?s ?p ?o }")[0] == 200
    thread.join(60)
    # refused before Oxigraph's quadratic parse of 10,000 ||, and told what to write instead
    assert outcome and outcome[0][0] == 400 and b"IN (" in outcome[0][1], outcome
    same = "SELECT ?o WHERE { ?s ?p ?o FILTER(?o IN (" + ",".join(map(str, range(10_000))) + ")) } LIMIT 5"
    assert request(served, "POST", "/sparql", same.encode(), {"Content-Type": "application/sparql-query"})[0] == 200


@pytest.mark.parametrize("query, statuses", [
    ("SELECT * WHERE " + "{" * 40 + " ?s ?p ?o " + "}" * 40 + " LIMIT 1", {200}),
    ("SELECT * WHERE { FILTER(" + "(" * 30 + "1" + ")" * 30 + ") }", {200}),
    # Oxigraph plans 500 joins slowly: answered, or stopped at the time limit, never a crash
    ("SELECT * WHERE { " + " ".join(f"?s <urn:p{i}> ?o{i} ." for i in range(500)) + " }", {200, 503}),
    ("SELECT * WHERE " + "{" * 150 + " ?s ?p ?o " + "}" * 150, {400}),
    ("SELECT * WHERE " + "{" * 5000 + " ?s ?p ?o " + "}" * 5000, {400}),
    ('SELECT ("\\UFFFFFFFF" AS ?x) WHERE {}', {400}),
    ("SELECT * WHERE { ?s ?p ?o } LIMT 3", {400}),
])
def test_nesting_and_malformed_text(served: tuple[str, int], query: str, statuses: set[int]) -> None:
    got, _, body = request(served, "POST", "/sparql", query.encode(), {"Content-Type": "application/sparql-query"})
    assert got in statuses, body
    assert b"Traceback" not in body and len(body.strip().splitlines()) <= 1


def test_nesting_and_malformed_text_on_the_command_line(mini_build: Path) -> None:
    for query in ("SELECT * WHERE " + "{" * 5000 + " ?s ?p ?o " + "}" * 5000, 'SELECT ("\\UFFFFFFFF" AS ?x) {}'):
        done = cli("query", query, "--build", str(mini_build))
        assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1, done.stderr
    done = cli("query", "SELECT * WHERE " + "{" * 40 + " ?s ?p ?o " + "}" * 40 + " LIMIT 1",
               "--build", str(mini_build))
    assert done.returncode == 0, done.stderr


# --- engine failures, memory and answer size ---------------------------------------------------------

ORDER_PANIC = "SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o"  # Oxigraph 0.5.13 panics sorting the seed graph's values


def test_engine_panic_on_the_command_line_is_one_line(seed_build: Path) -> None:
    done = cli("query", ORDER_PANIC, "--build", str(seed_build))
    assert "Traceback" not in done.stderr and "panicked" not in done.stderr and "backtrace" not in done.stderr
    if done.returncode != 0:  # the panic (a later Oxigraph may sort these values)
        assert done.returncode == 1 and len(done.stderr.strip().splitlines()) == 1, done.stderr
        assert "ORDER BY" in done.stderr and "STR(" in done.stderr


def test_engine_panic_over_http_is_a_500_and_the_server_serves_on(seed_build: Path) -> None:
    process = subprocess.Popen([sys.executable, str(ROOT / "explore.py"), "serve", "--build", str(seed_build),
                                "--port", "0", "--workers", "1"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
    try:
        port = int(process.stdout.readline().split("http://127.0.0.1:")[1].split("/")[0])
        status, _, body = get(("127.0.0.1", port), ORDER_PANIC)
        assert status in (200, 500), body
        if status == 500:
            assert b"ORDER BY" in body and len(body.strip().splitlines()) == 1
        for _ in range(3):  # the worker was replaced
            assert get(("127.0.0.1", port), "ASK { ?s ?p ?o }")[0] == 200
    finally:
        process.terminate()
        process.wait(10)


def _doubling(times: int, projected: str) -> str:
    binds = " ".join(f"BIND(CONCAT(?a{i}, ?a{i}) AS ?a{i + 1})" for i in range(times))
    return f'SELECT {projected} WHERE {{ BIND("0123456789" AS ?a0) {binds} }}'


def test_memory_is_bounded(served: tuple[str, int], mini_build: Path) -> None:
    status, _, body = get(served, _doubling(30, "(STRLEN(?a30) AS ?n)"))  # 10 GB if it were let run
    assert status == 503 and b"memory limit" in body, body
    assert get(served, COUNTY)[0] == 200
    done = cli("query", _doubling(30, "(STRLEN(?a30) AS ?n)"), "--build", str(mini_build), "--max-memory", "200")
    assert done.returncode == 4 and "memory limit" in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_answer_bytes_are_bounded(served: tuple[str, int]) -> None:
    status, _, body = get(served, _doubling(17, "?a17"))  # one row, 1.3 MB
    assert status == 400 and b"larger than 1 MB" in body, body
    assert get(served, _doubling(10, "?a10"))[0] == 200  # 10 KB


def test_names_resolve_past_the_row_limit(served: tuple[str, int]) -> None:
    """More labels than --max-rows (5): looking a name up is not an answer, and is not cut at 5 rows."""
    status, _, body = request(served, "GET", "/queries/people-and-posts?person=nieshenming",
                              headers={"Accept": "text/csv"})
    assert status == 200 and body.count(b"\r\n") == 3, body
    status, _, body = request(served, "GET", "/queries/people-and-posts?person=" + urllib.parse.quote("聶申明"),
                              headers={"Accept": "text/csv"})
    assert status == 200 and body.count(b"\r\n") == 3, body


# --- HTTP itself -------------------------------------------------------------------------------------

def test_head(served: tuple[str, int]) -> None:
    status, headers, body = request(served, "HEAD", "/sparql?" + urllib.parse.urlencode({"query": COUNTY}))
    assert status == 200 and body == b"" and int(headers["content-length"]) > 0
    assert request(served, "HEAD", "/")[0] == 200


def test_bad_content_length(served: tuple[str, int]) -> None:
    with socket.create_connection(served, timeout=10) as s:
        s.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                  b"Content-Length: abc\r\n\r\nASK {}")
        reply = s.recv(4096)
    assert reply.startswith(b"HTTP/1.0 400") or reply.startswith(b"HTTP/1.1 400"), reply


def test_stalled_connections_are_dropped(served: tuple[str, int]) -> None:
    """More silent connections than the server serves at once: each is closed after --client-timeout
    (1 s here), those past the cap at once, and the server answers again afterwards."""
    stalled = [socket.create_connection(served, timeout=30) for _ in range(80)]
    try:
        for s in stalled:
            assert s.recv(4096) is not None  # returns (b"" or a 503) once the server lets go
    finally:
        for s in stalled:
            s.close()
    assert get(served, COUNTY)[0] == 200


def test_ctrl_c_ends_serve_in_one_line(mini_build: Path) -> None:
    """SIGINT (Ctrl-C) while queries run: exit 130, one line, no worker's traceback; and a closed stdout is no error."""
    import signal

    process = subprocess.Popen([sys.executable, str(ROOT / "explore.py"), "serve", "--build", str(mini_build),
                                "--port", "0", "--workers", "2"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    port = int(process.stdout.readline().split("http://127.0.0.1:")[1].split("/")[0])
    process.stdout.close()  # as `serve | head -1` does
    assert get(("127.0.0.1", port), COUNTY)[0] == 200
    def client() -> None:
        try:
            get(("127.0.0.1", port), _doubling(30, "(STRLEN(?a30) AS ?n)"))
        except OSError:  # the server went away mid-request: that is the point
            pass

    slow = threading.Thread(target=client)
    slow.start()
    time.sleep(0.5)
    process.send_signal(signal.SIGINT)
    status = process.wait(30)
    err = process.stderr.read()
    assert status == 130, err
    assert "Traceback" not in err and err.strip().splitlines()[-1] == "explore.py: interrupted", err
    slow.join(30)


@pytest.mark.parametrize("delay", [0.15, 0.4, 0.7, 1.0, 1.3])
def test_ctrl_c_to_the_group_while_a_query_worker_starts(mini_build: Path, delay: float) -> None:
    """A terminal's Ctrl-C reaches the query worker too, perhaps before its first line of Python: workers
    begin with Ctrl-C ignored (fork server), so the command alone answers, with one line and 130."""
    import os
    import signal

    process = subprocess.Popen([sys.executable, str(ROOT / "explore.py"), "query", "--build", str(mini_build),
                                COUNTY], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               cwd=ROOT, start_new_session=True)
    time.sleep(delay)
    os.killpg(process.pid, signal.SIGINT)
    status = process.wait(30)
    err = process.stderr.read()
    assert status in (0, 130), err
    assert "Traceback" not in err, err
    if status == 130:
        assert err.strip().splitlines() == ["explore.py: interrupted"], err
