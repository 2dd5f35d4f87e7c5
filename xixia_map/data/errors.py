"""One error type for every data problem, always naming the file."""
from __future__ import annotations

from pathlib import Path

from .messages import Text, as_text


class DataError(Exception):
    """A problem with a data file, phrased for the person who owns the file.

    `problem` is a Text (Chinese and English) or a plain string (shown as is in
    both languages). `one_line(lang)` names the file, the feature and the field.
    """

    def __init__(self, path, problem: "Text | str", *, feature=None, field: str | None = None):
        self.path = Path(path) if path is not None else None
        self.text = as_text(problem)
        self.feature = feature
        self.field = field
        super().__init__(self.one_line())

    @property
    def problem(self) -> str:
        return self.text.en

    def one_line(self, lang: str = "en") -> str:
        where = [str(self.path)] if self.path is not None else []
        if self.feature is not None:
            where.append(f"要素 {self.feature}" if lang == "zh" else f"feature {self.feature}")
        if self.field:
            where.append(f"字段“{self.field}”" if lang == "zh" else f"field '{self.field}'")
        problem = self.text.in_lang(lang)
        sep = "：" if lang == "zh" else ": "
        return f"{sep.join(where)}{sep}{problem}" if where else problem


class Cancelled(Exception):
    """The planner cancelled a long read."""
