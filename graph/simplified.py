"""The matching form of Chinese text: traditional characters made simplified, full-width letters and digits
ASCII, one character for one, so offsets survive.

Apart from the reading of articles (:mod:`graph.text`) because a query's names are matched in this form
too (:func:`graph.names.as_typed`), and the reader's module brought hashlib and the document model into
every query that names an entity (6–8 ms of its worker's start).
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path


_SHORT = 64  # characters: a name typed in a query, not an article


@lru_cache(maxsize=1)
def _t2s_text() -> str:
    """OpenCC's own character table (``TSCharacters.txt``, shipped in opencc-python-reimplemented): a line a
    traditional character, a tab, its simplified forms.  Phrase-level conversion would change lengths, and
    names are matched after conversion anyway."""
    import opencc

    return (Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt").read_text(encoding="utf-8")


def _one_to_one(line: str) -> tuple[str, str] | None:
    """A line of the table as (traditional, simplified) when both are one character (so offsets survive)."""
    src, _, targets = line.partition("\t")
    target = targets.split(" ")[0] if targets else ""
    return (src, target) if len(src) == 1 and len(target) == 1 else None


@lru_cache(maxsize=1)
def _t2s_table() -> dict[int, str]:
    """Traditional → simplified, character for character: every one-to-one line of the table."""
    return {ord(pair[0]): pair[1] for line in _t2s_text().splitlines() if (pair := _one_to_one(line))}


def _t2s_of(chars: str) -> dict[int, str]:
    """The entries of :func:`_t2s_table` for ``chars`` alone, each line found in the table's text: a name typed
    in a query is converted in microseconds, where making the whole table takes 3 ms."""
    text = "\n" + _t2s_text()
    table = {}
    for ch in set(chars):
        at = text.find(f"\n{ch}\t")
        if at >= 0:
            end = text.find("\n", at + 1)
            pair = _one_to_one(text[at + 1:end if end >= 0 else len(text)])
            if pair:
                table[ord(ch)] = pair[1]
    return table


def normalise(text: str) -> str:
    """Same-length matching form: simplified characters, ASCII letters and digits, ASCII spaces."""
    out = []
    table = _t2s_of(text) if len(text) <= _SHORT else _t2s_table()
    for ch in text:
        if "\uff01" <= ch <= "\uff5e" and (ch.isalnum()):
            ch = unicodedata.normalize("NFKC", ch)
        elif ch == "\u3000":
            ch = " "
        out.append(table.get(ord(ch), ch))
    return "".join(out)
