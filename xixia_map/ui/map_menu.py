"""The map's own menus: a chooser when a click lands on several features
(points first, then lines, then areas, as data/identify.py orders them), and
the right-click menu (复制坐标, 在此测量, 从此处查询, 以此为中心) that replaces the
browser's. Menus open with popup(), never a nested event loop, so the map
stays live; every label is plain text (a QMenu action reads no markup, and
"&" is doubled so it is not taken for a shortcut)."""
from __future__ import annotations

from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtWidgets import QMenu

from ..data.crs import format_coordinates
from ..data.identify import features_at
from .i18n import tr


def _plain(text: str) -> str:
    return text.replace("&", "&&")


class MapMenus:
    def __init__(self, window):
        self.window = window
        self.menu: QMenu | None = None  # the one open (tests read it)
        view = window.map_view
        view.clicked_at.connect(self.offer_choice)
        view.context_menu_at.connect(self.context_menu)

    def _popup(self, menu: QMenu) -> None:
        if self.menu is not None:
            self.menu.close()
        self.menu = menu
        menu.popup(QCursor.pos())

    def _hits(self, lat: float, lng: float, zoom: float):
        """The features under a point, of the layers the map shows there (a 卷帘 shows one side's only)."""
        shown = self.window.map_view.shown_at(lat, lng)
        layers = self.window.layers
        return [hit for hit in features_at(layers, lng, lat, zoom) if shown(layers[hit.layer_id])]

    def offer_choice(self, lat: float, lng: float, zoom: float) -> None:
        """Several features under the click: let the planner pick (the top one is shown already)."""
        hits = self._hits(lat, lng, zoom)
        if len(hits) < 2:
            return
        menu = QMenu(self.window)
        menu.setTitle(tr("此处有多个要素"))
        self._fill(menu, hits)
        self._popup(menu)

    def _fill(self, menu: QMenu, hits) -> None:
        layers, lang = self.window.layers, self.window.lang
        for hit in hits[:20]:
            title = layers[hit.layer_id].spec.title(lang)
            action = menu.addAction(_plain(f"{title}：{hit.label or hit.feature_id}"))
            action.triggered.connect(lambda _=False, h=hit: self.window.map_view.select_feature(
                h.layer_id, h.feature_id, zoom=False))

    def context_menu(self, lat: float, lng: float, zoom: float) -> None:
        window = self.window
        menu = QMenu(window)
        menu.addAction(tr("复制坐标")).triggered.connect(
            lambda: QGuiApplication.clipboard().setText(format_coordinates(lng, lat, window.lang)))
        menu.addAction(tr("从此处测距")).triggered.connect(lambda: self._measure_from("line", lat, lng))
        menu.addAction(tr("从此处测面积")).triggered.connect(lambda: self._measure_from("area", lat, lng))
        menu.addAction(tr("以此为中心")).triggered.connect(
            lambda: window.map_view.call("setViewNoAnim", lng, lat, zoom))
        hits = self._hits(lat, lng, zoom)
        here = menu.addMenu(tr("从此处查询"))
        if hits:
            self._fill(here, hits)
        else:
            here.addAction(tr("此处没有可查询的要素")).setEnabled(False)
        self._popup(menu)

    def _measure_from(self, kind: str, lat: float, lng: float) -> None:
        self.window.measure_actions[kind].setChecked(True)
        self.window.map_view.call("measureClickAt", lng, lat)
