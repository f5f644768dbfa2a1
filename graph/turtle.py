"""Turtle and TriG written in one stable order: the same graph always gives the same bytes.

Oxigraph's own dump follows its internal term ids, which differ from build to build, so two builds
of one folder gave two ``graph.ttl`` files with the same triples in different orders: a diff of two
builds was noise and a checksum of the file (the endpoint's reload stamp) changed for nothing.
Here triples are sorted by their N-Triples form (:func:`ordered`) and grouped by subject (``;``
between predicates, ``,`` between objects, ``rdf:type`` first), IRIs shortened with the project's
prefixes wherever Turtle allows it.  The built graph has no blank nodes (every node is minted from
what identifies it), so sorting is all the canonical form it needs.
"""
from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from pathlib import Path
from typing import Iterable, Mapping

import pyoxigraph as ox

#: this writer's code, digested: a TriG block kept by an earlier build is used only if written by the same code
FORM = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD = "http://www.w3.org/2001/XMLSchema#"
#: local names written after a prefix: a safe subset of Turtle's PN_LOCAL (``/`` escaped as ``\/``)
_LOCAL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_/-]*")
_INTEGER = re.compile(r"[+-]?[0-9]+")


class _Writer:
    """Formats terms once each (a corpus repeats the same few thousand IRIs millions of times)."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        # the longest namespace first, so dkr:… never wins over a more specific one
        self.prefixes = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))
        self.seen: dict[object, str] = {}

    def iri(self, value: str) -> str:
        if value == _RDF_TYPE:
            return "a"
        for prefix, namespace in self.prefixes:
            if value.startswith(namespace):
                local = value[len(namespace):]
                if _LOCAL.fullmatch(local):
                    return f"{prefix}:{local.replace('/', chr(92) + '/')}"
        return f"<{value}>"

    def term(self, t: object) -> str:
        found = self.seen.get(t)
        if found is not None:
            return found
        if isinstance(t, ox.NamedNode):
            found = self.iri(t.value)
        elif isinstance(t, ox.Literal):
            quoted = str(ox.Literal(t.value))  # N-Triples quoting and escapes of a plain string
            datatype = t.datatype.value
            if t.language:
                found = f"{quoted}@{t.language}"
            elif datatype == _XSD + "string":
                found = quoted
            elif datatype == _XSD + "boolean" and t.value in ("true", "false"):
                found = t.value
            elif datatype == _XSD + "integer" and _INTEGER.fullmatch(t.value):
                found = t.value
            else:
                found = f"{quoted}^^{self.iri(datatype)}"
        else:
            found = str(t)
        self.seen[t] = found
        return found

    def header(self) -> list[str]:
        return [f"@prefix {p}: <{ns}> ." for p, ns in sorted(self.prefixes)] + [""]

    def block(self, triples: Iterable[tuple], indent: str = "") -> list[str]:
        """Triples in :func:`ordered` order as lines of Turtle, grouped by subject, ``rdf:type`` first."""
        lines: list[str] = []
        group: list[tuple[str, str]] = []
        subject = None
        for t in triples:
            s = self.term(t[0])
            if s != subject:
                self._group(lines, subject, group, indent)
                subject, group = s, []
            group.append((self.term(t[1]), self.term(t[2])))
        self._group(lines, subject, group, indent)
        return lines

    @staticmethod
    def _group(lines: list[str], subject: str | None, group: list[tuple[str, str]], indent: str) -> None:
        if subject is None:
            return
        if lines:
            lines.append("")
        group.sort(key=lambda po: po[0] != "a")  # stable: the given order otherwise
        predicate = None
        for p, o in group:
            if predicate is None:
                lines.append(f"{indent}{subject} {p} {o}")
            elif p != predicate:
                lines[-1] += " ;"
                lines.append(f"{indent}    {p} {o}")
            else:
                lines[-1] += ","
                lines.append(f"{indent}        {o}")
            predicate = p
        lines[-1] += " ."


def ordered(triples: Iterable) -> list:
    """pyoxigraph triples or quads in one stable order: by the N-Triples forms of subject, predicate, object."""
    return sorted(triples, key=lambda t: (str(t[0]), str(t[1]), str(t[2])))


def turtle(triples: Iterable[tuple], prefixes: Mapping[str, str]) -> bytes:
    """pyoxigraph triples (or quads: their graph is ignored), already :func:`ordered`, as Turtle."""
    w = _Writer(prefixes)
    lines = w.header() + w.block(triples)
    return ("\n".join(lines) + "\n").encode("utf-8")


def subject_block(triples: Iterable[tuple], prefixes: Mapping[str, str]) -> bytes:
    """One subject's triples as the lines :func:`turtle` writes for it (no blank line around them);
    empty when it has none."""
    return "\n".join(_Writer(prefixes).block(ordered(triples))).encode("utf-8")


def _subject_key(block: bytes, namespaces: Mapping[str, str]) -> str:
    """The N-Triples form of the subject a block of :func:`turtle` starts with: what the file is sorted by."""
    head = block[:block.index(b" ")].decode("utf-8")
    if head.startswith("<"):
        return head
    prefix, local = head.split(":", 1)
    return f"<{namespaces[prefix]}{local.replace(chr(92) + '/', '/')}>"


def patch_turtle(old: bytes, changed: Mapping[str, bytes], prefixes: Mapping[str, str]) -> bytes | None:
    """What :func:`turtle` would write, from the file it wrote before and the new blocks of the subjects
    that changed since (N-Triples form of the subject → :func:`subject_block`, empty for a subject gone).

    Every other subject's block is copied as it was: the file is sorted by subject and its blocks are
    separated by the only blank lines it has (a literal's line breaks are escaped), so each changed
    subject is found by bisection, and a 1% change costs 1% of the formatting.  None when ``old`` is not
    a file of this writer with these prefixes (the caller then writes the whole file); the caller also
    makes sure ``old`` is the file as written (a digest), since a hand-edited file may still parse here.
    """
    header = ("\n".join(_Writer(prefixes).header()) + "\n").encode("utf-8")
    if not old.startswith(header) or not (old == header or old.endswith(b"\n")):
        return None
    body = old[len(header):-1]
    blocks = body.split(b"\n\n") if body else []
    namespaces = dict(prefixes)

    def key(block: bytes) -> str:
        return _subject_key(block, namespaces)

    out: list[bytes] = []
    at = 0
    try:
        for subject in sorted(changed):
            i = bisect_left(blocks, subject, lo=at, key=key)
            out.extend(blocks[at:i])
            if i < len(blocks) and key(blocks[i]) == subject:
                i += 1
            if changed[subject]:
                out.append(changed[subject])
            at = i
    except (ValueError, KeyError, UnicodeDecodeError):  # not a block of this writer
        return None
    out.extend(blocks[at:])
    return header + (b"\n\n".join(out) + b"\n" if out else b"")


def trig_block(name: str, triples: Iterable[tuple], prefixes: Mapping[str, str]) -> bytes:
    """One named graph of a TriG file, its triples in the stable order, ready to join (:func:`trig`)."""
    w = _Writer(prefixes)
    lines = [f"{w.iri(name)} {{", *w.block(ordered(triples), indent="    "), "}", ""]
    return "\n".join(lines).encode("utf-8")


def trig(blocks: Mapping[str, bytes], prefixes: Mapping[str, str]) -> bytes:
    """Named graphs (IRI → its :func:`trig_block`) as TriG, graphs in IRI order: each block is formatted
    once per document and kept (``cache``), so a rebuild formats only the graphs that changed."""
    header = "\n".join(_Writer(prefixes).header()).encode("utf-8")
    return b"\n".join([header, *(blocks[name] for name in sorted(blocks))]) + b"\n"
