"""The QWebChannel object the page calls; it turns page events into Qt signals."""
from __future__ import annotations

import json

from PySide6.QtCore import QObject, Signal, Slot


class MapBridge(QObject):
    feature_clicked = Signal(str, str)
    selection_cleared = Signal()
    page_ready = Signal(dict)
    map_idle = Signal(dict)
    view_changed = Signal(dict)
    mouse_moved = Signal(float, float)
    js_error = Signal(str)
    measured = Signal(str, list)
    measure_ended = Signal()  # Esc on the map ended a measurement
    map_clicked = Signal(float, float, float)
    feature_clicked_at = Signal(str, str, float, float, float)
    feature_dragged = Signal(str, str, float, float, float)  # layer, feature, lat, lng, zoom
    point_added = Signal(float, float, float)  # lat, lng, zoom
    shape_drawn = Signal(str, str, str, float)  # layer, feature, GeoJSON geometry, zoom (a new 红线)
    shape_edited = Signal(str, str, str, float)  # layer, feature, GeoJSON geometry, zoom (a reshaped one)
    drawing_ended = Signal()  # the draw finished or was cancelled (Escape)
    clicked_at = Signal(float, float, float)  # a feature was clicked here: lat, lng, zoom (the chooser)
    context_menu_at = Signal(float, float, float)  # right-click on the map: lat, lng, zoom
    zoom_to_layer_requested = Signal(str)
    swipe_changed = Signal(dict)  # 卷帘: {on, orientation, position, a, b} (static/swipe.js)

    @Slot(str, str)
    def featureClicked(self, layer_id: str, feature_id: str) -> None:  # noqa: N802 (JS name)
        self.feature_clicked.emit(layer_id, feature_id)

    @Slot()
    def selectionCleared(self) -> None:  # noqa: N802
        self.selection_cleared.emit()

    @Slot("QVariantMap")
    def pageReady(self, view: dict) -> None:  # noqa: N802
        self.page_ready.emit(dict(view))

    @Slot("QVariantMap")
    def mapIdle(self, view: dict) -> None:  # noqa: N802
        self.map_idle.emit(dict(view))

    @Slot("QVariantMap")
    def viewChanged(self, view: dict) -> None:  # noqa: N802
        self.view_changed.emit(dict(view))

    @Slot(float, float)
    def mouseMoved(self, lat: float, lng: float) -> None:  # noqa: N802
        self.mouse_moved.emit(lat, lng)

    @Slot(str)
    def jsError(self, message: str) -> None:  # noqa: N802
        self.js_error.emit(message)

    @Slot(str, str)
    def measureChanged(self, kind: str, points_json: str) -> None:  # noqa: N802
        self.measured.emit(kind, [tuple(p) for p in json.loads(points_json)])

    @Slot()
    def measureEnded(self) -> None:  # noqa: N802
        self.measure_ended.emit()

    @Slot(float, float, float)
    def mapClicked(self, lat: float, lng: float, zoom: float) -> None:  # noqa: N802
        self.map_clicked.emit(lat, lng, zoom)

    @Slot("QVariantMap")
    def swipeChanged(self, state: dict) -> None:  # noqa: N802
        self.swipe_changed.emit(dict(state))

    @Slot(str)
    def zoomToLayerRequested(self, layer_id: str) -> None:  # noqa: N802
        self.zoom_to_layer_requested.emit(layer_id)

    @Slot(str, str, float, float, float)
    def featureClickedAt(self, layer_id: str, feature_id: str, lat: float, lng: float, zoom: float) -> None:  # noqa: N802
        self.feature_clicked_at.emit(layer_id, feature_id, lat, lng, zoom)

    @Slot(str, str, float, float, float)
    def featureDragged(self, layer_id: str, feature_id: str, lat: float, lng: float, zoom: float) -> None:  # noqa: N802
        self.feature_dragged.emit(layer_id, feature_id, lat, lng, zoom)

    @Slot(float, float, float)
    def pointAdded(self, lat: float, lng: float, zoom: float) -> None:  # noqa: N802
        self.point_added.emit(lat, lng, zoom)

    @Slot(str, str, str, float)
    def shapeDrawn(self, layer_id: str, feature_id: str, geometry: str, zoom: float) -> None:  # noqa: N802
        self.shape_drawn.emit(layer_id, feature_id, geometry, zoom)

    @Slot(str, str, str, float)
    def shapeEdited(self, layer_id: str, feature_id: str, geometry: str, zoom: float) -> None:  # noqa: N802
        self.shape_edited.emit(layer_id, feature_id, geometry, zoom)

    @Slot()
    def drawingEnded(self) -> None:  # noqa: N802
        self.drawing_ended.emit()

    @Slot(float, float, float)
    def clickedAt(self, lat: float, lng: float, zoom: float) -> None:  # noqa: N802
        self.clicked_at.emit(lat, lng, zoom)

    @Slot(float, float, float)
    def contextMenuAt(self, lat: float, lng: float, zoom: float) -> None:  # noqa: N802
        self.context_menu_at.emit(lat, lng, zoom)
