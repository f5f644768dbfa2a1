"""Dates the text states, resolved against the year it implies; never invented.

A document's year is the year a sentence pins to 今年 ("今年10月20日，…2021年…") or else the latest
year mentioned outside a plan or forecast (预计到2025年 is not when the article was written).  Month-day
dates (12月2日) and 今年/去年/明年 take that year; without one they stay partial or unknown.
"""
from __future__ import annotations

import re

from .model import Sentence

_YEAR = re.compile(r"(?<![0-9])((?:19|20)\d{2})年")
_FUTURE = re.compile(r"((?<!截)到|(?<!截)至|预计|计划|力争|目标|前|以前|之前|规划)$")
_FULL = re.compile(r"(?<![0-9])((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})[日号]")
_SOURCE_LINE = re.compile(r"来源[：:]|作者[：:]|编辑[：:]|浏览|点击")  # a web page's source line: its date is the page's
_STAMP = re.compile(r"(?:发布时间|发布日期|发稿时间|时间|日期)[：:]\s*((?:19|20)\d{2})[年\-/.](\d{1,2})[月\-/.](\d{1,2})")
_GOAL = re.compile(r"(如期|底前|前|将|要|全面)")  # 2020年如期脱贫摘帽: a goal, not when it was written
_MONTH_DAY = re.compile(r"(今年|去年|明年|前年)?(?<![0-9])(\d{1,2})月(\d{1,2})[日号]")
_RELATIVE = {"今年": 0, "去年": -1, "明年": 1, "前年": -2}


def document_year(sentences: list[Sentence]) -> int | None:
    pinned: list[int] = []
    seen: list[int] = []
    for s in sentences:
        years = [(int(m.group(1)), m.start()) for m in _YEAR.finditer(s.norm)]
        if "今年" in s.norm and len({y for y, _ in years}) == 1:
            pinned.append(years[0][0])
        for year, pos in years:
            after = s.norm[pos + 5:pos + 9]
            if not _FUTURE.search(s.norm[max(0, pos - 4):pos]) and "年以来" not in s.norm[pos:pos + 4] \
                    and not _GOAL.match(after):
                seen.append(year)
    if pinned:
        return max(pinned)
    return max(seen) if seen else None


def document_date(sentences: list[Sentence]) -> str | None:
    """A full date in the first lines (a dateline) if there is one; else the day of the one event the article
    dates (本报讯 4月18日，…联席会议召开 in a 2024 article), when it dates no other; else the document year.
    A web page's publication stamp (发布时间：2018年09月14日) is when it went online: the event its lead dates
    (9月13日，…签约仪式举行) is the article's date, in the stamp's year."""
    for i, s in enumerate(sentences[:3]):
        stamp = _STAMP.search(s.norm) or (_FULL.search(s.norm) if _SOURCE_LINE.search(s.norm) else None)
        if stamp:
            year, month = int(stamp.group(1)), int(stamp.group(2))
            event = next((m for t in sentences[i + 1:i + 4] for m in _MONTH_DAY.finditer(t.norm)
                          if m.group(1) in (None, "今年")), None)
            if event is None:
                return f"{year:04d}"  # when the page went online, not when anything it reports happened
            month_, day = int(event.group(2)), int(event.group(3))
            return f"{year - (month_ > month):04d}-{month_:02d}-{day:02d}"  # (a December event, a January page)
        m = _FULL.search(s.norm)
        if m:
            return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    year = document_year(sentences)
    days = {(m.group(2), m.group(3)) for s in sentences for m in _MONTH_DAY.finditer(s.norm)}
    lead = [m for s in sentences[:3] for m in _MONTH_DAY.finditer(s.norm) if m.group(1) in (None, "今年")]
    if year and lead and len(days) == 1:
        return sentence_date(sentences[next(i for i, s in enumerate(sentences[:3]) if _MONTH_DAY.search(s.norm))], year)
    return str(year) if year else None


def sentence_date(sentence: Sentence, year: int | None) -> str | None:
    """The date a sentence states, as ISO text (YYYY-MM-DD or YYYY), if it states one."""
    m = _FULL.search(sentence.norm)
    if m:
        return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    m = _MONTH_DAY.search(sentence.norm)
    if m and year is not None:
        y = year + _RELATIVE.get(m.group(1) or "今年", 0)
        month, day = int(m.group(2)), int(m.group(3))
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{y:04d}-{month:02d}-{day:02d}"
    m = _YEAR.search(sentence.norm)
    if m and not _FUTURE.search(sentence.norm[max(0, m.start() - 4):m.start()]):
        return m.group(1)
    for word, delta in _RELATIVE.items():
        if word in sentence.norm and year is not None:
            return str(year + delta)
    return None
