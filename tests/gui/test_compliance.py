"""项目库 → 合规性审查 in the real window, on layers whose overlaps are known by
construction (CGCS2000 GK zone 37, as county data are): a register of three
projects with a 红线 (one wholly in 永久基本农田, one across the 城镇开发边界
and into the 生态保护红线, one clear that touches the red line only along an
edge) and one placed only as a point. The table's new columns, the XLSX, the
map narrowed to the conflicts and back, and Cancel."""
import threading

import geopandas as gpd
import pytest
from ceilings import CEILING_MS
from PySide6.QtCore import Qt
from shapely.geometry import Point, box
from shapely.ops import unary_union

from site_shapes import geod_area, lonlat
from windows import open_and_wait
from xixia_map.data.analysis.areas import mu
from xixia_map.data.register.session import LAYER_ID
from xixia_map.data.register.store import create_register

X0, Y0 = 37_545_000.0, 3_686_000.0
CODES = ["0101", "0103", "0301", "0601", "0702", "1101"]  # a row of 100 m parcels from X0 east
FARMLAND = box(X0, Y0, X0 + 100, Y0 + 100)
REDLINE = box(X0 + 330, Y0 + 50, X0 + 410, Y0 + 200)
BOUNDARY = unary_union([box(X0 - 1000, Y0 - 1000, X0 + 300, Y0 + 1000), box(X0 + 400, Y0 - 1000, X0 + 1000, Y0 + 1000)])
SITES = {"P1": box(X0 + 10, Y0 + 10, X0 + 90, Y0 + 90),  # in 0101, wholly in 永农, inside the boundary
         "P2": box(X0 + 250, Y0 + 10, X0 + 350, Y0 + 90),  # 0301 | 0601, half outside the boundary, into the red line
         "P3": box(X0 + 410, Y0 + 10, X0 + 490, Y0 + 90)}  # in 0702, inside; meets the red line along x = X0 + 410
NAMES = {"P1": "农田项目", "P2": "跨界项目", "P3": "合规项目", "P4": "仅有点位的项目"}


def _data(tmp_path):
    cells = [box(X0 + c * 100, Y0, X0 + (c + 1) * 100, Y0 + 100) for c in range(len(CODES))]
    gpd.GeoDataFrame({"DLBM": CODES}, geometry=cells, crs=4525).to_file(tmp_path / "DLTB.gpkg", layer="DLTB")
    for name, shape in (("YJJBNTTB", FARMLAND), ("STBHHX", REDLINE), ("CZKFBJ", BOUNDARY)):
        gpd.GeoDataFrame({"BSM": [1]}, geometry=[shape], crs=4525).to_file(tmp_path / f"{name}.gpkg")
    geometries = [lonlat(SITES[p]) for p in ("P1", "P2", "P3")] + [Point(111.49, 33.30)]
    frame = gpd.GeoDataFrame({"pid": list(NAMES), "name": list(NAMES.values()), "township": ["丹水镇"] * 4},
                             geometry=geometries, crs=4326)
    create_register(tmp_path / "项目库.gpkg", frame)


def _expected():
    """What each project takes, measured independently: pieces cut in the plane, Geod on their lon/lat."""
    def cultivated(site):
        return sum(geod_area(site.intersection(box(X0 + c * 100, Y0, X0 + (c + 1) * 100, Y0 + 100)))
                   for c, code in enumerate(CODES) if code.startswith("01"))
    return {pid: (geod_area(site), cultivated(site), geod_area(site.intersection(FARMLAND)))
            for pid, site in SITES.items()}


def _open_all(qtbot, window, tmp_path):
    _data(tmp_path)
    for name in ("DLTB", "YJJBNTTB", "STBHHX", "CZKFBJ"):
        open_and_wait(qtbot, window, tmp_path / f"{name}.gpkg")
    assert window.register.open(tmp_path / "项目库.gpkg")


def _column(model, header):
    return model.headers.index(header)


def _row(model, pid):
    return model.pids.index(pid)


def test_the_review_fills_the_columns_writes_the_report_and_narrows_the_map(qtbot, window, tmp_path, monkeypatch):
    from openpyxl import load_workbook

    _open_all(qtbot, window, tmp_path)
    editing = window.register
    editing.compliance_action.trigger()
    qtbot.waitUntil(lambda: not editing.compliance.jobs and editing.view_panel.review is not None, timeout=CEILING_MS)
    view = editing.view_panel
    # The review's box fits a narrow dock (~310 px in a 1600 × 1000 window): side by side, its
    # controls needed 387 px and cut the panel off.
    assert view.minimumSizeHint().width() <= 300, view.minimumSizeHint()
    model = view.model
    expected = _expected()
    cultivated, farmland = _column(model, "占用耕地（亩）"), _column(model, "占用永久基本农田（亩）")
    eco, dev = _column(model, "涉及生态保护红线"), _column(model, "在城镇开发边界内")
    for pid, (_site, taken, in_farmland) in expected.items():
        row = _row(model, pid)
        assert model.sort_values[cultivated][row] == pytest.approx(mu(taken), rel=1e-6, abs=1e-9), pid
        assert model.sort_values[farmland][row] == pytest.approx(mu(in_farmland), rel=1e-6, abs=1e-9), pid
    assert mu(expected["P1"][2]) == pytest.approx(9.6, rel=1e-3)  # 80 m × 80 m: the whole site is 永农
    assert [model.texts[eco][_row(model, p)] for p in ("P1", "P2", "P3", "P4")] == ["否", "是", "否", "—"]
    assert [model.texts[dev][_row(model, p)] for p in ("P1", "P2", "P3", "P4")] == ["是", "部分", "是", "—"]
    assert model.texts[farmland][_row(model, "P4")] == "—"
    model.sort(farmland, Qt.SortOrder.DescendingOrder)  # sorted as numbers
    assert model.pids[0] == "P1" and model.pids[-1] == "P4"
    assert "3 个有红线的项目" in view.review_summary.text() and "2 个存在冲突" in view.review_summary.text()

    out = tmp_path / "审查报告.xlsx"
    monkeypatch.setattr("xixia_map.ui.file_dialogs.getSaveFileName", lambda *a, **k: (str(out), ""))
    qtbot.mouseClick(view.review_export, Qt.MouseButton.LeftButton)
    assert out.exists()
    sheet = load_workbook(out)["合规性审查"]
    heads = [c.value for c in sheet[1]]
    assert heads[:7] == ["项目名称", "乡镇", "红线面积（亩）", "占用耕地（亩）", "占用永久基本农田（亩）",
                         "涉及生态保护红线", "在城镇开发边界内"] and heads[-1] == "符合性说明"
    rows = {r[0].value: r for r in sheet.iter_rows(min_row=2)}
    assert set(rows) == {NAMES[p] for p in SITES}  # one row per project with a 红线
    for pid, (site, taken, in_farmland) in expected.items():
        row = rows[NAMES[pid]]
        assert [c.data_type for c in row[:7]] == ["s", "s", "n", "n", "n", "s", "s"]
        assert row[2].value == pytest.approx(mu(site), rel=1e-6)
        assert row[3].value == pytest.approx(mu(taken), rel=1e-6, abs=1e-9)
        assert row[4].value == pytest.approx(mu(in_farmland), rel=1e-6, abs=1e-9)
        assert row[-1].data_type == "s"
    assert "项目用地占用永久基本农田" in rows["农田项目"][-1].value
    assert "项目用地位于城镇开发边界内" in rows["跨界项目"][-1].value and "边界外" in rows["跨界项目"][-1].value
    assert "项目用地不涉及生态保护红线" in rows["合规项目"][-1].value  # along an edge only

    elements = window.map_view  # a 红线 project is drawn as its star and its outline, a point as its star
    qtbot.waitUntil(lambda: elements.call_sync("shownElements", LAYER_ID) == 7, timeout=CEILING_MS)
    qtbot.mouseClick(view.conflicts_only, Qt.MouseButton.LeftButton)
    assert view.conflicts_only.isChecked()
    qtbot.waitUntil(lambda: elements.call_sync("shownElements", LAYER_ID) == 4, timeout=CEILING_MS)
    assert sorted(window.layers[LAYER_ID].frame["id"]) == ["P1", "P2"] and sorted(model.pids) == ["P1", "P2"]
    qtbot.mouseClick(view.conflicts_only, Qt.MouseButton.LeftButton)  # back to every project
    qtbot.waitUntil(lambda: elements.call_sync("shownElements", LAYER_ID) == 7, timeout=CEILING_MS)
    assert len(model.pids) == 4
    editing.session.change("P3", {"status": "在建"})  # the register edited after the review: said
    editing.changed()
    assert "审查结果可能已过时" in view.review_summary.text() and view.review is not None
    assert not window.dialogs


def test_cancel_stops_the_review_and_a_second_run_does_not_stack(qtbot, window, tmp_path, monkeypatch):
    import xixia_map.data.analysis.batch as batch
    import xixia_map.data.analysis.block as block

    _open_all(qtbot, window, tmp_path)
    started, release, analysed = threading.Event(), threading.Event(), []
    real = block.analyse_sites

    def held(*args, **kwargs):  # the first block waits until Cancel has been pressed
        analysed.append(1)
        started.set()
        release.wait(CEILING_MS / 1000)
        return real(*args, **kwargs)

    monkeypatch.setattr(block, "analyse_sites", held)
    # A block a site (the three are close enough to share one), so Cancel falls between sites.
    monkeypatch.setattr(batch, "blocks_of", lambda sites, size: [[key] for key in sites])
    editing = window.register
    editing.compliance_action.trigger()
    qtbot.waitUntil(started.is_set, timeout=CEILING_MS)
    editing.compliance_action.trigger()  # again while it runs: not a second job
    assert len(editing.compliance.jobs) == 1
    job = editing.compliance.jobs[0]
    qtbot.waitUntil(job.dialog.isVisible, timeout=CEILING_MS)
    from PySide6.QtWidgets import QPushButton

    cancel = next(b for b in job.dialog.findChildren(QPushButton) if b.text() == "取消")
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    release.set()
    qtbot.waitUntil(lambda: not editing.compliance.jobs, timeout=CEILING_MS)
    assert not job.worker_thread.isRunning() if _alive(job) else True
    assert len(analysed) == 1  # stopped after the site under way, of three
    assert editing.compliance.found is None and (editing.view_panel is None or editing.view_panel.review is None)
    assert "已取消合规性审查" in window.statusBar().currentMessage()
    assert not window.dialogs


def _alive(job) -> bool:
    from shiboken6 import isValid

    return isValid(job) and isValid(job.worker_thread)
