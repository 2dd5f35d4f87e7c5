"""分屏 as one sheet: each view of a split as it stands on screen (a grab once
its page is idle, so its tiles are all drawn), placed where it sits in the
split, with a caption of what it shows. A PNG, written atomically.
"""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter

from ..map.capture import stable_grab, wait_until_idle

GUTTER_PX = 4  # white between the views, as the splitter's handle shows them apart
CAPTION_FONT = ["WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", "sans-serif"]


def split_sheet(container, views: Sequence, captions: Sequence[str], timeout_s: float = 60.0) -> QImage:
    """The views of `container` (each a MapView inside it) on one image, each
    where it lies in the container, its caption in its lower left corner."""
    placed = []
    for view in views:
        view.show_crosshair(None)  # the cursor's mark is not part of the map
    for view in views:
        wait_until_idle(view, timeout_s)
        placed.append((stable_grab(view, timeout_s), view.mapTo(container, QPoint(0, 0))))
    left = min(at.x() for _image, at in placed)
    top = min(at.y() for _image, at in placed)
    right = max(at.x() + image.width() for image, at in placed)
    bottom = max(at.y() + image.height() for image, at in placed)
    sheet = QImage(right - left, bottom - top, QImage.Format.Format_RGB32)
    sheet.fill(QColor("white"))
    painter = QPainter(sheet)
    font = QFont()
    font.setFamilies(CAPTION_FONT)
    font.setPixelSize(14)
    painter.setFont(font)
    metrics = QFontMetrics(font)
    for (image, at), caption in zip(placed, captions):
        x, y = at.x() - left, at.y() - top
        painter.drawImage(x, y, image)
        text = metrics.elidedText(caption, Qt.TextElideMode.ElideRight, image.width() - 24)
        box = QRect(x + 8, y + image.height() - 30, metrics.horizontalAdvance(text) + 12, 22)
        painter.fillRect(box, QColor(255, 255, 255, 230))
        painter.setPen(QColor("#222222"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return sheet


def view_caption(view, number: int, layers, lang: str) -> str:
    """视图 n：its layers, top first (those the view shows)."""
    names = [layer.spec.title(lang) for layer in reversed(list(layers)) if view.shows(layer)]
    head = f"视图 {number}：" if lang == "zh" else f"View {number}: "
    return head + ("、" if lang == "zh" else ", ").join(names)
