"""Point layers from tables (CSV/XLSX) with coordinate columns."""
from __future__ import annotations

import io
from pathlib import Path

import geopandas as gpd
import pandas as pd

from .errors import DataError
from .messages import say
from .spreadsheet_safe import unguard_frame

# Column-name pairs that hold x/y, in order of preference. Matching ignores case.
COORDINATE_PAIRS = [
    ("lon", "lat"), ("lng", "lat"), ("longitude", "latitude"), ("经度", "纬度"),
    ("东经", "北纬"), ("x", "y"), ("easting", "northing"), ("x坐标", "y坐标"),
]
TEXT_ENCODINGS = ("utf-8", "gb18030")


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except PermissionError:
        raise DataError(path, say("no permission to read the file", "没有读取该文件的权限")) from None
    except OSError as exc:
        raise DataError(path, say(f"cannot read the file ({exc.strerror})", f"无法读取该文件（{exc.strerror}）")) from None


def decode_text(path: Path, raw: bytes, notes: list | None = None) -> str:
    """Decode line by line: a table pasted together from a UTF-8 and a GBK file
    (common when offices merge lists) keeps both halves readable."""
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lines, used = [], set()
    for number, line in enumerate(raw.splitlines(keepends=True), start=1):
        for encoding in TEXT_ENCODINGS:
            try:
                lines.append(line.decode(encoding))
                used.add(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise DataError(path, say(f"line {number} is neither UTF-8 nor GBK/GB18030 text; re-save it as UTF-8",
                                      f"第 {number} 行既不是 UTF-8 也不是 GBK/GB18030 文本，请另存为 UTF-8"))
    if notes is not None:
        if used == {"gb18030"}:
            notes.append("GB18030")
        elif len(used) > 1:
            notes.append("UTF-8 + GB18030")
    return "".join(lines)


_PLAIN_NUMBER = r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$"


def _numbers_where_plain(frame: pd.DataFrame) -> pd.DataFrame:
    """A column becomes numeric only if every filled value reads back as written
    (no leading zeros, no text), so 0101 or 1,200 stay text."""
    for column in frame.columns:
        values = frame[column]
        filled = values[values.str.strip() != ""]
        if len(filled) and filled.str.strip().str.match(_PLAIN_NUMBER).all():
            frame[column] = pd.to_numeric(values.where(values.str.strip() != ""), errors="coerce")
        else:
            frame[column] = values.where(values != "", None)
    return frame


def find_coordinate_columns(columns) -> tuple[str, str] | None:
    lowered = {str(c).strip().lower(): c for c in columns}
    for x_name, y_name in COORDINATE_PAIRS:
        if x_name in lowered and y_name in lowered:
            return lowered[x_name], lowered[y_name]
    return None


def read_spreadsheet(path: Path, notes: list | None = None) -> pd.DataFrame:
    """An Excel workbook's first sheet (`notes` is a CSV's, and stays empty)."""
    raw = read_bytes(path)
    try:
        return pd.read_excel(io.BytesIO(raw), dtype=object)
    except Exception as exc:  # openpyxl raises many types for damaged workbooks
        raise DataError(path, say(f"cannot read spreadsheet ({type(exc).__name__})",
                                  f"无法读取电子表格（{type(exc).__name__}）")) from None


def read_csv(path: Path, notes: list | None = None) -> pd.DataFrame:
    """A CSV (or tab- or comma-separated text) in whatever encoding it is (`notes` hears which)."""
    text = decode_text(path, read_bytes(path), notes)
    try:
        # dtype=str keeps codes such as 0101 and ids with leading zeros verbatim;
        # columns that are plainly numbers become numbers afterwards.
        # unguard: a CSV the app wrote reads back with the text it held (spreadsheet_safe.py).
        return _numbers_where_plain(unguard_frame(pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)))
    except pd.errors.EmptyDataError:
        raise DataError(path, say("table has no rows or columns", "表格没有行或列")) from None
    except pd.errors.ParserError as exc:
        raise DataError(path, say(f"malformed CSV ({str(exc).strip()[:120]})",
                                  f"CSV 格式错误（{str(exc).strip()[:120]}）")) from None


def table_to_points(path: Path, frame: pd.DataFrame, columns: tuple[str, str] | None = None,
                    crs=None, report=None) -> gpd.GeoDataFrame:
    """Rows whose coordinates are not numbers are left out and listed in `report`."""
    columns = columns or find_coordinate_columns(frame.columns)
    if columns is None:
        raise DataError(path, say("no coordinate columns found (expected lon/lat, lng/lat, x/y, 经度/纬度 or 东经/北纬)",
                                  "未找到坐标列（应为 lon/lat、lng/lat、x/y、经度/纬度 或 东经/北纬）"))
    if len(frame) == 0:
        raise DataError(path, say("table has a header but no rows", "表格只有表头，没有数据行"))
    x_col, y_col = columns
    xs = pd.to_numeric(frame[x_col], errors="coerce")
    ys = pd.to_numeric(frame[y_col], errors="coerce")
    bad = (xs.isna() | ys.isna()).to_numpy()
    lines = [i + 2 for i in range(len(frame))]  # 1-based, after the header line
    if bad.all():
        raise DataError(path, say(f"no row has numeric coordinates (first at line {lines[0]}: "
                                  f"'{str(frame[x_col].iloc[0])[:20]}', '{str(frame[y_col].iloc[0])[:20]}')",
                                  f"没有一行的坐标是数字（第 {lines[0]} 行："
                                  f"“{str(frame[x_col].iloc[0])[:20]}”、“{str(frame[y_col].iloc[0])[:20]}”）"),
                        field=f"{x_col}/{y_col}")
    if report is not None:
        for row in bad.nonzero()[0]:
            report.skip(f"#{lines[row]}", say(f"line {lines[row]}: coordinate is not a number",
                                              f"第 {lines[row]} 行：坐标不是数字"))
    keep = ~bad
    attributes = frame.drop(columns=[x_col, y_col])[keep].reset_index(drop=True)
    return gpd.GeoDataFrame(attributes, geometry=gpd.points_from_xy(xs[keep], ys[keep]), crs=crs)
