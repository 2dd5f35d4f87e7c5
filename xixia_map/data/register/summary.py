"""The register as figures: filtered by lifecycle stage, level, township and
type, with totals (count, 总投资, 年度计划, 完成, 完成率) that follow the filter.

The stage and the level are classes of the ledger's own words (words.py): a
filter on 在建 takes the projects whose 建设状态 says 续建 or 新开工 too."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .words import STAGES, LEVEL_CLASSES, level_of, stage_of

FILTER_FIELDS = ("stage", "level", "township", "category")
# Filters on a class of words: the column read, and how its words are classed.
_CLASSED = {"stage": ("status", stage_of, STAGES), "level": ("level", level_of, LEVEL_CLASSES)}


def column(frame, field: str) -> pd.Series | None:
    """The values a filter compares: the column itself, or its words' classes."""
    source, class_of, _order = _CLASSED.get(field, (field, None, ()))
    if source not in frame:
        return None
    values = frame[source].astype(object)
    return values.map(lambda v: class_of(v) if isinstance(v, str) else None) if class_of else values


@dataclass(frozen=True)
class Totals:
    count: int
    total: float
    annual_plan: float
    completed: float

    @property
    def completion(self) -> float | None:
        """完成率: completed against the annual plan, as the county reports it."""
        return self.completed / self.annual_plan if self.annual_plan else None

    def figures(self) -> dict[str, str]:
        """The totals as display text (万元 with thousands separators), for a
        translatable sentence such as "{n} 个项目 · 总投资 {total} 万元 …"."""
        rate = f"{self.completion:.0%}" if self.completion is not None else "—"
        return {"n": str(self.count), "total": f"{self.total:,.0f}", "plan": f"{self.annual_plan:,.0f}",
                "done": f"{self.completed:,.0f}", "rate": rate}


def filtered(frame, pids=None, **choices) -> pd.DataFrame:
    """Rows matching every chosen value (None: any); `pids`: only these projects
    (合规性审查's conflicts), by the register's pid or the map layer's id."""
    keep = np.ones(len(frame), dtype=bool)
    if pids is not None:
        keep &= frame["pid" if "pid" in frame else "id"].astype(str).isin(pids).to_numpy()
    for field, value in choices.items():
        if field in FILTER_FIELDS and value is not None:
            values = column(frame, field)
            keep &= (values == value).to_numpy() if values is not None else False
    return frame[keep]


def totals(frame) -> Totals:
    def money(column):
        return float(pd.to_numeric(frame[column], errors="coerce").fillna(0).sum()) if column in frame else 0.0

    return Totals(len(frame), money("total"), money("annual_plan"), money("completed"))


def choices(frame, field: str) -> list[str]:
    """The values present, classes in their order (谋划储备 … 投产运营, then 其他)."""
    values = column(frame, field)
    if values is None:
        return []
    present = {str(v) for v in values.dropna() if str(v)}
    order = _CLASSED.get(field, (None, None, ()))[2]
    return [v for v in order if v in present] + sorted(present - set(order))
