"""Assistance read sentence by sentence, as proposals that ``settle.py`` then reads against the pairing.

For each trigger word (``lexicon/triggers.json``) the reader proposes a provider and a recipient from the
sentence: the clause's subject (or the party after 由, or the first of "A和B签订"), the first party after the
trigger in its clause (or where the clause sends people, or the one before 由 that receives a donation; or, for
赴/来到…培训, the visitors).  Lists expand to every member.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .context import CLAUSE, Context, Party, clause_end, named_keys
from .lexicon import triggers
from .landing import landings
from .lists import enumerated, members, representatives
from .model import Sentence
from .places import all_divisions
from .sectors import sector_for, sectors_in
from .vocab import PLACE_KINDS

# a party right after these is where or with whom something happens, not who does it
# 甲区引进的某公司投资, 甲集团所属的某公司采购: the body brought in or owned acts, not its broker or owner
_BROUGHT = re.compile(r"(?:引进|招引|引入|引来|招来|带来|所属|旗下|下属)的")
_BROUGHT_BEFORE = re.compile(_BROUGHT.pattern + "$")
_NOT_SUBJECT = re.compile(r"(到|在|赴|来到|走进|前往|于|向|给|为|对|与|和|同|及|帮助|支持|对接|联系|感谢|据)$")
_WHERE = re.compile(r"(在|于|到|赴|从)$")
_BENEFICIARY = re.compile(r"(为|给|向|帮助|帮|替|(?<![结针面绝相])对)$")  # (结对某村: paired, not a beneficiary)
_GIFT = re.compile(r"爱心|物资|捐|善款|慰问")
_ACTIVITY = re.compile(r"培训|指导|送教|义诊|交流|帮扶|支教|捐赠|讲座|帮助|锻炼|学习|跟岗|顶岗|挂职|考察|调研|"
                       r"诊疗|手术|坐诊|教学|援助|支援|开展")
_LEARNING = re.compile(r"培训|跟岗|顶岗|挂职|锻炼|学习|进修|研修")
# 甲与乙结对, 相城区8个经济强村与石阡县8个脱贫村结对: two parties joined, each perhaps with a counted group of its own
_JOINED = re.compile(r"(?:[0-9一二三四五六七八九十百千]+(?:个|所|家|名|户|支|批)[\u4e00-\u9fff]{1,6})?(?:还|也|又|已|均|正式)?(?:和|与|同|跟)")
_PARTNER = re.compile(r"(?:与|同|跟|和)$")
_SITE = re.compile(r"(?:到|赴|在|于|落户)$")  # 瑞丰公司在壶口镇投资: where an investment lands
_DESTINATION = re.compile(r"(?:到|赴|前往|来到|走进|深入|进驻|向)$")  # (向某村派驻: where they go)
_TO = re.compile(r"送到|送往|运往|送给|交给|赠给|捐给|发放给|送达|给")
_MODIFIES = re.compile(r"(?:企业|学校|医院|村|单位|乡镇|地区|县|市|双方)")
_KIND_NOUN = r"(?:民营企业|企业|会员企业|村庄|村|学校|医院|乡镇|商会|协会)"
_KINDS_PAIRED = re.compile(rf"({_KIND_NOUN})(?:与|和|同)[^，,。；;与和]{{0,10}}?({_KIND_NOUN})(?:建立|开展|签订|现场|正式)?[^，,。；;]{{0,4}}$")
_OWNED = re.compile(r"(?:开展|组织|给予)?的(?:无私|大力|倾情|精准|真情|鼎力|热心|长期|持续|全力|有力)?")
_RESULT = re.compile(r"(?:受|得|看|学|感|收|听|达|做|找|提|说|讲|谈|想|遇|见|用|吃|买|取|拿|领)$")  # 享受到: 到 ends a verb
_FRAME = re.compile(r"(?:^|[，,；;])在[^，,。；;]{0,12}$")
_FRAME_END = re.compile(r"[^，,。；;]{0,4}?(?:上|方面|领域|工作中)[，,]")
_CONTINUE = re.compile(r"(实施|开展|推进|投入|援建|新建|修建|完成|落实|建成|建设)")
_BARE = re.compile(r"(?:该|这家|此|这所|这个)?(公司|集团|企业|医院|学校|商会|协会|基金会|合作社)(?:将|还|也|已|又|则|再|共|累计|先后|积极)?[^，,。]{0,12}$")
_BOND = re.compile(r"(关系|协议|对子|共同体|联盟)")
# (今年，)在 before a place that opens a sentence, maybe after its town (在凉亭乡毕店村)
_TOPIC = re.compile(r"(?:[0-9]{4}年|今年|去年|近年来|目前)?[，,]?在(?:[\u4e00-\u9fff]{1,5}?[乡镇])?")
_NEXT_PAIR = re.compile(r"[，,、；;]?(?:以及|及|和)?")  # 甲与乙，丙与丁，以及戊与己
_OBJECT = re.compile(r"[了]?[^，,。；;：:]{0,8}")  # what stands between 签订 and the name of what is signed
_JOB_WORDS = {"提供", "预留", "吸纳", "招收", "招录"}  # help only when jobs follow (or, 提供, when given free: 无偿提供良种)
_THERE = re.compile(r"[为向给]当地(?:群众|村民|学校)?$")
_WORKERS = re.compile(r"籍?(?:脱贫)?(?:务工人员|劳动力|农民工|群众|青年)")
_FREE = re.compile(r"(?:无偿|免费)$")
_JOBS = re.compile(r"[^，,。；;]{0,12}(?:岗位|就业|员工|务工人员|劳动力)")
_BOTH_SIDES = re.compile(r"[^，,。；;：:]{0,6}?(?:两地|双方)")
_TWO_NAMED = re.compile(r"两(?:地|省|市|州|盟|县|区|旗|镇|乡|村|校|院)")  # 齐齐哈尔、广州两市: the two just named
_LIST_GAPS = ("、", "，", ",", "；")
_KIND_SECTOR = {"Hospital": "health", "School": "education"}
_CONDITIONAL = {"支持", "帮助", "助力", "助推", "指导", "培训", "投资", "购买", "出资", "投入", "共建", "携手",
                "提供", "预留", "引进", "落户", "牵线"}


_MANY_GIVERS = re.compile(r"(?:[0-9]+|[一二三四五六七八九十百千]+|更多|一批|多家|众多)[^，,。；;]{0,4}?"
                          r"(?:家|个|名|位)?(?:民营|爱心|在外|本地)?[^，,。；;]{0,4}?(?:企业家|企业|商会|单位|公司)")
_BUILDS = {"建起", "建成"}
_PURPOSE = re.compile(r"用于[^，,。；;]{0,6}$")
_LOCAL = re.compile(r"全县|全市|全州|全旗|全区|本地|当地|县内|我县|籍")
_TOPIC_KINDS = PLACE_KINDS | {"School", "Hospital"}
_BUILT = re.compile(r"(?:建设|建起|新建|建成|兴建|打造|援建|建)了?$")
_WORKS = {"Organization", "Base", "Park", "Company"}  # what money builds: a factory, a base, a park


@dataclass
class Proposal:
    """One reading of a trigger: who helps whom, as far as the sentence says."""

    sentence: int
    trigger: str
    provider: str | None
    recipient: str | None
    sector: str
    both_sides: bool = False  # said of 两地 / 双方: both sides named, though not by name
    site: bool = False  # a place inspected: help only if it is on the recipient's side


def _not_subject(before: str) -> bool:
    """Whether the words before a party make it no subject (到某县, 与某公司); 争取到银行帮扶资金: 到 ends a verb."""
    if re.search(r"[，,；;](?:以及|及)$", before):
        return False  # …的甘棠乡红曲酿造工坊，以及福州榕舍公司在上厝村投资…: a new item, its own subject
    return bool(_NOT_SUBJECT.search(before)) and not (before.endswith("到") and _RESULT.search(before[:-1]))


def _role(word: str) -> str:
    return triggers().role[word]


class SentenceReader:
    """Proposals from the sentences of one document; state shared between sentences lives here."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.proposals: list[Proposal] = []
        self.gift_recipient: str | None = None  # the school a list of donors gives to (this sentence or the last)
        self.gift_sentence = -2
        # further pairs of the current trigger (lists, 分别与); a side None is the reading's own
        self.extra: list[tuple[str | None, str | None]] = []
        self.last_giver: tuple[int, str] | None = None  # (sentence, provider) last named as giving help
        self.both_sides = False  # the clause read last opens with 两地 / 双方

    def read(self, s: Sentence) -> None:
        ctx = self.ctx
        parties = ctx.parties(s.index)
        text = s.norm
        prev_p: str | None = None
        prev_r: str | None = None
        used_until = -1
        last_end = 0
        last_role = ""
        last_pairs: list[tuple[str | None, str | None]] = []
        named = named_keys(ctx, s.index)
        # 在浦市镇，中国石化投资1600万元援建的…: a place set before the sentence is where its help goes
        # (在庄浪县第四中学，…: a school or hospital set there too)
        topic = next((q.key for q in parties if q.entity.kind in _TOPIC_KINDS
                      and _TOPIC.fullmatch(text, 0, self.name_start(s, q) - s.start)
                      and CLAUSE.match(text, q.mention.end - s.start)), None)
        for t in triggers().pattern.finditer(text):
            trig = t.group(0)
            role = _role(trig)
            if role == "help" and _BOND.match(text, t.end()):
                role = "pairing"  # 甲与乙建立帮扶关系: a stated pair
            pos = s.start + t.start()
            if t.start() < used_until or any(m.start <= pos < m.end for m, _ in ctx.mentions(s.index)):
                continue  # 援藏 inside 第六批援藏干部医疗专家队 is part of a name
            if last_role == "agreement" and _BOND.match(text, t.end()) and _OBJECT.fullmatch(text, used_until, t.start()):
                # 签订结对帮扶协议, 签订“镇镇结对”协议: the agreement's name, not a second act; a pairing's name
                # says the pairs signed are a stated pairing
                if _role(trig) == "pairing" and not sectors_in(text[used_until:t.end()]):
                    self.proposals += [Proposal(s.index, trig, x, y, "general") for x, y in last_pairs]
                continue
            clause_start = max([m.end() for m in CLAUSE.finditer(text, 0, t.start())], default=0)
            clause_stop = clause_end(text, t.end())
            clause = text[clause_start:clause_stop]
            if not self.admissible(trig, role, text, t, parties, s):
                continue
            if role in ("pairing", "agreement") and (kinds := _KINDS_PAIRED.search(text, clause_start, t.start())) \
                    and not any(m.start - s.start < kinds.end(i) and kinds.start(i) < m.end - s.start
                                for m, _ in ctx.mentions(s.index) for i in (1, 2)) \
                    and not any(clause_start <= q.mention.start - s.start < kinds.start() for q in parties):
                continue  # 组织企业与村结对87对, 北京企业与丰宁村庄结对: kinds paired, no pair named (某商会组织
                # 会员企业与村结对: the organiser's)
            between = [q for q in parties if last_end + s.start <= q.mention.start < t.end() + s.start]
            if prev_p and prev_r and not between and role != "visit":
                # 签订了帮扶协议，在下一步的帮扶中: the same two parties, unless a new one follows
                p = prev_p
                clause_after = [q for q in parties if t.end() + s.start <= q.mention.start < s.start + clause_stop]
                # (…派出26名骨干常驻彭水: the county of the body helped is where they go, not a new recipient)
                r = next((q.key for q in clause_after if ctx.apart(q.key, p) and q.key != ctx.division(prev_r)),
                         prev_r)
            else:
                p, r = self.pair(s, parties, trig, role, pos, t.end() + s.start, last_end + s.start)
            if r is not None and any(q.key == r and _BUILT.search(text, 0, q.mention.start - s.start) for q in parties) \
                    and ctx.entities[r].kind in _WORKS:
                r = None  # 投资8000万元建起了三七加工厂: what the money built is no party; the place it stands in is
            if trig in _BUILDS:
                r = self.site(s, t.start(), parties)
            if trig in _JOB_WORDS and r is None:
                r = self.hometown(s, t.end(), clause_stop)
            if trig in ("引进", "招引", "引入") and topic and r is not None and ctx.entities[r].kind == "Company":
                r = topic  # 在都龙镇，嘉定区引进的某公司: the company is what is brought; the place it comes to is helped
            if topic is not None and p == topic and r is None:
                p, r = None, topic  # the place or school the sentence is set in is helped there, not helping
            r = self.taker(r)
            self.extra = [(x, self.taker(y)) for x, y in self.extra]
            if p is None and r is None and trig in _CONDITIONAL and not self.both_sides:
                continue
            if p is None and role == "pairing" and _MODIFIES.match(text, t.end()):
                continue  # 在结对企业的支持下, 结对学校将…: which ones the sentence does not say
            if _MANY_GIVERS.search(text, clause_start, t.start()) and _LOCAL.search(text, clause_start, t.start()) \
                    and not any(q.key == p and q.mention.start >= s.start + clause_start for q in parties):
                continue  # 全县已有56家民营企业与71个村结对: the recipient's own companies, counted, help no one paired
            if p is not None and p == prev_r and r is None and prev_p is not None and not any(
                    q.key == p and _BROUGHT_BEFORE.search(text, 0, q.mention.start - s.start) for q in parties):
                p, r = prev_p, prev_r  # 甲医院对口帮扶我院，已先后派出…: the helper goes on, not the one helped
            # 甲公司结对周田村，乙公司结对上甲村: a clause with a giver of its own does not take the last one's
            # recipient
            own = p is not None and prev_p is not None and p != prev_p
            p = p or prev_p
            r = r or (None if own else prev_r) or (self.gift_recipient if role in ("donation", "delivery")
                                and s.index - self.gift_sentence <= 1
                                and ctx.apart(self.gift_recipient or "", p) else None) \
                or (topic if topic and (p is None or ctx.apart(topic, p)) else None)
            if p is None or p not in named or ctx.entities[p].kind in PLACE_KINDS or \
                    ctx.entities[p].kind == "Person" and role not in ("donation", "delivery"):
                # 公司将在3年内投入…, 公司在北川投资4500万元: the bare 公司 is the giver just named
                p = self.bare_reference(s, text[clause_start:t.start()]) or p
            if p is not None and r is not None and p == r:
                r = None
            if p is not None and p in named:
                self.last_giver = (s.index, p)
            pe = ctx.entities.get(p) if p else None
            re_ = ctx.entities.get(r) if r else None
            if trig in _JOB_WORDS:  # jobs, or (无偿提供良种) goods given
                sectors = ["employment"] if _JOBS.match(text, t.end()) else ["donation"]
            else:
                sectors = sector_for(clause, s, ctx.sentences, trig, role, pe, re_)
            pairs = [(p, r), *((x or p, y or r) for x, y in self.extra)]
            for x, y in pairs:
                for sector in self.own_sectors(sectors, x, y) if len(pairs) > 1 else sectors:
                    self.proposals.append(Proposal(s.index, trig, x, y, sector, self.both_sides and x is None))
            self.extra.clear()
            prev_p, prev_r = p or prev_p, r or prev_r
            used_until = last_end = t.end()
            last_role, last_pairs = role, pairs
        if prev_p or prev_r:
            self.continuation(s, last_end, prev_p, prev_r)
        for trig, giver, key, sector, site in landings(ctx, s, parties, self.name_start, prev_p):
            self.proposals.append(Proposal(s.index, trig, giver, key, sector, site=site))

    def opens_with_both(self, s: Sentence, parties: list[Party], at: int) -> bool:
        """Whether the clause at ``at`` opens with 两地 / 双方 that no party before it names (厦门临夏两地 names
        its two places; 两地在灌云县共建 does not)."""
        m = _BOTH_SIDES.match(s.norm, at)
        return m is not None and not any(at <= q.mention.start - s.start < m.end() for q in parties)

    def taker(self, key: str | None) -> str | None:
        """A donor in their own name (爱心人士刘建华) gives; no sentence of the genre has a person helped."""
        return None if key is not None and self.ctx.entities[key].kind == "Person" else key

    def own_sectors(self, sectors: list[str], x: str | None, y: str | None) -> list[str]:
        """甲中学与乙中学、甲医院与乙医院分别签订: of the sectors the clause names, each pair of schools or
        hospitals takes its own."""
        kinds = {self.ctx.entities[k].kind for k in (x, y) if k in self.ctx.entities}
        own = [sector for kind, sector in _KIND_SECTOR.items() if kind in kinds and sector in sectors]
        return own or sectors

    def admissible(self, trig: str, role: str, text: str, t: re.Match, parties: list[Party], s: Sentence) -> bool:
        """Whether the word states help here: 到 only as "到<place>" before an activity, a delivery only of
        a gift, a signing only of an agreement, 支持 and its kind only with a party in the sentence."""
        after = text[t.end():]
        if _FRAME.search(text, 0, t.start()) and _FRAME_END.match(after):
            return False  # 在医疗和教育帮扶上，…: the heading of what follows, not an act
        if role == "visit" and not _ACTIVITY.search(after) and not self.team_before(s, t):
            return False
        if trig == "到" and (not any(q.mention.start == s.start + t.end() for q in parties)
                            or _RESULT.search(text, 0, t.start())):
            return False  # (享受到北京的…, 得到上海的…: what one gets, not where one goes)
        if trig == "结成" and not re.match(r"[“\"]?[^，,。]{0,10}(对子|关系|帮扶|结对|联盟|共同体|学校|医院|友好|镇|村)", after):
            return False
        if role == "delivery" and not _GIFT.search(text):
            return False
        if trig in _BUILDS and self.site(s, t.start(), parties) is None:
            return False  # 某公司在磨黑镇建成加工厂 (not 建成了5个基地: a building helps only where it is said to stand)
        if trig in ("签订", "签署", "签下", "签约") and not re.search(r"协议|合同|协作|帮扶|合作|订单|项目", after[:20]) \
                and not self.signed_with(s, t, parties):
            return False
        if role == "thanks" and not re.search(r"支援|帮扶|支持|帮助|援助|付出", after):
            return False
        if role == "broker" and not re.match(r"(搭桥)?下", after):
            return False
        if trig in _CONDITIONAL and not parties:
            return False
        if trig in _JOB_WORDS and not _JOBS.match(after) and not (trig == "提供" and _FREE.search(text, 0, t.start())):
            return False  # 提供岗位 states help; 提供服务, 提供厂房 need not
        return True

    def hometown(self, s: Sentence, at: int, end: int) -> str | None:
        """招收纳雍县务工人员85名: the place the workers taken on are from (no party of the sentence: it says whose
        they are), between offsets ``at`` and ``end`` of the sentence."""
        return next((k for m, k in self.ctx.mentions(s.index) if at <= m.start - s.start < end
                     and self.ctx.entities[k].kind in PLACE_KINDS
                     and _WORKERS.match(s.norm, m.end - s.start)), None)

    def site(self, s: Sentence, at: int, parties: list[Party]) -> str | None:
        """The place written as 在<place> right before offset ``at`` of the sentence (在磨黑镇建成)."""
        return next((q.key for q in parties if q.mention.end == s.start + at and q.entity.kind in PLACE_KINDS
                     and s.norm.endswith("在", 0, self.name_start(s, q) - s.start)), None)

    def signed_with(self, s: Sentence, t: re.Match, parties: list[Party]) -> bool:
        """甲公司去年与毕店村签约: a signing with a named partner needs no agreement's name."""
        at = s.start + t.start()
        partner = next((q for q in reversed(parties) if q.mention.end <= at), None)
        return partner is not None and at - partner.mention.end <= 0 and bool(
            re.search(r"[与和同]$", self.said_before(s, partner)))

    def team_before(self, s: Sentence, t: re.Match) -> bool:
        """市北区劳务协作工作队抵达临洮: a team sent somewhere is help, even with no activity named."""
        return any(self.ctx.entities[k].kind == "Team" and m.end <= s.start + t.start()
                   for m, k in self.ctx.mentions(s.index))

    def bare_reference(self, s: Sentence, before: str) -> str | None:
        """公司将在3年内投入资金…: a bare 公司 / 该集团 / 医院 before the trigger is the giver just named, when
        that giver is one; else the last such body the four sentences before name."""
        bare = _BARE.match(before)
        if not bare:
            return None
        head = bare.group(1)
        if self.last_giver and self.last_giver[0] >= s.index - 1 and \
                self.ctx.entities[self.last_giver[1]].label.endswith(head):
            return self.last_giver[1]
        named = [k for i in range(max(0, s.index - 4), s.index) for m, k in self.ctx.mentions(i)
                 if self.ctx.entities[k].label.endswith(head) and self.ctx.entities[k].kind not in PLACE_KINDS]
        return named[-1] if named else None

    def continuation(self, s: Sentence, after: int, p: str | None, r: str | None) -> None:
        """实施特色产业、基础设施、教育医疗等方面项目: clauses that go on about the same help."""
        for clause in CLAUSE.split(s.norm[after:])[1:]:
            m = _CONTINUE.match(clause)
            if m:
                for sector in sectors_in(clause)[:4]:
                    self.proposals.append(Proposal(s.index, m.group(0), p, r, sector))

    def pair(self, s: Sentence, parties: list[Party], trig: str, role: str, start: int, end: int,
             since: int) -> tuple[str | None, str | None]:
        """Provider and recipient for the trigger at ``start``–``end``; ``since`` ends the previous one."""
        ctx = self.ctx
        before = [q for q in parties if q.mention.end <= start]
        after = [q for q in parties if q.mention.start >= end]
        text = s.norm
        clause = max([m.end() for m in CLAUSE.finditer(text, 0, start - s.start)], default=0)
        self.both_sides = self.opens_with_both(s, parties, clause)
        if self.both_sides and role != "visit":
            listed = self.pair_list(s, after) if role in ("agreement", "pairing") else []
            if listed:  # 两地8所学校结成4对帮扶对子，分别是：甲校与乙校，丙校与丁校: the pairs it announces
                self.both_sides = False
                self.extra += listed[1:]
                return listed[0]
            return None, None  # 两地在灌云县共建的江阴灌云工业园区: the article's two sides, whatever the clause names
        # 九亭镇、泗泾镇分别与新街镇、牛角寨镇结成帮扶对子: pairs in order
        both = text.rfind("分别", 0, start - s.start)
        if both >= 0 and role in ("agreement", "pairing"):
            givers = [q for q in before if q.mention.end - s.start <= both and q.mention.start >= since]
            takers = [q for q in before if q.mention.start - s.start > both]
            if len(givers) >= 2 and len(givers) == len(takers):
                self.extra += [(x.key, y.key) for x, y in zip(givers[1:], takers[1:])]
                return givers[0].key, takers[0].key
        # A和B签订帮扶协议 / A与B结对: the first party helps the second
        if role in ("agreement", "pairing"):
            joined = [i for i, (x, y) in enumerate(zip(before, before[1:]))
                      if _JOINED.fullmatch(ctx.gap(s, x, y)) and y.mention.end <= start and x.mention.start >= since]
            if joined:
                # 按照甲市与乙市…部署和丙区与丁县结对安排: the pair nearest the trigger, with the pairs listed before
                # it (华士镇与杨集镇、周庄镇与伊山镇分别结成帮扶对子: each 与 its own)
                i = joined[-1]
                while i - 2 in joined and ctx.gap(s, before[i - 1], before[i]) in _LIST_GAPS:
                    i -= 2
                x, y = before[i], before[i + 1]
                rest = before[i + 2:]
                while len(rest) >= 2 and ctx.gap(s, before[i + 1], rest[0]) in _LIST_GAPS \
                        and ctx.gap(s, rest[0], rest[1]) in ("和", "与", "同", "跟"):
                    self.extra.append((rest[0].key, rest[1].key))
                    i, rest = i + 2, rest[2:]
                return x.key, y.key
        # 本次结对的6对学校分别是：甲校与乙校，丙校与丁校: the pairs the trigger announces
        if role in ("agreement", "pairing"):
            pairs = self.pair_list(s, after)
            if pairs:
                self.extra += pairs[1:]
                return pairs[0]
        # 在A(的)牵线下，公司来到B投资: A brought the help about
        if role == "broker":
            broker = next((q for q in reversed(before) if text.rfind("在", 0, q.mention.start - s.start) >= 0), None)
            if broker is None:
                return None, None
            # (the company it brought is no recipient: 在新吴区牵线下，瑞丰公司在壶口镇投资 helps 壶口镇)
            # and the broker's help is its division's: 新吴区 helps 宜川县)
            rec = next((ctx.division(q.key) or q.key for q in after
                        if ctx.apart(q.key, broker.key) and q.entity.kind in PLACE_KINDS), None)
            return broker.key, rec
        # 感谢A(对B)的大力支援: A helped; B, or the article's recipient
        if role == "thanks":
            givers = [q for q in after if q.mention.start < s.start + len(text)]
            if givers:
                # 感谢重庆市和江北区多年来的无私援助: each of a list thanked gave
                group = [q for q in members(givers[0], parties, text, s.start) if q in givers]
                rec = next((q.key for q in givers[1:] if q not in group and ctx.apart(q.key, givers[0].key)), None)
                self.extra += [(q.key, None) for q in group[1:]]
                if rec is None:  # 县人民医院院长李明说：“感谢甲医院的大力支援”: the speaker's body was helped
                    rec = next((q.key for q in reversed(before) if ctx.apart(q.key, givers[0].key)), None)
                return givers[0].key, rec
            return None, None
        # 来自A的物资送到B: A provides
        origin = text.rfind("来自", 0, start - s.start)
        if origin >= 0:
            givers = [q for q in before if q.mention.start - s.start >= origin + 2]
            if givers:
                rec = next((q.key for q in after if ctx.apart(q.key, givers[-1].key)), None)
                if rec is None:  # 在乙医院的手术室里，来自甲医院的专家…: the place the visitor is in
                    rec = next((q.key for q in reversed(before) if q.mention.start - s.start < origin
                                and ctx.apart(q.key, givers[-1].key)), None)
                return givers[-1].key, rec
        # 由A(和B)捐赠/共同出资/主办: A provides
        by = text.rfind("由", 0, start - s.start)
        if by >= 0:
            givers = [q for q in before if q.mention.start - s.start > by]
            givers = [q for q in givers if not _BROUGHT.match(text, q.mention.end - s.start)] or givers
            if givers:
                # (由德胜医院对阳原县中医院实行托管: the one the verb is done to is no giver)
                done_to = [q for q in givers[1:] if _BENEFICIARY.search(self.said_before(s, q))]
                givers = [q for q in givers if q not in done_to]
                receivers = [q for q in after if _TO.search(self.said_before(s, q)[-8:])] or done_to or \
                    [q for q in before if q.mention.end - s.start <= by]
                rec = receivers[-1].key if receivers else None
                locals_ = [q for q in givers if rec and ctx.division(q.key) == ctx.division(rec)]
                outside = [q for q in givers if q not in locals_]
                giver = outside[0] if outside else givers[0]
                if rec is None and len(givers) > 1:
                    return giver.key, None
                return giver.key, rec
        # 组织九龙县干部赴青白江区培训: the host helps the visitors
        if role == "visit" and _LEARNING.search(text, end - s.start, clause_end(text, end - s.start)):
            host = after[0].key if after else None
            # (选派干部186名赴怒江挂职: the visitors named in an earlier clause are the sender's, sent, not taught)
            guests = [q for q in before if q.key != host and q.mention.start - s.start >= clause]
            if guests or not before:
                return host, guests[-1].key if guests else None
        # 乡城县是建德市对口支援的县: the one the subject "is" of helps the subject
        if len(before) >= 2 and before[-1].mention.end == start and text.startswith("的", end - s.start) \
                and re.search(r"(?:是|为|系)$", text[:self.name_start(s, before[-1]) - s.start]) \
                and ctx.apart(before[-1].key, before[-2].key):
            return before[-1].key, before[-2].key
        # 青白江区的对口帮扶, 得益于昌平区的无私帮扶: a party owning the help
        if before and _OWNED.fullmatch(text, before[-1].mention.end - s.start, start - s.start):
            owner = before[-1].key
            rec = next((q.key for q in after if ctx.apart(q.key, owner)), None)
            if rec is None and len(before) > 1 and re.search(r"(是|为|作为|成为)$", self.said_before(s, before[-1])):
                rec = before[-2].key  # 古丈县是省工商联的定点帮扶县: the subject is what the owner helps
            return owner, rec
        # 湖州市中心医院与柯坪县人民医院开展“组团式”帮扶: a pair; which way is settled by the article
        recent = [q for q in before if q.mention.start >= since]
        if len(recent) >= 2:
            x, y = recent[-2], recent[-1]
            gap = text[x.mention.end - s.start: y.mention.start - s.start]
            pairing = role == "pairing" and gap in ("", "、") and y.mention.end - s.start >= start - s.start - 2
            pairing = pairing or gap in ("", "、", "和", "与") and bool(_TWO_NAMED.match(text, y.mention.end - s.start))
            where = _WHERE.search(self.said_before(s, x))  # 在九龙和青白江两地募捐: places, not parties
            if (gap in ("与", "和", "同") or pairing) and not where and ctx.apart(x.key, y.key):  # 厦门临夏东西部协作
                return x.key, y.key
        # 嘉定区引进的上海某公司投资…: the body brought in acts, not the one that brought it
        # (走进甲乡、乙乡等8个乡镇: a list's members stand where its first does)
        subjects = [q for q in recent if not _not_subject(self.said_before(s, members(q, parties, text, s.start)[0]))
                    and not (_BROUGHT.match(text, q.mention.end - s.start)
                             and any(y.mention.start - q.mention.end <= 5 for y in recent if y is not q
                                     and y.mention.start > q.mention.start))]
        bounds = [0] + [m.end() for m in CLAUSE.finditer(text, 0, start - s.start)]
        clause = bounds[-1] + s.start
        # 甲公司结对周田村，乙公司结对圳下村: each clause has its own subject; a clause without one takes the
        # nearest clause before that has one (甲公司、乙公司纷纷伸出援手，为某县捐赠)
        first = None
        subject_clause = clause  # where the subject's clause begins: its place (在某村发展…，投资…) is the verb's too
        for lo, hi in zip(reversed(bounds), [start - s.start] + list(reversed(bounds))[:-1]):
            if self.opens_with_both(s, parties, lo) and role != "visit":
                self.both_sides = True  # 两地在某街道共建展销中心，今年以来帮助销售…: still the two sides
                return None, None
            first = next((q for q in subjects if lo <= q.mention.start - s.start < hi), None)
            if first is not None:
                subject_clause = lo + s.start
                break
        # (…昌平区将选派教师到沽源支教: the giver of the sentence's last act before the first party named)
        named_subject = first is not None
        first = first or next((q for q in before if self.last_giver == (s.index, q.key)), None) \
            or (before[0] if before else None)
        subject = first.key if first else None
        if not named_subject and first is not None and role not in ("donation", "delivery", "visit") \
                and _DESTINATION.search(text[:self.name_start(s, first) - s.start]):
            return None, first.key  # 医院还向岩寨村派驻了第一书记: where they are sent; the sender is unsaid
        if role in ("donation", "delivery"):
            # donors in a list are no recipients: 甲公司捐赠5万元；乙商会捐赠书包
            donation = re.compile("|".join(sorted(triggers().words("donation"), key=len, reverse=True)))
            # (甲商会捐赠课桌椅；乙同乡会、丙侨联分别捐赠冬装: a donor after a semicolon is no recipient either)
            stop = text.find("；", end - s.start)
            takers = [q for q in after if ctx.apart(q.key, subject) and self.taker(q.key)
                      and not donation.match(text[q.mention.end - s.start: q.mention.end - s.start + 4])
                      and (stop < 0 or q.mention.start - s.start < stop)]
            to = [q for q in takers if _TO.search(self.said_before(s, q)[-4:])]
            given = [q for q in before if q.key != subject and ctx.apart(q.key, subject)
                     and _BENEFICIARY.search(self.said_before(s, q))]  # 向东沟村小学捐赠
            rec = (to or given or takers)
            recipient = rec[0].key if rec else None
            purpose = bool(rec) and not (to or given) and bool(
                _PURPOSE.search(text, max(0, rec[0].mention.start - s.start - 8), rec[0].mention.start - s.start))
            if rec and not purpose:  # (分配给城关小学、乡城县中学等9所学校: the next donors give to the schools' county; a
                # purpose, 用于草林镇高坪村的村道, is the one donor's)
                group = rec[0].key in representatives(ctx, s)
                self.gift_recipient = (ctx.division(rec[0].key) if group else None) or rec[0].key
                self.gift_sentence = s.index
            if recipient is None and _THERE.search(text, 0, start - s.start):
                # 走访了朱倭镇觉日村的青稞种植基地，为当地捐赠: the village just visited
                recipient = next((q.key for q in reversed(before) if (q.key == subject or ctx.apart(q.key, subject))
                                  and q.entity.kind in ("Village", "Town", "Township")), None)
                if recipient is not None and recipient == subject:
                    subject = None  # (新都区代表团…走访了觉日村…: the village is no giver; the giver is the sentence's)
            if recipient is not None or first is not None:
                self.expand(first, recipient, parties, s)
            return subject, recipient
        ends = CLAUSE.search(text, end - s.start)
        same = [q for q in after if ends is None or q.mention.start - s.start < ends.start()]
        rec = next((q.key for q in same if ctx.apart(q.key, subject) and self.taker(q.key)), None)
        if rec is None:
            # 选派骨干教师到石阡支教，…: where the clause sends them, before a party of the next one;
            # 推动镇街与大方县乡镇结对: with whom the clause pairs them
            marker = _PARTNER if role in ("agreement", "pairing") else _SITE if role == "invest" else _DESTINATION
            rec = next((q.key for q in reversed(before) if q.mention.start >= subject_clause and q.key != subject
                        and ctx.apart(q.key, subject) and marker.search(text[:self.name_start(s, q) - s.start])),
                       None)

        def beneficiary(since_: int) -> str | None:
            """仓山区还为原州区举办了培训班: the beneficiary stands before the verb, named from ``since_`` on."""
            return next((q.key for q in before if q.key != subject and ctx.apart(q.key, subject)
                         and q.mention.start >= since_ and _BENEFICIARY.search(self.said_before(s, q))), None)

        if rec is None:  # 嘉定区向该县投入资金…，其中…用于都龙镇: the beneficiary of the verb's own clause first
            rec = beneficiary(clause)
        if rec is None:  # (甲公司在某村投资…；乙公司为某村援建…: not across a semicolon, the next item has its own)
            stop = text.find("；", end - s.start)
            rec = next((q.key for q in after if ctx.apart(q.key, subject) and self.taker(q.key)
                        and (stop < 0 or q.mention.start - s.start < stop)), None)
        if rec is None:
            rec = beneficiary(since)
        if rec is not None and first is not None:
            # 推动北京友谊医院、北京安贞医院等8家医院支援…: each body of the list helps too
            # (上海与云南建立…关系、长宁区结对金平县: two joined by 与 are a pair, not a list of givers)
            listed = [q for q in before if q.key != subject and q.mention.start >= clause
                      and enumerated(q, before, text, s.start) and not self.paired(s, q, before)]
            for q in listed:
                if ctx.apart(q.key, rec) and (q.key, rec) not in self.extra:
                    self.extra.append((q.key, rec))
        if rec is not None or first is not None:  # 甲商会、乙协会以及丙公司等也与当地企业签订: all of them
            self.expand(first, rec, parties, s)
        return subject, rec

    def paired(self, s: Sentence, q: Party, parties: list[Party]) -> bool:
        """Whether ``q`` stands in two names joined by 与 / 同 (甲与乙), a pair rather than a list."""
        group = members(q, parties, s.norm, s.start)
        return any(self.ctx.gap(s, x, y) in ("与", "同") for x, y in zip(group, group[1:]))

    def said_before(self, s: Sentence, q: Party) -> str:
        """The sentence before the party's written name, divisions before it included (为黄金洞乡麻柳溪村: 为)."""
        return s.norm[:self.name_start(s, q) - s.start]

    def name_start(self, s: Sentence, q: Party) -> int:
        """Where the party's name begins with the divisions written before it (到彭水郁山镇: at 彭水; 与唐崖镇青龙桥村:
        at the town, a place the text names right before)."""
        begin = self.ctx.written_from(s.index, q.mention.start)
        before = s.norm[max(0, begin - s.start - 12):begin - s.start]
        cut = next((i for i in range(len(before) - 1) if all_divisions(before[i:])), len(before))
        return begin - (len(before) - cut)

    def pair_list(self, s: Sentence, parties: list[Party]) -> list[tuple[str, str]]:
        """"甲与乙，丙与丁，…": pairs joined by 与/和, each pair apart from the next by a comma."""
        out: list[tuple[str, str]] = []
        i = 0
        while i + 1 < len(parties):
            x, y = parties[i], parties[i + 1]
            if self.ctx.gap(s, x, y) not in ("与", "和", "同") or not self.ctx.apart(x.key, y.key):
                break
            out.append((x.key, y.key))
            if i + 2 < len(parties) and not _NEXT_PAIR.fullmatch(self.ctx.gap(s, y, parties[i + 2])):
                break
            i += 2
        return out if len(out) >= 2 else []

    def expand(self, giver: Party | None, recipient: str | None, parties: list[Party], s: Sentence) -> None:
        """The giver's list all give; the recipient's list all receive (为甲村、乙村捐赠), even when one side is
        left unsaid (学校捐资…为城关中学、百良镇初级中学等11所学校…): ``None`` stands for the side the
        reading settles on."""
        if giver is not None:
            for q in members(giver, parties, s.norm, s.start):
                if q is not giver and (recipient is None or self.ctx.apart(q.key, recipient)) \
                        and (q.key, recipient) not in self.extra:
                    self.extra.append((q.key, recipient))
        rec = next((q for q in parties if q.key == recipient), None) if recipient else None
        giver_key = giver.key if giver is not None else None
        if rec is not None:
            for q in members(rec, parties, s.norm, s.start):
                if q is not rec and (giver_key is None or self.ctx.apart(q.key, giver_key)) \
                        and (giver_key, q.key) not in self.extra:
                    self.extra.append((giver_key, q.key))
