"""The build end to end: the command line, its outputs, bad input, corpora, the cache."""
from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
import weakref
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import to_isomorphic

from graph.build import build
from tests.conftest import ARTICLES, ROOT, SEEDS

DK = "https://w3id.org/duikou/ontology#"


def cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "explore.py"), *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


def test_default_command_builds_the_seeds_and_prints_the_page(tmp_path: Path) -> None:
    run = cli(cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "build" / "graph.ttl").exists()
    assert "page:  build/graph.html" in run.stdout
    assert "documents: 1" in run.stdout
    assert "County 1" in run.stdout
    assert "assistance by sector:" in run.stdout and "health" in run.stdout
    assert "warnings:" in run.stdout


def test_seed_graph_conforms_to_the_shapes(seed_graph: Graph) -> None:
    from graph.validate import validate

    ok, report = validate(seed_graph)
    assert ok, report


def test_two_builds_give_the_same_triples(seed_build: Path, tmp_path: Path) -> None:
    build([SEEDS], tmp_path, force=True)
    a, b = Graph().parse(seed_build / "graph.ttl"), Graph().parse(tmp_path / "graph.ttl")
    assert to_isomorphic(a) == to_isomorphic(b)


README_QUERIES = {
    "who assists 九龙县": """
        PREFIX dk: <https://w3id.org/duikou/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT DISTINCT ?provider ?sector WHERE {
          ?a a dk:Assistance ; dk:provider ?p ; dk:recipient ?r ; dk:sector ?s .
          ?r rdfs:label "九龙县"@zh . ?p rdfs:label ?provider . ?s skos:prefLabel ?sector .
          FILTER(lang(?sector) = "en") }""",
    "money by provider": """
        PREFIX dk: <https://w3id.org/duikou/ontology#>
        PREFIX schema: <https://schema.org/>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?provider (SUM(?v) AS ?yuan) WHERE {
          ?a a dk:Assistance ; dk:provider ?p ; dk:amount ?m . ?m schema:value ?v . ?p rdfs:label ?provider }
        GROUP BY ?provider""",
    "people and posts": """
        PREFIX org: <http://www.w3.org/ns/org#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?person ?role ?org WHERE {
          ?m a org:Membership ; org:member ?p ; org:role ?r ; org:organization ?o .
          ?p rdfs:label ?person . ?r rdfs:label ?role . ?o rdfs:label ?org }""",
}


def test_readme_queries_return_the_seed_facts(seed_graph: Graph) -> None:
    from rdflib.namespace import SKOS

    seed_graph.bind("skos", SKOS)
    who = {(str(r.provider), str(r.sector)) for r in seed_graph.query(README_QUERIES["who assists 九龙县"],
                                                                       initNs={"skos": SKOS})}
    assert ("青白江区", "health") in who and ("青白江区", "education") in who
    assert ("四川中康源医药有限公司", "consumption") in who
    money = {str(r.provider): float(r.yuan) for r in seed_graph.query(README_QUERIES["money by provider"])}
    assert money["青白江区"] >= 64881900
    people = {(str(r.person), str(r.role), str(r.org)) for r in seed_graph.query(README_QUERIES["people and posts"])}
    assert ("聂申明", "董事长", "四川中康源医药有限公司") in people
    assert ("蔡丹昭", "局长", "九龙县人社局") in people


def test_places_are_resolved_against_the_register(seed_graph: Graph) -> None:
    jiulong = URIRef("https://w3id.org/duikou/id/place/513324")
    assert (jiulong, URIRef(DK + "divisionCode"), Literal("513324")) in seed_graph
    chain = seed_graph.query("""
        PREFIX schema: <https://schema.org/>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?name WHERE { <https://w3id.org/duikou/id/place/513324> schema:containedInPlace+ ?p .
                             ?p rdfs:label ?name }""")
    assert {str(r.name) for r in chain} == {"甘孜藏族自治州", "四川省"}


def test_every_fact_points_to_its_sentence(seed_graph: Graph) -> None:
    orphans = seed_graph.query("""
        PREFIX dk: <https://w3id.org/duikou/ontology#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?a WHERE { ?a a dk:Assistance . FILTER NOT EXISTS { ?a prov:wasDerivedFrom/dk:document ?d } }""")
    assert list(orphans) == []
    text = seed_graph.query("""
        PREFIX dk: <https://w3id.org/duikou/ontology#>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        SELECT ?t WHERE { ?a a dk:Assistance ; dk:trigger "托管"@zh ; <http://www.w3.org/ns/prov#wasDerivedFrom> ?s .
                          ?s rdf:value ?t }""")
    assert any("托管九龙县人民医院" in str(r.t) for r in text)


# ---------------------------------------------------------------------------------------- bad input

@pytest.mark.parametrize(
    "name, data, message",
    [
        ("empty.txt", b"", "empty"),
        ("binary.txt", bytes(range(256)) * 8, "binary"),
        ("english.txt", b"The county signed a partnership agreement with the district." * 5, "no Chinese"),
    ],
)
def test_bad_files_get_a_clear_message_and_no_output(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    (tmp_path / name).write_bytes(data)
    out = tmp_path / "out"
    run = cli("build", str(tmp_path / name), "--out", str(out))
    assert run.returncode == 3
    assert message in run.stderr and "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert not (out / "graph.ttl").exists()


def test_gbk_file_builds(tmp_path: Path) -> None:
    text = (SEEDS / "qingbaijiang-jiulong.txt").read_text(encoding="utf-8")
    (tmp_path / "gbk.txt").write_bytes(text.encode("gbk", errors="ignore"))
    result = build([tmp_path / "gbk.txt"], tmp_path / "out")
    assert result.documents == 1 and result.entities["County"] == 1


def test_missing_path_and_unwritable_output(tmp_path: Path) -> None:
    run = cli("build", str(tmp_path / "nowhere"), "--out", str(tmp_path / "o"))
    assert run.returncode == 3 and "no such file" in run.stderr and "Traceback" not in run.stderr
    blocker = tmp_path / "file"
    blocker.write_text("x")
    run = cli("build", str(SEEDS), "--out", str(blocker / "sub"))
    assert run.returncode != 0 and "Traceback" not in run.stderr


def test_failed_build_keeps_the_previous_outputs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([SEEDS], out)
    before = (out / "graph.ttl").read_bytes()
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    run = cli("build", str(bad), "--out", str(out))
    assert run.returncode == 3
    assert (out / "graph.ttl").read_bytes() == before
    assert not [p for p in out.iterdir() if p.name.startswith(".graph")]


# ------------------------------------------------------------------------------------------- corpora

@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    (folder / "2021").mkdir(parents=True)
    shutil.copy(SEEDS / "qingbaijiang-jiulong.txt", folder / "2021" / "seed.txt")
    for name in ("changzhou-ziyang", "licheng-chengkou"):
        shutil.copy(ARTICLES / f"{name}.txt", folder / f"{name}.txt")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    (folder / "page.html").write_text(
        "<html><head><title>x</title><script>var a=1;</script></head><body><nav>首页 新闻</nav><article>"
        "<h1>青白江区人民医院专家赴九龙县义诊</h1><p>12月5日，青白江区人民医院派出5名专家到九龙县人民医院开展义诊，"
        "区人民医院副院长李明带队。九龙县人民医院院长王刚表示感谢，两院将继续深化“院对院”帮扶合作。</p>"
        "<p>据悉，青白江区人民医院今年已累计派出医疗专家30余人次。</p></article><footer>版权所有</footer></body></html>",
        encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


def test_corpus_merges_entities_across_articles(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = build([corpus], out, jobs=2)
    assert result.documents == 4
    assert len(result.skipped) == 1 and result.skipped[0].endswith("notes.pdf")
    assert len(result.unreadable) == 1 and "empty" in result.unreadable[0]
    g = Graph().parse(out / "graph.ttl")
    hospital = list(g.query("""
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX dk: <https://w3id.org/duikou/ontology#>
        SELECT ?h (COUNT(DISTINCT ?d) AS ?docs) WHERE { ?h rdfs:label "青白江区人民医院"@zh ; dk:mentionedIn/dk:document ?d }
        GROUP BY ?h"""))
    assert len(hospital) == 1 and int(hospital[0].docs) == 2  # 区人民医院 in the page, the full name in the seed
    labels = g.query("""
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?e (COUNT(?l) AS ?n) WHERE { ?e rdfs:label ?l } GROUP BY ?e HAVING (COUNT(?l) > 1)""")
    assert list(labels) == []


def test_trig_has_one_named_graph_per_document(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([corpus], out, jobs=1)
    ds = Dataset()
    ds.parse(out / "graph.trig", format="trig")
    names = {str(c.identifier) for c in ds.graphs() if str(c.identifier).startswith("https://w3id.org/duikou/id/doc/")}
    assert len(names) == 4
    which = ds.query("""
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT DISTINCT ?g WHERE { GRAPH ?g { ?h rdfs:label "九龙县人民医院"@zh } }""")
    assert len(list(which)) == 2


def test_incremental_rebuild_reads_only_what_changed(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = build([corpus], out, jobs=1)
    assert first.extracted == 4
    again = build([corpus], out, jobs=1)
    assert again.extracted == 0 and again.documents == 4
    edited = corpus / "changzhou-ziyang.txt"
    edited.write_text(edited.read_text(encoding="utf-8").replace("武进区", "新北区"), encoding="utf-8")
    (corpus / "licheng-chengkou.txt").unlink()
    third = build([corpus], out, jobs=1)
    assert third.extracted == 1 and third.documents == 3
    g = Graph().parse(out / "graph.ttl")
    assert not list(g.query('SELECT ?x WHERE { ?x <http://www.w3.org/2000/01/rdf-schema#label> "城口县"@zh }'))
    forced = build([corpus], out, jobs=1, force=True)
    assert forced.extracted == 3


def test_interrupted_build_resumes_and_keeps_outputs(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([SEEDS], out, jobs=1)
    before = (out / "graph.ttl").read_bytes()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    script = (
        "import os, graph.build as b\n"
        "real = b.Cache.put\n"
        "count = [0]\n"
        "def put(self, *a):\n"
        "    real(self, *a); count[0] += 1\n"
        "    if count[0] == 2: os._exit(9)\n"
        "b.Cache.put = put\n"
        f"b.build([__import__('pathlib').Path({str(corpus)!r})], __import__('pathlib').Path({str(out)!r}), jobs=1)\n"
    )
    killed = subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT, timeout=300)
    assert killed.returncode == 9
    assert (out / "graph.ttl").read_bytes() == before  # the previous outputs are whole
    resumed = build([corpus], out, jobs=1)
    assert resumed.extracted == 2 and resumed.documents == 4


def test_any_executor_can_run_the_map(corpus: Path, tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=2) as pool:
        result = build([corpus], tmp_path / "out", executor=pool)
    assert result.documents == 4 and result.extracted == 4


# ------------------------------------------------------------------------------- what a walk reads

def test_names_are_paths_below_the_input_folder_and_non_articles_are_left_out(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    for sub, name in (("a", "changzhou-ziyang"), ("b", "licheng-chengkou")):
        (folder / sub).mkdir(parents=True)
        shutil.copy(ARTICLES / f"{name}.txt", folder / sub / "article.txt")
    shutil.copy(SEEDS / "qingbaijiang-jiulong.txt", folder / "a" / "same.txt")
    shutil.copy(SEEDS / "qingbaijiang-jiulong.txt", folder / "b" / "copy.txt")  # the same bytes twice
    (folder / "README.md").write_text("# 说明\n这是文章的文件夹。\n", encoding="utf-8")
    (folder / "LICENSE.txt").write_text("许可证\n", encoding="utf-8")
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")
    (folder / "broken.txt").symlink_to("/proc/self/mem")  # reading it fails (EIO) even for root
    result = build([folder], tmp_path / "out")
    g = Graph().parse(tmp_path / "out" / "graph.ttl")
    names = {str(o) for o in g.objects(None, URIRef(DK + "fileName"))}
    assert names == {"a/article.txt", "b/article.txt", "a/same.txt"}
    assert result.documents == 3
    assert result.duplicates == ["b/copy.txt: the same bytes as a/same.txt"]
    assert sorted(result.skipped) == ["LICENSE.txt", "README.md"]
    assert any(r.startswith("gone.txt: a link to") and "does not exist" in r for r in result.unreadable)
    assert any(r.startswith("broken.txt: cannot read") for r in result.unreadable)


def test_an_explicit_file_of_another_type_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "expected.json"
    data.write_text('{"text": "青白江区帮扶九龙县"}', encoding="utf-8")
    run = cli("build", str(data), "--out", str(tmp_path / "out"))
    assert run.returncode == 3 and "not an article file" in run.stderr and run.stderr.count("\n") == 1


def test_utf16_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    text = (SEEDS / "qingbaijiang-jiulong.txt").read_text(encoding="utf-8")
    (tmp_path / "utf16.txt").write_bytes(text.encode("utf-16"))  # BOM, then little-endian code units
    result = build([tmp_path / "utf16.txt"], tmp_path / "out")
    assert result.documents == 1 and result.entities["County"] == 1


@pytest.mark.parametrize("jobs", ["0", "-1", "two"])
def test_worker_counts_below_one_are_refused(tmp_path: Path, jobs: str) -> None:
    run = cli("build", str(SEEDS), "--out", str(tmp_path / "out"), f"-j{jobs}")
    assert run.returncode == 2 and "-j" in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "out").exists()


def test_an_output_folder_that_is_a_file_is_an_io_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    run = cli("build", str(SEEDS), "--out", str(blocker))
    assert run.returncode == 5 and "it is a file" in run.stderr and run.stderr.count("\n") == 1
    assert blocker.read_text() == "x"


def test_render_into_a_folder_or_below_a_file_is_an_io_error(seed_build: Path, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    for out in (tmp_path, tmp_path / "file" / "page.html"):
        run = cli("render", "--build", str(seed_build), "--focus", "九龙县", "--out", str(out))
        assert run.returncode == 5, run.stderr
        assert "cannot write" in run.stderr and run.stderr.count("\n") == 1


def test_a_build_with_nothing_changed_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([SEEDS], out)
    stamps = {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()}
    again = build([SEEDS], out)
    assert again.unchanged and again.documents == 1 and again.entities["County"] == 1
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()} == stamps
    assert not build([SEEDS], out, force=True).unchanged


def test_the_query_side_does_not_import_the_builder() -> None:
    """build → page → store → build was a circle; the staleness check lives in graph.built now."""
    code = "import sys, graph.store, graph.page, graph.queries; print('graph.build' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.stdout.strip() == "False", run.stderr


def test_a_dask_cluster_builds_the_same_graph(corpus: Path, tmp_path: Path) -> None:
    """The map on a real dask.distributed cluster (a scheduler and two worker processes), as the README shows."""
    distributed = pytest.importorskip("distributed")
    local = build([corpus], tmp_path / "local", jobs=1)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  host="127.0.0.1") as cluster, distributed.Client(cluster) as client:
        remote = build([corpus], tmp_path / "dask", executor=client.get_executor())
    assert remote.extracted == local.extracted == 4
    for name in ("graph.ttl", "graph.trig", "graph.html"):
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes()


def test_the_duikou_command_is_installed_beside_explore_py(tmp_path: Path) -> None:
    duikou = Path(sys.executable).parent / "duikou"
    if not duikou.exists():
        pytest.skip("the project is not installed in this interpreter's environment (pip install -e .)")
    run = subprocess.run([str(duikou), "--help"], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0 and "With no command, builds the articles in seeds/" in run.stdout
    assert "130 interrupted" in run.stdout
    run = subprocess.run([str(duikou), "build", str(SEEDS), "--out", str(tmp_path / "out")], capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 0 and (tmp_path / "out" / "graph.html").is_file()


# ------------------------------------------------------------------------- the store on disk

def _outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in ("graph.ttl", "graph.trig", "graph.html")}


def _drawn_alike(out: Path) -> dict[str, bytes]:
    """The outputs but for where the page places its nodes: a rebuild keeps the places of the nodes its
    folder drew before (tests/test_page.py), which a clean build of the same articles never drew."""
    from tests.conftest import without_positions

    outputs = _outputs(out)
    outputs["graph.html"] = without_positions(outputs["graph.html"])
    return outputs


def _change(corpus: Path) -> None:
    """Edit one article, remove one, add one."""
    edited = corpus / "changzhou-ziyang.txt"
    edited.write_text(edited.read_text(encoding="utf-8").replace("武进区", "新北区"), encoding="utf-8")
    (corpus / "licheng-chengkou.txt").unlink()
    shutil.copy(ARTICLES / "heldout" / "guowang-zigui.txt", corpus / "added.txt")


def test_an_incremental_build_equals_a_clean_one(corpus: Path, tmp_path: Path) -> None:
    build([corpus], tmp_path / "inc", jobs=1)
    _change(corpus)
    again = build([corpus], tmp_path / "inc", jobs=1)
    assert again.extracted == 2 and again.documents == 4
    build([corpus], tmp_path / "clean", jobs=1)
    assert _drawn_alike(tmp_path / "inc") == _drawn_alike(tmp_path / "clean")
    assert len([p for p in (tmp_path / "inc").iterdir() if p.name.startswith(".store-")]) == 2  # now's, the last


def _counts(result) -> tuple:
    return result.triples, dict(result.entities), dict(result.sectors)


def _edit(corpus: Path) -> None:
    edited = corpus / "changzhou-ziyang.txt"
    edited.write_text(edited.read_text(encoding="utf-8").replace("武进区", "新北区"), encoding="utf-8")


def _add(corpus: Path) -> None:
    shutil.copy(ARTICLES / "heldout" / "guowang-zigui.txt", corpus / "added.txt")


def _remove(corpus: Path) -> None:
    (corpus / "licheng-chengkou.txt").unlink()


@pytest.mark.parametrize("change", [_edit, _add, _remove])
def test_a_rebuild_patches_graph_ttl_the_counts_and_the_view(corpus: Path, tmp_path: Path, change,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A rebuild re-formats only the subjects the changed documents touch, counts only them and makes the
    page's view again only where they reach, and still writes the bytes, the counts and the page a clean
    build of the same articles gives."""
    import graph.keptview
    import graph.merge
    import graph.turtle

    out = tmp_path / "inc"
    build([corpus], out, jobs=1)
    change(corpus)

    def whole(*a, **k):
        raise AssertionError("a rebuild wrote graph.ttl whole, counted over the whole store or read it whole")

    taken, views = [], []
    real_docs, real_assemble = graph.keptview.add_chains_and_docs, graph.keptview.assemble

    def docs(G, docs_of=None):
        taken.append((None if docs_of is None else len(list(docs_of)), G.number_of_nodes()))
        real_docs(G, docs_of)

    def assemble(*a, **k):
        views.append(weakref.ref(real_assemble(*a, **k)))
        return views[-1]()

    with monkeypatch.context() as m:
        m.setattr(graph.turtle, "turtle", whole)
        m.setattr(graph.merge, "count", whole)
        m.setattr(graph.keptview, "whole_view", whole)
        m.setattr(graph.keptview, "add_chains_and_docs", docs)
        m.setattr(graph.keptview, "assemble", assemble)
        gc.disable()
        try:
            again = build([corpus], out, jobs=1)
            # the view is emptied after the page: its objects go by reference counting, no collector needed
            assert len(views) == 1 and (views[0]() is None or views[0]().number_of_nodes() == 0)
        finally:
            gc.enable()
    assert again.extracted == (0 if change is _remove else 1) and not again.notes
    # the nodes' documents are taken again only where the change reached
    assert len(taken) == 1 and taken[0][0] is not None and taken[0][0] < taken[0][1]
    clean = build([corpus], tmp_path / "clean", jobs=1)
    assert (out / "graph.ttl").read_bytes() == (tmp_path / "clean" / "graph.ttl").read_bytes()
    assert _counts(again) == _counts(clean)
    assert _drawn_alike(out) == _drawn_alike(tmp_path / "clean")
    assert (out / "graph.view.json").read_bytes() == (tmp_path / "clean" / "graph.view.json").read_bytes()


@pytest.mark.parametrize("spoil", ["garbage", "edited", "other code"])
def test_a_kept_view_not_as_written_is_made_whole(corpus: Path, tmp_path: Path, spoil: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A kept view that is not the file the record names (damaged, edited), or kept by other code, is not
    read: the view is made from the whole graph, and the page is still the clean build's."""
    import graph.keptview

    out = tmp_path / "inc"
    build([corpus], out, jobs=1)
    kept = out / "graph.view.json"
    if spoil == "garbage":
        kept.write_bytes(b"{not json")
    elif spoil == "edited":
        kept.write_bytes(kept.read_bytes().replace("青白江区".encode(), "某某区".encode()))
    else:
        monkeypatch.setattr(graph.keptview, "FORM", "other")
    made = []
    real = graph.keptview.whole_view
    monkeypatch.setattr(graph.keptview, "whole_view", lambda *a: made.append(1) or real(*a))
    _edit(corpus)
    build([corpus], out, jobs=1)
    assert made == [1]
    build([corpus], tmp_path / "clean", jobs=1)
    assert _drawn_alike(out) == _drawn_alike(tmp_path / "clean")


@pytest.mark.parametrize("damage", [
    lambda ttl: ttl.replace(b"@prefix", b"@prefix   ", 1),  # a hand edit that still parses
    lambda ttl: ttl[: len(ttl) // 2],  # cut short
    lambda ttl: ttl.replace(b"\n\n", b"\n", 3),  # blocks run together
])
def test_an_edited_or_damaged_graph_ttl_is_written_whole(corpus: Path, tmp_path: Path, damage) -> None:
    out = tmp_path / "inc"
    build([corpus], out, jobs=1)
    ttl = out / "graph.ttl"
    ttl.write_bytes(damage(ttl.read_bytes()))
    _edit(corpus)
    again = build([corpus], out, jobs=1)
    assert any("not the file the last build wrote" in note for note in again.notes)
    build([corpus], tmp_path / "clean", jobs=1)
    assert ttl.read_bytes() == (tmp_path / "clean" / "graph.ttl").read_bytes()
    assert not build([corpus], out, jobs=1).notes  # and patched again after


def test_a_patch_keeps_an_empty_and_a_whole_file_as_the_writer_writes_them() -> None:
    """Adding subjects to an empty file, removing every one, and replacing one in the middle all give
    what the writer gives for the graph after."""
    import pyoxigraph as ox

    from graph.turtle import ordered, patch_turtle, subject_block, turtle
    from graph.vocab import DKR, PREFIXES

    def node(name: str) -> ox.NamedNode:
        return ox.NamedNode(f"{DKR}place/{name}")

    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    triples = {n: [ox.Triple(node(n), label, ox.Literal(f"{n}县", language="zh"))] for n in ("a", "a-b", "b", "c")}
    everything = [t for ts in triples.values() for t in ts]
    empty, full = turtle([], PREFIXES), turtle(ordered(everything), PREFIXES)
    blocks = {str(node(n)): subject_block(ts, PREFIXES) for n, ts in triples.items()}
    assert patch_turtle(empty, blocks, PREFIXES) == full
    assert patch_turtle(full, {k: b"" for k in blocks}, PREFIXES) == empty
    renamed = [ox.Triple(node("a-b"), label, ox.Literal("乙县", language="zh"))]
    after = turtle(ordered([t for n, ts in triples.items() if n != "a-b" for t in ts] + renamed), PREFIXES)
    assert patch_turtle(full, {str(node("a-b")): subject_block(renamed, PREFIXES)}, PREFIXES) == after
    assert patch_turtle(b"# not ours\n", blocks, PREFIXES) is None


def test_trig_blocks_are_kept_and_made_again_by_other_writer_code(corpus: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import graph.turtle

    out = tmp_path / "out"
    build([corpus], out, jobs=1)
    cache = next((out / ".cache").iterdir())
    assert len(list(cache.glob("*.trig"))) == 4  # one block a document, beside its entry
    for block in cache.glob("*.trig"):
        block.write_bytes(b"stale")  # in graph.trig, had a block of other code been used
    monkeypatch.setattr(graph.turtle, "FORM", "other")
    _change(corpus)
    build([corpus], out, jobs=1)
    build([corpus], tmp_path / "clean", jobs=1)
    assert (out / "graph.trig").read_bytes() == (tmp_path / "clean" / "graph.trig").read_bytes()
    assert sorted(p.name.split(".")[1] for p in cache.glob("*.trig")) == ["other"] * 4


def test_the_built_store_opens_read_only_with_one_graph_per_document(corpus: Path, tmp_path: Path) -> None:
    import pyoxigraph as ox

    from graph.built import open_built_store

    result = build([corpus], tmp_path / "out", jobs=1)
    store = open_built_store(tmp_path / "out")
    from graph.rdf import PAIRINGS_GRAPH

    graphs = {str(g.value) for g in store.named_graphs()}
    assert str(PAIRINGS_GRAPH) in graphs  # the national pairing table, beside one graph per document
    assert len(graphs - {str(PAIRINGS_GRAPH)}) == result.documents == 4
    assert sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph())) == result.triples
    assert len(Graph().parse(tmp_path / "out" / "graph.ttl")) == result.triples
    with pytest.raises(RuntimeError, match="read-write"):
        store.add(ox.Quad(ox.NamedNode("urn:x"), ox.NamedNode("urn:y"), ox.Literal("z")))


def test_a_build_killed_in_the_merge_is_repaired_by_the_next(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([corpus], out, jobs=1)
    before = _outputs(out)
    _change(corpus)
    script = (
        "import os, pathlib, graph.merge as m\n"
        "real, count = m._in_a_document, [0]\n"
        "def dying(*a):\n"
        "    count[0] += 1\n"
        "    if count[0] == 50: os.kill(os.getpid(), 9)\n"
        "    return real(*a)\n"
        "m._in_a_document = dying\n"
        "from graph.build import build\n"
        f"build([pathlib.Path({str(corpus)!r})], pathlib.Path({str(out)!r}), jobs=1)\n"
    )
    killed = subprocess.run([sys.executable, "-c", script], cwd=ROOT, timeout=300)
    assert killed.returncode == -9
    assert _outputs(out) == before  # the previous outputs, and the store they came from, are whole
    build([corpus], out, jobs=1)
    build([corpus], tmp_path / "clean", jobs=1)
    assert _drawn_alike(out) == _drawn_alike(tmp_path / "clean")  # no statement lost or duplicated


@pytest.mark.parametrize("where", ["graph.keptview.patched_view", "graph.turtle.patch_turtle"])
def test_a_build_killed_while_patching_is_repaired_by_the_next(corpus: Path, tmp_path: Path, where: str) -> None:
    """kill -9 while the page's view or graph.ttl is being patched: the previous outputs, the kept view and
    the record stay as they were, and the next build patches from them to the clean build's outputs."""
    out = tmp_path / "out"
    build([corpus], out, jobs=1)
    before = {**_outputs(out), **{n: (out / n).read_bytes() for n in ("graph.view.json", "build.json")}}
    _change(corpus)
    module, name = where.rsplit(".", 1)
    script = (
        f"import os, pathlib, {module} as m\n"
        f"m.{name} = lambda *a, **k: os.kill(os.getpid(), 9)\n"
        "from graph.build import build\n"
        f"build([pathlib.Path({str(corpus)!r})], pathlib.Path({str(out)!r}), jobs=1)\n"
    )
    killed = subprocess.run([sys.executable, "-c", script], cwd=ROOT, timeout=300)
    assert killed.returncode == -9
    assert {**_outputs(out), **{n: (out / n).read_bytes() for n in ("graph.view.json", "build.json")}} == before
    again = build([corpus], out, jobs=1)
    assert not again.notes
    build([corpus], tmp_path / "clean", jobs=1)
    assert _drawn_alike(out) == _drawn_alike(tmp_path / "clean")
    assert (out / "graph.view.json").read_bytes() == (tmp_path / "clean" / "graph.view.json").read_bytes()


def test_a_damaged_store_is_built_afresh_with_a_note(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([corpus], out, jobs=1)
    for f in next(out.glob(".store-*")).iterdir():
        f.write_bytes(b"garbage")
    _change(corpus)
    result = build([corpus], out, jobs=1)
    assert any("could not be opened" in note for note in result.notes)
    build([corpus], tmp_path / "clean", jobs=1)
    assert _drawn_alike(out) == _drawn_alike(tmp_path / "clean")


def test_two_builds_into_one_folder_at_once_are_refused(tmp_path: Path) -> None:
    import fcntl

    out = tmp_path / "out"
    build([SEEDS], out)
    with (out / ".lock").open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # as a running build holds it
        run = cli("build", str(SEEDS), "--out", str(out), "--force")
    assert run.returncode == 5 and "another build is writing to it" in run.stderr


def _union_view(store):
    """The view of a store's whole union, as a build without a kept view makes it."""
    import pyoxigraph as ox

    from graph.keptview import whole_view
    from graph.network import rdflib_triples
    from graph.turtle import ordered

    return whole_view(list(rdflib_triples(ordered(store.quads_for_pattern(None, None, None, ox.DefaultGraph())))))


@pytest.mark.parametrize("change", ["record gone", "renamed", "new place"])
def test_a_patched_view_makes_bare_assistance_and_renamed_nodes_as_a_whole_view_does(change: str) -> None:
    """The view patched after a change equals the whole view of the changed graph where the patch takes
    apart what the change reaches: a record gone leaves its dk:assists triple bare (an edge of its own, at
    nodes whose names did not change), a renamed node marks its edges again, a new node's edges appear."""
    import pyoxigraph as ox

    from graph.keptview import patched_view, state_bytes
    from graph.merge import snapshot

    d, dk, dkr = ox.DefaultGraph(), DK, "https://w3id.org/duikou/id/"

    def n(local: str) -> ox.NamedNode:
        return ox.NamedNode(dkr + local)

    def p(term: str) -> ox.NamedNode:
        return ox.NamedNode(term if term.startswith("http") else dk + term)

    rdf, rdfs = "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://www.w3.org/2000/01/rdf-schema#"
    store = ox.Store()
    quads = []
    for local, kind, label in (("a", "County", "甲县"), ("b", "County", "乙县"), ("c", "District", "丙区")):
        quads += [ox.Quad(n(local), p(rdf + "type"), p(kind), d),
                  ox.Quad(n(local), p(rdfs + "label"), ox.Literal(label, language="zh"), d),
                  ox.Quad(n(local), p("mentionedIn"), n("s1"), d)]
    quads += [ox.Quad(n("s1"), p(rdf + "value"), ox.Literal("甲县乙县丙区合作"), d),
              ox.Quad(n("r1"), p(rdf + "type"), p("Assistance"), d), ox.Quad(n("r1"), p("provider"), n("a"), d),
              ox.Quad(n("r1"), p("recipient"), n("b"), d), ox.Quad(n("r1"), p("http://www.w3.org/ns/prov#wasDerivedFrom"), n("s1"), d),
              ox.Quad(n("a"), p("assists"), n("b"), d), ox.Quad(n("c"), p("assists"), n("b"), d)]
    store.extend(quads)
    kept = state_bytes(*_union_view(store))
    if change == "record gone":
        gone, added = [q for q in quads if q.subject == n("r1")], []
    elif change == "renamed":
        gone, added = [], [ox.Quad(n("c"), p("http://www.w3.org/2004/02/skos/core#altLabel"), ox.Literal("丙", language="zh"), d)]
    else:
        gone, added = [], [ox.Quad(n("e"), p(rdf + "type"), p("District"), d),
                           ox.Quad(n("e"), p(rdfs + "label"), ox.Literal("戊区", language="zh"), d),
                           ox.Quad(n("e"), p("assists"), n("a"), d)]
    subjects = {q.subject for q in (*gone, *added)}
    earlier = snapshot(store, subjects)
    for q in gone:
        store.remove(q)
    store.extend(added)
    later = snapshot(store, subjects)
    altered = {s: later[s] for s in subjects if set(earlier[s]) != set(later[s])}
    patched = patched_view(kept, store, altered, earlier)
    assert patched is not None
    whole = _union_view(store)
    assert state_bytes(*patched) == state_bytes(*whole)
    bare = [(u, v) for u, v, d in whole[0].edges(data=True) if d["rel"] == "assists" and not d["record"]]
    assert (dkr + "a", dkr + "b") in bare if change == "record gone" else (dkr + "a", dkr + "b") not in bare


def test_a_patched_view_reads_no_unchanged_sentence_from_the_store(corpus: Path, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A place every article names is mentioned in sentences of documents the change did not touch: the
    patched view takes those from the kept view, not from the store (at 10,000 articles they made the
    patch dearer than the whole view), and the page is still the clean build's."""
    import pyoxigraph as ox

    import graph.keptview

    out = tmp_path / "inc"
    build([corpus], out, jobs=1)
    from graph.record import read_record

    store = ox.Store.read_only(str(out / read_record(out).store))
    document = ox.NamedNode(DK + "document")
    sentences = {q.subject.value: q.object.value for q in store.quads_for_pattern(None, document, None, ox.DefaultGraph())}
    names = {q.subject.value: q.object.value
             for q in store.quads_for_pattern(None, ox.NamedNode(DK + "fileName"), None, ox.DefaultGraph())}
    del store
    seed = corpus / "2021" / "seed.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "\n两地将继续深化合作。\n", encoding="utf-8")
    read: list[str] = []
    real = graph.keptview._Statements.of

    def of(self, s):
        read.append(s.value)
        return real(self, s)

    monkeypatch.setattr(graph.keptview._Statements, "of", of)
    build([corpus], out, jobs=1)
    monkeypatch.undo()
    kept_elsewhere = {s for s, doc in sentences.items() if doc not in names or names[doc] != "2021/seed.txt"}
    assert read and kept_elsewhere and not kept_elsewhere & set(read)
    clean = build([corpus], tmp_path / "clean", jobs=1)
    assert clean.extracted == 4
    assert _drawn_alike(out) == _drawn_alike(tmp_path / "clean")
    assert (out / "graph.view.json").read_bytes() == (tmp_path / "clean" / "graph.view.json").read_bytes()


def test_a_rebuild_whose_articles_name_nothing_new_does_not_import_pypinyin(corpus: Path, tmp_path: Path) -> None:
    """pypinyin takes half a second to import: the romanisations a folder's builds made are kept (by
    pypinyin's version), and a rebuild whose edited articles bring no new name does without it; the
    graph is the clean build's."""
    code = ("import sys; from pathlib import Path; from graph.build import build; "
            "r = build([Path(sys.argv[1])], Path(sys.argv[2]), jobs=1, progress=False); "
            "print(r.extracted, 'pypinyin' in sys.modules)")

    def run(out: Path) -> str:
        done = subprocess.run([sys.executable, "-c", code, str(corpus), str(out)], cwd=ROOT, capture_output=True,
                              text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        return " ".join(done.stdout.split()[-2:])

    out = tmp_path / "inc"
    assert run(out) == "4 True"
    seed = corpus / "2021" / "seed.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "\n两地将继续深化合作。\n", encoding="utf-8")
    assert run(out) == "1 False"
    assert run(tmp_path / "clean") == "4 True"
    assert _outputs(out)["graph.ttl"] == _outputs(tmp_path / "clean")["graph.ttl"]
