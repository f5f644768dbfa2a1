"""The command line's own fork of its query worker (graph.forked), which stands in for multiprocessing there:
messages of any size cross the pipe whole, a worker that dies is seen as the end of the pipe, its exit status
and its stderr are there for the parent to read, and one killed at the time limit leaves no process behind."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph.forked import Fork

ROOT = Path(__file__).resolve().parent.parent


def _echo(conn) -> None:
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        conn.send(("echo", message))


def _fail(conn) -> None:
    raise RuntimeError("the worker's own mistake")


def _sleep(conn) -> None:
    time.sleep(60)


def _start(target) -> tuple:
    fork = Fork()
    parent, child = fork.Pipe()
    process = fork.Process(target=target, args=(child,))
    process.start()
    child.close()
    return process, parent


def test_messages_of_any_size_cross_whole() -> None:
    process, conn = _start(_echo)
    try:
        big = os.urandom(5_000_000)  # far past a pipe's buffer, both ways
        for message in ("small", {"data": big, "n": 3}, b""):
            conn.send(message)
            assert conn.poll(30)
            assert conn.recv() == ("echo", message)
        assert not conn.poll(0)
    finally:
        conn.close()  # the worker sees the end of its pipe and ends by itself
    process.join(30)
    assert process.exitcode == 0


def test_a_worker_that_raises_ends_with_status_1_and_says_why_on_its_stderr(tmp_path: Path) -> None:
    log = tmp_path / "stderr"
    code = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
from tests.test_forked import _start, _fail
process, conn = _start(_fail)
try:
    conn.recv()
except EOFError:
    print("eof")
process.join(30)
print(process.exitcode)
"""
    with log.open("w") as stderr:
        done = subprocess.run([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=stderr, text=True,
                              cwd=ROOT, timeout=60)
    assert done.stdout.split() == ["eof", "1"]
    assert "RuntimeError: the worker's own mistake" in log.read_text()


def test_a_killed_worker_is_reaped_with_its_signal() -> None:
    process, conn = _start(_sleep)
    try:
        assert not conn.poll(0.1) and process.exitcode is None
        process.kill()
        process.join(10)
        assert process.exitcode == -signal.SIGKILL
        with pytest.raises(EOFError):
            conn.recv()
    finally:
        conn.close()


SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


def test_the_time_limit_on_the_command_line_kills_the_worker(tmp_path: Path) -> None:
    """One line and status 4 at the limit, and no process of the command left running (its worker killed and
    reaped, not orphaned still answering)."""
    folder = tmp_path / "build"
    folder.mkdir()
    (folder / "graph.ttl").write_bytes((ROOT / "tests" / "fixtures" / "mini.ttl").read_bytes())
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, str(ROOT / "explore.py"), "query", SLOW, "--timeout", "1",
                                "--build", str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               cwd=ROOT, start_new_session=True)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 4, err
    assert err.strip().splitlines() == [err.strip()] and "time limit of 1 s" in err
    assert time.monotonic() - started < 60
    with pytest.raises(ProcessLookupError):  # nothing left in the command's process group
        os.killpg(process.pid, 0)
