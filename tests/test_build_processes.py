"""The build as a user runs it, in real processes: on a terminal, interrupted, repeated, out of disk.

These drive ``explore.py build`` through a pseudo-terminal (so the progress bar is on, as for a
user) and signal it as a terminal would: Ctrl-C goes to the whole process group.
"""
from __future__ import annotations

import fcntl
import os
import pty
import resource
import select
import shutil
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from tests.conftest import ARTICLES, ROOT, SEEDS

EXPLORE = str(ROOT / "explore.py")
OUTPUTS = ("graph.ttl", "graph.trig", "graph.html")


def _children(pid: int) -> set[int]:
    """The live child processes of ``pid`` (the build's workers)."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found.update(int(c) for c in (task / "children").read_text().split())
        except OSError:
            pass
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


class Terminal:
    """``explore.py`` with a pseudo-terminal as its standard streams, in a process group of its own."""

    def __init__(self, *args: str, cwd: Path = ROOT, preexec=None) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a new pty has 0 columns
        self.master = master
        self.started = time.monotonic()
        self.process = subprocess.Popen([sys.executable, EXPLORE, *args], stdin=slave, stdout=slave, stderr=slave,
                                        cwd=cwd, start_new_session=True, preexec_fn=preexec)
        os.close(slave)
        self.output = b""

    def read(self, seconds: float) -> None:
        """Collect what the program writes for ``seconds`` (the terminal must be drained or it blocks)."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            ready, _, _ = select.select([self.master], [], [], max(0.0, min(0.1, end - time.monotonic())))
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:  # the other side closed: the program ended
                    return
                if not chunk:
                    return
                self.output += chunk
            elif self.process.poll() is not None:
                return

    def wait(self, timeout: float) -> int | None:
        """The exit status, or None if the program was still running after ``timeout`` seconds (then killed)."""
        end = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < end:
            self.read(0.2)
        self.read(0.2)
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
            os.close(self.master)
            return None
        os.close(self.master)
        return self.process.returncode

    @property
    def text(self) -> str:
        return self.output.decode("utf-8", "replace")

    def workers(self, count: int, timeout: float) -> set[int]:
        """Wait until the build has ``count`` worker processes; their pids."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            found = {c for c in _children(self.process.pid)
                     if "spawn_main" in Path(f"/proc/{c}/cmdline").read_text(errors="replace")}
            if len(found) >= count:
                return found
            self.read(0.05)
        raise AssertionError(f"the build did not start {count} workers in {timeout} s: {self.text[-500:]}")


def _tiny_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.txt").write_text("青白江区人民医院派出5名专家到九龙县人民医院开展义诊。\n", encoding="utf-8")
    (folder / "b.txt").write_text("常州市武进区帮扶紫阳县发展茶叶产业，投入资金300万元。\n", encoding="utf-8")
    return folder


def test_fifty_parallel_builds_on_a_terminal_all_finish(tmp_path: Path) -> None:
    """A forked worker once hung for good while loading the model (1 build in 111): workers are spawned now.
    Each build starts its two workers afresh (--force: nothing comes from the cache)."""
    corpus = _tiny_corpus(tmp_path / "corpus")
    for attempt in range(50):
        term = Terminal("build", str(corpus), "--out", str(tmp_path / "out"), "-j", "2", "--force")
        status = term.wait(60)
        assert status is not None, f"build {attempt + 1} of 50 still running after 60 s: {term.text[-800:]}"
        assert status == 0, term.text
        assert "extracting" in term.text  # the progress bar was on
        assert "Traceback" not in term.text


def _previous(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


@pytest.fixture(scope="module")
def interrupted_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, bytes]]:
    """A corpus long enough to interrupt in the middle, and a finished build of it."""
    base = tmp_path_factory.mktemp("interrupt")
    corpus = base / "corpus"
    shutil.copytree(ARTICLES, corpus, ignore=shutil.ignore_patterns("*.json", "README*"))
    out = base / "out"
    run = subprocess.run([sys.executable, EXPLORE, "build", str(corpus), "--out", str(out), "-j", "2"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    return corpus, out, _previous(out)


@pytest.mark.parametrize("whom", ["group", "parent"])
def test_one_ctrl_c_ends_a_parallel_build(interrupted_corpus, whom: str) -> None:
    """Ctrl-C at a terminal reaches every process of the group; `kill -INT` only the parent.  Either way the
    build ends at once with status 130 and one line, its workers gone, the previous outputs whole."""
    corpus, out, before = interrupted_corpus
    term = Terminal("build", str(corpus), "--out", str(out), "-j", "2", "--force")
    workers = term.workers(2, timeout=60)
    term.read(0.5)
    if whom == "group":
        os.killpg(term.process.pid, signal.SIGINT)
    else:
        term.process.send_signal(signal.SIGINT)
    status = term.wait(15)
    assert status == 130, term.text
    lines = [line for line in term.text.replace("\r", "\n").splitlines() if line.strip() and "extracting" not in line]
    assert lines == ["explore.py: interrupted"], term.text
    deadline = time.monotonic() + 5
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [w for w in workers if _alive(w)], "a worker outlived the build"
    assert _previous(out) == before
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("delay", [0.3, 1.0, 2.0])
def test_ctrl_c_at_any_moment_gives_one_line(interrupted_corpus, delay: float) -> None:
    """While the interpreter starts, workers spawn, articles are read or the outputs are written."""
    corpus, out, before = interrupted_corpus
    term = Terminal("build", str(corpus), "--out", str(out), "-j", "2", "--force")
    term.read(delay)
    os.killpg(term.process.pid, signal.SIGINT)
    status = term.wait(15)
    assert status in (0, 130), term.text
    assert "Traceback" not in term.text
    if status == 130:
        assert _previous(out) == before


def test_same_input_gives_the_same_bytes(tmp_path: Path) -> None:
    """Other worker counts and another hash seed: the three outputs are byte for byte the same."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("changzhou-ziyang", "licheng-chengkou"):
        shutil.copy(ARTICLES / f"{name}.txt", corpus)
    shutil.copy(SEEDS / "qingbaijiang-jiulong.txt", corpus)
    outs = []
    for jobs, seed in (("1", "1"), ("2", "2")):
        out = tmp_path / f"out{jobs}"
        run = subprocess.run([sys.executable, EXPLORE, "build", str(corpus), "--out", str(out), "-j", jobs],
                             capture_output=True, text=True, timeout=300, env=dict(os.environ, PYTHONHASHSEED=seed))
        assert run.returncode == 0, run.stderr
        outs.append(_previous(out))
    assert outs[0] == outs[1]
    ttl = outs[0]["graph.ttl"].decode("utf-8")
    assert "\n\ndkr:place\\/513324 a dk:County ;\n    " in ttl  # grouped by subject, rdf:type first


def test_a_build_folder_is_never_rebuilt_from_other_inputs(tmp_path: Path) -> None:
    """`build CORPUS` into build/, then `query` (which checks build/ first): the graph stays CORPUS's,
    however new seeds/ is; an edit in CORPUS rebuilds from CORPUS."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("changzhou-ziyang", "licheng-chengkou"):
        shutil.copy(ARTICLES / f"{name}.txt", corpus)
    count = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a <https://w3id.org/duikou/ontology#Document> }"

    def documents() -> tuple[str, str]:
        run = subprocess.run([sys.executable, EXPLORE, "query", count, "--format", "csv"], cwd=tmp_path,
                             capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stderr
        return run.stdout.split()[-1], run.stderr

    run = subprocess.run([sys.executable, EXPLORE, "build", str(corpus)], cwd=tmp_path, capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    seed = SEEDS / "qingbaijiang-jiulong.txt"
    was = seed.stat()
    os.utime(seed, (time.time() + 60, time.time() + 60))  # seeds/ newer than the build
    try:
        n, said = documents()
    finally:
        os.utime(seed, ns=(was.st_atime_ns, was.st_mtime_ns))
    assert n == "2" and "building" not in said
    shutil.copy(SEEDS / "qingbaijiang-jiulong.txt", corpus)
    n, said = documents()
    assert n == "3" and f"rebuilding build/ from {corpus}" in said


def _limit_file_size(limit: int):
    """A ``preexec_fn``: files larger than ``limit`` bytes cannot be written (EFBIG), as on a full disk."""
    return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


@pytest.mark.parametrize("limit, what", [(300_000, "graph.html"), (50_000, ".cache")])
def test_a_full_disk_keeps_every_previous_output(tmp_path: Path, limit: int, what: str) -> None:
    """Room for the cache and graph.ttl but not the page, or not even the cache: one line, status 5, and the
    previous outputs all as they were (the set is published whole or not at all)."""
    out = tmp_path / "out"
    first = subprocess.run([sys.executable, EXPLORE, "build", str(SEEDS), "--out", str(out)], capture_output=True,
                           text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    before = _previous(out)
    run = subprocess.run([sys.executable, EXPLORE, "build", str(SEEDS), "--out", str(out), "-j", "1", "--force"],
                         capture_output=True, text=True, timeout=300, preexec_fn=_limit_file_size(limit))
    assert run.returncode == 5, run.stderr
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    assert what in run.stderr and "File too large" in run.stderr
    assert _previous(out) == before
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]


def test_a_read_only_cache_is_one_line(tmp_path: Path) -> None:
    """The cache folder on a read-only file system (root ignores permission bits, so a read-only mount)."""
    out = tmp_path / "out"
    cache = out / ".cache"
    cache.mkdir(parents=True)
    if os.geteuid() == 0:
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(cache)],
                                 capture_output=True)
        if mounted.returncode != 0:
            pytest.skip("cannot mount a read-only file system here")
    else:
        cache.chmod(0o555)
    try:
        run = subprocess.run([sys.executable, EXPLORE, "build", str(SEEDS), "--out", str(out), "-j", "1"],
                             capture_output=True, text=True, timeout=300)
    finally:
        if os.geteuid() == 0:
            subprocess.run(["umount", str(cache)], check=True)
        else:
            cache.chmod(0o755)
    assert run.returncode == 5, run.stderr
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr and ".cache" in run.stderr
