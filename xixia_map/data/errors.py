"""One error type for every data problem, always naming the file."""
from __future__ import annotations

from pathlib import Path


class DataError(Exception):
    """A problem with a data file, phrased for the person who owns the file."""

    def __init__(self, path, problem: str, *, feature=None, field: str | None = None):
        self.path = Path(path) if path is not None else None
        self.problem = problem
        self.feature = feature
        self.field = field
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = [str(self.path)] if self.path is not None else []
        if self.feature is not None:
            where.append(f"feature {self.feature}")
        if self.field:
            where.append(f"field '{self.field}'")
        return f"{': '.join(where)}: {self.problem}" if where else self.problem
