"""The project register (项目落图) file: 台账 import with good and bad rows,
export in the same layout, transactional saves with the edit log, and a
conflicting save detected rather than overwritten."""
import json
import subprocess
import sys

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from xixia_map.data.register.ledger import export_ledger, import_ledger
from xixia_map.data.register.model import Edit, RegisterConflict
from xixia_map.data.register.store import create_register, edit_log, open_register, save_edits

from ledgers import LEDGER



@pytest.fixture
def ledger_file(tmp_path):
    path = tmp_path / "项目台账.xlsx"
    LEDGER.to_excel(path, index=False)
    return path


def test_import_places_good_rows_and_lists_bad_ones(ledger_file):
    result = import_ledger(ledger_file)
    frame = result.frame
    assert list(frame["name"]) == ["西峡香菇城二期", "回车镇仓储物流园", "太平镇民宿集群", "精确落图项目"]
    problems = {line: why.zh for line, why in result.problems}
    assert set(problems) == {5, 6, 7}  # the sheet's lines: unknown township, 待定, duplicate name
    assert "不存在镇" in problems[5] and "待定" in problems[6] and "重复" in problems[7]
    first = frame.iloc[0]
    assert first["total"] == 12000 and first["placement"] == "待落图" and first["accuracy_m"] >= 1000
    exact = frame.iloc[3]
    assert exact["placement"] == "已落图" and exact.geometry.x == 111.53421 and exact["accuracy_m"] < 1
    assert json.loads(first["extra"]) == {"序号": "1", "备注 {{待定}}": "<b>一期已投产</b>"}


def test_register_round_trip_to_the_ledger(ledger_file, tmp_path):
    result = import_ledger(ledger_file)
    create_register(tmp_path / "库.gpkg", result.frame)
    register = open_register(tmp_path / "库.gpkg")
    assert register.revision == 0 and len(register.frame) == 4
    out = tmp_path / "导出台账.xlsx"
    export_ledger(register.frame, out)
    back = pd.read_excel(out, dtype=object)
    assert list(back.columns[:5]) == ["项目名称", "建设单位", "所在乡镇", "级别", "项目类型"]
    assert {"经度", "纬度", "落图状态", "位置精度（米）", "序号", "备注 {{待定}}"} <= set(back.columns)
    assert back.loc[3, "备注 {{待定}}"] == "含 {% 以批复为准" and back.loc[0, "备注 {{待定}}"] == "<b>一期已投产</b>"
    again = import_ledger(out)  # what was exported imports again, placed where it was
    assert list(again.frame["name"]) == list(result.frame["name"]) and not again.problems
    assert again.frame.geometry.iloc[3].equals_exact(result.frame.geometry.iloc[3], 1e-7)


def test_saves_are_logged_and_a_conflicting_save_is_refused(ledger_file, tmp_path):
    path = tmp_path / "库.gpkg"
    create_register(path, import_ledger(ledger_file).frame)
    mine, theirs = open_register(path), open_register(path)
    pid = mine.frame["pid"].iloc[1]
    moved = shapely.Point(111.5512, 33.3333)
    save_edits(theirs, [Edit(pid, "status", "在建", "投产运营")], who="张工")
    with pytest.raises(RegisterConflict) as info:
        save_edits(mine, [Edit(pid, "status", "在建", "已竣工"), Edit(pid, "geometry", None, moved)], who="李工")
    assert ("在建", "投产运营", "已竣工") in [(o, t, m) for _p, f, o, t, m in info.value.differences if f == "status"]
    reread = open_register(path)
    assert reread.revision == 1 and reread.record(pid)["status"] == "投产运营"  # nothing of mine was written
    save_edits(reread, [Edit(pid, "geometry", reread.record(pid)["geometry"], moved),
                        Edit(pid, "accuracy_m", reread.record(pid)["accuracy_m"], 2.0)], who="李工")
    final = open_register(path)
    assert final.revision == 2 and final.record(pid)["geometry"].equals_exact(moved, 1e-12)
    log = edit_log(path)
    assert [(who, field, new) for who, _at, _p, field, _old, new in log] == [
        ("张工", "status", "投产运营"), ("李工", "geometry", moved.wkt), ("李工", "accuracy_m", "2.0")]
    assert gpd.read_file(path, layer="projects").crs.to_epsg() == 4326  # still a GeoPackage GIS reads


def test_cli_register_import_and_export(ledger_file, tmp_path):
    run = lambda *a: subprocess.run([sys.executable, "-m", "xixia_map", "register", *map(str, a)],  # noqa: E731
                                    capture_output=True, text=True, timeout=120)
    proc = run("import", ledger_file, "--out", tmp_path / "r.gpkg")
    assert proc.returncode == 0 and "4 projects (3 awaiting placement), 3 rows refused" in proc.stderr
    assert "line 5" in proc.stderr and "Traceback" not in proc.stderr
    proc = run("export", tmp_path / "r.gpkg", "--out", tmp_path / "t.xlsx")
    assert proc.returncode == 0 and len(pd.read_excel(tmp_path / "t.xlsx")) == 4
    proc = run("export", tmp_path / "missing.gpkg", "--out", tmp_path / "t2.xlsx")
    assert proc.returncode == 1 and "not found" in proc.stderr and "Traceback" not in proc.stderr


def test_edit_session_undo_redo_save_and_accuracy(ledger_file, tmp_path):
    from xixia_map.data.register.session import EditSession, drag_accuracy_m

    path = tmp_path / "库.gpkg"
    create_register(path, import_ledger(ledger_file).frame)
    session = EditSession(open_register(path))
    pid = session.frame["pid"].iloc[0]
    seat = session.frame.geometry.iloc[0]
    session.drag(pid, 111.6801, 33.2322, 16)
    assert session.register.record(pid)["placement"] == "已落图"
    accuracy = session.register.record(pid)["accuracy_m"]
    assert accuracy == drag_accuracy_m(16, 33.2322) == pytest.approx(6.0, abs=0.1)  # 3 px of 2 m
    session.change(pid, {"status": "投产运营", "completed": 5000.0})
    assert session.undo() and session.register.record(pid)["status"] == "在建"
    assert session.undo() and session.register.record(pid)["geometry"].equals(seat)
    assert session.register.record(pid)["placement"] == "待落图"
    assert session.redo() and session.redo() and session.register.record(pid)["completed"] == 5000.0
    session.save(who="王工")
    reread = open_register(path).record(pid)
    assert reread["status"] == "投产运营" and reread["placement"] == "已落图"
    assert reread["geometry"].equals_exact(shapely.Point(111.6801, 33.2322), 1e-12)
    assert {row[3] for row in edit_log(path)} == {"geometry", "accuracy_m", "placement", "status", "completed"}
    layer = session.layer("项目库")
    assert layer.frame["id"].tolist() == session.frame["pid"].tolist()
    session.change(pid, {"status": "已竣工"})
    session.discard()
    assert session.register.record(pid)["status"] == "投产运营" and not session.dirty()


def test_added_projects_are_saved_and_undone(ledger_file, tmp_path):
    from xixia_map.data.register.session import EditSession

    path = tmp_path / "库.gpkg"
    create_register(path, import_ledger(ledger_file).frame)
    session = EditSession(open_register(path))
    pid = session.add("新增项目 <b>甲</b>", 111.52, 33.31, 15)
    assert len(session.frame) == 5 and session.undo() and len(session.frame) == 4
    assert session.redo() and session.register.record(pid)["name"] == "新增项目 <b>甲</b>"
    session.change(pid, {"status": "在建"})
    session.save(who="赵工")
    reread = open_register(path)
    assert len(reread.frame) == 5 and reread.record(pid)["status"] == "在建"
    assert reread.record(pid)["geometry"].equals_exact(shapely.Point(111.52, 33.31), 1e-12)
    assert [row[3] for row in edit_log(path)] == ["_insert", "status"]


def test_a_deleted_project_is_undone_saved_and_logged(ledger_file, tmp_path):
    from xixia_map.data.register.session import EditSession

    path = tmp_path / "库.gpkg"
    create_register(path, import_ledger(ledger_file).frame)
    session = EditSession(open_register(path))
    pid = session.frame["pid"].iloc[2]
    session.delete(pid)
    assert pid not in set(session.frame["pid"]) and session.undo() and pid in set(session.frame["pid"])
    assert session.register.record(pid)["name"] == "太平镇民宿集群"
    assert session.redo()
    session.save(who="钱工")
    assert pid not in set(open_register(path).frame["pid"]) and len(open_register(path).frame) == 3
    assert [(row[3], row[4]) for row in edit_log(path)] == [("_delete", "太平镇民宿集群")]


def test_typed_positions_keep_the_precision_typed():
    from pyproj import Transformer

    from xixia_map.data.register.typed_position import PositionError, parse_position

    site = (111.4875, 33.3011)
    east37, north = Transformer.from_crs(4326, 4525, always_xy=True).transform(*site)
    east111, _ = Transformer.from_crs(4326, 4546, always_xy=True).transform(*site)
    assert round(east37 - east111) == 37_000_000  # the zone number is the only difference
    at = parse_position("gk37", f"{east37:.1f}", f"{north:.1f}")
    assert abs(at.lon - site[0]) < 1e-6 and abs(at.lat - site[1]) < 1e-6 and at.accuracy_m == 0.05
    assert parse_position("cm111", f"{east111:.0f}", f"{north:.0f}").accuracy_m == 0.5
    swapped = parse_position("cm111", f"{north:.2f}", f"{east111:.2f}")  # X/Y typed the survey-table way
    assert swapped.swapped and abs(swapped.lon - site[0]) < 1e-6
    assert parse_position("wgs84", "111.4875", "33.3011").accuracy_m == 5.57  # half of 1e-4 degree of latitude
    assert 50 < parse_position("wgs84", "111.488", "33.301").accuracy_m < 60
    for args, zh in ((("wgs84", "111.4.8", "33.3"), "经度“111.4.8”不是数字"),
                     (("wgs84", "116.39", "39.9"), "不在西峡县内"),
                     (("gk37", f"{east111:.1f}", f"{north:.1f}"), "不在西峡县内")):  # zone number left out
        with pytest.raises(PositionError) as caught:
            parse_position(*args)
        assert zh in caught.value.text.zh


def test_monthly_progress_moves_the_completed_investment_and_is_saved(ledger_file, tmp_path):
    from xixia_map.data.register.session import EditSession

    path = tmp_path / "库.gpkg"
    create_register(path, import_ledger(ledger_file).frame)
    session = EditSession(open_register(path))
    pid = session.frame["pid"].iloc[0]
    start = float(session.register.record(pid)["completed"])
    session.report_month(pid, "2026-10", 300.0)
    session.report_month(pid, "2026-11", 450.5)
    session.report_month(pid, "2026-11", 400.0)  # a corrected report replaces the month's figure
    assert session.register.monthly(pid) == [("2026-10", 300.0), ("2026-11", 400.0)]
    assert session.register.record(pid)["completed"] == start + 700.0
    assert session.undo() and session.register.monthly(pid)[-1] == ("2026-11", 450.5)
    assert session.register.record(pid)["completed"] == start + 750.5
    with pytest.raises(ValueError):
        session.report_month(pid, "2026-13", 1.0)
    session.save(who="钱工")
    reread = open_register(path)
    assert reread.monthly(pid) == [("2026-10", 300.0), ("2026-11", 450.5)]
    assert reread.record(pid)["completed"] == start + 750.5
    logged = [(row[3], row[5]) for row in edit_log(path)][:2]
    assert logged == [("progress:2026-10", "300.0"), ("completed", str(start + 300))]
    other = open_register(path)  # a second planner reports the same month first
    save_edits(other, [Edit(pid, "progress:2026-11", 450.5, 500.0)], who="孙工")
    session.report_month(pid, "2026-11", 480.0)
    with pytest.raises(RegisterConflict) as conflict:
        session.save()
    assert (pid, "progress:2026-11", 450.5, 500.0, 480.0) in conflict.value.differences
