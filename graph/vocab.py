"""The project's vocabulary as code.

``DK`` is a closed :class:`rdflib.namespace.DefinedNamespace`: a typo such as ``DK.asists`` fails at
import time instead of silently minting a new term.  ``tests/test_ontology.py`` checks that every
term here is declared, labelled in Chinese and English and commented in ``ontology/duikou.ttl``.

``KINDS`` and ``SECTORS`` map the extractor's short names to the ontology's classes and SKOS concepts,
so the extractor never spells an IRI itself.
"""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from .prefixes import DK_IRI, PREFIXES

DKR = Namespace(PREFIXES["dkr"])
ORG = Namespace(PREFIXES["org"])
PROV = Namespace(PREFIXES["prov"])
SCHEMA = Namespace(PREFIXES["schema"])


class DK(DefinedNamespace):
    """Classes and properties of ``https://w3id.org/duikou/ontology#``."""

    _fail = True
    _NS = Namespace(DK_IRI)

    # places
    AdministrativeDivision: URIRef
    Province: URIRef
    Prefecture: URIRef
    City: URIRef
    County: URIRef
    District: URIRef
    Township: URIRef
    Town: URIRef
    Subdistrict: URIRef
    Village: URIRef
    River: URIRef
    Port: URIRef
    Place: URIRef
    # organisations
    Organization: URIRef
    Company: URIRef
    Hospital: URIRef
    School: URIRef
    GovernmentBody: URIRef
    Association: URIRef
    Team: URIRef
    Base: URIRef
    Park: URIRef
    # others
    Person: URIRef
    Product: URIRef
    Event: URIRef
    # records and provenance
    Assistance: URIRef
    Document: URIRef
    Sentence: URIRef
    Sector: URIRef
    Role: URIRef
    Programme: URIRef
    MoneyKind: URIRef
    OfficialPairing: URIRef
    # properties
    assists: URIRef
    assistsIndustry: URIRef
    assistsEmployment: URIRef
    assistsHealth: URIRef
    assistsEducation: URIRef
    assistsTalent: URIRef
    assistsDonation: URIRef
    assistsInfrastructure: URIRef
    assistsConsumption: URIRef
    assistsGovernance: URIRef
    provider: URIRef
    recipient: URIRef
    sector: URIRef
    trigger: URIRef
    amount: URIRef
    quantity: URIRef
    counts: URIRef
    date: URIRef
    approximate: URIRef
    divisionCode: URIRef
    produces: URIRef
    certification: URIRef
    coOrganizer: URIRef
    mentionedIn: URIRef
    document: URIRef
    start: URIRef
    end: URIRef
    fileName: URIRef
    sha256: URIRef
    extractorVersion: URIRef
    inferred: URIRef
    programme: URIRef
    moneyKind: URIRef
    coversPairing: URIRef
    pairingProvider: URIRef
    pairingRecipient: URIRef
    since: URIRef
    source: URIRef


#: extractor kind name → ontology class.  The kind names are the ones used in the gold files.
KINDS: dict[str, URIRef] = {
    name: DK[name]
    for name in (
        "Province", "Prefecture", "City", "County", "District", "Township", "Town", "Subdistrict",
        "Village", "River", "Port", "Place",
        "Organization", "Company", "Hospital", "School", "GovernmentBody", "Association", "Team",
        "Base", "Park",
        "Person", "Product", "Event",
    )
}

PLACE_KINDS = frozenset(
    ["Province", "Prefecture", "City", "County", "District", "Township", "Town", "Subdistrict",
     "Village", "River", "Port", "Place"]
)
ORG_KINDS = frozenset(
    ["Organization", "Company", "Hospital", "School", "GovernmentBody", "Association", "Team",
     "Base", "Park"]
)

#: sector name → (SKOS concept, sector-specific sub-property of dk:assists or None)
SECTORS: dict[str, tuple[URIRef, URIRef | None]] = {
    "industry": (DKR["sector/industry"], DK.assistsIndustry),
    "employment": (DKR["sector/employment"], DK.assistsEmployment),
    "health": (DKR["sector/health"], DK.assistsHealth),
    "education": (DKR["sector/education"], DK.assistsEducation),
    "talent": (DKR["sector/talent"], DK.assistsTalent),
    "donation": (DKR["sector/donation"], DK.assistsDonation),
    "infrastructure": (DKR["sector/infrastructure"], DK.assistsInfrastructure),
    "consumption": (DKR["sector/consumption"], DK.assistsConsumption),
    "governance": (DKR["sector/governance"], DK.assistsGovernance),
    "general": (DKR["sector/general"], None),
}
