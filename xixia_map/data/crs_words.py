"""A coordinate reference system in the words a Chinese planner uses.

EPSG's names are English and terse ("Xian 1980 / 3-degree Gauss-Kruger zone
37"); a planner knows them as 1980西安坐标系 3度带 第37带. The words are built
from the CRS's own EPSG name (pyproj's database), so every Chinese grid EPSG
lists is named, not only the few this county uses; anything else keeps its
EPSG name.
"""
from __future__ import annotations

import re
from functools import lru_cache

from pyproj import CRS

# Datum names as EPSG writes them -> (zh, en). Longest first: "New Beijing" before "Beijing 1954".
DATUMS = (
    ("China Geodetic Coordinate System 2000", "2000国家大地坐标系", "CGCS2000"),
    ("CGCS2000", "2000国家大地坐标系", "CGCS2000"),
    ("New Beijing", "新1954北京坐标系", "New Beijing 1954"),
    ("Beijing 1954", "1954北京坐标系", "Beijing 1954"),
    ("Xian 1980", "1980西安坐标系", "Xian 1980"),
    ("WGS 84", "WGS84", "WGS84"),
)
_ZONE3 = re.compile(r"3-degree Gauss-Kruger zone (\d+)$")
_CM3 = re.compile(r"3-degree Gauss-Kruger CM (\d+)E$")
_ZONE6 = re.compile(r"Gauss-Kruger zone (\d+)$")
_CM6 = re.compile(r"Gauss-Kruger CM (\d+)E$")
_UTM = re.compile(r"UTM zone (\d+)([NS])$")


def _grid(rest: str, zh: bool) -> str | None:
    for pattern, zh_form, en_form in (
            (_ZONE3, "3度带 第{n}带", "3° Gauss-Krüger zone {n}"),
            (_CM3, "3度带 中央经线{n}°E（无带号）", "3° Gauss-Krüger, central meridian {n}°E (no zone prefix)"),
            (_ZONE6, "6度带 第{n}带", "6° Gauss-Krüger zone {n}"),
            (_CM6, "6度带 中央经线{n}°E（无带号）", "6° Gauss-Krüger, central meridian {n}°E (no zone prefix)"),
            (_UTM, "UTM 投影 第{n}带", "UTM zone {n}")):
        match = pattern.search(rest)
        if match:
            return (zh_form if zh else en_form).format(n=match.group(1))
    return None


@lru_cache(maxsize=256)
def _words(key: str, lang: str) -> str:
    crs = CRS.from_user_input(key)
    name, zh = crs.name, lang == "zh"
    for epsg_name, datum_zh, datum_en in DATUMS:
        if not name.startswith(epsg_name):
            continue
        datum = datum_zh if zh else datum_en
        rest = name[len(epsg_name):].strip(" /")
        if not rest:
            return f"{datum} {'经纬度' if zh else 'longitude/latitude'}" if crs.is_geographic else datum
        grid = _grid(rest, zh)
        if grid:
            return f"{datum} {grid}"
        if rest == "Pseudo-Mercator":
            return "Web 墨卡托" if zh else "Web Mercator"
    if name == "WGS 84 / Pseudo-Mercator":
        return "Web 墨卡托" if zh else "Web Mercator"
    return name


def crs_words(crs, lang: str = "zh") -> str:
    """2000国家大地坐标系 3度带 第37带 for EPSG:4525 (English: CGCS2000 3°
    Gauss-Krüger zone 37); an unnamed CRS keeps its own name."""
    if crs is None:
        return "未知坐标系" if lang == "zh" else "unknown CRS"
    key = crs.to_wkt() if isinstance(crs, CRS) else (f"EPSG:{crs}" if isinstance(crs, int) else str(crs))
    if isinstance(crs, CRS) and crs.to_epsg() is not None:
        key = f"EPSG:{crs.to_epsg()}"
    try:
        return _words(key, lang)
    except Exception:  # pyproj's CRSError for text that names no CRS: say it as given
        return str(crs)
