"""A reopened project has everything back: the open register, the drawing
order with its groups, the planner's names, the legend classes switched off,
and the panels' layout; 最近的项目 lists whole paths."""
from ceilings import CEILING_MS
from windows import make_window
from xixia_map.data.layer_order import tree_runs
from xixia_map.data.register.session import LAYER_ID
from xixia_map.ui.project_io import open_project, recent_projects, remember_recent, save_project_as


def test_a_project_reopens_with_its_register_order_names_classes_and_panels(qtbot, window, catalog, tmp_path):
    register_file = tmp_path / "西峡项目库.gpkg"
    assert window.register.new_register(register_file)
    layers = window.layers
    window.layers_panel.model.move_layer("county", "top")
    window.layers_panel.model.move_layer(LAYER_ID, "bottom")  # the register under the planner's other layers
    window.layers_panel.model.apply_runs([(g, ids) for g, ids in reversed(tree_runs(layers))])  # groups upside down
    layers.rename("facilities", "城建十大工程")
    layers.set_class_visible("projects", "building", False)
    window.docks["table"].show()
    window.docks["layers"].hide()
    order, runs = layers.ids(), tree_runs(layers)
    project = tmp_path / "西峡.xixia.json"
    assert save_project_as(window, project) == project

    other = make_window(qtbot, catalog)
    other.dialogs = window.dialogs
    assert open_project(other, project) == []
    assert other.register.session is not None and other.register.session.register.path == register_file
    assert other.layers.ids() == order  # the register's place too
    assert [g for g, _ in tree_runs(other.layers) if g != "user"] == [g for g, _ in runs if g != "user"]
    assert other.layers["facilities"].spec.title("zh") == "城建十大工程"
    assert other.layers["projects"].hidden_classes == frozenset({"building"})
    qtbot.waitUntil(lambda: other.docks["table"].isVisible() and not other.docks["layers"].isVisible(), timeout=CEILING_MS)
    other.unsaved.clear()
    other.close()


def test_recent_projects_are_whole_paths(window, tmp_path):
    remember_recent(tmp_path / "一个.xixia.json")  # one entry: INI gives it back as a plain string
    assert recent_projects() == [str(tmp_path / "一个.xixia.json")]
    remember_recent(tmp_path / "两个.xixia.json")
    assert recent_projects() == [str(tmp_path / "两个.xixia.json"), str(tmp_path / "一个.xixia.json")]


def test_saving_the_project_keeps_the_mark_while_the_register_has_edits(qtbot, window, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    assert window.register.new_register(tmp_path / "库.gpkg")
    pid = window.register.session.frame["pid"].iloc[0]
    window.register.session.change(pid, {"status": "续建"})
    window.register.changed()
    assert save_project_as(window, tmp_path / "p.xixia.json") is not None
    assert window.isWindowModified()  # the register's edit is not in the project file
    window.dialogs.answer = QMessageBox.StandardButton.Cancel
    assert not window.unsaved.may_close()
    assert window.dialogs[-1][1].startswith("项目库有未保存的编辑") and "项目有未保存的更改" not in window.dialogs[-1][1]
    window.register.session.discard()
    window.dialogs.answer = QMessageBox.StandardButton.Discard
