"""A site analysis as the tables of a 用地预审 report (地类 by 三大类, control
lines, the 符合性说明 and the sources), for XLSX and the sheet; numbers stay
numbers, text stays text (spreadsheet_safe.py)."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import shapely

from ..atomic_write import atomic_path
from ..spreadsheet_safe import write_xlsx_sheets
from .areas import METHOD_EN, METHOD_ZH, hectares, mu
from .classes import MAIN_CLASS_EN, MAIN_CLASSES
from .overlay import TBMJ_RATIO, SiteAnalysis
from .roles import ROLE_WORDS
from .sentences import control_sentences, landuse_sentence


@dataclass(frozen=True)
class SourceNote:
    role: str
    name: str  # the layer as the planner named it
    path: str
    date: str  # the file's modification date, as the best date a file gives
    crs: str  # in words


def landuse_table(analysis: SiteAnalysis, lang: str = "zh") -> pd.DataFrame:
    zh = lang == "zh"
    rows = []
    for main in MAIN_CLASSES + ("未归类",):
        members = [r for r in analysis.rows if r.main == main]
        if not members:
            continue
        total = sum(r.square_metres for r in members)
        rows.append(_row(main if zh else MAIN_CLASS_EN[main], "", "", total, analysis, zh))
        rows += [_row("", r.code, r.name, r.square_metres, analysis, zh) for r in members]
    if analysis.uncovered_square_metres > 0.005:
        rows.append(_row("无地类图斑覆盖" if zh else "not covered by any parcel", "", "",
                         analysis.uncovered_square_metres, analysis, zh))
    rows.append(_row("合计" if zh else "total", "", "", analysis.site_square_metres, analysis, zh))
    return pd.DataFrame(rows)


def landuse_pieces(analysis: SiteAnalysis, site) -> list:
    """The site's pieces behind each row of landuse_table, in its order, in
    degrees (for the map): a 三大类's its classes', a class's its own, the part no
    parcel covers, and the whole site for 合计."""
    from .overlay import to_degrees, to_plane

    plane = analysis.plane

    def joined(pieces):
        return to_degrees(shapely.union_all(pieces), plane) if pieces else None

    out = []
    for main in MAIN_CLASSES + ("未归类",):
        members = [r for r in analysis.rows if r.main == main]
        if members:
            out.append(joined([p for r in members for p in r.pieces]))
            out += [joined(r.pieces) for r in members]
    if analysis.uncovered_square_metres > 0.005:
        covered = shapely.union_all([p for r in analysis.rows for p in r.pieces])
        out.append(to_degrees(to_plane(site, plane).difference(covered), plane))
    out.append(site)
    return out


def control_pieces(analysis: SiteAnalysis) -> list:
    """The site's area inside each control line, in control_table's order, in degrees."""
    from .overlay import to_degrees

    return [to_degrees(c.pieces, analysis.plane) if c.pieces is not None else None for c in analysis.controls]


def _row(group, code, name, square_metres, analysis, zh):
    share = square_metres / analysis.site_square_metres if analysis.site_square_metres else 0.0
    if zh:
        return {"三大类": group, "地类编码": code, "地类名称": name, "面积（平方米）": round(square_metres, 2),
                "面积（公顷）": round(hectares(square_metres), 4), "面积（亩）": round(mu(square_metres), 2),
                "占比": round(share, 6)}
    return {"class": group, "code": code, "name": name, "area (m²)": round(square_metres, 2),
            "area (ha)": round(hectares(square_metres), 4), "area (mu)": round(mu(square_metres), 2),
            "share": round(share, 6)}


def control_table(analysis: SiteAnalysis, lang: str = "zh") -> pd.DataFrame:
    zh = lang == "zh"
    rows = []
    for result in analysis.controls:
        words = ROLE_WORDS[result.role][0 if zh else 1]
        if zh:
            rows.append({"控制线": words, "涉及": "是" if result.touches else "否",
                         "面积（平方米）": round(result.square_metres, 2),
                         "面积（公顷）": round(hectares(result.square_metres), 4),
                         "面积（亩）": round(mu(result.square_metres), 2), "占项目用地比例": round(result.share, 6)})
        else:
            rows.append({"control line": words, "touched": "yes" if result.touches else "no",
                         "area (m²)": round(result.square_metres, 2), "area (ha)": round(hectares(result.square_metres), 4),
                         "area (mu)": round(mu(result.square_metres), 2), "share of the site": round(result.share, 6)})
    return pd.DataFrame(rows)


def method_text(analysis: SiteAnalysis, lang: str = "zh") -> str:
    base = METHOD_ZH if lang == "zh" else METHOD_EN
    if analysis.method == TBMJ_RATIO:
        return base + ("；地类面积按图斑面积（TBMJ）比例分摊" if lang == "zh" else
                       "; class areas share each parcel's recorded TBMJ by the piece's share of the parcel")
    return base + ("；叠加在 2000 国家大地坐标系 3 度带高斯-克吕格平面上进行" if lang == "zh" else
                   "; overlaid in the CGCS2000 3° Gauss-Krüger plane")


def notes_table(analysis: SiteAnalysis, sources: list[SourceNote], title: str, lang: str = "zh") -> pd.DataFrame:
    zh = lang == "zh"
    lines = [(("项目" if zh else "site"), title), (("地类" if zh else "land use"), landuse_sentence(analysis, lang))]
    lines += [(("符合性说明" if zh else "finding"), text) for text in control_sentences(analysis, lang)]
    lines.append((("计算方法" if zh else "method"), method_text(analysis, lang)))
    for note in sources:
        role = ROLE_WORDS[note.role][0 if zh else 1]
        lines.append((("数据来源" if zh else "source"),
                      f"{role}：{note.name}（{note.path}，{note.date}，{note.crs}）" if zh else
                      f"{role}: {note.name} ({note.path}, {note.date}, {note.crs})"))
    return pd.DataFrame(lines, columns=["项目", "内容"] if zh else ["item", "text"])


def write_analysis_xlsx(analysis: SiteAnalysis, sources: list[SourceNote], title: str, out, lang: str = "zh") -> None:
    zh = lang == "zh"
    tables = {("说明" if zh else "summary"): notes_table(analysis, sources, title, lang),
              ("地类" if zh else "land use"): landuse_table(analysis, lang)}
    if analysis.controls:
        tables["控制线" if zh else "control lines"] = control_table(analysis, lang)
    with atomic_path(out) as tmp:
        write_xlsx_sheets(tables, tmp)
