"""Rasters a planner opens: 正射影像 (DOM, 8-bit RGB(A)) and DEMs (one band of
elevations), as GeoTIFF or Cloud-Optimised GeoTIFF, in any CRS PROJ knows.

Only the header is read here (rasterio); pixels are read window by window as
tiles (map/raster_tiles.py), never the whole raster. A raster is a Layer whose
frame holds one feature, its footprint, with the facts a planner asks about
(size, resolution, CRS), so the layer tree, the table and "zoom to layer"
treat it as any other layer.
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from .errors import DataError
from .messages import say
from .read_report import ReadReport

# GDAL's block cache defaults to 5% of the RAM (1.2 GB here): a pan over a raster
# without overviews filled it (1.8 GB PSS for the app). A fixed cache keeps the
# memory independent of the raster's size; set before rasterio loads GDAL.
os.environ.setdefault("GDAL_CACHEMAX", "192")

RASTER_SUFFIXES = {".tif", ".tiff", ".gtiff"}
OVERVIEW_FACTORS = (2, 4, 8, 16, 32, 64, 128)


@dataclass
class RasterInfo:
    path: Path
    crs: str
    kind: str  # "image" (RGB/RGBA bytes) or "dem" (one band of heights)
    width: int
    height: int
    count: int
    dtype: str
    nodata: float | None
    bounds_wgs84: tuple[float, float, float, float]
    resolution_m: float
    overviews: list[int] = field(default_factory=list)
    elevation_range: tuple[float, float] | None = None

    @property
    def needs_overviews(self) -> bool:
        """Without overviews a county-wide view reads every pixel of a big raster."""
        return not self.overviews and max(self.width, self.height) > 4096


def _open(path: Path):
    import rasterio

    try:
        return rasterio.open(path)
    except rasterio.errors.RasterioIOError as exc:
        text = str(exc)
        if "Permission denied" in text:
            raise DataError(path, say("no permission to read the file", "没有读取该文件的权限")) from None
        raise DataError(path, say("not a readable raster (damaged, truncated, or not a GeoTIFF)",
                                  "不是可读取的栅格（文件损坏、不完整或不是 GeoTIFF）")) from None


def _kind(path: Path, dataset) -> str:
    if dataset.count in (3, 4) and all(d == "uint8" for d in dataset.dtypes):
        return "image"
    if dataset.count == 1:
        return "image" if dataset.dtypes[0] == "uint8" and dataset.colorinterp[0].name == "palette" else "dem"
    raise DataError(path, say(f"has {dataset.count} bands of {dataset.dtypes[0]}: the app draws 8-bit RGB(A) "
                              "imagery and one-band DEMs",
                              f"有 {dataset.count} 个 {dataset.dtypes[0]} 波段：本软件可显示 8 位 RGB(A) 影像和单波段 DEM"))


def _check_readable_pixels(path: Path, dataset) -> None:
    """Read the first and the last block: a truncated or damaged file, whose
    header is intact, fails here rather than tile by tile on the map."""
    from rasterio.windows import Window

    size = 256
    corners = [Window(0, 0, min(size, dataset.width), min(size, dataset.height)),
               Window(max(0, dataset.width - size), max(0, dataset.height - size),
                      min(size, dataset.width), min(size, dataset.height))]
    try:
        for window in corners:
            dataset.read(1, window=window)
    except Exception:  # rasterio/GDAL raise several types for damaged blocks
        raise DataError(path, say("not a readable raster: its pixels are damaged or the file is truncated",
                                  "不是可读取的栅格：像元数据已损坏或文件不完整")) from None


def _elevation_range(path: Path, dataset) -> tuple[float, float]:
    """From the smallest overview, or a decimated read: never the whole raster."""
    scale = max(1, max(dataset.width, dataset.height) // 1024)
    out = (max(1, dataset.height // scale), max(1, dataset.width // scale))
    data = dataset.read(1, out_shape=out, masked=True)
    values = data.compressed() if np.ma.isMaskedArray(data) else data.ravel()
    values = values[np.isfinite(values)]
    if values.size == 0:
        raise DataError(path, say("the DEM holds no elevation: every cell is nodata",
                                  "DEM 中没有高程值：所有像元都是无数据（nodata）"))
    low, high = np.percentile(values, [1, 99])
    return float(low), float(max(high, low + 1))


def read_raster_info(path, assume_crs=None) -> RasterInfo:
    from rasterio.warp import transform_bounds

    from .crs_checks import CrsQuestion
    from .crs_inference import guess_crs

    path = Path(path)
    if not path.exists():
        raise DataError(path, say("file not found", "找不到文件"))
    if path.stat().st_size == 0:
        raise DataError(path, say("file is empty (0 bytes)", "文件为空（0 字节）"))
    with _open(path) as dataset:
        crs = dataset.crs
        if dataset.transform.is_identity and not dataset.gcps[0]:
            raise DataError(path, say("has no georeferencing (no CRS, no world file): its place on the map is "
                                      "unknown; georeference it (e.g. a .tfw world file and a CRS) and open it again",
                                      "没有地理参考（无坐标系、无坐标文件），无法确定位置；请先配准（如提供 .tfw 坐标文件和坐标系）后再打开"))
        if crs is None and assume_crs is None:
            b = dataset.bounds
            bounds = (b.left, b.bottom, b.right, b.top)
            raise CrsQuestion(path, say("the raster has a world file but no CRS", "栅格有坐标文件但没有坐标系"),
                              bounds, guess_crs(bounds))
        if crs is None:
            raise DataError(path, say("a raster without a CRS cannot be given one here yet: save it with its CRS "
                                      "(e.g. QGIS: Raster → Projections → Assign Projection)",
                                      "暂不支持为无坐标系的栅格指定坐标系：请先为其保存坐标系（如 QGIS：栅格 → 投影 → 指定投影）"))
        kind = _kind(path, dataset)
        _check_readable_pixels(path, dataset)
        try:
            west, south, east, north = transform_bounds(crs, "EPSG:4326", *dataset.bounds, densify_pts=21)
        except Exception:
            raise DataError(path, say(f"its extent cannot be converted from {crs.to_string()} to lon/lat",
                                      f"其范围无法从 {crs.to_string()} 转换为经纬度")) from None
        if not all(math.isfinite(v) for v in (west, south, east, north)):
            raise DataError(path, say(f"its extent lies outside {crs.to_string()}'s valid area",
                                      f"其范围超出 {crs.to_string()} 的有效区域"))
        res = abs(dataset.transform.a)
        if crs.is_geographic:
            res *= 111_320 * math.cos(math.radians((south + north) / 2))
        info = RasterInfo(path=path, crs=crs.to_string(), kind=kind, width=dataset.width, height=dataset.height,
                          count=dataset.count, dtype=dataset.dtypes[0], nodata=dataset.nodata,
                          bounds_wgs84=(west, south, east, north), resolution_m=res,
                          overviews=list(dataset.overviews(1)))
        if kind == "dem":
            info.elevation_range = _elevation_range(path, dataset)
    return info


def footprint_frame(info: RasterInfo) -> gpd.GeoDataFrame:
    """One feature: the raster's extent, with the facts shown in its details."""
    west, south, east, north = info.bounds_wgs84
    kind = "数字高程模型（DEM）" if info.kind == "dem" else "影像"
    row = {"id": "1", "名称": info.path.name, "类型": kind, "宽度（像素）": info.width, "高度（像素）": info.height,
           "波段数": info.count, "分辨率（米）": round(info.resolution_m, 3), "坐标系": info.crs,
           "金字塔": "有" if info.overviews else "无"}
    if info.elevation_range:
        row["高程范围（米）"] = f"{info.elevation_range[0]:.1f}–{info.elevation_range[1]:.1f}"
    return gpd.GeoDataFrame([row], geometry=[shapely.box(west, south, east, north)], crs=4326)


def raster_report(info: RasterInfo) -> ReadReport:
    report = ReadReport(source_crs=info.crs)
    if info.needs_overviews:
        report.warnings.append(say(
            f"the raster ({info.width:,} × {info.height:,} px) has no overviews: wide views read many pixels and "
            "draw slowly; build overviews (right-click the layer → build overviews)",
            f"该栅格（{info.width:,} × {info.height:,} 像素）没有金字塔，全县视图需读取大量像元、显示较慢；"
            "可右键图层 → 创建金字塔"))
    return report


def build_overviews(path, progress=None, cancelled=None) -> list[int]:
    """Internal overviews, one level at a time (so progress moves and Cancel is
    heard between levels). The file is modified in place, as QGIS and gdaladdo do."""
    import rasterio
    from rasterio.enums import Resampling

    path = Path(path)
    try:
        dataset = rasterio.open(path, "r+")
    except rasterio.errors.RasterioIOError:
        raise DataError(path, say("cannot write overviews into the file (read-only, or not a GeoTIFF)",
                                  "无法在该文件中写入金字塔（文件只读或不是 GeoTIFF）")) from None
    with dataset:
        size = max(dataset.width, dataset.height)
        factors = [f for f in OVERVIEW_FACTORS if size / f >= 256] or [2]
        kind = "dem" if dataset.count == 1 and dataset.dtypes[0] != "uint8" else "image"
        resampling = Resampling.average if kind == "image" else Resampling.bilinear
        for done, _factor in enumerate(factors, start=1):
            if cancelled and cancelled():
                from .reader import Cancelled

                raise Cancelled()
            dataset.build_overviews([_factor], resampling)  # adds this level, keeps the others
            if progress:
                progress(done, len(factors))
        return factors
