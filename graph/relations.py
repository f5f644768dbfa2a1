"""Relations of one document, read in the order their dependencies ask for.

1. posts (``posts.py``) — so that a person can stand for the organisation they act for;
2. sentence proposals of assistance (``assistance.py``), organisers and locations;
3. the document's pairing and every entity's side (``pairing.py``), from the proposals, the national table and
   the shorthands;
4. the proposals settled against the pairing (``settle.py``), lists expanded, implied sides marked inferred;
5. money given its kind and record (``money.py``); products and who makes them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .assistance import SentenceReader
from .settle import settle
from .implied import organised, seconded, stationed
from .context import CLAUSE, Context, eligible
from .resolved import Resolved
from .model import Assistance, Post, Quantity, Relation, Sentence
from .money import attach_money
from .pairing import DocPairing, Reading, read_pairing
from .places import register
from .posts import read_posts, settled
from .vocab import ORG_KINDS, PLACE_KINDS

_ORGANISE = re.compile(r"联合举办|共同举办|共同主办|共同组织|联合组织|主办|承办|协办")
_CERT = re.compile(r"(?:获得|获评|获颁|荣获|取得)了?([\u4e00-\u9fff]{2,14}?(?:证书|认证|称号|商标|标志))")
_OCCASION = re.compile(r"(会|活动|仪式|展|节|赛|周|月|班)[^，,。]{0,6}由[^。]{2,80}?(?:联合|共同)?(?:主办|承办|协办|组织)")
_LOCATED = re.compile(r"(?:位于|落户|坐落于|坐落在|地处|落户在|落户于)")


@dataclass
class Relations:
    assistance: list[Assistance]
    posts: list[Post]
    relations: list[Relation]
    quantities: list[Quantity]
    warnings: list[str]
    pairing: DocPairing = field(default_factory=DocPairing)


def read_relations(sentences: list[Sentence], resolved: Resolved, quantities: list[Quantity],
                   dates: dict[int, str]) -> Relations:
    ctx = Context(sentences, resolved)
    posts: list[Post] = []
    for s in sentences:
        read_posts(ctx, s, posts)
    posts = settled(posts)
    reader = SentenceReader(ctx)
    organisers: list[tuple[str | None, str, str, int]] = []
    for s in sentences:
        organisers += _organisers(ctx, s)
        _locations(ctx, s)
        reader.read(s)
    pairing = read_pairing(ctx, [Reading(p.sentence, p.provider, p.recipient) for p in reader.proposals])
    warnings: list[str] = []
    records = settle(ctx, reader.proposals, pairing, dates, warnings)
    organised(ctx, pairing, organisers, dates, records)
    seconded(ctx, posts, pairing, records)
    stationed(ctx, pairing, dates, records)
    quantities = attach_money(quantities, sentences, records, (pairing.provider, pairing.recipient),
                              {k: e.kind for k, e in ctx.entities.items()},
                              lambda key, i: [q.mention.start for q in ctx.parties(i) if q.key == key],
                              lambda key, i: [q.mention.start for q in ctx.parties(i)
                                              if key in (q.key, q.entity.location)])
    relations = [Relation(event, pred, org, index) for event, pred, org, index in organisers if event]
    for s in sentences:
        relations += _products(ctx, s, pairing.recipient)
    return Relations(records, posts, relations, quantities, warnings, pairing)


def _organisers(ctx: Context, s: Sentence) -> list[tuple[str | None, str, str, int]]:
    """(event, organizer | coOrganizer, organisation, sentence) for 主办/承办/协办 of the sentence's event."""
    mentions = ctx.mentions(s.index)
    events = [(m, k) for m, k in mentions if ctx.entities[k].kind == "Event"]
    if not events and not _OCCASION.search(s.norm):
        return []
    event = events[0][1] if events else None  # 本次招聘会由…主办: an occasion the text does not name
    out = []
    previous = 0
    for t in _ORGANISE.finditer(s.norm):
        pos = s.start + t.start()
        by = s.norm.rfind("由", previous, t.start())
        lo = s.start + max(previous, by if by >= 0 else max(
            [m.end() for m in CLAUSE.finditer(s.norm, 0, t.start())], default=0))
        previous = t.end()
        for m, k in mentions:
            if lo <= m.start and m.end <= pos and ctx.entities[k].kind in ORG_KINDS:
                out.append((event, "coOrganizer" if t.group(0) in ("承办", "协办") else "organizer", k, s.index))
    return out


def _products(ctx: Context, s: Sentence, main_recipient: str | None) -> list[Relation]:
    """Who produces each product named (its place-named maker first, else the clause's party, else the
    article's recipient) and the certifications it carries."""
    mentions = ctx.mentions(s.index)
    certs = [m.group(1) for m in _CERT.finditer(s.norm)]
    out = []
    for i, (m, k) in enumerate(mentions):
        if ctx.entities[k].kind != "Product":
            continue
        clause_start = s.start + max([c.end() for c in CLAUSE.finditer(s.norm, 0, m.start - s.start)], default=0)
        producer = next((kk for mm, kk in reversed(mentions[:i]) if mm.start >= clause_start
                         and eligible(ctx.entities[kk])), None)
        label = ctx.entities[k].label
        for size in range(min(8, len(label) - 1), 1, -1):
            d = register().resolve(label[:size], [])
            if d is not None and f"place:{d.code}" in ctx.entities:
                producer = f"place:{d.code}"
                break
        producer = producer or main_recipient
        if producer:
            out.append(Relation(producer, "produces", k, s.index))
        for cert in certs:
            out.append(Relation(k, "certification", cert, s.index))
    return out


def _locations(ctx: Context, s: Sentence) -> None:
    """位于/落户/坐落于: where an organisation is, when its name does not say."""
    mentions = ctx.mentions(s.index)
    for t in _LOCATED.finditer(s.norm):
        pos = s.start + t.end()
        place = next((k for m, k in mentions if m.start >= pos and m.start - pos <= 1
                      and ctx.entities[k].kind in PLACE_KINDS), None)
        org = next((k for m, k in reversed(mentions) if m.end <= s.start + t.start()
                    and ctx.entities[k].kind in ORG_KINDS), None)
        if place and org and not ctx.entities[org].location:
            ctx.entities[org].location = place
