"""The 占地分析 sheet (A4 landscape, PDF or PNG): the map with the site outlined,
beside it the areas by 地类 and by control line in 公顷 and 亩 and the
符合性说明, under them how the areas were computed and each source with its
file, date and CRS. Every word from the data (a layer's name, a class name, a
file name) is drawn with QPainter.drawText as plain text, never as rich text."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
from PySide6.QtCore import QMarginsF, Qt
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen

from ..data.analysis.areas import hectares, mu
from ..data.atomic_write import atomic_path
from ..data.analysis.classes import MAIN_CLASS_EN, MAIN_CLASSES, UNCLASSED
from ..data.analysis.report_tables import SourceNote, method_text
from ..data.analysis.roles import ROLE_WORDS
from ..data.analysis.sentences import control_sentences, landuse_sentence
from ..data.analysis.sites import padded_bounds
from ..data.catalog import LayerSpec
from ..data.layer_kinds import VectorLayer
from ..data.layers import LayerList
from ..map.legend import layer_legend, paint_swatch
from .paper import MM_PER_INCH, mm_to_px, paper_mm
from .report import MARGIN_MM, NOTICE, _font, _Page, _text_height_mm, draw_map_frame
from .snapshot import SnapshotRequest, render_map

SITE_LAYER = "analysis_site"
SITE_STYLE = {"stroke": "#d50000", "weight": 3, "fill": "#ffffff", "fill_opacity": 0.0}
HEADER_MM = 14.0
COLUMN_MM = 112.0  # the tables' column, right of the map
GAP_MM = 4.0
ROW_MM, MIN_ROW_MM = 4.4, 3.3
PAD = 0.12  # the map shows this share of the site's size around it


@dataclass(frozen=True)
class SheetRequest:
    title: str
    dpi: int = 150
    date: dt.date | None = None
    maker: str = ""
    notes: tuple[str, ...] = ()  # how the site itself was made (a corridor's width), said under the method
    legend: tuple[str, ...] = ()  # ids of the layers whose key the map shows (the roles' layers)
    basemaps: object | None = None
    basemap: str = "none"
    sources: tuple[SourceNote, ...] = field(default=())


def site_layer(site, name: str) -> VectorLayer:
    """The analysed area as a layer of its own, outlined in red over the others."""
    frame = gpd.GeoDataFrame({"id": ["site"], "name": [name]}, geometry=[site], crs=4326)
    spec = LayerSpec(id=SITE_LAYER, title_zh="分析范围", title_en="Analysed area", path=Path("analysis_site"),
                     geometry="Polygon", category="user", style=dict(SITE_STYLE), label_field="name",
                     detail_fields=(), group="user")
    return VectorLayer(spec=spec, frame=frame)


def map_bounds(site) -> tuple[float, float, float, float]:
    return padded_bounds(site, PAD)


def _fmt(value: float, digits: int) -> str:
    return f"{value:,.{digits}f}"


def landuse_rows(analysis, lang: str) -> list[tuple[list[str], bool]]:
    """(cells, bold) of the 地类 table: 三大类 subtotals in bold, their classes under them."""
    zh = lang == "zh"
    site = analysis.site_square_metres or 1.0
    rows = []

    def row(label, square_metres, bold):
        rows.append(([label, _fmt(hectares(square_metres), 4), _fmt(mu(square_metres), 2),
                      f"{square_metres / site:.2%}"], bold))

    for main in MAIN_CLASSES + (UNCLASSED,):
        members = [r for r in analysis.rows if r.main == main]
        if members:
            row(main if zh else MAIN_CLASS_EN[main], sum(r.square_metres for r in members), True)
            for member in members:
                row(f"  {member.code} {member.name}".rstrip(), member.square_metres, False)
    if analysis.uncovered_square_metres > 0.005:
        row("无地类图斑覆盖" if zh else "no parcel", analysis.uncovered_square_metres, True)
    row("合计" if zh else "total", analysis.site_square_metres, True)
    return rows


def control_rows(analysis, lang: str) -> list[tuple[list[str], bool]]:
    zh = lang == "zh"
    return [([ROLE_WORDS[c.role][0 if zh else 1], ("是" if c.touches else "否") if zh else ("yes" if c.touches else "no"),
              _fmt(hectares(c.square_metres), 4), _fmt(mu(c.square_metres), 2), f"{c.share:.2%}"], False)
            for c in analysis.controls]


def fit_rows(rows, room: int, lang: str):
    """At most `room` rows: the smallest classes go first, said in one row (the XLSX has them all)."""
    if len(rows) <= room:
        return rows
    details = [n for n, (_cells, bold) in enumerate(rows) if not bold]
    drop = len(rows) - room + 1
    if drop > len(details):
        return rows[:room]

    def area(n):
        return float(rows[n][0][1].replace(",", ""))

    dropped = set(sorted(details, key=area)[:drop])
    ha = sum(area(n) for n in dropped)
    kept = [r for n, r in enumerate(rows) if n not in dropped]
    note = (f"  其余 {len(dropped)} 类（详见 XLSX）" if lang == "zh" else f"  {len(dropped)} more classes (see the XLSX)")
    kept.insert(len(kept) - 1, ([note, _fmt(ha, 4), _fmt(ha * 15, 2), ""], False))  # 1 公顷 = 15 亩
    return kept


class _Table:
    def __init__(self, page: _Page, x: float, widths: list[float], row_mm: float):
        self.page, self.x, self.widths, self.row = page, x, widths, row_mm
        self.size = max(6.0, min(7.5, row_mm * 1.75))

    def draw(self, y: float, headers: list[str], rows) -> float:
        page = self.page
        total = sum(self.widths)
        page.p.setPen(Qt.PenStyle.NoPen)
        page.p.setBrush(QColor("#eeeeee"))
        page.p.drawRect(page.rect(self.x, y, total, self.row))
        self._line(y, headers, True)
        y += self.row
        for cells, bold in rows:
            self._line(y, cells, bold)
            y += self.row
        page.p.setPen(QPen(QColor("#888888"), 0.15 * page.k))
        page.p.setBrush(Qt.BrushStyle.NoBrush)
        page.p.drawRect(page.rect(self.x, y - self.row * (len(rows) + 1), total, self.row * (len(rows) + 1)))
        return y

    def _line(self, y: float, cells: list[str], bold: bool) -> None:
        x = self.x
        for n, (text, width) in enumerate(zip(cells, self.widths)):
            align = Qt.AlignmentFlag.AlignLeft if n == 0 or not any(ch.isdigit() for ch in text) \
                else Qt.AlignmentFlag.AlignRight
            if n and text in ("是", "否", "yes", "no"):
                align = Qt.AlignmentFlag.AlignHCenter
            flags = align | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine
            self.page.p.setFont(_font(self.size, bold))
            self.page.p.setPen(QColor("#222222"))
            self.page.p.drawText(self.page.rect(x + 0.8, y, width - 1.6, self.row), int(flags), text)
            x += width


def _heading(page: _Page, x: float, y: float, w: float, text: str) -> float:
    page.text(x, y, w, 5.5, text, _font(9, True))
    return y + 6


def _footer_lines(analysis, request: SheetRequest, lang: str) -> list[str]:
    zh = lang == "zh"
    lines = [("计算方法：" if zh else "Method: ") + method_text(analysis, lang) + ("。" if zh else ".")]
    lines += [("分析范围：" if zh else "Site: ") + note for note in request.notes]
    for note in request.sources:
        role = ROLE_WORDS[note.role][0 if zh else 1]
        lines.append(f"数据来源：{role}  {note.name}（{note.date or '日期不详'}，{note.crs}）" if zh else
                     f"Source: {role}  {note.name} ({note.date or 'date unknown'}, {note.crs})")
    if not request.sources:
        lines.append("数据来源：未指定用地现状或控制线图层" if zh else "Sources: no land-use or control-line layer given")
    made = [f"制图日期 {(request.date or dt.date.today()).isoformat()}" if zh else
            f"Date {(request.date or dt.date.today()).isoformat()}"]
    if request.maker:
        made.append(("制图单位 " if zh else "Made by ") + request.maker)
    made.append("底图坐标：WGS84 经纬度（与 CGCS2000 相差不足 1 米）" if zh else
                "map drawn in WGS84 lon/lat (within a metre of CGCS2000)")
    lines.append("    ".join(made))
    return lines


def _legend(page: _Page, x: float, y: float, layers: LayerList, request: SheetRequest, lang: str) -> None:
    entries = []
    for layer_id in (SITE_LAYER,) + tuple(request.legend):
        if layer_id in layers and layers[layer_id].visible:
            layer = layers[layer_id]
            rows = layer_legend(layer, lang)
            if layer_id != SITE_LAYER and len(rows) > 1:  # a coloured layer: its name, its classes are on the map
                rows = [(layer.spec.title(lang), None, None)]
            entries += [(layer, label, fill, marker) for label, fill, marker in rows[:1]]
    if not entries:
        return
    width, height = 46.0, 4.5 * len(entries) + 2
    page.p.setPen(QPen(QColor("#888888"), 0.15 * page.k))
    page.p.setBrush(QColor(255, 255, 255, 225))
    page.p.drawRect(page.rect(x, y, width, height))
    for n, (layer, label, fill, marker) in enumerate(entries):
        top = y + 1 + n * 4.5
        paint_swatch(page.p, page.rect(x + 1.5, top + 0.7, 5, 3), layer.spec, fill, marker)
        page.text(x + 8, top, width - 9, 4.5, label, _font(6.5))


def write_analysis_sheet(layers, site, analysis, request: SheetRequest, out: Path, lang: str = "zh",
                         progress=None) -> dict:
    """The sheet to `out` (.pdf or .png, A4 landscape); `layers`: what the map
    shows (the site is drawn over them). Returns the map's view state."""
    page_w, page_h = paper_mm("A4", True)
    footer = "\n".join(_footer_lines(analysis, request, lang))
    footer_mm = _text_height_mm(footer, _font(6.5), page_w - 2 * MARGIN_MM, request.dpi) + 2
    map_x, map_y = MARGIN_MM, MARGIN_MM + HEADER_MM
    column_x = page_w - MARGIN_MM - COLUMN_MM
    map_w = column_x - GAP_MM - map_x
    map_h = page_h - map_y - MARGIN_MM - footer_mm - 2
    shown = LayerList(list(layers) + [site_layer(site, request.title)])
    try:
        if progress:
            progress(10, "rendering map")
        image, state = render_map(shown, SnapshotRequest(
            mm_to_px(map_w, request.dpi), mm_to_px(map_h, request.dpi), map_bounds(site), None,
            scale=request.dpi / 96.0, lang=lang, basemaps=request.basemaps, basemap=request.basemap))
        if progress:
            progress(70, "laying out page")
        png = Path(out).suffix.lower() == ".png"
        with atomic_path(out) as tmp:
            target = _target(tmp, png, request, page_w, page_h)
            painter = QPainter()
            painter.begin(target)
            try:
                if png:
                    painter.fillRect(target.rect(), QColor("#ffffff"))
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                page = _Page(painter, request.dpi)
                page.text(MARGIN_MM, MARGIN_MM, page_w - 2 * MARGIN_MM - 50, HEADER_MM - 2, request.title,
                          _font(16, True))
                page.text(page_w - MARGIN_MM - 50, MARGIN_MM, 50, HEADER_MM - 2, NOTICE, _font(11, True),
                          Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, color="#c62828")
                draw_map_frame(page, image, map_x, map_y, map_w, map_h, state, lang)
                _legend(page, map_x + 2, map_y + 2, shown, request, lang)
                _column(page, column_x, map_y, map_y + map_h, analysis, lang)
                page.text(MARGIN_MM, page_h - MARGIN_MM - footer_mm, page_w - 2 * MARGIN_MM, footer_mm, footer,
                          _font(6.5), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, color="#444444")
            finally:
                painter.end()
            if png and not target.save(str(tmp), "PNG"):
                raise OSError(("无法写入 " if lang == "zh" else "could not write ") + str(out))
            del target  # a PDF's writer closes its file when it goes
    finally:
        for layer_id in shown.ids():  # the list followed the window's layers' events: no more
            shown.remove(layer_id)
    if progress:
        progress(100, "done")
    state["map_w_mm"] = map_w
    return state


def _target(out: Path, png: bool, request: SheetRequest, page_w: float, page_h: float):
    if png:
        image = QImage(mm_to_px(page_w, request.dpi), mm_to_px(page_h, request.dpi), QImage.Format.Format_RGB32)
        dots = round(request.dpi / MM_PER_INCH * 1000)
        image.setDotsPerMeterX(dots)
        image.setDotsPerMeterY(dots)
        return image
    writer = QPdfWriter(str(out))
    writer.setResolution(request.dpi)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageOrientation(QPageLayout.Orientation.Landscape)
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    writer.setTitle(request.title)
    writer.setCreator("Xixia Map 西峡项目地图")
    return writer


def _column(page: _Page, x: float, top: float, bottom: float, analysis, lang: str) -> None:
    """The tables and the 符合性说明, fitted to the column's height."""
    zh = lang == "zh"
    sentences = [landuse_sentence(analysis, lang)] + control_sentences(analysis, lang)
    said = "\n".join(sentences)
    said_mm = _text_height_mm(said, _font(7.5), COLUMN_MM, round(page.k * MM_PER_INCH)) + 1
    land = landuse_rows(analysis, lang)
    controls = control_rows(analysis, lang)
    headings = 6 * (3 if controls else 2) + 2 * GAP_MM
    header_rows = 2 if controls else 1
    room_mm = bottom - top - headings - said_mm
    row = max(MIN_ROW_MM, min(ROW_MM, room_mm / max(1, len(land) + len(controls) + header_rows)))
    room = int(room_mm // row) - len(controls) - header_rows
    land = fit_rows(land, max(room, 3), lang)
    y = _heading(page, x, top, COLUMN_MM, "地类面积" if zh else "Areas by land-use class")
    y = _Table(page, x, [52, 24, 22, 14], row).draw(
        y, ["地类" if zh else "class", "面积（公顷）" if zh else "ha", "面积（亩）" if zh else "mu",
            "占比" if zh else "share"], land) + GAP_MM
    if controls:
        y = _heading(page, x, y, COLUMN_MM, "控制线" if zh else "Control lines")
        y = _Table(page, x, [34, 10, 24, 22, 22], row).draw(
            y, ["控制线" if zh else "line", "涉及" if zh else "in", "面积（公顷）" if zh else "ha",
                "面积（亩）" if zh else "mu", "占用地比例" if zh else "share"], controls) + GAP_MM
    y = _heading(page, x, y, COLUMN_MM, "符合性说明" if zh else "Findings")
    page.text(x, y, COLUMN_MM, max(said_mm, bottom - y), said, _font(7.5),
              Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
