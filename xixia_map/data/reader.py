"""Read any supported vector file into a GeoDataFrame in EPSG:4326.

Every failure becomes a DataError that names the file, the feature and the
problem in words a planner can act on (Chinese and English); no library
traceback reaches the user. A feature that cannot be used is left out and
listed in the ReadReport; only a file with no usable feature is refused.
Each family of files is read by its driver (drivers/), which says what is
peculiar to it (formats/ has the details); the CRS questions are crs_checks.py's.
"""
from __future__ import annotations

import math
from pathlib import Path

import geopandas as gpd

from .crs_checks import MissingCrsError  # noqa: F401 (re-exported)
from .drivers import driver_for
from .errors import Cancelled  # noqa: F401 (re-exported)
from .read_report import ReadReport


def encodings_for(path) -> tuple[str, ...]:
    """The text encodings a planner may choose for a file (a drawing may also be Western European)."""
    return driver_for(path).encodings


def list_layers_of(path) -> list[str]:
    """Layers a planner chooses from: a GeoPackage's or KML's layers, a ZIP's vector files."""
    return driver_for(path).layers(Path(path))


def read_vector(path, *, layer=None, assume_crs=None, swap_axes: bool = False,
                encoding: str | None = None, progress=None, cancelled=None) -> tuple[gpd.GeoDataFrame, ReadReport]:
    """`progress(done, total)` and `cancelled()` make long reads observable and stoppable.
    `assume_crs`, `swap_axes` and `encoding` are the planner's answers to earlier questions."""
    path = Path(path)
    return driver_for(path).read_vector(path, layer=layer, assume_crs=assume_crs, swap_axes=swap_axes,
                                        encoding=encoding, progress=progress, cancelled=cancelled)


def describe_bounds(bounds) -> str:
    if any(math.isnan(b) for b in bounds):
        return "(empty)"
    return "lon {:.4f}…{:.4f}, lat {:.4f}…{:.4f}".format(bounds[0], bounds[2], bounds[1], bounds[3])
