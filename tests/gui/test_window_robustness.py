"""The window with awkward files: dialogs in plain text and Chinese, offsets on a
worker with progress, duplicate ids, unreadable files, unsaved changes on quit."""
from ceilings import CEILING_MS
import geopandas as gpd
import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from shapely.geometry import Point

from windows import open_and_wait
from xixia_map.data.chinese_offsets import wgs84_to_gcj02


def test_hostile_ids_in_dialogs_are_plain_text(qtbot, window, tmp_path):
    hostile = "<b>x</b><img src=/etc/passwd><a href='file:///'>链接</a>"
    path = tmp_path / "<i>坏<i>.geojson"
    path.write_text('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"%s"},'
                    '"geometry":{"type":"Point","coordinates":["a","b"]}}]}' % hostile.replace('"', '\\"'),
                    encoding="utf-8")
    with qtbot.waitSignal(window.opener.failed, timeout=CEILING_MS):
        window.opener.open_paths([path])
    title, text, text_format = window.dialogs[-1]
    assert text_format == Qt.TextFormat.PlainText
    assert hostile in text and "<i>坏<i>.geojson" in text and "坐标是文字" in text


def test_a_skipped_feature_is_named_after_loading(qtbot, window, tmp_path):
    path = tmp_path / "三个.geojson"
    feats = [('"ok1"', "[111.48,33.3]"), ('"坏点"', '["东经","北纬"]'), ('"ok2"', "[111.49,33.31]")]
    path.write_text('{"type":"FeatureCollection","features":[%s]}' % ",".join(
        '{"type":"Feature","properties":{"id":%s},"geometry":{"type":"Point","coordinates":%s}}' % f for f in feats),
        encoding="utf-8")
    layer_id = open_and_wait(qtbot, window, path)
    assert list(window.layers[layer_id].frame["id"]) == ["ok1", "ok2"]
    title, text, _ = window.dialogs[-1]
    assert "已跳过 1 个要素" in text and "坏点" in text and "坐标是文字" in text


def test_unreadable_table_gets_a_dialog(qtbot, window, tmp_path):
    folder = tmp_path / "清单.csv"  # a folder named like a table: reading it fails as an unreadable file does
    folder.mkdir()
    with qtbot.waitSignal(window.opener.failed, timeout=CEILING_MS) as blocker:
        window.opener.open_paths([folder])
    assert "清单.csv" in blocker.args[0] and window.dialogs and "清单.csv" in window.dialogs[-1][1]


def test_duplicate_ids_select_the_feature_clicked(qtbot, window, tmp_path):
    path = tmp_path / "dup.geojson"
    gpd.GeoDataFrame({"id": ["A", "A"], "name": ["西", "东"]},
                     geometry=[Point(111.40, 33.30), Point(111.60, 33.30)], crs=4326).to_file(path)
    layer_id = open_and_wait(qtbot, window, path)
    layer = window.layers[layer_id]
    assert list(layer.frame["id"]) == ["1", "2"] and list(layer.frame["id（文件）"]) == ["A", "A"]
    with qtbot.waitSignal(window.map_view.feature_selected, timeout=CEILING_MS) as blocker:
        window.map_view.select_feature(layer_id, "2")
    assert blocker.args[0]["name"] == "东"


def test_offset_of_a_big_layer_runs_on_a_worker_with_progress(qtbot, window, tmp_path):
    rng = np.random.default_rng(7)
    lon, lat = rng.uniform(111.0, 111.8, 60_000), rng.uniform(33.0, 33.8, 60_000)
    glon, glat = wgs84_to_gcj02(lon, lat)
    path = tmp_path / "gcj.gpkg"
    gpd.GeoDataFrame({"n": np.arange(60_000)}, geometry=gpd.points_from_xy(glon, glat), crs=4326).to_file(path)
    layer_id = open_and_wait(qtbot, window, path)
    from xixia_map.ui.offset_job import start_offset

    job = start_offset(window, layer_id, "gcj02")
    seen = []
    job.worker.progress.connect(lambda done, total: seen.append((done, total)))
    qtbot.waitUntil(lambda: window.layers[layer_id].offset == "gcj02", timeout=CEILING_MS)
    frame = window.layers[layer_id].frame
    assert np.abs(frame.geometry.x.to_numpy() - lon).max() < 1e-6 and np.abs(frame.geometry.y.to_numpy() - lat).max() < 1e-6
    assert seen and seen[-1] == (60_000, 60_000) and not window.jobs


@pytest.mark.parametrize("answer,closes", [(QMessageBox.StandardButton.Cancel, False),
                                           (QMessageBox.StandardButton.Discard, True)])
def test_quitting_with_unsaved_changes_asks(qtbot, window, tmp_path, answer, closes):
    assert not window.isWindowModified()
    window.close()  # nothing unsaved: no question
    assert not window.dialogs
    window.show()
    path = tmp_path / "新.geojson"
    gpd.GeoDataFrame({"name": ["x"]}, geometry=[Point(111.48, 33.3)], crs=4326).to_file(path)
    open_and_wait(qtbot, window, path)
    assert window.isWindowModified()
    window.dialogs.answer = answer
    window.close()
    title, text, _ = window.dialogs[-1]
    assert "未保存的更改" in text and window.isVisible() != closes


def test_saving_clears_the_unsaved_mark(qtbot, window, tmp_path):
    from xixia_map.ui.project_io import add_bookmark, save_project_as

    add_bookmark(window, "县城")
    assert window.isWindowModified()
    assert save_project_as(window, tmp_path / "p.xixia.json") is not None
    assert not window.isWindowModified()
    assert "项目已保存" in window.statusBar().currentMessage()


def test_qt_dialogs_are_in_chinese(qtbot, window):
    from PySide6.QtWidgets import QDialogButtonBox

    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Discard
                           | QDialogButtonBox.StandardButton.Cancel)
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert texts & {"保存", "取消"} and not texts & {"Save", "Cancel", "Discard"}, texts
