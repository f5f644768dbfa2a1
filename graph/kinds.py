"""Fine types from a name's ending: 医院 → Hospital, 商会 → Association, 乡 → Township …

Chinese institutional names end in a head noun that says what they are, so the ending decides the
kind; the NER tag only breaks ties (a LOC ending in nothing known is a generic place).
"""
from __future__ import annotations

import re

#: endings that make a name an event on their own (大会 and 活动 need more context)
EVENT_HEADS = (
    "博览会|交易会|招聘会|洽谈会|推介会|展销会|座谈会|对接会|培训班|研讨会|论坛|运动会|艺术节|文化节|旅游节|"
    "推进会|现场会|交流会|观摩会|招商会|发布会|峰会|签约仪式|启动仪式|捐赠仪式|联席会议|工作会议|产销对接会|"
    "消费帮扶周|消费帮扶月"
)
# Order matters: the first matching ending wins (医院集团 is a hospital, not a company).
_ORG_ENDINGS: list[tuple[str, str]] = [
    ("Event", rf"({EVENT_HEADS}|代表大会|大会|义诊活动|活动)"),
    ("Hospital", r"(医院集团|医院|卫生院|保健院|卫生服务中心|诊所|医疗集团|医共体|急救中心|疾控中心|疾病预防控制中心)"),
    ("School", r"(职业技术教育中心|职教中心|小学校|小学|中学|大学|学院|学校|幼儿园|职校|职中|一中|二中|三中|高中|初中|技校|党校|教学点|完小)"),
    ("Team", r"(工作队|工作组|专家队|医疗队|服务队|突击队|专家团|工作团|支教团|帮扶队|援藏队|援疆队|小分队|团队|管理组|工作[组队][\u4e00-\u9fff]{1,4}小组)"),
    ("Base", r"(基地)"),
    ("Park", r"(产业园|工业园|示范园|科技园|物流园|园区|创业园|农业园|开发区|新区|合作区)"),
    ("Association", r"(商会|协会|学会|基金会|联合会|促进会|联盟|研究会|慈善总会|慈善会|总会|同乡会|联谊会|红十字会|工商联|侨联|妇联|残联|科协|文联)"),
    ("Company", r"(有限公司|有限责任公司|股份公司|公司|集团|厂|合作社|农场|牧场|茶厂|酒店|银行|超市|商行|工作室|企业)"),
    ("GovernmentBody", r"(人民政府|政府|管委会|领导小组|人社局|(?<![格布大全结当开时政定饭僵终残出])局|委员会|(?<=[党纪工政县市区州省镇乡村卫健康教发改科])委|"
                       r"办公室|(?<![举承主创开协督])办|厅|人大|人大常委会|政协|党委|党工委|法院|检察院|研培中心|发展中心|"
                       r"服务中心|(?<!融媒体)(?<!新闻)中心|(?<![车网兵电])站|(?<![场住处厕])所|(?<![全内外东西南北中干局腹头背总俱支])部|(?<![部])署)"),
    ("Organization", r"(兵团第[一二三四五六七八九十]+师|生产建设兵团|总工会|工会|联合社|供销社|研究院|研究所|(?<![庭四合剧])院|(?<![宾旅饭])馆|车间|工坊|帮扶车间|扶贫车间|"
                     r"新华社|通讯社|报社|日报|晚报|(?<=[公民商])报|(?<=[山经华])网|新闻网|电视台|融媒体中心|新闻中心|融媒|党支部)"),
]
_ORG_RE = [(kind, re.compile(pattern + "$")) for kind, pattern in _ORG_ENDINGS]

_PLACE_ENDINGS: list[tuple[str, str]] = [
    ("Subdistrict", r"街道(办事处)?"),
    ("Village", r"(村|社区|居委会|嘎查)"),
    ("Town", r"镇"),
    ("Township", r"(乡|苏木)"),
    ("County", r"(县|旗)"),
    ("District", r"区"),
    ("Prefecture", r"(自治州|州|地区|盟)"),
    ("City", r"市"),
    ("Province", r"(省|自治区)"),
    ("River", r"(江|河|川|溪)"),
    ("Port", r"(港|口岸|铁路港|空港|码头)"),
]
_PLACE_RE = [(kind, re.compile(pattern + "$")) for kind, pattern in _PLACE_ENDINGS]

ORG_ENDING = re.compile("(" + "|".join(p for k, p in _ORG_ENDINGS if k != "Organization") + "|车间|工坊|融媒体中心|新闻中心|党支部)$")


#: a team's batch (第十一批): part of its name, written before or after the places it is of
BATCH = re.compile(r"第[0-9一二三四五六七八九十]+批")


def without_batch(name: str) -> str:
    """The name less a batch it starts with (第五批渭南援革吉医疗队 → 渭南援革吉医疗队)."""
    batch = BATCH.match(name)
    return name[batch.end():] if batch else name


def org_kind(name: str) -> str | None:
    """The organisation (or event) kind a name's ending implies, or ``None``."""
    for kind, rx in _ORG_RE:
        if rx.search(name):
            return kind
    return None


def place_kind(name: str) -> str | None:
    for kind, rx in _PLACE_RE:
        if rx.search(name):
            return kind
    return None


def kind_of(name: str, tag: str) -> str | None:
    """Kind of a candidate name given the NER tag (PER/LOC/ORG/nz …); ``None`` drops it."""
    if tag == "PER":
        return "Person"
    if tag == "LOC":  # LAC tags some parks and bases as places
        kind = org_kind(name)
        return kind if kind in ("Park", "Base", "Event") else place_kind(name) or "Place"
    if tag == "ORG":
        return org_kind(name) or "Organization"
    return org_kind(name)
