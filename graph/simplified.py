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


@lru_cache(maxsize=1)
def _t2s_table() -> dict[int, str]:
    """Traditional → simplified, character for character, so offsets survive the conversion.

    Built from OpenCC's own character table (shipped in opencc-python-reimplemented); phrase-level
    conversion would change lengths, and names are matched after conversion anyway.
    """
    import opencc

    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    table: dict[int, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        src, _, targets = line.partition("\t")
        target = targets.split(" ")[0] if targets else ""
        if len(src) == 1 and len(target) == 1:
            table[ord(src)] = target
    return table


def normalise(text: str) -> str:
    """Same-length matching form: simplified characters, ASCII letters and digits, ASCII spaces."""
    out = []
    table = _t2s_table()
    for ch in text:
        if "\uff01" <= ch <= "\uff5e" and (ch.isalnum()):
            ch = unicodedata.normalize("NFKC", ch)
        elif ch == "\u3000":
            ch = " "
        out.append(table.get(ord(ch), ch))
    return "".join(out)
