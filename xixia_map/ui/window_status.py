"""The main window's status bar: the cursor's position (and a DEM's height
under it), the scale, the requests blocked and a basemap that gives no tiles,
and measuring (the toolbar's 测距 and 测面积) with its result."""
from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel

from ..data.measure import format_area, format_length, geodesic_area_m2, geodesic_length_m
from ..map.scale import scale_denominator
from .i18n import tr

if TYPE_CHECKING:
    from .main_window import MainWindow


def build_status_bar(window: MainWindow) -> None:
    window.measure_label = QLabel()
    window.cursor_label = QLabel()
    window.scale_label = QLabel()
    window.blocked_label = QLabel()
    for label in (window.measure_label, window.cursor_label, window.scale_label, window.blocked_label):
        window.statusBar().addPermanentWidget(label)
    window.map_view.mouse_moved.connect(window._show_cursor)
    window.map_view.view_changed.connect(partial(show_scale, window))
    window.map_view.idle.connect(partial(show_scale, window))
    window.map_view.guard.blocked.connect(lambda _url: show_blocked(window))
    # Tiles of a map service not allowed are refused on the fetch workers, without
    # a page request to block: the count is read again whenever the map settles.
    window.map_view.idle.connect(lambda _view: show_blocked(window))
    show_blocked(window)


def show_cursor(window: MainWindow, lat: float, lng: float) -> None:
    text = f"{lng:.5f}°E, {lat:.5f}°N"
    hit = window.map_view.raster_value_at(lng, lat)  # one pixel read: the DEM's height under the cursor
    if hit is not None and hit[0].is_dem:
        text += "  " + tr("高程") + f" {hit[1]:,.1f} m"
    window.cursor_label.setText(text)


def show_scale(window: MainWindow, view: dict) -> None:
    if view:
        window.scale_label.setText(f"1:{scale_denominator(view['lat'], view['zoom']):,.0f}")


def show_blocked(window: MainWindow) -> None:
    prefix = tr("已拦截外网请求")
    window.blocked_label.setText(f"{prefix}: {window.map_view.blocked_requests}")
    say_basemap_trouble(window)


def say_basemap_trouble(window: MainWindow) -> None:
    """A map service that gives no tiles (down, a wrong key, an address not
    allowed, a redirect) is said in the status bar, not left a blank map."""
    fetcher = window.map_view.basemaps.fetcher
    counts = (fetcher.failed, fetcher.refused)
    seen = window.basemap_trouble_seen
    window.basemap_trouble_seen = counts
    if counts == seen or window.map_view.basemap in ("", "none"):
        return
    try:
        choice = window.map_view.basemaps.get(window.map_view.basemap)
    except KeyError:
        return
    if choice.kind != "service":
        return
    failed, refused = counts[0] - seen[0], counts[1] - seen[1]
    window.statusBar().showMessage(tr(
        "底图“{name}”有瓦片未能取得（{failed} 张失败，{refused} 张未获允许或被重定向）："
        "请检查网络、密钥和允许的地址").format(name=choice.title(window.lang), failed=failed, refused=refused), 15000)


def set_measuring(window: MainWindow, kind: str | None) -> None:
    for other, action in window.measure_actions.items():
        if other != kind and action.isChecked():
            action.blockSignals(True)
            action.setChecked(False)
            action.blockSignals(False)
    if kind:
        window.map_view.call("startMeasure", kind)
        window.measure_label.setText(tr("单击地图添加点"))
    else:
        window.map_view.call("stopMeasure")
        window.measure_label.setText("")


def show_measure(window: MainWindow, kind: str, points: list) -> None:
    """The result on the map (each leg's length, the total or the area at the last
    point) and in the status bar; it stays until the next measurement or Esc."""
    from ..data.measure import segment_lengths_m

    if kind == "area":
        label, value = tr("面积"), format_area(geodesic_area_m2(points), lang=window.lang)
    else:
        label, value = tr("距离"), format_length(geodesic_length_m(points))
    text = f"{label}: {value}"
    window.measure_label.setText(text)
    legs = [format_length(m) for m in segment_lengths_m(points)] if kind == "line" else []
    window.map_view.call("measureLabels", legs, text if len(points) > 1 else "")
