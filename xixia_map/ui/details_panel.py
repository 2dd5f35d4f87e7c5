"""Details of the selected feature: every catalog field with its Chinese label.

Values go into QLabels set to plain text, so attribute strings are never
interpreted as markup.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFormLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget,
)

from ..data.crs import format_coordinates
from ..data.layers import LayerList


def plain_label(text: str, *, bold: bool = False) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if bold:
        font = label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        label.setFont(font)
    return label


class DetailsPanel(QWidget):
    zoom_requested = Signal(str, str)
    edit_requested = Signal(str, str)  # 编辑属性 on a feature of a layer in 编辑 mode (the register)

    def __init__(self, layers: LayerList, lang: str = "zh", parent=None):
        super().__init__(parent)
        self.layers = layers
        self.lang = lang
        self.record: dict | None = None
        self.title = plain_label("", bold=True)
        self.subtitle = plain_label("")
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        body = QWidget()
        body.setLayout(self.form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.zoom_button = QPushButton()
        self.copy_button = QPushButton()
        self.edit_button = QPushButton()
        self.editable: set[str] = set()
        self.zoom_button.clicked.connect(self._zoom)
        self.copy_button.clicked.connect(self._copy)
        self.edit_button.clicked.connect(
            lambda: self.record and self.edit_requested.emit(self.record["_layer"], str(self.record["id"])))
        buttons = QHBoxLayout()
        buttons.addWidget(self.zoom_button)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.retranslate(lang)

    def retranslate(self, lang: str) -> None:
        self.lang = lang
        self.zoom_button.setText(self.tr("缩放至"))
        self.copy_button.setText(self.tr("复制坐标"))
        self.edit_button.setText(self.tr("编辑属性…"))
        self.show_record(self.record)

    def set_editable(self, layer_id: str, on: bool) -> None:
        (self.editable.add if on else self.editable.discard)(layer_id)
        self.show_record(self.record)

    def show_record(self, record: dict | None) -> None:
        self.record = record
        while self.form.rowCount():
            self.form.removeRow(0)
        enabled = record is not None
        self.zoom_button.setEnabled(enabled)
        self.copy_button.setEnabled(enabled)
        self.edit_button.setVisible(record is not None and record["_layer"] in self.editable)
        if record is None:
            self.title.setText(self.tr("未选择要素"))
            self.subtitle.setText(self.tr("在地图上点击要素查看详情"))
            return
        spec = self.layers[record["_layer"]].spec
        self.title.setText(str(record.get("name_zh") or record.get(spec.label_field) or record.get("id")))
        self.subtitle.setText(spec.title(self.lang))
        for detail in spec.detail_fields:
            value = record.get(detail.field)
            if value is None or value == "":
                continue
            if detail.field == "source":  # documents by title, datasets by name, pages by site
                from ..data.source_words import source_words
                from . import plain_text

                label = plain_label(source_words(str(value), self.lang))
                label.setToolTip(plain_text.tooltip(str(value)))  # the record's source as written
                self.form.addRow(plain_label(detail.label(self.lang) + ":"), label)
                continue
            self.form.addRow(plain_label(detail.label(self.lang) + ":"), plain_label(str(value)))
        extra_names = {"面积": self.tr("面积"), "长度": self.tr("长度"), "高程（米）": self.tr("高程（米）"),
                       "像元值（第 1 波段）": self.tr("像元值（第 1 波段）")}
        extra: dict[str, str] = dict(record.get("_extra", {}))  # measure -> its text
        if self.lang != "zh" and ("面积" in extra or "长度" in extra) and record.get("_layer") in self.layers:
            from ..data.measure import geometry_measures

            layer = self.layers[record["_layer"]]  # the area or length again, in English units
            try:
                extra.update(geometry_measures(layer.geometry_of(str(record.get("id"))), self.lang))
            except KeyError:  # a feature no longer in the layer: its record as it came
                pass
        for measure, value in extra.items():
            self.form.addRow(plain_label(extra_names.get(measure, measure) + ":"), plain_label(value))
        lon, lat = record["_lonlat"]
        accuracy = record.get("accuracy_m")
        estimated = self.tr("，推定") if record.get("estimated") else ""
        suffix = f"\n(±{accuracy:g} m{estimated})" if accuracy else ""
        if record.get("within"):
            lon_lat_text = self.tr("选址未定，位于所在区域内（坐标为区域中心）")
            self.form.addRow(plain_label(self.tr("坐标") + ":"), plain_label(lon_lat_text + suffix))
        else:
            self.form.addRow(plain_label(self.tr("坐标") + ":"),
                             plain_label(format_coordinates(lon, lat, self.lang) + suffix))
        self._list_members(record)

    def _list_members(self, record: dict) -> None:
        """An area's features whose site is unknown inside it, each a button to its details."""
        frame = self.layers[record["_layer"]].frame
        if "within" not in frame.columns:
            return
        members = frame[frame["within"] == record.get("id")]
        if not len(members):
            return
        self.form.addRow(plain_label(self.tr("区内项目（选址未定）") + f"：{len(members)}", bold=True))
        layer = self.layers[record["_layer"]]
        label_field = layer.spec.label_field
        for fid, name in zip(members["id"], members[label_field]):
            button = QPushButton(str(name).replace("&", "&&"))  # "&" would otherwise mark a shortcut
            button.setFlat(True)
            button.setStyleSheet("text-align: left; color: #0b4f8a;")
            button.clicked.connect(lambda _=False, fid=str(fid): self.show_record(layer.record(fid)))
            self.form.addRow(button)

    def coordinates_text(self) -> str:
        if self.record is None:
            return ""
        lon, lat = self.record["_lonlat"]
        return format_coordinates(lon, lat, self.lang)

    def _zoom(self) -> None:
        if self.record:
            self.zoom_requested.emit(self.record["_layer"], str(self.record["id"]))

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.coordinates_text())
