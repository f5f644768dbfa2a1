"""Lists of parties: 甲公司、乙公司以及丙协会纷纷伸出援手 — every member of a list plays the same part.

The genre names several providers or recipients in one breath, joined by 、 和 与 及 以及 同 (and closed by 等
or 等N家); a reader that takes only the first name loses the rest.  These functions find the list a party
stands in, so the sentence reader can expand one reading to every member.
"""
from __future__ import annotations

import re

from .context import Context, Party
from .model import Sentence

_JOINERS = ("、", "和", "与", "及", "以及", "同", "，以及", "还有")
# between two members a short descriptor may stand: 爱心人士, 来自深圳的
_DESCRIPTOR = re.compile(r"^(?:、|和|与|及|以及|同)(?:爱心人士|爱心企业|企业家|热心人士)?$")
# a person named between two members (甲公司、爱心人士刘建华以及乙商会) leaves the list unbroken
_PERSON_BETWEEN = re.compile(r"^(?:、|和|及|以及)(?:爱心人士|爱心企业家|企业家|热心人士|侨胞|乡贤)?[\u4e00-\u9fff·]{2,6}?(?:、|和|及|以及)$")


def joined(gap: str) -> bool:
    """Whether the text between two names joins them into one list."""
    return gap in _JOINERS or bool(_DESCRIPTOR.match(gap)) or bool(_PERSON_BETWEEN.match(gap))


def members(party: Party, parties: list[Party], text: str, offset: int) -> list[Party]:
    """The list ``party`` stands in (itself included, in text order); just ``[party]`` when it stands alone.

    ``text`` is the sentence's normalised text and ``offset`` its start in the document.
    """
    ordered = sorted(parties, key=lambda q: q.mention.start)
    if party not in ordered:
        return [party]
    i = ordered.index(party)
    lo = hi = i
    while lo > 0 and joined(text[ordered[lo - 1].mention.end - offset:ordered[lo].mention.start - offset]):
        lo -= 1
    while hi + 1 < len(ordered) and joined(text[ordered[hi].mention.end - offset:ordered[hi + 1].mention.start - offset]):
        hi += 1
    return ordered[lo:hi + 1]


def enumerated(q: Party, parties: list[Party], text: str, offset: int) -> bool:
    """Whether ``q`` stands in a list of names (甲、乙等8家医院) rather than alone."""
    return len(members(q, parties, text, offset)) > 1


_GROUP = re.compile(r"(?:[、和及][^，,。；;、]{0,12}?){0,5}等(?:地|[0-9一二三四五六七八九十两百]+(?:个|所|家|地|座|处|乡镇|村|校|院))")


def representatives(ctx: Context, s: Sentence) -> set[str]:
    """Parties named as examples of a group (莎车县第一中学等12所学校, 郁山镇、保家镇等地): the help went to
    the group, so to the division they share."""
    grouped, alone = set(), set()
    for m, k in ctx.mentions(s.index):
        (grouped if _GROUP.match(s.norm, m.end - s.start) else alone).add(k)
    return grouped - alone  # (…一高等6所学校任教，一中还与一高结成对子: named again, a party of its own)