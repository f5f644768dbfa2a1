"""Money that means one thing: each amount's kind, and the assistance record it belongs to.

An article adds up unlike money — fiscal aid, donations, investment brought in, purchases, signed contract
values, and figures that are no aid at all (a villager's income).  The kind is read from the cue words
before the amount in its clause (``lexicon/money.json``), the nearest cue winning; the record is the one of
its sentence whose sector fits the kind, and a fiscal total of the whole pairing (累计投入财政援助资金4.85亿元)
goes to the pairing's own record rather than to whatever record its sentence also holds.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable

from .lexicon import money_kinds
from .model import Assistance, Quantity, Sentence

_CLAUSE = re.compile(r"[，,；;。：:]")
_PART = re.compile(r"其中[^，,。；;]{0,12}$")
_USE_CLAUSE = re.compile(r"[，,、](?:用于|其中)[^，,。；;]{0,14}$")  # a further part of a list after 其中
_USED_FOR = re.compile(r"(?:资金)?(?:专项)?(?:用于|投向|支持)")
_UNITS = {"Company", "Association", "School", "Hospital", "Organization"}
_FITS = {"donation": ("donation",), "purchase": ("consumption",), "investment": ("industry",),
         "contract": ("consumption", "industry"), "fiscal": ("general", "industry", "infrastructure")}


def money_kind(q: Quantity, sentence: Sentence, in_record: bool) -> str:
    """The kind of money amount ``q``: the cue nearest before it in its clause (or right after it, as in
    "12万元的物资"), else fiscal aid for 资金 of a record, else other."""
    text = sentence.norm
    start, end = q.start - sentence.start, q.end - sentence.start
    bounds = [0] + [m.end() for m in _CLAUSE.finditer(text, 0, start)]
    for lo in (bounds[-1], bounds[-2] if len(bounds) > 1 else None):  # its clause, then the one before
        if lo is None:
            break
        before = text[lo:start]
        best: tuple[int, str] | None = None
        for kind in money_kinds():
            for cue in kind.cues:
                at = before.rfind(cue)
                if at >= 0 and (best is None or at + len(cue) > best[0]):
                    best = (at + len(cue), kind.id)
        if best is not None:
            return best[1]
    before = text[bounds[-1]:start]
    after = text[end:end + 6]
    for kind in money_kinds():
        if any(cue in after for cue in kind.cues):
            return kind.id
    if in_record and ("资金" in before or "资金" in after or "援助" in before):
        return "fiscal"
    return "other"


def _nearest(candidates: list[Assistance], q: Quantity, where: Callable[[str, int], list[int]]) -> list[Assistance]:
    """The candidates, the one whose provider is named last before the amount first: in 甲公司捐赠50万元、
    乙商会捐赠36万元 each amount is the giver's named just before it."""
    def last_before(a: Assistance) -> int:
        return max((at for at in where(a.provider, q.sentence) if at < q.start), default=-1)
    best = max(candidates, key=last_before, default=None)
    if best is None or last_before(best) < 0:
        return candidates
    return [best] + [a for a in candidates if a is not best]


def _earmarked(here: list[Assistance], q: Quantity, sentence: Sentence,
               where: Callable[[str, int], list[int]]) -> list[Assistance]:
    """The record of the body amount ``q`` is earmarked for (其中1500万元用于城关镇…, or a project line's), if its
    sentence holds one; ``where`` gives the offsets a body is written at, at the head of a works' name too
    (城关镇苹果冷链仓储中心)."""
    used = _USED_FOR.match(sentence.norm, q.end - sentence.start)
    if used:
        return [a for a in here if a.trigger == "用于" and any(q.end < at <= q.end + used.end() - used.start() + 12
                                                           for at in where(a.recipient, q.sentence))][:1]
    # a project line (（一）太平溪镇柑橘产业提升项目，安排援助资金1800万元；): the body the line opens with
    return [a for a in here if a.trigger == "项目" and any(
        at < q.start and not re.search("[；;]", sentence.norm[at - sentence.start:q.start - sentence.start])
        for at in where(a.recipient, q.sentence))][:1]


def attach_money(quantities: list[Quantity], sentences: list[Sentence], records: list[Assistance],
                 pairing: tuple[str | None, str | None], kinds: dict[str, str],
                 where: Callable[[str, int], list[int]],
                 written: Callable[[str, int], list[int]]) -> list[Quantity]:
    """Give every money amount its kind and put it on the record it belongs to; other quantities go on the
    first record of their sentence, as before.  A fiscal total of the pairing whose sentence holds only
    sector records of the pair gets a ``general`` record of its own, appended to ``records``.  ``kinds``
    gives each entity's kind (a company's aid money is a donation); ``where`` the offsets at which a
    sentence names an entity, so an amount goes to the giver named last before it, and ``written`` those at
    which a name starts with it, so an amount earmarked for it goes to its record.  Returns the
    quantities with their kinds."""
    out = []
    previous: Quantity | None = None
    in_part = False
    for q in quantities:
        here = [a for a in records if a.sentences[0] == q.sentence]
        if not q.is_money:
            if here:
                here[0].quantities.append(q)
            out.append(q)
            continue
        sentence = sentences[q.sentence]
        earmarked = _earmarked(here, q, sentence, written)
        part = _PART.search(sentence.norm[:q.start - sentence.start]) or (
            in_part and _USE_CLAUSE.search(sentence.norm, 0, q.start - sentence.start))
        if previous is not None and previous.sentence == q.sentence and (part or earmarked) \
                and not (part and any(cue in part.group(0) for kind in money_kinds() for cue in kind.cues)):
            # 财政援助资金4850万元，其中890万元, …，600万元用于永兴镇: a part of the amount before (总投资4500万元，
            # 其中援疆资金3000万元: a part of its own kind)
            kind = previous.kind
        else:
            kind = money_kind(q, sentence, bool(here))
        whole = [a for a in here if (a.provider, a.recipient) == pairing and a.sector == "general"]
        ours = [a for a in here if (a.provider, a.recipient) == pairing]
        if kind == "fiscal" and ours and not whole:
            # 选派干部人才387人次…，财政投入援助资金6488.19万元: the money is the whole pairing's, not the talent's
            whole = [replace(ours[0], sector="general", trigger="资金", quantities=[])]
            records.append(whole[0])
        # the records whose word the sentence says before the amount: an implied one (a team's 派) takes the
        # money only when nothing the sentence states does
        said = [a for a in here if a.trigger in sentence.norm[:q.start - sentence.start]] or here
        fitting = [a for a in said if a.sector in _FITS.get(kind, ())]
        target = earmarked or (whole if kind == "fiscal" else []) \
            or _nearest(fitting or said, q, where)
        if kind == "fiscal" and target and kinds.get(target[0].provider) in _UNITS:
            kind = "donation"  # aid money a company, a bank or a university gives is a donation
        q = replace(q, kind=kind)
        out.append(q)
        # 其中用于产业发展4120万元，用于就业帮扶960万元: the parts listed go on after the first
        in_part = bool(part)
        previous = q
        if kind != "other" and target:
            target[0].quantities.append(q)
    return out
