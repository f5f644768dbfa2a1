"""Mentions → entities: one entity per thing, however many ways the article names it.

* Places resolve against the division register (九龙 and 九龙县 are one place, 513324); townships and
  villages, which the register lacks, hang under the division written before them.
* Organisation names are parsed into a place prefix and the rest; short forms (区妇幼保健院) take the
  article's district, and the identity key uses the division code, so 青白江区人民医院 is the same
  node in every article whether or not it says 成都市 first.
* Companies are also found by their short name (中康源 for 四川中康源医药有限公司), and 该校/该院/
  此次招聘会 point back to the last entity of that kind (``aliases.py``).
"""
from __future__ import annotations

import re
from collections import Counter

from .kinds import BATCH, org_kind, place_kind, without_batch
from .lexicon import products, triggers
from .mentions import PROVINCE_ABBREVIATIONS
from .model import Mention, Sentence
from .aliases import HAN, find_aliases
from .places import Division, all_divisions, register
from .resolved import Resolved
from .vocab import ORG_KINDS, PLACE_KINDS

_DIVISION_KINDS = {"Province", "Prefecture", "City", "County", "District"}
_LOCAL_KINDS = {"Township", "Town", "Village", "Subdistrict"}
_LEVEL_CHARS = set("省市州县区旗乡镇村街")
_SHORT_LEVEL = {"区": "District", "县": "County", "市": "City", "州": "Prefecture", "乡": "Township", "镇": "Town"}
_LOCAL_PLACE = re.compile(rf"[{HAN}]{{2,5}}?(?<!农)(?<!城)(?:街道|(?<![同老])乡|镇|(?<![农乡])村|社区)")  # (同乡会, 老乡: no township)
_LEGAL = re.compile(r"(股份有限公司|有限责任公司|有限公司|股份公司|集团公司|公司|集团)$")
_TRADE = re.compile(
    r"(医药|药业|茶业|茶叶|科技|农业|食品|生物|实业|贸易|商贸|发展|投资|建设|建筑|工程|物流|电子|信息|文化|"
    r"旅游|传媒|能源|环保|原生态|生态|农牧|畜牧|牧业|水产|制药|健康|餐饮|酒业|电商|电子商务|网络|技术|服务|"
    r"开发|管理|咨询|置业|房地产|农产品|特产|实业|销售|电力|石油|化工|矿业|水务|燃气|物资|乳业|种业|果业)$"
)
_GENERIC_REST = {"学校", "企业", "公司", "部门", "单位", "机构", "医疗机构", "中小学", "小学", "中学",
                 "合作社", "园区", "基地", "政府", "乡镇", "干部", "群众", "人才", "学生", "教师", "团队"}
_OWN_COMMITTEE = re.compile(r"(.{4,}?)(党委|党组|党总支|党支部)")
_WITH_COMMITTEE = {"Hospital", "School", "Company"}
_NEVER_ONE = {"企业", "公司", "部门", "单位", "机构", "医疗机构", "干部", "群众", "人才", "学生", "教师", "乡镇"}
_NO_DIVISION = Division("", "", "", None, 0)
_ONE_PER_DIVISION = {"政府"}  # 秀山县政府 is the county's one government, though 政府 alone names none


_INSTITUTION_HEADS = {"医院", "小学", "中学"}  # 西青医院 names one hospital; 福州企业 names no company
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
        """The division ``name`` stands for, among the places the article names alone or at the head of a
        name (东乡 after 东乡族自治县人民政府: the county, not 抚州's 东乡区)."""
        return register().resolve(name, self.context | self.named | set(near))

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
                if rest[:size] != d.name and (rest[size] in _LEVEL_CHARS or not self.nearby(d)
                                              or rest[size + 1:size + 2] in _LEVEL_CHARS and len(rest) == size + 2):
                    continue  # 柳林镇 is no 柳林县, 江西坡镇 no 江西 坡镇; a short form counts only near the article's places
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
            if d is not None and d.level == 3 and m.text != d.name and counts[m.text] < 2 and not places.supported(d) \
                    and not m.text.endswith(("县", "旗")):  # (元江县 for 元江哈尼族彝族傣族自治县 is a county)
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
                head = sentence.norm[:previous[0].start - sentence.start]
                joined = max(head.rfind(w) for w in ("与", "和", "同", "跟"))
                # (清流镇与炉霍县朱倭镇、军屯镇与…: the county written before the partner is part of its name)
                paired = joined >= 0 and (joined == len(head) - 1 or all_divisions(head[joined + 1:]))
                if gap in ("、", "和", "及", "以及") and not paired:
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
            sentence = sentences[m.sentence]
            lead = sentence.norm[m.start - sentence.start - 1] if m.start > sentence.start else ""
            if lead in ("县", "区") and m.kind in ("Hospital", "School") and text[0] not in _SHORT_LEVEL \
                    and not any(o.start < m.start <= o.end for o in mentions[m.sentence] if o is not m):
                text = lead + text  # 常驻县儒林医院: the county's hospital, 县 left out of the name the model saw
            if (m.source == "short" or text[0] in _SHORT_LEVEL) and not places.parse_prefix(text)[0]:
                level = _SHORT_LEVEL.get(text[0])
                owner = level_place(level) if level else None
                if owner is not None and owner in out.entities:
                    label = out.entities[owner].label + text[1:]
            prefix, rest = places.parse_prefix(label, level_place("County") or level_place("District"))
            batch = BATCH.match(label)
            if batch and not prefix:  # 第六批宁波援晴医疗队: the batch, then the places the team is of
                prefix, rest = places.parse_prefix(label[batch.end():], level_place("County") or level_place("District"))
                rest = batch.group(0) + rest if prefix else label
            if prefix and rest in _INSTITUTION_HEADS and prefix[-1][0] != register().by_code.get(
                    prefix[-1][1].split(":")[1], _NO_DIVISION).name and prefix[-1][2] in _DIVISION_KINDS:
                # 天津市西青医院: 西青 is part of the hospital's name, though it also says where it is
                rest = prefix[-1][0] + rest
                prefix = prefix[:-1] + [(prefix[-1][0], prefix[-1][1], prefix[-1][2], "name")]
            if not rest or not org_kind(label) and m.kind != "Event":
                continue
            one_school = rest in ("中学", "小学") and m.source == "ner" and prefix and prefix[-1][2] == "County"
            if (rest in _GENERIC_REST or rest.endswith("企业") and len(rest) <= 4 or rest.endswith("乡镇卫生院")
                    or rest == "镇卫生院") and label == text and (
                    not prefix or prefix[-1][2] in _DIVISION_KINDS and rest not in _ONE_PER_DIVISION
                    or rest in _NEVER_ONE) and not one_school:
                # (琼结县中学, tagged whole by the model, is the county's one middle school)
                continue  # 九龙县学校 is "the county's schools"; 三岩龙乡小学 is one school
            if m.kind == "Company" and rest[:-2] in short_names and rest.endswith(("公司", "集团")):
                company = out.entities[short_names[rest[:-2]]]  # 泉润公司 → 山东鲁中泉润食品有限公司
                out.add(m, company.key, company.label, company.kind)
                continue
            ordinal = BATCH.match(rest)
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
                            and without_batch(k.rsplit("/", 1)[-1]) == rest), key)
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
            body = _OWN_COMMITTEE.fullmatch(label)
            if body and org_kind(body.group(1)) in _WITH_COMMITTEE and text.endswith(body.group(2)):
                # 浙江大学医学院附属第一医院党委: the hospital is a body too, whose titles follow (党委委员、副院长)
                n = len(body.group(2))
                body_kind = org_kind(body.group(1))
                out.add(Mention(m.start, m.end - n, text[:-n], body_kind, m.sentence, "prefix"), key[:-n],
                        body.group(1), body_kind, location=parent)
            if kind == "Company":
                for short in _short_name(label, rest):
                    short_names.setdefault(short, key)
        elif m.kind == "Person":
            if len(m.text) == 2 and all(ch in abbreviations for ch in m.text):
                continue  # 甬珲, 苏陕: the two sides of a pairing in shorthand
            d = places.division(m.text)
            if d is not None and d.code in places.context and places.supported(d):
                add_place(m, m.text, _place_key(d), d.kind, None, d.code)  # 武进 tagged as a person
            else:
                out.add(m, f"person:{m.text}", m.text, "Person")
        elif m.kind == "Product":
            stripped = places.parse_prefix(m.text)[1] or m.text
            out.add(m, f"product:{stripped}", m.text, "Product")
    find_aliases(sentences, out, short_names)
    return out


