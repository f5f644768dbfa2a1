"""Romanised labels, so people who cannot type Chinese can still find 九龙县 (jiulong)."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _converter():
    from pypinyin.core import Pinyin

    return Pinyin()


@lru_cache(maxsize=65536)
def romanise(text: str) -> str:
    """Tone-marked pinyin, one syllable per character, spaces between: 九龙县 → ``jiǔ lóng xiàn``.

    Characters pypinyin does not know (digits, Latin letters, punctuation) pass through unchanged.
    """
    from pypinyin import Style

    return " ".join(_converter().lazy_pinyin(text, style=Style.TONE, errors="default"))
