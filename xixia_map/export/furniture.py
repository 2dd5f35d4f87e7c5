"""Scale bar, north arrow and legend painted onto a PNG of the map, as the PDF
sheet has them (report.py draws the same pieces; this reuses them on an image)."""
from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPen

from ..data.layers import LayerList
from ..map.legend import ESTIMATED_NOTE, has_estimated, legend_entries, paint_swatch, present_values
from .paper import MM_PER_INCH
from .report import _font, _north_arrow, _Page, _scale_bar


def add_furniture(image: QImage, state: dict, layers: LayerList, lang: str = "zh", dpi: float = 96.0) -> QImage:
    """`image` with a scale bar (bottom left), north arrow (top right) and legend (bottom right)."""
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    try:
        page = _Page(painter, dpi)
        width_mm = image.width() / dpi * MM_PER_INCH
        height_mm = image.height() / dpi * MM_PER_INCH
        _north_arrow(page, width_mm - 10, 10, 9)
        _scale_bar(page, 8, height_mm - 8, state, width_mm, lang)
        rows = [(layer, label, fill, marker) for layer in reversed(list(layers)) if layer.visible
                for label, fill, marker in legend_entries(layer.spec, lang, present_values(layer, drawn=True))]
        note = any(layer.visible and has_estimated(layer) for layer in layers)
        row_h, box_w = 4.6, 58.0
        box_h = min(height_mm - 30, 7 + row_h * len(rows) + (5 if note else 0))
        x, y = width_mm - box_w - 4, height_mm - box_h - 4
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
