"""Corpus builds at scale: throughput, parallel and incremental builds, memory, all in one run.

For each corpus size (synthetic articles from ``generate.py``) it measures

* extraction throughput on one core: the full extractor against the bare NER model (LAC) and against
  plain jieba segmentation, on the same sentences;
* the full build with ``-j 1`` and ``-j 2`` (fresh output folders), each in its own process, with its
  peak memory (the build process and its workers);
* the rebuild with nothing changed, from the command line, against the interpreter's own start
  (``python -c pass``) measured in the same run, with its peak memory;
* the incremental rebuilds after 1% of the articles were edited, after 1% were added, and after 1% were
  removed (one after the other, each on its own), each in seconds of wall time and of CPU, as a share of the
  full build (the last
  ``--jobs`` count's) and with its peak memory (the merged store on disk changes only those documents'
  named graphs);
* the triples produced.

    pip install -e ".[bench]" && python benchmarks/bench_corpus.py [--sizes 100 1000 10000] [--sample 300] [--jobs 1 2]

``--sample 0`` leaves out the throughput comparison, ``--jobs 2`` measures one full build only.
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
own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
peak = max(own.ru_maxrss, workers.ru_maxrss)
cpu = own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime
print(json.dumps({"seconds": took, "cpu": cpu, "peak_mb": peak / 1024, "triples": r.triples, "documents": r.documents,
                  "extracted": r.extracted, "phases": r.timings}))
"""


def run_build(corpus: Path, out: Path, jobs: int) -> dict:
    done = subprocess.run([sys.executable, "-c", BUILD, str(corpus), str(out), str(jobs)], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def command_line(*args: str) -> tuple[float, float]:
    """Wall seconds of one command, interpreter start included, and its peak memory in MB."""
    import os

    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, *args], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    took = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise subprocess.CalledProcessError(child.returncode, args)
    return took, usage.ru_maxrss / 1024


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


def share_line(what: str, run: dict, full: dict) -> str:
    """A rebuild's wall seconds and CPU seconds (this process and its workers, interpreter start included),
    each as a share of the full build's: on a machine shared with other jobs the CPU share says more."""
    return (f"{what}: {run['seconds']:.2f} s = {run['seconds'] / full['seconds']:.1%} of the full build, "
            f"CPU {run['cpu']:.2f} s = {run['cpu'] / full['cpu']:.1%} of its CPU, "
            f"{run['extracted']} read, peak {run['peak_mb']:.0f} MB; "
            + ", ".join(f"{k} {v:.2f} s" for k, v in run["phases"].items()))


def main() -> None:
    from benchmarks.generate import generate

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--sample", type=int, default=300, help="articles for the throughput comparison (0: none)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="worker counts of the full builds")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            corpus = Path(tmp) / f"corpus-{n}"
            paths = generate(corpus, n, seed=7)
            t = throughput(paths[: args.sample]) if args.sample else None
            full = {j: run_build(corpus, Path(tmp) / f"out-{n}-j{j}", j) for j in args.jobs}
            one, two = full[min(full)], full[max(full)]
            out = Path(tmp) / f"out-{n}-j{max(full)}"
            interpreter = min(command_line("-c", "pass")[0] for _ in range(3))
            nothing = [command_line("explore.py", "build", str(corpus), "--out", str(out)) for _ in range(3)]
            unchanged, unchanged_mb = min(nothing)
            edited = touch(paths, 0.01)
            again = run_build(corpus, out, 0)  # the default worker count, as a user's rebuild would have
            share = max(1, n // 100)
            generate(corpus / "added", share, seed=8)
            added = run_build(corpus, out, 0)
            for p in paths[:share]:
                p.unlink()
            removed = run_build(corpus, out, 0)
            rows.append((n, t, one, two, again, added, removed, unchanged - interpreter))
            print(f"\n== {n} articles" + (f" ({t['sentences']:.1f} sentences each)" if t else ""), flush=True)
            if t:
                print(f"extraction per article, one core: full {t['full'] * 1000:.1f} ms, bare LAC "
                      f"{t['bare'] * 1000:.1f} ms ({t['full'] / t['bare']:.2f}x), jieba {t['jieba'] * 1000:.1f} ms "
                      f"({t['full'] / t['jieba']:.1f}x)")
            for j, run in sorted(full.items()):
                print(f"full build -j {j}: {run['seconds']:.1f} s (CPU {run['cpu']:.1f} s), peak {run['peak_mb']:.0f} MB, {run['triples']} "
                      f"triples" + (f" ({one['seconds'] / run['seconds']:.2f}x faster than -j {min(full)})"
                                    if j != min(full) else "")
                      + "; " + ", ".join(f"{k} {v:.1f} s" for k, v in run["phases"].items()))
            print(f"rebuild with nothing changed, command line: {unchanged:.2f} s, peak {unchanged_mb:.0f} MB; "
                  f"interpreter start {interpreter:.2f} s; beyond it {unchanged - interpreter:.2f} s "
                  f"= {(unchanged - interpreter) / two['seconds']:.1%} of the full build")
            print(share_line(f"rebuild after editing {edited} ({edited / n:.0%})", again, two))
            print(share_line(f"rebuild after adding {share}", added, two))
            print(share_line(f"rebuild after removing {share}", removed, two))
    print("\nsize  full s  peak MB  no-change s  edit 1% s (share)  add 1% s (share)  remove 1% s (share)  "
          "rebuild peak MB   triples")
    for n, t, one, two, again, added, removed, nothing in rows:
        cells = [f"{r['seconds']:6.2f} ({r['seconds'] / two['seconds']:5.1%})" for r in (again, added, removed)]
        print(f"{n:<5} {two['seconds']:6.1f} {two['peak_mb']:8.0f} {nothing:12.2f} {cells[0]:>17} {cells[1]:>16} "
              f"{cells[2]:>19} {max(r['peak_mb'] for r in (again, added, removed)):16.0f} {two['triples']:9d}")


if __name__ == "__main__":
    main()
