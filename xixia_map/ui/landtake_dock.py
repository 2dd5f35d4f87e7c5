"""The 占地分析 dock: which open layers are the land-use layer and the control
lines (guessed from the standards' names, changeable), and, for the selected
area (a 红线, a parcel, a township), its 地类 table, its overlap with each line
and one 符合性说明 sentence per line; exported as XLSX. The work runs on a
worker with Cancel; the tables are data/analysis's."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QHBoxLayout, QLabel, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from ..data.analysis.roles import CONTROL_LINES, LANDUSE, ROLE_WORDS
from . import file_dialogs, plain_text
from .background import failure_text, start_tracked
from .i18n import tr
from .layer_roles import choices_of, current_roles, polygon_layers

if TYPE_CHECKING:
    from ..data.analysis.overlay import SiteAnalysis
    from .main_window import MainWindow

ROLES = (LANDUSE,) + CONTROL_LINES


class LandTakeDock(QWidget):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.main_window = window
        self.jobs: list = []
        self.result: SiteAnalysis | None = None
        self.title = ""
        self.boxes: dict[str, QComboBox] = {}
        form = QFormLayout()
        for role in ROLES:
            box = QComboBox()
            box.activated.connect(lambda _index, r=role: self._chosen(r))  # the planner's pick, even of the guess
            self.boxes[role] = box
            form.addRow(ROLE_WORDS[role][0 if window.lang == "zh" else 1], box)
        self.guesses = QLabel()  # the roles guessed from fields alone, for the planner to confirm
        self.guesses.setTextFormat(Qt.TextFormat.PlainText)
        self.guesses.setWordWrap(True)
        self.guesses.setStyleSheet("color: #b35806")
        self.guesses.hide()
        self.run_button = QPushButton(tr("分析所选区域"))
        self.run_button.clicked.connect(lambda _checked=False: self.analyse_selected())
        self.export_button = QPushButton(tr("导出 XLSX…"))
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(lambda _checked=False: self.export())
        from .landtake_sheet import export_sheet
        from .landtake_site import SiteChooser

        self.site_chooser = SiteChooser(window)  # the selected polygon, a drawn area or a line's corridor
        self.site = None
        self.site_note: str | None = None
        self.sheet_button = QPushButton(tr("导出图纸…"))
        self.sheet_button.setEnabled(False)
        self.sheet_button.clicked.connect(lambda _checked=False: export_sheet(self))
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.sheet_button)
        self.status = QLabel(tr("在地图上选中一个面（红线、地块或乡镇），再点“分析所选区域”。"))
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.table = QTableWidget(0, 0)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.cellClicked.connect(lambda row, _column: self.show_pieces(row))
        self.site = None
        self.row_pieces: list = []  # per table row: ("landuse" | "control", index into its list) or None
        self._pieces: dict[str, list] | None = None  # the pieces of every row, in degrees, made at the first click
        self.findings = QLabel()
        self.findings.setTextFormat(Qt.TextFormat.PlainText)
        self.findings.setWordWrap(True)
        self.findings.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.guesses)
        layout.addWidget(self.site_chooser)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.findings)
        self.refresh_layers()

    # -- roles --------------------------------------------------------------------------
    def refresh_layers(self) -> None:
        """Offer the open polygon layers, each role's box on its layer now: the
        planner's choice, else the layer its names point to (layer_roles.py)."""
        layers = polygon_layers(self.main_window)
        roles = current_roles(self.main_window)
        for role, box in self.boxes.items():
            box.blockSignals(True)
            box.clear()
            box.addItem(tr("（无）"), None)
            for layer in layers:
                box.addItem(layer.spec.title(self.main_window.lang), layer.id)
            box.setCurrentIndex(max(0, box.findData(roles[role].layer_id)) if roles[role].layer_id else 0)
            box.blockSignals(False)
        self._say_guesses(roles)

    def _chosen(self, role: str) -> None:
        choices_of(self.main_window).choose(role, self.boxes[role].currentData())
        self.main_window.unsaved.mark()
        self._say_guesses(current_roles(self.main_window))

    def _say_guesses(self, roles) -> None:
        lines = []
        for role, choice in roles.items():
            if role in self.boxes and choice.layer_id and not choice.confirmed:
                lines.append(tr("“{layer}”按字段猜测为{role}，请核对：在上方重新选择即确认。").format(
                    layer=self.boxes[role].currentText(), role=ROLE_WORDS[role][0 if self.main_window.lang == "zh" else 1]))
        self.guesses.setText("\n".join(lines))
        self.guesses.setVisible(bool(lines))

    # -- the analysis ---------------------------------------------------------------------
    def _site(self):
        if self.site_chooser.mode() != "selected":
            return self.site_chooser.site()
        record = self.main_window.details.record
        if record is None:
            return None, None
        layer = self.main_window.layers[record["_layer"]]
        geometry = layer.geometry_of(str(record["id"]))
        if geometry is None or geometry.geom_type not in ("Polygon", "MultiPolygon"):
            return None, None
        name = (record.get("name") or record.get("name_zh") or record.get("名称") or record.get(layer.spec.label_field)
                or layer.spec.title(self.main_window.lang))
        return geometry, str(name)

    def analyse_selected(self) -> bool:
        from ..data.analysis.layer_inputs import layer_polygons_near
        from ..data.analysis.overlay import analyse_site

        site, title = self._site()
        if site is None:
            self.status.setText(self.site_chooser.missing_text()
                                or tr("请先在地图上选中一个面（红线、地块或乡镇）：点要素没有面积可分析。"))
            return False
        layers = {role: self.main_window.layers[box.currentData()] for role, box in self.boxes.items()
                  if box.currentData() and box.currentData() in self.main_window.layers}
        if not layers:
            self.status.setText(tr("请先指定用地现状图层或至少一条控制线。"))
            return False

        def work(_progress, _cancelled):
            frames = {role: layer_polygons_near(layer, site) for role, layer in layers.items()}
            landuse = frames.pop(LANDUSE, None)
            return analyse_site(site, landuse, frames)

        note = self.site_chooser.note if self.site_chooser.mode() != "selected" else None

        def done(result) -> None:
            self.result, self.title, self.site, self.site_note = result, title, site, note
            self.show_result()

        def failed(exc) -> None:
            self.status.setText(failure_text(exc, self.main_window.lang))

        self.status.setText(tr("正在分析…"))
        start_tracked(self, self.jobs, tr("正在进行占地分析…"), tr("取消"), work, done, failed)
        return True

    def show_result(self) -> None:
        from ..data.analysis.report_tables import control_table, landuse_table
        from ..data.analysis.sentences import control_sentences, landuse_sentence

        lang = self.main_window.lang
        result = self.result
        if result is None:
            return
        tables = [landuse_table(result, lang)]
        if result.controls:
            tables.append(control_table(result, lang))
        rows = sum(len(t) for t in tables) + len(tables) - 1
        columns = max(len(t.columns) for t in tables)
        self.table.clear()
        self.row_pieces, self._pieces = [], None
        self.table.setRowCount(rows)
        self.table.setColumnCount(columns)
        self.table.setHorizontalHeaderLabels([str(c) for c in tables[0].columns])
        row = 0
        for n, table in enumerate(tables):
            if n:
                for column, header in enumerate(table.columns):  # the control lines' own header row
                    item = QTableWidgetItem(str(header))
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                    self.table.setItem(row, column, item)
                self.row_pieces.append(None)
                row += 1
            for index, values in enumerate(table.itertuples(index=False, name=None)):
                self.row_pieces.append(("landuse" if n == 0 else "control", index))
                for column, value in enumerate(values):
                    item = QTableWidgetItem("" if value is None else (f"{value:,.4f}".rstrip("0").rstrip(".")
                                                                      if isinstance(value, float) else str(value)))
                    if isinstance(value, float):
                        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    self.table.setItem(row, column, item)
                row += 1
        self.table.resizeColumnsToContents()
        self.findings.setText("\n".join([landuse_sentence(result, lang)] + control_sentences(result, lang)))
        self.status.setText(tr("分析完成：{title}").format(title=self.title))
        self.export_button.setEnabled(True)
        self.sheet_button.setEnabled(True)

    def show_pieces(self, row: int) -> bool:
        """The pieces behind a row of the table (a 地类's, a 三大类's, a control
        line's overlap) drawn over the map, until the selection is cleared."""
        from shapely.geometry import mapping

        from ..data.analysis.report_tables import control_pieces, landuse_pieces

        source = self.row_pieces[row] if 0 <= row < len(self.row_pieces) else None
        if self.result is None or source is None:
            self.main_window.map_view.call("showPieces", None)
            return False
        if self._pieces is None:
            self._pieces = {"landuse": landuse_pieces(self.result, self.site), "control": control_pieces(self.result)}
        piece = self._pieces[source[0]][source[1]]
        shown = piece is not None and not piece.is_empty
        self.main_window.map_view.call("showPieces", mapping(piece) if shown else None)
        return shown

    def export(self, out: Path | None = None) -> Path | None:
        from ..data.analysis.inputs import source_note
        from ..data.analysis.report_tables import write_analysis_xlsx

        if self.result is None:
            return None
        if out is None:
            chosen, _ = file_dialogs.getSaveFileName(self, tr("导出 XLSX…"), f"{self.title}占地分析.xlsx",
                                                     tr("Excel 工作簿 (*.xlsx)"))
            if not chosen:
                return None
            out = Path(chosen)
        sources = []
        for role, box in self.boxes.items():
            layer = self.main_window.layers[box.currentData()] if box.currentData() in self.main_window.layers else None
            if layer is not None:
                crs = getattr(layer.report, "source_crs", None) or getattr(layer.report, "assumed_crs", None)
                origin_layer = getattr(getattr(layer, "origin", None), "layer", None)
                sources.append(source_note(role, Path(str(layer.spec.path)), origin_layer, crs, self.main_window.lang))
        try:
            write_analysis_xlsx(self.result, sources, self.title, out, self.main_window.lang)
        except (OSError, ValueError) as exc:
            plain_text.critical(self, tr("导出失败"), failure_text(exc, self.main_window.lang, out))
            return None
        self.status.setText(tr("已导出") + f"：{out}")
        return out
