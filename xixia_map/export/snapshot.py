"""Render the map to an image at any pixel size.

A dedicated view is sized to the target in device pixels and zoomed by
`scale`, so Leaflet lays out the same CSS-pixel viewport (and therefore the same
extent) as on screen while Chromium rasterises lines and text at the full target
resolution: print sizes are drawn sharp, not upscaled.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QImage

from ..data.layers import LayerList
from ..map.capture import stable_grab, wait_until_idle
from ..map.view import MapView

# CSS-pixel width Leaflet sees for large exports; ~ a laptop map view.
REFERENCE_CSS_WIDTH = 1400


@dataclass(frozen=True)
class SnapshotRequest:
    width: int
    height: int
    bounds: tuple[float, float, float, float] | None = None  # west, south, east, north
    select: tuple[str, str] | None = None  # (layer_id, feature_id) to highlight
    scale: float | None = None  # device scale; default keeps ~REFERENCE_CSS_WIDTH css px
    print_mode: bool = True  # hide zoom buttons and Leaflet's scale
    lang: str = "zh"  # the map's labels: name_zh or name_en
    # The basemap the screen shows (the window's Basemaps and its choice), so the
    # export matches the screen; "none" draws the layers alone.
    basemaps: object | None = None
    basemap: str = "none"
    # 卷帘 as the window shows it (MapView.swipe_request): its sides and its divider's ground line.
    swipe: dict | None = None


def device_scale(request: SnapshotRequest) -> float:
    if request.scale:
        return request.scale
    return max(1.0, request.width / REFERENCE_CSS_WIDTH)


def render_map(layers: LayerList, request: SnapshotRequest, timeout_s: float = 60.0) -> tuple[QImage, dict]:
    """Returns the image and the final view state (extent, zoom) for the layout."""
    scale = device_scale(request)
    view = MapView(layers, bounds=request.bounds, lang=request.lang, basemaps=request.basemaps,
                   basemap=request.basemap)
    try:
        view.setZoomFactor(scale)
        view.resize(request.width, request.height)
        view.show()
        wait_until_idle(view, timeout_s)
        if request.print_mode:
            view.call_sync("setPrintMode", True)
        if request.bounds:
            view.call_sync("fitBounds", *request.bounds)  # synchronous, so idle waits for the move
            wait_until_idle(view, timeout_s)
        if request.swipe:
            view.start_swipe_request(request.swipe, view.call_sync("viewState") or view.last_view)
            view.call_sync("isIdle")  # runs after the swipe's script: the page has it
            wait_until_idle(view, timeout_s)
        if request.select:
            layer_id, feature_id = request.select
            if view.is_tiled(layer_id):  # drawn in Python: its highlight comes from Python
                view.select_feature(layer_id, feature_id, zoom=False)
                view.call_sync("isIdle")  # runs after the highlight script: the page has it
            else:
                view.call_sync("select", layer_id, feature_id, False)
            wait_until_idle(view, timeout_s)
        image = stable_grab(view, timeout_s)
        state = dict(view.call_sync("viewState") or view.last_view)
        state["device_scale"] = scale
        state["blocked_requests"] = view.blocked_requests
        state["basemap"] = view.basemap
        return image, state
    finally:
        view.detach()  # the window's layer list must not call a deleted view
        view.close()
        view.deleteLater()
        # Page before profile: run the deletion now (the view's profile goes
        # with it), not at interpreter exit, where Qt warns of a live page.
        for _ in range(2):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
