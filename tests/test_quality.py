"""Precision and recall against the gold files (see ``tests/quality.py`` for the table and the matching rules).

Kinds of threshold, by set (what each set is for is in ``tests/articles/README.md``):

* the seed and the first development articles (``tests/articles/*.json``) keep the aims they were built to;
* ``heldout/`` and ``final/`` (written blind, since used for development) and ``dev-a/``, ``dev-b/`` (written
  blind for the relations work and tuned on) keep floors just under what they measure now, so a change that
  loses relations fails here;
* ``frozen/`` and ``frozen2/`` are never tuned on: measured at the end of a round of relations work (frozen2
  written blind for the second round), their floors guard the level they measured, below the aims of
  issue 8 where those were missed.
"""
from __future__ import annotations

import pytest

from tests.quality import evaluate, group_of, total


@pytest.fixture(scope="module")
def results():
    return evaluate()


def group(results, name: str):
    return total({k: v for k, v in results.items() if group_of(k) == name})


def test_seed(results) -> None:
    seed = results["seed"]
    assert seed["entities"].recall >= 0.95
    assert seed["entities"].precision >= 0.90
    for metric in ("pairs", "posts", "places", "quantities"):
        assert seed[metric].recall >= 0.90, metric
    assert seed["date"].recall == 1


def test_development_articles(results) -> None:
    dev = group(results, "dev")
    assert dev["entities"].recall >= 0.90
    assert dev["entities"].precision >= 0.90
    assert dev["pairs"].recall >= 0.80
    assert dev["pairs"].precision >= 0.80
    assert dev["posts"].recall >= 0.90
    assert dev["kinds"].precision >= 0.85
    assert dev["quantities"].recall >= 0.90


# set → metric → (precision floor, recall floor)
FLOORS = {
    "heldout": {"entities": (0.92, 0.94), "pairs": (0.76, 0.86), "posts": (0.94, 0.94), "quantities": (0.90, 0.95)},
    "final": {"entities": (0.90, 0.89), "pairs": (0.70, 0.77), "posts": (0.85, 0.83), "quantities": (0.88, 0.94)},
    "dev-a": {"entities": (0.91, 0.91), "pairs": (0.78, 0.70), "posts": (0.90, 0.86), "money kind": (0.88, 0.90),
              "money record": (0.75, 0.77), "programme": (0.95, 0.95)},
    "dev-b": {"entities": (0.90, 0.90), "pairs": (0.75, 0.66), "posts": (0.92, 0.90), "money kind": (0.88, 0.90),
              "money record": (0.66, 0.69), "programme": (0.95, 0.95)},
    # never tuned on; measured at the end of each round of relations work (tests/articles/README.md):
    # frozen, round 2: entities 0.92/0.87, pairs 0.68/0.51, posts 0.88/0.83, money kind 0.94/0.95
    "frozen": {"entities": (0.90, 0.84), "pairs": (0.64, 0.48), "posts": (0.85, 0.80), "money kind": (0.90, 0.92),
               "programme": (0.95, 0.90)},
    # frozen2, round 2: entities 0.90/0.85, pairs 0.62/0.58, posts 0.83/0.65, money kind 0.95/0.97
    "frozen2": {"entities": (0.88, 0.83), "pairs": (0.58, 0.54), "posts": (0.80, 0.62), "money kind": (0.92, 0.94),
                "programme": (0.85, 0.90)},
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_sets_do_not_regress(results, name: str) -> None:
    scores = group(results, name)
    for metric, (precision, recall) in FLOORS[name].items():
        assert scores[metric].precision >= precision, (metric, scores[metric].precision)
        assert scores[metric].recall >= recall, (metric, scores[metric].recall)


@pytest.mark.parametrize("name", ["heldout", "final", "dev-a", "dev-b", "frozen", "frozen2"])
def test_pairs_point_the_right_way(results, name: str) -> None:
    assert group(results, name)["direction"].precision >= 0.97


def test_every_article_finds_most_of_its_entities(results) -> None:
    """A guard for the sets developed on; the frozen sets are held to their totals only."""
    for name, per in results.items():
        if not group_of(name).startswith("frozen"):
            assert per["entities"].recall >= 0.7, name


@pytest.mark.parametrize("folder", ["", "heldout", "final", "dev-a", "dev-b", "frozen", "frozen2", "frozen3"])
def test_gold_files_are_well_formed(folder: str) -> None:
    """Every gold file names entities the text contains and uses only the known kinds and sectors."""
    import subprocess
    import sys

    from tests.conftest import ARTICLES

    checker = ARTICLES / "check_gold.py"
    run = subprocess.run([sys.executable, str(checker), str(ARTICLES / folder)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
