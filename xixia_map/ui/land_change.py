"""对比分析 → 地类变化…: two open DLTB layers (a 三调 year and a later 变更调查)
compared on a worker (data/analysis/change.py, with progress and Cancel); the
变化图斑 become a layer on the map, coloured by transition, and the 转移矩阵
shows in a dock (by 二级类, 一级类 or 三大类, in 公顷 or 亩), exported as XLSX."""
from __future__ import annotations

import logging
import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDockWidget, QDoubleSpinBox, QFormLayout, QHBoxLayout, QLabel, QPushButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from ..data.analysis.change import TOLERANCE_M, LandChange
from ..data.analysis.change_tables import CODE, FIRST, HECTARES, MAIN, MU, SourceWords
from ..data.analysis.roles import LANDUSE, guess_role
from ..data.log import log_failure
from . import file_dialogs, plain_text
from .background import failure_text, start_tracked
from .i18n import tr
from .layer_roles import current_roles, polygon_layers

log = logging.getLogger(__name__)


def _names(layer) -> str:
    inner = getattr(getattr(layer, "origin", None), "layer", "") or ""
    return f"{layer.spec.title('zh')} {Path(str(layer.spec.path)).stem} {inner}"


def _year(layer) -> int | None:
    found = re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", _names(layer))
    return int(found[-1]) if found else None


def default_pair(window) -> tuple[str | None, str | None]:
    """The before and after layers to offer: of the land-use layers (the 用地现状
    role's, then those whose names or fields say DLTB), 三调 or the earlier year
    before, 变更 or the later year after."""
    layers = polygon_layers(window)
    chosen = current_roles(window).get(LANDUSE)
    def is_landuse(layer) -> bool:
        guess = guess_role(_names(layer), layer.frame.columns)
        return (chosen is not None and layer.id == chosen.layer_id) or (guess is not None and guess.role == LANDUSE)

    landuse = [layer for layer in layers if is_landuse(layer)]
    if len(landuse) < 2:
        landuse += [layer for layer in layers if layer not in landuse]

    def rank(layer):
        names = _names(layer)
        first = 0 if "三调" in names else (2 if "变更" in names else 1)
        return first, _year(layer) or 0

    ordered = sorted(landuse, key=rank)
    if len(ordered) < 2:
        return (ordered[0].id if ordered else None), None
    return ordered[0].id, ordered[-1].id


class LandChangeDialog(QDialog):
    """The two layers and the tolerance; 开始比较 runs the comparison."""

    def __init__(self, window):
        super().__init__(window)
        self.main = window
        self.setWindowTitle(tr("地类变化"))
        self.before, self.after = QComboBox(), QComboBox()
        for layer in polygon_layers(window):
            for box in (self.before, self.after):
                box.addItem(layer.spec.title(window.lang), layer.id)
        before, after = default_pair(window)
        for box, layer_id in ((self.before, before), (self.after, after)):
            if layer_id is not None:
                box.setCurrentIndex(box.findData(layer_id))
        self.tolerance = QDoubleSpinBox()
        self.tolerance.setRange(0.0, 50.0)
        self.tolerance.setDecimals(2)
        self.tolerance.setSingleStep(0.1)
        self.tolerance.setValue(TOLERANCE_M)
        self.tolerance.setSuffix(tr(" 米"))
        form = QFormLayout()
        form.addRow(tr("前期（如三调）"), self.before)
        form.addRow(tr("后期（如变更调查）"), self.after)
        form.addRow(tr("界线移动容差"), self.tolerance)
        note = QLabel(tr("界线移动小于容差的窄条视为边界调整，不计为变化图斑；面积在椭球面上精确计算。"))
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        self.run_button = QPushButton(tr("开始比较"))
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(lambda _checked=False: self.run())
        close = QPushButton(tr("关闭"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.run_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addLayout(buttons)

    def run(self) -> bool:
        before, after = self.before.currentData(), self.after.currentData()
        if before is None or after is None or before == after:
            plain_text.inform(self, tr("地类变化"), tr("请选择两个不同的地类图斑图层：前期和后期。"))
            return False
        started = run_land_change(self.main, self.main.layers[before], self.main.layers[after],
                                  self.tolerance.value())
        if started:
            self.accept()
        return started


def run_land_change(window, before, after, tolerance: float) -> bool:
    """The comparison on a worker; the layer and the dock when it is done."""
    import shapely

    from ..data.analysis.change import compare_land_use
    from ..data.analysis.change_layer import change_layer
    from ..data.analysis.layer_inputs import layer_input

    jobs = getattr(window, "land_change_jobs", None)
    if jobs is None:
        jobs = window.land_change_jobs = []  # what is running (tests wait on it)
    lang = window.lang
    words = SourceWords(before.spec.title(lang), after.spec.title(lang))
    title = tr("变化图斑") + f"（{words.before} → {words.after}）"
    extent = shapely.bounds(shapely.union(shapely.box(*before.bounds()), shapely.box(*after.bounds())))
    count = max(before.feature_count, after.feature_count)
    taken = window.layers.ids()
    inputs = (layer_input(before), layer_input(after))

    def work(progress, cancelled):
        change = compare_land_use(inputs[0], inputs[1], tolerance, progress, cancelled, extent=tuple(extent),
                                  count=count)
        return change, change_layer(change, taken, title)

    def done(result) -> None:
        change, layer = result
        window.opener.add_layer(layer)
        show_matrix(window, change, words)

    def failed(exc) -> None:
        from ..data.errors import Cancelled

        if not isinstance(exc, Cancelled):
            plain_text.critical(window, tr("地类变化"), failure_text(exc, lang))

    start_tracked(window, jobs, tr("正在比较两期地类…"), tr("取消"), work, done, failed)
    return True


class LandChangeDock(QWidget):
    """The 转移矩阵 of the last comparison: rows the before classes, columns the after classes."""

    def __init__(self, window):
        super().__init__(window)
        self.main = window
        self.change: LandChange | None = None
        self.words: SourceWords | None = None
        self.level, self.unit = QComboBox(), QComboBox()
        for key, words in ((CODE, tr("二级类")), (FIRST, tr("一级类")), (MAIN, tr("三大类"))):
            self.level.addItem(words, key)
        for key, words in ((HECTARES, tr("公顷")), (MU, tr("亩"))):
            self.unit.addItem(words, key)
        self.level.currentIndexChanged.connect(lambda _i: self.fill())
        self.unit.currentIndexChanged.connect(lambda _i: self.fill())
        self.export_button = QPushButton(tr("导出 XLSX…"))
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(lambda _checked=False: self.export())
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("地类级别")))
        top.addWidget(self.level)
        top.addWidget(QLabel(tr("单位")))
        top.addWidget(self.unit)
        top.addStretch(1)
        top.addWidget(self.export_button)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.table = QTableWidget(0, 0)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)

    def show_change(self, change, words) -> None:
        self.change, self.words = change, words
        self.export_button.setEnabled(True)
        self.fill()

    def fill(self) -> None:
        from ..data.analysis.areas import hectares, mu
        from ..data.analysis.change_tables import matrix_table

        if self.change is None or self.words is None:
            return
        lang = self.main.lang
        table = matrix_table(self.change, self.level.currentData(), self.unit.currentData(), lang)
        self.table.clear()
        self.table.setRowCount(len(table))
        self.table.setColumnCount(len(table.columns))
        self.table.setHorizontalHeaderLabels([str(c) for c in table.columns])
        digits = 4 if self.unit.currentData() == HECTARES else 2
        for row, values in enumerate(table.itertuples(index=False, name=None)):
            for column, value in enumerate(values):
                if isinstance(value, str):
                    item = QTableWidgetItem(value)
                else:
                    item = QTableWidgetItem(f"{value:,.{digits}f}")
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.verticalHeader().setVisible(False)
        self.table.resizeColumnsToContents()
        changed = sum(self.change.changed().values())
        count = len(self.change.changes) if self.change.changes is not None else 0
        zh = lang == "zh"
        colon, comma, space = ("：", "，", "　") if zh else (": ", ", ", "   ")
        area = (f"{hectares(changed):,.4f} " + tr("公顷") + ("（" if zh else " (") + f"{mu(changed):,.2f} " + tr("亩")
                + ("）" if zh else ")"))
        self.status.setText(tr("前期") + colon + self.words.before + space + tr("后期") + colon + self.words.after
                            + "\n" + tr("变化图斑") + f" {count}{comma}" + tr("变化面积") + " " + area)

    def export(self, out: Path | None = None) -> Path | None:
        from ..data.analysis.change_tables import write_change_xlsx

        if self.change is None or self.words is None:
            return None
        if out is None:
            chosen, _ = file_dialogs.getSaveFileName(self, tr("导出 XLSX…"), tr("地类转移矩阵") + ".xlsx",
                                                     tr("Excel 工作簿 (*.xlsx)"))
            if not chosen:
                return None
            out = Path(chosen)
        try:
            write_change_xlsx(self.change, self.words, out, self.main.lang, self.level.currentData())
        except OSError as exc:
            log_failure(log, exc, "writing %s", out)
            plain_text.critical(self, tr("导出失败"), failure_text(exc, self.main.lang, out))
            return None
        self.main.statusBar().showMessage(tr("已导出") + f"：{out}", 8000)
        return out


def show_matrix(window, change, words) -> LandChangeDock:
    dock = getattr(window, "land_change_dock", None)
    if dock is None:
        dock = window.land_change_dock = LandChangeDock(window)
        holder = window.land_change_holder = QDockWidget(tr("地类转移矩阵"), window)
        holder.setObjectName("dock_land_change")
        holder.setWidget(dock)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, holder)
    dock.show_change(change, words)
    window.land_change_holder.show()
    window.land_change_holder.raise_()
    return dock


def show_land_change(window) -> LandChangeDialog | None:
    """对比分析 → 地类变化…: the dialog, once two polygon layers are open."""
    if len(polygon_layers(window)) < 2:
        plain_text.inform(window, tr("地类变化"), tr("请先打开两期地类图斑图层（如三调和年度变更调查）。"))
        return None
    window.land_change_dialog = LandChangeDialog(window)
    window.land_change_dialog.show()
    return window.land_change_dialog
