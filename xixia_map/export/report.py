"""PDF report layout: title, map, legend, scale bar, north arrow, date, sources, notice.

Everything but the map itself is drawn as vector text and shapes with QPainter
on a QPdfWriter, so the text is selectable and searchable.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPainterPath, QPdfWriter, QPen

from ..data.layers import LayerList
from ..map.legend import ESTIMATED_NOTE, has_estimated, layer_legend, paint_swatch
from .paper import MM_PER_INCH, mm_to_px, paper_mm
from .scalebar import scale_bar
from .snapshot import SnapshotRequest, render_map

NOTICE = "内部资料 注意保密"
FONT_FAMILIES = ["WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", "sans-serif"]
MARGIN_MM = 10.0
HEADER_MM = 16.0
FOOTER_MM = 16.0
LEGEND_MM = 62.0


@dataclass(frozen=True)
class ReportRequest:
    title: str
    paper: str = "A4"
    landscape: bool = True
    dpi: int = 150
    bounds: tuple[float, float, float, float] | None = None
    select: tuple[str, str] | None = None
    date: dt.date | None = None
    maker: str = ""  # 制图单位
    review_number: str = ""  # 审图号, for a map that is published
    basemaps: object | None = None  # the window's basemaps and the one shown, drawn under the map
    basemap: str = "none"
    swipe: dict | None = None  # 卷帘 as the window shows it (snapshot.py)


def data_sources(layers: LayerList, lang: str = "zh") -> str:
    """The visible records' sources as one statement in words (source_words.py)."""
    from ..data.source_words import summarise_sources

    sources = []
    for layer in layers:
        if layer.visible and "source" in layer.frame.columns:
            sources += list(layer.frame["source"].dropna().astype(str).unique())
    return summarise_sources(sources, lang)


def basemap_credit(basemaps, name: str, lang: str = "zh") -> str:
    """The basemap under the map, by title and its provider's attribution, as a sheet must state it."""
    if basemaps is None or name in ("", "none"):
        return ""
    try:
        choice = basemaps.get(name)
    except KeyError:
        return ""
    if choice.kind == "none":
        return ""
    title = choice.title(lang)
    credit = f"{title}（{choice.attribution}）" if choice.attribution and lang == "zh" else (
        f"{title} ({choice.attribution})" if choice.attribution else title)
    return ("底图：" if lang == "zh" else "Basemap: ") + credit


def _font(size_pt: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(size_pt)
    font.setBold(bold)
    return font


class _Page:
    """mm-based drawing on a device with `dpi` dots per inch."""

    def __init__(self, painter: QPainter, dpi: float):
        self.p = painter
        self.k = dpi / MM_PER_INCH

    def rect(self, x, y, w, h) -> QRectF:
        return QRectF(x * self.k, y * self.k, w * self.k, h * self.k)

    def point(self, x, y) -> QPointF:
        return QPointF(x * self.k, y * self.k)

    def text(self, x, y, w, h, text, font, flags=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
             color="#222222"):
        self.p.setFont(font)
        self.p.setPen(QColor(color))
        self.p.drawText(self.rect(x, y, w, h), int(flags) | int(Qt.TextFlag.TextWordWrap), text)


def draw_map_frame(page: _Page, image, map_x: float, map_y: float, map_w: float, map_h: float, state: dict,
                   lang: str) -> None:
    """The map image on the sheet in its thin frame, with the north arrow and the scale bar (mm)."""
    painter = page.p
    painter.drawImage(page.rect(map_x, map_y, map_w, map_h), image)
    painter.setPen(QPen(QColor("#444444"), 0.3 * page.k))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(page.rect(map_x, map_y, map_w, map_h))
    _north_arrow(page, map_x + map_w - 10, map_y + 8, 10)
    _scale_bar(page, map_x + 6, map_y + map_h - 8, state, map_w, lang)


def _north_arrow(page: _Page, x: float, y: float, size: float) -> None:
    p = page.p
    path = QPainterPath(page.point(x, y))
    path.lineTo(page.point(x + size * 0.35, y + size))
    path.lineTo(page.point(x, y + size * 0.75))
    path.lineTo(page.point(x - size * 0.35, y + size))
    path.closeSubpath()
    p.setPen(QPen(QColor("#222222"), 0.3 * page.k))
    p.setBrush(QColor("#222222"))
    p.drawPath(path)
    page.text(x - 5, y - 6, 10, 5, "北 N", _font(7, True), Qt.AlignmentFlag.AlignCenter)


def map_scale_denominator(state: dict, map_w_mm: float) -> float:
    """1:N of the printed map: ground metres per paper millimetre, times 1000."""
    from ..map.scale import metres_per_pixel

    css_px_per_mm = state["width"] / map_w_mm
    return metres_per_pixel(state["lat"], state["zoom"]) * css_px_per_mm * 1000


def scale_text(denominator: float, lang: str) -> str:
    """1:N rounded to two significant figures, written as Chinese maps write it (1:25万)."""
    digits = max(0, len(str(int(denominator))) - 2)
    n = int(round(denominator, -digits))
    if lang == "zh":
        return f"比例尺 1:{n // 10_000}万" if n >= 10_000 and n % 10_000 == 0 else f"比例尺 1:{n:,}"
    return f"Scale 1:{n:,}"


def _scale_bar(page: _Page, x: float, y: float, state: dict, map_w_mm: float, lang: str = "zh") -> None:
    """An alternating bar with its distances under 0, the middle and the end, and the 1:N beside it."""
    css_px_per_mm = state["width"] / map_w_mm
    metres, length_mm, label = scale_bar(state["lat"], state["zoom"], css_px_per_mm, max_mm=35)
    numeric = scale_text(map_scale_denominator(state, map_w_mm), lang)
    p = page.p
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(255, 255, 255, 220))
    p.drawRect(page.rect(x - 3, y - 11, length_mm + 8, 16))
    p.setBrush(QColor("#222222"))
    p.drawRect(page.rect(x, y, length_mm / 2, 1.2))
    p.setBrush(QColor("#ffffff"))
    p.setPen(QPen(QColor("#222222"), 0.2 * page.k))
    p.drawRect(page.rect(x + length_mm / 2, y, length_mm / 2, 1.2))
    half = metres / 2
    half_text = f"{half / 1000:g}" if metres >= 1000 else f"{half:g}"
    centre = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter
    page.text(x - 5, y + 1.4, 10, 3.5, "0", _font(6.5), centre)
    page.text(x + length_mm / 2 - 5, y + 1.4, 10, 3.5, half_text, _font(6.5), centre)
    page.text(x + length_mm - 8, y + 1.4, 16, 3.5, label, _font(6.5), centre)
    page.text(x, y - 10, length_mm + 4, 4, numeric, _font(7))


def _legend(page: _Page, x: float, y: float, w: float, h: float, layers: LayerList, lang: str) -> None:
    page.text(x, y, w, 7, "图例" if lang == "zh" else "Legend", _font(11, True))
    row_y = y + 9
    for layer in reversed(list(layers)):
        if not layer.visible:
            continue
        for label, fill, marker in layer_legend(layer, lang):
            if row_y > y + h - 5:
                return
            paint_swatch(page.p, page.rect(x, row_y, 5, 5), layer.spec, fill, marker)
            page.text(x + 7, row_y - 0.5, w - 7, 6, label, _font(7.5))
            row_y += 6
    if any(layer.visible and has_estimated(layer) for layer in layers) and row_y <= y + h - 10:
        page.text(x, row_y + 1, w, 10, ESTIMATED_NOTE[lang], _font(6.5))


SOURCES_PT = 6.0
SOURCES_TOP_MM = 11.5  # from the footer's top: the date line and the CRS line come first


def _sources_text(layers: LayerList, request: ReportRequest, basemap: str, lang: str) -> str:
    sources = ("数据来源：" if lang == "zh" else "Sources: ") + data_sources(layers, lang)
    base = basemap_credit(request.basemaps, basemap, lang)
    return sources + (("；" if lang == "zh" else "; ") + base if base else "")


def _text_height_mm(text: str, font: QFont, width_mm: float, dpi: int) -> float:
    """How tall `text` sets in `font`, wrapped to `width_mm`, on a page of `dpi`."""
    from PySide6.QtGui import QFontMetricsF, QImage

    device = QImage(1, 1, QImage.Format.Format_ARGB32)  # a device at the page's resolution, for the metrics
    device.setDotsPerMeterX(round(dpi / MM_PER_INCH * 1000))
    device.setDotsPerMeterY(round(dpi / MM_PER_INCH * 1000))
    k = dpi / MM_PER_INCH
    box = QFontMetricsF(font, device).boundingRect(QRectF(0, 0, width_mm * k, 1e7),
                                                   int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap), text)
    return box.height() / k


def write_report(layers: LayerList, request: ReportRequest, out: Path, lang: str = "zh",
                 progress=None) -> dict:
    page_w, page_h = paper_mm(request.paper, request.landscape)
    sources = _sources_text(layers, request, request.basemap, lang)
    # The footer grows to hold every line of the sources; the map gives up the room.
    footer_mm = max(FOOTER_MM, SOURCES_TOP_MM + _text_height_mm(sources, _font(SOURCES_PT), page_w - 2 * MARGIN_MM,
                                                                 request.dpi) + 1)
    map_x, map_y = MARGIN_MM, MARGIN_MM + HEADER_MM
    map_w = page_w - 2 * MARGIN_MM - LEGEND_MM - 4
    map_h = page_h - map_y - MARGIN_MM - footer_mm
    if progress:
        progress(10, "rendering map")
    # One CSS pixel ≈ 1/96 inch on paper, so labels print at their screen size.
    image, state = render_map(layers, SnapshotRequest(
        mm_to_px(map_w, request.dpi), mm_to_px(map_h, request.dpi), request.bounds, request.select,
        scale=request.dpi / 96.0, lang=lang, basemaps=request.basemaps, basemap=request.basemap,
        swipe=request.swipe))
    if progress:
        progress(70, "laying out page")
    writer = QPdfWriter(str(out))
    writer.setResolution(request.dpi)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A3 if request.paper.upper() == "A3" else QPageSize.PageSizeId.A4))
    writer.setPageOrientation(QPageLayout.Orientation.Landscape if request.landscape
                              else QPageLayout.Orientation.Portrait)
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    writer.setTitle(request.title)
    writer.setCreator("Xixia Map 西峡项目地图")
    painter = QPainter(writer)
    try:
        page = _Page(painter, request.dpi)
        page.text(MARGIN_MM, MARGIN_MM, page_w - 2 * MARGIN_MM - 50, HEADER_MM - 2, request.title, _font(18, True))
        page.text(page_w - MARGIN_MM - 50, MARGIN_MM, 50, HEADER_MM - 2, NOTICE, _font(12, True),
                  Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, color="#c62828")
        draw_map_frame(page, image, map_x, map_y, map_w, map_h, state, lang)
        _legend(page, map_x + map_w + 6, map_y, LEGEND_MM - 2, map_h, layers, lang)
        date = (request.date or dt.date.today()).isoformat()
        footer_y = page_h - MARGIN_MM - footer_mm + 2
        # Chinese maps state CGCS2000; the data are WGS84 lon/lat, which differ from it by
        # well under a metre here, far below every position's own accuracy.
        crs = ("坐标系 2000国家大地坐标系（CGCS2000，与本图所用 WGS84 经纬度相差不足 1 米）；"
               "多数位置为推定，精度见各要素“位置精度”" if lang == "zh" else
               "CRS CGCS2000 (the WGS84 lon/lat drawn here differ from it by under a metre); "
               "most positions are estimates, see each feature's accuracy")
        made = [f"制图日期 {date}" if lang == "zh" else f"Date {date}"]
        if request.maker:
            made.append(("制图单位 " if lang == "zh" else "Made by ") + request.maker)
        if request.review_number:
            made.append(("审图号 " if lang == "zh" else "Map review no. ") + request.review_number)
        page.text(MARGIN_MM, footer_y, page_w - 2 * MARGIN_MM, 5, "    ".join(made), _font(8))
        page.text(MARGIN_MM, footer_y + 5, page_w - 2 * MARGIN_MM, 5, crs, _font(7, False), color="#555555")
        if state.get("basemap", "none") != request.basemap:  # the basemap could not be drawn: not credited
            sources = _sources_text(layers, request, state.get("basemap", "none"), lang)
        page.text(MARGIN_MM, footer_y + SOURCES_TOP_MM - 2, page_w - 2 * MARGIN_MM, footer_mm - SOURCES_TOP_MM + 2,
                  sources, _font(SOURCES_PT), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, color="#555555")
    finally:
        painter.end()
    if progress:
        progress(100, "done")
    state["map_w_mm"] = map_w  # the printed map's width, for its 1:N
    return state
