"""Saved queries (``ontology/queries/*.rq``) and their parameters, like Datasette's canned queries.

A saved query is a plain SPARQL file whose leading comments say what it answers::

    # title: Who assists a place, and in which sectors
    # description: Providers of every assistance record whose recipient is the place
    #   or lies in it, with the sectors and the number of records.
    # param: recipient — the place receiving help (a name, alias, pinyin or IRI)
    # param: entity (required) — …

A parameter is a variable of the query.  Its value, given on the command line or in a URL, is
resolved to an IRI (by label, alias or pinyin) and bound as an RDF term, so user text is never
pasted into the query.  Left out, an optional parameter stays unbound and the query answers for
all.  Queries are written so the binding means the same in every engine: the variable is projected
and matched by a triple pattern (Oxigraph's substitution and a remote ``VALUES`` join both act on
the projected solutions).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

from .errors import DuikouError
from .sparql import Backend, Limits, QueryError, QueryResult, execute

if TYPE_CHECKING:
    import pyoxigraph as ox

    from .terms import Term

QUERIES_DIR = Path(__file__).resolve().parent.parent / "ontology" / "queries"

_HEADER = re.compile(r"^#\s*(title|description|param):\s*(.*)$")
_PARAM = re.compile(r"^(?P<name>[A-Za-z_]\w*)\s*(?P<required>\(required\))?\s*(?:—|--|-|:)\s*(?P<meaning>.+)$")


@dataclass(frozen=True)
class Param:
    name: str
    meaning: str
    required: bool = False


@dataclass(frozen=True)
class SavedQuery:
    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str

    def as_json(self) -> dict[str, object]:
        """What the page's query menu needs."""
        return {"name": self.name, "title": self.title, "description": self.description,
                "params": [{"name": p.name, "meaning": p.meaning, "required": p.required} for p in self.params],
                "text": self.text}


def parse_saved(name: str, text: str, need_title: bool = True) -> SavedQuery:
    """Read the header comments of one saved query; a missing title is an error (unless ``need_title``
    is false: a user's own file), so the menu never shows a bare file name."""
    fields: dict[str, list[str]] = {"title": [], "description": [], "param": []}
    last = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break
            continue
        m = _HEADER.match(stripped)
        if m:
            last = m.group(1)
            fields[last].append(m.group(2).strip())
        elif last in ("description", "param") and stripped.lstrip("#").strip() and line.startswith("#  "):
            fields[last][-1] += " " + stripped.lstrip("#").strip()  # an indented continuation line
        else:
            last = None
    if not fields["title"] and need_title:
        raise DuikouError(f"saved query {name}: its header has no '# title:' line")
    params = []
    for spec in fields["param"]:
        m = _PARAM.match(spec)
        if not m:
            raise DuikouError(f"saved query {name}: cannot read '# param: {spec}' (want 'name — meaning')")
        params.append(Param(m.group("name"), m.group("meaning").strip(), bool(m.group("required"))))
    return SavedQuery(name=name, title=(fields["title"] or [name])[0], description=" ".join(fields["description"]),
                      params=tuple(params), text=text)


def saved_queries(folder: Path = QUERIES_DIR) -> dict[str, SavedQuery]:
    """Every saved query in ``folder`` by name (the file name without ``.rq``), sorted by name."""
    return {p.stem: parse_saved(p.stem, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.rq"))}


def find_saved(name: str, folder: Path = QUERIES_DIR) -> SavedQuery:
    queries = saved_queries(folder)
    if name not in queries:
        raise QueryError(f"no saved query named {name!r}; saved queries: {', '.join(queries) or 'none'}",
                         http_status=404)
    return queries[name]


_EXISTS = "ASK { { ?iri ?p ?o } UNION { ?s ?p ?iri } }"


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def _iri_form(value: str) -> ox.NamedNode | None:
    """``<…>``, a full http(s) IRI or a project CURIE such as ``dkr:place/513324``, else None."""
    import pyoxigraph as ox

    from .prefixes import PREFIXES

    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        if not _SCHEME.match(text[1:-1]):
            return None  # a name that happens to be in angle brackets (<img …>, <北京>): looked up as a name
        text = text[1:-1]
    elif ":" in text and not text.startswith(("http://", "https://")):
        prefix, _, local = text.partition(":")
        if prefix not in PREFIXES:
            return None
        text = PREFIXES[prefix] + local.replace("\\/", "/")
    elif not text.startswith(("http://", "https://")):
        return None
    try:
        return ox.NamedNode(text)
    except ValueError:
        raise QueryError(f"{value!r} is not a valid IRI") from None


def resolve(backend: Backend, value: str, limits: Limits = Limits()) -> ox.NamedNode:
    """A name, alias, pinyin or IRI → the one IRI it denotes; an IRI no triple mentions is an error too.

    Names are matched as the page's search matches them (:mod:`graph.names`), by the backend that
    holds the graph (inside the query worker, for the server and the command line).
    """
    iri = _iri_form(value)
    if iri is None:
        return backend.resolve(value, limits.timeout)
    if not execute(backend, _EXISTS, {"iri": iri}, Limits(timeout=limits.timeout)).boolean:
        raise QueryError(f"no entity has the IRI {value.strip()!r}", http_status=404)
    return iri


def bind_params(backend: Backend, saved: SavedQuery, given: Mapping[str, str],
                limits: Limits = Limits(), require_all: bool = False) -> dict[str, Term]:
    """Check the given parameters against the header and resolve each to an IRI.

    ``require_all`` makes every parameter required: a drawing of a CONSTRUCT whose ``?entity`` is left
    unbound would be the whole graph, not what the user asked for.
    """
    known = {p.name for p in saved.params}
    unknown = sorted(set(given) - known)
    if unknown:
        accepted = ", ".join(sorted(known)) or "none"
        raise QueryError(f"saved query {saved.name} has no parameter {', '.join(unknown)} "
                         f"(it takes: {accepted})")
    missing = [p.name for p in saved.params if (p.required or require_all) and not given.get(p.name)]
    if missing:
        raise QueryError(f"saved query {saved.name} needs {', '.join(missing)}: "
                         + "; ".join(f"{p.name} — {p.meaning}" for p in saved.params if p.name in missing))
    return {name: resolve(backend, value, limits) for name, value in given.items() if value}


def parse_param_args(items: list[str]) -> dict[str, str]:
    """``['recipient=九龙县']`` → ``{'recipient': '九龙县'}`` for ``--param``."""
    out = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise QueryError(f"--param {item!r}: write it as NAME=VALUE")
        out[name.strip()] = value.strip()
    return out


def answer(backend: Backend, *, text: str | None = None, name: str | None = None,
           saved: SavedQuery | None = None, params: Mapping[str, str] | None = None,
           limits: Limits = Limits(), folder: Path = QUERIES_DIR, require_all: bool = False) -> QueryResult:
    """Run a saved query (by ``name``, or ``saved`` itself) or a query ``text``, with named parameters
    resolved to IRIs.

    The one call behind ``explore.py query``, ``render``, ``/sparql`` and ``/queries/NAME``.  Parameters
    of an ad-hoc text query bind whichever variables they name; a saved query checks them against its
    header (all of them required with ``require_all``).
    """
    given = dict(params or {})
    if name is not None:
        saved = find_saved(name, folder)
    if saved is not None:
        return execute(backend, saved.text, bind_params(backend, saved, given, limits, require_all), limits)
    if text is None:
        raise QueryError("give a query, a file (-f) or a saved query name")
    bindings = {key: resolve(backend, value, limits) for key, value in given.items() if value}
    return execute(backend, text, bindings, limits)


@dataclass(frozen=True)
class Written:
    """An answer as the command line writes it: its bytes, and how many rows (or triples) they hold."""

    data: bytes
    count: int
    is_graph: bool


def written(backend: Backend, *, text: str | None = None, name: str | None = None,
            params: Mapping[str, str] | None = None, limits: Limits = Limits(), fmt: str | None = None,
            suffix: str = "", max_width: int = 60) -> Written:
    """:func:`answer`, written in ``fmt`` (else the format of an output file's ``suffix``, else a table for
    rows and Turtle for triples), the table's IRIs shown with their labels.

    The query worker (:class:`graph.pool.WorkerPool`) runs this whole, where the graph is: the answer
    crosses to the command line as the bytes it prints, not as rows of terms to pickle and unpickle
    (8,745 rows: 0.7 s), and the labels of a table are looked up without another round trip.
    """
    from .results import SUFFIXES, check_format, serialize, table

    result = answer(backend, text=text, name=name, params=params, limits=limits)
    fmt = fmt or SUFFIXES.get(suffix.lower()) or ("turtle" if result.is_graph else "table")
    check_format(result, fmt)
    if fmt == "table":
        data = table(result, backend.labels(result.iris()), max_width).encode("utf-8")
    else:
        data = serialize(result, fmt)
    return Written(data, len(result), result.is_graph)
