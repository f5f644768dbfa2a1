"""Assistance no trigger word states, implied by what the article says of people, teams and events.

* a cadre of one side holding a post on the other (宁波市第一人民医院副院长陈浩挂任晴隆县人民医院院长): the home
  organisation helps the host one;
* a team the provider stations in the recipient (番禺区驻大方县工作队) or sends (河南省对口援疆前方指挥部): it helps
  the recipient;
* an event organised by a body of the provider's side: the body helps the recipient.

Each runs after the sentence proposals are settled (``assistance.settle``), against the article's pairing.
"""
from __future__ import annotations

import re

from .aliases import short_names_of
from .context import Context, contains
from .kinds import without_batch
from .model import Assistance, Entity, Post
from .pairing import DocPairing
from .places import register
from .sectors import sector_for, sectors_in


def counterpart(ctx: Context, provider: str | None, main_r: str) -> str:
    """The recipient-side division at the provider's level: 仓山区人社局 → 原州区, 福州市人社局 → 固原市.

    East–west pairs are matched level by level, so a district body's help goes to the paired
    county when the article names one under the recipient city.
    """
    d = ctx.division(provider)
    level = register().by_code[d[6:]].level if d and d[6:] in register().by_code else None
    if level is None or level == 1:
        return main_r  # 上海市对口支援新疆工作前方指挥部 helps 莎车县, not the whole of 新疆
    same = sorted(k for k, e in ctx.entities.items() if e.code and (contains(main_r, k) or contains(k, main_r))
                  and register().by_code[e.code].level == level)
    return same[0] if len(same) == 1 else main_r


def organised(ctx: Context, pairing: DocPairing, organisers: list[tuple[str | None, str, str, int]],
              dates: dict[int, str], records: list[Assistance]) -> None:
    """Events organised by outside bodies for the recipient's people are help to the recipient."""
    if not pairing.recipient:
        return
    seen = {(a.provider, a.recipient, a.sector, a.sentences[0]) for a in records}
    for event, predicate, org, sentence in organisers:
        if pairing.side(org) == "recipient" or (pairing.side(org) is None and ctx.division(org) is None):
            continue
        if ctx.division(org) and not ctx.apart(org, pairing.recipient):
            continue
        sector = (sectors_in(ctx.entities[event].label if event else ctx.sentences[sentence].norm) or ["general"])[0]
        key = (org, _co_host(ctx, pairing, org, sentence) or counterpart(ctx, org, pairing.recipient), sector, sentence)
        if key not in seen:
            seen.add(key)
            records.append(Assistance(org, key[1], sector, "承办" if predicate == "coOrganizer" else "主办",
                                      [sentence], date=dates.get(sentence), inferred=True))


def _co_host(ctx: Context, pairing: DocPairing, org: str, sentence: int) -> str | None:
    """由泉州市人社局和海原县共同主办: the recipient's division organising with the body is the one helped, as
    is the division of a recipient's bureau (由宝安区协作局、都安县商务局联合主办: 都安县)."""
    for _, y, gap in ctx.next_to(sentence, org):
        if gap in ("和", "与", "、") and pairing.side(y.key) == "recipient":
            if y.entity.code:
                return y.key
            if y.entity.kind == "GovernmentBody" and ctx.division(y.key):
                return ctx.division(y.key)
    return None


def seconded(ctx: Context, posts: list[Post], pairing: DocPairing, records: list[Assistance]) -> None:
    """A cadre of the provider's side holding a post on the recipient's (宁波市第一人民医院副院长陈浩挂任晴隆县
    人民医院院长): the home organisation, the one named first, helps the host one."""
    seen = {(a.provider, a.recipient) for a in records}
    for person in dict.fromkeys(p.person for p in posts):
        held = [p for p in posts if p.person == person and p.organization]
        if held and pairing.side(ctx.acting_for(held[0].organization)) != "provider":
            continue  # 大方县农业农村局副局长陈应华在番禺区挂职: a recipient's cadre learning on the provider's side
        homes = [p for p in held if pairing.side(ctx.acting_for(p.organization)) == "provider"]
        hosts = [p for p in held if pairing.side(ctx.acting_for(p.organization)) == "recipient"]
        for home in homes[:1]:
            for host in hosts[:1]:
                giver, taker = ctx.acting_for(home.organization), ctx.acting_for(host.organization)
                if (giver, taker) in seen or giver == taker or ctx.entities[giver].code or ctx.entities[taker].code:
                    continue  # a bureau's cadre in a county government: the pairing says it already
                seen.add((giver, taker))
                sector = sector_for("", ctx.sentences[host.sentence], ctx.sentences, "挂职", "send",
                                    ctx.entities[giver], ctx.entities[taker])
                records.append(Assistance(giver, taker, sector[0] if sector != ["general"] else "talent", "挂职",
                                          sorted({home.sentence, host.sentence}), inferred=home.sentence != host.sentence))


_STATIONED = re.compile(r"[驻援](.{2,16}?)(?:工作队|工作组|工作站|服务站|指挥部|办事处|联络组|小组|医疗队|支教团|专家团|服务队)")
_SENT = re.compile(r"援疆|援藏|援青|对口支援|对口帮扶|东西部协作|帮扶|协作")
_BODY = {"Team", "GovernmentBody", "Organization"}


def stationed(ctx: Context, pairing: DocPairing, dates: dict[int, str], records: list[Assistance]) -> None:
    """Teams the provider sends: 番禺区驻大方县工作队 helps 大方县 (its name says so), 河南省对口援疆前方指挥部
    helps the article's recipient.  A station the recipient keeps in the provider's city (安定区驻青岛劳务协作
    工作站) helps nobody on its own."""
    if not pairing.recipient:
        return
    seen = {(a.provider, a.recipient) for a in records}
    for key, e in ctx.entities.items():
        if e.kind not in _BODY or pairing.side(key) == "recipient" or not e.mentions:
            continue
        where = _STATIONED.search(e.label)
        target = _named_place(ctx, pairing, where.group(1)) if where else None
        if target and target != pairing.recipient and contains(target, pairing.recipient):
            target = pairing.recipient  # 湖北省对口支援新疆工作前方指挥部 helps the article's recipient in 新疆
        if where and target is None and where.group(0).startswith("驻"):
            continue  # 安定区驻青岛劳务协作工作站: the recipient's station in the provider's city
        if target is None and (e.kind == "Team" or e.kind == "GovernmentBody" and "指挥部" in e.label) \
                and _SENT.search(e.label) and (pairing.side(key) == "provider" or ctx.division(key) is None) \
                and (_named_place(ctx, pairing, e.label) is not None
                     or not any(a.provider == key for a in records) and not _only_in_titles(ctx, e)):
            target = pairing.recipient  # (unless its name says whom it helps, a team whose help the text states,
            # or named only in its head's title, says no more by being sent)
        if target is None:
            continue
        first = min(e.mentions, key=lambda m: m.start).sentence
        sector = "employment" if "劳务" in e.label else (sectors_in(e.label) or ["general"])[0]
        named = where is not None and target != pairing.recipient or _named_place(ctx, pairing, e.label) == target
        if (key, target) not in seen:
            seen.add((key, target))
            records.append(Assistance(key, target, sector, "驻" if where else "派", [first], date=dates.get(first),
                                      inferred=not named))
        home = ctx.division(key)
        if named and home and pairing.side(home) == "provider" and (home, target) not in seen \
                and without_batch(e.label).startswith(tuple(_forms(ctx, home))):
            seen.add((home, target))  # 渭南援革吉医疗队: 渭南市 helps 革吉县, the team's name says so
            records.append(Assistance(home, target, sector, "援", [first], date=dates.get(first)))


_HEAD = re.compile(r"(?:组长|队长|领队|副组长|副队长|总指挥|副总指挥|指挥长|负责人|成员|队员)")


def _only_in_titles(ctx: Context, e: Entity) -> bool:
    """Whether every mention of the team is its head's or member's title (某工作组组长、某县委常委王某说)."""
    return all(_HEAD.match(ctx.sentences[m.sentence].norm, m.end - ctx.sentences[m.sentence].start)
               for m in e.mentions)


def _forms(ctx: Context, key: str) -> set[str]:
    """A division's names as the text may write them: its label, aliases and short forms."""
    o = ctx.entities[key]
    return {o.label, *o.aliases, *short_names_of(register().by_code[o.code])} if o.code else {o.label, *o.aliases}


def _named_place(ctx: Context, pairing: DocPairing, text: str) -> str | None:
    """The recipient-side division a team's name names, the longest form found (东莞驻纳雍劳务协作工作站: 纳雍
    for 纳雍县; 山东援青刚察工作组: 刚察县)."""
    found = [(len(f), k) for k, o in ctx.entities.items() if o.code and pairing.side(k) == "recipient"
             for f in _forms(ctx, k) if len(f) >= 2 and f in text]
    return max(found)[1] if found else None
