"""A corpus of hostile or awkward files of the kinds a county planning office
receives, generated in the test run (no binary blobs), each with its expected
outcome:

- ("loads", check): loads; `check(layer)` asserts the values came out right;
- ("warns", text): loads, and one of the report's notices contains `text`;
- ("refused", text): refused with one DataError line naming the file and `text`.

Texts are matched against the English wording; tests/test_hostile_corpus.py
also checks the Chinese wording exists for every message.
"""
from __future__ import annotations

import json
import sqlite3
import struct
import zipfile
from pathlib import Path

import geopandas as gpd
import pyogrio
from pyproj import Transformer
from shapely.geometry import LineString, Point, Polygon

HOSTILE = {
    "jinja_rce": "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "jinja_braces": "投资额 {{待定}} 万元",
    "jinja_block": "{% 以批复为准",
    "html": "<b>x</b><img src=/etc/passwd><a href='file:///'>链接</a>",
    "script": "</script><script>alert(1)</script>",
    "sql": "'; DROP TABLE projects; --",
    "line_seps": "第一行\u2028第二行\u2029第三段",
    "newlines": "甲\r\n乙\n丙",
    "emoji_rtl": "🏗️ مشروع ‮反向",
    "percent_format": "%s %d {0} {name} ${HOME}",
    "long": "长" * 5000,
    "zero_width": "回\u200b车\ufeff镇",
}
GOOD_POINT = (111.48, 33.30)
FC = '{"type":"FeatureCollection","features":[%s]}'
FEAT = '{"type":"Feature","properties":{"id":"%s","name":"x"},"geometry":%s}'
POINT = '{"type":"Point","coordinates":[111.48,33.3]}'


def _geojson(features: list[tuple[str, str]]) -> str:
    return FC % ",".join(FEAT % pair for pair in features)


def _name_is(expected):
    def check(layer):
        assert layer.frame["name"].iloc[0] == expected, (layer.frame["name"].iloc[0], expected)
    return check


def _column_is(column, values, encoding=None):
    def check(layer):
        assert column in layer.frame.columns, list(layer.frame.columns)
        assert list(layer.frame[column]) == values, list(layer.frame[column])
        if encoding:
            assert layer.report.encoding == encoding, layer.report.encoding
    return check


def _count_is(n):
    def check(layer):
        assert len(layer.frame) == n, len(layer.frame)
    return check


def _write(path: Path, content) -> None:
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def _shapefile(folder: Path, stem: str, frame, encoding="GBK", cpg=False) -> Path:
    pyogrio.write_dataframe(frame, folder / f"{stem}.shp", encoding=encoding)
    if not cpg:
        for part in folder.glob(f"{stem}.cpg"):
            part.unlink()
    return folder / f"{stem}.shp"


def _cut_last_character(dbf: Path, field_index: int, text: str, encoding: str = "gbk") -> None:
    """Fill a text field to its width with `text` so the last multi-byte character
    is cut in half, as fixed-width DBF writers do."""
    data = bytearray(dbf.read_bytes())
    header_len, record_len = struct.unpack_from("<HH", data, 8)
    offset, pos = 1, 32
    widths = []
    while data[pos] != 0x0D:
        widths.append((offset, data[pos + 16]))
        offset += data[pos + 16]
        pos += 32
    start, width = widths[field_index]
    raw = ("a" + text * width).encode(encoding)[:width]  # odd start: the cut falls mid-character
    assert not _decodes(raw, encoding)
    data[header_len + start:header_len + start + width] = raw
    dbf.write_bytes(bytes(data))


def _decodes(raw, encoding):
    try:
        raw.decode(encoding)
        return True
    except UnicodeDecodeError:
        return False


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _shapefile_parts(folder: Path, stem: str, frame, encoding="UTF-8") -> dict[str, bytes]:
    sub = folder / f"_{stem}_parts"
    sub.mkdir(exist_ok=True)
    pyogrio.write_dataframe(frame, sub / f"{stem}.shp", encoding=encoding)
    return {p.name: p.read_bytes() for p in sub.iterdir()}


def _sqlite_not_gpkg(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("create table t (x)")
    con.commit()
    con.close()


def _towns():
    return gpd.GeoDataFrame({"名称": ["回车镇", "米坪镇"], "备注": ["镇级小城市试点", "乡村振兴"]},
                            geometry=[Point(111.52, 33.36), Point(111.38, 33.60)], crs=4326)


def build(folder: Path) -> dict[str, tuple[Path, tuple]]:
    """Write every file into `folder`; name -> (path, expected outcome)."""
    folder.mkdir(parents=True, exist_ok=True)
    cases: dict[str, tuple[Path, tuple]] = {}

    def add(name, content, expected):
        path = folder / name
        if callable(content):
            result = content(path)
            path = result if isinstance(result, Path) else path
        else:
            _write(path, content)
        cases[name] = (path, expected)

    # -- hostile text, verbatim through every text-carrying format ------------------
    for key, text in HOSTILE.items():
        doc = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"id": "1", "name": text},
               "geometry": {"type": "Point", "coordinates": list(GOOD_POINT)}}]}
        add(f"hostile_{key}.geojson", json.dumps(doc, ensure_ascii=False), ("loads", _name_is(text)))
        csv_text = text.replace('"', '""')
        add(f"hostile_{key}.csv", f'name,lon,lat\n"{csv_text}",111.48,33.30\n', ("loads", _name_is(text)))
        if "\r" not in text and len(text.encode("utf-8")) < 254:
            frame = gpd.GeoDataFrame({"name": [text]}, geometry=[Point(GOOD_POINT)], crs=4326)
            add(f"hostile_{key}.gpkg", lambda p, f=frame: f.to_file(p, driver="GPKG"), ("loads", _name_is(text)))
    add("hostile_file_{{ name }}.geojson", _geojson([("a", POINT)]), ("loads", _count_is(1)))
    add("<b>hostile<i>.geojson", _geojson([("<b>x</b><img src=/etc/passwd>", '{"type":"Point","coordinates":[1e400, 33]}')]
                                         + [("ok", POINT)]), ("warns", "a coordinate is ∞"))

    # -- structure: refused with the cause named -------------------------------------
    refused = {
        "truncated.geojson": (_geojson([("a", POINT)])[:-30], "truncated"),
        "zero.geojson": (b"", "empty"), "zero.gpkg": (b"", "empty"), "zero.shp": (b"", "empty"),
        "zero.csv": (b"", "empty"),
        "png_as.gpkg": (b"\x89PNG\r\n\x1a\n" + bytes(200), "not a readable vector file"),
        "png_as.geojson": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "not UTF-8"),
        "text_as.shp": ("not a shapefile at all\n" * 20, "missing its .shx"),
        "text_as.kml": ("hello, this is not XML", "not a readable vector file"),
        "truncated.kml": ('<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark>',
                          "not a readable vector file"),
        "array.geojson": ("[1, 2, 3]", "not GeoJSON"),
        "settings.json": ('{"name": "settings", "debug": true}', "not GeoJSON"),
        "no_features.geojson": ('{"type":"FeatureCollection"}', "no 'features' list"),
        "empty_fc.geojson": (FC % "", "no features"),
        "only_null_geometry.geojson": (_geojson([("x1", "null")]), "has no geometry (null)"),
        "only_unknown_type.geojson": (_geojson([("c1", '{"type":"Circle","coordinates":[111.4,33.3]}')]),
                                      "unknown geometry type 'Circle'"),
        "only_string_coords.geojson": (_geojson([("s1", '{"type":"Point","coordinates":["a","b"]}')]),
                                       "coordinates are text"),
        "only_one_coord.geojson": (_geojson([("o1", '{"type":"Point","coordinates":[111.4]}')]),
                                   "a position has 1 number(s)"),
        "only_two_point_polygon.geojson": (_geojson([("p2", '{"type":"Polygon","coordinates":[[[111.4,33.3],[111.5,33.3]]]}')]),
                                           "has 2 point(s); it needs at least 3"),
        "only_one_point_line.geojson": (_geojson([("l1", '{"type":"LineString","coordinates":[[111.4,33.3]]}')]),
                                        "a line has 1 point(s)"),
        "only_nan.geojson": (_geojson([("n1", '{"type":"Point","coordinates":[NaN, 33.3]}')]), "NaN"),
        "gbk.geojson": (json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "回车镇"},
                        "geometry": {"type": "Point", "coordinates": [111.4, 33.3]}}]}, ensure_ascii=False).encode("gbk"),
                        "not UTF-8"),
        "binary.geojson": (bytes(range(256)) * 4, "not UTF-8"),
        "deep_nesting.geojson": ("[" * 100000 + "]" * 100000, "nested too deeply"),
        "metres_no_crs.geojson": (_geojson([("m1", '{"type":"Point","coordinates":[37512345, 3686000]}')]),
                                  "no CRS"),
        "far_metres_no_crs.geojson": (_geojson([("m1", '{"type":"Point","coordinates":[-5e7, 9e8]}')]), "no CRS"),
        "huge_number.geojson": (_geojson([("h1", '{"type":"Point","coordinates":[1e308, 1e308]}')]), "1.000e+308"),
        "csv_no_coords.csv": ("名称,备注\n回车镇,无坐标\n", "no coordinate columns"),
        "csv_all_bad_numbers.csv": ("name,lon,lat\na,111.4,北纬\n", "no row has numeric coordinates"),
        "csv_header_only.csv": ("name,lon,lat\n", "no rows"),
        "csv_not_text.csv": (bytes([0xff, 0xfe, 0x00, 0x81]) * 50, "neither UTF-8 nor GBK"),
        "corrupt.xlsx": (b"PK\x03\x04" + bytes(100), "cannot read spreadsheet"),
        "corrupt.zip": (b"PK\x03\x04 definitely not a zip", "not a valid ZIP"),
        "zip_without_vectors.zip": (lambda p: _zip(p, {"readme.txt": b"hello", "__MACOSX/._a.shp": b"\0"}),
                                    "no shapefile"),
        "sqlite_not_gpkg.gpkg": (_sqlite_not_gpkg, "not a readable vector file"),
        "degrees_in_projected_prj.gpkg": (lambda p: gpd.GeoDataFrame({"a": [1]}, geometry=[Point(111.48, 33.3)],
                                                                      crs=4525).to_file(p, driver="GPKG"),
                                          "look like degrees"),
        "metres_in_geographic_prj.gpkg": (lambda p: gpd.GeoDataFrame({"a": [1]}, geometry=[Point(37512345, 3686000)],
                                                                      crs=4490).to_file(p, driver="GPKG"),
                                          "are not lon/lat"),
        "swapped_lat_lon.csv": ("name,x,y\n回车镇,33.36,111.52\n", "no CRS"),
        "survey_x_northing.csv": ("点号,x,y\nJ1,3686000.12,37545000.50\n", "no CRS"),
        "swapped_declared_4326.gpkg": (lambda p: gpd.GeoDataFrame({"a": [1, 2]}, geometry=[Point(33.36, 111.52), Point(33.6, 111.38)],
                                                                   crs=4326).to_file(p, driver="GPKG"),
                                       "are not lon/lat"),
        "swapped_gk_declared.gpkg": (lambda p: gpd.GeoDataFrame({"a": [1]}, geometry=[Point(3686000, 37545000)],
                                                                 crs=4525).to_file(p, driver="GPKG"),
                                     "X and Y look swapped"),
    }
    for name, (content, text) in refused.items():
        add(name, content, ("refused", text))

    # -- loads, with a warning ------------------------------------------------------
    add("one_bad_of_three.geojson", _geojson([("ok1", POINT), ("bad", '{"type":"Point","coordinates":["a","b"]}'),
                                              ("ok2", POINT)]), ("warns", "bad: coordinates are text"))
    add("unclosed_ring.geojson", _geojson([("u1", '{"type":"Polygon","coordinates":[[[111.4,33.3],[111.5,33.3],[111.5,33.4]]]}')]),
        ("warns", "were not closed and were closed (u1)"))
    add("mixed_bad_geometries.geojson", _geojson([("ok", POINT), ("nul", "null"),
                                                  ("circ", '{"type":"Circle","coordinates":[1,2]}'),
                                                  ("line1", '{"type":"LineString","coordinates":[[111.4,33.3]]}')]),
        ("warns", "3 feature(s) skipped"))
    add("beijing.geojson", _geojson([("bj", '{"type":"Point","coordinates":[116.397,39.909]}')]),
        ("warns", "outside Xixia and its neighbouring counties"))
    add("paris.geojson", _geojson([("p", '{"type":"Point","coordinates":[2.35,48.85]}')]),
        ("warns", "outside Xixia"))
    add("csv_some_bad_rows.csv", "name,lon,lat\na,111.4,33.3\nb,东经,33.3\nc,111.5,33.4\n",
        ("warns", "line 3: coordinate is not a number"))
    add("duplicate_ids.geojson", _geojson([("A", POINT), ("A", '{"type":"Point","coordinates":[111.5,33.31]}')]),
        ("warns", "id field is not unique (A)"))
    to_gk = Transformer.from_crs(4326, 4525, always_xy=True)
    add("projected_1e300.gpkg", lambda p: gpd.GeoDataFrame({"id": ["good", "far"]}, geometry=[
        Point(to_gk.transform(*GOOD_POINT)), Point(1e300, 1e300)], crs=4525).to_file(p, driver="GPKG"),
        ("warns", "far: its coordinates cannot be converted from EPSG:4525"))

    def gbk_cut(p):
        shp = _shapefile(folder, "gbk_cut", _towns())
        _cut_last_character(folder / "gbk_cut.dbf", 1, "镇")
        return shp
    cases["gbk_cut.shp"] = (gbk_cut(None), ("warns", "cut mid-character"))

    def gbk_cut_names(layer):
        assert list(layer.frame["名称"]) == ["回车镇", "米坪镇"], list(layer.frame["名称"])
        assert layer.report.encoding == "GB18030"
    cases["gbk_cut.shp names"] = (cases["gbk_cut.shp"][0], ("loads", gbk_cut_names))

    def two_shapefiles(p):
        parts = _shapefile_parts(folder, "a", _towns()) | {
            k.replace("b.", "b."): v for k, v in _shapefile_parts(folder, "b", _towns().iloc[:1]).items()}
        return _zip(p, parts)
    add("two_shapefiles.zip", two_shapefiles, ("warns", "holds 2 vector files; read a.shp"))

    def macos_zip(p):
        parts = _shapefile_parts(folder, "m", _towns())
        members = {f"__MACOSX/._{k}": b"\x00\x05\x16\x07 resource fork" for k in parts}
        members |= {".DS_Store": b"\0\0\0\1Bud1"} | {f"m/{k}": v for k, v in parts.items()}
        return _zip(p, members)
    add("macos_finder.zip", macos_zip, ("loads", _count_is(2)))

    def gbk_no_cpg(p):
        return _shapefile(folder, "gbk_plain", _towns())
    add("gbk_plain.shp", gbk_no_cpg, ("loads", _column_is("名称", ["回车镇", "米坪镇"], "GB18030")))

    def big5(p):
        frame = gpd.GeoDataFrame({"名稱": ["回車鎮", "米坪鎮"]}, geometry=[Point(111.52, 33.36), Point(111.38, 33.6)],
                                 crs=4326)
        return _shapefile(folder, "big5", frame, encoding="Big5")
    add("big5.shp", big5, ("loads", _column_is("名稱", ["回車鎮", "米坪鎮"], "Big5")))

    def multi_layer(p):
        gpd.GeoDataFrame({"n": ["a"]}, geometry=[Point(GOOD_POINT)], crs=4326).to_file(p, layer="点", driver="GPKG")
        gpd.GeoDataFrame({"n": ["b"]}, geometry=[LineString([(111.4, 33.3), (111.5, 33.4)])], crs=4326).to_file(
            p, layer="线", driver="GPKG")
    add("two_layers.gpkg", multi_layer, ("loads", _count_is(1)))
    add("bom.geojson", "\ufeff" + _geojson([("b", POINT)]), ("loads", _count_is(1)))
    add("mixed_encoding.csv", "名称,经度,纬度\n".encode("utf-8") + "回车镇,111.52,33.36\n".encode("gbk"),
        ("loads", _column_is("名称", ["回车镇"])))
    add("gbk.csv", "名称,经度,纬度\n回车镇,111.52,33.36\n".encode("gbk"), ("loads", _count_is(1)))
    add("leading_zero_codes.csv", "DLBM,lon,lat\n0101,111.4,33.3\n", ("loads", _column_is("DLBM", ["0101"])))
    add("bowtie.geojson", _geojson([("bowtie", '{"type":"Polygon","coordinates":[[[111.4,33.3],[111.5,33.4],[111.5,33.3],[111.4,33.4],[111.4,33.3]]]}')]),
        ("warns", "invalid geometries repaired (bowtie)"))
    add("gk_lines.gpkg", lambda p: gpd.GeoDataFrame({"id": ["r"]}, geometry=[LineString(
        [to_gk.transform(111.4, 33.3), to_gk.transform(111.5, 33.35)])], crs=4525).to_file(p, driver="GPKG"),
        ("loads", _count_is(1)))
    add("polygon_with_hole.geojson", json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature",
        "properties": {"id": "h"}, "geometry": Polygon([(111.4, 33.2), (111.6, 33.2), (111.6, 33.4), (111.4, 33.4)],
                                                        [[(111.45, 33.25), (111.55, 33.25), (111.55, 33.35)]]).__geo_interface__}]},
        default=list), ("loads", _count_is(1)))
    # Later rounds keep their cases in tests/hostile_<area>.py, each with a
    # build(folder) of the same form, so that one area's cases live together.
    for module in _round_modules():
        sub = folder / module.__name__
        sub.mkdir(exist_ok=True)
        for name, case in module.build(sub).items():
            assert name not in cases, f"two corpus cases are named {name}"
            cases[name] = case
    return cases


def _round_modules():
    import importlib

    here = Path(__file__).parent
    names = sorted(p.stem for p in here.glob("hostile_*.py") if p.stem != "hostile_corpus")
    return [importlib.import_module(name) for name in names]
