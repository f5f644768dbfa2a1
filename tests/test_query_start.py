"""What a command-line query costs before the engine runs: the command's own process imports no RDF library
(the confined worker, forked from it, makes the terms and writes the answer) and starts no fork server."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json, sys
sys.argv = ["explore.py"]
import explore
import multiprocessing.forkserver as fs
status = explore.main(json.loads(sys.stdin.read()))
print(json.dumps({"status": status, "rdflib": sorted(m for m in sys.modules if m.split(".")[0] == "rdflib"),
                  "fork_server": fs._forkserver._forkserver_pid}))
"""


def probe(*args: str) -> dict:
    done = subprocess.run([sys.executable, "-c", PROBE], input=json.dumps(list(args)), capture_output=True,
                          text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_a_query_needs_no_rdf_library_and_no_fork_server(seed_build: Path, tmp_path: Path) -> None:
    out = tmp_path / "answer.csv"
    seen = probe("query", "assisted-by", "--param", "recipient=jiulong", "--out", str(out),
                 "--build", str(seed_build))
    assert seen == {"status": 0, "rdflib": [], "fork_server": None}
    assert out.read_text(encoding="utf-8").startswith("recipient,provider")
    table = probe("query", "SELECT ?s WHERE { ?s a dk:County } LIMIT 1", "--build", str(seed_build))
    assert table["status"] == 0 and table["rdflib"] == []


OPENS = """
import json, os, sys
sys.argv = ["explore.py"]
import explore
import graph.merge

original = graph.merge.read_only

def recorded(folder):  # inherited by the forked worker: every process that opens the store says so
    with open(os.environ["OPENED"], "a") as f:
        f.write(f"{os.getpid()}\\n")
    return original(folder)

graph.merge.read_only = recorded
status = explore.main(json.loads(sys.stdin.read()))
print(json.dumps({"status": status, "pid": os.getpid()}))
"""


def test_the_store_is_opened_by_the_worker_alone(seed_build: Path, tmp_path: Path) -> None:
    """Checking the folder trusts a store whose folder is there (its worker opens it anyway, and one that
    does not open is rebuilt: test_query's damaged-store tests); opening it in the command too cost 0.05 s."""
    import os

    opened = tmp_path / "opened"
    done = subprocess.run([sys.executable, "-c", OPENS], input=json.dumps(["query", "ASK { ?s ?p ?o }", "--build",
                          str(seed_build)]), capture_output=True, text=True, cwd=ROOT, timeout=300,
                          env={**os.environ, "OPENED": str(opened)})
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.splitlines()[-1])
    pids = opened.read_text().split()
    assert seen["status"] == 0 and len(pids) == 1 and int(pids[0]) != seen["pid"]
