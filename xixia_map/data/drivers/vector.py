"""Drivers of the single-file vector formats with peculiarities of their own:
GeoJSON (checked before GDAL reads it), GeoPackage (a WAL beside it) and GPX
(several layers, the most useful read)."""
from __future__ import annotations

from pathlib import Path

import pyogrio

from ..errors import DataError
from ..formats import geojson, gpkg_wal, gpx
from ..messages import say
from ..read_report import ReadReport
from ..tabular import read_bytes
from .base import Driver, RawRead, check_readable, read_with_gdal


class GeoJsonDriver(Driver):
    def __init__(self):
        super().__init__("GeoJSON", {".geojson", ".json"})

    def read(self, path: Path, layer, report: ReadReport, encoding, progress, cancelled) -> RawRead:
        """Checked first (geojson.precheck: each feature's problem named, open rings
        closed, a file GDAL refuses whole still read), up to PRECHECK_LIMIT."""
        diagnosis = None
        if path.stat().st_size <= geojson.PRECHECK_LIMIT:
            diagnosis = geojson.precheck(path, read_bytes(path))
        check_readable(path)
        try:
            frame = read_with_gdal(path, str(path), self.chunked, layer, encoding, progress, cancelled, report)
        except DataError:
            if diagnosis is None or diagnosis.declares_crs:
                raise
            return RawRead(diagnosis.to_frame(), diagnosis.problems, diagnosis.ids)  # valid JSON GDAL refuses whole
        if diagnosis is None:
            return RawRead(frame, {}, None)
        if not diagnosis.declares_crs:
            frame = frame.set_crs(None, allow_override=True)
        ids, repaired = diagnosis.ids, diagnosis.repaired
        if repaired and len(frame) == len(ids):
            frame = frame.copy()
            for row, geometry in repaired.items():
                frame.iloc[row, frame.columns.get_loc(frame.geometry.name)] = geometry
            closed = [str(ids[r] if ids[r] is not None else f"#{r + 1}") for r in repaired]
            more = " …" if len(closed) > 5 else ""
            report.warnings.append(say(f"{len(closed)} polygon ring(s) were not closed and were closed "
                                       f"({', '.join(closed[:5])}{more})",
                                       f"{len(closed)} 个多边形环未闭合，已自动闭合（{'、'.join(closed[:5])}{more}）"))
        return RawRead(frame, diagnosis.problems, ids)


class GeoPackageDriver(Driver):
    """A GeoPackage, whose last changes may still be in its -wal file (gpkg_wal.py)."""

    def __init__(self):
        super().__init__("GeoPackage", {".gpkg"}, chunked=True, streamable=True, offers_layers=True)

    def layers(self, path: Path) -> list[str]:
        check_readable(path)
        wal = gpkg_wal.pending_wal(path)
        try:
            if wal is not None and not gpkg_wal.too_large_to_copy(path, wal):
                with gpkg_wal.applied_copy(path, wal) as copy:  # a layer may exist only in the WAL
                    return [str(name) for name, _ in pyogrio.list_layers(str(copy))]
            return [str(name) for name, _ in pyogrio.list_layers(str(path))]
        except Exception:
            raise DataError(path, say("cannot list its layers (not a readable vector file)",
                                      "无法列出图层（不是可读取的矢量文件）")) from None

    def read(self, path: Path, layer, report: ReadReport, encoding, progress, cancelled) -> RawRead:
        check_readable(path)
        wal = gpkg_wal.pending_wal(path)
        if wal is None:
            return super().read(path, layer, report, encoding, progress, cancelled)
        if gpkg_wal.too_large_to_copy(path, wal):
            report.warnings.append(gpkg_wal.missing_changes_notice(wal))
            frame = read_with_gdal(path, str(path), self.chunked, layer, encoding, progress, cancelled, report)
        else:
            with gpkg_wal.applied_copy(path, wal) as copy:
                frame = read_with_gdal(path, str(copy), self.chunked, layer, encoding, progress, cancelled, report)
            report.warnings.append(gpkg_wal.read_from_copy_notice(wal))
        return RawRead(frame, {}, None)

    def before_streaming(self, path: Path, encoding: str | None, report: ReadReport) -> str | None:
        wal = gpkg_wal.pending_wal(path)
        if wal is not None:  # a large layer is read from its file again and again: not from a copy
            report.warnings.append(gpkg_wal.missing_changes_notice(wal))
        return encoding


class GpxDriver(Driver):
    """GPS tracks, routes and waypoints: the layer holding features read, the others named."""

    def __init__(self):
        super().__init__("GPX", {".gpx"})

    def layers(self, path: Path) -> list[str]:
        check_readable(path)
        return [name for name, _count in gpx.layer_counts(path)]

    def read(self, path: Path, layer, report: ReadReport, encoding, progress, cancelled) -> RawRead:
        check_readable(path)
        layer = gpx.choose(path, layer, report)
        return RawRead(read_with_gdal(path, str(path), self.chunked, layer, encoding, progress, cancelled, report),
                       {}, None)
