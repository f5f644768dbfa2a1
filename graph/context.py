"""What every relation reader of one document consults: its sentences, entities and where each one lies.

The readers (posts, the document's pairing, assistance, money) share one :class:`Context`, so that the
division of an entity, whether two parties are apart, and which parties a sentence names are computed by
one piece of code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

from .model import Entity, Mention, Sentence
from .places import all_divisions, register
from .resolved import Resolved
from .vocab import ORG_KINDS, PLACE_KINDS

_NEWSROOM = re.compile(r"(新华社|通讯社|日报|晚报|报社|电视台|融媒体中心|新闻网|新闻中心)$")
_GOVERNS = re.compile(r"(人民政府|政府|[省市州县区旗]委|党委|党工委|行政公署)$")
# (晋江、石狮的43家企业: the places of a list say whose companies, as 广东企业 does)
_ATTRIBUTE = re.compile(r"(?:[、和][\u4e00-\u9fff]{2,4}?)*(?:的(?:[0-9]+家)?(?:爱心|民营|龙头)?企业|企业|籍|群众|老乡|游客|消费者|市民|网友|学生|农户|村民|务工人员|客商|特产|产品)")
_FOR = re.compile(r"(?:为|给|帮助|帮|与|和|同|向|对接)$")  # (与正镶白旗企业签订: the banner's companies are helped)
_DONOR_BEFORE = re.compile(r"(?:爱心人士|爱心企业家|企业家|乡贤|侨胞|校友)(?:代表)?$")
_TRANSIT = re.compile(r"(?:中转|转机|转车|转乘|转道)")
_DATELINE_AFTER = re.compile(r"(?:[0-9]{1,2}月)?[0-9]{1,2}日?电|电[（(]|讯[（(]")  # 新华社哈尔滨6月18日电
_DATELINE_BEFORE = re.compile(r"(?:社|网|报|台|中心|记者)$")
DIVISIONS = {"Province", "Prefecture", "City", "County", "District"}
GIVERS = {"Company", "Association"}
UNITS = {"Company", "Association", "School", "Organization", "Hospital"}
LOCAL_TAKERS = {"Village", "Township", "Town", "Subdistrict", "School"}


#: what ends a clause within a sentence
CLAUSE = re.compile(r"[，,；;：:]")


def clause_end(text: str, at: int) -> int:
    """Where the clause running at offset ``at`` of ``text`` ends."""
    found = CLAUSE.search(text, at)
    return found.start() if found else len(text)

@dataclass
class Party:
    mention: Mention
    key: str
    entity: Entity


def eligible(e: Entity) -> bool:
    """Places and organisations can give or receive help; people act for their organisation."""
    return e.kind in PLACE_KINDS or e.kind in ORG_KINDS


def division_of(key: str, entities: dict[str, Entity], unsure: frozenset[str] | set[str] = frozenset()
                ) -> str | None:
    """The division an entity belongs to (itself, its parent, its location …): a registered one, or a
    county-level name the register holds more than once (和平区) and the article does not place.  ``None``
    when the way up passes a place in ``unsure``, whose parent the text does not state."""
    seen = set()
    while key and key not in seen:
        seen.add(key)
        e = entities.get(key)
        if e is None:
            return key if key.startswith("place:") and key[6:].isdigit() else None
        if key in unsure:
            return None
        if e.code or e.kind in DIVISIONS:
            return key
        key = e.location or e.parent or ""
    return None


def contains(outer: str, inner: str) -> bool:
    """Whether division key ``outer`` is ``inner`` or one of its ancestors (成都市 contains 青白江区)."""
    return outer == inner or any(f"place:{d.code}" == outer for d in register().chain(inner[6:]))


def local_help(a: Entity | None, b: Entity | None) -> bool:
    """A company or association helping a village or school of its own county (万企兴万村) is still help."""
    kinds = {a.kind if a else None, b.kind if b else None}
    return bool(kinds & GIVERS) and bool(kinds & LOCAL_TAKERS)


@dataclass
class Context:
    sentences: list[Sentence]
    resolved: Resolved
    person_org: dict[str, str] = field(default_factory=dict)  # a person acts for the organisation of their post
    post_here: dict[tuple[str, int], str] = field(default_factory=dict)  # …of the post the sentence gives
    # sentence → end → start of its place mentions, made once per sentence for :meth:`written_from`
    _place_ends: dict[int, dict[int, int]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def entities(self) -> dict[str, Entity]:
        return self.resolved.entities

    def sentence_text(self, index: int) -> str:
        return self.sentences[index].norm

    def mentions(self, index: int) -> list[tuple[Mention, str]]:
        return self.resolved.by_sentence.get(index, [])

    def parties(self, index: int) -> list[Party]:
        """The places and organisations sentence ``index`` names, in order; a person stands for their
        organisation; of a chain of places (江苏省常州市武进区) only the last is a party."""
        out = []
        mentions = self.mentions(index)
        text, start = self.sentence_text(index), self.sentences[index].start
        starts = {m.start: k for m, k in mentions if self.entities[k].kind in PLACE_KINDS}
        for m, key in mentions:
            e = self.entities[key]
            inner = starts.get(m.end)
            if e.kind in PLACE_KINDS and inner and self.within(inner, key):
                continue
            if e.kind in PLACE_KINDS and _ATTRIBUTE.match(text, m.end - start) \
                    and not _FOR.search(text, 0, m.start - start):
                continue  # 广东企业, 安定籍务工人员: the place says whose, it does not act (为纳雍县群众搭建: helped)
            if e.kind in PLACE_KINDS and _TRANSIT.match(self.sentence_text(index), m.end - self.sentences[index].start) \
                    and re.search(r"(?:经|经由|途经|取道)$", self.sentence_text(index)[:m.start - self.sentences[index].start]):
                continue  # 经乌鲁木齐中转: a place passed through on the way, not one helped
            if e.kind in PLACE_KINDS and _DATELINE_AFTER.match(text, m.end - start) \
                    and _DATELINE_BEFORE.search(text, 0, m.start - start):
                continue  # 新华社哈尔滨6月18日电: where the report was filed, not a party
            if e.kind == "Person" and key in self.person_org:
                key = self.post_here.get((key, index), self.person_org[key])
                e = self.entities[key]
            elif e.kind == "Person" and (_DONOR_BEFORE.search(text, 0, m.start - start)
                                         or text.startswith("个人", m.end - start)):
                out.append(Party(m, key, e))  # 爱心人士刘建华, 刘建华个人捐款: a donor in their own name
                continue
            if eligible(e) and not _NEWSROOM.search(e.label):  # 新华社拉萨电（记者…）走进…: the reporter's outlet
                key = self.acting_for(key)
                out.append(Party(m, key, self.entities[key]))
        return out

    def acting_for(self, key: str) -> str:
        """A government or party committee (海淀区人民政府, 新吴区委) acts for its division: the pairing is
        the district's and the county's, not a second one between their governments."""
        e = self.entities[key]
        if e.kind == "GovernmentBody" and _GOVERNS.search(e.label) and e.location in self.entities \
                and self.entities[e.location].kind in PLACE_KINDS:
            return e.location  # 门楼镇党委 acts for 门楼镇
        return key

    def written_from(self, index: int, at: int, floor: int = -1) -> int:
        """Where a name at document offset ``at`` of sentence ``index`` is written from, with the places the
        text names right before it as part of it (因远镇安定村, 光照镇东风村: from the town), not before
        ``floor``."""
        ends = self._place_ends.get(index)
        if ends is None:
            ends = self._place_ends[index] = {m.end: m.start for m, k in self.mentions(index)
                                              if self.entities[k].kind in PLACE_KINDS}
        while at in ends and floor <= ends[at] < at:
            at = ends[at]
        return at

    def next_to(self, index: int, key: str | None) -> Iterator[tuple[Party, Party, str]]:
        """(the party, the one named right after it, the text between) for each mention of ``key`` among the
        parties of sentence ``index``."""
        s = self.sentences[index]
        parties = self.parties(index)
        for x, y in zip(parties, parties[1:]):
            if x.key == key:
                yield x, y, self.gap(s, x, y)

    def gap(self, s: Sentence, a: Party, b: Party) -> str:
        """The text between two parties, less the places written before ``b`` as part of its name
        (华士镇与灌云县杨集镇, 新义村与因远镇安定村: the gap is 与)."""
        begin = self.written_from(s.index, b.mention.start, a.mention.end)
        gap = s.norm[a.mention.end - s.start:begin - s.start]
        parent = self.entities[b.key].parent if begin == b.mention.start else None
        while parent in self.entities:  # 与郭嘉镇寺咀村 read as one name: its town is no mention of its own
            names = sorted({self.entities[parent].label, *self.entities[parent].aliases}, key=len, reverse=True)
            written = next((n for n in names if len(n) > 1 and gap.endswith(n)), None)
            if written is None:
                break
            gap = gap[:-len(written)]
            parent = self.entities[parent].parent
        for cut in range(len(gap)):
            if all_divisions(gap[cut:]):
                return gap[:cut]
        return gap

    def division(self, key: str | None) -> str | None:
        """The entity's division, unless it rests on a parent the text does not state (a town named with no
        county: which side it is on is not known)."""
        return division_of(key, self.entities, self.resolved.guessed) if key else None

    def within(self, inner: str, outer: str) -> bool:
        """Whether place ``inner`` lies in place ``outer`` (by parents, then by the register)."""
        seen = set()
        key: str | None = inner
        while key and key not in seen:
            if key == outer:
                return True
            seen.add(key)
            e = self.entities.get(key)
            key = e.parent if e else None
        a, b = self.division(inner), self.division(outer)
        return bool(a and b and contains(b, a))

    def apart(self, key: str, other: str | None) -> bool:
        """Two parties of different divisions: a district does not "assist" its own hospital."""
        if other is None:
            return True
        if key == other:
            return False
        a, b = self.division(key), self.division(other)
        if a is None or b is None or local_help(self.entities.get(key), self.entities.get(other)):
            return True
        if a != b and self.unit_above(key, b):
            return True  # 省工商联 helping 古丈县 of its own province: designated aid
        if a != b and self.unit_above(other, a):
            return True
        return not (contains(a, b) or contains(b, a))

    def unit_above(self, key: str, division: str) -> bool:
        """Whether ``key`` is an organisation (not a government) of a division strictly containing ``division``:
        a provincial federation, a university, a company or a department (陕西省水利厅) giving to a county of its own
        province."""
        e = self.entities.get(key)
        d = self.division(key)
        return bool(e and (e.kind in UNITS or e.kind == "GovernmentBody") and d and d != division and contains(d, division)
                    and not _GOVERNS.search(e.label))

    def text_at(self, pos: int) -> str:
        s = next(x for x in self.sentences if x.start <= pos <= x.end)
        return s.norm[pos - s.start:]


def named_keys(ctx: Context, index: int) -> set[str]:
    """What sentence ``index`` names (by a name or an alias, or as the body a named person or committee acts
    for), not only as 该县 / 我院: a record with both sides named is stated, else inferred.  到彭水郁山镇 names
    彭水 too, though only 郁山镇 is a party; 县人民医院 does not name its county."""
    s = ctx.sentences[index]
    return {q.key for q in ctx.parties(index) if q.mention.source != "coref"} | {
        k for m, k in ctx.mentions(index) if m.source != "coref"} | {
        k for k, e in ctx.entities.items() if any(m.sentence == index and m.source == "prefix"
                                                  and s.norm.startswith(m.text, m.start - s.start) for m in e.mentions)}
