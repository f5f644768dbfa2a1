"""Any SPARQL 1.1 server as the graph's store, for a graph that outgrows one machine.

:class:`EndpointBackend` sends the same queries as the embedded store (:mod:`graph.store`) to a SPARQL
1.1 server, and :func:`load_endpoint` puts the built graph there first, into the named graph
``dkr:graph`` so the server's other data is left alone, by the Graph Store Protocol (one PUT of the
Turtle file) or SPARQL Update (``INSERT DATA`` in chunks).  A stamp with the file's SHA-256 in
``dkr:graph/meta`` lets later runs skip loading a graph that is already there.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Iterator, Mapping

import pyoxigraph as ox

from .errors import DuikouError
from .prefixes import DK_IRI, PREFIXES
from .sparql import Limits, QueryError, QueryResult, QueryTimeout, guard_service, rows_within
from .store import DEFAULT_STORE, LocalBackend, _bindable, _Lookups, open_graph
from .terms import Term

GRAPH_IRI = ox.NamedNode(PREFIXES["dkr"] + "graph")
META_IRI = ox.NamedNode(PREFIXES["dkr"] + "graph/meta")
_SHA256 = ox.NamedNode(DK_IRI + "sha256")
_UPDATE_CHUNK = 20_000  # triples per INSERT DATA request: a few MB, well within any server's limits


def _term_from_json(cell: Mapping[str, str]) -> Term:
    """One value of the SPARQL 1.1 JSON results format as a term."""
    kind, value = cell["type"], cell["value"]
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if "xml:lang" in cell:
        return ox.Literal(value, language=cell["xml:lang"])
    return ox.Literal(value, datatype=ox.NamedNode(cell["datatype"]) if "datatype" in cell else None)


def values_block(bindings: Mapping[str, Term]) -> str:
    """A trailing ``VALUES`` clause holding RDF terms in N-Triples syntax (pyoxigraph escapes them).

    This is how parameters reach a remote server without formatting user text into the query:
    only terms go in (an IRI was checked to be one when it was made), a literal is quoted by pyoxigraph.
    """
    if not bindings:
        return ""
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(str(_bindable(name, term)) for name, term in bindings.items())
    return f"\nVALUES ({names}) {{ ({terms}) }}\n"


class EndpointBackend(_Lookups):
    """A SPARQL 1.1 server reached by the SPARQL Protocol; queries read the named graph ``dkr:graph``."""

    def __init__(self, query_url: str, timeout: float = 60.0, graph: ox.NamedNode = GRAPH_IRI) -> None:
        self.query_url = query_url
        self.timeout = timeout
        self.graph = graph

    def post(self, url: str, body: bytes, content_type: str, accept: str, timeout: float | None,
             method: str = "POST") -> bytes:
        return self.exchange(url, body, content_type, accept, timeout, method)[0]

    def exchange(self, url: str, body: bytes, content_type: str, accept: str, timeout: float | None,
                 method: str = "POST") -> tuple[bytes, str]:
        """One request: the answer's body and media type, or one QueryError / DuikouError line."""
        import urllib.error  # (here, not above: an embedded query's worker never loads the HTTP client)
        import urllib.request

        request = urllib.request.Request(url, data=body, method=method,
                                         headers={"Content-Type": content_type, "Accept": accept})
        try:
            with urllib.request.urlopen(request, timeout=timeout or self.timeout) as response:
                media = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
                return response.read(), media
        except urllib.error.HTTPError as exc:
            detail = " ".join(exc.read().decode("utf-8", "replace").split())[:300]
            raise QueryError(f"the endpoint {url} answered {exc.code}: {detail or exc.reason}",
                             http_status=502 if exc.code >= 500 else exc.code) from None
        except TimeoutError:
            raise QueryTimeout(timeout or self.timeout) from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise QueryTimeout(timeout or self.timeout) from None
            raise DuikouError(f"cannot reach the SPARQL endpoint {url}: {exc.reason}") from None

    def _query(self, text: str, accept: str, timeout: float | None, dataset: bool = True) -> tuple[bytes, str]:
        form = {"query": text}
        if dataset:
            form["default-graph-uri"] = self.graph.value
        import urllib.parse

        return self.exchange(self.query_url, urllib.parse.urlencode(form).encode("utf-8"),
                             "application/x-www-form-urlencoded", accept, timeout)

    def _select(self, text: str) -> dict:
        return json.loads(self._query(text, "application/sparql-results+json", None)[0])

    def run(self, text: str, bindings: Mapping[str, Term], limits: Limits) -> QueryResult:
        """Send the query to the server, whose parser is the one that reads it (we parse nothing here, so
        nothing is parsed outside the server's own time limit).  The project's prefixes go first, on the
        query's first line so the server's line numbers stay right; the form of the answer is read from its
        media type.  :func:`graph.sparql.guard_service` keeps every text that could name a SERVICE from
        reaching the server, which would call the host on our behalf."""
        guard_service(text)
        prologue = " ".join(f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items()) + " "
        body, media = self._query(prologue + text + values_block(bindings),
                                  "application/sparql-results+json, application/n-triples;q=0.9", limits.timeout)
        if media in ("application/sparql-results+json", "application/json"):
            answer = json.loads(body)
            if "boolean" in answer:
                return QueryResult("ASK", boolean=bool(answer["boolean"]))
            variables = answer["head"]["vars"]
            rows = ((_term_from_json(b[v]) if v in b else None for v in variables)
                    for b in answer["results"]["bindings"])
            return QueryResult("SELECT", variables=variables, rows=rows_within(rows, limits))
        try:  # a graph: each triple once, in the order the server wrote them
            triples = dict.fromkeys((q.subject, q.predicate, q.object) for q in ox.parse(
                body, format=ox.RdfFormat.TURTLE if "turtle" in media else ox.RdfFormat.N_TRIPLES))
        except (SyntaxError, ValueError) as exc:  # a server answering in a form we did not ask for
            raise QueryError(f"the endpoint answered {media or 'without a media type'}, which cannot be read: "
                             f"{' '.join(str(exc).split())[:200]}", http_status=502) from None
        return QueryResult("CONSTRUCT", triples=rows_within(triples, limits))

    def _rows(self, text: str) -> list[tuple[Term | None, ...]]:
        answer = self._select(text)
        variables = answer["head"]["vars"]
        return [tuple(_term_from_json(b[v]) if v in b else None for v in variables)
                for b in answer["results"]["bindings"]]

    def stamp(self) -> str | None:
        """The SHA-256 of the Turtle file last loaded into the server, if any."""
        text = f"SELECT ?stamp WHERE {{ GRAPH {META_IRI} {{ {self.graph} {_SHA256} ?stamp }} }}"
        body, _ = self._query(text, "application/sparql-results+json", None, dataset=False)
        found = [b["stamp"]["value"] for b in json.loads(body)["results"]["bindings"]]
        return found[0] if found else None

    def close(self) -> None:
        """Nothing to release: every request opens and closes its own connection."""


def file_sha256(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _insert_data_chunks(ttl: Path, graph: ox.NamedNode) -> Iterator[str]:
    """``INSERT DATA`` requests of at most ``_UPDATE_CHUNK`` triples; triples with blank nodes all go
    in the last request, since a blank node label means one node only within one request."""
    def request(lines: list[str]) -> str:
        return f"INSERT DATA {{ GRAPH {graph} {{\n" + "\n".join(lines) + "\n} }"

    plain: list[str] = []
    with_bnodes: list[str] = []
    for t in ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE):
        line = f"{t.subject} {t.predicate} {t.object} ."
        (with_bnodes if isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)
         else plain).append(line)
        if len(plain) >= _UPDATE_CHUNK:
            yield request(plain)
            plain = []
    if plain:
        yield request(plain)
    if with_bnodes:
        yield request(with_bnodes)


def load_endpoint(backend: EndpointBackend, ttl: Path, *, update_url: str | None = None,
                  graph_store_url: str | None = None, announce: Callable[[str], None] = lambda _: None) -> bool:
    """Put the built graph into the server unless the same file is already there; True if it loaded.

    Without a way to write (``update_url`` or ``graph_store_url``) a graph that is missing is an
    error and a stale one a warning, so a read-only endpoint still answers.
    """
    stamp = file_sha256(ttl)
    current = backend.stamp()
    if current == stamp:
        return False
    if update_url is None and graph_store_url is None:
        if current is None:
            raise DuikouError(f"the endpoint {backend.query_url} does not hold the graph yet: "
                              "give --update-endpoint or --graph-store to load it")
        announce(f"the graph at {backend.query_url} is older than {ttl}; "
                 "give --update-endpoint or --graph-store to reload it")
        return False
    from .push import graph_url

    announce(f"loading {ttl} into {graph_store_url or update_url} …")
    meta = f"{backend.graph} {_SHA256} {ox.Literal(stamp)} ."
    if graph_store_url is not None:
        for target, body, kind in ((backend.graph, ttl.read_bytes(), "text/turtle"),
                                   (META_IRI, meta.encode("utf-8"), "application/n-triples")):
            backend.post(graph_url(graph_store_url, target.value), body, kind, "*/*", None, method="PUT")
    else:
        assert update_url is not None
        updates = [f"DROP SILENT GRAPH {backend.graph}", *_insert_data_chunks(ttl, backend.graph),
                   f"DROP SILENT GRAPH {META_IRI} ;\nINSERT DATA {{ GRAPH {META_IRI} {{ {meta} }} }}"]
        for update in updates:
            backend.post(update_url, update.encode("utf-8"), "application/sparql-update", "*/*", None)
    return True


def open_backend(ttl: Path, store: str = DEFAULT_STORE, *, endpoint: str | None = None,
                 update_endpoint: str | None = None, graph_store: str | None = None,
                 timeout: float = 60.0, announce: Callable[[str], None] = lambda _: None
                 ) -> LocalBackend | EndpointBackend:
    """The backend the command-line options ask for: the remote server (loaded first if it can be
    written to and lacks this build) or the built graph in an embedded store."""
    if endpoint is None:
        if update_endpoint or graph_store:
            raise DuikouError("--update-endpoint and --graph-store need --endpoint (where queries go)")
        return LocalBackend(open_graph(ttl, store))
    backend = EndpointBackend(endpoint, timeout=timeout)
    load_endpoint(backend, ttl, update_url=update_endpoint, graph_store_url=graph_store, announce=announce)
    return backend
