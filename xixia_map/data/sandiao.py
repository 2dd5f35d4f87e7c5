"""三调 (第三次全国国土调查) symbology: a layer with DLBM (地类编码) or DLMC
(地类名称) is drawn with the standard land-use colours and class names, the
legend lists only the classes present, with their area in 公顷 and 亩.

The colour table is data, in geodata/sandiao/dltb_colours.csv, with its sources
and their agreement in geodata/sandiao/SOURCES.md.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import shapely

from ..paths import GEODATA_DIR
from .measure import SQUARE_METRES_PER_MU

TABLE = GEODATA_DIR / "sandiao" / "dltb_colours.csv"
CODE_FIELDS = ("DLBM", "dlbm", "地类编码")
NAME_FIELDS = ("DLMC", "dlmc", "地类名称")
AREA_FIELDS = ("TBMJ", "tbmj", "图斑面积")  # 图斑面积 in m², as 三调 records it
UNLISTED_COLOUR = "#bdbdbd"


@dataclass(frozen=True)
class LandClass:
    code: str
    name: str
    level: int
    color: str


@lru_cache(maxsize=1)
def land_classes() -> dict[str, LandClass]:
    with open(TABLE, encoding="utf-8", newline="") as fh:
        return {row["code"]: LandClass(row["code"], row["name"], int(row["level"]), row["color"])
                for row in csv.DictReader(fh)}


def _by_name() -> dict[str, LandClass]:
    return {c.name: c for c in land_classes().values()}


def field_of(frame) -> tuple[str, str] | None:
    """('code' or 'name', field) a 三调 layer is classed by, or None."""
    for field in CODE_FIELDS:
        if field in frame.columns:
            return "code", field
    for field in NAME_FIELDS:
        if field in frame.columns:
            return "name", field
    return None


def class_of(value: str, kind: str) -> LandClass | None:
    """A DLBM such as 1104A (养殖坑塘) or 0103K (可调整) takes its base class's
    colour; a first-level code its own; a DLMC is matched by name."""
    value = str(value).strip()
    if kind == "name":
        return _by_name().get(value)
    classes = land_classes()
    for key in (value, value[:4], value[:2]):
        if key in classes:
            return classes[key]
    return None


def areas_m2(frame, area_field: str | None) -> np.ndarray:
    """Per feature: the 图斑面积 field where the data has one, else the area on
    an equal-area projection fitted to the layer (Albers on WGS84: geodesic to a
    few parts in a million at county extent, and one vectorised call however
    many 图斑 there are)."""
    if area_field is not None:
        import pandas as pd

        values = pd.to_numeric(frame[area_field], errors="coerce").to_numpy(dtype=float)
        if np.isfinite(values).all():
            return values
    west, south, east, north = frame.total_bounds
    albers = (f"+proj=aea +lat_1={south:.6f} +lat_2={north:.6f} +lat_0={(south + north) / 2:.6f} "
              f"+lon_0={(west + east) / 2:.6f} +ellps=WGS84 +units=m +no_defs")
    return shapely.area(frame.geometry.to_crs(albers).values)


def sandiao_style(frame, areas: np.ndarray | None = None) -> dict | None:
    """The layer's style with one colour per 三调 class present, or None if the
    layer has no DLBM/DLMC field. `areas`: each feature's area in square metres
    where the caller knows it (a large layer's store, from the source CRS) and the
    frame has no geometry to measure; a 图斑面积 field still comes first."""
    import pandas as pd

    found = field_of(frame)
    if found is None:
        return None
    kind, field = found
    area_field = next((f for f in AREA_FIELDS if f in frame.columns), None)
    if area_field is not None:
        listed = pd.to_numeric(frame[area_field], errors="coerce").to_numpy(dtype=float)
        areas = listed if np.isfinite(listed).all() else areas
    if areas is None:
        areas = areas_m2(frame, None)
    values = frame[field].astype(str).str.strip()
    totals = pd.Series(np.asarray(areas, dtype=float), index=values.to_numpy()).groupby(level=0).sum().to_dict()
    return style_for_totals(kind, field, totals)


def style_for_totals(kind: str, field: str, totals: dict) -> dict:
    """The 三调 style of a layer whose classes (stripped values of `field`, a
    'code' or 'name' field) cover `totals` square metres each."""
    classes = {}
    for value in sorted(totals, key=lambda v: (class_of(v, kind) is None, v)):
        land = class_of(value, kind)
        name = land.name if land else value
        code = value if kind == "code" else (land.code if land else "")
        area = totals[value]
        classes[value] = {"color": land.color if land else UNLISTED_COLOUR,
                          "label_zh": f"{code} {name}".strip(), "label_en": f"{code} {name}".strip(),
                          "area_m2": area,
                          "area_text": f"{area / 10000:,.2f} 公顷 / {area / SQUARE_METRES_PER_MU:,.1f} 亩"}
    return {"stroke": "#8c8c8c", "weight": 0.6, "fill": UNLISTED_COLOUR, "fill_opacity": 0.85,
            "color_by": {"field": field, "values": classes, "scheme": "sandiao"}}
