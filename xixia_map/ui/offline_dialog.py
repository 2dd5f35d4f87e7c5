"""视图 → 下载离线底图包…: the current map service's tiles over the view (or the
county) and a zoom range, into an MBTiles that then works as any basemap archive.

The dialog states the estimate (tiles, MB, minutes at the rate limit) before
anything is fetched, asks the planner to confirm the provider's terms allow
keeping tiles, and downloads on a worker with progress and Cancel; a package cut
short is kept, usable, and a second run over it fetches only what is missing.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox, QVBoxLayout,
)

from . import file_dialogs
from ..map.offline_package import PackagePlan
from .background import start_tracked

if TYPE_CHECKING:
    from .main_window import MainWindow

COUNTY = (110.96, 32.96, 111.86, 33.84)  # the county and a margin


class OfflineDialog(QDialog):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.main_window = window
        self.jobs: list = []
        self.setWindowTitle(self.tr("下载离线底图包"))
        name = window.map_view.basemap
        self.source = window.map_view.basemaps.services.get(name)
        self.definitions = window.map_view.basemaps.service_definitions(name)
        self.area = QComboBox()
        self.area.addItem(self.tr("当前视图范围"), "view")
        self.area.addItem(self.tr("全县"), "county")
        self.min_zoom = QSpinBox()
        self.max_zoom = QSpinBox()
        for box, value in ((self.min_zoom, 8), (self.max_zoom, 14)):
            box.setRange(1, 18)
            box.setValue(value)
        self.rate = QSpinBox()
        self.rate.setRange(1, 50)
        self.rate.setValue(8)
        self.rate.setSuffix(self.tr(" 张/秒"))
        self.terms = QCheckBox(self.tr("我确认该服务的使用条款允许下载瓦片离线使用"))
        self.estimate_label = QLabel()
        self.estimate_label.setTextFormat(Qt.TextFormat.PlainText)
        self.estimate_label.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("范围"), self.area)
        form.addRow(self.tr("最小级别"), self.min_zoom)
        form.addRow(self.tr("最大级别"), self.max_zoom)
        form.addRow(self.tr("下载速度上限"), self.rate)
        buttons = QDialogButtonBox()
        self.start_button = buttons.addButton(self.tr("开始下载"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        # clicked(bool) would arrive as `out`: the button starts with no path, and the save dialog asks
        self.start_button.clicked.connect(lambda _checked=False: self.start())
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if self.source is None:
            layout.addWidget(QLabel(self.tr("当前底图不是地图服务：请先在底图列表中选择一个地图服务")))
            self.start_button.setEnabled(False)
        layout.addLayout(form)
        layout.addWidget(self.terms)
        layout.addWidget(self.estimate_label)
        layout.addWidget(buttons)
        for box in (self.min_zoom, self.max_zoom, self.rate):
            box.valueChanged.connect(self.update_estimate)
        self.area.currentIndexChanged.connect(self.update_estimate)
        self.update_estimate()

    def plan(self) -> PackagePlan:
        if self.area.currentData() == "view":
            view = self.main_window.map_view.last_view or {}
            west, south, east, north = (view.get(k) for k in ("west", "south", "east", "north"))
            if west is None or south is None or east is None or north is None:
                bounds = COUNTY
            else:
                bounds = (west, south, east, north)
        else:
            bounds = COUNTY
        low, high = sorted((self.min_zoom.value(), self.max_zoom.value()))
        return PackagePlan(bounds, low, high)

    def update_estimate(self) -> None:
        """Tiles and minutes at once; the size needs a few tiles fetched, so it is given as ~20 KB a tile here."""
        plan = self.plan()
        count = plan.count()
        minutes = count / self.rate.value() / 60
        self.estimate_label.setText(self.tr("约 {count} 张瓦片、{mb} MB（按每张约 20 KB 估算），"
                                            "按当前速度约需 {minutes} 分钟").format(
            count=f"{count:,}", mb=f"{count * 0.02:,.0f}", minutes=f"{minutes:,.1f}"))

    def start(self, out: Path | None = None) -> None:
        from ..map.offline_package import download

        if not self.terms.isChecked():
            self.estimate_label.setText(self.tr("请先确认服务条款允许离线使用"))
            return
        if out is None:
            chosen, _ = file_dialogs.getSaveFileName(self, self.tr("保存离线底图包"), "西峡离线底图.mbtiles",
                                                    "MBTiles (*.mbtiles)")
            if not chosen:
                return
            out = Path(chosen)
        service, source, plan, rate = self.definitions[0], self.source, self.plan(), float(self.rate.value())

        def work(progress, cancelled):
            return download(source, service, plan, out, rate_per_s=rate, progress=progress, cancelled=cancelled,
                            confirmed=True)

        def done(result) -> None:
            self.download_result = result
            self.estimate_label.setText(self.tr("已下载 {written} 张，已有 {skipped} 张，失败 {failed} 张").format(
                written=result.written, skipped=result.skipped, failed=result.failed))
            self.main_window.basemap_box.add_archive(str(out))

        def failed(exc) -> None:
            from ..data.errors import DataError
            from ..data.errors import Cancelled

            if isinstance(exc, Cancelled):
                self.estimate_label.setText(self.tr("已暂停：已下载的瓦片已保存，再次开始即从中断处继续"))
            else:
                self.estimate_label.setText(exc.one_line(self.main_window.lang) if isinstance(exc, DataError) else str(exc))

        start_tracked(self, self.jobs, self.tr("正在下载离线底图包…"), self.tr("暂停"), work, done, failed)
