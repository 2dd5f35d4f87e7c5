"""The 项目台账's fields, as county offices head them in Excel, and the fixed lists."""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    key: str
    header: str  # the header the export writes
    aliases: tuple[str, ...]  # headers an import recognises (normalised)
    kind: str = "text"  # "text", "money" (万元), "date", "choice"
    header_en: str = ""  # the field's name in the English window

FIELDS = (
    Field("name", "项目名称", ("项目名称", "名称", "项目"), header_en="Project"),
    Field("builder", "建设单位", ("建设单位", "业主单位", "责任单位", "项目单位"), header_en="Builder"),
    Field("township", "所在乡镇", ("所在乡镇", "乡镇", "所属乡镇", "建设地点"), header_en="Township"),
    Field("level", "级别", ("级别", "项目级别", "层级"), "choice", "Level"),
    Field("category", "项目类型", ("项目类型", "类型", "行业", "类别"), header_en="Type"),
    Field("total", "总投资（万元）", ("总投资", "计划总投资", "总投资万元"), "money", "Total investment (10,000 yuan)"),
    Field("annual_plan", "年度计划投资（万元）", ("年度计划投资", "年度计划", "年计划投资", "本年计划投资"), "money",
          "Planned this year (10,000 yuan)"),
    Field("completed", "完成投资（万元）", ("完成投资", "累计完成投资", "年度完成投资", "已完成投资"), "money",
          "Completed (10,000 yuan)"),
    Field("status", "建设状态", ("建设状态", "状态", "项目状态", "进展"), "choice", "Status"),
    Field("start", "开工时间", ("开工时间", "开工日期", "计划开工时间"), "date", "Start"),
    Field("end", "竣工时间", ("竣工时间", "竣工日期", "计划竣工时间"), "date", "Completion"),
)
BY_KEY = {f.key: f for f in FIELDS}
STATUSES = ("力争签约", "已签约·前期", "重点对接", "在建", "投产运营", "已竣工")
LEVELS = ("省重点", "市重点", "县重点")
LON_HEADERS = ("经度", "东经", "lon", "lng", "longitude")
LAT_HEADERS = ("纬度", "北纬", "lat", "latitude")
PLACEMENT_HEADER, ACCURACY_HEADER = "落图状态", "位置精度（米）"
PLACED, AWAITING = "已落图", "待落图"


def normalise(header) -> str:
    """A header as matched: no spaces, no unit in brackets, lower case."""
    text = re.sub(r"[（(][^）)]*[）)]", "", str(header))
    return re.sub(r"\s+", "", text).lower()


def match_headers(headers) -> tuple[dict[str, str], list[str]]:
    """field key -> the sheet's header; and the headers kept as extra fields."""
    found, extra = {}, []
    for header in headers:
        key = normalise(header)
        field = next((f for f in FIELDS if f.key not in found and key in map(normalise, f.aliases)), None)
        if field is not None:
            found[field.key] = header
        elif key not in map(normalise, LON_HEADERS + LAT_HEADERS + (PLACEMENT_HEADER, ACCURACY_HEADER)):
            extra.append(header)
    return found, extra
