"""The planner's own formats in the real window: a File Geodatabase with two
feature classes, a DXF drawing in GK zone 37, an RGB GeoTIFF in GK zone 37 and
a small DEM, all written in the test run. Each is opened through the window's
opener and drawn; its edges land where its coordinates say, within a pixel."""
from ceilings import CEILING_MS
import json

import numpy as np

import pytest
from pyproj import Transformer

import planner_files as pf
from windows import open_and_wait
from xixia_map.data.errors import DataError
from xixia_map.data.reader import list_layers_of
from xixia_map.data.user_layers import layer_from_file
from xixia_map.map.capture import stable_grab, wait_until_idle

FROM_GK37 = Transformer.from_crs(4525, 4326, always_xy=True)


def _only(window, layer_id, bounds):
    for layer in window.layers:
        window.layers.set_visible(layer.id, layer.id == layer_id)
    window.map_view.set_basemap("none")
    window.map_view.call_sync("fitBounds", *bounds)
    wait_until_idle(window.map_view)
    # A whole zoom: at a fractional one every edge is resampled over a pixel or two
    # (CSS-scaled tiles, antialiased paths), which a 1 px registration check cannot tell apart.
    zoom = int(window.map_view.last_view["zoom"])
    window.map_view.call_sync("setViewNoAnim", (bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2, zoom)
    wait_until_idle(window.map_view)
    return stable_grab(window.map_view)


def _container_point(view, lon, lat):
    point = json.loads(view.evaluate(
        "JSON.stringify(window.xixia._state.map.latLngToContainerPoint([%r, %r]))" % (lat, lon)))
    return point["x"], point["y"]


def _edge_x(image, y, x_from, x_to, is_west, is_east):
    """The first column, going east along row y, where the west colour gives way to the east one."""
    y = round(y)
    last_west = None
    for x in range(round(x_from), round(x_to)):
        color = image.pixelColor(x, y)
        if is_west(color):
            last_west = x
        elif is_east(color) and last_west is not None:
            return (last_west + x) / 2 + 0.5
    raise AssertionError(f"no edge found on row {y}")


def _scale(view):
    return view.devicePixelRatioF() if hasattr(view, "devicePixelRatioF") else 1.0


def test_filegdb_lists_its_feature_classes_and_draws_in_sandiao_colours(qtbot, window, tmp_path):
    gdb = pf.filegdb(tmp_path / "三调.gdb")
    assert list_layers_of(gdb) == ["DLTB", "XZQ"]
    window.opener.ask_layer = lambda path, names: "DLTB"
    layer_id = open_and_wait(qtbot, window, gdb)
    layer = window.layers[layer_id]
    rule = layer.spec.style["color_by"]
    assert rule["field"] == "DLBM" and rule["values"]["0101"]["label_zh"] == "0101 水田"
    assert rule["values"]["0101"]["area_text"] == "0.10 公顷 / 1.5 亩"  # from TBMJ (1000 m²)
    image = _only(window, layer_id, (111.455, 33.285, 111.505, 33.315))
    x, y = _container_point(window.map_view, 111.48, 33.30)  # the 水田 | 乔木林地 boundary
    paddy = rule["values"]["0101"]["color"]
    forest = rule["values"]["0301"]["color"]
    from PySide6.QtGui import QColor

    def near(target):
        t = QColor(target)
        return lambda c: abs(c.red() - t.red()) + abs(c.green() - t.green()) + abs(c.blue() - t.blue()) < 90

    edge = _edge_x(image, y, x - 40, x + 40, near(paddy), near(forest))
    assert abs(edge - x) <= 1.0, (edge, x)


def test_dxf_in_gk_coordinates_asks_for_its_crs_and_lands_in_place(qtbot, window, tmp_path):
    drawing = pf.dxf_drawing(tmp_path / "设计院.dxf")
    assert set(list_layers_of(drawing)) == {"文字", "线", "面"}
    text = layer_from_file(drawing, layer="文字", assume_crs=4525)
    assert list(text.frame["Text"]) == ["规划地块"] and text.spec.label_mode == "permanent"
    asked = []
    window.opener.ask_layer = lambda path, names: "面"
    window.opener.ask_crs = lambda path, err: asked.append(err.guesses[0].epsg) or (4525, False)
    layer_id = open_and_wait(qtbot, window, drawing)
    assert asked == [4525] and list(window.layers[layer_id].frame["Layer"]) == ["红线"]
    image = _only(window, layer_id, (111.465, 33.29, 111.495, 33.31))
    x, y = _container_point(window.map_view, 111.47, 33.30)  # the 红线 polygon's west edge
    background = image.pixelColor(round(x) - 25, round(y))

    def outside(c):
        return abs(c.red() - background.red()) + abs(c.green() - background.green()) + abs(c.blue() - background.blue()) < 12

    edge = _edge_x(image, y, x - 20, x + 20, outside, lambda c: not outside(c))
    assert abs(edge - x) <= 1.0, (edge, x)


def test_rgb_geotiff_in_gk_zone37_lands_within_a_pixel(qtbot, window, tmp_path):
    tif = pf.rgb_geotiff(tmp_path / "正射影像.tif")
    layer_id = open_and_wait(qtbot, window, tif)
    layer = window.layers[layer_id]
    assert layer.raster.kind == "image" and layer.raster.crs == "EPSG:4525" and layer.raster.overviews == [2, 4, 8]
    lon, lat = FROM_GK37.transform(pf.IMAGE_EDGE_E, pf.IMAGE_NORTH - 1000)
    image = _only(window, layer_id, (lon - 0.008, lat - 0.004, lon + 0.008, lat + 0.012))
    x, y = _container_point(window.map_view, lon, lat)
    edge = _edge_x(image, y, x - 60, x + 60, lambda c: c.red() > 150 and c.green() < 80,
                   lambda c: c.green() > 150 and c.red() < 80)
    assert abs(edge - x) <= 1.0, (edge, x)
    # the raster's north edge too
    north_lon, north_lat = FROM_GK37.transform(pf.IMAGE_EDGE_E - 500, pf.IMAGE_NORTH)
    nx, ny = _container_point(window.map_view, north_lon, north_lat)
    column = [image.pixelColor(round(nx), yy) for yy in range(round(ny) - 10, round(ny) + 10)]
    first_red = next(i for i, c in enumerate(column) if c.red() > 150 and c.green() < 80) + round(ny) - 10
    assert abs(first_red + 0.5 - ny) <= 1.0, (first_red, ny)


def test_dem_is_a_hillshade_with_heights_under_the_cursor(qtbot, window, tmp_path):
    dem = pf.dem(tmp_path / "dem.tif")
    layer_id = open_and_wait(qtbot, window, dem)
    layer = window.layers[layer_id]
    low, high = layer.raster.elevation_range
    assert layer.raster.kind == "dem" and 299 < low < 320 and 850 < high <= 900
    shown = layer.frame["高程范围（米）"].iloc[0]  # the details show the lowest and the highest cell
    assert shown.endswith("–900.0") and "估计" not in shown
    assert layer.frame["坐标系"].iloc[0].startswith("2000国家大地坐标系")
    peak = pf.dem_peak_lonlat()
    image = _only(window, layer_id, (peak[0] - 0.07, peak[1] - 0.06, peak[0] + 0.07, peak[1] + 0.06))
    hit = window.map_view.raster_value_at(*peak)
    assert hit is not None and hit[0].id == layer_id and hit[1] == pytest.approx(900, abs=2)
    window._show_cursor(peak[1], peak[0])
    assert "高程 900" in window.cursor_label.text() or "高程 899" in window.cursor_label.text()
    # shaded: the hill's south-east flank is darker than its north-west flank (light from 315°)
    nw = _container_point(window.map_view, peak[0] - 0.02, peak[1] + 0.017)
    se = _container_point(window.map_view, peak[0] + 0.02, peak[1] - 0.017)
    lum = lambda c: c.red() + c.green() + c.blue()  # noqa: E731
    assert lum(image.pixelColor(round(nw[0]), round(nw[1]))) > lum(image.pixelColor(round(se[0]), round(se[1]))) + 30
    # the west edge of the DEM lands within a pixel
    x0, y0 = pf.TO_GK37.transform(111.42, 33.36)
    west_lon, west_lat = FROM_GK37.transform(x0, y0 - 30 * 200)
    wx, wy = _container_point(window.map_view, west_lon, west_lat)
    blank = image.pixelColor(round(wx) - 15, round(wy))
    row = [image.pixelColor(x, round(wy)) for x in range(round(wx) - 10, round(wx) + 10)]
    first = next(i for i, c in enumerate(row) if abs(lum(c) - lum(blank)) > 20) + round(wx) - 10
    assert abs(first + 0.5 - wx) <= 1.0, (first, wx)
    # a click shows the height in the details
    with qtbot.waitSignal(window.map_view.feature_selected, timeout=CEILING_MS) as blocker:
        window.map_view._on_map_clicked(peak[1], peak[0], 13)
    assert blocker.args[0]["_extra"]["高程（米）"].startswith(("899", "900"))


@pytest.mark.parametrize("make,message", [
    (lambda p: p.write_bytes(b"II*\x00" + bytes(100)), "not a readable raster"),
    (lambda p: p.write_bytes(pf.rgb_geotiff(p.with_name("src.tif"), 64).read_bytes()[:3000]), "not a readable raster"),
])
def test_bad_rasters_get_one_message(tmp_path, make, message):
    path = tmp_path / "bad.tif"
    make(path)
    with pytest.raises(DataError) as info:
        layer_from_file(path)
    assert message in info.value.one_line() and "bad.tif" in info.value.one_line()


def test_raster_without_georeferencing_is_refused_not_placed(tmp_path):
    import numpy as np
    import rasterio

    path = tmp_path / "scan.tif"
    with rasterio.open(path, "w", driver="GTiff", width=50, height=50, count=3, dtype="uint8") as dst:
        dst.write(np.zeros((3, 50, 50), dtype=np.uint8))
    with pytest.raises(DataError, match="no georeferencing"):
        layer_from_file(path)


def test_dem_full_of_nodata_is_refused(tmp_path):
    import numpy as np
    import rasterio
    from rasterio.transform import from_origin

    path = tmp_path / "empty_dem.tif"
    with rasterio.open(path, "w", driver="GTiff", width=40, height=40, count=1, dtype="float32", crs="EPSG:4525",
                       transform=from_origin(37_500_000, 3_690_000, 30, 30), nodata=-9999) as dst:
        dst.write(np.full((1, 40, 40), -9999, dtype="float32"))
    with pytest.raises(DataError, match="every cell is nodata"):
        layer_from_file(path)


def test_not_a_geodatabase(tmp_path):
    fake = tmp_path / "fake.gdb"
    fake.mkdir()
    (fake / "readme.txt").write_text("hello")
    with pytest.raises(DataError, match="not a File Geodatabase"):
        layer_from_file(fake)


def test_dxf_with_only_3d_faces(tmp_path):
    import ezdxf

    doc = ezdxf.new("R2010")
    doc.modelspace().add_3dface([(0, 0, 0), (1, 0, 0), (1, 1, 0), (0, 1, 0)])
    doc.saveas(tmp_path / "faces.dxf")
    with pytest.raises(DataError, match="only 3D faces"):
        layer_from_file(tmp_path / "faces.dxf")


def test_check_command_takes_the_planner_formats(tmp_path):
    import subprocess
    import sys

    gdb = pf.filegdb(tmp_path / "x.gdb")
    run = lambda *a: subprocess.run([sys.executable, "-m", "xixia_map", "check", *map(str, a)],  # noqa: E731
                                    capture_output=True, text=True, timeout=120, env={"PATH": "/usr/bin:/bin", "LANG": "C",
                                                                                      "HOME": str(tmp_path)})
    proc = run(gdb)
    assert proc.returncode == 0 and "2 layers" in proc.stdout and "DLTB: OK, 2 features" in proc.stdout
    proc = run(gdb, "--layer", "XZQ")
    assert proc.returncode == 0 and "1 features" in proc.stdout
    proc = run(pf.dxf_drawing(tmp_path / "d.dxf"), "--layer", "面", "--crs", "EPSG:4525")
    assert proc.returncode == 0 and "1 Polygon" in proc.stdout
    proc = run(pf.rgb_geotiff(tmp_path / "i.tif", 256, overviews=False))
    assert proc.returncode == 0 and "EPSG:4525" in proc.stdout, proc.stderr


def test_the_fast_source_gives_the_same_pixels_as_the_file(tmp_path):
    """raster_tiles.fast_source drops the EPSG code of a CGCS2000 raster's CRS to
    spare PROJ's database lookups; the tiles must be exactly those of the file."""
    import warnings

    import mercantile
    import numpy as np
    from rio_tiler.io import Reader

    from xixia_map.data.raster import read_raster_info
    from xixia_map.map.raster_tiles import fast_source

    info = read_raster_info(pf.rgb_geotiff(tmp_path / "dom.tif"))
    source = fast_source(info)
    assert source.startswith("<VRTDataset") and "4525" not in source.split("<GeoTransform>")[0]
    west, south, east, north = info.bounds_wgs84
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with Reader(str(info.path)) as plain, Reader(source) as fast:
            assert fast.dataset.overviews(1) == [2, 4, 8]
            for tile in list(mercantile.tiles(west, south, east, north, 16))[:6]:
                a = plain.tile(tile.x, tile.y, tile.z, tilesize=256)
                b = fast.tile(tile.x, tile.y, tile.z, tilesize=256)
                assert np.array_equal(a.data, b.data) and np.array_equal(a.mask, b.mask)


def test_a_hostile_file_name_stays_a_file_name_in_the_vrt(tmp_path):
    from xixia_map.data.raster import read_raster_info
    from xixia_map.map.raster_tiles import RasterTiles

    folder = tmp_path / "a&b <c> \"d\""
    folder.mkdir()
    info = read_raster_info(pf.rgb_geotiff(folder / "x<SourceFilename>&amp;.tif", 256, overviews=False))
    tiles = RasterTiles(info)
    import mercantile

    west, south, east, north = info.bounds_wgs84
    tile = mercantile.tile((west + east) / 2, (south + north) / 2, 17)
    assert tiles.render(tile.z, tile.x, tile.y)  # read from the right file


def test_overviews_are_built_level_by_level_and_can_be_cancelled(tmp_path):
    from xixia_map.data.raster import build_overviews, read_raster_info
    from xixia_map.data.reader import Cancelled

    tif = pf.rgb_geotiff(tmp_path / "big.tif", 4096 + 512, overviews=False)
    assert read_raster_info(tif).needs_overviews
    calls = []
    with pytest.raises(Cancelled):
        build_overviews(tif, progress=lambda d, t: calls.append((d, t)), cancelled=lambda: len(calls) >= 1)
    assert calls == [(1, 4)]  # 4 608 px: levels 2, 4, 8 and 16 leave at least 256 px
    seen = []
    factors = build_overviews(tif, progress=lambda d, t: seen.append(d))
    info = read_raster_info(tif)
    assert factors[:4] == [2, 4, 8, 16] and info.overviews == factors and not info.needs_overviews
    assert seen == list(range(1, len(factors) + 1))


def test_sandiao_areas_without_tbmj_are_geodesic():
    import geopandas as gpd
    import shapely
    from pyproj import Geod

    from xixia_map.data.sandiao import areas_m2

    cells = [shapely.box(111.0 + 0.1 * i, 33.0 + 0.05 * i, 111.08 + 0.1 * i, 33.07 + 0.05 * i) for i in range(8)]
    frame = gpd.GeoDataFrame({"DLBM": ["0101"] * 8}, geometry=cells, crs=4326)
    geod = Geod(ellps="WGS84")
    exact = [abs(geod.geometry_area_perimeter(c)[0]) for c in cells]
    assert np.allclose(areas_m2(frame, None), exact, rtol=1e-5)


def test_details_give_area_and_length(qtbot, window, tmp_path):
    import geopandas as gpd
    import shapely
    from pyproj import Geod

    path = tmp_path / "地块.geojson"
    parcel = shapely.box(111.48, 33.30, 111.49, 33.31)
    gpd.GeoDataFrame({"名称": ["甲"]}, geometry=[parcel], crs=4326).to_file(path)
    layer_id = open_and_wait(qtbot, window, path)
    window.details.show_record(window.layers[layer_id].record("1"))
    texts = [window.details.form.itemAt(i).widget().text() for i in range(window.details.form.count())
             if window.details.form.itemAt(i).widget() is not None]
    area = abs(Geod(ellps="WGS84").geometry_area_perimeter(parcel)[0])
    assert "面积:" in texts
    shown = texts[texts.index("面积:") + 1]
    assert shown.startswith(f"{area:,.1f} m²") and f"{area / 666.6667:,.1f} 亩" in shown
    assert f"{area / 10000:,.2f} 公顷" in shown


def test_dem_tint_can_be_switched_off(qtbot, window, tmp_path):
    dem = pf.dem(tmp_path / "dem.tif")
    layer_id = open_and_wait(qtbot, window, dem)
    peak = pf.dem_peak_lonlat()
    bounds = (peak[0] - 0.07, peak[1] - 0.06, peak[0] + 0.07, peak[1] + 0.06)
    tinted = _only(window, layer_id, bounds)
    window.layers.set_tinted(layer_id, False)
    qtbot.waitUntil(lambda: window.map_view.call_sync("featureCount", layer_id) == 1, timeout=CEILING_MS)
    grey = _only(window, layer_id, bounds)
    x, y = _container_point(window.map_view, peak[0] - 0.03, peak[1] - 0.03)
    a, b = tinted.pixelColor(round(x), round(y)), grey.pixelColor(round(x), round(y))
    assert abs(a.green() - a.blue()) > 20 and abs(b.red() - b.green()) <= 3 and abs(b.green() - b.blue()) <= 3


def test_rgba_imagery_in_cgcs2000_degrees_keeps_its_transparency(tmp_path):
    """An RGBA GeoTIFF in CGCS2000 geographic (EPSG:4490): its alpha band hides the
    west half; tiles there are transparent, the east half is drawn."""
    import io

    import mercantile
    import rasterio
    from PIL import Image
    from rasterio.transform import from_origin

    from xixia_map.data.raster import read_raster_info
    from xixia_map.map.raster_tiles import RasterTiles

    data = np.zeros((4, 400, 400), dtype=np.uint8)
    data[2] = 200  # blue
    data[3, :, 200:] = 255  # alpha: only the east half is there
    path = tmp_path / "rgba_4490.tif"
    with rasterio.open(path, "w", driver="GTiff", width=400, height=400, count=4, dtype="uint8", crs="EPSG:4490",
                       transform=from_origin(111.40, 33.34, 0.0002, 0.0002), photometric="RGB",
                       alpha="YES") as dst:
        dst.write(data)
    info = read_raster_info(path)
    assert info.kind == "image" and info.crs == "EPSG:4490"
    tiles = RasterTiles(info)
    for lon, visible in ((111.41, False), (111.47, True)):
        tile = mercantile.tile(lon, 33.30, 15)
        png = tiles.render(tile.z, tile.x, tile.y)
        image = Image.open(io.BytesIO(png)).convert("RGBA")
        west, south, east, north = mercantile.bounds(tile)
        px = int((lon - west) / (east - west) * image.width)
        r, g, b, a = image.getpixel((px, image.height // 2))
        assert (a > 200 and b > 150) if visible else a == 0, (lon, (r, g, b, a))
