"""Further names for the entities of one document, once the first reading has found them: abbreviations
declared in brackets, short names of companies, divisions and numbered schools, specialties named after their
place, goods of the products lexicon, and 该校 / 我院 / 此次招聘会 pointing back (coreference)."""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Iterator

from .lexicon import products
from .model import Mention, Sentence
from .places import Division, all_divisions, register, short_names as short_names_of_name
from .resolved import Resolved
from .vocab import PLACE_KINDS

HAN = r"\u4e00-\u9fff"
_ABBREVIATION = re.compile(r"[（(]\s*(?:以下)?简称[：:]?\s*[“\"「『]?([^”\"」』）)，,]{2,12}?)[”\"」』]?\s*[）)]")
_HAN_CHAR = re.compile(f"[{HAN}]")
_PAIR_WORDS = ("东西部", "对口", "协作", "结对", "两地", "合作", "携手")  # 厦门临夏东西部协作
_AFTER_NAME = set("的和与及在将已是为把从向等说也还都就对给并带积主通以投捐帮援派选先累共定开组引推建实提发签举企")
# between a place's stem and a product, at most two characters of the product's own name (城口老腊肉: 老), none
# that belongs to the sentence rather than the name (九龙县种植苹果 is no product 县种植苹果)
_NOT_IN_PRODUCT = set("县市区州镇乡村种植养殖产销售购") | _AFTER_NAME
# what may follow a specialty's name: a joiner, or a word of selling it (元阳红米通过电商销往全国, 紫阳茶产业)
_AFTER_PRODUCT = "[等、和与及的]|通过|销往|远销|走出|畅销|深受|成为|进入|上架|产业(?!园)|品牌|礼盒"


def _fold_unplaced(out: Resolved) -> None:
    """镇安中学 after 陕西省镇安中学: a name without its divisions is the one body the article names with them."""
    for key, e in list(out.entities.items()):
        if e.location or e.code or len(e.label) < 4 or e.kind in PLACE_KINDS or e.kind in ("Person", "Product", "Event"):
            continue
        fuller = [k for k, o in out.entities.items() if k != key and o.kind == e.kind and o.label.endswith(e.label)
                  and all_divisions(o.label[:-len(e.label)])]
        if len(fuller) == 1:
            out.fold(key, fuller[0])


def short_names_of(d: Division) -> list[str]:
    return [n for n in short_names_of_name(d.name, d.kind) if len(n) >= 2]


def find_aliases(sentences: list[Sentence], out: Resolved, short_names: dict[str, str]) -> None:
    """Every pass, in the order each needs the names of the one before."""
    _fold_unplaced(out)
    declared: set[str] = set()
    _add_abbreviations(sentences, out, short_names, declared)
    _add_aliases(sentences, out, short_names, declared)
    _add_repeated_names(sentences, out)
    _add_place_products(sentences, out)
    _add_named_goods(sentences, out)
    _add_place_short_forms(sentences, out)
    _add_town_forms(out)
    _add_yearless_events(out)
    _add_coreference(sentences, out)


_YEAR = re.compile(r"^[0-9]{4}年(?:度)?")


def _add_yearless_events(out: Resolved) -> None:
    """2025年温州市·广元市东西部协作联席会议 is also 温州市·广元市东西部协作联席会议, the same meeting as one the
    text names so (2024年辽源·湖州对口合作产业推介会 after 辽源·湖州对口合作产业推介会)."""
    for key, e in list(out.entities.items()):
        year = _YEAR.match(e.label)
        if e.kind != "Event" or not year or len(e.label) - year.end() < 4:
            continue
        plain = e.label[year.end():]
        same = next((k for k, o in out.entities.items() if k != key and o.kind == "Event" and o.label == plain), None)
        if same is not None:
            out.fold(same, key)
        out.entities[key].aliases.add(plain)


@lru_cache(maxsize=None)
def _product_after_stem() -> re.Pattern[str]:
    return re.compile(f"([{HAN}]{{0,2}}?)(?:{products().every})(?:(?![{HAN}])|(?={_AFTER_PRODUCT}))")


_PORT_AFTER_STEM = re.compile(r"(?:口岸|铁路港|陆港|空港|国际港|港口|机场)(?![\u4e00-\u9fff])")

_COREF: list[tuple[str, tuple[str, ...]]] = [
    ("该校", ("School",)), ("该院", ("Hospital",)), ("该医院", ("Hospital",)),
    ("该公司", ("Company",)), ("该企业", ("Company",)), ("该集团", ("Company", "Hospital")),
    ("该基地", ("Base",)), ("该园区", ("Park",)), ("该产业园", ("Park",)), ("该协会", ("Association",)),
    ("该商会", ("Association",)), ("该局", ("GovernmentBody",)), ("该中心", ("GovernmentBody", "Organization")),
    ("该县", ("County",)), ("该区", ("District",)), ("该市", ("City",)), ("该州", ("Prefecture",)),
    ("该乡", ("Township",)), ("该镇", ("Town",)), ("该村", ("Village",)), ("该队", ("Team",)),
    ("该工作队", ("Team",)), ("工作队", ("Team",)), ("工作组", ("Team",)), ("医疗队", ("Team",)),
    ("支教团", ("Team",)), ("专家团", ("Team",)), ("服务队", ("Team",)), ("援藏团队", ("Team",)),
    ("援疆团队", ("Team",)), ("援青团队", ("Team",)), ("帮扶团队", ("Team",)), ("医疗团队", ("Team",)),
    ("教师团队", ("Team",)),
]
# a bare team word (医疗队还分批赴墨脱县) is the team named with that ending, before any other team
_TEAM_WORDS = {word for word, kinds in _COREF if kinds == ("Team",) and not word.startswith("该")}
# 我院 / 本校: the writer's own hospital or school, the one the article names first (its title or lead), not
# the last one named (宁波市第一人民医院对口帮扶我院)
_SELF_COREF: list[tuple[str, tuple[str, ...]]] = [
    ("我院", ("Hospital",)), ("本院", ("Hospital",)), ("我校", ("School",)), ("本校", ("School",)),
    ("我公司", ("Company",)), ("本公司", ("Company",)),
]
# a bare 医院 / 学校 that help goes to (为医院购置设备, 向学校捐赠): the article's own, the one it names first (as
# 我院), not the last named (often the sending hospital, in a caption)
_BARE_KINDS = {"医院": ("Hospital",), "学校": ("School",)}
_BARE_OBJECT = re.compile(r"(?:为|向|给|帮助)(医院|学校)(?![长领党院校])")
_CLAUSE_MARK = re.compile(r"[，,；;：:。]")
_EVENT_COREF = re.compile(r"(?:此次|本次|该次|这次|该)([^，。,]{0,8}?(博览会|交易会|招聘会|洽谈会|推介会|培训班|活动|论坛|大会))")



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
                    or any(a < end and start < b for a, b in out.covered(s.index)):
                continue
            key = shorts[hit.group(0)]
            e = out.entities[key]
            out.add(Mention(start, end, hit.group(0), e.kind, s.index, "alias"), key, e.label, e.kind)


_TOWN_BODY = re.compile(r"org:[0-9]+/([\u4e00-\u9fff]{1,6}(?:镇|乡|街道))/([\u4e00-\u9fff]{2,})$")


def _add_town_forms(out: Resolved) -> None:
    """山东省烟台市福山区门楼镇党委 is also 门楼镇党委: a town's body is known by the town's name without the
    divisions above it (as the text says it again, and as other reports name it)."""
    for key, e in out.entities.items():
        town = _TOWN_BODY.match(key)
        if town and e.label.endswith(town.group(1) + town.group(2)):
            e.aliases.add(town.group(1) + town.group(2))


def _place_stem(name: str) -> str:
    """九龙县 → 九龙, 八渡瑶族乡 → 八渡, 杨柳青镇 → 杨柳青: how a place names its specialties."""
    stem = re.sub(r"(?:[\u4e00-\u9fff]{1,3}族)?(?:自治)?(?:省|市|州|县|区|旗|乡|镇|村|街道)$", "", name)
    return stem if len(stem) >= 2 else name


def _offsets(text: str, word: str) -> Iterator[int]:
    """Every offset at which ``word`` is written in ``text``, overlapping ones included."""
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


def _add_place_products(sentences: list[Sentence], out: Resolved) -> None:
    """Specialties and ports named after their place: 元阳红米, 城口老腊肉, 杨柳青年画; 珲春口岸."""
    stems = sorted({_place_stem(n) for e in out.entities.values() if e.kind in PLACE_KINDS
                    for n in {e.label, *e.aliases}}, key=len, reverse=True)
    for s in sentences:
        for stem in stems:
            for at in _offsets(s.norm, stem):
                for rx, kind in ((_product_after_stem(), "Product"), (_PORT_AFTER_STEM, "Port")):
                    hit = rx.match(s.norm, at + len(stem))
                    if not hit or kind == "Product" and set(hit.group(1)) & _NOT_IN_PRODUCT:
                        continue
                    start, end = s.start + at, s.start + hit.end()
                    # the stem may be a mention of its place already (九龙 in 九龙红米): the product holds it
                    if not any(a < end and start < b and not (start <= a and b <= start + len(stem))
                               for a, b in out.covered(s.index)):
                        name = s.norm[at:hit.end()]
                        key = f"product:{name}" if kind == "Product" else f"place:{name}"
                        out.add(Mention(start, end, name, kind, s.index, "rule"), key, name, kind)


def _add_named_goods(sentences: list[Sentence], out: Resolved) -> None:
    """Goods of the products lexicon (脐橙, 肉牛, 羽绒被) wherever the text names them outside another name: in
    this genre a crop, a breed or a ware is named because it is grown, raised, made or sold."""
    for s in sentences:
        covered = out.covered(s.index)
        for hit in products().alone.finditer(s.norm):
            start, end = s.start + hit.start(), s.start + hit.end()
            if not any(a < end and start < b for a, b in covered):
                word = hit.group(0)
                out.add(Mention(start, end, word, "Product", s.index, "rule"), f"product:{word}", word, "Product")


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
        stems = {place}
        for i in range(len(place) - 1):  # 湖南省长沙市第一中学: 长沙市一中, 长沙一中 as well
            d = register().by_name.get(place[i:])
            if d and len(d) == 1:
                stems |= {place[i:], *short_names_of(d[0])}
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
            for at in _offsets(s.norm, short):
                start, end = s.start + at, s.start + at + len(short)
                nxt = s.norm[at + len(short):at + len(short) + 2]
                inside = any(a <= start < b or a < end <= b for a, b in out.covered(s.index))
                # 天乡 in 天乡茶叶 is a brand's word, not the company
                brand_word = short not in declared and nxt and _HAN_CHAR.match(nxt) and nxt[0] not in _AFTER_NAME \
                    and nxt not in ("公司", "集团") and not (short in place_names and s.norm.startswith(starts, at + len(short)))
                if not inside and not brand_word:
                    e = out.entities[key]
                    out.add(Mention(start, end, short, e.kind, s.index, "alias"), key, e.label, e.kind)


_REPEATED_KINDS = {"Village", "Town", "Township", "Subdistrict", "School", "Hospital"}


def _add_repeated_names(sentences: list[Sentence], out: Resolved) -> None:
    """A village, town, school or hospital the model found once is the same wherever its whole name is written
    again (向许家冲村捐资, where the model read 许家/LOC 冲/v 村/n), unless two bodies bear the name."""
    by_label: dict[str, list[str]] = {}
    for key, e in out.entities.items():
        if e.kind in _REPEATED_KINDS and len(e.label) >= 3:
            by_label.setdefault(e.label, []).append(key)
    for label, keys in sorted(by_label.items()):
        if len(keys) > 1:
            continue
        e = out.entities[keys[0]]
        for s in sentences:
            for at in _offsets(s.norm, label):
                start, end = s.start + at, s.start + at + len(label)
                if not any(a < end and start < b for a, b in out.covered(s.index)):
                    out.add(Mention(start, end, label, e.kind, s.index, "alias"), e.key, e.label, e.kind)


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
        for hit in _BARE_OBJECT.finditer(s.norm):  # 向医院捐赠, 为医院购置
            found.append((s.start + hit.start(1), s.start + hit.end(1), hit.group(1), _BARE_KINDS[hit.group(1)]))
        for hit in _EVENT_COREF.finditer(s.norm):
            found.append((s.start + hit.start(), s.start + hit.end(), hit.group(0), ("Event:" + hit.group(2),)))
        for start, end, word, kinds in found:
            if any(a <= start < b for a, b in out.covered(s.index)):
                continue
            target = None
            if (word, kinds) in _SELF_COREF or word in _BARE_KINDS:
                target = next((key for _, key in ordered if out.entities[key].kind in kinds), None)
            # 日照市人民医院对该院实行帮扶: 该院 is not the subject of its own clause, but the one named before it
            clause = s.start + max((m.end() for m in _CLAUSE_MARK.finditer(s.norm, 0, start - s.start)), default=0)
            # 该院骨科医生林某挂任乙县人民医院副院长: not the body the same clause goes on to name
            close = _CLAUSE_MARK.search(s.norm, end - s.start)
            later = {key for pos, key in ordered if end <= pos < (s.start + close.start() if close else s.end)}
            earlier = [key for pos, key in reversed(ordered) if pos < clause and key not in later] + \
                [key for pos, key in reversed(ordered) if clause <= pos < start and key not in later]
            if word in _TEAM_WORDS:
                earlier = sorted(earlier, key=lambda k: not out.entities[k].label.endswith(word))
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
