"""Capture what the view really shows.

The page reports idle once Leaflet has drawn, but the frame still has to
travel from Chromium's compositor to the widget. So after idle we grab until
two consecutive frames are identical and hold web content (not the bare
widget background). No fixed sleeps.
"""
from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtGui import QImage, QPalette


def _has_web_content(image: QImage, background) -> bool:
    step = max(1, min(image.width(), image.height()) // 40)
    samples = differing = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            samples += 1
            differing += image.pixelColor(x, y) != background
    return samples > 0 and differing / samples > 0.2


def _pause(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def stable_grab(view, timeout_s: float = 10.0, interval_ms: int = 60) -> QImage:
    """Grab `view` once its frame has settled; raises TimeoutError otherwise."""
    background = view.palette().color(QPalette.ColorRole.Window)
    deadline = time.monotonic() + timeout_s
    previous = None
    while time.monotonic() < deadline:
        QCoreApplication.processEvents()
        image = view.grab().toImage()
        painted = _has_web_content(image, background)
        if painted and previous is not None and image == previous:
            return image
        previous = image if painted else None
        _pause(interval_ms)
    raise TimeoutError("the map view did not produce a settled frame")


def wait_until_idle(view, timeout_s: float = 20.0) -> dict:
    """Block (with a local event loop) until the page reports idle."""
    box: dict = {}
    loop = QEventLoop()

    def done(state):
        box["view"] = state
        loop.quit()

    view.idle.connect(done)
    try:
        if view.is_ready and view.call_sync("isIdle"):
            return view.last_view
        QTimer.singleShot(int(timeout_s * 1000), loop.quit)
        loop.exec()
    finally:
        view.idle.disconnect(done)
    if "view" not in box:
        raise TimeoutError("the map did not become idle")
    return box["view"]
