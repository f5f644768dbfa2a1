"""Load time and saved-query times of the embedded stores on generated graphs of 100,000 and 1,000,000 triples.

Run: ``python benchmarks/bench_store.py [--sizes 100000 1000000] [--cap 30]``; the cap bounds the run,
since rdflib's Memory store takes minutes on some queries at 1,000,000 triples.
Not part of CI.

The graphs are random (seeded) but in ``graph/rdf.py``'s shape: documents and sentences, places in a
three-level hierarchy with division codes, organisations located in them, people with posts,
products, and assistance records with sectors, amounts and evidence.  Every store is measured in
its own process, so one store's memory and abandoned work never slow another's; a query past
``--cap`` seconds is stopped (its process killed) and reported as such.
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DK = "https://w3id.org/duikou/ontology#"
DKR = "https://w3id.org/duikou/id/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDF_VALUE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#value"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"
SCHEMA = "https://schema.org/"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SECTORS = ["industry", "employment", "health", "education", "talent", "donation", "infrastructure", "consumption"]
ORG_KINDS = ["Hospital", "School", "Company", "GovernmentBody", "Association", "Team", "Base", "Park"]
STORES = ["memory", "oxigraph"]


def _lit(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    body = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return body + (f"@{lang}" if lang else f"^^<{datatype}>" if datatype else "")


def generate(target: int, path: Path, seed: int = 7) -> dict[str, str]:
    """Write about ``target`` triples as N-Triples (valid Turtle); return IRIs to bind parameters to."""
    rng = random.Random(seed)
    lines: list[str] = []

    def t(s: str, p: str, o: str) -> None:
        lines.append(f"<{s}> <{p}> {o} .")

    counties: list[str] = []
    for prov in range(31):
        pcode = f"{11 + prov:02d}0000"
        piri = f"{DKR}place/{pcode}"
        t(piri, RDF_TYPE, f"<{DK}Province>"); t(piri, LABEL, _lit(f"省{prov}", "zh")); t(piri, f"{DK}divisionCode", _lit(pcode))
        for pref in range(10):
            fcode = pcode[:2] + f"{pref + 1:02d}00"
            firi = f"{DKR}place/{fcode}"
            t(firi, RDF_TYPE, f"<{DK}Prefecture>"); t(firi, LABEL, _lit(f"州{prov}-{pref}", "zh"))
            t(firi, f"{DK}divisionCode", _lit(fcode)); t(firi, f"{SCHEMA}containedInPlace", f"<{piri}>")
            for county in range(10):
                ccode = fcode[:4] + f"{county + 1:02d}"
                ciri = f"{DKR}place/{ccode}"
                t(ciri, RDF_TYPE, f"<{DK}County>"); t(ciri, LABEL, _lit(f"县{ccode}", "zh"))
                t(ciri, ALT, _lit(f"xian {ccode}", "zh-Latn-pinyin"))
                t(ciri, f"{DK}divisionCode", _lit(ccode)); t(ciri, f"{SCHEMA}containedInPlace", f"<{firi}>")
                counties.append(ciri)
    for sector in SECTORS:
        t(f"{DKR}sector/{sector}", RDF_TYPE, f"<{DK}Sector>")
        t(f"{DKR}sector/{sector}", PREF, _lit(sector, "zh"))
    orgs: list[str] = []
    doc = 0
    while len(lines) < target:
        doc += 1
        d = f"{DKR}doc/{doc:016x}"
        t(d, RDF_TYPE, f"<{DK}Document>"); t(d, f"{DK}fileName", _lit(f"article-{doc}.txt"))
        sentences = []
        for k in range(12):
            s = f"{d}/s{k * 100}-{k * 100 + 99}"
            t(s, RDF_TYPE, f"<{DK}Sentence>"); t(s, RDF_VALUE, _lit(f"第{doc}篇第{k}句：帮扶与合作。"))
            t(s, f"{DK}document", f"<{d}>"); t(s, f"{DK}start", _lit(str(k * 100), datatype=f"{XSD}integer"))
            sentences.append(s)
        for _ in range(6):  # new organisations, most of them in a county
            o = f"{DKR}org/{len(orgs):08x}"
            kind = rng.choice(ORG_KINDS)
            t(o, RDF_TYPE, f"<{DK}{kind}>"); t(o, LABEL, _lit(f"{kind}{len(orgs)}", "zh"))
            t(o, ALT, _lit(f"org {len(orgs)}", "zh-Latn-pinyin"))
            t(o, f"{SCHEMA}location", f"<{rng.choice(counties)}>"); t(o, f"{DK}mentionedIn", f"<{rng.choice(sentences)}>")
            orgs.append(o)
        for _ in range(5):  # assistance records between counties and organisations
            provider = rng.choice(orgs + counties[:50])
            recipient = rng.choice(counties[:300]) if rng.random() < 0.6 else rng.choice(orgs)
            sector = rng.choice(SECTORS)
            a = f"{DKR}assistance/{doc:08x}{len(lines):08x}"
            t(provider, f"{DK}assists", f"<{recipient}>")
            t(a, RDF_TYPE, f"<{DK}Assistance>"); t(a, f"{DK}provider", f"<{provider}>")
            t(a, f"{DK}recipient", f"<{recipient}>"); t(a, f"{DK}sector", f"<{DKR}sector/{sector}>")
            t(a, f"{PROV}wasDerivedFrom", f"<{rng.choice(sentences)}>")
            for entity in (provider, recipient):
                t(entity, f"{DK}mentionedIn", f"<{rng.choice(sentences)}>")
            if rng.random() < 0.5:
                q = f"{a}/amount"
                t(a, f"{DK}amount", f"<{q}>"); t(q, RDF_TYPE, f"<{SCHEMA}MonetaryAmount>")
                t(q, f"{SCHEMA}value", _lit(str(rng.randrange(10_000, 50_000_000)), datatype=f"{XSD}decimal"))
                t(q, f"{DK}approximate", _lit(rng.choice(["true", "false"]), datatype=f"{XSD}boolean"))
        person = f"{DKR}person/{doc:08x}"
        t(person, RDF_TYPE, f"<{DK}Person>"); t(person, LABEL, _lit(f"人{doc}", "zh"))
        m = f"{DKR}membership/{doc:08x}"
        head = rng.choice(orgs)
        t(m, RDF_TYPE, f"<{ORG}Membership>"); t(m, f"{ORG}member", f"<{person}>"); t(m, f"{ORG}organization", f"<{head}>")
        t(m, f"{ORG}role", f"<{DKR}role/head>"); t(person, f"{ORG}headOf", f"<{head}>")
        product = f"{DKR}product/{doc:08x}"
        t(product, RDF_TYPE, f"<{DK}Product>"); t(product, LABEL, _lit(f"产品{doc}", "zh"))
        t(rng.choice(orgs), f"{DK}produces", f"<{product}>")
    t(f"{DKR}role/head", LABEL, _lit("负责人", "zh"))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    busiest = counties[0]
    return {"recipient": busiest, "place": busiest, "entity": busiest, "person": f"{DKR}person/{1:08x}",
            "provider": counties[1]}


def measure(store: str, ttl: Path, bindings: dict[str, str], skip: set[str]) -> None:
    """Child process: load, then run each saved query once, printing one JSON line per measurement."""
    import pyoxigraph as ox

    from graph.queries import saved_queries
    from graph.sparql import execute
    from graph.store import LocalBackend, open_graph

    start = time.perf_counter()
    backend = LocalBackend(open_graph(ttl, store))
    print(json.dumps({"load": time.perf_counter() - start}), flush=True)
    for name, saved in saved_queries().items():
        if name in skip:
            continue
        params = {p.name: ox.NamedNode(bindings[p.name]) for p in saved.params
                  if p.name in bindings and (p.required or p.name in ("recipient", "place", "person"))}
        start = time.perf_counter()
        result = execute(backend, saved.text, params)
        print(json.dumps({"query": name, "secs": time.perf_counter() - start, "size": len(result)}), flush=True)


def run_store(store: str, ttl: Path, bindings: dict[str, str], cap: float) -> dict[str, object]:
    """Measure one store in child processes; a query past ``cap`` kills its child and the next child goes on."""
    out: dict[str, object] = {}
    skip: set[str] = set()
    while True:
        child = subprocess.Popen([sys.executable, __file__, "--child", store, str(ttl), json.dumps(bindings),
                                  json.dumps(sorted(skip))], stdout=subprocess.PIPE, text=True)
        import selectors

        sel = selectors.DefaultSelector()
        sel.register(child.stdout, selectors.EVENT_READ)
        current = None
        from graph.queries import saved_queries

        pending = [n for n in saved_queries() if n not in skip]
        finished = True
        while True:
            limit = cap * 4 if "load" not in out else cap
            if not sel.select(timeout=limit):
                child.kill()
                current = pending[0] if pending and "load" in out else "load"
                out[current] = f">{cap:g}"
                skip.add(current)
                finished = False
                break
            line = child.stdout.readline()
            if not line:
                break
            record = json.loads(line)
            if "load" in record:
                out.setdefault("load", record["load"])
            else:
                out[record["query"]] = record["secs"]
                out[f"{record['query']}:size"] = record["size"]
                skip.add(record["query"])
                pending.remove(record["query"])
        child.wait()
        if finished or current == "load" or not pending:
            return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--cap", type=float, default=30.0, help="seconds before a query is given up")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        store, ttl, bindings, skip = args.child
        measure(store, Path(ttl), json.loads(bindings), set(json.loads(skip)))
        return
    from graph.queries import saved_queries

    names = list(saved_queries())
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            ttl = Path(tmp) / f"graph-{size}.ttl"
            start = time.perf_counter()
            bindings = generate(size, ttl)
            lines = sum(1 for _ in ttl.open(encoding="utf-8"))
            print(f"\n== {lines:,} triples (generated in {time.perf_counter() - start:.1f} s) ==", flush=True)
            results = {store: run_store(store, ttl, bindings, args.cap) for store in STORES}
            print(f"{'':32}{'memory':>12}{'oxigraph':>12}{'ratio':>9}{'rows':>9}")
            for key in ["load", *names]:
                m, o = results["memory"].get(key, "-"), results["oxigraph"].get(key, "-")
                ratio = f"{m / o:.1f}×" if isinstance(m, float) and isinstance(o, float) and o > 0 else "-"
                fmt = lambda v: f"{v:.3f}" if isinstance(v, float) else str(v)  # noqa: E731
                rows = results["oxigraph"].get(f"{key}:size", "")
                print(f"{key:32}{fmt(m):>12}{fmt(o):>12}{ratio:>9}{rows!s:>9}", flush=True)


if __name__ == "__main__":
    main()
