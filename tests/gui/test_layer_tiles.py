"""Large layers' tiles drawn in Python: styled, identified, cached and planned (no Qt)."""
import geopandas as gpd
import numpy as np
import shapely
from big_layers import big_layer

from xixia_map.data.catalog import LayerSpec
from xixia_map.data.layers import VectorLayer
from xixia_map.map.layer_tiles import TILE_PX, TILE_THRESHOLD, ZOOM_OFFSET, LayerTiles


def test_threshold_sends_big_layers_to_tiles():
    layer = big_layer(TILE_THRESHOLD + 1)
    from xixia_map.map.page import layer_config

    config = layer_config(layer, inline=False)
    assert "tiles" in config and "url" not in config and config["count"] == TILE_THRESHOLD + 1


def test_tiles_are_styled_by_category():
    from io import BytesIO

    import mercantile
    from PIL import Image

    tiles = LayerTiles(big_layer())
    west = mercantile.tile(111.38, 33.33, 12)
    east = mercantile.tile(111.62, 33.33, 12)
    def share(image, rgb):
        pixels = [c for n, c in image.getcolors(65536) for _ in range(n)]
        return sum(1 for c in pixels if c[3] > 0 and c[:3] == rgb) / len(pixels)

    for tile, want, other in ((west, (255, 0, 0), (0, 170, 0)), (east, (0, 170, 0), (255, 0, 0))):
        image = Image.open(BytesIO(tiles.render(tile.z, tile.x, tile.y))).convert("RGBA")
        assert share(image, want) > 0.05 and share(image, other) == 0
    assert tiles.render(12, 0, 0) is None  # nothing there


def test_identify_returns_the_feature_under_the_point():
    layer = big_layer()
    tiles = LayerTiles(layer)
    for i in (0, 123, 49_999):
        geom = layer.frame.geometry.iloc[i]
        inside = geom.representative_point()
        fid = tiles.identify(inside.x, inside.y, 16)
        hit = layer.frame.set_index("id").geometry[fid]
        assert hit.contains(inside)
    assert tiles.identify(110.5, 32.8, 16) is None


def _layer(geoms, kind, style=None):
    frame = gpd.GeoDataFrame({"id": [f"f{i}" for i in range(len(geoms))]}, geometry=list(geoms), crs=4326)
    spec = LayerSpec(id="t", title_zh="t", title_en="t", path=None, geometry=kind, category="user",
                     style=style or {"stroke": "#000000", "fill": "#0000ff", "fill_opacity": 1.0},
                     label_field="id", detail_fields=(), group="user")
    return VectorLayer(spec=spec, frame=frame)


def _tile_image(tiles, lon, lat, z):
    from io import BytesIO

    import mercantile
    from PIL import Image

    tile = mercantile.tile(lon, lat, z)
    data = tiles.render(tile.z, tile.x, tile.y)
    return (Image.open(BytesIO(data)).convert("RGBA") if data else None), tile


def _pixel_of(tile, lon, lat):
    import mercantile

    west, south, east, north = mercantile.xy_bounds(tile)
    x, y = mercantile.xy(lon, lat)
    return int((x - west) / (east - west) * TILE_PX), int((north - y) / (north - south) * TILE_PX)


def test_polygon_holes_stay_empty_and_multipolygon_parts_are_drawn():
    outer = shapely.box(111.40, 33.30, 111.42, 33.32)
    donut = outer.difference(shapely.box(111.405, 33.305, 111.415, 33.315))
    twin = shapely.MultiPolygon([shapely.box(111.43, 33.30, 111.435, 33.305),
                                 shapely.box(111.44, 33.30, 111.445, 33.305)])
    tiles = LayerTiles(_layer([donut, twin], "Polygon"))
    image, tile = _tile_image(tiles, 111.41, 33.31, 13)
    assert image.getpixel(_pixel_of(tile, 111.41, 33.31))[3] == 0  # the hole
    assert image.getpixel(_pixel_of(tile, 111.402, 33.31))[:3] == (0, 0, 255)  # the ring
    for lon in (111.4325, 111.4425):  # both parts of the multipolygon
        assert image.getpixel(_pixel_of(tile, lon, 33.3025))[:3] == (0, 0, 255)


def test_fast_and_general_paths_draw_simple_polygons_alike():
    rng = np.random.default_rng(5)
    x, y = rng.uniform(111.40, 111.44, 400), rng.uniform(33.30, 33.34, 400)
    boxes = list(shapely.box(x, y, x + 0.0008, y + 0.0006))
    far = shapely.MultiPolygon([shapely.box(110.0, 32.0, 110.01, 32.01)])  # forces the general path
    simple, general = LayerTiles(_layer(boxes, "Polygon")), LayerTiles(_layer(boxes + [far], "Polygon"))
    assert simple.geoms is simple._rings()[0]  # the fast path was taken
    for z in (11, 13, 15):
        a, _ = _tile_image(simple, 111.42, 33.32, z)
        b, _ = _tile_image(general, 111.42, 33.32, z)
        assert a.tobytes() == b.tobytes()


def test_lines_and_points_are_drawn():
    road = shapely.LineString([(111.40, 33.30), (111.42, 33.32)])
    image, tile = _tile_image(LayerTiles(_layer([road], "LineString", {"stroke": "#ff0000"})), 111.41, 33.31, 13)
    assert image.getpixel(_pixel_of(tile, 111.41, 33.31))[:3] == (255, 0, 0)
    assert image.getpixel(_pixel_of(tile, 111.405, 33.315))[3] == 0  # off the line
    points = [shapely.Point(111.41, 33.31), shapely.Point(111.411, 33.31)]
    image, tile = _tile_image(LayerTiles(_layer(points, "Point", {"fill": "#00ff00"})), 111.41, 33.31, 14)
    assert image.getpixel(_pixel_of(tile, 111.41, 33.31))[:3] == (0, 255, 0)


def test_tiles_are_cached():
    tiles = LayerTiles(big_layer(6000))
    import mercantile

    tile = mercantile.tile(111.4, 33.3, 12)
    first = tiles.render(tile.z, tile.x, tile.y)
    assert tiles.render(tile.z, tile.x, tile.y) is first


def test_prefetch_plan_covers_zoom_in_zoom_out_and_a_ring():
    import mercantile

    from xixia_map.map.layer_tiles import tiles_to_prefetch

    view = {"west": 111.3, "east": 111.7, "south": 33.2, "north": 33.45, "zoom": 12}
    plan = tiles_to_prefetch(view)
    url_zoom = 12 - ZOOM_OFFSET
    assert {z for z, _, _ in plan} == {url_zoom - 1, url_zoom, url_zoom + 1}
    here = {(t.z, t.x, t.y) for t in mercantile.tiles(111.3, 33.2, 111.7, 33.45, zooms=url_zoom)}
    assert here <= set(plan)  # the ring includes the view itself
    assert len(plan) == len(set(plan))


def test_prefetch_asks_for_the_tile_zooms_leaflet_will_ask_for():
    from xixia_map.map.layer_tiles import leaflet_tile_zoom, tiles_to_prefetch

    offset = ZOOM_OFFSET
    # fitBounds leaves fractional zooms; Leaflet rounds halves up, as Math.round does.
    assert [leaflet_tile_zoom(z) for z in (10.25, 10.5, 10.75, 11.5)] == [z - offset for z in (10, 11, 11, 12)]
    view = {"west": 111.0, "east": 111.9, "south": 33.0, "north": 33.6, "zoom": 10.5}
    zooms = {z for z, _, _ in tiles_to_prefetch(view)}
    assert {leaflet_tile_zoom(11.5), leaflet_tile_zoom(10.5), leaflet_tile_zoom(9.5)} == zooms


def test_tile_extent_check_skips_tiles_without_the_layer():
    import mercantile

    tiles = LayerTiles(big_layer(6000))
    inside, far = mercantile.tile(111.5, 33.3, 12), mercantile.tile(113.0, 35.0, 12)
    assert tiles.may_cover(inside.z, inside.x, inside.y) and not tiles.may_cover(far.z, far.x, far.y)


def test_one_huge_polygon_is_drawn_as_tiles_and_the_map_stays_responsive(qtbot, tmp_path):
    """A national outline of 156 000 vertices in one feature (under the feature
    threshold) goes to tiles by its vertex count, not as one SVG path."""
    import math

    import geopandas as gpd
    import shapely

    from xixia_map.data.catalog import load_catalog
    from xixia_map.data.layers import LayerList
    from xixia_map.data.user_layers import layer_from_file
    from xixia_map.map.capture import wait_until_idle
    from xixia_map.map.layer_tiles import VERTEX_THRESHOLD, drawn_as_tiles, vertex_count
    from xixia_map.map.view import MapView
    from xixia_map.paths import CATALOG_PATH

    n = 156_000
    angles = [2 * math.pi * i / n for i in range(n)]
    ring = [(111.5 + 0.6 * math.cos(a) * (1 + 0.02 * math.sin(40 * a)), 33.3 + 0.4 * math.sin(a)) for a in angles]
    path = tmp_path / "国界.gpkg"
    gpd.GeoDataFrame({"名称": ["边界"]}, geometry=[shapely.Polygon(ring)], crs=4326).to_file(path)
    layer = layer_from_file(path)
    assert layer.feature_count == 1 and vertex_count(layer) > VERTEX_THRESHOLD and drawn_as_tiles(layer)
    layers = LayerList.from_catalog(load_catalog(CATALOG_PATH))
    view = MapView(layers)
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    wait_until_idle(view)
    layers.add(layer)
    qtbot.waitUntil(lambda: (view.call_sync("tileCount", layer.id) or 0) > 0, timeout=60000)
    wait_until_idle(view)
    assert view.evaluate("document.querySelectorAll('path').length") < 200  # no SVG path carries it
    assert all(not drawn_as_tiles(other) for other in layers if other.id != layer.id)  # the bundled stay vector
