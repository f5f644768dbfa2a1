"""A :class:`graph.sparql.QueryResult` written out: a table for people, the W3C formats for programs.

SELECT and ASK answers are written in the SPARQL 1.1 results formats (JSON, XML, CSV, TSV), CONSTRUCT
and DESCRIBE answers as Turtle, JSON-LD or N-Triples.  The terminal table shows each IRI as its
label beside a compact ``prefix:local`` form and measures widths in terminal columns, so Chinese
(two columns a character) lines up.

Every format but Turtle and JSON-LD is written here from pyoxigraph's terms, so a command-line query
never imports rdflib.  Not with pyoxigraph's own results serialisers (``QuerySolutions.serialize``): they
write JSON and XML without the spaces and line breaks these outputs have always had, TSV numbers and
booleans bare (``42``, not ``"42"^^xsd:integer``) and an ASK answer in CSV and TSV as a bare ``true``
without its ``_askResult`` header, so every program that reads today's bytes would see others; and they
write only a live answer, not one already counted against the row and size limits.  Turtle and JSON-LD
stay rdflib's (its Turtle groups and abbreviates, as ``graph.ttl`` does).

Example
-------
>>> import pyoxigraph as ox
>>> from graph.sparql import QueryResult
>>> r = QueryResult("SELECT", variables=["name"], rows=[(ox.Literal("九龙县"),)])
>>> print(serialize(r, "csv").decode(), end="")
name\r
九龙县\r
"""
from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from typing import Mapping

import pyoxigraph as ox

from .errors import DuikouError
from .prefixes import PREFIXES
from .sparql import QueryResult
from .terms import Term, plain_datatype, to_rdflib

#: format name → media type, for SELECT/ASK and for CONSTRUCT/DESCRIBE answers
RESULT_MEDIA = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv", "tsv": "text/tab-separated-values"}
GRAPH_MEDIA = {"turtle": "text/turtle", "json-ld": "application/ld+json", "nt": "application/n-triples"}
#: media types clients also send for the same formats
MEDIA_ALIASES = {"application/json": ("json", "json-ld"), "application/xml": ("xml", None),
                 "text/xml": ("xml", None), "application/x-turtle": (None, "turtle"),
                 "text/plain": (None, "nt")}
SUFFIXES = {".csv": "csv", ".tsv": "tsv", ".json": "json", ".srj": "json", ".xml": "xml", ".srx": "xml",
            ".ttl": "turtle", ".jsonld": "json-ld", ".nt": "nt"}
_NUMERIC = {PREFIXES["xsd"] + t for t in ("integer", "decimal", "double", "float", "int", "long", "nonNegativeInteger")}
_NT_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}  # what N-Triples must escape (rdflib's choice)
_ESCAPES = {"nt": str.maketrans(_NT_ESCAPES), "tsv": str.maketrans({**_NT_ESCAPES, "\t": "\\t"})}


def media_type(fmt: str) -> str:
    return RESULT_MEDIA.get(fmt) or GRAPH_MEDIA[fmt]


def check_format(result: QueryResult, fmt: str) -> None:
    """A format that cannot carry this kind of answer is the user's mistake: say which formats can."""
    allowed = GRAPH_MEDIA if result.is_graph else {**RESULT_MEDIA, "table": ""}
    if fmt not in allowed:
        raise DuikouError(f"a {result.form} answer cannot be written as {fmt}: use one of "
                          f"{', '.join(allowed)}", status=2)


def nt(term: Term, fmt: str = "tsv") -> str:
    """A term in N-Triples syntax, one line whatever the literal holds; for the TSV results format (``tsv``)
    a tab escaped too, which N-Triples (``nt``) may leave as it is."""
    if isinstance(term, ox.NamedNode):
        return f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    body = f'"{term.value.translate(_ESCAPES[fmt])}"'
    if term.language:
        return f"{body}@{term.language}"
    datatype = plain_datatype(term)
    return f"{body}^^<{datatype}>" if datatype else body


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif datatype := plain_datatype(term):
        out["datatype"] = datatype
    return out


def _xml(result: QueryResult) -> str:
    """The SPARQL 1.1 XML results format, one line a result."""
    from xml.sax.saxutils import escape, quoteattr  # (here: it loads urllib, 14 ms of every other format)

    def term(cell: Term) -> str:
        if isinstance(cell, ox.NamedNode):
            return f"<uri>{escape(cell.value)}</uri>"
        if isinstance(cell, ox.BlankNode):
            return f"<bnode>{escape(cell.value)}</bnode>"
        if cell.language:
            attr = f" xml:lang={quoteattr(cell.language)}"
        elif datatype := plain_datatype(cell):
            attr = f" datatype={quoteattr(datatype)}"
        else:
            attr = ""
        return f"<literal{attr}>{escape(cell.value)}</literal>"

    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if result.form == "ASK":
        parts.append(f"<head/>\n<boolean>{'true' if result.boolean else 'false'}</boolean>")
    else:
        parts.append("<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in result.variables)
                     + "</head>\n<results>")
        for row in result.rows:
            cells = "".join(f"<binding name={quoteattr(v)}>{term(c)}</binding>"
                            for v, c in zip(result.variables, row) if c is not None)
            parts.append(f"<result>{cells}</result>")
        parts.append("</results>")
    parts.append("</sparql>\n")
    return "\n".join(parts)


def _csv_cell(term: Term | None) -> str:
    if term is None:
        return ""
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


def _graph(triples: list[tuple[Term, Term, Term]], fmt: str) -> str:
    """Triples in N-Triples (one line each, each triple once), or in rdflib's Turtle or JSON-LD."""
    if fmt == "nt":
        return "".join(f"{nt(s, fmt)} {nt(p, fmt)} {nt(o, fmt)} .\n" for s, p, o in dict.fromkeys(triples))
    from rdflib import Graph

    g = Graph(bind_namespaces="none")
    for prefix, iri in PREFIXES.items():
        g.bind(prefix, iri)
    for triple in triples:
        g.add(tuple(map(to_rdflib, triple)))
    text = g.serialize(format=fmt)
    if fmt == "turtle":  # every project prefix declared, used or not, as a query predeclares them
        have = set(re.findall(r"^@prefix (\w*):", text, re.M))
        text = "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in PREFIXES.items() if p not in have) + text
    return text


def serialize(result: QueryResult, fmt: str) -> bytes:
    """The answer in one of :data:`RESULT_MEDIA` or :data:`GRAPH_MEDIA`'s formats, UTF-8."""
    check_format(result, fmt)
    if result.is_graph:
        return _graph(result.triples, fmt).encode("utf-8")
    if fmt == "json":
        if result.form == "ASK":
            doc: dict[str, object] = {"head": {}, "boolean": bool(result.boolean)}
        else:
            doc = {"head": {"vars": result.variables},
                   "results": {"bindings": [{v: _json_term(c) for v, c in zip(result.variables, row)
                                             if c is not None} for row in result.rows]}}
        return json.dumps(doc, ensure_ascii=False).encode("utf-8")
    if fmt == "xml":
        return _xml(result).encode("utf-8")
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        if result.form == "ASK":  # no W3C form for booleans; this is the common one (Jena, RDF4J)
            writer.writerows([["_askResult"], ["true" if result.boolean else "false"]])
        else:
            writer.writerow(result.variables)
            writer.writerows([_csv_cell(c) for c in row] for row in result.rows)
        return out.getvalue().encode("utf-8")
    if fmt == "tsv":
        if result.form == "ASK":
            lines = ["?_askResult", "true" if result.boolean else "false"]
        else:
            lines = ["\t".join(f"?{v}" for v in result.variables)]
            lines += ["\t".join("" if c is None else nt(c) for c in row) for row in result.rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    raise DuikouError(f"no serialiser for {fmt}", status=2)


_PN_ESCAPABLE = frozenset("~!$&'()*+,;=/?#@%")


def _local(local: str) -> str | None:
    """``local`` as the local part of a SPARQL/Turtle prefixed name (``place\\/513324``), escaping what
    must be escaped; None when it holds a character no prefixed name can carry."""
    out = []
    for i, c in enumerate(local):
        if c in _PN_ESCAPABLE or (c in "-." and i == 0) or (c == "." and i == len(local) - 1):
            out.append("\\" + c)
        elif c.isalnum() or c in "_:-." or (ord(c) > 0x7F and c.isprintable() and not c.isspace()):
            out.append(c)
        else:
            return None
    return "".join(out)


def curie(iri: str) -> str:
    """An IRI as it can be pasted into a query (the project's prefixes are predeclared there):
    ``https://w3id.org/duikou/id/place/513324`` → ``dkr:place\\/513324``; others stay ``<…>``.

    >>> curie("https://w3id.org/duikou/id/place/513324"), curie("urn:x")
    ('dkr:place\\\\/513324', '<urn:x>')
    """
    best = max((ns for ns in PREFIXES.values() if iri.startswith(ns)), key=len, default=None)
    local = None if best is None else _local(iri[len(best):])
    if best is None or local is None:
        return f"<{iri}>"
    prefix = next(p for p, ns in PREFIXES.items() if ns == best)
    return f"{prefix}:{local}"


def width(text: str) -> int:
    """Columns a terminal uses for ``text``: wide and full-width characters take two, combining marks none."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in text)


def _clip(text: str, limit: int) -> str:
    if limit <= 0 or width(text) <= limit:
        return text
    out, used = [], 0
    for c in text:
        w = width(c)
        if used + w > limit - 1:
            break
        out.append(c)
        used += w
    return "".join(out) + "…"


def cell_text(term: Term | None, labels: Mapping[ox.NamedNode, str], limit: int = 0) -> str:
    """A cell as the table shows it, within ``limit`` columns (0: any): an IRI is its label (clipped
    first) beside the whole pasteable IRI, which is never cut."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        short = curie(term.value)
        if term not in labels:
            return short
        room = 0 if limit <= 0 else max(4, limit - width(short) - 3)
        return f"{_clip(labels[term], room)} [{short}]"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return _clip(" ".join(term.value.split()), limit)


def _numeric(term: Term) -> bool:
    return isinstance(term, ox.Literal) and not term.language and term.datatype.value in _NUMERIC


def table(result: QueryResult, labels: Mapping[ox.NamedNode, str], max_width: int = 60) -> str:
    """An aligned plain-text table of a SELECT or ASK answer, numbers right-aligned, with a row count."""
    if result.form == "ASK":
        return ("true" if result.boolean else "false") + "\n"
    header = result.variables
    body = [[cell_text(c, labels, max_width) for c in row] for row in result.rows]
    numeric = [bool(result.rows) and all(_numeric(row[i]) for row in result.rows if row[i] is not None)
               for i in range(len(header))]
    widths = [max([width(h), *(width(r[i]) for r in body)]) for i, h in enumerate(header)]

    def line(cells: list[str]) -> str:
        padded = [(" " * (w - width(c)) + c) if num else (c + " " * (w - width(c)))
                  for c, w, num in zip(cells, widths, numeric)]
        return "  ".join(padded).rstrip()

    lines = [line(header), "  ".join("-" * w for w in widths)] + [line(r) for r in body]
    n = len(result.rows)
    lines.append(f"({n} row{'s' if n != 1 else ''}, {result.elapsed:.2f} s)")
    return "\n".join(lines) + "\n"
