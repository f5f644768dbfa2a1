"""Saved queries from the command line against the same queries on an open pyoxigraph store.

For built folders (``--build DIR``, or synthetic corpora of ``--size N …`` articles generated and built
here), each saved query is run in fresh processes measured from outside (wall time, and the peak
resident memory of the largest process of the command: the query worker, or the command itself):

* start: ``python -c pass``, the interpreter's own start;
* raw: one script that imports pyoxigraph, opens the build's store read-only and runs the query
  (parameters substituted as IRIs), the baseline;
* cli: ``explore.py query NAME [--param …] --format csv --build DIR``: the folder checked, a confined query
  worker started, the store opened read-only in it, names resolved (by the build's name table), the
  answer written;
* with ``--turtle``, the same command on a folder holding only that build's ``graph.ttl`` (how every
  query ran before the store was kept: the Turtle parsed into memory in the worker; slow at 10,000).

It prints, per query, the times, ``(cli − start) / raw`` (the aim: at most 1.5, that is the command
line within 1.5 × raw plus interpreter start) and the peak memory of each; then the same ratio in CPU
time (user + system of every process of the command, the worker included), which a loaded machine
disturbs far less than wall time; with several sizes, then the command line's memory at each size,
which should not grow with the corpus beyond the answer.

    python benchmarks/bench_query.py --size 1000 10000      # or: --build build/
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# runs a command and reports its wall time and the peak RSS of it and its descendants (they are waited for)
MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
took = time.perf_counter() - start
if done.returncode:
    sys.exit(done.stderr.decode())
used = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": took, "peak_mb": used.ru_maxrss / 1024, "cpu": used.ru_utime + used.ru_stime,
                  "out": len(done.stdout.splitlines())}))
"""

RAW = """
import sys, json, pyoxigraph as ox
store = ox.Store.read_only(sys.argv[1])
text, prefixes, bound = open(sys.argv[2], encoding="utf-8").read(), json.loads(sys.argv[3]), json.loads(sys.argv[4])
result = store.query(text, prefixes=prefixes, substitutions={ox.Variable(k): ox.NamedNode(v) for k, v in bound.items()})
print(sum(1 for _ in result) if not isinstance(result, ox.QueryBoolean) else 1)
"""


def measure(*command: str) -> dict:
    done = subprocess.run([sys.executable, "-c", MEASURE, *command], cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{' '.join(command[:4])} …: {done.stderr.strip()}")
    return json.loads(done.stdout)


def best(*command: str, runs: int) -> dict:
    """The least of ``runs`` in wall time and, apart, in CPU time (the machine is shared: the minimum is the
    least disturbed, and the two are not always disturbed in the same run)."""
    seen = [measure(*command) for _ in range(runs)]
    return {**min(seen, key=lambda m: m["seconds"]), "cpu": min(m["cpu"] for m in seen)}


def parameters(store_dir: Path) -> dict[str, tuple[str, str]]:
    """A value for each parameter the saved queries take, read from the graph: the county named in the
    most assistance records, and a person with a post whose name no other entity has.  Name (for the command line) and IRI (for raw)."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(store_dir))
    county = next(iter(store.query("""
        PREFIX dk: <https://w3id.org/duikou/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?c ?l (COUNT(?a) AS ?n) WHERE { ?a dk:recipient ?c . ?c a dk:County ; rdfs:label ?l }
        GROUP BY ?c ?l ORDER BY DESC(?n) STR(?c) LIMIT 1""")))
    person = next(iter(store.query("""
        PREFIX org: <http://www.w3.org/ns/org#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?p ?l WHERE { ?m org:member ?p . ?p rdfs:label ?l
                             FILTER NOT EXISTS { ?other rdfs:label ?l FILTER(?other != ?p) } }
        ORDER BY STR(?p) LIMIT 1""")))
    place = (county["l"].value, county["c"].value)
    return {"recipient": place, "place": place, "entity": place, "person": (person["l"].value, person["p"].value)}


def build_corpus(size: int, tmp: Path) -> Path:
    from benchmarks.generate import generate

    corpus = tmp / f"corpus-{size}"
    generate(corpus, size, seed=7)
    out = tmp / f"build-{size}"
    subprocess.run([sys.executable, "explore.py", "build", str(corpus), "--out", str(out)], cwd=ROOT,
                   check=True, capture_output=True)
    return out


def measure_folder(folder: Path, tmp: Path, runs: int, turtle: bool) -> dict[tuple[str, str], dict]:
    """Print the table of one built folder; the command line's peak memory by (query, parameter)."""
    from graph.queries import saved_queries
    from graph.record import read_record
    from graph.sparql import prepare
    from graph.vocab import PREFIXES

    record = read_record(folder)
    if record is None or not record.store:
        raise SystemExit(f"{folder} has no kept store: build it with this version first")
    store_dir = folder / record.store
    legacy = tmp / f"turtle-only-{folder.name}"
    if turtle:
        legacy.mkdir()
        shutil.copy(folder / "graph.ttl", legacy / "graph.ttl")
    values = parameters(store_dir)
    bare = best(sys.executable, "-c", "pass", runs=runs)
    interpreter = bare["seconds"]
    print(f"\n{folder}: {record.summary.get('documents')} documents, {record.summary.get('triples')} triples; "
          f"interpreter start {interpreter:.2f} s ({bare['cpu']:.3f} s of CPU); name table: "
          f"{'yes' if (folder / 'names.sqlite').is_file() else 'no'}; bytecode "
          f"{'not written (PYTHONDONTWRITEBYTECODE)' if sys.dont_write_bytecode else 'written'}; load average "
          f"{os.getloadavg()[0]:.1f}")
    print(f"{'query':<28} {'param':<10} {'raw s':>6} {'cli s':>6} {'ratio':>6} {'aim':>4} "
          f"{'raw MB':>6} {'cli MB':>6} {'rows':>6} {'cpu raw':>7} {'cpu cli':>7} {'ratio':>6} {'aim':>4}"
          + (f" {'ttl s':>6} {'ttl MB':>6}" if turtle else ""))
    memory = {}
    for name, saved in saved_queries().items():
        runs_of = [[]] + [[p.name] for p in saved.params if p.name in values]
        runs_of = [r for r in runs_of if all(p.name in r for p in saved.params if p.required)]
        for given in runs_of[:2]:
            text = tmp / f"{name}.rq"
            text.write_text(saved.text, encoding="utf-8")
            bound = {p: values[p][1] for p in given}
            raw = best(sys.executable, "-c", RAW, str(store_dir), str(text), json.dumps(PREFIXES),
                       json.dumps(bound), runs=runs)
            fmt = "nt" if prepare(saved.text).is_graph else "csv"  # one line a triple; a header and a line a row
            command = [sys.executable, "explore.py", "query", name, "--format", fmt]
            command += [f"--param={p}={values[p][0]}" for p in given]
            cli = best(*command, "--build", str(folder), runs=runs)
            ratio = (cli["seconds"] - interpreter) / raw["seconds"]
            cpu_ratio = (cli["cpu"] - bare["cpu"]) / max(raw["cpu"], 0.01)
            line = (f"{name:<28} {','.join(given) or '-':<10} {raw['seconds']:6.2f} {cli['seconds']:6.2f} "
                    f"{ratio:6.2f} {'yes' if ratio <= 1.5 else 'no':>4} {raw['peak_mb']:6.0f} {cli['peak_mb']:6.0f} "
                    f"{cli['out'] - (fmt == 'csv'):6d} {raw['cpu']:7.3f} {cli['cpu']:7.3f} "
                    f"{cpu_ratio:6.2f} {'yes' if cpu_ratio <= 1.5 else 'no':>4}")
            if turtle:
                ttl = best(*command, "--build", str(legacy), runs=1)
                line += f" {ttl['seconds']:6.2f} {ttl['peak_mb']:6.0f}"
            print(line, flush=True)
            memory[(name, ','.join(given) or '-')] = cli
    return memory


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=Path, action="append", help="a built folder (repeatable; default: generate "
                        "and build --size articles)")
    parser.add_argument("--size", type=int, nargs="+", default=[1000], help="corpus sizes to generate and build")
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement; the fastest is kept")
    parser.add_argument("--turtle", action="store_true", help="also time each query on the folder's Turtle alone")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folders = args.build or [build_corpus(size, Path(tmp)) for size in args.size]
        sizes = [measure_folder(folder, Path(tmp), args.runs, args.turtle) for folder in folders]
        if len(sizes) > 1:
            print(f"\npeak MB of the command line by folder: {', '.join(str(f) for f in folders)}")
            for key in sizes[0]:
                print(f"{key[0]:<28} {key[1]:<10} " + " ".join(f"{s[key]['peak_mb']:6.0f}" for s in sizes if key in s)
                      + "   rows " + " ".join(f"{s[key]['out']:6d}" for s in sizes if key in s))


if __name__ == "__main__":
    main()
