"""Check a built graph against ``ontology/shapes.ttl`` (SHACL), with ``ontology/duikou.ttl`` alongside.

pyshacl is imported inside :func:`validate`, not at module level: it pulls in a good deal of rdflib
machinery (SPARQL, OWL-RL) and takes about a second to import, and ``import graph`` must stay fast
for the command line, which validates only when asked.

The ontology and shapes are read from the ``ontology/`` folder of the source checkout
(``Path(__file__).parent.parent / "ontology"``).  The package ships only ``graph/``; when it is
installed without that folder next to it (a non-editable install), the loaders raise
:class:`~graph.errors.DuikouError` saying so instead of failing with a bare ``FileNotFoundError``.
"""
from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from .errors import DuikouError

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
ONTOLOGY_FILE = "duikou.ttl"
SHAPES_FILE = "shapes.ttl"


def _read(name: str) -> Graph:
    path = ONTOLOGY_DIR / name
    if not ONTOLOGY_DIR.is_dir():
        raise DuikouError(
            f"ontology folder not found at {ONTOLOGY_DIR}: the ontology and SHACL shapes live in the "
            "source checkout's ontology/ folder; run from the checkout or install it with `pip install -e .`"
        )
    if not path.is_file():
        raise DuikouError(f"{path} is missing: the ontology/ folder of the checkout is incomplete")
    try:
        return Graph().parse(path, format="turtle")
    except Exception as exc:  # a syntax error in a file the project ships: say which file
        raise DuikouError(f"cannot parse {path}: {exc}") from exc


def load_ontology() -> Graph:
    """The OWL ontology, ``ontology/duikou.ttl``."""
    return _read(ONTOLOGY_FILE)


def load_shapes() -> Graph:
    """The SHACL shapes, ``ontology/shapes.ttl``."""
    return _read(SHAPES_FILE)


def validate(data: Graph) -> tuple[bool, str]:
    """``(conforms, report)`` for ``data`` under the project's shapes; ``report`` is pyshacl's text.

    The ontology is passed as ``ont_graph`` (mixed into a copy of the data, which is left untouched)
    and no inference is run: the graph must hold what the contract says as written.
    """
    import pyshacl

    conforms, _results_graph, text = pyshacl.validate(
        data,
        shacl_graph=load_shapes(),
        ont_graph=load_ontology(),
        inference="none",
        abort_on_first=False,
        allow_warnings=False,
        meta_shacl=False,
        advanced=False,
        inplace=False,
    )
    return bool(conforms), str(text)
