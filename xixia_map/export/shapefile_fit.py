"""What a Shapefile cannot hold, said before it is written.

A Shapefile's table (dBASE) keeps field names of at most 10 bytes and text
values of at most 254 bytes, counted in its encoding (a hanzi is 2 bytes in
GBK, 3 in UTF-8). GDAL cuts longer ones without a word, and cuts a UTF-8
name in the middle of a character, so the app could not read its own export
back. Here the export first works out every name it would have to shorten
and every value it would have to cut, so the planner is told exactly that
and offered GeoPackage instead; when the planner accepts, names are
shortened on character boundaries and kept unique, values are cut on
character boundaries, and the old -> new names go into the archive beside
the Shapefiles.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from ..data.messages import Text, say

MAX_NAME_BYTES = 10
MAX_TEXT_BYTES = 254
NAMES_FILE = "字段名对照.csv"  # old -> new names, in the archive
SHOWN = 8  # names listed in a message; the rest are counted


def fit_bytes(text: str, encoding: str, limit: int) -> str:
    """The longest start of `text` that takes at most `limit` bytes, ending on a character boundary."""
    encoded = text.encode(encoding)
    if len(encoded) <= limit:
        return text
    # Decoding the cut bytes drops only the last, incomplete character: GBK and
    # UTF-8 both tell a character's first byte from what follows it.
    return encoded[:limit].decode(encoding, errors="ignore")


@dataclass
class ShapefileFit:
    encoding: str
    renamed: dict[str, str] = field(default_factory=dict)  # original name -> name in the Shapefile
    cut: dict[str, int] = field(default_factory=dict)  # original name -> number of values cut

    def needed(self) -> bool:
        return bool(self.renamed or self.cut)

    def describe(self, done: bool = False) -> Text:
        """What would change (or, `done`, what changed), field by field, in both languages."""
        would_en, would_zh = ("were", "已") if done else ("would be", "将")
        parts_en, parts_zh = [], []
        if self.renamed:
            pairs = list(self.renamed.items())
            shown_en = ", ".join(f"'{old}' → '{new}'" for old, new in pairs[:SHOWN])
            shown_zh = "、".join(f"“{old}”→“{new}”" for old, new in pairs[:SHOWN])
            more = len(pairs) - SHOWN
            parts_en.append(f"{len(pairs)} field name(s) longer than {MAX_NAME_BYTES} bytes in {self.encoding} "
                            f"{would_en} shortened ({shown_en}{f', and {more} more' if more > 0 else ''})")
            parts_zh.append(f"{len(pairs)} 个字段名超过 {MAX_NAME_BYTES} 字节（{self.encoding}），{would_zh}被缩短"
                            f"（{shown_zh}{f' 等，另有 {more} 个' if more > 0 else ''}）")
        if self.cut:
            items = list(self.cut.items())
            shown_en = ", ".join(f"{count} in '{name}'" for name, count in items[:SHOWN])
            shown_zh = "、".join(f"字段“{name}”{count} 个" for name, count in items[:SHOWN])
            total = sum(self.cut.values())
            more = len(items) - SHOWN
            parts_en.append(f"{total} text value(s) longer than {MAX_TEXT_BYTES} bytes {would_en} cut "
                            f"({shown_en}{f', and {more} more fields' if more > 0 else ''})")
            parts_zh.append(f"{total} 个文字值超过 {MAX_TEXT_BYTES} 字节，{would_zh}被截断"
                            f"（{shown_zh}{f' 等，另有 {more} 个字段' if more > 0 else ''}）")
        if done:
            return say("written within a Shapefile's limits: " + "; ".join(parts_en),
                       "已按 Shapefile 的限制写入：" + "；".join(parts_zh))
        return say("a Shapefile cannot hold this data as it is: " + "; ".join(parts_en),
                   "Shapefile 无法完整保存这些数据：" + "；".join(parts_zh))

    def apply(self, frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
        """The frame as the Shapefile will hold it: values cut, columns renamed."""
        frame = frame.copy()
        for column in self.cut:
            frame[column] = frame[column].map(
                lambda v: fit_bytes(v, self.encoding, MAX_TEXT_BYTES) if isinstance(v, str) else v)
        return frame.rename(columns=self.renamed)


def _key(name: str) -> str:
    return name.lower()  # dBASE field names are matched without regard to case (GDAL's EQUAL)


def _short_name(name: str, encoding: str, taken: set[str]) -> str:
    candidate = fit_bytes(name, encoding, MAX_NAME_BYTES)
    number = 1
    while not candidate or _key(candidate) in taken:
        suffix = f"_{number}"
        candidate = fit_bytes(name, encoding, MAX_NAME_BYTES - len(suffix)) + suffix
        number += 1
    return candidate


def fit_for_shapefile(frame: gpd.GeoDataFrame, encoding: str) -> ShapefileFit:
    """Every name that must be shortened (uniquely, on character boundaries)
    and, per field, how many text values must be cut."""
    fit = ShapefileFit(encoding)
    columns = [c for c in frame.columns if c != frame.geometry.name]
    fits = {c for c in columns if len(str(c).encode(encoding)) <= MAX_NAME_BYTES}
    # Names that fit keep their place; the first of two that differ only in case keeps its name.
    taken: set[str] = set()
    for column in columns:
        if column in fits and _key(str(column)) not in taken:
            taken.add(_key(str(column)))
        else:
            fits.discard(column)
    for column in columns:
        if column not in fits:
            new = _short_name(str(column), encoding, taken)
            taken.add(_key(new))
            fit.renamed[column] = new
    for column in columns:
        values = frame[column]
        if not (pd.api.types.is_object_dtype(values) or pd.api.types.is_string_dtype(values)):
            continue
        # A character takes at most 4 bytes: shorter text is not even encoded.
        count = sum(1 for v in values if isinstance(v, str) and len(v) > MAX_TEXT_BYTES // 4
                    and len(v.encode(encoding)) > MAX_TEXT_BYTES)
        if count:
            fit.cut[column] = count
    return fit
