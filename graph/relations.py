"""Relations read from the sentence around the entities: assistance, posts, products, organisers.

Assistance is found from trigger words of the genre (对口帮扶, 托管, 签订帮扶协议, 捐赠…送到, 共同出资
建设, 结对, 选派, 采购, 培训 …).  For each trigger the provider is the clause's subject (or the party
after 由, or the first of "A和B签订"), the recipient the first party after the trigger (or the one
before 由 that receives a donation; or, for 赴/来到…培训, the visitors).  A side the sentence leaves
unsaid is taken from the sentence's earlier trigger and then from the article's main pair — the
genre's habit of dropping the subject ("每年派出20余名优秀教师") — and a trigger with no pair at all
becomes a warning.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .entities import Resolved
from .model import Assistance, Entity, Mention, Post, Quantity, Relation, Sentence
from .places import register
from .titles import TITLE as _TITLE, is_head
from .vocab import ORG_KINDS, PLACE_KINDS

_SECTOR_WORDS: list[tuple[str, re.Pattern[str]]] = [
    ("donation", re.compile(r"捐|募集|募捐|爱心款|善款")),
    ("consumption", re.compile(r"消费|采购|购买|收购|保底销售|销售协议|帮助销售|代销|订单|展销|认购|直供|带货")),
    ("health", re.compile(r"医疗|医院|卫生|医生|医护|义诊|健康|诊疗|医联体|就医|病|院对院|护理|保健")),
    ("education", re.compile(r"教育|学校|教师|教学|支教|学生|校长|教研|课堂|校对校|小学|中学|幼儿园|送教|名师")),
    ("employment", re.compile(r"就业|招聘|岗位|务工|劳务|用工|求职|转移就业|职业技能")),
    ("talent", re.compile(r"干部|人才|挂职|跟岗|顶岗|传帮带|智力|锻炼")),
    ("infrastructure", re.compile(r"基础设施|道路|公路|水利|饮水|供水|住房|安置房|电网|电力|供电|线路|桥梁|修建|硬化|改造|安居|管网")),
    ("governance", re.compile(r"党建|治理|两委|基层组织|联席会议|结对共建|基层党")),
    ("industry", re.compile(r"产业|种植|养殖|企业|基地|招商|加工|药材|茶|农业|特色|合作社|品牌|园区|投资")),
]
_TRIGGER = re.compile(
    r"对口帮扶|对口支援|对口协作|结对帮扶|东西部协作|帮扶|支援|援助|援建|援藏|援疆|扶持|支持|帮助|助力|托管|"
    r"结对|协作|捐赠|捐资|捐款|捐建|捐助|资助|募捐|募集|选派|派出|派驻|下派|投资|出资|采购|购买|"
    r"签订|签署|签下|签约|结成|培训|指导|送教|义诊|走进|来到|赴|前往|到|送到|送达|运往|送往"
)
# a party right after these is where or with whom something happens, not who does it
_NOT_SUBJECT = re.compile(r"(到|在|赴|来到|走进|前往|于|向|给|为|对|与|和|同|及|帮助|支持|对接|联系)$")
_BENEFICIARY = re.compile(r"(为|给|向|帮助|帮|替|对)$")
_DELIVERY = {"送到", "送达", "运往", "送往"}
_GIFT = re.compile(r"爱心|物资|捐|善款|慰问")
_PAIRING = {"东西部协作", "对口协作", "对口合作", "协作", "结对", "结对帮扶", "对口帮扶", "对口支援"}
_VISIT = {"走进", "来到", "赴", "前往", "到"}
_ACTIVITY = re.compile(r"培训|指导|送教|义诊|交流|帮扶|支教|捐赠|讲座|帮助|锻炼|学习|跟岗|顶岗|挂职|考察|调研")
_LEARNING = re.compile(r"培训|跟岗|顶岗|挂职|锻炼|学习|进修|研修")
_AGREEMENT = re.compile(r"签订|签署|签下|签约|结对|结成")
_DONATION = re.compile(r"捐赠|捐资|捐款|捐建|捐助|资助|募集|募捐")
_TO = re.compile(r"送到|送往|运往|送给|交给|赠给|捐给|发放给|送达|给")
_CLAUSE = re.compile(r"[，,；;：:]")
_CONTINUE = re.compile(r"(实施|开展|推进|投入|援建|新建|修建|完成|落实|建成|建设)")

# what may stand between an organisation and a title: a department (心血管内科, 发展策划部), maybe after 的
_DEPARTMENT = re.compile(r"的?[\u4e00-\u9fff]{1,8}?(科|部|处|室|办|所|系|组|中心|车间|分公司)")
_TAKES_POST = re.compile(r"(挂任|挂职|担任|兼任|出任|现任|原任|原为|任|是|系)$")
_BARE_KINDS = {"公司": {"Company"}, "车间": {"Organization", "Company"}, "基地": {"Base"}, "医院": {"Hospital"},
               "学校": {"School"}, "工作队": {"Team"}, "工作组": {"Team"}, "协会": {"Association"},
               "商会": {"Association"}, "合作社": {"Company"}, "园区": {"Park"}, "该校": {"School"},
               "该院": {"Hospital"}, "该公司": {"Company"}}
_BARE_HEAD = re.compile("(" + "|".join(sorted(_BARE_KINDS, key=len, reverse=True)) + ")$")
_ORGANISE = re.compile(r"主办|承办|协办")
_CERT = re.compile(r"(?:获得|获评|获颁|荣获|取得)了?([\u4e00-\u9fff]{2,14}?(?:证书|认证|称号|商标|标志))")
_LOCATED = re.compile(r"(?:位于|落户|坐落于|坐落在|地处|落户在|落户于)")


@dataclass
class _Party:
    mention: Mention
    key: str
    entity: Entity


def _eligible(e: Entity) -> bool:
    return e.kind in PLACE_KINDS or e.kind in ORG_KINDS


def division_of(key: str, entities: dict[str, Entity]) -> str | None:
    """The division an entity belongs to (itself, its parent, its location …): a registered one, or a
    county-level name the register holds more than once (和平区) and the article does not place."""
    seen = set()
    while key and key not in seen:
        seen.add(key)
        e = entities.get(key)
        if e is None:
            return key if key.startswith("place:") and key[6:].isdigit() else None
        if e.code or e.kind in _DIVISIONS:
            return key
        key = e.location or e.parent or ""
    return None


_DIVISIONS = {"Province", "Prefecture", "City", "County", "District"}
_GIVERS = {"Company", "Association"}
_LOCAL_TAKERS = {"Village", "Township", "Town", "Subdistrict", "School"}


def _local_help(a: Entity | None, b: Entity | None) -> bool:
    """A company or association helping a village or school of its own county (万企兴万村) is still help."""
    kinds = {a.kind if a else None, b.kind if b else None}
    return bool(kinds & _GIVERS) and bool(kinds & _LOCAL_TAKERS)


def _contains(outer: str, inner: str) -> bool:
    """Whether division key ``outer`` is ``inner`` or one of its ancestors (成都市 contains 青白江区)."""
    return outer == inner or any(f"place:{d.code}" == outer for d in register().chain(inner[6:]))


def _sectors(text: str) -> list[str]:
    return [name for name, rx in _SECTOR_WORDS if rx.search(text)]


class _Reader:
    """Reads one document's relations; holds the per-document state the rules share."""

    def __init__(self, sentences: list[Sentence], resolved: Resolved) -> None:
        self.sentences = sentences
        self.r = resolved
        self.entities = resolved.entities
        self.assistance: list[Assistance] = []
        self.posts: list[Post] = []
        self.relations: list[Relation] = []
        self.warnings: list[str] = []
        self.pending: list[tuple[int, str, int, str | None, str | None, str]] = []
        self.person_org: dict[str, str] = {}
        self.symmetric: set[tuple[str, str]] = set()
        self.gift_recipient: str | None = None  # the school a list of donors gives to
        self.extra_pairs: list[tuple[int, str, str, str]] = []  # the rest of a 分别与 list

    # ---------------------------------------------------------------- helpers
    def parties(self, index: int) -> list[_Party]:
        out = []
        mentions = self.r.by_sentence.get(index, [])
        starts = {m.start: k for m, k in mentions if self.entities[k].kind in PLACE_KINDS}
        for m, key in mentions:
            e = self.entities[key]
            inner = starts.get(m.end)
            if e.kind in PLACE_KINDS and inner and self.within(inner, key):
                continue  # 江苏省常州市武进区: the last place of a chain is the party (厦门临夏 are two)
            if _eligible(e):
                out.append(_Party(m, key, e))
            elif e.kind == "Person" and key in self.person_org:
                org = self.person_org[key]
                out.append(_Party(m, org, self.entities[org]))
        return out

    def heading_sectors(self, index: int) -> list[str]:
        """Sector of the nearest section heading above (产业帮扶 / 民生帮扶 / 智力帮扶)."""
        for s in reversed(self.sentences[:index]):
            if len(s.norm) <= 16 and not re.search(r"[。，,！？]", s.norm):
                found = _sectors(s.norm)
                if found:
                    return found[:1]
                if "智力" in s.norm:
                    return ["talent"]
        return []

    def sector_for(self, clause: str, sentence: Sentence, trigger: str, p: Entity | None,
                   r: Entity | None) -> list[str]:
        if _DONATION.search(trigger) or trigger in _DELIVERY:
            return ["donation"]
        if trigger in ("采购", "购买"):
            return ["consumption"]
        found = _sectors(clause)
        if found:
            return found[:4]
        if trigger in _PAIRING:
            return ["general"]  # 甲区对口帮扶乙县以来: a stated pairing, no field named
        kinds = {e.kind for e in (p, r) if e is not None}
        if "Hospital" in kinds:
            return ["health"]
        if "School" in kinds:
            return ["education"]
        found = _sectors(sentence.norm)
        if found:
            return found[:1]
        return self.heading_sectors(sentence.index) or ["general"]

    # ---------------------------------------------------------------- posts
    def read_posts(self, s: Sentence) -> None:
        """Posts from a title and the names around it.

        Forms of the genre: ORG[科室]TITLE PERSON (浙江省人民医院心血管内科主任周立群), PERSON，ORG TITLE,
        作为ORG TITLE，PERSON, PERSON挂任/担任/原为 ORG TITLE, 现任ORG TITLE的PERSON, TITLE、ORG2 TITLE2 PERSON
        (one person, two posts), 记者 甲 乙 (bylines), and 公司/车间 TITLE for the one just named.
        """
        mentions = self.r.by_sentence.get(s.index, [])
        people = [(m, k) for m, k in mentions if self.entities[k].kind == "Person"]
        person_keys = {k for _, k in people}
        found: list[tuple[re.Match, list[str], str | None]] = []
        for t in _TITLE.finditer(s.norm):
            a, b = s.start + t.start(), s.start + t.end()
            if any(m.start < a < m.end or m.start < b < m.end for m, _ in mentions):
                continue  # a title inside a name
            org = self.title_org(s, mentions, a)
            after = s.norm[t.end():]
            names = [k for m, k in people if 0 <= m.start - b <= 1]
            if names and t.group(0) in ("记者", "通讯员"):  # 记者 吴斌 王敏
                last = max(m.end for m, k in people if k == names[0])
                for m, k in people:
                    if m.start > last and s.norm[last - s.start:m.start - s.start] in (" ", "、", "\u3000"):
                        names.append(k)
                        last = m.end
            if not names and after.startswith("的"):  # 现任秭归县人民政府副县长的王振东
                names = [k for m, k in people if m.start - b == 1]
            if not names:
                adjacent = [k for m, k in people if 0 <= a - m.end <= 1]
                names = adjacent[-1:]
            if not names:
                prev = [(m, k) for m, k in mentions if m.end <= a]
                # "PERSON，ORG董事长"
                if org is not None and len(prev) >= 2 and prev[-2][1] in person_keys \
                        and prev[-1][1] == org and 0 < prev[-1][0].start - prev[-2][0].end <= 1:
                    names = [prev[-2][1]]
            if not names:  # 张建华…挂任石阡县人民政府副县长: a verb of office before the organisation
                named = max((m for m, k in mentions if k == org and m.end <= a), key=lambda m: m.end, default=None)
                verb_end = named.start if named else a
                if _TAKES_POST.search(s.norm[:verb_end - s.start]):
                    names = [k for m, k in people if m.end <= verb_end][-1:]
            found.append((t, names, org))
        for i, (t, names, org) in enumerate(found):
            if not names and s.norm[t.end():t.end() + 1] == "、":  # 工作队领队、石阡县委常委陈志刚
                names = next((n for _, n, _ in found[i + 1:] if n), [])
            for person in names:
                self.add_post(person, t.group(0), org, s.index)
        # "作为ORG董事长，PERSON": the title and the person are separated by a comma
        for m in re.finditer(r"作为([^，,。]{2,40}?)(" + _TITLE.pattern + r")[，,]", s.norm):
            b = s.start + m.end()
            person = next((k for mm, k in people if mm.start == b), None)
            if person:
                self.add_post(person, m.group(2), self.title_org(s, mentions, s.start + m.start(2)), s.index)

    def title_org(self, s: Sentence, mentions: list[tuple[Mention, str]], at: int) -> str | None:
        """The organisation a title at ``at`` belongs to: named just before it, perhaps with a department
        between (…医院心血管内科主任), or a bare 公司/车间 meaning the last one named."""
        for m, k in reversed(mentions):
            if m.end > at or self.entities[k].kind == "Person":
                continue
            gap = s.norm[m.end - s.start: at - s.start]
            if gap == "" or _DEPARTMENT.fullmatch(gap):
                e = self.entities[k]
                return k if e.kind in ORG_KINDS or e.kind in PLACE_KINDS else None
            break
        bare = _BARE_HEAD.search(s.norm[:at - s.start])
        if bare:
            kinds = _BARE_KINDS[bare.group(1)]
            earlier = [(m.start, k) for ms in self.r.by_sentence.values() for m, k in ms
                       if m.end <= at - len(bare.group(1)) and self.entities[k].kind in kinds]
            if earlier:
                return max(earlier)[1]
        return None

    def add_post(self, person: str, role: str, org: str | None, index: int) -> None:
        if any(p.person == person and p.role == role and p.organization == org for p in self.posts):
            return
        self.posts.append(Post(person, role, org, is_head(role) and org is not None, index))
        if org is not None:
            self.person_org.setdefault(person, org)

    # ---------------------------------------------------------------- assistance
    def read_assistance(self, s: Sentence) -> None:
        parties = self.parties(s.index)
        text = s.norm
        prev_p: str | None = None
        prev_r: str | None = None
        used_until = -1
        last_end = 0
        for t in _TRIGGER.finditer(text):
            trig = t.group(0)
            pos = s.start + t.start()
            if t.start() < used_until or any(m.start <= pos < m.end for m, _ in self.r.by_sentence.get(s.index, [])):
                continue  # 援藏 inside 第六批援藏干部医疗专家队 is part of a name
            clause_start = max([m.end() for m in _CLAUSE.finditer(text, 0, t.start())], default=0)
            clause_end_m = _CLAUSE.search(text, t.end())
            clause_end = clause_end_m.start() if clause_end_m else len(text)
            clause = text[clause_start:clause_end]
            if trig in _VISIT and not _ACTIVITY.search(text[t.end():]):
                continue
            if trig in ("到", "结成") and not self.party_at(parties, s.start + t.end(), trig):
                continue  # 到 only as "到<place>", 结成 only as "结成…对子/关系"
            if trig in _DELIVERY and not _GIFT.search(text):
                continue
            if trig in ("签订", "签署", "签下", "签约") and not re.search(r"协议|合同|协作|帮扶|合作|订单", text[t.end():t.end() + 20]):
                continue
            if trig in ("支持", "帮助", "助力", "指导", "培训") and not parties:
                continue
            between = [q for q in parties if last_end + s.start <= q.mention.start < t.end() + s.start]
            if prev_p and prev_r and not between and trig not in _VISIT:
                # 签订了帮扶协议，在下一步的帮扶中: the same two parties, unless a new one follows
                p = prev_p
                clause_after = [q for q in parties if t.end() + s.start <= q.mention.start < s.start + clause_end]
                r = next((q.key for q in clause_after if self.apart(q.key, p)), prev_r)
            else:
                p, r = self.pair(s, parties, trig, pos, t.end() + s.start, last_end + s.start)
            if p is None and r is None and trig in ("支持", "帮助", "助力", "指导", "培训", "投资", "购买", "出资"):
                continue
            p = p or prev_p
            r = r or prev_r
            if p is not None and r is not None and p == r:
                r = None
            pe = self.entities.get(p) if p else None
            re_ = self.entities.get(r) if r else None
            sectors = self.sector_for(clause, s, trig, pe, re_)
            for sector in sectors:
                self.pending.append((s.index, trig, pos, p, r, sector))
            for index, trig_, x, y in self.extra_pairs:
                for sector in sectors:
                    self.pending.append((index, trig_, pos, x, y, sector))
            self.extra_pairs.clear()
            prev_p, prev_r = p or prev_p, r or prev_r
            used_until = last_end = t.end()
        if prev_p or prev_r:
            self.continuation(s, last_end, prev_p, prev_r)

    def continuation(self, s: Sentence, after: int, p: str | None, r: str | None) -> None:
        """实施特色产业、基础设施、教育医疗等方面项目: clauses that go on about the same help."""
        for clause in _CLAUSE.split(s.norm[after:])[1:]:
            if _CONTINUE.match(clause):
                for sector in _sectors(clause)[:4]:
                    self.pending.append((s.index, _CONTINUE.match(clause).group(0), s.start + after, p, r, sector))

    def pair(self, s: Sentence, parties: list[_Party], trig: str, start: int, end: int,
             since: int) -> tuple[str | None, str | None]:
        """Provider and recipient for the trigger at ``start``–``end``; ``since`` ends the previous one."""
        before = [q for q in parties if q.mention.end <= start]
        after = [q for q in parties if q.mention.start >= end]
        text = s.norm
        # 九亭镇、泗泾镇分别与新街镇、牛角寨镇结成帮扶对子: pairs in order
        both = text.rfind("分别", 0, start - s.start)
        if both >= 0 and _AGREEMENT.search(trig):
            givers = [q for q in before if q.mention.end - s.start <= both and q.mention.start - s.start >= since - s.start]
            takers = [q for q in before if q.mention.start - s.start > both]
            if len(givers) >= 2 and len(givers) == len(takers):
                for x, y in zip(givers[1:], takers[1:]):
                    self.extra_pairs.append((s.index, trig, x.key, y.key))
                return givers[0].key, takers[0].key
        # A和B签订帮扶协议 / A与B结对: the first party helps the second
        if _AGREEMENT.search(trig):
            for x, y in zip(before, before[1:]):
                gap = text[x.mention.end - s.start: y.mention.start - s.start]
                if gap in ("和", "与", "同", "跟") and y.mention.end <= start:
                    return x.key, y.key
        # 来自A的物资送到B: A provides
        origin = text.rfind("来自", 0, start - s.start)
        if origin >= 0:
            givers = [q for q in before if q.mention.start - s.start >= origin + 2]
            if givers:
                rec = next((q.key for q in after if self.apart(q.key, givers[-1].key)), None)
                return givers[-1].key, rec
        # 由A(和B)捐赠/共同出资/主办: A provides
        by = text.rfind("由", 0, start - s.start)
        if by >= 0:
            givers = [q for q in before if q.mention.start - s.start > by]
            if givers:
                receivers = [q for q in after if _TO.search(text[:q.mention.start - s.start][-8:])] or \
                    [q for q in before if q.mention.end - s.start <= by]
                rec = receivers[-1].key if receivers else None
                locals_ = [q for q in givers if rec and division_of(q.key, self.entities) == division_of(rec, self.entities)]
                outside = [q for q in givers if q not in locals_]
                giver = outside[0] if outside else givers[0]
                if rec is None and len(givers) > 1:
                    return giver.key, None
                return giver.key, rec
        # 组织九龙县干部赴青白江区培训: the host helps the visitors
        if trig in _VISIT and _LEARNING.search(text[end - s.start:]):
            host = after[0].key if after else None
            guests = [q for q in before if q.key != host]
            return host, guests[-1].key if guests else None
        # 青白江区的对口帮扶: a party owning the help
        if before and text[before[-1].mention.end - s.start: start - s.start] in ("的", "开展的", "组织的"):
            owner = before[-1].key
            rec = next((q.key for q in after if self.apart(q.key, owner)), None)
            return owner, rec
        # 湖州市中心医院与柯坪县人民医院开展“组团式”帮扶: a pair; which way is settled by the article
        recent = [q for q in before if q.mention.start >= since]
        if len(recent) >= 2:
            x, y = recent[-2], recent[-1]
            gap = text[x.mention.end - s.start: y.mention.start - s.start]
            pairing = trig in _PAIRING and gap in ("", "、") and y.mention.end - s.start >= start - s.start - 2
            if (gap in ("与", "和", "同") or pairing) and self.apart(x.key, y.key):  # 厦门临夏东西部协作
                self.symmetric.add((x.key, y.key))
                return x.key, y.key
        subjects = [q for q in recent if not _NOT_SUBJECT.search(text[:q.mention.start - s.start])]
        clause = max([m.end() for m in _CLAUSE.finditer(text, 0, start - s.start)], default=0) + s.start
        in_clause = [q for q in subjects if q.mention.start >= clause]
        # 甲公司结对周田村，乙公司结对圳下村: each clause has its own subject
        subject = in_clause[0].key if in_clause else subjects[0].key if subjects else before[0].key if before else None
        if _DONATION.search(trig) or trig in _DELIVERY:
            # donors in a list are no recipients: 甲公司捐赠5万元；乙商会捐赠书包
            takers = [q for q in after if self.apart(q.key, subject)
                      and not _DONATION.match(text[q.mention.end - s.start: q.mention.end - s.start + 4])]
            to = [q for q in takers if _TO.search(text[max(0, q.mention.start - s.start - 4):q.mention.start - s.start])]
            given = [q for q in before if q.key != subject and self.apart(q.key, subject)
                     and _BENEFICIARY.search(text[:q.mention.start - s.start])]  # 向东沟村小学捐赠
            rec = (to or given or takers)
            if rec:
                self.gift_recipient = rec[0].key
                return subject, rec[0].key
            return subject, self.gift_recipient if self.apart(self.gift_recipient or "", subject) else None
        rec = next((q.key for q in after if self.apart(q.key, subject)), None)
        # 推动北京友谊医院、北京安贞医院等8家医院支援…: each body of the list helps too
        listed = [q for q in before if subject and q.key != subject and q.mention.start - s.start > 0
                  and self._enumerated(q, before, text, s.start) and q.mention.start >= clause]
        if rec is None:  # 仓山区还为原州区举办了培训班: the beneficiary stands before the verb
            rec = next((q.key for q in before if q.key != subject and self.apart(q.key, subject)
                        and _BENEFICIARY.search(text[:q.mention.start - s.start])
                        and q.mention.start - s.start >= since - s.start), None)
        if rec is not None:
            for q in listed:
                if self.apart(q.key, rec):
                    self.extra_pairs.append((s.index, trig, q.key, rec))
        return subject, rec

    @staticmethod
    def _enumerated(q: _Party, parties: list[_Party], text: str, offset: int) -> bool:
        """Whether ``q`` stands in a list of names (甲、乙等8家医院) rather than alone."""
        for other in parties:
            if other is q:
                continue
            a, b = (other, q) if other.mention.start < q.mention.start else (q, other)
            gap = text[a.mention.end - offset: b.mention.start - offset]
            if gap in ("、", "和", "与", "及", "以及"):
                return True
        return False

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
        a, b = division_of(inner, self.entities), division_of(outer, self.entities)
        return bool(a and b and _contains(b, a))

    def party_at(self, parties: list[_Party], pos: int, trig: str) -> bool:
        if trig == "结成":
            return True if re.match(r"[“\"]?[^，,。]{0,10}(对子|关系|帮扶|结对|联盟|共同体|学校|医院)", self.text_at(pos)) else False
        return any(q.mention.start == pos for q in parties)

    def text_at(self, pos: int) -> str:
        s = next(x for x in self.sentences if x.start <= pos <= x.end)
        return s.norm[pos - s.start:]

    def apart(self, key: str, other: str | None) -> bool:
        """Two parties of different divisions: a district does not "assist" its own hospital."""
        if other is None:
            return True
        if key == other:
            return False
        a, b = division_of(key, self.entities), division_of(other, self.entities)
        if a is None or b is None or _local_help(self.entities.get(key), self.entities.get(other)):
            return True
        return not (_contains(a, b) or _contains(b, a))

    # ---------------------------------------------------------------- organisers, products, places
    def read_organisers(self, s: Sentence) -> None:
        mentions = self.r.by_sentence.get(s.index, [])
        events = [(m, k) for m, k in mentions if self.entities[k].kind == "Event"]
        if not events:
            return
        event = events[0][1]
        previous = 0
        for t in _ORGANISE.finditer(s.norm):
            pos = s.start + t.start()
            by = s.norm.rfind("由", previous, t.start())
            lo = s.start + max(previous, by if by >= 0 else max(
                [m.end() for m in _CLAUSE.finditer(s.norm, 0, t.start())], default=0))
            previous = t.end()
            for m, k in mentions:
                if lo <= m.start and m.end <= pos and self.entities[k].kind in ORG_KINDS:
                    pred = "organizer" if t.group(0) == "主办" else "coOrganizer"
                    self.relations.append(Relation(event, pred, k, s.index))

    def read_products(self, s: Sentence, main_recipient: str | None) -> None:
        mentions = self.r.by_sentence.get(s.index, [])
        certs = [m.group(1) for m in _CERT.finditer(s.norm)]
        for i, (m, k) in enumerate(mentions):
            if self.entities[k].kind != "Product":
                continue
            clause_start = s.start + max([c.end() for c in _CLAUSE.finditer(s.norm, 0, m.start - s.start)], default=0)
            producer = next((kk for mm, kk in reversed(mentions[:i]) if mm.start >= clause_start
                             and _eligible(self.entities[kk])), None)
            label = self.entities[k].label
            for size in range(min(8, len(label) - 1), 1, -1):
                d = register().resolve(label[:size], [])
                if d is not None and f"place:{d.code}" in self.entities:
                    producer = f"place:{d.code}"
                    break
            producer = producer or main_recipient
            if producer:
                self.relations.append(Relation(producer, "produces", k, s.index))
            for cert in certs:
                self.relations.append(Relation(k, "certification", cert, s.index))

    def read_locations(self, s: Sentence) -> None:
        mentions = self.r.by_sentence.get(s.index, [])
        for t in _LOCATED.finditer(s.norm):
            pos = s.start + t.end()
            place = next((k for m, k in mentions if m.start >= pos and m.start - pos <= 1
                          and self.entities[k].kind in PLACE_KINDS), None)
            org = next((k for m, k in reversed(mentions) if m.end <= s.start + t.start()
                        and self.entities[k].kind in ORG_KINDS), None)
            if place and org and not self.entities[org].location:
                self.entities[org].location = place

    def counterpart(self, provider: str, main_r: str) -> str:
        """The recipient-side division at the provider's level: 仓山区人社局 → 原州区, 福州市人社局 → 固原市.

        East–west pairs are matched level by level, so a district body's help goes to the paired
        county when the article names one under the recipient city.
        """
        d = division_of(provider, self.entities)
        level = register().by_code[d[6:]].level if d and d[6:] in register().by_code else None
        if level is None:
            return main_r
        same = sorted(k for k, e in self.entities.items() if e.code and (_contains(main_r, k) or _contains(k, main_r))
                      and register().by_code[e.code].level == level)
        return same[0] if len(same) == 1 else main_r

    # ---------------------------------------------------------------- the document's pair
    def main_pair(self) -> tuple[str | None, str | None]:
        counts: Counter = Counter()
        for _, _, _, p, r, _ in self.pending:
            if p and r:
                dp, dr = division_of(p, self.entities), division_of(r, self.entities)
                if dp and dr and dp != dr:
                    counts[(dp, dr)] += 1
        if not counts:
            return None, None
        (p, r), _ = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
        return p, r

    def finish(self, quantities: list[Quantity], dates: dict[int, str]) -> None:
        main_p, main_r = self.main_pair()
        seen: dict[tuple[str, str, str, int], Assistance] = {}
        def side(key: str | None) -> str | None:
            d = division_of(key, self.entities) if key else None
            for main in (main_p, main_r):
                if d and main and (_contains(main, d) or _contains(d, main)):
                    return main
            return d

        for index, trig, _, p, r, sector in self.pending:
            p = p or main_p
            r = r or main_r
            if main_p and side(p) == main_r and side(r) == main_p:
                p, r = r, p  # the article's recipient does not help its provider: the parse was backwards
            elif main_p and side(r) == main_p and side(p) != main_r:
                r = main_r  # a team helping "青白江区人民医院" of its own side: the help went to the recipient
            pe, re_ = self.entities.get(p), self.entities.get(r)
            if pe and re_ and pe.kind in _LOCAL_TAKERS and re_.kind in _GIVERS:
                p, r = r, p  # 村与企业结对: the company is the one that gives
            elif p and r and side(p) is not None and side(p) == side(r) and not _local_help(pe, re_):
                if side(p) != main_r or not main_p:
                    continue  # a body "helping" its own county is not paired assistance
                p = main_p  # 九龙县 helping 九龙县's own school: the provider's help, its name unsaid
            if p is None or r is None or p == r:
                warning = f"sentence {index + 1}: 「{trig}」 but no provider and recipient: " \
                          f"{self.sentences[index].text[:60]}"
                if warning not in self.warnings:
                    self.warnings.append(warning)
                continue
            key = (p, r, sector, index)
            if key not in seen:
                seen[key] = Assistance(p, r, sector, trig, [index], date=dates.get(index))
                self.assistance.append(seen[key])
        for q in quantities:
            records = [a for a in self.assistance if a.sentences[0] == q.sentence]
            if records:
                records[0].quantities.append(q)
        # events organised by outside bodies for the recipient's people
        if main_r:
            for rel in self.relations:
                if rel.predicate in ("organizer", "coOrganizer"):
                    if side(rel.object) not in (None, main_r):
                        sector = (_sectors(self.entities[rel.subject].label) or ["general"])[0]
                        key = (rel.object, self.counterpart(rel.object, main_r), sector, rel.sentence)
                        if key not in seen:
                            seen[key] = Assistance(rel.object, key[1], sector, "承办" if rel.predicate ==
                                                   "coOrganizer" else "主办", [rel.sentence],
                                                   date=dates.get(rel.sentence))
                            self.assistance.append(seen[key])


def read_relations(sentences: list[Sentence], resolved: Resolved, quantities: list[Quantity],
                   dates: dict[int, str]) -> tuple[list[Assistance], list[Post], list[Relation], list[str]]:
    reader = _Reader(sentences, resolved)
    for s in sentences:
        reader.read_posts(s)
    for s in sentences:
        reader.read_organisers(s)
        reader.read_locations(s)
        reader.read_assistance(s)
    main_p, main_r = reader.main_pair()
    for s in sentences:
        reader.read_products(s, main_r)
    reader.finish(quantities, dates)
    return reader.assistance, reader.posts, reader.relations, reader.warnings
