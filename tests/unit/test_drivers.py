"""One format registry (data/drivers): each family claimed by one driver, and
opening a path one call whose questions come back as exceptions."""
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import LineString, Point

from xixia_map.data.drivers import DRIVERS, ColumnsQuestion, LayerQuestion, driver_for
from xixia_map.data.errors import DataError
from xixia_map.data.layer_origin import FileOrigin
from xixia_map.data.user_layers import layer_from_file

SEAT, HUICHE = (111.4875, 33.3011), (111.52, 33.36)


def test_no_suffix_is_claimed_twice_and_each_family_has_its_driver():
    claimed = [s for driver in DRIVERS for s in driver.suffixes if driver.name != "File Geodatabase"]
    assert len(claimed) == len(set(claimed))
    names = {suffix: driver_for(Path(f"x{suffix}")).name for suffix in
             (".geojson", ".json", ".gpkg", ".shp", ".SHP", ".dbf", ".zip", ".dxf", ".gpx", ".kml", ".fgb",
              ".csv", ".xlsx", ".txt", ".tif", ".gtiff", ".sqlite", ".unknown")}
    assert names == {".geojson": "GeoJSON", ".json": "GeoJSON", ".gpkg": "GeoPackage", ".shp": "Shapefile",
                     ".SHP": "Shapefile", ".dbf": "dBASE", ".zip": "ZIP", ".dxf": "DXF", ".gpx": "GPX",
                     ".kml": "KML", ".fgb": "FlatGeobuf", ".csv": "CSV", ".xlsx": "Excel", ".txt": "text table",
                     ".tif": "GeoTIFF", ".gtiff": "GeoTIFF", ".sqlite": "SpatiaLite", ".unknown": "GDAL"}


def test_a_geodatabase_is_a_folder(tmp_path):
    (tmp_path / "a.gdb").mkdir()
    (tmp_path / "b.gdb").write_bytes(b"not a folder")
    assert driver_for(tmp_path / "a.gdb").name == "File Geodatabase" and driver_for(tmp_path / "b.gdb").name == "GDAL"


def test_a_file_of_several_layers_asks_which_only_when_a_planner_is_there(tmp_path):
    path = tmp_path / "plan.gpkg"
    gpd.GeoDataFrame({"name": ["a"]}, geometry=[Point(SEAT)], crs=4326).to_file(path, layer="点位")
    gpd.GeoDataFrame({"name": ["b"]}, geometry=[LineString([SEAT, HUICHE])], crs=4326).to_file(path, layer="道路")
    with pytest.raises(LayerQuestion) as asked:
        layer_from_file(path, ask=True)
    assert asked.value.names == ["点位", "道路"]
    chosen = layer_from_file(path, layer="道路", ask=True)
    assert chosen.spec.geometry == "LineString" and chosen.origin == FileOrigin(layer="道路")
    assert layer_from_file(path).spec.geometry == "Point"  # a script reads GDAL's first, as before


def test_a_table_asks_for_its_coordinate_columns_only_when_a_planner_is_there(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("name,E,N\nA,111.4,33.3\n", encoding="utf-8")
    with pytest.raises(ColumnsQuestion) as asked:
        layer_from_file(path, ask=True)
    assert asked.value.columns == ["name", "E", "N"]
    with pytest.raises(DataError, match="no coordinate columns"):
        layer_from_file(path)
    layer = layer_from_file(path, columns=("E", "N"))
    assert layer.frame.geometry.iloc[0].x == pytest.approx(111.4)
    assert "GB18030" in layer.origin.encodings  # a CSV's text encoding may be chosen


def test_the_encoding_menu_is_offered_where_a_family_has_text_to_choose_for(tmp_path):
    path = tmp_path / "places.geojson"
    gpd.GeoDataFrame({"name": ["县城"]}, geometry=[Point(SEAT)], crs=4326).to_file(path)
    assert layer_from_file(path).origin.encodings == ()
    shp = tmp_path / "places.shp"
    gpd.GeoDataFrame({"name": ["县城"]}, geometry=[Point(SEAT)], crs=4326).to_file(shp, encoding="UTF-8")
    assert layer_from_file(shp).origin.encodings == ("UTF-8", "GB18030", "Big5")
