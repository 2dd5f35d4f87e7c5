"""The 三大类 (农用地, 建设用地, 未利用地) of each 三调 working class, from
geodata/sandiao/three_classes.csv (sources and grades in SOURCES.md beside it)."""
from __future__ import annotations

import csv
from functools import lru_cache

from ...paths import GEODATA_DIR
from ..sandiao import land_classes

TABLE = GEODATA_DIR / "sandiao" / "three_classes.csv"
MAIN_CLASSES = ("农用地", "建设用地", "未利用地")
UNCLASSED = "未归类"
MAIN_CLASS_EN = {"农用地": "agricultural land", "建设用地": "construction land", "未利用地": "unused land",
                 UNCLASSED: "not classed"}
CULTIVATED_PREFIX = "01"  # 耕地: 0101 水田, 0102 水浇地, 0103 旱地


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    with open(TABLE, encoding="utf-8", newline="") as handle:
        return {row["code"]: row["class"] for row in csv.DictReader(handle)}


def main_class(code: str | None) -> str:
    """农用地, 建设用地 or 未利用地 of a DLBM code (0101, 05H1 …); 未归类 when the code
    is not a 三调 working class (a typo, or a local code)."""
    if not code:
        return UNCLASSED
    code = str(code).strip().upper()
    table = _table()
    if code in table:
        return table[code]
    first = code[:2]
    level = {c for k, c in table.items() if k.startswith(first)}
    return level.pop() if len(level) == 1 else UNCLASSED  # a first-level code whose classes agree


def class_name(code: str | None, fallback: str | None = None) -> str:
    """The class's name as 三调 writes it (0101 → 水田), else the layer's own DLMC."""
    found = land_classes().get(str(code).strip()) if code else None
    return found.name if found is not None else (fallback or str(code or ""))


def is_cultivated(code: str | None) -> bool:
    return bool(code) and str(code).strip().startswith(CULTIVATED_PREFIX)
