"""The one entry point for SPARQL: the command line, the HTTP endpoint and the page all call :func:`execute`.

A query is parsed once, by the engine that runs it: Oxigraph's own parser for the default store
(:mod:`graph.store`), rdflib's for rdflib's Memory store.  A check made with one parser and an
execution made by another disagree on some texts (``\\u0022`` escapes, a comment ended by a bare
carriage return), and such a disagreement once let ``SERVICE`` through to Oxigraph, which then called
the host named in the query.  So nothing here reads a query with a parser other than the engine's:

* in the server and on the command line the query runs in a worker process (:mod:`graph.pool`) that
  cannot open network sockets at all (:mod:`graph.sandbox`), within a time limit (the worker is
  killed), a memory limit (an allocation past it fails) and limits on the answer's rows and bytes;
  a ``SERVICE`` therefore reaches no host, and the client is told it is refused (403);
* where no such worker is used (a library caller's in-process graph, a remote SPARQL server), any
  text in which a ``SERVICE`` keyword could hide is refused before it is run (:func:`guard_service`).

Then a :class:`Backend` answers with a :class:`QueryResult` of pyoxigraph terms (:mod:`graph.terms`)
that every output format (:mod:`graph.results`) reads.  Parameters are bound as RDF terms (Oxigraph's substitutions locally, a
``VALUES`` block of N-Triples terms remotely), never by formatting user text into the query.

Example
-------
>>> import pyoxigraph as ox
>>> from graph.store import LocalBackend
>>> execute(LocalBackend(ox.Store()), "ASK { ?s ?p ?o }").boolean
False
"""
from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Mapping, Protocol, Sequence

from .errors import DuikouError

if TYPE_CHECKING:
    import pyoxigraph as ox

    from .terms import Term

QUERY_FORMS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT",
               "DescribeQuery": "DESCRIBE"}
GRAPH_FORMS = frozenset({"CONSTRUCT", "DESCRIBE"})
MAX_DEPTH = 100  # nested brackets: Oxigraph's recursive parser overflows its stack some thousands deep
# || and && in one query: Oxigraph parses a chain of them in quadratic time and one stack frame each
# (measured: 1,000 took 0.8 s, 2,000 4.3 s, 10,000 111 s or a stack overflow); 500 take 0.05 s
MAX_LOGICAL = 500
_GRACE = 0.5  # seconds
# exit statuses (the README's table): 1 internal error, 2 usage or bad query, 4 a time or size limit
_INTERNAL, _USAGE, _LIMIT = 1, 2, 4



class QueryError(DuikouError):
    """A query the engine will not or cannot answer.

    ``http_status`` is what the endpoint answers (400 malformed, 403 refused, 404 unknown name);
    ``status`` the command line's exit status (2 unless a subclass says otherwise).
    """

    def __init__(self, message: str, http_status: int = 400, status: int = _USAGE) -> None:
        super().__init__(message, status=status)
        self.http_status = http_status


class LimitError(QueryError):
    """A limit the query ran into (time, rows, bytes, memory): exit status 4."""

    def __init__(self, message: str, http_status: int) -> None:
        super().__init__(message, http_status=http_status, status=_LIMIT)


class QueryTimeout(LimitError):
    """The query ran past its time limit and was abandoned (or its worker killed)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"the query ran longer than the time limit of {seconds:g} s and was stopped; "
                         "narrow it or add a LIMIT", http_status=503)


class RowLimitError(LimitError):
    """The answer has more rows (or triples) than one response may carry."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"the answer has more than {limit} rows; add a LIMIT (at most {limit}) "
                         "or narrow the query", http_status=400)


class AnswerTooLarge(LimitError):
    """The answer's terms add up to more bytes than one response may carry."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"the answer is larger than {limit / 1e6:g} MB; select fewer or shorter values",
                         http_status=400)


class MemoryLimitError(LimitError):
    """Evaluating the query needed more memory than its worker may use."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"the query needed more than the memory limit of {limit / 1e6:g} MB and was "
                         "stopped; narrow it", http_status=503)


class EngineFailure(QueryError):
    """The engine itself failed on a query it accepted (a panic, a crash): exit status 1, HTTP 500."""

    def __init__(self, message: str) -> None:
        super().__init__(message, http_status=500, status=_INTERNAL)


SERVICE_REFUSED = "SERVICE is refused: this endpoint never calls other hosts"


@dataclass(frozen=True)
class Limits:
    """Per-query limits; ``None`` means none (the command line's default, the user's own machine).

    ``max_bytes`` bounds the answer (the UTF-8 length of its terms), ``max_memory`` what the worker
    may allocate beyond the loaded graph while it evaluates (bytes).
    """

    timeout: float | None = None
    max_rows: int | None = None
    max_bytes: int | None = None
    max_memory: int | None = None


@dataclass
class QueryResult:
    """A whole answer in memory, the same whichever engine produced it (and picklable, for worker processes).

    SELECT fills ``variables`` and ``rows`` (``None`` for an unbound cell); ASK fills ``boolean``;
    CONSTRUCT and DESCRIBE fill ``triples`` (an engine that does not tell the two apart says CONSTRUCT).
    The terms are pyoxigraph's whichever engine answered (:mod:`graph.terms`).
    """

    form: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple[Term, Term, Term]] = field(default_factory=list)
    elapsed: float = 0.0

    @property
    def is_graph(self) -> bool:
        return self.form in GRAPH_FORMS

    def __len__(self) -> int:
        return len(self.triples) if self.is_graph else len(self.rows)

    def iris(self) -> set[ox.NamedNode]:
        """Every IRI in the answer, to look up labels for."""
        import pyoxigraph as ox

        cells: Iterable[Term | None] = ((t for triple in self.triples for t in triple) if self.is_graph
                                        else (c for row in self.rows for c in row))
        return {c for c in cells if isinstance(c, ox.NamedNode)}


class Backend(Protocol):
    """Something that parses and runs query text: an embedded graph, a worker pool, a remote server."""

    def run(self, text: str, bindings: Mapping[str, Term], limits: Limits) -> QueryResult:
        """Answer ``text`` with ``bindings`` within ``limits`` (rows, bytes; time and memory where it can).

        A backend that can stop a query (a worker process it kills, a socket timeout) honours
        ``limits.timeout`` itself; an embedded engine ignores it and :func:`execute` stops waiting instead.
        """
        ...

    def resolve(self, value: str, timeout: float | None = None) -> ox.NamedNode:
        """The entity a name, alias or pinyin denotes (:mod:`graph.names`), found within ``timeout``."""
        ...

    def labels(self, iris: Iterable[ox.NamedNode]) -> dict[ox.NamedNode, str]:
        ...

    def close(self) -> None:
        ...


# --- what every engine is protected by, before it parses ------------------------------------------

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _expand_escapes(text: str) -> str:
    """The text with SPARQL's codepoint escapes applied, as a spec-following parser reads it first."""
    def one(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"

    return _ESCAPE.sub(one, text)


def guard_service(text: str) -> None:
    """Refuse any text in which a ``SERVICE`` keyword could be read, by any parser.

    For engines that run outside the network-less worker (a library caller's in-process graph, a
    remote server).  A parser sees a keyword only where its letters stand in the text, either
    literally or after the codepoint escapes SPARQL defines; so refusing every text that contains
    the letters s-e-r-v-i-c-e (any case) in either reading refuses every SERVICE, whatever else a
    parser makes of strings and comments.  The price: a query with the word in a string literal is
    refused here too.
    """
    for reading in (text, _expand_escapes(text)):
        if "service" in reading.casefold():
            raise QueryError(SERVICE_REFUSED + " (the word 'service' may not appear in a query here)",
                             http_status=403)


def check_depth(text: str, limit: int = MAX_DEPTH, logical: int = MAX_LOGICAL) -> None:
    """Refuse brackets nested deeper than ``limit``, or more than ``logical`` ``||``/``&&`` operators,
    outside strings, IRIs and comments.

    A resource bound, not a security check: Oxigraph's and rdflib's parsers recurse per level and
    crash (a stack overflow) or raise RecursionError far below what a person writes, and take
    quadratic time over a long chain of ``||``.  Counting is approximate at the edges of the lexical
    rules; a text it misjudges is still parsed in a worker whose crash is reported, not suffered.
    """
    depth = deepest = operators = 0
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            while i < n and text[i] not in "\r\n":
                i += 1
        elif c in "\"'":
            quote = c * 3 if text.startswith(c * 3, i) else c
            i += len(quote)
            while i < n and not text.startswith(quote, i):
                i += 2 if text[i] == "\\" else 1
            i += len(quote) - 1
        elif c == "<" and re.match(r"<[^<>\"{}|^`\\\s]*>", text[i:i + 4096]):
            i = text.index(">", i)
        elif c in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif c in "})]":
            depth -= 1
        elif c in "|&" and text.startswith(c * 2, i):
            operators += 1
            i += 1
        i += 1
    if deepest > limit:
        raise QueryError(f"bad query: brackets nested {deepest} deep (at most {limit} are accepted)")
    if operators > logical:
        raise QueryError(f"bad query: {operators} || and && operators (at most {logical} are accepted); "
                         "test many values with IN (…) or VALUES instead")


# --- rdflib's parser, for rdflib's engine and for remote servers ---------------------------------

@dataclass(frozen=True)
class Prepared:
    """A query rdflib's parser accepted: its text and its form."""

    text: str
    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE

    @property
    def is_graph(self) -> bool:
        return self.form in GRAPH_FORMS


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
    return located(message, text, lineno, col)


def located(message: str, text: str, lineno: int | None, col: int | None) -> QueryError:
    """'bad query at line L, column C: … (in: the line)', one line of at most a few hundred characters."""
    message = " ".join(message.split())
    if len(message) > 300:
        message = message[:300] + "…"
    if lineno is None:
        return QueryError(f"bad query: {message}")
    lines = text.splitlines()
    line = lines[lineno - 1].strip() if 0 < lineno <= len(lines) else ""
    near = f" (in: {line[:80]})" if line else ""
    return QueryError(f"bad query at line {lineno}, column {col}: {message}{near}")


_PARSER_LOCK = threading.Lock()


def prepare(text: str) -> Prepared:
    """Parse and check a query with rdflib's grammar; raise :class:`QueryError` with the HTTP status.

    For the engine that reads queries with this same parser (rdflib's Memory store); Oxigraph and remote
    servers parse their queries themselves (:mod:`graph.store`).
    rdflib's pyparsing grammar keeps state while it parses, so concurrent parses take turns.
    """
    admissible(text)
    with _PARSER_LOCK:
        try:
            return _prepare(text)
        except (RecursionError, ValueError, OverflowError) as exc:  # deep nesting, "\UFFFFFFFF"
            raise QueryError(f"bad query: {type(exc).__name__}: {exc}") from None


def _prepare(text: str) -> Prepared:
    from pyparsing import ParseException
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parsed = parseQuery(text)
    except ParseException as exc:
        if is_update(text):
            raise QueryError("updates are refused: this graph is read-only", http_status=403) from None
        raise _syntax_error(exc, text) from None
    body = parsed[1]
    if any(getattr(n, "name", None) == "ServiceGraphPattern" for n in _walk(body)):
        raise QueryError(SERVICE_REFUSED, http_status=403)
    if "datasetClause" in body and len(body["datasetClause"]):
        raise QueryError("FROM and FROM NAMED are not supported: the graph is one default graph")
    try:
        from .prefixes import PREFIXES

        translateQuery(parsed, initNs=PREFIXES)
    except Exception as exc:  # rdflib raises bare Exception for unknown prefixes and bad projections
        raise QueryError(f"bad query: {exc}") from None
    return Prepared(text=text, form=QUERY_FORMS[body.name])


def is_update(text: str) -> bool:
    """Whether a text that is no query is a SPARQL Update, to say 'read-only' (403) rather than 'malformed'.

    Only ever asked of a text the engine has already refused as a query, so it decides a message,
    never what runs.
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except (ParseException, RecursionError, ValueError, OverflowError):
        return False
    return True


# --- running ---------------------------------------------------------------------------------------

def admissible(text: str) -> None:
    """What every query must pass before any parser sees it: not empty, not nested absurdly deep."""
    if not text.strip():
        raise QueryError("empty query")
    check_depth(text)


def execute(backend: Backend, text: str, bindings: Mapping[str, Term] | None = None,
            limits: Limits = Limits()) -> QueryResult:
    """Run query ``text`` on ``backend`` within ``limits``: the engine parses it, refusals become QueryError.

    The backend runs in a daemon thread while this thread waits, so Ctrl-C and the time limit work
    even while a native engine (Oxigraph releases the GIL but never checks for signals) is busy.  An
    abandoned in-process query keeps its thread until it ends, which is harmless in a library call;
    the command line and the server use :class:`graph.pool.WorkerPool`, whose workers are processes
    it can kill.
    """
    admissible(text)
    outcome: list[QueryResult | BaseException] = []

    def work() -> None:
        try:
            outcome.append(backend.run(text, dict(bindings or {}), limits))
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


def engine_error(exc: BaseException) -> QueryError:
    """An engine's own complaint (rdflib's evaluation errors, Oxigraph's runtime errors) as a QueryError."""
    message = " ".join(str(exc).split()) or type(exc).__name__
    return QueryError(f"the engine refused the query: {message[:300]}")


class Budget:
    """Counts an answer as it is materialised and stops it at the row or byte limit."""

    def __init__(self, limits: Limits) -> None:
        self.max_rows, self.max_bytes = limits.max_rows, limits.max_bytes
        self.rows = self.bytes = 0

    def add(self, terms: Sequence[Term | None]) -> None:
        self.rows += 1
        if self.max_rows is not None and self.rows > self.max_rows:
            raise RowLimitError(self.max_rows)
        if self.max_bytes is not None:
            self.bytes += sum(term_bytes(t) for t in terms)
            if self.bytes > self.max_bytes:
                raise AnswerTooLarge(self.max_bytes)


def term_bytes(term: Term | None) -> int:
    """About what a term costs in an answer: its UTF-8 length plus its language or datatype."""
    if term is None:
        return 0
    size = len(term.value.encode("utf-8"))
    import pyoxigraph as ox

    if isinstance(term, ox.Literal):
        from .terms import plain_datatype

        size += len(term.language or "") + len(plain_datatype(term) or "")
    return size + 8


def rows_within(rows: Iterable[Sequence[Term | None]], limits: Limits) -> list[tuple[Term | None, ...]]:
    """Materialise rows, stopping as soon as one too many (or too many bytes) arrives; lazy engines
    stop evaluating too."""
    budget, out = Budget(limits), []
    for row in rows:
        row = tuple(row)
        budget.add(row)
        out.append(row)
    return out
