"""The project's prefixes as plain text: written into every Turtle file and accepted undeclared by every query.

A module of its own, apart from :mod:`graph.vocab` (rdflib's namespaces), so that the query side reads
them without importing rdflib (a tenth of a second of every command-line query).
"""
from __future__ import annotations

DK_IRI = "https://w3id.org/duikou/ontology#"

PREFIXES: dict[str, str] = {
    "dk": DK_IRI,
    "dkr": "https://w3id.org/duikou/id/",
    "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
