"""The build folder's name table (``names.sqlite``): every entity's names and pinyin → its IRI, indexed.

Why: a ``--param recipient=九龙县`` is resolved to an IRI before the query runs, and without a table that
means reading every label and alias of the graph and romanising every Chinese name (1,000 articles:
18,500 names, 2–3 s, more than most saved queries take; ten times that at 10,000).  The build writes
this table once, from the store it has just merged, and publishes it with the other outputs
(:func:`graph.files.publish`); a lookup is then a few index searches in a file of the standard
library's SQLite.

What the table holds is exactly what :class:`graph.names.NameIndex` reads (the index is built by that
class and dumped), so both give the same IRI for the same text, ambiguity errors included:

* ``entity``: each entity's IRI and the label that ranks candidates (the shortest label wins a prefix
  match, as the page suggests it first);
* ``name``: each name as typed (``as_typed``: NFKC, simplified), kind 0, and each pinyin folded
  (``fold_pinyin``), kind 1, with an index on (kind, key) that answers whole-name and prefix lookups;
* ``meta``: the store folder the table was made from.  A reader compares it with the store the
  build record names, and a table that does not match (a folder caught between two renames of a
  publish, or a table copied from elsewhere) is not used: names are then looked up the old way, by
  scanning the graph, as they are in a folder built before tables were written.

Pinyin is the costly part (pypinyin: ~50 µs a name), so a rebuild copies the pinyin of every name the
previous table already romanised and computes only the new ones.  A rebuild that patched the previous
store goes further: it copies the previous table and makes again only the rows of the subjects its
change altered, from their statements the merge has already read (:func:`writer`'s ``changed``).
"""
from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping

from .names import LATIN, Label, NameIndex, as_typed, fold_pinyin, pick
_FORMAT = "1"
_NAME, _PINYIN = 0, 1
_MAX = 0x10FFFF
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"


def _entries(store_folder: Path) -> Iterator[tuple[str, Label, bool]]:
    """(iri, label, is_main_label) of every entity's rdfs:label and skos:altLabel in the union, as
    :func:`graph.store._names_query` finds them, read by pattern (no SPARQL join: 0.1 s, not 1 s)."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(store_folder))
    default = ox.DefaultGraph()
    typed = {q.subject for kind in _kinds()
             for q in store.quads_for_pattern(None, ox.NamedNode(_RDF_TYPE), kind, default)
             if isinstance(q.subject, ox.NamedNode)}
    for predicate, main in ((_RDFS_LABEL, True), (_SKOS_ALT, False)):
        yield from _named((q for q in store.quads_for_pattern(None, ox.NamedNode(predicate), None, default)
                           if q.subject in typed), main)


def _kinds() -> list:
    """The classes that make a subject an entity (:data:`graph.vocab.KINDS`), as Oxigraph terms."""
    import pyoxigraph as ox

    from .vocab import KINDS

    return [ox.NamedNode(str(kind)) for kind in sorted(set(KINDS.values()))]


def _named(quads: Iterable, main: bool) -> Iterator[tuple[str, Label, bool]]:
    """The entries of label (``main``) or alias quads whose object is a literal."""
    import pyoxigraph as ox

    from .names import PINYIN_LANG

    for q in quads:
        o = q.object
        if isinstance(o, ox.Literal):
            yield q.subject.value, Label(o.value, o.language), main and (o.language or "").lower() != PINYIN_LANG


def _changed_entries(changed: Mapping) -> Iterator[tuple[str, Label, bool]]:
    """What :func:`_entries` finds of the subjects ``changed`` (subject → its quads in the union now), from
    those quads: a subject's quads come in the order a scan by predicate meets them (by object)."""
    import pyoxigraph as ox

    kinds = set(_kinds())
    typed = [s for s, quads in changed.items() if isinstance(s, ox.NamedNode)
             and any(q.predicate.value == _RDF_TYPE and q.object in kinds for q in quads)]
    for predicate, main in ((_RDFS_LABEL, True), (_SKOS_ALT, False)):
        for s in typed:
            yield from _named((q for q in changed[s] if q.predicate.value == predicate), main)


def _previous_pinyin(db: sqlite3.Connection) -> dict[str, str]:
    """name → folded pinyin of the romanised names in a table a previous build wrote."""
    return dict(db.execute("SELECT n.key, p.key FROM romanised r JOIN name n ON n.rowid = r.name "
                           "JOIN name p ON p.rowid = r.pinyin"))


def writer(store_folder: Path, previous: Path | None = None, changed: Mapping | None = None,
           previous_store: str = "") -> Callable[[Path], None]:
    """A function that writes the name table of the store at ``store_folder`` into a given file, for
    :func:`graph.files.publish` (which stages it beside ``names.sqlite`` and renames it with the rest).
    ``previous`` is the table the last build wrote, whose pinyin is reused.

    ``changed`` (subject → its quads in the union now: every subject whose statements a rebuild altered)
    with ``previous_store``, the store folder the rebuild started from: when ``previous`` is that store's
    table, it is copied and only the rows of the changed subjects are deleted and made again (a 1% rebuild
    at 1,000 articles: 0.02 s, not 0.5 s); the rows then differ from a clean build's only in their ids."""
    def write(path: Path) -> None:
        path.unlink(missing_ok=True)
        if changed is not None and previous is not None and _is_table_of(previous, previous_store):
            try:
                return _patch(path, previous, changed, store_folder.name)
            except sqlite3.Error:  # damaged past its meta table: written whole
                path.unlink(missing_ok=True)
        index = NameIndex(_entries(store_folder))
        known: dict[str, str] = {}
        if previous is not None and previous.is_file():
            try:
                with closing(_connect(previous)) as old:
                    known = _previous_pinyin(old)
            except sqlite3.Error:
                pass
        db = sqlite3.connect(path)
        try:
            db.executescript("""
                PRAGMA journal_mode = OFF; PRAGMA synchronous = NORMAL;
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
                CREATE TABLE entity (id INTEGER PRIMARY KEY, iri TEXT NOT NULL, label TEXT NOT NULL);
                CREATE TABLE name (kind INTEGER NOT NULL, key TEXT NOT NULL, entity INTEGER NOT NULL);
                CREATE TABLE romanised (name INTEGER NOT NULL, pinyin INTEGER NOT NULL);""")
            db.executemany("INSERT INTO meta VALUES (?, ?)", [("format", _FORMAT), ("store", store_folder.name)])
            _fill(db, index, known, first=1)
            db.execute("CREATE INDEX name_key ON name (kind, key)")
            db.commit()
        finally:
            db.close()

    return write


def _patch(path: Path, previous: Path, changed: Mapping, store: str) -> None:
    """``previous`` copied to ``path`` with the rows of the subjects ``changed`` made again (see :func:`writer`)."""
    import shutil  # (the build's: a query only reads the table)

    shutil.copyfile(previous, path)
    db = sqlite3.connect(path)
    try:
        db.execute("PRAGMA journal_mode = OFF")
        known = _previous_pinyin(db)
        _forget(db, [s.value for s in changed])
        _fill(db, NameIndex(_changed_entries(changed)), known,
              first=1 + db.execute("SELECT coalesce(max(id), 0) FROM entity").fetchone()[0])
        db.execute("UPDATE meta SET value = ? WHERE key = 'store'", (store,))
        db.commit()
    finally:
        db.close()


def _is_table_of(path: Path, store: str) -> bool:
    """Whether ``path`` is a table of this format made from the store folder named ``store``."""
    if not store or not path.is_file():
        return False
    try:
        with closing(_connect(path)) as db:
            meta = dict(db.execute("SELECT key, value FROM meta"))
    except sqlite3.Error:
        return False
    return meta.get("format") == _FORMAT and meta.get("store") == store


def _forget(db: sqlite3.Connection, iris: list[str]) -> None:
    """Delete the entities ``iris`` with their names and romanisations (a scan of each table: no index
    but the names' by key, which a lookup needs; 18,500 names at 1,000 articles take milliseconds)."""
    db.execute("CREATE TEMP TABLE changed (iri TEXT PRIMARY KEY) WITHOUT ROWID")
    db.executemany("INSERT OR IGNORE INTO changed VALUES (?)", [(i,) for i in iris])
    db.execute("CREATE TEMP TABLE gone (id INTEGER PRIMARY KEY)")
    db.execute("INSERT INTO gone SELECT id FROM entity WHERE iri IN (SELECT iri FROM changed)")
    db.execute("DELETE FROM romanised WHERE name IN (SELECT rowid FROM name WHERE entity IN (SELECT id FROM gone))")
    db.execute("DELETE FROM name WHERE entity IN (SELECT id FROM gone)")
    db.execute("DELETE FROM entity WHERE id IN (SELECT id FROM gone)")
    db.execute("DROP TABLE gone")
    db.execute("DROP TABLE changed")


def _fill(db: sqlite3.Connection, index: NameIndex, known: dict[str, str], first: int) -> None:
    """The rows of the entities of ``index``, numbered from ``first`` in IRI order: each name, its pinyin
    (``known`` ones copied, the others romanised) and the pinyin of its pinyin labels."""
    from .pinyin import romanise

    for number, (iri, entity) in enumerate(sorted(index.entities.items()), start=first):
        db.execute("INSERT INTO entity VALUES (?, ?, ?)", (number, str(iri), entity.label))
        pinyin = set(entity.pinyin)
        for name in sorted(entity.names):
            row = db.execute("INSERT INTO name VALUES (?, ?, ?)", (_NAME, name, number)).lastrowid
            if LATIN.fullmatch(name):
                continue
            folded = known.get(name)
            if folded is None:
                folded = fold_pinyin(romanise(name))
            pinyin.discard(folded)
            spelled = db.execute("INSERT INTO name VALUES (?, ?, ?)", (_PINYIN, folded, number)).lastrowid
            db.execute("INSERT INTO romanised VALUES (?, ?)", (row, spelled))
        db.executemany("INSERT INTO name VALUES (?, ?, ?)", [(_PINYIN, p, number) for p in sorted(pinyin)])


def _connect(path: Path) -> sqlite3.Connection:
    """The table opened read-only (``mode=ro``: a query never writes the build folder)."""
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)


def _after(prefix: str) -> str | None:
    """The least text greater than every text that begins with ``prefix`` (code point order, which is
    SQLite's for UTF-8 text); None when there is none."""
    for i in range(len(prefix) - 1, -1, -1):
        code = ord(prefix[i]) + 1
        if 0xD800 <= code <= 0xDFFF:
            code = 0xE000  # no text holds a lone surrogate
        if code <= _MAX:
            return prefix[:i] + chr(code)
    return None


class NameTable:
    """Lookups in one build's name table, with :meth:`graph.names.NameIndex.find`'s tiers and answers."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def _entities(self, kind: int, key: str, prefix: bool) -> dict[str, str]:
        if not prefix:
            rows = self._db.execute("SELECT DISTINCT e.iri, e.label FROM name n JOIN entity e ON e.id = n.entity "
                                    "WHERE n.kind = ? AND n.key = ?", (kind, key))
        else:
            upper = _after(key)
            rows = self._db.execute("SELECT DISTINCT e.iri, e.label FROM name n JOIN entity e ON e.id = n.entity "
                                    "WHERE n.kind = ? AND n.key >= ?" + (" AND n.key < ?" if upper else ""),
                                    (kind, key, upper) if upper else (kind, key))
        return dict(rows)

    def find(self, value: str) -> str:
        """The IRI of the one entity ``value`` names; QueryError (404) for none, (400) for an ambiguity."""
        from .sparql import QueryError

        typed = as_typed(value)
        if not typed:
            raise QueryError("an empty name names no entity")
        folded = fold_pinyin(typed)
        latin = bool(LATIN.fullmatch(folded))
        whole = self._entities(_NAME, typed, prefix=False)
        if latin:
            whole.update(self._entities(_PINYIN, folded, prefix=False))
        tiers = [whole, self._entities(_NAME, typed, prefix=True)]
        if latin:
            tiers.append(self._entities(_PINYIN, folded, prefix=True))
        for tier, found in enumerate(tiers):
            if found:
                return pick(value, found, shortest=tier > 0)
        raise QueryError(f"no entity is named {value!r} (by label, alias or pinyin)", http_status=404)


def open_table(path: Path, store_folder: Path) -> NameTable | None:
    """The table at ``path`` when it was made from the store at ``store_folder``; None when it is missing,
    unreadable or made from another store (the caller then scans the graph's labels)."""
    if not path.is_file():
        return None
    try:
        db = _connect(path)
        meta = dict(db.execute("SELECT key, value FROM meta"))
    except sqlite3.Error:
        return None
    if meta.get("format") != _FORMAT or meta.get("store") != store_folder.name:
        db.close()
        return None
    return NameTable(db)
