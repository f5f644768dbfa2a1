"""The sector of an assistance record: from the words of its clause, the parties, or the section heading.

Sectors are SKOS concepts (``vocab.SECTORS``); a stated pairing with no field named is ``general``.
"""
from __future__ import annotations

import re

from .model import Entity, Sentence

_SECTOR_WORDS: list[tuple[str, re.Pattern[str]]] = [
    ("donation", re.compile(r"捐|募集|募捐|爱心款|善款")),
    ("consumption", re.compile(r"消费|采购|购买|收购|保底销售|销售协议|帮助销售|代销|订单|展销|认购|直供|带货")),
    ("health", re.compile(r"医疗|医院|卫生|医生|医护|义诊|健康|诊疗|医联体|就医|病|院对院|护理|保健")),
    ("education", re.compile(r"教育|学校|教师|教学|支教|学生|校长|教研|课堂|校对校|小学|中学|幼儿园|送教|名师")),
    ("employment", re.compile(r"就业|招聘|岗位|务工|劳务|用工|求职|转移就业|职业技能")),
    ("talent", re.compile(r"干部|人才|挂职|跟岗|顶岗|传帮带|智力|锻炼")),
    ("infrastructure", re.compile(r"基础设施|道路|公路|产业路|通村路|通组路|水利|饮水|供水|自来水|水厂|住房|农房|危房|"
                                  r"安置房|安置小区|安置点|电网|电力|供电|电站|光伏|输配电|线路|桥梁|修建|硬化|改造|安居|管网|"
                                  r"校舍|援建")),
    ("governance", re.compile(r"党建|治理|两委|基层组织|联席会议|结对共建|基层党|第一书记|驻村")),
    ("industry", re.compile(r"产业|种植|养殖|企业|基地|招商|加工|药材|茶|农业|特色|合作社|品牌|园区|投资")),
]


def sectors_in(text: str) -> list[str]:
    return [name for name, rx in _SECTOR_WORDS if rx.search(text)]


def heading_sectors(sentences: list[Sentence], index: int) -> list[str]:
    """Sector of the nearest section heading above (产业帮扶 / 民生帮扶 / 智力帮扶)."""
    for s in reversed(sentences[:index]):
        if len(s.norm) <= 16 and not re.search(r"[。，,！？]", s.norm):
            found = sectors_in(s.norm)
            if found:
                return found[:1]
            if "智力" in s.norm:
                return ["talent"]
    return []


def sector_for(clause: str, sentence: Sentence, sentences: list[Sentence], trigger: str, role: str,
               p: Entity | None, r: Entity | None) -> list[str]:
    """Up to four sectors the clause names; else the donation or purchase the trigger is; else what the
    parties are (a hospital: health); else the sentence's or the heading's; else ``general``."""
    if role in ("donation", "delivery"):
        return ["donation"]
    if role == "purchase":
        return ["consumption"]
    found = sectors_in(clause)
    if found:
        return found[:4]
    if role == "pairing":
        return ["general"]  # 甲区对口帮扶乙县以来: a stated pairing, no field named
    kinds = {e.kind for e in (p, r) if e is not None}
    if "Hospital" in kinds:
        return ["health"]
    if "School" in kinds:
        return ["education"]
    found = sectors_in(sentence.norm)
    if found:
        return found[:1]
    return heading_sectors(sentences, sentence.index) or ["general"]
