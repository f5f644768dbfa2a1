#!/usr/bin/env python3
"""Duikou's command line: a thin layer that parses options, calls one ``graph`` function and prints.

Run with no command to build the graph from ``seeds/`` into ``build/`` and write the explorer page.
Every command turns :class:`graph.errors.DuikouError` into one line on stderr and its exit status.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SEEDS = HERE / "seeds"
DEFAULT_OUT = Path("build")


def cmd_build(args: argparse.Namespace) -> int:
    from graph.build import build, format_summary

    paths = [Path(p) for p in args.paths] or [DEFAULT_SEEDS]
    result = build(paths, Path(args.out))
    print(format_summary(result))
    return 0


def add_build(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="extract the graph from articles (files or folders)")
    p.add_argument("paths", nargs="*", help="text files or folders (default: seeds/)")
    p.add_argument("--out", default=str(DEFAULT_OUT), help="output folder (default: build/)")
    p.set_defaults(func=cmd_build)


COMMANDS = [add_build]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="explore.py", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command")
    for add in COMMANDS:
        add(sub)
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["build"])
    from graph.errors import DuikouError

    try:
        return args.func(args)
    except DuikouError as exc:
        print(f"explore.py: {exc}", file=sys.stderr)
        return exc.status
    except KeyboardInterrupt:
        print("explore.py: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
