"""Scale bar, north arrow and legend painted onto a PNG of the map, as the PDF
sheet has them (report.py draws the same pieces; this reuses them on an image)."""
from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPen

from ..data.layers import LayerList
from ..map.legend import ESTIMATED_NOTE, has_estimated, layer_legend, paint_swatch
from .paper import MM_PER_INCH
from .report import _font, _north_arrow, _Page, _scale_bar


def _points_on_image(state: dict, layers: LayerList, width_mm: float, height_mm: float) -> list[tuple[float, float]]:
    """Where the visible small layers' features (their representative points)
    fall on the image, in mm: what a legend must not hide (a township's seat)."""
    import math

    try:
        west, south, east, north = (float(state[k]) for k in ("west", "south", "east", "north"))
    except (KeyError, TypeError, ValueError):
        return []

    def mercator_y(lat: float) -> float:
        lat = max(-85.0, min(85.0, lat))
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    top, bottom = mercator_y(north), mercator_y(south)
    if east <= west or top <= bottom:
        return []
    found = []
    for layer in layers:
        if not layer.visible or layer.is_raster or layer.streamed or len(layer.frame) > 5000:
            continue
        if layer.spec.category == "boundary":  # the county outline and the neighbours fill the sheet
            continue
        points = layer.drawn_frame().geometry.representative_point()
        for point in points:
            if point is None or point.is_empty:
                continue
            found.append(((point.x - west) / (east - west) * width_mm,
                          (top - mercator_y(point.y)) / (top - bottom) * height_mm))
    return found


def _legend_corner(state: dict, layers: LayerList, width_mm: float, height_mm: float, box_w: float,
                   box_h: float) -> tuple[float, float]:
    """The corner for the legend that hides fewest features: bottom right as
    sheets have it, unless the map has features there (丹水镇 was hidden) and
    another corner, clear of the scale bar and the north arrow, has fewer."""
    points = _points_on_image(state, layers, width_mm, height_mm)
    corners = [(width_mm - box_w - 4, height_mm - box_h - 4),  # bottom right
               (4, height_mm - box_h - 22),  # bottom left, above the scale bar
               (4, 4),  # top left
               (width_mm - box_w - 4, 22)]  # top right, below the north arrow
    corners = [(x, y) for x, y in corners if x >= 0 and y >= 0 and y + box_h <= height_mm]
    if not corners:
        return width_mm - box_w - 4, max(0.0, height_mm - box_h - 4)

    def hidden(corner) -> int:
        x, y = corner
        return sum(1 for px, py in points if x - 2 <= px <= x + box_w + 2 and y - 2 <= py <= y + box_h + 2)

    return min(corners, key=lambda corner: (hidden(corner), corners.index(corner)))


def add_furniture(image: QImage, state: dict, layers: LayerList, lang: str = "zh", dpi: float = 96.0) -> QImage:
    """`image` with a scale bar (bottom left), north arrow (top right) and legend
    (bottom right, or the corner that hides fewest features)."""
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    try:
        page = _Page(painter, dpi)
        width_mm = image.width() / dpi * MM_PER_INCH
        height_mm = image.height() / dpi * MM_PER_INCH
        _north_arrow(page, width_mm - 10, 10, 9)
        _scale_bar(page, 8, height_mm - 8, state, width_mm, lang)
        rows = [(layer, label, fill, marker) for layer in reversed(list(layers)) if layer.visible
                for label, fill, marker in layer_legend(layer, lang)]
        note = any(layer.visible and has_estimated(layer) for layer in layers)
        row_h, box_w = 4.6, 58.0
        box_h = min(height_mm - 30, 7 + row_h * len(rows) + (5 if note else 0))
        x, y = _legend_corner(state, layers, width_mm, height_mm, box_w, box_h)
        painter.setPen(QPen(QColor("#888888"), 0.2 * page.k))
        painter.setBrush(QColor(255, 255, 255, 230))
        painter.drawRect(page.rect(x, y, box_w, box_h))
        page.text(x + 2, y + 1, box_w - 4, 5, "图例" if lang == "zh" else "Legend", _font(8, True))
        row_y = y + 6.5
        for layer, label, fill, marker in rows:
            if row_y + row_h > y + box_h - (5 if note else 0):
                break
            paint_swatch(painter, QRectF(*(v * page.k for v in (x + 2, row_y + 0.4, 3.6, 3.6))), layer.spec, fill,
                         marker)
            page.text(x + 7, row_y, box_w - 9, row_h, label, _font(6.2))
            row_y += row_h
        if note:
            page.text(x + 2, y + box_h - 5, box_w - 4, 4.5, ESTIMATED_NOTE[lang], _font(5.4), color="#555555")
    finally:
        painter.end()
    return image
