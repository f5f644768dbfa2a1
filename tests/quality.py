"""Precision and recall of the extractor against the gold files in ``tests/articles``.

Run ``python tests/quality.py`` for the table; ``tests/test_quality.py`` asserts the thresholds.
A predicted entity matches a gold one when its label or one of its aliases is the gold name or one
of the gold aliases; relations are compared through that matching, so a right relation between
wrongly named entities does not count.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.extract import extract  # noqa: E402
from graph.model import Extraction  # noqa: E402
from graph.places import register  # noqa: E402
from graph.text import read_document  # noqa: E402

ARTICLES = ROOT / "tests" / "articles"
PLACES = {"Province", "Prefecture", "City", "County", "District", "Township", "Town", "Subdistrict", "Village",
          "River", "Port", "Place"}
SEED = ROOT / "seeds" / "qingbaijiang-jiulong.txt"


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Score") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


#: the sets, in the order they are reported: what each was for is in tests/articles/README.md
GROUPS = ("seed", "dev", "heldout", "final", "dev-a", "dev-b", "frozen", "frozen2", "frozen3", "frozen4", "frozen5",
          "frozen6", "frozen7", "frozen8")


def group_of(name: str) -> str:
    return "seed" if name == "seed" else name.split("/")[0] if "/" in name else "dev"


def cases(skip: tuple[str, ...] = ()) -> list[tuple[str, Path, Path]]:
    """(name, article, gold) for the seed and every article of every set, less the groups in ``skip``."""
    out = [("seed", SEED, ARTICLES / "seed.json")]
    for gold in sorted(ARTICLES.glob("*.json")):
        if gold.stem != "seed":
            out.append((gold.stem, gold.with_suffix(".txt"), gold))
    for group in GROUPS[2:]:
        for gold in sorted((ARTICLES / group).glob("*.json")):
            out.append((f"{group}/{gold.stem}", gold.with_suffix(".txt"), gold))
    return [c for c in out if group_of(c[0]) not in skip]


def _compare(predicted: set, expected: set) -> Score:
    return Score(len(predicted & expected), len(predicted - expected), len(expected - predicted))


def _multiset(predicted: Counter, expected: Counter) -> Score:
    tp = sum((predicted & expected).values())
    return Score(tp, sum(predicted.values()) - tp, sum(expected.values()) - tp)


def _bare(name: str) -> str:
    """湖北省宜昌市秭归县乡村振兴局 → 乡村振兴局 keyed with its county: the name without leading divisions."""
    reg = register()
    head = ""
    while True:
        hit = next((name[:n] for n in range(min(12, len(name) - 1), 1, -1) if name[:n] in reg.by_name), None)
        if hit is None:
            return head + "|" + name
        head, name = hit, name[len(hit):]


def namer(ex: Extraction, gold: dict) -> tuple[dict[str, str | None], Callable[[str | None], str | None]]:
    """The gold name of every predicted entity (by name or alias; an organisation named with more or fewer
    leading divisions, 湖北省宜昌市秭归县乡村振兴局 / 秭归县乡村振兴局, is the same organisation)."""
    names: dict[str, str] = {}
    for g in gold["entities"]:
        for form in [g["name"], *g.get("aliases", [])]:
            names.setdefault(form, g["name"])
            if g["kind"] not in PLACES:
                names.setdefault(_bare(form), g["name"])
    canon: dict[str, str | None] = {}
    for key, e in ex.entities.items():
        canon[key] = names.get(e.label) or next((names[a] for a in sorted(e.aliases) if a in names), None) or (
            names.get(_bare(e.label)) if e.kind not in PLACES else None)

    def name(key: str | None) -> str | None:
        if key is None:
            return None
        if key in canon:
            return canon[key]
        if key.startswith("place:") and key[6:].isdigit():
            d = register().by_code.get(key[6:])
            return names.get(d.name) if d else None
        return None

    return canon, name


def score(ex: Extraction, gold: dict) -> dict[str, Score]:
    """Matching by name or alias, as :func:`namer` says."""
    canon, name = namer(ex, gold)
    kinds = {g["name"]: g["kind"] for g in gold["entities"]}
    predicted = {(canon[k] or f"?{e.label}", e.kind) for k, e in ex.entities.items()}
    expected = {(g["name"], g["kind"]) for g in gold["entities"]}
    found_names = {canon[k] for k in ex.entities if canon[k]}
    out = {
        "entities": Score(len(found_names), len({p for p in predicted if p[0].startswith("?")}),
                          len(set(kinds) - found_names)),
        "kinds": _compare(predicted, expected),
    }
    out["assistance"] = _compare(
        {(name(a.provider) or "?", name(a.recipient) or "?", a.sector) for a in ex.assistance},
        {(a["provider"], a["recipient"], a["sector"]) for a in gold["assistance"]},
    )
    pairs = {(name(a.provider) or "?", name(a.recipient) or "?") for a in ex.assistance}
    gold_pairs = {(a["provider"], a["recipient"]) for a in gold["assistance"]}
    out["pairs"] = _compare(pairs, gold_pairs)
    # direction: of the pairs found whose two ends make a gold pair, how many point the right way
    turned = {(b, a) for a, b in gold_pairs} - gold_pairs
    out["direction"] = Score(len(pairs & gold_pairs), len(pairs & turned), 0)
    extended = "programme" in gold  # sets written for issue 8 carry programme, inferred and money kinds
    if extended:
        # a gold record is a (provider, recipient, sector) triple, stated when any sentence states it; the
        # extractor's records are per sentence, so they are folded the same way before comparing
        folded: dict[tuple, bool] = {}
        for a in ex.assistance:
            key = (name(a.provider) or "?", name(a.recipient) or "?", a.sector)
            folded[key] = folded.get(key, True) and a.inferred
        out["stated"] = _compare({(p, r, inferred) for (p, r, _), inferred in folded.items()},
                                 {(a["provider"], a["recipient"], a["inferred"]) for a in gold["assistance"]})
        money = [q for q in ex.quantities if q.is_money]
        owner = {q.start: (name(a.provider) or "?", name(a.recipient) or "?") for a in ex.assistance
                 for q in a.quantities if q.is_money}
        gold_money = [q for q in gold["quantities"] if q["unit"] == "CNY"]
        out["money kind"] = _multiset(Counter((float(q.value), q.kind) for q in money),
                                      Counter((float(q["value"]), q["kind"]) for q in gold_money))
        out["money record"] = _multiset(
            Counter((float(q.value), q.kind, owner.get(q.start)) for q in money),
            Counter((float(q["value"]), q["kind"], (q["record"]["provider"], q["record"]["recipient"])
                     if q["record"] else None) for q in gold_money))
        out["programme"] = _compare(set(ex.programmes), set(gold["programme"]))
    out["posts"] = _compare(
        {(name(p.person) or "?", p.role, name(p.organization)) for p in ex.posts},
        {(p["person"], p["role"], p["organization"]) for p in gold["posts"]},
    )
    places = set()
    for key, e in ex.entities.items():
        for up in (e.parent, e.location):
            if up:
                places.add((name(key) or "?", name(up) or "?"))
        if e.code:
            parent = register().by_code[e.code].parent
            if parent and name(f"place:{parent}"):
                places.add((name(key) or "?", name(f"place:{parent}")))
    gold_places = {(p["entity"], p["in"]) for p in gold["places"]}
    # a containment the register adds for a place the gold does not list is not an error
    places = {p for p in places if p in gold_places or p[0] in {g[0] for g in gold_places} or "?" in p}
    out["places"] = _compare(places, gold_places)
    out["quantities"] = _multiset(Counter((float(q.value), q.unit, q.approximate) for q in ex.quantities),
                                  Counter((float(q["value"]), q["unit"], q["approximate"]) for q in gold["quantities"]))
    out["date"] = Score(int(ex.date == gold["date"]), int(ex.date != gold["date"] and ex.date is not None),
                        int(ex.date != gold["date"] and gold["date"] is not None))
    return out


def evaluate(which: str = "all", skip: tuple[str, ...] = ()) -> dict[str, dict[str, Score]]:
    results = {}
    for name, article, gold in cases(skip):
        if which != "all" and (name == "seed") != (which == "seed"):
            continue
        ex = extract(read_document(article))
        results[name] = score(ex, json.loads(gold.read_text(encoding="utf-8")))
    return results


def total(results: dict[str, dict[str, Score]]) -> dict[str, Score]:
    out: dict[str, Score] = {}
    for per in results.values():
        for metric, s in per.items():
            out.setdefault(metric, Score()).add(s)
    return out


def baseline(which: str = "all") -> dict[str, Score]:
    """The bare NER model with no rules: its PER/LOC/ORG spans as entities, scored like the extractor's."""
    from graph.ner import tag_sentence
    from graph.sentences import split_sentences

    out: dict[str, Score] = {}
    for name, article, gold_path in cases():
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        names: dict[str, str] = {}
        for g in gold["entities"]:
            for form in [g["name"], *g.get("aliases", [])]:
                names.setdefault(form, g["name"])
                names.setdefault(_bare(form), g["name"])
        doc = read_document(article)
        spans = {t.word for s in split_sentences(doc) for t in tag_sentence(s) if t.tag in ("PER", "LOC", "ORG")}
        found = {names.get(w) or names.get(_bare(w)) for w in spans} - {None}
        wrong = {w for w in spans if not (names.get(w) or names.get(_bare(w)))}
        group = group_of(name)
        score = out.setdefault(group, Score())
        score.add(Score(len(found), len(wrong), len({g["name"] for g in gold["entities"]} - found)))
    return out


def main() -> None:
    if "--baseline" in sys.argv:
        for group, s in baseline().items():
            print(f"bare model, {group:8} entities precision {s.precision:.2f} recall {s.recall:.2f}")
        return
    skip = tuple(g for g in GROUPS if f"--skip-{g}" in sys.argv)
    only = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--only=")), None)
    results = evaluate(skip=skip)
    metrics = ["entities", "kinds", "assistance", "pairs", "direction", "stated", "posts", "places",
               "quantities", "money kind", "money record", "programme", "date"]
    print(f"{'article':30}" + "".join(f"{m:>13}" for m in metrics))

    def cell(per: dict[str, Score], m: str) -> str:
        if m not in per:
            return f"{'–':>13}"
        if m == "direction":
            return f"{per[m].precision:>13.2f}" if per[m].tp + per[m].fp else f"{'–':>13}"
        return f"{per[m].precision:8.2f}/{per[m].recall:<4.2f}"

    totals = [(f"{g.upper()} TOTAL", total({k: v for k, v in results.items() if group_of(k) == g}))
              for g in GROUPS if any(group_of(k) == g for k in results)]
    for name, per in list(results.items()) + totals:
        print(f"{name:30}" + "".join(cell(per, m) for m in metrics))
    print("(precision/recall; direction: share of the pairs found that point the right way)")
    if "-v" in sys.argv:
        for name, article, gold in cases(skip):
            if only and only not in name:
                continue
            g = json.loads(gold.read_text(encoding="utf-8"))
            ex = extract(read_document(article))
            print(f"\n== {name}")
            _explain(ex, g)


def _explain(ex: Extraction, gold: dict) -> None:
    labels = {e.label for e in ex.entities.values()} | {a for e in ex.entities.values() for a in e.aliases}
    for g in gold["entities"]:
        if not ({g["name"], *g.get("aliases", [])} & labels):
            print("  missed entity", g["name"], g["kind"])
    names = {f for g in gold["entities"] for f in [g["name"], *g.get("aliases", [])]}
    for e in ex.entities.values():
        if not ({e.label} | e.aliases) & names:
            print("  extra entity", e.label, e.kind)
        else:
            gk = next((g["kind"] for g in gold["entities"] if {g["name"], *g.get("aliases", [])} & ({e.label} | e.aliases)), None)
            if gk != e.kind:
                print("  kind", e.label, e.kind, "gold", gk)
    _, name = namer(ex, gold)
    lab = lambda k: name(k) or ("?" + (ex.entities[k].label if k in ex.entities else str(k)))  # noqa: E731
    got = {(lab(a.provider), lab(a.recipient), a.sector) for a in ex.assistance}
    want = {(a["provider"], a["recipient"], a["sector"]) for a in gold["assistance"]}
    print("  assistance got:", sorted(got))
    print("  assistance gold:", sorted(want))
    print("  pairs extra:", sorted({(a, b) for a, b, _ in got} - {(a, b) for a, b, _ in want}))
    print("  pairs missed:", sorted({(a, b) for a, b, _ in want} - {(a, b) for a, b, _ in got}))
    print("  programme", ex.programmes, "gold", gold.get("programme"))
    print("  money got:", sorted(((q.text, q.kind) for q in ex.quantities if q.is_money), key=str))
    print("  money gold:", sorted(((q["text"], q.get("kind")) for q in gold["quantities"] if q["unit"] == "CNY"), key=str))
    print("  posts got:", sorted(((lab(p.person), p.role, lab(p.organization) if p.organization else None) for p in ex.posts), key=str))
    print("  posts gold:", sorted(((p["person"], p["role"], p["organization"]) for p in gold["posts"]), key=str))
    print("  quantities got:", sorted(q.text for q in ex.quantities))
    print("  quantities gold:", sorted(q["text"] for q in gold["quantities"]))
    print("  date", ex.date, "gold", gold["date"])


if __name__ == "__main__":
    main()
