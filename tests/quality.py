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


def cases() -> list[tuple[str, Path, Path]]:
    """(name, article, gold) for the seed and every held-out article."""
    out = [("seed", SEED, ARTICLES / "seed.json")]
    for gold in sorted(ARTICLES.glob("*.json")):
        if gold.stem != "seed":
            out.append((gold.stem, gold.with_suffix(".txt"), gold))
    for group in ("heldout", "final"):
        for gold in sorted((ARTICLES / group).glob("*.json")):
            out.append((f"{group}/{gold.stem}", gold.with_suffix(".txt"), gold))
    return out


def _compare(predicted: set, expected: set) -> Score:
    return Score(len(predicted & expected), len(predicted - expected), len(expected - predicted))


def _bare(name: str) -> str:
    """湖北省宜昌市秭归县乡村振兴局 → 乡村振兴局 keyed with its county: the name without leading divisions."""
    reg = register()
    head = ""
    while True:
        hit = next((name[:n] for n in range(min(12, len(name) - 1), 1, -1) if name[:n] in reg.by_name), None)
        if hit is None:
            return head + "|" + name
        head, name = hit, name[len(hit):]


def score(ex: Extraction, gold: dict) -> dict[str, Score]:
    """Matching by name or alias; an organisation named with more or fewer leading divisions
    (湖北省宜昌市秭归县乡村振兴局 / 秭归县乡村振兴局) is the same organisation."""
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
    out["pairs"] = _compare(
        {(name(a.provider) or "?", name(a.recipient) or "?") for a in ex.assistance},
        {(a["provider"], a["recipient"]) for a in gold["assistance"]},
    )
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
    q_pred = Counter((float(q.value), q.unit, q.approximate) for q in ex.quantities)
    q_gold = Counter((float(q["value"]), q["unit"], q["approximate"]) for q in gold["quantities"])
    tp = sum((q_pred & q_gold).values())
    out["quantities"] = Score(tp, sum(q_pred.values()) - tp, sum(q_gold.values()) - tp)
    out["date"] = Score(int(ex.date == gold["date"]), int(ex.date != gold["date"] and ex.date is not None),
                        int(ex.date != gold["date"] and gold["date"] is not None))
    return out


def evaluate(which: str = "all") -> dict[str, dict[str, Score]]:
    results = {}
    for name, article, gold in cases():
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
        group = "seed" if name == "seed" else name.split("/")[0] if "/" in name else "dev"
        score = out.setdefault(group, Score())
        score.add(Score(len(found), len(wrong), len({g["name"] for g in gold["entities"]} - found)))
    return out


def main() -> None:
    if "--baseline" in sys.argv:
        for group, s in baseline().items():
            print(f"bare model, {group:8} entities precision {s.precision:.2f} recall {s.recall:.2f}")
        return
    results = evaluate()
    metrics = list(next(iter(results.values())))
    print(f"{'article':28}" + "".join(f"{m:>16}" for m in metrics))
    rows = list(results.items()) + [
        ("DEV TOTAL", total({k: v for k, v in results.items() if "/" not in k and k != "seed"})),
        ("HELD-OUT TOTAL", total({k: v for k, v in results.items() if k.startswith("heldout/")})),
        ("FINAL TOTAL", total({k: v for k, v in results.items() if k.startswith("final/")})),
    ]
    for name, per in rows:
        print(f"{name:28}" + "".join(f"{per[m].precision:7.2f}/{per[m].recall:<7.2f} " for m in metrics))
    print("(precision/recall)")
    if "-v" in sys.argv:
        for name, article, gold in cases():
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
    lab = lambda k: ex.entities[k].label if k in ex.entities else k  # noqa: E731
    got = {(lab(a.provider), lab(a.recipient), a.sector) for a in ex.assistance}
    print("  assistance got:", sorted(got))
    print("  assistance gold:", sorted((a["provider"], a["recipient"], a["sector"]) for a in gold["assistance"]))
    print("  posts got:", sorted((lab(p.person), p.role, lab(p.organization) if p.organization else None) for p in ex.posts))
    print("  posts gold:", sorted((p["person"], p["role"], p["organization"]) for p in gold["posts"]))
    print("  quantities got:", sorted(q.text for q in ex.quantities))
    print("  quantities gold:", sorted(q["text"] for q in gold["quantities"]))
    print("  date", ex.date, "gold", gold["date"])


if __name__ == "__main__":
    main()
