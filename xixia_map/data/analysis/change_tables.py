"""A land-use comparison (change.py) as tables: the 转移矩阵 (rows: the before
year's classes, columns: the after year's; in 公顷 or 亩; by 二级类, 一级类 or
三大类), the list of transitions, the notes, the 变化图斑 with their fields, and
all of it as XLSX (numbers as numbers, spreadsheet_safe.py)."""
from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from ..atomic_write import atomic_path
from ..sandiao import land_classes
from ..spreadsheet_safe import write_xlsx_sheets
from .areas import METHOD_EN, METHOD_ZH, hectares, mu
from .change import NOISE_M2, LandChange
from .classes import MAIN_CLASS_EN, MAIN_CLASSES, UNCLASSED, is_cultivated, main_class

CODE, FIRST, MAIN = "code", "first", "main"
LEVEL_WORDS = {CODE: ("二级类", "second-level classes"), FIRST: ("一级类", "first-level classes"),
               MAIN: ("三大类", "three main classes")}
HECTARES, MU = "ha", "mu"
UNIT_WORDS = {HECTARES: ("公顷", "ha"), MU: ("亩", "mu")}
NO_DATA_WORDS = ("无数据", "no data")
BOUNDARY_WORDS = ("边界调整", "boundary adjustment")
TOTAL_WORDS = ("合计", "total")


@dataclass(frozen=True)
class SourceWords:
    before: str  # the layers as the planner knows them (title, or file::layer)
    after: str


def _key(code: str, level: str) -> str:
    if level == CODE:
        return code
    if level == FIRST:
        return code[:2]
    return main_class(code)


def _label(key: str, level: str, names: dict, lang: str) -> str:
    if level == MAIN:
        return key if lang == "zh" else MAIN_CLASS_EN.get(key, key)
    if not key:
        return "（无地类编码）" if lang == "zh" else "(no class code)"
    if level == FIRST:
        found = land_classes().get(key)
        return f"{key} {found.name}" if found else key
    return f"{key} {names.get(key, '')}".strip()


def _order(keys, level: str) -> list[str]:
    if level == MAIN:
        return sorted(keys, key=lambda k: (MAIN_CLASSES + (UNCLASSED,)).index(k) if k in MAIN_CLASSES + (UNCLASSED,)
                      else 9)
    return sorted(keys)


def _convert(square_metres: float, unit: str) -> float:
    return hectares(square_metres) if unit == HECTARES else mu(square_metres)


def matrix_m2(change: LandChange, level: str = CODE) -> tuple[list[str], pd.DataFrame]:
    """The matrix in m² keyed by class (rows from, columns to), with a 无数据
    column and row where the layers' coverage differs and a 边界调整 row where
    slivers under the tolerance were kept on the diagonal (change.py); no
    totals. The list: the classes in order."""
    keys = _order({_key(c, level) for c in change.codes}, level)
    frame = pd.DataFrame(0.0, index=keys, columns=keys)
    for (f, t), area in change.pairs.items():
        frame.loc[_key(f, level), _key(t, level)] += area
    for (f, t), area in change.slivers.items():  # kept with the before class
        frame.loc[_key(f, level), _key(t, level)] -= area
        frame.loc[_key(f, level), _key(f, level)] += area
    lost = pd.Series(0.0, index=keys)
    for code, area in change.no_data_after().items():
        lost[_key(code, level)] += area
    if (lost.abs() > NOISE_M2).any():
        frame["·nodata"] = lost
    rows = []
    boundary = pd.Series(0.0, index=frame.columns)
    for code, area in change.boundary().items():
        boundary[_key(code, level)] += area
    if change.slivers:
        rows.append(boundary.rename("·boundary"))
    gained = pd.Series(0.0, index=frame.columns)
    for code, area in change.no_data_before().items():
        gained[_key(code, level)] += area
    if (gained.abs() > NOISE_M2).any():
        rows.append(gained.rename("·nodata"))
    if rows:
        frame = pd.concat([frame, pd.DataFrame(rows)])
    return keys, frame.fillna(0.0)


def matrix_table(change: LandChange, level: str = CODE, unit: str = HECTARES, lang: str = "zh") -> pd.DataFrame:
    """The 转移矩阵 as shown and written: the first column names the before
    class, then one column per after class, 无数据, and 合计 (the before year's
    class area); the last row 合计 (the after year's class areas)."""
    zh = lang == "zh"
    keys, frame = matrix_m2(change, level)
    frame = frame.copy()
    frame["·total"] = frame.sum(axis=1)
    frame.loc["·total"] = frame.sum(axis=0)
    words = {"·nodata": NO_DATA_WORDS[0 if zh else 1], "·boundary": BOUNDARY_WORDS[0 if zh else 1],
             "·total": TOTAL_WORDS[0 if zh else 1]}

    def label(key):
        return words.get(key) or _label(key, level, change.names, lang)

    out = frame.map(lambda v: _convert(v, unit))
    out.index = [label(k) for k in frame.index]
    out.columns = [label(k) for k in frame.columns]
    out.insert(0, ("前期＼后期" if zh else "before \\ after"), out.index)
    return out.reset_index(drop=True)


def transitions_table(change: LandChange, level: str = CODE, lang: str = "zh") -> pd.DataFrame:
    """Each change of class beyond the tolerance, largest first."""
    zh = lang == "zh"
    sums: dict = {}
    for (f, t), area in change.changed().items():
        key = (_key(f, level), _key(t, level))
        if key[0] != key[1]:
            sums[key] = sums.get(key, 0.0) + area
    rows = []
    for (f, t), area in sorted(sums.items(), key=lambda item: -item[1]):
        if area <= NOISE_M2:
            continue
        rows.append({("原地类" if zh else "from"): _label(f, level, change.names, lang),
                     ("现地类" if zh else "to"): _label(t, level, change.names, lang),
                     ("面积（平方米）" if zh else "area (m²)"): round(area, 2),
                     ("面积（公顷）" if zh else "area (ha)"): round(hectares(area), 4),
                     ("面积（亩）" if zh else "area (mu)"): round(mu(area), 2)})
    return pd.DataFrame(rows, columns=["原地类", "现地类", "面积（平方米）", "面积（公顷）", "面积（亩）"] if zh else
                        ["from", "to", "area (m²)", "area (ha)", "area (mu)"])


def method_text(change: LandChange, lang: str = "zh") -> str:
    if lang == "zh":
        return (f"{METHOD_ZH}；两期图斑在 2000 国家大地坐标系 3 度带高斯-克吕格平面上精确叠加；"
                f"地类不同但宽度小于 {change.tolerance:g} 米的碎片视为边界调整，不计为变化图斑，其面积保留在原地类，"
                "并在“边界调整”行中列出各地类的净增减，使各行、各列合计分别等于前、后两期的地类面积")
    return (f"{METHOD_EN}; the two years' parcels overlaid exactly in the CGCS2000 3° Gauss-Krüger plane; "
            f"pieces of a different class narrower than {change.tolerance:g} m are boundary adjustments, not changes: "
            "their area stays with the before class, and the 边界调整 row gives each class's net gain from them, so "
            "rows and columns add up to the two years' class areas")


def notes_table(change: LandChange, sources: SourceWords, lang: str = "zh") -> pd.DataFrame:
    zh = lang == "zh"
    changed = sum(v for (f, t), v in change.changed().items())
    count = len(change.changes) if change.changes is not None else 0
    lines = [("前期图层" if zh else "before", sources.before), ("后期图层" if zh else "after", sources.after),
             ("变化面积" if zh else "changed area",
              f"{hectares(changed):,.4f} 公顷（{mu(changed):,.2f} 亩），变化图斑 {count} 个" if zh else
              f"{hectares(changed):,.4f} ha ({mu(changed):,.2f} mu), {count} changed pieces"),
             ("容差" if zh else "tolerance", f"{change.tolerance:g} 米" if zh else f"{change.tolerance:g} m"),
             ("计算方法" if zh else "method", method_text(change, lang))]
    if change.overlaps:
        lines.append(("注意" if zh else "note", "图层中有相互重叠的图斑，重叠部分被重复计算，无数据行/列出现负值" if zh else
                      "a layer has overlapping parcels: their overlap is counted twice and 无数据 comes out negative"))
    return pd.DataFrame(lines, columns=["项目", "内容"] if zh else ["item", "text"])


def transition_group(from_code: str, to_code: str) -> str:
    """A transition as a legend names it: 耕地, the 一级类 of other agricultural
    land, 建设用地 or 未利用地, on each side (耕地→建设用地, 林地→耕地 …)."""
    return f"{_group(from_code)}→{_group(to_code)}"


def _group(code: str) -> str:
    if is_cultivated(code):
        return "耕地"
    main = main_class(code)
    if main == "农用地":
        found = land_classes().get(str(code)[:2])
        return found.name if found else main
    return main


def changes_frame(change: LandChange) -> gpd.GeoDataFrame:
    """The 变化图斑 with their fields, largest first: 原/现地类编码 and 名称, 变化类型
    (transition_group) and the area in 平方米, 公顷 and 亩."""
    frame = change.changes
    assert frame is not None, "compare_land_use sets the changes"
    froms, tos = frame["from"].astype(str).to_numpy(), frame["to"].astype(str).to_numpy()
    area = frame["m2"].to_numpy(dtype=float)
    out = gpd.GeoDataFrame({
        "原地类编码": froms, "原地类名称": [change.names.get(c, c) for c in froms],
        "现地类编码": tos, "现地类名称": [change.names.get(c, c) for c in tos],
        "变化类型": [transition_group(f, t) for f, t in zip(froms, tos)],
        "面积_平方米": np.round(area, 2), "面积_公顷": np.round(area / 10_000, 4), "面积_亩": np.round(mu(area), 2),
    }, geometry=frame.geometry.values, crs=4326)
    return out.iloc[np.argsort(-area, kind="stable")].reset_index(drop=True)


def write_change_xlsx(change: LandChange, sources: SourceWords, out, lang: str = "zh", level: str = CODE) -> None:
    zh = lang == "zh"
    tables = {("说明" if zh else "summary"): notes_table(change, sources, lang)}
    for unit in (HECTARES, MU):
        tables[(f"转移矩阵（{UNIT_WORDS[unit][0]}）" if zh else f"matrix ({UNIT_WORDS[unit][1]})")] = \
            matrix_table(change, level, unit, lang)
    if level != MAIN:
        main = "转移矩阵（三大类，公顷）" if zh else "matrix (main classes, ha)"
        tables[main] = matrix_table(change, MAIN, HECTARES, lang)
    tables["地类变化" if zh else "transitions"] = transitions_table(change, level, lang)
    with atomic_path(out) as tmp:
        write_xlsx_sheets(tables, tmp)
