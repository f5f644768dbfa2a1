"""What a command-line query costs before the engine runs: the command's own process imports no RDF library
(the confined worker, forked from it, makes the terms and writes the answer) and starts no fork server."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import command_modules

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
import graph.readonly

original = graph.readonly.read_only

def recorded(folder):  # inherited by the forked worker: every process that opens the store says so
    with open(os.environ["OPENED"], "a") as f:
        f.write(f"{os.getpid()}\\n")
    return original(folder)

graph.readonly.read_only = recorded
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


# --- what each process of a command-line query loads ---------------------------------------------------------

def test_neither_process_loads_multiprocessing_the_merge_or_the_remote_client(seed_build: Path,
                                                                              tmp_path: Path) -> None:
    """The command forks its one worker itself (graph.forked), whose stderr is a file with no name (no temporary
    folder), the worker opens the store without the merge's module (graph.readonly), knows nothing of remote
    servers (graph.endpoint) and matches a name without the article reader (graph.simplified): 30–40 ms of
    a small query."""
    for query in (["official-pairings"], ["assisted-by", "--param", "recipient=jiulong"]):
        status, parent, worker, _, _ = command_modules(tmp_path, "query", *query, "--format", "csv", "--build", str(seed_build))
        assert status == 0
        for module in ("multiprocessing", "graph.merge", "uuid", "graph.endpoint", "urllib.request", "tempfile",
                       "hashlib", "graph.text"):
            assert module not in parent and module not in worker, module


def test_a_query_that_names_nothing_opens_no_name_table(seed_build: Path, tmp_path: Path) -> None:
    status, parent, worker, _, _ = command_modules(tmp_path, "query", "official-pairings", "--format", "csv",
                                       "--build", str(seed_build))
    assert status == 0 and not {"graph.nametable", "sqlite3"} & (parent | worker)
    status, parent, worker, _, _ = command_modules(tmp_path, "query", "assisted-by", "--param", "recipient=九龍縣",
                                       "--format", "csv", "--build", str(seed_build))
    assert status == 0 and "graph.nametable" in worker  # the name was looked up in the table, by the worker


def _copy(seed_build: Path, tmp_path: Path) -> Path:
    import shutil

    folder = tmp_path / "build"
    shutil.copytree(seed_build, folder)
    return folder


def _edit_record(folder: Path, **fields: object) -> None:
    record = json.loads((folder / "build.json").read_text(encoding="utf-8"))
    record.update(fields)
    (folder / "build.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")


def test_the_extractor_is_judged_by_its_files_stamps_without_reading_them(seed_build: Path, tmp_path: Path) -> None:
    """A build records the size and time of every file of the extractor's digest; while they are unchanged a
    query reads none of them and loads no hashlib (5–8 ms).  Stamps that differ (a file touched, or a folder
    built elsewhere) send it to the digest, which finds the same extractor: no rebuild."""
    from graph.version import EXTRACTOR_STAMPS

    record = json.loads((seed_build / "build.json").read_text(encoding="utf-8"))
    assert record["code"] == EXTRACTOR_STAMPS
    status, parent, worker, _, said = command_modules(tmp_path, "query", "official-pairings", "--build", str(seed_build))
    assert status == 0 and said == "" and "hashlib" not in parent | worker
    folder = _copy(seed_build, tmp_path)
    touched = {path: [size, mtime + 1] for path, (size, mtime) in EXTRACTOR_STAMPS.items()}
    _edit_record(folder, code=touched)
    status, parent, _, _, said = command_modules(tmp_path, "query", "official-pairings", "--build", str(folder))
    assert status == 0 and said == "" and "hashlib" in parent  # digested, found current, not rebuilt


def test_another_extractor_rebuilds_the_folder(seed_build: Path, tmp_path: Path) -> None:
    folder = _copy(seed_build, tmp_path)
    _edit_record(folder, extractor="0.1.0+000000000000", code={})  # built by other code, before stamps were kept
    done = subprocess.run([sys.executable, "explore.py", "query", "official-pairings", "--build", str(folder)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "rebuilding" in done.stderr and "the extractor changed" in done.stderr


def test_a_record_with_a_field_this_code_does_not_know_is_still_read(seed_build: Path, tmp_path: Path) -> None:
    """A later version's field is left out, not taken for a folder without a record (whose Turtle is parsed)."""
    from graph.record import read_record

    folder = _copy(seed_build, tmp_path)
    _edit_record(folder, later="what a later version records")
    record = read_record(folder)
    assert record is not None and record.store == read_record(seed_build).store


def test_a_command_sets_up_only_its_own_options(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    """Setting up every command's options cost a query 4–5 ms; a command named first sets up its own alone, and
    the usage, with no command or an unknown one, still lists them all."""
    import signal

    import explore

    added = []
    for name, add in list(explore.COMMANDS.items()):
        monkeypatch.setitem(explore.COMMANDS, name, lambda sub, name=name, add=add: (added.append(name), add(sub)))
    try:
        assert explore.main(["query", "--list", "--format", "json"]) == 0
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    assert added == ["query"] and json.loads(capsys.readouterr().out)
    added.clear()
    with pytest.raises(SystemExit):
        explore.main(["--help"])
    assert added == ["build", "query", "serve", "render"] and "render" in capsys.readouterr().out
