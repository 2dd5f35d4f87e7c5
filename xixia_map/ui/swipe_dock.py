"""视图 → 卷帘对比: what each side of the divider shows (a layer, a group or a
basemap), which way the divider runs, and 开始/结束. The divider itself is on
the map, dragged there (map/static/swipe.js); the map is the window's own, so
both sides pan and zoom together, and a click identifies what its side shows.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..data.layer_order import tree_runs
from ..data.layers import IMAGERY_GROUP, USER_GROUP
from .i18n import tr

SIDES = ("a", "b")


class SwipeDock(QWidget):
    def __init__(self, window):
        super().__init__(window)
        self.main_window = window
        self.view = window.map_view
        self.boxes: dict[str, QComboBox] = {side: QComboBox() for side in SIDES}
        self.orientation = QComboBox()
        self.orientation.addItem(self.tr("左右对比（竖向分割线）"), "vertical")
        self.orientation.addItem(self.tr("上下对比（横向分割线）"), "horizontal")
        self.side_labels = {side: QLabel() for side in SIDES}
        form = QFormLayout()
        form.addRow(self.tr("分割方向"), self.orientation)
        for side in SIDES:
            form.addRow(self.side_labels[side], self.boxes[side])
        self.start_button = QPushButton(self.tr("开始卷帘"))
        self.stop_button = QPushButton(self.tr("结束卷帘"))
        self.start_button.clicked.connect(self.start)
        self.stop_button.clicked.connect(self.view.stop_swipe)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.stop_button)
        self.hint = QLabel(self.tr("在地图上拖动分割线；两侧同步平移缩放，点击查询该侧显示的图层。"
                                   "未选的图层两侧都显示。"))
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        self.orientation.currentIndexChanged.connect(self._name_sides)
        for box in list(self.boxes.values()) + [self.orientation]:  # a change while the swipe is on: at once
            box.activated.connect(self._restart)
        self.view.swipe_changed.connect(self._show_state)
        self._name_sides()
        self.refresh()
        self._show_state(self.view.swipe)

    def _name_sides(self) -> None:
        vertical = self.orientation.currentData() == "vertical"
        self.side_labels["a"].setText(self.tr("左侧") if vertical else self.tr("上方"))
        self.side_labels["b"].setText(self.tr("右侧") if vertical else self.tr("下方"))

    def _show_state(self, state) -> None:
        self.start_button.setText(self.tr("更新卷帘") if state.on else self.tr("开始卷帘"))
        self.stop_button.setEnabled(state.on)

    def refresh(self, *_args) -> None:
        """The choices anew (layers opened or removed), keeping each side's pick."""
        lang = self.main_window.lang
        groups = {g.id: g.title(lang) for g in self.main_window.groups}
        groups.setdefault(USER_GROUP, self.tr("我的图层"))
        groups.setdefault(IMAGERY_GROUP, self.tr("影像与高程"))
        layers = self.main_window.layers
        for side, box in self.boxes.items():
            kept = box.currentData()
            box.clear()
            box.addItem(self.tr("（不选）"), None)
            for group_id, ids in tree_runs(layers):
                box.addItem(self.tr("图层组：") + groups.get(group_id, group_id), f"group:{group_id}")
                for layer_id in ids:
                    box.addItem("    " + layers[layer_id].spec.title(lang), f"layer:{layer_id}")
            for choice in self.view.basemaps.choices():
                box.addItem(self.tr("底图：") + choice.title(lang), f"basemap:{choice.name}")
            at = box.findData(kept)
            box.setCurrentIndex(at if at >= 0 else self._default(side, box))

    def _default(self, side: str, box: QComboBox) -> int:
        """A first guess: the top layer on the left, the basemap shown on the right."""
        if side == "a":
            return 1 if box.count() > 2 else 0
        at = box.findData(f"basemap:{self.view.basemap}")
        return at if at >= 0 else 0

    def choose(self, side: str, kind: str, key: str) -> None:
        """Pick a side's content by kind and key (what the combo box offers)."""
        at = self.boxes[side].findData(f"{kind}:{key}")
        if at < 0:
            raise KeyError((kind, key))
        self.boxes[side].setCurrentIndex(at)

    def _side(self, side: str) -> tuple[list[str], str | None]:
        """A side's layer ids and its own basemap's name (None: the map's)."""
        data = self.boxes[side].currentData()
        if not data:
            return [], None
        kind, _, key = data.partition(":")
        if kind == "basemap":
            return [], key
        if kind == "group":
            return [layer.id for layer in self.main_window.layers if (layer.spec.group or USER_GROUP) == key], None
        return [key], None

    def _restart(self, _index: int = 0) -> None:
        if self.view.swipe.on:
            self.start()

    def start(self) -> None:
        sides = {side: self._side(side) for side in SIDES}
        for ids, _basemap in sides.values():
            for layer_id in ids:  # what a side is to show is switched on in the tree
                self.main_window.layers.set_visible(layer_id, True)
        basemaps = {side: name for side, (_ids, name) in sides.items() if name is not None}
        self.view.start_swipe(sides["a"][0], sides["b"][0], self.orientation.currentData(),
                              self.view.swipe.position if self.view.swipe.on else 0.5, basemaps)


def show_swipe_dock(window) -> SwipeDock:
    """视图 → 卷帘对比: the dock, made the first time, as a tab beside 要素详情."""
    from PySide6.QtWidgets import QDockWidget

    if getattr(window, "swipe_panel", None) is None:
        window.swipe_panel = SwipeDock(window)
        dock = window.swipe_dock = QDockWidget(tr("卷帘对比"), window)
        dock.setObjectName("dock_swipe")
        dock.setWidget(window.swipe_panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        window.tabifyDockWidget(window.docks["details"], dock)
        for signal in (window.layers.events.inserted, window.layers.events.removed, window.layers.events.reordered,
                       window.layers.events.renamed):
            signal.connect(window.swipe_panel.refresh)  # bound: held weakly
    window.swipe_panel.refresh()
    window.swipe_dock.show()
    window.swipe_dock.raise_()
    return window.swipe_panel
