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
    """The views of `container` (each a MapView inside it) on one image, in their
    rows and columns there, GUTTER_PX apart, each captioned in its lower left
    corner. Drawn in print mode (no zoom buttons), without the cursor's mark."""
    grabs = []
    for view in views:
        view.show_crosshair(None)  # the cursor's mark is not part of the map
        view.call_sync("setPrintMode", True)
    try:
        for view in views:
            wait_until_idle(view, timeout_s)
            grabs.append((stable_grab(view, timeout_s), view.mapTo(container, QPoint(0, 0))))
    finally:
        for view in views:
            view.call_sync("setPrintMode", False)
    rows: dict[int, list] = {}
    for (image, at), caption in zip(grabs, captions):
        rows.setdefault(at.y(), []).append((at.x(), image, caption))
    laid = [sorted(row, key=lambda item: item[0]) for _y, row in sorted(rows.items())]
    width = max(sum(image.width() for _x, image, _c in row) + GUTTER_PX * (len(row) - 1) for row in laid)
    height = sum(max(image.height() for _x, image, _c in row) for row in laid) + GUTTER_PX * (len(laid) - 1)
    sheet = QImage(width, height, QImage.Format.Format_RGB32)
    sheet.fill(QColor("white"))
    painter = QPainter(sheet)
    font = QFont()
    font.setFamilies(CAPTION_FONT)
    font.setPixelSize(14)
    painter.setFont(font)
    metrics = QFontMetrics(font)
    y = 0
    for row in laid:
        x = 0
        for _at, image, caption in row:
            painter.drawImage(x, y, image)
            text = metrics.elidedText(caption, Qt.TextElideMode.ElideRight, image.width() - 24)
            box = QRect(x + 8, y + image.height() - 30, metrics.horizontalAdvance(text) + 12, 22)
            painter.fillRect(box, QColor(255, 255, 255, 230))
            painter.setPen(QColor("#222222"))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
            x += image.width() + GUTTER_PX
        y += max(image.height() for _x, image, _c in row) + GUTTER_PX
    painter.end()
    return sheet


def view_caption(view, number: int, layers, lang: str) -> str:
    """视图 n（1:scale）：its layers, top first (those the view shows)."""
    from ..map.scale import scale_denominator

    names = [layer.spec.title(lang) for layer in reversed(list(layers)) if view.shows(layer)]
    state = view.last_view
    scale = f"1:{scale_denominator(state['lat'], state['zoom']):,.0f}" if state else ""
    head = f"视图 {number}（{scale}）：" if lang == "zh" else f"View {number} ({scale}): "
    return head + ("、" if lang == "zh" else ", ").join(names)
