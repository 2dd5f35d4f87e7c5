"""The layer style dialog (as QGIS's layer properties → symbology and labels):
a thin form over data/styling.py, which builds the style."""
from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox, QColorDialog, QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QGroupBox,
    QPushButton, QSlider, QSpinBox, QVBoxLayout,
)
from PySide6.QtCore import QCoreApplication, Qt

from ..data.styling import MARKERS, StyleChoice, build_style, choice_from_style
from . import plain_text


class ColorButton(QPushButton):
    def __init__(self, color: str, parent=None):
        super().__init__(parent)
        self.color = color
        self.clicked.connect(self._choose)
        self._paint()

    def _paint(self) -> None:
        # A swatch, not a hex code: the Chinese window shows no codes.
        self.setText("")
        self.setMinimumWidth(80)
        self.setStyleSheet(f"background-color: {self.color};")

    def _choose(self) -> None:
        # Parented to the dialog, not this button: a child widget inherits the
        # button's swatch style sheet, and the colour dialog came up painted in it.
        chosen = QColorDialog.getColor(QColor(self.color), self.window(), self.tr("选择颜色"))
        if chosen.isValid():
            self.color = chosen.name()
            self._paint()


class StyleDialog(QDialog):
    def __init__(self, layer, parent=None):
        super().__init__(parent)
        self.layer = layer
        spec = layer.spec
        self.setWindowTitle(self.tr("图层样式") + " · " + spec.title_zh)
        choice = choice_from_style(spec.style, spec.label_field, spec.label_mode)
        fields = [c for c in layer.frame.columns if c != layer.frame.geometry.name]
        # Bundled layers name their fields in the catalog (状态, not status); a user's file as it is.
        self._labels = {d.field: d.label_zh for d in spec.detail_fields}
        from pandas.api.types import is_bool_dtype, is_numeric_dtype

        numeric = [c for c in fields if is_numeric_dtype(layer.frame[c]) and not is_bool_dtype(layer.frame[c])]

        self.mode = QComboBox()
        for key, text in (("single", self.tr("单一颜色")), ("categorized", self.tr("分类（按字段取值）")),
                          ("graduated", self.tr("分级（按数值字段）"))):
            self.mode.addItem(text, key)
        self.mode.setCurrentIndex(max(0, self.mode.findData(choice.mode)))
        self.field = QComboBox()
        self._all_fields, self._numeric = fields, numeric
        self.method = QComboBox()
        for key, text in (("equal_interval", self.tr("等间距")), ("quantiles", self.tr("分位数")),
                          ("natural_breaks", self.tr("自然断点"))):
            self.method.addItem(text, key)
        self.method.setCurrentIndex(max(0, self.method.findData(choice.method)))
        self.classes = QSpinBox()
        self.classes.setRange(2, 9)
        self.classes.setValue(choice.classes)
        self.fill = ColorButton(choice.fill)
        self.stroke = ColorButton(choice.stroke)
        self.opacity = QSlider(Qt.Orientation.Horizontal)
        self.opacity.setRange(0, 100)
        self.opacity.setValue(round(choice.opacity * 100))
        self.line_width = QDoubleSpinBox()
        self.line_width.setRange(0.2, 12)
        self.line_width.setSingleStep(0.5)
        self.line_width.setValue(choice.width)
        self.marker = QComboBox()
        names = {"circle": self.tr("圆形"), "square": self.tr("方形"), "diamond": self.tr("菱形"),
                 "triangle": self.tr("三角形"), "star": self.tr("星形")}
        for key in MARKERS:
            self.marker.addItem(names[key], key)
        self.marker.setCurrentIndex(max(0, self.marker.findData(choice.marker)))
        self.marker_size = QSpinBox()
        self.marker_size.setRange(2, 40)
        self.marker_size.setValue(choice.size)

        self.label_field = QComboBox()
        self.label_field.addItem(self.tr("（不标注）"), None)
        for name in fields:
            self.label_field.addItem(self._labels.get(name, str(name)), name)
        self.label_field.setCurrentIndex(max(0, self.label_field.findData(choice.label_field)))
        self.label_size = QSpinBox()
        self.label_size.setRange(6, 48)
        self.label_size.setValue(choice.label_size)
        self.label_color = ColorButton(choice.label_color)
        self.label_halo = QCheckBox(self.tr("白色描边（光晕）"))
        self.label_halo.setChecked(choice.label_halo)

        symbol = QGroupBox(self.tr("符号"))
        form = QFormLayout(symbol)
        form.addRow(self.tr("方式"), self.mode)
        form.addRow(self.tr("字段"), self.field)
        form.addRow(self.tr("分级方法"), self.method)
        form.addRow(self.tr("级数"), self.classes)
        form.addRow(self.tr("填充颜色"), self.fill)
        form.addRow(self.tr("边线颜色"), self.stroke)
        form.addRow(self.tr("填充不透明度"), self.opacity)
        form.addRow(self.tr("线宽"), self.line_width)
        if spec.geometry == "Point":
            form.addRow(self.tr("点符号"), self.marker)
            form.addRow(self.tr("大小"), self.marker_size)
        labels = QGroupBox(self.tr("标注"))
        label_form = QFormLayout(labels)
        label_form.addRow(self.tr("标注字段"), self.label_field)
        label_form.addRow(self.tr("字号"), self.label_size)
        label_form.addRow(self.tr("颜色"), self.label_color)
        label_form.addRow("", self.label_halo)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(symbol)
        layout.addWidget(labels)
        layout.addWidget(buttons)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self._mode_changed()
        if choice.field is not None:
            self.field.setCurrentIndex(max(0, self.field.findData(choice.field)))

    def _mode_changed(self, *_args) -> None:
        mode = self.mode.currentData()
        current = self.field.currentData()
        self.field.clear()
        for name in (self._numeric if mode == "graduated" else self._all_fields):
            self.field.addItem(self._labels.get(name, str(name)), name)
        if current is not None:
            self.field.setCurrentIndex(max(0, self.field.findData(current)))
        self.field.setEnabled(mode != "single")
        self.method.setEnabled(mode == "graduated")
        self.classes.setEnabled(mode == "graduated")

    def choice(self) -> StyleChoice:
        return StyleChoice(mode=self.mode.currentData(), field=self.field.currentData(),
                           method=self.method.currentData(), classes=self.classes.value(), fill=self.fill.color,
                           stroke=self.stroke.color, opacity=self.opacity.value() / 100, width=self.line_width.value(),
                           marker=self.marker.currentData(), size=self.marker_size.value(),
                           label_field=self.label_field.currentData(), label_size=self.label_size.value(),
                           label_color=self.label_color.color, label_halo=self.label_halo.isChecked())


def apply_choice(layers, layer_id: str, choice: StyleChoice) -> None:
    layer = layers[layer_id]
    frame = layer.frame
    if layer.streamed and choice.field in layer.feature_source.fields:
        import pandas as pd  # a large layer: the one column the style is built from, read where it lives

        frame = pd.DataFrame({choice.field: layer.feature_source.column(choice.field)})
    style = build_style(choice, frame, layer.spec.geometry)
    if choice.label_field:
        layers.set_style(layer_id, style, choice.label_field, "permanent")
    else:
        layers.set_style(layer_id, style, None, "hover" if layer.spec.label_mode == "permanent" else None)


def edit_style(window, layer_id: str) -> bool:
    layer = window.layers[layer_id]
    if layer.is_raster:
        return False
    dialog = StyleDialog(layer, window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    try:
        apply_choice(window.layers, layer_id, dialog.choice())
    except ValueError as exc:
        plain_text.warn(window, QCoreApplication.translate("MainWindow", "无法应用样式"), f"{layer.spec.title_zh}: {exc}")
        return False
    return True
