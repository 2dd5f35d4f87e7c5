"""Capture what the view really shows.

The page reports idle once Leaflet has drawn, but the frame still has to
travel from Chromium's compositor to the widget, and a stale frame can look
settled. So a grab waits for a marker pixel the page paints after idle (see
stable_grab). No fixed sleeps.
"""
from __future__ import annotations

import itertools
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


FENCE_RGB = (254, 1, 253)


def _grab_until(view, condition, deadline: float, interval_ms: int) -> QImage:
    while time.monotonic() < deadline:
        QCoreApplication.processEvents()
        image = view.grab().toImage()
        if condition(image):
            return image
        _pause(interval_ms)
    raise TimeoutError("the map view did not produce the expected frame")


def _fence_visible(image: QImage, rgb: tuple[int, int, int] = FENCE_RGB) -> bool:
    c = image.pixelColor(0, 0)
    return (c.red(), c.green(), c.blue()) == rgb


def stable_grab(view, timeout_s: float = 60.0, interval_ms: int = 40) -> QImage:
    """Grab `view` showing everything drawn before this call.

    A marker pixel is painted after the page's idle state; once a grab shows it,
    the compositor has delivered a frame newer than idle. The marker is then
    removed and the first grab without it is returned. Raises TimeoutError.
    """
    deadline = time.monotonic() + timeout_s
    background = view.palette().color(QPalette.ColorRole.Window)
    view.call_sync("fence", "rgb(%d,%d,%d)" % FENCE_RGB)
    _grab_until(view, lambda img: _fence_visible(img) and _has_web_content(img, background), deadline, interval_ms)
    view.call_sync("fence", None)
    return _grab_until(view, lambda img: not _fence_visible(img), deadline, interval_ms)


def wait_until_idle(view, timeout_s: float = 90.0) -> dict:
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


# Colours of wait_until_shown's fence, taken in turn (and unlike stable_grab's).
_SHOWN_FENCES = itertools.cycle(((1, 254, 2), (2, 1, 254)))


def wait_until_shown(view, timeout_s: float = 20.0, interval_ms: int = 1) -> None:
    """Block until the view shows everything the page drew before reporting
    idle: the idle signal, then a grab showing a fence pixel painted after it.

    The idle signal alone (two animation frames after the last tile loaded)
    can come before the compositor has rasterised the new tiles; benchmarks
    time moves to this instead. Successive calls alternate the fence's colour,
    so a frame still showing the previous fence never counts.
    """
    deadline = time.monotonic() + timeout_s
    wait_until_idle(view, timeout_s)
    rgb = next(_SHOWN_FENCES)
    view.call_sync("fence", "rgb(%d,%d,%d)" % rgb)
    try:
        _grab_until(view, lambda img: _fence_visible(img, rgb), deadline, interval_ms)
    finally:
        view.call_sync("fence", None)
