"""Precision and recall against the gold files (see ``tests/quality.py`` for the table and the matching rules).

Kinds of threshold, by set (what each set is for is in ``tests/articles/README.md``):

* the seed and the first development articles (``tests/articles/*.json``) keep the aims they were built to;
* ``heldout/`` and ``final/`` (written blind, since used for development) and ``dev-a/``, ``dev-b/`` (written
  blind for the relations work and tuned on) keep floors just under what they measure now, so a change that
  loses relations fails here;
* ``frozen/`` to ``frozen7/`` were each measured blind (at the end of their round, or midway) and tuned on in a
  later round; ``frozen8/``, written blind for round 6, is never tuned on and was measured once at its end.
  Their floors guard the level they measure now, below the aims of issue 8 where those were missed.
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


# set → metric → (precision floor, recall floor): a point or two under what round 6 ends at (README's table)
FLOORS = {
    "heldout": {"entities": (0.92, 0.96), "pairs": (0.88, 0.93), "posts": (0.95, 0.95), "quantities": (0.91, 0.96)},
    "final": {"entities": (0.93, 0.93), "pairs": (0.86, 0.90), "posts": (0.96, 0.96), "quantities": (0.89, 0.95)},
    "dev-a": {"entities": (0.94, 0.94), "pairs": (0.88, 0.85), "posts": (0.98, 0.97), "money kind": (0.90, 0.92),
              "money record": (0.81, 0.82), "programme": (0.95, 0.95)},
    "dev-b": {"entities": (0.92, 0.94), "pairs": (0.86, 0.76), "posts": (0.94, 0.94), "money kind": (0.92, 0.96),
              "money record": (0.76, 0.79), "programme": (0.95, 0.95)},
    # written blind for earlier rounds, measured once at their ends, since tuned on (tests/articles/README.md)
    "frozen": {"entities": (0.93, 0.91), "pairs": (0.82, 0.76), "posts": (0.97, 0.96), "money kind": (0.93, 0.95),
               "programme": (0.95, 0.90)},
    "frozen2": {"entities": (0.91, 0.89), "pairs": (0.83, 0.81), "posts": (0.90, 0.89), "money kind": (0.91, 0.94),
                "programme": (0.90, 0.90)},
    "frozen3": {"entities": (0.88, 0.90), "pairs": (0.78, 0.78), "posts": (0.91, 0.88), "money kind": (0.94, 0.96),
                "programme": (0.95, 0.95)},
    # (programme: its gold says "other" for a 对口合作 report written before that programme was in the vocabulary)
    "frozen4": {"entities": (0.92, 0.89), "pairs": (0.79, 0.82), "posts": (0.91, 0.88), "money kind": (0.85, 0.87),
                "programme": (0.77, 0.77)},
    # written blind for round 5 (frozen5 and frozen6 measured midway, then tuned on; frozen7 measured at its end)
    # and tuned on in round 6
    "frozen5": {"entities": (0.86, 0.92), "pairs": (0.89, 0.65), "posts": (0.78, 0.72), "money kind": (0.82, 0.86)},
    "frozen6": {"entities": (0.87, 0.93), "pairs": (0.81, 0.72), "posts": (0.91, 0.84), "money kind": (0.84, 0.84)},
    "frozen7": {"entities": (0.87, 0.93), "pairs": (0.84, 0.88), "posts": (0.91, 0.87), "money kind": (0.94, 0.94),
                "programme": (0.95, 0.95)},
    # written blind for round 6, measured once at its end, never tuned on (pairs 0.73/0.66; with round 5's
    # extractor 0.68/0.63)
    "frozen8": {"entities": (0.86, 0.89), "pairs": (0.71, 0.64), "posts": (0.91, 0.84), "money kind": (0.86, 0.88),
                "programme": (0.95, 0.95)},
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_sets_do_not_regress(results, name: str) -> None:
    scores = group(results, name)
    for metric, (precision, recall) in FLOORS[name].items():
        assert scores[metric].precision >= precision, (metric, scores[metric].precision)
        assert scores[metric].recall >= recall, (metric, scores[metric].recall)


@pytest.mark.parametrize("name", ["heldout", "final", "dev-a", "dev-b", "frozen", "frozen2", "frozen3", "frozen4",
                                  "frozen5", "frozen6", "frozen7", "frozen8"])
def test_pairs_point_the_right_way(results, name: str) -> None:
    assert group(results, name)["direction"].precision >= 0.97


def test_every_article_finds_most_of_its_entities(results) -> None:
    """A guard for the sets developed on; the frozen sets are held to their totals only."""
    for name, per in results.items():
        if not group_of(name).startswith("frozen"):
            assert per["entities"].recall >= 0.7, name


@pytest.mark.parametrize("folder", ["", "heldout", "final", "dev-a", "dev-b", "frozen", "frozen2", "frozen3", "frozen4",
                                    "frozen5", "frozen6", "frozen7", "frozen8"])
def test_gold_files_are_well_formed(folder: str) -> None:
    """Every gold file names entities the text contains and uses only the known kinds and sectors."""
    import subprocess
    import sys

    from tests.conftest import ARTICLES

    checker = ARTICLES / "check_gold.py"
    run = subprocess.run([sys.executable, str(checker), str(ARTICLES / folder)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
