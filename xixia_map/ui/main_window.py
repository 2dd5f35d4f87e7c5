"""The main window: the map in the centre, panels docked around it."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow

from ..data.layers import LayerList
from ..map.view import MapView
from .details_panel import DetailsPanel


class MainWindow(QMainWindow):
    def __init__(self, layers: LayerList, lang: str = "zh", parent=None):
        super().__init__(parent)
        self.layers = layers
        self.lang = lang
        self.setWindowTitle(self.tr("西峡项目地图") if lang == "zh" else "Xixia Project Map")
        self.map_view = MapView(layers, self)
        self.setCentralWidget(self.map_view)
        self.details = DetailsPanel(layers, lang, self)
        self.details_dock = self._dock(self.details, self.tr("要素详情"), "details",
                                       Qt.DockWidgetArea.RightDockWidgetArea)
        self.map_view.feature_selected.connect(self.details.show_record)
        self.map_view.selection_cleared.connect(lambda: self.details.show_record(None))
        self.details.zoom_requested.connect(self.map_view.zoom_to_feature)
        self._build_status_bar()
        self.resize(1400, 900)

    def _dock(self, widget, title: str, name: str, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{name}")
        dock.setWidget(widget)
        dock.setMinimumWidth(300)
        self.addDockWidget(area, dock)
        return dock

    def _build_status_bar(self) -> None:
        self.cursor_label = QLabel()
        self.scale_label = QLabel()
        self.blocked_label = QLabel()
        for label in (self.cursor_label, self.scale_label, self.blocked_label):
            self.statusBar().addPermanentWidget(label)
        self.map_view.mouse_moved.connect(
            lambda lat, lng: self.cursor_label.setText(f"{lng:.5f}°E, {lat:.5f}°N"))
        self.map_view.view_changed.connect(self._show_scale)
        self.map_view.idle.connect(self._show_scale)
        self.map_view.guard.blocked.connect(lambda _url: self._show_blocked())
        self._show_blocked()

    def _show_scale(self, view: dict) -> None:
        from ..map.scale import scale_denominator

        if view:
            self.scale_label.setText(f"1:{scale_denominator(view['lat'], view['zoom']):,.0f}")

    def _show_blocked(self) -> None:
        self.blocked_label.setText(f"{self.tr('已拦截外网请求')}: {self.map_view.blocked_requests}")
