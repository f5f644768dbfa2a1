"""The build's name table (graph.nametable): the same IRI as the scan of the graph's labels for every
name, alias and pinyin (whole or begun), used only when it belongs to the folder's store, published
with the other outputs; a folder without one answers as before."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from graph.build import build
from graph.readonly import read_only
from graph.names import LATIN, NameIndex
from graph.nametable import open_table, writer
from graph.pinyin import romanise
from graph.record import NAMES, read_record
from graph.sparql import QueryError
from graph.store import LocalBackend, _label_entries, _names_query

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "articles"
TWO = [ARTICLES / "changzhou-ziyang.txt", ROOT / "seeds" / "qingbaijiang-jiulong.txt"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder built from a few real articles (places, hospitals, schools, people, aliases)."""
    out = tmp_path_factory.mktemp("names-build")
    build(sorted(ARTICLES.glob("*.txt"))[:4] + TWO[1:], out, jobs=1)
    return out


def scanned(folder: Path) -> NameIndex:
    """The names as the query side found them before the table: every label of the store, read by SPARQL."""
    backend = LocalBackend(read_only(folder / read_record(folder).store))
    return NameIndex(_label_entries(backend._rows(_names_query())))


def outcome(find, value: str) -> str:
    try:
        return str(find(value))
    except QueryError as exc:
        return f"{exc.http_status}: {exc}"


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "explore.py"), *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)


def test_every_label_alias_and_pinyin_finds_what_the_scan_finds(built: Path) -> None:
    index = scanned(built)
    table = open_table(built / NAMES, built / read_record(built).store)
    assert table is not None
    values = {"火星", "x", "县", "jiu", "beijing", "九龍縣", "Jiǔlóng xiàn", "ｊｉｕｌｏｎｇ"}
    for entity in index.entities.values():
        for name in entity.names:
            values.update({name, name[:1], name[:2], name[:-1]})
            if not LATIN.fullmatch(name):
                spelled = romanise(name)
                values.update({spelled, spelled.replace(" ", ""), spelled[:5]})
        values.update(entity.pinyin)
    assert len(values) > 200
    found = {v: outcome(table.find, v) for v in values}
    assert found == {v: outcome(index.find, v) for v in values}
    kinds = {answer.split(":")[0] for answer in found.values()}
    assert {"https", "404", "400"} <= kinds  # entities found, names unknown and names ambiguous all compared


def test_cli_param_by_label_alias_and_pinyin(built: Path) -> None:
    """Through the command line (the confined worker reads the table): 九龙县, its alias 九龙 and its pinyin."""
    outputs = set()
    for value in ("九龙县", "九龙", "jiulong", "Jiǔlóng Xiàn"):
        done = cli("query", "assisted-by", "--param", f"recipient={value}", "--format", "csv", "--build", str(built))
        assert done.returncode == 0, done.stderr
        outputs.add(done.stdout)
    assert len(outputs) == 1 and "place/510113" in outputs.pop()  # 青白江区 assists it


def test_a_folder_without_the_table_answers_by_scanning(built: Path, tmp_path: Path) -> None:
    """A folder built before tables were written (or whose table is gone) answers the same, the old way."""
    older = tmp_path / "older"
    shutil.copytree(built, older)
    (older / NAMES).unlink()
    with_table = cli("query", "assisted-by", "--param", "recipient=jiulong", "--format", "csv", "--build", str(built))
    without = cli("query", "assisted-by", "--param", "recipient=jiulong", "--format", "csv", "--build", str(older))
    assert without.returncode == 0 and without.stderr == "", without.stderr
    assert without.stdout == with_table.stdout
    assert not (older / NAMES).exists()  # a query never writes the build folder


def test_a_table_of_another_store_is_not_used(built: Path, tmp_path: Path) -> None:
    """A table whose store is not the one the record names (a folder caught between two renames, a copied
    file) is refused, so a name never resolves to an entity of another build."""
    store = built / read_record(built).store
    assert open_table(built / NAMES, store) is not None
    assert open_table(built / NAMES, store.parent / ".store-other") is None
    (tmp_path / NAMES).write_bytes(b"not a database")
    assert open_table(tmp_path / NAMES, store) is None


def test_the_table_is_replaced_with_the_outputs(tmp_path: Path) -> None:
    """A rebuild publishes a new table made from its new store, in the same set as the record; a build that
    fails to publish leaves the previous table, matching the previous record."""
    out = tmp_path / "out"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(TWO[0], corpus)
    build([corpus], out, jobs=1)
    first = read_record(out).store
    assert open_table(out / NAMES, out / first) is not None
    with pytest.raises(QueryError, match="no entity"):
        open_table(out / NAMES, out / first).find("九龙县")

    shutil.copy(TWO[1], corpus)
    (out / "graph.html").unlink()
    (out / "graph.html").mkdir()  # the page cannot be written: nothing of the set is
    with pytest.raises(Exception, match="graph.html"):
        build([corpus], out, jobs=1)
    assert read_record(out).store == first and open_table(out / NAMES, out / first) is not None

    (out / "graph.html").rmdir()
    build([corpus], out, jobs=1)
    second = read_record(out).store
    assert second != first
    table = open_table(out / NAMES, out / second)
    assert table is not None and str(table.find("九龙县")).endswith("/place/513324")
    assert not list(out.glob(f".{NAMES}*"))  # no staged copy left behind


def test_a_rebuild_reuses_the_pinyin_it_had(built: Path, tmp_path: Path) -> None:
    """Romanising is the costly part of the table: a table written with the previous one at hand (its
    pinyin copied, not computed again) holds exactly what a table written afresh holds."""
    import sqlite3

    store = built / read_record(built).store
    writer(store)(tmp_path / "fresh.sqlite")
    writer(store, built / NAMES)(tmp_path / "reused.sqlite")

    def rows(path: Path) -> list:
        with sqlite3.connect(path) as db:
            return sorted(db.execute("SELECT n.kind, n.key, e.iri, e.label FROM name n JOIN entity e ON e.id = n.entity"))

    assert rows(tmp_path / "reused.sqlite") == rows(tmp_path / "fresh.sqlite")
    assert any(kind == 1 for kind, *_ in rows(tmp_path / "fresh.sqlite"))


def _content(out: Path) -> tuple:
    """What a table says, whatever its row ids: entities, names and pinyin by IRI, the romanisations reused."""
    import sqlite3

    with sqlite3.connect(out / NAMES) as db:
        entities = sorted(db.execute("SELECT iri, label FROM entity"))
        names = sorted(db.execute("SELECT e.iri, n.kind, n.key FROM name n JOIN entity e ON e.id = n.entity"))
        romanised = sorted(db.execute("SELECT e.iri, n.key, p.key FROM romanised r JOIN name n ON n.rowid = r.name "
                                      "JOIN name p ON p.rowid = r.pinyin JOIN entity e ON e.id = n.entity"))
    return entities, names, romanised


@pytest.mark.parametrize("change", ["edit", "add", "remove"])
def test_a_rebuild_makes_again_only_the_rows_its_change_altered(tmp_path: Path, change: str,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A rebuild copies the last table and makes only the altered subjects' rows again, from what the merge
    read of them, never scanning the store's labels; the table says what a clean build's says."""
    import graph.nametable

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in (*sorted(ARTICLES.glob("*.txt"))[:3], *TWO):
        shutil.copy(path, corpus)
    out = tmp_path / "inc"
    build([corpus], out, jobs=1)
    if change == "edit":
        edited = corpus / TWO[0].name
        edited.write_text(edited.read_text(encoding="utf-8").replace("武进区", "新北区"), encoding="utf-8")
    elif change == "add":
        shutil.copy(ARTICLES / "heldout" / "guowang-zigui.txt", corpus / "added.txt")
    else:
        (corpus / TWO[1].name).unlink()
    before = _content(out)

    def scan(*a, **k):
        raise AssertionError("a rebuild read every label of the store for the name table")

    with monkeypatch.context() as m:
        m.setattr(graph.nametable, "_entries", scan)
        build([corpus], out, jobs=1)
    build([corpus], tmp_path / "clean", jobs=1)
    assert _content(out) == _content(tmp_path / "clean") != before
    table = open_table(out / NAMES, out / read_record(out).store)
    assert table is not None
    if change != "remove":  # the seed is the one article about 九龙县
        assert str(table.find("jiulong")).endswith("/place/513324")


def test_a_damaged_last_table_is_written_whole(tmp_path: Path) -> None:
    """A last table that names the right store but lost a table of its own is not patched: the rebuild writes
    the table whole, as a clean build does."""
    import sqlite3

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(TWO[0], corpus)
    out = tmp_path / "inc"
    build([corpus], out, jobs=1)
    with sqlite3.connect(out / NAMES) as db:
        db.execute("DROP TABLE romanised")
    shutil.copy(TWO[1], corpus)
    build([corpus], out, jobs=1)
    build([corpus], tmp_path / "clean", jobs=1)
    assert _content(out) == _content(tmp_path / "clean")
