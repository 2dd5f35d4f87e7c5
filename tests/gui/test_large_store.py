"""Large layers from a file: the store (geometry, index, levels), attributes on demand, and bad input.

The layers are small generated files with the large-layer threshold lowered,
so every path runs in seconds; the figures at 200 k and 1 M cells are in
benchmarks/landuse_large.py, not here.
"""
import os

import numpy as np
import pyogrio
import pytest
import shapely
from big_layers import HOSTILE, tessellation
from pyproj import Transformer

from xixia_map.data.crs_checks import CrsQuestion
from xixia_map.data.large import opening
from xixia_map.data.large.store_build import CM, LEVELS
from xixia_map.data.reader import Cancelled
from xixia_map.data.user_layers import layer_from_file



@pytest.fixture
def large_threshold(monkeypatch, tmp_path):
    monkeypatch.setattr(opening, "LARGE_LAYER_FEATURES", 100)
    monkeypatch.setenv("XIXIA_MAP_CACHE", str(tmp_path / "cache"))  # each test's stores its own


@pytest.fixture
def dltb(tmp_path, large_threshold):
    frame = tessellation()
    path = tmp_path / "三调.gpkg"
    pyogrio.write_dataframe(frame, path, layer="DLTB", driver="GPKG")
    return path, frame


def to_mercator(geoms):
    transformer = Transformer.from_crs(4525, 3857, always_xy=True)
    return shapely.transform(geoms, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1])))


def test_a_large_file_opens_from_its_store_with_every_feature_exactly(dltb):
    path, frame = dltb
    layer = layer_from_file(path, (), layer="DLTB")
    assert layer.streamed and len(layer.frame) == 0  # nothing held per feature
    assert layer.feature_count == len(frame)
    store = layer.features.store
    batch = store.query(-1e9, -1e9, 1e9, 1e9)
    shapes = store.shapes(store.with_geometry(batch, 0, np.arange(len(batch.positions))))
    fids = layer.features.fids_at(batch.positions)
    expected = to_mercator(frame.geometry.values)
    # GeoPackage fids count from 1 in the written order
    for fid, shape in zip(fids, shapes):
        want = expected[fid - 1]
        assert shapely.hausdorff_distance(shape, want) < 2 / CM, fid
        assert abs(shape.area - want.area) < 1e-3 * want.area + 1
    # the hole and the two-part parcel came through as such
    holed = shapes[list(fids).index(1)]
    assert len(holed.geoms[0].interiors) == 1
    assert len(shapes[list(fids).index(len(frame))].geoms) == 2


def test_a_query_finds_exactly_the_features_whose_box_meets_it(dltb):
    path, frame = dltb
    store = layer_from_file(path, (), layer="DLTB").features.store
    boxes = shapely.bounds(to_mercator(frame.geometry.values))
    rng = np.random.default_rng(1)
    x0, y0 = boxes[:, 0].min(), boxes[:, 1].min()
    for _ in range(20):
        w, s = x0 + rng.uniform(0, 9000), y0 + rng.uniform(0, 8000)
        e, n = w + rng.uniform(10, 3000), s + rng.uniform(10, 3000)
        want = set(np.flatnonzero((boxes[:, 0] <= e) & (boxes[:, 2] >= w) & (boxes[:, 1] <= n)
                                  & (boxes[:, 3] >= s)) + 1)
        batch = store.query(w, s, e, n)
        assert set(store.values("fid.i8", np.int64, batch.positions)) == want


def test_simplified_levels_stay_within_their_tolerance_and_are_lighter(dltb):
    path, _frame = dltb
    store = layer_from_file(path, (), layer="DLTB").features.store
    batch = store.query(-1e9, -1e9, 1e9, 1e9)
    everything = np.arange(len(batch.positions))
    full = store.shapes(store.with_geometry(batch, 0, everything))
    for level, (tolerance, _widest) in enumerate(LEVELS[1:], start=1):
        read = store.with_geometry(batch, level, everything)
        assert len(read.vx) < 0.8 * len(store.with_geometry(batch, 0, everything).vx)
        simple = store.shapes(read)
        worst = max(shapely.hausdorff_distance(a, b) for a, b in zip(full, simple))
        assert worst <= tolerance * 2 + 0.02  # each level simplifies the one before it
    assert store.level_for(10) == 2 and store.level_for(14) == 1 and store.level_for(16) == 0


def test_a_file_opened_again_reuses_its_store_and_a_changed_file_gets_a_new_one(dltb, monkeypatch):
    path, frame = dltb
    first = layer_from_file(path, (), layer="DLTB").features.store.folder
    built = []
    real = opening.build_store
    monkeypatch.setattr(opening, "build_store", lambda *a, **k: built.append(1) or real(*a, **k))
    again = layer_from_file(path, (), layer="DLTB").features.store.folder
    assert again == first and built == []
    changed = frame.iloc[:-5]
    pyogrio.write_dataframe(changed, path, layer="DLTB", driver="GPKG")
    os.utime(path, ns=(os.stat(path).st_atime_ns, os.stat(path).st_mtime_ns + 10_000_000))
    layer = layer_from_file(path, (), layer="DLTB")
    assert built == [1] and layer.features.store.folder != first and layer.feature_count == len(changed)


def test_cancel_mid_build_leaves_no_store_to_mistake_for_a_whole_one(dltb):
    path, _frame = dltb
    from xixia_map.data.large import store_build
    from xixia_map.data.large.source import stores_dir

    calls = []
    original = store_build.BATCH
    store_build.BATCH = 50  # several batches, so Cancel is heard between them
    try:
        with pytest.raises(Cancelled):
            layer_from_file(path, (), layer="DLTB", progress=lambda d, t: calls.append(d),
                            cancelled=lambda: len(calls) >= 2)
    finally:
        store_build.BATCH = original
    assert not stores_dir().exists() or not any(stores_dir().iterdir())
    layer = layer_from_file(path, (), layer="DLTB")  # and the next open builds it whole
    assert layer.feature_count == len(tessellation())


def test_identify_finds_the_feature_under_a_point_hole_and_island_included(dltb):
    path, frame = dltb
    from xixia_map.map.store_tiles import StoreTiles

    layer = layer_from_file(path, (), layer="DLTB")
    tiles = StoreTiles(layer)
    to_lonlat = Transformer.from_crs(4525, 4326, always_xy=True)
    for row in (3, 50, 222):
        point = frame.geometry.iloc[row].representative_point()
        lon, lat = to_lonlat.transform(point.x, point.y)
        assert tiles.identify(lon, lat, 16) == str(row + 1)
    centre = frame.geometry.iloc[len(frame) - 2].centroid  # the island, inside the first parcel's hole
    lon, lat = to_lonlat.transform(centre.x, centre.y)
    assert tiles.identify(lon, lat, 17) == str(len(frame) - 1)
    assert tiles.identify(100.0, 20.0, 16) is None


def test_records_and_table_pages_come_from_the_file_verbatim(dltb):
    path, frame = dltb
    layer = layer_from_file(path, (), layer="DLTB")
    record = layer.record("8")
    assert record["ZLDWMC"] == HOSTILE and record["BSM"] == "B00007" and record["id"] == "8"
    lon, lat = record["_lonlat"]
    assert 111.39 < lon < 111.51 and 33.24 < lat < 33.34
    from xixia_map.data.measure import geometry_measures

    assert record["_extra"] == geometry_measures(frame.to_crs(4326).geometry.iloc[7])  # 面积 of the parcel itself
    assert set(record["_extra"]) == {"面积"} and "亩" in record["_extra"]["面积"]
    page = layer.features.page(5, 4)
    assert page["BSM"].tolist() == frame["BSM"].iloc[5:9].tolist()
    assert page["id"].tolist() == ["6", "7", "8", "9"]
    rows = layer.features.matching_rows("drop table")  # a literal, any case
    assert rows.tolist() == [7]
    assert layer.features.row_of_fid(8) == 7 and layer.features.row_of_fid(999_999) == -1
    with pytest.raises(KeyError):
        layer.record("not-a-fid")


def test_the_sandiao_style_and_legend_areas_come_from_the_store(dltb):
    path, frame = dltb
    layer = layer_from_file(path, (), layer="DLTB")
    rule = layer.spec.style["color_by"]
    assert rule["scheme"] == "sandiao" and set(rule["values"]) == set(frame["DLBM"])
    for code, entry in rule["values"].items():
        want = frame.geometry[frame["DLBM"] == code].area.sum()
        assert entry["area_m2"] == pytest.approx(want, rel=1e-6)


def test_a_large_file_without_a_crs_asks_as_a_small_one_does(tmp_path, large_threshold):
    frame = tessellation().set_crs(None, allow_override=True)
    path = tmp_path / "nocrs.gpkg"
    pyogrio.write_dataframe(frame, path, layer="DLTB", driver="GPKG")
    with pytest.raises(CrsQuestion) as asked:
        layer_from_file(path, (), layer="DLTB")
    assert any(g.epsg == 4525 for g in asked.value.guesses)
    layer = layer_from_file(path, (), layer="DLTB", assume_crs=4525)
    west, south, east, north = layer.bounds()
    assert 111.39 < west < east < 111.51 and 33.24 < south < north < 33.34


def test_features_without_geometry_are_left_out_and_named(tmp_path, large_threshold):
    frame = tessellation()
    frame.loc[[4, 9], "geometry"] = None
    path = tmp_path / "holes.gpkg"
    pyogrio.write_dataframe(frame, path, layer="DLTB", driver="GPKG")
    layer = layer_from_file(path, (), layer="DLTB")
    assert layer.feature_count == len(frame) - 2
    assert sorted(name for name, _why in layer.report.skipped) == ["fid 10", "fid 5"]
    assert layer.features.page(4, 1)["BSM"].tolist() == ["B00005"]  # the table skips them too


def test_a_file_geodatabase_takes_the_same_path(tmp_path, large_threshold):
    frame = tessellation()
    path = tmp_path / "dltb.gdb"
    pyogrio.write_dataframe(frame, path, layer="DLTB", driver="OpenFileGDB", promote_to_multi=True)
    layer = layer_from_file(path, ())
    assert layer.streamed and layer.feature_count == len(frame)
    assert layer.record("8")["ZLDWMC"] == HOSTILE


def test_stores_unused_for_a_month_and_cut_short_builds_are_removed(dltb):
    import time

    from xixia_map.data.large.source import BUILD_LEFT_FOR_S, UNUSED_FOR_S, prune_stores, stores_dir

    path, _frame = dltb
    kept = layer_from_file(path, (), layer="DLTB").features.store.folder
    old = stores_dir() / "0123456789abcdef0123"
    old.mkdir()
    (old / "meta.json").write_text("{}")
    left = stores_dir() / ".building-x"
    left.mkdir()
    now = time.time()
    os.utime(old / "meta.json", (now - UNUSED_FOR_S - 10, now - UNUSED_FOR_S - 10))
    os.utime(left, (now - BUILD_LEFT_FOR_S - 10, now - BUILD_LEFT_FOR_S - 10))
    assert sorted(prune_stores(now)) == sorted([old, left])
    assert kept.exists() and (kept / "meta.json").exists()


def test_a_style_column_is_read_from_the_file_once_then_from_beside_the_store(dltb, monkeypatch):
    from xixia_map.data.large import file_layer

    path, frame = dltb
    first = layer_from_file(path, (), layer="DLTB")
    codes = first.features.column("DLBM")
    monkeypatch.setattr(file_layer.pyogrio, "read_arrow", lambda *a, **k: pytest.fail("read the file again"))
    again = layer_from_file(path, (), layer="DLTB")
    assert (again.features.column("DLBM") == codes).all()
    batch = again.features.store.query(-1e9, -1e9, 1e9, 1e9)
    fids = again.features.fids_at(batch.positions)
    by_position = again.features.column("DLBM")[batch.positions]
    assert (by_position == frame["DLBM"].to_numpy()[fids - 1]).all()  # each value on its own feature
