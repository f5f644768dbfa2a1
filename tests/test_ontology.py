"""The ontology declares every dk: term; the shapes accept what graph/rdf.py writes and reject broken graphs."""
from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import Callable

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from graph import rdf, validate as validate_module
from graph.errors import DuikouError
from graph.model import (Assistance, Document, Entity, Extraction, Mention, Post, Quantity, Relation,
                         Sentence)
from graph.places import Division, Register
from graph.validate import load_ontology, load_shapes, validate
from graph.vocab import DK, DKR, KINDS, ORG, ORG_KINDS, PLACE_KINDS, PREFIXES, PROV, SCHEMA, SECTORS

XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # a plain Namespace: pytest probes module attributes
ROOTS = {SCHEMA.Place, SCHEMA.Organization, SCHEMA.Person, SCHEMA.Product, SCHEMA.Event}
TERMS = sorted(DK.__annotations__)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology()


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


def superclasses(g: Graph, cls: URIRef) -> set[URIRef]:
    return set(g.transitive_objects(cls, RDFS.subClassOf))


# ---------------------------------------------------------------------------------------------
# the ontology


@pytest.mark.parametrize("term", TERMS)
def test_every_dk_term_is_declared_labelled_and_commented(ontology: Graph, term: str) -> None:
    iri = DK[term]
    types = set(ontology.objects(iri, RDF.type))
    if term[0].isupper():
        assert OWL.Class in types, f"dk:{term} is not declared an owl:Class"
    else:
        assert types & {OWL.ObjectProperty, OWL.DatatypeProperty}, f"dk:{term} is not declared a property"
    labels = {l.language for l in ontology.objects(iri, RDFS.label) if isinstance(l, Literal)}
    assert {"zh", "en"} <= labels, f"dk:{term} lacks an rdfs:label @zh or @en"
    comments = {l.language for l in ontology.objects(iri, RDFS.comment) if isinstance(l, Literal)}
    assert "en" in comments, f"dk:{term} lacks an rdfs:comment @en"


def test_ontology_declares_no_term_outside_vocab(ontology: Graph) -> None:
    ns = str(DK._NS)
    declared = {str(s)[len(ns):] for s in ontology.subjects() if isinstance(s, URIRef) and str(s).startswith(ns)}
    assert declared <= set(TERMS), f"terms in duikou.ttl missing from graph/vocab.py: {declared - set(TERMS)}"


def test_ontology_header_and_prefixes(ontology: Graph) -> None:
    header = URIRef("https://w3id.org/duikou/ontology")
    assert (header, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(header, OWL.versionInfo) is not None
    assert {l.language for l in ontology.objects(header, RDFS.label)} >= {"zh", "en"}
    bound = {p: str(n) for p, n in ontology.namespaces()}
    for prefix, iri in PREFIXES.items():
        assert bound.get(prefix) == iri, f"duikou.ttl does not bind {prefix}: <{iri}>"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_kind_reaches_a_schema_root(ontology: Graph, kind: str) -> None:
    ups = superclasses(ontology, KINDS[kind])
    assert ups & ROOTS, f"dk:{kind} reaches none of {sorted(ROOTS)}"
    if kind in PLACE_KINDS:
        assert SCHEMA.Place in ups
    if kind in ORG_KINDS:
        assert SCHEMA.Organization in ups and DK.Organization in ups


@pytest.mark.parametrize("cls, expected", [
    (DK.County, SCHEMA.AdministrativeArea),
    (DK.Village, DK.AdministrativeDivision),
    (DK.River, SCHEMA.RiverBodyOfWater),
    (DK.Organization, ORG.Organization),
    (DK.Company, SCHEMA.Corporation),
    (DK.Hospital, SCHEMA.Hospital),
    (DK.School, SCHEMA.EducationalOrganization),
    (DK.GovernmentBody, SCHEMA.GovernmentOrganization),
    (DK.Association, SCHEMA.NGO),
    (DK.Team, ORG.OrganizationalUnit),
    (DK.Assistance, PROV.Activity),
    (DK.Assistance, SCHEMA.Action),
    (DK.Document, PROV.Entity),
    (DK.Document, SCHEMA.CreativeWork),
    (DK.Sentence, PROV.Entity),
    (DK.Sector, SKOS.Concept),
    (DK.Role, ORG.Role),
    (DK.Role, SKOS.Concept),
])
def test_standard_superclasses(ontology: Graph, cls: URIRef, expected: URIRef) -> None:
    assert expected in superclasses(ontology, cls)


@pytest.mark.parametrize("sector", sorted(SECTORS))
def test_sector_concepts_and_sub_properties(ontology: Graph, sector: str) -> None:
    concept, sub_property = SECTORS[sector]
    if sub_property is not None:
        assert (sub_property, RDFS.subPropertyOf, DK.assists) in ontology
    assert (concept, RDF.type, SKOS.Concept) in ontology
    assert (concept, SKOS.inScheme, DKR["sector"]) in ontology
    zh, en = rdf.SECTOR_LABELS[sector]
    assert set(ontology.objects(concept, SKOS.prefLabel)) == {Literal(zh, lang="zh"), Literal(en, lang="en")}


def test_sector_scheme(ontology: Graph) -> None:
    assert (DKR["sector"], RDF.type, SKOS.ConceptScheme) in ontology
    assert set(ontology.subjects(SKOS.inScheme, DKR["sector"])) == {c for c, _ in SECTORS.values()}


def test_divisioncode_is_an_identifier(ontology: Graph) -> None:
    assert (DK.divisionCode, RDFS.subPropertyOf, SCHEMA.identifier) in ontology
    assert (DK.divisionCode, RDFS.range, XSD.string) in ontology
    assert (DK.approximate, RDFS.range, XSD.boolean) in ontology


# ---------------------------------------------------------------------------------------------
# the shapes


def test_shapes_are_valid_shacl(shapes: Graph) -> None:
    import pyshacl

    assert len(shapes) > 0
    conforms, _, text = pyshacl.validate(Graph(), shacl_graph=shapes, meta_shacl=True)
    assert conforms, text


def test_missing_ontology_folder_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setattr(validate_module, "ONTOLOGY_DIR", tmp_path / "nowhere")
    with pytest.raises(DuikouError, match="ontology folder not found"):
        load_shapes()
    with pytest.raises(DuikouError, match="ontology folder not found"):
        validate(Graph())


TEXT = ("成都市青白江区对口帮扶九龙县，投入援助资金6488.19万元，建设牦牛养殖基地400余亩。"
        "青白江区妇幼保健院院长张三向九龙县捐赠医疗设备。")

DIVISIONS = [
    Division("510000", "四川省", "Province", None, 1),
    Division("510100", "成都市", "City", "510000", 2),
    Division("510113", "青白江区", "District", "510100", 3),
    Division("513300", "甘孜藏族自治州", "Prefecture", "510000", 2),
    Division("513324", "九龙县", "County", "513300", 3),
]


def _span(text: str, needle: str, sentence: int, kind: str) -> Mention:
    start = TEXT.index(needle)
    return Mention(start, start + len(needle), needle, kind, sentence)


def build_valid_graph() -> Graph:
    """A small extraction written by graph.rdf.to_graph exactly as the extractor would."""
    sha = hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    doc = Document("qingbaijiang-jiulong.txt", TEXT, TEXT, sha)
    cut = TEXT.index("。") + 1
    sentences = [Sentence(0, 0, cut, TEXT[:cut], TEXT[:cut]),
                 Sentence(1, cut, len(TEXT), TEXT[cut:], TEXT[cut:])]
    entities = {
        "place:510100": Entity("place:510100", "成都市", "City", {"成都"},
                               [_span(TEXT, "成都市", 0, "City")], code="510100"),
        "place:510113": Entity("place:510113", "青白江区", "District", set(),
                               [_span(TEXT, "青白江区", 0, "District")], code="510113"),
        "place:513324": Entity("place:513324", "九龙县", "County", {"九龙"},
                               [_span(TEXT, "九龙县", 0, "County")], code="513324"),
        "org:青白江区妇幼保健院": Entity("org:青白江区妇幼保健院", "青白江区妇幼保健院", "Hospital",
                                   {"区妇幼保健院"}, [_span(TEXT, "青白江区妇幼保健院", 1, "Hospital")],
                                   location="place:510113"),
        "person:张三@青白江区妇幼保健院": Entity("person:张三@青白江区妇幼保健院", "张三", "Person", set(),
                                          [_span(TEXT, "张三", 1, "Person")]),
        "product:九龙牦牛": Entity("product:九龙牦牛", "九龙牦牛", "Product", set(), []),
        "org:牦牛养殖基地": Entity("org:牦牛养殖基地", "牦牛养殖基地", "Base", set(),
                              [_span(TEXT, "牦牛养殖基地", 0, "Base")], location="place:513324"),
    }
    money_at = TEXT.index("6488.19万元")
    area_at = TEXT.index("400余亩")
    money = Quantity(64881900, "CNY", False, "6488.19万元", 0, money_at, money_at + 9, counts="援助资金")
    area = Quantity(400, "亩", True, "400余亩", 0, area_at, area_at + 5, subject="org:牦牛养殖基地")
    assistance = [
        Assistance("place:510113", "place:513324", "industry", "对口帮扶", [0], date="2023",
                   quantities=[money]),
        Assistance("org:青白江区妇幼保健院", "place:513324", "donation", "捐赠", [1]),
        Assistance("person:张三@青白江区妇幼保健院", "place:513324", "general", "捐赠", [1], date="2023-05-01"),
    ]
    posts = [Post("person:张三@青白江区妇幼保健院", "院长", "org:青白江区妇幼保健院", True, 1),
             Post("person:张三@青白江区妇幼保健院", "医生", None, False, 1)]
    relations = [Relation("place:513324", "produces", "product:九龙牦牛", 0),
                 Relation("product:九龙牦牛", "certification", "国家地理标志产品", 0)]
    ex = Extraction(doc, sentences, entities, assistance, posts, [money, area], relations,
                    "2023-05", [])
    return rdf.to_graph([ex], Register(DIVISIONS))


@pytest.fixture()
def valid() -> Graph:
    return build_valid_graph()


def test_valid_graph_conforms(valid: Graph) -> None:
    conforms, text = validate(valid)
    assert conforms, text


def test_valid_graph_conforms_after_turtle_round_trip(valid: Graph) -> None:
    again = Graph().parse(data=valid.serialize(format="turtle"), format="turtle")
    conforms, text = validate(again)
    assert conforms, text


def test_valid_graph_conforms_without_the_ontology(valid: Graph, shapes: Graph) -> None:
    """The shapes list concrete classes, so they do not depend on the ontology's class hierarchy."""
    import pyshacl

    conforms, _, text = pyshacl.validate(valid, shacl_graph=shapes, inference="none")
    assert conforms, text


def _first(g: Graph, cls: URIRef) -> URIRef:
    return sorted(g.subjects(RDF.type, cls))[0]


def _place(code: str) -> URIRef:
    return DKR[f"place/{code}"]


def _hospital(g: Graph) -> URIRef:
    return _first(g, DK.Hospital)


def two_zh_labels(g: Graph) -> None:
    g.add((_hospital(g), RDFS.label, Literal("区妇幼保健院", lang="zh")))


def no_label(g: Graph) -> None:
    g.remove((_hospital(g), RDFS.label, None))


def pinyin_label(g: Graph) -> None:
    h = _hospital(g)
    g.remove((h, RDFS.label, None))
    g.add((h, RDFS.label, Literal("qīng bái jiāng qū", lang="zh-Latn-pinyin")))


def untagged_label(g: Graph) -> None:
    h = _hospital(g)
    g.remove((h, RDFS.label, None))
    g.add((h, RDFS.label, Literal("青白江区妇幼保健院")))


def no_pinyin(g: Graph) -> None:
    h = _hospital(g)
    for alt in list(g.objects(h, SKOS.altLabel)):
        if alt.language != "zh":
            g.remove((h, SKOS.altLabel, alt))


def bad_division_code(g: Graph) -> None:
    node = _place("513324")
    g.set((node, DK.divisionCode, Literal("51332X")))


def integer_division_code(g: Graph) -> None:
    g.set((_place("513324"), DK.divisionCode, Literal(513324)))


def division_code_on_wrong_node(g: Graph) -> None:
    g.set((_place("513324"), DK.divisionCode, Literal("513325")))


def county_without_parent(g: Graph) -> None:
    g.remove((_place("513324"), SCHEMA.containedInPlace, None))


def contained_in_an_organisation(g: Graph) -> None:
    g.add((_place("513324"), SCHEMA.containedInPlace, _hospital(g)))


def location_not_a_place(g: Graph) -> None:
    g.set((_hospital(g), SCHEMA.location, _first(g, DK.Person)))


def assistance_without_provider(g: Graph) -> None:
    g.remove((_first(g, DK.Assistance), DK.provider, None))


def assistance_with_two_recipients(g: Graph) -> None:
    g.add((_first(g, DK.Assistance), DK.recipient, _place("510100")))


def assistance_without_sentence(g: Graph) -> None:
    g.remove((_first(g, DK.Assistance), PROV.wasDerivedFrom, None))


def assistance_sector_not_a_sector(g: Graph) -> None:
    g.set((_first(g, DK.Assistance), DK.sector, DKR["sector/tourism"]))


def assistance_to_itself(g: Graph) -> None:
    a = _first(g, DK.Assistance)
    g.set((a, DK.recipient, g.value(a, DK.provider)))


def assists_edge_without_record(g: Graph) -> None:
    g.add((_place("510100"), DK.assists, _place("513324")))


def sector_edge_without_plain_edge(g: Graph) -> None:
    g.remove((_place("510113"), DK.assists, _place("513324")))


def membership_without_member(g: Graph) -> None:
    g.remove((_first(g, ORG.Membership), ORG.member, None))


def membership_with_two_organisations(g: Graph) -> None:
    m = next(m for m in g.subjects(RDF.type, ORG.Membership) if g.value(m, ORG.organization) is not None)
    g.add((m, ORG.organization, _first(g, DK.Base)))


def role_without_label(g: Graph) -> None:
    g.remove((_first(g, DK.Role), RDFS.label, None))


def money_without_currency(g: Graph) -> None:
    g.remove((_first(g, SCHEMA.MonetaryAmount), SCHEMA.currency, None))


def money_in_dollars(g: Graph) -> None:
    g.set((_first(g, SCHEMA.MonetaryAmount), SCHEMA.currency, Literal("USD")))


def money_value_as_string(g: Graph) -> None:
    g.set((_first(g, SCHEMA.MonetaryAmount), SCHEMA.value, Literal("64881900")))


def quantity_without_unit(g: Graph) -> None:
    g.remove((_first(g, SCHEMA.QuantitativeValue), SCHEMA.unitText, None))


def approximate_not_boolean(g: Graph) -> None:
    g.set((_first(g, SCHEMA.QuantitativeValue), DK.approximate, Literal("yes")))


def quantity_unlinked(g: Graph) -> None:
    g.remove((None, DK.quantity, _first(g, SCHEMA.QuantitativeValue)))


def sentence_without_document(g: Graph) -> None:
    g.remove((_first(g, DK.Sentence), DK.document, None))


def sentence_offsets_reversed(g: Graph) -> None:
    s = _first(g, DK.Sentence)
    start, end = g.value(s, DK.start), g.value(s, DK.end)
    g.set((s, DK.start, end))
    g.set((s, DK.end, start))


def document_bad_sha(g: Graph) -> None:
    g.set((_first(g, DK.Document), DK.sha256, Literal("not-a-hash")))


def document_without_file_name(g: Graph) -> None:
    g.remove((_first(g, DK.Document), DK.fileName, None))


def bad_date(g: Graph) -> None:
    g.set((_first(g, DK.Assistance), DK.date, Literal("2023年")))


#: (mutation, a fragment of the message the report must give)
BROKEN: list[tuple[Callable[[Graph], None], str]] = [
    (two_zh_labels, "exactly one rdfs:label, tagged @zh"),
    (no_label, "exactly one rdfs:label, tagged @zh"),
    (pinyin_label, "exactly one rdfs:label, tagged @zh"),
    (untagged_label, "exactly one rdfs:label, tagged @zh"),
    (no_pinyin, "there is a romanised one"),
    (bad_division_code, "six-digit GB/T 2260 code"),
    (integer_division_code, "six-digit GB/T 2260 code"),
    (division_code_on_wrong_node, "is not the IRI dkr:place/513325"),
    (county_without_parent, "a division below province level sits in its parent"),
    (contained_in_an_organisation, "schema:containedInPlace points to a place"),
    (location_not_a_place, "schema:location points to a place"),
    (assistance_without_provider, "exactly one dk:provider"),
    (assistance_with_two_recipients, "exactly one dk:recipient"),
    (assistance_without_sentence, "prov:wasDerivedFrom at least one dk:Sentence"),
    (assistance_sector_not_a_sector, "exactly one dk:sector, a dk:Sector"),
    (assistance_to_itself, "other than the recipient"),
    (assists_edge_without_record, "has no dk:Assistance record"),
    (sector_edge_without_plain_edge, "lacks the plain dk:assists edge"),
    (membership_without_member, "exactly one org:member"),
    (membership_with_two_organisations, "at most one org:organization"),
    (role_without_label, "exactly one rdfs:label, tagged @zh"),
    (money_without_currency, 'exactly one schema:currency "CNY"'),
    (money_in_dollars, 'exactly one schema:currency "CNY"'),
    (money_value_as_string, "exactly one schema:value, an xsd:decimal"),
    (quantity_without_unit, "exactly one schema:unitText"),
    (approximate_not_boolean, "dk:approximate is one xsd:boolean"),
    (quantity_unlinked, "linked with dk:quantity"),
    (sentence_without_document, "exactly one dk:document"),
    (sentence_offsets_reversed, "below dk:end"),
    (document_bad_sha, "64 lower-case hex digits"),
    (document_without_file_name, "a dk:fileName"),
    (bad_date, "at most one dk:date"),
]


@pytest.mark.parametrize("mutate, message", BROKEN, ids=[f.__name__ for f, _ in BROKEN])
def test_broken_graph_does_not_conform(valid: Graph, mutate: Callable[[Graph], None], message: str) -> None:
    before = set(valid)
    mutate(valid)
    assert set(valid) != before, f"{mutate.__name__} changed nothing"
    conforms, text = validate(valid)
    assert not conforms, f"{mutate.__name__} was accepted"
    assert message in text, text


def test_valid_graph_shape_is_what_rdf_writes(valid: Graph) -> None:
    """Guards the fixture: it exercises every kind of node the shapes constrain."""
    for cls in (DK.Assistance, DK.Sentence, DK.Document, DK.Role, DK.Sector, ORG.Membership,
                SCHEMA.MonetaryAmount, SCHEMA.QuantitativeValue, DK.Hospital, DK.Province):
        assert any(valid.subjects(RDF.type, cls)), cls
    assert (_place("510113"), DK.assistsIndustry, _place("513324")) in valid
    value = valid.value(_first(valid, SCHEMA.MonetaryAmount), SCHEMA.value)
    assert value.datatype == XSD.decimal and value.toPython() == Decimal("64881900")
