"""An indicator's period, ranking and value in words a reader understands.

The county documents say 今年, 去年 and 本年度 without a year. The year shown is
worked out from each document and says that it was worked out; a document that
gives no clue keeps "year not stated". Rankings are the documents' own words
(均居全市第一位), quoted from the indicator's source sentence. English values are
computed from the figure and its unit, so 15.26亿元 reads "1.526 bn yuan".
"""
from __future__ import annotations

from dataclasses import dataclass

from .indicators import Indicator


@dataclass(frozen=True)
class DocumentYear:
    year: int | None
    basis_zh: str
    basis_en: str


DOCUMENT_YEARS = {
    "seed:000_ad63fb68d320b5bb.txt": DocumentYear(
        2024,
        "年份为推定：发布会日期为12月24日，文中提及党的二十届三中全会（2024年7月）而未提四中全会（2025年10月）",
        "year inferred: the press conference is dated 24 December and cites the Third Plenum of the "
        "20th Central Committee (July 2024) but not the Fourth (October 2025)"),
    "seed:001_69fb1a1bb32074fd.txt": DocumentYear(
        None, "文件未注明年份", "the document states no year"),
}

# Each period as the documents word it -> (zh, en) with {y} the document's year.
_PERIODS = {
    "当年前三季度": ("{y}年前三季度", "first three quarters of {y}"),
    "当年(发布会:12月24日)": ("{y}年（12月24日发布）", "{y} (published 24 Dec)"),
    "截至11月底": ("{y}年截至11月底", "{y}, to the end of November"),
    "上年": ("{p}年", "{p}"),
    "近三年累计": ("{a}—{y}年累计", "{a}-{y} in total"),
    "累计": ("累计（截至{y}年12月）", "in total, to December {y}"),
    "连续": ("截至{y}年", "to {y}"),
    "本年度目标": ("年度目标", "annual target"),
}
_UNDATED_PERIODS = {
    "本年度目标": ("年度目标（文件未注年份）", "annual target (year not stated)"),
}

# Ranking words quoted from the source sentence; the test checks each is there.
RANKS = {
    "gdp_growth": "均居全市第一位", "fai_growth": "均居全市第一位", "industrial_va_growth": "均居全市第一位",
    "loan_growth": "均居全市第一位", "budget_revenue": "均居全市第一位",
    "zone_output": "全市唯一一家产值超400亿元的开发区",
    "business_env_rank": "跃升至全省第13名",
    "public_safety_years": "连续三年保持全市第一",
    "hongqiqu_cup": "连续14届荣获",
    "business_env_target": "确保营商环境评价全市第一、全省先进",
}
_RANKS_SHOWN = {  # the quoted words as a card's badge
    "均居全市第一位": ("全市第一", "1st in the city"),
    "全市唯一一家产值超400亿元的开发区": ("全市唯一", "only one in the city"),
    "跃升至全省第13名": ("全省第13名", "13th in Henan"),
    "连续三年保持全市第一": ("全市第一", "1st in the city"),
    "连续14届荣获": ("连续14届", "14 in a row"),
    "确保营商环境评价全市第一、全省先进": ("全市第一、全省先进", "1st in city, advanced in Henan"),
}


def document_year(ind: Indicator) -> DocumentYear:
    return DOCUMENT_YEARS.get(ind.seed, DocumentYear(None, "文件未注明年份", "the document states no year"))


def period_text(ind: Indicator, lang: str = "zh") -> str:
    zh = lang == "zh"
    year = document_year(ind).year
    if year is None:
        words = _UNDATED_PERIODS.get(ind.period)
        return (words[0] if zh else words[1]) if words else ind.period
    words = _PERIODS.get(ind.period)
    if words is None:
        return ind.period
    return (words[0] if zh else words[1]).format(y=year, p=year - 1, a=year - 2)


def period_basis(ind: Indicator, lang: str = "zh") -> str:
    basis = document_year(ind)
    return basis.basis_zh if lang == "zh" else basis.basis_en


def rank_quote(ind: Indicator) -> str:
    return RANKS.get(ind.id, "")


def rank_text(ind: Indicator, lang: str = "zh") -> str:
    quote = RANKS.get(ind.id)
    if not quote:
        return ""
    zh, en = _RANKS_SHOWN[quote]
    return zh if lang == "zh" else en


def _number(value: float) -> str:
    return f"{value:,.4f}".rstrip("0").rstrip(".")


_EN_WORDS = {"试点": "pilot", "撤乡设镇": "township made a town", "文旅强镇": "culture & tourism town",
             "全国山茱萸集散中心": "national cornus trading centre", "全部": "all", "全市第一": "1st in the city"}
_EN_SCALED = {"亿元": (0.1, "bn yuan"), "万元": (0.01, "M yuan"), "万美元": (0.01, "M US$"),
              "万亩": (10_000, "mu"), "万人": (10_000, "people"), "亩": (1, "mu"),
              "平方公里": (1, "km²"), "%": (1, "%")}
_EN_COMPARATORS = {">=": "≥ ", ">": "over ", "≈": "about "}


def value_text(ind: Indicator, lang: str = "zh") -> str:
    """The figure as the document writes it, with the unit completed where the
    sentence leaves it implied (一般公共预算收入 "15.26亿" is 亿元); in English,
    the same figure in English units."""
    text, unit = ind.value_text, ind.unit or ""
    if lang == "zh":
        if unit.endswith("元") and not text.endswith("元") and unit[:-1] and text.endswith(unit[:-1]):
            return text + "元"
        return text
    if text in _EN_WORDS:
        return _EN_WORDS[text]
    if ind.value is None or unit == "比例":
        return text
    prefix = _EN_COMPARATORS.get(ind.comparator, "")
    if unit == "名":
        return prefix + f"No. {_number(ind.value)}"
    if unit == "年":
        return prefix + f"{_number(ind.value)} years"
    if unit == "届":
        return prefix + f"{_number(ind.value)} in a row"
    factor, word = _EN_SCALED.get(unit, (1, ""))
    figure = _number(ind.value * factor)
    if word == "%":
        return prefix + figure + "%"
    return prefix + (f"{figure} {word}" if word else figure)
