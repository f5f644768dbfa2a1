"""Sentence splitting with character offsets into the original text.

Chinese news ends sentences with 。！？ (or ASCII . ! ? in hand-typed text), often followed by a
closing quote that belongs to the same sentence; line breaks end headings and paragraphs.  A full
stop between digits (6488.19) is a decimal point, not an end.
"""
from __future__ import annotations

import re

from .model import Document, Sentence

_CLOSERS = "”’\"'）)」』】"
_END = re.compile(rf"(?:[。！？!?…]+|\.(?!\d))[{_CLOSERS}]*|\n+")
MAX_SENTENCE = 400


def split_sentences(doc: Document) -> list[Sentence]:
    """Sentences of ``doc`` in order, without surrounding whitespace, each at most ~400 characters."""
    spans: list[tuple[int, int]] = []
    start = 0
    norm = doc.norm
    for m in _END.finditer(norm):
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(norm)))
    out: list[Sentence] = []
    for a, b in spans:
        for a2, b2 in _cut_long(norm, a, b):
            while a2 < b2 and norm[a2].isspace():
                a2 += 1
            while b2 > a2 and norm[b2 - 1].isspace():
                b2 -= 1
            if b2 > a2:
                out.append(Sentence(len(out), a2, b2, doc.text[a2:b2], norm[a2:b2]))
    return out


def _cut_long(norm: str, a: int, b: int) -> list[tuple[int, int]]:
    """Very long runs without a full stop (lists, tables) are cut at commas so rules stay local."""
    if b - a <= MAX_SENTENCE:
        return [(a, b)]
    out = []
    while b - a > MAX_SENTENCE:
        cut = max(norm.rfind(c, a, a + MAX_SENTENCE) for c in "，,、 ")
        cut = cut + 1 if cut > a else a + MAX_SENTENCE
        out.append((a, cut))
        a = cut
    out.append((a, b))
    return out
