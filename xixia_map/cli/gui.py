"""`xixia-map run`: the window on the bundled data."""
from __future__ import annotations

import sys
import time

SCREENSHOT_SIZE = (1600, 1000)


def save_screenshot(window, path: str, app) -> None:
    from ..map.capture import stable_grab

    stable_grab(window.map_view)
    window.grab().save(path)
    print(f"saved {path}", file=sys.stderr)
    app.quit()


def run_gui(lang: str | None = None, screenshot: str | None = None, select: str | None = None) -> int:
    started = time.perf_counter()
    from ..map.runtime import start_web_engine

    from ..map.qt_log import install_qt_message_handler

    install_qt_message_handler()  # Qt's own warnings and errors into the log too
    app, warm_up = start_web_engine(sys.argv[:1])
    app.setApplicationName("Xixia Map")
    app.setOrganizationName("Xixia County")
    from PySide6.QtCore import QTimer
    from ..data.catalog import load_catalog
    from ..data.indicators import load_indicators
    from ..data.layers import LayerList
    from ..paths import CATALOG_PATH, INDICATORS_PATH
    from ..ui.main_window import MainWindow
    from ..ui.settings import saved_extent, saved_language, saved_visible_layers

    catalog = load_catalog(CATALOG_PATH)
    layers = LayerList.from_catalog(catalog)
    visible = saved_visible_layers()
    if visible is not None:
        for layer in layers:
            layer.visible = layer.id in visible
    window = MainWindow(layers, lang=lang or saved_language(), groups=catalog.groups,
                        indicators=load_indicators(INDICATORS_PATH), extent=saved_extent())
    if screenshot:
        # Offscreen, the only "screen" is 800 px wide: draw what a planner sees
        # on a desktop monitor (the README's screenshots are this size).
        window.resize(*SCREENSHOT_SIZE)
    window.show()
    if select:
        layer_id, _, feature_id = select.partition(":")
        layers.find_feature(select)  # unknown ids fail here, with a clear message
        window.map_view.ready.connect(lambda: window.map_view.select_feature(layer_id, feature_id))
    first_idle = {"done": False}

    def on_idle(_view):
        if first_idle["done"] or (select and window.details.record is None):
            return
        first_idle["done"] = True
        # The wall-clock stamp lets a benchmark count from the process spawn,
        # which includes interpreter start-up and this module's own imports.
        print(f"map drawn {time.perf_counter() - started:.2f} s after start (at {time.time():.3f})",
              file=sys.stderr)
        if screenshot:
            QTimer.singleShot(0, lambda: save_screenshot(window, screenshot, app))

    window.map_view.idle.connect(on_idle)
    code = app.exec()
    # Pages before profiles: destroy the window now, then let the profile go.
    from PySide6.QtCore import QCoreApplication, QEvent

    window.deleteLater()
    warm_up.deleteLater()
    for _ in range(2):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return code
