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
