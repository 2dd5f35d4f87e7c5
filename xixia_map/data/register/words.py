"""The words county ledgers use for a project's 建设状态 and 级别, and the class
each one belongs to.

Ledgers are never refused for their wording: a 台账 says 续建, 新开工, 已完工 or
谋划 where the county documents say 在建, 已竣工 or 力争签约. The table in
geodata/register/ledger_words.csv maps each word to a lifecycle stage (or a
level), with the place the word was seen; the register keeps the ledger's own
word and reads its stage from here. A word not in the table is 其他.
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache

from ...paths import GEODATA_DIR

WORDS_PATH = GEODATA_DIR / "register" / "ledger_words.csv"
# Lifecycle stages in their order, from an idea to a working plant.
STAGES = ("谋划储备", "招商对接", "前期", "在建", "竣工", "投产运营")
LEVEL_CLASSES = ("国家重点", "省重点", "市重点", "县重点")
OTHER = "其他"
_STRIP = re.compile(r"[\s\u3000]+")
_BRACKETS = re.compile(r"[（(][^）)]*[）)]")


@lru_cache(maxsize=1)
def _table() -> dict[tuple[str, str], str]:
    with open(WORDS_PATH, encoding="utf-8", newline="") as handle:
        return {(row["kind"], row["word"]): row["class"] for row in csv.DictReader(handle)}


def _forms(word: str) -> list[str]:
    """The word as written, then without spaces, brackets and a trailing 项目,
    then what stands inside its brackets (在建（续建） is 在建)."""
    text = _STRIP.sub("", str(word)).replace("•", "·").replace("・", "·")
    bare = _BRACKETS.sub("", text)
    inner = [m.strip("（()）") for m in _BRACKETS.findall(text)]
    forms = [text, bare, bare.removesuffix("项目"), bare.removesuffix("阶段")]
    return [f for f in forms + inner if f]


def _class_of(kind: str, word) -> str | None:
    if word is None or str(word).strip() == "":
        return None
    table = _table()
    for form in _forms(word):
        found = table.get((kind, form))
        if found is not None:
            return found
    return OTHER


def stage_of(status) -> str | None:
    """The lifecycle stage of a ledger's 建设状态 word; None when blank."""
    return _class_of("status", status)


def level_of(level) -> str | None:
    """The level class (省重点 …) of a ledger's 级别 word; None when blank."""
    return _class_of("level", level)


def money_factor(header: str) -> float | None:
    """How a money column's header says its unit, as a factor to 万元:
    总投资（亿元） is 10000, 总投资（元） is 0.0001, 万元 or no unit is 1."""
    text = _STRIP.sub("", str(header))
    if "亿元" in text or text.endswith("亿"):
        return 10_000.0
    if "万元" in text or text.endswith("万"):
        return 1.0
    if re.search(r"[（(]元[）)]|元$", text):
        return 0.0001
    return None


_AMOUNT = re.compile(r"^([-+]?\d+(?:\.\d+)?)(亿元|亿|万元|万|元)?$")
_CELL_FACTOR = {"亿元": 10_000.0, "亿": 10_000.0, "万元": 1.0, "万": 1.0, "元": 0.0001}


def parse_money(text: str, header_factor: float | None) -> float:
    """万元 from a cell: 1,200 and 1200.5 under the header's unit, or a cell
    that says its own unit (1.2亿元, 3000万). ValueError for text (待定)."""
    value = _STRIP.sub("", str(text)).replace(",", "").replace("，", "")
    match = _AMOUNT.match(value)
    if match is None:
        raise ValueError(text)
    number, unit = float(match.group(1)), match.group(2)
    factor = _CELL_FACTOR[unit] if unit else (header_factor or 1.0)
    return round(number * factor, 6)
