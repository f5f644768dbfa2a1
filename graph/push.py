"""A build's named graphs pushed to a SPARQL server, only what changed (``build --endpoint URL``).

The server holds what the build folder's store holds per document: one named graph per article
(its IRI the document's, derived from its content) and the national pairing table.  Each push
compares the graphs of this build with those the folder last pushed to the same URL (``.pushed.json``
beside the outputs) and sends, by the SPARQL 1.1 Graph Store Protocol, a ``PUT`` of each graph
that is new there (an added article, or an edited one: its content changed, so its IRI did) and a
``DELETE`` of each graph that is gone (a removed article, or the edited one's old graph).  Nothing
else on the server is touched.  What was sent is recorded as it is sent, so a push that fails half
way (the server down) is taken up where it stopped by the next build; ``--force`` sends every graph
again, for a server that lost them.

Queries over the union of the graphs use the server's own union (Oxigraph: ``oxigraph serve
--union-default-graph``, Fuseki: ``unionDefaultGraph``) or ``GRAPH ?g { … }``.  The merged graph of
``graph.ttl`` chooses one ``rdfs:label`` per entity across documents; on the server each document's
graph keeps the labels that document states.
"""
from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping

from .errors import OutputError
from .files import write_atomic

PUSHED = ".pushed.json"
_TIMEOUT = 120.0  # seconds for one graph: a document's graph is a few hundred kB at most


@dataclass
class PushResult:
    url: str
    put: int = 0
    deleted: int = 0
    kept: int = 0  # already there from an earlier push


def _read_pushed(out: Path) -> dict[str, dict[str, str]]:
    try:
        data = json.loads((out / PUSHED).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def graph_url(url: str, graph: str) -> str:
    """The Graph Store Protocol address of named graph ``graph`` at the server's ``url`` (indirect
    identification: ``?graph=IRI``, appended to a query string the URL may already have)."""
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}{urllib.parse.urlencode({'graph': graph})}"


def _request(url: str, graph: str, method: str, body: bytes | None) -> None:
    """One Graph Store Protocol request on ``graph``; a DELETE of a graph the server lacks is no error."""
    target = graph_url(url, graph)
    headers = {"Content-Type": "application/n-triples"} if body is not None else {}
    request = urllib.request.Request(target, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=_TIMEOUT) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        if method == "DELETE" and exc.code == 404:
            return
        detail = " ".join(exc.read().decode("utf-8", "replace").split())[:200]
        raise OutputError(f"the graph store {url} answered {exc.code} to {method} of <{graph}>: "
                          f"{detail or exc.reason}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise OutputError(f"cannot reach the graph store {url}: {reason}") from None


def push(out: Path, url: str, graphs: Mapping[str, tuple[str, Callable[[], bytes]]], *,
         force: bool = False) -> PushResult:
    """Make the server at ``url`` hold exactly ``graphs`` (named-graph IRI → (a stamp of its content,
    a function giving its N-Triples)) among the graphs this folder pushed there.

    The stamp says whether the server's copy is current (a cache key: the content and the extractor).
    Raises one OutputError line (exit status 5) if the server refuses or cannot be reached; what was sent by then is
    recorded, so the next push sends only the rest.
    """
    every = _read_pushed(out)
    there = dict(every.get(url, {}))
    result = PushResult(url)
    try:
        for graph in sorted(set(there) - set(graphs)):
            _request(url, graph, "DELETE", None)
            del there[graph]
            result.deleted += 1
        for graph, (stamp, content) in sorted(graphs.items()):
            if not force and there.get(graph) == stamp:
                result.kept += 1
                continue
            _request(url, graph, "PUT", content())
            there[graph] = stamp
            result.put += 1
    finally:
        every[url] = there
        write_atomic(out / PUSHED, (json.dumps(every, indent=1, sort_keys=True) + "\n").encode("utf-8"))
    return result
