"""卷帘 and 分屏 in a MapView: the swipe's divider and sides (static/swipe.js),
a view's own layer set, and the cross-hair at another view's cursor
(static/crosshair.js). A mixin of MapView (view.py), which holds the state
these read: own_shown (None: the tree decides), swipe, last_view.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..data.layers import Layer, LayerList
from .swipe import SwipeState


class ViewComparison:
    own_shown: set[str] | None
    swipe: SwipeState
    last_view: dict
    layers: LayerList
    basemaps: Any
    swipe_changed: Any
    _interceptor: Any
    if TYPE_CHECKING:
        def call(self, function: str, *args: Any, callback: Any = None) -> None: ...

    def shows(self, layer: Layer) -> bool:
        """Whether this view draws the layer: its own set, else the tree's checkbox."""
        return layer.id in self.own_shown if self.own_shown is not None else layer.visible

    def shown_at(self, lat: float, lng: float):
        """What this view shows at a ground point: its layers, less those a 卷帘
        clips away on that side of the divider."""
        hidden = self.swipe.hidden_at(lat, lng, self.last_view)
        return lambda layer: self.shows(layer) and layer.id not in hidden

    def start_swipe(self, a: list[str], b: list[str], orientation: str = "vertical", position: float = 0.5,
                    basemaps: dict[str, str] | None = None) -> None:
        """卷帘: the layers `a` left of (or above) a divider, `b` right of (or under) it,
        the other layers on both sides. `basemaps`: a side's own basemap by name
        ("none" for none); a side not named keeps the map's basemap."""
        configs = {side: self.basemaps.page_config(name) for side, name in (basemaps or {}).items()}
        self._interceptor.allowed_origins = frozenset(self.basemaps.page_origins())
        self.swipe = SwipeState(True, orientation != "horizontal", max(0.0, min(1.0, position)),
                                frozenset(a), frozenset(b))
        self.swipe_basemaps = dict(basemaps or {})
        self.call("startSwipe", {"orientation": orientation, "position": self.swipe.position,
                                 "a": list(a), "b": list(b), "basemaps": configs})
        self.swipe_changed.emit(self.swipe)

    def swipe_request(self) -> dict | None:
        """The 卷帘 as it stands, for an export's own view (export/snapshot.py):
        start_swipe's arguments, with the divider as a line on the ground."""
        if not self.swipe.on or not self.last_view:
            return None
        return {"a": sorted(self.swipe.a), "b": sorted(self.swipe.b),
                "orientation": "vertical" if self.swipe.vertical else "horizontal",
                "basemaps": dict(getattr(self, "swipe_basemaps", {})), "ground": self.swipe.ground_at(self.last_view)}

    def start_swipe_request(self, request: dict, view: dict) -> None:
        """A swipe_request of another view, its divider on the same ground line in this one."""
        state = SwipeState(True, request["orientation"] != "horizontal")
        self.start_swipe(request["a"], request["b"], request["orientation"],
                         state.position_for(request["ground"], view), request.get("basemaps"))

    def stop_swipe(self) -> None:
        self.swipe = SwipeState()
        self.call("stopSwipe")
        self.swipe_changed.emit(self.swipe)

    def set_swipe_position(self, position: float) -> None:
        if self.swipe.on:
            self.call("setSwipePosition", position)

    def _on_swipe(self, state: dict) -> None:
        self.swipe = SwipeState.from_page(state)
        self.swipe_changed.emit(self.swipe)

    def set_layer_shown(self, layer_id: str, shown: bool) -> None:
        """Show or hide a layer in a view with a layer set of its own (分屏)."""
        if self.own_shown is None:
            self.layers.set_visible(layer_id, shown)
            return
        if shown:
            self.own_shown.add(layer_id)
        else:
            self.own_shown.discard(layer_id)
        self.call("setVisible", layer_id, shown)

    def show_crosshair(self, lat: float | None, lng: float | None = None) -> None:
        """分屏: a cross-hair at another view's cursor; None hides it."""
        self.call("showCrosshair", lat, lng)
