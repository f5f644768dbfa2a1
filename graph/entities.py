"""Mentions → entities: one entity per thing, however many ways the article names it.

* Places resolve against the division register (九龙 and 九龙县 are one place, 513324); townships and
  villages, which the register lacks, hang under the division written before them.
* Organisation names are parsed into a place prefix and the rest; short forms (区妇幼保健院) take the
  article's district, and the identity key uses the division code, so 青白江区人民医院 is the same
  node in every article whether or not it says 成都市 first.
* Companies are also found by their short name (中康源 for 四川中康源医药有限公司), and 该校/该院/
  此次招聘会 point back to the last entity of that kind.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from .kinds import org_kind, place_kind
from .lexicon import products, triggers
from .mentions import PROVINCE_ABBREVIATIONS
from .model import Entity, Mention, Sentence
from .places import Division, register, short_names as short_names_of_name


def short_names_of(d: Division) -> list[str]:
    return [n for n in short_names_of_name(d.name, d.kind) if len(n) >= 2]
from .vocab import ORG_KINDS, PLACE_KINDS

HAN = r"\u4e00-\u9fff"
_DIVISION_KINDS = {"Province", "Prefecture", "City", "County", "District"}
_ABBREVIATION = re.compile(r"[（(]\s*(?:以下)?简称[：:]?\s*[“\"「『]?([^”\"」』）)，,]{2,12}?)[”\"」』]?\s*[）)]")
_HAN_CHAR = re.compile(f"[{HAN}]")
_LOCAL_KINDS = {"Township", "Town", "Village", "Subdistrict"}
_LEVEL_CHARS = set("省市州县区旗乡镇村街")
_SHORT_LEVEL = {"区": "District", "县": "County", "市": "City", "州": "Prefecture", "乡": "Township", "镇": "Town"}
_LOCAL_PLACE = re.compile(rf"[{HAN}]{{2,5}}?(?<!农)(?<!城)(?:街道|乡|镇|(?<![农乡])村|社区)")
_LEGAL = re.compile(r"(股份有限公司|有限责任公司|有限公司|股份公司|集团公司|公司|集团)$")
_TRADE = re.compile(
    r"(医药|药业|茶业|茶叶|科技|农业|食品|生物|实业|贸易|商贸|发展|投资|建设|建筑|工程|物流|电子|信息|文化|"
    r"旅游|传媒|能源|环保|原生态|生态|农牧|畜牧|牧业|水产|制药|健康|餐饮|酒业|电商|电子商务|网络|技术|服务|"
    r"开发|管理|咨询|置业|房地产|农产品|特产|实业|销售|电力|石油|化工|矿业|水务|燃气|物资|乳业|种业|果业)$"
)
_GENERIC_REST = {"学校", "企业", "公司", "部门", "单位", "机构", "医疗机构", "中小学", "小学", "中学",
                 "合作社", "园区", "基地", "政府", "乡镇", "干部", "群众", "人才", "学生", "教师"}
_NO_DIVISION = Division("", "", "", None, 0)
_PAIR_WORDS = ("东西部", "对口", "协作", "结对", "两地", "合作", "携手")  # 厦门临夏东西部协作
_AFTER_NAME = set("的和与及在将已是为把从向等说也还都就对给并带积主通以投捐帮援派选先累共定开组引推建实提发签举")
# between a place's stem and a product, at most two characters of the product's own name (城口老腊肉: 老), none
# that belongs to the sentence rather than the name (九龙县种植苹果 is no product 县种植苹果)
_NOT_IN_PRODUCT = set("县市区州镇乡村种植养殖产销售购") | _AFTER_NAME
# what may follow a specialty's name: a joiner, or a word of selling it (元阳红米通过电商销往全国, 紫阳茶产业)
_AFTER_PRODUCT = "[等、和与及的]|通过|销往|远销|走出|畅销|深受|成为|进入|上架|产业(?!园)|品牌|礼盒"


@lru_cache(maxsize=None)
def _product_after_stem() -> re.Pattern[str]:
    return re.compile(f"([{HAN}]{{0,2}}?)(?:{products().every})(?:(?![{HAN}])|(?={_AFTER_PRODUCT}))")


_PORT_AFTER_STEM = re.compile(r"(?:口岸|铁路港|陆港|空港|国际港|港口|机场)(?![\u4e00-\u9fff])")
_INSTITUTION_HEADS = {"医院", "小学", "中学"}  # 西青医院 names one hospital; 福州企业 names no company
_COREF: list[tuple[str, tuple[str, ...]]] = [
    ("该校", ("School",)), ("该院", ("Hospital",)), ("该医院", ("Hospital",)),
    ("该公司", ("Company",)), ("该企业", ("Company",)), ("该集团", ("Company", "Hospital")),
    ("该基地", ("Base",)), ("该园区", ("Park",)), ("该产业园", ("Park",)), ("该协会", ("Association",)),
    ("该商会", ("Association",)), ("该局", ("GovernmentBody",)), ("该中心", ("GovernmentBody", "Organization")),
    ("该县", ("County",)), ("该区", ("District",)), ("该市", ("City",)), ("该州", ("Prefecture",)),
    ("该乡", ("Township",)), ("该镇", ("Town",)), ("该村", ("Village",)), ("该队", ("Team",)),
    ("该工作队", ("Team",)), ("工作队", ("Team",)), ("工作组", ("Team",)),
]
# 我院 / 本校: the writer's own hospital or school, the one the article names first (its title or lead), not
# the last one named (宁波市第一人民医院对口帮扶我院)
_SELF_COREF: list[tuple[str, tuple[str, ...]]] = [
    ("我院", ("Hospital",)), ("本院", ("Hospital",)), ("我校", ("School",)), ("本校", ("School",)),
    ("我公司", ("Company",)), ("本公司", ("Company",)),
]
_CLAUSE_MARK = re.compile(r"[，,；;：:。]")
_EVENT_COREF = re.compile(r"(?:此次|本次|该次|这次|该)([^，。,]{0,8}?(博览会|交易会|招聘会|洽谈会|推介会|培训班|活动|论坛|大会))")


@dataclass
class Resolved:
    """The entities of one document and, per sentence, which entity each mention names."""

    entities: dict[str, Entity]
    by_sentence: dict[int, list[tuple[Mention, str]]] = field(default_factory=dict)
    guessed: set[str] = field(default_factory=set)  # places whose parent the text does not state

    def add(self, mention: Mention, key: str, label: str, kind: str, **attrs: str | None) -> None:
        e = self.entities.get(key)
        if e is None:
            e = self.entities[key] = Entity(key=key, label=label, kind=kind)
        if len(label) > len(e.label) or (len(label) == len(e.label) and label < e.label and not e.code):
            e.aliases.add(e.label)
            e.label = label
        e.aliases.add(mention.text)
        for name, value in attrs.items():
            if value and not getattr(e, name):
                setattr(e, name, value)
        e.mentions.append(mention)
        if mention.source != "prefix":  # a place inside a longer name is no party of its own
            self.by_sentence.setdefault(mention.sentence, []).append((mention, key))


    def fold(self, old: str, into: str) -> None:
        """Entity ``old`` is another name of ``into``: its mentions become ``into``'s."""
        gone = self.entities.pop(old)
        target = self.entities[into]
        target.aliases |= gone.aliases | {gone.label}
        target.mentions += gone.mentions
        for ms in self.by_sentence.values():
            ms[:] = [(m, into if k == old else k) for m, k in ms]


def _place_key(d: Division) -> str:
    return f"place:{d.code}"


class _Places:
    """Place resolution with the document's own places as context."""

    def __init__(self, mentions: list[Mention]) -> None:
        reg = register()
        self.context: set[str] = set()
        self.named: set[str] = set()  # divisions written in full, alone or at the head of a name (石阡县民族中学)
        for m in mentions:
            found = reg.by_name.get(m.text) or reg.candidates(m.text)
            if len(found) == 1:
                self.context.add(found[0].code)
            head = next((reg.by_name[m.text[:n]] for n in range(min(len(m.text), 9), 2, -1)
                         if m.text[:n] in reg.by_name), [])
            if len(head) == 1:
                self.named.add(head[0].code)
        self.closure: set[str] | None = None

    def nearby(self, d: Division) -> bool:
        """A province, a division the article names, or one inside or beside a place it names."""
        if self.closure is None:
            self.closure = {a.code for c in self.context for a in register().chain(c)}
        return d.level == 1 or d.code in self.closure or (d.parent in self.closure)

    def supported(self, d: Division) -> bool:
        """Whether the article names ``d`` in full, or another of its places is an ancestor, a descendant or a
        sibling of ``d``."""
        if d.code in self.named:
            return True  # 到石阡支教 in an article that writes 石阡县 somewhere
        chain = {a.code for a in register().chain(d.code)}
        for c in self.context - {d.code}:
            other = {a.code for a in register().chain(c)}
            if c in chain or d.code in other or d.parent in other:
                return True
        return False

    def division(self, name: str, near: tuple[str, ...] = ()) -> Division | None:
        return register().resolve(name, self.context | set(near))

    def parse_prefix(self, name: str, default_parent: str | None = None
                     ) -> tuple[list[tuple[str, str, str, str | None]], str]:
        """Split ``九龙县三垭镇俄尔小学校`` into places [(text, key, kind, parent-key)] and the rest.

        A township or village at the very start (子耳乡高原生态羊养殖产业基地) hangs under
        ``default_parent``, the article's county, when one is given.
        """
        out: list[tuple[str, str, str, str | None]] = []
        rest = name
        parent: str | None = None
        while rest:
            hit = None
            near = tuple(k.split(":")[1] for _, k, _, _ in out if k.split(":")[1].isdigit())
            for size in range(min(10, len(rest) - 1), 1, -1):
                d = self.division(rest[:size], near)
                if d is None:
                    continue
                if rest[:size] != d.name and (rest[size] in _LEVEL_CHARS or not self.nearby(d)):
                    continue  # 柳林镇 is no 柳林县; a short form counts only near the article's places
                if out and out[-1][1].split(":")[1] not in {a.code for a in register().chain(d.code)[1:]}:
                    break  # 拉萨北京实验中学: 北京 is not inside 拉萨, so it is part of the name
                hit = (rest[:size], _place_key(d), d.kind, None)
                break
            owner = parent or (default_parent if not out else None)
            if hit is None and owner is not None:
                m = _LOCAL_PLACE.match(rest)
                if m and len(rest) > m.end() and not _LEGAL.match(rest[m.end():]):
                    text = m.group(0)
                    hit = (text, f"{owner}/{text}", place_kind(text) or "Place", owner)
            if hit is None:
                break
            out.append(hit)
            parent = hit[1]
            rest = rest[len(hit[0]):]
        return out, rest


def _short_name(full: str, rest: str) -> list[str]:
    """Short names a company goes by: 四川中康源医药有限公司 → 中康源; 山东鲁中泉润食品有限公司 → 泉润."""
    core = _LEGAL.sub("", rest)
    while True:
        stripped = _TRADE.sub("", core)
        if stripped == core or len(stripped) < 2:
            break
        core = stripped
    out = [core] if 2 <= len(core) < len(full) else []
    if len(core) >= 4 and not triggers().pattern.fullmatch(core[-2:]) and not products().alone.fullmatch(core[-2:]):
        out.append(core[-2:])  # the brand usually closes the core: 鲁中·泉润 (not a word of the text: 帮扶, 茶叶)
    return out


def resolve(sentences: list[Sentence], mentions: list[list[Mention]]) -> Resolved:
    """Entities of one document from its per-sentence mentions (in order)."""
    flat = [m for ms in mentions for m in ms]
    places = _Places(flat)
    out = Resolved({})
    last_of_kind: dict[str, tuple[str, int]] = {}
    short_names: dict[str, str] = {}
    level_counts: Counter = Counter()

    def remember(key: str, kind: str, pos: int) -> None:
        last_of_kind[kind] = (key, pos)
        if kind in _SHORT_LEVEL.values():
            level_counts[(kind, key)] += 1

    def level_place(kind: str) -> str | None:
        if kind in last_of_kind:
            return last_of_kind[kind][0]
        counts = [(n, k) for (kd, k), n in level_counts.items() if kd == kind]
        return max(counts)[1] if counts else None

    def add_place(m: Mention, text: str, key: str, kind: str, parent: str | None, code: str | None) -> None:
        label = out.entities[key].label if key in out.entities else text
        if code:
            label = register().by_code[code].name
        out.add(m, key, label, kind, code=code, parent=parent)
        remember(key, kind, m.start)

    previous: tuple[Mention, str] | None = None  # the place mention just before, for 松江区九亭镇
    counts = Counter(m.text for m in flat)
    # first characters of the article's places (宁波 → 甬 is the city's own abbreviation, so keep both kinds)
    abbreviations = set(PROVINCE_ABBREVIATIONS) | {m.text[0] for m in flat if m.kind in PLACE_KINDS}
    for m in flat:
        if m.kind in PLACE_KINDS or (m.kind in ORG_KINDS and m.text in register().by_name):
            # 浦东新区 ends like a park but is a district: the register decides
            d = places.division(m.text)
            if d is not None and d.level == 3 and m.text != d.name and counts[m.text] < 2 and not places.supported(d):
                continue  # 天山 (of 天山网), 江南: a short form of a county nowhere near the article's places
            if d is not None:
                add_place(m, m.text, _place_key(d), d.kind, None, d.code)
                previous = (m, _place_key(d))
                continue
            if m.kind in _DIVISION_KINDS:
                if not register().candidates(m.text):
                    continue  # an unregistered "county" is a mis-tag
                # 和平区 is in 天津 and in 沈阳: a real district, but which one the article does not say
                add_place(m, m.text, f"place:{m.text}", m.kind, None, None)
                previous = (m, f"place:{m.text}")
                continue
            prefix, rest = places.parse_prefix(m.text, level_place("County") or level_place("District"))
            parent = prefix[-1][1] if prefix else None
            if prefix and rest and place_kind(rest) in _LOCAL_KINDS:  # 吉潭镇圳下村: a town, then its village
                for ptext, pkey, pkind, pparent in prefix:
                    code = pkey.split(":")[1] if pkey.split(":")[1].isdigit() else None
                    add_place(Mention(m.start, m.start, ptext, pkind, m.sentence, "prefix"), ptext, pkey, pkind,
                              pparent, code)
                parent = prefix[-1][1]
                m = Mention(m.end - len(rest), m.end, rest, m.kind, m.sentence, m.source)
            if parent is None and previous is not None and previous[0].end == m.start:
                parent = previous[1]  # written right after its county: 松江区九亭镇, 九龙县三岩龙乡
            if parent is not None:
                out.guessed.discard(f"{parent}/{m.text}")  # now stated: 奉节县草堂镇 after a bare 草堂镇
            if parent is None and previous is not None and previous[1] in out.entities \
                    and out.entities[previous[1]].kind in _LOCAL_KINDS and previous[0].sentence == m.sentence:
                sentence = sentences[m.sentence]
                gap = sentence.norm[previous[0].end - sentence.start:m.start - sentence.start]
                paired = sentence.norm[max(0, previous[0].start - sentence.start - 1):previous[0].start - sentence.start]
                if gap in ("、", "和", "及", "以及") and paired not in ("与", "和", "同", "跟"):
                    # 大碶街道、小港街道: a list of one county's towns (but in 甲镇与乙镇、丙镇与丁镇, 丙 is 甲's)
                    parent = out.entities[previous[1]].parent
                    if previous[1] in out.guessed and parent is not None:
                        out.guessed.add(f"{parent}/{m.text}")  # as unsure as the one it follows
            if parent is None and m.kind in _LOCAL_KINDS:
                # a town named before with its county is that town: 门楼镇 after 福山区门楼镇
                known = [e.parent for e in out.entities.values() if e.kind == m.kind and e.label == m.text
                         and e.parent and e.key not in out.guessed]
                parent = known[0] if len(set(known)) == 1 else None
            if parent is None and m.kind in ("Township", "Town", "Village", "Subdistrict"):
                # the county-level division named last: 北仑区 … 汪清县天桥岭镇, not the one named most
                near = [last_of_kind[k] for k in ("County", "District") if k in last_of_kind]
                parent = max(near, key=lambda kp: kp[1])[0] if near else None
                named = {k for (kind, k) in level_counts if kind in ("County", "District")}
                if parent is not None and len(named) > 1:  # more than one county it could be in
                    out.guessed.add(f"{parent}/{m.text}")
            key = f"{parent}/{m.text}" if parent else f"place:{m.text}"
            add_place(m, m.text, key, m.kind, parent, None)
            previous = (m, key)
        elif m.kind in ORG_KINDS or m.kind == "Event":
            text = m.text
            label = text
            if (m.source == "short" or text[0] in _SHORT_LEVEL) and not places.parse_prefix(text)[0]:
                level = _SHORT_LEVEL.get(text[0])
                owner = level_place(level) if level else None
                if owner is not None and owner in out.entities:
                    label = out.entities[owner].label + text[1:]
            prefix, rest = places.parse_prefix(label, level_place("County") or level_place("District"))
            if prefix and rest in _INSTITUTION_HEADS and prefix[-1][0] != register().by_code.get(
                    prefix[-1][1].split(":")[1], _NO_DIVISION).name and prefix[-1][2] in _DIVISION_KINDS:
                # 天津市西青医院: 西青 is part of the hospital's name, though it also says where it is
                rest = prefix[-1][0] + rest
                prefix = prefix[:-1] + [(prefix[-1][0], prefix[-1][1], prefix[-1][2], "name")]
            if not rest or not org_kind(label) and m.kind != "Event":
                continue
            one_school = rest in ("中学", "小学") and m.source == "ner" and prefix and prefix[-1][2] == "County"
            if (rest in _GENERIC_REST or rest.endswith("企业") and len(rest) <= 4) and label == text and (
                    not prefix or prefix[-1][2] in _DIVISION_KINDS) and not one_school:
                # (琼结县中学, tagged whole by the model, is the county's one middle school)
                continue  # 九龙县学校 is "the county's schools"; 三岩龙乡小学 is one school
            if m.kind == "Company" and rest[:-2] in short_names and rest.endswith(("公司", "集团")):
                company = out.entities[short_names[rest[:-2]]]  # 泉润公司 → 山东鲁中泉润食品有限公司
                out.add(m, company.key, company.label, company.kind)
                continue
            ordinal = re.match(r"第[0-9一二三四五六七八九十]+批", rest)
            parent = None
            for ptext, pkey, pkind, pparent in prefix:
                code = pkey.split(":")[1] if pkey.split(":")[1].isdigit() else None
                pm = Mention(m.start, m.start, ptext, pkind, m.sentence, "prefix")
                add_place(pm, ptext, pkey, pkind, None if pparent == "name" else pparent, code)
                parent = pkey
            kind = org_kind(label) or m.kind
            prefix_id = parent.split(":", 1)[1] if parent else ""
            key = f"{'event' if kind == 'Event' else 'org'}:{prefix_id}/{rest}" if parent else \
                f"{'event' if kind == 'Event' else 'org'}:{rest}"
            if ordinal is None and kind == "Team":
                # 湖州援疆工作组 after 湖州市第十一批援疆工作组: the same team without its batch number
                key = next((k for k, e in out.entities.items() if e.kind == "Team" and e.location == parent
                            and re.sub(r"^第[0-9一二三四五六七八九十]+批", "", k.rsplit("/", 1)[-1]) == rest), key)
            elif kind == "Team":
                plain = f"{key.rsplit('/', 1)[0]}/{rest[ordinal.end():]}"
                if plain in out.entities:  # the short form came first: fold it into the full name
                    old = out.entities.pop(plain)
                    for om in old.mentions:
                        out.add(om, key, label, kind, location=parent)
                    for ms in out.by_sentence.values():
                        ms[:] = [(mm, key if k == plain else k) for mm, k in ms if not (k == plain and mm in old.mentions and (mm, key) in ms)]
            stationed = next((k for k, e in out.entities.items() if e.kind == kind and e.label.endswith("驻" + label)), None)
            if stationed is not None:  # 驻青岛劳务协作工作站 after 安定区驻青岛劳务协作工作站: the same station
                out.add(m, stationed, out.entities[stationed].label, kind)
                continue
            out.add(m, key, label, kind, location=parent if kind != "Event" else None)
            remember(key, kind, m.start)
            if kind == "Company":
                for short in _short_name(label, rest):
                    short_names.setdefault(short, key)
        elif m.kind == "Person":
            if len(m.text) == 2 and all(ch in abbreviations for ch in m.text):
                continue  # 甬珲, 苏陕: the two sides of a pairing in shorthand
            d = places.division(m.text)
            if d is not None and d.code in places.context:
                add_place(m, m.text, _place_key(d), d.kind, None, d.code)  # 武进 tagged as a person
            else:
                out.add(m, f"person:{m.text}", m.text, "Person")
        elif m.kind == "Product":
            stripped = places.parse_prefix(m.text)[1] or m.text
            out.add(m, f"product:{stripped}", m.text, "Product")
    declared: set[str] = set()
    _add_abbreviations(sentences, out, short_names, declared)
    _add_aliases(sentences, out, short_names, declared)
    _add_place_products(sentences, out)
    _add_named_goods(sentences, out)
    _add_place_short_forms(sentences, out)
    _add_coreference(sentences, out)
    return out


_MOTION_BEFORE = re.compile(r"(?:到|赴|来到|前往|抵达|进驻|走进|深入|留在|扎根)$")


def _add_place_short_forms(sentences: list[Sentence], out: Resolved) -> None:
    """到大方支教, 来到石阡: a county the article names in full, written short after a verb of going, where the
    model sees a common word (大方 is also "generous")."""
    shorts = {short: key for key, e in out.entities.items() if e.code and register().by_code[e.code].level == 3
              for short in short_names_of(register().by_code[e.code]) if short != e.label}
    if not shorts:
        return
    pattern = re.compile("|".join(sorted(map(re.escape, shorts), key=len, reverse=True)))
    for s in sentences:
        for hit in pattern.finditer(s.norm):
            start, end = s.start + hit.start(), s.start + hit.end()
            nxt = s.norm[hit.end():hit.end() + 1]
            if not _MOTION_BEFORE.search(s.norm, 0, hit.start()) or nxt in ("县", "区", "市", "旗") \
                    or any(a < end and start < b for a, b in _covered(out, s.index)):
                continue
            key = shorts[hit.group(0)]
            e = out.entities[key]
            out.add(Mention(start, end, hit.group(0), e.kind, s.index, "alias"), key, e.label, e.kind)


def _place_stem(name: str) -> str:
    """九龙县 → 九龙, 八渡瑶族乡 → 八渡, 杨柳青镇 → 杨柳青: how a place names its specialties."""
    stem = re.sub(r"(?:[\u4e00-\u9fff]{1,3}族)?(?:自治)?(?:省|市|州|县|区|旗|乡|镇|村|街道)$", "", name)
    return stem if len(stem) >= 2 else name


def _add_place_products(sentences: list[Sentence], out: Resolved) -> None:
    """Specialties and ports named after their place: 元阳红米, 城口老腊肉, 杨柳青年画; 珲春口岸."""
    stems = sorted({_place_stem(n) for e in out.entities.values() if e.kind in PLACE_KINDS
                    for n in {e.label, *e.aliases}}, key=len, reverse=True)
    for s in sentences:
        for stem in stems:
            at = s.norm.find(stem)
            while at >= 0:
                for rx, kind in ((_product_after_stem(), "Product"), (_PORT_AFTER_STEM, "Port")):
                    hit = rx.match(s.norm, at + len(stem))
                    if not hit or kind == "Product" and set(hit.group(1)) & _NOT_IN_PRODUCT:
                        continue
                    start, end = s.start + at, s.start + hit.end()
                    # the stem may be a mention of its place already (九龙 in 九龙红米): the product holds it
                    if not any(a < end and start < b and not (start <= a and b <= start + len(stem))
                               for a, b in _covered(out, s.index)):
                        name = s.norm[at:hit.end()]
                        key = f"product:{name}" if kind == "Product" else f"place:{name}"
                        out.add(Mention(start, end, name, kind, s.index, "rule"), key, name, kind)
                at = s.norm.find(stem, at + 1)


def _add_named_goods(sentences: list[Sentence], out: Resolved) -> None:
    """Goods of the products lexicon (脐橙, 肉牛, 羽绒被) wherever the text names them outside another name: in
    this genre a crop, a breed or a ware is named because it is grown, raised, made or sold."""
    for s in sentences:
        covered = _covered(out, s.index)
        for hit in products().alone.finditer(s.norm):
            start, end = s.start + hit.start(), s.start + hit.end()
            if not any(a < end and start < b for a, b in covered):
                word = hit.group(0)
                out.add(Mention(start, end, word, "Product", s.index, "rule"), f"product:{word}", word, "Product")


def _covered(out: Resolved, sentence: int) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m, _ in out.by_sentence.get(sentence, [])]


def _add_abbreviations(sentences: list[Sentence], out: Resolved, short_names: dict[str, str],
                       declared: set[str]) -> None:
    """国家电网有限公司（以下简称“国家电网”）: the name in the brackets is the entity's alias from now on."""
    for s in sentences:
        for hit in _ABBREVIATION.finditer(s.norm):
            end = s.start + hit.start()
            named = [(m, k) for m, k in out.by_sentence.get(s.index, []) if m.end == end]
            if named and len(hit.group(1)) >= 2:
                m, key = named[-1]
                e = out.entities[key]
                out.add(Mention(s.start + hit.start(1), s.start + hit.end(1), hit.group(1), e.kind, s.index, "alias"),
                        key, e.label, e.kind)
                short_names[hit.group(1)] = key
                declared.add(hit.group(1))


_NUMBERED_SCHOOL = re.compile(r"(.+?)第([一二三四五六七八九十]{1,3})(中学|小学)")


def _school_short_forms(out: Resolved) -> dict[str, str]:
    """襄阳五中 for 襄阳市第五中学, 琼结一小 for 琼结县第一小学: how the genre names numbered schools."""
    forms: dict[str, str] = {}
    for key, e in out.entities.items():
        m = _NUMBERED_SCHOOL.fullmatch(e.label) if e.kind == "School" else None
        if m is None:
            continue
        place, number, level = m.groups()
        d = register().by_name.get(place)
        stems = {place, *(short_names_of(d[0]) if d and len(d) == 1 else [])}
        for stem in stems:
            forms[f"{stem}{number}{level[0]}"] = key
    return forms


def _add_aliases(sentences: list[Sentence], out: Resolved, short_names: dict[str, str], declared: set[str]) -> None:
    """Company short names, and the article's divisions by their short names (到城口支教), where they stand alone."""
    place_names: dict[str, str] = {}
    for key, e in list(out.entities.items()):
        if e.code:
            d = register().by_code[e.code]
            for short in short_names_of(d):
                other = place_names.get(short)
                if other is None or register().by_code[other[6:]].level > d.level:
                    place_names[short] = key  # 临夏 is 临夏回族自治州 rather than its seat 临夏市
    starts = tuple(place_names) + tuple(e.label for e in out.entities.values() if e.code) + _PAIR_WORDS
    for short, key in place_names.items():
        short_names.setdefault(short, key)
    for short, key in _school_short_forms(out).items():
        short_names.setdefault(short, key)
        same = [k for k, e in out.entities.items() if k != key and e.kind == "School" and e.label == short]
        for k in same:  # 十堰三中, tagged by the model as a school of its own
            out.fold(k, key)
    for short, key in sorted(short_names.items()):
        for s in sentences:
            at = s.norm.find(short)
            while at >= 0:
                start, end = s.start + at, s.start + at + len(short)
                nxt = s.norm[at + len(short):at + len(short) + 2]
                inside = any(a <= start < b or a < end <= b for a, b in _covered(out, s.index))
                # 天乡 in 天乡茶叶 is a brand's word, not the company
                brand_word = short not in declared and nxt and _HAN_CHAR.match(nxt) and nxt[0] not in _AFTER_NAME \
                    and nxt not in ("公司", "集团") and not (short in place_names and s.norm.startswith(starts, at + len(short)))
                if not inside and not brand_word:
                    e = out.entities[key]
                    out.add(Mention(start, end, short, e.kind, s.index, "alias"), key, e.label, e.kind)
                at = s.norm.find(short, at + 1)


def _add_coreference(sentences: list[Sentence], out: Resolved) -> None:
    """该校 → the school named last before it; 此次招聘会 → the last 招聘会; 我院 → the article's first hospital."""
    ordered = sorted(((m.start, key) for ms in out.by_sentence.values() for m, key in ms))
    for s in sentences:
        found: list[tuple[int, int, str, tuple[str, ...]]] = []
        for word, kinds in _COREF:
            for hit in re.finditer(word, s.norm):
                found.append((s.start + hit.start(), s.start + hit.end(), word, kinds))
        for word, kinds in _SELF_COREF:
            for hit in re.finditer(word, s.norm):
                found.append((s.start + hit.start(), s.start + hit.end(), word, kinds))
        for hit in _EVENT_COREF.finditer(s.norm):
            found.append((s.start + hit.start(), s.start + hit.end(), hit.group(0), ("Event:" + hit.group(2),)))
        for start, end, word, kinds in found:
            if any(a <= start < b for a, b in _covered(out, s.index)):
                continue
            target = None
            if (word, kinds) in _SELF_COREF:
                target = next((key for _, key in ordered if out.entities[key].kind in kinds), None)
            # 日照市人民医院对该院实行帮扶: 该院 is not the subject of its own clause, but the one named before it
            clause = s.start + max((m.end() for m in _CLAUSE_MARK.finditer(s.norm, 0, start - s.start)), default=0)
            # 该院骨科医生林某挂任乙县人民医院副院长: not the body the same clause goes on to name
            close = _CLAUSE_MARK.search(s.norm, end - s.start)
            later = {key for pos, key in ordered if end <= pos < (s.start + close.start() if close else s.end)}
            earlier = [key for pos, key in reversed(ordered) if pos < clause and key not in later] + \
                [key for pos, key in reversed(ordered) if clause <= pos < start and key not in later]
            for key in [] if target else earlier:
                e = out.entities[key]
                if e.kind in kinds or any(k.startswith("Event:") and e.kind == "Event" and e.label.endswith(k[6:])
                                          for k in kinds):
                    target = key
                    break
            if target is not None:
                e = out.entities[target]
                m = Mention(start, end, word, e.kind, s.index, "coref")
                e.mentions.append(m)
                out.by_sentence.setdefault(s.index, []).append((m, target))
                bisect.insort(ordered, (start, target))  # 该院 said again means the same one
    for ms in out.by_sentence.values():
        ms.sort(key=lambda pair: pair[0].start)
