"""The register as figures: filtered by status, level, township and type, with
totals (count, 总投资, 年度计划, 完成, 完成率) that follow the filter."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

FILTER_FIELDS = ("status", "level", "township", "category")


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


def filtered(frame, **choices) -> pd.DataFrame:
    """Rows matching every chosen value (None: any)."""
    keep = np.ones(len(frame), dtype=bool)
    for field, value in choices.items():
        if field in FILTER_FIELDS and value is not None:
            keep &= (frame[field].astype(object) == value).to_numpy()
    return frame[keep]


def totals(frame) -> Totals:
    def money(column):
        return float(pd.to_numeric(frame[column], errors="coerce").fillna(0).sum()) if column in frame else 0.0

    return Totals(len(frame), money("total"), money("annual_plan"), money("completed"))


def choices(frame, field: str) -> list[str]:
    return sorted({str(v) for v in frame[field].dropna() if str(v)}) if field in frame else []
