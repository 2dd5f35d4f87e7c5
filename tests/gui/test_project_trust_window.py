"""A project file opens nothing by itself, in the real window with its real
dialogs (their buttons pressed, tests/modal_answers.py): a database it names is
contacted only once the planner confirms it, and no password reaches a server
the planner did not send it to (tests/pg_trap.py); files outside its folder
are read only if the planner allows; a malformed value is one message naming
the project file and the layer, and the rest of the project opens."""
import json

import geopandas as gpd
import pytest
from modal_answers import ModalAnswers
from pg_trap import Trap
from PySide6.QtCore import Qt
from shapely.geometry import Point

from xixia_map.data.project import load_project
from xixia_map.ui.project_io import open_project, save_project_as

ENV_SECRET = "env-secret-环境"


@pytest.fixture
def modal():
    answers = ModalAnswers()
    yield answers
    answers.stop()


@pytest.fixture
def trap():
    server = Trap()
    yield server
    server.close()


def write_project(path, layers, **extra):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"format": "xixia-map-project", "version": 1, "layers": layers, **extra},
                               ensure_ascii=False), encoding="utf-8")
    return path


def points(path, lon=111.48, lat=33.30, name="甲"):
    path.parent.mkdir(parents=True, exist_ok=True)
    gpd.GeoDataFrame({"name": [name]}, geometry=[Point(lon, lat)], crs=4326).to_file(path)
    return path


def test_a_project_naming_another_server_asks_first_and_sends_it_no_password(window, modal, trap, tmp_path,
                                                                             monkeypatch, dialogs):
    monkeypatch.setenv("PGPASSWORD", ENV_SECRET)
    monkeypatch.setenv("PGHOST", "192.0.2.1")  # the planner's own server, by the environment
    database = {"connection": {"host": trap.host, "port": trap.port, "dbname": "county", "user": "viewer"},
                "schema": "planning", "table": "dltb"}
    project = write_project(tmp_path / "from_elsewhere.xixia.json",
                            [{"path": "", "database": database, "title": "外来图层"},
                             {"path": "", "database": database, "title": "外来图层二"}])
    asked = []
    window.ask_password = lambda label: asked.append(label) or None

    modal.answer("refuse")  # 不连接
    problems = open_project(window, project)
    assert trap.proves_nothing_else_connected() == []  # not contacted at all
    question = modal.shown[0]
    assert question["format"] == Qt.TextFormat.PlainText and question["title"] == "连接项目中的数据库？"
    for shown in ("主机：127.0.0.1", f"端口：{trap.port}", "数据库：county", "用户名：viewer", "外来图层二"):
        assert shown in question["text"], question["text"]
    assert len(modal.shown) == 1 and modal.unexpected == []  # asked once for both layers
    assert len(problems) == 2 and all("尚未确认" in line and "没有连接" in line for line in problems)
    assert dialogs[-1][0] == "部分图层缺失" and "外来图层二" in dialogs[-1][1] and asked == []
    assert not [layer for layer in window.layers if layer.spec.category == "user"]
    saved = save_project_as(window, tmp_path / "saved.xixia.json")  # the unopened layers stay in the project
    assert [entry.title for entry in load_project(saved).layers] == ["外来图层", "外来图层二"]

    modal.answer("allow")  # 连接此数据库
    problems = open_project(window, project)
    seen = trap.proves_nothing_else_connected()
    assert seen and all(c["startup"].get("user") == "viewer" for c in seen)
    assert trap.passwords() == [] and not any(ENV_SECRET.encode() in c["raw"] for c in seen)
    assert len(asked) == 1 and "密码错误" in problems[0]  # asked once: cancelled for both layers

    open_project(window, project)  # remembered: no question this time
    assert len(modal.shown) == 2 and modal.unexpected == [] and modal.script == []
    trap.proves_nothing_else_connected()
    assert trap.passwords() == []


def test_files_outside_the_project_folder_are_read_only_if_the_planner_allows(window, modal, tmp_path):
    folder = tmp_path / "projects" / "xixia"
    inside = points(folder / "data" / "mine.geojson")
    secrets = points(tmp_path / "private" / "secrets.geojson", name="机密")
    absolute = points(tmp_path / "elsewhere.geojson", name="别处")
    project = write_project(folder / "plan.xixia.json", [
        {"path": "data/mine.geojson", "title": "本项目"},
        {"path": "../../private/secrets.geojson", "title": "上级目录"},
        {"path": str(absolute), "title": "绝对路径"}])
    assert inside.exists()

    modal.answer("refuse")  # 跳过
    problems = open_project(window, project)
    question = modal.shown[0]
    assert question["title"] == "读取项目文件夹以外的文件？" and question["format"] == Qt.TextFormat.PlainText
    assert "../../private/secrets.geojson" in question["text"] and str(secrets) in question["text"]
    assert str(absolute) in question["text"] and "mine.geojson" not in question["text"]
    titles = [layer.spec.title_zh for layer in window.layers if layer.spec.category == "user"]
    assert titles == ["本项目"]
    assert len(problems) == 2 and all("未读取：在项目文件夹以外" in line for line in problems)

    modal.answer("allow")  # 读取这些文件
    assert open_project(window, project) == []
    titles = [layer.spec.title_zh for layer in window.layers if layer.spec.category == "user"]
    assert titles == ["本项目", "上级目录", "绝对路径"] and modal.unexpected == []


def test_malformed_values_are_named_and_the_rest_of_the_project_opens(window, modal, tmp_path, dialogs):
    folder = tmp_path / "p"
    points(folder / "a.geojson")
    points(folder / "b.geojson", name="乙")
    project = write_project(folder / "plan.xixia.json", [
        {"path": "a.geojson", "title": "坐标系有误", "assume_crs": "not-a-crs"},
        {"path": "b.geojson", "title": "乙", "opacity": "x", "style": {"fill": 3}, "visible": "yes"},
        {"path": 7}, "not a layer"],
        bundled={"roads": {"opacity": "x", "visible": False}}, extent=["a", 1, 2, 3],
        bookmarks=[{"name": "县城", "extent": [111.4, 33.2, 111.5, 33.3]}, {"name": 5}])
    problems = open_project(window, project)
    assert dialogs[-1][0] == "部分图层缺失" and modal.shown == modal.unexpected == []
    text = "\n".join(problems)
    for expected in ("图层“坐标系有误”：assume_crs \"not-a-crs\" 不是坐标系", "图层“乙”：opacity \"x\" 不是",
                     "图层“乙”：样式中的 fill 格式不正确", "图层“乙”：visible \"yes\"", "图层“#3”：path 7",
                     "图层“#4”：格式不正确", "图层“roads”：opacity \"x\"", "视图范围", "书签 {\"name\": 5}"):
        assert expected in text, (expected, text)
    assert all(line.startswith(str(project)) for line in problems)
    user = {layer.spec.title_zh: layer for layer in window.layers if layer.spec.category == "user"}
    assert set(user) == {"坐标系有误", "乙"}
    assert user["乙"].opacity == 1.0 and user["乙"].visible
    assert not window.layers["roads"].visible and window.layers["roads"].opacity == 1.0
    assert [b.name for b in window.bookmarks] == ["县城"]


def test_the_questions_are_english_in_the_english_window(window, modal, trap, tmp_path):
    folder = tmp_path / "p"
    points(tmp_path / "outside.geojson")
    database = {"connection": {"host": trap.host, "port": trap.port, "dbname": "county", "user": "viewer"},
                "schema": "planning", "table": "dltb"}
    project = write_project(folder / "plan.xixia.json", [{"path": "../outside.geojson", "title": "outside"},
                                                         {"path": "", "database": database, "title": "db"}])
    window.set_language("en")
    try:
        modal.answer("refuse", "refuse")
        problems = open_project(window, project)
    finally:
        window.set_language("zh")
    files, connection = modal.shown
    assert files["title"] == "Read files outside the project's folder?" and "Skip" in files["text"]
    assert connection["title"] == "Connect to the project's database?"
    assert f"Host: 127.0.0.1\nPort: {trap.port}\nDatabase: county\nUser name: viewer" in connection["text"]
    assert "not read: outside the project's folder" in problems[0] and "not contacted" in problems[1]
    assert trap.proves_nothing_else_connected() == []
