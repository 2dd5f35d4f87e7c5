"""Open a file as a large layer: decide, check its CRS, build or reuse its store.

A file takes this path when GDAL reports more than LARGE_LAYER_FEATURES
features in a format it reads by feature id (a `streamable` driver:
GeoPackage, File Geodatabase, FlatGeobuf, Shapefile, SpatiaLite). The CRS
checks are the small path's own (crs_checks.normalise), run on the layer's extent (the file's word for it when
it holds the data, else computed: extent.py), so a large file without a CRS,
or with swapped axes, asks the same question before the store is built.
"""
from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import shapely

from ..crs_checks import normalise
from ..errors import DataError
from ..gdal_notices import gdal_notices
from ..messages import say
from ..read_report import ReadReport
from .extent import trusted_extent
from .file_layer import FileFeatures
from .source import StoreSource, mark_used, prune_stores
from .store_build import build_store

# Above this a layer is drawn from its store and its attributes read on demand.
# Measured (benchmarks/planner_formats.py): 200 000 三调 cells held in memory
# cost ~500 MB; from the store, a few MB whatever the count. Below it a layer
# keeps what only memory gives (sorting the table by any column, 坐标偏移 of
# web data in GCJ-02): a county's 三调 layer (10^5 to 10^6 图斑) is above it.
LARGE_LAYER_FEATURES = 100_000


def feature_count(path: Path, layer: str | None, encoding: str | None = None) -> int | None:
    """Features in the layer as GDAL counts them, or None when it cannot say (the small path will)."""
    try:
        with gdal_notices(ReadReport()):  # the read that follows reports them
            info = pyogrio.read_info(str(path), layer=layer, encoding=encoding)
    except Exception:
        return None  # the small path says what is wrong with it
    count = int(info.get("features") or 0)
    return count if count >= 0 else None


def open_large(path, layer: str | None, report: ReadReport, *, assume_crs=None, swap_axes: bool = False,
               encoding: str | None = None, progress=None, cancelled=None) -> FileFeatures:
    """The layer's features from its store (built first if need be); what the
    planner should know in `report`. The file's driver has said what its
    family needs before (drivers/: a shapefile's encoding, a GeoPackage's WAL)."""
    path = Path(path)
    with gdal_notices(report):
        info = pyogrio.read_info(str(path), layer=layer, encoding=encoding)
    bounds, notice = trusted_extent(path, layer, info, encoding, cancelled)
    if bounds is None:
        raise DataError(path, say("no feature of the layer has coordinates", "图层中没有任何要素有坐标"))
    if notice is not None:
        report.warnings.append(notice)
    declared = info.get("crs")
    extent = gpd.GeoDataFrame(geometry=[shapely.box(*bounds)], crs=declared)
    # The small path's CRS checks on the extent: they raise the same questions.
    checked, _names = normalise(path, extent, pd.Series(["extent"]), report, assume_crs, swap_axes)
    crs = (f"EPSG:{assume_crs}" if isinstance(assume_crs, int) else str(assume_crs)) if assume_crs is not None \
        else (declared or "EPSG:4326")
    source = StoreSource(path, layer, crs, swap_axes, encoding)
    folder = source.folder()
    if not (folder / "meta.json").exists():
        prune_stores()
        folder, _built = build_store(source, progress, cancelled)
    mark_used(folder)
    features = FileFeatures(source, folder)
    for name, en, zh in features.store.meta.get("skipped", []):
        report.skip(name, say(en, zh))
    more = int(features.store.meta.get("skipped_count", 0)) - len(features.store.meta.get("skipped", []))
    if more > 0:
        report.warnings.append(say(f"{more} more features were left out for the same reasons",
                                   f"另有 {more} 个要素因同样原因未载入"))
    return features
