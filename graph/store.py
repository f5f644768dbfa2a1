"""Where a built graph lives while it is queried: an embedded store (a SPARQL 1.1 server: :mod:`graph.endpoint`).

Embedded, the engine is chosen by name: ``oxigraph`` (the default: the build folder's kept store opened
read-only, or a Turtle file loaded with Oxigraph's own parser; queried through pyoxigraph, and seen
through oxrdflib where rdflib's API is wanted) or ``memory`` (rdflib's pure-Python store).  ``benchmarks/
bench_store.py`` measures the two: on 1,000,000 triples Oxigraph loaded 15× faster (3.8 s against 57 s)
and answered six saved queries 4–23× faster; the two with GROUP BY over a subquery or a UNION took
0.1–0.9 s on Oxigraph and did not finish in 120 s on the Memory store.

The queries' lookups of names and labels (:class:`_Lookups`) are shared with the remote backend,
which lives in a module of its own: a command-line query's worker compiles this module on every run
(bytecode is not always kept), and the remote half was nearly half of it.
"""
from __future__ import annotations

import re
from abc import ABC, abstractmethod
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Mapping

import pyoxigraph as ox

from .errors import DuikouError
from .prefixes import PREFIXES
from .sparql import (SERVICE_REFUSED, Budget, EngineFailure, Limits, QueryError, QueryResult, engine_error,
                     guard_service, is_update, located, prepare, rows_within)
from .terms import Term, from_rdflib, to_rdflib

if TYPE_CHECKING:  # rdflib only for the memory store and rdflib's own Graph: a query on Oxigraph never loads it
    from rdflib import Graph

    from .names import Label, NameIndex
    from .nametable import NameTable

STORES = ("oxigraph", "memory")
DEFAULT_STORE = "oxigraph"
_RDFS_LABEL = ox.NamedNode(PREFIXES["rdfs"] + "label")
_SKOS_PREF, _SKOS_ALT = (ox.NamedNode(PREFIXES["skos"] + name) for name in ("prefLabel", "altLabel"))


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
        from .readonly import read_only

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
            from .names import NameIndex

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

    def __init__(self, graph: Graph | ox.Store, sandboxed: bool = False,
                 names: NameTable | Callable[[], NameTable | None] | None = None) -> None:
        """``names``: the build's name table (:mod:`graph.nametable`), where names are looked up by index
        instead of by reading every label of the graph, or what opens it when a name is first looked up
        (a query that names nothing then loads neither the table's code nor SQLite)."""
        self.graph = graph
        self.sandboxed = sandboxed
        self.table = names

    def resolve(self, value: str, timeout: float | None = None) -> ox.NamedNode:
        if callable(self.table):
            self.table = self.table()
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
    from .names import PINYIN_LANG, Label

    for p, s, o in found:
        if isinstance(s, ox.NamedNode) and isinstance(o, ox.Literal):
            yield s.value, Label(o.value, o.language), p == _RDFS_LABEL and (o.language or "").lower() != PINYIN_LANG
