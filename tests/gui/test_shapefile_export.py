"""Zipped Shapefile export says what it cannot hold (names over 10 bytes, text
over 254 bytes, in GBK or UTF-8) and offers GeoPackage; when the planner
accepts the cuts, names are shortened on character boundaries and kept
unique, text is cut on character boundaries, the old -> new names go into the
archive, and the app reads its own export back with that text. The CLI
refuses without --shapefile-accept-cuts; the window asks, and the test presses
the question's buttons."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xixia_map.data.user_layers import layer_from_file
from xixia_map.export.data_export import ShapefileWouldCut, write_features
from xixia_map.export.shapefile_fit import NAMES_FILE, fit_bytes, fit_for_shapefile

LONG_EN = "a" * 300
LONG_ZH = "长" * 208


def sample_frame() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"project_description": [LONG_EN, "短"], "项目名称说明": [LONG_ZH, "西峡"],
                             "项目名称说": ["甲", "乙"], "Name": ["x", "y"], "name": ["p", "q"], "layer": ["t", "t"]},
                            geometry=[shapely.Point(111.48, 33.30), shapely.Point(111.50, 33.31)], crs=4326)


def names_in(archive_path: Path) -> dict[str, str]:
    with zipfile.ZipFile(archive_path) as archive:
        table = pd.read_csv(io.BytesIO(archive.read(NAMES_FILE)), dtype=str, encoding="utf-8-sig")
    return dict(zip(table.iloc[:, 0], table.iloc[:, 1]))


@pytest.mark.parametrize("encoding", ["GBK", "UTF-8"])
def test_the_cuts_are_named_before_anything_is_written(tmp_path, encoding):
    frame = sample_frame()
    out = tmp_path / "项目.zip"
    with pytest.raises(ShapefileWouldCut) as refused:
        write_features(frame, out, shapefile_encoding=encoding)
    assert not out.exists()
    en, zh = refused.value.one_line("en"), refused.value.one_line("zh")
    assert str(out) in en and "GeoPackage" in en and "GeoPackage" in zh
    assert "'project_description' → 'project_de'" in en and "1 in 'project_description'" in en
    assert "1 in '项目名称说明'" in en and "2 text value(s) longer than 254 bytes" in en
    assert "字段“项目名称说明”1 个" in zh and "将被截断" in zh
    fit = refused.value.fit
    assert set(fit.renamed) >= {"project_description", "项目名称说明", "name"}  # `name` after `Name`
    if encoding == "UTF-8":
        assert "项目名称说" in fit.renamed  # 15 bytes in UTF-8


@pytest.mark.parametrize("encoding", ["GBK", "UTF-8"])
def test_accepted_cuts_fall_on_characters_and_read_back(tmp_path, encoding):
    frame = sample_frame()
    out = tmp_path / "项目.zip"
    fit = write_features(frame, out, shapefile_encoding=encoding, shapefile_accept_cuts=True)
    renamed = names_in(out)
    assert renamed == {str(k): v for k, v in fit.renamed.items()}
    new = {c: renamed.get(c, c) for c in frame.columns if c != "geometry"}
    assert len({n.lower() for n in new.values()}) == len(new)  # unique, as dBASE compares names
    assert all(len(n.encode(encoding)) <= 10 for n in new.values())
    back = layer_from_file(out, layer="t_point.shp").frame  # the app reads its own export
    assert back[new["project_description"]].iloc[0] == "a" * 254
    assert back[new["项目名称说明"]].iloc[0] == "长" * (127 if encoding == "GBK" else 84)
    assert list(back[new["项目名称说"]]) == ["甲", "乙"] and list(back[new["name"]]) == ["p", "q"]
    assert list(back[new["Name"]]) == ["x", "y"]


@pytest.mark.parametrize("encoding", ["GBK", "UTF-8"])
def test_nothing_to_cut_is_not_asked(tmp_path, encoding):
    frame = gpd.GeoDataFrame({"名称": ["回车镇"], "layer": ["t"]}, geometry=[shapely.Point(111.4, 33.3)], crs=4326)
    fit = write_features(frame, tmp_path / "a.zip", shapefile_encoding=encoding)
    assert not fit.needed()
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        assert NAMES_FILE not in archive.namelist()


name_chars = st.one_of(st.sampled_from("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789_"),
                       st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5))
text_chars = st.one_of(name_chars, st.sampled_from(" ,.;:-（）、，。"))
names = st.text(name_chars, min_size=1, max_size=16).filter(
    lambda n: n.lower() not in ("id", "fid", "layer", "geometry", "ogc_fid"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(names, st.text(text_chars, min_size=1, max_size=400)), min_size=1, max_size=6,
                unique_by=lambda pair: pair[0]),
       st.sampled_from(["GBK", "UTF-8"]))
def test_any_names_and_text_round_trip_within_the_limits(columns, encoding):
    frame = gpd.GeoDataFrame({name: [value] for name, value in columns} | {"layer": ["t"]},
                             geometry=[shapely.Point(111.48, 33.30)], crs=4326)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "x.zip"
        fit = fit_for_shapefile(frame, encoding)
        try:
            write_features(frame, out, shapefile_encoding=encoding)
            assert not fit.needed()  # written as asked only when nothing is lost
        except ShapefileWouldCut as refused:
            assert refused.fit == fit and fit.needed() and not out.exists()
            write_features(frame, out, shapefile_encoding=encoding, shapefile_accept_cuts=True)
        renamed = names_in(out) if fit.renamed else {}
        back = layer_from_file(out, layer="t_point.shp").frame
        for name, value in columns:
            new = renamed.get(name, name)
            assert len(new.encode(encoding)) <= 10 and new == fit.renamed.get(name, name)
            expected = fit_bytes(value, encoding, 254)
            assert value.startswith(expected) and len(expected.encode(encoding)) <= 254
            assert (name in fit.cut) == (expected != value)
            got = back[new].iloc[0]
            # dBASE pads text with blanks, and GDAL's reader trims them at both ends
            assert (got or "") == expected.strip()


# -- the command line --------------------------------------------------------------------------------

def hostile_geojson(path: Path) -> None:
    features = [{"type": "Feature", "properties": {"id": "1", "project_description": LONG_EN, "项目名称说明": LONG_ZH},
                 "geometry": {"type": "Point", "coordinates": [111.48, 33.30]}}]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False),
                    encoding="utf-8")


def run_cli(*args, lang="en_US.UTF-8"):
    env = dict(os.environ, LANG=lang, LC_ALL=lang)
    return subprocess.run([sys.executable, "-m", "xixia_map", *args], capture_output=True, text=True, timeout=300,
                          env=env)


def test_the_cli_refuses_unless_the_cuts_are_accepted(tmp_path):
    source = tmp_path / "plan.geojson"
    hostile_geojson(source)
    out = tmp_path / "项目.zip"
    common = ["export", "--out", str(out), "--add-layer", str(source), "--layers", "user_plan",
              "--shapefile-encoding", "UTF-8"]
    refused = run_cli(*common)
    assert refused.returncode == 2 and not out.exists() and "Traceback" not in refused.stderr
    assert "'project_description' → 'project_de'" in refused.stderr and "GeoPackage (.gpkg)" in refused.stderr
    assert "--shapefile-accept-cuts" in refused.stderr and "1 in '项目名称说明'" in refused.stderr
    zh = run_cli(*common, lang="zh_CN.UTF-8")
    assert zh.returncode == 2 and "建议改为导出 GeoPackage" in zh.stderr and "字段名超过 10 字节" in zh.stderr
    accepted = run_cli(*common, "--shapefile-accept-cuts")
    assert accepted.returncode == 0, accepted.stderr
    assert "were shortened" in accepted.stderr and NAMES_FILE in accepted.stderr
    renamed = names_in(out)
    assert renamed["project_description"] == "project_de" and renamed["项目名称说明"] == "项目名"
    checked = run_cli("check", str(out))
    assert checked.returncode == 0 and "项目名" in checked.stdout and "Traceback" not in checked.stderr
    back = layer_from_file(out, layer="user_plan_point.shp").frame
    assert back["项目名"].iloc[0] == "长" * 84 and back["project_de"].iloc[0] == "a" * 254


# -- the window -------------------------------------------------------------------------------------



def _export_through_the_window(qtbot, window, out: Path, answer: str, encoding: str = "GBK"):
    from PySide6.QtWidgets import QDialog

    from modal_click import press_when_shown
    from xixia_map.ui.data_export_dialog import ShapefileCutsBox, ask_data_export

    def choose_encoding(dialog):
        dialog.encoding.setCurrentIndex(dialog.encoding.findData(encoding))

    first = press_when_shown(qtbot, QDialog, lambda d: d.buttons.button(d.buttons.StandardButton.Ok),
                             prepare=choose_encoding)
    asked = press_when_shown(qtbot, ShapefileCutsBox, lambda box: getattr(box, answer))
    written = ask_data_export(window, window.layers, None, path=out)
    assert first
    return written, asked


@pytest.fixture
def hostile_layer(qtbot, window, tmp_path):
    from windows import open_and_wait

    hostile_geojson(tmp_path / "项目.geojson")
    layer_id = open_and_wait(qtbot, window, tmp_path / "项目.geojson")
    for layer in window.layers:
        layer.visible = layer.id == layer_id
    return layer_id


def test_the_window_offers_geopackage_instead(qtbot, window, tmp_path, hostile_layer):
    out = tmp_path / "导出.zip"
    (tmp_path / "导出.gpkg").write_bytes(b"a planner's earlier file")
    written, asked = _export_through_the_window(qtbot, window, out, "gpkg_button", "UTF-8")
    assert asked, "the Shapefile question was not shown"
    text = asked[0].text()
    assert "project_description" in text and "项目名称说明" in text and "254" in text and "GeoPackage" in text
    assert asked[0].defaultButton() is asked[0].gpkg_button
    assert not out.exists() and written == tmp_path / "导出 (2).gpkg"  # the earlier file is kept
    assert (tmp_path / "导出.gpkg").read_bytes() == b"a planner's earlier file"
    back = gpd.read_file(written)
    assert back["project_description"].iloc[0] == LONG_EN and back["项目名称说明"].iloc[0] == LONG_ZH


def test_the_window_writes_the_cut_shapefile_when_asked_to(qtbot, window, tmp_path, hostile_layer):
    out = tmp_path / "导出.zip"
    written, asked = _export_through_the_window(qtbot, window, out, "shapefile_button", "UTF-8")
    assert asked and written == out
    renamed = names_in(out)
    assert renamed == {"project_description": "project_de", "项目名称说明": "项目名"}
    back = layer_from_file(out, layer=f"{hostile_layer}_point.shp").frame
    assert back["项目名"].iloc[0] == "长" * 84
    titles_and_texts = [(title, text) for title, text, _ in window.dialogs]
    assert any(NAMES_FILE in text and "已被缩短" in text for _, text in titles_and_texts), titles_and_texts


def test_the_window_cancel_writes_nothing(qtbot, window, tmp_path, hostile_layer):
    out = tmp_path / "导出.zip"
    written, asked = _export_through_the_window(qtbot, window, out, "cancel_button")
    assert asked and written is None
    assert not out.exists() and not (tmp_path / "导出.gpkg").exists()
