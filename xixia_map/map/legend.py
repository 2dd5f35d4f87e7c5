"""Legend swatches painted from catalog styles, matching what the page draws (static/style_rules.js)."""
from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap, QPolygonF

from ..data.catalog import LayerSpec


def _polygon(shape: str, r: float, cx: float, cy: float) -> QPolygonF:
    if shape == "diamond":
        pts = [(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)]
    elif shape == "triangle":
        pts = [(cx, cy - r), (cx + r, cy + r * 0.8), (cx - r, cy + r * 0.8)]
    elif shape == "star":
        pts = []
        for i in range(10):
            rad = r if i % 2 == 0 else r * 0.45
            a = math.pi / 5 * i - math.pi / 2
            pts.append((cx + rad * math.cos(a), cy + rad * math.sin(a)))
    else:
        return QPolygonF()
    return QPolygonF([QPointF(x, y) for x, y in pts])


def paint_swatch(painter: QPainter, rect: QRectF, spec: LayerSpec, fill: str | None = None,
                 marker: str | None = None) -> None:
    style = spec.style
    stroke = QColor(style.get("stroke", "#555555"))
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if spec.geometry == "LineString":
        pen = QPen(stroke, max(2.0, style.get("weight", 2)))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        y = rect.center().y()
        painter.drawLine(QPointF(rect.left() + 2, y + 3), QPointF(rect.right() - 2, y - 3))
    elif spec.geometry == "Polygon":
        color = QColor(fill or style.get("fill", "#cccccc"))
        color.setAlphaF(max(0.35, style.get("fill_opacity", 0.3)))
        pen = QPen(stroke, 1.5)
        if style.get("dash"):
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(color)
        painter.drawRect(rect.adjusted(2, 3, -2, -3))
    else:
        painter.setPen(QPen(stroke, 1.2))
        painter.setBrush(QColor(fill or style.get("fill", "#888888")))
        r = min(rect.width(), rect.height()) / 2 - 1.5
        cx, cy = rect.center().x(), rect.center().y()
        shape = marker or style.get("marker", "circle")
        if shape == "circle":
            painter.drawEllipse(QPointF(cx, cy), r, r)
        elif shape == "square":
            painter.drawRect(QRectF(cx - r * 0.85, cy - r * 0.85, r * 1.7, r * 1.7))
        else:
            painter.drawPolygon(_polygon(shape, r, cx, cy))
    painter.restore()


def swatch_icon(spec: LayerSpec, fill: str | None = None, size: int = 18, marker: str | None = None) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    paint_swatch(painter, QRectF(0, 0, size, size), spec, fill, marker)
    painter.end()
    return QIcon(pixmap)


def legend_entries(spec: LayerSpec, lang: str, present=None) -> list[tuple[str, str | None, str | None]]:
    """(label, fill override, marker override) rows: one per layer, or one per class
    when coloured by a field. With `present` (the values in the data), classes
    nobody uses are left out."""
    graduated = spec.style.get("graduated")
    if graduated:
        return [(f"{spec.title(lang)}: {label}", colour, None)
                for label, colour in zip(graduated["labels"], graduated["colors"])]
    rule = spec.style.get("color_by")
    if not rule:
        return [(spec.title(lang), None, None)]
    key = "label_zh" if lang == "zh" else "label_en"
    rows = []
    for value, v in rule["values"].items():
        if present is not None and value not in present:
            continue
        area = f"（{v['area_text']}）" if v.get("area_text") else ""  # 三调 classes carry their area
        rows.append((f"{spec.title(lang)}: {v[key]}{area}", v["color"], v.get("marker")))
    return rows


def layer_legend(layer, lang: str) -> list[tuple[str, str | None, str | None]]:
    """A map sheet's legend rows of one shown layer: its classes as drawn, and
    imagery or a DEM said as what it is (影像：正射影像), not a footprint swatch
    under a file name."""
    if layer.is_raster:
        kind = ("数字高程模型", "DEM") if layer.is_dem else ("影像", "Imagery")
        return [(f"{kind[0]}：{layer.spec.title(lang)}" if lang == "zh" else f"{kind[1]}: {layer.spec.title(lang)}",
                 None, None)]
    return legend_entries(layer.spec, lang, present_values(layer, drawn=True))


def present_values(layer, drawn: bool = False) -> set | None:
    """The color_by values in the data; `drawn`: only those the map draws (a map
    sheet's legend leaves out the classes switched off in the layer tree)."""
    rule = layer.spec.style.get("color_by")
    if not rule or rule["field"] not in layer.frame.columns:
        return None
    if layer.streamed:  # a large layer's style was built from its data: its classes are present
        return {str(v) for v in rule["values"]} - (set(layer.hidden_classes) if drawn else set())
    frame = layer.drawn_frame() if drawn else layer.frame
    return set(frame[rule["field"]].dropna().astype(str))


ESTIMATED_NOTE = {"zh": "空心符号、虚线：位置为推定，选中后显示可能范围",
                  "en": "Hollow symbols, dashed lines: estimated positions; select one to see its range"}


def has_estimated(layer) -> bool:
    """Whether a layer holds features whose position is estimated (drawn hollow or dashed)."""
    frame = layer.frame
    return "estimated" in frame.columns and bool((frame["estimated"] == True).any())  # noqa: E712 (a column)
