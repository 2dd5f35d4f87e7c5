"""Drivers of tables of points: CSV and spreadsheets whose columns hold the
coordinates (lon/lat, x/y, 经度/纬度 … found by their names, or named by the
planner when none is recognised)."""
from __future__ import annotations

from pathlib import Path

from ..crs_checks import normalise
from ..feature_checks import feature_names
from ..layer import Layer
from ..new_layers import vector_layer
from ..read_report import ReadReport
from ..tabular import find_coordinate_columns, read_csv, read_spreadsheet, table_to_points
from .base import Answers, ColumnsQuestion, Driver, RawRead, check_readable


class TableDriver(Driver):
    def __init__(self, name: str, suffixes, read_table, *, asks_columns: bool, offers_encoding: bool = False):
        super().__init__(name, suffixes, offers_encoding=offers_encoding)
        self.read_table = read_table  # (path, notes) -> the table as written
        self.asks_columns = asks_columns  # a planner names the coordinate columns when none is recognised

    def read(self, path: Path, layer, report: ReadReport, encoding, progress, cancelled) -> RawRead:
        notes: list = []
        frame = table_to_points(path, self.read_table(path, notes), report=report)
        if notes:
            report.encoding = notes[0]
        return RawRead(frame, {}, None)

    def open(self, path: Path, taken, answers: Answers, title: str | None, progress=None, cancelled=None, *,
             ask: bool = False) -> Layer:
        """With the coordinate columns the planner named, or, when a planner is
        there to ask (`ask`) and none is recognised, ColumnsQuestion."""
        if answers.columns is None and not (ask and self.asks_columns):
            return super().open(path, taken, answers, title, progress, cancelled)
        check_readable(path)
        frame = self.read_table(path)
        if answers.columns is None:
            if find_coordinate_columns(frame.columns) is None:
                raise ColumnsQuestion(path, [str(c) for c in frame.columns])
            return super().open(path, taken, answers, title, progress, cancelled)
        report = ReadReport()
        points = table_to_points(path, frame, answers.columns, report=report)
        points, _names = normalise(path, points, feature_names(points), report)
        return vector_layer(path, points.reset_index(drop=True), report, taken, None, title or self.title(path, None))


CSV = TableDriver("CSV", {".csv"}, read_csv, asks_columns=True, offers_encoding=True)
SPREADSHEET = TableDriver("Excel", {".xlsx", ".xls"}, read_spreadsheet, asks_columns=True)
TEXT_TABLE = TableDriver("text table", {".txt"}, read_csv, asks_columns=False)
