"""An answer's terms are pyoxigraph's, the engine's own; rdflib's only where a graph is walked or written with
rdflib (the memory store, the page, Turtle and JSON-LD), converted here at that edge.

Why pyoxigraph's: the default engine gives them, so a command-line query makes no other term and never
imports rdflib (a fifth of a second of every query's start); the formats of :mod:`graph.results` read
them.  A simple literal is ``xsd:string`` in both libraries' reading of RDF 1.1 (rdflib leaves it untyped).

>>> import pyoxigraph as ox
>>> from_rdflib(to_rdflib(ox.Literal("九龙县", language="zh"))) == ox.Literal("九龙县", language="zh")
True
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Union

import pyoxigraph as ox

if TYPE_CHECKING:
    from rdflib.term import Identifier, Node

#: a term of an answer
Term = Union[ox.NamedNode, ox.BlankNode, ox.Literal]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def plain_datatype(term: ox.Literal) -> str | None:
    """A literal's datatype IRI as the results formats write it: none for a simple or language-tagged one."""
    if term.language:
        return None
    datatype = term.datatype.value
    return None if datatype == XSD_STRING else datatype


def to_rdflib(term: Term | None) -> Node | None:
    """A pyoxigraph term as the rdflib term (a simple literal untyped, as rdflib makes it)."""
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    datatype = plain_datatype(term)
    return Literal(term.value, lang=term.language or None, datatype=URIRef(datatype) if datatype else None)


def from_rdflib(term: Identifier | None) -> Term | None:
    """An rdflib term as the pyoxigraph term; ValueError for an IRI or a language tag pyoxigraph refuses."""
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return None
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None)
    raise ValueError(f"not an RDF term: {term!r}")
