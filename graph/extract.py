"""The extraction pipeline for one document: a pure function from a Document to an Extraction.

Stages, in order (each a module of its own): sentences → NER tokens → mentions → entities →
quantities and dates → relations.  Being pure and picklable, :func:`extract` runs equally in this
process, in worker processes or on any ``concurrent.futures`` executor.
"""
from __future__ import annotations

from .dates import document_date, document_year, sentence_date
from .entities import Resolved, resolve
from .mentions import find_mentions
from .model import Document, Extraction, Quantity
from .ner import tag_sentence
from .quantities import find_quantities
from .relations import division_of, read_relations
from .sentences import split_sentences

#: bump when the extractor's output changes, so cached extractions are redone
EXTRACTOR_VERSION = "1"


def extract(doc: Document) -> Extraction:
    sentences = split_sentences(doc)
    mentions = [find_mentions(s, tag_sentence(s)) for s in sentences]
    resolved = resolve(sentences, mentions)
    year = document_year(sentences)
    dates = {s.index: d for s in sentences if (d := sentence_date(s, year))}
    quantities = [q for s in sentences for q in find_quantities(s)]
    assistance, posts, relations, warnings = read_relations(sentences, resolved, quantities, dates)
    in_records = {id(q) for a in assistance for q in a.quantities}
    quantities = [q if id(q) in in_records else _attach(q, resolved) for q in quantities]
    for a in assistance:
        a.quantities = [q for q in quantities if any(q.start == x.start for x in a.quantities)]
    ex = Extraction(
        document=doc, sentences=sentences, entities=resolved.entities, assistance=assistance,
        posts=posts, quantities=quantities, relations=relations, date=document_date(sentences),
        warnings=warnings, sentence_dates=dates,
    )
    _key_people(ex)
    return ex


def _attach(q: Quantity, resolved: Resolved) -> Quantity:
    """A quantity outside assistance measures the entity it counts (400余亩白芍) or its clause's subject."""
    from dataclasses import replace

    mentions = resolved.by_sentence.get(q.sentence, [])
    for m, key in mentions:
        if q.counts and resolved.entities[key].label.startswith(q.counts[:2]) and m.start >= q.end:
            return replace(q, subject=key)
    before = [key for m, key in mentions if m.end <= q.start and resolved.entities[key].kind != "Person"]
    return replace(q, subject=before[-1] if before else None)


def _key_people(ex: Extraction) -> None:
    """People are told apart by name *and* what they are tied to: two 张伟 in two counties stay two.

    The tie is the organisation of their first post (by its division when it has one), else the first
    division named in their first sentence, else the document.
    """
    rename: dict[str, str] = {}
    posts_by_person = {}
    for p in ex.posts:
        posts_by_person.setdefault(p.person, p)
    for key, e in ex.entities.items():
        if e.kind != "Person":
            continue
        post = posts_by_person.get(key)
        tie = None
        if post and post.organization:
            tie = post.organization
        else:
            first = min(m.sentence for m in e.mentions)
            tie = next((division_of(k, ex.entities) for k, other in ex.entities.items()
                        if other.kind != "Person" and any(m.sentence == first for m in other.mentions)
                        and division_of(k, ex.entities)), None)
        rename[key] = f"{key}@{tie or 'doc:' + ex.document.sha256[:16]}"
    if not rename:
        return
    from dataclasses import replace

    for old, new in rename.items():
        e = ex.entities.pop(old)
        e.key = new
        ex.entities[new] = e
    ex.posts = [replace(p, person=rename.get(p.person, p.person)) for p in ex.posts]
    for a in ex.assistance:
        a.provider = rename.get(a.provider, a.provider)
        a.recipient = rename.get(a.recipient, a.recipient)
    ex.quantities = [replace(q, subject=rename.get(q.subject, q.subject)) if q.subject else q for q in ex.quantities]
    for a in ex.assistance:
        a.quantities = [replace(q, subject=None) for q in a.quantities]
    ex.relations = [replace(r, subject=rename.get(r.subject, r.subject), object=rename.get(r.object, r.object))
                    for r in ex.relations]
