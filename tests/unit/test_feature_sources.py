"""One contract for every feature source (data/feature_source.py): the same
parcels held in memory, drawn from a large file's store, and read per view
from a PostGIS table answer every question of the contract alike."""
import numpy as np
import psycopg
import pyogrio
import pytest
import shapely
from big_layers import HOSTILE, tessellation
from postgis_server import PLANNERS

from xixia_map.data.feature_source import FeatureSource, StreamedSource
from xixia_map.data.frame_features import FrameFeatures
from xixia_map.data.large import opening
from xixia_map.data.large.store import BatchStore
from xixia_map.data.postgis.connection import PgConnection
from xixia_map.data.postgis.layer import layer_from_postgis
from xixia_map.data.user_layers import layer_from_file


@pytest.fixture(scope="module")
def parcels():
    return tessellation()


@pytest.fixture
def sources(parcels, postgis, tmp_path, monkeypatch):
    """(name, source) for the parcels in memory, in a large file, in a large table."""
    monkeypatch.setenv("XIXIA_MAP_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "parcels.gpkg"
    pyogrio.write_dataframe(parcels, path, layer="DLTB", driver="GPKG")
    held = layer_from_file(path, (), layer="DLTB")
    with psycopg.connect(postgis.conninfo(), autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS planning.contract")
        conn.execute('CREATE TABLE planning.contract (gid serial PRIMARY KEY, "BSM" text, "DLBM" text, '
                     '"ZLDWMC" text, geom geometry(MultiPolygon, 4525))')
        with conn.cursor() as cur:
            cur.executemany('INSERT INTO planning.contract ("BSM", "DLBM", "ZLDWMC", geom) '
                            "VALUES (%s, %s, %s, ST_Multi(ST_GeomFromWKB(%s, 4525)))",
                            [(r.BSM, r.DLBM, r.ZLDWMC, shapely.to_wkb(r.geometry)) for r in parcels.itertuples()])
        conn.execute("CREATE INDEX ON planning.contract USING gist (geom)")
        conn.execute("GRANT SELECT ON planning.contract TO viewer")
        conn.execute("ANALYZE planning.contract")
    monkeypatch.setattr(opening, "LARGE_LAYER_FEATURES", 100)
    in_file = layer_from_file(path, (), layer="DLTB")
    viewer = PgConnection(host=postgis.host, port=postgis.port, dbname=postgis.database, user="viewer")
    in_table = layer_from_postgis(viewer, "planning", "contract", password=PLANNERS["viewer"])
    found = [("memory", FrameFeatures(held.frame)), ("file", in_file.features), ("table", in_table.features)]
    yield found
    for _name, source in found[1:]:
        source.close()


def test_every_source_meets_the_contract_and_answers_alike(sources, parcels):
    lonlat = parcels.to_crs(4326)
    for name, source in sources:
        assert isinstance(source, FeatureSource), name
        assert source.kind == "Polygon" and source.count == len(parcels), name
        # a table's extent is its box in the table's CRS moved to lon/lat: a little wider
        assert np.allclose(source.bounds, lonlat.total_bounds, atol=1e-6 if name != "table" else 2e-4), name
        assert {"BSM", "DLBM", "ZLDWMC"} <= set(source.fields), name
        schema = source.empty_frame()
        assert list(schema.columns)[0] == "id" and len(schema) == 0 and {"BSM", "DLBM"} <= set(schema.columns)
        page = source.page(5, 3)
        assert list(page.columns)[0] == "id" and page["BSM"].tolist() == parcels["BSM"].iloc[5:8].tolist(), name
        assert page["id"].tolist() == ["6", "7", "8"], name  # fids and keys count from 1 in the written order
        one = source.feature("8")
        assert one["ZLDWMC"].iloc[0] == HOSTILE and str(one["id"].iloc[0]) == "8", name
        assert shapely.hausdorff_distance(one.geometry.iloc[0], lonlat.geometry.iloc[7]) < 1e-6, name
        with pytest.raises(KeyError):
            source.feature("no-such-id")
        assert sorted(source.column("DLBM")) == sorted(parcels["DLBM"]), name
        assert source.id_of_row(7) == "8" and source.row_of_id("8") == 7, name
        assert source.row_of_id("99999") == -1 and source.row_of_id("not-a-number") == -1, name
        assert source.matching_rows("drop table").tolist() == [7], name  # a literal, any case
        assert source.matching_rows("%").tolist() == [], name


def test_features_in_a_box_are_those_whose_box_meets_it(sources, parcels):
    lonlat = parcels.to_crs(4326)
    west, south, east, north = 111.43, 33.27, 111.45, 33.29
    margin = 0.0005  # a box moved between CRSs may gain or lose a parcel touching its edge by centimetres
    boxes = lonlat.geometry.envelope
    surely = {str(i + 1) for i in np.flatnonzero(boxes.intersects(
        shapely.box(west + margin, south + margin, east - margin, north - margin)))}
    perhaps = {str(i + 1) for i in np.flatnonzero(boxes.intersects(
        shapely.box(west - margin, south - margin, east + margin, north + margin)))}
    assert 10 < len(surely) < len(parcels) / 2
    for name, source in sources:
        found = source.ids_in(west, south, east, north)
        assert surely <= set(found) <= perhaps, name
        assert len(found) == len(set(found)), name


def test_streamed_sources_draw_from_a_store_and_sum_class_areas_where_they_are(sources, parcels):
    wanted = parcels.geometry.area.groupby(parcels["DLBM"]).sum()
    for name, source in sources[1:]:
        assert isinstance(source, StreamedSource) and isinstance(source.store, BatchStore), name
        totals = source.class_areas("DLBM")
        assert set(totals) == set(wanted.index), name
        for code, area in wanted.items():
            assert totals[code] == pytest.approx(area, rel=2e-3), (name, code)
