"""MapView: the QWebEngineView showing the Leaflet page, driven from Python.

It mirrors the LayerList model into the page (visibility, opacity) without
reloading, and turns page events into Qt signals carrying full records.
"""
from __future__ import annotations

import json

from PySide6.QtCore import QEventLoop, Qt, QTimer, QUrl, Signal
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile, QWebEngineSettings
from PySide6.QtWebEngineWidgets import QWebEngineView

from ..data.layers import Layer, LayerList
from .assets import ORIGIN, SCHEME, test_probes_wanted
from .bridge import MapBridge
from .interceptor import OfflineGuard, OfflineInterceptor
from .layer_tiles import drawn_as_tiles
from .page import build_page, feature_collection, label_field, layer_config
from .qt_log import log_console_message, log_page_error
from .scheme import XixiaSchemeHandler
from .swipe import SwipeState
from .view_compare import ViewComparison
from .view_identify import ViewIdentify
from .tile_source import TileSource
from .tiled_layers import TiledLayers

PAGE_URL = f"{ORIGIN}/page/map.html"

# A profile must outlive its page. Profiles are parentless, kept here, and
# released only after their view (and with it the page) has been destroyed.
_LIVE_PROFILES: set = set()


def _new_profile(view) -> QWebEngineProfile:
    profile = QWebEngineProfile()  # off the record: no disk cache, no cookies
    _LIVE_PROFILES.add(profile)

    def release(_obj=None):
        if profile in _LIVE_PROFILES:
            _LIVE_PROFILES.discard(profile)
            try:
                profile.deleteLater()
            except RuntimeError:  # already gone at interpreter shutdown
                pass

    view.destroyed.connect(release)
    return profile


class _Page(QWebEnginePage):
    """Routes page console messages to the log (a JavaScript error as an error)
    and to a signal, so errors are not silent."""

    console = Signal(str)

    def javaScriptConsoleMessage(self, level, message, line, source):  # noqa: N802 (Qt API)
        text = f"{source}:{line}: {message}"
        log_console_message(level, text)
        self.console.emit(text)


class MapView(ViewIdentify, ViewComparison, QWebEngineView):
    feature_selected = Signal(dict)
    selection_cleared = Signal()
    ready = Signal()
    idle = Signal(dict)
    view_changed = Signal(dict)
    mouse_moved = Signal(float, float)
    measured = Signal(str, list)
    measure_ended = Signal()
    feature_dragged = Signal(str, str, float, float, float)  # layer, feature, lat, lng, zoom
    point_added = Signal(float, float, float)  # lat, lng, zoom (the register's add mode)
    shape_drawn = Signal(str, str, str, float)  # layer, feature, GeoJSON geometry text, zoom
    shape_edited = Signal(str, str, str, float)
    drawing_ended = Signal()
    clicked_at = Signal(float, float, float)  # lat, lng, zoom of a click on a feature
    context_menu_at = Signal(float, float, float)  # lat, lng, zoom of a right-click
    swipe_changed = Signal(object)  # the SwipeState the page reports (the divider dragged, the swipe ended)

    def __init__(self, layers: LayerList, parent=None, *, bounds=None, basemaps=None, basemap: str = "none",
                 lang: str = "zh", shown: set[str] | None = None, tiled: TiledLayers | None = None):
        """`shown`: a view with a layer set of its own (分屏's other views), which the
        tree's checkboxes do not change; None follows the tree. `tiled`: the tile
        sources of another view on the same layers, shared, not built twice (that
        view keeps them up to date)."""
        super().__init__(parent)
        self.layers = layers
        self.own_shown: set[str] | None = set(shown) if shown is not None else None
        self.swipe = SwipeState()
        self.lang = lang
        from .basemaps import Basemaps

        self.basemaps = basemaps or Basemaps()
        self.basemap = basemap if basemap in {c.name for c in self.basemaps.choices()} else "none"
        self.is_ready = False
        # Chromium's own right-click menu (Back, Reload, View page source) is a
        # browser's, not a map's; right-click on a 红线 vertex deletes it instead.
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.last_view: dict = {}
        self.console_messages: list[str] = []
        self._profile = _new_profile(self)
        self.handler = XixiaSchemeHandler(self._profile)
        self._profile.installUrlSchemeHandler(SCHEME.encode(), self.handler)
        self.guard = OfflineGuard(self)
        self._interceptor = OfflineInterceptor(self.guard, self._profile)
        self._interceptor.allowed_origins = frozenset(self.basemaps.page_origins())
        self._profile.setUrlRequestInterceptor(self._interceptor)
        self.handler.tiles = self.basemaps.registry
        self.handler.service_tiles = self.basemaps.service_lookup
        self._shares_tiles = tiled is not None
        # the layers drawn as tiles in Python (indexed on workers of their own)
        self.tiled = tiled if tiled is not None else TiledLayers(layers)
        self.handler.layer_tiles = self.tiled.serve
        self.destroyed.connect(self.handler.shutdown)
        page = _Page(self._profile, self)
        page.console.connect(self.console_messages.append)
        settings = page.settings()
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, False)
        self.setPage(page)
        self.bridge = MapBridge(self)
        self._channel = QWebChannel(page)
        self._channel.registerObject("bridge", self.bridge)
        page.setWebChannel(self._channel)
        self._connect_bridge()
        events = layers.events
        self._followed = ((events.visible, self._on_visible), (events.opacity, self._on_opacity),
                          (events.inserted, self._on_inserted), (events.reordered, self._on_reordered),
                          (events.removed, self._on_removed), (events.data, self._on_data),
                          (events.style, self._on_data), (events.filter, self._on_filter))
        for signal, slot in self._followed:
            signal.connect(slot)
        self.reload_page(bounds)

    # -- page lifecycle -------------------------------------------------------
    def _connect_bridge(self) -> None:
        b = self.bridge
        b.feature_clicked.connect(self._on_feature_clicked)
        b.selection_cleared.connect(self.selection_cleared)
        b.page_ready.connect(self._on_ready)
        b.map_idle.connect(self._on_idle)
        b.view_changed.connect(self._on_view)
        b.mouse_moved.connect(self.mouse_moved)
        b.js_error.connect(log_page_error)
        b.js_error.connect(self.console_messages.append)
        b.measured.connect(self.measured)
        b.measure_ended.connect(self.measure_ended)
        b.map_clicked.connect(self._on_map_clicked)
        b.feature_clicked_at.connect(self._on_feature_clicked_at)
        b.feature_dragged.connect(self.feature_dragged)
        b.point_added.connect(self.point_added)
        b.shape_drawn.connect(self.shape_drawn)
        b.shape_edited.connect(self.shape_edited)
        b.drawing_ended.connect(self.drawing_ended)
        b.clicked_at.connect(self.clicked_at)
        b.context_menu_at.connect(self.context_menu_at)
        b.swipe_changed.connect(self._on_swipe)
        b.zoom_to_layer_requested.connect(lambda layer_id: self.fit_bounds(*self.layers[layer_id].bounds()))

    def reload_page(self, bounds=None) -> None:
        self.is_ready = False
        self.swipe = SwipeState()
        for layer in self.layers:
            self._serve(layer)
            if not self._shares_tiles and not self.tiled.indexed(layer.id):
                self.tiled.index(layer)
        self.handler.set_page("map.html", build_page(self.layers, bounds=bounds, lang=self.lang,
                                                     basemap=self.basemaps.page_config(self.basemap),
                                                     probes=test_probes_wanted(), shown=self.own_shown))
        self.load(QUrl(PAGE_URL))

    def _serve(self, layer: Layer) -> None:
        def everything(layer=layer):
            collection = feature_collection(layer, frame=layer.sent_frame())
            return json.dumps(collection, ensure_ascii=False).encode("utf-8")

        self.handler.set_data(layer.id, everything)

    def _on_ready(self, view: dict) -> None:
        self.is_ready = True
        self.last_view = view
        self.ready.emit()

    def _on_idle(self, view: dict) -> None:
        self.last_view = view
        self._prefetch(view)
        self.idle.emit(view)
        from .raster_tiles import warm_up

        warm_up()  # once per process, off the UI thread

    def _on_view(self, view: dict) -> None:
        self.last_view = view
        self.view_changed.emit(view)

    # -- large layers: tiles in Python (tiled_layers.py; their identify: view_identify.py) --
    def is_tiled(self, layer_id: str) -> bool:
        return self.tiled.is_tiled(layer_id)

    def layer_tiles(self, layer_id: str) -> TileSource:
        return self.tiled.tiles(layer_id)

    def _prefetch(self, view: dict) -> None:
        """While the planner looks at a settled map, have the page fetch the tiles
        they are likely to ask for next: the requests render them on the workers,
        and a zoom or pan then finds them in the page's tile cache."""
        for layer_id, plan in self.tiled.prefetch_plans(view, self.shows):
            self.call("preloadTiles", layer_id, plan)

    # -- model → page ----------------------------------------------------------
    def detach(self) -> None:
        """Stop following the layer list (a snapshot view about to be deleted)."""
        for signal, slot in self._followed:
            signal.disconnect(slot)

    def closeEvent(self, event):  # noqa: N802 (Qt API)
        self.detach()
        super().closeEvent(event)

    def set_language(self, lang: str) -> None:
        """Labels follow the window's language (name_zh or name_en, page.label_field)."""
        self.lang = lang
        for layer in self.layers:
            if label_field(layer, "en") != label_field(layer, "zh"):  # a layer with English names
                self.call("setLabelField", layer.id, label_field(layer, lang))

    def _on_visible(self, layer: Layer) -> None:
        if self.own_shown is None:  # a view with its own layer set does not follow the tree
            self.call("setVisible", layer.id, layer.visible)

    def _config(self, layer: Layer) -> dict:
        config = layer_config(layer, inline=False, lang=self.lang)
        config["visible"] = self.shows(layer)
        return config

    def _on_opacity(self, layer: Layer) -> None:
        self.call("setOpacity", layer.id, layer.opacity)

    def _on_inserted(self, layer: Layer) -> None:
        self._serve(layer)
        if not self._shares_tiles:
            self.tiled.index(layer)
        if self.own_shown is not None and layer.visible:  # a layer just opened shows in every view
            self.own_shown.add(layer.id)
        self.call("addLayer", self._config(layer))
        self.call("setOrder", self.layers.ids())  # inserted below the top, a DOM above the reference layers

    def _on_reordered(self) -> None:
        self.call("setOrder", self.layers.ids())

    def _on_removed(self, layer: Layer) -> None:
        self.handler.remove_data(layer.id)
        if not self._shares_tiles:
            self.tiled.drop(layer.id)
        if self.own_shown is not None:
            self.own_shown.discard(layer.id)
        self.call("removeLayer", layer.id)

    def _on_data(self, layer: Layer) -> None:
        """New features or a new style: served, indexed and put on the page anew."""
        self._serve(layer)
        if not self._shares_tiles:
            self.tiled.drop(layer.id)
        self._readd(layer)

    def _on_filter(self, layer: Layer) -> None:
        if drawn_as_tiles(layer):
            if not self._shares_tiles:
                self.tiled.drop(layer.id)  # tiles drawn without the hidden classes
            self._readd(layer)
        else:
            self.call("showOnly", layer.id, layer.drawn_ids())

    def _readd(self, layer: Layer) -> None:
        """Index the layer's tiles anew (if it has them) and put it on the page again."""
        if not self._shares_tiles:
            self.tiled.index(layer)
        self.call("removeLayer", layer.id)
        self.call("addLayer", self._config(layer))

    def call(self, function: str, *args, callback=None) -> None:
        """Call window.xixia.<function>(*args); arguments travel as JSON, never as code."""
        script = f"window.xixia && window.xixia.{function}(...{json.dumps(list(args), ensure_ascii=False)})"
        if callback is None:
            self.page().runJavaScript(script)
        else:
            self.page().runJavaScript(script, 0, callback)

    def evaluate(self, script: str, timeout_ms: int = 10000):
        """Run JS and wait for its result (tests, export). Returns None on timeout."""
        loop = QEventLoop()
        box = {}

        def done(value):
            box["value"] = value
            loop.quit()

        self.page().runJavaScript(script, 0, done)
        QTimer.singleShot(timeout_ms, loop.quit)
        if "value" not in box:
            loop.exec()
        return box.get("value")

    def call_sync(self, function: str, *args, timeout_ms: int = 10000):
        """Call window.xixia.<function> and wait; results travel back as JSON
        (runJavaScript's own conversion loses arrays of strings)."""
        payload = json.dumps(list(args), ensure_ascii=False)
        text = self.evaluate(f"JSON.stringify(window.xixia.{function}(...{payload}))", timeout_ms)
        return json.loads(text) if isinstance(text, str) and text else None

    # -- public API --------------------------------------------------------------
    def set_basemap(self, name: str) -> None:
        """Switch the basemap without reloading; unknown names raise DataError."""
        config = self.basemaps.page_config(name)
        self._interceptor.allowed_origins = frozenset(self.basemaps.page_origins())
        self.basemap = name
        self.call("setBasemap", config)

    def set_visible(self, layer_id: str, visible: bool) -> None:
        self.layers.set_visible(layer_id, visible)

    def set_opacity(self, layer_id: str, opacity: float) -> None:
        self.layers.set_opacity(layer_id, opacity)

    def zoom_to_layer(self, layer_id: str) -> None:
        self.call("zoomToLayer", layer_id)

    def zoom_to_feature(self, layer_id: str, feature_id: str) -> None:
        if self.is_tiled(layer_id):
            layer = self.layers[layer_id]
            west, south, east, north = layer.geometry_of(feature_id).bounds
            pad = max(east - west, north - south, 0.002)
            self.fit_bounds(west - pad, south - pad, east + pad, north + pad)
            return
        self.call("zoomToFeature", layer_id, feature_id)

    def fit_bounds(self, west: float, south: float, east: float, north: float) -> None:
        self.call("fitBounds", west, south, east, north)

    def select_feature(self, layer_id: str, feature_id: str, zoom: bool = True) -> None:
        """Select as if clicked: highlight, optionally zoom, and emit the record."""
        if self.is_tiled(layer_id):
            self.call("clearSelection")
            self._show_tiled_selection(layer_id, feature_id)
            if zoom:
                self.zoom_to_feature(layer_id, feature_id)
        else:
            self.call("select", layer_id, feature_id, zoom)
        self._on_feature_clicked(layer_id, feature_id)

    def highlight(self, pairs: list[tuple[str, str]]) -> None:
        self.call("highlight", [list(p) for p in pairs])

    def clear_selection(self) -> None:
        self.call("clearSelection")

    @property
    def blocked_requests(self) -> int:
        """Requests kept from leaving the machine: the page's, and map services' not allowed."""
        return self.guard.blocked_count + self.basemaps.fetcher.refused
