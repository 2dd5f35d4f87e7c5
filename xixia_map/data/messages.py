"""Messages for the planner, in both interface languages.

The data layer has no Qt, so it cannot use Qt's translator; a message is built
where the problem is known, with its Chinese and English wording side by side,
and the caller picks the language it shows. Placeholders are filled before the
Text is made: nothing here formats file-derived text a second time.
"""
from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    en: str
    zh: str

    def in_lang(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def __str__(self) -> str:
        return self.en

    def __add__(self, other: "Text | str") -> "Text":
        if isinstance(other, Text):
            return Text(self.en + other.en, self.zh + other.zh)
        return Text(self.en + other, self.zh + other)


def say(en: str, zh: str) -> Text:
    return Text(en, zh)


def as_text(value: "Text | str") -> Text:
    return value if isinstance(value, Text) else Text(value, value)


def join(parts: list[Text], en_sep: str = "; ", zh_sep: str = "；") -> Text:
    return Text(en_sep.join(p.en for p in parts), zh_sep.join(p.zh for p in parts))


def number(value: float) -> str:
    """A coordinate or measure as a person reads it: 1e308 is '1.0e+308', not a
    309-digit integer; ordinary values keep up to 6 decimals, trailing zeros dropped."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "NaN"
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    if abs(value) >= 1e9 or (0 < abs(value) < 1e-4):
        return f"{value:.3e}"
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"


def value_range(low: float, high: float) -> str:
    return f"{number(low)}…{number(high)}"
