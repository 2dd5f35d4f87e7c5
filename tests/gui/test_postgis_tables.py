"""Awkward tables on the real PostGIS server (tests/postgis_server.py): curved
geometries read as straight segments with a notice (before: NotImplementedError),
a table name with a dot found (before: "no table"), and a large table without an
integer primary key refused in words rather than read whole into memory."""
import psycopg
import pytest
import shapely
from postgis_server import PLANNERS

from xixia_map.data.errors import DataError
from xixia_map.data.large import opening
from xixia_map.data.postgis.browse import list_tables
from xixia_map.data.postgis.connection import PgConnection, connect, parse_url
from xixia_map.data.postgis.layer import layer_from_postgis

# A half circle of radius 0.01° around (111.41, 33.30), and shapes built of such arcs.
ARC = "CIRCULARSTRING(111.40 33.30, 111.41 33.31, 111.42 33.30)"
CURVES = {
    "arc": ARC,
    "compound": f"COMPOUNDCURVE({ARC}, (111.42 33.30, 111.43 33.30))",
    "disc": "CURVEPOLYGON(CIRCULARSTRING(111.40 33.30, 111.42 33.30, 111.40 33.30))",
    "multicurve": f"MULTICURVE({ARC}, (111.40 33.29, 111.42 33.29))",
    "surface": "MULTISURFACE(CURVEPOLYGON(CIRCULARSTRING(111.40 33.30, 111.42 33.30, 111.40 33.30)), "
               "((111.50 33.30, 111.51 33.30, 111.51 33.31, 111.50 33.30)))",
    "straight": "LINESTRING(111.40 33.28, 111.42 33.28)",
    "tin": "TIN(((111.4 33.3 0, 111.41 33.3 0, 111.4 33.31 0, 111.4 33.3 0)))",
}
ROWS = 30


@pytest.fixture(scope="module")
def awkward(postgis):
    with psycopg.connect(postgis.conninfo(), autocommit=True) as conn:
        conn.execute('CREATE SCHEMA awkward')
        conn.execute('CREATE SCHEMA "awk.ward"')
        conn.execute("CREATE TABLE awkward.curves (id serial PRIMARY KEY, kind text, geom geometry(GeometryZ, 4326))")
        for kind, wkt in CURVES.items():
            conn.execute("INSERT INTO awkward.curves (kind, geom) VALUES (%s, ST_Force3D(ST_GeomFromText(%s, 4326)))",
                         (kind, wkt))
        conn.execute("CREATE TABLE awkward.discs (id serial PRIMARY KEY, geom geometry(CurvePolygon, 4326))")
        conn.execute("INSERT INTO awkward.discs (geom) SELECT ST_GeomFromText(format("
                     "'CURVEPOLYGON(CIRCULARSTRING(%%s 33.30, %%s 33.30, %%s 33.30))', x, x + 0.02, x), 4326) "
                     "FROM (SELECT 111.30 + i * 0.03 AS x FROM generate_series(1, %s) AS i) AS q", (ROWS,))
        conn.execute('CREATE TABLE awkward."my.table" (id integer PRIMARY KEY, name text, geom geometry(Point, 4326))')
        conn.execute('CREATE TABLE "awk.ward".places (id integer PRIMARY KEY, name text, geom geometry(Point, 4326))')
        for table in ('awkward."my.table"', '"awk.ward".places'):
            conn.execute(f"INSERT INTO {table} VALUES (1, '回车镇', ST_SetSRID(ST_Point(111.52, 33.36), 4326))")
        points = ("SELECT 'p' || i, ST_SetSRID(ST_Point(111.3 + i * 0.001, 33.3), 4326) "
                  f"FROM generate_series(1, {ROWS}) AS i")
        conn.execute("CREATE TABLE awkward.nokey (name text, geom geometry(Point, 4326))")
        conn.execute(f"INSERT INTO awkward.nokey {points}")
        conn.execute("CREATE TABLE awkward.textkey (code text PRIMARY KEY, geom geometry(Point, 4326))")
        conn.execute(f"INSERT INTO awkward.textkey {points}")
        conn.execute("CREATE TABLE awkward.small_nokey (name text, geom geometry(Point, 4326))")
        conn.execute(f"INSERT INTO awkward.small_nokey {points} LIMIT 5")
        conn.execute("ANALYZE awkward.curves, awkward.discs, awkward.nokey, awkward.textkey, awkward.small_nokey")
        # Grown since its statistics were taken: never analysed, no estimate at all.
        conn.execute("CREATE TABLE awkward.grown (name text, geom geometry(Point, 4326))")
        conn.execute(f"INSERT INTO awkward.grown {points}")
        conn.execute('GRANT USAGE ON SCHEMA awkward, "awk.ward" TO viewer')
        conn.execute('GRANT SELECT ON ALL TABLES IN SCHEMA awkward, "awk.ward" TO viewer')
    return postgis


def viewer(postgis) -> PgConnection:
    return PgConnection(host=postgis.host, port=postgis.port, dbname=postgis.database, user="viewer")


def read(postgis, schema, table):
    return layer_from_postgis(viewer(postgis), schema, table, password=PLANNERS["viewer"])


def test_curved_geometries_are_read_as_straight_segments_with_a_notice(awkward):
    layer = read(awkward, "awkward", "curves")
    by_kind = {row.kind: row.geometry for row in layer.frame.itertuples()}
    assert set(by_kind) == set(CURVES) - {"tin"}
    arc = by_kind["arc"]
    assert arc.geom_type == "LineString" and len(arc.coords) > 16  # many segments, not the 3 control points
    centre = shapely.Point(111.41, 33.30)
    assert all(abs(shapely.Point(xy[:2]).distance(centre) - 0.01) < 1e-9 for xy in arc.coords)
    assert by_kind["disc"].geom_type == "Polygon"
    assert by_kind["disc"].area == pytest.approx(3.14159 * 0.01 ** 2, rel=0.01)
    assert by_kind["surface"].geom_type == "MultiPolygon" and by_kind["compound"].geom_type == "LineString"
    assert by_kind["multicurve"].geom_type == "MultiLineString" and by_kind["straight"].geom_type == "LineString"
    notices = [t.zh for t in layer.report.notices()]
    assert any("5 个曲线几何（圆弧）已按每四分之一圆 32 段折线读取" in t for t in notices), notices
    assert any("TIN" in t and "已跳过 1 个要素" in t for t in notices), notices


def test_a_large_curved_table_is_drawn_and_identified_per_view(awkward, monkeypatch):
    import io

    import mercantile
    from PIL import Image

    from xixia_map.map.store_tiles import StoreTiles

    monkeypatch.setattr(opening, "LARGE_LAYER_FEATURES", 10)
    layer = read(awkward, "awkward", "discs")
    try:
        assert layer.streamed and layer.feature_count == ROWS
        assert any("曲线几何" in t.zh for t in layer.report.notices())
        record = layer.record("3")
        assert record["_lonlat"][0] == pytest.approx(111.40, abs=0.011)
        tile = mercantile.tile(111.40, 33.30, 14)
        image = Image.open(io.BytesIO(StoreTiles(layer).render(tile.z, tile.x, tile.y))).convert("RGBA")
        assert image.getextrema()[3][1] > 0  # the discs are drawn
    finally:
        layer.features.close()


def test_a_table_name_with_a_dot_is_found(awkward, capsys, monkeypatch):
    from xixia_map.cli.main import main

    with connect(viewer(awkward), PLANNERS["viewer"]) as conn:
        names = {t.name for t in list_tables(conn)}
    assert {'awkward."my.table"', '"awk.ward".places'} <= names  # as PostgreSQL reads them
    assert read(awkward, "awkward", "my.table").record("1")["name"] == "回车镇"
    base = f"postgresql://viewer@{awkward.host}:{awkward.port}/{awkward.database}"
    for query in ('?table="awkward"."my.table"', '?table=awkward.%22my.table%22', "?schema=awkward&table=my.table",
                  "?table=awkward.my.table", "?table=%22awk.ward%22.places", "?table=awk.ward.places"):
        connection, schema, table = parse_url(base + query)
        layer = layer_from_postgis(connection, schema, table, password=PLANNERS["viewer"])
        assert len(layer.frame) == 1 and layer.origin.table in ("my.table", "places"), query
    monkeypatch.setenv("PGPASSWORD", PLANNERS["viewer"])  # the planner's own typed request
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    assert main(["check", base + '?table="awkward"."my.table"']) == 0
    assert "1 个要素" in capsys.readouterr().out
    assert main(["check", base + "?table=awkward.nothing.here"]) == 1
    assert "没有可读取的含几何字段的数据表 awkward.nothing.here" in capsys.readouterr().err


def test_a_large_table_without_an_integer_key_is_refused_in_words_not_read_whole(awkward, monkeypatch):
    monkeypatch.setattr(opening, "LARGE_LAYER_FEATURES", 10)
    for table, size in (("nokey", f"约 {ROWS} 行"), ("textkey", f"约 {ROWS} 行"), ("grown", "超过 10 行")):
        with pytest.raises(DataError) as refused:
            read(awkward, "awkward", table)
        line = refused.value.one_line("zh")
        assert size in line and "没有单列整数主键" in line and "未打开" in line and f"awkward.{table}" in line, line
        assert "no one-column integer primary key" in refused.value.one_line("en")
    assert len(read(awkward, "awkward", "small_nokey").frame) == 5  # a small one is still read whole
    monkeypatch.setattr(opening, "LARGE_LAYER_FEATURES", 100)
    assert len(read(awkward, "awkward", "grown").frame) == ROWS

