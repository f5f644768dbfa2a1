"""The one entry point for SPARQL: the command line, the HTTP endpoint and the page all call :func:`execute`.

A query is first *prepared*: parsed with rdflib's grammar whatever engine later runs it, so every
engine refuses the same things with the same message — updates (403), ``SERVICE`` (403: the server
must never call out to other hosts), dataset clauses ``FROM`` (400: rdflib would fetch the IRI over
HTTP, and a built graph is one default graph) and syntax errors (400, with line and column).  Then a
:class:`Backend` runs it — an embedded rdflib graph (:mod:`graph.store`), a pool of worker processes
(:mod:`graph.pool`) or a remote SPARQL server — and the answer comes back as a :class:`QueryResult`
that every output format (:mod:`graph.results`) reads.

Parameters are bound as RDF terms (``initBindings`` locally, a ``VALUES`` block of N-Triples terms
remotely), never by formatting user text into the query.

Example
-------
>>> from rdflib import Graph
>>> from graph.store import LocalBackend
>>> execute(LocalBackend(Graph()), "ASK { ?s ?p ?o }").boolean
False
"""
from __future__ import annotations

import re
import threading
import time
from itertools import islice
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Protocol, Sequence

from rdflib.term import Identifier, Node, URIRef

from .errors import DuikouError
from .vocab import PREFIXES

QUERY_FORMS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT",
               "DescribeQuery": "DESCRIBE"}
GRAPH_FORMS = frozenset({"CONSTRUCT", "DESCRIBE"})
_GRACE = 0.5  # seconds

Triple = tuple[Node, Node, Node]


class QueryError(DuikouError):
    """A query the engine will not or cannot answer.

    ``http_status`` is what the endpoint answers (400 malformed, 403 refused, 503 out of time);
    the command line always exits with status 2.
    """

    def __init__(self, message: str, http_status: int = 400) -> None:
        super().__init__(message, status=2)
        self.http_status = http_status


class QueryTimeout(QueryError):
    """The query ran past its time limit and was abandoned (or its worker killed)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"the query ran longer than the time limit of {seconds:g} s and was stopped; "
                         "narrow it or add a LIMIT", http_status=503)


class RowLimitError(QueryError):
    """The answer has more rows (or triples) than one response may carry."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"the answer has more than {limit} rows; add a LIMIT (at most {limit}) "
                         "or narrow the query", http_status=400)


@dataclass(frozen=True)
class Limits:
    """Per-query limits; ``None`` means none (the command line's default, the user's own machine)."""

    timeout: float | None = None
    max_rows: int | None = None


@dataclass(frozen=True)
class Prepared:
    """A query that passed :func:`prepare`: its text, its form and the project prefixes it did not declare."""

    text: str
    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    undeclared: tuple[tuple[str, str], ...]

    @property
    def is_graph(self) -> bool:
        return self.form in GRAPH_FORMS

    def with_prologue(self) -> str:
        """The text with ``PREFIX`` lines for the project prefixes it uses undeclared, for engines
        that cannot be given prefixes out of band (remote servers)."""
        head = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in self.undeclared)
        return head + self.text


@dataclass
class QueryResult:
    """A whole answer in memory, the same whichever engine produced it (and picklable, for worker processes).

    SELECT fills ``variables`` and ``rows`` (``None`` for an unbound cell); ASK fills ``boolean``;
    CONSTRUCT and DESCRIBE fill ``triples``.
    """

    form: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[Triple] = field(default_factory=list)
    elapsed: float = 0.0

    @property
    def is_graph(self) -> bool:
        return self.form in GRAPH_FORMS

    def __len__(self) -> int:
        return len(self.triples) if self.is_graph else len(self.rows)

    def iris(self) -> set[URIRef]:
        """Every IRI in the answer, to look up labels for."""
        cells: Iterable[Node | None] = ((t for triple in self.triples for t in triple) if self.is_graph
                                        else (c for row in self.rows for c in row))
        return {c for c in cells if isinstance(c, URIRef)}


class Backend(Protocol):
    """Something that runs a prepared query: an embedded graph, a worker pool, a remote server."""

    def run(self, query: Prepared, bindings: Mapping[str, Identifier], max_rows: int | None,
            timeout: float | None) -> QueryResult:
        """Answer ``query`` with ``bindings``; raise :class:`RowLimitError` past ``max_rows``.

        A backend that can stop a query (a worker process it kills, a socket timeout) honours
        ``timeout`` itself; an embedded engine ignores it and :func:`execute` stops waiting instead.
        """
        ...

    def close(self) -> None:
        ...


def _walk(node: object) -> Iterable[object]:
    """Every node of rdflib's parse tree (CompValue is a dict, ParseResults a sequence)."""
    from pyparsing import ParseResults

    stack = [node]
    while stack:
        item = stack.pop()
        yield item
        if isinstance(item, Mapping):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, ParseResults)):
            stack.extend(item)


def _syntax_error(exc: Exception, text: str) -> QueryError:
    """pyparsing's exception → one line: 'bad query at line L, column C: Expected …, found …'."""
    lineno, col = getattr(exc, "lineno", None), getattr(exc, "col", None)
    message = re.sub(r"\s*\(at char \d+\), \(line:\d+, col:\d+\)\s*$", "", str(exc))
    if len(message) > 300:
        message = message[:300] + "…"
    if lineno is None:
        return QueryError(f"bad query: {message}")
    line = text.splitlines()[lineno - 1].strip() if 0 < lineno <= len(text.splitlines()) else ""
    near = f" (in: {line[:80]})" if line else ""
    return QueryError(f"bad query at line {lineno}, column {col}: {message}{near}")


_PARSER_LOCK = threading.Lock()


def prepare(text: str) -> Prepared:
    """Parse and check a query; raise :class:`QueryError` with the HTTP status the endpoint answers.

    Parsing with rdflib (not a regular expression) is what tells an update from a query and finds
    ``SERVICE`` wherever it is nested.  Unknown prefixes are reported here too, since the project's
    prefixes are the only ones a query may use without declaring.  rdflib's pyparsing grammar keeps
    state while it parses, so concurrent parses (the server's request threads) take turns.
    """
    if not text.strip():
        raise QueryError("empty query")
    with _PARSER_LOCK:
        return _prepare(text)


def _prepare(text: str) -> Prepared:
    from pyparsing import ParseException
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        parsed = parseQuery(text)
    except ParseException as exc:
        try:
            parseUpdate(text)
        except ParseException:
            raise _syntax_error(exc, text) from None
        raise QueryError("updates are refused: this graph is read-only", http_status=403) from None
    prologue, body = parsed[0], parsed[1]
    if any(getattr(n, "name", None) == "ServiceGraphPattern" for n in _walk(body)):
        raise QueryError("SERVICE is refused: this endpoint never calls other hosts", http_status=403)
    if "datasetClause" in body and len(body["datasetClause"]):
        raise QueryError("FROM and FROM NAMED are not supported: the graph is one default graph")
    declared = {d["prefix"] if "prefix" in d else "" for d in prologue if getattr(d, "name", None) == "PrefixDecl"}
    try:
        translateQuery(parsed, initNs=PREFIXES)
    except Exception as exc:  # rdflib raises bare Exception for unknown prefixes and bad projections
        raise QueryError(f"bad query: {exc}") from None
    undeclared = tuple((p, iri) for p, iri in PREFIXES.items() if p not in declared)
    return Prepared(text=text, form=QUERY_FORMS[body.name], undeclared=undeclared)


def execute(backend: Backend, query: str | Prepared, bindings: Mapping[str, Identifier] | None = None,
            limits: Limits = Limits()) -> QueryResult:
    """Prepare (if needed) and run ``query`` on ``backend`` within ``limits``.

    The backend runs in a daemon thread while this thread waits, so Ctrl-C and the time limit work
    even while a native engine (Oxigraph releases the GIL but never checks for signals) is busy.  An
    abandoned in-process query keeps its thread until it ends, which is harmless in a command that
    exits right after; the long-running server uses :class:`graph.pool.WorkerPool`, whose workers
    are processes it can kill.
    """
    prepared = query if isinstance(query, Prepared) else prepare(query)
    outcome: list[QueryResult | BaseException] = []

    def work() -> None:
        try:
            outcome.append(backend.run(prepared, dict(bindings or {}), limits.max_rows, limits.timeout))
        except BaseException as exc:  # handed to the waiting thread, which re-raises it
            outcome.append(exc)

    start = time.monotonic()
    worker = threading.Thread(target=work, name="duikou-query", daemon=True)
    worker.start()
    # a backend that stops its own queries gets a moment to say so before this thread gives up
    deadline = None if limits.timeout is None else start + limits.timeout + _GRACE
    while worker.is_alive():
        remaining = 0.2 if deadline is None else min(0.2, deadline - time.monotonic())
        if remaining <= 0:
            raise QueryTimeout(limits.timeout or 0)
        worker.join(remaining)
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result
    result.elapsed = time.monotonic() - start
    return result


def engine_error(exc: Exception) -> QueryError:
    """An engine's own complaint (Oxigraph's SyntaxError, rdflib's evaluation errors) as a QueryError."""
    message = " ".join(str(exc).split()) or type(exc).__name__
    return QueryError(f"the engine refused the query: {message}")


def check_rows(count: int, max_rows: int | None) -> None:
    if max_rows is not None and count > max_rows:
        raise RowLimitError(max_rows)


def rows_within(rows: Iterable[Sequence[Node | None]], max_rows: int | None) -> list[tuple[Node | None, ...]]:
    """Materialise rows, stopping as soon as one too many arrives (lazy engines stop evaluating too)."""
    out = [tuple(row) for row in islice(rows, None if max_rows is None else max_rows + 1)]
    check_rows(len(out), max_rows)
    return out
