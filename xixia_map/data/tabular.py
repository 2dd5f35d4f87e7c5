"""Point layers from tables (CSV/XLSX) with coordinate columns."""
from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd

from .errors import DataError

# Column-name pairs that hold x/y, in order of preference. Matching ignores case.
COORDINATE_PAIRS = [
    ("lon", "lat"), ("lng", "lat"), ("longitude", "latitude"), ("经度", "纬度"),
    ("东经", "北纬"), ("x", "y"), ("easting", "northing"),
]
TEXT_ENCODINGS = ("utf-8-sig", "gb18030")


def decode_text(path: Path, raw: bytes) -> str:
    for encoding in TEXT_ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DataError(path, "text is neither UTF-8 nor GBK/GB18030; re-save it as UTF-8")


def find_coordinate_columns(columns) -> tuple[str, str] | None:
    lowered = {str(c).strip().lower(): c for c in columns}
    for x_name, y_name in COORDINATE_PAIRS:
        if x_name in lowered and y_name in lowered:
            return lowered[x_name], lowered[y_name]
    return None


def read_table(path: Path) -> pd.DataFrame:
    if path.suffix.lower() in (".xlsx", ".xls"):
        try:
            return pd.read_excel(path)
        except Exception as exc:  # openpyxl raises many types for damaged workbooks
            raise DataError(path, f"cannot read spreadsheet ({type(exc).__name__}: {exc})") from None
    import io

    text = decode_text(path, path.read_bytes())
    try:
        return pd.read_csv(io.StringIO(text))
    except pd.errors.EmptyDataError:
        raise DataError(path, "table has no rows or columns") from None
    except pd.errors.ParserError as exc:
        raise DataError(path, f"malformed CSV ({exc})") from None


def table_to_points(path: Path, frame: pd.DataFrame, columns: tuple[str, str] | None = None,
                    crs=None) -> gpd.GeoDataFrame:
    columns = columns or find_coordinate_columns(frame.columns)
    if columns is None:
        raise DataError(path, "no coordinate columns found (expected lon/lat, lng/lat, x/y, "
                              "经度/纬度 or 东经/北纬)")
    x_col, y_col = columns
    xs = pd.to_numeric(frame[x_col], errors="coerce")
    ys = pd.to_numeric(frame[y_col], errors="coerce")
    bad = frame.index[xs.isna() | ys.isna()].tolist()
    if bad:
        row = bad[0] + 2  # 1-based, after the header line
        raise DataError(path, f"{len(bad)} row(s) have a non-numeric or empty coordinate "
                              f"(first at line {row})", field=f"{x_col}/{y_col}")
    attributes = frame.drop(columns=[x_col, y_col])
    return gpd.GeoDataFrame(attributes, geometry=gpd.points_from_xy(xs, ys), crs=crs)
