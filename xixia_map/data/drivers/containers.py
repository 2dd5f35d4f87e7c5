"""Drivers of files that hold several layers of their own making: a CAD
drawing (its entities by kind: 文字, 点, 线, 面) and an ESRI File Geodatabase
(a folder of feature classes)."""
from __future__ import annotations

from pathlib import Path

import pyogrio

from ..formats import dxf, filegdb
from ..messages import say
from ..read_report import ReadReport
from .base import Driver, RawRead, check_readable, read_with_gdal


class DxfDriver(Driver):
    def __init__(self):
        super().__init__("DXF", {".dxf"}, offers_layers=True, encodings=dxf.ENCODINGS, offers_encoding=True)

    def layers(self, path: Path) -> list[str]:
        check_readable(path)
        return dxf.layers_of(path)

    def title(self, path: Path, layer: str | None) -> str:
        return f"{path.stem}（{layer}）" if layer else path.stem  # 规划（面）

    def read(self, path: Path, layer, report: ReadReport, encoding, progress, cancelled) -> RawRead:
        check_readable(path)
        return RawRead(dxf.read_kind(path, layer, encoding, report), {}, None)


class FileGdbDriver(Driver):
    """A .gdb folder (三调 and 国土空间规划 data: DLTB, XZQ, CJDCQ … to a database)."""

    def __init__(self):
        super().__init__("File Geodatabase", {".gdb"}, chunked=True, streamable=True, offers_layers=True)

    def claims(self, path: Path) -> bool:
        return filegdb.is_filegdb(path)

    def layers(self, path: Path) -> list[str]:
        check_readable(path)
        return [fc.name for fc in filegdb.feature_classes(path)]

    def read(self, path: Path, layer, report: ReadReport, encoding, progress, cancelled) -> RawRead:
        classes = filegdb.feature_classes(path)
        if layer is None:
            layer = classes[0].name
            if len(classes) > 1:
                others = [c.name for c in classes[1:]]
                report.warnings.append(say(
                    f"the geodatabase holds {len(classes)} feature classes; read {layer} (the others: "
                    f"{', '.join(others)})",
                    f"数据库中有 {len(classes)} 个要素类，已读取 {layer}（其余：{'、'.join(others)}）"))
        check_readable(path)
        return RawRead(read_with_gdal(path, str(path), self.chunked, layer, encoding, progress, cancelled, report),
                       {}, None)

    def default_layer(self, path: Path, layer: str | None) -> str | None:
        """The first feature class, as read() reads when none is chosen."""
        if layer is not None:
            return layer
        try:
            names = [str(name) for name, kind in pyogrio.list_layers(str(path)) if kind]
        except Exception:
            return None
        return names[0] if names else None
