"""Proposals settled against the article's pairing (``pairing.py``): direction from the sides unless the
sentence states otherwise, a side the sentence leaves unsaid taken from the pairing and marked ``inferred``
unless the sentence names both (or says 两地 / 双方), a proposal with no pair at all a warning, never a guess."""
from __future__ import annotations

import re

from .assistance import Proposal
from .context import GIVERS, LOCAL_TAKERS, Context, local_help, named_keys
from .lexicon import triggers
from .lists import representatives
from .model import Assistance
from .pairing import DocPairing
from .places import register

# 甲与静宁县供销合作社联合社签订, 甲公司与某经济技术开发区签订投资协议: a party of its own
_COUNTERPARTS = {"Association", "Organization", "Park"}
_TOWARDS = re.compile(r"(?:还|也|已|将)?(?:向|给|为|与|和|同)")
_WORKSHOP = re.compile(r"(车间|工坊|基地)$")
_CORPS = re.compile(r"兵团(第[一二三四五六七八九十]+师)?$")
_NOT_TAKERS = {"Park", "Base", "Company", "Association", "GovernmentBody", "Organization"}
def settle(ctx: Context, proposals: list[Proposal], pairing: DocPairing, dates: dict[int, str],
           warnings: list[str]) -> list[Assistance]:
    """Proposals read against the article's pairing, one record per (provider, recipient, sector, sentence)."""
    main_p, main_r = pairing.provider, pairing.recipient
    reader_groups = {i: representatives(ctx, s) for i, s in enumerate(ctx.sentences)}
    names = {i: named_keys(ctx, i) for i in range(len(ctx.sentences))}
    seen: dict[tuple[str, str, str, int], Assistance] = {}
    out: list[Assistance] = []

    def side(key: str | None) -> str | None:
        return pairing.side(key)

    for prop in proposals:
        p, r = prop.provider, prop.recipient
        if p is None and main_p and (r is None or side(r) != "provider"):
            p = main_p
        if r is None and main_r:
            r = main_r
        if side(p) == "recipient" and side(r) == "provider":
            p, r = r, p  # the article's recipient does not help its provider: the parse was backwards
        elif side(p) == "recipient" and main_p and r is not None and side(r) != "recipient":
            p = main_p  # 学校在合阳选派…: the recipient's side gives no help; the provider does
        elif side(r) == "provider" and side(p) != "recipient" and main_r:
            r = main_r  # help "to" one's own side went to the recipient
        pe, re_ = ctx.entities.get(p) if p else None, ctx.entities.get(r) if r else None
        if pe is not None and _WORKSHOP.search(pe.label):
            continue  # 车间吸纳周边村民就业: a workshop or a base is where the help works, not who gives it
        if pe is not None and (pe.kind == "River" or pe.kind == "Park" and ctx.division(p) is None
                               and not any(register().candidates(pe.label[:n]) for n in (2, 3, 4))):
            # 两地共建的武响工业园…投资: a park named by both sides (of no one side) is where help lands (苏州工业园区
            # is 苏州's); a river gives none
            continue
        if pe and re_ and pe.kind in LOCAL_TAKERS and re_.kind in GIVERS:
            p, r = r, p  # 村与企业结对: the company is the one that gives
            pe, re_ = re_, pe
        if r is not None and r in reader_groups.get(prop.sentence, set()) and ctx.division(r) and \
                side(ctx.division(r)) == "recipient":
            r = ctx.division(r)  # 分布在莎车县第一中学等12所学校, 到彭水郁山镇、保家镇等地: the county helped
            re_ = ctx.entities.get(r)
        counterpart = re_ is not None and (re_.kind in _COUNTERPARTS and together(ctx, prop.sentence, p, r)
                                           or bool(_CORPS.search(re_.label))  # 兵团第十三师: helped as a division
                                           or re_.kind == "Company" and pe is not None and pe.kind in GIVERS
                                           and (together(ctx, prop.sentence, p, r) or sold_by(ctx, prop.sentence, r))
                                           # 甲区教委向乙县教育局移交资金: a bureau's counterpart bureau
                                           or re_.kind == "GovernmentBody" and pe is not None
                                           and pe.kind == "GovernmentBody" and addressed(ctx, prop.sentence, p, r))
        if re_ is not None and re_.kind in _NOT_TAKERS and side(r) != "provider" and not counterpart:
            # a park, a company or a bureau of the recipient is where help lands, not whom it helps:
            # 恒锐公司在乐都工业园区投资 helps 乐都区
            r = _place_of(ctx, r) or ctx.division(r) or main_r or r
            re_ = ctx.entities.get(r)
        elif p and r and side(p) is not None and side(p) == side(r) and not local_help(pe, re_):
            if side(p) != "recipient" or not main_p:
                continue  # a body "helping" its own side is not paired assistance
            p = main_p  # 九龙县 helping 九龙县's own school: the provider's help, its name unsaid
        elif p and r and not ctx.apart(p, r):
            if side(r) != "recipient" or not main_p or ctx.apart(main_p, r) is False:
                continue  # 北川县 "helping" its own 擂鼓镇, a company its own county: no paired assistance
            p = main_p
        if prop.site and side(r) != "recipient":
            continue  # 考察了雁栖镇的民宿: a site of the provider's own side, or of no known side
        if p is None or r is None or p == r:
            warning = f"sentence {prop.sentence + 1}: 「{prop.trigger}」 but no provider and recipient: " \
                      f"{ctx.sentences[prop.sentence].text[:60]}"
            if warning not in warnings:
                warnings.append(warning)
            continue
        inferred = not prop.both_sides and not {p, r} <= names[prop.sentence]
        key = (p, r, prop.sector, prop.sentence)
        if key not in seen:
            seen[key] = Assistance(p, r, prop.sector, prop.trigger, [prop.sentence], date=dates.get(prop.sentence),
                                   inferred=inferred)
            out.append(seen[key])
        elif not inferred:
            seen[key].inferred = False
    return _to_counterparts(ctx, out, pairing)


_PAIRED_UNITS = {"Hospital", "School", "Team"}  # bodies that are paired with one body of the other side
_UNIVERSITY = re.compile(r"(大学|学院)$")  # a university's designated aid is the county's, not a school's


def _to_counterparts(ctx: Context, records: list[Assistance], pairing: DocPairing) -> list[Assistance]:
    """A hospital, school or team whose help the text gives to the recipient only by inference (感谢甲医院的
    大力支援) helped its counterpart, when sentences name exactly one (甲医院对口帮扶晴隆县人民医院): a body of
    its own kind (a team's, any body)."""
    stated: dict[str, set[str]] = {}
    for a in records:
        giver, taker = ctx.entities[a.provider], ctx.entities[a.recipient]
        like = giver.kind == "Team" or taker.kind == giver.kind and not _UNIVERSITY.search(giver.label)
        if not a.inferred and pairing.side(a.recipient) == "recipient" and not taker.code and like:
            stated.setdefault(a.provider, set()).add(a.recipient)
    out: list[Assistance] = []
    seen = {(a.provider, a.recipient, a.sector, a.sentences[0]) for a in records}
    for a in records:
        partners = stated.get(a.provider, set())
        partner = next(iter(partners)) if len(partners) == 1 else None
        # (…选派骨干14名常驻临潭: the county where its partner hospital is, named as where they go)
        role = triggers().role.get(a.trigger)
        sent = role == "send" and a.recipient == ctx.division(partner) if partner else False
        thanks = role == "thanks"  # 彭水人民…感谢甲医院的大力支援: its partner
        if partner and ((a.inferred or thanks) and a.recipient == pairing.recipient or sent) \
                and ctx.entities[a.provider].kind in _PAIRED_UNITS and a.sector != "consumption":
            # (医院工会采购城步虫茶: what a hospital buys, it buys from the county's farmers, not its partner)
            if (a.provider, partner, a.sector, a.sentences[0]) in seen:
                continue
            a.recipient = partner
            seen.add((a.provider, partner, a.sector, a.sentences[0]))
        out.append(a)
    return out


def _place_of(ctx: Context, key: str) -> str | None:
    """The village a body's name places it in (花石乡大湾村茶叶加工厂: 大湾村), below its county (a town's park
    helps the county: 乌丹镇设施农业园)."""
    loc = ctx.entities[key].location
    return loc if loc in ctx.entities and ctx.entities[loc].kind == "Village" else None


def sold_by(ctx: Context, index: int, seller: str | None) -> bool:
    """Whether sentence ``index`` buys from ``seller`` by name (向某合作社订购, 从某公司采购): a company of the
    recipient's side that sells is the one a purchase helps, as is one that signs with a company
    (甲公司与乙公司签下订单)."""
    s = ctx.sentences[index]
    buy = tuple(triggers().words("purchase"))
    return any(k == seller and re.search(r"(?:向|从)$", s.norm[:m.start - s.start])
               and s.norm.startswith(buy, m.end - s.start) for m, k in ctx.mentions(index))


def addressed(ctx: Context, index: int, a: str | None, b: str | None) -> bool:
    """Whether sentence ``index`` has ``a`` act towards ``b`` or sign with it by name (甲向乙移交, 甲与乙签订), not
    host something with it (由甲与乙联合举办: the two organisers' divisions are the pair)."""
    norm, start = ctx.sentences[index].norm, ctx.sentences[index].start
    return any(y.key == b and _TOWARDS.fullmatch(gap) and not norm[:x.mention.start - start].endswith("由")
               for x, y, gap in ctx.next_to(index, a))


def together(ctx: Context, index: int, a: str | None, b: str | None) -> bool:
    """Whether sentence ``index`` names ``a`` and ``b`` as a pair of parties (甲与乙签订, 甲和乙结对): then a
    cooperative or association of the recipient's side is the counterpart itself, not where the help lands."""
    return any(y.key == b and gap in ("与", "和", "同") for _, y, gap in ctx.next_to(index, a))
