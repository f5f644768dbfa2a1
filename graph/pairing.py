"""The article's pairing, read once for the whole document: who is the provider side, who the recipient
side, under which programme — and, for every entity, which side it is on.

A report of paired assistance is about one pairing (松江区 → 元阳县, 上海 → 云南, 中国石化 → 泸溪县); its
sentences drop the subject, say 两地 or 该县, and name bodies of either side.  The pairing is decided from
four kinds of evidence, strongest first: the national pairing table (``lexicon/pairings.csv``) and the
regional shorthands (沪滇, 闽宁 …), which also fix the direction; the pairs the sentences state, the title's and
lead's counting more; and, to break ties of direction only, that eastern provinces help western ones.
The sentence readers then consult :meth:`DocPairing.side` instead of guessing direction clause by clause.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from .context import Context, contains
from .lexicon import Pairing, official_pairings, programmes, shorthands
from .mentions import SIDE_MARKER
from .places import register

#: provinces of the east–west and counterpart programmes' giving side
EASTERN = {"110000", "120000", "310000", "320000", "330000", "350000", "370000", "440000", "210000"}
_LEAD = 3  # the title and the first sentences state the pairing most plainly
_TEAM = re.compile(r"援藏|援疆|援青|帮扶|支援|协作|工作队|工作组|医疗队|专家团|指挥部")
_FROM = re.compile(r"来自$")
_MARKED_BEFORE = re.compile(rf"([\u4e00-\u9fff]{{2,8}}?){SIDE_MARKER}(?:——|—)?$")  # 上虞企业浙江舜江…


@dataclass(frozen=True)
class Reading:
    """One provider → recipient reading of a sentence, as the sentence reader proposes it."""

    sentence: int
    provider: str | None
    recipient: str | None


@dataclass
class DocPairing:
    provider: str | None = None  # the provider side's key (a division, or a unit such as a company)
    recipient: str | None = None
    roots: dict[str, set[str]] = field(default_factory=lambda: {"provider": set(), "recipient": set()})
    programmes: list[str] = field(default_factory=list)
    official: list[Pairing] = field(default_factory=list)  # rows of the national table the article covers
    sides: dict[str, str] = field(default_factory=dict)  # entity key → "provider" | "recipient"

    def side(self, key: str | None) -> str | None:
        return self.sides.get(key) if key else None

    def opposite(self, a: str | None, b: str | None) -> bool:
        sa, sb = self.side(a), self.side(b)
        return sa is not None and sb is not None and sa != sb


@lru_cache(maxsize=1)
def _table() -> list[tuple[Pairing, str | None, str | None]]:
    """The table's rows with their division codes (None for a unit such as a university)."""
    reg = register()

    def code(name: str) -> str | None:
        found = reg.by_name.get(name, [])
        return found[0].code if len(found) == 1 else None

    return [(row, code(row.provider), code(row.recipient)) for row in official_pairings()]


def _mention_counts(ctx: Context) -> Counter:
    return Counter({k: len(e.mentions) for k, e in ctx.entities.items()})


def _inside(ctx: Context, code: str, counts: Counter) -> str | None:
    """The article's most-named division lying in (or being) division ``code``."""
    root = f"place:{code}"
    found = [k for k, e in ctx.entities.items() if e.code and contains(root, k)]
    return max(found, key=lambda k: (counts[k], -len(k), k)) if found else None


def _unit(ctx: Context, name: str) -> str | None:
    return next((k for k, e in ctx.entities.items() if e.label == name or name in e.aliases), None)


def read_pairing(ctx: Context, readings: list[Reading]) -> DocPairing:
    pairing = DocPairing()
    counts = _mention_counts(ctx)
    text = "".join(s.norm for s in ctx.sentences)
    votes: Counter = Counter()
    fixed: dict[frozenset, tuple[str, str]] = {}  # a direction the table or a shorthand settles
    roots: list[tuple[str, str]] = []
    said_in: dict[tuple[str, str], set[int]] = {}  # the sentences stating each pair

    for r in readings:
        p, q = _anchor(ctx, r.provider), _anchor(ctx, r.recipient)
        if p and q and _nested(p, q) and r.provider and ctx.unit_above(r.provider, q):
            p = r.provider  # a provincial unit helping a county of its province stands for itself
        if p and q and p != q and not _nested(p, q):
            votes[(p, q)] += 3 if r.sentence < _LEAD else 1
            said_in.setdefault((p, q), set()).add(r.sentence)
    # the table and the shorthands orient the pairs the sentences state; alone, they name the pairing
    settled: list[tuple[str | None, str | None, str, object]] = []
    for short, sh in shorthands().items():
        if short in text:
            settled.append((register().by_name[sh.provider][0].code, register().by_name[sh.recipient][0].code,
                            sh.programme, None))
    for row, pc, rc in _table():
        settled.append((pc, rc, row.programme, row))
    stated = list(votes)
    for pc, rc, programme, row in settled:
        if row is None and programme not in pairing.programmes:
            pairing.programmes.append(programme)  # 沪滇 names its programme even where no side is named
        proot = f"place:{pc}" if pc else (_unit(ctx, row.provider) if row else None)
        rroot = f"place:{rc}" if rc else (_unit(ctx, row.recipient) if row else None)
        if not proot or not rroot:
            continue
        matched = [(a, b) for a, b in stated if (_same_side(proot, a) and _same_side(rroot, b))
                   or (_same_side(proot, b) and _same_side(rroot, a))]
        if not matched and row is not None and pc and rc:
            continue  # a table row the article does not state
        if not matched:
            p = _inside(ctx, pc, counts) if pc else proot
            q = _inside(ctx, rc, counts) if rc else rroot
            if not p or not q or p == q:
                continue
            matched = [(p, q)]
            votes[(p, q)] += 3 if row is None else 1
        for a, b in matched:
            p, q = (a, b) if _same_side(proot, a) else (b, a)
            fixed[frozenset((p, q))] = (p, q)
            votes[(p, q)] += 2
        roots.append((proot, rroot))
        if row is not None:
            pairing.official.append(row)
    if votes:
        unordered: Counter = Counter()
        for (p, q), n in votes.items():
            unordered[frozenset((p, q))] += n
        best = max(unordered, key=lambda k: (unordered[k], sorted(k)))
        p, q = fixed.get(best) or _orient(ctx, *sorted(best), votes)
        pairing.provider, pairing.recipient = p, q
        rivals = _rival_units(p, q, said_in)
        if rivals:  # 甲公司、乙公司、丙商会 each signing with the county: no one of them speaks for the rest
            pairing.provider = None
            pairing.roots["provider"] |= rivals
        pairing.roots["provider"].add(p)
        pairing.roots["recipient"].add(q)
        for rp, rq in roots:
            if _same_side(rp, p) and _same_side(rq, q):
                pairing.roots["provider"].add(rp)
                pairing.roots["recipient"].add(rq)
    _assign_sides(ctx, pairing)
    pairing.programmes = _programmes(ctx, pairing, text)
    return pairing


def _rival_units(p: str, q: str, said_in: dict[tuple[str, str], set[int]]) -> set[str]:
    """Units with no division (companies, associations) said to help ``q`` in nearly as many sentences as the
    provider ``p``, itself such a unit, and of another name (华能西藏公司 is 中国华能's own): a 万企兴万村
    signing's many firms, of which the first named stands for none of the others, so a sentence that drops
    its subject is given no provider from it."""
    if p.startswith("place:"):
        return set()
    mine, brand = len(said_in.get((p, q), ())), _brand(p)
    return {a for (a, b), seen in said_in.items() if b == q and a != p and not a.startswith("place:")
            and 3 * len(seen) >= 2 * mine and brand not in a and _brand(a) not in p}


def _brand(key: str) -> str:
    """The two characters after the places a unit's name starts with (甘肃陇秦果业…: 陇秦, 中国华能…: 华能)."""
    name = key.split(":", 1)[-1].split("/")[-1]
    name = name[2:] if name.startswith("中国") else name
    for cut in range(min(len(name) - 2, 9), 1, -1):
        if register().candidates(name[:cut]):
            return name[cut:cut + 2]
    return name[:2]


def _anchor(ctx: Context, key: str | None) -> str | None:
    """What stands for a party on its side: its division, or the unit itself when it has none."""
    if key is None:
        return None
    return ctx.division(key) or key


def _nested(a: str, b: str) -> bool:
    both = a.startswith("place:") and b.startswith("place:")
    return both and (contains(a, b) or contains(b, a))


def _same_side(root: str, key: str) -> bool:
    return root == key or (root.startswith("place:") and key.startswith("place:") and contains(root, key))


def _orient(ctx: Context, a: str, b: str, votes: Counter) -> tuple[str, str]:
    """Direction of an unsettled pair: a unit with no division (a university, a company, a central body)
    paired with a division helps it, as in 定点帮扶, whoever visits whom; else what the sentences say, then
    east helps west."""
    places = [k for k in (a, b) if k.startswith("place:")]
    if len(places) == 1 and not _province(places[0]):  # (a province: 某县医院 of an unsure county gives it nothing)
        return (b, a) if places[0] == a else (a, b)
    score = votes[(a, b)] - votes[(b, a)] + 2 * (_eastern(a) - _eastern(b))
    return (a, b) if score >= 0 else (b, a)


def _province(key: str) -> bool:
    division = register().by_code.get(key[6:])
    return division is not None and division.level == 1


def _eastern(key: str) -> int:
    if not key.startswith("place:"):
        return 1  # a unit (a company, a university) is the giving side of 定点帮扶
    chain = register().chain(key[6:])
    return int(bool(chain) and chain[-1].code in EASTERN)


def _assign_sides(ctx: Context, pairing: DocPairing) -> None:
    provider, recipient = pairing.roots["provider"], pairing.roots["recipient"]
    if not provider or not recipient:
        return
    for key, e in ctx.entities.items():
        d = ctx.division(key)
        side = None
        if d is not None and (d[6:].isdigit() or d not in ctx.entities):
            side = _division_side(d, provider, recipient, own=d == key)
        elif d is not None:  # 鼓楼区, a name several divisions bear: the side one of them lies on
            found = {_division_side(f"place:{c.code}", provider, recipient)
                     for c in register().candidates(ctx.entities[d].label)} - {None}
            side = found.pop() if len(found) == 1 else None
        elif key in provider or key in recipient:
            side = "provider" if key in provider else "recipient"
        if e.kind != "Person" and d != key:  # a marker the text writes (（宝安区企业）) outweighs a name's province
            side = _marked_side(ctx, key, pairing, provider, recipient) or side
        if side:
            pairing.sides[key] = side


def _division_side(d: str, provider: set[str], recipient: set[str], own: bool = True) -> str | None:
    """A division inside a side's root is on that side; an ancestor of one side's roots only (上海市 above
    松江区) is on that side too, but not an organisation of that ancestor (a 湖南 company, when a 湖南 unit helps
    a 湖南 county); an ancestor of both (四川省 above 成都 and 甘孜) is on neither."""
    within_p = any(_same_side(r, d) for r in provider)
    within_r = any(_same_side(r, d) for r in recipient)
    if within_p != within_r:
        return "provider" if within_p else "recipient"
    if within_p or not own:
        return None
    above_p = any(r.startswith("place:") and contains(d, r) for r in provider)
    above_r = any(r.startswith("place:") and contains(d, r) for r in recipient)
    if above_p != above_r:
        return "provider" if above_p else "recipient"
    return None


def _marked_side(ctx: Context, key: str, pairing: DocPairing, provider: set[str],
                 recipient: set[str]) -> str | None:
    """An organisation with no division: 来自甲区的…, 某公司（甲区企业）, or a team sent by the provider."""
    e = ctx.entities[key]
    for m in e.mentions:
        s = ctx.sentences[m.sentence]
        before, after = s.norm[:m.start - s.start], s.norm[m.end - s.start:]
        marker = re.match(r"[（(]([^）)]{2,12}?)(?:企业|公司|单位|籍)?[）)]", after)
        origin = re.search(r"来自([^，,。的]{2,12})的?$", before) or _MARKED_BEFORE.search(before)
        for words in (marker.group(1) if marker else "", origin.group(1) if origin else ""):
            for other, oe in ctx.entities.items():
                if oe.code and words.startswith((oe.label, *sorted(oe.aliases))) and other in pairing.sides:
                    return pairing.sides[other]
    if e.kind == "Team" and _TEAM.search(e.label):
        return "provider"
    return None


def _depth(row: Pairing) -> int:
    """How far down the divisions a table row pairs: 2 for two provinces, more for prefectures or units."""
    codes = next((pc, rc) for r, pc, rc in _table() if r == row)
    return sum(3 if code is None else register().by_code[code].level for code in codes)


def _programmes(ctx: Context, pairing: DocPairing, text: str) -> list[str]:
    """The article's programmes: the table's or a shorthand's when one applies, else the most specific
    programme the text names; 定点帮扶 and 万企兴万村 are added when named besides.  ``pairing.official`` keeps
    only the table rows of the programmes chosen."""
    said = Counter()
    for prog in programmes():
        said[prog.id] = sum(text.count(w) for w in prog.words)
    recipient_province = None
    if pairing.recipient and pairing.recipient.startswith("place:"):
        chain = register().chain(pairing.recipient[6:])
        recipient_province = chain[-1].code if chain else None
    # of two table rows over the same sides (浙江 → 吉林: 东西部协作 and 对口合作), the one the text speaks of,
    # else the one that pairs the smaller divisions (宁波 → 延边 rather than 浙江 → 吉林)
    spoken = {row.programme for row in pairing.official if said[row.programme]}
    if not spoken and pairing.official:
        deepest = max(pairing.official, key=_depth)
        spoken = {deepest.programme}
    pairing.official = [row for row in pairing.official if row.programme in spoken]
    out: list[str] = []
    for row in pairing.official:
        if row.programme not in out:
            out.append(row.programme)
    out += [p for p in pairing.programmes if p not in out]
    aid = {"650000": "xinjiang", "540000": "tibet", "630000": "qinghai"}.get(recipient_province or "")
    if aid and (said[aid] or said["counterpart"]) and aid not in out:
        out.insert(0, aid)
    if not out:
        for prog in ("xinjiang", "tibet", "qinghai", "east-west", "designated", "enterprises", "counterpart",
                     "cooperation", "pairing"):
            if said[prog]:
                out.append(prog)
                break
    for extra in ("designated", "enterprises"):
        if said[extra] >= 1 and extra not in out:
            out.append(extra)
    # a table row of another programme seen only in passing gives way to the one the text speaks of
    if len(out) > 1 and aid is None and "east-west" in out and said["east-west"] == 0 and \
            any(said[p] for p in out if p != "east-west"):
        out.remove("east-west")
    return out or ["other"]
