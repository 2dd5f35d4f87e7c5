"""Drivers of the shapefile family: a loose shapefile (its text encoding judged
from the .dbf and .cpg, a damaged .shx rebuilt), a .dbf opened on its own,
and a ZIP of vector files (most often shapefiles)."""
from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

import pandas as pd

from ..errors import DataError
from ..formats import archive, shapefile, shx_restore
from ..formats.archive_read import check_size
from ..formats.cpg import codec_of_cpg
from ..messages import say
from ..read_report import ReadReport
from ..tabular import find_coordinate_columns, table_to_points
from .base import Driver, RawRead, apply_encoding, check_readable, read_with_gdal, readable_shapes


class ShapefileDriver(Driver):
    def __init__(self):
        super().__init__("Shapefile", {".shp"}, chunked=True, streamable=True, offers_encoding=True)

    def read(self, path: Path, layer, report: ReadReport, encoding, progress, cancelled,
             chunked: bool | None = None) -> RawRead:
        encoding = apply_encoding(report, shapefile.loose_encoding(path), encoding)
        chunked = self.chunked if chunked is None else chunked
        with readable_shapes(str(path), lambda: shx_restore.restored_loose(path), report) as source:
            return RawRead(read_with_gdal(path, source, chunked, layer, encoding, progress, cancelled, report),
                           {}, None)

    def large_count(self, path: Path, layer: str | None, encoding: str | None) -> int | None:
        """Counted only when the planner chose the encoding or the .cpg names a
        known one: otherwise the small path judges the .dbf's text first."""
        encoding = encoding or _cpg_encoding(path)
        return super().large_count(path, layer, encoding) if encoding is not None else None

    def before_streaming(self, path: Path, encoding: str | None, report: ReadReport) -> str | None:
        if encoding is not None:
            return encoding
        guess = shapefile.loose_encoding(path)  # the .cpg's encoding, and whether the .dbf is a table at all
        report.warnings.extend(guess.problems + guess.notes)
        report.encoding, report.encoding_certain = guess.encoding, guess.certain
        return guess.encoding


def _cpg_encoding(path: Path) -> str | None:
    """The encoding a shapefile's .cpg names, if known (GDAL would read an
    unknown .cpg spelling as Latin-1 without a word)."""
    cpg = shapefile.companion(path, ".cpg")
    if cpg is None:
        return None
    try:
        with open(cpg, "rb") as file:
            return codec_of_cpg(file.read(shapefile.CPG_SAMPLE).decode("latin-1"))
    except OSError:
        return None


SHAPEFILE = ShapefileDriver()


class DbfDriver(Driver):
    """A .dbf: read as the shapefile beside it, or on its own as a table of points."""

    def __init__(self):
        super().__init__("dBASE", {".dbf"})

    def read(self, path: Path, layer, report: ReadReport, encoding, progress, cancelled) -> RawRead:
        shp = shapefile.companion(path, ".shp")
        if shp is None:
            return RawRead(_dbf_table(path, report, encoding), {}, None)
        report.warnings.append(say(f"read as the shapefile {shp.name} beside it",
                                   f"已按同一文件夹中的 Shapefile {shp.name} 读取"))
        return SHAPEFILE.read(shp, layer, report, encoding, progress, cancelled, chunked=self.chunked)


def _dbf_table(path: Path, report: ReadReport, encoding):
    """A .dbf on its own is a shapefile's attribute table: points if it has
    coordinate columns, otherwise refused with what it is."""
    problem = shapefile.dbf_problem_of(path)
    if problem is not None:
        raise DataError(path, say(f"not a dBASE table ({problem.en})", f"不是 dBASE 属性表（{problem.zh}）"))
    encoding = apply_encoding(report, shapefile.table_encoding(path), encoding)
    table = read_with_gdal(path, str(path), False, encoding=encoding, report=report, geometry=False)
    if find_coordinate_columns(table.columns) is None:
        raise DataError(path, say(
            "a .dbf on its own is only the attribute table of a shapefile, without shapes, and it has no "
            "coordinate columns (lon/lat, x/y, 经度/纬度): open the .shp, with its .shx and .dbf beside it",
            "单独的 .dbf 只是 Shapefile 的属性表，没有图形，也没有坐标列（lon/lat、x/y、经度/纬度）："
            "请打开同名的 .shp（.shx、.dbf 须在同一文件夹）"))
    report.warnings.append(say("a .dbf on its own is a table: points were made from its coordinate columns",
                               "单独的 .dbf 是属性表：已按其中的坐标列生成点"))
    return table_to_points(path, pd.DataFrame(table), report=report)


class ZipDriver(Driver):
    """A ZIP of vector files: each member (each layer of a member holding several) a choice."""

    def __init__(self):
        super().__init__("ZIP", {".zip"}, chunked=True, offers_layers=True, reads_first_unasked=True,
                         offers_encoding=True)

    def layers(self, path: Path) -> list[str]:
        check_readable(path)
        return archive.zip_layers(path)

    def read(self, path: Path, layer, report: ReadReport, encoding, progress, cancelled) -> RawRead:
        chosen = layer
        source, member, layer = archive.member_source(path, layer)
        check_size(path, member)
        with ExitStack() as stack:
            if member.lower().endswith(".shp"):
                encoding = apply_encoding(report, shapefile.zipped_encoding(path, member), encoding)
                source = stack.enter_context(readable_shapes(
                    source, lambda: shx_restore.restored_zipped(path, member), report))
            others = [] if chosen is not None else [
                m for m in archive.zip_layers(path) if m != member and not m.startswith(member + "::")]
            if others:
                report.warnings.append(archive.others_notice(member, others))
            return RawRead(read_with_gdal(path, source, self.chunked, layer, encoding, progress, cancelled, report),
                           {}, None)
