"""Open a file as a large layer: decide, check its CRS, build or reuse its store.

A file takes this path when GDAL reports more than LARGE_LAYER_FEATURES
features in a format it reads by feature id (GeoPackage, File Geodatabase,
FlatGeobuf, Shapefile). The CRS checks are the small path's own
(crs_checks.normalise), run on the layer's extent (the file's word for it when
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
from ..formats import gpkg_wal
from ..formats.cpg import codec_of_cpg
from ..formats.shapefile import CPG_SAMPLE, companion, loose_encoding
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
SUFFIXES = {".gpkg", ".gdb", ".fgb", ".shp", ".sqlite"}


def feature_count(path: Path, layer: str | None, encoding: str | None = None) -> int | None:
    """Features in the layer as GDAL counts them, or None for a file this path does not take."""
    path = Path(path)
    if path.suffix.lower() not in SUFFIXES:
        return None
    encoding = declared_encoding(path, encoding)
    if path.suffix.lower() == ".shp" and encoding is None:
        return None  # no (known) declared encoding: the small path judges the .dbf's text first
    try:
        with gdal_notices(ReadReport()):  # the read that follows reports them
            info = pyogrio.read_info(str(path), layer=layer, encoding=encoding)
    except Exception:
        return None  # the small path says what is wrong with it
    count = int(info.get("features") or 0)
    return count if count >= 0 else None


def declared_encoding(path: Path, encoding: str | None) -> str | None:
    """The planner's encoding, or for a shapefile the one its .cpg names, if known
    (GDAL would read an unknown .cpg spelling as Latin-1 without a word)."""
    if encoding is not None or path.suffix.lower() != ".shp":
        return encoding
    cpg = companion(path, ".cpg")
    if cpg is None:
        return None
    try:
        with open(cpg, "rb") as file:
            return codec_of_cpg(file.read(CPG_SAMPLE).decode("latin-1"))
    except OSError:
        return None


def is_large(path: Path, layer: str | None, encoding: str | None = None) -> bool:
    count = feature_count(path, layer, encoding)
    return count is not None and count > LARGE_LAYER_FEATURES


def default_layer(path: Path, layer: str | None) -> str | None:
    """The layer read when none is chosen: a geodatabase's first feature class, as the small path reads."""
    if layer is not None:
        return layer
    try:
        names = [str(name) for name, kind in pyogrio.list_layers(str(path)) if kind]
    except Exception:
        return None
    return names[0] if names else None


def open_large(path, layer: str | None, *, assume_crs=None, swap_axes: bool = False, encoding: str | None = None,
               progress=None, cancelled=None) -> tuple[FileFeatures, ReadReport]:
    path = Path(path)
    report = ReadReport()
    wal = gpkg_wal.pending_wal(path) if path.suffix.lower() == ".gpkg" else None
    if wal is not None:  # a large layer is read from its file again and again: not from a copy
        report.warnings.append(gpkg_wal.missing_changes_notice(wal))
    if path.suffix.lower() == ".shp" and encoding is None:
        guess = loose_encoding(path)  # the .cpg's encoding, and whether the .dbf is a table at all
        report.warnings.extend(guess.problems + guess.notes)
        encoding = guess.encoding
        report.encoding, report.encoding_certain = guess.encoding, guess.certain
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
    return features, report
