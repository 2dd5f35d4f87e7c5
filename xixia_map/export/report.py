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
from ..map.legend import ESTIMATED_NOTE, has_estimated, legend_entries, paint_swatch, present_values
from .paper import MM_PER_INCH, mm_to_px, paper_mm
from .scalebar import scale_bar
from .snapshot import SnapshotRequest, render_map

NOTICE = "内部资料 注意保密"
FONT_FAMILIES = ["WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", "sans-serif"]
MARGIN_MM = 10.0
HEADER_MM = 16.0
FOOTER_MM = 16.0
LEGEND_MM = 62.0
SEED_NAMES = {
    "seed:000_ad63fb68d320b5bb.txt": "西峡县专场新闻发布会(聚力民富县强 建设幸福西峡)",
    "seed:001_69fb1a1bb32074fd.txt": "西峡县政府工作报告(年度目标)摘录",
}


@dataclass(frozen=True)
class ReportRequest:
    title: str
    paper: str = "A4"
    landscape: bool = True
    dpi: int = 150
    bounds: tuple[float, float, float, float] | None = None
    select: tuple[str, str] | None = None
    date: dt.date | None = None


def _source_head(source: str) -> str:
    """The citable part of a source: its first clause, without per-file paths."""
    head = source.split(";")[0].strip()
    head = ", ".join(part for part in head.split(", ") if "/" not in part and ".geojson" not in part)
    return SEED_NAMES.get(head, head)


def data_sources(layers: LayerList) -> list[str]:
    """Distinct sources of the visible records, by their first clause."""
    heads: set[str] = set()
    for layer in layers:
        if layer.visible and "source" in layer.frame.columns:
            for source in layer.frame["source"].dropna().astype(str):
                heads.add(_source_head(source))
    return sorted(heads)


def _font(size_pt: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(size_pt)
    font.setBold(bold)
    return font


class _Page:
    """mm-based drawing on a device with `dpi` dots per inch."""

    def __init__(self, painter: QPainter, dpi: int):
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


def _scale_bar(page: _Page, x: float, y: float, state: dict, map_w_mm: float) -> None:
    css_px_per_mm = state["width"] / map_w_mm
    _metres, length_mm, label = scale_bar(state["lat"], state["zoom"], css_px_per_mm, max_mm=35)
    p = page.p
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(255, 255, 255, 220))
    p.drawRect(page.rect(x - 2, y - 6, length_mm + 16, 10))
    p.setBrush(QColor("#222222"))
    p.drawRect(page.rect(x, y, length_mm / 2, 1.2))
    p.setBrush(QColor("#ffffff"))
    p.setPen(QPen(QColor("#222222"), 0.2 * page.k))
    p.drawRect(page.rect(x + length_mm / 2, y, length_mm / 2, 1.2))
    page.text(x, y - 5.5, length_mm + 14, 5, f"0    {label}", _font(7))


def _legend(page: _Page, x: float, y: float, w: float, h: float, layers: LayerList, lang: str) -> None:
    page.text(x, y, w, 7, "图例" if lang == "zh" else "Legend", _font(11, True))
    row_y = y + 9
    for layer in reversed(list(layers)):
        if not layer.visible:
            continue
        for label, fill in legend_entries(layer.spec, lang, present_values(layer)):
            if row_y > y + h - 5:
                return
            paint_swatch(page.p, page.rect(x, row_y, 5, 5), layer.spec, fill)
            page.text(x + 7, row_y - 0.5, w - 7, 6, label, _font(7.5))
            row_y += 6
    if any(layer.visible and has_estimated(layer) for layer in layers) and row_y <= y + h - 10:
        page.text(x, row_y + 1, w, 10, ESTIMATED_NOTE[lang], _font(6.5))


def write_report(layers: LayerList, request: ReportRequest, out: Path, lang: str = "zh",
                 progress=None) -> dict:
    page_w, page_h = paper_mm(request.paper, request.landscape)
    map_x, map_y = MARGIN_MM, MARGIN_MM + HEADER_MM
    map_w = page_w - 2 * MARGIN_MM - LEGEND_MM - 4
    map_h = page_h - map_y - MARGIN_MM - FOOTER_MM
    if progress:
        progress(10, "rendering map")
    # One CSS pixel ≈ 1/96 inch on paper, so labels print at their screen size.
    image, state = render_map(layers, SnapshotRequest(
        mm_to_px(map_w, request.dpi), mm_to_px(map_h, request.dpi), request.bounds, request.select,
        scale=request.dpi / 96.0))
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
        painter.drawImage(page.rect(map_x, map_y, map_w, map_h), image)
        painter.setPen(QPen(QColor("#444444"), 0.3 * page.k))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(page.rect(map_x, map_y, map_w, map_h))
        _north_arrow(page, map_x + map_w - 10, map_y + 8, 10)
        _scale_bar(page, map_x + 6, map_y + map_h - 6, state, map_w)
        _legend(page, map_x + map_w + 6, map_y, LEGEND_MM - 2, map_h, layers, lang)
        date = (request.date or dt.date.today()).isoformat()
        footer_y = page_h - MARGIN_MM - FOOTER_MM + 2
        crs = "坐标系 WGS84; 多数位置为推定, 精度见各要素 accuracy_m" if lang == "zh" else \
            "CRS WGS84; most positions are estimates, see each feature's accuracy_m"
        page.text(MARGIN_MM, footer_y, 60, 5, f"制图日期 {date}" if lang == "zh" else f"Date {date}", _font(8))
        page.text(MARGIN_MM, footer_y + 5, page_w - 2 * MARGIN_MM, 5, crs, _font(7, False), color="#555555")
        sources = ("数据来源: " if lang == "zh" else "Sources: ") + "; ".join(data_sources(layers))
        page.text(MARGIN_MM, footer_y + 9.5, page_w - 2 * MARGIN_MM, FOOTER_MM - 9.5, sources, _font(6),
                  Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, color="#555555")
    finally:
        painter.end()
    if progress:
        progress(100, "done")
    return state
