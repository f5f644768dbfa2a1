"""People's posts: a person, a title and the organisation the title belongs to.

Forms of the genre: ORG[科室]TITLE PERSON (浙江省人民医院心血管内科主任周立群), PERSON，ORG TITLE, PERSON TITLE
(张明院长), 作为ORG TITLE，PERSON, PERSON挂任/担任/原为 ORG TITLE, 现任ORG TITLE的PERSON, chained titles of one person
(区委副书记、区长王明; 县委常委、副县长李强), bylines (记者 甲 乙) and 公司/车间 TITLE for the one just named.

A title such as 区长 or 县委常委 names its organisation only by level: it is the government (人民政府) or the
party committee (委) of the article's division of that level, the one named last before the title — so 区委 in
an article about 西湖区 is 西湖区委, created as an entity when the text never spells it out.
"""
from __future__ import annotations

import re

from .context import Context
from .lexicon import titles
from .mentions import SURNAME_TITLES
from .model import Entity, Mention, Post, Sentence
from .vocab import ORG_KINDS, PLACE_KINDS

# what may stand between an organisation and a title: a department (心血管内科, 发展策划部), maybe after 的
_DEPARTMENT = re.compile(r"(?:[（(][^）)]{0,30}[）)]|[”\"]?[）)])?(?:的?[\u4e00-\u9fff]{1,8}?(科|部|处|室|办|所|系|组|中心|车间|分公司)"
                         r"|党委|党组|党总支|团委|工会)?")
# 选派的专家、骨科: a body's sending, then who is sent and from which department
_SENT = re.compile(r"(?:选派|派驻|派出|派遣|委派|派来)的(?:[\u4e00-\u9fff]{1,6}、)?(?:[\u4e00-\u9fff]{1,8}?(?:科|部|室|中心))?")
_TAKES_POST = re.compile(r"(挂任|挂职|担任|兼任|出任|现任|原任|原为|职务为|任|是|系)$")
_BARE_KINDS = {"公司": {"Company"}, "集团": {"Company"}, "银行": {"Company"}, "大学": {"School"}, "企业": {"Company"}, "车间": {"Organization", "Company"}, "基地": {"Base"}, "医院": {"Hospital"},
               "学校": {"School"}, "工作队": {"Team"}, "工作组": {"Team"}, "协会": {"Association"},
               "商会": {"Association"}, "合作社": {"Company"}, "园区": {"Park"}, "该校": {"School"},
               "该院": {"Hospital"}, "该公司": {"Company"}, "院": {"Hospital"}, "我院": {"Hospital"},
               "医疗队": {"Team"}, "专家团": {"Team"}, "服务队": {"Team"}, "支教团": {"Team"}, "指挥部": {"GovernmentBody"},
               "工作站": {"GovernmentBody", "Organization", "Team"}, "服务站": {"GovernmentBody", "Organization", "Team"}}
_BY_SUFFIX = {"工作站", "服务站"}  # bare words that name no kind of their own: the body must end with them
_BARE_HEAD = re.compile("(" + "|".join(sorted(_BARE_KINDS, key=len, reverse=True)) + ")$")
_BYLINE = ("记者", "通讯员")
_DEPARTMENT_OF = re.compile(r"、((?:组织|宣传|统战|政法|社会工作)部)")  # a committee's departments
_ASIDE = re.compile(r"[（(](?:挂职|兼|主持工作|援藏|援疆|援青|援川|援黔|援滇|援桂|挂任)[）)]")
# the title's holder described between the title and the name: 的/，/、 then where the cadre is from and what
_DESCRIBED = re.compile(r"[的，,、][^，,。；;：:“”\"、（）()]{0,10}?(?:干部|专家|人才|企业家)")
_CHAINED = ("、", "兼")  # one person's titles in a row: 区委副书记、区长; 副院长兼心内科主任
_HELD_BY = re.compile(r"由([^，,。；;：:]{2,40}?)(?:担任|出任|兼任)")
_SAME_PERSON = re.compile(r"[^，,。；;：:“”\"]{2,24}")  # an organisation between two titles of one person
_GOVERNING = re.compile(r"(人民政府|政府|委|党组)$")
_OWN_PARTY = {"School", "Hospital", "Company", "Association", "Organization"}  # bodies with their own 党委
_MEDIA = re.compile(r"(新华社|通讯社|日报|晚报|报社|报|网|电视台|融媒体中心)$")
_KIND_OF_TITLE = {"校长": {"School"}, "副校长": {"School"}, "院长": {"Hospital"}, "副院长": {"Hospital"},
                  "执行院长": {"Hospital"}, "队长": {"Team"}, "副队长": {"Team"}, "领队": {"Team"}}
SURNAME_TITLE = re.compile(rf".({SURNAME_TITLES})")
# level characters → the kinds of division they stand for
_LEVEL = {"省": ("Province",), "市": ("City", "Province"), "州": ("Prefecture",), "县": ("County",),
          "区": ("District",), "旗": ("County",), "镇": ("Town",), "乡": ("Township",)}
# 县委常委 / 区委副书记: the party committee of the level; 县长 / 副区长: its government
_PARTY_TITLE = re.compile(r"([省市州县区旗])委$")
_GOVERNMENT_TITLE = re.compile(r"^(?:常务)?副?([省市州县区旗镇乡])长$")


def read_posts(ctx: Context, s: Sentence, posts: list[Post]) -> None:
    """Append the posts sentence ``s`` states to ``posts`` (and remember whom each person acts for)."""
    mentions = ctx.mentions(s.index)
    people = [(m, k) for m, k in mentions if ctx.entities[k].kind == "Person"]
    person_keys = {k for _, k in people}
    found: list[tuple[re.Match, list[str], str | None]] = []
    for t in _titles(s, mentions):
        a, b = s.start + t.start(), s.start + t.end()
        org = _title_org(ctx, s, mentions, a, t.group(0) in titles().ranks) or _implied_org(ctx, s, t)
        if org is not None and ctx.entities[org].kind in PLACE_KINDS and _GOVERNMENT_TITLE.match(t.group(0)):
            org = _government(ctx, ctx.entities[org])  # 武清区副区长: the district's government, if it is named
        after = s.norm[t.end():]
        aside = _ASIDE.match(after)
        if aside:  # 副县长（挂职）丛建军: an aside between the title and the name
            b += aside.end()
            after = after[aside.end():]
        # the name right after the title, or after a space or colon (记者 吴斌, 责任编辑：叶青; not 县委书记；李文华，
        # 县长: a pause between)
        right_after = [(m, k) for m, k in people
                       if m.start == b or m.start == b + 1 and (s.norm[b - s.start].isspace() or s.norm[b - s.start] in "：:")]
        names = [k for _, k in right_after]
        if names:  # 县领导赵春林、王丽娟: every name of the list holds the title
            last = max(m.end for m, k in right_after if k == names[0])
            for m, k in people:
                if m.start == last + 1 and s.norm[last - s.start] == "、" and k not in names:
                    names.append(k)
                    last = m.end
        if names and t.group(0) in _BYLINE:  # 记者 吴斌 王敏
            last = max(m.end for m, k in people if k == names[0])
            for m, k in people:
                if m.start > last and s.norm[last - s.start:m.start - s.start] in (" ", "、", "\u3000"):
                    names.append(k)
                    last = m.end
        if not names and after.startswith("的"):  # 现任秭归县人民政府副县长的王振东
            names = [k for m, k in people if m.start - b == 1]
        if not names:  # 挂任都安县委常委、副县长的宝安区干部陈嘉文; 静宁县委常委、副县长，武清区挂职干部李宏涛
            names = [k for m, k in people if m.start > b and _DESCRIBED.fullmatch(s.norm, b - s.start, m.start - s.start)][:1]
        held = _HELD_BY.match(after)
        if not names and held:  # 队长由渭南市中心医院普外科副主任医师宋志刚担任: the title first, its holder after 由
            names = [k for m, k in people if b < m.start and m.end <= b + held.end(1)][-1:]
        if not names:  # 张明院长: the name before its title, the organisation before the name
            # (not 通讯员 高建平）记者日前…: a bracket closes the byline, the next 记者 is no title of the name)
            adjacent = [(m, k) for m, k in people if m.end == a or m.end == a - 1 and s.norm[a - 1 - s.start].isspace()]
            if adjacent:
                names = [adjacent[-1][1]]
                if org is None or org == adjacent[-1][1]:
                    org = _title_org(ctx, s, mentions, adjacent[-1][0].start) or _implied_org(ctx, s, t)
        if not names:
            prev = [(m, k) for m, k in mentions if m.end <= a]
            # "PERSON，ORG董事长"
            # (not "甲，汪清县委副书记、县长乙": a title chained on to the next name is that name's)
            if org is not None and len(prev) >= 2 and prev[-2][1] in person_keys \
                    and prev[-1][1] == org and 0 < prev[-1][0].start - prev[-2][0].end <= 1 \
                    and not s.norm.startswith("、", t.end()):
                names = [prev[-2][1]]
        if not names and not after.startswith("的"):
            # 张建华…挂任石阡县人民政府副县长: a verb of office before the organisation (not 担任班主任的教师: the
            # title then describes who follows)
            named = max((m for m, k in mentions if k == org and m.end <= a), key=lambda m: m.end, default=None)
            verb_end = named.start if named else a
            if named is None and _PARTY_TITLE.search(s.norm, 0, a - s.start):
                verb_end -= 2  # 任县委常委: the verb stands before the committee the level names
            verb_end = ctx.written_from(s.index, verb_end)  # 任光照镇东风村第一书记: the verb stands before the town
            # (…在紫阳县人民医院挂职副院长: the verb may also stand between the organisation and the title)
            if _TAKES_POST.search(s.norm[:verb_end - s.start]) or named and _TAKES_POST.search(s.norm[:a - s.start]):
                names = [k for m, k in people if m.end <= verb_end][-1:]
        if not names:  # 黄志明（花都区挂职干部、纳雍县委常委、副县长）: the titles in a bracket after the name
            names = _bracketed_after(s, people, t)
        if not names:  # 李海波，晴隆县委常委、副县长（挂职），来自…: a clause of titles after the name
            names = _apposed(s, people, a, b)
        found.append((t, names, org))
    for i, (t, names, org) in enumerate(found):
        if not names and s.norm[t.end():t.end() + 1] in _CHAINED:  # 工作队领队、石阡县委常委陈志刚; 党委书记兼董事长
            names = next((n for _, n, _ in found[i + 1:] if n), [])
        end = t.end() + len(aside.group(0)) if (aside := _ASIDE.match(s.norm, t.end())) else t.end()
        if not names and s.norm[end:end + 1] == "，" and i + 1 < len(found) and found[i + 1][1] \
                and _SAME_PERSON.fullmatch(s.norm, end + 1, found[i + 1][0].start()) \
                and not any(s.start + end < m.start < s.start + found[i + 1][0].start() for m, _ in people):
            names = found[i + 1][1]  # 江阴市委常委、副市长，江阴市对口帮扶灌云县工作组组长钱立明: one person's titles
        dept = _DEPARTMENT_OF.fullmatch(s.norm, found[i - 1][0].end(), t.start()) if i else None
        if (org is None or ctx.entities[org].label == (dept and dept.group(1))) and dept and found[i - 1][2] \
                and ctx.entities[found[i - 1][2]].label.endswith("委"):
            # 龙华区委常委、组织部部长刘婉清: the department of the committee named by the title before
            org = _department(ctx, s, found[i - 1][2], dept.group(1), s.start + dept.start(1), s.start + t.end())
            found[i] = (t, names, org)
        if org is None and i and s.norm[found[i - 1][0].end():t.start()] in _CHAINED and found[i - 1][2]:
            # 华能西藏公司党委书记、董事长王建峰: one organisation, two titles; after 某大学党委常委 the next
            # title (副校长) is the university's own
            org = _chained_org(ctx, found[i - 1][2])
            found[i] = (t, names, org)
        if not names and i and s.norm[found[i - 1][0].end():t.start()] in _CHAINED and found[i - 1][1] \
                and not any(0 <= m.start - (s.start + t.end()) <= 1 for m, _ in people):
            names = found[i - 1][1]  # 选派张伟任晴隆县委常委、副县长，: the chained title is the same person's
        if org is None:
            org = _recent_of_kind(ctx, s, t)
        role, org = _committee_title(ctx, t.group(0), org)
        for person in names:
            _add(ctx, posts, person, role, org, s.index)
    # 马书记: the person's only name holds the title; the organisation, if any, is named just before
    for m, k in people:
        title = SURNAME_TITLE.fullmatch(m.text)
        if title:
            _add(ctx, posts, k, title.group(1), _title_org(ctx, s, mentions, m.start), s.index)
    # "作为ORG董事长，PERSON": the title and the person are separated by a comma
    for m in re.finditer(r"作为([^，,。]{2,40}?)(" + titles().pattern.pattern + r")[，,]", s.norm):
        b = s.start + m.end()
        person = next((k for mm, k in people if mm.start == b), None)
        if person:
            _add(ctx, posts, person, m.group(2), _title_org(ctx, s, mentions, s.start + m.start(2)), s.index)


def _apposed(s: Sentence, people: list[tuple[Mention, str]], a: int, b: int) -> list[str]:
    """The person named right before a clause that holds nothing but the title at ``a``…``b`` and the titles
    and bodies before it."""
    clause = max(s.norm.rfind(c, 0, a - s.start) for c in "，,；;：:")
    if clause < 0 or not re.match(r"[，,。；;]|$", s.norm[b - s.start:]) \
            or any(s.start + clause < m.start < b for m, _ in people) \
            or re.search(r"[是在任为由对向与和]", s.norm[clause + 1:a - s.start]):
        return []
    return [k for m, k in people if m.end == s.start + clause][:1]


def _bracketed_after(s: Sentence, people: list[tuple[Mention, str]], t: re.Match) -> list[str]:
    """The person a bracket holding the title ``t`` (and no name) follows right after the name."""
    opening = max(s.norm.rfind("（", 0, t.start()), s.norm.rfind("(", 0, t.start()))
    closing = re.compile(r"[^（()）]*[）)]").match(s.norm, t.end())
    if opening < 0 or closing is None or re.search(r"[）)]", s.norm[opening:t.start()]) \
            or any(s.start + opening < m.start < s.start + closing.end() for m, _ in people):
        return []
    return [k for m, k in people if m.end == s.start + opening][:1]


def _committee_title(ctx: Context, title: str, org: str | None) -> tuple[str, str | None]:
    """天津市人民医院党委副书记: the hospital's 党委副书记, as the genre says it, not the 副书记 of a committee
    entity; a committee member (党委常委) stays the committee's."""
    label = ctx.entities[org].label if org else ""
    if title == "党支部书记" and label.endswith("党支部"):
        return "书记", org  # 许家冲村党支部书记: the branch's 书记
    body = _chained_org(ctx, org) if org and label.endswith(("党委", "党组")) and title in ("书记", "副书记") else None
    return (label[-2:] + title, body) if body else (title, org)


def _chained_org(ctx: Context, previous: str) -> str | None:
    """The organisation of a title chained after one of ``previous``: the same one, unless that is a party
    committee or government (区委副书记、区长: the 区长's government is found by level, not here); the
    party committee of a university, hospital or company (西北农林科技大学党委) hands on its body."""
    label = ctx.entities[previous].label
    if not _GOVERNING.search(label):
        return previous
    body = label[:-2] if label.endswith(("党委", "党组")) else None
    return next((k for k, e in ctx.entities.items() if body and e.label == body and e.kind in _OWN_PARTY), None)


def settled(posts: list[Post]) -> list[Post]:
    """The posts of the article less a title said again without its organisation (何永贵院长说 after
    彭水县人民医院院长何永贵; 孙立新院长 after 某医院执行院长孙立新, the title said short): the same post, not a
    second one of no organisation."""
    known = {(p.person, p.role) for p in posts if p.organization}
    return [p for p in posts if p.organization or not any(person == p.person and role.endswith(p.role)
                                                          for person, role in known)]


def _titles(s: Sentence, mentions: list[tuple[Mention, str]]) -> list[re.Match]:
    """The titles of the sentence that are not inside a name; a title that begins inside one (门楼镇党委 +
    党委书记) is read from the name's end, as the shorter title it leaves (书记)."""
    out = []
    for t in titles().pattern.finditer(s.norm):
        a, b = s.start + t.start(), s.start + t.end()
        if any(m.start < b < m.end for m, _ in mentions):
            continue  # a title inside a name
        inside = next((m for m, _ in mentions if m.start < a < m.end), None)
        if inside is not None:
            t = titles().pattern.fullmatch(s.norm, inside.end - s.start, t.end())
            if t is None:
                continue
        out.append(t)
    return out


def _title_org(ctx: Context, s: Sentence, mentions: list[tuple[Mention, str]], at: int,
               rank: bool = False) -> str | None:
    """The organisation a title at ``at`` belongs to: named just before it, perhaps with a department
    between (…医院心血管内科主任), or a bare 公司/车间 meaning the last one named; a ``rank`` also belongs to
    the body that sent its holder (深圳市鹏城人民医院派驻的主任医师)."""
    for m, k in reversed(mentions):
        if m.end > at or ctx.entities[k].kind == "Person":
            continue
        gap = s.norm[m.end - s.start: at - s.start]
        seconded = gap in ("挂职", "挂任", "挂职任") and s.norm[:m.start - s.start].endswith(("在", "到"))
        # (在番禺区农业农村局挂职副局长; 来自历城区人民医院的副主任医师, 巉口镇党委的马书记: of the body before 的)
        if gap in ("", "的") or _DEPARTMENT.fullmatch(gap) or seconded or rank and _SENT.fullmatch(gap):
            e = ctx.entities[k]
            return k if e.kind in ORG_KINDS or e.kind in PLACE_KINDS else None
        break
    bare = _BARE_HEAD.search(s.norm[:at - s.start])
    if bare:
        kinds = _BARE_KINDS[bare.group(1)]
        earlier = [(m.start, k) for ms in ctx.resolved.by_sentence.values() for m, k in ms
                   if m.end <= at - len(bare.group(1)) and ctx.entities[k].kind in kinds
                   and (bare.group(1) not in _BY_SUFFIX or ctx.entities[k].label.endswith(bare.group(1)))]
        if earlier:
            return max(earlier)[1]
    return None


def _recent_of_kind(ctx: Context, s: Sentence, t: re.Match) -> str | None:
    """校长蒋文军介绍: a title only one kind of body has, said right after such a body was named (in this
    sentence or the one before), belongs to it."""
    pos = s.start + t.start()
    if t.group(0) == "记者":  # 新华社贵阳11月20日电（记者 吴斌）: the outlet of the dateline
        media = [(m.start, k) for m, k in ctx.mentions(s.index) if m.end <= pos and _MEDIA.search(ctx.entities[k].label)]
        return max(media)[1] if media else None
    kinds = _KIND_OF_TITLE.get(t.group(0))
    if kinds is None:
        return None
    named = [(m.start, k) for i in (s.index - 1, s.index) for m, k in ctx.mentions(i)
             if m.end <= pos and ctx.entities[k].kind in kinds]
    return max(named)[1] if named else None


def _implied_org(ctx: Context, s: Sentence, t: re.Match) -> str | None:
    """区委副书记 / 县委常委 / 副县长 with no organisation written before them: the party committee or the
    government of the division of that level named last (in this sentence or before)."""
    before = s.norm[:t.start()]
    party = _PARTY_TITLE.search(before)
    if party and not _named_before(ctx, s, t.start() - 2):
        # 双江县委书记, 正镶白旗旗委常委: the division named right before the committee, in the form written
        return _body(ctx, s, t, party.group(1), "委", _written_division(ctx, s.norm[:party.start() + 1]))
    government = _GOVERNMENT_TITLE.match(t.group(0))
    if government and not party:
        return _body(ctx, s, t, government.group(1), "人民政府")
    if t.group(0) == "党支部书记" and before.endswith("村"):
        return _village_branch(ctx, s, t)
    return None


def _village_branch(ctx: Context, s: Sentence, t: re.Match) -> str | None:
    """许家冲村党支部书记 / 村党支部书记: the party branch of the village named right before, or of the one named
    last when the text says only 村."""
    pos = s.start + t.start()
    named = [(m.end == pos, m.start, k) for k, e in ctx.entities.items() if e.kind == "Village"
             for m in e.mentions if m.end <= pos]
    if not named:
        return None
    village = ctx.entities[max(named)[2]]
    key = f"{village.key}/党支部"
    if key not in ctx.entities:
        ctx.entities[key] = Entity(key=key, label=village.label + "党支部", kind="Organization",
                                   aliases={village.label + "党支部"}, location=village.key)
    ctx.entities[key].mentions.append(Mention(pos, s.start + t.end(), t.group(0), "Organization", s.index, "implied"))
    return key


def _written_division(ctx: Context, before: str) -> tuple[str, str] | None:
    """The division whose name (or short form) ``before`` ends with, its level character included (双江县 of
    双江县委) or said again (正镶白旗 of 正镶白旗旗委): its key and the name as written."""
    level = before[-1]
    best: tuple[int, str] | None = None
    for k, e in ctx.entities.items():
        if e.kind not in _LEVEL[level]:
            continue
        for form in {e.label} | e.aliases:
            n = len(form) if before.endswith(form) else len(form) + 1 if before[:-1].endswith(form) else 0
            if len(form) >= 2 and n and (best is None or n > best[0]):
                best = (n, k)
    return (best[1], before[-best[0]:] + "委") if best else None


def _named_before(ctx: Context, s: Sentence, offset: int) -> bool:
    """Whether a name ends right at ``offset`` of the sentence (九龙县委: the committee is named)."""
    return any(m.end == s.start + offset + 2 for m, _ in ctx.mentions(s.index))


def _government(ctx: Context, place: Entity) -> str | None:
    """The division's government when the article names it (元阳县人民政府, 县政府); a 县长 of an article
    that never names it is left without an organisation rather than given one the text does not state."""
    return next((k for k, e in ctx.entities.items() if e.kind == "GovernmentBody" and e.location == place.key
                 and re.search(r"(人民政府|政府)$", e.label)), None)


def _body(ctx: Context, s: Sentence, t: re.Match, level: str, suffix: str,
          written: tuple[str, str] | None = None) -> str | None:
    """The committee or government of the division of ``level`` named last, or of the one ``written`` right
    before the committee (its key and the committee's name as the text writes it: 双江县委 of 双江拉祜族佤族
    布朗族傣族自治县)."""
    pos = s.start + t.start()
    # (each division's own mentions: a place inside an event's name, 莱西市—两当县东西部协作联席会议, is named too)
    named = [(m.start, k) for k, e in ctx.entities.items() if e.kind in _LEVEL[level] and e.code
             and e.label.endswith(level) for m in e.mentions]
    earlier = [x for x in named if x[0] < pos]
    if not earlier and not named and not written:
        return None
    place = ctx.entities[written[0] if written else max(earlier)[1] if earlier else min(named)[1]]
    if suffix == "人民政府":
        return _government(ctx, place)
    if suffix == "委" and place.kind in ("Town", "Township"):
        suffix = "党委"
    key = f"org:{place.key.split(':', 1)[1]}/{suffix}"
    if key not in ctx.entities:
        ctx.entities[key] = Entity(key=key, label=place.label + suffix, kind="GovernmentBody",
                                   aliases={place.label + ("政府" if suffix == "人民政府" else suffix)},
                                   location=place.key)
    if written and suffix == "委":
        ctx.entities[key].aliases.add(written[1])
    # the title is where the text names the body, though not by its name
    ctx.entities[key].mentions.append(Mention(pos, s.start + t.end(), t.group(0), "GovernmentBody", s.index,
                                              "implied"))
    return key


def _department(ctx: Context, s: Sentence, committee: str, name: str, start: int, end: int) -> str:
    """The committee's department (龙华区委组织部), an entity of its own where the text writes it only so."""
    c = ctx.entities[committee]
    key = f"{committee}/{name}"
    if key not in ctx.entities:
        ctx.entities[key] = Entity(key=key, label=c.label + name, kind="GovernmentBody", location=c.location,
                                   aliases={c.label + name})
    ctx.entities[key].mentions.append(Mention(start, end, name, "GovernmentBody", s.index, "implied"))
    return key


def _more_local(ctx: Context, org: str, than: str) -> bool:
    """Whether body ``org`` is of a division inside ``than``'s (翁牛特旗委 inside 赤峰市委's 赤峰市)."""
    a, b = ctx.division(org), ctx.division(than)
    return a is not None and b is not None and a != b and ctx.within(a, b)


def _add(ctx: Context, posts: list[Post], person: str, role: str, org: str | None, index: int) -> None:
    """A post of ``person``; a place is no organisation (白果坪村第一书记: the village's first secretary holds
    no post of a body the text names), though the person still acts for the place."""
    if org is not None:
        for acts, key in ((ctx.person_org, person), (ctx.post_here, (person, index))):
            if key not in acts or _more_local(ctx, org, acts[key]):
                acts[key] = org  # (赤峰市委常委、翁牛特旗委书记: she speaks for the banner)
        if ctx.entities[org].kind in PLACE_KINDS:
            org = None
    if any(p.person == person and p.role == role and p.organization == org for p in posts):
        return
    posts.append(Post(person, role, org, role in titles().heads and org is not None, index))
