"""The A4 占地分析 sheet from the CLI (`xixia-map analyse … --out report.pdf|.png`),
on generated layers whose areas are known by construction: the PDF's text has
the title, the table's 公顷 and 亩, the 符合性说明, the method and each source
with its date and CRS; the PNG shows the site outlined in red on the map; a
corridor either side of a road comes out at twice the width times its length."""
import os
import subprocess
import sys

import geopandas as gpd
import pytest
from shapely.geometry import LineString, box

X0, Y0 = 37_545_000.0, 3_686_000.0
CODES = [["0101", "0101", "0301", "0601"], ["0102", "0701", "0701", "1101"], ["0103", "0404", "1003", "05H1"]]
ENV = {**os.environ, "LANG": "zh_CN.UTF-8", "QTWEBENGINE_DISABLE_SANDBOX": "1"}


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sheet")
    cells = [box(X0 + c * 100, Y0 + r * 100, X0 + (c + 1) * 100, Y0 + (r + 1) * 100)
             for r in range(3) for c in range(4)]
    gpd.GeoDataFrame({"DLBM": [code for line in CODES for code in line], "DLMC": [""] * 12}, geometry=cells,
                     crs=4525).to_file(folder / "DLTB.gpkg", layer="DLTB")
    gpd.GeoDataFrame({"JBNTTBBH": ["J1"]}, geometry=[box(X0, Y0, X0 + 150, Y0 + 100)], crs=4525).to_file(
        folder / "YJJBNTTB.gpkg")
    gpd.GeoDataFrame({"HXMC": ["R1"]}, geometry=[box(X0 + 250, Y0 + 150, X0 + 400, Y0 + 300)], crs=4525).to_file(
        folder / "STBHHX.gpkg")
    # 300 m x 180 m from (50, 10): 5.4 ha = 81 亩; 90 m x 100 m of it in the farmland; 100 m x 40 m in the red line
    gpd.GeoDataFrame({"名称": ["冷链物流中心"]}, geometry=[box(X0 + 50, Y0 + 10, X0 + 350, Y0 + 190)], crs=4525).to_file(
        folder / "红线.gpkg")
    gpd.GeoDataFrame({"name": ["规划道路"]}, geometry=[LineString([(X0 + 20, Y0 + 50), (X0 + 200, Y0 + 50),
                                                                   (X0 + 200, Y0 + 280)])], crs=4525).to_file(
        folder / "道路.gpkg")
    return folder


def analyse(files, *args):
    proc = subprocess.run([sys.executable, "-m", "xixia_map", "analyse", *args], capture_output=True, text=True,
                          env=ENV, cwd=files, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return proc


def test_the_pdf_sheet_has_the_table_the_findings_and_the_sources(files):
    out = files / "占地分析.pdf"
    analyse(files, "--area", "红线.gpkg", "--landuse", "DLTB.gpkg::DLTB", "--control", "永久基本农田=YJJBNTTB.gpkg",
            "--control", "生态保护红线=STBHHX.gpkg", "--title", "冷链物流中心用地预审占地分析图", "--out", str(out))
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(text.split())
    assert "冷链物流中心用地预审占地分析图" in flat and "内部资料" in flat
    for words in ("地类面积", "控制线", "符合性说明", "农用地", "0101 水田", "0701 城镇住宅用地", "合计"):
        assert words in flat, words
    assert "5.3997" in flat and "81.00" in flat  # the total in 公顷 and 亩 (the ellipsoid's 0.99995 of the plane's)
    assert "项目用地占用永久基本农田 0.9000 公顷（13.50 亩），占项目用地的 16.67%。" in flat.replace(" ）", "）")
    assert "项目用地涉及生态保护红线 0.4000 公顷（6.00 亩）" in flat
    assert "计算方法：面积为 2000 国家大地坐标系椭球面上的椭球面积" in flat
    assert "DLTB.gpkg::DLTB" in flat and "YJJBNTTB.gpkg" in flat and "第37带" in flat and "制图日期" in flat
    assert "比例尺" in flat


def test_the_png_sheet_outlines_the_site_on_the_map(files):
    from PIL import Image

    out = files / "占地分析.png"
    analyse(files, "--area", "红线.gpkg", "--landuse", "DLTB.gpkg::DLTB", "--out", str(out))
    image = Image.open(out).convert("RGB")
    assert image.size == (1754, 1240)  # A4 landscape at 150 dpi
    pixels = image.load()
    # the map lies left of the tables' column (x < ~170 mm = 1004 px): the site's red outline is drawn there
    red = sum(1 for x in range(60, 1000, 2) for y in range(150, 1100, 2)
              if pixels[x, y][0] > 190 and pixels[x, y][1] < 60 and pixels[x, y][2] < 60)
    assert red > 200


def test_a_corridor_either_side_of_a_road_from_the_cli(files):
    from openpyxl import load_workbook

    out = files / "道路.xlsx"
    proc = analyse(files, "--area", "道路.gpkg", "--buffer", "15", "--landuse", "DLTB.gpkg::DLTB", "--out", str(out))
    # 180 m + 230 m of road, 15 m either side, a mitred bend: 410 x 30 m = 1.23 ha (to the ellipsoid's 2.5e-5)
    assert "项目用地总面积 1.2300 公顷（18.45 亩）" in proc.stderr
    total = next(r for r in load_workbook(out)["地类"].iter_rows(min_row=2) if r[0].value == "合计")
    assert total[3].data_type == "n" and total[3].value == pytest.approx(12_300, rel=1e-4)


def test_the_cli_refuses_a_buffer_without_lines_and_an_unknown_format(files):
    for args, words in ((["--area", "红线.gpkg", "--buffer", "10", "--out", "x.xlsx"], "没有可生成缓冲区的线"),
                        (["--area", "红线.gpkg", "--out", "x.docx"], ".pdf"),
                        (["--project", "P1", "--buffer", "10", "--register", "r.gpkg", "--out", "x.pdf"], "--buffer")):
        proc = subprocess.run([sys.executable, "-m", "xixia_map", "analyse", *args], capture_output=True, text=True,
                              env=ENV, cwd=files, timeout=120)
        assert proc.returncode == 1 and words in proc.stderr and proc.stderr.strip().count("\n") == 0, proc.stderr
