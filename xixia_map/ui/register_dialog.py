"""A project's attributes with proper widgets: the status and level from the
documents' lists (the status may be typed in the ledger's own words, 续建 …),
investments in 万元, dates with a calendar."""
from __future__ import annotations

import math

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QLineEdit,
)

from ..data.register.fields import FIELDS, LEVELS, STATUSES


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value == ""


class ProjectDialog(QDialog):
    def __init__(self, record: dict, townships: list[str], parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("项目属性"))
        self.widgets = {}
        form = QFormLayout(self)
        for f in FIELDS:
            value = record.get(f.key)
            if f.key in ("status", "level", "township"):
                widget = QComboBox()
                widget.setEditable(f.key == "status")
                widget.addItem(self.tr("（未填）"), None)
                for choice in {"status": STATUSES, "level": LEVELS, "township": townships}[f.key]:
                    widget.addItem(choice, choice)
                if not _blank(value):
                    if widget.findData(value) < 0:
                        widget.addItem(str(value), value)
                    widget.setCurrentIndex(widget.findData(value))
            elif f.kind == "money":
                widget = QDoubleSpinBox()
                widget.setRange(0, 1e9)
                widget.setDecimals(2)
                widget.setSuffix(" " + self.tr("万元"))
                widget.setGroupSeparatorShown(True)
                widget.setSpecialValueText(self.tr("（未填）"))
                widget.setValue(0 if _blank(value) else float(value))
            elif f.kind == "date":
                widget = QDateEdit()
                widget.setCalendarPopup(True)
                widget.setDisplayFormat("yyyy-MM-dd")
                widget.setMinimumDate(QDate(1990, 1, 1))
                widget.setSpecialValueText(self.tr("（未填）"))
                date = QDate.fromString(str(value)[:10], "yyyy-MM-dd") if not _blank(value) else QDate()
                if not date.isValid() and not _blank(value):
                    date = QDate.fromString(str(value)[:7], "yyyy-MM")
                widget.setDate(date if date.isValid() else widget.minimumDate())
            else:
                widget = QLineEdit("" if _blank(value) else str(value))
            self.widgets[f.key] = widget
            form.addRow(f.header, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict:
        out = {}
        for key, widget in self.widgets.items():
            if isinstance(widget, QComboBox):
                typed = widget.currentText().strip()
                listed = widget.currentIndex() >= 0 and widget.itemText(widget.currentIndex()) == widget.currentText()
                out[key] = widget.currentData() if listed or not widget.isEditable() else (typed or None)
            elif isinstance(widget, QDoubleSpinBox):
                out[key] = None if widget.value() == widget.minimum() else round(widget.value(), 2)
            elif isinstance(widget, QDateEdit):
                out[key] = None if widget.date() == widget.minimumDate() else widget.date().toString("yyyy-MM-dd")
            else:
                out[key] = widget.text().strip() or None
        return out


class MonthReportDialog(QDialog):
    """One month's completed investment: the month with a calendar, 万元 as a number."""

    def __init__(self, name: str, month: QDate, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("填报月度完成投资"))
        form = QFormLayout(self)
        form.addRow(self.tr("项目"), QLineEdit(name, readOnly=True))
        self.month = QDateEdit(month)
        self.month.setCalendarPopup(True)
        self.month.setDisplayFormat("yyyy-MM")
        self.amount = QDoubleSpinBox()
        self.amount.setRange(0, 1e9)
        self.amount.setDecimals(1)
        self.amount.setSuffix(" " + self.tr("万元"))
        self.amount.setGroupSeparatorShown(True)
        form.addRow(self.tr("月份"), self.month)
        form.addRow(self.tr("当月完成投资"), self.amount)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def report(self) -> tuple[str, float]:
        return self.month.date().toString("yyyy-MM"), round(self.amount.value(), 1)
