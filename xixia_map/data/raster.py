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

from .errors import Cancelled, DataError
from .messages import say
from .read_report import ReadReport

# GDAL's block cache defaults to 5% of the RAM (1.2 GB here): a pan over a raster
# without overviews filled it (1.8 GB PSS for the app). A fixed cache keeps the
# memory independent of the raster's size; set before rasterio loads GDAL.
os.environ.setdefault("GDAL_CACHEMAX", "192")

RASTER_SUFFIXES = {".tif", ".tiff", ".gtiff"}
OVERVIEW_FACTORS = (2, 4, 8, 16, 32, 64, 128)
# A map tile reads at most this many source pixels (of the overview GDAL's warper
# picks): without overviews, a wide view of a huge raster would make the warper
# read (or try to allocate) the whole raster for each tile. Such tiles are left
# blank (map/raster_tiles.py), and the layer's report says so.
TILE_READ_PIXELS = 64 * 1024 * 1024


@dataclass
class ElevationRange:
    low: float | None  # the tint's stretch: 1st and 99th percentiles, so a spike does not wash it out
    high: float | None
    estimated: bool = False  # from sampled blocks, not from the whole raster or its overviews
    sampled_blocks: int = 0
    # The lowest and highest cell, read from every cell when that is affordable
    # (EXACT_MINMAX_PIXELS): what the details and the table show. None: not read.
    minimum: float | None = None
    maximum: float | None = None


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
    elevation: ElevationRange | None = None  # how the range was found

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


# Reading the elevation range costs at most this many source pixels: a decimated
# read touches every block that holds a sampled pixel, so a raster of 10^6 x 10^6
# pixels without overviews would be read block by block for minutes.
EXACT_READ_PIXELS = 64 * 1024 * 1024
SAMPLE_GRID = 8  # otherwise an 8 x 8 grid of blocks spread over the raster is read
SAMPLE_WINDOW = 1024  # pixels of each sampled block, at most, a side


def _blocks_touched(size: int, block: int, samples: int) -> int:
    return min(math.ceil(size / max(block, 1)), samples)


def _elevation_range(path: Path, dataset) -> ElevationRange:
    """From the smallest overview or a decimated read when that costs at most
    EXACT_READ_PIXELS; otherwise from a fixed number of sampled blocks, and said
    to be estimated. Never every block of a huge raster."""
    factor = max(dataset.overviews(1) or [1])
    width, height = math.ceil(dataset.width / factor), math.ceil(dataset.height / factor)
    out = (max(1, min(height, 1024)), max(1, min(width, 1024)))
    block_h, block_w = dataset.block_shapes[0]
    cost = _blocks_touched(width, block_w, out[1]) * block_w * _blocks_touched(height, block_h, out[0]) * block_h
    if cost <= EXACT_READ_PIXELS:
        data = dataset.read(1, out_shape=out, masked=True)
        values = _finite(data)
        if values.size == 0:
            raise DataError(path, say("the DEM holds no elevation: every cell is nodata",
                                      "DEM 中没有高程值：所有像元都是无数据（nodata）"))
        low, high = np.percentile(values, [1, 99])
        minimum, maximum = _exact_min_max(dataset)
        return ElevationRange(float(low), float(max(high, low + 1)), minimum=minimum, maximum=maximum)
    return _sampled_range(dataset)


# Every cell is read for the true lowest and highest one up to this size (a
# county's 2 m DEM is ~ 30 000 x 30 000 = 900 M cells, beyond it; a 5 m one is
# within): block by block, so memory stays one block.
EXACT_MINMAX_PIXELS = 256 * 1024 * 1024


def _exact_min_max(dataset) -> tuple[float | None, float | None]:
    if dataset.width * dataset.height > EXACT_MINMAX_PIXELS:
        return None, None
    low, high = math.inf, -math.inf
    for _index, window in dataset.block_windows(1):
        values = _finite(dataset.read(1, window=window, masked=True))
        if values.size:
            low, high = min(low, float(values.min())), max(high, float(values.max()))
    return (low, high) if low <= high else (None, None)


def _finite(data) -> np.ndarray:
    values = data.compressed() if np.ma.isMaskedArray(data) else data.ravel()
    return values[np.isfinite(values)]


def _sampled_range(dataset) -> ElevationRange:
    from rasterio.windows import Window

    block_h, block_w = dataset.block_shapes[0]
    rows, cols = math.ceil(dataset.height / block_h), math.ceil(dataset.width / block_w)
    picks = sorted({(round(i * (rows - 1) / (SAMPLE_GRID - 1)), round(j * (cols - 1) / (SAMPLE_GRID - 1)))
                    for i in range(SAMPLE_GRID) for j in range(SAMPLE_GRID)})
    parts = []
    for row, col in picks:
        x, y = col * block_w, row * block_h
        window = Window(x, y, min(block_w, SAMPLE_WINDOW, dataset.width - x), min(block_h, SAMPLE_WINDOW, dataset.height - y))
        parts.append(_finite(dataset.read(1, window=window, masked=True)))
    values = np.concatenate(parts) if parts else np.empty(0)
    if values.size == 0:
        return ElevationRange(None, None, True, len(picks))
    low, high = np.percentile(values, [1, 99])
    return ElevationRange(float(low), float(max(high, low + 1)), True, len(picks))


WORLD_FILE_SUFFIXES = {".tfw", ".tifw", ".tiffw", ".wld"}


def _placed_without_crs(dataset):
    """What places a raster that has no CRS: a world file, its .aux.xml, ground
    control points, or a geotransform in the file itself (GDAL lists the side
    files it read)."""
    sidecars = [Path(f) for f in (dataset.files or [])[1:]]
    world = next((f for f in sidecars if f.suffix.lower() in WORLD_FILE_SUFFIXES), None)
    if world is not None:
        return say(f"the raster has a world file ({world.name}) but no CRS",
                   f"栅格有坐标文件（{world.name}）但没有坐标系")
    if dataset.transform.is_identity and dataset.gcps[0]:
        return say(f"the raster has {len(dataset.gcps[0])} ground control points but no CRS",
                   f"栅格有 {len(dataset.gcps[0])} 个控制点但没有坐标系")
    aux = next((f for f in sidecars if f.name.lower().endswith(".aux.xml")), None)
    if aux is not None:
        return say(f"the raster has coordinates (a geotransform, in the file or its {aux.name}) but no CRS",
                   f"栅格有坐标（文件或其 {aux.name} 中的地理变换参数）但没有坐标系")
    return say("the raster has coordinates (a geotransform in the GeoTIFF) but no CRS",
               "栅格有坐标（GeoTIFF 中的地理变换参数）但没有坐标系")


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
            raise DataError(path, say("has no georeferencing (no CRS, no geotransform, no world file): its place on "
                                      "the map is unknown; georeference it (e.g. a .tfw world file and a CRS) and "
                                      "open it again",
                                      "没有地理参考（无坐标系、无坐标文件），无法确定位置；"
                                      "请先配准（如提供 .tfw 坐标文件和坐标系）后再打开"))
        if crs is None and assume_crs is None:
            b = dataset.bounds
            bounds = (b.left, b.bottom, b.right, b.top)
            raise CrsQuestion(path, _placed_without_crs(dataset), bounds, guess_crs(bounds))
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
            info.elevation = _elevation_range(path, dataset)
            if info.elevation.low is not None and info.elevation.high is not None:
                info.elevation_range = (info.elevation.low, info.elevation.high)
    return info


def footprint_frame(info: RasterInfo) -> gpd.GeoDataFrame:
    """One feature: the raster's extent, with the facts shown in its details."""
    from .crs_words import crs_words

    west, south, east, north = info.bounds_wgs84
    kind = "数字高程模型（DEM）" if info.kind == "dem" else "影像"
    row = {"id": "1", "名称": info.path.name, "类型": kind, "宽度（像素）": info.width, "高度（像素）": info.height,
           "波段数": info.count, "分辨率（米）": round(info.resolution_m, 3), "坐标系": crs_words(info.crs),
           "金字塔": "有" if info.overviews else "无"}
    elevation = info.elevation
    if elevation is not None and elevation.minimum is not None:  # the lowest and the highest cell
        row["高程范围（米）"] = f"{elevation.minimum:.1f}–{elevation.maximum:.1f}"
    elif info.elevation_range:  # too large to read every cell: the bulk of the heights, said to be so
        row["高程范围（米）"] = f"{info.elevation_range[0]:.1f}–{info.elevation_range[1]:.1f}（估计，不含极值）"
    return gpd.GeoDataFrame([row], geometry=[shapely.box(west, south, east, north)], crs=4326)


def raster_report(info: RasterInfo) -> ReadReport:
    report = ReadReport(source_crs=info.crs)
    if info.needs_overviews and info.width * info.height > TILE_READ_PIXELS:
        report.warnings.append(say(
            f"the raster ({info.width:,} × {info.height:,} px) has no overviews: wide views would read too many "
            "pixels and are left blank, it shows only when zoomed in; build overviews "
            "(right-click the layer → build overviews)",
            f"该栅格（{info.width:,} × {info.height:,} 像素）没有金字塔：大范围视图需读取的像元过多，不予显示，放大后才显示；"
            "可右键图层 → 创建金字塔"))
    elif info.needs_overviews:
        report.warnings.append(say(
            f"the raster ({info.width:,} × {info.height:,} px) has no overviews: wide views read many pixels and "
            "draw slowly; build overviews (right-click the layer → build overviews)",
            f"该栅格（{info.width:,} × {info.height:,} 像素）没有金字塔，全县视图需读取大量像元、显示较慢；"
            "可右键图层 → 创建金字塔"))
    elevation = info.elevation
    if elevation is not None and elevation.estimated:
        if elevation.low is None:
            report.warnings.append(say(
                f"the elevation range is unknown: none of the {elevation.sampled_blocks} blocks sampled holds an "
                "elevation (the raster is too large to read whole without overviews); heights are drawn untinted",
                f"高程范围未知：抽样读取的 {elevation.sampled_blocks} 个数据块中没有高程值（栅格过大且无金字塔，无法全部读取）；"
                "按不分层设色显示"))
        else:
            report.warnings.append(say(
                f"the elevation range {elevation.low:.1f}–{elevation.high:.1f} m is estimated from "
                f"{elevation.sampled_blocks} sampled blocks (the raster is too large to read whole without overviews; "
                "build overviews for the full range)",
                f"高程范围 {elevation.low:.1f}–{elevation.high:.1f} 米是根据抽样的 {elevation.sampled_blocks} 个数据块估计的"
                "（栅格过大且无金字塔，无法全部读取；创建金字塔后可得到完整范围）"))
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
                raise Cancelled()
            dataset.build_overviews([_factor], resampling)  # adds this level, keeps the others
            if progress:
                progress(done, len(factors))
        return factors
