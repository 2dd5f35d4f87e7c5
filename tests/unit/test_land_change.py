"""地类变化 on two DLTB layers whose changes are known by construction: a class
changed, a parcel split, two merged, a boundary moved 0.2 m (a boundary
adjustment, not a change) and one moved 5 m (a change), parcels with holes, and
a year covering more ground than the other. Areas on the ellipsoid, against
pyproj's Geod on the shapes made in the plane."""
import geopandas as gpd
import pytest
from openpyxl import load_workbook
from shapely.geometry import MultiPolygon, Polygon, box

from site_shapes import geod_area, lonlat

from xixia_map.data.analysis import change as change_module
from xixia_map.data.analysis import change_inputs
from xixia_map.data.analysis.change import compare_land_use
from xixia_map.data.analysis.change_tables import (
    FIRST, MAIN, MU, SourceWords, changes_frame, matrix_m2, matrix_table, transition_group, transitions_table,
    write_change_xlsx,
)
from xixia_map.data.analysis.sources import FileInput
from xixia_map.data.errors import Cancelled

X0, Y0 = 37_545_000.0, 3_686_000.0
CELL = 100.0


def cell(col, row, west=0.0, east=0.0):
    return box(X0 + col * CELL + west, Y0 + row * CELL, X0 + (col + 1) * CELL + east, Y0 + (row + 1) * CELL)


HOLE = box(X0 + 140, Y0 + 240, X0 + 160, Y0 + 260)  # a pond inside cell (1, 2)
HOLE_2 = box(X0 + 230, Y0 + 230, X0 + 270, Y0 + 270)  # a pond inside cell (2, 2)
STRIP_02 = box(X0 + 100, Y0 + 100, X0 + 100.2, Y0 + 200)  # (1, 1) → (0, 1): 0.2 m
STRIP_5 = box(X0 + 300, Y0 + 100, X0 + 305, Y0 + 200)  # (3, 1) → (2, 1): 5 m


def before_shapes():
    return [
        ("0103", cell(0, 0)), ("0301", cell(1, 0)), ("0103", cell(2, 0)), ("0301", cell(3, 0)),
        ("0101", cell(0, 1)), ("0404", cell(1, 1)), ("0101", cell(2, 1)), ("0702", cell(3, 1)),
        ("0103", cell(0, 2)), ("0201", cell(1, 2).difference(HOLE)), ("1104", HOLE),
        ("0301", cell(2, 2).difference(HOLE_2)), ("1104", HOLE_2), ("1003", cell(3, 2)),
    ]


def after_shapes():
    return [
        ("0702", cell(0, 0)),  # a class changed
        ("0301", cell(1, 0, east=-50)), ("0702", cell(1, 0, west=50)),  # a split: its east half built on
        ("0103", cell(2, 0).union(cell(3, 0))),  # a merge: the forest plot ploughed
        ("0101", cell(0, 1, east=0.2)), ("0404", cell(1, 1, west=0.2)),  # a boundary redrawn 0.2 m
        ("0101", cell(2, 1, east=5)), ("0702", cell(3, 1, west=5)),  # a boundary moved 5 m
        ("0103", cell(0, 2)), ("0201", cell(1, 2).difference(HOLE)), ("0103", HOLE),  # the pond filled
        ("0201", cell(2, 2).difference(HOLE_2)), ("1104", HOLE_2),  # a holed parcel changed class
        ("1003", Polygon(list(cell(3, 2).exterior.coords)[::-1][1:] + [list(cell(3, 2).exterior.coords)[::-1][1]])),
    ]


def frame(shapes):
    return gpd.GeoDataFrame({"DLBM": [c for c, _ in shapes], "DLMC": [""] * len(shapes)},
                            geometry=[lonlat(g) for _, g in shapes], crs=4326)


def class_areas(shapes):
    out = {}
    for code, shape in shapes:
        out[code] = out.get(code, 0.0) + geod_area(shape)
    return out


CHANGES = {  # (from, to): the shape that changed class
    ("0103", "0702"): [cell(0, 0)],
    ("0301", "0702"): [cell(1, 0, west=50)],
    ("0301", "0103"): [cell(3, 0)],
    ("0702", "0101"): [STRIP_5],
    ("1104", "0103"): [HOLE],
    ("0301", "0201"): [cell(2, 2).difference(HOLE_2)],
}


@pytest.fixture(scope="module")
def result():
    return compare_land_use(frame(before_shapes()), frame(after_shapes()))


def test_changes_are_the_ones_made_and_their_areas_match_geod(result):
    changed = result.changed()
    assert set(changed) - set(CHANGES) == {("0404", "0101")}  # the 0.2 m strip: a pair, of no changed area
    assert changed[("0404", "0101")] == pytest.approx(0, abs=1e-6)
    for key, shapes in CHANGES.items():
        assert changed[key] == pytest.approx(sum(geod_area(s) for s in shapes), rel=1e-8), key
    assert result.slivers == pytest.approx({("0404", "0101"): geod_area(STRIP_02)}, rel=1e-6)
    pieces = changes_frame(result)
    assert len(pieces) == 6
    assert set(zip(pieces["原地类编码"], pieces["现地类编码"])) == set(CHANGES)
    assert result.changes["m2"].sum() == pytest.approx(sum(geod_area(s) for v in CHANGES.values() for s in v), rel=1e-8)
    assert pieces["面积_平方米"].sum() == pytest.approx(result.changes["m2"].sum(), abs=0.03)  # shown to the cm²
    strip = pieces[pieces["原地类编码"] == "0702"]
    assert strip.geometry.iloc[0].equals_exact(lonlat(STRIP_5), 1e-9) or \
        strip.geometry.iloc[0].symmetric_difference(lonlat(STRIP_5)).area < 1e-14
    assert pieces["变化类型"].iloc[0] == "耕地→建设用地"  # the largest: a whole 0103 cell built on
    holed = pieces[pieces["现地类编码"] == "0201"].geometry.iloc[0]
    assert len(holed.interiors) == 1  # the pond stays a hole of the changed parcel


def test_rows_and_columns_add_up_to_each_years_class_areas(result):
    keys, frame_m2 = matrix_m2(result)
    before, after = class_areas(before_shapes()), class_areas(after_shapes())
    assert "·nodata" not in frame_m2.index and "·nodata" not in frame_m2.columns  # the same ground in both years
    assert list(frame_m2.index) == keys + ["·boundary"]
    for code in keys:
        assert frame_m2.loc[code].sum() == pytest.approx(before.get(code, 0.0), rel=1e-6, abs=1e-6), code
        assert frame_m2[code].sum() == pytest.approx(after.get(code, 0.0), rel=1e-6, abs=1e-6), code
    # the 0.2 m sliver stays on 0404's diagonal; the 边界调整 row moves it to 0101's column
    assert frame_m2.loc["·boundary", "0101"] == pytest.approx(geod_area(STRIP_02), rel=1e-6)
    assert frame_m2.loc["·boundary", "0404"] == pytest.approx(-geod_area(STRIP_02), rel=1e-6)
    assert frame_m2.loc["·boundary"].sum() == pytest.approx(0, abs=1e-9)
    assert frame_m2.loc["0404", "0101"] == pytest.approx(0, abs=1e-6)
    assert frame_m2.loc["0404", "0404"] == pytest.approx(geod_area(cell(1, 1)), rel=1e-9)
    assert result.before == pytest.approx(before, rel=1e-9)
    assert result.after == pytest.approx(after, rel=1e-9)


def test_the_shown_matrix_in_mu_and_by_main_class_keeps_the_totals(result):
    table = matrix_table(result, MAIN, MU)
    assert list(table.columns) == ["前期＼后期", "农用地", "建设用地", "未利用地", "合计"]
    rows = table.set_index("前期＼后期")
    before, after = class_areas(before_shapes()), class_areas(after_shapes())
    total = sum(before.values())
    assert rows.loc["合计", "合计"] == pytest.approx(total / (10_000 / 15), rel=1e-9)
    built_before = sum(a for c, a in before.items() if c in ("0702", "1003"))
    built_after = sum(a for c, a in after.items() if c in ("0702", "1003"))
    assert rows.loc["建设用地", "合计"] == pytest.approx(built_before * 15 / 10_000, rel=1e-8)
    assert rows.loc["合计", "建设用地"] == pytest.approx(built_after * 15 / 10_000, rel=1e-8)
    first = transitions_table(result, FIRST)
    assert list(first.iloc[0][["原地类", "现地类"]]) == ["01 耕地", "07 住宅用地"]


def test_a_year_that_covers_more_ground_puts_the_rest_in_no_data():
    before = before_shapes()[:-1]  # no (3, 2) before
    after = after_shapes()[:8] + [("1101", box(X0 + 400, Y0, X0 + 500, Y0 + 100))]  # no top row after; a river
    result = compare_land_use(frame(before), frame(after))
    keys, frame_m2 = matrix_m2(result)
    assert frame_m2.loc["·nodata", "1101"] == pytest.approx(geod_area(box(X0 + 400, Y0, X0 + 500, Y0 + 100)), rel=1e-8)
    assert frame_m2.loc["0201", "·nodata"] == pytest.approx(geod_area(cell(1, 2).difference(HOLE)), rel=1e-8)
    for code, area in class_areas(before).items():
        assert frame_m2.loc[code].sum() == pytest.approx(area, rel=1e-6)
    for code, area in class_areas(after).items():
        assert frame_m2[code].sum() == pytest.approx(area, rel=1e-6)


def test_small_tiles_count_each_parcel_once(result, monkeypatch):
    monkeypatch.setattr(change_inputs, "TILE_PARCELS", 2)
    tiled = compare_land_use(frame(before_shapes()), frame(after_shapes()))
    assert tiled.parcels == (len(before_shapes()), len(after_shapes()))
    assert tiled.pairs == pytest.approx(result.pairs, rel=1e-9)
    assert tiled.before == pytest.approx(result.before, rel=1e-9)
    assert len(tiled.changes) == len(result.changes)


def test_a_tolerance_of_zero_makes_the_02_m_strip_a_change_and_a_large_one_takes_the_5_m_strip():
    exact = compare_land_use(frame(before_shapes()), frame(after_shapes()), tolerance=0)
    assert exact.changed()[("0404", "0101")] == pytest.approx(geod_area(STRIP_02), rel=1e-6)
    loose = compare_land_use(frame(before_shapes()), frame(after_shapes()), tolerance=6)
    assert loose.changed()[("0702", "0101")] == pytest.approx(0, abs=1e-6)
    assert ("0301", "0702") in loose.changed()  # a 50 m wide half is a change at any such tolerance


def test_progress_and_cancel(monkeypatch):
    monkeypatch.setattr(change_inputs, "TILE_PARCELS", 2)
    seen = []
    compare_land_use(frame(before_shapes()), frame(after_shapes()), progress=lambda d, t: seen.append((d, t)))
    assert seen[-1][0] == seen[-1][1] > 1 and [d for d, _ in seen] == list(range(1, seen[-1][1] + 1))
    with pytest.raises(Cancelled):
        compare_land_use(frame(before_shapes()), frame(after_shapes()), cancelled=lambda: len(seen) > 0)


def test_files_read_per_tile_give_the_same_figures_and_the_xlsx_keeps_numbers(result, tmp_path, monkeypatch):
    paths = []
    for name, shapes in (("before", before_shapes()), ("after", after_shapes())):
        path = tmp_path / f"{name}.gpkg"
        layer = frame(shapes).to_crs(4525)
        if name == "after":  # a layer of multipolygons: every parcel written as one
            layer.geometry = [MultiPolygon([g]) if g.geom_type == "Polygon" else g for g in layer.geometry]
        layer.to_file(path, layer="DLTB")
        paths.append(path)
    monkeypatch.setattr(change_inputs, "TILE_PARCELS", 2)  # many tiles, two at a time
    monkeypatch.setattr(change_module, "WORKERS", 2)
    read = compare_land_use(FileInput(paths[0], "DLTB"), FileInput(paths[1], "DLTB"))
    with pytest.raises(Cancelled):
        compare_land_use(FileInput(paths[0], "DLTB"), FileInput(paths[1], "DLTB"), cancelled=lambda: True)
    assert read.parcels == (len(before_shapes()), len(after_shapes()))
    assert read.matched == result.matched == 7  # the unchanged outlines, found whatever their type
    assert read.changed() == pytest.approx(result.changed(), rel=1e-6, abs=1e-6)
    out = tmp_path / "matrix.xlsx"
    write_change_xlsx(read, SourceWords("三调 2019", "=变更 2023"), out)
    book = load_workbook(out)
    assert book.sheetnames[:3] == ["说明", "转移矩阵（公顷）", "转移矩阵（亩）"]
    sheet = book["转移矩阵（公顷）"]
    assert sheet.cell(1, 1).value == "前期＼后期"
    assert isinstance(sheet.cell(2, 2).value, float)
    assert book["说明"].cell(3, 2).data_type == "s"  # a layer's name is text, never a formula


def test_transition_groups():
    assert transition_group("0103", "0702") == "耕地→建设用地"
    assert transition_group("0301", "0101") == "林地→耕地"
    assert transition_group("1101", "1003") == "未利用地→建设用地"


def test_cli_writes_the_matrix_and_the_changes(tmp_path, capsys, monkeypatch):
    import pyogrio

    from xixia_map.cli.main import main

    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    paths = []
    for name, shapes in (("三调", before_shapes()), ("变更", after_shapes())):
        path = tmp_path / f"{name}.gpkg"
        frame(shapes).to_crs(4525).to_file(path, layer="DLTB")
        paths.append(f"{path}::DLTB")
    xlsx, gpkg = tmp_path / "matrix.xlsx", tmp_path / "changes.gpkg"
    assert main(["compare", *paths, "--tolerance", "0.5", "--out", str(xlsx), "--out", str(gpkg)]) == 0
    assert "6 个变化图斑" in capsys.readouterr().err
    changes = pyogrio.read_dataframe(gpkg, layer="变化图斑")
    assert sorted(zip(changes["原地类编码"], changes["现地类编码"])) == sorted(CHANGES)
    assert load_workbook(xlsx)["地类变化"].cell(2, 1).value == "0103 旱地"
    assert main(["compare", *paths, "--tolerance", "6", "--out", str(gpkg)]) == 0
    assert len(pyogrio.read_dataframe(gpkg, layer="变化图斑")) == 5  # the 5 m strip is now a boundary adjustment


def test_cli_names_the_problem(tmp_path, capsys, monkeypatch):
    from xixia_map.cli.main import main

    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    roads = tmp_path / "roads.gpkg"
    gpd.GeoDataFrame({"name": ["a"]}, geometry=[lonlat(cell(0, 0))], crs=4326).to_file(roads)
    good = tmp_path / "good.gpkg"
    frame(before_shapes()).to_file(good)
    assert main(["compare", str(good), str(roads), "--out", str(tmp_path / "m.xlsx")]) == 1
    assert "后期图层没有地类编码字段" in capsys.readouterr().err
    assert main(["compare", str(good), str(good), "--out", str(tmp_path / "m.csv")]) == 1
    assert "转移矩阵请写为 .xlsx" in capsys.readouterr().err
    assert not (tmp_path / "m.xlsx").exists()


def test_large_layers_in_their_stores_give_the_same_figures(result, tmp_path, monkeypatch):
    import pyogrio

    from xixia_map.data.analysis.layer_inputs import layer_input
    from xixia_map.data.analysis.sources import StoreInput
    from xixia_map.data.large import opening
    from xixia_map.data.user_layers import layer_from_file

    monkeypatch.setattr(opening, "LARGE_LAYER_FEATURES", 0)  # every layer here takes the large-layer path
    monkeypatch.setenv("XIXIA_MAP_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(change_inputs, "TILE_PARCELS", 3)
    layers = []
    for name, shapes in (("before", before_shapes()), ("after", after_shapes())):
        path = tmp_path / f"{name}.gpkg"
        pyogrio.write_dataframe(frame(shapes).to_crs(4525), path, layer="DLTB", driver="GPKG")
        layers.append(layer_from_file(path, (), layer="DLTB"))
    try:
        assert all(layer.streamed for layer in layers)
        inputs = [layer_input(layer) for layer in layers]
        assert all(isinstance(i, StoreInput) for i in inputs)
        bounds = [layer.bounds() for layer in layers]
        extent = (min(b[0] for b in bounds), min(b[1] for b in bounds), max(b[2] for b in bounds),
                  max(b[3] for b in bounds))
        stored = compare_land_use(*inputs, extent=extent, count=max(layer.feature_count for layer in layers))
    finally:
        for layer in layers:
            layer.close()
    assert stored.parcels == (len(before_shapes()), len(after_shapes()))
    assert stored.changed() == pytest.approx(result.changed(), rel=1e-6, abs=1e-6)
    assert stored.slivers == pytest.approx(result.slivers, rel=1e-6)


def test_a_self_crossing_parcel_is_repaired_not_a_crash():
    bow = Polygon([(X0 + 400, Y0), (X0 + 500, Y0 + 100), (X0 + 500, Y0), (X0 + 400, Y0 + 100)])  # a bow-tie
    before = before_shapes() + [("0103", bow)]
    after = after_shapes() + [("0702", box(X0 + 400, Y0, X0 + 500, Y0 + 100))]
    result = compare_land_use(frame(before), frame(after))
    keys, frame_m2 = matrix_m2(result)
    for code in keys:  # the repaired bow-tie (two triangles) is measured as it is cut
        assert frame_m2.loc[code].sum() == pytest.approx(result.before.get(code, 0.0), rel=1e-9, abs=1e-6)
        assert frame_m2[code].sum() == pytest.approx(result.after.get(code, 0.0), rel=1e-9, abs=1e-6)
    assert result.changed()[("0103", "0702")] == pytest.approx(
        geod_area(cell(0, 0)) + geod_area(box(X0 + 400, Y0, X0 + 500, Y0 + 100)) / 2, rel=1e-6)
