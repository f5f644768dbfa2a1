"""Corpus builds at scale: throughput, parallel and incremental builds, memory, all in one run.

For each corpus size (synthetic articles from ``generate.py``) it measures

* extraction throughput on one core: the full extractor against the bare NER model (LAC) and against
  plain jieba segmentation, on the same sentences;
* the full build with ``-j 1`` and ``-j 2`` (fresh output folders), each in its own process, with its
  peak memory (the build process and its workers);
* the rebuild with nothing changed, from the command line, against the interpreter's own start
  (``python -c pass``) measured in the same run;
* the incremental rebuild after 1% of the articles were edited, and after 1% were added and 1% removed
  (the merged store on disk changes only those documents' named graphs);
* the triples produced.

    pip install -e ".[bench]" && python benchmarks/bench_corpus.py [--sizes 100 1000 10000] [--sample 300] [--jobs 1 2]
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BUILD = """
import json, resource, sys, time
from pathlib import Path
from graph.build import build
start = time.perf_counter()
r = build([Path(sys.argv[1])], Path(sys.argv[2]), jobs=int(sys.argv[3]) or None, progress=False)
took = time.perf_counter() - start
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"seconds": took, "peak_mb": peak / 1024, "triples": r.triples, "documents": r.documents,
                  "extracted": r.extracted, "phases": r.timings}))
"""


def run_build(corpus: Path, out: Path, jobs: int) -> dict:
    done = subprocess.run([sys.executable, "-c", BUILD, str(corpus), str(out), str(jobs)], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def command_line(*args: str) -> float:
    """Wall seconds of one command, interpreter start included."""
    start = time.perf_counter()
    subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, check=True)
    return time.perf_counter() - start


def throughput(paths: list[Path]) -> dict:
    """Seconds per article on this core for the bare model, jieba and the full extractor."""
    import jieba

    from graph.extract import extract
    from graph.ner import _model
    from graph.sentences import split_sentences
    from graph.text import read_document

    docs = [read_document(p) for p in paths]
    sentences = [s.norm for d in docs for s in split_sentences(d)]
    lac = _model()
    jieba.initialize()
    lac.run(sentences[0])
    extract(docs[0])
    start = time.perf_counter()
    for s in sentences:
        lac.run(s)
    bare = time.perf_counter() - start
    start = time.perf_counter()
    for s in sentences:
        jieba.lcut(s)
    seg = time.perf_counter() - start
    start = time.perf_counter()
    for d in docs:
        extract(d)
    full = time.perf_counter() - start
    n = len(docs)
    return {"bare": bare / n, "jieba": seg / n, "full": full / n, "sentences": len(sentences) / n}


def touch(paths: list[Path], share: float, seed: int = 1) -> int:
    rng = random.Random(seed)
    chosen = rng.sample(paths, max(1, int(len(paths) * share)))
    for p in chosen:
        p.write_text(p.read_text(encoding="utf-8") + "两地将继续深化合作。\n", encoding="utf-8")
    return len(chosen)


def main() -> None:
    from benchmarks.generate import generate

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--sample", type=int, default=300, help="articles for the throughput comparison")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="worker counts of the full builds")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            corpus = Path(tmp) / f"corpus-{n}"
            paths = generate(corpus, n, seed=7)
            t = throughput(paths[: args.sample])
            full = {j: run_build(corpus, Path(tmp) / f"out-{n}-j{j}", j) for j in args.jobs}
            one, two = full[min(full)], full[max(full)]
            out = Path(tmp) / f"out-{n}-j{max(full)}"
            interpreter = min(command_line("-c", "pass") for _ in range(3))
            unchanged = min(command_line("explore.py", "build", str(corpus), "--out", str(out)) for _ in range(3))
            edited = touch(paths, 0.01)
            again = run_build(corpus, out, 0)  # the default worker count, as a user's rebuild would have
            share = max(1, n // 100)
            for p in paths[:share]:
                p.unlink()
            generate(corpus / "added", share, seed=8)
            churned = run_build(corpus, out, 0)
            rows.append((n, t, one, two, edited, again))
            print(f"\n== {n} articles ({t['sentences']:.1f} sentences each)", flush=True)
            print(f"extraction per article, one core: full {t['full'] * 1000:.1f} ms, bare LAC {t['bare'] * 1000:.1f} ms"
                  f" ({t['full'] / t['bare']:.2f}x), jieba {t['jieba'] * 1000:.1f} ms ({t['full'] / t['jieba']:.1f}x)")
            print(f"build -j 1: {one['seconds']:.1f} s, peak {one['peak_mb']:.0f} MB, {one['triples']} triples")
            print(f"build -j 2: {two['seconds']:.1f} s ({one['seconds'] / two['seconds']:.2f}x faster), "
                  f"peak {two['peak_mb']:.0f} MB")
            print(f"rebuild after editing {edited} ({edited / n:.0%}): {again['seconds']:.1f} s, "
                  f"{again['extracted']} re-read = {again['seconds'] / two['seconds']:.1%} of the full -j 2 build")
            print(f"rebuild after adding {share} and removing {share}: {churned['seconds']:.1f} s = "
                  f"{churned['seconds'] / two['seconds']:.1%} of the full build")
            print(f"rebuild with nothing changed, command line: {unchanged:.2f} s; interpreter start {interpreter:.2f} s;"
                  f" beyond it {unchanged - interpreter:.2f} s")
            print("phases, full build: " + ", ".join(f"{k} {v:.1f} s" for k, v in two["phases"].items())
                  + "; 1% edited: " + ", ".join(f"{k} {v:.1f} s" for k, v in again["phases"].items())
                  + "; 1% added and removed: " + ", ".join(f"{k} {v:.1f} s" for k, v in churned["phases"].items()))
    print("\nsize  full/bare  full/jieba  j1 s   j2 s   j1/j2  rebuild%  peak MB j1/j2   triples")
    for n, t, one, two, edited, again in rows:
        print(f"{n:<5} {t['full'] / t['bare']:9.2f} {t['full'] / t['jieba']:10.1f} {one['seconds']:6.1f} "
              f"{two['seconds']:6.1f} {one['seconds'] / two['seconds']:6.2f} {again['seconds'] / two['seconds']:8.1%} "
              f"{one['peak_mb']:7.0f}/{two['peak_mb']:<7.0f} {one['triples']:9d}")


if __name__ == "__main__":
    main()
