"""Where help lands when no trigger word's reading names it: money earmarked for a body, the lines of a project
list, the school or hospital people are placed in, the sites a delegation inspects.

Each reading is a landing: (the word read, the giver the sentence names or ``None`` for the article's, the body
helped, the sector, whether it counts only on the recipient's side).  ``assistance.SentenceReader`` turns them
into proposals, settled against the article's pairing like every other.
"""
from __future__ import annotations

import re
from typing import Callable

from .context import CLAUSE, Context, Party, clause_end
from .lists import members
from .model import Entity, Sentence
from .sectors import sector_for, sectors_in
from .vocab import PLACE_KINDS

Landing = tuple[str, "str | None", str, str, bool]
NameStart = Callable[[Sentence, Party], int]  # where a party's name begins, the places written before it included

_LOCAL_PLACES = {"Town", "Township", "Village", "Subdistrict"}
_EARMARK = re.compile(r"[0-9.]+(?:万|亿)?元(?:资金)?(?:专项)?(?:用于|投向|支持)")
_EARMARKED = PLACE_KINDS - {"Province", "City", "Prefecture"} | {"School", "Hospital"}
_AID_MONEY = re.compile(r"(?:援疆|援藏|援青|援助|帮扶|协作|对口支援|衔接|财政)资金[0-9.]+(?:万|亿)?元|安排资金[0-9.]+(?:万|亿)?元")
_ITEM = re.compile(r"(?:[①②③④⑤⑥⑦⑧⑨⑩]|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[.、．]|[一二三四五六七八九十]+、)?")
_INSPECT = re.compile(r"(实地考察|实地察看|察看|观摩|考察)了?")
_SITES = _LOCAL_PLACES | {"School", "Hospital"}
_LINE_HEADS = _EARMARKED - {"County", "District"}
_PLACED = re.compile(r"任教|坐诊|带教|支教|执教|授课|挂职|行医|担任|开展")
_PEOPLE = re.compile(r"专家|医生|医护|教师|老师|队员|骨干")
_PLACING = {"Team", "Hospital", "School", "Company", "GovernmentBody", "Organization"}


def landings(ctx: Context, s: Sentence, parties: list[Party], name_start: NameStart,
             giver: str | None) -> list[Landing]:
    """The landings of sentence ``s``; ``giver`` is the provider its trigger words named last, if any."""
    out: list[Landing] = []
    _earmarks(ctx, s, parties, name_start, giver, out)
    _placements(s, parties, name_start, giver, out)
    _project_lines(ctx, s, parties, name_start, out)
    _visited_sites(ctx, s, parties, out)
    return out


def _works_place(ctx: Context, e: Entity, kinds: set[str]) -> str | None:
    """The place of ``kinds`` a works is in, as its name says (奥依塔克镇冰川旅游服务中心: 奥依塔克镇)."""
    loc = e.location
    return loc if loc in ctx.entities and ctx.entities[loc].kind in kinds else None


def _unit_sector(kind: str, text: str) -> str:
    """The sector ``text`` names, else a hospital's or a school's own, else ``general``."""
    return next(iter(sectors_in(text)), None) or {"Hospital": "health", "School": "education"}.get(kind, "general")


def _visited_sites(ctx: Context, s: Sentence, parties: list[Party], out: list[Landing]) -> None:
    """观摩组先后来到卡嘎镇青稞良种繁育基地、…和谢通门县龙谢中学; 实地考察了曾家镇的茶叶产业园: the towns,
    villages, schools and hospitals whose works a delegation inspects are the help's, the sites its projects
    (from the article's giver; only sites of the recipient's side)."""
    visit = _INSPECT.search(s.norm)
    if visit is None:
        return
    for q in parties:
        if q.mention.start - s.start < visit.end():
            continue
        key = q.key if q.entity.kind in _SITES else _works_place(ctx, q.entity, _LOCAL_PLACES)
        if key is not None:
            out.append((visit.group(1), None, key, _unit_sector(q.entity.kind, q.entity.label), True))


def _project_lines(ctx: Context, s: Sentence, parties: list[Party], name_start: NameStart,
                   out: list[Landing]) -> None:
    """（一）太平溪镇柑橘产业提升项目，安排援助资金1800万元；②皮拉勒乡设施农业大棚…，援疆资金1860万元: a
    line of a project list that opens with the town, school or hospital and gives it aid money helps that
    one, from the giver the article names (the line names none)."""
    at = 0
    for segment in re.split(r"(?<=[；;])", s.norm):
        lo, hi = at, at + len(segment)
        at = hi
        if not _AID_MONEY.search(segment):
            continue
        start = lo + _ITEM.match(segment).end()
        first = next((q for q in parties if name_start(s, q) - s.start == start), None)
        group = members(first, parties, s.norm, s.start) if first else []
        if first is None or first.mention.text != first.entity.label[-len(first.mention.text):] or any(
                q not in group and lo <= q.mention.start - s.start < hi for q in parties):
            continue  # (该基地由日照市对口援建，…其中山东援青资金2800万元: a giver named, a body referred to)
        # (a county opening a line is the whole pairing's; 奥依塔克镇冰川旅游服务中心: the works' town)
        key = first.key if first.entity.kind in _LINE_HEADS else _works_place(ctx, first.entity, _LOCAL_PLACES)
        if key is None:
            continue
        kind = ctx.entities[key].kind
        sector = _unit_sector(kind, segment)
        for q in group:  # 长赤镇、沙河镇产业路建设项目2个: each of the line's places
            here = key if q is first else q.key
            if ctx.entities[here].kind == kind:
                out.append(("项目", None, here, sector, False))


def _placements(s: Sentence, parties: list[Party], name_start: NameStart, giver: str | None,
                out: list[Landing]) -> None:
    """选派的28名教师在某中学任教，15名医生在某医院坐诊: the school or hospital people are placed in is
    helped, by the team or body the clause names them of, else the sentence's giver, else the article's."""
    text = s.norm
    for m in _PLACED.finditer(text):
        unit = next((q for q in parties if q.mention.end - s.start == m.start()
                     and q.entity.kind in ("School", "Hospital")), None)
        if unit is None:
            continue
        clause = max([c.end() for c in CLAUSE.finditer(text, 0, m.start())], default=0)
        if m.group(0) == "开展" and not _PEOPLE.search(text, clause, unit.mention.start - s.start):
            continue  # 专家34人在某医院开展“传帮带” (not 某医院开展义诊: the hospital's own act)
        group = [q for q in members(unit, parties, text, s.start) if q.entity.kind in ("School", "Hospital")]
        if not re.search(r"在$|分别在$", text[:name_start(s, group[0]) - s.start]):
            continue
        # (某医院主任医师陈某在某县医院挂职: the body the placed person is of)
        body = next((q.key for q in parties if clause <= q.mention.start - s.start < m.start()
                     and q.entity.kind in _PLACING and q not in group
                     and (m.group(0) != "开展" or q.entity.kind in ("Team", unit.entity.kind))), None)
        if m.group(0) == "开展" and body is None:
            continue  # (某协会…在某医院开展: only a team or a like body sends its people to work there)
        for q in group:
            out.append((m.group(0), body or giver, q.key, _unit_sector(q.entity.kind, ""), False))


def _earmarks(ctx: Context, s: Sentence, parties: list[Party], name_start: NameStart, giver: str | None,
              out: list[Landing]) -> None:
    """拨付协作资金3860万元，其中1500万元用于城关镇…、600万元用于永兴镇…: money earmarked for a named town,
    school or hospital helps that one, from the giver the sentence names (else the article's)."""
    for m in _EARMARK.finditer(s.norm):
        at = s.start + m.end()
        target = next((q for q in parties if name_start(s, q) == at and q.key != giver), None)
        if target is None:
            continue
        key: str | None = target.key
        if target.entity.kind not in _EARMARKED:
            # 用于城关镇苹果冷链仓储中心建设: the place a works is named after is what the money helps
            key = _works_place(ctx, target.entity, _EARMARKED)
            if key is not None and not target.entity.label.startswith(ctx.entities[key].label):
                key = None
        if key is None:
            continue
        clause = s.norm[m.end():clause_end(s.norm, m.end())]
        sector = sector_for(clause, s, ctx.sentences, "用于", "fund", ctx.entities.get(giver or ""),
                            target.entity)[0]
        out.append(("用于", giver, key, sector, False))
