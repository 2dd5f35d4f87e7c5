"""Layers panel: a checkable tree grouped by category, over the pure LayerList.

The Qt model is only an adapter: checking an item sets visibility on the
LayerList, and LayerList events update the checks, so the map, the tree and any
other view stay in step without talking to each other.
"""
from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QSlider, QTreeView, QVBoxLayout, QWidget

from ..data.catalog import Group
from ..data.layers import Layer, LayerList
from ..data.reader import encodings_for
from ..map.legend import ESTIMATED_NOTE, has_estimated, legend_entries, present_values, swatch_icon
from . import plain_text

LAYER_ID_ROLE = Qt.ItemDataRole.UserRole + 1
CLASS_LAYER_ROLE = Qt.ItemDataRole.UserRole + 2  # a legend class row: its layer
CLASS_VALUE_ROLE = Qt.ItemDataRole.UserRole + 3  # and its color_by value


class LayerTreeModel(QStandardItemModel):
    def __init__(self, layers: LayerList, groups: list[Group], lang: str, parent=None):
        super().__init__(parent)
        self.layers = layers
        self.groups = groups
        self.lang = lang
        self._items: dict[str, QStandardItem] = {}
        self._syncing = False
        self.rebuild()
        self.itemChanged.connect(self._on_item_changed)
        layers.subscribe(self._on_model_event)

    def rebuild(self) -> None:
        self._syncing = True
        self.clear()
        self._items.clear()
        titles = {g.id: g.title(self.lang) for g in self.groups}
        group_items: dict[str, QStandardItem] = {}
        # Top of the tree = top of the map, as in QGIS.
        for layer in reversed(list(self.layers)):
            group_id = layer.spec.group or "user"
            if group_id not in group_items:
                title = titles.get(group_id, "我的图层" if self.lang == "zh" else "My layers")
                group_item = QStandardItem(title)
                group_item.setEditable(False)
                group_items[group_id] = group_item
                self.appendRow(group_item)
            group_items[group_id].appendRow(self._layer_item(layer))
        self._syncing = False

    def _layer_item(self, layer: Layer) -> QStandardItem:
        spec = layer.spec
        item = QStandardItem(swatch_icon(spec), f"{spec.title(self.lang)} ({layer.feature_count})")
        item.setEditable(False)
        item.setCheckable(True)
        item.setCheckState(Qt.CheckState.Checked if layer.visible else Qt.CheckState.Unchecked)
        item.setData(spec.id, LAYER_ID_ROLE)
        item.setToolTip(plain_text.tooltip(spec.title("en" if self.lang == "zh" else "zh")))
        present = present_values(layer)
        entries = legend_entries(spec, self.lang, present)
        rule = spec.style.get("color_by")
        # A color_by class can be switched off, as in QGIS's legend; a graduated one is a key only.
        values = [v for v in rule["values"] if present is None or v in present] if rule else []
        if len(entries) > 1:  # classes as legend rows under the layer
            for n, (label, fill, marker) in enumerate(entries):
                child = QStandardItem(swatch_icon(spec, fill, marker=marker), label.split(": ", 1)[-1])
                child.setEditable(False)
                child.setSelectable(False)
                if n < len(values):
                    child.setCheckable(True)
                    child.setCheckState(Qt.CheckState.Unchecked if values[n] in layer.hidden_classes
                                        else Qt.CheckState.Checked)
                    child.setData(spec.id, CLASS_LAYER_ROLE)
                    child.setData(values[n], CLASS_VALUE_ROLE)
                item.appendRow(child)
        note_text = (spec.style.get("legend_note") or {}).get(self.lang)
        if note_text:  # what the catalog says the symbols do not show (a reserve's unknown boundary)
            note = QStandardItem(note_text)
            note.setEditable(False)
            note.setSelectable(False)
            note.setToolTip(plain_text.tooltip(note_text))
            item.appendRow(note)
        if has_estimated(layer):  # what a hollow symbol or a dashed line means
            note = QStandardItem(swatch_icon(spec, "#ffffff"), ESTIMATED_NOTE[self.lang])
            note.setEditable(False)
            note.setSelectable(False)
            item.appendRow(note)
        self._items[spec.id] = item
        return item

    def item_for(self, layer_id: str) -> QStandardItem:
        return self._items[layer_id]

    def _on_item_changed(self, item: QStandardItem) -> None:
        layer_id = item.data(LAYER_ID_ROLE)
        if not self._syncing and item.data(CLASS_LAYER_ROLE):
            self.layers.set_class_visible(item.data(CLASS_LAYER_ROLE), item.data(CLASS_VALUE_ROLE),
                                          item.checkState() == Qt.CheckState.Checked)
            return
        if self._syncing or not layer_id:
            return
        self.layers.set_visible(layer_id, item.checkState() == Qt.CheckState.Checked)

    def _on_model_event(self, event: str, layer: Layer) -> None:
        if event == "visibility" and layer.id in self._items:
            self._syncing = True
            self._items[layer.id].setCheckState(
                Qt.CheckState.Checked if layer.visible else Qt.CheckState.Unchecked)
            self._syncing = False
        elif event in ("added", "removed", "style"):
            self.rebuild()


class LayersPanel(QWidget):
    zoom_requested = Signal(str)
    offset_requested = Signal(str, str)  # layer id, offset system: the window runs it on a worker
    encoding_requested = Signal(str, str)  # layer id, text encoding: the window reads the file again
    overviews_requested = Signal(str)  # layer id of a raster without overviews
    style_requested = Signal(str)  # layer id: the window opens the style dialog
    layer_chosen = Signal(str)  # the current layer changed: the attribute table shows its tab

    def __init__(self, layers: LayerList, groups: list[Group], lang: str, parent=None):
        super().__init__(parent)
        self.layers = layers
        self.model = LayerTreeModel(layers, groups, lang, self)
        self.tree = QTreeView()
        self.tree.setHeaderHidden(True)
        self.tree.setModel(self.model)
        self.tree.expandToDepth(0)
        self.tree.doubleClicked.connect(self._zoom_current)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.selectionModel().currentChanged.connect(self._on_current)
        self.opacity_label = QLabel()
        self.opacity = QSlider(Qt.Orientation.Horizontal)
        self.opacity.setRange(0, 100)
        self.opacity.setValue(100)
        self.opacity.valueChanged.connect(self._set_opacity)
        self.zoom_button = QPushButton()
        self.zoom_button.clicked.connect(self._zoom_current)
        row = QHBoxLayout()
        row.addWidget(self.opacity_label)
        row.addWidget(self.opacity, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)
        layout.addWidget(self.zoom_button)
        self.retranslate(lang)
        self._on_current()
        # after the model's own handler has rebuilt the tree
        layers.subscribe(lambda event, _layer: event in ("added", "removed") and self.tree.expandToDepth(0))

    def retranslate(self, lang: str) -> None:
        current = self.current_layer_id()
        self.model.lang = lang
        self.model.rebuild()
        self.tree.expandToDepth(0)
        if current:
            self.select_layer(current)
        self.opacity_label.setText(self.tr("不透明度"))
        self.zoom_button.setText(self.tr("缩放至图层"))

    def current_layer_id(self) -> str | None:
        index = self.tree.currentIndex()
        return index.data(LAYER_ID_ROLE) if index.isValid() else None

    def select_layer(self, layer_id: str) -> None:
        self.tree.setCurrentIndex(self.model.indexFromItem(self.model.item_for(layer_id)))

    def _on_current(self, *_args) -> None:
        if not shiboken6.isValid(self.opacity):  # tree signals while the panel is torn down
            return
        layer_id = self.current_layer_id()
        enabled = layer_id is not None
        if enabled:
            self.layer_chosen.emit(layer_id)
        self.opacity.setEnabled(enabled)
        self.zoom_button.setEnabled(enabled)
        if enabled:
            self.opacity.blockSignals(True)
            self.opacity.setValue(round(self.layers[layer_id].opacity * 100))
            self.opacity.blockSignals(False)

    def _context_menu(self, pos) -> None:
        layer_id = self.tree.indexAt(pos).data(LAYER_ID_ROLE)
        if layer_id:
            self.layer_menu(layer_id).exec(self.tree.viewport().mapToGlobal(pos))

    def layer_menu(self, layer_id: str) -> QMenu:
        """The layer's right-click menu."""
        layer = self.layers[layer_id]
        menu = QMenu(self)
        menu.addAction(self.tr("缩放至图层")).triggered.connect(lambda: self.zoom_requested.emit(layer_id))
        if layer.raster is None:
            menu.addAction(self.tr("样式…")).triggered.connect(lambda: self.style_requested.emit(layer_id))
            identify = menu.addAction(self.tr("可点击查询"))  # QGIS's identifiable layers
            identify.setCheckable(True)
            identify.setChecked(layer.clickable)
            identify.triggered.connect(lambda on: self.layers.set_identifiable(layer_id, on))
        if layer.spec.category == "user":
            offsets = menu.addMenu(self.tr("坐标偏移")) if layer.raster is None else QMenu()
            for system, label in (("wgs84", self.tr("WGS84 / CGCS2000 (无偏移)")),
                                  ("gcj02", self.tr("GCJ-02 (高德、腾讯)")), ("bd09", self.tr("BD-09 (百度)"))):
                action = offsets.addAction(label)
                action.setCheckable(True)
                action.setChecked(layer.offset == system)
                action.triggered.connect(lambda _c=False, s=system: self.offset_requested.emit(layer_id, s))
            if layer.raster is not None and layer.raster.kind == "dem":
                tint = menu.addAction(self.tr("高程分层设色"))
                tint.setCheckable(True)
                tint.setChecked(layer.tinted)
                tint.triggered.connect(lambda on: self.layers.set_tinted(layer_id, on))
            if layer.raster is not None and not layer.raster.overviews:
                menu.addAction(self.tr("创建金字塔")).triggered.connect(
                    lambda: self.overviews_requested.emit(layer_id))
            if layer.raster is None and (layer.report.encoding
                                         or layer.spec.path.suffix.lower() in (".shp", ".zip", ".csv", ".dxf")):
                encodings = menu.addMenu(self.tr("文字编码"))
                labels = {"CP1252": self.tr("CP1252（西欧文字）")}
                for name in encodings_for(layer.spec.path):
                    action = encodings.addAction(labels.get(name, name))
                    action.setCheckable(True)
                    action.setChecked((layer.encoding or layer.report.encoding) == name)
                    action.triggered.connect(lambda _c=False, e=name: self.encoding_requested.emit(layer_id, e))
            menu.addSeparator()
            menu.addAction(self.tr("移除图层")).triggered.connect(lambda: self.layers.remove(layer_id))
        return menu

    def _set_opacity(self, value: int) -> None:
        layer_id = self.current_layer_id()
        if layer_id:
            self.layers.set_opacity(layer_id, value / 100)

    def _zoom_current(self, *_args) -> None:
        layer_id = self.current_layer_id()
        if layer_id:
            self.zoom_requested.emit(layer_id)
