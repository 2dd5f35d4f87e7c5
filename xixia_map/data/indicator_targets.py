"""Targets against actuals, where the county documents give both.

Each side is the documents' own words, quoted from an indicator's source
sentence (the test checks every quote is there), so the comparison invents
nothing. Where the target and the actual come from different documents, and
so perhaps different years, the pair says so.
"""
from __future__ import annotations

from dataclasses import dataclass

from .indicators import Indicator


@dataclass(frozen=True)
class TargetPair:
    key: str
    title_zh: str
    title_en: str
    target_id: str       # the indicator whose sentence holds the target
    target_quote: str
    target_zh: str
    target_en: str
    actual_id: str       # the indicator whose sentence holds the actual
    actual_quote: str
    actual_zh: str
    actual_en: str
    met: bool | None     # None: the two cannot be compared as they stand
    note_zh: str
    note_en: str


PAIRS = (
    TargetPair("key_projects", "省市重点项目完成投资", "Key-project investment",
               "key_project_plan_completion", "年度计划", "年度计划（100%）", "annual plan (100%)",
               "key_project_plan_completion", "完成投资占年度计划的143%", "143%（截至11月底）", "143% (to end of November)",
               True, "超出年度计划43个百分点", "43 points above the annual plan"),
    TargetPair("water_class", "国省市控断面水质", "Monitoring-section water quality",
               "water_attainment", "超过规划的三类标准", "规划：三类标准", "plan: class III",
               "water_attainment", "提升至二类标准", "二类标准，达标率100%", "class II, 100% attained",
               True, "优于规划一个类别", "one class better than planned"),
    TargetPair("business_env", "营商环境", "Business environment",
               "business_env_target", "确保营商环境评价全市第一、全省先进", "全市第一、全省先进",
               "1st in the city, advanced in Henan",
               "business_env_rank", "营商环境跃升至全省第13名", "全省第13名", "13th in Henan",
               None, "目标与实绩出自两份文件，未必同一年",
               "from two documents, perhaps not the same year"),
)


def target_pairs(indicators: dict[str, Indicator]) -> list[TargetPair]:
    """The pairs whose indicators are all loaded."""
    return [p for p in PAIRS if p.target_id in indicators and p.actual_id in indicators]
