"""The register by township: how many projects each township has, their 总投资,
年度计划投资 and 完成投资 (万元) and 完成率, for the 按乡镇统计 table and its XLSX.

A project's township is found from where it is, in the boundary layer given the
township role (XZQ): the township holding its point, or, for a 红线, the one
holding most of it (a 红线 across a boundary says so, with the share). A
project not placed on the map, or outside every boundary, takes the township
its ledger's 所在乡镇 names; so do all projects when no boundary layer is given
(the app bundles the county's township seats, not their boundaries: a
boundary drawn from seats would be invented). The ledger's words are matched
to the townships' names (回车, 西峡县回车镇 and 回车镇 are 回车镇); where the map
and the ledger disagree the project list says so."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ...paths import GEODATA_DIR
from ..atomic_write import atomic_path
from ..errors import DataError
from ..messages import say
from ..spreadsheet_safe import write_xlsx_sheets
from .inputs import NAME_FIELDS
from .overlay import plane_for, to_plane
from .report_tables import SourceNote

POINT, REDLINE, REDLINE_SPLIT, LEDGER, UNKNOWN = "point", "redline", "redline_split", "ledger", "unknown"
HOW_WORDS = {POINT: ("按点位", "by its point"), REDLINE: ("按红线", "by its red line"),
             REDLINE_SPLIT: ("红线跨乡镇，按占地最多的乡镇", "red line across townships: the one with most of it"),
             LEDGER: ("按台账所填乡镇", "by the ledger's township"), UNKNOWN: ("未能确定", "not known")}
UNKNOWN_TOWNSHIP = ("未能确定乡镇", "township not known")
_SUFFIXES = ("街道办事处", "街道", "镇", "乡")
MONEY = ("total", "annual_plan", "completed")


@dataclass(frozen=True)
class Placement:
    pid: str
    name: str
    ledger: str  # the ledger's 所在乡镇, as written
    township: str | None  # the township counted
    how: str  # POINT, REDLINE, REDLINE_SPLIT, LEDGER or UNKNOWN
    share: float | None  # of the 红线 inside that township
    disagrees: bool  # placed in one township, the ledger names another


@lru_cache(maxsize=1)
def bundled_townships() -> tuple[str, ...]:
    """The county's 19 townships and 街道, in the bundled order (街道 first)."""
    with open(GEODATA_DIR / "townships.geojson", encoding="utf-8") as handle:
        return tuple(f["properties"]["name_zh"] for f in json.load(handle)["features"])


def _stem(name: str) -> str:
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def ledger_township(text, names) -> str | None:
    """The township of `names` a ledger's words name (the first mentioned)."""
    if text is None or text != text or not str(text).strip():
        return None
    text = str(text)
    found = [(text.find(_stem(n)), n) for n in names if _stem(n) and _stem(n) in text]
    return min(found)[1] if found else None


def boundaries_by_name(frame: gpd.GeoDataFrame, source: str = "") -> gpd.GeoDataFrame:
    """One polygon per township name (a township stored in parts is joined), in the layer's order."""
    field = next((f for f in NAME_FIELDS if f in frame.columns), None)
    if field is None:
        raise DataError(source or None, say("has no name field (XZQMC, 名称 …) to name the townships",
                                            "没有乡镇名称字段（XZQMC、名称 等）"))
    frame = frame[frame.geometry.notna() & frame.geom_type.isin(["Polygon", "MultiPolygon"])]
    names = frame[field].astype(str).str.strip()
    order = list(dict.fromkeys(names))
    joined = [shapely.union_all(frame.geometry.values[(names == n).to_numpy()]) for n in order]
    return gpd.GeoDataFrame({"name": order}, geometry=joined, crs=4326)


def place_projects(register: pd.DataFrame, boundaries: gpd.GeoDataFrame | None) -> list[Placement]:
    """Each project's township: from `boundaries` (one row per name, lon/lat) where it is placed, else its ledger's."""
    names = list(dict.fromkeys((list(boundaries["name"]) if boundaries is not None else []) + list(bundled_townships())))
    geometry_name = register.geometry.name if isinstance(register, gpd.GeoDataFrame) else None
    planes: dict[int, np.ndarray] = {}
    out = []
    for _, row in register.iterrows():
        ledger_text = row.get("township")
        ledger_text = "" if ledger_text is None or ledger_text != ledger_text else str(ledger_text)
        by_ledger = ledger_township(ledger_text, names)
        township, how, share = None, UNKNOWN, None
        geometry = row[geometry_name] if geometry_name else None
        if boundaries is not None and geometry is not None and not geometry.is_empty:
            township, how, share = _by_position(geometry, boundaries, planes)
        if township is None and by_ledger is not None:
            township, how = by_ledger, LEDGER
        disagrees = how not in (LEDGER, UNKNOWN) and by_ledger is not None and by_ledger != township
        out.append(Placement(str(row.get("pid", "")), str(row.get("name", "") or ""), ledger_text, township, how,
                             share, disagrees))
    return out


def _by_position(geometry, boundaries, planes):
    hits = boundaries.sindex.query(geometry, predicate="intersects")
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        plane = plane_for(geometry)
        if plane not in planes:
            planes[plane] = to_plane(boundaries.geometry.values, plane)
        site = to_plane(geometry, plane)
        areas = {int(i): shapely.intersection(planes[plane][i], site).area for i in hits}
        areas = {i: a for i, a in areas.items() if a > 0}
        if not areas:
            return None, UNKNOWN, None
        best = max(areas, key=areas.__getitem__)
        share = areas[best] / site.area if site.area else 1.0
        return boundaries["name"].iloc[best], (REDLINE if share > 1 - 1e-9 else REDLINE_SPLIT), share
    point = geometry if geometry.geom_type == "Point" else geometry.representative_point()
    inside = [int(i) for i in hits if boundaries.geometry.values[i].covers(point)]
    if not inside:
        return None, UNKNOWN, None
    return boundaries["name"].iloc[min(inside)], POINT, None


def _money(register: pd.DataFrame, column: str) -> np.ndarray:
    if column not in register:
        return np.zeros(len(register))
    return pd.to_numeric(register[column], errors="coerce").fillna(0.0).to_numpy(float)


def township_table(register: pd.DataFrame, placements: list[Placement], names, lang: str = "zh") -> pd.DataFrame:
    """One row per township (every one of `names`, with or without projects), then
    the projects whose township is not known, then 合计."""
    zh = lang == "zh"
    money = {c: _money(register, c) for c in MONEY}
    counted = np.array([p.township or "" for p in placements], dtype=object)
    located = np.array([p.how in (POINT, REDLINE, REDLINE_SPLIT) for p in placements], dtype=bool)
    rows = []

    def row(label, mask):
        plan, done = float(money["annual_plan"][mask].sum()), float(money["completed"][mask].sum())
        values = [label, int(mask.sum()), int((mask & located).sum()), float(money["total"][mask].sum()), plan,
                  done, round(done / plan, 6) if plan else None]
        headers = (["乡镇", "项目数", "其中按位置确定", "总投资（万元）", "年度计划投资（万元）", "完成投资（万元）", "完成率"]
                   if zh else ["township", "projects", "placed by position", "total investment (10,000 yuan)",
                               "planned this year (10,000 yuan)", "completed (10,000 yuan)", "completion"])
        rows.append(dict(zip(headers, values)))

    listed = list(names) + sorted({t for t in counted if t and t not in set(names)})
    for name in listed:
        row(name, counted == name)
    unknown = counted == ""
    if unknown.any():
        row(UNKNOWN_TOWNSHIP[0 if zh else 1], unknown)
    row("合计" if zh else "total", np.ones(len(placements), dtype=bool))
    return pd.DataFrame(rows)


def project_table(register: pd.DataFrame, placements: list[Placement], lang: str = "zh") -> pd.DataFrame:
    zh = lang == "zh"
    money = {c: _money(register, c) for c in MONEY}
    rows = []
    for n, p in enumerate(placements):
        values = [p.pid, p.name, p.ledger, p.township or UNKNOWN_TOWNSHIP[0 if zh else 1],
                  HOW_WORDS[p.how][0 if zh else 1], round(p.share, 6) if p.share is not None else None,
                  ("是" if zh else "yes") if p.disagrees else ("否" if zh else "no"),
                  float(money["total"][n]), float(money["completed"][n])]
        headers = (["项目编号", "项目名称", "台账所填乡镇", "统计所用乡镇", "确定方式", "红线在该乡镇内比例",
                    "位置与台账不符", "总投资（万元）", "完成投资（万元）"] if zh else
                   ["id", "project", "ledger's township", "township counted", "how", "share of the red line inside",
                    "position and ledger disagree", "total investment (10,000 yuan)", "completed (10,000 yuan)"])
        rows.append(dict(zip(headers, values)))
    return pd.DataFrame(rows)


def notes_table(placements: list[Placement], source: SourceNote | None, lang: str = "zh") -> pd.DataFrame:
    zh = lang == "zh"
    counts = {how: sum(p.how == how for p in placements) for how in HOW_WORDS}
    split = counts[REDLINE_SPLIT]
    if zh:
        lines = [("统计方法", "项目按其点位或红线所在乡镇统计（红线跨乡镇的，计入占地最多的乡镇）；未落图或不在任何乡镇界线内的项目，"
                              "按台账所填乡镇统计。" if source else
                  "未指定乡镇界线图层：项目按台账“所在乡镇”统计（台账用词与全县 19 个乡镇、街道名称对照）。"),
                 ("乡镇界线", f"{source.name}（{source.path}，{source.date}，{source.crs}）" if source else "无"),
                 ("项目数", f"共 {len(placements)} 个：" + "，".join(f"{HOW_WORDS[h][0]} {c} 个" for h, c in counts.items() if c))]
        if split:
            lines.append(("提示", f"{split} 个项目的红线跨乡镇界线，详见“项目”表。"))
        disagree = sum(p.disagrees for p in placements)
        if disagree:
            lines.append(("提示", f"{disagree} 个项目的位置与台账所填乡镇不一致，详见“项目”表。"))
        return pd.DataFrame(lines, columns=["项目", "内容"])
    lines = [("method", "projects are counted in the township their point or red line lies in (a red line across "
                        "townships in the one holding most of it); projects not placed, or outside every boundary, "
                        "by the ledger's township." if source else
              "no township boundary layer: projects are counted by the ledger's township, matched to the county's "
              "19 township names."),
             ("boundaries", f"{source.name} ({source.path}, {source.date}, {source.crs})" if source else "none"),
             ("projects", f"{len(placements)}: " + ", ".join(f"{HOW_WORDS[h][1]} {c}" for h, c in counts.items() if c))]
    return pd.DataFrame(lines, columns=["item", "text"])


@dataclass
class TownshipStats:
    by_township: pd.DataFrame
    projects: pd.DataFrame
    notes: pd.DataFrame

    def write_xlsx(self, out, lang: str = "zh") -> None:
        zh = lang == "zh"
        with atomic_path(out) as tmp:
            write_xlsx_sheets({("按乡镇" if zh else "by township"): self.by_township,
                               ("项目" if zh else "projects"): self.projects,
                               ("说明" if zh else "notes"): self.notes}, tmp)


def township_stats(register: pd.DataFrame, boundaries: gpd.GeoDataFrame | None, source: SourceNote | None = None,
                   lang: str = "zh") -> TownshipStats:
    """The register by township; `boundaries`: the township layer's polygons in
    lon/lat (any name field NAME_FIELDS knows), or None to go by the ledger."""
    joined = boundaries_by_name(boundaries, source.path if source else "") if boundaries is not None else None
    placements = place_projects(register, joined)
    names = list(joined["name"]) if joined is not None else list(bundled_townships())
    return TownshipStats(township_table(register, placements, names, lang), project_table(register, placements, lang),
                         notes_table(placements, source, lang))
