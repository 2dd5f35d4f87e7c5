"""Issue 29's format cases for the hostile corpus (tests/hostile_corpus.py
gathers them): DXF text encodings and escapes, drawings with nothing drawable,
rasters without georeferencing or too large to read whole, GeoPackages with a
wrong extent or an un-checkpointed WAL, GPX tracks. Every file is written here,
with ezdxf, GDAL (pyogrio), rasterio and sqlite3; none is stored."""
from __future__ import annotations

import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
from shapely.geometry import LineString, Point

LON, LAT = 111.48, 33.30  # the county seat: lon/lat a drawing without a CRS is read in
RED_LINE = "用地红线"


# -- DXF ------------------------------------------------------------------------------
def dxf(path: Path, version: str = "R2000", text: str = f"{RED_LINE} α", layer: str = RED_LINE, *,
        codepage: str | None = None, encoding: str | None = None, drop_codepage: bool = False,
        fmt: str = "asc") -> Path:
    """A drawing of one TEXT and one polyline on `layer`, written by ezdxf.
    ezdxf writes R12–R2004 text in the header's code page with \\U+XXXX escapes
    for what it lacks (as AutoCAD does), or in `encoding` if given; its header
    always says ANSI_1252, so `codepage` is put in afterwards."""
    import ezdxf

    doc = ezdxf.new(version)
    if layer not in doc.layers:
        doc.layers.add(layer)
    msp = doc.modelspace()
    msp.add_text(text, dxfattribs={"layer": layer}).set_placement((LON, LAT))
    msp.add_polyline2d([(LON - 0.05, LAT - 0.05), (LON + 0.05, LAT - 0.05), (LON + 0.05, LAT)],
                       dxfattribs={"layer": layer})
    doc.saveas(path, encoding=encoding, fmt=fmt)
    raw = path.read_bytes()
    if codepage:
        raw = raw.replace(b"ANSI_1252", codepage.encode(), 1)
    if drop_codepage:
        raw, count = re.subn(rb"\r?\n *9\r?\n\$DWGCODEPAGE\r?\n *3\r?\n[^\r\n]*", b"", raw)
        assert count == 1
    path.write_bytes(raw)
    return path


def gdal_dxf(path: Path) -> Path:
    """A drawing from GDAL's own DXF writer: UTF-8 text under an ANSI_1252 header."""
    frame = gpd.GeoDataFrame({"Layer": [RED_LINE, "道路"], "OGR_STYLE": ['LABEL(f:"Arial",t:"西峡县 α")', None]},
                             geometry=[Point(LON, LAT), LineString([(LON - 0.05, LAT), (LON + 0.05, LAT)])], crs=4326)
    pyogrio.write_dataframe(frame, path, driver="DXF")
    assert b"ANSI_1252" in path.read_bytes() and RED_LINE.encode("utf-8") in path.read_bytes()
    return path


def solid_dxf(path: Path) -> Path:
    import ezdxf
    from ezdxf.acis import api as acis
    from ezdxf.render import forms

    doc = ezdxf.new("R2010")
    solid = doc.modelspace().add_3dsolid()
    solid.sat = acis.export_sat([acis.body_from_mesh(forms.cube())])
    doc.saveas(path)
    assert b"3DSOLID" in path.read_bytes()
    return path


def images_dxf(path: Path) -> Path:
    import ezdxf

    doc = ezdxf.new("R2010")
    scan = doc.add_image_def(filename="扫描图.jpg", size_in_pixel=(640, 360))
    for i in range(8):
        doc.modelspace().add_image(scan, insert=(i * 10, 0), size_in_units=(6.4, 3.6))
    doc.saveas(path)
    return path


def _text_is(text, layer=RED_LINE, encoding=None, notice=None):
    def check(loaded):
        frame = loaded.frame
        assert list(frame["Text"]) == [text], list(frame["Text"])
        assert list(frame["Layer"]) == [layer], list(frame["Layer"])
        if encoding:
            assert loaded.report.encoding == encoding, loaded.report.encoding
        notices = [n.en for n in loaded.report.notices()]
        if notice:
            assert any(notice in n for n in notices), notices
        else:
            assert not notices, notices
    return check


def _dxf_cases(add):
    escaped = f"{RED_LINE} α"
    # R12 with the ANSI_1252 code page: every hanzi and the α are \U+XXXX escapes.
    add("dxf_r12_escapes.dxf", lambda p: dxf(p, "R12"), ("loads", _text_is(escaped)))
    add("dxf_mif_escapes.dxf", lambda p: dxf(p, "R12", text="\\M+5D3C3\\M+5B5D8 \\U+03B1", layer="0"),
        ("loads", _text_is("用地 α", layer="0")))
    add("dxf_latin_no_codepage.dxf", lambda p: dxf(p, "R12", text="ÄÜÖ Straße", layer="Grenze", drop_codepage=True),
        ("loads", _text_is("ÄÜÖ Straße", "Grenze", "CP1252", "does not declare its code page")))
    add("dxf_gbk_936.dxf", lambda p: dxf(p, codepage="ANSI_936", encoding="gbk"),
        ("loads", _text_is(escaped, encoding="GB18030")))
    add("dxf_gbk_no_codepage.dxf", lambda p: dxf(p, encoding="gbk", drop_codepage=True),
        ("loads", _text_is(escaped, encoding="GB18030", notice="which is a guess")))
    add("dxf_gbk_under_1252.dxf", lambda p: dxf(p, encoding="gbk"),
        ("loads", _text_is(escaped, encoding="GB18030", notice="header declares ANSI_1252")))
    add("dxf_r12_utf8_under_1252.dxf", lambda p: dxf(p, "R12", encoding="utf-8"),
        ("loads", _text_is(escaped, encoding="UTF-8", notice="UTF-8 although its header declares ANSI_1252")))
    add("dxf_r2004_utf8_under_1252.dxf", lambda p: dxf(p, "R2004", encoding="utf-8"),
        ("loads", _text_is(escaped, encoding="UTF-8", notice="UTF-8 although its header declares ANSI_1252")))
    add("dxf_r2010_utf8.dxf", lambda p: dxf(p, "R2010"), ("loads", _text_is(escaped, encoding="UTF-8")))
    add("dxf_binary_gbk_936.dxf", lambda p: dxf(p, codepage="ANSI_936", encoding="gbk", fmt="bin"),
        ("loads", _text_is(escaped, encoding="GB18030")))
    add("dxf_gdal_writer.dxf", gdal_dxf,
        ("loads", _text_is("西峡县 α", encoding="UTF-8", notice="UTF-8 although its header declares ANSI_1252")))
    add("dxf_one_3dsolid.dxf", solid_dxf, ("refused", "1 3DSOLID (3D solid): 3D solids and surfaces"))
    add("dxf_eight_images.dxf", images_dxf, ("refused", "8 IMAGE (raster image reference)"))


# -- rasters ----------------------------------------------------------------------------
def tiff(path: Path, *, transform=None, gcps=None, world_file: bool = False, crs=None) -> Path:
    """A small RGB GeoTIFF placed by a geotransform, ground control points, a world file, or nothing."""
    import rasterio
    from rasterio.control import GroundControlPoint
    from rasterio.crs import CRS

    options = {"transform": transform} if transform is not None else {}
    with rasterio.open(path, "w", driver="GTiff", width=64, height=64, count=3, dtype="uint8", crs=crs,
                       **options) as dst:
        dst.write(np.full((3, 64, 64), 120, dtype=np.uint8))
        if gcps:  # in an unnamed local CRS: rasterio wants one, and reads it back as no CRS
            dst.gcps = ([GroundControlPoint(row, col, x, y) for row, col, x, y in gcps],
                        CRS.from_wkt('LOCAL_CS["unknown",UNIT["metre",1]]'))
    if world_file:
        path.with_suffix(".tfw").write_text("30.0\n0.0\n0.0\n-30.0\n37545000.0\n3686500.0\n")
    return path


def sparse_dem(path: Path, size: int = 1_000_000) -> Path:
    """A DEM declaring size x size float pixels, of which one block is written: tiled,
    sparse (GDAL leaves unwritten blocks out of the file), no overviews. ~16 MB on disk."""
    import rasterio
    from rasterio.transform import from_origin
    from rasterio.windows import Window

    with rasterio.open(path, "w", driver="GTiff", width=size, height=size, count=1, dtype="float32",
                       crs="EPSG:4525", transform=from_origin(37_490_000, 3_740_000, 0.1, 0.1), tiled=True,
                       blockxsize=1024, blockysize=1024, BIGTIFF="YES", SPARSE_OK=True, nodata=-9999) as dst:
        dst.write(np.full((1, 1024, 1024), 250.0, dtype="float32"), window=Window(0, 0, 1024, 1024))
    return path


def _raster_cases(add):
    from rasterio.transform import from_origin

    placed = from_origin(37_545_000, 3_686_500, 30, 30)
    add("raster_no_georeferencing.tif", lambda p: tiff(p),
        ("refused", "has no georeferencing (no CRS, no geotransform, no world file)"))
    add("raster_geotransform_no_crs.tif", lambda p: tiff(p, transform=placed),
        ("refused", "has coordinates (a geotransform in the GeoTIFF) but no CRS"))
    add("raster_world_file_no_crs.tif", lambda p: tiff(p, world_file=True),
        ("refused", "has a world file (raster_world_file_no_crs.tfw) but no CRS"))
    add("raster_gcps_no_crs.tif", lambda p: tiff(p, gcps=[(0, 0, 37_545_000, 3_686_500), (63, 0, 37_545_000, 3_684_610),
                                                           (0, 63, 37_546_890, 3_686_500)]),
        ("refused", "has 3 ground control points but no CRS"))
    add("raster_sparse_huge_dem.tif", sparse_dem, ("warns", "elevation range 250.0–251.0 m is estimated"))


# -- GeoPackages ------------------------------------------------------------------------
LARGE = 100_001  # one feature over the large-layer threshold (data/large/opening.py)


def large_gpkg(path: Path, extent, crs: int = 4326, count: int = LARGE) -> Path:
    """`count` points over the county, whose gpkg_contents extent is set to `extent`
    (None: NULL, as some writers leave it)."""
    import sqlite3

    import shapely
    from pyproj import Transformer

    rng = np.random.default_rng(29)
    lon, lat = 111.2 + rng.random(count) * 0.5, 33.1 + rng.random(count) * 0.5
    if crs != 4326:
        lon, lat = Transformer.from_crs(4326, crs, always_xy=True).transform(lon, lat)
    frame = gpd.GeoDataFrame({"bh": np.arange(count).astype(str)}, geometry=shapely.points(lon, lat), crs=crs)
    pyogrio.write_dataframe(frame, path, layer="points")
    with sqlite3.connect(path) as db:
        values = list(extent) if extent is not None else [None] * 4
        db.execute("UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?", values)
    db.close()
    return path


def wal_gpkg(folder: Path, name: str = "wal.gpkg") -> Path:
    """A GeoPackage of 6 points, 3 of them only in its -wal (not checkpointed): the
    file and its WAL are copied while SQLite still holds them open, as a folder
    copied from a colleague's machine while their GIS had the file open."""
    import shutil
    import sqlite3
    import tempfile

    import shapely

    work = Path(tempfile.mkdtemp(prefix="wal-src-"))
    try:
        frame = gpd.GeoDataFrame({"name": ["甲", "乙", "丙"]}, geometry=shapely.points([LON - 0.1, LON, LON + 0.1],
                                                                                      [LAT] * 3), crs=4326)
        pyogrio.write_dataframe(frame, work / name, layer="points")
        db = sqlite3.connect(work / name, isolation_level=None)
        assert db.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal"
        db.execute("PRAGMA wal_autocheckpoint=0")

        def geometry(blob):  # a GeoPackage geometry: header (8 bytes + envelope), then WKB
            return shapely.from_wkb(bytes(blob[8 + {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(blob[3] >> 1) & 7]:]))

        # The functions GDAL's R-tree triggers call, which plain sqlite3 lacks.
        db.create_function("ST_IsEmpty", 1, lambda blob: int(blob is None or geometry(blob).is_empty))
        for fn, i in (("ST_MinX", 0), ("ST_MinY", 1), ("ST_MaxX", 2), ("ST_MaxY", 3)):
            db.create_function(fn, 1, lambda blob, i=i: geometry(blob).bounds[i])
        db.execute("INSERT INTO points (geom, name) SELECT geom, name || '（新）' FROM points")
        assert db.execute("SELECT count(*) FROM points").fetchone()[0] == 6
        shutil.copyfile(work / name, folder / name)
        shutil.copyfile(work / f"{name}-wal", folder / f"{name}-wal")
        db.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return folder / name


def _gpkg_cases(add):
    computed = "the layer's extent was computed from its features"
    add("gpkg_large_extent_1e308.gpkg", lambda p: large_gpkg(p, (-1e308, -1e308, 1e308, 1e308)),
        ("warns", f"is absurdly large: {computed}"))
    add("gpkg_large_extent_stale.gpkg", lambda p: large_gpkg(p, (0.0, 0.0, 1.0, 1.0)),
        ("warns", f"does not contain its features: {computed}"))
    add("gpkg_large_extent_null.gpkg", lambda p: large_gpkg(p, None), ("loads", _large_count_is(LARGE)))
    # Projected points, with an extent in degrees (as world_land_robin.gpkg carries a wrong one).
    add("gpkg_large_gk_extent_in_degrees.gpkg", lambda p: large_gpkg(p, (111.2, 33.1, 111.7, 33.6), crs=4525),
        ("warns", f"does not contain its features: {computed}"))
    add("gpkg_wal_not_checkpointed.gpkg", lambda p: wal_gpkg(p.parent, p.name),
        ("loads", lambda layer: _names_are(layer, {"甲", "乙", "丙", "甲（新）", "乙（新）", "丙（新）"})))


def _large_count_is(n):
    def check(layer):
        assert layer.streamed and layer.feature_count == n, (type(layer).__name__, layer.feature_count)
    return check


def _names_are(layer, names):
    assert set(layer.frame["name"]) == names, list(layer.frame["name"])


# -- GPX --------------------------------------------------------------------------------
def _gpx(body: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="test" '
            f'xmlns="http://www.topografix.com/GPX/1/1">\n{body}\n</gpx>\n')


def gdal_track(path: Path) -> Path:
    """A track written by GDAL's GPX driver (as GPS software and converters write one)."""
    from shapely.geometry import MultiLineString

    track = gpd.GeoDataFrame({"name": ["巡查路线"]}, geometry=[MultiLineString([[(LON - 0.05, LAT - 0.05), (LON, LAT),
                                                                                (LON + 0.05, LAT + 0.02)]])], crs=4326)
    pyogrio.write_dataframe(track, path, layer="tracks", driver="GPX")
    return path


def _gpx_read(count, notice=None):
    def check(layer):
        assert layer.feature_count == count, layer.feature_count
        notices = [n.en for n in layer.report.notices()]
        assert (any(notice in n for n in notices) if notice else not notices), notices
    return check


def _gpx_cases(add):
    waypoints = "".join(f'<wpt lat="{LAT + i * 0.01}" lon="{LON}"><name>桩{i}</name></wpt>' for i in range(2))
    route = (f'<rte><name>规划道路</name><rtept lat="{LAT}" lon="{LON}"/><rtept lat="{LAT + 0.02}" lon="{LON + 0.03}"/>'
             "</rte>")
    add("gpx_gdal_track.gpx", gdal_track,
        ("loads", _gpx_read(1, "holds 1 track(s), 3 track point(s): read the layer 'tracks'")))
    add("gpx_waypoints_only.gpx", lambda p: p.write_text(_gpx(waypoints), encoding="utf-8"),
        ("loads", _gpx_read(2)))
    add("gpx_route_and_waypoints.gpx", lambda p: p.write_text(_gpx(waypoints + route), encoding="utf-8"),
        ("warns", "holds 1 route(s), 2 waypoint(s), 2 route point(s): read the layer 'routes'"))
    add("gpx_nothing.gpx", lambda p: p.write_text(_gpx("<metadata><name>空</name></metadata>"), encoding="utf-8"),
        ("refused", "the GPX file holds no waypoints, routes or tracks"))


def build(folder: Path) -> dict[str, tuple[Path, tuple]]:
    cases: dict[str, tuple[Path, tuple]] = {}

    def add(name, write, expected):
        path = folder / name
        result = write(path)
        cases[name] = (result if isinstance(result, Path) else path, expected)

    _dxf_cases(add)
    _raster_cases(add)
    _gpkg_cases(add)
    _gpx_cases(add)
    return cases
