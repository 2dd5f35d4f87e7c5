"""Export dialogs: map snapshots (PNG/PDF/HTML) from the current view (data: data_export_dialog.py)."""
from __future__ import annotations

import logging

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit,
    QProgressDialog, QSpinBox,
)

from ..data.layers import LayerList
from ..data.log import log_failure
from ..data.atomic_write import atomic_path
from ..export.html_export import write_html
from ..export.paper import paper_px
from ..export.report import ReportRequest, write_report
from ..export.snapshot import SnapshotRequest, render_map
from . import file_dialogs, plain_text
from .i18n import tr

MAP_KINDS = ["png_window", "png_pixels", "png_paper", "pdf", "html"]


class MapExportDialog(QDialog):
    def __init__(self, window_size: tuple[int, int], parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("导出地图"))
        self.window_size = window_size
        self.kind = QComboBox()
        labels = [self.tr("PNG · 当前地图尺寸"), self.tr("PNG · 指定像素"), self.tr("PNG · 打印尺寸"),
                  self.tr("PDF 报告版式"), self.tr("交互式 HTML")]
        for kind, label in zip(MAP_KINDS, labels):
            self.kind.addItem(label, kind)
        self.title = QLineEdit(self.tr("西峡县重点项目分布图"))
        self.width_px = QSpinBox()
        self.height_px = QSpinBox()
        for spin, value in ((self.width_px, 1600), (self.height_px, 1000)):
            spin.setRange(16, 16000)
            spin.setValue(value)
        self.paper = QComboBox()
        self.paper.addItems(["A4", "A3"])
        self.landscape = QCheckBox(self.tr("横向"))
        self.landscape.setChecked(True)
        self.dpi = QComboBox()
        for dpi in (150, 300):
            self.dpi.addItem(f"{dpi} dpi", dpi)
        from .settings import open_settings

        remembered = open_settings()  # 制图单位 and 审图号 stay from one export to the next
        self.furniture = QCheckBox(self.tr("加比例尺、指北针和图例"))
        self.furniture.setChecked(remembered.value("export/furniture", "true") in (True, "true"))
        self.maker = QLineEdit(str(remembered.value("export/maker", "") or ""))
        self.review_number = QLineEdit(str(remembered.value("export/review_number", "") or ""))
        self.review_number.setPlaceholderText(self.tr("公开出版的地图须有审图号"))
        form = QFormLayout(self)
        form.addRow(self.tr("格式"), self.kind)
        form.addRow(self.tr("标题"), self.title)
        form.addRow(self.tr("宽 (像素)"), self.width_px)
        form.addRow(self.tr("高 (像素)"), self.height_px)
        form.addRow(self.tr("纸张"), self.paper)
        form.addRow("", self.landscape)
        form.addRow(self.tr("分辨率"), self.dpi)
        form.addRow("", self.furniture)
        form.addRow(self.tr("制图单位"), self.maker)
        form.addRow(self.tr("审图号"), self.review_number)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.kind.currentIndexChanged.connect(self._update_enabled)
        self._update_enabled()

    def _update_enabled(self) -> None:
        kind = self.kind.currentData()
        self.width_px.setEnabled(kind == "png_pixels")
        self.height_px.setEnabled(kind == "png_pixels")
        if kind == "png_window":  # the greyed size is the one the file will have: the map's
            self.width_px.setValue(self.window_size[0])
            self.height_px.setValue(self.window_size[1])
        for widget in (self.paper, self.landscape, self.dpi):
            widget.setEnabled(kind in ("png_paper", "pdf"))
        self.title.setEnabled(kind in ("pdf", "html"))
        self.maker.setEnabled(kind == "pdf")
        self.furniture.setEnabled(kind.startswith("png"))
        self.review_number.setEnabled(kind == "pdf")

    def remember(self) -> None:
        from .settings import open_settings

        settings = open_settings()
        settings.setValue("export/maker", self.maker.text().strip())
        settings.setValue("export/review_number", self.review_number.text().strip())
        settings.setValue("export/furniture", "true" if self.furniture.isChecked() else "false")

    def suffix(self) -> str:
        return {"pdf": ".pdf", "html": ".html"}.get(self.kind.currentData(), ".png")

    def pixel_size(self) -> tuple[int, int]:
        kind = self.kind.currentData()
        if kind == "png_window":
            return self.window_size
        if kind == "png_paper":
            return paper_px(self.paper.currentText(), self.landscape.isChecked(), self.dpi.currentData())
        return self.width_px.value(), self.height_px.value()


def _basemap_of(window) -> dict:
    """The basemap the window shows, so the export matches the screen."""
    view = getattr(window, "map_view", None)
    if view is None:
        return {}
    return {"basemaps": view.basemaps, "basemap": view.basemap}


def _swipe_of(window) -> dict | None:
    """卷帘 as the window shows it, drawn by the PNG and PDF exports too."""
    view = getattr(window, "map_view", None)
    return view.swipe_request() if view is not None else None


def run_map_export(dialog: MapExportDialog, layers: LayerList, out: Path, bounds, select, lang: str,
                   parent=None) -> None:
    kind = dialog.kind.currentData()
    progress = QProgressDialog(tr("正在导出…") if parent else "…", None, 0, 100, parent)  # type: ignore[call-overload]  # PySide6 stub: cancelButtonText is str; None (no Cancel) is Qt's own
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)
    progress.setValue(5)

    def step(value: int, _label: str = "") -> None:
        progress.setValue(value)

    try:
        if kind == "html":
            notes = write_html(layers, out, bounds, lang, dialog.title.text(), **_basemap_of(parent))
            if notes and parent is not None and hasattr(parent, "statusBar"):
                parent.statusBar().showMessage("；".join(notes) if lang == "zh" else "; ".join(notes), 15000)
        elif kind == "pdf":
            dialog.remember()
            request = ReportRequest(dialog.title.text(), dialog.paper.currentText(), dialog.landscape.isChecked(),
                                    dialog.dpi.currentData(), bounds, select, maker=dialog.maker.text().strip(),
                                    review_number=dialog.review_number.text().strip(), **_basemap_of(parent),
                                    swipe=_swipe_of(parent))
            with atomic_path(out) as tmp:
                write_report(layers, request, tmp, lang, progress=step)
        else:
            step(20)
            scale = dialog.dpi.currentData() / 96.0 if kind == "png_paper" else None
            image, state = render_map(layers, SnapshotRequest(*dialog.pixel_size(), bounds, select, scale=scale,
                                                                   lang=lang, **_basemap_of(parent),
                                                                   swipe=_swipe_of(parent)))
            dialog.remember()
            if dialog.furniture.isChecked():
                from ..export.furniture import add_furniture

                image = add_furniture(image, state, layers, lang, 96.0 * (scale or 1.0))
            step(85)
            with atomic_path(out) as tmp:
                if not image.save(str(tmp), "PNG"):  # type: ignore[call-overload]  # PySide6 6.11 stubs: format is bytes; the binding takes str only
                    raise OSError(f"could not write {out}")
    finally:
        progress.setValue(100)
        progress.close()


def ask_map_export(parent, layers: LayerList, bounds, select, lang: str) -> Path | None:
    size = parent.map_view.size()
    dialog = MapExportDialog((size.width(), size.height()), parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    path, _ = file_dialogs.getSaveFileName(parent, tr("导出地图"), f"西峡地图{dialog.suffix()}",
                                          f"*{dialog.suffix()}")
    if not path:
        return None
    out = Path(path)
    if out.suffix.lower() != dialog.suffix():
        out = out.with_suffix(dialog.suffix())
    try:
        run_map_export(dialog, layers, out, bounds, select, lang, parent)
    except Exception as exc:  # show the cause; the old file is untouched (atomic writes)
        from .background import failure_text

        log_failure(logging.getLogger(__name__), exc, "export to %s", out)
        plain_text.critical(parent, tr("导出失败"), failure_text(exc, lang, out))
        return None
    return out
