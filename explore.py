#!/usr/bin/env python3
"""Duikou's command line: a thin layer that parses options, calls one ``graph`` function and prints.

Run with no command to build the graph from ``seeds/`` into ``build/`` and write the explorer page.
Every command turns :class:`graph.errors.DuikouError` into one line on stderr and its exit status.
"""
from __future__ import annotations

import os
import signal
import sys


def _interrupted_while_starting(signum: int, frame: object) -> None:
    """A Ctrl-C before :func:`main` takes over (while the modules below still load): the same one line and
    status as later, at once.  Installed before anything else is imported, so the window left is the
    interpreter's own start-up."""
    sys.stderr.write("explore.py: interrupted\n")
    sys.stderr.flush()
    os._exit(130)


if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not where Ctrl-C is ignored (a fork server)
    signal.signal(signal.SIGINT, _interrupted_while_starting)

import argparse  # noqa: E402  (after the handler: a Ctrl-C while these load is one line too)
from pathlib import Path
from typing import TYPE_CHECKING

HERE = Path(__file__).resolve().parent
DEFAULT_SEEDS = HERE / "seeds"
DEFAULT_OUT = Path("build")


def cmd_build(args: argparse.Namespace) -> int:
    from graph.build import build, format_summary

    paths = [Path(p) for p in args.paths] or [DEFAULT_SEEDS]
    result = build(paths, Path(args.out), jobs=args.jobs, force=args.force, endpoint=args.endpoint)
    print(format_summary(result))
    return 0


def _positive(text: str) -> int:
    """An argparse type: a whole number of at least 1 (``-j 0`` would mean no worker at all)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not 1 or more")
    return value


def add_build(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="extract the graph from articles (files or folders)")
    p.add_argument("paths", nargs="*", help="article files (.txt, .md, .html) or folders (default: seeds/)")
    p.add_argument("--out", default=str(DEFAULT_OUT), help="output folder (default: build/)")
    p.add_argument("-j", "--jobs", type=_positive, default=None,
                   help="worker processes for extraction, 1 or more (default: the number of CPUs)")
    p.add_argument("--force", action="store_true", help="re-read every article, ignoring the cache (and with "
                   "--endpoint, send every named graph again)")
    p.add_argument("--endpoint", metavar="URL",
                   help="a SPARQL server's Graph Store Protocol URL (e.g. http://localhost:7878/store): send it the "
                        "named graph of each document added or edited since the last push there (PUT), delete "
                        "those of documents removed (DELETE)")
    p.set_defaults(func=cmd_build)


COMMANDS = {"build": add_build}  # name → what adds its subparser


if TYPE_CHECKING:
    from graph.built import BuiltGraph
    from graph.pool import WorkerPool
    from graph.endpoint import EndpointBackend


def _add_graph_options(p: argparse.ArgumentParser) -> None:
    """Where the graph to query lives: shared by ``query`` and ``serve``."""
    p.add_argument("--build", default=str(DEFAULT_OUT),
                   help="built graph folder, rebuilt from its own inputs when they changed (default: build/, "
                        "built from seeds/ when missing)")
    p.add_argument("--store", choices=["oxigraph", "memory"], default="oxigraph",
                   help="embedded engine (default: oxigraph, the faster)")
    p.add_argument("--endpoint", metavar="URL", help="query a SPARQL 1.1 server instead of an embedded store")
    p.add_argument("--update-endpoint", metavar="URL", help="load the built graph into the server by SPARQL Update")
    p.add_argument("--graph-store", metavar="URL", help="load the built graph by the Graph Store Protocol")


def _megabytes(text: str) -> int:
    """An argparse type: a size in MB, given as a positive number, returned in bytes."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of megabytes") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text} is not more than 0")
    return int(value * 1_000_000)


def _announce(message: str) -> None:
    print(f"explore.py: {message}", file=sys.stderr)


def _built(args: argparse.Namespace) -> BuiltGraph:
    from graph.built import ensure_built

    return ensure_built(Path(args.build), [DEFAULT_SEEDS], _announce)


def _workers(args: argparse.Namespace, size: int = 1, replace: bool = False) -> tuple[WorkerPool, BuiltGraph]:
    """The built graph in confined query worker processes (graph.pool): no network, bounded, killable."""
    from graph.pool import open_pool

    return open_pool(Path(args.build), [DEFAULT_SEEDS], _announce, args.store, size=size,
                     max_memory=getattr(args, "max_memory", None), replace=replace)


def _open_backend(args: argparse.Namespace, timeout: float | None) -> WorkerPool | EndpointBackend:
    from graph.errors import DuikouError

    if args.endpoint is None:
        if args.update_endpoint or args.graph_store:
            raise DuikouError("--update-endpoint and --graph-store need --endpoint (where queries go)", status=2)
        return _workers(args)[0]
    from graph.endpoint import EndpointBackend, load_endpoint  # (only a remote server is reached from this process)

    ttl = _built(args).ttl
    backend = EndpointBackend(args.endpoint, timeout=timeout or 60.0)
    load_endpoint(backend, ttl, update_url=args.update_endpoint, graph_store_url=args.graph_store,
                  announce=_announce)
    return backend


def _emit(data: bytes) -> None:
    """Write to standard output; a reader that stopped early (``| head``) has what it wanted."""
    try:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit


def _list_queries(fmt: str | None) -> int:
    import json

    from graph.errors import DuikouError
    from graph.queries import saved_queries

    queries = saved_queries()
    if fmt == "json":
        _emit(json.dumps([q.as_json() for q in queries.values()], ensure_ascii=False, indent=1).encode() + b"\n")
        return 0
    if fmt not in (None, "table"):
        raise DuikouError(f"--list is written as a table or as json, not {fmt}", status=2)
    lines = []
    for name, saved in queries.items():
        params = "".join(f" --param {p.name}=…" if p.required else f" [--param {p.name}=…]" for p in saved.params)
        lines.append(f"python explore.py query {name}{params}\n    {saved.title}\n    {saved.description}")
        lines += [f"    {p.name}: {p.meaning}" for p in saved.params]
    _emit(("\n".join(lines) + "\n").encode("utf-8"))
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    from graph.pool import WorkerPool
    from graph.queries import parse_param_args, written
    from graph.sparql import Limits, QueryError

    if args.list:
        return _list_queries(args.format)
    if args.file:
        try:
            text, name = Path(args.file).read_text(encoding="utf-8"), None
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"cannot read the query {args.file}: {getattr(exc, 'strerror', None) or exc}") from None
    elif args.query is None:
        raise QueryError("give a query, -f FILE or a saved query name (see --list)")
    elif args.query.strip() and all(c.isalnum() or c in "-_" for c in args.query.strip()):
        text, name = None, args.query.strip()
    else:
        text, name = args.query, None
    request = dict(text=text, name=name, params=parse_param_args(args.param),
                   limits=Limits(timeout=args.timeout, max_memory=args.max_memory), fmt=args.format,
                   suffix=Path(args.out).suffix if args.out else "", max_width=args.max_width)
    backend = _open_backend(args, args.timeout)
    try:  # in the query worker, where the graph is, the answer is written as well as found
        done = backend.write(**request) if isinstance(backend, WorkerPool) else written(backend, **request)
    finally:
        backend.close()
    if args.out:
        from graph.files import write_atomic

        write_atomic(Path(args.out), done.data)
        print(f"wrote {done.count} {'triples' if done.is_graph else 'rows'} to {args.out}", file=sys.stderr)
    else:
        _emit(done.data)
    return 0


def add_query(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("query", help="ask the graph in SPARQL: a query, a file or a saved query")
    p.add_argument("query", nargs="?", help="SPARQL text, or the name of a saved query (see --list)")
    p.add_argument("-f", "--file", help="read the query from a .rq file")
    p.add_argument("--list", action="store_true", help="list the saved queries (--format json for JSON)")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="bind ?NAME to the entity named VALUE (label, alias, pinyin or IRI); repeatable")
    p.add_argument("--format", choices=["table", "csv", "tsv", "json", "xml", "turtle", "json-ld", "nt"],
                   help="output format: table, csv, tsv, json, xml for SELECT/ASK; turtle, json-ld, nt "
                        "(N-Triples) for CONSTRUCT/DESCRIBE (default: table, or turtle; with --out, taken "
                        "from the file's extension)")
    p.add_argument("--out", help="write to this file (atomically) instead of standard output")
    p.add_argument("--timeout", type=float, help="give up after this many seconds")
    p.add_argument("--max-memory", type=_megabytes, metavar="MB",
                   help="stop a query that needs more than this much memory beyond the loaded graph")
    p.add_argument("--max-width", type=int, default=60, help="clip table cells to this many columns (0: never)")
    _add_graph_options(p)
    p.set_defaults(func=cmd_query)


def cmd_serve(args: argparse.Namespace) -> int:
    from graph.server import ServerConfig, serve
    from graph.sparql import Limits

    backend = _open_backend(args, args.timeout) if args.endpoint else _workers(args, args.workers, replace=True)[0]
    config = ServerConfig(backend=backend, page=Path(args.build) / "graph.html",
                          limits=Limits(timeout=args.timeout, max_rows=args.max_rows,
                                        max_bytes=args.max_answer, max_memory=args.max_memory),
                          client_timeout=args.client_timeout)
    serve(config, args.host, args.port, announce=lambda message: _emit(f"{message}\n".encode("utf-8")))
    return 0


def add_serve(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="serve the explorer page with a query panel and a SPARQL endpoint")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 picks a free one)")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds a query may run (default: 10)")
    p.add_argument("--max-rows", type=int, default=10_000, help="rows (or triples) an answer may have (default: 10000)")
    p.add_argument("--max-answer", type=_megabytes, default=16_000_000, metavar="MB",
                   help="megabytes an answer's values may add up to (default: 16)")
    p.add_argument("--max-memory", type=_megabytes, default=1_000_000_000, metavar="MB",
                   help="megabytes a query worker may allocate beyond the loaded graph (default: 1000)")
    p.add_argument("--workers", type=int, default=2, help="query worker processes (default: 2)")
    p.add_argument("--client-timeout", type=float, default=20.0, metavar="SECONDS",
                   help="close a connection that sends nothing for this long (default: 20)")
    _add_graph_options(p)
    p.set_defaults(func=cmd_serve)


COMMANDS.update(query=add_query, serve=add_serve)


def cmd_render(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from graph.errors import DuikouError
    from graph.page import DEFAULT_TITLE, render_subgraph
    from graph.queries import answer, parse_param_args, parse_saved, resolve, saved_queries
    from graph.store import open_graph
    from graph.terms import to_rdflib

    if args.query is None and args.focus is None:
        raise DuikouError("render needs --query FILE.rq and/or --focus NAME (the whole graph is build/graph.html)",
                          status=2)
    saved = None
    if args.query is not None:
        known = saved_queries()
        if args.query in known:
            saved = known[args.query]
        else:
            try:
                text = Path(args.query).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise DuikouError(f"cannot read the query {args.query}: {getattr(exc, 'strerror', None) or exc}",
                                  status=2) from None
            saved = parse_saved(Path(args.query).stem, text, need_title=False)
    params = parse_param_args(args.param)
    if params and saved is None:
        raise DuikouError("--param binds parameters of --query; give a query", status=2)
    pool, built = _workers(args)
    try:
        result = None if saved is None else answer(pool, saved=saved, params=params, require_all=True)
        centre = None if args.focus is None else resolve(pool, args.focus)
    finally:
        pool.close()
    title = " · ".join(part for part in (args.focus, saved.name if saved else None) if part)
    if result is not None:  # the page walks rdflib's terms
        result = replace(result, triples=[tuple(map(to_rdflib, t)) for t in result.triples])
    G = render_subgraph(open_graph(built.ttl, args.store, built.store), Path(args.out), answer=result,
                        centre=to_rdflib(centre),
                        depth=args.depth, title=f"{title} · {DEFAULT_TITLE}")
    _emit(f"wrote {G.number_of_nodes()} nodes and {G.number_of_edges()} relations to {args.out}\n".encode())
    return 0


def add_render(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("render", help="draw part of the graph as an explorer page: a CONSTRUCT result "
                                      "or the neighbourhood of one entity")
    p.add_argument("--query", metavar="FILE.rq|NAME",
                   help="a SPARQL CONSTRUCT (or DESCRIBE) query, a file or a saved query's name: draw what it states")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="bind the query's parameter ?NAME to the entity named VALUE; every '# param:' of the "
                        "query must be given")
    p.add_argument("--focus", metavar="NAME", help="draw what lies near this entity (label, alias, pinyin or IRI)")
    p.add_argument("--depth", type=int, default=1, help="steps from --focus (default: 1)")
    p.add_argument("--out", required=True, help="the HTML file to write")
    p.add_argument("--build", default=str(DEFAULT_OUT),
                   help="built graph folder, rebuilt from its own inputs when they changed (default: build/, "
                        "built from seeds/ when missing)")
    p.add_argument("--store", choices=["oxigraph", "memory"], default="oxigraph",
                   help="embedded engine (default: oxigraph, the faster)")
    p.set_defaults(func=cmd_render)


COMMANDS.update(render=add_render)


USAGE = """Duikou (对口) reads Chinese news about paired assistance and builds a knowledge graph of who helps
whom, in which sector, with how much money: RDF for SPARQL, and a page to explore it offline.

With no command, builds the articles in seeds/ into build/ (graph.ttl, graph.trig, graph.html) and
prints a summary with the page's path; `build PATH …` does the same for your own files or folders.
`COMMAND --help` tells more about each command."""

EPILOG = """exit status: 0 success, 1 internal error, 2 usage or bad query, 3 bad input (not an article,
unreadable), 4 time or size limit reached, 5 cannot write (disk full, read-only, not a folder), 130 interrupted"""


def main(argv: list[str] | None = None) -> int:
    try:  # from the first line: a Ctrl-C while the options are still being set up is one line too
        if signal.getsignal(signal.SIGINT) is _interrupted_while_starting:
            signal.signal(signal.SIGINT, signal.default_int_handler)  # from here Ctrl-C is KeyboardInterrupt
        prog = Path(sys.argv[0]).name if sys.argv[0].endswith("duikou") else "explore.py"
        parser = argparse.ArgumentParser(prog=prog, description=USAGE, epilog=EPILOG,
                                         formatter_class=argparse.RawDescriptionHelpFormatter)
        sub = parser.add_subparsers(dest="command", metavar="COMMAND")
        words = sys.argv[1:] if argv is None else argv
        # a command named first needs only its own options: setting up the others' cost a query 4–5 ms
        named = COMMANDS.get(words[0]) if words else None
        for add in [named] if named else COMMANDS.values():
            add(sub)
        args = parser.parse_args(argv)
        if args.command is None:
            args = parser.parse_args(["build"])
        from graph.errors import DuikouError

        try:
            status = args.func(args)
        except DuikouError as exc:
            print(f"explore.py: {exc}", file=sys.stderr)
            status = exc.status
        # the work is done and said: a Ctrl-C while the interpreter shuts down (when Python puts back the
        # default action, which would end the process by the signal, silently) changes nothing now
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        return status
    except KeyboardInterrupt:
        print("explore.py: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
