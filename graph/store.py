"""Where a built graph lives while it is queried: an embedded store, or any SPARQL 1.1 server.

Embedded, the engine is chosen by name: ``oxigraph`` (the default: the build folder's kept store opened
read-only, or a Turtle file loaded with Oxigraph's own parser; queried through pyoxigraph, and seen
through oxrdflib where rdflib's API is wanted) or ``memory`` (rdflib's pure-Python store).  ``benchmarks/
bench_store.py`` measures the two: on 1,000,000 triples Oxigraph loaded 15× faster (3.8 s against 57 s)
and answered six saved queries 4–23× faster; the two with GROUP BY over a subquery or a UNION took
0.1–0.9 s on Oxigraph and did not finish in 120 s on the Memory store.

For a graph that outgrows one machine, :class:`EndpointBackend` sends the same queries to a SPARQL
1.1 server, and :func:`load_endpoint` puts the built graph there first, into the named graph
``dkr:graph`` so the server's other data is left alone, by the Graph Store Protocol (one PUT of the
Turtle file) or SPARQL Update (``INSERT DATA`` in chunks).  A stamp with the file's SHA-256 in
``dkr:graph/meta`` lets later runs skip loading a graph that is already there.
"""
from __future__ import annotations

import json
import re
from abc import ABC, abstractmethod
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Mapping

import pyoxigraph as ox

from .errors import DuikouError
from .names import PINYIN_LANG, Label, NameIndex
from .prefixes import DK_IRI, PREFIXES
from .sparql import (SERVICE_REFUSED, Budget, EngineFailure, Limits, QueryError, QueryResult, QueryTimeout,
                     engine_error, guard_service, is_update, located, prepare, rows_within)
from .terms import Term, from_rdflib, to_rdflib

if TYPE_CHECKING:  # rdflib only for the memory store and rdflib's own Graph: a query on Oxigraph never loads it
    from rdflib import Graph

    from .nametable import NameTable

STORES = ("oxigraph", "memory")
DEFAULT_STORE = "oxigraph"
GRAPH_IRI = ox.NamedNode(PREFIXES["dkr"] + "graph")
META_IRI = ox.NamedNode(PREFIXES["dkr"] + "graph/meta")
_SHA256 = ox.NamedNode(DK_IRI + "sha256")
_RDFS_LABEL = ox.NamedNode(PREFIXES["rdfs"] + "label")
_SKOS_PREF, _SKOS_ALT = (ox.NamedNode(PREFIXES["skos"] + name) for name in ("prefLabel", "altLabel"))
_UPDATE_CHUNK = 20_000  # triples per INSERT DATA request: a few MB, well within any server's limits


def _is_rdflib_graph(engine: object) -> bool:
    """Whether an engine is an rdflib Graph, asked without importing rdflib (no Graph exists unless it is loaded)."""
    import sys

    rdflib = sys.modules.get("rdflib")
    return rdflib is not None and isinstance(engine, rdflib.Graph)


def open_engine(ttl: Path, store: str = DEFAULT_STORE, kept: Path | None = None) -> Graph | ox.Store:
    """A built graph as its engine holds it, for :class:`LocalBackend`: for Oxigraph a ``pyoxigraph.Store``
    (the build's ``kept`` store opened read-only when there is one: milliseconds, and memory that does
    not grow with the corpus; else the Turtle loaded into memory), for ``memory`` an rdflib Graph.

    A query worker opens its graph with this, so it loads neither oxrdflib nor rdflib's SPARQL parser
    (a third of a second of every query's start)."""
    if store not in STORES:
        raise DuikouError(f"unknown store {store!r}: choose one of {', '.join(STORES)}")
    if store == "oxigraph" and kept is not None:
        from .merge import read_only

        return read_only(kept)
    if not ttl.is_file():
        raise DuikouError(f"no built graph at {ttl}: run `python explore.py build` first")
    try:
        if store == "oxigraph":
            engine = ox.Store()
            engine.bulk_load(path=str(ttl), format=ox.RdfFormat.TURTLE)  # into the default graph
            return engine
        from rdflib import Graph

        g = Graph(bind_namespaces="none")
        for prefix, iri in PREFIXES.items():
            g.bind(prefix, iri)
        return g.parse(ttl, format="turtle")
    except (SyntaxError, ValueError) as exc:
        raise DuikouError(f"{ttl} is not valid Turtle: {' '.join(str(exc).split())[:300]}") from None


def open_graph(ttl: Path, store: str = DEFAULT_STORE, kept: Path | None = None) -> Graph:
    """A built graph as an rdflib Graph bound to the project's prefixes (see :func:`open_engine`), for
    code that walks it with rdflib's API (the page); Oxigraph's store is behind oxrdflib, its default
    graph the Graph, so a query's FROM <…> names another (empty) graph, as SPARQL says."""
    from oxrdflib import OxigraphStore
    from rdflib import Graph
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    engine = open_engine(ttl, store, kept)
    if isinstance(engine, Graph):
        return engine

    g = Graph(store=OxigraphStore(store=engine), identifier=DATASET_DEFAULT_GRAPH_ID, bind_namespaces="none")
    for prefix, iri in PREFIXES.items():
        g.bind(prefix, iri)
    return g


def _best_label(candidates: Iterable[tuple[ox.NamedNode, Term]]) -> str | None:
    """rdfs:label before skos:prefLabel, Chinese before other languages: what a reader of the data expects."""
    def rank(item: tuple[ox.NamedNode, ox.Literal]) -> tuple[int, int, str]:
        pred, lit = item
        return (0 if pred == _RDFS_LABEL else 1, 0 if (lit.language or "").lower() == "zh" else 1, lit.value)

    ranked = sorted((c for c in candidates if isinstance(c[1], ox.Literal)), key=rank)
    return ranked[0][1].value if ranked else None


def _answer_term(term: object) -> Term | None:
    """A cell of Oxigraph's answer as an answer's term: an RDF 1.2 triple term is shown as its text."""
    return ox.Literal(str(term)) if isinstance(term, ox.Triple) else term  # type: ignore[return-value]


def _oxigraph_syntax_error(exc: SyntaxError, text: str) -> QueryError:
    """Oxigraph's 'error at 3:1: expected …' as 'bad query at line 3, column 1: …'; an unknown prefix
    said in words rather than as the parser's list of expected characters."""
    message = str(exc)
    m = re.match(r"error at (\d+):(\d+):\s*(.*)", message, re.S)
    if m is None:
        return located(message, text, None, None)
    line, col, rest = int(m.group(1)), int(m.group(2)), m.group(3)
    if "Prefix not found" in rest:
        lines = text.splitlines()
        before = lines[line - 1][:col - 1] if 0 < line <= len(lines) else ""
        name = re.search(r"([A-Za-z][\w.-]*)?:?$", before.rstrip(":") + ":")
        prefix = (name.group(1) or "") if name else ""
        known = ", ".join(f"{p}:" for p in PREFIXES)
        rest = f"unknown prefix {prefix}: (declare it with PREFIX, or use one of {known})"
    elif len(rest) > 200:
        rest = rest[:200] + "…"
    return located(rest, text, line, col)


def _names_query() -> str:
    """Every label and alias of every entity: what :class:`NameIndex` looks names up in."""
    from .vocab import KINDS  # (rdflib: only a folder without a name table scans the labels)

    kinds = " ".join(sorted({f"<{k}>" for k in KINDS.values()}))
    return (f"SELECT DISTINCT ?p ?s ?o WHERE {{ VALUES ?p {{ {_RDFS_LABEL} {_SKOS_ALT} }} "
            f"VALUES ?kind {{ {kinds} }} ?s a ?kind ; ?p ?o }}")


def _labels_queries(iris: Iterable[ox.NamedNode]) -> Iterator[str]:
    """The labels of ``iris`` (written as N-Triples terms), 200 to a query."""
    ordered = sorted(iris, key=lambda i: i.value)
    for start in range(0, len(ordered), 200):
        chunk = " ".join(str(i) for i in ordered[start:start + 200])
        yield (f"SELECT ?s ?p ?l WHERE {{ VALUES ?s {{ {chunk} }} VALUES ?p {{ {_RDFS_LABEL} "
               f"{_SKOS_PREF} }} ?s ?p ?l }}")


class _Lookups(ABC):
    """Names and labels, looked up by SPARQL the same way in every backend: ``_rows`` runs one lookup."""

    _names: NameIndex | None = None

    @abstractmethod
    def _rows(self, text: str) -> list[tuple[Term | None, ...]]:
        """The rows of one lookup query of ours."""

    def resolve(self, value: str, timeout: float | None = None) -> ox.NamedNode:
        if self._names is None:
            self._names = NameIndex(_label_entries(self._rows(_names_query())))
        return ox.NamedNode(self._names.find(value))

    def labels(self, iris: Iterable[ox.NamedNode]) -> dict[ox.NamedNode, str]:
        candidates: dict[ox.NamedNode, list[tuple[ox.NamedNode, Term]]] = {}
        for text in _labels_queries(iris):
            for s, p, label in self._rows(text):
                candidates.setdefault(s, []).append((p, label))
        return {iri: label for iri, found in candidates.items() if (label := _best_label(found))}


class LocalBackend(_Lookups):
    """An embedded graph as a :class:`graph.sparql.Backend`: a ``pyoxigraph.Store`` (or an rdflib Graph
    over one, through oxrdflib), or an rdflib Graph in rdflib's own store.

    Oxigraph's store is queried through pyoxigraph itself, so its parser is the only one that reads the
    query.  ``sandboxed`` says the process cannot open network sockets (:mod:`graph.sandbox`); where it
    can, :func:`graph.sparql.guard_service` refuses every text that could name a SERVICE.  The
    embedded engines cannot be interrupted, so the time limit is left to :func:`graph.sparql.execute`.
    """

    def __init__(self, graph: Graph | ox.Store, sandboxed: bool = False, names: NameTable | None = None) -> None:
        """``names``: the build's name table (:mod:`graph.nametable`), where names are looked up by index
        instead of by reading every label of the graph."""
        self.graph = graph
        self.sandboxed = sandboxed
        self.table = names

    def resolve(self, value: str, timeout: float | None = None) -> ox.NamedNode:
        if self.table is not None:
            return ox.NamedNode(self.table.find(value))
        return super().resolve(value, timeout)

    def _oxigraph(self) -> ox.Store | None:
        if not _is_rdflib_graph(self.graph):
            return self.graph  # a pyoxigraph.Store
        store = self.graph.store
        return store._inner if type(store).__name__ == "OxigraphStore" else None

    def run(self, text: str, bindings: Mapping[str, Term], limits: Limits) -> QueryResult:
        if not self.sandboxed:
            guard_service(text)
        return self._run(text, bindings, limits)

    def _rows(self, text: str) -> list[tuple[Term | None, ...]]:
        """A lookup of ours (no user text; IRIs as N-Triples terms), past the SERVICE guard: an IRI in
        the data may well contain the word."""
        return self._run(text, {}, Limits()).rows

    def _run(self, text: str, bindings: Mapping[str, Term], limits: Limits) -> QueryResult:
        inner = self._oxigraph()
        try:
            if inner is not None:
                return self._run_oxigraph(inner, text, bindings, limits)
            return self._run_rdflib(text, bindings, limits)
        except QueryError:
            raise
        except MemoryError:
            raise
        except Exception as exc:  # any engine failure becomes a message, never a traceback
            from .sandbox import is_blocked_call

            # in the confined worker the only other I/O is the store's, which RocksDB words "IO error: …":
            # any other OSError is the HTTP client of a SERVICE call the filter refused (a name not looked up)
            if is_blocked_call(exc) or (self.sandboxed and isinstance(exc, OSError)
                                        and not str(exc).startswith("IO error")):
                raise QueryError(SERVICE_REFUSED, http_status=403) from None
            raise engine_error(exc) from None
        except BaseException as exc:  # a Rust panic that unwinds (pyo3's PanicException) is no Exception
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            raise EngineFailure(f"the engine failed on this query: {' '.join(str(exc).split())[:300]}") from None

    def _default_graph(self) -> ox.NamedNode | None:
        """The graph a query on an rdflib Graph over Oxigraph reads by default; None for the store itself
        (its default graph, where a query's FROM applies)."""
        if not _is_rdflib_graph(self.graph):
            return None
        from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

        ident = self.graph.identifier
        return None if ident == DATASET_DEFAULT_GRAPH_ID else from_rdflib(ident)

    def _run_oxigraph(self, inner: ox.Store, text: str, bindings: Mapping[str, Term],
                      limits: Limits) -> QueryResult:
        try:
            result = inner.query(text, prefixes=dict(PREFIXES), default_graph=self._default_graph(),
                                 substitutions={ox.Variable(k): _bindable(k, v) for k, v in bindings.items()})
        except SyntaxError as exc:
            if is_update(text):
                raise QueryError("updates are refused: this graph is read-only", http_status=403) from None
            raise _oxigraph_syntax_error(exc, text) from None
        try:  # Oxigraph's iterators may only be dropped by the thread that made them: never let one escape
            if isinstance(result, ox.QueryBoolean):
                return QueryResult("ASK", boolean=bool(result))
            budget = Budget(limits)  # the terms are the engine's own: nothing to convert
            if isinstance(result, ox.QueryTriples):
                triples = []
                for t in result:
                    triple = (_answer_term(t.subject), t.predicate, _answer_term(t.object))
                    budget.add(triple)
                    triples.append(triple)
                return QueryResult("CONSTRUCT", triples=triples)
            variables = [v.value for v in result.variables]
            rows = []
            for solution in result:
                row = tuple(map(_answer_term, solution))
                budget.add(row)
                rows.append(row)
            return QueryResult("SELECT", variables=variables, rows=rows)
        finally:
            del result

    def _run_rdflib(self, text: str, bindings: Mapping[str, Term], limits: Limits) -> QueryResult:
        query = prepare(text)  # rdflib's own parser: the one its engine reads the text with
        result = self.graph.query(query.text, initNs=PREFIXES,
                                  initBindings={k: to_rdflib(_bindable(k, v)) for k, v in bindings.items()})
        if query.form == "ASK":
            return QueryResult("ASK", boolean=bool(result.askAnswer))
        if query.is_graph:
            triples = [tuple(map(from_rdflib, t)) for t in (result.graph if result.graph is not None else [])]
            rows_within(triples, limits)
            return QueryResult(query.form, triples=triples)
        variables = [str(v) for v in result.vars or []]
        rows = rows_within((tuple(map(from_rdflib, row)) for row in result), limits)
        return QueryResult("SELECT", variables=variables, rows=rows)

    def close(self) -> None:
        if _is_rdflib_graph(self.graph):
            self.graph.close()


def _bindable(name: str, term: object) -> ox.NamedNode | ox.Literal:
    """A parameter's value, which only an IRI or a literal may be."""
    if not isinstance(term, (ox.NamedNode, ox.Literal)):
        raise QueryError(f"parameter {name}: only IRIs and literals can be bound, not {term!r}")
    return term


def _label_entries(found: Iterable[tuple[Term, Term, Term]]) -> Iterator[tuple[str, Label, bool]]:
    """(predicate, subject, literal) of rdfs:label / skos:altLabel → what :class:`NameIndex` reads."""
    for p, s, o in found:
        if isinstance(s, ox.NamedNode) and isinstance(o, ox.Literal):
            yield s.value, Label(o.value, o.language), p == _RDFS_LABEL and (o.language or "").lower() != PINYIN_LANG


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
