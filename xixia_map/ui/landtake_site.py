"""What the 占地分析 dock analyses: the selected polygon (a 红线, a parcel, a
township of the boundary layer), an area drawn on the map with the measure
tool's 测面积 (its vertices, as the map reports them), or a corridor of a given
width either side of a selected line (a road's 征地 corridor)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QHBoxLayout, QLabel, QPushButton, QWidget

from ..data.errors import DataError
from .i18n import tr

if TYPE_CHECKING:
    from .main_window import MainWindow

SELECTED, DRAWN, CORRIDOR = "selected", "drawn", "corridor"


class SiteChooser(QWidget):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.main_window = window
        self.drawn: list[tuple[float, float]] = []  # the last area drawn with 测面积, (lon, lat)
        self.note: str | None = None  # how the last site was made, for the sheet
        self.problem: str | None = None  # why the last site could not be made (a drawing with no area)
        self.kind = QComboBox()
        self.kind.addItem(tr("所选的面"), SELECTED)
        self.kind.addItem(tr("在地图上绘制的范围"), DRAWN)
        self.kind.addItem(tr("所选线两侧的缓冲区"), CORRIDOR)
        self.draw_button = QPushButton(tr("绘制范围"))
        self.draw_button.setToolTip(tr("在地图上单击各拐点绘制范围，然后点“分析所选区域”"))
        self.draw_button.clicked.connect(lambda _checked=False: self.start_drawing())
        self.corridor_width = QDoubleSpinBox()
        self.corridor_width.setRange(0.5, 5000.0)
        self.corridor_width.setDecimals(1)
        self.corridor_width.setValue(20.0)
        self.corridor_width.setSuffix(tr(" 米"))
        self.width_label = QLabel(tr("每侧宽度"))
        self.width_label.setTextFormat(Qt.TextFormat.PlainText)
        label = QLabel(tr("分析范围"))
        label.setTextFormat(Qt.TextFormat.PlainText)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (label, self.kind, self.draw_button, self.width_label, self.corridor_width):
            row.addWidget(widget)
        row.addStretch(1)
        self.kind.currentIndexChanged.connect(lambda _i: self._show_options())
        window.map_view.measured.connect(self._measured)
        self._show_options()

    def mode(self) -> str:
        return self.kind.currentData()

    def set_mode(self, mode: str) -> None:
        self.kind.setCurrentIndex(self.kind.findData(mode))

    def _show_options(self) -> None:
        mode = self.mode()
        self.draw_button.setVisible(mode == DRAWN)
        self.width_label.setVisible(mode == CORRIDOR)
        self.corridor_width.setVisible(mode == CORRIDOR)

    def start_drawing(self) -> None:
        """The map's 测面积: each click a vertex; the area stays drawn until the next or Esc."""
        self.drawn = []
        self.main_window.measure_actions["area"].setChecked(True)

    def _measured(self, kind: str, points: list) -> None:
        if kind == "area":
            self.drawn = [(float(lon), float(lat)) for lon, lat in points]

    def missing_text(self) -> str | None:
        """What to do first, when there is nothing to analyse; None in the selected-polygon mode (the dock says it)."""
        if self.problem:
            return self.problem
        if self.mode() == DRAWN:
            return tr("请先点“绘制范围”，在地图上单击至少三个点围成范围。")
        if self.mode() == CORRIDOR:
            return tr("请先在地图上选中一条线（道路、管线），并填写每侧宽度。")
        return None

    def site(self):
        """(geometry in lon/lat, title) of the chosen kind of site, or (None, None)
        and missing_text says why."""
        self.note = self.problem = None
        try:
            return self._site()
        except DataError as exc:  # a drawing with no area, a width out of range: said, in the planner's words
            self.problem = exc.one_line(self.main_window.lang)
            return None, None

    def _site(self):
        from ..data.analysis.sites import corridor_method, drawn_polygon, line_corridor

        if self.mode() == DRAWN:
            if len(self.drawn) < 3:
                return None, None
            site = drawn_polygon(self.drawn)
            if self.main_window.measure_actions["area"].isChecked():
                self.main_window.measure_actions["area"].setChecked(False)  # the drawing ends and stays shown
            return site, tr("绘制范围")
        line, name = self._selected_line()
        if line is None:
            return None, None
        width = self.corridor_width.value()
        self.note = corridor_method(width, self.main_window.lang)
        return line_corridor(line, width), tr("{name}两侧各 {width} 米").format(name=name, width=f"{width:g}")

    def _selected_line(self):
        record = self.main_window.details.record
        if record is None or record.get("_layer") not in self.main_window.layers:
            return None, None
        layer = self.main_window.layers[record["_layer"]]
        try:
            geometry = layer.geometry_of(str(record["id"]))
        except (KeyError, IndexError, DataError):
            return None, None
        if geometry is None or geometry.geom_type not in ("LineString", "MultiLineString"):
            return None, None
        name = (record.get("name") or record.get("name_zh") or record.get("名称") or record.get(layer.spec.label_field)
                or layer.spec.title(self.main_window.lang))
        return geometry, str(name)
