"""Every entry of the genre's lexicons (``graph/lexicon/``) works through the extractor on its own example.

A lexicon entry is a claim about the genre — this word states assistance, this title is a post, 沪滇 names the
east–west programme, this cue makes money a donation, this word is a good — and its example sentence is the evidence; each entry is a
test case of its own, so one that stops working is named by the failure.
"""
from __future__ import annotations

import json

import pytest

from graph.extract import extract
from graph.lexicon import HERE, official_pairings
from graph.places import register
from graph.text import make_document


def entries(name: str) -> list[dict]:
    return json.loads((HERE / f"{name}.json").read_text(encoding="utf-8"))["entries"]


def read(text: str):
    return extract(make_document(text, "example.txt"))


@pytest.mark.parametrize("entry", entries("triggers"), ids=lambda e: e["word"])
def test_trigger_states_assistance(entry: dict) -> None:
    ex = read(entry["example"])
    assert any(a.trigger == entry["word"] for a in ex.assistance), [(a.trigger, a.provider, a.recipient)
                                                                     for a in ex.assistance]


@pytest.mark.parametrize("entry", entries("products"), ids=lambda e: e["word"])
def test_product_is_found(entry: dict) -> None:
    ex = read(entry["example"])
    found = {e.label for e in ex.entities.values() if e.kind == "Product"}
    assert entry.get("product", entry["word"]) in found, found


@pytest.mark.parametrize("entry", entries("titles"), ids=lambda e: e["title"])
def test_title_is_a_post(entry: dict) -> None:
    ex = read(entry["example"])
    posts = {(ex.entities[p.person].label, p.role,
              ex.entities[p.organization].label if p.organization else None) for p in ex.posts}
    assert (entry["person"], entry["title"], entry["organization"]) in posts, posts


@pytest.mark.parametrize("entry", entries("shorthands"), ids=lambda e: e["short"])
def test_shorthand_names_its_programme(entry: dict) -> None:
    assert entry["short"] in entry["example"]
    assert entry["programme"] in read(entry["example"]).programmes
    for side in ("provider", "recipient"):
        assert len(register().by_name[entry[side]]) == 1, entry[side]


@pytest.mark.parametrize("entry", entries("programmes"), ids=lambda e: e["id"])
def test_programme_words(entry: dict) -> None:
    assert read(entry["example"]).programmes[0] == entry["id"]


@pytest.mark.parametrize("entry", entries("money"), ids=lambda e: e["id"])
def test_money_kind(entry: dict) -> None:
    ex = read(entry["example"])
    kinds = [q.kind for q in ex.quantities if q.is_money]
    assert kinds and kinds[0] == entry["id"], kinds


@pytest.mark.parametrize("row", official_pairings(), ids=lambda r: f"{r.provider}-{r.recipient}")
def test_official_pairing_names_real_divisions(row) -> None:
    """Each row of the national table names divisions of the register (or a unit, for 定点帮扶), with a source."""
    assert row.source and 1990 <= row.since <= 2030
    assert len(register().by_name.get(row.recipient, [])) == 1
    if row.programme != "designated":
        assert len(register().by_name.get(row.provider, [])) == 1


@pytest.mark.parametrize("entry", entries("name_parts"), ids=lambda e: e["part"])
def test_tibetan_name_is_read_whole(entry: dict) -> None:
    ex = read(entry["example"])
    assert entry["person"] in {e.label for e in ex.entities.values() if e.kind == "Person"}, \
        [(e.label, e.kind) for e in ex.entities.values()]
