"""The 项目台账 in and out of Excel (XLSX) or CSV, in the layout offices keep.

Chinese headers are matched to the register's fields (fields.py); every other
column is kept, verbatim, as an extra field and written back. A row with
coordinates is placed there, with the precision its digits carry; a row with
only a 所在乡镇 is placed at that township's seat, marked 待落图 with the seat's
own accuracy, so the planner sees what still needs placing. Bad rows are listed
by their line and cause, and the good rows still import. A row is never
refused for its wording: 建设状态 and 级别 keep the ledger's own word, and a
word whose stage is not known (words.py) is named in a notice; money columns
in 元 or 亿元 (said in the header or in the cell) are read as 万元.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

from ..errors import DataError
from ..messages import Text, say
from .fields import (ACCURACY_HEADER, AWAITING, BY_KEY, FIELDS, LAT_HEADERS, LON_HEADERS, PLACEMENT_HEADER,
                     PLACED, match_headers, normalise)
from .words import OTHER, level_of, money_factor, parse_money, stage_of

METRES_PER_DEGREE = 111_320


@dataclass
class LedgerImport:
    frame: gpd.GeoDataFrame
    problems: list[tuple[int, Text]] = field(default_factory=list)  # (line in the sheet, cause)
    notices: list[Text] = field(default_factory=list)  # rows imported, with something the planner should know


def _read(path: Path) -> pd.DataFrame:
    from ..tabular import decode_text, read_bytes

    if path.suffix.lower() in (".xlsx", ".xls"):
        import io

        try:
            return pd.read_excel(io.BytesIO(read_bytes(path)), dtype=object)
        except Exception as exc:  # openpyxl raises many types for damaged workbooks
            raise DataError(path, say(f"cannot read the spreadsheet ({type(exc).__name__})",
                                      f"无法读取电子表格（{type(exc).__name__}）")) from None
    import io

    from ..spreadsheet_safe import unguard_frame

    return unguard_frame(pd.read_csv(io.StringIO(decode_text(path, read_bytes(path))), dtype=str,
                                     keep_default_na=False))


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or str(value).strip() == ""


def _money(value, header_factor):
    """万元 as written: 1,200 and 1200.5 are numbers (in the header's unit),
    1.2亿元 says its own unit, 待定 is not a number (ValueError)."""
    if _blank(value):
        return None
    if isinstance(value, (int, float)):
        return round(float(value) * (header_factor or 1.0), 6)
    return parse_money(str(value), header_factor)


def _decimals_accuracy(text: str) -> float:
    """A coordinate typed with d decimals is good to about half its last digit."""
    decimals = len(text.split(".")[1]) if "." in text else 0
    return max(0.5, 0.5 * 10 ** -decimals * METRES_PER_DEGREE)


def _township_seats():
    from ..catalog import load_catalog
    from ..layers import load_layer
    from ...paths import CATALOG_PATH

    spec = next(s for s in load_catalog(CATALOG_PATH).layers if s.id == "townships")
    layer = load_layer(spec)
    seats = {}
    for _, row in layer.frame.iterrows():
        seats[row["name_zh"]] = (row.geometry, float(row["accuracy_m"]))
        seats[row["name_zh"].rstrip("镇乡街道")] = seats[row["name_zh"]]  # 回车 as well as 回车镇
    return seats


def import_ledger(path) -> LedgerImport:
    path = Path(path)
    table = _read(path)
    found, extras = match_headers(table.columns)
    if "name" not in found:
        raise DataError(path, say("no 项目名称 column: the sheet does not look like a 项目台账",
                                  "没有“项目名称”列，不像项目台账"))
    lon_col = next((c for c in table.columns if normalise(c) in LON_HEADERS), None)
    lat_col = next((c for c in table.columns if normalise(c) in LAT_HEADERS), None)
    seats = _township_seats()
    factors = {key: money_factor(header) for key, header in found.items() if BY_KEY[key].kind == "money"}
    rows, problems, seen = [], [], set()
    unknown: dict[tuple[str, str], list[int]] = {}  # (field, word) -> lines
    for index, record in table.iterrows():
        line = index + 2  # after the header row
        name = "" if _blank(record[found["name"]]) else str(record[found["name"]]).strip()
        if not name:
            problems.append((line, say("no project name", "缺少项目名称")))
            continue
        if name in seen:
            problems.append((line, say(f"duplicate project name '{name}'", f"项目名称“{name}”重复")))
            continue
        row: dict[str, Any] = {"name": name}  # text, numbers, None and (below) a shapely geometry
        bad = None
        for key, header in found.items():
            if key == "name":
                continue
            value = record[header]
            if BY_KEY[key].kind == "money":
                try:
                    row[key] = _money(value, factors.get(key))
                except ValueError:
                    bad = say(f"{BY_KEY[key].header} '{value}' is not a number", f"{BY_KEY[key].header}“{value}”不是数字")
                    break
            elif BY_KEY[key].kind == "date" and not _blank(value):
                row[key] = str(value.date() if hasattr(value, "date") else value).strip()
            else:
                row[key] = None if _blank(value) else str(value).strip()
        for key, class_of in (("status", stage_of), ("level", level_of)):
            if bad is None and row.get(key) and class_of(row[key]) == OTHER:
                unknown.setdefault((key, row[key]), []).append(line)
        geometry, accuracy, placement = None, None, None
        if bad is None and lon_col and lat_col and not _blank(record[lon_col]) and not _blank(record[lat_col]):
            try:
                lon, lat = float(str(record[lon_col]).strip()), float(str(record[lat_col]).strip())
            except ValueError:
                bad = say("the coordinates are not numbers", "坐标不是数字")
            else:
                if not (110.9 <= lon <= 111.95 and 32.9 <= lat <= 33.9):
                    bad = say(f"the coordinates ({lon}, {lat}) are not in Xixia", f"坐标（{lon}，{lat}）不在西峡县内")
                else:
                    geometry = shapely.Point(lon, lat)
                    accuracy = max(_decimals_accuracy(str(record[lon_col]).strip()),
                                   _decimals_accuracy(str(record[lat_col]).strip()))
                    placement = PLACED
        if bad is None and geometry is None:
            township = row.get("township")
            seat = seats.get(township) if township else None
            if seat is None:
                bad = say(f"no coordinates, and the township '{township or ''}' is unknown",
                          f"没有坐标，所在乡镇“{township or ''}”无法识别")
            else:
                geometry, accuracy, placement = seat[0], seat[1], AWAITING
        if bad is not None:
            problems.append((line, bad))
            continue
        seen.add(name)
        row.update(placement=placement, accuracy_m=accuracy, source=f"台账导入：{path.name} 第 {line} 行",
                   extra=json.dumps({str(c): (None if _blank(record[c]) else str(record[c])) for c in extras},
                                    ensure_ascii=False))
        row["geometry"] = geometry
        rows.append(row)
    frame = gpd.GeoDataFrame(rows, geometry="geometry", crs=4326) if rows else \
        gpd.GeoDataFrame({"geometry": []}, geometry="geometry", crs=4326)
    frame.insert(0, "pid", [f"P{i + 1:05d}" for i in range(len(frame))])
    refused = {line for line, _ in problems}
    notices = []
    for (key, word), lines in unknown.items():
        lines = [n for n in lines if n not in refused]
        if not lines:
            continue
        where = "、".join(str(n) for n in lines)
        header = BY_KEY[key].header
        notices.append(say(f"{header} '{word}' is not a word the app knows (rows {', '.join(map(str, lines))}): "
                           f"imported as written, counted as {OTHER} (other)",
                           f"{header}“{word}”不在常用词表中（第 {where} 行）：按原文导入，归为“{OTHER}”"))
    return LedgerImport(frame, problems, notices)


def export_ledger(frame: gpd.GeoDataFrame, out) -> None:
    """The register in the 台账's layout: its fields under their headers, the
    extra columns back as they came, then 经度/纬度, 落图状态 and 位置精度. No
    text becomes a formula (spreadsheet_safe.py)."""
    from ..atomic_write import atomic_path
    from ..spreadsheet_safe import write_csv, write_xlsx

    rows = []
    for _, record in frame.iterrows():
        row = {f.header: record.get(f.key) for f in FIELDS}
        extra = record.get("extra")
        if isinstance(extra, str) and extra:
            row.update(json.loads(extra))
        point = record.geometry
        row.update({"经度": round(point.x, 7), "纬度": round(point.y, 7), PLACEMENT_HEADER: record.get("placement"),
                    ACCURACY_HEADER: record.get("accuracy_m")})
        rows.append(row)
    table = pd.DataFrame(rows)
    out = Path(out)
    with atomic_path(out) as tmp:
        if out.suffix.lower() == ".csv":
            write_csv(table, tmp)
        else:
            write_xlsx(table, tmp, sheet_name="项目台账")
