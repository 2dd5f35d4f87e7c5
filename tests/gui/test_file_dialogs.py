"""File dialogs open where the planner last chose a file (remembered between
runs), else in the documents folder: never in the program's own folder."""
import os


def test_dialogs_start_where_the_planner_last_was(qapp, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from xixia_map.ui import file_dialogs

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    monkeypatch.chdir(os.path.dirname(file_dialogs.__file__))  # started from the program's folder
    asked = []
    data = tmp_path / "数据"
    data.mkdir()
    answers = iter([(str(data / "台账.xlsx"), ""), (str(data / "库.gpkg"), "")])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda p, c, d, f, *a, **k: asked.append(d) or next(answers))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda p, c, d, f, *a, **k: asked.append(d) or next(answers))
    file_dialogs.getOpenFileName(None, "导入台账", "", "台账 (*.xlsx)")
    file_dialogs.getSaveFileName(None, "新建项目库", "西峡项目库.gpkg", "项目库文件 (*.gpkg)")
    assert asked[0] == str(tmp_path / "home")  # no folder used yet: home, not the program's folder
    assert asked[1] == str(data / "西峡项目库.gpkg")  # the suggested name, in the folder last used
