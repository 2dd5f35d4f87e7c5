"""The Chinese window speaks Chinese: no English words on its menus, docks,
layer tree, table headers or in the details of any bundled feature, except
proper names, units and format names (issue 19)."""
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from windows import menu_texts


# Proper names, units, formats and standards a Chinese GIS shows as they are.
ALLOWED = {
    "wgs84", "cgcs2000", "gk", "epsg", "km", "m", "mi", "g312", "g345", "g209", "g311", "g40", "pdf", "png", "csv",
    "xlsx", "html", "dxf", "cad", "geopackage", "file", "geodatabase", "shapefile", "gdp", "leaflet", "esc",
    "ctrl", "shift", "gbk", "utf", "x", "y", "zone", "geojson", "kml", "dem", "gcj", "bd", "sq", "cnmaps", "data",
    "mit", "cc", "by", "geonames", "cenbow", "ots", "tif", "tiff", "jpeg", "english", "postgis",
}
# Fields whose values are names in another script by definition.
NAME_FIELDS = {"name_en"}
WORD = re.compile(r"[A-Za-z][A-Za-z]+")


def _english(texts):
    found = []
    for text in texts:
        words = [w for w in WORD.findall(text or "") if w.lower() not in ALLOWED]
        # a web site's name (a host) is a proper name
        words = [w for w in words if not re.search(rf"\b{re.escape(w)}\.[a-z]", text)]
        if words:
            found.append((text, words))
    return found


def test_menus_docks_tree_and_tables_are_chinese(window):
    texts = [t for a in window.menuBar().actions() if a.menu() for t in menu_texts(a.menu())]
    texts = [t for t in texts if t not in ("English",)]  # the language menu names each language in itself
    texts += [d.windowTitle() for d in window.docks.values()]
    model = window.layers_panel.model
    for layer in window.layers:
        item = model.item_for(layer.id)
        texts.append(item.text())
        texts += [item.child(r).text() for r in range(item.rowCount())]
        table = window.tables.tables[layer.id].model
        texts += [str(table.headerData(c, Qt.Orientation.Horizontal)) for c in range(table.columnCount())]
    assert _english(texts) == []


def test_the_details_of_every_bundled_feature_are_chinese(qtbot, window):
    found = []
    for layer in window.layers:
        for fid in layer.frame["id"].astype(str):
            record = layer.record(fid)
            for field in NAME_FIELDS:
                record.pop(field, None)
            window.details.show_record(record)
            texts = [w.text() for w in window.details.findChildren(QLabel) + window.details.findChildren(QPushButton)
                     if w.isVisibleTo(window.details)]
            found += [(layer.id, fid, t, w) for t, w in _english(texts)]
    assert found == [], found[:10]


def test_the_dashboard_and_the_big_screen_are_chinese(qtbot, window):
    from PySide6.QtWidgets import QTableWidget, QTreeWidget

    from xixia_map.ui.big_screen import show_big_screen

    panel = window.indicators_panel
    screen = show_big_screen(window)
    qtbot.addWidget(screen)
    texts = []
    for root in (panel, screen):
        texts += [w.text() for w in root.findChildren(QLabel) + root.findChildren(QPushButton)]
        for table in root.findChildren(QTableWidget):
            texts += [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())
                      if table.horizontalHeaderItem(c)]  # the 项目库 block is empty until a register opens
            texts += [table.item(r, c).text() for r in range(table.rowCount()) for c in range(table.columnCount())
                      if table.item(r, c)]
        for tree in root.findChildren(QTreeWidget):
            for top in range(tree.topLevelItemCount()):
                group = tree.topLevelItem(top)
                texts.append(group.text(0))
                texts += [group.child(r).text(c) for r in range(group.childCount()) for c in range(3)]
    assert "2024年前三季度" in texts and "全市第一" in texts
    assert _english(texts) == []
    screen.close()
