"""ESRI File Geodatabases (.gdb folders, loose or zipped), through GDAL's
OpenFileGDB driver, which pyogrio's GDAL bundles. 三调 and 国土空间规划 data
come this way, several feature classes to a database (DLTB, XZQ, CJDCQ …)."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import pyogrio

from ..errors import DataError
from ..messages import say

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FeatureClass:
    name: str
    geometry_type: str
    count: int

    def label(self, lang: str = "zh") -> str:
        kinds = {"Point": "点", "MultiPoint": "点", "LineString": "线", "MultiLineString": "线",
                 "Polygon": "面", "MultiPolygon": "面"}
        kind = kinds.get(self.geometry_type.replace(" Z", ""), self.geometry_type) if lang == "zh" else self.geometry_type
        count = f"{self.count:,} 个" if lang == "zh" else f"{self.count:,}"
        return f"{self.name} · {kind} · {count}"


def is_filegdb(path: Path) -> bool:
    return path.suffix.lower() == ".gdb" and path.is_dir()


def feature_classes(path: Path, source: str | None = None) -> list[FeatureClass]:
    """Every feature class with a geometry (tables without one are left out)."""
    source = source or str(path)
    try:
        listed = pyogrio.list_layers(source)
    except Exception:
        raise DataError(path, say("is not a File Geodatabase GDAL can read (a .gdb folder needs its "
                                  "a0000000*.gdbtable files)",
                                  "不是可读取的 File Geodatabase（.gdb 文件夹中应有 a0000000*.gdbtable 文件）")) from None
    classes = []
    for name, geometry_type in listed:
        if geometry_type is None:
            continue
        try:
            count = pyogrio.read_info(source, layer=str(name))["features"]
        except Exception:  # listed with 0 features; opening it says what is wrong
            log.warning("cannot count the features of %s in %s", name, path, exc_info=True)
            count = 0
        classes.append(FeatureClass(str(name), str(geometry_type), int(count)))
    if not classes:
        raise DataError(path, say("the geodatabase holds no feature class with geometry",
                                  "该数据库中没有带几何的要素类"))
    return classes
