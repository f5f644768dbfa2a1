"""The extraction pipeline for one document: a pure function from a Document to an Extraction.

Stages, in order (each a module of its own): sentences → NER tokens → mentions → entities →
quantities and dates → relations.  Being pure and picklable, :func:`extract` runs equally in this
process, in worker processes or on any ``concurrent.futures`` executor.
"""
from __future__ import annotations

from dataclasses import replace

from .dates import document_date, document_year, sentence_date
from .entities import resolve
from .mentions import find_mentions
from .model import Document, Extraction, Quantity
from .ner import tag_sentence
from .quantities import find_quantities
from .context import division_of
from .relations import read_relations
from .resolved import Resolved
from .sentences import split_sentences


def extract(doc: Document) -> Extraction:
    sentences = split_sentences(doc)
    mentions = [find_mentions(s, tag_sentence(s)) for s in sentences]
    resolved = resolve(sentences, mentions)
    year = document_year(sentences)
    dates = {s.index: d for s in sentences if (d := sentence_date(s, year))}
    quantities = [q for s in sentences for q in find_quantities(s)]
    found = read_relations(sentences, resolved, quantities, dates)
    in_records = {q.start for a in found.assistance for q in a.quantities}
    quantities = [q if q.start in in_records else _attach(q, resolved) for q in found.quantities]
    for a in found.assistance:
        a.quantities = [q for q in quantities if any(q.start == x.start for x in a.quantities)]
    ex = Extraction(
        document=doc, sentences=sentences, entities=resolved.entities, assistance=found.assistance,
        posts=found.posts, quantities=quantities, relations=found.relations, date=document_date(sentences),
        warnings=found.warnings, programmes=found.pairing.programmes,
        pairings=[(row.programme, row.provider, row.recipient) for row in found.pairing.official],
    )
    _key_people(ex)
    return ex


def _attach(q: Quantity, resolved: Resolved) -> Quantity:
    """A quantity outside assistance measures the entity it counts (400余亩白芍) or its clause's subject."""
    mentions = resolved.by_sentence.get(q.sentence, [])
    for m, key in mentions:
        if q.counts and resolved.entities[key].label.startswith(q.counts[:2]) and m.start >= q.end:
            return replace(q, subject=key)
    before = [key for m, key in mentions if m.end <= q.start and resolved.entities[key].kind != "Person"]
    return replace(q, subject=before[-1] if before else None)


def _key_people(ex: Extraction) -> None:
    """People are told apart by name *and* what they are tied to, so that across articles two 张伟 of two
    counties stay two while the same 聂申明 merges.

    Within one article a name is one person (a cadre on secondment holds posts on both sides); the tie is
    the organisation of their first post, else the first division named in their first sentence, else the
    document itself.
    """
    post_org = {(p.person, p.sentence): p.organization for p in ex.posts if p.organization}
    by_sentence: dict[tuple[str, int], str] = {}
    for key in [k for k, e in ex.entities.items() if e.kind == "Person"]:
        person = ex.entities.pop(key)
        mentions = sorted(person.mentions, key=lambda m: m.start)
        ties: list[str | None] = []
        current = None
        for m in mentions:
            current = post_org.get((key, m.sentence), current)
            ties.append(current)
        first = next((t for t in ties if t), None)
        ties = [first] * len(ties)
        if first is None:
            first = next((division_of(k, ex.entities) for k, other in sorted(ex.entities.items())
                          if other.kind != "Person" and division_of(k, ex.entities)
                          and any(om.sentence == mentions[0].sentence for om in other.mentions)),
                         None) or f"doc:{ex.document.sha256[:16]}"
        for m, tie in zip(mentions, ties):
            new_key = f"{key}@{tie or first}"
            entity = ex.entities.get(new_key)
            if entity is None:
                entity = ex.entities[new_key] = replace(person, key=new_key, mentions=[], aliases=set(person.aliases))
            entity.mentions.append(m)
            by_sentence[(key, m.sentence)] = new_key

    def rekey(old: str | None, sentence: int) -> str | None:
        if old is None or not old.startswith("person:"):
            return old
        return by_sentence.get((old, sentence)) or next(v for (k, _), v in sorted(by_sentence.items()) if k == old)

    ex.posts = [replace(p, person=rekey(p.person, p.sentence)) for p in ex.posts]
    for a in ex.assistance:
        a.provider = rekey(a.provider, a.sentences[0])
        a.recipient = rekey(a.recipient, a.sentences[0])
    ex.quantities = [replace(q, subject=rekey(q.subject, q.sentence)) for q in ex.quantities]
    ex.relations = [replace(r, subject=rekey(r.subject, r.sentence), object=rekey(r.object, r.sentence))
                    for r in ex.relations]
