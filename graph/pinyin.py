"""Romanised labels, so people who cannot type Chinese can still find 九龙县 (jiulong).

pypinyin takes half a second to import (its dictionaries), more than extracting ten articles: a build
hands :func:`remember` the romanisations its folder kept (:func:`table_name`), so a rebuild whose
articles bring no new name never imports it, and keeps what it :func:`learned` for the next one.
"""
from __future__ import annotations

from functools import lru_cache

#: text → its romanisation, kept by earlier builds (the same function of the text, by the same pypinyin)
_known: dict[str, str] = {}
#: what this process romanised that ``_known`` lacked
_learned: dict[str, str] = {}


@lru_cache(maxsize=1)
def _converter():
    from pypinyin.core import Pinyin

    return Pinyin()


def table_name() -> str:
    """The file a folder keeps its romanisations in: one per pypinyin version, whose output they are."""
    from importlib.metadata import version

    return f"pinyin-{version('pypinyin')}.json"


def remember(table: dict[str, str]) -> None:
    """Romanisations made before (by :func:`romanise`, with the pypinyin of :func:`table_name`)."""
    _known.update(table)


def learned() -> dict[str, str]:
    """What :func:`romanise` made in this process that it was not handed by :func:`remember`."""
    return dict(_learned)


@lru_cache(maxsize=65536)
def romanise(text: str) -> str:
    """Tone-marked pinyin, one syllable per character, spaces between: 九龙县 → ``jiǔ lóng xiàn``.

    Characters pypinyin does not know (digits, Latin letters, punctuation) pass through unchanged.
    """
    found = _known.get(text)
    if found is None:
        from pypinyin import Style

        found = _learned[text] = " ".join(_converter().lazy_pinyin(text, style=Style.TONE, errors="default"))
    return found
