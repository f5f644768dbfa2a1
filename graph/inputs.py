"""What a build reads: the article files under the paths given, each with the name it is known by.

A document is named by its path relative to the folder it was found in (``2021/article.txt``), so two
``article.txt`` in two folders are two names; a file given on its own is named by its file name.
Folders are walked in a stable order without following links to folders; hidden files, and the
README/LICENSE kind of file a folder of articles often carries, are not articles.  A file given
explicitly must be of a supported type.  :func:`fingerprint` is what a build folder records of its
inputs (size and modification time of each file), so a later run can tell whether they changed.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from .errors import InputError

TEXT_SUFFIXES = {".txt", ".md", ".html", ".htm"}
#: file names (without suffix, any case) that sit beside articles but are not articles
NOT_ARTICLES = {"readme", "license", "licence", "copying", "notice", "changelog", "authors", "contributing"}


@dataclass(frozen=True)
class Source:
    """One article file: where it is, and the name the graph and the messages give it."""

    path: Path
    name: str
    explicit: bool = False  # given on the command line, not found by a walk


@dataclass
class Inputs:
    sources: list[Source] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # files that are not articles
    broken: list[str] = field(default_factory=list)  # links that lead nowhere, pipes …, with the reason


def _walk(folder: str, relative: str = "") -> Iterator[tuple[str, os.DirEntry[str]]]:
    """(name relative to the root, entry) of every file under ``folder``, as ``os.walk`` goes: a folder's
    files in name order, then its folders in name order; hidden ones, links to folders and unreadable
    folders left out.  On ``os.scandir``'s entries, whose type the listing already gives: a query checks
    every input of its folder before it answers, and Path calls cost 25 µs a file (0.25 s at 10,000)."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted((e for e in listing if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError:
        return
    folders = []
    for entry in entries:
        try:
            is_folder = entry.is_dir()
        except OSError:
            is_folder = False
        if not is_folder:
            yield relative + entry.name, entry
        elif not entry.is_symlink():
            folders.append(entry)
    for entry in folders:
        yield from _walk(entry.path, f"{relative}{entry.name}/")


def find_inputs(paths: Iterable[Path]) -> Inputs:
    """The article files under ``paths`` (files as given, folders walked), the files skipped and broken links."""
    files, skipped, broken = _find(list(paths))
    return Inputs([Source(Path(path), name, explicit) for path, name, explicit in files], skipped, broken)


def _find(paths: list[Path]) -> tuple[list[tuple[str, str, bool]], list[str], list[str]]:
    """:func:`find_inputs` with each article as (path, name, explicit), its path as text: a query that only
    compares the inputs' stamps with its folder's record makes no Path (10 µs each, 0.1 s at 10,000)."""
    files: list[tuple[str, str, bool]] = []
    skipped: list[str] = []
    broken: list[str] = []
    names: set[str] = set()

    def add(path: str, name: str, explicit: bool) -> None:
        if name in names:  # the same relative name under two roots: the path itself tells them apart
            name = str(Path(path))
        names.add(name)
        files.append((path, name, explicit))

    for root in paths:
        if not root.exists():
            if root.is_symlink():
                raise InputError(f"{root}: a link to {os.readlink(root)}, which does not exist")
            raise InputError(f"{root}: no such file or folder")
        if not root.is_dir():
            if not root.is_file():
                raise InputError(f"{root}: not a regular file")
            if root.suffix.lower() not in TEXT_SUFFIXES:
                raise InputError(f"{root}: not an article file (.txt, .md, .html), so not read")
            add(str(root), root.name, True)
            continue
        prefix = f"{root.resolve().name}/" if len(paths) > 1 else ""
        base = str(root)
        for relative, entry in _walk(base):
            name = prefix + relative
            stem, suffix = os.path.splitext(entry.name)
            if entry.is_symlink() and not os.path.exists(entry.path):
                broken.append(f"{name}: a link to {os.readlink(entry.path)}, which does not exist")
            elif suffix.lower() not in TEXT_SUFFIXES or stem.lower() in NOT_ARTICLES:
                skipped.append(name)
            elif _is_file(entry):
                add(entry.path, name, False)  # (the walk's path, base/relative: no join of its own)
            else:  # a pipe or a device: reading it could block for ever
                broken.append(f"{name}: not a regular file")
    if not files:
        raise InputError("no article files (.txt, .md, .html) found in " + ", ".join(str(p) for p in paths))
    return files, skipped, broken


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


def fingerprint(inputs: Inputs) -> dict[str, list[int]]:
    """Size and modification time (ns) of each article file, by name: what a build folder remembers."""
    return {source.name: _stamp(source.path) for source in inputs.sources}


def current_fingerprint(paths: Iterable[Path]) -> dict[str, list[int]]:
    """:func:`fingerprint` of the inputs under ``paths`` as they are now."""
    return {name: _stamp(path) for path, name, _ in _find(list(paths))[0]}


def _stamp(path: str | Path) -> list[int]:
    try:
        st = os.stat(path)
    except OSError:
        return [-1, -1]
    return [st.st_size, st.st_mtime_ns]
