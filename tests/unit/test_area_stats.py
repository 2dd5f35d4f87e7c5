"""Areas to analyse besides a feature (a drawn polygon, a corridor either side of
a line), and the register by township: on generated data whose answers are
known by construction (GK zone 37 near 西峡's county town)."""
import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from pyproj import Geod, Transformer
from shapely.geometry import LineString, Point, box

from xixia_map.data.analysis.areas import ellipsoidal_area
from xixia_map.data.analysis.overlay import plane_for, to_plane
from xixia_map.data.analysis.sites import drawn_polygon, line_corridor, padded_bounds, surroundings
from xixia_map.data.analysis.township_stats import (LEDGER, POINT, REDLINE, REDLINE_SPLIT, UNKNOWN,
                                                    bundled_townships, ledger_township, township_stats)
from xixia_map.data.errors import DataError

TO_LONLAT = Transformer.from_crs(4525, 4326, always_xy=True)
GEOD = Geod(ellps="GRS80")
X0, Y0 = 37_545_000.0, 3_686_000.0  # 45 km east of zone 37's central meridian: scale 1.000 025


def lonlat(geometry):
    return shapely.transform(geometry, lambda xy: np.column_stack(TO_LONLAT.transform(xy[:, 0], xy[:, 1])))


# -- a drawn area ---------------------------------------------------------------------------
def test_a_drawn_area_is_the_polygon_of_its_points():
    corners = [TO_LONLAT.transform(x, y) for x, y in
               [(X0, Y0), (X0 + 300, Y0), (X0 + 300, Y0 + 200), (X0, Y0 + 200)]]
    site = drawn_polygon(corners)
    lons, lats = zip(*corners)
    assert ellipsoidal_area(site) == pytest.approx(abs(GEOD.polygon_area_perimeter(lons, lats)[0]), rel=1e-9)


def test_a_drawing_that_crosses_itself_keeps_both_loops():
    figure_eight = [TO_LONLAT.transform(x, y) for x, y in
                    [(X0, Y0), (X0 + 200, Y0 + 200), (X0 + 200, Y0), (X0, Y0 + 200)]]
    site = drawn_polygon(figure_eight)
    assert site.is_valid and site.geom_type == "MultiPolygon" and len(site.geoms) == 2
    # two triangles of half a 200 m square each side of the crossing: 200 x 200 / 2 in all
    assert ellipsoidal_area(site) == pytest.approx(20_000, rel=1e-3)


@pytest.mark.parametrize("points", [[(111.5, 33.3), (111.6, 33.3)],
                                    [(111.5, 33.3), (111.6, 33.3), (111.7, 33.3)],
                                    [(111.5, 33.3), (111.5, 33.3), (111.6, 33.4)]])
def test_a_drawing_with_no_area_is_refused_in_words(points):
    with pytest.raises(DataError) as caught:
        drawn_polygon(points)
    assert "点" in caught.value.one_line("zh")


# -- a corridor either side of a line ------------------------------------------------------------
def test_a_straight_corridor_is_twice_the_width_times_the_ground_length():
    start, end = TO_LONLAT.transform(X0, Y0), TO_LONLAT.transform(X0 + 1000, Y0 + 300)
    corridor = line_corridor(LineString([start, end]), 20.0)
    ground = GEOD.line_length([start[0], end[0]], [start[1], end[1]])
    # the plane's metre is 1.000 025 ground metres here: without the scale's correction this is 2.5e-5 off
    assert ellipsoidal_area(corridor) == pytest.approx(2 * 20.0 * ground, rel=1e-6)
    # a corner of the corridor is 20 m from the line's start on the ground
    plane = plane_for(corridor)
    corners = list(to_plane(corridor, plane).exterior.coords)
    start_plane = to_plane(Point(start), plane)
    nearest = min(corners, key=lambda c: Point(c).distance(start_plane))
    back = Transformer.from_crs(plane, 4326, always_xy=True).transform(*nearest)
    assert GEOD.inv(start[0], start[1], back[0], back[1])[2] == pytest.approx(20.0, abs=1e-4)


def test_a_bend_is_mitred_and_the_ends_are_square():
    """An L of 1000 m and 1000 m, 20 m either side: the two strips, their overlap
    inside the bend counted once and the outer corner's square added: 4000 x 20 m²."""
    line = lonlat(LineString([(X0, Y0), (X0 + 1000, Y0), (X0 + 1000, Y0 + 1000)]))
    corridor = line_corridor(line, 20.0)
    plane = plane_for(corridor)
    drawn = to_plane(corridor, plane)
    k = drawn.area / (4000 * 20.0)  # the plane's area over the ground's: the scale (its lengths are the plane's)
    assert k == pytest.approx(1.0, abs=1e-4)
    assert ellipsoidal_area(corridor) == pytest.approx(4000 * 20.0, rel=2e-4)  # the GK edges' own lengths, ±1e-4
    assert len(drawn.exterior.coords) == 7  # six corners: flat ends, one mitred bend, no rounded arcs


def test_a_corridor_needs_a_line_and_a_sane_width():
    line = lonlat(LineString([(X0, Y0), (X0 + 100, Y0)]))
    for width in (0, -5, 50_000):
        with pytest.raises(DataError):
            line_corridor(line, width)
    with pytest.raises(DataError):
        line_corridor(lonlat(box(X0, Y0, X0 + 10, Y0 + 10)), 10)


def test_a_sheets_surroundings_hold_the_padded_site():
    site = lonlat(box(X0, Y0, X0 + 900, Y0 + 100))
    west, south, east, north = padded_bounds(site)
    around = surroundings(site)
    assert around.contains(box(west, south, east, north))
    assert site.within(around)


# -- the register by township -------------------------------------------------------------
HUICHE = box(X0 - 5000, Y0 - 5000, X0 + 1000, Y0 + 5000)  # 回车镇 west of x = X0 + 1000
DINGHE = box(X0 + 1000, Y0 - 5000, X0 + 7000, Y0 + 5000)  # 丁河镇 east of it


@pytest.fixture
def boundaries():
    # 回车镇 stored in two parts, as a boundary layer may hold a township
    west, east = box(X0 - 5000, Y0 - 5000, X0 - 2000, Y0 + 5000), box(X0 - 2000, Y0 - 5000, X0 + 1000, Y0 + 5000)
    return gpd.GeoDataFrame({"XZQMC": ["回车镇", "回车镇", "丁河镇"]},
                            geometry=[lonlat(west), lonlat(east), lonlat(DINGHE)], crs=4326)


@pytest.fixture
def register():
    rows = [
        ("P1", "冷链物流", "回车镇", 100.0, 40.0, 30.0, lonlat(Point(X0, Y0))),
        ("P2", "=HYPERLINK(\"http://x\")", "西峡县丁河镇", 200.0, 100.0, 50.0,
         lonlat(box(X0 + 2000, Y0, X0 + 2100, Y0 + 100))),
        # 70 m of its 100 m west of the boundary: 回车镇 by its 红线, though the ledger says 丁河
        ("P3", "跨界道路", "丁河", 300.0, 0.0, 0.0, lonlat(box(X0 + 930, Y0, X0 + 1030, Y0 + 100))),
        ("P4", "待落图项目", "回车", 50.0, 10.0, 5.0, None),
        ("P5", "县外项目", "", 10.0, 0.0, 0.0, lonlat(Point(X0 + 20_000, Y0))),
        ("P6", "米坪填错", "米坪镇", 7.0, 7.0, 7.0, lonlat(Point(X0 + 3000, Y0))),
    ]
    frame = pd.DataFrame(rows, columns=["pid", "name", "township", "total", "annual_plan", "completed", "geometry"])
    return gpd.GeoDataFrame(frame, geometry="geometry", crs=4326)


def _by_name(table):
    return {row["乡镇"]: row for row in table.to_dict("records")}


def test_projects_are_counted_where_they_are(register, boundaries):
    stats = township_stats(register, boundaries)
    rows = _by_name(stats.by_township)
    assert list(stats.by_township["乡镇"])[:2] == ["回车镇", "丁河镇"]  # the layer's townships, in its order
    assert rows["回车镇"]["项目数"] == 3 and rows["回车镇"]["其中按位置确定"] == 2  # P1, P3 placed; P4 by the ledger
    assert rows["回车镇"]["总投资（万元）"] == 450.0 and rows["回车镇"]["完成投资（万元）"] == 35.0
    assert rows["回车镇"]["完成率"] == pytest.approx(35 / 50)
    assert rows["丁河镇"]["项目数"] == 2 and rows["丁河镇"]["总投资（万元）"] == 207.0  # P2 and P6
    assert rows["未能确定乡镇"]["项目数"] == 1 and rows["未能确定乡镇"]["总投资（万元）"] == 10.0
    assert rows["合计"]["项目数"] == 6 and rows["合计"]["总投资（万元）"] == 667.0
    assert rows["合计"]["完成率"] == pytest.approx(92 / 157)
    projects = {row["项目编号"]: row for row in stats.projects.to_dict("records")}
    assert projects["P3"]["确定方式"].startswith("红线跨乡镇") and projects["P3"]["红线在该乡镇内比例"] == \
        pytest.approx(0.7, abs=1e-6)
    assert projects["P3"]["位置与台账不符"] == "是" and projects["P6"]["位置与台账不符"] == "是"
    assert projects["P1"]["位置与台账不符"] == "否" and projects["P2"]["确定方式"] == "按红线"
    assert projects["P4"]["确定方式"] == "按台账所填乡镇" and projects["P5"]["统计所用乡镇"] == "未能确定乡镇"


def test_without_boundaries_the_ledger_names_the_township(register):
    stats = township_stats(register, None)
    rows = _by_name(stats.by_township)
    assert list(stats.by_township["乡镇"])[:19] == list(bundled_townships())  # every township, with or without
    assert rows["回车镇"]["项目数"] == 2 and rows["丁河镇"]["项目数"] == 2 and rows["米坪镇"]["项目数"] == 1
    assert rows["白羽街道"]["项目数"] == 0 and pd.isna(rows["白羽街道"]["完成率"])
    assert rows["未能确定乡镇"]["项目数"] == 1
    assert "台账" in stats.notes.iloc[0, 1]


def test_how_each_project_was_placed(register, boundaries):
    from xixia_map.data.analysis.township_stats import boundaries_by_name, place_projects

    placed = {p.pid: p for p in place_projects(register, boundaries_by_name(boundaries))}
    assert [placed[k].how for k in ("P1", "P2", "P3", "P4", "P5", "P6")] == \
        [POINT, REDLINE, REDLINE_SPLIT, LEDGER, UNKNOWN, POINT]
    assert placed["P2"].share == pytest.approx(1.0) and placed["P2"].how == REDLINE


@pytest.mark.parametrize("words,township", [("回车镇", "回车镇"), ("西峡县回车镇东坪村", "回车镇"), ("回车", "回车镇"),
                                            ("白羽街道办事处", "白羽街道"), ("丹水镇、回车镇", "丹水镇"), ("县城", None),
                                            ("", None), (None, None)])
def test_the_ledgers_words_name_a_township(words, township):
    assert ledger_township(words, bundled_townships()) == township


def test_the_xlsx_keeps_numbers_as_numbers_and_text_as_text(register, boundaries, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "按乡镇统计.xlsx"
    township_stats(register, boundaries).write_xlsx(out)
    book = load_workbook(out)
    assert book.sheetnames == ["按乡镇", "项目", "说明"]
    header = [c.value for c in book["按乡镇"][1]]
    huiche = next(r for r in book["按乡镇"].iter_rows(min_row=2) if r[0].value == "回车镇")
    assert huiche[0].data_type == "s" and huiche[header.index("项目数")].data_type == "n"
    assert huiche[header.index("总投资（万元）")].value == 450 and huiche[header.index("总投资（万元）")].data_type == "n"
    named = next(r for r in book["项目"].iter_rows(min_row=2) if r[0].value == "P2")
    assert named[1].data_type == "s" and named[1].value.startswith("=HYPERLINK")  # a name, not a formula

    english = tmp_path / "by-township.xlsx"
    township_stats(register, boundaries, lang="en").write_xlsx(english, "en")
    assert load_workbook(english).sheetnames == ["by township", "projects", "notes"]


def test_a_boundary_layer_without_names_is_said(register):
    nameless = gpd.GeoDataFrame({"code": ["411323"]}, geometry=[lonlat(HUICHE)], crs=4326)
    with pytest.raises(DataError) as caught:
        township_stats(register, nameless)
    assert "名称" in caught.value.one_line("zh")
