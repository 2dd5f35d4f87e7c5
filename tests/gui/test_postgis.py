"""PostGIS layers against a real PostgreSQL + PostGIS server (tests/postgis_server.py):
connections and their failures, browsing, a small and a large table, identify,
the attribute table, hostile text, and the project file's record of the source."""
import json

import mercantile
import numpy as np
import psycopg
import pytest
import shapely
from big_layers import HOSTILE, tessellation
from postgis_server import PLANNERS
from pyproj import Transformer

from xixia_map.data.errors import DataError
from xixia_map.data.large import opening
from xixia_map.data.postgis.browse import list_tables
from xixia_map.data.postgis.connection import PgConnection, connect, parse_url
from xixia_map.data.postgis.layer import layer_from_postgis

DDL = ("CREATE TABLE planning.{name} (gid serial PRIMARY KEY, bsm text, dlbm text, zldwmc text, "
       "geom geometry(MultiPolygon, 4525))")


@pytest.fixture(scope="module")
def tables(postgis):
    """planning.dltb (602 parcels, large when the threshold is lowered) and
    planning.towns (3 points in lon/lat), written by the administrator."""
    frame = tessellation()
    with psycopg.connect(postgis.conninfo(), autocommit=True) as conn:
        for name in ("dltb",):
            conn.execute(psycopg.sql.SQL(DDL).format(name=psycopg.sql.Identifier(name)))
            with conn.cursor() as cur:
                cur.executemany(
                    "INSERT INTO planning.dltb (bsm, dlbm, zldwmc, geom) "
                    "VALUES (%s, %s, %s, ST_Multi(ST_GeomFromWKB(%s, 4525)))",
                    [(r.BSM, r.DLBM, r.ZLDWMC, shapely.to_wkb(r.geometry)) for r in frame.itertuples()])
            conn.execute("CREATE INDEX ON planning.dltb USING gist (geom)")
        conn.execute("CREATE TABLE planning.towns (id integer PRIMARY KEY, name text, geom geometry(Point, 4326))")
        conn.execute("INSERT INTO planning.towns VALUES (1, '回车镇', ST_SetSRID(ST_Point(111.52, 33.36), 4326)), "
                     "(2, %s, ST_SetSRID(ST_Point(111.41, 33.29), 4326)), "
                     "(3, '米坪镇', ST_SetSRID(ST_Point(111.18, 33.57), 4326))", (HOSTILE,))
        conn.execute("CREATE TABLE planning.secret (id integer PRIMARY KEY, geom geometry(Point, 4326))")
        conn.execute("REVOKE ALL ON planning.secret FROM viewer")
        conn.execute("ANALYZE")
        conn.execute("CREATE DATABASE plain")  # a database without PostGIS
    return frame


def as_user(postgis, user: str) -> PgConnection:
    return PgConnection(host=postgis.host, port=postgis.port, dbname=postgis.database, user=user)


def test_failed_connections_get_one_clear_message_each(postgis, tables):
    good = as_user(postgis, "viewer")
    cases = [
        (good, "wrong", "密码错误"),
        (PgConnection(host="127.0.0.1", port=1, dbname="x", user="viewer"), "x", "无法连接到服务器"),
        (PgConnection(host=postgis.host, port=postgis.port, dbname="nowhere", user="viewer"),
         PLANNERS["viewer"], "没有数据库"),
        (PgConnection(host=postgis.host, port=postgis.port, dbname="plain", user="viewer"),
         PLANNERS["viewer"], "未安装 PostGIS"),
    ]
    for connection, password, words in cases:
        with pytest.raises(DataError) as failed:
            connect(connection, password)
        line = failed.value.one_line("zh")
        assert words in line, line
        assert password not in line or password == "x"  # a password is never shown
        assert "Traceback" not in line


def test_browsing_lists_the_tables_this_user_may_read_with_srid_type_and_size(postgis, tables):
    with connect(as_user(postgis, "viewer"), PLANNERS["viewer"]) as conn:
        found = {t.name: t for t in list_tables(conn)}
    assert "planning.secret" not in found  # no right to read it
    dltb = found["planning.dltb"]
    assert (dltb.srid, dltb.geometry_type, dltb.geometry_column, dltb.primary_key) == (4525, "MULTIPOLYGON", "geom",
                                                                                       "gid")
    assert dltb.rows_estimate == len(tables)
    assert found["planning.towns"].srid == 4326


def test_a_small_table_is_read_whole_as_a_layer(postgis, tables):
    layer = layer_from_postgis(as_user(postgis, "viewer"), "planning", "towns", password=PLANNERS["viewer"])
    assert not layer.streamed and len(layer.frame) == 3
    assert layer.record("2")["name"] == HOSTILE
    assert layer.origin.source() == {"connection": {"host": postgis.host, "port": postgis.port, "dbname": postgis.database,
                                              "user": "viewer", "sslmode": "prefer", "service": ""},
                               "schema": "planning", "table": "towns"}


@pytest.fixture
def large_table_layer(postgis, tables, monkeypatch):
    monkeypatch.setattr(opening, "LARGE_LAYER_FEATURES", 100)
    layer = layer_from_postgis(as_user(postgis, "viewer"), "planning", "dltb", password=PLANNERS["viewer"])
    yield layer
    layer.features.close()


def test_a_large_table_is_drawn_per_view_in_the_sandiao_colours(large_table_layer, tables):
    from PIL import Image
    import io

    from xixia_map.map.store_tiles import StoreTiles

    layer = large_table_layer
    assert layer.streamed and layer.feature_count == len(tables)
    rule = layer.spec.style["color_by"]
    assert rule["scheme"] == "sandiao" and set(rule["values"]) == set(tables["DLBM"])
    wanted_area = tables.geometry[tables["DLBM"] == "0301"].area.sum()
    assert rule["values"]["0301"]["area_m2"] == pytest.approx(wanted_area, rel=2e-3)  # geodesic vs GK plane
    west, south, east, north = layer.bounds()
    tile = mercantile.tile((west + east) / 2, (south + north) / 2, 13)
    tiles = StoreTiles(layer)
    image = Image.open(io.BytesIO(tiles.render(tile.z, tile.x, tile.y))).convert("RGBA")
    colours = {rgba[:3] for count, rgba in image.getcolors(1 << 20) if rgba[3] > 0 and count > 20}
    expect = {tuple(int(v["color"][i:i + 2], 16) for i in (1, 3, 5)) for v in rule["values"].values()}
    assert expect <= colours
    layer.hidden_classes = frozenset({"0301"})
    forest = tuple(int(rule["values"]["0301"]["color"][i:i + 2], 16) for i in (1, 3, 5))
    again = Image.open(io.BytesIO(StoreTiles(layer).render(tile.z, tile.x, tile.y))).convert("RGBA")
    assert forest not in {rgba[:3] for _count, rgba in again.getcolors(1 << 20)}


def test_a_click_on_a_large_table_asks_the_server_for_the_parcel(large_table_layer, tables):
    from xixia_map.map.store_tiles import StoreTiles

    tiles = StoreTiles(large_table_layer)
    to_lonlat = Transformer.from_crs(4525, 4326, always_xy=True)
    for row in (3, 7, 400):
        point = tables.geometry.iloc[row].representative_point()
        lon, lat = to_lonlat.transform(point.x, point.y)
        assert tiles.identify(lon, lat, 16) == str(row + 1)
    record = large_table_layer.record("8")
    assert record["zldwmc"] == HOSTILE and record["bsm"] == "B00007"
    assert 111.39 < record["_lonlat"][0] < 111.51


def test_the_table_pages_and_filters_on_the_server_with_the_text_as_a_literal(large_table_layer, tables, postgis):
    features = large_table_layer.features
    assert features.page(5, 3)["bsm"].tolist() == tables["BSM"].iloc[5:8].tolist()
    assert features.matching_rows("'); DROP TABLE x;--").tolist() == [7]
    assert features.matching_rows("%").tolist() == []  # not a LIKE pattern
    assert features.row_of_fid(8) == 7 and features.row_of_fid(10_000) == -1
    with psycopg.connect(postgis.conninfo(), autocommit=True) as conn:  # the table is still whole
        assert conn.execute("SELECT count(*) FROM planning.dltb").fetchone()[0] == len(tables)


def test_a_layer_reads_in_a_read_only_session(large_table_layer):
    features = large_table_layer.features
    with pytest.raises(DataError) as refused:
        features.fetch(psycopg.sql.SQL("DELETE FROM planning.dltb"))
    assert "read-only" in refused.value.one_line("en") and "只读" in refused.value.one_line("zh")


def test_urls_name_a_table_and_never_carry_a_password():
    connection, schema, table = parse_url("postgresql://planner_a@db.example:6543/xixia?table=planning.dltb")
    assert (connection.user, connection.host, connection.port, connection.dbname, schema, table) == (
        "planner_a", "db.example", 6543, "xixia", "planning", "dltb")
    connection, schema, table = parse_url("postgresql:///?service=county&table=dltb")
    assert connection.service == "county" and (schema, table) == ("public", "dltb")
    with pytest.raises(DataError) as refused:
        parse_url("postgresql://planner_a:secret@db/xixia?table=planning.dltb")
    assert "secret" not in refused.value.one_line("zh") and "密码" in refused.value.one_line("zh")
    with pytest.raises(DataError):
        parse_url("postgresql://planner_a@db/xixia")


def test_the_password_comes_from_pgpassword_when_none_is_given(postgis, tables, monkeypatch):
    monkeypatch.setenv("PGPASSWORD", PLANNERS["viewer"])
    with connect(as_user(postgis, "viewer")) as conn:
        assert conn.execute("SELECT current_user").fetchone()[0] == "viewer"
    monkeypatch.setenv("PGPASSWORD", "wrong")
    with pytest.raises(DataError):
        connect(as_user(postgis, "viewer"))


def test_a_saved_project_records_the_table_and_connection_without_the_password(postgis, tables, tmp_path):
    from xixia_map.data.project import LayerEntry, Project, load_project, save_project

    layer = layer_from_postgis(as_user(postgis, "viewer"), "planning", "towns", password=PLANNERS["viewer"])
    project = Project(layers=[LayerEntry(path="", database=layer.origin.source(), title="towns")])
    save_project(project, tmp_path / "p.xmap")
    text = (tmp_path / "p.xmap").read_text(encoding="utf-8")
    assert PLANNERS["viewer"] not in text and "password" not in text
    back = load_project(tmp_path / "p.xmap")
    assert back.layers[0].database == json.loads(json.dumps(layer.origin.source()))


def _cli(*args, env_extra=None):
    import os
    import subprocess
    import sys

    env = {**os.environ, "LANG": "zh_CN.UTF-8", **(env_extra or {})}
    env.pop("PGPASSWORD", None) if env_extra is None or "PGPASSWORD" not in env_extra else None
    return subprocess.run([sys.executable, "-m", "xixia_map", *args], capture_output=True, text=True, timeout=120,
                          env=env)


def test_the_cli_checks_and_exports_a_table_named_by_url(postgis, tables, tmp_path):
    from PySide6.QtGui import QImage

    url = f"postgresql://viewer@{postgis.host}:{postgis.port}/{postgis.database}?table=planning.towns"
    ok = _cli("check", url, env_extra={"PGPASSWORD": PLANNERS["viewer"]})
    assert ok.returncode == 0, ok.stderr
    assert "3 个要素" in ok.stdout and "name" in ok.stdout
    wrong = _cli("check", url, env_extra={"PGPASSWORD": "wrong"})
    assert wrong.returncode == 1 and "密码错误" in wrong.stderr and "Traceback" not in wrong.stderr
    leaked = _cli("check", url.replace("viewer@", "viewer:hunter2@"))
    assert leaked.returncode == 1 and "hunter2" not in leaked.stderr and "密码" in leaked.stderr
    out = tmp_path / "towns.png"
    made = _cli("export", "--out", str(out), "--size", "400x300", "--add-layer", url,
                env_extra={"PGPASSWORD": PLANNERS["viewer"]})
    assert made.returncode == 0, made.stderr
    assert QImage(str(out)).width() == 400


def test_a_service_name_and_the_keyring_supply_the_connection(postgis, tables, tmp_path, monkeypatch, memory_keyring):
    from xixia_map.data.postgis.connection import store_password

    service = tmp_path / "pg_service.conf"
    service.write_text(f"[county]\nhost={postgis.host}\nport={postgis.port}\ndbname={postgis.database}\n"
                       "user=viewer\n", encoding="utf-8")
    monkeypatch.setenv("PGSERVICEFILE", str(service))

    by_service = PgConnection(service="county")
    with pytest.raises(DataError):
        connect(by_service)  # no password anywhere yet
    assert store_password(by_service, PLANNERS["viewer"])
    with connect(by_service) as conn:
        assert conn.execute("SELECT current_user, current_database()").fetchone() == ("viewer", postgis.database)
    assert by_service.label() == "service=county"
    with pytest.raises(DataError) as missing:
        connect(PgConnection(service="nowhere"))
    assert "nowhere" in missing.value.one_line("zh")


def test_a_tile_reads_the_same_from_binary_copy_as_from_rows(large_table_layer):
    """The fast path (binary COPY read by numpy) and the plain one agree, feature for feature."""
    store = large_table_layer.features.store
    store.style_fields = ["dlbm"]
    store.style_categories = {"dlbm": ["0101", "0103", "0301"]}  # 1101 left out: no code, as the default fill
    from xixia_map.map.layer_tiles import to_mercator

    lon0, lat0, lon1, lat1 = large_table_layer.bounds()
    (west, east), (south, north) = to_mercator(np.array([lon0, (lon0 + lon1) / 2]), np.array([lat0, (lat0 + lat1) / 2]))
    fast = store.query(west, south, east, north)
    plain = store._query_rows(west, south, east, north, ["dlbm"])
    assert len(fast.positions) > 100 and (fast.positions == plain.positions).all()
    for name in ("x0", "y0", "x1", "y1"):
        assert np.allclose(getattr(fast, name), getattr(plain, name))
    expected = [v if v in ("0101", "0103", "0301") else None for v in plain.values["dlbm"]]
    assert list(fast.values["dlbm"]) == expected
