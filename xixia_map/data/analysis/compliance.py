"""合规性审查 of a whole register: each project's 红线 against the land-use
layer and the control lines (batch.py), as one finding per project (占用耕地,
占用永久基本农田, 涉及生态保护红线, 在城镇开发边界内, the 符合性说明), the
projects that conflict, and the report (XLSX: numbers as numbers, text as
text)."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..atomic_write import atomic_path
from ..spreadsheet_safe import write_xlsx_sheets
from .areas import mu
from .overlay import SiteAnalysis
from .report_tables import SourceNote, method_text
from .roles import DEV_BOUNDARY, ECO_REDLINE, FARMLAND, ROLE_WORDS
from .sentences import INSIDE, OUTSIDE, PARTLY, boundary_status, control_sentences, landuse_sentence

STATUS_WORDS = {INSIDE: ("是", "yes"), OUTSIDE: ("否", "no"), PARTLY: ("部分", "partly")}


@dataclass(frozen=True)
class Finding:
    pid: str
    name: str
    township: str
    site_square_metres: float
    cultivated_square_metres: float | None  # None: no land-use layer was given
    farmland_square_metres: float | None  # None: no 永久基本农田 layer was given
    eco_redline: bool | None  # takes area of the 生态保护红线; None: no layer
    dev_boundary: str | None  # INSIDE / OUTSIDE / PARTLY; None: no layer
    sentences: tuple[str, ...]

    @property
    def conflicts(self) -> bool:
        """Occupies 永久基本农田, touches the 生态保护红线, or lies (partly) outside the 城镇开发边界."""
        return bool(self.farmland_square_metres) or bool(self.eco_redline) or self.dev_boundary in (OUTSIDE, PARTLY)


def sites_of(frame) -> dict[str, object]:
    """The register's 红线 (its polygons) by project id; projects placed only as a point have none."""
    polygons = frame[frame.geom_type.isin(["Polygon", "MultiPolygon"])]
    return {str(pid): geometry for pid, geometry in zip(polygons["pid"], polygons.geometry)}


def _text(value) -> str:
    return "" if value is None or value != value else str(value)


def findings(frame, analyses: dict[str, SiteAnalysis], has_landuse: bool, lang: str = "zh") -> list[Finding]:
    """One Finding per analysed project, in the register's order."""
    rows = frame.set_index(frame["pid"].astype(str))
    out = []
    for pid, analysis in analyses.items():
        farmland, eco, dev = (analysis.control(role) for role in (FARMLAND, ECO_REDLINE, DEV_BOUNDARY))
        said = ([landuse_sentence(analysis, lang)] if has_landuse else []) + control_sentences(analysis, lang)
        out.append(Finding(pid, _text(rows.at[pid, "name"]), _text(rows.at[pid, "township"]),
                           analysis.site_square_metres,
                           analysis.cultivated_square_metres if has_landuse else None,
                           farmland.square_metres if farmland is not None else None,
                           eco.touches if eco is not None else None,
                           boundary_status(analysis, dev) if dev is not None else None, tuple(said)))
    return out


def yes_no(value: bool | None, lang: str = "zh") -> str | None:
    return None if value is None else ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")


def status_words(status: str | None, lang: str = "zh") -> str | None:
    return None if status is None else STATUS_WORDS[status][0 if lang == "zh" else 1]


def column_names(lang: str = "zh") -> tuple[str, str, str, str]:
    """The four columns the register's table and the report add."""
    if lang == "zh":
        return "占用耕地（亩）", "占用永久基本农田（亩）", "涉及生态保护红线", "在城镇开发边界内"
    return "cultivated land taken (mu)", "permanent basic farmland taken (mu)", "touches the ecological red line", \
        "inside the development boundary"


def values(finding: Finding, lang: str = "zh") -> tuple:
    """The four columns' values: 亩 as numbers (None: not reviewed), the rest as words."""
    return (None if finding.cultivated_square_metres is None else mu(finding.cultivated_square_metres),
            None if finding.farmland_square_metres is None else mu(finding.farmland_square_metres),
            yes_no(finding.eco_redline, lang), status_words(finding.dev_boundary, lang))


def report_table(found: list[Finding], lang: str = "zh") -> pd.DataFrame:
    zh = lang == "zh"
    heads = ("项目名称", "乡镇", "红线面积（亩）") if zh else ("project", "township", "red line area (mu)")
    rows = []
    for finding in found:
        row = dict(zip(heads, (finding.name, finding.township, mu(finding.site_square_metres))))
        row.update(zip(column_names(lang), values(finding, lang)))  # 亩 unrounded: the sheet rounds as it shows
        row["存在冲突" if zh else "conflict"] = yes_no(finding.conflicts, lang)
        row["符合性说明" if zh else "findings"] = "\n".join(finding.sentences)
        rows.append(row)
    return pd.DataFrame(rows, columns=list(heads) + list(column_names(lang)) + (
        ["存在冲突", "符合性说明"] if zh else ["conflict", "findings"]))


def notes_table(found: list[Finding], without_redline: int, sources: list[SourceNote], analyses, lang: str = "zh"
                ) -> pd.DataFrame:
    zh = lang == "zh"
    conflicts = sum(f.conflicts for f in found)
    lines = [("审查范围" if zh else "scope",
              f"{len(found)} 个有红线的项目，其中 {conflicts} 个存在冲突；{without_redline} 个项目尚无红线（只有点位），未审查" if zh
              else f"{len(found)} projects with a red line, {conflicts} of them in conflict; {without_redline} "
                   "projects have no red line yet (a point only) and were not reviewed"),
             ("冲突" if zh else "conflict",
              "占用永久基本农田、涉及生态保护红线或（部分）位于城镇开发边界外" if zh else
              "takes permanent basic farmland, touches the ecological red line, or lies (partly) outside the "
              "urban development boundary")]
    first = next(iter(analyses.values()), None)
    if first is not None:
        lines.append(("计算方法" if zh else "method", method_text(first, lang)))
    for note in sources:
        role = ROLE_WORDS[note.role][0 if zh else 1]
        lines.append(("数据来源" if zh else "source", f"{role}：{note.name}（{note.path}，{note.date}，{note.crs}）" if zh
                      else f"{role}: {note.name} ({note.path}, {note.date}, {note.crs})"))
    return pd.DataFrame(lines, columns=["项目", "内容"] if zh else ["item", "text"])


def write_compliance_xlsx(found: list[Finding], without_redline: int, sources: list[SourceNote], analyses, out,
                          lang: str = "zh") -> None:
    zh = lang == "zh"
    tables = {("合规性审查" if zh else "compliance"): report_table(found, lang),
              ("说明" if zh else "notes"): notes_table(found, without_redline, sources, analyses, lang)}
    with atomic_path(out) as tmp:
        write_xlsx_sheets(tables, tmp)
