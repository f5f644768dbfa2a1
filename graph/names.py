"""Names → entities, matched as the page's search matches them (``graph/templates/page.js``).

A parameter (``--param recipient=jiulong``, ``/queries/assisted-by?recipient=九龍縣``) names an entity
the way a reader types it: Chinese or pinyin, tones optional, traditional or simplified characters,
full-width or ASCII letters, the full name or a short one.  Entities are what the page draws (things
typed with a class of :data:`graph.vocab.KINDS`; documents and records are named by IRI).  Each one's names are its label and
aliases; its pinyin is its ``@zh-Latn-pinyin`` label and the pinyin of each Chinese name (so 九龙, an
alias, answers to ``jiulong``).  Matching goes in tiers, as the page ranks its suggestions: a whole
name or whole pinyin first, then a name the text begins, then a pinyin the text begins.  The first
tier with a match decides.  Two entities with the same whole name are an ambiguity; among those a
text begins, the one with the shortest label wins when it is the only one that short (九龙县 before
九龙县人民医院, as the page suggests it first).  An ambiguity is an error that names the candidates, since guessing which
九龙 was meant would silently answer a different question.

Example
-------
>>> index = NameIndex([("urn:jl", Label("九龙县", "zh"), True), ("urn:jl", Label("九龙", "zh"), False)])
>>> [index.find(v) for v in ("九龍縣", "jiulong", "Jiǔlóng xiàn", "九龙")]
['urn:jl', 'urn:jl', 'urn:jl', 'urn:jl']
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from .sparql import QueryError

PINYIN_LANG = "zh-latn-pinyin"
_SEPARATORS = re.compile(r"[\s\-_'’·.]+")
LATIN = re.compile(r"[a-z0-9]+")


def as_typed(text: str) -> str:
    """A name as matched: NFKC (full-width → ASCII), traditional → simplified, outer space trimmed."""
    from .simplified import normalise

    return normalise(unicodedata.normalize("NFKC", text)).strip()


def fold_pinyin(text: str) -> str:
    """Case, space, tone-mark and separator insensitive: 'Jiǔlóng Xiàn', 'jiu long xian' and 'jiulongxian' meet
    (ü typed as v, as the page allows)."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return _SEPARATORS.sub("", bare).casefold().replace("v", "u")


class Label(str):
    """A label's text and language tag, read as :class:`NameIndex` reads a literal (``str()`` and ``.language``):
    an rdflib Literal costs ten times more to make, for 18,500 names at 1,000 articles."""

    language: str | None

    def __new__(cls, text: str, language: str | None = None) -> Label:
        label = super().__new__(cls, text)
        label.language = language
        return label


@dataclass
class _Entity:
    label: str = ""
    names: set[str] = field(default_factory=set)
    pinyin: set[str] = field(default_factory=set)


class NameIndex:
    """Every entity's names and pinyin, built once from ``(iri, literal, is_main_label)`` entries."""

    def __init__(self, entries: Iterable[tuple[str, Label, bool]]) -> None:
        self._entities: dict[str, _Entity] = {}
        self._romanised = False
        for iri, literal, main in entries:
            entity = self._entities.setdefault(iri, _Entity())
            text = str(literal)
            if (literal.language or "").lower() == PINYIN_LANG:
                entity.pinyin.add(fold_pinyin(text))
                continue
            entity.names.add(as_typed(text))
            if main and (not entity.label or (literal.language or "").lower() == "zh"):
                entity.label = text

    def _romanise(self) -> None:
        """Add the pinyin of every Chinese name, once, the first time a Latin text is looked up."""
        if self._romanised:
            return
        from .pinyin import romanise

        for entity in self._entities.values():
            entity.pinyin.update(fold_pinyin(romanise(n)) for n in entity.names if not LATIN.fullmatch(n))
        self._romanised = True

    def find(self, value: str) -> str:
        """The one entity ``value`` names; :class:`QueryError` (404) for none, (400) for an ambiguity."""
        typed = as_typed(value)
        if not typed:
            raise QueryError("an empty name names no entity")
        folded = fold_pinyin(typed)
        latin = bool(LATIN.fullmatch(folded))
        if latin:
            self._romanise()
        tiers: list[set[str]] = [set(), set(), set()]
        for iri, e in self._entities.items():
            if typed in e.names or (latin and folded in e.pinyin):
                tiers[0].add(iri)
            elif any(n.startswith(typed) for n in e.names):
                tiers[1].add(iri)
            elif latin and any(p.startswith(folded) for p in e.pinyin):
                tiers[2].add(iri)
        for tier, found in enumerate(tiers):
            if found:
                return self._one(value, found, shortest=tier > 0)
        raise QueryError(f"no entity is named {value!r} (by label, alias or pinyin)", http_status=404)

    @property
    def entities(self) -> Mapping[str, _Entity]:
        """Each entity's label, names and the pinyin of its pinyin labels (the pinyin of its Chinese names is
        added only by a Latin lookup): what :mod:`graph.nametable` writes down."""
        return self._entities

    def _one(self, value: str, found: set[str], shortest: bool) -> str:
        return pick(value, {iri: self._entities[iri].label for iri in found}, shortest)


def pick(value: str, found: Mapping[str, str], shortest: bool) -> str:
    """The one of the entities ``found`` (IRI → label) that ``value`` names: the only one, or with ``shortest``
    the one whose label alone is the shortest; else :class:`QueryError` (400) naming the candidates."""
    if len(found) == 1:
        return next(iter(found))
    ranked = sorted(found, key=lambda iri: (len(found[iri] or str(iri)), str(iri)))
    first, second = (len(found[i] or str(i)) for i in ranked[:2])
    if shortest and first < second:
        return ranked[0]
    shown = ", ".join(f"{found[i]} <{i}>" for i in ranked[:10])
    raise QueryError(f"{value!r} names {len(found)} entities: {shown}; give the IRI instead",
                     http_status=400)
