"""项目库 → 按乡镇统计…: the open register's projects, 总投资 and 完成投资 by
township (data/analysis/township_stats.py), from the layer given the township
role (the 占地分析 dock's choice, else the open layer its name or its XZQMC
field marks), or by the ledger's 所在乡镇 when no boundary layer is open;
shown in a table and exported as XLSX."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog, QHBoxLayout, QLabel, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout,
)

from ..data.analysis.roles import TOWNSHIP, guess_role
from ..data.log import log_failure
from . import file_dialogs, plain_text
from .background import failure_text, start_tracked
from .i18n import tr

if TYPE_CHECKING:
    from .main_window import MainWindow

log = logging.getLogger(__name__)


def township_layer(window):
    """The layer given the township role: the dock's choice where it offers one,
    else the open polygon layer whose name (XZQ, 行政区, 乡镇) or fields (XZQMC) say so."""
    dock = getattr(window, "landtake", None)
    box = getattr(dock, "boxes", {}).get(TOWNSHIP) if dock is not None else None
    if box is not None and box.currentData() in window.layers:
        return window.layers[box.currentData()]
    for layer in window.layers:
        if getattr(layer, "is_raster", False) or layer.spec.geometry != "Polygon" or layer.spec.category == "boundary":
            continue
        origin = getattr(getattr(layer, "origin", None), "layer", None) or ""
        guess = guess_role(f"{layer.spec.title('zh')} {Path(str(layer.spec.path)).stem} {origin}", layer.frame.columns)
        if guess is not None and guess.role == TOWNSHIP:
            return layer
    return None


class TownshipStatsDialog(QDialog):
    def __init__(self, window: MainWindow, stats):
        super().__init__(window)
        self.main_window, self.stats = window, stats
        self.setWindowTitle(tr("按乡镇统计"))
        self.resize(820, 560)
        self.table = QTableWidget(0, 0)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        frame = stats.by_township
        self.table.setRowCount(len(frame))
        self.table.setColumnCount(len(frame.columns))
        self.table.setHorizontalHeaderLabels([str(c) for c in frame.columns])
        for row, values in enumerate(frame.itertuples(index=False, name=None)):
            for column, value in enumerate(values):
                self.table.setItem(row, column, _item(value, frame.columns[column]))
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()
        self.table.verticalHeader().setVisible(False)  # the township names are the rows' labels
        self.notes = QLabel("\n".join(f"{a}：{b}" if window.lang == "zh" else f"{a}: {b}"
                                      for a, b in stats.notes.itertuples(index=False, name=None)))
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.notes.setWordWrap(True)
        self.export_button = QPushButton(tr("导出 XLSX…"))
        self.export_button.clicked.connect(lambda _checked=False: self.export())
        close = QPushButton(tr("关闭"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notes)
        layout.addLayout(buttons)

    def export(self, out: Path | None = None) -> Path | None:
        if out is None:
            chosen, _ = file_dialogs.getSaveFileName(self, tr("导出 XLSX…"), tr("项目按乡镇统计") + ".xlsx",
                                                     tr("Excel 工作簿 (*.xlsx)"))
            if not chosen:
                return None
            out = Path(chosen)
        try:
            self.stats.write_xlsx(out, self.main_window.lang)
        except OSError as exc:
            log_failure(log, exc, "writing %s", out)
            plain_text.critical(self, tr("导出失败"), failure_text(exc, self.main_window.lang, out))
            return None
        self.main_window.statusBar().showMessage(tr("已导出") + f"：{out}", 8000)
        return out


def _item(value, column: str) -> QTableWidgetItem:
    if isinstance(value, float) and value == value:
        text = f"{value:.1%}" if column in ("完成率", "completion") else f"{value:,.2f}"
    elif isinstance(value, (int, float)) and not isinstance(value, bool) and value == value:
        text = str(value)
    else:
        text = "" if value is None or value != value else str(value)
    item = QTableWidgetItem(text)
    if isinstance(value, (int, float)):
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def show_township_stats(window) -> bool:
    """Counts on a worker (a 红线 is overlaid with the boundaries), then the dialog."""
    from ..data.analysis.inputs import source_note
    from ..data.analysis.township_stats import township_stats

    session = getattr(window.register, "session", None)
    if session is None:
        plain_text.inform(window, tr("按乡镇统计"), tr("请先新建或打开项目库。"))
        return False
    register = session.frame.copy()
    layer = township_layer(window)
    source = None
    if layer is not None:
        crs = getattr(layer.report, "source_crs", None) or getattr(layer.report, "assumed_crs", None)
        source = source_note(TOWNSHIP, Path(str(layer.spec.path)),
                             getattr(getattr(layer, "origin", None), "layer", None), crs, window.lang)
    jobs = getattr(window, "township_jobs", None)
    if jobs is None:
        jobs = window.township_jobs = []  # what is running (tests wait on it)

    def work(_progress, _cancelled):
        boundaries = None
        if layer is not None:
            import shapely

            from ..data.analysis.layer_inputs import layer_polygons_near

            boundaries = layer_polygons_near(layer, shapely.box(*layer.bounds()))  # every township, with projects or not
        return township_stats(register, boundaries, source, window.lang)

    def done(stats) -> None:
        window.township_dialog = TownshipStatsDialog(window, stats)
        window.township_dialog.show()

    def failed(exc) -> None:
        plain_text.critical(window, tr("按乡镇统计"), failure_text(exc, window.lang))

    start_tracked(window, jobs, tr("正在按乡镇统计…"), tr("取消"), work, done, failed)
    return True
