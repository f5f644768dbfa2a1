"""Time to build the seed graph (model loading included) against the cost of importing the stack.

Both are measured in fresh processes in the same run, several times, and the medians compared:

    python benchmarks/bench_build.py [--repeat 5]
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    baseline, builds = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.repeat):
            baseline.append(timed([sys.executable, "-c", "import rdflib, networkx, pyvis"]))
            builds.append(timed([sys.executable, "explore.py", "build", "seeds", "--out", f"{tmp}/b{i}", "--force"]))
    b, s = statistics.median(baseline), statistics.median(builds)
    print(f"import rdflib, networkx, pyvis : {b:6.2f} s (median of {args.repeat})")
    print(f"explore.py build seeds --force : {s:6.2f} s (median of {args.repeat})")
    print(f"ratio build / import            : {s / b:6.2f}x")


if __name__ == "__main__":
    main()
