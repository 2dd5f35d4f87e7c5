"""Type a project's position as coordinates (WGS84, CGCS2000 GK zone 37 or
CM 111°E); data/register/typed_position.py reads it and keeps the precision
the digits carry. Problems are shown in the form, in plain text."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit

from ..data.register.typed_position import SYSTEMS, PositionError, TypedPosition, parse_position


class PositionDialog(QDialog):
    def __init__(self, lang: str, parent=None):
        super().__init__(parent)
        self.lang = lang
        self.position: TypedPosition | None = None
        self.setWindowTitle(self.tr("输入坐标"))
        form = QFormLayout(self)
        self.system = QComboBox()
        for system in SYSTEMS:
            self.system.addItem(system.name_zh if lang == "zh" else system.name_en, system.key)
        self.system.currentIndexChanged.connect(self._relabel)
        self.east, self.north = QLineEdit(), QLineEdit()
        self.east_label, self.north_label = QLabel(), QLabel()
        self.problem = QLabel()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        form.addRow(self.tr("坐标系"), self.system)
        form.addRow(self.east_label, self.east)
        form.addRow(self.north_label, self.north)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._relabel()

    def _relabel(self) -> None:
        degrees = self.system.currentData() == "wgs84"
        self.east_label.setText(self.tr("经度（度）") if degrees else self.tr("东坐标 Y（米）"))
        self.north_label.setText(self.tr("纬度（度）") if degrees else self.tr("北坐标 X（米）"))

    def _accept(self) -> None:
        try:
            self.position = parse_position(self.system.currentData(), self.east.text(), self.north.text())
        except PositionError as exc:
            self.problem.setText(exc.text.in_lang(self.lang))
            return
        self.accept()
