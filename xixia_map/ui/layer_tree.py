"""Layers panel: a checkable tree grouped by category, over the pure LayerList.

The Qt model is only an adapter: checking an item sets visibility on the
LayerList, and LayerList events update the checks, so the map, the tree and any
other view stay in step without talking to each other.
"""
from __future__ import annotations

import shiboken6
import json

from PySide6.QtCore import QByteArray, QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QSlider, QTreeView, QVBoxLayout, QWidget

from ..data.catalog import Group
from ..data.layer_order import dropped, tree_runs
from ..data.layer_origin import FileOrigin
from ..data.layers import IMAGERY_GROUP, USER_GROUP, Layer, LayerList, RasterLayer
from ..map.legend import ESTIMATED_NOTE, has_estimated, legend_entries, present_values, swatch_icon
from . import plain_text

LAYER_ID_ROLE = Qt.ItemDataRole.UserRole + 1
CLASS_LAYER_ROLE = Qt.ItemDataRole.UserRole + 2  # a legend class row: its layer
CLASS_VALUE_ROLE = Qt.ItemDataRole.UserRole + 3  # and its color_by value
GROUP_ID_ROLE = Qt.ItemDataRole.UserRole + 4  # a group row: its group id


MIME = "application/x-xixia-map-tree-item"


class LayerTreeModel(QStandardItemModel):
    GROUP_ROLE = GROUP_ID_ROLE
    about_to_rebuild = Signal()
    rebuilt = Signal()

    def __init__(self, layers: LayerList, groups: list[Group], lang: str, parent=None):
        super().__init__(parent)
        self.layers = layers
        self.groups = groups
        self.lang = lang
        self._items: dict[str, QStandardItem] = {}
        self._syncing = False
        self.rebuild()
        self.itemChanged.connect(self._on_item_changed)
        events = layers.events
        events.visible.connect(self._on_visible)
        for signal in (events.inserted, events.removed, events.style, events.reordered, events.renamed):
            signal.connect(self.rebuild)

    def rebuild(self) -> None:
        self.about_to_rebuild.emit()
        self._syncing = True
        self.clear()
        self._items.clear()
        titles = {g.id: g.title(self.lang) for g in self.groups}
        titles.setdefault(USER_GROUP, "我的图层" if self.lang == "zh" else "My layers")
        titles.setdefault(IMAGERY_GROUP, "影像与高程" if self.lang == "zh" else "Imagery and elevation")
        # Top of the tree = top of the map, as in QGIS: each group a block of
        # the drawing order (LayerList.reorder keeps them contiguous).
        for group_id, ids in tree_runs(self.layers):
            group_item = QStandardItem(titles.get(group_id, group_id))
            group_item.setEditable(False)
            group_item.setData(group_id, GROUP_ID_ROLE)
            group_item.setFlags(group_item.flags() | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled)
            self.appendRow(group_item)
            for layer_id in ids:
                group_item.appendRow(self._layer_item(self.layers[layer_id]))
        self._syncing = False
        self.rebuilt.emit()

    # -- drag and drop: the tree's order is the drawing order --------------------
    def supportedDropActions(self):  # noqa: N802 (Qt API)
        return Qt.DropAction.MoveAction

    def mimeTypes(self):  # noqa: N802 (Qt API)
        return [MIME]

    def mimeData(self, indexes):  # noqa: N802 (Qt API)
        index = next((i for i in indexes if i.isValid()), None)
        if index is None:
            return None
        what = ("layer", index.data(LAYER_ID_ROLE)) if index.data(LAYER_ID_ROLE) else \
            ("group", index.data(GROUP_ID_ROLE)) if index.data(GROUP_ID_ROLE) else None
        if what is None:
            return None
        data = QMimeData()
        data.setData(MIME, QByteArray(json.dumps(what).encode("utf-8")))
        return data

    def canDropMimeData(self, data, action, row, column, parent):  # noqa: N802 (Qt API)
        return data.hasFormat(MIME) and action == Qt.DropAction.MoveAction

    def dropMimeData(self, data, action, row, column, parent):  # noqa: N802 (Qt API)
        """Work out the new order and give it to the LayerList; the tree is then
        rebuilt from the list (after the drop has finished: not inside Qt's drop)."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        kind, key = json.loads(bytes(data.data(MIME)).decode("utf-8"))
        target_group = parent.data(GROUP_ID_ROLE) if parent.isValid() else None
        target_layer = parent.data(LAYER_ID_ROLE) if parent.isValid() else None
        if target_layer is not None:  # dropped on a layer: just above it, in its group
            target_group = self._items[target_layer].parent().data(GROUP_ID_ROLE)
            row = self._items[target_layer].row()
        runs = dropped(tree_runs(self.layers), kind, key, target_group, row)
        if runs is not None:
            QTimer.singleShot(0, lambda: self.apply_runs(runs))
        return False  # the items are not moved by Qt: the rebuild shows the new order

    def apply_runs(self, runs: list[tuple[str, list[str]]]) -> None:
        top_first = [layer_id for _group, ids in runs for layer_id in ids]
        self.layers.reorder(list(reversed(top_first)), {layer_id: group for group, ids in runs for layer_id in ids})

    def move_layer(self, layer_id: str, where: str) -> None:
        """上移/下移 one place in its group, or to its group's top or bottom."""
        runs = tree_runs(self.layers)
        for _group, ids in runs:
            if layer_id in ids:
                i = ids.index(layer_id)
                ids.remove(layer_id)
                j = {"up": i - 1, "down": i + 1, "top": 0, "bottom": len(ids)}[where]
                ids.insert(max(0, min(j, len(ids))), layer_id)
        self.apply_runs(runs)

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
                child.setDragEnabled(False)
                child.setDropEnabled(False)
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
            note.setDragEnabled(False)
            note.setDropEnabled(False)
            note.setToolTip(plain_text.tooltip(note_text))
            item.appendRow(note)
        if has_estimated(layer):  # what a hollow symbol or a dashed line means
            note = QStandardItem(swatch_icon(spec, "#ffffff"), ESTIMATED_NOTE[self.lang])
            note.setEditable(False)
            note.setSelectable(False)
            note.setDragEnabled(False)
            note.setDropEnabled(False)
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

    def _on_visible(self, layer: Layer) -> None:
        if layer.id in self._items:
            self._syncing = True
            self._items[layer.id].setCheckState(
                Qt.CheckState.Checked if layer.visible else Qt.CheckState.Unchecked)
            self._syncing = False


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
        # Drag layers and groups to change the drawing order, as in QGIS.
        self.tree.setDragEnabled(True)
        self.tree.setAcceptDrops(True)
        self.tree.setDropIndicatorShown(True)
        self.tree.setDragDropMode(QTreeView.DragDropMode.InternalMove)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self._expanded: set[str | None] | None = None  # _key's of the rows open before a rebuild
        self.model.about_to_rebuild.connect(self._remember_expanded)
        self.model.rebuilt.connect(self._restore_expanded)
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
        layers.events.inserted.connect(self._expand_groups)
        layers.events.removed.connect(self._expand_groups)

    def _expand_groups(self) -> None:
        self.tree.expandToDepth(0)

    def _key(self, index) -> str | None:
        if index.data(GROUP_ID_ROLE):
            return "group:" + index.data(GROUP_ID_ROLE)
        return "layer:" + index.data(LAYER_ID_ROLE) if index.data(LAYER_ID_ROLE) else None

    def _remember_expanded(self) -> None:
        """A rebuild (a style, an order, a name changed) keeps what was open."""
        if not hasattr(self, "tree"):
            return
        expanded: set[str | None] = set()
        for row in range(self.model.rowCount()):
            group = self.model.index(row, 0)
            if self.tree.isExpanded(group):
                expanded.add(self._key(group))
            for child_row in range(self.model.rowCount(group)):
                child = self.model.index(child_row, 0, group)
                if self.tree.isExpanded(child):
                    expanded.add(self._key(child))
        self._expanded = expanded
        self._current = self.current_layer_id()

    def _restore_expanded(self) -> None:
        if not hasattr(self, "tree") or self._expanded is None:
            return
        known = {self._key(self.model.index(r, 0)) for r in range(self.model.rowCount())}
        for row in range(self.model.rowCount()):
            group = self.model.index(row, 0)
            # a group new to the tree opens, as at start
            self.tree.setExpanded(group, self._key(group) in self._expanded or self._key(group) not in known)
            for child_row in range(self.model.rowCount(group)):
                child = self.model.index(child_row, 0, group)
                self.tree.setExpanded(child, self._key(child) in self._expanded)
        if self._current and self._current in self.layers:
            self.select_layer(self._current)

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
        if layer_id is not None:
            self.layer_chosen.emit(layer_id)
        self.opacity.setEnabled(enabled)
        self.zoom_button.setEnabled(enabled)
        if layer_id is not None:
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
        menu.addAction(self.tr("重命名…")).triggered.connect(lambda: self.rename(layer_id))
        order = menu.addMenu(self.tr("图层顺序"))
        for where, text in (("up", self.tr("上移一层")), ("down", self.tr("下移一层")),
                            ("top", self.tr("移到组内最上")), ("bottom", self.tr("移到组内最下"))):
            order.addAction(text).triggered.connect(lambda _c=False, w=where: self.model.move_layer(layer_id, w))
        if not layer.is_raster:
            menu.addAction(self.tr("样式…")).triggered.connect(lambda: self.style_requested.emit(layer_id))
            identify = menu.addAction(self.tr("可点击查询"))  # QGIS's identifiable layers
            identify.setCheckable(True)
            identify.setChecked(layer.clickable)
            identify.triggered.connect(lambda on: self.layers.set_identifiable(layer_id, on))
        if layer.spec.category == "user":
            offsets = menu.addMenu(self.tr("坐标偏移")) if not layer.is_raster else QMenu()
            for system, label in (("wgs84", self.tr("WGS84 / CGCS2000 (无偏移)")),
                                  ("gcj02", self.tr("GCJ-02 (高德、腾讯)")), ("bd09", self.tr("BD-09 (百度)"))):
                action = offsets.addAction(label)
                action.setCheckable(True)
                action.setChecked(layer.offset == system)
                action.triggered.connect(lambda _c=False, s=system: self.offset_requested.emit(layer_id, s))
            if isinstance(layer, RasterLayer) and layer.is_dem:
                tint = menu.addAction(self.tr("高程分层设色"))
                tint.setCheckable(True)
                tint.setChecked(layer.tinted)
                tint.triggered.connect(lambda on: self.layers.set_tinted(layer_id, on))
            if isinstance(layer, RasterLayer) and not layer.raster.overviews:
                menu.addAction(self.tr("创建金字塔")).triggered.connect(
                    lambda: self.overviews_requested.emit(layer_id))
            origin = layer.origin
            if isinstance(origin, FileOrigin) and origin.encodings:  # a file with text whose encoding may be chosen
                encodings = menu.addMenu(self.tr("文字编码"))
                labels = {"CP1252": self.tr("CP1252（西欧文字）")}
                for name in origin.encodings:
                    action = encodings.addAction(labels.get(name, name))
                    action.setCheckable(True)
                    action.setChecked((origin.encoding or layer.report.encoding) == name)
                    action.triggered.connect(lambda _c=False, e=name: self.encoding_requested.emit(layer_id, e))
            menu.addSeparator()
            menu.addAction(self.tr("移除图层")).triggered.connect(lambda: self.layers.remove(layer_id))
        return menu

    def rename(self, layer_id: str) -> None:
        name = plain_text.ask_text(self, self.tr("重命名图层"), self.tr("图层名称"),
                                   self.layers[layer_id].spec.title(self.model.lang))
        if name and name.strip():
            self.layers.rename(layer_id, name)

    def _set_opacity(self, value: int) -> None:
        layer_id = self.current_layer_id()
        if layer_id:
            self.layers.set_opacity(layer_id, value / 100)

    def _zoom_current(self, *_args) -> None:
        layer_id = self.current_layer_id()
        if layer_id:
            self.zoom_requested.emit(layer_id)
