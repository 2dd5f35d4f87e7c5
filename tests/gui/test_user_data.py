"""The planner's own files: encodings, Chinese CRSs, GCJ-02, big files, projects, malformed input."""
import json
import sqlite3
import zipfile

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from pyproj import Geod, Transformer
from shapely.geometry import LineString, Point, Polygon

from xixia_map.data.chinese_offsets import wgs84_to_gcj02
from xixia_map.data.errors import DataError
from xixia_map.data.layers import LayerList
from xixia_map.data.measure import format_area, geodesic_area_m2, geodesic_length_m
from xixia_map.data.project import Bookmark, LayerEntry, Project, load_project, relative_path, resolve, save_project
from xixia_map.data.reader import Cancelled, MissingCrsError, list_layers_of, read_vector
from xixia_map.data.user_layers import layer_from_file

GEOD = Geod(ellps="WGS84")
# Known places (WGS84): the county seat and 回车镇's estimated seat.
KNOWN = {"县城": (111.480, 33.305), "回车镇": (111.370, 33.300), "米坪镇": (111.380, 33.600)}


def metres(a, b):
    return GEOD.inv(a[0], a[1], b[0], b[1])[2]


def test_gbk_shapefile_without_cpg_reads_chinese(tmp_path):
    frame = gpd.GeoDataFrame({"名称": list(KNOWN), "备注": ["镇级小城市试点"] * 3},
                             geometry=[Point(xy) for xy in KNOWN.values()], crs=4326)
    path = tmp_path / "towns.shp"
    pyogrio.write_dataframe(frame, path, encoding="GBK")
    for cpg in tmp_path.glob("*.cpg"):
        cpg.unlink()
    assert b"\xbb\xd8\xb3\xb5" in (tmp_path / "towns.dbf").read_bytes()  # 回车 in GBK bytes
    layer = layer_from_file(path)
    assert set(layer.frame["名称"]) == set(KNOWN) and layer.report.encoding == "GB18030"
    assert layer.spec.label_field == "名称"


def test_zipped_utf8_shapefile_with_cpg(tmp_path):
    frame = gpd.GeoDataFrame({"name": ["米坪镇"]}, geometry=[Point(KNOWN["米坪镇"])], crs=4326)
    pyogrio.write_dataframe(frame, tmp_path / "m.shp", encoding="UTF-8")
    with zipfile.ZipFile(tmp_path / "m.zip", "w") as archive:
        for part in tmp_path.glob("m.*"):
            if part.suffix != ".zip":
                archive.write(part, part.name)
    layer = layer_from_file(tmp_path / "m.zip")
    assert list(layer.frame["name"]) == ["米坪镇"]


def test_gk_zone37_geopackage_without_crs_is_detected_and_placed(tmp_path):
    to_gk = Transformer.from_crs(4326, 4525, always_xy=True)
    pts = [Point(to_gk.transform(*xy)) for xy in KNOWN.values()]
    path = tmp_path / "sandiao.gpkg"
    gpd.GeoDataFrame({"DLMC": ["乔木林地", "水田", "村庄"]}, geometry=pts, crs=None).to_file(path, driver="GPKG")
    with pytest.raises(MissingCrsError) as info:
        layer_from_file(path)
    assert info.value.guesses[0].epsg == 4525 and "37" in info.value.guesses[0].reason
    layer = layer_from_file(path, assume_crs=4525)
    for (name, known), geom in zip(KNOWN.items(), layer.frame.geometry):
        assert metres(known, (geom.x, geom.y)) < 5, name


def test_500k_eastings_guess_central_meridian_111(tmp_path):
    to_gk = Transformer.from_crs(4326, 4546, always_xy=True)
    path = tmp_path / "cm111.geojson"
    gpd.GeoDataFrame(geometry=[Point(to_gk.transform(*KNOWN["县城"]))], crs=None).to_file(path)
    # GeoJSON implies WGS84, so GDAL reports a CRS; a bare coordinate file does not:
    frame = gpd.read_file(path).set_crs(None, allow_override=True)
    from xixia_map.data.crs_inference import guess_crs

    guesses = [g.epsg for g in guess_crs(frame.total_bounds)]
    assert guesses[0] == 4546 and {4508, 2382, 2434, 2344, 21459} <= set(guesses)  # CGCS2000 first, 西安80/北京54 offered
    assert [g.epsg for g in guess_crs((37_400_000, 3_600_000, 37_600_000, 3_800_000))] == [4525, 2361, 2413]
    assert [g.epsg for g in guess_crs((19_400_000, 3_600_000, 19_600_000, 3_800_000))] == [4497, 2333, 21419]
    assert [g.epsg for g in guess_crs((111.0, 33.0, 111.9, 33.9))] == [4490, 4326, 4610, 4214]


def test_gcj02_csv_with_jingdu_weidu_lands_in_the_right_place(tmp_path):
    # Published pair (eviltransform): GCJ-02 (116.38404722455657, 39.91334545536069) is
    # WGS84 (116.377817, 39.911954).
    rows = [("天安门(参考点)", 116.38404722455657, 39.91334545536069)]
    rows += [(name, *wgs84_to_gcj02(*xy)) for name, xy in KNOWN.items()]
    path = tmp_path / "amap.csv"
    pd.DataFrame(rows, columns=["项目名称", "经度", "纬度"]).to_csv(path, index=False, encoding="gbk")
    layers = LayerList([layer_from_file(path)])
    layer = next(iter(layers))
    raw = layer.frame.geometry.iloc[1]
    assert metres(KNOWN["县城"], (raw.x, raw.y)) > 300  # as read: offset by hundreds of metres
    layers.set_offset(layer.id, "gcj02")
    geoms = layer.frame.geometry
    assert metres((116.377817, 39.911954), (geoms.iloc[0].x, geoms.iloc[0].y)) < 1
    for (name, known), geom in zip(KNOWN.items(), geoms.iloc[1:]):
        assert metres(known, (geom.x, geom.y)) < 5, name
    layers.set_offset(layer.id, "wgs84")  # and back, from the coordinates as read
    assert layer.frame.geometry.iloc[1].equals(raw)


def test_kml_from_google_earth(tmp_path):
    path = tmp_path / "places.kml"
    frame = gpd.GeoDataFrame({"Name": ["回车镇", "县城"], "Description": ["试点", "驻地"]},
                             geometry=[Point(KNOWN["回车镇"]), Point(KNOWN["县城"])], crs=4326)
    pyogrio.write_dataframe(frame, path, driver="KML")
    layer = layer_from_file(path)
    assert set(layer.frame["Name"]) == {"回车镇", "县城"}
    assert metres(KNOWN["回车镇"], (layer.frame.geometry.iloc[0].x, layer.frame.geometry.iloc[0].y)) < 1


def test_multi_layer_geopackage(tmp_path):
    path = tmp_path / "plan.gpkg"
    gpd.GeoDataFrame({"name": ["a"]}, geometry=[Point(KNOWN["县城"])], crs=4326).to_file(path, layer="点位")
    gpd.GeoDataFrame({"name": ["b"]}, geometry=[LineString([KNOWN["县城"], KNOWN["回车镇"]])],
                     crs=4326).to_file(path, layer="道路")
    assert list_layers_of(path) == ["点位", "道路"]
    first = layer_from_file(path, layer="道路")
    second = layer_from_file(path, layer="点位", taken=[first.id])
    assert first.spec.geometry == "LineString" and second.spec.geometry == "Point"
    assert first.id != second.id and "道路" in first.spec.title_zh


def big_gpkg(tmp_path, count=100_000):
    rng = np.random.default_rng(1)
    x = rng.uniform(111.0, 111.8, count)
    y = rng.uniform(33.1, 33.8, count)
    boxes = shapely.box(x, y, x + 0.001, y + 0.001)
    path = tmp_path / "big.gpkg"
    gpd.GeoDataFrame({"DLBM": rng.integers(100, 999, count).astype(str)}, geometry=boxes, crs=4490).to_file(
        path, driver="GPKG")
    return path


def test_big_file_reports_progress_and_can_be_cancelled(tmp_path):
    path = big_gpkg(tmp_path)
    seen = []
    frame, _ = read_vector(path, progress=lambda done, total: seen.append((done, total)))
    assert len(frame) == 100_000
    assert len(seen) >= 5 and seen[-1] == (100_000, 100_000)
    calls = []
    with pytest.raises(Cancelled):
        read_vector(path, progress=lambda d, t: calls.append(d), cancelled=lambda: len(calls) >= 1)
    assert calls == [20_000]  # stopped after the first chunk


def test_invalid_geometries_are_repaired_and_named(tmp_path):
    bowtie = Polygon([(111.4, 33.3), (111.5, 33.4), (111.5, 33.3), (111.4, 33.4), (111.4, 33.3)])
    path = tmp_path / "bad.geojson"
    gpd.GeoDataFrame({"id": ["ok", "bowtie"]}, geometry=[Point(111.4, 33.3).buffer(0.01), bowtie],
                     crs=4326).to_file(path)
    layer = layer_from_file(path)
    assert layer.report.repaired == ["bowtie"]  # named by the file's id, not its row
    assert len(layer.frame) == 2 and layer.frame.is_valid.all()
    assert "1 invalid geometries repaired" in layer.report.summary()


# -- projects -------------------------------------------------------------------

def sample_project(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    src = data / "mine.geojson"
    gpd.GeoDataFrame({"名称": ["x"]}, geometry=[Point(KNOWN["县城"])], crs=4326).to_file(src)
    project_file = tmp_path / "plan.xixia.json"
    return project_file, Project(
        layers=[LayerEntry(path=relative_path(src, project_file), title="我的项目", style={"fill": "#e7298a"},
                           visible=False, opacity=0.5, offset="gcj02")],
        bundled={"roads": {"visible": False, "opacity": 1.0}},
        extent=(111.3, 33.2, 111.6, 33.4),
        bookmarks=[Bookmark("县城", (111.45, 33.28, 111.52, 33.33))])


def test_project_round_trip(tmp_path):
    project_file, project = sample_project(tmp_path)
    save_project(project, project_file)
    doc = json.loads(project_file.read_text(encoding="utf-8"))
    assert doc["version"] == 1 and doc["layers"][0]["path"] == "data/mine.geojson"
    back = load_project(project_file)
    assert back == project
    assert resolve(back.layers[0], project_file).exists()


def test_kill_during_save_leaves_the_old_project(tmp_path, monkeypatch):
    project_file, project = sample_project(tmp_path)
    save_project(project, project_file)
    before = project_file.read_bytes()
    changed = Project(bookmarks=[Bookmark("新", (0, 0, 1, 1))])

    import os

    def killed(*_args):
        raise KeyboardInterrupt("simulated kill between write and rename")

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        save_project(changed, project_file)
    monkeypatch.undo()
    assert project_file.read_bytes() == before
    assert load_project(project_file) == project
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_moved_files_are_flagged_not_fatal(tmp_path):
    project_file, project = sample_project(tmp_path)
    save_project(project, project_file)
    (tmp_path / "data" / "mine.geojson").rename(tmp_path / "elsewhere.geojson")
    from types import SimpleNamespace

    from xixia_map.ui.project_io import apply_project

    window = SimpleNamespace(layers=LayerList(), bookmarks=[], lang="zh", tr=lambda text: text,
                             map_view=SimpleNamespace(fit_bounds=lambda *extent: None))
    problems = apply_project(window, load_project(project_file), project_file)
    assert len(problems) == 1 and problems[0].startswith("我的项目: 文件已移动或删除")
    assert "mine.geojson" in problems[0] and len(window.layers) == 0
    assert window.bookmarks == project.bookmarks


@pytest.mark.parametrize("content,message", [
    ("{", "not a readable project"), ('{"format": "other"}', "not a Xixia Map project"),
    ('{"format": "xixia-map-project", "version": 99}', "version 99"),
])
def test_bad_project_files(tmp_path, content, message):
    path = tmp_path / "p.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError, match=message):
        load_project(path)


# -- measuring --------------------------------------------------------------------

def test_geodesic_measurement_in_mu():
    # one degree of latitude is ~110.9 km at 33°N
    assert geodesic_length_m([(111.48, 33.0), (111.48, 34.0)]) == pytest.approx(110_900, rel=0.002)
    square = [(111.48, 33.30), (111.49, 33.30), (111.49, 33.31), (111.48, 33.31)]
    area = geodesic_area_m2(square)
    # 0.01° of longitude is ~930.5 m at 33.3°N, 0.01° of latitude ~1109 m
    assert area == pytest.approx(930.5 * 1109, rel=0.005)
    text = format_area(area)
    assert f"{area / 666.6667:,.1f} 亩" in text and f"{area / 10000:,.2f} 公顷" in text and "万亩" not in text
    assert format_area(30e6) == "30.00 km²（3,000.00 公顷，45,000.0 亩，4.50 万亩）"  # one format for every unit


# -- a corpus of malformed files --------------------------------------------------

def _sqlite_not_gpkg(path):
    con = sqlite3.connect(path)
    con.execute("create table t (x)")
    con.commit()
    con.close()


FC = '{"type":"FeatureCollection","features":[%s]}'
FEAT = '{"type":"Feature","properties":{"name":"x"},"geometry":%s}'
CORPUS = {
    "truncated.geojson": FC % FEAT % '{"type":"Point","coordinates":[111.4,33.3]}' [:-30],
    "zero.geojson": b"",
    "zero.gpkg": b"",
    "zero.shp": b"",
    "zero.csv": b"",
    "png_as.gpkg": b"\x89PNG\r\n\x1a\n" + bytes(200),
    "text_as.shp": "not a shapefile at all\n" * 20,
    "text_as.kml": "hello, this is not XML",
    "truncated.kml": '<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark>',
    "array.geojson": "[1, 2, 3]",
    "no_features.geojson": '{"type":"FeatureCollection"}',
    "empty_fc.geojson": FC % "",
    "null_geometry.geojson": FC % FEAT % "null",
    "unknown_type.geojson": FC % FEAT % '{"type":"Circle","coordinates":[111.4,33.3]}',
    "string_coords.geojson": FC % FEAT % '{"type":"Point","coordinates":["a","b"]}',
    "one_coord.geojson": FC % FEAT % '{"type":"Point","coordinates":[111.4]}',
    "nan_coords.geojson": FC % FEAT % '{"type":"Point","coordinates":[NaN, 33.3]}',
    "inf_coords.geojson": FC % FEAT % '{"type":"Point","coordinates":[Infinity, 33.3]}',
    "metres_no_crs.geojson": FC % FEAT % '{"type":"Point","coordinates":[37512345, 3686000]}',
    "latin1.geojson": (FC % FEAT % '{"type":"Point","coordinates":[111.4,33.3]}').replace('"x"', '"café"').encode(
        "latin-1"),
    "csv_no_coords.csv": "名称,备注\n回车镇,无坐标\n",
    "csv_bad_numbers.csv": "name,lon,lat\na,111.4,北纬\n",
    "csv_header_only.csv": "name,lon,lat\n",
    "corrupt.xlsx": b"PK\x03\x04" + bytes(100),
    "corrupt.zip": b"PK\x03\x04 definitely not a zip",
    "sqlite_not_gpkg.gpkg": _sqlite_not_gpkg,
    "binary.geojson": bytes(range(256)) * 4,
    "deep_nesting.geojson": "[" * 100000 + "]" * 100000,
    "unclosed_ring.geojson": FC % FEAT % '{"type":"Polygon","coordinates":[[[111.4,33.3],[111.5,33.3],[111.5,33.4]]]}',
    # valid but awkward: these must load, with their text intact
    "long_attribute.geojson": (FC % FEAT % '{"type":"Point","coordinates":[111.4,33.3]}').replace('"x"', '"' + "长" * 10000 + '"'),
    "html_attribute.geojson": (FC % FEAT % '{"type":"Point","coordinates":[111.4,33.3]}').replace(
        '"x"', '"<script>alert(1)</script><img src=x onerror=alert(2)>"'),
    "mixed_geometry.geojson": FC % ",".join([FEAT % '{"type":"Point","coordinates":[111.4,33.3]}',
                                             FEAT % '{"type":"LineString","coordinates":[[111.4,33.3],[111.5,33.4]]}']),
    "bom.geojson": "\ufeff" + FC % FEAT % '{"type":"Point","coordinates":[111.4,33.3]}',
}
# An unclosed ring is closed (and said so): CAD exports write them.
MUST_LOAD = {"long_attribute.geojson", "html_attribute.geojson", "mixed_geometry.geojson", "bom.geojson",
             "unclosed_ring.geojson"}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_malformed_file_gets_a_clear_message(tmp_path, name):
    path = tmp_path / name
    content = CORPUS[name]
    if callable(content):
        content(path)
    else:
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    try:
        layer = layer_from_file(path)
    except DataError as exc:
        assert name not in MUST_LOAD, exc
        assert str(path) in str(exc) and len(str(exc).splitlines()) == 1
        return
    assert name in MUST_LOAD, f"{name} loaded but should not"
    if name == "long_attribute.geojson":
        assert layer.frame["name"].iloc[0] == "长" * 10000
    if name == "html_attribute.geojson":
        assert layer.frame["name"].iloc[0] == "<script>alert(1)</script><img src=x onerror=alert(2)>"
    if name == "unclosed_ring.geojson":
        assert layer.frame.geometry.iloc[0].geom_type == "Polygon" and layer.report.warnings


@pytest.mark.parametrize("missing", [".shx", ".dbf"])
def test_shapefile_missing_parts(tmp_path, missing):
    gpd.GeoDataFrame({"a": [1]}, geometry=[Point(111.4, 33.3)], crs=4326).to_file(tmp_path / "s.shp")
    (tmp_path / f"s{missing}").unlink()
    with pytest.raises(DataError, match=missing):
        layer_from_file(tmp_path / "s.shp")


def test_folder_instead_of_file(tmp_path):
    with pytest.raises(DataError, match="folder"):
        layer_from_file(tmp_path)


def test_atomic_writes_get_normal_permissions_and_leftovers_are_cleaned(tmp_path, monkeypatch):
    import os
    import time

    from xixia_map.data import atomic_write

    monkeypatch.setenv("XIXIA_MAP_CACHE", str(tmp_path / "cache"))
    target = tmp_path / "plan.xixia.json"
    atomic_write.atomic_write_bytes(target, b"{}")
    assert target.stat().st_mode & 0o777 == 0o666 & ~atomic_write._UMASK
    target.chmod(0o640)
    atomic_write.atomic_write_bytes(target, b"{}")
    assert target.stat().st_mode & 0o777 == 0o640  # a replaced file keeps its permissions
    old = atomic_write.temp_path_for(target)
    young = atomic_write.temp_path_for(target)
    old.write_bytes(b"half")
    young.write_bytes(b"half")
    day_ago = time.time() - 2 * 86400
    os.utime(old, (day_ago, day_ago))
    assert atomic_write.clean_stale_temp_files() == 1
    assert not old.exists() and young.exists() and target.read_bytes() == b"{}"


def test_areas_in_english_are_in_hectares_and_mu():
    assert format_area(30e6, lang="en") == "30.00 km² (3,000.00 ha, 45,000.0 mu)"
    assert "公顷" not in format_area(1234.5, exact=True, lang="en") and "亩" not in format_area(1234.5, lang="en")
