"""占地分析 on layers whose overlaps are known by construction: a grid of 100 m
parcels in CGCS2000 GK zone 37 with known classes, sites with holes and
several parts, a site across a boundary and one touching a control line only
along an edge. Areas are on the ellipsoid and agree with pyproj's Geod on the
pieces made independently in the projected plane."""
import geopandas as gpd
import pytest
import shapely
from shapely.geometry import MultiPolygon, Polygon, box

from site_shapes import geod_area, lonlat

from xixia_map.data.analysis.areas import ellipsoidal_area, mu
from xixia_map.data.analysis.classes import main_class
from xixia_map.data.analysis.overlay import ELLIPSOIDAL, TBMJ_RATIO, analyse_site
from xixia_map.data.analysis.roles import DEV_BOUNDARY, ECO_REDLINE, FARMLAND, LANDUSE, guess_role
from xixia_map.data.analysis.sentences import control_sentences, landuse_sentence

X0, Y0 = 37_545_000.0, 3_686_000.0  # near 西峡's county town, in zone 37
CELL = 100.0
# a 4 x 3 grid of parcels, row by row from the south-west, each with its class
CODES = [["0101", "0101", "0301", "0601"],
         ["0102", "0701", "0701", "1101"],
         ["0103", "0404", "1003", "05H1"]]


def cell(col, row):
    return box(X0 + col * CELL, Y0 + row * CELL, X0 + (col + 1) * CELL, Y0 + (row + 1) * CELL)


@pytest.fixture(scope="module")
def landuse():
    rows = [{"DLBM": code, "DLMC": "", "TBMJ": geod_area(cell(c, r)), "geometry": lonlat(cell(c, r))}
            for r, line in enumerate(CODES) for c, code in enumerate(line)]
    return gpd.GeoDataFrame(rows, crs=4326)


def analyse(site_projected, landuse, controls=None, method=ELLIPSOIDAL):
    return analyse_site(lonlat(site_projected), landuse, controls or {}, method)


def test_a_site_over_whole_parcels_takes_each_class_exactly(landuse):
    site = box(X0, Y0, X0 + 2 * CELL, Y0 + 2 * CELL)  # 0101 0101 / 0102 0701
    result = analyse(site, landuse)
    areas = {row.code: row.square_metres for row in result.rows}
    assert set(areas) == {"0101", "0102", "0701"}
    assert areas["0101"] == pytest.approx(geod_area(cell(0, 0)) + geod_area(cell(1, 0)), rel=1e-6)
    assert areas["0701"] == pytest.approx(geod_area(cell(1, 1)), rel=1e-6)
    assert sum(areas.values()) == pytest.approx(result.site_square_metres, rel=1e-9)
    assert result.uncovered_square_metres == pytest.approx(0, abs=0.01)  # a hundredth of a m², rounding
    totals = result.by_main_class()
    assert totals["农用地"] == pytest.approx(areas["0101"] + areas["0102"], rel=1e-9)
    assert totals["建设用地"] == pytest.approx(areas["0701"], rel=1e-9)
    assert result.cultivated_square_metres == pytest.approx(areas["0101"] + areas["0102"], rel=1e-9)


def test_pieces_of_a_site_with_a_hole_and_two_parts_match_geod(landuse):
    outer = Polygon([(X0 + 30, Y0 + 30), (X0 + 330, Y0 + 40), (X0 + 310, Y0 + 270), (X0 + 20, Y0 + 250)],
                    [[(X0 + 120, Y0 + 120), (X0 + 180, Y0 + 120), (X0 + 180, Y0 + 180), (X0 + 120, Y0 + 180)]])
    other = box(X0 + 350, Y0 + 210, X0 + 390, Y0 + 290)  # a second part, in 05H1
    site = MultiPolygon([outer, other])
    result = analyse(site, landuse)
    for row in result.rows:
        reference = sum(geod_area(site.intersection(cell(c, r)))
                        for r, line in enumerate(CODES) for c, code in enumerate(line) if code == row.code)
        assert row.square_metres == pytest.approx(reference, rel=1e-6), row.code
    assert sum(r.square_metres for r in result.rows) == pytest.approx(result.site_square_metres, rel=1e-8)
    assert result.site_square_metres == pytest.approx(geod_area(site), rel=1e-6)
    assert "05H1" in {r.code for r in result.rows} and main_class("05H1") == "建设用地"


def test_a_site_partly_outside_the_landuse_layer_says_how_much(landuse):
    site = box(X0 - 50, Y0, X0 + 50, Y0 + 100)  # half of it west of the grid
    result = analyse(site, landuse)
    assert result.uncovered_square_metres == pytest.approx(result.site_square_metres / 2, rel=1e-4)
    assert sum(r.square_metres for r in result.rows) + result.uncovered_square_metres == \
        pytest.approx(result.site_square_metres, rel=1e-9)


def test_control_lines_overlap_share_and_an_edge_touch_is_no(landuse):
    farmland = gpd.GeoDataFrame(geometry=[lonlat(box(X0, Y0, X0 + 150, Y0 + 100)),
                                          lonlat(box(X0 + 100, Y0, X0 + 200, Y0 + 100))], crs=4326)  # they overlap
    redline = gpd.GeoDataFrame(geometry=[lonlat(box(X0 + 200, Y0, X0 + 300, Y0 + 100))], crs=4326)  # shares an edge
    boundary = gpd.GeoDataFrame(geometry=[lonlat(box(X0 - 500, Y0 - 500, X0 + 100, Y0 + 500))], crs=4326)
    site = box(X0 + 50, Y0, X0 + 200, Y0 + 100)
    result = analyse(site, landuse, {FARMLAND: farmland, ECO_REDLINE: redline, DEV_BOUNDARY: boundary})
    farm = result.control(FARMLAND)
    assert farm.touches and farm.square_metres == pytest.approx(geod_area(site), rel=1e-6)  # the union, not twice
    assert farm.share == pytest.approx(1.0, rel=1e-9)
    red = result.control(ECO_REDLINE)
    assert not red.touches and red.square_metres == 0.0  # along an edge only: 否
    dev = result.control(DEV_BOUNDARY)
    assert dev.share == pytest.approx(1 / 3, rel=1e-4)
    said = control_sentences(result)
    assert said[0].startswith("项目用地占用永久基本农田 1.49") and "22.50 亩" in said[0] and "100.00%" in said[0]
    assert said[1] == "项目用地不涉及生态保护红线。"
    assert said[2].startswith("项目用地位于城镇开发边界内 0.5") and "边界外 0.9999 公顷（15.00 亩）" in said[2]
    english = control_sentences(result, "en")
    assert english[1] == "The site does not touch the ecological protection red line."
    assert "亩" in landuse_sentence(result) and "占用耕地" in landuse_sentence(result)


def test_tbmj_ratio_method_shares_the_recorded_area(landuse):
    scaled = landuse.copy()
    scaled["TBMJ"] = 1000.0  # the parcels' recorded area (as if 三调 had measured them so)
    site = box(X0, Y0, X0 + 50, Y0 + 100)  # half of the first parcel
    ellipsoidal = analyse(site, scaled, method=ELLIPSOIDAL)
    ratio = analyse(site, scaled, method=TBMJ_RATIO)
    assert ratio.method == TBMJ_RATIO and ratio.rows[0].square_metres == pytest.approx(500.0, rel=1e-6)
    assert ellipsoidal.rows[0].square_metres == pytest.approx(geod_area(site), rel=1e-6)


def test_a_site_across_a_township_boundary_splits_by_township(landuse):
    from xixia_map.data.analysis.overlay import control_result

    west = gpd.GeoDataFrame(geometry=[lonlat(box(X0 - 1000, Y0 - 1000, X0 + 150, Y0 + 1000))], crs=4326)
    east = gpd.GeoDataFrame(geometry=[lonlat(box(X0 + 150, Y0 - 1000, X0 + 2000, Y0 + 1000))], crs=4326)
    site = lonlat(box(X0 + 100, Y0, X0 + 250, Y0 + 100))
    parts = [control_result(site, "township", town) for town in (west, east)]
    assert parts[0].square_metres + parts[1].square_metres == pytest.approx(ellipsoidal_area(site), rel=1e-9)
    assert parts[0].square_metres == pytest.approx(geod_area(box(X0 + 100, Y0, X0 + 150, Y0 + 100)), rel=1e-6)


def test_areas_in_mu_and_the_ellipsoid():
    assert mu(666.6666666666666) == pytest.approx(1.0)
    assert ellipsoidal_area(shapely.LineString([(111, 33), (111.1, 33)])) == 0.0


@pytest.mark.parametrize("name,columns,role,sure", [
    ("DLTB", ["DLBM", "DLMC", "TBMJ"], LANDUSE, True),
    ("西峡县2023年度变更调查", ["BSM"], LANDUSE, True),
    ("YJJBNTTB", [], FARMLAND, True), ("永久基本农田_下发版", [], FARMLAND, True),
    ("STBHHX", [], ECO_REDLINE, True), ("陆域生态保护红线", [], ECO_REDLINE, True),
    ("CZKFBJ", [], DEV_BOUNDARY, True), ("地块", ["DLBM", "QSDWMC"], LANDUSE, False),
])
def test_layer_roles_are_recognised_by_the_standards_names(name, columns, role, sure):
    guess = guess_role(name, columns)
    assert guess is not None and (guess.role, guess.sure) == (role, sure)


def test_a_layer_named_otherwise_is_asked_about():
    assert guess_role("红线图", ["name"]) is None


def test_the_cli_writes_the_report_from_files_in_the_survey_plane(landuse, tmp_path):
    """`xixia-map analyse --area 红线.gpkg --landuse DLTB.gpkg::DLTB --control 永久基本农田=…`:
    the files are in GK zone 37, as county data are; the XLSX holds numbers as
    numbers and the findings as text."""
    import subprocess
    import sys

    from openpyxl import load_workbook

    dltb = tmp_path / "三调.gpkg"
    landuse.to_crs(4525).to_file(dltb, layer="DLTB")
    farmland = tmp_path / "YJJBNTTB.gpkg"
    gpd.GeoDataFrame(geometry=[box(X0, Y0, X0 + 150, Y0 + 100)], crs=4525).to_file(farmland)
    site = tmp_path / "红线.gpkg"
    gpd.GeoDataFrame({"名称": ["某项目"]}, geometry=[box(X0 + 50, Y0, X0 + 200, Y0 + 100)], crs=4525).to_file(site)
    out = tmp_path / "占地分析.xlsx"
    proc = subprocess.run([sys.executable, "-m", "xixia_map", "analyse", "--area", str(site),
                           "--landuse", f"{dltb}::DLTB", "--control", f"永久基本农田={farmland}", "--out", str(out)],
                          capture_output=True, text=True, env={**__import__("os").environ, "LANG": "zh_CN.UTF-8"},
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "项目用地占用永久基本农田 0.9999 公顷（15.00 亩）" in proc.stderr and "建设用地" not in proc.stderr
    book = load_workbook(out)
    assert book.sheetnames == ["说明", "地类", "控制线"]
    classes = {row[1].value: row for row in book["地类"].iter_rows(min_row=2) if row[1].value}
    assert set(classes) == {"0101"}  # the neighbouring parcels only touch it
    assert classes["0101"][3].data_type == "n" and classes["0101"][3].value == pytest.approx(
        geod_area(box(X0 + 50, Y0, X0 + 200, Y0 + 100).intersection(box(X0, Y0, X0 + 200, Y0 + 100))), rel=1e-5)
    control = [row for row in book["控制线"].iter_rows(min_row=2)][0]
    assert control[0].value == "永久基本农田" and control[1].value == "是" and control[1].data_type == "s"


def test_the_cli_says_what_is_missing_in_one_line(tmp_path):
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "xixia_map", "analyse", "--project", "P00001", "--out",
                           str(tmp_path / "r.xlsx")], capture_output=True, text=True, timeout=120,
                          env={**__import__("os").environ, "LANG": "zh_CN.UTF-8"})
    assert proc.returncode == 1 and proc.stderr.strip().count("\n") == 0 and "--register" in proc.stderr


def test_many_sites_in_blocks_give_what_each_alone_gives_with_progress_and_cancel(landuse, tmp_path):
    from xixia_map.data.analysis.batch import Cancelled, analyse_many

    dltb = tmp_path / "dltb.gpkg"
    landuse.to_crs(4525).to_file(dltb, layer="DLTB")
    sites = {f"P{i}": lonlat(box(X0 + 20 * i, Y0 + 10, X0 + 20 * i + 90, Y0 + 250)) for i in range(8)}
    seen = []
    many = analyse_many(sites, dltb, "DLTB", {}, progress=lambda done, total: seen.append((done, total)))
    assert list(many) == list(sites) and seen[-1] == (8, 8)
    for key, site in sites.items():
        alone = analyse_site(site, landuse, {})
        assert {r.code: round(r.square_metres, 3) for r in many[key].rows} == \
            {r.code: round(r.square_metres, 3) for r in alone.rows}
    with pytest.raises(Cancelled):
        analyse_many(sites, dltb, "DLTB", {}, cancelled=lambda: True)
