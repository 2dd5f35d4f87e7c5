"""Read any supported vector file into a GeoDataFrame in EPSG:4326.

Every failure becomes a DataError that names the file, the feature and the
problem in words a planner can act on (Chinese and English); no library
traceback reaches the user. A feature that cannot be used is left out and
listed in the ReadReport; only a file with no usable feature is refused.
The per-family details live in `formats/`; CRS questions in `crs_checks.py`.
"""
from __future__ import annotations

import math
import os
from contextlib import ExitStack
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from . import feature_checks
from .crs_checks import CrsQuestion, MissingCrsError, looks_geographic, normalise  # noqa: F401 (re-exported)
from .errors import DataError
from .formats import archive, dxf, filegdb, geojson, gpkg_wal, gpx, shapefile, shx_restore
from .formats.archive_read import check_size
from .formats.dbf_text import EncodingGuess
from .gdal_notices import gdal_notices
from .messages import say
from .read_report import ReadReport  # noqa: F401 (re-exported)
from .tabular import find_coordinate_columns, read_bytes, read_table, table_to_points

VECTOR_SUFFIXES = {".geojson", ".json", ".gpkg", ".shp", ".zip", ".kml", ".csv", ".xlsx", ".fgb", ".gdb", ".dxf",
                   ".gpx"}
TABLE_SUFFIXES = {".csv", ".xlsx", ".xls", ".txt"}
_JSON_SUFFIXES = {".geojson", ".json"}
ENCODINGS = ("UTF-8", "GB18030", "Big5")  # what a planner may choose for a file's text


def encodings_for(path) -> tuple[str, ...]:
    """The text encodings a planner may choose for a file (a drawing may also be Western European)."""
    return dxf.ENCODINGS if Path(path).suffix.lower() == ".dxf" else ENCODINGS


class Cancelled(Exception):
    """The user cancelled a long read."""


CHUNKED_SUFFIXES = {".gpkg", ".shp", ".fgb", ".zip"}  # formats with cheap random access
CHUNK_FEATURES = 20_000


def _read_chunked(source: str, layer, encoding, progress, cancelled) -> gpd.GeoDataFrame:
    total = pyogrio.read_info(source, layer=layer, encoding=encoding)["features"]
    parts, done = [], 0
    while done < max(total, 1):
        if cancelled and cancelled():
            raise Cancelled()
        parts.append(pyogrio.read_dataframe(source, layer=layer, encoding=encoding, on_invalid="ignore",
                                            skip_features=done, max_features=CHUNK_FEATURES))
        done += CHUNK_FEATURES
        progress(min(done, total), total)
        if len(parts[-1]) < CHUNK_FEATURES:
            break
    frame = pd.concat(parts, ignore_index=True)
    return gpd.GeoDataFrame(frame, geometry=parts[0].geometry.name, crs=parts[0].crs)


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text if len(text) < 200 else text[:200] + "…"


def _read_with_gdal(path: Path, source: str, chunked: bool, layer=None, encoding=None, progress=None,
                    cancelled=None, report: ReadReport | None = None, geometry: bool = True) -> gpd.GeoDataFrame:
    try:
        with gdal_notices(report if report is not None else ReadReport()):
            if progress and chunked:
                return _read_chunked(source, layer, encoding, progress, cancelled)
            frame = pyogrio.read_dataframe(source, layer=layer, encoding=encoding, on_invalid="ignore",
                                           read_geometry=geometry)
        if cancelled and cancelled():
            raise Cancelled()
        return frame
    except (DataError, Cancelled):
        raise
    except UnicodeDecodeError:
        raise DataError(path, say(f"its text is not valid {encoding or 'UTF-8'}: choose another encoding "
                                  "(UTF-8, GB18030 or Big5)",
                                  f"文字不是有效的 {encoding or 'UTF-8'} 编码，请换一种编码（UTF-8、GB18030 或 Big5）")) from None
    except pyogrio.errors.DataSourceError as exc:
        raise DataError(path, say(f"not a readable vector file ({_short(exc)})",
                                  "不是可读取的矢量文件（文件损坏或格式不符）")) from None
    except pyogrio.errors.DataLayerError as exc:
        raise DataError(path, say(f"cannot read layer ({_short(exc)})", "无法读取图层")) from None
    except Exception as exc:  # GDAL surfaces many error types for damaged files
        raise DataError(path, say(f"cannot read file ({type(exc).__name__}: {_short(exc)})",
                                  "无法读取文件（文件可能已损坏）")) from None


def list_layers_of(path) -> list[str]:
    """Layers a planner chooses from: a GeoPackage's or KML's layers, a ZIP's vector files."""
    path = Path(path)
    _check_readable(path)
    if path.suffix.lower() == ".zip":
        return archive.zip_layers(path)
    if filegdb.is_filegdb(path):
        return [fc.name for fc in filegdb.feature_classes(path)]
    if path.suffix.lower() == ".dxf":
        return dxf.layers_of(path)
    if path.suffix.lower() == ".gpx":
        return [name for name, _count in gpx.layer_counts(path)]
    wal = gpkg_wal.pending_wal(path) if path.suffix.lower() == ".gpkg" else None
    try:
        if wal is not None and not gpkg_wal.too_large_to_copy(path, wal):
            with gpkg_wal.applied_copy(path, wal) as copy:  # a layer may exist only in the WAL
                return [str(name) for name, _ in pyogrio.list_layers(str(copy))]
        return [str(name) for name, _ in pyogrio.list_layers(str(path))]
    except Exception:
        raise DataError(path, say("cannot list its layers (not a readable vector file)",
                                  "无法列出图层（不是可读取的矢量文件）")) from None


def _check_readable(path: Path) -> None:
    if not path.exists():
        raise DataError(path, say("file not found", "找不到文件"))
    if path.is_dir():
        if path.suffix.lower() == ".gdb":
            return  # a File Geodatabase is a folder
        raise DataError(path, say("is a folder, not a file", "是文件夹，不是文件"))
    if not os.access(path, os.R_OK):
        raise DataError(path, say("no permission to read the file", "没有读取该文件的权限"))
    if path.stat().st_size == 0:
        raise DataError(path, say("file is empty (0 bytes)", "文件为空（0 字节）"))


def _apply_encoding(report: ReadReport, guess: EncodingGuess, chosen: str | None) -> str | None:
    report.warnings.extend(guess.problems)
    if chosen:
        report.encoding, report.encoding_certain = chosen, True
        return chosen
    report.encoding, report.encoding_certain = guess.encoding, guess.certain
    report.warnings.extend(guess.notes)
    if guess.cut_values:
        record, field = guess.cut_values[0]
        where = f"#{record + 1}" if record >= 0 else "(field name)"
        report.warnings.append(say(
            f"{len(guess.cut_values)} text value(s) were cut mid-character by the file's field width "
            f"(first: feature {where}, field '{field}'); the incomplete last character was dropped",
            f"{len(guess.cut_values)} 个文字值被字段宽度截断在半个字符处（第一个：要素 {where}，字段“{field}”），"
            "已去掉不完整的末字"))
    return guess.encoding


def _shx_is_damaged(source: str, report: ReadReport) -> bool:
    with gdal_notices(report):
        return shx_restore.shx_is_damaged(source)


def _dbf_table(path: Path, report: ReadReport, encoding) -> gpd.GeoDataFrame:
    """A .dbf on its own is a shapefile's attribute table: points if it has
    coordinate columns, otherwise refused with what it is."""
    problem = shapefile.dbf_problem_of(path)
    if problem is not None:
        raise DataError(path, say(f"not a dBASE table ({problem.en})", f"不是 dBASE 属性表（{problem.zh}）"))
    encoding = _apply_encoding(report, shapefile.table_encoding(path), encoding)
    table = _read_with_gdal(path, str(path), False, encoding=encoding, report=report, geometry=False)
    if find_coordinate_columns(table.columns) is None:
        raise DataError(path, say(
            "a .dbf on its own is only the attribute table of a shapefile, without shapes, and it has no "
            "coordinate columns (lon/lat, x/y, 经度/纬度): open the .shp, with its .shx and .dbf beside it",
            "单独的 .dbf 只是 Shapefile 的属性表，没有图形，也没有坐标列（lon/lat、x/y、经度/纬度）："
            "请打开同名的 .shp（.shx、.dbf 须在同一文件夹）"))
    report.warnings.append(say("a .dbf on its own is a table: points were made from its coordinate columns",
                               "单独的 .dbf 是属性表：已按其中的坐标列生成点"))
    return table_to_points(path, pd.DataFrame(table), report=report)


def _raw_frame(path: Path, layer, report: ReadReport, encoding, progress, cancelled):
    """The frame as read, and per-row problems the file check found (GeoJSON)."""
    suffix = path.suffix.lower()
    if suffix in TABLE_SUFFIXES:
        notes: list = []
        frame = table_to_points(path, read_table(path, notes), report=report)
        if notes:
            report.encoding = notes[0]
        return frame, {}, None
    problems, repaired, ids, implicit_crs, diagnosis = {}, {}, None, False, None
    source, chunked = str(path), suffix in CHUNKED_SUFFIXES
    if suffix in _JSON_SUFFIXES and path.stat().st_size <= geojson.PRECHECK_LIMIT:
        diagnosis = geojson.precheck(path, read_bytes(path))
        problems, repaired, ids = diagnosis.problems, diagnosis.repaired, diagnosis.ids
        implicit_crs = not diagnosis.declares_crs
    if suffix == ".dxf":
        _check_readable(path)
        return dxf.read_kind(path, layer, encoding, report), {}, None
    if suffix == ".dbf":
        shp = shapefile.companion(path, ".shp")
        if shp is None:
            return _dbf_table(path, report, encoding), {}, None
        report.warnings.append(say(f"read as the shapefile {shp.name} beside it",
                                   f"已按同一文件夹中的 Shapefile {shp.name} 读取"))
        path, suffix, source = shp, ".shp", str(shp)
    if filegdb.is_filegdb(path):
        classes = filegdb.feature_classes(path)
        if layer is None:
            layer = classes[0].name
            if len(classes) > 1:
                report.warnings.append(say(
                    f"the geodatabase holds {len(classes)} feature classes; read {layer} "
                    f"(the others: {', '.join(c.name for c in classes[1:])})",
                    f"数据库中有 {len(classes)} 个要素类，已读取 {layer}（其余：{'、'.join(c.name for c in classes[1:])}）"))
        chunked = True
    with ExitStack() as stack:
        if suffix == ".shp":
            encoding = _apply_encoding(report, shapefile.loose_encoding(path), encoding)
            if _shx_is_damaged(source, report):
                source = str(stack.enter_context(shx_restore.restored_loose(path)))
                report.warnings.append(shx_restore.notice())
        elif suffix == ".zip":
            chosen = layer
            source, member, layer = archive.member_source(path, layer)
            check_size(path, member)
            if member.lower().endswith(".shp"):
                encoding = _apply_encoding(report, shapefile.zipped_encoding(path, member), encoding)
                if _shx_is_damaged(source, report):
                    source = str(stack.enter_context(shx_restore.restored_zipped(path, member)))
                    report.warnings.append(shx_restore.notice())
            others = [] if chosen is not None else [
                m for m in archive.zip_layers(path) if m != member and not m.startswith(member + "::")]
            if others:
                report.warnings.append(archive.others_notice(member, others))
        else:
            _check_readable(path)
        if suffix == ".gpx":
            layer = gpx.choose(path, layer, report)
        try:
            frame = _read_gpkg_with_wal(path, chunked, layer, encoding, progress, cancelled, report) \
                if suffix == ".gpkg" and gpkg_wal.pending_wal(path) else \
                _read_with_gdal(path, source, chunked, layer, encoding, progress, cancelled, report)
        except DataError:
            if diagnosis is None or diagnosis.declares_crs:
                raise
            frame = diagnosis.to_frame()  # valid JSON that GDAL's parser refuses whole
            return frame, diagnosis.problems, ids
    if implicit_crs:
        frame = frame.set_crs(None, allow_override=True)
    if repaired and len(frame) == len(ids):
        frame = frame.copy()
        for row, geometry in repaired.items():
            frame.iloc[row, frame.columns.get_loc(frame.geometry.name)] = geometry
        closed = [str(ids[r] if ids[r] is not None else f"#{r + 1}") for r in repaired]
        report.warnings.append(say(f"{len(closed)} polygon ring(s) were not closed and were closed "
                                   f"({', '.join(closed[:5])}{' …' if len(closed) > 5 else ''})",
                                   f"{len(closed)} 个多边形环未闭合，已自动闭合（{'、'.join(closed[:5])}{' …' if len(closed) > 5 else ''}）"))
    return frame, problems, ids


def _read_gpkg_with_wal(path: Path, chunked, layer, encoding, progress, cancelled, report: ReadReport):
    """A GeoPackage whose -wal cannot be applied where it is (gpkg_wal.py)."""
    wal = gpkg_wal.pending_wal(path)
    if gpkg_wal.too_large_to_copy(path, wal):
        report.warnings.append(gpkg_wal.missing_changes_notice(wal))
        return _read_with_gdal(path, str(path), chunked, layer, encoding, progress, cancelled, report)
    with gpkg_wal.applied_copy(path, wal) as copy:
        frame = _read_with_gdal(path, str(copy), chunked, layer, encoding, progress, cancelled, report)
    report.warnings.append(gpkg_wal.read_from_copy_notice(wal))
    return frame


def read_vector(path, *, layer=None, id_field: str | None = "id", assume_crs=None, swap_axes: bool = False,
                encoding: str | None = None, progress=None, cancelled=None) -> tuple[gpd.GeoDataFrame, ReadReport]:
    """`progress(done, total)` and `cancelled()` make long reads observable and stoppable.
    `assume_crs`, `swap_axes` and `encoding` are the planner's answers to earlier questions."""
    path = Path(path)
    _check_readable(path)
    report = ReadReport()
    frame, problems, ids = _raw_frame(path, layer, report, encoding, progress, cancelled)
    if len(frame) == 0:
        raise DataError(path, say("contains no features", "不含任何要素"))
    names = feature_checks.feature_names(frame, ids if ids is not None and len(ids) == len(frame) else None)
    frame, names = feature_checks.drop_missing(path, frame, names, report, problems)
    frame, names = feature_checks.drop_non_finite(path, frame, names, report)
    frame, names = normalise(path, frame, names, report, assume_crs, swap_axes)
    frame = feature_checks.repair(frame, names, report)
    return frame.reset_index(drop=True), report


def describe_bounds(bounds) -> str:
    if any(math.isnan(b) for b in bounds):
        return "(empty)"
    return "lon {:.4f}…{:.4f}, lat {:.4f}…{:.4f}".format(bounds[0], bounds[2], bounds[1], bounds[3])
