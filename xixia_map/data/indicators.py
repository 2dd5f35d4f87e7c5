"""The indicators table: every figure from the county documents."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from .errors import DataError

COLUMNS = ("id", "indicator_zh", "indicator_en", "value_text", "value", "unit", "comparator",
           "period", "kind", "scope", "scope_ref", "theme", "related", "seed", "source_sentence")


@dataclass(frozen=True)
class Indicator:
    id: str
    indicator_zh: str
    indicator_en: str
    value_text: str
    value: float | None
    unit: str
    comparator: str
    period: str
    kind: str
    scope: str
    scope_ref: str
    theme: str
    related: tuple[str, ...]
    seed: str
    source_sentence: str

    def title(self, lang: str) -> str:
        return self.indicator_zh if lang == "zh" else self.indicator_en


def load_indicators(path: Path) -> list[Indicator]:
    path = Path(path)
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except FileNotFoundError:
        raise DataError(path, "indicators table not found") from None
    except UnicodeDecodeError as exc:
        raise DataError(path, f"not UTF-8 ({exc})") from None
    if rows and set(COLUMNS) - set(rows[0]):
        raise DataError(path, f"missing columns: {', '.join(sorted(set(COLUMNS) - set(rows[0])))}")
    out = []
    for line, row in enumerate(rows, start=2):
        try:
            value = float(row["value"]) if row["value"] else None
        except ValueError:
            raise DataError(path, f"line {line}: value '{row['value']}' is not a number",
                            field="value") from None
        related = tuple(r for r in row["related"].split(",") if r)
        text = {name: row[name] for name in row if name not in ("value", "related")}
        out.append(Indicator(value=value, related=related, **text))
    return out
