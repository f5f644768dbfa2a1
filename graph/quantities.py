"""Quantities: money normalised to yuan, counts with their units, approximations marked.

6488.19万元 → 64881900 CNY; 13万余元 → 130000 CNY, approximate; 400余亩 → 400 亩, approximate;
近百名 / 超5000万元 / 约3000人 / 100多人 / 200人左右 are approximate too.  Years, dates, ordinals
(第六批) and percentages are not quantities.
"""
from __future__ import annotations

import re
from decimal import Decimal

from .model import Quantity, Sentence

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_MULT = {"万": Decimal(10_000), "亿": Decimal(100_000_000), "千": Decimal(1000), "百": Decimal(100)}
COUNT_UNITS = (
    "人次|万人次|名|人|个|亩|吨|双|所|家|次|项|批|台|套|株|户|公里|千米|米|平方米|头|只|斤|公斤|千克|天|"
    "间|件|册|本|箱|袋|场|期|辆|座|条|支|位|种|篇|份"
)
_NUMBER = r"(?:\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)"
_QUANTITY = re.compile(
    rf"(?P<pre>超过|超|近|约|逾|大约|将近|接近|达|共|累计)?"
    rf"(?P<num>{_NUMBER})(?P<more1>余|多)?(?P<mult>万|亿|千|百)?(?P<more2>余|多)?"
    rf"(?P<unit>万元|亿元|元|{COUNT_UNITS})(?P<post>左右|以上|多)?"
)
_APPROX_PRE = {"超过", "超", "近", "约", "逾", "大约", "将近", "接近"}
_COUNTED = re.compile(r"[\u4e00-\u9fff]{1,8}")
_STOP_COUNTED = re.compile(r"(的|和|与|及|在|到|为|是|，|,|。|、|等|将|已|从)")


def _cn_number(text: str) -> Decimal | None:
    """一百二十 → 120 (plain Chinese numerals, as news writes small counts)."""
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (current or 1) * _CN_UNITS[ch]
            current = 0
        else:
            return None
    return Decimal(total + current)


def _value(num: str) -> Decimal | None:
    if num[0].isdigit():
        return Decimal(num.replace(",", ""))
    return _cn_number(num)


def find_quantities(sentence: Sentence) -> list[Quantity]:
    out: list[Quantity] = []
    s = sentence.norm
    for m in _QUANTITY.finditer(s):
        num, unit, mult = m.group("num"), m.group("unit"), m.group("mult")
        before = s[max(0, m.start() - 1): m.start()]
        after = s[m.end(): m.end() + 1]
        if before in ("第", "数", "几") or after in ("年", "月", "日", "%", "届", "号", "后", "前", "内"):
            continue
        if re.fullmatch(r"\d{4}", num) and unit in ("个", "名") and after == "年":
            continue
        if num in ("一", "两") and not mult and unit in ("个", "名", "家", "所", "项", "批", "次", "场", "位", "种", "支", "条", "件"):
            continue  # 一个, 两家: articles, not counts worth a node
        value = _value(num)
        if value is None:
            continue
        if unit in ("万元", "亿元"):
            value *= _MULT[unit[0]]
        if mult and unit != "万人次":
            value *= _MULT[mult]
        elif unit == "万人次":
            value *= _MULT["万"]
        money = unit.endswith("元")
        approx = bool(m.group("more1") or m.group("more2") or m.group("post")
                      or (m.group("pre") in _APPROX_PRE))
        start = m.start("pre") if m.group("pre") in _APPROX_PRE else m.start("num")
        counted = ""
        if not money:
            tail = s[m.end():]
            w = _COUNTED.match(tail)
            if w:
                counted = _STOP_COUNTED.split(w.group(0))[0]
        else:
            head = s[max(0, m.start() - 12): m.start()]
            found = re.search(r"([\u4e00-\u9fff]{2,6})(?:累计|共计|总计|合计)?(?:达|为|超过|超|近|约)?$", head)
            if found:
                counted = found.group(1)
        number = int(value) if value == value.to_integral_value() else float(value)
        out.append(Quantity(
            value=number, unit="CNY" if money else ("人次" if unit == "万人次" else unit), approximate=approx,
            text=s[start:m.end()], sentence=sentence.index, start=sentence.start + start,
            end=sentence.start + m.end(), counts=counted,
        ))
    return out
