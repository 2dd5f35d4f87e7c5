"""占地分析 on every source: the same parcels and control lines held in memory,
in a File Geodatabase, in a large layer's store and in PostGIS (overlaid in the
server), with overlaps known by construction: a parcel with a hole and the
island parcel in it, a two-part parcel, overlapping 永久基本农田 polygons, a 红线
across a township boundary and one touching the 生态保护红线 only along an edge.
Every source gives the figures the layer held in memory gives, and those agree
with pyproj's Geod on the pieces made independently in the survey's plane."""
import geopandas as gpd
import numpy as np
import psycopg
import pyogrio
import pytest
import shapely
from pyproj import Geod, Transformer
from shapely.geometry import MultiPolygon, Polygon, box
from shapely.geometry.polygon import orient

from xixia_map.data.analysis.batch import analyse_many
from xixia_map.data.analysis.block import analyse_sites
from xixia_map.data.analysis.layer_inputs import layer_input
from xixia_map.data.analysis.server_overlay import TableOverlay
from xixia_map.data.analysis.sources import FileInput, StoreInput
from xixia_map.data.large import opening

TO_LONLAT = Transformer.from_crs(4525, 4326, always_xy=True)
GEOD = Geod(ellps="GRS80")
X0, Y0, CELL = 37_545_000.0, 3_686_000.0, 100.0


def cell(col, row):
    return box(X0 + col * CELL, Y0 + row * CELL, X0 + (col + 1) * CELL, Y0 + (row + 1) * CELL)


def lonlat(geometry):
    return shapely.transform(geometry, lambda xy: np.column_stack(TO_LONLAT.transform(xy[:, 0], xy[:, 1])))


def geod_area(projected) -> float:
    parts = getattr(projected, "geoms", [projected])
    return sum(abs(GEOD.geometry_area_perimeter(orient(lonlat(p), 1.0))[0]) for p in parts if not p.is_empty)


HOLE = box(X0 + 130, Y0 + 130, X0 + 170, Y0 + 170)  # inside cell (1, 1)


def parcels() -> gpd.GeoDataFrame:
    """A 4 x 3 grid of 100 m parcels in GK zone 37 (EPSG:4525): cell (1, 1) has a
    hole that an island parcel fills; cells (0, 2) and (2, 2) are one two-part parcel."""
    rows = []
    codes = {(0, 0): "0101", (1, 0): "0101", (2, 0): "0301", (3, 0): "0601", (0, 1): "0102", (1, 1): "0701",
             (2, 1): "0702", (3, 1): "1101", (1, 2): "0404", (3, 2): "05H1"}
    for (c, r), code in codes.items():
        shape = cell(c, r)
        if (c, r) == (1, 1):
            shape = Polygon(shape.exterior.coords, [HOLE.exterior.coords])
        rows.append((code, shape))
    rows.append(("1104", HOLE))  # the island: 坑塘水面
    rows.append(("0103", MultiPolygon([cell(0, 2), cell(2, 2)])))
    return gpd.GeoDataFrame({"DLBM": [c for c, _ in rows], "DLMC": ["" for _ in rows],
                             "TBMJ": [round(geod_area(g), 2) for _, g in rows]},
                            geometry=[g for _, g in rows], crs=4525)


def controls() -> dict[str, gpd.GeoDataFrame]:
    return {
        "farmland": gpd.GeoDataFrame({"JBNTTBBH": ["J1", "J2"]}, geometry=[
            box(X0, Y0, X0 + 150, Y0 + 100), box(X0 + 100, Y0, X0 + 200, Y0 + 120)], crs=4525),  # they overlap
        "eco_redline": gpd.GeoDataFrame({"HXMC": ["红线"]}, geometry=[box(X0 + 400, Y0, X0 + 500, Y0 + 300)],
                                        crs=4525),  # its west edge is the grid's east edge
        "township": gpd.GeoDataFrame({"XZQMC": ["回车镇"]}, geometry=[box(X0 - 500, Y0 - 500, X0 + 250, Y0 + 800)],
                                     crs=4525),
    }


SITES = {
    "whole": box(X0, Y0, X0 + 200, Y0 + 200),  # whole parcels: 0101 0101 / 0102 0701 (with its island)
    "holed": MultiPolygon([
        Polygon([(X0 + 30, Y0 + 30), (X0 + 330, Y0 + 40), (X0 + 310, Y0 + 270), (X0 + 20, Y0 + 250)],
                [[(X0 + 60, Y0 + 60), (X0 + 100, Y0 + 60), (X0 + 100, Y0 + 110), (X0 + 60, Y0 + 110)]]),
        box(X0 + 350, Y0 + 210, X0 + 390, Y0 + 290)]),  # a second part, in 05H1
    "across": box(X0 + 200, Y0 + 20, X0 + 300, Y0 + 80),  # across the township boundary at X0 + 250
    "edge": box(X0 + 320, Y0 + 20, X0 + 400, Y0 + 80),  # touches the 生态保护红线 along its east edge only
}


def in_memory():
    landuse = parcels().to_crs(4326)
    return landuse, {role: frame.to_crs(4326) for role, frame in controls().items()}


def figures(result) -> dict:
    out = {("class", r.code): r.square_metres for r in result.rows}
    out.update({("control", c.role): c.square_metres for c in result.controls})
    out["site"], out["uncovered"] = result.site_square_metres, result.uncovered_square_metres
    return out


def assert_same(found: dict, expected: dict) -> None:
    assert set(found) == set(expected)
    for key, value in expected.items():
        assert found[key] == pytest.approx(value, rel=1e-9, abs=1e-6), key


@pytest.fixture(scope="module")
def reference() -> dict:
    """The figures of the layers held in memory, checked against Geod on pieces made in the plane."""
    landuse, lines = in_memory()
    results = analyse_sites([lonlat(s) for s in SITES.values()], landuse, lines)
    out = dict(zip(SITES, (figures(r) for r in results)))
    whole = out["whole"]
    assert whole[("class", "0701")] == pytest.approx(geod_area(cell(1, 1)) - geod_area(HOLE), rel=1e-6)
    assert whole[("class", "1104")] == pytest.approx(geod_area(HOLE), rel=1e-6)
    farmland = shapely.union(box(X0, Y0, X0 + 150, Y0 + 100), box(X0 + 100, Y0, X0 + 200, Y0 + 120))
    assert whole[("control", "farmland")] == pytest.approx(geod_area(farmland), rel=1e-6)  # counted once
    holed = out["holed"]
    site = SITES["holed"]
    two_part = MultiPolygon([cell(0, 2), cell(2, 2)])
    assert geod_area(site.intersection(cell(0, 2))) > 0 and geod_area(site.intersection(cell(2, 2))) > 0
    assert holed[("class", "0103")] == pytest.approx(geod_area(site.intersection(two_part)), rel=1e-6)
    assert holed[("class", "05H1")] == pytest.approx(geod_area(site.intersection(cell(3, 2))), rel=1e-6)
    assert holed[("class", "0701")] == pytest.approx(
        geod_area(site.intersection(cell(1, 1)).difference(HOLE)), rel=1e-6)
    for key, found in out.items():  # pieces of a site sum to the site, which the grid covers
        classes = sum(v for k, v in found.items() if k[0] == "class")
        assert classes == pytest.approx(found["site"], rel=1e-8) and found["uncovered"] < 1e-3, key
    across = out["across"]
    assert across[("control", "township")] == pytest.approx(geod_area(box(X0 + 200, Y0 + 20, X0 + 250, Y0 + 80)),
                                                            rel=1e-6)
    assert out["edge"][("control", "eco_redline")] == 0.0  # along an edge only: 否
    return out


def test_a_file_geodatabase_gives_what_the_layer_in_memory_gives(reference, tmp_path):
    gdb = tmp_path / "县级数据库.gdb"
    pyogrio.write_dataframe(parcels(), gdb, layer="DLTB", driver="OpenFileGDB", promote_to_multi=True)
    for role, frame in controls().items():
        pyogrio.write_dataframe(frame, gdb, layer=role.upper(), driver="OpenFileGDB", append=True,
                                promote_to_multi=True)
    lines = {role: FileInput(gdb, role.upper()) for role in controls()}
    found = analyse_many({k: lonlat(s) for k, s in SITES.items()}, gdb, "DLTB", lines)
    for key, result in found.items():
        assert_same(figures(result), reference[key])


@pytest.fixture
def large_files(tmp_path, monkeypatch):
    monkeypatch.setattr(opening, "LARGE_LAYER_FEATURES", 0)  # every layer here takes the large-layer path
    monkeypatch.setenv("XIXIA_MAP_CACHE", str(tmp_path / "cache"))
    from xixia_map.data.user_layers import layer_from_file

    layers = {}
    for role, frame in {"landuse": parcels(), **controls()}.items():
        path = tmp_path / f"{role}.gpkg"
        pyogrio.write_dataframe(frame, path, layer=role, driver="GPKG")
        layers[role] = layer_from_file(path, (), layer=role)
    yield layers
    for layer in layers.values():
        layer.close()


def test_a_large_layer_is_read_through_its_store_index_only_where_the_sites_are(reference, large_files):
    landuse = large_files.pop("landuse")
    assert all(layer.streamed for layer in (landuse, *large_files.values()))
    assert isinstance(layer_input(landuse), StoreInput)
    asked = []
    features_of = landuse.features.features_of
    landuse.features.features_of = lambda ids: asked.append(list(ids)) or features_of(ids)
    lines = {role: layer_input(layer) for role, layer in large_files.items()}
    alone = analyse_sites([lonlat(SITES["across"])], layer_input(landuse), lines)[0]
    assert_same(figures(alone), reference["across"])
    # the site's box (and its metre of margin) meets the first row's cells 1, 2 and 3 only, of 12 parcels
    assert [len(ids) for ids in asked] == [3] and landuse.features.count == 12
    found = analyse_many({k: lonlat(s) for k, s in SITES.items()}, layer_input(landuse), controls=lines)
    for key, result in found.items():
        assert_same(figures(result), reference[key])


@pytest.fixture(scope="module")
def county_tables(postgis):
    """The parcels and control lines as PostGIS tables in EPSG:4525, read-only for the viewer."""
    with psycopg.connect(postgis.conninfo(), autocommit=True) as conn:
        conn.execute("CREATE SCHEMA landtake")
        conn.execute("CREATE TABLE landtake.dltb (gid serial PRIMARY KEY, \"DLBM\" text, \"DLMC\" text, "
                     "\"TBMJ\" numeric, geom geometry(MultiPolygon, 4525))")
        for code, name, area, shape in zip(*(parcels()[c] for c in ("DLBM", "DLMC", "TBMJ", "geometry"))):
            conn.execute("INSERT INTO landtake.dltb (\"DLBM\", \"DLMC\", \"TBMJ\", geom) "
                         "VALUES (%s, %s, %s, ST_Multi(ST_GeomFromWKB(%s, 4525)))",
                         (code, name, area, shapely.to_wkb(shape)))
        for role, frame in controls().items():
            conn.execute(psycopg.sql.SQL("CREATE TABLE landtake.{t} (gid serial PRIMARY KEY, geom geometry("
                                         "Polygon, 4525))").format(t=psycopg.sql.Identifier(role)))
            for shape in frame.geometry:
                conn.execute(psycopg.sql.SQL("INSERT INTO landtake.{t} (geom) VALUES (ST_GeomFromWKB(%s, 4525))")
                             .format(t=psycopg.sql.Identifier(role)), (shapely.to_wkb(shape),))
        conn.execute("CREATE INDEX ON landtake.dltb USING gist (geom)")
        conn.execute("ANALYZE")
        conn.execute("GRANT USAGE ON SCHEMA landtake TO viewer")
        conn.execute("GRANT SELECT ON ALL TABLES IN SCHEMA landtake TO viewer")
    return postgis


def test_postgis_tables_are_overlaid_in_the_server_and_agree(reference, county_tables, monkeypatch):
    from postgis_server import PLANNERS

    from xixia_map.data.postgis.connection import PgConnection
    from xixia_map.data.postgis.layer import layer_from_postgis

    monkeypatch.setattr(opening, "LARGE_LAYER_FEATURES", 0)  # drawn per view: a TableFeatures
    viewer = PgConnection(host=county_tables.host, port=county_tables.port, dbname=county_tables.database,
                          user="viewer")
    layers = {role: layer_from_postgis(viewer, "landtake", role if role != "landuse" else "dltb",
                                       password=PLANNERS["viewer"]) for role in ("landuse", *controls())}
    try:
        inputs = {role: layer_input(layer) for role, layer in layers.items()}
        assert all(isinstance(i, TableOverlay) for i in inputs.values())
        statements = []
        fetch = layers["landuse"].features.fetch
        layers["landuse"].features.fetch = lambda statement, params=(), binary=False: (
            statements.append(repr(statement)) or fetch(statement, params, binary))
        landuse = inputs.pop("landuse")
        found = analyse_many({k: lonlat(s) for k, s in SITES.items()}, landuse, controls=inputs)
        assert statements and all("ST_Intersection" in s for s in statements)  # the pieces were cut in the server
        for key, result in found.items():
            assert_same(figures(result), reference[key])
        # the same with each parcel's TBMJ shared by its pieces: the server gives the whole parcels too
        from xixia_map.data.analysis.overlay import TBMJ_RATIO

        memory, _lines = in_memory()
        site = lonlat(SITES["holed"])
        by_server = analyse_sites([site], landuse, {}, TBMJ_RATIO)[0]
        by_client = analyse_sites([site], memory, {}, TBMJ_RATIO)[0]
        assert {r.code: round(r.square_metres, 6) for r in by_server.rows} == \
            {r.code: round(r.square_metres, 6) for r in by_client.rows}
    finally:
        for layer in layers.values():
            layer.close()
