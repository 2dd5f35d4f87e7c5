"""Bad files get one clear line naming the file and the problem: exit 1, no traceback."""
import json
import subprocess
import sys
import zipfile

import geopandas as gpd
import pytest
from shapely.geometry import Point

from xixia_map.data.catalog import load_catalog
from xixia_map.data.errors import DataError
from xixia_map.data.layers import LayerList

GOOD = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"id": "a", "name": "回车镇"},
     "geometry": {"type": "Point", "coordinates": [111.37, 33.30]}}]}


def run_check(path):
    proc = subprocess.run([sys.executable, "-m", "xixia_map", "check", str(path)],
                          capture_output=True, text=True, timeout=120)
    return proc.returncode, proc.stdout, proc.stderr


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


CASES = {
    "truncated": ("t.geojson", json.dumps(GOOD)[:60], "truncated"),
    "empty": ("e.geojson", b"", "empty"),
    "not_geodata_png": ("picture.geojson", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "not UTF-8"),
    "json_not_geojson": ("cfg.json", '{"name": "settings", "debug": true}', "not GeoJSON"),
    "text_file": ("notes.gpkg", "just some words, not a database\n" * 10, "not a readable vector file"),
    "missing_geometry": ("m.geojson", json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"id": "x1"}, "geometry": None}]}), "feature x1: has no geometry"),
    "projected_no_crs": ("p.geojson", json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": {"type": "Point",
                                                           "coordinates": [37512345.0, 3686000.0]}}]}),
                         "no CRS"),
    "non_utf8": ("gbk.geojson", json.dumps(GOOD, ensure_ascii=False).encode("gbk"), "not UTF-8"),
    "csv_without_coords": ("list.csv", "名称,备注\n回车镇,x\n", "no coordinate columns"),
    "csv_bad_number": ("list.csv", "name,lon,lat\n回车镇,111.37,abc\n", "line 2"),
    "bad_zip": ("s.zip", b"PK\x03\x04 not really a zip", "not a valid ZIP"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_check_reports_bad_files_clearly(tmp_path, case):
    name, data, expected = CASES[case]
    path = write(tmp_path, name, data)
    code, out, err = run_check(path)
    assert code == 1
    assert "Traceback" not in err
    line = err.strip()
    assert len(line.splitlines()) == 1, err
    assert str(path) in line and expected in line


def test_missing_shapefile_companion(tmp_path):
    gpd.GeoDataFrame({"id": ["a"]}, geometry=[Point(111.4, 33.3)], crs=4326).to_file(tmp_path / "x.shp")
    (tmp_path / "x.dbf").unlink()
    code, _, err = run_check(tmp_path / "x.shp")
    assert code == 1 and ".dbf" in err and "x.shp" in err


def test_good_files_pass(tmp_path):
    path = write(tmp_path, "ok.geojson", json.dumps(GOOD, ensure_ascii=False))
    code, out, err = run_check(path)
    assert code == 0 and "1 features" in out
    csv = write(tmp_path, "ok.csv", "名称,经度,纬度\n回车镇,111.37,33.30\n".encode("gb18030"))
    code, out, _ = run_check(csv)
    assert code == 0 and "名称" in out
    shp = tmp_path / "z.shp"
    gpd.GeoDataFrame({"id": ["a"]}, geometry=[Point(111.4, 33.3)], crs=4326).to_file(shp)
    with zipfile.ZipFile(tmp_path / "z.zip", "w") as archive:
        for part in tmp_path.glob("z.*"):
            if part.suffix != ".zip":
                archive.write(part, part.name)
    code, out, _ = run_check(tmp_path / "z.zip")
    assert code == 0 and "1 features" in out


def test_hostile_attribute_is_kept_verbatim(tmp_path):
    hostile = '<img src=x onerror=alert(1)>"; DROP TABLE'
    doc = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": hostile},
           "geometry": {"type": "Point", "coordinates": [111.4, 33.3]}}]}
    code, out, _ = run_check(write(tmp_path, "h.geojson", json.dumps(doc)))
    assert code == 0
    from xixia_map.data.user_layers import layer_from_file

    assert layer_from_file(tmp_path / "h.geojson").frame["name"].iloc[0] == hostile


def test_catalog_entry_pointing_to_missing_file(tmp_path):
    catalog = {"version": 1, "required_fields": ["id"], "layers": [{
        "id": "ghost", "title_zh": "幽灵", "title_en": "Ghost", "file": "nowhere.geojson",
        "geometry": "Point", "category": "x", "style": {}, "label_field": "id", "detail_fields": []}]}
    path = write(tmp_path, "catalog.json", json.dumps(catalog, ensure_ascii=False))
    with pytest.raises(DataError) as info:
        LayerList.from_catalog(load_catalog(path))
    assert "nowhere.geojson" in str(info.value) and "file not found" in str(info.value)


def test_catalog_schema_problem_names_feature_and_field(tmp_path):
    doc = {"type": "FeatureCollection", "features": [{"type": "Feature",
           "properties": {"id": "p1", "name_zh": "甲", "name_en": "A", "category": "x", "source": "s",
                          "accuracy_m": -5},
           "geometry": {"type": "Point", "coordinates": [111.4, 33.3]}}]}
    write(tmp_path, "pts.geojson", json.dumps(doc, ensure_ascii=False))
    catalog = {"required_fields": ["id", "name_zh", "name_en", "category", "source", "accuracy_m"],
               "layers": [{"id": "pts", "title_zh": "点", "title_en": "P", "file": "pts.geojson",
                           "geometry": "Point", "category": "x", "style": {}, "label_field": "name_zh",
                           "detail_fields": []}]}
    path = write(tmp_path, "catalog.json", json.dumps(catalog, ensure_ascii=False))
    with pytest.raises(DataError) as info:
        LayerList.from_catalog(load_catalog(path))
    message = str(info.value)
    assert "pts.geojson" in message and "feature p1" in message and "accuracy_m" in message
