"""The national pairing table in the graph: every row is there, and a built article says which rows it covers,
so that ``official-pairings`` answers "which official pairings does my corpus cover, and which not"."""
from __future__ import annotations

from pathlib import Path

from graph.build import build
from graph.lexicon import official_pairings
from graph.queries import answer
from graph.store import LocalBackend, open_graph


def test_a_built_corpus_says_which_official_pairings_it_covers(tmp_path: Path) -> None:
    articles = tmp_path / "in"
    articles.mkdir()
    (articles / "songjiang.txt").write_text(
        "上海市松江区与云南省元阳县召开东西部协作联席会议\n\n"
        "会上，松江区与元阳县签订2024年东西部协作帮扶协议，松江区全年投入财政援助资金5000万元。\n", encoding="utf-8")
    build([articles], tmp_path / "out", jobs=1, progress=False)
    backend = LocalBackend(open_graph(tmp_path / "out" / "graph.ttl", "oxigraph"))
    rows = answer(backend, name="official-pairings").rows
    assert len(rows) == len(official_pairings())  # every row, covered or not
    covered = {r[0].value: int(r[3].value) for r in rows}
    assert covered["上海市 → 云南省"] == 1
    assert sum(covered.values()) == 1  # and no other
    money = answer(backend, name="money-by-provider").rows
    assert [(r[2].value, int(r[3].value)) for r in money] == [("财政援助资金", 50_000_000)]
