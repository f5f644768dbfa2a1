"""The genre's lexicons, kept as data in ``graph/lexicon/`` and loaded once.

Trigger verbs, titles, regional shorthands, programme words, money kinds, products and the national pairing table are
facts about the genre, not code: each entry carries an example sentence that ``tests/test_lexicon.py`` reads
through the extractor, so an entry that stops working fails a test of its own.
"""
from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).with_name("lexicon")


def _entries(name: str) -> list[dict]:
    return json.loads((HERE / f"{name}.json").read_text(encoding="utf-8"))["entries"]


def alternation(words: list[str]) -> str:
    """A regex alternation that prefers the longest word (对口帮扶 before 帮扶)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class Triggers:
    role: dict[str, str]  # word → role
    pattern: re.Pattern[str]

    def words(self, role: str) -> set[str]:
        return {w for w, r in self.role.items() if r == role}


@lru_cache(maxsize=None)
def triggers() -> Triggers:
    role = {e["word"]: e["role"] for e in _entries("triggers")}
    return Triggers(role, re.compile(alternation(list(role))))


@dataclass(frozen=True)
class Titles:
    heads: frozenset[str]
    ranks: frozenset[str]  # professional ranks (主任医师, 教师): held at one's own employer wherever one serves
    pattern: re.Pattern[str]  # any title, the longest first (常务副书记 before 副书记 before 书记)


@lru_cache(maxsize=None)
def titles() -> Titles:
    entries = _entries("titles")
    return Titles(frozenset(e["title"] for e in entries if e["head"]),
                  frozenset(e["title"] for e in entries if e.get("rank")),
                  re.compile(alternation([e["title"] for e in entries])))


@dataclass(frozen=True)
class Shorthand:
    short: str
    provider: str  # official division names
    recipient: str
    programme: str


@lru_cache(maxsize=None)
def shorthands() -> dict[str, Shorthand]:
    return {e["short"]: Shorthand(e["short"], e["provider"], e["recipient"], e["programme"])
            for e in _entries("shorthands")}


@dataclass(frozen=True)
class Programme:
    id: str
    zh: str
    en: str
    words: tuple[str, ...]


@lru_cache(maxsize=None)
def programmes() -> list[Programme]:
    return [Programme(e["id"], e["zh"], e["en"], tuple(e["words"])) for e in _entries("programmes")]


@dataclass(frozen=True)
class MoneyKind:
    id: str
    zh: str
    en: str
    cues: tuple[str, ...]


@lru_cache(maxsize=None)
def money_kinds() -> list[MoneyKind]:
    return [MoneyKind(e["id"], e["zh"], e["en"], tuple(e["cues"])) for e in _entries("money")]


@dataclass(frozen=True)
class Products:
    alone: re.Pattern[str]  # goods that are products wherever the text names them (脐橙, 羽绒被)
    every: str  # an alternation of every word, the ones only a place's name makes a specialty included (米, 茶)


@lru_cache(maxsize=None)
def products() -> Products:
    entries = _entries("products")
    return Products(re.compile(alternation([e["word"] for e in entries if e["alone"]])),
                    alternation([e["word"] for e in entries]))


@dataclass(frozen=True)
class Pairing:
    """One official pairing: the provider and recipient as named (divisions by official name, or a unit)."""

    programme: str
    provider: str
    recipient: str
    since: int
    source: str


@lru_cache(maxsize=None)
def official_pairings() -> list[Pairing]:
    with (HERE / "pairings.csv").open(encoding="utf-8", newline="") as f:
        return [Pairing(r["programme"], r["provider"], r["recipient"], int(r["since"]), r["source"])
                for r in csv.DictReader(f)]


@lru_cache(maxsize=None)
def tibetan_name(least: int = 2) -> re.Pattern[str]:
    """A Tibetan personal name: two or three name parts written together (次仁卓嘎, 扎西才让); a name of one
    part (旦增) only where the context says it is a name."""
    return re.compile(f"(?:{alternation([e['part'] for e in _entries('name_parts')])}){{{least},3}}")
