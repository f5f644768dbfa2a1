"""Untrusted text never crashes the extractor: scrambled, cut, repeated and punctuation-laden variants of the
articles either extract or are refused with an InputError (seeded, so a failure reproduces)."""
from __future__ import annotations

import random

import pytest

from graph.errors import InputError
from graph.extract import extract
from graph.places import register
from graph.rdf import to_graph
from graph.text import make_document
from tests.conftest import ARTICLES, SEEDS

JUNK = "，。、；：“”‘’（）《》【】！？…—·,.;:'\"()[]!?<>/\\&%$#@0123456789abcXYZ \n\t"


def variants(count: int = 60) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.rglob("*.txt"))]
    texts.append((SEEDS / "qingbaijiang-jiulong.txt").read_text(encoding="utf-8"))
    rng = random.Random(3)
    out = []
    for i in range(count):
        t = rng.choice(texts)
        start = rng.randint(0, len(t))
        out.append([
            "".join(rng.sample(t, min(len(t), rng.randint(5, 400)))),          # scrambled characters
            t[start:start + rng.randint(1, 300)],                               # a cut anywhere
            "".join(rng.choice(t + JUNK) for _ in range(rng.randint(1, 500))),  # noise
            t.replace("。", "") * 2,                                             # no full stops at all
            "（以下简称“" + t[:50] + "”）" + "由" * 10 + "捐赠" + t[-100:],          # rule bait
            "".join(ch + rng.choice(JUNK) for ch in t[:300]),                   # punctuation everywhere
        ][i % 6])
    return out


@pytest.mark.parametrize("text", variants())
def test_extraction_survives(text: str) -> None:
    try:
        ex = extract(make_document(text, "fuzz.txt"))
    except InputError:
        return
    to_graph([ex], register())
