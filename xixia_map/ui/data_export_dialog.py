"""导出数据: the visible layers' (or the selected) features to a data file.

Before a zipped Shapefile is written, the planner is told what it cannot
hold (field names over 10 bytes, text over 254 bytes: export/shapefile_fit.py)
and chooses: GeoPackage instead (the default), the Shapefile with names
shortened and text cut, or nothing.
"""
from __future__ import annotations

import logging

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QMessageBox

from ..data.log import log_failure
from ..export.data_export import FORMATS, selection_frame, plan_shapefile, write_features
from ..export.shapefile_fit import NAMES_FILE, ShapefileFit
from . import file_dialogs, plain_text
from .background import failure_text
from .i18n import tr


class DataExportDialog(QDialog):
    """What to export: which features, how a CSV holds geometry, a Shapefile's encoding."""

    def __init__(self, selected: bool, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("导出数据"))
        self.scope = QComboBox()
        self.scope.addItem(tr("可见图层的全部要素"), "visible")
        if selected:
            self.scope.addItem(tr("当前选中的要素"), "selected")
        self.csv_geometry = QComboBox()
        self.csv_geometry.addItem("CSV: WKT", "wkt")
        self.csv_geometry.addItem(tr("CSV: 经纬度"), "lonlat")
        self.encoding = QComboBox()
        self.encoding.addItem(QCoreApplication.translate("MainWindow", "GBK（国内常用 GIS 软件默认）"), "GBK")
        self.encoding.addItem("UTF-8", "UTF-8")
        form = QFormLayout(self)
        form.addRow(tr("范围"), self.scope)
        form.addRow(tr("CSV 几何"), self.csv_geometry)
        form.addRow(QCoreApplication.translate("MainWindow", "Shapefile 编码"), self.encoding)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)


class ShapefileCutsBox(QMessageBox):
    """The question before a Shapefile that would shorten names or cut text."""

    GEOPACKAGE, SHAPEFILE = "gpkg", "shapefile"

    def __init__(self, out: Path, fit: ShapefileFit, lang: str, parent=None):
        super().__init__(QMessageBox.Icon.Question, tr("Shapefile 会改动数据"), "", QMessageBox.StandardButton.NoButton,
                         parent)
        self.setTextFormat(Qt.TextFormat.PlainText)  # field names come from the data
        self.setText(f"{out.name}：{fit.describe().in_lang(lang)}\n\n"
                     + tr("GeoPackage（.gpkg）没有这些限制，能完整保存全部字段名和文字，国内常用 GIS 软件都能打开。"))
        self.gpkg_button = self.addButton(tr("改为导出 GeoPackage"), QMessageBox.ButtonRole.AcceptRole)
        self.shapefile_button = self.addButton(tr("仍导出 Shapefile（缩短字段名、截断文字）"),
                                               QMessageBox.ButtonRole.DestructiveRole)
        self.cancel_button = self.addButton(tr("取消"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.gpkg_button)
        self.setEscapeButton(self.cancel_button)

    def choice(self) -> str | None:
        clicked = self.clickedButton()
        if clicked is self.gpkg_button:
            return self.GEOPACKAGE
        if clicked is self.shapefile_button:
            return self.SHAPEFILE
        return None


def _free_path(path: Path) -> Path:
    """`path`, or `name (2).gpkg` … when a file is already there (never written over unasked)."""
    number = 2
    candidate = path
    while candidate.exists():
        candidate = path.with_name(f"{path.stem} ({number}){path.suffix}")
        number += 1
    return candidate


def ask_data_export(parent, layers, selected: tuple[str, str] | None, path: Path | None = None) -> Path | None:
    """The dialog, the file (`path`: already chosen), the Shapefile question
    when needed, then the export; returns the file written."""
    dialog = DataExportDialog(bool(selected), parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    if path is None:
        chosen, _ = file_dialogs.getSaveFileName(
            parent, tr("导出数据"), "西峡数据.gpkg",
            "GeoPackage (*.gpkg);;GeoJSON (*.geojson);;CSV (*.csv);;"
            + QCoreApplication.translate("MainWindow", "Shapefile（压缩包）") + " (*.zip);;"
            + QCoreApplication.translate("MainWindow", "CAD 图纸（高斯-克吕格 37 带）") + " (*.dxf)")
        if not chosen:
            return None
        path = Path(chosen)
    out = Path(path)
    lang = getattr(parent, "lang", "zh")
    visible = [layer for layer in layers if layer.visible]
    ids = {selected[0]: [selected[1]]} if dialog.scope.currentData() == "selected" and selected else None
    encoding = dialog.encoding.currentData()
    try:
        frame = selection_frame([v for v in visible if not v.is_raster], ids)
        fit = None
        if FORMATS.get(out.suffix.lower()) == "ESRI Shapefile":
            fit = plan_shapefile(frame, encoding)
            if fit.needed():
                box = ShapefileCutsBox(out, fit, lang, parent)
                box.exec()
                choice = box.choice()
                if choice is None:
                    return None
                if choice == ShapefileCutsBox.GEOPACKAGE:
                    out, fit = _free_path(out.with_suffix(".gpkg")), None
        labels = {layer.id: (layer.spec.title_zh, layer.spec.label_field) for layer in visible}
        write_features(frame, out, dialog.csv_geometry.currentData(), shapefile_encoding=encoding,
                       shapefile_accept_cuts=fit is not None, labels=labels)
    except Exception as exc:
        log_failure(logging.getLogger(__name__), exc, "export to %s", out)
        plain_text.critical(parent, tr("导出失败"), failure_text(exc, lang, out))
        return None
    if fit is not None and fit.needed():
        said = fit.describe(done=True).in_lang(lang)
        if fit.renamed:
            said += "\n" + tr("新旧字段名对照见压缩包中的 {name}。").format(name=NAMES_FILE)
        plain_text.inform(parent, tr("导出数据"), f"{out.name}：{said}")
    return out
